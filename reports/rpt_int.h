/*
 * kansrijk reports, internal: the outcome rows a report reads (rpt_data), Dutch and English
 * number formatting (rpt_fmt), gnuplot charts (rpt_charts) and the PDF document with its
 * pages, headings, text and tables (rpt_doc). Never included from another folder.
 */
#ifndef RPT_INT_H
#define RPT_INT_H

#include "../engine/engine.h"
#include "reports.h"

#include <cairo.h>

/* ---- the rows a report reads (data.c) -------------------------------------------------- */

/* One row of the suppressed outcome table; strings live in the rpt_data that holds it. */
typedef struct rpt_row {
    const char *indicator, *regio, *site, *groep, *groepwaarde, *periode, *eenheid, *status;
    long long teller, noemer; /* -1 when null (suppressed, or no count) */
    double waarde, lo, hi;    /* NAN when null */
    double doel;              /* the target in the indicator's unit; NAN without one */
    int suppressed;           /* onderdrukt = x */
    int voorlopig;
} rpt_row;

/* One step of a published retention curve. */
typedef struct rpt_curve {
    const char *indicator, *regio, *site, *groep, *groepwaarde, *periode;
    int t; /* days */
    long long at_risk;
    double s, lo, hi; /* % */
} rpt_curve;

/* A region or site with its name (the code when the name is unknown). */
typedef struct rpt_place {
    const char *code, *naam, *regio;
} rpt_place;

/* A national reference value (reference data `referenties`: Perined, CBS). */
typedef struct rpt_reference {
    const char *indicator, *periode, *bron;
    double waarde;
} rpt_reference;

typedef struct rpt_arena rpt_arena;

typedef struct rpt_data {
    rpt_row *rows; /* sorted by indicator, regio, site, groep, groepwaarde, periode (bytewise) */
    size_t nrows, rows_cap;
    rpt_curve *curves; /* sorted the same way, then t */
    size_t ncurves;
    rpt_place *regions, *sites;
    size_t nregions, nsites;
    rpt_reference *refs; /* national reference values, when the database has them */
    size_t nrefs;
    rpt_place *gemeenten;     /* municipalities (code, naam, regio) of the reference table; none from --bron */
    size_t ngemeenten;
    kr_date peildatum;        /* KR_NO_DATE when not known */
    char computed_at[21];     /* when compute ran (UTC), "" when not known */
    int synthetic;            /* a delivery came from an organisation registered as synthetic */
    long long deliveries;     /* active deliveries the table was built from */
    long long organisations;  /* organisations that delivered them */
    char latest[160];         /* the latest of them: its file name ... */
    char latest_day[11];      /* ... and the day it was read in (yyyy-mm-dd) */
    int stale;                /* deliveries changed after the last compute */
    const char *const *sources; /* the --bron files, or NULL */
    size_t nsources;
    rpt_arena *arena;
} rpt_data;

/* Load the outcome table, the curves and the cover facts from db. KR_ENOTFOUND: nothing computed yet. */
kr_status rpt_data_load_db(sqlite3 *db, rpt_data *d, int en, char *err, size_t cap);
/* The cover's deliveries, organisations and latest file counted again for the organisations of one region ('*': as
 * loaded, all of them). */
kr_status rpt_data_cover_region(sqlite3 *db, rpt_data *d, const char *regio);
/*
 * Load several regions' `kansrijk export --format json` files instead (the learning track's
 * --bron). Each file is refused whole, with err naming it and the reason, when it is not such an
 * export, when it shows a count of persons from 1 to 9 that the disclosure rule hides, when its
 * catalogue differs from this kansrijk's (an unknown indicator or another unit), or when a region
 * comes in two files: KR_EINVAL.
 */
kr_status rpt_data_load_bron(const char *const *paths, size_t n, rpt_data *d, int en, char *err, size_t cap);
/* A new zeroed row at the end of d->rows (NULL when out of memory); sort with rpt_data_sort after the last. */
rpt_row *rpt_data_new_row(rpt_data *d);
/* Sort d->rows by key; the key of the first duplicate into *dup (NULL when none). */
void rpt_data_sort(rpt_data *d, const rpt_row **dup);
/* Release what rpt_data_load_* allocated; accepts a zeroed struct. */
void rpt_data_fini(rpt_data *d);
/* The row of that key, or NULL. groepwaarde "" for totaal. */
const rpt_row *rpt_get(const rpt_data *d, const char *indicator, const char *regio, const char *site,
                       const char *groep, const char *groepwaarde, const char *periode);
/* The region total (site '*', groep totaal) of indicator in periode, or NULL. */
const rpt_row *rpt_total(const rpt_data *d, const char *indicator, const char *regio, const char *periode);
/* The steps of one curve: *n steps from the returned pointer (NULL, 0 when none). */
const rpt_curve *rpt_curve_get(const rpt_data *d, const char *indicator, const char *regio, const char *groep,
                               const char *groepwaarde, const char *periode, size_t *n);
/* The name of a region or site code (the code itself when unknown; "alle regio's" for '*'). */
const char *rpt_place_name(const rpt_data *d, const char *code, int en);
/* The national reference value of indicator for the latest year up to year (NULL when none). */
const rpt_reference *rpt_reference_get(const rpt_data *d, const char *indicator, int year);
/* The name of a municipality code (GM0935 -> Maastricht); the code itself when unknown. */
const char *rpt_gemeente_name(const rpt_data *d, const char *code);
/* A copy of s that lives as long as d. */
const char *rpt_intern(rpt_data *d, const char *s);

/* ---- numbers the Dutch way (fmt.c) ----------------------------------------------------- */

/* v with decimals digits, a decimal comma (en: point) and thousands grouped; "–" for NAN. */
void rpt_num(char *out, size_t cap, double v, int decimals, int en);
/* The number of decimals a unit is shown with (% 1, per1000 1, dagen 0, ...). */
int rpt_unit_decimals(const char *eenheid);
/* The unit as printed after a number: "%", "‰", "dagen" ("days"), "pp" (procentpunt), "". */
const char *rpt_unit_symbol(const char *eenheid, int en);
/* v with decimals and its unit as a reader writes them: 78,4 % and 12 dagen in Dutch, 78.4% and 12 days in English. */
void rpt_num_unit(char *out, size_t cap, double v, int decimals, const char *eenheid, int en);
/* The value of a row with its unit ("78,4 %", "12 dagen"); "x" when suppressed; "–" for NULL. */
void rpt_value(char *out, size_t cap, const rpt_row *r, int en);
/* Value and interval: "78,4 % (75,1–81,8)"; without an interval as rpt_value. */
void rpt_value_ci(char *out, size_t cap, const rpt_row *r, int en);
/* A count: "1.234" (en "1,234"; grouped from four digits, unlike kr_num, so a column of counts reads alike), "x"
 * when suppressed, "–" when negative (none). */
void rpt_count(char *out, size_t cap, long long n, int suppressed, int en);
/* "31 december 2025" ("31 December 2025"). */
void rpt_date_long(char *out, size_t cap, kr_date d, int en);
/* The Dutch or English text of a pair. */
#define RPT_T(en, nl_text, en_text) ((en) ? (en_text) : (nl_text))

/* The mark of a provisional value (voorlopig), bound to the value by a no-break space: a narrow column or a line
   end never leaves "*" alone. */
#define RPT_PROV_MARK "\u00a0*"

/* What x means, wherever a report says it (one reason for every hidden cell, so that the mark tells nothing). */
#define RPT_X_NL "niet getoond: te weinig personen, of om terugrekenen te voorkomen"
#define RPT_X_EN "not shown: too few persons, or to prevent recalculation"
/* The year a period label starts with ("2025Q2", "2025", "2023-2025" ends differently: 2023); 0 when none. */
int rpt_year(const char *label);
/* Escape s for pango markup into out. */
void rpt_markup_escape(char *out, size_t cap, const char *s);

/* ---- charts by gnuplot (chart.c) ------------------------------------------------------- */

typedef struct rpt_chart {
    char name[80];  /* file stem, also for --charts: "bestuur-03-overdracht" */
    char title[160];
    kr_buf script;  /* gnuplot commands; DATA names the data file; terminal and output are set by the runner */
    kr_buf data;    /* the data file, C locale */
    kr_buf csv;     /* the numbers the chart shows, for --charts (';', decimal comma, x) */
    double width, height; /* points */
    char *svg;      /* the result; owned */
    size_t svg_len;
    int failed;
} rpt_chart;

typedef struct rpt_charts {
    char dir[256]; /* the private temporary folder (0700); "" when not made */
    rpt_chart **items;
    size_t n, cap;
    int en;
} rpt_charts;

/*
 * Make the private temporary folder and check that gnuplot can be run. On failure err says
 * what to install or fix. Close with rpt_charts_close, also on failure.
 */
kr_status rpt_charts_open(rpt_charts *c, int en, char *err, size_t cap);
/* A new chart of width x height points; owned by c. NULL when out of memory. */
rpt_chart *rpt_chart_add(rpt_charts *c, const char *name, const char *title, double width, double height);
/*
 * Run gnuplot for every chart that has no SVG yet, several at once, each within a time
 * limit (KANSRIJK_GNUPLOT_TIMEOUT seconds, default 60). KR_EIO with err naming the chart.
 */
kr_status rpt_charts_run(rpt_charts *c, char *err, size_t cap);
/* Write every chart as SVG, PNG and CSV into dir (made if missing). */
kr_status rpt_charts_export(const rpt_charts *c, const char *dir, char *err, size_t cap);
/* Remove the temporary folder and everything in it, free the charts; accepts a zeroed struct. */
void rpt_charts_close(rpt_charts *c);

/* gnuplot helpers: a quoted gnuplot string (labels in UTF-8), and a number in the C locale. */
void rpt_gp_string(kr_buf *b, const char *s);
void rpt_gp_num(kr_buf *b, double v);

/* The colour-blind-safe palette (Okabe-Ito), as "#rrggbb" and as cairo RGB. */
enum { RPT_BLACK, RPT_ORANGE, RPT_SKY, RPT_GREEN, RPT_YELLOW, RPT_BLUE, RPT_VERMILION, RPT_PURPLE, RPT_GREY };
const char *rpt_colour_hex(int c);
void rpt_colour_set(cairo_t *cr, int c, double alpha);

/* ---- the PDF document (doc.c) ---------------------------------------------------------- */

typedef struct rpt_doc rpt_doc;

/*
 * Load the pinned font (DejaVu Sans, fonts-dejavu-core) through kansrijk's own fontconfig
 * configuration. Call before anything makes a pango font map (librsvg included), so that
 * every text of a report, charts included, uses it whatever fonts the machine has.
 */
kr_status rpt_fonts_setup(int en, char *err, size_t cap);

typedef struct rpt_doc_info {
    const char *title;    /* "Bestuursrapportage" */
    const char *subject;  /* "Kansrijke Start, Zuid-Limburg, 2025Q4" */
    const char *author;   /* the region */
    const char *header;   /* running header: report, region, period */
    int synthetic;        /* the mark on every page */
    int en;
} rpt_doc_info;

enum { RPT_LEFT = 0, RPT_RIGHT = 1, RPT_CENTRE = 2 };

/* A table: columns with relative widths and alignment; cells as pango markup. */
typedef struct rpt_table {
    size_t ncols;
    const double *widths; /* fractions of the text width */
    const int *align;
    const char *const *header;
    kr_buf cells; /* ncols NUL-terminated strings per row, one after another */
    size_t ncells, nrows;
    double font_size;
    int fit; /* rpt_table_fit: widths are a start, see there */
} rpt_table;

void rpt_table_init(rpt_table *t, size_t ncols, const double *widths, const int *align, const char *const *header);
/* Append one cell (markup); rows fill left to right. */
kr_status rpt_table_cell(rpt_table *t, const char *markup);
kr_status rpt_table_cellf(rpt_table *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/*
 * Let the table's columns follow their text when it is drawn: each column gets at least what its widest cell needs on
 * one line and what its header's longest word needs at the table's size, and the width left over goes to the columns
 * in proportion to the widths given. When the text needs more than the page offers, the widths stay as given.
 */
void rpt_table_fit(rpt_table *t);
void rpt_table_fini(rpt_table *t);

/*
 * The layout pass: draw(doc, arg) is called twice, first to count the pages, then on the
 * PDF surface written to path (0600). Metadata from info; the creation date from
 * SOURCE_DATE_EPOCH when set. The fonts are DejaVu Sans from the Debian package
 * fonts-dejavu-core, loaded through kansrijk's own fontconfig configuration.
 */
kr_status rpt_doc_render(const char *path, const rpt_doc_info *info, void (*draw)(rpt_doc *, void *), void *arg,
                         char *err, size_t cap);

/* The text width and the cursor. */
double rpt_doc_width(const rpt_doc *d);
cairo_t *rpt_doc_cairo(rpt_doc *d);
int rpt_doc_en(const rpt_doc *d);
/* A new page. */
void rpt_doc_page(rpt_doc *d);
/* Make sure h points are left on the page; a new page otherwise. Returns the y to draw at. */
double rpt_doc_need(rpt_doc *d, double h);
void rpt_doc_advance(rpt_doc *d, double h);
/* The page being drawn (1 the first), and the points left on it under the cursor. */
int rpt_doc_page_number(const rpt_doc *d);
double rpt_doc_room(const rpt_doc *d);
/* A heading of level 1 (a section, bookmarked, on a new page when new_page, unless the page holds no more than a
 * third of a page: then after it) or 2 (bookmarked under it). */
void rpt_doc_heading(rpt_doc *d, int level, const char *text, int new_page);
/* A paragraph of pango markup at size points (0: the body size, 10 pt). */
void rpt_doc_markup(rpt_doc *d, const char *markup, double size);
/* A paragraph of plain text. */
void rpt_doc_text(rpt_doc *d, const char *text, double size);
/* The height of a chart drawn at width points (0: the text width), in proportion. */
double rpt_doc_chart_height(const rpt_doc *d, const rpt_chart *c, double width);
/* A chart at width points (0: the text width), its height in proportion; "x" when it failed. */
void rpt_doc_chart(rpt_doc *d, const rpt_chart *c, double width);
/* The x of the left margin; with rpt_doc_width, where the text goes. */
double rpt_doc_left(const rpt_doc *d);
/* A chart at (x, y) at width points (0: the text width) without moving the cursor (side by side);
 * returns its height. */
double rpt_doc_chart_at(rpt_doc *d, const rpt_chart *c, double x, double y, double width);
/* A table; rows that cross the page repeat the header row. */
void rpt_doc_table(rpt_doc *d, const rpt_table *t);
/* The height of markup at a width (0: no wrapping), without drawing it. */
double rpt_doc_markup_height(rpt_doc *d, double width, const char *markup, double size);
/* The room a paragraph of plain text (rpt_doc_text) and a heading (rpt_doc_heading, not at the top of a page)
 * take, the gaps after them included: to keep a block together with rpt_doc_need. */
double rpt_doc_text_height(rpt_doc *d, const char *text, double size);
double rpt_doc_heading_height(rpt_doc *d, int level, const char *text);
/* Draw markup at (x, y) with a width (0: no wrapping); returns its height. */
double rpt_doc_markup_at(rpt_doc *d, double x, double y, double width, const char *markup, double size, int align);
/* The cover page: the title, lines of markup under it, then a new page. */
void rpt_doc_cover(rpt_doc *d, const char *title, const char *const *lines, size_t n);

/* ---- the reports ----------------------------------------------------------------------- */

/* What every report gets. */
typedef struct rpt_ctx {
    const rpt_options *o;
    rpt_data *data;
    rpt_charts *charts;
    const char *regio;     /* the region reported ('*' for all) */
    kr_period periode;     /* the period reported */
    int en;
    char *err;
    size_t errcap;
} rpt_ctx;

/* One kind of report: plan its charts, then draw its pages (after the charts ran). */
typedef struct rpt_kind_def {
    const char *kind;
    const char *title_nl, *title_en;
    int all_regions;  /* reports every region, not one */
    int default_year; /* without --periode: the latest year that ended by the peildatum, not the quarter */
    kr_status (*plan)(rpt_ctx *ctx, void **state);
    void (*draw)(rpt_doc *doc, void *state);
    void (*free_state)(void *state);
} rpt_kind_def;

extern const rpt_kind_def rpt_bestuur;
extern const rpt_kind_def rpt_vergelijk;
extern const rpt_kind_def rpt_kwaliteit;
extern const rpt_kind_def rpt_regio;

/* Shared parts (common.c): the cover lines, the legend, the appendix of definitions. */
void rpt_cover(rpt_doc *d, const rpt_ctx *ctx, const char *title);
void rpt_legend(rpt_doc *d, int en);
/* The appendix: the definitions of the indicators named (NULL-terminated) and the disclosure rule. */
void rpt_appendix(rpt_doc *d, const char *const *indicators, int en);
/* The quarters of the period's year and the 11 before it... : the last k quarters ending in p. */
size_t rpt_quarters(const kr_period *p, size_t k, kr_period *out);
/* The birth cohort ("2023", "2023Q3") whose published retention curves reach furthest, of the six years up to py; ""
 * when none has a curve. full: only cohorts followed to 24 months by the peildatum. */
void rpt_km_choose(const rpt_data *d, const char *regio, int py, int full, char *out, size_t cap);
/* A kind of organisation (organisaties.soort) or of who took case direction (regie_type) in words: "JGZ",
 * "youth health care (JGZ)"; the code itself when it is none of them. */
const char *rpt_kind_words(const char *code, int en);
/* The title of a row id (route.verdeling.3 → "Route 3"), in the chosen language. */
void rpt_title(char *out, size_t cap, const char *row_id, int en);

#endif
