/*
 * kansrijk - the difference with a table published before (see eng_audit_delta in audit_int.h).
 *
 * Two tables of one database at different peildatums obey the same relations, so their difference does too: where the
 * reader holds a row in both (shown, or worked out), its difference is known; a row the earlier table did not hold had
 * no one in it then; elsewhere the difference lies between what the reader knows of the row now and then (the bounds
 * the audit of each table narrowed it to; a count then is at least 0, so a difference has no bound below unless the
 * count then had one above). The reader narrows these
 * intervals through the relations until they settle, as the audit of one table does. "Preterm births 2025, all ages:
 * 31 then 40; the ages shown: 25 then 25" says the hidden ages gained 9 preterm births between the two tables, though
 * each table hides them well on its own. What the reader of one table works out counts as held here, and what the
 * audit of that table catches (a count of 1 .. min_cell - 1 from it alone) it has caught already. The leaks here are
 * those of the difference:
 *   - a difference narrowed to within 1 .. min_cell - 1 persons either way (these came or went between the tables);
 *   - a count narrowed to within 1 .. min_cell - 1 through a difference (known then, plus what came since);
 *   - the unknown differences of a relation, all of one sign, adding up to 1 .. min_cell - 1 either way.
 *
 * Not followed: what the reader of the earlier table could have known beyond what its audit worked out, tables put
 * together from parts of several publications, and the blocks of nested cohorts; the counts a difference gives away
 * are not recorded as worked out (docs/privacy.md, "Eerder gepubliceerd").
 */
#include "audit_int.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define NEG LLONG_MIN  /* no bound below */
#define POS LLONG_MAX  /* no bound above */
#define NO_EQ ((size_t)-1)
#define NO_RAW LLONG_MIN

typedef struct delta {
    eng_audit_view V;
    const eng_audit_ctx *X;
    size_t nv;
    long long *xlo, *xhi;  /* what the reader knows of each count now */
    long long *elo, *ehi;  /* then: what the reader knew of the count (a row not in the table: 0; ehi POS: no bound) */
    long long *raw;        /* then: the raw count (a row not in the table: 0; NO_RAW: none) */
    unsigned char *holds;  /* per relation: holds on the raw counts of both tables */
    long long *lo, *hi;    /* the difference, now minus then */
    size_t *wlo, *whi;     /* the relation that last narrowed it, or NO_EQ */
    uint32_t *q;           /* narrowing worklist (a ring) of relations */
    size_t qcap, qhead, qtail;
    unsigned char *inq;
    unsigned *stamp;       /* the culprit walk's visits */
    unsigned cur;
    size_t *walk;
    size_t *terms;         /* a relation's known differences (leaks) */
} delta;

static int small(long long x, int min_cell) { return x >= 1 && x < min_cell; }

/* Whether [lo, hi] lies within 1 .. m - 1 either way. */
static int few(long long lo, long long hi, int m)
{
    return lo != NEG && hi != POS && ((lo >= 1 && hi < m) || (hi <= -1 && lo > -m));
}

static int exact(const delta *D, size_t v) { return D->lo[v] == D->hi[v]; }

static int has_var(const delta *D, size_t v)
{
    return (D->V.flags[v / 2] & (v % 2 ? ENG_AV_N : ENG_AV_T)) != 0;
}

static void delta_fini(delta *D)
{
    free(D->xlo);
    free(D->xhi);
    free(D->elo);
    free(D->ehi);
    free(D->raw);
    free(D->holds);
    free(D->lo);
    free(D->hi);
    free(D->wlo);
    free(D->whi);
    free(D->q);
    free(D->inq);
    free(D->stamp);
    free(D->walk);
    free(D->terms);
}

static kr_status delta_init(delta *D, const eng_audit_ctx *X)
{
    memset(D, 0, sizeof *D);
    eng_audit_view_of(X, &D->V);
    D->X = X;
    D->nv = 2 * D->V.n;
    const eng_lin *L = D->V.L;
    size_t nv = D->nv ? D->nv : 1, ne = L->ne ? L->ne : 1, longest = 1;
    for (size_t e = 0; e < L->ne; e++)
        if (L->start[e + 1] - L->start[e] > longest)
            longest = L->start[e + 1] - L->start[e];
    D->xlo = malloc(nv * sizeof *D->xlo);
    D->xhi = malloc(nv * sizeof *D->xhi);
    D->elo = malloc(nv * sizeof *D->elo);
    D->ehi = malloc(nv * sizeof *D->ehi);
    D->raw = malloc(nv * sizeof *D->raw);
    D->holds = malloc(ne);
    D->lo = malloc(nv * sizeof *D->lo);
    D->hi = malloc(nv * sizeof *D->hi);
    D->wlo = malloc(nv * sizeof *D->wlo);
    D->whi = malloc(nv * sizeof *D->whi);
    D->qcap = ne + 1;
    D->q = malloc(D->qcap * sizeof *D->q);
    D->inq = calloc(ne, 1);
    D->stamp = calloc(nv, sizeof *D->stamp);
    D->walk = malloc(nv * sizeof *D->walk);
    D->terms = malloc(longest * sizeof *D->terms);
    if (!D->xlo || !D->xhi || !D->elo || !D->ehi || !D->raw || !D->holds || !D->lo || !D->hi || !D->wlo ||
        !D->whi || !D->q || !D->inq || !D->stamp || !D->walk || !D->terms) {
        delta_fini(D);
        return KR_ENOMEM;
    }
    for (size_t v = 0; v < D->nv; v++)
        if (has_var(D, v))
            eng_audit_bounds(X, v, &D->xlo[v], &D->xhi[v]);
    return KR_OK;
}

static void enqueue(delta *D, size_t e)
{
    if (D->inq[e] || !D->holds[e])
        return;
    D->inq[e] = 1;
    D->q[D->qtail] = (uint32_t)e;
    D->qtail = D->qtail + 1 == D->qcap ? 0 : D->qtail + 1;
}

static void touched(delta *D, size_t v)
{
    size_t na;
    const size_t *a = eng_audit_eqs(D->X, v, &na);
    for (size_t j = 0; j < na; j++)
        enqueue(D, a[j]);
}

/*
 * The differences the reader holds with table t, before any relation: then is the table's count (0 for a row it did
 * not hold; unknown: at least 0), now is what the reader of this table knows. And the relations that hold on the raw
 * counts of both tables: one that holds now need not have held then (a cohort still open then, closed now), and a
 * reader who took it for one would be misled, not told.
 */
static void hold(delta *D, size_t t)
{
    const eng_earlier *E = D->V.E;
    const eng_lin *L = D->V.L;
    for (size_t v = 0; v < D->nv; v++) {
        D->elo[v] = D->ehi[v] = 0;
        D->raw[v] = 0;
    }
    for (size_t i = 0; i < D->V.n; i++)
        for (size_t k = E->tfirst[i]; k < E->tfirst[i + 1]; k++) {
            const long *w = E->ttn + ENG_TABLE_W * k;  /* table, teller, noemer, raw teller and noemer, bounds */
            if ((size_t)w[0] != t)
                continue;
            for (size_t f = 0; f < 2; f++) {
                size_t v = 2 * i + f;
                D->raw[v] = w[3 + f] >= 0 ? w[3 + f] : NO_RAW;
                D->elo[v] = w[1 + f] >= 0 ? w[1 + f] : w[5 + 2 * f];
                D->ehi[v] = w[1 + f] >= 0 ? w[1 + f] : w[6 + 2 * f] >= 0 ? w[6 + 2 * f] : POS;
            }
        }
    for (size_t v = 0; v < D->nv; v++) {
        D->wlo[v] = D->whi[v] = NO_EQ;
        D->lo[v] = NEG;
        D->hi[v] = POS;
        if (!has_var(D, v))
            continue;
        /* now minus then: the highest now less the lowest then, and the other way round */
        D->lo[v] = D->ehi[v] == POS ? NEG : D->xlo[v] - D->ehi[v];
        D->hi[v] = D->xhi[v] == POS ? POS : D->xhi[v] - D->elo[v];
    }
    for (size_t e = 0; e < L->ne; e++) {
        long long sum = 0;
        int known = D->V.valid[e];
        for (size_t k = L->start[e]; k < L->start[e + 1] && known; k++) {
            known = D->raw[L->var[k]] != NO_RAW;
            sum += known ? (long long)L->coef[k] * D->raw[L->var[k]] : 0;
        }
        D->holds[e] = known && sum == 0;
    }
}

static void set_lo(delta *D, size_t v, long long x, size_t why)
{
    if (x > D->lo[v] && x <= D->hi[v]) {  /* past hi: the relation does not hold between the tables; leave it */
        D->lo[v] = x;
        D->wlo[v] = why;
        touched(D, v);
    }
}

static void set_hi(delta *D, size_t v, long long x, size_t why)
{
    if (x < D->hi[v] && x >= D->lo[v]) {
        D->hi[v] = x;
        D->whi[v] = why;
        touched(D, v);
    }
}

/* Relation e (sum of c * d = 0) narrows each of its differences by what the others allow. */
static void narrow(delta *D, size_t e)
{
    const eng_lin *L = D->V.L;
    long long smin = 0, smax = 0;
    size_t nmin = 0, nmax = 0;  /* terms without a bound below, above */
    for (size_t k = L->start[e]; k < L->start[e + 1]; k++) {
        size_t v = L->var[k];
        long long c = L->coef[k], a = c > 0 ? D->lo[v] : D->hi[v], b = c > 0 ? D->hi[v] : D->lo[v];
        if (a == NEG || a == POS)
            nmin++;
        else
            smin += c * a;
        if (b == NEG || b == POS)
            nmax++;
        else
            smax += c * b;
    }
    for (size_t k = L->start[e]; k < L->start[e + 1]; k++) {
        size_t v = L->var[k];
        if (exact(D, v))
            continue;
        long long c = L->coef[k], a = c > 0 ? D->lo[v] : D->hi[v], b = c > 0 ? D->hi[v] : D->lo[v];
        int ainf = a == NEG || a == POS, binf = b == NEG || b == POS;
        /* the others' sum O lies in [omin, omax]; c * d = -O */
        size_t omin_inf = nmin - (size_t)ainf, omax_inf = nmax - (size_t)binf;
        long long omin = smin - (ainf ? 0 : c * a), omax = smax - (binf ? 0 : c * b);
        long long nlo = 0, nhi = 0;
        int got = eng_term_bounds(c, omin, !omin_inf, omax, !omax_inf, &nlo, &nhi);
        if (c > 0 && (got & ENG_GIVES_HI))  /* in this order: the worklist's order is the audit's result */
            set_hi(D, v, nhi, e);
        if (got & ENG_GIVES_LO)
            set_lo(D, v, nlo, e);
        if (c < 0 && (got & ENG_GIVES_HI))
            set_hi(D, v, nhi, e);
    }
}

/* Every relation narrows its differences until they settle (or a budget of narrowings runs out, as in the audit). */
static void propagate(delta *D)
{
    const eng_lin *L = D->V.L;
    size_t budget = 0;
    D->qhead = D->qtail = 0;
    for (size_t e = 0; e < L->ne; e++)
        if (D->holds[e]) {
            budget += 8;
            for (size_t k = L->start[e]; k < L->start[e + 1]; k++)
                if (!exact(D, L->var[k])) {
                    enqueue(D, e);
                    break;
                }
        }
    while (D->qhead != D->qtail) {
        size_t e = D->q[D->qhead];
        D->qhead = D->qhead + 1 == D->qcap ? 0 : D->qhead + 1;
        D->inq[e] = 0;
        if (budget) {
            budget--;
            narrow(D, e);
        }
    }
}

/* Whether v's difference is known exactly from the two tables alone (no relation). */
static int held(const delta *D, size_t v)
{
    return exact(D, v) && D->wlo[v] == NO_EQ && D->whi[v] == NO_EQ;
}

static void visit(delta *D, size_t v, size_t *nwalk)
{
    if (D->stamp[v] != D->cur) {
        D->stamp[v] = D->cur;
        D->walk[(*nwalk)++] = v;
    }
}

static size_t better(const eng_cell *cells, size_t best, size_t c)
{
    if (c == (size_t)-1)
        return best;
    if (best == (size_t)-1 || cells[c].keep < cells[best].keep)
        return c;
    if (cells[c].keep != cells[best].keep)
        return best;
    if (cells[c].teller != cells[best].teller)
        return cells[c].teller < cells[best].teller ? c : best;
    if (cells[c].noemer != cells[best].noemer)
        return cells[c].noemer < cells[best].noemer ? c : best;
    return c < best ? c : best;
}

/*
 * The best cell to hide behind what the reader worked out of vars: through the relations that narrowed them, nearest
 * first, down to differences the tables give; of those, the cell of a row shown now, or the cell behind a count
 * worked out from this table alone (eng_audit_behind). A known difference of 0 adds nothing to a sum, so with zeros 0
 * it is not followed. The walk stops at the first distance that offers a cell, or after WALK_MAX differences (the
 * narrowings of a large part of the table lead back to most of it; hiding a near cell and looking again is enough).
 */
#define WALK_MAX 512
static size_t walk_back(delta *D, eng_audit_ctx *X, const size_t *vars, size_t nvars, int zeros)
{
    const eng_lin *L = D->V.L;
    const eng_cell *cells = D->V.cells;
    size_t best = (size_t)-1, head = 0, nwalk = 0, level_end;
    if (++D->cur == 0) {
        memset(D->stamp, 0, D->nv * sizeof *D->stamp);
        D->cur = 1;
    }
    for (size_t k = 0; k < nvars; k++)
        visit(D, vars[k], &nwalk);
    level_end = nwalk;
    while (head < nwalk) {
        size_t v = D->walk[head++];
        if (!(held(D, v) && D->lo[v] == 0 && !zeros)) {
            for (int side = 0; side < 2; side++) {
                size_t e = side ? D->whi[v] : D->wlo[v];
                if (e != NO_EQ)
                    for (size_t k = L->start[e]; k < L->start[e + 1] && nwalk < WALK_MAX; k++)
                        visit(D, L->var[k], &nwalk);
            }
            if (D->wlo[v] == NO_EQ || D->whi[v] == NO_EQ) {  /* a bound from the table itself */
                if (cells[v / 2].out == ENG_SHOWN)
                    best = better(cells, best, cells[v / 2].kind != ENG_CELL_NOT_PERSONS ? v / 2 : (size_t)-1);
                else
                    best = better(cells, best, eng_audit_behind(X, v));  /* worked out now; known before: none */
            }
        }
        if (head == level_end) {  /* a distance done */
            if (best != (size_t)-1)
                break;
            level_end = nwalk;
        }
    }
    return best;
}

static size_t culprit(delta *D, eng_audit_ctx *X, const size_t *vars, size_t nvars)
{
    size_t c = walk_back(D, X, vars, nvars, 0);
    return c != (size_t)-1 ? c : walk_back(D, X, vars, nvars, 1);
}

/*
 * Whether the count now or the count then of v lies within 1 .. m - 1 once the difference is taken in: now is then
 * plus the difference, and then is now less it, each within what the reader knew of it directly (a reader with both
 * tables intersects the two).
 */
static int pinned(const delta *D, size_t v, int m)
{
    long long lo = D->lo[v], hi = D->hi[v];
    long long nlo = D->xlo[v], nhi = D->xhi[v], plo = D->elo[v], phi = D->ehi[v];
    if (lo != NEG && D->elo[v] + lo > nlo)
        nlo = D->elo[v] + lo;
    if (hi != POS && D->ehi[v] != POS && D->ehi[v] + hi < nhi)
        nhi = D->ehi[v] + hi;
    if (hi != POS && D->xlo[v] - hi > plo)
        plo = D->xlo[v] - hi;
    if (lo != NEG && D->xhi[v] != POS && D->xhi[v] - lo < phi)
        phi = D->xhi[v] - lo;
    /* only what the difference adds: a count its own table pins was that table's audit's to catch */
    int now = nlo > D->xlo[v] || nhi < D->xhi[v], then = plo > D->elo[v] || phi < D->ehi[v];
    return (now && nhi != POS && small(nlo, m) && nhi < m) || (then && phi != POS && small(plo, m) && phi < m);
}

/* The leaks of the difference with one table, each with its culprit picked. */
static void leaks(delta *D, eng_audit_ctx *X)
{
    const eng_lin *L = D->V.L;
    int m = D->V.min_cell;
    for (size_t i = 0; i < D->V.n; i++) {
        size_t t = ENG_T(i), nn = ENG_N(i), vars[2];
        size_t nvars = 0;
        for (size_t v = t; v <= nn && !nvars; v++) {
            if (!has_var(D, v) || held(D, v))
                continue;  /* known in both: the rule against counts published before (eng_earlier_hold) */
            if (few(D->lo[v], D->hi[v], m) || pinned(D, v, m))
                vars[nvars++] = v;
        }
        unsigned char f = D->V.flags[i];
        if (!nvars && (f & ENG_AV_COMPLEMENT) && (f & ENG_AV_T) && (f & ENG_AV_N) && !(held(D, t) && held(D, nn)) &&
            D->lo[nn] != NEG && D->hi[t] != POS && D->hi[nn] != POS && D->lo[t] != NEG &&
            few(D->lo[nn] - D->hi[t], D->hi[nn] - D->lo[t], m)) {
            vars[nvars++] = t;
            vars[nvars++] = nn;
        }
        if (nvars)
            eng_audit_pick(X, culprit(D, X, vars, nvars));
    }
    for (size_t e = 0; e < L->ne; e++) {
        if (!D->holds[e])
            continue;
        long long sum = 0;
        int sign = 0, one_sign = 1;
        size_t nheld = 0, unknown = 0;
        for (size_t k = L->start[e]; k < L->start[e + 1] && one_sign; k++) {
            size_t v = L->var[k];
            int c = L->coef[k];
            if (exact(D, v)) {
                sum += (long long)c * D->lo[v];
                D->terms[nheld++] = v;
            } else if ((c != 1 && c != -1) || (sign && c != sign)) {
                one_sign = 0;
            } else {
                sign = c;
                unknown++;
            }
        }
        if (one_sign && unknown >= 2 && few(sum, sum, m))
            eng_audit_pick(X, culprit(D, X, D->terms, nheld));
    }
}

kr_status eng_audit_delta(eng_audit_ctx *X, eng_cell *cells, size_t *hidden)
{
    delta D;
    eng_audit_view V;
    *hidden = 0;
    eng_audit_view_of(X, &V);
    if (!V.E->tfirst || V.E->ntables == 0)
        return KR_OK;
    if (delta_init(&D, X) != KR_OK)
        return KR_ENOMEM;
    for (size_t t = 0; t < V.E->ntables; t++) {
        hold(&D, t);
        propagate(&D);
        leaks(&D, X);
    }
    delta_fini(&D);
    return eng_audit_hide_picked(X, cells, hidden);
}
