/*
 * What every report shares: the cover (region, period, peildatum, the deliveries it was
 * built from, when and by which version it was made), the legend of the marks, the
 * appendix of definitions with the disclosure rule, titles of row ids, and quarters.
 */
#include "rpt_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int str_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void rpt_cover(rpt_doc *d, const rpt_ctx *ctx, const char *title)
{
    const rpt_data *D = ctx->data;
    const int en = ctx->en;
    char l[8][700], a[200], b[200], esc[400];
    const char *lines[8];
    size_t n = 0;
    rpt_markup_escape(esc, sizeof esc, rpt_place_name(D, ctx->regio, en));
    (void)snprintf(l[n++], sizeof l[0], "<b>%s</b> · %s %s", esc, RPT_T(en, "periode", "period"), ctx->periode.label);
    rpt_date_long(a, sizeof a, D->peildatum, en);
    (void)snprintf(l[n++], sizeof l[0], "%s: %s",
                   RPT_T(en, "Peildatum (gegevens tot en met)", "Data cut-off (peildatum)"),
                   a);
    if (D->nsources) {
        /* the files by name, sorted: the order they were given in does not change the report */
        const char *names[64] = {0};
        size_t k = D->nsources < 64 ? D->nsources : 64;
        for (size_t i = 0; i < k; i++) {
            const char *sl = strrchr(D->sources[i], '/');
            names[i] = sl ? sl + 1 : D->sources[i];
        }
        qsort(names, k, sizeof names[0], str_cmp);
        char list[500] = "";
        for (size_t i = 0; i < k; i++) {
            size_t len = strlen(list);
            (void)snprintf(list + len, sizeof list - len, "%s%s", i ? ", " : "", names[i]);
        }
        rpt_markup_escape(esc, sizeof esc, list);
        (void)snprintf(l[n++], sizeof l[0], "%s: %zu %s: %s", RPT_T(en, "Gemaakt uit", "Made from"), D->nsources,
                       D->nsources == 1 ? RPT_T(en, "export van kansrijk (--bron)", "kansrijk export (--bron)")
                                        : RPT_T(en, "exports van kansrijk (--bron)", "kansrijk exports (--bron)"),
                       esc);
    } else {
        rpt_markup_escape(esc, sizeof esc, D->latest[0] ? D->latest : "–");
        /* the file name whole on one line, not broken after a hyphen of its organisation code (JGZ-/UT); its day
         * after it may go to the next line */
        (void)snprintf(l[n++], sizeof l[0], "%s: %lld %s %lld %s; %s <span allow_breaks=\"false\">%s</span> (%s)",
                       RPT_T(en, "Gebouwd op", "Built from"), D->deliveries,
                       D->deliveries == 1 ? RPT_T(en, "levering van", "delivery from")
                                          : RPT_T(en, "leveringen van", "deliveries from"),
                       D->organisations,
                       D->organisations == 1 ? RPT_T(en, "organisatie", "organisation")
                                             : RPT_T(en, "organisaties", "organisations"),
                       RPT_T(en, "laatst ingelezen:", "read in last:"), esc,
                       D->latest_day[0] ? D->latest_day : "–");
    }
    char now[21];
    kr_now_iso(now);
    kr_date today = KR_NO_DATE;
    (void)kr_date_parse(now, 10, &today);
    rpt_date_long(b, sizeof b, today, en);
    (void)snprintf(l[n++], sizeof l[0], "%s %s %s kansrijk %s", RPT_T(en, "Gemaakt op", "Made on"), b,
                   RPT_T(en, "met", "with"), KR_VERSION);
    if (D->stale && D->computed_at[0]) {
        kr_date c = KR_NO_DATE;
        (void)kr_date_parse(D->computed_at, 10, &c);
        rpt_date_long(a, sizeof a, c, en);
        (void)snprintf(l[n++], sizeof l[0], "<b>%s %s: %s</b>",
                       RPT_T(en, "Er zijn leveringen bijgekomen, vervangen of ingetrokken na de berekening van",
                             "Deliveries were stored, replaced or withdrawn after the computation of"),
                       a, RPT_T(en, "voer 'kansrijk compute' opnieuw uit voor de nieuwste cijfers",
                                "run 'kansrijk compute' again for the latest figures"));
    }
    for (size_t i = 0; i < n; i++)
        lines[i] = l[i];
    rpt_doc_cover(d, title, lines, n);
}

void rpt_legend(rpt_doc *d, int en)
{
    rpt_doc_markup(d,
                   RPT_T(en,
                         "<b>x</b> " RPT_X_NL " · "
                         "<b>*</b> voorlopig: het cohort kan nog veranderen · <b>–</b> geen gegevens",
                         "<b>x</b> " RPT_X_EN " · "
                         "<b>*</b> provisional: the cohort can still change · <b>–</b> no data"),
                   9);
}

void rpt_appendix(rpt_doc *d, const char *const *indicators, int en)
{
    char esc[2000], mk[2600], t[300];
    rpt_doc_heading(d, 1, RPT_T(en, "Bijlage: definities", "Appendix: definitions"), 1);
    for (size_t i = 0; indicators[i]; i++) {
        const eng_indicator *ind = eng_indicator_find(indicators[i]);
        if (!ind)
            continue;
        rpt_markup_escape(t, sizeof t, en ? ind->title_en : ind->title_nl);
        rpt_markup_escape(esc, sizeof esc, en ? ind->definition_en : ind->definition);
        const char *better = ind->direction == ENG_HIGHER  ? RPT_T(en, "hoger is beter", "higher is better")
                             : ind->direction == ENG_LOWER ? RPT_T(en, "lager is beter", "lower is better")
                                                           : "";
        (void)snprintf(mk, sizeof mk, "<b>%s</b> (<tt>%s</tt>)\n%s%s%s", t, ind->id, esc, better[0] ? "; " : "",
                       better);
        rpt_doc_markup(d, mk, 9);
    }
    rpt_doc_heading(d, 2, RPT_T(en, "Wat niet getoond wordt", "What is not shown"), 0);
    rpt_doc_markup(
        d,
        RPT_T(en,
              "Een aantal personen van 1 tot en met 9 wordt nergens getoond. Een percentage of cijfer per 1000 wordt "
              "niet getoond (<b>x</b>) als de noemer kleiner is dan 10, of als de teller of het verschil tussen noemer "
              "en teller 1 tot en met 9 is. Daarna worden zo nodig nog meer cellen verborgen, zodat een verborgen "
              "aantal niet kan worden teruggerekend door getoonde cijfers van elkaar af te trekken (binnen een "
              "uitsplitsing, tussen kwartalen en jaar, tussen regio's en sites, en tussen indicatoren). Daarom staat "
              "er soms <b>x</b> bij een groep die zelf groot genoeg is. Aantallen organisaties, gemeenten en rijen "
              "worden getoond, behalve waar ze personen tellen: de volledigheid van een kolom en de rijen van het "
              "extract mdo (zwangeren in route 3). Een cijfer met <b>*</b> is voorlopig: het cohort kan nog "
              "veranderen.",
              "A count of 1 to 9 persons is never shown. A percentage or rate per 1000 is not shown (<b>x</b>) when "
              "its denominator is under 10, or its numerator or the difference between denominator and numerator is "
              "1 to 9. Further cells are then hidden where needed, so that no hidden count can be recovered by "
              "subtracting shown figures (within a breakdown, between quarters and year, between regions and sites, "
              "and between indicators). That is why a group that is large enough itself is sometimes shown as "
              "<b>x</b>. Counts of organisations, municipalities and rows are shown, except where they count persons: "
              "the completeness of a column and the rows of the mdo extract (pregnancies of route 3). A figure with "
              "<b>*</b> is provisional: its cohort can still change."),
        9);
}

size_t rpt_quarters(const kr_period *p, size_t k, kr_period *out)
{
    /* the quarter p ends in, then k - 1 quarters before it, oldest first */
    kr_period q;
    kr_period_of(p->last, 0, &q);
    for (size_t i = k; i-- > 0;) {
        out[i] = q;
        kr_period prev;
        kr_period_previous(&q, &prev);
        q = prev;
    }
    return k;
}

/* The words for a part of a multi-part indicator. */
static void part_words(char *out, size_t cap, const char *part, int en)
{
    static const struct {
        const char *part, *nl, *en;
    } words[] = {
        {"s6m", "na 6 maanden", "at 6 months"},     {"s12m", "na 12 maanden", "at 12 months"},
        {"s18m", "na 18 maanden", "at 18 months"},  {"s24m", "na 24 maanden", "at 24 months"},
        {"p25", "25e percentiel", "25th percentile"}, {"p50", "mediaan", "median"},
        {"p75", "75e percentiel", "75th percentile"}, {"p90", "90e percentiel", "90th percentile"},
        {"niet_gescreend", "niet gescreend", "not screened"}, {"gemeenten", "gemeenten", "municipalities"},
        {NULL, NULL, NULL},
    };
    for (size_t i = 0; words[i].part; i++)
        if (strcmp(words[i].part, part) == 0) {
            kr_strlcpy(out, en ? words[i].en : words[i].nl, cap);
            return;
        }
    if (part[0] >= '1' && part[0] <= '3' && part[1] == '\0') {
        (void)snprintf(out, cap, "route %s", part);
        return;
    }
    if (part[0] >= '1' && part[0] <= '3' && part[1] == '_' && part[2] >= '1' && part[2] <= '3' && !part[3]) {
        (void)snprintf(out, cap, en ? "route %c to %c" : "route %c naar %c", part[0], part[2]);
        return;
    }
    kr_strlcpy(out, part, cap);
    for (char *c = out; *c; c++)
        if (*c == '_')
            *c = ' ';
}

void rpt_title(char *out, size_t cap, const char *row_id, int en)
{
    const eng_indicator *ind = eng_indicator_find(row_id);
    if (!ind) {
        kr_strlcpy(out, row_id, cap);
        return;
    }
    const char *t = en ? ind->title_en : ind->title_nl;
    size_t il = strlen(ind->id);
    if (row_id[il] == '.' && row_id[il + 1]) {
        char w[120];
        part_words(w, sizeof w, row_id + il + 1, en);
        (void)snprintf(out, cap, "%s, %s", t, w);
    } else {
        kr_strlcpy(out, t, cap);
    }
}

const char *rpt_kind_words(const char *code, int en)
{
    static const char *const words[][3] = {
        {"verloskundige", "verloskundige", "midwife"},
        {"verloskundigenpraktijk", "verloskundigenpraktijk", "midwifery practice"},
        {"jgz", "JGZ", "youth health care (JGZ)"},
        {"wijkteam", "wijkteam", "neighbourhood team"},
        {"ziekenhuis", "ziekenhuis", "hospital"},
        {"ggz", "GGZ", "mental health care (GGZ)"},
        {"knooppunt", "knooppunt", "hub (knooppunt)"},
        {"kraamzorg", "kraamzorg", "maternity care"},
        {"gemeente", "gemeente", "municipality"},
        {"vsv", "VSV", "obstetric partnership (VSV)"},
        {"anders", "anders", "other"},
    };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcmp(code, words[i][0]) == 0)
            return words[i][en ? 2 : 1];
    return code;
}

/* How much of a birth cohort's curves is published: the days the curves reach, added up (then their steps). */
static size_t km_count(const rpt_data *d, const char *regio, const char *cohort)
{
    static const char *const groups[] = {"", "1", "2", "3", "niet_gescreend"};
    size_t days = 0, steps = 0, n;
    for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++) {
        const rpt_curve *c =
            rpt_curve_get(d, "nazorg.in_zorg", regio, groups[g][0] ? "route" : "totaal", groups[g], cohort, &n);
        if (c && n)
            days += (size_t)c[n - 1].t;
        steps += n;
    }
    return days * 100000 + steps;
}

/*
 * The birth cohort of the retention curves: the one whose published curves reach furthest together (then most steps),
 * years before quarters and the latest first when as much; a curve is cut where fewer than 10 are at risk, so small
 * cohorts have none. (Counting curves first once chose a cohort born this year, two flat curves of six months, over
 * one followed to eighteen months.) full: only cohorts whose youngest child can have reached 24 months by the
 * peildatum.
 */
void rpt_km_choose(const rpt_data *d, const char *regio, int py, int full, char *out, size_t cap)
{
    size_t best = 0;
    out[0] = '\0';
    for (int pass = 0; pass < 2; pass++)
        for (int y = py; y > py - 6; y--)
            for (int q = pass ? 4 : 0; q >= (pass ? 1 : 0); q--) {
                char label[16];
                kr_period p;
                if (pass)
                    (void)snprintf(label, sizeof label, "%dQ%d", y, q);
                else
                    (void)snprintf(label, sizeof label, "%d", y);
                if (full && (d->peildatum == KR_NO_DATE || kr_period_parse(label, strlen(label), &p) != KR_OK ||
                             p.last + 730 > d->peildatum))
                    continue;
                size_t k = km_count(d, regio, label);
                if (k > best) {
                    best = k;
                    kr_strlcpy(out, label, cap);
                }
            }
}
