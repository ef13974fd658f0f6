/*
 * kansrijk site comparison (the learning track of OUTCOMES.md): for one proportion
 * indicator and period, the sites' values against the pooled value with exact binomial
 * funnel limits (95 % and 99.8 %), widened by sqrt(phi) where the spread between sites
 * exceeds chance. Read from the suppressed outcome table only; `kansrijk vergelijk`
 * prints it, and the vergelijk report reuses it.
 */
#ifndef ENG_VERGELIJK_H
#define ENG_VERGELIJK_H

#include "../core/kr.h"

/* Where a site's value lies against the funnel limits at its noemer. */
typedef enum eng_positie {
    ENG_POS_ONDERDRUKT = 0,  /* suppressed in the table: no value, no part in the comparison */
    ENG_POS_BINNEN,          /* within the 95 % limits (a value on a limit is within) */
    ENG_POS_BUITEN_95,       /* outside the 95 % limits, within the 99.8 % limits */
    ENG_POS_BUITEN_998       /* outside the 99.8 % limits */
} eng_positie;

typedef struct eng_vergelijk_site {
    char *regio, *site;               /* owned */
    int onderdrukt;                   /* 1: the table shows x (teller and noemer unknown) */
    long teller, noemer;              /* 0 when onderdrukt */
    double waarde;                    /* 100 * teller / noemer, in %; NAN when onderdrukt */
    double lo95, hi95, lo998, hi998;  /* funnel limits at noemer, in %; NAN when onderdrukt */
    eng_positie positie;
    int richting;                     /* outside: +1 above (boven), -1 below (onder); else 0 */
    int voorlopig;                    /* the row's cohort can still change */
} eng_vergelijk_site;

/* One comparison. A zeroed struct is an empty one; the caller owns it and frees its contents. */
typedef struct eng_vergelijk {
    char *indicator;                  /* owned; NULL when built by hand */
    char periode[16];
    eng_vergelijk_site *sites;        /* owned, in the order added (the table's: regio, site) */
    size_t n, cap;
    size_t getoond;                   /* sites shown (not suppressed): these take part */
    long teller, noemer;              /* sums over the shown sites */
    double gepoold;                   /* Σteller / Σnoemer in %; NAN without shown sites */
    double phi;                       /* Spiegelhalter's overdispersion; NAN where it cannot be
                                         estimated (fewer than 2 shown sites, pooled 0 or 100 %) */
    int verbreed;                     /* 1 when the limits were widened by sqrt(phi) */
    int voorlopig;                    /* any site row voorlopig */
} eng_vergelijk;

/*
 * Read the comparison of a proportion indicator (a row id such as overdracht.warm or
 * route.verdeling.3) in periode (2024, 2024Q2; NULL: the latest year that ended by the
 * peildatum of the last compute) from `uitkomst`: its site rows (regio and site not '*',
 * site not 'onbekend', groep totaal), suppressed ones listed but taking no part; then
 * eng_vergelijk_compute. *out is overwritten; the caller frees it with eng_vergelijk_fini
 * (also after an error). KR_ENOTFOUND: no such rows; KR_EINVAL: not a proportion (eenheid
 * not '%', or a value that is not teller/noemer, as in Kaplan-Meier rows); KR_EDB,
 * KR_ENOMEM. On an error a message naming the indicator is written to err (may be NULL).
 */
kr_status eng_vergelijk_load(sqlite3 *db, const char *indicator, const char *periode, eng_vergelijk *out,
                             char *err, size_t errcap);

/*
 * Add a site by hand (the reports' --bron path, the tests): regio and site are copied;
 * teller and noemer are ignored when onderdrukt. Run eng_vergelijk_compute after the last.
 */
kr_status eng_vergelijk_add(eng_vergelijk *v, const char *regio, const char *site, int onderdrukt, long teller,
                            long noemer, int voorlopig);

/*
 * The statistics over v's sites: the pooled value over the shown sites, phi and whether
 * to widen (eng_overdispersion), and each shown site's limits at its noemer
 * (eng_funnel_limits) and position. KR_EINVAL when a shown site has noemer < 1 or a
 * teller outside 0..noemer; KR_ENOMEM.
 */
kr_status eng_vergelijk_compute(eng_vergelijk *v);

/*
 * The funnel limits (in %) at any noemer n around v's pooled value, widened as v's sites
 * were: to draw the funnel. Run after eng_vergelijk_compute. KR_EINVAL when n < 1 or no
 * site is shown.
 */
kr_status eng_vergelijk_limits_at(const eng_vergelijk *v, long n, double *lo95, double *hi95, double *lo998,
                                  double *hi998);

/* Free what v owns and leave it empty (zeroed); NULL is accepted. */
void eng_vergelijk_fini(eng_vergelijk *v);

/*
 * The position of value against the limits (all in one unit): outside the 99.8 %
 * limits, else outside the 95 % limits, else within; a value on a limit is within.
 * *richting is +1 above the upper 95 % limit, -1 below the lower, else 0. A NAN value is
 * ENG_POS_ONDERDRUKT.
 */
eng_positie eng_funnel_position(double value, double lo95, double hi95, double lo998, double hi998, int *richting);

/* The Dutch word of a position ("binnen", "buiten 95%", "buiten 99,8%", "onderdrukt") and of
 * a direction ("boven", "onder", ""). Static strings. */
const char *eng_positie_woord(eng_positie p);
const char *eng_richting_woord(int richting);

/* `kansrijk vergelijk`: the comparison as a table in the terminal, or as a JSON object. */
kr_status eng_vergelijk_print(const eng_vergelijk *v, int json, FILE *out);

#endif
