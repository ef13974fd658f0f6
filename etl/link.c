/*
 * Linkage: the records of different partners become trajectories (one per
 * pregnancy of one client, with its children), exactly as EXTRACTS.md
 * describes. Everything is decided from record contents, never from rowids or
 * ingestion order, so the same deliveries always give the same trajectories.
 * At national scale (millions of records) memory access decides the speed: a
 * record takes 32 bytes, the tables read at random are few and prefetched,
 * versions are chosen per hash partition of the keys, clients are grouped with
 * a counting sort, and only the rows whose values change are written.
 */
#include "etl_int.h"

#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
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

/* A trajectory reference (rec.tr, rec.old_tr, traject_out.old): an index, or one of these. */
#define TR_NONE UINT32_MAX        /* not linked; as stored: NULL (or -1) */
#define TR_NEW (UINT32_MAX - 1)   /* an id that no row held before this run */
#define TR_MAX (UINT32_MAX - 2)   /* indexes stay below this */
#define HINT_MAX (1LL << 28)      /* the most rows a count from the ledger sizes arrays for */

/* actueel and gekozen as stored, reduced to what the comparison with 0 or 1 needs */
enum { OLD_0, OLD_1, OLD_OTHER, OLD_NULL };

enum {
    F_ACTUEEL = 1u << 0,  /* the latest period's version of its key */
    F_INPEIL = 1u << 1,   /* dated on or before the peildatum, undated, or no peildatum */
    F_GEKOZEN = 1u << 2,  /* bevalling: the row that counts for its child */
    F_OLDACT = 3,         /* shift of 2 bits: actueel as stored (OLD_*) */
    F_OLDGEK = 5          /* shift of 2 bits: gekozen as stored (OLD_*) */
};

/* One extract row. Records lie in load order: table by table, each in rowid order. */
typedef struct rec {
    int64_t rowid;
    uint32_t client;
    int32_t due, birth;
    uint32_t old_tr;       /* traject_id as stored: index in the set of stored ids, or TR_NONE */
    uint32_t tr;           /* the trajectory's index, or TR_NONE (inside link_client: the pregnancy's) */
    uint16_t org;          /* delivering organisation */
    uint8_t table;
    uint8_t flags;
} rec;

/* What only zwangerschap rows need (index: the record's place among them) */
typedef struct zwinfo {
    int64_t key;
    int32_t intake;
    uint16_t gm;           /* municipality */
    uint16_t org;          /* the row's organisatie */
} zwinfo;

/* What only bevalling rows need */
typedef struct bvinfo {
    int64_t key;
    int32_t pend;          /* last day of the delivery's period */
    uint16_t org;          /* the row's organisatie */
    uint8_t kind;
} bvinfo;

/* An active delivery */
typedef struct delivery {
    int64_t id;
    int32_t pend, plen;    /* last day of the period, and its length */
    uint16_t org;
} delivery;

typedef struct strtab {
    char (*s)[72];
    size_t n, cap;
    uint64_t *slots;       /* open addressing: high half of the hash | index + 1; 0 = empty */
    size_t scap;
    size_t limit;          /* the most strings the index type holds */
} strtab;

/*
 * A map from 64-bit keys to indexes: open addressing, linear probing. A slot
 * is 12 bytes, key and value together, so that a probe touches one place.
 */
typedef struct kslot {
    uint32_t lo, hi;       /* the key's halves */
    uint32_t val;          /* index + 1; 0 = empty */
} kslot;

typedef struct keymap {
    kslot *s;
    size_t cap, n;
} keymap;

/*
 * Versions. Each record key goes, with its record and delivery, into one of
 * VPARTS partitions by its hash: appending, so memory is written in order.
 * Once the table is read, each partition is resolved with a hash table small
 * enough to stay in the cache; a probe into one table of all keys would cost
 * a cache and TLB miss per row.
 */
enum { VPARTS = 64 };

typedef struct vkey {
    int64_t key;
    uint32_t rec, d;       /* the record, and its delivery */
} vkey;

typedef struct vparts {
    vkey *p[VPARTS];
    size_t n[VPARTS], cap[VPARTS];
} vparts;

typedef struct orginfo {
    int lijn;
    char regio[40];
    char site[40];
} orginfo;

typedef struct preg {
    int32_t lo, hi;        /* range of due dates in the cluster */
    int32_t due;           /* the pregnancy's due date */
    int zw;                /* position (in the client's records) of the chosen zwangerschap record, or -1 */
    int64_t id;
    int32_t birth;         /* earliest chosen child's birth */
    int children;
    int records;
    int bv_org;            /* row organisation of the earliest chosen child, or -1 */
    int bv_kind;           /* its kind_volgnummer (a tie of birth dates goes to the lower) */
} preg;

typedef struct traject_out {
    int64_t id;
    int64_t zw_rowid;      /* the leading zwangerschap row, or 0 */
    uint32_t client;
    uint32_t old;          /* index of id among the stored ids, or TR_NEW */
    int32_t due, intake, birth;
    int32_t intake_org, gm, bv_org;
    int32_t children, records;
} traject_out;

typedef struct linker {
    sqlite3 *db;
    rec *r;
    size_t n, cap;
    zwinfo *zw;
    size_t nzw, capzw;
    bvinfo *bv;
    size_t nbv, capbv;
    size_t base[T_COUNT];  /* index of each table's first record */
    delivery *dl;
    size_t ndl, capdl;
    strtab clients, orgs, gms;
    keymap old;            /* the distinct traject_id values stored before this run */
    orginfo *oi;           /* per org index */
    char (*gm_regio)[40];  /* per municipality index */
    int has_peil;
    kr_date peil;
    /* link_client's scratch, reused from client to client */
    int32_t *dues;
    size_t capdues;
    preg *pg;
    size_t cappg;
    uint32_t *bvs;
    size_t capbvs;
    /* the trajectories */
    traject_out *t;
    size_t nt, capt;
} linker;

static uint64_t mix64(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

/* ---- tables read at random ------------------------------------------------------------- */

/*
 * n bytes for a large array: on 2 MiB pages where the system offers them, as
 * the hash tables are read at random (fewer TLB misses) and the record array
 * is filled page by page (fewer page faults). Zeroed when zero; free() frees.
 */
static void *big_alloc(size_t n, int zero)
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

static void strtab_fini(strtab *t)
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
    uint64_t *ns = big_alloc(ncap * sizeof *ns, 1);
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
static kr_status strtab_presize(strtab *t, size_t n)
{
    if (n < 1024 || t->n || t->s)
        return KR_OK;
    t->s = big_alloc(n * sizeof *t->s, 0);
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

/* ---- maps from 64-bit keys to indexes ------------------------------------------------------ */

static void keymap_fini(keymap *m)
{
    free(m->s);
    memset(m, 0, sizeof *m);
}

static size_t keymap_pos(const keymap *m, int64_t key)
{
    /* any capacity below 2^32: the high half of the mixed key scaled to it */
    return (size_t)(((mix64((uint64_t)key) >> 32) * (uint64_t)m->cap) >> 32);
}

/* The slot of key: the one holding it, or the empty one where it belongs. */
static size_t keymap_slot(const keymap *m, int64_t key)
{
    uint32_t lo = (uint32_t)(uint64_t)key, hi = (uint32_t)((uint64_t)key >> 32);
    size_t j = keymap_pos(m, key);
    while (m->s[j].val && (m->s[j].lo != lo || m->s[j].hi != hi))
        if (++j == m->cap)
            j = 0;
    return j;
}

static int64_t keymap_key(const keymap *m, size_t j)
{
    return (int64_t)(((uint64_t)m->s[j].hi << 32) | m->s[j].lo);
}

static void keymap_set(keymap *m, size_t j, int64_t key, uint32_t val)
{
    m->s[j].lo = (uint32_t)(uint64_t)key;
    m->s[j].hi = (uint32_t)((uint64_t)key >> 32);
    m->s[j].val = val;
}

/* Room for extra more keys at a load factor of at most 3/4 (2/3 when sized at once). */
static kr_status keymap_reserve(keymap *m, size_t extra)
{
    if ((m->n + extra) * 4 <= m->cap * 3)
        return KR_OK;
    size_t ncap = (m->n + extra) + (m->n + extra) / 2 + 1024;
    if (ncap < m->cap * 2)
        ncap = m->cap * 2;
    if (ncap > UINT32_MAX)
        return KR_ENOMEM;
    keymap nm = {big_alloc(ncap * sizeof *nm.s, 1), ncap, m->n};
    if (!nm.s)
        return KR_ENOMEM;
    for (size_t i = 0; i < m->cap; i++)
        if (m->s[i].val) {
            int64_t key = keymap_key(m, i);
            keymap_set(&nm, keymap_slot(&nm, key), key, m->s[i].val);
        }
    keymap_fini(m);
    *m = nm;
    return KR_OK;
}

/* The index of a stored traject_id in L->old, adding it when new; room must be reserved. */
static kr_status old_id(linker *L, int64_t id, uint32_t *out)
{
    keymap *m = &L->old;
    size_t j = keymap_slot(m, id);
    if (!m->s[j].val) {
        if (m->n >= TR_MAX)
            return KR_ENOMEM;
        keymap_set(m, j, id, (uint32_t)++m->n);
    }
    *out = m->s[j].val - 1;
    return KR_OK;
}

/* The index of trajectory id among the stored ones, or TR_NEW. */
static uint32_t old_find(const linker *L, int64_t id)
{
    if (!L->old.cap)
        return TR_NEW;
    size_t j = keymap_slot(&L->old, id);
    return L->old.s[j].val ? L->old.s[j].val - 1 : TR_NEW;
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
static kr_status load_deliveries(linker *L, size_t hint[T_COUNT])
{
    sqlite3_stmt *st = NULL;
    kr_status rc = KR_OK;
    int step;
    if (sqlite3_prepare_v2(L->db,
                           "SELECT id, type, organisatie, periode_begin, periode_eind, laatste_rij - eerste_rij + 1 "
                           "FROM levering WHERE status = 'actief' ORDER BY id",
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
static size_t count_of(sqlite3 *db, const char *sql)
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

static unsigned old_value(sqlite3_stmt *st, int i)
{
    if (sqlite3_column_type(st, i) == SQLITE_NULL)
        return OLD_NULL;
    unsigned v = (unsigned)sqlite3_column_int(st, i) & 0xffu;  /* as an 8-bit value, as always stored */
    return v == 0 ? OLD_0 : v == 1 ? OLD_1 : OLD_OTHER;
}

/*
 * Rows are read in batches: while SQLite reads the next rows, the hash slots
 * of the previous ones are on their way into the cache.
 */
enum { BATCH = 128 };

typedef struct staged {
    int64_t rowid, key, old;   /* old: traject_id as stored, -1 for NULL */
    uint64_t hash;             /* of the client */
    uint32_t d, row_org, gm;
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
    int64_t old;               /* the previous record's stored traject_id, and its index */
    uint32_t old_ix;
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
    b->flags = (uint8_t)(old_value(st, 7) << F_OLDACT);
    if (L->has_peil) {
        kr_date rd = kr_column_date(st, 5);
        if (rd == KR_NO_DATE || rd <= L->peil)
            b->flags |= F_INPEIL;
    } else {
        b->flags |= F_INPEIL;
    }
    b->key = sqlite3_column_int64(st, 6);
    b->old = sqlite3_column_type(st, 8) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 8);
    if (b->old != -1)
        __builtin_prefetch(&L->old.s[keymap_pos(&L->old, b->old)]);
    if (ld->t == T_ZW || ld->t == T_BV) {
        /* the row's organisation: mostly the same as the previous row's */
        const char *o = kr_column_text(st, 10);
        if (!ld->have_org || strcmp(o, ld->org_s) != 0) {
            if (strtab_id(&L->orgs, o, &ld->org) != 0)
                return -1;
            kr_strlcpy(ld->org_s, o, sizeof ld->org_s);
            ld->have_org = strlen(o) < sizeof ld->org_s;
        }
        b->row_org = ld->org;
    }
    if (ld->t == T_ZW) {
        b->intake = kr_column_date(st, 9);
        if (strtab_id(&L->gms, kr_column_text(st, 11), &b->gm) != 0)
            return -1;
    } else if (ld->t == T_BV) {
        b->kind = (uint8_t)sqlite3_column_int(st, 12);
        b->flags |= (uint8_t)(old_value(st, 13) << F_OLDGEK);
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
        x->old_tr = TR_NONE;
        if (s->old != -1) {
            if (s->old != ld->old || ld->old_ix == TR_NONE) {
                if ((rc = old_id(L, s->old, &ld->old_ix)) != KR_OK)
                    return rc;
                ld->old = s->old;
            }
            x->old_tr = ld->old_ix;
        }
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

/* Load the rows of table t (about hint of them) that belong to active deliveries. */
static kr_status load_table(linker *L, int t, size_t hint)
{
    char sql[1024];
    sqlite3_stmt *st = NULL;
    staged *b = malloc(BATCH * sizeof *b);
    loader ld;
    kr_status rc = KR_OK;
    const src_table *T = &tables[t];
    int step = SQLITE_DONE;
    memset(&ld, 0, sizeof ld);
    ld.t = t;
    ld.hint = hint;
    ld.old_ix = TR_NONE;
    L->base[t] = L->n;
    if (!b) {
        rc = KR_ENOMEM;
        goto cleanup;
    }
    (void)snprintf(sql, sizeof sql,
                   "SELECT id, levering_id, client_pseudoniem, a_terme_datum, %s, %s, sleutel, actueel, traject_id, "
                   "%s, %s, %s, %s, %s FROM %s ORDER BY id",
                   T->birth ? T->birth : "NULL", L->has_peil ? T->rdate : "NULL",
                   t == T_ZW ? "intake_datum" : "NULL", t == T_ZW || t == T_BV ? "organisatie" : "NULL",
                   t == T_ZW ? "gemeentecode" : "NULL", t == T_BV ? "kind_volgnummer" : "NULL",
                   t == T_BV ? "gekozen" : "NULL", T->name);
    if (t == T_ZW && hint)
        (void)kr_reserve(&L->zw, &L->capzw, hint, sizeof *L->zw, 16);  /* a start: the array grows past it */
    if (t == T_BV && hint)
        (void)kr_reserve(&L->bv, &L->capbv, hint, sizeof *L->bv, 16);
    if (sqlite3_prepare_v2(L->db, sql, -1, &st, NULL) != SQLITE_OK) {
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
        if ((rc = keymap_reserve(&L->old, BATCH)) != KR_OK)
            break;
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
    free(b);
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
        long i = strtab_find(&L->orgs, kr_column_text(st, 0));
        if (i >= 0) {
            L->oi[i].lijn = sqlite3_column_int(st, 1);
            kr_strlcpy(L->oi[i].regio, kr_column_text(st, 2), sizeof L->oi[i].regio);
            kr_strlcpy(L->oi[i].site, kr_column_text(st, 3), sizeof L->oi[i].site);
        }
    }
    sqlite3_finalize(st);
    if (sqlite3_prepare_v2(L->db, "SELECT gemeentecode, regio FROM gemeenten", -1, &st, NULL) != SQLITE_OK)
        return KR_EDB;
    while (sqlite3_step(st) == SQLITE_ROW) {
        long i = strtab_find(&L->gms, kr_column_text(st, 0));
        if (i >= 0)
            kr_strlcpy(L->gm_regio[i], kr_column_text(st, 1), sizeof L->gm_regio[i]);
    }
    sqlite3_finalize(st);
    return KR_OK;
}

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
 * The records ix[0..m) of one client (in load order) become its pregnancies:
 * rec.tr gets the trajectory's index in L->t, or TR_NONE.
 */
static kr_status link_client(linker *L, const uint32_t *ix, size_t m)
{
    kr_status rc;
    size_t nd = 0, np = 0, nb = 0;
    if ((rc = kr_reserve(&L->dues, &L->capdues, m, sizeof *L->dues, 16)) != KR_OK ||
        (rc = kr_reserve(&L->pg, &L->cappg, m, sizeof *L->pg, 16)) != KR_OK ||
        (rc = kr_reserve(&L->bvs, &L->capbvs, m, sizeof *L->bvs, 16)) != KR_OK)
        return rc;
    int32_t *dues = L->dues;
    preg *pg = L->pg;
    uint32_t *bvs = L->bvs;
    for (size_t k = 0; k < m; k++) {
        rec *x = &L->r[ix[k]];
        x->tr = TR_NONE;
        if (x->due != KR_NO_DATE)
            dues[nd++] = x->due;
        if (x->table == T_BV)
            bvs[nb++] = ix[k];
    }
    sort_i32(dues, nd);
    /* 1. single linkage of due dates: a gap of more than 42 days starts a new pregnancy */
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
    /* 3. children: one bevalling row per (pregnancy, kind_volgnummer) */
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
    /* 2. records with only a birth date */
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
    /* trajectory ids and output */
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
        o->old = TR_NEW;
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
    v->text[4] = str_or_null(t->gm >= 0 ? L->gms.s[t->gm] : NULL);
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
                           "SELECT id, client_pseudoniem, a_terme_datum, intake_datum, intake_organisatie, gemeentecode, "
                           "regio, site, geboortedatum, kinderen, records, zwangerschap_id FROM traject ORDER BY id",
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
 * Must the row of record x be written? As the stored values were compared
 * always: actueel and traject_id, and gekozen (of bevalling) against the new
 * 0 or 1. A row that is written gets actueel, traject_id (NULL: not linked)
 * and, of bevalling, gekozen (NULL when not linked).
 */
static int must_write(const linker *L, const rec *x)
{
    unsigned act = x->flags & F_ACTUEEL ? OLD_1 : OLD_0, gek = x->flags & F_GEKOZEN ? OLD_1 : OLD_0;
    uint32_t now = x->tr == TR_NONE ? TR_NONE : L->t[x->tr].old;
    return ((x->flags >> F_OLDACT) & 3u) != act || x->old_tr != now ||
           (x->table == T_BV && ((x->flags >> F_OLDGEK) & 3u) != gek);
}

/* The records of one table, for the SQL function of the bulk update. */
typedef struct rowvals {
    const linker *L;
    size_t lo, hi;         /* the table's records, in rowid order */
    size_t cur;            /* where the previous row was found */
} rowvals;

static const rec *rowvals_find(rowvals *v, int64_t id)
{
    const rec *r = v->L->r;
    if (v->cur >= v->hi || r[v->cur].rowid > id) {  /* not in rowid order after all: search */
        size_t lo = v->lo, hi = v->hi;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (r[mid].rowid < id)
                lo = mid + 1;
            else
                hi = mid;
        }
        v->cur = lo;
    }
    while (v->cur < v->hi && r[v->cur].rowid < id)
        v->cur++;
    return v->cur < v->hi && r[v->cur].rowid == id ? &r[v->cur] : NULL;
}

/* kr_link_value(id, what): 0 actueel, 1 traject_id, 2 must the row be written, 3 gekozen */
static void sql_link_value(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    rowvals *v = sqlite3_user_data(ctx);
    const rec *x = rowvals_find(v, sqlite3_value_int64(argv[0]));
    (void)argc;
    if (!x) {  /* a row of a delivery that is not active: left alone */
        sqlite3_result_int(ctx, 0);
        return;
    }
    switch (sqlite3_value_int(argv[1])) {
    case 0:
        sqlite3_result_int(ctx, x->flags & F_ACTUEEL ? 1 : 0);
        break;
    case 1:
        if (x->tr != TR_NONE)
            sqlite3_result_int64(ctx, v->L->t[x->tr].id);
        else
            sqlite3_result_null(ctx);
        break;
    case 2:
        sqlite3_result_int(ctx, must_write(v->L, x));
        break;
    default:
        if (x->tr != TR_NONE)
            sqlite3_result_int(ctx, x->flags & F_GEKOZEN ? 1 : 0);
        else
            sqlite3_result_null(ctx);
        break;
    }
}

/*
 * Write the rows of table t whose stored values differ from the new ones.
 * A few go one by one, by rowid; when many change (the first linkage after
 * deliveries came in) one UPDATE walks the table instead, taking the values
 * from kr_link_value, which saves a B-tree search per row.
 */
static kr_status write_table(linker *L, int t, size_t lo, size_t hi)
{
    sqlite3_stmt *st = NULL;
    kr_status rc = KR_OK;
    char sql[300];
    size_t changed = 0;
    for (size_t i = lo; i < hi; i++)
        changed += (size_t)must_write(L, &L->r[i]);
    if (!changed)
        return KR_OK;
    if (changed * 4 > hi - lo) {
        rowvals v = {L, lo, hi, lo};
        if (sqlite3_create_function_v2(L->db, "kr_link_value", 2, SQLITE_UTF8 | SQLITE_DIRECTONLY, &v,
                                       sql_link_value, NULL, NULL, NULL) != SQLITE_OK)
            return KR_EDB;
        (void)snprintf(sql, sizeof sql,
                       "UPDATE %s SET actueel = kr_link_value(id, 0), traject_id = kr_link_value(id, 1)%s "
                       "WHERE kr_link_value(id, 2)",
                       tables[t].name, t == T_BV ? ", gekozen = kr_link_value(id, 3)" : "");
        if (sqlite3_prepare_v2(L->db, sql, -1, &st, NULL) != SQLITE_OK || sqlite3_step(st) != SQLITE_DONE)
            rc = KR_EDB;
        sqlite3_finalize(st);
        (void)sqlite3_create_function_v2(L->db, "kr_link_value", 2, SQLITE_UTF8, NULL, NULL, NULL, NULL, NULL);
        return rc;
    }
    (void)snprintf(sql, sizeof sql, "UPDATE %s SET actueel = ?1, traject_id = ?2%s WHERE id = ?3", tables[t].name,
                   t == T_BV ? ", gekozen = ?4" : "");
    if (sqlite3_prepare_v2(L->db, sql, -1, &st, NULL) != SQLITE_OK)
        return KR_EDB;
    for (size_t i = lo; i < hi && rc == KR_OK; i++) {  /* in rowid order: each page visited once */
        const rec *x = &L->r[i];
        if (!must_write(L, x))
            continue;
        sqlite3_bind_int(st, 1, x->flags & F_ACTUEEL ? 1 : 0);
        if (x->tr != TR_NONE)
            sqlite3_bind_int64(st, 2, L->t[x->tr].id);
        else
            sqlite3_bind_null(st, 2);
        sqlite3_bind_int64(st, 3, x->rowid);
        if (t == T_BV) {
            if (x->tr != TR_NONE)
                sqlite3_bind_int(st, 4, x->flags & F_GEKOZEN ? 1 : 0);
            else
                sqlite3_bind_null(st, 4);
        }
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = KR_EDB;
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return rc;
}

/* Write actueel, traject_id and (bevalling) gekozen where they change. */
static kr_status write_records(linker *L)
{
    kr_status rc = KR_OK;
    for (int t = 0; t < T_COUNT && rc == KR_OK; t++)
        rc = write_table(L, t, L->base[t], t + 1 < T_COUNT ? L->base[t + 1] : L->n);
    return rc;
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

/* ---- the whole linkage -------------------------------------------------------------------------- */

kr_status etl_link(sqlite3 *db, int has_peildatum, kr_date peildatum, etl_link_stats *stats)
{
    linker L;
    idix *by = NULL;
    size_t hint[T_COUNT] = {0}, total = 0;
    kr_status rc = KR_OK;
    int in_tx = 0;
    memset(&L, 0, sizeof L);
    memset(stats, 0, sizeof *stats);
    L.db = db;
    L.has_peil = has_peildatum;
    L.peil = peildatum;
    L.clients.limit = TR_MAX;
    L.orgs.limit = UINT16_MAX;
    L.gms.limit = UINT16_MAX;

    /* a savepoint: linkage may run inside compute's transaction */
    if ((rc = kr_db_exec(db, "SAVEPOINT koppeling")) != KR_OK)
        return rc;
    in_tx = 1;
    if ((rc = load_deliveries(&L, hint)) != KR_OK)
        goto cleanup;
    /*
     * Sizing at once from the counts at hand spares growing and rehashing; it
     * is only a start (arrays grow past it), so a failure here is no error.
     * Pages the ledger overestimated are never touched.
     */
    for (int t = 0; t < T_COUNT; t++) {
        char sql[120];
        (void)snprintf(sql, sizeof sql, "SELECT max(id) - min(id) + 1 FROM %s", tables[t].name);
        size_t span = count_of(db, sql);  /* no more rows than that, whatever the ledger says */
        if (hint[t] > span)
            hint[t] = span;
        total += hint[t];
    }
    if (total && (L.r = big_alloc(total * sizeof *L.r, 0)) != NULL)
        L.cap = total;
    /* about one client per pregnancy: room for as many as zwangerschap rows, and some */
    (void)strtab_presize(&L.clients, hint[T_ZW] + hint[T_ZW] / 8);
    /* the stored traject_id values: about as many as the trajectories stored */
    (void)keymap_reserve(&L.old, count_of(db, "SELECT count(*) FROM traject") + 1024);
    for (int t = 0; t < T_COUNT && rc == KR_OK; t++)
        rc = load_table(&L, t, hint[t]);
    if (rc == KR_OK)
        rc = load_registry(&L);
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
        if (by[i].id == by[i - 1].id) {
            fprintf(stderr, "kansrijk: linkage: two trajectories share id %lld; please report this\n",
                    (long long)by[i].id);
            rc = KR_EDB;
        }
    if (rc != KR_OK)
        goto cleanup;
    for (size_t i = 0; i < L.nt; i++)
        L.t[i].old = old_find(&L, L.t[i].id);
    if ((rc = write_trajects(&L, by, L.nt)) != KR_OK)
        goto cleanup;
    if ((rc = write_records(&L)) != KR_OK)
        goto cleanup;
    if ((rc = write_counts(&L, stats)) != KR_OK)
        goto cleanup;
    rc = kr_db_exec(db, "RELEASE koppeling");
    if (rc == KR_OK)
        in_tx = 0;
cleanup:
    if (in_tx)
        (void)sqlite3_exec(db, "ROLLBACK TO koppeling; RELEASE koppeling", NULL, NULL, NULL);
    free(by);
    free(L.r);
    free(L.zw);
    free(L.bv);
    free(L.dl);
    free(L.oi);
    free(L.gm_regio);
    free(L.dues);
    free(L.pg);
    free(L.bvs);
    free(L.t);
    strtab_fini(&L.clients);
    strtab_fini(&L.orgs);
    strtab_fini(&L.gms);
    keymap_fini(&L.old);
    return rc;
}

/* ---- large linkages ----------------------------------------------------------------------------- */

/*
 * The first linkage after large deliveries writes actueel and traject_id into
 * every new row; the rows grow, so nearly every page of their tables changes.
 * WAL writes each such page twice (to the log, and at the checkpoint of the
 * commit), a rollback journal once plus the original of the pages that were
 * there before: on 7.7 M records the commit's checkpoint alone took 4 s. So,
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
                           "SELECT coalesce(sum(bytes), 0) FROM levering WHERE status = 'actief' AND organisatie IS NOT "
                           "NULL AND id > coalesce((SELECT laatste_levering FROM koppeling_run), 0)",
                           -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        bytes = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return bytes > etl_bulk_bytes() && sqlite3_get_autocommit(db) && etl_journal_mode(db, "DELETE");
}

void etl_link_bulk_end(sqlite3 *db)
{
    if (!etl_journal_mode(db, "WAL"))
        fprintf(stderr, "kansrijk: could not return the database to WAL mode; run 'kansrijk init' to restore it\n");
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
