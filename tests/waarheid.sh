#!/usr/bin/env bash
# Messages that tell the truth (issue 11, item 6): a long line without quotes is a long line, not a
# missing quote; a dangling symbolic link says so; a --peildatum in the future is refused unless
# --toekomst says it is meant; `kansrijk vergelijk` shows the 95 % limits its "within"/"outside 95%"
# refers to, with one decimal style per language. The screen is English (lib.sh); the Dutch screen
# is checked only for its numbers (decimal comma), which do not depend on po/nl.po.
# Usage: tests/waarheid.sh PATH/TO/kansrijk
. "$(dirname "$0")/lib.sh" waarheid "$1"
export KANSRIJK_TAAL=en
cd "$W" || exit 2

# ---- 1. a line or field past its limit -------------------------------------------------------------------
HDR='client_pseudoniem;a_terme_datum;gemeentecode;leeftijdsklasse;pariteit;intake_datum;lijn_intake'
ROW='fe401ba636cd34af392e707d9554b2ee4fdc44652d637ba0e279793b4281aa8d;15-07-2025;GM0935;25-29;0;10-01-2025;1'
ROW2='6bd686f3acbc5117c2fe010b44d2f13e8ee284234b8dc51a91016c19376d0241;20-08-2025;GM0917;<20;0;05-02-2025;1'
X=zwangerschap_VP-A_2025Q1.csv
xs() { head -c "$1" /dev/zero | tr '\0' "$2"; }  # xs BYTES CHAR: that many of CHAR, no newline
# lines N WIDTH: N lines of WIDTH w's, each with its newline
lines() { awk -v n="$1" -v w="$2" 'BEGIN { s = sprintf("%*s", w, ""); gsub(/ /, "w", s); for (i = 0; i < n; i++) print s }'; }
# file LINE3: the header, a row, LINE3 (from stdin) and a row after it, as $X
file() {
    { printf '%s\n%s\n' "$HDR" "$ROW"; cat; printf '\n%s\n' "$ROW2"; } >"$X"
}
validate() { expect_exit 2 "$K" validate "$X"; }
LONG="REFUSED: line 3 is longer than 1 MiB, and more than 1 MiB of it has no delimiter: a field may hold at most 1 MiB; check that the file is a CSV export with one record per line"
MB50=$((50 << 20))
MB8=$((8 << 20))  # the variants: the same limit, a shorter file

# a 50 MB line without any quote (one field past the field limit; no quote is missing)
{ printf 'abc;15-07-2025;GM0935;25-29;'; xs $MB50 x; printf ';10-01-2025;1'; } | file
validate
expect_grep "50 MB line, no quote: a long line" "^  $LONG$" "$W/out"
expect_eq "50 MB line, no quote: no quote is said to be missing" "$(grep -c 'quote' "$W/out")" "0"
# the same (8 MB) with a quoted field earlier on the line, and with a quote after the long stretch
{ printf '"abc";15-07-2025;GM0935;25-29;'; xs $MB8 x; printf ';10-01-2025;1'; } | file
validate
expect_grep "50 MB line, a quoted field before it" "^  $LONG$" "$W/out"
{ printf 'abc;15-07-2025;GM0935;25-29;'; xs $MB8 x; printf '"y";10-01-2025;1'; } | file
validate
expect_grep "50 MB line, a quote after the long stretch" "^  $LONG$" "$W/out"
# the last line, without a line end
{ printf '%s\n%s\nabc;' "$HDR" "$ROW"; xs $MB8 x; } >"$X"
validate
expect_grep "50 MB last line without a line end" "^  $LONG$" "$W/out"
# one field of 2 MiB in an otherwise ordinary line: the same limit, the same message
{ printf 'abc;15-07-2025;GM0935;25-29;'; xs $((2 << 20)) 7; printf ';10-01-2025;1'; } | file
validate
expect_grep "2 MiB field in an ordinary line" "^  $LONG$" "$W/out"
# six fields of a little under 1 MiB each: the row's limit
{ for i in 1 2 3 4 5; do xs 1000000 v; printf ';'; done; xs 1000000 v; } | file
validate
expect_grep "a line of six large fields: the row limit" \
    "^  REFUSED: line 3 is longer than 4 MiB, the most a row may hold; check that the file is a CSV export with one record per line$" "$W/out"
# a quoted field of 2 MiB on one line: larger than a field may be, or its closing quote is missing
{ printf 'abc;15-07-2025;GM0935;25-29;"'; xs $((2 << 20)) q; printf '";10-01-2025;1'; } | file
validate
expect_grep "2 MiB quoted field on one line" \
    "^  REFUSED: a quoted field on line 3 is larger than 1 MiB, the most a field may hold; shorten it, or add its closing quote (\") if that is missing$" "$W/out"
# a quote that is never closed, over many lines: the quote is what is missing
{ printf 'abc;15-07-2025;GM0935;25-29;"open\n'; lines 2000 1000; printf 'w'; } | file
validate
expect_grep "an open quote over many lines" \
    "^  REFUSED: a quoted field in the row starting at line 3 runs past 1 MiB (to line 1051), the most a field may hold; is its closing quote (\") missing?$" "$W/out"
# quoted fields over many lines, each under 1 MiB, that make a row past 4 MiB
{
    for f in 1 2 3 4 5 6; do
        printf '"'
        lines 900 999
        printf '"'
        [ $f = 6 ] || printf ';'
    done
} | file
validate
expect_grep "a row of quoted fields over many lines past 4 MiB" \
    "^  REFUSED: the row starting at line 3 runs past 4 MiB (to line [0-9]*), the most a row may hold; is a closing quote (\") missing?$" "$W/out"
# ingest: refused, nothing stored
DB=$W/k.db
"$K" init --db "$DB" >/dev/null || bad "init"
sql "INSERT INTO regios VALUES ('zl', 'Zuid-Limburg', 0, 0);
     INSERT INTO sites VALUES ('S-NOORD', 'Noord', 'zl', 0, 0);
     INSERT INTO gemeenten VALUES ('GM0935', 'Maastricht', 'zl', NULL, 0, 0), ('GM0917', 'Heerlen', 'zl', NULL, 0, 0);
     INSERT INTO organisaties VALUES ('VP-A', 'A', 'verloskundigenpraktijk', 1, 'zl', 'S-NOORD', 'ja', 0, 0);" ||
    bad "reference rows"
{ printf 'abc;15-07-2025;GM0935;25-29;'; xs $MB50 x; printf ';10-01-2025;1'; } | file
expect_exit 2 "$K" ingest --db "$DB" "$X"
expect_grep "ingest: the long line" "^  $LONG$" "$W/out"
expect_eq "ingest: no rows stored" "$(sql "SELECT count(*) FROM levering WHERE status = 'actief'")" "0"
expect_eq "ingest: the refusal in the ledger" "$(sql "SELECT group_concat(status) FROM levering")" "geweigerd"
rm -f "$X"

# ---- 2. a dangling symbolic link -------------------------------------------------------------------------
ln -s "$W/weg/$X" "$W/link.csv"
mkdir -p "$W/sub" && ln -s ../verdwenen.csv "$W/sub/rel.csv" && ln -s sub/rel.csv "$W/keten.csv"
for cmd in ingest validate; do
    expect_exit 2 "$K" "$cmd" --db "$DB" "$W/link.csv"
    expect_eq "$cmd: a dangling link says so" "$(head -1 "$W/err")" \
        "kansrijk $cmd: $W/link.csv is a symbolic link to $W/weg/$X, which does not exist"
    expect_exit 2 "$K" "$cmd" --db "$DB" keten.csv
    expect_eq "$cmd: a chain of links names the end that is missing" "$(head -1 "$W/err")" \
        "kansrijk $cmd: keten.csv is a symbolic link to sub/../verdwenen.csv, which does not exist"
done
expect_exit 2 "$K" ingest --db "$DB" "$W/nergens.csv"
expect_grep "a missing file (no link) as before" "nergens.csv: cannot read the file" "$W/err"
expect_eq "nothing stored for a dangling link, not even a refusal" "$(sql "SELECT group_concat(status) FROM levering")" "geweigerd"

# ---- 3. a --peildatum in the future ------------------------------------------------------------------------
TODAY=$(date +%F)
TOMORROW=$(date -d tomorrow +%F)
for cmd in compute link; do
    expect_exit 2 "$K" "$cmd" --db "$DB" --peildatum "$TOMORROW"
    expect_eq "$cmd: a peildatum after today is refused" "$(cat "$W/err")" \
        "kansrijk $cmd: --peildatum $TOMORROW is in the future (today is $TODAY); give a date up to today, or add --toekomst if you mean a date in the future"
    expect_exit 2 "$K" "$cmd" --db "$DB" --peildatum "$(date -d tomorrow +%d-%m-%Y)"
    expect_grep "$cmd: also as dd-mm-jjjj" "is in the future" "$W/err"
    expect_exit 0 "$K" "$cmd" --db "$DB" --peildatum "$TOMORROW" --toekomst
    expect_exit 0 "$K" "$cmd" --db "$DB" --toekomst --peildatum 2099-12-31
    expect_exit 0 "$K" "$cmd" --db "$DB" --peildatum "$TODAY"
    expect_exit 0 "$K" "$cmd" --help
    expect_grep "$cmd --help: --toekomst" "--toekomst         allow a --peildatum in the future" "$W/out"
done

# ---- 4. vergelijk: the 95 % limits, one decimal style per language ----------------------------------------
DB=$W/hand.db
"$K" init --db "$DB" >/dev/null || bad "init"
COLS="INSERT INTO uitkomst (indicator, regio, site, groep, groepwaarde, periode, teller, noemer, waarde, onderdrukt, eenheid, voorlopig, teller_ruw, noemer_ruw)"
row() { echo "$COLS VALUES ('overdracht.warm', '$1', '$2', 'totaal', '', '2024', $3, $4, 100.0 * $3 / $4, '', '%', $5, $3, $4);"; }
{
    echo "BEGIN;"
    echo "INSERT INTO compute_run (id, uitgevoerd_op, peildatum, trajecten) VALUES (1, '2025-01-02T10:00:00Z', '2024-12-31', 1);"
    # tests/vergelijk.sh's 2024: 1600 of 2000 = 80 % pooled, phi 1.10; S6 (60 of 100) far below
    i=0
    for tn in 160:200 240:300 320:400 80:100 172:200 60:100 412:500 156:200; do
        i=$((i + 1))
        row "$( [ $i -le 4 ] && echo r1 || echo r2)" "S$i" "${tn%:*}" "${tn#*:}" "$( [ $i = 8 ] && echo 1 || echo 0)"
    done
    echo "$COLS VALUES ('overdracht.warm', 'r2', 'S9', 'totaal', '', '2024', NULL, NULL, NULL, 'x', '%', 0, 3, 8);"
    echo "COMMIT;"
} | sqlite3 "$DB" || bad "writing the table by hand"
expect_exit 0 "$K" vergelijk --db "$DB" --indicator overdracht.warm
cp "$W/out" "$W/en"
expect_eq "vergelijk: the title" "$(head -1 "$W/en")" "Site comparison: overdracht.warm — Warm handover, period 2024 (provisional)"
expect_eq "vergelijk: the header names the 95 % and the 99.8 % limits" "$(sed -n 3p "$W/en")" \
    "site  region  numerator  denominator  value  95% limits  99.8% limits  position"
# the 95 % limits at n = 100 around 0.8 (tests/vergelijk.sh's json: 71.4) beside the 99.8 % ones
expect_eq "vergelijk: S6, both limits at its noemer" "$(grep '^S6 ' "$W/en")" \
    "S6    r2             60          100  60.0%  71.4–87.0   66.3–90.9     outside 99.8% (below)"
expect_eq "vergelijk: S5 outside the 95 % limits it shows" "$(grep '^S5 ' "$W/en")" \
    "S5    r2            172          200  86.0%  74.1–85.2   70.6–88.0     outside 95% (above)"
expect_eq "vergelijk: S4 within" "$(grep '^S4 ' "$W/en")" \
    "S4    r1             80          100  80.0%  71.4–87.0   66.3–90.9     within"
expect_eq "vergelijk: a provisional row" "$(grep '^S8 ' "$W/en")" \
    "S8    r2            156          200  78.0%  74.1–85.2   70.6–88.0     within (provisional)"
expect_eq "vergelijk: a suppressed row" "$(grep '^S9 ' "$W/en")" \
    "S9    r2              x            x      x                            suppressed: does not count"
expect_grep "vergelijk: pooled" "^Pooled: 80.0% (1600 of 2000) over 8 sites. 1 suppressed site does not count.$" "$W/en"
expect_grep "vergelijk: phi" "^Overdispersion: phi = 1.10; the spread between sites fits chance: limits not widened.$" "$W/en"
expect_grep "vergelijk: the legend names the 95 % limits" "within = within the 95% limits" "$W/en"
expect_eq "vergelijk: English, no Dutch words" "$(grep -ciE 'gepoold|binnen|buiten|onderdrukt|voorlopig|periode ' "$W/en")" "0"
expect_eq "vergelijk: English, no decimal comma" "$(grep -cE '[0-9],[0-9]' "$W/en")" "0"
# the Dutch screen: its numbers (the words come from po/nl.po, not checked here)
expect_exit 0 "$K" vergelijk --lang nl --db "$DB" --indicator overdracht.warm
cp "$W/out" "$W/nl"
expect_eq "vergelijk --lang nl: S6's numbers" "$(grep '^S6 ' "$W/nl" | grep -oE '[0-9]+,[0-9] %|[0-9]+,[0-9]–[0-9]+,[0-9]' | tr '\n' '|')" \
    "60,0 %|71,4–87,0|66,3–90,9|"
expect_grep "vergelijk --lang nl: pooled" "80,0 % (1600 " "$W/nl"
expect_grep "vergelijk --lang nl: phi" "phi = 1,10;" "$W/nl"
# (until po/nl.po has them, the words are English: "outside 99.8%" is a word, not a number, and is left out)
expect_eq "vergelijk --lang nl: no decimal point" "$(sed 's/99\.8%//g' "$W/nl" | grep -cE '[0-9]\.[0-9]')" "0"
expect_exit 0 "$K" vergelijk --db "$DB" --indicator overdracht.warm --json
expect_eq "vergelijk --json: the field names and values as before" \
    "$(jq -r '.sites[] | select(.site == "S6") | [.positie, .richting, (.grens95_laag * 10 | round), (.grens998_laag * 10 | round)] | @tsv' "$W/out")" \
    "$(printf 'buiten 99,8%%\tonder\t714\t663')"

summary
