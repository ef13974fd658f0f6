#!/usr/bin/env bash
# Tests of `kansrijk overzicht`, the bestuur scorecard in the terminal (REPORTS.md, "In the
# terminal"), on a small generated set (two regions, 2024-2025, peildatum 31-12-2025): titles, not
# ids; numbers the Dutch way (and English with --lang en); columns aligned by display width; every
# number equal to the rounded value of its outcome row; the legend; the cohort of retention rows;
# clear errors (exit 2) for a region or period that does not exist.
# Usage: tests/overzicht.sh PATH/TO/kansrijk
. "$(dirname "$0")/lib.sh" overzicht "$1"
# Reports and the scorecard: Dutch unless a check asks for --lang en
export KANSRIJK_TAAL=nl
cd "$W" || exit 2
DB=$W/o.db
"$K" samples --regio zl,zhz --jaren 2024-2025 --schaal 0.2 --seed 3 -o "$W/s" >/dev/null || bad "samples"
"$K" init --db "$DB" >/dev/null || bad "init"
"$K" ingest --db "$DB" "$W"/s/*.csv >/dev/null
"$K" compute --db "$DB" >/dev/null || bad "compute"
"$K" indicators --json >"$W/catalogue.json" || bad "indicators"

# pycheck FILE REGIO PERIODE LANG: the table of FILE checked in Python (text decoded from UTF-8, so that
# len() counts code points: every character overzicht prints is one column wide). Prints one line
# per check, "ok NAME" or "FAIL NAME: why".
pycheck() {
    python3 - "$@" "$DB" "$W/catalogue.json" <<'EOF'
import json, re, sqlite3, sys
path, regio, periode, lang, db, cat = sys.argv[1:7]
nl = lang == "nl"
lines = open(path, encoding="utf-8").read().split("\n")
def say(name, good, why=""):
    print(("ok " + name) if good else ("FAIL %s: %s" % (name, why)))

# the table: the header line (columns apart by two spaces or more) up to the first empty line
hi = next(i for i, l in enumerate(lines) if l.startswith("Indicator"))
header = lines[hi]
starts = [0] + [m.end() for m in re.finditer(r"  +", header)]
say("six columns in the header", len(starts) == 6, header)
end = lines.index("", hi)
rows = [l for l in lines[hi + 1:end] if l.startswith("  ")]
headings = [l for l in lines[hi + 1:end] if not l.startswith("  ")]
year_re = re.compile(r"^(heel|all of) (\d{4})$")
years = [l for l in rows if year_re.match(l[:starts[1]].strip())]
say("two blocks and nineteen rows", len(headings) == 2 and len(rows) - len(years) == 19,
    "%d %d" % (len(headings), len(rows) - len(years)))

# alignment by display width: every cell starts at its column, after a gap of two spaces or more
bad = []
cells = []
for r in rows:
    c = []
    for k, s in enumerate(starts):
        e = starts[k + 1] if k + 1 < len(starts) else len(r) + 1
        cell = r[s:e].strip() if len(r) > s else ""
        if k > 0 and len(r) > s and (r[s - 2:s] != "  " or (cell and r[s] == " ")):
            bad.append(r)
        c.append(cell)
    cells.append(c)
    if r != r.rstrip():
        bad.append(r + "|trailing spaces")
say("columns aligned by display width", not bad, "; ".join(bad[:3]))
status_col = starts[5]
statused = [r for r in rows if len(r) > status_col]
say("the status column starts at one display column",
    statused and all(r[status_col] in "●◐○–" for r in statused), "; ".join(statused[:3]))

# titles, not ids
ids = re.compile(r"\b(route|overdracht|lijn|nazorg|uitkomst|verankering|kwaliteit)\.[a-z_]")
say("no indicator id in the output", not any(ids.search(l) for l in lines), [l for l in lines if ids.search(l)][:2])

# the cells: values with their unit, never a bare count
num = r"\d+(,\d)?" if nl else r"\d+(\.\d)?"
unit = r"( %| ‰| dagen|\b dag)" if nl else r"(%|‰| days| day)"
reached = "niet bereikt" if nl else "not reached"
value_re = re.compile(r"^(x|–|%s|%s%s)\*?$" % (reached, num, unit))
ival_re = re.compile(r"^(%s–%s)?$" % (num, num))
target_re = re.compile(r"^(%s|\d+([.,]\d+)?(%s)?)$" % ("geen doel" if nl else "no target", unit))
status_ok = ["", "● groen", "◐ oranje", "○ rood", "– grijs"] if nl else ["", "● green", "◐ amber", "○ red", "– grey"]
wrong = [c for c in cells if not (value_re.match(c[1]) and (value_re.match(c[3]) or (year_re.match(c[0]) and not c[3]))
                                  and ival_re.match(c[2])
                                  and target_re.match(c[4]) and c[5] in status_ok)]
say("every cell a value with its unit, an interval, a target or a status (no bare count)", not wrong, wrong[:2])
sep_other = "." if nl else ","
say("no %s as a decimal separator" % sep_other,
    not any(re.search(r"\d\%s\d" % sep_other, l) for l in lines), [l for l in lines if re.search(r"\d\%s\d" % sep_other, l)][:2])

# every number equals the rounded value of its outcome row (the cohort's for retention)
titles = {(x["titel"] if nl else x["title"]): x["id"] for x in json.load(open(cat))}
con = sqlite3.connect(db)
def quarter_back(p, n):
    if len(p) == 4:
        return str(int(p) - n // 4)
    y, q = int(p[:4]), int(p[5])
    k = y * 4 + q - 1 - n
    return "%dQ%d" % (k // 4, k % 4 + 1)
def fmt(v, dec):
    s = "%.*f" % (dec, v)
    return s.replace(".", ",") if nl else s
def expect(ind, per):
    row = con.execute("SELECT waarde, ci_laag, ci_hoog, onderdrukt, voorlopig, eenheid FROM uitkomst WHERE indicator = ? "
                      "AND regio = ? AND site = '*' AND groep = 'totaal' AND periode = ?", (ind, regio, per)).fetchone()
    if row is None:
        return "–", ""
    w, lo, hi, x, vl, eh = row
    if x:
        return "x", ""
    days = eh == "dagen"
    d = lambda v: 0 if float(v).is_integer() else 1
    if w is None:
        v = reached if days else "–"
    elif days:
        v = fmt(w, d(w)) + ((" dag" if w == 1 else " dagen") if nl else (" day" if w == 1 else " days"))
    else:
        v = fmt(w, 1) + {"%": " %" if nl else "%", "per1000": " ‰" if nl else "‰"}[eh]
    iv = "" if lo is None or hi is None else fmt(lo, d(lo) if days else 1) + "–" + fmt(hi, d(hi) if days else 1)
    return v + ("*" if vl else ""), iv
prev = quarter_back(periode, 1 if len(periode) == 6 else 4)
mismatch, seen = [], set()
ind = None
for c in cells:
    t = c[0]
    m = year_re.match(t)
    if m:
        # a suppressed quarter's year, shown on a line of its own: the line above is x, the year is not
        v, iv = expect(ind, m.group(2))
        if ind is None or last != "x" or m.group(2) != periode[:4] or v in ("x", "–") or (c[1], c[2], c[3]) != (v, iv, ""):
            mismatch.append("%s after %s (%s): %s | %s | %s, want %s | %s | (empty)" % (t, ind, last, c[1], c[2], c[3], v, iv))
        continue
    last = c[1].rstrip("*")
    m = re.match(r"^(In beeld na|Followed up at) (12|24) (maanden|months) \((geboren|born) (\S+)\)$", t)
    if m:
        ind, months, cohort = "nazorg.in_zorg.s%sm" % m.group(2), int(m.group(2)), m.group(5)
        want_cohort = quarter_back(periode, months // 3) if len(periode) == 6 else str(int(periode) - months // 12)
        if cohort != want_cohort:
            mismatch.append("%s: cohort %s, want %s" % (t, cohort, want_cohort))
        now, before = cohort, quarter_back(cohort, 1 if len(cohort) == 6 else 4)
    else:
        base = re.sub(r" \((mediaan|median)\)$", "", t)
        base = {"Deelname organisaties": "Deelname", "Participation of organisations": "Participation"}.get(base, base)
        if base in ("Deelname gemeenten", "Participation of municipalities"):
            ind = "verankering.deelname.gemeenten"
        elif base in titles:
            ind = titles[base] + (".p50" if t.endswith(("(mediaan)", "(median)")) else "")
        else:
            mismatch.append("unknown title " + t)
            continue
        now, before = periode, prev
    seen.add(ind)
    v, iv = expect(ind, now)
    pv, _ = expect(ind, before)
    if (c[1], c[2], c[3]) != (v, iv, pv):
        mismatch.append("%s: %s | %s | %s, want %s | %s | %s" % (t, c[1], c[2], c[3], v, iv, pv))
say("every value, interval and previous value is the rounded outcome row", not mismatch, mismatch[:3])
scorecard = {"route.gescreend", "overdracht.mdo_tijdig", "overdracht.jgz_tijdig", "overdracht.warm",
             "lijn.eerste_lijn_baring", "lijn.psychosociaal_klinisch", "overdracht.eerste_jgz_contact",
             "nazorg.in_zorg.s12m", "nazorg.in_zorg.s24m", "verankering.deelname"}
say("the whole bestuur scorecard is shown", scorecard <= seen, sorted(scorecard - seen))
EOF
}
run_pycheck() {  # FILE REGIO PERIODE LANG
    local line
    while IFS= read -r line; do
        case $line in
            ok\ *) ok ;;
            *) bad "overzicht $2 $3 $4: $line" ;;
        esac
    done < <(pycheck "$@" 2>&1)
}

# ---- usage ----------------------------------------------------------------------------------------
expect_exit 0 "$K" overzicht --help
expect_grep "--help names --lang" "--lang L" "$W/out"
KANSRIJK_TAAL=en expect_exit 2 "$K" overzicht --db "$DB" --lang fr
expect_grep "--lang fr refused" "^kansrijk: --lang is nl (Dutch) or en (English), not 'fr'$" "$W/err"

# ---- Dutch, one region and quarter ------------------------------------------------------------------------
expect_exit 0 "$K" overzicht --db "$DB" --regio zl --periode 2025Q4
cp "$W/out" "$W/zl.txt"
expect_grep "the region by name and the period, the previous one and the peildatum" \
    "^Overzicht Zuid-Limburg (zl), periode 2025Q4 (vorige: 2025Q3), peildatum 31 december 2025$" "$W/zl.txt"
for t in "Gescreend op kwetsbaarheid" "Tijdig besproken in het MDO" "Warme overdracht" "Eerste JGZ-contact" \
    "Deelname organisaties" "Dagen tot bespreking in het MDO (mediaan)"; do
    expect_grep "Dutch title: $t" "^  $t  " "$W/zl.txt"
done
# retention at an age: the children who turned 12 (24) months in 2025Q4; the set begins in 2024, so
# the cohort of 2023Q4 has no row and shows –
# (at this scale the 12-month row is x: S(12 months) against the cohort of 232 would tell that 1 to 9 were lost)
expect_grep "12 months: cohort 2024Q4, a row (x: too few lost to show)" "^  In beeld na 12 maanden (geboren 2024Q4)  *\(x\|[0-9][0-9]*,[0-9] %\)" "$W/zl.txt"
expect_grep "24 months: cohort 2023Q4, no data" "^  In beeld na 24 maanden (geboren 2023Q4)  *–  *–  *geen doel$" "$W/zl.txt"
expect_grep "a decimal comma and a percent sign" "[0-9],[0-9] %" "$W/zl.txt"
# a suppressed quarter of a scorecard row gets the year it is part of on a line of its own, as the bestuur report's
# scorecard shows "heel 2025 (kwartaal: x)" (overzicht once showed only the x); the values are checked by pycheck
expect_eq "a suppressed quarter: the year on the next line" \
    "$(grep -A1 "^  Klinisch om psychosociale redenen  *x  " "$W/zl.txt" | sed -n 2p | sed -E 's/  +/|/g')" \
    "|heel 2025|13,9 %*|9,9–19,3|5 %|○ rood"
expect_grep "the year lines said under the legend" "^Heel 2025 onder een x: het kwartaal is niet getoond, het hele jaar wel" "$W/zl.txt"
expect_grep "an interval with a dash" "[0-9],[0-9]–[0-9]*,[0-9]" "$W/zl.txt"
expect_grep "a voorlopig value marked" "[0-9] %\*" "$W/zl.txt"
expect_grep "a suppressed value shown as x with grey status" "  x  .*– grijs$" "$W/zl.txt"
expect_grep "legend: *" "^  \*  *voorlopig: het cohort kan nog veranderen$" "$W/zl.txt"
expect_grep "legend: x" "^  x  *niet getoond: te weinig personen, of om terugrekenen te voorkomen$" "$W/zl.txt"
expect_grep "legend: –" "^  –  *geen gegevens voor deze periode$" "$W/zl.txt"
expect_grep "legend: groen" "^  ● groen  *doel gehaald$" "$W/zl.txt"
expect_grep "legend: oranje" "^  ◐ oranje  *doel niet gehaald, maar het 95 %-interval bevat het doel" "$W/zl.txt"
expect_grep "legend: rood" "^  ○ rood  *doel niet gehaald$" "$W/zl.txt"
expect_grep "legend: grijs" "^  – grijs  *geen status" "$W/zl.txt"
expect_grep "legend: niet bereikt" "^  niet bereikt  *de helft" "$W/zl.txt"
run_pycheck "$W/zl.txt" zl 2025Q4 nl

# ---- all regions, the default period; a year -------------------------------------------------------------
expect_exit 0 "$K" overzicht --db "$DB"
cp "$W/out" "$W/all.txt"
expect_grep "default: all regions, the last whole quarter before the peildatum" \
    "^Overzicht alle regio's samen, periode 2025Q4 (vorige: 2025Q3)" "$W/all.txt"
run_pycheck "$W/all.txt" '*' 2025Q4 nl
expect_exit 0 "$K" overzicht --db "$DB" --regio zhz --periode 2025
cp "$W/out" "$W/year.txt"
expect_grep "a year: the cohorts a year and two years before" "^  In beeld na 24 maanden (geboren 2023)  " "$W/year.txt"
run_pycheck "$W/year.txt" zhz 2025 nl

# ---- English ------------------------------------------------------------------------------------------
expect_exit 0 "$K" overzicht --db "$DB" --regio zl --periode 2025Q4 --lang en
cp "$W/out" "$W/en.txt"
expect_grep "English header" "^Overview Zuid-Limburg (zl), period 2025Q4 (previous: 2025Q3), data cut-off 31 December 2025$" "$W/en.txt"
expect_grep "English title" "^  Screened for vulnerability  " "$W/en.txt"
expect_grep "English retention title" "^  Followed up at 12 months (born 2024Q4)  " "$W/en.txt"
expect_grep "a decimal point" "[0-9]\.[0-9]%" "$W/en.txt"
expect_grep "English legend: x" "^  x  *not shown: too few persons, or to prevent recalculation$" "$W/en.txt"
expect_grep "English status words" "– grey$" "$W/en.txt"
if grep -q "Gescreend\|groen\|voorlopig" "$W/en.txt"; then bad "Dutch words in --lang en"; else ok; fi
run_pycheck "$W/en.txt" zl 2025Q4 en

# ---- a region or period that does not exist -------------------------------------------------------------
expect_exit 2 "$K" overzicht --db "$DB" --regio zx
expect_grep "unknown region named, the known ones listed" \
    "^kansrijk overzicht: regio 'zx' bestaat niet; bekende regio's: utrecht, zhz, zl (of \* voor alle regio's samen)$" "$W/err"
expect_eq "unknown region: nothing on stdout" "$(wc -c <"$W/out")" "0"
expect_exit 0 "$K" overzicht --db "$DB" --regio ZL
expect_grep "a region code in capitals is that region" "^Overzicht Zuid-Limburg (zl), periode" "$W/out"
expect_exit 2 "$K" overzicht --db "$DB" --regio zx --lang en
expect_grep "unknown region in English" "^kansrijk overzicht: region 'zx' does not exist; known regions: utrecht, zhz, zl" "$W/err"
expect_exit 2 "$K" overzicht --db "$DB" --regio zl --periode 2030Q1
expect_grep "unknown period named, the periods there are listed" \
    "^kansrijk overzicht: periode 2030Q1 bestaat niet voor Zuid-Limburg (zl); er zijn uitkomsten voor de kwartalen 2024Q1 t/m 2025Q4 en de jaren 2024 t/m 2025$" "$W/err"
# a registered region that delivered nothing: its organisations' participation (0 %) is there, the rest –
expect_exit 0 "$K" overzicht --db "$DB" --regio utrecht
expect_grep "a region without deliveries: participation 0 %" "^  Deelname organisaties  *0,0 %  " "$W/out"
expect_grep "a region without deliveries: no data" "^  Gescreend op kwetsbaarheid  *–  *–  *95 %$" "$W/out"
expect_exit 2 "$K" overzicht --db "$DB" --periode 2025Q7
expect_grep "a malformed period named" "^kansrijk overzicht: periode '2025Q7' is geen kwartaal (2025Q2) of jaar (2025)$" "$W/err"
"$K" init --db "$W/leeg.db" >/dev/null
expect_exit 2 "$K" overzicht --db "$W/leeg.db"
expect_grep "nothing computed yet, the --db to type named" "er is nog niets berekend: voer eerst 'kansrijk compute --db leeg.db' uit" "$W/err"
expect_exit 0 "$K" status --db "$W/leeg.db"
expect_grep "status before linkage, the --db to type named" "voer 'kansrijk link --db leeg.db' uit" "$W/out"
expect_exit 2 "$K" overzicht --db "$W/leeg.db" --regio zl
expect_grep "no regions yet" "regio 'zl' bestaat niet; er zijn nog geen regio's" "$W/err"

# the periods overzicht knows are those of the reports: 2023Q4 (before the set's first intake, with a handover row or
# two) is refused by both, naming the periods there are
expect_exit 2 "$K" overzicht --db "$DB" --periode 2023Q4
expect_grep "overzicht: a period before the first intake refused" "periode 2023Q4 bestaat niet voor alle regio's samen; er zijn uitkomsten voor de kwartalen 2024Q1 t/m 2025Q4" "$W/err"
expect_exit 2 "$K" report bestuur --db "$DB" --periode 2023Q4 -o "$W/x.pdf"
expect_grep "report: the same period refused" "periode 2023Q4 komt niet voor in de uitkomstentabel" "$W/err"
# figures older than the deliveries: every command that shows them says so on stderr, and what to run
expect_exit 0 "$K" overzicht --db "$DB"
expect_eq "up to date: no note" "$(grep -c "let op" "$W/err")" "0"
cp "$DB" "$W/oud.db"
wid=$(sqlite3 "$W/oud.db" "SELECT max(id) FROM levering WHERE status = 'actief' AND organisatie IS NOT NULL")
expect_exit 0 "$K" deliveries --db "$W/oud.db" --intrekken "$wid"
expect_grep "withdrawn: what to run next" "^voer 'kansrijk compute --db oud.db' uit om haar uit de cijfers te halen$" "$W/out"
for c in "overzicht" "vergelijk --indicator overdracht.warm" "export -o $W/x.json" "report bestuur -o $W/x.pdf"; do
    # shellcheck disable=SC2086
    expect_exit 0 "$K" $c --db "$W/oud.db"
    expect_grep "${c%% *} on stale figures: said" "^kansrijk ${c%% *}: let op: er zijn leveringen bijgekomen, vervangen of ingetrokken na de laatste berekening; deze cijfers bevatten die niet: voer 'kansrijk compute --db oud.db' opnieuw uit$" "$W/err"
done
# a --peildatum after the last period delivered: computed, with a note
expect_exit 0 "$K" compute --db "$W/oud.db" --peildatum 2026-02-15 --toekomst
expect_grep "peildatum after the last period: said" "^kansrijk compute: let op: --peildatum 2026-02-15 ligt na het einde van de laatst geleverde periode (2025-12-31)" "$W/err"
expect_exit 0 "$K" compute --db "$W/oud.db" --peildatum 2025-11-15
expect_grep "a peildatum within a quarter: publish one table per quarter" "^kansrijk compute: let op: --peildatum 2025-11-15 is niet het einde van een kwartaal; elke latere compute wordt getoetst aan een tabel die hiervoor wordt geëxporteerd of gerapporteerd (docs/privacy.md, 5.8), dus tabellen van een paar dagen uit elkaar verbergen meer: publiceer één tabel per kwartaal" "$W/err"
expect_exit 0 "$K" compute --db "$W/oud.db" --peildatum 2025-12-31
expect_eq "peildatum at the last period: no note" "$(grep -c "let op" "$W/err")" "0"

# a delivery the agreements expect that is missing: said above the table (a missing screening file reads as "0 %
# screened" otherwise); none missing, nothing said
"$K" overzicht --db "$DB" --regio zl --periode 2025Q4 >"$W/all.txt" 2>&1
expect_eq "no delivery missing: no note" "$(grep -c '^Let op: ' "$W/all.txt")" "0"
cp "$DB" "$W/mist.db"
gone=$(sqlite3 "$W/mist.db" "SELECT id FROM levering l JOIN organisaties o ON o.code = l.organisatie WHERE l.status = 'actief' AND l.type = 'screening' AND l.periode = '2025Q4' AND o.regio = 'zl' ORDER BY l.id LIMIT 1")
"$K" deliveries --db "$W/mist.db" --intrekken "$gone" >/dev/null 2>&1 || bad "withdraw a delivery"
"$K" compute --db "$W/mist.db" >/dev/null 2>&1 || bad "compute without it"
expected=$(sqlite3 "$W/mist.db" "SELECT noemer FROM uitkomst WHERE indicator = 'verankering.aanlevering.ontbreekt' AND regio = 'zl' AND site = '*' AND groep = 'totaal' AND periode = '2025Q4'")
"$K" overzicht --db "$W/mist.db" --regio zl --periode 2025Q4 >"$W/mist.txt" 2>&1
expect_grep "a missing delivery: said above the table" \
    "^Let op: 1 van de ${expected:-?} leveringen die de afspraken voor 2025Q4 verwachten, ontbreken" "$W/mist.txt"
"$K" overzicht --db "$W/mist.db" --regio zl --periode 2025Q4 --lang en >"$W/mist-en.txt" 2>&1
expect_grep "a missing delivery, English" "^Note: 1 of the ${expected:-?} deliveries that the agreements expect" "$W/mist-en.txt"

summary
