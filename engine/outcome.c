/*
 * The outcome table from the trajectory facts: every person-based indicator of
 * OUTCOMES.md per region and site (and all together), per breakdown, per
 * quarter and year (and rolling three-year windows for the perinatal outcomes),
 * with Wilson intervals, Kaplan-Meier quantiles and retention, relative risks,
 * observed/expected ratios, the shift to the 1st line, targets and status —
 * and disclosure control before anything is written to `uitkomst`.
 */
#include "engine_int.h"
#include "audit.h"
#include "stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define STAR 0   /* index 0 of every dictionary is '*' (all) or '' (totaal) */

/* ---- indicators over rows of facts -------------------------------------------------------------- */

/* Breakdowns a row may carry; G_STRATUM (leeftijdsklasse x pariteit) is internal, for O/E. */
enum { G_TOTAAL, G_ROUTE, G_GEMEENTE, G_LEEFTIJD, G_PARITEIT, G_SOORT, G_REGIE, G_STRATUM, G_N };
static const char *const group_names[G_N] = {"totaal", "route", "gemeente", "leeftijdsklasse", "pariteit",
                                             "overdracht_soort", "regie_type", "stratum"};
#define B(g) (1u << (g))

enum { ROWS_PREG, ROWS_KIDS, ROWS_HAND, ROWS_EPS };
/* How a row's teller and noemer are made: persons; a count of persons; care-days; a distribution over regie types. */
enum { K_PROP, K_COUNT, K_DAYS, K_REGIE };

typedef struct ind_def {
    const char *id;
    const char *unit;  /* %, per1000, aantal */
    int rows;          /* ROWS_* */
    int kind;          /* K_* */
    int horizon;       /* voorlopig: days after the period's end the cohort can still change */
    unsigned groups;   /* breakdowns besides totaal */
    int arg;           /* for families: the route, risk factor, moment, transition */
    /* 1 when f is in the denominator; sets the cohort date and whether it counts in the numerator */
    int (*eval)(const fact *f, kr_date peil, int arg, kr_date *cohort, int *num);
} ind_def;

/* "Within N days": event - start <= N; counted once the window closed or the event happened. */
static int within(kr_date start, kr_date event, int days, kr_date peil, int *num)
{
    int happened = event != KR_NO_DATE && event - start <= days;
    if (!happened && start + days > peil)
        return 0;
    *num = happened;
    return 1;
}

/* A discussion after birth counts as not held. */
static kr_date mdo_event(const fact *f)
{
    return f->bespreek != KR_NO_DATE && (f->birth == KR_NO_DATE || f->bespreek < f->birth) ? f->bespreek : KR_NO_DATE;
}

/*
 * The intake cohort of the route-based indicators: pregnancies with a zwangerschap row and at
 * least route min_route (0: all, 1: screened, 2: routes 2 and 3); sets the cohort date.
 */
static int intake_cohort(const fact *f, int min_route, kr_date *c)
{
    if (f->intake == KR_NO_DATE || f->route < min_route)
        return 0;
    *c = f->intake;
    return 1;
}

static int ev_gescreend(const fact *f, kr_date peil, int arg, kr_date *c, int *num)
{
    (void)peil, (void)arg;
    *num = f->route > 0;
    return intake_cohort(f, 0, c);
}

static int ev_vroeg(const fact *f, kr_date peil, int arg, kr_date *c, int *num)
{
    (void)arg;
    if (f->intake == KR_NO_DATE)
        return 0;
    kr_date d16 = f->due - 168;  /* the date of 16+0 weeks */
    if (d16 > peil && f->first_sc == KR_NO_DATE)
        return 0;  /* the window has not closed and nothing happened yet */
    *c = f->intake;
    *num = f->first_sc != KR_NO_DATE && f->first_sc <= d16;
    return 1;
}

/* route.verdeling.<arg>: arg 0 is niet_gescreend */
static int ev_verdeling(const fact *f, kr_date peil, int arg, kr_date *c, int *num)
{
    (void)peil;
    *num = f->route == arg;
    return intake_cohort(f, 0, c);
}

/* route.overgang.A_B (arg A * 10 + B): screened pregnancies, signalled in route A and ending in B */
static int ev_overgang(const fact *f, kr_date peil, int arg, kr_date *c, int *num)
{
    (void)peil;
    *num = f->route_sig == arg / 10 && f->route == arg % 10;
    return intake_cohort(f, 1, c);
}

static int ev_risico(const fact *f, kr_date peil, int arg, kr_date *c, int *num)
{
    (void)peil;
    *num = (f->risks >> arg) & 1;
    return intake_cohort(f, 2, c);
}

static int ev_psy(const fact *f, kr_date peil, int arg, kr_date *c, int *num)
{
    (void)peil, (void)arg;
    *num = f->psy;
    return intake_cohort(f, 2, c);
}

static int ev_zorgdagen(const fact *f, kr_date peil, int arg, kr_date *c, int *num)
{
    (void)peil, (void)arg;
    *num = 0;  /* care-days: teller and noemer come from the row's days */
    return intake_cohort(f, 2, c);
}

static int ev_terugverwijzing(const fact *f, kr_date peil, int arg, kr_date *c, int *num)
{
    (void)peil, (void)arg;
    if (!f->ep_den)
        return 0;
    *c = f->ep_start;
    *num = f->ep_num;
    return 1;
}

static int ev_jgz_tijdig(const fact *f, kr_date peil, int arg, kr_date *c, int *num)
{
    (void)arg;
    if (f->intake == KR_NO_DATE || f->route != 2 || f->sig2 == KR_NO_DATE)
        return 0;
    *c = f->sig2;
    return within(f->sig2, f->jgz, 14, peil, num);
}

static int ev_mdo_tijdig(const fact *f, kr_date peil, int arg, kr_date *c, int *num)
{
    (void)arg;
    if (f->intake == KR_NO_DATE || f->route != 3 || f->sig3 == KR_NO_DATE)
        return 0;
    *c = f->sig3;
    return within(f->sig3, mdo_event(f), 14, peil, num);
}

static int ev_regie(const fact *f, kr_date peil, int arg, kr_date *c, int *num)
{
    (void)arg;
    if (f->intake == KR_NO_DATE || f->route != 3 || f->sig3 == KR_NO_DATE)
        return 0;
    *c = f->sig3;
    return within(f->sig3, f->regie, 28, peil, num);
}

/* The regie_type distribution: route-3 pregnancies with a regie within 28 days (num: its type's id). */
static int ev_regie_type(const fact *f, kr_date peil, int arg, kr_date *c, int *num)
{
    (void)peil, (void)arg;
    if (f->intake == KR_NO_DATE || f->route != 3 || f->sig3 == KR_NO_DATE || f->regie == KR_NO_DATE ||
        f->regie - f->sig3 > 28)
        return 0;
    *c = f->sig3;
    *num = f->regie_type;
    return 1;
}

static int ev_huisbezoek(const fact *f, kr_date peil, int arg, kr_date *c, int *num)
{
    (void)peil, (void)arg;
    /* the signalling date: of route 2 the first screening with route 2 or higher, of route 3 with route 3 */
    kr_date sig = f->route == 3 ? f->sig3 : f->sig2;
    if (f->intake == KR_NO_DATE || f->route < 2 || sig == KR_NO_DATE || f->birth == KR_NO_DATE)
        return 0;
    *c = sig;
    *num = f->huisbezoek;
    return 1;
}

static int ev_eerste_lijn(const fact *f, kr_date peil, int arg, kr_date *c, int *num)
{
    (void)peil, (void)arg;
    if (f->birth == KR_NO_DATE || f->lijn_baring == 0)
        return 0;
    *c = f->birth;
    *num = f->lijn_baring == 1;
    return 1;
}

static int ev_koppeling_jgz(const fact *f, kr_date peil, int arg, kr_date *c, int *num)
{
    (void)peil, (void)arg;
    *num = f->jgz_any;
    return intake_cohort(f, 2, c);
}

static int ev_koppeling_bevalling(const fact *f, kr_date peil, int arg, kr_date *c, int *num)
{
    (void)peil, (void)arg;
    if (f->birth == KR_NO_DATE || f->children == 0)
        return 0;
    *c = f->birth;
    *num = f->intake != KR_NO_DATE;
    return 1;
}

/* Handovers, cohort the sending date. */
static int ev_warm(const fact *f, kr_date peil, int arg, kr_date *c, int *num)
{
    (void)peil, (void)arg;
    if (f->sent == KR_NO_DATE)
        return 0;
    *c = f->sent;
    *num = f->warm;
    return 1;
}

static int ev_bevestigd(const fact *f, kr_date peil, int arg, kr_date *c, int *num)
{
    (void)arg;
    if (f->sent == KR_NO_DATE)
        return 0;
    *c = f->sent;
    return within(f->sent, f->recv, 7, peil, num);
}

/* Live-born children (levend or neonataal_overleden). */
static int live_born(const fact *f) { return f->vit != 1; }

static int ev_eerste_jgz(const fact *f, kr_date peil, int arg, kr_date *c, int *num)
{
    (void)arg;
    if (!live_born(f) || (f->vit == 2 && f->died_day >= 0 && f->died_day < 21 && f->birth + f->died_day <= peil))
        return 0;  /* less those who died before day 21 (by the peildatum) */
    *c = f->birth;
    int age = f->moment_age[0];
    return within(f->birth, age >= 0 && age <= 21 ? f->birth + age : KR_NO_DATE, 21, peil, num);
}

/* nazorg.bereik.<moment arg>: no "already happened" exception; uitgeschreven or died before the window's end left out */
static int ev_bereik(const fact *f, kr_date peil, int arg, kr_date *c, int *num)
{
    int end = eng_moment_end[arg];
    if (!live_born(f) || f->birth + end > peil)
        return 0;
    if ((f->uit_reden == UIT_VERHUISD || f->uit_reden == UIT_OVERGEDRAGEN || f->uit_reden == UIT_OVERLEDEN) &&
        f->uit_age < end)
        return 0;
    if (f->vit == 2 && f->died_day < end)
        return 0;
    *c = f->birth;
    *num = f->moment_age[arg] >= 0 && f->moment_age[arg] <= end;
    return 1;
}

/* Perinatal outcomes: children born at 24+0 weeks or later (168 days), cohort the birth date. */
static int ev_vroeg_geboren(const fact *f, kr_date peil, int arg, kr_date *c, int *num)
{
    (void)peil, (void)arg;
    if (f->ga < 168)
        return 0;
    *c = f->birth;
    *num = f->ga < 259;
    return 1;
}

static int ev_laag_gewicht(const fact *f, kr_date peil, int arg, kr_date *c, int *num)
{
    (void)peil, (void)arg;
    if (f->ga < 168 || !live_born(f) || f->weight <= 0)
        return 0;  /* live-born children with a weight */
    *c = f->birth;
    *num = f->weight < 2500;
    return 1;
}

static int ev_sterfte(const fact *f, kr_date peil, int arg, kr_date *c, int *num)
{
    (void)arg;
    if (f->ga < 168)
        return 0;
    *c = f->birth;
    /* stillborn, or died at day 0..6 on or before the peildatum */
    *num = f->vit == 1 || (f->vit == 2 && f->died_day >= 0 && f->died_day <= 6 && f->birth + f->died_day <= peil);
    return 1;
}

#define DEMO (B(G_GEMEENTE) | B(G_LEEFTIJD) | B(G_PARITEIT))
#define OUTCOME (B(G_ROUTE) | B(G_LEEFTIJD) | B(G_STRATUM))
#define RISK(i, name) {"route.risicofactoren." name, "%", ROWS_PREG, K_PROP, 294, DEMO, i, ev_risico}
#define BEREIK(i, name, end) {"nazorg.bereik." name, "%", ROWS_KIDS, K_PROP, end, B(G_ROUTE), i, ev_bereik}
/* Horizons (voorlopig): intake and signalling cohorts 294 days, since a later screening can still change the route and
 * with it the cohort; handover cohorts their window; birth cohorts the window or the age shown; outcomes 0. */
static const ind_def inds[] = {
    {"route.gescreend", "%", ROWS_PREG, K_PROP, 294, DEMO, 0, ev_gescreend},
    {"route.vroeg_gescreend", "%", ROWS_PREG, K_PROP, 294, DEMO, 0, ev_vroeg},
    {"route.verdeling.1", "%", ROWS_PREG, K_PROP, 294, DEMO, 1, ev_verdeling},
    {"route.verdeling.2", "%", ROWS_PREG, K_PROP, 294, DEMO, 2, ev_verdeling},
    {"route.verdeling.3", "%", ROWS_PREG, K_PROP, 294, DEMO, 3, ev_verdeling},
    {"route.verdeling.niet_gescreend", "%", ROWS_PREG, K_PROP, 294, DEMO, 0, ev_verdeling},
    {"route.overgang.1_1", "aantal", ROWS_PREG, K_COUNT, 294, DEMO, 11, ev_overgang},
    {"route.overgang.1_2", "aantal", ROWS_PREG, K_COUNT, 294, DEMO, 12, ev_overgang},
    {"route.overgang.1_3", "aantal", ROWS_PREG, K_COUNT, 294, DEMO, 13, ev_overgang},
    {"route.overgang.2_2", "aantal", ROWS_PREG, K_COUNT, 294, DEMO, 22, ev_overgang},
    {"route.overgang.2_3", "aantal", ROWS_PREG, K_COUNT, 294, DEMO, 23, ev_overgang},
    {"route.overgang.3_3", "aantal", ROWS_PREG, K_COUNT, 294, DEMO, 33, ev_overgang},
    RISK(0, "psychiatrie"), RISK(1, "lvb"), RISK(2, "tienerzwangerschap"), RISK(3, "verslaving"),
    RISK(4, "schulden"), RISK(5, "huisvesting"), RISK(6, "huiselijk_geweld"), RISK(7, "taalbarriere"),
    RISK(8, "geen_netwerk"), RISK(9, "ongewenst_zwanger"), RISK(10, "eerder_jeugdbescherming"), RISK(11, "anders"),
    {"lijn.eerste_lijn_baring", "%", ROWS_PREG, K_PROP, 0, B(G_ROUTE), 0, ev_eerste_lijn},
    {"lijn.psychosociaal_klinisch", "%", ROWS_PREG, K_PROP, 294, B(G_ROUTE), 0, ev_psy},
    {"lijn.eerste_lijn_dagen", "%", ROWS_PREG, K_DAYS, 294, B(G_ROUTE), 0, ev_zorgdagen},
    {"lijn.terugverwijzing", "%", ROWS_EPS, K_PROP, 294, B(G_ROUTE), 0, ev_terugverwijzing},
    {"overdracht.jgz_tijdig", "%", ROWS_PREG, K_PROP, 294, 0, 0, ev_jgz_tijdig},
    {"overdracht.mdo_tijdig", "%", ROWS_PREG, K_PROP, 294, 0, 0, ev_mdo_tijdig},
    {"overdracht.regie_belegd", "%", ROWS_PREG, K_PROP, 294, 0, 0, ev_regie},
    {"overdracht.regie_belegd", "%", ROWS_PREG, K_REGIE, 294, B(G_REGIE), 0, ev_regie_type},
    {"overdracht.prenataal_huisbezoek", "%", ROWS_PREG, K_PROP, 294, B(G_ROUTE), 0, ev_huisbezoek},
    {"overdracht.warm", "%", ROWS_HAND, K_PROP, 0, B(G_SOORT) | B(G_ROUTE), 0, ev_warm},
    {"overdracht.bevestigd", "%", ROWS_HAND, K_PROP, 7, B(G_SOORT) | B(G_ROUTE), 0, ev_bevestigd},
    {"overdracht.eerste_jgz_contact", "%", ROWS_KIDS, K_PROP, 21, B(G_ROUTE), 0, ev_eerste_jgz},
    BEREIK(0, "huisbezoek", 28), BEREIK(1, "4w", 42), BEREIK(2, "8w", 77), BEREIK(3, "3m", 112),
    BEREIK(4, "4m", 150), BEREIK(5, "6m", 210), BEREIK(6, "7_5m", 255), BEREIK(7, "9m", 300),
    BEREIK(8, "11m", 360), BEREIK(9, "14m", 460), BEREIK(10, "18m", 590), BEREIK(11, "24m", 800),
    {"uitkomst.vroeggeboorte", "%", ROWS_KIDS, K_PROP, 0, OUTCOME, 0, ev_vroeg_geboren},
    {"uitkomst.laag_geboortegewicht", "%", ROWS_KIDS, K_PROP, 0, OUTCOME, 0, ev_laag_gewicht},
    {"uitkomst.perinatale_sterfte", "per1000", ROWS_KIDS, K_PROP, 0, OUTCOME, 0, ev_sterfte},
    {"kwaliteit.koppeling.jgz", "%", ROWS_PREG, K_PROP, 294, 0, 0, ev_koppeling_jgz},
    {"kwaliteit.koppeling.bevalling", "%", ROWS_PREG, K_PROP, 0, 0, 0, ev_koppeling_bevalling},
};
#define NINDS (sizeof inds / sizeof inds[0])
/* Rows of indicators in the table above that the code refers to. */
enum { I_GESCREEND = 0, I_V1 = 2, I_V3 = 4, I_VNIET = 5, I_OVERGANG = 6, I_OVERGANG_END = 12 };

static int is_outcome(unsigned ind) { return strncmp(inds[ind].id, "uitkomst.", 9) == 0; }

/* Indicators whose noemer is every route 2 and 3 pregnancy of the intake cohort. */
static int route23_noemer(unsigned ind)
{
    return inds[ind].eval == ev_risico || inds[ind].eval == ev_psy || inds[ind].eval == ev_koppeling_jgz;
}

/* ---- time to an event, and retention, by Kaplan-Meier ---------------------------------------------------- */

typedef struct km_def {
    const char *id;
    int rows;
    unsigned groups;
    int horizon;
    int retention;  /* 1: S(t) at fixed ages (nazorg.in_zorg); 0: quantiles */
    /* 1 when f is in the cohort: its cohort date, the time to the event or the censoring, and whether the event happened */
    int (*eval)(const fact *f, kr_date peil, kr_date *cohort, int *days, int *event);
} km_def;

/* From start, the event if it came before the earlier of birth and the peildatum, else censored there. */
static void time_to(kr_date start, kr_date event, kr_date birth, kr_date peil, int *days, int *ev)
{
    kr_date end = birth != KR_NO_DATE && birth < peil ? birth : peil;
    *ev = event != KR_NO_DATE && event <= end;
    int d = (*ev ? event : end) - start;
    *days = d < 0 ? 0 : d;
}

static int km_jgz(const fact *f, kr_date peil, kr_date *c, int *days, int *ev)
{
    if (f->intake == KR_NO_DATE || f->route != 2 || f->sig2 == KR_NO_DATE)
        return 0;
    *c = f->sig2;
    time_to(f->sig2, f->jgz, f->birth, peil, days, ev);
    return 1;
}

static int km_mdo(const fact *f, kr_date peil, kr_date *c, int *days, int *ev)
{
    if (f->intake == KR_NO_DATE || f->route != 3 || f->sig3 == KR_NO_DATE)
        return 0;
    *c = f->sig3;
    time_to(f->sig3, mdo_event(f), f->birth, peil, days, ev);  /* a discussion after birth: censored at birth */
    return 1;
}

static int km_in_zorg(const fact *f, kr_date peil, kr_date *c, int *days, int *ev)
{
    (void)peil;
    if (!live_born(f))
        return 0;
    *c = f->birth;
    *days = f->km_time;
    *ev = f->km_event;
    return 1;
}

static const km_def kms[] = {
    {"overdracht.jgz_dagen", ROWS_PREG, 0, 294, 0, km_jgz},
    {"overdracht.mdo_dagen", ROWS_PREG, 0, 294, 0, km_mdo},
    {"nazorg.in_zorg", ROWS_KIDS, B(G_ROUTE), 730, 1, km_in_zorg},
};
#define NKMS (sizeof kms / sizeof kms[0])
static const double km_p[4] = {0.25, 0.5, 0.75, 0.9};
static const char *const km_suffix[2][4] = {{"p25", "p50", "p75", "p90"}, {"s6m", "s12m", "s18m", "s24m"}};
static const int km_age[4] = {182, 365, 547, 730};
/* Indicator codes in the packed keys: 1..NINDS proportions, then 4 codes a Kaplan-Meier indicator. */
#define KM_CODE(kmi, qi) ((unsigned)(NINDS + 1 + 4 * (kmi) + (qi)))
/* Derived rows after suppression: relative risks and O/E of uitkomst.*, the shift to the 1st line. */
#define D_CODE(x) ((unsigned)(NINDS + 1 + 4 * NKMS + (x)))

/* ---- aggregation on packed keys --------------------------------------------------------------------------- */

/* key: indicator 8 bits | regio 5 | site 7 | groep 4 | groepwaarde 12 | periode 13 */
static uint64_t pack(unsigned ind, unsigned regio, unsigned site, unsigned groep, unsigned val, unsigned per)
{
    return ((uint64_t)ind << 41) | ((uint64_t)regio << 36) | ((uint64_t)site << 29) | ((uint64_t)groep << 25) |
           ((uint64_t)val << 13) | per;
}
#define K_IND(k) ((unsigned)((k) >> 41))
#define K_REGIO(k) ((unsigned)((k) >> 36) & 31u)
#define K_SITE(k) ((unsigned)((k) >> 29) & 127u)
#define K_GROEP(k) ((unsigned)((k) >> 25) & 15u)
#define K_VAL(k) ((unsigned)((k) >> 13) & 4095u)
#define K_PER(k) ((unsigned)(k) & 8191u)
#define K_WITH_IND(k, i) (((k) & ((1ull << 41) - 1)) | ((uint64_t)(i) << 41))
/* periods: quarters (year - 2000) * 4 + q - 1; years YEAR_BASE + year - 2000; windows ending in a year ROLL_BASE + ... */
#define YEAR_BASE 4096u
#define ROLL_BASE 6144u
#define IS_QUARTER(p) ((p) < YEAR_BASE)
#define IS_YEAR(p) ((p) >= YEAR_BASE && (p) < ROLL_BASE)

typedef struct cell {
    uint64_t key;
    long t, n, p;  /* teller, noemer, persons (differs from noemer for care-days) */
    size_t idx;    /* its place in the list of cells, once listed */
    int dead;      /* a rolling window without data in all three years */
    /* a Kaplan-Meier row: the value and its interval (NAN: none), and whether the primary rule hides it */
    int km;
    double q, lo, hi;
    int km_hidden;
} cell;

typedef struct table {
    cell *c;
    size_t cap, n;
} table;

static size_t slot_of(uint64_t key, size_t cap) { return (size_t)(key * 0x9E3779B97F4A7C15ull >> 20) & (cap - 1); }

/*
 * Open addressing on 64-bit keys (never 0) for the two tables below, whose entries begin with
 * their key: the entry of key in *slots (elem bytes each), added (zeroed) when new; NULL when out
 * of memory. The table doubles past half full.
 */
static void *slot_get(void *slots_p, size_t *cap, size_t *n, size_t elem, size_t first, uint64_t key)
{
    unsigned char *base;
    unsigned char **slots = &base;
    memcpy(&base, slots_p, sizeof base);  /* the caller's array pointer, whatever its element type */
#define KEY_AT(b, i) (*(uint64_t *)(void *)((b) + (i) * elem))
    if ((*n + 1) * 2 > *cap) {
        size_t nc = *cap ? *cap * 2 : first;
        unsigned char *nw = calloc(nc, elem);
        if (!nw)
            return NULL;
        for (size_t i = 0; i < *cap; i++)
            if (KEY_AT(*slots, i)) {
                size_t j = slot_of(KEY_AT(*slots, i), nc);
                while (KEY_AT(nw, j))
                    j = (j + 1) & (nc - 1);
                memcpy(nw + j * elem, *slots + i * elem, elem);
            }
        free(*slots);
        *slots = nw;
        *cap = nc;
        memcpy(slots_p, &base, sizeof base);
    }
    size_t j = slot_of(key, *cap);
    while (KEY_AT(*slots, j) && KEY_AT(*slots, j) != key)
        j = (j + 1) & (*cap - 1);
    if (!KEY_AT(*slots, j)) {
        KEY_AT(*slots, j) = key;
        (*n)++;
    }
#undef KEY_AT
    return *slots + j * elem;
}

static cell *table_get(table *T, uint64_t key)
{
    return slot_get(&T->c, &T->cap, &T->n, sizeof *T->c, 1 << 14, key);
}

static cell *table_find(const table *T, uint64_t key)
{
    if (!T->cap)
        return NULL;
    size_t j = slot_of(key, T->cap);
    while (T->c[j].key) {
        if (T->c[j].key == key)
            return T->c[j].dead ? NULL : &T->c[j];
        j = (j + 1) & (T->cap - 1);
    }
    return NULL;
}

static unsigned quarter_of(kr_date d)
{
    int y, m, day;
    kr_date_to_ymd(d, &y, &m, &day);
    return (unsigned)((y - 2000) * 4 + (m - 1) / 3);
}

static const factrows *rows_of(const facts *F, int rows)
{
    return rows == ROWS_KIDS ? &F->kids : rows == ROWS_HAND ? &F->hand : rows == ROWS_EPS ? &F->eps : &F->preg;
}

/* The value of breakdown g for a row; route values are coded 1 niet_gescreend, 2..4 routes 1..3. */
static unsigned group_value(const fact *f, int g)
{
    switch (g) {
    case G_ROUTE: return (unsigned)f->route + 1;
    case G_GEMEENTE: return (unsigned)f->gemeente;
    case G_LEEFTIJD: return (unsigned)f->leeftijd;
    case G_PARITEIT: return (unsigned)f->pariteit;
    case G_SOORT: return (unsigned)f->soort;
    case G_STRATUM: return (unsigned)f->leeftijd * 32u + (unsigned)f->pariteit;
    default: return 0;
    }
}

static kr_status add(table *T, uint64_t key, long t, long n, long p)
{
    cell *c = table_get(T, key);
    if (!c)
        return KR_ENOMEM;
    c->t += t;
    c->n += n;
    c->p += p;
    return KR_OK;
}

/*
 * One indicator's counts are gathered in a small table of its own (it stays in the cache, the
 * whole outcome table does not), then added to the outcome table once per cell.
 */
typedef struct local_cell {
    uint64_t key;
    long t, n, p;
} local_cell;

typedef struct local_table {
    local_cell *c;
    size_t cap, n;
} local_table;

static kr_status local_add(local_table *L, uint64_t key, long t, long n, long p)
{
    local_cell *c = slot_get(&L->c, &L->cap, &L->n, sizeof *L->c, 1 << 12, key);
    if (!c)
        return KR_ENOMEM;
    c->t += t;
    c->n += n;
    c->p += p;
    return KR_OK;
}

static kr_status local_flush(local_table *L, table *T)
{
    for (size_t i = 0; i < L->cap; i++)
        if (L->c[i].key) {
            if (add(T, L->c[i].key, L->c[i].t, L->c[i].n, L->c[i].p) != KR_OK)
                return KR_ENOMEM;
            L->c[i].key = 0;
            L->c[i].t = L->c[i].n = L->c[i].p = 0;
        }
    L->n = 0;
    return KR_OK;
}

/* Counts at the finest level: region, site, breakdown value, quarter. */
static kr_status aggregate(const facts *F, kr_date peil, table *T)
{
    const eng_dict *regie = &F->d[D_REGIE];
    local_table L = {NULL, 0, 0};
    kr_status rc = KR_OK;
    for (unsigned k = 0; k < NINDS && rc == KR_OK; k++) {
        const ind_def *I = &inds[k];
        const factrows *R = rows_of(F, I->rows);
        for (size_t i = 0; i < R->n; i++) {
            const fact *f = &R->f[i];
            if (f->regio < 0)
                continue;  /* a trajectory with no region counts nowhere */
            kr_date cohort;
            int num = 0;
            if (!I->eval(f, peil, I->arg, &cohort, &num) || cohort > peil || cohort < kr_date_from_ymd(2000, 1, 1))
                continue;
            unsigned q = quarter_of(cohort);
            long t = num, n = 1, p = 1;
            if (I->kind == K_DAYS) {
                t = f->days1;
                n = f->days;
            }
            for (int g = 0; g < G_N; g++) {
                if (g != G_TOTAAL && !(I->groups & B(g)))
                    continue;
                if (I->kind == K_REGIE) {
                    if (g != G_REGIE)
                        continue;
                    /* one row per type and onbekend, zeros included: each member counts in every noemer */
                    for (unsigned v = 1; v < regie->n; v++)
                        if (local_add(&L, pack(k + 1, (unsigned)f->regio, (unsigned)f->site, G_REGIE, v, q),
                                      (long)(v == (unsigned)num), 1, 1) != KR_OK)
                            goto nomem;
                    continue;
                }
                /* (keys carry the indicator + 1: 0 marks an empty slot) */
                if (local_add(&L, pack(k + 1, (unsigned)f->regio, (unsigned)f->site, (unsigned)g, group_value(f, g), q),
                              t, n, p) != KR_OK)
                    goto nomem;
            }
        }
        rc = local_flush(&L, T);
    }
    free(L.c);
    return rc;
nomem:
    free(L.c);
    return KR_ENOMEM;
}

/* Region '*', site '*', years and rolling windows, summed from the finest cells. */
static kr_status roll_up(table *T, kr_date peil, int min_cell)
{
    cell *base = NULL;
    size_t nb = 0;
    kr_status rc = KR_OK;
    base = malloc((T->n ? T->n : 1) * sizeof *base);
    if (!base)
        return KR_ENOMEM;
    for (size_t i = 0; i < T->cap; i++)
        if (T->c[i].key)
            base[nb++] = T->c[i];
    for (size_t i = 0; i < nb && rc == KR_OK; i++) {
        uint64_t k = base[i].key;
        unsigned ind = K_IND(k), re = K_REGIO(k), si = K_SITE(k), gr = K_GROEP(k), va = K_VAL(k), q = K_PER(k);
        unsigned year = YEAR_BASE + q / 4;
        const cell *b = &base[i];
        if ((rc = add(T, pack(ind, re, STAR, gr, va, q), b->t, b->n, b->p)) != KR_OK ||
            (rc = add(T, pack(ind, STAR, STAR, gr, va, q), b->t, b->n, b->p)) != KR_OK ||
            (rc = add(T, pack(ind, re, si, gr, va, year), b->t, b->n, b->p)) != KR_OK ||
            (rc = add(T, pack(ind, re, STAR, gr, va, year), b->t, b->n, b->p)) != KR_OK ||
            (rc = add(T, pack(ind, STAR, STAR, gr, va, year), b->t, b->n, b->p)) != KR_OK)
            break;
    }
    free(base);
    if (rc != KR_OK)
        return rc;
    /* rolling three-year windows of the perinatal outcomes, written when all three years have data */
    nb = 0;
    base = malloc((T->n ? T->n : 1) * sizeof *base);
    if (!base)
        return KR_ENOMEM;
    for (size_t i = 0; i < T->cap; i++)
        if (T->c[i].key && IS_YEAR(K_PER(T->c[i].key)) && is_outcome(K_IND(T->c[i].key) - 1))
            base[nb++] = T->c[i];
    int py, pm, pd;
    kr_date_to_ymd(peil, &py, &pm, &pd);
    for (size_t i = 0; i < nb && rc == KR_OK; i++) {
        uint64_t k = base[i].key;
        unsigned y = K_PER(k) - YEAR_BASE;
        for (unsigned e = y; e < y + 3 && rc == KR_OK; e++)
            if ((int)e + 2000 <= py)
                rc = add(T, pack(K_IND(k), K_REGIO(k), K_SITE(k), K_GROEP(k), K_VAL(k), ROLL_BASE + e), base[i].t,
                         base[i].n, base[i].p);
    }
    free(base);
    for (size_t i = 0; i < T->cap && rc == KR_OK; i++) {
        uint64_t k = T->c[i].key;
        if (!k || K_PER(k) < ROLL_BASE)
            continue;
        /* a window is written, for every place or for none (so nothing can be recovered by subtraction), when
         * each of its years has data in all regions together: at least the minimum cell of children (a stray
         * early birth does not make a year) */
        unsigned e = K_PER(k) - ROLL_BASE;
        if (e < 2) {
            T->c[i].dead = 1;
            continue;
        }
        for (unsigned y = e - 2; y <= e; y++) {
            const cell *yc = table_find(T, pack(K_IND(k), STAR, STAR, G_TOTAAL, 0, YEAR_BASE + y));
            if (!yc || yc->n < min_cell)
                T->c[i].dead = 1;
        }
    }
    return rc;
}

/* A period of the outcome table: a quarter, a year, or a window of years (2023-2025). */
typedef struct eper {
    char label[16];
    kr_date first, last;
} eper;

static void period_of_code(unsigned per, eper *out)
{
    kr_period p;
    if (per >= ROLL_BASE) {
        int e = 2000 + (int)(per - ROLL_BASE);
        (void)snprintf(out->label, sizeof out->label, "%04d-%04d", e - 2, e);
        out->first = kr_date_from_ymd(e - 2, 1, 1);
        out->last = kr_date_from_ymd(e, 12, 31);
        return;
    }
    unsigned q = per >= YEAR_BASE ? (per - YEAR_BASE) * 4 : per;
    kr_period_of(kr_date_from_ymd(2000 + (int)(q / 4), (int)(q % 4) * 3 + 1, 1), per >= YEAR_BASE, &p);
    kr_strlcpy(out->label, p.label, sizeof out->label);
    out->first = p.first;
    out->last = p.last;
}

typedef struct curve_step {
    uint64_t key;   /* of the in_zorg cohort (the s6m row) */
    double t, s, lo, hi;
    long at_risk;
} curve_step;

typedef struct curves {
    curve_step *s;
    size_t n, cap;
} curves;

static local_cell *local_find(const local_table *L, uint64_t key)
{
    size_t j = slot_of(key, L->cap);
    while (L->c[j].key && L->c[j].key != key)
        j = (j + 1) & (L->cap - 1);
    return L->c[j].key ? &L->c[j] : NULL;
}

/*
 * The observations of every Kaplan-Meier cohort, in two passes over the facts without sorting:
 * the first counts each cohort's members (in L: n), the second puts each member's time and event
 * in its cohort's stretch of times and events (from offset t; p counts the members placed).
 */
static kr_status km_pass(const facts *F, kr_date peil, local_table *L, double *times, int *events)
{
    for (unsigned k = 0; k < NKMS; k++) {
        const factrows *R = rows_of(F, kms[k].rows);
        for (size_t i = 0; i < R->n; i++) {
            const fact *f = &R->f[i];
            kr_date cohort;
            int days, ev;
            if (f->regio < 0 || !kms[k].eval(f, peil, &cohort, &days, &ev) || cohort > peil ||
                cohort < kr_date_from_ymd(2000, 1, 1))
                continue;
            unsigned q = quarter_of(cohort), per[2] = {q, YEAR_BASE + q / 4};
            unsigned places[3][2] = {{(unsigned)f->regio, (unsigned)f->site}, {(unsigned)f->regio, STAR}, {STAR, STAR}};
            for (int g = 0; g < G_N; g++) {
                if (g != G_TOTAAL && !(kms[k].groups & B(g)))
                    continue;
                for (int p = 0; p < 3; p++)
                    for (int t = 0; t < 2; t++) {
                        uint64_t key = pack(KM_CODE(k, 0), places[p][0], places[p][1], (unsigned)g, group_value(f, g), per[t]);
                        if (!times) {
                            if (local_add(L, key, 0, 1, 0) != KR_OK)
                                return KR_ENOMEM;
                            continue;
                        }
                        local_cell *c = local_find(L, key);
                        size_t at = (size_t)c->t + (size_t)c->p++;
                        times[at] = days;
                        events[at] = ev;
                    }
            }
        }
    }
    return KR_OK;
}

static kr_status aggregate_km(const facts *F, kr_date peil, int min_cell, table *T, curves *C)
{
    local_table L = {NULL, 0, 0};
    double *all_times = NULL;
    int *all_events = NULL;
    kr_status rc;
    if ((rc = km_pass(F, peil, &L, NULL, NULL)) != KR_OK)
        goto done;
    size_t total = 0;
    for (size_t i = 0; i < L.cap; i++)
        if (L.c[i].key) {
            L.c[i].t = (long)total;
            total += (size_t)L.c[i].n;
        }
    all_times = malloc((total ? total : 1) * sizeof *all_times);
    all_events = malloc((total ? total : 1) * sizeof *all_events);
    if (!all_times || !all_events) {
        rc = KR_ENOMEM;
        goto done;
    }
    if ((rc = km_pass(F, peil, &L, all_times, all_events)) != KR_OK)
        goto done;
    for (size_t b = 0; b < L.cap; b++) {
        if (!L.c[b].key)
            continue;
        const local_cell *bc = &L.c[b];
        double *times = all_times + bc->t;
        int *events = all_events + bc->t;
        size_t nobs = (size_t)bc->n;
        uint64_t okey = bc->key;
        eng_km km = {NULL, 0, 0};
        long nev = 0;
        unsigned kmi = (K_IND(okey) - NINDS - 1) / 4;
        const km_def *D = &kms[kmi];
        for (size_t k = 0; k < nobs; k++)
            nev += events[k];
        rc = eng_km_fit(times, events, nobs, ENG_Z95, &km);
        eper per;
        period_of_code(K_PER(okey), &per);
        long cohort = (long)nobs;
        int any_hidden = 0;
        for (unsigned qi = 0; qi < 4 && rc == KR_OK; qi++) {
            double s, lo, hi;
            long at_risk;
            if (D->retention && peil - per.first < km_age[qi])
                continue;  /* nobody in the cohort has reached this age */
            cell *c = table_get(T, K_WITH_IND(okey, KM_CODE(kmi, qi)));
            if (!c) {
                rc = KR_ENOMEM;
                break;
            }
            c->km = 1;
            c->n = c->p = cohort;
            if (D->retention) {
                eng_km_at(&km, km_age[qi], &s, &lo, &hi, &at_risk);
                c->q = 100.0 * s;
                c->lo = 100.0 * lo;
                c->hi = 100.0 * hi;
                c->t = at_risk;
                c->km_hidden = cohort < min_cell || at_risk < min_cell;
            } else {
                c->t = nev;
                eng_km_quantile(&km, km_p[qi], &c->q, &c->lo, &c->hi);
                /* at risk at the time shown; a quantile not reached: at the end of follow-up */
                double shown = isnan(c->q) ? (km.n ? km.steps[km.n - 1].t : 0) : c->q;
                eng_km_at(&km, shown, &s, &lo, &hi, &at_risk);
                c->km_hidden = cohort < min_cell || nev < min_cell || at_risk < min_cell;
            }
            any_hidden |= c->km_hidden;
        }
        /*
         * The curve of a retention cohort by month of age (OUTCOMES.md), so that no step tells how many were lost or
         * censored: a month-end point only once at least min_cell losses have happened since the point before (a
         * coarser curve where losses are few), its at-risk count rounded down to a multiple of min_cell, and the curve
         * cut where fewer than min_cell are still at risk.
         */
        if (rc == KR_OK && D->retention && cohort >= min_cell && !any_hidden) {
            long at_risk = cohort, since = 0;
            size_t s = 0;
            for (int m = 1; m <= 24 && rc == KR_OK; m++) {
                double tm = floor(m * 365.25 / 12.0);
                for (; s < km.n && km.steps[s].t <= tm; s++) {
                    since += km.steps[s].events;
                    at_risk -= km.steps[s].events + km.steps[s].censored;
                }
                if (at_risk < min_cell)
                    break;
                if (since < min_cell)
                    continue;
                double sv, lo, hi;
                long ignored;
                eng_km_at(&km, tm, &sv, &lo, &hi, &ignored);
                if ((rc = kr_grow(&C->s, &C->cap, C->n, sizeof *C->s, 1024)) != KR_OK)
                    break;
                C->s[C->n++] = (curve_step){K_WITH_IND(okey, KM_CODE(kmi, 0)), tm, 100.0 * sv, 100.0 * lo, 100.0 * hi,
                                            at_risk / min_cell * min_cell};
                since = 0;
            }
        }
        eng_km_fini(&km);
        if (rc != KR_OK)
            goto done;
    }
done:
    free(L.c);
    free(all_times);
    free(all_events);
    return rc;
}

/* ---- suppression groups ------------------------------------------------------------------------------------- */

/* What a group's total and parts are to one another, for the audit (the secondary rule treats them all alike). */
enum {
    GT_SUM,    /* tellers and noemers add up to the total's */
    GT_TSUM,   /* tellers add up to the total's teller */
    GT_REGIE,  /* the regie_type tellers add up to regie_belegd's teller, which is each one's noemer */
    GT_R23,    /* the tellers (of route.verdeling.2 and .3) add up to the total's noemer */
    GT_OTHER,  /* a group for the secondary rule only */
};

typedef struct groups {
    eng_group *g;
    unsigned char *type;
    size_t tcap;
    size_t n, cap;
    size_t *parts;  /* all parts, back to back */
    size_t np, pcap;
} groups;

static int groups_add(groups *G, size_t total, const size_t *parts, size_t n, int type)
{
    if (n == 0)
        return 0;
    if (kr_grow(&G->g, &G->cap, G->n, sizeof *G->g, 1024) != KR_OK ||
        kr_grow(&G->type, &G->tcap, G->n, sizeof *G->type, 1024) != KR_OK)
        return -1;
    G->type[G->n] = (unsigned char)type;
    for (size_t k = 0; k < n; k++)
        if (kr_grow(&G->parts, &G->pcap, G->np + k, sizeof *G->parts, 4096) != KR_OK)
            return -1;
    memcpy(G->parts + G->np, parts, n * sizeof *parts);
    /* parts are stored as offsets until the array stops moving */
    G->g[G->n++] = (eng_group){total, (const size_t *)(uintptr_t)G->np, n};
    G->np += n;
    return 0;
}

/* The place of the listed cell of key in the list, or (size_t)-1. */
static size_t cell_index(const table *T, uint64_t key)
{
    const cell *c = table_find(T, key);
    return c && c->idx != (size_t)-1 ? c->idx : (size_t)-1;
}

/* Every group of OUTCOMES.md: breakdowns and totaal, sites and site '*', regions and '*', quarters and year,
 * years and rolling window, the parts of route.verdeling and route.overgang, the regie_type distribution. */
static kr_status build_groups(const table *T, cell *const *list, size_t n, const facts *F, groups *G)
{
    size_t buf[4096];
    int gtype = GT_SUM;
#define IDX(key) cell_index(T, (key))
#define COLLECT(loop_head, keyexpr)                                                                                   \
    do {                                                                                                              \
        np = 0;                                                                                                       \
        loop_head                                                                                                     \
        {                                                                                                             \
            size_t j_ = IDX(keyexpr);                                                                                 \
            if (j_ != (size_t)-1 && np < 4096)                                                                        \
                buf[np++] = j_;                                                                                       \
        }                                                                                                             \
        if (groups_add(G, i, buf, np, gtype) != 0)                                                                           \
            return KR_ENOMEM;                                                                                         \
    } while (0)
    for (size_t i = 0; i < n; i++) {
        uint64_t k = list[i]->key;
        unsigned ind = K_IND(k), re = K_REGIO(k), si = K_SITE(k), gr = K_GROEP(k), va = K_VAL(k), pe = K_PER(k);
        size_t np;
        gtype = GT_SUM;
        if (gr == G_TOTAAL) {
            for (unsigned g = 1; g < G_STRATUM; g++) {
                unsigned nv = g == G_ROUTE ? 5
                            : g == G_GEMEENTE ? (unsigned)F->d[D_GEMEENTE].n
                            : g == G_LEEFTIJD ? (unsigned)F->d[D_LEEFTIJD].n
                            : g == G_PARITEIT ? (unsigned)F->d[D_PARITEIT].n
                            : g == G_SOORT ? (unsigned)F->d[D_SOORT].n
                                           : 0;
                if (nv)
                    COLLECT(for (unsigned v = 0; v < nv; v++), pack(ind, re, si, g, v, pe));
            }
            if (ind <= NINDS && inds[ind - 1].kind == K_PROP && strcmp(inds[ind - 1].id, "overdracht.regie_belegd") == 0) {
                /* the regie_type distribution adds up to the tellers of regie_belegd */
                gtype = GT_REGIE;
                COLLECT(for (unsigned v = 0; v < F->d[D_REGIE].n; v++), pack(ind + 1, re, si, G_REGIE, v, pe));
            }
        }
        gtype = GT_SUM;
        if (si == STAR && re != STAR)
            COLLECT(for (unsigned s = 1; s < F->d[D_SITE].n; s++), pack(ind, re, s, gr, va, pe));
        if (re == STAR)
            COLLECT(for (unsigned r = 1; r < F->d[D_REGIO].n; r++), pack(ind, r, STAR, gr, va, pe));
        if (IS_YEAR(pe))
            COLLECT(for (unsigned q = 0; q < 4; q++), pack(ind, re, si, gr, va, (pe - YEAR_BASE) * 4 + q));
        if (pe >= ROLL_BASE)
            COLLECT(for (unsigned y = pe - ROLL_BASE - 2; y <= pe - ROLL_BASE; y++), pack(ind, re, si, gr, va, YEAR_BASE + y));
        if (ind == I_GESCREEND + 1) {
            /* routes 1, 2, 3 add up to route.gescreend, and so do the transitions; with niet_gescreend to its noemer */
            gtype = GT_TSUM;
            COLLECT(for (unsigned v = I_V1 + 1; v <= I_V3 + 1; v++), pack(v, re, si, gr, va, pe));
            COLLECT(for (unsigned v = I_OVERGANG + 1; v <= I_OVERGANG_END; v++), pack(v, re, si, gr, va, pe));
            gtype = GT_OTHER;
            COLLECT(for (unsigned v = I_VNIET + 1; v <= I_VNIET + 1; v++), pack(v, re, si, gr, va, pe));
        }
        if (ind >= I_V1 + 1 && ind <= I_V3 + 1) {
            /* route.verdeling.B is the sum of the transitions ending in B */
            unsigned b = ind - I_V1;  /* 1..3 */
            gtype = GT_TSUM;
            COLLECT(for (unsigned v = I_OVERGANG + 1; v <= I_OVERGANG_END; v++) if (inds[v - 1].arg % 10 == (int)b),
                    pack(v, re, si, gr, va, pe));
        }
        if (ind <= NINDS && route23_noemer(ind - 1)) {
            /* a noemer of route 2 and 3 pregnancies is the sum of route.verdeling.2 and .3 */
            gtype = GT_R23;
            if (gr == G_ROUTE)
                COLLECT(for (unsigned v = I_V1 + 1 + (va - 2); v == I_V1 + 1 + (va - 2) && va >= 3 && va <= 4; v++),
                        pack(v, re, si, G_TOTAAL, 0, pe));
            else
                COLLECT(for (unsigned v = I_V1 + 2; v <= I_V3 + 1; v++), pack(v, re, si, gr, va, pe));
        }
    }
#undef COLLECT
#undef IDX
    for (size_t g = 0; g < G->n; g++)
        G->g[g].parts = G->parts + (size_t)(uintptr_t)G->g[g].parts;
    return KR_OK;
}

/* ---- differences across indicators ------------------------------------------------------------------------------ */

/*
 * The cohort a row's noemer counts (OUTCOMES.md, counting units and cohorts): rows of different indicators in one
 * cohort class and one place, breakdown and period have noemers whose difference is a count of persons too. 0: a row
 * whose noemer is no cohort of persons (counts, the regie_type distribution: its noemer is regie_belegd's teller).
 */
static int cohort_class(unsigned code)
{
    static const struct {
        const char *prefix;
        int cls;
    } classes[] = {
        {"route.", 1}, {"lijn.psychosociaal_klinisch", 1}, {"lijn.eerste_lijn_dagen", 1}, {"kwaliteit.koppeling.jgz", 1},
        {"lijn.eerste_lijn_baring", 2}, {"kwaliteit.koppeling.bevalling", 2},
        {"overdracht.jgz_", 3}, {"overdracht.mdo_", 3}, {"overdracht.regie_belegd", 3},
        {"overdracht.prenataal_huisbezoek", 3},
        {"overdracht.warm", 4}, {"overdracht.bevestigd", 4},
        {"overdracht.eerste_jgz_contact", 5}, {"nazorg.", 5}, {"uitkomst.", 5},
        {"lijn.terugverwijzing", 6},
    };
    const char *id = code <= NINDS ? inds[code - 1].id : kms[(code - NINDS - 1) / 4].id;
    if (code <= NINDS && (inds[code - 1].kind == K_COUNT || inds[code - 1].kind == K_REGIE))
        return 0;
    for (size_t i = 0; i < sizeof classes / sizeof classes[0]; i++)
        if (strncmp(id, classes[i].prefix, strlen(classes[i].prefix)) == 0)
            return classes[i].cls;
    return 0;
}

/* Order for the pass below: cohort class, then the key without its indicator, then the indicator. */
typedef struct xrow {
    int cls;
    uint64_t rest;  /* the key with indicator 0 */
    size_t i;       /* the listed cell */
} xrow;

static int cmp_xrow(const void *a, const void *b)
{
    const xrow *x = a, *y = b;
    if (x->cls != y->cls)
        return x->cls - y->cls;
    if (x->rest != y->rest)
        return (x->rest > y->rest) - (x->rest < y->rest);
    return (x->i > y->i) - (x->i < y->i);
}

/*
 * Hide what differences across indicators would give away (OUTCOMES.md, "Across indicators"): of two shown rows of one
 * cohort class and one place, breakdown and period whose noemers differ by 1 to min_cell - 1 persons, the one with the
 * smaller noemer (then the later in key order); and the regie_type rows of a hidden overdracht.regie_belegd row (their
 * noemer is its teller). Returns the number of cells hidden now; the caller runs the secondary rule again.
 */
static size_t hide_across(cell *const *list, eng_cell *cells, const xrow *x, size_t nx, const table *T, size_t nregie,
                          long min_cell)
{
    size_t hidden = 0;
    for (size_t a = 0; a < nx;) {
        size_t b = a;
        while (b < nx && x[b].cls == x[a].cls && x[b].rest == x[a].rest)
            b++;
        for (size_t i = a; i < b; i++)
            for (size_t j = i + 1; j < b; j++) {
                eng_cell *ci = &cells[x[i].i], *cj = &cells[x[j].i];
                if (ci->out != ENG_SHOWN || cj->out != ENG_SHOWN)
                    continue;
                long ni = list[x[i].i]->p, nj = list[x[j].i]->p, d = ni > nj ? ni - nj : nj - ni;
                if (d >= 1 && d < min_cell) {
                    (ni < nj ? ci : cj)->out = ENG_HIDDEN;
                    hidden++;
                }
            }
        a = b;
    }
    for (size_t i = 0; i < nx; i++) {
        uint64_t k = list[x[i].i]->key;
        unsigned code = K_IND(k);
        if (code > NINDS || inds[code - 1].kind != K_PROP || strcmp(inds[code - 1].id, "overdracht.regie_belegd") != 0 ||
            K_GROEP(k) != G_TOTAAL || cells[x[i].i].out == ENG_SHOWN)
            continue;
        for (unsigned v = 0; v < nregie; v++) {
            const cell *r = table_find(T, pack(code + 1, K_REGIO(k), K_SITE(k), G_REGIE, v, K_PER(k)));
            if (r && r->idx != (size_t)-1 && cells[r->idx].out == ENG_SHOWN) {
                cells[r->idx].out = ENG_HIDDEN;
                hidden++;
            }
        }
    }
    return hidden;
}

/* What the audit may take a cell's numbers for (ENG_AV_*): counts of persons, or not (care-days). */
static unsigned char audit_flags(const cell *c, const eng_cell *e)
{
    unsigned code = K_IND(c->key);
    if (code <= NINDS && inds[code - 1].kind == K_DAYS)
        return 0;
    if (e->kind == ENG_CELL_COUNT)
        return ENG_AV_T;
    if (e->kind == ENG_CELL_DECIDED)  /* Kaplan-Meier and quantile rows: at risk or events, of a cohort */
        return ENG_AV_T | ENG_AV_N | (e->teller <= e->noemer ? ENG_AV_LEQ : 0);
    return ENG_AV_T | ENG_AV_N | ENG_AV_LEQ | ENG_AV_COMPLEMENT;
}

static kr_status lin_add(size_t *var, int *coef, size_t *m, size_t v, int c)
{
    if (*m >= 4096)
        return KR_ETOOBIG;
    var[*m] = v;
    coef[(*m)++] = c;
    return KR_OK;
}

/*
 * The relations a reader of the table knows (OUTCOMES.md): every group as the sums it stands for, route.gescreend's
 * noemer as routes 1-3 and niet_gescreend, the noemers of rows of nested cohorts (equal ones as equations, and blocks
 * whose differences are counts of persons), route.gescreend against route.vroeg_gescreend and the MDOs held against
 * those held in time (tellers of nested sets). Relations that do not hold on the data are dropped by the audit.
 */
static kr_status build_lin(const table *T, cell *const *list, const eng_cell *cells, size_t n, const groups *G,
                           const xrow *x, size_t nx, eng_lin *L)
{
    size_t var[4096];
    int coef[4096];
    kr_status rc = KR_OK;
    for (size_t g = 0; g < G->n && rc == KR_OK; g++) {
        const eng_group *gr = &G->g[g];
        size_t m = 0, tot = gr->total;
        switch (G->type[g]) {
        case GT_SUM:
        case GT_TSUM:
            for (int f = 0; f < (G->type[g] == GT_SUM ? 2 : 1) && rc == KR_OK; f++) {
                m = 0;
                for (size_t k = 0; k < gr->nparts && rc == KR_OK; k++)
                    rc = lin_add(var, coef, &m, 2 * gr->parts[k] + (size_t)f, 1);
                if (rc == KR_OK && (rc = lin_add(var, coef, &m, 2 * tot + (size_t)f, -1)) == KR_OK)
                    rc = eng_lin_eq(L, var, coef, m);
            }
            break;
        case GT_REGIE:
            for (size_t k = 0; k < gr->nparts && rc == KR_OK; k++) {
                rc = lin_add(var, coef, &m, ENG_T(gr->parts[k]), 1);
                size_t v2[2] = {ENG_N(gr->parts[k]), ENG_T(tot)};
                int c2[2] = {1, -1};
                if (rc == KR_OK)
                    rc = eng_lin_eq(L, v2, c2, 2);
            }
            if (rc == KR_OK && (rc = lin_add(var, coef, &m, ENG_T(tot), -1)) == KR_OK)
                rc = eng_lin_eq(L, var, coef, m);
            break;
        case GT_R23:
            for (size_t k = 0; k < gr->nparts && rc == KR_OK; k++)
                rc = lin_add(var, coef, &m, ENG_T(gr->parts[k]), 1);
            if (rc == KR_OK && (rc = lin_add(var, coef, &m, ENG_N(tot), -1)) == KR_OK)
                rc = eng_lin_eq(L, var, coef, m);
            break;
        default:
            break;
        }
    }
    for (size_t i = 0; i < n && rc == KR_OK; i++) {
        uint64_t k = list[i]->key;
        unsigned code = K_IND(k);
        if (code == I_GESCREEND + 1) {
            /* its noemer: routes 1, 2, 3 and niet_gescreend */
            size_t m = 0;
            for (unsigned v = I_V1 + 1; v <= I_VNIET + 1 && rc == KR_OK; v++) {
                size_t j = cell_index(T, K_WITH_IND(k, v));
                if (j != (size_t)-1)
                    rc = lin_add(var, coef, &m, ENG_T(j), 1);
            }
            if (rc == KR_OK && (rc = lin_add(var, coef, &m, ENG_N(i), -1)) == KR_OK)
                rc = eng_lin_eq(L, var, coef, m);
            /* the early-screened are among the screened */
            size_t j = cell_index(T, K_WITH_IND(k, I_GESCREEND + 2));
            size_t b[2] = {ENG_T(i), j != (size_t)-1 ? ENG_T(j) : 0};
            if (rc == KR_OK && j != (size_t)-1)
                rc = eng_lin_block(L, b, 2);
        }
        if (code > NINDS && rc == KR_OK) {
            /* quantile rows of one summary share their teller: equal ones as equations */
            unsigned kmi = (code - NINDS - 1) / 4, qi = (code - NINDS - 1) % 4;
            size_t j = qi < 3 ? cell_index(T, K_WITH_IND(k, code + 1)) : (size_t)-1;
            if (j != (size_t)-1) {
                size_t v2[2] = {ENG_T(i), ENG_T(j)};
                int c2[2] = {1, -1};
                rc = eng_lin_eq(L, v2, c2, 2);
            }
            if (rc == KR_OK && qi == 0 && strcmp(kms[kmi].id, "overdracht.mdo_dagen") == 0) {
                /* the MDOs held against those held within 14 days */
                for (unsigned c2 = 1; c2 <= NINDS; c2++)
                    if (strcmp(inds[c2 - 1].id, "overdracht.mdo_tijdig") == 0) {
                        size_t t2 = cell_index(T, K_WITH_IND(k, c2));
                        size_t b[2] = {ENG_T(i), t2 != (size_t)-1 ? ENG_T(t2) : 0};
                        if (t2 != (size_t)-1)
                            rc = eng_lin_block(L, b, 2);
                    }
            }
        }
    }
    /* noemers of one cohort class, place, breakdown and period */
    for (size_t a = 0; a < nx && rc == KR_OK;) {
        size_t b = a, m = 0;
        while (b < nx && x[b].cls == x[a].cls && x[b].rest == x[a].rest)
            b++;
        for (size_t i = a; i < b && m < 4096; i++)
            if (cells[x[i].i].kind != ENG_CELL_COUNT && cells[x[i].i].kind != ENG_CELL_NOT_PERSONS)
                var[m++] = ENG_N(x[i].i);
        rc = eng_lin_block(L, var, m);
        for (size_t p = 0; p < m && rc == KR_OK; p++)
            for (size_t q = p + 1; q < m && rc == KR_OK; q++)
                if (cells[var[p] / 2].noemer == cells[var[q] / 2].noemer) {
                    size_t v2[2] = {var[p], var[q]};
                    int c2[2] = {1, -1};
                    rc = eng_lin_eq(L, v2, c2, 2);
                    break;  /* a chain of equal noemers is enough */
                }
        a = b;
    }
    return rc;
}

/* Primary and secondary suppression, differences across indicators, then the audit, until nothing changes. */
static kr_status suppress_all(cell *const *list, eng_cell *cells, size_t n, const groups *G, const table *T,
                              size_t nregie, int min_cell)
{
    xrow *x = malloc((n ? n : 1) * sizeof *x);
    unsigned char *flags = malloc(n ? n : 1);
    eng_audit_ctx *X = NULL;
    eng_lin L;
    size_t nx = 0, more = 0;
    kr_status rc = KR_OK;
    memset(&L, 0, sizeof L);
    if (!x || !flags) {
        rc = KR_ENOMEM;
        goto cleanup;
    }
    for (size_t i = 0; i < n; i++) {
        int cls = cohort_class(K_IND(list[i]->key));
        if (cls)
            x[nx++] = (xrow){cls, K_WITH_IND(list[i]->key, 0), i};
        flags[i] = audit_flags(list[i], &cells[i]);
    }
    qsort(x, nx, sizeof *x, cmp_xrow);
    if ((rc = build_lin(T, list, cells, n, G, x, nx, &L)) != KR_OK ||
        (rc = eng_audit_open(cells, flags, n, &L, &X)) != KR_OK)
        goto cleanup;
    do {
        do
            rc = eng_suppress(cells, n, G->g, G->n, min_cell);
        while (rc == KR_OK && hide_across(list, cells, x, nx, T, nregie, min_cell) > 0);
        if (rc == KR_OK)
            rc = eng_audit_run(X, cells, min_cell, &more);
    } while (rc == KR_OK && more > 0);
cleanup:
    eng_audit_close(X);
    eng_lin_fini(&L);
    free(flags);
    free(x);
    return rc;
}

/* ---- targets ------------------------------------------------------------------------------------------------ */

/* ---- writing ------------------------------------------------------------------------------------------------- */

typedef struct row_out {
    char id[80];
    const char *unit;
    const char *regio, *site, *groep;
    char val[48];
    eper per;
    int shown;           /* 0: suppressed */
    int has_counts;      /* teller and noemer are written (not for ratios and shifts) */
    const char *mark;    /* '', or 'x' when suppressed */
    long teller, noemer, teller_ruw, noemer_ruw;
    double waarde, lo, hi;  /* NAN where none */
    int voorlopig;
} row_out;

static void bind_real(sqlite3_stmt *st, int i, double v)
{
    if (isnan(v) || isinf(v))
        sqlite3_bind_null(st, i);
    else
        sqlite3_bind_double(st, i, v);
}

static kr_status write_row(sqlite3_stmt *st, const row_out *r, const eng_doelen *D)
{
    sqlite3_bind_text(st, 1, r->id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, r->regio, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, r->site, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, r->groep, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, r->val, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 6, r->per.label, -1, SQLITE_TRANSIENT);
    if (r->shown && r->has_counts) {
        sqlite3_bind_int64(st, 7, r->teller);
        if (strcmp(r->unit, "aantal") == 0)
            sqlite3_bind_null(st, 8);  /* a count's noemer is another row's teller, suppressed or not */
        else
            sqlite3_bind_int64(st, 8, r->noemer);
    } else {
        sqlite3_bind_null(st, 7);
        sqlite3_bind_null(st, 8);
    }
    bind_real(st, 9, r->shown ? r->waarde : NAN);
    bind_real(st, 10, r->shown ? r->lo : NAN);
    bind_real(st, 11, r->shown ? r->hi : NAN);
    sqlite3_bind_text(st, 12, r->mark, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 13, r->unit, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 14, r->voorlopig);
    sqlite3_bind_int64(st, 15, r->teller_ruw);
    sqlite3_bind_int64(st, 16, r->noemer_ruw);
    /* the target and the status, where the row is in the indicator's own unit */
    const eng_indicator *ind = eng_indicator_find(r->id);
    double t = ind && strcmp(ind->unit, r->unit) == 0 && strcmp(r->groep, "regie_type") != 0
                   ? eng_target(D, ind, r->regio, r->per.last)
                   : NAN;
    const char *status =
        isnan(t) ? NULL : eng_rag_word(eng_rag(r->waarde, r->lo, r->hi, t, ind->direction, !r->shown || isnan(r->waarde)));
    bind_real(st, 17, t);
    if (status)
        sqlite3_bind_text(st, 18, status, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, 18);
    kr_status rc = sqlite3_step(st) == SQLITE_DONE ? KR_OK : KR_EDB;
    sqlite3_reset(st);
    return rc;
}

static const char *route_name(unsigned v)
{
    return v == 1 ? "niet_gescreend" : v == 2 ? "1" : v == 3 ? "2" : v == 4 ? "3" : "";
}

/* The row of listed cell i. */
static void cell_row(const facts *F, const cell *c, const eng_cell *e, kr_date peil, row_out *r)
{
    uint64_t k = c->key;
    unsigned code = K_IND(k), gr = K_GROEP(k), va = K_VAL(k);
    const ind_def *x = code <= NINDS ? &inds[code - 1] : NULL;
    unsigned kmi = x ? 0 : (code - NINDS - 1) / 4, qi = x ? 0 : (code - NINDS - 1) % 4;
    memset(r, 0, sizeof *r);
    if (x)
        kr_strlcpy(r->id, x->id, sizeof r->id);
    else
        (void)snprintf(r->id, sizeof r->id, "%s.%s", kms[kmi].id, km_suffix[kms[kmi].retention][qi]);
    r->unit = x ? x->unit : kms[kmi].retention ? "%" : "dagen";
    r->regio = F->d[D_REGIO].s[K_REGIO(k)];
    r->site = F->d[D_SITE].s[K_SITE(k)];
    r->groep = group_names[gr];
    if (gr == G_ROUTE)
        kr_strlcpy(r->val, route_name(va), sizeof r->val);
    else if (gr == G_REGIE)
        kr_strlcpy(r->val, F->d[D_REGIE].s[va], sizeof r->val);
    else if (gr != G_TOTAAL)
        kr_strlcpy(r->val, F->d[gr == G_GEMEENTE ? D_GEMEENTE : gr == G_LEEFTIJD ? D_LEEFTIJD
                                : gr == G_PARITEIT ? D_PARITEIT : D_SOORT].s[va],
                   sizeof r->val);
    period_of_code(K_PER(k), &r->per);
    int horizon = x ? x->horizon : kms[kmi].retention ? km_age[qi] : kms[kmi].horizon;
    r->voorlopig = peil - r->per.last < horizon || r->per.last > peil;
    r->teller_ruw = c->t;
    r->noemer_ruw = c->n;
    r->teller = e->teller;
    r->noemer = e->noemer;
    r->has_counts = 1;
    r->shown = e->out == ENG_SHOWN;
    r->mark = r->shown ? "" : "x";
    r->waarde = r->lo = r->hi = NAN;
    if (c->km) {
        r->waarde = c->q;
        r->lo = c->lo;
        r->hi = c->hi;
    } else if (x && x->kind == K_COUNT) {
        r->waarde = (double)c->t;
    } else if (x && x->kind == K_DAYS) {
        r->waarde = c->n ? 100.0 * (double)c->t / (double)c->n : NAN;  /* days, not persons: no interval */
    } else if (c->n > 0) {
        double lo, hi, scale = strcmp(r->unit, "per1000") == 0 ? 1000.0 : 100.0;
        r->waarde = scale * (double)c->t / (double)c->n;
        if (eng_wilson(c->t, c->n, ENG_Z95, &lo, &hi) == KR_OK) {
            r->lo = scale * lo;
            r->hi = scale * hi;
        }
    }
}

/* ---- derived rows: relative risks, observed/expected, the shift to the 1st line ------------------------------- */

typedef struct derived_ctx {
    const facts *F;
    const table *T;
    const eng_cell *cells;
    kr_date peil;
    int min_cell, basis;
    sqlite3_stmt *st;
    const eng_doelen *D;
    long long rows;
} derived_ctx;

static const cell *find_shown(const derived_ctx *X, uint64_t key, int *shown)
{
    const cell *c = table_find(X->T, key);
    *shown = c && c->idx != (size_t)-1 && X->cells[c->idx].out == ENG_SHOWN;
    return c;
}

static void ratio_row(const derived_ctx *X, row_out *r, const char *id, uint64_t key)
{
    memset(r, 0, sizeof *r);
    kr_strlcpy(r->id, id, sizeof r->id);
    r->unit = "ratio";
    r->regio = X->F->d[D_REGIO].s[K_REGIO(key)];
    r->site = X->F->d[D_SITE].s[K_SITE(key)];
    r->groep = group_names[G_TOTAAL];
    period_of_code(K_PER(key), &r->per);
    r->voorlopig = r->per.last > X->peil;
    r->waarde = r->lo = r->hi = NAN;
    r->mark = "";
    r->shown = 1;
}

/* Relative risk route 3 against route 1, and O/E on leeftijdsklasse x pariteit against all regions, of uitkomst.*. */
static kr_status write_ratios(derived_ctx *X, const cell *c)
{
    uint64_t k = c->key;
    unsigned ind = K_IND(k), re = K_REGIO(k), si = K_SITE(k), pe = K_PER(k);
    row_out r;
    char id[80];
    int s1, s3, st;
    /* relative risk */
    const cell *a = find_shown(X, pack(ind, re, si, G_ROUTE, 4, pe), &s3);
    const cell *b = find_shown(X, pack(ind, re, si, G_ROUTE, 2, pe), &s1);
    if (a && b) {
        (void)snprintf(id, sizeof id, "%s.rr_route3", inds[ind - 1].id);
        ratio_row(X, &r, id, k);
        r.teller_ruw = a->t;
        r.noemer_ruw = a->n;
        double rr, lo, hi;
        if (s1 && s3 && eng_relative_risk(a->t, a->n, b->t, b->n, ENG_Z95, &rr, &lo, &hi) == KR_OK) {
            r.waarde = rr;
            r.lo = lo;
            r.hi = hi;
        }
        if (write_row(X->st, &r, X->D) != KR_OK)
            return KR_EDB;
        X->rows++;
    }
    /* observed / expected for a region or site, standardised to all regions on leeftijdsklasse x pariteit */
    if (re == STAR)
        return KR_OK;
    find_shown(X, k, &st);
    double expected = 0;
    for (unsigned l = 0; l < X->F->d[D_LEEFTIJD].n; l++)
        for (unsigned p = 0; p < X->F->d[D_PARITEIT].n; p++) {
            const cell *own = table_find(X->T, pack(ind, re, si, G_STRATUM, l * 32 + p, pe));
            const cell *all = table_find(X->T, pack(ind, STAR, STAR, G_STRATUM, l * 32 + p, pe));
            if (own && all && all->n > 0)
                expected += (double)own->n * (double)all->t / (double)all->n;
        }
    (void)snprintf(id, sizeof id, "%s.oe", inds[ind - 1].id);
    ratio_row(X, &r, id, k);
    r.teller_ruw = c->t;
    r.noemer_ruw = c->n;
    double oe, lo, hi;
    if (st && c->t > 0 && eng_oe_ratio(c->t, expected, &oe, &lo, &hi) == KR_OK) {
        r.waarde = oe;
        r.lo = lo;
        r.hi = hi;
    }
    if (write_row(X->st, &r, X->D) != KR_OK)
        return KR_EDB;
    X->rows++;
    return KR_OK;
}

/* The baseline year: --basis, else the first calendar year with data in all four quarters (of lijn.eerste_lijn_baring). */
static int basis_year(const derived_ctx *X, unsigned ind)
{
    if (X->basis)
        return X->basis;
    for (int y = 2000; y < 2100; y++) {
        int all = 1;
        for (unsigned q = 0; q < 4 && all; q++)
            all = table_find(X->T, pack(ind, STAR, STAR, G_TOTAAL, 0, (unsigned)(y - 2000) * 4 + q)) != NULL;
        if (all)
            return y;
    }
    return 0;
}

/* lijn.verschuiving.<x>.verschil per year against the baseline, and .trend per quarter (WLS over quarters). */
static kr_status write_shift(derived_ctx *X, unsigned ind, const cell *c, int basis)
{
    uint64_t k = c->key;
    unsigned re = K_REGIO(k), si = K_SITE(k), gr = K_GROEP(k), va = K_VAL(k), pe = K_PER(k);
    const ind_def *I = &inds[ind - 1];
    const char *name = I->id + strlen("lijn.");
    row_out r;
    int shown, bshown;
    if (!IS_YEAR(pe) || basis == 0)
        return KR_OK;
    int year = 2000 + (int)(pe - YEAR_BASE);
    find_shown(X, k, &shown);
    memset(&r, 0, sizeof r);
    r.unit = "pp";
    r.regio = X->F->d[D_REGIO].s[re];
    r.site = X->F->d[D_SITE].s[si];
    r.groep = group_names[gr];
    if (gr == G_ROUTE)
        kr_strlcpy(r.val, route_name(va), sizeof r.val);
    r.mark = "";
    r.shown = 1;
    r.waarde = r.lo = r.hi = NAN;
    period_of_code(pe, &r.per);
    r.voorlopig = r.per.last > X->peil;
    if (year > basis) {
        const cell *b = find_shown(X, pack(ind, re, si, gr, va, YEAR_BASE + (unsigned)(basis - 2000)), &bshown);
        if (b) {
            (void)snprintf(r.id, sizeof r.id, "lijn.verschuiving.%s.verschil", name);
            r.teller_ruw = c->t;
            r.noemer_ruw = c->n;
            if (shown && bshown && c->n > 0 && b->n > 0) {
                double p1 = (double)c->t / (double)c->n, p0 = (double)b->t / (double)b->n;
                r.waarde = 100.0 * (p1 - p0);
                double l1, u1, l0, u0;
                /* Newcombe's hybrid score interval for a difference of two proportions (persons only) */
                if (I->kind == K_PROP && eng_wilson(c->t, c->n, ENG_Z95, &l1, &u1) == KR_OK &&
                    eng_wilson(b->t, b->n, ENG_Z95, &l0, &u0) == KR_OK) {
                    r.lo = 100.0 * (p1 - p0 - sqrt((p1 - l1) * (p1 - l1) + (u0 - p0) * (u0 - p0)));
                    r.hi = 100.0 * (p1 - p0 + sqrt((u1 - p1) * (u1 - p1) + (p0 - l0) * (p0 - l0)));
                }
            }
            if (write_row(X->st, &r, X->D) != KR_OK)
                return KR_EDB;
            X->rows++;
        }
    }
    /* the trend: written with the last year, over every quarter from the baseline year on that has ended by the
     * peildatum and is shown (not suppressed) */
    int py, pm, pd;
    kr_date_to_ymd(X->peil, &py, &pm, &pd);
    if (year != py && !(year == py - 1 && !table_find(X->T, pack(ind, re, si, gr, va, YEAR_BASE + (unsigned)(py - 2000)))))
        return KR_OK;
    double xs[400], ys[400], ws[400];
    size_t nq = 0;
    long sum_n = 0;
    for (unsigned q = (unsigned)(basis - 2000) * 4; q <= (unsigned)(year - 2000) * 4 + 3 && nq < 400; q++) {
        eper qp;
        period_of_code(q, &qp);
        int q_shown;
        const cell *x = find_shown(X, pack(ind, re, si, gr, va, q), &q_shown);
        if (!x || !q_shown || qp.last > X->peil || x->n <= 0)
            continue;  /* a suppressed quarter takes no part: the slope would give it away */
        xs[nq] = (double)q;
        ys[nq] = 100.0 * (double)x->t / (double)x->n;
        ws[nq] = (double)x->n;
        sum_n += x->n;
        nq++;
    }
    (void)snprintf(r.id, sizeof r.id, "lijn.verschuiving.%s.trend", name);
    (void)snprintf(r.per.label, sizeof r.per.label, "%04d-%04d", basis, year);
    r.voorlopig = 0;
    r.teller_ruw = (long)nq;
    r.noemer_ruw = sum_n;
    r.waarde = r.lo = r.hi = NAN;
    double slope, lo, hi;
    if (eng_wls(xs, ys, ws, nq, &slope, &lo, &hi) == KR_OK) {
        r.waarde = slope;
        r.lo = lo;
        r.hi = hi;
    }
    if (write_row(X->st, &r, X->D) != KR_OK)
        return KR_EDB;
    X->rows++;
    return KR_OK;
}

/* Is every fixed-age row of a retention cohort shown? (Else its curve would give the hidden values away.) */
static int cohort_shown(const table *T, const eng_cell *cells, uint64_t key)
{
    unsigned kmi = (K_IND(key) - NINDS - 1) / 4;
    int any = 0;
    for (unsigned q = 0; q < 4; q++) {
        const cell *c = table_find(T, K_WITH_IND(key, KM_CODE(kmi, q)));
        if (c && (c->idx == (size_t)-1 || cells[c->idx].out != ENG_SHOWN))
            return 0;
        any |= c != NULL;
    }
    return any;  /* a cohort too young for any fixed-age row has passed no group: no curve */
}

static kr_status write_curves(sqlite3 *db, const facts *F, const curves *C, const table *T, const eng_cell *cells)
{
    sqlite3_stmt *st = NULL;
    kr_status rc = KR_OK;
    if (kr_db_exec(db, "DELETE FROM uitkomst_curve", NULL, 0) != KR_OK)
        return KR_EDB;
    if (sqlite3_prepare_v2(db,
                           "INSERT INTO uitkomst_curve (indicator, regio, site, groep, groepwaarde, periode, t, at_risk, "
                           "s, ci_laag, ci_hoog) VALUES ('nazorg.in_zorg', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           -1, &st, NULL) != SQLITE_OK)
        return KR_EDB;
    for (size_t i = 0; i < C->n && rc == KR_OK; i++) {
        const curve_step *x = &C->s[i];
        if (!cohort_shown(T, cells, x->key))
            continue;
        eper per;
        period_of_code(K_PER(x->key), &per);
        sqlite3_bind_text(st, 1, F->d[D_REGIO].s[K_REGIO(x->key)], -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, F->d[D_SITE].s[K_SITE(x->key)], -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, group_names[K_GROEP(x->key)], -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, K_GROEP(x->key) == G_ROUTE ? route_name(K_VAL(x->key)) : "", -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 5, per.label, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(st, 6, (int)x->t);
        sqlite3_bind_int64(st, 7, x->at_risk);
        sqlite3_bind_double(st, 8, x->s);
        bind_real(st, 9, x->lo);
        bind_real(st, 10, x->hi);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = KR_EDB;
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return rc;
}

static int cmp_cell_key(const void *a, const void *b)
{
    uint64_t x = (*(const cell *const *)a)->key, y = (*(const cell *const *)b)->key;
    return (x > y) - (x < y);
}

/* ---- the whole outcome table ------------------------------------------------------------------------------------- */

kr_status eng_outcomes_write(sqlite3 *db, const facts *F, const eng_options *opt, long long *rows, char *err,
                             size_t errcap)
{
    table T = {NULL, 0, 0};
    groups G;
    memset(&G, 0, sizeof G);
    curves C = {NULL, 0, 0};
    eng_doelen D = {NULL, 0, 0};
    cell **list = NULL;
    eng_cell *cells = NULL;
    sqlite3_stmt *st = NULL;
    kr_status rc;
    int in_sp = 0;
    kr_date peil = opt->peildatum;
    /* the packed keys have room for this many (index 0 of each dictionary is '*' or '') */
    if (F->d[D_REGIO].n > 32 || F->d[D_SITE].n > 128 || F->d[D_GEMEENTE].n > 4096 || F->d[D_LEEFTIJD].n > 127 ||
        F->d[D_PARITEIT].n > 32 || F->d[D_SOORT].n > 4096 || F->d[D_REGIE].n > 4096) {
        if (err && errcap)
            (void)snprintf(err, errcap,
                           "the registry has more than the outcome table can hold: %zu regions (at most 31), %zu sites "
                           "(at most 127), %zu municipalities (at most 4095)",
                           F->d[D_REGIO].n - 1, F->d[D_SITE].n - 1, F->d[D_GEMEENTE].n - 1);
        return KR_ETOOBIG;
    }
    if ((rc = eng_doelen_load(db, &D)) != KR_OK || (rc = aggregate(F, peil, &T)) != KR_OK)
        goto cleanup;
    eng_lap("aggregate");
    if ((rc = roll_up(&T, peil, opt->min_cell)) != KR_OK)
        goto cleanup;
    eng_lap("roll-up");
    if ((rc = aggregate_km(F, peil, opt->min_cell, &T, &C)) != KR_OK)
        goto cleanup;
    eng_lap("kaplan-meier");
    /* a stable list of the cells written (not the internal strata, not windows without data) */
    list = malloc((T.n ? T.n : 1) * sizeof *list);
    cells = calloc(T.n ? T.n : 1, sizeof *cells);
    if (!list || !cells) {
        rc = KR_ENOMEM;
        goto cleanup;
    }
    size_t n = 0;
    for (size_t i = 0; i < T.cap; i++) {
        T.c[i].idx = (size_t)-1;
        if (T.c[i].key && !T.c[i].dead && K_GROEP(T.c[i].key) != G_STRATUM)
            list[n++] = &T.c[i];
    }
    /* in key order (the dictionaries are in text order), so that suppression, which takes groups and breaks ties in
     * list order, gives the same table whatever the order in which the records arrived */
    qsort(list, n, sizeof *list, cmp_cell_key);
    for (size_t i = 0; i < n; i++) {
        const cell *c = list[i];
        const ind_def *x = K_IND(c->key) <= NINDS ? &inds[K_IND(c->key) - 1] : NULL;
        list[i]->idx = i;
        if (c->km)
            cells[i] = (eng_cell){ENG_CELL_DECIDED, c->t, c->n, c->km_hidden, ENG_SHOWN};
        else if (x && x->kind == K_DAYS)  /* care-days: suppressed where fewer than the minimum of pregnancies */
            cells[i] = (eng_cell){ENG_CELL_DECIDED, c->t, c->n, c->p < opt->min_cell, ENG_SHOWN};
        else if (x && x->kind == K_COUNT)
            cells[i] = (eng_cell){ENG_CELL_COUNT, c->t, c->n, 0, ENG_SHOWN};
        else
            cells[i] = (eng_cell){ENG_CELL_PROPORTION, c->t, c->n, 0, ENG_SHOWN};
    }
    if ((rc = build_groups(&T, list, n, F, &G)) != KR_OK ||
        (rc = suppress_all(list, cells, n, &G, &T, F->d[D_REGIE].n, opt->min_cell)) != KR_OK)
        goto cleanup;
    eng_lap("suppression");

    /* write */
    if ((rc = kr_db_exec(db, "SAVEPOINT uitkomst; DELETE FROM uitkomst", NULL, 0)) != KR_OK)
        goto cleanup;
    in_sp = 1;
    if (sqlite3_prepare_v2(db,
                           "INSERT INTO uitkomst (indicator, regio, site, groep, groepwaarde, periode, teller, noemer, "
                           "waarde, ci_laag, ci_hoog, onderdrukt, eenheid, voorlopig, teller_ruw, noemer_ruw, doel, status) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           -1, &st, NULL) != SQLITE_OK) {
        rc = KR_EDB;
        goto cleanup;
    }
    derived_ctx X = {F, &T, cells, peil, opt->min_cell, opt->basis, st, &D, 0};
    int basis[NINDS] = {0};
    for (unsigned k = 0; k < NINDS; k++)
        if (strcmp(inds[k].id, "lijn.eerste_lijn_baring") == 0 || strcmp(inds[k].id, "lijn.eerste_lijn_dagen") == 0)
            basis[k] = basis_year(&X, k + 1);
    for (size_t i = 0; i < n && rc == KR_OK; i++) {
        row_out r;
        const cell *c = list[i];
        unsigned ind = K_IND(c->key);
        cell_row(F, c, &cells[i], peil, &r);
        rc = write_row(st, &r, &D);
        if (rc != KR_OK || ind > NINDS)
            continue;
        if (is_outcome(ind - 1) && K_GROEP(c->key) == G_TOTAAL && !IS_QUARTER(K_PER(c->key)))
            rc = write_ratios(&X, c);
        else if (basis[ind - 1] && (K_GROEP(c->key) == G_TOTAAL || K_GROEP(c->key) == G_ROUTE))
            rc = write_shift(&X, ind, c, basis[ind - 1]);
    }
    if (rc == KR_OK)
        rc = write_curves(db, F, &C, &T, cells);
    if (rc == KR_OK) {
        rc = kr_db_exec(db, "RELEASE uitkomst", NULL, 0);
        if (rc == KR_OK) {
            in_sp = 0;
            if (rows)
                *rows = (long long)n + X.rows;
        }
    }
cleanup:
    sqlite3_finalize(st);
    if (in_sp)
        (void)sqlite3_exec(db, "ROLLBACK TO uitkomst; RELEASE uitkomst", NULL, NULL, NULL);
    free(G.g);
    free(G.type);
    free(G.parts);
    free(C.s);
    eng_doelen_fini(&D);
    free(list);
    free(cells);
    free(T.c);
    return rc;
}
