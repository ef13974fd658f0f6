/*
 * What has been published before (docs/privacy.md, "Eerder gepubliceerd"): `kansrijk export` and `kansrijk report`
 * record the counts of every row they let out of the database in `gepubliceerd` (eng_publish); compute loads them
 * (eng_earlier_load) and holds the new table against them: a row whose teller, noemer or rest lies 1 to min_cell - 1
 * persons from a count published before is hidden as if it were small itself (outcome.c); a row published with the
 * counts it has now is known, so no rule hides it to protect another (ENG_KEEP_KNOWN); the audit counts a hidden row
 * as leaking where it can be pinned within that distance of one, and takes a hidden row's count that equals one
 * published before as known (audit.c).
 */
#include "outcome_int.h"
#include "../core/stmt.h"

#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

/* One row's key as text, the counts published for it in vals[first .. first + n - 1]. */
typedef struct earlier_key {
    size_t off;  /* in text */
    size_t first, n;
    size_t tab;  /* its first count in a table published whole (tabs), or NO_TAB */
} earlier_key;
#define NO_TAB ((size_t)-1)

/* A row's counts in one table published whole (publicatie_rij), chained per key. */
typedef struct earlier_tab {
    long table;     /* the table's number among those published (0 .. ntables - 1) */
    long t, n;      /* -1: none, or not known to a reader */
    long rt, rn;    /* the raw counts (-1: none) */
    long tl, th, nl, nh;  /* what a reader knew: between the two (th, nh -1: no bound above) */
    size_t next;    /* the key's next one, or NO_TAB */
} earlier_tab;

struct eng_earlier_set {
    kr_hash ids;  /* each key's id, by its text (kr_hash_str_*) */
    char *text;
    size_t tlen, tcap;
    earlier_key *keys;
    size_t nkeys, kcap;
    long *vals;  /* teller, noemer (-1: none), shown (1; 0: worked out) */
    size_t nvals, vcap;
    earlier_tab *tabs;
    size_t ntabs, tabcap, ntables;
};

static const char *key_str(const void *ctx, uint32_t id)
{
    const eng_earlier_set *S = ctx;
    return S->text + S->keys[id].off;
}

size_t eng_earlier_key(char *buf, size_t cap, const char *const part[6])
{
    size_t len = 0;
    for (int i = 0; i < 6; i++) {
        size_t m = strlen(part[i]);
        if (len + m + 1 >= cap)
            return 0;
        memcpy(buf + len, part[i], m);
        len += m;
        buf[len++] = i < 5 ? '\x1f' : '\0';
    }
    return len - 1;
}

/* Key's id in S, added (with no counts yet) when it is new. */
static kr_status key_id(eng_earlier_set *S, const char *key, size_t len, uint32_t *id)
{
    int added = 0;
    kr_status rc = kr_hash_str_put(&S->ids, key, len, XXH3_64bits(key, len), key_str, S, (uint32_t)S->nkeys, id,
                                   &added);
    if (rc == KR_OK && added) {
        /* the key's text, then its record: key_str must find it before the next put */
        if (kr_reserve(&S->text, &S->tcap, S->tlen + len + 1, 1, 1 << 16) != KR_OK ||
            kr_reserve(&S->keys, &S->kcap, S->nkeys + 1, sizeof *S->keys, 1024) != KR_OK)
            return KR_ENOMEM;
        memcpy(S->text + S->tlen, key, len + 1);
        S->keys[S->nkeys++] = (earlier_key){S->tlen, S->nvals / ENG_EARLIER_W, 0, NO_TAB};
        S->tlen += len + 1;
    }
    return rc;
}

static kr_status add_pair(eng_earlier_set *S, const char *key, size_t len, long t, long n, long shown)
{
    uint32_t id;
    kr_status rc = key_id(S, key, len, &id);
    if (rc != KR_OK)
        return rc;
    earlier_key *k = &S->keys[id];
    if (k->first + k->n != S->nvals / ENG_EARLIER_W)  /* the rows come in key order: a key's pairs are consecutive */
        return KR_EINVAL;
    if (kr_reserve(&S->vals, &S->vcap, S->nvals + ENG_EARLIER_W, sizeof *S->vals, 1024) != KR_OK)
        return KR_ENOMEM;
    S->vals[S->nvals++] = t;
    S->vals[S->nvals++] = n;
    S->vals[S->nvals++] = shown;
    k->n++;
    return KR_OK;
}

/*
 * Each table published whole (publicatie_rij), numbered 0, 1, ... in the order of the computes that made them: every
 * row's counts chained to its key (a hidden row's key is new to S when no count of it was ever published).
 */
static kr_status load_tables(sqlite3 *db, eng_earlier_set *S)
{
    sqlite3_stmt *st = NULL;
    kr_status rc = KR_OK;
    long long last = 0;
    int step;
    if (sqlite3_prepare_v2(db,
                           "SELECT berekening, indicator, regio, site, groep, groepwaarde, periode, teller, noemer, "
                           "coalesce(teller_ruw, -1), coalesce(noemer_ruw, -1), teller_laag, teller_hoog, noemer_laag, "
                           "noemer_hoog FROM publicatie_rij "
                           "ORDER BY berekening, indicator, regio, site, groep, groepwaarde, periode",
                           -1, &st, NULL) != SQLITE_OK)
        return KR_EDB;
    while (rc == KR_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *part[6];
        char key[512];
        for (int i = 0; i < 6; i++)
            if (!(part[i] = (const char *)sqlite3_column_text(st, i + 1))) {
                rc = KR_ENOMEM;
                break;
            }
        size_t len = rc == KR_OK ? eng_earlier_key(key, sizeof key, part) : 0;
        uint32_t id;
        if (!len)
            continue;  /* longer than any key the engine writes */
        if ((rc = key_id(S, key, len, &id)) != KR_OK)
            break;
        if (kr_reserve(&S->tabs, &S->tabcap, S->ntabs + 1, sizeof *S->tabs, 1024) != KR_OK) {
            rc = KR_ENOMEM;
            break;
        }
        /* the rows come by table: a new berekening is the next table */
        long long b = sqlite3_column_int64(st, 0);
        if (S->ntables == 0 || b != last)
            S->ntables++;
        last = b;
        long tno = (long)S->ntables - 1;
        S->tabs[S->ntabs] = (earlier_tab){tno,
                                          (long)sqlite3_column_int64(st, 7),
                                          (long)sqlite3_column_int64(st, 8),
                                          (long)sqlite3_column_int64(st, 9),
                                          (long)sqlite3_column_int64(st, 10),
                                          (long)sqlite3_column_int64(st, 11),
                                          (long)sqlite3_column_int64(st, 12),
                                          (long)sqlite3_column_int64(st, 13),
                                          (long)sqlite3_column_int64(st, 14),
                                          S->keys[id].tab};
        S->keys[id].tab = S->ntabs++;
    }
    if (rc == KR_OK && step != SQLITE_DONE)
        rc = KR_EDB;
    sqlite3_finalize(st);
    return rc;
}

kr_status eng_earlier_load(sqlite3 *db, eng_earlier_set **out)
{
    sqlite3_stmt *st = NULL;
    eng_earlier_set *S = calloc(1, sizeof *S);
    kr_status rc = KR_OK;
    *out = S;
    if (!S)
        return KR_ENOMEM;
    kr_hash_init(&S->ids, sizeof(uint32_t), (size_t)1 << 31);
    if (sqlite3_prepare_v2(db,
                           "SELECT indicator, regio, site, groep, groepwaarde, periode, teller, noemer, afgeleid "
                           "FROM gepubliceerd ORDER BY indicator, regio, site, groep, groepwaarde, periode, teller, "
                           "noemer, afgeleid",
                           -1, &st, NULL) != SQLITE_OK)
        return KR_EDB;
    int step;
    while (rc == KR_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *part[6];
        char key[512];
        for (int i = 0; i < 6; i++)
            part[i] = (const char *)sqlite3_column_text(st, i);
        if (!(part[0] && part[1] && part[2] && part[3] && part[4] && part[5])) {
            rc = KR_ENOMEM;  /* the columns are NOT NULL: no text is SQLite out of memory */
            break;
        }
        size_t len = eng_earlier_key(key, sizeof key, part);
        if (len)  /* a key longer than any the engine writes matches no row: leave it */
            rc = add_pair(S, key, len, (long)sqlite3_column_int64(st, 6), (long)sqlite3_column_int64(st, 7),
                          !sqlite3_column_int(st, 8));
    }
    if (rc == KR_OK && step != SQLITE_DONE)
        rc = KR_EDB;
    sqlite3_finalize(st);
    return rc == KR_OK ? load_tables(db, S) : rc;
}

/* Key's id in S, or -1. */
static long find_id(const eng_earlier_set *S, const char *key, size_t len)
{
    if (!S || S->nkeys == 0)
        return -1;
    return kr_hash_str_find(&S->ids, key, len, XXH3_64bits(key, len), key_str, S, NULL);
}

const long *eng_earlier_find(const eng_earlier_set *S, const char *key, size_t len, size_t *n)
{
    long id = find_id(S, key, len);
    *n = id < 0 ? 0 : S->keys[id].n;
    return *n ? S->vals + ENG_EARLIER_W * S->keys[id].first : NULL;
}

size_t eng_earlier_count(const eng_earlier_set *S) { return S ? S->nvals / ENG_EARLIER_W : 0; }

static int near(long a, long b, int m)
{
    long d = a > b ? a - b : b - a;
    return d >= 1 && d < m;
}

int eng_earlier_same(const long *p, size_t np, long t, long n, int prop)
{
    for (size_t k = 0; k < np; k++)
        if (p[ENG_EARLIER_W * k + 2] && p[ENG_EARLIER_W * k] == t &&
            (prop ? p[ENG_EARLIER_W * k + 1] == n : p[ENG_EARLIER_W * k + 1] < 0))
            return 1;
    return 0;
}

const long *eng_earlier_hold(const eng_earlier_set *S, const char *const part[6], eng_cell *e, int prop, int rest,
                             int min_cell, size_t *np, long *id)
{
    char key[512];
    size_t len = eng_earlier_key(key, sizeof key, part);
    long k = len ? find_id(S, key, len) : -1;
    const long *p = k >= 0 && S->keys[k].n ? S->vals + ENG_EARLIER_W * S->keys[k].first : NULL;
    *np = p ? S->keys[k].n : 0;
    if (id)
        *id = k;
    if (!p)
        *np = 0;
    else if (eng_earlier_near(p, *np, e->teller, e->noemer, prop, rest, min_cell))
        e->primary = 1;
    else if (eng_earlier_same(p, *np, e->teller, e->noemer, prop))
        e->keep = ENG_KEEP_KNOWN;
    return p;
}

int eng_earlier_near(const long *p, size_t np, long t, long n, int prop, int rest, int min_cell)
{
    for (size_t k = 0; k < np; k++) {
        long et = p[ENG_EARLIER_W * k], en = p[ENG_EARLIER_W * k + 1];
        if ((et >= 0 && near(t, et, min_cell)) || (prop && en >= 0 && near(n, en, min_cell)) ||
            (rest && et >= 0 && en >= 0 && near(n - t, en - et, min_cell)))
            return 1;
    }
    return 0;
}

size_t eng_earlier_tables(const eng_earlier_set *S) { return S ? S->ntables : 0; }

size_t eng_earlier_in_tables(const eng_earlier_set *S, long id, long *out, size_t cap)
{
    size_t m = 0;
    if (!S || id < 0 || (size_t)id >= S->nkeys)
        return 0;
    for (size_t k = S->keys[id].tab; k != NO_TAB; k = S->tabs[k].next, m++)
        if (m < cap) {
            long *o = out + ENG_TABLE_W * m;
            o[0] = S->tabs[k].table;
            o[1] = S->tabs[k].t;
            o[2] = S->tabs[k].n;
            o[3] = S->tabs[k].rt;
            o[4] = S->tabs[k].rn;
            o[5] = S->tabs[k].tl;
            o[6] = S->tabs[k].th;
            o[7] = S->tabs[k].nl;
            o[8] = S->tabs[k].nh;
        }
    return m;
}

void eng_earlier_free(eng_earlier_set *S)
{
    if (!S)
        return;
    free(S->tabs);
    kr_hash_fini(&S->ids);
    free(S->text);
    free(S->keys);
    free(S->vals);
    free(S);
}

kr_status eng_publish(sqlite3 *db, long long *added, char *err, size_t errcap)
{
    long long n = 0;
    if (added)
        *added = 0;
    kr_status rc = kr_db_exec(db, "SAVEPOINT publish", err, errcap);  /* both statements, or neither */
    if (rc != KR_OK)
        return rc;
    /* a row's counts where shown (none: -1: a count's noemer, a quantile row's teller), with the peildatum of the
     * compute that made it; counts recorded as worked out before become shown ones */
    rc = kr_stmt_exec(db,
                      "INSERT INTO gepubliceerd (indicator, regio, site, groep, groepwaarde, periode, teller, noemer, "
                      "afgeleid, peildatum, gepubliceerd_op) "
                      "SELECT indicator, regio, site, groep, groepwaarde, periode, coalesce(teller, -1), "
                      "coalesce(noemer, -1), 0, (SELECT peildatum FROM compute_run), "
                      "strftime('%Y-%m-%dT%H:%M:%SZ', 'now') FROM uitkomst "
                      "WHERE teller IS NOT NULL OR noemer IS NOT NULL "
                      "ON CONFLICT (indicator, regio, site, groep, groepwaarde, periode, teller, noemer) "
                      "DO UPDATE SET afgeleid = 0, peildatum = excluded.peildatum, "
                      "gepubliceerd_op = excluded.gepubliceerd_op WHERE afgeleid = 1",
                      NULL, 0, err, errcap);
    if (rc == KR_OK)
        n = sqlite3_changes64(db);
    /* and the counts of hidden rows a reader works out from them (the audit's; uitkomst_afgeleid) */
    if (rc == KR_OK &&
        (rc = kr_stmt_exec(db,
                           "INSERT OR IGNORE INTO gepubliceerd (indicator, regio, site, groep, groepwaarde, periode, "
                           "teller, noemer, afgeleid, peildatum, gepubliceerd_op) "
                           "SELECT indicator, regio, site, groep, groepwaarde, periode, teller, noemer, 1, "
                           "(SELECT peildatum FROM compute_run), strftime('%Y-%m-%dT%H:%M:%SZ', 'now') "
                           "FROM uitkomst_afgeleid WHERE teller >= 0 OR noemer >= 0",
                           NULL, 0, err, errcap)) == KR_OK)
        n += sqlite3_changes64(db);
    /* and the table whole, once per compute (publicatie_rij: for the difference with a later table): every row, a
     * hidden one with the counts a reader works out (-1: none), so that a row the table did not hold is one without
     * persons */
    if (rc == KR_OK &&
        (rc = kr_stmt_exec(db,
                           "INSERT OR IGNORE INTO publicatie (berekening, peildatum, gepubliceerd_op) "
                           "SELECT berekening, peildatum, strftime('%Y-%m-%dT%H:%M:%SZ', 'now') FROM compute_run",
                           NULL, 0, err, errcap)) == KR_OK &&
        sqlite3_changes64(db) > 0)
        rc = kr_stmt_exec(db,
                          "INSERT OR IGNORE INTO publicatie_rij (berekening, indicator, regio, site, groep, "
                          "groepwaarde, periode, teller, noemer, afgeleid, teller_laag, teller_hoog, noemer_laag, "
                          "noemer_hoog, teller_ruw, noemer_ruw) "
                          "SELECT (SELECT berekening FROM compute_run), u.indicator, u.regio, u.site, u.groep, "
                          "u.groepwaarde, u.periode, coalesce(u.teller, a.teller, -1), coalesce(u.noemer, a.noemer, "
                          "-1), u.onderdrukt <> '', "
                          "CASE WHEN u.onderdrukt = '' THEN coalesce(u.teller, 0) "
                          "ELSE coalesce(a.teller_laag, 0) END, "
                          "CASE WHEN u.onderdrukt = '' THEN coalesce(u.teller, -1) "
                          "ELSE coalesce(a.teller_hoog, -1) END, "
                          "CASE WHEN u.onderdrukt = '' THEN coalesce(u.noemer, 0) "
                          "ELSE coalesce(a.noemer_laag, 0) END, "
                          "CASE WHEN u.onderdrukt = '' THEN coalesce(u.noemer, -1) "
                          "ELSE coalesce(a.noemer_hoog, -1) END, "
                          "u.teller_ruw, u.noemer_ruw FROM uitkomst u "
                          "LEFT JOIN uitkomst_afgeleid a "
                          "USING (indicator, regio, site, groep, groepwaarde, periode) "
                          "ORDER BY 2, 3, 4, 5, 6, 7",
                          NULL, 0, err, errcap);
    if (rc == KR_OK && (rc = kr_db_exec(db, "RELEASE publish", err, errcap)) == KR_OK) {
        if (added)
            *added = n;
        return KR_OK;
    }
    (void)sqlite3_exec(db, "ROLLBACK TO publish; RELEASE publish", NULL, NULL, NULL);
    return rc;
}
