/*
 * kansrijk reports, internal: the quarterly series a chart reads, the chart kinds the
 * reports share (gnuplot, plots.c) and what is drawn with cairo directly (draw.c):
 * sparklines and the SPC icons (the heat map of deliveries is bestuur.c's own); and the state the files of one report
 * kind share (kwaliteit*.c, regio*.c), which holds series and charts.
 */
#ifndef RPT_PLOT_H
#define RPT_PLOT_H

#include "rpt_int.h"

#define RPT_MAXQ 24

/* An empty plot (gnuplot refuses a plot without points): a line outside a fixed range. */
#define RPT_GP_EMPTY                                                                                                   \
    "unset logscale\nset xrange [0:1]\nset yrange [0:1]\nunset xtics\nunset ytics\nunset key\nplot -1 notitle\n"

/* The quarterly rows of one row id, oldest first, up to the quarter `until` ends in. */
typedef struct rpt_series {
    size_t k;
    kr_period q[RPT_MAXQ];
    const rpt_row *r[RPT_MAXQ]; /* NULL where the quarter has no row */
} rpt_series;

/* At most max quarters ending with until's last quarter, from the first quarter that has a row. */
void rpt_series_load(const rpt_data *d, const char *row_id, const char *regio, const char *groep, const char *gw,
                     const kr_period *until, size_t max, rpt_series *s);
/* The SPC chart of a series of proportions (eng_spc_fit); 0 when it cannot be fitted. Free with eng_spc_fini. */
int rpt_series_spc(const rpt_series *s, eng_direction dir, double target, eng_spc *out);

/* CSV helpers for --charts: a header with BOM, and one number (decimal comma, x, or empty). */
void rpt_csv_head(kr_buf *csv, const char *const *cols, size_t n);
void rpt_csv_num(kr_buf *csv, double v, int decimals, int suppressed, int last);

rpt_chart *rpt_plot_spc(rpt_charts *c, const char *name, const char *title, const rpt_series *s, const eng_spc *spc,
                        double target, int en, double width, double height);
rpt_chart *rpt_plot_stacked(rpt_charts *c, const char *name, const char *title, const rpt_series *parts,
                            size_t nparts, const char *const *labels, const int *colours, int en, double width,
                            double height);
/* Quarters as a line with its 95 % band and a reference line (NAN: none); under 300 points wide it has no key. */
rpt_chart *rpt_plot_line(rpt_charts *c, const char *name, const char *title, const rpt_series *s, double refline,
                         const char *reflabel, int en, double width, double height);
rpt_chart *rpt_plot_km(rpt_charts *c, const char *name, const char *title, const rpt_data *d, const char *indicator,
                       const char *regio, const char *periode, const char *const *groups, const char *const *labels,
                       const int *colours, size_t ngroups, int en, double width, double height);
rpt_chart *rpt_plot_bars(rpt_charts *c, const char *name, const char *title, const rpt_row *const *rows,
                         const char *const *labels, size_t n, double target, int en, double width, double height);
/* Bars of counts (the teller of each row, unit aantal): the count above each bar, x for a suppressed row. */
rpt_chart *rpt_plot_counts(rpt_charts *c, const char *name, const char *title, const rpt_row *const *rows,
                           const char *const *labels, size_t n, const char *ylabel, int en, double width,
                           double height);

/* ---- comparing sites (plots_sites.c) ---- */

/* A short label of a site code (SITE-ZL-NOORD -> ZL-NOORD). */
const char *rpt_site_label(const char *site);
/*
 * The sites' names on a funnel plot, placed apart (plots_sites.c): in fractions of the plot area of pw x ph pixels,
 * each name's box w wide (and RPT_FL_LINE pixels high) centred on (cx, cy), a leader line from the point when it
 * stands a line further out. Sorts fs by noemer, then name.
 */
#define RPT_FL_LINE 11.0
typedef struct rpt_fl_site {
    double gx, gy; /* the point */
    long noemer;
    const char *label;
    double cx, cy, w; /* out: the name's box */
    int leader;       /* out: joined to its point by a line */
} rpt_fl_site;
void rpt_fl_place(rpt_fl_site *fs, size_t n, double pw, double ph);
double rpt_fl_width(const char *label);

/* The funnel plot of a comparison: the sites against their noemer, the 95 % and 99.8 % limits. */
rpt_chart *rpt_plot_funnel(rpt_charts *c, const char *name, const char *title, const eng_vergelijk *v, int en,
                           double width, double height);
/* The sites by value with the intervals of their rows (rows[i] is the row of v->sites[i]); suppressed last, x. */
rpt_chart *rpt_plot_caterpillar(rpt_charts *c, const char *name, const char *title, const eng_vergelijk *v,
                                const rpt_row *const *rows, int en, double width, double height);
/* Stacked bars of nparts parts over k categories: rows[j * k + i] is part j of category i (may be NULL). */
rpt_chart *rpt_plot_stacked_cat(rpt_charts *c, const char *name, const char *title, const char *const *xlabels,
                                size_t k, const rpt_row *const *rows, size_t nparts, const char *const *labels,
                                const int *colours, int en, double width, double height);

/* ---- drawn with cairo (draw.c) ---- */

/* A sparkline of the series in the box (x, y, w, h): the limits as a band, the centre, the last point. */
void rpt_sparkline(cairo_t *cr, double x, double y, double w, double h, const rpt_series *s, const eng_spc *spc);
/* The variation and assurance icons (diameter size) at (x, y) = top left; their words. */
void rpt_icon_variation(cairo_t *cr, double x, double y, double size, eng_spc_variation v, eng_direction dir);
void rpt_icon_assurance(cairo_t *cr, double x, double y, double size, eng_spc_assurance a);
const char *rpt_variation_words(eng_spc_variation v, int en);
const char *rpt_assurance_words(eng_spc_assurance a, int en);


/* ---- the parts of the kwaliteit report: kwaliteit.c, kwaliteit_ledger.c ------------------- */

/* The extract types, in the order of EXTRACTS.md (kwaliteit.c); the statuses of a delivery in the ledger. */
#define RPT_KWAL_NXTYPES 7
extern const char *const rpt_kwal_xtypes[RPT_KWAL_NXTYPES];
#define RPT_KWAL_NSTATUS 4

/* Rejected rows of one organisation and type under one first reason, from `afgewezen`. */
typedef struct rpt_kwal_reason {
    const char *org, *type, *code;
    long long n;
} rpt_kwal_reason;

/* What the kwaliteit report plans and then draws, section by section (owned by its plan; free_state frees it). */
typedef struct rpt_kwal {
    rpt_ctx *ctx;
    char peil[11];
    /* 1. the ledger */
    long long ref_deliveries, ref_active;
    rpt_table t_status, t_rows, t_rows_all, t_refused, t_latest;
    const char *h_status[RPT_KWAL_NSTATUS + 2], *h_rows[6], *h_refused[3], *h_latest[5];
    char first_in[11], last_in[11]; /* the first and latest day a delivery was read in */
    /* 2. rejected rows */
    rpt_kwal_reason *reasons;
    size_t nreasons;
    rpt_table t_afg, t_why, t_examples;
    const char *h_afg[5], *h_why[3], *h_examples[4];
    rpt_chart *ch_afg;
    /* 3. completeness */
    rpt_table t_vol;
    const char *h_vol[4];
    int vol_types; /* types with rows in the period */
    int vol_hidden;
    /* 4. linkage */
    rpt_series s_jgz, s_bev;
    rpt_chart *ch_jgz, *ch_bev;
    rpt_table t_link, t_unlinked, t_unlinked_type;
    const char *h_link[3], *h_unlinked[5], *h_unlinked_type[4];
    /* 5. missing periods */
    rpt_table t_missing;
    const char *h_missing[2];
} rpt_kwal;

/* Sections 1 (the ledger) and 2 (rejected rows), which read the ledger and `afgewezen` (kwaliteit_ledger.c). */
kr_status rpt_kwal_plan_ledger(rpt_kwal *K);
void rpt_kwal_section_ledger(rpt_doc *d, rpt_kwal *K);
kr_status rpt_kwal_plan_rejected(rpt_kwal *K);
void rpt_kwal_section_rejected(rpt_doc *d, rpt_kwal *K);
/* Shared helpers (kwaliteit.c): text from the ledger made safe for a cell (markup escaped, a hexadecimal run of
   seven or more cut to six and "…"), a count and such text as a cell, whether r is the report's row of id and
   groep (its region, site '*', its period), the first row of id in the sorted table, a heading kept with keep
   points of what follows. */
void rpt_kwal_safe_text(char *out, size_t cap, const char *s);
kr_status rpt_kwal_cell_count(rpt_table *t, long long n, int suppressed, int en);
kr_status rpt_kwal_cell_text(rpt_table *t, const char *s);
int rpt_kwal_is_row(const rpt_kwal *K, const rpt_row *r, const char *id, const char *groep);
size_t rpt_kwal_first_of(const rpt_data *D, const char *id);
void rpt_kwal_subheading(rpt_doc *d, const char *text, double keep);


/* ---- the parts of the regio report: regio.c, regio_routes.c ---------------------------------- */

#define RPT_REGIO_NTREND 4 /* the key proportions of section 2 */
#define RPT_REGIO_NPERI 3  /* the perinatal outcomes of section 4 */
#define RPT_REGIO_NKM 5    /* the groups of the retention curves */
/* The perinatal outcomes; the groups of the retention curves: all children (""), then the routes (regio.c). */
extern const char *const rpt_regio_perinatal[RPT_REGIO_NPERI];
extern const char *const rpt_regio_km_groups[RPT_REGIO_NKM];

/* A trend chart of section 2: a key proportion over the quarters with its SPC fit. */
typedef struct rpt_regio_trend {
    const char *id;
    rpt_series s;
    eng_spc spc;
    int fitted;
    double target;
    rpt_chart *chart;
} rpt_regio_trend;

/* What the regio report plans and then draws (owned by its plan; free_state frees it). */
typedef struct rpt_regio_state {
    rpt_ctx *ctx;
    char year[8];        /* the period's year: "the year" of the breakdowns */
    char window[16];     /* the rolling three-year window ending in it, or the year when there is none */
    kr_period q[4];      /* the last four quarters of the period */
    rpt_regio_trend trend[RPT_REGIO_NTREND];
    int basis;           /* the baseline year of lijn.verschuiving; 0 when unknown */
    rpt_series baring, dagen;
    rpt_chart *ch_baring, *ch_dagen;
    char km_cohort[16];  /* the birth cohort of the curves; "" when none */
    rpt_chart *ch_km;
} rpt_regio_state;

/* Sections 4 to 7 (regio_routes.c): perinatal outcomes by route, the shift to the first line, retention to two
   years, route transitions and risk factors. */
void rpt_regio_section_perinatal(rpt_doc *d, rpt_regio_state *G);
void rpt_regio_section_shift(rpt_doc *d, rpt_regio_state *G);
void rpt_regio_section_retention(rpt_doc *d, rpt_regio_state *G);
void rpt_regio_section_routes(rpt_doc *d, rpt_regio_state *G);
/* Shared helpers (regio.c). The label of a row id (its own, or its title in the catalogue), escaped for markup. */
void rpt_regio_row_label(char *out, size_t cap, const char *id, int en);
/* A row's value (with its interval when ci), and " *" when voorlopig; "–" without a row. */
void rpt_regio_cell_value(char *out, size_t cap, const rpt_row *r, int ci, int en);
/* Value and interval, with teller / noemer under it (x when suppressed); "–" without a row. */
void rpt_regio_cell_counts(char *out, size_t cap, const rpt_row *r, int en);
/* 1 when r is shown with a value and both ends of its interval. */
int rpt_regio_has_ci(const rpt_row *r);
/* For narrow columns: the value (decimals, -1: the unit's) and " *" when voorlopig, its interval on a line under it. */
void rpt_regio_cell_value2(char *out, size_t cap, const rpt_row *r, int decimals, int en);
/* The last row (latest periode, bytewise) of a row id for the region, site '*', in a group; NULL when none. */
const rpt_row *rpt_regio_any_row(const rpt_data *d, const char *id, const char *regio, const char *groep,
                                 const char *gw);
/* The label of a category of a breakdown, escaped for markup. */
void rpt_regio_category_label(char *out, size_t cap, const rpt_data *d, const char *groep, const char *v, int en);
/* Two charts side by side, each under its paragraph of markup (a chart may be NULL: the paragraph alone). */
void rpt_regio_chart_pair(rpt_doc *d, const rpt_chart *const *c, const char *const *markup);
/* A section heading that starts a new page only when less than a third of this one is left. */
void rpt_regio_section_heading(rpt_doc *d, const char *text);

#endif
