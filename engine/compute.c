/*
 * `kansrijk compute`, first part: the trajectory facts. One SQL pass
 * (sql/feiten.sql, embedded) builds one row per trajectory with everything the
 * indicators need, as of the peildatum; the indicators are computed from it.
 */
#include "engine.h"

#include <string.h>

extern const char kr_sql_feiten[];

kr_status eng_default_peildatum(sqlite3 *db, kr_date *out)
{
    sqlite3_stmt *st = NULL;
    kr_status rc = KR_ENOTFOUND;
    if (sqlite3_prepare_v2(db,
                           "SELECT max(periode_eind) FROM levering WHERE status = 'actief' AND organisatie IS NOT NULL",
                           -1, &st, NULL) != SQLITE_OK)
        return KR_EDB;
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
        const char *s = (const char *)sqlite3_column_text(st, 0);
        rc = kr_date_parse(s, strlen(s), out) == KR_OK ? KR_OK : KR_EDB;
    }
    sqlite3_finalize(st);
    return rc;
}

kr_status eng_compute_facts(sqlite3 *db, kr_date peildatum, long long *trajectories)
{
    sqlite3_stmt *st = NULL;
    kr_status rc = KR_OK;
    char peil[11], now[21];
    kr_date_format(peildatum, peil);
    if (kr_db_exec(db, "SAVEPOINT feiten; DROP TABLE IF EXISTS temp.peil; CREATE TEMP TABLE peil (d TEXT)") != KR_OK)
        return KR_EDB;
    if (sqlite3_prepare_v2(db, "INSERT INTO temp.peil VALUES (?)", -1, &st, NULL) != SQLITE_OK) {
        rc = KR_EDB;
        goto cleanup;
    }
    sqlite3_bind_text(st, 1, peil, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = KR_EDB;
    sqlite3_finalize(st);
    st = NULL;
    if (rc != KR_OK || (rc = kr_db_exec(db, kr_sql_feiten)) != KR_OK)
        goto cleanup;
    kr_now_iso(now);
    if (sqlite3_prepare_v2(db,
                           "INSERT OR REPLACE INTO compute_run (id, uitgevoerd_op, peildatum, trajecten) "
                           "VALUES (1, ?1, ?2, (SELECT count(*) FROM feit_traject))",
                           -1, &st, NULL) != SQLITE_OK) {
        rc = KR_EDB;
        goto cleanup;
    }
    sqlite3_bind_text(st, 1, now, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, peil, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = KR_EDB;
    sqlite3_finalize(st);
    st = NULL;
    if (rc == KR_OK && trajectories) {
        if (sqlite3_prepare_v2(db, "SELECT count(*) FROM feit_traject", -1, &st, NULL) == SQLITE_OK &&
            sqlite3_step(st) == SQLITE_ROW)
            *trajectories = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
cleanup:
    if (rc == KR_OK)
        rc = kr_db_exec(db, "RELEASE feiten");
    else
        (void)sqlite3_exec(db, "ROLLBACK TO feiten; RELEASE feiten", NULL, NULL, NULL);
    return rc;
}
