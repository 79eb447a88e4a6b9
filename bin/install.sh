#!/bin/sh
# Installs quotawatch, or uninstalls it: the one script make install and
# make uninstall call, and the tests call on their own build.
#   install.sh install BUILT_BIN_DIR   the built tools, man pages, cron.d, examples,
#                                      and SYSCONFDIR/quotawatch with env.example
#   install.sh uninstall               removes what install installs (never env)
# Where to, as the Makefile's variables: DESTDIR, PREFIX (/usr/local),
# BINDIR, MANDIR, DATADIR, SYSCONFDIR (/etc), PROGRAM_PREFIX; STRIP=1 strips
# the tools.  The installed cron.d files, jobs and units name the paths and
# the prefix they were installed with.  Runs from any directory.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
PREFIX=${PREFIX:-/usr/local}
BINDIR=${BINDIR:-$PREFIX/bin}
MANDIR=${MANDIR:-$PREFIX/share/man}
DATADIR=${DATADIR:-$PREFIX/share/quotawatch}
SYSCONFDIR=${SYSCONFDIR:-/etc}
DESTDIR=${DESTDIR:-}
PROGRAM_PREFIX=${PROGRAM_PREFIX:-}
bin=$DESTDIR$BINDIR man=$DESTDIR$MANDIR data=$DESTDIR$DATADIR etc=$DESTDIR$SYSCONFDIR/quotawatch

# The tools are the man/man1 pages: each has one, and no page is not a tool.
tools() { for p in "$top"/man/man1/*.1; do basename "$p" .1; done; }

# Tools of earlier versions that no longer exist under that name, removed when
# they are ours (their --version names quotawatch), prefixed copies too.
RETIRED="history"
remove_retired() {
    for old in $RETIRED; do
        for f in "$bin/$old" "$bin/$PROGRAM_PREFIX$old"; do
            [ -x "$f" ] && "$f" --version 2>/dev/null | grep -q '(quotawatch)' || continue
            rm -f "$f" "$man/man1/${f##*/}.1"
            echo "removed ${f##*/} of an earlier quotawatch, and its man page"
        done
    done
}

# The cron.d files, jobs and units as shipped name /usr/local and /etc; the
# installed copies name where this install put things.
localise() {
    find "$data/cron.d" "$data/examples/jobs" "$data/examples/systemd" -type f -exec sed -i \
        -e "s|/usr/local/share/quotawatch|$DATADIR|g" -e "s|PATH=/usr/local/bin:|PATH=$BINDIR:|" \
        -e "s|/etc/quotawatch|$SYSCONFDIR/quotawatch|g" \
        -e "s|^QW_PROGRAM_PREFIX=\$|QW_PROGRAM_PREFIX=$PROGRAM_PREFIX|" {} +
}

# Files in /etc/cron.d that run a job of ours this install does not have (a
# job renamed or moved by another PREFIX): cron would fail there every time.
warn_stale_cron() {
    local f path
    for f in "$DESTDIR"/etc/cron.d/*; do
        [ -f "$f" ] || continue
        for path in $(grep -o '/[^ ]*/share/quotawatch/examples/jobs/[A-Za-z0-9_-]*' "$f" | sort -u); do
            [ -x "$DESTDIR$path" ] ||
                echo "install.sh: warning: ${f#"$DESTDIR"} runs $path, which is not installed" >&2
        done
    done
}

case ${1:-} in
install)
    built=${2:?usage: install.sh install BUILT_BIN_DIR}
    install -d "$bin" "$man/man1" "$man/man5" "$man/man7" "$data"
    remove_retired
    for t in $(tools); do
        install -m 755 ${STRIP:+-s} "$built/$t" "$bin/$PROGRAM_PREFIX$t"
        install -m 644 "$top/man/man1/$t.1" "$man/man1/$PROGRAM_PREFIX$t.1"
    done
    install -m 644 "$top"/man/man5/*.5 "$man/man5"
    install -m 644 "$top"/man/man7/*.7 "$man/man7"
    rm -rf "$data/cron.d" "$data/examples"
    cp -R "$top/cron.d" "$top/examples" "$data/"
    localise
    # The settings directory: env.example always, env never overwritten.  Its
    # group is quotawatch's, when that user exists, so the jobs can read env.
    install -d -m 750 "$etc"
    [ -z "$DESTDIR" ] && getent group quotawatch >/dev/null && chgrp quotawatch "$etc"
    install -m 640 "$top/examples/env.example" "$etc/env.example"
    warn_stale_cron
    ;;
uninstall)
    remove_retired
    for t in $(tools); do rm -f "$bin/$PROGRAM_PREFIX$t" "$man/man1/$PROGRAM_PREFIX$t.1"; done
    for p in "$top"/man/man5/*.5 "$top"/man/man7/*.7; do
        rm -f "$man/man${p##*.}/${p##*/}"
    done
    rm -rf "$data"
    rm -f "$etc/env.example"
    rmdir "$etc" 2>/dev/null || true          # kept while it holds an env file
    ;;
*)
    echo "usage: install.sh install BUILT_BIN_DIR | install.sh uninstall" >&2
    exit 1
    ;;
esac
