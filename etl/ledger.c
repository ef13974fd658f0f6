/*
 * The delivery ledger as the coordinator sees it: every file offered, with its
 * hash, counts and fate (actief, vervangen, geweigerd, ingetrokken), and the
 * withdrawal of a wrongly labelled delivery.
 */
#include "etl_int.h"

#include <json-c/json.h>
#include <string.h>

static const char ledger_sql[] =
    "SELECT id, type, organisatie, periode, bestand, sha256, rows_read, rows_accepted, rows_rejected, "
    "rows_skipped, status, ingelezen_op, vervangt, vervangen_door, reden, synthetisch, warnings, bytes, "
    "ingetrokken_op FROM levering WHERE ?1 IS NULL OR status = ?1 ORDER BY id";

static json_object *text_or_null(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL ? NULL : json_object_new_string(kr_column_text(st, i));
}

static json_object *int_or_null(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL ? NULL : json_object_new_int64(sqlite3_column_int64(st, i));
}

kr_status etl_ledger_print(sqlite3 *db, const char *status, int json, FILE *out)
{
    sqlite3_stmt *st = NULL;
    json_object *arr = NULL;
    int rows = 0;
    if (sqlite3_prepare_v2(db, ledger_sql, -1, &st, NULL) != SQLITE_OK)
        return KR_EDB;
    if (status)
        sqlite3_bind_text(st, 1, status, -1, SQLITE_STATIC);
    if (json)
        arr = json_object_new_array();
    else
        fprintf(out, "%4s  %-12s %-12s %-7s %-11s %8s %8s %8s %6s  %s\n", "id", "type", "organisatie", "periode",
                "status", "read", "accepted", "rejected", "skip", "bestand");
    while (sqlite3_step(st) == SQLITE_ROW) {
        rows++;
        if (json) {
            json_object *o = json_object_new_object();
            json_object_object_add(o, "id", json_object_new_int64(sqlite3_column_int64(st, 0)));
            json_object_object_add(o, "type", json_object_new_string(kr_column_text(st, 1)));
            json_object_object_add(o, "organisatie", text_or_null(st, 2));
            json_object_object_add(o, "periode", text_or_null(st, 3));
            json_object_object_add(o, "bestand", json_object_new_string(kr_column_text(st, 4)));
            json_object_object_add(o, "sha256", json_object_new_string(kr_column_text(st, 5)));
            json_object_object_add(o, "bytes", json_object_new_int64(sqlite3_column_int64(st, 17)));
            json_object_object_add(o, "rows_read", json_object_new_int64(sqlite3_column_int64(st, 6)));
            json_object_object_add(o, "rows_accepted", json_object_new_int64(sqlite3_column_int64(st, 7)));
            json_object_object_add(o, "rows_rejected", json_object_new_int64(sqlite3_column_int64(st, 8)));
            json_object_object_add(o, "rows_skipped", json_object_new_int64(sqlite3_column_int64(st, 9)));
            json_object_object_add(o, "warnings", json_object_new_int64(sqlite3_column_int64(st, 16)));
            json_object_object_add(o, "status", json_object_new_string(kr_column_text(st, 10)));
            json_object_object_add(o, "ingelezen_op", json_object_new_string(kr_column_text(st, 11)));
            json_object_object_add(o, "vervangt", int_or_null(st, 12));
            json_object_object_add(o, "vervangen_door", int_or_null(st, 13));
            json_object_object_add(o, "reden", text_or_null(st, 14));
            json_object_object_add(o, "synthetisch", sqlite3_column_type(st, 15) == SQLITE_NULL
                                                         ? NULL
                                                         : json_object_new_boolean(sqlite3_column_int(st, 15)));
            json_object_object_add(o, "ingetrokken_op", text_or_null(st, 18));
            json_object_array_add(arr, o);
        } else {
            fprintf(out, "%4lld  %-12s %-12s %-7s %-11s %8lld %8lld %8lld %6lld  %s\n",
                    (long long)sqlite3_column_int64(st, 0), kr_column_text(st, 1), kr_column_text(st, 2), kr_column_text(st, 3),
                    kr_column_text(st, 10), (long long)sqlite3_column_int64(st, 6), (long long)sqlite3_column_int64(st, 7),
                    (long long)sqlite3_column_int64(st, 8), (long long)sqlite3_column_int64(st, 9), kr_column_text(st, 4));
            if (sqlite3_column_type(st, 12) != SQLITE_NULL)
                fprintf(out, "      replaces delivery %lld\n", (long long)sqlite3_column_int64(st, 12));
            if (sqlite3_column_type(st, 14) != SQLITE_NULL)
                fprintf(out, "      %s\n", kr_column_text(st, 14));
        }
    }
    sqlite3_finalize(st);
    if (json) {
        fputs(json_object_to_json_string_ext(arr, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE), out);
        fputc('\n', out);
        json_object_put(arr);
    } else if (rows == 0) {
        fputs(status ? "(no deliveries with that status)\n" : "(no deliveries yet: run 'kansrijk ingest FILE...')\n", out);
    }
    return KR_OK;
}

kr_status etl_delivery_purge(sqlite3 *db, const char *type, long long id, long long *removed)
{
    char sql[256];
    sqlite3_stmt *st = NULL;
    kr_status rc = KR_OK;
    const char *steps[] = {sql, "DELETE FROM afgewezen WHERE levering_id = ?1",
                           "DELETE FROM waarschuwing WHERE levering_id = ?1", NULL};
    (void)snprintf(sql, sizeof sql,
                   "DELETE FROM %s WHERE levering_id = ?1 AND id BETWEEN "
                   "(SELECT coalesce(eerste_rij, 0) FROM levering WHERE id = ?1) AND "
                   "(SELECT coalesce(laatste_rij, -1) FROM levering WHERE id = ?1)",
                   type);
    if (removed)
        *removed = 0;
    for (size_t i = etl_type_kind(type) == 1 ? 0 : 1; steps[i] && rc == KR_OK; i++) {
        if (sqlite3_prepare_v2(db, steps[i], -1, &st, NULL) != SQLITE_OK)
            return KR_EDB;
        sqlite3_bind_int64(st, 1, id);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = KR_EDB;
        else if (i == 0 && removed)
            *removed = sqlite3_changes(db);
        sqlite3_finalize(st);
    }
    return rc;
}

kr_status etl_ledger_withdraw(sqlite3 *db, long long id, char *msg, size_t msgcap)
{
    sqlite3_stmt *st = NULL;
    kr_status rc = KR_OK;
    char type[32] = "", status[16] = "", now[21];
    if (sqlite3_prepare_v2(db, "SELECT type, status FROM levering WHERE id = ?", -1, &st, NULL) != SQLITE_OK)
        return KR_EDB;
    sqlite3_bind_int64(st, 1, id);
    if (sqlite3_step(st) == SQLITE_ROW) {
        kr_strlcpy(type, kr_column_text(st, 0), sizeof type);
        kr_strlcpy(status, kr_column_text(st, 1), sizeof status);
    }
    sqlite3_finalize(st);
    st = NULL;
    if (!type[0]) {
        (void)snprintf(msg, msgcap, "there is no delivery %lld (see 'kansrijk deliveries')", id);
        return KR_ENOTFOUND;
    }
    if (strcmp(status, "actief") != 0) {
        (void)snprintf(msg, msgcap, "delivery %lld has status %s; only an active delivery can be withdrawn", id, status);
        return KR_EUSAGE;
    }
    if (etl_type_kind(type) != 1) {
        (void)snprintf(msg, msgcap,
                       "delivery %lld is reference data (%s); replace it by ingesting a corrected %s.csv instead", id,
                       type, type);
        return KR_EUSAGE;
    }
    char why[512];
    if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
        kr_status fail = kr_db_problem(db, why, sizeof why);
        (void)snprintf(msg, msgcap, "withdrawing delivery %lld failed: %s; nothing changed", id, why);
        return fail;
    }
    long long removed = 0;
    rc = etl_delivery_purge(db, type, id, &removed);
    kr_now_iso(now);
    if (rc == KR_OK) {
        if (sqlite3_prepare_v2(db, "UPDATE levering SET status = 'ingetrokken', ingetrokken_op = ?2 WHERE id = ?1",
                               -1, &st, NULL) != SQLITE_OK)
            rc = KR_EDB;
        else {
            sqlite3_bind_int64(st, 1, id);
            sqlite3_bind_text(st, 2, now, -1, SQLITE_STATIC);
            if (sqlite3_step(st) != SQLITE_DONE)
                rc = KR_EDB;
            sqlite3_finalize(st);
        }
    }
    if (rc == KR_OK && sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK) {
        (void)snprintf(msg, msgcap, "delivery %lld withdrawn: %lld rows removed; its ledger entry stays as 'ingetrokken'",
                       id, removed);
        return KR_OK;
    }
    kr_status fail = kr_db_problem(db, why, sizeof why);  /* before the ROLLBACK, which clears the cause */
    (void)sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    (void)snprintf(msg, msgcap, "withdrawing delivery %lld failed: %s; nothing changed", id, why);
    return fail;
}
