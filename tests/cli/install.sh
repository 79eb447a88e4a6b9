# deployment test: the first pass of make check only.
# Install and uninstall into a temporary DESTDIR with bin/install.sh, the script
# make install runs (on the tests' own build: no make here), and the installed
# tools run.
. "$(dirname "$0")/lib.sh"
top=$(cd "$here/../.." && pwd)
root="$T/root"
inst() { "$top/bin/install.sh" "$@"; }

DESTDIR="$root" PREFIX=/usr inst install "$QW_BIN" >"$T/out" 2>"$T/err"
check "install succeeds" [ $? = 0 ]
for page in "$top"/man/man1/*.1; do
    name=$(basename "$page" .1)
    check "$name is installed" [ -x "$root/usr/bin/$name" ]
    check "$name has its man page" [ -f "$root/usr/share/man/man1/$name.1" ]
done
check "the record format page" [ -f "$root/usr/share/man/man5/quotawatch-record.5" ]
check "the overview page" [ -f "$root/usr/share/man/man7/quotawatch.7" ]
check "examples under share/quotawatch" [ -d "$root/usr/share/quotawatch/examples" ]
check "cron.d under share/quotawatch" [ -d "$root/usr/share/quotawatch/cron.d" ]
check "the installed evaluate runs" \
    [ "$(echo '{"provider":"moonshot","kind":"balance","unit":"USD","remaining":5,"status":"ok"}' |
         "$root/usr/bin/evaluate" | jq -r .level)" = warning ]
check "the installed page renders" \
    sh -c "mandoc -T ascii '$root/usr/share/man/man1/evaluate.1' | grep -q 'judge quota'"
if command -v man >/dev/null; then
    check "man -M shows it" sh -c "MANPAGER=cat man -M '$root/usr/share/man' evaluate 2>/dev/null | grep -q 'judge quota'"
fi

DESTDIR="$root" PREFIX=/usr inst uninstall >"$T/out" 2>"$T/err"
check "uninstall succeeds" [ $? = 0 ]
check "nothing is left behind" [ -z "$(find "$root" -type f)" ]

DESTDIR="$root" PREFIX=/opt/qw PROGRAM_PREFIX=qw- inst install "$QW_BIN" >"$T/out" 2>"$T/err"
check "PROGRAM_PREFIX renames the tools" [ -x "$root/opt/qw/bin/qw-evaluate" ]
check "PROGRAM_PREFIX renames the pages" [ -f "$root/opt/qw/share/man/man1/qw-evaluate.1" ]
check "and leaves no unprefixed tool" [ ! -e "$root/opt/qw/bin/evaluate" ]
DESTDIR="$root" PREFIX=/opt/qw PROGRAM_PREFIX=qw- inst uninstall >/dev/null 2>&1
check "prefixed uninstall leaves nothing" [ -z "$(find "$root" -type f)" ]

# Upgrading from 0.1.0, whose history tool is now recall: our old history and
# its page go, prefixed copies too; somebody else's history stays.
old_tool() {   # old_tool PATH VERSION-LINE
    mkdir -p "$(dirname "$1")"
    printf '#!/bin/sh\necho "%s"\n' "$2" >"$1"
    chmod 755 "$1"
}
old_tool "$root/usr/bin/history" "history (quotawatch) 0.1.0"
old_tool "$root/usr/bin/qw-history" "qw-history (quotawatch) 0.1.0"
mkdir -p "$root/usr/share/man/man1"
: >"$root/usr/share/man/man1/history.1"
DESTDIR="$root" PREFIX=/usr inst install "$QW_BIN" >"$T/out" 2>"$T/err"
check "install over 0.1.0 removes its history" [ ! -e "$root/usr/bin/history" ]
check "and its man page" [ ! -e "$root/usr/share/man/man1/history.1" ]
check "and says so" grep -q '^removed history of an earlier quotawatch' "$T/out"
check "recall is installed instead" [ -x "$root/usr/bin/recall" ]
DESTDIR="$root" PREFIX=/usr PROGRAM_PREFIX=qw- inst install "$QW_BIN" >/dev/null 2>&1
check "a prefixed old copy goes too" [ ! -e "$root/usr/bin/qw-history" ]
DESTDIR="$root" PREFIX=/usr PROGRAM_PREFIX=qw- inst uninstall >/dev/null 2>&1
DESTDIR="$root" PREFIX=/usr inst uninstall >/dev/null 2>&1
old_tool "$root/usr/bin/history" "history from another package 1.0"
DESTDIR="$root" PREFIX=/usr inst install "$QW_BIN" >/dev/null 2>&1
check "a history that is not ours stays" [ -x "$root/usr/bin/history" ]
DESTDIR="$root" PREFIX=/usr inst uninstall >/dev/null 2>&1
check "uninstall leaves it too" [ -x "$root/usr/bin/history" ]

# Installed files carry the paths and the names they were installed with.
rm -rf "$root"
DESTDIR="$root" PREFIX=/usr PROGRAM_PREFIX=qw- inst install "$QW_BIN" >"$T/out" 2>"$T/err"
share="$root/usr/share/quotawatch"
check "PREFIX=/usr: the cron files run the jobs under /usr/share" \
    grep -q ' /usr/share/quotawatch/examples/jobs/kimi-reset$' "$share/cron.d/quotawatch-kimi-reset"
check "and look for the tools in /usr/bin" grep -qx 'PATH=/usr/bin:/usr/bin:/bin' "$share/cron.d/quotawatch-kimi-reset"
check "no installed cron file, job or unit names /usr/local" \
    sh -c "! grep -rq /usr/local '$share/cron.d' '$share/examples/jobs' '$share/examples/systemd'"
check "the jobs know the prefix" grep -qx 'QW_PROGRAM_PREFIX=qw-' "$share/examples/jobs/common.sh"
out=$(echo '{"provider":"moonshot","kind":"balance","unit":"USD","remaining":5,"status":"ok"}' |
      env -i PATH="$root/usr/bin:/usr/bin:/bin" bash -c '. "$1"; evaluate' - "$share/examples/jobs/common.sh" |
      jq -r .level)
check "a job's plain 'evaluate' runs qw-evaluate" [ "$out" = warning ]
check "/etc/quotawatch is made, mode 750" [ "$(stat -c %a "$root/etc/quotawatch")" = 750 ]
check "with env.example" grep -q '^#MOONSHOT_API_KEY=' "$root/etc/quotawatch/env.example"
echo 'MOONSHOT_API_KEY=mine' >"$root/etc/quotawatch/env"
mkdir -p "$root/etc/cron.d"
echo '*/5 * * * * quotawatch /usr/share/quotawatch/examples/jobs/watch-all' >"$root/etc/cron.d/quotawatch-watch-all"
echo '0 * * * * quotawatch /usr/local/share/quotawatch/examples/jobs/hourly-summary' >"$root/etc/cron.d/quotawatch-old"
DESTDIR="$root" PREFIX=/usr PROGRAM_PREFIX=qw- inst install "$QW_BIN" >"$T/out" 2>"$T/err"
check "a second install keeps the env file" grep -qx 'MOONSHOT_API_KEY=mine' "$root/etc/quotawatch/env"
check "it warns of a cron file whose job is not installed" \
    grep -qF 'warning: /etc/cron.d/quotawatch-old runs /usr/local/share/quotawatch/examples/jobs/hourly-summary, which is not installed' "$T/err"
check "and not of one whose job is" sh -c "! grep -q quotawatch-watch-all '$T/err'"
DESTDIR="$root" PREFIX=/usr PROGRAM_PREFIX=qw- inst uninstall >/dev/null 2>&1
check "uninstall leaves the env file" [ -f "$root/etc/quotawatch/env" ]
rm -rf "$root"
DESTDIR="$root" PREFIX=/usr STRIP=1 inst install "$QW_BIN" >/dev/null 2>&1
check "STRIP=1 (make install-strip) strips the tools" \
    sh -c "! readelf -S '$root/usr/bin/evaluate' | grep -q debug_info"
finish
