/*
 * The chart kinds the reports share, as gnuplot scripts and data files: SPC p′-charts,
 * stacked bars, lines with an interval band and a target or baseline line, Kaplan–Meier
 * curves with bands, and plain bars. Every label and tick is formatted here in C (decimal
 * comma, x); gnuplot only draws. Also the quarterly series a chart or sparkline reads.
 */
#include "rpt_plot.h"

#include <math.h>
#include <string.h>

void rpt_series_load(const rpt_data *d, const char *row_id, const char *regio, const char *groep, const char *gw,
                     const kr_period *until, size_t max, rpt_series *s)
{
    kr_period q[RPT_MAXQ];
    if (max > RPT_MAXQ)
        max = RPT_MAXQ;
    memset(s, 0, sizeof *s);
    rpt_quarters(until, max, q);
    size_t first = max;
    for (size_t i = 0; i < max; i++)
        if (rpt_get(d, row_id, regio, "*", groep, gw, q[i].label)) {
            first = i;
            break;
        }
    for (size_t i = first; i < max; i++) {
        s->q[s->k] = q[i];
        s->r[s->k] = rpt_get(d, row_id, regio, "*", groep, gw, q[i].label);
        s->k++;
    }
}

int rpt_series_spc(const rpt_series *s, eng_direction dir, double target, eng_spc *out)
{
    long x[RPT_MAXQ], n[RPT_MAXQ];
    int shown[RPT_MAXQ];
    memset(out, 0, sizeof *out);
    if (s->k == 0)
        return 0;
    for (size_t i = 0; i < s->k; i++) {
        const rpt_row *r = s->r[i];
        shown[i] = r && !r->suppressed && r->teller >= 0 && r->noemer > 0 && r->teller <= r->noemer;
        x[i] = shown[i] ? (long)r->teller : 0;
        n[i] = shown[i] ? (long)r->noemer : 1;
    }
    return eng_spc_fit(x, n, shown, s->k, dir, target, out) == KR_OK;
}

/* y ticks at step over 0..top, labelled in C ("20", "40,5") with the unit in the axis title. */
static void yticks(kr_buf *b, double lo, double hi, double step, int decimals, int en)
{
    (void)kr_buf_puts(b, "set ytics (");
    int first = 1;
    for (double v = lo; v <= hi + step * 1e-6; v += step) {
        char t[32];
        rpt_num(t, sizeof t, v, decimals, en);
        (void)kr_buf_printf(b, "%s", first ? "" : ", ");
        rpt_gp_string(b, t);
        (void)kr_buf_puts(b, " ");
        rpt_gp_num(b, v);
        first = 0;
    }
    (void)kr_buf_puts(b, ")\n");
}

/* The y range ylo..yhi with its ticks; a value hi on the top of the frame (100 %) would sit on its line, so a little
 * room above it then, without a tick there. */
static void y_range(kr_buf *b, double ylo, double yhi, double step, double hi, int en)
{
    double ytop = hi >= yhi - step * 1e-6 ? yhi + step * 0.25 : yhi;
    (void)kr_buf_printf(b, "set yrange [%g:%g]\n", ylo, ytop);
    yticks(b, ylo, yhi, step, step < 1 ? 1 : 0, en);
}

/* The plot clause of the open rings around provisional quarters (their values in data column col), named in the key;
 * nothing when there are none, as a clause without points is an error to gnuplot. */
static void provisional_rings(kr_buf *b, size_t provisional, int col, int colour, int en)
{
    if (!provisional)
        return;
    (void)kr_buf_printf(b, ", DATA using 1:%d with points pt 6 ps 1.1 lw 1 lc rgb \"%s\" title ", col,
                        rpt_colour_hex(colour));
    rpt_gp_string(b, RPT_T(en, "voorlopig (*)", "provisional (*)"));
}

/* A y range and tick step that hold lo..hi with some room: 0..100 for shares near it. */
static void nice_range(double lo, double hi, double *ylo, double *yhi, double *step)
{
    if (!(hi > lo)) {
        hi = lo + 1;
    }
    double span = hi - lo;
    double raw = span / 5;
    double mag = pow(10, floor(log10(raw)));
    double m = raw / mag;
    double st = (m < 1.5 ? 1 : m < 3 ? 2 : m < 7 ? 5 : 10) * mag;
    *ylo = floor(lo / st) * st;
    *yhi = ceil(hi / st) * st;
    if (*yhi == *ylo)
        *yhi = *ylo + st;
    *step = st;
}

/* x tick labels: the quarters, every other one when there are many (or more than 6 on a narrow chart). */
static void xquarters(kr_buf *b, const rpt_series *s, int narrow)
{
    (void)kr_buf_puts(b, "set xtics (");
    size_t every = s->k > (narrow ? 6u : 12u) ? 2 : 1;
    int first = 1;
    for (size_t i = 0; i < s->k; i++) {
        if ((s->k - 1 - i) % every) /* counted back from the last quarter, which is always labelled */
            continue;
        (void)kr_buf_printf(b, "%s", first ? "" : ", ");
        rpt_gp_string(b, s->q[i].label);
        (void)kr_buf_printf(b, " %zu", i);
        first = 0;
    }
    (void)kr_buf_puts(b, ") rotate by 45 right\n");
    (void)kr_buf_printf(b, "set xrange [-0.6:%zu.6]\n", s->k ? s->k - 1 : 0);
}

void rpt_csv_head(kr_buf *csv, const char *const *cols, size_t n)
{
    (void)kr_buf_puts(csv, "\xEF\xBB\xBF");
    for (size_t i = 0; i < n; i++)
        (void)kr_buf_printf(csv, "%s%s", i ? ";" : "", cols[i]);
    (void)kr_buf_puts(csv, "\n");
}

/* A CSV number the Dutch way, or x, or empty. */
void rpt_csv_num(kr_buf *csv, double v, int decimals, int suppressed, int last)
{
    char t[48] = "";
    if (suppressed)
        kr_strlcpy(t, "x", sizeof t);
    else if (!isnan(v)) {
        (void)snprintf(t, sizeof t, "%.*f", decimals, v);
        for (char *c = t; *c; c++)
            if (*c == '.')
                *c = ',';
    }
    (void)kr_buf_printf(csv, "%s%s", t, last ? "\n" : ";");
}

rpt_chart *rpt_plot_spc(rpt_charts *c, const char *name, const char *title, const rpt_series *s,
                        const eng_spc *spc, double target, int en, double width, double height)
{
    rpt_chart *ch = rpt_chart_add(c, name, title, width, height);
    if (!ch)
        return NULL;
    static const char *const cols[] = {"kwartaal", "waarde", "teller", "noemer", "centrale_lijn", "ondergrens_3s",
                                       "bovengrens_3s", "doel", "signaal"};
    rpt_csv_head(&ch->csv, cols, sizeof cols / sizeof cols[0]);
    double lo = 100, hi = 0;
    size_t provisional = 0;
    for (size_t i = 0; i < s->k; i++) {
        const eng_spc_point *p = i < spc->k ? &spc->points[i] : NULL;
        const rpt_row *r = s->r[i];
        int shown = p && p->shown;
        double v = shown ? 100 * p->p : NAN;
        double lcl = shown && !isnan(p->lcl) ? 100 * p->lcl : NAN, ucl = shown && !isnan(p->ucl) ? 100 * p->ucl : NAN;
        double cl = isnan(spc->centre) ? NAN : 100 * spc->centre;
        double imp = shown && p->signals && p->judgement >= 0 ? v : NAN;
        double con = shown && p->signals && p->judgement < 0 ? v : NAN;
        /* columns: index, value, centre, lcl, ucl, improvement, concern, x-mark (y of the label) */
        (void)kr_buf_printf(&ch->data, "%zu\t", i);
        rpt_gp_num(&ch->data, v);
        (void)kr_buf_puts(&ch->data, "\t");
        rpt_gp_num(&ch->data, cl);
        (void)kr_buf_puts(&ch->data, "\t");
        rpt_gp_num(&ch->data, lcl);
        (void)kr_buf_puts(&ch->data, "\t");
        rpt_gp_num(&ch->data, ucl);
        (void)kr_buf_puts(&ch->data, "\t");
        rpt_gp_num(&ch->data, imp);
        (void)kr_buf_puts(&ch->data, "\t");
        rpt_gp_num(&ch->data, con);
        (void)kr_buf_printf(&ch->data, "\t%s\t", shown ? "" : "x");
        /* column 9: a provisional quarter's value, for an open ring around its point (as rpt_plot_line) */
        rpt_gp_num(&ch->data, shown && r && r->voorlopig ? v : NAN);
        (void)kr_buf_puts(&ch->data, "\n");
        provisional += shown && r && r->voorlopig;
        double vals[3] = {v, lcl, ucl};
        for (int j = 0; j < 3; j++)
            if (!isnan(vals[j])) {
                if (vals[j] < lo)
                    lo = vals[j];
                if (vals[j] > hi)
                    hi = vals[j];
            }
        (void)kr_buf_printf(&ch->csv, "%s;", s->q[i].label);
        rpt_csv_num(&ch->csv, v, 1, r && r->suppressed, 0);
        rpt_csv_num(&ch->csv, shown ? (double)r->teller : NAN, 0, r && r->suppressed, 0);
        rpt_csv_num(&ch->csv, shown ? (double)r->noemer : NAN, 0, r && r->suppressed, 0);
        rpt_csv_num(&ch->csv, cl, 1, 0, 0);
        rpt_csv_num(&ch->csv, lcl, 1, 0, 0);
        rpt_csv_num(&ch->csv, ucl, 1, 0, 0);
        rpt_csv_num(&ch->csv, target, 1, 0, 0);
        (void)kr_buf_printf(&ch->csv, "%s\n",
                            !shown || !p->signals ? ""
                            : p->judgement > 0    ? RPT_T(en, "verbetering", "improvement")
                            : p->judgement < 0    ? RPT_T(en, "zorg", "concern")
                                                  : RPT_T(en, "bijzonder", "special cause"));
    }
    if (!isnan(target)) {
        if (target < lo)
            lo = target;
        if (target > hi)
            hi = target;
    }
    double ylo, yhi, step;
    nice_range(lo - 2, hi + 2, &ylo, &yhi, &step);
    if (ylo < 0)
        ylo = 0;
    if (yhi > 100)
        yhi = 100;
    kr_buf *b = &ch->script;
    y_range(b, ylo, yhi, step, hi, en);
    xquarters(b, s, 0);
    (void)kr_buf_puts(b, "set ylabel \"%\"\nset grid ytics lc rgb \"#dddddd\" lw 0.5\n"
                         "set key outside bottom center horizontal samplen 2 font \",9\"\nset lmargin 7\n");
    if (!isnan(target)) {
        (void)kr_buf_printf(b, "set arrow from graph 0, first %g to graph 1, first %g nohead dt 2 lw 1.2 lc rgb "
                               "\"%s\"\n",
                            target, target, rpt_colour_hex(RPT_GREEN));
    }
    /* x marks for suppressed quarters, at the foot of the plot */
    for (size_t i = 0; i < s->k; i++)
        if (!(i < spc->k && spc->points[i].shown))
            (void)kr_buf_printf(b, "set label \"x\" at %zu, graph 0.05 center font \",9\" tc rgb \"#555555\"\n", i);
    (void)kr_buf_puts(b, "plot ");
    if (spc->limits != ENG_SPC_NONE) {
        (void)kr_buf_printf(b, "DATA using 1:4 with steps lw 0.8 dt 3 lc rgb \"#777777\" title ");
        rpt_gp_string(b, spc->limits == ENG_SPC_VOORLOPIG ? RPT_T(en, "grenzen (voorlopig)", "limits (provisional)")
                                                          : RPT_T(en, "grenzen", "limits"));
        (void)kr_buf_puts(b, ", DATA using 1:5 with steps lw 0.8 dt 3 lc rgb \"#777777\" notitle, ");
    }
    (void)kr_buf_puts(b, "DATA using 1:3 with lines lw 0.8 lc rgb \"#777777\" title ");
    rpt_gp_string(b, RPT_T(en, "gemiddelde", "mean"));
    (void)kr_buf_printf(b, ", DATA using 1:2 with linespoints pt 7 ps 0.45 lw 1.2 lc rgb \"%s\" title ",
                        rpt_colour_hex(RPT_BLACK));
    rpt_gp_string(b, RPT_T(en, "kwartaal", "quarter"));
    (void)kr_buf_printf(b, ", DATA using 1:6 with points pt 7 ps 0.8 lc rgb \"%s\" title ", rpt_colour_hex(RPT_BLUE));
    rpt_gp_string(b, RPT_T(en, "verbetering", "improvement"));
    (void)kr_buf_printf(b, ", DATA using 1:7 with points pt 5 ps 0.8 lc rgb \"%s\" title ", rpt_colour_hex(RPT_ORANGE));
    rpt_gp_string(b, RPT_T(en, "zorg", "concern"));
    provisional_rings(b, provisional, 9, RPT_BLACK, en);
    if (!isnan(target)) {
        (void)kr_buf_printf(b, ", NaN with lines dt 2 lw 1.2 lc rgb \"%s\" title ", rpt_colour_hex(RPT_GREEN));
        rpt_gp_string(b, RPT_T(en, "doel", "target"));
    }
    (void)kr_buf_puts(b, "\n");
    return ch;
}

rpt_chart *rpt_plot_stacked(rpt_charts *c, const char *name, const char *title, const rpt_series *parts,
                            size_t nparts, const char *const *labels, const int *colours, int en, double width,
                            double height)
{
    /* the quarters of the first part are the categories of a stacked bar chart */
    const rpt_series *s0 = &parts[0];
    const char *xl[RPT_MAXQ];
    const rpt_row *rows[8 * RPT_MAXQ];
    if (nparts == 0 || nparts > 8)
        return NULL;
    for (size_t i = 0; i < s0->k; i++) {
        xl[i] = s0->q[i].label;
        for (size_t j = 0; j < nparts; j++)
            rows[j * s0->k + i] = i < parts[j].k ? parts[j].r[i] : NULL;
    }
    return rpt_plot_stacked_cat(c, name, title, xl, s0->k, rows, nparts, labels, colours, en, width, height);
}

rpt_chart *rpt_plot_line(rpt_charts *c, const char *name, const char *title, const rpt_series *s, double refline,
                         const char *reflabel, int en, double width, double height)
{
    rpt_chart *ch = rpt_chart_add(c, name, title, width, height);
    if (!ch)
        return NULL;
    static const char *const cols[] = {"kwartaal", "waarde", "ondergrens_95", "bovengrens_95", "teller", "noemer"};
    rpt_csv_head(&ch->csv, cols, sizeof cols / sizeof cols[0]);
    double lo = isnan(refline) ? 100 : refline, hi = isnan(refline) ? 0 : refline;
    const char *unit = "%";
    size_t provisional = 0;
    for (size_t i = 0; i < s->k; i++) {
        const rpt_row *r = s->r[i];
        int shown = 0;
        double v = NAN, l = NAN, h = NAN;
        if (r) {
            unit = r->eenheid;
            shown = !r->suppressed && !isnan(r->waarde);
            if (shown) {
                v = r->waarde;
                l = r->lo;
                h = r->hi;
            }
        }
        (void)kr_buf_printf(&ch->data, "%zu\t", i);
        rpt_gp_num(&ch->data, v);
        (void)kr_buf_puts(&ch->data, "\t");
        rpt_gp_num(&ch->data, isnan(l) ? v : l);
        (void)kr_buf_puts(&ch->data, "\t");
        rpt_gp_num(&ch->data, isnan(h) ? v : h);
        (void)kr_buf_printf(&ch->data, "\t%s\t", r && r->suppressed ? "x" : "");
        /* a provisional quarter gets an open ring around its point: its cohort can still change */
        rpt_gp_num(&ch->data, shown && r->voorlopig ? v : NAN);
        (void)kr_buf_puts(&ch->data, "\n");
        provisional += shown && r->voorlopig;
        double vals[3] = {v, l, h};
        for (int j = 0; j < 3; j++)
            if (!isnan(vals[j])) {
                if (vals[j] < lo)
                    lo = vals[j];
                if (vals[j] > hi)
                    hi = vals[j];
            }
        (void)kr_buf_printf(&ch->csv, "%s;", s->q[i].label);
        rpt_csv_num(&ch->csv, v, 1, r && r->suppressed, 0);
        rpt_csv_num(&ch->csv, l, 1, r && r->suppressed, 0);
        rpt_csv_num(&ch->csv, h, 1, r && r->suppressed, 0);
        rpt_csv_num(&ch->csv, shown && r->teller >= 0 ? (double)r->teller : NAN, 0, r && r->suppressed, 0);
        rpt_csv_num(&ch->csv, shown && r->noemer >= 0 ? (double)r->noemer : NAN, 0, r && r->suppressed, 1);
    }
    double ylo, yhi, step;
    if (lo > hi) {
        /* nothing shown (every quarter x): an empty frame of 0..100, not a range gnuplot refuses */
        lo = 0;
        hi = 100;
    }
    nice_range(lo, hi, &ylo, &yhi, &step);
    /* a reference line on the frame would be hidden by it: one step of room beyond it */
    if (!isnan(refline) && refline >= yhi - step * 1e-6)
        yhi += step;
    if (!isnan(refline) && refline <= ylo + step * 1e-6 && ylo - step >= 0)
        ylo -= step;
    if (ylo < 0 && lo >= 0)
        ylo = 0;
    if (strcmp(unit, "%") == 0 && yhi > 100)
        yhi = 100;
    if (yhi - ylo < step) {
        /* every value on the cap (100 %): room below it */
        ylo = yhi - 5 * step;
        if (ylo < 0 && lo >= 0)
            ylo = 0;
    }
    kr_buf *b = &ch->script;
    y_range(b, ylo, yhi, step, hi, en);
    /* a narrow chart (one of two side by side) has no room for a key: the text beside it names the lines */
    const int narrow = width < 300;
    xquarters(b, s, narrow);
    (void)kr_buf_puts(b, narrow ? "set grid ytics lc rgb \"#dddddd\" lw 0.5\nunset key\nset lmargin 7\n"
                                : "set grid ytics lc rgb \"#dddddd\" lw 0.5\n"
                                  "set key outside bottom center horizontal font \",9\" samplen 2\nset lmargin 7\n");
    (void)kr_buf_puts(b, "set ylabel ");
    rpt_gp_string(b, rpt_unit_symbol(unit, en));
    (void)kr_buf_puts(b, "\n");
    for (size_t i = 0; i < s->k; i++)
        if (s->r[i] && s->r[i]->suppressed)
            (void)kr_buf_printf(b, "set label \"x\" at %zu, graph 0.05 center font \",9\" tc rgb \"#555555\"\n", i);
    if (!isnan(refline))
        (void)kr_buf_printf(b, "set arrow from graph 0, first %g to graph 1, first %g nohead dt 2 lw 1.2 lc rgb "
                               "\"%s\"\n",
                            refline, refline, rpt_colour_hex(RPT_GREEN));
    (void)kr_buf_printf(b, "plot DATA using 1:3:4 with filledcurves fc rgb \"%s\" fs transparent solid 0.25 noborder "
                           "title ",
                        rpt_colour_hex(RPT_SKY));
    rpt_gp_string(b, RPT_T(en, "95%-interval", "95% interval"));
    (void)kr_buf_printf(b, ", DATA using 1:2 with linespoints pt 7 ps 0.45 lw 1.4 lc rgb \"%s\" title ",
                        rpt_colour_hex(RPT_BLUE));
    rpt_gp_string(b, RPT_T(en, "kwartaal", "quarter"));
    provisional_rings(b, provisional, 6, RPT_BLUE, en);
    if (!isnan(refline)) {
        (void)kr_buf_printf(b, ", NaN with lines dt 2 lw 1.2 lc rgb \"%s\" title ", rpt_colour_hex(RPT_GREEN));
        rpt_gp_string(b, reflabel ? reflabel : RPT_T(en, "doel", "target"));
    }
    (void)kr_buf_puts(b, "\n");
    return ch;
}

rpt_chart *rpt_plot_km(rpt_charts *c, const char *name, const char *title, const rpt_data *d, const char *indicator,
                       const char *regio, const char *periode, const char *const *groups, const char *const *labels,
                       const int *colours, size_t ngroups, int en, double width, double height)
{
    rpt_chart *ch = rpt_chart_add(c, name, title, width, height);
    if (!ch)
        return NULL;
    static const char *const cols[] = {"groep", "dagen", "in_zorg", "ondergrens_95", "bovengrens_95", "at_risk"};
    rpt_csv_head(&ch->csv, cols, sizeof cols / sizeof cols[0]);
    kr_buf *b = &ch->script;
    size_t blocks = 0;
    int drawn[16] = {0};
    for (size_t g = 0; g < ngroups && g < 16; g++) {
        size_t n = 0;
        const rpt_curve *cv = rpt_curve_get(d, indicator, regio, groups[g][0] ? "route" : "totaal", groups[g],
                                            periode, &n);
        if (!n)
            continue;
        drawn[g] = 1;
        /* a step curve starting at 100 % at day 0; each block is one gnuplot index */
        if (blocks)
            (void)kr_buf_puts(&ch->data, "\n\n");
        /* no band before the first step, where it has no width (gnuplot would close it through the axis) */
        (void)kr_buf_puts(&ch->data, "0\t100\tNaN\tNaN\n");
        for (size_t i = 0; i < n; i++) {
            /* the band is a step function too: the previous step's values up to this step's time */
            (void)kr_buf_printf(&ch->data, "%d\t", cv[i].t);
            if (i == 0) {
                (void)kr_buf_puts(&ch->data, "100\tNaN\tNaN\n");
            } else {
                rpt_gp_num(&ch->data, cv[i - 1].s);
                (void)kr_buf_puts(&ch->data, "\t");
                rpt_gp_num(&ch->data, isnan(cv[i - 1].lo) ? cv[i - 1].s : cv[i - 1].lo);
                (void)kr_buf_puts(&ch->data, "\t");
                rpt_gp_num(&ch->data, isnan(cv[i - 1].hi) ? cv[i - 1].s : cv[i - 1].hi);
                (void)kr_buf_puts(&ch->data, "\n");
            }
            (void)kr_buf_printf(&ch->data, "%d\t", cv[i].t);
            rpt_gp_num(&ch->data, cv[i].s);
            (void)kr_buf_puts(&ch->data, "\t");
            /* the last step has no width either: its band ends where the curve does */
            rpt_gp_num(&ch->data, i + 1 == n ? NAN : isnan(cv[i].lo) ? cv[i].s : cv[i].lo);
            (void)kr_buf_puts(&ch->data, "\t");
            rpt_gp_num(&ch->data, i + 1 == n ? NAN : isnan(cv[i].hi) ? cv[i].s : cv[i].hi);
            (void)kr_buf_puts(&ch->data, "\n");
            (void)kr_buf_printf(&ch->csv, "%s;%d;", labels[g], cv[i].t);
            rpt_csv_num(&ch->csv, cv[i].s, 1, 0, 0);
            rpt_csv_num(&ch->csv, cv[i].lo, 1, 0, 0);
            rpt_csv_num(&ch->csv, cv[i].hi, 1, 0, 0);
            rpt_csv_num(&ch->csv, (double)cv[i].at_risk, 0, 0, 1);
        }
        blocks++;
    }
    /* room above 100 %: a curve that starts there is not hidden by the frame */
    (void)kr_buf_puts(b, "set xrange [0:730]\nset yrange [0:104]\nset grid ytics lc rgb \"#dddddd\" lw 0.5\n"
                         "set key bottom left font \",9\" samplen 2\nset lmargin 7\nset ylabel \"%\"\n");
    yticks(b, 0, 100, 20, 0, en);
    (void)kr_buf_puts(b, "set xtics (");
    for (int m = 0; m <= 24; m += 6) {
        char t[32];
        (void)snprintf(t, sizeof t, "%d %s", m, RPT_T(en, "mnd", "mo"));
        (void)kr_buf_printf(b, "%s", m ? ", " : "");
        rpt_gp_string(b, t);
        (void)kr_buf_printf(b, " %d", m == 0 ? 0 : m == 6 ? 182 : m == 12 ? 365 : m == 18 ? 547 : 730);
    }
    (void)kr_buf_puts(b, ")\n");
    if (blocks == 0) {
        (void)kr_buf_puts(b, "set label ");
        rpt_gp_string(b, RPT_T(en, "x: geen curve te tonen (te weinig kinderen, of om terugrekenen te voorkomen)",
                               "x: no curve to show (too few children, or to prevent recalculation)"));
        (void)kr_buf_puts(b, " at graph 0.5, graph 0.5 center\n" RPT_GP_EMPTY);
        return ch;
    }
    (void)kr_buf_puts(b, "plot ");
    size_t idx = 0;
    for (size_t g = 0; g < ngroups && g < 16; g++) {
        if (!drawn[g])
            continue;
        (void)kr_buf_printf(b, "%sDATA index %zu using 1:3:4 with filledcurves fc rgb \"%s\" fs transparent solid 0.18 "
                               "noborder notitle, DATA index %zu using 1:2 with steps lw 1.4 lc rgb \"%s\" title ",
                            idx ? ", " : "", idx, rpt_colour_hex(colours[g]), idx, rpt_colour_hex(colours[g]));
        rpt_gp_string(b, labels[g]);
        idx++;
    }
    (void)kr_buf_puts(b, "\n");
    return ch;
}

rpt_chart *rpt_plot_bars(rpt_charts *c, const char *name, const char *title, const rpt_row *const *rows,
                         const char *const *labels, size_t n, double target, int en, double width, double height)
{
    rpt_chart *ch = rpt_chart_add(c, name, title, width, height);
    if (!ch)
        return NULL;
    static const char *const cols[] = {"categorie", "waarde", "ondergrens_95", "bovengrens_95", "teller", "noemer"};
    rpt_csv_head(&ch->csv, cols, sizeof cols / sizeof cols[0]);
    for (size_t i = 0; i < n; i++) {
        const rpt_row *r = rows[i];
        double v = 0, l = NAN, h = NAN;
        char lab[32] = "";
        if (r && r->suppressed) {
            kr_strlcpy(lab, "x", sizeof lab);
        } else if (r && !isnan(r->waarde)) {
            v = r->waarde;
            l = r->lo;
            h = r->hi;
            rpt_num(lab, sizeof lab, v, 0, en);
        }
        (void)kr_buf_printf(&ch->data, "%zu\t", i);
        rpt_gp_num(&ch->data, v);
        (void)kr_buf_puts(&ch->data, "\t");
        rpt_gp_num(&ch->data, l);
        (void)kr_buf_puts(&ch->data, "\t");
        rpt_gp_num(&ch->data, h);
        (void)kr_buf_printf(&ch->data, "\t%s\t", lab[0] ? lab : "–");
        rpt_gp_num(&ch->data, isnan(h) || h < v ? v : h); /* the value's label above its interval, not on it */
        (void)kr_buf_puts(&ch->data, "\n");
        (void)kr_buf_printf(&ch->csv, "%s;", labels[i]);
        rpt_csv_num(&ch->csv, r ? r->waarde : NAN, 1, r && r->suppressed, 0);
        rpt_csv_num(&ch->csv, r ? r->lo : NAN, 1, r && r->suppressed, 0);
        rpt_csv_num(&ch->csv, r ? r->hi : NAN, 1, r && r->suppressed, 0);
        rpt_csv_num(&ch->csv, r && r->teller >= 0 ? (double)r->teller : NAN, 0, r && r->suppressed, 0);
        rpt_csv_num(&ch->csv, r && r->noemer >= 0 ? (double)r->noemer : NAN, 0, r && r->suppressed, 1);
    }
    kr_buf *b = &ch->script;
    (void)kr_buf_puts(b, "set style fill solid 0.85 noborder\nset boxwidth 0.7\nset yrange [0:112]\n"
                         "set grid ytics lc rgb \"#dddddd\" lw 0.5\nunset key\nset lmargin 7\nset bmargin 4.5\n"
                         "set ylabel \"%\"\n");
    yticks(b, 0, 100, 20, 0, en);
    (void)kr_buf_puts(b, "set xtics (");
    for (size_t i = 0; i < n; i++) {
        (void)kr_buf_printf(b, "%s", i ? ", " : "");
        rpt_gp_string(b, labels[i]);
        (void)kr_buf_printf(b, " %zu", i);
    }
    (void)kr_buf_printf(b, ") rotate by 45 right\nset xrange [-0.6:%zu.6]\n", n ? n - 1 : 0);
    if (!isnan(target))
        (void)kr_buf_printf(b, "set arrow from graph 0, first %g to graph 1, first %g nohead dt 2 lw 1.2 lc rgb "
                               "\"%s\"\n",
                            target, target, rpt_colour_hex(RPT_GREEN));
    /* the interval as a line with caps, drawn as vectors: gnuplot 5.4's yerrorbars clear a white disc around their
     * point, whatever its type, and it was cut into the top of every bar */
    (void)kr_buf_printf(b, "plot DATA using 1:2 with boxes lc rgb \"%s\", "
                           "DATA using 1:3:(0):($4-$3) with vectors nohead lw 0.8 lc rgb \"#333333\", "
                           "DATA using ($1-0.08):3:(0.16):(0) with vectors nohead lw 0.8 lc rgb \"#333333\", "
                           "DATA using ($1-0.08):4:(0.16):(0) with vectors nohead lw 0.8 lc rgb \"#333333\", "
                           "DATA using 1:6:5 with labels offset 0,0.7 font \",9\"\n",
                        rpt_colour_hex(RPT_SKY));
    return ch;
}

rpt_chart *rpt_plot_counts(rpt_charts *c, const char *name, const char *title, const rpt_row *const *rows,
                           const char *const *labels, size_t n, const char *ylabel, int en, double width,
                           double height)
{
    rpt_chart *ch = rpt_chart_add(c, name, title, width, height);
    if (!ch)
        return NULL;
    static const char *const cols[] = {"categorie", "aantal"};
    rpt_csv_head(&ch->csv, cols, sizeof cols / sizeof cols[0]);
    double top = 0;
    for (size_t i = 0; i < n; i++) {
        const rpt_row *r = rows[i];
        int shown = r && !r->suppressed && r->teller >= 0;
        char lab[32];
        /* a suppressed count is an x at the foot, never a bar of height 0 that reads as zero */
        rpt_count(lab, sizeof lab, r ? r->teller : -1, r && r->suppressed, en);
        (void)kr_buf_printf(&ch->data, "%zu\t", i);
        rpt_gp_num(&ch->data, shown ? (double)r->teller : NAN);
        (void)kr_buf_printf(&ch->data, "\t%s\t", lab);
        rpt_gp_num(&ch->data, shown ? (double)r->teller : 0);
        (void)kr_buf_puts(&ch->data, "\n");
        if (shown && (double)r->teller > top)
            top = (double)r->teller;
        (void)kr_buf_printf(&ch->csv, "%s;", labels[i]);
        rpt_csv_num(&ch->csv, shown ? (double)r->teller : NAN, 0, r && r->suppressed, 1);
    }
    double ylo, yhi, step;
    nice_range(0, top > 0 ? top * 1.15 : 1, &ylo, &yhi, &step);
    if (step < 1) {
        step = 1;
        yhi = ceil(yhi);
    }
    kr_buf *b = &ch->script;
    (void)kr_buf_printf(b, "set style fill solid 0.85 noborder\nset boxwidth 0.7\nset yrange [0:%g]\n"
                           "set grid ytics lc rgb \"#dddddd\" lw 0.5\nunset key\nset lmargin 8\nset bmargin 5\n",
                        yhi);
    (void)kr_buf_puts(b, "set ylabel ");
    rpt_gp_string(b, ylabel ? ylabel : "");
    (void)kr_buf_puts(b, " noenhanced\n");
    yticks(b, 0, yhi, step, 0, en);
    (void)kr_buf_puts(b, "set xtics (");
    for (size_t i = 0; i < n; i++) {
        (void)kr_buf_printf(b, "%s", i ? ", " : "");
        rpt_gp_string(b, labels[i]);
        (void)kr_buf_printf(b, " %zu", i);
    }
    (void)kr_buf_printf(b, ") rotate by 45 right noenhanced\nset xrange [-0.6:%zu.6]\n", n ? n - 1 : 0);
    (void)kr_buf_printf(b, "plot DATA using 1:2 with boxes lc rgb \"%s\", DATA using 1:4:3 with labels offset 0,0.7 "
                           "font \",9\" noenhanced\n",
                        rpt_colour_hex(RPT_BLUE));
    return ch;
}
