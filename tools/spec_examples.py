#!/usr/bin/env python3
"""Write the example files of the specification into etl/spec.c (between the markers
"examples (BEGIN" and "examples (END"), taken from `kansrijk samples` output.

    python3 tools/spec_examples.py build/kansrijk

For every type: the file of one organisation of the kind that delivers it (an example file
name partners can copy), its header in the specification's column order, and three rows of
that file that were not spoiled on purpose (manifest.txt), chosen to show different codes.
Rows are copied as written, except that an extra column is dropped and the delimiter is ;.
Every example is checked with `kansrijk validate` against the reference data before it is
written; tests/spec.sh checks them again from the printed specification.
"""
import csv
import io
import json
import os
import re
import subprocess
import sys
import tempfile

SAMPLE_ARGS = ["--regio", "zl", "--jaren", "2025", "--schaal", "0.1", "--seed", "2025"]
PERIOD = "2025Q2"
# the organisation whose file is the example: the kind of organisation that delivers the type
EXTRACT_ORG = {
    "zwangerschap": "VP-ZL-1",   # verloskundigenpraktijk: the intake
    "screening": "VP-ZL-1",
    "zorgepisode": "ZH-ZL-1",    # ziekenhuis: episodes in the 2nd line
    "overdracht": "KZ-ZL-1",     # kraamzorg -> JGZ
    "mdo": "KNP-ZL",             # knooppunt
    "bevalling": "ZH-ZL-1",      # ziekenhuis
    "jgz_contact": "JGZ-ZL",     # jeugdgezondheidszorg
}
REFERENCE = ["regios", "sites", "gemeenten", "organisaties", "afspraken", "doelen", "referenties"]


def spec_fields(k, t):
    out = subprocess.run([k, "spec", "--format", "tableschema", "--type", t], check=True, capture_output=True).stdout
    return json.loads(out)["fields"]


def read_rows(path):
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    first = text.split("\n", 1)[0]
    delim = max([";", ",", "\t"], key=first.count)
    rd = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    rows = []
    header = None
    while True:
        line = rd.line_num + 1
        try:
            row = next(rd)
        except StopIteration:
            break
        if header is None:
            header = [h.strip().lower() for h in row]
            continue
        if any(v.strip() for v in row):
            rows.append((line, dict(zip(header, [v.strip() for v in row]))))
    return rows


def pick(rows, fields, n=3):
    """Greedy: each next row adds the most (column, value) pairs not seen yet in the columns
    with codes (and whether a column is empty); ties go to the earliest row."""
    coded = [f["name"] for f in fields
             if "enum" in f.get("constraints", {}) or f["name"] in ("risicofactoren", "kind_volgnummer", "organisatie")]
    every = [f["name"] for f in fields]
    seen, chosen = set(), []
    for _ in range(n):
        best, best_score = None, -1
        for i, (_, r) in enumerate(rows):
            if i in chosen:
                continue
            pairs = {(c, r.get(c, "")) for c in coded} | {(c, r.get(c, "") == "") for c in every}
            score = len(pairs - seen)
            if score > best_score:
                best, best_score = i, score
        if best is None:
            break
        chosen.append(best)
        r = rows[best][1]
        seen |= {(c, r.get(c, "")) for c in coded} | {(c, r.get(c, "") == "") for c in every}
    return [rows[i][1] for i in sorted(chosen)]


def line_of(values):
    out = []
    for v in values:
        if any(ch in v for ch in ';"\n\r'):
            v = '"' + v.replace('"', '""') + '"'
        out.append(v)
    return ";".join(out)


def c_string(s, width=100):
    """A C string literal, cut into adjacent literals of at most width characters (house line length)."""
    parts = [s[i:i + width] for i in range(0, len(s), width)] or [""]
    return "\n        ".join('"' + p.replace("\\", "\\\\").replace('"', '\\"') + '"' for p in parts)


def main():
    k = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/kansrijk")
    here = os.path.dirname(os.path.abspath(__file__))
    spec_c = os.path.join(here, "..", "etl", "spec.c")
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "s")
        subprocess.run([k, "samples", *SAMPLE_ARGS, "-o", out], check=True, capture_output=True)
        spoiled = set()
        with open(os.path.join(out, "manifest.txt"), encoding="utf-8") as f:
            for row in csv.reader(f, delimiter=";"):
                if len(row) >= 2 and row[1].isdigit():
                    spoiled.add((row[0], int(row[1])))
        db = os.path.join(tmp, "k.db")
        subprocess.run([k, "init", "--db", db], check=True, capture_output=True)
        subprocess.run([k, "ingest", "--db", db] + [os.path.join(out, t + ".csv") for t in REFERENCE],
                       check=True, capture_output=True)
        blocks = []
        for t in REFERENCE + list(EXTRACT_ORG):
            name = t + ".csv" if t in REFERENCE else "%s_%s_%s.csv" % (t, EXTRACT_ORG[t], PERIOD)
            fields = spec_fields(k, t)
            cols = [f["name"] for f in fields]
            rows = [(ln, r) for ln, r in read_rows(os.path.join(out, name)) if (name, ln) not in spoiled]
            lines = []
            while True:
                chosen = pick(rows, fields)
                lines = [";".join(cols)] + [line_of([r.get(c, "") for c in cols]) for r in chosen]
                path = os.path.join(tmp, "check", name)
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "w", encoding="utf-8", newline="") as f:
                    f.write("\n".join(lines) + "\n")
                res = subprocess.run([k, "validate", "--db", db, "--json", path], capture_output=True, text=True)
                rep = json.loads(res.stdout)
                if res.returncode == 0 and rep["tasks"][0]["stats"]["accepted"] == 3:
                    break
                # a row that kansrijk rejects (a duplicate key of another chosen row, say): drop the first chosen
                bad = chosen[0]
                rows = [x for x in rows if x[1] is not bad]
                if len(rows) < 3:
                    sys.exit("%s: no three valid rows" % name)
            body = ",\n".join("    " + c_string(s) for s in [name] + lines)
            blocks.append("static const char *const example_%s[] = {\n%s,\n    NULL};\n" % (t, body))
    src = open(spec_c, encoding="utf-8").read()
    begin = src.index("/* ---- examples (BEGIN")
    begin = src.index("\n", begin) + 1
    end = src.index("/* ---- examples (END")
    gen = ("/* kansrijk samples %s: %s of each type (tools/spec_examples.py) */\n" % (" ".join(SAMPLE_ARGS), PERIOD)
           + "\n".join(blocks))
    src = src[:begin] + gen + src[end:]
    open(spec_c, "w", encoding="utf-8").write(src)


if __name__ == "__main__":
    main()
