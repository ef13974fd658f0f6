#!/usr/bin/env bash
# End-to-end tests of the kansrijk command line on the fixture files in
# tests/fixtures and the committed samples: every dialect, every refusal case,
# re-sends, corrections, later versions, withdrawal, a failure halfway, the
# privacy guard, and linkage independent of ingestion order.
# Usage: tests/e2e.sh PATH/TO/kansrijk
. "$(dirname "$0")/lib.sh" e2e "$1"
FX=$HERE/fixtures
SAMPLES=$HERE/../samples
cd "$W" || exit 2
fresh_db() {  # a database with the fixture registers
    DB=$W/$1.db
    rm -f "$DB"*
    "$K" init --db "$DB" >/dev/null || bad "init $DB"
    "$K" ingest --db "$DB" "$FX"/ref/*.csv >/dev/null || bad "reference data into $DB"
}
# copy a fixture under a delivery file name
as() { mkdir -p "$W/in"; cp "$1" "$W/in/$2"; echo "$W/in/$2"; }

# ---- the command line itself -------------------------------------------------------
expect_exit 0 "$K" --help
expect_exit 0 "$K" --version
expect_grep "version" "kansrijk 0" "$W/out"
for c in init ingest validate deliveries link status spec; do
    expect_exit 0 "$K" "$c" --help
    expect_grep "$c --help" "Usage: kansrijk $c" "$W/out"
done
expect_exit 2 "$K" frobnicate
expect_exit 2 "$K" ingest --db "$W/x.db"
expect_exit 2 "$K" ingest --periode 2025Q9 "$FX/ok/header_only.csv"

# ---- init: mode 0600, idempotent ----------------------------------------------------
DB=$W/init.db
expect_exit 0 "$K" init --db "$DB"
expect_eq "db mode" "$(stat -c %a "$DB")" "600"
expect_exit 0 "$K" init --db "$DB"
expect_eq "schema version" "$(sql 'PRAGMA user_version')" "9"
expect_eq "wal" "$(sql 'PRAGMA journal_mode')" "wal"

# ---- a version-1 database is migrated to the current version ----------------------------------------------------
DB=$W/v1.db
sqlite3 "$DB" <"$HERE/../sql/schema.sql" && sqlite3 "$DB" 'PRAGMA user_version = 1'
expect_exit 0 "$K" init --db "$DB"
expect_eq "migrated" "$(sql 'PRAGMA user_version') $(sql "SELECT count(*) FROM sqlite_master WHERE name IN ('feit_traject', 'compute_run', 'uitkomst', 'uitkomst_curve')")" "9 4"

# ---- an extract before the registers is refused -------------------------------------
DB=$W/empty.db
"$K" init --db "$DB" >/dev/null
expect_exit 2 "$K" ingest --db "$DB" "$(as "$FX/ok/zwangerschap_VP-A_2025Q1.csv" zwangerschap_VP-A_2025Q1.csv)"
expect_grep "registers message" "gemeenten and organisaties" "$W/out"
expect_eq "refusal in ledger" "$(sql "SELECT status || ':' || reden_code FROM levering")" "geweigerd:no-registers"
expect_eq "no rows" "$(sql 'SELECT count(*) FROM zwangerschap')" "0"

# ---- every dialect gives the same rows --------------------------------------------------
for f in zwangerschap_VP-A_2025Q1.csv comma_bom_crlf.csv tab_lf.csv semicolon_cp1252_crlf.csv quoted_multiline.csv; do
    fresh_db dialect
    expect_exit 0 "$K" ingest --db "$DB" --type zwangerschap --organisatie VP-A --periode 2025Q1 "$FX/ok/$f"
    expect_eq "$f rows" "$(sql 'SELECT count(*) FROM zwangerschap')" "6"
    expect_eq "$f content" "$(sql "SELECT group_concat(a_terme_datum || gemeentecode || leeftijdsklasse || coalesce(pariteit, '-') || intake_datum, ',') FROM (SELECT * FROM zwangerschap ORDER BY regel)")" \
        "2025-07-15GM093525-2902025-01-10,2025-08-20GM0917<2002025-02-05,2025-09-01GM195430-3412025-02-20,2025-09-12GM093535-392+2025-03-01,2025-09-30GM050520-2412025-03-15,2025-10-10GM093540+-2025-03-28"
done
expect_grep "cp1252 unknown column warning" "unknown column opmerking" "$W/out"
# a header written another way (capitals and spaces, a hyphen, a unit in brackets) reads as the specification's names
fresh_db looseheader
{
    echo 'Client Pseudoniem;A-terme datum;Gemeentecode;leeftijdsklasse;Pariteit (aantal);intake_datum;lijn_intake'
    tail -n +2 "$FX/ok/zwangerschap_VP-A_2025Q1.csv"
} >"$W/loose"
expect_exit 0 "$K" ingest --db "$DB" "$(as "$W/loose" zwangerschap_VP-A_2025Q1.csv)"
expect_eq "loose header: every value read" "$(sql "SELECT count(*) || '/' || count(pariteit) FROM zwangerschap")" "6/5"
expect_grep "loose header: said as written (it is the column's name in other letters), with the name to use" \
    "column A-terme datum read as a_terme_datum; name it a_terme_datum" "$W/out"
expect_grep "loose header: a name with more after it (in brackets) masked: it may hold more than the column" \
    "column \[hidden\] read as pariteit; name it pariteit" "$W/out"
expect_eq "loose header: exact names say nothing" "$(grep -c 'Gemeentecode read as\|leeftijdsklasse read as' "$W/out")" "0"
# last quarter's file under this quarter's name: none of its rows is dated in the period (a warning: a delivery holds
# later versions of older records too)
fresh_db oldname
expect_exit 0 "$K" ingest --db "$DB" "$(as "$FX/ok/zwangerschap_VP-A_2025Q1.csv" zwangerschap_VP-A_2025Q2.csv)"
expect_grep "no row in the period: said, with the column" \
    "by column intake_datum none of the 6 rows lies in period 2025Q2 (2025-04-01 to 2025-06-30)" "$W/out"
fresh_db ownname
expect_exit 0 "$K" ingest --db "$DB" "$FX/ok/zwangerschap_VP-A_2025Q1.csv"
expect_eq "rows in their own period: nothing said" "$(grep -c 'none of the' "$W/out")" "0"
# a BOM on a file with Windows-1252 bytes: a BOM makes it UTF-8 (EXTRACTS.md), so its rows with those bytes are
# rejected for their encoding, never silently re-read as Windows-1252
fresh_db bomcp
{ printf '\357\273\277'; cat "$FX/ok/semicolon_cp1252_crlf.csv"; } >"$W/bomcp"
expect_exit 2 "$K" ingest --db "$DB" --type zwangerschap --organisatie VP-A --periode 2025Q1 "$W/bomcp"
expect_grep "bom + cp1252: rows rejected for their encoding" "6 × column opmerking holds bytes that are not UTF-8" "$W/out"
expect_eq "bom + cp1252 rows" "$(sql 'SELECT count(*) FROM zwangerschap')" "0"
# Excel's "sep=;" first line
fresh_db sep
{ printf 'sep=;\r\n'; cat "$FX/ok/zwangerschap_VP-A_2025Q1.csv"; } >"$W/sep.csv"
expect_exit 0 "$K" ingest --db "$DB" --type zwangerschap --organisatie VP-A --periode 2025Q1 "$W/sep.csv"
expect_eq "sep= line: rows and lines" "$(sql 'SELECT count(*), min(regel) FROM zwangerschap')" "6|3"
fresh_db lines
"$K" ingest --db "$DB" --type zwangerschap --organisatie VP-A --periode 2025Q1 "$FX/ok/quoted_multiline.csv" >/dev/null
expect_eq "line numbers of multi-line rows" "$(sql 'SELECT group_concat(regel) FROM zwangerschap')" "2,4,6,8,10,12"

# ---- refusals: exit 2, no row stored, the ledger says why ----------------------------------
refusal() {  # refusal NAME FILE CODE
    fresh_db refuse
    local f
    f=$(as "$2" "zwangerschap_VP-A_2025Q1.csv")
    expect_exit 2 "$K" ingest --db "$DB" "$f"
    expect_eq "$1: ledger" "$(sql "SELECT status || ':' || reden_code FROM levering WHERE type = 'zwangerschap'")" "geweigerd:$3"
    expect_eq "$1: no rows" "$(sql 'SELECT count(*) FROM zwangerschap') $(sql 'SELECT count(*) FROM afgewezen')" "0 0"
}
refusal "bsn column" "$FX/bad/bsn_column.csv" identifier-column
refusal "names and postcodes" "$FX/bad/names_postcodes.csv" identifier-column
refusal "bsn values in an unnamed column" "$FX/bad/bsn_values.csv" identifier-values
refusal "missing column" "$FX/bad/missing_column.csv" missing-column
expect_grep "missing names the columns" "leeftijdsklasse, lijn_intake" "$W/out"
# a title line above the header: said as such, with what the line reads
{ echo "Export Zwangerschappen VP-A, aangemaakt 3 april 2025"; cat "$FX/ok/zwangerschap_VP-A_2025Q1.csv"; } >"$W/titled"
refusal "a title above the header" "$W/titled" missing-column
expect_grep "a title above the header: said, with what to do (nothing of the line quoted: it may be a record)" \
    "line 1 names none of the columns of zwangerschap. The first line of the file must hold the column names.*remove any title" "$W/out"
expect_eq "a title above the header: not quoted" "$(grep -c 'Export Zwangerschappen' "$W/out")" "0"
refusal "unterminated quote" "$FX/bad/unterminated_quote.csv" syntax
expect_grep "quote line" "line 3" "$W/out"
printf 'PK\003\004\024\000\006\000\010\000\000\000!\000' >"$W/xlsx"
refusal "not a csv" "$W/xlsx" not-csv
printf '\320\317\021\340\241\261\032\341\000\000\000\000' >"$W/xls"
refusal "an Excel 97-2003 workbook" "$W/xls" not-csv
expect_grep "an Excel 97-2003 workbook: said as such" "Excel workbook (.xlsx or .xls)" "$W/out"
: >"$W/empty"
refusal "empty file" "$W/empty" empty-file
printf '\n\n  \n' >"$W/blank"
refusal "blank lines only" "$W/blank" no-header
printf 'client_pseudoniem,a_terme_datum;gemeentecode\n' >"$W/ambiguous"
refusal "ambiguous delimiter" "$W/ambiguous" delimiter
printf '\377\376c\000l\000' >"$W/utf16"
refusal "utf-16" "$W/utf16" encoding
# Excel for Mac's "CSV (Macintosh)": lines that end in CR alone would read as one line
tr '\n' '\r' <"$FX/ok/zwangerschap_VP-A_2025Q1.csv" | tr -s '\r' >"$W/mac"
refusal "lines ending in CR alone" "$W/mac" syntax
expect_grep "CR alone: said so, with what to do" "end in CR alone (an old Mac format).*LF or CRLF" "$W/out"
# Windows-1252 with a line whose letters are UTF-8 (pasted in from another file): refused, not stored garbled
{ cat "$FX/ok/semicolon_cp1252_crlf.csv"; printf '%s;15-12-2025;GM0935;25-29;0;10-03-2025;1;Jozéf\r\n' "$(printf 'c%.0s' $(seq 64))"; } >"$W/mixed"
refusal "two encodings in one file" "$W/mixed" encoding
expect_grep "two encodings: said, with what to do" "mixes two encodings: 1 letters are written as UTF-8.*Save the whole file again as CSV UTF-8" "$W/out"
# a quote inside a comment that is not quoted: that row rejected, naming the column and how to write it
fresh_db quote
{
    head -1 "$FX/ok/zwangerschap_VP-A_2025Q1.csv" | tr -d '\r' | sed 's/$/;opmerking/'
    tail -n +2 "$FX/ok/zwangerschap_VP-A_2025Q1.csv" | tr -d '\r' | awk '{ print $0 (NR == 2 ? ";client zegt \"geen JGZ\" nodig" : ";") }'
} >"$W/quote"
expect_exit 1 "$K" ingest --db "$DB" --accept-partial "$(as "$W/quote" zwangerschap_VP-A_2025Q1.csv)"
expect_grep "a stray quote: the column, the line and the fix" \
    "not valid CSV in column opmerking on line 3: .*double each quote in it" "$W/out"
expect_eq "a stray quote: the other rows stored" "$(sql 'SELECT count(*) FROM zwangerschap')" "5"
# a period written 2025_Q1 is read; words after the period are named, with the name to use
fresh_db names
mkdir -p "$W/names"
cp "$FX/ok/zwangerschap_VP-A_2025Q1.csv" "$W/names/zwangerschap_VP-A_2025_Q1.csv"
expect_exit 0 "$K" ingest --db "$DB" "$W/names/zwangerschap_VP-A_2025_Q1.csv"
expect_eq "2025_Q1 read as 2025Q1" "$(sql "SELECT periode FROM levering WHERE type = 'zwangerschap'")" "2025Q1"
cp "$FX/ok/zwangerschap_VP-A_2025Q1.csv" "$W/names/zwangerschap_VP-A_2025Q2 - definitief.csv"
expect_exit 2 "$K" ingest --db "$DB" "$W/names/zwangerschap_VP-A_2025Q2 - definitief.csv"
expect_grep "words after the period: the name to use (the words not repeated: they may be a name)" \
    "has words after its period: name the file zwangerschap_VP-A_2025Q2.csv" "$W/out"
# a BSN in a file's name: refused, and the name kept nowhere
cp "$FX/ok/zwangerschap_VP-A_2025Q1.csv" "$W/names/zwangerschap_VP-A_2025Q1 (bsn 123456782).csv"
expect_exit 2 "$K" ingest --db "$DB" "$W/names/zwangerschap_VP-A_2025Q1 (bsn 123456782).csv"
expect_grep "an identifier in the file name: refused" "the file name holds what looks like a BSN" "$W/out"
expect_eq "an identifier in the file name: not in the ledger" "$(sql "SELECT count(*) FROM levering WHERE bestand LIKE '%123456782%' OR coalesce(reden, '') LIKE '%123456782%'")" "0"
# the header again further down, and a line of totals at the end: each said for what it is
fresh_db pasted
{ cat "$FX/ok/zwangerschap_VP-A_2025Q1.csv"; head -1 "$FX/ok/zwangerschap_VP-A_2025Q1.csv"; echo "Totaal: 6 rijen"; } >"$W/pasted"
expect_exit 1 "$K" ingest --db "$DB" --accept-partial "$(as "$W/pasted" zwangerschap_VP-A_2025Q1.csv)"
expect_grep "the header again: one message" "line 8: the header line again: two exports pasted one below the other" "$W/out"
expect_grep "a totals line: said (its text not repeated)" "line 9: a line of totals or a count, not a record" "$W/out"
expect_eq "the records stored" "$(sql 'SELECT count(*) FROM zwangerschap')" "6"
# dates written month first (an export set to mm-dd-yyyy): refused whole, as the dates with a day up to 12 would be
# stored with day and month swapped
sed -E 's/\b([0-9]{2})-([0-9]{2})-([0-9]{4})\b/\2-\1-\3/g' "$FX/ok/zwangerschap_VP-A_2025Q1.csv" >"$W/usdates"
refusal "dates month first" "$W/usdates" date-order
expect_grep "dates month first: said, with what to do" "put the month first (mm-dd-yyyy, as 04-16-2025).*Export the dates as dd-mm-yyyy" "$W/out"
# a quote opened in a comment column and closed only lines later takes the rows between into one field: refused, not lost
{
    head -1 "$FX/ok/zwangerschap_VP-A_2025Q1.csv" | tr -d '\r' | sed 's/$/;opmerking/'
    tail -n +2 "$FX/ok/zwangerschap_VP-A_2025Q1.csv" | tr -d '\r' | awk '{ print $0 (NR == 2 ? ";\"bel terug" : NR == 5 ? ";gebeld\"" : ";") }'
} >"$W/swallow"
refusal "rows inside an unclosed quote" "$W/swallow" syntax
expect_grep "unclosed quote: where it opens, and what to do" \
    "the field in column opmerking on line 3 opens a quote (\") that closes only 3 lines further down.*Add the missing closing quote" "$W/out"
# ... also when a line break typed inside a cell (Alt+Enter) is an LF
{ head -c 200 "$W/mac"; printf '"twee\nregels";'; tail -c +201 "$W/mac"; } >"$W/mac_lf"
refusal "lines ending in CR alone, an LF inside a cell" "$W/mac_lf" syntax
# a 10 MB field
{ head -1 "$FX/ok/zwangerschap_VP-A_2025Q1.csv"; printf 'abc;"'; head -c 10485760 /dev/zero | tr '\0' 'x'; printf '";x;x;x;x;x\n'; } >"$W/bigfield"
refusal "10 MB field" "$W/bigfield" field-too-big
# identity: file name and options disagree
fresh_db ident
expect_exit 2 "$K" ingest --db "$DB" --periode 2025Q2 "$(as "$FX/ok/zwangerschap_VP-A_2025Q1.csv" zwangerschap_VP-A_2025Q1.csv)"
expect_grep "names both periods" "2025Q2 but the file name says 2025Q1" "$W/out"
expect_exit 2 "$K" ingest --db "$DB" "$(as "$FX/ok/zwangerschap_VP-A_2025Q1.csv" mijn_export.csv)"
expect_exit 2 "$K" ingest --db "$DB" "$(as "$FX/ok/zwangerschap_VP-A_2025Q1.csv" zwangerschap_ONBEKEND_2025Q1.csv)"
expect_grep "unknown organisation" "not in the organisation registry" "$W/out"
expect_eq "identity refusals stored nothing" "$(sql 'SELECT count(*) FROM zwangerschap')" "0"

# reference files named with capitals still load in dependency order; a misnamed one is explained
DB=$W/caps.db
"$K" init --db "$DB" >/dev/null
mkdir -p "$W/caps"
cp "$FX/ref/gemeenten.csv" "$W/caps/Gemeenten.csv"
cp "$FX/ref/regios.csv" "$W/caps/REGIOS.csv"
expect_exit 0 "$K" ingest --db "$DB" "$W/caps/Gemeenten.csv" "$W/caps/REGIOS.csv"
cp "$FX/ref/organisaties.csv" "$W/caps/organisaties_2025.csv"
expect_exit 2 "$K" ingest --db "$DB" "$W/caps/organisaties_2025.csv"
expect_grep "misnamed reference file" "name the file organisaties.csv or give --type organisaties" "$W/out"

# ---- a header-only file is an empty delivery ------------------------------------------------
fresh_db empty
expect_exit 0 "$K" ingest --db "$DB" "$(as "$FX/ok/header_only.csv" zwangerschap_VP-A_2025Q1.csv)"
expect_grep "empty delivery warning" "empty delivery" "$W/out"
expect_eq "empty delivery ledger" "$(sql "SELECT status, rows_read FROM levering WHERE type = 'zwangerschap'")" "actief|0"

# ---- re-send, correction, re-sent replaced file, withdrawal ---------------------------------------
fresh_db ledger
Q1=$(as "$FX/ok/zwangerschap_VP-A_2025Q1.csv" zwangerschap_VP-A_2025Q1.csv)
expect_exit 0 "$K" ingest --db "$DB" "$Q1"
first=$(sql "SELECT id FROM levering WHERE type = 'zwangerschap'")
expect_exit 0 "$K" ingest --db "$DB" "$Q1"
expect_grep "re-send recognised" "identical to active delivery $first" "$W/out"
expect_eq "re-send adds no ledger entry" "$(sql "SELECT count(*) FROM levering WHERE type = 'zwangerschap'")" "1"
# a correction: one row less, one value changed
head -6 "$FX/ok/zwangerschap_VP-A_2025Q1.csv" | sed 's/;25-29;/;30-34;/' >"$W/in/corr"
mkdir -p "$W/in2" && cp "$W/in/corr" "$W/in2/zwangerschap_VP-A_2025Q1.csv"
expect_exit 0 "$K" ingest --db "$DB" "$W/in2/zwangerschap_VP-A_2025Q1.csv"
expect_grep "correction reported" "replacing delivery $first" "$W/out"
expect_grep "correction says which records it leaves out" \
    "1 record of delivery $first is not in this file, and no longer counts" "$W/out"
expect_eq "correction replaced rows" "$(sql 'SELECT count(*) FROM zwangerschap')" "5"
expect_eq "corrected value" "$(sql "SELECT count(*) FROM zwangerschap WHERE leeftijdsklasse = '25-29'")" "0"
expect_eq "ledger keeps both" "$(sql "SELECT group_concat(x, ' ') FROM (SELECT status || '/' || coalesce(vervangt, '-') AS x FROM levering WHERE type = 'zwangerschap' ORDER BY id)")" "vervangen/- actief/$first"
# the replaced file again: refused unless --opnieuw
expect_exit 2 "$K" ingest --db "$DB" "$Q1"
expect_grep "replaced re-send message" "since replaced" "$W/out"
expect_eq "replaced re-send stored nothing" "$(sql 'SELECT count(*) FROM zwangerschap')" "5"
expect_exit 0 "$K" ingest --db "$DB" --opnieuw "$Q1"
expect_eq "--opnieuw re-activates" "$(sql 'SELECT count(*) FROM zwangerschap')" "6"
expect_eq "a correction that leaves nothing out says nothing of it" "$(grep -c 'not in this file' "$W/out")" "0"
expect_exit 0 "$K" ingest --db "$DB" --json --opnieuw "$W/in2/zwangerschap_VP-A_2025Q1.csv"
expect_eq "--json: the records left out" "$(jq '.tasks[0].delivery.weggelaten_records' "$W/out")" "1"
# withdrawal
active=$(sql "SELECT id FROM levering WHERE type = 'zwangerschap' AND status = 'actief'")
expect_exit 2 "$K" deliveries --db "$DB" --intrekken "$active" --json
expect_grep "--json with --intrekken refused" "json lists the ledger; it does not go with --intrekken" "$W/err"
expect_exit 0 "$K" deliveries --db "$DB" --intrekken "$active"
# the withdrawn delivery was a correction: the one it replaced does not come back by itself, and compute must run
expect_grep "a withdrawn correction names the delivery it replaced" \
    "the delivery it replaced (zwangerschap_VP-A_2025Q1.csv) does not come back by itself: send it again with 'kansrijk ingest --opnieuw zwangerschap_VP-A_2025Q1.csv'" "$W/out"
expect_grep "a withdrawal names the compute to run" "^run 'kansrijk compute --db .*' to take it out of the figures$" "$W/out"
expect_eq "withdrawn rows gone" "$(sql 'SELECT count(*) FROM zwangerschap')" "0"
expect_eq "withdrawn entry stays" "$(sql "SELECT status FROM levering WHERE id = $active")" "ingetrokken"
expect_exit 2 "$K" deliveries --db "$DB" --intrekken "$active"
expect_exit 2 "$K" deliveries --db "$DB" --intrekken 1
expect_exit 2 "$K" deliveries --db "$DB" --intrekken 9999
expect_exit 0 "$K" deliveries --db "$DB" --json
expect_eq "ledger json fields" "$(jq -r '.[-1] | (["id","type","organisatie","periode","bestand","sha256","rows_read","rows_accepted","rows_rejected","rows_skipped","status","ingelezen_op"] - keys | length | tostring) + " " + .status' "$W/out")" "0 ingetrokken"

# ---- rejected rows, the threshold, feedback and JSON --------------------------------------------------
fresh_db rows
PSEUDO=$(cut -d';' -f1 "$FX/ok/zwangerschap_VP-A_2025Q1.csv" | sed -n 2p)
{
    head -1 "$FX/ok/zwangerschap_VP-A_2025Q1.csv"
    echo "$PSEUDO;15-07-2025;GM0935;25-29;0;31-02-2025;1"        # impossible date
    echo "$PSEUDO;15-01-2025;GM0935;25-29;0;20-01-2025;1"        # intake after the due date
    echo "$PSEUDO;15-07-2025;GM9999;25-29;0;10-01-2025;1"        # unknown municipality
    echo "ABC;15-07-2025;GM0935;25-29;0;10-01-2025;1"            # not a pseudonym
    echo "$PSEUDO;15-07-2025;GM0935;25-29;0;10-01-2025"          # a field short
    for m in 09 10; do
        for i in $(seq 1 19); do
            printf '%s;%02d-%s-2025;GM0935;25-29;0;10-01-2025;1\n' "$PSEUDO" "$i" "$m"
        done
    done
    echo "$PSEUDO;01-09-2025;gm0935;25-29 ;0;10-01-2025;1"       # duplicate key (harmless dirt otherwise)
    echo ";;;;;;"
} >"$W/in/zwangerschap_VP-A_2025Q1.csv"
mkdir -p "$W/fb" "$W/rowsdir"
cp "$W/in/zwangerschap_VP-A_2025Q1.csv" "$W/rowsdir/"
expect_exit 1 "$K" ingest --db "$DB" --terugkoppeling "$W/fb" --json "$W/in/zwangerschap_VP-A_2025Q1.csv"
cp "$W/out" "$W/rows.json"
expect_eq "json stats" "$(jq -r '[.valid, .tasks[0].stats.rows, .tasks[0].stats.accepted, .tasks[0].stats.rejected, .tasks[0].stats.skipped] | map(tostring) | join(" ")' "$W/rows.json")" "false 45 38 6 1"
expect_eq "json errors" "$(jq -r '[.tasks[0].errors[] | "\(.rowNumber):\(.fieldName):\(.code)"] | join(" ")' "$W/rows.json")" \
    "2:intake_datum:date 3:intake_datum:rule 4:gemeentecode:municipality 5:client_pseudoniem:pseudonym 6:null:field-count 45:null:duplicate"
expect_eq "stored rejections" "$(sql "SELECT group_concat(regel || ':' || coalesce(kolom, '') || ':' || code, ' ') FROM afgewezen")" \
    "2:intake_datum:date 3:intake_datum:rule 4:gemeentecode:municipality 5:client_pseudoniem:pseudonym 6::field-count 45::duplicate"
expect_eq "masked pseudonym" "$(sql "SELECT waarde FROM afgewezen WHERE code = 'pseudonym'")" "ABC…"
expect_grep "feedback file" "niet in het gemeenteregister" "$W/fb/terugkoppeling_zwangerschap_VP-A_2025Q1.csv"
expect_eq "feedback lines" "$(grep -c afgewezen "$W/fb/terugkoppeling_zwangerschap_VP-A_2025Q1.csv")" "6"
# over the threshold: refused whole, unless --accept-partial
fresh_db threshold
expect_exit 2 "$K" ingest --db "$DB" --max-afgewezen 10 --terugkoppeling "$W/fbt" "$W/in/zwangerschap_VP-A_2025Q1.csv"
expect_grep "threshold message" "rows rejected: 6 of 44 (14%)" "$W/out"
# written as people write a percentage, the same threshold; what is no percentage is refused as before
fresh_db threshold_pct
expect_exit 2 "$K" ingest --db "$DB" --max-afgewezen 10% "$W/in/zwangerschap_VP-A_2025Q1.csv"
expect_grep "--max-afgewezen 10%: the same threshold" "rows rejected: 6 of 44 (14%)" "$W/out"
expect_exit 2 "$K" ingest --db "$DB" --max-afgewezen 10x "$W/in/zwangerschap_VP-A_2025Q1.csv"
expect_grep "--max-afgewezen 10x: no percentage" "max-afgewezen takes a percentage from 0 to 100" "$W/err"
# the partner's feedback file says what the partner can do, not the coordinator's options
expect_grep "threshold: the partner reads what to do" "geweigerd.*te veel rijen zijn afgewezen; verbeter de rijen die hier staan" \
    "$W/fbt/terugkoppeling_zwangerschap_VP-A_2025Q1.csv"
expect_eq "threshold: no option of kansrijk in the partner's file" "$(grep -c -- '--' "$W/fbt/terugkoppeling_zwangerschap_VP-A_2025Q1.csv")" "0"
expect_eq "threshold refusal" "$(sql "SELECT reden_code FROM levering WHERE type = 'zwangerschap'") $(sql 'SELECT count(*) FROM zwangerschap')" "too-many-rejected 0"
expect_exit 1 "$K" ingest --db "$DB" --max-afgewezen 10 --accept-partial "$W/in/zwangerschap_VP-A_2025Q1.csv"
expect_eq "accept-partial stores valid rows" "$(sql 'SELECT count(*) FROM zwangerschap')" "38"

# ---- a BSN typed into the pseudonym column appears nowhere --------------------------------------------
fresh_db bsn
BSN=$(cat "$FX/bad/bsn_value.txt")
mkdir -p "$W/fb2"
expect_exit 1 "$K" ingest --db "$DB" --json --terugkoppeling "$W/fb2" "$(as "$FX/bad/bsn_in_pseudonym.csv" zwangerschap_VP-A_2025Q1.csv)"
expect_grep "masked in json" "verborgen" "$W/out"
if grep -q "$BSN" "$W/out" "$W/err" "$W"/fb2/*; then bad "BSN in the output or feedback file"; else ok; fi
"$K" deliveries --db "$DB" --json >"$W/ledger.json"

sqlite3 "$DB" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
if grep -q "$BSN" "$DB"* "$W/ledger.json"; then bad "BSN in the database"; else ok; fi
expect_eq "bsn row rejected" "$(sql "SELECT waarde FROM afgewezen")" "[verborgen]"

# a value holding an identifier inside a list is masked everywhere
fresh_db inside
SH='client_pseudoniem;a_terme_datum;screening_datum;instrument;route;risicofactoren'
{ echo "$SH"; echo "$PSEUDO;20-06-2025;21-01-2025;mind2care;2;lvb|$BSN"
  for d in 22 23 24 25 26; do echo "$PSEUDO;20-06-2025;$d-01-2025;mind2care;1;"; done; } >"$W/in/screening_VP-A_2025Q1.csv"
mkdir -p "$W/fb3"
expect_exit 1 "$K" ingest --db "$DB" --json --terugkoppeling "$W/fb3" "$W/in/screening_VP-A_2025Q1.csv"
if grep -q "$BSN" "$W/out" "$W"/fb3/* || sqlite3 "$DB" 'SELECT waarde, melding FROM afgewezen' | grep -q "$BSN"; then
    bad "an identifier inside a list value leaked"; else ok; fi
# an identical re-send keeps the partner's earlier feedback
expect_exit 0 "$K" ingest --db "$DB" --terugkoppeling "$W/fb3" "$W/in/screening_VP-A_2025Q1.csv"
expect_eq "feedback kept on a re-send" "$(grep -c afgewezen "$W/fb3/terugkoppeling_screening_VP-A_2025Q1.csv")" "1"

# ---- a delivery that fails halfway leaves nothing but its ledger entry ------------------------------------
fresh_db halfway
sql "CREATE TRIGGER fail_halfway BEFORE INSERT ON zwangerschap WHEN NEW.regel = 5 BEGIN SELECT RAISE(ABORT, 'disk full (forced)'); END;"
expect_exit 2 "$K" ingest --db "$DB" "$(as "$FX/ok/zwangerschap_VP-A_2025Q1.csv" zwangerschap_VP-A_2025Q1.csv)"
expect_grep "failure reported" "could not be stored" "$W/out"
expect_eq "halfway: no rows" "$(sql 'SELECT count(*) FROM zwangerschap') $(sql 'SELECT count(*) FROM afgewezen') $(sql 'SELECT count(*) FROM waarschuwing')" "0 0 0"
expect_eq "halfway: ledger" "$(sql "SELECT status || ':' || reden_code FROM levering WHERE type = 'zwangerschap'")" "geweigerd:failed"

# ---- validate stores nothing; without a database it warns --------------------------------------------------
fresh_db validate
before=$(sql 'SELECT count(*) FROM levering')
expect_exit 0 "$K" validate --db "$DB" "$(as "$FX/ok/zwangerschap_VP-A_2025Q1.csv" zwangerschap_VP-A_2025Q1.csv)"
expect_eq "validate stores nothing" "$(sql 'SELECT count(*) FROM levering') $(sql 'SELECT count(*) FROM zwangerschap')" "$before 0"
expect_exit 0 "$K" validate "$W/in/zwangerschap_VP-A_2025Q1.csv"
expect_grep "no database warning" "registry checks are skipped" "$W/err"
expect_exit 1 "$K" validate "$W/rowsdir/zwangerschap_VP-A_2025Q1.csv"
expect_exit 0 "$K" validate --periode 2025Q1 --type zwangerschap --organisatie VP-A "$W/in/corr"
expect_exit 2 "$K" validate "$FX/bad/bsn_column.csv" --type zwangerschap --organisatie VP-A

# ---- indicators: the catalogue, and doelen checked against it ----------------------------------------------------
expect_exit 0 "$K" indicators --json
expect_eq "catalogue" "$(jq -r 'length, (map(select(.doel != null)) | length)' "$W/out" | paste -sd' ')" "29 10"
expect_exit 0 "$K" indicators
expect_grep "catalogue text" "overdracht.mdo_tijdig" "$W/out"
fresh_db doelen
printf 'indicator;regio;doel;vanaf\noverdracht.warm;zl;85;2024Q1\noverdracht.lauw;zl;85;2024Q1\n' >"$W/in/doelen.csv"
expect_exit 2 "$K" ingest --db "$DB" "$W/in/doelen.csv"
expect_grep "unknown indicator named" "overdracht.lauw is not an indicator of the catalogue" "$W/out"
expect_exit 0 "$K" ingest --db "$DB" "$SAMPLES/referentie/doelen.csv"

# ---- spec ---------------------------------------------------------------------------------------------------------
expect_exit 0 "$K" spec
expect_grep "spec md" "## jgz_contact" "$W/out"
expect_exit 0 "$K" spec --format tableschema --type bevalling
expect_eq "table schema" "$(jq -r '(.fields | length | tostring) + " " + (.primaryKey | join(","))' "$W/out")" "11 client_pseudoniem,a_terme_datum,kind_volgnummer"
"$K" spec >"$W/spec.md"
if cmp -s "$W/spec.md" "$HERE/../docs/aanleverspecificatie.md"; then ok; else bad "docs/aanleverspecificatie.md differs from 'kansrijk spec': regenerate it"; fi
"$K" spec --format tableschema >"$W/spec.json"
if cmp -s "$W/spec.json" "$HERE/../docs/aanleverspecificatie.tableschema.json"; then ok; else bad "docs/aanleverspecificatie.tableschema.json differs from 'kansrijk spec --format tableschema'"; fi
expect_exit 2 "$K" spec --type nope
expect_grep "spec --type nope names the types" "zwangerschap, screening, zorgepisode, overdracht, mdo, bevalling" "$W/err"
expect_exit 2 "$K" spec --format xml

# ---- the samples: expected rejections of samples/README.md ---------------------------------------------------------------
DB=$W/samples.db
"$K" init --db "$DB" >/dev/null
expect_exit 1 "$K" ingest --db "$DB" "$SAMPLES"/referentie/*.csv "$SAMPLES"/extracten/*.csv
expect_eq "samples totals" "$(sql "SELECT sum(rows_read - rows_skipped), sum(rows_accepted), sum(rows_rejected), sum(rows_skipped) FROM levering WHERE organisatie IS NOT NULL")" "218|205|13|3"
expect_eq "samples rejections" "$(sql "SELECT group_concat(x, ' ') FROM (SELECT l.bestand || ':' || a.regel AS x FROM afgewezen a JOIN levering l ON l.id = a.levering_id ORDER BY l.bestand, a.regel)")" \
    "bevalling_VP-ZL-1_2025Q2.csv:8 bevalling_ZH-ZL-2_2025Q2.csv:11 jgz_contact_JGZ-ZL_2025Q1.csv:28 jgz_contact_JGZ-ZL_2025Q2.csv:39 mdo_KNP-ZL_2025Q2.csv:11 overdracht_KZ-ZL-1_2025Q2.csv:9 overdracht_VP-ZL-1_2025Q1.csv:11 screening_VP-ZL-1_2025Q1.csv:14 screening_VP-ZL-3_2025Q2.csv:14 screening_VP-ZL-3_2025Q2.csv:17 zorgepisode_VP-ZL-1_2025Q1.csv:15 zwangerschap_VP-ZL-1_2025Q1.csv:9 zwangerschap_VP-ZL-3_2025Q2.csv:11"
expect_exit 2 "$K" ingest --db "$DB" "$SAMPLES"/bad/*
expect_eq "samples bad refused" "$(sql "SELECT count(*) FROM levering WHERE status = 'geweigerd'")" "4"
expect_eq "dialects in the ledger" "$(sql "SELECT group_concat(DISTINCT dialect) FROM (SELECT dialect FROM levering WHERE status = 'actief' ORDER BY dialect)")" ", utf-8 bom,; utf-8,; windows-1252,TAB utf-8"
expect_eq "synthetic flag" "$(sql "SELECT min(synthetisch) FROM levering WHERE organisatie IS NOT NULL AND status = 'actief'")" "1"
expect_exit 0 "$K" link --db "$DB"
expect_exit 0 "$K" status --db "$DB" --json
expect_eq "status json" "$(jq -r '(.verouderd | tostring) + " " + ([.koppeling[].records] | add > 0 | tostring)' "$W/out")" "false true"

# ---- later versions of a record, and linkage independent of ingestion order --------------------------------------------------
P1=$(sed -n 2p "$FX/ok/zwangerschap_VP-A_2025Q1.csv" | cut -d';' -f1)
P2=$(sed -n 3p "$FX/ok/zwangerschap_VP-A_2025Q1.csv" | cut -d';' -f1)
O=$W/order
mkdir -p "$O"
H='client_pseudoniem;a_terme_datum;geboortedatum;van_organisatie;naar_organisatie;soort;signaleringsdatum;verzonden_datum;ontvangen_datum;warm'
printf '%s\n%s;15-07-2025;;VP-A;JGZ-C;jgz_prenataal;01-03-2025;05-03-2025;;ja\n' "$H" "$P1" >"$O/overdracht_VP-A_2025Q1.csv"
printf '%s\n%s;15-07-2025;;VP-A;JGZ-C;jgz_prenataal;01-03-2025;05-03-2025;10-04-2025;ja\n' "$H" "$P1" >"$O/overdracht_VP-A_2025Q2.csv"
B='client_pseudoniem;a_terme_datum;geboortedatum;kind_volgnummer;amenorroeduur_geboorte;geboortegewicht;lijn_begin_baring;vitaliteit'
printf '%s\n%s;15-07-2025;12-07-2025;1;39+4;3400;1;levend\n%s;20-08-2025;30-06-2025;1;34+3;2300;2;levend\n%s;20-08-2025;30-06-2025;2;34+3;2100;2;levend\n' "$B" "$P1" "$P2" "$P2" >"$O/bevalling_VP-A_2025Q3.csv"
printf '%s\n%s;15-07-2025;13-07-2025;1;39+5;3400;2;levend\n' "$B" "$P1" >"$O/bevalling_ZH-B_2025Q3.csv"
J='client_pseudoniem;a_terme_datum;geboortedatum;kind_volgnummer;contact_datum;contactmoment;status'
printf '%s\n%s;;12-07-2025;1;20-07-2025;huisbezoek;verschenen\n%s;;01-07-2025;2;08-07-2025;huisbezoek;verschenen\n%s;;01-01-2020;1;08-07-2025;4w;verschenen\n' "$J" "$P1" "$P2" "$P2" >"$O/jgz_contact_JGZ-C_2025Q3.csv"
cp "$FX/ok/zwangerschap_VP-A_2025Q1.csv" "$O/"
# P3: a second zwangerschap row from the hospital, due 2 days later, with an earlier intake: it leads
P3=$(sed -n 5p "$FX/ok/zwangerschap_VP-A_2025Q1.csv" | cut -d';' -f1)
printf '%s\n%s;14-09-2025;GM0917;35-39;2+;20-02-2025;2\n' "$(head -1 "$FX/ok/zwangerschap_VP-A_2025Q1.csv")" "$P3" >"$O/zwangerschap_ZH-B_2025Q1.csv"
# P5 has no bevalling: records with only a birth date link when the due date lies in birth - 35 .. birth + 126
P5=$(sed -n 7p "$FX/ok/zwangerschap_VP-A_2025Q1.csv" | cut -d';' -f1)
printf '%s\n%s;;06-06-2025;1;20-11-2025;4w;verschenen\n%s;;05-06-2025;1;21-11-2025;8w;verschenen\n%s;;14-11-2025;1;22-11-2025;huisbezoek;verschenen\n%s;;15-11-2025;1;23-11-2025;extra;verschenen\n' \
    "$J" "$P5" "$P5" "$P5" "$P5" >"$O/jgz_contact_JGZ-C_2025Q4.csv"
# P6: only a bevalling, from a hospital of another region; a handover of P6 delivered for 2025 and for 2025Q4
P6=$(printf '%064d' 6)
printf '%s\n%s;01-12-2025;28-11-2025;1;39+4;3400;2;levend\n' "$B" "$P6" >"$O/bevalling_ZH-D_2025Q4.csv"
# ... and P6's twin, born the same day, reported by another hospital: the region and site come from
# the first child's (kind 1) organisation, whichever file was read first
printf '%s\n%s;01-12-2025;28-11-2025;2;39+4;3300;2;levend\n' "$B" "$P6" >"$O/bevalling_ZH-B_2025Q4.csv"
printf '%s\n%s;;28-11-2025;ZH-D;JGZ-C;anders;;01-12-2025;;nee\n' "$H" "$P6" >"$O/overdracht_ZH-D_2025.csv"
printf '%s\n%s;;28-11-2025;ZH-D;JGZ-C;anders;;01-12-2025;03-12-2025;ja\n' "$H" "$P6" >"$O/overdracht_ZH-D_2025Q4.csv"
# P2's route: signalled in route 1, escalated to 3 before birth; a screening after birth does not count
printf 'client_pseudoniem;a_terme_datum;screening_datum;instrument;route;risicofactoren\n%s;20-08-2025;10-02-2025;anna;1;\n%s;20-08-2025;15-03-2025;anna;3;tienerzwangerschap\n' "$P2" "$P2" >"$O/screening_VP-A_2025Q1.csv"
printf 'client_pseudoniem;a_terme_datum;screening_datum;instrument;route;risicofactoren\n%s;20-08-2025;01-07-2025;gesprek;2;schulden\n' "$P2" >"$O/screening_VP-A_2025Q3.csv"
printf 'client_pseudoniem;a_terme_datum;aanmelddatum;bespreekdatum;regie_type;regie_organisatie;regie_datum\n%s;20-08-2025;17-03-2025;24-03-2025;jgz;JGZ-C;26-03-2025\n' "$P2" >"$O/mdo_KNP-E_2025Q1.csv"
printf 'client_pseudoniem;a_terme_datum;lijn;start_datum;eind_datum;reden\n%s;20-08-2025;2;01-04-2025;;psychosociaal\n' "$P2" >"$O/zorgepisode_ZH-B_2025Q2.csv"
printf '%s\n%s;20-08-2025;;;10-04-2025;prenataal_huisbezoek;verschenen\n' "$J" "$P2" >"$O/jgz_contact_JGZ-C_2025Q2.csv"
dump() {
    sqlite3 "$1" "SELECT id, a_terme_datum, coalesce(intake_datum, ''), coalesce(regio, ''), site, coalesce(geboortedatum, ''), kinderen, records FROM traject ORDER BY id;
                  SELECT 'bv', sleutel, traject_id, gekozen FROM bevalling_k ORDER BY sleutel;
                  SELECT 'ov', sleutel, actueel, coalesce(traject_id, '') , coalesce(ontvangen_datum, '') FROM overdracht_k ORDER BY sleutel, actueel;
                  SELECT 'jg', sleutel, coalesce(traject_id, 'ongekoppeld') FROM jgz_contact_k ORDER BY sleutel;
                  SELECT * FROM koppeling ORDER BY organisatie, type;"
}
order_run() {  # order_run NAME FILE...
    local name=$1
    shift
    fresh_db "$name"
    for f in "$@"; do "$K" ingest --db "$DB" "$O/$f" >/dev/null; done
    "$K" link --db "$DB" >/dev/null || bad "link $name"
    "$LINKDUMP" "$DB" || bad "linkdump $name"
    dump "$DB" >"$W/$name.dump"
}
EXTRA="screening_VP-A_2025Q1.csv screening_VP-A_2025Q3.csv mdo_KNP-E_2025Q1.csv zorgepisode_ZH-B_2025Q2.csv jgz_contact_JGZ-C_2025Q2.csv"
order_run fwd $EXTRA bevalling_ZH-B_2025Q4.csv zwangerschap_VP-A_2025Q1.csv zwangerschap_ZH-B_2025Q1.csv overdracht_VP-A_2025Q1.csv overdracht_VP-A_2025Q2.csv bevalling_VP-A_2025Q3.csv bevalling_ZH-B_2025Q3.csv jgz_contact_JGZ-C_2025Q3.csv jgz_contact_JGZ-C_2025Q4.csv bevalling_ZH-D_2025Q4.csv overdracht_ZH-D_2025.csv overdracht_ZH-D_2025Q4.csv
order_run rev $(echo $EXTRA | tr ' ' '\n' | tac) overdracht_ZH-D_2025Q4.csv overdracht_ZH-D_2025.csv bevalling_ZH-D_2025Q4.csv jgz_contact_JGZ-C_2025Q4.csv jgz_contact_JGZ-C_2025Q3.csv bevalling_ZH-B_2025Q3.csv bevalling_VP-A_2025Q3.csv overdracht_VP-A_2025Q2.csv overdracht_VP-A_2025Q1.csv zwangerschap_ZH-B_2025Q1.csv zwangerschap_VP-A_2025Q1.csv bevalling_ZH-B_2025Q4.csv
if cmp -s "$W/fwd.dump" "$W/rev.dump"; then ok; else bad "linkage depends on ingestion order"; diff "$W/fwd.dump" "$W/rev.dump" | head; fi
DB=$W/fwd.db
expect_eq "latest period wins" "$(sql "SELECT actueel || ':' || coalesce(ontvangen_datum, '-') FROM overdracht_k WHERE client_pseudoniem = '$P1' ORDER BY actueel")" "0:-
1:2025-04-10"
expect_eq "trajectories" "$(sql 'SELECT count(*) FROM traject')" "7"
expect_eq "hospital record wins for the child" "$(sql "SELECT l.organisatie FROM bevalling_k b JOIN levering l ON l.id = b.levering_id WHERE b.gekozen = 1 AND b.client_pseudoniem = '$P1'")" "ZH-B"
expect_eq "twins" "$(sql "SELECT kinderen || ':' || geboortedatum FROM traject WHERE client_pseudoniem = '$P2'")" "2:2025-06-30"
expect_eq "birth-date-only records link" "$(sql "SELECT count(*) FROM jgz_contact_k WHERE traject_id IS NOT NULL AND a_terme_datum IS NULL AND client_pseudoniem IN ('$P1', '$P2')")" "2"
expect_eq "unlinked counted" "$(sql "SELECT ongekoppeld FROM koppeling WHERE type = 'jgz_contact'")" "3"
expect_eq "region and site from the intake" "$(sql "SELECT regio || ':' || site FROM traject WHERE client_pseudoniem = '$P1'")" "zl:S-NOORD"
expect_eq "earliest intake leads" "$(sql "SELECT a_terme_datum || ':' || intake_datum || ':' || intake_organisatie || ':' || gemeentecode FROM traject WHERE client_pseudoniem = '$P3'")" "2025-09-14:2025-02-20:ZH-B:GM0917"
expect_eq "due-date window edges" "$(sql "SELECT group_concat(contactmoment || '=' || (traject_id IS NOT NULL), ' ') FROM (SELECT * FROM jgz_contact_k WHERE client_pseudoniem = '$P5' ORDER BY contact_datum)")" "4w=1 8w=0 huisbezoek=1 extra=0"
expect_eq "region and site from the bevalling organisation" "$(sql "SELECT regio || ':' || site FROM traject WHERE client_pseudoniem = '$P6'")" "zhz:S-DORD"
expect_eq "equal last days: the quarter wins over the year" "$(sql "SELECT l.periode FROM overdracht_k o JOIN levering l ON l.id = o.levering_id WHERE o.client_pseudoniem = '$P6' AND o.actueel = 1")" "2025Q4"
# ---- compute: the trajectory facts, checked by hand --------------------------------------------------------------
FACTS="SELECT coalesce(f.intake_datum, '-'), coalesce(f.geboortedatum, '-'), f.kinderen, coalesce(eerste_screening, '-'),
       coalesce(route_signalering, '-'), coalesce(route, '-'), coalesce(signalering_2, '-'), coalesce(signalering_3, '-'),
       coalesce(jgz_verzonden, '-'), coalesce(bespreekdatum, '-'), coalesce(regie_datum, '-'), coalesce(regie_type, '-'),
       huisbezoek_prenataal, coalesce(lijn_begin_baring, '-'), psychosociaal_klinisch, coalesce(leeftijdsklasse, '-'),
       coalesce(pariteit, '-') FROM feit_traject f JOIN traject t ON t.id = f.traject_id WHERE t.client_pseudoniem ="
expect_exit 0 "$K" compute --db "$DB"
expect_grep "default peildatum: the end of the latest period" "peildatum 2025-12-31" "$W/out"
# P1: no screening; the hospital's record of the referred birth counts (13-07, line 2), not the midwife's (12-07)
expect_eq "facts P1" "$(sql "$FACTS '$P1'")" "2025-01-10|2025-07-13|1|-|-|-|-|-|2025-03-05|-|-|-|0|2|0|25-29|0"
# P2: signalled in route 1 on 10-02, route 3 from 15-03; twins on 30-06; the screening of 01-07 is after birth
expect_eq "facts P2" "$(sql "$FACTS '$P2'")" "2025-02-05|2025-06-30|2|2025-02-10|1|3|2025-03-15|2025-03-15|-|2025-03-24|2025-03-26|jgz|1|2|1|<20|0"
# as of 20-03-2025: the discussion, the case direction, the episode, the visit and the births have not happened
expect_exit 0 "$K" compute --db "$DB" --peildatum 20-03-2025
expect_eq "facts P2 at an earlier peildatum" "$(sql "$FACTS '$P2'")" "2025-02-05|-|0|2025-02-10|1|3|2025-03-15|2025-03-15|-|-|-|-|0|-|0|<20|0"
expect_eq "no trajectory for a client first seen after the peildatum" "$(sql "SELECT count(*) FROM feit_traject f JOIN traject t ON t.id = f.traject_id WHERE t.client_pseudoniem = '$P6'")" "0"
expect_exit 2 "$K" compute --db "$DB" --peildatum 2025-02-30
# the outcome table, raw counts worked out by hand: five pregnancies with an intake in 2025Q1 in zl (rows 1-4 and 6
# of the fixture; row 5 lives in zhz), of which only P2 was screened (route 3); P2 was discussed 9 days after
# signalling (15-03 -> 24-03) and had a psychosocial hospital episode; P2's twins (30-06) and P1's child (13-07)
# were born with line 2 at the start of labour
expect_exit 0 "$K" compute --db "$DB"
RAW="SELECT teller_ruw || '/' || noemer_ruw || ':' || onderdrukt || ':' || coalesce(teller, '-') FROM uitkomst WHERE groep = 'totaal' AND site = '*' AND"
expect_eq "route.gescreend zl 2025Q1" "$(sql "$RAW indicator = 'route.gescreend' AND regio = 'zl' AND periode = '2025Q1'")" "1/5:x:-"
expect_eq "route.gescreend all regions 2025" "$(sql "$RAW indicator = 'route.gescreend' AND regio = '*' AND periode = '2025'")" "1/6:x:-"
expect_eq "route.verdeling.niet_gescreend zl 2025Q1" "$(sql "$RAW indicator = 'route.verdeling.niet_gescreend' AND regio = 'zl' AND periode = '2025Q1'")" "4/5:x:-"
expect_eq "overdracht.mdo_tijdig zl 2025Q1" "$(sql "$RAW indicator = 'overdracht.mdo_tijdig' AND regio = 'zl' AND periode = '2025Q1'")" "1/1:x:-"
expect_eq "overdracht.regie_belegd zl 2025Q1" "$(sql "$RAW indicator = 'overdracht.regie_belegd' AND regio = 'zl' AND periode = '2025Q1'")" "1/1:x:-"
expect_eq "lijn.psychosociaal_klinisch zl 2025" "$(sql "$RAW indicator = 'lijn.psychosociaal_klinisch' AND regio = 'zl' AND periode = '2025'")" "1/1:x:-"
expect_eq "lijn.eerste_lijn_baring zl by quarter" "$(sql "SELECT group_concat(periode || '=' || teller_ruw || '/' || noemer_ruw, ' ') FROM (SELECT * FROM uitkomst WHERE indicator = 'lijn.eerste_lijn_baring' AND regio = 'zl' AND site = '*' AND groep = 'totaal' AND periode LIKE '%Q%' ORDER BY periode)")" "2025Q2=0/1 2025Q3=0/1"
# children: P2's twins (34+3 weeks, 2300 and 2100 g) on 30-06, P1's child (39+5, 3400 g) on 13-07 in zl; P6's
# twins (39+4, 3400 and 3300 g) on 28-11 in zhz
expect_eq "uitkomst.vroeggeboorte zl 2025" "$(sql "$RAW indicator = 'uitkomst.vroeggeboorte' AND regio = 'zl' AND periode = '2025'")" "2/3:x:-"
expect_eq "uitkomst.vroeggeboorte all 2025" "$(sql "$RAW indicator = 'uitkomst.vroeggeboorte' AND regio = '*' AND periode = '2025'")" "2/5:x:-"
expect_eq "uitkomst.laag_geboortegewicht zl by quarter" "$(sql "SELECT group_concat(periode || '=' || teller_ruw || '/' || noemer_ruw, ' ') FROM (SELECT * FROM uitkomst WHERE indicator = 'uitkomst.laag_geboortegewicht' AND regio = 'zl' AND site = '*' AND groep = 'totaal' AND periode LIKE '%Q%' ORDER BY periode)")" "2025Q2=2/2 2025Q3=0/1"
expect_eq "uitkomst.perinatale_sterfte zl 2025, per 1000" "$(sql "SELECT teller_ruw || '/' || noemer_ruw || ' ' || eenheid FROM uitkomst WHERE indicator = 'uitkomst.perinatale_sterfte' AND regio = 'zl' AND site = '*' AND groep = 'totaal' AND periode = '2025'")" "0/3 per1000"
# handovers: P1's jgz_prenataal sent 05-03 (zl), confirmed 10-04 (36 days: not within 7), warm; P6's sent 01-12 (zhz),
# confirmed 03-12 (within 7), warm in its latest version
expect_eq "overdracht.warm zl 2025" "$(sql "$RAW indicator = 'overdracht.warm' AND regio = 'zl' AND periode = '2025'")" "1/1:x:-"
expect_eq "overdracht.warm all 2025" "$(sql "$RAW indicator = 'overdracht.warm' AND regio = '*' AND periode = '2025'")" "2/2:x:-"
expect_eq "overdracht.bevestigd by region" "$(sql "SELECT group_concat(regio || ':' || teller_ruw || '/' || noemer_ruw, ' ') FROM (SELECT * FROM uitkomst WHERE indicator = 'overdracht.bevestigd' AND site = '*' AND groep = 'totaal' AND periode = '2025' ORDER BY regio)")" "*:1/2 zhz:1/1 zl:0/1"
expect_eq "overdracht.warm by soort" "$(sql "SELECT group_concat(groepwaarde || '=' || teller_ruw || '/' || noemer_ruw, ' ') FROM (SELECT * FROM uitkomst WHERE indicator = 'overdracht.warm' AND regio = '*' AND site = '*' AND groep = 'overdracht_soort' AND periode = '2025' ORDER BY groepwaarde)")" "anders=1/1 jgz_prenataal=1/1"
# days to the MDO by Kaplan-Meier: P2 alone (9 days, an event); the rows exist and are suppressed
expect_eq "overdracht.mdo_dagen quantile rows zl 2025Q1" "$(sql "SELECT group_concat(indicator || '=' || teller_ruw || '/' || noemer_ruw || ':' || onderdrukt || ':' || eenheid, ' ') FROM (SELECT * FROM uitkomst WHERE indicator LIKE 'overdracht.mdo_dagen.%' AND regio = 'zl' AND site = '*' AND periode = '2025Q1' ORDER BY indicator)")" \
    "overdracht.mdo_dagen.p25=1/1:x:dagen overdracht.mdo_dagen.p50=1/1:x:dagen overdracht.mdo_dagen.p75=1/1:x:dagen overdracht.mdo_dagen.p90=1/1:x:dagen"
expect_eq "nothing of the small cells of persons leaves (zero counts are shown)" "$(sql "SELECT count(*) FROM uitkomst WHERE (teller > 0 OR (teller = 0 AND eenheid <> 'aantal')) AND indicator NOT LIKE 'verankering.%' AND (indicator NOT LIKE 'kwaliteit.%' OR indicator IN ('kwaliteit.koppeling.jgz', 'kwaliteit.koppeling.bevalling'))")" "0"
expect_exit 0 "$K" overzicht --lang nl --db "$DB" --regio zl --periode 2025Q1
expect_grep "overzicht: suppressed shown as such, by its title" "^  Gescreend op kwetsbaarheid  *x  .*95 %  *– grijs$" "$W/out"
expect_grep "overzicht: the previous period named" "vorige: 2024Q4" "$W/out"
if grep -qE '\b(route|overdracht|lijn|nazorg|uitkomst|verankering)\.[a-z]' "$W/out"; then bad "overzicht: an indicator id shown"; else ok; fi
expect_grep "overzicht: the legend of x" "^  x  *niet getoond: te weinig personen, of om terugrekenen te voorkomen$" "$W/out"
expect_exit 2 "$K" overzicht --lang nl --db "$DB" --periode 2025Q7
expect_grep "overzicht: a malformed period named" "periode '2025Q7' is geen kwartaal" "$W/err"
expect_exit 2 "$K" overzicht --lang nl --db "$DB" --regio utrecht
expect_grep "overzicht: a region not in regios" "regio 'utrecht' bestaat niet; bekende regio's: zhz, zl" "$W/err"
expect_exit 2 "$K" overzicht --lang nl --db "$DB" --regio zl --periode 2023Q1
expect_grep "overzicht: a period without outcomes" "periode 2023Q1 bestaat niet voor Zuid-Limburg (zl)" "$W/err"
expect_exit 0 "$K" export --db "$DB" --indicator route.verdeling -o "$W/uit.json"
expect_eq "export json: the parts, suppressed" "$(jq -r '[.[].indicator] | unique | join(",")' "$W/uit.json") $(jq -r '[.[] | select(.teller != null)] | length' "$W/uit.json")" \
    "route.verdeling.1,route.verdeling.2,route.verdeling.3,route.verdeling.niet_gescreend 0"
expect_eq "export json fields" "$(jq -r '.[0] | keys | join(",")' "$W/uit.json")" "ci_hoog,ci_laag,doel,eenheid,groep,groepwaarde,indicator,noemer,onderdrukt,peildatum,periode,regio,site,status,synthetisch,teller,voorlopig,waarde"
expect_exit 0 "$K" export --db "$DB" --format csv -o "$W/uit.csv"
expect_eq "export csv: BOM and header" "$(head -c 3 "$W/uit.csv" | od -An -tx1 | tr -d ' ') $(head -1 "$W/uit.csv" | tr -d '\r' | cut -c4-)" \
    "efbbbf indicator;regio;site;groep;groepwaarde;periode;teller;noemer;waarde;ci_laag;ci_hoog;onderdrukt;eenheid;voorlopig;doel;status;peildatum;synthetisch"
if grep -q "$P2" "$W/uit.csv" "$W/uit.json"; then bad "a pseudonym in the export"; else ok; fi
expect_exit 0 "$K" export --db "$DB" --curves --format csv -o "$W/curves.csv"
expect_eq "export --curves: BOM and header" "$(head -c 3 "$W/curves.csv" | od -An -tx1 | tr -d ' ') $(head -1 "$W/curves.csv" | tr -d '\r' | cut -c4-)" \
    "efbbbf indicator;regio;site;groep;groepwaarde;periode;t;at_risk;s;ci_laag;ci_hoog"
expect_eq "export --curves: no step of a cohort under 10 children" "$(tail -n +2 "$W/curves.csv" | wc -l)" "0"
expect_grep "export --curves: an empty file says why" "no curve to show: every cohort has too few children" "$W/err"
expect_exit 2 "$K" export --db "$DB" --curves --indicator overdracht.warm -o "$W/x"
expect_grep "export --curves of another indicator: refused" "only nazorg.in_zorg has curves" "$W/err"
expect_exit 2 "$K" export --db "$DB" -o "$W/geen-map/uit.json"
expect_grep "export into a missing folder: says why" "geen-map/uit.json: cannot write the file: ." "$W/err"
expect_exit 2 "$K" export --db "$DB" --indicator nope -o "$W/x"
# a refused file changes no data: linkage is not out of date for it
"$K" ingest --db "$DB" "$FX/bad/bsn_column.csv" --type zwangerschap --organisatie VP-A --periode 2025Q4 >/dev/null
"$K" status --db "$DB" >"$W/out"
expect_eq "a refused delivery: linkage not called out of date" "$(grep -c 'changed since' "$W/out")" "0"
"$K" ingest --db "$DB" "$FX/ok/header_only.csv" --type zwangerschap --organisatie VP-A --periode 2025Q4 >/dev/null
"$K" status --db "$DB" >"$W/out"
expect_grep "stale linkage shown, with the command that brings the outcome table up to date" \
    "deliveries changed since: run 'kansrijk compute --db .*' again (it links first)" "$W/out"
expect_grep "status: the moment and the peildatum in words" \
    "^linkage last run [0-9]\{1,2\} [A-Z][a-z]* 20[0-9][0-9] at [0-2][0-9]:[0-5][0-9], peildatum [0-9]\{1,2\} [A-Z][a-z]* 20[0-9][0-9]: [0-9]* trajectories" "$W/out"

# ---- a version-6 database: linkage's columns leave the extract rows, the outcomes stay ---------------------------
expect_exit 0 "$K" compute --db "$DB" --peildatum 31-12-2025
sqlite3 "$DB" ".backup '$W/v6.db'"
OUTCOMES="SELECT * FROM uitkomst ORDER BY indicator, regio, site, groep, groepwaarde, periode"
before=$(sqlite3 "$DB" "$OUTCOMES" | sha256sum)
# as schema 6 had them, with values that would change the outcomes if anything still read them
v6=""
for t in zwangerschap screening zorgepisode overdracht mdo bevalling jgz_contact; do
    v6="$v6 ALTER TABLE $t ADD COLUMN actueel INTEGER; ALTER TABLE $t ADD COLUMN traject_id INTEGER; UPDATE $t SET actueel = 0;"
done
sqlite3 "$W/v6.db" "$v6 ALTER TABLE bevalling ADD COLUMN gekozen INTEGER; DROP TABLE gepubliceerd; DROP TABLE uitkomst_afgeleid;
    DROP TABLE publicatie_rij; DROP TABLE publicatie; ALTER TABLE compute_run DROP COLUMN berekening; PRAGMA user_version = 6"
expect_exit 0 "$K" compute --db "$W/v6.db" --peildatum 31-12-2025
expect_eq "v6 -> 9: migrated, the columns gone, nothing published yet" "$(sqlite3 "$W/v6.db" "PRAGMA user_version;
    SELECT count(*) FROM pragma_table_info('bevalling') WHERE name IN ('actueel', 'traject_id', 'gekozen');
    SELECT count(*) FROM gepubliceerd; SELECT count(*) FROM publicatie; SELECT berekening FROM compute_run")" "9
0
0
0
1"
expect_eq "v6 -> 9: the same outcomes" "$(sqlite3 "$W/v6.db" "$OUTCOMES" | sha256sum)" "$before"
# the extract rows read on compute's own connection after linkage instead of on a thread beside it: the same
KANSRIJK_THREADS=1 expect_exit 0 "$K" compute --db "$W/v6.db" --peildatum 31-12-2025
expect_eq "one thread: the same outcomes" "$(sqlite3 "$W/v6.db" "$OUTCOMES" | sha256sum)" "$before"

# ---- compute writes the trajectories while it counts the outcome table: when that fails, nothing changes --------
TRAJ="SELECT * FROM traject ORDER BY id"
before_traj=$(sqlite3 "$W/v6.db" "$TRAJ" | sha256sum)
sqlite3 "$W/v6.db" "CREATE TRIGGER fail_traject_i BEFORE INSERT ON traject BEGIN SELECT RAISE(ABORT, 'disk full (forced)'); END;
    CREATE TRIGGER fail_traject_d BEFORE DELETE ON traject BEGIN SELECT RAISE(ABORT, 'disk full (forced)'); END;"
expect_exit 2 "$K" compute --db "$W/v6.db" --peildatum 31-03-2025
expect_grep "trajectory write fails: the cause named" "disk full (forced)" "$W/err"
expect_grep "trajectory write fails: nothing changed" "; nothing changed" "$W/err"
expect_eq "trajectory write fails: outcomes and trajectories as they were" \
    "$(sqlite3 "$W/v6.db" "$OUTCOMES" | sha256sum) $(sqlite3 "$W/v6.db" "$TRAJ" | sha256sum)" "$before $before_traj"
sqlite3 "$W/v6.db" "DROP TRIGGER fail_traject_i; DROP TRIGGER fail_traject_d"
expect_exit 0 "$K" compute --db "$W/v6.db" --peildatum 31-03-2025
expect_eq "trajectory write: as linkage alone writes them" "$(sqlite3 "$W/v6.db" "$TRAJ" | sha256sum)" \
    "$("$K" link --db "$W/v6.db" --peildatum 31-03-2025 >/dev/null && sqlite3 "$W/v6.db" "$TRAJ" | sha256sum)"

# ---- more regions than the outcome table has room for: refused whole, in the user's language --------------------
mkdir -p "$W/big"
{ echo 'code;naam'; for i in $(seq 1 32); do printf 'r%02d;Regio %d\n' "$i" "$i"; done; } >"$W/big/regios.csv"
{ echo 'gemeentecode;naam;regio;opgegaan_in'; for i in $(seq 1 32); do printf 'GM%04d;Gemeente %d;r%02d;\n' "$i" "$i" "$i"; done; } \
    >"$W/big/gemeenten.csv"
{ echo 'code;naam;soort;lijn;regio;site;synthetisch'; for i in $(seq 1 32); do printf 'VP-%02d;VP %d;verloskundigenpraktijk;1;r%02d;;ja\n' "$i" "$i" "$i"; done; } \
    >"$W/big/organisaties.csv"
for i in $(seq 1 32); do
    { echo 'client_pseudoniem;a_terme_datum;gemeentecode;leeftijdsklasse;pariteit;intake_datum;lijn_intake'
      printf '%064x;15-07-2025;GM%04d;25-29;0;10-01-2025;1\n' "$i" "$i"; } >"$W/big/zwangerschap_VP-$(printf %02d "$i")_2025Q1.csv"
done
keep=$DB
DB=$W/big.db
"$K" init --db "$DB" >/dev/null
"$K" ingest --db "$DB" "$W/big/regios.csv" "$W/big/gemeenten.csv" "$W/big/organisaties.csv" >/dev/null
"$K" ingest --db "$DB" "$W"/big/zwangerschap_*.csv >/dev/null
expect_exit 2 "$K" compute --db "$DB"
expect_grep "32 regions: the limit named" "32 regions (at most 31); compute the regions in more than one database" "$W/err"
expect_grep "32 regions: nothing changed" "; nothing changed" "$W/err"
expect_eq "32 regions: no line about the limits twice" "$(grep -c 'at most 31' "$W/err")" "1"
expect_eq "32 regions: nothing stored" "$(sql 'SELECT count(*) FROM traject') $(sql 'SELECT count(*) FROM uitkomst')" "0 0"
KANSRIJK_TAAL=nl expect_exit 2 "$K" compute --db "$DB"
expect_grep "32 regions, in Dutch" "32 regio's (hoogstens 31); bereken de regio's in meer dan één database" "$W/err"
DB=$keep

# ---- linkage as of a peildatum ---------------------------------------------------------------------------
expect_exit 0 "$K" link --db "$DB" --peildatum 31-03-2025
expect_eq "peildatum: later records ignored" "$(sql 'SELECT count(*) FROM traject') $(sql "SELECT coalesce(sum(records), 0) FROM koppeling WHERE type IN ('bevalling', 'jgz_contact')")" "6 0"
expect_exit 2 "$K" link --db "$DB" --peildatum 31-02-2025

# ---- a progress bar on a terminal for a large file ---------------------------------------------------------
if command -v script >/dev/null 2>&1; then
    fresh_db progress
    { head -1 "$FX/ok/zwangerschap_VP-A_2025Q1.csv"
      awk -v p="$P1" 'BEGIN { for (i = 0; i < 90000; i++) printf "%s;%02d-%02d-%04d;GM0935;25-29;0;10-01-2025;1\n", p, 1 + i % 28, 1 + int(i / 28) % 12, 2026 + int(i / 336) }'
    } >"$W/in/zwangerschap_VP-A_2025Q1.csv"
    script -qec "'$K' ingest --db '$DB' '$W/in/zwangerschap_VP-A_2025Q1.csv'" /dev/null >"$W/tty" 2>&1
    expect_grep "progress bar on a terminal" "100%" "$W/tty"
    "$K" ingest --db "$DB" --opnieuw "$W/in/zwangerschap_VP-A_2025Q1.csv" >/dev/null 2>"$W/err"
    if grep -q '%' "$W/err"; then bad "progress bar without a terminal"; else ok; fi
fi

summary
