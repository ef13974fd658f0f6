#!/usr/bin/env bash
# tools/ingest_same.sh OLD NEW [CASES]: kansrijk ingest of the block-boundary attack files
# (tools/ingest_cases.py) and of odd paths (directory, symlink, FIFO, same file twice,
# correction) by two binaries on fresh databases; every user-facing output compared.
set -uo pipefail
old=$(readlink -f "$1"); new=$(readlink -f "$2"); only=${3:-}
here=$(dirname "$(readlink -f "$0")")
w=${W:-$(mktemp -d)}; mkdir -p "$w"
"$new" samples --schaal 0.3 --seed 3 -o "$w/s" >/dev/null 2>&1
python3 "$here/ingest_cases.py" "$w/s" "$w/cases"
mkdir -p "$w/ref"; for r in regios sites gemeenten organisaties afspraken doelen referenties; do cp "$w/s/$r.csv" "$w/ref/"; done
N=jgz_contact_JGZ-UT_2025.csv
# extra cases needing a shape a plain file cannot give: set up in SIDE dir
special() { # special CASE DIR: prepare; prints the arguments to ingest
    local c=$1 d=$2 b=$w/cases/base/$N
    case $c in
    dir) mkdir -p "$d/$N"; echo "$d/$N";;
    symlink) ln -sf "$b" "$d/$N"; echo "$d/$N";;
    dangling) ln -sf "$d/none.csv" "$d/$N"; echo "$d/$N";;
    fifo|fifo_cp1252) rm -f "$d/$N"; mkfifo "$d/$N"; [ $c = fifo ] || b=$w/cases/utf8_early_cp1252_late/$N
        (for i in 1 2 3 4 5 6; do cat "$b" >"$d/$N"; sleep 0.2; done) >/dev/null 2>&1 & echo $! >"$d/../writer"; echo "$d/$N";;
    twice) echo "$b $b";;
    samebytes_othername) cp "$b" "$d/jgz_contact_JGZ-UT_2025Q9.csv" 2>/dev/null; echo "$b";;
    esac
}
run() { # run BIN SIDE CASE
    local b=$1 d=$w/out/$3/$2 c=$3
    rm -rf "$d"; mkdir -p "$d/fb" "$d/fb2" "$d/in"
    "$b" init --db "$d/k.db" >/dev/null 2>&1
    "$b" ingest --db "$d/k.db" "$w"/ref/*.csv >/dev/null 2>&1
    local args
    if [ -d "$w/cases/$c" ]; then args=$w/cases/$c/$N; else args=$(special "$c" "$d/in"); fi
    ( cd "$d"; timeout 30 "$b" ingest --db k.db --terugkoppeling fb $args >o1 2>e1; echo $? >rc1
      timeout 30 "$b" ingest --db k.db --json $args >o1j 2>e1j; echo $? >rc1j )
    case $c in
    base|crlf|bom|small|base_cp1252_after|utf8_early_cp1252_late) # corrected re-send: a few rows changed, a row less
        python3 - "$w/cases/$c/$N" "$d/in/$N" <<'P'
import sys; b=open(sys.argv[1],'rb').read(); ls=b.split(b'\n'); ls[5]=ls[5].replace(b'verschenen',b'niet_verschenen'); del ls[7]
open(sys.argv[2],'wb').write(b'\n'.join(ls))
P
        ( cd "$d"; "$b" ingest --db k.db --terugkoppeling fb2 in/$N >o2 2>e2; echo $? >rc2
          "$b" ingest --db k.db "$w/cases/$c/$N" >o4 2>e4; echo $? >rc4
          "$b" ingest --db k.db --opnieuw "$w/cases/$c/$N" >o3 2>e3; echo $? >rc3 );;
    esac
    if [ -f "$d/writer" ]; then pkill -P "$(cat "$d/writer")"; kill "$(cat "$d/writer")"; rm -f "$d/writer"; fi 2>/dev/null
    "$b" deliveries --db "$d/k.db" --json >"$d/deliv.json" 2>&1
    "$b" deliveries --db "$d/k.db" >"$d/deliv.out" 2>&1
    local tb; for tb in jgz_contact levering afgewezen waarschuwing; do
        sqlite3 "$d/k.db" "SELECT * FROM $tb ORDER BY 1" >"$d/db_$tb" 2>&1
    done
    rm -f "$d/k.db"* ; rm -rf "$d/in"
    find "$d" -type f | xargs sed -i -e "s#$w/out/$c/$2#DIR#g" -e "s#$w#W#g" -e '/ seconden\| seconds\|[0-9] s$/d' \
        -e 's/[0-9-]*T[0-9:]*Z/TIME/g' -e 's/[0-9]\{4\}-[0-9][0-9]-[0-9][0-9][ T][0-9:.]*/TIME/g'
}
cases=$( (ls "$w/cases"; echo dir symlink dangling fifo fifo_cp1252 twice samebytes_othername) | tr ' ' '\n')
[ -n "$only" ] && cases=$only
n=0; t=0
for c in $cases; do
    run "$old" a "$c"; run "$new" b "$c"; t=$((t+1))
    if ! diff -r "$w/out/$c/a" "$w/out/$c/b" >"$w/out/$c.diff"; then
        n=$((n+1)); echo "DIFF $c: $(grep -c '^[<>]' "$w/out/$c.diff") lines"; head -8 "$w/out/$c.diff" | cut -c1-300
    else echo "same $c (rc $(cat "$w/out/$c/a/rc1"))"; fi
done
echo "ingest_same.sh: $t cases, $n differ ($w)"
[ "$n" -eq 0 ]
