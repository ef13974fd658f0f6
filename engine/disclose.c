/*
 * Disclosure control of the outcome table (OUTCOMES.md): the groups of the secondary rule and the
 * relations of the audit, made from each row's breakdowns, places and periods and from the
 * relations of engine/indicators.c; then primary and secondary suppression, differences across
 * indicators and the audit, until nothing changes.
 */
#include "outcome_int.h"

#include <stdlib.h>
#include <string.h>

/* ---- suppression groups ------------------------------------------------------------------------------------- */

/* What a group's total and parts are to one another, for the audit (the secondary rule treats them all alike). */
enum {
    GT_SUM,    /* tellers and noemers add up to the total's */
    GT_TSUM,   /* tellers add up to the total's teller */
    GT_REGIE,  /* the regie_type tellers add up to regie_belegd's teller, which is each one's noemer */
    GT_R23,    /* the tellers (of route.verdeling.2 and .3) add up to the total's noemer: for the audit only */
    GT_OTHER,  /* a group for the secondary rule only */
};

typedef struct groups {
    eng_group *g;
    unsigned char *type;
    size_t tcap;
    size_t n, cap;
    size_t *parts;  /* all parts, back to back */
    size_t np, pcap;
} groups;

static int groups_add(groups *G, size_t total, const size_t *parts, size_t n, int type)
{
    if (n == 0)
        return 0;
    if (kr_grow(&G->g, &G->cap, G->n, sizeof *G->g, 1024) != KR_OK ||
        kr_grow(&G->type, &G->tcap, G->n, sizeof *G->type, 1024) != KR_OK)
        return -1;
    G->type[G->n] = (unsigned char)type;
    for (size_t k = 0; k < n; k++)
        if (kr_grow(&G->parts, &G->pcap, G->np + k, sizeof *G->parts, 4096) != KR_OK)
            return -1;
    memcpy(G->parts + G->np, parts, n * sizeof *parts);
    /* parts are stored as offsets until the array stops moving */
    G->g[G->n++] = (eng_group){total, (const size_t *)(uintptr_t)G->np, n, type != GT_SUM};
    G->np += n;
    return 0;
}

size_t eng_cell_index(const table *T, uint64_t key)
{
    const cell *c = eng_table_find(T, key);
    return c && c->idx != (size_t)-1 ? c->idx : (size_t)-1;
}

/* The parts of one group being collected. */
typedef struct collector {
    const table *T;
    groups *G;
    size_t buf[4096];
    size_t n;
} collector;

static void collect(collector *C, uint64_t key)
{
    size_t j = eng_cell_index(C->T, key);
    if (j != (size_t)-1 && C->n < 4096)
        C->buf[C->n++] = j;
}

/* The group of total i and the parts collected, of a type; a group without parts is none. */
static kr_status group_done(collector *C, size_t i, int type)
{
    int r = groups_add(C->G, i, C->buf, C->n, type);
    C->n = 0;
    return r == 0 ? KR_OK : KR_ENOMEM;
}

/* The number of values of breakdown g (0: not a breakdown of rows). */
static unsigned group_values(const facts *F, unsigned g)
{
    return g == G_ROUTE ? 5
         : g == G_GEMEENTE ? (unsigned)F->d[D_GEMEENTE].n
         : g == G_LEEFTIJD ? (unsigned)F->d[D_LEEFTIJD].n
         : g == G_PARITEIT ? (unsigned)F->d[D_PARITEIT].n
         : g == G_SOORT ? (unsigned)F->d[D_SOORT].n
                        : 0;
}

/* The groups of the relations of engine/indicators.c whose total is listed cell i (key k). */
static kr_status relation_groups(collector *C, size_t i, uint64_t k)
{
    const eng_rows *R = eng_rows_get();
    unsigned ind = K_IND(k), re = K_REGIO(k), si = K_SITE(k), gr = K_GROEP(k), va = K_VAL(k), pe = K_PER(k);
    kr_status rc = KR_OK;
    for (size_t r = 0; r < R->nrel && rc == KR_OK; r++) {
        const eng_rel *x = &R->rel[r];
        if (x->total != ind)
            continue;
        switch (x->type) {
        case REL_TELLERS:
        case REL_SECONDARY:
            for (size_t p = 0; p < x->nparts; p++)
                collect(C, pack(x->parts[p], re, si, gr, va, pe));
            rc = group_done(C, i, x->type == REL_TELLERS ? GT_TSUM : GT_OTHER);
            break;
        case REL_ROUTE23:
            /* by route, route r's noemer is the teller of the part for route r, at totaal (route values are r + 1) */
            for (size_t p = 0; p < x->nparts; p++)
                if (gr != G_ROUTE)
                    collect(C, pack(x->parts[p], re, si, gr, va, pe));
                else if ((unsigned)x->args[p] + 1 == va)
                    collect(C, pack(x->parts[p], re, si, G_TOTAAL, 0, pe));
            rc = group_done(C, i, GT_R23);
            break;
        default:  /* distributions are groups of totaal rows (build_groups); the rest are the audit's alone */
            break;
        }
    }
    return rc;
}

/* The distribution relation of which code is the total, or NULL. */
static const eng_rel *distribution_of(unsigned code)
{
    const eng_rows *R = eng_rows_get();
    for (size_t r = 0; r < R->nrel; r++)
        if (R->rel[r].type == REL_DISTRIBUTION && R->rel[r].total == code)
            return &R->rel[r];
    return NULL;
}

/* Every group of OUTCOMES.md: breakdowns and totaal, sites and site '*', regions and '*', quarters and year,
 * years and rolling window, and the relations between rows of engine/indicators.c. */
static kr_status build_groups(const table *T, cell *const *list, size_t n, const facts *F, groups *G)
{
    collector *C = malloc(sizeof *C);
    kr_status rc = KR_OK;
    if (!C)
        return KR_ENOMEM;
    C->T = T;
    C->G = G;
    C->n = 0;
    for (size_t i = 0; i < n && rc == KR_OK; i++) {
        uint64_t k = list[i]->key;
        unsigned ind = K_IND(k), re = K_REGIO(k), si = K_SITE(k), gr = K_GROEP(k), va = K_VAL(k), pe = K_PER(k);
        const eng_rel *dist = gr == G_TOTAAL ? distribution_of(ind) : NULL;
        for (unsigned g = 1; gr == G_TOTAAL && g < G_STRATUM && rc == KR_OK; g++) {
            unsigned nv = group_values(F, g);
            for (unsigned v = 0; v < nv; v++)
                collect(C, pack(ind, re, si, g, v, pe));
            rc = group_done(C, i, GT_SUM);
        }
        if (dist && rc == KR_OK) {
            for (unsigned v = 0; v < F->d[D_REGIE].n; v++)
                collect(C, pack(dist->parts[0], re, si, G_REGIE, v, pe));
            rc = group_done(C, i, GT_REGIE);
        }
        if (si == STAR && re != STAR && rc == KR_OK) {
            for (unsigned s = 1; s < F->d[D_SITE].n; s++)
                collect(C, pack(ind, re, s, gr, va, pe));
            rc = group_done(C, i, GT_SUM);
        }
        if (re == STAR && rc == KR_OK) {
            for (unsigned r = 1; r < F->d[D_REGIO].n; r++)
                collect(C, pack(ind, r, STAR, gr, va, pe));
            rc = group_done(C, i, GT_SUM);
        }
        if (IS_YEAR(pe) && rc == KR_OK) {
            for (unsigned q = 0; q < 4; q++)
                collect(C, pack(ind, re, si, gr, va, (pe - YEAR_BASE) * 4 + q));
            rc = group_done(C, i, GT_SUM);
        }
        if (pe >= ROLL_BASE && rc == KR_OK) {
            for (unsigned y = pe - ROLL_BASE - 2; y <= pe - ROLL_BASE; y++)
                collect(C, pack(ind, re, si, gr, va, YEAR_BASE + y));
            rc = group_done(C, i, GT_SUM);
        }
        if (rc == KR_OK)
            rc = relation_groups(C, i, k);
    }
    free(C);
    for (size_t g = 0; g < G->n && rc == KR_OK; g++)
        G->g[g].parts = G->parts + (size_t)(uintptr_t)G->g[g].parts;
    return rc;
}

/* ---- differences across indicators ------------------------------------------------------------------------------ */

/* Order for the pass below: cohort class, then the key without its indicator, then the indicator. */
typedef struct xrow {
    int cls;
    uint64_t rest;  /* the key with indicator 0 */
    size_t i;       /* the listed cell */
    long p;         /* its noemer */
} xrow;

/* A distribution's total and one of its regie_type rows (listed cells): hidden with the total. */
typedef struct regie_pair {
    size_t total, part;
} regie_pair;

static int cmp_xrow(const void *a, const void *b)
{
    const xrow *x = a, *y = b;
    if (x->cls != y->cls)
        return x->cls - y->cls;
    if (x->rest != y->rest)
        return (x->rest > y->rest) - (x->rest < y->rest);
    return (x->i > y->i) - (x->i < y->i);
}

/*
 * What differences across indicators would give away (OUTCOMES.md, "Across indicators"): two rows of one cohort class
 * and one place, breakdown and period whose noemers differ by 1 to min_cell - 1 persons. Noemers do not change
 * between the rounds of suppression, so these pairs are found once (across_pairs), in the order the rule looks at
 * them; a round looks at them only.
 */
typedef struct across_pair {
    size_t a, b;  /* the listed cells */
    size_t hide;  /* the one hide_across hides (across_pairs) */
} across_pair;

/*
 * Whether the row of a code is a row of the board's scorecard (eng_scorecard). Of a pair across indicators, the rule
 * hides the row off the scorecard; between two on it or two off it, the one with the smaller noemer (OUTCOMES.md says
 * the smaller noemer always; that hid overdracht.jgz_tijdig and mdo_tijdig in the current year at every site, against
 * the quartiles of *_dagen, which count the open windows too; docs/privacy.md gives the figures). Either row removes
 * the difference, so the choice changes what is shown, not what is protected.
 */
static int on_scorecard(unsigned code)
{
    char id[96];
    eng_code_id(code, id, sizeof id);
    for (size_t c = 0; c < ENG_NCARD; c++)
        if (strcmp(id, eng_scorecard[c].row) == 0)
            return 1;
    return 0;
}

static kr_status across_pairs(cell *const *list, const xrow *x, size_t nx, long min_cell, across_pair **out,
                              size_t *nout)
{
    size_t n = 0, cap = 0;
    *out = NULL;
    *nout = 0;
    for (size_t a = 0; a < nx;) {
        size_t b = a;
        while (b < nx && x[b].cls == x[a].cls && x[b].rest == x[a].rest)
            b++;
        for (size_t i = a; i < b; i++)
            for (size_t j = i + 1; j < b; j++) {
                long ni = x[i].p, nj = x[j].p, d = ni > nj ? ni - nj : nj - ni;
                if (d < 1 || d >= min_cell)
                    continue;
                if (kr_grow(out, &cap, n, sizeof **out, 256) != KR_OK)
                    return KR_ENOMEM;
                int ci = on_scorecard(K_IND(list[x[i].i]->key)), cj = on_scorecard(K_IND(list[x[j].i]->key));
                size_t hide = ci != cj ? (ci ? x[j].i : x[i].i) : ni < nj ? x[i].i : x[j].i;
                (*out)[n++] = (across_pair){x[i].i, x[j].i, hide};
            }
        a = b;
    }
    *nout = n;
    return KR_OK;
}

/*
 * Hide what differences across indicators would give away: of two shown rows of a pair (across_pairs), the one chosen
 * there; and the distribution rows of a hidden total (the regie_type rows of overdracht.regie_belegd:
 * their noemer is its teller). Returns the number of cells hidden now; the caller runs the secondary rule again.
 */
static size_t hide_across(eng_cell *cells, const across_pair *ap, size_t nap, const regie_pair *rp, size_t nrp)
{
    size_t hidden = 0;
    for (size_t k = 0; k < nap; k++)
        if (cells[ap[k].a].out == ENG_SHOWN && cells[ap[k].b].out == ENG_SHOWN) {
            size_t h = ap[k].hide;
            cells[eng_hide_which(cells, h, h == ap[k].a ? ap[k].b : ap[k].a)].out = ENG_HIDDEN;
            hidden++;
        }
    for (size_t k = 0; k < nrp; k++)
        if (cells[rp[k].total].out != ENG_SHOWN && cells[rp[k].part].out == ENG_SHOWN) {
            cells[rp[k].part].out = ENG_HIDDEN;
            hidden++;
        }
    return hidden;
}

/*
 * The regie_type rows of each distribution total of a cohort measure (the totals the pass across indicators holds),
 * for hide_across: found once per compute instead of once per pass. *out NULL when there are none.
 */
static kr_status regie_pairs(cell *const *list, size_t ncells, const table *T, size_t nregie, regie_pair **out,
                             size_t *nout)
{
    size_t n = 0, cap = 0;
    *out = NULL;
    *nout = 0;
    for (size_t i = 0; i < ncells; i++) {
        uint64_t k = list[i]->key;
        const eng_rel *dist = K_GROEP(k) == G_TOTAAL && eng_measure_of(K_IND(k))->cohort ? distribution_of(K_IND(k))
                                                                                          : NULL;
        for (unsigned v = 0; dist && v < nregie; v++) {
            const cell *r = eng_table_find(T, pack(dist->parts[0], K_REGIO(k), K_SITE(k), G_REGIE, v, K_PER(k)));
            if (!r || r->idx == (size_t)-1)
                continue;
            if (kr_grow(out, &cap, n, sizeof **out, 256) != KR_OK) {
                free(*out);
                *out = NULL;
                return KR_ENOMEM;
            }
            (*out)[n++] = (regie_pair){i, r->idx};
        }
    }
    *nout = n;
    return KR_OK;
}

/* What the audit may take a cell's numbers for (ENG_AV_*): counts of persons, or not (care-days). */
static unsigned char audit_flags(const cell *c, const eng_cell *e)
{
    if (eng_measure_of(K_IND(c->key))->kind == K_DAYS)
        return 0;
    if (e->kind == ENG_CELL_COUNT)
        return ENG_AV_T;
    if (e->kind == ENG_CELL_DECIDED) {
        /* Kaplan-Meier and quantile rows: at risk or events, of a cohort. Of a retention row the rest (the children
         * who left) is a count of persons too; a quantile row publishes no teller (outcome.c), so its rest is not */
        const eng_rowdef *km = eng_km_of(K_IND(c->key), NULL);
        int retention = km && km->m->kind == K_KM_RETENTION;
        return ENG_AV_T | ENG_AV_N |
               (e->teller <= e->noemer ? ENG_AV_LEQ | (retention ? ENG_AV_COMPLEMENT : 0) : 0);
    }
    return ENG_AV_T | ENG_AV_N | ENG_AV_LEQ | ENG_AV_COMPLEMENT;
}

/* Term c * v of a relation being built in var and coef (room for LIN_MAX terms). */
#define LIN_MAX 4096
static kr_status lin_add(size_t *var, int *coef, size_t *m, size_t v, int c)
{
    if (*m >= LIN_MAX)
        return KR_ETOOBIG;
    var[*m] = v;
    coef[(*m)++] = c;
    return KR_OK;
}

/* The audit's relations of listed cell i (key k): Kaplan-Meier rows of one summary share their teller (equal ones as
 * equations), and the noemer and subset relations of engine/indicators.c whose total is the cell. */
static kr_status relation_lin(const table *T, uint64_t k, size_t i, eng_lin *L)
{
    const eng_rows *R = eng_rows_get();
    unsigned code = K_IND(k), qi;
    size_t var[LIN_MAX];
    int coef[LIN_MAX];
    kr_status rc = KR_OK;
    if (eng_km_of(code, &qi) && qi < ENG_KM_PARTS - 1) {
        size_t j = eng_cell_index(T, K_WITH_IND(k, code + 1));
        if (j != (size_t)-1) {
            size_t v2[2] = {ENG_T(i), ENG_T(j)};
            int c2[2] = {1, -1};
            rc = eng_lin_eq(L, v2, c2, 2);
        }
    }
    for (size_t r = 0; r < R->nrel && rc == KR_OK; r++) {
        const eng_rel *x = &R->rel[r];
        size_t m = 0;
        if (x->total != code || (x->type != REL_NOEMER && x->type != REL_SUBSET))
            continue;
        for (size_t p = 0; p < x->nparts && rc == KR_OK; p++) {
            size_t j = eng_cell_index(T, K_WITH_IND(k, x->parts[p]));
            if (j == (size_t)-1)
                continue;
            if (x->type == REL_NOEMER)
                rc = lin_add(var, coef, &m, ENG_T(j), 1);
            else {
                size_t b[2] = {ENG_T(i), ENG_T(j)};
                rc = eng_lin_block(L, b, 2);
            }
        }
        if (x->type == REL_NOEMER && rc == KR_OK && (rc = lin_add(var, coef, &m, ENG_N(i), -1)) == KR_OK)
            rc = eng_lin_eq(L, var, coef, m);
    }
    return rc;
}

/*
 * The relations a reader of the table knows (OUTCOMES.md): every group as the sums it stands for, the relations of
 * engine/indicators.c with listed cells as totals, and the noemers of rows of one cohort class (equal ones as
 * equations, and blocks whose differences are counts of persons). Relations that do not hold on the data are dropped
 * by the audit.
 */
static kr_status build_lin(const table *T, cell *const *list, const eng_cell *cells, size_t n, const groups *G,
                           const xrow *x, size_t nx, eng_lin *L)
{
    size_t var[4096];
    int coef[4096];
    kr_status rc = KR_OK;
    for (size_t g = 0; g < G->n && rc == KR_OK; g++) {
        const eng_group *gr = &G->g[g];
        size_t m = 0, tot = gr->total;
        switch (G->type[g]) {
        case GT_SUM:
        case GT_TSUM:
            for (int f = 0; f < (G->type[g] == GT_SUM ? 2 : 1) && rc == KR_OK; f++) {
                m = 0;
                for (size_t k = 0; k < gr->nparts && rc == KR_OK; k++)
                    rc = lin_add(var, coef, &m, 2 * gr->parts[k] + (size_t)f, 1);
                if (rc == KR_OK && (rc = lin_add(var, coef, &m, 2 * tot + (size_t)f, -1)) == KR_OK)
                    rc = eng_lin_eq(L, var, coef, m);
            }
            break;
        case GT_REGIE:
            for (size_t k = 0; k < gr->nparts && rc == KR_OK; k++) {
                rc = lin_add(var, coef, &m, ENG_T(gr->parts[k]), 1);
                size_t v2[2] = {ENG_N(gr->parts[k]), ENG_T(tot)};
                int c2[2] = {1, -1};
                if (rc == KR_OK)
                    rc = eng_lin_eq(L, v2, c2, 2);
            }
            if (rc == KR_OK && (rc = lin_add(var, coef, &m, ENG_T(tot), -1)) == KR_OK)
                rc = eng_lin_eq(L, var, coef, m);
            break;
        case GT_R23:
            for (size_t k = 0; k < gr->nparts && rc == KR_OK; k++)
                rc = lin_add(var, coef, &m, ENG_T(gr->parts[k]), 1);
            if (rc == KR_OK && (rc = lin_add(var, coef, &m, ENG_N(tot), -1)) == KR_OK)
                rc = eng_lin_eq(L, var, coef, m);
            break;
        default:
            break;
        }
    }
    for (size_t i = 0; i < n && rc == KR_OK; i++)
        rc = relation_lin(T, list[i]->key, i, L);
    /* noemers of one cohort class, place, breakdown and period */
    for (size_t a = 0; a < nx && rc == KR_OK;) {
        size_t b = a, m = 0;
        while (b < nx && x[b].cls == x[a].cls && x[b].rest == x[a].rest)
            b++;
        for (size_t i = a; i < b && m < 4096; i++)
            if (cells[x[i].i].kind != ENG_CELL_COUNT && cells[x[i].i].kind != ENG_CELL_NOT_PERSONS)
                var[m++] = ENG_N(x[i].i);
        rc = eng_lin_block(L, var, m);
        for (size_t p = 0; p < m && rc == KR_OK; p++)
            for (size_t q = p + 1; q < m && rc == KR_OK; q++)
                if (cells[var[p] / 2].noemer == cells[var[q] / 2].noemer) {
                    size_t v2[2] = {var[p], var[q]};
                    int c2[2] = {1, -1};
                    rc = eng_lin_eq(L, v2, c2, 2);
                    break;  /* a chain of equal noemers is enough */
                }
        a = b;
    }
    return rc;
}

/* Primary and secondary suppression, differences across indicators, then the audit, until nothing changes. */
static kr_status suppress_all(cell *const *list, eng_cell *cells, size_t n, const groups *G, const table *T,
                              size_t nregie, int min_cell, const eng_earlier *E, unsigned char *exact, long *ranges)
{
    xrow *x = malloc((n ? 2 * n : 1) * sizeof *x);  /* a row of a one-route cohort stands twice */
    unsigned char *flags = malloc(n ? n : 1);
    /*
     * The secondary rule's groups: all but GT_R23. There the total's noemer is the sum, and a row is hidden for a
     * small teller or complement far more often than for a small noemer; the secondary rule, which sees only whole
     * rows, then hid route.verdeling.2 or .3 of nearly every quarter (a risk factor of 9 of 305 pregnancies hid
     * route 3's 93), although that noemer stands in every sibling row anyway. A noemer of 1-9 hides route 2 and 3
     * themselves (each 0 or 1-9); whatever else the relation gives away, the audit finds.
     */
    eng_group *sec = malloc((G->n ? G->n : 1) * sizeof *sec);
    size_t nsec = 0;
    eng_audit_ctx *X = NULL, *XK = NULL;
    eng_supp *S = NULL;
    eng_lin L;
    regie_pair *rp = NULL;
    across_pair *ap = NULL;
    size_t nx = 0, more = 0, nrp = 0, nap = 0;
    kr_status rc = KR_OK;
    memset(&L, 0, sizeof L);
    if (!x || !flags || !sec) {
        rc = KR_ENOMEM;
        goto cleanup;
    }
    for (size_t g = 0; g < G->n; g++)
        if (G->type[g] != GT_R23)
            sec[nsec++] = G->g[g];
    unsigned card_code = (unsigned)-1;  /* the list is in key order, indicator first: one look-up per indicator */
    int card = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t k = list[i]->key;
        const eng_measure *m = eng_measure_of(K_IND(k));
        if (K_IND(k) != card_code) {
            card_code = K_IND(k);
            card = on_scorecard(card_code);
        }
        /*
         * A cohort of one route is a class of its own (its totaal beside the other cohorts of that route only: the
         * route-2 cohort of overdracht.jgz_tijdig and the route-3 one of mdo_tijdig share no person, and 83 against 80
         * hid one of them in most quarters), and its totaal also stands beside the rows of that route of its class.
         * Against the class's totaal rows (all routes) it needs no pair: that totaal is the sum of its route rows.
         */
        unsigned route = m->flags & M_ROUTE2 ? 2 : m->flags & M_ROUTE3 ? 3 : 0;
        if (m->cohort)
            x[nx++] = (xrow){m->cohort + (int)(C_CLASSES * route), K_WITH_IND(k, 0), i, list[i]->p};
        if (m->cohort && route && K_GROEP(k) == G_TOTAAL)
            x[nx++] = (xrow){m->cohort, pack(0, K_REGIO(k), K_SITE(k), G_ROUTE, route + 1, K_PER(k)), i, list[i]->p};
        flags[i] = audit_flags(list[i], &cells[i]);
        /* what readers need most: a region's (or all regions') totaal, and of those the scorecard's rows */
        if (cells[i].keep != ENG_KEEP_KNOWN)
            cells[i].keep = (unsigned char)(K_SITE(k) != STAR || K_GROEP(k) != G_TOTAAL ? 0 : card ? 2 : 1);
    }
    qsort(x, nx, sizeof *x, cmp_xrow);
    if ((rc = regie_pairs(list, n, T, nregie, &rp, &nrp)) != KR_OK ||
        (rc = across_pairs(list, x, nx, min_cell, &ap, &nap)) != KR_OK ||
        (rc = build_lin(T, list, cells, n, G, x, nx, &L)) != KR_OK ||
        (rc = eng_audit_open(cells, flags, n, &L, &X)) != KR_OK ||
        (rc = eng_suppress_open(n, sec, nsec, min_cell, &S)) != KR_OK || (rc = eng_audit_earlier(X, E, 0)) != KR_OK)
        goto cleanup;
    /*
     * With counts published before, two readers: one with the table alone (X: the published counts only as what a
     * row must not come near), and one who also takes the published counts that still hold as known (XK). Each finds
     * leaks the other cannot: the second through rows known from earlier tables, the first where its chain runs
     * through shown rows that the second, holding a known count on the same path, never follows back.
     */
    int with_known = 0;
    for (size_t i = 0; E && E->first && i < n && !with_known; i++)
        with_known = E->first[i + 1] > E->first[i];
    if (with_known &&
        ((rc = eng_audit_open(cells, flags, n, &L, &XK)) != KR_OK || (rc = eng_audit_earlier(XK, E, 1)) != KR_OK))
        goto cleanup;
    do {
        do
            rc = eng_suppress_run(S, cells);
        while (rc == KR_OK && hide_across(cells, ap, nap, rp, nrp) > 0);
        if (rc == KR_OK)
            rc = eng_audit_run(X, cells, min_cell, &more);
        size_t more_known = 0;
        if (rc == KR_OK && XK && more == 0)
            rc = eng_audit_run(XK, cells, min_cell, &more_known);
        more += more_known;
        /* the table less each one published whole, by the reader of the table alone: behind a count the other reader
         * takes as known from before there is no shown row to hide (a leak through one has no culprit) */
        if (rc == KR_OK && more == 0)
            rc = eng_audit_delta(X, cells, &more);
    } while (rc == KR_OK && more > 0);
    if (rc == KR_OK && exact)
        eng_audit_exact(X, exact);  /* what the reader of the final table works out: published too */
    if (rc == KR_OK && ranges)
        eng_audit_ranges(X, ranges);
cleanup:
    eng_suppress_close(S);
    eng_audit_close(X);
    eng_audit_close(XK);
    eng_lin_fini(&L);
    free(ap);
    free(rp);
    free(sec);
    free(flags);
    free(x);
    return rc;
}


kr_status eng_disclose(const table *T, cell *const *list, eng_cell *cells, size_t n, const facts *F, int min_cell,
                       const eng_earlier *E, unsigned char *exact, long *ranges)
{
    groups G;
    memset(&G, 0, sizeof G);
    kr_status rc = build_groups(T, list, n, F, &G);
    if (rc == KR_OK)
        rc = suppress_all(list, cells, n, &G, T, F->d[D_REGIE].n, min_cell, E, exact, ranges);
    free(G.g);
    free(G.type);
    free(G.parts);
    return rc;
}
