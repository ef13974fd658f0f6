/*
 * kansrijk statistics: the small numerical core of the engine. Wilson score
 * intervals, Kaplan-Meier with Greenwood log-log bands and quantiles as R's
 * survival package reports them, the weighted least-squares trend, relative
 * risks, exact binomial funnel limits with Spiegelhalter's overdispersion, and
 * observed/expected ratios. Distribution functions come from GSL.
 */
#ifndef KR_ENGINE_STATS_INT_H
#define KR_ENGINE_STATS_INT_H

#include "../core/kr.h"

#define ENG_Z95 1.959964

/*
 * Wilson score interval for x events out of n at normal quantile z (ENG_Z95
 * for 95 %), as proportions. KR_EINVAL when n < 1 or x is outside 0..n.
 */
kr_status eng_wilson(long x, long n, double z, double *lo, double *hi);

/* The smallest k in 0..n with P(X <= k) >= p for X ~ Binomial(n, prob). */
long eng_binom_quantile(double p, double prob, long n);

/*
 * Control limits of a funnel plot for a proportion: the exact binomial
 * quantiles around target prob at denominator n, interpolated as in
 * Spiegelhalter (2005, Stat Med 24:1185), for two-sided coverage (0.95 or
 * 0.998), widened by sqrt(phi) around the target when phi > 1 (pass 1 for none).
 */
kr_status eng_funnel_limits(double prob, long n, double coverage, double phi, double *lo, double *hi);

/*
 * Spiegelhalter's overdispersion estimate for k units with x[i] events out of
 * n[i] around target prob: the mean of the squared z-scores winsorised at their
 * 10th and 90th percentiles. *widen is 1 when k * phi exceeds the 95 % point of
 * chi-square with k - 1 degrees of freedom (then limits are widened by sqrt(phi)).
 */
kr_status eng_overdispersion(const long *x, const long *n, size_t k, double prob, double *phi, int *widen);

/*
 * Weighted least squares of y on x with weights w (k >= 3 points): the slope
 * and its 95 % t-interval with k - 2 degrees of freedom.
 */
kr_status eng_wls(const double *x, const double *y, const double *w, size_t k, double *slope, double *lo, double *hi);

/*
 * Relative risk (a/n1) / (c/n2) with its interval by the log method. KR_EINVAL
 * when a cell is zero (the ratio is then not shown).
 */
kr_status eng_relative_risk(long a, long n1, long c, long n2, double z, double *rr, double *lo, double *hi);

/*
 * Observed/expected ratio with an exact Poisson 95 % interval for the observed
 * count (chi-square limits), for expected counts from indirect standardisation.
 */
kr_status eng_oe_ratio(long observed, double expected, double *ratio, double *lo, double *hi);

/* ---- Kaplan-Meier -------------------------------------------------------------------- */

typedef struct eng_km_step {
    double t;
    long at_risk, events, censored;
    double s;          /* S(t) after this time */
    double lo, hi;     /* Greenwood log-log band; NAN where undefined (S is 0 or 1) */
} eng_km_step;

typedef struct eng_km {
    eng_km_step *steps;  /* one per distinct time, events or censorings; owned */
    size_t n;
    long subjects;
} eng_km;

/*
 * Fit Kaplan-Meier to n subjects (time[i], event[i] = 1 for an event, 0 for
 * censored) with a Greenwood log-log band at normal quantile z. Caller frees
 * with eng_km_fini. KR_EINVAL for negative times.
 */
kr_status eng_km_fit(const double *time, const int *event, size_t n, double z, eng_km *out);
void eng_km_fini(eng_km *km);

/* S(t) and its band at time t; *at_risk is the number still at risk at t. */
void eng_km_at(const eng_km *km, double t, double *s, double *lo, double *hi, long *at_risk);

/*
 * The p-quantile (0.5: the median) by the rule of R's survfit: the first time
 * S drops below 1 - p, or the midpoint to the next drop where S equals 1 - p on
 * a flat; *lo and *hi where the band's lower and upper curves cross 1 - p by
 * the same rule. NAN where a curve never crosses.
 */
void eng_km_quantile(const eng_km *km, double p, double *q, double *lo, double *hi);

/* ---- disclosure control ------------------------------------------------------------------ */

typedef enum eng_cell_kind {
    ENG_CELL_PROPORTION,  /* teller of noemer persons: suppressed as a whole */
    ENG_CELL_COUNT,       /* a plain count of persons (aantal): 1..min-1 is suppressed */
    ENG_CELL_DECIDED,     /* Kaplan-Meier and quantile rows: the caller sets primary */
    ENG_CELL_NOT_PERSONS  /* organisations, municipalities, rows: never suppressed */
} eng_cell_kind;

/* Shown, or suppressed: one mark (x) whatever the reason, so that no mark tells which hidden cells are small. */
typedef enum eng_suppressed { ENG_SHOWN = 0, ENG_HIDDEN = 1 } eng_suppressed;

typedef struct eng_cell {
    eng_cell_kind kind;
    long teller, noemer;
    int primary;              /* 1 when the caller's rule suppresses it (ENG_CELL_DECIDED: its only rule) */
    eng_suppressed out;       /* set by eng_suppress */
    unsigned char keep;       /* how much readers need the row (0 the least): of shown cells that would protect alike,
                                 the secondary rule and the audit hide the lower first; ENG_KEEP_KNOWN: never hidden */
} eng_cell;

/*
 * keep of a row that a table published before showed with the counts it has now (engine/earlier.c): the reader knows
 * it whatever this table does, so hiding it protects nothing; the secondary rule, the rule across indicators and the
 * audit hide another row instead.
 */
#define ENG_KEEP_KNOWN 255

/* Of two shown cells a rule would hide one of, the one to hide: chosen, unless the reader knows it already
 * (ENG_KEEP_KNOWN) and not the other; both known, chosen all the same (they may be known from two tables). */
static inline size_t eng_hide_which(const eng_cell *cells, size_t chosen, size_t other)
{
    return cells[chosen].keep == ENG_KEEP_KNOWN && cells[other].keep != ENG_KEEP_KNOWN ? other : chosen;
}

/* The counts published before come in threes: teller, noemer (-1: none) and shown (1; 0: worked out by a reader). */
#define ENG_EARLIER_W 3
/* The width of a row's entry for a table published whole (engine/earlier.c, audit_delta.c): table, teller, noemer, raw
 * teller, raw noemer, and what a reader knew of the teller and the noemer (low, high; high -1: no bound). */
#define ENG_TABLE_W 9

/* A total and the cells that add up to it (indices into the cell array). */
typedef struct eng_group {
    size_t total;
    const size_t *parts;
    size_t nparts;
    int tellers_only;  /* 0: tellers and noemers (so complements) add up; 1: only the tellers */
} eng_group;

/*
 * Disclosure control of OUTCOMES.md. Primary: a proportion is suppressed
 * when its noemer is under min_cell, its teller from 1 to min_cell - 1,
 * or its complement from 1 to min_cell - 1; a count of persons from 1 to
 * min_cell - 1 is suppressed; zero is shown. Secondary: no group may hold
 * exactly one suppressed cell; where one does, its shown part with the
 * smallest teller (then noemer, then index) is suppressed too, or the total
 * when no part is shown, until no group does. min_cell is at least 5. A cell
 * that is hidden on entry stays hidden, so a caller that hides more for reasons
 * of its own (differences across indicators) can run it again.
 */
kr_status eng_suppress(eng_cell *cells, size_t n, const eng_group *groups, size_t ngroups, int min_cell);

/*
 * The same, for a caller that runs it again and again on the same cells and groups while hiding more of its own: a
 * run looks again only at the groups of cells that changed since the last run, with the same result as eng_suppress.
 * The groups must outlive the context.
 */
typedef struct eng_supp eng_supp;
kr_status eng_suppress_open(size_t n, const eng_group *groups, size_t ngroups, int min_cell, eng_supp **out);
kr_status eng_suppress_run(eng_supp *S, eng_cell *cells);
void eng_suppress_close(eng_supp *S);

/* 1 when the environment asks for one thread (KANSRIJK_THREADS=1): the audit's two problems and the read
 * beside linkage (engine/facts_read.c) then run one after the other, with the same outcome. */
int eng_one_thread(void);

#endif
