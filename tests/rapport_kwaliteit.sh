#!/usr/bin/env bash
# Tests of `kansrijk report kwaliteit` (REPORTS.md, the data coordinator's report) on a generated set
# (one region, 2023-2025, peildatum 31-12-2025) with its re-sent, corrected, late and refused files:
# the PDF read back with pdfinfo, pdftotext, pdffonts and qpdf (pages, metadata, bookmarks, headings,
# the peildatum, embedded fonts, the synthetic mark on every page, no pseudonym), the numbers of the
# ledger against independent sqlite3 queries of `levering`, the rejected rows, completeness and missing
# periods against the outcome table, a masked example line and none of the identifiers of the refused
# files, the English version, byte-identical output under SOURCE_DATE_EPOCH whatever LANG and TZ, the
# same bytes with the extract tables and raw counts wiped (the report reads neither), and the region
# filter of the ledger.
# Usage: tests/rapport_kwaliteit.sh PATH/TO/kansrijk
. "$(dirname "$0")/lib.sh" rapport_kwaliteit "$1"
# Reports and the scorecard: Dutch unless a check asks for --lang en
export KANSRIJK_TAAL=nl
cd "$W" || exit 2
DB=$W/k.db
S=$W/s
"$K" samples --regio zl --jaren 2023-2025 --schaal 0.4 --seed 5 -o "$S" >/dev/null || bad "samples"
"$K" init --db "$DB" >/dev/null || bad "init"
"$K" ingest --db "$DB" "$S"/*.csv >/dev/null 2>&1
for d in herzonden correcties laat; do
    if ls "$S/$d"/*.csv >/dev/null 2>&1; then "$K" ingest --db "$DB" "$S/$d"/*.csv >/dev/null 2>&1; fi
done
expect_exit 2 "$K" ingest --db "$DB" "$S"/bad/*.csv
nbad=$(ls "$S"/bad/*.csv | wc -l)
expect_eq "every bad file refused in the ledger" "$(sql "SELECT count(*) FROM levering WHERE status = 'geweigerd'")" "$nbad"
"$K" compute --db "$DB" >/dev/null || bad "compute"
mkdir -p "$W/tmp"
export TMPDIR=$W/tmp
export SOURCE_DATE_EPOCH=1767225600
P=2025Q4

pages() { pdfinfo "$1" 2>/dev/null | sed -n 's/^Pages: *//p'; }
# section FILE FROM TO: the lines of a text file from the first line matching FROM to the next matching TO
section() { awk -v a="$2" -v b="$3" 'index($0, a) { on = 1; next } on && index($0, b) { exit } on' "$1"; }
# the text of a PDF in drawing order on one line, spaces squeezed (sentences and cells that were wrapped)
flat() { pdftotext -raw "$1" - | tr '\n' ' ' | tr -s ' '; }
# the rows of a table of a type (or totaal) and five counts
counts5() { awk 'NF == 6 && $2 ~ /^[0-9.]+$/ && $3 ~ /^[0-9.]+$/ && $4 ~ /^[0-9.]+$/ && $5 ~ /^[0-9.]+$/ && $6 ~ /^[0-9.]+$/'; }
# a number as printed (12.345 or 12,345) as digits
digits() { tr -d '.,'; }

# ---- Dutch --------------------------------------------------------------------------------------
expect_exit 0 "$K" report kwaliteit --db "$DB" --charts "$W/charts" -o "$W/k.pdf"
expect_eq "no temporary file left" "$(find "$W/tmp" -mindepth 1 | head -3)" ""
expect_eq "the PDF is owner-only" "$(stat -c %a "$W/k.pdf")" "600"
n=$(pages "$W/k.pdf")
if [ "${n:-0}" -ge 8 ] && [ "${n:-0}" -le 20 ]; then ok; else bad "kwaliteit: $n pages, want 8..20"; fi
pdfinfo "$W/k.pdf" >"$W/info"
expect_grep "title" "^Title: *Kwaliteitsrapportage$" "$W/info"
expect_grep "subject" "^Subject: *Kansrijke Start, Zuid-Limburg, $P$" "$W/info"
expect_grep "author is the region" "^Author: *Zuid-Limburg$" "$W/info"
expect_grep "creator is kansrijk with its version" "^Creator: *kansrijk [0-9]" "$W/info"
expect_grep "the creation date from SOURCE_DATE_EPOCH" "^CreationDate: *Thu Jan  1 00:00:00 2026 UTC" "$W/info"
expect_grep "A4" "595.276 x 841.89 pts (A4)" "$W/info"
if qpdf --check "$W/k.pdf" >"$W/qpdf" 2>&1; then ok; else bad "qpdf --check"; head -5 "$W/qpdf"; fi
pdffonts "$W/k.pdf" | tail -n +3 >"$W/fonts"
if [ -s "$W/fonts" ]; then ok; else bad "pdffonts lists no font"; fi
expect_eq "every font embedded" "$(awk '{ if ($(NF-4) != "yes") print $1 }' "$W/fonts")" ""
expect_eq "only DejaVu Sans" "$(sed 's/^[A-Z]*+//' "$W/fonts" | awk '{print $1}' | grep -v '^DejaVuSans' | head -1)" ""
qpdf --json --json-key=outlines "$W/k.pdf" >"$W/outlines.json" 2>/dev/null
for b in "1. Het leveringsregister" "2. Afgewezen rijen" "3. Volledigheid per kolom" "4. Koppeling" \
    "5. Ontbrekende leveringen" "Bijlage: definities" "Geweigerde bestanden" "Voorbeelden"; do
    expect_grep "bookmark $b" "\"title\": \"$b\"" "$W/outlines.json"
done
pdftotext -layout "$W/k.pdf" "$W/k.txt"
for h in "Kwaliteitsrapportage Kansrijke Start" "Peildatum (gegevens tot en met): 31 december 2025" \
    "Leveringen per soort en status" "Laatste levering per organisatie" "Per organisatie en soort" "Per reden" \
    "Ongekoppelde records" "Aanlevering (verankering.aanlevering)" "Volledigheid (kwaliteit.volledigheid)" \
    "Wat niet getoond wordt" "pagina 1 van $n" "pagina $n van $n"; do
    expect_grep "text '$h'" "$h" "$W/k.txt"
done
for p in $(seq 1 "$n"); do
    pdftotext -f "$p" -l "$p" "$W/k.pdf" - | grep -q "SYNTHETISCHE GEGEVENS — geen echte cliënten" ||
        bad "no synthetic mark on page $p"
done
ok
# no pseudonym: no 64 hexadecimal characters in the text or the uncompressed file, and no run of 7 or more
# hexadecimal characters with a digit in the text (a masked pseudonym is 6 and …)
qpdf --qdf --object-streams=disable "$W/k.pdf" "$W/k.qdf" 2>/dev/null
if grep -aqE '[0-9a-fA-F]{64}' "$W/k.txt" "$W/k.qdf"; then bad "a 64-character pseudonym"; else ok; fi
expect_eq "no unmasked hexadecimal run" "$(grep -oE '[0-9a-fA-F]{7,}' "$W/k.txt" | grep '[0-9]' | head -3)" ""

# ---- the ledger against sqlite3 ------------------------------------------------------------------
EXTRACT="type NOT IN ('regios', 'sites', 'gemeenten', 'organisaties', 'afspraken', 'doelen', 'referenties')"
# per type and status (and the total row)
section "$W/k.txt" "Leveringen per soort en status" "Rijen van de actieve leveringen" |
    counts5 | digits | tr -s ' ' >"$W/got_status"
sql "SELECT type || ' ' || sum(status = 'actief') || ' ' || sum(status = 'vervangen') || ' ' || sum(status = 'geweigerd') || ' ' || sum(status = 'ingetrokken') || ' ' || count(*) FROM levering WHERE $EXTRACT GROUP BY type ORDER BY type" >"$W/want_status"
sql "SELECT 'totaal ' || sum(status = 'actief') || ' ' || sum(status = 'vervangen') || ' ' || sum(status = 'geweigerd') || ' ' || sum(status = 'ingetrokken') || ' ' || count(*) FROM levering WHERE $EXTRACT" >>"$W/want_status"
if [ "$(wc -l <"$W/want_status")" -ge 8 ] && cmp -s "$W/got_status" "$W/want_status"; then ok; else
    bad "deliveries per type and status differ from levering"
    diff "$W/got_status" "$W/want_status" | head -20
fi
# rows of the active deliveries of the period, and of all periods
ROWS="type || ' ' || count(*) || ' ' || sum(rows_read) || ' ' || sum(rows_accepted) || ' ' || sum(rows_rejected) || ' ' || sum(rows_skipped)"
TOT="'totaal ' || count(*) || ' ' || sum(rows_read) || ' ' || sum(rows_accepted) || ' ' || sum(rows_rejected) || ' ' || sum(rows_skipped)"
# the mdo extract's rows are pregnancies of route 3: shown only as any count of persons (10 read or more, no kind of
# 1-9; else x, and that line has no counts here), and the total leaves mdo out ("totaal behalve mdo")
SHOWN_MDO="HAVING type <> 'mdo' OR (sum(rows_read) >= 10 AND sum(rows_accepted) NOT BETWEEN 1 AND 9 AND sum(rows_rejected) NOT BETWEEN 1 AND 9 AND sum(rows_skipped) NOT BETWEEN 1 AND 9)"
section "$W/k.txt" "Leveringen voor $P" "Alle perioden samen" | sed 's/^totaal behalve mdo/totaal/' |
    counts5 | digits | tr -s ' ' >"$W/got_rows"
{
    sql "SELECT $ROWS FROM levering WHERE status = 'actief' AND $EXTRACT AND periode = '$P' GROUP BY type $SHOWN_MDO ORDER BY type"
    sql "SELECT $TOT FROM levering WHERE status = 'actief' AND $EXTRACT AND type <> 'mdo' AND periode = '$P'"
} >"$W/want_rows"
if [ -s "$W/want_rows" ] && cmp -s "$W/got_rows" "$W/want_rows"; then ok; else
    bad "rows of the period differ from levering"
    diff "$W/got_rows" "$W/want_rows" | head -20
fi
section "$W/k.txt" "Alle perioden samen" "Geweigerde bestanden" | sed 's/^totaal behalve mdo/totaal/' |
    counts5 | digits | tr -s ' ' >"$W/got_all"
{
    sql "SELECT $ROWS FROM levering WHERE status = 'actief' AND $EXTRACT GROUP BY type $SHOWN_MDO ORDER BY type"
    sql "SELECT $TOT FROM levering WHERE status = 'actief' AND $EXTRACT AND type <> 'mdo'"
} >"$W/want_all"
expect_grep "the rows' total leaves mdo out" "^totaal behalve mdo" "$W/k.txt"
if cmp -s "$W/got_all" "$W/want_all"; then ok; else
    bad "rows of all periods differ from levering"
    diff "$W/got_all" "$W/want_all" | head -20
fi
# every refused file by name, with its code and the Dutch words of it
for f in "$S"/bad/*.csv; do
    expect_grep "refused file $(basename "$f") listed" "$(basename "$f")" "$W/k.txt"
done
sql "SELECT DISTINCT reden_code FROM levering WHERE status = 'geweigerd'" >"$W/codes"
while read -r c; do expect_grep "refusal code $c" "($c)" "$W/k.txt"; done <"$W/codes"
flat "$W/k.pdf" >"$W/k.flat"
expect_grep "a refusal in Dutch words" "het bestand bevat een kolom met direct identificerende gegevens" "$W/k.flat"
expect_grep "the ETL's message of a refusal, in Dutch" "kolom bsn (kolom 2) lijkt een direct identificerend gegeven" "$W/k.flat"
# the latest delivery of an organisation that never delivered, and of one whose last file was refused
expect_grep "an organisation that never delivered" "nog nooit geleverd" "$W/k.txt"

# ---- rejected rows against the outcome table -----------------------------------------------------
Q="regio = 'zl' AND site = '*' AND periode = '$P'"
t=$(sql "SELECT teller || ' ' || noemer FROM uitkomst WHERE indicator = 'kwaliteit.afgewezen' AND groep = 'totaal' AND $Q")
# counts the Dutch way, grouped from four digits on in the reports ("8.889")
dutch() { python3 -c 'import sys; print("{:,}".format(int(sys.argv[1])).replace(",", "."))' "$1"; }
expect_grep "the rejected rows of the period" \
    "Van de $(dutch "${t#* }") gelezen datarijen voor $P zijn er $(dutch "${t% *}") afgewezen" "$W/k.flat"
section "$W/k.txt" "Per reden" "Voorbeelden" | awk 'NF >= 3 && $NF ~ /^[0-9.]+$/ { print $1, $NF }' | digits >"$W/got_why"
sql "SELECT groepwaarde || ' ' || teller FROM uitkomst WHERE indicator = 'kwaliteit.afgewezen' AND groep = 'reden' AND $Q ORDER BY teller DESC, groepwaarde" >"$W/want_why"
if [ -s "$W/want_why" ] && cmp -s "$W/got_why" "$W/want_why"; then ok; else
    bad "rejected rows per reason differ from the outcome table"
    diff "$W/got_why" "$W/want_why" | head
fi
section "$W/k.txt" "Per organisatie en soort" "Per reden" |
    awk '$2 ~ /^(zwangerschap|screening|zorgepisode|overdracht|mdo|bevalling|jgz_contact)$/ && $3 ~ /^[0-9.]+$/ { print $1, $2, $3, $4 }' |
    digits | sort >"$W/got_org"
sql "SELECT groepwaarde || ' ' || substr(indicator, 21) || ' ' || noemer || ' ' || teller FROM uitkomst WHERE indicator LIKE 'kwaliteit.afgewezen.%' AND groep = 'organisatie' AND teller > 0 AND $Q" | sort >"$W/want_org"
if [ -s "$W/want_org" ] && cmp -s "$W/got_org" "$W/want_org"; then ok; else
    bad "rejected rows per organisation and type differ from the outcome table"
    diff "$W/got_org" "$W/want_org" | head
fi
# masked examples: a pseudonym as 6 characters and …, stored so in afgewezen, on a line that has such a row
grep -oE '[0-9a-f]{6}… is geen pseudoniem' "$W/k.txt" | cut -c1-9 | sort -u >"$W/masked"
if [ -s "$W/masked" ]; then ok; else bad "no masked pseudonym among the examples"; fi
while read -r m; do
    expect_eq "example $m is a stored masked value" "$(sql "SELECT count(*) > 0 FROM afgewezen WHERE code = 'pseudonym' AND waarde = '$m'")" "1"
done <"$W/masked"
grep -oE 'regel [0-9]+, kolom client_pseudoniem' "$W/k.txt" | awk '{print $2}' | tr -d , >"$W/lines"
if [ -s "$W/lines" ]; then ok; else bad "no example line of a pseudonym"; fi
while read -r l; do
    expect_eq "example line $l is a rejected pseudonym" \
        "$(sql "SELECT count(*) > 0 FROM afgewezen a JOIN levering l ON l.id = a.levering_id WHERE a.code = 'pseudonym' AND a.regel = $l AND l.periode = '$P'")" "1"
done <"$W/lines"
expect_grep "a rejected date as it was written" "31-02-20[0-9][0-9] bestaat niet" "$W/k.flat"
# nothing of the refused files: their BSNs, names, postcodes and pseudonyms (or their first 10 characters)
: >"$W/idents"
for f in "$S"/bad/*.csv; do
    head -c 2 "$f" | grep -q 'PK' && continue
    tail -n +2 "$f" | tr ';,\t' '\n\n\n' | sed 's/\r$//' | grep -E '^[0-9]{9}$|^[0-9]{4} ?[A-Z]{2}$|^[A-Z]\. |^[0-9a-f]{64}$' >>"$W/idents"
done
if [ "$(wc -l <"$W/idents")" -ge 5 ]; then ok; else bad "too few identifiers found in the bad files"; fi
leak=""
while read -r v; do
    [ ${#v} -eq 64 ] && v=${v:0:10}
    if grep -aqF -- "$v" "$W/k.txt" "$W/k.qdf"; then leak="$leak $v"; fi
done <"$W/idents"
expect_eq "no identifier of a refused file" "$leak" ""

# ---- completeness, linkage, missing periods against the outcome table -----------------------------
section "$W/k.txt" "3. Volledigheid per kolom" "4. Koppeling" | awk '
    $1 ~ /^(zwangerschap|screening|zorgepisode|overdracht|mdo|bevalling|jgz_contact)$/ && NF == 1 { t = $1; next }
    t != "" && NF == 4 && $2 == "x" { print t, $1, "x", $3, $4; next }
    t != "" && NF == 5 && $3 == "%" { print t, $1, $2, $4, $5 }' | digits | sort >"$W/got_vol"
sql "SELECT substr(indicator, 24) || ' ' || groepwaarde || ' ' || CASE WHEN onderdrukt = 'x' THEN 'x x x' ELSE replace(replace(printf('%.1f', waarde), '.', ''), ',', '') || ' ' || teller || ' ' || noemer END FROM uitkomst WHERE indicator LIKE 'kwaliteit.volledigheid.%' AND groep = 'kolom' AND $Q" | sort >"$W/want_vol"
if [ "$(wc -l <"$W/want_vol")" -ge 40 ] && cmp -s "$W/got_vol" "$W/want_vol"; then ok; else
    bad "completeness differs from the outcome table"
    diff "$W/got_vol" "$W/want_vol" | head
fi
if grep -q ' x x x$' "$W/want_vol"; then
    expect_grep "a suppressed event column is x" " x  *x  *x$" "$W/k.txt"
fi
for ind in jgz bevalling; do
    r=$(sql "SELECT onderdrukt FROM uitkomst WHERE indicator = 'kwaliteit.koppeling.$ind' AND $Q")
    y=$(sql "SELECT replace(printf('%.1f %% (%.1f–%.1f)', waarde, ci_laag, ci_hoog), '.', ',') FROM uitkomst WHERE indicator = 'kwaliteit.koppeling.$ind' AND regio = 'zl' AND site = '*' AND groep = 'totaal' AND periode = '2025'")
    if [ "$r" = "x" ]; then
        expect_grep "linkage $ind: the year where the quarter is x" "in $P niet getoond (x); in heel 2025: $y" "$W/k.flat"
    else
        expect_grep "linkage $ind: the year row" "heel 2025 .*$y" "$W/k.txt"
    fi
done
section "$W/k.txt" "5. Ontbrekende leveringen" "Bijlage" >"$W/missing"
sql "SELECT DISTINCT groepwaarde FROM uitkomst WHERE indicator = 'verankering.aanlevering.ontbreekt' AND groep = 'organisatie' AND regio = 'zl' AND site = '*' AND teller > 0 AND periode LIKE '%Q%' AND periode <= '$P'" >"$W/want_missing"
if [ -s "$W/want_missing" ]; then ok; else bad "the generated set has no missing delivery"; fi
while read -r o; do expect_grep "missing: $o listed" "^$o " "$W/missing"; done <"$W/want_missing"
expect_eq "missing: only those organisations" "$(awk 'NR > 0 && $1 ~ /^[A-Z]+-/ {print $1}' "$W/missing" | sort -u)" "$(sort "$W/want_missing")"
m=$(sql "SELECT teller FROM uitkomst WHERE indicator = 'verankering.aanlevering.ontbreekt' AND groep = 'organisatie' AND groepwaarde = 'VP-ZL-4' AND regio = 'zl' AND site = '*' AND periode = '2024Q2'")
expect_grep "missing: VP-ZL-4 skipped 2024Q2 (README of the set)" "^VP-ZL-4 .*2024Q2: $m" "$W/missing"

# ---- --charts ------------------------------------------------------------------------------------
for c in kwaliteit-2-afgewezen kwaliteit-4-koppeling-jgz kwaliteit-4-koppeling-bevalling; do
    if [ -s "$W/charts/$c.svg" ] && [ -s "$W/charts/$c.png" ] && [ -s "$W/charts/$c.csv" ]; then ok; else bad "--charts: $c"; fi
done
a=$(sql "SELECT teller FROM uitkomst WHERE indicator = 'kwaliteit.afgewezen' AND groep = 'organisatie' AND groepwaarde = 'JGZ-ZL' AND $Q")
expect_grep "--charts: the counts of the bars" "^JGZ-ZL;$a$" "$W/charts/kwaliteit-2-afgewezen.csv"

# ---- the same bytes, whatever the locale and time zone ----------------------------------------------
LANG=C LC_ALL=C TZ=Pacific/Auckland "$K" report kwaliteit --db "$DB" -o "$W/again.pdf" 2>/dev/null
if cmp -s "$W/k.pdf" "$W/again.pdf"; then ok; else bad "another LANG and TZ gave other bytes"; fi
LANG=nl_NL.UTF-8 TZ=Europe/Amsterdam "$K" report kwaliteit --db "$DB" -o "$W/again2.pdf" 2>/dev/null
if cmp -s "$W/k.pdf" "$W/again2.pdf"; then ok; else bad "nl_NL and Amsterdam gave other bytes"; fi

# ---- it reads no extract table and no raw count: wiping them changes nothing ------------------------
cp "$DB" "$W/wiped.db"
sqlite3 "$W/wiped.db" "DELETE FROM zwangerschap; DELETE FROM screening; DELETE FROM zorgepisode; DELETE FROM overdracht; DELETE FROM mdo; DELETE FROM bevalling; DELETE FROM jgz_contact; UPDATE uitkomst SET teller_ruw = -7, noemer_ruw = -7"
expect_exit 0 "$K" report kwaliteit --db "$W/wiped.db" -o "$W/wiped.pdf"
if cmp -s "$W/k.pdf" "$W/wiped.pdf"; then ok; else bad "the report changed when extract tables and raw counts were wiped"; fi

# ---- a long region name: the running header stops before the synthetic mark -------------------------
# (with "Zuid-Holland Zuid" the header once ran into the mark: "...2025Q4SYNTHETISCHE GEGEVENS")
cp "$DB" "$W/long.db"
sqlite3 "$W/long.db" "UPDATE regios SET naam = 'Zuid-Limburg en het Heuvelland samen' WHERE code = 'zl'"
expect_exit 0 "$K" report kwaliteit --db "$W/long.db" -o "$W/long.pdf"
gap=$(pdftotext -bbox -f 2 -l 2 "$W/long.pdf" - | python3 -c '
import re, sys
words = [(float(m.group(1)), float(m.group(2)), float(m.group(3)), m.group(4)) for m in
         re.finditer(r"<word xMin=\"([\d.]+)\" yMin=\"([\d.]+)\" xMax=\"([\d.]+)\" yMax=\"[\d.]+\">([^<]*)</word>", sys.stdin.read())]
top = min(w[1] for w in words)
line = sorted(w for w in words if abs(w[1] - top) < 2)
mark = next(i for i, w in enumerate(line) if w[3] == "SYNTHETISCHE")
print(round(line[mark][0] - line[mark - 1][2]))')
if [ "${gap:--1}" -ge 6 ]; then ok; else bad "long region name: the running header comes within ${gap} pt of the synthetic mark"; fi
# a long file name stays whole in the tables of refused files and latest deliveries (it once broke at a hyphen:
# "zwangerschap_VP-" / "ZHZ-1_2025Q4.csv"), and the day it was read in stays on one line
o=$(sqlite3 "$W/long.db" "SELECT code FROM organisaties WHERE regio = 'zl' ORDER BY code LIMIT 1")
long_file="zwangerschap_${o}-12_${P}.csv"  # 33 characters, as zwangerschap_VP-ZHZ-1_2025Q4.csv
sqlite3 "$W/long.db" "INSERT INTO levering (type, organisatie, periode, bestand, sha256, bytes, status, reden, reden_code, ingelezen_op) VALUES ('zwangerschap', '$o', '$P', '$long_file', 'x', 1, 'geweigerd', 'the file is empty (0 bytes)', 'empty-file', '2026-01-02T00:00:00Z')"
expect_exit 0 "$K" report kwaliteit --db "$W/long.db" -o "$W/long2.pdf"
expect_eq "a long file name whole on one line, in both tables" "$(pdftotext -layout "$W/long2.pdf" - | grep -cF "$long_file")" "2"
expect_eq "the day read in on one line" "$(pdftotext -layout "$W/long2.pdf" - | grep -F "$long_file" | grep -c "2 jan 2026")" "2"

# ---- the ledger of the region only ------------------------------------------------------------------
cp "$DB" "$W/other.db"
o=$(sqlite3 "$W/other.db" "SELECT code FROM organisaties WHERE regio <> 'zl' ORDER BY code LIMIT 1")
sqlite3 "$W/other.db" "INSERT INTO levering (type, organisatie, periode, bestand, sha256, bytes, status, reden, reden_code, ingelezen_op) VALUES ('bevalling', '$o', '$P', 'bevalling_${o}_$P.csv', 'x', 1, 'geweigerd', 'the file is empty (0 bytes)', 'empty-file', '2026-01-02T00:00:00Z')"
expect_exit 0 "$K" report kwaliteit --db "$W/other.db" --regio zl -o "$W/zl.pdf"
if pdftotext "$W/zl.pdf" - | grep -q "bevalling_${o}_$P.csv"; then bad "a refusal of another region in the zl report"; else ok; fi
expect_exit 0 "$K" report kwaliteit --db "$W/other.db" --regio '*' -o "$W/all.pdf"
pdftotext -layout "$W/all.pdf" "$W/all.txt"
expect_grep "the refusal in the report of all regions" "bevalling_${o}_$P.csv" "$W/all.txt"
expect_eq "all regions: one more refused bevalling" \
    "$(section "$W/all.txt" "Leveringen per soort en status" "Rijen van" | awk '$1 == "bevalling" {print $4}')" \
    "$(sqlite3 "$W/other.db" "SELECT count(*) FROM levering WHERE type = 'bevalling' AND status = 'geweigerd'")"

# the report masks again what should have been masked at ingest: a whole pseudonym slipped into afgewezen
# shows as its first six characters and …
hex=$(printf 'kansrijk' | sha256sum | cut -c1-64)
lev=$(sqlite3 "$W/other.db" "SELECT id FROM levering WHERE status = 'actief' AND organisatie IS NOT NULL AND periode = '$P' ORDER BY id LIMIT 1")
sqlite3 "$W/other.db" "INSERT INTO afgewezen (levering_id, regel, kolom, waarde, code, melding, melding_nl) VALUES ($lev, 99999, 'client_pseudoniem', '$hex', 'number', '$hex is not a number', '$hex is geen getal')"
expect_exit 0 "$K" report kwaliteit --db "$W/other.db" --regio zl -o "$W/leak.pdf"
pdftotext -layout "$W/leak.pdf" "$W/leak.txt"
expect_grep "an unmasked pseudonym is cut to 6 characters and …" "${hex:0:6}… is geen getal" "$W/leak.txt"
if grep -qE '[0-9a-f]{7,}' "$W/leak.txt"; then bad "an unmasked pseudonym in afgewezen reached the report"; else ok; fi

# ---- English ------------------------------------------------------------------------------------
expect_exit 0 "$K" report kwaliteit --db "$DB" --lang en -o "$W/q.pdf"
pdfinfo "$W/q.pdf" >"$W/info_en"
expect_grep "English title" "^Title: *Data quality report$" "$W/info_en"
pdftotext -layout "$W/q.pdf" "$W/q.txt"
for h in "Kansrijke Start data quality report" "1. The delivery ledger" "2. Rejected rows" "3. Column completeness" \
    "4. Linkage" "5. Missing deliveries" "Appendix: definitions" "SYNTHETIC DATA — no real clients" "page 1 of" \
    "Data cut-off (peildatum): 31 December 2025" "is not a pseudonym"; do
    expect_grep "English text '$h'" "$h" "$W/q.txt"
done
if grep -qE 'Leveringen per soort|Geweigerde bestanden|nog nooit geleverd' "$W/q.txt"; then bad "Dutch left in the English report"; else ok; fi
# a masked value reads [hidden] in English, also where an older delivery stored its English message with [verborgen]
cp "$DB" "$W/m.db"
lev=$(sqlite3 "$W/m.db" "SELECT min(id) FROM levering WHERE status = 'actief' AND type = 'zwangerschap' AND periode = '$P'")
sqlite3 "$W/m.db" "INSERT INTO afgewezen (levering_id, regel, kolom, waarde, code, melding, melding_nl) VALUES ($lev, 7,
    'leeftijdsklasse', '[verborgen]', 'identifier', '[verborgen] looks like a name', '[verborgen] lijkt op een naam')"
expect_exit 0 "$K" report kwaliteit --db "$W/m.db" --lang en -o "$W/m.pdf"
pdftotext -layout "$W/m.pdf" "$W/m.txt"
expect_grep "English: a masked example reads [hidden]" "\[hidden\] *\[hidden\] looks like a name" "$W/m.txt"
expect_eq "English: nothing reads [verborgen]" "$(grep -c verborgen "$W/m.txt")" "0"
expect_exit 0 "$K" report kwaliteit --db "$W/m.db" -o "$W/m_nl.pdf"
expect_grep "Dutch: a masked example reads [verborgen]" "\[verborgen\] *\[verborgen\] lijkt op een naam" <(pdftotext -layout "$W/m_nl.pdf" -)

# ---- refusals -----------------------------------------------------------------------------------
expect_exit 2 "$K" report kwaliteit --db "$DB" --regio zx -o "$W/x.pdf"
expect_grep "unknown region named" "regio 'zx' komt niet voor" "$W/err"
expect_exit 2 "$K" report kwaliteit --db "$DB" --periode 2019Q2 -o "$W/x.pdf"
expect_eq "refusals: no PDF written" "$(ls "$W"/x.pdf* 2>/dev/null)" ""
"$K" report --help >"$W/help"
expect_grep "usage lists kwaliteit" "kwaliteit" "$W/help"

summary
