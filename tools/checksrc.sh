#!/bin/sh
# checksrc: the parts of the house style (STYLE.md) that a script can check, as curl's checksrc
# does for curl. `make lint` runs it (through tools/lint.sh), before cppcheck.
#
#   sh tools/checksrc.sh [--max-line N] [FILE...]
#
# Without FILE it checks every C source and header of core/ etl/ engine/ reports/ samples/ cli/
# tests/ and tests/fuzz/. It prints one line per problem, file:line: what, and exits 1 when there
# is any:
#   - a banned call: sprintf, strcpy, strcat, atoi, strtok, gets (use snprintf, kr_strlcpy,
#     kr_buf_printf / kr_buf_puts, kr_parse_int / strtol; a tokenizer of your own);
#   - a line longer than MAX_LINE characters (UTF-8 characters, not bytes);
#   - a tab character;
#   - trailing whitespace (a carriage return included).
#
# MAX_LINE: 120, the limit STYLE.md sets; every line of the code keeps to it. Wrap a longer call
# at its arguments, and split a long string literal into adjacent literals ("abc " "def"), which
# the compiler (and xgettext, for a message) joins into the same string. --max-line N checks
# against another limit.
set -u
MAX_LINE=120
BANNED='sprintf|strcpy|strcat|atoi|strtok|gets'

while [ $# -gt 0 ]; do
    case $1 in
    --max-line)
        [ $# -ge 2 ] || { echo "checksrc: --max-line needs a number" >&2; exit 2; }
        case $2 in '' | *[!0-9]*) echo "checksrc: --max-line needs a number" >&2; exit 2 ;; esac
        MAX_LINE=$2
        shift 2
        ;;
    --help | -h)
        awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
        exit 0
        ;;
    --) shift; break ;;
    -*) echo "checksrc: unknown option $1 (try --help)" >&2; exit 2 ;;
    *) break ;;
    esac
done

if [ $# -eq 0 ]; then
    cd "$(dirname "$0")/.." || exit 2
    for f in core/*.[ch] etl/*.[ch] engine/*.[ch] reports/*.[ch] samples/*.[ch] cli/*.[ch] \
             tests/*.[ch] tests/fuzz/*.[ch]; do
        [ -f "$f" ] && set -- "$@" "$f"
    done
fi
[ $# -gt 0 ] || { echo "checksrc: no C files to check" >&2; exit 2; }

# Characters, not bytes: Dutch texts hold é, – and ‰. C.UTF-8 is part of glibc on Debian.
LC_ALL=C.UTF-8
export LC_ALL
tab=$(printf '\t')
over=$((MAX_LINE + 1))
out=$(
    grep -nHE "\\b($BANNED)[[:space:]]*\\(" "$@" |
        sed -E "s/^([^:]*:[0-9]+):.*\\b($BANNED)[[:space:]]*\\(.*/\\1: banned call \\2 (STYLE.md)/"
    grep -nH ".\{$over,\}" "$@" | sed -E "s/^([^:]*:[0-9]+):.*/\\1: line longer than $MAX_LINE characters/"
    grep -nH "$tab" "$@" | sed -E 's/^([^:]*:[0-9]+):.*/\1: tab (indent with spaces)/'
    grep -nH '[[:space:]]$' "$@" | sed -E 's/^([^:]*:[0-9]+):.*/\1: trailing whitespace/'
)
if [ -n "$out" ]; then
    printf '%s\n' "$out" | sort -t: -k1,1 -k2,2n
    echo "checksrc: $(printf '%s\n' "$out" | wc -l | tr -d ' ') problem(s) ($# files checked)"
    exit 1
fi
echo "checksrc: clean ($# files; lines up to $MAX_LINE characters)"
