/*
 * Unit tests of engine/stats.c against published reference values and values
 * computed once with R 4.2 (Debian's r-base-core and r-cran-survival 3.5-3);
 * the R code is quoted beside each table, the tests do not need R.
 */
#include "test_util.h"

#include <math.h>

#include "../engine/engine.h"
#include "../engine/audit_int.h"
#include "../engine/outcome_int.h"
#include "../engine/stats_int.h"

/* R computes with qnorm(0.975) itself; OUTCOMES.md rounds it to 1.959964 (ENG_Z95). */
#define Z_R 1.959963984540054

/* Newcombe RG (1998). Two-sided confidence intervals for the single proportion: comparison of
 * seven methods. Statistics in Medicine 17:857-872, Table II, method 3 (score, no continuity
 * correction), given to 4 decimals. */
static const struct {
    long x, n;
    double lo, hi;
} newcombe[] = {
    {81, 263, 0.2553, 0.3662}, {15, 148, 0.0624, 0.1605}, {0, 20, 0.0000, 0.1611},
    {1, 29, 0.0061, 0.1718},   {29, 29, 0.8830, 1.0000},  {0, 1, 0.0000, 0.7935},
};

static void test_wilson(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(newcombe); i++) {
        double lo, hi;
        assert_int_equal(eng_wilson(newcombe[i].x, newcombe[i].n, ENG_Z95, &lo, &hi), KR_OK);
        NEAR(lo, newcombe[i].lo, 0.00005);
        NEAR(hi, newcombe[i].hi, 0.00005);
    }
    double lo, hi;
    assert_int_equal(eng_wilson(3, 0, ENG_Z95, &lo, &hi), KR_EINVAL);
    assert_int_equal(eng_wilson(5, 4, ENG_Z95, &lo, &hi), KR_EINVAL);
    assert_int_equal(eng_wilson(-1, 4, ENG_Z95, &lo, &hi), KR_EINVAL);
}

/* Gehan's 6-MP trial (Freireich et al. 1963), R:
 *   library(survival)
 *   time  <- c(6,6,6,6,7,9,10,10,11,13,16,17,19,20,22,23,25,32,32,34,35)
 *   event <- c(1,1,1,0,1,0,1,0,0,1,1,0,0,0,1,1,0,0,0,0,0)
 *   f <- survfit(Surv(time, event) ~ 1, conf.type = "log-log"); summary(f, censored = TRUE)
 *   quantile(f, probs = c(0.25, 0.5, 0.75, 0.9))                                              */
static const double mp_time[] = {6, 6, 6, 6, 7, 9, 10, 10, 11, 13, 16, 17, 19, 20, 22, 23, 25, 32, 32, 34, 35};
static const int mp_event[] = {1, 1, 1, 0, 1, 0, 1, 0, 0, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0};
static const struct {
    double t;
    long at_risk, events, censored;
    double s, lo, hi;
} mp_steps[] = {
    {6, 21, 3, 1, 0.8571428571, 0.6197179553, 0.9515517476},
    {7, 17, 1, 0, 0.8067226891, 0.5631465646, 0.9228090192},
    {9, 16, 0, 1, 0.8067226891, 0.5631465646, 0.9228090192},
    {10, 15, 1, 1, 0.7529411765, 0.5031995108, 0.8893618352},
    {11, 13, 0, 1, 0.7529411765, 0.5031995108, 0.8893618352},
    {13, 12, 1, 0, 0.6901960784, 0.4316102225, 0.8490659633},
    {16, 11, 1, 0, 0.6274509804, 0.3675108560, 0.8049121895},
    {17, 10, 0, 1, 0.6274509804, 0.3675108560, 0.8049121895},
    {19, 9, 0, 1, 0.6274509804, 0.3675108560, 0.8049121895},
    {20, 8, 0, 1, 0.6274509804, 0.3675108560, 0.8049121895},
    {22, 7, 1, 0, 0.5378151261, 0.2677789368, 0.7467907176},
    {23, 6, 1, 0, 0.4481792717, 0.1880520060, 0.6801426285},
    {25, 5, 0, 1, 0.4481792717, 0.1880520060, 0.6801426285},
    {32, 4, 0, 2, 0.4481792717, 0.1880520060, 0.6801426285},
    {34, 2, 0, 1, 0.4481792717, 0.1880520060, 0.6801426285},
    {35, 1, 0, 1, 0.4481792717, 0.1880520060, 0.6801426285},
};

/* The control arm, every patient relapsed: t2 <- c(1,1,2,2,3,4,4,5,5,8,8,8,8,11,11,12,12,15,17,22,23) */
static const double ctl_time[] = {1, 1, 2, 2, 3, 4, 4, 5, 5, 8, 8, 8, 8, 11, 11, 12, 12, 15, 17, 22, 23};

static void test_kaplan_meier(void **state)
{
    (void)state;
    eng_km km;
    assert_int_equal(eng_km_fit(mp_time, mp_event, N_ELEMS(mp_time), Z_R, &km), KR_OK);
    assert_int_equal(km.n, N_ELEMS(mp_steps));
    for (size_t i = 0; i < km.n; i++) {
        NEAR(km.steps[i].t, mp_steps[i].t, 0);
        assert_int_equal(km.steps[i].at_risk, mp_steps[i].at_risk);
        assert_int_equal(km.steps[i].events, mp_steps[i].events);
        assert_int_equal(km.steps[i].censored, mp_steps[i].censored);
        NEAR(km.steps[i].s, mp_steps[i].s, 1e-9);
        NEAR(km.steps[i].lo, mp_steps[i].lo, 1e-9);
        NEAR(km.steps[i].hi, mp_steps[i].hi, 1e-9);
    }
    /* the same trial in a quarter days (sorted: not whole days), and shuffled with days far apart (sorted: the range
     * is too wide to count per day): the same steps */
    for (int variant = 0; variant < 2; variant++) {
        double t[N_ELEMS(mp_time)];
        int e[N_ELEMS(mp_time)];
        for (size_t i = 0; i < N_ELEMS(mp_time); i++) {
            size_t j = (i * 5) % N_ELEMS(mp_time);  /* 5 and 21 are coprime: a permutation */
            t[i] = variant == 0 ? mp_time[j] + 0.25 : mp_time[j] * 1e6;
            e[i] = mp_event[j];
        }
        eng_km far;
        assert_int_equal(eng_km_fit(t, e, N_ELEMS(t), Z_R, &far), KR_OK);
        assert_int_equal(far.n, N_ELEMS(mp_steps));
        for (size_t i = 0; i < far.n; i++) {
            NEAR(far.steps[i].t, variant == 0 ? mp_steps[i].t + 0.25 : mp_steps[i].t * 1e6, 0);
            assert_int_equal(far.steps[i].at_risk, mp_steps[i].at_risk);
            assert_int_equal(far.steps[i].events, mp_steps[i].events);
            assert_int_equal(far.steps[i].censored, mp_steps[i].censored);
            NEAR(far.steps[i].s, mp_steps[i].s, 1e-9);
            NEAR(far.steps[i].lo, mp_steps[i].lo, 1e-9);
        }
        eng_km_fini(&far);
    }
    /* times that are no days at all (every one infinite): sorted, one step, never counted per day */
    double inf3[] = {INFINITY, INFINITY, INFINITY};
    int e3[] = {1, 0, 1};
    eng_km never;
    assert_int_equal(eng_km_fit(inf3, e3, 3, Z_R, &never), KR_OK);
    assert_int_equal(never.n, 1);
    assert_true(isinf(never.steps[0].t));
    assert_int_equal(never.steps[0].at_risk, 3);
    assert_int_equal(never.steps[0].events, 2);
    assert_int_equal(never.steps[0].censored, 1);
    eng_km_fini(&never);
    double s, lo, hi, q;
    long risk;
    eng_km_at(&km, 12.5, &s, &lo, &hi, &risk);  /* between steps: the value of the step before */
    NEAR(s, 0.7529411765, 1e-9);
    assert_int_equal(risk, 12);
    eng_km_at(&km, 3, &s, &lo, &hi, &risk);     /* before the first event */
    NEAR(s, 1.0, 0);
    assert_true(isnan(lo));
    assert_int_equal(risk, 21);
    eng_km_at(&km, 40, &s, &lo, &hi, &risk);
    assert_int_equal(risk, 0);
    /* quantile(f): 25% 13 (6, 22); 50% 23 (13, NA); 75% NA (23, NA); 90% NA */
    eng_km_quantile(&km, 0.25, &q, &lo, &hi);
    NEAR(q, 13, 0);
    NEAR(lo, 6, 0);
    NEAR(hi, 22, 0);
    eng_km_quantile(&km, 0.5, &q, &lo, &hi);
    NEAR(q, 23, 0);
    NEAR(lo, 13, 0);
    assert_true(isnan(hi));
    eng_km_quantile(&km, 0.75, &q, &lo, &hi);
    assert_true(isnan(q));
    NEAR(lo, 23, 0);
    assert_true(isnan(hi));
    eng_km_fini(&km);

    /* control arm: quantile(f2): 25% 4 (1, 5); 50% 8 (4, 11); 75% 12 (8, 22); 90% 17 (12, NA) */
    int ev[N_ELEMS(ctl_time)];
    for (size_t i = 0; i < N_ELEMS(ctl_time); i++)
        ev[i] = 1;
    assert_int_equal(eng_km_fit(ctl_time, ev, N_ELEMS(ctl_time), Z_R, &km), KR_OK);
    NEAR(km.steps[5].s, 0.38095238095, 1e-9);
    NEAR(km.steps[5].lo, 0.183066548820, 1e-9);
    NEAR(km.steps[5].hi, 0.5777886777, 1e-9);
    NEAR(km.steps[10].lo, 0.003324463043, 1e-9);
    NEAR(km.steps[11].s, 0.0, 0);
    assert_true(isnan(km.steps[11].lo));  /* S = 0: the band is undefined */
    static const double want[4][4] = {{0.25, 4, 1, 5}, {0.5, 8, 4, 11}, {0.75, 12, 8, 22}, {0.9, 17, 12, NAN}};
    for (int i = 0; i < 4; i++) {
        eng_km_quantile(&km, want[i][0], &q, &lo, &hi);
        NEAR(q, want[i][1], 0);
        NEAR(lo, want[i][2], 0);
        if (isnan(want[i][3]))
            assert_true(isnan(hi));
        else
            NEAR(hi, want[i][3], 0);
    }
    eng_km_fini(&km);

    /* exactly 1 - p on a flat: the midpoint to the next drop (R: quantile of c(1,2,3,4), events all: 2.5) */
    static const double four[] = {1, 2, 3, 4};
    int ev4[] = {1, 1, 1, 1};
    assert_int_equal(eng_km_fit(four, ev4, 4, ENG_Z95, &km), KR_OK);
    eng_km_quantile(&km, 0.5, &q, &lo, &hi);
    NEAR(q, 2.5, 0);
    eng_km_fini(&km);
    double bad = -1;
    int e1 = 1;
    assert_int_equal(eng_km_fit(&bad, &e1, 1, ENG_Z95, &km), KR_EINVAL);
    eng_km_fini(&km);
}

/* R:
 *   x <- 1:8; n <- c(120,135,128,140,150,138,145,160); k <- c(30,36,33,40,45,44,48,55)
 *   m <- lm(100 * k / n ~ x, weights = n); coef(m)[2]; confint(m)[2, ]                */
static void test_wls(void **state)
{
    (void)state;
    double x[8], y[8], w[8];
    static const double n[] = {120, 135, 128, 140, 150, 138, 145, 160}, k[] = {30, 36, 33, 40, 45, 44, 48, 55};
    for (int i = 0; i < 8; i++) {
        x[i] = i + 1;
        y[i] = 100 * k[i] / n[i];
        w[i] = n[i];
    }
    double b, lo, hi;
    assert_int_equal(eng_wls(x, y, w, 8, &b, &lo, &hi), KR_OK);
    NEAR(b, 1.40249597759, 1e-9);
    NEAR(lo, 1.12946685604, 1e-9);
    NEAR(hi, 1.67552509915, 1e-9);
    assert_int_equal(eng_wls(x, y, w, 2, &b, &lo, &hi), KR_EINVAL);
}

/* R: lim <- function(p, th, n) { r <- qbinom(p, n, th); a <- (pbinom(r, n, th) - p) / dbinom(r, n, th);
 *    (r - a) / n } */
static void test_funnel(void **state)
{
    (void)state;
    static const struct {
        long n;
        double lo95, hi95, lo998, hi998;
    } ref[] = {
        {20, 0.08117650598068, 0.48725514659515, 0.00147731668828, 0.61369967934796},
        {50, 0.166139380312, 0.420135886717, 0.103129984548, 0.499069588548},
        {200, 0.235030537069, 0.362040775349, 0.200523260211, 0.400105406228},
        {1000, 0.271281417015, 0.328088928334, 0.255302819716, 0.344830374610},
    };
    assert_int_equal(eng_binom_quantile(0.975, 0.3, 50), 22);  /* qbinom(0.975, 50, 0.3) */
    for (size_t i = 0; i < N_ELEMS(ref); i++) {
        double lo, hi;
        assert_int_equal(eng_funnel_limits(0.3, ref[i].n, 0.95, 1, &lo, &hi), KR_OK);
        NEAR(lo, ref[i].lo95, 1e-9);
        NEAR(hi, ref[i].hi95, 1e-9);
        assert_int_equal(eng_funnel_limits(0.3, ref[i].n, 0.998, 1, &lo, &hi), KR_OK);
        NEAR(lo, ref[i].lo998, 1e-9);
        NEAR(hi, ref[i].hi998, 1e-9);
        /* widened by sqrt(phi) around the target */
        double wlo, whi;
        assert_int_equal(eng_funnel_limits(0.3, ref[i].n, 0.998, 4, &wlo, &whi), KR_OK);
        NEAR(0.3 - wlo, fmin(0.3, 2 * (0.3 - lo)), 1e-12);
        NEAR(whi - 0.3, fmin(0.7, 2 * (hi - 0.3)), 1e-12);
    }
}

/* R (Spiegelhalter 2005, winsorised at the 10th and 90th percentiles, quantile type 7):
 *   xs <- c(30,45,12,60,25,40,80); ns <- c(100,120,60,150,110,90,200); th <- sum(xs) / sum(ns)
 *   z <- (xs/ns - th) / sqrt(th * (1 - th) / ns); q <- quantile(z, c(.1, .9))
 *   mean(pmin(pmax(z, q[1]), q[2])^2); 7 * phi > qchisq(.95, 6)                       */
static void test_overdispersion(void **state)
{
    (void)state;
    static const long xs[] = {30, 45, 12, 60, 25, 40, 80}, ns[] = {100, 120, 60, 150, 110, 90, 200};
    double phi;
    int widen;
    assert_int_equal(eng_overdispersion(xs, ns, 7, 0.351807228916, &phi, &widen), KR_OK);
    NEAR(phi, 2.890998732194, 1e-9);
    assert_int_equal(widen, 1);
    static const long same_x[] = {30, 60, 15}, same_n[] = {100, 200, 50};
    assert_int_equal(eng_overdispersion(same_x, same_n, 3, 0.3, &phi, &widen), KR_OK);
    NEAR(phi, 0, 1e-12);
    assert_int_equal(widen, 0);
}

/* R: rr <- (18/240) / (40/1300); se <- sqrt(1/18 - 1/240 + 1/40 - 1/1300); exp(log(rr) + c(-1, 1) * 1.959964 * se)
 *    poisson.test(12, 7.5)$conf.int; poisson.test(0, 3.2)$conf.int                               */
static void test_ratios(void **state)
{
    (void)state;
    double r, lo, hi;
    assert_int_equal(eng_relative_risk(18, 240, 40, 1300, ENG_Z95, &r, &lo, &hi), KR_OK);
    NEAR(r, 2.4375, 1e-12);
    NEAR(lo, 1.42191116903, 1e-9);
    NEAR(hi, 4.17846513861, 1e-9);
    assert_int_equal(eng_relative_risk(0, 240, 40, 1300, ENG_Z95, &r, &lo, &hi), KR_EINVAL);
    assert_int_equal(eng_oe_ratio(12, 7.5, &r, &lo, &hi), KR_OK);
    NEAR(r, 1.6, 1e-12);
    NEAR(lo, 0.82674334783, 1e-9);
    NEAR(hi, 2.79487800642, 1e-9);
    assert_int_equal(eng_oe_ratio(0, 3.2, &r, &lo, &hi), KR_OK);
    NEAR(lo, 0, 0);
    NEAR(hi, 1.15277482941, 1e-9);
    assert_int_equal(eng_oe_ratio(3, 0, &r, &lo, &hi), KR_EINVAL);
    /* a national count, where GSL's inverse chi-square does not converge: against the
     * Wilson-Hilferty approximation of the chi-square quantiles (relative error far below 1e-6
     * at 40 000 degrees of freedom): lo = chi2(0.025; 40000) / 2 / 19000, hi = chi2(0.975; 40002) / 2 / 19000 */
    assert_int_equal(eng_oe_ratio(20000, 19000, &r, &lo, &hi), KR_OK);
    NEAR(lo, 1.0380930257, 1e-6);
    NEAR(hi, 1.0673228282, 1e-6);
}

/* What disclosure control protects, row by row, as the engine suppresses (OUTCOMES.md; the vergelijk report's
 * check of other sites' exports). */
static void test_row_protection(void **state)
{
    (void)state;
    const unsigned P = ENG_PROTECT_PERSONS, C = ENG_PROTECT_COMPLEMENT;
    static const struct {
        const char *id, *groep, *waarde, *eenheid;
        unsigned want;
    } cases[] = {
        {"route.gescreend", "totaal", "", "%", 3},
        {"route.overgang.1_2", "totaal", "", "aantal", 1},                  /* a count: no complement */
        {"lijn.eerste_lijn_dagen", "route", "3", "%", 0},                   /* care-days */
        {"lijn.verschuiving.eerste_lijn_baring.trend", "totaal", "", "pp", 0},
        {"overdracht.mdo_dagen.p50", "totaal", "", "dagen", 1},              /* Kaplan-Meier quantile */
        {"nazorg.in_zorg.s12m", "route", "2", "%", 1},                      /* Kaplan-Meier retention */
        {"overdracht.regie_belegd", "regie", "jgz", "%", 3},                /* the regie_type distribution */
        {"uitkomst.perinatale_sterfte", "totaal", "", "per1000", 3},
        {"uitkomst.vroeggeboorte.rr_route3", "totaal", "", "ratio", 0},
        {"uitkomst.vroeggeboorte.oe", "totaal", "", "ratio", 0},
        {"kwaliteit.koppeling.jgz", "totaal", "", "%", 3},                  /* pregnancies with a JGZ record */
        {"kwaliteit.koppeling.ongekoppeld.jgz_contact", "organisatie", "JGZ-ZL", "%", 0}, /* records */
        {"kwaliteit.volledigheid.bevalling", "kolom", "overleden_dag", "%", 3},             /* an event column */
        {"kwaliteit.volledigheid.bevalling", "kolom", "geboortegewicht", "%", 3},           /* missing: stillborn */
        {"kwaliteit.volledigheid.zwangerschap", "kolom", "client_pseudoniem", "%", 3},     /* every column */
        {"kwaliteit.afgewezen.mdo", "organisatie", "KNP-ZL", "aantal", 3},                /* route 3 pregnancies */
        {"kwaliteit.afgewezen.mdo", "reden", "date", "aantal", 3},
        {"kwaliteit.koppeling.ongekoppeld.mdo", "totaal", "", "%", 3},
        {"kwaliteit.afgewezen.zwangerschap", "organisatie", "VP-ZL-1", "aantal", 0},     /* rows of all pregnancies */
        {"verankering.deelname", "soort", "verloskundige", "%", 0},          /* organisations */
        {"kwaliteit.afgewezen", "reden", "date", "aantal", 0},
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        unsigned got = eng_row_protection(cases[i].id, cases[i].groep, cases[i].waarde, cases[i].eenheid);
        unsigned want = (cases[i].want & 1 ? P : 0) | (cases[i].want & 2 ? C : 0);
        if (got != want)
            fail_msg("%s (%s %s, %s): protection %u, want %u", cases[i].id, cases[i].groep, cases[i].waarde,
                     cases[i].eenheid, got, want);
    }
}

/* The catalogue: ids unique, multi-part rows found by prefix, the default targets of OUTCOMES.md. */
static void test_catalogue(void **state)
{
    (void)state;
    static const struct {
        const char *id;
        double target;
    } targets[] = {
        {"route.gescreend", 95},        {"route.vroeg_gescreend", 80},      {"lijn.psychosociaal_klinisch", 5},
        {"overdracht.jgz_tijdig", 90},  {"overdracht.prenataal_huisbezoek", 80}, {"overdracht.mdo_tijdig", 90},
        {"overdracht.regie_belegd", 95}, {"overdracht.warm", 90},           {"overdracht.bevestigd", 95},
        {"overdracht.eerste_jgz_contact", 90},
    };
    size_t with_target = 0;
    for (size_t i = 0; i < eng_indicator_count(); i++) {
        const eng_indicator *x = eng_indicator_at(i);
        for (size_t j = i + 1; j < eng_indicator_count(); j++)
            assert_string_not_equal(x->id, eng_indicator_at(j)->id);
        assert_true(strlen(x->title_nl) > 3 && strlen(x->title_en) > 3 && strlen(x->definition) > 10 &&
                    strlen(x->definition_en) > 10);
        with_target += !isnan(x->target);
    }
    assert_int_equal(eng_indicator_count(), 29);
    assert_int_equal(with_target, N_ELEMS(targets));
    for (size_t i = 0; i < N_ELEMS(targets); i++) {
        const eng_indicator *x = eng_indicator_find(targets[i].id);
        assert_non_null(x);
        NEAR(x->target, targets[i].target, 0);
    }
    assert_string_equal(eng_indicator_find("route.verdeling.3")->id, "route.verdeling");
    assert_string_equal(eng_indicator_find("nazorg.in_zorg.s12m")->id, "nazorg.in_zorg");
    assert_null(eng_indicator_find("route.verdelingen"));
    assert_null(eng_indicator_find("overdracht"));
    assert_false(eng_indicator_known("onzin.indicator"));
}

/*
 * A relation that resolves to no row, or limits too small, are refused with a message, whatever NDEBUG says: before,
 * only assert() caught them (with -DNDEBUG not at all: the relation, and the suppression it stands for, silently
 * vanished; relations past ENG_MAX_RELS and parts past ENG_MAX_REL_PARTS were written out of bounds).
 */
static void test_indicator_rows_refused(void **state)
{
    (void)state;
    static eng_rows R;
    char err[200] = "";
    static const eng_relation good[] = {{REL_TELLERS, "route.gescreend", {"route.verdeling.1", "route.verdeling.2"}}};
    assert_int_equal(eng_rows_build(&R, good, 1, err, sizeof err), 0);
    assert_int_equal(R.nrel, 1);
    assert_int_equal(R.nrows, eng_rows_get()->nrows);
    static const eng_relation typo_part[] = {{REL_SECONDARY, "route.gescreend", {"route.verdeling.4"}}};
    assert_int_equal(eng_rows_build(&R, typo_part, 1, err, sizeof err), -1);
    assert_non_null(strstr(err, "route.verdeling.4"));
    static const eng_relation typo_total[] = {{REL_SECONDARY, "route.gescrend", {"route.verdeling.1"}}};
    assert_int_equal(eng_rows_build(&R, typo_total, 1, err, sizeof err), -1);
    assert_non_null(strstr(err, "route.gescrend"));
    static const eng_relation typo_wild[] = {{REL_TELLERS, "route.gescreend", {"route.overgangen.*"}}};
    assert_int_equal(eng_rows_build(&R, typo_wild, 1, err, sizeof err), -1);
    /* route.* is more than ENG_MAX_REL_PARTS rows: as parts, and as totals */
    static const eng_relation wide[] = {{REL_SECONDARY, "lijn.terugverwijzing", {"route.*"}}};
    assert_int_equal(eng_rows_build(&R, wide, 1, err, sizeof err), -1);
    static const eng_relation wide_total[] = {{REL_SECONDARY, "route.*", {"lijn.terugverwijzing"}}};
    assert_int_equal(eng_rows_build(&R, wide_total, 1, err, sizeof err), -1);
    /* 12 parts, then 12 more in the same relation */
    static const eng_relation parts[] = {
        {REL_SECONDARY, "route.gescreend", {"route.risicofactoren.*", "route.risicofactoren.*"}}};
    assert_int_equal(eng_rows_build(&R, parts, 1, err, sizeof err), -1);
    assert_true(R.rel[0].nparts <= ENG_MAX_REL_PARTS);
    /* ENG_MAX_RELS + 1 relations: refused, nothing written past the end */
    static eng_relation many[ENG_MAX_RELS + 1];
    for (size_t i = 0; i < N_ELEMS(many); i++)
        many[i] = (eng_relation){REL_SECONDARY, "route.gescreend", {"route.vroeg_gescreend"}};
    assert_int_equal(eng_rows_build(&R, many, ENG_MAX_RELS, err, sizeof err), 0);
    assert_int_equal(eng_rows_build(&R, many, N_ELEMS(many), err, sizeof err), -1);
    assert_int_equal(R.nrel, ENG_MAX_RELS);
    /* a distribution needs its K_REGIE row right after the total */
    static const eng_relation dist[] = {{REL_DISTRIBUTION, "route.gescreend", {"route.gescreend"}}};
    assert_int_equal(eng_rows_build(&R, dist, 1, err, sizeof err), -1);
    static const eng_relation dist_ok[] = {{REL_DISTRIBUTION, "overdracht.regie_belegd", {"overdracht.regie_belegd"}}};
    assert_int_equal(eng_rows_build(&R, dist_ok, 1, err, sizeof err), 0);
    assert_int_equal(R.rel[0].parts[0], R.rel[0].total + 1);
}

/*
 * The rows computed from the catalogue, against a listing written out by hand: the codes in the outcome table's
 * keys (suppression breaks ties by key, so they must not move), each relation resolved to the rows it names, and
 * the rule that lets suppression cover a new indicator: every row of persons has a cohort class.
 */
static void test_indicator_rows(void **state)
{
    (void)state;
    static const char *const expect[] = {
        "route.gescreend", "route.vroeg_gescreend", "route.verdeling.1", "route.verdeling.2", "route.verdeling.3",
        "route.verdeling.niet_gescreend", "route.overgang.1_1", "route.overgang.1_2", "route.overgang.1_3",
        "route.overgang.2_2", "route.overgang.2_3", "route.overgang.3_3", "route.risicofactoren.psychiatrie",
        "route.risicofactoren.lvb", "route.risicofactoren.tienerzwangerschap", "route.risicofactoren.verslaving",
        "route.risicofactoren.schulden", "route.risicofactoren.huisvesting", "route.risicofactoren.huiselijk_geweld",
        "route.risicofactoren.taalbarriere", "route.risicofactoren.geen_netwerk",
        "route.risicofactoren.ongewenst_zwanger", "route.risicofactoren.eerder_jeugdbescherming",
        "route.risicofactoren.anders", "lijn.eerste_lijn_baring", "lijn.psychosociaal_klinisch",
        "lijn.eerste_lijn_dagen", "lijn.terugverwijzing", "overdracht.jgz_tijdig", "overdracht.mdo_tijdig",
        "overdracht.regie_belegd", "overdracht.regie_belegd", "overdracht.prenataal_huisbezoek", "overdracht.warm",
        "overdracht.bevestigd", "overdracht.eerste_jgz_contact", "nazorg.bereik.huisbezoek", "nazorg.bereik.4w",
        "nazorg.bereik.8w", "nazorg.bereik.3m", "nazorg.bereik.4m", "nazorg.bereik.6m", "nazorg.bereik.7_5m",
        "nazorg.bereik.9m", "nazorg.bereik.11m", "nazorg.bereik.14m", "nazorg.bereik.18m", "nazorg.bereik.24m",
        "uitkomst.vroeggeboorte", "uitkomst.laag_geboortegewicht", "uitkomst.perinatale_sterfte",
        "kwaliteit.koppeling.jgz", "kwaliteit.koppeling.bevalling",
    };
    static const int horizon[] = {294, 294, 294, 294, 294, 294, 294, 294, 294, 294, 294, 294, 294, 294, 294, 294, 294,
                                  294, 294, 294, 294, 294, 294, 294, 0,   294, 294, 294, 294, 294, 294, 294, 294, 0,
                                  7,   21,  28,  42,  77,  112, 150, 210, 255, 300, 360, 460, 590, 800, 0,   0,   0,
                                  294, 0};
    static const char *const km[] = {"overdracht.jgz_dagen", "overdracht.mdo_dagen", "nazorg.in_zorg"};
    const eng_rows *R = eng_rows_get();
    assert_int_equal(R->nrows, N_ELEMS(expect));
    assert_int_equal(N_ELEMS(horizon), N_ELEMS(expect));
    for (size_t i = 0; i < N_ELEMS(expect); i++) {
        assert_string_equal(R->row[i].id, expect[i]);
        assert_int_equal(R->row[i].horizon, horizon[i]);
        assert_ptr_equal(eng_row_of((unsigned)i + 1), &R->row[i]);
        /* persons need a cohort class, or differences across indicators go unchecked */
        int persons = R->row[i].m->kind == K_PROP || R->row[i].m->kind == K_DAYS;
        assert_int_equal(persons, R->row[i].m->cohort != C_NONE);
    }
    assert_int_equal(R->row[31].m->kind, K_REGIE);
    assert_int_equal(R->nkm, N_ELEMS(km));
    for (size_t i = 0; i < N_ELEMS(km); i++) {
        unsigned part = 9;
        assert_string_equal(R->km[i].id, km[i]);
        assert_ptr_equal(eng_km_of(KM_CODE(i, 3), &part), &R->km[i]);
        assert_int_equal(part, 3);
        assert_int_not_equal(R->km[i].m->cohort, C_NONE);
    }
    assert_null(eng_km_of((unsigned)R->nrows, NULL));
    assert_null(eng_row_of(KM_CODE(0, 0)));
    /* the relations, resolved: route.gescreend's groups first, then route.verdeling.2 = overgang 1_2 + 2_2 */
    assert_true(R->nrel >= 10);
    assert_int_equal(R->rel[0].type, REL_TELLERS);
    assert_int_equal(R->rel[0].total, 1);
    assert_int_equal(R->rel[0].nparts, 3);
    assert_int_equal(R->rel[0].parts[2], 5);
    assert_int_equal(R->rel[1].nparts, 6);
    assert_int_equal(R->rel[1].parts[0], 7);
    assert_int_equal(R->rel[4].total, 4);
    assert_int_equal(R->rel[4].nparts, 2);
    assert_int_equal(R->rel[4].parts[0], 8);
    assert_int_equal(R->rel[4].parts[1], 10);
    size_t route23 = 0, dist = 0, subset_km = 0;
    for (size_t r = 0; r < R->nrel; r++) {
        const eng_rel *x = &R->rel[r];
        if (x->type == REL_ROUTE23) {
            route23++;
            assert_int_equal(x->nparts, 2);
            assert_int_equal(x->args[0], 2);
            assert_int_equal(x->args[1], 3);
        }
        if (x->type == REL_DISTRIBUTION) {
            dist++;
            assert_int_equal(x->total, 31);
            assert_int_equal(x->parts[0], 32);
        }
        if (x->type == REL_SUBSET && x->total == KM_CODE(1, 0))
            subset_km++;
    }
    assert_int_equal(route23, 12 + 2);  /* the risk factors, psychosociaal_klinisch and koppeling.jgz */
    assert_int_equal(dist, 1);
    assert_int_equal(subset_km, 1);
}

/* A worked example: route.verdeling of one region (parts 1, 2, 3, niet_gescreend and their total). */
static void test_suppress_example(void **state)
{
    (void)state;
    eng_cell c[] = {
        {ENG_CELL_PROPORTION, 240, 240, 0, 0, 0},  /* 0: the total, 240 of 240 */
        {ENG_CELL_PROPORTION, 170, 240, 0, 0, 0},  /* 1: route 1 */
        {ENG_CELL_PROPORTION, 40, 240, 0, 0, 0},   /* 2: route 2 */
        {ENG_CELL_PROPORTION, 7, 240, 0, 0, 0},    /* 3: route 3: 7 is under 10, primary */
        {ENG_CELL_PROPORTION, 23, 240, 0, 0, 0},   /* 4: not screened */
        {ENG_CELL_COUNT, 0, 0, 0, 0, 0},           /* 5: a count of zero is shown */
        {ENG_CELL_COUNT, 4, 0, 0, 0, 0},           /* 6: a count of 4 is suppressed */
        {ENG_CELL_NOT_PERSONS, 3, 0, 0, 0, 0},     /* 7: 3 organisations: shown */
    };
    static const size_t parts[] = {1, 2, 3, 4};
    eng_group g = {0, parts, 4, 1};
    assert_int_equal(eng_suppress(c, N_ELEMS(c), &g, 1, 10), KR_OK);
    /* route 3 alone would be recovered as 240 - 170 - 40 - 23: the smallest other part goes too */
    assert_int_equal(c[3].out, ENG_HIDDEN);
    assert_int_equal(c[4].out, ENG_HIDDEN);
    assert_int_equal(c[1].out, ENG_SHOWN);
    assert_int_equal(c[2].out, ENG_SHOWN);
    assert_int_equal(c[0].out, ENG_SHOWN);  /* the total stays: two parts are hidden now */
    assert_int_equal(c[5].out, ENG_SHOWN);
    assert_int_equal(c[6].out, ENG_HIDDEN);
    assert_int_equal(c[7].out, ENG_SHOWN);
    assert_int_equal(eng_suppress(c, N_ELEMS(c), &g, 1, 4), KR_EINVAL);

    /* perinatal deaths by route: 4, 4 and 1 are hidden, but the total minus route 1 would say they are 9 together */
    eng_cell d[] = {
        {ENG_CELL_PROPORTION, 30, 1000, 0, 0, 0},  /* 0: the total */
        {ENG_CELL_PROPORTION, 21, 600, 0, 0, 0},   /* 1: route 1 */
        {ENG_CELL_PROPORTION, 4, 200, 0, 0, 0},    /* 2: route 2 */
        {ENG_CELL_PROPORTION, 4, 100, 0, 0, 0},    /* 3: route 3 */
        {ENG_CELL_PROPORTION, 1, 100, 0, 0, 0},    /* 4: not screened */
    };
    eng_group gd = {0, parts, 4, 0};
    assert_int_equal(eng_suppress(d, N_ELEMS(d), &gd, 1, 10), KR_OK);
    assert_int_equal(d[1].out, ENG_HIDDEN);  /* 9 would be given away: route 1 goes too */
    assert_int_equal(d[0].out, ENG_SHOWN);
    /* 11 in route 3 and 6 unscreened: 4 and 6 are hidden, 10 together, and nothing more */
    d[3].teller = 11;
    d[4].teller = 6;
    d[0].teller = 42;
    for (size_t i = 0; i < N_ELEMS(d); i++)
        d[i].out = ENG_SHOWN;
    assert_int_equal(eng_suppress(d, N_ELEMS(d), &gd, 1, 10), KR_OK);
    assert_int_equal(d[1].out, ENG_SHOWN);
    assert_int_equal(d[3].out, ENG_SHOWN);
    assert_int_equal(d[2].out, ENG_HIDDEN);
    assert_int_equal(d[4].out, ENG_HIDDEN);
    /* where only the tellers add up (the noemers are one cohort), noemers of 4 + 4 say nothing: no more */
    eng_cell e[] = {
        {ENG_CELL_PROPORTION, 40, 60, 0, 0, 0},  /* 0: the total's teller is the parts' */
        {ENG_CELL_PROPORTION, 20, 60, 0, 0, 0},
        {ENG_CELL_PROPORTION, 12, 60, 0, 0, 0},
        {ENG_CELL_PROPORTION, 4, 60, 0, 0, 0},
        {ENG_CELL_PROPORTION, 4, 60, 0, 0, 0},
    };
    eng_group ge = {0, parts, 4, 1};
    assert_int_equal(eng_suppress(e, N_ELEMS(e), &ge, 1, 10), KR_OK);
    assert_int_equal(e[3].out + e[4].out, 2 * ENG_HIDDEN);  /* 8 together: the smallest shown part goes too */
    assert_int_equal(e[2].out, ENG_HIDDEN);
    assert_int_equal(e[1].out, ENG_SHOWN);
    /* a part of 0 would not change the sum of 5: the next smallest goes instead, and the 0 stays */
    eng_cell z[] = {
        {ENG_CELL_PROPORTION, 100, 400, 0, 0, 0}, {ENG_CELL_PROPORTION, 3, 50, 0, 0, 0},
        {ENG_CELL_PROPORTION, 2, 60, 0, 0, 0},    {ENG_CELL_PROPORTION, 0, 40, 0, 0, 0},
        {ENG_CELL_PROPORTION, 95, 250, 0, 0, 0},
    };
    eng_group gz = {0, parts, 4, 1};
    assert_int_equal(eng_suppress(z, N_ELEMS(z), &gz, 1, 10), KR_OK);
    assert_int_equal(z[1].out + z[2].out + z[4].out, 3 * ENG_HIDDEN);
    assert_int_equal(z[3].out, ENG_SHOWN);
}

/*
 * The groups of an nr x nc table with row, column and grand totals, cell (r, k) at r * (nc + 1) + k (row nr and
 * column nc the totals): a group per row and per column, parts from parts (room for 2 * (nr + 1) * (nc + 1)).
 * Returns the number of groups (nr + nc + 2).
 */
static size_t table_groups(int nr, int nc, size_t *parts, eng_group *g)
{
    size_t ng = 0, np = 0;
    for (int r = 0; r <= nr; r++) {
        for (int k = 0; k < nc; k++)
            parts[np + (size_t)k] = (size_t)r * (size_t)(nc + 1) + (size_t)k;
        g[ng++] = (eng_group){(size_t)r * (size_t)(nc + 1) + (size_t)nc, parts + np, (size_t)nc, 0};
        np += (size_t)nc;
    }
    for (int k = 0; k <= nc; k++) {
        for (int r = 0; r < nr; r++)
            parts[np + (size_t)r] = (size_t)r * (size_t)(nc + 1) + (size_t)k;
        g[ng++] = (eng_group){(size_t)nr * (size_t)(nc + 1) + (size_t)k, parts + np, (size_t)nr, 0};
        np += (size_t)nr;
    }
    return ng;
}

/* What the total minus the shown parts gives away: the hidden parts' tellers (and, where noemers add up, noemers and
 * complements) together, which must be 0 or at least m persons. */
static void check_hidden_sums(const eng_cell *c, const eng_group *g, long m, int round)
{
    if (c[g->total].out != ENG_SHOWN)
        return;
    long t = 0, n = 0;
    for (size_t j = 0; j < g->nparts; j++)
        if (c[g->parts[j]].out != ENG_SHOWN) {
            t += c[g->parts[j]].teller;
            n += c[g->parts[j]].noemer;
        }
    if ((t >= 1 && t < m) || (!g->tellers_only && ((n >= 1 && n < m) || (n - t >= 1 && n - t < m))))
        fail_msg("round %d: the hidden parts of a shown total hold %ld of %ld: given away", round, t, n);
}

/* Property test: on random tables, every shown cell obeys the primary rules and no group holds
 * exactly one suppressed cell (nothing can be recovered by subtraction). */
static void test_suppress_property(void **state)
{
    (void)state;
    uint64_t seed = 88172645463325252ull;
#define NEXT() (seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17, seed)
    for (int round = 0; round < 2000; round++) {
        eng_cell c[64];  /* at most 8 groups of 1 + 5 cells */
        size_t parts[8][6];
        eng_group g[8];
        int min_cell = 5 + (int)(NEXT() % 8);
        size_t n = 0, ng = 1 + NEXT() % 8;
        for (size_t k = 0; k < ng; k++) {
            size_t total = n++, np = 1 + NEXT() % 5;
            long noemer = (long)(NEXT() % 60);
            c[total] = (eng_cell){ENG_CELL_PROPORTION, 0, noemer, 0, 0, 0};
            for (size_t j = 0; j < np; j++) {
                long t = noemer ? (long)(NEXT() % (uint64_t)(noemer + 1)) : 0;
                parts[k][j] = n;
                c[n++] = (eng_cell){ENG_CELL_PROPORTION, t, noemer, 0, 0, 0};
                c[total].teller += t;
            }
            if (c[total].teller > noemer)
                c[total].noemer = c[total].teller;
            g[k] = (eng_group){total, parts[k], np, 1};  /* the parts share the total's noemer */
        }
        assert_int_equal(eng_suppress(c, n, g, ng, min_cell), KR_OK);
        for (size_t i = 0; i < n; i++) {
            if (c[i].out != ENG_SHOWN)
                continue;
            long t = c[i].teller, d = c[i].noemer;
            if (d < min_cell || (t >= 1 && t < min_cell) || (d - t >= 1 && d - t < min_cell))
                fail_msg("round %d: cell %zu (%ld of %ld) shown at min %d", round, i, t, d, min_cell);
        }
        for (size_t k = 0; k < ng; k++) {
            int hidden = c[g[k].total].out != ENG_SHOWN;
            for (size_t j = 0; j < g[k].nparts; j++)
                hidden += c[g[k].parts[j]].out != ENG_SHOWN;
            if (hidden == 1)
                fail_msg("round %d: group %zu holds exactly one suppressed cell", round, k);
            check_hidden_sums(c, &g[k], min_cell, round);
        }
    }
    /* overlapping groups: a table of sites x quarters with row, column and grand totals */
    for (int round = 0; round < 500; round++) {
        enum { R = 4, C = 4 };
        eng_cell c[(R + 1) * (C + 1)];
        size_t parts[2 * (R + 1) * (C + 1)];
        eng_group g[R + C + 2];
#define AT(r, k) ((size_t)(r) * (C + 1) + (size_t)(k))
        long noemer = 10 + (long)(NEXT() % 40);
        for (int r = 0; r <= R; r++)
            for (int k = 0; k <= C; k++)
                c[AT(r, k)] = (eng_cell){ENG_CELL_PROPORTION, 0, 0, 0, 0, 0};
        for (int r = 0; r < R; r++)
            for (int k = 0; k < C; k++) {
                long t = (long)(NEXT() % 14), d = t + (long)(NEXT() % (uint64_t)noemer);
                c[AT(r, k)].teller = t;
                c[AT(r, k)].noemer = d;
                c[AT(r, C)].teller += t;  /* row totals */
                c[AT(r, C)].noemer += d;
                c[AT(R, k)].teller += t;  /* column totals */
                c[AT(R, k)].noemer += d;
                c[AT(R, C)].teller += t;
                c[AT(R, C)].noemer += d;
            }
        size_t ng = table_groups(R, C, parts, g);
        assert_int_equal(eng_suppress(c, N_ELEMS(c), g, ng, 10), KR_OK);
        for (size_t k = 0; k < ng; k++) {
            int hidden = c[g[k].total].out != ENG_SHOWN;
            for (size_t j = 0; j < g[k].nparts; j++)
                hidden += c[g[k].parts[j]].out != ENG_SHOWN;
            if (hidden == 1)
                fail_msg("table round %d: group %zu holds exactly one suppressed cell", round, k);
            check_hidden_sums(c, &g[k], 10, round);
        }
#undef AT
    }
#undef NEXT
}

/* A group's hidden cells, counted plainly. */
static size_t ref_hidden(const eng_cell *c, const eng_group *g)
{
    size_t h = c[g->total].out != ENG_SHOWN;
    for (size_t j = 0; j < g->nparts; j++)
        h += c[g->parts[j]].out != ENG_SHOWN;
    return h;
}

static int ref_small(long x, long m) { return x >= 1 && x < m; }

/*
 * The secondary rule as docs/privacy.md words it, plainly: passes over every group in order until one changes
 * nothing. A group acts when it holds exactly one hidden cell, or when its total is shown and its hidden parts hold
 * 1..m-1 persons together (tellers; noemers and complements too where they add up). It hides the shown part that
 * leaves the fewest other groups with exactly one hidden cell (+1 for each it leaves so, -1 for each it settles),
 * then the one with the lower keep, the smaller teller, noemer, index; the total when no part is shown. A cell
 * hidden by the caller's own rule (primary) is hidden first; a cell the reader knows already (ENG_KEEP_KNOWN) only
 * when no other part and not the total can be: then the known part chosen the same way, else a known total.
 */
static void suppress_reference(eng_cell *c, size_t n, const eng_group *g, size_t ng, long m)
{
    for (size_t i = 0; i < n; i++) {
        long t = c[i].teller, d = c[i].noemer;
        if (c[i].kind == ENG_CELL_PROPORTION &&
            (c[i].primary || d < m || (t >= 1 && t < m) || (d - t >= 1 && d - t < m)))
            c[i].out = ENG_HIDDEN;
    }
    for (int changed = 1; changed;) {
        changed = 0;
        for (size_t k = 0; k < ng; k++) {
            size_t hidden = ref_hidden(c, &g[k]);
            long st = 0, sn = 0, sc = 0;
            for (size_t j = 0; j < g[k].nparts; j++) {
                const eng_cell *x = &c[g[k].parts[j]];
                if (x->out != ENG_SHOWN && x->kind == ENG_CELL_PROPORTION) {
                    st += x->teller;
                    sn += x->noemer;
                    sc += x->noemer - x->teller;
                }
            }
            int sums = ref_small(st, m) || (!g[k].tellers_only && (ref_small(sn, m) || ref_small(sc, m)));
            int act = hidden == 1 || (hidden > 1 && c[g[k].total].out == ENG_SHOWN && sums);
            if (!act)
                continue;
            /* a part that adds 0 to every sum at fault cannot mend it */
            int one = hidden == 1, tn = !g[k].tellers_only;
            size_t pick = n;
            long pick_cost = 0;
            for (int pass = 0; pass < 2 && pick == n; pass++) {
                if (pass == 1 && c[g[k].total].out == ENG_SHOWN && c[g[k].total].keep != ENG_KEEP_KNOWN)
                    break;  /* an unknown total goes before a known part */
                for (size_t j = 0; j < g[k].nparts; j++) {
                    size_t p = g[k].parts[j];
                    if (c[p].out != ENG_SHOWN || (c[p].keep == ENG_KEEP_KNOWN) != (pass == 1))
                        continue;
                    if (!one && !((ref_small(st, m) && c[p].teller != 0) ||
                                  (tn && ref_small(sn, m) && c[p].noemer != 0) ||
                                  (tn && ref_small(sc, m) && c[p].noemer != c[p].teller)))
                        continue;
                    long cost = 0;
                    for (size_t h = 0; h < ng; h++) {
                        int member = g[h].total == p;
                        for (size_t q = 0; q < g[h].nparts; q++)
                            member |= g[h].parts[q] == p;
                        if (h != k && member) {
                            size_t hh = ref_hidden(c, &g[h]);
                            cost += hh == 0 ? 1 : hh == 1 ? -1 : 0;
                        }
                    }
                    int better = pick == n || cost < pick_cost;
                    if (!better && cost == pick_cost)
                        better = c[p].keep != c[pick].keep ? c[p].keep < c[pick].keep
                               : c[p].teller != c[pick].teller ? c[p].teller < c[pick].teller
                               : c[p].noemer != c[pick].noemer ? c[p].noemer < c[pick].noemer
                                                               : p < pick;
                    if (better) {
                        pick = p;
                        pick_cost = cost;
                    }
                }
            }
            if (pick == n) {
                if (c[g[k].total].out != ENG_SHOWN)
                    continue;
                pick = g[k].total;
            }
            c[pick].out = ENG_HIDDEN;
            changed = 1;
        }
    }
}

/* Run after run, with cells hidden in between by the caller, the kept context hides what the plain rule hides. */
/* eng_retention_ages on hand-worked cohorts (the ages are s6m, s12m, s18m, s24m; min_cell 10). */
static void test_retention_ages(void **state)
{
    (void)state;
    static const struct {
        long cohort, at_risk[4], lost[4];
        int basic[4];     /* hidden before: fewer than 10 at risk */
        int shown[4], gap[4];
    } cases[] = {
        /* 12 months first: 100 - 80 = 20 left, 15 lost; 24 after 12: 20 left, 15 lost; 6 from birth: 5 left (too
         * close); 18 between 12 and 24: 10 left but 3 lost (too close) */
        {100, {95, 80, 70, 60}, {3, 15, 18, 30}, {0, 0, 0, 0}, {0, 1, 0, 1}, {1, 0, 1, 0}},
        /* nobody leaves: every step is 0 */
        {50, {50, 50, 50, 50}, {0, 0, 0, 0}, {0, 0, 0, 0}, {1, 1, 1, 1}, {0, 0, 0, 0}},
        /* 12 months too close to birth (9 left): hidden; 24 from birth 30 left, 20 lost: shown; then 6 (birth to 6:
         * 0 left; 6 to 24: 30, 20) shown; 18 (6 to 18: 20 left, 20 lost; 18 to 24: 10 left, 0 lost) shown */
        {100, {100, 91, 80, 70}, {0, 5, 20, 20}, {0, 0, 0, 0}, {1, 0, 1, 1}, {0, 1, 0, 0}},
        /* the 24-month row already hidden (5 at risk): not shown, not a gap; 18 from 12 is 1 left */
        {40, {30, 20, 19, 5}, {10, 20, 20, 25}, {0, 0, 0, 1}, {1, 1, 0, 0}, {0, 0, 1, 0}},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        cell c[4];
        cell *age[4];
        memset(c, 0, sizeof c);
        for (int q = 0; q < 4; q++) {
            c[q].km_hidden = cases[k].basic[q];
            age[q] = &c[q];
        }
        eng_retention_ages(age, cases[k].at_risk, cases[k].lost, cases[k].cohort, 10);
        for (int q = 0; q < 4; q++)
            if (c[q].km_hidden != !cases[k].shown[q] || c[q].km_gap != cases[k].gap[q])
                fail_msg("case %zu, age %d: hidden %d gap %d, want hidden %d gap %d", k, q, c[q].km_hidden, c[q].km_gap,
                         !cases[k].shown[q], cases[k].gap[q]);
    }
    /* an age without a row (a cohort too young) is skipped */
    cell c12;
    memset(&c12, 0, sizeof c12);
    cell *age[4] = {NULL, &c12, NULL, NULL};
    long ar[4] = {0, 85, 0, 0}, lo[4] = {0, 12, 0, 0};
    eng_retention_ages(age, ar, lo, 100, 10);
    assert_int_equal(c12.km_hidden, 0);
}

static void test_suppress_rounds(void **state)
{
    (void)state;
    uint64_t seed = 0x9e3779b97f4a7c15ull;
#define NEXT() (seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17, seed)
    enum { R = 5, C = 6 };
#define AT(r, k) ((size_t)(r) * (C + 1) + (size_t)(k))
    size_t parts[2 * (R + 1) * (C + 1)];
    eng_group g[R + C + 2];
    size_t ng = table_groups(R, C, parts, g);
    int differ = 0, hid_more = 0, known_kept = 0;
    for (int round = 0; round < 300; round++) {
        eng_cell c[(R + 1) * (C + 1)], ref[(R + 1) * (C + 1)];
        size_t n = N_ELEMS(c);
        /* a cell in eight known from a table published before, one in twelve hidden by the caller's own rule */
        for (size_t i = 0; i < n; i++) {
            unsigned k = (unsigned)(NEXT() % 24);
            c[i] = (eng_cell){ENG_CELL_PROPORTION, 0, 0, k == 23 || k == 22, 0,
                              (unsigned char)(k < 3 ? ENG_KEEP_KNOWN : NEXT() % 3)};
        }
        for (int r = 0; r < R; r++)
            for (int k = 0; k < C; k++) {
                long t = (long)(NEXT() % 30), d = t + (long)(NEXT() % 40);
                c[AT(r, k)].teller = t;
                c[AT(r, k)].noemer = d;
                c[AT(r, C)].teller += t;
                c[AT(r, C)].noemer += d;
                c[AT(R, k)].teller += t;
                c[AT(R, k)].noemer += d;
                c[AT(R, C)].teller += t;
                c[AT(R, C)].noemer += d;
            }
        memcpy(ref, c, sizeof c);
        eng_supp *S = NULL;
        assert_int_equal(eng_suppress_open(n, g, ng, 10, &S), KR_OK);
        for (int run = 0; run < 6; run++) {
            assert_int_equal(eng_suppress_run(S, c), KR_OK);
            suppress_reference(ref, n, g, ng, 10);
            for (size_t i = 0; i < n; i++) {
                differ += c[i].out != ref[i].out;
                known_kept += c[i].keep == ENG_KEEP_KNOWN && c[i].out == ENG_SHOWN;
            }
            /* the caller hides one to three shown cells of its own, in both */
            for (int h = (int)(NEXT() % 3); h >= 0; h--) {
                size_t i = (size_t)(NEXT() % n);
                if (c[i].out == ENG_SHOWN) {
                    c[i].out = ref[i].out = ENG_HIDDEN;
                    hid_more++;
                }
            }
        }
        eng_suppress_close(S);
    }
    assert_int_equal(differ, 0);
    assert_true(hid_more > 300);  /* the rounds did hide cells between runs */
    assert_true(known_kept > 100);  /* known cells were there to be picked, and were not */
#undef AT
#undef NEXT
}

/* Red/amber/green: green meets the target, amber when the interval contains it, red otherwise. */
static void test_rag(void **state)
{
    (void)state;
    assert_string_equal(eng_rag(92, 88, 95, 90, ENG_HIGHER, 0), "● groen");
    assert_string_equal(eng_rag(88, 85, 91, 90, ENG_HIGHER, 0), "◐ oranje");
    assert_string_equal(eng_rag(80, 75, 85, 90, ENG_HIGHER, 0), "○ rood");
    assert_string_equal(eng_rag(4, 2, 6, 5, ENG_LOWER, 0), "● groen");
    assert_string_equal(eng_rag(6, 4, 8, 5, ENG_LOWER, 0), "◐ oranje");
    assert_string_equal(eng_rag(9, 7, 11, 5, ENG_LOWER, 0), "○ rood");
    assert_string_equal(eng_rag(80, NAN, NAN, 90, ENG_HIGHER, 0), "○ rood");  /* no interval: green or red */
    assert_string_equal(eng_rag(NAN, NAN, NAN, 90, ENG_HIGHER, 1), "– grijs");
    assert_string_equal(eng_rag(50, 40, 60, NAN, ENG_HIGHER, 0), "");
}

/* ---- the disclosure audit: hand-made tables with what a reader can and cannot work out --------------------------- */

#define PROP_FLAGS (ENG_AV_T | ENG_AV_N | ENG_AV_LEQ | ENG_AV_COMPLEMENT)

static void eq2(eng_lin *L, size_t a, size_t b)  /* a = b */
{
    size_t v[2] = {a, b};
    int c[2] = {1, -1};
    assert_int_equal(eng_lin_eq(L, v, c, 2), KR_OK);
}

static void eq3(eng_lin *L, size_t a, size_t b, size_t total)  /* a + b = total */
{
    size_t v[3] = {a, b, total};
    int c[3] = {1, 1, -1};
    assert_int_equal(eng_lin_eq(L, v, c, 3), KR_OK);
}

static void test_audit_chain(void **state)
{
    (void)state;
    /* 0 = 1 + 2 (a breakdown with two hidden parts: safe alone); 3 = 1 + 4 (another grouping of part 1) */
    eng_cell c[5] = {
        {ENG_CELL_PROPORTION, 20, 50, 0, ENG_SHOWN, 0},  {ENG_CELL_PROPORTION, 3, 25, 0, ENG_HIDDEN, 0},
        {ENG_CELL_PROPORTION, 17, 25, 0, ENG_HIDDEN, 0}, {ENG_CELL_PROPORTION, 10, 40, 0, ENG_SHOWN, 0},
        {ENG_CELL_PROPORTION, 7, 15, 0, ENG_SHOWN, 0},
    };
    unsigned char f[5] = {PROP_FLAGS, PROP_FLAGS, PROP_FLAGS, PROP_FLAGS, PROP_FLAGS};
    eng_lin L;
    memset(&L, 0, sizeof L);
    for (int fld = 0; fld < 2; fld++)
        eq3(&L, 2 * 1 + fld, 2 * 2 + fld, 2 * 0 + fld);
    size_t hidden = 99;
    assert_int_equal(eng_audit(c, f, 5, &L, 10, &hidden), KR_OK);
    assert_int_equal(hidden, 0);  /* two unknowns in one group: nothing learned */
    for (int fld = 0; fld < 2; fld++)
        eq3(&L, 2 * 1 + fld, 2 * 4 + fld, 2 * 3 + fld);
    assert_int_equal(eng_audit(c, f, 5, &L, 10, &hidden), KR_OK);
    /* 10 - 7 = 3 gives part 1's teller: the smallest shown teller behind it (cell 4, 7) is hidden */
    assert_int_equal(hidden, 1);
    assert_int_equal(c[4].out, ENG_HIDDEN);
    assert_int_equal(c[3].out, ENG_SHOWN);
    assert_int_equal(eng_audit(c, f, 5, &L, 10, &hidden), KR_OK);
    assert_int_equal(hidden, 0);
    eng_lin_fini(&L);
}

static void test_audit_bounds(void **state)
{
    (void)state;
    /* 0 = 1 + 2 in tellers; the noemers of 1 and 2 equal those of shown cells 3 and 4 (8 each): with 0 <= teller <=
     * noemer, tellers adding up to 16 must be 8 and 8 */
    eng_cell c[5] = {
        {ENG_CELL_PROPORTION, 16, 40, 0, ENG_SHOWN, 0}, {ENG_CELL_PROPORTION, 8, 8, 0, ENG_HIDDEN, 0},
        {ENG_CELL_PROPORTION, 8, 8, 0, ENG_HIDDEN, 0},  {ENG_CELL_PROPORTION, 0, 8, 0, ENG_SHOWN, 0},
        {ENG_CELL_PROPORTION, 0, 8, 0, ENG_SHOWN, 0},
    };
    unsigned char f[5] = {PROP_FLAGS, PROP_FLAGS, PROP_FLAGS, PROP_FLAGS, PROP_FLAGS};
    eng_lin L;
    memset(&L, 0, sizeof L);
    eq3(&L, ENG_T(1), ENG_T(2), ENG_T(0));
    eq2(&L, ENG_N(1), ENG_N(3));
    eq2(&L, ENG_N(2), ENG_N(4));
    size_t hidden = 0;
    assert_int_equal(eng_audit(c, f, 5, &L, 10, &hidden), KR_OK);
    assert_true(hidden >= 1);
    assert_true(c[3].out == ENG_HIDDEN || c[4].out == ENG_HIDDEN || c[0].out == ENG_HIDDEN);
    eng_lin_fini(&L);
}

static void test_audit_blocks_and_false_relations(void **state)
{
    (void)state;
    /* two shown rows of nested cohorts 3 apart: the one with the smaller teller goes */
    eng_cell c[3] = {
        {ENG_CELL_PROPORTION, 20, 43, 0, ENG_SHOWN, 0},
        {ENG_CELL_PROPORTION, 12, 40, 0, ENG_SHOWN, 0},
        {ENG_CELL_PROPORTION, 30, 90, 0, ENG_SHOWN, 0},
    };
    unsigned char f[3] = {PROP_FLAGS, PROP_FLAGS, PROP_FLAGS};
    eng_lin L;
    memset(&L, 0, sizeof L);
    size_t b[2] = {ENG_N(0), ENG_N(1)};
    assert_int_equal(eng_lin_block(&L, b, 2), KR_OK);
    size_t hidden = 0;
    assert_int_equal(eng_audit(c, f, 3, &L, 10, &hidden), KR_OK);
    assert_int_equal(hidden, 1);
    assert_int_equal(c[1].out, ENG_HIDDEN);
    eng_lin_fini(&L);
    /* a relation that does not hold on the data tells the reader nothing true: ignored */
    eng_cell d[3] = {
        {ENG_CELL_PROPORTION, 20, 43, 0, ENG_SHOWN, 0},
        {ENG_CELL_PROPORTION, 4, 40, 0, ENG_HIDDEN, 0},
        {ENG_CELL_PROPORTION, 30, 90, 0, ENG_SHOWN, 0},
    };
    memset(&L, 0, sizeof L);
    eq3(&L, ENG_T(0), ENG_T(1), ENG_T(2));  /* 20 + 4 != 30 */
    assert_int_equal(eng_audit(d, f, 3, &L, 10, &hidden), KR_OK);
    assert_int_equal(hidden, 0);
    eng_lin_fini(&L);
}

/*
 * Counts published before: a year (cell 0) hidden now, its four quarters (1-4) shown; the year's teller is worked out
 * exactly (27) from them. Published before with 25 deaths, the difference says 2 deaths came since: a leak, and one
 * quarter is hidden behind it. A noemer 3 from the earlier one leaks the same way; 12 apart, or none, does not.
 */
static size_t audit_earlier_run(const long *tn, size_t npairs, eng_cell *out)
{
    eng_cell c[5] = {
        {ENG_CELL_PROPORTION, 27, 1000, 0, ENG_HIDDEN, 0}, {ENG_CELL_PROPORTION, 10, 250, 0, ENG_SHOWN, 0},
        {ENG_CELL_PROPORTION, 0, 250, 0, ENG_SHOWN, 0},    {ENG_CELL_PROPORTION, 12, 250, 0, ENG_SHOWN, 0},
        {ENG_CELL_PROPORTION, 5, 250, 0, ENG_SHOWN, 0},
    };
    unsigned char f[5] = {PROP_FLAGS, PROP_FLAGS, PROP_FLAGS, PROP_FLAGS, PROP_FLAGS};
    size_t first[6] = {0, npairs, npairs, npairs, npairs, npairs};
    eng_lin L;
    memset(&L, 0, sizeof L);
    for (int fld = 0; fld < 2; fld++) {
        size_t v[5] = {(size_t)fld, 2 + (size_t)fld, 4 + (size_t)fld, 6 + (size_t)fld, 8 + (size_t)fld};
        int co[5] = {-1, 1, 1, 1, 1};
        assert_int_equal(eng_lin_eq(&L, v, co, 5), KR_OK);
    }
    eng_audit_ctx *X = NULL;
    size_t hidden = 99;
    assert_int_equal(eng_audit_open(c, f, 5, &L, &X), KR_OK);
    eng_earlier E = {first, tn, NULL, NULL, 0};
    assert_int_equal(eng_audit_earlier(X, npairs ? &E : NULL, 1), KR_OK);
    assert_int_equal(eng_audit_run(X, c, 10, &hidden), KR_OK);
    eng_audit_close(X);
    eng_lin_fini(&L);
    memcpy(out, c, sizeof c);
    return hidden;
}

static void test_audit_earlier(void **state)
{
    (void)state;
    eng_cell c[5];
    /* teller, noemer, shown (ENG_EARLIER_W each) */
    static const long teller2[] = {25, 1000, 1}, noemer3[] = {27, 1003, 1}, far[] = {15, 988, 1},
                      both[] = {15, 988, 1, 25, 1000, 1}, worked[] = {25, 1000, 0};
    assert_int_equal(audit_earlier_run(NULL, 0, c), 0);  /* nothing published before: the year is safe */
    assert_int_equal(audit_earlier_run(teller2, 1, c), 1);
    assert_int_equal(c[0].out, ENG_HIDDEN);
    assert_true(c[1].out == ENG_HIDDEN || c[2].out == ENG_HIDDEN || c[3].out == ENG_HIDDEN || c[4].out == ENG_HIDDEN);
    assert_int_equal(audit_earlier_run(noemer3, 1, c), 1);
    assert_int_equal(audit_earlier_run(far, 1, c), 0);  /* 12 deaths and 12 births apart: not a few persons */
    assert_int_equal(audit_earlier_run(both, 2, c), 1);  /* any table published before counts */
    assert_int_equal(audit_earlier_run(worked, 1, c), 1);  /* so does a count a reader worked out then */
    /* a hidden row whose teller was published before as it is now (its noemer grew since): the reader who guesses
     * "unchanged" knows the 20, and total 25 minus 20 gives the hidden 5; the total goes */
    eng_cell g[3] = {
        {ENG_CELL_PROPORTION, 25, 700, 0, ENG_SHOWN, 0},
        {ENG_CELL_PROPORTION, 20, 520, 0, ENG_HIDDEN, 0},
        {ENG_CELL_PROPORTION, 5, 180, 0, ENG_HIDDEN, 0},
    };
    unsigned char gf[3] = {PROP_FLAGS, PROP_FLAGS, PROP_FLAGS};
    static const long was[] = {20, 500, 1}, was_worked[] = {20, 500, 0};
    size_t gfirst[4] = {0, 0, 1, 1};
    for (int with = 0; with < 3; with++) {
        eng_lin L;
        memset(&L, 0, sizeof L);
        for (int fld = 0; fld < 2; fld++)
            eq3(&L, ENG_T(1) + (size_t)fld, ENG_T(2) + (size_t)fld, ENG_T(0) + (size_t)fld);
        eng_audit_ctx *X = NULL;
        size_t hidden = 99;
        g[0].out = ENG_SHOWN;
        assert_int_equal(eng_audit_open(g, gf, 3, &L, &X), KR_OK);
        /* 0: nothing published; 1: the 20 shown before; 2: the 20 only worked out before (from another table; the
         * audit then works it out again where it can, and does not take it as given) */
        eng_earlier GE = {gfirst, with == 2 ? was_worked : was, NULL, NULL, 0};
        assert_int_equal(eng_audit_earlier(X, with ? &GE : NULL, 1), KR_OK);
        assert_int_equal(eng_audit_run(X, g, 10, &hidden), KR_OK);
        assert_int_equal(hidden, (size_t)(with == 1));
        assert_int_equal(g[0].out, with == 1 ? ENG_HIDDEN : ENG_SHOWN);
        eng_audit_close(X);
        eng_lin_fini(&L);
    }
    /* the primary rule's side: a row within a few persons of a count published before */
    static const long pub[] = {25, 1000, 1, -1, 40, 1};
    assert_true(eng_earlier_near(pub, 1, 27, 1000, 1, 1, 10));   /* teller 2 apart */
    assert_true(eng_earlier_near(pub, 1, 25, 1004, 1, 1, 10));   /* noemer 4 apart */
    assert_true(eng_earlier_near(pub, 1, 35, 1015, 1, 1, 10));   /* 10 and 15 apart, but the rest only 5 */
    assert_false(eng_earlier_near(pub, 1, 35, 1015, 1, 0, 10));  /* ... where the rest is no count of persons */
    assert_false(eng_earlier_near(pub, 1, 25, 1000, 1, 1, 10));  /* the same counts again */
    assert_false(eng_earlier_near(pub, 1, 40, 1030, 1, 1, 10));  /* 15, 30 and 15 apart */
    assert_false(eng_earlier_near(pub, 1, 25, 1005, 0, 0, 10));  /* a count: its noemer is no count of persons */
    assert_true(eng_earlier_near(pub + 3, 1, 3, 45, 1, 1, 10));  /* no teller published (a quantile row): its noemer */
    assert_false(eng_earlier_near(pub + 3, 1, 3, 40, 1, 1, 10));
    /* shown before with these counts: known; only worked out before, or other counts: not */
    static const long seen[] = {25, 1000, 1, 30, 1000, 0};
    assert_true(eng_earlier_same(seen, 2, 25, 1000, 1));
    assert_false(eng_earlier_same(seen, 2, 30, 1000, 1));
    assert_false(eng_earlier_same(seen, 2, 25, 1001, 1));
    assert_true(eng_earlier_near(seen + 3, 1, 32, 1000, 1, 1, 10));  /* a count worked out before: held against */
    assert_false(eng_earlier_near(NULL, 0, 3, 40, 1, 1, 10));
}

/*
 * The difference with a table published whole: total = a + b + c (counts of persons); now total 60, a 30 shown, b and
 * c hidden (together 30, c as given, each as the caller decided), b shown where b_shown, c where c_shown. then: the
 * raw counts of total, a, b and c in the table published before; the reader had those in known (bit i: row i), a row
 * in absent was not in that table. other_a: a's row in a second table published (-1: none), which must not be mixed
 * with the first. Without published no table was published whole. lo, hi: what the reader of that table knew of a
 * hidden row (hi -1: no bound). Returns the cells the delta audit hides; out: the cells after it.
 */
static size_t audit_delta_bounded(int published, const long then[4], unsigned known, unsigned absent, const long lo[4],
                                  const long hi[4], long c_now, int c_shown, int b_shown, long other_a, eng_cell *out)
{
    eng_cell c[4] = {
        {ENG_CELL_COUNT, 60, -1, 0, ENG_SHOWN, 0},
        {ENG_CELL_COUNT, 30, -1, 0, ENG_SHOWN, 0},
        {ENG_CELL_COUNT, 30 - c_now, -1, 0, b_shown ? ENG_SHOWN : ENG_HIDDEN, 0},
        {ENG_CELL_COUNT, c_now, -1, 0, c_shown ? ENG_SHOWN : ENG_HIDDEN, 0},
    };
    unsigned char f[4] = {ENG_AV_T, ENG_AV_T, ENG_AV_T, ENG_AV_T};
    eng_lin L;
    memset(&L, 0, sizeof L);
    size_t v[4] = {ENG_T(1), ENG_T(2), ENG_T(3), ENG_T(0)};
    int coef[4] = {1, 1, 1, -1};
    assert_int_equal(eng_lin_eq(&L, v, coef, 4), KR_OK);
    long ttn[5 * ENG_TABLE_W];
    size_t m = 0, tfirst[5];
    tfirst[0] = 0;
    for (unsigned i = 0; i < 4; i++) {
        if (!(absent >> i & 1)) {  /* table, teller, noemer (a count: none), raw teller and noemer, bounds */
            long t = known >> i & 1 ? then[i] : -1;
            long row[ENG_TABLE_W] = {0, t, -1, then[i], -1, t >= 0 ? t : lo[i], t >= 0 ? t : hi[i], 0, -1};
            memcpy(ttn + ENG_TABLE_W * m++, row, sizeof row);
        }
        if (i == 1 && other_a >= 0) {
            long row[ENG_TABLE_W] = {1, other_a, -1, other_a, -1, other_a, other_a, 0, -1};
            memcpy(ttn + ENG_TABLE_W * m++, row, sizeof row);
        }
        tfirst[i + 1] = m;
    }
    size_t first[5] = {0, 0, 0, 0, 0};
    static const long none[1] = {0};
    eng_earlier E = {first, none, tfirst, ttn, published ? 2 : 0};
    eng_audit_ctx *X = NULL;
    size_t hidden = 99, more = 99;
    assert_int_equal(eng_audit_open(c, f, 4, &L, &X), KR_OK);
    assert_int_equal(eng_audit_earlier(X, &E, 0), KR_OK);
    assert_int_equal(eng_audit_run(X, c, 10, &more), KR_OK);
    assert_int_equal(more, 0);  /* the table alone gives no one away */
    assert_int_equal(eng_audit_delta(X, c, &hidden), KR_OK);
    memcpy(out, c, sizeof c);
    eng_audit_close(X);
    eng_lin_fini(&L);
    return hidden;
}

static size_t audit_delta_run(int published, const long then[4], unsigned known, unsigned absent, long c_now,
                              int c_shown, int b_shown, long other_a, eng_cell *out)
{
    static const long lo[4] = {0, 0, 0, 0}, hi[4] = {-1, -1, -1, -1};
    return audit_delta_bounded(published, then, known, absent, lo, hi, c_now, c_shown, b_shown, other_a, out);
}

static void test_audit_delta(void **state)
{
    (void)state;
    eng_cell c[4];
    enum { TOT = 1, A = 2, B = 4, C = 8 };
    /* then 51 and 30 shown: the hidden b and c gained 9 together; the total (the only difference not 0) goes */
    assert_int_equal(audit_delta_run(1, (long[]){51, 30, 12, 9}, TOT | A, 0, 12, 0, 0, -1, c), 1);
    assert_int_equal(c[0].out, ENG_HIDDEN);
    assert_int_equal(c[1].out, ENG_SHOWN);
    /* then 45 and 24: 15 and 6 more, so 9 in b and c; of the two differences the smaller row goes */
    assert_int_equal(audit_delta_run(1, (long[]){45, 24, 12, 9}, TOT | A, 0, 12, 0, 0, -1, c), 1);
    assert_int_equal(c[1].out, ENG_HIDDEN);
    assert_int_equal(c[0].out, ENG_SHOWN);
    /* then 40 and 30: 20 more in b and c, no few persons */
    assert_int_equal(audit_delta_run(1, (long[]){40, 30, 5, 5}, TOT | A, 0, 12, 0, 0, -1, c), 0);
    /* then 69 and 30: 9 fewer (a correction took them away): as telling */
    assert_int_equal(audit_delta_run(1, (long[]){69, 30, 25, 14}, TOT | A, 0, 12, 0, 0, -1, c), 1);
    /* c not in the table then (a quarter that had not begun): the same 9 in b and c */
    assert_int_equal(audit_delta_run(1, (long[]){51, 30, 21, 0}, TOT | A, C, 12, 0, 0, -1, c), 1);
    /* without a table published whole: nothing to subtract */
    assert_int_equal(audit_delta_run(0, (long[]){51, 30, 12, 9}, TOT | A, 0, 12, 0, 0, -1, c), 0);
    /* then 45 with a hidden, and a's 24 from another table: a, b and c gained 15 together; taken with the 24 of the
     * other table, b and c would have gained 9, but no reader holds one table with both */
    assert_int_equal(audit_delta_run(1, (long[]){45, 20, 15, 10}, TOT, 0, 12, 0, 0, 24, c), 0);
    /* b 18, shown in both; c hidden now and worked out as 60 - 30 - 18 = 12, hidden then: then 55 says c grew by 5,
     * from 7: the total goes */
    assert_int_equal(audit_delta_run(1, (long[]){55, 30, 18, 7}, TOT | A | B, 0, 12, 0, 1, -1, c), 1);
    assert_int_equal(c[0].out, ENG_HIDDEN);
    /* then 48: c then 0, 12 more since */
    assert_int_equal(audit_delta_run(1, (long[]){48, 30, 18, 0}, TOT | A | B, 0, 12, 0, 1, -1, c), 0);
    /* c shown now (12) and worked out then as 12: nothing changed */
    assert_int_equal(audit_delta_run(1, (long[]){60, 30, 18, 12}, TOT | A | B | C, 0, 12, 1, 1, -1, c), 0);
    /* b 18, shown in both; c hidden now, worked out as 60 - 30 - 18 = 12; hidden then, but its reader narrowed it to
     * 6 .. 8: c gained 4 to 6 persons. Of the rows c was worked out from, the smallest (b) goes */
    eng_cell c2[4];
    assert_int_equal(audit_delta_bounded(1, (long[]){55, 30, 18, 7}, A | B, 0, (long[]){50, 0, 0, 6},
                                         (long[]){60, -1, -1, 8}, 12, 0, 1, -1, c2), 1);
    assert_int_equal(c2[2].out, ENG_HIDDEN);
    assert_int_equal(c2[0].out, ENG_SHOWN);
    /* ... narrowed to 0 .. 8 then, and the total to 45 .. 60: c gained 4 to 12, and may have been 0 then */
    assert_int_equal(audit_delta_bounded(1, (long[]){55, 30, 18, 7}, A | B, 0, (long[]){45, 0, 0, 0},
                                         (long[]){60, -1, -1, 8}, 12, 0, 1, -1, c2), 0);
    /* with the total narrowed to 50 .. 60 then, c gained 4 to 10, so it was 2 to 8 then: a few persons after all */
    assert_int_equal(audit_delta_bounded(1, (long[]){55, 30, 18, 7}, A | B, 0, (long[]){50, 0, 0, 0},
                                         (long[]){60, -1, -1, 8}, 12, 0, 1, -1, c2), 1);
    /* then the total was no sum of its parts (51 against 30 + 12 + 12: a cohort not yet closed): the relation did not
     * hold then, and a reader who takes the difference for 9 in b and c is misled, not told */
    assert_int_equal(audit_delta_run(1, (long[]){51, 30, 12, 12}, TOT | A, 0, 12, 0, 0, -1, c), 0);
}

/* A small random generator for the round-by-round check (the same tables on every machine). */
static unsigned audit_rnd(unsigned long long *s, unsigned m)
{
    *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
    return (unsigned)((*s >> 33) % m);
}

/*
 * A context kept over rounds works out again only what a newly hidden cell changed; each round must hide exactly what
 * a fresh audit of the same cells hides. Random tables of groups (relations that hold), equalities and false
 * relations, nested blocks; between rounds cells are hidden, now and then one is shown again or min_cell changes.
 */
static void test_audit_rounds(void **state)
{
    (void)state;
    for (unsigned long long it = 0; it < 1500; it++) {
        unsigned long long s = it * 7919 + 17;
        enum { CAP = 400 };
        eng_cell c[CAP], ref[CAP];
        unsigned char f[CAP];
        size_t n = 10 + audit_rnd(&s, 120), var[8];
        int coef[8];
        eng_lin L;
        memset(&L, 0, sizeof L);
        memset(c, 0, sizeof c);
        for (size_t i = 0; i < n; i++) {
            unsigned k = audit_rnd(&s, 10);
            c[i].kind = k < 6 ? ENG_CELL_PROPORTION : k < 8 ? ENG_CELL_COUNT : k < 9 ? ENG_CELL_DECIDED
                                                                                     : ENG_CELL_NOT_PERSONS;
            c[i].noemer = audit_rnd(&s, 4) ? audit_rnd(&s, 40) : audit_rnd(&s, 3);
            c[i].teller = audit_rnd(&s, (unsigned)c[i].noemer + 1);
        }
        for (size_t g = audit_rnd(&s, 150); g > 0 && n < CAP; g--, n++) {  /* a new total of 2-5 parts */
            size_t np = 2 + audit_rnd(&s, 4);
            for (size_t p = 0; p < np; p++) {
                var[p] = audit_rnd(&s, (unsigned)n);
                c[n].teller += c[var[p]].teller;
                c[n].noemer += c[var[p]].noemer;
            }
            c[n].kind = c[var[0]].kind;
            for (size_t fld = 0; fld < 2; fld++) {
                size_t v[8];
                for (size_t p = 0; p < np; p++) {
                    v[p] = 2 * var[p] + fld;
                    coef[p] = 1;
                }
                v[np] = 2 * n + fld;
                coef[np] = -1;
                if (audit_rnd(&s, 5))
                    assert_int_equal(eng_lin_eq(&L, v, coef, np + 1), KR_OK);
            }
        }
        for (size_t q = audit_rnd(&s, 60); q > 0; q--) {  /* equalities, mostly false */
            var[0] = 2 * audit_rnd(&s, (unsigned)n) + audit_rnd(&s, 2);
            var[1] = 2 * audit_rnd(&s, (unsigned)n) + audit_rnd(&s, 2);
            coef[0] = 1;
            coef[1] = -1;
            assert_int_equal(eng_lin_eq(&L, var, coef, 2), KR_OK);
        }
        for (size_t b = audit_rnd(&s, 30); b > 0; b--) {
            size_t m = 2 + audit_rnd(&s, 4);
            for (size_t k = 0; k < m; k++)
                var[k] = 2 * audit_rnd(&s, (unsigned)n) + audit_rnd(&s, 2);
            assert_int_equal(eng_lin_block(&L, var, m), KR_OK);
        }
        for (size_t i = 0; i < n; i++) {
            f[i] = c[i].kind == ENG_CELL_NOT_PERSONS ? 0
                   : c[i].kind == ENG_CELL_COUNT     ? ENG_AV_T
                   : c[i].kind == ENG_CELL_DECIDED   ? ENG_AV_T | ENG_AV_N | ENG_AV_LEQ
                                                     : PROP_FLAGS;
            c[i].out = (c[i].teller >= 1 && c[i].teller < 5 && audit_rnd(&s, 2)) || audit_rnd(&s, 8) == 0;
        }
        eng_audit_ctx *X = NULL;
        assert_int_equal(eng_audit_open(c, f, n, &L, &X), KR_OK);
        int min_cell = 5 + (int)audit_rnd(&s, 6);
        for (int r = 0; r < 100; r++) {
            size_t hidden = 0, want = 0;
            memcpy(ref, c, n * sizeof *c);
            assert_int_equal(eng_audit(ref, f, n, &L, min_cell, &want), KR_OK);
            assert_int_equal(eng_audit_run(X, c, min_cell, &hidden), KR_OK);
            assert_int_equal(hidden, want);
            assert_memory_equal(c, ref, n * sizeof *c);
            unsigned ev = audit_rnd(&s, 20);
            if (ev < 6)
                c[audit_rnd(&s, (unsigned)n)].out = ENG_HIDDEN;
            else if (ev == 6)
                c[audit_rnd(&s, (unsigned)n)].out = ENG_SHOWN;
            else if (ev == 7)
                min_cell = 5 + (int)audit_rnd(&s, 6);
            else if (hidden == 0 && ev > 12)
                break;
        }
        eng_audit_close(X);
        eng_lin_fini(&L);
    }
}

/* The read beside linkage: on its own connection and thread, while the caller holds its write transaction, it
 * stages the same rows as a read on the caller's connection; KANSRIJK_THREADS=1 keeps it from starting. */
static void test_prefetch(void **state)
{
    (void)state;
    char *dir = tu_tmpdir(), path[1100], err[512] = "";
    sqlite3 *db = NULL;
    (void)snprintf(path, sizeof path, "%s/k.db", dir);
    assert_int_equal(kr_db_open(path, KR_DB_CREATE, &db, err, sizeof err), KR_OK);
    assert_int_equal(
        sqlite3_exec(db,
                     "INSERT INTO levering (id, type, bestand, sha256, bytes, status, ingelezen_op) "
                     "VALUES (1, 'screening', 'x', 'x', 0, 'actief', 'x');"
                     "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) "
                     "INSERT INTO screening (id, levering_id, regel, sleutel, client_pseudoniem, a_terme_datum, "
                     "organisatie, screening_datum, instrument, route, risicofactoren) "
                     "SELECT 2 * i, 1, i, i, 'c' || i, '2025-06-01', 'VP', "
                     "date('2024-01-01', '+' || (i % 400) || ' days'), 'anna', 1 + i % 3, "
                     "CASE i % 3 WHEN 0 THEN NULL WHEN 1 THEN 'schulden' ELSE 'schulden|tienerzwangerschap' END FROM n;"
                     "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500) "
                     "INSERT INTO mdo (id, levering_id, regel, sleutel, client_pseudoniem, a_terme_datum, organisatie, "
                     "aanmelddatum, regie_type) SELECT 3 * i, 1, i, i, 'c' || i, '2025-06-01', 'VP', '2025-01-01', "
                     "CASE i % 3 WHEN 0 THEN NULL WHEN 1 THEN 'jgz' ELSE 'verloskundige' END FROM n",
                     NULL, NULL, NULL),
        SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);  /* as compute holds it */
    eng_prefetch *p = NULL;
    assert_int_equal(eng_prefetch_start(db, &p), KR_OK);
    assert_non_null(p);  /* a database file, SQLite with threads: it runs */
    eng_stage *a = eng_prefetch_stage(p), b;
    assert_non_null(a);
    eng_stage_init(&b);
    assert_int_equal(eng_stage_read(db, &b), KR_OK);
    assert_int_equal(a->sc.n, 3000);
    assert_int_equal(a->md.n, 500);
    assert_int_equal(b.sc.n, a->sc.n);
    assert_int_equal(b.md.n, a->md.n);
    assert_int_equal(a->jg.n + a->zw.n + a->bv.n + a->ze.n + a->ov.n, 0);
    for (size_t i = 0; i < a->sc.n; i++) {
        assert_int_equal(a->sc.r[i].rowid, 2 * (int64_t)(i + 1));  /* in rowid order */
        assert_int_equal(a->sc.r[i].rowid, b.sc.r[i].rowid);
        assert_int_equal(a->sc.r[i].d, b.sc.r[i].d);
        assert_int_equal(a->sc.r[i].route, (int)((i + 1) % 3) + 1);
        assert_int_equal(a->sc.r[i].risks, b.sc.r[i].risks);
        assert_int_equal(a->sc.r[i].risks == 0, (i + 1) % 3 == 0);
    }
    for (size_t i = 0; i < a->md.n; i++) {
        const char *ta = a->md.r[i].type < 0 ? NULL : a->dict[SXD_REGIE].s[a->md.r[i].type];
        const char *tb = b.md.r[i].type < 0 ? NULL : b.dict[SXD_REGIE].s[b.md.r[i].type];
        assert_int_equal(ta == NULL, (i + 1) % 3 == 0);  /* NULL stays NULL */
        if (ta)
            assert_string_equal(ta, tb);
        else
            assert_null(tb);
    }
    eng_stage_fini(&b);
    eng_prefetch_free(p);
    /* one thread asked for: it does not start, and compute reads on its own connection */
    assert_int_equal(setenv("KANSRIJK_THREADS", "1", 1), 0);
    p = (eng_prefetch *)&b;  /* anything but NULL, to see it cleared */
    assert_int_equal(eng_prefetch_start(db, &p), KR_OK);
    assert_null(p);
    assert_int_equal(unsetenv("KANSRIJK_THREADS"), 0);
    assert_int_equal(sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
    kr_db_close(db);
    tu_rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wilson), cmocka_unit_test(test_kaplan_meier), cmocka_unit_test(test_wls),
        cmocka_unit_test(test_funnel), cmocka_unit_test(test_overdispersion), cmocka_unit_test(test_ratios),
        cmocka_unit_test(test_catalogue), cmocka_unit_test(test_row_protection), cmocka_unit_test(test_indicator_rows),
        cmocka_unit_test(test_indicator_rows_refused), cmocka_unit_test(test_suppress_example),
        cmocka_unit_test(test_suppress_property),
        cmocka_unit_test(test_suppress_rounds), cmocka_unit_test(test_retention_ages),
        cmocka_unit_test(test_rag), cmocka_unit_test(test_prefetch),
        cmocka_unit_test(test_audit_chain), cmocka_unit_test(test_audit_bounds),
        cmocka_unit_test(test_audit_blocks_and_false_relations), cmocka_unit_test(test_audit_rounds),
        cmocka_unit_test(test_audit_earlier),
        cmocka_unit_test(test_audit_delta),
    };
    return cmocka_run_group_tests_name("stats", tests, NULL, NULL);
}
