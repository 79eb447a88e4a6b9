# What every tool says about its options: --help without a default said
# twice, --version, and cxxopts' parse errors read as "tool: --option: ...".
. "$(dirname "$0")/lib.sh"
top=$(cd "$here/../.." && pwd)
version=$(sed -n 's/^VERSION *[:?]*= *//p' "$top/Makefile")

for page in "$top"/man/man1/*.1; do
    tool=$(basename "$page" .1)
    "$QW_BIN/$tool" --help >"$T/out" 2>&1
    check "$tool --help: no default said twice" sh -c "! grep -q '(default [^)]*) (default' '$T/out'"
    run "$tool" --version
    check "$tool --version" [ "$st/$(cat "$T/out")" = "0/$tool (quotawatch) $version" ]
    if [[ $tool == fetch-* && $tool != fetch-budget ]]; then
        prefix=$(tr 'a-z-' 'A-Z_' <<<"${tool#fetch-}")_
        check "$tool(1) says options come from ${prefix}OPTION too" \
            grep -q "^\.It Ev $prefix Ns Ar OPTION" "$page"
    fi
    run "$tool" --bogus
    check "$tool --bogus: exit 1, one line as every message reads" \
        [ "$st/$(cat "$T/err")" = "1/$tool: --bogus: no such option (see $tool --help)" ]
done
# The man pages: no quote nested in another when rendered, and every page
# they refer to is one of ours or a Debian package's (claude(1) is neither).
debian="bash.1 cron.8 flock.1 grep.1 jq.1 psql.1 sqlite3.1 ssh.1 systemd.exec.5 timeout.1"
for page in "$top"/man/man[157]/*.[157]; do
    name=$(basename "$page")
    LC_ALL=C.UTF-8 MANWIDTH=80 man -l "$page" 2>/dev/null | tr '\n' ' ' >"$T/page"
    check "$name: no nested quotes" sh -c "! grep -q '‘[^’]*‘' '$T/page'"
    while read -r _ ref sec _; do
        [ -f "$top/man/man$sec/$ref.$sec" ] || [[ " $debian " == *" $ref.$sec "* ]] ||
            fail "$name refers to $ref($sec), which is neither ours nor in the list of Debian's"
    done < <(grep '^\.Xr ' "$page")
done

run evaluate --warn
check "an option without its value" [ "$(cat "$T/err")" = "evaluate: --warn: needs a value (see evaluate --help)" ]
run render --format=log --list
check "another" [ "$(cat "$T/err")" = "render: --list: needs a value (see render --help)" ]
finish
