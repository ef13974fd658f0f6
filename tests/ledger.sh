#!/usr/bin/env bash
# End-to-end tests of the delivery ledger under pressure: two ingests of one identity at
# once, the unique index on the active identity and the repair of older databases that
# hold duplicates (schema 5), a short correction (--vervang), a busy database, a missing
# database, export before compute, a read-only database and a full disk, and each file's summary
# written before the next file is read.
# The read-only and full-disk cases need root (chattr, mount); without it they are skipped
# and say so. Usage: tests/ledger.sh PATH/TO/kansrijk
. "$(dirname "$0")/lib.sh" ledger "$1"
. "$HERE/invariants.sh"
FX=$HERE/fixtures
MNT=$W/mnt
cleanup() {
    chattr -i "$W"/*.db 2>/dev/null
    mountpoint -q "$MNT" 2>/dev/null && umount "$MNT"
    mountpoint -q "$W/romnt" 2>/dev/null && umount "$W/romnt"
    rm -rf "$W"
}
trap cleanup EXIT
cd "$W" || exit 2
skip() { echo "skipped: $*"; }

# Small realistic files: one year of the three regions at 2 % of their size.
"$K" samples --schaal 0.02 --jaren 2025 -o "$W/s" >/dev/null || bad "samples"
REF=()
for t in regios sites gemeenten organisaties afspraken doelen referenties; do REF+=("$W/s/$t.csv"); done
BASE=$W/base.db
"$K" init --db "$BASE" >/dev/null || bad "init"
"$K" ingest --db "$BASE" "${REF[@]}" >/dev/null || bad "reference data"
fresh() {  # fresh NAME: a copy of the base database in $DB
    DB=$W/$1.db
    rm -f "$DB" "$DB-wal" "$DB-shm"
    cp "$BASE" "$DB"
}
# The largest sample file, and a correction of it (ten rows fewer: not short).
F=$W/s/jgz_contact_JGZ-UT_2025Q4.csv
mkdir -p "$W/corr" && head -n -10 "$F" >"$W/corr/$(basename "$F")"
F2=$W/corr/$(basename "$F")
ident="type = 'jgz_contact' AND organisatie = 'JGZ-UT' AND periode = '2025Q4'"

# ---- two ingests of one identity at once: one active delivery ------------------------------
for i in 1 2 3 4 5; do
    fresh race
    "$K" ingest --db "$DB" "$F" >"$W/o1" 2>&1 &
    "$K" ingest --db "$DB" "$F" >"$W/o2" 2>&1 &
    wait
    expect_eq "same file twice at once ($i): ledger" "$(sql "SELECT group_concat(status) FROM levering WHERE $ident")" "actief"
    expect_eq "same file twice at once ($i): one is the identical re-send" \
        "$(cat "$W/o1" "$W/o2" | grep -c 'identical to active delivery')" "1"
    expect_eq "same file twice at once ($i): consistent" "$(consistent "$DB")" "ok"

    fresh race2
    "$K" ingest --db "$DB" "$F" >/dev/null 2>&1 &
    "$K" ingest --db "$DB" "$F2" >/dev/null 2>&1 &
    wait
    expect_eq "two files of one identity at once ($i): ledger" \
        "$(sql "SELECT group_concat(status, ' ') FROM (SELECT status FROM levering WHERE $ident ORDER BY id)")" "vervangen actief"
    expect_eq "two files of one identity at once ($i): the second replaces the first" \
        "$(sql "SELECT count(*) FROM levering a JOIN levering v ON v.id = a.vervangt AND v.vervangen_door = a.id WHERE a.status = 'actief' AND a.type = 'jgz_contact' AND a.organisatie = 'JGZ-UT' AND a.periode = '2025Q4'")" "1"
    expect_eq "two files of one identity at once ($i): consistent" "$(consistent "$DB")" "ok"
done

# ---- the database holds it: a unique index on the active identity, reference types included ----
fresh uniq
"$K" ingest --db "$DB" "$F" >/dev/null
expect_eq "schema 9" "$(sql 'PRAGMA user_version')" "9"
dup_levering() {  # dup_levering ID: a second active ledger entry like ID; prints the error, if any
    sqlite3 "$DB" "INSERT INTO levering (type, organisatie, periode, bestand, sha256, bytes, status, ingelezen_op)
                   SELECT type, organisatie, periode, bestand, 'x', 0, 'actief', ingelezen_op FROM levering WHERE id = $1" 2>&1
}
expect_grep "second active extract delivery refused" "UNIQUE constraint failed" <(dup_levering "$(sql "SELECT id FROM levering WHERE $ident")")
expect_grep "second active gemeenten list refused" "UNIQUE constraint failed" <(dup_levering "$(sql "SELECT id FROM levering WHERE type = 'gemeenten'")")
expect_eq "a replaced entry may repeat" "$(sqlite3 "$DB" "INSERT INTO levering (type, bestand, sha256, bytes, status, ingelezen_op) VALUES ('gemeenten', 'x', 'x', 0, 'vervangen', 'x'); SELECT changes()")" "1"

# the columns linkage wrote into the extract rows until schema 6 (schema 7 drops them)
v6_link_columns() {
    for t in zwangerschap screening zorgepisode overdracht mdo bevalling jgz_contact; do
        printf 'ALTER TABLE %s ADD COLUMN actueel INTEGER; ALTER TABLE %s ADD COLUMN traject_id INTEGER; ' "$t" "$t"
    done
    printf 'ALTER TABLE bevalling ADD COLUMN gekozen INTEGER;'
}

# ---- schema 5 repairs a database that already holds two active deliveries of one identity ----
fresh repair
"$K" ingest --db "$DB" "$F" >/dev/null
old=$(sql "SELECT id FROM levering WHERE $ident")
oldgm=$(sql "SELECT id FROM levering WHERE type = 'gemeenten'")
rejected_old=$(sql "SELECT count(*) FROM afgewezen WHERE levering_id = $old")
sqlite3 "$DB" "DROP INDEX levering_actief; ALTER TABLE levering DROP COLUMN reden_nl; DROP TABLE gepubliceerd; DROP TABLE uitkomst_afgeleid;
    DROP TABLE publicatie_rij; DROP TABLE publicatie; ALTER TABLE compute_run DROP COLUMN berekening;
    PRAGMA user_version = 4;
    $(v6_link_columns)
    INSERT INTO levering (type, organisatie, periode, periode_begin, periode_eind, bestand, sha256, bytes, rows_read,
                          rows_accepted, rows_rejected, status, ingelezen_op)
    SELECT type, organisatie, periode, periode_begin, periode_eind, bestand, sha256 || '2', bytes, rows_read,
           rows_accepted, rows_rejected, 'actief', ingelezen_op FROM levering WHERE id = $old;
    CREATE TEMP TABLE c AS SELECT * FROM jgz_contact WHERE levering_id = $old;
    UPDATE c SET id = id + 1000000, levering_id = (SELECT max(id) FROM levering);
    INSERT INTO jgz_contact SELECT * FROM c;
    -- a reference list stored twice at once: the later one emptied the list and holds the rows
    INSERT INTO levering (type, bestand, sha256, bytes, rows_read, rows_accepted, status, ingelezen_op)
    SELECT type, bestand, sha256 || '2', bytes, rows_read, rows_accepted, 'actief', ingelezen_op FROM levering WHERE id = $oldgm;
    UPDATE gemeenten SET levering_id = (SELECT max(id) FROM levering);"
expect_eq "duplicates made" "$(sql "SELECT count(*) FROM levering WHERE status = 'actief' AND (($ident) OR type = 'gemeenten')")" "4"
expect_eq "rejected rows of the older one" "$([ "$rejected_old" -gt 0 ] && echo yes)" "yes"
expect_exit 0 "$K" init --db "$DB"
expect_eq "repaired: schema 9" "$(sql 'PRAGMA user_version')" "9"
expect_eq "repaired: the newest stays, the older is replaced by it" \
    "$(sql "SELECT group_concat(status || '/' || coalesce(vervangen_door - id, '-'), ' ') FROM (SELECT * FROM levering WHERE $ident ORDER BY id)")" "vervangen/1 actief/-"
expect_eq "repaired: gemeenten" \
    "$(sql "SELECT group_concat(status, ' ') FROM (SELECT * FROM levering WHERE type = 'gemeenten' ORDER BY id)")" "vervangen actief"
expect_eq "repaired: the older one's rejected rows went with it" "$(sql "SELECT count(*) FROM afgewezen WHERE levering_id = $old")" "0"
expect_eq "repaired: the municipalities stay" "$(sql 'SELECT count(*) FROM gemeenten')" "$(sql "SELECT rows_accepted FROM levering WHERE type = 'gemeenten' AND status = 'actief'")"
expect_eq "repaired: consistent" "$(consistent "$DB")" "ok"
expect_grep "repaired: the index is there" "levering_actief" <(sql "SELECT name FROM sqlite_master WHERE type = 'index'")

# ---- a short correction is refused unless --vervang --------------------------------------------
DB=$W/short.db
mkdir -p "$W/in" "$W/in2" "$W/in3"
"$K" init --db "$DB" >/dev/null
"$K" ingest --db "$DB" "$FX"/ref/*.csv >/dev/null
cp "$FX/ok/zwangerschap_VP-A_2025Q1.csv" "$W/in/zwangerschap_VP-A_2025Q1.csv"
expect_exit 0 "$K" ingest --db "$DB" "$W/in/zwangerschap_VP-A_2025Q1.csv"
first=$(sql "SELECT id FROM levering WHERE type = 'zwangerschap'")
head -3 "$FX/ok/zwangerschap_VP-A_2025Q1.csv" >"$W/in2/zwangerschap_VP-A_2025Q1.csv"  # 2 rows for 6
mkdir -p "$W/fb"
# validate --db checks exactly as ingest would: a short correction is refused there too, and nothing is stored
n_lev=$(sql "SELECT count(*) FROM levering")
expect_exit 2 "$K" validate --db "$DB" "$W/in2/zwangerschap_VP-A_2025Q1.csv"
expect_grep "validate: a short correction refused as ingest would" "has 2 accepted rows, fewer than half the 6 of delivery $first" "$W/out"
expect_eq "validate: nothing in the ledger" "$(sql "SELECT count(*) FROM levering")" "$n_lev"
expect_exit 0 "$K" validate --db "$DB" "$W/in/zwangerschap_VP-A_2025Q1.csv"
expect_grep "validate: the active delivery again is recognised" "identical to active delivery $first: recognised, nothing changed" "$W/out"
expect_exit 2 "$K" ingest --db "$DB" --json --terugkoppeling "$W/fb" "$W/in2/zwangerschap_VP-A_2025Q1.csv"
expect_grep "short: both counts, English" "has 2 accepted rows, fewer than half the 6 of delivery $first" "$W/out"
expect_grep "short: Dutch" "heeft 2 geaccepteerde rijen, minder dan de helft van de 6 van levering $first" "$W/out"
expect_grep "short: feedback file in Dutch, in the partner's terms" "deze correctie heeft 2 rijen, minder dan de helft van de 6 van de levering die zij zou vervangen; stuur het hele bestand" "$W/fb/terugkoppeling_zwangerschap_VP-A_2025Q1.csv"
expect_eq "short: refusal in the ledger" "$(sql "SELECT status || ':' || reden_code FROM levering WHERE id > $first")" "geweigerd:short-correction"
expect_eq "short: the full delivery stays" "$(sql "SELECT count(*) FROM zwangerschap") $(sql "SELECT status FROM levering WHERE id = $first")" "6 actief"
expect_exit 0 "$K" ingest --db "$DB" --vervang "$W/in2/zwangerschap_VP-A_2025Q1.csv"
expect_grep "--vervang: a correction" "replacing delivery $first" "$W/out"
expect_eq "--vervang: replaced" "$(sql "SELECT count(*) FROM zwangerschap")" "2"
expect_exit 0 "$K" ingest --db "$DB" "$W/in2/zwangerschap_VP-A_2025Q1.csv"
expect_grep "an identical re-send of the short file is no correction" "identical to active delivery" "$W/out"
head -4 "$FX/ok/zwangerschap_VP-A_2025Q1.csv" >"$W/in3/zwangerschap_VP-A_2025Q1.csv"  # 3 rows for 2: longer
expect_exit 0 "$K" ingest --db "$DB" "$W/in3/zwangerschap_VP-A_2025Q1.csv"
cp "$FX/ok/zwangerschap_VP-A_2025Q1.csv" "$W/in3/zwangerschap_VP-A_2025Q1.csv"
expect_exit 2 "$K" validate --db "$DB" "$W/in3/zwangerschap_VP-A_2025Q1.csv"
expect_grep "validate: an old file that was replaced, refused as ingest would" "same bytes as delivery [0-9]* of" "$W/out"
# the delivery it names is the one that held these bytes, replaced since
old=$(sed -n 's/.*same bytes as delivery \([0-9]*\) of.*/\1/p' "$W/out" | head -1)
expect_eq "the refusal names the replaced delivery with these bytes" "$(sql "SELECT status || ' ' || sha256 FROM levering WHERE id = ${old:-0}")" \
    "vervangen $(sha256sum "$W/in3/zwangerschap_VP-A_2025Q1.csv" | cut -c1-64)"
expect_exit 0 "$K" ingest --db "$DB" --opnieuw "$W/in3/zwangerschap_VP-A_2025Q1.csv"
sed -n '1p;5,7p' "$FX/ok/zwangerschap_VP-A_2025Q1.csv" >"$W/in2/zwangerschap_VP-A_2025Q1.csv"  # 3 rows for 6: exactly half
expect_exit 0 "$K" ingest --db "$DB" "$W/in2/zwangerschap_VP-A_2025Q1.csv"
expect_eq "exactly half is not short" "$(sql "SELECT count(*) FROM zwangerschap")" "3"
# a reference list: 2 municipalities for 5
head -3 "$FX/ref/gemeenten.csv" >"$W/in/gemeenten.csv"
expect_exit 2 "$K" ingest --db "$DB" "$W/in/gemeenten.csv"
expect_grep "short reference list refused" "fewer than half" "$W/out"
expect_eq "short reference list: the list stays" "$(sql "SELECT count(*) FROM gemeenten")" "$(($(wc -l <"$FX/ref/gemeenten.csv") - 1))"
expect_exit 2 "$K" validate --db "$DB" --vervang "$W/in/gemeenten.csv"
# a reference list with a rejected row: the list is replaced whole or not at all (a municipality left out would
# drop its pregnancies from their region); --accept-partial stores the rest on purpose
{ cat "$FX/ref/gemeenten.csv"; echo "GM99999;Nergenshuizen;zl;"; } >"$W/in/gemeenten.csv"
n_gm=$(sql "SELECT count(*) FROM gemeenten")
KANSRIJK_TAAL=nl expect_exit 2 "$K" ingest --db "$DB" "$W/in/gemeenten.csv"
expect_grep "a reference list with a rejected row refused" "referentiegegevens vervangen de hele lijst gemeenten, dus ze worden alleen in hun geheel opgeslagen: 1 van de" "$W/out"
expect_eq "a reference list with a rejected row: the list stays" "$(sql "SELECT count(*) FROM gemeenten")" "$n_gm"
expect_exit 1 "$K" ingest --db "$DB" --accept-partial "$W/in/gemeenten.csv"
expect_eq "--accept-partial: the list without the rejected row" "$(sql "SELECT count(*) FROM gemeenten")" "$n_gm"
expect_exit 0 "$K" ingest --help
expect_grep "--vervang in --help" "--vervang" "$W/out"
# a file that cannot be read (here a folder named like an extract) is refused: exit 2, nothing stored
fresh unreadable
mkdir -p "$W/in3/jgz_contact_JGZ-UT_2025Q1.csv"
expect_exit 2 "$K" ingest --db "$DB" "$W/in3/jgz_contact_JGZ-UT_2025Q1.csv"
expect_grep "a folder given as a file is refused, named as a folder" "jgz_contact_JGZ-UT_2025Q1.csv is a folder, not a file" "$W/err"
expect_grep "… and it says that nothing was read in" "^kansrijk ingest: nothing was read in; name only files that can be read" "$W/err"
# a pattern the shell found no file for comes as it was typed
expect_exit 2 "$K" ingest --db "$DB" "$W/leeg/*.csv"
expect_grep "no file matches a pattern" "^kansrijk ingest: no file matches $W/leeg/\*.csv$" "$W/err"
mkdir -p "$W/inbox"
expect_exit 2 "$K" ingest --db "$DB" "$W/inbox/"
expect_grep "a folder with its slash: one slash before the star" "did you mean $W/inbox/\*.csv?" "$W/err"
expect_exit 2 "$K" samples --jaren 2025-2023 -o "$W/x"
expect_grep "samples: years the wrong way round, said so" "the first year first, as 2023-2025" "$W/err"
expect_eq "unreadable file: no delivery" "$(sql "SELECT count(*) FROM levering WHERE type = 'jgz_contact'")" "0"

# ---- a busy database: waited for; refused after the timeout without waiting twice -------------
fresh busy
( echo "BEGIN IMMEDIATE;"; sleep 2; echo "COMMIT;" ) | sqlite3 "$DB" &
sleep 0.4
expect_exit 1 "$K" ingest --db "$DB" "$F"
wait
expect_eq "busy: waited for the other writer" "$(sql "SELECT status FROM levering WHERE $ident")" "actief"
# A timeout of 3 s, the other writer holding on for 8: one wait ends after 3 s, a second one would
# end after 6; under 5.5 s leaves room for a loaded machine (make -j2 runs another script beside).
fresh busy2
( echo "BEGIN IMMEDIATE;"; sleep 8; echo "COMMIT;" ) | sqlite3 "$DB" &
sleep 0.4
t0=$(date +%s%N)
KANSRIJK_BUSY_TIMEOUT=3 "$K" ingest --db "$DB" "$F" >"$W/out" 2>"$W/err"
rc=$?
t1=$(date +%s%N)
expect_eq "busy: refused" "$rc" "2"
expect_grep "busy: says so" "the database stayed busy for 3 s" "$W/out"
expect_grep "busy: nothing stored, run again" "nothing of this file was stored.*run the command again" "$W/out"
expect_eq "busy: no second wait for the ledger ($(( (t1 - t0) / 1000000 )) ms)" "$(( (t1 - t0) / 1000000 < 5500 ))" "1"
wait
expect_eq "busy: nothing in the ledger" "$(sql "SELECT count(*) FROM levering WHERE type = 'jgz_contact'")" "0"
"$K" ingest --db "$DB" "$F" >/dev/null
( echo "BEGIN IMMEDIATE;"; sleep 3; echo "COMMIT;" ) | sqlite3 "$DB" &
sleep 0.4
KANSRIJK_BUSY_TIMEOUT=1 "$K" compute --db "$DB" >"$W/out" 2>"$W/err"
expect_eq "busy compute: refused" "$?" "2"
expect_grep "busy compute: says so" "busy for 1 s.*run the command again" "$W/err"
wait
active=$(sql "SELECT id FROM levering WHERE $ident")
( echo "BEGIN IMMEDIATE;"; sleep 3; echo "COMMIT;" ) | sqlite3 "$DB" &
sleep 0.4
KANSRIJK_BUSY_TIMEOUT=1 "$K" deliveries --db "$DB" --intrekken "$active" >"$W/out" 2>"$W/err"
expect_eq "busy withdrawal: refused" "$?" "2"
expect_grep "busy withdrawal: says so" "withdrawing delivery $active failed: the database stayed busy for 1 s" "$W/err"
wait
expect_eq "busy withdrawal: nothing changed" "$(sql "SELECT status FROM levering WHERE id = $active")" "actief"
# while a large ingest writes with a rollback journal (etl_journal_mode), a command that only reads waits or reads;
# it does not try to switch the journal back to WAL, which failed at once with 'stayed busy for 30 s'
fresh rollback
sqlite3 "$DB" "PRAGMA journal_mode=DELETE" >/dev/null
( echo "BEGIN IMMEDIATE; UPDATE levering SET bestand = bestand WHERE id = 1;"; sleep 3; echo "COMMIT;" ) | sqlite3 "$DB" &
sleep 0.4
KANSRIJK_BUSY_TIMEOUT=2 expect_exit 0 "$K" deliveries --db "$DB"
wait

# ---- only init creates a database ----------------------------------------------------------------
missing() {  # missing CMD ARGS...: refused on a mistyped --db, which is not created
    expect_exit 2 "$K" "$@"
    expect_grep "$1 on a missing database" "$W/typo.db: there is no database here; run 'kansrijk init --db $W/typo.db' first" "$W/err"
    expect_eq "$1 made no database" "$(ls "$W"/typo.db* 2>/dev/null)" ""
}
missing ingest --db "$W/typo.db" "$F"
missing compute --db "$W/typo.db"
missing link --db "$W/typo.db"
missing status --db "$W/typo.db"
missing deliveries --db "$W/typo.db"
missing deliveries --db "$W/typo.db" --intrekken 1
missing export --db "$W/typo.db" -o "$W/x.json"
missing overzicht --db "$W/typo.db"
missing vergelijk --db "$W/typo.db" --indicator overdracht.warm
# a file that is not (yet) a kansrijk database: an empty one, another program's SQLite database, a folder
: >"$W/empty.db"
chmod 644 "$W/empty.db"
sqlite3 "$W/other.db" "CREATE TABLE agenda (dag TEXT); INSERT INTO agenda VALUES ('maandag')"
mkdir -p "$W/map.db"
for c in "ingest --db $W/empty.db $F" "compute --db $W/empty.db" "overzicht --db $W/empty.db"; do
    # shellcheck disable=SC2086
    expect_exit 2 "$K" $c
    expect_grep "${c%% *} on an empty file: init first" "empty.db: this file holds no kansrijk database yet (it is empty); run 'kansrijk init --db $W/empty.db' first" "$W/err"
done
expect_eq "the empty file stayed empty" "$(wc -c <"$W/empty.db")" "0"
for c in "ingest --db $W/other.db $F" "init --db $W/other.db" "status --db $W/other.db"; do
    # shellcheck disable=SC2086
    expect_exit 2 "$K" $c
    expect_grep "${c%% *} on another program's database: refused" "other.db: this SQLite database is not a kansrijk database (it holds other tables); nothing was changed" "$W/err"
done
expect_eq "the other database unchanged" "$(sqlite3 "$W/other.db" "SELECT group_concat(name) FROM sqlite_schema; PRAGMA user_version")" "agenda
0"
expect_exit 2 "$K" overzicht --db "$W/map.db"
expect_grep "a folder as --db" "map.db is a folder; give the path of a database file, for example $W/map.db/kansrijk.db" "$W/err"
expect_exit 0 "$K" init --db "$W/empty.db"
expect_eq "init makes the empty file the database, readable by its owner alone" "$(stat -c %a "$W/empty.db")" "600"
expect_exit 0 "$K" deliveries --db "$W/empty.db"
mkdir -p "$W/leeg" && (cd "$W/leeg" && "$K" ingest "$F" >"$W/out" 2>"$W/err")
expect_eq "ingest without --db and no kansrijk.db made none" "$(ls "$W/leeg")" ""
expect_grep "ingest without --db names kansrijk.db" "kansrijk.db: there is no database here" "$W/err"

# ---- the same bytes under another name: its records would count twice ---------------------------
fresh twice
"$K" ingest --db "$DB" "$W/s/zwangerschap_VP-ZL-1_2025Q2.csv" >/dev/null
cp "$W/s/zwangerschap_VP-ZL-1_2025Q2.csv" "$W/zwangerschap_VP-ZL-1_2025Q3.csv"
KANSRIJK_TAAL=nl expect_exit 2 "$K" ingest --db "$DB" "$W/zwangerschap_VP-ZL-1_2025Q3.csv"
expect_grep "the same bytes under another period: refused" "dezelfde bytes als actieve levering [0-9]* (zwangerschap VP-ZL-1 2025Q2): de records zouden dubbel tellen" "$W/out"
expect_eq "the same bytes: nothing stored" "$(sql "SELECT count(*) FROM levering WHERE periode = '2025Q3' AND status = 'actief'")" "0"
expect_exit 2 "$K" validate --db "$DB" "$W/zwangerschap_VP-ZL-1_2025Q3.csv"
expect_exit 0 "$K" ingest --db "$DB" --opnieuw "$W/zwangerschap_VP-ZL-1_2025Q3.csv"
expect_eq "--opnieuw: both on purpose" "$(sql "SELECT count(*) FROM levering WHERE type = 'zwangerschap' AND status = 'actief'")" "2"

# ---- one run, two files of one name (an original and its correction): each keeps its feedback --------------------
fresh namesakes
mkdir -p "$W/a" "$W/b" "$W/fb2"
cp "$W/s/zwangerschap_VP-ZL-1_2025Q2.csv" "$W/a/"
head -n -1 "$W/s/zwangerschap_VP-ZL-1_2025Q2.csv" >"$W/b/zwangerschap_VP-ZL-1_2025Q2.csv"
"$K" ingest --db "$DB" --terugkoppeling "$W/fb2" "$W/a/zwangerschap_VP-ZL-1_2025Q2.csv" "$W/b/zwangerschap_VP-ZL-1_2025Q2.csv" >/dev/null 2>&1
expect_eq "two files of one name: two feedback files" "$(cd "$W/fb2" && ls | tr '\n' ' ')" \
    "terugkoppeling_zwangerschap_VP-ZL-1_2025Q2.csv terugkoppeling_zwangerschap_VP-ZL-1_2025Q2_2.csv "

# ---- a period that has not begun: a typo in the year would move every report ------------------
fresh future
cp "$W/s/zwangerschap_VP-ZL-1_2025Q2.csv" "$W/zwangerschap_VP-ZL-1_2052Q2.csv"
for c in ingest validate; do
    # shellcheck disable=SC2046
    KANSRIJK_TAAL=nl expect_exit 2 "$K" $c $([ $c = ingest ] && echo --db "$DB") "$W/zwangerschap_VP-ZL-1_2052Q2.csv"
    expect_grep "$c: a period in the future refused" "GEWEIGERD: periode 2052Q2 is nog niet begonnen (ze begint op 2052-04-01; vandaag is het [0-9-]*): controleer de periode in de bestandsnaam" "$W/out"
done
expect_eq "the future period stored nothing" "$(sql "SELECT count(*) FROM levering WHERE periode = '2052Q2' AND status = 'actief'")" "0"
# withdrawing reference data: refused, in the screen's language
ref=$(sql "SELECT min(id) FROM levering WHERE type = 'regios'")
KANSRIJK_TAAL=nl expect_exit 2 "$K" deliveries --db "$DB" --intrekken "$ref"
expect_grep "reference data cannot be withdrawn, said in Dutch" "levering $ref is referentiegegevens (regios); vervang die door een verbeterde regios.csv in te lezen" "$W/err"

# ---- export before compute ---------------------------------------------------------------------
fresh exp
expect_exit 2 "$K" export --db "$DB" -o "$W/uit.json"
expect_grep "export before compute" "nothing computed yet.*run 'kansrijk compute --db exp.db' first" "$W/err"
expect_eq "export before compute wrote nothing" "$(ls "$W/uit.json" 2>/dev/null)" ""
# a suggested command can be pasted as it stands, also for a path with a space or a quote in it
mkdir -p "$W/mijn map"
expect_exit 2 "$K" compute --db "$W/mijn map/k.db"
expect_grep "a path with a space, quoted in the command" "run 'kansrijk init --db \"$W/mijn map/k.db\"' first" "$W/err"
"$K" init --db "$W/mijn map/regio's.db" >/dev/null || bad "init in a folder with a space"
expect_exit 2 "$K" export --db "$W/mijn map/regio's.db" -o "$W/uit.json"
expect_grep "a path with a quote, quoted in the command" "run 'kansrijk compute --db \"mijn map/regio's.db\"' first" "$W/err"
(cd "$W/mijn map" && "$K" export --db "regio's.db" -o "$W/uit.json" 2>"$W/err"); true
expect_grep "a path below the folder, quoted" "run 'kansrijk compute --db \"regio's.db\"' first" "$W/err"
expect_exit 2 "$K" export --db "$DB" --format csv -o -
expect_eq "export - before compute: no output" "$(wc -c <"$W/out")" "0"
"$K" ingest --db "$DB" "$F" >/dev/null
expect_exit 0 "$K" compute --db "$DB"
expect_exit 0 "$K" export --db "$DB" -o "$W/uit.json"

# ---- a read-only database: said so, by every command that writes --------------------------------
fresh ro
"$K" ingest --db "$DB" "$F" >/dev/null
"$K" compute --db "$DB" >/dev/null
if chattr +i "$DB" 2>/dev/null; then
    active=$(sql "SELECT id FROM levering WHERE $ident")
    for c in link compute "ingest $F2" "deliveries --intrekken $active"; do
        # shellcheck disable=SC2086
        expect_exit 2 "$K" ${c%% *} --db "$DB" ${c#"${c%% *}"}
        expect_grep "read-only: ${c%% *} says so" "the database is read-only.*make it writable" "$W/err"
        if grep -q "not an error" "$W/out" "$W/err"; then bad "read-only: ${c%% *} says 'not an error'"; else ok; fi
    done
    expect_eq "read-only: nothing changed" "$(sql "SELECT status FROM levering WHERE id = $active")" "actief"
    expect_exit 0 "$K" export --db "$DB" -o "$W/ro.json"
    # the figures go out, and the command says that a later compute cannot hold its figures against them
    expect_grep "read-only: export says what it could not record" "could not record that these figures leave it" "$W/err"
    expect_exit 0 "$K" status --db "$DB"
    chattr -i "$DB"
else
    skip "read-only database (chattr +i needs root on ext4 or a file system that has it)"
fi
# a read-only folder (a read-only bind mount): SQLite cannot make its -shm file next to the database, and no one can
# change it there, so the commands that only read read it as it is (they said "read-only" and stopped until
# 2026-12-07); the commands that write say it is read-only
mkdir -p "$W/rodir" "$W/romnt" && cp "$BASE" "$W/rodir/k.db"
if mount --bind "$W/rodir" "$W/romnt" 2>/dev/null && mount -o remount,ro,bind "$W/romnt" 2>/dev/null; then
    expect_exit 0 "$K" status --db "$W/romnt/k.db"
    expect_exit 0 "$K" deliveries --db "$W/romnt/k.db"
    expect_grep "read-only folder: deliveries lists the ledger" "organisaties" "$W/out"
    expect_exit 2 "$K" link --db "$W/romnt/k.db"
    expect_grep "read-only folder: link" "read-only" "$W/err"
    umount "$W/romnt"
else
    mountpoint -q "$W/romnt" && umount "$W/romnt"
    skip "read-only folder (mount --bind needs root)"
fi
# a copy in a folder that no one may write (0555), read by another user: the same
as_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
chmod 755 "$W"
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null && as_nobody "$K" --version >/dev/null 2>&1 &&
    as_nobody test -r "$W"; then
    mkdir -p "$W/shared" && cp "$DB" "$W/shared/k.db" && chmod 644 "$W/shared/k.db" && chmod 555 "$W/shared"
    expect_exit 0 as_nobody "$K" deliveries --db "$W/shared/k.db"
    expect_exit 0 as_nobody "$K" export --db "$W/shared/k.db" -o -
    expect_grep "0555 folder, another user: export reads the outcome table" '"indicator"' "$W/out"
    expect_eq "… and leaves no file beside the database" "$(ls -A "$W/shared")" "k.db"
    expect_exit 2 as_nobody "$K" compute --db "$W/shared/k.db"
    expect_grep "0555 folder, another user: compute says read-only" "read-only" "$W/err"
    chmod 700 "$W/shared"
else
    skip "a 0555 folder read by another user (setpriv needs root, and the user nobody must reach kansrijk and $W)"
fi
chmod 700 "$W"

# ---- a full disk: said so, not "not a kansrijk database" -----------------------------------------
mkdir -p "$MNT"
if mount -t tmpfs -o size=2m tmpfs "$MNT" 2>/dev/null; then
    cp "$BASE" "$MNT/k.db"
    dd if=/dev/zero of="$MNT/vol" bs=4k 2>/dev/null
    expect_exit 2 "$K" status --db "$MNT/k.db"
    expect_grep "full disk at open" "the disk is full: free space" "$W/err"
    if grep -q "not a kansrijk" "$W/err"; then bad "full disk called 'not a kansrijk database'"; else ok; fi
    expect_exit 2 "$K" ingest --db "$MNT/k.db" "$F"
    expect_grep "full disk: ingest" "the disk is full" "$W/err"
    # room to open, not to store the delivery: the disk fills halfway
    rm -f "$MNT/vol"
    dd if=/dev/zero of="$MNT/vol" bs=4k count=$((($(df --output=avail -k "$MNT" | tail -1) - 120) / 4)) 2>/dev/null
    expect_exit 2 "$K" ingest --db "$MNT/k.db" "$F"
    expect_grep "disk full halfway" "could not be stored: the disk is full: free space on the disk" "$W/out"
    # on a Dutch screen the record's English text stays English and its Dutch text Dutch
    KANSRIJK_TAAL=nl expect_exit 2 "$K" ingest --json --db "$MNT/k.db" "$F"
    expect_eq "disk full, Dutch screen: the English message in English" \
        "$(jq -r '[.. | objects | select(has("message")) | .message] | map(test("the disk is full") and (test("schijf") | not)) | any' "$W/out")" "true"
    expect_eq "disk full, Dutch screen: the Dutch message in Dutch" \
        "$(jq -r '[.. | objects | select(has("bericht")) | .bericht] | map(test("schijf")) | any' "$W/out")" "true"
    rm -f "$MNT/vol"
    expect_eq "full disk: consistent afterwards" "$(consistent "$MNT/k.db")" "ok"
    expect_exit 1 "$K" ingest --db "$MNT/k.db" "$F"
    umount "$MNT"
else
    skip "full disk (mounting a small tmpfs needs root)"
fi

# ---- the in-file key set is sized from the first block's lines per byte (a file of several blocks):
# a first block of blank lines must not reserve a key for every byte of the file (1 GiB zeroed at 60 MB)
jf=$(cd "$W/s" && ls jgz_contact_*.csv | head -1)
mkdir -p "$W/ks"
python3 - "$W/s/$jf" "$W/ks/$jf" <<'PY'
import hashlib, sys
ls = open(sys.argv[1], 'rb').read().replace(b'\r\n', b'\n').split(b'\n')
rows = [l.split(b';', 1)[1] for l in ls[1:] if l and b'"' not in l]
with open(sys.argv[2], 'wb') as f:
    f.write(b'\n' * (1 << 20) + ls[0] + b'\n')
    for i in range(200000):
        f.write(hashlib.sha256(b'%d' % i).hexdigest().encode() + b';' + rows[i % len(rows)] + b'\n')
PY
peak() {  # peak FILE: the ingest's peak resident memory in MiB, into $DB
    python3 -c 'import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)' "$K" ingest --db "$DB" "$1"
}
mkdir -p "$W/ks2"
tail -c +$((1024 * 1024 + 1)) "$W/ks/$jf" >"$W/ks2/$jf"
fresh keyset_plain
rss_plain=$(peak "$W/ks2/$jf")
fresh keyset
rss=$(peak "$W/ks/$jf")
# the same rows without the blank lines set the measure (sanitizers inflate both); the fault reserved 256 MiB more
if [ "$rss" -lt $((rss_plain + 64)) ]; then ok; else bad "key set: ingest of a $(($(stat -c %s "$W/ks/$jf") >> 20)) MiB file starting with 1 MiB of blank lines peaked at $rss MiB, $rss_plain MiB without them"; fi
expect_eq "key set: the file's rows were read" "$(sql "SELECT rows_read FROM levering WHERE bestand = '$jf'")" 200000

# ---- each file's summary is on stdout before the next file is read (a pipe or a log file sees progress) -----------
fresh flush
mkdir -p "$W/fifo"
F1=$W/s/zwangerschap_VP-ZL-1_2025Q1.csv
F2=$W/s/zwangerschap_VP-ZL-2_2025Q1.csv
mkfifo "$W/fifo/$(basename "$F2")"
"$K" ingest --db "$DB" "$F1" "$W/fifo/$(basename "$F2")" >"$W/flush.out" 2>&1 &
pid=$!
for _ in $(seq 100); do grep -q "$(basename "$F1")" "$W/flush.out" && break; sleep 0.1; done
expect_grep "the first file's summary is written while the second is still being read" \
    "^$(basename "$F1") .*" "$W/flush.out"
timeout 20 sh -c 'cat "$1" >"$2"' sh "$F2" "$W/fifo/$(basename "$F2")" || bad "the second file was never read"
wait "$pid"
expect_grep "then the second file's" "^$(basename "$F2") .*" "$W/flush.out"

# a new organisation list that leaves out an organisation with active deliveries is refused whole (its records would
# count under site 'onbekend'); --vervang stores it; one that only drops an organisation without deliveries is fine
fresh orgdrop
expect_exit 0 "$K" ingest --db "$DB" "$W/s/zwangerschap_VP-ZL-1_2025Q1.csv"
mkdir -p "$W/orgs"
grep -v '^VP-ZL-1;' "$W/s/organisaties.csv" >"$W/orgs/organisaties.csv"
n_org=$(sql "SELECT count(*) FROM organisaties")
expect_exit 2 "$K" ingest --db "$DB" --terugkoppeling "$W/orgs/fb" "$W/orgs/organisaties.csv"
expect_grep "… the feedback file says it without the coordinator's option" \
    "lijst laat organisaties weg die actieve leveringen hebben; zet ze er weer in" "$W/orgs/fb/terugkoppeling_organisaties.csv"
expect_grep "an organisation with deliveries left out of the list: refused, named" \
    "leaves out organisations that have active deliveries: VP-ZL-1\\." "$W/out"
expect_eq "… and the list is as it was" "$(sql "SELECT count(*) FROM organisaties")" "$n_org"
expect_exit 0 "$K" ingest --db "$DB" --vervang "$W/orgs/organisaties.csv"
expect_eq "--vervang: the list without it" "$(sql "SELECT count(*) FROM organisaties WHERE code = 'VP-ZL-1'")" "0"
fresh orgdrop2
other=$(sql "SELECT code FROM organisaties WHERE code NOT IN (SELECT organisatie FROM levering WHERE organisatie IS NOT NULL) ORDER BY code LIMIT 1")
grep -v "^$other;" "$W/s/organisaties.csv" >"$W/orgs/organisaties.csv"
expect_exit 0 "$K" ingest --db "$DB" "$W/orgs/organisaties.csv"

summary
