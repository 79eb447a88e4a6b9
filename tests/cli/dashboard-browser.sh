# dashboard in a real browser, Debian's chromium headless, at 1280 and 390
# pixels wide: the DOM holds every series and no script or external URL; the
# charts of the screenshots are drawn (not blank); nothing scrolls
# horizontally; dark when the reader's system is.  The measuring is done on
# a test-only copy inside a wrapper page (the page itself has no script).
. "$(dirname "$0")/lib.sh"
if ! command -v chromium >/dev/null; then
    skip "the browser test" "no chromium (Debian package chromium, make deps)"
    finish
    exit 0
fi
export QUOTAWATCH_DB="$T/q.db"
/usr/bin/python3 "$here/../data/dashboard_history.py" "$QUOTAWATCH_NOW" | evaluate | record
dashboard --output "$T/page.html"
browse() {    # browse WIDTH HEIGHT OPTION... URL: headless chromium, output in $T/out
    local w=$1 h=$2; shift 2
    timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
        --user-data-dir="$T/chromium" --window-size="$w,$h" "$@" >"$T/out" 2>"$T/err"
    st=$?
}
series=$(recall --last | jq -r '[.provider, .account, .kind, .window, (if .kind == "quota" then empty else .unit end)] | join("/")')
check "the history has five series" [ "$(wc -l <<<"$series")" = 5 ]

# The wrapper: the page with a measuring script, in an iframe WIDTH wide; the
# script writes the page's scroll width and its charts' boxes into the wrapper.
/usr/bin/python3 - "$T/page.html" "$T" <<'PY'
import html, re, sys
page = open(sys.argv[1], encoding="utf-8").read()
page = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page)
script = """<script>(function () {
  var d = document.documentElement, o = {scrollWidth: d.scrollWidth, clientWidth: d.clientWidth,
      charts: []};
  document.querySelectorAll("svg.chart, svg.bars").forEach(function (s) {
    var r = s.getBoundingClientRect();
    o.charts.push([s.getAttribute("class"), Math.round(r.left), Math.round(r.top),
                   Math.round(r.width), Math.round(r.height)]);
  });
  var p = parent.document.createElement("pre");
  p.id = "qw-measure"; p.textContent = JSON.stringify(o); parent.document.body.appendChild(p);
})()</script>"""
page = page.replace("</body>", script + "</body>")
for w, h in ((1280, 1100), (390, 2000)):
    open(f"{sys.argv[2]}/wrap-{w}.html", "w", encoding="utf-8").write(
        f'<!DOCTYPE html><html><body style="margin:0"><iframe style="width:{w}px;height:{h}px;'
        f'border:0" srcdoc="{html.escape(page, quote=True)}"></iframe></body></html>')
PY

for size in 1280x1100 390x2000; do
    w=${size%x*} h=${size#*x}
    browse "$w" "$h" --dump-dom "file://$T/page.html"
    check "$w px: chromium reads the page (exit 0)" [ "$st" = 0 ]
    n=0
    while IFS= read -r s; do
        e=$(/usr/bin/python3 -c 'import html, sys; print(html.escape(sys.argv[1]))' "$s")
        [ "$(grep -oF "data-series=\"$e\"" "$T/out" | wc -l)" = 5 ] && n=$((n + 1))
    done <<<"$series"
    check "$w px: the DOM holds every series, a row and four charts each" [ "$n" = 5 ]
    check "$w px: no script in the DOM" sh -c "! grep -qi '<script' '$T/out'"
    check "$w px: no external URL in the DOM" sh -c "! grep -qiE '(src|href)=\"[a-z]+:' '$T/out'"
    browse "$w" "$h" --dump-dom "file://$T/wrap-$w.html"
    m=$(grep -o '<pre id="qw-measure">[^<]*' "$T/out" | sed 's/^[^>]*>//; s/&quot;/"/g')
    check "$w px: measured in the browser" [ -n "$m" ]
    check "$w px: nothing scrolls horizontally (scrollWidth $(jq .scrollWidth <<<"$m") <= clientWidth $(jq .clientWidth <<<"$m"))" \
        [ "$(jq '.scrollWidth <= .clientWidth and .clientWidth > 0' <<<"$m")" = true ]
    check "$w px: every chart fits the width" \
        [ "$(jq --argjson w "$w" '[.charts[] | select(.[1] < 0 or .[1] + .[3] > $w)] | length' <<<"$m")" = 0 ]
    browse "$w" "$h" --screenshot="$T/shot-$w.png" "file://$T/page.html"
    check "$w px: a screenshot" [ "$st" = 0 -a -s "$T/shot-$w.png" ]
    # The first chart and the first bars that the screenshot shows whole.
    for kind in chart bars; do
        box=$(jq -r --arg k "$kind" --argjson h "$h" \
            '[.charts[] | select(.[0] == $k and .[2] >= 0 and .[2] + .[4] <= $h)][0] | .[1:] | join(" ")' <<<"$m")
        read -r colours share < <(/usr/bin/python3 "$here/png_colours.py" "$T/shot-$w.png" $box)
        check "$w px: the first $kind is drawn ($colours colours, the commonest ${share:-?})" \
            awk -v c="${colours:-0}" -v s="${share:-1}" 'BEGIN { exit !(c >= 8 && s < 0.97) }'
    done
    cp "$T/shot-$w.png" "${QW_SHOTS:-$T}/dashboard-$w.png" 2>/dev/null
done
# Light by default; dark when the system prefers it (the top left corner).
browse 390 300 --screenshot="$T/light.png" "file://$T/page.html"
browse 390 300 --force-dark-mode --screenshot="$T/dark.png" "file://$T/page.html"
light=$(/usr/bin/python3 "$here/png_colours.py" "$T/light.png" 0 0 4 4 --mean)
dark=$(/usr/bin/python3 "$here/png_colours.py" "$T/dark.png" 0 0 4 4 --mean)
check "light background by default ($light)" [ "${light:-0}" -gt 200 ]
check "dark background when the system prefers dark ($dark)" [ "${dark:-255}" -lt 60 ]
finish
