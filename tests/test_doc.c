/*
 * Unit tests of the page layout of reports/doc.c: a table that crosses a page holds at least
 * three rows on each page it is on (a table of three rows or fewer is not split), so that no
 * page holds the header row and one or two rows of a table that goes on elsewhere (a regio
 * report once put the last risk factor alone on a page). The rows on each page are worked out from the room
 * the cursor leaves, with the heights of a row and of the header row measured by the test.
 */
#include "test_util.h"

#include "../reports/rpt_plot.h"

typedef struct layout_case {
    int group;     /* the first row is a group row: a bold first cell, the other empty */
    size_t nrows;  /* rows of the table */
    size_t fit;    /* rows that fit under the header on the first page, the lead worked out to give that */
    int pages;     /* after the table */
    double rows_last; /* rows on the table's last page, from the cursor */
} layout_case;

/* Draw a table of c->nrows one-line rows, after a lead that leaves room for the header row, c->fit rows and half of
 * one more on the first page. */
static void draw_case(rpt_doc *d, void *arg)
{
    layout_case *c = arg;
    static const double widths[] = {0.6, 0.4};
    static const int align[] = {RPT_LEFT, RPT_RIGHT};
    const char *header[] = {"<b>Rij</b>", "<b>Waarde</b>"};
    (void)rpt_doc_need(d, 0); /* the first page */
    double rh = rpt_doc_markup_height(d, 0, "rij 1", 9) + 5;          /* a row: 9 pt, 2.5 pt above and below */
    double hh = rpt_doc_markup_height(d, 0, "<b>Rij</b>", 9) + 5;     /* the header row, bold */
    double lead = rpt_doc_room(d) - hh - ((double)c->fit + 0.5) * rh;
    assert_true(lead > 0);
    rpt_doc_advance(d, lead);
    rpt_table t;
    rpt_table_init(&t, 2, widths, align, header);
    for (size_t r = 0; r < c->nrows; r++) {
        if (r == 0 && c->group) {
            assert_int_equal(rpt_table_cell(&t, "<b>Groep</b>"), KR_OK);
            assert_int_equal(rpt_table_cell(&t, ""), KR_OK);
            continue;
        }
        assert_int_equal(rpt_table_cellf(&t, "rij %zu", r + 1), KR_OK);
        assert_int_equal(rpt_table_cell(&t, "1"), KR_OK);
    }
    double top = rpt_doc_room(d) + lead; /* the room of a fresh page */
    rpt_doc_table(d, &t);
    rpt_table_fini(&t);
    c->pages = rpt_doc_page_number(d);
    /* the cursor moved by the header row, the rows and 8 points after the table */
    double used = (c->pages == 1 ? top - lead : top) - rpt_doc_room(d) - 8 - hh;
    c->rows_last = used / rh;
}

static void render(layout_case *c)
{
    char *dir = tu_tmpdir(), path[1100], err[256] = "";
    rpt_doc_info info = {"test", "test", "test", "test", 0, 0};
    (void)snprintf(path, sizeof path, "%s/t.pdf", dir);
    if (rpt_doc_render(path, &info, draw_case, c, err, sizeof err) != KR_OK)
        fail_msg("render: %s", err);
    tu_rmdir(dir);
}

static void test_table_keeps_last_rows(void **state)
{
    (void)state;
    static const struct {
        int group;
        size_t nrows, fit;
        int pages;
        double rows_last;
    } cases[] = {
        {0, 20, 19, 2, 3},  /* one row would go over: the last three go */
        {0, 20, 18, 2, 3},  /* two would */
        {0, 20, 17, 2, 3},  /* three: as they would anyway */
        {0, 20, 12, 2, 8},  /* eight go over: nothing to keep */
        {0, 20, 20, 1, 20}, /* it fits */
        {0, 2, 1, 2, 2},    /* a table of two rows is never split */
        {0, 3, 2, 2, 3},    /* nor one of three */
        {0, 4, 3, 2, 4},    /* of four, none stays behind alone: all go */
        {0, 7, 5, 2, 3},    /* of seven, four stay and three go */
        {0, 20, 2, 2, 20},  /* two rows under the header: the table starts on the next page */
        {1, 20, 17, 2, 4},  /* a group row and 19 under it: the page that begins inside the group repeats it */
        {1, 20, 20, 1, 20}, /* it fits: no repeat */
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        layout_case c = {cases[i].group, cases[i].nrows, cases[i].fit, 0, 0};
        render(&c);
        if (c.pages != cases[i].pages || fabs(c.rows_last - cases[i].rows_last) > 0.01)
            fail_msg("%s%zu rows, %zu fit: %d pages and %.2f rows on the last, want %d and %g",
                     cases[i].group ? "a group of " : "", cases[i].nrows, cases[i].fit, c.pages, c.rows_last,
                     cases[i].pages, cases[i].rows_last);
    }
}

/*
 * The names placed by rpt_fl_place, checked as a reader sees them: inside the plot area; no two overlap; none covers a
 * point; and each is next to its own point (its box within a few pixels of it, nearer than to any other point) or
 * joined to it by a leader line.
 */
static void check_names(rpt_fl_site *fs, size_t n, double pw, double ph, const char *what)
{
    const double lh = RPT_FL_LINE / ph;
    for (size_t i = 0; i < n; i++) {
        const rpt_fl_site *a = &fs[i];
        double ax0 = a->cx - a->w / 2, ax1 = a->cx + a->w / 2, ay0 = a->cy - lh / 2, ay1 = a->cy + lh / 2;
        if (ax0 < -1e-9 || ax1 > 1 + 1e-9 || ay0 < -1e-9 || ay1 > 1 + 1e-9)
            fail_msg("%s: %s outside the plot area", what, a->label);
        assert_true(fabs(a->w - rpt_fl_width(a->label) / pw) < 1e-12);
        double own = INFINITY, other = INFINITY;
        for (size_t j = 0; j < n; j++) {
            const rpt_fl_site *b = &fs[j];
            /* the distance in pixels from the point to the box */
            double dx = fmax(0, fmax(ax0 - b->gx, b->gx - ax1)) * pw, dy = fmax(0, fmax(ay0 - b->gy, b->gy - ay1)) * ph;
            double dist = sqrt(dx * dx + dy * dy);
            if (j == i)
                own = dist;
            else if (dist < other)
                other = dist;
            if (dist < 2)
                fail_msg("%s: %s covers the point of %s (%.1f px)", what, a->label, b->label, dist);
            if (j > i && fabs(a->cx - b->cx) * 2 < a->w + b->w - 1e-9 && fabs(a->cy - b->cy) < lh - 1e-9)
                fail_msg("%s: %s and %s overlap", what, a->label, b->label);
        }
        if (!a->leader && (own > 10 || own >= other))
            fail_msg("%s: %s is %.1f px from its point and %.1f from another, without a line", what, a->label, own,
                     other);
    }
}

static void test_funnel_names(void **state)
{
    (void)state;
    const double pw = 420, ph = 128;
    /* the demo's "Tijdige overdracht naar de JGZ", where ZL-ZUID and UT-STAD were once printed over each other */
    rpt_fl_site demo[] = {
        {0.537, 0.629, 245, "UT-OOST", 0, 0, 0, 0},    {0.878, 0.557, 511, "UT-STAD", 0, 0, 0, 0},
        {0.572, 0.393, 264, "UT-ZUID", 0, 0, 0, 0},    {0.673, 0.550, 328, "ZHZ-DRECHT", 0, 0, 0, 0},
        {0.322, 0.587, 154, "ZHZ-WAARD", 0, 0, 0, 0},  {0.773, 0.474, 407, "ZL-NOORD", 0, 0, 0, 0},
        {0.809, 0.587, 440, "ZL-ZUID", 0, 0, 0, 0},
    };
    rpt_fl_place(demo, N_ELEMS(demo), pw, ph);
    check_names(demo, N_ELEMS(demo), pw, ph, "demo");
    /* four sites within a few pixels of one another: some names a line further out, with a line */
    rpt_fl_site knot[] = {
        {0.50, 0.50, 300, "A-1", 0, 0, 0, 0}, {0.505, 0.51, 301, "B-2", 0, 0, 0, 0},
        {0.51, 0.49, 302, "C-3", 0, 0, 0, 0}, {0.495, 0.505, 303, "D-4", 0, 0, 0, 0},
    };
    rpt_fl_place(knot, N_ELEMS(knot), pw, ph);
    check_names(knot, N_ELEMS(knot), pw, ph, "knot");
    int leaders = 0;
    for (size_t i = 0; i < N_ELEMS(knot); i++)
        leaders += knot[i].leader;
    assert_true(leaders > 0);
    /* the same sites in another order: the same places (sorted by noemer, then name) */
    rpt_fl_site rev[N_ELEMS(demo)];
    for (size_t i = 0; i < N_ELEMS(demo); i++)
        rev[i] = (rpt_fl_site){demo[N_ELEMS(demo) - 1 - i].gx, demo[N_ELEMS(demo) - 1 - i].gy,
                               demo[N_ELEMS(demo) - 1 - i].noemer, demo[N_ELEMS(demo) - 1 - i].label, 0, 0, 0, 0};
    rpt_fl_place(rev, N_ELEMS(rev), pw, ph);
    for (size_t i = 0; i < N_ELEMS(demo); i++) {
        assert_string_equal(rev[i].label, demo[i].label);
        assert_true(rev[i].cx == demo[i].cx && rev[i].cy == demo[i].cy);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_keeps_last_rows),
        cmocka_unit_test(test_funnel_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
