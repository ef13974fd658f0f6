/*
 * Internal to the outcome table (engine/indicators.c, aggregate.c, disclose.c, outcome.c): the
 * indicators as data (what each row counts, its breakdowns, horizon and cohort, and the relations
 * between rows that disclosure control must know), the packed keys of the table's cells, and the
 * steps from facts to suppressed cells.
 */
#ifndef ENGINE_OUTCOME_INT_H
#define ENGINE_OUTCOME_INT_H

#include "audit_int.h"
#include "engine_int.h"
#include "../core/hash.h"

#define STAR 0  /* index 0 of every dictionary is '*' (all) or '' (totaal) */

/* Breakdowns a row may carry; G_STRATUM (leeftijdsklasse x pariteit) is internal, for O/E. */
enum { G_TOTAAL, G_ROUTE, G_GEMEENTE, G_LEEFTIJD, G_PARITEIT, G_SOORT, G_REGIE, G_STRATUM, G_N };
extern const char *const eng_group_names[G_N];
#define B(g) (1u << (g))

/* The rows of facts an indicator counts. */
enum { ROWS_PREG, ROWS_KIDS, ROWS_HAND, ROWS_EPS };

/*
 * How a row's teller and noemer are made: persons; a count of persons; care-days; a distribution
 * over regie types; Kaplan-Meier quantiles of days to an event; Kaplan-Meier retention at ages.
 */
enum { K_PROP, K_COUNT, K_DAYS, K_REGIE, K_KM_QUANTILES, K_KM_RETENTION };

/*
 * The cohort a row's noemer counts (OUTCOMES.md, counting units and cohorts). Rows of one class,
 * place, breakdown and period have noemers whose difference is a count of persons too, which
 * disclosure control must treat as a cell. C_NONE: the noemer is no cohort of persons (counts; the
 * regie_type distribution, whose noemer is another row's teller).
 */
enum { C_NONE, C_INTAKE, C_BIRTH, C_SIGNAL, C_SENT, C_CHILD, C_EPISODE, C_CLASSES };

/* Rows derived after suppression. */
#define M_OUTCOME 1u  /* rolling three-year windows, relative risk route 3 against 1, observed/expected */
#define M_SHIFT 2u    /* lijn.verschuiving.<name>.verschil and .trend against a baseline year */
/*
 * The cohort is the pregnancies of one route: a totaal row is the same people as the row of that route of another
 * indicator of its cohort class (overdracht.prenataal_huisbezoek by route). Disclosure control compares it with those
 * rows too ("Across indicators"), as if it stood at that route.
 */
#define M_ROUTE2 4u
#define M_ROUTE3 8u

/* 1 when f is in the denominator; sets the cohort date and whether it counts in the numerator. */
typedef int (*eng_eval_fn)(const fact *f, kr_date peil, int arg, kr_date *cohort, int *num);
/* 1 when f is in the cohort: its cohort date, the time to the event or censoring, and whether it happened. */
typedef int (*eng_km_fn)(const fact *f, kr_date peil, kr_date *cohort, int *days, int *event);

/* One row of a family: route.verdeling.<suffix>. arg goes to the evaluator; horizon 0: the measure's. */
typedef struct eng_part {
    const char *suffix;
    int arg;      /* the route, transition, risk factor or moment; a Kaplan-Meier percentile or age in days */
    int horizon;  /* voorlopig: days after the period's end the cohort can still change */
} eng_part;

/* Kaplan-Meier summaries have exactly this many rows (quantiles or ages). */
#define ENG_KM_PARTS 4

/* What an indicator counts from the facts: one row, or one row per part. */
typedef struct eng_measure {
    int kind;             /* K_*; 0 with no eval and no km: the indicator is not computed from facts */
    int rows;             /* ROWS_* */
    int horizon;          /* voorlopig: see eng_part */
    int cohort;           /* C_* */
    unsigned groups;      /* breakdowns besides totaal (B(G_ROUTE) | ...) */
    unsigned flags;       /* M_* */
    eng_eval_fn eval;     /* proportions, counts, care-days, regie */
    eng_km_fn km;         /* Kaplan-Meier */
    const eng_part *parts;  /* NULL: one row with the indicator's id; else ended by {NULL} */
} eng_measure;

/* An indicator: the catalogue entry users see, and what computes its rows (at most two measures). */
typedef struct eng_ind_def {
    eng_indicator pub;
    eng_measure m[2];
} eng_ind_def;

/*
 * Relations between rows that a reader of the table knows (OUTCOMES.md, secondary suppression and
 * "Across indicators"), by row id. Each holds for every place, breakdown and period.
 */
typedef enum eng_rel_type {
    REL_TELLERS,       /* the parts' tellers add up to the total's teller */
    REL_SECONDARY,     /* a group for the secondary rule only */
    REL_ROUTE23,       /* the total's noemer is the sum of the parts' tellers (route.verdeling.2 and .3); by route,
                          the noemer of route r is the teller of the part whose arg is r, at totaal */
    REL_DISTRIBUTION,  /* the total's regie_type rows: their tellers add up to its teller, which is each one's noemer */
    REL_NOEMER,        /* the total's noemer is the sum of the parts' tellers (audit only) */
    REL_SUBSET,        /* the parts' tellers count a subset of the total's teller (audit only) */
} eng_rel_type;

typedef struct eng_relation {
    eng_rel_type type;
    const char *total;
    const char *parts[7];  /* row ids; "family.*" for every row of a family, in order; NULL-ended */
} eng_relation;

/* ---- the rows computed from facts, numbered: the indicator code in a packed key ---------------------- */

#define ENG_MAX_ROWS 128
#define ENG_MAX_KM 8
#define ENG_MAX_RELS 32
#define ENG_MAX_REL_PARTS 16

/* A row of the outcome table computed from facts (a Kaplan-Meier summary stands for its four rows). */
typedef struct eng_rowdef {
    char id[64];
    const eng_ind_def *def;
    const eng_measure *m;
    int arg, horizon;
} eng_rowdef;

typedef struct eng_rel {
    eng_rel_type type;
    unsigned total;                     /* a code */
    unsigned parts[ENG_MAX_REL_PARTS];  /* codes */
    int args[ENG_MAX_REL_PARTS];        /* the parts' args */
    size_t nparts;
} eng_rel;

/*
 * Codes 1..nrows are the rows of proportions, counts, care-days and regie in catalogue order;
 * then ENG_KM_PARTS codes for each Kaplan-Meier summary, in catalogue order. The order is part of
 * the output: suppression breaks ties by key, so a new indicator must not reorder the others.
 */
typedef struct eng_rows {
    eng_rowdef row[ENG_MAX_ROWS];
    size_t nrows;
    eng_rowdef km[ENG_MAX_KM];
    size_t nkm;
    eng_rel rel[ENG_MAX_RELS];
    size_t nrel;
} eng_rows;

/*
 * The rows and relations of the catalogue, built on the first call, which aborts with a message on stderr when the
 * catalogue or the relations are wrong (an id that names no row, a limit above too small). Not thread-safe: the
 * first call must come before any thread that uses the rows starts (compute is single-threaded); afterwards the rows
 * are read-only.
 */
const eng_rows *eng_rows_get(void);
/* Build the rows of the catalogue with relations rels (for tests): 0, or -1 with what is wrong in err. */
int eng_rows_build(eng_rows *R, const eng_relation *rels, size_t nrels, char *err, size_t errcap);
#define NINDS (eng_rows_get()->nrows)
#define KM_CODE(kmi, qi) ((unsigned)(NINDS + 1 + ENG_KM_PARTS * (kmi) + (qi)))
/* The row definition of a proportion code (1..NINDS), or NULL for a Kaplan-Meier code. */
const eng_rowdef *eng_row_of(unsigned code);
/* The Kaplan-Meier summary of a code above NINDS, and its part (0..3). */
const eng_rowdef *eng_km_of(unsigned code, unsigned *part);
/* The row id of any code, as the outcome table writes it (nazorg.in_zorg.s12m for a Kaplan-Meier part); "" if none. */
void eng_code_id(unsigned code, char *out, size_t cap);
/* The measure behind any code. */
const eng_measure *eng_measure_of(unsigned code);

/* ---- packed keys ----------------------------------------------------------------------------------- */

/* key: indicator code 23 bits | regio 5 | site 7 | groep 4 | groepwaarde 12 | periode 13 */
static inline uint64_t pack(unsigned ind, unsigned regio, unsigned site, unsigned groep, unsigned val, unsigned per)
{
    return ((uint64_t)ind << 41) | ((uint64_t)regio << 36) | ((uint64_t)site << 29) | ((uint64_t)groep << 25) |
           ((uint64_t)val << 13) | per;
}
#define K_IND(k) ((unsigned)((k) >> 41))
#define K_REGIO(k) ((unsigned)((k) >> 36) & 31u)
#define K_SITE(k) ((unsigned)((k) >> 29) & 127u)
#define K_GROEP(k) ((unsigned)((k) >> 25) & 15u)
#define K_VAL(k) ((unsigned)((k) >> 13) & 4095u)
#define K_PER(k) ((unsigned)(k) & 8191u)
#define K_WITH_IND(k, i) (((k) & ((1ull << 41) - 1)) | ((uint64_t)(i) << 41))
/* periods: quarters (year - 2000) * 4 + q - 1; years YEAR_BASE + year - 2000; windows ending in a year
 * ROLL_BASE + ... */
#define YEAR_BASE 4096u
#define ROLL_BASE 6144u
#define IS_QUARTER(p) ((p) < YEAR_BASE)
#define IS_YEAR(p) ((p) >= YEAR_BASE && (p) < ROLL_BASE)

typedef struct cell {
    uint64_t key;
    long t, n, p;  /* teller, noemer, persons (differs from noemer for care-days) */
    size_t idx;    /* its place in the list of cells, once listed */
    int dead;      /* a rolling window without data in all three years */
    /* a Kaplan-Meier row: the value and its interval (NAN: none), and whether the primary rule hides it */
    int km;
    double q, lo, hi;
    int km_hidden;
    int km_gap;  /* a retention row hidden only as too close to the ages shown (aggregate.c) */
} cell;

/*
 * Which fixed-age rows of a retention cohort (age[qi] for s6m, s12m, s18m, s24m; NULL where there is no row, km_hidden
 * set where fewer than min_cell are at risk or in the cohort) are shown: every step between birth and the ages shown
 * must leave 0 or at least min_cell children (at_risk) and lose 0 or at least min_cell (lost: the losses up to the
 * age), the ages taken in the scorecard's order (12, 24, 6, 18 months). Sets km_hidden, and km_gap on a row hidden
 * only by this rule (engine/aggregate.c).
 */
void eng_retention_ages(cell *const *age, const long *at_risk, const long *lost, long cohort, long min_cell);

/* The cells of the outcome table: a core/hash.h table of cells on their packed keys. */
typedef kr_hash table;
#define ENG_MAX_CELLS ((size_t)1 << 26)
void eng_table_init(table *T);
void eng_table_fini(table *T);

/* The cell of key, or NULL (also for a dead window). */
cell *eng_table_find(const table *T, uint64_t key);
/* The place of the listed cell of key in the list, or (size_t)-1. */
size_t eng_cell_index(const table *T, uint64_t key);

/* A period of the outcome table: a quarter, a year, or a window of years (2023-2025). */
typedef struct eper {
    char label[16];
    kr_date first, last;
} eper;
void eng_period_of_code(unsigned per, eper *out);

/* One step of a retention curve (nazorg.in_zorg). */
typedef struct curve_step {
    uint64_t key;  /* of the cohort (its first row) */
    double t, s, lo, hi;
    long at_risk;
} curve_step;

typedef struct curves {
    curve_step *s;
    size_t n, cap;
} curves;

/* engine/aggregate.c: counts at the finest level, rolled up to '*', years and windows; Kaplan-Meier rows. */
kr_status eng_aggregate(const facts *F, kr_date peil, table *T);
kr_status eng_roll_up(table *T, kr_date peil, int min_cell);
kr_status eng_aggregate_km(const facts *F, kr_date peil, int min_cell, table *T, curves *C);

/* engine/disclose.c: primary and secondary suppression, differences across indicators and the audit. */
kr_status eng_disclose(const table *T, cell *const *list, eng_cell *cells, size_t n, const facts *F, int min_cell,
                       const eng_earlier *E, unsigned char *exact, long *ranges);

#endif
