#!/bin/sh
# The demo: synthetic extracts made by `kansrijk samples` at scale 1, a fresh
# database, every file ingested (dirty rows rejected, files of bad/ refused
# with their messages), linkage, the outcome set, the ledger, and the PDF
# reports in demo-uitvoer/. Usage: tools/demo.sh ./kansrijk
# What it prints is for the coordinator, so Dutch, like kansrijk's own screen (KANSRIJK_TAAL=en:
# the program's screen in English; these step titles stay Dutch).
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

step "kansrijk ingest: referentiegegevens en elke kwartaallevering (samenvatting in $OUT/ingest.txt)"
"$K" ingest --db "$DB" --terugkoppeling "$OUT/terugkoppeling" "$S"/*.csv >"$OUT/ingest.txt"
rc=$?
[ "$rc" -le 1 ] || { echo "demo: ingest mislukt (afsluitstatus $rc)"; tail -20 "$OUT/ingest.txt"; exit 1; }
echo "$(sqlite3 "$DB" "SELECT count(*) FROM levering WHERE status = 'actief'" 2>/dev/null) leveringen opgeslagen"
echo "(afsluitstatus $rc: ongeveer 1 % van de rijen is met opzet vervuild en afgewezen; zie $S/manifest.txt)"
sed -n '1,12p' "$OUT/ingest.txt"

step "kansrijk ingest: een bestand twee keer gestuurd, een correctie, een late levering"
"$K" ingest --db "$DB" --terugkoppeling "$OUT/terugkoppeling" "$S"/herzonden/*.csv "$S"/correcties/*.csv "$S"/laat/*.csv
rc=$?
[ "$rc" -le 1 ] || { echo "demo: ingest mislukt (afsluitstatus $rc)"; exit 1; }

step "kansrijk ingest: bestanden die in hun geheel geweigerd moeten worden ($S/bad)"
"$K" ingest --db "$DB" --terugkoppeling "$OUT/terugkoppeling" "$S"/bad/*.csv
rc=$?
[ "$rc" = 2 ] || { echo "demo: een fout bestand is niet geweigerd (afsluitstatus $rc)"; exit 1; }
echo "(afsluitstatus 2: geweigerd, daarvan is niets opgeslagen)"

step "kansrijk link"
"$K" link --db "$DB" || exit 1

step "kansrijk compute (koppeling, trajectfeiten, de hele uitkomstenset) en kansrijk export"
"$K" compute --db "$DB" || exit 1
"$K" export --db "$DB" --format csv -o "$OUT/uitkomst.csv" || exit 1
"$K" export --db "$DB" -o "$OUT/uitkomst.json" || exit 1
"$K" export --db "$DB" --curves --format csv -o "$OUT/curven.csv" || exit 1

step "kansrijk overzicht (de kernindicatoren van alle regio's samen)"
"$K" overzicht --db "$DB" || exit 1

step "kansrijk vergelijk (de sites van het leertraject in een funnel: warme overdracht)"
"$K" vergelijk --db "$DB" --indicator overdracht.warm || exit 1

step "kansrijk deliveries (het leveringsregister; helemaal in $OUT/ledger.txt)"
"$K" deliveries --db "$DB" >"$OUT/ledger.txt" || exit 1
head -8 "$OUT/ledger.txt"
echo "   ..."
"$K" deliveries --db "$DB" --status vervangen | tail -n +2
"$K" deliveries --db "$DB" --status geweigerd | tail -n +2
sqlite3 "$DB" "SELECT status || ': ' || count(*) || ' leveringen, ' || sum(rows_accepted) || ' rijen geaccepteerd, ' ||
               sum(rows_rejected) || ' afgewezen' FROM levering GROUP BY status" 2>/dev/null

step "kansrijk status (koppeling per organisatie en soort)"
"$K" status --db "$DB" | head -20
echo "   ..."

step "kansrijk report: de PDF-rapporten (en elke grafiek als SVG, PNG en CSV in $OUT/grafieken)"
"$K" report bestuur --db "$DB" --regio zl --charts "$OUT/grafieken" -o "$OUT/bestuur-zl.pdf" || exit 1
"$K" report regio --db "$DB" --regio zl --charts "$OUT/grafieken" -o "$OUT/regio-zl.pdf" || exit 1
"$K" report vergelijk --db "$DB" --charts "$OUT/grafieken" -o "$OUT/vergelijk.pdf" || exit 1
"$K" report kwaliteit --db "$DB" --regio zl --charts "$OUT/grafieken" -o "$OUT/kwaliteit-zl.pdf" || exit 1

printf '\nDe database is %s; de terugkoppeling voor de partners staat in %s/terugkoppeling/;\n' "$DB" "$OUT"
printf 'de rapporten zijn %s/*.pdf.\n' "$OUT"
