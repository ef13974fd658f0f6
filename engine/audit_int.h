/*
 * kansrijk - the disclosure audit: what someone holding the whole published table can work out.
 *
 * Secondary suppression by groups (eng_suppress) keeps a single subtraction from recovering a hidden cell, but a reader
 * can chain subtractions across breakdowns, places, quarters and indicators, and bound hidden cells by 0 <= teller <=
 * noemer. The audit does what such a reader does: it solves every relation with one unknown left, narrows intervals
 * until they meet, and compares cohorts that contain one another; where that yields a count of persons from 1 to
 * min_cell - 1, it hides one more shown cell behind the leak. The caller repeats suppression and audit until the audit
 * hides nothing (OUTCOMES.md, disclosure control).
 *
 * Variables: the teller of cell i is 2i, its noemer 2i + 1 (ENG_T, ENG_N).
 */
#ifndef KR_ENGINE_AUDIT_INT_H
#define KR_ENGINE_AUDIT_INT_H

#include "stats_int.h"

#include <stddef.h>

#define ENG_T(i) (2 * (size_t)(i))
#define ENG_N(i) (2 * (size_t)(i) + 1)

/* What a cell's numbers are (flags): counts of persons, and what the reader knows of them. */
enum {
    ENG_AV_T = 1,           /* the teller counts persons */
    ENG_AV_N = 2,           /* the noemer counts persons */
    ENG_AV_LEQ = 4,         /* teller <= noemer */
    ENG_AV_COMPLEMENT = 8,  /* noemer - teller counts persons too (proportions) */
};

/*
 * What a relation sum(c_k * x_k) = 0 gives one of its terms, c * x, when the sum of the others lies in [omin, omax]
 * (has_min, has_max: bounded there): x >= *lo (bit 1 of the result) and x <= *hi (bit 2), rounded inwards, as
 * counts are whole. One rule for the audit of a table and for the audit of a difference (audit_delta.c).
 */
enum { ENG_GIVES_LO = 1, ENG_GIVES_HI = 2 };
static inline long long eng_floor_div(long long a, long long b)  /* b > 0 */
{
    long long q = a / b;
    return (a % b != 0 && a < 0) ? q - 1 : q;
}
static inline long long eng_ceil_div(long long a, long long b)  /* b > 0 */
{
    long long q = a / b;
    return (a % b != 0 && a > 0) ? q + 1 : q;
}
static inline int eng_term_bounds(long long c, long long omin, int has_min, long long omax, int has_max, long long *lo,
                                  long long *hi)
{
    int got = 0;
    if (c == 0)
        return 0;  /* the term is not in the relation */
    if (has_min) {  /* c * x = -O <= -omin */
        got |= c > 0 ? ENG_GIVES_HI : ENG_GIVES_LO;
        *(c > 0 ? hi : lo) = c > 0 ? eng_floor_div(-omin, c) : eng_ceil_div(omin, -c);
    }
    if (has_max) {  /* c * x = -O >= -omax */
        got |= c > 0 ? ENG_GIVES_LO : ENG_GIVES_HI;
        *(c > 0 ? lo : hi) = c > 0 ? eng_ceil_div(-omax, c) : eng_floor_div(omax, -c);
    }
    return got;
}

/* Linear relations (sum of coef * variable = 0) and blocks of nested cohorts. */
typedef struct eng_lin {
    size_t *var;    /* terms, back to back */
    int *coef;
    size_t nt, tcap, ccap;
    size_t *start;  /* equation e: terms start[e] .. start[e + 1] - 1 */
    size_t ne, ecap;
    size_t *bvar;   /* blocks: noemers (or tellers) of cohorts nested in one another, back to back */
    size_t *bstart;
    size_t nb, nbv, bcap, bvcap;
} eng_lin;

/* Add sum(coef[k] * var[k]) = 0. */
kr_status eng_lin_eq(eng_lin *L, const size_t *var, const int *coef, size_t n);
/* Add a block: any two of these variables, once known, differ by a count of persons. */
kr_status eng_lin_block(eng_lin *L, const size_t *var, size_t n);
void eng_lin_fini(eng_lin *L);

/*
 * Run the reader's attack on the shown cells (flags[i] per cell, ENG_AV_*); relations that do not hold on the raw
 * counts are ignored. Each leak - a hidden teller, noemer or complement of 1 .. min_cell - 1 worked out, or two known
 * values of a block 1 .. min_cell - 1 apart, or the hidden terms of one sign of a relation adding up to
 * 1 .. min_cell - 1 - hides one shown cell it was worked out from (the lowest keep, the smallest teller, noemer,
 * index). *hidden: the number of cells hidden now (0: nothing leaks).
 */
kr_status eng_audit(eng_cell *cells, const unsigned char *flags, size_t n, const eng_lin *L, int min_cell,
                    size_t *hidden);

/*
 * The same for a caller that alternates suppression and audit: open once (the relations are checked against the raw
 * counts and indexed once, the memory taken once), then run after each suppression pass. A run works out again only
 * the parts of the table that cells hidden since the last run are joined to (a cell shown again or another min_cell:
 * everything), with the same result as a fresh eng_audit. Between runs only the cells' out may change: their counts
 * and kinds are those the context was opened with (the relations were checked against them). cells, flags and L must
 * outlive the context; eng_audit_close accepts NULL. KR_ETOOBIG: 2^29 cells, equations or terms or more.
 */
typedef struct eng_audit_ctx eng_audit_ctx;

/*
 * Counts published before (engine/earlier.c): cell i's are tn[3k] (teller), tn[3k + 1] (noemer; -1: none) and
 * tn[3k + 2] (1: shown; 0: worked out by a reader) for k in first[i] .. first[i + 1] - 1. A hidden cell whose teller,
 * noemer or rest the reader can pin to within 1 .. min_cell - 1 of one of them leaks (the difference counts persons);
 * with known, a hidden cell's teller or noemer equal to one shown before is known to the reader. Give it after
 * eng_audit_open;
 * first and tn must outlive the context. Without it (or first NULL) nothing was published before.
 */
struct eng_earlier {
    const size_t *first;
    const long *tn;
    /* the tables published whole (sql/migrate_9.sql): cell i's entries ttn + ENG_TABLE_W * k for k in tfirst[i] ..
     * tfirst[i + 1] - 1 (tfirst NULL: none): the table (0 .. ntables - 1), the teller and noemer a reader had (-1:
     * none or not known), the raw teller and noemer (-1: none), the bounds a reader had of the teller and of the noemer
     * (low, high; high -1: none); for eng_audit_delta */
    const size_t *tfirst;
    const long *ttn;
    size_t ntables;
};
typedef struct eng_earlier eng_earlier;
kr_status eng_audit_earlier(eng_audit_ctx *X, const eng_earlier *E, int known);  /* KR_ENOMEM, or KR_OK */
/* After a run: per hidden cell whether the reader works out its teller (bit 1) and noemer (bit 2) exactly; 0 for a
 * shown cell. */
void eng_audit_exact(const eng_audit_ctx *X, unsigned char *out);
/* After a run: per cell what the reader knows of its teller and noemer, out[4i] .. out[4i + 3] = teller low, high,
 * noemer low, high (high -1: no bound above; a shown cell's or a count's missing noemer: 0, -1). */
void eng_audit_ranges(const eng_audit_ctx *X, long *out);
kr_status eng_audit_open(const eng_cell *cells, const unsigned char *flags, size_t n, const eng_lin *L,
                         eng_audit_ctx **out);
/*
 * What the reader of a run knows, for a second attack built on it (engine/audit_delta.c). eng_audit_bounds: what the
 * reader knows of variable v as an interval (the value twice when known: shown, known from before, or worked out;
 * *hi LLONG_MAX: no bound above). eng_audit_eqs: the
 * relations that hold on the raw counts that hold v (*n of them; indexes into the context's eng_lin). eng_audit_behind:
 * the shown cell to hide so that the reader no longer works v out ((size_t)-1: none can; v shown: its own cell, unless
 * it is not a count of persons). eng_audit_pick: hide cell c (none: (size_t)-1) with the cells of the last run's
 * leaks, at eng_audit_hide_picked.
 */
typedef struct eng_audit_view {
    const eng_cell *cells;
    const unsigned char *flags;  /* per cell, ENG_AV_* */
    size_t n;
    const eng_lin *L;
    const unsigned char *valid;  /* per equation of L: 1 when it holds on the raw counts */
    const eng_earlier *E;        /* what eng_audit_earlier gave (first NULL: nothing) */
    int min_cell;                /* the last run's */
} eng_audit_view;
void eng_audit_view_of(const eng_audit_ctx *X, eng_audit_view *out);
void eng_audit_bounds(const eng_audit_ctx *X, size_t v, long long *lo, long long *hi);
const size_t *eng_audit_eqs(const eng_audit_ctx *X, size_t v, size_t *n);
size_t eng_audit_behind(eng_audit_ctx *X, size_t v);
void eng_audit_pick(eng_audit_ctx *X, size_t c);
kr_status eng_audit_hide_picked(eng_audit_ctx *X, eng_cell *cells, size_t *hidden);  /* adds to *hidden */
/*
 * The difference with each table published whole (E's tables, given with eng_audit_earlier): a reader who holds the
 * table of the last run of X and one published before subtracts them, row by row, and the difference obeys the same
 * relations. Where a relation leaves one difference unknown, it is worked out; where its unknown differences are all of
 * one sign, their sum is. A difference of 1 .. min_cell - 1 persons either way (these came or went between the two
 * tables), or a count of 1 .. min_cell - 1 worked out through one, hides a shown cell it was worked out from: the
 * best (lowest keep, smallest counts) whose own difference is not 0. Run it after a run of X that hid nothing;
 * *hidden: the cells hidden now. KR_ENOMEM, or KR_OK.
 */
kr_status eng_audit_delta(eng_audit_ctx *X, eng_cell *cells, size_t *hidden);
kr_status eng_audit_run(eng_audit_ctx *X, eng_cell *cells, int min_cell, size_t *hidden);
void eng_audit_close(eng_audit_ctx *X);

#endif
