#!/bin/sh
# make lint: the house style that a script can check (tools/checksrc.sh: banned calls, line
# length, tabs, trailing whitespace), then cppcheck when it is installed.
set -u
cd "$(dirname "$0")/.." || exit 2
sh tools/checksrc.sh || exit 1
if command -v cppcheck >/dev/null 2>&1; then
    cppcheck --quiet --inline-suppr --error-exitcode=1 --enable=warning,portability --std=c11 \
        --suppress=missingIncludeSystem core etl engine reports samples cli || exit 1
else
    echo "lint: cppcheck not installed, skipped (apt-get install cppcheck)"
fi
echo "lint: clean"
