/*
 * The registry of an ingest: what the database knows about organisations, municipalities (and
 * their successors), regions and sites, loaded once per session and looked up per value.
 */
#include "ingest_int.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <nettle/sha2.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- the registry ------------------------------------------------------------------ */

void etl_registry_fini(registry *g)
{
    free(g->orgs);
    free(g->gms);
    free(g->regios);
    free(g->sites);
    memset(g, 0, sizeof *g);
}

static kr_status load_codes(sqlite3 *db, const char *sql, reg_code **out, size_t *n, int up)
{
    sqlite3_stmt *st = NULL;
    kr_status rc = KR_OK;
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return KR_EDB;
    while (sqlite3_step(st) == SQLITE_ROW) {
        if ((rc = kr_grow(out, &cap, *n, sizeof **out, 64)) != KR_OK)
            break;
        const char *c = (const char *)sqlite3_column_text(st, 0);
        kr_strlcpy((*out)[*n].code, c ? c : "", sizeof(*out)[*n].code);
        if (up)
            upper((*out)[*n].code);
        else
            lower((*out)[*n].code);
        (*n)++;
    }
    sqlite3_finalize(st);
    if (*n)
        qsort(*out, *n, sizeof **out, cmp_code);
    return rc;
}

kr_status etl_registry_load(sqlite3 *db, registry *g)
{
    sqlite3_stmt *st = NULL;
    kr_status rc = KR_OK;
    size_t cap = 0;
    etl_registry_fini(g);
    if (db == NULL)
        return KR_OK;
    if (sqlite3_prepare_v2(db, "SELECT code, lijn, synthetisch = 'ja' FROM organisaties", -1, &st, NULL) != SQLITE_OK)
        return KR_EDB;
    while (sqlite3_step(st) == SQLITE_ROW) {
        if ((rc = kr_grow(&g->orgs, &cap, g->norgs, sizeof *g->orgs, 64)) != KR_OK)
            goto cleanup;
        reg_org *o = &g->orgs[g->norgs++];
        const char *c = (const char *)sqlite3_column_text(st, 0);
        kr_strlcpy(o->code, c ? c : "", sizeof o->code);
        upper(o->code);
        o->lijn = sqlite3_column_int(st, 1);
        o->synthetisch = sqlite3_column_int(st, 2);
    }
    sqlite3_finalize(st);
    st = NULL;
    if (g->norgs)
        qsort(g->orgs, g->norgs, sizeof *g->orgs, cmp_code);

    /* municipalities, with chains of mergers followed to the end */
    if (sqlite3_prepare_v2(db, ETL_GM_CHAIN "SELECT k.code, k.opvolger FROM ketting k WHERE" ETL_GM_CHAIN_LAST, -1,
                           &st, NULL) != SQLITE_OK) {
        rc = KR_EDB;
        goto cleanup;
    }
    cap = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        if ((rc = kr_grow(&g->gms, &cap, g->ngms, sizeof *g->gms, 64)) != KR_OK)
            goto cleanup;
        reg_gm *m = &g->gms[g->ngms++];
        const char *c = (const char *)sqlite3_column_text(st, 0);
        const char *s2 = (const char *)sqlite3_column_text(st, 1);
        kr_strlcpy(m->code, c ? c : "", sizeof m->code);
        kr_strlcpy(m->successor, s2 ? s2 : m->code, sizeof m->successor);
        upper(m->code);
        upper(m->successor);
    }
    sqlite3_finalize(st);
    st = NULL;
    if (g->ngms)
        qsort(g->gms, g->ngms, sizeof *g->gms, cmp_code);
    if ((rc = load_codes(db, "SELECT code FROM regios", &g->regios, &g->nregios, 0)) != KR_OK)
        goto cleanup;
    if ((rc = load_codes(db, "SELECT code FROM sites", &g->sites, &g->nsites, 1)) != KR_OK)
        goto cleanup;
    g->loaded = 1;
cleanup:
    sqlite3_finalize(st);
    return rc;
}

const reg_org *etl_find_org(const registry *g, const char *code)
{
    if (!g->norgs)
        return NULL;
    return bsearch(code, g->orgs, g->norgs, sizeof *g->orgs, cmp_code);
}

const reg_gm *etl_find_gm(const registry *g, const char *code)
{
    if (!g->ngms)
        return NULL;
    return bsearch(code, g->gms, g->ngms, sizeof *g->gms, cmp_code);
}

int etl_find_code(const reg_code *list, size_t n, const char *code)
{
    return n && bsearch(code, list, n, sizeof *list, cmp_code) != NULL;
}

