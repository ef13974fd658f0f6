/*
 * Internal declarations of the ETL: the extract specification as data, the
 * parsed row that validation works on, and the identifier guard. Not to be
 * included from outside etl/ (tests excepted).
 */
#ifndef ETL_INT_H
#define ETL_INT_H

#include "etl.h"

/* Column value types of the specification. */
typedef enum etl_ctype {
    ETL_PSEUDONYM,  /* 64 hexadecimal characters, stored lower-case */
    ETL_DATE,       /* a date; stored jjjj-mm-dd */
    ETL_CODE,       /* one code of the column's list */
    ETL_CODELIST,   /* '|'-separated codes of the column's list */
    ETL_ORG,        /* a code of the organisation registry */
    ETL_GEMEENTE,   /* GM + 4 digits in the municipality registry */
    ETL_GESTATION,  /* gestational age: days or weeks+days */
    ETL_INT,        /* whole number in [min, max] */
    ETL_NUMBER,     /* decimal number, '.' or ',' */
    ETL_TEXT,       /* free text (reference names only) */
    ETL_PERIOD,     /* 2025Q2 or 2025 */
    ETL_INDICATOR,  /* an indicator id: lower-case words joined by '.' */
    ETL_REGIO,      /* a code of the regios list */
    ETL_SITE,       /* a code of the sites list */
    ETL_XTYPE,      /* the name of an extract type */
    ETL_ORGCODE,    /* an organisation code being defined: letters, digits, '-' */
    ETL_GMCODE,     /* a municipality code being defined: GM + 4 digits */
    ETL_REGIOCODE   /* a region or site code being defined */
} etl_ctype;

enum {
    ETL_REQ = 1u << 0,       /* required */
    ETL_KEY = 1u << 1,       /* part of the record key */
    ETL_FUTURE = 1u << 2,    /* a date that may lie after the period, by ETL_DUE_AHEAD at most (a due date) */
    ETL_DEFAULT1 = 1u << 3,  /* empty means 1 (kind_volgnummer) */
    ETL_UPPER = 1u << 4,     /* canonical form is upper-case */
    ETL_LOWER = 1u << 5      /* canonical form is lower-case */
};

/* How far a due date may lie beyond the delivery's period: 42 weeks, the longest a pregnancy lasts. */
#define ETL_DUE_AHEAD 294

typedef struct etl_column {
    const char *name;
    etl_ctype type;
    unsigned flags;
    const char *const *codes;  /* NULL-terminated list for ETL_CODE/ETL_CODELIST */
    long min, max;             /* range for ETL_INT and ETL_GESTATION */
    const char *doc;           /* Dutch description for partners */
} etl_column;

typedef struct etl_row etl_row;

typedef struct etl_type {
    const char *name;
    const char *doc;           /* Dutch description */
    int reference;             /* 1: reference data (no organisation or period) */
    int load_order;            /* reference dependency order; extracts 100 */
    const etl_column *cols;
    size_t ncols;
    void (*rule)(etl_row *r);  /* cross-column rules, or NULL */
    const char *const *rules;  /* Dutch: what rule checks, one sentence each (the specification prints them), or NULL */
    const char *const *example; /* the specification's example file: its name, the header line and three rows, NULL
                                 * ended; lines of `kansrijk samples` output (tools/spec_examples.py), validated by
                                 * tests/spec.sh */
} etl_type;

extern const etl_type etl_types[];
extern const size_t etl_ntypes;

const etl_type *etl_type_find(const char *name, size_t n);
/* Index of column name in t, or -1. */
int etl_col_index(const etl_type *t, const char *name);

/* A parsed value of one column of the current row. */
typedef struct etl_val {
    int set;          /* 0: empty */
    long long i;      /* dates (days), integers, gestational age */
    double d;         /* numbers */
    const char *s;    /* canonical text (codes, organisations, pseudonym, ...) */
    size_t n;
} etl_val;

/*
 * The row under validation. Rules read vals[] (indexed like the type's
 * columns) and report problems with etl_row_reject / etl_row_warn.
 */
struct etl_row {
    const etl_type *type;
    etl_val vals[24];
    long line;
    int rejected;
    void *ctx;   /* the ingest run */
};

/*
 * (s, *n) without the blanks around it: spaces, tabs, CR and LF (kr_trim), and the invisible spaces a spreadsheet
 * leaves (U+00A0 no-break, U+2007, U+202F, U+200B zero-width, U+FEFF), which would make "GM1903 " no code.
 */
const char *etl_trim(const char *s, size_t *n);

/* The unit of indicator id as the catalogue gives it (etl_options.indicator_unit), or NULL when not known. */
const char *etl_row_unit(const etl_row *r, const char *id);

/* Reject the row because of column col (index, or -1 for the row). */
/*
 * fmt is English and the message id of its Dutch (po/nl.po): the issue keeps both, formatted with
 * the same arguments (the database, the JSON report and the screen read the English or the Dutch,
 * the partner's feedback file the Dutch).
 */
void etl_row_reject(etl_row *r, int col, kr_status code, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void etl_row_warn(etl_row *r, int col, kr_status code, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* ---- municipal mergers (registry.c while a file is read, link_load.c while linking) ---------------- */

/*
 * Each municipality of gemeenten with the code it has today, chains of mergers (opgegaan_in) followed to the end:
 * the rows of ketting(code, opvolger, stap) whose stap is the last of their code. A query that selects from it
 * follows this text (ETL_GM_CHAIN "SELECT ... FROM ketting k ..." ETL_GM_CHAIN_LAST).
 */
#define ETL_GM_CHAIN                                                                                                  \
    "WITH RECURSIVE ketting(code, opvolger, stap) AS ("                                                                \
    "  SELECT gemeentecode, gemeentecode, 0 FROM gemeenten"                                                          \
    "  UNION ALL SELECT k.code, g.opgegaan_in, k.stap + 1 FROM ketting k"                                            \
    "  JOIN gemeenten g ON g.gemeentecode = k.opvolger"                                                              \
    "  WHERE nullif(g.opgegaan_in, '') IS NOT NULL AND k.stap < 20) "
#define ETL_GM_CHAIN_LAST " k.stap = (SELECT max(stap) FROM ketting k2 WHERE k2.code = k.code)"

/* ---- direct identifiers (ident.c) ---------------------------------------- */

int etl_is_bsn(const char *s, size_t n);
int etl_is_postcode(const char *s, size_t n);
int etl_is_email(const char *s, size_t n);
int etl_is_phone(const char *s, size_t n);
/* Any of the four; s is trimmed first. */
int etl_is_identifier(const char *s, size_t n);
/* Any of the four anywhere inside the value (for masking: errs on the safe side). */
int etl_contains_identifier(const char *s, size_t n);
/* 1 when a column name not defined by the type names a direct identifier. */
int etl_is_identifier_name(const char *s, size_t n);
/* What kind of column a value to mask comes from. */
typedef enum etl_mask_kind {
    ETL_MASK_TEXT,       /* free text (reference names), column names */
    ETL_MASK_PSEUDONYM,  /* client_pseudoniem */
    ETL_MASK_CODED       /* a code, number or date column: short values only */
} etl_mask_kind;

/* What a masked value reads, in the database, the feedback file and Dutch messages (English ones: [hidden]). */
#define ETL_HIDDEN KR_HIDDEN

/*
 * The value of a rejected row as it may be stored or shown: ETL_HIDDEN for
 * anything that looks like an identifier or holds one (the patterns also with
 * spaces, '-', '.' and '/' removed), in a coded column for a value longer
 * than 24 bytes or shaped like a name or an address, and in the pseudonym
 * column for a name or an address; 6 characters and … for other values of the
 * pseudonym column; else the value itself (cut to fit cap).
 */
void etl_mask(const char *s, size_t n, etl_mask_kind kind, char *out, size_t cap);
/*
 * Whether a value of a column of type (not free text, not a pseudonym) may be shown as it is: 24 characters at most,
 * only the characters codes, numbers and dates are written with (no accent, quote or at sign), and every word one its
 * kind uses: a code of the column or a part of one, a number in words (of, meer), or one word alone (a mistyped code:
 * leeft for levend) for codes; a month for dates; a unit for numbers; one short word without spaces for a register's
 * code. Anything else may be a name, and is hidden.
 */
int etl_code_like(const char *s, size_t n, etl_ctype type, const char *const *codes);

/* The same, knowing the codes of the column (or NULL): words of its codes typed with spaces are no name. */
void etl_mask_codes(const char *s, size_t n, etl_mask_kind kind, const char *const *codes, char *out, size_t cap);
/*
 * A value of a column of type (with its codes, or NULL) as it may be stored or shown: the patterns (etl_mask_codes),
 * then for a coded, date, number or register-code column the whitelist (etl_code_like); free text never. What every
 * rejected value, list element and column name goes through.
 */
void etl_mask_column(const char *s, size_t n, etl_ctype type, const char *const *codes, char *out, size_t cap);

/* ---- the ledger (ledger.c) -------------------------------------------------- */

/*
 * Remove what delivery id stored: its rows in the table of its type (found by
 * the rowid range in the ledger; none for reference data, which a new list
 * replaces), its rejected rows and warnings. Runs inside the caller's
 * transaction; *removed (may be NULL) gets the number of data rows removed.
 */
kr_status etl_delivery_purge(sqlite3 *db, const char *type, long long id, long long *removed);

/* ---- record keys ----------------------------------------------------------- */

/* 64-bit record key of a row of type t delivered by org (xxHash XXH3). */
int64_t etl_row_key(const etl_type *t, const etl_val *vals, const char *org);

/* ---- results of one file (ingest.c fills, summary.c prints) ----------------- */

#define ETL_MAX_LISTED 1000  /* errors listed per file in the JSON report */
#define ETL_MAX_REASONS 48   /* distinct (reason, column) pairs in the summary */
#define ETL_FIRST_LINES 5
/* Room for a code list's value as stored: every code of its column once, '|' between (test_spec_matches_schema checks
 * that every list fits, so parse_codelist never has to leave a code out). */
#define ETL_LISTBUF 512

typedef struct etl_issue {
    kr_status code;
    long line;              /* 0: the file as a whole */
    char column[64];
    char value[80];         /* masked */
    char msg_en[320];
    char msg_nl[320];
} etl_issue;

typedef struct etl_reason {
    kr_status code;
    int warning;
    char column[64];
    long count;
    long lines[ETL_FIRST_LINES];
    int nlines;
    char example[320];      /* the first message, English */
    char example_nl[320];   /* the same in Dutch */
} etl_reason;

typedef struct etl_result {
    char path[1024];
    char file[256];          /* base name */
    char type[32];
    char org[48];
    char period[8];
    char sha256[65];
    long long bytes;
    char dialect[48];
    long rows_read, rows_accepted, rows_rejected, rows_skipped, warnings;
    long long delivery_id;   /* ledger id, 0 when nothing was recorded */
    long long replaced_id;   /* the delivery this one replaced */
    long long left_out;      /* records of the replaced delivery (by record key) that this one does not hold */
    const char *outcome;     /* actief, geweigerd, identiek, gevalideerd */
    kr_status refusal;       /* KR_OK unless refused */
    char refusal_en[640];
    char refusal_nl[640];
    etl_issue *errors;       /* up to ETL_MAX_LISTED, owned */
    size_t nerrors;
    etl_issue *warns;
    size_t nwarns;
    etl_reason reasons[ETL_MAX_REASONS];
    size_t nreasons;
    int exit_code;
} etl_result;

void etl_result_fini(etl_result *r);
/* Process one file as a run would (tests use this); caller finis out. */
void etl_session_check(etl_session *s, const char *path, etl_result *out);
/* Human summary of one file. */
void etl_result_print(FILE *out, const etl_result *r);
/* The Frictionless-shaped report of several files; caller frees the string. */
char *etl_results_json(const etl_result *rs, size_t n);

/* Writes of more bytes than this run with a rollback journal instead of WAL (etl/ingest.c). */
#define ETL_BULK_BYTES (64ll << 20)
/*
 * The threshold in use: ETL_BULK_BYTES, or for tests only the environment variable
 * KANSRIJK_BULK_BYTES (a whole number of bytes), so that the crash tests reach the
 * rollback-journal path with small files.
 */
long long etl_bulk_bytes(void);
/* PRAGMA journal_mode=mode, outside a transaction: 1 when the database is in that mode now. */
int etl_journal_mode(sqlite3 *db, const char *mode);

#endif
