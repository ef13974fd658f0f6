/*
 * Linkage, first half: the extract tables read into the linker — the deliveries, string
 * interning, maps from 64-bit keys to indexes, the latest version of every record key, and the
 * records themselves in 32 bytes each, read in one pass per table.
 */
#include "link_int.h"

#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <xxhash.h>

/* ---- tables read at random ------------------------------------------------------------- */

/*
 * n bytes for a large array: on 2 MiB pages where the system offers them, as
 * the hash tables are read at random (fewer TLB misses) and the record array
 * is filled page by page (fewer page faults). Zeroed when zero; free() frees.
 */
void *etl_big_alloc(size_t n, int zero)
{
    void *p = NULL;
    if (n < (2u << 20))
        return zero ? calloc(1, n ? n : 1) : malloc(n ? n : 1);
    if (posix_memalign(&p, 2u << 20, n) != 0)
        return NULL;
    (void)madvise(p, n, MADV_HUGEPAGE);
    if (zero)
        memset(p, 0, n);
    return p;
}

/* ---- string interning ------------------------------------------------------------------ */

void etl_strtab_fini(strtab *t)
{
    free(t->s);
    free(t->slots);
    memset(t, 0, sizeof *t);
}

/* Room for extra more strings at a load factor of at most 3/4. */
static int strtab_reserve(strtab *t, size_t extra)
{
    if ((t->n + extra) * 4 <= t->scap * 3)
        return 0;
    size_t ncap = t->scap ? t->scap : 1024;
    while ((t->n + extra) * 4 > ncap * 3)
        ncap *= 2;
    uint64_t *ns = etl_big_alloc(ncap * sizeof *ns, 1);
    if (!ns)
        return -1;
    for (size_t i = 0; i < t->n; i++) {
        uint64_t h = XXH3_64bits(t->s[i], strlen(t->s[i]));
        size_t j = (size_t)h & (ncap - 1);
        while (ns[j])
            j = (j + 1) & (ncap - 1);
        ns[j] = (h & 0xffffffff00000000ULL) | (uint64_t)(i + 1);
    }
    free(t->slots);
    t->slots = ns;
    t->scap = ncap;
    return 0;
}

/* Room for about n strings, allocated at once (before any is added). */
kr_status etl_strtab_presize(strtab *t, size_t n)
{
    if (n < 1024 || t->n || t->s)
        return KR_OK;
    t->s = etl_big_alloc(n * sizeof *t->s, 0);
    if (!t->s)
        return KR_ENOMEM;
    t->cap = n;
    return strtab_reserve(t, n) == 0 ? KR_OK : KR_ENOMEM;
}

/*
 * The slot of s (its first len bytes, hash h) in t: the one holding it, or
 * the empty slot where it belongs. The high half of the hash in each slot
 * spares a string comparison on almost every probe that does not match.
 */
static size_t strtab_slot(const strtab *t, const char *s, size_t len, uint64_t h)
{
    uint64_t tag = h & 0xffffffff00000000ULL;
    size_t j = (size_t)h & (t->scap - 1);
    for (uint64_t v; (v = t->slots[j]) != 0; j = (j + 1) & (t->scap - 1)) {
        if ((v & 0xffffffff00000000ULL) == tag) {
            const char *c = t->s[(uint32_t)v - 1];
            if (strncmp(c, s, len) == 0 && c[len] == '\0')
                break;
        }
    }
    return j;
}

/*
 * For prefetching (the callers prefetch: GCC drops a call to a function that
 * does nothing but prefetch): the first slot that looking up hash h reads,
 * and once that is at hand, the string it most likely holds.
 */
static const uint64_t *strtab_first_slot(const strtab *t, uint64_t h)
{
    return &t->slots[(size_t)h & (t->scap - 1)];
}

static const char *strtab_likely_string(const strtab *t, uint64_t h)
{
    uint64_t v = t->slots[(size_t)h & (t->scap - 1)];
    return v && (v & 0xffffffff00000000ULL) == (h & 0xffffffff00000000ULL) ? t->s[(uint32_t)v - 1] : NULL;
}

/* The index of s (len bytes, at most 71, hash h), adding it when new; room must be reserved. */
static int strtab_add(strtab *t, const char *s, size_t len, uint64_t h, uint32_t *out)
{
    size_t j = strtab_slot(t, s, len, h);
    if (t->slots[j]) {
        *out = (uint32_t)t->slots[j] - 1;
        return 0;
    }
    if (t->n >= t->limit || kr_grow(&t->s, &t->cap, t->n, sizeof *t->s, 256) != KR_OK)
        return -1;
    memcpy(t->s[t->n], s, len);
    t->s[t->n][len] = '\0';
    t->slots[j] = (h & 0xffffffff00000000ULL) | (uint64_t)(t->n + 1);
    *out = (uint32_t)t->n++;
    return 0;
}

/* The index of s (cut to 71 bytes) in t, adding it when new; -1 when out of memory or room. */
static int strtab_id(strtab *t, const char *s, uint32_t *out)
{
    size_t len = strlen(s);
    if (len >= 72)
        len = 71;
    if (strtab_reserve(t, 1) != 0)
        return -1;
    return strtab_add(t, s, len, XXH3_64bits(s, len), out);
}

/* The index of s in t, or -1. */
static long strtab_find(const strtab *t, const char *s)
{
    size_t len = strlen(s);
    if (len >= 72 || !t->scap)
        return -1;  /* stored strings are at most 71 bytes */
    size_t j = strtab_slot(t, s, len, XXH3_64bits(s, len));
    return t->slots[j] ? (long)(uint32_t)t->slots[j] - 1 : -1;
}

/* ---- versions: the latest period wins ------------------------------------------------------ */

static void vparts_fini(vparts *v)
{
    for (int p = 0; p < VPARTS; p++)
        free(v->p[p]);
    memset(v, 0, sizeof *v);
}

static kr_status vparts_add(vparts *v, int64_t key, size_t ri, uint32_t d, size_t hint)
{
    size_t p = (size_t)(mix64((uint64_t)key) >> 58);  /* the top 6 bits: one of 64 */
    size_t first = hint / VPARTS + 256;
    if (kr_grow(&v->p[p], &v->cap[p], v->n[p], sizeof *v->p[p], first < (1u << 20) ? first : (1u << 20)) != KR_OK)
        return KR_ENOMEM;
    v->p[p][v->n[p]++] = (vkey){key, (uint32_t)ri, d};
    return KR_OK;
}

/*
 * Of the records of one key, the latest period's stays actueel (the later
 * last day, then the shorter period); the others lose the F_ACTUEEL every
 * record was loaded with. Of equals the one loaded first stays, as before;
 * ingest makes equals impossible (a file's duplicate keys are refused, and a
 * new delivery of the same period replaces the old).
 */
static kr_status choose_versions(linker *L, const vparts *v)
{
    size_t most = 0, cap;
    for (int p = 0; p < VPARTS; p++)
        if (v->n[p] > most)
            most = v->n[p];
    for (cap = 1024; cap < most * 2; cap *= 2)
        ;
    uint32_t *slot = malloc(cap * sizeof *slot);  /* index + 1 in the partition of the key's current winner */
    if (!slot)
        return KR_ENOMEM;
    for (int p = 0; p < VPARTS; p++) {
        const vkey *e = v->p[p];
        for (cap = 1024; cap < v->n[p] * 2; cap *= 2)
            ;
        memset(slot, 0, cap * sizeof *slot);
        for (size_t i = 0; i < v->n[p]; i++) {
            size_t j = (size_t)mix64((uint64_t)e[i].key) & (cap - 1);
            while (slot[j] && e[slot[j] - 1].key != e[i].key)
                j = (j + 1) & (cap - 1);
            if (!slot[j]) {
                slot[j] = (uint32_t)i + 1;
                continue;
            }
            const vkey *w = &e[slot[j] - 1];
            const delivery *dx = &L->dl[e[i].d], *dw = &L->dl[w->d];
            if (dx->pend > dw->pend || (dx->pend == dw->pend && dx->plen < dw->plen)) {
                L->r[w->rec].flags &= (uint8_t)~F_ACTUEEL;
                slot[j] = (uint32_t)i + 1;
            } else {
                L->r[e[i].rec].flags &= (uint8_t)~F_ACTUEEL;
            }
        }
    }
    free(slot);
    return KR_OK;
}

/* ---- loading ------------------------------------------------------------------------------ */

/*
 * The active deliveries, by id. A record joins its delivery by levering_id
 * (rows of other deliveries are not linked); hint[t] gets the number of rows
 * the ledger says table t holds, to size the arrays once.
 */
kr_status etl_load_deliveries(linker *L, size_t hint[T_COUNT])
{
    sqlite3_stmt *st = NULL;
    kr_status rc = KR_OK;
    int step;
    if (sqlite3_prepare_v2(L->db,
                           "SELECT id, type, organisatie, periode_begin, periode_eind, laatste_rij - eerste_rij + 1, "
                           "eerste_rij, laatste_rij FROM levering WHERE status = 'actief' ORDER BY id",
                           -1, &st, NULL) != SQLITE_OK)
        return KR_EDB;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if ((rc = kr_grow(&L->dl, &L->capdl, L->ndl, sizeof *L->dl, 256)) != KR_OK)
            break;
        delivery *d = &L->dl[L->ndl++];
        uint32_t org;
        d->id = sqlite3_column_int64(st, 0);
        if (strtab_id(&L->orgs, kr_column_text(st, 2), &org) != 0) {
            rc = KR_ENOMEM;
            break;
        }
        d->org = (uint16_t)org;
        int32_t pb = kr_column_date(st, 3);
        d->pend = kr_column_date(st, 4);
        d->plen = (int32_t)((uint32_t)d->pend - (uint32_t)pb);
        d->first = 1;
        d->last = 0;
        if (sqlite3_column_type(st, 6) == SQLITE_INTEGER && sqlite3_column_type(st, 7) == SQLITE_INTEGER) {
            d->first = sqlite3_column_int64(st, 6);
            d->last = sqlite3_column_int64(st, 7);
        }
        long long rows = sqlite3_column_int64(st, 5);
        for (int t = 0; t < T_COUNT; t++)
            if (rows > 0 && rows < HINT_MAX && strcmp(kr_column_text(st, 1), tables[t].name) == 0)
                hint[t] += (size_t)rows;
    }
    if (rc == KR_OK && step != SQLITE_DONE)
        rc = KR_EDB;
    sqlite3_finalize(st);
    return rc;
}

/* The number that query (one row, one integer) gives, between 0 and HINT_MAX. */
size_t etl_count_of(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    long long n = 0;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n > 0 ? (size_t)(n < HINT_MAX ? n : HINT_MAX) : 0;
}

/* The index of the active delivery with this id, or -1; *last speeds up runs of one delivery. */
static long find_delivery(const linker *L, int64_t id, size_t *last)
{
    if (*last < L->ndl && L->dl[*last].id == id)
        return (long)*last;
    size_t lo = 0, hi = L->ndl;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (L->dl[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < L->ndl && L->dl[lo].id == id) {
        *last = lo;
        return (long)lo;
    }
    return -1;
}

/*
 * Rows are read in batches: while SQLite reads the next rows, the hash slots
 * of the previous ones are on their way into the cache.
 */
enum { BATCH = 128 };

typedef struct staged {
    int64_t rowid, key;
    uint64_t hash;             /* of the client */
    uint32_t d, row_org, gm, fill;
    int32_t due, birth, intake;
    uint8_t flags, kind, len;
    char client[72];
} staged;

/* The state of one table's load. */
typedef struct loader {
    int t;
    vparts versions;           /* the record keys */
    size_t hint;               /* about how many rows the table holds */
    size_t last_d;             /* the delivery of the previous row */
    char org_s[72];            /* the previous row's organisatie, and its index */
    uint32_t org;
    int have_org;
    char client_s[72];         /* the previous record's client, and its index */
    size_t client_len;
    uint32_t client;
    int have_client;
} loader;

/* Copy the current row into b; 0 when it belongs to no active delivery, -1 when out of memory. */
static int stage_row(linker *L, loader *ld, sqlite3_stmt *st, staged *b)
{
    const src_table *T = &tables[ld->t];
    /* the join with the active deliveries, by value as SQL compares integers */
    if (sqlite3_column_type(st, 1) != SQLITE_INTEGER)
        return 0;
    long d = find_delivery(L, sqlite3_column_int64(st, 1), &ld->last_d);
    if (d < 0)
        return 0;
    b->d = (uint32_t)d;
    b->rowid = sqlite3_column_int64(st, 0);
    const char *c = kr_column_text(st, 2);
    size_t len = strlen(c);
    if (len >= 72)
        len = 71;
    memcpy(b->client, c, len);
    b->client[len] = '\0';
    b->len = (uint8_t)len;
    b->hash = XXH3_64bits(b->client, len);
    __builtin_prefetch(strtab_first_slot(&L->clients, b->hash));
    b->due = kr_column_date(st, 3);
    b->birth = T->birth ? kr_column_date(st, 4) : KR_NO_DATE;
    b->flags = 0;
    if (L->has_peil) {
        kr_date rd = kr_column_date(st, 5);
        if (rd == KR_NO_DATE || rd <= L->peil)
            b->flags |= F_INPEIL;
        if (rd == KR_NO_DATE)
            b->flags |= F_UNDATED;
    } else {
        b->flags |= F_INPEIL;
    }
    b->key = sqlite3_column_int64(st, 6);
    b->fill = (uint32_t)sqlite3_column_int64(st, 11);
    if (ld->t == T_ZW || ld->t == T_BV) {
        /* the row's organisation: mostly the same as the previous row's */
        const char *o = kr_column_text(st, 8);
        if (!ld->have_org || strcmp(o, ld->org_s) != 0) {
            if (strtab_id(&L->orgs, o, &ld->org) != 0)
                return -1;
            kr_strlcpy(ld->org_s, o, sizeof ld->org_s);
            ld->have_org = strlen(o) < sizeof ld->org_s;
        }
        b->row_org = ld->org;
    }
    if (ld->t == T_ZW) {
        b->intake = kr_column_date(st, 7);
        if (strtab_id(&L->gms, kr_column_text(st, 9), &b->gm) != 0)
            return -1;
    } else if (ld->t == T_BV) {
        b->kind = (uint8_t)sqlite3_column_int(st, 10);
    }
    return 1;
}

/* Add the staged rows b[0..nb) as records. */
static kr_status add_batch(linker *L, loader *ld, const staged *b, size_t nb)
{
    kr_status rc;
    for (size_t i = 0; i < nb; i++) {
        const char *c = strtab_likely_string(&L->clients, b[i].hash);
        if (c)
            __builtin_prefetch(c);
    }
    for (size_t i = 0; i < nb; i++) {
        const staged *s = &b[i];
        if (L->n >= TR_MAX || kr_grow(&L->r, &L->cap, L->n, sizeof *L->r, 4096) != KR_OK)
            return KR_ENOMEM;
        if (kr_reserve(&L->fill, &L->capfill, L->n + 1, sizeof *L->fill, 4096) != KR_OK)  /* one per record */
            return KR_ENOMEM;
        L->fill[L->n] = (fillinfo){s->d, s->fill};
        rec *x = &L->r[L->n];
        x->rowid = s->rowid;
        if (!ld->have_client || s->len != ld->client_len || memcmp(s->client, ld->client_s, s->len) != 0) {
            if (strtab_add(&L->clients, s->client, s->len, s->hash, &ld->client) != 0)
                return KR_ENOMEM;
            memcpy(ld->client_s, s->client, (size_t)s->len + 1);
            ld->client_len = s->len;
            ld->have_client = 1;
        }
        x->client = ld->client;
        x->due = s->due;
        x->birth = s->birth;
        x->tr = TR_NONE;
        x->org = L->dl[s->d].org;
        x->table = (uint8_t)ld->t;
        x->flags = s->flags | F_ACTUEEL;
        if (ld->t == T_ZW) {
            if ((rc = kr_grow(&L->zw, &L->capzw, L->nzw, sizeof *L->zw, 4096)) != KR_OK)
                return rc;
            zwinfo *z = &L->zw[L->nzw++];
            z->key = s->key;
            z->intake = s->intake;
            z->gm = (uint16_t)s->gm;
            z->org = (uint16_t)s->row_org;
        } else if (ld->t == T_BV) {
            if ((rc = kr_grow(&L->bv, &L->capbv, L->nbv, sizeof *L->bv, 4096)) != KR_OK)
                return rc;
            bvinfo *v = &L->bv[L->nbv++];
            v->key = s->key;
            v->pend = L->dl[s->d].pend;
            v->org = (uint16_t)s->row_org;
            v->kind = s->kind;
        }
        if ((rc = vparts_add(&ld->versions, s->key, L->n, s->d, ld->hint)) != KR_OK)
            return rc;
        L->n++;
    }
    return KR_OK;
}

/*
 * The SQL expression whose bit k says that nullable column k of table t holds a value, into
 * out; the columns go to L->fill_col[t]. "0" without a peildatum (no quality counts then).
 * KR_ESCHEMA when a table has more nullable columns than FILL_COLS (test_etl proves that the
 * schema's tables do not).
 */
static kr_status fill_expr(linker *L, int t, kr_buf *out)
{
    char sql[128];
    sqlite3_stmt *st = NULL;
    kr_status rc = KR_OK;
    L->fill_ncol[t] = 0;
    if (!L->has_peil)
        return kr_buf_puts(out, "0");
    (void)snprintf(sql, sizeof sql, "PRAGMA table_info(\"%s\")", tables[t].name);
    if (sqlite3_prepare_v2(L->db, sql, -1, &st, NULL) != SQLITE_OK)
        return KR_EDB;
    while (rc == KR_OK && sqlite3_step(st) == SQLITE_ROW) {
        const char *name = kr_column_text(st, 1);
        if (sqlite3_column_int(st, 3) || sqlite3_column_int(st, 5))  /* NOT NULL, or the rowid */
            continue;
        int k = L->fill_ncol[t];
        if (k == FILL_COLS || strlen(name) >= sizeof L->fill_col[t][0]) {
            rc = KR_ESCHEMA;
            break;
        }
        kr_strlcpy(L->fill_col[t][k], name, sizeof L->fill_col[t][k]);
        rc = kr_buf_printf(out, "%s((\"%s\" IS NOT NULL) << %d)", k ? " | " : "", name, k);
        L->fill_ncol[t] = k + 1;
    }
    sqlite3_finalize(st);
    if (rc == KR_OK && L->fill_ncol[t] == 0) {
        kr_buf_reset(out);
        rc = kr_buf_puts(out, "0");
    }
    return rc;
}

/* Load the rows of table t (about hint of them) that belong to active deliveries. */
kr_status etl_load_table(linker *L, int t, size_t hint)
{
    kr_buf fx, q;  /* the fill expression, and the statement around it */
    sqlite3_stmt *st = NULL;
    staged *b = malloc(BATCH * sizeof *b);
    loader ld;
    kr_status rc = KR_OK;
    const src_table *T = &tables[t];
    int step = SQLITE_DONE;
    kr_buf_init(&fx, 8192);
    kr_buf_init(&q, 16384);
    memset(&ld, 0, sizeof ld);
    ld.t = t;
    ld.hint = hint;
    L->base[t] = L->n;
    if (!b) {
        rc = KR_ENOMEM;
        goto cleanup;
    }
    if ((rc = fill_expr(L, t, &fx)) != KR_OK)
        goto cleanup;
    if ((rc = kr_buf_printf(&q,
                            "SELECT id, levering_id, client_pseudoniem, a_terme_datum, %s, %s, sleutel, %s, %s, "
                            "%s, %s, %s FROM %s ORDER BY id",
                            T->birth ? T->birth : "NULL", L->has_peil ? T->rdate : "NULL",
                            t == T_ZW ? "intake_datum" : "NULL", t == T_ZW || t == T_BV ? "organisatie" : "NULL",
                            t == T_ZW ? "gemeentecode" : "NULL", t == T_BV ? "kind_volgnummer" : "NULL", fx.data,
                            T->name)) != KR_OK)
        goto cleanup;
    if (t == T_ZW && hint)
        (void)kr_reserve(&L->zw, &L->capzw, hint, sizeof *L->zw, 16);  /* a start: the array grows past it */
    if (t == T_BV && hint)
        (void)kr_reserve(&L->bv, &L->capbv, hint, sizeof *L->bv, 16);
    if (sqlite3_prepare_v2(L->db, q.data, -1, &st, NULL) != SQLITE_OK) {
        rc = KR_EDB;
        goto cleanup;
    }
    do {
        size_t nb = 0;
        /* room for a whole batch, so that no table moves while its slots are being fetched */
        if (strtab_reserve(&L->clients, BATCH) != 0) {
            rc = KR_ENOMEM;
            break;
        }
        while (nb < BATCH && (step = sqlite3_step(st)) == SQLITE_ROW) {
            int got = stage_row(L, &ld, st, &b[nb]);
            if (got < 0) {
                rc = KR_ENOMEM;
                break;
            }
            nb += (size_t)got;
        }
        if (rc == KR_OK && nb)
            rc = add_batch(L, &ld, b, nb);
    } while (rc == KR_OK && step == SQLITE_ROW);
    if (rc == KR_OK && step != SQLITE_DONE)
        rc = KR_EDB;
    if (rc == KR_OK)
        rc = choose_versions(L, &ld.versions);
cleanup:
    sqlite3_finalize(st);
    vparts_fini(&ld.versions);
    kr_buf_fini(&fx);
    kr_buf_fini(&q);
    free(b);
    return rc;
}

kr_status etl_load_registry(linker *L)
{
    sqlite3_stmt *st = NULL;
    L->oi = calloc(L->orgs.n + 1, sizeof *L->oi);
    L->gm_regio = calloc(L->gms.n + 1, sizeof *L->gm_regio);
    L->gm_now = calloc(L->gms.n + 1, sizeof *L->gm_now);
    if (!L->oi || !L->gm_regio || !L->gm_now)
        return KR_ENOMEM;
    if (sqlite3_prepare_v2(L->db, "SELECT code, lijn, regio, site FROM organisaties", -1, &st, NULL) != SQLITE_OK)
        return KR_EDB;
    while (sqlite3_step(st) == SQLITE_ROW) {
        long i = strtab_find(&L->orgs, kr_column_text(st, 0));
        if (i >= 0) {
            L->oi[i].lijn = sqlite3_column_int(st, 1);
            kr_strlcpy(L->oi[i].regio, kr_column_text(st, 2), sizeof L->oi[i].regio);
            kr_strlcpy(L->oi[i].site, kr_column_text(st, 3), sizeof L->oi[i].site);
        }
    }
    sqlite3_finalize(st);
    /*
     * Each code as it is today: a merged municipality's records count under its successor (chains followed to the
     * end), whether the code was mapped when the file was read (its merger was known then) or the merger came later.
     * So the outcome does not depend on whether gemeenten.csv or the extract arrived first.
     */
    if (sqlite3_prepare_v2(L->db,
                           ETL_GM_CHAIN "SELECT k.code, k.opvolger, coalesce(g.regio, e.regio, '') FROM ketting k "
                           "LEFT JOIN gemeenten g ON g.gemeentecode = k.opvolger "
                           "LEFT JOIN gemeenten e ON e.gemeentecode = k.code WHERE" ETL_GM_CHAIN_LAST,
                           -1, &st, NULL) != SQLITE_OK)
        return KR_EDB;
    while (sqlite3_step(st) == SQLITE_ROW) {
        long i = strtab_find(&L->gms, kr_column_text(st, 0));
        if (i >= 0) {
            kr_strlcpy(L->gm_now[i], kr_column_text(st, 1), sizeof L->gm_now[i]);
            kr_strlcpy(L->gm_regio[i], kr_column_text(st, 2), sizeof L->gm_regio[i]);
        }
    }
    sqlite3_finalize(st);
    return KR_OK;
}

