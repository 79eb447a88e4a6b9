# The registry (render --list) against everything that names providers and
# channels: the tools in bin/, their man pages, README's tables, quotawatch(7),
# the loopback fixtures; and every option of a tool's --help in its man page.
. "$(dirname "$0")/lib.sh"
top=$(cd "$here/../.." && pwd)

run render --list providers
check "render --list providers: exit 0" [ "$st" = 0 ]
check "a header, then an entry per line" \
    [ "$(head -n 1 "$T/out")" = "$(printf 'id\tprovider\tname\temoji\ttool\targs\tkeys\tregions\twatch_all\tfixture')" ]
check "every entry has its ten fields" \
    [ -z "$(awk -F'\t' 'NF != 10' "$T/out")" ]
check "entry ids are unique" [ -z "$(cut -f1 "$T/out" | sort | uniq -d)" ]
run render --list nothing
check "render --list nothing: exit 1, names the word" \
    sh -c "[ $st = 1 ] && grep -q '^render: --list: \"nothing\"' '$T/err'"

# The tools the registry names, and the tools bin/ builds.
registry_tools=$( { providers | cut -f5; channels | cut -f2; } | sort -u)
built_tools=$(cd "$top/bin" && ls fetch-*.cpp notify-*.cpp | sed 's/\.cpp$//' | sort)
check "bin/fetch-* and bin/notify-* are the registry's tools" \
    [ "$registry_tools" = "$built_tools" ]

readme=$(cat "$top/README.md")
overview=$(mandoc -T ascii "$top/man/man7/quotawatch.7" 2>/dev/null | col -b)
for tool in $registry_tools; do
    page="$top/man/man1/$tool.1"
    check "$tool has a man page" [ -f "$page" ]
    check "$tool is in README's table of tools" grep -q "^| \`$tool\` |" <<<"$readme"
    check "$tool is in quotawatch(7)" grep -q "$tool(1)" <<<"$overview"
done

# Each provider's key variables in its man page and README's table; each
# fixture on disk.
while IFS=$'\t' read -r id provider name emoji tool args keys regions watch_all fixture; do
    dash_empty keys fixture
    page=$(mandoc -T ascii "$top/man/man1/$tool.1" 2>/dev/null | col -b)
    for k in $keys; do
        var=${k%%:*}
        check "$id: $var in $tool(1)" grep -q "$var" <<<"$page"
        check "$id: $var in README" grep -q "$var" <<<"$readme"
    done
    if [ -n "$fixture" ]; then
        check "$id: fixture $fixture-routes.json" [ -f "$here/../data/$fixture-routes.json" ]
        check "$id: fixture $fixture.env" [ -f "$here/../data/$fixture.env" ]
    fi
done < <(providers)
while IFS=$'\t' read -r id tool secrets fixture; do
    page=$(mandoc -T ascii "$top/man/man1/$tool.1" 2>/dev/null | col -b)
    for var in $secrets; do
        check "$id: $var in $tool(1)" grep -q "$var" <<<"$page"
    done
    if [ "$fixture" != - ]; then
        check "$id: fixture $fixture-routes.json" [ -f "$here/../data/$fixture-routes.json" ]
        check "$id: fixture $fixture.env" [ -f "$here/../data/$fixture.env" ]
    fi
done < <(channels)

# Every option a tool's --help shows is in its man page (as Fl -name).
for page in "$top"/man/man1/*.1; do
    tool=$(basename "$page" .1)
    [ -x "$QW_BIN/$tool" ] || { fail "$tool(1) has no built tool"; continue; }
    for opt in $("$QW_BIN/$tool" --help | grep -o -- '--[a-z][a-z0-9-]*' | sort -u); do
        check "$tool: $opt of --help is in $tool(1)" grep -q "Fl ${opt#-}\b" "$page"
    done
done
finish
