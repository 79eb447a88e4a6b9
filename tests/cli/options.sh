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
    run "$tool" --bogus
    check "$tool --bogus: exit 1, one line as every message reads" \
        [ "$st/$(cat "$T/err")" = "1/$tool: --bogus: no such option (see $tool --help)" ]
done
run evaluate --warn
check "an option without its value" [ "$(cat "$T/err")" = "evaluate: --warn: needs a value (see evaluate --help)" ]
run render --format=log --list
check "another" [ "$(cat "$T/err")" = "render: --list: needs a value (see render --help)" ]
finish
