/*
 * `kansrijk report`: the table of report kinds, and the path every kind takes: load the
 * outcome rows, settle the region and the period, plan the charts, run gnuplot, and draw
 * the pages. The temporary folder of the charts is removed on every path out.
 */
#include "rpt_int.h"

#include <signal.h>
#include <string.h>

static const rpt_kind_def *const kinds[] = {&rpt_bestuur, &rpt_regio, &rpt_vergelijk, &rpt_kwaliteit, NULL};

static const rpt_kind_def *kind_find(const char *kind)
{
    for (size_t i = 0; kinds[i]; i++)
        if (strcmp(kinds[i]->kind, kind) == 0)
            return kinds[i];
    return NULL;
}

int rpt_kind_known(const char *kind)
{
    return kind && kind_find(kind) != NULL;
}

/* 1 when the table has a row for region r (any indicator). */
static int region_known(const rpt_data *d, const char *r)
{
    for (size_t i = 0; i < d->nrows; i++)
        if (strcmp(d->rows[i].regio, r) == 0)
            return 1;
    return 0;
}

/* The region r names as the table spells it (a code typed in other capitals, ZL for zl, is that region), or NULL. */
static const char *region_named(const rpt_data *d, const char *r)
{
    const char *other = NULL;
    for (size_t i = 0; i < d->nrows; i++) {
        const char *x = d->rows[i].regio;
        if (strcmp(x, r) == 0)
            return x;
        if (!other && kr_eq_ci(x, strlen(x), r))
            other = x;
    }
    return other;
}

/* 1 when region r has pregnancies (a route.gescreend row: rows of empty cohorts are not written). */
static int region_has_data(const rpt_data *d, const char *r)
{
    for (size_t i = 0; i < d->nrows; i++)
        if (strcmp(d->rows[i].indicator, "route.gescreend") == 0 && strcmp(d->rows[i].regio, r) == 0)
            return 1;
    return 0;
}

/* The regions that have rows, as "zl, zhz, utrecht" into out. */
static void region_list(const rpt_data *d, char *out, size_t cap)
{
    out[0] = '\0';
    for (size_t i = 0; i < d->nregions; i++) {
        if (!region_known(d, d->regions[i].code))
            continue;
        size_t l = strlen(out);
        (void)snprintf(out + l, cap - l, "%s%s", l ? ", " : "", d->regions[i].code);
    }
}

static kr_status settle_region(rpt_ctx *ctx, const rpt_kind_def *k)
{
    const rpt_data *d = ctx->data;
    char list[400];
    if (ctx->o->regio) {
        const char *r = strcmp(ctx->o->regio, "*") == 0 ? ctx->o->regio : region_named(d, ctx->o->regio);
        if (r) {
            ctx->regio = r;
            return KR_OK;
        }
        region_list(d, list, sizeof list);
        (void)snprintf(ctx->err, ctx->errcap,
                       RPT_T(ctx->en, "regio '%s' komt niet voor in de uitkomstentabel; "
                                      "bekende regio's: %s (of * voor alle samen)",
                             "region '%s' is not in the outcome table; known regions: %s (or * for all together)"),
                       ctx->o->regio, list[0] ? list : "–");
        return KR_EUSAGE;
    }
    /* one region with pregnancies: that one; several: all together (a report per region with --regio) */
    const char *only = NULL;
    size_t n = 0;
    for (size_t i = 0; i < d->nregions; i++)
        if (region_has_data(d, d->regions[i].code)) {
            only = d->regions[i].code;
            n++;
        }
    ctx->regio = (n == 1 && !k->all_regions) ? only : "*";
    return KR_OK;
}

/* 1 when the table has rows of route.gescreend for regio ('*': any region) in periode. */
static int period_known(const rpt_data *d, const char *regio, const char *periode)
{
    if (strcmp(regio, "*") != 0)
        return rpt_total(d, "route.gescreend", regio, periode) != NULL;
    for (size_t i = 0; i < d->nrows; i++)
        if (strcmp(d->rows[i].indicator, "route.gescreend") == 0 && strcmp(d->rows[i].periode, periode) == 0)
            return 1;
    return 0;
}

static kr_status settle_period(rpt_ctx *ctx, const rpt_kind_def *k)
{
    kr_period p;
    if (ctx->o->periode) {
        if (kr_period_parse(ctx->o->periode, strlen(ctx->o->periode), &p) != KR_OK) {
            (void)snprintf(ctx->err, ctx->errcap,
                           RPT_T(ctx->en, "periode '%s' is geen kwartaal (2025Q2) of jaar (2025)",
                                 "period '%s' is not a quarter (2025Q2) or a year (2025)"),
                           ctx->o->periode);
            return KR_EUSAGE;
        }
    } else if (ctx->data->peildatum != KR_NO_DATE) {
        kr_period now;
        kr_period_of(ctx->data->peildatum + 1, k->default_year, &now);
        kr_period_previous(&now, &p);
    } else {
        (void)snprintf(ctx->err, ctx->errcap, "%s",
                       RPT_T(ctx->en, "geef de periode met --periode", "name the period with --periode"));
        return KR_EUSAGE;
    }
    if (!period_known(ctx->data, ctx->regio, p.label)) {
        /* the periods that do exist, for the message */
        const char *qfirst = NULL, *qlast = NULL, *yfirst = NULL, *ylast = NULL;
        for (size_t i = 0; i < ctx->data->nrows; i++) {
            const rpt_row *r = &ctx->data->rows[i];
            if (strcmp(r->indicator, "route.gescreend") != 0 ||
                (strcmp(ctx->regio, "*") != 0 && strcmp(r->regio, ctx->regio) != 0) ||
                strcmp(r->groep, "totaal") != 0)
                continue;
            int quarter = strchr(r->periode, 'Q') != NULL;
            if (!quarter && strlen(r->periode) != 4)
                continue;  /* a window of years */
            const char **first = quarter ? &qfirst : &yfirst, **last = quarter ? &qlast : &ylast;
            if (!*first || strcmp(r->periode, *first) < 0)
                *first = r->periode;
            if (!*last || strcmp(r->periode, *last) > 0)
                *last = r->periode;
        }
        char where[120], years[80] = "";
        if (strcmp(ctx->regio, "*") == 0)
            kr_strlcpy(where, RPT_T(ctx->en, "alle regio's", "all regions"), sizeof where);
        else
            (void)snprintf(where, sizeof where, RPT_T(ctx->en, "regio %s", "region %s"), ctx->regio);
        if (yfirst && strcmp(yfirst, ylast) == 0)
            (void)snprintf(years, sizeof years, RPT_T(ctx->en, ", en het jaar %s", ", and the year %s"), yfirst);
        else if (yfirst)
            (void)snprintf(years, sizeof years,
                           RPT_T(ctx->en, ", en de jaren %s tot en met %s", ", and the years %s to %s"), yfirst, ylast);
        (void)snprintf(ctx->err, ctx->errcap,
                       RPT_T(ctx->en, "periode %s komt niet voor in de uitkomstentabel van %s; "
                                      "er zijn kwartalen van %s tot en met %s%s",
                             "period %s is not in the outcome table of %s; there are quarters from %s to %s%s"),
                       p.label, where, qfirst ? qfirst : "–", qlast ? qlast : "–", years);
        return KR_EUSAGE;
    }
    ctx->periode = p;
    return KR_OK;
}

typedef struct draw_arg {
    const rpt_kind_def *k;
    void *state;
} draw_arg;

static void draw(rpt_doc *d, void *arg)
{
    draw_arg *a = arg;
    a->k->draw(d, a->state);
}

kr_status rpt_render(const rpt_options *o, char *err, size_t errcap)
{
    const int en = o->english;
    const rpt_kind_def *k = kind_find(o->kind ? o->kind : "");
    rpt_data data;
    rpt_charts charts;
    rpt_ctx ctx = {.o = o, .data = &data, .charts = &charts, .en = en, .err = err, .errcap = errcap};
    void *state = NULL;
    kr_status rc;
    int masked = 0;
    sigset_t old;
    memset(&data, 0, sizeof data);
    memset(&charts, 0, sizeof charts);
    err[0] = '\0';
    if (!k) {
        (void)snprintf(err, errcap, RPT_T(en,
                                          "onbekend soort rapport '%s': kies bestuur, regio, vergelijk of kwaliteit",
                                          "unknown report '%s': choose bestuur, regio, vergelijk or kwaliteit"),
                       o->kind ? o->kind : "");
        return KR_EUSAGE;
    }
    if (o->nbron && !k->all_regions) {
        (void)snprintf(err, errcap, "%s",
                       RPT_T(en, "--bron is er alleen voor het rapport vergelijk (het leertraject); de andere "
                                 "rapporten lezen de database",
                             "--bron is for the vergelijk report only (the learning track); the other reports read the "
                             "database"));
        return KR_EUSAGE;
    }
    if (!o->db && !o->nbron) {
        (void)snprintf(err, errcap, "%s", RPT_T(en, "geen database", "no database"));
        return KR_EUSAGE;
    }
    /* An interrupt (Ctrl-C, a shutdown) waits until the report is written or given up and its
       temporary folder is gone: a report takes seconds, and nothing is then left behind. */
    sigset_t block;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGTERM);
    sigaddset(&block, SIGHUP);
    sigaddset(&block, SIGQUIT);
    (void)sigprocmask(SIG_BLOCK, &block, &old);
    masked = 1;
    if ((rc = rpt_fonts_setup(en, err, errcap)) != KR_OK)
        goto cleanup;
    rc = o->nbron ? rpt_data_load_bron(o->bron, o->nbron, &data, en, err, errcap)
                  : rpt_data_load_db(o->db, &data, en, err, errcap);
    if (rc != KR_OK)
        goto cleanup;
    if ((rc = settle_region(&ctx, k)) != KR_OK || (rc = settle_period(&ctx, k)) != KR_OK)
        goto cleanup;
    /* a one-region report's cover counts that region's deliveries, not every region's */
    if (!o->nbron && (rc = rpt_data_cover_region(o->db, &data, ctx.regio)) != KR_OK)
        goto cleanup;
    if ((rc = rpt_charts_open(&charts, en, err, errcap)) != KR_OK)
        goto cleanup;
    if ((rc = k->plan(&ctx, &state)) != KR_OK)
        goto cleanup;
    if ((rc = rpt_charts_run(&charts, err, errcap)) != KR_OK)
        goto cleanup;
    if (o->charts_dir && (rc = rpt_charts_export(&charts, o->charts_dir, err, errcap)) != KR_OK)
        goto cleanup;
    char title[200], subject[300], header[300], author[200];
    const char *place = rpt_place_name(&data, ctx.regio, en);
    (void)snprintf(title, sizeof title, "%s", en ? k->title_en : k->title_nl);
    (void)snprintf(subject, sizeof subject, "Kansrijke Start, %s, %s", place, ctx.periode.label);
    (void)snprintf(header, sizeof header, "%s · %s · %s", title, place, ctx.periode.label);
    (void)snprintf(author, sizeof author, "%s", place);
    rpt_doc_info info = {title, subject, author, header, data.synthetic, en};
    draw_arg a = {k, state};
    rc = rpt_doc_render(o->output, &info, draw, &a, err, errcap);
cleanup:
    if (state && k)
        k->free_state(state);
    rpt_charts_close(&charts);
    rpt_data_fini(&data);
    if (masked)
        (void)sigprocmask(SIG_SETMASK, &old, NULL); /* a pending interrupt takes effect now */
    return rc;
}
