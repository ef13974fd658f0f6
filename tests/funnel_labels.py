#!/usr/bin/env python3
"""Do the sites' names on a funnel plot overlap? Reads gnuplot's SVG as a reader sees it: each name is
a <text> at translate(x, y), centred; its box is estimated from DejaVu Sans at 9 px (capitals and
digits about 6 px wide, a hyphen 3.5 px, 9 px high). Prints each pair that overlaps and exits 1 when
there is one (or when no name is drawn and the chart does not say that no site can be shown). Each
name must also stand on a white rectangle drawn before it (so no limit line runs through it).
Usage: funnel_labels.py SVG NAME..."""
import re
import sys


def width(name):
    return sum(3.5 if ch == "-" else 6.0 for ch in name)


def main():
    svg = open(sys.argv[1], encoding="utf-8").read()
    names = set(sys.argv[2:])
    boxes = []
    for m in re.finditer(r'<g transform="translate\(([\d.]+),([\d.]+)\)"[^>]*text-anchor="middle">\s*'
                         r'<text><tspan[^>]*>([^<]+)</tspan></text>', svg):
        x, y, name = float(m.group(1)), float(m.group(2)), m.group(3)
        if name in names:
            w = width(name)
            boxes.append((name, x - w / 2, y - 9, x + w / 2, y))
    bad = 0
    white = [tuple(float(v) for v in re.findall(r"[\d.]+", m.group(1)))
             for m in re.finditer(r"<polygon fill = 'rgb\(255, 255, 255\)' points = '([^']+)'", svg)]
    for name, x0, y0, x1, y1 in boxes:
        cx, cy = (x0 + x1) / 2, y1 - 3
        if not any(min(p[0::2]) <= cx <= max(p[0::2]) and min(p[1::2]) <= cy <= max(p[1::2]) for p in white):
            print(f"{sys.argv[1]}: '{name}' is not on a white rectangle")
            bad = 1
    for i in range(len(boxes)):
        for j in range(i + 1, len(boxes)):
            a, b = boxes[i], boxes[j]
            if a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]:
                print(f"{sys.argv[1]}: '{a[0]}' and '{b[0]}' overlap")
                bad = 1
    if not boxes and "geen site te tonen" not in svg and "no site to show" not in svg:
        print(f"{sys.argv[1]}: no site names found, and not said that there is none")
        bad = 1
    sys.exit(bad)


main()
