/*
 * Unit tests of engine/vergelijk.c: a site's position against the funnel limits, and
 * the comparison over hand-made sites (pooled value and phi worked out by hand; the
 * limits computed once with R 4.2, the code quoted below; the tests do not need R).
 */
#include "test_util.h"

#include <math.h>

#include "../engine/vergelijk.h"

/* Limits 90-95 (95 %) and 80-98 (99.8 %), in one unit, table-driven. */
static void test_position(void **state)
{
    (void)state;
    static const struct {
        double value;
        eng_positie want;
        int richting;
    } cases[] = {
        {92, ENG_POS_BINNEN, 0},       {90, ENG_POS_BINNEN, 0},       {95, ENG_POS_BINNEN, 0},
        {89.99, ENG_POS_BUITEN_95, -1}, {80, ENG_POS_BUITEN_95, -1},   {95.01, ENG_POS_BUITEN_95, 1},
        {98, ENG_POS_BUITEN_95, 1},     {79.99, ENG_POS_BUITEN_998, -1}, {98.01, ENG_POS_BUITEN_998, 1},
        {0, ENG_POS_BUITEN_998, -1},    {NAN, ENG_POS_ONDERDRUKT, 0},
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        int r = 7;
        eng_positie p = eng_funnel_position(cases[i].value, 90, 95, 80, 98, &r);
        if (p != cases[i].want || r != cases[i].richting)
            fail_msg("value %g: position %d direction %d, want %d %d", cases[i].value, (int)p, r, (int)cases[i].want,
                     cases[i].richting);
    }
    assert_string_equal(eng_positie_woord(ENG_POS_BINNEN), "binnen");
    assert_string_equal(eng_positie_woord(ENG_POS_BUITEN_95), "buiten 95%");
    assert_string_equal(eng_positie_woord(ENG_POS_BUITEN_998), "buiten 99,8%");
    assert_string_equal(eng_positie_woord(ENG_POS_ONDERDRUKT), "onderdrukt");
    assert_string_equal(eng_richting_woord(1), "boven");
    assert_string_equal(eng_richting_woord(-1), "onder");
    assert_string_equal(eng_richting_woord(0), "");
}

typedef struct want_site {
    long x, n;
    double lo95, hi95, lo998, hi998;  /* proportions, from R */
    eng_positie positie;
    int richting;
} want_site;

static void check_sites(const eng_vergelijk *v, const want_site *w, size_t k)
{
    size_t j = 0;
    for (size_t i = 0; i < v->n; i++) {
        const eng_vergelijk_site *s = &v->sites[i];
        if (s->onderdrukt) {
            assert_int_equal(s->positie, ENG_POS_ONDERDRUKT);
            assert_true(isnan(s->waarde) && isnan(s->lo998));
            continue;
        }
        assert_true(j < k);
        NEAR(s->waarde, 100.0 * (double)w[j].x / (double)w[j].n, 1e-9);
        NEAR(s->lo95, 100 * w[j].lo95, 1e-7);
        NEAR(s->hi95, 100 * w[j].hi95, 1e-7);
        NEAR(s->lo998, 100 * w[j].lo998, 1e-7);
        NEAR(s->hi998, 100 * w[j].hi998, 1e-7);
        if (s->positie != w[j].positie || s->richting != w[j].richting)
            fail_msg("site %s: position %d direction %d, want %d %d", s->site, (int)s->positie, s->richting,
                     (int)w[j].positie, w[j].richting);
        j++;
    }
    assert_int_equal(j, k);
}

/*
 * R: lim <- function(p, th, n) { r <- qbinom(p, n, th); a <- (pbinom(r, n, th) - p) / dbinom(r, n, th); (r - a) / n }
 *    th <- sum(x) / sum(n); z <- (x/n - th) / sqrt(th * (1 - th) / n); q <- quantile(z, c(.1, .9))
 *    phi <- mean(pmin(pmax(z, q[1]), q[2])^2); w <- k * phi > qchisq(.95, k - 1); f <- if (w) sqrt(phi) else 1
 *    th + (lim(c(.025, .975, .001, .999), th, n[i]) - th) * f
 */
static const want_site eight[] = {
    {160, 200, 0.740653227942, 0.851583291028, 0.706030955756, 0.880150010410, ENG_POS_BINNEN, 0},
    {240, 300, 0.752078684760, 0.842665376621, 0.724214732893, 0.866593227168, ENG_POS_BINNEN, 0},
    {320, 400, 0.758806274904, 0.837228312108, 0.734958029101, 0.858352216496, ENG_POS_BINNEN, 0},
    {80, 100, 0.713523914966, 0.870257767285, 0.663234148483, 0.909021747435, ENG_POS_BINNEN, 0},
    {172, 200, 0.740653227942, 0.851583291028, 0.706030955756, 0.880150010410, ENG_POS_BUITEN_95, 1},
    {60, 100, 0.713523914966, 0.870257767285, 0.663234148483, 0.909021747435, ENG_POS_BUITEN_998, -1},
    {412, 500, 0.763353592174, 0.833505393289, 0.742105344994, 0.852510441727, ENG_POS_BINNEN, 0},
    {156, 200, 0.740653227942, 0.851583291028, 0.706030955756, 0.880150010410, ENG_POS_BINNEN, 0},
};

/*
 * Eight sites, 1600 of 2000 = 80 % pooled; z = 0 for four of them, +2.121 (172/200),
 * -5 (60/100), +1.342 (412/500), -0.707 (156/200). Winsorised at the 10th and 90th
 * percentiles (-1.995, 1.576) their squares add up to 8.76, under the 14.07 of chi-square
 * with 7 degrees of freedom: phi = 1.095, not widened. A suppressed site takes no part.
 */
static void test_no_widening(void **state)
{
    (void)state;
    eng_vergelijk v = {0};
    char site[16];
    for (size_t i = 0; i < N_ELEMS(eight); i++) {
        (void)snprintf(site, sizeof site, "S%zu", i + 1);
        assert_int_equal(eng_vergelijk_add(&v, "r", site, 0, eight[i].x, eight[i].n, 0), KR_OK);
        if (i == 3)
            assert_int_equal(eng_vergelijk_add(&v, "r", "ONDERDRUKT", 1, 5, 8, 1), KR_OK);
    }
    assert_int_equal(eng_vergelijk_compute(&v), KR_OK);
    assert_int_equal(v.n, 9);
    assert_int_equal(v.getoond, 8);
    assert_int_equal(v.teller, 1600);
    assert_int_equal(v.noemer, 2000);
    NEAR(v.gepoold, 80, 1e-12);
    NEAR(v.phi, 1.095283149504, 1e-9);
    assert_int_equal(v.verbreed, 0);
    assert_int_equal(v.voorlopig, 1);  /* the suppressed row was voorlopig */
    assert_int_equal(v.sites[4].teller, 0);
    check_sites(&v, eight, N_ELEMS(eight));
    eng_vergelijk_fini(&v);
    assert_null(v.sites);
    eng_vergelijk_fini(&v);  /* twice is harmless */
    eng_vergelijk_fini(NULL);
}

/*
 * Four sites, 600 of 800 = 75 % pooled: 90/100 and 60/100 have z = +-0.15 / sqrt(0.1875 / 100)
 * = +-sqrt(12), the other two 0. Winsorised at +-0.7 sqrt(12) the squares add up to
 * 2 * 0.49 * 12 = 11.76 > 7.81 (chi-square, 3 df): phi = 2.94, widened. Unwidened, both
 * would lie outside the 99.8 % limits at n = 100 (0.6044-0.8704); widened, 90/100 is only
 * outside the 95 % limits and 60/100 within (the binomial is skewed at 75 %).
 */
static void test_widening(void **state)
{
    (void)state;
    static const want_site four[] = {
        {90, 100, 0.591698602971, 0.883133499202, 0.500336649668, 0.956499291844, ENG_POS_BUITEN_95, 1},
        {150, 200, 0.640696914019, 0.846670399504, 0.577965118555, 0.901573235664, ENG_POS_BINNEN, 0},
        {300, 400, 0.674044783213, 0.819625763469, 0.630284726016, 0.859444694298, ENG_POS_BINNEN, 0},
        {60, 100, 0.591698602971, 0.883133499202, 0.500336649668, 0.956499291844, ENG_POS_BINNEN, 0},
    };
    eng_vergelijk v = {0};
    for (size_t i = 0; i < N_ELEMS(four); i++)
        assert_int_equal(eng_vergelijk_add(&v, "r", i ? "B" : "A", 0, four[i].x, four[i].n, 0), KR_OK);
    assert_int_equal(eng_vergelijk_compute(&v), KR_OK);
    NEAR(v.gepoold, 75, 1e-12);
    NEAR(v.phi, 2.94, 1e-9);
    assert_int_equal(v.verbreed, 1);
    assert_int_equal(v.voorlopig, 0);
    check_sites(&v, four, N_ELEMS(four));
    eng_vergelijk_fini(&v);
}

/* No spread to estimate: one shown site, or every site at 100 %; nothing shown; bad counts. */
static void test_edges(void **state)
{
    (void)state;
    eng_vergelijk v = {0};
    assert_int_equal(eng_vergelijk_compute(&v), KR_OK);  /* empty */
    assert_int_equal(v.getoond, 0);
    assert_true(isnan(v.gepoold) && isnan(v.phi));

    assert_int_equal(eng_vergelijk_add(&v, "r", "A", 1, 0, 0, 0), KR_OK);
    assert_int_equal(eng_vergelijk_compute(&v), KR_OK);
    assert_int_equal(v.getoond, 0);
    assert_true(isnan(v.gepoold));
    assert_int_equal(v.sites[0].positie, ENG_POS_ONDERDRUKT);

    assert_int_equal(eng_vergelijk_add(&v, "r", "B", 0, 60, 100, 0), KR_OK);
    assert_int_equal(eng_vergelijk_compute(&v), KR_OK);
    assert_int_equal(v.getoond, 1);
    NEAR(v.gepoold, 60, 1e-12);
    assert_true(isnan(v.phi));
    assert_int_equal(v.verbreed, 0);
    assert_int_equal(v.sites[1].positie, ENG_POS_BINNEN);
    assert_true(v.sites[1].lo998 < 60 && v.sites[1].hi998 > 60);
    eng_vergelijk_fini(&v);

    assert_int_equal(eng_vergelijk_add(&v, "r", "A", 0, 40, 40, 0), KR_OK);
    assert_int_equal(eng_vergelijk_add(&v, "r", "B", 0, 300, 300, 0), KR_OK);
    assert_int_equal(eng_vergelijk_compute(&v), KR_OK);
    NEAR(v.gepoold, 100, 1e-12);
    assert_true(isnan(v.phi));
    for (size_t i = 0; i < v.n; i++) {
        assert_int_equal(v.sites[i].positie, ENG_POS_BINNEN);
        NEAR(v.sites[i].lo998, 100, 1e-12);
        NEAR(v.sites[i].hi998, 100, 1e-12);
    }
    assert_int_equal(eng_vergelijk_add(&v, "r", "C", 0, 11, 10, 0), KR_OK);
    assert_int_equal(eng_vergelijk_compute(&v), KR_EINVAL);
    eng_vergelijk_fini(&v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_position),
        cmocka_unit_test(test_no_widening),
        cmocka_unit_test(test_widening),
        cmocka_unit_test(test_edges),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
