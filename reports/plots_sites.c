/*
 * The chart kinds that compare sites (the learning track): a funnel plot with 95 % and
 * 99.8 % limits around the pooled value, a caterpillar chart of the sites' values with their
 * intervals, and stacked bars per category. Labels and ticks are formatted in C.
 */
#include "rpt_plot.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *rpt_site_label(const char *site)
{
    return strncmp(site, "SITE-", 5) == 0 ? site + 5 : site;
}

static void yticks_pct(kr_buf *b, double lo, double hi, int en)
{
    double span = hi - lo, step = span > 60 ? 20 : span > 25 ? 10 : span > 10 ? 5 : span > 4 ? 2 : 1;
    (void)kr_buf_puts(b, "set ytics (");
    int first = 1;
    for (double v = ceil(lo / step) * step; v <= hi + 1e-9; v += step) {
        char t[32];
        rpt_num(t, sizeof t, v, 0, en);
        (void)kr_buf_printf(b, "%s", first ? "" : ", ");
        rpt_gp_string(b, t);
        (void)kr_buf_printf(b, " %g", v);
        first = 0;
    }
    (void)kr_buf_puts(b, ")\n");
}

/* ---- the funnel's site labels, placed apart ------------------------------------------------------------------- */

/*
 * Sites with about the same noemer and value would print their names over each other ("ZL-ZUID ZL-NOORD"). Each
 * label goes to the first of the places around its point where it covers no label placed before it and no site's
 * point, and lies nearer its own point than any other: next to the point (above, below, right, left, then the four
 * corners), then a line further out, where a thin line joins it to its point. When no place is free, the one that
 * covers least. Positions are fractions of the plot
 * area (gnuplot's graph coordinates), the names' sizes estimates from gnuplot's 9-point font; the order is fixed (by
 * noemer, then name), so the same sites always give the same picture.
 */
typedef struct fl_box {
    double x0, y0, x1, y1;
} fl_box;

static int fl_cmp(const void *a, const void *b)
{
    const rpt_fl_site *x = a, *y = b;
    if (x->noemer != y->noemer)
        return x->noemer < y->noemer ? -1 : 1;
    return strcmp(x->label, y->label);
}

/* The area two boxes share (0: apart). */
static double fl_overlap(fl_box a, fl_box b)
{
    double w = fmin(a.x1, b.x1) - fmax(a.x0, b.x0), h = fmin(a.y1, b.y1) - fmax(a.y0, b.y0);
    return w > 0 && h > 0 ? w * h : 0;
}

/* How far a point lies from a box, in pixels of a plot area pw x ph. */
static double fl_dist(fl_box b, double x, double y, double pw, double ph)
{
    double dx = fmax(0, fmax(b.x0 - x, x - b.x1)) * pw, dy = fmax(0, fmax(b.y0 - y, y - b.y1)) * ph;
    return sqrt(dx * dx + dy * dy);
}

/* A name's width in pixels of the chart: DejaVu Sans at 9 points, capitals and digits about 6 wide, a hyphen 3.5. */
double rpt_fl_width(const char *label)
{
    double w = 4;  /* a little room on either side */
    for (const char *p = label; *p; p++)
        w += *p == '-' ? 3.5 : 6.2;
    return w;
}

void rpt_fl_place(rpt_fl_site *fs, size_t n, double pw, double ph)
{
    /* {x side, y side, lines further out}: next to the point, then a line further with a leader */
    static const int place[][3] = {{0, 1, 0},  {0, -1, 0}, {1, 0, 0},  {-1, 0, 0}, {1, 1, 0},  {-1, 1, 0},
                                   {1, -1, 0}, {-1, -1, 0}, {0, 1, 1}, {0, -1, 1}, {1, 1, 1},  {-1, 1, 1},
                                   {1, -1, 1}, {-1, -1, 1}};
    const double lh = RPT_FL_LINE / ph, gap = 3 / ph, px = 8 / pw; /* a line of text, the room around a point */
    qsort(fs, n, sizeof *fs, fl_cmp);
    for (size_t i = 0; i < n; i++) {
        /* a place's cost: first what it covers (other names and points), then how many other points it lies about
         * as near as its own (within 4 pixels, where a reader could take it for that site's; a leader line says
         * whose it is) */
        double lw = rpt_fl_width(fs[i].label) / pw, best_cover = INFINITY;
        int best_near = INT_MAX;
        for (size_t k = 0; k < sizeof place / sizeof place[0]; k++) {
            int sx = place[k][0], sy = place[k][1], out = place[k][2], near = 0;
            double x = fs[i].gx + sx * (lw / 2 + (sy ? px / 2 : px));
            double y = fs[i].gy + sy * (lh / 2 + gap + out * lh);
            fl_box bx = {x - lw / 2, y - lh / 2, x + lw / 2, y + lh / 2};
            if (bx.x0 < 0 || bx.x1 > 1 || bx.y0 < 0 || bx.y1 > 1)
                continue;
            double cover = 0;
            for (size_t j = 0; j < i; j++)
                cover += fl_overlap(bx, (fl_box){fs[j].cx - fs[j].w / 2, fs[j].cy - lh / 2, fs[j].cx + fs[j].w / 2,
                                                  fs[j].cy + lh / 2});
            double own = fl_dist(bx, fs[i].gx, fs[i].gy, pw, ph);
            for (size_t j = 0; j < n; j++) {
                cover += fl_overlap(bx, (fl_box){fs[j].gx - px / 2, fs[j].gy - gap, fs[j].gx + px / 2, fs[j].gy + gap});
                near += j != i && !out && fl_dist(bx, fs[j].gx, fs[j].gy, pw, ph) < own + 4;
            }
            if (cover < best_cover || (cover == best_cover && near < best_near)) {
                best_cover = cover;
                best_near = near;
                fs[i].cx = x;
                fs[i].cy = y;
                fs[i].w = lw;
                fs[i].leader = out;
            }
            if (cover == 0 && near == 0)
                break;
        }
        if (best_cover == INFINITY) { /* no place inside the plot area: above the point */
            fs[i].cx = fs[i].gx;
            fs[i].cy = fs[i].gy + lh / 2 + gap;
            fs[i].w = lw;
            fs[i].leader = 0;
        }
    }
}

/* set label commands for the sites' names, placed in the plot area's own fractions; pw, ph: its size in pixels */
static void funnel_labels(kr_buf *b, rpt_fl_site *fs, size_t n, double pw, double ph)
{
    const double lh = RPT_FL_LINE / ph;
    rpt_fl_place(fs, n, pw, ph);
    for (size_t i = 0; i < n; i++) {
        double cx = fs[i].cx, cy = fs[i].cy;
        if (fs[i].leader) { /* from the point to the nearest edge of the name's box */
            double ex = fmin(fmax(fs[i].gx, cx - fs[i].w / 2), cx + fs[i].w / 2);
            double ey = fmin(fmax(fs[i].gy, cy - lh * 0.4), cy + lh * 0.4);
            (void)kr_buf_printf(b,
                                "set arrow from graph %.4f, graph %.4f to graph %.4f, graph %.4f nohead lw 0.6 "
                                "lc rgb \"#777777\" front\n",
                                fs[i].gx, fs[i].gy, ex, ey);
        }
        /* the name on white, so that no limit line runs through it (gnuplot draws front objects before front labels;
         * an SVG textbox would be a filter, which ends up as a blurred bitmap in the PDF) */
        (void)kr_buf_printf(b,
                            "set object %zu rect center graph %.4f, graph %.4f size graph %.4f, graph %.4f front "
                            "fillcolor rgb \"white\" fillstyle solid 1.0 noborder\n",
                            i + 1, cx, cy, fs[i].w, lh * 0.8);
        (void)kr_buf_puts(b, "set label ");
        rpt_gp_string(b, fs[i].label);
        (void)kr_buf_printf(b, " at graph %.4f, graph %.4f center font \",9\" front\n", cx, cy);
    }
}

rpt_chart *rpt_plot_funnel(rpt_charts *c, const char *name, const char *title, const eng_vergelijk *v, int en,
                           double width, double height)
{
    rpt_chart *ch = rpt_chart_add(c, name, title, width, height);
    if (!ch)
        return NULL;
    static const char *const cols[] = {"regio", "site", "teller", "noemer", "waarde", "grens_95_laag", "grens_95_hoog",
                                       "grens_998_laag", "grens_998_hoog", "positie"};
    rpt_csv_head(&ch->csv, cols, sizeof cols / sizeof cols[0]);
    long nmin = 0, nmax = 0;
    double lo = 100, hi = 0;
    for (size_t i = 0; i < v->n; i++) {
        const eng_vergelijk_site *s = &v->sites[i];
        (void)kr_buf_printf(&ch->csv, "%s;%s;", s->regio, s->site);
        rpt_csv_num(&ch->csv, (double)s->teller, 0, s->onderdrukt, 0);
        rpt_csv_num(&ch->csv, (double)s->noemer, 0, s->onderdrukt, 0);
        rpt_csv_num(&ch->csv, s->waarde, 1, s->onderdrukt, 0);
        rpt_csv_num(&ch->csv, s->lo95, 1, s->onderdrukt, 0);
        rpt_csv_num(&ch->csv, s->hi95, 1, s->onderdrukt, 0);
        rpt_csv_num(&ch->csv, s->lo998, 1, s->onderdrukt, 0);
        rpt_csv_num(&ch->csv, s->hi998, 1, s->onderdrukt, 0);
        (void)kr_buf_printf(&ch->csv, "%s\n", eng_positie_woord(s->positie));
        if (s->onderdrukt)
            continue;
        if (!nmin || s->noemer < nmin)
            nmin = s->noemer;
        if (s->noemer > nmax)
            nmax = s->noemer;
        lo = fmin(lo, s->waarde);
        hi = fmax(hi, s->waarde);
    }
    kr_buf *b = &ch->script;
    if (v->getoond == 0 || isnan(v->gepoold)) {
        (void)kr_buf_puts(b, "unset key\nset label ");
        rpt_gp_string(b, RPT_T(en, "x: geen site te tonen", "x: no site to show"));
        (void)kr_buf_puts(b, " at graph 0.5, graph 0.5 center\n" RPT_GP_EMPTY);
        return ch;
    }
    /* the funnel: the limits on a logarithmic grid of noemers around the sites' */
    double n0 = fmax(10, (double)nmin * 0.5), n1 = fmax(n0 * 2, (double)nmax * 1.3);
    for (int i = 0; i <= 80; i++) {
        long n = (long)llround(n0 * pow(n1 / n0, i / 80.0));
        double a, bb, cc, dd;
        if (eng_vergelijk_limits_at(v, n, &a, &bb, &cc, &dd) != KR_OK)
            continue;
        (void)kr_buf_printf(&ch->data, "%ld\t", n);
        rpt_gp_num(&ch->data, a);
        (void)kr_buf_puts(&ch->data, "\t");
        rpt_gp_num(&ch->data, bb);
        (void)kr_buf_puts(&ch->data, "\t");
        rpt_gp_num(&ch->data, cc);
        (void)kr_buf_puts(&ch->data, "\t");
        rpt_gp_num(&ch->data, dd);
        (void)kr_buf_puts(&ch->data, "\n");
        if (i == 0 || i == 80) {
            lo = fmin(lo, cc);
            hi = fmax(hi, dd);
        }
    }
    (void)kr_buf_puts(&ch->data, "\n\n");
    size_t nin = 0, nout = 0;
    for (size_t i = 0; i < v->n; i++) {
        const eng_vergelijk_site *s = &v->sites[i];
        if (s->onderdrukt)
            continue;
        int out = s->positie == ENG_POS_BUITEN_95 || s->positie == ENG_POS_BUITEN_998;
        nout += out;
        nin += !out;
        (void)kr_buf_printf(&ch->data, "%ld\t", s->noemer);
        rpt_gp_num(&ch->data, out ? NAN : s->waarde);
        (void)kr_buf_puts(&ch->data, "\t");
        rpt_gp_num(&ch->data, out ? s->waarde : NAN);
        (void)kr_buf_puts(&ch->data, "\n");  /* the names are labels of their own (funnel_labels) */
    }
    double ylo = fmax(0, floor(lo - 2)), yhi = fmin(100, ceil(hi + 2));
    (void)kr_buf_printf(b, "set logscale x\nset xrange [%g:%g]\nset yrange [%g:%g]\n", n0, n1, ylo, yhi);
    yticks_pct(b, ylo, yhi, en);
    /* x ticks on the 1-2-5 series, labelled in C */
    (void)kr_buf_puts(b, "set xtics (");
    int firsttick = 1;
    for (double dec = 1; dec <= 1e7; dec *= 10)
        for (int m = 0; m < 3; m++) {
            double t = dec * (m == 0 ? 1 : m == 1 ? 2 : 5);
            if (t < n0 || t > n1)
                continue;
            char lab[32];
            rpt_num(lab, sizeof lab, t, 0, en);
            (void)kr_buf_printf(b, "%s", firsttick ? "" : ", ");
            rpt_gp_string(b, lab);
            (void)kr_buf_printf(b, " %g", t);
            firsttick = 0;
        }
    (void)kr_buf_puts(b, ")\nset xlabel ");
    rpt_gp_string(b, RPT_T(en, "noemer (aantal in de groep, logaritmische schaal)",
                           "denominator (number in the group, log scale)"));
    (void)kr_buf_puts(b, "\nset ylabel \"%\"\nset grid ytics lc rgb \"#dddddd\" lw 0.5\nset lmargin 7\n"
                         "set key outside bottom center horizontal font \",9\" samplen 2\n");
    /* the sites' names: the plot area is the chart less gnuplot's margins (7 characters left, the ticks, the axis
     * label and the key below; 420 x 128 of a 483 x 215 chart with two rows of key, 13.5 less for each more) */
    rpt_fl_site *fs = malloc((v->n ? v->n : 1) * sizeof *fs);
    size_t nfs = 0;
    size_t key_rows = (3 + (nin > 0) + (nout > 0) + 1) / 2;  /* the key's entries, two to a row */
    double pw = width - 63, ph = height - 87 - 13.5 * (double)(key_rows > 2 ? key_rows - 2 : 0);
    for (size_t i = 0; fs && i < v->n; i++) {
        const eng_vergelijk_site *s = &v->sites[i];
        if (s->onderdrukt)
            continue;
        fs[nfs++] = (rpt_fl_site){(log((double)s->noemer) - log(n0)) / (log(n1) - log(n0)),
                                  (s->waarde - ylo) / (yhi - ylo), s->noemer, rpt_site_label(s->site), 0, 0, 0, 0};
    }
    if (fs && pw > 0 && ph > 0)
        funnel_labels(b, fs, nfs, pw, ph);
    free(fs);
    (void)kr_buf_puts(b, "plot DATA index 0 using 1:2 with lines dt 2 lw 1 lc rgb \"#555555\" title ");
    rpt_gp_string(b, RPT_T(en, "95%-grenzen", "95% limits"));
    (void)kr_buf_puts(b, ", DATA index 0 using 1:3 with lines dt 2 lw 1 lc rgb \"#555555\" notitle, "
                         "DATA index 0 using 1:4 with lines lw 1 lc rgb \"#333333\" title ");
    rpt_gp_string(b, RPT_T(en, "99,8%-grenzen", "99.8% limits"));
    (void)kr_buf_puts(b, ", DATA index 0 using 1:5 with lines lw 1 lc rgb \"#333333\" notitle");
    /* the centre: the value of all sites shown together, across the limits' range, in the key too */
    (void)kr_buf_printf(b, ", DATA index 0 using 1:(%.10g) with lines lw 0.8 lc rgb \"#555555\" title ", v->gepoold);
    rpt_gp_string(b, RPT_T(en, "alle getoonde sites samen", "all sites shown together"));
    /* a clause without points is an error to gnuplot: only the kinds of site there are */
    if (nin) {
        (void)kr_buf_printf(b, ", DATA index 1 using 1:2 with points pt 7 ps 0.7 lc rgb \"%s\" title ",
                            rpt_colour_hex(RPT_BLUE));
        rpt_gp_string(b, RPT_T(en, "site binnen de 95%-grenzen", "site within the 95% limits"));
    }
    if (nout) {
        (void)kr_buf_printf(b, ", DATA index 1 using 1:3 with points pt 5 ps 0.8 lc rgb \"%s\" title ",
                            rpt_colour_hex(RPT_VERMILION));
        rpt_gp_string(b, RPT_T(en, "site buiten de 95%-grenzen", "site outside the 95% limits"));
    }
    (void)kr_buf_puts(b, "\n");
    return ch;
}

typedef struct cat_item {
    const eng_vergelijk_site *s;
} cat_item;

static int cat_cmp(const void *a, const void *b)
{
    const eng_vergelijk_site *x = ((const cat_item *)a)->s, *y = ((const cat_item *)b)->s;
    if (x->onderdrukt != y->onderdrukt)
        return x->onderdrukt - y->onderdrukt;
    if (!x->onderdrukt && x->waarde != y->waarde)
        return x->waarde < y->waarde ? -1 : 1;
    int c = strcmp(x->regio, y->regio);
    return c ? c : strcmp(x->site, y->site);
}

rpt_chart *rpt_plot_caterpillar(rpt_charts *c, const char *name, const char *title, const eng_vergelijk *v,
                                const rpt_row *const *rows, int en, double width, double height)
{
    rpt_chart *ch = rpt_chart_add(c, name, title, width, height);
    if (!ch)
        return NULL;
    static const char *const cols[] = {"regio", "site", "waarde", "ondergrens_95", "bovengrens_95"};
    rpt_csv_head(&ch->csv, cols, sizeof cols / sizeof cols[0]);
    cat_item *items = calloc(v->n ? v->n : 1, sizeof *items);
    if (!items)
        return NULL;
    for (size_t i = 0; i < v->n; i++)
        items[i].s = &v->sites[i];
    qsort(items, v->n, sizeof *items, cat_cmp);
    double lo = 100, hi = 0;
    kr_buf *b = &ch->script;
    (void)kr_buf_puts(b, "set xtics (");
    for (size_t i = 0; i < v->n; i++) {
        const eng_vergelijk_site *s = items[i].s;
        /* the site's own interval from its row (Wilson), by its position in v */
        const rpt_row *r = rows[s - v->sites];
        double l = r && !r->suppressed ? r->lo : NAN, h = r && !r->suppressed ? r->hi : NAN;
        (void)kr_buf_printf(&ch->data, "%zu\t", i);
        rpt_gp_num(&ch->data, s->onderdrukt ? NAN : s->waarde);
        (void)kr_buf_puts(&ch->data, "\t");
        rpt_gp_num(&ch->data, l);
        (void)kr_buf_puts(&ch->data, "\t");
        rpt_gp_num(&ch->data, h);
        (void)kr_buf_printf(&ch->data, "\t%s\n", s->onderdrukt ? "x" : "");
        (void)kr_buf_printf(&ch->csv, "%s;%s;", s->regio, s->site);
        rpt_csv_num(&ch->csv, s->waarde, 1, s->onderdrukt, 0);
        rpt_csv_num(&ch->csv, l, 1, s->onderdrukt, 0);
        rpt_csv_num(&ch->csv, h, 1, s->onderdrukt, 1);
        if (!isnan(l))
            lo = fmin(lo, l);
        if (!isnan(h))
            hi = fmax(hi, h);
        if (!s->onderdrukt) {
            lo = fmin(lo, s->waarde);
            hi = fmax(hi, s->waarde);
        }
        (void)kr_buf_printf(b, "%s", i ? ", " : "");
        rpt_gp_string(b, rpt_site_label(s->site));
        (void)kr_buf_printf(b, " %zu", i);
    }
    (void)kr_buf_printf(b, ") rotate by 45 right\nset xrange [-0.6:%zu.6]\n", v->n ? v->n - 1 : 0);
    free(items);
    if (hi < lo) {
        lo = 0;
        hi = 100;
    }
    double ylo = fmax(0, floor(lo - 2)), yhi = fmin(100, ceil(hi + 2));
    (void)kr_buf_printf(b, "set yrange [%g:%g]\n", ylo, yhi);
    yticks_pct(b, ylo, yhi, en);
    (void)kr_buf_puts(b, "set ylabel \"%\"\nset grid ytics lc rgb \"#dddddd\" lw 0.5\nset lmargin 7\nset bmargin 6\n"
                         "set key outside bottom center horizontal font \",9\" samplen 2\n");
    if (!isnan(v->gepoold))
        (void)kr_buf_printf(b, "set arrow from graph 0, first %.10g to graph 1, first %.10g nohead dt 2 lw 0.8 lc rgb "
                               "\"#555555\"\n",
                            v->gepoold, v->gepoold);
    (void)kr_buf_printf(b, "plot DATA using 1:2:3:4 with yerrorbars pt 7 ps 0.6 lw 1 lc rgb \"%s\" title ",
                        rpt_colour_hex(RPT_BLUE));
    rpt_gp_string(b, RPT_T(en, "site met 95%-interval", "site with 95% interval"));
    (void)kr_buf_printf(b, ", DATA using 1:(%g):5 with labels font \",9\" notitle\n", ylo + (yhi - ylo) * 0.05);
    return ch;
}

rpt_chart *rpt_plot_stacked_cat(rpt_charts *c, const char *name, const char *title, const char *const *xlabels,
                                size_t k, const rpt_row *const *rows, size_t nparts, const char *const *labels,
                                const int *colours, int en, double width, double height)
{
    rpt_chart *ch = rpt_chart_add(c, name, title, width, height);
    if (!ch || nparts == 0)
        return ch;
    (void)kr_buf_puts(&ch->csv, "\xEF\xBB\xBF" "categorie");
    for (size_t j = 0; j < nparts; j++)
        (void)kr_buf_printf(&ch->csv, ";%s", labels[j]);
    (void)kr_buf_puts(&ch->csv, "\n");
    for (size_t i = 0; i < k; i++) {
        double rest = 100;
        int hidden = 0, any = 0;
        (void)kr_buf_printf(&ch->data, "%zu", i);
        (void)kr_buf_printf(&ch->csv, "%s", xlabels[i]);
        for (size_t j = 0; j < nparts; j++) {
            const rpt_row *r = rows[j * k + i];
            double val = r && !r->suppressed && !isnan(r->waarde) ? r->waarde : 0;
            any |= r != NULL;
            hidden |= r && r->suppressed;
            rest -= val;
            (void)kr_buf_puts(&ch->data, "\t");
            rpt_gp_num(&ch->data, val);
            (void)kr_buf_puts(&ch->csv, ";");
            rpt_csv_num(&ch->csv, r ? r->waarde : NAN, 1, r && r->suppressed, 1);
            ch->csv.len--;
        }
        (void)kr_buf_puts(&ch->csv, "\n");
        if (!hidden || rest < 0 || !any)
            rest = 0;
        (void)kr_buf_puts(&ch->data, "\t");
        rpt_gp_num(&ch->data, rest);
        (void)kr_buf_printf(&ch->data, "\t%s\n", hidden ? "x" : "");
    }
    kr_buf *b = &ch->script;
    (void)kr_buf_puts(b, "set style data histograms\nset style histogram rowstacked\n"
                         "set style fill solid 0.95 border rgb \"#ffffff\"\nset boxwidth 0.75\n"
                         "set yrange [0:100]\nset key outside right top vertical font \",9\" samplen 1.5\n"
                         "set lmargin 7\nset bmargin 6\nset ylabel \"%\"\n");
    yticks_pct(b, 0, 100, en);
    (void)kr_buf_puts(b, "set xtics (");
    for (size_t i = 0; i < k; i++) {
        (void)kr_buf_printf(b, "%s", i ? ", " : "");
        rpt_gp_string(b, xlabels[i]);
        (void)kr_buf_printf(b, " %zu", i);
    }
    (void)kr_buf_printf(b, ") rotate by 45 right\nset xrange [-0.6:%zu.6]\n", k ? k - 1 : 0);
    (void)kr_buf_puts(b, "plot ");
    for (size_t j = 0; j < nparts; j++) {
        (void)kr_buf_printf(b, "%sDATA using %zu lc rgb \"%s\" title ", j ? ", " : "", j + 2,
                            rpt_colour_hex(colours[j]));
        rpt_gp_string(b, labels[j]);
    }
    (void)kr_buf_printf(b, ", DATA using %zu lc rgb \"#cccccc\" fillstyle pattern 4 title ", nparts + 2);
    rpt_gp_string(b, RPT_T(en, "x: niet getoond", "x: not shown"));
    (void)kr_buf_printf(b, ", DATA using 0:(100):%zu with labels offset 0,0.6 font \",9\" notitle\n", nparts + 3);
    return ch;
}
