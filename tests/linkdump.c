/*
 * tests/linkdump: linkage's answer record by record, for the end-to-end scripts that check
 * linkage rule by rule (the extract rows keep no linkage; compute hands it over in memory).
 *
 *   linkdump DB [PEILDATUM]
 *
 * links as `kansrijk link` does (without a peildatum unless one is given), undoes what linkage
 * stored, and writes table test_link (tabel, id, actueel, traject_id, gekozen; traject_id NULL:
 * not linked, gekozen only for bevalling) with, per extract table T, a view T_k: T's rows with
 * those three columns, as the extract rows held them before schema version 7. Test databases only.
 */
#include "../core/codes.h"
#include "../core/kr.h"
#include "../core/stmt.h"
#include "../etl/etl.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct dumped {
    etl_link_rec *r;
    size_t n, cap;
} dumped;

static kr_status keep(void *ctx, const etl_link_rec *rec)
{
    dumped *d = ctx;
    if (!rec)  /* the end of the records */
        return KR_OK;
    if (kr_grow(&d->r, &d->cap, d->n, sizeof *d->r, 4096) != KR_OK)
        return KR_ENOMEM;
    d->r[d->n++] = *rec;
    return KR_OK;
}

static const char *const extract[] = {KR_EXTRACT_TYPES(KR_NAME_OF_TYPE)};

int main(int argc, char **argv)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *ins = NULL;
    dumped d = {NULL, 0, 0};
    etl_link_stats ls;
    kr_date peil = 0;
    char err[512] = "";
    int rc = 1;
    if (argc < 2 || argc > 3) {
        fputs("usage: linkdump DB [PEILDATUM]\n", stderr);
        return 2;
    }
    if (argc == 3 && kr_date_parse(argv[2], strlen(argv[2]), &peil) != KR_OK) {
        fprintf(stderr, "linkdump: not a date: %s\n", argv[2]);
        return 2;
    }
    if (kr_db_open(argv[1], KR_DB_WRITE, &db, err, sizeof err) != KR_OK) {
        fprintf(stderr, "linkdump: %s\n", err);
        return 1;
    }
    if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        goto cleanup;
    kr_status st = etl_link(db, argc == 3, peil, keep, &d, &ls, err, sizeof err);
    (void)sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);  /* what linkage stored: this run leaves nothing */
    if (st != KR_OK) {
        fprintf(stderr, "linkdump: linkage failed: %s\n", err[0] ? err : kr_strerror(st));
        goto cleanup;
    }
    if (sqlite3_exec(db,
                     "BEGIN; DROP TABLE IF EXISTS test_link; CREATE TABLE test_link (tabel TEXT NOT NULL, id INTEGER "
                     "NOT NULL, actueel INTEGER NOT NULL, traject_id INTEGER, gekozen INTEGER, PRIMARY KEY (tabel, "
                     "id)) WITHOUT ROWID",
                     NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "INSERT INTO test_link VALUES (?1, ?2, ?3, ?4, ?5)", -1, &ins, NULL) != SQLITE_OK)
        goto cleanup;
    const int bevalling = kr_extract_type("bevalling");
    for (size_t i = 0; i < d.n; i++) {
        const etl_link_rec *r = &d.r[i];
        if (kr_stmt_run(ins,
                        KR_ROW(KR_TEXT(extract[r->type]), KR_INT(r->rowid), KR_INT(r->actueel),
                               r->traject ? KR_INT(r->traject) : KR_NULL,
                               r->type == bevalling && r->traject ? KR_INT(r->gekozen) : KR_NULL),
                        err, sizeof err) != KR_OK)
            goto cleanup;
    }
    for (size_t t = 0; t < sizeof extract / sizeof extract[0]; t++) {
        char sql[400];
        (void)snprintf(sql, sizeof sql,
                       "DROP VIEW IF EXISTS %s_k; CREATE VIEW %s_k AS SELECT x.*, k.actueel, k.traject_id%s FROM %s x "
                       "LEFT JOIN test_link k ON k.tabel = '%s' AND k.id = x.id",
                       extract[t], extract[t], strcmp(extract[t], "bevalling") ? "" : ", k.gekozen", extract[t],
                       extract[t]);
        if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
            goto cleanup;
    }
    if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK)
        rc = 0;
cleanup:
    if (rc)
        fprintf(stderr, "linkdump: %s\n", err[0] ? err : sqlite3_errmsg(db));
    sqlite3_finalize(ins);
    kr_db_close(db);
    free(d.r);
    return rc;
}
