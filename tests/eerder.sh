#!/usr/bin/env bash
# Tables of two peildatums side by side (docs/privacy.md, "Eerder gepubliceerd"): a generated set is computed at
# 30-09-2025 and exported (the export is recorded in `gepubliceerd`), then 2025Q4 is delivered and computed and
# exported again. tests/attack.py attacks the second export knowing the first (--eerder): no row of persons may be
# known to within 1-9 of the same row in the first, and the difference of the two tables may not show hidden rows
# that together gained or lost 1-9 persons. The same data in a database that never published (the control)
# must give such rows away, or the check could not fail. Then: compute again changes nothing, and what is recorded.
# Usage: tests/eerder.sh PATH/TO/kansrijk
. "$(dirname "$0")/lib.sh" eerder "$1"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
sql() { sqlite3 "$DB" "$1"; }
table_hash() { sqlite3 "$1" "SELECT * FROM uitkomst ORDER BY 1, 2, 3, 4, 5, 6" | sha256sum | cut -c1-16; }
# attack EXPORT DB EARLIER: tests/attack.py's verdict "PASSED FAILED", its output in $W/attack.out; the raw counts of
# the earlier table from then.db, the database as it was when that table went out
attack() {
    "$PY" "$HERE/attack.py" --export "$1" --db "$2" --eerder "$3" --eerder-db "$W/then.db" --show 3 >"$W/attack.out"
    sed -n 's/^attack: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' "$W/attack.out"
}

G=$W/g
"$K" samples --jaren 2023-2025 --schaal 0.1 --seed 7 -o "$G" >/dev/null || bad "samples"
mapfile -t early < <(ls "$G"/*.csv | grep -v '_2025Q4\.csv$')
mapfile -t late < <(ls "$G"/*_2025Q4.csv)
DB=$W/a.db
"$K" init --db "$DB" >/dev/null
"$K" ingest --db "$DB" --accept-partial "${early[@]}" >/dev/null 2>&1
[ $? -le 1 ] && ok || bad "ingest up to 2025Q3"
cp "$DB" "$W/control.db"

# ---- the first table goes out, and is recorded -----------------------------------------------------------------
expect_exit 0 "$K" compute --db "$DB" --peildatum 2025-09-30
expect_eq "nothing recorded by compute" "$(sql "SELECT count(*) FROM gepubliceerd")" "0"
expect_exit 0 "$K" export --db "$DB" -o "$W/e1.json"
if grep -q "could not record" "$W/err"; then bad "export on a writable database: a note that it could not record"; else ok; fi
shown=$(sql "SELECT count(*) FROM uitkomst WHERE teller IS NOT NULL OR noemer IS NOT NULL")
worked=$(sql "SELECT count(*) FROM uitkomst_afgeleid WHERE teller >= 0 OR noemer >= 0")
# the audit works out some hidden counts exactly (at seed 7, schaal 0.1: hundreds): published as much as shown ones
[ "$worked" -gt 10 ] && ok || bad "the audit worked out only $worked hidden counts"
expect_eq "every shown row and every count worked out recorded once, with its peildatum" \
    "$(sql "SELECT count(*) || ' ' || min(peildatum) || ' ' || max(peildatum) FROM gepubliceerd")" "$((shown + worked)) 2025-09-30 2025-09-30"
expect_eq "recorded as shown (a count's noemer, a quantile row's teller: -1)" "$(sql "SELECT count(*) FROM gepubliceerd g
    JOIN uitkomst u USING (indicator, regio, site, groep, groepwaarde, periode)
    WHERE u.onderdrukt = '' AND g.teller = coalesce(u.teller, -1) AND g.noemer = coalesce(u.noemer, -1)")" "$shown"
expect_eq "of a hidden row only what a reader works out, and truly so" "$(sql "SELECT count(*) FROM gepubliceerd g
    JOIN uitkomst u USING (indicator, regio, site, groep, groepwaarde, periode)
    WHERE u.onderdrukt <> '' AND g.teller IN (-1, u.teller_ruw) AND g.noemer IN (-1, u.noemer_ruw)
      AND g.teller + g.noemer > -2")" "$worked"
# the table whole, for the difference with a later one: every row, a hidden one with what a reader works out (-1:
# nothing), and the raw counts beside them (which relations held in it)
rows=$(sql "SELECT count(*) FROM uitkomst")
expect_eq "the table recorded whole, once" "$(sql "SELECT count(*) || ' ' || count(DISTINCT berekening) FROM publicatie_rij")" "$rows 1"
expect_eq "of the table whole: shown rows as shown, hidden rows as a reader has them, raw counts as they were" \
    "$(sql "SELECT sum(p.afgeleid = (u.onderdrukt <> '')
                   AND p.teller = coalesce(u.teller, a.teller, -1) AND p.noemer = coalesce(u.noemer, a.noemer, -1)
                   AND p.teller_ruw IS u.teller_ruw AND p.noemer_ruw IS u.noemer_ruw)
            FROM publicatie_rij p JOIN uitkomst u USING (indicator, regio, site, groep, groepwaarde, periode)
            LEFT JOIN uitkomst_afgeleid a USING (indicator, regio, site, groep, groepwaarde, periode)")" "$rows"
expect_eq "a hidden row not worked out: no count" "$(sql "SELECT count(*) FROM publicatie_rij p JOIN uitkomst u
    USING (indicator, regio, site, groep, groepwaarde, periode) WHERE u.onderdrukt <> '' AND p.teller <> -1
    AND p.teller <> u.teller_ruw")" "0"
# what a reader knows of a hidden row (the audit's bounds): true of the raw counts, and narrower than nothing for many
expect_eq "the bounds of hidden rows hold the raw counts" "$(sql "SELECT count(*) FROM publicatie_rij
    WHERE afgeleid = 1 AND ((teller_ruw IS NOT NULL AND (teller_ruw < teller_laag OR (teller_hoog >= 0 AND teller_ruw > teller_hoog)))
       OR (noemer_ruw IS NOT NULL AND (noemer_ruw < noemer_laag OR (noemer_hoog >= 0 AND noemer_ruw > noemer_hoog))))")" "0"
bounded=$(sql "SELECT count(*) FROM publicatie_rij WHERE afgeleid = 1 AND teller = -1 AND teller_hoog >= 0")
echo "hidden rows whose teller a reader bounds without knowing it: $bounded"
[ "$bounded" -gt 1000 ] && ok || bad "only $bounded hidden tellers bounded"
expect_exit 0 "$K" export --db "$DB" --format csv -o "$W/e1.csv"
sqlite3 "$DB" ".backup '$W/then.db'"
expect_eq "the same table again: nothing new recorded" "$(sql "SELECT count(*) FROM gepubliceerd")" "$((shown + worked))"
expect_eq "the same table again: not recorded whole again" "$(sql "SELECT count(*) FROM publicatie_rij")" "$rows"

# ---- 2025Q4 arrives; both databases compute it -----------------------------------------------------------------
for d in "$DB" "$W/control.db"; do
    "$K" ingest --db "$d" --accept-partial "${late[@]}" >/dev/null 2>&1
    [ $? -le 1 ] && ok || bad "ingest of 2025Q4 into $d"
    expect_exit 0 "$K" compute --db "$d"
done
expect_exit 0 "$K" export --db "$W/control.db" -o "$W/c2.json"
read -r cp cf <<<"$(attack "$W/c2.json" "$W/control.db" "$W/e1.json")"
echo "control, never published: the attack gives ${cf:-?} rows away ($(grep '^FAIL' "$W/attack.out" | cut -d' ' -f2- | tr '\n' ' '))"
# the control gives persons away (seed 7, schaal 0.1: several hundred rows), so the check below can fail
expect_eq "control, never published: the attack finds rows 1-9 from the first table" "$([ "${cf:-0}" -gt 50 ] && echo yes)" "yes"
expect_grep "control: a shown row 1-9 from the first table" "^FAIL eerder.shown" "$W/attack.out"
# and the difference of the two tables: hidden rows whose sum changed by 1-9 (seed 7, schaal 0.1: hundreds)
expect_grep "control: hidden rows that together changed by 1-9" "^FAIL difference.sum" "$W/attack.out"

expect_exit 0 "$K" export --db "$DB" -o "$W/e2.json"
read -r ap af <<<"$(attack "$W/e2.json" "$DB" "$W/e1.json")"
cat "$W/attack.out"
expect_eq "held against the first table: the attack finds nothing" "${af:-none}" "0"
[ "${ap:-0}" -gt 1000 ] && ok || bad "the attack compared too few rows (${ap:-0})"
more=$(( $(sqlite3 "$W/control.db" "SELECT count(*) FROM uitkomst WHERE onderdrukt = ''") - $(sql "SELECT count(*) FROM uitkomst WHERE onderdrukt = ''") ))
echo "rows hidden for the table published before: $more"
[ "$more" -gt 0 ] && ok || bad "no row hidden for the table published before"
# only what is shown differs: the same rows with the same raw counts (the relative risks and the shift aside: their
# raw counts come from the arms shown)
raw_hash() {
    sqlite3 "$1" "SELECT indicator, regio, site, groep, groepwaarde, periode, teller_ruw, noemer_ruw FROM uitkomst
                  WHERE eenheid NOT IN ('ratio', 'pp') ORDER BY 1, 2, 3, 4, 5, 6" | sha256sum | cut -c1-16
}
expect_eq "the same rows and raw counts as the control" "$(raw_hash "$DB")" "$(raw_hash "$W/control.db")"

# ---- compute again: the same table; a recorded table changes nothing of itself ---------------------------------
h=$(table_hash "$DB")
expect_exit 0 "$K" compute --db "$DB"
expect_eq "compute again: the same table" "$(table_hash "$DB")" "$h"
expect_eq "both peildatums recorded" "$(sql "SELECT group_concat(DISTINCT peildatum) FROM (SELECT peildatum FROM gepubliceerd ORDER BY 1)")" \
    "2025-09-30,2025-12-31"
expect_eq "both tables recorded whole" "$(sql "SELECT group_concat(peildatum) FROM (SELECT peildatum FROM publicatie ORDER BY berekening)")" \
    "2025-09-30,2025-12-31"
n=$(sql "SELECT count(*) FROM gepubliceerd")
expect_exit 0 "$K" report bestuur --db "$DB" -o "$W/b.pdf"
expect_eq "a report of the same table records nothing new" "$(sql "SELECT count(*) FROM gepubliceerd")" "$n"
expect_exit 0 "$K" compute --db "$DB"
expect_eq "compute after the report: the same table" "$(table_hash "$DB")" "$h"
# a quantile row publishes no teller, so none is recorded as worked out either
expect_eq "no quantile row's teller recorded" "$(sql "SELECT count(*) FROM gepubliceerd WHERE indicator LIKE '%_dagen.p%'
    AND teller >= 0")" "0"

# ---- another command writes: nothing goes out unrecorded ---------------------------------------------------------
( echo "BEGIN IMMEDIATE;"; sleep 4; echo "COMMIT;" ) | sqlite3 "$DB" &
sleep 0.5
KANSRIJK_BUSY_TIMEOUT=1 expect_exit 2 "$K" export --db "$DB" -o "$W/busy.json"
expect_grep "busy: nothing written, and why" "nothing was written: run the command again" "$W/err"
[ ! -e "$W/busy.json" ] && [ ! -e "$W/busy.json.deel" ] && ok || bad "busy: a file was written"
wait

# ---- rows known from earlier tables protect nothing, but where nothing else can, they still go --------------------
# As if every row that is not small itself had been published before, each perhaps in another table: the table must
# still give no one away on its own (a group whose other rows are all known hides one of them after all).
cp "$W/control.db" "$W/known.db"
sqlite3 "$W/known.db" "INSERT OR IGNORE INTO gepubliceerd SELECT indicator, regio, site, groep, groepwaarde, periode,
    teller_ruw, CASE WHEN eenheid = 'aantal' THEN -1 ELSE noemer_ruw END, 0, '2025-09-30', 'x' FROM uitkomst
    WHERE indicator NOT LIKE 'kwaliteit.%' AND indicator NOT LIKE 'verankering.%'
      AND (teller_ruw = 0 OR teller_ruw >= 10) AND (eenheid = 'aantal' OR (noemer_ruw >= 10
      AND (noemer_ruw = teller_ruw OR noemer_ruw - teller_ruw >= 10)))"
expect_exit 0 "$K" compute --db "$W/known.db"
expect_exit 0 "$K" export --db "$W/known.db" -o "$W/known.json"
"$PY" "$HERE/attack.py" --export "$W/known.json" --db "$W/known.db" --show 3 >"$W/attack.out"
read -r kp kf <<<"$(sed -n 's/^attack: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' "$W/attack.out")"
grep -A3 '^FAIL' "$W/attack.out" | head -20
expect_eq "nearly every row known from before: the table alone still gives no one away" "${kf:-none}" "0"

# the order in which the deliveries arrived does not matter, what was published does: the control, published at
# neither peildatum, shows more
expect_eq "control: another table" "$([ "$(table_hash "$W/control.db")" != "$h" ] && echo yes)" "yes"
summary
