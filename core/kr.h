/*
 * kansrijk core: the project's status codes, dates, periods, gestational age,
 * bounded buffers and the database layer (open, schema, migrations).
 * Every other module builds on this header; it depends on nothing but libc
 * and SQLite.
 */
#ifndef KR_H
#define KR_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <sqlite3.h>

#include "i18n.h"

#define KR_VERSION "0.1.0"

/* ---- status codes ------------------------------------------------------ */

/*
 * One status enum for the whole project. Functions return it; results come
 * back through out-parameters. Codes KR_F_* refuse a whole file, KR_R_* reject
 * a row, KR_W_* are warnings. kr_strerror() gives the message in the screen's
 * language (core/i18n.h), kr_strerror_en() the English and kr_strerror_nl() the
 * Dutch one that partners read in feedback files.
 */
typedef enum kr_status {
    KR_OK = 0,
    KR_ENOMEM,
    KR_EIO,
    KR_EDB,
    KR_EUSAGE,
    KR_ENOTFOUND,
    KR_ESCHEMA,
    KR_ETOOBIG,
    KR_EINVAL,
    KR_EBUSY,
    KR_EFULL,
    KR_EREADONLY,
    /* a file refused whole */
    KR_F_EMPTY,
    KR_F_NOT_TEXT,
    KR_F_ENCODING,
    KR_F_DELIMITER,
    KR_F_NO_HEADER,
    KR_F_MISSING_COLUMN,
    KR_F_DUPLICATE_COLUMN,
    KR_F_IDENTIFIER_COLUMN,
    KR_F_IDENTIFIER_VALUES,
    KR_F_SYNTAX,
    KR_F_FIELD_TOO_BIG,
    KR_F_NO_REGISTERS,
    KR_F_IDENTITY,
    KR_F_UNKNOWN_TYPE,
    KR_F_UNKNOWN_ORG,
    KR_F_PERIOD,
    KR_F_REPLACED_RESEND,
    KR_F_TOO_MANY_REJECTED,
    KR_F_SHORT_CORRECTION,
    KR_F_ORGS_DROPPED,
    KR_F_DATE_ORDER,
    KR_F_FAILED,
    /* a row rejected */
    KR_R_FIELDS,
    KR_R_SYNTAX,
    KR_R_REQUIRED,
    KR_R_DATE,
    KR_R_DATE_RANGE,
    KR_R_CODE,
    KR_R_PSEUDONYM,
    KR_R_NUMBER,
    KR_R_GESTATION,
    KR_R_ORG,
    KR_R_GEMEENTE,
    KR_R_REFERENCE,
    KR_R_RULE,
    KR_R_DUPLICATE,
    KR_R_ENCODING,
    KR_R_IDENTIFIER,
    /* warnings */
    KR_W_UNKNOWN_COLUMN,
    KR_W_EMPTY_DELIVERY,
    KR_W_MERGED_GEMEENTE,
    KR_W_NO_RISK_FACTORS,
    KR_W_NO_REGISTRY,
    KR_W_SKIPPED_ROWS,
    KR_W_IDENTICAL,
    KR_W_IGNORED_IDENTIFIER,
    KR_W_FRACTION,
    KR_W_COLUMN_NAME,
    KR_W_OUT_OF_PERIOD,
    KR_STATUS_COUNT
} kr_status;

/* The message of a status in the screen's language; never NULL. */
const char *kr_strerror(kr_status s);
/* English message of a status; never NULL. */
const char *kr_strerror_en(kr_status s);
/* Dutch message of a status, for partners; never NULL. */
const char *kr_strerror_nl(kr_status s);
/* A short stable identifier ("date", "missing-column", ...) for JSON. */
const char *kr_status_id(kr_status s);
/* The Frictionless error type of a status ("type-error", ...). */
const char *kr_status_frictionless(kr_status s);

/* ---- dates --------------------------------------------------------------- */

/* A date is a count of days since 1970-01-01 (negative before). */
typedef int32_t kr_date;

/* No date: an empty value, or an event that has not happened. */
#define KR_NO_DATE INT32_MIN

/*
 * Parse a date written as dd-mm-jjjj, d-m-jjjj or zero-padded jjjj-mm-dd.
 * s need not be NUL-terminated; surrounding spaces are not allowed (trim
 * first). Impossible dates (31-02-2025) give KR_R_DATE.
 */
kr_status kr_date_parse(const char *s, size_t n, kr_date *out);
/* The same, giving the civil date itself. */
kr_status kr_date_parse_ymd(const char *s, size_t n, int *y, int *m, int *d);
/*
 * 1 when s is written like a date (the same three forms, digits in their places), with its numbers
 * in *y, *m, *d whether or not that date exists (31-02-2025, 22-04-0025); else 0.
 */
int kr_date_fields(const char *s, size_t n, int *y, int *m, int *d);
/* Days since 1970-01-01 of a valid civil date; no checking. */
kr_date kr_date_from_ymd(int y, int m, int d);
/* Whether day d of month m exists in year y (31-02 does not; 29-02 in a leap year does). */
int kr_date_valid(int y, int m, int d);
/* Today, by the system clock's local date; KR_NO_DATE when the clock cannot be read. */
kr_date kr_date_today(void);
/* Civil date of a day count. */
void kr_date_to_ymd(kr_date z0, int *y, int *m, int *d);
/* Write jjjj-mm-dd and a NUL into out (11 bytes). */
void kr_date_format(kr_date d, char out[11]);
void kr_date_format_ymd(int y, int m, int d, char out[11]);
/* "31 december 2025" (en: "31 December 2025") into out; "–" for KR_NO_DATE. */
void kr_date_words(kr_date d, int en, char *out, size_t cap);
/*
 * A moment stored as UTC ("2026-12-07T13:07:41Z", as SQLite's strftime writes it) in the local time of this
 * machine, in words: "7 december 2026 om 14:07" (en: "7 December 2026 at 14:07"); the text itself when it is not
 * such a moment.
 */
void kr_moment_words(const char *utc, int en, char *out, size_t cap);

/*
 * Gestational age as whole days ("261") or weeks+days ("37+2", days 0..6).
 * The range check (154..315) is the caller's.
 */
kr_status kr_gestation_parse(const char *s, size_t n, int *days);

/* ---- periods ------------------------------------------------------------- */

/* A delivery period: a quarter (2025Q2) or a year (2025). */
typedef struct kr_period {
    char label[8];  /* canonical: "2025Q2" or "2025" */
    kr_date first;  /* first day */
    kr_date last;   /* last day */
} kr_period;

/* Parse "2025Q2", "2025q2", "2025-Q2" or "2025"; KR_EINVAL otherwise. */
kr_status kr_period_parse(const char *s, size_t n, kr_period *out);
/* The quarter (year_only 0) or year containing day d. */
void kr_period_of(kr_date d, int year_only, kr_period *out);
/* The period of the same length just before p (2025Q1 -> 2024Q4, 2025 -> 2024). */
void kr_period_previous(const kr_period *p, kr_period *out);

/*
 * Order of two periods for "latest period wins": later last day first; on
 * equal last days the shorter period wins. Returns >0 when a wins over b.
 */
int kr_period_cmp(const kr_period *a, const kr_period *b);

/* ---- bounded buffers ----------------------------------------------------- */

/*
 * A growable byte buffer with a hard upper bound, so that no allocation
 * driven by input can grow without limit. The buffer owns data; release
 * with kr_buf_fini. data is always NUL-terminated after a successful append.
 */
typedef struct kr_buf {
    char *data;
    size_t len;
    size_t cap;
    size_t max;
} kr_buf;

void kr_buf_init(kr_buf *b, size_t max);
void kr_buf_fini(kr_buf *b);
/* Append n bytes; KR_ETOOBIG past the bound, KR_ENOMEM when out of memory. */
kr_status kr_buf_append(kr_buf *b, const void *p, size_t n);
kr_status kr_buf_puts(kr_buf *b, const char *s);
/* printf-style append, bounded. */
kr_status kr_buf_printf(kr_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void kr_buf_reset(kr_buf *b);

/*
 * Make room for one more element in a growable array: *items (an array of
 * elem-sized elements with *cap slots, n in use) doubles from first when
 * full. KR_ENOMEM leaves the array as it was.
 */
kr_status kr_grow(void *items, size_t *cap, size_t n, size_t elem, size_t first);
/*
 * Room for need elements in *items (a T *), keeping what is there: the capacity doubles from
 * *cap (or first, when 0) until it holds need. KR_ENOMEM leaves *items and *cap as they were.
 */
kr_status kr_reserve(void *items, size_t *cap, size_t need, size_t elem, size_t first);

/* ---- small string helpers ------------------------------------------------ */

/* Trim ASCII spaces, tabs, CR and LF from both ends of (s, *n); returns the new start. */
const char *kr_trim(const char *s, size_t *n);
/* Case-insensitive ASCII comparison of (a, an) with NUL-terminated b. */
int kr_eq_ci(const char *a, size_t an, const char *b);
/* Copy at most cap-1 bytes and NUL-terminate; returns the number copied. */
size_t kr_strlcpy(char *dst, const char *src, size_t cap);
/* What a masked value reads where it is stored, in feedback files and in Dutch ("[verborgen]"). */
#define KR_HIDDEN "[verborgen]"
/* s with every KR_HIDDEN as English says it, "[hidden]" (in place: the text only shrinks). */
void kr_hidden_in_english(char *s);
/*
 * s as one word for a POSIX shell, into out (cap bytes), for the commands that messages suggest:
 * as it is when every byte is safe bare (letters, digits, _ . / : @ % + , = - and any non-ASCII
 * byte), else in double quotes, or in single quotes when it holds $ ` \ " or !. Returns out; a
 * word that does not fit is cut (still closed).
 */
const char *kr_shell_word(const char *s, char *out, size_t cap);
/* Parse a whole decimal integer (optional sign); KR_EINVAL if not one. */
kr_status kr_parse_int(const char *s, size_t n, long long *out);
/* Parse a decimal number with '.' or ',' as decimal separator. */
kr_status kr_parse_number(const char *s, size_t n, double *out);
/*
 * The number of terminal columns that the UTF-8 text s takes, for aligning columns: one per code
 * point, none for combining marks, zero-width characters and controls, two for East Asian wide and
 * fullwidth characters; a byte that is not part of valid UTF-8 counts as one. Independent of the
 * locale (unlike wcwidth).
 */
size_t kr_utf8_width(const char *s);

/* ---- files for the coordinator --------------------------------------------------- */

/*
 * Create (or truncate) path for writing, readable and writable by the owner only (0600, also
 * when it existed with another mode). NULL with errno on failure; the caller fcloses it.
 */
FILE *kr_fopen_private(const char *path);
/* 1 when a text value would start a formula in a spreadsheet (=, +, -, @, TAB, CR first). */
int kr_csv_formula_like(const char *s);
/*
 * Write s as one CSV text field: quoted when always_quote is set or it holds delim, a quote or a
 * line break (quotes doubled); a value that looks like a formula gets a leading ' so that Excel
 * shows it as text instead of running it.
 */
void kr_csv_text(FILE *out, const char *s, char delim, int always_quote);

/* ---- database ------------------------------------------------------------- */

#define KR_DEFAULT_DB "kansrijk.db"
/*
 * One row when linkage ran (table koppeling_run): 1 when a delivery was stored, replaced or withdrawn since then (a
 * refused one changes nothing), else 0. What status and the reports call out of date.
 */
#define KR_LINK_STALE_SQL                                                                                              \
    "SELECT (SELECT coalesce(max(id), 0) FROM levering WHERE status <> 'geweigerd') > laatste_levering OR "          \
    "(SELECT count(*) FROM levering WHERE status IN ('vervangen', 'ingetrokken')) > ledger_wijzigingen "              \
    "FROM koppeling_run"
#define KR_SCHEMA_VERSION 9
/*
 * How long a command waits for another one that is writing to the database
 * before it gives up with KR_EBUSY: KR_BUSY_TIMEOUT_S seconds, or the whole
 * number of seconds (0..3600) in the environment variable KANSRIJK_BUSY_TIMEOUT.
 * Long, because an ingest of a large delivery or a compute holds the write
 * lock for seconds; a second command started meanwhile should wait its turn,
 * not fail.
 */
#define KR_BUSY_TIMEOUT_S 30
int kr_db_busy_seconds(void);

/* How kr_db_open opens: the values keep 0 and 1 of the earlier create flag. */
enum {
    KR_DB_WRITE = 0,   /* an existing database that the command changes */
    KR_DB_CREATE = 1,  /* create it when missing (only 'kansrijk init') */
    KR_DB_READ = 2,    /* an existing database that the command only reads; may be read-only */
};

/*
 * Open the database at path, turn on WAL and foreign keys, and migrate the
 * schema to KR_SCHEMA_VERSION. mode is one of KR_DB_*: with KR_DB_CREATE a
 * missing file is created (mode 0600); otherwise a missing file is
 * KR_ENOTFOUND, and with KR_DB_WRITE a file that cannot be written is
 * KR_EREADONLY. A full disk is KR_EFULL, a database that stays locked by
 * another writer KR_EBUSY, a disk error KR_EIO. On success *out is an open
 * handle that the caller closes with kr_db_close. On failure a sentence that
 * says what happened and what to do is written to err (may be NULL).
 */
kr_status kr_db_open(const char *path, int mode, sqlite3 **out, char *err, size_t errcap);
/*
 * What the last failure on db was: KR_EFULL, KR_EBUSY, KR_EREADONLY, KR_EIO,
 * or KR_EDB for anything else, and in msg (cap bytes) a sentence that says
 * what happened and what to do ("the disk is full: free space on it and run
 * again"). Call it right after the failing call: a later ROLLBACK clears
 * SQLite's error (then the disk's free space is checked instead).
 */
kr_status kr_db_problem(sqlite3 *db, char *msg, size_t cap);
/* The same in lang, whatever the screen's: a record kept in English and in Dutch words it twice. */
kr_status kr_db_problem_in(sqlite3 *db, kr_lang lang, char *msg, size_t cap);
/*
 * Open a new, private in-memory database with the same settings and schema
 * as kr_db_open (no file, no WAL): for tests and fuzzing. On success *out is
 * an open handle that the caller closes with kr_db_close; on failure a
 * message is written to err (may be NULL).
 */
kr_status kr_db_open_memory(sqlite3 **out, char *err, size_t errcap);
/* Checkpoint the WAL and close; NULL is accepted. */
void kr_db_close(sqlite3 *db);
/*
 * The --db option that names db's file in a command to type next (" --db data/zl.db"), into out: the path
 * from the working folder when the file is in it, else the whole path; "" for kansrijk.db in the working
 * folder, the default. Returns out.
 */
const char *kr_db_arg(sqlite3 *db, char *out, size_t cap);
/* 1 when a delivery was stored, replaced or withdrawn after linkage last ran (KR_LINK_STALE_SQL: what status, the
 * reports' covers and the commands that show figures call out of date); 0 when not, or before any linkage. */
int kr_db_stale(sqlite3 *db);
/*
 * Run SQL without results. On failure KR_EDB, and "database: " with SQLite's message in err
 * (cap errcap; err may be NULL): kr_db_problem, called right after, words it for a person.
 */
kr_status kr_db_exec(sqlite3 *db, const char *sql, char *err, size_t errcap);
/* The schema version stored in the database (PRAGMA user_version). */
int kr_db_version(sqlite3 *db);
/* The text in column i of a row, "" when NULL (never NULL itself). */
const char *kr_column_text(sqlite3_stmt *st, int i);
/* The date in column i of a row (jjjj-mm-dd text), or KR_NO_DATE when empty or not a date. */
kr_date kr_column_date(sqlite3_stmt *st, int i);
/* Bind d as jjjj-mm-dd text to parameter i, or NULL for KR_NO_DATE. */
void kr_bind_date(sqlite3_stmt *st, int i, kr_date d);
/* The current UTC time as "jjjj-mm-ddThh:mm:ssZ" (SOURCE_DATE_EPOCH honoured). */
void kr_now_iso(char out[21]);

#endif
