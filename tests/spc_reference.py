#!/usr/bin/env python3
"""Expected values for tests/test_spc.c, worked out apart from engine/spc.c.

Standard library only: python3 tests/spc_reference.py prints, for each test series,
the centre (as an exact fraction), sigma_z, the four lines of every shown quarter,
its signals and judgement, the icons and run_start; then Newcombe's intervals.
The rules are those of REPORTS.md as engine/engine.h states them.
"""
from fractions import Fraction
from statistics import NormalDist
import math

HIGHER, LOWER, NONE = 1, -1, 0


def chart(x, n, shown=None, direction=NONE, target=None):
    k = len(x)
    shown = shown or [1] * k
    idx = [i for i in range(k) if shown[i]]
    out = {"k": k, "idx": idx, "lines": {}, "flags": {i: set() for i in idx}, "judge": {}}
    centre = Fraction(sum(x[i] for i in idx), sum(n[i] for i in idx)) if idx else None
    out["centre"] = centre
    if len(idx) < 8:
        out["limits"], out["sigma_z"] = "NONE", None
        out["variation"], out["assurance"], out["run_start"] = "NONE", "NONE", k
        return out
    out["limits"] = "VOORLOPIG" if len(idx) < 12 else "VAST"
    c = float(centre)
    p = {i: x[i] / n[i] for i in idx}
    if centre in (0, 1):
        sd = {i: 0.0 for i in idx}
        sz = 0.0
    else:
        sd = {i: math.sqrt(c * (1 - c) / n[i]) for i in idx}
        z = [(p[i] - c) / sd[i] for i in idx]
        ranges = [abs(b - a) for a, b in zip(z, z[1:])]
        sz = sum(ranges) / len(ranges) / 1.128
    out["sigma_z"] = sz
    for i in idx:
        h3, h2 = 3 * sz * sd[i], 2 * sz * sd[i]
        out["lines"][i] = (max(0.0, c - h3), min(1.0, c + h3), max(0.0, c - h2), min(1.0, c + h2))
    lcl, ucl, lwl, uwl = ({i: out["lines"][i][j] for i in idx} for j in range(4))
    flags = out["flags"]
    side = {i: (p[i] > c) - (p[i] < c) for i in idx}
    trend_dir = {}
    for i in idx:
        if p[i] > ucl[i] or p[i] < lcl[i]:
            flags[i].add("OUTSIDE")
    # runs over the shown points: group successive points by a key, keep the long ones
    def runs(key, length):
        found, start = [], 0
        for t in range(1, len(idx) + 1):
            if t == len(idx) or key(t) != key(start) or key(t) is None:
                if key(start) and t - start >= length:
                    found.append((start, t - 1, key(start)))
                start = t
        return found
    for a, b, s in runs(lambda t: side[idx[t]] or None, 7):
        for t in range(a, b + 1):
            flags[idx[t]].add("SHIFT")
    for s in (1, -1):
        # a trend: t continues the run when it moves in direction s from t - 1
        moves = [t > 0 and (p[idx[t]] - p[idx[t - 1]]) * s > 0 for t in range(len(idx))]
        t = 0
        while t < len(idx):
            u = t
            while u + 1 < len(idx) and moves[u + 1]:
                u += 1
            if u - t + 1 >= 6:
                for v in range(t, u + 1):
                    flags[idx[v]].add("TREND")
                    if v > t or idx[v] not in trend_dir:  # a turning point keeps the trend it ends
                        trend_dir[idx[v]] = s
            t = u + 1
    for t in range(len(idx) - 2):
        w = idx[t:t + 3]
        for beyond in ([i for i in w if p[i] > uwl[i]], [i for i in w if p[i] < lwl[i]]):
            if len(beyond) >= 2:
                for i in beyond:
                    flags[i].add("TWO_OF_THREE")
    for i in idx:
        f = flags[i]
        if f & {"OUTSIDE", "TWO_OF_THREE", "SHIFT"}:
            out["judge"][i] = direction * side[i]
        elif "TREND" in f:
            out["judge"][i] = direction * trend_dir[i]
        else:
            out["judge"][i] = 0
    last = idx[-1]
    if flags[last]:
        j = out["judge"][last]
        out["variation"] = "VERBETERING" if j > 0 else "ZORG" if j < 0 else "BIJZONDER"
        t = len(idx) - 1
        while t > 0 and flags[idx[t - 1]]:
            t -= 1
        out["run_start"] = idx[t]
    else:
        out["variation"], out["run_start"] = "GEWOON", k
    if target is None or direction == NONE:
        out["assurance"] = "NONE"
    else:
        tp = Fraction(target) / 100  # exact: the comparison is not at the mercy of rounding here
        lo, hi = lcl[last], ucl[last]
        if direction == HIGHER:
            out["assurance"] = "GEHAALD" if tp <= lo else "GEMIST" if tp > hi else "WISSELEND"
        else:
            out["assurance"] = "GEHAALD" if tp >= hi else "GEMIST" if tp < lo else "WISSELEND"
    return out


def report(name, x, n, shown=None, direction=NONE, target=None):
    r = chart(x, n, shown, direction, target)
    c = r["centre"]
    print(f"== {name}: centre {c} = {float(c)!r}, sigma_z {r['sigma_z']!r}, limits {r['limits']}, "
          f"variation {r['variation']}, assurance {r['assurance']}, run_start {r['run_start']}")
    for i in range(len(x)):
        if i not in r["flags"]:
            print(f"  {i:2d}  gap")
            continue
        lines = " ".join(f"{v!r}" for v in r["lines"][i]) if i in r["lines"] else "-"
        print(f"  {i:2d}  {x[i]}/{n[i]}  lcl ucl lwl uwl {lines}  {sorted(r['flags'][i])} {r['judge'].get(i, 0):+d}")
    return r


def wilson(x, n, z):
    """The Wilson interval as the roots of (p - t)^2 = z^2 t (1 - t) / n."""
    p = x / n
    a, b, c = 1 + z * z / n, -(2 * p + z * z / n), p * p
    d = math.sqrt(b * b - 4 * a * c)
    return (-b - d) / (2 * a), (-b + d) / (2 * a)


def newcombe(x1, n1, x2, n2, z):
    p1, p2 = x1 / n1, x2 / n2
    (l1, u1), (l2, u2) = wilson(x1, n1, z), wilson(x2, n2, z)
    return p1 - p2, p1 - p2 - math.hypot(p1 - l1, u2 - p2), p1 - p2 + math.hypot(u1 - p1, p2 - l2)


if __name__ == "__main__":
    N200 = [200] * 12
    A_X = [118, 166, 197, 124, 158, 205, 117, 163, 196, 125, 161, 202]
    A_N = [150, 200, 250] * 4
    report("A", A_X, A_N)
    for t in (70, 80, 90):
        for d, name in ((HIGHER, "HIGHER"), (LOWER, "LOWER")):
            print(f"   A target {t} {name}: {chart(A_X, A_N, None, d, t)['assurance']}")
    report("A10", A_X[:10], A_N[:10], direction=HIGHER, target=95)
    report("A7", A_X[:7], A_N[:7])
    report("OUT", [160, 164, 158, 163, 159, 165, 157, 162, 160, 164, 158, 190], N200, direction=HIGHER)
    report("SHIFT", [170, 166, 172, 167, 171, 160, 163, 159, 162, 158, 163, 160], N200, direction=HIGHER)
    report("TREND", [166, 160, 165, 159, 166, 161, 156, 159, 162, 165, 168, 171], N200, direction=HIGHER)
    report("TWO", [161, 162, 165, 160, 166, 162, 164, 165, 173, 168, 173, 166], N200, direction=LOWER)
    report("RUN6", [166, 158, 164, 159, 165, 168, 169, 167, 170, 168, 160, 165], N200, direction=HIGHER)
    report("TREND5", [166, 160, 165, 159, 166, 161, 164, 158, 161, 164, 167, 170], N200, direction=HIGHER)
    report("ON CENTRE", [174, 171, 174, 170, 173, 157, 161, 160, 165, 156, 162, 157], N200, direction=HIGHER)
    report("CONFLICT", [169, 164, 166, 161, 169, 158, 156, 157, 158, 159, 160, 161], N200, direction=HIGHER)
    report("TURN", [165, 169, 151, 154, 157, 160, 163, 166, 165, 162, 157, 154, 151, 167], [200] * 14,
           direction=HIGHER)
    G = 0  # a suppressed quarter: its counts are nonsense on purpose
    report("A with gaps", A_X[:3] + [G] + A_X[3:8] + [G] + A_X[8:], A_N[:3] + [G] + A_N[3:8] + [G] + A_N[8:],
           [1, 1, 1, 0, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1])
    report("SHIFT with a gap", [170, 166, 172, 167, 171, 160, 163, 159, G, 162, 158, 163, 160], [200] * 13,
           [1] * 8 + [0] + [1] * 4, direction=HIGHER)
    report("OUT, last quarter suppressed", [160, 164, 158, 163, 159, 165, 157, 162, 160, 164, 158, 190, G],
           N200 + [G], [1] * 12 + [0], direction=HIGHER)
    report("zero", [0] * 12, [50] * 12, direction=LOWER, target=5)
    report("one", [50] * 12, [50] * 12, direction=HIGHER, target=95)
    for t, d, name in ((100, HIGHER, "HIGHER"), (100, LOWER, "LOWER"), (99, LOWER, "LOWER")):
        print(f"   one target {t} {name}: {chart([50] * 12, [50] * 12, None, d, t)['assurance']}")
    print(f"   zero target 5 HIGHER: {chart([0] * 12, [50] * 12, None, HIGHER, 5)['assurance']}")
    for t, d, name in ((71, HIGHER, "HIGHER"), (89, LOWER, "LOWER")):
        print(f"   A target {t} {name}: {chart(A_X, A_N, None, d, t)['assurance']}")
    z = NormalDist().inv_cdf(0.975)
    print(f"== Newcombe at z = {z!r}")
    for case in ((56, 70, 48, 80), (9, 10, 3, 10), (5, 56, 0, 29), (0, 10, 0, 20)):
        print("  ", case, " ".join(f"{v!r}" for v in newcombe(*case, z)))
