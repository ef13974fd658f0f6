/*
 * Inside the engine: the trajectory facts in memory, as engine/facts.c builds
 * them from the linked records (one read of each extract table) and
 * engine/outcome.c aggregates them. Not included from outside engine/.
 */
#ifndef ENGINE_INT_H
#define ENGINE_INT_H

#include "engine.h"
#include "../core/codes.h"
#include "../core/hash.h"

#include <stdint.h>

/* A dictionary of codes (regions, sites, municipalities, ...): index 0 is '*' or ''. */
typedef struct eng_dict {
    char (*s)[48];
    size_t n, cap;
    kr_hash ids;  /* each code's id, by its text (kr_hash_str_*) */
} eng_dict;

/* An empty dictionary (eng_facts_build sets up the facts' own). */
void eng_dict_init(eng_dict *d);
/* The id of s (NULL: "onbekend"), added when new; -1 when out of memory. */
int eng_dict_id(eng_dict *d, const char *s);
void eng_dict_fini(eng_dict *d);

enum { D_REGIO, D_SITE, D_GEMEENTE, D_LEEFTIJD, D_PARITEIT, D_SOORT, D_REGIE, D_N };

/* Risk factors of a screening, as bits. */
#define ENG_RISKS KR_NRISK_FACTORS
extern const char *const eng_risk_names[ENG_RISKS];

/* JGZ contact moments of a child, with the end of each window (age in days). */
#define ENG_MOMENTS KR_NMOMENTS
extern const char *const eng_moment_names[ENG_MOMENTS];
extern const int eng_moment_end[ENG_MOMENTS];

/* Uitschrijving reasons. */
enum { UIT_NONE, UIT_VERHUISD, UIT_OVERLEDEN, UIT_GEWEIGERD, UIT_OVERGEDRAGEN, UIT_ANDERS };

/*
 * One row of facts. A pregnancy row carries its trajectory's facts; a child's,
 * a handover's and an episode's row carry those too (copied), plus their own.
 */
typedef struct fact {
    int64_t traject;
    int64_t zw_row;      /* the zwangerschap row that leads the trajectory; 0 none */
    int32_t regio, site, gemeente, leeftijd, pariteit;  /* dictionary ids; regio -1: counts nowhere */
    kr_date intake, due, birth, first_sc, sig2, sig3, jgz, bespreek, regie;
    int8_t route;        /* the highest route before birth; 0: not screened */
    int8_t route_sig;    /* the route of the first screening */
    int8_t huisbezoek;   /* a held prenataal_huisbezoek before birth */
    int8_t lijn_baring;  /* of the child with the lowest kind_volgnummer; 0 unknown */
    int8_t psy;          /* a line-2/3 episode for psychosocial reasons starting before birth */
    int8_t jgz_any;      /* any JGZ record linked to the trajectory */
    int16_t regie_type;  /* dictionary id; 0 none */
    uint16_t risks;      /* risk factors at any screening before birth */
    int32_t days1, days; /* care-days in line 1, in all lines */
    int32_t children;
    /* a child's row (the chosen bevalling record); birth is then the child's own */
    int16_t ga;          /* days */
    int16_t weight;      /* grams; 0 unknown */
    int8_t vit;          /* 0 levend, 1 doodgeboren, 2 neonataal_overleden */
    int8_t died_day;     /* -1 when not given */
    int8_t kind;
    int8_t uit_reden;    /* UIT_*: the first uitschrijving on or before the peildatum */
    int16_t uit_age;     /* its age in days */
    int16_t moment_age[ENG_MOMENTS]; /* the earliest age of a held contact of each moment; -1 none */
    int16_t km_time;     /* retention: days to loss or censoring */
    int8_t km_event;     /* 1 lost from follow-up */
    /* a handover's row */
    int16_t soort;
    int8_t warm;
    kr_date sent, recv;
    /* a line-2/3 psychosocial episode's row */
    kr_date ep_start;
    int8_t ep_den, ep_num;
} fact;

typedef struct factrows {
    fact *f;
    size_t n, cap;
} factrows;

typedef struct facts {
    factrows preg;  /* one per trajectory */
    factrows kids;  /* one per child born by the peildatum */
    factrows hand;  /* one per handover (reports of several organisations counted once) */
    factrows eps;   /* one per line-2/3 psychosocial episode started by the peildatum */
    eng_dict d[D_N];
} facts;

/*
 * The extract rows the facts need, read whole and parsed (engine/facts_read.c), before linkage
 * says which count: every row of every extract table in rowid order, with the values of
 * sql/feiten.sql's columns. Codes of a few text columns are numbered in dictionaries of the
 * stage's own (a value's id, -1 for NULL), told to the facts' dictionaries when folded.
 */
enum { SXD_LEEFTIJD, SXD_PARITEIT, SXD_SOORT, SXD_REGIE, SXD_N };

typedef struct sx_zw { int64_t rowid; int32_t leeftijd, pariteit; } sx_zw;
typedef struct sx_bv {
    int64_t rowid;
    kr_date birth;
    int32_t kind, ga, weight, lijn, died;  /* as sqlite3_column_int gives them; died INT32_MIN: NULL */
    int8_t vit;
} sx_bv;
typedef struct sx_sc { int64_t rowid; kr_date d; int32_t route; uint16_t risks; } sx_sc;
typedef struct sx_ze { int64_t rowid; kr_date start, end; int32_t lijn; int8_t psy; } sx_ze;
typedef struct sx_ov {
    int64_t rowid;
    uint64_t route;  /* hash of van and naar organisation */
    kr_date sent, recv;
    int32_t soort;
    int8_t warm, jgz_prenataal;
} sx_ov;
typedef struct sx_md { int64_t rowid; kr_date bespreek, regie; int32_t type; } sx_md;
typedef struct sx_jg {
    int64_t rowid;
    kr_date d;
    int32_t kind;
    int8_t moment;   /* index in eng_moment_names; -1 another contact; -2 uitschrijving; -3 prenataal_huisbezoek */
    int8_t held, reden;
} sx_jg;

#define SX_ARRAY(T) struct { T *r; size_t n, cap; }
typedef struct eng_stage {
    SX_ARRAY(sx_zw) zw;
    SX_ARRAY(sx_bv) bv;
    SX_ARRAY(sx_sc) sc;
    SX_ARRAY(sx_ze) ze;
    SX_ARRAY(sx_ov) ov;
    SX_ARRAY(sx_md) md;
    SX_ARRAY(sx_jg) jg;
    eng_dict dict[SXD_N];
} eng_stage;

/* An empty stage, to be read. */
void eng_stage_init(eng_stage *S);
/* Read and parse every extract row the facts need on connection db (any connection to the database). */
kr_status eng_stage_read(sqlite3 *db, eng_stage *S);
void eng_stage_fini(eng_stage *S);
/* Free the rows of the k-th table in sql/feiten.sql's order (0 zwangerschap … 6 jgz_contact) once folded. */
void eng_stage_drop(eng_stage *S, int k);
/* The stage of p (waited for), or NULL when it failed or never ran: then the caller reads it itself. */
eng_stage *eng_prefetch_stage(eng_prefetch *p);

/* Build the facts as of peildatum from linkage's answer with its trajectories (etl_link_later, etl_later_hand) and
 * the staged rows; links and S are emptied table by table as they are folded. */
kr_status eng_facts_build(kr_date peildatum, kr_links *links, eng_stage *S, facts *F);
/* Rewrite feit_traject (one row per trajectory, for the coordinator's audit) and compute_run. */
kr_status eng_facts_write(sqlite3 *db, const facts *F, kr_date peildatum);
void eng_facts_fini(facts *F);

/* The targets of the reference data (doelen), in memory. */
typedef struct eng_doel {
    char indicator[64], regio[40];  /* regio '': every region */
    kr_period vanaf;
    double doel;
} eng_doel;

typedef struct eng_doelen {
    eng_doel *d;
    size_t n, cap;
} eng_doelen;

/* Read every doelen row (rows whose vanaf is not a period are skipped); free with eng_doelen_fini. */
kr_status eng_doelen_load(sqlite3 *db, eng_doelen *D);
void eng_doelen_fini(eng_doelen *D);
/*
 * The target of ind in regio for a period ending on last: the doelen row of the region itself
 * before one for every region, then the latest vanaf that began by last; else the catalogue's
 * default (NAN for none).
 */
double eng_target(const eng_doelen *D, const eng_indicator *ind, const char *regio, kr_date last);

/* The word of a status from eng_rag ("groen", "oranje", "rood", "grijs"), or NULL for none. */
const char *eng_rag_word(const char *rag);

/* With a timing callback set (eng_set_timing): the time since the last lap, named step (NULL: start). */
void eng_lap(const char *step);

/* The laps of work on another thread, kept until it is done and then told in order (the callback is not shared). */
#define ENG_MAX_LAPS 8
typedef struct eng_laps {
    const char *step[ENG_MAX_LAPS];
    double secs[ENG_MAX_LAPS];
    int n;
    double last;
} eng_laps;
void eng_laps_start(eng_laps *L);
void eng_laps_add(eng_laps *L, const char *step);
/* Tell L's laps to the callback, then start eng_lap's clock again (the time the caller waited is nobody's lap). */
void eng_laps_tell(const eng_laps *L);

/*
 * The outcome table from the facts (engine/outcome.c), in two parts: eng_outcomes_count counts and suppresses it in
 * memory, touching no database (so it may run on a thread of its own while the caller's connection does other work);
 * eng_outcomes_store writes it into `uitkomst` and `uitkomst_curve` inside a savepoint. Check eng_outcomes_fit first:
 * KR_ETOOBIG when the dictionaries hold more than the table's keys have room for (err says which, and the limits).
 * eng_outcomes_count leaves what it made in *out whatever it returns: free it with eng_counted_free.
 */
typedef struct eng_counted eng_counted;
typedef struct eng_earlier_set eng_earlier_set;
kr_status eng_outcomes_fit(const facts *F, char *err, size_t errcap);
kr_status eng_outcomes_count(const facts *F, const eng_options *opt, const eng_earlier_set *S, eng_counted **out);
kr_status eng_outcomes_store(sqlite3 *db, const facts *F, const eng_options *opt, const eng_counted *R,
                             long long *rows);
void eng_counted_laps(const eng_counted *R);  /* its steps' times, as eng_laps_tell */
void eng_counted_free(eng_counted *R);

/*
 * The counts published before (engine/earlier.c): every row of `gepubliceerd`, loaded before the outcome table is
 * counted (S: NULL or empty when nothing was published; eng_earlier_free accepts NULL). eng_outcomes_count holds the
 * table against them. *out is set whatever this returns. A row's key: its six key fields joined by 0x1f
 * (eng_earlier_key: the length, 0 when it does not fit in cap); eng_earlier_find: its threes (*n of them,
 * ENG_EARLIER_W longs each) or NULL.
 */
kr_status eng_earlier_load(sqlite3 *db, eng_earlier_set **out);
size_t eng_earlier_key(char *buf, size_t cap, const char *const part[6]);
const long *eng_earlier_find(const eng_earlier_set *S, const char *key, size_t len, size_t *n);
size_t eng_earlier_count(const eng_earlier_set *S);
void eng_earlier_free(eng_earlier_set *S);
/* Whether a row of teller t and noemer n lies 1 .. min_cell - 1 persons from one of the np threes p: in its teller, in
 * its noemer (prop: a noemer of persons), or in its rest (rest: noemer - teller counts persons too). */
int eng_earlier_near(const long *p, size_t np, long t, long n, int prop, int rest, int min_cell);
/* Whether one of the np threes p was shown with teller t and (prop) noemer n, or (not prop: a count) no noemer. */
int eng_earlier_same(const long *p, size_t np, long t, long n, int prop);
/*
 * Hold one row of persons (its key's six parts, its counts in e) against the counts published before: its threes
 * (*np of them; NULL: none); e->primary set where it lies 1 .. min_cell - 1 persons from one (eng_earlier_near with
 * prop and rest), else e->keep ENG_KEEP_KNOWN where it was shown with these counts (eng_earlier_same). *id (when not
 * NULL): the key's id in S, or -1.
 */
struct eng_cell;
const long *eng_earlier_hold(const eng_earlier_set *S, const char *const part[6], struct eng_cell *e, int prop,
                             int rest, int min_cell, size_t *np, long *id);
/*
 * The tables published whole (publicatie_rij; sql/migrate_9.sql), numbered 0 .. eng_earlier_tables - 1 in the order of
 * the computes that made them. eng_earlier_in_tables: key id's (from eng_earlier_hold; -1: none) counts in them,
 * ENG_TABLE_W longs each (table; teller and noemer, -1: none or not known to a reader; the raw teller and noemer, -1:
 * none; the bounds a reader had of the teller and of the noemer, low and high, -1: none above) into out, at most cap
 * of them; returns how many there are.
 */
size_t eng_earlier_tables(const eng_earlier_set *S);
size_t eng_earlier_in_tables(const eng_earlier_set *S, long id, long *out, size_t cap);

/*
 * The data-quality rows (engine/kwaliteit.c) in two parts as well: eng_quality_prepare counts them into temporary
 * tables of the connection (from the ledger, the registry, `traject` and linkage's counts), eng_quality_write then
 * replaces its rows of `uitkomst` with them (after eng_outcomes_store, which empties the table) and drops the
 * temporary tables, also when it fails; eng_quality_discard drops them when the work stops between the two. On KR_EDB
 * err may say which statement failed.
 */
kr_status eng_quality_prepare(sqlite3 *db, kr_date peildatum, char *err, size_t errcap);
kr_status eng_quality_write(sqlite3 *db, kr_date peildatum, int min_cell, const eng_earlier_set *S, long long *rows,
                            char *err, size_t errcap);
void eng_quality_discard(sqlite3 *db);

/* A quality row that counts persons: the completeness of a column (groep kolom), or a row of the mdo extract
 * (engine/indicators.c, for kwaliteit.c); suppressed like any count of persons. */
int eng_quality_persons_row(const char *indicator, const char *groep);

#endif
