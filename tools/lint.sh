#!/bin/sh
# make lint: the house style that a script can check (tools/checksrc.sh: banned calls, line
# length, tabs, trailing whitespace), the Dutch translations (po/nl.po against the messages of the
# code, POT: the template xgettext made of them), then cppcheck when it is installed.
#   sh tools/lint.sh [POT]
set -u
cd "$(dirname "$0")/.." || exit 2
sh tools/checksrc.sh || exit 1
if [ -n "${1:-}" ]; then
    # every placeholder of a Dutch text as in its English (msgfmt --check-format), a header, and
    # no message of the code without Dutch: msgcmp counts an untranslated or fuzzy entry as missing
    msgfmt --check -o /dev/null po/nl.po || { echo "lint: po/nl.po does not compile (above)"; exit 1; }
    if ! msgcmp po/nl.po "$1"; then
        echo "lint: messages above have no Dutch in po/nl.po: run 'make po', translate them (no fuzzy), and lint again"
        exit 1
    fi
    stale=$(msgattrib --only-obsolete po/nl.po | grep -c '^#~ msgid' || true)
    [ "$stale" = 0 ] || { echo "lint: po/nl.po holds $stale obsolete entries (#~): remove them"; exit 1; }
    # and no Dutch for a message the code no longer has (msgmerge marks those obsolete)
    unused=$(msgmerge --quiet -o - po/nl.po "$1" | msgattrib --only-obsolete | grep -c '^#~ msgid' || true)
    [ "$unused" = 0 ] || {
        echo "lint: po/nl.po translates messages the code no longer has ($unused): run 'make po', then" \
            "'msgattrib --no-obsolete -o po/nl.po po/nl.po'"
        exit 1
    }
fi
if command -v cppcheck >/dev/null 2>&1; then
    cppcheck --quiet --inline-suppr --error-exitcode=1 --enable=warning,portability --std=c11 \
        --suppress=missingIncludeSystem core etl engine reports samples cli || exit 1
else
    echo "lint: cppcheck not installed, skipped (apt-get install cppcheck)"
fi
echo "lint: clean"
