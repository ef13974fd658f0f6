/*
 * The PDF document: A4 pages composed with cairo and pango on one PDF surface, with a
 * running header, "pagina 3 van 9", the synthetic mark, bookmarks, metadata, headings,
 * paragraphs, tables that repeat their header row, and gnuplot's SVG embedded as vectors
 * through librsvg. A report is drawn twice: once to count the pages, once for real.
 */
#include "rpt_int.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <fontconfig/fontconfig.h>
#include <librsvg/rsvg.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PAGE_W 595.276
#define PAGE_H 841.890
#define MARGIN_L 56.0
#define MARGIN_R 56.0
#define TOP 78.0
#define BOTTOM 780.0
#define KEEP_ROWS 3 /* the fewest rows of a table on a page it crosses */
#define PARA_GAP 5.0 /* points after a paragraph */
/* A heading of level 1 or 2: its size, the room before it (not at the top of a page) and after it. */
#define HEADING_PT(level) ((level) == 1 ? 15.0 : 11.5)
#define HEADING_BEFORE(level) ((level) == 1 ? 10.0 : 6.0)
#define HEADING_AFTER(level) ((level) == 1 ? 8.0 : 4.0)
#define BODY_PT 10.0
#define FONT_DIR "/usr/share/fonts/truetype/dejavu"
#define FONT_FILE FONT_DIR "/DejaVuSans.ttf"
#define FAMILY "DejaVu Sans"

struct rpt_doc {
    cairo_surface_t *surface;
    cairo_t *cr;
    PangoContext *pc;
    const rpt_doc_info *info;
    int real;         /* 0: counting pass, 1: the PDF */
    int page, pages;  /* the current page (1-based), and the total from the counting pass */
    double y;
    int outline;      /* the bookmark of the current section (level 1) */
};

/* ---- fonts ---------------------------------------------------------------------------- */

static int fonts_ready;

/*
 * kansrijk's own fontconfig configuration: DejaVu Sans from fonts-dejavu-core and nothing
 * else, so that the fonts installed on the machine cannot change the output. Called once,
 * before pango or librsvg make their first font map.
 */
kr_status rpt_fonts_setup(int en, char *err, size_t cap)
{
    if (fonts_ready)
        return KR_OK;
    if (access(FONT_FILE, R_OK) != 0) {
        (void)snprintf(err, cap, RPT_T(en,
                                       "het lettertype %s ontbreekt: installeer het Debian-pakket fonts-dejavu-core",
                                       "the font %s is missing: install the Debian package fonts-dejavu-core"),
                       FONT_FILE);
        return KR_ENOTFOUND;
    }
    FcConfig *fc = FcConfigCreate();
    if (!fc || !FcConfigAppFontAddFile(fc, (const FcChar8 *)FONT_FILE) ||
        !FcConfigAppFontAddFile(fc, (const FcChar8 *)FONT_DIR "/DejaVuSans-Bold.ttf") ||
        !FcConfigAppFontAddFile(fc, (const FcChar8 *)FONT_DIR "/DejaVuSans-Oblique.ttf") ||
        !FcConfigSetCurrent(fc)) {
        if (fc)
            FcConfigDestroy(fc);
        (void)snprintf(err, cap, "%s", RPT_T(en, "fontconfig kon niet worden ingesteld",
                                             "fontconfig could not be set up"));
        return KR_EIO;
    }
    FcConfigDestroy(fc); /* the current configuration holds its own reference */
    fonts_ready = 1;
    return KR_OK;
}

/* ---- surface and pages ---------------------------------------------------------------- */

static cairo_status_t write_null(void *closure, const unsigned char *data, unsigned int length)
{
    (void)closure;
    (void)data;
    (void)length;
    return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t write_file(void *closure, const unsigned char *data, unsigned int length)
{
    return fwrite(data, 1, length, closure) == length ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

double rpt_doc_width(const rpt_doc *d)
{
    (void)d;
    return PAGE_W - MARGIN_L - MARGIN_R;
}

cairo_t *rpt_doc_cairo(rpt_doc *d)
{
    return d->cr;
}

int rpt_doc_en(const rpt_doc *d)
{
    return d->info->en;
}

static PangoLayout *layout(rpt_doc *d, const char *markup, double size, double width, int bold)
{
    PangoLayout *l = pango_layout_new(d->pc);
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family(fd, FAMILY);
    pango_font_description_set_absolute_size(fd, (size > 0 ? size : BODY_PT) * PANGO_SCALE);
    if (bold)
        pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    if (width > 0) {
        pango_layout_set_width(l, (int)(width * PANGO_SCALE));
        pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    }
    pango_layout_set_markup(l, markup, -1);
    return l;
}

static double layout_height(PangoLayout *l)
{
    int w, h;
    pango_layout_get_size(l, &w, &h);
    return (double)h / PANGO_SCALE;
}

double rpt_doc_markup_height(rpt_doc *d, double width, const char *markup, double size)
{
    PangoLayout *l = layout(d, markup, size, width, 0);
    double h = layout_height(l);
    g_object_unref(l);
    return h;
}

/* Plain text as markup, in memory the caller frees; NULL when there is none. */
static char *escaped(const char *text)
{
    size_t cap = strlen(text) * 6 + 1;
    char *esc = malloc(cap);
    if (esc)
        rpt_markup_escape(esc, cap, text);
    return esc;
}

double rpt_doc_text_height(rpt_doc *d, const char *text, double size)
{
    char *esc = escaped(text);
    if (!esc)
        return 0;
    double h = rpt_doc_markup_height(d, rpt_doc_width(d), esc, size) + PARA_GAP;
    free(esc);
    return h;
}

/* A heading's text as bold markup. */
static void heading_markup(char *mk, size_t cap, const char *text)
{
    char esc[512];
    rpt_markup_escape(esc, sizeof esc, text);
    (void)snprintf(mk, cap, "<b>%s</b>", esc);
}

double rpt_doc_heading_height(rpt_doc *d, int level, const char *text)
{
    char mk[700];
    heading_markup(mk, sizeof mk, text);
    return rpt_doc_markup_height(d, rpt_doc_width(d), mk, HEADING_PT(level)) + HEADING_BEFORE(level) +
           HEADING_AFTER(level);
}

double rpt_doc_markup_at(rpt_doc *d, double x, double y, double width, const char *markup, double size, int align)
{
    PangoLayout *l = layout(d, markup, size, width, 0);
    if (width > 0)
        pango_layout_set_alignment(l, align == RPT_RIGHT    ? PANGO_ALIGN_RIGHT
                                      : align == RPT_CENTRE ? PANGO_ALIGN_CENTER
                                                            : PANGO_ALIGN_LEFT);
    cairo_move_to(d->cr, x, y);
    pango_cairo_show_layout(d->cr, l);
    double h = layout_height(l);
    g_object_unref(l);
    return h;
}

static double text_width(rpt_doc *d, const char *markup, double size, int header, int words);

/* Header, footer and the synthetic mark of the page just begun. */
static void page_furniture(rpt_doc *d)
{
    cairo_t *cr = d->cr;
    const rpt_doc_info *in = d->info;
    char esc[512], mk[700];
    double w = rpt_doc_width(d);
    cairo_save(cr);
    cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
    rpt_markup_escape(esc, sizeof esc, in->header);
    double left = w;
    if (in->synthetic) {
        /* the mark on the right, whole when the running header leaves room for it, else its first words (the cover
         * says it whole); the header never runs into it */
        const char *mark = RPT_T(in->en, "<b>SYNTHETISCHE GEGEVENS — geen echte cliënten</b>",
                                 "<b>SYNTHETIC DATA — no real clients</b>");
        if (text_width(d, esc, 9, 0, 0) + text_width(d, mark, 9, 0, 0) + 12 > w)
            mark = RPT_T(in->en, "<b>SYNTHETISCHE GEGEVENS</b>", "<b>SYNTHETIC DATA</b>");
        double mw = text_width(d, mark, 9, 0, 0);
        left = w - mw - 12;
        rpt_colour_set(cr, RPT_VERMILION, 1);
        rpt_doc_markup_at(d, MARGIN_L + w - mw - 1, 30, mw + 1, mark, 9, RPT_RIGHT);
        cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
    }
    PangoLayout *l = layout(d, esc, 9, left, 0);
    pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
    cairo_move_to(cr, MARGIN_L, 30);
    pango_cairo_show_layout(cr, l);
    g_object_unref(l);
    cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
    cairo_set_line_width(cr, 0.5);
    cairo_move_to(cr, MARGIN_L, 50);
    cairo_line_to(cr, PAGE_W - MARGIN_R, 50);
    cairo_move_to(cr, MARGIN_L, 800);
    cairo_line_to(cr, PAGE_W - MARGIN_R, 800);
    cairo_stroke(cr);
    cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
    (void)snprintf(mk, sizeof mk, "kansrijk %s", KR_VERSION);
    rpt_doc_markup_at(d, MARGIN_L, 806, w * 0.5, mk, 9, RPT_LEFT);
    (void)snprintf(mk, sizeof mk, RPT_T(in->en, "pagina %d van %d", "page %d of %d"), d->page,
                   d->pages > 0 ? d->pages : d->page);
    rpt_doc_markup_at(d, MARGIN_L + w * 0.5, 806, w * 0.5, mk, 9, RPT_RIGHT);
    cairo_restore(cr);
}

void rpt_doc_page(rpt_doc *d)
{
    if (d->page > 0)
        cairo_show_page(d->cr);
    d->page++;
    d->y = TOP;
    page_furniture(d);
}

double rpt_doc_need(rpt_doc *d, double h)
{
    if (d->page == 0 || (d->y + h > BOTTOM && d->y > TOP))
        rpt_doc_page(d);
    return d->y;
}

int rpt_doc_page_number(const rpt_doc *d)
{
    return d->page;
}

double rpt_doc_room(const rpt_doc *d)
{
    return BOTTOM - d->y;
}

void rpt_doc_advance(rpt_doc *d, double h)
{
    d->y += h;
}

void rpt_doc_heading(rpt_doc *d, int level, const char *text, int new_page)
{
    char mk[700];
    heading_markup(mk, sizeof mk, text);
    PangoLayout *l = layout(d, mk, HEADING_PT(level), rpt_doc_width(d), 0);
    double h = layout_height(l);
    /* a section starts a page, unless the page holds only a short tail of the one before (a third of it at most):
     * then it follows there, so that no page is left nearly empty */
    if (new_page && d->y > TOP) {
        if (d->y - TOP > (BOTTOM - TOP) / 3)
            rpt_doc_page(d);
        else
            d->y += 14;
    }
    /* a heading keeps some of what follows on its page */
    double y = rpt_doc_need(d, h + 60);
    if (y > TOP)
        y = (d->y += HEADING_BEFORE(level));
    cairo_set_source_rgb(d->cr, 0.05, 0.2, 0.35);
    cairo_move_to(d->cr, MARGIN_L, y);
    pango_cairo_show_layout(d->cr, l);
    cairo_set_source_rgb(d->cr, 0, 0, 0);
    g_object_unref(l);
    if (d->real) {
        char attrs[96];
        (void)snprintf(attrs, sizeof attrs, "page=%d pos=[%.0f %.0f]", d->page, MARGIN_L, y);
        int id = cairo_pdf_surface_add_outline(d->surface, level == 1 ? CAIRO_PDF_OUTLINE_ROOT : d->outline, text,
                                               attrs, 0);
        if (level == 1)
            d->outline = id;
    }
    d->y = y + h + HEADING_AFTER(level);
}

void rpt_doc_markup(rpt_doc *d, const char *markup, double size)
{
    PangoLayout *l = layout(d, markup, size, rpt_doc_width(d), 0);
    double h = layout_height(l);
    double y = rpt_doc_need(d, h);
    cairo_set_source_rgb(d->cr, 0, 0, 0);
    cairo_move_to(d->cr, MARGIN_L, y);
    pango_cairo_show_layout(d->cr, l);
    g_object_unref(l);
    d->y = y + h + PARA_GAP;
}

void rpt_doc_text(rpt_doc *d, const char *text, double size)
{
    char *esc = escaped(text);
    if (!esc)
        return;
    rpt_doc_markup(d, esc, size);
    free(esc);
}

double rpt_doc_left(const rpt_doc *d)
{
    (void)d;
    return MARGIN_L;
}

double rpt_doc_chart_at(rpt_doc *d, const rpt_chart *c, double x, double y, double width)
{
    double w = width > 0 ? width : rpt_doc_width(d);
    double h = rpt_doc_chart_height(d, c, w);
    cairo_t *cr = d->cr;
    RsvgHandle *hd = NULL;
    GError *gerr = NULL;
    if (c->svg)
        hd = rsvg_handle_new_from_data((const guint8 *)c->svg, c->svg_len, &gerr);
    if (hd) {
        RsvgRectangle vp = {x, y, w, h};
        cairo_save(cr);
        (void)rsvg_handle_render_document(hd, cr, &vp, &gerr);
        cairo_restore(cr);
        g_object_unref(hd);
    } else {
        cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
        cairo_rectangle(cr, x, y, w, h);
        cairo_stroke(cr);
        rpt_doc_markup_at(d, x, y + h / 2 - 6, w, RPT_T(d->info->en, "grafiek ontbreekt", "chart missing"), 9,
                          RPT_CENTRE);
    }
    if (gerr)
        g_error_free(gerr);
    return h;
}

double rpt_doc_chart_height(const rpt_doc *d, const rpt_chart *c, double width)
{
    return c->height * (width > 0 ? width : rpt_doc_width(d)) / c->width;
}

void rpt_doc_chart(rpt_doc *d, const rpt_chart *c, double width)
{
    double w = width > 0 ? width : rpt_doc_width(d);
    double y = rpt_doc_need(d, rpt_doc_chart_height(d, c, w));
    d->y = y + rpt_doc_chart_at(d, c, MARGIN_L, y, w) + 6;
}

/* ---- tables --------------------------------------------------------------------------- */

void rpt_table_init(rpt_table *t, size_t ncols, const double *widths, const int *align, const char *const *header)
{
    memset(t, 0, sizeof *t);
    t->ncols = ncols;
    t->widths = widths;
    t->align = align;
    t->header = header;
    t->font_size = 9;
    kr_buf_init(&t->cells, 64u * 1024u * 1024u);
}

kr_status rpt_table_cell(rpt_table *t, const char *markup)
{
    kr_status rc = kr_buf_append(&t->cells, markup, strlen(markup) + 1);
    if (rc != KR_OK)
        return rc;
    t->ncells++;
    t->nrows = t->ncells / t->ncols;
    return KR_OK;
}

kr_status rpt_table_cellf(rpt_table *t, const char *fmt, ...)
{
    char buf[2048];
    va_list ap;
    va_start(ap, fmt);
    (void)vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return rpt_table_cell(t, buf);
}

void rpt_table_fit(rpt_table *t)
{
    t->fit = 1;
}

void rpt_table_fini(rpt_table *t)
{
    if (!t)
        return;
    kr_buf_fini(&t->cells);
    memset(t, 0, sizeof *t);
}

#define TABLE_GAP 4.0 /* points between two columns' text */
#define TABLE_LEAD 6.0 /* more before text that follows a column of numbers, which end at its right edge */

/*
 * The room before column c's text beyond the gap: a column aligned left after one aligned right; in the header row
 * also a column aligned right after one aligned right, whose wrapped headers would otherwise read as one ("rijen
 * gelezen geaccepteerd").
 */
static double lead(const rpt_table *t, size_t c, int header)
{
    if (c == 0 || t->align[c - 1] != RPT_RIGHT)
        return 0;
    return t->align[c] != RPT_RIGHT || header ? TABLE_LEAD : 0;
}
#define WORDS_MAX 512  /* a cell measured word by word is shorter */

/* The width of markup on one line (bold for a header); words: of its longest word. */
static double text_width(rpt_doc *d, const char *markup, double size, int header, int words)
{
    char one[WORDS_MAX];
    const char *m = markup;
    if (words && !strchr(markup, '<') && strlen(markup) < sizeof one) {
        for (size_t i = 0;; i++) {
            one[i] = markup[i] == ' ' ? '\n' : markup[i];
            if (!markup[i])
                break;
        }
        m = one;
    }
    PangoLayout *l = layout(d, m, size, 0, header);
    int lw, lh;
    pango_layout_get_size(l, &lw, &lh);
    g_object_unref(l);
    return (double)lw / PANGO_SCALE;
}

/*
 * The size at which a header cell's longest word fits its column: the table's size, or less (down to 6.5 pt), so that
 * pango never breaks a word in two ("kwetsbaarh-eid"). Markup with tags (or too long to be split) stays as it is.
 */
static double header_size(rpt_doc *d, const char *markup, double size, double width)
{
    if (strchr(markup, '<') || strlen(markup) >= WORDS_MAX)
        return size;
    for (; size > 6.5; size -= 0.25)
        if (text_width(d, markup, size, 1, 1) <= width)
            break;
    return size;
}

/* The narrowest width (from lo up to hi) at which a header's markup takes at most lines lines. */
static double header_width(rpt_doc *d, const char *markup, double size, int lines, double lo, double hi)
{
    while (hi - lo > 0.25) {
        double mid = (lo + hi) / 2;
        PangoLayout *l = layout(d, markup, size, mid, 1);
        int fits = pango_layout_get_line_count(l) <= lines;
        g_object_unref(l);
        if (fits)
            hi = mid;
        else
            lo = mid;
    }
    return hi;
}

/*
 * The widths of a table that fits its text (rpt_table_fit) into out; 0 when they stay as given. Each column gets what
 * its widest cell needs on one line and its header's longest word; then the headers as few lines as the width allows
 * (the fewest for the tallest header); what is left goes to the columns in proportion to the widths given.
 */
static int fit_widths(rpt_doc *d, const rpt_table *t, double *out)
{
    double w = rpt_doc_width(d), need[32], whole[32], given = 0;
    const double spare = TABLE_GAP + 1;  /* a point more than the gap: pango rounds */
    size_t n = t->ncols;
    if (!t->fit || n > 32)
        return 0;
    for (size_t c = 0; c < n; c++) {
        need[c] = text_width(d, t->header[c], t->font_size, 1, 1);
        whole[c] = text_width(d, t->header[c], t->font_size, 1, 0);
        given += t->widths[c];
    }
    const char *p = t->cells.data;
    for (size_t i = 0; i < t->ncells; i++) {
        double x = text_width(d, p, t->font_size, 0, 0);
        if (x > need[i % n])
            need[i % n] = x;
        p += strlen(p) + 1;
    }
    if (given <= 0)
        return 0;
    for (int lines = 1; lines <= 8; lines++) {
        double sum = 0;
        for (size_t c = 0; c < n; c++) {
            double x = whole[c] > need[c] ? header_width(d, t->header[c], t->font_size, lines, need[c], whole[c] + 1)
                                          : need[c];
            out[c] = (x + spare + lead(t, c, 1)) / w;
            sum += out[c];
        }
        if (sum <= 1) {
            for (size_t c = 0; c < n; c++)
                out[c] += (1 - sum) * t->widths[c] / given;
            return 1;
        }
    }
    return 0;
}

/* Draw (or only measure, when draw is 0) one row of cells; returns its height. */
static double table_row(rpt_doc *d, const rpt_table *t, const char *const *cells, double y, int header, int shade,
                        int draw)
{
    const double pad = 2.5, gap = TABLE_GAP;
    double w = rpt_doc_width(d), h = 0;
    PangoLayout *ls[32];
    double ld[32];
    size_t n = t->ncols < 32 ? t->ncols : 32;
    for (size_t c = 0; c < n; c++) {
        ld[c] = lead(t, c, header);
        double cw = t->widths[c] * w - gap - ld[c], size = t->font_size;
        if (header) {
            size = header_size(d, cells[c], t->font_size, cw);
            /* a header's lead gives way where its longest word would otherwise be set smaller */
            if (size < t->font_size && ld[c] > lead(t, c, 0)) {
                ld[c] = lead(t, c, 0);
                cw = t->widths[c] * w - gap - ld[c];
                size = header_size(d, cells[c], t->font_size, cw);
            }
        }
        ls[c] = layout(d, cells[c], size, cw, header);
        pango_layout_set_alignment(ls[c], t->align[c] == RPT_RIGHT    ? PANGO_ALIGN_RIGHT
                                          : t->align[c] == RPT_CENTRE ? PANGO_ALIGN_CENTER
                                                                      : PANGO_ALIGN_LEFT);
        double lh = layout_height(ls[c]);
        if (lh > h)
            h = lh;
    }
    h += 2 * pad;
    if (draw) {
        cairo_t *cr = d->cr;
        if (header || shade) {
            if (header)
                cairo_set_source_rgb(cr, 0.86, 0.89, 0.93);
            else
                cairo_set_source_rgb(cr, 0.955, 0.96, 0.97);
            cairo_rectangle(cr, MARGIN_L, y, w, h);
            cairo_fill(cr);
        }
        cairo_set_source_rgb(cr, 0, 0, 0);
        double x = MARGIN_L;
        for (size_t c = 0; c < n; c++) {
            cairo_move_to(cr, x + gap / 2 + ld[c], y + pad);
            pango_cairo_show_layout(cr, ls[c]);
            x += t->widths[c] * w;
        }
    }
    for (size_t c = 0; c < n; c++)
        g_object_unref(ls[c]);
    return h;
}

void rpt_doc_table(rpt_doc *d, const rpt_table *given)
{
    const char *cells[32];
    const char *p = given->cells.data;
    double fitted[32];
    rpt_table own = *given;  /* the same cells; its widths fitted to them */
    const rpt_table *t = given;
    if (fit_widths(d, given, fitted)) {
        own.widths = fitted;
        t = &own;
    }
    double hh = table_row(d, t, t->header, 0, 1, 0, 0);
    /* every row's height first: where a page ends is planned (below) */
    double *rh = calloc(t->nrows ? t->nrows : 1, sizeof *rh);
    if (!rh)
        return;
    for (size_t r = 0; r < t->nrows; r++) {
        for (size_t c = 0; c < t->ncols && c < 32; c++) {
            cells[c] = p;
            p += strlen(p) + 1;
        }
        rh[r] = table_row(d, t, cells, 0, 0, 0, 0);
    }
    p = t->cells.data;
    /* a group row (a bold first cell, the others empty) names the rows under it: when a page begins inside its group,
     * it stands again under the header, "(vervolg)" after it */
    char group[600] = "";
    const char *gcells[32];
    for (size_t c = 0; c < 32; c++)
        gcells[c] = "";
    gcells[0] = group;
    /* Rows r..end-1 go on the page begun under a header row. A page holds at least KEEP_ROWS rows of a table that
     * crosses it, at its start and at its end (a table of fewer rows: all of it), unless a page cannot hold them:
     * no page holds the header row and one or two rows of a table that goes on elsewhere. */
    size_t end = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        for (size_t c = 0; c < t->ncols && c < 32; c++) {
            cells[c] = p;
            p += strlen(p) + 1;
        }
        int is_group = strncmp(cells[0], "<b>", 3) == 0;
        for (size_t c = 1; c < t->ncols && c < 32 && is_group; c++)
            is_group = cells[c][0] == '\0';
        if (is_group)
            group[0] = '\0';
        /* the group row repeated at the top of a page that begins inside its group */
        double gh = r == end && r > 0 && group[0] && !is_group ? table_row(d, t, gcells, 0, 0, 0, 0) : 0;
        if (r == end) {
            for (int tries = 0; tries < 2; tries++) {
                if (d->page == 0)
                    rpt_doc_page(d);
                double y = d->y + hh + gh;
                size_t k = 0;
                while (r + k < t->nrows && y + rh[r + k] <= BOTTOM)
                    y += rh[r + k++];
                if (r + k < t->nrows && t->nrows - (r + k) < KEEP_ROWS)
                    k = t->nrows - r > KEEP_ROWS ? t->nrows - r - KEEP_ROWS : 0;
                if (r + k < t->nrows && k < KEEP_ROWS && d->y > TOP && tries == 0) {
                    rpt_doc_page(d);  /* too few rows for this page: all to the next */
                    continue;
                }
                end = r + (k ? k : 1);
                break;
            }
            table_row(d, t, t->header, d->y, 1, 0, 1);
            d->y += hh;
            if (gh > 0) {
                table_row(d, t, gcells, d->y, 0, 0, 1);
                d->y += gh;
            }
        }
        table_row(d, t, cells, d->y, 0, r % 2 == 1, 1);
        d->y += rh[r];
        if (is_group) /* this group's label, with the word a continued one gets */
            (void)snprintf(group, sizeof group, "%s %s", cells[0], rpt_doc_en(d) ? "(continued)" : "(vervolg)");
        if (r + 1 == end && end < t->nrows)
            rpt_doc_page(d);
    }
    free(rh);
    d->y += 8;
}

/* ---- cover and the whole document ---------------------------------------------------- */

void rpt_doc_cover(rpt_doc *d, const char *title, const char *const *lines, size_t n)
{
    char esc[512], mk[700];
    rpt_doc_need(d, 0);
    double w = rpt_doc_width(d), y = 190;
    cairo_t *cr = d->cr;
    rpt_colour_set(cr, RPT_BLUE, 1);
    cairo_rectangle(cr, MARGIN_L, 150, 60, 6);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0.05, 0.2, 0.35);
    rpt_markup_escape(esc, sizeof esc, title);
    (void)snprintf(mk, sizeof mk, "<b>%s</b>", esc);
    y += rpt_doc_markup_at(d, MARGIN_L, y, w, mk, 22, RPT_LEFT) + 18;
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    for (size_t i = 0; i < n; i++)
        y += rpt_doc_markup_at(d, MARGIN_L, y, w, lines[i], i == 0 ? 15 : 10.5, RPT_LEFT) + (i == 0 ? 14 : 5);
    if (d->info->synthetic) {
        y += 24;
        rpt_colour_set(cr, RPT_VERMILION, 1);
        cairo_set_line_width(cr, 1.2);
        cairo_rectangle(cr, MARGIN_L, y, w, 44);
        cairo_stroke(cr);
        rpt_doc_markup_at(d, MARGIN_L, y + 12, w,
                          RPT_T(d->info->en,
                                "<b>Gemaakt van synthetische gegevens: geen echte cliënten, geen echte uitkomsten.</b>",
                                "<b>Made from synthetic data: no real clients, no real outcomes.</b>"),
                          11, RPT_CENTRE);
        cairo_set_source_rgb(cr, 0, 0, 0);
    }
    d->y = BOTTOM;
}

kr_status rpt_doc_render(const char *path, const rpt_doc_info *info, void (*draw)(rpt_doc *, void *), void *arg,
                         char *err, size_t cap)
{
    kr_status rc = rpt_fonts_setup(info->en, err, cap);
    char part[1100], date[21], creator[64];
    FILE *f = NULL;
    int pages = 0;
    if (rc != KR_OK)
        return rc;
    (void)snprintf(part, sizeof part, "%s.part", path);
    kr_now_iso(date);
    (void)snprintf(creator, sizeof creator, "kansrijk %s", KR_VERSION);
    for (int real = 0; real <= 1; real++) {
        rpt_doc d;
        memset(&d, 0, sizeof d);
        d.info = info;
        d.real = real;
        d.pages = pages;
        if (real) {
            f = kr_fopen_private(part);
            if (!f) {
                int e = errno;
                (void)snprintf(err, cap, "%s %s (%s)", RPT_T(info->en, "kan niet schrijven:", "cannot write"), path,
                               strerror(e));
                return KR_EIO;
            }
            d.surface = cairo_pdf_surface_create_for_stream(write_file, f, PAGE_W, PAGE_H);
        } else {
            d.surface = cairo_pdf_surface_create_for_stream(write_null, NULL, PAGE_W, PAGE_H);
        }
        cairo_pdf_surface_set_metadata(d.surface, CAIRO_PDF_METADATA_TITLE, info->title);
        cairo_pdf_surface_set_metadata(d.surface, CAIRO_PDF_METADATA_SUBJECT, info->subject);
        cairo_pdf_surface_set_metadata(d.surface, CAIRO_PDF_METADATA_AUTHOR, info->author);
        cairo_pdf_surface_set_metadata(d.surface, CAIRO_PDF_METADATA_CREATOR, creator);
        cairo_pdf_surface_set_metadata(d.surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
        cairo_pdf_surface_set_metadata(d.surface, CAIRO_PDF_METADATA_MOD_DATE, date);
        d.cr = cairo_create(d.surface);
        d.pc = pango_cairo_create_context(d.cr);
        cairo_font_options_t *fo = cairo_font_options_create();
        cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
        cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
        pango_cairo_context_set_font_options(d.pc, fo);
        cairo_font_options_destroy(fo);
        draw(&d, arg);
        if (d.page > 0)
            cairo_show_page(d.cr);
        pages = d.page;
        g_object_unref(d.pc);
        cairo_destroy(d.cr);
        cairo_surface_finish(d.surface);
        cairo_status_t cs = cairo_surface_status(d.surface);
        cairo_surface_destroy(d.surface);
        if (cs != CAIRO_STATUS_SUCCESS)
            rc = KR_EIO;
    }
    if (fclose(f) != 0)
        rc = KR_EIO;
    if (rc == KR_OK && rename(part, path) != 0)
        rc = KR_EIO;
    if (rc != KR_OK) {
        (void)unlink(part);
        (void)snprintf(err, cap, "%s %s", RPT_T(info->en, "kan niet schrijven:", "cannot write"), path);
    }
    return rc;
}
