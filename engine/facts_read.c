/*
 * The read behind the trajectory facts: every row of the seven extract tables (sql/feiten.sql),
 * parsed into compact rows in rowid order (eng_stage, engine_int.h), before
 * linkage has said which of them count. Compute starts it on a connection and a thread of its
 * own (eng_prefetch_*), so that it runs beside linkage's own read of the same rows; facts.c then
 * folds the rows that count. Parsing here is what the row functions did with a statement's
 * columns, value for value; what a value means for a trajectory is decided when folding.
 */
#include "engine_int.h"
#include "stats_int.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

extern const char kr_sql_feiten[];

static int text_is(sqlite3_stmt *st, int i, const char *s)
{
    const char *v = (const char *)sqlite3_column_text(st, i);
    return v && strcmp(v, s) == 0;
}

/* The id of column i's text in d, added when new; -1 for NULL, -2 when out of memory. */
static int dict_of(eng_dict *d, sqlite3_stmt *st, int i)
{
    if (sqlite3_column_type(st, i) == SQLITE_NULL)
        return -1;
    int id = eng_dict_id(d, (const char *)sqlite3_column_text(st, i));
    return id < 0 ? -2 : id;
}

static uint16_t risk_bits(const char *s)
{
    uint16_t bits = 0;
    while (s && *s) {
        const char *e = strchr(s, '|');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        for (int r = 0; r < ENG_RISKS; r++)
            if (strlen(eng_risk_names[r]) == n && strncmp(eng_risk_names[r], s, n) == 0)
                bits |= (uint16_t)(1u << r);
        s = e ? e + 1 : NULL;
    }
    return bits;
}

/* Room for one more row of array a (a SX_ARRAY); KR_ENOMEM when there is none. */
#define SX_NEXT(a) (kr_grow(&(a).r, &(a).cap, (a).n, sizeof *(a).r, 4096) == KR_OK ? &(a).r[(a).n++] : NULL)

static kr_status read_zw(eng_stage *S, sqlite3_stmt *st)
{
    sx_zw *z = SX_NEXT(S->zw);
    if (!z)
        return KR_ENOMEM;
    int l = dict_of(&S->dict[SXD_LEEFTIJD], st, 1), p = dict_of(&S->dict[SXD_PARITEIT], st, 2);
    *z = (sx_zw){sqlite3_column_int64(st, 0), l, p};
    return l < -1 || p < -1 ? KR_ENOMEM : KR_OK;
}

static kr_status read_bv(eng_stage *S, sqlite3_stmt *st)
{
    sx_bv *b = SX_NEXT(S->bv);
    if (!b)
        return KR_ENOMEM;
    b->rowid = sqlite3_column_int64(st, 0);
    b->kind = sqlite3_column_int(st, 1);
    b->birth = kr_column_date(st, 2);
    b->ga = sqlite3_column_int(st, 3);
    b->weight = sqlite3_column_int(st, 4);
    b->lijn = sqlite3_column_int(st, 5);
    b->vit = (int8_t)(text_is(st, 6, "doodgeboren") ? 1 : text_is(st, 6, "neonataal_overleden") ? 2 : 0);
    b->died = sqlite3_column_type(st, 7) == SQLITE_NULL ? INT32_MIN : sqlite3_column_int(st, 7);
    return KR_OK;
}

static kr_status read_sc(eng_stage *S, sqlite3_stmt *st)
{
    sx_sc *c = SX_NEXT(S->sc);
    if (!c)
        return KR_ENOMEM;
    const char *risks = sqlite3_column_type(st, 3) == SQLITE_NULL ? NULL : (const char *)sqlite3_column_text(st, 3);
    *c = (sx_sc){sqlite3_column_int64(st, 0), kr_column_date(st, 1), sqlite3_column_int(st, 2), risk_bits(risks)};
    return KR_OK;
}

static kr_status read_ze(eng_stage *S, sqlite3_stmt *st)
{
    sx_ze *e = SX_NEXT(S->ze);
    if (!e)
        return KR_ENOMEM;
    *e = (sx_ze){sqlite3_column_int64(st, 0), kr_column_date(st, 2), kr_column_date(st, 3), sqlite3_column_int(st, 1),
                 (int8_t)text_is(st, 4, "psychosociaal")};
    return KR_OK;
}

static kr_status read_ov(eng_stage *S, sqlite3_stmt *st)
{
    sx_ov *h = SX_NEXT(S->ov);
    if (!h)
        return KR_ENOMEM;
    char route[160];
    int n = snprintf(route, sizeof route, "%s\x1f%s", kr_column_text(st, 1), kr_column_text(st, 2));
    int soort = dict_of(&S->dict[SXD_SOORT], st, 3);
    h->rowid = sqlite3_column_int64(st, 0);
    h->route = XXH3_64bits(route, n > 0 && (size_t)n < sizeof route ? (size_t)n : sizeof route - 1);
    h->soort = soort;
    h->jgz_prenataal = (int8_t)text_is(st, 3, "jgz_prenataal");
    h->sent = kr_column_date(st, 4);
    h->recv = kr_column_date(st, 5);
    h->warm = (int8_t)text_is(st, 6, "ja");
    return soort < -1 ? KR_ENOMEM : KR_OK;
}

static kr_status read_md(eng_stage *S, sqlite3_stmt *st)
{
    sx_md *m = SX_NEXT(S->md);
    if (!m)
        return KR_ENOMEM;
    int type = dict_of(&S->dict[SXD_REGIE], st, 3);
    *m = (sx_md){sqlite3_column_int64(st, 0), kr_column_date(st, 1), kr_column_date(st, 2), type};
    return type < -1 ? KR_ENOMEM : KR_OK;
}

static kr_status read_jg(eng_stage *S, sqlite3_stmt *st)
{
    static const char *const reden[] = {"", "verhuisd", "overleden", "geweigerd", "overgedragen", "anders"};
    sx_jg *c = SX_NEXT(S->jg);
    if (!c)
        return KR_ENOMEM;
    const char *moment = kr_column_text(st, 3);
    c->rowid = sqlite3_column_int64(st, 0);
    c->kind = sqlite3_column_int(st, 1);
    c->d = kr_column_date(st, 2);
    c->held = (int8_t)text_is(st, 4, "verschenen");
    c->reden = UIT_NONE;
    if (strcmp(moment, "prenataal_huisbezoek") == 0) {
        c->moment = -3;
    } else if (strcmp(moment, "uitschrijving") == 0) {
        c->moment = -2;
        for (int r = 1; r <= UIT_ANDERS; r++)
            if (text_is(st, 5, reden[r]))
                c->reden = (int8_t)r;
        if (c->reden == UIT_NONE)
            c->reden = UIT_ANDERS;
    } else {
        c->moment = -1;  /* extra */
        for (int m = 0; m < ENG_MOMENTS; m++)
            if (strcmp(moment, eng_moment_names[m]) == 0)
                c->moment = (int8_t)m;
    }
    return KR_OK;
}

static kr_status (*const readers[])(eng_stage *, sqlite3_stmt *) = {read_zw, read_bv, read_sc, read_ze,
                                                                   read_ov, read_md, read_jg};
static const int columns[] = {3, 8, 4, 5, 7, 4, 6};

kr_status eng_stage_read(sqlite3 *db, eng_stage *S)
{
    const char *sql = kr_sql_feiten, *tail = NULL;
    sqlite3_stmt *st = NULL;
    kr_status rc = KR_OK;
    for (size_t q = 0; q < sizeof readers / sizeof readers[0] && rc == KR_OK; q++) {
        st = NULL;
        if (sqlite3_prepare_v2(db, sql, -1, &st, &tail) != SQLITE_OK || !st ||
            sqlite3_column_count(st) != columns[q]) {
            sqlite3_finalize(st);
            return KR_EDB;
        }
        sql = tail;
        int step;
        while (rc == KR_OK && (step = sqlite3_step(st)) == SQLITE_ROW)
            rc = readers[q](S, st);
        if (rc == KR_OK && step != SQLITE_DONE)
            rc = KR_EDB;
        sqlite3_finalize(st);
    }
    return rc;
}

#define SX_DROP(a) (free((a).r), (a).r = NULL, (a).n = (a).cap = 0)

void eng_stage_drop(eng_stage *S, int k)
{
    switch (k) {
    case 0: SX_DROP(S->zw); break;
    case 1: SX_DROP(S->bv); break;
    case 2: SX_DROP(S->sc); break;
    case 3: SX_DROP(S->ze); break;
    case 4: SX_DROP(S->ov); break;
    case 5: SX_DROP(S->md); break;
    default: SX_DROP(S->jg); break;
    }
}

void eng_stage_init(eng_stage *S)
{
    memset(S, 0, sizeof *S);
    for (int k = 0; k < SXD_N; k++)
        eng_dict_init(&S->dict[k]);
}

void eng_stage_fini(eng_stage *S)
{
    for (int k = 0; k < SXD_N; k++)
        eng_dict_fini(&S->dict[k]);
    for (size_t k = 0; k < sizeof readers / sizeof readers[0]; k++)  /* each table's rows, in readers' order */
        eng_stage_drop(S, (int)k);
    memset(S, 0, sizeof *S);
}

/* ---- beside linkage: a connection and a thread of its own ------------------------------------------- */


struct eng_prefetch {
    sqlite3 *db;
    pthread_t thread;
    int running;
    kr_status rc;
    eng_stage S;
};

static void *prefetch_main(void *arg)
{
    eng_prefetch *p = arg;
    /* one read transaction: every table from the same state of the database */
    if (sqlite3_exec(p->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
        p->rc = KR_EDB;
        return NULL;
    }
    p->rc = eng_stage_read(p->db, &p->S);
    (void)sqlite3_exec(p->db, "COMMIT", NULL, NULL, NULL);
    return NULL;
}

kr_status eng_prefetch_start(sqlite3 *db, eng_prefetch **out)
{
    const char *path = sqlite3_db_filename(db, "main");
    *out = NULL;
    if (!path || !path[0] || !sqlite3_threadsafe() || eng_one_thread())
        return KR_OK;  /* an in-memory or temporary database, no threads, or one asked for: compute reads itself */
    eng_prefetch *p = calloc(1, sizeof *p);
    if (!p)
        return KR_ENOMEM;
    eng_stage_init(&p->S);
    p->rc = KR_EDB;
    /* no mutex: the thread alone uses the connection between pthread_create and the join (a mutex per call to
     * SQLite cost ~0.6 s of CPU at schaal 10) */
    if (sqlite3_open_v2(path, &p->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
        sqlite3_busy_timeout(p->db, 1000 * kr_db_busy_seconds()) != SQLITE_OK ||
        pthread_create(&p->thread, NULL, prefetch_main, p) != 0) {
        sqlite3_close(p->db);
        eng_stage_fini(&p->S);
        free(p);
        return KR_OK;
    }
    p->running = 1;
    *out = p;
    return KR_OK;
}

void eng_prefetch_wait(eng_prefetch *p)
{
    if (!p || !p->running)
        return;
    (void)pthread_join(p->thread, NULL);
    p->running = 0;
    sqlite3_close(p->db);
    p->db = NULL;
}

eng_stage *eng_prefetch_stage(eng_prefetch *p)
{
    if (!p)
        return NULL;
    eng_prefetch_wait(p);
    if (p->rc == KR_OK)
        return &p->S;
    eng_stage_fini(&p->S);  /* what it read before it failed */
    return NULL;
}

void eng_prefetch_free(eng_prefetch *p)
{
    if (!p)
        return;
    eng_prefetch_wait(p);
    eng_stage_fini(&p->S);
    free(p);
}
