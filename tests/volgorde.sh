#!/usr/bin/env bash
# The order test: the outcome table is a function of the active records alone. One generated set,
# ingested with its extract files in file order, in reverse order and in one shuffled order (reference
# data first, as it must be), gives byte-identical `kansrijk export` output: JSON, CSV and the curves.
# Usage: tests/volgorde.sh PATH/TO/kansrijk
. "$(dirname "$0")/lib.sh" volgorde "$1"

G=$W/g
"$K" samples --jaren 2023-2025 --schaal 0.1 --seed 5 -o "$G" >/dev/null || bad "generate"
refs=$(for t in regios sites gemeenten organisaties afspraken doelen referenties; do echo "$G/$t.csv"; done)
find "$G" -maxdepth 1 -name '*_*_*.csv' | LC_ALL=C sort >"$W/files"
tac "$W/files" >"$W/rev"
# a fixed shuffle (sort on a hash of the name), so a failure can be reproduced
while read -r f; do printf '%s %s\n' "$(printf '%s' "$f" | md5sum | cut -c1-8)" "$f"; done <"$W/files" | sort | cut -d' ' -f2 >"$W/shuf"
expect_eq "the shuffle is another order" "$(cmp -s "$W/files" "$W/shuf" || cmp -s "$W/rev" "$W/shuf"; echo $?)" "1"

for o in files rev shuf; do
    DB=$W/$o.db
    "$K" init --db "$DB" >/dev/null || bad "init $o"
    # shellcheck disable=SC2046
    "$K" ingest --db "$DB" $refs >/dev/null || bad "reference data $o"
    # shellcheck disable=SC2046
    "$K" ingest --db "$DB" --accept-partial $(cat "$W/$o") "$G"/laat/*.csv >/dev/null
    [ $? -le 1 ] && ok || bad "ingest $o"
    "$K" compute --db "$DB" --peildatum 2025-12-31 >/dev/null || bad "compute $o"
    "$K" export --db "$DB" --format json -o "$W/$o.json" 2>/dev/null || bad "export json $o"
    "$K" export --db "$DB" --format csv -o "$W/$o.csv" 2>/dev/null || bad "export csv $o"
    "$K" export --db "$DB" --curves --format json -o "$W/$o.curves.json" 2>/dev/null || bad "export curves $o"
done
expect_eq "deliveries stored alike" "$(sqlite3 "$W/files.db" "SELECT count(*) FROM levering WHERE status = 'actief'")" \
    "$(sqlite3 "$W/rev.db" "SELECT count(*) FROM levering WHERE status = 'actief'")"
# the rows did arrive in another order (else this test proves nothing)
expect_eq "rows stored in another order" "$(sqlite3 "$W/files.db" "SELECT client_pseudoniem FROM zwangerschap ORDER BY id LIMIT 1" |
    grep -cxF "$(sqlite3 "$W/rev.db" "SELECT client_pseudoniem FROM zwangerschap ORDER BY id LIMIT 1")")" "0"
expect_eq "something suppressed" "$(jq '[.[] | select(.onderdrukt != "")] | length > 1000' "$W/files.json")" "true"
for x in json csv curves.json; do
    for o in rev shuf; do
        if cmp -s "$W/files.$x" "$W/$o.$x"; then ok; else
            bad "export $x differs between file order and $o order"
            diff <(jq -c '.[]' "$W/files.$x" 2>/dev/null || cat "$W/files.$x") \
                 <(jq -c '.[]' "$W/$o.$x" 2>/dev/null || cat "$W/$o.$x") | head -6
        fi
    done
done

# ---- a municipal merger (herindeling) learnt before or after the extract ---------------------------------------
# GM0962 merged into GM1954: once the extract comes first (its code stored as delivered) and the merger after, once
# the merger first (the code mapped while the file is read). Either way its pregnancies count under GM1954.
mkdir -p "$W/voor" "$W/na"
sed 's/^GM0962;\([^;]*\);\([^;]*\);GM1954/GM0962;\1;\2;/' "$G/gemeenten.csv" >"$W/voor/gemeenten.csv"
expect_eq "the set has the merger to test" "$(grep -c '^GM0962;.*;GM1954' "$G/gemeenten.csv") $(grep -c '^GM0962;.*;$' "$W/voor/gemeenten.csv")" "1 1"
Z=$(grep -l ";GM0962;" "$G"/zwangerschap_*.csv | head -1)
others=$(echo "$refs" | grep -v gemeenten)
for o in later first; do
    DB=$W/gm-$o.db
    "$K" init --db "$DB" >/dev/null
    if [ $o = later ]; then
        # shellcheck disable=SC2086
        "$K" ingest --db "$DB" "$W/voor/gemeenten.csv" $others >/dev/null 2>&1
        "$K" ingest --db "$DB" "$Z" >/dev/null 2>&1
        "$K" ingest --db "$DB" "$G/gemeenten.csv" >/dev/null 2>&1
    else
        # shellcheck disable=SC2086
        "$K" ingest --db "$DB" $refs >/dev/null 2>&1
        "$K" ingest --db "$DB" "$Z" >/dev/null 2>&1
    fi
    "$K" compute --db "$DB" --peildatum 2025-12-31 >/dev/null || bad "compute gm-$o"
    "$K" export --db "$DB" --format csv -o "$W/gm-$o.csv" 2>/dev/null || bad "export gm-$o"
done
expect_eq "merger after the extract: no trajectory under the old code" "$(sqlite3 "$W/gm-later.db" "SELECT count(*) FROM traject WHERE gemeentecode = 'GM0962'")" "0"
expect_eq "merger after the extract: the code as delivered is kept in the extract" "$(sqlite3 "$W/gm-later.db" "SELECT count(*) > 0 FROM zwangerschap WHERE gemeentecode = 'GM0962'")" "1"
grep -v "^.kwaliteit\|^kwaliteit\|^verankering" "$W/gm-later.csv" >"$W/gm-later.rows"
grep -v "^.kwaliteit\|^kwaliteit\|^verankering" "$W/gm-first.csv" >"$W/gm-first.rows"
if cmp -s "$W/gm-later.rows" "$W/gm-first.rows"; then ok; else
    bad "a merger learnt after the extract gives other outcomes than one learnt before"
    diff "$W/gm-later.rows" "$W/gm-first.rows" | head -6
fi
summary
