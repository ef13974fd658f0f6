/*
 * Helpers shared by the libFuzzer targets: a private scratch folder, writing
 * inputs to files, and a database with the reference data of
 * samples/referentie loaded, restored before every run so that each run
 * starts from the same state. Anything unexpected aborts (a finding).
 */
#ifndef FUZZ_UTIL_H
#define FUZZ_UTIL_H

#include "../../etl/etl_int.h"

/* Abort with the condition and its place when cond is false. */
#define FZ_CHECK(cond)                                                                                  \
    do {                                                                                                \
        if (!(cond))                                                                                    \
            fz_fail(__FILE__, __LINE__, #cond);                                                         \
    } while (0)

void fz_fail(const char *file, int line, const char *what) __attribute__((noreturn));

/*
 * A new folder /tmp/kansrijk-<name>-XXXXXX, mode 0700, removed with what it
 * holds at exit. The string is static.
 */
const char *fz_scratch(const char *name);
/* Remove every file in the folder dir (not the folder). */
void fz_clear(const char *dir);
/* Write n bytes to path (created 0600 or truncated); aborts on failure. */
void fz_write(const char *path, const void *p, size_t n);

/*
 * An in-memory database with the schema and the reference data of
 * samples/referentie ingested (their files are written into dir first).
 * Aborts unless every list is accepted. Close with kr_db_close.
 */
sqlite3 *fz_reference_db(const char *dir);
/* Make dst a copy of src (the SQLite backup API); aborts on failure. */
void fz_restore(sqlite3 *dst, sqlite3 *src);
/* The single integer of a query, or -1 when it fails or gives no row. */
long long fz_int(sqlite3 *db, const char *sql);

/*
 * Check every feedback file in dir: fields quoted, separated by ';', rows ended
 * by CRLF, and no field that starts with = + - or @ (Excel would run it as a
 * formula; EXTRACTS.md wants a leading ' then). Aborts otherwise.
 */
void fz_check_feedback(const char *dir);

/*
 * Render a result as the command line does: the human summary (to stderr with
 * KANSRIJK_FUZZ_VERBOSE=1, else discarded) and the JSON report.
 */
void fz_render(const etl_result *r);

#endif
