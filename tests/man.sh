#!/usr/bin/env bash
# The man pages, the bash completion and make install (make e2e-man):
#  - every command of `kansrijk --help` has a section (.SS) in man/kansrijk.1 (Dutch) and
#    man/en/kansrijk.1 (English), and every option of `kansrijk COMMAND --help` (long and short,
#    parsed from the help text, not listed here) is in that command's section of both pages,
#    and in the rendered page; so are the report kinds;
#  - both pages render without a warning (groff -ww; mandoc -Tlint too when installed);
#  - completion/kansrijk.bash, run as bash runs it (COMP_WORDS, COMP_CWORD), offers exactly the
#    commands, every option of each command's --help (and none that its man section lacks), the
#    --type values of `kansrijk spec --format tableschema`, the --indicator ids of
#    `kansrijk indicators --json` and those of a computed database, the --format, --lang,
#    --status, samples --regio values, the report kinds, and files and folders;
#  - make install DESTDIR=... PREFIX=/usr installs every file it should.
# Usage: tests/man.sh path/to/kansrijk
. "$(dirname "$0")/lib.sh" man "$1"
ROOT=$(cd "$HERE/.." && pwd)
export KANSRIJK_TAAL=en # the help is parsed for option names only; they are the same in nl and en
PAGES="$ROOT/man/kansrijk.1 $ROOT/man/en/kansrijk.1"

# ---- what the program says it has --------------------------------------------------------------
"$K" --help >"$W/help" 2>&1
mapfile -t CMDS < <(sed -n 's/^  \([a-z][a-z]*\)  .*/\1/p' "$W/help")
[ "${#CMDS[@]}" -ge 14 ] && ok || bad "only ${#CMDS[@]} commands parsed from kansrijk --help: ${CMDS[*]}"

# options_of CMD: every option its --help names, one a line (a reference to another command in
# quotes, 'kansrijk export --format json', is not one of its options)
options_of() {
    "$K" "$1" --help 2>&1 | sed "s/'kansrijk [^']*'//g" |
        grep -oE -- '(^|[][ |,(])(--[a-z][a-z0-9-]*|-[a-zA-Z])([^a-zA-Z0-9-]|$)' |
        sed -E 's/^[][ |,(]//; s/[^a-zA-Z0-9-]$//' | sort -u
}

# section PAGE CMD: the roff source of CMD's section, with \- as - and no font escapes
section() {
    awk -v c="$2" '$0 == ".SS " c { on = 1; next } on && /^\.S[HS]/ { exit } on' "$1" |
        sed -e 's/\\-/-/g' -e 's/\\f[A-Z]//g' -e 's/\\f(..//g'
}
# has WORD FILE: WORD as a whole word (an option name) in FILE
has() { grep -qE -- "(^|[^a-zA-Z0-9-])$1([^a-zA-Z0-9-]|\$)" "$2"; }

# ---- the man pages ----------------------------------------------------------------------------
nopts=0
for page in $PAGES; do
    name=${page#"$ROOT"/}
    groff -man -Tutf8 -ww -z "$page" >"$W/groff.out" 2>&1
    rc=$?
    if [ "$rc" = 0 ] && [ ! -s "$W/groff.out" ]; then ok; else bad "$name: groff -ww: exit $rc"; sed 's/^/    /' "$W/groff.out" | head; fi
    if command -v mandoc >/dev/null 2>&1; then
        if mandoc -Tlint -Wwarning "$page" >"$W/mandoc.out" 2>&1; then ok; else bad "$name: mandoc -Tlint"; sed 's/^/    /' "$W/mandoc.out" | head; fi
    fi
    # the page as a reader sees it, in plain ASCII (\- renders as -)
    groff -man -Tascii -P-cbou "$page" 2>/dev/null >"$W/rendered"
    case $name in
        man/en/*) secs=(NAME SYNOPSIS DESCRIPTION COMMANDS ENVIRONMENT 'EXIT STATUS' FILES EXAMPLES 'SEE ALSO') ;;
        *) secs=(NAAM OVERZICHT BESCHRIJVING OPDRACHTEN OMGEVING AFSLUITSTATUS BESTANDEN VOORBEELDEN 'ZIE OOK') ;;
    esac
    for s in "${secs[@]}"; do
        grep -qx "$s" "$W/rendered" && ok || bad "$name: no section $s"
    done
    # the options before a command (kansrijk --help names --help and --version)
    case $name in man/en/*) g='GLOBAL OPTIONS' ;; *) g='ALGEMENE OPTIES' ;; esac
    awk -v t=".SH $g" '$0 == t { on = 1; next } on && /^\.SH/ { exit } on' "$page" | sed 's/\\-/-/g' >"$W/sec"
    for o in --help -h --version --lang; do
        has "$o" "$W/sec" && ok || bad "$name: $o not in $g"
    done
    for v in KANSRIJK_TAAL KANSRIJK_BUSY_TIMEOUT KANSRIJK_TIMING; do
        grep -q "^\.B $v\$" "$page" && ok || bad "$name: environment variable $v not documented"
    done
    for c in "${CMDS[@]}"; do
        section "$page" "$c" >"$W/sec"
        if [ ! -s "$W/sec" ]; then
            bad "$name: no section '.SS $c' for the command $c"
            continue
        fi
        ok
        while read -r o; do
            nopts=$((nopts + 1))
            if has "$o" "$W/sec"; then ok; else bad "$name: $o of 'kansrijk $c --help' is not in the section $c"; fi
            if has "$o" "$W/rendered"; then ok; else bad "$name: $o not in the rendered page"; fi
        done < <(options_of "$c")
    done
    # the options being added beside this page (--lang everywhere, --stil/--quiet, --toekomst)
    for co in "ingest --stil" "ingest --quiet" "compute --stil" "compute --quiet" "compute --toekomst" \
        "init --lang" "status --lang" "samples --lang"; do
        section "$page" "${co% *}" >"$W/sec"
        has "${co#* }" "$W/sec" && ok || bad "$name: ${co#* } not in the section ${co% *}"
    done
    # the report kinds of 'kansrijk report --help'
    section "$page" report >"$W/sec"
    for kind in $("$K" report --help | sed -n 's/^[A-Za-z]*: kansrijk report \([a-z|]*\) .*/\1/p' | tr '|' ' '); do
        grep -q "^\.B $kind\$" "$W/sec" && ok || bad "$name: report kind $kind not described"
    done
done
[ "$nopts" -ge 100 ] && ok || bad "only $nopts command options checked over both pages"

# ---- the bash completion ----------------------------------------------------------------------
# shellcheck source=../completion/kansrijk.bash
. "$ROOT/completion/kansrijk.bash"
complete -p kansrijk >/dev/null 2>&1 && ok || bad "the completion script registers no completion for kansrijk"
# comp WORD...: the candidates bash would offer when the last WORD is being completed, sorted
comp() {
    COMP_WORDS=("$K" "$@")
    COMP_CWORD=$#
    COMP_LINE="$K $*"
    COMP_POINT=${#COMP_LINE}
    COMPREPLY=()
    _kansrijk "kansrijk" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}" 2>/dev/null
    printf '%s\n' "${COMPREPLY[@]}" | sed '/^$/d' | sort
}
words() { printf '%s\n' "$@" | sort; }

expect_eq "commands" "$(comp '')" "$(words "${CMDS[@]}")"
expect_eq "commands starting with v" "$(comp v)" "$(words validate vergelijk)"
expect_eq "before a command" "$(comp --)" "$(words --help --lang --version)"
for c in "${CMDS[@]}"; do
    comp "$c" - >"$W/cand"
    section "$ROOT/man/kansrijk.1" "$c" >"$W/sec"
    while read -r o; do
        grep -qxF -- "$o" "$W/cand" && ok || bad "completion of 'kansrijk $c -' lacks $o (of its --help)"
    done < <(options_of "$c")
    while read -r o; do
        [ "$o" = --help ] && continue
        has "$o" "$W/sec" && ok || bad "completion offers $o for $c, which its man section does not document"
    done <"$W/cand"
done
expect_eq "ingest --acc" "$(comp ingest --acc)" "--accept-partial"

"$K" spec --format tableschema | jq -r '.resources[].name' | sort >"$W/types"
[ "$(wc -l <"$W/types")" -ge 10 ] && ok || bad "few types in kansrijk spec --format tableschema"
expect_eq "ingest --type" "$(comp ingest --type '')" "$(cat "$W/types")"
expect_eq "spec --type z" "$(comp spec --type z)" "$(grep '^z' "$W/types")"
"$K" indicators --json | jq -r '.[].id' | sort >"$W/ids"
[ "$(wc -l <"$W/ids")" -ge 20 ] && ok || bad "few ids in kansrijk indicators --json"
expect_eq "export --indicator (catalogue)" "$(cd "$W" && comp export --indicator '')" "$(cat "$W/ids")"
expect_eq "export --indicator overdracht.w" "$(cd "$W" && comp export --indicator overdracht.w)" "overdracht.warm"

# a computed database adds the parts of the outcome table (route.verdeling.3)
mkdir -p "$W/db"
"$K" samples --schaal 0.02 --regio zl --jaren 2025 -o "$W/db/s" >/dev/null 2>&1
"$K" init --db "$W/db/k.db" >/dev/null 2>&1
"$K" ingest --db "$W/db/k.db" "$W/db/s"/*.csv >/dev/null 2>&1
"$K" compute --db "$W/db/k.db" >/dev/null 2>&1
sqlite3 "$W/db/k.db" "SELECT DISTINCT indicator FROM uitkomst WHERE indicator LIKE 'route.verdeling%'" | sort >"$W/parts"
expect_grep "the database holds route.verdeling.3" '^route\.verdeling\.3$' "$W/parts"
expect_eq "vergelijk --db DB --indicator route.verdeling" \
    "$(cd "$W" && comp vergelijk --db "$W/db/k.db" --indicator route.verdeling)" "$( (cat "$W/parts"; echo route.verdeling) | sort -u)"
expect_eq "kansrijk.db in the current folder" \
    "$(cd "$W/db" && cp k.db kansrijk.db && comp vergelijk --indicator route.verdeling.)" \
    "$(grep 'verdeling\.' "$W/parts")"

expect_eq "spec --format" "$(comp spec --format '')" "$(words md tableschema)"
expect_eq "export --format" "$(comp export --format '')" "$(words csv json)"
expect_eq "--lang" "$(comp overzicht --lang '')" "$(words en nl)"
expect_eq "--lang before the command" "$(comp --lang '')" "$(words en nl)"
expect_eq "command after --lang en" "$(comp --lang en st)" "$(words status)"
expect_eq "deliveries --status" "$(comp deliveries --status '')" "$(words actief geweigerd ingetrokken vervangen)"
expect_eq "samples --regio zl,z" "$(comp samples --regio zl,z)" "$(words zl,zhz)"
expect_eq "samples --regio ''" "$(comp samples --regio '')" "$(words utrecht zhz zl)"
kinds=$("$K" report --help | sed -n 's/^[A-Za-z]*: kansrijk report \([a-z|]*\) .*/\1/p' | tr '|' '\n' | sort)
expect_eq "report kinds" "$(comp report '')" "$kinds"
expect_eq "report kinds after an option" "$(comp report --db x.db '')" "$kinds"
expect_eq "nothing after the report kind" "$(comp report bestuur '')" ""
expect_eq "no value for --periode" "$(comp overzicht --periode '')" ""
mkdir -p "$W/f/map"
touch "$W/f/aap.db" "$W/f/aap.csv"
expect_eq "--db FILE" "$(comp status --db "$W/f/aap.")" "$(words "$W/f/aap.csv" "$W/f/aap.db")"
expect_eq "-o FILE" "$(comp export -o "$W/f/a")" "$(words "$W/f/aap.csv" "$W/f/aap.db")"
expect_eq "ingest FILE" "$(comp ingest --db x "$W/f/aap.c")" "$W/f/aap.csv"
expect_eq "--charts DIR" "$(comp report regio --charts "$W/f/")" "$W/f/map"

# ---- make install ---------------------------------------------------------------------------
# The program this script tests is the one installed (-o: make does not rebuild it).
D="$W/dest"
env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -C "$ROOT" --no-print-directory install \
    BUILD="$(dirname "$K")" -o "$K" DESTDIR="$D" PREFIX=/usr >"$W/install.out" 2>&1
rc=$?
[ "$rc" = 0 ] && ok || { bad "make install: exit $rc"; sed 's/^/    /' "$W/install.out" | tail; }
for f in bin/kansrijk share/man/man1/kansrijk.1 share/man/en/man1/kansrijk.1 \
    share/bash-completion/completions/kansrijk share/doc/kansrijk/README.md share/doc/kansrijk/LICENSE \
    share/doc/kansrijk/docs/aanleverspecificatie.tableschema.json share/locale/nl/LC_MESSAGES/kansrijk.mo; do
    [ -s "$D/usr/$f" ] && ok || bad "make install did not install /usr/$f"
done
for f in "$ROOT"/docs/*.md; do
    cmp -s "$f" "$D/usr/share/doc/kansrijk/docs/${f##*/}" && ok || bad "make install: docs/${f##*/} not installed"
done
[ -x "$D/usr/bin/kansrijk" ] && "$D/usr/bin/kansrijk" --version >/dev/null && ok || bad "the installed program does not run"
# the installed program speaks Dutch by default, from the catalogue beside it (../share/locale)
KANSRIJK_TAAL=nl "$D/usr/bin/kansrijk" --help 2>&1 | grep -q '^Gebruik: kansrijk' && ok || bad "the installed program is not Dutch"
cmp -s "$ROOT/man/en/kansrijk.1" "$D/usr/share/man/en/man1/kansrijk.1" && ok || bad "English man page differs"
if command -v man >/dev/null 2>&1; then
    MANPATH="$D/usr/share/man" MANWIDTH=80 LANG=C man -L en kansrijk 2>/dev/null | grep -q 'User Commands' &&
        ok || bad "man -L en kansrijk does not find the installed English page"
    MANPATH="$D/usr/share/man" MANWIDTH=80 LANG=C man kansrijk 2>/dev/null | grep -q 'Gebruikersopdrachten' &&
        ok || bad "man kansrijk does not find the installed Dutch page"
fi
summary
