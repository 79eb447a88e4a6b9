# The jobs' environment file (examples/jobs/common.sh) is read as data: values
# with $, backquotes, &, <, quotes and spaces come through as written, and
# nothing in it runs.
. "$(dirname "$0")/lib.sh"
common="$here/../../examples/jobs/common.sh"
env_file="$T/env"
cat >"$env_file" <<'ENV'
# a comment, then a blank line

MAIL_FROM=Quota Bot <q@example.org>
export SMTP_PASSWORD=pa$word&more
TICK=`touch PWNED` $(touch PWNED2)
DQ="double $HOME quoted"
SQ='single ; | > quoted'
HALF="only one quote
  SPACES=  two  spaces
   # an indented comment
BACKSLASH=a\nb\\c
ENV
chmod 600 "$env_file"
cd "$T" || exit 1
show() { bash -c '. "$1"; QUOTAWATCH_ENV=$2 load_env || exit 1; shift 2
                  for v; do printf "%s=[%s]\n" "$v" "${!v}"; done' - "$common" "$env_file" "$@"; }
run show MAIL_FROM SMTP_PASSWORD TICK DQ SQ HALF SPACES BACKSLASH
check "the file loads: exit 0" [ "$st" = 0 ]
check "MAIL_FROM as written (notify-smtp(1)'s form)" grep -qxF 'MAIL_FROM=[Quota Bot <q@example.org>]' "$T/out"
check "export prefix; \$ and & kept" grep -qxF 'SMTP_PASSWORD=[pa$word&more]' "$T/out"
check "backquotes and \$() kept, not run" grep -qxF 'TICK=[`touch PWNED` $(touch PWNED2)]' "$T/out"
check "nothing ran" [ ! -e "$T/PWNED" ] && [ ! -e "$T/PWNED2" ]
check "double quotes removed, \$HOME not expanded" grep -qxF 'DQ=[double $HOME quoted]' "$T/out"
check "single quotes removed" grep -qxF 'SQ=[single ; | > quoted]' "$T/out"
check "an unmatched quote is kept" grep -qxF 'HALF=["only one quote]' "$T/out"
check "spaces kept" grep -qxF 'SPACES=[  two  spaces]' "$T/out"
check "backslashes kept" grep -qxF 'BACKSLASH=[a\nb\\c]' "$T/out"

printf 'GOOD=1\nthis is not a pair\n' >"$env_file"
run show GOOD
check "a line that is no KEY=VALUE: exit 1" [ "$st" = 1 ]
check "it names the file and line" grep -qF "$env_file:2: not a KEY=VALUE line" "$T/err"
chmod 644 "$env_file"
run show GOOD
check "a file others may read: refused" sh -c "[ $st = 1 ] && grep -q 'chmod 600' '$T/err'"

# The jobs' publish step: the page where QUOTAWATCH_DASHBOARD says, read as
# data (a space and a $ in the path); the run's status passes through, and a
# page that cannot be written makes it 1.
record --db "$T/q.db" </dev/null
printf 'QUOTAWATCH_DB=%s\nQUOTAWATCH_DASHBOARD=%s\n' "$T/q.db" "$T/www dir/\$HOME.html" >"$env_file"
chmod 600 "$env_file"
mkdir -p "$T/www dir"
publish() { bash -c '. "$1"; QUOTAWATCH_ENV=$2 load_env || exit 9; publish "$3"' - "$common" "$env_file" "$1"; }
run publish 2
check "publish: the run's status passes through (2)" [ "$st" = 2 ]
check "publish: the page where the file says, as written" grep -q 'No data yet' "$T/www dir/\$HOME.html"
run publish 0
check "publish: 0 stays 0" [ "$st" = 0 ]
printf 'QUOTAWATCH_DB=%s\nQUOTAWATCH_DASHBOARD=%s\n' "$T/q.db" "$T/none/index.html" >"$env_file"
run publish 0
check "publish: a page that cannot be written makes it 1" [ "$st" = 1 ]
check "publish: and says which" grep -qF "$T/none/index.html: the dashboard was not written" "$T/err"
printf 'QUOTAWATCH_DB=%s\n' "$T/q.db" >"$env_file"
run publish 2
check "publish: nothing to do without QUOTAWATCH_DASHBOARD" [ "$st" = 2 ] && [ ! -e "$T/none" ]

rm -f "$env_file"
run show GOOD
check "a missing environment file is an error" [ "$st" = 1 ]
check "it names the file" grep -qF "$env_file: no environment file" "$T/err"
finish
