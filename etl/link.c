/*
 * Linkage: the records of different partners become trajectories (one per
 * pregnancy of one client, with its children), exactly as EXTRACTS.md
 * describes. Everything is decided from record contents, never from rowids or
 * ingestion order, so the same deliveries always give the same trajectories.
 */
#include "etl_int.h"

#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

enum { T_ZW, T_SC, T_ZE, T_OV, T_MD, T_BV, T_JG, T_COUNT };

typedef struct src_table {
    const char *name;
    const char *birth;   /* column with the child's birth date, or NULL */
    const char *rdate;   /* the record's own date (peildatum) */
} src_table;

static const src_table tables[T_COUNT] = {
    [T_ZW] = {"zwangerschap", NULL, "intake_datum"},
    [T_SC] = {"screening", NULL, "screening_datum"},
    [T_ZE] = {"zorgepisode", NULL, "start_datum"},
    [T_OV] = {"overdracht", "geboortedatum", "verzonden_datum"},
    [T_MD] = {"mdo", NULL, "aanmelddatum"},
    [T_BV] = {"bevalling", "geboortedatum", "geboortedatum"},
    [T_JG] = {"jgz_contact", "geboortedatum", "contact_datum"},
};

typedef struct rec {
    int64_t rowid;
    int64_t key;
    int64_t old_traject;   /* as stored; -1 = NULL */
    int64_t traject;       /* result; -1 = unlinked */
    int32_t due, birth, rdate, intake;
    int32_t pend, plen;
    uint32_t client;
    uint16_t org;          /* delivering organisation */
    uint16_t row_org;      /* the row's organisatie */
    uint16_t gm;           /* zwangerschap: municipality */
    uint8_t table;
    uint8_t kind;
    int8_t old_actueel, actueel;
    int8_t old_gekozen, gekozen;
    uint8_t considered;    /* current and dated on or before the peildatum */
} rec;

typedef struct strtab {
    char (*s)[72];
    size_t n, cap;
    uint32_t *slots;       /* open addressing: index + 1, 0 = empty */
    size_t scap;
} strtab;

typedef struct orginfo {
    int lijn;
    char regio[40];
    char site[40];
} orginfo;

typedef struct linker {
    sqlite3 *db;
    rec *r;
    size_t n, cap;
    strtab clients, orgs, gms;
    orginfo *oi;           /* per org index */
    char (*gm_regio)[40];  /* per municipality index */
    int has_peil;
    kr_date peil;
} linker;

/* ---- string interning ------------------------------------------------------------------ */

static void strtab_fini(strtab *t)
{
    free(t->s);
    free(t->slots);
    memset(t, 0, sizeof *t);
}

static int strtab_id(strtab *t, const char *s, uint32_t *out)
{
    size_t len = strlen(s);
    if (len >= 72)
        len = 71;
    if ((t->n + 1) * 2 > t->scap) {
        size_t ncap = t->scap ? t->scap * 2 : 1024;
        uint32_t *ns = calloc(ncap, sizeof *ns);
        if (!ns)
            return -1;
        for (size_t i = 0; i < t->n; i++) {
            size_t j = (size_t)XXH3_64bits(t->s[i], strlen(t->s[i])) & (ncap - 1);
            while (ns[j])
                j = (j + 1) & (ncap - 1);
            ns[j] = (uint32_t)i + 1;
        }
        free(t->slots);
        t->slots = ns;
        t->scap = ncap;
    }
    size_t j = (size_t)XXH3_64bits(s, len) & (t->scap - 1);
    while (t->slots[j]) {
        const char *c = t->s[t->slots[j] - 1];
        if (strncmp(c, s, len) == 0 && c[len] == '\0') {
            *out = t->slots[j] - 1;
            return 0;
        }
        j = (j + 1) & (t->scap - 1);
    }
    if (kr_grow(&t->s, &t->cap, t->n, sizeof *t->s, 256) != KR_OK)
        return -1;
    memcpy(t->s[t->n], s, len);
    t->s[t->n][len] = '\0';
    t->slots[j] = (uint32_t)t->n + 1;
    *out = (uint32_t)t->n++;
    return 0;
}

/* ---- loading ------------------------------------------------------------------------------ */

static kr_status load_table(linker *L, int t)
{
    char sql[1024];
    sqlite3_stmt *st = NULL;
    kr_status rc = KR_OK;
    const src_table *T = &tables[t];
    (void)snprintf(sql, sizeof sql,
                   "SELECT t.id, t.client_pseudoniem, t.a_terme_datum, %s, t.sleutel, l.periode_begin, "
                   "l.periode_eind, l.organisatie, t.%s, t.actueel, t.traject_id, %s, t.organisatie, %s, %s, %s "
                   "FROM %s t JOIN levering l ON l.id = t.levering_id WHERE l.status = 'actief'",
                   T->birth ? T->birth : "NULL", T->rdate, t == T_ZW ? "t.intake_datum" : "NULL",
                   t == T_ZW ? "t.gemeentecode" : "NULL",
                   (t == T_BV || t == T_JG) ? "t.kind_volgnummer" : "1", t == T_BV ? "t.gekozen" : "NULL", T->name);
    if (sqlite3_prepare_v2(L->db, sql, -1, &st, NULL) != SQLITE_OK)
        return KR_EDB;
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if ((rc = kr_grow(&L->r, &L->cap, L->n, sizeof *L->r, 4096)) != KR_OK)
            break;
        rec *x = &L->r[L->n];
        memset(x, 0, sizeof *x);
        uint32_t id;
        x->rowid = sqlite3_column_int64(st, 0);
        if (strtab_id(&L->clients, kr_column_text(st, 1), &x->client) != 0) {
            rc = KR_ENOMEM;
            break;
        }
        x->due = kr_column_date(st, 2);
        x->birth = kr_column_date(st, 3);
        x->key = sqlite3_column_int64(st, 4);
        int32_t pb = kr_column_date(st, 5);
        x->pend = kr_column_date(st, 6);
        x->plen = x->pend - pb;
        if (strtab_id(&L->orgs, kr_column_text(st, 7), &id) != 0) {
            rc = KR_ENOMEM;
            break;
        }
        x->org = (uint16_t)id;
        x->rdate = kr_column_date(st, 8);
        x->old_actueel = (int8_t)(sqlite3_column_type(st, 9) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 9));
        x->old_traject = sqlite3_column_type(st, 10) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 10);
        x->intake = kr_column_date(st, 11);
        if (strtab_id(&L->orgs, kr_column_text(st, 12), &id) != 0) {
            rc = KR_ENOMEM;
            break;
        }
        x->row_org = (uint16_t)id;
        if (strtab_id(&L->gms, kr_column_text(st, 13), &id) != 0) {
            rc = KR_ENOMEM;
            break;
        }
        x->gm = (uint16_t)id;
        x->kind = (uint8_t)sqlite3_column_int(st, 14);
        x->old_gekozen = (int8_t)(sqlite3_column_type(st, 15) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 15));
        x->table = (uint8_t)t;
        x->traject = -1;
        L->n++;
    }
    if (rc == KR_OK && step != SQLITE_DONE)
        rc = KR_EDB;
    sqlite3_finalize(st);
    return rc;
}

static kr_status load_registry(linker *L)
{
    sqlite3_stmt *st = NULL;
    L->oi = calloc(L->orgs.n + 1, sizeof *L->oi);
    L->gm_regio = calloc(L->gms.n + 1, sizeof *L->gm_regio);
    if (!L->oi || !L->gm_regio)
        return KR_ENOMEM;
    if (sqlite3_prepare_v2(L->db, "SELECT code, lijn, regio, site FROM organisaties", -1, &st, NULL) != SQLITE_OK)
        return KR_EDB;
    while (sqlite3_step(st) == SQLITE_ROW) {
        for (size_t i = 0; i < L->orgs.n; i++)
            if (strcmp(L->orgs.s[i], kr_column_text(st, 0)) == 0) {
                L->oi[i].lijn = sqlite3_column_int(st, 1);
                kr_strlcpy(L->oi[i].regio, kr_column_text(st, 2), sizeof L->oi[i].regio);
                kr_strlcpy(L->oi[i].site, kr_column_text(st, 3), sizeof L->oi[i].site);
            }
    }
    sqlite3_finalize(st);
    if (sqlite3_prepare_v2(L->db, "SELECT gemeentecode, regio FROM gemeenten", -1, &st, NULL) != SQLITE_OK)
        return KR_EDB;
    while (sqlite3_step(st) == SQLITE_ROW) {
        for (size_t i = 0; i < L->gms.n; i++)
            if (strcmp(L->gms.s[i], kr_column_text(st, 0)) == 0)
                kr_strlcpy(L->gm_regio[i], kr_column_text(st, 1), sizeof L->gm_regio[i]);
    }
    sqlite3_finalize(st);
    return KR_OK;
}

/* ---- versions: the latest period wins -------------------------------------------------------- */

static const rec *g_recs;  /* qsort has no context argument */

static int cmp_version(const void *a, const void *b)
{
    const rec *x = &g_recs[*(const size_t *)a], *y = &g_recs[*(const size_t *)b];
    if (x->table != y->table)
        return x->table < y->table ? -1 : 1;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    if (x->pend != y->pend)
        return x->pend > y->pend ? -1 : 1;  /* later last day first */
    if (x->plen != y->plen)
        return x->plen < y->plen ? -1 : 1;  /* then the shorter period */
    return 0;
}

static int cmp_client(const void *a, const void *b)
{
    const rec *x = &g_recs[*(const size_t *)a], *y = &g_recs[*(const size_t *)b];
    if (x->client != y->client)
        return x->client < y->client ? -1 : 1;
    return 0;
}

/* ---- one client's pregnancies --------------------------------------------------------------------- */

typedef struct preg {
    int32_t lo, hi;        /* range of due dates in the cluster */
    int32_t due;           /* the pregnancy's due date */
    int zw;                /* index of the chosen zwangerschap record, or -1 */
    int64_t id;
    int32_t birth;         /* earliest chosen child's birth */
    int children;
    int records;
    int bv_org;            /* row organisation of the earliest chosen child, or -1 */
} preg;

typedef struct traject_out {
    int64_t id;
    int64_t zw_rowid;      /* the leading zwangerschap row, or 0 */
    uint32_t client;
    int32_t due, intake, birth;
    int intake_org, gm, bv_org;
    int children, records;
} traject_out;

typedef struct linkout {
    traject_out *t;
    size_t n, cap;
} linkout;

static int cmp_i32(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
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

/* Is zwangerschap record a a better choice than b for its pregnancy? */
static int zw_better(const linker *L, const rec *a, const rec *b)
{
    if (a->intake != b->intake)
        return a->intake < b->intake;
    int c = strcmp(L->orgs.s[a->row_org], L->orgs.s[b->row_org]);
    if (c != 0)
        return c < 0;
    if (a->due != b->due)
        return a->due < b->due;
    return a->key < b->key;
}

/* Is bevalling record a a better record of its child than b? */
static int bv_better(const linker *L, const rec *a, const rec *b)
{
    int la = L->oi[a->org].lijn, lb = L->oi[b->org].lijn;
    if (la != lb)
        return la > lb;
    int c = strcmp(L->orgs.s[a->org], L->orgs.s[b->org]);
    if (c != 0)
        return c < 0;
    if (a->pend != b->pend)
        return a->pend > b->pend;
    if (a->birth != b->birth)
        return a->birth < b->birth;
    return a->key < b->key;
}

static kr_status link_client(linker *L, const size_t *ix, size_t m, linkout *out)
{
    kr_status rc = KR_OK;
    int32_t *dues = malloc((m ? m : 1) * sizeof *dues);
    preg *pg = NULL;
    size_t nd = 0, np = 0;
    if (!dues)
        return KR_ENOMEM;
    for (size_t k = 0; k < m; k++)
        if (L->r[ix[k]].due != KR_NO_DATE)
            dues[nd++] = L->r[ix[k]].due;
    qsort(dues, nd, sizeof *dues, cmp_i32);
    pg = calloc(nd ? nd : 1, sizeof *pg);
    if (!pg) {
        rc = KR_ENOMEM;
        goto cleanup;
    }
    /* 1. single linkage of due dates: a gap of more than 42 days starts a new pregnancy */
    for (size_t k = 0; k < nd; k++) {
        if (np == 0 || dues[k] - pg[np - 1].hi > 42) {
            pg[np].lo = pg[np].hi = dues[k];
            pg[np].zw = -1;
            pg[np].bv_org = -1;
            pg[np].birth = KR_NO_DATE;
            np++;
        } else {
            pg[np - 1].hi = dues[k];
        }
    }
    /* records with a due date link by it; choose each pregnancy's zwangerschap row */
    for (size_t k = 0; k < m; k++) {
        rec *x = &L->r[ix[k]];
        if (x->due == KR_NO_DATE)
            continue;
        size_t p = 0;
        while (p + 1 < np && x->due > pg[p].hi)
            p++;
        x->traject = (int64_t)p;  /* pregnancy index for now */
        if (x->table == T_ZW && (pg[p].zw < 0 || zw_better(L, x, &L->r[ix[pg[p].zw]])))
            pg[p].zw = (int)k;
    }
    for (size_t p = 0; p < np; p++)
        pg[p].due = pg[p].zw >= 0 ? L->r[ix[pg[p].zw]].due : pg[p].lo;
    /* 3. children: one bevalling row per (pregnancy, kind_volgnummer) */
    for (size_t k = 0; k < m; k++) {
        rec *x = &L->r[ix[k]];
        if (x->table != T_BV)
            continue;
        x->gekozen = 1;
        for (size_t j = 0; j < m; j++) {
            rec *y = &L->r[ix[j]];
            if (j != k && y->table == T_BV && y->traject == x->traject && y->kind == x->kind && bv_better(L, y, x)) {
                x->gekozen = 0;
                break;
            }
        }
        if (x->gekozen) {
            preg *p = &pg[x->traject];
            p->children++;
            if (p->birth == KR_NO_DATE || x->birth < p->birth) {
                p->birth = x->birth;
                p->bv_org = x->row_org;
            }
        }
    }
    /* 2. records with only a birth date */
    for (size_t k = 0; k < m; k++) {
        rec *x = &L->r[ix[k]];
        if (x->due != KR_NO_DATE || x->birth == KR_NO_DATE)
            continue;
        long best = -1;
        int32_t bestd = 0;
        for (size_t j = 0; j < m; j++) {  /* a bevalling within 2 days: the closest birth, then the earliest due */
            const rec *y = &L->r[ix[j]];
            if (y->table != T_BV || !y->gekozen)
                continue;
            int32_t d = abs(y->birth - x->birth);
            if (d > 2)
                continue;
            size_t p = (size_t)y->traject;
            if (best < 0 || d < bestd || (d == bestd && pg[p].due < pg[best].due)) {
                best = (long)p;
                bestd = d;
            }
        }
        if (best < 0) {
            for (size_t p = 0; p < np; p++) {  /* else the due date closest to the birth */
                int32_t d = pg[p].due - x->birth;
                if (d < -35 || d > 126)
                    continue;
                d = abs(d);
                if (best < 0 || d < bestd || (d == bestd && pg[p].due < pg[best].due)) {
                    best = (long)p;
                    bestd = d;
                }
            }
        }
        x->traject = best;
    }
    /* trajectory ids and output */
    const char *client = m ? L->clients.s[L->r[ix[0]].client] : "";
    for (size_t p = 0; p < np; p++)
        pg[p].id = traject_id(client, pg[p].due);
    for (size_t k = 0; k < m; k++) {
        rec *x = &L->r[ix[k]];
        if (x->traject >= 0) {
            pg[x->traject].records++;
            x->traject = pg[x->traject].id;
        }
    }
    for (size_t p = 0; p < np; p++) {
        if ((rc = kr_grow(&out->t, &out->cap, out->n, sizeof *out->t, 1024)) != KR_OK)
            goto cleanup;
        traject_out *o = &out->t[out->n++];
        const rec *z = pg[p].zw >= 0 ? &L->r[ix[pg[p].zw]] : NULL;
        o->id = pg[p].id;
        o->zw_rowid = z ? z->rowid : 0;
        o->client = L->r[ix[0]].client;
        o->due = pg[p].due;
        o->intake = z ? z->intake : KR_NO_DATE;
        o->intake_org = z ? z->row_org : -1;
        o->gm = z ? z->gm : -1;
        o->bv_org = pg[p].bv_org;
        o->birth = pg[p].birth;
        o->children = pg[p].children;
        o->records = pg[p].records;
    }
cleanup:
    free(dues);
    free(pg);
    return rc;
}

/* ---- writing --------------------------------------------------------------------------------- */

static void bind_date(sqlite3_stmt *st, int i, int32_t d)
{
    char buf[11];
    if (d == KR_NO_DATE) {
        sqlite3_bind_null(st, i);
        return;
    }
    kr_date_format(d, buf);
    sqlite3_bind_text(st, i, buf, 10, SQLITE_TRANSIENT);
}

static void bind_str_or_null(sqlite3_stmt *st, int i, const char *s)
{
    if (s && *s)
        sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

static kr_status write_trajects(linker *L, const linkout *out)
{
    sqlite3_stmt *st = NULL;
    kr_status rc = KR_OK;
    if (kr_db_exec(L->db, "DELETE FROM traject") != KR_OK)
        return KR_EDB;
    if (sqlite3_prepare_v2(L->db,
                           "INSERT INTO traject (id, client_pseudoniem, a_terme_datum, intake_datum, "
                           "intake_organisatie, gemeentecode, regio, site, geboortedatum, kinderen, records, "
                           "zwangerschap_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           -1, &st, NULL) != SQLITE_OK)
        return KR_EDB;
    for (size_t i = 0; i < out->n && rc == KR_OK; i++) {
        const traject_out *t = &out->t[i];
        const char *regio = NULL, *site = NULL;
        if (t->gm >= 0 && L->gms.s[t->gm][0])
            regio = L->gm_regio[t->gm];
        else if (t->bv_org >= 0)
            regio = L->oi[t->bv_org].regio;
        if (t->intake_org >= 0)
            site = L->oi[t->intake_org].site;
        else if (t->bv_org >= 0)
            site = L->oi[t->bv_org].site;
        sqlite3_bind_int64(st, 1, t->id);
        sqlite3_bind_text(st, 2, L->clients.s[t->client], -1, SQLITE_STATIC);
        bind_date(st, 3, t->due);
        bind_date(st, 4, t->intake);
        bind_str_or_null(st, 5, t->intake_org >= 0 ? L->orgs.s[t->intake_org] : NULL);
        bind_str_or_null(st, 6, t->gm >= 0 ? L->gms.s[t->gm] : NULL);
        bind_str_or_null(st, 7, regio);
        sqlite3_bind_text(st, 8, site && *site ? site : "onbekend", -1, SQLITE_TRANSIENT);
        bind_date(st, 9, t->birth);
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
    sqlite3_finalize(st);
    return rc;
}

static int cmp_rowid(const void *a, const void *b)
{
    const rec *x = &g_recs[*(const size_t *)a], *y = &g_recs[*(const size_t *)b];
    if (x->table != y->table)
        return x->table < y->table ? -1 : 1;
    return (x->rowid > y->rowid) - (x->rowid < y->rowid);
}

static kr_status write_records(linker *L, size_t *ord)
{
    sqlite3_stmt *st[T_COUNT] = {NULL};
    kr_status rc = KR_OK;
    for (int t = 0; t < T_COUNT; t++) {
        char sql[200];
        (void)snprintf(sql, sizeof sql, "UPDATE %s SET actueel = ?1, traject_id = ?2%s WHERE id = ?3",
                       tables[t].name, t == T_BV ? ", gekozen = ?4" : "");
        if (sqlite3_prepare_v2(L->db, sql, -1, &st[t], NULL) != SQLITE_OK) {
            rc = KR_EDB;
            goto cleanup;
        }
    }
    g_recs = L->r;
    for (size_t i = 0; i < L->n; i++)
        ord[i] = i;
    qsort(ord, L->n, sizeof *ord, cmp_rowid);  /* update in rowid order: sequential pages */
    for (size_t i = 0; i < L->n && rc == KR_OK; i++) {
        const rec *x = &L->r[ord[i]];
        int8_t gek = x->table == T_BV ? x->gekozen : -1;
        if (x->old_actueel == x->actueel && x->old_traject == x->traject && x->old_gekozen == gek)
            continue;
        sqlite3_stmt *s = st[x->table];
        sqlite3_bind_int(s, 1, x->actueel);
        if (x->traject >= 0)
            sqlite3_bind_int64(s, 2, x->traject);
        else
            sqlite3_bind_null(s, 2);
        sqlite3_bind_int64(s, 3, x->rowid);
        if (x->table == T_BV) {
            if (x->traject >= 0)
                sqlite3_bind_int(s, 4, x->gekozen);
            else
                sqlite3_bind_null(s, 4);
        }
        if (sqlite3_step(s) != SQLITE_DONE)
            rc = KR_EDB;
        sqlite3_reset(s);
    }
cleanup:
    for (int t = 0; t < T_COUNT; t++)
        sqlite3_finalize(st[t]);
    return rc;
}

typedef struct countrow {
    long long records, linked, unlinked, superseded;
} countrow;

static kr_status write_counts(linker *L, int has_peil, kr_date peil, size_t ntraj, etl_link_stats *stats)
{
    kr_status rc = KR_OK;
    sqlite3_stmt *st = NULL;
    size_t no = L->orgs.n ? L->orgs.n : 1;
    countrow *c = calloc(no * T_COUNT, sizeof *c);
    if (!c)
        return KR_ENOMEM;
    for (size_t i = 0; i < L->n; i++) {
        const rec *x = &L->r[i];
        countrow *z = &c[(size_t)x->org * T_COUNT + x->table];
        if (!x->actueel) {
            z->superseded++;
            stats->superseded++;
        } else if (x->considered) {
            z->records++;
            stats->records++;
            if (x->traject >= 0) {
                z->linked++;
                stats->linked++;
            } else {
                z->unlinked++;
                stats->unlinked++;
            }
        }
        if (x->table == T_BV && x->gekozen && x->traject >= 0)
            stats->children++;
    }
    stats->trajectories = (long long)ntraj;
    if (kr_db_exec(L->db, "DELETE FROM koppeling") != KR_OK) {
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
    for (size_t o = 0; o < L->orgs.n && rc == KR_OK; o++)
        for (int t = 0; t < T_COUNT; t++) {
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
        if (has_peil)
            bind_date(st, 2, peil);
        sqlite3_bind_int64(st, 3, (long long)ntraj);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = KR_EDB;
    }
cleanup:
    sqlite3_finalize(st);
    free(c);
    return rc;
}

/* ---- the whole linkage -------------------------------------------------------------------------- */

kr_status etl_link(sqlite3 *db, int has_peildatum, kr_date peildatum, etl_link_stats *stats)
{
    linker L;
    linkout out = {NULL, 0, 0};
    size_t *ord = NULL;
    kr_status rc = KR_OK;
    int in_tx = 0;
    memset(&L, 0, sizeof L);
    memset(stats, 0, sizeof *stats);
    L.db = db;
    L.has_peil = has_peildatum;
    L.peil = peildatum;

    /* a savepoint: linkage may run inside compute's transaction */
    if ((rc = kr_db_exec(db, "SAVEPOINT koppeling")) != KR_OK)
        return rc;
    in_tx = 1;
    for (int t = 0; t < T_COUNT && rc == KR_OK; t++)
        rc = load_table(&L, t);
    if (rc == KR_OK)
        rc = load_registry(&L);
    if (rc != KR_OK)
        goto cleanup;
    ord = malloc((L.n ? L.n : 1) * sizeof *ord);
    if (!ord) {
        rc = KR_ENOMEM;
        goto cleanup;
    }
    /* versions */
    g_recs = L.r;
    for (size_t i = 0; i < L.n; i++)
        ord[i] = i;
    qsort(ord, L.n, sizeof *ord, cmp_version);
    for (size_t i = 0; i < L.n; i++) {
        rec *x = &L.r[ord[i]];
        const rec *prev = i ? &L.r[ord[i - 1]] : NULL;
        x->actueel = !(prev && prev->table == x->table && prev->key == x->key);
        x->considered = x->actueel && (!has_peildatum || x->rdate == KR_NO_DATE || x->rdate <= peildatum);
        x->traject = -1;
        x->gekozen = 0;
    }
    /* per client */
    size_t nc = 0;
    for (size_t i = 0; i < L.n; i++)
        if (L.r[i].considered)
            ord[nc++] = i;
    qsort(ord, nc, sizeof *ord, cmp_client);
    for (size_t i = 0; i < nc && rc == KR_OK;) {
        size_t j = i;
        while (j < nc && L.r[ord[j]].client == L.r[ord[i]].client)
            j++;
        rc = link_client(&L, ord + i, j - i, &out);
        i = j;
    }
    if (rc != KR_OK)
        goto cleanup;
    /* trajectory ids must be unique; a 63-bit hash collision is refused, never merged */
    {
        int64_t *ids = malloc((out.n ? out.n : 1) * sizeof *ids);
        if (!ids) {
            rc = KR_ENOMEM;
            goto cleanup;
        }
        for (size_t i = 0; i < out.n; i++)
            ids[i] = out.t[i].id;
        qsort(ids, out.n, sizeof *ids, cmp_i64);
        for (size_t i = 1; i < out.n; i++)
            if (ids[i] == ids[i - 1]) {
                fprintf(stderr, "kansrijk: linkage: two trajectories share id %lld; please report this\n",
                        (long long)ids[i]);
                rc = KR_EDB;
            }
        free(ids);
        if (rc != KR_OK)
            goto cleanup;
    }
    if ((rc = write_trajects(&L, &out)) != KR_OK)
        goto cleanup;
    if ((rc = write_records(&L, ord)) != KR_OK)
        goto cleanup;
    if ((rc = write_counts(&L, has_peildatum, peildatum, out.n, stats)) != KR_OK)
        goto cleanup;
    rc = kr_db_exec(db, "RELEASE koppeling");
    if (rc == KR_OK)
        in_tx = 0;
cleanup:
    if (in_tx)
        (void)sqlite3_exec(db, "ROLLBACK TO koppeling; RELEASE koppeling", NULL, NULL, NULL);
    free(ord);
    free(out.t);
    free(L.r);
    free(L.oi);
    free(L.gm_regio);
    strtab_fini(&L.clients);
    strtab_fini(&L.orgs);
    strtab_fini(&L.gms);
    return rc;
}

/* ---- status ------------------------------------------------------------------------------------- */

kr_status etl_status_print(sqlite3 *db, int json, FILE *out)
{
    sqlite3_stmt *st = NULL;
    json_object *root = json ? json_object_new_object() : NULL, *arr = json ? json_object_new_array() : NULL;
    int stale = -1;
    if (sqlite3_prepare_v2(db,
                           "SELECT r.uitgevoerd_op, r.peildatum, r.trajecten, "
                           "r.laatste_levering <> (SELECT coalesce(max(id), 0) FROM levering) OR "
                           "r.ledger_wijzigingen <> (SELECT count(*) FROM levering WHERE status IN ('ingetrokken', "
                           "'vervangen')) FROM koppeling_run r",
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
            fprintf(out, "linkage last run %s%s%s: %lld trajectories%s\n", kr_column_text(st, 0),
                    sqlite3_column_type(st, 1) == SQLITE_NULL ? "" : ", peildatum ", kr_column_text(st, 1),
                    (long long)sqlite3_column_int64(st, 2),
                    stale ? "\n  deliveries changed since: run 'kansrijk link' again" : "");
        }
    } else if (!json) {
        fputs("linkage has not run yet: run 'kansrijk link'\n", out);
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
                fprintf(out, "  %-14s %-13s %9s %9s %11s %9s %7s\n", "organisatie", "type", "records", "gekoppeld",
                        "ongekoppeld", "vervangen", "linked");
            header = 1;
            fprintf(out, "  %-14s %-13s %9lld %9lld %11lld %9lld %6.1f%%\n", kr_column_text(st, 0), kr_column_text(st, 1), nrec,
                    linked, (long long)sqlite3_column_int64(st, 4), (long long)sqlite3_column_int64(st, 5),
                    nrec ? 100.0 * (double)linked / (double)nrec : 0.0);
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
