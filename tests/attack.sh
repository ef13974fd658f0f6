#!/usr/bin/env bash
# Attack test of the disclosure control: generate a samples set, ingest it as tests/samples.sh
# does (reference data and extracts, then herzonden/, correcties/ and laat/; bad/ skipped),
# compute, export the outcome table and the curves as JSON, and let tests/attack.py try every
# subtraction an attacker with the export knows; it judges what was learned against the raw
# counts in the database (uitkomst.teller_ruw, noemer_ruw).  The self-test runs first.
# Usage: tests/attack.sh PATH/TO/kansrijk [SEED]
. "$(dirname "$0")/lib.sh" attack "$1"
SEED=${2:-5}
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

expect_exit 0 "$PY" "$HERE/attack.py" --selftest
G=$W/g
DB=$W/g.db
"$K" samples --jaren 2023-2025 --schaal 0.1 --seed "$SEED" -o "$G" >/dev/null || bad "samples"
"$K" init --db "$DB" >/dev/null || bad "init"
"$K" ingest --db "$DB" --accept-partial "$G"/*.csv >/dev/null 2>&1
[ $? -le 1 ] && ok || bad "ingest of the extracts"
extra=()
for d in herzonden correcties laat; do
    for f in "$G/$d"/*.csv; do [ -e "$f" ] && extra+=("$f"); done
done
if [ ${#extra[@]} -gt 0 ]; then
    "$K" ingest --db "$DB" --accept-partial "${extra[@]}" >/dev/null 2>&1
    [ $? -le 1 ] && ok || bad "ingest of herzonden/, correcties/, laat/"
fi
expect_exit 0 "$K" compute --db "$DB"
expect_exit 0 "$K" export --db "$DB" --format json -o "$W/uitkomst.json"
expect_exit 0 "$K" export --db "$DB" --format json --curves -o "$W/curves.json"
# the curves to one decimal: in full precision the log-log band gives Greenwood's sum, and so the number at risk, back
expect_eq "curves: some points to attack (79 at seed 5)" "$(jq 'length > 10' "$W/curves.json")" "true"
expect_eq "curves: s and its band to one decimal" "$(grep -cE '"(s|ci_laag|ci_hoog)":[0-9]+\.[0-9]{2,}' "$W/curves.json")" "0"
"$PY" "$HERE/attack.py" --export "$W/uitkomst.json" --curves "$W/curves.json" --db "$DB" | tee "$W/attack.out"
rc=${PIPESTATUS[0]}
# the attack's own verdict, its closing line, stands for the whole run
read -r ap af <<<"$(sed -n 's/^attack: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' "$W/attack.out")"
pass=$((pass + ${ap:-0}))
fail=$((fail + ${af:-0}))
[ -n "${af:-}" ] || bad "attack.py printed no verdict (exit $rc)"
[ "$rc" = 0 ] || [ "${af:-0}" != 0 ] || bad "attack.py exit $rc without failures"
summary
