/*
 * The regio report, sections 4 to 7: the perinatal outcomes by route with relative risks and
 * observed/expected ratios, the shift from the second to the first line, retention to two years,
 * and route transitions with risk factors. regio.c plans the charts and draws sections 1 to 3.
 */
#include "rpt_plot.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The route categories in their order; a child's route is its pregnancy's. */
static const char *const routes[] = {"1", "2", "3", "niet_gescreend"};
#define NROUTES 4

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
    rpt_regio_cell_value(v, sizeof v, r, 1, en);
    int flag = rpt_regio_has_ci(r) && (r->lo > 1 || r->hi < 1);
    (void)snprintf(out, cap, "%s%s", v, flag ? (r->lo > 1 ? " ▲" : " ▼") : "");
}

/* A sentence about a shown ratio: more than chance only where the interval excludes 1. */
static int ratio_sentence(char *out, size_t cap, const char *title, const rpt_row *r, int oe, int en)
{
    if (!r || r->suppressed || isnan(r->waarde) || !rpt_regio_has_ci(r))
        return 0;
    int above = r->lo > 1, below = r->hi < 1;
    if (oe)
        (void)snprintf(out, cap, "%s: %s", title,
                       above   ? RPT_T(en,
                                       "de regio ligt hoger dan verwacht naar leeftijd en pariteit, meer dan toeval.",
                                       "the region is higher than expected by age and parity, more than chance.")
                       : below ? RPT_T(en,
                                       "de regio ligt lager dan verwacht naar leeftijd en pariteit, meer dan toeval.",
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

/* The outcomes by route in the window (national reference values beside them where there are any), and its notes;
   the column headings into heads. */
static void perinatal_table(rpt_doc *d, rpt_regio_state *G, char heads[][200])
{
    const int en = G->ctx->en;
    const rpt_data *D = G->ctx->data;
    const char *R = G->ctx->regio;
    char v[400];
    static const double w[] = {0.19, 0.27, 0.27, 0.27};
    static const int al[] = {RPT_LEFT, RPT_RIGHT, RPT_RIGHT, RPT_RIGHT};
    const char *h[RPT_REGIO_NPERI + 1];
    kr_strlcpy(heads[0], "Route", sizeof heads[0]);
    for (size_t i = 0; i < RPT_REGIO_NPERI; i++) {
        char t[200];
        rpt_title(t, sizeof t, rpt_regio_perinatal[i], en);
        rpt_markup_escape(heads[i + 1], sizeof heads[i + 1], t);
    }
    for (size_t i = 0; i <= RPT_REGIO_NPERI; i++)
        h[i] = heads[i];
    rpt_table t;
    rpt_table_init(&t, RPT_REGIO_NPERI + 1, w, al, h);
    t.font_size = 9;
    for (size_t c = 0; c <= NROUTES; c++) {
        char lab[200];
        if (c < NROUTES)
            rpt_regio_category_label(lab, sizeof lab, D, "route", routes[c], en);
        else
            (void)snprintf(lab, sizeof lab, "<b>%s</b>", RPT_T(en, "Alle kinderen", "All children"));
        (void)rpt_table_cell(&t, lab);
        for (size_t i = 0; i < RPT_REGIO_NPERI; i++) {
            rpt_regio_cell_counts(v, sizeof v,
                                  rpt_get(D, rpt_regio_perinatal[i], R, "*", c < NROUTES ? "route" : "totaal",
                                          c < NROUTES ? routes[c] : "", G->window),
                                  en);
            (void)rpt_table_cell(&t, v);
        }
    }
    /* the national reference values beside the region's, where there are any (referenties) */
    const rpt_reference *refs[RPT_REGIO_NPERI];
    int any_ref = 0;
    for (size_t i = 0; i < RPT_REGIO_NPERI; i++)
        any_ref |= (refs[i] = rpt_reference_get(D, rpt_regio_perinatal[i], rpt_year(G->year))) != NULL;
    if (any_ref) {
        (void)rpt_table_cellf(&t, "<i>%s</i>", RPT_T(en, "Landelijk", "National"));
        for (size_t i = 0; i < RPT_REGIO_NPERI; i++) {
            if (!refs[i]) {
                (void)rpt_table_cell(&t, "–");
                continue;
            }
            const eng_indicator *ind = eng_indicator_find(rpt_regio_perinatal[i]);
            char num[64], src[160];
            rpt_num_unit(num, sizeof num, refs[i]->waarde, 1, ind ? ind->unit : "%", en);
            rpt_markup_escape(src, sizeof src, refs[i]->bron);
            (void)rpt_table_cellf(&t, "<i>%s</i>\n<span size=\"small\">%s %s</span>", num, src, refs[i]->periode);
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
}

/* The relative risk of route 3 against route 1 and observed/expected, with a sentence for each ratio shown. */
static void perinatal_ratios(rpt_doc *d, rpt_regio_state *G, char heads[][200])
{
    const int en = G->ctx->en;
    const rpt_data *D = G->ctx->data;
    const char *R = G->ctx->regio;
    char v[400];
    rpt_doc_need(d, 170); /* the heading, its explanation and the table together */
    rpt_doc_heading(d, 2, RPT_T(en, "Relatief risico en waargenomen tegen verwacht",
                                "Relative risk and observed against expected"), 0);
    rpt_doc_text(d,
                 RPT_T(en, "Het relatieve risico deelt het cijfer van route 3 door dat van route 1 (95%-interval "
                           "volgens de log-methode). Waargenomen/verwacht deelt het aantal van de regio door het "
                           "aantal dat te verwachten is uit de cijfers van alle regio's naar leeftijdsklasse en "
                           "pariteit (indirecte standaardisatie). 1 is gelijk; ▲ of ▼ waar het interval 1 uitsluit: "
                           "meer dan toeval. x: niet getoond, omdat een van de rijen waarop het rust niet getoond "
                           "wordt; –: niet te berekenen (geen gebeurtenis).",
                       "The relative risk divides the figure of route 3 by that of route 1 (95% interval by the log "
                       "method). Observed/expected divides the region's number by the number expected from the rates "
                       "of all regions by age group and parity (indirect standardisation). 1 is equal; ▲ or ▼ where "
                       "the interval excludes 1: more than chance. x: not shown, as a row it rests on is not shown; "
                       "–: cannot be computed (no event)."),
                 9.5);
    static const double w2[] = {0.34, 0.33, 0.33};
    static const int al2[] = {RPT_LEFT, RPT_RIGHT, RPT_RIGHT};
    const char *h2[] = {RPT_T(en, "Uitkomst", "Outcome"),
                        RPT_T(en, "Relatief risico route 3 / route 1", "Relative risk route 3 / route 1"),
                        RPT_T(en, "Waargenomen / verwacht", "Observed / expected")};
    rpt_table t2;
    rpt_table_init(&t2, 3, w2, al2, h2);
    t2.font_size = 9;
    char said[RPT_REGIO_NPERI * 2][600];
    size_t nsaid = 0;
    for (size_t i = 0; i < RPT_REGIO_NPERI; i++) {
        char id[96], title[200];
        rpt_title(title, sizeof title, rpt_regio_perinatal[i], en);
        (void)rpt_table_cell(&t2, heads[i + 1]);
        (void)snprintf(id, sizeof id, "%s.rr_route3", rpt_regio_perinatal[i]);
        const rpt_row *rr = rpt_total(D, id, R, G->window);
        ratio_cell(v, sizeof v, rr, en);
        (void)rpt_table_cell(&t2, v);
        nsaid += (size_t)ratio_sentence(said[nsaid], sizeof said[0], title, rr, 0, en);
        (void)snprintf(id, sizeof id, "%s.oe", rpt_regio_perinatal[i]);
        const rpt_row *oe = rpt_total(D, id, R, G->window);
        ratio_cell(v, sizeof v, oe, en);
        (void)rpt_table_cell(&t2, v);
        nsaid += (size_t)ratio_sentence(said[nsaid], sizeof said[0], title, oe, 1, en);
    }
    rpt_doc_table(d, &t2);
    rpt_table_fini(&t2);
    /* all regions together are their own reference: the ratio would be 1 by construction, so there is none */
    if (strcmp(R, "*") == 0)
        rpt_doc_text(d,
                     RPT_T(en, "Voor alle regio's samen staat er bij waargenomen/verwacht een –: het verwachte aantal "
                               "komt uit de cijfers van alle regio's zelf, dus de verhouding is daar altijd 1.",
                           "For all regions together observed/expected shows –: the expected number comes from the "
                           "rates of all regions themselves, so there the ratio is always 1."),
                     9.5);
    for (size_t i = 0; i < nsaid; i++)
        rpt_doc_text(d, said[i], 9.5);
    if (regions_with_data(D) == 1)
        rpt_doc_text(d,
                     RPT_T(en, "Deze database bevat alleen deze regio: het verwachte aantal komt dan uit de cijfers "
                               "van de regio zelf, zodat waargenomen/verwacht 1 is. Een vergelijking met andere "
                               "regio's staat in het rapport vergelijk.",
                           "This database holds this region only: the expected number then comes from the region's own "
                           "rates, so observed/expected is 1. The vergelijk report compares regions."),
                     9.5);
}

void rpt_regio_section_perinatal(rpt_doc *d, rpt_regio_state *G)
{
    const int en = G->ctx->en;
    char s[1200];
    rpt_regio_section_heading(d, RPT_T(en, "4. Perinatale uitkomsten naar route", "4. Perinatal outcomes by route"));
    int rolling = strchr(G->window, '-') != NULL;
    if (rolling)
        (void)snprintf(s, sizeof s,
                       en ? "Children born in %s, a rolling three-year window: a region sees few perinatal deaths a "
                            "year, so one year alone says little. By the route of the pregnancy, with the 95%% "
                            "interval and numerator / denominator."
                          : "Kinderen geboren in %s, een voortschrijdend venster van drie jaar: een regio ziet per "
                            "jaar weinig perinatale sterfte, dus één jaar alleen zegt weinig. Naar de route van de "
                            "zwangerschap, met het 95%%-interval en teller / noemer.",
                       G->window);
    else
        (void)snprintf(s, sizeof s,
                       en ? "Children born in %s: the rolling three-year window that ends in %s has not been written "
                            "(it needs data in all three years), so this is the year alone. By the route of the "
                            "pregnancy, with the 95%% interval and numerator / denominator."
                          : "Kinderen geboren in %s: het voortschrijdende venster van drie jaar dat in %s eindigt is "
                            "er niet (daarvoor zijn gegevens in alle drie de jaren nodig), dus dit is het jaar alleen. "
                            "Naar de route van de zwangerschap, met het 95%%-interval en teller / noemer.",
                       G->window, G->year);
    rpt_doc_text(d, s, 9.5);
    char heads[RPT_REGIO_NPERI + 1][200];
    perinatal_table(d, G, heads);
    perinatal_ratios(d, G, heads);
}

/* ---- 5. the shift from the second to the first line ---------------------------------------- */

/* The words for a trend: ↑/↓ only where its interval excludes zero. */
static const char *trend_words(const rpt_row *r, int en)
{
    if (!r)
        return "–";
    if (r->suppressed)
        return "x";
    if (!rpt_regio_has_ci(r))
        return "–";
    if (r->lo > 0)
        return RPT_T(en, "↑ stijgend: het interval sluit nul uit", "↑ rising: the interval excludes zero");
    if (r->hi < 0)
        return RPT_T(en, "↓ dalend: het interval sluit nul uit", "↓ falling: the interval excludes zero");
    return RPT_T(en, "binnen de toevalsmarge", "within the margin of chance");
}

static void shift_years(rpt_doc *d, rpt_regio_state *G)
{
    const int en = G->ctx->en;
    const rpt_data *D = G->ctx->data;
    const char *R = G->ctx->regio;
    static const double w[] = {0.12, 0.22, 0.22, 0.22, 0.22};
    static const int al[] = {RPT_LEFT, RPT_RIGHT, RPT_RIGHT, RPT_RIGHT, RPT_RIGHT};
    const char *h[] = {RPT_T(en, "Jaar", "Year"),
                       RPT_T(en, "Begin baring eerste lijn", "Labour starting in primary care"),
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
        rpt_regio_cell_value2(v, sizeof v, rpt_total(D, "lijn.eerste_lijn_baring", R, ys), -1, en);
        (void)rpt_table_cell(&t, v);
        if (y == G->basis)
            (void)rpt_table_cell(&t, RPT_T(en, "basisjaar", "baseline year"));
        else {
            rpt_regio_cell_value2(v, sizeof v, rpt_total(D, "lijn.verschuiving.eerste_lijn_baring.verschil", R, ys),
                                  -1, en);
            (void)rpt_table_cell(&t, v);
        }
        rpt_regio_cell_value2(v, sizeof v, rpt_total(D, "lijn.eerste_lijn_dagen", R, ys), -1, en);
        (void)rpt_table_cell(&t, v);
        if (y == G->basis)
            (void)rpt_table_cell(&t, RPT_T(en, "basisjaar", "baseline year"));
        else {
            rpt_regio_cell_value2(v, sizeof v, rpt_total(D, "lijn.verschuiving.eerste_lijn_dagen.verschil", R, ys),
                                  -1, en);
            (void)rpt_table_cell(&t, v);
        }
    }
    if (t.nrows)
        rpt_doc_table(d, &t);
    rpt_table_fini(&t);
}

/* The trends per quarter: a row per group (all, then the routes), a column per shifted indicator. */
static void shift_trends(rpt_doc *d, rpt_regio_state *G)
{
    const int en = G->ctx->en;
    const rpt_data *D = G->ctx->data;
    const char *R = G->ctx->regio;
    static const char *const trend_rows[] = {"lijn.verschuiving.eerste_lijn_baring.trend",
                                             "lijn.verschuiving.eerste_lijn_dagen.trend"};
    static const double w[] = {0.2, 0.4, 0.4};
    static const int al[] = {RPT_LEFT, RPT_RIGHT, RPT_RIGHT};
    const char *h[] = {RPT_T(en, "Groep", "Group"),
                       RPT_T(en, "Begin baring eerste lijn", "Labour starting in primary care"),
                       RPT_T(en, "Zorgdagen eerste lijn", "Care days in primary care")};
    rpt_table t;
    rpt_table_init(&t, 3, w, al, h);
    t.font_size = 9;
    for (size_t g = 0; g <= NROUTES; g++) {
        const rpt_row *r[2];
        for (size_t k = 0; k < 2; k++)
            r[k] = g == 0 ? rpt_regio_any_row(D, trend_rows[k], R, "totaal", "")
                          : rpt_regio_any_row(D, trend_rows[k], R, "route", routes[g - 1]);
        if (!r[0] && !r[1])
            continue;
        char cat[120];
        if (g == 0)
            (void)snprintf(cat, sizeof cat, "<b>%s</b>", RPT_T(en, "Alle", "All"));
        else
            rpt_regio_category_label(cat, sizeof cat, D, "route", routes[g - 1], en);
        (void)rpt_table_cell(&t, cat);
        for (size_t k = 0; k < 2; k++) {
            char v[320];
            if (!r[k] || r[k]->suppressed || isnan(r[k]->waarde)) {
                rpt_value(v, sizeof v, r[k], en);
                (void)rpt_table_cell(&t, v);
                continue;
            }
            /* a slope of a few hundredths of a point: two decimals */
            rpt_regio_cell_value2(v, sizeof v, r[k], 2, en);
            /* the slope, its interval under it, and what it says on a line of its own */
            (void)rpt_table_cellf(&t, "%s\n<span size=\"smaller\">%s</span>", v, trend_words(r[k], en));
        }
    }
    if (t.nrows)
        rpt_doc_table(d, &t);
    else
        rpt_doc_text(d, RPT_T(en, "Er is nog geen trend berekend.", "No trend has been computed yet."), 9.5);
    rpt_table_fini(&t);
}

void rpt_regio_section_shift(rpt_doc *d, rpt_regio_state *G)
{
    const int en = G->ctx->en;
    char s[900];
    rpt_regio_section_heading(d, RPT_T(en, "5. Van de tweede naar de eerste lijn",
                                       "5. From secondary to primary care"));
    if (G->basis)
        (void)snprintf(s, sizeof s,
                       en ? "The share of births whose labour started in primary care, and the share of care days of "
                            "pregnancies in routes 2 and 3 in primary care, per quarter (the blue line) with the light "
                            "blue band of the 95%% interval (care days have none). The green dashed line is the value "
                            "of the baseline year %d (the first year with data in all four quarters). An open ring "
                            "around a point: provisional (*), its cohort can still change."
                          : "Het aandeel geboortes waarvan de baring in de eerste lijn begon, en het aandeel zorgdagen "
                            "van zwangerschappen in route 2 en 3 in de eerste lijn, per kwartaal (de blauwe lijn) met "
                            "de lichtblauwe band van het 95%%-interval (zorgdagen hebben er geen). De groene "
                            "streeplijn is de waarde van het basisjaar %d (het eerste jaar met gegevens in alle vier "
                            "de kwartalen). Een open rondje om een punt: voorlopig (*), het cohort kan nog "
                            "veranderen.",
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
    rpt_regio_chart_pair(d, c, m);
    rpt_doc_heading(d, 2, RPT_T(en, "Verschil met het basisjaar en de trend",
                                "Difference from the baseline and the trend"), 0);
    rpt_doc_text(d,
                 RPT_T(en, "Het verschil in procentpunten met het basisjaar, per jaar (95%-interval volgens Newcombe; "
                           "zorgdagen tellen dagen, geen personen, en hebben geen interval).",
                       "The difference in percentage points from the baseline year, per year (95% interval by "
                       "Newcombe; care days count days, not persons, and have no interval)."),
                 9.5);
    shift_years(d, G);
    const rpt_row *tr = rpt_regio_any_row(G->ctx->data, "lijn.verschuiving.eerste_lijn_baring.trend", G->ctx->regio,
                                          "totaal", "");
    /* the trend's window of years: 2024-2025, or 2025 when it is one year */
    char span[16] = "\u2013";
    if (tr && strlen(tr->periode) == 9 && tr->periode[4] == '-' && strncmp(tr->periode, tr->periode + 5, 4) == 0)
        (void)snprintf(span, sizeof span, "%.4s", tr->periode);
    else if (tr)
        kr_strlcpy(span, tr->periode, sizeof span);
    rpt_doc_need(d, 190); /* the explanation stays with the trend table */
    (void)snprintf(s, sizeof s,
                   en ? "The trend is the slope in percentage points per quarter over the quarters shown (%s) "
                        "(weighted least squares), with its 95%% interval. An arrow only where the interval excludes "
                        "zero; otherwise the slope is within the margin of chance and this report does not say that "
                        "anything changed."
                      : "De trend is de helling in procentpunten per kwartaal over de getoonde kwartalen (%s) "
                        "(gewogen kleinste kwadraten), met het 95%%-interval. Een pijl alleen waar het interval nul "
                        "uitsluit; anders valt de helling binnen de toevalsmarge en zegt dit rapport niet dat er iets "
                        "veranderd is.",
                   span);
    rpt_doc_text(d, s, 9.5);
    shift_trends(d, G);
}

/* ---- 6. retention to two years ------------------------------------------------------------- */

static void retention_table(rpt_doc *d, rpt_regio_state *G)
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
        for (size_t g = 0; g < RPT_REGIO_NKM; g++) {
            const char *groep = rpt_regio_km_groups[g][0] ? "route" : "totaal";
            const rpt_row *rows[4];
            const rpt_row *cohort = NULL;
            int any = 0;
            for (size_t a = 0; a < 4; a++) {
                char id[64];
                (void)snprintf(id, sizeof id, "nazorg.in_zorg.%s", ages[a]);
                rows[a] = rpt_get(D, id, R, "*", groep, rpt_regio_km_groups[g], ys);
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
                rpt_regio_category_label(cat, sizeof cat, D, "route", rpt_regio_km_groups[g], en);
            (void)snprintf(lab, sizeof lab, g == 0 ? "<b>%s, %s</b>" : "%s, %s", ys, cat);
            (void)rpt_table_cell(&t, lab);
            rpt_count(v, sizeof v, cohort ? cohort->noemer : -1, cohort == NULL, en);
            (void)rpt_table_cell(&t, v);
            for (size_t a = 0; a < 4; a++) {
                rpt_regio_cell_value2(v, sizeof v, rows[a], -1, en);
                (void)rpt_table_cell(&t, v);
            }
        }
    }
    if (t.nrows)
        rpt_doc_table(d, &t);
    else
        rpt_doc_text(d, RPT_T(en, "Nog geen geboortecohort met een cijfer.", "No birth cohort with a figure yet."),
                     9.5);
    rpt_table_fini(&t);
}

void rpt_regio_section_retention(rpt_doc *d, rpt_regio_state *G)
{
    const int en = G->ctx->en;
    char s[900];
    rpt_regio_section_heading(d, RPT_T(en, "6. In beeld bij de JGZ tot twee jaar",
                                       "6. Followed up by youth health care to two years"));
    if (G->km_cohort[0])
        (void)snprintf(s, sizeof s,
                       en ? "Children born in %s still followed up by youth health care, by route (Kaplan–Meier with "
                            "95%% bands; a curve stops where fewer than 10 children are at risk, or where its next "
                            "step would show too few children). A loss is "
                            "dated back to the last contact before a gap of more than 200 days: recent cohorts look "
                            "better until their gaps can complete."
                          : "Kinderen geboren in %s die nog in beeld zijn bij de JGZ, per route (Kaplan–Meier met "
                            "95%%-banden; een curve stopt waar minder dan 10 kinderen risico lopen, of waar de "
                            "volgende stap te weinig kinderen zou tonen). Een "
                            "verlies wordt teruggedateerd naar het laatste contact voor een gat van meer dan 200 "
                            "dagen: recente cohorten zien er beter uit tot hun gaten kunnen ontstaan.",
                       G->km_cohort);
    else
        (void)snprintf(s, sizeof s, "%s",
                       RPT_T(en, "Er is nog geen geboortecohort met een curve (daarvoor zijn ten minste 10 kinderen "
                                 "nodig die risico lopen).",
                             "There is no birth cohort with a curve yet (that takes at least 10 children at risk)."));
    rpt_doc_text(d, s, 9.5);
    rpt_doc_chart(d, G->ch_km, 0);
    rpt_doc_heading(d, 2, RPT_T(en, "In beeld op vaste leeftijden, per geboortejaar",
                                "Followed up at fixed ages, by birth year"), 0);
    rpt_doc_text(d,
                 RPT_T(en, "Het aandeel kinderen dat op die leeftijd nog in beeld is (Kaplan–Meier, 95%-interval), met "
                           "het aantal kinderen in het cohort. Een cohort waarvan het jongste kind die leeftijd nog "
                           "niet bereikt heeft is voorlopig (*); ook hier zien recente cohorten er beter uit tot hun "
                           "gaten kunnen ontstaan.",
                       "The share of children still followed up at that age (Kaplan–Meier, 95% interval), with the "
                       "number of children in the cohort. A cohort whose youngest child has not reached that age is "
                       "provisional (*); here too recent cohorts look better until their gaps can complete."),
                 9.5);
    retention_table(d, G);
}

/* ---- 7. route transitions and risk factors -------------------------------------------------- */

static void transitions(rpt_doc *d, rpt_regio_state *G)
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
            (void)rpt_table_cellf(&t, "%s%s", v, r && r->voorlopig && !r->suppressed ? RPT_PROV_MARK : "");
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
        (void)rpt_table_cellf(&t, "<b>%s</b>%s", v, r && r->voorlopig && !r->suppressed ? RPT_PROV_MARK : "");
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

static void risk_factors(rpt_doc *d, rpt_regio_state *G)
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
        rpt_regio_row_label(f[n].label, sizeof f[n].label, r->indicator, en);
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
    const char *h[] = {RPT_T(en, "Risicofactor", "Risk factor"),
                       RPT_T(en, "Aandeel (95%-interval)", "Share (95% interval)"),
                       RPT_T(en, "Teller / noemer", "Numerator / denominator")};
    rpt_table t;
    rpt_table_init(&t, 3, w, al, h);
    t.font_size = 9;
    for (size_t i = 0; i < n; i++) {
        char v[200], a[40], b[40];
        (void)rpt_table_cell(&t, f[i].label);
        rpt_regio_cell_value(v, sizeof v, f[i].r, 1, en);
        (void)rpt_table_cell(&t, v);
        rpt_count(a, sizeof a, f[i].r->teller, f[i].r->suppressed, en);
        rpt_count(b, sizeof b, f[i].r->noemer, f[i].r->suppressed, en);
        (void)rpt_table_cellf(&t, "%s / %s", a, b);
    }
    rpt_doc_table(d, &t);
    rpt_table_fini(&t);
}

void rpt_regio_section_routes(rpt_doc *d, rpt_regio_state *G)
{
    const int en = G->ctx->en;
    char s[900];
    rpt_regio_section_heading(d, RPT_T(en, "7. Routeovergangen en risicofactoren",
                                       "7. Route transitions and risk factors"));
    rpt_doc_heading(d, 2, RPT_T(en, "Van route bij signalering naar route", "From route at signalling to route"), 0);
    (void)snprintf(s, sizeof s,
                   en ? "Pregnancies with intake in %s by the route of their first screening (rows) and their route: "
                        "the highest of all screenings before birth (columns). A route never steps down, so a "
                        "transition to a lower route does not exist (–). The last row is the number of pregnancies in "
                        "each route."
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
