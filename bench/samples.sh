#!/usr/bin/env bash
# Benchmark: `kansrijk samples` at --schaal 1 and 10 over three years: wall time,
# peak memory (flat as the scale grows) and output size. Not part of `make test`.
#   bench/samples.sh [WORKDIR]      WORKDIR default bench/out
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
WORK=${1:-$HERE/out}
K=${KANSRIJK:-$ROOT/kansrijk}
[ -n "${KANSRIJK:-}" ] || make -s -C "$ROOT" kansrijk >&2
[ -x /usr/bin/time ] || { echo "samples.sh: install GNU time (apt-get install time)" >&2; exit 2; }
mkdir -p "$WORK"
for scale in 0.1 1 10; do
    out=$WORK/samples-$scale
    rm -rf "$out"
    /usr/bin/time -f "%e %M" -o "$WORK/time" "$K" samples --jaren 2023-2025 --schaal "$scale" -o "$out" >"$WORK/summary"
    read -r secs kib <"$WORK/time"
    printf 'schaal %-5s %8.2f s  peak %6.1f MiB  %7s  %s\n' "$scale" "$secs" "$(awk -v k="$kib" 'BEGIN { print k / 1024 }')" \
        "$(du -sh "$out" | cut -f1)" "$(cut -d: -f2- "$WORK/summary")"
    rm -rf "$out"
done
