# Shared by the end-to-end test scripts: `. "$(dirname "$0")/lib.sh" NAME "$1"` sets K (the
# kansrijk binary, absolute), HERE (tests/), W (a scratch folder removed on exit) and the
# counters, and defines the checks below. Finish with `summary`.
# shellcheck shell=bash
set -u
T_NAME=$1
K=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
# The scripts read the program's English: its screen is Dutch by default (core/i18n.h). The Dutch
# screen has its own tests (tests/taal.sh); feedback files are Dutch either way.
export KANSRIJK_TAAL=en
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# linkage's answer per record as views <table>_k of a test database (tests/linkdump.c): `"$LINKDUMP" DB [PEILDATUM]`
LINKDUMP=$(dirname "$K")/tests/linkdump
W=$(mktemp -d "/tmp/kansrijk-$T_NAME-XXXXXX")
trap 'rm -rf "$W"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
# expect_eq NAME GOT WANT
expect_eq() { if [ "$2" = "$3" ]; then ok; else bad "$1: got '$2', want '$3'"; fi; }
# expect_exit WANT CMD... : run CMD into $W/out and $W/err, compare its exit status
expect_exit() {
    local want=$1
    shift
    "$@" >"$W/out" 2>"$W/err"
    local got=$?
    if [ "$got" = "$want" ]; then ok; else bad "$* -> exit $got, want $want"; sed 's/^/    /' "$W/out" "$W/err" | head -20; fi
}
# expect_grep NAME PATTERN FILE
expect_grep() {
    if grep -q -- "$2" "$3"; then ok; else bad "$1: '$2' not in $3"; sed 's/^/    /' "$3" | head -20; fi
}
# check NAME GOT WANT: as expect_eq, naming every check (for the hand-computed fixtures)
check() {
    if [ "$2" = "$3" ]; then
        ok
        echo "ok $1"
    else
        fail=$((fail + 1))
        echo "FAIL $1: got ${2:-(no row)} expected $3"
    fi
}
sql() { sqlite3 "$DB" "$1"; }
summary() {
    echo "$T_NAME: $pass passed, $fail failed"
    [ "$fail" = 0 ]
}
