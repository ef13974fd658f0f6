#!/usr/bin/env bash
# tools/same.sh OLD NEW [SCHAAL] [SEED]: proves that two kansrijk binaries give users the same
# bytes (issue 10: internals change, behaviour does not). Both generate the samples, ingest
# them with feedback files, compute, and export the table, the curves, the status and the
# specification; every file is compared. Exit 0 when all are identical.
set -euo pipefail
old=$(readlink -f "$1"); new=$(readlink -f "$2"); schaal=${3:-0.1}; seed=${4:-3}
w=$(mktemp -d); trap 'rm -rf "$w"' EXIT
run() { # run BIN SIDE
    local b=$1 d=$w/$2
    mkdir -p "$d/fb"
    "$b" samples --schaal "$schaal" --seed "$seed" -o "$d/s" >/dev/null 2>&1
    "$b" init --db "$d/k.db" >/dev/null 2>&1
    "$b" ingest --db "$d/k.db" --terugkoppeling "$d/fb" "$d"/s/*.csv >"$d/ingest.out" 2>&1 || true
    "$b" compute --db "$d/k.db" >"$d/compute.out" 2>&1
    "$b" export --db "$d/k.db" --format json -o "$d/t.json" >/dev/null 2>&1
    "$b" export --db "$d/k.db" --format csv -o "$d/t.csv" >/dev/null 2>&1
    "$b" export --db "$d/k.db" --curves -o "$d/c.json" >/dev/null 2>&1
    "$b" status --db "$d/k.db" >"$d/status.out" 2>&1
    "$b" overzicht --db "$d/k.db" >"$d/overzicht.out" 2>&1 || true
    "$b" spec >"$d/spec.md"; "$b" spec --format tableschema >"$d/spec.json"
    "$b" indicators --json >"$d/ind.json"
    "$b" deliveries --db "$d/k.db" >"$d/deliveries.out" 2>&1 || true
    sqlite3 "$d/k.db" "SELECT * FROM feit_traject ORDER BY 1" >"$d/feit.out"
    # the database path differs between the two sides; timings are not compared
    sed -i -e "s#$d#DIR#g" -e '/ seconden\| seconds\|[0-9] s$/d' \
        -e 's/[0-9-]*T[0-9:]*Z/TIME/g' "$d"/*.out
}
run "$old" a; run "$new" b
n=0
for f in $(cd "$w/a" && find . -type f ! -name 'k.db*' | sort); do
    if ! cmp -s "$w/a/$f" "$w/b/$f"; then echo "differs: $f"; { diff "$w/a/$f" "$w/b/$f" | head -5; } || true; n=$((n+1)); fi
done
c=$(cd "$w/a" && find . -type f ! -name 'k.db*' | wc -l)
echo "same.sh: $c files compared, $n differ (schaal $schaal, seed $seed)"
[ "$n" -eq 0 ]
