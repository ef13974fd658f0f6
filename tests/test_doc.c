/*
 * Unit tests of the page layout of reports/doc.c: a table that crosses a page holds at least
 * three rows on each page it is on (a table of three rows or fewer is not split), so that no
 * page holds the header row and one or two rows of a table that goes on elsewhere (a regio
 * report once put the last risk factor alone on a page). The rows on each page are worked out from the room
 * the cursor leaves, with the heights of a row and of the header row measured by the test.
 */
#include "test_util.h"

#include "../reports/rpt_int.h"

typedef struct layout_case {
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
        size_t nrows, fit;
        int pages;
        double rows_last;
    } cases[] = {
        {20, 19, 2, 3},  /* one row would go over: the last three go */
        {20, 18, 2, 3},  /* two would */
        {20, 17, 2, 3},  /* three: as they would anyway */
        {20, 12, 2, 8},  /* eight go over: nothing to keep */
        {20, 20, 1, 20}, /* it fits */
        {2, 1, 2, 2},    /* a table of two rows is never split */
        {3, 2, 2, 3},    /* nor one of three */
        {4, 3, 2, 4},    /* of four, none stays behind alone: all go */
        {7, 5, 2, 3},    /* of seven, four stay and three go */
        {20, 2, 2, 20},  /* two rows under the header: the table starts on the next page */
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        layout_case c = {cases[i].nrows, cases[i].fit, 0, 0};
        render(&c);
        if (c.pages != cases[i].pages || fabs(c.rows_last - cases[i].rows_last) > 0.01)
            fail_msg("%zu rows, %zu fit: %d pages and %.2f rows on the last, want %d and %g", cases[i].nrows,
                     cases[i].fit, c.pages, c.rows_last, cases[i].pages, cases[i].rows_last);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_keeps_last_rows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
