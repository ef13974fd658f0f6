/*
 * Linkage: the records of different partners become trajectories (one per
 * pregnancy of one client, with its children), exactly as EXTRACTS.md
 * describes. Everything is decided from record contents, never from rowids or
 * ingestion order, so the same deliveries always give the same trajectories.
 * At national scale (millions of records) memory access decides the speed: a
 * record takes 32 bytes, the tables read at random are few and prefetched,
 * versions are chosen per hash partition of the keys, clients are grouped with
 * a counting sort. Nothing is written into the extract rows: the table traject and the counts
 * are stored, and what was decided for each record goes to the caller's visitor (compute hands
 * it to the trajectory facts in memory, core/links.h).
 */
#include "link_int.h"
#include "../core/links.h"
#include "../core/stmt.h"

#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <xxhash.h>

/* ---- one client's pregnancies --------------------------------------------------------------------- */

static int cmp_i32(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

static void sort_i32(int32_t *a, size_t n)
{
    if (n > 24) {
        qsort(a, n, sizeof *a, cmp_i32);
        return;
    }
    for (size_t i = 1; i < n; i++) {
        int32_t v = a[i];
        size_t j = i;
        while (j > 0 && a[j - 1] > v) {
            a[j] = a[j - 1];
            j--;
        }
        a[j] = v;
    }
}

static int64_t traject_id(const char *client, int32_t due)
{
    unsigned char buf[80];
    size_t n = strlen(client);
    if (n > 64)
        n = 64;
    memcpy(buf, client, n);
    memcpy(buf + n, &due, sizeof due);
    int64_t id = (int64_t)(XXH3_64bits(buf, n + sizeof due) >> 1);
    return id ? id : 1;
}

static const zwinfo *zw_of(const linker *L, uint32_t i)
{
    return &L->zw[i - L->base[T_ZW]];
}

static const bvinfo *bv_of(const linker *L, uint32_t i)
{
    return &L->bv[i - L->base[T_BV]];
}

/* Is zwangerschap record a a better choice than b for its pregnancy? */
static int zw_better(const linker *L, uint32_t a, uint32_t b)
{
    const zwinfo *za = zw_of(L, a), *zb = zw_of(L, b);
    if (za->intake != zb->intake)
        return za->intake < zb->intake;
    int c = strcmp(L->orgs.s[za->org], L->orgs.s[zb->org]);
    if (c != 0)
        return c < 0;
    if (L->r[a].due != L->r[b].due)
        return L->r[a].due < L->r[b].due;
    return za->key < zb->key;
}

/* Is bevalling record a a better record of its child than b? */
static int bv_better(const linker *L, uint32_t a, uint32_t b)
{
    const rec *x = &L->r[a], *y = &L->r[b];
    int la = L->oi[x->org].lijn, lb = L->oi[y->org].lijn;
    if (la != lb)
        return la > lb;
    int c = strcmp(L->orgs.s[x->org], L->orgs.s[y->org]);
    if (c != 0)
        return c < 0;
    const bvinfo *ba = bv_of(L, a), *bb = bv_of(L, b);
    if (ba->pend != bb->pend)
        return ba->pend > bb->pend;
    if (x->birth != y->birth)
        return x->birth < y->birth;
    return ba->key < bb->key;
}

static int64_t absdiff(int32_t a, int32_t b)
{
    int64_t d = (int64_t)a - b;
    return d < 0 ? -d : d;
}

/*
 * Step 1 of a client: single linkage of its due dates (a gap of more than 42 days starts a new
 * pregnancy); records with a due date link to the cluster holding it, and each pregnancy chooses
 * its zwangerschap row. Returns the number of pregnancies in L->pg.
 */
static size_t cluster_dues(linker *L, const uint32_t *ix, size_t m, int32_t *dues, size_t nd)
{
    preg *pg = L->pg;
    size_t np = 0;
    sort_i32(dues, nd);
    for (size_t k = 0; k < nd; k++) {
        if (np == 0 || dues[k] - pg[np - 1].hi > 42) {
            memset(&pg[np], 0, sizeof pg[np]);
            pg[np].lo = pg[np].hi = dues[k];
            pg[np].zw = -1;
            pg[np].bv_org = -1;
            pg[np].birth = KR_NO_DATE;
            np++;
        } else {
            pg[np - 1].hi = dues[k];
        }
    }
    /* records with a due date link by it (to the cluster holding it); choose each pregnancy's zwangerschap row */
    for (size_t k = 0; k < m; k++) {
        rec *x = &L->r[ix[k]];
        if (x->due == KR_NO_DATE)
            continue;
        size_t lo = 0, hi = np - 1;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (x->due > pg[mid].hi)
                lo = mid + 1;
            else
                hi = mid;
        }
        x->tr = (uint32_t)lo;
        if (x->table == T_ZW && (pg[lo].zw < 0 || zw_better(L, ix[k], ix[pg[lo].zw])))
            pg[lo].zw = (int)k;
    }
    for (size_t p = 0; p < np; p++)
        pg[p].due = pg[p].zw >= 0 ? L->r[ix[pg[p].zw]].due : pg[p].lo;
    return np;
}

/* Step 3: one bevalling row per (pregnancy, kind_volgnummer) is chosen; each pregnancy gets its children and birth. */
static void choose_children(linker *L, const uint32_t *bvs, size_t nb)
{
    preg *pg = L->pg;
    for (size_t k = 0; k < nb; k++) {
        rec *x = &L->r[bvs[k]];
        uint8_t kind = bv_of(L, bvs[k])->kind;
        int chosen = 1;
        for (size_t j = 0; j < nb && chosen; j++) {
            const rec *y = &L->r[bvs[j]];
            if (j != k && y->tr == x->tr && bv_of(L, bvs[j])->kind == kind && bv_better(L, bvs[j], bvs[k]))
                chosen = 0;
        }
        if (!chosen)
            continue;
        x->flags |= F_GEKOZEN;
        if (x->tr == TR_NONE)
            continue;  /* no due date: not the child of a pregnancy */
        preg *p = &pg[x->tr];
        p->children++;
        /* the earliest child; twins born the same day: the lower kind_volgnummer, whatever the order read */
        if (p->birth == KR_NO_DATE || x->birth < p->birth || (x->birth == p->birth && kind < p->bv_kind)) {
            p->birth = x->birth;
            p->bv_org = bv_of(L, bvs[k])->org;
            p->bv_kind = kind;
        }
    }
}

/* Step 2: records with only a birth date link to a chosen bevalling within 2 days, else to the nearest due date. */
static void link_by_birth(linker *L, const uint32_t *ix, size_t m, const uint32_t *bvs, size_t nb, size_t np)
{
    const preg *pg = L->pg;
    for (size_t k = 0; k < m; k++) {
        rec *x = &L->r[ix[k]];
        if (x->due != KR_NO_DATE || x->birth == KR_NO_DATE)
            continue;
        long best = -1;
        int64_t bestd = 0;
        for (size_t j = 0; j < nb; j++) {  /* a bevalling within 2 days: the closest birth, then the earliest due */
            const rec *y = &L->r[bvs[j]];
            if (!(y->flags & F_GEKOZEN) || y->tr == TR_NONE)
                continue;
            int64_t d = absdiff(y->birth, x->birth);
            if (d > 2)
                continue;
            size_t p = y->tr;
            if (best < 0 || d < bestd || (d == bestd && pg[p].due < pg[best].due)) {
                best = (long)p;
                bestd = d;
            }
        }
        if (best < 0) {
            for (size_t p = 0; p < np; p++) {  /* else the due date closest to the birth */
                int64_t d = (int64_t)pg[p].due - x->birth;
                if (d < -35 || d > 126)
                    continue;
                d = d < 0 ? -d : d;
                if (best < 0 || d < bestd || (d == bestd && pg[p].due < pg[best].due)) {
                    best = (long)p;
                    bestd = d;
                }
            }
        }
        x->tr = best < 0 ? TR_NONE : (uint32_t)best;
    }
}

/* The pregnancies of a client as trajectories in L->t, with their ids; its records point to them. */
static kr_status emit_trajectories(linker *L, const uint32_t *ix, size_t m, size_t np)
{
    preg *pg = L->pg;
    kr_status rc;
    if (L->nt + np >= TR_MAX)
        return KR_ENOMEM;
    if ((rc = kr_reserve(&L->t, &L->capt, L->nt + np, sizeof *L->t, 16)) != KR_OK)
        return rc;
    uint32_t client = m ? L->r[ix[0]].client : 0;
    for (size_t p = 0; p < np; p++)
        pg[p].id = traject_id(L->clients.s[client], pg[p].due);
    for (size_t k = 0; k < m; k++) {
        rec *x = &L->r[ix[k]];
        if (x->tr != TR_NONE) {
            pg[x->tr].records++;
            x->tr += (uint32_t)L->nt;
        }
    }
    for (size_t p = 0; p < np; p++) {
        traject_out *o = &L->t[L->nt++];
        const uint32_t zi = pg[p].zw >= 0 ? ix[pg[p].zw] : 0;
        const zwinfo *z = pg[p].zw >= 0 ? zw_of(L, zi) : NULL;
        o->id = pg[p].id;
        o->zw_rowid = z ? L->r[zi].rowid : 0;
        o->client = client;
        o->due = pg[p].due;
        o->intake = z ? z->intake : KR_NO_DATE;
        o->intake_org = z ? z->org : -1;
        o->gm = z ? z->gm : -1;
        o->bv_org = pg[p].bv_org;
        o->birth = pg[p].birth;
        o->children = pg[p].children;
        o->records = pg[p].records;
    }
    return KR_OK;
}

/*
 * The records ix[0..m) of one client (in load order) become its pregnancies:
 * rec.tr gets the trajectory's index in L->t, or TR_NONE.
 */
static kr_status link_client(linker *L, const uint32_t *ix, size_t m)
{
    kr_status rc;
    size_t nd = 0, nb = 0;
    if ((rc = kr_reserve(&L->dues, &L->capdues, m, sizeof *L->dues, 16)) != KR_OK ||
        (rc = kr_reserve(&L->pg, &L->cappg, m, sizeof *L->pg, 16)) != KR_OK ||
        (rc = kr_reserve(&L->bvs, &L->capbvs, m, sizeof *L->bvs, 16)) != KR_OK)
        return rc;
    for (size_t k = 0; k < m; k++) {
        rec *x = &L->r[ix[k]];
        x->tr = TR_NONE;
        if (x->due != KR_NO_DATE)
            L->dues[nd++] = x->due;
        if (x->table == T_BV)
            L->bvs[nb++] = ix[k];
    }
    size_t np = cluster_dues(L, ix, m, L->dues, nd);
    choose_children(L, L->bvs, nb);
    link_by_birth(L, ix, m, L->bvs, nb, np);
    return emit_trajectories(L, ix, m, np);
}

/* Group the considered records by client (a counting sort, load order kept within a client) and link each. */
static kr_status link_all(linker *L)
{
    kr_status rc = KR_OK;
    size_t nclients = L->clients.n;
    uint32_t *pos = calloc(nclients + 1, sizeof *pos);
    uint32_t *ix = NULL;
    size_t nc = 0;
    if (!pos)
        return KR_ENOMEM;
    for (size_t i = 0; i < L->n; i++) {
        rec *x = &L->r[i];
        x->tr = TR_NONE;
        if ((x->flags & (F_ACTUEEL | F_INPEIL)) == (F_ACTUEEL | F_INPEIL)) {
            pos[x->client + 1]++;
            nc++;
        }
    }
    ix = malloc((nc ? nc : 1) * sizeof *ix);
    if (!ix) {
        rc = KR_ENOMEM;
        goto cleanup;
    }
    for (size_t c = 0; c < nclients; c++)
        pos[c + 1] += pos[c];
    for (size_t i = 0; i < L->n; i++)
        if ((L->r[i].flags & (F_ACTUEEL | F_INPEIL)) == (F_ACTUEEL | F_INPEIL))
            ix[pos[L->r[i].client]++] = (uint32_t)i;
    /* pos[c] is now where client c's records end */
    for (size_t c = 0, begin = 0; c < nclients && rc == KR_OK; c++) {
        if (pos[c] > begin)
            rc = link_client(L, ix + begin, pos[c] - begin);
        begin = pos[c];
    }
cleanup:
    free(pos);
    free(ix);
    return rc;
}

/* ---- writing --------------------------------------------------------------------------------- */

/* A trajectory's row as written: texts (NULL = SQL NULL) and integers. */
typedef struct traject_row {
    char due[11], intake[11], birth[11];
    const char *text[8];   /* client, due, intake, intake_org, gm, regio, site, birth: columns 2..9 */
} traject_row;

static const char *str_or_null(const char *s)
{
    return s && *s ? s : NULL;
}

static void traject_values(const linker *L, const traject_out *t, traject_row *v)
{
    const char *regio = NULL, *site = NULL;
    if (t->gm >= 0 && L->gms.s[t->gm][0])
        regio = L->gm_regio[t->gm];
    else if (t->bv_org >= 0)
        regio = L->oi[t->bv_org].regio;
    if (t->intake_org >= 0)
        site = L->oi[t->intake_org].site;
    else if (t->bv_org >= 0)
        site = L->oi[t->bv_org].site;
    kr_date_format(t->due, v->due);
    if (t->intake != KR_NO_DATE)
        kr_date_format(t->intake, v->intake);
    if (t->birth != KR_NO_DATE)
        kr_date_format(t->birth, v->birth);
    v->text[0] = L->clients.s[t->client];
    v->text[1] = t->due == KR_NO_DATE ? NULL : v->due;
    v->text[2] = t->intake == KR_NO_DATE ? NULL : v->intake;
    v->text[3] = str_or_null(t->intake_org >= 0 ? L->orgs.s[t->intake_org] : NULL);
    v->text[4] = str_or_null(t->gm < 0 ? NULL : L->gm_now[t->gm][0] ? L->gm_now[t->gm] : L->gms.s[t->gm]);
    v->text[5] = str_or_null(regio);
    v->text[6] = site && *site ? site : "onbekend";
    v->text[7] = t->birth == KR_NO_DATE ? NULL : v->birth;
}

static int col_is_text(sqlite3_stmt *st, int i, const char *s)
{
    if (!s)
        return sqlite3_column_type(st, i) == SQLITE_NULL;
    size_t n = strlen(s);
    return sqlite3_column_type(st, i) == SQLITE_TEXT && (size_t)sqlite3_column_bytes(st, i) == n &&
           memcmp(sqlite3_column_text(st, i), s, n) == 0;
}

static int col_is_int(sqlite3_stmt *st, int i, int64_t v)
{
    return sqlite3_column_type(st, i) == SQLITE_INTEGER && sqlite3_column_int64(st, i) == v;
}

/* Does the stored row (id, then the columns of traject_row, kinderen, records, zwangerschap_id) hold t? */
static int traject_same(const linker *L, sqlite3_stmt *st, const traject_out *t)
{
    traject_row v;
    traject_values(L, t, &v);
    for (int c = 0; c < 8; c++)
        if (!col_is_text(st, c + 1, v.text[c]))
            return 0;
    if (!col_is_int(st, 9, t->children) || !col_is_int(st, 10, t->records))
        return 0;
    return t->zw_rowid ? col_is_int(st, 11, t->zw_rowid) : sqlite3_column_type(st, 11) == SQLITE_NULL;
}

typedef struct idix {
    int64_t id;
    uint32_t ix;
} idix;

static int cmp_idix(const void *a, const void *b)
{
    int64_t x = ((const idix *)a)->id, y = ((const idix *)b)->id;
    return (x > y) - (x < y);
}

/*
 * Make table traject hold exactly the trajectories by[0..n) (sorted by id):
 * rows that did not change are left alone, the others deleted or replaced.
 */
static kr_status write_trajects(linker *L, const idix *by, size_t n)
{
    sqlite3_stmt *st = NULL;
    kr_status rc = KR_OK;
    uint32_t *put = NULL;
    int64_t *del = NULL;
    size_t nput = 0, capput = 0, ndel = 0, capdel = 0, k = 0;
    int step;
    if (sqlite3_prepare_v2(L->db,
                           "SELECT id, client_pseudoniem, a_terme_datum, intake_datum, intake_organisatie, "
                           "gemeentecode, regio, site, geboortedatum, kinderen, records, zwangerschap_id FROM traject "
                           "ORDER BY id",
                           -1, &st, NULL) != SQLITE_OK)
        return KR_EDB;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(st, 0);
        for (; k < n && by[k].id < id && rc == KR_OK; k++) {
            if ((rc = kr_grow(&put, &capput, nput, sizeof *put, 4096)) == KR_OK)
                put[nput++] = by[k].ix;
        }
        if (rc != KR_OK)
            break;
        if (k < n && by[k].id == id) {
            if (!traject_same(L, st, &L->t[by[k].ix])) {
                if ((rc = kr_grow(&put, &capput, nput, sizeof *put, 4096)) != KR_OK)
                    break;
                put[nput++] = by[k].ix;
            }
            k++;
        } else {
            if ((rc = kr_grow(&del, &capdel, ndel, sizeof *del, 4096)) != KR_OK)
                break;
            del[ndel++] = id;
        }
    }
    if (rc == KR_OK && step != SQLITE_DONE)
        rc = KR_EDB;
    for (; k < n && rc == KR_OK; k++) {
        if ((rc = kr_grow(&put, &capput, nput, sizeof *put, 4096)) == KR_OK)
            put[nput++] = by[k].ix;
    }
    sqlite3_finalize(st);
    st = NULL;
    if (rc != KR_OK)
        goto cleanup;
    if (ndel) {
        if (sqlite3_prepare_v2(L->db, "DELETE FROM traject WHERE id = ?", -1, &st, NULL) != SQLITE_OK) {
            rc = KR_EDB;
            goto cleanup;
        }
        for (size_t i = 0; i < ndel && rc == KR_OK; i++) {
            sqlite3_bind_int64(st, 1, del[i]);
            if (sqlite3_step(st) != SQLITE_DONE)
                rc = KR_EDB;
            sqlite3_reset(st);
        }
        sqlite3_finalize(st);
        st = NULL;
    }
    if (rc != KR_OK || !nput)
        goto cleanup;
    if (sqlite3_prepare_v2(L->db,
                           "INSERT OR REPLACE INTO traject (id, client_pseudoniem, a_terme_datum, intake_datum, "
                           "intake_organisatie, gemeentecode, regio, site, geboortedatum, kinderen, records, "
                           "zwangerschap_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           -1, &st, NULL) != SQLITE_OK) {
        rc = KR_EDB;
        goto cleanup;
    }
    for (size_t i = 0; i < nput && rc == KR_OK; i++) {
        const traject_out *t = &L->t[put[i]];
        traject_row v;
        traject_values(L, t, &v);
        sqlite3_bind_int64(st, 1, t->id);
        for (int c = 0; c < 8; c++) {
            if (v.text[c])
                sqlite3_bind_text(st, c + 2, v.text[c], -1, SQLITE_STATIC);
            else
                sqlite3_bind_null(st, c + 2);
        }
        sqlite3_bind_int(st, 10, t->children);
        sqlite3_bind_int(st, 11, t->records);
        if (t->zw_rowid)
            sqlite3_bind_int64(st, 12, t->zw_rowid);
        else
            sqlite3_bind_null(st, 12);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = KR_EDB;
        sqlite3_reset(st);
    }
cleanup:
    sqlite3_finalize(st);
    free(put);
    free(del);
    return rc;
}

/*
 * Tell visit what was decided for every record of an active delivery, table by table, each in
 * rowid order (the order the records were read in), then once with NULL: all is told, and
 * linkage has written nothing yet.
 */
static kr_status visit_records(const linker *L, etl_link_visit visit, void *ctx)
{
    kr_status rc = KR_OK;
    for (size_t i = 0; i < L->n && rc == KR_OK; i++) {
        const rec *x = &L->r[i];
        int linked = x->tr != TR_NONE;
        etl_link_rec v = {x->table, x->rowid, linked ? L->t[x->tr].id : 0, (x->flags & F_ACTUEEL) != 0,
                          x->table == T_BV && linked && (x->flags & F_GEKOZEN)};
        rc = visit(ctx, &v);
    }
    return rc == KR_OK ? visit(ctx, NULL) : rc;
}

kr_status etl_link_collect(void *ctx, const etl_link_rec *r)
{
    if (!r || !r->actueel || !r->traject || (r->type == T_BV && !r->gekozen))
        return KR_OK;
    return kr_links_add(ctx, r->type, r->rowid, r->traject);
}

typedef struct countrow {
    long long records, linked, unlinked, superseded;
} countrow;

typedef struct orgref {
    const char *code;
    size_t ix;
} orgref;

static int cmp_orgref(const void *a, const void *b)
{
    return strcmp(((const orgref *)a)->code, ((const orgref *)b)->code);
}

static kr_status write_counts(linker *L, etl_link_stats *stats)
{
    kr_status rc = KR_OK;
    sqlite3_stmt *st = NULL;
    size_t no = L->orgs.n ? L->orgs.n : 1;
    countrow *c = calloc(no * T_COUNT, sizeof *c);
    orgref *order = calloc(no, sizeof *order);
    if (!c || !order) {
        rc = KR_ENOMEM;
        goto cleanup;
    }
    for (size_t i = 0; i < L->n; i++) {
        const rec *x = &L->r[i];
        countrow *z = &c[(size_t)x->org * T_COUNT + x->table];
        if (!(x->flags & F_ACTUEEL)) {
            z->superseded++;
            stats->superseded++;
        } else if (x->flags & F_INPEIL) {
            z->records++;
            stats->records++;
            if (x->tr != TR_NONE) {
                z->linked++;
                stats->linked++;
            } else {
                z->unlinked++;
                stats->unlinked++;
            }
        }
        if (x->table == T_BV && (x->flags & F_GEKOZEN) && x->tr != TR_NONE)
            stats->children++;
    }
    stats->trajectories = (long long)L->nt;
    if (kr_db_exec(L->db, "DELETE FROM koppeling", NULL, 0) != KR_OK) {
        rc = KR_EDB;
        goto cleanup;
    }
    if (sqlite3_prepare_v2(L->db,
                           "INSERT INTO koppeling (organisatie, type, records, gekoppeld, ongekoppeld, vervangen) "
                           "VALUES (?, ?, ?, ?, ?, ?)",
                           -1, &st, NULL) != SQLITE_OK) {
        rc = KR_EDB;
        goto cleanup;
    }
    /* in the order of the organisation codes, whatever the order they were met in */
    for (size_t o = 0; o < L->orgs.n; o++)
        order[o] = (orgref){L->orgs.s[o], o};
    qsort(order, L->orgs.n, sizeof *order, cmp_orgref);
    for (size_t k = 0; k < L->orgs.n && rc == KR_OK; k++)
        for (int t = 0; t < T_COUNT; t++) {
            size_t o = order[k].ix;
            const countrow *z = &c[o * T_COUNT + (size_t)t];
            if (!z->records && !z->superseded)
                continue;
            sqlite3_bind_text(st, 1, L->orgs.s[o], -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 2, tables[t].name, -1, SQLITE_STATIC);
            sqlite3_bind_int64(st, 3, z->records);
            sqlite3_bind_int64(st, 4, z->linked);
            sqlite3_bind_int64(st, 5, z->unlinked);
            sqlite3_bind_int64(st, 6, z->superseded);
            if (sqlite3_step(st) != SQLITE_DONE)
                rc = KR_EDB;
            sqlite3_reset(st);
        }
    sqlite3_finalize(st);
    st = NULL;
    if (rc == KR_OK) {
        char now[21];
        kr_now_iso(now);
        if (sqlite3_prepare_v2(L->db,
                               "INSERT OR REPLACE INTO koppeling_run (id, uitgevoerd_op, peildatum, laatste_levering, "
                               "ledger_wijzigingen, trajecten) VALUES (1, ?1, ?2, "
                               "(SELECT coalesce(max(id), 0) FROM levering), "
                               "(SELECT count(*) FROM levering WHERE status IN ('ingetrokken', 'vervangen')), ?3)",
                               -1, &st, NULL) != SQLITE_OK) {
            rc = KR_EDB;
            goto cleanup;
        }
        sqlite3_bind_text(st, 1, now, -1, SQLITE_STATIC);
        if (L->has_peil)
            kr_bind_date(st, 2, L->peil);
        sqlite3_bind_int64(st, 3, (long long)L->nt);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = KR_EDB;
    }
cleanup:
    sqlite3_finalize(st);
    free(c);
    free(order);
    return rc;
}

/* ---- the quality counts ------------------------------------------------------------------------- */

/*
 * For engine/kwaliteit.c, so that it need not read every extract table once more: per active
 * delivery with a rowid range, its current records dated on or before the peildatum (a record
 * without its date in none), the unlinked ones among them, and for each nullable column the
 * records with a value. Temporary tables of this connection (compute runs linkage and the
 * quality rows in one transaction); only written with a peildatum.
 */
static kr_status write_fill_counts(linker *L)
{
    kr_status rc = KR_OK;
    sqlite3_stmt *lv = NULL, *kl = NULL;
    long long *c = NULL;  /* per delivery: records, unlinked, then FILL_COLS column counts */
    int *tab = NULL;      /* per delivery: the table of its records, -1 when the linker read none */
    const size_t W = 2 + FILL_COLS;
    char peil[11];
    if (!L->has_peil)
        return KR_OK;
    c = calloc((L->ndl ? L->ndl : 1) * W, sizeof *c);
    tab = malloc((L->ndl ? L->ndl : 1) * sizeof *tab);
    if (!c || !tab) {
        rc = KR_ENOMEM;
        goto cleanup;
    }
    for (size_t i = 0; i < L->n; i++) {
        const rec *x = &L->r[i];
        if ((x->flags & (F_ACTUEEL | F_INPEIL | F_UNDATED)) != (F_ACTUEEL | F_INPEIL))
            continue;
        const fillinfo *f = &L->fill[i];
        const delivery *d = &L->dl[f->d];
        if (x->rowid < d->first || x->rowid > d->last)
            continue;
        long long *z = &c[(size_t)f->d * W];
        z[0]++;
        z[1] += x->tr == TR_NONE;
        for (uint32_t m = f->mask; m; m &= m - 1)
            z[2 + __builtin_ctz(m)]++;
    }
    kr_date_format(L->peil, peil);
    if ((rc = kr_db_exec(L->db,
                         "CREATE TEMP TABLE link_levering (levering_id INTEGER PRIMARY KEY, peildatum TEXT NOT NULL, "
                         "tabel TEXT NOT NULL, records INTEGER NOT NULL, ongekoppeld INTEGER NOT NULL); "
                         "CREATE TEMP TABLE link_kolom (levering_id INTEGER NOT NULL, kolom TEXT NOT NULL, "
                         "gevuld INTEGER NOT NULL, PRIMARY KEY (levering_id, kolom))",
                         NULL, 0)) != KR_OK)
        goto cleanup;
    if ((rc = kr_stmt_prepare(L->db, "INSERT INTO temp.link_levering VALUES (?1, ?2, ?3, ?4, ?5)", &lv, NULL, 0)) !=
            KR_OK ||
        (rc = kr_stmt_prepare(L->db, "INSERT INTO temp.link_kolom VALUES (?1, ?2, ?3)", &kl, NULL, 0)) != KR_OK)
        goto cleanup;
    /* every delivery whose records the linker read (all of one table) */
    for (size_t i = 0; i < L->ndl; i++)
        tab[i] = -1;
    for (size_t i = 0; i < L->n; i++)
        tab[L->fill[i].d] = L->r[i].table;
    for (size_t i = 0; i < L->ndl && rc == KR_OK; i++) {
        if (tab[i] < 0)
            continue;
        const long long *z = &c[i * W];
        rc = kr_stmt_run(lv, KR_ROW(KR_INT(L->dl[i].id), KR_TEXT(peil), KR_TEXT(tables[tab[i]].name), KR_INT(z[0]),
                                    KR_INT(z[1])),
                         NULL, 0);
        for (int k = 0; k < L->fill_ncol[tab[i]] && rc == KR_OK; k++)
            rc = kr_stmt_run(kl, KR_ROW(KR_INT(L->dl[i].id), KR_TEXT(L->fill_col[tab[i]][k]), KR_INT(z[2 + k])),
                             NULL, 0);
    }
cleanup:
    sqlite3_finalize(lv);
    sqlite3_finalize(kl);
    free(c);
    free(tab);
    return rc;
}

/* ---- the whole linkage -------------------------------------------------------------------------- */

/* ---- trajectories held back --------------------------------------------------------------------------------- */

/* What writing the trajectories later needs: the linker without its records, and the trajectories by id. */
struct etl_later {
    linker L;
    idix *by;
    int written;  /* etl_later_write succeeded */
};

/* Free the records and the work of linking them: what writing the trajectories later does not need. */
static void linker_drop_work(linker *L)
{
    free(L->r);
    free(L->zw);
    free(L->bv);
    free(L->dl);
    free(L->dues);
    free(L->pg);
    free(L->bvs);
    free(L->fill);
    L->r = NULL;
    L->zw = NULL;
    L->bv = NULL;
    L->dl = NULL;
    L->dues = NULL;
    L->pg = NULL;
    L->bvs = NULL;
    L->fill = NULL;
}

/* Free everything of L. */
static void linker_fini(linker *L)
{
    linker_drop_work(L);
    free(L->oi);
    free(L->gm_regio);
    free(L->gm_now);
    free(L->t);
    etl_strtab_fini(&L->clients);
    etl_strtab_fini(&L->orgs);
    etl_strtab_fini(&L->gms);
}

/* Move L, and the trajectories by id, into T (L is left empty), less what writing them does not need. */
static void hold_back(linker *L, idix **by, etl_later *T)
{
    T->L = *L;
    memset(L, 0, sizeof *L);
    linker_drop_work(&T->L);
    T->by = *by;
    *by = NULL;
}

kr_status etl_later_hand(const etl_later *T, kr_links *links)
{
    links->has_traj = 1;
    for (size_t i = 0; i < T->L.nt; i++) {
        const traject_out *t = &T->L.t[T->by[i].ix];
        traject_row v;
        traject_values(&T->L, t, &v);  /* its texts point into T, but for the dates (kept as dates here) */
        kr_link_traject x = {t->id, t->zw_rowid, t->intake, t->due, v.text[5], v.text[6], v.text[4]};
        kr_status rc = kr_links_traject_add(links, &x);
        if (rc != KR_OK)
            return rc;
    }
    return KR_OK;
}

kr_status etl_later_write(sqlite3 *db, etl_later *T, char *err, size_t errcap)
{
    if (errcap)
        err[0] = '\0';
    kr_status rc = kr_db_exec(db, "SAVEPOINT trajecten", NULL, 0);
    if (rc != KR_OK)
        return rc == KR_EDB && errcap ? kr_db_problem(db, err, errcap) : rc;
    T->L.db = db;
    if ((rc = write_trajects(&T->L, T->by, T->L.nt)) == KR_OK &&
        (rc = kr_db_exec(db, "RELEASE trajecten", NULL, 0)) == KR_OK) {
        T->written = 1;
        return KR_OK;
    }
    if (rc == KR_EDB && errcap)
        rc = kr_db_problem(db, err, errcap);
    (void)sqlite3_exec(db, "ROLLBACK TO trajecten; RELEASE trajecten", NULL, NULL, NULL);
    return rc;
}

int etl_later_written(const etl_later *T)
{
    return T && T->written;
}

void etl_later_free(etl_later *T)
{
    if (!T)
        return;
    free(T->by);
    linker_fini(&T->L);
    free(T);
}

/* ---- the whole linkage ------------------------------------------------------------------------------------------ */

static kr_status link_run(sqlite3 *db, int has_peildatum, kr_date peildatum, etl_link_visit visit, void *ctx,
                          etl_link_stats *stats, etl_later **later, char *err, size_t errcap)
{
    linker L;
    idix *by = NULL;
    etl_later *T = NULL;
    size_t hint[T_COUNT] = {0}, total = 0;
    kr_status rc = KR_OK;
    int in_tx = 0;
    memset(&L, 0, sizeof L);
    memset(stats, 0, sizeof *stats);
    if (errcap)
        err[0] = '\0';
    L.db = db;
    L.has_peil = has_peildatum;
    L.peil = peildatum;
    L.clients.limit = TR_MAX;
    L.orgs.limit = UINT16_MAX;
    L.gms.limit = UINT16_MAX;

    /* a savepoint: linkage may run inside compute's transaction */
    if ((rc = kr_db_exec(db, "SAVEPOINT koppeling", NULL, 0)) != KR_OK)
        return rc;
    in_tx = 1;
    /* the quality counts of an earlier linkage on this connection never outlive it */
    if ((rc = kr_db_exec(db, "DROP TABLE IF EXISTS temp.link_levering; DROP TABLE IF EXISTS temp.link_kolom", err,
                         errcap)) != KR_OK)
        goto cleanup;
    if ((rc = etl_load_deliveries(&L, hint)) != KR_OK)
        goto cleanup;
    /*
     * Sizing at once from the counts at hand spares growing and rehashing; it
     * is only a start (arrays grow past it), so a failure here is no error.
     * Pages the ledger overestimated are never touched.
     */
    for (int t = 0; t < T_COUNT; t++) {
        char sql[120];
        /* two subqueries: SQLite reads one end of the rowid each only when max or min stands alone */
        (void)snprintf(sql, sizeof sql, "SELECT (SELECT max(id) FROM %s) - (SELECT min(id) FROM %s) + 1",
                       tables[t].name, tables[t].name);
        size_t span = etl_count_of(db, sql);  /* no more rows than that, whatever the ledger says */
        if (hint[t] > span)
            hint[t] = span;
        total += hint[t];
    }
    if (total && (L.r = etl_big_alloc(total * sizeof *L.r, 0)) != NULL)
        L.cap = total;
    /* about one client per pregnancy: room for as many as zwangerschap rows, and some */
    (void)etl_strtab_presize(&L.clients, hint[T_ZW] + hint[T_ZW] / 8);
    for (int t = 0; t < T_COUNT && rc == KR_OK; t++)
        rc = etl_load_table(&L, t, hint[t]);
    if (rc == KR_OK)
        rc = etl_load_registry(&L);
    if (rc == KR_OK)
        rc = link_all(&L);
    if (rc != KR_OK)
        goto cleanup;
    /* trajectory ids must be unique; a 63-bit hash collision is refused, never merged */
    by = malloc((L.nt ? L.nt : 1) * sizeof *by);
    if (!by) {
        rc = KR_ENOMEM;
        goto cleanup;
    }
    for (size_t i = 0; i < L.nt; i++)
        by[i] = (idix){L.t[i].id, (uint32_t)i};
    qsort(by, L.nt, sizeof *by, cmp_idix);
    for (size_t i = 1; i < L.nt; i++)
        if (by[i].id == by[i - 1].id && rc == KR_OK) {
            if (errcap)
                (void)snprintf(err, errcap, _("linkage: two trajectories share id %lld; please report this"),
                               (long long)by[i].id);
            rc = KR_EDB;
        }
    if (rc != KR_OK)
        goto cleanup;
    if (visit && (rc = visit_records(&L, visit, ctx)) != KR_OK)
        goto cleanup;
    if (!later && (rc = write_trajects(&L, by, L.nt)) != KR_OK)
        goto cleanup;
    if ((rc = write_fill_counts(&L)) != KR_OK)
        goto cleanup;
    if ((rc = write_counts(&L, stats)) != KR_OK)
        goto cleanup;
    if (later && !(T = calloc(1, sizeof *T))) {
        rc = KR_ENOMEM;
        goto cleanup;
    }
    rc = kr_db_exec(db, "RELEASE koppeling", NULL, 0);
    if (rc == KR_OK) {
        in_tx = 0;
        if (T) {
            hold_back(&L, &by, T);
            *later = T;
            T = NULL;
        }
    }
cleanup:
    free(T);
    /* a failing write is worded before the ROLLBACK, which clears its cause (a full disk, a busy database) */
    if (rc == KR_EDB && errcap && !err[0])
        rc = kr_db_problem(db, err, errcap);
    if (in_tx)
        (void)sqlite3_exec(db, "ROLLBACK TO koppeling; RELEASE koppeling", NULL, NULL, NULL);
    free(by);
    linker_fini(&L);
    return rc;
}

kr_status etl_link(sqlite3 *db, int has_peildatum, kr_date peildatum, etl_link_visit visit, void *ctx,
                   etl_link_stats *stats, char *err, size_t errcap)
{
    return link_run(db, has_peildatum, peildatum, visit, ctx, stats, NULL, err, errcap);
}

kr_status etl_link_later(sqlite3 *db, kr_date peildatum, etl_link_visit visit, void *ctx, etl_link_stats *stats,
                         etl_later **later, char *err, size_t errcap)
{
    *later = NULL;
    return link_run(db, 1, peildatum, visit, ctx, stats, later, err, errcap);
}

/* ---- large linkages ----------------------------------------------------------------------------- */

/*
 * The first linkage after large deliveries writes a row of table traject for
 * every new pregnancy (over half a million at national size), so most of its pages
 * are new. WAL writes each such page twice (to the log, and at the checkpoint
 * of the commit), a rollback journal once plus the original of the pages that
 * were there before. So,
 * as ingest does for large deliveries, such a linkage runs with a rollback
 * journal (as atomic, and with synchronous=NORMAL the commit is even synced).
 * Large: the active deliveries ingested since the last linkage hold more than
 * ETL_BULK_BYTES. When another connection holds the database the switch is
 * refused and the linkage simply runs in WAL.
 */
int etl_link_bulk_begin(sqlite3 *db)
{
    sqlite3_stmt *st = NULL;
    long long bytes = 0;
    if (sqlite3_prepare_v2(db,
                           "SELECT coalesce(sum(bytes), 0) FROM levering WHERE status = 'actief' AND organisatie IS "
                           "NOT NULL AND id > coalesce((SELECT laatste_levering FROM koppeling_run), 0)",
                           -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        bytes = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return bytes > etl_bulk_bytes() && sqlite3_get_autocommit(db) && etl_journal_mode(db, "DELETE");
}

kr_status etl_link_bulk_end(sqlite3 *db, char *err, size_t errcap)
{
    if (etl_journal_mode(db, "WAL"))
        return KR_OK;
    if (errcap)
        kr_strlcpy(err, "could not return the database to WAL mode; run 'kansrijk init' to restore it", errcap);
    return KR_EDB;
}

/* ---- status ------------------------------------------------------------------------------------- */

kr_status etl_status_print(sqlite3 *db, int json, FILE *out)
{
    sqlite3_stmt *st = NULL;
    json_object *root = json ? json_object_new_object() : NULL, *arr = json ? json_object_new_array() : NULL;
    int stale = -1;
    if (sqlite3_prepare_v2(db, "SELECT uitgevoerd_op, peildatum, trajecten, (" KR_LINK_STALE_SQL ") FROM koppeling_run",
                           -1, &st, NULL) != SQLITE_OK)
        return KR_EDB;
    if (sqlite3_step(st) == SQLITE_ROW) {
        stale = sqlite3_column_int(st, 3);
        if (json) {
            json_object_object_add(root, "uitgevoerd_op", json_object_new_string(kr_column_text(st, 0)));
            json_object_object_add(root, "peildatum", sqlite3_column_type(st, 1) == SQLITE_NULL
                                                          ? NULL
                                                          : json_object_new_string(kr_column_text(st, 1)));
            json_object_object_add(root, "trajecten", json_object_new_int64(sqlite3_column_int64(st, 2)));
            json_object_object_add(root, "verouderd", json_object_new_boolean(stale));
        } else {
            char again[700], dbarg[600];
            (void)snprintf(again, sizeof again,
                           _("\n  deliveries changed since: run 'kansrijk compute%s' again (it links first)"),
                           kr_db_arg(db, dbarg, sizeof dbarg));
            /* in words and local time, as the reader says them; --json keeps the stored forms */
            char when[80], peil[64] = "";
            int en = kr_lang_get() == KR_EN;
            kr_moment_words(kr_column_text(st, 0), en, when, sizeof when);
            if (sqlite3_column_type(st, 1) != SQLITE_NULL) {
                char words[32];
                kr_date_words(kr_column_date(st, 1), en, words, sizeof words);
                (void)snprintf(peil, sizeof peil, ", peildatum %s", words);
            }
            fprintf(out, _("linkage last run %s%s: %lld trajectories%s\n"), when, peil,
                    (long long)sqlite3_column_int64(st, 2), stale ? again : "");
        }
    } else if (!json) {
        char dbarg[600];
        fprintf(out, _("linkage has not run yet: run 'kansrijk link%s'\n"), kr_db_arg(db, dbarg, sizeof dbarg));
    }
    sqlite3_finalize(st);
    st = NULL;
    if (sqlite3_prepare_v2(db,
                           "SELECT organisatie, type, records, gekoppeld, ongekoppeld, vervangen FROM koppeling "
                           "ORDER BY organisatie, type",
                           -1, &st, NULL) != SQLITE_OK) {
        json_object_put(root);
        json_object_put(arr);
        return KR_EDB;
    }
    int header = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        long long nrec = sqlite3_column_int64(st, 2), linked = sqlite3_column_int64(st, 3);
        if (json) {
            json_object *o = json_object_new_object();
            json_object_object_add(o, "organisatie", json_object_new_string(kr_column_text(st, 0)));
            json_object_object_add(o, "type", json_object_new_string(kr_column_text(st, 1)));
            json_object_object_add(o, "records", json_object_new_int64(nrec));
            json_object_object_add(o, "gekoppeld", json_object_new_int64(linked));
            json_object_object_add(o, "ongekoppeld", json_object_new_int64(sqlite3_column_int64(st, 4)));
            json_object_object_add(o, "vervangen", json_object_new_int64(sqlite3_column_int64(st, 5)));
            json_object_array_add(arr, o);
        } else {
            if (!header)
                fprintf(out, "  %-14s %-13s %9s %9s %11s %9s %7s\n", _("organisation"), _("type"), _("records"),
                        _("linked"), _("unlinked"), _("superseded"), _("share"));
            header = 1;
            char share[32];
            size_t sl = strlen(kr_num(nrec ? 100.0 * (double)linked / (double)nrec : 0.0, 1, kr_lang_get(), share,
                                          sizeof share - 1));
            share[sl] = '%';
            share[sl + 1] = '\0';
            fprintf(out, "  %-14s %-13s %9lld %9lld %11lld %9lld %7s\n", kr_column_text(st, 0), kr_column_text(st, 1),
                    nrec, linked, (long long)sqlite3_column_int64(st, 4), (long long)sqlite3_column_int64(st, 5),
                    share);
        }
    }
    sqlite3_finalize(st);
    if (json) {
        json_object_object_add(root, "koppeling", arr);
        fputs(json_object_to_json_string_ext(root, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE), out);
        fputc('\n', out);
        json_object_put(root);
    }
    return KR_OK;
}
