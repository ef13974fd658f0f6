/*
 * The `kwaliteit` report for the data coordinator (REPORTS.md): the delivery ledger summarised,
 * rejected rows by organisation, type and reason with a few masked example lines, column
 * completeness per type, linkage rates, and the periods partners miss against their agreements;
 * then the definitions. Besides the outcome table it reads only the ledger (`levering`), the
 * registry of organisations and the masked `afgewezen` table, never an extract table. Sections 1
 * and 2, which read those with SQL, are in kwaliteit_ledger.c; this file has sections 3 to 5, the
 * helpers both use, and the report (plan, draw).
 */
#include "rpt_plot.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The extract types, in the order of EXTRACTS.md. */
const char *const rpt_kwal_xtypes[RPT_KWAL_NXTYPES] = {"zwangerschap", "screening", "zorgepisode", "overdracht",
                                                       "mdo",          "bevalling", "jgz_contact"};

static const char *const appendix_ids[] = {"verankering.aanlevering", "verankering.deelname", "kwaliteit.afgewezen",
                                           "kwaliteit.volledigheid",  "kwaliteit.koppeling",  NULL};

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
void rpt_kwal_safe_text(char *out, size_t cap, const char *s)
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

/* A count the Dutch way into a table cell. */
kr_status rpt_kwal_cell_count(rpt_table *t, long long n, int suppressed, int en)
{
    char v[48];
    rpt_count(v, sizeof v, n, suppressed, en);
    return rpt_table_cell(t, v);
}

/* A cell of escaped text. */
kr_status rpt_kwal_cell_text(rpt_table *t, const char *s)
{
    char esc[1200];
    rpt_kwal_safe_text(esc, sizeof esc, s);
    return rpt_table_cell(t, esc);
}

/* Whether r is a row of the report's region and site '*' in the report's period, for indicator id and groep. */
int rpt_kwal_is_row(const rpt_kwal *K, const rpt_row *r, const char *id, const char *groep)
{
    return strcmp(r->indicator, id) == 0 && strcmp(r->regio, K->ctx->regio) == 0 && strcmp(r->site, "*") == 0 &&
           strcmp(r->groep, groep) == 0 && strcmp(r->periode, K->ctx->periode.label) == 0;
}

/* The first row of indicator id in the sorted table (or nrows). */
size_t rpt_kwal_first_of(const rpt_data *D, const char *id)
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
void rpt_kwal_subheading(rpt_doc *d, const char *text, double keep)
{
    rpt_doc_need(d, keep);
    rpt_doc_heading(d, 2, text, 0);
}

/* ---- 3. completeness ------------------------------------------------------------------------ */

static kr_status plan_completeness(rpt_kwal *K)
{
    const rpt_data *D = K->ctx->data;
    const int en = K->ctx->en;
    K->h_vol[0] = RPT_T(en, "Soort en kolom", "Type and column");
    K->h_vol[1] = RPT_T(en, "Gevuld", "Filled");
    K->h_vol[2] = RPT_T(en, "Rijen met een waarde", "Rows with a value");
    K->h_vol[3] = RPT_T(en, "Actuele rijen", "Current rows");
    rpt_table_init(&K->t_vol, 4, w_vol, a_vol, K->h_vol);
    /* one table (its header repeats on every page it crosses), a bold row naming each type */
    for (size_t t = 0; t < RPT_KWAL_NXTYPES; t++) {
        char id[80];
        (void)snprintf(id, sizeof id, "kwaliteit.volledigheid.%s", rpt_kwal_xtypes[t]);
        (void)rpt_table_cellf(&K->t_vol, "<b>%s</b>", rpt_kwal_xtypes[t]);
        (void)rpt_table_cell(&K->t_vol, "");
        (void)rpt_table_cell(&K->t_vol, "");
        (void)rpt_table_cell(&K->t_vol, "");
        size_t before = K->t_vol.nrows;
        for (size_t i = rpt_kwal_first_of(D, id); i < D->nrows; i++) {
            const rpt_row *r = &D->rows[i];
            if (strcmp(r->indicator, id) != 0)
                break;
            if (!rpt_kwal_is_row(K, r, id, "kolom"))
                continue;
            char v[64], kolom[200];
            rpt_value(v, sizeof v, r, en);
            rpt_kwal_safe_text(kolom, sizeof kolom, r->groepwaarde);
            (void)rpt_table_cellf(&K->t_vol, "    %s", kolom);
            (void)rpt_table_cellf(&K->t_vol, "%s%s", v, r->voorlopig && !r->suppressed ? RPT_PROV_MARK : "");
            (void)rpt_kwal_cell_count(&K->t_vol, r->teller, r->suppressed, en);
            (void)rpt_kwal_cell_count(&K->t_vol, r->noemer, r->suppressed, en);
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

static void section_completeness(rpt_doc *d, rpt_kwal *K)
{
    const int en = K->ctx->en;
    char s[900];
    rpt_doc_heading(d, 1, RPT_T(en, "3. Volledigheid per kolom", "3. Column completeness"), 1);
    (void)snprintf(
        s, sizeof s,
        en ? "Per extract type: the share of current rows (the latest version of each record, dated by the "
             "peildatum) of the deliveries for %s that have a value in the column. Required columns are "
             "always 100 %%. Whether a column is filled tells something of a person (no birth weight for a "
             "stillborn child, an MDO held), so every row counts persons and follows the disclosure rule: x "
             "where it is not shown."
           : "Per soort extract: het aandeel actuele rijen (de laatste versie van elk record, gedateerd tot "
             "en met de peildatum) van de leveringen voor %s met een waarde in de kolom. Verplichte kolommen "
             "zijn altijd 100 %%. Of een kolom gevuld is, zegt iets over een persoon (geen geboortegewicht "
             "bij een doodgeboren kind, een gehouden MDO); daarom telt elke rij personen en volgt ze de regel "
             "voor kleine aantallen: x waar een rij niet getoond wordt.",
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

static kr_status plan_linkage(rpt_kwal *K)
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
        (void)rpt_table_cellf(&K->t_link, "%s%s", vj, j && j->voorlopig && !j->suppressed ? RPT_PROV_MARK : "");
        (void)rpt_table_cellf(&K->t_link, "%s%s", vb, b && b->voorlopig && !b->suppressed ? RPT_PROV_MARK : "");
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
    for (size_t i = rpt_kwal_first_of(D, "kwaliteit.koppeling.ongekoppeld"); i < D->nrows && norgs < 128; i++) {
        const rpt_row *r = &D->rows[i];
        if (strcmp(r->indicator, "kwaliteit.koppeling.ongekoppeld") != 0)
            break;
        if (rpt_kwal_is_row(K, r, "kwaliteit.koppeling.ongekoppeld", "organisatie"))
            orgs[norgs++] = r->groepwaarde;
    }
    for (size_t o = 0; o < norgs; o++)
        for (size_t t = 0; t < RPT_KWAL_NXTYPES; t++) {
            char id[96], v[64];
            (void)snprintf(id, sizeof id, "kwaliteit.koppeling.ongekoppeld.%s", rpt_kwal_xtypes[t]);
            const rpt_row *r = rpt_get(D, id, R, "*", "organisatie", orgs[o], ctx->periode.label);
            if (!r || (!r->suppressed && r->teller == 0))
                continue;
            rpt_value(v, sizeof v, r, en);
            (void)rpt_kwal_cell_text(&K->t_unlinked, orgs[o]);
            (void)rpt_table_cell(&K->t_unlinked, rpt_kwal_xtypes[t]);
            (void)rpt_kwal_cell_count(&K->t_unlinked, r->noemer, r->suppressed, en);
            (void)rpt_kwal_cell_count(&K->t_unlinked, r->teller, r->suppressed, en);
            (void)rpt_table_cellf(&K->t_unlinked, "%s%s", v, r->voorlopig && !r->suppressed ? RPT_PROV_MARK : "");
        }
    for (size_t t = 0; t <= RPT_KWAL_NXTYPES; t++) {
        char id[96], v[64];
        if (t < RPT_KWAL_NXTYPES)
            (void)snprintf(id, sizeof id, "kwaliteit.koppeling.ongekoppeld.%s", rpt_kwal_xtypes[t]);
        else
            kr_strlcpy(id, "kwaliteit.koppeling.ongekoppeld", sizeof id);
        const rpt_row *r = rpt_total(D, id, R, ctx->periode.label);
        if (!r)
            continue;
        rpt_value(v, sizeof v, r, en);
        if (t < RPT_KWAL_NXTYPES)
            (void)rpt_table_cell(&K->t_unlinked_type, rpt_kwal_xtypes[t]);
        else
            (void)rpt_table_cellf(&K->t_unlinked_type, "<b>%s</b>",
                                  RPT_T(en, "alle soorten behalve mdo", "all types but mdo"));
        (void)rpt_kwal_cell_count(&K->t_unlinked_type, r->noemer, r->suppressed, en);
        (void)rpt_kwal_cell_count(&K->t_unlinked_type, r->teller, r->suppressed, en);
        (void)rpt_table_cellf(&K->t_unlinked_type, "%s%s", v, r->voorlopig && !r->suppressed ? RPT_PROV_MARK : "");
    }
    return KR_OK;
}

/* "In 2025Q4: x; in heel 2025: 97,0 % (96,1–97,7)." — the year where the quarter is not shown. */
static void linkage_sentence(rpt_doc *d, rpt_kwal *K, const char *id, const char *what_nl, const char *what_en)
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
                           en ? what_en : what_nl, P, year, yv, y->voorlopig ? RPT_PROV_MARK : "");
        else
            (void)snprintf(s, sizeof s,
                           en ? "%s: in %s and in all of %s not shown (x)."
                              : "%s: in %s en in heel %s niet getoond (x).",
                           en ? what_en : what_nl, P, year);
    } else {
        rpt_value_ci(v, sizeof v, r, en);
        (void)snprintf(s, sizeof s, en ? "%s in %s: %s%s." : "%s in %s: %s%s.", en ? what_en : what_nl, P, v,
                       r->voorlopig && !r->suppressed ? RPT_PROV_MARK : "");
    }
    rpt_doc_text(d, s, 9.5);
}

static void section_linkage(rpt_doc *d, rpt_kwal *K)
{
    const int en = K->ctx->en;
    char s[700];
    rpt_doc_heading(d, 1, RPT_T(en, "4. Koppeling", "4. Linkage"), 1);
    rpt_doc_text(d,
                 RPT_T(en,
                       "Hoe goed records van verschillende partners koppelen tot één traject per zwangerschap. Deze "
                       "percentages tellen personen en volgen de regel voor kleine aantallen; het cohort van een "
                       "kwartaal kan nog veranderen zolang het voorlopig is (*). Een zwangerschap met een recente "
                       "intake heeft vaak nog geen JGZ-record (de JGZ komt bij het prenatale huisbezoek of na de "
                       "geboorte in beeld): de laatste kwartalen liggen daar lager tot ze niet meer voorlopig zijn, "
                       "zonder dat de koppeling faalt.",
                       "How well records of different partners link into one trajectory per pregnancy. These rates "
                       "count persons and follow the disclosure rule; a quarter's cohort can still change while "
                       "it is provisional (*). A pregnancy with a recent intake often has no youth health care "
                       "record yet (it comes with the prenatal home visit or after birth): the latest quarters are "
                       "lower there until they are no longer provisional, without linkage failing."),
                 9.5);
    linkage_sentence(d, K, "kwaliteit.koppeling.jgz", "Zwangerschappen in route 2 en 3 met een JGZ-record",
                     "Pregnancies in routes 2 and 3 with a youth health care record");
    linkage_sentence(d, K, "kwaliteit.koppeling.bevalling", "Bevallingen gekoppeld aan een zwangerschap",
                     "Births linked to a pregnancy");
    if (K->t_link.nrows)
        rpt_doc_table(d, &K->t_link);
    rpt_legend(d, en);
    const rpt_chart *charts[] = {K->ch_jgz, K->ch_bev};
    for (size_t i = 0; i < 2; i++)
        if (charts[i]) {
            rpt_kwal_subheading(d, charts[i]->title, charts[i]->height + 30);
            rpt_doc_chart(d, charts[i], 0);
        }
    rpt_kwal_subheading(d, RPT_T(en, "Ongekoppelde records", "Unlinked records"), 130);
    (void)snprintf(s, sizeof s,
                   en ? "Current records of the deliveries for %s, dated by the peildatum, that link to no trajectory. "
                        "These count records, not persons, and are shown as they are; but for mdo, whose every "
                        "record is a pregnancy of route 3: it follows the rule for small numbers, and the total "
                        "leaves it out."
                      : "Actuele records van de leveringen voor %s, gedateerd tot en met de peildatum, die aan geen "
                        "traject gekoppeld zijn. Dit telt records, geen personen, en wordt getoond zoals het is; "
                        "behalve mdo, waarvan elk record een zwangerschap in route 3 is: die volgt de regel voor "
                        "kleine aantallen, en het totaal laat haar weg.",
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

static kr_status plan_missing(rpt_kwal *K)
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
    size_t i = rpt_kwal_first_of(D, id);
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
            (void)rpt_kwal_cell_text(&K->t_missing, org);
            (void)rpt_table_cell(&K->t_missing, runs.data);
        }
        kr_buf_fini(&runs);
    }
    return KR_OK;
}

static void section_missing(rpt_doc *d, rpt_kwal *K)
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
                       en ? "In %s, %s of the %s organisations in the register delivered (%s)."
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
    if (K->t_missing.nrows) {
        rpt_doc_text(d,
                     RPT_T(en,
                           "Tegen de leveringsafspraken, tot en met het kwartaal van de peildatum; een organisatie "
                           "zonder afspraken wordt per soort elk kwartaal verwacht vanaf haar eerste levering. Het "
                           "getal is het aantal soorten extract dat in dat kwartaal ontbreekt. Een partner die één "
                           "keer per jaar levert, staat in het lopende jaar als ontbrekend tot zijn jaarbestand binnen "
                           "is.",
                           "Against the delivery agreements (afspraken), up to the quarter of the peildatum; an "
                           "organisation without agreements is expected every quarter from its first delivery of a "
                           "type. The number is how many extract types of that quarter are missing. A partner that "
                           "delivers once a year shows the running year as missing until its year file arrives."),
                     9.5);
        rpt_doc_table(d, &K->t_missing);
    } else {
        /* no table: not the paragraph that explains its numbers */
        rpt_doc_text(d,
                     RPT_T(en, "Geen enkele organisatie mist een afgesproken levering, in geen enkel kwartaal tot en "
                               "met dat van de peildatum (een organisatie zonder afspraken wordt per soort elk "
                               "kwartaal verwacht vanaf haar eerste levering).",
                           "No organisation misses an agreed delivery in any quarter up to that of the data cut-off "
                           "(an organisation without agreements is expected every quarter from its first delivery of "
                           "a type)."),
                     9.5);
    }
}

/* ---- the report ------------------------------------------------------------------------- */

static void free_state(void *state)
{
    rpt_kwal *K = state;
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
    rpt_kwal *K = calloc(1, sizeof *K);
    kr_status rc;
    if (!K)
        return KR_ENOMEM;
    *state = K;
    K->ctx = ctx;
    if (ctx->data->peildatum != KR_NO_DATE)
        kr_date_format(ctx->data->peildatum, K->peil);
    else
        kr_strlcpy(K->peil, "9999-12-31", sizeof K->peil);
    if ((rc = rpt_kwal_plan_ledger(K)) != KR_OK || (rc = rpt_kwal_plan_rejected(K)) != KR_OK ||
        (rc = plan_completeness(K)) != KR_OK || (rc = plan_linkage(K)) != KR_OK || (rc = plan_missing(K)) != KR_OK)
        return rc;
    return KR_OK;
}

static void draw(rpt_doc *d, void *state)
{
    rpt_kwal *K = state;
    const int en = K->ctx->en;
    rpt_cover(d, K->ctx, RPT_T(en, "Kwaliteitsrapportage Kansrijke Start", "Kansrijke Start data quality report"));
    rpt_kwal_section_ledger(d, K);
    rpt_kwal_section_rejected(d, K);
    section_completeness(d, K);
    section_linkage(d, K);
    section_missing(d, K);
    rpt_appendix(d, appendix_ids, en);
}

const rpt_kind_def rpt_kwaliteit = {
    "kwaliteit", "Kwaliteitsrapportage", "Data quality report", 0, 0, plan, draw, free_state,
};
