#!/bin/sh
# Build the libFuzzer target tests/fuzz/fuzz_ingest with ASan and UBSan.
# Run from anywhere: sh tests/fuzz/build.sh [OUTPUT]; default build/fuzz/fuzz_ingest.
# Needs clang with libFuzzer (Debian: clang-14, which ships libclang_rt.fuzzer).
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$root/build/fuzz/fuzz_ingest}
CLANG=${CLANG:-clang}
PKGS="sqlite3 nettle json-c libxxhash"
mkdir -p "$(dirname "$out")"
schema=$(dirname "$out")/embedded.c
for f in schema migrate_2 migrate_3 feiten; do sh "$root/tools/embed.sh" "kr_sql_$f" "$root/sql/$f.sql"; done > "$schema"
set -x
# shellcheck disable=SC2046,SC2086
$CLANG -std=c11 -g -O1 -fno-omit-frame-pointer \
    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
    -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Wno-overlength-strings \
    $(pkg-config --cflags $PKGS) \
    -o "$out" "$root/tests/fuzz/fuzz_ingest.c" "$root"/core/*.c "$root"/etl/*.c "$schema" \
    $(pkg-config --libs $PKGS) -lcsv
