/*
 * Unit tests of engine/spc.c: Laney p′-charts (limits, the four signals, the icons) and
 * Newcombe's interval for a difference. The expected figures were worked out apart from the
 * C code: by hand where the arithmetic is shown, and with tests/spc_reference.py (Python 3,
 * standard library only), which prints every figure used here; the tests do not need Python.
 */
#include "test_util.h"

#include <math.h>

#include "../engine/engine.h"

/* qnorm(0.975), as Python's NormalDist().inv_cdf(0.975) gives it */
#define Z_R 1.959963984540054
/* the figures are O(1): 1e-9 absolute is 1e-9 relative or better */
#define TOL 1e-9

static const int ALL[16] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
static const long N200[12] = {200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200};

enum { O = ENG_SPC_OUTSIDE, S = ENG_SPC_SHIFT, T = ENG_SPC_TREND, W = ENG_SPC_TWO_OF_THREE };

static void fit(const long *x, const long *n, const int *shown, size_t k, eng_direction dir, double target,
                eng_spc *s)
{
    assert_int_equal(eng_spc_fit(x, n, shown, k, dir, target, s), KR_OK);
    assert_int_equal(s->k, k);
    assert_non_null(s->points);
}

/* Every point's signals and judgement as given. */
static void expect_points(const eng_spc *s, const unsigned *signals, const int *judgement)
{
    for (size_t i = 0; i < s->k; i++) {
        if (s->points[i].signals != signals[i] || s->points[i].judgement != judgement[i])
            fail_msg("point %zu: signals %u judgement %d, want %u %d", i, s->points[i].signals,
                     s->points[i].judgement, signals[i], judgement[i]);
    }
}

static void expect_quiet(const eng_spc *s)
{
    for (size_t i = 0; i < s->k; i++)
        if (s->points[i].signals || s->points[i].judgement)
            fail_msg("point %zu: signals %u judgement %d, want none", i, s->points[i].signals, s->points[i].judgement);
    assert_int_equal(s->run_start, s->k);
}

static void expect_lines(const eng_spc_point *q, double lcl, double ucl, double lwl, double uwl)
{
    NEAR(q->lcl, lcl, TOL);
    NEAR(q->ucl, ucl, TOL);
    NEAR(q->lwl, lwl, TOL);
    NEAR(q->uwl, uwl, TOL);
}

/*
 * Series A: 12 quarters, noemers 150, 200, 250 in turn, no signal.
 *   p̄ = Σx/Σn = 1932/2400 = 0.805;  p̄(1 − p̄) = 0.805 × 0.195 = 0.156975
 *   σ_i = √(0.156975/n): n = 150: √0.0010465 = 0.0323497; 200: 0.0280156; 250: 0.0250579
 *   z_i = (p_i − p̄)/σ_i: −0.5667 0.8924 −0.6784 0.6698 −0.5354 0.5986 −0.7728 0.3569 −0.8381 0.8758 0 0.1197
 *   |z_i − z_i−1|: 1.4591 1.5708 1.3482 1.2052 1.1340 1.3714 1.1297 1.1950 1.7139 0.8758 0.1197
 *   Σ = 13.122916, mean 13.122916/11 = 1.192992, σ_z = 1.192992/1.128 = 1.0576174
 *   n = 150: 3 σ_z σ_i = 3 × 1.0576174 × 0.0323497 = 0.1026407: limits 0.7023593 – 0.9076407;
 *            2 σ_z σ_i = 0.0684271: two-sigma lines 0.7365729 – 0.8734271
 * The full-precision figures are spc_reference.py's.
 */
static const long A_X[12] = {118, 166, 197, 124, 158, 205, 117, 163, 196, 125, 161, 202};
static const long A_N[12] = {150, 200, 250, 150, 200, 250, 150, 200, 250, 150, 200, 250};

static void test_limits_by_hand(void **state)
{
    (void)state;
    eng_spc s;
    fit(A_X, A_N, ALL, 12, ENG_HIGHER, NAN, &s);
    assert_int_equal(s.shown, 12);
    assert_int_equal(s.limits, ENG_SPC_VAST);
    NEAR(s.centre, 0.805, 1e-15);
    NEAR(s.sigma_z, 1.0576173763319567, TOL);
    /* per noemer: 150, 200, 250 */
    static const double lines[3][4] = {
        {0.70235933702044, 0.9076406629795601, 0.7365728913469599, 0.8734271086530402},
        {0.716110578398424, 0.8938894216015761, 0.7457403855989493, 0.8642596144010508},
        {0.7254948843272951, 0.884505115672705, 0.7519965895515301, 0.85800341044847},
    };
    for (size_t i = 0; i < 12; i++) {
        const eng_spc_point *q = &s.points[i];
        assert_int_equal(q->shown, 1);
        NEAR(q->p, (double)A_X[i] / (double)A_N[i], 0);
        expect_lines(q, lines[i % 3][0], lines[i % 3][1], lines[i % 3][2], lines[i % 3][3]);
    }
    expect_quiet(&s);
    assert_int_equal(s.variation, ENG_VAR_GEWOON);
    assert_int_equal(s.assurance, ENG_ASS_NONE);  /* no target */
    eng_spc_fini(&s);

    /* the first 10 quarters: p̄ = 523/650, limits voorlopig */
    fit(A_X, A_N, ALL, 10, ENG_HIGHER, 95, &s);
    assert_int_equal(s.limits, ENG_SPC_VOORLOPIG);
    NEAR(s.centre, 523.0 / 650.0, 1e-15);
    NEAR(s.sigma_z, 1.193367003691359, TOL);
    expect_lines(&s.points[9], 0.6887139000011958, 0.9205168692295734, 0.7273477282059254, 0.8818830410248438);
    expect_lines(&s.points[8], 0.714838480673091, 0.8943922885576783, 0.7447641153205222, 0.864466653910247);
    expect_quiet(&s);
    assert_int_equal(s.variation, ENG_VAR_GEWOON);
    assert_int_equal(s.assurance, ENG_ASS_GEMIST);  /* voorlopig limits give icons too: 0.95 > 0.9205 */
    eng_spc_fini(&s);

    /* the first 7: no limits, no signals, no icons; the centre 217/270 all the same */
    fit(A_X, A_N, ALL, 7, ENG_HIGHER, 50, &s);
    assert_int_equal(s.limits, ENG_SPC_NONE);
    NEAR(s.centre, 217.0 / 270.0, 1e-15);
    assert_true(isnan(s.sigma_z));
    for (size_t i = 0; i < 7; i++) {
        NEAR(s.points[i].p, (double)A_X[i] / (double)A_N[i], 0);
        assert_true(isnan(s.points[i].lcl) && isnan(s.points[i].ucl));
        assert_true(isnan(s.points[i].lwl) && isnan(s.points[i].uwl));
    }
    expect_quiet(&s);
    assert_int_equal(s.variation, ENG_VAR_NONE);
    assert_int_equal(s.assurance, ENG_ASS_NONE);
    eng_spc_fini(&s);
}

/*
 * Constant noemers make the arithmetic short: σ_z σ_i = mean |p_i − p_i−1| / 1.128, the limits of an XmR chart.
 * OUT: |Δx| 4 6 5 4 6 8 5 2 4 6 32 (Σ 82): σ_z σ_i = 82/11/200/1.128 = 0.0330476, p̄ = 1960/2400 = 0.8166667,
 * ucl = 0.8166667 + 3 × 0.0330476 = 0.9157963 < 190/200.
 */
static const long OUT_X[12] = {160, 164, 158, 163, 159, 165, 157, 162, 160, 164, 158, 190};

static void test_outside(void **state)
{
    (void)state;
    static const unsigned sig[12] = {[11] = O};
    static const int up[12] = {[11] = +1}, down[12] = {[11] = -1}, none[12] = {0};
    eng_spc s;
    fit(OUT_X, N200, ALL, 12, ENG_HIGHER, NAN, &s);
    NEAR(s.centre, 49.0 / 60.0, 1e-15);
    NEAR(s.sigma_z, 1.2076857378529997, TOL);
    expect_lines(&s.points[11], 0.7175370728562219, 0.9157962604771114, 0.7505802707930369, 0.8827530625402964);
    expect_points(&s, sig, up);
    assert_int_equal(s.variation, ENG_VAR_VERBETERING);
    assert_int_equal(s.run_start, 11);
    eng_spc_fini(&s);

    fit(OUT_X, N200, ALL, 12, ENG_LOWER, NAN, &s);
    expect_points(&s, sig, down);
    assert_int_equal(s.variation, ENG_VAR_ZORG);
    eng_spc_fini(&s);

    fit(OUT_X, N200, ALL, 12, ENG_NONE, 90, &s);
    expect_points(&s, sig, none);
    assert_int_equal(s.variation, ENG_VAR_BIJZONDER);
    assert_int_equal(s.assurance, ENG_ASS_NONE);  /* no direction */
    eng_spc_fini(&s);

    /* the mirror image (n − x): the same σ_z, the point below lcl = 1 − 0.9157963; with ENG_HIGHER a concern */
    long mx[12];
    for (int i = 0; i < 12; i++)
        mx[i] = 200 - OUT_X[i];
    fit(mx, N200, ALL, 12, ENG_HIGHER, NAN, &s);
    NEAR(s.sigma_z, 1.2076857378529997, TOL);
    NEAR(s.points[11].lcl, 1 - 0.9157962604771114, TOL);
    expect_points(&s, sig, down);
    assert_int_equal(s.variation, ENG_VAR_ZORG);
    eng_spc_fini(&s);
}

/* Seven below the centre p̄ = 657/800 = 0.82125 (quarters 5..11); quarters 0..4 are five above. */
static const long SHIFT_X[12] = {170, 166, 172, 167, 171, 160, 163, 159, 162, 158, 163, 160};

static void test_shift(void **state)
{
    (void)state;
    static const unsigned sig[12] = {[5] = S, S, S, S, S, S, S};
    static const int jud[12] = {[5] = -1, -1, -1, -1, -1, -1, -1};
    eng_spc s;
    fit(SHIFT_X, N200, ALL, 12, ENG_HIGHER, NAN, &s);
    NEAR(s.centre, 0.82125, 1e-15);
    NEAR(s.sigma_z, 0.773438603320105, TOL);
    expect_lines(&s.points[0], 0.7583873307543522, 0.8841126692456479, 0.7793415538362348, 0.8631584461637652);
    expect_points(&s, sig, jud);
    assert_int_equal(s.variation, ENG_VAR_ZORG);
    assert_int_equal(s.run_start, 5);
    eng_spc_fini(&s);
}

/* Six rising (quarters 6..11: 156 159 162 165 168 171 of 200), crossing the centre 979/1200. */
static const long TREND_X[12] = {166, 160, 165, 159, 166, 161, 156, 159, 162, 165, 168, 171};

static void test_trend(void **state)
{
    (void)state;
    static const unsigned sig[12] = {[6] = T, T, T, T, T, T};
    static const int up[12] = {[6] = 1, 1, 1, 1, 1, 1}, down[12] = {[6] = -1, -1, -1, -1, -1, -1};
    eng_spc s;
    fit(TREND_X, N200, ALL, 12, ENG_HIGHER, NAN, &s);
    NEAR(s.centre, 979.0 / 1200.0, 1e-15);
    NEAR(s.sigma_z, 0.7203989326523074, TOL);
    expect_points(&s, sig, up);
    assert_int_equal(s.variation, ENG_VAR_VERBETERING);
    assert_int_equal(s.run_start, 6);
    eng_spc_fini(&s);
    fit(TREND_X, N200, ALL, 12, ENG_LOWER, NAN, &s);
    expect_points(&s, sig, down);
    assert_int_equal(s.variation, ENG_VAR_ZORG);
    eng_spc_fini(&s);
}

/*
 * Quarters 8 and 10 (173/200 = 0.865) beyond the upper two-sigma line, 9 (0.84) not.
 *   |Δx| 1 3 5 6 4 2 1 8 5 5 7: Σ 47, σ_z σ_i = 47/11/200/1.128 = 0.0189394; p̄ = 397/480 = 0.8270833;
 *   uwl = 0.8270833 + 2 × 0.0189394 = 0.8649621 < 0.865; ucl = 0.8270833 + 3 × 0.0189394 = 0.8839015 > 0.865.
 */
static const long TWO_X[12] = {161, 162, 165, 160, 166, 162, 164, 165, 173, 168, 173, 166};

static void test_two_of_three(void **state)
{
    (void)state;
    static const unsigned sig[12] = {[8] = W, [10] = W};
    static const int jud[12] = {[8] = -1, [10] = -1};  /* above the centre, lower is better */
    eng_spc s;
    fit(TWO_X, N200, ALL, 12, ENG_LOWER, NAN, &s);
    NEAR(s.centre, 397.0 / 480.0, 1e-15);
    NEAR(s.sigma_z, 0.7082523319122572, TOL);
    expect_lines(&s.points[9], 0.7702651515151515, 0.883901515151515, 0.7892045454545454, 0.8649621212121211);
    expect_points(&s, sig, jud);
    assert_int_equal(s.variation, ENG_VAR_GEWOON);  /* the last quarter carries no signal */
    assert_int_equal(s.run_start, 12);
    eng_spc_fini(&s);
}

/* Near misses: six in a row above the centre (quarters 4..9, p̄ = 1979/2400), five rising (7..11), and a
 * run of seven broken by a point on the centre line. */
static void test_near_misses(void **state)
{
    (void)state;
    static const long run6[12] = {166, 158, 164, 159, 165, 168, 169, 167, 170, 168, 160, 165};
    static const long trend5[12] = {166, 160, 165, 159, 166, 161, 164, 158, 161, 164, 167, 170};
    eng_spc s;
    fit(run6, N200, ALL, 12, ENG_HIGHER, NAN, &s);
    NEAR(s.centre, 1979.0 / 2400.0, 1e-15);
    assert_true(s.points[3].p < s.centre && s.points[10].p < s.centre);
    for (int i = 4; i <= 9; i++)
        assert_true(s.points[i].p > s.centre);
    expect_quiet(&s);
    assert_int_equal(s.variation, ENG_VAR_GEWOON);
    eng_spc_fini(&s);
    fit(trend5, N200, ALL, 12, ENG_HIGHER, NAN, &s);
    NEAR(s.sigma_z, 0.7370439853051794, TOL);
    expect_quiet(&s);
    assert_int_equal(s.variation, ENG_VAR_GEWOON);
    eng_spc_fini(&s);
    /* seven below but for quarter 8 exactly on the centre: Σx = 1980 = 12 × 165, p̄ = 165/200; it breaks the run */
    static const long oncentre[12] = {174, 171, 174, 170, 173, 157, 161, 160, 165, 156, 162, 157};
    fit(oncentre, N200, ALL, 12, ENG_HIGHER, NAN, &s);
    NEAR(s.centre, 0.825, 0);
    NEAR(s.points[8].p, s.centre, 0);
    expect_quiet(&s);
    eng_spc_fini(&s);
}

/* A shift below the centre (5..11) whose last six rise (6..11): SHIFT's judgement (concern) wins over TREND's. */
static void test_conflict(void **state)
{
    (void)state;
    static const long x[12] = {169, 164, 166, 161, 169, 158, 156, 157, 158, 159, 160, 161};
    static const unsigned sig[12] = {[5] = S, S | T, S | T, S | T, S | T, S | T, S | T};
    static const int jud[12] = {[5] = -1, -1, -1, -1, -1, -1, -1};
    eng_spc s;
    fit(x, N200, ALL, 12, ENG_HIGHER, NAN, &s);
    NEAR(s.centre, 0.8075, 1e-15);
    NEAR(s.sigma_z, 0.5492627937552992, TOL);
    expect_points(&s, sig, jud);
    assert_int_equal(s.variation, ENG_VAR_ZORG);
    assert_int_equal(s.run_start, 5);
    eng_spc_fini(&s);
}

/* Six rising (2..7) and six falling (7..12) meet at quarter 7, which keeps the trend it ends. */
static void test_trend_turn(void **state)
{
    (void)state;
    static const long x[14] = {165, 169, 151, 154, 157, 160, 163, 166, 165, 162, 157, 154, 151, 167};
    static const long n[14] = {200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200};
    static const unsigned sig[14] = {[2] = T, T, T, T, T, T, T, T, T, T, T};
    static const int peak[14] = {[2] = 1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1};
    static const int trough[14] = {[2] = -1, -1, -1, -1, -1, -1, 1, 1, 1, 1, 1};
    eng_spc s;
    fit(x, n, ALL, 14, ENG_HIGHER, NAN, &s);
    NEAR(s.centre, 2241.0 / 2800.0, 1e-15);
    NEAR(s.sigma_z, 0.8202999065049998, TOL);
    expect_points(&s, sig, peak);
    assert_int_equal(s.variation, ENG_VAR_GEWOON);
    eng_spc_fini(&s);
    long mx[14];
    for (int i = 0; i < 14; i++)
        mx[i] = 200 - x[i];
    fit(mx, n, ALL, 14, ENG_HIGHER, NAN, &s);
    expect_points(&s, sig, trough);
    eng_spc_fini(&s);
}

/* Suppressed quarters: gaps, skipped (not breaks) by the limits and the runs. */
static void test_gaps(void **state)
{
    (void)state;
    /* series A with gaps at 3 and 9, whose counts are nonsense on purpose: they are ignored */
    long x[14], n[14];
    int shown[14];
    size_t from[14];
    for (size_t i = 0, a = 0; i < 14; i++) {
        shown[i] = i != 3 && i != 9;
        x[i] = shown[i] ? A_X[a] : -7;
        n[i] = shown[i] ? A_N[a] : 0;
        from[i] = shown[i] ? a++ : 0;
    }
    eng_spc whole, s;
    fit(A_X, A_N, ALL, 12, ENG_HIGHER, NAN, &whole);
    fit(x, n, shown, 14, ENG_HIGHER, NAN, &s);
    assert_int_equal(s.shown, 12);
    assert_int_equal(s.limits, ENG_SPC_VAST);
    NEAR(s.centre, whole.centre, 0);
    NEAR(s.sigma_z, whole.sigma_z, 0);
    NEAR(s.sigma_z, 1.0576173763319567, TOL);
    for (size_t i = 0; i < 14; i++) {
        const eng_spc_point *q = &s.points[i];
        if (!shown[i]) {
            assert_int_equal(q->shown, 0);
            assert_true(isnan(q->p) && isnan(q->lcl) && isnan(q->ucl) && isnan(q->lwl) && isnan(q->uwl));
            assert_int_equal(q->signals, 0);
            assert_int_equal(q->judgement, 0);
            continue;
        }
        const eng_spc_point *w = &whole.points[from[i]];
        assert_int_equal(q->shown, 1);
        expect_lines(q, w->lcl, w->ucl, w->lwl, w->uwl);
    }
    expect_quiet(&s);
    eng_spc_fini(&s);
    eng_spc_fini(&whole);

    /* a gap inside the shift does not break it; run_start skips it */
    static const long sx[13] = {170, 166, 172, 167, 171, 160, 163, 159, 0, 162, 158, 163, 160};
    static const long sn[13] = {200, 200, 200, 200, 200, 200, 200, 200, 0, 200, 200, 200, 200};
    static const int sshown[13] = {1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1};
    static const unsigned ssig[13] = {[5] = S, S, S, 0, S, S, S, S};
    static const int sjud[13] = {[5] = -1, -1, -1, 0, -1, -1, -1, -1};
    fit(sx, sn, sshown, 13, ENG_HIGHER, NAN, &s);
    NEAR(s.centre, 0.82125, 1e-15);
    NEAR(s.sigma_z, 0.773438603320105, TOL);
    expect_points(&s, ssig, sjud);
    assert_int_equal(s.run_start, 5);
    assert_int_equal(s.variation, ENG_VAR_ZORG);
    eng_spc_fini(&s);

    /* the last quarter suppressed: the icons come from the last shown one */
    long ox[13], on[13];
    int oshown[13];
    for (int i = 0; i < 12; i++) {
        ox[i] = OUT_X[i];
        on[i] = 200;
        oshown[i] = 1;
    }
    ox[12] = 5;
    on[12] = 3;
    oshown[12] = 0;
    fit(ox, on, oshown, 13, ENG_HIGHER, NAN, &s);
    assert_int_equal(s.points[11].signals, O);
    assert_int_equal(s.variation, ENG_VAR_VERBETERING);
    assert_int_equal(s.run_start, 11);
    eng_spc_fini(&s);

    /* ten quarters, three suppressed: seven shown, no limits */
    static const int few[10] = {1, 0, 1, 1, 0, 1, 1, 0, 1, 1};
    fit(A_X, A_N, few, 10, ENG_HIGHER, 80, &s);
    assert_int_equal(s.shown, 7);
    assert_int_equal(s.limits, ENG_SPC_NONE);
    NEAR(s.centre, (118.0 + 197 + 124 + 205 + 117 + 196 + 125) / (150.0 + 250 + 150 + 250 + 150 + 250 + 150), 1e-15);
    expect_quiet(&s);
    assert_int_equal(s.variation, ENG_VAR_NONE);
    assert_int_equal(s.assurance, ENG_ASS_NONE);
    eng_spc_fini(&s);

    /* nothing shown at all */
    static const int none[8] = {0};
    fit(A_X, A_N, none, 8, ENG_HIGHER, 80, &s);
    assert_int_equal(s.shown, 0);
    assert_true(isnan(s.centre));
    assert_int_equal(s.limits, ENG_SPC_NONE);
    assert_int_equal(s.run_start, 8);
    eng_spc_fini(&s);
}

/* p̄ = 0 and p̄ = 1: σ_i = 0, every line equals the centre, nothing is a signal. */
static void test_degenerate(void **state)
{
    (void)state;
    long x[12], n[12];
    for (int i = 0; i < 12; i++) {
        x[i] = 0;
        n[i] = 50;
    }
    eng_spc s;
    fit(x, n, ALL, 12, ENG_LOWER, 5, &s);
    NEAR(s.centre, 0, 0);
    NEAR(s.sigma_z, 0, 0);
    assert_int_equal(s.limits, ENG_SPC_VAST);
    for (int i = 0; i < 12; i++)
        expect_lines(&s.points[i], 0, 0, 0, 0);
    expect_quiet(&s);
    assert_int_equal(s.variation, ENG_VAR_GEWOON);
    assert_int_equal(s.assurance, ENG_ASS_GEHAALD);  /* 0.05 >= ucl 0 */
    eng_spc_fini(&s);
    fit(x, n, ALL, 12, ENG_HIGHER, 5, &s);
    assert_int_equal(s.assurance, ENG_ASS_GEMIST);  /* 0.05 > ucl 0 */
    eng_spc_fini(&s);

    for (int i = 0; i < 12; i++)
        x[i] = 50;
    fit(x, n, ALL, 12, ENG_HIGHER, 95, &s);
    NEAR(s.centre, 1, 0);
    NEAR(s.sigma_z, 0, 0);
    for (int i = 0; i < 12; i++)
        expect_lines(&s.points[i], 1, 1, 1, 1);
    expect_quiet(&s);
    assert_int_equal(s.assurance, ENG_ASS_GEHAALD);  /* 0.95 <= lcl 1 */
    eng_spc_fini(&s);
    /* a target on the limit itself is met: 100 % <= lcl 1 */
    fit(x, n, ALL, 12, ENG_HIGHER, 100, &s);
    assert_int_equal(s.assurance, ENG_ASS_GEHAALD);
    eng_spc_fini(&s);
    fit(x, n, ALL, 12, ENG_LOWER, 100, &s);
    assert_int_equal(s.assurance, ENG_ASS_GEHAALD);  /* 1 >= ucl 1 */
    eng_spc_fini(&s);
    fit(x, n, ALL, 12, ENG_LOWER, 99, &s);
    assert_int_equal(s.assurance, ENG_ASS_GEMIST);  /* 0.99 < lcl 1 */
    eng_spc_fini(&s);
}

/* Series A's last quarter (n = 250) has limits 0.7255 – 0.8845: targets 70, 80 and 90 % lie below, between, above. */
static void test_assurance(void **state)
{
    (void)state;
    static const struct {
        eng_direction dir;
        double target;
        eng_spc_assurance want;
    } cases[] = {
        {ENG_HIGHER, 70, ENG_ASS_GEHAALD}, {ENG_HIGHER, 80, ENG_ASS_WISSELEND}, {ENG_HIGHER, 90, ENG_ASS_GEMIST},
        {ENG_LOWER, 90, ENG_ASS_GEHAALD},  {ENG_LOWER, 80, ENG_ASS_WISSELEND},  {ENG_LOWER, 70, ENG_ASS_GEMIST},
        {ENG_HIGHER, NAN, ENG_ASS_NONE},   {ENG_NONE, 80, ENG_ASS_NONE},
        /* the last quarter's limits count, not the widest (n = 150: 0.7024 – 0.9076, which would say wisselend) */
        {ENG_HIGHER, 71, ENG_ASS_GEHAALD}, {ENG_LOWER, 89, ENG_ASS_GEHAALD},
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        eng_spc s;
        fit(A_X, A_N, ALL, 12, cases[i].dir, cases[i].target, &s);
        if (s.assurance != cases[i].want)
            fail_msg("case %zu: assurance %d, want %d", i, (int)s.assurance, (int)cases[i].want);
        eng_spc_fini(&s);
    }
    /* A falling series (the demo's psychosocial hospital care, all regions): p̄ = 1465/9186 = 0.1595, and the last
     * quarter (14/422 = 0.0332) lies below its lcl, which lies above the target of 5 %: by the limits alone "steeds
     * gemist", but the last quarter meets the target, so the icon says wisselend (the process has changed). */
    static const long fx[12] = {185, 179, 173, 159, 138, 119, 119, 137, 109, 90, 43, 14};
    static const long fn[12] = {775, 748, 797, 779, 742, 759, 847, 884, 847, 861, 725, 422};
    eng_spc s;
    fit(fx, fn, ALL, 12, ENG_LOWER, 5, &s);
    assert_true(s.points[11].p < s.points[11].lcl && 0.05 < s.points[11].lcl);
    assert_int_equal(s.variation, ENG_VAR_VERBETERING);
    assert_int_equal(s.assurance, ENG_ASS_WISSELEND);
    eng_spc_fini(&s);
    /* the same quarters with higher is better and a target of 5 %: the last quarter's limits (0.0907 - 0.2282) say
     * "steeds gehaald", but the last quarter (0.0332) misses it: wisselend, beside a special cause of concern */
    fit(fx, fn, ALL, 12, ENG_HIGHER, 5, &s);
    NEAR(s.points[11].lcl, 0.0907166, 1e-6);
    assert_int_equal(s.variation, ENG_VAR_ZORG);
    assert_int_equal(s.assurance, ENG_ASS_WISSELEND);
    eng_spc_fini(&s);
}

static void test_invalid(void **state)
{
    (void)state;
    long x[8] = {1, 2, 3, 4, 5, 6, 7, 8}, n[8] = {10, 10, 10, 10, 10, 10, 10, 10};
    int shown[8] = {1, 1, 1, 1, 1, 1, 1, 1};
    eng_spc s;
    assert_int_equal(eng_spc_fit(x, n, shown, 0, ENG_HIGHER, NAN, &s), KR_EINVAL);
    assert_null(s.points);
    eng_spc_fini(&s);
    assert_int_equal(eng_spc_fit(NULL, n, shown, 8, ENG_HIGHER, NAN, &s), KR_EINVAL);
    assert_int_equal(eng_spc_fit(x, NULL, shown, 8, ENG_HIGHER, NAN, &s), KR_EINVAL);
    assert_int_equal(eng_spc_fit(x, n, NULL, 8, ENG_HIGHER, NAN, &s), KR_EINVAL);
    assert_int_equal(eng_spc_fit(x, n, shown, 8, ENG_HIGHER, NAN, NULL), KR_EINVAL);
    assert_int_equal(eng_spc_fit(x, n, shown, 8, (eng_direction)7, NAN, &s), KR_EINVAL);
    static const struct {
        long x, n;
    } bad[] = {{-1, 10}, {11, 10}, {0, 0}, {0, -5}, {-3, -2}};
    for (size_t i = 0; i < N_ELEMS(bad); i++) {
        x[4] = bad[i].x;
        n[4] = bad[i].n;
        assert_int_equal(eng_spc_fit(x, n, shown, 8, ENG_HIGHER, NAN, &s), KR_EINVAL);
        assert_null(s.points);
        assert_int_equal(s.k, 0);
        eng_spc_fini(&s);
        shown[4] = 0;  /* the same counts on a suppressed quarter are ignored */
        assert_int_equal(eng_spc_fit(x, n, shown, 8, ENG_HIGHER, NAN, &s), KR_OK);
        assert_int_equal(s.shown, 7);
        eng_spc_fini(&s);
        shown[4] = 1;
    }
    eng_spc_fini(NULL);
    memset(&s, 0, sizeof s);
    eng_spc_fini(&s);
}

/*
 * Newcombe RG (1998). Interval estimation for the difference between independent proportions: comparison of
 * eleven methods. Stat Med 17:873-890, Table II, method 10: 56/70 − 48/80 = 0.2 (0.0524 to 0.3339) and
 * 9/10 − 3/10 = 0.6 (0.1705 to 0.8090). The full-precision figures are spc_reference.py's, which takes the
 * Wilson limits as the roots of (p − π)² = z² π(1 − π)/n; they round to the published ones, also for the
 * examples with x = 0: 5/56 − 0/29 (−0.0381 to 0.1926) and 0/10 − 0/20 (−0.1611 to 0.2775).
 */
static void test_newcombe(void **state)
{
    (void)state;
    static const struct {
        long x1, n1, x2, n2;
        double diff, lo, hi, lo4, hi4;
    } ref[] = {
        {56, 70, 48, 80, 0.2, 0.052431472402364704, 0.3338726540369062, 0.0524, 0.3339},
        {9, 10, 3, 10, 0.6, 0.17052272393450324, 0.8090179735354879, 0.1705, 0.8090},
        {5, 56, 0, 29, 5.0 / 56, -0.03813714790353685, 0.19256001385511157, -0.0381, 0.1926},
        {0, 10, 0, 20, 0, -0.1611251580528193, 0.27753279986288915, -0.1611, 0.2775},
    };
    for (size_t i = 0; i < N_ELEMS(ref); i++) {
        double d, lo, hi;
        assert_int_equal(eng_newcombe(ref[i].x1, ref[i].n1, ref[i].x2, ref[i].n2, Z_R, &d, &lo, &hi), KR_OK);
        NEAR(d, ref[i].diff, 1e-15);
        NEAR(lo, ref[i].lo, 1e-12);
        NEAR(hi, ref[i].hi, 1e-12);
        NEAR(lo, ref[i].lo4, 0.00005);
        NEAR(hi, ref[i].hi4, 0.00005);
    }
    double d, lo, hi;
    assert_int_equal(eng_newcombe(0, 0, 1, 10, Z_R, &d, &lo, &hi), KR_EINVAL);
    assert_int_equal(eng_newcombe(1, 10, 0, 0, Z_R, &d, &lo, &hi), KR_EINVAL);
    assert_int_equal(eng_newcombe(11, 10, 1, 10, Z_R, &d, &lo, &hi), KR_EINVAL);
    assert_int_equal(eng_newcombe(1, 10, -1, 10, Z_R, &d, &lo, &hi), KR_EINVAL);
    assert_int_equal(eng_newcombe(1, 10, 1, 10, -1, &d, &lo, &hi), KR_EINVAL);
    assert_int_equal(eng_newcombe(1, 10, 1, 10, NAN, &d, &lo, &hi), KR_EINVAL);
    assert_int_equal(eng_newcombe(1, 10, 1, 10, Z_R, NULL, &lo, &hi), KR_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_limits_by_hand), cmocka_unit_test(test_outside),
        cmocka_unit_test(test_shift),          cmocka_unit_test(test_trend),
        cmocka_unit_test(test_two_of_three),   cmocka_unit_test(test_near_misses),
        cmocka_unit_test(test_conflict),       cmocka_unit_test(test_trend_turn),
        cmocka_unit_test(test_gaps),           cmocka_unit_test(test_degenerate),
        cmocka_unit_test(test_assurance),      cmocka_unit_test(test_invalid),
        cmocka_unit_test(test_newcombe),
    };
    return cmocka_run_group_tests_name("spc", tests, NULL, NULL);
}
