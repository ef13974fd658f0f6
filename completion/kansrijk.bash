# bash completion for kansrijk(1)                                  -*- shell-script -*-
# Installed as share/bash-completion/completions/kansrijk. Completes the commands, each
# command's options, the values of --type, --format, --lang, --status, samples --regio and the
# report kinds, files and folders where a path is asked for, and --indicator ids: those are
# asked of the program itself (`kansrijk indicators --json`, the catalogue) and, when the
# command line names a database (--db, else kansrijk.db here) and sqlite3 is installed, the
# parts in its outcome table (route.verdeling.3). tests/man.sh checks these lists against the
# program's --help and `kansrijk spec --format tableschema`.

_kansrijk_commands="init ingest validate deliveries link status spec compute export overzicht vergelijk report indicators samples"

# The extract and reference types (`kansrijk spec --format tableschema`, resources[].name).
_kansrijk_types="regios sites gemeenten organisaties afspraken doelen referenties zwangerschap screening zorgepisode overdracht mdo bevalling jgz_contact"

_kansrijk_reports="bestuur regio vergelijk kwaliteit"

# _kansrijk_options COMMAND: the options of COMMAND, one string
_kansrijk_options()
{
    local common="--help --lang"
    case $1 in
        init) echo "--db $common" ;;
        ingest) echo "--db --type --organisatie --periode --accept-partial --max-afgewezen --opnieuw --vervang --terugkoppeling --json --stil --quiet $common" ;;
        validate) echo "--db --type --organisatie --periode --accept-partial --max-afgewezen --opnieuw --vervang --terugkoppeling --json --stil --quiet $common" ;;
        deliveries) echo "--db --json --status --intrekken $common" ;;
        link) echo "--db --peildatum --toekomst $common" ;;
        status) echo "--db --json $common" ;;
        spec) echo "--type --format $common" ;;
        compute) echo "--db --peildatum --toekomst --basis --min-cel --stil --quiet $common" ;;
        export) echo "--db --format --indicator --curves -o --output $common" ;;
        overzicht) echo "--db --regio --periode $common" ;;
        vergelijk) echo "--db --indicator --periode --json $common" ;;
        report) echo "--db --regio --periode --bron --charts -o --output $common" ;;
        indicators) echo "--json $common" ;;
        samples) echo "--regio --jaren --schaal --seed -o --output $common" ;;
    esac
}

# _kansrijk_indicators PROGRAM DB: the indicator ids of the catalogue, and the ids of the outcome
# table of DB when it is a readable file and sqlite3 is there.
_kansrijk_indicators()
{
    local prog=$1 db=$2
    if command -v "$prog" >/dev/null 2>&1; then
        "$prog" indicators --json 2>/dev/null | sed -n 's/^ *"id" *: *"\([^"]*\)".*/\1/p'
    fi
    if [[ -n $db && -f $db && -r $db ]] && command -v sqlite3 >/dev/null 2>&1; then
        sqlite3 -readonly "$db" "SELECT DISTINCT indicator FROM uitkomst" 2>/dev/null
    fi
}

# _kansrijk_words WORDS [WORD]: the WORDS that begin with WORD (default: the word being completed)
_kansrijk_words()
{
    mapfile -t COMPREPLY < <(compgen -W "$1" -- "${2-$cur}")
}

# _kansrijk_files [-d]: files (or folders with -d) that begin with the word being completed
_kansrijk_files()
{
    compopt -o filenames 2>/dev/null
    if [[ ${1-} == -d ]]; then
        mapfile -t COMPREPLY < <(compgen -d -- "$cur")
    else
        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
    fi
}

_kansrijk()
{
    local cur=${COMP_WORDS[COMP_CWORD]} prev=""
    ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
    local prog=${COMP_WORDS[0]}
    # shellcheck disable=SC2088 # a literal ~/ as typed: bash has not expanded it in COMP_WORDS
    [[ $prog == "~/"* ]] && prog=$HOME/${prog#"~/"}
    COMPREPLY=()

    # the command: the first word after the program that is no option (skipping --lang X)
    local i cmd="" cmdi=0 db="" w
    for ((i = 1; i < COMP_CWORD; i++)); do
        w=${COMP_WORDS[i]}
        if [[ -z $cmd ]]; then
            case $w in
                --lang) ((i++)) ;;
                -*) ;;
                *) cmd=$w cmdi=$i ;;
            esac
        elif [[ $w == --db && $((i + 1)) -lt $COMP_CWORD ]]; then
            db=${COMP_WORDS[i + 1]}
        elif [[ $w == --db=* ]]; then
            db=${w#--db=}
        fi
    done
    [[ -z $db && -f kansrijk.db ]] && db=kansrijk.db
    # shellcheck disable=SC2088 # a literal ~/ as typed: bash has not expanded it in COMP_WORDS
    [[ $db == "~/"* ]] && db=$HOME/${db#"~/"}

    if [[ -z $cmd ]]; then
        case $prev in
            --lang) _kansrijk_words "nl en"; return 0 ;;
        esac
        if [[ $cur == -* ]]; then
            _kansrijk_words "--help --version --lang"
        else
            _kansrijk_words "$_kansrijk_commands"
        fi
        return 0
    fi

    case $prev in
        --db | --bron | -o | --output)
            _kansrijk_files
            return 0
            ;;
        --terugkoppeling | --charts)
            _kansrijk_files -d
            return 0
            ;;
        --type)
            _kansrijk_words "$_kansrijk_types"
            return 0
            ;;
        --indicator)
            _kansrijk_words "$(_kansrijk_indicators "$prog" "$db" | sort -u)"
            return 0
            ;;
        --format)
            case $cmd in
                spec) _kansrijk_words "md tableschema" ;;
                *) _kansrijk_words "json csv" ;;
            esac
            return 0
            ;;
        --lang)
            _kansrijk_words "nl en"
            return 0
            ;;
        --status)
            _kansrijk_words "actief vervangen geweigerd ingetrokken"
            return 0
            ;;
        --regio)
            if [[ $cmd == samples ]]; then
                # a comma-separated list: complete the last element with a region not named yet
                local head="" last=$cur
                if [[ $cur == *,* ]]; then
                    head="${cur%,*},"
                    last=${cur##*,}
                fi
                local r rest=""
                for r in zl zhz utrecht; do
                    [[ ,$head == *",$r,"* ]] || rest+=" $r"
                done
                mapfile -t COMPREPLY < <(compgen -P "$head" -W "$rest" -- "$last")
                compopt -o nospace 2>/dev/null
            fi
            return 0
            ;;
        --organisatie | --periode | --peildatum | --basis | --min-cel | --max-afgewezen | --intrekken | \
            --jaren | --schaal | --seed)
            return 0
            ;;
    esac

    if [[ $cur == -* ]]; then
        _kansrijk_words "$(_kansrijk_options "$cmd")"
        return 0
    fi

    case $cmd in
        ingest | validate)
            _kansrijk_files
            ;;
        report)
            # the kind, once, right after the command (or after options before it)
            local kind="" k
            for ((k = cmdi + 1; k < COMP_CWORD; k++)); do
                case " $_kansrijk_reports " in *" ${COMP_WORDS[k]} "*) kind=${COMP_WORDS[k]} ;; esac
            done
            [[ -z $kind ]] && _kansrijk_words "$_kansrijk_reports"
            ;;
    esac
    return 0
}
complete -F _kansrijk kansrijk
