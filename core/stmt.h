/*
 * kansrijk core: a small prepared-statement helper. A row of typed values binds to parameters
 * 1..n in one call (text is copied: SQLITE_TRANSIENT), a statement runs once and is reset for
 * the next row, and a failure comes back as kr_db_problem's status with its sentence in the
 * caller's buffer.
 */
#ifndef KR_STMT_H
#define KR_STMT_H

#include "kr.h"

/* One value of a row: SQL NULL, an integer, a real or a text. */
typedef struct kr_value {
    enum { KR_VNULL, KR_VINT, KR_VREAL, KR_VTEXT } type;
    long long i;
    double d;
    const char *s;  /* KR_VTEXT: NUL-terminated, borrowed for the call; NULL binds SQL NULL */
} kr_value;

#define KR_NULL ((kr_value){.type = KR_VNULL})
#define KR_INT(x) ((kr_value){.type = KR_VINT, .i = (x)})
#define KR_REAL(x) ((kr_value){.type = KR_VREAL, .d = (x)})
#define KR_TEXT(x) ((kr_value){.type = KR_VTEXT, .s = (x)})

/* Text, or SQL NULL when s is NULL or empty. */
static inline kr_value kr_text_or_null(const char *s)
{
    return s && s[0] ? KR_TEXT(s) : KR_NULL;
}

/*
 * The values of a row as the (array, count) pair that kr_stmt_bind, kr_stmt_run and kr_stmt_exec
 * take: kr_stmt_run(st, KR_ROW(KR_INT(id), KR_TEXT(now)), err, errcap). Value i binds to
 * parameter i + 1 (?1, ?2, ... or plain ? in order).
 */
#define KR_ROW(...)                                                                                                   \
    ((const kr_value[]){__VA_ARGS__}), (int)(sizeof((const kr_value[]){__VA_ARGS__}) / sizeof(kr_value))

/*
 * Prepare sql on db into *st (the caller finalizes it with sqlite3_finalize, also after an
 * error: *st is then NULL). On failure kr_db_problem's status and sentence (err may be NULL).
 */
kr_status kr_stmt_prepare(sqlite3 *db, const char *sql, sqlite3_stmt **st, char *err, size_t errcap);
/* Bind the n values v to parameters 1..n of st; KR_EDB (with SQLite's message in err) when one does not bind. */
kr_status kr_stmt_bind(sqlite3_stmt *st, const kr_value *v, int n, char *err, size_t errcap);
/*
 * Bind the row, step st once to its end, then reset it and clear its bindings for the next row.
 * A statement that yields rows is an error here (read those with kr_stmt_bind and
 * sqlite3_step). On failure kr_db_problem's status and sentence (err may be NULL); SQLite's error
 * stays on the connection for a later kr_db_problem too.
 */
kr_status kr_stmt_run(sqlite3_stmt *st, const kr_value *v, int n, char *err, size_t errcap);
/* Prepare sql, run it once with the row (kr_stmt_run), finalize. */
kr_status kr_stmt_exec(sqlite3 *db, const char *sql, const kr_value *v, int n, char *err, size_t errcap);

#endif
