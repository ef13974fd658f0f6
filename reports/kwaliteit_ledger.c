/*
 * The kwaliteit report, sections 1 and 2: the delivery ledger summarised and the rejected rows by
 * organisation, type and reason with masked example lines. Everything the report reads with SQL
 * (`levering`, `organisaties`, `afgewezen`) is here; kwaliteit.c has the rest and the report itself.
 */
#include "rpt_plot.h"

#include <stdlib.h>
#include <string.h>

/* The statuses of a delivery in the ledger, and their English words. */
static const char *const statuses[] = {"actief", "vervangen", "geweigerd", "ingetrokken"};
static const char *const statuses_en[] = {"active", "replaced", "refused", "withdrawn"};
_Static_assert(sizeof statuses / sizeof statuses[0] == RPT_KWAL_NSTATUS, "RPT_KWAL_NSTATUS counts the statuses");

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
    "WHERE l.status = 'actief' AND l.organisatie IS NOT NULL AND l.type <> '" ENG_ROUTE3_TYPE "' AND " IN_REGION     \
    " AND " IN_PERIOD ") WHERE k <= 3 ORDER BY code, k"

static const double w_status[] = {0.30, 0.14, 0.14, 0.14, 0.14, 0.14};
static const int a_status[] = {RPT_LEFT, RPT_RIGHT, RPT_RIGHT, RPT_RIGHT, RPT_RIGHT, RPT_RIGHT};
/* "totaal behalve mdo" on one line, and "geaccepteerd" whole beside "rijen gelezen" with room between them */
static const double w_rows[] = {0.21, 0.158, 0.158, 0.158, 0.158, 0.158};
static const int a_rows[] = {RPT_LEFT, RPT_RIGHT, RPT_RIGHT, RPT_RIGHT, RPT_RIGHT, RPT_RIGHT};
/* the columns of file names hold "zwangerschap_VP-ZHZ-1_2025Q4.csv" on one line (a longer one breaks where pango
 * can) */
static const double w_refused[] = {0.40, 0.13, 0.47};
static const int a_refused[] = {RPT_LEFT, RPT_LEFT, RPT_LEFT};
static const double w_latest[] = {0.25, 0.40, 0.13, 0.10, 0.12}; /* 0.13: "7 Dec 2026" whole */
static const int a_latest[] = {RPT_LEFT, RPT_LEFT, RPT_LEFT, RPT_LEFT, RPT_RIGHT};
static const double w_afg[] = {0.14, 0.16, 0.14, 0.13, 0.43};
static const int a_afg[] = {RPT_LEFT, RPT_LEFT, RPT_RIGHT, RPT_RIGHT, RPT_LEFT};
static const double w_why[] = {0.20, 0.60, 0.20};
static const int a_why[] = {RPT_LEFT, RPT_LEFT, RPT_RIGHT};
static const double w_examples[] = {0.13, 0.39, 0.16, 0.32}; /* 0.13: "pseudonym" whole */
static const int a_examples[] = {RPT_LEFT, RPT_LEFT, RPT_LEFT, RPT_LEFT};

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
                return en ? kr_strerror_en((kr_status)s) : kr_strerror_nl((kr_status)s);
        }
    return "";
}

static const char *status_word(const char *status, int en)
{
    for (size_t i = 0; i < RPT_KWAL_NSTATUS; i++)
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

/* The same day for a table's narrow column: "7 dec 2026" ("7 Dec 2026"), never broken over two lines. */
static void ledger_date_short(char *out, size_t cap, const char *iso, int en)
{
    static const char *const nl[] = {"jan", "feb", "mrt", "apr", "mei", "jun",
                                     "jul", "aug", "sep", "okt", "nov", "dec"};
    static const char *const eng[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    kr_date d = KR_NO_DATE;
    int y, m, day;
    if (strlen(iso) < 10 || kr_date_parse(iso, 10, &d) != KR_OK) {
        rpt_date_long(out, cap, KR_NO_DATE, en);
        return;
    }
    kr_date_to_ymd(d, &y, &m, &day);
    /* each array indexed on its own: gcc's -fsanitize=object-size takes (en ? eng : nl)[i] for an overrun */
    (void)snprintf(out, cap, "%d\u00a0%s\u00a0%d", day, en ? eng[m - 1] : nl[m - 1], y);
}

/* A statement of the ledger, with ?1 the region, ?2 the period and ?3 the peildatum bound where used. */
static kr_status prepare(rpt_kwal *K, const char *sql, sqlite3_stmt **st)
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

static kr_status step_done(rpt_kwal *K, sqlite3_stmt *st, int s)
{
    if (s == SQLITE_DONE)
        return KR_OK;
    (void)snprintf(
        K->ctx->err, K->ctx->errcap, "%s: %s",
        RPT_T(K->ctx->en, "het leveringsregister kon niet worden gelezen", "the delivery ledger could not be read"),
        sqlite3_errmsg(sqlite3_db_handle(st)));
    return KR_EDB;
}
/* ---- 1. the ledger ------------------------------------------------------------------------ */

/* An extract type as the reader says it: a file whose type was not recognised is stored as onbekend. */
static const char *type_words(const char *type, int en)
{
    return en && strcmp(type, "onbekend") == 0 ? "unknown" : type;
}

/* Deliveries by type and status, and the first and latest day one was read in. */
static kr_status ledger_status(rpt_kwal *K)
{
    const int en = K->ctx->en;
    sqlite3_stmt *st = NULL;
    kr_status rc;
    int s;
    long long tot[RPT_KWAL_NSTATUS + 1] = {0};

    K->h_status[0] = RPT_T(en, "Soort extract", "Extract type");
    for (size_t i = 0; i < RPT_KWAL_NSTATUS; i++)
        K->h_status[i + 1] = en ? statuses_en[i] : statuses[i];
    K->h_status[RPT_KWAL_NSTATUS + 1] = RPT_T(en, "totaal", "total");
    rpt_table_init(&K->t_status, RPT_KWAL_NSTATUS + 2, w_status, a_status, K->h_status);
    if ((rc = prepare(
             K,
             "SELECT l.type, sum(l.status = 'actief'), sum(l.status = 'vervangen'), sum(l.status = 'geweigerd'), "
             "sum(l.status = 'ingetrokken'), count(*), min(l.ingelezen_op), max(l.ingelezen_op) "
             "FROM levering l WHERE " EXTRACT " AND " IN_REGION " GROUP BY l.type ORDER BY l.type",
             &st)) != KR_OK)
        return rc;
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        (void)rpt_kwal_cell_text(&K->t_status, type_words(kr_column_text(st, 0), en));
        for (int c = 1; c <= (int)RPT_KWAL_NSTATUS + 1; c++) {
            long long n = sqlite3_column_int64(st, c);
            tot[c - 1] += n;
            (void)rpt_kwal_cell_count(&K->t_status, n, 0, en);
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
        for (size_t c = 0; c <= RPT_KWAL_NSTATUS; c++) {
            char v[48];
            rpt_count(v, sizeof v, tot[c], 0, en);
            (void)rpt_table_cellf(&K->t_status, "<b>%s</b>", v);
        }
    }
    return KR_OK;
}

/* Reference data: one count, the registry is the same for every region. */
static kr_status ledger_reference(rpt_kwal *K)
{
    sqlite3_stmt *st = NULL;
    kr_status rc;
    int s;
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
    return rc;
}

/* Rows of the active deliveries: the period reported, and all periods. */
static kr_status ledger_rows(rpt_kwal *K)
{
    const int en = K->ctx->en;
    sqlite3_stmt *st = NULL;
    kr_status rc;
    int s;
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
        int route3 = 0;
        while ((s = sqlite3_step(st)) == SQLITE_ROW) {
            /* the mdo extract's rows are pregnancies of route 3: counted like persons (fewer than 10 read, or 1-9 of
             * a kind: x), and left out of the total so that no subtraction gives them */
            int r3 = strcmp(kr_column_text(st, 0), ENG_ROUTE3_TYPE) == 0, hide = 0;
            for (int c = 2; c <= 5 && r3; c++) {
                long long n = sqlite3_column_int64(st, c);
                hide |= c == 2 ? n < 10 : n >= 1 && n <= 9;
            }
            route3 |= r3;
            (void)rpt_kwal_cell_text(t, type_words(kr_column_text(st, 0), en));
            for (int c = 1; c <= 5; c++) {
                long long n = sqlite3_column_int64(st, c);
                if (!r3)
                    sum[c - 1] += n;
                (void)rpt_kwal_cell_count(t, n, c > 1 && hide, en);
            }
        }
        rc = step_done(K, st, s);
        sqlite3_finalize(st);
        if (rc != KR_OK)
            return rc;
        if (t->nrows > 1) {
            (void)rpt_table_cellf(t, "<b>%s</b>", route3 ? RPT_T(en, "totaal behalve mdo", "total but mdo")
                                                          : RPT_T(en, "totaal", "total"));
            for (size_t c = 0; c < 5; c++) {
                char v[48];
                rpt_count(v, sizeof v, sum[c], 0, en);
                (void)rpt_table_cellf(t, "<b>%s</b>", v);
            }
        }
    }
    return KR_OK;
}

/* The refused files, oldest first. */
static kr_status ledger_refused(rpt_kwal *K)
{
    const int en = K->ctx->en;
    sqlite3_stmt *st = NULL;
    kr_status rc;
    int s;
    K->h_refused[0] = RPT_T(en, "Bestand (organisatie, periode)", "File (organisation, period)");
    K->h_refused[1] = RPT_T(en, "Ingelezen", "Read in");
    K->h_refused[2] = RPT_T(en, "Reden", "Reason");
    rpt_table_init(&K->t_refused, 3, w_refused, a_refused, K->h_refused);
    /* the ledger keeps the ETL's message in English and (schema 6) in Dutch; a refusal recorded before has the English
       only */
    if ((rc = prepare(K,
                      "SELECT l.bestand, coalesce(l.organisatie, ''), coalesce(l.periode, ''), l.ingelezen_op, "
                      "coalesce(l.reden_code, ''), coalesce(l.reden, ''), coalesce(l.reden_nl, l.reden, '') "
                      "FROM levering l WHERE l.status = 'geweigerd' AND " IN_REGION " ORDER BY l.id",
                      &st)) != KR_OK)
        return rc;
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        char d[64], code[200], words[400], detail[1200], file[600], org[200], per[40];
        /* the organisation and period of the ledger, which need not be those of the file name */
        rpt_kwal_safe_text(file, sizeof file, kr_column_text(st, 0));
        rpt_kwal_safe_text(org, sizeof org, kr_column_text(st, 1)[0] ? kr_column_text(st, 1) : "–");
        rpt_kwal_safe_text(per, sizeof per, kr_column_text(st, 2)[0] ? kr_column_text(st, 2) : "–");
        (void)rpt_table_cellf(&K->t_refused, "%s\n<i>%s · %s</i>", file, org, per);
        ledger_date_short(d, sizeof d, kr_column_text(st, 3), en);
        (void)rpt_table_cell(&K->t_refused, d);
        rpt_kwal_safe_text(code, sizeof code, kr_column_text(st, 4));
        rpt_kwal_safe_text(words, sizeof words, reason_words(kr_column_text(st, 4), 0, en));
        rpt_kwal_safe_text(detail, sizeof detail, kr_column_text(st, en ? 5 : 6));
        /* the Dutch report gives the Dutch words of the code first, and the message (with the column it names) under
           it; the code starts a line, so that it is not broken at its hyphen */
        if (en)
            (void)rpt_table_cellf(&K->t_refused, "%s\n(<tt>%s</tt>)", detail, code);
        else
            (void)rpt_table_cellf(&K->t_refused, "%s\n(<tt>%s</tt>)\n<i>melding: %s</i>", words[0] ? words : code, code,
                                  detail);
    }
    rc = step_done(K, st, s);
    sqlite3_finalize(st);
    return rc;
}

/* The latest delivery of every organisation of the region in the registry. */
static kr_status ledger_latest(rpt_kwal *K)
{
    const int en = K->ctx->en;
    sqlite3_stmt *st = NULL;
    kr_status rc;
    int s;
    K->h_latest[0] = RPT_T(en, "Organisatie", "Organisation");
    K->h_latest[1] = RPT_T(en, "Laatst ingelezen levering", "Delivery read in last");
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
        rpt_kwal_safe_text(code, sizeof code, kr_column_text(st, 0));
        rpt_kwal_safe_text(naam, sizeof naam, kr_column_text(st, 1));
        (void)rpt_table_cellf(&K->t_latest, "%s\n<i>%s</i>", code, naam);
        if (kr_column_text(st, 2)[0]) {
            rpt_kwal_safe_text(file, sizeof file, kr_column_text(st, 2));
            (void)rpt_table_cellf(&K->t_latest, "%s\n<i>%s</i>", file,
                                  status_word(kr_column_text(st, 3), en));
            ledger_date_short(d, sizeof d, kr_column_text(st, 4), en);
            (void)rpt_table_cell(&K->t_latest, d);
        } else {
            (void)rpt_table_cellf(&K->t_latest, "<i>%s</i>", RPT_T(en, "nog nooit geleverd", "never delivered"));
            (void)rpt_table_cell(&K->t_latest, "–");
        }
        (void)rpt_kwal_cell_text(&K->t_latest, kr_column_text(st, 5)[0] ? kr_column_text(st, 5) : "–");
        (void)rpt_kwal_cell_count(&K->t_latest, sqlite3_column_int64(st, 6), 0, en);
    }
    rc = step_done(K, st, s);
    sqlite3_finalize(st);
    return rc;
}

kr_status rpt_kwal_plan_ledger(rpt_kwal *K)
{
    kr_status rc;
    if ((rc = ledger_status(K)) != KR_OK || (rc = ledger_reference(K)) != KR_OK || (rc = ledger_rows(K)) != KR_OK ||
        (rc = ledger_refused(K)) != KR_OK)
        return rc;
    return ledger_latest(K);
}

void rpt_kwal_section_ledger(rpt_doc *d, rpt_kwal *K)
{
    const int en = K->ctx->en;
    char s[900], a[64], b[64], n1[48], n2[48];
    rpt_doc_heading(d, 1, RPT_T(en, "1. Het leveringsregister", "1. The delivery ledger"), 1);
    ledger_date(a, sizeof a, K->first_in, en);
    ledger_date(b, sizeof b, K->last_in, en);
    rpt_count(n1, sizeof n1, K->ref_deliveries, 0, en);
    rpt_count(n2, sizeof n2, K->ref_active, 0, en);
    if (K->first_in[0] && strcmp(a, b) == 0) /* all read in on one day: not "from 7 December to 7 December" */
        (void)snprintf(
            s, sizeof s,
            en ? "Every file offered to kansrijk is in the ledger, whatever became of it: active (stored and "
                 "counted), replaced by a correction, refused whole, or withdrawn. These are the extract "
                 "deliveries of %s, all read in on %s. Besides them the ledger holds %s deliveries of "
                 "reference data (%s active)."
               : "Elk bestand dat kansrijk aangeboden kreeg staat in het register, wat er ook van werd: actief "
                 "(opgeslagen en meegeteld), vervangen door een correctie, geheel geweigerd of ingetrokken. "
                 "Dit zijn de leveringen van extracten van %s, alle ingelezen op %s. Daarnaast "
                 "telt het register %s leveringen van referentiegegevens (%s actief).",
            rpt_place_name(K->ctx->data, K->ctx->regio, en), a, n1, n2);
    else if (K->first_in[0])
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
    rpt_kwal_subheading(d, RPT_T(en, "Leveringen per soort en status", "Deliveries by type and status"), 130);
    if (K->t_status.nrows)
        rpt_doc_table(d, &K->t_status);

    rpt_kwal_subheading(d, RPT_T(en, "Rijen van de actieve leveringen", "Rows of the active deliveries"), 130);
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

    rpt_kwal_subheading(d, RPT_T(en, "Geweigerde bestanden", "Refused files"), 130);
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

    rpt_kwal_subheading(d, RPT_T(en, "Laatste levering per organisatie", "Latest delivery per organisation"), 130);
    if (K->t_latest.nrows)
        rpt_doc_table(d, &K->t_latest);
    else
        rpt_doc_text(d,
                     RPT_T(en, "Het register heeft geen organisaties van deze regio.",
                           "The register has no organisations of this region."),
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

/*
 * Organisation × type × first reason from `afgewezen` into K->reasons: the outcome table has no such rows
 * (docs/kwaliteit.md); a row with several problems counts under its first, as the engine counts it.
 */
static kr_status rejected_reasons(rpt_kwal *K)
{
    rpt_data *D = K->ctx->data;
    sqlite3_stmt *st = NULL;
    size_t cap = 0;
    kr_status rc = KR_OK;
    int s;
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
            rpt_kwal_reason *p = realloc(K->reasons, nc * sizeof *p);
            if (!p) {
                sqlite3_finalize(st);
                return KR_ENOMEM;
            }
            K->reasons = p;
            cap = nc;
        }
        rpt_kwal_reason *r = &K->reasons[K->nreasons];
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
    return rc;
}

/* Per organisation and type, from the outcome rows, with their first reasons beside them; the organisations' rows
   (at most 128) into orgs and org_labels, for the chart. */
static size_t rejected_by_org(rpt_kwal *K, const rpt_row **orgs, const char **org_labels)
{
    rpt_ctx *ctx = K->ctx;
    rpt_data *D = ctx->data;
    const int en = ctx->en;
    K->h_afg[0] = RPT_T(en, "Organisatie", "Organisation");
    K->h_afg[1] = RPT_T(en, "Soort extract", "Extract type");
    K->h_afg[2] = RPT_T(en, "Datarijen gelezen", "Data rows read");
    K->h_afg[3] = RPT_T(en, "Afgewezen", "Rejected");
    K->h_afg[4] = RPT_T(en, "Eerste reden (rijen)", "First reason (rows)");
    rpt_table_init(&K->t_afg, 5, w_afg, a_afg, K->h_afg);
    size_t norgs = 0;
    for (size_t i = rpt_kwal_first_of(D, "kwaliteit.afgewezen"); i < D->nrows; i++) {
        const rpt_row *r = &D->rows[i];
        if (strcmp(r->indicator, "kwaliteit.afgewezen") != 0)
            break;
        if (rpt_kwal_is_row(K, r, "kwaliteit.afgewezen", "organisatie") && norgs < 128) {
            org_labels[norgs] = r->groepwaarde;
            orgs[norgs++] = r;
        }
    }
    for (size_t o = 0; o < norgs; o++)
        for (size_t t = 0; t < RPT_KWAL_NXTYPES; t++) {
            char id[80];
            (void)snprintf(id, sizeof id, "kwaliteit.afgewezen.%s", rpt_kwal_xtypes[t]);
            const rpt_row *r = rpt_get(D, id, ctx->regio, "*", "organisatie", org_labels[o], ctx->periode.label);
            if (!r || r->teller == 0)
                continue;
            kr_buf why;
            kr_buf_init(&why, 4096);
            /* a suppressed row (the mdo extract's: persons of route 3) gives no count of its reasons either */
            for (size_t k = 0; k < K->nreasons && !r->suppressed; k++) {
                const rpt_kwal_reason *q = &K->reasons[k];
                if (strcmp(q->org, org_labels[o]) != 0 || strcmp(q->type, rpt_kwal_xtypes[t]) != 0)
                    continue;
                char code[120], n[48];
                rpt_kwal_safe_text(code, sizeof code, q->code);
                rpt_count(n, sizeof n, q->n, 0, en);
                (void)kr_buf_printf(&why, "%s<tt>%s</tt>\u00a0%s", why.len ? ", " : "", code, n); /* kept together */
            }
            (void)rpt_kwal_cell_text(&K->t_afg, org_labels[o]);
            (void)rpt_table_cell(&K->t_afg, rpt_kwal_xtypes[t]);
            (void)rpt_kwal_cell_count(&K->t_afg, r->noemer, r->suppressed, en);
            (void)rpt_kwal_cell_count(&K->t_afg, r->teller, r->suppressed, en);
            (void)rpt_table_cell(&K->t_afg, r->suppressed ? "x" : why.len ? why.data : "–");
            kr_buf_fini(&why);
        }
    return norgs;
}

/* Per reason, most rows first. */
static void rejected_by_reason(rpt_kwal *K)
{
    rpt_data *D = K->ctx->data;
    const int en = K->ctx->en;
    K->h_why[0] = RPT_T(en, "Reden", "Reason");
    K->h_why[1] = RPT_T(en, "Betekenis", "Meaning");
    K->h_why[2] = RPT_T(en, "Afgewezen rijen", "Rejected rows");
    rpt_table_init(&K->t_why, 3, w_why, a_why, K->h_why);
    const rpt_row *why[64] = {0};
    size_t nwhy = 0;
    for (size_t i = rpt_kwal_first_of(D, "kwaliteit.afgewezen"); i < D->nrows && nwhy < 64; i++) {
        const rpt_row *r = &D->rows[i];
        if (strcmp(r->indicator, "kwaliteit.afgewezen") != 0)
            break;
        if (rpt_kwal_is_row(K, r, "kwaliteit.afgewezen", "reden"))
            why[nwhy++] = r;
    }
    qsort(why, nwhy, sizeof why[0], cmp_teller_desc);
    for (size_t i = 0; i < nwhy; i++) {
        char code[120];
        rpt_kwal_safe_text(code, sizeof code, why[i]->groepwaarde);
        (void)rpt_table_cellf(&K->t_why, "<tt>%s</tt>", code);
        (void)rpt_kwal_cell_text(&K->t_why, reason_words(why[i]->groepwaarde, 1, en));
        (void)rpt_kwal_cell_count(&K->t_why, why[i]->teller, why[i]->suppressed, en);
    }
}

/* Up to three masked example lines per reason, from as many files as there are. */
static kr_status rejected_examples(rpt_kwal *K)
{
    const int en = K->ctx->en;
    sqlite3_stmt *st = NULL;
    kr_status rc;
    int s;
    K->h_examples[0] = RPT_T(en, "Reden", "Reason");
    K->h_examples[1] = RPT_T(en, "Bestand, regel en kolom", "File, line and column");
    K->h_examples[2] = RPT_T(en, "Waarde (gemaskeerd)", "Value (masked)");
    K->h_examples[3] = RPT_T(en, "Melding", "Message");
    rpt_table_init(&K->t_examples, 4, w_examples, a_examples, K->h_examples);
    if ((rc = prepare(K, en ? EXAMPLES("melding") : EXAMPLES("melding_nl"), &st)) != KR_OK)
        return rc;
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        char file[600], kolom[200], n[48], code[120];
        rpt_kwal_safe_text(code, sizeof code, kr_column_text(st, 0));
        (void)rpt_table_cellf(&K->t_examples, "<tt>%s</tt>", code);
        rpt_kwal_safe_text(file, sizeof file, kr_column_text(st, 1));
        rpt_kwal_safe_text(kolom, sizeof kolom, kr_column_text(st, 3));
        /* a line number is a place, not an amount: no thousands separator */
        (void)snprintf(n, sizeof n, "%lld", (long long)sqlite3_column_int64(st, 2));
        (void)rpt_table_cellf(&K->t_examples, "%s\n<i>%s %s%s%s</i>", file,
                              RPT_T(en, "regel", "line"), n,
                              kolom[0] ? RPT_T(en, ", kolom ", ", column ") : "", kolom);
        char value[400], msg[1200];
        /* a masked value is stored as [verborgen] (English messages of older deliveries say so too) */
        kr_strlcpy(value, kr_column_text(st, 4)[0] ? kr_column_text(st, 4) : "–", sizeof value);
        kr_strlcpy(msg, kr_column_text(st, 5), sizeof msg);
        if (en) {
            kr_hidden_in_english(value);
            kr_hidden_in_english(msg);
        }
        (void)rpt_kwal_cell_text(&K->t_examples, value);
        (void)rpt_kwal_cell_text(&K->t_examples, msg);
    }
    rc = step_done(K, st, s);
    sqlite3_finalize(st);
    return rc;
}

kr_status rpt_kwal_plan_rejected(rpt_kwal *K)
{
    rpt_ctx *ctx = K->ctx;
    const int en = ctx->en;
    const rpt_row *orgs[128];
    const char *org_labels[128];
    kr_status rc = rejected_reasons(K);
    if (rc != KR_OK)
        return rc;
    size_t norgs = rejected_by_org(K, orgs, org_labels);
    rejected_by_reason(K);
    if ((rc = rejected_examples(K)) != KR_OK)
        return rc;
    if (!norgs)
        return KR_OK;
    K->ch_afg = rpt_plot_counts(ctx->charts, "kwaliteit-2-afgewezen",
                                RPT_T(en, "Afgewezen rijen per organisatie", "Rejected rows per organisation"), orgs,
                                org_labels, norgs, RPT_T(en, "afgewezen rijen", "rejected rows"), en, 483, 190);
    return K->ch_afg ? KR_OK : KR_ENOMEM;
}

void rpt_kwal_section_rejected(rpt_doc *d, rpt_kwal *K)
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
                        "partner's feedback file (ingest --terugkoppeling) lists every problem. The mdo extract is "
                        "left out here: each of its rows is a pregnancy of route 3, so its counts are persons."
                      : "Van de %s gelezen datarijen voor %s zijn er %s afgewezen: de rest van hun bestand is "
                        "opgeslagen, deze rijen niet. Een rij met meer problemen telt één keer, onder de eerste "
                        "reden; het terugkoppelbestand voor de partner (ingest --terugkoppeling) noemt ze allemaal. "
                        "Het extract mdo staat hier niet in: elke rij is een zwangerschap in route 3, dus zijn "
                        "aantallen tellen personen.",
                   b, K->ctx->periode.label, a);
    rpt_doc_text(d, s, 9.5);
    if (K->ch_afg) {
        (void)snprintf(s, sizeof s, "%s, %s", K->ch_afg->title, K->ctx->periode.label);
        rpt_kwal_subheading(d, s, K->ch_afg->height + 30);
        rpt_doc_chart(d, K->ch_afg, 0);
    }
    rpt_kwal_subheading(d, RPT_T(en, "Per organisatie en soort", "By organisation and type"), 130);
    if (K->t_afg.nrows) {
        rpt_doc_text(d,
                     RPT_T(en, "Organisaties en soorten zonder afgewezen rijen staan er niet in, en het extract mdo "
                               "ook niet (zie hierboven).",
                           "Organisations and types without rejected rows are left out, and so is the mdo extract "
                           "(see above)."),
                     9.5);
        rpt_doc_table(d, &K->t_afg);
    } else {
        rpt_doc_text(d, RPT_T(en, "Er is geen rij afgewezen.", "No row was rejected."), 9.5);
    }
    if (K->t_why.nrows) {
        rpt_kwal_subheading(d, RPT_T(en, "Per reden", "By reason"), 130);
        rpt_doc_table(d, &K->t_why);
    }
    if (K->t_examples.nrows) {
        rpt_kwal_subheading(d, RPT_T(en, "Voorbeelden", "Examples"), 130);
        rpt_doc_text(
            d,
            RPT_T(en,
                  "Tot drie afgewezen regels per reden, uit verschillende bestanden waar die er zijn. Waarden "
                  "staan er gemaskeerd zoals ze zijn opgeslagen: een pseudoniem als de eerste zes tekens en …, "
                  "een direct identificerend gegeven als [verborgen].",
                  "Up to three rejected lines per reason, from different files where there are. Values are "
                  "masked as they were stored: a pseudonym shows as its first six characters and …, a "
                  "direct identifier as [hidden]."),
            9.5);
        rpt_doc_table(d, &K->t_examples);
    }
}
