#!/usr/bin/env bash
# Benchmark: `kansrijk ingest` of a large jgz_contact extract against sqlite3's own `.import`
# of the same file into a plain table. Not part of `make test`.
#
#   bench/ingest.sh [ROWS] [WORKDIR]      ROWS default 1000000, WORKDIR default bench/out
#
# Environment: KANSRIJK=path/to/kansrijk (default: build with make, use ./kansrijk),
#              RUNS=n (timed runs per tool, default 2; the best wall time is reported).
# Needs: bash, awk (mawk or gawk), sqlite3 (CLI), GNU time as /usr/bin/time (Debian: time).
set -eu

ROWS=${1:-1000000}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
WORK=${2:-$HERE/out}
RUNS=${RUNS:-2}
TIME=/usr/bin/time

case $ROWS in '' | *[!0-9]*) echo "ingest.sh: ROWS must be a number, not '$ROWS'" >&2; exit 2 ;; esac
if [ "$ROWS" -lt 1 ] || [ "$ROWS" -gt 9000000 ]; then
    echo "ingest.sh: ROWS must lie in 1..9000000" >&2; exit 2
fi
if [ ! -x "$TIME" ]; then
    echo "ingest.sh: $TIME missing; install it: apt-get install time" >&2; exit 2
fi
command -v sqlite3 >/dev/null || { echo "ingest.sh: sqlite3 CLI missing (apt-get install sqlite3)" >&2; exit 2; }

if [ -z "${KANSRIJK:-}" ]; then
    make -s -C "$ROOT" kansrijk >&2
    KANSRIJK=$ROOT/kansrijk
fi
[ -x "$KANSRIJK" ] || { echo "ingest.sh: no kansrijk binary at $KANSRIJK" >&2; exit 2; }
REF=("$ROOT"/samples/referentie/*.csv)
echo "== $("$KANSRIJK" --version 2>/dev/null | head -1), binary sha256 $(sha256sum < "$KANSRIJK" | cut -c1-12), $(sqlite3 --version | cut -d" " -f1-2)"
# the machine may be shared: say how busy it was, before and after (the wall-time ratio depends on it)
echo "== load before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"

mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
FILE=$WORK/jgz_contact_JGZ-ZL_2025Q2.csv

# ---- 1. the extract ------------------------------------------------------------------------
# Deterministic: a MINSTD generator (exact in double arithmetic, so mawk and gawk agree).
# Rows come in blocks of 6: five new clients, and the sixth row shares the fifth row's client
# (a twin, an earlier milestone of the same child, or a second prenatal visit), so keys
# (client, kind_volgnummer, contactmoment, contact_datum) never repeat. The pseudonym's first
# 8 hex characters are (client * odd constant) mod 2^32, a bijection, so pseudonyms are unique.
generate() {
    awk -v rows="$1" '
function rnd(n) { S = (S * 48271) % 2147483647; return int(S / 2147483647 * n) }
function hex56(  s, k) {
    s = ""
    for (k = 0; k < 8; k++) { S = (S * 48271) % 2147483647; s = s sprintf("%07x", S % 268435456) }
    return s
}
BEGIN {
    S = 20250630
    OFS = ";"
    # day number -> dd-mm-jjjj, from 01-01-2022 to 31-12-2026
    split("31 28 31 30 31 30 31 31 30 31 30 31", ml, " ")
    d = 0
    for (y = 2022; y <= 2026; y++)
        for (m = 1; m <= 12; m++) {
            n = ml[m] + (m == 2 && y % 4 == 0)
            for (dd = 1; dd <= n; dd++) {
                D[d] = sprintf("%02d-%02d-%04d", dd, m, y)
                if (y == 2025 && m == 4 && dd == 1) q2start = d
                if (y == 2025 && m == 6 && dd == 30) q2end = d
                d++
            }
        }
    q2len = q2end - q2start + 1
    # milestones after birth and their age in days
    nm = split("huisbezoek 4w 8w 3m 4m 6m 7_5m 9m 11m 14m 18m 24m", M, " ")
    split("10 28 56 91 122 183 228 274 335 426 548 730", AGE, " ")
    nr = split("verhuisd overleden geweigerd overgedragen anders", RD, " ")
    print "client_pseudoniem;a_terme_datum;geboortedatum;kind_volgnummer;organisatie;contact_datum;contactmoment;status;reden_uitschrijving"
    client = 0
    for (i = 0; i < rows; i++) {
        if (i % 6 != 5) {
            client++
            p = sprintf("%08x", (client * 747796405) % 4294967296) hex56()
            cd = q2start + rnd(q2len)
            r = rnd(100)
            at = ""; gb = ""; reden = ""; kind = (rnd(2) ? "1" : "")
            if (r < 8) {                         # prenatal home visit
                mi = 0; mo = "prenataal_huisbezoek"; at = cd + 28 + rnd(57)
            } else if (r < 93) {                 # a milestone 0..24 months
                mi = 1 + rnd(nm); mo = M[mi]; gb = cd - AGE[mi] - rnd(7)
            } else if (r < 97) {
                mi = -1; mo = "extra"; gb = cd - 10 - rnd(700)
            } else {
                mi = -1; mo = "uitschrijving"; gb = cd - 10 - rnd(700); reden = RD[1 + rnd(nr)]
            }
            s = rnd(100)
            st = (mo == "uitschrijving" || s < 85) ? "verschenen" : (s < 94 ? "niet_verschenen" : "afgezegd")
            org = (rnd(2) ? "JGZ-ZL" : "")
        } else {                                 # the same client as the previous row
            if (mi == 0) {                       # a second prenatal visit, another day
                cd = (cd + 14 <= q2end) ? cd + 14 : cd - 14
            } else if (mi > 1 && (i / 6) % 2 == 0) {   # an earlier milestone of the same child
                mi--; mo = M[mi]; cd = gb + AGE[mi] + rnd(7)
            } else {                             # a twin: same moment, date and birth date
                kind = "2"
            }
            s = rnd(100)
            st = (mo == "uitschrijving" || s < 85) ? "verschenen" : (s < 94 ? "niet_verschenen" : "afgezegd")
        }
        print p, (at == "" ? "" : D[at]), (gb == "" ? "" : D[gb]), kind, org, D[cd], mo, st, reden
    }
}'
}

STAMP="$ROWS $(sed -n "/^generate()/,/^}/p" "$0" | cksum)"
if [ -f "$FILE" ] && [ "$(cat "$FILE.stamp" 2>/dev/null)" = "$STAMP" ]; then
    echo "== reusing $ROWS-row $FILE"
else
    echo "== generating $ROWS rows: $FILE"
    t0=$(date +%s.%N)
    generate "$ROWS" > "$FILE.tmp"
    mv "$FILE.tmp" "$FILE"
    echo "$STAMP" > "$FILE.stamp"
    t1=$(date +%s.%N)
    awk -v b="$(wc -c < "$FILE")" -v t0="$t0" -v t1="$t1" 'BEGIN { printf "   %d bytes in %.1f s\n", b, t1 - t0 }'
fi

# ---- 2. timed runs -------------------------------------------------------------------------
# Each run starts from a fresh database. The file has just been written or read, so it is in the
# page cache for every run of both tools.
rows_accepted() {   # DB -> rows_accepted of the active jgz_contact delivery
    "$KANSRIJK" deliveries --db "$1" --json | awk '
        /"bestand":/       { b = ($0 ~ /jgz_contact_JGZ-ZL_2025Q2\.csv/) }
        /"rows_accepted":/ { if (b) { v = $0; gsub(/[^0-9]/, "", v); print v } }'
}

best() {   # "sec s kib KiB user u sys s" lines -> best wall seconds, highest KiB, least CPU seconds
    awk 'NR == 1 || $1 < t { t = $1 } $3 > k { k = $3 } NR == 1 || $5 + $7 < c { c = $5 + $7 } END { printf "%s %s %s\n", t, k, c }'
}

: > "$WORK/ingest.times"
: > "$WORK/import.times"
for run in $(seq 1 "$RUNS"); do
    # (a) kansrijk ingest, every check on
    DB=$WORK/kansrijk.db
    rm -f "$DB" "$DB-wal" "$DB-shm" "$DB-journal"
    "$KANSRIJK" init --db "$DB" >/dev/null
    "$KANSRIJK" ingest --db "$DB" "${REF[@]}" >/dev/null
    rc=0
    $TIME -f '%e s %M KiB %U user %S sys' -o "$WORK/time.out" \
        "$KANSRIJK" ingest --db "$DB" "$FILE" > "$WORK/ingest.out" 2>&1 || rc=$?
    if [ "$rc" -ne 0 ]; then
        echo "ingest.sh: kansrijk ingest exited $rc (run $run):" >&2
        head -40 "$WORK/ingest.out" >&2
        exit 1
    fi
    acc=$(rows_accepted "$DB")
    if [ "$acc" != "$ROWS" ]; then
        echo "ingest.sh: rows_accepted is '$acc', expected $ROWS (run $run)" >&2
        head -40 "$WORK/ingest.out" >&2
        exit 1
    fi
    tail -1 "$WORK/time.out" | tee -a "$WORK/ingest.times" | sed "s/^/   run $run  kansrijk ingest: /"

    # (b) sqlite3 .import into a plain table of a fresh database
    PLAIN=$WORK/plain.db
    rm -f "$PLAIN" "$PLAIN-journal"
    printf '.mode csv\n.separator ;\n.import "%s" t\n' "$FILE" > "$WORK/import.sql"
    $TIME -f '%e s %M KiB %U user %S sys' -o "$WORK/time.out" sqlite3 "$PLAIN" < "$WORK/import.sql"
    n=$(sqlite3 "$PLAIN" 'SELECT count(*) FROM t')
    if [ "$n" != "$ROWS" ]; then
        echo "ingest.sh: .import stored $n rows, expected $ROWS" >&2; exit 1
    fi
    tail -1 "$WORK/time.out" | tee -a "$WORK/import.times" | sed "s/^/   run $run  sqlite3 .import: /"
done

# ---- 3. report -----------------------------------------------------------------------------
read -r ti ki ci < <(best < "$WORK/ingest.times")
read -r tp kp cp < <(best < "$WORK/import.times")
awk -v n="$ROWS" -v runs="$RUNS" -v ti="$ti" -v ki="$ki" -v ci="$ci" -v tp="$tp" -v kp="$kp" -v cp="$cp" 'BEGIN {
    ratio = (tp > 0) ? ti / tp : 0
    mib = ki / 1024
    lim = (n <= 1000000) ? 64 : 128
    printf "\n== %d rows, best of %d runs each (kansrijk accepted all %d rows)\n", n, runs, n
    printf "   %-16s %8s %10s %14s\n", "", "wall", "user+sys", "peak RSS"
    printf "   %-16s %6.2f s %8.2f s %10.1f MiB\n", "kansrijk ingest", ti, ci, mib
    printf "   %-16s %6.2f s %8.2f s %10.1f MiB\n", "sqlite3 .import", tp, cp, kp / 1024
    printf "   ratio ingest/import (wall)  %.2f   goal <= 1.25 (aim 1.0): %s\n", ratio, (ratio <= 1.25 ? "met" : "MISSED")
    printf "   ratio ingest/import (CPU)   %.2f   (for information: less sensitive to other load)\n", (cp > 0 ? ci / cp : 0)
    printf "   ingest peak RSS             %.1f MiB   goal < %d MiB: %s\n", mib, lim, (mib < lim ? "met" : "MISSED")
}'
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
