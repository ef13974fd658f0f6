#!/usr/bin/env bash
# The two languages of the screen (issue 11): Dutch by default, English with --lang en,
# KANSRIJK_TAAL=en or an English locale; golden files of a few commands in both (tests/golden/,
# UPDATE_GOLDEN=1 rewrites them after a deliberate change); plural forms; one language per
# screen; the progress line and the totals only on a terminal (script -qc gives one), never
# when the output is a file or a pipe, and not with --stil.
# Usage: tests/taal.sh PATH/TO/kansrijk
. "$(dirname "$0")/lib.sh" taal "$1"
unset KANSRIJK_TAAL LANGUAGE LC_ALL LC_MESSAGES
export LANG=C.UTF-8
G=$HERE/golden
P64A=$(printf 'a%.0s' $(seq 64))
P64B=$(printf 'b%.0s' $(seq 64))
ZW_H="client_pseudoniem;a_terme_datum;organisatie;gemeentecode;leeftijdsklasse;pariteit;intake_datum;lijn_intake"
mkdir -p "$W/in"
# one row rejected
printf '%s\n%s;15-09-2025;;GM0935;25-29;0;10-03-2025;1\n%s;15-09-2025;;GM0935;25-29;0;31-02-2025;1\n' \
    "$ZW_H" "$P64A" "$P64B" >"$W/in/zwangerschap_VP-ZL-1_2025Q1.csv"
# two rows rejected for one reason with different details, one warning
printf '%s;opmerking\n%s;15-09-2025;;GM0935;25-29;0;10-04-2025;1;\n%s;15-09-2025;;GM0935;25-29;0;10-04-2025;1;\nabc;15-09-2025;;GM0935;25-29;0;10-04-2025;1;\nabcd;15-09-2025;;GM0935;25-29;0;10-04-2025;1;\n%s;16-09-2025;;GM0935;25-29;0;10-04-2025;1;\n%s;17-09-2025;;GM0935;25-29;0;10-04-2025;1;\n' \
    "$ZW_H" "$P64A" "$P64B" "$P64A" "$P64B" >"$W/in/zwangerschap_VP-ZL-1_2025Q2.csv"

# golden NAME CMD...: stdout and stderr of CMD in Dutch and in English against tests/golden/NAME.{nl,en}.txt
golden() {
    local name=$1 lang
    shift
    for lang in nl en; do
        (cd "$W" && "$K" --lang "$lang" "$@") >"$W/$name.$lang.txt" 2>&1
        sed -i "s|$W|W|g" "$W/$name.$lang.txt"
        if [ -n "${UPDATE_GOLDEN:-}" ]; then
            cp "$W/$name.$lang.txt" "$G/$name.$lang.txt"
            ok
        elif cmp -s "$W/$name.$lang.txt" "$G/$name.$lang.txt"; then
            ok
        else
            bad "golden $name.$lang: the output differs from tests/golden/$name.$lang.txt"
            diff "$G/$name.$lang.txt" "$W/$name.$lang.txt" | head -20 | sed 's/^/    /'
        fi
    done
}
golden help --help
golden ingest-help ingest --help
golden compute-help compute --help
golden validate validate --max-afgewezen 50 in/zwangerschap_VP-ZL-1_2025Q1.csv in/zwangerschap_VP-ZL-1_2025Q2.csv
golden bad-option init --bogus
golden no-db deliveries --db nergens.db
"$K" init --db "$W/k.db" >/dev/null
golden ledger-empty deliveries --db k.db

# the default is Dutch; --lang, KANSRIJK_TAAL and an English locale give English
"$K" validate --max-afgewezen 50 "$W/in/zwangerschap_VP-ZL-1_2025Q1.csv" >"$W/d.txt" 2>&1
expect_grep "Dutch by default" "^  2 rijen gelezen" "$W/d.txt"
KANSRIJK_TAAL=en "$K" validate --max-afgewezen 50 "$W/in/zwangerschap_VP-ZL-1_2025Q1.csv" >"$W/e.txt" 2>&1
expect_grep "KANSRIJK_TAAL=en" "^  2 rows read" "$W/e.txt"
LANG=en_GB.UTF-8 "$K" validate --max-afgewezen 50 "$W/in/zwangerschap_VP-ZL-1_2025Q1.csv" >"$W/e2.txt" 2>&1
expect_grep "an English locale" "^  2 rows read" "$W/e2.txt"
LANG=en_GB.UTF-8 KANSRIJK_TAAL=nl "$K" validate --max-afgewezen 50 "$W/in/zwangerschap_VP-ZL-1_2025Q1.csv" >"$W/d2.txt" 2>&1
expect_grep "KANSRIJK_TAAL before the locale" "^  2 rijen gelezen" "$W/d2.txt"
KANSRIJK_TAAL=en "$K" --lang nl validate --max-afgewezen 50 "$W/in/zwangerschap_VP-ZL-1_2025Q1.csv" >"$W/d3.txt" 2>&1
expect_grep "--lang before KANSRIJK_TAAL" "^  2 rijen gelezen" "$W/d3.txt"
KANSRIJK_TAAL=fr "$K" init --db "$W/k.db" >"$W/out" 2>"$W/err"
expect_grep "a KANSRIJK_TAAL that is no language is said" "KANSRIJK_TAAL=fr" "$W/err"
KANSRIJK_TAAL=EN "$K" --lang En validate --max-afgewezen 50 "$W/in/zwangerschap_VP-ZL-1_2025Q1.csv" >"$W/e3.txt" 2>&1
expect_grep "EN and En are English: a language in any capitals" "^  2 rows read" "$W/e3.txt"
expect_eq "EN: no warning about the language" "$(grep -c 'KANSRIJK_TAAL\|--lang' "$W/e3.txt")" "0"
expect_exit 2 "$K" init --lang de --db "$W/k.db"
expect_grep "--lang de refused" "--lang" "$W/err"

# the ledger's reason of a refusal in the screen's language (schema 6 keeps both)
"$K" init --db "$W/r.db" >/dev/null
"$K" ingest --db "$W/r.db" "$W/in/zwangerschap_VP-ZL-1_2025Q1.csv" >/dev/null 2>&1
"$K" deliveries --db "$W/r.db" >"$W/r.nl" 2>&1
KANSRIJK_TAAL=en "$K" deliveries --db "$W/r.db" >"$W/r.en" 2>&1
expect_grep "the refusal in Dutch on the Dutch screen" "^      extracten worden geweigerd tot" "$W/r.nl"
expect_grep "the refusal in English on the English screen" "^      extracts are refused until" "$W/r.en"

# a mistyped command, a command after its options, a wrong --type, one delimiter too many at the end of each row
KANSRIJK_TAAL=en expect_exit 2 "$K" ingst
expect_grep "the nearest command" "^Did you mean 'kansrijk ingest'?$" "$W/err"
KANSRIJK_TAAL=en expect_exit 2 "$K" compute --peildatun 2025-12-31 --db x.db
expect_grep "the nearest option" "^Did you mean '--peildatum'?$" "$W/err"
KANSRIJK_TAAL=nl expect_exit 2 "$K" ingest --stl x.csv
expect_grep "the nearest option, in Dutch" "^Bedoelt u '--stil'?$" "$W/err"
KANSRIJK_TAAL=en expect_exit 2 "$K" export --bd x
expect_eq "no guess for a short option two errors away" "$(grep -c 'Did you mean' "$W/err")" "0"
KANSRIJK_TAAL=en expect_exit 2 "$K" --db x.db status
expect_grep "the command first" "^Put the command first, then its options" "$W/err"
KANSRIJK_TAAL=en expect_exit 2 "$K" ingest --type jgz "$W/in/zwangerschap_VP-ZL-1_2025Q1.csv"
expect_grep "the types listed" "--type jgz is no extract type; the types are: regios, .*jgz_contact$" "$W/err"
printf '%s\n%s;15-09-2025;;GM0935;25-29;0;10-03-2025;1;\n' "$ZW_H" "$P64A" >"$W/in/zwangerschap_VP-ZL-2_2025Q1.csv"
KANSRIJK_TAAL=en "$K" validate "$W/in/zwangerschap_VP-ZL-2_2025Q1.csv" >"$W/trail.txt" 2>&1
expect_grep "a trailing delimiter named" "the row has 9 fields, the header 8: the last one is empty; is there one delimiter too many" "$W/trail.txt"

# plural forms: 1 and more, in both languages
"$K" validate --max-afgewezen 50 "$W/in/zwangerschap_VP-ZL-1_2025Q2.csv" >"$W/p.nl" 2>&1
KANSRIJK_TAAL=en "$K" validate --max-afgewezen 50 "$W/in/zwangerschap_VP-ZL-1_2025Q2.csv" >"$W/p.en" 2>&1
expect_grep "Dutch plural" "^  6 rijen gelezen" "$W/p.nl"
expect_grep "Dutch singular" "; 1 waarschuwing$" "$W/d.txt"
expect_grep "Dutch plural (2)" "; 2 waarschuwingen$" "$W/p.nl"
expect_grep "English plural" "^  6 rows read" "$W/p.en"
expect_grep "English singular" "; 1 warning$" "$W/e.txt"
expect_grep "English plural (2)" "; 2 warnings$" "$W/p.en"
# a group of lines with different details shows each line's own (found 3, found 4 characters)
expect_grep "each line its own detail (3)" "line 4: abc… is not a pseudonym: 64 hexadecimal characters expected (found 3 characters)" "$W/p.en"
expect_grep "each line its own detail (4)" "line 5: abcd… is not a pseudonym: 64 hexadecimal characters expected (found 4 characters)" "$W/p.en"

# one language per screen: no English words on the Dutch screen, no Dutch ones on the English
for f in "$W"/*.nl.txt "$W/d.txt" "$W/p.nl"; do
    if grep -n -w -E "rows|accepted|rejected|stored|warnings?|Usage|delivery|file|the|and|skipped|read|with|without|nothing" "$f" |
        grep -v -E "Table Schema" >"$W/mixed"; then
        bad "English words on the Dutch screen ($(basename "$f")): $(head -3 "$W/mixed")"
    else
        ok
    fi
done
for f in "$W"/*.en.txt "$W/e.txt" "$W/p.en"; do
    if grep -n -w -E "rijen|rij|gelezen|opgeslagen|waarschuwing(en)?|Gebruik|levering|bestand|het|een|niets|geen|wordt|met|zonder" "$f" >"$W/mixed"; then
        bad "Dutch words on the English screen ($(basename "$f")): $(head -3 "$W/mixed")"
    else
        ok
    fi
done

# progress and totals: on a terminal only
if command -v script >/dev/null; then
    script -qec "'$K' ingest --db '$W/k.db' '$HERE/../samples/referentie/regios.csv' '$HERE/../samples/referentie/sites.csv'" /dev/null >"$W/tty.txt" 2>&1
    expect_grep "the updating line on a terminal" "\[2/2\] sites.csv" "$W/tty.txt"
    expect_grep "the totals on a terminal" "^Totaal: 2 bestanden" "$W/tty.txt"
    expect_grep "the exit status explained" "^Afsluitstatus 0" "$W/tty.txt"
    script -qec "'$K' ingest --stil --db '$W/k.db' '$HERE/../samples/referentie/gemeenten.csv' '$HERE/../samples/referentie/organisaties.csv'" /dev/null >"$W/stil.txt" 2>&1
    if grep -q -e "\[1/2\]" -e "^Totaal" "$W/stil.txt"; then bad "--stil still shows progress or totals"; else ok; fi
    expect_grep "--stil keeps the summaries" "organisaties.csv  \[organisaties\]" "$W/stil.txt"
else
    echo "taal: script (bsdutils) not installed: the terminal checks are skipped"
fi
"$K" ingest --db "$W/k.db" "$HERE/../samples/referentie/afspraken.csv" "$HERE/../samples/referentie/doelen.csv" >"$W/pipe.out" 2>"$W/pipe.err"
if grep -q -e "\[1/2\]" -e "Totaal" -e $'\r' "$W/pipe.out" "$W/pipe.err"; then
    bad "progress or totals when the output is not a terminal"
else
    ok
fi
expect_grep "the summaries without a terminal" "afspraken.csv  \[afspraken\]" "$W/pipe.out"
# compute's stages with their times: on a terminal only
"$K" samples --regio zl --schaal 0.05 --jaren 2025 -o "$W/s" >/dev/null
"$K" init --db "$W/c.db" >/dev/null
"$K" ingest --db "$W/c.db" "$W"/s/*.csv >/dev/null 2>&1
cp "$W/c.db" "$W/c2.db"
if command -v script >/dev/null; then
    script -qec "'$K' compute --lang en --db '$W/c.db'" /dev/null >"$W/ctty.txt" 2>&1
    expect_grep "compute's first stage and its time" "  linking records  *[0-9]*\.[0-9] s" "$W/ctty.txt"
    expect_grep "compute's last stage and its time" "  data quality  *[0-9]*\.[0-9] s" "$W/ctty.txt"
fi
"$K" compute --db "$W/c2.db" >"$W/cpipe.out" 2>"$W/cpipe.err"
if grep -q -E "linking records|data quality|[0-9],[0-9] s" "$W/cpipe.err"; then
    bad "compute's stages when the output is not a terminal"
else
    ok
fi
expect_grep "compute's result line without a terminal" "^peildatum 2025-12-31: " "$W/cpipe.out"
summary
