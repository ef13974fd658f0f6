#!/bin/sh
# The demo: a fresh database in demo-uitvoer/, the committed samples ingested
# (the dirty rows rejected, the files of samples/bad refused with their
# messages), linkage, and the ledger. Usage: tools/demo.sh ./kansrijk
set -u
K=$1
OUT=demo-uitvoer
DB=$OUT/kansrijk.db
rm -rf "$OUT"
mkdir -p "$OUT/terugkoppeling"
step() { printf '\n==> %s\n' "$*"; }

step "kansrijk init --db $DB"
"$K" init --db "$DB" || exit 1

step "kansrijk ingest: reference data and the example deliveries of samples/"
"$K" ingest --db "$DB" --terugkoppeling "$OUT/terugkoppeling" samples/referentie/*.csv samples/extracten/*.csv
rc=$?
[ "$rc" -le 1 ] || { echo "demo: ingest failed (exit $rc)"; exit 1; }
echo "(exit $rc: some rows were rejected, as the samples intend)"

step "kansrijk ingest: files that must be refused whole (samples/bad)"
"$K" ingest --db "$DB" --terugkoppeling "$OUT/terugkoppeling" samples/bad/*
rc=$?
[ "$rc" = 2 ] || { echo "demo: a bad file was not refused (exit $rc)"; exit 1; }
echo "(exit 2: refused, nothing stored)"

step "kansrijk link"
"$K" link --db "$DB" || exit 1

step "kansrijk deliveries (the ledger)"
"$K" deliveries --db "$DB" || exit 1

step "kansrijk status (linkage per organisation and type)"
"$K" status --db "$DB" || exit 1

printf '\nThe database is %s; feedback files for the partners are in %s/terugkoppeling/.\n' "$DB" "$OUT"
