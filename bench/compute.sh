#!/usr/bin/env bash
# Benchmark: `kansrijk compute` (linkage, trajectory facts, quality counts, the whole outcome
# set) on the synthetic delivery set of `kansrijk samples --jaren 2023-2025` at --schaal 1 and
# 10 (about national size: half a million pregnancies, eight million rows), side by side with
# one `sqlite3` pass that prints every extract row. Three computes: the first after a full
# ingest, a second on the same database (nothing new), and one after adding one quarter's
# deliveries to a database computed before them. Ratios against the goals of issue 10.
# Not part of `make test`.
#   bench/compute.sh [WORKDIR] [SCALES]      WORKDIR default bench/out, SCALES default "1 10"
# Environment: KANSRIJK=path/to/kansrijk (default: make, then ./kansrijk),
#              RUNS=n (rounds of sqlite3 pass + first compute, default 1; the best of each).
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
WORK=${1:-$HERE/out}
SCALES=${2:-1 10}
RUNS=${RUNS:-1}
K=${KANSRIJK:-$ROOT/kansrijk}
[ -n "${KANSRIJK:-}" ] || make -s -C "$ROOT" kansrijk >&2
[ -x /usr/bin/time ] || { echo "compute.sh: install GNU time (apt-get install time)" >&2; exit 2; }
command -v sqlite3 >/dev/null || { echo "compute.sh: sqlite3 CLI missing (apt-get install sqlite3)" >&2; exit 2; }
# The extract tables of sql/schema.sql, each printed whole by the sqlite3 pass.
TABLES="zwangerschap screening zorgepisode overdracht mdo bevalling jgz_contact"
PASS=""
for t in $TABLES; do PASS="$PASS SELECT * FROM $t;"; done
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
echo "== $("$K" --version 2>/dev/null | head -1), binary sha256 $(sha256sum <"$K" | cut -c1-12), $(sqlite3 --version | cut -d' ' -f1-2)"

exec 3>&1 # the figures, whatever a timed command's stdout is redirected to
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
# timed LABEL CMD...: runs CMD under GNU time; sets secs (wall), cpu (user + sys) and kib (peak RSS)
timed() {
    local label=$1 u s
    shift
    /usr/bin/time -f "%e %M %U %S" -o "$out/time" "$@"
    read -r secs kib u s < <(tail -1 "$out/time")
    cpu=$(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }')
    printf '  %-34s %7.2f s  cpu %7.2f s  peak %7.1f MiB   (load %s)\n' "$label" "$secs" "$cpu" "$(mib "$kib")" \
        "$(cut -d' ' -f1-3 /proc/loadavg)" >&3
}
# compute LABEL: one timed compute on $db with the time of each step, indented
compute() {
    KANSRIJK_TIMING=1 timed "$1" "$K" compute --db "$db" >"$out/compute.out" 2>"$out/steps"
    printf '      -> %s\n' "$(cut -d';' -f2- "$out/compute.out")"
    sed 's/^/      /' "$out/steps"
    # the disclosure audit (suppression step) is measured apart: another part of issue 10
    supp=$(awk '$1 == "suppression" { s += $2 } END { print s + 0 }' "$out/steps")
    nosupp=$(awk -v a="$secs" -v b="$supp" 'BEGIN { print a - b }')
}
best() { awk 'NR == 1 || $1 < m { m = $1 } END { print m }'; }

for scale in $SCALES; do
    out=$WORK/compute-$scale
    rm -rf "$out"
    mkdir -p "$out"
    "$K" samples --jaren 2023-2025 --schaal "$scale" -o "$out/s" >/dev/null
    last=$(ls "$out"/s/*Q[1-4].csv | sed 's/.*_\([0-9]*Q[1-4]\)\.csv$/\1/' | sort | tail -1)
    mapfile -t early < <(ls "$out"/s/*.csv | grep -v "_$last\.csv\$")
    mapfile -t late < <(ls "$out"/s/*_"$last".csv)
    echo "schaal $scale (uptime:$(uptime | sed 's/.*up [^,]*,[^,]*,//'))"
    # b.db: every delivery up to the quarter before $last, computed; a.db: its copy plus $last.
    "$K" init --db "$out/b.db" >/dev/null
    /usr/bin/time -f "%e %M" -o "$out/time" "$K" ingest --db "$out/b.db" "${early[@]}" >/dev/null 2>&1 || true
    read -r isecs ikib < <(tail -1 "$out/time")
    cp "$out/b.db" "$out/a.db"
    "$K" ingest --db "$out/a.db" "${late[@]}" >/dev/null 2>&1 || true
    rows=$(sqlite3 "$out/a.db" "SELECT sum(rows_accepted) FROM levering WHERE status = 'actief'")
    printf '  %s rows (%d files of %s added last), ingest of the rest %.1f s\n' "$rows" "${#late[@]}" "$last" "$isecs"
    db=$out/a.db
    : >"$out/pass.t"
    : >"$out/first.t"
    for r in $(seq 1 "$RUNS"); do
        timed "sqlite3 pass over every extract row" sqlite3 "$db" "$PASS" >/dev/null
        echo "$secs $kib $cpu" >>"$out/pass.t"
        if [ "$r" -gt 1 ]; then # a fresh, never computed copy for every further round
            cp "$out/b.db" "$out/a$r.db"
            "$K" ingest --db "$out/a$r.db" "${late[@]}" >/dev/null 2>&1 || true
            db=$out/a$r.db
        fi
        compute "compute, first after full ingest"
        echo "$secs $kib $nosupp $cpu" >>"$out/first.t"
    done
    compute "compute, second (nothing new)"
    second=$secs
    second_ns=$nosupp
    second_cpu=$cpu
    peak=$kib
    db=$out/b.db
    compute "compute before the last quarter"
    "$K" ingest --db "$db" "${late[@]}" >/dev/null 2>&1 || true
    timed "sqlite3 pass (after the quarter)" sqlite3 "$db" "$PASS" >/dev/null
    echo "$secs $kib $cpu" >>"$out/pass.t"
    compute "compute after one quarter added"
    incr=$secs
    incr_ns=$nosupp
    incr_cpu=$cpu
    [ "$kib" -gt "$peak" ] && peak=$kib
    p=$(best <"$out/pass.t")
    f=$(best <"$out/first.t")
    fns=$(awk 'NR == 1 || $3 < m { m = $3 } END { print m }' "$out/first.t")
    pc=$(awk 'NR == 1 || $3 < m { m = $3 } END { print m }' "$out/pass.t")
    fc=$(awk 'NR == 1 || $4 < m { m = $4 } END { print m }' "$out/first.t")
    fk=$(awk '$2 > m { m = $2 } END { print m }' "$out/first.t")
    [ "$fk" -gt "$peak" ] && peak=$fk
    awk -v p="$p" -v f="$f" -v s="$second" -v i="$incr" -v k="$peak" \
        -v fn="$fns" -v sn="$second_ns" -v ic="$incr_ns" -v pc="$pc" -v fc="$fc" -v sc="$second_cpu" -v icc="$incr_cpu" 'BEGIN {
        printf "  sqlite3 pass %.2f s (best)          whole compute        without the suppression step\n", p
        printf "  first compute       %6.2f s = %5.2fx the pass (goal <= 1.5x: %-7s)   %6.2f s = %5.2fx\n", f, f / p, f / p <= 1.5 ? "met" : "NOT met", fn, fn / p
        printf "  after one quarter   %6.2f s = %5.2fx the pass (goal <= 0.5x: %-7s)   %6.2f s = %5.2fx\n", i, i / p, i / p <= 0.5 ? "met" : "NOT met", ic, ic / p
        printf "  second, nothing new %6.2f s = %5.2fx the pass                          %6.2f s = %5.2fx\n", s, s / p, sn, sn / p
        printf "  CPU time (user + sys; for a busy machine): pass %.2f s; first %.2f s = %.2fx, after one quarter %.2f s = %.2fx, second %.2f s = %.2fx\n", pc, fc, fc / pc, icc, icc / pc, sc, sc / pc
        printf "  peak RSS %.0f MiB (goal < 1024 MiB: %s)\n", k / 1024, k < 1048576 ? "met" : "NOT met"
    }'
    rm -rf "$out"
done
