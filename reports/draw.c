/*
 * What the reports draw with cairo directly: sparklines of the quarterly values with their
 * process limits, and the two SPC icons (variation and assurance) of NHS "Making Data
 * Count", always shown together with their words, never colour alone.
 */
#include "rpt_plot.h"

#include <math.h>

void rpt_sparkline(cairo_t *cr, double x, double y, double w, double h, const rpt_series *s, const eng_spc *spc)
{
    double lo = INFINITY, hi = -INFINITY;
    size_t k = s->k;
    if (k == 0)
        return;
    double v[RPT_MAXQ], l[RPT_MAXQ], u[RPT_MAXQ];
    for (size_t i = 0; i < k; i++) {
        const rpt_row *r = s->r[i];
        v[i] = r && !r->suppressed ? r->waarde : NAN;
        l[i] = u[i] = NAN;
        if (spc && i < spc->k && spc->limits != ENG_SPC_NONE && spc->points[i].shown) {
            l[i] = 100 * spc->points[i].lcl;
            u[i] = 100 * spc->points[i].ucl;
        }
        double vals[3] = {v[i], l[i], u[i]};
        for (int j = 0; j < 3; j++)
            if (!isnan(vals[j])) {
                lo = fmin(lo, vals[j]);
                hi = fmax(hi, vals[j]);
            }
    }
    if (!isfinite(lo))
        return;
    if (hi - lo < 1) {
        lo -= 0.5;
        hi += 0.5;
    }
    double dx = k > 1 ? w / (double)(k - 1) : 0;
#define SX(i) (x + dx * (double)(i))
#define SY(val) (y + h - ((val) - lo) / (hi - lo) * h)
    cairo_save(cr);
    /* the band between the limits */
    cairo_set_source_rgba(cr, 0.6, 0.6, 0.6, 0.25);
    for (size_t i = 0; i + 1 < k; i++) {
        if (isnan(l[i]) || isnan(l[i + 1]))
            continue;
        cairo_move_to(cr, SX(i), SY(u[i]));
        cairo_line_to(cr, SX(i + 1), SY(u[i + 1]));
        cairo_line_to(cr, SX(i + 1), SY(l[i + 1]));
        cairo_line_to(cr, SX(i), SY(l[i]));
        cairo_close_path(cr);
        cairo_fill(cr);
    }
    if (spc && !isnan(spc->centre) && spc->limits != ENG_SPC_NONE) {
        cairo_set_source_rgb(cr, 0.55, 0.55, 0.55);
        cairo_set_line_width(cr, 0.4);
        cairo_move_to(cr, x, SY(100 * spc->centre));
        cairo_line_to(cr, x + w, SY(100 * spc->centre));
        cairo_stroke(cr);
    }
    /* the values; a suppressed quarter is a gap */
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_set_line_width(cr, 0.9);
    int pen = 0;
    for (size_t i = 0; i < k; i++) {
        if (isnan(v[i])) {
            pen = 0;
            continue;
        }
        if (pen)
            cairo_line_to(cr, SX(i), SY(v[i]));
        else
            cairo_move_to(cr, SX(i), SY(v[i]));
        pen = 1;
    }
    cairo_stroke(cr);
    for (size_t i = 0; i < k; i++) {
        if (isnan(v[i]))
            continue;
        int sig = spc && i < spc->k && spc->points[i].signals;
        int last = i + 1 == k;
        if (!sig && !last)
            continue;
        if (sig)
            rpt_colour_set(cr, spc->points[i].judgement < 0 ? RPT_ORANGE : RPT_BLUE, 1);
        else
            cairo_set_source_rgb(cr, 0, 0, 0);
        cairo_new_path(cr);
        cairo_arc(cr, SX(i), SY(v[i]), last ? 1.8 : 1.4, 0, 2 * M_PI);
        cairo_fill(cr);
    }
#undef SX
#undef SY
    cairo_restore(cr);
}

const char *rpt_variation_words(eng_spc_variation v, int en)
{
    switch (v) {
    case ENG_VAR_GEWOON: return RPT_T(en, "gewone variatie", "common cause variation");
    case ENG_VAR_VERBETERING: return RPT_T(en, "bijzondere oorzaak: verbetering", "special cause: improvement");
    case ENG_VAR_ZORG: return RPT_T(en, "bijzondere oorzaak: zorg", "special cause: concern");
    case ENG_VAR_BIJZONDER: return RPT_T(en, "bijzondere oorzaak", "special cause");
    case ENG_VAR_NONE: break;
    }
    return RPT_T(en, "te weinig kwartalen", "too few quarters");
}

const char *rpt_assurance_words(eng_spc_assurance a, int en)
{
    switch (a) {
    case ENG_ASS_GEHAALD: return RPT_T(en, "doel steeds gehaald", "target consistently met");
    case ENG_ASS_WISSELEND: return RPT_T(en, "doel wisselend gehaald", "target sometimes met");
    case ENG_ASS_GEMIST: return RPT_T(en, "doel steeds gemist", "target consistently missed");
    case ENG_ASS_NONE: break;
    }
    return "–";
}

static void ring(cairo_t *cr, double cx, double cy, double r, int colour)
{
    cairo_new_path(cr); /* not joined to whatever was drawn before */
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_arc(cr, cx, cy, r, 0, 2 * M_PI);
    cairo_fill_preserve(cr);
    rpt_colour_set(cr, colour, 1);
    cairo_set_line_width(cr, r * 0.22);
    cairo_stroke(cr);
}

void rpt_icon_variation(cairo_t *cr, double x, double y, double size, eng_spc_variation v, eng_direction dir)
{
    double r = size / 2, cx = x + r, cy = y + r;
    if (v == ENG_VAR_NONE)
        return;
    cairo_save(cr);
    int colour = v == ENG_VAR_VERBETERING ? RPT_BLUE
                 : v == ENG_VAR_ZORG      ? RPT_ORANGE
                 : v == ENG_VAR_BIJZONDER ? RPT_PURPLE
                                          : RPT_GREY;
    ring(cr, cx, cy, r * 0.88, colour);
    rpt_colour_set(cr, colour, 1);
    cairo_set_line_width(cr, r * 0.16);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    if (v == ENG_VAR_GEWOON || v == ENG_VAR_BIJZONDER) {
        /* a level wavy line: variation around a steady mean */
        cairo_move_to(cr, cx - r * 0.55, cy);
        cairo_curve_to(cr, cx - r * 0.3, cy - r * 0.45, cx - r * 0.1, cy - r * 0.45, cx, cy);
        cairo_curve_to(cr, cx + r * 0.1, cy + r * 0.45, cx + r * 0.3, cy + r * 0.45, cx + r * 0.55, cy);
        cairo_stroke(cr);
    } else {
        /* an arrow the way the values went: up for improvement when higher is better */
        int up = (v == ENG_VAR_VERBETERING) == (dir != ENG_LOWER);
        double s = up ? -1 : 1;
        cairo_move_to(cr, cx, cy - s * r * 0.5);
        cairo_line_to(cr, cx, cy + s * r * 0.5);
        cairo_move_to(cr, cx - r * 0.32, cy + s * r * 0.18);
        cairo_line_to(cr, cx, cy + s * r * 0.5);
        cairo_line_to(cr, cx + r * 0.32, cy + s * r * 0.18);
        cairo_stroke(cr);
    }
    cairo_restore(cr);
}

void rpt_icon_assurance(cairo_t *cr, double x, double y, double size, eng_spc_assurance a)
{
    double r = size / 2, cx = x + r, cy = y + r;
    if (a == ENG_ASS_NONE)
        return;
    cairo_save(cr);
    int colour = a == ENG_ASS_GEHAALD ? RPT_BLUE : a == ENG_ASS_GEMIST ? RPT_ORANGE : RPT_GREY;
    ring(cr, cx, cy, r * 0.88, colour);
    rpt_colour_set(cr, colour, 1);
    cairo_set_line_width(cr, r * 0.18);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    if (a == ENG_ASS_GEHAALD) {
        cairo_move_to(cr, cx - r * 0.4, cy);
        cairo_line_to(cr, cx - r * 0.1, cy + r * 0.32);
        cairo_line_to(cr, cx + r * 0.45, cy - r * 0.35);
    } else if (a == ENG_ASS_GEMIST) {
        cairo_move_to(cr, cx - r * 0.35, cy - r * 0.35);
        cairo_line_to(cr, cx + r * 0.35, cy + r * 0.35);
        cairo_move_to(cr, cx + r * 0.35, cy - r * 0.35);
        cairo_line_to(cr, cx - r * 0.35, cy + r * 0.35);
    } else {
        /* sometimes met: the target line inside the limits */
        cairo_move_to(cr, cx - r * 0.45, cy);
        cairo_line_to(cr, cx + r * 0.45, cy);
        cairo_move_to(cr, cx - r * 0.45, cy - r * 0.35);
        cairo_line_to(cr, cx + r * 0.45, cy - r * 0.35);
        cairo_move_to(cr, cx - r * 0.45, cy + r * 0.35);
        cairo_line_to(cr, cx + r * 0.45, cy + r * 0.35);
    }
    cairo_stroke(cr);
    cairo_restore(cr);
}
