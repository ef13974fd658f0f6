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
};
typedef struct eng_earlier eng_earlier;
kr_status eng_audit_earlier(eng_audit_ctx *X, const eng_earlier *E, int known);  /* KR_ENOMEM, or KR_OK */
/* After a run: per hidden cell whether the reader works out its teller (bit 1) and noemer (bit 2) exactly; 0 for a
 * shown cell. */
void eng_audit_exact(const eng_audit_ctx *X, unsigned char *out);
kr_status eng_audit_open(const eng_cell *cells, const unsigned char *flags, size_t n, const eng_lin *L,
                         eng_audit_ctx **out);
kr_status eng_audit_run(eng_audit_ctx *X, eng_cell *cells, int min_cell, size_t *hidden);
void eng_audit_close(eng_audit_ctx *X);

#endif
