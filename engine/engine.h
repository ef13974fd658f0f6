/*
 * kansrijk engine: the regional outcome set. So far the indicator catalogue of
 * OUTCOMES.md and the trajectory facts; the statistics are in engine/stats.h.
 */
#ifndef ENGINE_H
#define ENGINE_H

#include "../core/kr.h"

typedef enum eng_direction { ENG_NONE, ENG_HIGHER, ENG_LOWER } eng_direction;

typedef struct eng_indicator {
    const char *id;
    const char *title_nl;
    const char *title_en;
    const char *definition;  /* Dutch, as reports print it */
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
/* `kansrijk indicators`: the catalogue as text or JSON. */
kr_status eng_indicators_print(FILE *out, int json);

/* ---- compute ------------------------------------------------------------------------ */

/* The default peildatum: the last day of the latest period delivered (KR_ENOTFOUND: none yet). */
kr_status eng_default_peildatum(sqlite3 *db, kr_date *out);

/* What `kansrijk compute` computes. */
typedef struct eng_options {
    kr_date peildatum;  /* nothing after it counts */
    int min_cell;       /* the minimum cell of disclosure control, at least 5 (default 10) */
    int basis;          /* the baseline year of lijn.verschuiving; 0: the first year with all four quarters */
} eng_options;

/*
 * Rebuild the trajectory facts (feit_traject) and the whole outcome set (`uitkomst`,
 * `uitkomst_curve`) of OUTCOMES.md from the linked records as of opt->peildatum, suppressed,
 * with targets and status, inside savepoints (so within the caller's transaction, if any).
 * Run the ETL's linkage with the same peildatum first. Counts come back in *trajectories and *rows.
 */
kr_status eng_compute(sqlite3 *db, const eng_options *opt, long long *trajectories, long long *rows);

/*
 * Add the data-quality and anchoring rows of OUTCOMES.md (verankering.aanlevering,
 * verankering.deelname, kwaliteit.koppeling.ongekoppeld, kwaliteit.afgewezen,
 * kwaliteit.volledigheid) to `uitkomst`, as of peildatum. These count organisations,
 * municipalities and rows, not persons, and are not suppressed, except the completeness
 * of columns filled only when something happened to a person (overleden_dag, ...): those
 * count persons and follow the primary and secondary rules with min_cell. Run after
 * eng_compute, inside the same transaction (which rebuilds `uitkomst`).
 */
kr_status eng_compute_quality(sqlite3 *db, kr_date peildatum, int min_cell, long long *rows);

/*
 * Write the suppressed outcome table to out (curves 0), or the Kaplan-Meier curves of follow-up
 * (curves 1: one row per step, cut where fewer than the minimum cell are at risk): a JSON array,
 * or CSV for Dutch Excel (';', UTF-8 with BOM, decimal comma). indicator (may be NULL) selects
 * one indicator and its parts.
 */
kr_status eng_export(sqlite3 *db, const char *indicator, int json, int curves, FILE *out, long long *rows);

/*
 * Red/amber/green as a symbol and a word: green meets the target, amber when the interval
 * contains it, red otherwise; grey when suppressed; "" without a target or direction.
 */
const char *eng_rag(double value, double lo, double hi, double target, eng_direction dir, int suppressed);

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

#endif
