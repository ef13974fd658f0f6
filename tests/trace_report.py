#!/usr/bin/env python3
"""Trace every number printed in a kansrijk PDF report to a row of `kansrijk export`.

Usage: trace_report.py [--ref REFERENTIES.csv] REPORT.pdf EXPORT.json REGIO [REGIO ...]

Reads the text with `pdftotext -layout` and checks, independently of kansrijk's code:
  - every value with a unit ("78,4 %", "12 dagen", "4,3 ‰", "0,16 procentpunt") equals the rounded
    waarde or doel of an export row of the report's regions with that unit;
  - every interval "(75,1–81,8)", "(−0,66 tot −0,10)" or "interval −0,69 tot 1,01" equals the rounded ci of such a
    row;
  - every bare number equals a rounded value, count or target of such a row, or is structure:
    a year, quarter or window, a date, a page number, the version, or a chart's axis mark;
  - no count of persons from 1 to 9 appears ("n = 7", "7 kinderen", ...).
With --ref, the national reference values of the reference data (referenties.csv) are values too,
in the unit of their indicator: the reports print them beside the region's.
Prints what it could not trace and exits 1 when anything was found.
"""
import json
import re
import subprocess
import sys

UNIT = {"%": "%", "‰": "per1000", "dagen": "dagen", "days": "dagen", "procentpunt": "pp", "pp": "pp"}
DEC = {"%": 1, "per1000": 1, "dagen": 0, "pp": 2, "aantal": 0, "ratio": 2}
PERSONS = r"(?:zwangerschappen|kinderen|vrouwen|personen|geboortes|cliënten|pregnancies|children|women|persons)"


def norm(tok):
    """A printed number as a float: Dutch (1.234,5) or English (1,234.5), true minus sign."""
    t = tok.replace("\u2212", "-").strip()
    if "," in t and "." in t:
        if t.rfind(",") > t.rfind("."):
            t = t.replace(".", "").replace(",", ".")
        else:
            t = t.replace(",", "")
    elif "," in t:
        t = t.replace(",", ".")
    elif re.fullmatch(r"-?\d{1,3}(\.\d{3})+", t):
        t = t.replace(".", "")
    return float(t)


def fmt(v, d):
    return format(v, ".%df" % d)


def main():
    args = sys.argv[1:]
    refs = []
    if args[:1] == ["--ref"]:
        with open(args[1], encoding="utf-8-sig") as f:
            lines = [l.rstrip("\r\n").split(";") for l in f if l.strip()]
        refs = [dict(zip(lines[0], l)) for l in lines[1:]]
        args = args[2:]
    pdf, export = args[0], args[1]
    regions = set(args[2:])
    rows = [r for r in json.load(open(export, encoding="utf-8")) if r["regio"] in regions]
    text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, check=True).stdout.decode("utf-8")

    values = {}      # unit -> set of printed strings (C-locale) at every precision the report may use
    intervals = set()
    bare = set()
    for r in rows:
        u = r["eenheid"]
        for key in ("waarde", "doel"):
            v = r.get(key)
            if v is None:
                continue
            for d in (0, 1, 2):
                values.setdefault(u, set()).add(fmt(v, d))
                bare.add(fmt(v, d))
        if r.get("ci_laag") is not None and r.get("ci_hoog") is not None:
            for d in (0, 1, 2):
                intervals.add((fmt(r["ci_laag"], d), fmt(r["ci_hoog"], d)))
        for key in ("teller", "noemer"):
            if r.get(key) is not None:
                bare.add(fmt(r[key], 0))

    # the appendix holds the catalogue's definitions and the disclosure rule: words, not data
    for heading in ("Bijlage: definities", "Appendix: definitions"):
        cut = text.find(heading)
        if cut >= 0:
            text = text[:cut]
    units = {r["indicator"]: r["eenheid"] for r in rows}
    for ref in refs:
        u = units.get(ref["indicator"])
        if u:
            v = float(ref["waarde"].replace(",", "."))
            for d in (0, 1, 2):
                values.setdefault(u, set()).add(fmt(v, d))
    problems = []
    used = [False] * len(text)

    def claim(m):
        for i in range(m.start(), m.end()):
            used[i] = True

    num = r"\u2212?\d[\d.,]*\d|\u2212?\d"
    # structure: dates, periods, windows, pages, versions, times
    months = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
    months += "|January|February|March|April|May|June|July|August|September|October|November|December"
    for pat in (r"\d{1,2} (?:%s) \d{4}" % months, r"\d{4}-\d{2}-\d{2}", r"\d{4}Q[1-4]", r"\d{2}Q[1-4]",
                r"\d{4}[-–]\d{4}", r"(?:pagina|page) \d+ (?:van|of) \d+", r"kansrijk \d+\.\d+\.\d+",
                r"[\w.-]*_\d{4}(?:Q[1-4])?\.csv", r"\d+ (?:leveringen van|deliveries from) \d+", r"\b[A-Z]+(?:-[A-Z0-9]+)+\b", r"\d+\+\d", r"route \d( (naar|to) \d)?",
                r"Route \d", r"\b\d+(?:,5)?m\b", r"\d+ (?:mnd|mo)\b", r"\d+e percentiel", r"\b\d+(?:ste|de|e)\b",
                r"^\s*\d\.\s", r"\b(?:19|20)\d{2}\b", r"p′", r"\d+ (?:dagen|days) (?:na|of|after)",
                r"binnen \d+ dagen|within \d+ days|(?:meer dan|more than) \d+ (?:dagen|days)", r"\(\d+\)", r"\d+ weken|\d+ weeks", r"\d+ (?:maanden|months)",
                r"\d+-?(?:daagse|jarige)", r"[0-9]{1,2}\.[0-9]\.[0-9]",
                # structure of the regio report: the level of an interval or band ("95%-interval", "95% bands"),
                # an age class ("20–24 jaar") and a contact moment of a half month ("7,5 maanden", "7.5 months");
                # of the vergelijk report: a funnel's limits ("95%-grenzen", "de 99,8%-grens", "the 99.8% limit")
                r"\b95 ?%[- ]?(?:interval|band)\w*", r"\b(?:95|99[,.]8)\s?%[-\s]?(?:grens|grenzen|limits?)\b", r"\b\d{2}–\d{2} (?:jaar|years)\b",
                r"\b\d+[.,]5 (?:maanden|months)\b"):
        for m in re.finditer(pat.replace(" ", r"\s+"), text, flags=re.M):
            claim(m)
    # intervals first: "(75,1–81,8)", "(−0,66 tot −0,10)" and "interval −0,69 tot 1,01"
    for m in re.finditer(r"\((%s)(?:\s*–\s*|\s+(?:tot|to)\s+)(%s)\)" % (num, num), text):
        a, b = norm(m.group(1)), norm(m.group(2))
        d = len(m.group(1).split(",")[-1]) if "," in m.group(1) else 0
        if (fmt(a, d), fmt(b, d)) not in intervals:
            problems.append("interval %s not in the export" % m.group(0))
        claim(m)
    for m in re.finditer(r"interval (%s) (?:tot|to) (%s)" % (num, num), text):
        a, b = norm(m.group(1)), norm(m.group(2))
        d = len(m.group(1).replace("\u2212", "").split(",")[-1]) if "," in m.group(1) else 0
        if (fmt(a, d), fmt(b, d)) not in intervals:
            problems.append("interval %s not in the export" % m.group(0))
        claim(m)
    # values with a unit
    for m in re.finditer(r"(?<![\w.,])(%s) ?(%%|‰|dagen|days|procentpunt)(?!\w)" % num, text):
        if any(used[m.start():m.end()]):
            continue
        tok, unit = m.group(1), UNIT[m.group(2)]
        d = len(tok.split(",")[-1]) if "," in tok else 0
        if fmt(norm(tok), d) not in values.get(unit, set()):
            problems.append("%s is no value or target of a row in %s" % (m.group(0), unit))
        claim(m)
    # counts of persons
    for m in re.finditer(r"(?:n ?= ?(\d[\d.]*)|(\d[\d.]*) %s)" % PERSONS, text):
        n = int(norm(m.group(1) or m.group(2)))
        if 1 <= n <= 9:
            problems.append("a count of %d persons: %s" % (n, m.group(0)))
    # what is left: bare numbers
    for m in re.finditer(r"(?<![\w.,\u2212])(%s)(?![\w])" % num, text):
        if any(used[m.start():m.end()]):
            continue
        tok = m.group(1).rstrip(".,")
        try:
            v = norm(tok)
        except ValueError:
            continue
        d = len(tok.split(",")[-1]) if "," in tok else 0
        s = fmt(v, d)
        if s in bare:
            continue
        # an axis mark of a chart: a multiple of 5 from 0 to 100, or of 1 when small, or a tick of a
        # logarithmic axis on the 1-2-5 series (the funnel's noemer)
        if d == 0 and 0 <= v <= 100 and (v % 5 == 0 or v <= 10):
            continue
        if d == 0 and v >= 1 and re.fullmatch(r"[125]0*", "%d" % v):
            continue
        line = text[text.rfind("\n", 0, m.start()) + 1:text.find("\n", m.end())]
        problems.append("bare number %s not traced: %s" % (tok, line.strip()[:100]))
    for p in problems:
        print(p)
    print("trace: %d problems" % len(problems))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
