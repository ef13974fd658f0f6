#!/usr/bin/env bash
# Tests of `kansrijk report` (REPORTS.md) on a generated set (one region, 2023-2025, peildatum
# 31-12-2025): the PDF read back with pdfinfo, pdftotext, pdffonts and qpdf (pages, metadata,
# bookmarks, headings, the peildatum, embedded fonts, the synthetic mark on every page and on none of
# a non-synthetic report, no pseudonym), every number of the text traced to `kansrijk export`
# (tests/trace_report.py), byte-identical output under SOURCE_DATE_EPOCH whatever LANG and TZ,
# --charts, and the refusals: unknown region or period, nothing computed, gnuplot missing, failing
# or too slow (no temporary file and no PDF left behind).
# Usage: tests/reports.sh PATH/TO/kansrijk
. "$(dirname "$0")/lib.sh" reports "$1"
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

# leftovers: the private temporary folders of the charts must be gone after every run
no_leftovers() {
    local left
    left=$(find "$W/tmp" -mindepth 1 | head -3)
    expect_eq "$1: no temporary file left" "$left" ""
}

# pages FILE: the page count
pages() { pdfinfo "$1" 2>/dev/null | sed -n 's/^Pages: *//p'; }
# thin_pages FILE: the pages between the cover and the last that hold fewer than 12 lines of text, header and footer
# included: a block split off onto a page of its own (the bestuur report once put the last two sentences of "Wat de
# cijfers zeggen" alone on page 3, and the next section on page 4)
thin_pages() {
    local p c out=""
    for p in $(seq 2 $(($(pages "$1") - 1))); do
        c=$(pdftotext -layout -f "$p" -l "$p" "$1" - | grep -c '[^[:space:]]')
        [ "$c" -ge 12 ] || out="$out $p"
    done
    echo "${out# }"
}
# page_of FILE TEXT: the first page whose text holds TEXT
page_of() {
    local p
    for p in $(seq 1 "$(pages "$1")"); do
        pdftotext -f "$p" -l "$p" "$1" - | tr '\n' ' ' | tr -s ' ' | grep -qF "$2" && { echo "$p"; return; }
    done
}

# ---- bestuur, Dutch ------------------------------------------------------------------------
expect_exit 0 "$K" report bestuur --db "$DB" --charts "$W/charts" -o "$W/bestuur.pdf"
no_leftovers "bestuur"
# the route chart has route 2 and route 3 in every quarter (dozens of pregnancies each): until 2026-12-07 the secondary
# rule hid both in all twelve, behind a risk factor of a few pregnancies whose noemer is their sum
expect_eq "bestuur: route 2 and 3 shown in all 12 quarters of the route chart" \
    "$(awk -F';' 'NR > 1 && $3 ~ /^[0-9]/ && $4 ~ /^[0-9]/' "$W/charts/bestuur-2-routes.csv" | wc -l)" "12"
expect_eq "bestuur: route 2 and 3 of zl's quarters all shown in the table" "$(sqlite3 "$DB" "SELECT count(*) FROM uitkomst WHERE indicator IN ('route.verdeling.2', 'route.verdeling.3') AND regio = 'zl' AND site = '*' AND groep = 'totaal' AND periode LIKE '____Q_' AND onderdrukt <> ''")" "0"
expect_eq "bestuur: the PDF is owner-only" "$(stat -c %a "$W/bestuur.pdf")" "600"
expect_eq "bestuur: no partial file" "$(ls "$W"/*.part 2>/dev/null)" ""
n=$(pages "$W/bestuur.pdf")
if [ "${n:-0}" -ge 6 ] && [ "${n:-0}" -le 12 ]; then ok; else bad "bestuur: $n pages, want 6..12 (2-4 and sections, appendix)"; fi
pdfinfo "$W/bestuur.pdf" >"$W/info"
expect_grep "bestuur: title" "^Title: *Bestuursrapportage$" "$W/info"
expect_grep "bestuur: subject" "^Subject: *Kansrijke Start, Zuid-Limburg, 2025Q4$" "$W/info"
expect_grep "bestuur: author is the region" "^Author: *Zuid-Limburg$" "$W/info"
expect_grep "bestuur: creator is kansrijk with its version" "^Creator: *kansrijk [0-9]" "$W/info"
expect_grep "bestuur: the creation date from SOURCE_DATE_EPOCH" "^CreationDate: *Thu Jan  1 00:00:00 2026 UTC" "$W/info"
expect_grep "bestuur: A4" "595.276 x 841.89 pts (A4)" "$W/info"
if qpdf --check "$W/bestuur.pdf" >"$W/qpdf" 2>&1; then ok; else bad "bestuur: qpdf --check"; head -5 "$W/qpdf"; fi
# fonts: every font embedded, and only the pinned DejaVu Sans
pdffonts "$W/bestuur.pdf" | tail -n +3 >"$W/fonts"
expect_eq "bestuur: every font embedded" "$(awk '{ if ($(NF-4) != "yes") print $1 }' "$W/fonts")" ""
expect_eq "bestuur: only DejaVu Sans" "$(sed 's/^[A-Z]*+//' "$W/fonts" | awk '{print $1}' | grep -v '^DejaVuSans' | head -1)" ""
# bookmarks, one per section
qpdf --json --json-key=outlines "$W/bestuur.pdf" >"$W/outlines.json" 2>/dev/null
for b in "1. Scorekaart" "2. Routes en de verschuiving naar de eerste lijn" "3. Tijdige overdracht" \
    "4. Gevolgd tot twee jaar" "5. Verankering: wie leverde wat" "Bijlage: definities"; do
    expect_grep "bestuur: bookmark $b" "\"title\": \"$b\"" "$W/outlines.json"
done
pdftotext -layout "$W/bestuur.pdf" "$W/bestuur.txt"
for h in "Bestuursrapportage Kansrijke Start" "Peildatum (gegevens tot en met): 31 december 2025" \
    "Gebouwd op: " "1. Scorekaart" "Wat de cijfers zeggen" "Gescreend op" "Tijdige overdracht naar" \
    "niet getoond: te weinig personen, of om terugrekenen te voorkomen" "Bijlage: definities" \
    "Wat niet getoond wordt" "pagina 1 van $n"; do
    expect_grep "bestuur: text '$h'" "$h" "$W/bestuur.txt"
done
# the retention rows of the scorecard show the birth cohort that reached 12 and 24 months in the period, with the value
# `kansrijk overzicht` gives it (the report once took the youngest cohort with a row: born 2024Q1, not yet 24 months)
"$K" overzicht --db "$DB" --regio zl >"$W/ovz.txt" 2>&1
for m in 12 24; do
    want=$(grep "In beeld na $m maanden" "$W/ovz.txt" | sed -E 's/.*\(geboren ([0-9Q]+)\) +([0-9,]+ %).*/\2 \1/')
    got=$(pdftotext -layout -f 2 -l 2 "$W/bestuur.pdf" - | grep -A2 "^In beeld tot twee" | tr '\n' ' ' |
        grep -oE "[0-9,]+ % +[^a-z]*jaar, na $m maanden[^g]*geboren in [0-9Q]+" | sed -E 's/^([0-9,]+ %).* ([0-9Q]+)$/\1 \2/')
    [ -n "$want" ] && ok || bad "overzicht: no value for in beeld na $m maanden"
    expect_eq "bestuur and overzicht: in beeld na $m maanden, its value and cohort" "$got" "$want"
done
# the sentences under the scorecard name the rule of the signal: this set's psychosocial hospital care is flagged by
# two of three quarters beyond two sigma (its last shown quarter 2025Q2), which the report once called "since 2025Q1
# always below the mean" (a run of 7 needs 7 quarters); a run sentence must cover at least 7 quarters (SPC)
pdftotext "$W/bestuur.pdf" - | tr '\n' ' ' | sed 's/  */ /g' >"$W/bestuur1.txt"
expect_grep "bestuur: the two-of-three signal said as such" \
    "Klinisch om psychosociale redenen: 2025Q2 (het laatste getoonde kwartaal) en een van de twee kwartalen ervoor liggen ver onder het gemiddelde" \
    "$W/bestuur1.txt"
# that quarter is provisional (an intake cohort of 2025Q2 on 31-12-2025: 184 days < 294): the sentence says the signal can
# still go away (the all-regions report once called an incomplete cohort's fall a real improvement, without a word)
expect_grep "bestuur: a signal in a provisional quarter said to be provisional" \
    "geen toeval\. Het laatste kwartaal is voorlopig: zijn cohort is nog niet compleet, dus het signaal kan nog verdwijnen\." \
    "$W/bestuur1.txt"
for since in $(grep -oE "sinds [0-9]{4}Q[1-4] steeds (boven|onder)" "$W/bestuur1.txt" | cut -d' ' -f2); do
    y=${since%Q*}; q=${since#*Q}
    runs=$(( (2025 - y) * 4 + 4 - q + 1 ))
    if [ "$runs" -ge 7 ]; then ok; else bad "bestuur: 'sinds $since steeds ...' covers only $runs quarters"; fi
done
# a sentence about the target says only what the quarters shown bear out: screening (target 95 %) in no shown quarter,
# and not "what the process delivers now", as screening rose over the years (special causes); it once said "haalt het
# doel van 95 % steeds niet: het doel ligt buiten wat de werkwijze nu oplevert"
expect_grep "bestuur: the target sentence as far as the quarters shown go" \
    "Gescreend op kwetsbaarheid haalde het doel van 95 % in geen enkel getoond kwartaal\. " "$W/bestuur1.txt"
expect_eq "bestuur: no page holds only a few lines" "$(thin_pages "$W/bestuur.pdf")" ""
# "Wat de cijfers zeggen" is one block: its heading and its last sentence on one page (here the scorecard's)
expect_eq "bestuur: what the figures say, whole on the scorecard's page" \
    "$(page_of "$W/bestuur.pdf" "Wat de cijfers zeggen") $(page_of "$W/bestuur.pdf" "Tijdige overdracht naar de JGZ haalde het doel")" "2 2"
# section 3: the MDO has one quarter shown in this set; no chart with a "mean" through one point
pdftotext "$W/bestuur.pdf" - | tr '\n' ' ' | tr -s ' ' >"$W/bestuur2.txt"
expect_grep "bestuur: an SPC chart of one quarter shown is not drawn, and said" \
    "Tijdig besproken in het MDO Te weinig kwartalen getoond voor een grafiek" "$W/bestuur2.txt"
# who took case direction: in this set every regie_type row of 2025 is x, so one sentence stands instead of a table of
# eight x's (the table once stood there with nothing in it); checked against the outcome table
expect_eq "bestuur: 2025's regie_type rows all suppressed here" \
    "$(sqlite3 "$DB" "SELECT count(*) > 0 AND sum(onderdrukt = '') = 0 FROM uitkomst WHERE indicator = 'overdracht.regie_belegd' AND regio = 'zl' AND site = '*' AND groep = 'regie_type' AND periode = '2025'")" "1"
expect_grep "bestuur: a sentence instead of a table of x" \
    "Wie de regie nam (route 3, 2025) wordt niet getoond (x): te weinig zwangerschappen per soort" "$W/bestuur2.txt"
if grep -q "Wie heeft de regie na het MDO" "$W/bestuur2.txt"; then bad "bestuur: a table of x only"; else ok; fi
# anchoring: the three organisations of the register that never delivered (and have no agreement) have no row in the
# grid, but count in the participation on the scorecard (10 of 13): said under the grid
expect_grep "bestuur: organisations without a row in the grid said" \
    "De deelname op de scorekaart telt alle 13 organisaties in het register; 10 hebben een leveringsafspraak of een levering en staan hierboven. Niets geleverd in deze periode, naar soort: gemeente, GGZ, VSV." \
    "$W/bestuur2.txt"
# follow-up: 2023 was followed two years (its nazorg.in_zorg.s24m row is in the table); the section once said that no
# birth year had been followed two years yet when the year's curves were withheld
expect_eq "bestuur: 2023 has a 24-month row" "$(sqlite3 "$DB" "SELECT count(*) FROM uitkomst WHERE indicator = 'nazorg.in_zorg.s24m' AND regio = 'zl' AND site = '*' AND groep = 'totaal' AND periode = '2023'")" "1"
if grep -q "Er is nog geen geboortejaar dat twee jaar gevolgd kon worden" "$W/bestuur1.txt"; then
    bad "bestuur: says no birth year was followed two years, with a 24-month row for 2023"
else ok; fi
# the SPC chart rings each provisional quarter shown (pointtype 6: gnuplot's gpPt5), as the line charts do, and its
# key shows the ring once more beside "voorlopig (*)"
want=$(sqlite3 "$DB" "SELECT count(*) FROM uitkomst WHERE indicator = 'overdracht.jgz_tijdig' AND regio = 'zl' AND site = '*' AND groep = 'totaal' AND periode LIKE '____Q_' AND voorlopig = 1 AND onderdrukt = ''")
expect_eq "bestuur: an open ring for each provisional quarter of the JGZ handover's SPC chart, and one in its key" \
    "$(grep -c "gpPt5' transform" "$W/charts/bestuur-3-jgz-tijdig.svg")" "$((want + 1))"
expect_grep "bestuur: the SPC chart's key names the ring" "voorlopig (\*)" "$W/charts/bestuur-3-jgz-tijdig.svg"
if [ "${want:-0}" -ge 1 ]; then ok; else bad "bestuur: the test set has no provisional quarter of the JGZ handover"; fi
# the follow-up curves: of the cohort followed two years whose curves reach furthest (tests/km_cohort.py, the rule
# worked out again from the export); the section once took the latest full year with any curve, or none
"$K" export --db "$DB" --curves --format csv -o "$W/curves.csv" 2>/dev/null || bad "export --curves"
km=$(python3 "$HERE/km_cohort.py" "$W/curves.csv" zl 2025 --full 2025-12-31)
if [ -n "$km" ] && grep -qF "Kinderen geboren in $km die nog in zorg zijn bij de JGZ" "$W/bestuur1.txt"; then ok
else bad "bestuur: the follow-up cohort is not $km"; fi
# the cover names the latest delivery's file whole, on one line (it once broke after the hyphen of "JGZ-UT")
latest=$(sqlite3 "$DB" "SELECT bestand FROM levering WHERE status = 'actief' AND organisatie IS NOT NULL ORDER BY ingelezen_op DESC, id DESC LIMIT 1")
expect_eq "bestuur: the cover's latest file on one line" "$(pdftotext -f 1 -l 1 "$W/bestuur.pdf" - | grep -cF "$latest")" "1"
# the synthetic mark on every page
for p in $(seq 1 "$n"); do
    pdftotext -f "$p" -l "$p" "$W/bestuur.pdf" - | grep -q "SYNTHETISCHE GEGEVENS — geen echte cliënten" ||
        bad "bestuur: no synthetic mark on page $p"
done
ok
# no pseudonym (64 hex characters) anywhere: in the text or in the uncompressed file
qpdf --qdf --object-streams=disable "$W/bestuur.pdf" "$W/bestuur.qdf" 2>/dev/null
if grep -aqE '[0-9a-f]{64}' "$W/bestuur.txt" "$W/bestuur.qdf"; then bad "bestuur: a 64-character pseudonym"; else ok; fi
if grep -qE 'Trend over ([0-9]{4})-\1' "$W/bestuur.txt"; then bad "bestuur: a window of one year written as 2025-2025"; else ok; fi
# every number of the text traced to a row of the export, and no count of persons of 1-9
if python3 "$HERE/trace_report.py" "$W/bestuur.pdf" "$W/export.json" zl >"$W/trace" 2>&1; then ok; else
    bad "bestuur: numbers not traced to the export"
    head -20 "$W/trace"
fi
# --charts: every chart as SVG, PNG and CSV
nsvg=$(ls "$W"/charts/*.svg 2>/dev/null | wc -l)
if [ "$nsvg" -ge 5 ]; then ok; else bad "--charts: $nsvg SVG files"; fi
for f in "$W"/charts/*.svg; do
    b=${f%.svg}
    [ -s "$b.png" ] && [ -s "$b.csv" ] || bad "--charts: $b without PNG or CSV"
    head -c 8 "$b.png" | od -An -c | grep -q 'P   N   G' || bad "--charts: $b.png is not a PNG"
done
ok
expect_grep "--charts: the CSV of a chart with a decimal comma" "^20[0-9][0-9]Q[1-4];[0-9]*,[0-9]" "$W/charts/bestuur-3-jgz-tijdig.csv"

# ---- the same bytes, whatever the locale and time zone -------------------------------------
LANG=C LC_ALL=C TZ=Pacific/Auckland "$K" report bestuur --db "$DB" --charts "$W/charts2" -o "$W/again.pdf" 2>/dev/null
if cmp -s "$W/bestuur.pdf" "$W/again.pdf"; then ok; else bad "bestuur: another LANG and TZ gave other bytes"; fi
LANG=nl_NL.UTF-8 TZ=Europe/Amsterdam "$K" report bestuur --db "$DB" -o "$W/again2.pdf" 2>/dev/null
if cmp -s "$W/bestuur.pdf" "$W/again2.pdf"; then ok; else bad "bestuur: nl_NL and Amsterdam gave other bytes"; fi

# ---- English ------------------------------------------------------------------------------
expect_exit 0 "$K" report bestuur --db "$DB" --lang en -o "$W/board.pdf"
pdftotext -layout "$W/board.pdf" "$W/board.txt"
for h in "Kansrijke Start board report" "1. Scorecard" "SYNTHETIC DATA — no real clients" "page 1 of" \
    "Data cut-off (peildatum): 31 December 2025" "Appendix: definitions"; do
    expect_grep "board: text '$h'" "$h" "$W/board.txt"
done
# the scorecard in English: its status words too ("○ rood" once), and the header "Target" whole ("Targ-" "et")
pdftotext -f 2 -l 2 -layout "$W/board.pdf" "$W/board2.txt"
if grep -qE "(rood|groen|oranje|grijs)$" "$W/board2.txt"; then bad "board: a Dutch status word on the English scorecard"; else ok; fi
expect_grep "board: English status words" "\(○\|●\|◐\|–\) \(red\|green\|amber\|grey\)$" "$W/board2.txt"
expect_grep "board: the header Target whole" "This period  *Target  *Quarters" "$W/board2.txt"
expect_eq "board: no page holds only a few lines" "$(thin_pages "$W/board.pdf")" ""
# the kinds of organisation in English words (they were the Dutch codes: "by kind: gemeente, ggz, vsv")
expect_grep "board: kinds of organisation in English" \
    "Nothing delivered this period, by kind: municipality, mental health care (GGZ), obstetric partnership (VSV)." \
    <(pdftotext "$W/board.pdf" - | tr '\n' ' ' | tr -s ' ')
expect_eq "board: what the figures say, whole on one page" \
    "$(page_of "$W/board.pdf" "What the figures say")" "$(page_of "$W/board.pdf" "Timely handover to youth health care missed")"

# ---- not synthetic: no mark on any page ------------------------------------------------------
cp "$DB" "$W/real.db"
sqlite3 "$W/real.db" "UPDATE levering SET synthetisch = 0"
expect_exit 0 "$K" report bestuur --db "$W/real.db" -o "$W/real.pdf"
if pdftotext "$W/real.pdf" - | grep -qi "synthetisch"; then bad "a non-synthetic report carries the mark"; else ok; fi

# ---- refusals ---------------------------------------------------------------------------------
expect_exit 2 "$K" report bestuur --db "$DB" --regio zx -o "$W/x.pdf"
expect_grep "unknown region named, with the known ones" "regio 'zx' komt niet voor.*bekende regio's: utrecht, zhz, zl" "$W/err"
expect_exit 2 "$K" report bestuur --db "$DB" --periode 2019Q2 -o "$W/x.pdf"
expect_grep "unknown period named, with the range" "periode 2019Q2 komt niet voor.*2023Q1 tot en met 2025Q4" "$W/err"
expect_grep "unknown period: the region in words, the years too" "uitkomstentabel van regio zl; .*, en de jaren 2023 tot en met 2025$" "$W/err"
expect_exit 2 "$K" report bestuur --db "$DB" --regio ZL --periode 2019Q2 -o "$W/x.pdf"
expect_grep "a region code in capitals is that region" "uitkomstentabel van regio zl; " "$W/err"
expect_exit 2 "$K" report bestuur --db "$DB" --periode 2025Q7 -o "$W/x.pdf"
expect_grep "malformed period" "geen kwartaal" "$W/err"
expect_exit 2 "$K" report begroting --db "$DB" -o "$W/x.pdf"
expect_exit 2 "$K" report bestuur --db "$DB" -o "$W/geen-map/x.pdf"
expect_grep "a PDF into a missing folder: says why" "kan niet schrijven: $W/geen-map/x.pdf (.\+)" "$W/err"
expect_exit 2 env -C "$W" "$K" report bestuur --db "$DB" -o -
expect_grep "-o -: refused, a PDF goes to a file" "niet naar de standaarduitvoer: geef het een naam met -o BESTAND.pdf" "$W/err"
expect_eq "-o -: no file named '-'" "$(ls "$W/-" 2>/dev/null)" ""
expect_exit 2 "$K" report bestuur --db "$DB"
"$K" init --db "$W/empty.db" >/dev/null
expect_exit 2 "$K" report bestuur --db "$W/empty.db" -o "$W/x.pdf"
expect_grep "nothing computed: run compute first, on this --db" "voer eerst 'kansrijk compute --db empty.db' uit" "$W/err"
expect_eq "refusals: no PDF written" "$(ls "$W"/x.pdf* 2>/dev/null)" ""
no_leftovers "refusals"

# gnuplot missing: a PATH without it
mkdir -p "$W/bin"
for t in cat sed; do ln -sf "$(command -v $t)" "$W/bin/$t"; done
expect_exit 2 env PATH="$W/bin" "$K" report bestuur --db "$DB" -o "$W/x.pdf"
expect_grep "gnuplot missing: the package named" "installeer het Debian-pakket gnuplot-nox" "$W/err"
expect_eq "gnuplot missing: no PDF" "$(ls "$W"/x.pdf* 2>/dev/null)" ""
no_leftovers "gnuplot missing"
# a gnuplot that fails on one chart, and one that hangs
printf '#!/bin/sh\ncase "$1" in *jgz*) echo "line 12: undefined variable: bad" >&2; exit 1;; esac\nexec %s "$@"\n' \
    "$(command -v gnuplot)" >"$W/bin/gnuplot"
chmod +x "$W/bin/gnuplot"
expect_exit 2 env PATH="$W/bin:$PATH" "$K" report bestuur --db "$DB" -o "$W/x.pdf"
expect_grep "a failing chart is named, with gnuplot's message" "bestuur-3-jgz-tijdig: line 12: undefined variable: bad" "$W/err"
expect_eq "a failing chart: no PDF" "$(ls "$W"/x.pdf* 2>/dev/null)" ""
no_leftovers "a failing chart"
printf '#!/bin/sh\nexec sleep 30\n' >"$W/bin/gnuplot"
expect_exit 2 env PATH="$W/bin:$PATH" KANSRIJK_GNUPLOT_TIMEOUT=1 "$K" report bestuur --db "$DB" -o "$W/x.pdf"
expect_grep "a hanging gnuplot is stopped" "niet binnen 1 seconden" "$W/err"
no_leftovers "a hanging gnuplot"
# an interrupt (SIGTERM here: a background job ignores SIGINT) while the charts are made: it takes
# effect once the temporary folder is gone
env PATH="$W/bin:$PATH" KANSRIJK_GNUPLOT_TIMEOUT=2 "$K" report bestuur --db "$DB" -o "$W/x.pdf" >/dev/null 2>&1 &
pid=$!
sleep 0.7
kill -TERM "$pid"
wait "$pid"
expect_eq "an interrupt ends the report (SIGTERM)" "$?" "143"
expect_eq "an interrupt: no PDF" "$(ls "$W"/x.pdf* 2>/dev/null)" ""
no_leftovers "an interrupt"
rm -f "$W/bin/gnuplot"

# one delivery of one organisation: the cover says so in the singular ("1 leveringen van 1 organisaties" before)
"$K" init --db "$W/one.db" >/dev/null
"$K" ingest --db "$W/one.db" $(ls "$W"/s/*.csv | grep -v '_20[0-9][0-9]') >/dev/null 2>&1
"$K" ingest --db "$W/one.db" "$(ls "$W"/s/zwangerschap_*_2025Q4.csv | head -1)" >/dev/null 2>&1
"$K" compute --db "$W/one.db" >/dev/null 2>&1
expect_exit 0 "$K" report bestuur --db "$W/one.db" -o "$W/one.pdf"
expect_grep "cover: one delivery of one organisation" "Gebouwd op: 1 levering van 1 organisatie;" \
    <(pdftotext -f 1 -l 1 "$W/one.pdf" - 2>/dev/null)
expect_exit 0 "$K" report bestuur --db "$W/one.db" --lang en -o "$W/one-en.pdf"
expect_grep "cover, English: one delivery" "Built from: 1 delivery from 1 organisation;" \
    <(pdftotext -f 1 -l 1 "$W/one-en.pdf" - 2>/dev/null)

summary
