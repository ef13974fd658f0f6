#!/usr/bin/env bash
# Crash tests: kill -9 'kansrijk ingest' (through WAL, and through the rollback journal of
# large deliveries: KANSRIJK_BULK_BYTES=1 makes every delivery "large") and 'kansrijk compute'
# at a random moment, N times. After every kill:
#   PRAGMA integrity_check is ok and no delivery is partial (tests/invariants.sh: every active
#   delivery has exactly rows_accepted rows, no rows of a delivery that is not active);
#   the delivery of the killed ingest is the old one or the new one, whole;
#   the outcome table is the old or the new one, never half (a checksum of
#   SELECT * FROM uitkomst ORDER BY 1,2,3,4,5,6 before, after the kill, and after a full run);
#   the same command then succeeds.
# Prints the counts: kills, kills that hit a running command, kills that left a hot rollback
# journal (certainly mid-transaction), kills after which the work was committed, recoveries ok.
# Usage: tests/crash.sh N [PATH/TO/kansrijk]   (SEED=n for a repeatable run)
N=${1:-20}
case $N in '' | *[!0-9]*) echo "usage: tests/crash.sh N [kansrijk]" >&2; exit 2 ;; esac
. "$(dirname "$0")/lib.sh" crash "${2:-$(dirname "$0")/../build/kansrijk}"
. "$HERE/invariants.sh"
RANDOM=${SEED:-$$}
export SOURCE_DATE_EPOCH=1767225600
cd "$W" || exit 2
start=$(date +%s)

"$K" samples --regio zl --schaal 0.02 --jaren 2025 -o "$W/s" >/dev/null || bad "samples"
DB=$W/k.db
"$K" init --db "$DB" >/dev/null
"$K" ingest --db "$DB" "$W"/s/*.csv >/dev/null
"$K" compute --db "$DB" --peildatum 2025-12-31 >/dev/null || bad "first compute"
# The deliveries that the ingests alternate between: each in two versions (the second three
# rows shorter), so that every ingest is a correction that replaces rows (--opnieuw: the
# version it brings back was replaced before).
TARGETS=(jgz_contact_JGZ-ZL_2025Q4.csv jgz_contact_JGZ-ZL_2025Q2.csv zorgepisode_ZH-ZL-2_2025Q3.csv overdracht_KZ-ZL-1_2025Q3.csv)
mkdir -p "$W/v1" "$W/v2"
for f in "${TARGETS[@]}"; do
    cp "$W/s/$f" "$W/v1/$f"
    head -n -3 "$W/s/$f" >"$W/v2/$f"
done
PEIL=(2025-09-30 2025-12-31)
peil_now=1

uitkomst_sum() { sqlite3 "$DB" "SELECT * FROM uitkomst ORDER BY 1,2,3,4,5,6" | sha256sum | cut -c1-16; }
active_sha() {  # active_sha FILE: the sha256 of the active delivery of FILE's identity
    local b=${1##*/} t o p
    b=${b%.csv}
    p=${b##*_}; b=${b%_*}; o=${b##*_}; t=${b%_*}
    sql "SELECT sha256 FROM levering WHERE type = '$t' AND organisatie = '$o' AND periode = '$p' AND status = 'actief'"
}
# How long each command takes here, so that the kills fall inside it.
ms() { echo $((($(date +%s%N) - $1) / 1000000)); }
t=$(date +%s%N); "$K" ingest --db "$DB" --opnieuw "$W/v2/${TARGETS[0]}" >/dev/null; D_INGEST=$(ms "$t")
t=$(date +%s%N); "$K" ingest --db "$DB" --opnieuw "$W/v1/${TARGETS[0]}" >/dev/null; D_INGEST=$(((D_INGEST + $(ms "$t")) / 2))
t=$(date +%s%N); "$K" compute --db "$DB" --peildatum 2025-12-31 >/dev/null; D_COMPUTE=$(ms "$t")
echo "crash: ingest takes ~${D_INGEST} ms, compute ~${D_COMPUTE} ms here; $N kills"

kills=0 landed=0 hot=0 committed=0 recovered=0 kind_i=0 kind_b=0 kind_c=0
for i in $(seq "$N"); do
    r=$((RANDOM % 10))
    if [ "$r" -lt 4 ]; then kind=ingest; bulk=; kind_i=$((kind_i + 1))
    elif [ "$r" -lt 7 ]; then kind=ingest; bulk=1; kind_b=$((kind_b + 1))
    else kind=compute; bulk=$((RANDOM % 2)); kind_c=$((kind_c + 1)); fi
    before=$(uitkomst_sum)
    if [ "$kind" = ingest ]; then
        f=${TARGETS[$((RANDOM % ${#TARGETS[@]}))]}
        old=$(active_sha "$W/v1/$f")
        if [ "$old" = "$(sha256sum "$W/v1/$f" | cut -d' ' -f1)" ]; then new=$W/v2/$f; else new=$W/v1/$f; fi
        newsha=$(sha256sum "$new" | cut -d' ' -f1)
        cmd=("$K" ingest --db "$DB" --opnieuw "$new")
        delay=$((RANDOM % (D_INGEST * 3 / 4 + 1)))
    else
        peil_now=$((1 - peil_now))
        cmd=("$K" compute --db "$DB" --peildatum "${PEIL[$peil_now]}")
        delay=$((RANDOM % (D_COMPUTE + 1)))
    fi
    if [ -n "$bulk" ] && [ "$bulk" != 0 ]; then export KANSRIJK_BULK_BYTES=1; else unset KANSRIJK_BULK_BYTES; fi
    "${cmd[@]}" >/dev/null 2>&1 &
    pid=$!
    sleep "$(printf '0.%03d' "$delay")"
    kills=$((kills + 1))
    kill -9 "$pid" 2>/dev/null && landed=$((landed + 1))
    wait "$pid" 2>/dev/null
    [ -s "$DB-journal" ] && hot=$((hot + 1))
    label="kill $i ($kind${bulk:+ bulk=$bulk}, ${delay} ms)"

    v=$(consistent "$DB")
    if [ "$v" = ok ]; then ok; else bad "$label: $v"; fi
    mid=$(uitkomst_sum)
    if [ "$kind" = ingest ]; then
        now=$(active_sha "$new")
        if [ "$now" = "$newsha" ]; then committed=$((committed + 1)); ok
        elif [ "$now" = "$old" ]; then ok
        else bad "$label: the active delivery is neither the old nor the new one ($now)"; fi
        expect_eq "$label: outcome table untouched" "$mid" "$before"
    fi
    # the same command again succeeds
    "${cmd[@]}" >"$W/out" 2>&1
    rc=$?
    unset KANSRIJK_BULK_BYTES
    if [ "$rc" -le 1 ]; then ok; else bad "$label: the same command again exited $rc"; sed 's/^/    /' "$W/out" | head -5; continue; fi
    after=$(uitkomst_sum)
    good=1
    if [ "$kind" = ingest ]; then
        [ "$(active_sha "$new")" = "$newsha" ] || { good=0; bad "$label: after the re-run the new delivery is not active"; }
    else
        [ "$mid" = "$after" ] && [ "$mid" != "$before" ] && committed=$((committed + 1))
        if [ "$mid" != "$before" ] && [ "$mid" != "$after" ]; then good=0; bad "$label: half an outcome table ($before / $mid / $after)"; fi
    fi
    v=$(consistent "$DB")
    if [ "$v" = ok ]; then ok; else good=0; bad "$label, after the re-run: $v"; fi
    [ "$good" = 1 ] && recovered=$((recovered + 1))
done
unset KANSRIJK_BULK_BYTES
expect_eq "journal mode back to WAL" "$("$K" status --db "$DB" >/dev/null; sql 'PRAGMA journal_mode')" "wal"

echo "crash: $kills kills ($kind_i ingest through WAL, $kind_b ingest through the rollback journal, $kind_c compute);" \
    "$landed hit a running command, $hot of them mid-transaction with a hot journal left, $committed after the" \
    "work was committed; $recovered recoveries ok; $(($(date +%s) - start)) s"
summary
