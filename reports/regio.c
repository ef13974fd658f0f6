/*
 * The `regio` report for the regiovisie (REPORTS.md): the catalogue's indicators that the lists
 * below name by id (a new indicator appears once it is added to one), for one region, quarter by quarter and for the
 * year; trend charts with interval bands; the year's breakdowns by route, gemeente, leeftijdsklasse and pariteit; the
 * perinatal outcomes by route over the rolling three-year window with relative risks and observed/expected ratios; the
 * shift from the second to the first line; retention curves; route transitions and risk factors; definitions.
 * This file has what the report shows, the helpers, the plan of the charts, sections 1 to 3 and
 * draw; sections 4 to 7 are in regio_routes.c.
 */
#include "rpt_plot.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- what the report shows -------------------------------------------------------------- */

/* Section 1: every single-figure row id of the catalogue, in groups under their own heading. */
static const char *const ids_route[] = {"route.gescreend",   "route.vroeg_gescreend", "route.verdeling.1",
                                        "route.verdeling.2", "route.verdeling.3",     "route.verdeling.niet_gescreend",
                                        NULL};
static const char *const ids_lijn[] = {"lijn.eerste_lijn_baring", "lijn.eerste_lijn_dagen",
                                       "lijn.psychosociaal_klinisch", "lijn.terugverwijzing", NULL};
static const char *const ids_overdracht[] = {
    "overdracht.jgz_tijdig",   "overdracht.jgz_dagen.p50",        "overdracht.mdo_tijdig",
    "overdracht.mdo_dagen.p50", "overdracht.regie_belegd",        "overdracht.prenataal_huisbezoek",
    "overdracht.warm",         "overdracht.bevestigd",            "overdracht.eerste_jgz_contact",
    NULL,
};
static const char *const ids_nazorg[] = {
    "nazorg.bereik.huisbezoek", "nazorg.bereik.4w",  "nazorg.bereik.8w",   "nazorg.bereik.3m",
    "nazorg.bereik.4m",         "nazorg.bereik.6m",  "nazorg.bereik.7_5m", "nazorg.bereik.9m",
    "nazorg.bereik.11m",        "nazorg.bereik.14m", "nazorg.bereik.18m",  "nazorg.bereik.24m",
    "nazorg.in_zorg.s6m",       "nazorg.in_zorg.s12m", "nazorg.in_zorg.s18m", "nazorg.in_zorg.s24m",
    NULL,
};
static const char *const ids_uitkomst[] = {"uitkomst.vroeggeboorte", "uitkomst.laag_geboortegewicht",
                                           "uitkomst.perinatale_sterfte", NULL};
static const char *const ids_verankering[] = {"verankering.deelname", "verankering.deelname.gemeenten", NULL};

/* Row ids shown with a label of their own; the others by their title in the catalogue (rpt_title). */
static const struct {
    const char *id, *nl, *en;
} row_labels[] = {
    {"route.verdeling.1", "Aandeel in route 1", "Share in route 1"},
    {"route.verdeling.2", "Aandeel in route 2", "Share in route 2"},
    {"route.verdeling.3", "Aandeel in route 3", "Share in route 3"},
    {"route.verdeling.niet_gescreend", "Aandeel niet gescreend", "Share not screened"},
    {"overdracht.jgz_dagen.p50", "Dagen tot overdracht naar de JGZ (mediaan)",
     "Days to handover to youth health care (median)"},
    {"overdracht.mdo_dagen.p50", "Dagen tot bespreking in het MDO (mediaan)", "Days to discussion in the MDO (median)"},
    {"nazorg.bereik.huisbezoek", "Bereik: huisbezoek", "Reach: home visit"},
    {"nazorg.bereik.4w", "Bereik: 4 weken", "Reach: 4 weeks"},
    {"nazorg.bereik.8w", "Bereik: 8 weken", "Reach: 8 weeks"},
    {"nazorg.bereik.3m", "Bereik: 3 maanden", "Reach: 3 months"},
    {"nazorg.bereik.4m", "Bereik: 4 maanden", "Reach: 4 months"},
    {"nazorg.bereik.6m", "Bereik: 6 maanden", "Reach: 6 months"},
    {"nazorg.bereik.7_5m", "Bereik: 7,5 maanden", "Reach: 7.5 months"},
    {"nazorg.bereik.9m", "Bereik: 9 maanden", "Reach: 9 months"},
    {"nazorg.bereik.11m", "Bereik: 11 maanden", "Reach: 11 months"},
    {"nazorg.bereik.14m", "Bereik: 14 maanden", "Reach: 14 months"},
    {"nazorg.bereik.18m", "Bereik: 18 maanden", "Reach: 18 months"},
    {"nazorg.bereik.24m", "Bereik: 24 maanden", "Reach: 24 months"},
    {"nazorg.in_zorg.s6m", "In beeld na 6 maanden", "Followed up at 6 months"},
    {"nazorg.in_zorg.s12m", "In beeld na 12 maanden", "Followed up at 12 months"},
    {"nazorg.in_zorg.s18m", "In beeld na 18 maanden", "Followed up at 18 months"},
    {"nazorg.in_zorg.s24m", "In beeld na 24 maanden", "Followed up at 24 months"},
    {"verankering.deelname", "Deelname: organisaties", "Participation: organisations"},
    {"verankering.deelname.gemeenten", "Deelname: gemeenten", "Participation: municipalities"},
    {"route.risicofactoren.schulden", "Schulden", "Debts"},
    {"route.risicofactoren.psychiatrie", "Psychiatrische problemen", "Psychiatric problems"},
    {"route.risicofactoren.geen_netwerk", "Geen sociaal netwerk", "No social network"},
    {"route.risicofactoren.huisvesting", "Huisvesting", "Housing"},
    {"route.risicofactoren.huiselijk_geweld", "Huiselijk geweld", "Domestic violence"},
    {"route.risicofactoren.taalbarriere", "Taalbarrière", "Language barrier"},
    {"route.risicofactoren.lvb", "Licht verstandelijke beperking", "Mild intellectual disability"},
    {"route.risicofactoren.verslaving", "Verslaving", "Addiction"},
    {"route.risicofactoren.ongewenst_zwanger", "Ongewenste zwangerschap", "Unwanted pregnancy"},
    {"route.risicofactoren.eerder_jeugdbescherming", "Eerder jeugdbescherming", "Earlier child protection"},
    {"route.risicofactoren.tienerzwangerschap", "Tienerzwangerschap", "Teenage pregnancy"},
    {"route.risicofactoren.anders", "Andere risicofactor", "Other risk factor"},
};

static const struct {
    const char *nl, *en, *note_nl, *note_en;
    const char *const *ids;
} id_groups[] = {
    {"Route en screening", "Route and screening",
     "Cohort: de intakedatum. Gescreend telt alle zwangerschappen, ook recente die nog gescreend kunnen worden; vroeg "
     "gescreend alleen die waarvan week 16 voorbij is (of die al gescreend zijn): vroeg gescreend kan daarom hoger "
     "uitvallen.",
     "Cohort: the intake date. Screened counts every pregnancy, recent ones that can still be screened too; screened "
     "early only those past week 16 (or already screened): screened early can therefore come out higher.",
     ids_route},
    {"Eerste en tweede lijn", "Primary and secondary care",
     "Begin baring: cohort de geboortedatum; de andere: de intakedatum. Zorgdagen tellen dagen, geen personen: zonder "
     "interval.",
     "Labour: cohort the birth date; the others: the intake date. Care days count days, not persons: no interval.",
     ids_lijn},
    {"Overdracht", "Handover",
     "Cohort: de signaleringsdatum (warm en bevestigd: de verzenddatum; eerste JGZ-contact: de geboortedatum). De "
     "mediaan in dagen is een Kaplan–Meier-schatting.",
     "Cohort: the signalling date (warm and confirmed: the date sent; first contact: the birth date). The median in "
     "days is a Kaplan–Meier estimate.",
     ids_overdracht},
    {"Nazorg tot twee jaar", "Followed up to two years",
     "Cohort: de geboortedatum. Een kind telt pas mee als het venster van het contactmoment of de leeftijd voorbij "
     "is: jonge cohorten hebben nog geen cijfer (–).",
     "Cohort: the birth date. A child counts only once the window of the contact or the age has passed: young "
     "cohorts have no figure yet (–).",
     ids_nazorg},
    {"Perinatale uitkomsten", "Perinatal outcomes",
     "Cohort: de geboortedatum; kinderen geboren bij ten minste 24+0 weken (sectie 4).",
     "Cohort: the birth date; children born at 24+0 weeks or later (section 4).", ids_uitkomst},
    {"Verankering", "Anchoring", "Organisaties en gemeenten zijn geen personen.",
     "Organisations and municipalities are not persons.", ids_verankering},
};
#define NGROUPS (sizeof id_groups / sizeof id_groups[0])

/* Section 2: the key proportions charted over the quarters. */
static const char *const trend_ids[] = {"route.gescreend", "overdracht.jgz_tijdig", "overdracht.mdo_tijdig",
                                        "overdracht.eerste_jgz_contact"};
_Static_assert(sizeof trend_ids / sizeof trend_ids[0] == RPT_REGIO_NTREND, "RPT_REGIO_NTREND counts trend_ids");

/* Section 3: the breakdowns of the year, each with key indicators that have it. */
static const struct {
    const char *groep, *nl, *en, *col_nl, *col_en;
    const char *ids[3];
} breakdowns[] = {
    {"route", "Naar route", "By route", "Route", "Route",
     {"lijn.eerste_lijn_baring", "overdracht.warm", "overdracht.eerste_jgz_contact"}},
    {"gemeente", "Naar gemeente", "By municipality", "Gemeente", "Municipality",
     {"route.gescreend", "route.vroeg_gescreend", "route.verdeling.3"}},
    {"leeftijdsklasse", "Naar leeftijdsklasse", "By age group", "Leeftijdsklasse", "Age group",
     {"route.gescreend", "route.verdeling.3", "uitkomst.vroeggeboorte"}},
    {"pariteit", "Naar pariteit", "By parity", "Pariteit", "Parity",
     {"route.gescreend", "route.vroeg_gescreend", "route.verdeling.3"}},
};
#define NBREAK (sizeof breakdowns / sizeof breakdowns[0])

/* Section 4: the perinatal outcomes (regio_routes.c draws it). */
const char *const rpt_regio_perinatal[RPT_REGIO_NPERI] = {"uitkomst.vroeggeboorte", "uitkomst.laag_geboortegewicht",
                                                          "uitkomst.perinatale_sterfte"};


static const char *const appendix_ids[] = {
    "route.gescreend",           "route.vroeg_gescreend",       "route.verdeling",
    "route.overgang",            "route.risicofactoren",        "lijn.eerste_lijn_baring",
    "lijn.eerste_lijn_dagen",    "lijn.psychosociaal_klinisch", "lijn.terugverwijzing",
    "lijn.verschuiving",         "overdracht.jgz_tijdig",       "overdracht.jgz_dagen",
    "overdracht.mdo_tijdig",     "overdracht.mdo_dagen",        "overdracht.regie_belegd",
    "overdracht.prenataal_huisbezoek", "overdracht.warm",       "overdracht.bevestigd",
    "overdracht.eerste_jgz_contact", "nazorg.bereik",           "nazorg.in_zorg",
    "uitkomst.vroeggeboorte",    "uitkomst.laag_geboortegewicht", "uitkomst.perinatale_sterfte",
    "verankering.deelname",      NULL,
};

/* ---- small helpers ------------------------------------------------------------------------ */

/* The label of a row id (its own, or its title in the catalogue), escaped for markup. */
void rpt_regio_row_label(char *out, size_t cap, const char *id, int en)
{
    char t[240];
    size_t i = 0;
    while (i < sizeof row_labels / sizeof row_labels[0] && strcmp(row_labels[i].id, id) != 0)
        i++;
    if (i < sizeof row_labels / sizeof row_labels[0])
        kr_strlcpy(t, en ? row_labels[i].en : row_labels[i].nl, sizeof t);
    else
        rpt_title(t, sizeof t, id, en);
    rpt_markup_escape(out, cap, t);
}

/* A row's value (with its interval when ci), and " *" when voorlopig; "–" without a row. */
void rpt_regio_cell_value(char *out, size_t cap, const rpt_row *r, int ci, int en)
{
    char v[128];
    if (ci)
        rpt_value_ci(v, sizeof v, r, en);
    else
        rpt_value(v, sizeof v, r, en);
    /* the mark stays with its value: a no-break space (a narrow column once put "*" alone on a line) */
    (void)snprintf(out, cap, "%s%s", v, r && r->voorlopig && !r->suppressed ? RPT_PROV_MARK : "");
}

/* Value and interval, with teller / noemer under it (x when suppressed); "–" without a row. */
void rpt_regio_cell_counts(char *out, size_t cap, const rpt_row *r, int en)
{
    char v[200], t[40], n[40];
    rpt_regio_cell_value(v, sizeof v, r, 1, en);
    if (!r || r->suppressed) {
        kr_strlcpy(out, v, cap); /* "–", or x: its counts are not shown either */
        return;
    }
    rpt_count(t, sizeof t, r->teller, r->suppressed, en);
    rpt_count(n, sizeof n, r->noemer, r->suppressed, en);
    (void)snprintf(out, cap, "%s\n<span size=\"smaller\" foreground=\"#505050\">%s / %s</span>", v, t, n);
}

/* 1 when r is shown with a value and both ends of its interval. */
int rpt_regio_has_ci(const rpt_row *r)
{
    return r && !r->suppressed && !isnan(r->waarde) && !isnan(r->lo) && !isnan(r->hi);
}

/* For narrow columns: the value (with decimals, -1: the unit's) and " *" when voorlopig, its interval on a
 * line under it. */
void rpt_regio_cell_value2(char *out, size_t cap, const rpt_row *r, int decimals, int en)
{
    char v[160], lo[48], hi[48];
    if (!r || r->suppressed || isnan(r->waarde) || decimals < 0) {
        rpt_regio_cell_value(v, sizeof v, r, 0, en);
    } else {
        char num[96];
        rpt_num_unit(num, sizeof num, r->waarde, decimals, r->eenheid, en);
        (void)snprintf(v, sizeof v, "%s%s", num, r->voorlopig ? RPT_PROV_MARK : "");
    }
    if (!rpt_regio_has_ci(r)) {
        kr_strlcpy(out, v, cap);
        return;
    }
    int dec = decimals < 0 ? rpt_unit_decimals(r->eenheid) : decimals;
    rpt_num(lo, sizeof lo, r->lo, dec, en);
    rpt_num(hi, sizeof hi, r->hi, dec, en);
    /* a dash between two numbers that may carry a minus reads as one: "(−0,66 tot −0,10)" */
    const char *to = r->lo < 0 || r->hi < 0 ? RPT_T(en, " tot ", " to ") : "–";
    (void)snprintf(out, cap, "%s\n<span size=\"smaller\">(%s%s%s)</span>", v, lo, to, hi);
}

/* The last row (latest periode, bytewise) of a row id for the region, site '*', in a group; NULL when none. */
const rpt_row *rpt_regio_any_row(const rpt_data *d, const char *id, const char *regio, const char *groep,
                                 const char *gw)
{
    const rpt_row *found = NULL;
    for (size_t i = 0; i < d->nrows; i++) {
        const rpt_row *r = &d->rows[i];
        if (strcmp(r->indicator, id) == 0 && strcmp(r->regio, regio) == 0 && strcmp(r->site, "*") == 0 &&
            strcmp(r->groep, groep) == 0 && strcmp(r->groepwaarde, gw) == 0)
            found = r;
    }
    return found;
}

/* The label of a category of a breakdown, escaped for markup. */
void rpt_regio_category_label(char *out, size_t cap, const rpt_data *d, const char *groep, const char *v, int en)
{
    char t[200];
    if (strcmp(v, "onbekend") == 0)
        kr_strlcpy(t, RPT_T(en, "onbekend", "unknown"), sizeof t);
    else if (strcmp(groep, "route") == 0)
        (void)snprintf(t, sizeof t, strcmp(v, "niet_gescreend") == 0 ? "%s" : "Route %s",
                       strcmp(v, "niet_gescreend") == 0 ? RPT_T(en, "niet gescreend", "not screened") : v);
    else if (strcmp(groep, "gemeente") == 0)
        kr_strlcpy(t, rpt_gemeente_name(d, v), sizeof t);
    else if (strcmp(groep, "leeftijdsklasse") == 0 && strcmp(v, "<20") == 0)
        kr_strlcpy(t, RPT_T(en, "jonger dan 20", "under 20"), sizeof t);
    else if (strcmp(groep, "leeftijdsklasse") == 0 && strcmp(v, "40+") == 0)
        kr_strlcpy(t, RPT_T(en, "40 jaar en ouder", "40 and over"), sizeof t);
    else if (strcmp(groep, "leeftijdsklasse") == 0 && strlen(v) == 5 && v[2] == '-')
        (void)snprintf(t, sizeof t, "%.2s–%.2s %s", v, v + 3, RPT_T(en, "jaar", "years"));
    else if (strcmp(groep, "pariteit") == 0)
        (void)snprintf(t, sizeof t, "%s %s", RPT_T(en, "pariteit", "parity"), v);
    else if (strcmp(groep, "regie_type") == 0 || strcmp(groep, "organisatie_soort") == 0)
        kr_strlcpy(t, rpt_kind_words(v, en), sizeof t);
    else
        kr_strlcpy(t, v, sizeof t);
    rpt_markup_escape(out, cap, t);
}

/* Where a category goes: the natural order of routes, ages and parities; names by name; onbekend last. */
static int category_rank(const char *groep, const char *v)
{
    static const char *const route_order[] = {"1", "2", "3", "niet_gescreend", NULL};
    static const char *const age_order[] = {"<20", "20-24", "25-29", "30-34", "35-39", "40+", NULL};
    static const char *const parity_order[] = {"0", "1", "2+", NULL};
    const char *const *order = strcmp(groep, "route") == 0             ? route_order
                               : strcmp(groep, "leeftijdsklasse") == 0 ? age_order
                               : strcmp(groep, "pariteit") == 0        ? parity_order
                                                                       : NULL;
    if (strcmp(v, "onbekend") == 0)
        return 1000;
    for (int i = 0; order && order[i]; i++)
        if (strcmp(order[i], v) == 0)
            return i;
    return 500;
}

typedef struct category {
    const char *value;
    char label[200];
    int rank;
} category;

static int category_cmp(const void *a, const void *b)
{
    const category *x = a, *y = b;
    if (x->rank != y->rank)
        return x->rank < y->rank ? -1 : 1;
    int c = strcmp(x->label, y->label);
    return c ? c : strcmp(x->value, y->value);
}

/* The categories of groep that the ids have rows of in periode, in their order; at most cap. */
static size_t categories(const rpt_data *d, const char *regio, const char *groep, const char *const *ids, size_t nids,
                         const char *periode, category *out, size_t cap, int en)
{
    size_t n = 0;
    for (size_t i = 0; i < d->nrows; i++) {
        const rpt_row *r = &d->rows[i];
        if (strcmp(r->groep, groep) != 0 || strcmp(r->periode, periode) != 0 || strcmp(r->regio, regio) != 0 ||
            strcmp(r->site, "*") != 0)
            continue;
        int wanted = 0;
        for (size_t k = 0; k < nids && !wanted; k++)
            wanted = strcmp(r->indicator, ids[k]) == 0;
        if (!wanted)
            continue;
        int seen = 0;
        for (size_t c = 0; c < n && !seen; c++)
            seen = strcmp(out[c].value, r->groepwaarde) == 0;
        if (seen || n == cap)
            continue;
        out[n].value = r->groepwaarde;
        out[n].rank = category_rank(groep, r->groepwaarde);
        rpt_regio_category_label(out[n].label, sizeof out[n].label, d, groep, r->groepwaarde, en);
        n++;
    }
    qsort(out, n, sizeof *out, category_cmp);
    return n;
}

/* ---- planning: the charts ------------------------------------------------------------------ */

/* The baseline year of lijn.verschuiving: the start of its trend window (2023-2025), else the first year before a
 * verschil row. */
static int find_basis(const rpt_data *d, const char *regio, int py)
{
    const rpt_row *tr = rpt_regio_any_row(d, "lijn.verschuiving.eerste_lijn_baring.trend", regio, "totaal", "");
    if (tr && strlen(tr->periode) >= 4)
        return rpt_year(tr->periode);
    for (int y = py - 10; y < py; y++) {
        char ys[16], next[16];
        (void)snprintf(ys, sizeof ys, "%d", y);
        (void)snprintf(next, sizeof next, "%d", y + 1);
        if (rpt_total(d, "lijn.eerste_lijn_baring", regio, ys) &&
            !rpt_total(d, "lijn.verschuiving.eerste_lijn_baring.verschil", regio, ys) &&
            rpt_total(d, "lijn.verschuiving.eerste_lijn_baring.verschil", regio, next))
            return y;
    }
    return 0;
}

/* The shown yearly value of id in the baseline year (the chart's reference line); NAN when not shown. */
static double basis_value(const rpt_data *d, const char *id, const char *regio, int basis)
{
    char ys[16];
    if (!basis)
        return NAN;
    (void)snprintf(ys, sizeof ys, "%d", basis);
    const rpt_row *r = rpt_total(d, id, regio, ys);
    return r && !r->suppressed ? r->waarde : NAN;
}

/* The groups of the retention curves: all children, then the routes. */
const char *const rpt_regio_km_groups[RPT_REGIO_NKM] = {"", "1", "2", "3", "niet_gescreend"};

static kr_status plan(rpt_ctx *ctx, void **state)
{
    rpt_regio_state *G = calloc(1, sizeof *G);
    if (!G)
        return KR_ENOMEM;
    *state = G;
    G->ctx = ctx;
    const rpt_data *D = ctx->data;
    const char *R = ctx->regio;
    const int en = ctx->en;
    const double W = 483, HALF = (W - 16) / 2; /* a chart of the text width, or one of two side by side */
    int py = rpt_year(ctx->periode.label);
    (void)snprintf(G->year, sizeof G->year, "%d", py);
    rpt_quarters(&ctx->periode, 4, G->q);

    /* the rolling window ends in the period's year; written only when all three years have data */
    (void)snprintf(G->window, sizeof G->window, "%d-%d", py - 2, py);
    if (!rpt_total(D, rpt_regio_perinatal[0], R, G->window))
        kr_strlcpy(G->window, G->year, sizeof G->window);

    /* 2. the key proportions over up to twelve quarters, the target as the reference line */
    for (size_t i = 0; i < RPT_REGIO_NTREND; i++) {
        rpt_regio_trend *t = &G->trend[i];
        const eng_indicator *ind = eng_indicator_find(trend_ids[i]);
        t->id = trend_ids[i];
        rpt_series_load(D, t->id, R, "totaal", "", &ctx->periode, 12, &t->s);
        const rpt_row *y = rpt_total(D, t->id, R, G->year);
        t->target = y ? y->doel : ind ? ind->target : NAN;
        t->fitted = ind && rpt_series_spc(&t->s, ind->direction, t->target, &t->spc);
        char name[80], title[200];
        (void)snprintf(name, sizeof name, "regio-2-%s", t->id);
        for (char *c = name; *c; c++)
            if (*c == '.' || *c == '_')
                *c = '-';
        rpt_title(title, sizeof title, t->id, en);
        size_t shown = 0;
        for (size_t k = 0; k < t->s.k; k++)
            shown += t->s.r[k] && !t->s.r[k]->suppressed && !isnan(t->s.r[k]->waarde);
        if (shown < 2)
            continue; /* a chart without a line: the text says so instead */
        t->chart = rpt_plot_line(ctx->charts, name, title, &t->s, t->target, RPT_T(en, "doel", "target"),
                                 en, HALF, 160);
        if (!t->chart)
            return KR_ENOMEM;
    }

    /* 5. the first-line share and care days against their baseline year */
    G->basis = find_basis(D, R, py);
    rpt_series_load(D, "lijn.eerste_lijn_baring", R, "totaal", "", &ctx->periode, 12, &G->baring);
    rpt_series_load(D, "lijn.eerste_lijn_dagen", R, "totaal", "", &ctx->periode, 12, &G->dagen);
    G->ch_baring = rpt_plot_line(ctx->charts, "regio-5-eerste-lijn-baring",
                                 RPT_T(en, "Begin baring in de eerste lijn", "Labour starting in primary care"),
                                 &G->baring, basis_value(D, "lijn.eerste_lijn_baring", R, G->basis),
                                 RPT_T(en, "basisjaar", "baseline year"), en, HALF, 160);
    G->ch_dagen = rpt_plot_line(ctx->charts, "regio-5-eerste-lijn-dagen",
                                RPT_T(en, "Zorgdagen in de eerste lijn", "Care days in primary care"), &G->dagen,
                                basis_value(D, "lijn.eerste_lijn_dagen", R, G->basis),
                                RPT_T(en, "basisjaar", "baseline year"), en, HALF, 160);

    /* 6. retention curves by route */
    rpt_km_choose(D, R, py, 0, G->km_cohort, sizeof G->km_cohort);
    const char *klabels[RPT_REGIO_NKM] = {RPT_T(en, "alle kinderen", "all children"), "Route 1", "Route 2", "Route 3",
                                RPT_T(en, "niet gescreend", "not screened")};
    static const int colours[RPT_REGIO_NKM] = {RPT_BLACK, RPT_SKY, RPT_ORANGE, RPT_VERMILION, RPT_PURPLE};
    G->ch_km = rpt_plot_km(ctx->charts, "regio-6-in-zorg",
                           RPT_T(en, "In beeld bij de JGZ", "Followed up by youth health care"),
                           D, "nazorg.in_zorg", R, G->km_cohort, rpt_regio_km_groups, klabels, colours, RPT_REGIO_NKM,
                           en, W, 200);
    if (!G->ch_baring || !G->ch_dagen || !G->ch_km)
        return KR_ENOMEM;
    return KR_OK;
}

static void free_state(void *state)
{
    rpt_regio_state *G = state;
    for (size_t i = 0; i < RPT_REGIO_NTREND; i++)
        eng_spc_fini(&G->trend[i].spc);
    free(G);
}

/* ---- 1. every indicator, quarter by quarter ------------------------------------------------ */

static void quarter_table(rpt_doc *d, rpt_regio_state *G, const char *const *ids)
{
    const int en = G->ctx->en;
    const rpt_data *D = G->ctx->data;
    const char *R = G->ctx->regio;
    /* quarters wide enough for "10 dagen *" and a gap, the year for "86,0 % (82,2–89,1) *" */
    static const double w[] = {0.30, 0.118, 0.118, 0.118, 0.118, 0.228};
    static const int al[] = {RPT_LEFT, RPT_RIGHT, RPT_RIGHT, RPT_RIGHT, RPT_RIGHT, RPT_RIGHT};
    char heads[6][80];
    const char *h[6];
    kr_strlcpy(heads[0], "Indicator", sizeof heads[0]);
    for (size_t i = 0; i < 4; i++)
        kr_strlcpy(heads[i + 1], G->q[i].label, sizeof heads[i + 1]);
    (void)snprintf(heads[5], sizeof heads[5], "%s %s\n(95%%-interval)", RPT_T(en, "Jaar", "Year"), G->year);
    for (size_t i = 0; i < 6; i++)
        h[i] = heads[i];
    rpt_table t;
    rpt_table_init(&t, 6, w, al, h);
    t.font_size = 9;
    for (size_t i = 0; ids[i]; i++) {
        char lab[300], v[200];
        rpt_regio_row_label(lab, sizeof lab, ids[i], en);
        (void)rpt_table_cell(&t, lab);
        for (size_t k = 0; k < 4; k++) {
            rpt_regio_cell_value(v, sizeof v, rpt_total(D, ids[i], R, G->q[k].label), 0, en);
            (void)rpt_table_cell(&t, v);
        }
        rpt_regio_cell_value(v, sizeof v, rpt_total(D, ids[i], R, G->year), 1, en);
        (void)rpt_table_cell(&t, v);
    }
    rpt_doc_table(d, &t);
    rpt_table_fini(&t);
}

static void section_all(rpt_doc *d, rpt_regio_state *G)
{
    const int en = G->ctx->en;
    char s[700];
    rpt_doc_heading(d, 1, RPT_T(en, "1. Alle indicatoren per kwartaal", "1. Every indicator by quarter"), 1);
    (void)snprintf(s, sizeof s,
                   en ? "Every indicator of the outcome set for the region, in the last four quarters up to %s and in "
                        "%s as a whole with its 95%% interval. Where a quarter is x, the year column gives the figure "
                        "of the whole year."
                      : "Elke indicator van de uitkomstenset voor de regio, in de laatste vier kwartalen tot en met %s "
                        "en over heel %s met het 95%%-interval. Waar een kwartaal x is, geeft de jaarkolom het cijfer "
                        "van het hele jaar.",
                   G->ctx->periode.label, G->year);
    rpt_doc_text(d, s, 9.5);
    rpt_legend(d, en);
    for (size_t g = 0; g < NGROUPS; g++) {
        rpt_doc_need(d, 150); /* the heading and its note stay with the first rows of their table */
        rpt_doc_heading(d, 2, en ? id_groups[g].en : id_groups[g].nl, 0);
        rpt_doc_text(d, en ? id_groups[g].note_en : id_groups[g].note_nl, 9);
        quarter_table(d, G, id_groups[g].ids);
    }
}

/* ---- 2. trends with interval bands ---------------------------------------------------------- */

/* The paragraph over a trend chart: its title, the year against the target, and what SPC says. */
static void trend_text(rpt_regio_state *G, const rpt_regio_trend *t, char *out, size_t cap)
{
    const int en = G->ctx->en;
    const eng_indicator *ind = eng_indicator_find(t->id);
    const rpt_row *y = rpt_total(G->ctx->data, t->id, G->ctx->regio, G->year);
    char v[200], title[300], a[500] = "", b[400] = "";
    rpt_regio_row_label(title, sizeof title, t->id, en);
    if (y && !y->suppressed && !isnan(y->waarde)) {
        rpt_value_ci(v, sizeof v, y, en);
        if (!isnan(t->target) && ind && ind->direction != ENG_NONE) {
            char doel[64];
            int meets = ind->direction == ENG_HIGHER ? y->waarde >= t->target : y->waarde <= t->target;
            int within = rpt_regio_has_ci(y) && y->lo <= t->target && t->target <= y->hi;
            rpt_num_unit(doel, sizeof doel, t->target, 0, y->eenheid, en);
            (void)snprintf(a, sizeof a, en ? "In %s: %s%s; target %s: %s." : "In %s: %s%s; doel %s: %s.", G->year,
                           v, y->voorlopig ? RPT_PROV_MARK : "", doel,
                           meets    ? RPT_T(en, "● gehaald", "● met")
                           : within ? RPT_T(en, "◐ niet gehaald, maar het interval bevat het doel",
                                            "◐ not met, but the interval holds the target")
                                    : RPT_T(en, "○ niet gehaald", "○ not met"));
        } else {
            (void)snprintf(a, sizeof a, "In %s: %s%s.", G->year, v, y->voorlopig ? RPT_PROV_MARK : "");
        }
    } else if (y) {
        (void)snprintf(a, sizeof a, en ? "%s as a whole is not shown (x)." : "Heel %s wordt niet getoond (x).",
                       G->year);
    }
    if (!t->chart)
        kr_strlcpy(b,
                   RPT_T(en, "Te weinig kwartalen getoond voor een grafiek (x: " RPT_X_NL ").",
                         "Too few quarters shown for a chart (x: " RPT_X_EN ")."),
                   sizeof b);
    else if (!t->fitted || t->spc.limits == ENG_SPC_NONE)
        kr_strlcpy(b,
                   RPT_T(en, "Te weinig getoonde kwartalen voor een uitspraak over verandering: een SPC-grafiek heeft "
                             "er ten minste 8 nodig.",
                         "Too few quarters shown to say anything about change: an SPC chart needs at least 8."),
                   sizeof b);
    else if (t->spc.variation == ENG_VAR_VERBETERING || t->spc.variation == ENG_VAR_ZORG ||
             t->spc.variation == ENG_VAR_BIJZONDER) {
        const char *since = t->spc.run_start < t->s.k ? t->s.q[t->spc.run_start].label : t->s.q[t->s.k - 1].label;
        (void)snprintf(b, sizeof b,
                       en ? "From %s on the quarters show a special cause in the SPC chart (%s): "
                            "a real change, not chance."
                          : "Vanaf %s wijzen de kwartalen in de SPC-grafiek op een bijzondere oorzaak (%s): een echte "
                            "verandering, geen toeval.",
                       since,
                       t->spc.variation == ENG_VAR_VERBETERING ? RPT_T(en, "verbetering", "improvement")
                       : t->spc.variation == ENG_VAR_ZORG      ? RPT_T(en, "reden tot zorg", "concern")
                                                               : RPT_T(en, "zonder richting", "no direction"));
    } else {
        /* the last quarter is common cause variation; earlier ones may not have been */
        int earlier = 0;
        for (size_t i = 0; i < t->spc.k; i++)
            earlier |= t->spc.points[i].shown && t->spc.points[i].signals;
        kr_strlcpy(b,
                   earlier ? RPT_T(en, "Het laatste kwartaal past bij gewone variatie (SPC), maar eerdere kwartalen "
                                       "wezen op een bijzondere oorzaak: een echte verandering, geen toeval.",
                                   "The last quarter is common cause variation (SPC), but earlier quarters pointed to "
                                   "a special cause: a real change, not chance.")
                           : RPT_T(en, "De schommelingen passen bij gewone variatie (SPC): geen kwartaal wijst op een "
                                       "echte verandering.",
                                   "The ups and downs are common cause variation (SPC): no quarter points to a real "
                                   "change."),
                   sizeof b);
    }
    (void)snprintf(out, cap, "<b>%s</b>\n%s%s%s", title, a, a[0] ? " " : "", b);
}

/* Two charts side by side, each under its paragraph of markup (a chart may be NULL: the paragraph alone). */
void rpt_regio_chart_pair(rpt_doc *d, const rpt_chart *const *c, const char *const *markup)
{
    const double gap = 16, w = (rpt_doc_width(d) - gap) / 2, x0 = rpt_doc_left(d);
    double ch = 0, th = 0;
    for (size_t i = 0; i < 2; i++)
        if (c[i])
            ch = fmax(ch, c[i]->height * w / c[i]->width);
    /* the paragraphs are a few lines: keep them with their charts */
    double y = rpt_doc_need(d, ch + 75);
    cairo_set_source_rgb(rpt_doc_cairo(d), 0, 0, 0);
    for (size_t i = 0; i < 2; i++)
        if (markup[i])
            th = fmax(th, rpt_doc_markup_at(d, x0 + (double)i * (w + gap), y, w, markup[i], 9, RPT_LEFT));
    for (size_t i = 0; i < 2; i++)
        if (c[i])
            (void)rpt_doc_chart_at(d, c[i], x0 + (double)i * (w + gap), y + th + 4, w);
    rpt_doc_advance(d, th + 4 + ch + 12);
}

/* A section heading that starts a new page only when less than a third of this one is left. */
void rpt_regio_section_heading(rpt_doc *d, const char *text)
{
    rpt_doc_need(d, 230);
    rpt_doc_heading(d, 1, text, 0);
}

static void section_trends(rpt_doc *d, rpt_regio_state *G)
{
    const int en = G->ctx->en;
    rpt_regio_section_heading(d, RPT_T(en, "2. Trends met hun onzekerheid", "2. Trends with their uncertainty"));
    rpt_doc_text(d,
                 RPT_T(en, "Per kwartaal de waarde (de blauwe lijn met punten) met de lichtblauwe band van het "
                           "95%-interval; de groene streeplijn is het doel. Een kwartaal met x wordt niet getoond; "
                           "een open rondje om een punt is voorlopig (*). Alleen een signaal van de SPC-grafiek "
                           "(p′-kaart van Laney) heet hier een verandering.",
                       "Per quarter the value (the blue line with points) with the light blue band of its "
                       "95% interval; the green dashed line is the target. A quarter marked x is not shown; an open "
                       "ring around a point is provisional (*). Only a signal of the SPC chart (Laney's p′-chart) is "
                       "called a change here."),
                 9.5);
    for (size_t i = 0; i < RPT_REGIO_NTREND; i += 2) {
        char a[1400], b[1400] = "";
        trend_text(G, &G->trend[i], a, sizeof a);
        if (i + 1 < RPT_REGIO_NTREND)
            trend_text(G, &G->trend[i + 1], b, sizeof b);
        const rpt_chart *c[2] = {G->trend[i].chart, i + 1 < RPT_REGIO_NTREND ? G->trend[i + 1].chart : NULL};
        const char *m[2] = {a, b[0] ? b : NULL};
        rpt_regio_chart_pair(d, c, m);
    }
}

/* ---- 3. breakdowns of the year ------------------------------------------------------------- */

static void breakdown_table(rpt_doc *d, rpt_regio_state *G, size_t b)
{
    const int en = G->ctx->en;
    const rpt_data *D = G->ctx->data;
    const char *R = G->ctx->regio;
    const char *const *ids = breakdowns[b].ids;
    static const double w[] = {0.22, 0.26, 0.26, 0.26};
    static const int al[] = {RPT_LEFT, RPT_RIGHT, RPT_RIGHT, RPT_RIGHT};
    char heads[4][200];
    const char *h[4];
    kr_strlcpy(heads[0], en ? breakdowns[b].col_en : breakdowns[b].col_nl, sizeof heads[0]);
    for (size_t i = 0; i < 3; i++)
        rpt_regio_row_label(heads[i + 1], sizeof heads[i + 1], ids[i], en);
    for (size_t i = 0; i < 4; i++)
        h[i] = heads[i];
    category cats[64];
    size_t n = categories(D, R, breakdowns[b].groep, ids, 3, G->year, cats, 64, en);
    rpt_doc_need(d, 130); /* the heading with the header and the first rows of its table */
    rpt_doc_heading(d, 2, en ? breakdowns[b].en : breakdowns[b].nl, 0);
    if (n == 0) {
        rpt_doc_text(d, RPT_T(en, "Geen rijen voor deze uitsplitsing in dit jaar.",
                              "No rows for this breakdown in this year."), 9.5);
        return;
    }
    rpt_table t;
    rpt_table_init(&t, 4, w, al, h);
    t.font_size = 9;
    char v[400];
    for (size_t c = 0; c <= n; c++) {
        const char *gv = c < n ? cats[c].value : "";
        if (c < n)
            (void)rpt_table_cell(&t, cats[c].label);
        else
            (void)rpt_table_cellf(&t, "<b>%s</b>", RPT_T(en, "Regio (totaal)", "Region (total)"));
        for (size_t i = 0; i < 3; i++) {
            rpt_regio_cell_counts(v, sizeof v,
                                  rpt_get(D, ids[i], R, "*", c < n ? breakdowns[b].groep : "totaal", gv, G->year), en);
            (void)rpt_table_cell(&t, v);
        }
    }
    rpt_doc_table(d, &t);
    rpt_table_fini(&t);
}

static void section_breakdowns(rpt_doc *d, rpt_regio_state *G)
{
    const int en = G->ctx->en;
    char s[700];
    rpt_regio_section_heading(d, RPT_T(en, "3. Uitsplitsingen per jaar", "3. Breakdowns by year"));
    (void)snprintf(s, sizeof s,
                   en ? "Key indicators of %s by route, municipality, age group and parity, each where the outcome set "
                        "has that breakdown. In each cell the value with its 95%% interval, under it numerator / "
                        "denominator (x: not shown). A category not shown can make a group that is large enough x as "
                        "well, so that nothing can be recalculated."
                      : "Kernindicatoren van %s naar route, gemeente, leeftijdsklasse en pariteit, elk waar de "
                        "uitkomstenset die uitsplitsing heeft. In elke cel de waarde met het 95%%-interval, daaronder "
                        "teller / noemer (x: niet getoond). Een categorie die niet getoond wordt, kan een groep die "
                        "zelf groot genoeg is ook x maken, zodat niets kan worden teruggerekend.",
                   G->year);
    rpt_doc_text(d, s, 9.5);
    for (size_t b = 0; b < NBREAK; b++)
        breakdown_table(d, G, b);
}

static void draw(rpt_doc *d, void *state)
{
    rpt_regio_state *G = state;
    const int en = G->ctx->en;
    rpt_cover(d, G->ctx, RPT_T(en, "Regiovisie Kansrijke Start", "Kansrijke Start regional outcomes"));
    section_all(d, G);
    section_trends(d, G);
    section_breakdowns(d, G);
    rpt_regio_section_perinatal(d, G);
    rpt_regio_section_shift(d, G);
    rpt_regio_section_retention(d, G);
    rpt_regio_section_routes(d, G);
    rpt_appendix(d, appendix_ids, en);
}

const rpt_kind_def rpt_regio = {
    "regio", "Regiovisie: uitkomsten", "Regional outcomes", 0, 0, plan, draw, free_state,
};
