# evaluate: seed defaults, thresholds, rules files, bad lines, exit status.
. "$(dirname "$0")/lib.sh"

rec() { printf '{"ts":"2026-11-22T09:00:00Z","provider":"moonshot","account":"default","kind":"balance","unit":"USD","remaining":%s,"status":"ok"}\n' "$1"; }

rec 5.00 >"$T/in"
run_in "$T/in" evaluate
check "5.00 alerts with the defaults (exit 2)" [ "$st" = 2 ]
check "warning level" [ "$(field level)" = warning ]
check "reason names the rule and the numbers" [ "$(field reason)" = "remaining 5.00 USD <= 5.00" ]
rec 5.01 >"$T/in"
run_in "$T/in" evaluate
check "5.01 is ok (exit 0)" [ "$st/$(field level)" = 0/ok ]

printf '{"provider":"glm","kind":"quota","window":"5h","unit":"tokens","limit":100,"used":91,"status":"ok"}\n' >"$T/in"
run_in "$T/in" evaluate
check "9% left warns (seed 003)" [ "$st/$(field level)" = 2/warning ]
printf '{"provider":"glm","kind":"quota","window":"5h","unit":"tokens","limit":100,"used":96,"status":"ok"}\n' >"$T/in"
run_in "$T/in" evaluate
check "4% left is critical" [ "$(field level)" = critical ]

rec 12 >"$T/in"
run_in "$T/in" evaluate --warn 'remaining<=20' --critical 'remaining <= 15'
check "command-line thresholds" [ "$st/$(field level)" = 2/critical ]
run_in "$T/in" evaluate --warn 'balance<=20'
check "a bad expression is exit 1 with a message" [ "$st" = 1 ]
check "the message names the option" grep -q '^evaluate: --warn: ' "$T/err"

printf 'moonshot warning remaining <= 20\n' >"$T/rules"
run_in "$T/in" evaluate --rules "$T/rules"
check "rules file" [ "$st/$(field level)" = 2/warning ]
printf 'moonshot loud remaining <= 20\n' >"$T/rules"
run_in "$T/in" evaluate --rules "$T/rules"
check "a bad rules file names file and line" grep -q "rules:1: level must be" "$T/err"

{ rec 12; echo 'not json'; echo '{"provider":"moonshot","remaining":"x"}'; rec 13; } >"$T/in"
run_in "$T/in" evaluate
check "bad lines give exit 1" [ "$st" = 1 ]
check "the good lines flow" [ "$(wc -l <"$T/out")" = 2 ]
check "bad lines are located" grep -q '^evaluate: <stdin>:2: ' "$T/err"
check "type errors are located" grep -q '^evaluate: <stdin>:3: field "remaining" is not a number' "$T/err"
{ rec 1; echo 'not json'; } >"$T/in"
run_in "$T/in" evaluate
check "an alert wins over a bad line" [ "$st" = 2 ]

printf '{"provider":"moonshot","kind":"balance","status":"error","error":"HTTP 401: Invalid Authentication"}\n' >"$T/in"
run_in "$T/in" evaluate
check "error records become error verdicts, exit 1" [ "$st/$(field level)" = 1/error ]
printf '{"provider":"anthropic","status":"na"}\n{"provider":"glm","status":"skipped"}\n' >"$T/in"
run_in "$T/in" evaluate
check "na and skipped are info, exit 0" [ "$st/$(jq -r .level "$T/out" | tr '\n' ' ')" = "0/info info " ]
printf '{"provider":"x","kind":"balance","status":"ok"}\n' >"$T/in"
run_in "$T/in" evaluate
check "no numbers is unknown, never zero" [ "$st/$(field level)" = 1/unknown ]

printf '{"provider":"moonshot","kind":"balance","remaining":9,"status":"ok","note":{"a":[1,"b"]},"x":"\\u00e9"}\n' >"$T/in"
run_in "$T/in" evaluate
check "unknown fields pass through" [ "$(jq -c .note "$T/out")/$(field x)" = '{"a":[1,"b"]}/é' ]

: >"$T/in"
run_in "$T/in" evaluate
check "empty input: exit 0" [ "$st" = 0 ]
check "empty input: no output" [ ! -s "$T/out" ]
finish
