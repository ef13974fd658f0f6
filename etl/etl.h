/*
 * kansrijk ETL: the extract specification, reading partner CSV extracts into
 * the canonical SQLite tables with the delivery ledger, and linking records of
 * different partners into trajectories (one per pregnancy).
 */
#ifndef ETL_H
#define ETL_H

#include "../core/kr.h"
#include "../core/links.h"

/* ---- the extract specification ------------------------------------------ */

/* Number of extract and reference types, and the name of type i (0-based). */
size_t etl_type_count(void);
const char *etl_type_name(size_t i);
/* 1 when the type of that name exists; 2 when it is a reference type. */
int etl_type_kind(const char *name);

/*
 * 1 when path is a symbolic link that leads to nothing: *target (n bytes) gets the name that does not
 * exist, the end of the chain of links (relative targets joined to their link's folder); else 0.
 */
int etl_dangling_link(const char *path, char *target, size_t n);

/*
 * The column names of a type in specification order, into names (at most max);
 * returns the number of columns, 0 for an unknown type. The names are static.
 */
size_t etl_type_columns(const char *type, const char **names, size_t max);

/*
 * Print the specification for partners: format "md" (Markdown, Dutch) or
 * "tableschema" (Frictionless Table Schema JSON). type NULL prints all types.
 * KR_ENOTFOUND for an unknown type, KR_EUSAGE for an unknown format.
 */
kr_status etl_spec_print(FILE *out, const char *type, const char *format);

/* ---- ingest and validate ------------------------------------------------- */

/* What became of one file of a run (etl_options.file). */
typedef struct etl_file_done {
    const char *outcome;  /* actief, geweigerd, identiek or gevalideerd */
    long rows_read, rows_accepted, rows_rejected;
    int exit_code;        /* 0, 1 or 2, as the command's */
} etl_file_done;

typedef struct etl_options {
    const char *type;          /* --type, or NULL: from the file name */
    const char *organisatie;   /* --organisatie, or NULL */
    const char *periode;       /* --periode, or NULL */
    int accept_partial;        /* --accept-partial */
    int opnieuw;               /* --opnieuw: re-activate a replaced file */
    int vervang;               /* --vervang: accept a correction with fewer than half the rows it replaces */
    int dry_run;               /* validate: store nothing */
    double max_rejected;       /* share of data rows; default 0.20 */
    const char *feedback_dir;  /* --terugkoppeling DIR, or NULL */
    /*
     * What the caller shows while a run goes on; any may be NULL, ctx is passed back. progress:
     * how far the reading of a large file (8 MiB or more) has come, pct 0..100, and the data rows
     * read of it so far, called at most once per percent and once more with final 1. file: before
     * file k (0-based) of n is read (r NULL), and after it (r what became of it, before its summary
     * is printed). notice: a sentence for the coordinator that belongs in no file's summary (a
     * feedback file that could not be written, the database left out of WAL mode). The strings
     * and r are borrowed for the call.
     */
    void (*progress)(void *ctx, const char *file, int pct, long rows, int final);
    void (*file)(void *ctx, size_t k, size_t n, const char *path, const struct etl_file_done *r);
    void (*notice)(void *ctx, const char *msg);
    void *ctx;
    /* the indicator catalogue, for doelen and referenties (the engine's); NULL: form only */
    int (*indicator_known)(const char *id);
    /* an indicator's unit (%, per1000, dagen, pp, aantal), or NULL: targets and references are checked against it */
    const char *(*indicator_unit)(const char *id);
} etl_options;

/* Defaults: max_rejected 0.20, everything else off. */
void etl_options_init(etl_options *o);

typedef struct etl_session etl_session;

/*
 * Start a run over one or more files. db may be NULL only when dry_run is set
 * (the registry checks are then skipped with a warning). The session borrows
 * db and o until etl_session_free.
 */
kr_status etl_session_new(sqlite3 *db, const etl_options *o, etl_session **out);
void etl_session_free(etl_session *s);

/*
 * Process the files in a sensible order (reference data first, in dependency
 * order; then extracts in the order given). Writes one human summary per
 * file to out unless json is set; with json, writes one Frictionless-shaped
 * report for all files to out at the end. *exit_code gets the exit code of the
 * run: 0 all accepted, 1 some rows rejected, 2 a file refused (the worst of
 * all). KR_ENOMEM, with a sentence in err, when the run could not start.
 */
kr_status etl_session_run(etl_session *s, const char *const *files, size_t nfiles, int json, FILE *out, int *exit_code,
                          char *err, size_t errcap);

/* ---- the ledger ---------------------------------------------------------- */

/*
 * Print the delivery ledger as a table, or with json as a JSON array; status (may be NULL) filters.
 * KR_EDB with SQLite's message in err (may be NULL) when the ledger cannot be read.
 */
kr_status etl_ledger_print(sqlite3 *db, const char *status, int json, FILE *out, char *err, size_t errcap);
/*
 * Withdraw delivery id: its rows and rejected rows go, its ledger entry stays
 * with status 'ingetrokken'. Only an active extract delivery can be withdrawn;
 * msg receives a sentence for the user.
 */
kr_status etl_ledger_withdraw(sqlite3 *db, long long id, char *msg, size_t msgcap);

/* ---- linkage ------------------------------------------------------------- */

typedef struct etl_link_stats {
    long long records;       /* current records considered */
    long long linked;
    long long unlinked;
    long long superseded;    /* older versions of a record key */
    long long trajectories;
    long long children;
} etl_link_stats;

/* What linkage decided for one record of an active delivery. */
typedef struct etl_link_rec {
    int type;             /* its extract table: the index in KR_EXTRACT_TYPES (core/codes.h) */
    int64_t rowid;
    int64_t traject;      /* its trajectory's id; 0: not linked */
    int actueel;          /* 1: the latest period's version of its record key */
    int gekozen;          /* bevalling: 1 for the linked record that counts for its child */
} etl_link_rec;

/*
 * Called for every record, table by table, each in rowid order, and then once with rec NULL: every
 * record is told and linkage has not yet written anything (a reader on another connection that
 * must finish first can be waited for here). A status other than KR_OK stops the linkage.
 */
typedef kr_status (*etl_link_visit)(void *ctx, const etl_link_rec *rec);

/*
 * A visitor for etl_link whose ctx is a kr_links (core/links.h): keeps the records that count
 * for the trajectory facts (current and linked; of bevalling the record chosen for its child).
 */
kr_status etl_link_collect(void *ctx, const etl_link_rec *rec);

/*
 * Link the current records of all active deliveries into trajectories, as EXTRACTS.md says, in
 * one transaction (a savepoint, so it may run inside a caller's): rebuilds table traject and the
 * counts per organisation and type in koppeling. The extract rows are not written: what was
 * decided for each record goes to visit (with ctx; visit may be NULL). Records dated after
 * peildatum are ignored (pass has_peildatum 0 for none). Deterministic: the result does not
 * depend on the order in which deliveries were ingested. With a peildatum it also leaves, for
 * this connection only, the counts behind the quality rows in temp.link_levering and
 * temp.link_kolom (etl/link.c, write_fill_counts), which the quality rows of eng_compute read instead of
 * the extract tables. On failure err may say what went wrong (else it is empty; err may be NULL
 * when errcap is 0).
 */
kr_status etl_link(sqlite3 *db, int has_peildatum, kr_date peildatum, etl_link_visit visit, void *ctx,
                   etl_link_stats *out, char *err, size_t errcap);

/*
 * The same with a peildatum, but table traject is not written: the trajectories are held back in
 * *later for the caller to write in the same transaction (etl_later_write), and may be handed to
 * the facts in memory first (etl_later_hand). Compute does this, so that the facts are folded
 * without reading table traject and the trajectories are written while the outcome table is
 * counted. *later is NULL on failure; free it with etl_later_free after its last use.
 */
typedef struct etl_later etl_later;
kr_status etl_link_later(sqlite3 *db, kr_date peildatum, etl_link_visit visit, void *ctx, etl_link_stats *out,
                         etl_later **later, char *err, size_t errcap);
/* The held-back trajectories into links, in id order: the rows table traject will hold (it borrows T's texts). */
kr_status etl_later_hand(const etl_later *T, kr_links *links);
/* Make table traject hold them (a savepoint of its own); on KR_EDB err says why. */
kr_status etl_later_write(sqlite3 *db, etl_later *T, char *err, size_t errcap);
/* 1 once etl_later_write has succeeded: the caller's check before it commits. */
int etl_later_written(const etl_later *T);
void etl_later_free(etl_later *T);

/*
 * Before the transaction of a linkage, outside any: when the deliveries not
 * linked yet are large, so that linkage writes many new trajectories, switch the
 * database to a rollback journal (WAL would write every page twice). 1 when
 * switched: then call etl_link_bulk_end after the COMMIT or ROLLBACK.
 */
int etl_link_bulk_begin(sqlite3 *db);
/* Return the database to WAL after etl_link_bulk_begin switched it; KR_EDB, with err, when it could not. */
kr_status etl_link_bulk_end(sqlite3 *db, char *err, size_t errcap);

/*
 * Print the linkage state: counts per organisation and type, when linkage
 * last ran, and whether deliveries changed since.
 */
kr_status etl_status_print(sqlite3 *db, int json, FILE *out);

#endif
