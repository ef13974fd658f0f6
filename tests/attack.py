#!/usr/bin/env python3
"""Attack test of the disclosure control of the outcome table (OUTCOMES.md, "Disclosure control").

An attacker holds the whole public export (`kansrijk export --format json`, and `--curves`).
Every shown teller and noemer is a known value; a suppressed row's teller and noemer are
unknowns.  The attacker writes down every linear relation the published definitions imply
(breakdowns add up to their totaal, regions to `*`, sites to their region, quarters to the
year, years to a rolling window, the parts of route.verdeling, the transitions, the regie_type
distribution, cross-indicator identities of one cohort) and solves them repeatedly: an
equation with one unknown determines it; bounds (0 <= teller <= noemer) pin more.  Only then
does the checker open the database (teller_ruw, noemer_ruw) to judge what was learned:

  recovered.*   a suppressed person row whose teller, noemer or complement was recovered
                exactly and is 1-9 (the suffix names the relation that revealed it)
  primary.*     a shown person row that breaks the primary rule
  cross.*       two known rows of different indicators of one cohort whose difference is a
                count of persons of 1-9
  event.*       a quality row that counts persons (the completeness of any column: whether it is
                filled tells of a stillbirth, a prenatal visit, an MDO; every row of the mdo
                extract, a pregnancy of route 3), shown with 1-9 (teller, complement or noemer)
  quality.*     such a row worked out from its group (the sites of a region, the regions, the
                quarters of a year, the organisations or reasons of a totaal) or, for mdo, from a
                count over all types minus the other types' rows, and 1-9
  curve.*       a Kaplan-Meier curve step that reveals 1-9 events or censorings
  ratio.*       a ratio shown while one of its arms is suppressed
  recovered.earlier, sum.earlier …  with --eerder, a row hidden now is taken as known where a table published
                before showed it with the counts it still has (the attacker guesses "unchanged")
  eerder.*      with --eerder: a row of persons whose teller, noemer or rest the attacker knows (shown, or worked
                out or narrowed as above) to within 1-9 of the same row in a table published before: the
                difference counts the persons who came or went between the two (a year that grew from 25 to
                27 deaths says 2 deaths in the quarter added, even where that quarter is x)
  difference.*  with --eerder: the difference of this table and one published before obeys the same relations; a
                difference worked out from them of 1-9 persons either way (or a count of 1-9 through one), or the
                hidden rows of a relation that together changed by 1-9 (the age classes hidden in both tables that
                gained 9 preterm births between them)
  wrong.*       a recovered value that disagrees with the raw count, or shown values that
                contradict a relation (a bug in this script or in the engine)

Independent of the engine's code: the relations come from OUTCOMES.md and the data.
Python 3 standard library only.

Usage: attack.py --export FILE --db DB [--curves FILE] [--eerder EARLIER.json [--eerder-db EARLIER.db] ...]
                 [--peildatum YYYY-MM-DD] [--show N]
       attack.py --selftest
"""
import argparse
import collections
import datetime
import json
import sqlite3
import sys
from fractions import Fraction

# ---------------------------------------------------------------------------------------------
# What the rows are (from the catalogue of OUTCOMES.md)

# the extract whose every record is a pregnancy of route 3
ROUTE3_TYPE = "mdo"
# quality counts over all types, each with its per-type rows (indicator + "." + type)
ALL_TYPES = ("kwaliteit.afgewezen", "kwaliteit.koppeling.ongekoppeld")

RATIO_SUFFIXES = (".rr_route3", ".oe")


def row_kind(r):
    """prop: proportion/rate of persons; km: Kaplan-Meier row; quant: quantile row;
    count: plain count of persons; event: completeness of an event column;
    None: not a count of persons (organisations, rows, days, pp, ratios)."""
    ind = r["indicator"]
    if ind.startswith("verankering.") or ind.startswith("lijn.verschuiving."):
        return None
    if ind.endswith(RATIO_SUFFIXES):
        return None
    if ind.startswith("kwaliteit."):
        if ind in ("kwaliteit.koppeling.jgz", "kwaliteit.koppeling.bevalling"):
            return "prop"
        if ind.startswith("kwaliteit.volledigheid.") and r["groep"] == "kolom":
            return "event"
        if ind in tuple(a + "." + ROUTE3_TYPE for a in ALL_TYPES):
            return "event"
        return None
    if ind == "lijn.eerste_lijn_dagen":          # care-days, not persons
        return None
    if ind.startswith("nazorg.in_zorg.s"):
        return "km"
    if "_dagen.p" in ind:
        return "quant"
    if r["eenheid"] == "aantal":
        return "count"
    if r["eenheid"] in ("%", "per1000"):
        return "prop"
    return None


def quarter_end(p):
    """The last day of a period: 2025Q2, 2025 or 2023-2025."""
    if "-" in p:
        return datetime.date(int(p[5:9]), 12, 31)
    if "Q" in p:
        y, q = int(p[:4]), int(p[5])
        m = 3 * q
        nxt = datetime.date(y + (m == 12), m % 12 + 1, 1)
        return nxt - datetime.timedelta(days=1)
    return datetime.date(int(p), 12, 31)


def closed(periode, days, peildatum):
    """Every trajectory of the period has its N-day window closed by the peildatum."""
    return quarter_end(periode) + datetime.timedelta(days=days) <= peildatum


# ---------------------------------------------------------------------------------------------
# The knowledge base: unknowns, equations, propagation

class Knowledge:
    def __init__(self):
        self.var_id = {}        # (field, key) -> id
        self.var_key = []
        self.value = []         # known value or None
        self.shown = []         # True when the export shows it
        self.how = []           # the relation that determined it (None when shown)
        self.src = []           # the equations that determined it
        self.blo = []           # the equation that last raised its lower bound
        self.bhi = []           # ... lowered its upper bound
        self.lo = []
        self.hi = []
        self.eqs = []           # (coeffs list [(var, coef)], const, family)
        self.by_var = collections.defaultdict(list)
        self.leq = []           # (a, b): value[a] <= value[b]
        self.inconsistent = []  # (family, equation index, residual)

    def var(self, field, key, shown_value=None):
        k = (field, key)
        i = self.var_id.get(k)
        if i is None:
            i = len(self.var_key)
            self.var_id[k] = i
            self.var_key.append(k)
            self.value.append(shown_value)
            self.shown.append(shown_value is not None)
            self.how.append(None)
            self.src.append(())
            self.blo.append(None)
            self.bhi.append(None)
            self.lo.append(0)
            self.hi.append(None)
        return i

    def get(self, field, key):
        return self.var_id.get((field, key))

    def eq(self, terms, const, family):
        """sum(coef * var) = const; terms may repeat a variable."""
        acc = collections.OrderedDict()
        for v, c in terms:
            if v is None:
                return
            acc[v] = acc.get(v, 0) + c
        coeffs = [(v, c) for v, c in acc.items() if c != 0]
        if not coeffs:
            return
        e = len(self.eqs)
        self.eqs.append((coeffs, const, family))
        for v, _ in coeffs:
            self.by_var[v].append(e)

    def set(self, v, val, how, src=()):
        self.value[v] = val
        self.how[v] = how
        self.src[v] = src
        self.lo[v] = self.hi[v] = val

    def solve_single(self, queue):
        """Any equation with exactly one unknown determines it; repeat until nothing new."""
        seen_inconsistent = set()
        while queue:
            e = queue.pop()
            coeffs, const, fam = self.eqs[e]
            unknown = None
            n_unknown = 0
            rest = Fraction(const)
            for v, c in coeffs:
                val = self.value[v]
                if val is None:
                    n_unknown += 1
                    unknown = (v, c)
                    if n_unknown > 1:
                        break
                else:
                    rest -= c * val
            if n_unknown == 0:
                if rest != 0 and e not in seen_inconsistent:
                    seen_inconsistent.add(e)
                    self.inconsistent.append((fam, e, rest))
            elif n_unknown == 1:
                v, c = unknown
                x = rest / c
                if x.denominator != 1:
                    if e not in seen_inconsistent:
                        seen_inconsistent.add(e)
                        self.inconsistent.append((fam, e, rest))
                    continue
                self.set(v, int(x), fam, (e,))
                queue.extend(self.by_var[v])

    def solve_bounds(self, max_rounds=30):
        """Interval propagation over the equations and 0 <= teller <= noemer; a variable whose
        bounds meet is determined.  Returns the variables newly determined."""
        lo, hi, val = self.lo, self.hi, self.value
        for v in range(len(val)):
            if val[v] is not None:
                lo[v] = hi[v] = val[v]
        leq_by = collections.defaultdict(list)
        for a, b in self.leq:
            leq_by[a].append((a, b))
            leq_by[b].append((a, b))
        active = set(e for e, (coeffs, _, _) in enumerate(self.eqs)
                     if any(val[v] is None for v, _ in coeffs))
        changed_vars = set(range(len(val)))
        for _ in range(max_rounds):
            changed = set()
            for a, b in self.leq:                  # a <= b
                if hi[b] is not None and (hi[a] is None or hi[a] > hi[b]):
                    hi[a] = hi[b]
                    self.bhi[a] = ("leq", b)
                    changed.add(a)
                if lo[a] > lo[b]:
                    lo[b] = lo[a]
                    self.blo[b] = ("leq", a)
                    changed.add(b)
            for e in list(active):
                coeffs, const, _ = self.eqs[e]
                # bounds of sum(c*x)
                smin = smax = 0
                inf_min = inf_max = 0
                for v, c in coeffs:
                    if c > 0:
                        smin += c * lo[v]
                        if hi[v] is None:
                            inf_max += 1
                        else:
                            smax += c * hi[v]
                    else:
                        smax += c * lo[v]
                        if hi[v] is None:
                            inf_min += 1
                        else:
                            smin += c * hi[v]
                for v, c in coeffs:
                    if val[v] is not None:
                        continue
                    # c*x = const - sum_{others}
                    if c > 0:
                        o_min = smin - c * lo[v]
                        o_max_inf = inf_max - (hi[v] is None)
                        o_max = smax - (c * hi[v] if hi[v] is not None else 0)
                        # x <= (const - o_min)/c ; x >= (const - o_max)/c
                        nh = (const - o_min) // c if inf_min == 0 else None
                        nl = -((-(const - o_max)) // c) if o_max_inf == 0 else None
                    else:
                        o_max = smax - c * lo[v]
                        o_min_inf = inf_min - (hi[v] is None)
                        o_min = smin - (c * hi[v] if hi[v] is not None else 0)
                        # c*x = const - others, c<0: x = (others - const)/(-c)
                        nh = (o_max - const) // (-c) if inf_max == 0 else None
                        nl = -((-(o_min - const)) // (-c)) if o_min_inf == 0 else None
                    if nh is not None and (hi[v] is None or nh < hi[v]):
                        hi[v] = nh
                        self.bhi[v] = ("eq", e)
                        changed.add(v)
                    if nl is not None and nl > lo[v]:
                        lo[v] = nl
                        self.blo[v] = ("eq", e)
                        changed.add(v)
            if not changed:
                break
        fixed = [v for v in range(len(val)) if val[v] is None and hi[v] is not None and lo[v] == hi[v]]
        return fixed

    def chain(self, v, limit=3000):
        """The families of the relations behind a recovered value, through every recovered
        value it was derived from."""
        fams = set()
        seen = {v}
        todo = [v]
        while todo and len(seen) < limit:
            u = todo.pop()
            deps = []
            if self.how[u] == "bounds":
                fams.add("bounds")
                for b in (self.blo[u], self.bhi[u]):
                    if b is None:
                        fams.add("non-negative")
                    elif b[0] == "leq":
                        fams.add("teller<=noemer")
                        deps.append(b[1])
                    else:
                        coeffs, _, fam = self.eqs[b[1]]
                        fams.add(fam)
                        deps.extend(w for w, _ in coeffs)
            else:
                for e in self.src[u]:
                    coeffs, _, fam = self.eqs[e]
                    fams.add(fam)
                    deps.extend(w for w, _ in coeffs)
            for w in deps:
                if w not in seen and not self.shown[w] and self.value[w] is not None:
                    seen.add(w)
                    todo.append(w)
        return sorted(fams)


# ---------------------------------------------------------------------------------------------
# Building the relations of OUTCOMES.md

def key_of(r):
    return (r["indicator"], r["regio"], r["site"], r["groep"], r["groepwaarde"], r["periode"])


ROUTE_PARTS = ("route.verdeling.1", "route.verdeling.2", "route.verdeling.3")
KM_REF = "overdracht.eerste_jgz_contact"     # written for every live-born birth cohort


def build(export, peildatum):
    kb = Knowledge()
    rows = {}
    kind = {}
    for r in export:
        k = key_of(r)
        rows[k] = r
        kind[k] = row_kind(r)
    # variables of person rows: T always, N where the row has a noemer (not plain counts)
    for k, r in rows.items():
        kd = kind[k]
        if kd is None or kd == "event":
            continue
        sup = bool(r["onderdrukt"])
        kb.var("T", k, None if sup else r["teller"])
        if kd != "count":
            vn = kb.var("N", k, None if sup else r["noemer"])
            if kd == "prop" and sup:
                kb.lo[vn] = 1   # a row is written only where its cohort holds someone
            if kd in ("prop", "km", "quant"):
                kb.leq.append((kb.get("T", k), kb.get("N", k)))
        if not sup and r["teller"] is None and kd != "count":
            pass
    V = kb.get

    by_ind = collections.defaultdict(list)
    for k in rows:
        if kind[k] not in (None, "event"):
            by_ind[k[0]].append(k)

    def fields(ind):
        return ("T",) if kind[by_ind[ind][0]] == "count" else ("T", "N")

    def add_sum(total, parts, family, ref_parts=None):
        """total = sum(parts) for T and N.  A missing part is an empty cohort, except for
        Kaplan-Meier rows (not written when nobody reached age t, at risk 0 but not an empty
        cohort): their N sum only where every cohort of the reference exists."""
        ind = total[0]
        for f in fields(ind):
            if f == "N" and kind[total] == "km" and ref_parts is not None:
                if any((ind,) + rp[1:] not in rows for rp in ref_parts()):
                    continue
            kb.eq([(V(f, p), 1) for p in parts] + [(V(f, total), -1)], 0, family)

    ref_keys = set(k for k in rows if k[0] == KM_REF)

    def ref_parts_for(parts_pattern):
        return lambda: [k for k in ref_keys if parts_pattern(k)]

    # (a) breakdowns add up to their totaal
    cells = collections.defaultdict(lambda: collections.defaultdict(list))
    for ind, ks in by_ind.items():
        for k in ks:
            cells[(ind, k[1], k[2], k[5])][k[3]].append(k)
    for (ind, regio, site, per), groups in cells.items():
        tot = (ind, regio, site, "totaal", "", per)
        if tot not in rows:
            continue
        for groep, parts in groups.items():
            if groep in ("totaal", "regie_type"):
                continue
            add_sum(tot, parts, "breakdown:" + groep,
                    ref_parts_for(lambda rk: rk[1] == regio and rk[2] == site and rk[3] == groep and rk[5] == per))

    # (b) regions add up to '*', sites of a region to its site '*'
    regs = collections.defaultdict(list)
    sites = collections.defaultdict(list)
    for ind, ks in by_ind.items():
        for k in ks:
            if k[1] != "*" and k[2] == "*":
                regs[(ind, k[3], k[4], k[5])].append(k)
            if k[1] != "*" and k[2] != "*":
                sites[(ind, k[1], k[3], k[4], k[5])].append(k)
    for (ind, g, gw, per), parts in regs.items():
        tot = (ind, "*", "*", g, gw, per)
        if tot in rows:
            add_sum(tot, parts, "regions",
                    ref_parts_for(lambda rk: rk[1] != "*" and rk[2] == "*" and rk[3] == g and rk[4] == gw and rk[5] == per))
    for (ind, regio, g, gw, per), parts in sites.items():
        tot = (ind, regio, "*", g, gw, per)
        if tot in rows:
            add_sum(tot, parts, "sites",
                    ref_parts_for(lambda rk: rk[1] == regio and rk[2] != "*" and rk[3] == g and rk[4] == gw and rk[5] == per))

    # (c) quarters add up to the year; years to the rolling window
    quarters = collections.defaultdict(list)
    windows = []
    for ind, ks in by_ind.items():
        for k in ks:
            p = k[5]
            if len(p) == 6 and p[4] == "Q":
                quarters[k[:5] + (p[:4],)].append(k)
            elif len(p) == 9 and p[4] == "-":
                windows.append(k)
    for tot, parts in quarters.items():
        if tot in rows:
            y = tot[5]
            add_sum(tot, parts, "quarters",
                    ref_parts_for(lambda rk: rk[1:5] == tot[1:5] and rk[5][:5] == y + "Q"))
    for w in windows:
        y0, y1 = int(w[5][:4]), int(w[5][5:])
        parts = [w[:5] + (str(y),) for y in range(y0, y1 + 1)]
        parts = [p for p in parts if p in rows]
        add_sum(w, parts, "window",
                ref_parts_for(lambda rk: rk[1:5] == w[1:5] and rk[5] in [str(y) for y in range(y0, y1 + 1)]))

    # cells shared by several indicators: (regio, site, groep, groepwaarde, periode)
    def c(ind, cell):
        return (ind,) + cell
    allcells = set(k[1:] for k in rows if kind[k] not in (None, "event"))

    for cell in allcells:
        regio, site, groep, gw, per = cell
        has = lambda ind: c(ind, cell) in rows
        # (d) route.verdeling: 1+2+3 = gescreend teller, 1+2+3+niet_gescreend = the noemer,
        # every part's noemer is that of route.gescreend
        if has("route.gescreend"):
            g = c("route.gescreend", cell)
            parts = [c(p, cell) for p in ROUTE_PARTS if has(p)]
            kb.eq([(V("T", p), 1) for p in parts] + [(V("T", g), -1)], 0, "verdeling=gescreend")
            ng = c("route.verdeling.niet_gescreend", cell)
            if has("route.verdeling.niet_gescreend"):
                kb.eq([(V("T", p), 1) for p in parts] + [(V("T", ng), 1), (V("N", g), -1)], 0,
                      "verdeling=noemer")
            for p in parts + ([ng] if has("route.verdeling.niet_gescreend") else []):
                kb.eq([(V("N", p), 1), (V("N", g), -1)], 0, "verdeling.noemer")
            # (e) transitions into route B add up to route.verdeling.B
            for b in ("1", "2", "3"):
                vb = c("route.verdeling." + b, cell)
                trans = [c("route.overgang.%s_%s" % (a, b), cell) for a in ("1", "2", "3")]
                trans = [t for t in trans if t in rows]
                if trans and vb in rows:
                    kb.eq([(V("T", t), 1) for t in trans] + [(V("T", vb), -1)], 0, "overgang=verdeling")
            # (g) route 2+3 cohorts: risicofactoren and lijn.psychosociaal_klinisch noemers
            v2, v3 = c("route.verdeling.2", cell), c("route.verdeling.3", cell)
            if v2 in rows and v3 in rows:
                for k in by_cell_inds(rows, cell, "route.risicofactoren."):
                    kb.eq([(V("N", k), 1), (V("T", v2), -1), (V("T", v3), -1)], 0, "risicofactoren.noemer=route2+3")
                if groep == "totaal":
                    pk = c("lijn.psychosociaal_klinisch", cell)
                    if pk in rows:
                        kb.eq([(V("N", pk), 1), (V("T", v2), -1), (V("T", v3), -1)], 0, "psychosociaal.noemer=route2+3")
                    for r_ in ("2", "3"):
                        pk = ("lijn.psychosociaal_klinisch", regio, site, "route", r_, per)
                        if pk in rows:
                            kb.eq([(V("N", pk), 1), (V("T", c("route.verdeling." + r_, cell)), -1)], 0,
                                  "psychosociaal.noemer=route" + r_)
        # route.vroeg_gescreend: the 16+0 date of a pregnancy lies at most 112 days after its
        # intake (conception comes before intake), so once 112 days have passed since the period
        # ended its noemer is every pregnancy, that of route.gescreend
        if has("route.gescreend") and has("route.vroeg_gescreend") and closed(per, 112, peildatum):
            kb.eq([(V("N", c("route.gescreend", cell)), 1), (V("N", c("route.vroeg_gescreend", cell)), -1)], 0,
                  "vroeg_gescreend=gescreend.noemer(closed)")
        # kwaliteit.koppeling.jgz counts route 2 and 3 pregnancies
        if has("kwaliteit.koppeling.jgz") and has("route.verdeling.2") and has("route.verdeling.3"):
            kb.eq([(V("N", c("kwaliteit.koppeling.jgz", cell)), 1), (V("T", c("route.verdeling.2", cell)), -1),
                   (V("T", c("route.verdeling.3", cell)), -1)], 0, "koppeling.jgz.noemer=route2+3")
        # route-3 pregnancies by signalling date: mdo_tijdig (14 days) and regie_belegd (28 days)
        if has("overdracht.mdo_tijdig") and has("overdracht.regie_belegd") and closed(per, 28, peildatum):
            kb.eq([(V("N", c("overdracht.mdo_tijdig", cell)), 1), (V("N", c("overdracht.regie_belegd", cell)), -1)], 0,
                  "mdo_tijdig=regie_belegd.noemer(closed)")
        # (f) regie_type: the parts add up to their common noemer = the regie_belegd teller
        if groep == "totaal" and has("overdracht.regie_belegd"):
            rb = c("overdracht.regie_belegd", cell)
            types = [k for k in by_groep(rows, "overdracht.regie_belegd", regio, site, "regie_type", per)]
            if types:
                kb.eq([(V("T", t), 1) for t in types] + [(V("T", rb), -1)], 0, "regie_type.sum=regie_belegd")
                for t in types:
                    kb.eq([(V("N", t), 1), (V("T", rb), -1)], 0, "regie_type.noemer=regie_belegd")
        # quantile rows of one summary share teller (events) and noemer (cohort)
        for base in ("overdracht.mdo_dagen", "overdracht.jgz_dagen"):
            qs = [c(base + s, cell) for s in (".p25", ".p50", ".p75", ".p90") if has(base + s)]
            for a, b in zip(qs, qs[1:]):
                for f in ("T", "N"):
                    kb.eq([(V(f, a), 1), (V(f, b), -1)], 0, "quantiles.same")
            if qs:
                tij = c(base.replace("_dagen", "_tijdig"), cell)
                if tij in rows and closed(per, 14, peildatum):
                    kb.eq([(V("N", qs[0]), 1), (V("N", tij), -1)], 0, base + ".cohort=tijdig.noemer(closed)")
                rb = c("overdracht.regie_belegd", cell)
                if base == "overdracht.mdo_dagen" and rb in rows and closed(per, 28, peildatum):
                    kb.eq([(V("N", qs[0]), 1), (V("N", rb), -1)], 0, "mdo_dagen.cohort=regie_belegd.noemer(closed)")
        # Kaplan-Meier rows of one cohort share the noemer
        ks = [c("nazorg.in_zorg." + s, cell) for s in ("s6m", "s12m", "s18m", "s24m") if has("nazorg.in_zorg." + s)]
        for a, b in zip(ks, ks[1:]):
            kb.eq([(V("N", a), 1), (V("N", b), -1)], 0, "in_zorg.noemer.same")
        # uitkomst: vroeggeboorte and perinatale_sterfte count the same children
        if has("uitkomst.vroeggeboorte") and has("uitkomst.perinatale_sterfte"):
            kb.eq([(V("N", c("uitkomst.vroeggeboorte", cell)), 1), (V("N", c("uitkomst.perinatale_sterfte", cell)), -1)],
                  0, "uitkomst.noemer.same")
        # handovers: the 7-day window of bevestigd closed for the whole period
        if has("overdracht.warm") and has("overdracht.bevestigd") and closed(per, 7, peildatum):
            kb.eq([(V("N", c("overdracht.warm", cell)), 1), (V("N", c("overdracht.bevestigd", cell)), -1)],
                  0, "warm=bevestigd.noemer(closed)")
    return kb, rows, kind


_cell_index = {}


def by_cell_inds(rows, cell, prefix):
    idx = _cell_index.get(("ci", id(rows)))
    if idx is None:
        idx = collections.defaultdict(list)
        for k in rows:
            idx[k[1:]].append(k)
        _cell_index[("ci", id(rows))] = idx
    return [k for k in idx.get(cell, ()) if k[0].startswith(prefix)]


def by_groep(rows, ind, regio, site, groep, per):
    idx = _cell_index.get(("bg", id(rows)))
    if idx is None:
        idx = collections.defaultdict(list)
        for k in rows:
            idx[(k[0], k[1], k[2], k[3], k[5])].append(k)
        _cell_index[("bg", id(rows))] = idx
    return idx.get((ind, regio, site, groep, per), [])


# Cross-indicator differences that are counts of persons (A >= B), within one cell
BEREIK_ORDER = ["huisbezoek", "4w", "8w", "3m", "4m", "6m", "7_5m", "9m", "11m", "14m", "18m", "24m"]


def cross_pairs(rows, cell_keys):
    """(name, (field, keyA), (field, keyB)) with A - B a count of persons by the definitions."""
    pairs = []
    cells = collections.defaultdict(set)
    cell_keys = set(cell_keys)
    for k in cell_keys:
        cells[k[1:]].add(k[0])
    for cell, inds in cells.items():
        def c(i):
            return (i,) + cell
        kms = [i for i in ("nazorg.in_zorg.s6m", "nazorg.in_zorg.s12m", "nazorg.in_zorg.s18m", "nazorg.in_zorg.s24m") if i in inds]
        ejc = "overdracht.eerste_jgz_contact"
        bereik = ["nazorg.bereik." + m for m in BEREIK_ORDER if "nazorg.bereik." + m in inds]
        for km in kms:
            if ejc in inds:   # live births less those counted in eerste_jgz_contact: deaths < day 21 (+ open windows)
                pairs.append(("in_zorg.noemer-eerste_jgz_contact.noemer", ("N", c(km)), ("N", c(ejc))))
            for b in bereik:  # live births less those whose window ended and who stayed
                pairs.append(("in_zorg.noemer-bereik.noemer", ("N", c(km)), ("N", c(b))))
        if ejc in inds and "nazorg.bereik.huisbezoek" in inds:
            pairs.append(("eerste_jgz_contact.noemer-bereik.huisbezoek.noemer", ("N", c(ejc)), ("N", c("nazorg.bereik.huisbezoek"))))
        for a, b in zip(bereik, bereik[1:]):
            pairs.append(("bereik.noemer-next_bereik.noemer", ("N", c(a)), ("N", c(b))))
        if "uitkomst.vroeggeboorte" in inds and "uitkomst.laag_geboortegewicht" in inds:
            # children born >= 24 weeks less live-born with a weight: stillbirths + missing weights
            pairs.append(("vroeggeboorte.noemer-laag_geboortegewicht.noemer",
                          ("N", c("uitkomst.vroeggeboorte")), ("N", c("uitkomst.laag_geboortegewicht"))))
        if "uitkomst.perinatale_sterfte" in inds and "uitkomst.laag_geboortegewicht" in inds:
            pairs.append(("perinatale_sterfte.noemer-laag_geboortegewicht.noemer",
                          ("N", c("uitkomst.perinatale_sterfte")), ("N", c("uitkomst.laag_geboortegewicht"))))
        if "route.gescreend" in inds and "route.vroeg_gescreend" in inds:
            pairs.append(("gescreend.teller-vroeg_gescreend.teller", ("T", c("route.gescreend")), ("T", c("route.vroeg_gescreend"))))
            pairs.append(("gescreend.noemer-vroeg_gescreend.noemer", ("N", c("route.gescreend")), ("N", c("route.vroeg_gescreend"))))
        for base in ("overdracht.mdo", "overdracht.jgz"):
            q = [base + "_dagen" + s for s in (".p25", ".p50", ".p75", ".p90") if base + "_dagen" + s in inds]
            if q and base + "_tijdig" in inds:
                pairs.append((base[11:] + "_dagen.noemer-" + base[11:] + "_tijdig.noemer", ("N", c(q[0])), ("N", c(base + "_tijdig"))))
                if base == "overdracht.mdo":   # MDOs held (before birth) less those within 14 days
                    pairs.append(("mdo_dagen.teller-mdo_tijdig.teller", ("T", c(q[0])), ("T", c(base + "_tijdig"))))
            if q and base == "overdracht.mdo" and "overdracht.regie_belegd" in inds:
                pairs.append(("mdo_dagen.noemer-regie_belegd.noemer", ("N", c(q[0])), ("N", c("overdracht.regie_belegd"))))
        if "overdracht.warm" in inds and "overdracht.bevestigd" in inds:
            pairs.append(("warm.noemer-bevestigd.noemer", ("N", c("overdracht.warm")), ("N", c("overdracht.bevestigd"))))
        # Across breakdowns: a cohort of one route at totaal beside another indicator's row of that route. Route 2 or
        # 3 pregnancies signalled in the period: whose window closed, and who were born by the peildatum. Nested in
        # practice, not by definition, so the difference counts in either direction ("route_cohort.").
        regio, site, groep, gw, per = cell
        if groep == "totaal":
            for one, route in (("overdracht.jgz_tijdig", "2"), ("overdracht.mdo_tijdig", "3"),
                               ("overdracht.regie_belegd", "3")):
                other = ("overdracht.prenataal_huisbezoek", regio, site, "route", route, per)
                if one in inds and other in cell_keys:
                    pairs.append(("route_cohort." + one[11:] + "-prenataal_huisbezoek.route" + route,
                                  ("N", c(one)), ("N", other)))
    return pairs


# ---------------------------------------------------------------------------------------------

def propagate(kb):
    """Everything the attacker works out: single unknowns, then bounds, and again."""
    kb.solve_single(list(range(len(kb.eqs))))
    rounds = 0
    while True:
        fixed = kb.solve_bounds()
        if not fixed:
            break
        rounds += 1
        for v in fixed:
            kb.set(v, kb.lo[v], "bounds")
        q = []
        for v in fixed:
            q.extend(kb.by_var[v])
        kb.solve_single(q)
        if rounds > 20:
            break


def difference(kb, kind, raw, prev, prev_raw, fail, fmt):
    """The attacker subtracts a table published before (prev, whole) from this one: the difference obeys every
    relation that both tables obey and that holds on today's raw counts. A row known in both (shown, or worked out)
    gives its difference; a relation with one unknown difference left gives that one; a relation whose unknown
    differences are all of one sign gives their sum. A difference of 1-9 persons either way (these came or went
    between the two tables), or a count of 1-9 worked out through one, gives persons away. Returns the number of
    differences and sums judged. prev_raw: the raw counts of the earlier table ({key: (teller, noemer)}; a row it
    did not hold: 0), or None: a relation that holds now but did not hold then (a cohort still open then) misleads
    the attacker rather than telling him anything, so with them only relations that held in both count, and every
    difference worked out is checked against them."""
    kb0, _, _ = build(prev, peildatum_of(prev))
    propagate(kb0)
    then_eqs = set()
    for coeffs, const, _ in kb0.eqs:
        then_eqs.add((const, frozenset((kb0.var_key[v], c) for v, c in coeffs)))
    eqs = []
    for coeffs, const, fam in kb.eqs:
        terms = [(kb.var_key[v], c) for v, c in coeffs]
        if (const, frozenset(terms)) not in then_eqs:
            continue
        if sum(c * raw[k][0 if f == "T" else 1] for (f, k), c in terms) != const:
            continue
        if prev_raw is not None and sum(c * (prev_raw.get(k, (0, 0))[0 if f == "T" else 1] or 0)
                                        for (f, k), c in terms) != const:
            continue
        eqs.append((terms, fam))

    def value(b, fk):
        v = b.get(*fk)
        return None if v is None else b.value[v]

    d = {}
    by = collections.defaultdict(list)
    for i, (terms, _) in enumerate(eqs):
        for fk, _ in terms:
            by[fk].append(i)
            if fk not in d:
                now, then = value(kb, fk), value(kb0, fk)
                if now is not None and then is not None:
                    d[fk] = now - then
    solved = {}
    queue = list(range(len(eqs)))
    while queue:
        terms, fam = eqs[queue.pop()]
        unknown = [(fk, c) for fk, c in terms if fk not in d]
        if len(unknown) != 1:
            continue
        fk, c = unknown[0]
        rest = sum(c2 * d[f2] for f2, c2 in terms if f2 in d)
        if rest % c:
            continue
        d[fk] = -rest // c
        solved[fk] = fam
        queue.extend(by[fk])
    judged = 0

    def few(x):
        return x is not None and 1 <= abs(x) <= 9

    for fk, fam in sorted(solved.items()):
        f, k = fk
        now, then = value(kb, fk), value(kb0, fk)
        if now is None and then is not None:   # worked out through the difference: true on today's raw counts?
            want = raw[k][0 if f == "T" else 1]
            if then + d[fk] != want:
                fail("wrong.difference", "%s %s: %d + %d, raw %d (%s)" % (fmt(k), f, then, d[fk], want, fam))
                continue
        if prev_raw is not None:
            want = raw[k][0 if f == "T" else 1] - (prev_raw.get(k, (0, 0))[0 if f == "T" else 1] or 0)
            if d[fk] != want:
                fail("wrong.difference", "%s %s: difference %d, raw %d (%s)" % (fmt(k), f, d[fk], want, fam))
                continue
        bad = []
        if few(d[fk]):
            bad.append("difference %+d" % d[fk])
        if now is not None and 1 <= now - d[fk] <= 9:
            bad.append("then %d" % (now - d[fk]))
        if then is not None and 1 <= then + d[fk] <= 9:
            bad.append("now %d" % (then + d[fk]))
        other = ("N" if f == "T" else "T", k)
        if kind.get(k) == "prop" and other in d and (f == "T" or other not in solved):
            rest = d[("N", k)] - d[("T", k)]
            if few(rest):
                bad.append("rest %+d" % rest)
        judged += 1
        if bad:
            fail("difference.pinned", "%s %s: %s (%s)" % (fmt(k), f, ", ".join(bad), fam))
    for terms, fam in eqs:
        unknown = [(fk, c) for fk, c in terms if fk not in d]
        if len(unknown) < 2 or len(set(c for _, c in unknown)) != 1 or abs(unknown[0][1]) != 1:
            continue
        total = -sum(c * d[fk] for fk, c in terms if fk in d) * unknown[0][1]
        judged += 1
        if few(total):
            fail("difference.sum", "%s: %d hidden rows together %+d (%s)" % (
                fam, len(unknown), total, ", ".join("%s:%s" % (fmt(k), f) for (f, k), _ in unknown[:4])))
    return judged


def attack(export, curves, peildatum, raw, show=20, verify=False, out=sys.stdout, earlier=(), earlier_raw=()):
    """Run the attack on the export; judge it with raw {key: (teller_ruw, noemer_ruw)}; earlier: exports
    published before, each a list of rows. Returns (passed, failures {kind: [text]})."""
    kb, rows, kind = build(export, peildatum)
    # a row hidden now that a table published before showed with the counts it still has: the attacker who guesses
    # "unchanged" (old quarters seldom change) knows it, and works on from there (judged on the raw counts: only
    # where the guess is right)
    for prev in earlier:
        for r0 in prev:
            k = key_of(r0)
            if kind.get(k) not in ("prop", "count", "km") or r0["onderdrukt"] or not rows[k]["onderdrukt"]:
                continue
            rawt, rawn = raw[k]
            for f, was, now in (("T", r0["teller"], rawt), ("N", r0["noemer"], rawn)):
                v = kb.get(f, k)
                if v is not None and was is not None and was == now and kb.value[v] is None:
                    kb.set(v, was, "earlier")
    propagate(kb)

    fails = collections.defaultdict(list)
    passed = 0

    def fail(k, text):
        fails[k].append(text)

    def fmt(k):
        return "%s|%s|%s|%s|%s|%s" % k

    if verify:   # development aid: every equation on the raw counts
        bad = collections.Counter()
        ex = {}
        for coeffs, const, fam in kb.eqs:
            s = 0
            for v, cf in coeffs:
                f, k = kb.var_key[v]
                s += cf * raw[k][0 if f == "T" else 1]
            if s != const:
                bad[fam] += 1
                ex.setdefault(fam, [fmt(kb.var_key[v][1]) + ":" + kb.var_key[v][0] for v, _ in coeffs][:6])
        for fam, n in bad.most_common():
            print("relation does not hold on raw counts: %s x%d e.g. %s" % (fam, n, ex[fam]), file=out)
        print("relations: %d equations, all other families hold" % len(kb.eqs), file=out)

    # wrong: recovered values against raw, shown values contradicting a relation
    for v, val in enumerate(kb.value):
        if val is None or kb.shown[v]:
            continue
        f, k = kb.var_key[v]
        want = raw[k][0 if f == "T" else 1]
        if val != want:
            fail("wrong.recovered", "%s %s recovered %d, raw %d (via %s)" % (fmt(k), f, val, want, kb.how[v]))
        else:
            passed += 1
    for fam, e, res in kb.inconsistent:
        coeffs = kb.eqs[e][0]
        fail("wrong.inconsistent", "%s: shown values contradict it by %s: %s" % (
            fam, res, ", ".join("%s:%s" % (fmt(kb.var_key[v][1]), kb.var_key[v][0]) for v, _ in coeffs[:6])))

    def known(f, k):
        v = kb.get(f, k)
        return None if v is None else kb.value[v]

    # recovered suppressed rows and shown rows against the primary rule
    for k, r in rows.items():
        kd = kind[k]
        if kd is None:
            continue
        sup = bool(r["onderdrukt"])
        if kd == "event":
            t, n = r["teller"], r["noemer"]
            if sup or t is None:
                continue
            bad = [w for w, x in (("teller", t), ("noemer", n), ("complement", None if n is None else n - t))
                   if x is not None and 1 <= x <= 9]
            if bad:
                name = "event." + k[0][len("kwaliteit."):] + ("." + k[4] if k[3] == "kolom" else "")
                fail(name, "%s %s (teller %s, noemer %s)" % (fmt(k), "/".join(bad), t, n))
            else:
                passed += 1
            continue
        t, n = known("T", k), known("N", k)
        if not sup:
            if kd in ("km", "quant"):
                bad = [w for w, x in (("teller", t), ("noemer", n)) if x is not None and x < 10]
            elif kd == "count":
                bad = ["teller"] if t is not None and 1 <= t <= 9 else []
            else:
                bad = [w for w, x in (("teller", t), ("noemer", n), ("complement", None if t is None or n is None else n - t))
                       if x is not None and 1 <= x <= 9]
            if bad:
                fail("primary." + kd, "%s %s (teller %s, noemer %s)" % (fmt(k), "/".join(bad), t, n))
            else:
                passed += 1
            continue
        # suppressed: what did the attacker learn?
        learned = []
        vt, vn = kb.get("T", k), kb.get("N", k)
        if t is not None and 1 <= t <= 9:
            learned.append(("teller", t, kb.how[vt], [vt]))
        if n is not None and 1 <= n <= 9:
            learned.append(("noemer", n, kb.how[vn], [vn]))
        if t is not None and n is not None and 1 <= n - t <= 9 and kd == "prop":
            learned.append(("complement", n - t, kb.how[vt] if kb.how[vt] is not None else kb.how[vn], [vt, vn]))
        # not worked out, but narrowed to within 1-9: "a few persons", which x alone does not say
        def pinned(v):
            return v is not None and kb.value[v] is None and kb.lo[v] >= 1 and kb.hi[v] is not None and kb.hi[v] <= 9
        for what, v in (("teller", vt), ("noemer", vn)):
            if pinned(v):
                rawx = raw[k][0 if what == "teller" else 1]
                if kb.lo[v] <= rawx <= kb.hi[v]:
                    fail("pinned." + kd, "%s %s within %d..%d" % (fmt(k), what, kb.lo[v], kb.hi[v]))
        ok = True
        for what, x, how, vs in learned:
            rawt, rawn = raw[k]
            rawx = {"teller": rawt, "noemer": rawn, "complement": rawn - rawt}[what]
            if x == rawx:
                fams = sorted(set(f for u in vs if not kb.shown[u] for f in kb.chain(u)))
                fail("recovered." + (how or "?").split(":")[0].split("(")[0],
                     "%s %s = %d (via %s; chain: %s)" % (fmt(k), what, x, how, ", ".join(fams)))
                ok = False
        if ok:
            passed += 1

    # sums: an equation whose hidden terms (two or more, all of one sign) the known terms add up to 1-9 persons says
    # how many persons those hidden rows hold together ("perinatal deaths 30, route 1: 21" -> 9 in the other routes)
    for coeffs, const, fam in kb.eqs:
        unknown = [(v, c) for v, c in coeffs if kb.value[v] is None]
        if len(unknown) < 2 or len(set(c for _, c in unknown)) != 1 or abs(unknown[0][1]) != 1:
            continue
        keys = [kb.var_key[v] for v, _ in unknown]
        if any(kind.get(k) not in ("prop", "count", "km", "quant") for _, k in keys):
            continue
        rest = Fraction(const) - sum(c * kb.value[v] for v, c in coeffs if kb.value[v] is not None)
        got = rest / unknown[0][1]
        want = sum(raw[k][0 if f == "T" else 1] for f, k in keys)
        if got != want:   # a relation that does not hold on these rows: the attacker is misled, no leak
            continue
        if 1 <= got <= 9:
            fail("sum." + fam.split(":")[0].split("(")[0],
                 "%d together: %s" % (got, ", ".join("%s:%s" % (fmt(k), f) for f, k in keys[:4])))
        else:
            passed += 1

    # quality rows that count persons: one step of subtraction within their groups, and mdo from the all-types
    # counts; a value worked out that equals the raw count and is 1-9 is a leak (a relation that does not hold
    # exactly, such as a year delivery not in its quarters, gives the attacker a wrong value: no leak)
    def quality_leak(name, k, t, n):
        rawt, rawn = raw[k]
        got = [(w, x) for w, x, rx in (("teller", t, rawt), ("noemer", n, rawn),
                                       ("complement", None if t is None or n is None else n - t,
                                        None if rawt is None or rawn is None else rawn - rawt))
               if x is not None and x == rx and 1 <= x <= 9]
        if got:
            fail("quality." + name, "%s %s" % (fmt(k), ", ".join("%s %d" % g for g in got)))
        return not got

    def shown(k):
        r = rows.get(k)
        return r is not None and not r["onderdrukt"] and r["teller"] is not None

    groups = collections.defaultdict(list)   # (total key, axis) -> parts
    for k in rows:
        if kind[k] != "event":
            continue
        ind, regio, site, groep, gw, per = k
        if site != "*":
            groups[((ind, regio, "*", groep, gw, per), "places")].append(k)
        elif regio != "*":
            groups[((ind, "*", "*", groep, gw, per), "places")].append(k)
        if len(per) == 6 and per[4] == "Q":
            groups[((ind, regio, site, groep, gw, per[:4]), "quarters")].append(k)
        if groep in ("organisatie", "reden"):
            groups[((ind, regio, site, "totaal", "", per), groep)].append(k)
    for (tot, axis), parts in groups.items():
        if tot not in rows:
            continue
        with_n = axis != "reden"   # a reason's noemer is its totaal's
        hidden = [p for p in parts if not shown(p)]
        if shown(tot) and len(hidden) == 1:
            h = hidden[0]
            t = rows[tot]["teller"] - sum(rows[p]["teller"] for p in parts if p != h)
            n = rows[tot]["noemer"] - sum(rows[p]["noemer"] for p in parts if p != h) if with_n else None
            if quality_leak(axis, h, t, n):
                passed += 1
        elif not shown(tot) and not hidden and parts:
            t = sum(rows[p]["teller"] for p in parts)
            n = sum(rows[p]["noemer"] for p in parts) if with_n else None
            if quality_leak(axis, tot, t, n):
                passed += 1
    type_inds = {a: [i for i in set(x[0] for x in rows) if i.startswith(a + ".") and i != a + "." + ROUTE3_TYPE]
                 for a in ALL_TYPES}
    for k in rows:
        if k[0] not in ALL_TYPES or not shown(k):
            continue
        mk = (k[0] + "." + ROUTE3_TYPE,) + k[1:]
        if mk not in rows:
            continue
        others = [(ind,) + k[1:] for ind in type_inds[k[0]]]
        if not all(shown(o) or o not in rows for o in others):
            continue
        t = rows[k]["teller"] - sum(rows[o]["teller"] for o in others if o in rows)
        n = rows[k]["noemer"] - sum(rows[o]["noemer"] for o in others if o in rows) if k[3] != "reden" else None
        if quality_leak("types", mk, t, n):
            passed += 1

    # cross-indicator differences
    for name, (fa, ka), (fb, kb_) in cross_pairs(rows, [k for k in rows if kind[k] not in (None, "event")]):
        a, b = known(fa, ka), known(fb, kb_)
        if a is None or b is None:
            continue
        d = a - b
        src = "shown" if (kb.shown[kb.get(fa, ka)] and kb.shown[kb.get(fb, kb_)]) else "recovered"
        if name.startswith("route_cohort."):
            d = abs(d)
        if d < 0:
            fail("wrong.cross_negative", "%s: %s minus %s = %d < 0" % (name, fmt(ka), fmt(kb_), d))
        elif 1 <= d <= 9:
            fail("cross." + name, "%s %s - %s %s = %d (%s)" % (fmt(ka), fa, fmt(kb_), fb, d, src))
        else:
            passed += 1

    # ratios shown with a suppressed arm
    for k, r in rows.items():
        ind = k[0]
        if not ind.endswith(RATIO_SUFFIXES) or r["waarde"] is None:
            continue
        base = ind.rsplit(".", 1)[0]
        if ind.endswith(".oe"):
            arms = [(base,) + k[1:]]
        else:
            arms = [(base, k[1], k[2], "route", g, k[5]) for g in ("1", "3")]
        hidden = [a for a in arms if a not in rows or rows[a]["onderdrukt"]]
        if hidden:
            fail("ratio.shown_with_suppressed_arm", "%s waarde %s; arm %s" % (fmt(k), r["waarde"], fmt(hidden[0])))
        else:
            passed += 1

    # Kaplan-Meier curves. A step S_i = S_{i-1} (1 - d_i / n_i) gives the losses d_i to whoever knows n_i, the
    # number at risk before them; n_i - d_i - n_{i+1} are the censorings in between.  The curve is published by
    # month with at-risk counts rounded down to a multiple of ROUND (OUTCOMES.md), so the attacker knows only
    # n_i in [at_risk, at_risk + ROUND - 1] (the point before; the cohort size for the first point): d_i is learned
    # when exactly one n in that range gives a whole number of losses.  Exact at-risk counts (ROUND = 1) are the
    # case of the old export, where every step gives d_i and the censorings away.
    if curves:
        ROUND = 10 if all(c["at_risk"] % 10 == 0 for c in curves) else 1
        by = collections.defaultdict(list)
        for c in curves:
            by[(c["indicator"], c["regio"], c["site"], c["groep"], c["groepwaarde"], c["periode"])].append(c)
        for ck, steps in by.items():
            steps.sort(key=lambda c: c["t"])
            if ROUND > 1 and any(st["t"] % 1 or st["at_risk"] < 10 for st in steps):
                fail("curve.steps", "%s: a point off the grid or with fewer than 10 at risk" % fmt(ck))
                continue
            cohort = rows.get(("nazorg.in_zorg.s6m",) + ck[1:])
            prev_s, n_range = 100.0, None
            if cohort is not None and cohort["noemer"] is not None:
                n_range = (cohort["noemer"], cohort["noemer"])  # before the first point: the whole cohort, exactly
            for i, st in enumerate(steps):
                ratio = st["s"] / prev_s if prev_s > 0 else 1.0
                what = []
                if ROUND == 1:
                    n = st["at_risk"]
                    d = n * (1 - ratio)
                    dr = round(d)
                    if abs(d - dr) < 1e-6 and 1 <= dr <= 9:
                        what.append("events %d" % dr)
                    if i + 1 < len(steps) and abs(d - dr) < 1e-6:
                        cens = n - dr - steps[i + 1]["at_risk"]
                        if 1 <= cens <= 9:
                            what.append("censored %d before t=%d" % (cens, steps[i + 1]["t"]))
                elif n_range is not None:
                    cands = set()
                    for n in range(n_range[0], n_range[1] + 1):
                        d = n * (1 - ratio)
                        if abs(d - round(d)) < 1e-6:
                            cands.add(round(d))
                    if len(cands) == 1 and 1 <= min(cands) <= 9:
                        what.append("events %d" % min(cands))
                prev_s = st["s"]
                n_range = (st["at_risk"], st["at_risk"] + ROUND - 1)
                if what:
                    fail("curve.steps", "%s t=%d at_risk %d: %s" % (fmt(ck), st["t"], st["at_risk"], ", ".join(what)))
                else:
                    passed += 1

    # tables published before: what the attacker knows of a row now (a shown value, a value worked out, or an
    # interval) against the same row shown then; within 1-9 of it (and true on the raw counts: a relation that does
    # not hold misleads the attacker) the difference gives that many persons away
    def span(v):
        if v is None:
            return None
        if kb.value[v] is not None:
            return (kb.value[v], kb.value[v])
        return (kb.lo[v], kb.hi[v])

    for prev in earlier:
        for r0 in prev:
            k = key_of(r0)
            kd = kind.get(k)
            if kd not in ("prop", "count", "km", "quant", "event") or r0["onderdrukt"]:
                continue
            t0, n0 = r0["teller"], r0["noemer"]
            st, sn = span(kb.get("T", k)), span(kb.get("N", k))
            if kd == "event":   # a quality row that counts persons: what it shows (its group's sums: quality.*)
                r = rows[k]
                shown_now = not r["onderdrukt"] and r["teller"] is not None and r["noemer"] is not None
                st, sn = ((r["teller"],) * 2, (r["noemer"],) * 2) if shown_now else (None, None)
            rawt, rawn = raw[k]
            items = []
            if t0 is not None and st:
                items.append(("teller", st, t0, rawt))
            if n0 is not None and sn and kd != "count":
                items.append(("noemer", sn, n0, rawn))
            if kd in ("prop", "km", "event") and t0 is not None and n0 is not None and st and sn and st[1] is not None:
                items.append(("rest", (sn[0] - st[1], None if sn[1] is None else sn[1] - st[0]), n0 - t0, rawn - rawt))
            bad = []
            for what, (lo, hi), e, rawx in items:
                if hi is None or not lo <= rawx <= hi:
                    continue
                if (lo - e >= 1 and hi - e <= 9) or (e - hi >= 1 and e - lo <= 9):
                    bad.append("%s %s (earlier %d)" % (what, lo if lo == hi else "%d..%d" % (lo, hi), e))
            if bad:
                fail("eerder.%s.%s" % ("pinned" if rows[k]["onderdrukt"] else "shown", kd),
                     "%s %s" % (fmt(k), ", ".join(bad)))
            elif items:
                passed += 1

    for j, prev in enumerate(earlier):
        passed += difference(kb, kind, raw, prev, earlier_raw[j] if j < len(earlier_raw) else None, fail, fmt)

    # report
    nfail = sum(len(v) for v in fails.values())
    print("attack: %d equations over %d unknowns; %d suppressed values recovered (%d by bounds)" % (
        len(kb.eqs), sum(1 for v in range(len(kb.value)) if not kb.shown[v]),
        sum(1 for v in range(len(kb.value)) if not kb.shown[v] and kb.value[v] is not None),
        sum(1 for h in kb.how if h == "bounds")), file=out)
    for kd in sorted(fails):
        print("FAIL %s: %d" % (kd, len(fails[kd])), file=out)
        for line in fails[kd][:show]:
            print("    " + line, file=out)
    print("attack: %d passed, %d failed" % (passed, nfail), file=out)
    return passed, fails


# ---------------------------------------------------------------------------------------------

def peildatum_of(export):
    ends = [quarter_end(r["periode"]) for r in export if "Q" in r["periode"]]
    return max(ends) if ends else max(quarter_end(r["periode"]) for r in export)


def load_raw(db):
    con = sqlite3.connect(db)
    raw = {}
    for row in con.execute("SELECT indicator, regio, site, groep, groepwaarde, periode, teller_ruw, noemer_ruw FROM uitkomst"):
        raw[tuple(row[:6])] = (row[6], row[7])
    con.close()
    return raw


def fake_row(ind, regio, site, groep, gw, per, t, n, sup, eenheid="%"):
    return {"indicator": ind, "regio": regio, "site": site, "groep": groep, "groepwaarde": gw, "periode": per,
            "teller": None if sup else t, "noemer": None if sup else n, "waarde": None if sup or not n else 100.0 * t / n,
            "ci_laag": None, "ci_hoog": None, "onderdrukt": "x" if sup else "", "eenheid": eenheid,
            "voorlopig": False, "doel": None, "status": None}, (t, n)


def selftest():
    """A small fake export with known leaks: the attack must find each, and nothing in a safe one."""
    import io
    pd = datetime.date(2025, 12, 31)
    checks = []

    def run(spec, curves=None, before=None):
        export, raw = [], {}
        for s in spec:
            r, rw = fake_row(*s)
            export.append(r)
            raw[key_of(r)] = rw
        earlier = [[fake_row(*s)[0] for s in before]] if before else ()
        buf = io.StringIO()
        p, f = attack(export, curves, pd, raw, out=buf, earlier=earlier)
        return p, f, buf.getvalue()

    ind = "nazorg.bereik.4w"
    # 1. a breakdown with exactly one suppressed part: recovered by subtraction
    p, f, txt = run([(ind, "zl", "*", "totaal", "", "2024", 80, 100, False),
                     (ind, "zl", "*", "route", "1", "2024", 60, 70, False),
                     (ind, "zl", "*", "route", "2", "2024", 17, 24, False),
                     (ind, "zl", "*", "route", "3", "2024", 3, 6, True)])
    checks.append(("one suppressed part recovered", any(k.startswith("recovered.breakdown") for k in f)))
    # 2. two suppressed parts: safe, nothing learned, nothing failed
    p, f, txt = run([(ind, "zl", "*", "totaal", "", "2024", 80, 100, False),
                     (ind, "zl", "*", "route", "1", "2024", 60, 70, False),
                     (ind, "zl", "*", "route", "2", "2024", 17, 24, True),
                     (ind, "zl", "*", "route", "3", "2024", 3, 6, True)])
    checks.append(("two suppressed parts safe", not f and p > 0))
    # 3. a chain: the region total recovered from the regions, then the breakdown part
    p, f, txt = run([(ind, "*", "*", "totaal", "", "2024", 90, 120, False),
                     (ind, "zl", "*", "totaal", "", "2024", 70, 95, True),
                     (ind, "zhz", "*", "totaal", "", "2024", 20, 25, False),
                     (ind, "zl", "*", "route", "1", "2024", 62, 80, False),
                     (ind, "zl", "*", "route", "3", "2024", 8, 15, True)])
    checks.append(("chain region -> breakdown", any(k.startswith("recovered.") for k in f)
                   and any("route|3" in line for v in f.values() for line in v)))
    # 4. shown row with a small teller
    p, f, txt = run([(ind, "zl", "*", "totaal", "", "2024", 4, 100, False)])
    checks.append(("primary rule", "primary.prop" in f))
    # 5. regie_belegd teller against its regie_type rows (noemer shown on a type row)
    rb = "overdracht.regie_belegd"
    p, f, txt = run([(rb, "zl", "*", "totaal", "", "2024", 22, 28, True),
                     (rb, "zl", "*", "regie_type", "jgz", "2024", 0, 22, False),
                     (rb, "zl", "*", "regie_type", "ggz", "2024", 12, 22, False),
                     (rb, "zl", "*", "regie_type", "anders", "2024", 10, 22, False),
                     ("overdracht.mdo_dagen.p50", "zl", "*", "totaal", "", "2024", 25, 28, False, "dagen")])
    checks.append(("regie_type noemer + cohort gives the complement", any(k.startswith("recovered.") for k in f)))
    # 6. cross-indicator: live births against the eerste_jgz_contact noemer
    p, f, txt = run([("nazorg.in_zorg.s6m", "zl", "*", "totaal", "", "2024", 400, 430, False),
                     ("overdracht.eerste_jgz_contact", "zl", "*", "totaal", "", "2024", 400, 427, False)])
    checks.append(("cross in_zorg - eerste_jgz_contact", any(k.startswith("cross.in_zorg") for k in f)))
    # 6b. across breakdowns: a one-route cohort at totaal beside prenataal_huisbezoek at that route, either direction
    p, f, txt = run([("overdracht.jgz_tijdig", "zl", "*", "totaal", "", "2024", 30, 40, False),
                     ("overdracht.prenataal_huisbezoek", "zl", "*", "route", "2", "2024", 30, 44, False)])
    checks.append(("cross jgz_tijdig - prenataal_huisbezoek route 2", any(k.startswith("cross.route_cohort") for k in f)))
    p, f, txt = run([("overdracht.mdo_tijdig", "zl", "*", "totaal", "", "2024", 30, 40, False),
                     ("overdracht.prenataal_huisbezoek", "zl", "*", "route", "2", "2024", 30, 44, False)])
    checks.append(("another route is no pair", not any(k.startswith("cross.route_cohort") for k in f)))
    # 7. bounds: a suppressed pair summing to zero is zero (no failure), and an event column
    p, f, txt = run([(ind, "zl", "*", "totaal", "", "2024", 60, 100, False),
                     (ind, "zl", "*", "route", "1", "2024", 60, 90, False),
                     (ind, "zl", "*", "route", "2", "2024", 0, 6, True),
                     (ind, "zl", "*", "route", "3", "2024", 0, 4, True)])
    # the tellers are 0 (no leak); the noemers 6 and 4, each at least 1, add up to 10: each is within 1..9
    checks.append(("bounds pin zeros; noemers within 1..9", set(f) == {"pinned.prop"} and "(2 by bounds)" in txt))
    # 7a. hidden rows that add up to 1-9: deaths 30, route 1: 21, so routes 2 and 3 held 9
    sterfte = "uitkomst.perinatale_sterfte"
    p, f, txt = run([(sterfte, "zl", "*", "totaal", "", "2024", 30, 1000, False, "per1000"),
                     (sterfte, "zl", "*", "route", "1", "2024", 21, 600, False, "per1000"),
                     (sterfte, "zl", "*", "route", "2", "2024", 5, 250, True, "per1000"),
                     (sterfte, "zl", "*", "route", "3", "2024", 4, 150, True, "per1000")])
    checks.append(("hidden rows adding up to 9", any(k.startswith("sum.") for k in f)))
    p, f, txt = run([(sterfte, "zl", "*", "totaal", "", "2024", 40, 1000, False, "per1000"),
                     (sterfte, "zl", "*", "route", "1", "2024", 21, 600, False, "per1000"),
                     (sterfte, "zl", "*", "route", "2", "2024", 15, 250, True, "per1000"),
                     (sterfte, "zl", "*", "route", "3", "2024", 4, 150, True, "per1000")])
    checks.append(("hidden rows adding up to 19: no leak", not any(k.startswith("sum.") for k in f)))
    r, _ = fake_row("kwaliteit.volledigheid.bevalling", "zl", "*", "kolom", "overleden_dag", "2024", 3, 400, False)
    export = [r]
    buf = io.StringIO()
    p, f = attack(export, None, pd, {key_of(r): (3, 400)}, out=buf)
    checks.append(("event column", "event.volledigheid.bevalling.overleden_dag" in f))
    # 7b. quality rows that count persons: a site's completeness from its region and the other site; mdo's rejected
    # rows from the count over all types; and none when the all-types count leaves mdo out
    vol = "kwaliteit.volledigheid.bevalling"
    p, f, txt = run([(vol, "zl", "*", "kolom", "geboortegewicht", "2024", 397, 400, False),
                     (vol, "zl", "S-A", "kolom", "geboortegewicht", "2024", 298, 300, False),
                     (vol, "zl", "S-B", "kolom", "geboortegewicht", "2024", 99, 100, True)])
    checks.append(("a completeness row from its places", "quality.places" in f))
    afg = "kwaliteit.afgewezen"
    leak = [(afg, "zl", "*", "totaal", "", "2024", 12, 260, False, "aantal"),
            (afg + ".zwangerschap", "zl", "*", "totaal", "", "2024", 10, 250, False, "aantal"),
            (afg + ".mdo", "zl", "*", "totaal", "", "2024", 2, 10, True, "aantal")]
    p, f, txt = run(leak)
    checks.append(("mdo from the count over all types", "quality.types" in f))
    p, f, txt = run([(afg, "zl", "*", "totaal", "", "2024", 10, 250, False, "aantal")] + leak[1:])
    checks.append(("no mdo in the count over all types: safe", not f))
    # 8. a curve step of one event
    cur = [{"indicator": "nazorg.in_zorg", "regio": "zl", "site": "*", "groep": "totaal", "groepwaarde": "",
            "periode": "2024", "t": 30, "at_risk": 41, "s": 100.0 * 40 / 41, "ci_laag": None, "ci_hoog": None}]
    p, f = attack([], cur, pd, {}, out=io.StringIO())
    checks.append(("curve step", "curve.steps" in f))
    # 8b. rounded at-risk counts: a drop of 1 of 40 after a point with 40 (40..49 at risk) is learned only by
    # chance; 2.5 % of exactly 40 gives 1 loss, of 41..49 no whole number: learned; a drop of 12 of 48 is not small
    cur = [dict(cur[0], t=30, at_risk=40, s=100.0), dict(cur[0], t=61, at_risk=40, s=97.5),
           dict(cur[0], t=91, at_risk=30, s=97.5 * 36 / 48)]
    p, f = attack([], cur, pd, {}, out=io.StringIO())
    checks.append(("curve step, rounded", len(f.get("curve.steps", [])) == 1))
    # 10. a table published before: the year grew from 25 to 27 deaths, shown both times; then the year hidden now
    # but worked out from its quarters (27); a year 15 apart, or the same counts again: no leak
    def year(t, sup, quarters=()):
        return [(sterfte, "zl", "*", "totaal", "", "2025", t, 1000, sup, "per1000")] + \
               [(sterfte, "zl", "*", "totaal", "", "2025Q%d" % (i + 1), q, 250, False, "per1000")
                for i, q in enumerate(quarters)]
    before = year(25, False)
    p, f, txt = run(year(27, False), before=before)
    checks.append(("earlier table: a shown year 2 apart", "eerder.shown.prop" in f))
    p, f, txt = run(year(27, True, (10, 0, 12, 5)), before=before)
    checks.append(("earlier table: a hidden year worked out 2 apart", "eerder.pinned.prop" in f))
    p, f, txt = run(year(40, True, (10, 0, 12, 18)), before=before)
    checks.append(("earlier table: 15 apart, no leak", not any(k.startswith("eerder.") for k in f) and p > 0))
    p, f, txt = run(year(25, False), before=before)
    checks.append(("earlier table: the same counts, no leak", not any(k.startswith("eerder.") for k in f)))
    # a row hidden now that was shown before with the teller it still has: taken as known, total minus it gives 5
    part = [(ind, "zl", "*", "totaal", "", "2024", 25, 700, False),
            (ind, "zl", "*", "route", "1", "2024", 20, 520, True),
            (ind, "zl", "*", "route", "2", "2024", 5, 180, True)]
    p, f, txt = run(part, before=[(ind, "zl", "*", "route", "1", "2024", 20, 500, False)])
    checks.append(("earlier table: a hidden row known from before", any(k.startswith("recovered.") for k in f)))
    p, f, txt = run(part, before=[(ind, "zl", "*", "route", "1", "2024", 15, 500, False)])
    checks.append(("earlier table: a hidden row that changed since, safe", not f))
    # the difference of two whole tables: routes 2 and 3 hidden in both, so each table alone is safe; but the total
    # grew by 15 and route 1 by 6, so routes 2 and 3 together by 9
    routes = [(ind, "zl", "*", "totaal", "", "2024", 80, 150, False),
              (ind, "zl", "*", "route", "1", "2024", 60, 100, False),
              (ind, "zl", "*", "route", "2", "2024", 15, 35, True),
              (ind, "zl", "*", "route", "3", "2024", 5, 15, True)]
    then = [(ind, "zl", "*", "totaal", "", "2024", 65, 100, False),
            (ind, "zl", "*", "route", "1", "2024", 54, 70, False),
            (ind, "zl", "*", "route", "2", "2024", 8, 20, True),
            (ind, "zl", "*", "route", "3", "2024", 3, 10, True)]
    p, f, txt = run(routes, before=then)
    checks.append(("difference of two tables: hidden rows together 9 more", "difference.sum" in f))
    then[0], then[1] = then[0][:6] + (60, 100, False), then[1][:6] + (60, 70, False)
    p, f, txt = run(routes, before=then)
    checks.append(("difference of two tables: 20 more, safe", not f and p > 0))
    # 9. a wrong relation is caught: the engine's raw count differs from what was recovered
    p, f, txt = run([(ind, "zl", "*", "totaal", "", "2024", 80, 100, False),
                     (ind, "zl", "*", "route", "1", "2024", 60, 70, False),
                     (ind, "zl", "*", "route", "3", "2024", 3, 6, True)])
    checks.append(("recovered value against raw", "wrong.recovered" in f))
    nbad = 0
    for name, okk in checks:
        print("selftest %s: %s" % ("ok" if okk else "FAIL", name))
        nbad += not okk
    print("selftest: %d passed, %d failed" % (len(checks) - nbad, nbad))
    return nbad == 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--export")
    ap.add_argument("--curves")
    ap.add_argument("--eerder", action="append", default=[], help="an export published before (repeatable)")
    ap.add_argument("--eerder-db", action="append", default=[],
                    help="the database as it was when the --eerder export of the same place was made (its raw counts)")
    ap.add_argument("--db")
    ap.add_argument("--peildatum")
    ap.add_argument("--show", type=int, default=20)
    ap.add_argument("--verify", action="store_true", help="check every relation on the raw counts (development)")
    ap.add_argument("--selftest", action="store_true")
    a = ap.parse_args()
    if a.selftest:
        sys.exit(0 if selftest() else 1)
    if not a.export or not a.db:
        ap.error("--export and --db are required")
    with open(a.export, encoding="utf-8") as fh:
        export = json.load(fh)
    curves = None
    if a.curves:
        with open(a.curves, encoding="utf-8") as fh:
            curves = json.load(fh)
    pd = datetime.date.fromisoformat(a.peildatum) if a.peildatum else peildatum_of(export)
    print("attack: %d rows, peildatum %s" % (len(export), pd))
    raw = load_raw(a.db)
    earlier = []
    for f in a.eerder:
        with open(f, encoding="utf-8") as fh:
            earlier.append(json.load(fh))
    earlier_raw = [load_raw(db) for db in a.eerder_db]
    _, fails = attack(export, curves, pd, raw, show=a.show, verify=a.verify, earlier=earlier, earlier_raw=earlier_raw)
    sys.exit(1 if fails else 0)


if __name__ == "__main__":
    main()
