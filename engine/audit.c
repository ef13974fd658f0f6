/*
 * kansrijk - the disclosure audit (see audit_int.h).
 */
#include "audit_int.h"

#include <limits.h>
#include <pthread.h>
#include <stdint.h>
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
    if (!L)
        return;
    free(L->var);
    free(L->coef);
    free(L->start);
    free(L->bvar);
    free(L->bstart);
    memset(L, 0, sizeof *L);
}

/* ---- the reader's knowledge ------------------------------------------------------------------------------------ */

/*
 * How the work is cut. The hidden variables fall apart into components: two are in one component when a relation or
 * a teller <= noemer pair holds both (shown values are constants). A propagation step reads and writes only the
 * variables of one component, and the worklist and the stack treat each component's items in the order they would
 * have alone; so running the components apart, in any order, gives each variable the same value, state and reason as
 * one run over everything - as long as the shared budget of narrowings is not reached (the sum of every component's
 * count stays below it; otherwise the audit falls back to one run over everything). Between two runs the caller only
 * hides cells, so a component none of whose variables was newly hidden is the same as in the last run, with the same
 * result: only the components with a newly hidden variable are worked out again.
 */

enum { UNKNOWN, SHOWN, SOLVED, BOUNDED };
#define NO_REASON (-1L)
#define LEQ_REASON(v) (-2L - (long)(v))
#define NONE UINT32_MAX
#define AV_ALL (ENG_AV_LEQ | ENG_AV_T | ENG_AV_N)

typedef struct term {
    uint32_t v;  /* the problem's variable */
    int32_t c;
} term;

typedef struct bounds {
    long long lo, hi;  /* known: lo = hi = the value */
} bounds;

/*
 * The problem's equations, back to back in one array of slots, each a head and then its hidden terms (one read for an
 * equation); an equation is named by where it starts. Head: the sum of its shown terms, {its number of hidden terms,
 * the table's equation}, {its component as the problem numbers them, unused}.
 */
typedef union slot {
    long long k;
    uint32_t u[2];
    term t;
} slot;
#define EQ_HEAD 3
#define EQ_K(h) ((h)[0].k)
#define EQ_N(h) ((h)[1].u[0])
#define EQ_G(h) ((h)[1].u[1])
#define EQ_COMP(h) ((h)[2].u[0])

/*
 * One propagation: the hidden variables of some components and their relations. Equations keep the table's order;
 * variables are numbered as the equations first name them (neighbours in memory), ord lists them in the table's order.
 */
typedef struct prob {
    uint32_t nv, ncomp, ns;
    uint32_t *gv;        /* variable -> the table's variable */
    uint32_t *ord;       /* the variables in the table's order */
    uint32_t *leq;       /* variable -> the one its bound carries to (teller <= noemer), or NONE */
    slot *s;             /* the equations, ns slots */
    uint32_t *as, *adj;  /* the equations of each variable, one entry per term */
    uint32_t *croot;     /* component -> its root (the table's variable) */
    size_t *ccnt;        /* component -> narrowings */
    unsigned char *state;
    bounds *b;
    long *why;           /* SOLVED: the equation (the table's) */
    long *wlo, *whi;     /* what last raised lo / lowered hi: an equation, LEQ_REASON(the table's var), or NO_REASON */
    uint32_t *stack;
    size_t nstack;
    uint32_t *q;         /* narrowing worklist (a ring), inq: queued (by where the equation starts) */
    size_t qcap, qhead, qtail;
    uint64_t *inq;       /* a bit per slot */
    uint32_t *solved;    /* variables solved by single unknowns, in order */
    size_t nsolved;
    size_t budget;       /* narrowings left */
} prob;

static int in_queue(const prob *P, uint32_t e)
{
    return (P->inq[e / 64] >> (e % 64)) & 1;
}

static void set_queued(prob *P, uint32_t e, int on)
{
    if (on)
        P->inq[e / 64] |= (uint64_t)1 << (e % 64);
    else
        P->inq[e / 64] &= ~((uint64_t)1 << (e % 64));
}

static void push_eqs_of(prob *P, uint32_t v)
{
    for (uint32_t k = P->as[v]; k < P->as[v + 1]; k++)
        P->stack[P->nstack++] = P->adj[k];
}

/* Equations with one unknown left, until none. The stack holds each equation at most once per variable solved. */
static void solve_single(prob *P)
{
    while (P->nstack) {
        const slot *h = P->s + P->stack[--P->nstack], *t = h + EQ_HEAD;
        uint32_t unknown = NONE, nu = 0, n = EQ_N(h);
        int cu = 0;
        long long rest = EQ_K(h);
        for (uint32_t k = 0; k < n; k++) {
            uint32_t v = t[k].t.v;
            if (P->state[v] == UNKNOWN) {
                if (++nu > 1)
                    break;
                unknown = v;
                cu = t[k].t.c;
            } else {
                rest += (long long)t[k].t.c * P->b[v].lo;
            }
        }
        if (nu != 1 || rest % cu != 0 || -rest / cu < 0)
            continue;
        P->state[unknown] = SOLVED;
        P->b[unknown].lo = P->b[unknown].hi = -rest / cu;
        P->why[unknown] = (long)EQ_G(h);
        P->solved[P->nsolved++] = unknown;
        push_eqs_of(P, unknown);
    }
}

/* Interval narrowing by worklist: an equation is looked at again when a bound of one of its terms moved. */
static void touched(prob *P, uint32_t v);

static void set_hi(prob *P, uint32_t v, long long x, long why)
{
    if (P->state[v] == UNKNOWN && x < P->b[v].hi) {
        P->b[v].hi = x;
        P->whi[v] = why;
        touched(P, v);
    }
}

static void set_lo(prob *P, uint32_t v, long long x, long why)
{
    if (P->state[v] == UNKNOWN && x > P->b[v].lo) {
        P->b[v].lo = x;
        P->wlo[v] = why;
        touched(P, v);
    }
}

static void touched(prob *P, uint32_t v)
{
    for (uint32_t k = P->as[v]; k < P->as[v + 1]; k++) {
        uint32_t e = P->adj[k];
        if (!in_queue(P, e)) {
            set_queued(P, e, 1);
            P->q[P->qtail] = e;
            P->qtail = P->qtail + 1 == P->qcap ? 0 : P->qtail + 1;
        }
    }
    uint32_t p = P->leq[v];
    if (p == NONE)
        return;
    if (P->gv[v] % 2)
        set_hi(P, p, P->b[v].hi, LEQ_REASON(P->gv[v]));  /* teller <= noemer */
    else
        set_lo(P, p, P->b[v].lo, LEQ_REASON(P->gv[v]));
}

static void narrow_eq(prob *P, uint32_t e)
{
    const slot *h = P->s + e, *t = h + EQ_HEAD;
    uint32_t n = EQ_N(h);
    long long smin = EQ_K(h);
    long long smax = smin;
    long why = (long)EQ_G(h);
    size_t inf_min = 0, inf_max = 0;
    for (uint32_t k = 0; k < n; k++) {
        const bounds *b = &P->b[t[k].t.v];
        long long c = t[k].t.c;
        if (c > 0) {
            smin += c * b->lo;
            if (b->hi == INF)
                inf_max++;
            else
                smax += c * b->hi;
        } else {
            smax += c * b->lo;
            if (b->hi == INF)
                inf_min++;
            else
                smin += c * b->hi;
        }
    }
    for (uint32_t k = 0; k < n; k++) {
        uint32_t v = t[k].t.v;
        if (P->state[v] != UNKNOWN)
            continue;
        long long c = t[k].t.c, lo = P->b[v].lo, hi = P->b[v].hi;
        int hinf = hi == INF;
        /* the others' sum O lies in [omin, omax]; c * x = -O */
        size_t omin_inf = inf_min - (c < 0 && hinf), omax_inf = inf_max - (c > 0 && hinf);
        long long omin = smin - (c > 0 ? c * lo : (hinf ? 0 : c * hi));
        long long omax = smax - (c > 0 ? (hinf ? 0 : c * hi) : c * lo);
        long long nlo = 0, nhi = 0;
        int got = eng_term_bounds(c, omin, !omin_inf, omax, !omax_inf, &nlo, &nhi);
        if (c > 0 && (got & ENG_GIVES_HI))  /* in this order: the worklist's order is the audit's result */
            set_hi(P, v, nhi, why);
        if (got & ENG_GIVES_LO)
            set_lo(P, v, nlo, why);
        if (c < 0 && (got & ENG_GIVES_HI))
            set_hi(P, v, nhi, why);
    }
}

static void enqueue_all(prob *P)
{
    for (uint32_t e = 0; e < P->ns; e += EQ_HEAD + EQ_N(P->s + e))
        if (!in_queue(P, e)) {
            set_queued(P, e, 1);
            P->q[P->qtail] = e;
            P->qtail = P->qtail + 1 == P->qcap ? 0 : P->qtail + 1;
        }
}

/* ---- the context: the table's variables, their components, and what changed since the last run ------------------ */

/*
 * The shown cell behind a derived value: the best (see better) shown cell that the value's reasons lead back to. One
 * depth-first walk per run over the reasons (nodes: the table's variables, then its equations) finds it for every node
 * it reaches, strongly connected ones together (Tarjan), so leaks that share their derivations walk them once.
 */
typedef struct frame {
    uint32_t node, pos;  /* pos: the next out-edge */
} frame;

typedef struct reach {
    unsigned *stamp;  /* per node: the run its fields are of */
    unsigned cur;
    uint32_t *num, *low, counter;
    size_t *best;     /* the best cell the node leads back to, or (size_t)-1 */
    unsigned char *on;
    uint32_t *stk;    /* nodes of unfinished components */
    size_t nstk;
    frame *call;
} reach;

typedef struct kv {
    long long val;
    size_t var;
} kv;

struct eng_audit_ctx {
    const eng_cell *cells;
    const unsigned char *flags;
    const eng_lin *L;
    size_t n, nv;
    /* what the reader knows of each of the table's variables */
    unsigned char *state;
    long long *lo, *hi;
    long *why, *wlo, *whi;
    unsigned char *valid;    /* the relations that hold on the raw counts */
    size_t *adj, *adjs;      /* the valid equations of each variable */
    uint32_t *hcnt;          /* per valid equation: its hidden terms */
    uint32_t *first;         /* per valid equation with a hidden term: where its first one is (from its start) */
    size_t nactive;          /* the valid equations with a hidden term */
    uint64_t *emark;         /* a bit per equation: one of this run (build) */
    int all;                 /* this run builds every equation with a hidden term */
    uint32_t *sel, nsel;     /* the variables of this run, in the table's order */
    uint32_t *vroot;         /* per variable of this run: its component's root */
    unsigned char *vside;    /* per variable: 1 + the problem it is in this run, 0 when in none */
    /* the components of the hidden variables, and the last run */
    int min_cell;            /* the last run's */
    int kept;                /* state .. whi hold each component's own result for the cells as in was */
    unsigned char *was;      /* each cell's out as the last run found it (its counts are those of the open) */
    uint32_t *uf;            /* union-find over the hidden variables */
    uint32_t *redo;          /* per root: the run that works its component out again */
    uint32_t run;
    size_t *cnt;             /* per root: narrowings of its component's propagation (0 for any other variable) */
    size_t cnt_sum;          /* their sum over every root, after the last run */
    unsigned char *fresh;    /* per variable: worked out again in this run (its leaks are looked at again) */
    uint32_t *lv;            /* the table's variable -> the problem's, or NONE */
    uint32_t *comp;          /* per root: its component as the problem numbers them */
    uint32_t *changed;       /* variables hidden since the last run */
    unsigned char *side;     /* per root: the problem its component is worked out in */
    uint32_t *csize;         /* per root: its component's variables in this run */
    uint32_t *roots;         /* the roots of this run, heaviest first */
    uint64_t *rkey;          /* their sort keys */
    prob P[2];               /* the components of a run fall to two problems, worked out side by side */
    int threads;             /* the second on a thread of its own (KANSRIJK_THREADS=1: no), read once at open */
    reach R;
    eng_earlier E;           /* counts published before (first NULL: none) */
    unsigned char *known;    /* per variable: a hidden cell's count the reader has from a table published before, or
                                NULL: none */
    unsigned char *pick;
    size_t *picked, npicked; /* the cells pick marks */
    kv *buf;
    size_t *ebuf;            /* an equation's known terms (eq_leak) */
};

static int has_var(const eng_audit_ctx *X, size_t v)
{
    return (X->flags[v / 2] & (v % 2 ? ENG_AV_N : ENG_AV_T)) != 0;
}

static long long raw(const eng_audit_ctx *X, size_t v)
{
    return v % 2 ? X->cells[v / 2].noemer : X->cells[v / 2].teller;
}

/* What a reader knows of hidden variable v before any relation: a proportion's row is written only where its cohort
 * holds someone, so its noemer is at least 1 (an attack found "1 to 5 births of unknown age" that way). */
static long long floor_of(const eng_audit_ctx *X, size_t v)
{
    return v % 2 && X->cells[v / 2].kind == ENG_CELL_PROPORTION && raw(X, v) >= 1 ? 1 : 0;
}

static int is_leq(const eng_audit_ctx *X, size_t v)
{
    return (X->flags[v / 2] & AV_ALL) == AV_ALL;
}

static uint32_t root(uint32_t *uf, uint32_t v)
{
    while (uf[v] != v) {
        uf[v] = uf[uf[v]];
        v = uf[v];
    }
    return v;
}

/* One component of a and b; the root keeps the narrowings of both (so their sum over the roots stays the same). */
static void join(uint32_t *uf, size_t *cnt, uint32_t a, uint32_t b)
{
    a = root(uf, a);
    b = root(uf, b);
    if (a == b)
        return;
    uint32_t lo = a < b ? a : b, hi = a < b ? b : a;
    uf[hi] = lo;
    cnt[lo] += cnt[hi];
    cnt[hi] = 0;
}

/* Join a newly hidden variable to the hidden variables it shares a relation or a teller <= noemer pair with. */
static void join_around(eng_audit_ctx *X, size_t v)
{
    const eng_lin *L = X->L;
    for (size_t a = X->adjs[v]; a < X->adjs[v + 1]; a++) {
        size_t e = X->adj[a];
        for (size_t k = L->start[e]; k < L->start[e + 1]; k++)
            if (X->state[L->var[k]] != SHOWN)
                join(X->uf, X->cnt, (uint32_t)v, (uint32_t)L->var[k]);
    }
    if (is_leq(X, v) && X->state[v ^ 1] != SHOWN)
        join(X->uf, X->cnt, (uint32_t)v, (uint32_t)(v ^ 1));
}

/* Start over: every variable as the cells show it, every hidden variable a component of its own, then joined. */
static void reset_all(eng_audit_ctx *X)
{
    for (size_t v = 0; v < X->nv; v++) {
        X->why[v] = X->wlo[v] = X->whi[v] = NO_REASON;
        X->lo[v] = floor_of(X, v);
        X->hi[v] = INF;
        X->state[v] = UNKNOWN;
        if (has_var(X, v) && (X->cells[v / 2].out == ENG_SHOWN || (X->known && X->known[v]))) {
            X->state[v] = SHOWN;
            X->lo[v] = X->hi[v] = raw(X, v);
        }
        X->uf[v] = (uint32_t)v;
        X->cnt[v] = 0;
    }
    const eng_lin *L = X->L;
    X->nactive = 0;
    for (size_t e = 0; e < L->ne; e++) {
        size_t u = (size_t)-1;
        X->hcnt[e] = 0;
        for (size_t k = L->start[e]; X->valid[e] && k < L->start[e + 1]; k++)
            if (X->state[L->var[k]] == SHOWN)
                continue;
            else if (X->hcnt[e]++, u == (size_t)-1) {
                u = L->var[k];
                X->first[e] = (uint32_t)(k - L->start[e]);
            } else {
                join(X->uf, X->cnt, (uint32_t)u, (uint32_t)L->var[k]);
            }
        X->nactive += X->hcnt[e] > 0;
    }
    for (size_t v = 0; v < X->nv; v += 2)
        if (is_leq(X, v) && X->state[v] != SHOWN && X->state[v + 1] != SHOWN)
            join(X->uf, X->cnt, (uint32_t)v, (uint32_t)(v + 1));
}

/* Packed (size, root) keys: the heavier component first, equal ones by root. */
static int cmp_rkey(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/*
 * The problems of the components marked for this run (all: of every hidden variable), over nprob problems (1 or 2):
 * each component goes whole to one of them, the heaviest first to the lighter one. This part chooses the variables
 * and where each component goes; build_side fills one problem (each on the thread that works it out: propagate_both).
 */
static void build(eng_audit_ctx *X, int all, int nprob)
{
    uint32_t nsel = 0, nroots = 0;
    for (int q = 0; q < 2; q++)
        X->P[q].nv = X->P[q].ncomp = X->P[q].ns = 0;
    /* the variables of this run (in the table's order), and the size of each component */
    for (size_t v = 0; v < X->nv; v++) {
        if (!has_var(X, v) || X->state[v] == SHOWN)
            continue;
        uint32_t r = root(X->uf, (uint32_t)v);
        if (!all && X->redo[r] != X->run)
            continue;
        X->vroot[v] = r;
        X->sel[nsel++] = (uint32_t)v;
        if (r == v) {  /* a root is its component's first variable */
            X->csize[r] = 0;
            X->roots[nroots++] = r;
        }
        X->csize[r]++;
    }
    X->nsel = nsel;
    if (nprob > 1) {
        for (uint32_t i = 0; i < nroots; i++)
            X->rkey[i] = ((uint64_t)(UINT32_MAX - X->csize[X->roots[i]]) << 32) | X->roots[i];
        qsort(X->rkey, nroots, sizeof *X->rkey, cmp_rkey);
        for (uint32_t i = 0; i < nroots; i++)
            X->roots[i] = (uint32_t)X->rkey[i];
    }
    size_t load[2] = {0, 0};
    for (uint32_t i = 0; i < nroots; i++) {
        uint32_t r = X->roots[i];
        int q = nprob > 1 && load[1] < load[0];
        X->side[r] = (unsigned char)q;
        load[q] += X->csize[r];
    }
    /* components numbered per problem in the table's order of their roots */
    for (uint32_t i = 0; i < nsel; i++) {
        uint32_t v = X->sel[i], r = X->vroot[v];
        X->vside[v] = (unsigned char)(1 + X->side[r]);
        if (r == v) {
            prob *P = &X->P[X->side[r]];
            X->comp[r] = P->ncomp;
            P->croot[P->ncomp] = r;
            P->ccnt[P->ncomp++] = 0;
        }
    }
    /* the equations of this run: every one with a hidden term, or those of the marked components (a valid
     * equation's hidden terms are all in one component) */
    X->all = all;
    if (!all)
        for (uint32_t i = 0; i < nsel; i++)
            for (size_t a = X->adjs[X->sel[i]]; a < X->adjs[X->sel[i] + 1]; a++)
                X->emark[X->adj[a] / 64] |= (uint64_t)1 << (X->adj[a] % 64);
}

/* Problem q of this run: its equations in the table's order, its variables as they first name them, and the rest. */
static void build_side(eng_audit_ctx *X, int q)
{
    const eng_lin *L = X->L;
    prob *P = &X->P[q];
    unsigned char mine = (unsigned char)(1 + q);
    for (size_t w = 0, e = 0; w * 64 < L->ne; w++) {
        uint64_t bits = X->all ? UINT64_MAX : X->emark[w];
        while (bits) {
            e = w * 64 + (size_t)__builtin_ctzll(bits);
            bits &= bits - 1;
            if (e >= L->ne || X->hcnt[e] == 0)  /* hcnt counts only valid equations */
                continue;
            size_t u = L->var[L->start[e] + X->first[e]];
            if (X->vside[u] != mine)
                continue;
            slot *h = P->s + P->ns;
            uint32_t m = 0;
            EQ_K(h) = 0;
            for (size_t k = L->start[e]; k < L->start[e + 1]; k++) {
                size_t v = L->var[k];
                if (X->state[v] == SHOWN) {
                    EQ_K(h) += (long long)L->coef[k] * X->lo[v];
                    continue;
                }
                if (X->lv[v] == NONE) {
                    X->lv[v] = P->nv;
                    P->gv[P->nv++] = (uint32_t)v;
                }
                h[EQ_HEAD + m++].t = (term){X->lv[v], L->coef[k]};
            }
            EQ_N(h) = m;
            EQ_G(h) = (uint32_t)e;
            EQ_COMP(h) = X->comp[X->vroot[u]];
            h[2].u[1] = 0;
            P->ns += EQ_HEAD + m;
        }
    }
    /* the problem's variables in the table's order */
    uint32_t nord = 0;
    for (uint32_t i = 0; i < X->nsel; i++) {
        uint32_t g = X->sel[i];
        if (X->vside[g] != mine)
            continue;
        if (X->lv[g] == NONE) {
            X->lv[g] = P->nv;
            P->gv[P->nv++] = g;
        }
        P->ord[nord++] = X->lv[g];
    }
    memset(P->as, 0, (P->nv + 1) * sizeof *P->as);
    for (uint32_t e = 0; e < P->ns; e += EQ_HEAD + EQ_N(P->s + e))
        for (uint32_t k = 0; k < EQ_N(P->s + e); k++)
            P->as[P->s[e + EQ_HEAD + k].t.v + 1]++;
    for (uint32_t v = 0; v < P->nv; v++)
        P->as[v + 1] += P->as[v];
    for (uint32_t v = 0; v < P->nv; v++)
        P->solved[v] = P->as[v];  /* fill positions, borrowed */
    for (uint32_t e = 0; e < P->ns; e += EQ_HEAD + EQ_N(P->s + e))
        for (uint32_t k = 0; k < EQ_N(P->s + e); k++)
            P->adj[P->solved[P->s[e + EQ_HEAD + k].t.v]++] = e;
    for (uint32_t x = 0; x < P->nv; x++) {
        size_t g = P->gv[x];
        /* the partner of a teller <= noemer pair is in the same component, so on this side when hidden */
        P->leq[x] = is_leq(X, g) && X->vside[g ^ 1] == mine ? X->lv[g ^ 1] : NONE;
        P->state[x] = UNKNOWN;
        P->b[x] = (bounds){floor_of(X, g), INF};
        P->why[x] = P->wlo[x] = P->whi[x] = NO_REASON;
    }
}

/* The marks of build's equations, cleared when both sides are built. */
static void build_done(eng_audit_ctx *X)
{
    if (!X->all)
        memset(X->emark, 0, (X->L->ne / 64 + 1) * sizeof *X->emark);
}

/* Everything the reader can work out in the problem: single unknowns, then intervals until they settle, and again. */
static void propagate(const eng_audit_ctx *X, prob *P)
{
    P->nsolved = 0;
    P->qhead = P->qtail = 0;
    P->nstack = 0;
    for (uint32_t e = 0; e < P->ns; e += EQ_HEAD + EQ_N(P->s + e))
        P->stack[P->nstack++] = e;
    solve_single(P);
    for (uint32_t i = 0; i < P->nv; i++) {  /* teller <= noemer, cell by cell */
        uint32_t x = P->ord[i];
        size_t g = P->gv[x];
        if (!is_leq(X, g))
            continue;
        if (g % 2 == 0) {
            set_hi(P, x, P->leq[x] != NONE ? P->b[P->leq[x]].hi : raw(X, g + 1), LEQ_REASON(g + 1));
            if (P->leq[x] != NONE)
                set_lo(P, P->leq[x], P->b[x].lo, LEQ_REASON(g));
        } else if (P->leq[x] == NONE) {  /* a shown teller */
            set_lo(P, x, raw(X, g - 1), LEQ_REASON(g - 1));
        }
    }
    enqueue_all(P);
    for (;;) {
        while (P->qhead != P->qtail && P->budget) {
            uint32_t e = P->q[P->qhead];
            P->qhead = P->qhead + 1 == P->qcap ? 0 : P->qhead + 1;
            if ((P->qtail + P->qcap - P->qhead) % P->qcap > 3) {
                /* an equation a few places ahead in the worklist: equations are far apart in memory */
                size_t ahead = P->qhead + 3 >= P->qcap ? P->qhead + 3 - P->qcap : P->qhead + 3;
                __builtin_prefetch(P->s + P->q[ahead]);
                __builtin_prefetch(P->s + P->q[ahead] + 8);
            }
            set_queued(P, e, 0);
            P->budget--;
            P->ccnt[EQ_COMP(P->s + e)]++;
            narrow_eq(P, e);
        }
        int fixed = 0;
        for (uint32_t i = 0; i < P->nv; i++) {
            uint32_t x = P->ord[i];
            if (P->state[x] == UNKNOWN && P->b[x].hi != INF && P->b[x].lo == P->b[x].hi) {
                P->state[x] = BOUNDED;
                push_eqs_of(P, x);
                fixed = 1;
            }
        }
        if (!fixed || !P->budget)
            break;
        /* newly known values: solve what they settle, and narrow around what was solved */
        size_t mark = P->nsolved;
        solve_single(P);
        for (size_t k = mark; k < P->nsolved; k++)
            touched(P, P->solved[k]);
    }
    while (P->qhead != P->qtail) {  /* what the budget left */
        set_queued(P, P->q[P->qhead], 0);
        P->qhead = P->qhead + 1 == P->qcap ? 0 : P->qhead + 1;
    }
}

/* The problem's variables belong to no problem any more. */
static void forget(eng_audit_ctx *X, const prob *P)
{
    for (uint32_t x = 0; x < P->nv; x++) {
        X->lv[P->gv[x]] = NONE;
        X->vside[P->gv[x]] = 0;
    }
}

/*
 * The problem's results into the table's variables, which are marked fresh. Only the problem's own variables are
 * written, so the other side may still be building or working out its problem.
 */
static void write_back(eng_audit_ctx *X, const prob *P)
{
    for (uint32_t x = 0; x < P->nv; x++) {
        size_t g = P->gv[x];
        X->state[g] = P->state[x];
        X->lo[g] = P->b[x].lo;
        X->hi[g] = P->b[x].hi;
        X->why[g] = P->why[x];
        X->wlo[g] = P->wlo[x];
        X->whi[g] = P->whi[x];
        X->fresh[g] = 1;
    }
}

/*
 * The two problems of a run, side by side: each with the whole budget. Together they used what one problem over both
 * would have (the components are apart), so the caller compares their sum with the budget. Each is built and worked
 * out on a thread of its own when both have work (the first on the caller's; KANSRIJK_THREADS=1: one after the
 * other); the results do not depend on it.
 */
typedef struct prop_job {
    eng_audit_ctx *X;
    int q;
} prop_job;

static void *propagate_job(void *arg)
{
    prop_job *j = arg;
    build_side(j->X, j->q);
    propagate(j->X, &j->X->P[j->q]);
    write_back(j->X, &j->X->P[j->q]);
    return NULL;
}

/*
 * Both problems built, worked out and written back (build has chosen their variables). When a problem ran out of
 * budget the caller works everything out again, so what was written back then is overwritten.
 */
static void propagate_both(eng_audit_ctx *X, size_t budget)
{
    X->P[0].budget = X->P[1].budget = budget;
    prop_job j0 = {X, 0}, j1 = {X, 1};
    pthread_t t;
    int threaded = X->threads && X->P[0].ncomp && X->P[1].ncomp && pthread_create(&t, NULL, propagate_job, &j1) == 0;
    if (!threaded)
        (void)propagate_job(&j1);
    (void)propagate_job(&j0);
    if (threaded)
        (void)pthread_join(t, NULL);
    build_done(X);
    forget(X, &X->P[0]);
    forget(X, &X->P[1]);
}

/*
 * What the reader works out from the cells as they are now; X->fresh marks the variables worked out again (every one
 * after a start over).
 */
static void work_out(eng_audit_ctx *X, const eng_cell *cells)
{
    const eng_lin *L = X->L;
    size_t nchanged = 0;
    int full = !X->kept;
    for (size_t i = 0; i < X->n && !full; i++) {
        unsigned char was = X->was[i], now = (unsigned char)cells[i].out;
        if (was != ENG_SHOWN && now == ENG_SHOWN)
            full = 1;  /* shown again: start over */
        else if (was == ENG_SHOWN && now != ENG_SHOWN)
            for (size_t v = ENG_T(i); v <= ENG_N(i); v++)
                if (has_var(X, v) && !(X->known && X->known[v]))  /* a count known from before stays known */
                    X->changed[nchanged++] = v;
    }
    for (size_t i = 0; i < X->n; i++)
        X->was[i] = (unsigned char)cells[i].out;
    if (++X->run == 0) {  /* the marks wrapped */
        memset(X->redo, 0, X->nv * sizeof *X->redo);
        X->run = 1;
    }
    if (full) {
        reset_all(X);
    } else {
        for (size_t c = 0; c < nchanged; c++) {
            size_t v = X->changed[c];
            X->state[v] = UNKNOWN;
            for (size_t a = X->adjs[v]; a < X->adjs[v + 1]; a++) {
                size_t e = X->adj[a], k = L->start[e];
                while (L->var[k] != v)
                    k++;
                if (X->hcnt[e] == 0 || k - L->start[e] < X->first[e])
                    X->first[e] = (uint32_t)(k - L->start[e]);
                X->nactive += X->hcnt[e]++ == 0;
            }
        }
        for (size_t c = 0; c < nchanged; c++)
            join_around(X, X->changed[c]);
        for (size_t c = 0; c < nchanged; c++)
            X->redo[root(X->uf, (uint32_t)X->changed[c])] = X->run;
    }
    size_t sum = 0;
    build(X, full, 2);
    size_t budget = 8 * (X->nactive + 1);
    memset(X->fresh, full, X->nv);
    propagate_both(X, budget);
    int bound = !X->P[0].budget || !X->P[1].budget;
    if (!bound) {
        /* the components kept from before: every root's narrowings less those of the roots worked out again */
        sum = full ? 0 : X->cnt_sum;
        for (int q = 0; q < 2; q++)
            for (uint32_t c = 0; c < X->P[q].ncomp; c++)
                sum -= X->cnt[X->P[q].croot[c]];
        for (int q = 0; q < 2; q++) {
            sum += budget - X->P[q].budget;
            for (uint32_t c = 0; c < X->P[q].ncomp; c++)
                X->cnt[X->P[q].croot[c]] = X->P[q].ccnt[c];
        }
    }
    if (bound || sum >= budget) {
        /* the budget binds: the order between components matters, so one run over everything, as it falls */
        build(X, 1, 1);
        propagate_both(X, budget);  /* all of it in the first problem */
        X->kept = 0;
        memset(X->fresh, 1, X->nv);
        return;
    }
    X->cnt_sum = sum;
    X->kept = 1;
}

/* ---- leaks and what to hide ------------------------------------------------------------------------------------ */

static int better(const eng_cell *cells, size_t a, size_t b)
{
    if (cells[a].keep != cells[b].keep)
        return cells[a].keep < cells[b].keep;
    if (cells[a].teller != cells[b].teller)
        return cells[a].teller < cells[b].teller;
    if (cells[a].noemer != cells[b].noemer)
        return cells[a].noemer < cells[b].noemer;
    return a < b;
}

/* The better of two cells, either of them none. */
static size_t best_of(const eng_cell *cells, size_t a, size_t b)
{
    return a == (size_t)-1 ? b : b == (size_t)-1 ? a : better(cells, a, b) ? a : b;
}

/* The next node that node leads to (its reasons; an equation: its variables), from *pos on; NONE when none is left. */
static uint32_t next_edge(const eng_audit_ctx *X, uint32_t node, uint32_t *pos)
{
    const eng_lin *L = X->L;
    if (node >= X->nv) {
        size_t e = node - X->nv, k = L->start[e] + *pos;
        if (k >= L->start[e + 1])
            return NONE;
        ++*pos;
        return (uint32_t)L->var[k];
    }
    if (X->state[node] == SHOWN)
        return NONE;
    while (*pos < 3) {
        int r = (int)(*pos)++;
        long w = r == 0 ? (X->state[node] == SOLVED ? X->why[node] : NO_REASON) : r == 1 ? X->wlo[node] : X->whi[node];
        if (w == NO_REASON)
            continue;
        return w <= -2 ? (uint32_t)(-2 - w) : (uint32_t)(X->nv + (size_t)w);
    }
    return NONE;
}

static void reach_enter(const eng_audit_ctx *X, reach *R, uint32_t w, size_t *ncall)
{
    R->stamp[w] = R->cur;
    R->num[w] = R->low[w] = ++R->counter;
    R->best[w] = (size_t)-1;
    if (w < X->nv && X->state[w] == SHOWN) {
        size_t c = w / 2;
        /* a row known from a table published before (keep ENG_KEEP_KNOWN, the highest) is taken last (better) */
        if (X->cells[c].out == ENG_SHOWN && X->cells[c].kind != ENG_CELL_NOT_PERSONS)
            R->best[w] = c;
    }
    R->on[w] = 1;
    R->stk[R->nstk++] = w;
    R->call[(*ncall)++] = (frame){w, 0};
}

/* The best cell node s leads back to; every node the walk reaches keeps its answer for the rest of the run. */
static size_t reach_best(const eng_audit_ctx *X, reach *R, uint32_t s)
{
    size_t ncall = 0;
    if (R->stamp[s] == R->cur)
        return R->best[s];  /* finished: a walk ends with its start's component */
    reach_enter(X, R, s, &ncall);
    while (ncall) {
        frame *f = &R->call[ncall - 1];
        uint32_t v = f->node, w = next_edge(X, v, &f->pos);
        if (w != NONE) {
            if (R->stamp[w] != R->cur)
                reach_enter(X, R, w, &ncall);
            else if (R->on[w])
                R->low[v] = R->low[v] < R->num[w] ? R->low[v] : R->num[w];
            else
                R->best[v] = best_of(X->cells, R->best[v], R->best[w]);
            continue;
        }
        if (R->low[v] == R->num[v]) {  /* v's component is complete: its nodes lead back to the same cells */
            size_t m = (size_t)-1, k = R->nstk;
            do
                m = best_of(X->cells, m, R->best[R->stk[--k]]);
            while (R->stk[k] != v);
            for (size_t j = k; j < R->nstk; j++) {
                R->best[R->stk[j]] = m;
                R->on[R->stk[j]] = 0;
            }
            R->nstk = k;
        }
        if (--ncall) {
            uint32_t u = R->call[ncall - 1].node;
            if (R->on[v])
                R->low[u] = R->low[u] < R->low[v] ? R->low[u] : R->low[v];
            else
                R->best[u] = best_of(X->cells, R->best[u], R->best[v]);
        }
    }
    return R->best[s];
}

/* The shown cell behind the values of vars: the best their reasons lead back to; (size_t)-1 when none. */
static size_t culprit(const eng_audit_ctx *X, reach *R, const size_t *vars, size_t nvars)
{
    size_t best = (size_t)-1;
    for (size_t k = 0; k < nvars; k++)
        best = best_of(X->cells, best, reach_best(X, R, (uint32_t)vars[k]));
    return best;
}

static int small(long long x, int min_cell) { return x >= 1 && x < min_cell; }

/* Cell c (none: (size_t)-1) to be hidden behind a leak. */
static void pick(eng_audit_ctx *X, size_t c)
{
    if (c != (size_t)-1 && !X->pick[c]) {
        X->pick[c] = 1;
        X->picked[X->npicked++] = c;
    }
}

static int cmp_kv(const void *a, const void *b)
{
    const kv *x = a, *y = b;
    if (x->val != y->val)
        return (x->val > y->val) - (x->val < y->val);
    return (x->var > y->var) - (x->var < y->var);
}

static void prob_fini(prob *P)
{
    free(P->gv);
    free(P->leq);
    free(P->ord);
    free(P->s);
    free(P->croot);
    free(P->ccnt);
    free(P->as);
    free(P->adj);
    free(P->state);
    free(P->b);
    free(P->why);
    free(P->wlo);
    free(P->whi);
    free(P->stack);
    free(P->q);
    free(P->inq);
    free(P->solved);
}

/* Room for a problem of at most nv variables, ne equations and nt terms; 0, or -1 when out of memory. */
static int prob_alloc(prob *P, size_t nv, size_t ne, size_t nt)
{
    P->gv = malloc(nv * sizeof *P->gv);
    P->leq = malloc(nv * sizeof *P->leq);
    P->ord = malloc(nv * sizeof *P->ord);
    P->s = malloc((EQ_HEAD * ne + nt) * sizeof *P->s);
    P->croot = malloc(nv * sizeof *P->croot);
    P->ccnt = malloc(nv * sizeof *P->ccnt);
    P->as = malloc((nv + 1) * sizeof *P->as);
    P->adj = malloc(nt * sizeof *P->adj);
    P->state = malloc(nv);
    P->b = malloc(nv * sizeof *P->b);
    P->why = malloc(nv * sizeof *P->why);
    P->wlo = malloc(nv * sizeof *P->wlo);
    P->whi = malloc(nv * sizeof *P->whi);
    P->stack = malloc((nt + ne) * sizeof *P->stack);
    P->qcap = ne + 1;
    P->q = malloc(P->qcap * sizeof *P->q);
    P->inq = calloc((EQ_HEAD * ne + nt) / 64 + 1, sizeof *P->inq);
    P->solved = malloc(nv * sizeof *P->solved);
    return P->gv && P->leq && P->ord && P->s && P->croot && P->ccnt && P->as && P->adj && P->state && P->b &&
                   P->why && P->wlo && P->whi && P->stack && P->q && P->inq && P->solved
               ? 0
               : -1;
}

void eng_audit_close(eng_audit_ctx *X)
{
    if (!X)
        return;
    prob_fini(&X->P[0]);
    prob_fini(&X->P[1]);
    free(X->known);
    free(X->side);
    free(X->csize);
    free(X->roots);
    free(X->rkey);
    free(X->state);
    free(X->lo);
    free(X->hi);
    free(X->why);
    free(X->wlo);
    free(X->whi);
    free(X->valid);
    free(X->hcnt);
    free(X->first);
    free(X->sel);
    free(X->vroot);
    free(X->vside);
    free(X->emark);
    free(X->adjs);
    free(X->adj);
    free(X->was);
    free(X->uf);
    free(X->redo);
    free(X->cnt);
    free(X->fresh);
    free(X->lv);
    free(X->changed);
    free(X->comp);
    free(X->R.stamp);
    free(X->R.num);
    free(X->R.low);
    free(X->R.best);
    free(X->R.on);
    free(X->R.stk);
    free(X->R.call);
    free(X->pick);
    free(X->picked);
    free(X->buf);
    free(X->ebuf);
    free(X);
}

int eng_one_thread(void)
{
    const char *one = getenv("KANSRIJK_THREADS");
    return one && strcmp(one, "1") == 0;
}

kr_status eng_audit_open(const eng_cell *cells, const unsigned char *flags, size_t n, const eng_lin *L,
                         eng_audit_ctx **out)
{
    *out = NULL;
    if (n >= (size_t)1 << 29 || L->ne >= (size_t)1 << 29 || L->nt >= (size_t)1 << 29)
        return KR_ETOOBIG;  /* the problem numbers its variables, equations and terms in 32 bits */
    eng_audit_ctx *X = calloc(1, sizeof *X);
    if (!X)
        return KR_ENOMEM;
    X->n = n;
    X->threads = !eng_one_thread();
    X->cells = cells;
    X->flags = flags;
    X->L = L;
    X->nv = 2 * n;
    size_t nv = X->nv ? X->nv : 1, ne = L->ne ? L->ne : 1, nt = L->nt ? L->nt : 1;
    X->state = calloc(nv, 1);
    X->lo = calloc(nv, sizeof *X->lo);
    X->hi = malloc(nv * sizeof *X->hi);
    X->why = malloc(nv * sizeof *X->why);
    X->wlo = malloc(nv * sizeof *X->wlo);
    X->whi = malloc(nv * sizeof *X->whi);
    X->valid = calloc(ne, 1);
    X->hcnt = calloc(ne, sizeof *X->hcnt);
    X->first = malloc((ne ? ne : 1) * sizeof *X->first);
    X->sel = malloc(nv * sizeof *X->sel);
    X->vroot = malloc(nv * sizeof *X->vroot);
    X->vside = calloc(nv, 1);
    X->emark = calloc(ne / 64 + 1, sizeof *X->emark);
    X->adjs = calloc(nv + 1, sizeof *X->adjs);
    X->adj = malloc(nt * sizeof *X->adj);
    X->was = malloc(n ? n : 1);
    X->uf = malloc(nv * sizeof *X->uf);
    X->redo = calloc(nv, sizeof *X->redo);
    X->cnt = calloc(nv, sizeof *X->cnt);
    X->fresh = calloc(nv, 1);
    X->lv = malloc(nv * sizeof *X->lv);
    X->changed = malloc(nv * sizeof *X->changed);
    X->comp = malloc(nv * sizeof *X->comp);
    X->side = malloc(nv);
    X->csize = malloc(nv * sizeof *X->csize);
    X->roots = malloc(nv * sizeof *X->roots);
    X->rkey = malloc(nv * sizeof *X->rkey);
    int probs = prob_alloc(&X->P[0], nv, ne, nt) == 0 && prob_alloc(&X->P[1], nv, ne, nt) == 0;
    size_t nodes = nv + ne;
    X->R.stamp = calloc(nodes, sizeof *X->R.stamp);
    X->R.num = malloc(nodes * sizeof *X->R.num);
    X->R.low = malloc(nodes * sizeof *X->R.low);
    X->R.best = malloc(nodes * sizeof *X->R.best);
    X->R.on = calloc(nodes, 1);
    X->R.stk = malloc(nodes * sizeof *X->R.stk);
    X->R.call = malloc(nodes * sizeof *X->R.call);
    X->pick = calloc(n ? n : 1, 1);
    X->picked = malloc((n ? n : 1) * sizeof *X->picked);
    X->buf = malloc((L->nbv ? L->nbv : 1) * sizeof *X->buf);
    size_t longest = 1;
    for (size_t e = 0; e < L->ne; e++)
        longest = L->start[e + 1] - L->start[e] > longest ? L->start[e + 1] - L->start[e] : longest;
    X->ebuf = malloc(longest * sizeof *X->ebuf);
    if (!X->state || !X->lo || !X->hi || !X->why || !X->wlo || !X->whi || !X->valid || !X->hcnt || !X->first ||
        !X->emark || !X->sel || !X->vroot || !X->vside || !X->adjs || !X->adj ||
        !X->was || !X->uf || !X->redo || !X->cnt || !X->fresh || !X->lv || !X->changed || !X->comp || !X->side ||
        !X->csize || !X->roots || !X->rkey || !probs || !X->R.stamp || !X->R.num || !X->R.low || !X->R.best ||
        !X->R.on || !X->R.stk || !X->R.call || !X->pick || !X->picked || !X->buf || !X->ebuf) {
        eng_audit_close(X);
        return KR_ENOMEM;
    }
    for (size_t v = 0; v < nv; v++)
        X->lv[v] = NONE;
    /* only relations that hold on the raw counts, between counts of persons; indexed by variable */
    for (size_t e = 0; e < L->ne; e++) {
        long long sum = 0;
        int ok = 1;
        for (size_t k = L->start[e]; k < L->start[e + 1] && ok; k++) {
            ok = L->var[k] < X->nv && has_var(X, L->var[k]);
            if (ok)
                sum += (long long)L->coef[k] * raw(X, L->var[k]);
        }
        X->valid[e] = ok && sum == 0;
        if (X->valid[e])
            for (size_t k = L->start[e]; k < L->start[e + 1]; k++)
                X->adjs[L->var[k] + 1]++;
    }
    for (size_t v = 0; v < X->nv; v++)
        X->adjs[v + 1] += X->adjs[v];
    size_t *fill = malloc(nv * sizeof *fill);
    if (!fill) {
        eng_audit_close(X);
        return KR_ENOMEM;
    }
    memcpy(fill, X->adjs, nv * sizeof *fill);
    for (size_t e = 0; e < L->ne; e++)
        if (X->valid[e])
            for (size_t k = L->start[e]; k < L->start[e + 1]; k++)
                X->adj[fill[L->var[k]]++] = e;
    free(fill);
    *out = X;
    return KR_OK;
}

/*
 * A hidden cell whose teller (or noemer) a table published before showed as it is now: the reader who guesses that it
 * did not change knows it, so the audit takes it as shown (a constant no culprit can take away). Where the guess is
 * wrong the reader is misled; where it is right (old quarters seldom change) it is knowledge, and the audit must hold.
 */
kr_status eng_audit_earlier(eng_audit_ctx *X, const eng_earlier *E, int known)
{
    if (!X || !E || !E->first)
        return KR_OK;
    X->E = *E;
    if (!known)
        return KR_OK;
    free(X->known);
    X->known = calloc(X->nv ? X->nv : 1, 1);
    if (!X->known)
        return KR_ENOMEM;
    for (size_t i = 0; i < X->n; i++)
        for (size_t k = E->first[i]; k < E->first[i + 1]; k++) {
            const long *w = E->tn + ENG_EARLIER_W * k;  /* teller, noemer, shown */
            if (!w[2])
                continue;  /* worked out then: what the audit works out now, from the same table, stays as it was */
            if (w[0] >= 0 && w[0] == X->cells[i].teller && has_var(X, ENG_T(i)))
                X->known[ENG_T(i)] = 1;
            if (w[1] >= 0 && w[1] == X->cells[i].noemer && has_var(X, ENG_N(i)))
                X->known[ENG_N(i)] = 1;
        }
    X->kept = 0;  /* work everything out again with them */
    return KR_OK;
}

void eng_audit_view_of(const eng_audit_ctx *X, eng_audit_view *out)
{
    *out = (eng_audit_view){X->cells, X->flags, X->n, X->L, X->valid, &X->E, X->min_cell};
}

void eng_audit_bounds(const eng_audit_ctx *X, size_t v, long long *lo, long long *hi)
{
    *lo = X->lo[v];
    *hi = X->hi[v];
}

const size_t *eng_audit_eqs(const eng_audit_ctx *X, size_t v, size_t *n)
{
    *n = X->adjs[v + 1] - X->adjs[v];
    return X->adj + X->adjs[v];
}

size_t eng_audit_behind(eng_audit_ctx *X, size_t v)
{
    return culprit(X, &X->R, &v, 1);
}

void eng_audit_pick(eng_audit_ctx *X, size_t c)
{
    pick(X, c);
}

void eng_audit_exact(const eng_audit_ctx *X, unsigned char *out)
{
    for (size_t i = 0; i < X->n; i++) {
        out[i] = 0;
        if (X->cells[i].out == ENG_SHOWN)
            continue;
        for (unsigned f = 0; f < 2; f++) {
            size_t v = 2 * i + f;
            if (has_var(X, v) && X->state[v] != UNKNOWN && X->lo[v] == X->hi[v])
                out[i] |= (unsigned char)(1u << f);
        }
    }
}

void eng_audit_ranges(const eng_audit_ctx *X, long *out)
{
    for (size_t v = 0; v < X->nv; v++) {
        int known = has_var(X, v) && X->cells[v / 2].out != ENG_SHOWN;
        out[2 * v] = known ? (long)X->lo[v] : 0;
        out[2 * v + 1] = known && X->hi[v] != INF ? (long)X->hi[v] : -1;
    }
}

/* Whether what the reader knows of a count, [lo, hi] (hi INF: no bound), lies 1 .. m - 1 above e or below it. */
static int near_earlier(long long lo, long long hi, long long e, int m)
{
    return hi != INF && ((lo - e >= 1 && hi - e < m) || (e - hi >= 1 && e - lo < m));
}

/* Whether the teller, noemer or rest of hidden cell i is pinned to within a few persons of a count published before:
 * the variables behind it in vars (0: none). */
static size_t earlier_leak(const eng_audit_ctx *X, size_t i, size_t *vars)
{
    size_t t = ENG_T(i), nn = ENG_N(i);
    unsigned char f = X->flags[i];
    int m = X->min_cell, at = (f & ENG_AV_T) != 0, an = (f & ENG_AV_N) != 0;
    for (size_t k = X->E.first[i]; k < X->E.first[i + 1]; k++) {
        long et = X->E.tn[ENG_EARLIER_W * k], en = X->E.tn[ENG_EARLIER_W * k + 1];
        if (at && et >= 0 && near_earlier(X->lo[t], X->hi[t], et, m)) {
            vars[0] = t;
            return 1;
        }
        if (an && en >= 0 && near_earlier(X->lo[nn], X->hi[nn], en, m)) {
            vars[0] = nn;
            return 1;
        }
        if (at && an && et >= 0 && en >= 0 && (f & ENG_AV_COMPLEMENT) && X->hi[t] != INF &&
            near_earlier(X->lo[nn] - X->hi[t], X->hi[nn] == INF ? INF : X->hi[nn] - X->lo[t], en - et, m)) {
            vars[0] = t;
            vars[1] = nn;
            return 2;
        }
    }
    return 0;
}

/* Cell i's leak, when one of its variables is fresh: its culprit picked. */
static void cell_leak(eng_audit_ctx *X, const eng_cell *cells, size_t i)
{
    size_t t = ENG_T(i), nn = ENG_N(i), vars[2];
    size_t nvars = 0;
    unsigned char f = X->flags[i];
    int min_cell = X->min_cell;
    if (cells[i].out == ENG_SHOWN || !(X->fresh[t] || X->fresh[nn]))
        return;
    /* worked out, or narrowed to within 1 .. min_cell - 1: either says "a few persons" of a hidden count */
    int at = (f & ENG_AV_T) != 0, an = (f & ENG_AV_N) != 0;
    if (at && small(X->lo[t], min_cell) && X->hi[t] < min_cell)
        vars[nvars++] = t;
    if (an && small(X->lo[nn], min_cell) && X->hi[nn] < min_cell)
        vars[nvars++] = nn;
    if (!nvars && at && an && (f & ENG_AV_COMPLEMENT) && X->hi[nn] != INF && small(X->lo[nn] - X->hi[t], min_cell) &&
        X->hi[nn] - X->lo[t] < min_cell) {
        vars[nvars++] = t;
        vars[nvars++] = nn;
    }
    if (!nvars && X->E.first && X->E.first[i] < X->E.first[i + 1])
        nvars = earlier_leak(X, i, vars);
    if (nvars)
        pick(X, culprit(X, &X->R, vars, nvars));
}

/* Block b's leaks: two known values a small count apart, their culprit picked. */
static void block_leak(eng_audit_ctx *X, size_t b)
{
    const eng_lin *L = X->L;
    size_t m = 0;
    for (size_t k = L->bstart[b]; k < L->bstart[b + 1]; k++) {
        size_t v = L->bvar[k];
        if (v < X->nv && has_var(X, v) && X->state[v] != UNKNOWN)
            X->buf[m++] = (kv){X->lo[v], v};
    }
    qsort(X->buf, m, sizeof *X->buf, cmp_kv);
    for (size_t k = 1; k < m; k++)
        if (small(X->buf[k].val - X->buf[k - 1].val, X->min_cell)) {
            size_t vars[2] = {X->buf[k - 1].var, X->buf[k].var};
            pick(X, culprit(X, &X->R, vars, 2));
        }
}

/*
 * Equation e's leak: its hidden terms, two or more and all of one sign (coefficients 1, or all -1), add up to a count
 * the known terms give away: "perinatal deaths 30, route 1: 21" says routes 2, 3 and the unscreened hold 9. Looked at
 * when one of them is fresh; the culprit is the best shown cell the known terms were worked out from.
 */
static void eq_leak(eng_audit_ctx *X, size_t e)
{
    const eng_lin *L = X->L;
    long long known = 0;
    int sign = 0, fresh = 0;
    size_t nunknown = 0, m = 0;
    for (size_t k = L->start[e]; k < L->start[e + 1]; k++) {
        size_t v = L->var[k];
        int c = L->coef[k];
        if (v >= X->nv || !has_var(X, v))
            return;
        if (X->state[v] != UNKNOWN) {
            known += (long long)c * X->lo[v];
            if (X->lo[v] != 0)  /* a term of 0 adds nothing to the sum: hiding what gave it leaves the leak */
                X->ebuf[m++] = v;
            continue;
        }
        if ((c != 1 && c != -1) || (sign && c != sign))
            return;
        sign = c;
        nunknown++;
        fresh |= X->fresh[v];
    }
    if (nunknown >= 2 && fresh && small(-known * sign, X->min_cell))
        pick(X, culprit(X, &X->R, X->ebuf, m));
}

/*
 * A leak found in the last run had its culprit hidden, and that hid a variable its derivation went through: its
 * component is worked out again. So a leak whose variables are all as they were (none fresh) was a leak without a
 * culprit last time, and is one now; only leaks with a fresh variable are followed back.
 */
kr_status eng_audit_run(eng_audit_ctx *X, eng_cell *cells, int min_cell, size_t *hidden)
{
    const eng_lin *L = X->L;
    size_t n = X->n;
    *hidden = 0;
    X->cells = cells;
    if (min_cell != X->min_cell)
        X->kept = 0;  /* other leaks: look at every one */
    X->min_cell = min_cell;
    for (size_t p = 0; p < X->npicked && X->kept; p++)
        if (cells[X->picked[p]].out == ENG_SHOWN)
            X->kept = 0;  /* a cell the last run hid is shown again: the leak behind it is back */
    work_out(X, cells);
    for (size_t p = 0; p < X->npicked; p++)
        X->pick[X->picked[p]] = 0;
    X->npicked = 0;
    if (++X->R.cur == 0) {  /* the stamps wrapped */
        memset(X->R.stamp, 0, (X->nv + L->ne) * sizeof *X->R.stamp);
        X->R.cur = 1;
    }
    X->R.counter = 0;
    /* leaks: hidden cells whose teller, noemer or complement is worked out and small; and two known values of nested
     * cohorts a small count apart (known then, unknown now: other pairs meet). A pass over every cell and block in
     * their order costs less than following the fresh variables to them (measured: 0.6 against 0.8 s at schaal 10). */
    for (size_t i = 0; i < n; i++)
        cell_leak(X, cells, i);
    for (size_t b = 0; b < L->nb; b++)
        for (size_t k = L->bstart[b]; k < L->bstart[b + 1]; k++)
            if (L->bvar[k] < X->nv && X->fresh[L->bvar[k]]) {
                block_leak(X, b);
                break;
            }
    for (size_t e = 0; e < L->ne; e++)
        if (X->valid[e] && X->hcnt[e] >= 2)
            eq_leak(X, e);
    return eng_audit_hide_picked(X, cells, hidden);
}

kr_status eng_audit_hide_picked(eng_audit_ctx *X, eng_cell *cells, size_t *hidden)
{
    for (size_t p = 0; p < X->npicked; p++)
        if (cells[X->picked[p]].out == ENG_SHOWN) {
            cells[X->picked[p]].out = ENG_HIDDEN;
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
