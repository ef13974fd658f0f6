#!/usr/bin/env bash
# The specification for partners (`kansrijk spec`): the Markdown renders (tables whole, no bare |
# in a cell), every example file of it is accepted by `kansrijk validate` under the name it gives,
# from an organisation that delivers its type; the Table Schema is valid (tests/spec_check.py) and,
# with the Frictionless reference implementation for JavaScript (npm package tableschema, installed
# once into BUILD/tableschema-js; skipped without node or npm or the registry), reads a generated
# samples file of every type with exactly the errors of the rows spoiled on purpose that a schema
# can see. docs/aanleverspecificatie.* equal to the program's output: tests/e2e.sh.
# Usage: tests/spec.sh path/to/kansrijk
. "$(dirname "$0")/lib.sh" spec "$1"
export KANSRIJK_TAAL=en
REF=$HERE/../samples/referentie

DB=$W/k.db
"$K" init --db "$DB" >/dev/null
expect_exit 0 "$K" ingest --db "$DB" "$REF"/*.csv

# ---- the Markdown, and its examples ---------------------------------------------------------------------------------
"$K" spec >"$W/spec.md"
if python3 "$HERE/spec_check.py" md "$W/spec.md" "$W/ex" "$REF/afspraken.csv" >"$W/examples" 2>"$W/err"; then
    ok
else
    bad "spec_check.py md"
    sed 's/^/    /' "$W/err"
fi
expect_eq "examples" "$(wc -l <"$W/examples" | tr -d ' ')" 14
# reference examples of three rows would be a short correction of the lists loaded (or the same bytes again), which
# validate refuses as ingest would: they are checked against a copy with the lists but without their ledger entries
cp "$DB" "$W/lists.db"
sqlite3 "$W/lists.db" "DELETE FROM levering WHERE organisatie IS NULL"
while read -r f; do
    case "$(basename "$f")" in
    *_*) db=$DB ;;
    *) db=$W/lists.db ;;
    esac
    expect_exit 0 "$K" validate --db "$db" --json "$f"
    expect_eq "$(basename "$f") accepted" "$(jq -r '.tasks[0].stats | "\(.accepted) \(.rejected) \(.skipped)"' "$W/out")" "3 0 0"
done <"$W/examples"
# one type alone: its section, with its example
expect_exit 0 "$K" spec --type bevalling
expect_grep "spec --type" '^Voorbeeld `bevalling_ZH-ZL-1_2025Q2.csv`' "$W/out"
# the limits printed are the ones ingest uses: a header of 257 columns is refused, 256 read
printf 'code;naam' >"$W/regios.csv"
for i in $(seq 3 257); do printf ';x%d' "$i" >>"$W/regios.csv"; done
printf '\n' >>"$W/regios.csv"
expect_exit 2 "$K" validate "$W/regios.csv"
expect_grep "257 columns" "more than 256 columns" "$W/out"
grep -q '^| kolommen in de kopregel | 256 | bestand geweigerd |$' "$W/spec.md" && ok || bad "spec.md: the column limit"

# ---- the Table Schema -----------------------------------------------------------------------------------------------
"$K" spec --format tableschema >"$W/spec.json"
if python3 "$HERE/spec_check.py" schema "$W/spec.json" 2>"$W/err"; then ok; else bad "spec_check.py schema"; sed 's/^/    /' "$W/err"; fi
expect_eq "resources" "$(jq '.resources | length' "$W/spec.json")" 14
# one type alone is a Table Schema itself, the same as its resource's
"$K" spec --format tableschema --type jgz_contact >"$W/jgz.json"
expect_eq "--type schema" "$(jq -S . "$W/jgz.json")" "$(jq -S '.resources[] | select(.name == "jgz_contact") | .schema' "$W/spec.json")"

# ---- tableschema (JavaScript) ---------------------------------------------------------------------------------------
tsjs() {
    local cache
    cache=$(cd "$(dirname "$K")" && pwd)/tableschema-js
    if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
        echo "spec: skipped: the tableschema (JavaScript) check needs node and npm (apt-get install nodejs npm)"
        return
    fi
    if [ ! -f "$cache/node_modules/tableschema/package.json" ]; then
        # into the scratch folder first, then moved: a run cut short leaves no half-installed cache
        if ! npm install --prefix "$W/npm" --no-audit --no-fund --loglevel=error --fetch-retries=1 \
            --fetch-timeout=30000 'tableschema@^1.12' >"$W/npm.log" 2>&1; then
            echo "spec: skipped: npm install tableschema failed (no registry?): $(grep -m1 "npm error" "$W/npm.log")"
            return
        fi
        rm -rf "$cache.tmp.$$" && mv "$W/npm" "$cache.tmp.$$" && { mv -T "$cache.tmp.$$" "$cache" 2>/dev/null || rm -rf "$cache.tmp.$$"; }
    fi
    # a generated set: the files of the organisations that write ; UTF-8 without BOM and the columns in the
    # specification's order (samples/README.md), so that the library reads them as they are
    "$K" samples --regio zl --jaren 2025 --schaal 0.1 --seed 2025 -o "$W/s" >/dev/null 2>&1
    local args=() f b t n
    for f in "$W"/s/*_VP-ZL-1_*.csv "$W"/s/*_JGZ-ZL_*.csv "$W"/s/*_KNP-ZL_*.csv; do
        b=$(basename "$f")
        t=${b%_*_*}
        args+=("$t=$f")
    done
    for t in regios sites gemeenten organisaties afspraken doelen referenties; do args+=("$t=$W/s/$t.csv"); done
    if NODE_PATH=$cache/node_modules node "$HERE/tableschema_check.js" "$W/spec.json" "${args[@]}" >"$W/ts" 2>&1; then
        ok
    else
        bad "tableschema: the schema or a pattern is not valid"
        sed 's/^/    /' "$W/ts" | head -20
        return
    fi
    # every type read, none empty
    for t in zwangerschap screening zorgepisode overdracht mdo bevalling jgz_contact regios sites gemeenten \
        organisaties afspraken doelen referenties; do
        n=$(awk -v t="$t" '$1 == "rows" && index($2, t) == 1 { s += $3 } END { print s + 0 }' "$W/ts")
        [ "$n" -gt 0 ] && ok || bad "tableschema: no rows of $t read"
    done
    # the errors are exactly the spoiled rows a schema can see (a wrong pseudonym or code, a required value
    # missing, a duplicate key); impossible dates, ranges and registers only kansrijk checks
    sed -n 's/^ERROR \([^:]*\):\([0-9]*\):.*/\1;\2/p' "$W/ts" | sort -u >"$W/got"
    awk -F';' '$4 ~ /^(pseudonym|code|required|duplicate)$/ && $1 !~ /\// && $1 ~ /_(VP-ZL-1|JGZ-ZL|KNP-ZL)_/ { print $1 ";" $2 }' \
        "$W/s/manifest.txt" | sort -u >"$W/want"
    if cmp -s "$W/got" "$W/want"; then
        ok
    else
        bad "tableschema: errors other than the spoiled rows (< only tableschema, > only the manifest)"
        diff "$W/got" "$W/want" | head -10
        grep '^ERROR' "$W/ts" | head -10
    fi
    echo "spec: tableschema $(node -e "console.log(require('$cache/node_modules/tableschema/package.json').version)") read" \
        "$(awk '$1 == "rows" { s += $3 } END { print s }' "$W/ts") rows of $(grep -c '^rows' "$W/ts") files," \
        "$(wc -l <"$W/got" | tr -d ' ') rows with errors; $(wc -l <"$W/want" | tr -d ' ') spoiled rows it can see"
}
tsjs

summary
