/*
 * The data-quality and anchoring rows of OUTCOMES.md (section Q): deliveries per
 * organisation and period against the agreements, participation of organisations and
 * municipalities, unlinked records, rejected rows and column completeness. SQL does the
 * counting in temporary tables; C adds the Wilson intervals, targets and status, and writes
 * `uitkomst`.
 * These rows count organisations, municipalities and rows, never persons: not suppressed.
 * docs/kwaliteit.md describes every row for the coordinator.
 */
#include "engine_int.h"
#include "stats_int.h"
#include "../core/stmt.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/*
 * Quarters are numbered year * 4 + quarter - 1 (2025Q1 = 8100). Periods are canonical
 * labels (2025Q1, 2025), dates jjjj-mm-dd text.
 */
#define Q_OF_DATE(d) "(CAST(substr(" d ", 1, 4) AS INTEGER) * 4 + (CAST(substr(" d ", 6, 2) AS INTEGER) - 1) / 3)"
#define Q_LABEL(d) "(substr(" d ", 1, 4) || 'Q' || ((CAST(substr(" d ", 6, 2) AS INTEGER) + 2) / 3))"
#define Q_EDGE(p, year_q)                                                                                      \
    "(CAST(substr(" p ", 1, 4) AS INTEGER) * 4 + CASE WHEN length(" p ") = 6 THEN CAST(substr(" p ", 6, 1) AS " \
    "INTEGER) - 1 ELSE " year_q " END)"
#define Q_FIRST(p) Q_EDGE(p, "0")
#define Q_LAST(p) Q_EDGE(p, "3")
#define PEIL "(SELECT d FROM kw_peil)"
#define PEIL_Q "(SELECT qi FROM kw_peil)"

static const char drop_sql[] =
    "DROP TABLE IF EXISTS temp.kw_peil; DROP TABLE IF EXISTS temp.kw_q; DROP TABLE IF EXISTS temp.kw_pp; "
    "DROP TABLE IF EXISTS temp.kw_org; DROP TABLE IF EXISTS temp.kw_plaats; DROP TABLE IF EXISTS temp.kw_lev; "
    "DROP TABLE IF EXISTS temp.kw_due; DROP TABLE IF EXISTS temp.kw_cel; DROP TABLE IF EXISTS temp.kw_op; "
    "DROP TABLE IF EXISTS temp.kw_bereik; DROP TABLE IF EXISTS temp.kw_gm; DROP TABLE IF EXISTS temp.kw_afg; "
    "DROP TABLE IF EXISTS temp.kw_f; DROP TABLE IF EXISTS temp.kw_uit";

/* The working tables, in order; ?1 is the peildatum. */
static const char *const build_sql[] = {
    "CREATE TEMP TABLE kw_peil AS SELECT ?1 AS d, " Q_OF_DATE("?1") " AS qi",
    /* every quarter from 2000Q1 up to the peildatum's, with its label and its year's */
    "CREATE TEMP TABLE kw_q AS WITH RECURSIVE q(qi) AS (SELECT 8000 UNION ALL SELECT qi + 1 FROM q "
    "WHERE qi < " PEIL_Q ") "
    "SELECT qi, (qi / 4) || 'Q' || (qi % 4 + 1) AS kwartaal, CAST(qi / 4 AS TEXT) AS jaar FROM q WHERE qi <= " PEIL_Q,
    /* the rows a period counts in: a quarter in itself and its year, a year in itself */
    "CREATE TEMP TABLE kw_pp AS SELECT kwartaal AS periode, kwartaal AS p FROM kw_q UNION ALL "
    "SELECT kwartaal, jaar FROM kw_q UNION ALL SELECT DISTINCT jaar, jaar FROM kw_q",
    /* organisations: the registry (no site: onbekend), and any that delivered but has left it */
    "CREATE TEMP TABLE kw_org AS SELECT code, regio, coalesce(nullif(site, ''), 'onbekend') AS site, soort, "
    "1 AS register FROM organisaties UNION ALL SELECT DISTINCT organisatie, 'onbekend', 'onbekend', 'onbekend', 0 "
    "FROM levering WHERE organisatie IS NOT NULL AND organisatie NOT IN (SELECT code FROM organisaties)",
    /* the three places each organisation's rows go to: its site, its region, everything */
    "CREATE TEMP TABLE kw_plaats AS SELECT code, regio, site FROM kw_org UNION ALL SELECT code, regio, '*' FROM kw_org "
    "UNION ALL SELECT code, '*', '*' FROM kw_org",
    /* the active extract deliveries of periods that began by the peildatum; corrected when it replaced
     * an earlier delivery of its identity, or one of that identity was withdrawn before it */
    "CREATE TEMP TABLE kw_lev AS SELECT l.id, l.organisatie AS org, l.type, l.periode, " Q_FIRST("l.periode") " AS q0, "
    Q_LAST("l.periode") " AS q1, (l.vervangt IS NOT NULL OR EXISTS (SELECT 1 FROM levering o WHERE o.type = l.type "
    "AND o.organisatie = l.organisatie AND o.periode = l.periode AND o.id < l.id AND o.status IN ('vervangen', "
    "'ingetrokken'))) AS corr, l.rows_accepted AS acc, l.rows_rejected AS rej, l.rows_read - l.rows_skipped AS dat, "
    "l.eerste_rij, l.laatste_rij "
    "FROM levering l WHERE l.organisatie IS NOT NULL AND l.periode IS NOT NULL AND l.status = 'actief' "
    "AND l.periode_begin <= " PEIL,
    /* the quarters an organisation must deliver a type: by its agreements (vanaf .. tot); an organisation
     * without any, every quarter from its first delivery of the type; never past the peildatum's quarter */
    "CREATE TEMP TABLE kw_due AS WITH RECURSIVE r(org, type, qi, q1) AS ("
    "SELECT a.organisatie, a.type, " Q_FIRST("a.vanaf") ", CASE WHEN nullif(a.tot, '') IS NULL OR " Q_LAST("a.tot")
    " > p.qi THEN p.qi ELSE " Q_LAST("a.tot") " END FROM afspraken a, kw_peil p "
    "UNION ALL SELECT org, type, min(q0), " PEIL_Q " FROM kw_lev WHERE org NOT IN (SELECT organisatie FROM afspraken) "
    "GROUP BY org, type "
    "UNION ALL SELECT org, type, qi + 1, q1 FROM r WHERE qi < q1) "
    "SELECT DISTINCT org, type, qi FROM r WHERE qi <= q1",
    /* one cell per organisation, type and quarter that was delivered or due: delivered when an active
     * delivery of the quarter or of its year covers it, missing when due and not delivered */
    "CREATE TEMP TABLE kw_cel AS WITH cov AS (SELECT l.org, l.type, q.qi, max(l.corr) AS corr FROM kw_lev l "
    "JOIN kw_q q ON q.qi BETWEEN l.q0 AND l.q1 GROUP BY l.org, l.type, q.qi) "
    "SELECT c.org, c.type, q.qi, q.kwartaal, 1 AS geleverd, c.corr AS gecorrigeerd, 0 AS ontbreekt "
    "FROM cov c JOIN kw_q q ON q.qi = c.qi UNION ALL "
    "SELECT d.org, d.type, q.qi, q.kwartaal, 0, 0, 1 FROM kw_due d JOIN kw_q q ON q.qi = d.qi "
    "WHERE NOT EXISTS (SELECT 1 FROM cov c WHERE c.org = d.org AND c.type = d.type AND c.qi = d.qi)",
    /* organisations that delivered in a period (quarter or year) */
    "CREATE TEMP TABLE kw_op AS SELECT DISTINCT c.org, pp.p AS periode FROM kw_cel c "
    "JOIN kw_pp pp ON pp.periode = c.kwartaal WHERE c.geleverd = 1",
    /* municipalities (a merged code as its successor) with an intake in a period, by the peildatum */
    "CREATE TEMP TABLE kw_gm AS SELECT DISTINCT coalesce(nullif(g.opgegaan_in, ''), t.gemeentecode) AS gemeentecode, "
    "pp.p AS periode FROM traject t LEFT JOIN gemeenten g ON g.gemeentecode = t.gemeentecode "
    "JOIN kw_pp pp ON pp.periode = " Q_LABEL("t.intake_datum") " WHERE t.intake_datum <= " PEIL,
    /* the periods of participation: from the first quarter with a delivery or an intake to the peildatum's */
    "CREATE TEMP TABLE kw_bereik AS SELECT DISTINCT pp.p AS periode FROM kw_q q "
    "JOIN kw_pp pp ON pp.periode = q.kwartaal WHERE q.qi >= (SELECT min(x) FROM "
    "(SELECT min(qi) AS x FROM kw_cel WHERE geleverd = 1 UNION ALL "
    "SELECT min(" Q_OF_DATE("intake_datum") ") FROM traject WHERE intake_datum <= " PEIL "))",
    /* rejected rows by delivery and reason: a row with several problems counts under its first */
    "CREATE TEMP TABLE kw_afg AS SELECT levering_id, code, count(*) AS n FROM "
    "(SELECT levering_id, code, min(id) FROM afgewezen GROUP BY levering_id, regel) GROUP BY levering_id, code",
    /* facts per organisation and the period it delivered for; groep 'organisatie' also makes totaal */
    "CREATE TEMP TABLE kw_f (indicator TEXT, org TEXT, periode TEXT, groep TEXT, groepwaarde TEXT, "
    "teller INTEGER, noemer INTEGER, eenheid TEXT)",
    "CREATE TEMP TABLE kw_uit (indicator TEXT, regio TEXT, site TEXT, groep TEXT, groepwaarde TEXT, periode TEXT, "
    "teller INTEGER, noemer INTEGER, eenheid TEXT, PRIMARY KEY (indicator, regio, site, groep, groepwaarde, periode))",

    /* verankering.aanlevering: cells are type-quarters (a year is its quarters); rows by delivery period */
    "WITH s(i, naam) AS (VALUES (0, 'geleverd'), (1, 'gecorrigeerd'), (2, 'ontbreekt'), (3, 'rijen_geaccepteerd'), "
    "(4, 'rijen_afgewezen')) INSERT INTO kw_f "
    "SELECT 'verankering.aanlevering.' || s.naam, c.org, c.kwartaal, 'organisatie', '', "
    "CASE s.i WHEN 0 THEN c.g WHEN 1 THEN c.k WHEN 2 THEN c.m ELSE 0 END, "
    "CASE s.i WHEN 1 THEN c.g WHEN 3 THEN 0 WHEN 4 THEN 0 ELSE c.n END, 'aantal' "
    "FROM (SELECT org, kwartaal, sum(geleverd) AS g, sum(gecorrigeerd) AS k, sum(ontbreekt) AS m, count(*) AS n "
    "FROM kw_cel GROUP BY org, kwartaal) c CROSS JOIN s "
    "UNION ALL SELECT 'verankering.aanlevering.' || s.naam, l.org, l.periode, 'organisatie', '', "
    "CASE s.i WHEN 3 THEN l.acc ELSE l.rej END, l.dat, 'aantal' FROM kw_lev l CROSS JOIN s WHERE s.i >= 3 "
    "AND l.type <> '" ENG_ROUTE3_TYPE "'",  /* its rows are persons of route 3 (eng_quality_persons_row) */
    /* kwaliteit.afgewezen[.type]: rejected rows of data rows read, per organisation and per first reason */
    "WITH v(alle) AS (VALUES (0), (1)) INSERT INTO kw_f "
    "SELECT 'kwaliteit.afgewezen' || CASE v.alle WHEN 1 THEN '' ELSE '.' || l.type END, l.org, l.periode, "
    "'organisatie', '', coalesce(a.n, 0), l.dat, 'aantal' FROM kw_lev l "
    "LEFT JOIN (SELECT levering_id, sum(n) AS n FROM kw_afg GROUP BY levering_id) a ON a.levering_id = l.id "
    "CROSS JOIN v WHERE v.alle = 0 OR l.type <> '" ENG_ROUTE3_TYPE "' UNION ALL "
    "SELECT 'kwaliteit.afgewezen' || CASE v.alle WHEN 1 THEN '' ELSE '.' || l.type END, l.org, l.periode, 'reden', "
    "a.code, a.n, 0, 'aantal' FROM kw_afg a JOIN kw_lev l ON l.id = a.levering_id CROSS JOIN v "
    "WHERE v.alle = 0 OR l.type <> '" ENG_ROUTE3_TYPE "'",  /* over all types: without mdo, as above */
    NULL,
};

/* After the per-type scans: the facts to rows, and the rows that are not per organisation. */
static const char *const rows_sql[] = {
    /* each fact adds to its rows (an upsert is quicker here than GROUP BY; SQLite's grammar wants the WHERE) */
    "INSERT INTO kw_uit SELECT f.indicator, pl.regio, pl.site, g.groep, CASE g.groep WHEN 'organisatie' THEN f.org "
    "WHEN 'totaal' THEN '' ELSE f.groepwaarde END, pp.p, f.teller, f.noemer, f.eenheid "
    "FROM kw_f f JOIN kw_pp pp ON pp.periode = f.periode JOIN kw_plaats pl ON pl.code = f.org "
    "JOIN (SELECT 'organisatie' AS van, 'organisatie' AS groep UNION ALL SELECT 'organisatie', 'totaal' "
    "UNION ALL SELECT 'reden', 'reden' UNION ALL SELECT 'kolom', 'kolom') g ON g.van = f.groep WHERE true "
    "ON CONFLICT DO UPDATE SET teller = teller + excluded.teller, noemer = noemer + excluded.noemer",
    /* a reason's noemer is the data rows read of its place, as its totaal's */
    "UPDATE kw_uit SET noemer = coalesce((SELECT t.noemer FROM kw_uit t WHERE t.indicator = kw_uit.indicator "
    "AND t.regio = kw_uit.regio AND t.site = kw_uit.site AND t.groep = 'totaal' AND t.groepwaarde = '' "
    "AND t.periode = kw_uit.periode), 0) WHERE groep = 'reden'",
    /* verankering.deelname: registered organisations that delivered, per place, totaal and soort */
    "INSERT INTO kw_uit SELECT 'verankering.deelname', pl.regio, pl.site, g.groep, "
    "CASE g.groep WHEN 'totaal' THEN '' ELSE o.soort END, b.periode, count(op.org), count(*), '%' "
    "FROM kw_org o JOIN kw_plaats pl ON pl.code = o.code CROSS JOIN kw_bereik b "
    "CROSS JOIN (SELECT 'totaal' AS groep UNION ALL SELECT 'organisatie_soort') g "
    "LEFT JOIN kw_op op ON op.org = o.code AND op.periode = b.periode WHERE o.register = 1 GROUP BY 2, 3, 4, 5, 6",
    /* verankering.deelname.gemeenten: current municipalities with an intake, per region and all */
    "INSERT INTO kw_uit SELECT 'verankering.deelname.gemeenten', CASE e.alle WHEN 1 THEN '*' ELSE g.regio END, '*', "
    "'totaal', '', b.periode, count(x.gemeentecode), count(*), '%' FROM gemeenten g CROSS JOIN kw_bereik b "
    "CROSS JOIN (SELECT 0 AS alle UNION ALL SELECT 1) e "
    "LEFT JOIN kw_gm x ON x.gemeentecode = g.gemeentecode AND x.periode = b.periode "
    "WHERE nullif(g.opgegaan_in, '') IS NULL GROUP BY 2, 6",
    NULL,
};

/* The rows of uitkomst this file owns (recomputing replaces them); the rest is the outcome table's. */
static const char delete_own_sql[] =
    "DELETE FROM uitkomst WHERE indicator LIKE 'verankering.%' OR indicator = 'kwaliteit.afgewezen' "
    "OR indicator LIKE 'kwaliteit.afgewezen.%' OR indicator LIKE 'kwaliteit.volledigheid.%' "
    "OR indicator = 'kwaliteit.koppeling.ongekoppeld' OR indicator LIKE 'kwaliteit.koppeling.ongekoppeld.%'";

/* The extract types. */
static const char *const xtypes[] = {KR_EXTRACT_TYPES(KR_NAME_OF_TYPE)};

/* Columns that are no partner's data: bookkeeping, and organisatie, which the ETL fills from the delivery. */
static const char *const not_data[] = {"id", "levering_id", "regel", "sleutel", "organisatie"};

#define MAX_COLS 32

/* The failure in err worded for a person (kr_db_problem: a full disk, a busy or read-only database),
 * the first one's. */
static kr_status db_fail(sqlite3 *db, char *err, size_t errcap)
{
    if (errcap && !err[0])
        return kr_db_problem(db, err, errcap);
    return KR_EDB;
}

/* Run every statement of sql (several may follow each other), binding ?1 to peil where used. */
static kr_status run(sqlite3 *db, const char *sql, const char *peil, char *err, size_t errcap)
{
    kr_status rc = KR_OK;
    while (rc == KR_OK && sql && *sql) {
        sqlite3_stmt *st = NULL;
        const char *tail = NULL;
        if (sqlite3_prepare_v2(db, sql, -1, &st, &tail) != SQLITE_OK)
            return db_fail(db, err, errcap);
        if (st) {
            if (sqlite3_bind_parameter_count(st) >= 1)
                sqlite3_bind_text(st, 1, peil, -1, SQLITE_STATIC);
            int s;
            while ((s = sqlite3_step(st)) == SQLITE_ROW)
                ;
            if (s != SQLITE_DONE)
                rc = db_fail(db, err, errcap);
            sqlite3_finalize(st);
        }
        sql = tail;
    }
    return rc;
}

static int is_data_column(const char *name)
{
    for (size_t i = 0; i < sizeof not_data / sizeof not_data[0]; i++)
        if (strcmp(name, not_data[i]) == 0)
            return 0;
    return 1;
}

static kr_status add_fact(sqlite3_stmt *ins, const char *indicator, sqlite3_stmt *row, const char *groep,
                          const char *groepwaarde, long long teller, long long noemer, const char *eenheid)
{
    return kr_stmt_run(ins,
                       KR_ROW(KR_TEXT(indicator), KR_TEXT(kr_column_text(row, 0)), KR_TEXT(kr_column_text(row, 1)),
                              KR_TEXT(groep), KR_TEXT(groepwaarde), KR_INT(teller), KR_INT(noemer), KR_TEXT(eenheid)),
                       NULL, 0);
}

/*
 * The counts of one delivery from what linkage left in this connection (temp.link_levering and
 * temp.link_kolom, etl/link.c, counted while it read the records for this peildatum): into
 * n[0] the records, n[1] the unlinked ones, n[2 + c] the values of column c (a NOT NULL column
 * has one in every record). A delivery linkage read no record of has none: all zero.
 */
static void counts_from_link(sqlite3_stmt *lv, sqlite3_stmt *kl, int64_t id, const char *peil, size_t ncols,
                             char cols[][64], const int *notnull, long long *n)
{
    int found = 0;
    memset(n, 0, (2 + ncols) * sizeof *n);
    sqlite3_bind_int64(lv, 1, id);
    sqlite3_bind_text(lv, 2, peil, -1, SQLITE_STATIC);
    if (sqlite3_step(lv) == SQLITE_ROW) {
        n[0] = sqlite3_column_int64(lv, 0);
        n[1] = sqlite3_column_int64(lv, 1);
        found = 1;
    }
    sqlite3_reset(lv);
    for (size_t c = 0; c < ncols && found; c++) {
        if (notnull[c]) {
            n[2 + c] = n[0];
            continue;
        }
        sqlite3_bind_int64(kl, 1, id);
        sqlite3_bind_text(kl, 2, cols[c], -1, SQLITE_STATIC);
        if (sqlite3_step(kl) == SQLITE_ROW)
            n[2 + c] = sqlite3_column_int64(kl, 0);
        sqlite3_reset(kl);
    }
}

/*
 * The quality rows of one extract type, delivery by delivery: the current records dated by the
 * peildatum, the unlinked ones among them, and for each data column those with a value (the ETL
 * stores values trimmed, an empty field as NULL), as linkage counted them while it read the
 * records (counts_from_link). The columns come from the schema: the engine does not read the
 * ETL's specification.
 */
static kr_status scan_type(sqlite3 *db, const char *type, const char *peil, sqlite3_stmt *ins, char *err,
                           size_t errcap)
{
    char cols[MAX_COLS][64], sql[128], kop_type[80], vol[80];
    int notnull[MAX_COLS];
    long long cnt[2 + MAX_COLS];
    size_t ncols = 0;
    sqlite3_stmt *st = NULL, *dl = NULL, *lv = NULL, *kl = NULL;
    kr_status rc = KR_OK;
    int s = SQLITE_DONE;
    (void)snprintf(sql, sizeof sql, "PRAGMA table_info(\"%s\")", type);
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        rc = KR_EDB;
        goto cleanup;
    }
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *name = kr_column_text(st, 1);
        if (!is_data_column(name))
            continue;
        if (ncols == MAX_COLS || strlen(name) >= sizeof cols[0]) {
            rc = KR_ESCHEMA;
            goto cleanup;
        }
        notnull[ncols] = sqlite3_column_int(st, 3) != 0;
        kr_strlcpy(cols[ncols++], name, sizeof cols[0]);
    }
    sqlite3_finalize(st);
    st = NULL;
    if (ncols == 0) {
        rc = KR_ESCHEMA;
        goto cleanup;
    }
    if (sqlite3_prepare_v2(db,
                           "SELECT org, periode, id FROM kw_lev WHERE type = ?1 AND eerste_rij IS NOT NULL ORDER BY id",
                           -1, &dl, NULL) != SQLITE_OK) {
        rc = db_fail(db, err, errcap);
        goto cleanup;
    }
    sqlite3_bind_text(dl, 1, type, -1, SQLITE_STATIC);
    /* linkage's counts: no such tables when compute did not link in this connection first */
    if (sqlite3_prepare_v2(db,
                           "SELECT records, ongekoppeld FROM temp.link_levering WHERE levering_id = ?1 "
                           "AND peildatum = ?2 AND tabel = ?3",
                           -1, &lv, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "SELECT gevuld FROM temp.link_kolom WHERE levering_id = ?1 AND kolom = ?2", -1, &kl,
                           NULL) != SQLITE_OK) {
        if (errcap && !err[0])
            kr_strlcpy(err, _("quality rows: linkage's counts are missing; link with the peildatum first, on this "
                              "connection"), errcap);
        rc = KR_EDB;
        goto cleanup;
    }
    sqlite3_bind_text(lv, 3, type, -1, SQLITE_STATIC);
    (void)snprintf(kop_type, sizeof kop_type, "kwaliteit.koppeling.ongekoppeld.%s", type);
    (void)snprintf(vol, sizeof vol, "kwaliteit.volledigheid.%s", type);
    while (rc == KR_OK && (s = sqlite3_step(dl)) == SQLITE_ROW) {
        counts_from_link(lv, kl, sqlite3_column_int64(dl, 2), peil, ncols, cols, notnull, cnt);
        long long n = cnt[0], unlinked = cnt[1];
        if (n > 0) {  /* a delivery with no current record dated by the peildatum adds nothing */
            rc = add_fact(ins, kop_type, dl, "organisatie", "", unlinked, n, "%");
            if (rc == KR_OK && strcmp(type, ENG_ROUTE3_TYPE) != 0)  /* over all types: without mdo, as above */
                rc = add_fact(ins, "kwaliteit.koppeling.ongekoppeld", dl, "organisatie", "", unlinked, n, "%");
            for (size_t c = 0; c < ncols && rc == KR_OK; c++)
                rc = add_fact(ins, vol, dl, "kolom", cols[c], cnt[2 + c], n, "%");
        }
    }
    if (rc == KR_OK && s != SQLITE_DONE)
        rc = KR_EDB;
cleanup:
    sqlite3_finalize(st);
    sqlite3_finalize(dl);
    sqlite3_finalize(lv);
    sqlite3_finalize(kl);
    return rc;
}


/* One quality row that counts persons (eng_quality_persons_row): its key (indicator, regio, site, groep, groepwaarde,
 * periode) and counts. */
typedef struct ev_row {
    char ind[64], regio[40], site[40], groep[16], gw[40], per[8];
    long teller, noemer;
} ev_row;

static int cmp_ev(const void *a, const void *b)
{
    const ev_row *x = a, *y = b;
    int c;
    if ((c = strcmp(x->ind, y->ind)) || (c = strcmp(x->regio, y->regio)) || (c = strcmp(x->site, y->site)) ||
        (c = strcmp(x->groep, y->groep)) || (c = strcmp(x->gw, y->gw)))
        return c;
    return strcmp(x->per, y->per);
}

/* The rows that count persons in key order, with their suppression (cells[i] belongs to r[i]). */
typedef struct ev_table {
    ev_row *r;
    eng_cell *cells;
    size_t n;
} ev_table;

static void ev_fini(ev_table *E)
{
    free(E->r);
    free(E->cells);
    memset(E, 0, sizeof *E);
}

static size_t ev_find(const ev_table *E, const ev_row *key)
{
    const ev_row *hit = E->n ? bsearch(key, E->r, E->n, sizeof *E->r, cmp_ev) : NULL;
    return hit ? (size_t)(hit - E->r) : (size_t)-1;
}

/* A part of a group and its total, by index into the rows; a total heads up to three groups (its sites or regions, its
 * quarters, and its organisations or reasons), told apart by axis. */
typedef struct ev_pair {
    size_t total, part;
    /* 0: places, 1: quarters of a year, 2: the organisations of a totaal, 3: its reasons (apart: each adds up to the
     * totaal on its own, so one hidden of each would be two in one group, and neither safe) */
    int axis;
} ev_pair;

static int cmp_pair(const void *a, const void *b)
{
    const ev_pair *x = a, *y = b;
    if (x->total != y->total)
        return (x->total > y->total) - (x->total < y->total);
    if (x->axis != y->axis)
        return x->axis - y->axis;
    return (x->part > y->part) - (x->part < y->part);
}

/*
 * Load the quality rows that count persons from kw_uit and suppress them: primary (a row 1 .. min_cell - 1 persons from
 * one published before included, engine/earlier.c), then secondary over their groups (the sites of a region and its
 * '*', the regions and '*', the quarters of a year and the year, the organisations or the reasons of a totaal). The
 * caller frees E with ev_fini.
 */
static kr_status ev_suppress(sqlite3 *db, int min_cell, const eng_earlier_set *S, ev_table *E)
{
    sqlite3_stmt *st = NULL;
    eng_group *g = NULL;
    ev_pair *pairs = NULL;
    size_t *parts = NULL, ng = 0, np = 0, npairs = 0, cap = 0, gcap = 0, pcap = 0;
    kr_status rc = KR_OK;
    memset(E, 0, sizeof *E);
    if (sqlite3_prepare_v2(db,
                           "SELECT indicator, regio, site, groepwaarde, periode, teller, noemer, groep FROM kw_uit "
                           "WHERE indicator LIKE 'kwaliteit.%'",
                           -1, &st, NULL) != SQLITE_OK)
        return KR_EDB;
    while (rc == KR_OK && sqlite3_step(st) == SQLITE_ROW) {
        if (!eng_quality_persons_row(kr_column_text(st, 0), kr_column_text(st, 7)))
            continue;
        if ((rc = kr_grow(&E->r, &cap, E->n, sizeof *E->r, 256)) != KR_OK)
            break;
        ev_row *r = &E->r[E->n++];
        kr_strlcpy(r->ind, kr_column_text(st, 0), sizeof r->ind);
        kr_strlcpy(r->regio, kr_column_text(st, 1), sizeof r->regio);
        kr_strlcpy(r->site, kr_column_text(st, 2), sizeof r->site);
        kr_strlcpy(r->gw, kr_column_text(st, 3), sizeof r->gw);
        kr_strlcpy(r->groep, kr_column_text(st, 7), sizeof r->groep);
        kr_strlcpy(r->per, kr_column_text(st, 4), sizeof r->per);
        r->teller = (long)sqlite3_column_int64(st, 5);
        r->noemer = (long)sqlite3_column_int64(st, 6);
    }
    sqlite3_finalize(st);
    if (rc != KR_OK || E->n == 0)
        return rc;
    qsort(E->r, E->n, sizeof *E->r, cmp_ev);
    E->cells = malloc(E->n * sizeof *E->cells);
    pairs = malloc(3 * E->n * sizeof *pairs);  /* a row is a part of at most three totals */
    if (!E->cells || !pairs) {
        rc = KR_ENOMEM;
        goto cleanup;
    }
    for (size_t i = 0; i < E->n; i++) {
        E->cells[i] = (eng_cell){ENG_CELL_PROPORTION, E->r[i].teller, E->r[i].noemer, 0, ENG_SHOWN, 0};
        if (eng_earlier_count(S)) {  /* a share of persons: its noemer and rest count persons too */
            const ev_row *r = &E->r[i];
            const char *part[6] = {r->ind, r->regio, r->site, r->groep, r->gw, r->per};
            size_t ne;
            (void)eng_earlier_hold(S, part, &E->cells[i], 1, 1, min_cell, &ne, NULL);
        }
        /* the totals this row is a part of */
        ev_row t = E->r[i];
        size_t k;
        if (strcmp(t.site, "*") != 0)
            kr_strlcpy(t.site, "*", sizeof t.site);
        else if (strcmp(t.regio, "*") != 0)
            kr_strlcpy(t.regio, "*", sizeof t.regio);
        if (cmp_ev(&t, &E->r[i]) != 0 && (k = ev_find(E, &t)) != (size_t)-1)
            pairs[npairs++] = (ev_pair){k, i, 0};
        t = E->r[i];
        if (strlen(t.per) == 6 && t.per[4] == 'Q') {
            t.per[4] = '\0';  /* the year of a quarter */
            if ((k = ev_find(E, &t)) != (size_t)-1)
                pairs[npairs++] = (ev_pair){k, i, 1};
        }
        t = E->r[i];
        if (strcmp(t.groep, "organisatie") == 0 || strcmp(t.groep, "reden") == 0) {
            int axis = strcmp(t.groep, "reden") == 0 ? 3 : 2;
            kr_strlcpy(t.groep, "totaal", sizeof t.groep);  /* the totaal they add up to */
            t.gw[0] = '\0';
            if ((k = ev_find(E, &t)) != (size_t)-1)
                pairs[npairs++] = (ev_pair){k, i, axis};
        }
    }
    qsort(pairs, npairs, sizeof *pairs, cmp_pair);
    for (size_t a = 0; a < npairs;) {
        size_t b = a;
        while (b < npairs && pairs[b].total == pairs[a].total && pairs[b].axis == pairs[a].axis)
            b++;
        if ((rc = kr_grow(&g, &gcap, ng, sizeof *g, 64)) != KR_OK ||
            (rc = kr_reserve(&parts, &pcap, np + (b - a), sizeof *parts, 256)) != KR_OK)
            goto cleanup;
        g[ng++] = (eng_group){pairs[a].total, NULL, b - a, 0};
        for (size_t k = a; k < b; k++)
            parts[np++] = pairs[k].part;
        a = b;
    }
    for (size_t k = 0, off = 0; k < ng; off += g[k].nparts, k++)
        g[k].parts = parts + off;  /* the parts array has stopped moving */
    rc = eng_suppress(E->cells, E->n, g, ng, min_cell);
    /* Two columns of one extract, place and period count the same records: where their shown counts differ by 1 to
     * min_cell - 1, subtracting one from the other can tell how many records have the one but not the other (a
     * regie_datum without a regie_organisatie: 81 - 78 = 3 pregnancies of route 3). Hide the column with the smaller
     * count of such a pair, then the secondary rule again, until no pair is left. */
    for (int changed = 1; rc == KR_OK && changed;) {
        changed = 0;
        for (size_t a = 0; a < E->n; a++) {
            if (strcmp(E->r[a].groep, "kolom") != 0)
                continue;
            for (size_t b = a + 1; b < E->n && E->cells[a].out == ENG_SHOWN; b++) {
                const ev_row *x = &E->r[a], *y = &E->r[b];
                if (strcmp(y->groep, "kolom") != 0 || strcmp(x->ind, y->ind) != 0 || strcmp(x->regio, y->regio) != 0 ||
                    strcmp(x->site, y->site) != 0)
                    break; /* rows are in key order: the columns of one place follow one another */
                if (strcmp(x->per, y->per) != 0 || E->cells[b].out != ENG_SHOWN)
                    continue;
                long d = x->teller > y->teller ? x->teller - y->teller : y->teller - x->teller;
                if (d >= 1 && d < min_cell) {
                    size_t h = x->teller < y->teller ? a : b;
                    E->cells[eng_hide_which(E->cells, h, h == a ? b : a)].out = ENG_HIDDEN;
                    changed = 1;
                }
            }
        }
        if (changed)
            rc = eng_suppress(E->cells, E->n, g, ng, min_cell);
    }
cleanup:
    free(pairs);
    free(g);
    free(parts);
    return rc;
}

/*
 * The rows of kw_uit into uitkomst: a share with its Wilson interval, a count as it is; never
 * suppressed. Rows in their indicator's own unit get its target and status, as eng_compute's do;
 * kwaliteit.koppeling.ongekoppeld not: it is the complement of the linkage rate that has the target.
 */
static kr_status write_rows(sqlite3 *db, kr_date peildatum, int min_cell, const eng_earlier_set *S, long long *rows,
                            char *err, size_t errcap)
{
    sqlite3_stmt *sel = NULL, *ins = NULL;
    eng_doelen D = {NULL, 0, 0};
    ev_table E = {NULL, NULL, 0};
    kr_status rc = KR_OK;
    long long n = 0;
    int s = SQLITE_DONE;
    if ((rc = ev_suppress(db, min_cell, S, &E)) != KR_OK)
        goto cleanup;
    if (sqlite3_prepare_v2(db,
                           "SELECT indicator, regio, site, groep, groepwaarde, periode, teller, noemer, eenheid "
                           "FROM kw_uit ORDER BY indicator, regio, site, groep, groepwaarde, periode",
                           -1, &sel, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db,
                           "INSERT INTO uitkomst (indicator, regio, site, groep, groepwaarde, periode, teller, noemer, "
                           "waarde, ci_laag, ci_hoog, onderdrukt, eenheid, voorlopig, teller_ruw, noemer_ruw, doel, "
                           "status) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?16, ?12, ?13, ?17, ?18, "
                           "?14, ?15)",
                           -1, &ins, NULL) != SQLITE_OK ||
        eng_doelen_load(db, &D) != KR_OK) {
        rc = KR_EDB;
        goto cleanup;
    }
    while (rc == KR_OK && (s = sqlite3_step(sel)) == SQLITE_ROW) {
        const char *id = kr_column_text(sel, 0), *label = kr_column_text(sel, 5), *unit = kr_column_text(sel, 8);
        long long t = sqlite3_column_int64(sel, 6), d = sqlite3_column_int64(sel, 7);
        int share = strcmp(unit, "%") == 0;
        const eng_indicator *ind = eng_indicator_find(id);
        kr_period per;
        double waarde = (double)t, lo = NAN, hi = NAN, doel = NAN;
        if (share && d <= 0)
            continue;  /* nothing in the denominator: no row, as elsewhere in the table */
        if (kr_period_parse(label, strlen(label), &per) != KR_OK) {
            rc = KR_EINVAL;
            break;
        }
        if (share) {
            waarde = 100.0 * (double)t / (double)d;
            if (eng_wilson((long)t, (long)d, ENG_Z95, &lo, &hi) == KR_OK) {
                lo *= 100.0;
                hi *= 100.0;
            }
        }
        int hidden = 0;
        if (eng_quality_persons_row(id, kr_column_text(sel, 3))) {
            ev_row key;
            memset(&key, 0, sizeof key);
            kr_strlcpy(key.ind, id, sizeof key.ind);
            kr_strlcpy(key.regio, kr_column_text(sel, 1), sizeof key.regio);
            kr_strlcpy(key.site, kr_column_text(sel, 2), sizeof key.site);
            kr_strlcpy(key.groep, kr_column_text(sel, 3), sizeof key.groep);
            kr_strlcpy(key.gw, kr_column_text(sel, 4), sizeof key.gw);
            kr_strlcpy(key.per, label, sizeof key.per);
            size_t k = ev_find(&E, &key);
            hidden = k == (size_t)-1 || E.cells[k].out != ENG_SHOWN;  /* not found cannot happen: hide, to be safe */
        }
        if (hidden)
            waarde = lo = hi = NAN;
        if (ind && strcmp(ind->unit, unit) == 0 && strncmp(id, "kwaliteit.koppeling.", 20) != 0)
            doel = eng_target(&D, ind, kr_column_text(sel, 1), per.last);
        const char *word = isnan(doel) ? NULL : eng_rag_word(eng_rag(waarde, lo, hi, doel, ind->direction, hidden));
        kr_value v[18];
        for (int c = 0; c < 6; c++)
            v[c] = KR_TEXT(kr_column_text(sel, c));
        v[6] = hidden ? KR_NULL : KR_INT(t);
        v[7] = hidden ? KR_NULL : KR_INT(d);
        v[8] = hidden ? KR_NULL : KR_REAL(waarde);
        v[9] = isnan(lo) ? KR_NULL : KR_REAL(lo);
        v[10] = isnan(lo) ? KR_NULL : KR_REAL(hi);
        v[11] = KR_TEXT(unit);
        v[12] = KR_INT(per.last > peildatum);  /* the period is not over yet */
        v[13] = isnan(doel) ? KR_NULL : KR_REAL(doel);
        v[14] = word ? KR_TEXT(word) : KR_NULL;
        v[15] = KR_TEXT(hidden ? "x" : "");
        v[16] = KR_INT(t);
        v[17] = KR_INT(d);
        kr_status st = kr_stmt_run(ins, v, 18, err, errcap);
        if (st != KR_OK)
            rc = st;
        n++;
    }
    if (rc == KR_OK && s != SQLITE_DONE)
        rc = KR_EDB;
    if (rc == KR_OK && rows)
        *rows = n;
cleanup:
    sqlite3_finalize(sel);
    sqlite3_finalize(ins);
    eng_doelen_fini(&D);
    ev_fini(&E);
    return rc;
}

kr_status eng_quality_prepare(sqlite3 *db, kr_date peildatum, char *err, size_t errcap)
{
    sqlite3_stmt *ins = NULL;
    kr_status rc;
    char peil[11];
    kr_date_format(peildatum, peil);
    if (errcap)
        err[0] = '\0';
    eng_lap(NULL);
    if ((rc = kr_db_exec(db, "SAVEPOINT kwaliteit", NULL, 0)) != KR_OK)
        return rc;
    if ((rc = run(db, drop_sql, peil, err, errcap)) != KR_OK)
        goto cleanup;
    for (size_t i = 0; build_sql[i] && rc == KR_OK; i++)
        rc = run(db, build_sql[i], peil, err, errcap);
    if (rc != KR_OK)
        goto cleanup;
    if (sqlite3_prepare_v2(db, "INSERT INTO kw_f VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", -1, &ins, NULL) !=
        SQLITE_OK) {
        rc = KR_EDB;
        goto cleanup;
    }
    eng_lap("quality: setup");
    for (size_t i = 0; i < sizeof xtypes / sizeof xtypes[0] && rc == KR_OK; i++)
        rc = scan_type(db, xtypes[i], peil, ins, err, errcap);
    eng_lap("quality: scans");
    for (size_t i = 0; rows_sql[i] && rc == KR_OK; i++)
        rc = run(db, rows_sql[i], peil, err, errcap);
    eng_lap("quality: table");
cleanup:
    sqlite3_finalize(ins);
    if (rc == KR_OK)
        return kr_db_exec(db, "RELEASE kwaliteit", NULL, 0);
    (void)sqlite3_exec(db, "ROLLBACK TO kwaliteit; RELEASE kwaliteit", NULL, NULL, NULL);
    return rc;
}

kr_status eng_quality_write(sqlite3 *db, kr_date peildatum, int min_cell, const eng_earlier_set *S, long long *rows,
                            char *err, size_t errcap)
{
    kr_status rc;
    char peil[11];
    kr_date_format(peildatum, peil);
    if (rows)
        *rows = 0;
    if (errcap)
        err[0] = '\0';
    if ((rc = kr_db_exec(db, "SAVEPOINT kwaliteit", NULL, 0)) != KR_OK)
        return rc;
    if ((rc = run(db, delete_own_sql, peil, err, errcap)) == KR_OK &&
        (rc = write_rows(db, peildatum, min_cell, S, rows, err, errcap)) == KR_OK)
        rc = run(db, drop_sql, peil, err, errcap);
    eng_lap("quality: rows");
    if (rc == KR_OK)
        return kr_db_exec(db, "RELEASE kwaliteit", NULL, 0);
    (void)sqlite3_exec(db, "ROLLBACK TO kwaliteit; RELEASE kwaliteit", NULL, NULL, NULL);
    eng_quality_discard(db);  /* made by eng_quality_prepare, outside this savepoint */
    if (rows)
        *rows = 0;
    return rc;
}

void eng_quality_discard(sqlite3 *db)
{
    (void)run(db, drop_sql, "", NULL, 0);
}
