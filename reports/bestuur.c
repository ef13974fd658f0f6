/*
 * The `bestuur` report for boards (REPORTS.md): a scorecard of the headline indicators
 * with SPC sparklines and icons and plain sentences from the signals, the route
 * distribution and the shift to the first line, handover timeliness as SPC charts, follow-up
 * to two years, and a heat map of deliveries; then the definitions.
 */
#include "rpt_plot.h"
#include "../core/codes.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The scorecard rows: engine/engine.h's eng_scorecard, shared with `kansrijk overzicht`. */
#define NCARD ENG_NCARD

static const char *const appendix_ids[] = {
    "route.gescreend",         "overdracht.mdo_tijdig",       "overdracht.jgz_tijdig",
    "overdracht.warm",         "lijn.eerste_lijn_baring",     "lijn.psychosociaal_klinisch",
    "overdracht.eerste_jgz_contact", "nazorg.in_zorg",        "verankering.deelname",
    "route.verdeling",         "lijn.verschuiving",           "overdracht.mdo_dagen",
    "overdracht.jgz_dagen",    "overdracht.regie_belegd",     "nazorg.bereik",
    "verankering.aanlevering", NULL,
};

static const char *const moments[] = {KR_MOMENTS(KR_CODE_OF_MOMENT)};
#define NMOMENTS (sizeof moments / sizeof moments[0])

typedef struct card_row {
    const char *row;
    const eng_indicator *ind;
    rpt_series s;
    eng_spc spc;
    int fitted;
    const rpt_row *now;  /* the value shown */
    char cohort[16];     /* the period of that value when it is not the report's */
    int year_instead;    /* the quarter is suppressed: the year is shown */
} card_row;

typedef struct bestuur {
    rpt_ctx *ctx;
    card_row card[NCARD];
    rpt_series parts[4];
    rpt_series lijn;
    rpt_series jgz, mdo;
    eng_spc jgz_spc, mdo_spc;
    int jgz_fit, mdo_fit;
    char km_cohort[16];
    char km_full[16];    /* the latest birth year followed two years that has rows, with or without curves */
    char bereik_year[8];
    rpt_chart *ch_route, *ch_lijn, *ch_jgz, *ch_mdo, *ch_km, *ch_bereik;
} bestuur;

/* The latest period up to p (same length) for which row_id has a total row; "" when none. */
static const rpt_row *latest_row(const rpt_data *d, const char *row_id, const char *regio, const kr_period *p,
                                 char *label, size_t cap)
{
    kr_period q = *p;
    for (int i = 0; i < 24; i++) {
        const rpt_row *r = rpt_total(d, row_id, regio, q.label);
        if (r) {
            kr_strlcpy(label, q.label, cap);
            return r;
        }
        kr_period prev;
        kr_period_previous(&q, &prev);
        q = prev;
    }
    label[0] = '\0';
    return NULL;
}

/* 4. follow-up: the curves of the latest birth year that has them, and reach per contactmoment. */
static void plan_followup(bestuur *B, rpt_ctx *ctx)
{
    const rpt_data *D = ctx->data;
    const char *R = ctx->regio;
    const int en = ctx->en;
    const double W = 483;
    int py = rpt_year(ctx->periode.label);
    B->km_cohort[0] = '\0';
    B->km_full[0] = '\0';
    for (int y = py; y > py - 6 && !B->km_full[0]; y--) {
        char ys[8];
        (void)snprintf(ys, sizeof ys, "%d", y);
        /* a full cohort: its youngest child can have reached 24 months by the peildatum */
        if (D->peildatum != KR_NO_DATE && kr_date_from_ymd(y, 12, 31) + 730 > D->peildatum)
            continue;
        if (!B->km_full[0] && rpt_total(D, "nazorg.in_zorg.s24m", R, ys))
            kr_strlcpy(B->km_full, ys, sizeof B->km_full);
    }
    /* the curves: of the cohort followed two years whose curves reach furthest, a quarter's when no year has any (the
     * regio report's rule, among full cohorts) */
    rpt_km_choose(D, R, py, 1, B->km_cohort, sizeof B->km_cohort);
    static const char *const groups[] = {"", "1", "2", "3"};
    const char *glabels[] = {RPT_T(en, "alle kinderen", "all children"), "Route 1", "Route 2", "Route 3"};
    static const int gcolours[] = {RPT_BLACK, RPT_SKY, RPT_ORANGE, RPT_VERMILION};
    B->ch_km = rpt_plot_km(ctx->charts, "bestuur-4-in-zorg", RPT_T(en, "In zorg bij de JGZ", "In youth health care"), D,
                           "nazorg.in_zorg", R, B->km_cohort, groups, glabels, gcolours, 4, en, W, 210);
    const rpt_row *bereik[NMOMENTS];
    const char *mlabels[NMOMENTS];
    B->bereik_year[0] = '\0';
    for (int y = py; y > py - 4 && !B->bereik_year[0]; y--) {
        char ys[8];
        (void)snprintf(ys, sizeof ys, "%d", y);
        for (size_t m = 0; m < NMOMENTS; m++) {
            char id[64];
            (void)snprintf(id, sizeof id, "nazorg.bereik.%s", moments[m]);
            if (rpt_total(D, id, R, ys))
                kr_strlcpy(B->bereik_year, ys, sizeof B->bereik_year);
        }
    }
    for (size_t m = 0; m < NMOMENTS; m++) {
        char id[64];
        (void)snprintf(id, sizeof id, "nazorg.bereik.%s", moments[m]);
        bereik[m] = rpt_total(D, id, R, B->bereik_year);
        mlabels[m] = strcmp(moments[m], "7_5m") == 0         ? RPT_T(en, "7,5m", "7.5m")
                     : strcmp(moments[m], "huisbezoek") == 0 ? RPT_T(en, "huisbezoek", "home visit")
                                                             : moments[m];
    }
    B->ch_bereik = rpt_plot_bars(ctx->charts, "bestuur-4-bereik",
                                 RPT_T(en, "Bereik per contactmoment", "Reach per contact moment"),
                                 bereik, mlabels, NMOMENTS, NAN, en, W, 180);
}

static kr_status plan(rpt_ctx *ctx, void **state)
{
    bestuur *B = calloc(1, sizeof *B);
    if (!B)
        return KR_ENOMEM;
    *state = B;
    B->ctx = ctx;
    const rpt_data *D = ctx->data;
    const char *R = ctx->regio;
    const int en = ctx->en;
    const double W = 483;
    char label[16];

    for (size_t i = 0; i < NCARD; i++) {
        card_row *c = &B->card[i];
        c->row = eng_scorecard[i].row;
        c->ind = eng_indicator_find(c->row);
        /* a birth cohort at an age: the cohort that reached the age in this period, as `kansrijk overzicht` shows it
         * (a younger one cannot have been followed that long yet), and the sparkline's quarters end there */
        kr_period born = ctx->periode;
        if (eng_scorecard[i].age_months)
            eng_cohort_at(&ctx->periode, eng_scorecard[i].age_months, &born);
        rpt_series_load(D, c->row, R, "totaal", "", &born, 20, &c->s);
        if (eng_scorecard[i].age_months) {
            c->now = rpt_total(D, c->row, R, born.label);
            kr_strlcpy(label, born.label, sizeof label);
        } else
            c->now = latest_row(D, c->row, R, &ctx->periode, label, sizeof label);
        if ((c->now || eng_scorecard[i].age_months) && strcmp(label, ctx->periode.label) != 0)
            kr_strlcpy(c->cohort, label, sizeof c->cohort);
        /* a suppressed quarter: the year it is part of instead, saying so */
        if (c->now && c->now->suppressed && strchr(label, 'Q')) {
            char year[8];
            (void)snprintf(year, sizeof year, "%.4s", label);
            const rpt_row *y = rpt_total(D, c->row, R, year);
            if (y && !y->suppressed) {
                c->now = y;
                c->year_instead = 1;
                kr_strlcpy(c->cohort, year, sizeof c->cohort);
            }
        }
        if (eng_scorecard[i].spc && c->ind) {
            double target = c->now ? c->now->doel : NAN;
            c->fitted = rpt_series_spc(&c->s, c->ind->direction, target, &c->spc);
        }
    }

    /* 2. route distribution and the first-line share */
    static const char *const parts[] = {"route.verdeling.1", "route.verdeling.2", "route.verdeling.3",
                                        "route.verdeling.niet_gescreend"};
    for (size_t j = 0; j < 4; j++)
        rpt_series_load(D, parts[j], R, "totaal", "", &ctx->periode, 12, &B->parts[j]);
    const char *plabels[4] = {"Route 1", "Route 2", "Route 3", RPT_T(en, "niet gescreend", "not screened")};
    static const int pcolours[4] = {RPT_SKY, RPT_ORANGE, RPT_VERMILION, RPT_GREY};
    B->ch_route = rpt_plot_stacked(ctx->charts, "bestuur-2-routes",
                                   RPT_T(en, "Verdeling over de routes", "Distribution over the routes"),
                                   B->parts, 4, plabels, pcolours, en, W, 210);
    rpt_series_load(D, "lijn.eerste_lijn_baring", R, "totaal", "", &ctx->periode, 12, &B->lijn);
    /* the baseline: the yearly value of the first year without a verschil row (the basis year) */
    double base = NAN;
    for (size_t i = 0; i < B->lijn.k; i++) {
        char y[8];
        (void)snprintf(y, sizeof y, "%.4s", B->lijn.q[i].label);
        if (rpt_total(D, "lijn.verschuiving.eerste_lijn_baring.verschil", R, y))
            continue;
        const rpt_row *yr = rpt_total(D, "lijn.eerste_lijn_baring", R, y);
        if (yr && !yr->suppressed)
            base = yr->waarde;
        break;
    }
    B->ch_lijn = rpt_plot_line(ctx->charts, "bestuur-2-eerste-lijn",
                               RPT_T(en, "Begin baring in de eerste lijn", "Labour starting in primary care"), &B->lijn,
                               base, RPT_T(en, "basisjaar", "baseline year"), en, W, 200);

    /* 3. handover timeliness as SPC charts */
    rpt_series_load(D, "overdracht.jgz_tijdig", R, "totaal", "", &ctx->periode, 20, &B->jgz);
    rpt_series_load(D, "overdracht.mdo_tijdig", R, "totaal", "", &ctx->periode, 20, &B->mdo);
    const rpt_row *jn = latest_row(D, "overdracht.jgz_tijdig", R, &ctx->periode, label, sizeof label);
    const rpt_row *mn = latest_row(D, "overdracht.mdo_tijdig", R, &ctx->periode, label, sizeof label);
    const eng_indicator *ji = eng_indicator_find("overdracht.jgz_tijdig"),
                        *mi = eng_indicator_find("overdracht.mdo_tijdig");
    double jt = jn ? jn->doel : NAN, mt = mn ? mn->doel : NAN;
    B->jgz_fit = rpt_series_spc(&B->jgz, ji->direction, jt, &B->jgz_spc);
    B->mdo_fit = rpt_series_spc(&B->mdo, mi->direction, mt, &B->mdo_spc);
    B->ch_jgz = rpt_plot_spc(ctx->charts, "bestuur-3-jgz-tijdig", en ? ji->title_en : ji->title_nl, &B->jgz,
                             &B->jgz_spc, jt, en, W, 190);
    B->ch_mdo = rpt_plot_spc(ctx->charts, "bestuur-3-mdo-tijdig", en ? mi->title_en : mi->title_nl, &B->mdo,
                             &B->mdo_spc, mt, en, W, 190);

    plan_followup(B, ctx);
    if (!B->ch_route || !B->ch_lijn || !B->ch_jgz || !B->ch_mdo || !B->ch_km || !B->ch_bereik)
        return KR_ENOMEM;
    return KR_OK;
}

static void free_state(void *state)
{
    bestuur *B = state;
    for (size_t i = 0; i < NCARD; i++)
        eng_spc_fini(&B->card[i].spc);
    eng_spc_fini(&B->jgz_spc);
    eng_spc_fini(&B->mdo_spc);
    free(B);
}

/* ---- the scorecard ---------------------------------------------------------------------- */

static void card_title(const card_row *c, int en, char *out, size_t cap)
{
    char t[200], esc[260];
    rpt_title(t, sizeof t, c->row, en);
    rpt_markup_escape(esc, sizeof esc, t);
    if (c->year_instead)
        (void)snprintf(out, cap, "%s\n<span size=\"small\">%s %s %s</span>", esc,
                       strncmp(c->row, "nazorg.", 7) == 0 ? RPT_T(en, "geboren in", "born in")
                                                          : RPT_T(en, "heel", "all of"),
                       c->cohort, RPT_T(en, "(kwartaal: x)", "(quarter: x)"));
    else if (c->cohort[0])
        (void)snprintf(out, cap, "%s\n<span size=\"small\">%s %s</span>", esc,
                       strncmp(c->row, "nazorg.", 7) == 0 ? RPT_T(en, "geboren in", "born in")
                                                          : RPT_T(en, "periode", "period"),
                       c->cohort);
    else
        kr_strlcpy(out, esc, cap);
}

static void scorecard(rpt_doc *d, bestuur *B)
{
    const int en = B->ctx->en;
    cairo_t *cr = rpt_doc_cairo(d);
    /* columns: title, value, target, sparkline, variation, assurance, status */
    /* 40: "Target" whole; 80: "common cause variation" in two lines */
    static const double cw[] = {106, 76, 40, 64, 80, 72, 45};
    /* the text of a cell: 2 points in from either edge; the title stops well before the value beside it
     * ("psychosocial reasons(2.0–5.5)") */
    static const double textw[] = {106 - 6, 76 - 4, 40 - 4, 64 - 4, 80 - 4, 72 - 4, 45 - 4};
    const char *heads[] = {RPT_T(en, "Indicator", "Indicator"),   RPT_T(en, "Deze periode", "This period"),
                           RPT_T(en, "Doel", "Target"),           RPT_T(en, "Verloop per kwartaal", "Quarters"),
                           RPT_T(en, "Variatie", "Variation"),    RPT_T(en, "Doel gehaald?", "Target met?"),
                           RPT_T(en, "Status", "Status")};
    double x0 = 56, y = rpt_doc_need(d, 40);
    double x = x0;
    cairo_set_source_rgb(cr, 0.86, 0.89, 0.93);
    cairo_rectangle(cr, x0, y, rpt_doc_width(d), 26);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    for (size_t c = 0; c < 7; c++) {
        char mk[120];
        (void)snprintf(mk, sizeof mk, "<b>%s</b>", heads[c]);
        rpt_doc_markup_at(d, x + 2, y + 3, cw[c] - 4, mk, 9, RPT_LEFT);
        x += cw[c];
    }
    rpt_doc_advance(d, 28);
    for (size_t i = 0; i < NCARD; i++) {
        card_row *c = &B->card[i];
        /* the row's texts first: its height is that of its tallest cell (an icon above words takes 15 points more),
         * at least 38 for the sparkline, so that the scorecard and what its figures say share a page */
        char title[600], mk[600], v[120], ci[120], target[120], said[64];
        card_title(c, en, title, sizeof title);
        rpt_value(v, sizeof v, c->now, en);
        ci[0] = '\0';
        if (c->now && !c->now->suppressed && !isnan(c->now->lo) && !isnan(c->now->hi)) {
            char lo[40], hi[40];
            int dec = rpt_unit_decimals(c->now->eenheid);
            rpt_num(lo, sizeof lo, c->now->lo, dec, en);
            rpt_num(hi, sizeof hi, c->now->hi, dec, en);
            (void)snprintf(ci, sizeof ci, "\n<span size=\"small\">(%s–%s)</span>", lo, hi);
        }
        (void)snprintf(mk, sizeof mk, "<b>%s</b>%s%s", v, c->now && c->now->voorlopig ? RPT_PROV_MARK : "", ci);
        if (c->now && !isnan(c->now->doel))
            rpt_num_unit(target, sizeof target, c->now->doel, 0, c->now->eenheid, en);
        else
            kr_strlcpy(target, "–", sizeof target);
        int var_icon = c->fitted && c->spc.variation != ENG_VAR_NONE;
        int ass_icon = c->fitted && c->spc.assurance != ENG_ASS_NONE;
        const char *var = var_icon    ? rpt_variation_words(c->spc.variation, en)
                          : c->fitted ? rpt_variation_words(ENG_VAR_NONE, en)
                                      : "–";
        const char *ass = ass_icon ? rpt_assurance_words(c->spc.assurance, en) : "–";
        const char *rag = c->now ? eng_rag(c->now->waarde, c->now->lo, c->now->hi, c->now->doel,
                                           c->ind ? c->ind->direction : ENG_NONE, c->now->suppressed)
                                 : "";
        eng_rag_say(rag, en, said, sizeof said);
        const char *cells[] = {title, mk, target, NULL, var, ass, said[0] ? said : "–"};
        double rh = 38;
        for (size_t k = 0; k < 7; k++) {
            if (!cells[k])
                continue;
            double icon = (k == 4 && var_icon) || (k == 5 && ass_icon) ? 15 : 0;
            double h = 3 + icon + rpt_doc_markup_height(d, textw[k], cells[k], 9) + 2;
            if (h > rh)
                rh = h;
        }
        y = rpt_doc_need(d, rh);
        if (i % 2 == 1) {
            cairo_set_source_rgb(cr, 0.955, 0.96, 0.97);
            cairo_rectangle(cr, x0, y, rpt_doc_width(d), rh);
            cairo_fill(cr);
        }
        cairo_set_source_rgb(cr, 0, 0, 0);
        x = x0;
        for (size_t k = 0; k < 7; k++) {
            if (k == 3) {
                rpt_sparkline(cr, x + 4, y + 8, cw[3] - 12, rh - 16, &c->s, c->fitted ? &c->spc : NULL);
            } else if (k == 4 && var_icon) {
                rpt_icon_variation(cr, x + 2, y + 3, 14, c->spc.variation, c->ind->direction);
                rpt_doc_markup_at(d, x + 2, y + 18, textw[4], var, 9, RPT_LEFT);
            } else if (k == 5 && ass_icon) {
                rpt_icon_assurance(cr, x + 2, y + 3, 14, c->spc.assurance);
                rpt_doc_markup_at(d, x + 2, y + 18, textw[5], ass, 9, RPT_LEFT);
            } else {
                rpt_doc_markup_at(d, x + 2, y + 3, textw[k], cells[k], 9, RPT_LEFT);
            }
            x += cw[k];
        }
        rpt_doc_advance(d, rh);
    }
    rpt_doc_advance(d, 6);
}

/*
 * The special cause of the last shown quarter in words, by the rule that flags it: a run on one side of the centre
 * ("since 2024Q3 always above the mean"), a run of rises or falls ("lower every quarter since ..."), or one quarter
 * beyond the limits or near one. A run is followed back over the shown quarters that carry the same rule; when later
 * quarters are suppressed, the sentence names the last shown one.
 */
static void signal_words(const card_row *c, int en, char *out, size_t cap, const char *t)
{
    const eng_spc *s = &c->spc;
    size_t last = s->k;
    for (size_t i = s->k; i-- > 0;)
        if (s->points[i].shown) {
            last = i;
            break;
        }
    if (last == s->k)
        return;
    const eng_spc_point *p = &s->points[last];
    const char *what = s->variation == ENG_VAR_VERBETERING ? RPT_T(en, "verbetering", "improvement")
                       : s->variation == ENG_VAR_ZORG      ? RPT_T(en, "reden tot zorg", "concern")
                                                           : RPT_T(en, "zonder richting", "no direction");
    int above = p->p > s->centre;
    /* later quarters suppressed: the run ends at the last one shown, and the sentence says so */
    char tail[120] = "";
    const char *q = last < c->s.k ? c->s.q[last].label : "";
    if (last + 1 < s->k)
        (void)snprintf(tail, sizeof tail, RPT_T(en, " (tot en met %s, het laatste getoonde kwartaal)",
                                                " (up to %s, the last quarter shown)"), q);
    const char *lastq =
        last + 1 < s->k ? RPT_T(en, " (het laatste getoonde kwartaal)", " (the last quarter shown)") : "";
    unsigned rule = p->signals & ENG_SPC_SHIFT ? ENG_SPC_SHIFT : p->signals & ENG_SPC_TREND ? ENG_SPC_TREND : 0;
    if (rule) {
        size_t first = last;
        int rising = 0;
        for (size_t i = last; i-- > 0;) {
            if (!s->points[i].shown)
                continue;
            if (rule == ENG_SPC_TREND && first == last)
                rising = s->points[i].p < p->p;
            if (!(s->points[i].signals & rule) || (rule == ENG_SPC_SHIFT && (s->points[i].p > s->centre) != above) ||
                (rule == ENG_SPC_TREND && (s->points[i].p < s->points[first].p) != rising))
                break;
            first = i;
        }
        const char *since = first < c->s.k ? c->s.q[first].label : "";
        if (rule == ENG_SPC_SHIFT)
            (void)snprintf(out, cap,
                           en ? "%s: since %s %s the mean every quarter%s: a special cause (%s), not chance."
                              : "%s: sinds %s steeds %s het gemiddelde%s: een bijzondere oorzaak (%s), geen toeval.",
                           t, since, above ? RPT_T(en, "boven", "above") : RPT_T(en, "onder", "below"), tail, what);
        else if (en)
            (void)snprintf(out, cap, "%s: %s than the quarter before, every quarter since %s%s: a special cause (%s), "
                           "not chance.", t, rising ? "higher" : "lower", since, tail, what);
        else
            (void)snprintf(out, cap,
                           "%s: sinds %s elk kwartaal %s dan het vorige%s: een bijzondere oorzaak (%s), geen "
                           "toeval.",
                           t, since, rising ? "hoger" : "lager", tail, what);
        return;
    }
    if (p->signals & ENG_SPC_OUTSIDE)
        (void)snprintf(out, cap,
                       en ? "%s: %s%s lies %s the limits of common cause variation: a special cause (%s), not chance."
                          : "%s: %s%s ligt %s de grenzen van de gewone variatie: een bijzondere oorzaak (%s), geen "
                            "toeval.",
                       t, q, lastq, above ? RPT_T(en, "boven", "above") : RPT_T(en, "onder", "below"), what);
    else
        (void)snprintf(out, cap,
                       en ? "%s: %s%s and one of the two quarters before it lie far %s the mean: a special cause "
                            "(%s), not chance."
                          : "%s: %s%s en een van de twee kwartalen ervoor liggen ver %s het gemiddelde: een "
                            "bijzondere oorzaak (%s), geen toeval.",
                       t, q, lastq, above ? RPT_T(en, "boven", "above") : RPT_T(en, "onder", "below"), what);
}

/* A sentence about one indicator's signal or target; 0 when there is nothing to say. */
static int sentence(const card_row *c, int en, int kind, char *out, size_t cap)
{
    char t[200];
    if (!c->fitted || !c->ind)
        return 0;
    rpt_title(t, sizeof t, c->row, en);
    const eng_spc *s = &c->spc;
    if (kind == 0 && (s->variation == ENG_VAR_VERBETERING || s->variation == ENG_VAR_ZORG ||
                      s->variation == ENG_VAR_BIJZONDER)) {
        signal_words(c, en, out, cap, t);
        /* a signal in a provisional quarter may be its incomplete cohort (episodes before births still to come) */
        size_t last = s->k;
        for (size_t i = 0; i < s->k; i++)
            if (s->points[i].shown)
                last = i;
        if (last < s->k && last < c->s.k && c->s.r[last] && c->s.r[last]->voorlopig) {
            size_t l = strlen(out);
            (void)snprintf(out + l, cap - l, "%s",
                           RPT_T(en, " Het laatste kwartaal is voorlopig: zijn cohort is nog niet compleet, dus het "
                                     "signaal kan nog verdwijnen.",
                                 " The last quarter is provisional: its cohort is not complete yet, so the signal can "
                                 "still go away."));
        }
        return 1;
    }
    if (kind == 1 && (s->assurance == ENG_ASS_GEMIST || s->assurance == ENG_ASS_GEHAALD) && c->now &&
        !isnan(c->now->doel)) {
        /* said only as far as the quarters shown bear it out: every one of them missed (met) the target; what the
         * process delivers is said only of a stable one (no special cause among them), whose limits describe it */
        double tp = c->now->doel / 100;
        int higher = c->ind->direction == ENG_HIGHER, met = 0, missed = 0, signals = 0;
        size_t last = s->k;
        for (size_t i = 0; i < s->k; i++) {
            if (!s->points[i].shown)
                continue;
            int ok = higher ? s->points[i].p >= tp : s->points[i].p <= tp;
            met += ok;
            missed += !ok;
            signals |= s->points[i].signals != 0;
            last = i;
        }
        if (last == s->k || (s->assurance == ENG_ASS_GEMIST ? met : missed) > 0)
            return 0;
        char doel[64], upto[80] = "";
        rpt_num_unit(doel, sizeof doel, c->now->doel, 0, c->now->eenheid, en);
        if (last + 1 < s->k && last < c->s.k)
            (void)snprintf(upto, sizeof upto, RPT_T(en, " (tot en met %s)", " (up to %s)"), c->s.q[last].label);
        if (s->assurance == ENG_ASS_GEMIST)
            (void)snprintf(out, cap,
                           en ? "%s missed its target of %s in every quarter shown%s%s"
                              : "%s haalde het doel van %s in geen enkel getoond kwartaal%s%s",
                           t, doel, upto,
                           signals ? "."
                                   : RPT_T(en, ": het doel ligt buiten wat de werkwijze nu oplevert; daarvoor is een "
                                               "verandering in het werk nodig, geen geduld.",
                                           ": the target lies outside what the process delivers now; it takes a "
                                           "change in how the work is done, not patience."));
        else
            (void)snprintf(out, cap,
                           en ? "%s met its target of %s in every quarter shown%s%s"
                              : "%s haalde het doel van %s in elk getoond kwartaal%s%s",
                           t, doel, upto,
                           signals ? "."
                                   : RPT_T(en, ", en zal dat naar verwachting blijven doen.",
                                           ", and can be expected to go on doing so."));
        return 1;
    }
    return 0;
}

/*
 * "What the figures say": at most four sentences (the signals first, then the targets), or one that says why there
 * are none. The block is kept together under its heading: on the scorecard's page when it fits, else at the top of
 * the next page, where the routes then follow (rpt_doc_heading) instead of leaving that page nearly empty.
 */
static void sentences(rpt_doc *d, bestuur *B)
{
    const int en = B->ctx->en;
    char s[5][800];
    size_t n = 0;
    int signals = 0;
    for (int kind = 0; kind <= 1; kind++)
        for (size_t i = 0; i < NCARD && n < 4; i++)
            if (sentence(&B->card[i], en, kind, s[n], sizeof s[n])) {
                n++;
                signals += kind == 0;
            }
    size_t charted = 0;
    for (size_t i = 0; i < NCARD; i++)
        charted += B->card[i].fitted && B->card[i].spc.limits != ENG_SPC_NONE;
    const char *more = NULL;
    if (n < 4 && charted == 0) {
        more = RPT_T(en, "Geen indicator heeft genoeg getoonde kwartalen (8) voor een SPC-grafiek: over "
                         "veranderingen in de tijd zegt dit rapport daarom nog niets.",
                     "No indicator has enough quarters shown (8) for an SPC chart, so this report says nothing "
                     "yet about change over time.");
    } else if (n < 4) {
        more = signals ? RPT_T(en, "Bij de andere indicatoren met een SPC-grafiek passen de schommelingen bij "
                                   "gewone variatie: geen kwartaal wijst op een echte verandering.",
                               "For the other indicators with an SPC chart the ups and downs are common cause "
                               "variation: no quarter points to a real change.")
                       : RPT_T(en, "Bij de indicatoren met een SPC-grafiek passen de schommelingen bij gewone "
                                   "variatie: geen kwartaal wijst op een echte verandering.",
                               "For the indicators with an SPC chart the ups and downs are common cause "
                               "variation: no quarter points to a real change.");
    }
    if (more)
        kr_strlcpy(s[n++], more, sizeof s[0]);
    const char *heading = RPT_T(en, "Wat de cijfers zeggen", "What the figures say");
    double h = rpt_doc_heading_height(d, 2, heading);
    for (size_t i = 0; i < n; i++)
        h += rpt_doc_text_height(d, s[i], 10);
    /* on the scorecard's page: where the block does not fit there, the sentences about targets go first (the
     * scorecard's icons say them too), never those about signals */
    while (n > 1 && (size_t)signals < n && h > rpt_doc_room(d))
        h -= rpt_doc_text_height(d, s[--n], 10);
    (void)rpt_doc_need(d, h);
    rpt_doc_heading(d, 2, heading, 0);
    for (size_t i = 0; i < n; i++)
        rpt_doc_text(d, s[i], 10);
}

/* ---- the sections --------------------------------------------------------------------- */

static void section_routes(rpt_doc *d, bestuur *B)
{
    const int en = B->ctx->en;
    const rpt_data *D = B->ctx->data;
    const char *R = B->ctx->regio;
    rpt_doc_heading(d, 1, RPT_T(en, "2. Routes en de verschuiving naar de eerste lijn",
                                "2. Routes and the shift to primary care"), 1);
    rpt_doc_text(d,
                 RPT_T(en, "Het aandeel zwangerschappen per route, per kwartaal van intake. Een grijs blok met x is "
                           RPT_X_NL ".",
                       "The share of pregnancies per route, per quarter of intake. A grey block marked x is "
                       RPT_X_EN "."),
                 9.5);
    rpt_doc_chart(d, B->ch_route, 0);
    rpt_doc_heading(d, 2, RPT_T(en, "Begin van de baring in de eerste lijn", "Labour starting in primary care"), 0);
    rpt_doc_chart(d, B->ch_lijn, 0);
    const rpt_row *tr = rpt_total(D, "lijn.verschuiving.eerste_lijn_baring.trend", R, "");
    /* the trend row is of the whole window; find it whatever the window is called */
    for (size_t i = 0; !tr && i < D->nrows; i++) {
        const rpt_row *r = &D->rows[i];
        if (strcmp(r->indicator, "lijn.verschuiving.eerste_lijn_baring.trend") == 0 && strcmp(r->regio, R) == 0 &&
            strcmp(r->site, "*") == 0 && strcmp(r->groep, "totaal") == 0)
            tr = r;
    }
    char s[600];
    if (tr && !tr->suppressed && !isnan(tr->waarde)) {
        char v[40], lo[40], hi[40], per[16];
        /* a window of one year is that year ("2025", not "2025-2025") */
        if (strlen(tr->periode) == 9 && tr->periode[4] == '-' && strncmp(tr->periode, tr->periode + 5, 4) == 0)
            (void)snprintf(per, sizeof per, "%.4s", tr->periode);
        else
            kr_strlcpy(per, tr->periode, sizeof per);
        rpt_num(v, sizeof v, tr->waarde, 2, en);
        rpt_num(lo, sizeof lo, tr->lo, 2, en);
        rpt_num(hi, sizeof hi, tr->hi, 2, en);
        int excl = !isnan(tr->lo) && !isnan(tr->hi) && (tr->lo > 0 || tr->hi < 0);
        (void)snprintf(s, sizeof s,
                       en ? "Trend over %s: %s percentage points per quarter (95%% interval %s to %s)%s."
                          : "Trend over %s: %s procentpunt per kwartaal (95%%-interval %s tot %s)%s.",
                       per, v, lo, hi,
                       excl ? (tr->waarde > 0 ? RPT_T(en, ", ↑ stijgend: het interval sluit nul uit",
                                                      ", ↑ upward: the interval excludes zero")
                                              : RPT_T(en, ", ↓ dalend: het interval sluit nul uit",
                                                      ", ↓ downward: the interval excludes zero"))
                            : RPT_T(en, ", binnen de toevalsmarge", ", within the margin of chance"));
        rpt_doc_text(d, s, 9.5);
    } else if (tr && tr->suppressed) {
        rpt_doc_text(d, RPT_T(en, "De trend wordt niet getoond (x).", "The trend is not shown (x)."), 9.5);
    }
}

static void median_table(rpt_doc *d, bestuur *B)
{
    const int en = B->ctx->en;
    const rpt_data *D = B->ctx->data;
    /* the quarter narrow, so that the headers of the three right-aligned columns stand apart */
    static const double w[] = {0.16, 0.25, 0.29, 0.30};
    static const int al[] = {RPT_LEFT, RPT_RIGHT, RPT_RIGHT, RPT_RIGHT};
    const char *h[] = {RPT_T(en, "Kwartaal", "Quarter"), RPT_T(en, "Mediaan dagen tot MDO", "Median days to MDO"),
                       RPT_T(en, "Mediaan dagen tot overdracht JGZ", "Median days to youth health care handover"),
                       RPT_T(en, "Regie belegd binnen 28 dagen", "Case direction within 28 days")};
    rpt_table t;
    rpt_table_init(&t, 4, w, al, h);
    kr_period q[8];
    size_t regie_rows = 0, regie_shown = 0;
    rpt_quarters(&B->ctx->periode, 8, q);
    for (size_t i = 0; i < 8; i++) {
        const rpt_row *m = rpt_total(D, "overdracht.mdo_dagen.p50", B->ctx->regio, q[i].label);
        const rpt_row *j = rpt_total(D, "overdracht.jgz_dagen.p50", B->ctx->regio, q[i].label);
        const rpt_row *r = rpt_total(D, "overdracht.regie_belegd", B->ctx->regio, q[i].label);
        if (!m && !j && !r)
            continue;
        char a[80], b[80], c[120];
        rpt_value(a, sizeof a, m, en);
        rpt_value(b, sizeof b, j, en);
        rpt_value_ci(c, sizeof c, r, en);
        (void)rpt_table_cell(&t, q[i].label);
        (void)rpt_table_cellf(&t, "%s%s", a, m && m->voorlopig && !m->suppressed ? RPT_PROV_MARK : "");
        (void)rpt_table_cellf(&t, "%s%s", b, j && j->voorlopig && !j->suppressed ? RPT_PROV_MARK : "");
        (void)rpt_table_cellf(&t, "%s%s", c, r && r->voorlopig && !r->suppressed ? RPT_PROV_MARK : "");
        regie_rows += r != NULL;
        regie_shown += r && !r->suppressed;
    }
    rpt_doc_table(d, &t);
    rpt_table_fini(&t);
    /* a column of x only: say why, and give the year when it is shown (as the scorecard does) */
    if (regie_rows && !regie_shown) {
        char year[8], v[120], s[500];
        (void)snprintf(year, sizeof year, "%.4s", B->ctx->periode.label);
        const rpt_row *y = rpt_total(D, "overdracht.regie_belegd", B->ctx->regio, year);
        if (y && !y->suppressed) {
            rpt_value_ci(v, sizeof v, y, en);
            (void)snprintf(s, sizeof s,
                           en ? "Case direction within 28 days is not shown for any quarter (x: too few route-3 "
                                "pregnancies a quarter); all of %s: %s%s."
                              : "Regie belegd binnen 28 dagen wordt voor geen kwartaal getoond (x: te weinig "
                                "zwangerschappen in route 3 per kwartaal); heel %s: %s%s.",
                           year, v, y->voorlopig ? RPT_PROV_MARK : "");
        } else {
            kr_strlcpy(s,
                       RPT_T(en, "Regie belegd binnen 28 dagen wordt voor geen kwartaal getoond (x): te weinig "
                                 "zwangerschappen in route 3, of om terugrekenen te voorkomen.",
                             "Case direction within 28 days is not shown for any quarter (x): too few route-3 "
                             "pregnancies, or to prevent recalculation."),
                       sizeof s);
        }
        rpt_doc_text(d, s, 9);
    }
}

static void regie_table(rpt_doc *d, bestuur *B)
{
    const int en = B->ctx->en;
    const rpt_data *D = B->ctx->data;
    static const char *const types[] = {"verloskundige", "jgz", "wijkteam", "ziekenhuis", "ggz", "knooppunt", "anders",
                                        "onbekend"};
    static const double w[] = {0.5, 0.5};
    static const int al[] = {RPT_LEFT, RPT_RIGHT};
    char year[8];
    (void)snprintf(year, sizeof year, "%.4s", B->ctx->periode.label);
    const char *h[] = {RPT_T(en, "Wie heeft de regie na het MDO", "Who takes case direction after the MDO"),
                       RPT_T(en, "Aandeel", "Share")};
    char s[300];
    (void)snprintf(s, sizeof s, en ? "Case direction within 28 days of signalling, by who took it (route 3, %s):"
                                   : "Regie binnen 28 dagen na signalering, naar wie haar nam (route 3, %s):",
                   year);
    rpt_table t;
    rpt_table_init(&t, 2, w, al, h);
    size_t nrows = 0;
    size_t shown = 0;
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        const rpt_row *r = rpt_get(D, "overdracht.regie_belegd", B->ctx->regio, "*", "regie_type", types[i], year);
        nrows += r != NULL;
        shown += r && !r->suppressed;
    }
    if (nrows && !shown) { /* a table of x only says nothing: one sentence instead */
        (void)snprintf(s, sizeof s,
                       en ? "Who took case direction (route 3, %s) is not shown (x): too few pregnancies of each kind, "
                            "or to prevent recalculation."
                          : "Wie de regie nam (route 3, %s) wordt niet getoond (x): te weinig zwangerschappen per "
                            "soort, of om terugrekenen te voorkomen.",
                       year);
        rpt_doc_text(d, s, 9.5);
        rpt_table_fini(&t);
        return;
    }
    /* the sentence and the whole table together (at most nine short rows): a page that holds only the table's
     * last rows says nothing */
    rpt_doc_need(d, 40 + 17.0 * (double)(nrows + 1));
    rpt_doc_text(d, s, 9.5);
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        const rpt_row *r = rpt_get(D, "overdracht.regie_belegd", B->ctx->regio, "*", "regie_type", types[i], year);
        if (!r)
            continue;
        char v[120], who[200];
        rpt_value_ci(v, sizeof v, r, en);
        rpt_regio_category_label(who, sizeof who, D, "regie_type", types[i], en);
        (void)rpt_table_cell(&t, who);
        (void)rpt_table_cellf(&t, "%s%s", v, r->voorlopig && !r->suppressed ? RPT_PROV_MARK : "");
    }
    if (t.nrows)
        rpt_doc_table(d, &t);
    rpt_table_fini(&t);
}

/*
 * One SPC chart of section 3 under its heading: not drawn from fewer than 2 quarters shown (a "mean" of one point says
 * nothing), and said when there are no limits yet (under 8 shown), as the regio report does.
 */
static void spc_chart(rpt_doc *d, const rpt_chart *ch, const eng_spc *spc, int fitted, int en)
{
    rpt_doc_heading(d, 2, ch->title, 0);
    size_t shown = 0;
    for (size_t i = 0; fitted && i < spc->k; i++)
        shown += spc->points[i].shown != 0;
    if (shown < 2) {
        rpt_doc_text(d,
                     RPT_T(en, "Te weinig kwartalen getoond voor een grafiek (x: " RPT_X_NL ").",
                           "Too few quarters shown for a chart (x: " RPT_X_EN ")."),
                     9.5);
        return;
    }
    if (spc->limits == ENG_SPC_NONE)
        rpt_doc_text(d,
                     RPT_T(en, "Minder dan 8 kwartalen getoond: nog geen grenzen van de gewone variatie, en geen "
                               "uitspraak over verandering.",
                           "Fewer than 8 quarters shown: no limits of common cause variation yet, and nothing said "
                           "about change."),
                     9.5);
    rpt_doc_chart(d, ch, 0);
}

static void section_handover(rpt_doc *d, bestuur *B)
{
    const int en = B->ctx->en;
    rpt_doc_heading(d, 1, RPT_T(en, "3. Tijdige overdracht", "3. Timely handover"), 1);
    rpt_doc_text(d,
                 RPT_T(en, "Elk punt is een kwartaal. De stippellijnen zijn de grenzen van de gewone variatie (SPC); "
                           "een blauw punt is een bijzondere oorzaak die een verbetering is, een oranje vierkant een "
                           "die zorg geeft. Ook een punt binnen de grenzen kan zo'n oorzaak zijn, als deel van een "
                           "reeks: zeven op een rij aan één kant van het gemiddelde, zes op een rij stijgend of "
                           "dalend, of twee van drie ver (voorbij twee sigma) aan dezelfde kant. De groene streeplijn "
                           "is het doel.",
                       "Each point is a quarter. The dotted lines are the limits of common cause variation (SPC); a "
                       "blue point is a special cause that is an improvement, an orange square one that is a concern. "
                       "A point within the limits can be such a cause too, as part of a run: seven in a row on one "
                       "side of the mean, six in a row rising or falling, or two of three far out (beyond two sigma) "
                       "on the same side. The green dashed line is the target."),
                 9.5);
    spc_chart(d, B->ch_mdo, &B->mdo_spc, B->mdo_fit, en);
    spc_chart(d, B->ch_jgz, &B->jgz_spc, B->jgz_fit, en);
    median_table(d, B);
    regie_table(d, B);
    rpt_legend(d, en);
}

static void section_followup(rpt_doc *d, bestuur *B)
{
    const int en = B->ctx->en;
    char s[700];
    rpt_doc_heading(d, 1, RPT_T(en, "4. Gevolgd tot twee jaar", "4. Followed up to two years"), 1);
    if (B->km_cohort[0])
        (void)snprintf(s, sizeof s,
                       en ? "Children born in %s still in youth health care follow-up, by route (Kaplan–Meier, with "
                            "95%% bands; a curve stops where fewer than 10 children are at risk, or where its next "
                            "step would show too few children). A child counts as lost from the last contact before a "
                            "gap of more than 200 days: recent cohorts look better until their gaps can complete."
                          : "Kinderen geboren in %s die nog in zorg zijn bij de JGZ, per route (Kaplan–Meier, met "
                            "95%%-banden; een curve stopt waar minder dan 10 kinderen risico lopen, of waar de "
                            "volgende stap te weinig kinderen zou tonen). Een kind telt als uit zorg vanaf het laatste "
                            "contact voor een gat van meer dan 200 dagen: recente cohorten zien er beter uit tot hun "
                            "gaten kunnen ontstaan.",
                       B->km_cohort);
    else if (B->km_full[0])
        /* followed two years, but every curve withheld: not "no birth year yet", which the scorecard would belie */
        (void)snprintf(s, sizeof s,
                       en ? "Children born in %s have been followed for two years, but their curves are not shown "
                            "(x: a step of the curve would show too few children, or could be worked back)."
                          : "Kinderen geboren in %s zijn twee jaar gevolgd, maar hun curven worden niet getoond "
                            "(x: een stap van de curve zou te weinig kinderen tonen, of terug te rekenen zijn).",
                       B->km_full);
    else
        (void)snprintf(s, sizeof s, "%s",
                       RPT_T(en, "Er is nog geen geboortejaar dat twee jaar gevolgd kon worden.",
                             "There is no birth year yet that could be followed for two years."));
    rpt_doc_text(d, s, 9.5);
    /* routes without a curve: say so, rather than leave the reader to wonder */
    char missing[120] = "";
    static const char *const rs[] = {"1", "2", "3"};
    for (size_t g = 0; g < 3 && B->km_cohort[0]; g++) {
        size_t n = 0;
        if (!rpt_curve_get(B->ctx->data, "nazorg.in_zorg", B->ctx->regio, "route", rs[g], B->km_cohort, &n)) {
            size_t l = strlen(missing);
            (void)snprintf(missing + l, sizeof missing - l, "%s%s", l ? ", " : "", rs[g]);
        }
    }
    size_t nall = 0;
    int no_all = B->km_cohort[0] &&
                 !rpt_curve_get(B->ctx->data, "nazorg.in_zorg", B->ctx->regio, "totaal", "", B->km_cohort, &nall);
    if (missing[0] || no_all) {
        char who[200];
        (void)snprintf(who, sizeof who, "%s%s%s%s",
                       no_all ? RPT_T(en, "alle kinderen samen", "all children together") : "",
                       no_all && missing[0] ? RPT_T(en, " en ", " and ") : "", missing[0] ? "route " : "", missing);
        (void)snprintf(s, sizeof s,
                       en ? "No curve is shown (x) for %s: too few children, or to prevent recalculation."
                          : "Voor %s wordt geen curve getoond (x): te weinig kinderen, of om terugrekenen te "
                            "voorkomen.",
                       who);
        rpt_doc_text(d, s, 9.5);
    }
    rpt_doc_chart(d, B->ch_km, 0);
    /* the reach: its heading, sentence and chart on one page (the chart once stood alone on the next) */
    const char *reach = RPT_T(en, "Bereik per contactmoment", "Reach per contact moment");
    (void)snprintf(s, sizeof s,
                   en ? "Children born in %s with a held contact by the end of each contact's window (x: not shown). "
                        "A contact counts only the children whose window had closed by the data cut-off: for the later "
                        "contacts, those born early in the year (–: none yet)."
                      : "Kinderen geboren in %s met een gehouden contact voor het einde van het venster van elk "
                        "contactmoment (x: niet getoond). Een contactmoment telt alleen de kinderen van wie het "
                        "venster op de peildatum voorbij is: bij de latere momenten de vroeg in het jaar geboren "
                        "kinderen (–: nog niemand).",
                   B->bereik_year[0] ? B->bereik_year : "–");
    (void)rpt_doc_need(d, rpt_doc_heading_height(d, 2, reach) + rpt_doc_text_height(d, s, 9.5) +
                              rpt_doc_chart_height(d, B->ch_bereik, 0));
    rpt_doc_heading(d, 2, reach, 0);
    rpt_doc_text(d, s, 9.5);
    rpt_doc_chart(d, B->ch_bereik, 0);
}

/* The heat map: organisations × quarters, delivered, corrected or missing against the agreements. */
static void section_anchoring(rpt_doc *d, bestuur *B)
{
    const int en = B->ctx->en;
    const rpt_data *D = B->ctx->data;
    const char *R = B->ctx->regio;
    cairo_t *cr = rpt_doc_cairo(d);
    kr_period q[12];
    rpt_quarters(&B->ctx->periode, 12, q);
    /* the organisations of the region, in code order (rows are sorted) */
    const char *orgs[64];
    size_t norgs = 0;
    for (size_t i = 0; i < D->nrows && norgs < 64; i++) {
        const rpt_row *r = &D->rows[i];
        if (strcmp(r->indicator, "verankering.aanlevering.geleverd") != 0 || strcmp(r->regio, R) != 0 ||
            strcmp(r->site, "*") != 0 || strcmp(r->groep, "organisatie") != 0)
            continue;
        if (norgs == 0 || strcmp(orgs[norgs - 1], r->groepwaarde) != 0)
            orgs[norgs++] = r->groepwaarde;
    }
    const double namew = 95, cellw = (rpt_doc_width(d) - namew) / 12.0, cellh = 15;
    /* the heading, its sentence and the grid whole on one page when a page holds them (no organisation alone over the
     * page, no heading without its grid) */
    const char *heading = RPT_T(en, "5. Verankering: wie leverde wat", "5. Anchoring: who delivered what");
    const char *intro = RPT_T(en, "Per organisatie en kwartaal, tegen de leveringsafspraken: ● geleverd, ◐ "
                                  "gecorrigeerd (opnieuw geleverd), ○ ontbreekt (een afgesproken levering kwam niet), "
                                  "– geen afspraak.",
                              "Per organisation and quarter, against the delivery agreements: ● delivered, ◐ corrected "
                              "(sent again), ○ missing (an agreed delivery did not come), – no agreement.");
    double whole = cellh * (double)(norgs + 1);
    double block = rpt_doc_heading_height(d, 1, heading) + rpt_doc_text_height(d, intro, 9.5) + whole;
    if (block <= 650)
        (void)rpt_doc_need(d, block + 14);
    rpt_doc_heading(d, 1, heading, 1);
    rpt_doc_text(d, intro, 9.5);
    double y = rpt_doc_need(d, whole <= 600 ? whole : cellh * 2);
    for (size_t j = 0; j < 12; j++)
        rpt_doc_markup_at(d, 56 + namew + cellw * (double)j, y, cellw, q[j].label + 2, 9, RPT_CENTRE);
    rpt_doc_advance(d, cellh);
    for (size_t o = 0; o < norgs; o++) {
        y = rpt_doc_need(d, cellh);
        rpt_doc_markup_at(d, 56, y + 2, namew - 4, orgs[o], 9, RPT_LEFT);
        for (size_t j = 0; j < 12; j++) {
            const rpt_row *g = rpt_get(D, "verankering.aanlevering.geleverd", R, "*", "organisatie", orgs[o],
                                       q[j].label);
            const rpt_row *c = rpt_get(D, "verankering.aanlevering.gecorrigeerd", R, "*", "organisatie", orgs[o],
                                       q[j].label);
            const rpt_row *m = rpt_get(D, "verankering.aanlevering.ontbreekt", R, "*", "organisatie", orgs[o],
                                       q[j].label);
            int colour = RPT_GREY;
            const char *sym = "–";
            long long n = 0;
            if (m && m->teller > 0) {
                colour = RPT_VERMILION;
                sym = "○";
                n = m->teller;
            } else if (c && c->teller > 0) {
                colour = RPT_SKY;
                sym = "◐";
                n = c->teller;
            } else if (g && g->teller > 0) {
                colour = RPT_GREEN;
                sym = "●";
                n = g->teller;
            }
            double x = 56 + namew + cellw * (double)j;
            rpt_colour_set(cr, colour, colour == RPT_GREY ? 0.15 : 0.3);
            cairo_rectangle(cr, x + 0.5, y + 0.5, cellw - 1, cellh - 1);
            cairo_fill(cr);
            cairo_set_source_rgb(cr, 0, 0, 0);
            char mk[40];
            (void)n;
            kr_strlcpy(mk, sym, sizeof mk);
            rpt_doc_markup_at(d, x, y + 2, cellw, mk, 9, RPT_CENTRE);
        }
        rpt_doc_advance(d, cellh);
    }
    rpt_doc_advance(d, 8);
    /* the register's organisations without an agreement or a delivery have no row here, but do count in the
     * participation of the scorecard: say how many, and of which kinds (those that delivered nothing this period) */
    const rpt_row *dn = rpt_total(D, "verankering.deelname", R, B->ctx->periode.label);
    if (dn && !dn->suppressed && dn->noemer > (long long)norgs) {
        char kinds[400] = "";
        for (size_t i = 0; i < D->nrows; i++) {
            const rpt_row *r = &D->rows[i];
            if (strcmp(r->indicator, "verankering.deelname") != 0 || strcmp(r->regio, R) != 0 ||
                strcmp(r->site, "*") != 0 || strcmp(r->groep, "organisatie_soort") != 0 ||
                strcmp(r->periode, B->ctx->periode.label) != 0 || r->suppressed || r->teller != 0)
                continue;
            size_t l = strlen(kinds);
            (void)snprintf(kinds + l, sizeof kinds - l, "%s%s", l ? ", " : "", rpt_kind_words(r->groepwaarde, en));
        }
        char s[700];
        (void)snprintf(s, sizeof s,
                       en ? "The participation on the scorecard counts all %lld organisations in the register; %zu "
                            "have an agreement or a delivery and are listed above.%s%s"
                          : "De deelname op de scorekaart telt alle %lld organisaties in het register; %zu hebben een "
                            "leveringsafspraak of een levering en staan hierboven.%s%s",
                       (long long)dn->noemer, norgs,
                       kinds[0] ? RPT_T(en, " Niets geleverd in deze periode, naar soort: ",
                                        " Nothing delivered this period, by kind: ")
                                : "",
                       kinds);
        size_t sl = strlen(s);
        if (kinds[0] && sl + 1 < sizeof s)
            (void)snprintf(s + sl, sizeof s - sl, ".");
        rpt_doc_text(d, s, 9);
    }
    rpt_doc_text(d,
                 RPT_T(en, "Of een levering te laat kwam, staat niet in de uitkomstentabel; het leveringsregister "
                           "(kansrijk deliveries) toont de datum van elke levering.",
                       "Whether a delivery came late is not in the outcome table; the delivery ledger (kansrijk "
                       "deliveries) shows the date of every delivery."),
                 9);
}

static void draw(rpt_doc *d, void *state)
{
    bestuur *B = state;
    const int en = B->ctx->en;
    rpt_cover(d, B->ctx, RPT_T(en, "Bestuursrapportage Kansrijke Start", "Kansrijke Start board report"));
    rpt_doc_heading(d, 1, RPT_T(en, "1. Scorekaart", "1. Scorecard"), 1);
    scorecard(d, B);
    rpt_legend(d, en);
    rpt_doc_markup(d,
                   RPT_T(en,
                         "<b>Variatie</b> en <b>Doel gehaald?</b> komen uit een SPC-grafiek (p′-kaart van Laney) van "
                         "de kwartalen: alleen een bijzondere oorzaak is een echte verandering. <b>Variatie</b> gaat "
                         "over het laatste kwartaal; gekleurde punten in het lijntje zijn eerdere bijzondere oorzaken. "
                         "<b>Status</b> "
                         "vergelijkt alleen deze periode met het doel: ● groen gehaald, ◐ oranje niet gehaald maar "
                         "het interval bevat het doel, ○ rood niet gehaald, – grijs niet getoond.",
                         "<b>Variation</b> and <b>Target met?</b> come from an SPC chart (Laney's p′-chart) of the "
                         "quarters: only a special cause is a real change. <b>Variation</b> is about the last quarter; "
                         "coloured points in the sparkline are earlier special causes. <b>Status</b> compares this "
                         "period alone "
                         "with the target: ● green met, ◐ amber not met but the interval holds the target, ○ red not "
                         "met, – grey not shown."),
                   9);
    sentences(d, B);
    section_routes(d, B);
    section_handover(d, B);
    section_followup(d, B);
    section_anchoring(d, B);
    rpt_appendix(d, appendix_ids, en);
}

const rpt_kind_def rpt_bestuur = {
    "bestuur", "Bestuursrapportage", "Board report", 0, 0, plan, draw, free_state,
};
