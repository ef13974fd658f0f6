/*
 * kansrijk - the disclosure audit (see audit.h).
 */
#include "audit.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define INF LLONG_MAX

kr_status eng_lin_eq(eng_lin *L, const size_t *var, const int *coef, size_t n)
{
    if (n == 0)
        return KR_OK;
    if (kr_reserve(&L->var, &L->tcap, L->nt + n, sizeof *L->var, 4096) != KR_OK)
        return KR_ENOMEM;
    if (kr_reserve(&L->coef, &L->ccap, L->nt + n, sizeof *L->coef, 4096) != KR_OK ||
        kr_reserve(&L->start, &L->ecap, L->ne + 2, sizeof *L->start, 1024) != KR_OK)
        return KR_ENOMEM;
    if (L->ne == 0)
        L->start[0] = 0;
    memcpy(L->var + L->nt, var, n * sizeof *var);
    memcpy(L->coef + L->nt, coef, n * sizeof *coef);
    L->nt += n;
    L->start[++L->ne] = L->nt;
    return KR_OK;
}

kr_status eng_lin_block(eng_lin *L, const size_t *var, size_t n)
{
    if (n < 2)
        return KR_OK;
    if (kr_reserve(&L->bvar, &L->bvcap, L->nbv + n, sizeof *L->bvar, 4096) != KR_OK ||
        kr_reserve(&L->bstart, &L->bcap, L->nb + 2, sizeof *L->bstart, 1024) != KR_OK)
        return KR_ENOMEM;
    if (L->nb == 0)
        L->bstart[0] = 0;
    memcpy(L->bvar + L->nbv, var, n * sizeof *var);
    L->nbv += n;
    L->bstart[++L->nb] = L->nbv;
    return KR_OK;
}

void eng_lin_fini(eng_lin *L)
{
    free(L->var);
    free(L->coef);
    free(L->start);
    free(L->bvar);
    free(L->bstart);
    memset(L, 0, sizeof *L);
}

/* ---- the reader's knowledge ------------------------------------------------------------------------------------ */

enum { UNKNOWN, SHOWN, SOLVED, BOUNDED };
#define NO_REASON (-1L)
#define LEQ_REASON(v) (-2L - (long)(v))

typedef struct audit {
    const eng_cell *cells;
    const unsigned char *flags;
    const eng_lin *L;
    size_t nv;
    unsigned char *state;
    long long *lo, *hi;  /* known: lo = hi = the value */
    long *why;           /* SOLVED: the equation */
    long *wlo, *whi;     /* what last raised lo / lowered hi: an equation, LEQ_REASON(var), or NO_REASON */
    unsigned char *valid;
    size_t *active, nactive;  /* valid equations with a hidden term */
    size_t *adj, *adjs;  /* the equations of each variable */
    size_t *stack;
    size_t nstack;
    size_t *q, qcap, qhead, qtail;  /* narrowing worklist (a ring), inq: queued */
    unsigned char *inq;
    size_t *solved, nsolved;        /* variables solved by single unknowns, in order */
} audit;

static int has_var(const audit *A, size_t v)
{
    return (A->flags[v / 2] & (v % 2 ? ENG_AV_N : ENG_AV_T)) != 0;
}

static long long raw(const audit *A, size_t v)
{
    return v % 2 ? A->cells[v / 2].noemer : A->cells[v / 2].teller;
}

static void push_eqs_of(audit *A, size_t v)
{
    for (size_t k = A->adjs[v]; k < A->adjs[v + 1]; k++)
        A->stack[A->nstack++] = A->adj[k];
}

/* Equations with one unknown left, until none. The stack holds each equation at most once per variable solved. */
static void solve_single(audit *A)
{
    const eng_lin *L = A->L;
    while (A->nstack) {
        size_t e = A->stack[--A->nstack];
        if (!A->valid[e])
            continue;
        size_t unknown = (size_t)-1, nu = 0;
        int cu = 0;
        long long rest = 0;
        for (size_t k = L->start[e]; k < L->start[e + 1]; k++) {
            size_t v = L->var[k];
            if (A->state[v] == UNKNOWN) {
                if (++nu > 1)
                    break;
                unknown = v;
                cu = L->coef[k];
            } else {
                rest += (long long)L->coef[k] * A->lo[v];
            }
        }
        if (nu != 1 || rest % cu != 0 || -rest / cu < 0)
            continue;
        A->state[unknown] = SOLVED;
        A->lo[unknown] = A->hi[unknown] = -rest / cu;
        A->why[unknown] = (long)e;
        A->solved[A->nsolved++] = unknown;
        push_eqs_of(A, unknown);
    }
}

static long long floor_div(long long a, long long b)  /* b > 0 */
{
    long long q = a / b;
    return (a % b != 0 && a < 0) ? q - 1 : q;
}

static long long ceil_div(long long a, long long b)  /* b > 0 */
{
    long long q = a / b;
    return (a % b != 0 && a > 0) ? q + 1 : q;
}

/* Interval narrowing by worklist: an equation is looked at again when a bound of one of its terms moved. */
static void touched(audit *A, size_t v);

static void set_hi(audit *A, size_t v, long long x, long why)
{
    if (A->state[v] == UNKNOWN && x < A->hi[v]) {
        A->hi[v] = x;
        A->whi[v] = why;
        touched(A, v);
    }
}

static void set_lo(audit *A, size_t v, long long x, long why)
{
    if (A->state[v] == UNKNOWN && x > A->lo[v]) {
        A->lo[v] = x;
        A->wlo[v] = why;
        touched(A, v);
    }
}

static void touched(audit *A, size_t v)
{
    for (size_t k = A->adjs[v]; k < A->adjs[v + 1]; k++) {
        size_t e = A->adj[k];
        if (!A->inq[e]) {
            A->inq[e] = 1;
            A->q[A->qtail] = e;
            A->qtail = (A->qtail + 1) % A->qcap;
        }
    }
    size_t i = v / 2;
    if ((A->flags[i] & (ENG_AV_LEQ | ENG_AV_T | ENG_AV_N)) != (ENG_AV_LEQ | ENG_AV_T | ENG_AV_N))
        return;
    if (v % 2)
        set_hi(A, ENG_T(i), A->hi[v], LEQ_REASON(v));  /* teller <= noemer */
    else
        set_lo(A, ENG_N(i), A->lo[v], LEQ_REASON(v));
}

static void narrow_eq(audit *A, size_t e)
{
    const eng_lin *L = A->L;
    long long smin = 0, smax = 0;
    size_t inf_min = 0, inf_max = 0;
    for (size_t k = L->start[e]; k < L->start[e + 1]; k++) {
        size_t v = L->var[k];
        long long c = L->coef[k];
        if (c > 0) {
            smin += c * A->lo[v];
            if (A->hi[v] == INF)
                inf_max++;
            else
                smax += c * A->hi[v];
        } else {
            smax += c * A->lo[v];
            if (A->hi[v] == INF)
                inf_min++;
            else
                smin += c * A->hi[v];
        }
    }
    for (size_t k = L->start[e]; k < L->start[e + 1]; k++) {
        size_t v = L->var[k];
        if (A->state[v] != UNKNOWN)
            continue;
        long long c = L->coef[k], lo = A->lo[v], hi = A->hi[v];
        int hinf = hi == INF;
        /* the others' sum O lies in [omin, omax]; c * x = -O */
        size_t omin_inf = inf_min - (c < 0 && hinf), omax_inf = inf_max - (c > 0 && hinf);
        long long omin = smin - (c > 0 ? c * lo : (hinf ? 0 : c * hi));
        long long omax = smax - (c > 0 ? (hinf ? 0 : c * hi) : c * lo);
        if (c > 0) {
            if (!omin_inf)
                set_hi(A, v, floor_div(-omin, c), (long)e);
            if (!omax_inf)
                set_lo(A, v, ceil_div(-omax, c), (long)e);
        } else {
            if (!omin_inf)
                set_lo(A, v, ceil_div(omin, -c), (long)e);
            if (!omax_inf)
                set_hi(A, v, floor_div(omax, -c), (long)e);
        }
    }
}

/* Everything the reader can work out: single unknowns, then intervals until they settle, and again. */
static void propagate(audit *A, size_t ncells)
{
    A->nstack = 0;
    for (size_t a = 0; a < A->nactive; a++)
        A->stack[A->nstack++] = A->active[a];
    solve_single(A);
    for (size_t i = 0; i < ncells; i++)
        if ((A->flags[i] & (ENG_AV_LEQ | ENG_AV_T | ENG_AV_N)) == (ENG_AV_LEQ | ENG_AV_T | ENG_AV_N)) {
            set_hi(A, ENG_T(i), A->hi[ENG_N(i)], LEQ_REASON(ENG_N(i)));
            set_lo(A, ENG_N(i), A->lo[ENG_T(i)], LEQ_REASON(ENG_T(i)));
        }
    for (size_t a = 0; a < A->nactive; a++)
        if (!A->inq[A->active[a]]) {
            A->inq[A->active[a]] = 1;
            A->q[A->qtail] = A->active[a];
            A->qtail = (A->qtail + 1) % A->qcap;
        }
    size_t budget = 8 * (A->nactive + 1);
    for (;;) {
        while (A->qhead != A->qtail && budget) {
            size_t e = A->q[A->qhead];
            A->qhead = (A->qhead + 1) % A->qcap;
            A->inq[e] = 0;
            budget--;
            narrow_eq(A, e);
        }
        int fixed = 0;
        for (size_t v = 0; v < A->nv; v++)
            if (A->state[v] == UNKNOWN && A->hi[v] != INF && A->lo[v] == A->hi[v]) {
                A->state[v] = BOUNDED;
                push_eqs_of(A, v);
                fixed = 1;
            }
        if (!fixed || !budget)
            break;
        /* newly known values: solve what they settle, and narrow around what was solved */
        size_t mark = A->nsolved;
        solve_single(A);
        for (size_t k = mark; k < A->nsolved; k++)
            touched(A, A->solved[k]);
    }
}

/* ---- leaks and what to hide ------------------------------------------------------------------------------------ */

typedef struct finder {
    unsigned *seen;  /* stamp per variable */
    unsigned stamp;
    size_t *queue;
} finder;

static int better(const eng_cell *cells, size_t a, size_t b)
{
    if (cells[a].teller != cells[b].teller)
        return cells[a].teller < cells[b].teller;
    if (cells[a].noemer != cells[b].noemer)
        return cells[a].noemer < cells[b].noemer;
    return a < b;
}

/* The shown cell behind the values of vars: walk back through the reasons; (size_t)-1 when none. */
static size_t culprit(const audit *A, finder *F, const size_t *vars, size_t nvars)
{
    const eng_lin *L = A->L;
    size_t head = 0, tail = 0, best = (size_t)-1;
    F->stamp++;
    for (size_t k = 0; k < nvars; k++)
        if (F->seen[vars[k]] != F->stamp) {
            F->seen[vars[k]] = F->stamp;
            F->queue[tail++] = vars[k];
        }
    while (head < tail) {
        size_t u = F->queue[head++];
        if (A->state[u] == SHOWN) {
            size_t c = u / 2;
            if (A->cells[c].out == ENG_SHOWN && A->cells[c].kind != ENG_CELL_NOT_PERSONS &&
                (best == (size_t)-1 || better(A->cells, c, best)))
                best = c;
            continue;
        }
        long reasons[3] = {A->state[u] == SOLVED ? A->why[u] : NO_REASON, A->wlo[u], A->whi[u]};
        for (int r = 0; r < 3; r++) {
            long w = reasons[r];
            if (w == NO_REASON)
                continue;
            if (w <= -2) {
                size_t p = (size_t)(-2 - w);
                if (F->seen[p] != F->stamp) {
                    F->seen[p] = F->stamp;
                    F->queue[tail++] = p;
                }
                continue;
            }
            for (size_t k = L->start[w]; k < L->start[w + 1]; k++) {
                size_t p = L->var[k];
                if (F->seen[p] != F->stamp) {
                    F->seen[p] = F->stamp;
                    F->queue[tail++] = p;
                }
            }
        }
    }
    return best;
}

static int small(long long x, int min_cell) { return x >= 1 && x < min_cell; }

typedef struct kv {
    long long val;
    size_t var;
} kv;

static int cmp_kv(const void *a, const void *b)
{
    const kv *x = a, *y = b;
    if (x->val != y->val)
        return (x->val > y->val) - (x->val < y->val);
    return (x->var > y->var) - (x->var < y->var);
}

struct eng_audit_ctx {
    audit A;
    finder F;
    size_t n;
    unsigned char *pick;
    kv *buf;
};

void eng_audit_close(eng_audit_ctx *X)
{
    if (!X)
        return;
    audit *A = &X->A;
    free(A->state);
    free(A->lo);
    free(A->hi);
    free(A->why);
    free(A->wlo);
    free(A->whi);
    free(A->valid);
    free(A->active);
    free(A->adjs);
    free(A->adj);
    free(A->stack);
    free(A->q);
    free(A->inq);
    free(A->solved);
    free(X->F.seen);
    free(X->F.queue);
    free(X->pick);
    free(X->buf);
    free(X);
}

kr_status eng_audit_open(const eng_cell *cells, const unsigned char *flags, size_t n, const eng_lin *L,
                         eng_audit_ctx **out)
{
    eng_audit_ctx *X = calloc(1, sizeof *X);
    *out = NULL;
    if (!X)
        return KR_ENOMEM;
    audit *A = &X->A;
    X->n = n;
    A->cells = cells;
    A->flags = flags;
    A->L = L;
    A->nv = 2 * n;
    size_t nv = A->nv ? A->nv : 1, ne = L->ne ? L->ne : 1, nt = L->nt ? L->nt : 1;
    A->state = calloc(nv, 1);
    A->lo = calloc(nv, sizeof *A->lo);
    A->hi = malloc(nv * sizeof *A->hi);
    A->why = malloc(nv * sizeof *A->why);
    A->wlo = malloc(nv * sizeof *A->wlo);
    A->whi = malloc(nv * sizeof *A->whi);
    A->valid = calloc(ne, 1);
    A->active = malloc(ne * sizeof *A->active);
    A->adjs = calloc(nv + 1, sizeof *A->adjs);
    A->adj = malloc(nt * sizeof *A->adj);
    A->stack = malloc((nt + ne) * sizeof *A->stack);
    A->qcap = ne + 1;
    A->q = malloc(A->qcap * sizeof *A->q);
    A->inq = calloc(ne, 1);
    A->solved = malloc(nv * sizeof *A->solved);
    X->F.seen = calloc(nv, sizeof *X->F.seen);
    X->F.queue = malloc(nv * sizeof *X->F.queue);
    X->pick = calloc(n ? n : 1, 1);
    X->buf = malloc((L->nbv ? L->nbv : 1) * sizeof *X->buf);
    if (!A->state || !A->lo || !A->hi || !A->why || !A->wlo || !A->whi || !A->valid || !A->active || !A->adjs ||
        !A->adj || !A->stack || !A->q || !A->inq || !A->solved || !X->F.seen || !X->F.queue || !X->pick || !X->buf) {
        eng_audit_close(X);
        return KR_ENOMEM;
    }
    /* only relations that hold on the raw counts, between counts of persons; indexed by variable */
    for (size_t e = 0; e < L->ne; e++) {
        long long sum = 0;
        int ok = 1;
        for (size_t k = L->start[e]; k < L->start[e + 1] && ok; k++) {
            ok = L->var[k] < A->nv && has_var(A, L->var[k]);
            if (ok)
                sum += (long long)L->coef[k] * raw(A, L->var[k]);
        }
        A->valid[e] = ok && sum == 0;
        if (A->valid[e])
            for (size_t k = L->start[e]; k < L->start[e + 1]; k++)
                A->adjs[L->var[k] + 1]++;
    }
    for (size_t v = 0; v < A->nv; v++)
        A->adjs[v + 1] += A->adjs[v];
    size_t *fill = malloc(nv * sizeof *fill);
    if (!fill) {
        eng_audit_close(X);
        return KR_ENOMEM;
    }
    memcpy(fill, A->adjs, nv * sizeof *fill);
    for (size_t e = 0; e < L->ne; e++)
        if (A->valid[e])
            for (size_t k = L->start[e]; k < L->start[e + 1]; k++)
                A->adj[fill[L->var[k]]++] = e;
    free(fill);
    *out = X;
    return KR_OK;
}

kr_status eng_audit_run(eng_audit_ctx *X, eng_cell *cells, int min_cell, size_t *hidden)
{
    audit *A = &X->A;
    const eng_lin *L = A->L;
    const unsigned char *flags = A->flags;
    size_t n = X->n;
    *hidden = 0;
    A->cells = cells;
    for (size_t v = 0; v < A->nv; v++) {
        A->why[v] = A->wlo[v] = A->whi[v] = NO_REASON;
        A->lo[v] = 0;
        A->hi[v] = INF;
        A->state[v] = UNKNOWN;
        if (has_var(A, v) && cells[v / 2].out == ENG_SHOWN) {
            A->state[v] = SHOWN;
            A->lo[v] = A->hi[v] = raw(A, v);
        }
    }
    /* the equations with something hidden in them (one of shown values only tells nothing) */
    A->nactive = 0;
    for (size_t e = 0; e < L->ne; e++) {
        if (!A->valid[e])
            continue;
        for (size_t k = L->start[e]; k < L->start[e + 1]; k++)
            if (A->state[L->var[k]] != SHOWN) {
                A->active[A->nactive++] = e;
                break;
            }
    }
    while (A->qhead != A->qtail) {  /* what the last run's budget left */
        A->inq[A->q[A->qhead]] = 0;
        A->qhead = (A->qhead + 1) % A->qcap;
    }
    A->qhead = A->qtail = 0;
    A->nsolved = 0;
    propagate(A, n);
    memset(X->pick, 0, n);
    /* leaks: hidden cells whose teller, noemer or complement is worked out and small */
    for (size_t i = 0; i < n; i++) {
        if (cells[i].out == ENG_SHOWN)
            continue;
        size_t t = ENG_T(i), nn = ENG_N(i), vars[2];
        size_t nvars = 0;
        int kt = (flags[i] & ENG_AV_T) && A->state[t] != UNKNOWN, kn = (flags[i] & ENG_AV_N) && A->state[nn] != UNKNOWN;
        if (kt && small(A->lo[t], min_cell))
            vars[nvars++] = t;
        if (kn && small(A->lo[nn], min_cell))
            vars[nvars++] = nn;
        if (!nvars && kt && kn && (flags[i] & ENG_AV_COMPLEMENT) && small(A->lo[nn] - A->lo[t], min_cell)) {
            vars[nvars++] = t;
            vars[nvars++] = nn;
        }
        if (nvars) {
            size_t c = culprit(A, &X->F, vars, nvars);
            if (c != (size_t)-1)
                X->pick[c] = 1;
        }
    }
    /* leaks: two known values of nested cohorts a small count apart */
    for (size_t b = 0; b < L->nb; b++) {
        size_t m = 0;
        for (size_t k = L->bstart[b]; k < L->bstart[b + 1]; k++) {
            size_t v = L->bvar[k];
            if (v < A->nv && has_var(A, v) && A->state[v] != UNKNOWN)
                X->buf[m++] = (kv){A->lo[v], v};
        }
        qsort(X->buf, m, sizeof *X->buf, cmp_kv);
        for (size_t k = 1; k < m; k++)
            if (small(X->buf[k].val - X->buf[k - 1].val, min_cell)) {
                size_t vars[2] = {X->buf[k - 1].var, X->buf[k].var};
                size_t c = culprit(A, &X->F, vars, 2);
                if (c != (size_t)-1)
                    X->pick[c] = 1;
            }
    }
    for (size_t i = 0; i < n; i++)
        if (X->pick[i] && cells[i].out == ENG_SHOWN) {
            cells[i].out = ENG_HIDDEN;
            (*hidden)++;
        }
    return KR_OK;
}

kr_status eng_audit(eng_cell *cells, const unsigned char *flags, size_t n, const eng_lin *L, int min_cell,
                    size_t *hidden)
{
    eng_audit_ctx *X = NULL;
    kr_status rc = eng_audit_open(cells, flags, n, L, &X);
    if (rc == KR_OK)
        rc = eng_audit_run(X, cells, min_cell, hidden);
    eng_audit_close(X);
    return rc;
}
