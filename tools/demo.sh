#!/bin/sh
# The demo: synthetic extracts made by `kansrijk samples` at scale 1, a fresh
# database, every file ingested (dirty rows rejected, files of bad/ refused
# with their messages), linkage, the outcome set, the ledger, and the PDF
# reports in demo-uitvoer/. Usage: tools/demo.sh ./kansrijk
set -u
K=$1
OUT=demo-uitvoer
S=$OUT/samples
DB=$OUT/kansrijk.db
rm -rf "$OUT"
mkdir -p "$OUT/terugkoppeling"
step() { printf '\n==> %s\n' "$*"; }

step "kansrijk samples --schaal 1 -o $S"
"$K" samples --schaal 1 -o "$S" || exit 1

step "kansrijk init --db $DB"
"$K" init --db "$DB" || exit 1

step "kansrijk ingest: reference data and every quarterly delivery (summary in $OUT/ingest.txt)"
"$K" ingest --db "$DB" --terugkoppeling "$OUT/terugkoppeling" "$S"/*.csv >"$OUT/ingest.txt"
rc=$?
[ "$rc" -le 1 ] || { echo "demo: ingest failed (exit $rc)"; tail -20 "$OUT/ingest.txt"; exit 1; }
grep -c '^  stored as delivery' "$OUT/ingest.txt" | sed 's/$/ deliveries stored/'
echo "(exit $rc: about 1 % of the rows were spoiled on purpose and rejected; see $S/manifest.txt)"
sed -n '1,12p' "$OUT/ingest.txt"

step "kansrijk ingest: a file sent twice, a correction, a late delivery"
"$K" ingest --db "$DB" --terugkoppeling "$OUT/terugkoppeling" "$S"/herzonden/*.csv "$S"/correcties/*.csv "$S"/laat/*.csv
rc=$?
[ "$rc" -le 1 ] || { echo "demo: ingest failed (exit $rc)"; exit 1; }

step "kansrijk ingest: files that must be refused whole ($S/bad)"
"$K" ingest --db "$DB" --terugkoppeling "$OUT/terugkoppeling" "$S"/bad/*.csv
rc=$?
[ "$rc" = 2 ] || { echo "demo: a bad file was not refused (exit $rc)"; exit 1; }
echo "(exit 2: refused, nothing of them stored)"

step "kansrijk link"
"$K" link --db "$DB" || exit 1

step "kansrijk compute (linkage, trajectory facts, the whole outcome set) and kansrijk export"
"$K" compute --db "$DB" || exit 1
"$K" export --db "$DB" --format csv -o "$OUT/uitkomst.csv" || exit 1
"$K" export --db "$DB" -o "$OUT/uitkomst.json" || exit 1
"$K" export --db "$DB" --curves --format csv -o "$OUT/curven.csv" || exit 1

step "kansrijk overzicht (the headline indicators of all regions)"
"$K" overzicht --db "$DB" || exit 1

step "kansrijk vergelijk (the sites of the learning track in a funnel: warm handovers)"
"$K" vergelijk --db "$DB" --indicator overdracht.warm || exit 1

step "kansrijk deliveries (the ledger; the whole of it in $OUT/ledger.txt)"
"$K" deliveries --db "$DB" >"$OUT/ledger.txt" || exit 1
head -8 "$OUT/ledger.txt"
echo "   ..."
"$K" deliveries --db "$DB" --status vervangen | tail -n +2
"$K" deliveries --db "$DB" --status geweigerd | tail -n +2
sqlite3 "$DB" "SELECT status || ': ' || count(*) || ' deliveries, ' || sum(rows_accepted) || ' rows accepted, ' ||
               sum(rows_rejected) || ' rejected' FROM levering GROUP BY status" 2>/dev/null

step "kansrijk status (linkage per organisation and type)"
"$K" status --db "$DB" | head -20
echo "   ..."

step "kansrijk report: the PDF reports (and every chart as SVG, PNG and CSV in $OUT/grafieken)"
"$K" report bestuur --db "$DB" --regio zl --charts "$OUT/grafieken" -o "$OUT/bestuur-zl.pdf" || exit 1
"$K" report regio --db "$DB" --regio zl --charts "$OUT/grafieken" -o "$OUT/regio-zl.pdf" || exit 1
"$K" report vergelijk --db "$DB" --charts "$OUT/grafieken" -o "$OUT/vergelijk.pdf" || exit 1
"$K" report kwaliteit --db "$DB" --regio zl --charts "$OUT/grafieken" -o "$OUT/kwaliteit-zl.pdf" || exit 1

printf '\nThe database is %s; feedback files for the partners are in %s/terugkoppeling/;\n' "$DB" "$OUT"
printf 'the reports are %s/*.pdf.\n' "$OUT"
