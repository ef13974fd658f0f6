#!/usr/bin/env bash
# Tests of `kansrijk report regio` (REPORTS.md, regiovisie outcome tracking) on a generated set (one
# region, 2023-2025, peildatum 31-12-2025): the PDF read back with pdfinfo, pdftotext, pdffonts and qpdf
# (pages, metadata, bookmarks per section, headings, the peildatum, the footnotes, embedded fonts, the
# synthetic mark on every page, no pseudonym), every number of the text traced to `kansrijk export`
# (tests/trace_report.py), one value checked independently of both, no count of 1-9 in a
# teller / noemer pair, byte-identical output under SOURCE_DATE_EPOCH whatever LANG and TZ, English,
# a year as the period, --charts, and the refusals of an unknown region and period.
# Usage: tests/rapport_regio.sh PATH/TO/kansrijk
. "$(dirname "$0")/lib.sh" rapport_regio "$1"
# Reports and the scorecard: Dutch unless a check asks for --lang en
export KANSRIJK_TAAL=nl
cd "$W" || exit 2
DB=$W/r.db
"$K" samples --regio zl --jaren 2023-2025 --schaal 0.4 --seed 5 -o "$W/s" >/dev/null || bad "samples"
"$K" init --db "$DB" >/dev/null || bad "init"
"$K" ingest --db "$DB" "$W"/s/*.csv >/dev/null
"$K" compute --db "$DB" >/dev/null || bad "compute"
"$K" export --db "$DB" -o "$W/export.json" 2>/dev/null || bad "export"
mkdir -p "$W/tmp"
export TMPDIR=$W/tmp
export SOURCE_DATE_EPOCH=1767225600

# ---- Dutch, the default period (the last quarter before the peildatum) -------------------------
expect_exit 0 "$K" report regio --db "$DB" --charts "$W/charts" -o "$W/regio.pdf"
expect_eq "no temporary file left" "$(find "$W/tmp" -mindepth 1 | head -1)" ""
expect_eq "the PDF is owner-only" "$(stat -c %a "$W/regio.pdf")" "600"
pdfinfo "$W/regio.pdf" >"$W/info"
n=$(sed -n 's/^Pages: *//p' "$W/info")
# the cover, 4-8 pages of sections (tables cross pages with their header), then the appendix
if [ "${n:-0}" -ge 7 ] && [ "${n:-0}" -le 14 ]; then ok; else bad "regio: $n pages, want 7..14"; fi
expect_grep "title" "^Title: *Regiovisie: uitkomsten$" "$W/info"
expect_grep "subject: the region and the period" "^Subject: *Kansrijke Start, Zuid-Limburg, 2025Q4$" "$W/info"
expect_grep "author is the region" "^Author: *Zuid-Limburg$" "$W/info"
expect_grep "creator is kansrijk with its version" "^Creator: *kansrijk [0-9]" "$W/info"
expect_grep "the creation date from SOURCE_DATE_EPOCH" "^CreationDate: *Thu Jan  1 00:00:00 2026 UTC" "$W/info"
expect_grep "A4" "595.276 x 841.89 pts (A4)" "$W/info"
if qpdf --check "$W/regio.pdf" >"$W/qpdf" 2>&1; then ok; else bad "qpdf --check"; head -5 "$W/qpdf"; fi
pdffonts "$W/regio.pdf" | tail -n +3 >"$W/fonts"
expect_eq "every font embedded" "$(awk '{ if ($(NF-4) != "yes") print $1 }' "$W/fonts")" ""
expect_eq "only DejaVu Sans" "$(sed 's/^[A-Z]*+//' "$W/fonts" | awk '{print $1}' | grep -v '^DejaVuSans' | head -1)" ""
# a bookmark per section
qpdf --json --json-key=outlines "$W/regio.pdf" >"$W/outlines.json" 2>/dev/null
for b in "1. Alle indicatoren per kwartaal" "2. Trends met hun onzekerheid" "3. Uitsplitsingen per jaar" \
    "4. Perinatale uitkomsten naar route" "5. Van de tweede naar de eerste lijn" \
    "6. In beeld bij de JGZ tot twee jaar" "7. Routeovergangen en risicofactoren" "Bijlage: definities" \
    "Naar gemeente" "Relatief risico en waargenomen tegen verwacht"; do
    expect_grep "bookmark $b" "\"title\": \"$b\"" "$W/outlines.json"
done
pdftotext -layout "$W/regio.pdf" "$W/regio.txt"
# the national reference values beside the region's (referenties.csv: vroeggeboorte 2024 6.6, Perined)
expect_grep "national reference values" "Landelijk .*6,6 %" "$W/regio.txt"
expect_grep "national reference: source and year" "Perined 2024" "$W/regio.txt"
for h in "Regiovisie Kansrijke Start" "Peildatum (gegevens tot en met): 31 december 2025" \
    "Gebouwd op: " "Gescreend op kwetsbaarheid" "2025Q1" "niet getoond: te weinig personen, of om terugrekenen te voorkomen" \
    "Jaar 2025" "Naar leeftijdsklasse" "Naar pariteit" "Kinderen geboren in 2023-2025" "binnen de toevalsmarge" \
    "Van route bij signalering naar route" "Risicofactoren" "Wat niet getoond wordt" "pagina 1 van $n"; do
    expect_grep "text '$h'" "$h" "$W/regio.txt"
done
# the footnotes, wherever their lines wrap: the threshold of the perinatal outcomes, the baseline, the curves
pdftotext "$W/regio.pdf" - | tr '\n' ' ' | tr -s ' ' >"$W/flow.txt"
# screening rose from 2023 to 2025Q3 (special causes in the SPC chart) and its last quarter is ordinary variation: the
# text once said that no quarter pointed to a real change
expect_grep "an earlier special cause is not denied" "Gescreend op kwetsbaarheid In 2025: [^.]*\. Het laatste kwartaal past bij gewone variatie (SPC), maar eerdere kwartalen wezen op een bijzondere oorzaak" "$W/flow.txt"
for h in "ten minste 24+0 weken" "Perined publiceert ook vanaf 22+0 weken" "de waarde van het basisjaar 2023" \
    "recente cohorten zien er beter uit tot hun gaten kunnen ontstaan"; do
    expect_grep "footnote '$h'" "$h" "$W/flow.txt"
done
# municipalities by their name from the reference table
expect_grep "a municipality by name" "Maastricht" "$W/regio.txt"
# the synthetic mark on every page
for p in $(seq 1 "$n"); do
    pdftotext -f "$p" -l "$p" "$W/regio.pdf" - | grep -q "SYNTHETISCHE GEGEVENS — geen echte cliënten" ||
        bad "no synthetic mark on page $p"
done
ok
# no pseudonym (64 hex characters) in the text or in the uncompressed file
qpdf --qdf --object-streams=disable "$W/regio.pdf" "$W/regio.qdf" 2>/dev/null
if grep -aqE '[0-9a-f]{64}' "$W/regio.txt" "$W/regio.qdf"; then bad "a 64-character pseudonym"; else ok; fi
# every number of the text traced to a row of the export, and no count of persons of 1-9
if python3 "$HERE/trace_report.py" --ref "$W/s/referenties.csv" "$W/regio.pdf" "$W/export.json" zl >"$W/trace" 2>&1; then ok; else
    bad "numbers of the regio report not traced to the export"
    head -20 "$W/trace"
fi
# teller / noemer pairs: neither side from 1 to 9 (the engine shows 0 or at least 10, and x)
if grep -qE '(^|[^0-9.,])[1-9] / [0-9x]|[0-9x] / [1-9]([^0-9.,]|$)' "$W/regio.txt"; then
    bad "a count of 1-9 in a teller / noemer pair"
    grep -nE '(^|[^0-9.,])[1-9] / [0-9x]|[0-9x] / [1-9]([^0-9.,]|$)' "$W/regio.txt" | head -3
else ok; fi
# one value checked independently: the year's route.gescreend row of the export, formatted the Dutch way here
want=$(python3 - "$W/export.json" <<'EOF'
import json, sys
for r in json.load(open(sys.argv[1], encoding="utf-8")):
    if (r["indicator"], r["regio"], r["site"], r["groep"], r["periode"]) == ("route.gescreend", "zl", "*", "totaal", "2025"):
        if r["onderdrukt"] or r["waarde"] is None:
            print("x")
        else:
            f = lambda v: ("%.1f" % v).replace(".", ",")
            print("%s %% (%s–%s)" % (f(r["waarde"]), f(r["ci_laag"]), f(r["ci_hoog"])))
EOF
)
if [ -n "$want" ] && [ "$want" != "x" ] && grep "Gescreend op kwetsbaarheid" "$W/regio.txt" | grep -qF "$want"; then ok; else
    bad "route.gescreend 2025 '$want' not on its line in the report"
fi
# the birth cohort of the curves: the one whose published curves reach furthest together (then the most steps; years
# before quarters, the latest first), worked out again here from `kansrijk export --curves`
km_want() { python3 "$HERE/km_cohort.py" "$1" zl 2025; }  # CURVES.CSV: the cohort the report should draw
"$K" export --db "$DB" --curves --format csv -o "$W/curves.csv" 2>/dev/null || bad "export --curves"
km=$(km_want "$W/curves.csv")
if [ -n "$km" ] && pdftotext "$W/regio.pdf" - | tr '\n' ' ' | tr -s ' ' | grep -qF "Kinderen geboren in $km die nog in beeld"; then ok
else bad "the curves' cohort: want $km"; fi
# a cohort with one curve to 18 months against one born this year with two flat curves of 6 months: the long one
# (the report once counted curves first and drew the two flat lines of 2025)
cp "$DB" "$W/km.db"
sqlite3 "$W/km.db" "DELETE FROM uitkomst_curve WHERE regio = 'zl' AND NOT (periode = '2023' AND groep = 'route' AND groepwaarde = '1');
    INSERT OR REPLACE INTO uitkomst_curve VALUES ('nazorg.in_zorg', 'zl', '*', 'totaal', '', '2025', 91, 900, 99.5, 99.0, 99.8),
        ('nazorg.in_zorg', 'zl', '*', 'totaal', '', '2025', 182, 400, 99.1, 98.5, 99.5),
        ('nazorg.in_zorg', 'zl', '*', 'route', '1', '2025', 91, 300, 99.6, 99.0, 99.9),
        ('nazorg.in_zorg', 'zl', '*', 'route', '1', '2025', 182, 120, 99.2, 98.0, 99.7)"
"$K" export --db "$W/km.db" --curves --format csv -o "$W/km.csv" 2>/dev/null || bad "export --curves (km.db)"
expect_eq "two flat curves of 6 months against one of 18: the second implementation takes 2023" "$(km_want "$W/km.csv")" "2023"
expect_exit 0 "$K" report regio --db "$W/km.db" -o "$W/km.pdf"
if pdftotext "$W/km.pdf" - | tr '\n' ' ' | tr -s ' ' | grep -qF "Kinderen geboren in 2023 die nog in beeld"; then ok
else bad "the curves' cohort: not the one followed longest (2023)"; fi

# --charts: the trend charts, the shift and the curves as SVG, PNG and CSV
for c in regio-2-route-gescreend regio-5-eerste-lijn-baring regio-6-in-zorg; do
    [ -s "$W/charts/$c.svg" ] && [ -s "$W/charts/$c.png" ] && [ -s "$W/charts/$c.csv" ] || bad "--charts: $c"
done
ok
# a provisional quarter of a line chart has an open ring around its point (pointtype 6: gnuplot's gpPt5), one per shown
# provisional quarter of the chart's twelve, as the outcome table marks them
want=$(sqlite3 "$DB" "SELECT count(*) FROM (SELECT voorlopig, onderdrukt FROM uitkomst WHERE indicator = 'lijn.eerste_lijn_dagen' AND regio = 'zl' AND site = '*' AND groep = 'totaal' AND periode LIKE '____Q_' ORDER BY periode DESC LIMIT 12) WHERE voorlopig = 1 AND onderdrukt = ''")
expect_eq "--charts: an open ring for each provisional quarter of the care days' chart" \
    "$(grep -c "gpPt5' transform" "$W/charts/regio-5-eerste-lijn-dagen.svg")" "$want"
if [ "${want:-0}" -ge 1 ]; then ok; else bad "the test set has no provisional quarter of care days to mark"; fi

# the provisional mark stays with its value (a no-break space): never a "*" alone on a line of a cell or a sentence
expect_eq "no provisional mark alone on a line" "$(pdftotext "$W/regio.pdf" - | grep -c '^[[:space:]]*\*[[:space:]]*$')" "0"

# ---- the same bytes, whatever the locale and time zone ----------------------------------------------
LANG=C LC_ALL=C TZ=Pacific/Auckland "$K" report regio --db "$DB" -o "$W/again.pdf" 2>/dev/null
if cmp -s "$W/regio.pdf" "$W/again.pdf"; then ok; else bad "another LANG and TZ gave other bytes"; fi

# ---- English --------------------------------------------------------------------------------------
expect_exit 0 "$K" report regio --db "$DB" --lang en -o "$W/regional.pdf"
expect_grep "English title" "^Title: *Regional outcomes$" <(pdfinfo "$W/regional.pdf")
pdftotext -layout "$W/regional.pdf" "$W/regional.txt"
for h in "Kansrijke Start regional outcomes" "1. Every indicator by quarter" "2. Trends with their uncertainty" \
    "3. Breakdowns by year" "4. Perinatal outcomes by route" "5. From secondary to primary care" \
    "6. Followed up by youth health care to two years" "7. Route transitions and risk factors" \
    "Appendix: definitions" "SYNTHETIC DATA — no real clients" "Data cut-off (peildatum): 31 December 2025" \
    "within the margin of chance" "page 1 of"; do
    expect_grep "English text '$h'" "$h" "$W/regional.txt"
done

# ---- a year as the period ----------------------------------------------------------------------------
expect_exit 0 "$K" report regio --db "$DB" --periode 2024 -o "$W/jaar.pdf"
expect_grep "subject: the year" "^Subject: *Kansrijke Start, Zuid-Limburg, 2024$" <(pdfinfo "$W/jaar.pdf")
if python3 "$HERE/trace_report.py" --ref "$W/s/referenties.csv" "$W/jaar.pdf" "$W/export.json" zl >"$W/trace" 2>&1; then ok; else
    bad "numbers of the 2024 report not traced to the export"
    head -10 "$W/trace"
fi

# ---- refusals: an unknown region or period, no PDF ------------------------------------------------------
expect_exit 2 "$K" report regio --db "$DB" --regio zx -o "$W/x.pdf"
expect_grep "unknown region named, with the known ones" "regio 'zx' komt niet voor.*bekende regio's" "$W/err"
expect_exit 2 "$K" report regio --db "$DB" --periode 2019Q2 -o "$W/x.pdf"
expect_grep "unknown period named, with the range" "periode 2019Q2 komt niet voor.*2023Q1 tot en met 2025Q4" "$W/err"
expect_eq "refusals: no PDF written" "$(ls "$W"/x.pdf* 2>/dev/null)" ""
expect_eq "refusals: no temporary file left" "$(find "$W/tmp" -mindepth 1 | head -1)" ""

summary
