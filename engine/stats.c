/*
 * The statistics of the outcome set (see stats_int.h). Each function is checked in
 * tests/test_stats.c against published values (Newcombe 1998; R's survival
 * package on Gehan's 6-MP trial) or an independent computation in R.
 */
#include "stats_int.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* GSL's default error handler aborts the process; the functions here check results instead. */
static void quiet_gsl(void) { (void)gsl_set_error_handler_off(); }

kr_status eng_wilson(long x, long n, double z, double *lo, double *hi)
{
    if (n < 1 || x < 0 || x > n)
        return KR_EINVAL;
    double p = (double)x / (double)n, nn = (double)n, z2 = z * z;
    double centre = p + z2 / (2 * nn);
    double half = z * sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn));
    double d = 1 + z2 / nn;
    *lo = x == 0 ? 0.0 : (centre - half) / d;
    *hi = x == n ? 1.0 : (centre + half) / d;
    return KR_OK;
}

long eng_binom_quantile(double p, double prob, long n)
{
    quiet_gsl();
    long a = 0, b = n;  /* the answer lies in [a, b] */
    while (a < b) {
        long m = a + (b - a) / 2;
        if (gsl_cdf_binomial_P((unsigned)m, prob, (unsigned)n) >= p)
            b = m;
        else
            a = m + 1;
    }
    return a;
}

/* Spiegelhalter's interpolated exact binomial limit at cumulative probability p. */
static double binom_limit(double p, double prob, long n)
{
    long r = eng_binom_quantile(p, prob, n);
    double f = gsl_cdf_binomial_P((unsigned)r, prob, (unsigned)n);
    double d = gsl_ran_binomial_pdf((unsigned)r, prob, (unsigned)n);
    double alpha = d > 0 ? (f - p) / d : 0;
    return ((double)r - alpha) / (double)n;
}

kr_status eng_funnel_limits(double prob, long n, double coverage, double phi, double *lo, double *hi)
{
    quiet_gsl();
    if (n < 1 || prob < 0 || prob > 1 || coverage <= 0 || coverage >= 1 || phi <= 0)
        return KR_EINVAL;
    double tail = (1 - coverage) / 2;
    *lo = binom_limit(tail, prob, n);
    *hi = binom_limit(1 - tail, prob, n);
    if (phi > 1) {
        double s = sqrt(phi);
        *lo = prob + (*lo - prob) * s;
        *hi = prob + (*hi - prob) * s;
    }
    if (*lo < 0)
        *lo = 0;
    if (*hi > 1)
        *hi = 1;
    return KR_OK;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The p-th quantile of sorted v[0..k-1], R's type 7 (linear interpolation). */
static double quantile7(const double *v, size_t k, double p)
{
    double h = (double)(k - 1) * p;
    size_t i = (size_t)floor(h);
    if (i + 1 >= k)
        return v[k - 1];
    return v[i] + (h - (double)i) * (v[i + 1] - v[i]);
}

kr_status eng_overdispersion(const long *x, const long *n, size_t k, double prob, double *phi, int *widen)
{
    quiet_gsl();
    if (k < 2 || prob <= 0 || prob >= 1)
        return KR_EINVAL;
    double *z = malloc(k * sizeof *z), *sorted = malloc(k * sizeof *sorted);
    if (!z || !sorted) {
        free(z);
        free(sorted);
        return KR_ENOMEM;
    }
    for (size_t i = 0; i < k; i++) {
        if (n[i] < 1) {
            free(z);
            free(sorted);
            return KR_EINVAL;
        }
        z[i] = ((double)x[i] / (double)n[i] - prob) / sqrt(prob * (1 - prob) / (double)n[i]);
        sorted[i] = z[i];
    }
    qsort(sorted, k, sizeof *sorted, cmp_double);
    double q10 = quantile7(sorted, k, 0.10), q90 = quantile7(sorted, k, 0.90), sum = 0;
    for (size_t i = 0; i < k; i++) {
        double w = z[i] < q10 ? q10 : z[i] > q90 ? q90 : z[i];
        sum += w * w;
    }
    *phi = sum / (double)k;
    *widen = sum > gsl_cdf_chisq_Pinv(0.95, (double)(k - 1));
    free(z);
    free(sorted);
    return KR_OK;
}

kr_status eng_wls(const double *x, const double *y, const double *w, size_t k, double *slope, double *lo, double *hi)
{
    quiet_gsl();
    if (k < 3)
        return KR_EINVAL;
    double sw = 0, sx = 0, sy = 0;
    for (size_t i = 0; i < k; i++) {
        if (w[i] < 0)
            return KR_EINVAL;
        sw += w[i];
        sx += w[i] * x[i];
        sy += w[i] * y[i];
    }
    if (sw <= 0)
        return KR_EINVAL;
    double mx = sx / sw, my = sy / sw, sxx = 0, sxy = 0;
    for (size_t i = 0; i < k; i++) {
        sxx += w[i] * (x[i] - mx) * (x[i] - mx);
        sxy += w[i] * (x[i] - mx) * (y[i] - my);
    }
    if (sxx <= 0)
        return KR_EINVAL;
    double b = sxy / sxx, a = my - b * mx, rss = 0;
    for (size_t i = 0; i < k; i++) {
        double r = y[i] - a - b * x[i];
        rss += w[i] * r * r;
    }
    double se = sqrt(rss / (double)(k - 2) / sxx);
    double t = gsl_cdf_tdist_Pinv(0.975, (double)(k - 2));
    *slope = b;
    *lo = b - t * se;
    *hi = b + t * se;
    return KR_OK;
}

kr_status eng_relative_risk(long a, long n1, long c, long n2, double z, double *rr, double *lo, double *hi)
{
    if (a <= 0 || c <= 0 || n1 <= 0 || n2 <= 0 || a >= n1 || c >= n2)  /* a zero cell: no ratio */
        return KR_EINVAL;
    double r = ((double)a / (double)n1) / ((double)c / (double)n2);
    double se = sqrt(1.0 / (double)a - 1.0 / (double)n1 + 1.0 / (double)c - 1.0 / (double)n2);
    *rr = r;
    *lo = exp(log(r) - z * se);
    *hi = exp(log(r) + z * se);
    return KR_OK;
}

/* The mu where P(a, mu) (upper = 0) or Q(a, mu) (upper = 1) of the regularised incomplete gamma equals target. */
static double gamma_root(double a, double target, int upper)
{
    double lo = 0.0, hi = a + 20.0 * sqrt(a) + 20.0;
    for (int i = 0; i < 200 && hi - lo > 1e-12 * (1.0 + hi); i++) {
        double mid = 0.5 * (lo + hi);
        gsl_sf_result r;
        int bad = upper ? gsl_sf_gamma_inc_Q_e(a, mid, &r) : gsl_sf_gamma_inc_P_e(a, mid, &r);
        if (bad)
            return NAN;
        /* P grows with mu, Q falls */
        if (upper ? r.val > target : r.val < target)
            lo = mid;
        else
            hi = mid;
    }
    return 0.5 * (lo + hi);
}

kr_status eng_oe_ratio(long observed, double expected, double *ratio, double *lo, double *hi)
{
    quiet_gsl();
    if (observed < 0 || expected <= 0)
        return KR_EINVAL;
    *ratio = (double)observed / expected;
    /* the exact Poisson limits (the chi-square limits, as the regularised incomplete gamma function):
     * P(X >= O; lo) = 0.025 and P(X <= O; hi) = 0.025. GSL's inverse chi-square does not converge for
     * large counts, so the roots are found by bisection on the gamma function itself. */
    *lo = observed == 0 ? 0.0 : gamma_root((double)observed, 0.025, 0) / expected;
    *hi = gamma_root((double)observed + 1, 0.025, 1) / expected;
    return KR_OK;
}

/* ---- Kaplan-Meier ----------------------------------------------------------------------------- */

typedef struct obs {
    double t;
    int event;
} obs;

static int cmp_obs(const void *a, const void *b)
{
    const obs *x = a, *y = b;
    return (x->t > y->t) - (x->t < y->t);
}

void eng_km_fini(eng_km *km)
{
    if (!km)
        return;
    free(km->steps);
    km->steps = NULL;
    km->n = 0;
}

/* One step of the curve: d events and c censored at time t among *at_risk; the estimate and its log-log band. */
static void km_step(eng_km_step *x, double t, long d, long c, double z, double *s, double *greenwood, long *at_risk)
{
    x->t = t;
    x->at_risk = *at_risk;
    x->events = d;
    x->censored = c;
    if (d > 0) {
        *s *= 1.0 - (double)d / (double)*at_risk;
        *greenwood = *at_risk > d ? *greenwood + (double)d / ((double)*at_risk * (double)(*at_risk - d)) : INFINITY;
    }
    x->s = *s;
    if (*s > 0 && *s < 1 && isfinite(*greenwood)) {
        /* the log-log band: log(-log S) +- z * se(log S) / log S */
        double ls = log(*s), se = sqrt(*greenwood);
        double a = exp(-exp(log(-ls) + z * se / ls)), b = exp(-exp(log(-ls) - z * se / ls));
        x->lo = a < b ? a : b;
        x->hi = a < b ? b : a;
    } else {
        x->lo = x->hi = NAN;
    }
    *at_risk -= d + c;
}

/*
 * The steps from whole days in a short range (follow-up in days: every cohort of the outcome table), counted per day
 * instead of sorted; the same steps as sorting would give, as ties are counted together. 0 when the times are not
 * such days, or not finite (the caller sorts), -1 out of memory.
 */
static int km_by_day(const double *time, const int *event, size_t n, double z, eng_km_step *st, size_t *nsteps)
{
    double lo = n ? time[0] : 0, hi = lo;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(time[i]) || time[i] != floor(time[i]))
            return 0;
        lo = time[i] < lo ? time[i] : lo;
        hi = time[i] > hi ? time[i] : hi;
    }
    if (hi - lo > 4.0 * (double)n + 4096.0)
        return 0;  /* few times far apart: sorting is cheaper */
    size_t span = (size_t)(hi - lo) + 1;
    long *dc = calloc(2 * span, sizeof *dc);  /* per day: events, then censored */
    if (!dc)
        return -1;
    for (size_t i = 0; i < n; i++)
        dc[2 * (size_t)(time[i] - lo) + (event[i] == 0)]++;
    double s = 1.0, greenwood = 0.0;
    long at_risk = (long)n;
    size_t k = 0;
    for (size_t day = 0; day < span; day++)
        if (dc[2 * day] || dc[2 * day + 1])
            km_step(&st[k++], lo + (double)day, dc[2 * day], dc[2 * day + 1], z, &s, &greenwood, &at_risk);
    free(dc);
    *nsteps = k;
    return 1;
}

kr_status eng_km_fit(const double *time, const int *event, size_t n, double z, eng_km *out)
{
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < n; i++)
        if (!(time[i] >= 0))
            return KR_EINVAL;
    eng_km_step *st = malloc((n ? n : 1) * sizeof *st);
    if (!st)
        return KR_ENOMEM;
    size_t k = 0;
    int days = km_by_day(time, event, n, z, st, &k);
    if (days < 0) {
        free(st);
        return KR_ENOMEM;
    }
    if (!days) {
        obs *o = malloc((n ? n : 1) * sizeof *o);
        if (!o) {
            free(st);
            return KR_ENOMEM;
        }
        for (size_t i = 0; i < n; i++)
            o[i] = (obs){time[i], event[i] != 0};
        qsort(o, n, sizeof *o, cmp_obs);
        double s = 1.0, greenwood = 0.0;
        long at_risk = (long)n;
        for (size_t i = 0; i < n;) {
            size_t j = i;
            long d = 0, c = 0;
            for (; j < n && o[j].t == o[i].t; j++) {
                d += o[j].event;
                c += !o[j].event;
            }
            km_step(&st[k++], o[i].t, d, c, z, &s, &greenwood, &at_risk);
            i = j;
        }
        free(o);
    }
    out->steps = st;
    out->n = k;
    out->subjects = (long)n;
    return KR_OK;
}

void eng_km_at(const eng_km *km, double t, double *s, double *lo, double *hi, long *at_risk)
{
    double cs = 1.0, clo = NAN, chi = NAN;
    long risk = 0;
    for (size_t i = 0; i < km->n; i++) {
        const eng_km_step *x = &km->steps[i];
        if (x->t <= t) {  /* the step function, right-continuous */
            cs = x->s;
            clo = x->lo;
            chi = x->hi;
        }
        if (x->t >= t)  /* at risk at t: everyone whose time is t or later */
            risk += x->events + x->censored;
    }
    *s = cs;
    *lo = clo;
    *hi = chi;
    *at_risk = risk;
}

/* Where curve y (one value per step; NAN = undefined) crosses target, by R's rule. */
static double crossing(const eng_km *km, int which, double target)
{
    const double eps = 1e-9;
    for (size_t i = 0; i < km->n; i++) {
        const eng_km_step *x = &km->steps[i];
        double y = which == 0 ? x->s : which < 0 ? x->lo : x->hi;
        if (isnan(y))
            continue;
        if (y < target - eps)
            return x->t;
        if (fabs(y - target) <= eps) {
            /* on a flat at exactly 1 - p: the midpoint to the next drop of this curve */
            for (size_t j = i + 1; j < km->n; j++) {
                double y2 = which == 0 ? km->steps[j].s : which < 0 ? km->steps[j].lo : km->steps[j].hi;
                if (!isnan(y2) && y2 < y - eps)
                    return (x->t + km->steps[j].t) / 2;
            }
            return x->t;  /* the last step: the time it was reached */
        }
    }
    return NAN;
}

void eng_km_quantile(const eng_km *km, double p, double *q, double *lo, double *hi)
{
    double target = 1 - p;
    *q = crossing(km, 0, target);
    *lo = crossing(km, -1, target);
    *hi = crossing(km, 1, target);
}

/* ---- disclosure control ----------------------------------------------------------------------- */

static int primary_rule(const eng_cell *c, long m)
{
    if (c->primary && c->kind != ENG_CELL_NOT_PERSONS)  /* the caller's reason (a count published before, ...) */
        return 1;
    switch (c->kind) {
    case ENG_CELL_PROPORTION:
        return c->noemer < m || (c->teller >= 1 && c->teller < m) ||
               (c->noemer - c->teller >= 1 && c->noemer - c->teller < m);
    case ENG_CELL_COUNT:
        return c->teller >= 1 && c->teller < m;
    case ENG_CELL_DECIDED:
        return c->primary != 0;
    case ENG_CELL_NOT_PERSONS:
        return 0;
    }
    return 0;
}

/* Which shown cell to suppress next, of two that cost alike: the lower keep, the smaller teller, noemer, index. */
static int before(const eng_cell *cells, size_t a, size_t b)
{
    if (cells[a].keep != cells[b].keep)
        return cells[a].keep < cells[b].keep;
    if (cells[a].teller != cells[b].teller)
        return cells[a].teller < cells[b].teller;
    if (cells[a].noemer != cells[b].noemer)
        return cells[a].noemer < cells[b].noemer;
    return a < b;
}

static void hide(eng_cell *c)
{
    c->out = ENG_HIDDEN;
}

/*
 * The secondary rule, kept between runs. A pass looks at every group in order; a group none of whose cells changed
 * since it was last looked at does what it did then, which was nothing (a pass that hides a cell marks every group
 * of that cell, and a run ends with a pass that changed nothing). So a pass looks only at the marked groups, in
 * order; a group marked during a pass is looked at in that pass when it comes later, else in the next: the cells
 * hidden, and the order in which they are, are those of the passes over every group.
 */
struct eng_supp {
    size_t n, ngroups;
    const eng_group *groups;
    int min_cell;
    size_t *cs, *cg;         /* the groups of each cell: cg[cs[i] .. cs[i + 1] - 1] */
    uint64_t *dirty;         /* a bit per group: to be looked at */
    size_t *nh;              /* per group: its hidden cells (total and parts), kept up to date with the marks */
    unsigned char *was;      /* each cell's out at the end of the last run (before the first: none, all differ) */
};

void eng_suppress_close(eng_supp *S)
{
    if (!S)
        return;
    free(S->cs);
    free(S->cg);
    free(S->dirty);
    free(S->nh);
    free(S->was);
    free(S);
}

kr_status eng_suppress_open(size_t n, const eng_group *groups, size_t ngroups, int min_cell, eng_supp **out)
{
    *out = NULL;
    if (min_cell < 5)
        return KR_EINVAL;
    for (size_t g = 0; g < ngroups; g++) {
        if (groups[g].total >= n)
            return KR_EINVAL;
        for (size_t k = 0; k < groups[g].nparts; k++)
            if (groups[g].parts[k] >= n)
                return KR_EINVAL;
    }
    eng_supp *S = calloc(1, sizeof *S);
    if (!S)
        return KR_ENOMEM;
    S->n = n;
    S->groups = groups;
    S->ngroups = ngroups;
    S->min_cell = min_cell;
    size_t members = 0;
    for (size_t g = 0; g < ngroups; g++)
        members += groups[g].nparts + 1;
    S->cs = calloc(n + 1, sizeof *S->cs);
    S->cg = malloc((members ? members : 1) * sizeof *S->cg);
    S->dirty = calloc(ngroups / 64 + 1, sizeof *S->dirty);
    S->nh = calloc(ngroups ? ngroups : 1, sizeof *S->nh);
    S->was = malloc(n ? n : 1);  /* set below, once the allocations are checked */
    if (!S->cs || !S->cg || !S->dirty || !S->nh || !S->was) {
        eng_suppress_close(S);
        return KR_ENOMEM;
    }
    for (size_t g = 0; g < ngroups; g++) {
        S->cs[groups[g].total + 1]++;
        for (size_t k = 0; k < groups[g].nparts; k++)
            S->cs[groups[g].parts[k] + 1]++;
    }
    for (size_t i = 0; i < n; i++)
        S->cs[i + 1] += S->cs[i];
    size_t *fill = malloc((n ? n : 1) * sizeof *fill);
    if (!fill) {
        eng_suppress_close(S);
        return KR_ENOMEM;
    }
    memcpy(fill, S->cs, n * sizeof *fill);
    for (size_t g = 0; g < ngroups; g++) {
        S->cg[fill[groups[g].total]++] = g;
        for (size_t k = 0; k < groups[g].nparts; k++)
            S->cg[fill[groups[g].parts[k]]++] = g;
    }
    free(fill);
    memset(S->was, 0xff, n);  /* no out is 0xff */
    *out = S;
    return KR_OK;
}

static void mark_groups_of(eng_supp *S, size_t i)
{
    for (size_t k = S->cs[i]; k < S->cs[i + 1]; k++)
        S->dirty[S->cg[k] / 64] |= (uint64_t)1 << (S->cg[k] % 64);
}

/* The first marked group from g on, or ngroups. */
static size_t next_marked(const eng_supp *S, size_t g)
{
    size_t w = g / 64;
    if (w * 64 >= S->ngroups)
        return S->ngroups;
    uint64_t bits = S->dirty[w] & (~(uint64_t)0 << (g % 64));
    while (!bits) {
        if (++w * 64 >= S->ngroups)
            return S->ngroups;
        bits = S->dirty[w];
    }
    size_t m = w * 64 + (size_t)__builtin_ctzll(bits);
    return m < S->ngroups ? m : S->ngroups;
}

/* Group g's hidden cells, counted. */
static size_t group_hidden(const eng_group *gr, const eng_cell *cells)
{
    size_t h = cells[gr->total].out != ENG_SHOWN;
    for (size_t k = 0; k < gr->nparts; k++)
        h += cells[gr->parts[k]].out != ENG_SHOWN;
    return h;
}

/*
 * What hiding shown cell p costs besides group g: each other group of p with no hidden cell then holds exactly one
 * and hides one more (+1); each that holds exactly one is settled by it (-1).
 */
static long pick_cost(const eng_supp *S, size_t p, size_t g)
{
    long cost = 0;
    for (size_t k = S->cs[p]; k < S->cs[p + 1]; k++) {
        size_t h = S->cg[k];
        if (h != g)
            cost += S->nh[h] == 0 ? 1 : S->nh[h] == 1 ? -1 : 0;
    }
    return cost;
}

static int small_sum(long x, long m) { return x >= 1 && x < m; }

/* What makes a group hide one more cell (group_needs): bits. */
enum { NEED_ONE = 1, NEED_T = 2, NEED_N = 4, NEED_C = 8 };

/*
 * Whether group gr must hide one more cell, and why (NEED_*, 0: not): it holds exactly one hidden cell (a subtraction
 * gives it back), or its total is shown and its hidden parts together, which the total minus the shown parts gives
 * away, hold 1 to m - 1 persons: in tellers, or (where noemers add up too) in noemers or complements. "Perinatal
 * deaths 30, route 1: 21" said that routes 2, 3 and the unscreened had 9 between them.
 */
static int group_needs(const eng_group *gr, const eng_cell *cells, size_t hidden, long m)
{
    if (hidden == 1)
        return NEED_ONE;
    if (hidden == 0 || cells[gr->total].out != ENG_SHOWN)
        return 0;
    long t = 0, n = 0, c = 0;
    for (size_t k = 0; k < gr->nparts; k++) {
        const eng_cell *x = &cells[gr->parts[k]];
        /* counts and proportions; the caller's own rows (Kaplan-Meier, care-days) keep the rule of one */
        if (x->out == ENG_SHOWN || (x->kind != ENG_CELL_COUNT && x->kind != ENG_CELL_PROPORTION))
            continue;
        t += x->teller;
        if (x->kind == ENG_CELL_PROPORTION) {
            n += x->noemer;
            c += x->noemer - x->teller;
        }
    }
    int need = small_sum(t, m) ? NEED_T : 0;
    if (!gr->tellers_only)
        need |= (small_sum(n, m) ? NEED_N : 0) | (small_sum(c, m) ? NEED_C : 0);
    return need;
}

/* Whether hiding shown cell x changes a sum the group needs changed (a teller of 0 adds nothing to a sum of
 * tellers). */
static int helps(const eng_cell *x, int need)
{
    if (need & NEED_ONE)
        return 1;
    int prop = x->kind == ENG_CELL_PROPORTION;
    return ((need & NEED_T) && x->teller != 0) || ((need & NEED_N) && prop && x->noemer != 0) ||
           ((need & NEED_C) && prop && x->noemer != x->teller);
}

kr_status eng_suppress_run(eng_supp *S, eng_cell *cells)
{
    size_t n = S->n;
    for (size_t i = 0; i < n; i++)
        if (cells[i].out == ENG_SHOWN && primary_rule(&cells[i], S->min_cell))
            hide(&cells[i]);
    for (size_t i = 0; i < n; i++)  /* the first run: every cell, so every group (each holds its total) */
        if (cells[i].out != S->was[i])
            mark_groups_of(S, i);
    for (size_t g = next_marked(S, 0); g < S->ngroups; g = next_marked(S, g + 1))
        S->nh[g] = group_hidden(&S->groups[g], cells);
    /* Each pass suppresses at least one more cell or stops: it ends within n passes. */
    for (int changed = 1; changed;) {
        changed = 0;
        for (size_t g = next_marked(S, 0); g < S->ngroups; g = next_marked(S, g + 1)) {
            S->dirty[g / 64] &= ~((uint64_t)1 << (g % 64));
            const eng_group *gr = &S->groups[g];
            int need = group_needs(gr, cells, S->nh[g], S->min_cell);
            if (!need)
                continue;
            /* of the shown parts that change what the group needs changed, the one that costs least besides this
               group, then the one readers need least, then the smallest teller, noemer and index (before); a row
               known from a table published before (ENG_KEEP_KNOWN) only when nothing else is left, the total
               included: each such row may be known from another table, and together they may never have stood */
            size_t pick = n, kpick = n;
            long pc = 0, kc = 0;
            for (size_t k = 0; k < gr->nparts; k++) {
                size_t p = gr->parts[k];
                if (cells[p].out != ENG_SHOWN || cells[p].kind == ENG_CELL_NOT_PERSONS || !helps(&cells[p], need))
                    continue;
                long c = pick_cost(S, p, g);
                int known = cells[p].keep == ENG_KEEP_KNOWN;
                size_t *best = known ? &kpick : &pick;
                long *bc = known ? &kc : &pc;
                if (*best == n || c < *bc || (c == *bc && before(cells, p, *best))) {
                    *best = p;
                    *bc = c;
                }
            }
            int total_ok = cells[gr->total].out == ENG_SHOWN && cells[gr->total].kind != ENG_CELL_NOT_PERSONS;
            if (pick == n && total_ok && cells[gr->total].keep != ENG_KEEP_KNOWN)
                pick = gr->total;
            if (pick == n)
                pick = kpick;
            if (pick == n) {
                if (!total_ok)
                    continue;  /* nothing left that may be hidden */
                pick = gr->total;
            }
            hide(&cells[pick]);
            mark_groups_of(S, pick);
            for (size_t k = S->cs[pick]; k < S->cs[pick + 1]; k++)
                S->nh[S->cg[k]]++;
            changed = 1;
        }
    }
    for (size_t i = 0; i < n; i++)
        S->was[i] = (unsigned char)cells[i].out;
    return KR_OK;
}

kr_status eng_suppress(eng_cell *cells, size_t n, const eng_group *groups, size_t ngroups, int min_cell)
{
    eng_supp *S = NULL;
    kr_status rc = eng_suppress_open(n, groups, ngroups, min_cell, &S);
    if (rc == KR_OK)
        rc = eng_suppress_run(S, cells);
    eng_suppress_close(S);
    return rc;
}
