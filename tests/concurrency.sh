#!/usr/bin/env bash
# Concurrency: commands started together on one database. Each case runs REPS times (default
# 20) on a fresh copy of a small database (samples: Zuid-Limburg, one year, 2 %):
#   the same file twice at once; two files of one identity at once; four files of different
#   identities at once; an ingest during a compute.
# After every run: exactly one active delivery per identity, the rows of each table equal to
# the rows_accepted of its active deliveries, PRAGMA integrity_check ok (tests/invariants.sh),
# every command exited 0 or 1 (none refused because the database was busy).
# Usage: tests/concurrency.sh PATH/TO/kansrijk [REPS]
. "$(dirname "$0")/lib.sh" concurrency "$1"
. "$HERE/invariants.sh"
REPS=${2:-20}
cd "$W" || exit 2
start=$(date +%s)

"$K" samples --regio zl --schaal 0.02 --jaren 2025 -o "$W/s" >/dev/null || bad "samples"
REF=()
for t in regios sites gemeenten organisaties afspraken doelen referenties; do REF+=("$W/s/$t.csv"); done
BASE=$W/base.db   # the reference data only
"$K" init --db "$BASE" >/dev/null && "$K" ingest --db "$BASE" "${REF[@]}" >/dev/null || bad "base database"
F=$W/s/jgz_contact_JGZ-ZL_2025Q4.csv
mkdir -p "$W/corr" && head -n -5 "$F" >"$W/corr/$(basename "$F")"
F2=$W/corr/$(basename "$F")
FOUR=("$F" "$W/s/jgz_contact_JGZ-ZL_2025Q2.csv" "$W/s/zorgepisode_ZH-ZL-2_2025Q3.csv" "$W/s/overdracht_KZ-ZL-1_2025Q3.csv")
FULL=$W/full.db   # everything but the correction, computed once
cp "$BASE" "$FULL"
"$K" ingest --db "$FULL" "$W"/s/*_*_*.csv >/dev/null
"$K" compute --db "$FULL" >/dev/null || bad "compute on the full database"
ident="type = 'jgz_contact' AND organisatie = 'JGZ-ZL' AND periode = '2025Q4'"

fresh() {  # fresh FROM: a copy in $DB
    DB=$W/run.db
    rm -f "$DB" "$DB-wal" "$DB-shm" "$DB-journal"
    cp "$1" "$DB"
}
# together NAME CMD... -- CMD... : run the commands at once; each must exit 0 or 1
together() {
    local name=$1 pids=() i=0 cmd=() rc
    shift
    while [ $# -gt 0 ]; do
        cmd=()
        while [ $# -gt 0 ] && [ "$1" != "--" ]; do cmd+=("$1"); shift; done
        [ $# -gt 0 ] && shift
        "${cmd[@]}" >"$W/o$i" 2>&1 &
        pids+=($!)
        i=$((i + 1))
    done
    i=0
    for p in "${pids[@]}"; do
        wait "$p"
        rc=$?
        if [ "$rc" -le 1 ]; then ok; else bad "$name: command $i exited $rc"; sed 's/^/    /' "$W/o$i" | head -5; fi
        i=$((i + 1))
    done
}
consistent_or_bad() {  # consistent_or_bad NAME
    local v
    v=$(consistent "$DB")
    if [ "$v" = ok ]; then ok; else bad "$1: $v"; fi
}

t0=$(date +%s)
for r in $(seq "$REPS"); do
    fresh "$BASE"
    together "same file twice ($r)" "$K" ingest --db "$DB" "$F" -- "$K" ingest --db "$DB" "$F"
    expect_eq "same file twice ($r): one ledger entry, active" "$(sql "SELECT group_concat(status) FROM levering WHERE $ident")" "actief"
    expect_eq "same file twice ($r): one says identical" "$(cat "$W/o0" "$W/o1" | grep -c 'identical to active delivery')" "1"
    consistent_or_bad "same file twice ($r)"
done
echo "same file twice at once: $REPS runs, $(($(date +%s) - t0)) s"

t0=$(date +%s)
for r in $(seq "$REPS"); do
    fresh "$BASE"
    together "two files of one identity ($r)" "$K" ingest --db "$DB" "$F" -- "$K" ingest --db "$DB" "$F2"
    expect_eq "two files of one identity ($r): one replaces the other" \
        "$(sql "SELECT group_concat(status, ' ') FROM (SELECT status FROM levering WHERE $ident ORDER BY id)")" "vervangen actief"
    expect_eq "two files of one identity ($r): linked both ways" \
        "$(sql "SELECT count(*) FROM levering a JOIN levering v ON v.id = a.vervangt AND v.vervangen_door = a.id WHERE a.status = 'actief' AND a.type = 'jgz_contact'")" "1"
    consistent_or_bad "two files of one identity ($r)"
done
echo "two files of one identity at once: $REPS runs, $(($(date +%s) - t0)) s"

t0=$(date +%s)
for r in $(seq "$REPS"); do
    fresh "$BASE"
    together "four files ($r)" "$K" ingest --db "$DB" "${FOUR[0]}" -- "$K" ingest --db "$DB" "${FOUR[1]}" -- \
        "$K" ingest --db "$DB" "${FOUR[2]}" -- "$K" ingest --db "$DB" "${FOUR[3]}"
    expect_eq "four files ($r): four active deliveries" "$(sql "SELECT count(*) FROM levering WHERE organisatie IS NOT NULL AND status = 'actief'")" "4"
    consistent_or_bad "four files ($r)"
done
echo "four different files at once: $REPS runs, $(($(date +%s) - t0)) s"

t0=$(date +%s)
for r in $(seq "$REPS"); do
    fresh "$FULL"
    together "ingest during compute ($r)" "$K" compute --db "$DB" -- "$K" ingest --db "$DB" "$F2"
    expect_eq "ingest during compute ($r): the correction is active" \
        "$(sql "SELECT sha256 = '$(sha256sum "$F2" | cut -d' ' -f1)' FROM levering WHERE $ident AND status = 'actief'")" "1"
    expect_eq "ingest during compute ($r): an outcome table" "$(sql "SELECT count(*) > 0 FROM uitkomst")" "1"
    consistent_or_bad "ingest during compute ($r)"
done
echo "ingest during compute: $REPS runs, $(($(date +%s) - t0)) s"

echo "concurrency: $((4 * REPS)) runs in $(($(date +%s) - start)) s"
summary
