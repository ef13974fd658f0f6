/*
 * Statistical process control for the reports (REPORTS.md): Laney's p′-chart of
 * quarterly proportions, its four signal rules and the variation and assurance
 * icons; and Newcombe's interval for the difference of two proportions. Checked in
 * tests/test_spc.c against values worked out by hand and by tests/spc_reference.py.
 */
#include "engine.h"
#include "stats_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum {
    MIN_LIMITS = 8,  /* shown quarters needed for limits at all */
    MIN_FIXED = 12,  /* ... for limits that are no longer voorlopig */
    SHIFT_RUN = 7,   /* points in a row on one side of the centre */
    TREND_RUN = 6    /* points in a row each higher (lower) than the one before */
};

/* d2, the bias constant of a moving range of two points: E|z_i - z_i-1| = 1.128 σ. */
#define D2 1.128

/* A chart seen through its shown points: at[t] is the input index of the t-th shown point. */
typedef struct chart {
    eng_spc *s;
    const size_t *at;
    size_t m;
    int *trend;  /* per shown point: +1 in a rising trend, -1 in a falling one, 0 in none */
} chart;

static eng_spc_point *pt(const chart *c, size_t t)
{
    return &c->s->points[c->at[t]];
}

/* +1 strictly above the centre, -1 strictly below, 0 on it. */
static int side(double p, double centre)
{
    return (p > centre) - (p < centre);
}

/* σ_z and the four lines of every shown point; the centre is set and m >= MIN_LIMITS. */
static void fit_limits(const chart *c, const long *n)
{
    eng_spc *s = c->s;
    double pb = s->centre;
    if (pb <= 0 || pb >= 1) {
        /* σ_i is 0 and z undefined: every line is the centre, and every point lies on it */
        s->sigma_z = 0;
        for (size_t t = 0; t < c->m; t++) {
            eng_spc_point *q = pt(c, t);
            q->lcl = q->ucl = q->lwl = q->uwl = pb;
        }
        return;
    }
    double sum = 0, prev = 0;
    for (size_t t = 0; t < c->m; t++) {
        double z = (pt(c, t)->p - pb) / sqrt(pb * (1 - pb) / (double)n[c->at[t]]);
        if (t > 0)  /* successive shown quarters: a gap between them is skipped, not a break */
            sum += fabs(z - prev);
        prev = z;
    }
    s->sigma_z = sum / (double)(c->m - 1) / D2;
    for (size_t t = 0; t < c->m; t++) {
        eng_spc_point *q = pt(c, t);
        double sig = sqrt(pb * (1 - pb) / (double)n[c->at[t]]);
        double h3 = 3 * s->sigma_z * sig, h2 = 2 * s->sigma_z * sig;
        q->lcl = fmax(0.0, pb - h3);
        q->ucl = fmin(1.0, pb + h3);
        q->lwl = fmax(0.0, pb - h2);
        q->uwl = fmin(1.0, pb + h2);
    }
}

static void rule_outside(const chart *c)
{
    for (size_t t = 0; t < c->m; t++) {
        eng_spc_point *q = pt(c, t);
        if (q->p > q->ucl || q->p < q->lcl)
            q->signals |= ENG_SPC_OUTSIDE;
    }
}

static void rule_shift(const chart *c)
{
    double centre = c->s->centre;
    for (size_t j = 0, l; j < c->m; j = l + 1) {
        int sd = side(pt(c, j)->p, centre);
        for (l = j; l + 1 < c->m && side(pt(c, l + 1)->p, centre) == sd; l++)
            ;
        if (sd != 0 && l - j + 1 >= SHIFT_RUN)
            for (size_t t = j; t <= l; t++)
                pt(c, t)->signals |= ENG_SPC_SHIFT;
    }
}

static void rule_trend(const chart *c)
{
    for (int dirn = 1; dirn >= -1; dirn -= 2) {
        /* maximal runs of strict rises (falls); an equal value ends a run */
        for (size_t j = 0, l; j < c->m; j = l + 1) {
            for (l = j; l + 1 < c->m && (dirn > 0 ? pt(c, l + 1)->p > pt(c, l)->p : pt(c, l + 1)->p < pt(c, l)->p);
                 l++)
                ;
            if (l - j + 1 < TREND_RUN)
                continue;
            for (size_t t = j; t <= l; t++) {
                pt(c, t)->signals |= ENG_SPC_TREND;
                /* a turning point ends one trend and starts the other: it keeps the one it ends */
                if (t > j || c->trend[t] == 0)
                    c->trend[t] = dirn;
            }
        }
    }
}

static void rule_two_of_three(const chart *c)
{
    for (size_t t = 0; t + 2 < c->m; t++) {
        int up = 0, down = 0;
        for (size_t u = t; u < t + 3; u++) {
            up += pt(c, u)->p > pt(c, u)->uwl;
            down += pt(c, u)->p < pt(c, u)->lwl;
        }
        for (size_t u = t; u < t + 3; u++) {
            eng_spc_point *q = pt(c, u);
            if ((up >= 2 && q->p > q->uwl) || (down >= 2 && q->p < q->lwl))
                q->signals |= ENG_SPC_TWO_OF_THREE;
        }
    }
}

/* Improvement or concern. OUTSIDE, TWO_OF_THREE and SHIFT all judge by the side of the centre (a point beyond
 * a limit or two-sigma line is on that side), so they never disagree; only a trend can, and it comes last. */
static void judge(const chart *c, eng_direction dir)
{
    int sign = dir == ENG_HIGHER ? 1 : dir == ENG_LOWER ? -1 : 0;
    for (size_t t = 0; t < c->m; t++) {
        eng_spc_point *q = pt(c, t);
        if (q->signals & (ENG_SPC_OUTSIDE | ENG_SPC_TWO_OF_THREE | ENG_SPC_SHIFT))
            q->judgement = sign * side(q->p, c->s->centre);
        else if (q->signals & ENG_SPC_TREND)
            q->judgement = sign * c->trend[t];
    }
}

/* The two icons and run_start, from the last shown point. */
static void icons(const chart *c, eng_direction dir, double target)
{
    eng_spc *s = c->s;
    const eng_spc_point *last = pt(c, c->m - 1);
    if (last->signals) {
        s->variation = last->judgement > 0 ? ENG_VAR_VERBETERING : last->judgement < 0 ? ENG_VAR_ZORG
                                                                                       : ENG_VAR_BIJZONDER;
        size_t t = c->m - 1;
        while (t > 0 && pt(c, t - 1)->signals)
            t--;
        s->run_start = c->at[t];
    } else {
        s->variation = ENG_VAR_GEWOON;
    }
    if (isnan(target) || dir == ENG_NONE)
        return;
    double tp = target / 100;  /* the catalogue's percent against the chart's proportions */
    if (dir == ENG_HIGHER)
        s->assurance = tp <= last->lcl ? ENG_ASS_GEHAALD : tp > last->ucl ? ENG_ASS_GEMIST : ENG_ASS_WISSELEND;
    else
        s->assurance = tp >= last->ucl ? ENG_ASS_GEHAALD : tp < last->lcl ? ENG_ASS_GEMIST : ENG_ASS_WISSELEND;
    /* A last quarter beyond its limits belongs to a changed process, which the limits (of the whole series) do not
     * describe: "steeds gemist" beside a quarter that meets the target, or "steeds gehaald" beside one that misses
     * it, would be false. Then the target is met now and then: wisselend. */
    int meets = dir == ENG_HIGHER ? last->p >= tp : last->p <= tp;
    if ((s->assurance == ENG_ASS_GEMIST && meets) || (s->assurance == ENG_ASS_GEHAALD && !meets))
        s->assurance = ENG_ASS_WISSELEND;
}

void eng_spc_fini(eng_spc *spc)
{
    if (!spc)
        return;
    free(spc->points);
    memset(spc, 0, sizeof *spc);
}

kr_status eng_spc_fit(const long *x, const long *n, const int *shown, size_t k, eng_direction dir, double target,
                      eng_spc *out)
{
    kr_status rc = KR_OK;
    size_t *at = NULL, m = 0;
    int *trend = NULL;
    double sx = 0, sn = 0;
    if (out)
        memset(out, 0, sizeof *out);
    if (!x || !n || !shown || !out || k == 0 || (dir != ENG_NONE && dir != ENG_HIGHER && dir != ENG_LOWER)) {
        rc = KR_EINVAL;
        goto cleanup;
    }
    for (size_t i = 0; i < k; i++) {
        if (shown[i] && (n[i] < 1 || x[i] < 0 || x[i] > n[i])) {
            rc = KR_EINVAL;
            goto cleanup;
        }
    }
    /* calloc checks k * size for overflow */
    out->points = calloc(k, sizeof *out->points);
    at = calloc(k, sizeof *at);
    trend = calloc(k, sizeof *trend);
    if (!out->points || !at || !trend) {
        rc = KR_ENOMEM;
        goto cleanup;
    }
    out->k = k;
    out->run_start = k;
    out->centre = out->sigma_z = NAN;
    /* counts are summed as doubles: exact up to 2^53, where a long could overflow on a 32-bit machine */
    for (size_t i = 0; i < k; i++) {
        eng_spc_point *q = &out->points[i];
        q->p = q->lcl = q->ucl = q->lwl = q->uwl = NAN;
        if (!shown[i])
            continue;
        q->shown = 1;
        q->p = (double)x[i] / (double)n[i];
        sx += (double)x[i];
        sn += (double)n[i];
        at[m++] = i;
    }
    out->shown = m;
    if (m > 0)
        out->centre = sx / sn;
    if (m >= MIN_LIMITS) {  /* fewer: a plain line, without limits, signals or icons */
        chart c = {.s = out, .at = at, .m = m, .trend = trend};
        out->limits = m < MIN_FIXED ? ENG_SPC_VOORLOPIG : ENG_SPC_VAST;
        fit_limits(&c, n);
        rule_outside(&c);
        rule_shift(&c);
        rule_trend(&c);
        rule_two_of_three(&c);
        judge(&c, dir);
        icons(&c, dir, target);
    }

cleanup:
    free(at);
    free(trend);
    if (rc != KR_OK)
        eng_spc_fini(out);
    return rc;
}

kr_status eng_newcombe(long x1, long n1, long x2, long n2, double z, double *diff, double *lo, double *hi)
{
    double l1, u1, l2, u2;
    if (!diff || !lo || !hi || !(z >= 0) || !isfinite(z))
        return KR_EINVAL;
    if (eng_wilson(x1, n1, z, &l1, &u1) != KR_OK || eng_wilson(x2, n2, z, &l2, &u2) != KR_OK)
        return KR_EINVAL;
    double p1 = (double)x1 / (double)n1, p2 = (double)x2 / (double)n2, d = p1 - p2;
    *diff = d;
    *lo = d - sqrt((p1 - l1) * (p1 - l1) + (u2 - p2) * (u2 - p2));
    *hi = d + sqrt((u1 - p1) * (u1 - p1) + (p2 - l2) * (p2 - l2));
    return KR_OK;
}
