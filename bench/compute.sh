#!/usr/bin/env bash
# Benchmark: `kansrijk compute` (linkage, trajectory facts, the whole outcome set) on the
# synthetic delivery set of `kansrijk samples --jaren 2023-2025` at --schaal 1 and 10 (about
# national size: half a million pregnancies, eight million rows). Wall time and peak memory of
# the first compute (every record gets its trajectory) and of a second one (nothing to relink),
# with the time of each step. Not part of `make test`.
#   bench/compute.sh [WORKDIR] [SCALES]      WORKDIR default bench/out, SCALES default "1 10"
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
WORK=${1:-$HERE/out}
SCALES=${2:-1 10}
K=${KANSRIJK:-$ROOT/kansrijk}
[ -n "${KANSRIJK:-}" ] || make -s -C "$ROOT" kansrijk >&2
[ -x /usr/bin/time ] || { echo "compute.sh: install GNU time (apt-get install time)" >&2; exit 2; }
mkdir -p "$WORK"
for scale in $SCALES; do
    out=$WORK/compute-$scale
    rm -rf "$out"
    mkdir -p "$out"
    "$K" samples --jaren 2023-2025 --schaal "$scale" -o "$out/s" >/dev/null
    "$K" init --db "$out/k.db" >/dev/null
    /usr/bin/time -f "%e %M" -o "$out/time" "$K" ingest --db "$out/k.db" "$out"/s/*.csv >/dev/null 2>&1 || true
    read -r isecs ikib < <(tail -1 "$out/time")
    rows=$(sqlite3 "$out/k.db" "SELECT sum(rows_accepted) FROM levering WHERE status = 'actief'")
    printf 'schaal %s: %s rows ingested in %.1f s (peak %.0f MiB)\n' "$scale" "$rows" "$isecs" "$(awk -v k="$ikib" 'BEGIN { print k / 1024 }')"
    for run in first second; do
        KANSRIJK_TIMING=1 /usr/bin/time -f "%e %M" -o "$out/time" "$K" compute --db "$out/k.db" >"$out/compute.out" 2>"$out/steps"
        read -r secs kib < <(tail -1 "$out/time")
        printf '  compute (%s run): %6.2f s  peak %6.1f MiB   %s\n' "$run" "$secs" "$(awk -v k="$kib" 'BEGIN { print k / 1024 }')" \
            "$(cut -d';' -f2- "$out/compute.out")"
        sed 's/^/      /' "$out/steps"
    done
    rm -rf "$out"
done
