#!/bin/sh
# Build every libFuzzer target (tests/fuzz/fuzz_*.c) with ASan and UBSan into
# build/fuzz/. The Makefile holds the source and SQL lists, so this only asks
# it: sh tests/fuzz/build.sh [BUILD], the same as make fuzz-build [BUILD=...].
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
exec make -C "$root" --no-print-directory BUILD="${1:-build}" fuzz-build
