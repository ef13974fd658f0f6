#!/bin/sh
# Run libFuzzer targets one after the other, each for SECONDS, at low priority:
#   sh tests/fuzz/run.sh BINDIR SECONDS TARGET...
# Each target starts from a copy of its seeds (tests/fuzz/corpus/TARGET) and
# uses tests/fuzz/TARGET.dict, or else tests/fuzz/csv.dict, and the libFuzzer
# flags in tests/fuzz/TARGET.options if there is one. FUZZ_WORK=DIR keeps the
# corpora, logs and crash inputs in DIR/TARGET (default: a temporary folder,
# removed unless something was found). Exits 1 on the first finding.
set -u
[ $# -ge 3 ] || { echo "usage: $0 BINDIR SECONDS TARGET..." >&2; exit 2; }
root=$(cd "$(dirname "$0")/../.." && pwd)
bindir=$1
secs=$2
shift 2
if [ -n "${FUZZ_WORK:-}" ]; then work=$FUZZ_WORK; keep=1; else work=$(mktemp -d); keep=0; fi
for t in "$@"; do
    dir=$work/$t
    mkdir -p "$dir/corpus"
    cp "$root/tests/fuzz/corpus/$t"/* "$dir/corpus/" 2>/dev/null || true
    set -- -max_total_time="$secs" -timeout=60 -rss_limit_mb=2048 -max_len=16384 \
        -print_final_stats=1 -artifact_prefix="$dir/"
    dict=$root/tests/fuzz/$t.dict
    [ -f "$dict" ] || dict=$root/tests/fuzz/csv.dict
    set -- "$@" -dict="$dict"
    # shellcheck disable=SC2046
    [ -f "$root/tests/fuzz/$t.options" ] && set -- "$@" $(cat "$root/tests/fuzz/$t.options")
    echo "== $t: ${secs}s (log: $dir/log)"
    if ! nice -n 10 "$bindir/$t" "$@" "$dir/corpus" >"$dir/log" 2>&1; then
        tail -n 60 "$dir/log"
        echo "$t: FAILED; the input is in $dir (replay: $bindir/$t FILE)" >&2
        exit 1
    fi
    grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)|^#[0-9]+.*DONE' "$dir/log" || true
done
[ "$keep" = 1 ] || rm -rf "$work"
exit 0
