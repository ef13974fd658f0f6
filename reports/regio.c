/*
 * The `regio` report for the regiovisie (REPORTS.md): every indicator of the catalogue for one
 * region, quarter by quarter and for the year; trend charts with interval bands; the year's
 * breakdowns by route, gemeente, leeftijdsklasse and pariteit; the perinatal outcomes by route over
 * the rolling three-year window with relative risks and observed/expected ratios; the shift from
 * the second to the first line; retention curves; route transitions and risk factors; definitions.
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
static const char *const ids_lijn[] = {"lijn.eerste_lijn_baring", "lijn.eerste_lijn_dagen", "lijn.psychosociaal_klinisch",
                                       "lijn.terugverwijzing", NULL};
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
    {"overdracht.jgz_dagen.p50", "Dagen tot overdracht naar de JGZ (mediaan)", "Days to handover to youth health care (median)"},
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
    {"Route en screening", "Route and screening", "Cohort: de intakedatum.", "Cohort: the intake date.", ids_route},
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
    {"Nazorg tot twee jaar", "Follow-up to two years",
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
#define NTREND (sizeof trend_ids / sizeof trend_ids[0])

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

/* Section 4: the perinatal outcomes. */
static const char *const perinatal_ids[] = {"uitkomst.vroeggeboorte", "uitkomst.laag_geboortegewicht",
                                            "uitkomst.perinatale_sterfte"};
#define NPERI 3

/* The route categories in their order; a child's route is its pregnancy's. */
static const char *const routes[] = {"1", "2", "3", "niet_gescreend"};
#define NROUTES 4

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

typedef struct trend_chart {
    const char *id;
    rpt_series s;
    eng_spc spc;
    int fitted;
    double target;
    rpt_chart *chart;
} trend_chart;

typedef struct regio_rpt {
    rpt_ctx *ctx;
    char year[8];        /* the period's year: "the year" of the breakdowns */
    char window[16];     /* the rolling three-year window ending in it, or the year when there is none */
    kr_period q[4];      /* the last four quarters of the period */
    trend_chart trend[NTREND];
    int basis;           /* the baseline year of lijn.verschuiving; 0 when unknown */
    rpt_series baring, dagen;
    rpt_chart *ch_baring, *ch_dagen;
    char km_cohort[16];  /* the birth cohort of the curves; "" when none */
    rpt_chart *ch_km;
} regio_rpt;

/* ---- small helpers ------------------------------------------------------------------------ */

/* The label of a row id (its own, or its title in the catalogue), escaped for markup. */
static void row_label(char *out, size_t cap, const char *id, int en)
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
static void cell_value(char *out, size_t cap, const rpt_row *r, int ci, int en)
{
    char v[128];
    if (ci)
        rpt_value_ci(v, sizeof v, r, en);
    else
        rpt_value(v, sizeof v, r, en);
    (void)snprintf(out, cap, "%s%s", v, r && r->voorlopig && !r->suppressed ? " *" : "");
}

/* Value and interval, with teller / noemer under it (x when suppressed); "–" without a row. */
static void cell_counts(char *out, size_t cap, const rpt_row *r, int en)
{
    char v[200], t[40], n[40];
    cell_value(v, sizeof v, r, 1, en);
    if (!r || r->suppressed) {
        kr_strlcpy(out, v, cap); /* "–", or x: its counts are not shown either */
        return;
    }
    rpt_count(t, sizeof t, r->teller, r->suppressed, en);
    rpt_count(n, sizeof n, r->noemer, r->suppressed, en);
    (void)snprintf(out, cap, "%s\n<span size=\"smaller\" foreground=\"#505050\">%s / %s</span>", v, t, n);
}

/* 1 when r is shown with a value and both ends of its interval. */
static int has_ci(const rpt_row *r)
{
    return r && !r->suppressed && !isnan(r->waarde) && !isnan(r->lo) && !isnan(r->hi);
}

/* For narrow columns: the value (with decimals, -1: the unit's) and " *" when voorlopig, its interval on a line under it. */
static void cell_value2(char *out, size_t cap, const rpt_row *r, int decimals, int en)
{
    char v[160], lo[48], hi[48];
    if (!r || r->suppressed || isnan(r->waarde) || decimals < 0) {
        cell_value(v, sizeof v, r, 0, en);
    } else {
        char num[64];
        const char *u = rpt_unit_symbol(r->eenheid, en);
        rpt_num(num, sizeof num, r->waarde, decimals, en);
        (void)snprintf(v, sizeof v, "%s%s%s%s", num, u[0] ? " " : "", u, r->voorlopig ? " *" : "");
    }
    if (!has_ci(r)) {
        kr_strlcpy(out, v, cap);
        return;
    }
    int dec = decimals < 0 ? rpt_unit_decimals(r->eenheid) : decimals;
    rpt_num(lo, sizeof lo, r->lo, dec, en);
    rpt_num(hi, sizeof hi, r->hi, dec, en);
    (void)snprintf(out, cap, "%s\n<span size=\"smaller\">(%s–%s)</span>", v, lo, hi);
}

/* The last row (latest periode, bytewise) of a row id for the region, site '*', in a group; NULL when none. */
static const rpt_row *any_row(const rpt_data *d, const char *id, const char *regio, const char *groep, const char *gw)
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
static void category_label(char *out, size_t cap, const rpt_data *d, const char *groep, const char *v, int en)
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
        category_label(out[n].label, sizeof out[n].label, d, groep, r->groepwaarde, en);
        n++;
    }
    qsort(out, n, sizeof *out, category_cmp);
    return n;
}

/* ---- planning: the charts ------------------------------------------------------------------ */

/* The baseline year of lijn.verschuiving: the start of its trend window (2023-2025), else the first year before a verschil row. */
static int find_basis(const rpt_data *d, const char *regio, int py)
{
    const rpt_row *tr = any_row(d, "lijn.verschuiving.eerste_lijn_baring.trend", regio, "totaal", "");
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
static const char *const km_groups[] = {"", "1", "2", "3", "niet_gescreend"};
#define NKM (sizeof km_groups / sizeof km_groups[0])

/* How much of a birth cohort's curves is published: the curves (first), then their steps. */
static size_t km_count(const rpt_data *d, const char *regio, const char *cohort)
{
    size_t curves = 0, steps = 0, n;
    for (size_t g = 0; g < NKM; g++) {
        curves += rpt_curve_get(d, "nazorg.in_zorg", regio, km_groups[g][0] ? "route" : "totaal", km_groups[g], cohort,
                                &n) != NULL;
        steps += n;
    }
    return curves * 100000 + steps;
}

/*
 * The birth cohort of the curves: the one with most curves published (then most steps), years before quarters
 * and the latest first when as many (a curve is cut where fewer than 10 are at risk, so small cohorts have none).
 */
static void km_choose(const rpt_data *d, const char *regio, int py, char *out, size_t cap)
{
    size_t best = 0;
    out[0] = '\0';
    for (int pass = 0; pass < 2; pass++)
        for (int y = py; y > py - 6; y--)
            for (int q = pass ? 4 : 0; q >= (pass ? 1 : 0); q--) {
                char label[16];
                if (pass)
                    (void)snprintf(label, sizeof label, "%dQ%d", y, q);
                else
                    (void)snprintf(label, sizeof label, "%d", y);
                size_t k = km_count(d, regio, label);
                if (k > best) {
                    best = k;
                    kr_strlcpy(out, label, cap);
                }
            }
}

static kr_status plan(rpt_ctx *ctx, void **state)
{
    regio_rpt *G = calloc(1, sizeof *G);
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
    if (!rpt_total(D, perinatal_ids[0], R, G->window))
        kr_strlcpy(G->window, G->year, sizeof G->window);

    /* 2. the key proportions over up to twelve quarters, the target as the reference line */
    for (size_t i = 0; i < NTREND; i++) {
        trend_chart *t = &G->trend[i];
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
        t->chart = rpt_plot_line(ctx->charts, name, title, &t->s, t->target, RPT_T(en, "doel", "target"), en, HALF, 160);
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
    km_choose(D, R, py, G->km_cohort, sizeof G->km_cohort);
    const char *klabels[NKM] = {RPT_T(en, "alle kinderen", "all children"), "Route 1", "Route 2", "Route 3",
                                RPT_T(en, "niet gescreend", "not screened")};
    static const int colours[NKM] = {RPT_BLACK, RPT_SKY, RPT_ORANGE, RPT_VERMILION, RPT_PURPLE};
    G->ch_km = rpt_plot_km(ctx->charts, "regio-6-in-zorg", RPT_T(en, "In beeld bij de JGZ", "Followed up by youth health care"),
                           D, "nazorg.in_zorg", R, G->km_cohort, km_groups, klabels, colours, NKM, en, W, 200);
    if (!G->ch_baring || !G->ch_dagen || !G->ch_km)
        return KR_ENOMEM;
    return KR_OK;
}

static void free_state(void *state)
{
    regio_rpt *G = state;
    for (size_t i = 0; i < NTREND; i++)
        eng_spc_fini(&G->trend[i].spc);
    free(G);
}

/* ---- 1. every indicator, quarter by quarter ------------------------------------------------ */

static void quarter_table(rpt_doc *d, regio_rpt *G, const char *const *ids)
{
    const int en = G->ctx->en;
    const rpt_data *D = G->ctx->data;
    const char *R = G->ctx->regio;
    static const double w[] = {0.31, 0.11, 0.11, 0.11, 0.11, 0.25};
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
        row_label(lab, sizeof lab, ids[i], en);
        (void)rpt_table_cell(&t, lab);
        for (size_t k = 0; k < 4; k++) {
            cell_value(v, sizeof v, rpt_total(D, ids[i], R, G->q[k].label), 0, en);
            (void)rpt_table_cell(&t, v);
        }
        cell_value(v, sizeof v, rpt_total(D, ids[i], R, G->year), 1, en);
        (void)rpt_table_cell(&t, v);
    }
    rpt_doc_table(d, &t);
    rpt_table_fini(&t);
}

static void section_all(rpt_doc *d, regio_rpt *G)
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
static void trend_text(regio_rpt *G, const trend_chart *t, char *out, size_t cap)
{
    const int en = G->ctx->en;
    const eng_indicator *ind = eng_indicator_find(t->id);
    const rpt_row *y = rpt_total(G->ctx->data, t->id, G->ctx->regio, G->year);
    char v[200], title[300], a[500] = "", b[400] = "";
    row_label(title, sizeof title, t->id, en);
    if (y && !y->suppressed && !isnan(y->waarde)) {
        rpt_value_ci(v, sizeof v, y, en);
        if (!isnan(t->target) && ind && ind->direction != ENG_NONE) {
            char doel[40];
            int meets = ind->direction == ENG_HIGHER ? y->waarde >= t->target : y->waarde <= t->target;
            int within = has_ci(y) && y->lo <= t->target && t->target <= y->hi;
            rpt_num(doel, sizeof doel, t->target, 0, en);
            (void)snprintf(a, sizeof a, en ? "In %s: %s%s; target %s %s: %s." : "In %s: %s%s; doel %s %s: %s.", G->year,
                           v, y->voorlopig ? " *" : "", doel, rpt_unit_symbol(y->eenheid, en),
                           meets    ? RPT_T(en, "● gehaald", "● met")
                           : within ? RPT_T(en, "◐ het interval bevat het doel", "◐ the interval holds the target")
                                    : RPT_T(en, "○ niet gehaald", "○ not met"));
        } else {
            (void)snprintf(a, sizeof a, "In %s: %s%s.", G->year, v, y->voorlopig ? " *" : "");
        }
    } else if (y) {
        (void)snprintf(a, sizeof a, en ? "%s as a whole is not shown (x)." : "Heel %s wordt niet getoond (x).", G->year);
    }
    if (!t->chart)
        kr_strlcpy(b,
                   RPT_T(en, "Te weinig kwartalen getoond voor een grafiek (x: niet getoond, om kleine aantallen te "
                             "beschermen).",
                         "Too few quarters shown for a chart (x: not shown, to protect small numbers)."),
                   sizeof b);
    else if (!t->fitted || t->spc.limits == ENG_SPC_NONE)
        kr_strlcpy(b,
                   RPT_T(en, "Te weinig getoonde kwartalen voor een uitspraak over verandering: een SPC-grafiek heeft er "
                             "ten minste 8 nodig.",
                         "Too few quarters shown to say anything about change: an SPC chart needs at least 8."),
                   sizeof b);
    else if (t->spc.variation == ENG_VAR_VERBETERING || t->spc.variation == ENG_VAR_ZORG ||
             t->spc.variation == ENG_VAR_BIJZONDER) {
        const char *since = t->spc.run_start < t->s.k ? t->s.q[t->spc.run_start].label : t->s.q[t->s.k - 1].label;
        (void)snprintf(b, sizeof b,
                       en ? "From %s on the quarters show a special cause in the SPC chart (%s): a real change, not chance."
                          : "Vanaf %s wijzen de kwartalen in de SPC-grafiek op een bijzondere oorzaak (%s): een echte "
                            "verandering, geen toeval.",
                       since,
                       t->spc.variation == ENG_VAR_VERBETERING ? RPT_T(en, "verbetering", "improvement")
                       : t->spc.variation == ENG_VAR_ZORG      ? RPT_T(en, "reden tot zorg", "concern")
                                                               : RPT_T(en, "zonder richting", "no direction"));
    } else
        kr_strlcpy(b,
                   RPT_T(en, "De schommelingen passen bij gewone variatie (SPC): geen kwartaal wijst op een echte "
                             "verandering.",
                         "The ups and downs are common cause variation (SPC): no quarter points to a real change."),
                   sizeof b);
    (void)snprintf(out, cap, "<b>%s</b>\n%s%s%s", title, a, a[0] ? " " : "", b);
}

/* Two charts side by side, each under its paragraph of markup (a chart may be NULL: the paragraph alone). */
static void chart_pair(rpt_doc *d, const rpt_chart *const *c, const char *const *markup)
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
static void section_heading(rpt_doc *d, const char *text)
{
    rpt_doc_need(d, 230);
    rpt_doc_heading(d, 1, text, 0);
}

static void section_trends(rpt_doc *d, regio_rpt *G)
{
    const int en = G->ctx->en;
    section_heading(d, RPT_T(en, "2. Trends met hun onzekerheid", "2. Trends with their uncertainty"));
    rpt_doc_text(d,
                 RPT_T(en, "Per kwartaal de waarde (de blauwe lijn met punten) met de lichtblauwe band van het "
                           "95%-interval; de groene streeplijn is het doel. Een kwartaal met x wordt niet getoond. Alleen "
                           "een signaal van de SPC-grafiek (p′-kaart van Laney) heet hier een verandering.",
                       "Per quarter the value (the blue line with points) with the light blue band of its 95% interval; "
                       "the green dashed line is the target. A quarter marked x is not shown. Only a signal of the SPC "
                       "chart (Laney's p′-chart) is called a change here."),
                 9.5);
    for (size_t i = 0; i < NTREND; i += 2) {
        char a[1400], b[1400] = "";
        trend_text(G, &G->trend[i], a, sizeof a);
        if (i + 1 < NTREND)
            trend_text(G, &G->trend[i + 1], b, sizeof b);
        const rpt_chart *c[2] = {G->trend[i].chart, i + 1 < NTREND ? G->trend[i + 1].chart : NULL};
        const char *m[2] = {a, b[0] ? b : NULL};
        chart_pair(d, c, m);
    }
}

/* ---- 3. breakdowns of the year ------------------------------------------------------------- */

static void breakdown_table(rpt_doc *d, regio_rpt *G, size_t b)
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
        row_label(heads[i + 1], sizeof heads[i + 1], ids[i], en);
    for (size_t i = 0; i < 4; i++)
        h[i] = heads[i];
    category cats[64];
    size_t n = categories(D, R, breakdowns[b].groep, ids, 3, G->year, cats, 64, en);
    rpt_doc_need(d, 130); /* the heading with the header and the first rows of its table */
    rpt_doc_heading(d, 2, en ? breakdowns[b].en : breakdowns[b].nl, 0);
    if (n == 0) {
        rpt_doc_text(d, RPT_T(en, "Geen rijen voor deze uitsplitsing in dit jaar.", "No rows for this breakdown in this year."), 9.5);
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
            cell_counts(v, sizeof v, rpt_get(D, ids[i], R, "*", c < n ? breakdowns[b].groep : "totaal", gv, G->year), en);
            (void)rpt_table_cell(&t, v);
        }
    }
    rpt_doc_table(d, &t);
    rpt_table_fini(&t);
}

static void section_breakdowns(rpt_doc *d, regio_rpt *G)
{
    const int en = G->ctx->en;
    char s[700];
    section_heading(d, RPT_T(en, "3. Uitsplitsingen per jaar", "3. Breakdowns by year"));
    (void)snprintf(s, sizeof s,
                   en ? "Key indicators of %s by route, municipality, age group and parity, each where the outcome set "
                        "has that breakdown. In each cell the value with its 95%% interval, under it teller / noemer "
                        "(x: not shown). A category not shown can make a group that is large enough x as well, so that "
                        "nothing can be recalculated."
                      : "Kernindicatoren van %s naar route, gemeente, leeftijdsklasse en pariteit, elk waar de "
                        "uitkomstenset die uitsplitsing heeft. In elke cel de waarde met het 95%%-interval, daaronder "
                        "teller / noemer (x: niet getoond). Een categorie die niet getoond wordt, kan een groep die zelf "
                        "groot genoeg is ook x maken, zodat niets kan worden teruggerekend.",
                   G->year);
    rpt_doc_text(d, s, 9.5);
    for (size_t b = 0; b < NBREAK; b++)
        breakdown_table(d, G, b);
}

/* ---- 4. perinatal outcomes by route --------------------------------------------------------- */

/* The regions (not '*') with pregnancies in the table: the reference of observed/expected is all of them together. */
static size_t regions_with_data(const rpt_data *d)
{
    size_t n = 0;
    const char *last = NULL;
    for (size_t i = 0; i < d->nrows; i++) {
        const rpt_row *r = &d->rows[i];
        if (strcmp(r->indicator, "route.gescreend") != 0 || strcmp(r->regio, "*") == 0)
            continue;
        if (!last || strcmp(last, r->regio) != 0)
            n++;
        last = r->regio;
    }
    return n;
}

/* A ratio with its interval and ▲/▼ where the interval excludes 1; "–" where it cannot be computed. */
static void ratio_cell(char *out, size_t cap, const rpt_row *r, int en)
{
    char v[200];
    cell_value(v, sizeof v, r, 1, en);
    int flag = has_ci(r) && (r->lo > 1 || r->hi < 1);
    (void)snprintf(out, cap, "%s%s", v, flag ? (r->lo > 1 ? " ▲" : " ▼") : "");
}

/* A sentence about a shown ratio: more than chance only where the interval excludes 1. */
static int ratio_sentence(char *out, size_t cap, const char *title, const rpt_row *r, int oe, int en)
{
    if (!r || r->suppressed || isnan(r->waarde) || !has_ci(r))
        return 0;
    int above = r->lo > 1, below = r->hi < 1;
    if (oe)
        (void)snprintf(out, cap, "%s: %s", title,
                       above   ? RPT_T(en, "de regio ligt hoger dan verwacht naar leeftijd en pariteit, meer dan toeval.",
                                       "the region is higher than expected by age and parity, more than chance.")
                       : below ? RPT_T(en, "de regio ligt lager dan verwacht naar leeftijd en pariteit, meer dan toeval.",
                                       "the region is lower than expected by age and parity, more than chance.")
                               : RPT_T(en, "het verschil met wat verwacht wordt valt binnen de toevalsmarge.",
                                       "the difference from what is expected is within the margin of chance."));
    else
        (void)snprintf(out, cap, "%s: %s", title,
                       above   ? RPT_T(en, "het risico is in route 3 hoger dan in route 1, meer dan toeval.",
                                       "the risk is higher in route 3 than in route 1, more than chance.")
                       : below ? RPT_T(en, "het risico is in route 3 lager dan in route 1, meer dan toeval.",
                                       "the risk is lower in route 3 than in route 1, more than chance.")
                               : RPT_T(en, "het verschil tussen route 3 en route 1 valt binnen de toevalsmarge.",
                                       "the difference between route 3 and route 1 is within the margin of chance."));
    return 1;
}

static void section_perinatal(rpt_doc *d, regio_rpt *G)
{
    const int en = G->ctx->en;
    const rpt_data *D = G->ctx->data;
    const char *R = G->ctx->regio;
    char s[1200], v[400];
    section_heading(d, RPT_T(en, "4. Perinatale uitkomsten naar route", "4. Perinatal outcomes by route"));
    int rolling = strchr(G->window, '-') != NULL;
    if (rolling)
        (void)snprintf(s, sizeof s,
                       en ? "Children born in %s, a rolling three-year window: a region sees few perinatal deaths a "
                            "year, so one year alone says little. By the route of the pregnancy, with the 95%% interval "
                            "and teller / noemer."
                          : "Kinderen geboren in %s, een voortschrijdend venster van drie jaar: een regio ziet per jaar "
                            "weinig perinatale sterfte, dus één jaar alleen zegt weinig. Naar de route van de "
                            "zwangerschap, met het 95%%-interval en teller / noemer.",
                       G->window);
    else
        (void)snprintf(s, sizeof s,
                       en ? "Children born in %s: the rolling three-year window that ends in %s has not been written "
                            "(it needs data in all three years), so this is the year alone. By the route of the "
                            "pregnancy, with the 95%% interval and teller / noemer."
                          : "Kinderen geboren in %s: het voortschrijdende venster van drie jaar dat in %s eindigt is er "
                            "niet (daarvoor zijn gegevens in alle drie de jaren nodig), dus dit is het jaar alleen. Naar "
                            "de route van de zwangerschap, met het 95%%-interval en teller / noemer.",
                       G->window, G->year);
    rpt_doc_text(d, s, 9.5);

    static const double w[] = {0.19, 0.27, 0.27, 0.27};
    static const int al[] = {RPT_LEFT, RPT_RIGHT, RPT_RIGHT, RPT_RIGHT};
    char heads[NPERI + 1][200];
    const char *h[NPERI + 1];
    kr_strlcpy(heads[0], "Route", sizeof heads[0]);
    for (size_t i = 0; i < NPERI; i++) {
        char t[200];
        rpt_title(t, sizeof t, perinatal_ids[i], en);
        rpt_markup_escape(heads[i + 1], sizeof heads[i + 1], t);
    }
    for (size_t i = 0; i <= NPERI; i++)
        h[i] = heads[i];
    rpt_table t;
    rpt_table_init(&t, NPERI + 1, w, al, h);
    t.font_size = 9;
    for (size_t c = 0; c <= NROUTES; c++) {
        char lab[200];
        if (c < NROUTES)
            category_label(lab, sizeof lab, D, "route", routes[c], en);
        else
            (void)snprintf(lab, sizeof lab, "<b>%s</b>", RPT_T(en, "Alle kinderen", "All children"));
        (void)rpt_table_cell(&t, lab);
        for (size_t i = 0; i < NPERI; i++) {
            cell_counts(v, sizeof v,
                        rpt_get(D, perinatal_ids[i], R, "*", c < NROUTES ? "route" : "totaal", c < NROUTES ? routes[c] : "",
                                G->window),
                        en);
            (void)rpt_table_cell(&t, v);
        }
    }
    /* the national reference values beside the region's, where there are any (referenties) */
    const rpt_reference *refs[NPERI];
    int any_ref = 0;
    for (size_t i = 0; i < NPERI; i++)
        any_ref |= (refs[i] = rpt_reference_get(D, perinatal_ids[i], rpt_year(G->year))) != NULL;
    if (any_ref) {
        (void)rpt_table_cellf(&t, "<i>%s</i>", RPT_T(en, "Landelijk", "National"));
        for (size_t i = 0; i < NPERI; i++) {
            if (!refs[i]) {
                (void)rpt_table_cell(&t, "–");
                continue;
            }
            const eng_indicator *ind = eng_indicator_find(perinatal_ids[i]);
            char num[48], src[160];
            rpt_num(num, sizeof num, refs[i]->waarde, 1, en);
            rpt_markup_escape(src, sizeof src, refs[i]->bron);
            (void)rpt_table_cellf(&t, "<i>%s %s</i>\n<span size=\"small\">%s %s</span>", num,
                                  rpt_unit_symbol(ind ? ind->unit : "%", en), src, refs[i]->periode);
        }
    }
    rpt_doc_table(d, &t);
    rpt_table_fini(&t);
    if (any_ref)
        rpt_doc_markup(d,
                       RPT_T(en,
                             "<i>Landelijk: de referentiewaarde uit de referentiegegevens (bron en jaar eronder), het "
                             "laatste jaar tot en met het jaar van dit rapport.</i>",
                             "<i>National: the reference value from the reference data (source and year below it), the "
                             "latest year up to the year of this report.</i>"),
                       9);
    rpt_doc_markup(d,
                   RPT_T(en,
                         "<i>De noemers tellen kinderen (levend en doodgeboren) geboren bij een zwangerschapsduur van "
                         "ten minste 24+0 weken, zoals de uitkomstindicator van Kansrijke Start en het CBS. Perined "
                         "publiceert ook vanaf 22+0 weken: cijfers van Perined zijn daarom niet zonder meer "
                         "vergelijkbaar.</i>",
                         "<i>The denominators count children (live-born and stillborn) born at a gestational age of at "
                         "least 24+0 weeks, as the Kansrijke Start outcome indicator and Statistics Netherlands do. "
                         "Perined also publishes from 22+0 weeks: its figures are therefore not directly "
                         "comparable.</i>"),
                   9);

    rpt_doc_need(d, 170); /* the heading, its explanation and the table together */
    rpt_doc_heading(d, 2, RPT_T(en, "Relatief risico en waargenomen tegen verwacht", "Relative risk and observed against expected"), 0);
    rpt_doc_text(d,
                 RPT_T(en, "Het relatieve risico deelt het cijfer van route 3 door dat van route 1 (95%-interval volgens "
                           "de log-methode). Waargenomen/verwacht deelt het aantal van de regio door het aantal dat te "
                           "verwachten is uit de cijfers van alle regio's naar leeftijdsklasse en pariteit (indirecte "
                           "standaardisatie). 1 is gelijk; ▲ of ▼ waar het interval 1 uitsluit: meer dan toeval. – : niet "
                           "te berekenen, omdat een van beide groepen niet getoond wordt of geen gebeurtenis heeft.",
                       "The relative risk divides the figure of route 3 by that of route 1 (95% interval by the log "
                       "method). Observed/expected divides the region's number by the number expected from the rates of "
                       "all regions by age group and parity (indirect standardisation). 1 is equal; ▲ or ▼ where the "
                       "interval excludes 1: more than chance. – : cannot be computed, because one of the two groups "
                       "is not shown or has no event."),
                 9.5);
    static const double w2[] = {0.34, 0.33, 0.33};
    static const int al2[] = {RPT_LEFT, RPT_RIGHT, RPT_RIGHT};
    const char *h2[] = {RPT_T(en, "Uitkomst", "Outcome"),
                        RPT_T(en, "Relatief risico route 3 / route 1", "Relative risk route 3 / route 1"),
                        RPT_T(en, "Waargenomen / verwacht", "Observed / expected")};
    rpt_table t2;
    rpt_table_init(&t2, 3, w2, al2, h2);
    t2.font_size = 9;
    char said[NPERI * 2][600];
    size_t nsaid = 0;
    for (size_t i = 0; i < NPERI; i++) {
        char id[96], title[200];
        rpt_title(title, sizeof title, perinatal_ids[i], en);
        (void)rpt_table_cell(&t2, heads[i + 1]);
        (void)snprintf(id, sizeof id, "%s.rr_route3", perinatal_ids[i]);
        const rpt_row *rr = rpt_total(D, id, R, G->window);
        ratio_cell(v, sizeof v, rr, en);
        (void)rpt_table_cell(&t2, v);
        nsaid += (size_t)ratio_sentence(said[nsaid], sizeof said[0], title, rr, 0, en);
        (void)snprintf(id, sizeof id, "%s.oe", perinatal_ids[i]);
        const rpt_row *oe = rpt_total(D, id, R, G->window);
        ratio_cell(v, sizeof v, oe, en);
        (void)rpt_table_cell(&t2, v);
        nsaid += (size_t)ratio_sentence(said[nsaid], sizeof said[0], title, oe, 1, en);
    }
    rpt_doc_table(d, &t2);
    rpt_table_fini(&t2);
    for (size_t i = 0; i < nsaid; i++)
        rpt_doc_text(d, said[i], 9.5);
    if (regions_with_data(D) == 1)
        rpt_doc_text(d,
                     RPT_T(en, "Deze database bevat alleen deze regio: het verwachte aantal komt dan uit de cijfers van "
                               "de regio zelf, zodat waargenomen/verwacht 1 is. Een vergelijking met andere regio's "
                               "staat in het rapport vergelijk.",
                           "This database holds this region only: the expected number then comes from the region's own "
                           "rates, so observed/expected is 1. The vergelijk report compares regions."),
                     9.5);
}

/* ---- 5. the shift from the second to the first line ---------------------------------------- */

/* The words for a trend: ↑/↓ only where its interval excludes zero. */
static const char *trend_words(const rpt_row *r, int en)
{
    if (!r)
        return "–";
    if (r->suppressed)
        return "x";
    if (!has_ci(r))
        return "–";
    if (r->lo > 0)
        return RPT_T(en, "↑ stijgend: het interval sluit nul uit", "↑ rising: the interval excludes zero");
    if (r->hi < 0)
        return RPT_T(en, "↓ dalend: het interval sluit nul uit", "↓ falling: the interval excludes zero");
    return RPT_T(en, "binnen de toevalsmarge", "within the margin of chance");
}

static void shift_years(rpt_doc *d, regio_rpt *G)
{
    const int en = G->ctx->en;
    const rpt_data *D = G->ctx->data;
    const char *R = G->ctx->regio;
    static const double w[] = {0.12, 0.22, 0.22, 0.22, 0.22};
    static const int al[] = {RPT_LEFT, RPT_RIGHT, RPT_RIGHT, RPT_RIGHT, RPT_RIGHT};
    const char *h[] = {RPT_T(en, "Jaar", "Year"), RPT_T(en, "Begin baring eerste lijn", "Labour in primary care"),
                       RPT_T(en, "Verschil met het basisjaar", "Difference from the baseline"),
                       RPT_T(en, "Zorgdagen eerste lijn", "Care days in primary care"),
                       RPT_T(en, "Verschil met het basisjaar", "Difference from the baseline")};
    rpt_table t;
    rpt_table_init(&t, 5, w, al, h);
    t.font_size = 9;
    int py = rpt_year(G->year);
    for (int y = G->basis; y > 0 && y <= py; y++) {
        char ys[16], v[320];
        (void)snprintf(ys, sizeof ys, "%d", y);
        (void)rpt_table_cell(&t, ys);
        cell_value2(v, sizeof v, rpt_total(D, "lijn.eerste_lijn_baring", R, ys), -1, en);
        (void)rpt_table_cell(&t, v);
        if (y == G->basis)
            (void)rpt_table_cell(&t, RPT_T(en, "basisjaar", "baseline year"));
        else {
            cell_value2(v, sizeof v, rpt_total(D, "lijn.verschuiving.eerste_lijn_baring.verschil", R, ys), -1, en);
            (void)rpt_table_cell(&t, v);
        }
        cell_value2(v, sizeof v, rpt_total(D, "lijn.eerste_lijn_dagen", R, ys), -1, en);
        (void)rpt_table_cell(&t, v);
        if (y == G->basis)
            (void)rpt_table_cell(&t, RPT_T(en, "basisjaar", "baseline year"));
        else {
            cell_value2(v, sizeof v, rpt_total(D, "lijn.verschuiving.eerste_lijn_dagen.verschil", R, ys), -1, en);
            (void)rpt_table_cell(&t, v);
        }
    }
    if (t.nrows)
        rpt_doc_table(d, &t);
    rpt_table_fini(&t);
}

/* The trends per quarter: a row per group (all, then the routes), a column per shifted indicator. */
static void shift_trends(rpt_doc *d, regio_rpt *G)
{
    const int en = G->ctx->en;
    const rpt_data *D = G->ctx->data;
    const char *R = G->ctx->regio;
    static const char *const trend_rows[] = {"lijn.verschuiving.eerste_lijn_baring.trend",
                                             "lijn.verschuiving.eerste_lijn_dagen.trend"};
    static const double w[] = {0.2, 0.4, 0.4};
    static const int al[] = {RPT_LEFT, RPT_RIGHT, RPT_RIGHT};
    const char *h[] = {RPT_T(en, "Groep", "Group"), RPT_T(en, "Begin baring eerste lijn", "Labour in primary care"),
                       RPT_T(en, "Zorgdagen eerste lijn", "Care days in primary care")};
    rpt_table t;
    rpt_table_init(&t, 3, w, al, h);
    t.font_size = 9;
    for (size_t g = 0; g <= NROUTES; g++) {
        const rpt_row *r[2];
        for (size_t k = 0; k < 2; k++)
            r[k] = g == 0 ? any_row(D, trend_rows[k], R, "totaal", "") : any_row(D, trend_rows[k], R, "route", routes[g - 1]);
        if (!r[0] && !r[1])
            continue;
        char cat[120];
        if (g == 0)
            (void)snprintf(cat, sizeof cat, "<b>%s</b>", RPT_T(en, "Alle", "All"));
        else
            category_label(cat, sizeof cat, D, "route", routes[g - 1], en);
        (void)rpt_table_cell(&t, cat);
        for (size_t k = 0; k < 2; k++) {
            char v[320];
            if (!r[k] || r[k]->suppressed || isnan(r[k]->waarde)) {
                rpt_value(v, sizeof v, r[k], en);
                (void)rpt_table_cell(&t, v);
                continue;
            }
            /* a slope of a few hundredths of a point: two decimals */
            cell_value2(v, sizeof v, r[k], 2, en);
            (void)rpt_table_cellf(&t, "%s · %s", v, trend_words(r[k], en));
        }
    }
    if (t.nrows)
        rpt_doc_table(d, &t);
    else
        rpt_doc_text(d, RPT_T(en, "Er is nog geen trend berekend.", "No trend has been computed yet."), 9.5);
    rpt_table_fini(&t);
}

static void section_shift(rpt_doc *d, regio_rpt *G)
{
    const int en = G->ctx->en;
    char s[900];
    section_heading(d, RPT_T(en, "5. Van de tweede naar de eerste lijn", "5. From secondary to primary care"));
    if (G->basis)
        (void)snprintf(s, sizeof s,
                       en ? "The share of births whose labour started in primary care, and the share of care days of "
                            "pregnancies in routes 2 and 3 in primary care, per quarter (the blue line) with the light blue "
                            "band of the 95%% interval (care days have none). The green dashed line is the value of the "
                            "baseline year %d (the first year with data in all four quarters)."
                          : "Het aandeel geboortes waarvan de baring in de eerste lijn begon, en het aandeel zorgdagen "
                            "van zwangerschappen in route 2 en 3 in de eerste lijn, per kwartaal (de blauwe lijn) met de "
                            "lichtblauwe band van het 95%%-interval (zorgdagen hebben er geen). De groene streeplijn is de "
                            "waarde van het basisjaar %d (het eerste jaar met gegevens in alle vier de kwartalen).",
                       G->basis);
    else
        (void)snprintf(s, sizeof s, "%s",
                       RPT_T(en, "Het aandeel geboortes waarvan de baring in de eerste lijn begon, en het aandeel "
                                 "zorgdagen in de eerste lijn, per kwartaal. Er is nog geen basisjaar.",
                             "The share of births whose labour started in primary care, and the share of care days in "
                             "primary care, per quarter. There is no baseline year yet."));
    rpt_doc_text(d, s, 9.5);
    char ta[400], tb[400], ea[300], eb[300];
    rpt_markup_escape(ea, sizeof ea, G->ch_baring->title);
    rpt_markup_escape(eb, sizeof eb, G->ch_dagen->title);
    (void)snprintf(ta, sizeof ta, "<b>%s</b>", ea);
    (void)snprintf(tb, sizeof tb, "<b>%s</b>", eb);
    const rpt_chart *c[2] = {G->ch_baring, G->ch_dagen};
    const char *m[2] = {ta, tb};
    chart_pair(d, c, m);
    rpt_doc_heading(d, 2, RPT_T(en, "Verschil met het basisjaar en de trend", "Difference from the baseline and the trend"), 0);
    rpt_doc_text(d,
                 RPT_T(en, "Het verschil in procentpunten met het basisjaar, per jaar (95%-interval volgens Newcombe; "
                           "zorgdagen tellen dagen, geen personen, en hebben geen interval).",
                       "The difference in percentage points from the baseline year, per year (95% interval by "
                       "Newcombe; care days count days, not persons, and have no interval)."),
                 9.5);
    shift_years(d, G);
    const rpt_row *tr = any_row(G->ctx->data, "lijn.verschuiving.eerste_lijn_baring.trend", G->ctx->regio, "totaal", "");
    rpt_doc_need(d, 190); /* the explanation stays with the trend table */
    (void)snprintf(s, sizeof s,
                   en ? "The trend is the slope in percentage points per quarter over the quarters shown of %s "
                        "(weighted least squares), with its 95%% interval. An arrow only where the interval excludes "
                        "zero; otherwise the slope is within the margin of chance and this report does not say that "
                        "anything changed."
                      : "De trend is de helling in procentpunten per kwartaal over de getoonde kwartalen van %s "
                        "(gewogen kleinste kwadraten), met het 95%%-interval. Een pijl alleen waar het interval nul "
                        "uitsluit; anders valt de helling binnen de toevalsmarge en zegt dit rapport niet dat er iets "
                        "veranderd is.",
                   tr ? tr->periode : "–");
    rpt_doc_text(d, s, 9.5);
    shift_trends(d, G);
}

/* ---- 6. retention to two years ------------------------------------------------------------- */

static void retention_table(rpt_doc *d, regio_rpt *G)
{
    const int en = G->ctx->en;
    const rpt_data *D = G->ctx->data;
    const char *R = G->ctx->regio;
    static const char *const ages[] = {"s6m", "s12m", "s18m", "s24m"};
    static const double w[] = {0.24, 0.12, 0.16, 0.16, 0.16, 0.16};
    static const int al[] = {RPT_LEFT, RPT_RIGHT, RPT_RIGHT, RPT_RIGHT, RPT_RIGHT, RPT_RIGHT};
    const char *h[] = {RPT_T(en, "Geboren in", "Born in"), RPT_T(en, "Kinderen", "Children"),
                       RPT_T(en, "6 maanden", "6 months"), RPT_T(en, "12 maanden", "12 months"),
                       RPT_T(en, "18 maanden", "18 months"), RPT_T(en, "24 maanden", "24 months")};
    rpt_table t;
    rpt_table_init(&t, 6, w, al, h);
    t.font_size = 9;
    int py = rpt_year(G->year);
    for (int y = py - 2; y <= py; y++) {
        char ys[16];
        (void)snprintf(ys, sizeof ys, "%d", y);
        for (size_t g = 0; g < NKM; g++) {
            const char *groep = km_groups[g][0] ? "route" : "totaal";
            const rpt_row *rows[4];
            const rpt_row *cohort = NULL;
            int any = 0;
            for (size_t a = 0; a < 4; a++) {
                char id[64];
                (void)snprintf(id, sizeof id, "nazorg.in_zorg.%s", ages[a]);
                rows[a] = rpt_get(D, id, R, "*", groep, km_groups[g], ys);
                any |= rows[a] != NULL;
                /* the cohort's size: the noemer of a shown row (every age's row has the same) */
                if (!cohort && rows[a] && !rows[a]->suppressed && rows[a]->noemer >= 0)
                    cohort = rows[a];
            }
            if (!any)
                continue;
            char lab[200], cat[120], v[320];
            if (g == 0)
                kr_strlcpy(cat, RPT_T(en, "alle kinderen", "all children"), sizeof cat);
            else
                category_label(cat, sizeof cat, D, "route", km_groups[g], en);
            (void)snprintf(lab, sizeof lab, g == 0 ? "<b>%s, %s</b>" : "%s, %s", ys, cat);
            (void)rpt_table_cell(&t, lab);
            rpt_count(v, sizeof v, cohort ? cohort->noemer : -1, cohort == NULL, en);
            (void)rpt_table_cell(&t, v);
            for (size_t a = 0; a < 4; a++) {
                cell_value2(v, sizeof v, rows[a], -1, en);
                (void)rpt_table_cell(&t, v);
            }
        }
    }
    if (t.nrows)
        rpt_doc_table(d, &t);
    else
        rpt_doc_text(d, RPT_T(en, "Nog geen geboortecohort met een cijfer.", "No birth cohort with a figure yet."), 9.5);
    rpt_table_fini(&t);
}

static void section_retention(rpt_doc *d, regio_rpt *G)
{
    const int en = G->ctx->en;
    char s[900];
    section_heading(d, RPT_T(en, "6. In beeld bij de JGZ tot twee jaar", "6. Followed up by youth health care to two years"));
    if (G->km_cohort[0])
        (void)snprintf(s, sizeof s,
                       en ? "Children born in %s still followed up by youth health care, by route (Kaplan–Meier with "
                            "95%% bands; a curve is drawn only while at least 10 children are at risk). A loss is dated "
                            "back to the last contact before a gap of more than 200 days: recent cohorts look better "
                            "until their gaps can complete."
                          : "Kinderen geboren in %s die nog in beeld zijn bij de JGZ, per route (Kaplan–Meier met "
                            "95%%-banden; een curve loopt alleen zolang ten minste 10 kinderen risico lopen). Een verlies "
                            "wordt teruggedateerd naar het laatste contact voor een gat van meer dan 200 dagen: recente "
                            "cohorten zien er beter uit tot hun gaten kunnen ontstaan.",
                       G->km_cohort);
    else
        (void)snprintf(s, sizeof s, "%s",
                       RPT_T(en, "Er is nog geen geboortecohort met een curve (daarvoor zijn ten minste 10 kinderen "
                                 "nodig die risico lopen).",
                             "There is no birth cohort with a curve yet (that takes at least 10 children at risk)."));
    rpt_doc_text(d, s, 9.5);
    rpt_doc_chart(d, G->ch_km, 0);
    rpt_doc_heading(d, 2, RPT_T(en, "In beeld op vaste leeftijden, per geboortejaar", "Followed up at fixed ages, by birth year"), 0);
    rpt_doc_text(d,
                 RPT_T(en, "Het aandeel kinderen dat op die leeftijd nog in beeld is (Kaplan–Meier, 95%-interval), met "
                           "het aantal kinderen in het cohort. Een cohort waarvan het jongste kind die leeftijd nog niet "
                           "bereikt heeft is voorlopig (*); ook hier zien recente cohorten er beter uit tot hun gaten "
                           "kunnen ontstaan.",
                       "The share of children still followed up at that age (Kaplan–Meier, 95% interval), with the "
                       "number of children in the cohort. A cohort whose youngest child has not reached that age is "
                       "provisional (*); here too recent cohorts look better until their gaps can complete."),
                 9.5);
    retention_table(d, G);
}

/* ---- 7. route transitions and risk factors -------------------------------------------------- */

static void transitions(rpt_doc *d, regio_rpt *G)
{
    const int en = G->ctx->en;
    const rpt_data *D = G->ctx->data;
    const char *R = G->ctx->regio;
    static const double w[] = {0.31, 0.23, 0.23, 0.23};
    static const int al[] = {RPT_LEFT, RPT_RIGHT, RPT_RIGHT, RPT_RIGHT};
    const char *h[] = {RPT_T(en, "Route bij signalering", "Route at signalling"),
                       RPT_T(en, "naar route 1", "to route 1"), RPT_T(en, "naar route 2", "to route 2"),
                       RPT_T(en, "naar route 3", "to route 3")};
    rpt_table t;
    rpt_table_init(&t, 4, w, al, h);
    t.font_size = 9;
    for (int a = 1; a <= 3; a++) {
        (void)rpt_table_cellf(&t, "Route %d", a);
        for (int b = 1; b <= 3; b++) {
            char id[64], v[64];
            if (b < a) {
                /* the route is the highest of the screenings: it never steps down */
                (void)rpt_table_cell(&t, "–");
                continue;
            }
            (void)snprintf(id, sizeof id, "route.overgang.%d_%d", a, b);
            const rpt_row *r = rpt_total(D, id, R, G->year);
            if (!r)
                kr_strlcpy(v, "–", sizeof v);
            else
                rpt_count(v, sizeof v, r->teller, r->suppressed, en);
            (void)rpt_table_cellf(&t, "%s%s", v, r && r->voorlopig && !r->suppressed ? " *" : "");
        }
    }
    (void)rpt_table_cellf(&t, "<b>%s</b>", RPT_T(en, "In die route (samen)", "In that route (together)"));
    for (int b = 1; b <= 3; b++) {
        char id[64], v[64];
        (void)snprintf(id, sizeof id, "route.verdeling.%d", b);
        const rpt_row *r = rpt_total(D, id, R, G->year);
        if (!r)
            kr_strlcpy(v, "–", sizeof v);
        else
            rpt_count(v, sizeof v, r->teller, r->suppressed, en);
        (void)rpt_table_cellf(&t, "<b>%s</b>%s", v, r && r->voorlopig && !r->suppressed ? " *" : "");
    }
    rpt_doc_table(d, &t);
    rpt_table_fini(&t);
}

typedef struct factor {
    const rpt_row *r;
    char label[200];
} factor;

/* By share, highest first; not shown last; then by name. */
static int factor_cmp(const void *a, const void *b)
{
    const factor *x = a, *y = b;
    int hx = x->r->suppressed || isnan(x->r->waarde), hy = y->r->suppressed || isnan(y->r->waarde);
    if (hx != hy)
        return hx - hy;
    if (!hx && x->r->waarde != y->r->waarde)
        return x->r->waarde > y->r->waarde ? -1 : 1;
    return strcmp(x->label, y->label);
}

static void risk_factors(rpt_doc *d, regio_rpt *G)
{
    const int en = G->ctx->en;
    const rpt_data *D = G->ctx->data;
    const char *R = G->ctx->regio;
    static const char prefix[] = "route.risicofactoren.";
    factor f[64];
    size_t n = 0;
    for (size_t i = 0; i < D->nrows && n < 64; i++) {
        const rpt_row *r = &D->rows[i];
        if (strncmp(r->indicator, prefix, sizeof prefix - 1) != 0 || strcmp(r->regio, R) != 0 ||
            strcmp(r->site, "*") != 0 || strcmp(r->groep, "totaal") != 0 || strcmp(r->periode, G->year) != 0)
            continue;
        row_label(f[n].label, sizeof f[n].label, r->indicator, en);
        f[n].r = r;
        n++;
    }
    if (n == 0) {
        rpt_doc_text(d, RPT_T(en, "Geen risicofactoren in dit jaar.", "No risk factors in this year."), 9.5);
        return;
    }
    qsort(f, n, sizeof *f, factor_cmp);
    static const double w[] = {0.40, 0.35, 0.25};
    static const int al[] = {RPT_LEFT, RPT_RIGHT, RPT_RIGHT};
    const char *h[] = {RPT_T(en, "Risicofactor", "Risk factor"), RPT_T(en, "Aandeel (95%-interval)", "Share (95% interval)"),
                       RPT_T(en, "Teller / noemer", "Teller / noemer")};
    rpt_table t;
    rpt_table_init(&t, 3, w, al, h);
    t.font_size = 9;
    for (size_t i = 0; i < n; i++) {
        char v[200], a[40], b[40];
        (void)rpt_table_cell(&t, f[i].label);
        cell_value(v, sizeof v, f[i].r, 1, en);
        (void)rpt_table_cell(&t, v);
        rpt_count(a, sizeof a, f[i].r->teller, f[i].r->suppressed, en);
        rpt_count(b, sizeof b, f[i].r->noemer, f[i].r->suppressed, en);
        (void)rpt_table_cellf(&t, "%s / %s", a, b);
    }
    rpt_doc_table(d, &t);
    rpt_table_fini(&t);
}

static void section_routes(rpt_doc *d, regio_rpt *G)
{
    const int en = G->ctx->en;
    char s[900];
    section_heading(d, RPT_T(en, "7. Routeovergangen en risicofactoren", "7. Route transitions and risk factors"));
    rpt_doc_heading(d, 2, RPT_T(en, "Van route bij signalering naar route", "From route at signalling to route"), 0);
    (void)snprintf(s, sizeof s,
                   en ? "Pregnancies with intake in %s by the route of their first screening (rows) and their route: the "
                        "highest of all screenings before birth (columns). A route never steps down, so a transition "
                        "to a lower route does not exist (–). The last row is the number of pregnancies in each route."
                      : "Zwangerschappen met intake in %s naar de route van hun eerste screening (rijen) en hun route: "
                        "de hoogste van alle screenings voor de geboorte (kolommen). Een route daalt nooit, dus een "
                        "overgang naar een lagere route bestaat niet (–). De laatste rij is het aantal zwangerschappen "
                        "in elke route.",
                   G->year);
    rpt_doc_text(d, s, 9.5);
    transitions(d, G);
    rpt_doc_heading(d, 2, RPT_T(en, "Risicofactoren", "Risk factors"), 0);
    (void)snprintf(s, sizeof s,
                   en ? "The share of pregnancies in routes 2 and 3 with intake in %s that had the risk factor at any "
                        "screening, highest first. A pregnancy can have several."
                      : "Het aandeel zwangerschappen in route 2 en 3 met intake in %s dat de risicofactor bij een "
                        "screening had, het grootste eerst. Een zwangerschap kan er meer hebben.",
                   G->year);
    rpt_doc_text(d, s, 9.5);
    risk_factors(d, G);
}

static void draw(rpt_doc *d, void *state)
{
    regio_rpt *G = state;
    const int en = G->ctx->en;
    rpt_cover(d, G->ctx, RPT_T(en, "Regiovisie Kansrijke Start", "Kansrijke Start regional outcomes"));
    section_all(d, G);
    section_trends(d, G);
    section_breakdowns(d, G);
    section_perinatal(d, G);
    section_shift(d, G);
    section_retention(d, G);
    section_routes(d, G);
    rpt_appendix(d, appendix_ids, en);
}

const rpt_kind_def rpt_regio = {
    "regio", "Regiovisie: uitkomsten", "Regional outcomes", 0, 0, plan, draw, free_state,
};
