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
# rejected rows of the mdo extract of two organisations, of two kinds (their rows count pregnancies of route 3): the
# organisations and the reasons of a totaal each add up to it, and are attacked apart
mdo_row() {  # mdo_row N PSEUDONYM-OR-EMPTY AANMELDDATUM
    printf '%s;2023-06-15;;%s;2023-02-10;jgz;JGZ-ZHZ;2023-02-20\n' "$2" "$3"
}
pseud() { printf 'mdo-%s-%s' "$1" "$2" | sha256sum | cut -c1-64; }
mkdir -p "$W/mdo"
{
    echo "client_pseudoniem;a_terme_datum;organisatie;aanmelddatum;bespreekdatum;regie_type;regie_organisatie;regie_datum"
    for i in $(seq 1 30); do mdo_row "$i" "$(pseud gem "$i")" 2023-02-01; done
    for i in 1 2 3; do mdo_row "$i" "" 2023-02-01; done
} >"$W/mdo/mdo_GEM-ZHZ_2023Q1.csv"
{
    echo "client_pseudoniem;a_terme_datum;organisatie;aanmelddatum;bespreekdatum;regie_type;regie_organisatie;regie_datum"
    for i in $(seq 1 40); do mdo_row "$i" "$(pseud wt "$i")" 2023-02-01; done
    for i in $(seq 41 52); do mdo_row "$i" "$(pseud wt "$i")" 31-02-2023; done
} >"$W/mdo/mdo_WT-ZHZ_2023Q1.csv"
"$K" ingest --db "$DB" --accept-partial --vervang "$W"/mdo/*.csv >/dev/null 2>&1
[ $? -le 1 ] && ok || bad "ingest of the mdo rejections"
expect_eq "mdo rejections of two organisations and two reasons" "$(sqlite3 "$DB" "SELECT count(DISTINCT l.organisatie) || ' ' || count(DISTINCT a.code) FROM afgewezen a JOIN levering l ON l.id = a.levering_id WHERE l.type = 'mdo' AND l.periode = '2023Q1' AND l.status = 'actief'")" "2 2"
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
