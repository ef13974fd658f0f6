/*
 * The prepared-statement helper (core/stmt.h): a row of typed values bound in one call, one
 * step to the end, and a failure worded by kr_db_problem.
 */
#include "stmt.h"

kr_status kr_stmt_prepare(sqlite3 *db, const char *sql, sqlite3_stmt **st, char *err, size_t errcap)
{
    *st = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, st, NULL) == SQLITE_OK)
        return KR_OK;
    sqlite3_finalize(*st);
    *st = NULL;
    return kr_db_problem(db, err, errcap);
}

kr_status kr_stmt_bind(sqlite3_stmt *st, const kr_value *v, int n, char *err, size_t errcap)
{
    for (int i = 0; i < n; i++) {
        int rc;
        switch (v[i].type) {
        case KR_VINT: rc = sqlite3_bind_int64(st, i + 1, v[i].i); break;
        case KR_VREAL: rc = sqlite3_bind_double(st, i + 1, v[i].d); break;
        case KR_VTEXT:
            rc = v[i].s ? sqlite3_bind_text(st, i + 1, v[i].s, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(st, i + 1);
            break;
        default: rc = sqlite3_bind_null(st, i + 1); break;
        }
        if (rc != SQLITE_OK) {
            if (err && errcap)
                (void)snprintf(err, errcap, "database error: parameter %d: %s", i + 1, sqlite3_errstr(rc));
            return rc == SQLITE_NOMEM ? KR_ENOMEM : KR_EDB;
        }
    }
    return KR_OK;
}

kr_status kr_stmt_run(sqlite3_stmt *st, const kr_value *v, int n, char *err, size_t errcap)
{
    kr_status rc = kr_stmt_bind(st, v, n, err, errcap);
    if (rc == KR_OK && sqlite3_step(st) != SQLITE_DONE)
        rc = kr_db_problem(sqlite3_db_handle(st), err, errcap);  /* before the reset */
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc;
}

kr_status kr_stmt_exec(sqlite3 *db, const char *sql, const kr_value *v, int n, char *err, size_t errcap)
{
    sqlite3_stmt *st = NULL;
    kr_status rc = kr_stmt_prepare(db, sql, &st, err, errcap);
    if (rc == KR_OK)
        rc = kr_stmt_run(st, v, n, err, errcap);
    sqlite3_finalize(st);
    return rc;
}
