#!/usr/bin/env bash
# Tests of `kansrijk report vergelijk` (REPORTS.md, the learning track) on a generated set of two
# regions (zl, zhz; 2023-2025): the report from one database that holds both, and from the two
# regions' own exports (--bron) — the same site table either way; every number of its text traced
# to the export; the PDF read back (pages, metadata, bookmarks, headings, fonts, synthetic mark);
# and each refusal of a --bron file: not an export, a shown count of 1-9 persons, another
# catalogue, a region twice, --bron with another report.
# Usage: tests/rapport_vergelijk.sh PATH/TO/kansrijk
. "$(dirname "$0")/lib.sh" rapport_vergelijk "$1"
# Reports and the scorecard: Dutch unless a check asks for --lang en
export KANSRIJK_TAAL=nl
cd "$W" || exit 2
"$K" samples --regio zl,zhz --jaren 2023-2025 --schaal 0.3 --seed 11 -o "$W/s" >/dev/null || bad "samples"
REF=$(ls "$W"/s/*.csv | grep -v -- "-ZL" | grep -v -- "-ZHZ")
for r in zl zhz both; do "$K" init --db "$W/$r.db" >/dev/null || bad "init $r"; done
# shellcheck disable=SC2046,SC2086
"$K" ingest --db "$W/zl.db" $REF $(ls "$W"/s/*.csv | grep -- "-ZL") >/dev/null
# shellcheck disable=SC2046,SC2086
"$K" ingest --db "$W/zhz.db" $REF $(ls "$W"/s/*.csv | grep -- "-ZHZ") >/dev/null
"$K" ingest --db "$W/both.db" "$W"/s/*.csv >/dev/null
for r in zl zhz both; do
    "$K" compute --db "$W/$r.db" >/dev/null || bad "compute $r"
    "$K" export --db "$W/$r.db" -o "$W/$r.json" 2>/dev/null || bad "export $r"
done
mkdir -p "$W/tmp"
export TMPDIR=$W/tmp
export SOURCE_DATE_EPOCH=1767225600

# ---- from the database that holds both regions -------------------------------------------------
expect_exit 0 "$K" report vergelijk --db "$W/both.db" --charts "$W/charts" -o "$W/db.pdf"
expect_eq "no temporary file left" "$(find "$W/tmp" -mindepth 1 | head -1)" ""
pdfinfo "$W/db.pdf" >"$W/info"
expect_grep "title" "^Title: *Vergelijking van de sites$" "$W/info"
expect_grep "subject: all regions, the latest whole year" "^Subject: *Kansrijke Start, alle regio's, 2025$" "$W/info"
if qpdf --check "$W/db.pdf" >/dev/null 2>&1; then ok; else bad "qpdf --check"; fi
pdffonts "$W/db.pdf" | tail -n +3 >"$W/fonts"
expect_eq "every font embedded" "$(awk '{ if ($(NF-4) != "yes") print $1 }' "$W/fonts")" ""
qpdf --json --json-key=outlines "$W/db.pdf" >"$W/outlines.json" 2>/dev/null
for b in "1. De sites naast elkaar" "2. Trechters en rupsen per indicator" "Warme overdracht" "3. Routes per site" \
    "4. Perinatale uitkomsten: waargenomen tegen verwacht" "Bijlage: definities"; do
    expect_grep "bookmark $b" "\"title\": \"$b\"" "$W/outlines.json"
done
pdftotext -layout "$W/db.pdf" "$W/db.txt"
for h in "Vergelijking van de sites" "Peildatum (gegevens tot en met): 31 december 2025" "Site (regio)" \
    "ZL-NOORD (zl)" "ZHZ-DRECHT (zhz)" "95%-grenzen" "99,8%-grenzen" "Wat niet getoond wordt"; do
    expect_grep "text '$h'" "$h" "$W/db.txt"
done
n=$(pdfinfo "$W/db.pdf" | sed -n 's/^Pages: *//p')
for p in $(seq 1 "$n"); do
    pdftotext -f "$p" -l "$p" "$W/db.pdf" - | grep -q "SYNTHETISCHE GEGEVENS" || bad "no synthetic mark on page $p"
done
ok
if grep -aqE '[0-9a-f]{64}' "$W/db.txt"; then bad "a 64-character pseudonym"; else ok; fi
if python3 "$HERE/trace_report.py" "$W/db.pdf" "$W/both.json" zl zhz >"$W/trace" 2>&1; then ok; else
    bad "numbers of the vergelijk report not traced to the export"
    head -20 "$W/trace"
fi
n_empty=$(grep -c "Geen enkele site kan in deze periode" "$W/db.txt")
n_drawn=$(grep -c "site met 95%-interval" "$W/db.txt")
expect_eq "a key with no site shown draws no chart (6 keys: drawn + empty)" "$((n_drawn + n_empty))" "6"
nsvg=$(ls "$W"/charts/vergelijk-*.svg 2>/dev/null | wc -l)
if [ "$nsvg" -ge 13 ]; then ok; else bad "--charts: $nsvg SVG files, want a funnel and a caterpillar per key and the routes"; fi
expect_grep "--charts: the funnel's CSV lists the sites" "^zl;SITE-ZL-NOORD;" "$W/charts/vergelijk-2-trechter.csv"
# the sites' names on every funnel are apart: none printed over another (read from the SVG as drawn)
names=$(tail -n +2 "$W/charts/vergelijk-2-trechter.csv" | cut -d';' -f2 | sed 's/^SITE-//' | sort -u)
for f in "$W"/charts/vergelijk-*-trechter.svg; do
    # shellcheck disable=SC2086
    if python3 "$HERE/funnel_labels.py" "$f" $names >"$W/labels" 2>&1; then ok; else bad "funnel names overlap: $(head -3 "$W/labels")"; fi
done
# the site table whole, in either language: every header at the table's size (a narrow column once shrank
# "Gescreend op kwetsbaarheid" to 7.25 pt), no word broken, each site on one line with its region
expect_exit 0 env KANSRIJK_TAAL=en "$K" report vergelijk --db "$W/both.db" -o "$W/db-en.pdf"
for f in db db-en; do
    if pdftotext -bbox -f 2 -l 2 "$W/$f.pdf" - | python3 "$HERE/site_table.py" Site ZL-NOORD ZL-ZUID ZHZ-DRECHT ZHZ-WAARD \
        >"$W/table" 2>&1; then ok; else bad "$f.pdf: the site table: $(head -3 "$W/table")"; fi
done

# a one-region report of a two-region database: its cover counts that region's deliveries
expect_exit 0 "$K" report bestuur --db "$W/both.db" --regio zl -o "$W/zl-bestuur.pdf"
nzl=$(sqlite3 "$W/both.db" "SELECT count(*) FROM levering WHERE status = 'actief' AND organisatie IN (SELECT code FROM organisaties WHERE regio = 'zl')")
nall=$(sqlite3 "$W/both.db" "SELECT count(*) FROM levering WHERE status = 'actief' AND organisatie IS NOT NULL")
if [ "$nzl" -lt "$nall" ]; then ok; else bad "the set should hold deliveries of two regions ($nzl of $nall)"; fi
expect_grep "the zl cover counts zl's deliveries" "Gebouwd op: $nzl leveringen van" \
    <(pdftotext -f 1 -l 1 "$W/zl-bestuur.pdf" - | tr '\n' ' ')

# ---- from the two regions' exports: the same site table -------------------------------------------
expect_exit 0 "$K" report vergelijk --bron "$W/zl.json" --bron "$W/zhz.json" -o "$W/bron.pdf"
pdftotext -layout -f 2 -l 2 "$W/db.pdf" "$W/db2.txt"
pdftotext -layout -f 2 -l 2 "$W/bron.pdf" "$W/bron2.txt"
if diff "$W/db2.txt" "$W/bron2.txt" >"$W/diff"; then ok; else bad "--bron gives another site table"; head -10 "$W/diff"; fi
pdftotext -f 1 -l 1 "$W/bron.pdf" "$W/cover.txt"
expect_grep "--bron: the cover names the exports" "Gemaakt uit: 2 exports van kansrijk (--bron): zhz.json, zl.json" "$W/cover.txt"
expect_grep "--bron: the peildatum from the exports" "31 december 2025" "$W/cover.txt"
expect_grep "--bron: the synthetic mark from the exports" "SYNTHETISCHE GEGEVENS" "$W/cover.txt"
# the order of the --bron files does not matter
expect_exit 0 "$K" report vergelijk --bron "$W/zhz.json" --bron "$W/zl.json" -o "$W/bron2.pdf"
if cmp -s "$W/bron.pdf" "$W/bron2.pdf"; then ok; else bad "--bron: another order of the files gives other bytes"; fi

# ---- refusals of a --bron file ---------------------------------------------------------------------
cp "$W/s/regios.csv" "$W/notjson.json"
expect_exit 2 "$K" report vergelijk --bron "$W/notjson.json" -o "$W/x.pdf"
expect_grep "not JSON: refused" "notjson.json: geen export van kansrijk (geen geldige JSON)" "$W/err"
echo '{"indicator": "route.gescreend"}' >"$W/object.json"
expect_exit 2 "$K" report vergelijk --bron "$W/object.json" -o "$W/x.pdf"
expect_grep "not an array: refused" "object.json: geen export van kansrijk (geen JSON-lijst)" "$W/err"
echo '[{"naam": "x"}]' >"$W/other.json"
expect_exit 2 "$K" report vergelijk --bron "$W/other.json" -o "$W/x.pdf"
expect_grep "rows of another table: refused" "other.json: geen export van kansrijk (rij 1 mist de velden" "$W/err"
# The four altered exports below, from one read of zl.json (each alteration undone before the next):
# small.json, a shown count of 7 persons (a site row whose teller was not suppressed); cat.json, an
# indicator of another catalogue; unit.json, another unit; event.json, the completeness of an event
# column (persons with an episode that ended) shown as 3 of 40, which kansrijk suppresses like any
# count of persons (the engine's rule, eng_row_protection).
python3 - "$W/zl.json" "$W/small.json" "$W/cat.json" "$W/unit.json" "$W/event.json" <<'EOF'
import json, sys
rows = json.load(open(sys.argv[1]))
for r in rows:
    if r["indicator"] == "route.gescreend" and r["site"] != "*" and r["onderdrukt"] == "" and r["regio"] != "*":
        small, noemer = r, r["noemer"]
        r["noemer"] = r["teller"] + 7
        break
json.dump(rows, open(sys.argv[2], "w"))
small["noemer"] = noemer
warm = [r for r in rows if r["indicator"] == "overdracht.warm"]
for r in warm:
    r["indicator"] = "overdracht.hartelijk"
json.dump(rows, open(sys.argv[3], "w"))
for r in warm:
    r["indicator"] = "overdracht.warm"
for r in rows:
    if r["indicator"] == "route.gescreend":
        r["eenheid"] = "per1000"
json.dump(rows, open(sys.argv[4], "w"))
for r in rows:
    if r["indicator"] == "route.gescreend":
        r["eenheid"] = "%"
for r in rows:
    if r["indicator"] == "kwaliteit.volledigheid.zorgepisode" and r["groep"] == "kolom" and \
            r["groepwaarde"] == "eind_datum" and r["regio"] == "zl":
        r.update(onderdrukt="", teller=3, noemer=40, waarde=7.5, ci_laag=2.6, ci_hoog=19.9)
        break
json.dump(rows, open(sys.argv[5], "w"))
EOF
expect_exit 2 "$K" report vergelijk --bron "$W/small.json" --bron "$W/zhz.json" -o "$W/x.pdf"
expect_grep "a shown count of 1-9: refused, the row named" "small.json: rij [0-9]* (route.gescreend, regio zl, site SITE-ZL-[A-Z]*, .*) toont een aantal van 7 personen" "$W/err"
expect_exit 2 "$K" report vergelijk --bron "$W/cat.json" -o "$W/x.pdf"
expect_grep "another catalogue: refused" "cat.json: een andere indicatorcatalogus (overdracht.hartelijk is onbekend)" "$W/err"
expect_exit 2 "$K" report vergelijk --bron "$W/unit.json" -o "$W/x.pdf"
expect_grep "another unit: refused" "unit.json: een andere indicatorcatalogus (route.gescreend in eenheid per1000)" "$W/err"
expect_exit 2 "$K" report vergelijk --bron "$W/event.json" --bron "$W/zhz.json" -o "$W/x.pdf"
expect_grep "an event column's 1-9: refused" "event.json: rij [0-9]* (kwaliteit.volledigheid.zorgepisode, regio zl, .*) toont een aantal van 3 personen" "$W/err"
expect_exit 2 "$K" report vergelijk --bron "$W/zl.json" --bron "$W/zl.json" -o "$W/x.pdf"
expect_grep "a region twice: refused" "regio zl komt in meer dan één --bron voor" "$W/err"
expect_exit 2 "$K" report bestuur --bron "$W/zl.json" -o "$W/x.pdf"
expect_grep "--bron with bestuur: refused" "alleen voor het rapport vergelijk" "$W/err"
expect_exit 2 "$K" report vergelijk --bron "$W/missing.json" -o "$W/x.pdf"
expect_grep "a missing file" "missing.json: het bestand bestaat niet" "$W/err"
expect_eq "refusals: no PDF" "$(ls "$W"/x.pdf* 2>/dev/null)" ""
expect_eq "refusals: no temporary file left" "$(find "$W/tmp" -mindepth 1 | head -1)" ""

summary
