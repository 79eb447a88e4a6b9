# render: the seed formats from real records.
. "$(dirname "$0")/lib.sh"

cat >"$T/in" <<'IN'
{"ts":"2026-02-12T16:30:00Z","provider":"anthropic","account":"default","status":"na","level":"info"}
{"ts":"2026-02-12T16:30:00Z","provider":"glm","account":"default","kind":"balance","unit":"CNY","used":180,"remaining":20,"limit":200,"status":"ok","level":"warning","threshold":"remaining_pct<10"}
{"ts":"2026-02-12T16:30:00Z","provider":"minimax","account":"default","kind":"balance","unit":"CNY","used":50,"remaining":950,"limit":1000,"status":"ok","level":"ok"}
IN
run_in "$T/in" render
check "table exit status carries the warning" [ "$st" = 2 ]
cat >"$T/want" <<'WANT'
=== AI API Usage Monitor ===
Provider        Status    Used        Remaining   Alert
───────────────────────────────────────────────────────
Anthropic       ℹ️ N/A    (subscription)
GLM (智谱)      ⚠️ LOW    ¥180.00     ¥20.00      < 10%
MiniMax         ✅ OK     ¥50.00      ¥950.00
───────────────────────────────────────────────────────
Last check: 2026-02-12 16:30:00 UTC
WANT
check "seed 003's table" diff -u "$T/want" "$T/out"

TZ=Asia/Shanghai run_in "$T/in" render
check "local time in TZ, named" grep -q 'Last check: 2026-02-13 00:30:00 CST' "$T/out"

echo '{"ts":"2026-01-29T09:00:00Z","provider":"moonshot","account":"default","kind":"balance","unit":"USD","remaining":12.34,"parts":{"voucher":3.45,"cash":8.89},"status":"ok","level":"ok","threshold":"remaining<=5"}' >"$T/m"
run_in "$T/m" render --format balance-log
check "seed 001's logger's line" [ "$(cat "$T/out")" = '2026-01-29 09:00:00 | Available: $12.34 | Voucher: $3.45 | Cash: $8.89' ]
run_in "$T/m" render --format log
check "seed 001's combined job's line" [ "$(cat "$T/out")" = '[2026-01-29 09:00:00] Kimi: $12.34' ]
sed 's/"default"/"work"/' "$T/m" >"$T/m2"
cat "$T/m" "$T/m2" >"$T/two"
run_in "$T/two" render --format log
check "two accounts, two lines told apart" \
    [ "$(cat "$T/out")" = "$(printf '[2026-01-29 09:00:00] Kimi: $12.34\n[2026-01-29 09:00:00] Kimi (work): $12.34')" ]
run_in "$T/m" render --format markdown
check "seed 001's summary line" grep -qx '🌙 \*\*Kimi:\*\* \$12.34 available (threshold: \$5.00)' "$T/out"
run_in "$T/m" render --format text
check "text" [ "$(cat "$T/out")" = 'ok moonshot/default: remaining $12.34' ]
cat "$T/in" "$T/m" >"$T/both"
run_in "$T/both" render --format log --provider moonshot
check "--provider keeps one provider" [ "$(wc -l <"$T/out")" = 1 ]
run_in "$T/m" render --format html
check "an unknown format is exit 1" [ "$st" = 1 ]
check "the message names the option" grep -q '^render: --format' "$T/err"
finish
