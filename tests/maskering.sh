#!/usr/bin/env bash
# What the coordinator and the partner may see of a rejected row, tried as a careless partner would
# send it: identifiers written with separators, a name with an address in a code column, identifiers
# in a reference name; files for the coordinator readable by the owner only and safe to open in Excel;
# a UTF-8 file with a stray byte or a BOM read as UTF-8, never turned into mojibake.
# Usage: tests/maskering.sh PATH/TO/kansrijk
. "$(dirname "$0")/lib.sh" maskering "$1"
FX=$HERE/fixtures
cd "$W" || exit 2
umask 022
fresh_db() {
    DB=$W/$1.db
    rm -f "$DB"*
    "$K" init --db "$DB" >/dev/null || bad "init $DB"
    "$K" ingest --db "$DB" "$FX"/ref/*.csv >/dev/null || bad "reference data into $DB"
}
# nowhere NAME TEXT FILES...: TEXT occurs in none of the files (the database after a checkpoint)
nowhere() {
    local name=$1 text=$2
    shift 2
    [ -n "${DB:-}" ] && sqlite3 "$DB" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
    if grep -rqF -- "$text" "$@" 2>/dev/null; then bad "$name: '$text' found in $(grep -rlF -- "$text" "$@" | tr '\n' ' ')"; else ok; fi
}
P=fe401ba636cd34af392e707d9554b2ee4fdc44652d637ba0e279793b4281aa8d
HDR='client_pseudoniem;a_terme_datum;gemeentecode;leeftijdsklasse;pariteit;intake_datum;lijn_intake'

# ---- identifiers written with separators, and a name with an address, in the wrong columns ------------------
fresh_db mask
mkdir -p "$W/in" "$W/fb"
{
    echo "$HDR"
    tail -n +2 "$FX/ok/zwangerschap_VP-A_2025Q1.csv"
    echo "$P;15-07-2025;GM0935;25-29;0;123-456-782;1"                                       # line 8: a BSN as a date
    echo "123.456.782;15-07-2025;GM0935;25-29;0;10-01-2025;1"                                # line 9: in the pseudonym column
    echo "$P;16-07-2025;GM0935;mw. A. de Vries-Janssen, Dorpstraat 12 Kleinwoude;0;10-01-2025;1"  # line 10: a name, an address
    echo "$P;17-07-2025;GM0935;25-29;Dorpstraat 12 Kleinwoude;10-01-2025;1"                     # line 11: a short address
    echo "$P;18-07-2025;GM0935;=1+2;0;10-01-2025;1"                                          # line 12: a formula
    echo "$P;19-07-2025;GM0935;25-29;-3;10-01-2025;1"                                        # line 13: starts with -
    echo "$P;20-07-2025;GM0935;25-29;0;31-02-2025;1"                                         # line 14: a wrong date, shown
    echo "$P;21-07-2025;GM0935;Jansen, Marieke;0;10-01-2025;1"                               # line 15: a name alone
    echo "$P;22-07-2025;GM0935;25-29;Dorpsstraat 12;10-01-2025;1"                            # line 16: a street alone
    echo "Marieke Jansen;23-07-2025;GM0935;25-29;0;10-01-2025;1"                             # line 17: a name as pseudonym
    echo "$P;24-07-2025;GM0935;25-29;2 of meer;10-01-2025;1"                                 # line 18: a code typed in words
    echo "$P;25-07-2025;GM0935;25-29;0;2025/01/10 00:00;1"                                   # line 19: a date with its time
    echo "$P;26-07-2025;GM0935;25-29;0;10-01-2025 06:87654321;1"                             # line 20: a number after a date
    echo "$P;27-07-2025;GM0935;Anna Anders;0;10-01-2025;1"                                   # line 21: a name of code-like words
    echo "$P;28-07-2025;GM0935;25-29;Jansen(Marieke);10-01-2025;1"                           # line 22: a name without a space
    echo "$P;29-07-2025;GM0935;25-29;0;6211_AB;1"                                             # line 23: a postcode with '_'
} >"$W/in/zwangerschap_VP-A_2025Q1.csv"
expect_exit 1 "$K" ingest --db "$DB" --accept-partial --terugkoppeling "$W/fb" "$W/in/zwangerschap_VP-A_2025Q1.csv"
cp "$W/out" "$W/stdout.txt"
cp "$W/err" "$W/stderr.txt"
"$K" ingest --db "$DB" --accept-partial --json "$W/in/zwangerschap_VP-A_2025Q1.csv" >"$W/json.txt" 2>&1
"$K" validate --json "$W/in/zwangerschap_VP-A_2025Q1.csv" >"$W/validate.json" 2>"$W/validate.err"
expect_eq "rows rejected" "$(sql "SELECT group_concat(regel || ':' || coalesce(kolom, '') || ':' || waarde, ' ') FROM (SELECT * FROM afgewezen ORDER BY regel)")" \
    "8:intake_datum:[verborgen] 9:client_pseudoniem:[verborgen] 10:leeftijdsklasse:[verborgen] 11:pariteit:[verborgen] 12:leeftijdsklasse:=1+2 13:pariteit:-3 14:intake_datum:31-02-2025 15:leeftijdsklasse:[verborgen] 16:pariteit:[verborgen] 17:client_pseudoniem:[verborgen] 18:pariteit:2 of meer 19:intake_datum:2025/01/10 00:00 20:intake_datum:[verborgen] 21:leeftijdsklasse:[verborgen] 22:pariteit:[verborgen] 23:intake_datum:[verborgen]"
expect_eq "validate reports the sixteen rows" "$(jq -r '[.tasks[0].errors[].rowNumber | select(. != null)] | unique | length' "$W/validate.json")" "16"
# what a masked value reads in each language: the message says it in the reader's words
"$K" validate --lang en "$W/in/zwangerschap_VP-A_2025Q1.csv" >"$W/validate.en" 2>&1
expect_grep "English: a masked value reads [hidden]" "line 10: \[hidden\] is not a code of leeftijdsklasse" "$W/validate.en"
expect_eq "English: nothing reads [verborgen]" "$(grep -c 'verborgen' "$W/validate.en")" "0"
# an unknown organisation in a file name is masked; in English the file's header line says [hidden] too
mkdir -p "$W/org"
cp "$W/in/zwangerschap_VP-A_2025Q1.csv" "$W/org/zwangerschap_VPZL2_2025Q1.csv"
"$K" validate --lang en --db "$DB" "$W/org/zwangerschap_VPZL2_2025Q1.csv" >"$W/org.en" 2>&1
expect_grep "English: the header line's masked organisation" "\[zwangerschap \[hidden\] 2025Q1\]" "$W/org.en"
expect_eq "English: nothing of the refusal reads [verborgen]" "$(grep -c 'verborgen' "$W/org.en")" "0"
# an organisation code that may be a name is masked in the file's name too, which the ledger keeps and every message
# shows (until 2026-12-07 the ledger kept zwangerschap_JAN-BOS_2025Q1.csv beside an organisation [verborgen])
cp "$W/in/zwangerschap_VP-A_2025Q1.csv" "$W/org/zwangerschap_JAN-BOS_2025Q1.csv"
expect_exit 2 "$K" ingest --db "$DB" "$W/org/zwangerschap_JAN-BOS_2025Q1.csv"
expect_grep "a name-like code: masked in the file name on the screen" "^zwangerschap_\[\(verborgen\|hidden\)\]_2025Q1.csv " \
    "$W/out"
expect_eq "… and in the ledger" "$(sql "SELECT bestand || ' ' || organisatie FROM levering ORDER BY id DESC LIMIT 1")" \
    "zwangerschap_[verborgen]_2025Q1.csv [verborgen]"
expect_eq "… and nowhere in the database" "$(sqlite3 "$DB" .dump | grep -c 'JAN-BOS')" "0"
"$K" validate --lang nl "$W/in/zwangerschap_VP-A_2025Q1.csv" >"$W/validate.nl" 2>&1
expect_grep "Dutch: a masked value reads [verborgen]" "regel 10: \[verborgen\] is geen code van leeftijdsklasse" "$W/validate.nl"
FB=$W/fb/terugkoppeling_zwangerschap_VP-A_2025Q1.csv
OUTS=("$W/stdout.txt" "$W/stderr.txt" "$W/json.txt" "$W/validate.json" "$W/validate.err" "$W/validate.en" "$W/validate.nl" "$W/fb" "$DB"*)
for v in 123-456-782 123456782 123.456.782 "123.45" "Vries" "Dorpstraat" "Kleinwoude" "Jansen" "Marieke" "Mariek" \
    "Dorpsstraat" "87654321" "Anna Anders" "6211_AB"; do
    nowhere "no '$v' anywhere" "$v" "${OUTS[@]}"
done
# identifiers in a column kansrijk ignores: not stored anywhere, and the partner is told to stop sending them
mkdir -p "$W/opm"
{
    head -1 "$FX/ok/zwangerschap_VP-A_2025Q1.csv" | tr -d '\r' | sed 's/$/;opmerking/'
    tail -n +2 "$FX/ok/zwangerschap_VP-A_2025Q1.csv" | tr -d '\r' |
        awk '{ print $0 (NR == 1 ? ";bsn 111222333 moeder" : NR == 2 ? ";bel 06-1234 5678 na 17u" : ";gewoon") }'
} >"$W/opm/zwangerschap_VP-A_2025Q1.csv"
expect_exit 0 "$K" validate --json "$W/opm/zwangerschap_VP-A_2025Q1.csv"
expect_grep "an ignored column with identifiers: the partner is told" "ignored column opmerking holds 2 values with what looks like a BSN" "$W/out"
nowhere "no identifier of the ignored column in the output" "111222333" "$W/out" "$W/err"
# a person's name as a column name: masked in every message about the column (a fifth attack review)
mkdir -p "$W/hdr"
{
    head -1 "$FX/ok/zwangerschap_VP-A_2025Q1.csv" | tr -d '\r' | sed 's/$/;Marieke Jansen/'
    tail -n +2 "$FX/ok/zwangerschap_VP-A_2025Q1.csv" | tr -d '\r' | sed 's/$/;111222333/'
} >"$W/hdr/zwangerschap_VP-A_2025Q1.csv"
expect_exit 2 "$K" validate --json "$W/hdr/zwangerschap_VP-A_2025Q1.csv"
expect_grep "a name as a column name: the refusal names the column masked" "column \[hidden\] (column 8)" "$W/out"
nowhere "no name of a column in the output" "Marieke Jansen" "$W/out" "$W/err"

# the coordinator's files: owner only, and no formula that Excel would run
expect_eq "feedback file mode 0600 under umask 022" "$(stat -c %a "$FB")" "600"
expect_grep "a formula is written as text" "\"'=1+2\"" "$FB"
expect_grep "a value starting with - is written as text" "\"'-3\"" "$FB"
expect_eq "no field starts a formula" "$(grep -c '";"[=+@-]' "$FB")" "0"
"$K" compute --db "$DB" >/dev/null || bad "compute"
touch "$W/export.csv" && chmod 644 "$W/export.csv"
expect_exit 0 "$K" export --db "$DB" --format csv -o "$W/export.csv"
expect_eq "export over an existing 0644 file becomes 0600" "$(stat -c %a "$W/export.csv")" "600"
expect_exit 0 "$K" export --db "$DB" --format json -o "$W/new.json"
expect_eq "a new export is 0600" "$(stat -c %a "$W/new.json")" "600"

# ---- identifiers in a reference name are rejected value by value -----------------------------------------
fresh_db refnaam
mkdir -p "$W/ref"
{
    cat "$FX/ref/organisaties.csv"
    echo "VP-X;Praktijk 123456782;verloskundigenpraktijk;1;zl;S-NOORD;ja"
    echo "VP-Y;mail: moeder@example.nl;verloskundigenpraktijk;1;zl;S-NOORD;ja"
    echo "VP-Z;Verloskundigen Zuid 2;verloskundigenpraktijk;1;zl;S-NOORD;ja"
} >"$W/ref/organisaties.csv"
expect_exit 1 "$K" ingest --db "$DB" --accept-partial --json "$W/ref/organisaties.csv"
expect_eq "identifier names rejected" "$(sql "SELECT group_concat(kolom || ':' || code || ':' || waarde, ' ') FROM afgewezen")" \
    "naam:identifier:[verborgen] naam:identifier:[verborgen]"
expect_eq "a plain name with a number is kept" "$(sql "SELECT count(*) FROM organisaties WHERE code = 'VP-Z'")" "1"
DB=$W/refnaam.db nowhere "no BSN of a reference name stored or shown" 123456782 "$W/out" "$W/refnaam.db"
DB=$W/refnaam.db nowhere "no e-mail of a reference name stored or shown" moeder@example "$W/out" "$W/refnaam.db"

# ---- encoding: UTF-8 with a stray byte, or with a BOM, stays UTF-8 -------------------------------------------
fresh_db enc
{
    printf 'code;naam;soort;lijn;regio;site;synthetisch\r\n'
    tail -n +2 "$FX/ref/organisaties.csv" | sed 's/$/\r/'
    printf 'VP-E;Verloskundigen Caf\xc3\xa9 \xc3\xabn Zo\xc3\xab;verloskundigenpraktijk;1;zl;S-NOORD;ja\r\n'
    printf 'VP-F;Kraamzorg \xc3\x89\xc3\xa9n;kraamzorg;0;zl;S-NOORD;ja\r\n'
    printf 'VP-G;Praktijk M\xe9t Fout;verloskundigenpraktijk;1;zl;S-NOORD;ja\r\n'    # a stray Windows-1252 byte
} >"$W/ref/organisaties.csv"
expect_exit 1 "$K" ingest --db "$DB" --accept-partial --json "$W/ref/organisaties.csv"
expect_eq "the accented names stored as written" "$(sql "SELECT naam FROM organisaties WHERE code IN ('VP-E', 'VP-F') ORDER BY code" | tr '\n' '|')" \
    "Verloskundigen Café ën Zoë|Kraamzorg Één|"
expect_eq "the row with the stray byte rejected for its encoding" "$(sql "SELECT regel || ':' || code || ':' || kolom FROM afgewezen")" "9:encoding:naam"
expect_eq "the message names the column" "$(sql "SELECT melding_nl LIKE 'kolom naam bevat tekens die geen UTF-8 zijn%' FROM afgewezen")" "1"
expect_eq "the stored message is valid UTF-8" "$(sql "SELECT waarde FROM afgewezen" | iconv -f UTF-8 -t UTF-8 >/dev/null 2>&1; echo $?)" "0"
expect_eq "json output is valid" "$(jq -r '.valid' "$W/out")" "false"
expect_eq "read as UTF-8" "$(sql "SELECT dialect LIKE '%utf-8%' FROM levering WHERE type = 'organisaties' AND status = 'actief'")" "1"
# a BOM makes a file UTF-8 even when its only non-ASCII byte is a stray one
fresh_db bom
{
    printf '\xef\xbb\xbfcode;naam;soort;lijn;regio;site;synthetisch\n'
    tail -n +2 "$FX/ref/organisaties.csv"
    printf 'VP-G;Praktijk M\xe9t Fout;verloskundigenpraktijk;1;zl;S-NOORD;ja\n'
} >"$W/ref/organisaties.csv"
expect_exit 1 "$K" ingest --db "$DB" --accept-partial "$W/ref/organisaties.csv"
expect_eq "BOM: the stray byte rejected, not converted" "$(sql "SELECT code FROM afgewezen") $(sql "SELECT count(*) FROM organisaties WHERE naam LIKE 'Praktijk M%'")" "encoding 0"
# a real Windows-1252 file (no valid UTF-8 sequence at all) is still converted
fresh_db cp
{
    printf 'code;naam;soort;lijn;regio;site;synthetisch\r\n'
    tail -n +2 "$FX/ref/organisaties.csv" | sed 's/$/\r/'
    printf 'VP-G;Praktijk Caf\xe9 \xcb\xe9n;verloskundigenpraktijk;1;zl;S-NOORD;ja\r\n'
} >"$W/ref/organisaties.csv"
expect_exit 0 "$K" ingest --db "$DB" "$W/ref/organisaties.csv"
expect_eq "Windows-1252 converted" "$(sql "SELECT naam FROM organisaties WHERE code = 'VP-G'")" "Praktijk Café Ëén"
summary
