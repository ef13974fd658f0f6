#!/usr/bin/env python3
"""Checks of `kansrijk spec` output for tests/spec.sh that need no program but Python.

    spec_check.py md SPEC.md EXAMPLE_DIR AFSPRAKEN.csv
        Every Markdown table has as many cells in each row as in its header (a '|' inside a cell
        must be written '\\|'); code fences are closed; every type has one example: its file is
        written to EXAMPLE_DIR under the name the specification gives, the name of an extract's
        example is the one its "Bestandsnaam" line gives, and its organisation delivers that type
        in AFSPRAKEN.csv. Prints the example files, one per line.
    spec_check.py schema SPEC.json
        The Table Schema: field types and constraints that the Table Schema specification (v1)
        defines, primary keys naming fields, missingValues, the CSV dialect; every pattern compiles
        as a Python regular expression anchored as frictionless-py anchors it, and the date,
        gestation, period and code-list patterns accept and refuse what kansrijk does in form.
Exit 1 with one line per problem.
"""
import csv
import json
import os
import re
import sys

problems = []


def bad(msg):
    problems.append(msg)


def cells(line):
    """The cells of a table line: split on '|' not preceded by a backslash, outer pipes dropped."""
    parts = re.split(r"(?<!\\)\|", line.strip())
    return parts[1:-1]


def check_md(path, exdir, afspraken):
    lines = open(path, encoding="utf-8").read().split("\n")
    delivers = set()
    with open(afspraken, encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter=";"):
            delivers.add((row["type"], row["organisatie"]))
    fence = False
    ncols = None
    section = None
    example_name = None
    named = {}
    examples = {}
    block = None
    for i, line in enumerate(lines, 1):
        if line.startswith("```"):
            if not fence and line == "```csv" and example_name:
                block = []
            elif fence and block is not None:
                examples[section] = (example_name, block)
                block = None
                example_name = None
            fence = not fence
            continue
        if fence:
            if block is not None:
                block.append(line)
            continue
        if line.startswith("## "):
            section = line[3:].strip()
        m = re.match(r"Bestandsnaam: `[^`]*`, bijvoorbeeld `([^`]+)`", line)
        if m:
            named[section] = m.group(1)
        m = re.match(r"Voorbeeld `([^`]+)`", line)
        if m:
            example_name = m.group(1)
        if line.startswith("|"):
            n = len(cells(line))
            if ncols is None:
                ncols = n
            elif n != ncols:
                bad("line %d: %d cells, the table's header has %d: %s" % (i, n, ncols, line[:100]))
            if not line.rstrip().endswith("|") or line.rstrip().endswith("\\|"):
                bad("line %d: a table row must end with an unescaped |" % i)
        else:
            ncols = None
    if fence:
        bad("a code fence is never closed")
    os.makedirs(exdir, exist_ok=True)
    for t, (name, rows) in sorted(examples.items()):
        if t in named and named[t] != name:
            bad("%s: the file name says %s, the example %s" % (t, named[t], name))
        m = re.match(r"(.+)_([A-Za-z0-9-]+)_([0-9]{4}Q[1-4])\.csv$", name)
        if m:
            if m.group(1) != t:
                bad("%s: the example %s is of another type" % (t, name))
            if (t, m.group(2)) not in delivers:
                bad("%s: %s does not deliver %s (afspraken)" % (name, m.group(2), t))
        elif name != t + ".csv":
            bad("%s: %s is no file name of this type" % (t, name))
        if len(rows) != 4:
            bad("%s: %d lines in the example, want a header and three rows" % (name, len(rows)))
        with open(os.path.join(exdir, name), "w", encoding="utf-8", newline="") as f:
            f.write("\n".join(rows) + "\n")
        print(os.path.join(exdir, name))
    return examples


TYPES = {"string", "number", "integer", "boolean", "object", "array", "date", "time", "datetime", "year",
         "yearmonth", "duration", "geopoint", "geojson", "any"}
CONSTRAINTS = {"required", "unique", "minLength", "maxLength", "minimum", "maximum", "pattern", "enum"}
DIALECT = {"delimiter", "lineTerminator", "quoteChar", "doubleQuote", "escapeChar", "nullSequence",
           "skipInitialSpace", "header", "commentChar", "caseSensitiveHeader", "csvddfVersion"}


def anchored(p):
    # frictionless-py: re.compile("^{0}$".format(pattern)); the (?:) keeps an alternation inside
    return re.compile("^(?:%s)$" % p), re.compile("^%s$" % p)


def expect(pattern, good, wrong, what):
    for rx in anchored(pattern):
        for v in good:
            if not rx.match(v):
                bad("%s: pattern %s refuses %r" % (what, pattern, v))
        for v in wrong:
            if rx.match(v):
                bad("%s: pattern %s accepts %r" % (what, pattern, v))


def check_schema(path):
    spec = json.load(open(path, encoding="utf-8"))
    for res in spec["resources"]:
        name = res["name"]
        if not re.match(r"^[a-z0-9._-]+$", name):
            bad("%s: resource name" % name)
        if res.get("encoding") != "utf-8" or res.get("format") != "csv":
            bad("%s: encoding and format" % name)
        d = res.get("dialect", {})
        if set(d) - DIALECT or d.get("delimiter") != ";" or not d.get("header"):
            bad("%s: dialect %r" % (name, d))
        s = res["schema"]
        names = [f["name"] for f in s["fields"]]
        if len(set(names)) != len(names):
            bad("%s: a field name twice" % name)
        for k in s.get("primaryKey", []):
            if k not in names:
                bad("%s: primaryKey %s is no field" % (name, k))
        if s.get("missingValues") != [""]:
            bad("%s: missingValues %r" % (name, s.get("missingValues")))
        for f in s["fields"]:
            what = "%s.%s" % (name, f["name"])
            if f["type"] not in TYPES:
                bad("%s: type %s" % (what, f["type"]))
            if "format" in f and f["format"] != "default":
                bad("%s: format %s" % (what, f["format"]))
            c = f.get("constraints", {})
            if set(c) - CONSTRAINTS:
                bad("%s: constraints %s" % (what, set(c) - CONSTRAINTS))
            if "enum" in c and (not c["enum"] or not all(isinstance(v, str) for v in c["enum"])):
                bad("%s: enum" % what)
            if ("minimum" in c or "maximum" in c) and f["type"] not in ("integer", "number"):
                bad("%s: minimum/maximum on a %s" % (what, f["type"]))
            if "maxLength" in c and f["type"] != "string":
                bad("%s: maxLength on a %s" % (what, f["type"]))
            p = c.get("pattern")
            if p is None:
                continue
            if f["type"] != "string":
                bad("%s: pattern on a %s" % (what, f["type"]))
            try:
                anchored(p)
            except re.error as e:
                bad("%s: pattern %s: %s" % (what, p, e))
                continue
            if "datum" in f["name"] or f["name"] == "geboortedatum":
                expect(p, ["1-2-2025", "01-02-2025", "31-12-2025", "2025-02-01"],
                       ["2025-2-1", "01/02/2025", "32-01-2025", "01-13-2025", "1-2-25", "01-02-2025 10:00", ""],
                       what)
            elif f["name"] == "amenorroeduur_geboorte":
                expect(p, ["261", "37+2", "40+0"], ["37+7", "37+", "+2", "261x", "37,2"], what)
            elif f["name"] == "client_pseudoniem":
                expect(p, ["a" * 64, "A0" * 32], ["a" * 63, "a" * 65, "g" * 64], what)
            elif f["name"] == "risicofactoren":
                expect(p, ["schulden", "schulden|huisvesting"], ["schulden|", "|schulden", "schuld", "x|schulden"],
                       what)
            elif f["name"] in ("vanaf", "tot", "periode"):
                expect(p, ["2025", "2025Q1", "2025-Q4", "2025q2"], ["2025Q5", "25Q1", "2025Q"], what)


def main():
    if sys.argv[1] == "md":
        examples = check_md(sys.argv[2], sys.argv[3], sys.argv[4])
        if len(examples) < 14:
            bad("%d examples, want one per type (14)" % len(examples))
    else:
        check_schema(sys.argv[2])
    for p in problems:
        print("FAIL: " + p, file=sys.stderr)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
