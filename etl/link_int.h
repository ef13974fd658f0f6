/*
 * etl internal to linkage: the linker's state (records, keys, string tables, versions,
 * the pregnancies of a client) shared by link_load.c (reading the extract tables into it) and
 * link.c (deciding the trajectories and writing them). Never included from another folder.
 */
#ifndef ETL_LINK_INT_H
#define ETL_LINK_INT_H

#include "etl_int.h"
#include "../core/codes.h"

#include <stdint.h>
#include <string.h>

/* The extract types in the order of KR_EXTRACT_TYPES (core/codes.h; test_etl checks the names). */
enum { T_ZW, T_SC, T_ZE, T_OV, T_MD, T_BV, T_JG, T_COUNT };
_Static_assert(T_COUNT == KR_NEXTRACT_TYPES, "one linkage table per extract type");

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

/* A trajectory reference (rec.tr): an index, or TR_NONE. */
#define TR_NONE UINT32_MAX        /* not linked */
#define TR_MAX (UINT32_MAX - 2)   /* indexes stay below this */
#define HINT_MAX (1LL << 28)      /* the most rows a count from the ledger sizes arrays for */

enum {
    F_ACTUEEL = 1u << 0,  /* the latest period's version of its key */
    F_INPEIL = 1u << 1,   /* dated on or before the peildatum, undated, or no peildatum */
    F_GEKOZEN = 1u << 2,  /* bevalling: the row that counts for its child */
    F_UNDATED = 1u << 3   /* its own date is missing: in no quality count (SQL's comparison would not count it) */
};

/* One extract row. Records lie in load order: table by table, each in rowid order. */
typedef struct rec {
    int64_t rowid;
    uint32_t client;
    int32_t due, birth;
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
    int64_t first, last;   /* the rowid range of its rows (eerste_rij .. laatste_rij); first > last: none */
    int32_t pend, plen;    /* last day of the period, and its length */
    uint16_t org;
} delivery;

/*
 * The counts behind the quality rows (engine/kwaliteit.c), gathered while the records are
 * read: for each record its delivery and which of its table's nullable columns hold a value.
 */
enum { FILL_COLS = 32 };

typedef struct fillinfo {
    uint32_t d;            /* index of the record's delivery in L->dl */
    uint32_t mask;         /* bit k: nullable column k of its table holds a value */
} fillinfo;

typedef struct strtab {
    char (*s)[72];
    size_t n, cap;
    uint64_t *slots;       /* open addressing: high half of the hash | index + 1; 0 = empty */
    size_t scap;
    size_t limit;          /* the most strings the index type holds */
} strtab;

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
    orginfo *oi;           /* per org index */
    char (*gm_regio)[40];  /* per municipality index: the region of its code today */
    char (*gm_now)[16];    /* per municipality index: its code today (a merged one's successor), or "" */
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
    /* the quality counts (with a peildatum only): fill[i] belongs to r[i] */
    fillinfo *fill;
    size_t capfill;
    char fill_col[T_COUNT][FILL_COLS][64];  /* each table's nullable columns, in table order */
    int fill_ncol[T_COUNT];
} linker;

static inline uint64_t mix64(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

/* ---- shared between link_load.c and link.c ---- */

/* link_load.c */
void *etl_big_alloc(size_t n, int zero);
void etl_strtab_fini(strtab *t);
kr_status etl_strtab_presize(strtab *t, size_t n);
kr_status etl_load_deliveries(linker *L, size_t hint[T_COUNT]);
size_t etl_count_of(sqlite3 *db, const char *sql);
kr_status etl_load_table(linker *L, int t, size_t hint);
kr_status etl_load_registry(linker *L);

#endif
