#!/bin/sh
# Installs quotawatch, or uninstalls it: the one script make install and
# make uninstall call, and the tests call on their own build.
#   install.sh install BUILT_BIN_DIR   the built tools, man pages, cron.d, examples
#   install.sh uninstall               removes what install installs
# Where to, as the Makefile's variables: DESTDIR, PREFIX (/usr/local),
# BINDIR, MANDIR, DATADIR, PROGRAM_PREFIX.  Runs from any directory.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
PREFIX=${PREFIX:-/usr/local}
BINDIR=${BINDIR:-$PREFIX/bin}
MANDIR=${MANDIR:-$PREFIX/share/man}
DATADIR=${DATADIR:-$PREFIX/share/quotawatch}
DESTDIR=${DESTDIR:-}
PROGRAM_PREFIX=${PROGRAM_PREFIX:-}
bin=$DESTDIR$BINDIR man=$DESTDIR$MANDIR data=$DESTDIR$DATADIR

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

case ${1:-} in
install)
    built=${2:?usage: install.sh install BUILT_BIN_DIR}
    install -d "$bin" "$man/man1" "$man/man5" "$man/man7" "$data"
    remove_retired
    for t in $(tools); do
        install -m 755 "$built/$t" "$bin/$PROGRAM_PREFIX$t"
        install -m 644 "$top/man/man1/$t.1" "$man/man1/$PROGRAM_PREFIX$t.1"
    done
    install -m 644 "$top"/man/man5/*.5 "$man/man5"
    install -m 644 "$top"/man/man7/*.7 "$man/man7"
    rm -rf "$data/cron.d" "$data/examples"
    cp -R "$top/cron.d" "$top/examples" "$data/"
    ;;
uninstall)
    remove_retired
    for t in $(tools); do rm -f "$bin/$PROGRAM_PREFIX$t" "$man/man1/$PROGRAM_PREFIX$t.1"; done
    for p in "$top"/man/man5/*.5 "$top"/man/man7/*.7; do
        rm -f "$man/man${p##*.}/${p##*/}"
    done
    rm -rf "$data"
    ;;
*)
    echo "usage: install.sh install BUILT_BIN_DIR | install.sh uninstall" >&2
    exit 1
    ;;
esac
