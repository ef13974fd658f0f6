#!/bin/sh
# Banned calls (STYLE.md): sprintf, strcpy, strcat, atoi, strtok, gets.
set -u
bad=$(grep -nE '\b(sprintf|strcpy|strcat|atoi|strtok|gets)[[:space:]]*\(' \
      core/*.c core/*.h etl/*.c etl/*.h engine/*.c engine/*.h reports/*.c reports/*.h samples/*.c samples/*.h cli/*.c tests/*.c tests/*.h tests/fuzz/*.c tests/fuzz/*.h 2>/dev/null | grep -v snprintf)
if [ -n "$bad" ]; then
    echo "banned calls found (use snprintf, kr_strlcpy, kr_buf, strtol):"
    echo "$bad"
    exit 1
fi
if command -v cppcheck >/dev/null 2>&1; then
    cppcheck --quiet --inline-suppr --error-exitcode=1 --enable=warning,portability --std=c11 \
        --suppress=missingIncludeSystem core etl engine reports samples cli || exit 1
fi
echo "lint: clean"
