/*
 * The `vergelijk` report for the learning track (REPORTS.md): the sites side by side on the
 * same definitions — a table of sites × key proportions flagging values outside the 95 % and
 * 99.8 % funnel limits, a funnel plot and a caterpillar chart per key proportion, the route
 * distribution per site, and observed/expected ratios of the perinatal outcomes. Built from
 * one database or from several regions' exports (--bron) alike.
 */
#include "rpt_plot.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const keys[] = {"route.gescreend",         "overdracht.warm",
                                   "overdracht.jgz_tijdig",   "overdracht.mdo_tijdig",
                                   "lijn.eerste_lijn_baring", "overdracht.eerste_jgz_contact"};
#define NKEYS (sizeof keys / sizeof keys[0])

static const char *const oe_ids[] = {"uitkomst.vroeggeboorte.oe", "uitkomst.laag_geboortegewicht.oe",
                                     "uitkomst.perinatale_sterfte.oe"};
#define NOE (sizeof oe_ids / sizeof oe_ids[0])

static const char *const appendix_ids[] = {"route.gescreend",         "overdracht.warm",
                                           "overdracht.jgz_tijdig",   "overdracht.mdo_tijdig",
                                           "lijn.eerste_lijn_baring", "overdracht.eerste_jgz_contact",
                                           "route.verdeling",         "uitkomst.vroeggeboorte",
                                           "uitkomst.laag_geboortegewicht", "uitkomst.perinatale_sterfte",
                                           NULL};

typedef struct key_cmp {
    eng_vergelijk v;
    const rpt_row **rows; /* the row of each site of v, in v's order */
    int ok;
    rpt_chart *funnel, *caterpillar;
} key_cmp;

typedef struct leertraject {
    rpt_ctx *ctx;
    key_cmp k[NKEYS];
    const char **sites, **regios; /* the sites of the comparison (those of route.gescreend, else the first key's) */
    size_t nsites;
    char oe_period[16];
    rpt_chart *routes;
    const rpt_row **route_rows;
} leertraject;

/* The site rows of one row id in periode: regio and site not '*', site not onbekend, groep totaal. */
static kr_status load_key(const rpt_data *d, const char *id, const char *periode, key_cmp *k)
{
    size_t cap = 0, n = 0;
    for (size_t i = 0; i < d->nrows; i++) {
        const rpt_row *r = &d->rows[i];
        if (strcmp(r->indicator, id) != 0 || strcmp(r->periode, periode) != 0 || strcmp(r->groep, "totaal") != 0 ||
            strcmp(r->regio, "*") == 0 || strcmp(r->site, "*") == 0 || strcmp(r->site, "onbekend") == 0)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            const rpt_row **p = realloc(k->rows, cap * sizeof *p);
            if (!p)
                return KR_ENOMEM;
            k->rows = p;
        }
        k->rows[n++] = r;
        int hidden = r->suppressed || r->teller < 0 || r->noemer < 1;
        kr_status rc = eng_vergelijk_add(&k->v, r->regio, r->site, hidden, hidden ? 0 : (long)r->teller,
                                         hidden ? 0 : (long)r->noemer, r->voorlopig);
        if (rc != KR_OK)
            return rc;
    }
    if (n == 0)
        return KR_ENOTFOUND;
    kr_status rc = eng_vergelijk_compute(&k->v);
    k->ok = rc == KR_OK;
    return rc == KR_EINVAL ? KR_OK : rc;
}

static kr_status plan(rpt_ctx *ctx, void **state)
{
    leertraject *L = calloc(1, sizeof *L);
    if (!L)
        return KR_ENOMEM;
    *state = L;
    L->ctx = ctx;
    const rpt_data *D = ctx->data;
    const int en = ctx->en;
    const char *P = ctx->periode.label;
    for (size_t i = 0; i < NKEYS; i++) {
        key_cmp *k = &L->k[i];
        kr_status rc = load_key(D, keys[i], P, k);
        if (rc != KR_OK && rc != KR_ENOTFOUND)
            return rc;
        if (!k->ok)
            continue;
        const eng_indicator *ind = eng_indicator_find(keys[i]);
        char name[80], title[200];
        (void)snprintf(name, sizeof name, "vergelijk-%zu-trechter", i + 1);
        (void)snprintf(title, sizeof title, "%s", en ? ind->title_en : ind->title_nl);
        k->funnel = rpt_plot_funnel(ctx->charts, name, title, &k->v, en, 483, 215);
        (void)snprintf(name, sizeof name, "vergelijk-%zu-rups", i + 1);
        k->caterpillar = rpt_plot_caterpillar(ctx->charts, name, title, &k->v, k->rows, en, 483, 200);
        if (!k->funnel || !k->caterpillar)
            return KR_ENOMEM;
    }
    /* the sites: those of the first key with rows */
    for (size_t i = 0; i < NKEYS && !L->nsites; i++) {
        if (!L->k[i].v.n)
            continue;
        L->nsites = L->k[i].v.n;
        L->sites = calloc(L->nsites, sizeof *L->sites);
        L->regios = calloc(L->nsites, sizeof *L->regios);
        if (!L->sites || !L->regios)
            return KR_ENOMEM;
        for (size_t s = 0; s < L->nsites; s++) {
            L->sites[s] = L->k[i].v.sites[s].site;
            L->regios[s] = L->k[i].v.sites[s].regio;
        }
    }
    /* the route distribution per site */
    static const char *const parts[] = {"route.verdeling.1", "route.verdeling.2", "route.verdeling.3",
                                        "route.verdeling.niet_gescreend"};
    L->route_rows = calloc(4 * (L->nsites ? L->nsites : 1), sizeof *L->route_rows);
    const char **xl = calloc(L->nsites ? L->nsites : 1, sizeof *xl);
    if (!L->route_rows || !xl) {
        free(xl);
        return KR_ENOMEM;
    }
    for (size_t s = 0; s < L->nsites; s++) {
        xl[s] = rpt_site_label(L->sites[s]);
        for (size_t j = 0; j < 4; j++)
            L->route_rows[j * L->nsites + s] = rpt_get(D, parts[j], L->regios[s], L->sites[s], "totaal", "", P);
    }
    const char *plabels[4] = {"Route 1", "Route 2", "Route 3", RPT_T(en, "niet gescreend", "not screened")};
    static const int pcolours[4] = {RPT_SKY, RPT_ORANGE, RPT_VERMILION, RPT_GREY};
    L->routes = rpt_plot_stacked_cat(ctx->charts, "vergelijk-routes",
                                     RPT_T(en, "Verdeling over de routes per site",
                                           "Distribution over the routes per site"),
                                     xl, L->nsites, L->route_rows, 4, plabels, pcolours, en, 483, 230);
    free(xl);
    if (!L->routes)
        return KR_ENOMEM;
    /* observed/expected: the rolling three-year window that ends in the period's year, else the year */
    int y = rpt_year(P);
    (void)snprintf(L->oe_period, sizeof L->oe_period, "%d-%d", y - 2, y);
    int found = 0;
    for (size_t s = 0; s < L->nsites && !found; s++)
        found = rpt_get(D, oe_ids[0], L->regios[s], L->sites[s], "totaal", "", L->oe_period) != NULL;
    if (!found)
        (void)snprintf(L->oe_period, sizeof L->oe_period, "%d", y);
    return KR_OK;
}

static void free_state(void *state)
{
    leertraject *L = state;
    for (size_t i = 0; i < NKEYS; i++) {
        eng_vergelijk_fini(&L->k[i].v);
        free(L->k[i].rows);
    }
    free(L->sites);
    free(L->regios);
    free(L->route_rows);
    free(L);
}

/* A site's value in the table, with ▲/▼ outside the 95 % limits and ▲▲/▼▼ outside the 99.8 % limits. */
static void cell(char *out, size_t cap, const key_cmp *k, const char *regio, const char *site, int en)
{
    kr_strlcpy(out, "–", cap);
    for (size_t s = 0; s < k->v.n; s++) {
        const eng_vergelijk_site *vs = &k->v.sites[s];
        if (strcmp(vs->regio, regio) != 0 || strcmp(vs->site, site) != 0)
            continue;
        char v[64];
        rpt_value(v, sizeof v, k->rows[s], en);
        const char *flag = "";
        if (k->ok && vs->positie == ENG_POS_BUITEN_998)
            flag = vs->richting > 0 ? "\u00a0▲▲" : "\u00a0▼▼";
        else if (k->ok && vs->positie == ENG_POS_BUITEN_95)
            flag = vs->richting > 0 ? "\u00a0▲" : "\u00a0▼";
        const rpt_row *r = k->rows[s];
        (void)snprintf(out, cap, "%s%s%s", v, r->voorlopig && !r->suppressed ? RPT_PROV_MARK : "", flag);
        return;
    }
}

static void site_table(rpt_doc *d, leertraject *L)
{
    const int en = L->ctx->en;
    static const double w[] = {0.19, 0.135, 0.135, 0.135, 0.135, 0.135, 0.135};
    static const int al[] = {RPT_LEFT, RPT_RIGHT, RPT_RIGHT, RPT_RIGHT, RPT_RIGHT, RPT_RIGHT, RPT_RIGHT};
    char heads[NKEYS + 1][200];
    const char *h[NKEYS + 1];
    kr_strlcpy(heads[0], RPT_T(en, "Site (regio)", "Site (region)"), sizeof heads[0]);
    for (size_t i = 0; i < NKEYS; i++) {
        const eng_indicator *ind = eng_indicator_find(keys[i]);
        rpt_markup_escape(heads[i + 1], sizeof heads[i + 1], en ? ind->title_en : ind->title_nl);
    }
    for (size_t i = 0; i <= NKEYS; i++)
        h[i] = heads[i];
    rpt_table t;
    rpt_table_init(&t, NKEYS + 1, w, al, h);
    for (size_t s = 0; s < L->nsites; s++) {
        char esc[200];
        rpt_markup_escape(esc, sizeof esc, rpt_site_label(L->sites[s]));
        (void)rpt_table_cellf(&t, "%s (%s)", esc, L->regios[s]);
        for (size_t i = 0; i < NKEYS; i++) {
            char c[96];
            cell(c, sizeof c, &L->k[i], L->regios[s], L->sites[s], en);
            (void)rpt_table_cell(&t, c);
        }
    }
    rpt_table_fit(&t);  /* the long words of the indicators' titles, in either language */
    rpt_doc_table(d, &t);
    rpt_table_fini(&t);
}

static void key_section(rpt_doc *d, leertraject *L, size_t i)
{
    const int en = L->ctx->en;
    const key_cmp *k = &L->k[i];
    const eng_indicator *ind = eng_indicator_find(keys[i]);
    char s[1200], names[600] = "";
    /* a key with no site to show is its heading and one sentence: no page of its own, no empty charts */
    int nothing = !k->ok || k->v.getoond == 0;
    rpt_doc_heading(d, 2, en ? ind->title_en : ind->title_nl, i > 0 && !nothing);
    if (!k->ok) {
        rpt_doc_text(d, RPT_T(en, "Geen site om te vergelijken in deze periode.", "No site to compare in this period."),
                     10);
        return;
    }
    size_t out95 = 0, out998 = 0, hidden = 0;
    for (size_t j = 0; j < k->v.n; j++) {
        const eng_vergelijk_site *vs = &k->v.sites[j];
        if (vs->onderdrukt) {
            hidden++;
            continue;
        }
        if (vs->positie == ENG_POS_BUITEN_95 || vs->positie == ENG_POS_BUITEN_998) {
            size_t l = strlen(names);
            (void)snprintf(names + l, sizeof names - l, "%s%s (%s%s)", l ? ", " : "", rpt_site_label(vs->site),
                           vs->richting > 0 ? RPT_T(en, "boven", "above") : RPT_T(en, "onder", "below"),
                           vs->positie == ENG_POS_BUITEN_998 ? RPT_T(en, " de 99,8%-grens", " the 99.8% limit")
                                                             : RPT_T(en, " de 95%-grens", " the 95% limit"));
            out95++;
            out998 += vs->positie == ENG_POS_BUITEN_998;
        }
    }
    if (k->v.getoond == 0)
        (void)snprintf(s, sizeof s, "%s",
                       RPT_T(en, "Geen enkele site kan in deze periode worden getoond (x): er is niets te vergelijken.",
                             "No site can be shown in this period (x): there is nothing to compare."));
    else if (out95)
        (void)snprintf(s, sizeof s,
                       en ? "Outside the funnel: %s. A site outside the 99.8%% limits differs from the others more "
                            "than chance explains; outside the 95%% limits only, it is worth a look, not yet a verdict."
                          : "Buiten de trechter: %s. Een site buiten de 99,8%%-grenzen verschilt meer van de andere "
                            "dan toeval verklaart; alleen buiten de 95%%-grenzen is het een reden om te kijken, nog "
                            "geen oordeel.",
                       names);
    else
        (void)snprintf(s, sizeof s, "%s",
                       RPT_T(en, "Elke getoonde site ligt binnen de trechter: de verschillen tussen de sites passen "
                                 "bij toeval.",
                             "Every site shown lies within the funnel: the differences between them fit chance."));
    rpt_doc_text(d, s, 9.5);
    if (k->v.verbreed)
        rpt_doc_text(d,
                     RPT_T(en, "De sites verschillen onderling meer dan toeval alleen kan verklaren (overdispersie); "
                               "de grenzen zijn daarom verbreed, zodat alleen een site die ook dan afwijkt opvalt.",
                           "The sites differ from each other more than chance alone explains (overdispersion); the "
                           "limits are therefore widened, so that only a site that stands out even then is flagged."),
                     9.5);
    if (nothing)
        return;
    if (hidden) {
        (void)snprintf(s, sizeof s,
                       en ? "Sites not shown (x) take no part in the comparison."
                          : "Sites die niet getoond worden (x) doen niet mee in de vergelijking.");
        rpt_doc_text(d, s, 9.5);
    }
    rpt_doc_chart(d, k->funnel, 0);
    rpt_doc_chart(d, k->caterpillar, 0);
}

static void oe_table(rpt_doc *d, leertraject *L)
{
    const int en = L->ctx->en;
    const rpt_data *D = L->ctx->data;
    static const double w[] = {0.28, 0.24, 0.24, 0.24};
    static const int al[] = {RPT_LEFT, RPT_RIGHT, RPT_RIGHT, RPT_RIGHT};
    char heads[NOE + 1][160];
    const char *h[NOE + 1];
    kr_strlcpy(heads[0], RPT_T(en, "Site (regio)", "Site (region)"), sizeof heads[0]);
    for (size_t i = 0; i < NOE; i++) {
        char t[140];
        rpt_title(t, sizeof t, oe_ids[i], en);
        char *comma = strrchr(t, ',');
        if (comma)
            *comma = '\0';
        rpt_markup_escape(heads[i + 1], sizeof heads[i + 1], t);
    }
    for (size_t i = 0; i <= NOE; i++)
        h[i] = heads[i];
    rpt_table t;
    rpt_table_init(&t, NOE + 1, w, al, h);
    for (size_t s = 0; s < L->nsites; s++) {
        char esc[200];
        rpt_markup_escape(esc, sizeof esc, rpt_site_label(L->sites[s]));
        (void)rpt_table_cellf(&t, "%s (%s)", esc, L->regios[s]);
        for (size_t i = 0; i < NOE; i++) {
            const rpt_row *r = rpt_get(D, oe_ids[i], L->regios[s], L->sites[s], "totaal", "", L->oe_period);
            char v[120];
            rpt_value_ci(v, sizeof v, r, en);
            int flag = r && !r->suppressed && !isnan(r->lo) && !isnan(r->hi) && (r->lo > 1 || r->hi < 1);
            (void)rpt_table_cellf(&t, "%s%s", v, flag ? (r->lo > 1 ? "\u00a0▲" : "\u00a0▼") : "");
        }
    }
    rpt_doc_table(d, &t);
    rpt_table_fini(&t);
}

static void draw(rpt_doc *d, void *state)
{
    leertraject *L = state;
    const int en = L->ctx->en;
    char s[800];
    rpt_cover(d, L->ctx, RPT_T(en, "Vergelijking van de sites", "Comparison of the sites"));
    rpt_doc_heading(d, 1, RPT_T(en, "1. De sites naast elkaar", "1. The sites side by side"), 1);
    (void)snprintf(s, sizeof s,
                   en ? "Each site on the same definitions, in %s. ▲ or ▼: above or below the 95%% limits of the "
                        "funnel around the value of all sites together; ▲▲ or ▼▼: outside the 99.8%% limits."
                      : "Elke site op dezelfde definities, in %s. ▲ of ▼: boven of onder de 95%%-grenzen van de "
                        "trechter rond de waarde van alle sites samen; ▲▲ of ▼▼: buiten de 99,8%%-grenzen.",
                   L->ctx->periode.label);
    rpt_doc_text(d, s, 9.5);
    site_table(d, L);
    rpt_legend(d, en);
    rpt_doc_heading(d, 1, RPT_T(en, "2. Trechters en rupsen per indicator",
                                "2. Funnels and caterpillars per indicator"), 1);
    rpt_doc_text(d,
                 RPT_T(en, "De trechter zet elke site tegen het aantal in haar groep: hoe kleiner de groep, hoe wijder "
                           "de grenzen waarbinnen toeval een site kan brengen. De rups eronder zet de sites op "
                           "volgorde, met hun 95%-interval. De lijn door het midden (in de trechter doorgetrokken, in "
                           "de rups gestreept) is de waarde van alle getoonde sites samen.",
                       "The funnel plots each site against the number in its group: the smaller the group, the wider "
                       "the limits within which chance can put a site. The caterpillar below orders the sites, with "
                       "their 95% interval. The line through the middle (solid in the funnel, dashed in the "
                       "caterpillar) is the value of all shown sites together."),
                 9.5);
    for (size_t i = 0; i < NKEYS; i++)
        key_section(d, L, i);
    rpt_doc_heading(d, 1, RPT_T(en, "3. Routes per site", "3. Routes per site"), 1);
    (void)snprintf(s, sizeof s,
                   en ? "The share of pregnancies per route at each site, of those with their intake in %s. A grey "
                        "block marked x is " RPT_X_EN "."
                      : "Het aandeel zwangerschappen per route op elke site, van de zwangerschappen met hun intake in "
                        "%s. Een grijs blok met x is " RPT_X_NL ".",
                   L->ctx->periode.label);
    rpt_doc_text(d, s, 9.5);
    rpt_doc_chart(d, L->routes, 0);
    /* the observed/expected table follows on the same page when it fits (section 3 is one chart) */
    rpt_doc_heading(d, 1, RPT_T(en, "4. Perinatale uitkomsten: waargenomen tegen verwacht",
                                "4. Perinatal outcomes: observed against expected"), 0);
    (void)snprintf(s, sizeof s,
                   en ? "Observed/expected ratio per site over %s, the expected number from the rates of all regions "
                        "by age group and parity (indirect standardisation), with its 95%% interval. 1 is as expected; "
                        "▲ or ▼ where the interval excludes 1."
                      : "Verhouding waargenomen/verwacht per site over %s, het verwachte aantal uit de cijfers van "
                        "alle regio's naar leeftijdsklasse en pariteit (indirecte standaardisatie), met het "
                        "95%%-interval. 1 is zoals verwacht; ▲ of ▼ waar het interval 1 uitsluit.",
                   L->oe_period);
    rpt_doc_text(d, s, 9.5);
    oe_table(d, L);
    rpt_legend(d, en);  /* x and – occur in the table, on a page of their own */
    rpt_appendix(d, appendix_ids, en);
}

const rpt_kind_def rpt_vergelijk = {
    "vergelijk", "Vergelijking van de sites", "Comparison of the sites", 1, 1, plan, draw, free_state,
};
