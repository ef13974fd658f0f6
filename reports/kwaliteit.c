/*
 * The `kwaliteit` report for the data coordinator (REPORTS.md): the delivery ledger summarised,
 * rejected rows by organisation, type and reason with a few masked example lines, column
 * completeness per type, linkage rates, and the periods partners miss against their agreements;
 * then the definitions. Besides the outcome table it reads only the ledger (`levering`), the
 * registry of organisations and the masked `afgewezen` table, never an extract table.
 */
#include "rpt_plot.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The extract types, in the order of EXTRACTS.md. */
static const char *const xtypes[] = {"zwangerschap", "screening", "zorgepisode", "overdracht",
                                     "mdo",          "bevalling", "jgz_contact"};
#define NXTYPES (sizeof xtypes / sizeof xtypes[0])

/* The statuses of a delivery in the ledger, and their English words. */
static const char *const statuses[] = {"actief", "vervangen", "geweigerd", "ingetrokken"};
static const char *const statuses_en[] = {"active", "replaced", "refused", "withdrawn"};
#define NSTATUS (sizeof statuses / sizeof statuses[0])

static const char *const appendix_ids[] = {"verankering.aanlevering", "verankering.deelname", "kwaliteit.afgewezen",
                                           "kwaliteit.volledigheid",  "kwaliteit.koppeling",  NULL};

/* The ledger rows the report counts: an extract delivery (reference data aside) of the region. A refused file
 * whose organisation is unknown belongs to no region: every report lists it, so that it is not lost. */
#define EXTRACT "l.type NOT IN ('regios', 'sites', 'gemeenten', 'organisaties', 'afspraken', 'doelen', 'referenties')"
#define IN_REGION                                                                                                      \
    "(?1 = '*' OR l.organisatie IN (SELECT code FROM organisaties WHERE regio = ?1) OR (l.status = 'geweigerd' AND "   \
    "(l.organisatie IS NULL OR l.organisatie NOT IN (SELECT code FROM organisaties))))"
/* A delivery of the period reported (a year: the year's delivery and its quarters', as the outcome rows count) that
 * began by the peildatum (?3), as the engine counts it. */
#define IN_PERIOD "(l.periode = ?2 OR (length(?2) = 4 AND substr(l.periode, 1, 4) = ?2)) AND l.periode_begin <= ?3"

/* Up to three rejected lines per reason of the deliveries of the period, the first of each file before the second
 * of any, then by file and line; melding is the column of the message (melding or melding_nl). */
#define EXAMPLES(melding)                                                                                              \
    "SELECT code, bestand, regel, kolom, waarde, " melding " FROM (SELECT a.code, l.bestand, a.regel, "                \
    "coalesce(a.kolom, '') AS kolom, coalesce(a.waarde, '') AS waarde, a." melding ", "                                \
    "row_number() OVER (PARTITION BY a.code ORDER BY f.k, l.bestand, a.regel, a.id) AS k "                             \
    "FROM afgewezen a JOIN levering l ON l.id = a.levering_id JOIN (SELECT id, row_number() OVER "                     \
    "(PARTITION BY levering_id, code ORDER BY regel, id) AS k FROM afgewezen) f ON f.id = a.id "                       \
    "WHERE l.status = 'actief' AND l.organisatie IS NOT NULL AND " IN_REGION " AND " IN_PERIOD                         \
    ") WHERE k <= 3 ORDER BY code, k"

/* Rejected rows of one organisation and type under one first reason, from `afgewezen`. */
typedef struct reason_count {
    const char *org, *type, *code;
    long long n;
} reason_count;

typedef struct kwal {
    rpt_ctx *ctx;
    char peil[11];
    /* 1. the ledger */
    long long ref_deliveries, ref_active;
    rpt_table t_status, t_rows, t_rows_all, t_refused, t_latest;
    const char *h_status[NSTATUS + 2], *h_rows[6], *h_refused[3], *h_latest[5];
    char first_in[11], last_in[11]; /* the first and latest day a delivery was read in */
    /* 2. rejected rows */
    reason_count *reasons;
    size_t nreasons;
    rpt_table t_afg, t_why, t_examples;
    const char *h_afg[5], *h_why[3], *h_examples[4];
    rpt_chart *ch_afg;
    /* 3. completeness */
    rpt_table t_vol;
    const char *h_vol[4];
    int vol_types; /* types with rows in the period */
    int vol_hidden;
    /* 4. linkage */
    rpt_series s_jgz, s_bev;
    rpt_chart *ch_jgz, *ch_bev;
    rpt_table t_link, t_unlinked, t_unlinked_type;
    const char *h_link[3], *h_unlinked[5], *h_unlinked_type[4];
    /* 5. missing periods */
    rpt_table t_missing;
    const char *h_missing[2];
} kwal;

static const double w_status[] = {0.30, 0.14, 0.14, 0.14, 0.14, 0.14};
static const int a_status[] = {RPT_LEFT, RPT_RIGHT, RPT_RIGHT, RPT_RIGHT, RPT_RIGHT, RPT_RIGHT};
static const double w_rows[] = {0.25, 0.15, 0.15, 0.15, 0.15, 0.15};
static const int a_rows[] = {RPT_LEFT, RPT_RIGHT, RPT_RIGHT, RPT_RIGHT, RPT_RIGHT, RPT_RIGHT};
static const double w_refused[] = {0.38, 0.14, 0.48};
static const int a_refused[] = {RPT_LEFT, RPT_LEFT, RPT_LEFT};
static const double w_latest[] = {0.26, 0.37, 0.13, 0.11, 0.13};
static const int a_latest[] = {RPT_LEFT, RPT_LEFT, RPT_LEFT, RPT_LEFT, RPT_RIGHT};
static const double w_afg[] = {0.14, 0.16, 0.14, 0.13, 0.43};
static const int a_afg[] = {RPT_LEFT, RPT_LEFT, RPT_RIGHT, RPT_RIGHT, RPT_LEFT};
static const double w_why[] = {0.20, 0.60, 0.20};
static const int a_why[] = {RPT_LEFT, RPT_LEFT, RPT_RIGHT};
static const double w_examples[] = {0.13, 0.37, 0.16, 0.34};
static const int a_examples[] = {RPT_LEFT, RPT_LEFT, RPT_LEFT, RPT_LEFT};
static const double w_vol[] = {0.34, 0.22, 0.22, 0.22};
static const int a_vol[] = {RPT_LEFT, RPT_RIGHT, RPT_RIGHT, RPT_RIGHT};
static const double w_link[] = {0.20, 0.40, 0.40};
static const int a_link[] = {RPT_LEFT, RPT_RIGHT, RPT_RIGHT};
static const double w_unlinked[] = {0.18, 0.22, 0.18, 0.18, 0.24};
static const int a_unlinked[] = {RPT_LEFT, RPT_LEFT, RPT_RIGHT, RPT_RIGHT, RPT_RIGHT};
static const double w_unlinked_type[] = {0.28, 0.24, 0.24, 0.24};
static const int a_unlinked_type[] = {RPT_LEFT, RPT_RIGHT, RPT_RIGHT, RPT_RIGHT};
static const double w_missing[] = {0.30, 0.70};
static const int a_missing[] = {RPT_LEFT, RPT_LEFT};

/* ---- small helpers ----------------------------------------------------------------------- */

/*
 * Text from the ledger or `afgewezen` for a table cell: pango markup escaped, and any run of seven or more
 * hexadecimal characters cut to its first six and "…". Values are masked at ingest (a pseudonym shows as six
 * characters and "…"); this keeps it so even if something unmasked ever reached the table, and never unmasks.
 */
static void safe_text(char *out, size_t cap, const char *s)
{
    char tmp[1024];
    size_t o = 0;
    /* room for a cut run (six characters and the three bytes of …) and the NUL */
    while (*s && o + 10 < sizeof tmp) {
        size_t run = 0;
        while (s[run] && strchr("0123456789abcdefABCDEF", s[run]))
            run++;
        if (run >= 7) {
            memcpy(tmp + o, s, 6);
            memcpy(tmp + o + 6, "…", 3);
            o += 9;
            s += run;
        } else if (run > 0) {
            size_t n = run < sizeof tmp - 1 - o ? run : sizeof tmp - 1 - o;
            memcpy(tmp + o, s, n);
            o += n;
            s += run;
        } else {
            tmp[o++] = *s++;
        }
    }
    /* a text cut short ends before a character it could not hold whole: pango wants valid UTF-8 */
    if (*s) {
        size_t lead = o;
        while (lead > 0 && ((unsigned char)tmp[lead - 1] & 0xC0) == 0x80)
            lead--;
        if (lead > 0 && ((unsigned char)tmp[lead - 1] & 0x80)) {
            unsigned char c = (unsigned char)tmp[lead - 1];
            size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
            if (o - (lead - 1) < need)
                o = lead - 1;
        }
    }
    tmp[o] = '\0';
    rpt_markup_escape(out, cap, tmp);
}

/* The words of a reason code ("date" → "geen geldige datum"): a row's reason, or a refused file's. */
static const char *reason_words(const char *code, int row_level, int en)
{
    /* some ids are shared by a file and a row reason (syntax, encoding): look where they are meant first */
    for (int pass = 0; pass < 2; pass++)
        for (int s = 0; s < KR_STATUS_COUNT; s++) {
            int row = s >= KR_R_FIELDS && s < KR_W_UNKNOWN_COLUMN;
            if (pass == 0 && row != row_level)
                continue;
            if (strcmp(kr_status_id((kr_status)s), code) == 0)
                return en ? kr_strerror((kr_status)s) : kr_strerror_nl((kr_status)s);
        }
    return "";
}

static const char *status_word(const char *status, int en)
{
    for (size_t i = 0; i < NSTATUS; i++)
        if (strcmp(statuses[i], status) == 0)
            return en ? statuses_en[i] : statuses[i];
    return status;
}

/* "2026-01-14T10:00:00Z" → "14 januari 2026". */
static void ledger_date(char *out, size_t cap, const char *iso, int en)
{
    kr_date d = KR_NO_DATE;
    if (strlen(iso) < 10 || kr_date_parse(iso, 10, &d) != KR_OK)
        d = KR_NO_DATE;
    rpt_date_long(out, cap, d, en);
}

/* A statement of the ledger, with ?1 the region, ?2 the period and ?3 the peildatum bound where used. */
static kr_status prepare(kwal *K, const char *sql, sqlite3_stmt **st)
{
    rpt_ctx *ctx = K->ctx;
    *st = NULL;
    if (sqlite3_prepare_v2(ctx->o->db, sql, -1, st, NULL) != SQLITE_OK) {
        (void)snprintf(
            ctx->err, ctx->errcap, "%s: %s",
            RPT_T(ctx->en, "het leveringsregister kon niet worden gelezen", "the delivery ledger could not be read"),
            sqlite3_errmsg(ctx->o->db));
        sqlite3_finalize(*st);
        *st = NULL;
        return KR_EDB;
    }
    int n = sqlite3_bind_parameter_count(*st);
    if (n >= 1)
        sqlite3_bind_text(*st, 1, ctx->regio, -1, SQLITE_STATIC);
    if (n >= 2)
        sqlite3_bind_text(*st, 2, ctx->periode.label, -1, SQLITE_STATIC);
    if (n >= 3)
        sqlite3_bind_text(*st, 3, K->peil, -1, SQLITE_STATIC);
    return KR_OK;
}

static kr_status step_done(kwal *K, sqlite3_stmt *st, int s)
{
    if (s == SQLITE_DONE)
        return KR_OK;
    (void)snprintf(
        K->ctx->err, K->ctx->errcap, "%s: %s",
        RPT_T(K->ctx->en, "het leveringsregister kon niet worden gelezen", "the delivery ledger could not be read"),
        sqlite3_errmsg(sqlite3_db_handle(st)));
    return KR_EDB;
}

/* A count the Dutch way into a table cell. */
static kr_status cell_count(rpt_table *t, long long n, int suppressed, int en)
{
    char v[48];
    rpt_count(v, sizeof v, n, suppressed, en);
    return rpt_table_cell(t, v);
}

/* A cell of escaped text. */
static kr_status cell_text(rpt_table *t, const char *s)
{
    char esc[1200];
    safe_text(esc, sizeof esc, s);
    return rpt_table_cell(t, esc);
}

/* Whether r is a row of the report's region and site '*' in the report's period, for indicator id and groep. */
static int is_row(const kwal *K, const rpt_row *r, const char *id, const char *groep)
{
    return strcmp(r->indicator, id) == 0 && strcmp(r->regio, K->ctx->regio) == 0 && strcmp(r->site, "*") == 0 &&
           strcmp(r->groep, groep) == 0 && strcmp(r->periode, K->ctx->periode.label) == 0;
}

/* The first row of indicator id in the sorted table (or nrows). */
static size_t first_of(const rpt_data *D, const char *id)
{
    size_t lo = 0, hi = D->nrows;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(D->rows[mid].indicator, id) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* A level-2 heading that keeps at least keep points of what follows on its page. */
static void subheading(rpt_doc *d, const char *text, double keep)
{
    rpt_doc_need(d, keep);
    rpt_doc_heading(d, 2, text, 0);
}

/* ---- 1. the ledger ------------------------------------------------------------------------ */

static kr_status plan_ledger(kwal *K)
{
    const int en = K->ctx->en;
    sqlite3_stmt *st = NULL;
    kr_status rc;
    int s;
    long long tot[NSTATUS + 1] = {0};

    K->h_status[0] = RPT_T(en, "Soort extract", "Extract type");
    for (size_t i = 0; i < NSTATUS; i++)
        K->h_status[i + 1] = en ? statuses_en[i] : statuses[i];
    K->h_status[NSTATUS + 1] = RPT_T(en, "totaal", "total");
    rpt_table_init(&K->t_status, NSTATUS + 2, w_status, a_status, K->h_status);
    if ((rc = prepare(
             K,
             "SELECT l.type, sum(l.status = 'actief'), sum(l.status = 'vervangen'), sum(l.status = 'geweigerd'), "
             "sum(l.status = 'ingetrokken'), count(*), min(l.ingelezen_op), max(l.ingelezen_op) "
             "FROM levering l WHERE " EXTRACT " AND " IN_REGION " GROUP BY l.type ORDER BY l.type",
             &st)) != KR_OK)
        return rc;
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        (void)cell_text(&K->t_status, kr_column_text(st, 0));
        for (int c = 1; c <= (int)NSTATUS + 1; c++) {
            long long n = sqlite3_column_int64(st, c);
            tot[c - 1] += n;
            (void)cell_count(&K->t_status, n, 0, en);
        }
        const char *a = kr_column_text(st, 6), *b = kr_column_text(st, 7);
        if (strlen(a) >= 10 && (!K->first_in[0] || strncmp(a, K->first_in, 10) < 0))
            (void)snprintf(K->first_in, sizeof K->first_in, "%.10s", a);
        if (strlen(b) >= 10 && strncmp(b, K->last_in, 10) > 0)
            (void)snprintf(K->last_in, sizeof K->last_in, "%.10s", b);
    }
    rc = step_done(K, st, s);
    sqlite3_finalize(st);
    if (rc != KR_OK)
        return rc;
    if (K->t_status.nrows > 1) {
        (void)rpt_table_cellf(&K->t_status, "<b>%s</b>", RPT_T(en, "totaal", "total"));
        for (size_t c = 0; c <= NSTATUS; c++) {
            char v[48];
            rpt_count(v, sizeof v, tot[c], 0, en);
            (void)rpt_table_cellf(&K->t_status, "<b>%s</b>", v);
        }
    }

    /* reference data: one count, the registry is the same for every region */
    if ((rc = prepare(K,
                      "SELECT count(*), coalesce(sum(l.status = 'actief'), 0) FROM levering l WHERE NOT (" EXTRACT ")",
                      &st)) != KR_OK)
        return rc;
    if ((s = sqlite3_step(st)) == SQLITE_ROW) {
        K->ref_deliveries = sqlite3_column_int64(st, 0);
        K->ref_active = sqlite3_column_int64(st, 1);
        s = SQLITE_DONE;
    }
    rc = step_done(K, st, s);
    sqlite3_finalize(st);
    if (rc != KR_OK)
        return rc;

    /* rows of the active deliveries: the period reported, and all periods */
    K->h_rows[0] = RPT_T(en, "Soort extract", "Extract type");
    K->h_rows[1] = RPT_T(en, "leveringen", "deliveries");
    K->h_rows[2] = RPT_T(en, "rijen gelezen", "rows read");
    K->h_rows[3] = RPT_T(en, "geaccepteerd", "accepted");
    K->h_rows[4] = RPT_T(en, "afgewezen", "rejected");
    K->h_rows[5] = RPT_T(en, "lege rijen overgeslagen", "empty rows skipped");
    for (int all = 0; all <= 1; all++) {
        rpt_table *t = all ? &K->t_rows_all : &K->t_rows;
        long long sum[5] = {0};
        rpt_table_init(t, 6, w_rows, a_rows, K->h_rows);
        if ((rc =
                 prepare(K,
                         all ? "SELECT l.type, count(*), sum(l.rows_read), sum(l.rows_accepted), sum(l.rows_rejected), "
                               "sum(l.rows_skipped) FROM levering l WHERE l.status = 'actief' AND " EXTRACT
                               " AND " IN_REGION " GROUP BY l.type ORDER BY l.type"
                             : "SELECT l.type, count(*), sum(l.rows_read), sum(l.rows_accepted), sum(l.rows_rejected), "
                               "sum(l.rows_skipped) FROM levering l WHERE l.status = 'actief' AND " EXTRACT
                               " AND " IN_REGION " AND " IN_PERIOD " GROUP BY l.type ORDER BY l.type",
                         &st)) != KR_OK)
            return rc;
        while ((s = sqlite3_step(st)) == SQLITE_ROW) {
            (void)cell_text(t, kr_column_text(st, 0));
            for (int c = 1; c <= 5; c++) {
                long long n = sqlite3_column_int64(st, c);
                sum[c - 1] += n;
                (void)cell_count(t, n, 0, en);
            }
        }
        rc = step_done(K, st, s);
        sqlite3_finalize(st);
        if (rc != KR_OK)
            return rc;
        if (t->nrows > 1) {
            (void)rpt_table_cellf(t, "<b>%s</b>", RPT_T(en, "totaal", "total"));
            for (size_t c = 0; c < 5; c++) {
                char v[48];
                rpt_count(v, sizeof v, sum[c], 0, en);
                (void)rpt_table_cellf(t, "<b>%s</b>", v);
            }
        }
    }

    /* the refused files, oldest first */
    K->h_refused[0] = RPT_T(en, "Bestand (organisatie, periode)", "File (organisation, period)");
    K->h_refused[1] = RPT_T(en, "Ingelezen", "Read in");
    K->h_refused[2] = RPT_T(en, "Reden", "Reason");
    rpt_table_init(&K->t_refused, 3, w_refused, a_refused, K->h_refused);
    if ((rc = prepare(K,
                      "SELECT l.bestand, coalesce(l.organisatie, ''), coalesce(l.periode, ''), l.ingelezen_op, "
                      "coalesce(l.reden_code, ''), coalesce(l.reden, '') FROM levering l "
                      "WHERE l.status = 'geweigerd' AND " IN_REGION " ORDER BY l.id",
                      &st)) != KR_OK)
        return rc;
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        char d[64], code[200], words[400], detail[1200], file[600], org[200], per[40];
        /* the organisation and period of the ledger, which need not be those of the file name */
        safe_text(file, sizeof file, kr_column_text(st, 0));
        safe_text(org, sizeof org, kr_column_text(st, 1)[0] ? kr_column_text(st, 1) : "–");
        safe_text(per, sizeof per, kr_column_text(st, 2)[0] ? kr_column_text(st, 2) : "–");
        (void)rpt_table_cellf(&K->t_refused, "%s\n<i>%s · %s</i>", file, org, per);
        ledger_date(d, sizeof d, kr_column_text(st, 3), en);
        (void)rpt_table_cell(&K->t_refused, d);
        safe_text(code, sizeof code, kr_column_text(st, 4));
        safe_text(words, sizeof words, reason_words(kr_column_text(st, 4), 0, en));
        safe_text(detail, sizeof detail, kr_column_text(st, 5));
        /* the ledger keeps the ETL's message in English: the Dutch report gives the Dutch words of its code
           first, and the message (with the column it names) under it; the code starts a line, so that it is
           not broken at its hyphen */
        if (en)
            (void)rpt_table_cellf(&K->t_refused, "%s\n(<tt>%s</tt>)", detail, code);
        else
            (void)rpt_table_cellf(&K->t_refused, "%s\n(<tt>%s</tt>)\n<i>melding: %s</i>", words[0] ? words : code, code,
                                  detail);
    }
    rc = step_done(K, st, s);
    sqlite3_finalize(st);
    if (rc != KR_OK)
        return rc;

    /* the latest delivery of every organisation of the region in the registry */
    K->h_latest[0] = RPT_T(en, "Organisatie", "Organisation");
    K->h_latest[1] = RPT_T(en, "Laatste levering", "Latest delivery");
    K->h_latest[2] = RPT_T(en, "Ingelezen", "Read in");
    K->h_latest[3] = RPT_T(en, "Laatste periode (actief)", "Latest period (active)");
    K->h_latest[4] = RPT_T(en, "Actieve leveringen", "Active deliveries");
    rpt_table_init(&K->t_latest, 5, w_latest, a_latest, K->h_latest);
    if ((rc = prepare(
             K,
             "SELECT o.code, o.naam, coalesce(l.bestand, ''), coalesce(l.status, ''), coalesce(l.ingelezen_op, ''), "
             "coalesce((SELECT x.periode FROM levering x WHERE x.organisatie = o.code AND x.status = 'actief' "
             "ORDER BY x.periode_eind DESC, x.id DESC LIMIT 1), ''), "
             "(SELECT count(*) FROM levering x WHERE x.organisatie = o.code AND x.status = 'actief') "
             "FROM organisaties o LEFT JOIN levering l ON l.id = "
             "(SELECT max(y.id) FROM levering y WHERE y.organisatie = o.code) "
             "WHERE ?1 = '*' OR o.regio = ?1 ORDER BY o.code",
             &st)) != KR_OK)
        return rc;
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        char code[200], naam[400], file[600], d[64];
        safe_text(code, sizeof code, kr_column_text(st, 0));
        safe_text(naam, sizeof naam, kr_column_text(st, 1));
        (void)rpt_table_cellf(&K->t_latest, "%s\n<i>%s</i>", code, naam);
        if (kr_column_text(st, 2)[0]) {
            safe_text(file, sizeof file, kr_column_text(st, 2));
            (void)rpt_table_cellf(&K->t_latest, "%s\n<i>%s</i>", file, status_word(kr_column_text(st, 3), en));
            ledger_date(d, sizeof d, kr_column_text(st, 4), en);
            (void)rpt_table_cell(&K->t_latest, d);
        } else {
            (void)rpt_table_cellf(&K->t_latest, "<i>%s</i>", RPT_T(en, "nog nooit geleverd", "never delivered"));
            (void)rpt_table_cell(&K->t_latest, "–");
        }
        (void)cell_text(&K->t_latest, kr_column_text(st, 5)[0] ? kr_column_text(st, 5) : "–");
        (void)cell_count(&K->t_latest, sqlite3_column_int64(st, 6), 0, en);
    }
    rc = step_done(K, st, s);
    sqlite3_finalize(st);
    return rc;
}

static void section_ledger(rpt_doc *d, kwal *K)
{
    const int en = K->ctx->en;
    char s[900], a[64], b[64], n1[48], n2[48];
    rpt_doc_heading(d, 1, RPT_T(en, "1. Het leveringsregister", "1. The delivery ledger"), 1);
    ledger_date(a, sizeof a, K->first_in, en);
    ledger_date(b, sizeof b, K->last_in, en);
    rpt_count(n1, sizeof n1, K->ref_deliveries, 0, en);
    rpt_count(n2, sizeof n2, K->ref_active, 0, en);
    if (K->first_in[0])
        (void)snprintf(
            s, sizeof s,
            en ? "Every file offered to kansrijk is in the ledger, whatever became of it: active (stored and "
                 "counted), replaced by a correction, refused whole, or withdrawn. These are the extract "
                 "deliveries of %s read in from %s to %s. Besides them the ledger holds %s deliveries of "
                 "reference data (%s active)."
               : "Elk bestand dat kansrijk aangeboden kreeg staat in het register, wat er ook van werd: actief "
                 "(opgeslagen en meegeteld), vervangen door een correctie, geheel geweigerd of ingetrokken. "
                 "Dit zijn de leveringen van extracten van %s, ingelezen van %s tot en met %s. Daarnaast "
                 "telt het register %s leveringen van referentiegegevens (%s actief).",
            rpt_place_name(K->ctx->data, K->ctx->regio, en), a, b, n1, n2);
    else
        (void)snprintf(s, sizeof s, "%s",
                       RPT_T(en, "Het register heeft geen leveringen van extracten van deze regio.",
                             "The ledger has no extract deliveries of this region."));
    rpt_doc_text(d, s, 9.5);
    subheading(d, RPT_T(en, "Leveringen per soort en status", "Deliveries by type and status"), 130);
    if (K->t_status.nrows)
        rpt_doc_table(d, &K->t_status);

    subheading(d, RPT_T(en, "Rijen van de actieve leveringen", "Rows of the active deliveries"), 130);
    (void)snprintf(s, sizeof s,
                   en ? "Deliveries for %s (a quarter also counts in its year), as read by the ETL:"
                      : "Leveringen voor %s (een kwartaal telt ook in zijn jaar), zoals de ETL ze las:",
                   K->ctx->periode.label);
    if (K->t_rows.nrows) {
        rpt_doc_need(d, 70); /* the sentence stays with its table */
        rpt_doc_text(d, s, 9.5);
        rpt_doc_table(d, &K->t_rows);
    } else {
        (void)snprintf(s, sizeof s, en ? "No extract was delivered for %s." : "Voor %s is geen extract geleverd.",
                       K->ctx->periode.label);
        rpt_doc_text(d, s, 9.5);
    }
    rpt_doc_need(d, 70);
    rpt_doc_text(d, RPT_T(en, "Alle perioden samen:", "All periods together:"), 9.5);
    if (K->t_rows_all.nrows)
        rpt_doc_table(d, &K->t_rows_all);

    subheading(d, RPT_T(en, "Geweigerde bestanden", "Refused files"), 130);
    if (K->t_refused.nrows) {
        rpt_doc_text(
            d,
            RPT_T(en, "Van een geweigerd bestand is niets opgeslagen; de partner moet het verbeterd opnieuw sturen.",
                  "Nothing of a refused file was stored; the partner has to send it again once fixed."),
            9.5);
        rpt_doc_table(d, &K->t_refused);
    } else {
        rpt_doc_text(d, RPT_T(en, "Er is geen bestand geweigerd.", "No file was refused."), 9.5);
    }

    subheading(d, RPT_T(en, "Laatste levering per organisatie", "Latest delivery per organisation"), 130);
    if (K->t_latest.nrows)
        rpt_doc_table(d, &K->t_latest);
    else
        rpt_doc_text(d,
                     RPT_T(en, "Het register heeft geen organisaties van deze regio.",
                           "The registry has no organisations of this region."),
                     9.5);
}

/* ---- 2. rejected rows ---------------------------------------------------------------------- */

static int cmp_teller_desc(const void *a, const void *b)
{
    const rpt_row *x = *(const rpt_row *const *)a, *y = *(const rpt_row *const *)b;
    if (x->teller != y->teller)
        return x->teller < y->teller ? 1 : -1;
    return strcmp(x->groepwaarde, y->groepwaarde);
}

static kr_status plan_rejected(kwal *K)
{
    rpt_ctx *ctx = K->ctx;
    rpt_data *D = ctx->data;
    const int en = ctx->en;
    sqlite3_stmt *st = NULL;
    size_t cap = 0;
    kr_status rc = KR_OK;
    int s;

    /* organisation × type × first reason from `afgewezen`: the outcome table has no such rows (docs/kwaliteit.md);
       a row with several problems counts under its first, as the engine counts it */
    if ((rc = prepare(K,
                      "SELECT l.organisatie, l.type, a.code, count(*) FROM (SELECT levering_id, code, min(id) "
                      "FROM afgewezen GROUP BY levering_id, regel) a JOIN levering l ON l.id = a.levering_id "
                      "WHERE l.status = 'actief' AND l.organisatie IS NOT NULL AND " IN_REGION " AND " IN_PERIOD
                      " GROUP BY 1, 2, 3 ORDER BY 1, 2, 4 DESC, 3",
                      &st)) != KR_OK)
        return rc;
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        if (K->nreasons == cap) {
            size_t nc = cap ? cap * 2 : 64;
            reason_count *p = realloc(K->reasons, nc * sizeof *p);
            if (!p) {
                sqlite3_finalize(st);
                return KR_ENOMEM;
            }
            K->reasons = p;
            cap = nc;
        }
        reason_count *r = &K->reasons[K->nreasons];
        r->org = rpt_intern(D, kr_column_text(st, 0));
        r->type = rpt_intern(D, kr_column_text(st, 1));
        r->code = rpt_intern(D, kr_column_text(st, 2));
        r->n = sqlite3_column_int64(st, 3);
        if (!r->org || !r->type || !r->code) {
            sqlite3_finalize(st);
            return KR_ENOMEM;
        }
        K->nreasons++;
    }
    rc = step_done(K, st, s);
    sqlite3_finalize(st);
    if (rc != KR_OK)
        return rc;

    /* per organisation and type, from the outcome rows, with their first reasons beside them */
    K->h_afg[0] = RPT_T(en, "Organisatie", "Organisation");
    K->h_afg[1] = RPT_T(en, "Soort extract", "Extract type");
    K->h_afg[2] = RPT_T(en, "Datarijen gelezen", "Data rows read");
    K->h_afg[3] = RPT_T(en, "Afgewezen", "Rejected");
    K->h_afg[4] = RPT_T(en, "Eerste reden (rijen)", "First reason (rows)");
    rpt_table_init(&K->t_afg, 5, w_afg, a_afg, K->h_afg);
    const rpt_row *orgs[128];
    const char *org_labels[128];
    size_t norgs = 0;
    for (size_t i = first_of(D, "kwaliteit.afgewezen"); i < D->nrows; i++) {
        const rpt_row *r = &D->rows[i];
        if (strcmp(r->indicator, "kwaliteit.afgewezen") != 0)
            break;
        if (is_row(K, r, "kwaliteit.afgewezen", "organisatie") && norgs < 128) {
            org_labels[norgs] = r->groepwaarde;
            orgs[norgs++] = r;
        }
    }
    for (size_t o = 0; o < norgs; o++)
        for (size_t t = 0; t < NXTYPES; t++) {
            char id[80];
            (void)snprintf(id, sizeof id, "kwaliteit.afgewezen.%s", xtypes[t]);
            const rpt_row *r = rpt_get(D, id, ctx->regio, "*", "organisatie", org_labels[o], ctx->periode.label);
            if (!r || r->teller == 0)
                continue;
            kr_buf why;
            kr_buf_init(&why, 4096);
            for (size_t k = 0; k < K->nreasons; k++) {
                const reason_count *q = &K->reasons[k];
                if (strcmp(q->org, org_labels[o]) != 0 || strcmp(q->type, xtypes[t]) != 0)
                    continue;
                char code[120], n[48];
                safe_text(code, sizeof code, q->code);
                rpt_count(n, sizeof n, q->n, 0, en);
                (void)kr_buf_printf(&why, "%s<tt>%s</tt> %s", why.len ? ", " : "", code, n);
            }
            (void)cell_text(&K->t_afg, org_labels[o]);
            (void)rpt_table_cell(&K->t_afg, xtypes[t]);
            (void)cell_count(&K->t_afg, r->noemer, r->suppressed, en);
            (void)cell_count(&K->t_afg, r->teller, r->suppressed, en);
            (void)rpt_table_cell(&K->t_afg, why.len ? why.data : "–");
            kr_buf_fini(&why);
        }

    /* per reason, most rows first */
    K->h_why[0] = RPT_T(en, "Reden", "Reason");
    K->h_why[1] = RPT_T(en, "Betekenis", "Meaning");
    K->h_why[2] = RPT_T(en, "Afgewezen rijen", "Rejected rows");
    rpt_table_init(&K->t_why, 3, w_why, a_why, K->h_why);
    const rpt_row *why[64] = {0};
    size_t nwhy = 0;
    for (size_t i = first_of(D, "kwaliteit.afgewezen"); i < D->nrows && nwhy < 64; i++) {
        const rpt_row *r = &D->rows[i];
        if (strcmp(r->indicator, "kwaliteit.afgewezen") != 0)
            break;
        if (is_row(K, r, "kwaliteit.afgewezen", "reden"))
            why[nwhy++] = r;
    }
    qsort(why, nwhy, sizeof why[0], cmp_teller_desc);
    for (size_t i = 0; i < nwhy; i++) {
        char code[120];
        safe_text(code, sizeof code, why[i]->groepwaarde);
        (void)rpt_table_cellf(&K->t_why, "<tt>%s</tt>", code);
        (void)cell_text(&K->t_why, reason_words(why[i]->groepwaarde, 1, en));
        (void)cell_count(&K->t_why, why[i]->teller, why[i]->suppressed, en);
    }

    /* up to three masked example lines per reason, from as many files as there are */
    K->h_examples[0] = RPT_T(en, "Reden", "Reason");
    K->h_examples[1] = RPT_T(en, "Bestand, regel en kolom", "File, line and column");
    K->h_examples[2] = RPT_T(en, "Waarde (gemaskeerd)", "Value (masked)");
    K->h_examples[3] = RPT_T(en, "Melding", "Message");
    rpt_table_init(&K->t_examples, 4, w_examples, a_examples, K->h_examples);
    if ((rc = prepare(K, en ? EXAMPLES("melding") : EXAMPLES("melding_nl"), &st)) != KR_OK)
        return rc;
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        char file[600], kolom[200], n[48], code[120];
        safe_text(code, sizeof code, kr_column_text(st, 0));
        (void)rpt_table_cellf(&K->t_examples, "<tt>%s</tt>", code);
        safe_text(file, sizeof file, kr_column_text(st, 1));
        safe_text(kolom, sizeof kolom, kr_column_text(st, 3));
        /* a line number is a place, not an amount: no thousands separator */
        (void)snprintf(n, sizeof n, "%lld", (long long)sqlite3_column_int64(st, 2));
        (void)rpt_table_cellf(&K->t_examples, "%s\n<i>%s %s%s%s</i>", file, RPT_T(en, "regel", "line"), n,
                              kolom[0] ? RPT_T(en, ", kolom ", ", column ") : "", kolom);
        (void)cell_text(&K->t_examples, kr_column_text(st, 4)[0] ? kr_column_text(st, 4) : "–");
        (void)cell_text(&K->t_examples, kr_column_text(st, 5));
    }
    rc = step_done(K, st, s);
    sqlite3_finalize(st);
    if (rc != KR_OK)
        return rc;

    if (!norgs)
        return KR_OK;
    K->ch_afg = rpt_plot_counts(ctx->charts, "kwaliteit-2-afgewezen",
                                RPT_T(en, "Afgewezen rijen per organisatie", "Rejected rows per organisation"), orgs,
                                org_labels, norgs, RPT_T(en, "afgewezen rijen", "rejected rows"), en, 483, 190);
    return K->ch_afg ? KR_OK : KR_ENOMEM;
}

static void section_rejected(rpt_doc *d, kwal *K)
{
    const int en = K->ctx->en;
    const rpt_row *t = rpt_total(K->ctx->data, "kwaliteit.afgewezen", K->ctx->regio, K->ctx->periode.label);
    char s[900], a[48], b[48];
    rpt_doc_heading(d, 1, RPT_T(en, "2. Afgewezen rijen", "2. Rejected rows"), 1);
    if (!t) {
        (void)snprintf(s, sizeof s,
                       en ? "No extract rows were read for %s: there is nothing to reject."
                          : "Voor %s zijn geen rijen van extracten gelezen: er is niets afgewezen.",
                       K->ctx->periode.label);
        rpt_doc_text(d, s, 9.5);
        return;
    }
    rpt_count(a, sizeof a, t->teller, t->suppressed, en);
    rpt_count(b, sizeof b, t->noemer, t->suppressed, en);
    (void)snprintf(s, sizeof s,
                   en ? "Of the %s data rows read for %s, %s were rejected: the rest of their file was stored, these "
                        "rows were not. A row with several problems counts once, under the first reason found; the "
                        "partner's feedback file (ingest --terugkoppeling) lists every problem."
                      : "Van de %s gelezen datarijen voor %s zijn er %s afgewezen: de rest van hun bestand is "
                        "opgeslagen, deze rijen niet. Een rij met meer problemen telt één keer, onder de eerste "
                        "reden; het terugkoppelbestand voor de partner (ingest --terugkoppeling) noemt ze allemaal.",
                   b, K->ctx->periode.label, a);
    rpt_doc_text(d, s, 9.5);
    if (K->ch_afg) {
        (void)snprintf(s, sizeof s, "%s, %s", K->ch_afg->title, K->ctx->periode.label);
        subheading(d, s, K->ch_afg->height + 30);
        rpt_doc_chart(d, K->ch_afg, 0);
    }
    subheading(d, RPT_T(en, "Per organisatie en soort", "By organisation and type"), 130);
    if (K->t_afg.nrows) {
        rpt_doc_text(d,
                     RPT_T(en, "Organisaties en soorten zonder afgewezen rijen staan er niet in.",
                           "Organisations and types without rejected rows are left out."),
                     9.5);
        rpt_doc_table(d, &K->t_afg);
    } else {
        rpt_doc_text(d, RPT_T(en, "Er is geen rij afgewezen.", "No row was rejected."), 9.5);
    }
    if (K->t_why.nrows) {
        subheading(d, RPT_T(en, "Per reden", "By reason"), 130);
        rpt_doc_table(d, &K->t_why);
    }
    if (K->t_examples.nrows) {
        subheading(d, RPT_T(en, "Voorbeelden", "Examples"), 130);
        rpt_doc_text(
            d,
            RPT_T(en,
                  "Tot drie afgewezen regels per reden, uit verschillende bestanden waar die er zijn. Waarden "
                  "staan er gemaskeerd zoals ze zijn opgeslagen: een pseudoniem als de eerste zes tekens en …, "
                  "een direct identificerend gegeven als [verborgen].",
                  "Up to three rejected lines per reason, from different files where there are. Values are "
                  "masked as they were stored: a pseudonym shows as its first six characters and …, a "
                  "direct identifier as [verborgen]."),
            9.5);
        rpt_doc_table(d, &K->t_examples);
    }
}

/* ---- 3. completeness ------------------------------------------------------------------------ */

static kr_status plan_completeness(kwal *K)
{
    const rpt_data *D = K->ctx->data;
    const int en = K->ctx->en;
    K->h_vol[0] = RPT_T(en, "Soort en kolom", "Type and column");
    K->h_vol[1] = RPT_T(en, "Gevuld", "Filled");
    K->h_vol[2] = RPT_T(en, "Rijen met een waarde", "Rows with a value");
    K->h_vol[3] = RPT_T(en, "Actuele rijen", "Current rows");
    rpt_table_init(&K->t_vol, 4, w_vol, a_vol, K->h_vol);
    /* one table (its header repeats on every page it crosses), a bold row naming each type */
    for (size_t t = 0; t < NXTYPES; t++) {
        char id[80];
        (void)snprintf(id, sizeof id, "kwaliteit.volledigheid.%s", xtypes[t]);
        (void)rpt_table_cellf(&K->t_vol, "<b>%s</b>", xtypes[t]);
        (void)rpt_table_cell(&K->t_vol, "");
        (void)rpt_table_cell(&K->t_vol, "");
        (void)rpt_table_cell(&K->t_vol, "");
        size_t before = K->t_vol.nrows;
        for (size_t i = first_of(D, id); i < D->nrows; i++) {
            const rpt_row *r = &D->rows[i];
            if (strcmp(r->indicator, id) != 0)
                break;
            if (!is_row(K, r, id, "kolom"))
                continue;
            char v[64], kolom[200];
            rpt_value(v, sizeof v, r, en);
            safe_text(kolom, sizeof kolom, r->groepwaarde);
            (void)rpt_table_cellf(&K->t_vol, "    %s", kolom);
            (void)rpt_table_cellf(&K->t_vol, "%s%s", v, r->voorlopig && !r->suppressed ? " *" : "");
            (void)cell_count(&K->t_vol, r->teller, r->suppressed, en);
            (void)cell_count(&K->t_vol, r->noemer, r->suppressed, en);
            if (r->suppressed)
                K->vol_hidden = 1;
        }
        if (K->t_vol.nrows == before) {
            (void)rpt_table_cellf(&K->t_vol, "    <i>%s</i>",
                                  RPT_T(en, "geen actuele rijen in deze periode", "no current rows in this period"));
            (void)rpt_table_cell(&K->t_vol, "–");
            (void)rpt_table_cell(&K->t_vol, "–");
            (void)rpt_table_cell(&K->t_vol, "–");
        } else {
            K->vol_types++;
        }
    }
    return KR_OK;
}

static void section_completeness(rpt_doc *d, kwal *K)
{
    const int en = K->ctx->en;
    char s[900];
    rpt_doc_heading(d, 1, RPT_T(en, "3. Volledigheid per kolom", "3. Column completeness"), 1);
    (void)snprintf(
        s, sizeof s,
        en ? "Per extract type: the share of current rows (the latest version of each record, dated by the "
             "peildatum) of the deliveries for %s that have a value in the column. Required columns are "
             "always 100 %%. A column filled only when something happened to a person (a death, an "
             "uitschrijving, an MDO held) counts persons and follows the disclosure rule: x where it is not "
             "shown."
           : "Per soort extract: het aandeel actuele rijen (de laatste versie van elk record, gedateerd tot "
             "en met de peildatum) van de leveringen voor %s met een waarde in de kolom. Verplichte kolommen "
             "zijn altijd 100 %%. Een kolom die alleen gevuld is als er iets met een persoon gebeurde "
             "(overlijden, uitschrijving, een gehouden MDO) telt personen en volgt de regel voor kleine "
             "aantallen: x waar hij niet getoond wordt.",
        K->ctx->periode.label);
    rpt_doc_text(d, s, 9.5);
    if (K->vol_hidden)
        rpt_legend(d, en);
    if (K->vol_types)
        rpt_doc_table(d, &K->t_vol);
    else {
        (void)snprintf(s, sizeof s,
                       en ? "No current rows of any extract type for %s."
                          : "Geen actuele rijen van enige soort extract voor %s.",
                       K->ctx->periode.label);
        rpt_doc_text(d, s, 9.5);
    }
}

/* ---- 4. linkage ---------------------------------------------------------------------------- */

static kr_status plan_linkage(kwal *K)
{
    rpt_ctx *ctx = K->ctx;
    const rpt_data *D = ctx->data;
    const int en = ctx->en;
    const char *R = ctx->regio;
    kr_period q[8];
    char year[8];
    (void)snprintf(year, sizeof year, "%.4s", ctx->periode.label);

    K->h_link[0] = RPT_T(en, "Periode", "Period");
    K->h_link[1] = RPT_T(en, "Route 2 en 3 met een JGZ-record", "Routes 2 and 3 with a JGZ record");
    K->h_link[2] = RPT_T(en, "Bevallingen gekoppeld aan een zwangerschap", "Births linked to a pregnancy");
    rpt_table_init(&K->t_link, 3, w_link, a_link, K->h_link);
    rpt_quarters(&ctx->periode, 8, q);
    for (size_t i = 0; i < 9; i++) {
        const char *p = i < 8 ? q[i].label : year;
        const rpt_row *j = rpt_total(D, "kwaliteit.koppeling.jgz", R, p);
        const rpt_row *b = rpt_total(D, "kwaliteit.koppeling.bevalling", R, p);
        if (!j && !b)
            continue;
        char vj[120], vb[120];
        rpt_value_ci(vj, sizeof vj, j, en);
        rpt_value_ci(vb, sizeof vb, b, en);
        if (i < 8)
            (void)rpt_table_cell(&K->t_link, p);
        else
            (void)rpt_table_cellf(&K->t_link, "<b>%s %s</b>", RPT_T(en, "heel", "all of"), p);
        (void)rpt_table_cellf(&K->t_link, "%s%s", vj, j && j->voorlopig && !j->suppressed ? " *" : "");
        (void)rpt_table_cellf(&K->t_link, "%s%s", vb, b && b->voorlopig && !b->suppressed ? " *" : "");
    }
    rpt_series_load(D, "kwaliteit.koppeling.jgz", R, "totaal", "", &ctx->periode, 12, &K->s_jgz);
    rpt_series_load(D, "kwaliteit.koppeling.bevalling", R, "totaal", "", &ctx->periode, 12, &K->s_bev);
    /* a chart only of a series with rows (gnuplot refuses a plot without data) */
    if (K->s_jgz.k &&
        !(K->ch_jgz = rpt_plot_line(ctx->charts, "kwaliteit-4-koppeling-jgz",
                                    RPT_T(en, "Route 2 en 3 met een JGZ-record", "Routes 2 and 3 with a JGZ record"),
                                    &K->s_jgz, NAN, NULL, en, 483, 165)))
        return KR_ENOMEM;
    if (K->s_bev.k && !(K->ch_bev = rpt_plot_line(
                            ctx->charts, "kwaliteit-4-koppeling-bevalling",
                            RPT_T(en, "Bevallingen gekoppeld aan een zwangerschap", "Births linked to a pregnancy"),
                            &K->s_bev, NAN, NULL, en, 483, 165)))
        return KR_ENOMEM;

    /* unlinked records per organisation and type, and per type */
    K->h_unlinked[0] = RPT_T(en, "Organisatie", "Organisation");
    K->h_unlinked[1] = RPT_T(en, "Soort extract", "Extract type");
    K->h_unlinked[2] = RPT_T(en, "Records", "Records");
    K->h_unlinked[3] = RPT_T(en, "Ongekoppeld", "Unlinked");
    K->h_unlinked[4] = RPT_T(en, "Aandeel ongekoppeld", "Share unlinked");
    rpt_table_init(&K->t_unlinked, 5, w_unlinked, a_unlinked, K->h_unlinked);
    K->h_unlinked_type[0] = RPT_T(en, "Soort extract", "Extract type");
    K->h_unlinked_type[1] = RPT_T(en, "Records", "Records");
    K->h_unlinked_type[2] = RPT_T(en, "Ongekoppeld", "Unlinked");
    K->h_unlinked_type[3] = RPT_T(en, "Aandeel ongekoppeld", "Share unlinked");
    rpt_table_init(&K->t_unlinked_type, 4, w_unlinked_type, a_unlinked_type, K->h_unlinked_type);
    const char *orgs[128];
    size_t norgs = 0;
    for (size_t i = first_of(D, "kwaliteit.koppeling.ongekoppeld"); i < D->nrows && norgs < 128; i++) {
        const rpt_row *r = &D->rows[i];
        if (strcmp(r->indicator, "kwaliteit.koppeling.ongekoppeld") != 0)
            break;
        if (is_row(K, r, "kwaliteit.koppeling.ongekoppeld", "organisatie"))
            orgs[norgs++] = r->groepwaarde;
    }
    for (size_t o = 0; o < norgs; o++)
        for (size_t t = 0; t < NXTYPES; t++) {
            char id[96], v[64];
            (void)snprintf(id, sizeof id, "kwaliteit.koppeling.ongekoppeld.%s", xtypes[t]);
            const rpt_row *r = rpt_get(D, id, R, "*", "organisatie", orgs[o], ctx->periode.label);
            if (!r || (!r->suppressed && r->teller == 0))
                continue;
            rpt_value(v, sizeof v, r, en);
            (void)cell_text(&K->t_unlinked, orgs[o]);
            (void)rpt_table_cell(&K->t_unlinked, xtypes[t]);
            (void)cell_count(&K->t_unlinked, r->noemer, r->suppressed, en);
            (void)cell_count(&K->t_unlinked, r->teller, r->suppressed, en);
            (void)rpt_table_cellf(&K->t_unlinked, "%s%s", v, r->voorlopig && !r->suppressed ? " *" : "");
        }
    for (size_t t = 0; t <= NXTYPES; t++) {
        char id[96], v[64];
        if (t < NXTYPES)
            (void)snprintf(id, sizeof id, "kwaliteit.koppeling.ongekoppeld.%s", xtypes[t]);
        else
            kr_strlcpy(id, "kwaliteit.koppeling.ongekoppeld", sizeof id);
        const rpt_row *r = rpt_total(D, id, R, ctx->periode.label);
        if (!r)
            continue;
        rpt_value(v, sizeof v, r, en);
        if (t < NXTYPES)
            (void)rpt_table_cell(&K->t_unlinked_type, xtypes[t]);
        else
            (void)rpt_table_cellf(&K->t_unlinked_type, "<b>%s</b>", RPT_T(en, "alle soorten", "all types"));
        (void)cell_count(&K->t_unlinked_type, r->noemer, r->suppressed, en);
        (void)cell_count(&K->t_unlinked_type, r->teller, r->suppressed, en);
        (void)rpt_table_cellf(&K->t_unlinked_type, "%s%s", v, r->voorlopig && !r->suppressed ? " *" : "");
    }
    return KR_OK;
}

/* "In 2025Q4: x; in heel 2025: 97,0 % (96,1–97,7)." — the year where the quarter is not shown. */
static void linkage_sentence(rpt_doc *d, kwal *K, const char *id, const char *what_nl, const char *what_en)
{
    const int en = K->ctx->en;
    const rpt_data *D = K->ctx->data;
    const char *P = K->ctx->periode.label;
    const rpt_row *r = rpt_total(D, id, K->ctx->regio, P);
    char s[700], v[120], yv[120], year[8];
    (void)snprintf(year, sizeof year, "%.4s", P);
    if (!r) {
        (void)snprintf(s, sizeof s,
                       en ? "%s: no row for %s (nobody in the cohort)."
                          : "%s: geen rij voor %s (niemand in het cohort).",
                       en ? what_en : what_nl, P);
    } else if (r->suppressed && strchr(P, 'Q')) {
        const rpt_row *y = rpt_total(D, id, K->ctx->regio, year);
        rpt_value_ci(yv, sizeof yv, y, en);
        if (y && !y->suppressed)
            (void)snprintf(s, sizeof s,
                           en ? "%s: in %s not shown (x); in all of %s instead: %s%s."
                              : "%s: in %s niet getoond (x); in heel %s: %s%s.",
                           en ? what_en : what_nl, P, year, yv, y->voorlopig ? " *" : "");
        else
            (void)snprintf(s, sizeof s,
                           en ? "%s: in %s and in all of %s not shown (x)."
                              : "%s: in %s en in heel %s niet getoond (x).",
                           en ? what_en : what_nl, P, year);
    } else {
        rpt_value_ci(v, sizeof v, r, en);
        (void)snprintf(s, sizeof s, en ? "%s in %s: %s%s." : "%s in %s: %s%s.", en ? what_en : what_nl, P, v,
                       r->voorlopig && !r->suppressed ? " *" : "");
    }
    rpt_doc_text(d, s, 9.5);
}

static void section_linkage(rpt_doc *d, kwal *K)
{
    const int en = K->ctx->en;
    char s[700];
    rpt_doc_heading(d, 1, RPT_T(en, "4. Koppeling", "4. Linkage"), 1);
    rpt_doc_text(d,
                 RPT_T(en,
                       "Hoe goed records van verschillende partners koppelen tot één traject per zwangerschap. Deze "
                       "percentages tellen personen en volgen de regel voor kleine aantallen; het cohort van een "
                       "kwartaal kan nog veranderen zolang het voorlopig is (*).",
                       "How well records of different partners link into one trajectory per pregnancy. These rates "
                       "count persons and follow the disclosure rule; a quarter's cohort can still change while "
                       "it is provisional (*)."),
                 9.5);
    linkage_sentence(d, K, "kwaliteit.koppeling.jgz", "Zwangerschappen in route 2 en 3 met een JGZ-record",
                     "Pregnancies in routes 2 and 3 with a JGZ record");
    linkage_sentence(d, K, "kwaliteit.koppeling.bevalling", "Bevallingen gekoppeld aan een zwangerschap",
                     "Births linked to a pregnancy");
    if (K->t_link.nrows)
        rpt_doc_table(d, &K->t_link);
    rpt_legend(d, en);
    const rpt_chart *charts[] = {K->ch_jgz, K->ch_bev};
    for (size_t i = 0; i < 2; i++)
        if (charts[i]) {
            subheading(d, charts[i]->title, charts[i]->height + 30);
            rpt_doc_chart(d, charts[i], 0);
        }
    subheading(d, RPT_T(en, "Ongekoppelde records", "Unlinked records"), 130);
    (void)snprintf(s, sizeof s,
                   en ? "Current records of the deliveries for %s, dated by the peildatum, that link to no trajectory. "
                        "These count records, not persons, and are shown as they are."
                      : "Actuele records van de leveringen voor %s, gedateerd tot en met de peildatum, die aan geen "
                        "traject gekoppeld zijn. Dit telt records, geen personen, en wordt getoond zoals het is.",
                   K->ctx->periode.label);
    rpt_doc_text(d, s, 9.5);
    if (K->t_unlinked_type.nrows) {
        rpt_doc_table(d, &K->t_unlinked_type);
        rpt_doc_need(d, 60);
        if (K->t_unlinked.nrows) {
            rpt_doc_text(d,
                         RPT_T(en, "Per organisatie, waar records ongekoppeld bleven (de andere hebben er geen):",
                               "Per organisation, where records stayed unlinked (the others have none):"),
                         9.5);
            rpt_doc_table(d, &K->t_unlinked);
        } else {
            rpt_doc_text(
                d, RPT_T(en, "Geen organisatie heeft ongekoppelde records.", "No organisation has unlinked records."),
                9.5);
        }
    } else {
        (void)snprintf(s, sizeof s, en ? "No current records for %s." : "Geen actuele records voor %s.",
                       K->ctx->periode.label);
        rpt_doc_text(d, s, 9.5);
    }
}

/* ---- 5. missing periods ------------------------------------------------------------------- */

/* The index of a quarter label (2025Q2 → 2025 * 4 + 1); -1 when it is not a quarter. */
static long quarter_index(const char *label)
{
    if (strlen(label) != 6 || label[4] != 'Q' || label[5] < '1' || label[5] > '4')
        return -1;
    char *end = NULL;
    long y = strtol(label, &end, 10);
    if (end != label + 4)
        return -1;
    return y * 4 + (label[5] - '1');
}

static kr_status plan_missing(kwal *K)
{
    rpt_ctx *ctx = K->ctx;
    const rpt_data *D = ctx->data;
    const int en = ctx->en;
    const char *id = "verankering.aanlevering.ontbreekt";
    kr_period lastq;
    kr_period_of(ctx->periode.last, 0, &lastq);
    long last = quarter_index(lastq.label);
    K->h_missing[0] = RPT_T(en, "Organisatie", "Organisation");
    K->h_missing[1] =
        RPT_T(en, "Ontbrekende kwartalen (ontbrekende leveringen)", "Missing quarters (missing deliveries)");
    rpt_table_init(&K->t_missing, 2, w_missing, a_missing, K->h_missing);
    size_t i = first_of(D, id);
    while (i < D->nrows && strcmp(D->rows[i].indicator, id) == 0) {
        const rpt_row *r = &D->rows[i];
        if (strcmp(r->regio, ctx->regio) != 0 || strcmp(r->site, "*") != 0 || strcmp(r->groep, "organisatie") != 0) {
            i++;
            continue;
        }
        /* the quarters of one organisation, oldest first: runs of consecutive quarters with the same count */
        const char *org = r->groepwaarde;
        kr_buf runs;
        kr_buf_init(&runs, 16384);
        long run_first = -1, run_last = -1;
        long long run_n = 0;
        const char *first_label = NULL, *last_label = NULL;
        for (; i <= D->nrows; i++) {
            const rpt_row *q = i < D->nrows ? &D->rows[i] : NULL;
            int same = q && strcmp(q->indicator, id) == 0 && strcmp(q->regio, ctx->regio) == 0 &&
                       strcmp(q->site, "*") == 0 && strcmp(q->groep, "organisatie") == 0 &&
                       strcmp(q->groepwaarde, org) == 0;
            long qi = same ? quarter_index(q->periode) : -1;
            if (same && (qi < 0 || qi > last))
                continue; /* a year row, or a quarter after the period reported: runs go on past it */
            int counts = same && !q->suppressed && q->teller > 0;
            if (run_first >= 0 && (!counts || qi != run_last + 1 || q->teller != run_n)) {
                char n[48];
                rpt_count(n, sizeof n, run_n, 0, en);
                if (run_first == run_last)
                    (void)kr_buf_printf(&runs, "%s%s: %s", runs.len ? "; " : "", first_label, n);
                else
                    (void)kr_buf_printf(&runs, "%s%s–%s: %s %s", runs.len ? "; " : "", first_label, last_label, n,
                                        RPT_T(en, "per kwartaal", "per quarter"));
                run_first = -1;
            }
            if (counts) {
                if (run_first < 0) {
                    run_first = qi;
                    run_n = q->teller;
                    first_label = q->periode;
                }
                run_last = qi;
                last_label = q->periode;
            }
            if (!same)
                break;
        }
        if (runs.len) {
            (void)cell_text(&K->t_missing, org);
            (void)rpt_table_cell(&K->t_missing, runs.data);
        }
        kr_buf_fini(&runs);
    }
    return KR_OK;
}

static void section_missing(rpt_doc *d, kwal *K)
{
    const int en = K->ctx->en;
    const rpt_data *D = K->ctx->data;
    const char *P = K->ctx->periode.label;
    char s[900], a[48], b[48], v[80];
    rpt_doc_heading(d, 1, RPT_T(en, "5. Ontbrekende leveringen", "5. Missing deliveries"), 1);
    const rpt_row *dn = rpt_total(D, "verankering.deelname", K->ctx->regio, P);
    if (dn && !dn->suppressed) {
        rpt_count(a, sizeof a, dn->teller, 0, en);
        rpt_count(b, sizeof b, dn->noemer, 0, en);
        rpt_value(v, sizeof v, dn, en);
        (void)snprintf(s, sizeof s,
                       en ? "In %s, %s of the %s organisations in the registry delivered (%s)."
                          : "In %s leverden %s van de %s organisaties uit het register (%s).",
                       P, a, b, v);
        rpt_doc_text(d, s, 9.5);
    }
    const rpt_row *m = rpt_total(D, "verankering.aanlevering.ontbreekt", K->ctx->regio, P);
    if (m && !m->suppressed && m->teller > 0) {
        rpt_count(a, sizeof a, m->teller, 0, en);
        rpt_count(b, sizeof b, m->noemer, 0, en);
        (void)snprintf(
            s, sizeof s,
            en ? "Missing in %s: %s of %s deliveries (extract type × quarter, delivered or agreed)."
               : "Ontbrekend in %s: %s van de %s leveringen (soort extract × kwartaal, geleverd of afgesproken).",
            P, a, b);
    } else if (m) {
        (void)snprintf(s, sizeof s,
                       en ? "In %s no agreed delivery is missing." : "In %s ontbreekt geen afgesproken levering.", P);
    } else {
        (void)snprintf(s, sizeof s,
                       en ? "There are no agreed or delivered extracts for %s."
                          : "Voor %s zijn geen extracten afgesproken of geleverd.",
                       P);
    }
    rpt_doc_text(d, s, 9.5);
    rpt_doc_text(d,
                 RPT_T(en,
                       "Tegen de leveringsafspraken, tot en met het kwartaal van de peildatum; een organisatie zonder "
                       "afspraken wordt per soort elk kwartaal verwacht vanaf haar eerste levering. Het getal is het "
                       "aantal soorten extract dat in dat kwartaal ontbreekt. Een partner die één keer per jaar "
                       "levert, staat in het lopende jaar als ontbrekend tot zijn jaarbestand binnen is.",
                       "Against the delivery agreements (afspraken), up to the quarter of the peildatum; an "
                       "organisation without agreements is expected every quarter from its first delivery of a "
                       "type. The number is how many extract types of that quarter are missing. A partner that "
                       "delivers once a year shows the running year as missing until its year file arrives."),
                 9.5);
    if (K->t_missing.nrows)
        rpt_doc_table(d, &K->t_missing);
    else
        rpt_doc_text(d,
                     RPT_T(en, "Geen enkele organisatie mist een afgesproken levering.",
                           "No organisation misses an agreed delivery."),
                     9.5);
}

/* ---- the report ------------------------------------------------------------------------- */

static void free_state(void *state)
{
    kwal *K = state;
    rpt_table_fini(&K->t_status);
    rpt_table_fini(&K->t_rows);
    rpt_table_fini(&K->t_rows_all);
    rpt_table_fini(&K->t_refused);
    rpt_table_fini(&K->t_latest);
    rpt_table_fini(&K->t_afg);
    rpt_table_fini(&K->t_why);
    rpt_table_fini(&K->t_examples);
    rpt_table_fini(&K->t_vol);
    rpt_table_fini(&K->t_link);
    rpt_table_fini(&K->t_unlinked);
    rpt_table_fini(&K->t_unlinked_type);
    rpt_table_fini(&K->t_missing);
    free(K->reasons);
    free(K);
}

static kr_status plan(rpt_ctx *ctx, void **state)
{
    kwal *K = calloc(1, sizeof *K);
    kr_status rc;
    if (!K)
        return KR_ENOMEM;
    *state = K;
    K->ctx = ctx;
    if (ctx->data->peildatum != KR_NO_DATE)
        kr_date_format(ctx->data->peildatum, K->peil);
    else
        kr_strlcpy(K->peil, "9999-12-31", sizeof K->peil);
    if ((rc = plan_ledger(K)) != KR_OK || (rc = plan_rejected(K)) != KR_OK || (rc = plan_completeness(K)) != KR_OK ||
        (rc = plan_linkage(K)) != KR_OK || (rc = plan_missing(K)) != KR_OK)
        return rc;
    return KR_OK;
}

static void draw(rpt_doc *d, void *state)
{
    kwal *K = state;
    const int en = K->ctx->en;
    rpt_cover(d, K->ctx, RPT_T(en, "Kwaliteitsrapportage Kansrijke Start", "Kansrijke Start data quality report"));
    section_ledger(d, K);
    section_rejected(d, K);
    section_completeness(d, K);
    section_linkage(d, K);
    section_missing(d, K);
    rpt_appendix(d, appendix_ids, en);
}

const rpt_kind_def rpt_kwaliteit = {
    "kwaliteit", "Kwaliteitsrapportage", "Data quality report", 0, 0, plan, draw, free_state,
};
