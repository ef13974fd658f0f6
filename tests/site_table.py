#!/usr/bin/env python3
"""Is the site table of the vergelijk report (page 2) drawn whole? Reads the words as the PDF places them
(`pdftotext -bbox`, on standard input): every word of the header row stands at the size of the header's first
word (no header shrunk to fit a narrow column), no word of the header is broken over two lines, and each site's
name stands on one line with its region. Prints what is wrong and exits 1.
Usage: pdftotext -bbox -f 2 -l 2 report.pdf - | site_table.py FIRST_HEADER_WORD SITE..."""
import html
import re
import sys


def main():
    first, sites = sys.argv[1], sys.argv[2:]
    words = [(float(m[1]), float(m[2]), float(m[3]), float(m[4]), html.unescape(m[5]))
             for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
                                  sys.stdin.read())]
    bad = []
    top = [w for w in words if w[4] == first]
    if not top:
        print(f"no header word {first!r}")
        return 1
    y0, h0 = top[0][1], top[0][3] - top[0][1]
    # the header row: from its first word down to the first site's line
    rows = sorted({w[1] for w in words if w[1] > y0 and any(w[4].startswith(s) for s in sites)})
    if not rows:
        print("no site row under the header")
        return 1
    header = [w for w in words if y0 - 0.5 <= w[1] < rows[0] - 0.5]
    for w in header:
        if abs((w[3] - w[1]) - h0) > 0.05:
            bad.append(f"header word {w[4]!r} at height {w[3] - w[1]:.2f}, not {h0:.2f} like {first!r}")
        if w[4].endswith("-") and w[4][:-1].isalpha() and w[4][:-1].islower():
            bad.append(f"header word broken: {w[4]!r}")
    for s in sites:
        line = [w for w in words if w[4] == s]
        if not line:
            bad.append(f"site {s!r} not in the table as one word")
            continue
        y = line[0][1]
        after = sorted((w for w in words if abs(w[1] - y) < 0.5 and w[0] > line[0][0]), key=lambda w: w[0])
        if not after or not after[0][4].startswith("("):
            bad.append(f"site {s!r}: its region is not on the same line")
    for b in bad:
        print(b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
