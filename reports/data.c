/*
 * The rows a report reads: the suppressed outcome table and the published curves, with
 * the facts for the cover (peildatum, deliveries, synthetic), loaded once and looked up
 * by key. Only suppressed columns are read: never teller_ruw or noemer_ruw.
 */
#include "rpt_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Strings of the rows: chunks that are freed together. */
struct rpt_arena {
    struct rpt_arena *next;
    size_t used, cap;
    char mem[];
};

#define ARENA_CHUNK (256u * 1024u)

const char *rpt_intern(rpt_data *d, const char *s)
{
    size_t n = strlen(s) + 1;
    rpt_arena *a = d->arena;
    if (!a || a->cap - a->used < n) {
        size_t cap = n > ARENA_CHUNK ? n : ARENA_CHUNK;
        rpt_arena *b = malloc(sizeof *b + cap);
        if (!b)
            return NULL;
        b->next = a;
        b->used = 0;
        b->cap = cap;
        d->arena = a = b;
    }
    char *p = a->mem + a->used;
    memcpy(p, s, n);
    a->used += n;
    return p;
}

/* Interned text of column i ("" for NULL); NULL when out of memory. */
static const char *col(rpt_data *d, sqlite3_stmt *st, int i)
{
    return rpt_intern(d, kr_column_text(st, i));
}

static double col_real(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL ? NAN : sqlite3_column_double(st, i);
}

static long long col_count(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, i);
}

static int row_key_cmp(const rpt_row *a, const rpt_row *b)
{
    int c;
    if ((c = strcmp(a->indicator, b->indicator)) || (c = strcmp(a->regio, b->regio)) ||
        (c = strcmp(a->site, b->site)) || (c = strcmp(a->groep, b->groep)) ||
        (c = strcmp(a->groepwaarde, b->groepwaarde)))
        return c;
    return strcmp(a->periode, b->periode);
}

static int row_cmp(const void *a, const void *b)
{
    return row_key_cmp(a, b);
}

/* Grow *arr (of elem bytes) to hold one more than *n; KR_ENOMEM. */
static kr_status grow(void **arr, size_t *cap, size_t n, size_t elem)
{
    if (n < *cap)
        return KR_OK;
    size_t nc = *cap ? *cap * 2 : 1024;
    void *p = realloc(*arr, nc * elem);
    if (!p)
        return KR_ENOMEM;
    *arr = p;
    *cap = nc;
    return KR_OK;
}

rpt_row *rpt_data_new_row(rpt_data *d)
{
    if (grow((void **)&d->rows, &d->rows_cap, d->nrows, sizeof *d->rows) != KR_OK)
        return NULL;
    rpt_row *r = &d->rows[d->nrows++];
    memset(r, 0, sizeof *r);
    return r;
}

void rpt_data_sort(rpt_data *d, const rpt_row **dup)
{
    *dup = NULL;
    if (d->nrows > 1)
        qsort(d->rows, d->nrows, sizeof *d->rows, row_cmp);
    for (size_t i = 1; i < d->nrows; i++)
        if (row_key_cmp(&d->rows[i - 1], &d->rows[i]) == 0) {
            *dup = &d->rows[i];
            return;
        }
}

static kr_status load_rows(sqlite3 *db, rpt_data *d)
{
    sqlite3_stmt *st = NULL;
    kr_status rc = KR_EDB;
    if (sqlite3_prepare_v2(db,
                           "SELECT indicator, regio, site, groep, groepwaarde, periode, teller, noemer, waarde, "
                           "ci_laag, ci_hoog, onderdrukt, eenheid, voorlopig, doel, coalesce(status, '') FROM uitkomst "
                           "ORDER BY indicator, regio, site, groep, groepwaarde, periode",
                           -1, &st, NULL) != SQLITE_OK)
        goto cleanup;
    int s;
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        rpt_row *r = rpt_data_new_row(d);
        if (!r) {
            rc = KR_ENOMEM;
            goto cleanup;
        }
        r->indicator = col(d, st, 0);
        r->regio = col(d, st, 1);
        r->site = col(d, st, 2);
        r->groep = col(d, st, 3);
        r->groepwaarde = col(d, st, 4);
        r->periode = col(d, st, 5);
        r->eenheid = col(d, st, 12);
        r->status = col(d, st, 15);
        if (!r->indicator || !r->regio || !r->site || !r->groep || !r->groepwaarde || !r->periode || !r->eenheid ||
            !r->status) {
            rc = KR_ENOMEM;
            goto cleanup;
        }
        r->teller = col_count(st, 6);
        r->noemer = col_count(st, 7);
        r->waarde = col_real(st, 8);
        r->lo = col_real(st, 9);
        r->hi = col_real(st, 10);
        r->suppressed = kr_column_text(st, 11)[0] != '\0';
        r->voorlopig = sqlite3_column_int(st, 13) != 0;
        r->doel = col_real(st, 14);
    }
    rc = s == SQLITE_DONE ? KR_OK : KR_EDB;
cleanup:
    sqlite3_finalize(st);
    return rc;
}

static kr_status load_curves(sqlite3 *db, rpt_data *d)
{
    sqlite3_stmt *st = NULL;
    size_t cap = 0;
    kr_status rc = KR_EDB;
    if (sqlite3_prepare_v2(db,
                           "SELECT indicator, regio, site, groep, groepwaarde, periode, t, at_risk, s, ci_laag, "
                           "ci_hoog FROM uitkomst_curve "
                           "ORDER BY indicator, regio, site, groep, groepwaarde, periode, t",
                           -1, &st, NULL) != SQLITE_OK)
        goto cleanup;
    int s;
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        if ((rc = grow((void **)&d->curves, &cap, d->ncurves, sizeof *d->curves)) != KR_OK)
            goto cleanup;
        rpt_curve *c = &d->curves[d->ncurves];
        c->indicator = col(d, st, 0);
        c->regio = col(d, st, 1);
        c->site = col(d, st, 2);
        c->groep = col(d, st, 3);
        c->groepwaarde = col(d, st, 4);
        c->periode = col(d, st, 5);
        if (!c->indicator || !c->regio || !c->site || !c->groep || !c->groepwaarde || !c->periode) {
            rc = KR_ENOMEM;
            goto cleanup;
        }
        c->t = sqlite3_column_int(st, 6);
        c->at_risk = sqlite3_column_int64(st, 7);
        c->s = col_real(st, 8);
        c->lo = col_real(st, 9);
        c->hi = col_real(st, 10);
        d->ncurves++;
    }
    rc = s == SQLITE_DONE ? KR_OK : KR_EDB;
cleanup:
    sqlite3_finalize(st);
    return rc;
}

static kr_status load_places(sqlite3 *db, rpt_data *d, const char *sql, rpt_place **out, size_t *n)
{
    sqlite3_stmt *st = NULL;
    size_t cap = 0;
    kr_status rc = KR_EDB;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        goto cleanup;
    int s;
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        if ((rc = grow((void **)out, &cap, *n, sizeof **out)) != KR_OK)
            goto cleanup;
        rpt_place *p = &(*out)[*n];
        p->code = col(d, st, 0);
        p->naam = col(d, st, 1);
        p->regio = col(d, st, 2);
        if (!p->code || !p->naam || !p->regio) {
            rc = KR_ENOMEM;
            goto cleanup;
        }
        (*n)++;
    }
    rc = s == SQLITE_DONE ? KR_OK : KR_EDB;
cleanup:
    sqlite3_finalize(st);
    return rc;
}

static kr_status load_refs(sqlite3 *db, rpt_data *d)
{
    sqlite3_stmt *st = NULL;
    size_t cap = 0;
    kr_status rc = KR_EDB;
    if (sqlite3_prepare_v2(db, "SELECT indicator, periode, bron, waarde FROM referenties "
                               "ORDER BY indicator, periode, bron",
                           -1, &st, NULL) != SQLITE_OK)
        goto cleanup;
    int s;
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        if ((rc = grow((void **)&d->refs, &cap, d->nrefs, sizeof *d->refs)) != KR_OK)
            goto cleanup;
        rpt_reference *r = &d->refs[d->nrefs];
        r->indicator = col(d, st, 0);
        r->periode = col(d, st, 1);
        r->bron = col(d, st, 2);
        if (!r->indicator || !r->periode || !r->bron) {
            rc = KR_ENOMEM;
            goto cleanup;
        }
        r->waarde = sqlite3_column_double(st, 3);
        d->nrefs++;
    }
    rc = s == SQLITE_DONE ? KR_OK : KR_EDB;
cleanup:
    sqlite3_finalize(st);
    return rc;
}

const rpt_reference *rpt_reference_get(const rpt_data *d, const char *indicator, int year)
{
    const rpt_reference *best = NULL;
    for (size_t i = 0; i < d->nrefs; i++) {
        const rpt_reference *r = &d->refs[i];
        int y = rpt_year(r->periode);
        if (strcmp(r->indicator, indicator) == 0 && strlen(r->periode) == 4 && y <= year &&
            (!best || y > rpt_year(best->periode)))
            best = r;
    }
    return best;
}

/* The cover facts: peildatum, when compute ran, the deliveries, synthetic, stale. */
/*
 * The deliveries the table stands on, for the cover: the active extract deliveries (reference data aside) that were
 * there at the last compute (its linkage's last delivery: one stored since is not in the figures, and the cover says
 * so), of the organisations of regio (NULL: all). The synthetic mark is set by any of them, never cleared.
 */
static kr_status cover_counts(sqlite3 *db, rpt_data *d, const char *regio)
{
#define COVER_WHERE                                                                                                    \
    "WHERE status = 'actief' AND organisatie IS NOT NULL "                                                           \
    "AND id <= coalesce((SELECT laatste_levering FROM koppeling_run), id) "                                          \
    "AND (?1 IS NULL OR organisatie IN (SELECT code FROM organisaties WHERE regio = ?1)) "
    sqlite3_stmt *st = NULL;
    kr_status rc = KR_EDB;
    if (sqlite3_prepare_v2(db,
                           "SELECT count(*), count(DISTINCT organisatie), max(coalesce(synthetisch, 0)) FROM levering "
                           COVER_WHERE,
                           -1, &st, NULL) != SQLITE_OK)
        goto cleanup;
    if (regio)
        sqlite3_bind_text(st, 1, regio, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW) {
        d->deliveries = sqlite3_column_int64(st, 0);
        d->organisations = sqlite3_column_int64(st, 1);
        d->synthetic |= sqlite3_column_int(st, 2) != 0;
    }
    sqlite3_finalize(st);
    st = NULL;
    if (sqlite3_prepare_v2(db,
                           "SELECT bestand, substr(ingelezen_op, 1, 10) FROM levering " COVER_WHERE
                           "ORDER BY ingelezen_op DESC, id DESC LIMIT 1",
                           -1, &st, NULL) != SQLITE_OK)
        goto cleanup;
    if (regio)
        sqlite3_bind_text(st, 1, regio, -1, SQLITE_STATIC);
    d->latest[0] = d->latest_day[0] = '\0';
    if (sqlite3_step(st) == SQLITE_ROW) {
        kr_strlcpy(d->latest, kr_column_text(st, 0), sizeof d->latest);
        kr_strlcpy(d->latest_day, kr_column_text(st, 1), sizeof d->latest_day);
    }
    rc = KR_OK;
cleanup:
    sqlite3_finalize(st);
    return rc;
#undef COVER_WHERE
}

kr_status rpt_data_cover_region(sqlite3 *db, rpt_data *d, const char *regio)
{
    return strcmp(regio, "*") == 0 ? KR_OK : cover_counts(db, d, regio);
}

static kr_status load_cover(sqlite3 *db, rpt_data *d)
{
    sqlite3_stmt *st = NULL;
    kr_status rc = KR_EDB;
    if (sqlite3_prepare_v2(db, "SELECT peildatum, uitgevoerd_op FROM compute_run", -1, &st, NULL) != SQLITE_OK)
        goto cleanup;
    if (sqlite3_step(st) != SQLITE_ROW) {
        rc = KR_ENOTFOUND;
        goto cleanup;
    }
    d->peildatum = kr_column_date(st, 0);
    kr_strlcpy(d->computed_at, kr_column_text(st, 1), sizeof d->computed_at);
    sqlite3_finalize(st);
    st = NULL;
    if ((rc = cover_counts(db, d, NULL)) != KR_OK)
        goto cleanup;
    d->stale = kr_db_stale(db);
cleanup:
    sqlite3_finalize(st);
    return rc;
}

kr_status rpt_data_load_db(sqlite3 *db, rpt_data *d, int en, char *err, size_t cap)
{
    memset(d, 0, sizeof *d);
    d->peildatum = KR_NO_DATE;
    kr_status rc = load_cover(db, d);
    if (rc == KR_ENOTFOUND) {
        char dbarg[600];
        (void)snprintf(err, cap,
                       RPT_T(en, "er is nog niets berekend: voer eerst 'kansrijk compute%s' uit",
                             "nothing has been computed yet: run 'kansrijk compute%s' first"),
                       kr_db_arg(db, dbarg, sizeof dbarg));
        return rc;
    }
    if (rc == KR_OK)
        rc = load_rows(db, d);
    if (rc == KR_OK)
        rc = load_curves(db, d);
    if (rc == KR_OK)
        rc = load_places(db, d, "SELECT code, naam, code FROM regios ORDER BY code", &d->regions, &d->nregions);
    if (rc == KR_OK)
        rc = load_places(db, d, "SELECT code, naam, regio FROM sites ORDER BY code", &d->sites, &d->nsites);
    if (rc == KR_OK)
        rc = load_refs(db, d);
    /* municipalities by name for the breakdowns: the reference table, never the extracts */
    if (rc == KR_OK)
        rc = load_places(db, d, "SELECT gemeentecode, naam, regio FROM gemeenten ORDER BY gemeentecode", &d->gemeenten,
                         &d->ngemeenten);
    if (rc != KR_OK)
        (void)snprintf(err, cap, "%s: %s", RPT_T(en, "de uitkomstentabel kon niet worden gelezen",
                                                 "the outcome table could not be read"),
                       sqlite3_errmsg(db));
    return rc;
}

void rpt_data_fini(rpt_data *d)
{
    if (!d)
        return;
    free(d->rows);
    free(d->curves);
    free(d->regions);
    free(d->sites);
    free(d->refs);
    free(d->gemeenten);
    for (rpt_arena *a = d->arena, *next; a; a = next) {
        next = a->next;
        free(a);
    }
    memset(d, 0, sizeof *d);
}

const rpt_row *rpt_get(const rpt_data *d, const char *indicator, const char *regio, const char *site,
                       const char *groep, const char *groepwaarde, const char *periode)
{
    rpt_row key = {.indicator = indicator, .regio = regio, .site = site, .groep = groep,
                   .groepwaarde = groepwaarde, .periode = periode};
    return d->nrows ? bsearch(&key, d->rows, d->nrows, sizeof *d->rows, row_cmp) : NULL;
}

const rpt_row *rpt_total(const rpt_data *d, const char *indicator, const char *regio, const char *periode)
{
    return rpt_get(d, indicator, regio, "*", "totaal", "", periode);
}

const rpt_curve *rpt_curve_get(const rpt_data *d, const char *indicator, const char *regio, const char *groep,
                               const char *groepwaarde, const char *periode, size_t *n)
{
    *n = 0;
    /* the first step of the key by binary search, then the run of it */
    size_t lo = 0, hi = d->ncurves;
    rpt_row key = {.indicator = indicator, .regio = regio, .site = "*", .groep = groep,
                   .groepwaarde = groepwaarde, .periode = periode};
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const rpt_curve *c = &d->curves[mid];
        rpt_row k = {.indicator = c->indicator, .regio = c->regio, .site = c->site, .groep = c->groep,
                     .groepwaarde = c->groepwaarde, .periode = c->periode};
        if (row_key_cmp(&k, &key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t end = lo;
    while (end < d->ncurves) {
        const rpt_curve *c = &d->curves[end];
        rpt_row k = {.indicator = c->indicator, .regio = c->regio, .site = c->site, .groep = c->groep,
                     .groepwaarde = c->groepwaarde, .periode = c->periode};
        if (row_key_cmp(&k, &key) != 0)
            break;
        end++;
    }
    *n = end - lo;
    return *n ? &d->curves[lo] : NULL;
}

const char *rpt_place_name(const rpt_data *d, const char *code, int en)
{
    if (strcmp(code, "*") == 0)
        return RPT_T(en, "alle regio's", "all regions");
    for (size_t i = 0; i < d->nregions; i++)
        if (strcmp(d->regions[i].code, code) == 0)
            return d->regions[i].naam[0] ? d->regions[i].naam : code;
    for (size_t i = 0; i < d->nsites; i++)
        if (strcmp(d->sites[i].code, code) == 0)
            return d->sites[i].naam[0] ? d->sites[i].naam : code;
    return code;
}

const char *rpt_gemeente_name(const rpt_data *d, const char *code)
{
    for (size_t i = 0; i < d->ngemeenten; i++)
        if (strcmp(d->gemeenten[i].code, code) == 0)
            return d->gemeenten[i].naam[0] ? d->gemeenten[i].naam : code;
    return code;
}
