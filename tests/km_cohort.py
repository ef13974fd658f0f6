#!/usr/bin/env python3
"""The birth cohort whose retention curves a report draws, worked out from `kansrijk export --curves --format csv`
independently of the reports' code: of the six years up to YEAR (then their quarters, latest first), the cohort whose
published curves (all children, routes 1, 2, 3, not screened; region REGIO, site *) reach furthest together, then the
one with most steps; the first of equal ones. With --full PEILDATUM (yyyy-mm-dd) only cohorts whose last day lies at
least 730 days before it (followed two years). Prints the cohort, or nothing.
Usage: km_cohort.py CURVES.CSV REGIO YEAR [--full PEILDATUM]"""
import csv
import datetime
import sys

path, regio, year = sys.argv[1], sys.argv[2], int(sys.argv[3])
full = datetime.date.fromisoformat(sys.argv[5]) if len(sys.argv) > 5 and sys.argv[4] == "--full" else None
groups = {("totaal", ""), ("route", "1"), ("route", "2"), ("route", "3"), ("route", "niet_gescreend")}
last, steps = {}, {}
for r in csv.DictReader(open(path, encoding="utf-8-sig"), delimiter=";"):
    if r["indicator"] != "nazorg.in_zorg" or r["regio"] != regio or r["site"] != "*":
        continue
    if (r["groep"], r["groepwaarde"]) not in groups:
        continue
    k = (r["periode"], r["groep"], r["groepwaarde"])
    last[k] = max(last.get(k, 0), int(r["t"]))
    steps[r["periode"]] = steps.get(r["periode"], 0) + 1


def last_day(label):
    y = int(label[:4])
    if len(label) == 4:
        return datetime.date(y, 12, 31)
    q = int(label[5])
    return datetime.date(y + (q == 4), 1 if q == 4 else 3 * q + 1, 1) - datetime.timedelta(days=1)


years = range(year, year - 6, -1)
labels = [str(y) for y in years] + ["%dQ%d" % (y, q) for y in years for q in (4, 3, 2, 1)]
if full:
    labels = [c for c in labels if (full - last_day(c)).days >= 730]
score = lambda c: (sum(v for (p, g, w), v in last.items() if p == c), steps.get(c, 0))
best = max(labels, key=score) if labels else None  # the first of equal ones, as the reports walk them
print(best if best and score(best) > (0, 0) else "")
