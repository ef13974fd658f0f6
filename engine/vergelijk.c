/*
 * Comparing sites for the learning track (see vergelijk.h): a proportion indicator's
 * site rows from the suppressed outcome table, the pooled value, Spiegelhalter's
 * overdispersion and each site's place in the funnel; `kansrijk vergelijk` prints it
 * as a table or JSON. The statistics themselves are in stats.c.
 */
#include "vergelijk.h"

#include "engine.h"
#include "stats_int.h"

#include <json-c/json.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define COVER95 0.95
#define COVER998 0.998

static void note(char *err, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void note(char *err, size_t cap, const char *fmt, ...)
{
    if (!err || cap == 0)
        return;
    va_list ap;
    va_start(ap, fmt);
    (void)vsnprintf(err, cap, fmt, ap);
    va_end(ap);
}

/* ---- the statistics ---------------------------------------------------------------------- */

eng_positie eng_funnel_position(double value, double lo95, double hi95, double lo998, double hi998, int *richting)
{
    *richting = 0;
    if (isnan(value))
        return ENG_POS_ONDERDRUKT;
    if (value < lo95)
        *richting = -1;
    else if (value > hi95)
        *richting = 1;
    if (value < lo998 || value > hi998)
        return ENG_POS_BUITEN_998;
    return *richting ? ENG_POS_BUITEN_95 : ENG_POS_BINNEN;
}

const char *eng_positie_woord(eng_positie p)
{
    switch (p) {
    case ENG_POS_ONDERDRUKT: return "onderdrukt";
    case ENG_POS_BINNEN: return "binnen";
    case ENG_POS_BUITEN_95: return "buiten 95%";
    case ENG_POS_BUITEN_998: return "buiten 99,8%";
    }
    return "";
}

const char *eng_richting_woord(int richting) { return richting > 0 ? "boven" : richting < 0 ? "onder" : ""; }

kr_status eng_vergelijk_add(eng_vergelijk *v, const char *regio, const char *site, int onderdrukt, long teller,
                            long noemer, int voorlopig)
{
    if (kr_grow(&v->sites, &v->cap, v->n, sizeof *v->sites, 16) != KR_OK)
        return KR_ENOMEM;
    eng_vergelijk_site *s = &v->sites[v->n];
    memset(s, 0, sizeof *s);
    s->regio = strdup(regio);
    s->site = strdup(site);
    if (!s->regio || !s->site) {
        free(s->regio);
        free(s->site);
        return KR_ENOMEM;
    }
    s->onderdrukt = onderdrukt != 0;
    s->teller = onderdrukt ? 0 : teller;
    s->noemer = onderdrukt ? 0 : noemer;
    s->voorlopig = voorlopig != 0;
    s->waarde = s->lo95 = s->hi95 = s->lo998 = s->hi998 = NAN;
    v->voorlopig |= s->voorlopig;
    v->n++;
    return KR_OK;
}

kr_status eng_vergelijk_compute(eng_vergelijk *v)
{
    long *x = NULL, *n = NULL;
    kr_status rc = KR_OK;
    size_t k = 0;
    long sum_x = 0, sum_n = 0;
    for (size_t i = 0; i < v->n; i++) {
        const eng_vergelijk_site *s = &v->sites[i];
        if (s->onderdrukt)
            continue;
        if (s->noemer < 1 || s->teller < 0 || s->teller > s->noemer)
            return KR_EINVAL;
        k++;
        sum_x += s->teller;
        sum_n += s->noemer;
    }
    v->getoond = k;
    v->teller = sum_x;
    v->noemer = sum_n;
    v->gepoold = k ? 100.0 * (double)sum_x / (double)sum_n : NAN;
    v->phi = NAN;
    v->verbreed = 0;
    double prob = k ? (double)sum_x / (double)sum_n : NAN;
    /* Where every shown site is at 0 or 100 % there is no spread to estimate or to place a site in. */
    int degenerate = k == 0 || sum_x == 0 || sum_x == sum_n;
    if (k >= 2 && !degenerate) {
        x = malloc(k * sizeof *x);
        n = malloc(k * sizeof *n);
        if (!x || !n) {
            rc = KR_ENOMEM;
            goto cleanup;
        }
        for (size_t i = 0, j = 0; i < v->n; i++)
            if (!v->sites[i].onderdrukt) {
                x[j] = v->sites[i].teller;
                n[j++] = v->sites[i].noemer;
            }
        if ((rc = eng_overdispersion(x, n, k, prob, &v->phi, &v->verbreed)) != KR_OK)
            goto cleanup;
    }
    for (size_t i = 0; i < v->n; i++) {
        eng_vergelijk_site *s = &v->sites[i];
        s->positie = ENG_POS_ONDERDRUKT;
        s->richting = 0;
        s->waarde = s->lo95 = s->hi95 = s->lo998 = s->hi998 = NAN;
        if (s->onderdrukt)
            continue;
        double p = (double)s->teller / (double)s->noemer, lo95 = prob, hi95 = prob, lo998 = prob, hi998 = prob;
        if (!degenerate) {
            double f = v->verbreed ? v->phi : 1;
            if ((rc = eng_funnel_limits(prob, s->noemer, COVER95, f, &lo95, &hi95)) != KR_OK ||
                (rc = eng_funnel_limits(prob, s->noemer, COVER998, f, &lo998, &hi998)) != KR_OK)
                goto cleanup;
        }
        /* placed on the proportions themselves, so a value exactly on a limit stays within */
        s->positie = eng_funnel_position(p, lo95, hi95, lo998, hi998, &s->richting);
        s->waarde = 100.0 * p;
        s->lo95 = 100.0 * lo95;
        s->hi95 = 100.0 * hi95;
        s->lo998 = 100.0 * lo998;
        s->hi998 = 100.0 * hi998;
    }
cleanup:
    free(x);
    free(n);
    return rc;
}

kr_status eng_vergelijk_limits_at(const eng_vergelijk *v, long n, double *lo95, double *hi95, double *lo998,
                                  double *hi998)
{
    if (n < 1 || v->getoond == 0 || isnan(v->gepoold))
        return KR_EINVAL;
    double prob = (double)v->teller / (double)v->noemer, f = v->verbreed ? v->phi : 1;
    double a = prob, b = prob, c = prob, d = prob;
    if (v->teller > 0 && v->teller < v->noemer) {
        kr_status rc;
        if ((rc = eng_funnel_limits(prob, n, COVER95, f, &a, &b)) != KR_OK ||
            (rc = eng_funnel_limits(prob, n, COVER998, f, &c, &d)) != KR_OK)
            return rc;
    }
    *lo95 = 100.0 * a;
    *hi95 = 100.0 * b;
    *lo998 = 100.0 * c;
    *hi998 = 100.0 * d;
    return KR_OK;
}

void eng_vergelijk_fini(eng_vergelijk *v)
{
    if (!v)
        return;
    for (size_t i = 0; i < v->n; i++) {
        free(v->sites[i].regio);
        free(v->sites[i].site);
    }
    free(v->sites);
    free(v->indicator);
    memset(v, 0, sizeof *v);
}

/* ---- reading the outcome table ------------------------------------------------------------- */

/* The site rows of one indicator: regio and site not '*', no unknown site, the totaal. */
#define SITE_ROWS                                                                                                      \
    "FROM uitkomst WHERE indicator = ?1 AND regio <> '*' AND site NOT IN ('*', 'onbekend') AND groep = 'totaal'"

static const char rows_sql[] = "SELECT regio, site, teller, noemer, waarde, onderdrukt, eenheid, voorlopig " SITE_ROWS
                               " AND periode = ?2 ORDER BY regio, site";

/* The latest calendar year with site rows that ended on or before the peildatum of the last compute. */
static const char year_sql[] = "SELECT max(periode) " SITE_ROWS
                               " AND periode GLOB '[0-9][0-9][0-9][0-9]' AND periode || '-12-31' <= "
                               "coalesce((SELECT peildatum FROM compute_run), '9999-12-31')";

static const char count_sql[] = "SELECT count(*) " SITE_ROWS;

/* The first and last quarter and year with site rows, as "2023Q1 2025Q4 2023 2025" (either pair may be missing). */
static const char span_sql[] =
    "SELECT trim(coalesce(min(CASE WHEN length(periode) = 6 THEN periode END) || ' ' || "
    "max(CASE WHEN length(periode) = 6 THEN periode END), '') || ' ' || "
    "coalesce(min(CASE WHEN length(periode) = 4 THEN periode END) || ' ' || "
    "max(CASE WHEN length(periode) = 4 THEN periode END), '')) " SITE_ROWS;

/* A multi-part indicator's parts (route.verdeling -> route.verdeling.1, ...), for the message. */
static const char parts_sql[] =
    "SELECT group_concat(indicator, ', ') FROM (SELECT DISTINCT indicator FROM uitkomst "
    "WHERE substr(indicator, 1, length(?1) + 1) = ?1 || '.' ORDER BY indicator)";

/* One text or count from a query with ?1 = id; *out is "" or 0 when there is none. */
static kr_status scalar(sqlite3 *db, const char *sql, const char *id, char *text, size_t cap, long long *count)
{
    sqlite3_stmt *st = NULL;
    kr_status rc = KR_EDB;
    if (text && cap)
        text[0] = '\0';
    if (count)
        *count = 0;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        goto cleanup;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    int r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        if (text)
            kr_strlcpy(text, kr_column_text(st, 0), cap);
        if (count)
            *count = sqlite3_column_int64(st, 0);
    } else if (r != SQLITE_DONE) {
        goto cleanup;
    }
    rc = KR_OK;
cleanup:
    sqlite3_finalize(st);
    return rc;
}

/* Why there is nothing to compare: a multi-part id, nothing computed, or not in this period. */
static kr_status not_found(sqlite3 *db, const char *indicator, const char *periode, char *err, size_t cap)
{
    char parts[512];
    long long rows;
    if (scalar(db, count_sql, indicator, NULL, 0, &rows) != KR_OK ||
        scalar(db, parts_sql, indicator, parts, sizeof parts, NULL) != KR_OK) {
        note(err, cap, "%s", sqlite3_errmsg(db));
        return KR_EDB;
    }
    if (rows == 0 && parts[0])
        note(err, cap, _("%s has parts; name one of: %s"), indicator, parts);
    else if (rows == 0) {
        char dbarg[600];
        note(err, cap, _("no site rows for %s in the outcome table (run 'kansrijk compute%s' first)"), indicator,
             kr_db_arg(db, dbarg, sizeof dbarg));
    }
    else if (!periode)
        note(err, cap, _("no whole year for %s in the outcome table; name a period with --periode"), indicator);
    else {
        char span[64], q[2][8] = {"", ""}, y[2][8] = {"", ""}, words[2][64] = {"", ""};
        if (scalar(db, span_sql, indicator, span, sizeof span, NULL) != KR_OK)
            span[0] = '\0';
        int n = sscanf(span, "%7s %7s %7s %7s", q[0], q[1], y[0], y[1]);
        if (n == 4 || n == 2) {  /* quarters and years, or only one of them (sscanf then reads years as quarters) */
            for (int k = 0; k < n / 2; k++) {
                char(*p)[8] = k == 0 ? q : y;
                int quarter = strlen(p[0]) == 6;
                if (strcmp(p[0], p[1]) == 0)
                    (void)snprintf(words[k], sizeof words[k], quarter ? _("the quarter %s") : _("the year %s"), p[0]);
                else
                    (void)snprintf(words[k], sizeof words[k],
                                   quarter ? _("the quarters %s to %s") : _("the years %s to %s"), p[0], p[1]);
            }
            if (words[1][0])
                note(err, cap, _("no site rows for %s in period %s; there are %s and %s"), indicator, periode,
                     words[0], words[1]);
            else
                note(err, cap, _("no site rows for %s in period %s; there are %s"), indicator, periode, words[0]);
        } else {
            note(err, cap, _("no site rows for %s in period %s"), indicator, periode);
        }
    }
    return KR_ENOTFOUND;
}

kr_status eng_vergelijk_load(sqlite3 *db, const char *indicator, const char *periode, eng_vergelijk *out,
                             char *err, size_t errcap)
{
    sqlite3_stmt *st = NULL;
    kr_status rc = KR_OK;
    memset(out, 0, sizeof *out);
    note(err, errcap, "%s", "");
    const eng_indicator *ind = eng_indicator_find(indicator);
    if (ind && strcmp(ind->unit, "%") != 0) {
        note(err, errcap, _("%s is in %s, not a proportion (%%): funnel limits are for proportions only"), indicator,
             ind->unit);
        return KR_EINVAL;
    }
    if (!(out->indicator = strdup(indicator)))
        return KR_ENOMEM;
    if (periode) {
        if (strlen(periode) >= sizeof out->periode) {
            note(err, errcap, _("%s is not a period"), periode);
            return KR_EINVAL;
        }
        kr_strlcpy(out->periode, periode, sizeof out->periode);
    } else {
        if ((rc = scalar(db, year_sql, indicator, out->periode, sizeof out->periode, NULL)) != KR_OK) {
            note(err, errcap, "%s", sqlite3_errmsg(db));
            goto cleanup;
        }
        if (!out->periode[0]) {
            rc = not_found(db, indicator, NULL, err, errcap);
            goto cleanup;
        }
    }
    if (sqlite3_prepare_v2(db, rows_sql, -1, &st, NULL) != SQLITE_OK) {
        note(err, errcap, "%s", sqlite3_errmsg(db));
        rc = KR_EDB;
        goto cleanup;
    }
    sqlite3_bind_text(st, 1, indicator, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, out->periode, -1, SQLITE_STATIC);
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        const char *regio = kr_column_text(st, 0), *site = kr_column_text(st, 1);
        const char *eenheid = kr_column_text(st, 6);
        int onderdrukt = kr_column_text(st, 5)[0] != '\0';
        long teller = (long)sqlite3_column_int64(st, 2), noemer = (long)sqlite3_column_int64(st, 3);
        if (strcmp(eenheid, "%") != 0) {
            note(err, errcap, _("%s is in %s, not a proportion (%%): funnel limits are for proportions only"),
                 indicator, eenheid);
            rc = KR_EINVAL;
            goto cleanup;
        }
        if (!onderdrukt) {
            /* A shown proportion's waarde is 100 * teller / noemer; a Kaplan-Meier S(t) in % is not. */
            if (sqlite3_column_type(st, 2) == SQLITE_NULL || sqlite3_column_type(st, 3) == SQLITE_NULL ||
                noemer < 1 || teller < 0 || teller > noemer ||
                fabs(sqlite3_column_double(st, 4) - 100.0 * (double)teller / (double)noemer) > 1e-6) {
                note(err, errcap,
                     _("%s in %s, site %s: waarde is not teller / noemer; only proportions can be compared"),
                     indicator, out->periode, site);
                rc = KR_EINVAL;
                goto cleanup;
            }
        }
        if ((rc = eng_vergelijk_add(out, regio, site, onderdrukt, teller, noemer, sqlite3_column_int(st, 7))) !=
            KR_OK)
            goto cleanup;
    }
    if (r != SQLITE_DONE) {
        note(err, errcap, "%s", sqlite3_errmsg(db));
        rc = KR_EDB;
        goto cleanup;
    }
    if (out->n == 0) {
        rc = not_found(db, indicator, out->periode, err, errcap);
        goto cleanup;
    }
    if ((rc = eng_vergelijk_compute(out)) != KR_OK)
        note(err, errcap, "%s in %s: %s", indicator, out->periode, kr_strerror(rc));
cleanup:
    sqlite3_finalize(st);
    return rc;
}

/* ---- printing ------------------------------------------------------------------------------ */

/* s in width columns: left-aligned, or right-aligned when right is set. */
static void pad(FILE *out, const char *s, int width, int right)
{
    int fill = width - (int)kr_utf8_width(s);
    for (; right && fill > 0; fill--)
        fputc(' ', out);
    fputs(s, out);
    for (; fill > 0; fill--)
        fputc(' ', out);
}

/* The screen's numbers (kr_num): a decimal comma and "78,4 %" in Dutch, "78.4%" in English; ranges "75,1–81,8". */
static void fmt_pct(double x, char *out, size_t cap)
{
    char num[24];
    (void)kr_num(x, 1, kr_lang_get(), num, sizeof num);
    (void)snprintf(out, cap, "%s%s", num, kr_lang_get() == KR_EN ? "%" : " %");
}

static void fmt_range(double lo, double hi, char *out, size_t cap)
{
    char a[32], b[32];
    (void)kr_num(lo, 1, kr_lang_get(), a, sizeof a);
    (void)kr_num(hi, 1, kr_lang_get(), b, sizeof b);
    (void)snprintf(out, cap, "%s–%s", a, b);
}

/* The table's columns: site, region, teller, noemer, value, 95 % limits, 99.8 % limits, position. */
enum { COLS = 8, CELL = 96 };
static const int right_aligned[COLS] = {0, 0, 1, 1, 1, 0, 0, 0};

static void site_cells(const eng_vergelijk_site *s, char (*cell)[CELL])
{
    static const char *const positie[] = {
        [ENG_POS_ONDERDRUKT] = N_("suppressed: does not count"),
        [ENG_POS_BINNEN] = N_("within"),
        [ENG_POS_BUITEN_95] = N_("outside 95%"),
        [ENG_POS_BUITEN_998] = N_("outside 99.8%"),
    };
    kr_strlcpy(cell[0], s->site, CELL);
    kr_strlcpy(cell[1], s->regio, CELL);
    if (s->onderdrukt) {
        for (int c = 2; c <= 4; c++)
            kr_strlcpy(cell[c], "x", CELL);
        cell[5][0] = cell[6][0] = '\0';
    } else {
        (void)snprintf(cell[2], CELL, "%ld", s->teller);
        (void)snprintf(cell[3], CELL, "%ld", s->noemer);
        fmt_pct(s->waarde, cell[4], CELL);
        fmt_range(s->lo95, s->hi95, cell[5], CELL);
        fmt_range(s->lo998, s->hi998, cell[6], CELL);
    }
    (void)snprintf(cell[7], CELL, "%s%s%s%s%s", _(positie[s->onderdrukt ? ENG_POS_ONDERDRUKT : s->positie]),
                   s->richting ? " " : "", s->richting > 0 ? _("(above)") : s->richting < 0 ? _("(below)") : "",
                   s->voorlopig ? " " : "", s->voorlopig ? _("(provisional)") : "");
}

static void print_text(const eng_vergelijk *v, FILE *out)
{
    const eng_indicator *ind = v->indicator ? eng_indicator_find(v->indicator) : NULL;
    const char *title = ind ? (kr_lang_get() == KR_EN ? ind->title_en : ind->title_nl) : "";
    char prov[64] = "";
    if (v->voorlopig)
        (void)snprintf(prov, sizeof prov, " %s", _("(provisional)"));
    fprintf(out, _("Site comparison: %s%s%s, period %s%s\n\n"), v->indicator ? v->indicator : "", ind ? " — " : "",
            title, v->periode, prov);
    /* the header, then a row per site; each column as wide as its widest cell */
    const char *head[COLS] = {_("site"),   _("region"),     _("numerator"),    _("denominator"),
                              _("value"),  /* xgettext:no-c-format */ _("95% limits"),
                              /* xgettext:no-c-format */ _("99.8% limits"), _("position")};
    char(*cells)[COLS][CELL] = calloc(v->n ? v->n : 1, sizeof *cells);
    int width[COLS];
    for (int c = 0; c < COLS; c++)
        width[c] = (int)kr_utf8_width(head[c]);
    for (size_t i = 0; cells && i < v->n; i++) {
        site_cells(&v->sites[i], cells[i]);
        for (int c = 0; c < COLS; c++)
            if ((int)kr_utf8_width(cells[i][c]) > width[c])
                width[c] = (int)kr_utf8_width(cells[i][c]);
    }
    for (int c = 0; c < COLS; c++) {
        pad(out, head[c], c == COLS - 1 ? 0 : width[c], right_aligned[c]);
        fputs(c == COLS - 1 ? "\n" : "  ", out);
    }
    for (size_t i = 0; cells && i < v->n; i++)
        for (int c = 0; c < COLS; c++) {
            pad(out, cells[i][c], c == COLS - 1 ? 0 : width[c], right_aligned[c]);
            fputs(c == COLS - 1 ? "\n" : "  ", out);
        }
    free(cells);
    fputc('\n', out);
    if (v->getoond == 0) {
        fputs(_("Pooled: no site shown; there is nothing to compare.\n"), out);
        return;
    }
    char pooled[32], phi[32], root[32];
    fmt_pct(v->gepoold, pooled, sizeof pooled);
    fprintf(out, P_("Pooled: %s (%ld of %ld) over %zu site.", "Pooled: %s (%ld of %ld) over %zu sites.", v->getoond),
            pooled, v->teller, v->noemer, v->getoond);
    size_t hidden = v->n - v->getoond;
    if (hidden) {
        fputc(' ', out);
        fprintf(out, P_("%zu suppressed site does not count.", "%zu suppressed sites do not count.", hidden), hidden);
    }
    fputc('\n', out);
    if (isnan(v->phi)) {
        fputs(_("Overdispersion: cannot be estimated (fewer than two sites, or every site at 0 or 100%); limits not "
                "widened.\n"),
              out);
    } else {
        (void)kr_num(v->phi, 2, kr_lang_get(), phi, sizeof phi);
        (void)kr_num(sqrt(v->phi), 2, kr_lang_get(), root, sizeof root);
        if (v->verbreed)
            fprintf(out, _("Overdispersion: phi = %s; the spread between sites is larger than chance (χ², 95%%): the "
                           "limits are widened by √phi = %s.\n"),
                    phi, root);
        else
            fprintf(out, _("Overdispersion: phi = %s; the spread between sites fits chance: limits not widened.\n"),
                    phi);
    }
    fputs(_("Position, at each site's denominator: within = within the 95% limits; outside 95% = outside the 95%\n"
            "but within the 99.8% limits; outside 99.8% = outside the 99.8% limits; (above) or (below) the pooled\n"
            "proportion.\n"),
          out);
}

/* A number for JSON, or null when NAN. */
static json_object *number(double x) { return isnan(x) ? NULL : json_object_new_double(x); }

static kr_status print_json(const eng_vergelijk *v, FILE *out)
{
    json_object *o = json_object_new_object(), *arr = json_object_new_array();
    if (!o || !arr) {
        json_object_put(o);
        json_object_put(arr);
        return KR_ENOMEM;
    }
    json_object_object_add(o, "indicator", v->indicator ? json_object_new_string(v->indicator) : NULL);
    json_object_object_add(o, "periode", json_object_new_string(v->periode));
    json_object_object_add(o, "eenheid", json_object_new_string("%"));
    json_object_object_add(o, "gepoold", number(v->gepoold));
    json_object_object_add(o, "teller", json_object_new_int64(v->teller));
    json_object_object_add(o, "noemer", json_object_new_int64(v->noemer));
    json_object_object_add(o, "sites_getoond", json_object_new_int64((int64_t)v->getoond));
    json_object_object_add(o, "sites_onderdrukt", json_object_new_int64((int64_t)(v->n - v->getoond)));
    json_object_object_add(o, "phi", number(v->phi));
    json_object_object_add(o, "verbreed", json_object_new_boolean(v->verbreed));
    json_object_object_add(o, "voorlopig", json_object_new_boolean(v->voorlopig));
    for (size_t i = 0; i < v->n; i++) {
        const eng_vergelijk_site *s = &v->sites[i];
        json_object *j = json_object_new_object();
        json_object_object_add(j, "site", json_object_new_string(s->site));
        json_object_object_add(j, "regio", json_object_new_string(s->regio));
        json_object_object_add(j, "teller", s->onderdrukt ? NULL : json_object_new_int64(s->teller));
        json_object_object_add(j, "noemer", s->onderdrukt ? NULL : json_object_new_int64(s->noemer));
        json_object_object_add(j, "waarde", number(s->waarde));
        json_object_object_add(j, "grens95_laag", number(s->lo95));
        json_object_object_add(j, "grens95_hoog", number(s->hi95));
        json_object_object_add(j, "grens998_laag", number(s->lo998));
        json_object_object_add(j, "grens998_hoog", number(s->hi998));
        json_object_object_add(j, "positie", json_object_new_string(eng_positie_woord(s->positie)));
        json_object_object_add(j, "richting", s->richting ? json_object_new_string(eng_richting_woord(s->richting))
                                                          : NULL);
        json_object_object_add(j, "onderdrukt", json_object_new_string(s->onderdrukt ? "x" : ""));
        json_object_object_add(j, "voorlopig", json_object_new_boolean(s->voorlopig));
        json_object_array_add(arr, j);
    }
    json_object_object_add(o, "sites", arr);
    fputs(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE), out);
    fputc('\n', out);
    json_object_put(o);
    return KR_OK;
}

kr_status eng_vergelijk_print(const eng_vergelijk *v, int json, FILE *out)
{
    kr_status rc = KR_OK;
    if (json)
        rc = print_json(v, out);
    else
        print_text(v, out);
    if (rc == KR_OK && ferror(out))
        rc = KR_EIO;
    return rc;
}
