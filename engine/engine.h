/*
 * kansrijk engine: the regional outcome set. So far the indicator catalogue of
 * OUTCOMES.md, the trajectory facts, and the SPC charts and difference interval
 * that reports use; the other statistics are in engine/stats_int.h.
 */
#ifndef ENGINE_H
#define ENGINE_H

#include "../core/kr.h"
#include "../core/links.h"

typedef enum eng_direction { ENG_NONE, ENG_HIGHER, ENG_LOWER } eng_direction;

typedef struct eng_indicator {
    const char *id;
    const char *title_nl;
    const char *title_en;
    const char *definition;     /* Dutch, as Dutch reports print it */
    const char *definition_en;  /* the same in English */
    const char *unit;        /* %, per1000, dagen, pp, aantal */
    eng_direction direction;
    double target;           /* the default target; NAN for none */
    const char *cohort;      /* the cohort date */
} eng_indicator;

size_t eng_indicator_count(void);
/* Indicator i (0-based) of the catalogue, or NULL. */
const eng_indicator *eng_indicator_at(size_t i);
/* The indicator of an id, also of a row id with a suffix (route.verdeling.3); NULL if unknown. */
const eng_indicator *eng_indicator_find(const char *id);
/* 1 when id names an indicator of the catalogue. */
int eng_indicator_known(const char *id);

/*
 * What disclosure control protects in a row of the outcome table (its indicator id, groep, groepwaarde and eenheid,
 * as in uitkomst): ENG_PROTECT_PERSONS when its teller and noemer count persons (a shown one from 1 to min_cell - 1
 * never leaves kansrijk), plus ENG_PROTECT_COMPLEMENT when noemer - teller does too (proportions, not Kaplan-Meier or
 * quantile rows); 0 for rows of organisations, municipalities, records or days, and for differences and ratios. The
 * rule the engine suppresses by, for readers of exports (the vergelijk report's check of other sites' files).
 */
enum { ENG_PROTECT_PERSONS = 1, ENG_PROTECT_COMPLEMENT = 2 };
unsigned eng_row_protection(const char *id, const char *groep, const char *groepwaarde, const char *eenheid);
/* The extract whose every record is a pregnancy of route 3 (the MDO's): its row counts are counts of persons. */
#define ENG_ROUTE3_TYPE "mdo"

/*
 * The board's scorecard (REPORTS.md): its headline rows in their order, the one list that the bestuur report and
 * `kansrijk overzicht` show. spc: the row's quarters are proportions of persons, charted with control limits.
 */
typedef struct eng_card {
    const char *row;
    int spc;
    int age_months;  /* a birth cohort at an age: in a period it shows the cohort born that many months before */
} eng_card;
#define ENG_NCARD 10
extern const eng_card eng_scorecard[ENG_NCARD];
/* The period age_months before p, of p's length (a quarter or a year): the birth cohort that reached that age in p. */
void eng_cohort_at(const kr_period *p, int age_months, kr_period *out);
/* `kansrijk indicators`: the catalogue as text or JSON. */
kr_status eng_indicators_print(FILE *out, int json);

/* ---- compute ------------------------------------------------------------------------ */

/* The default peildatum: the last day of the latest period delivered (KR_ENOTFOUND: none yet). */
kr_status eng_default_peildatum(sqlite3 *db, kr_date *out);

/* What `kansrijk compute` computes. */
/*
 * The read of the extract rows the facts need, started before linkage on a connection and a
 * thread of its own so that it runs beside linkage's read (compute's first step): both read
 * every extract row. Start it after the caller's transaction began (BEGIN IMMEDIATE: nothing can
 * change the rows then) and wait for it before the caller writes to the database (etl_link's
 * visitor is told when: its NULL record). When it cannot start (an in-memory database, no
 * threads), eng_compute reads the rows itself; the outcome is the same either way.
 */
typedef struct eng_prefetch eng_prefetch;
/* *out NULL when it could not start (not an error). KR_ENOMEM when out of memory. */
kr_status eng_prefetch_start(sqlite3 *db, eng_prefetch **out);
/* Wait until the read has ended (its own failure is left for eng_compute to handle). NULL is allowed. */
void eng_prefetch_wait(eng_prefetch *p);
/* Wait, then free; NULL is allowed. */
void eng_prefetch_free(eng_prefetch *p);

typedef struct eng_options {
    kr_date peildatum;  /* nothing after it counts */
    int min_cell;       /* the minimum cell of disclosure control, at least 5 (default 10) */
    int basis;          /* the baseline year of lijn.verschuiving; 0: the first year with all four quarters */
    /* linkage's answer: the records that count (etl_link_later with etl_link_collect) and the trajectories
     * (etl_later_hand); emptied as the facts read it */
    kr_links *links;
    eng_prefetch *prefetch;  /* the extract rows read beside linkage, or NULL: eng_compute reads them */
    /*
     * Work for this connection while the outcome table is counted, before any row of compute is written, or
     * NULL: compute writes the trajectories linkage held back (etl_link_later) here. A status other than KR_OK
     * stops compute; err (errcap bytes) may say why.
     */
    kr_status (*beside)(void *ctx, sqlite3 *db, char *err, size_t errcap);
    void *beside_ctx;
} eng_options;

/*
 * Rebuild the trajectory facts (feit_traject), the whole outcome set (`uitkomst`,
 * `uitkomst_curve`) of OUTCOMES.md from the linked records as of opt->peildatum, suppressed,
 * with targets and status, and the data-quality and anchoring rows of OUTCOMES.md
 * (verankering.aanlevering, verankering.deelname, kwaliteit.koppeling.ongekoppeld,
 * kwaliteit.afgewezen, kwaliteit.volledigheid), inside savepoints (so within the caller's
 * transaction, if any). The quality rows count organisations, municipalities and rows and are not
 * suppressed, except those that count persons (eng_row_protection: the completeness of every
 * column, and the rows of the mdo extract): those follow the primary and secondary rules.
 * Run the ETL's linkage with the same peildatum first on the same connection, collecting its
 * answer and its trajectories in opt->links (KR_EINVAL without them), and write the trajectories in
 * opt->beside; its counts per delivery and column are what the quality rows count. The outcome
 * table is counted and suppressed on a thread of its own while this connection writes the
 * trajectories and the facts and counts the quality rows (KANSRIJK_THREADS=1: one after the
 * other; the same result). Counts come back in *trajectories and *rows (every row of `uitkomst`).
 * KR_ETOOBIG when the registry holds more regions, sites or municipalities than the outcome table's
 * keys have room for, or the table more cells than it can hold; err (errcap bytes, may be NULL)
 * then says which and the limits. On KR_EDB err may say which statement failed (else it is empty).
 */
kr_status eng_compute(sqlite3 *db, const eng_options *opt, long long *trajectories, long long *rows, char *err,
                      size_t errcap);

/*
 * Record that the rows of `uitkomst` shown now leave the database (kansrijk export, kansrijk report): their counts go
 * to `gepubliceerd` (sql/migrate_8.sql), and every later compute holds its table against them (docs/privacy.md,
 * "Eerder gepubliceerd"), and so do the counts of hidden rows that a reader works out from them (uitkomst_afgeleid,
 * written by compute). Two statements: run it inside the caller's transaction to record all or nothing (the CLI
 * does, with its reads). *added (may be NULL): rows not recorded before. A database that cannot be written gives
 * KR_EREADONLY (or KR_EBUSY while another command writes); err (errcap bytes) says why.
 */
kr_status eng_publish(sqlite3 *db, long long *added, char *err, size_t errcap);

/*
 * Time the steps of eng_compute: lap is called with each step's name
 * and its seconds (NULL: no timing, the default). For benchmarks; the engine itself prints nothing.
 */
void eng_set_timing(void (*lap)(const char *step, double secs));

/*
 * Write the suppressed outcome table to out (curves 0), or the Kaplan-Meier curves of follow-up
 * (curves 1: one row per step, cut where fewer than the minimum cell are at risk): a JSON array,
 * or CSV for Dutch Excel (';', UTF-8 with BOM, decimal comma). indicator (may be NULL) selects
 * one indicator and its parts. *rows: the rows written. On failure (KR_EDB: the table could not
 * be read to the end; KR_EIO: out could not be written; KR_ENOMEM) err (errcap bytes; NULL with
 * errcap 0) says what, and what is in out is incomplete.
 */
kr_status eng_export(sqlite3 *db, const char *indicator, int json, int curves, FILE *out, long long *rows, char *err,
                     size_t errcap);

/*
 * Red/amber/green as a symbol and a word: green meets the target, amber when the interval
 * contains it, red otherwise; grey when suppressed; "" without a target or direction.
 */
const char *eng_rag(double value, double lo, double hi, double target, eng_direction dir, int suppressed);
/* eng_rag's status in a language (en 0: Dutch, as it is; 1: "● green"), into out. */
void eng_rag_say(const char *rag, int en, char *out, size_t cap);

/* The language of what a command prints for people: Dutch (the default) or English. */
typedef enum eng_lang { ENG_NL, ENG_EN } eng_lang;


/*
 * `kansrijk overzicht`: the bestuur scorecard's rows and the other headline indicators of regio
 * ('*': all regions together) in periode (a quarter or a year; NULL: the last quarter that ended by
 * the peildatum of the last compute), as a table for the terminal in lang, written to out: titles,
 * numbers the language's way, columns aligned by display width, a legend of every mark. Reads only
 * the suppressed outcome table. On failure a sentence in lang that names the value and says how to
 * find valid ones is written to err (errcap bytes): KR_EUSAGE for a periode that is not a period;
 * KR_ENOTFOUND for a region not in regios, nothing computed yet, or a period without rows for the
 * region; KR_EDB when a query fails, KR_ENOMEM, KR_EIO when out cannot be written.
 */
kr_status eng_overzicht(sqlite3 *db, const char *regio, const char *periode, eng_lang lang, FILE *out, char *err,
                        size_t errcap);

/* ---- statistical process control (REPORTS.md) ---------------------------------------- */

/* Signals (bits of eng_spc_point.signals), in the order of REPORTS.md. */
enum { ENG_SPC_OUTSIDE = 1, ENG_SPC_SHIFT = 2, ENG_SPC_TREND = 4, ENG_SPC_TWO_OF_THREE = 8 };

/* The limits of a chart: none (under 8 shown quarters), voorlopig (8..11), vast (12 or more). */
typedef enum eng_spc_limits { ENG_SPC_NONE, ENG_SPC_VOORLOPIG, ENG_SPC_VAST } eng_spc_limits;

/* The variation icon: none (no limits), gewone variatie, bijzondere oorzaak: verbetering / zorg, or a
 * bijzondere oorzaak without a direction (the indicator has none). */
typedef enum eng_spc_variation {
    ENG_VAR_NONE,
    ENG_VAR_GEWOON,
    ENG_VAR_VERBETERING,
    ENG_VAR_ZORG,
    ENG_VAR_BIJZONDER
} eng_spc_variation;

/* The assurance icon: none (no target, direction or limits), doel steeds gehaald, wisselend gehaald, steeds gemist. */
typedef enum eng_spc_assurance { ENG_ASS_NONE, ENG_ASS_GEHAALD, ENG_ASS_WISSELEND, ENG_ASS_GEMIST } eng_spc_assurance;

typedef struct eng_spc_point {
    int shown;          /* 0: a suppressed quarter: a gap, not used for the limits or the signals */
    double p;           /* x/n as a proportion 0..1; NAN when not shown */
    double lcl, ucl;    /* p̄ ∓ 3 σ_z σ_i, clipped to 0..1; NAN without limits or when not shown */
    double lwl, uwl;    /* p̄ ∓ 2 σ_z σ_i, clipped */
    unsigned signals;   /* ENG_SPC_* bits of the signals this point is part of */
    int judgement;      /* +1 improvement, -1 concern, 0 none (no direction, or no signal) */
} eng_spc_point;

typedef struct eng_spc {
    size_t k;                  /* points, one per input quarter, in input order */
    eng_spc_point *points;     /* owned; free with eng_spc_fini */
    size_t shown;              /* quarters shown */
    double centre;             /* p̄ = Σx/Σn over shown quarters; NAN when none */
    double sigma_z;            /* Laney's σ_z; NAN without limits */
    eng_spc_limits limits;     /* NONE under 8 shown quarters, VOORLOPIG 8..11, VAST 12+ */
    eng_spc_variation variation; /* the icon: from the last shown point (see below) */
    eng_spc_assurance assurance; /* the icon: target against the last shown point's limits; wisselend when
                                    that point itself meets a target the limits call steeds gemist, or misses
                                    one they call steeds gehaald (a changed process) */
    size_t run_start;          /* index of the first point of the signal the last shown point is part of; k when none */
} eng_spc;

/*
 * Fit a Laney p′-chart to k quarters (x[i] of n[i], shown[i] 0 for a suppressed quarter, whose x and n are ignored)
 * and find its signals and icons, as REPORTS.md describes. Over the shown quarters only, in order, a gap skipped
 * (not a break): p̄ = Σx/Σn; σ_i = √(p̄(1−p̄)/n_i); z_i = (p_i − p̄)/σ_i; σ_z = the mean of |z_i − z_j| over
 * successive shown quarters j, i, divided by 1.128; limits p̄ ± 3 σ_z σ_i and two-sigma lines p̄ ± 2 σ_z σ_i,
 * clipped to 0..1. When p̄ is 0 or 1, σ_i and σ_z are 0 and every line equals p̄ (so nothing lies outside).
 * Under 8 shown quarters there are no limits (NAN), no signals and no icons; the centre is still computed.
 *
 * Signals over the shown points (a point may carry several):
 *   ENG_SPC_OUTSIDE       p strictly above ucl or below lcl;
 *   ENG_SPC_SHIFT         7 or more successive points all strictly above, or all strictly below, the centre
 *                         (a point on the centre breaks the run): every point of the run;
 *   ENG_SPC_TREND         6 or more successive points each strictly higher (or each strictly lower) than the one
 *                         before (5 rises): every point of the run; an equal value breaks it;
 *   ENG_SPC_TWO_OF_THREE  in any 3 successive points, 2 or 3 strictly beyond the same two-sigma line: those
 *                         points, not the third.
 * A flagged point's judgement: with ENG_HIGHER, +1 above the centre or in a rising trend, -1 below or falling;
 * ENG_LOWER the reverse; ENG_NONE 0. Where they conflict (a rising trend below the centre) the first rule in
 * the order OUTSIDE > TWO_OF_THREE > SHIFT > TREND decides (the first three always agree: they all go by the
 * side of the centre). A point where a rising and a falling trend meet takes the trend it ends.
 *
 * Icons, from the last shown point: variation VERBETERING (+1), ZORG (-1) or BIJZONDER (dir ENG_NONE) when it
 * carries a signal, GEWOON when not; run_start is the first index of the unbroken run of flagged shown points
 * (any signals, gaps skipped) that ends at it, k when it carries none. Assurance needs a target, a direction
 * and limits; against the last shown point's lcl and ucl: ENG_HIGHER target <= lcl GEHAALD, target > ucl
 * GEMIST, WISSELEND between; ENG_LOWER target >= ucl GEHAALD, target < lcl GEMIST, WISSELEND between.
 *
 * target is in percent as the catalogue stores it (90 for 90 %; for an indicator in ‰ pass the target / 10),
 * or NAN for none; it is divided by 100 to compare it with the proportions 0..1 of the chart.
 * The caller owns *out and frees it with eng_spc_fini, also after an error (*out is then zeroed).
 * KR_EINVAL for k == 0, a NULL pointer, a direction outside eng_direction, or on a shown quarter n < 1,
 * x < 0 or x > n; KR_ENOMEM when out of memory.
 */
kr_status eng_spc_fit(const long *x, const long *n, const int *shown, size_t k, eng_direction dir, double target,
                      eng_spc *out);
/* Free a chart's points and zero it; accepts NULL and a zeroed struct. */
void eng_spc_fini(eng_spc *spc);

/*
 * Difference p1 − p2 of two independent proportions (x1 of n1, x2 of n2) with Newcombe's hybrid score interval
 * (method 10 of Newcombe 1998, Stat Med 17:873), built from the Wilson intervals of p1 and p2 at normal quantile
 * z (1.959964 for 95 %), as proportions: lo = d − √((p1 − l1)² + (u2 − p2)²), hi = d + √((u1 − p1)² + (p2 − l2)²).
 * KR_EINVAL when n1 or n2 < 1, x outside 0..n, z negative or not finite, or an out-pointer is NULL.
 */
kr_status eng_newcombe(long x1, long n1, long x2, long n2, double z, double *diff, double *lo, double *hi);

/* The comparison of sites (the learning track): eng_vergelijk_* */
#include "vergelijk.h"

#endif
