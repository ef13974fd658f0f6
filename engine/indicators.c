/*
 * The indicators of OUTCOMES.md as data, one row each: the catalogue entry users see (id, Dutch
 * and English title, definition, unit, direction, default target, cohort) and what computes its
 * rows from the trajectory facts (evaluator, breakdowns, horizon, cohort class), then the
 * relations between rows that disclosure control must know. `kansrijk indicators` prints the
 * catalogue, reports print definitions, the ETL checks `doelen` against it, and the outcome table
 * (engine/aggregate.c, disclose.c, outcome.c) is computed from it.
 */
#include "outcome_int.h"

#include <json-c/json.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- evaluators: which rows of facts a row counts, and how ---------------------------------------------------- */

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

/* nazorg.bereik.<moment arg>: no "already happened" exception; uitgeschreven or died before the window's
 * end left out */
/* the end of each contact moment's window in days of age (core/codes.h) */
static const int moment_end[KR_NMOMENTS] = {KR_MOMENTS(KR_END_OF_MOMENT)};

static int ev_bereik(const fact *f, kr_date peil, int arg, kr_date *c, int *num)
{
    int end = moment_end[arg];
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

/* ---- the parts of families ------------------------------------------------------------------------------------ */

/* route.verdeling: the highest route before birth (0 not screened) */
static const eng_part routes[] = {{"1", 1, 0}, {"2", 2, 0}, {"3", 3, 0}, {"niet_gescreend", 0, 0}, {NULL, 0, 0}};
/* route.overgang.a_b: route a at the first screening, route b before birth */
static const eng_part transitions[] = {{"1_1", 11, 0}, {"1_2", 12, 0}, {"1_3", 13, 0}, {"2_2", 22, 0}, {"2_3", 23, 0},
                                       {"3_3", 33, 0}, {NULL, 0, 0}};
/* route.risicofactoren: the bit of the factor in fact.risks */
#define RISK_PART(i, code) {code, i, 0},
static const eng_part risk_factors[] = {KR_RISK_FACTORS(RISK_PART) {NULL, 0, 0}};
/* nazorg.bereik: the contact moment (index in fact.moment_age) and the end of its window in days of age */
#define MOMENT_PART(i, code, age, end) {code, i, end},
static const eng_part moments[] = {KR_MOMENTS(MOMENT_PART) {NULL, 0, 0}};
static const eng_part linkage_jgz[] = {{"jgz", 0, 0}, {NULL, 0, 0}};
static const eng_part linkage_bevalling[] = {{"bevalling", 0, 0}, {NULL, 0, 0}};
/* Kaplan-Meier: quantiles (percent) of days to the event; retention at ages in days (voorlopig until reached) */
static const eng_part quantiles[] = {{"p25", 25, 0}, {"p50", 50, 0}, {"p75", 75, 0}, {"p90", 90, 0}, {NULL, 0, 0}};
/* nazorg.in_zorg at an age: its horizon is the age plus the 200-day gap that dates a loss back, up to 730 (a gap must
 * complete before two years): until then a child seen last before the age can still turn out lost before it, so the
 * value can still fall (OUTCOMES.md's "the age shown" would have called the youngest cohort final too early) */
static const eng_part ages[] = {{"s6m", 182, 382}, {"s12m", 365, 565}, {"s18m", 547, 730}, {"s24m", 730, 730},
                                {NULL, 0, 0}};

/* ---- the catalogue ----------------------------------------------------------------------------------------- */

#define DEMO (B(G_GEMEENTE) | B(G_LEEFTIJD) | B(G_PARITEIT))
#define OUTCOME (B(G_ROUTE) | B(G_LEEFTIJD) | B(G_STRATUM))
/*
 * Measures: {kind, rows, horizon, cohort class, breakdowns, flags, evaluator, Kaplan-Meier, parts}.
 * Horizons (voorlopig): intake and signalling cohorts 294 days, since a later screening can still change the route
 * and with it the cohort; handover cohorts their window; birth cohorts the window or the age shown; outcomes 0.
 * The order of the rows is the order of the codes in the outcome table's keys (outcome_int.h): add, do not reorder.
 */
static const eng_ind_def catalogue[] = {
    /* R: route distribution, cohort intake_datum */
    {{"route.gescreend", "Gescreend op kwetsbaarheid", "Screened for vulnerability",
     "zwangerschappen met een screening voor de geboorte / alle zwangerschappen",
     "pregnancies with a screening before birth / all pregnancies", "%", ENG_HIGHER, 95, "intake"},
     {{K_PROP, ROWS_PREG, 294, C_INTAKE, DEMO, 0, ev_gescreend, NULL, NULL}}},
    {{"route.vroeg_gescreend", "Vroeg gescreend (16+0 weken)", "Screened early (16+0 weeks)",
     "eerste screening bij een zwangerschapsduur van ten hoogste 16+0 weken / zwangerschappen waarvan de datum van "
     "16+0 weken op of voor de peildatum ligt, of die al gescreend zijn",
     "first screening at a gestational age of at most 16+0 weeks / pregnancies whose 16+0-week date is on or "
     "before the peildatum, or that were screened already",
     "%", ENG_HIGHER, 80, "intake"},
     {{K_PROP, ROWS_PREG, 294, C_INTAKE, DEMO, 0, ev_vroeg, NULL, NULL}}},
    {{"route.verdeling", "Verdeling over de routes", "Distribution over the routes",
     "aandeel per route 1, 2, 3 en niet gescreend (vier tellers, één noemer)",
     "share per route 1, 2, 3 and not screened (four numerators, one denominator)", "%", ENG_NONE, NAN, "intake"},
     {{K_PROP, ROWS_PREG, 294, C_INTAKE, DEMO, 0, ev_verdeling, NULL, routes}}},
    {{"route.overgang", "Overgang tussen routes", "Transitions between routes",
     "route bij signalering (eerste screening) × route (de hoogste voor de geboorte): hoeveel blijven, hoeveel "
     "escaleren",
     "route at signalling (first screening) × route (the highest before birth): how many stay, how many escalate",
     "aantal", ENG_NONE, NAN, "intake"},
     {{K_COUNT, ROWS_PREG, 294, C_NONE, DEMO, 0, ev_overgang, NULL, transitions}}},
    {{"route.risicofactoren", "Risicofactoren", "Risk factors",
     "per risicofactor: zwangerschappen in route 2 en 3 met die factor bij een screening / zwangerschappen in route 2 "
     "en 3",
     "per risk factor: pregnancies in routes 2 and 3 with that factor at a screening / pregnancies in routes 2 and "
     "3",
     "%", ENG_NONE, NAN, "intake"},
     {{K_PROP, ROWS_PREG, 294, C_INTAKE, DEMO, 0, ev_risico, NULL, risk_factors}}},
    /* L: shift from 2nd to 1st line */
    {{"lijn.eerste_lijn_baring", "Begin baring in de eerste lijn", "Labour starting in primary care",
     "geboortes met lijn_begin_baring = 1 / geboortes",
     "births with lijn_begin_baring = 1 / births", "%", ENG_HIGHER, NAN, "geboorte"},
     {{K_PROP, ROWS_PREG, 0, C_BIRTH, B(G_ROUTE), M_SHIFT, ev_eerste_lijn, NULL, NULL}}},
    {{"lijn.psychosociaal_klinisch", "Klinisch om psychosociale redenen", "Hospital care for psychosocial reasons",
     "zwangerschappen in route 2 en 3 met een episode in lijn 2/3 om reden psychosociaal (niet beide) die voor de "
     "geboorte begint / zwangerschappen in route 2 en 3",
     "pregnancies in routes 2 and 3 with an episode in line 2/3 for psychosocial reasons (not both) that starts "
     "before birth / pregnancies in routes 2 and 3",
     "%", ENG_LOWER, 5, "intake"},
     {{K_PROP, ROWS_PREG, 294, C_INTAKE, B(G_ROUTE), 0, ev_psy, NULL, NULL}}},
    {{"lijn.eerste_lijn_dagen", "Zorgdagen in de eerste lijn", "Care days in primary care",
     "zorgdagen in lijn 1 / alle verloskundige zorgdagen, zwangerschappen in route 2 en 3",
     "care days in line 1 / all obstetric care days, pregnancies in routes 2 and 3", "%", ENG_HIGHER, NAN,
     "intake"},
     {{K_DAYS, ROWS_PREG, 294, C_INTAKE, B(G_ROUTE), M_SHIFT, ev_zorgdagen, NULL, NULL}}},
    {{"lijn.terugverwijzing", "Terugverwijzing naar de eerste lijn", "Referral back to primary care",
     "episodes in lijn 2/3 om reden psychosociaal gevolgd door een episode in lijn 1 voor de geboorte / zulke episodes "
     "die voor de geboorte eindigden",
     "episodes in line 2/3 for psychosocial reasons followed by an episode in line 1 before birth / such episodes "
     "that ended before birth",
     "%", ENG_HIGHER, NAN, "episode"},
     {{K_PROP, ROWS_EPS, 294, C_EPISODE, B(G_ROUTE), 0, ev_terugverwijzing, NULL, NULL}}},
    {{"lijn.verschuiving", "Verschuiving naar de eerste lijn", "Shift to primary care",
     "verandering in procentpunten tegen het basisjaar en de trend per kwartaal (gewogen kleinste kwadraten)",
     "change in percentage points against the base year, and the trend per quarter (weighted least squares)", "pp",
     ENG_HIGHER, NAN, "-"},
     {{0}}},
    /* H: timeliness of handover, cohort the signalling date */
    {{"overdracht.jgz_tijdig", "Tijdige overdracht naar de JGZ", "Timely handover to youth health care",
     "route 2: een overdracht jgz_prenataal verzonden binnen 14 dagen na signalering / zwangerschappen in route 2 "
     "waarvan het venster van 14 dagen gesloten is",
     "route 2: a jgz_prenataal handover sent within 14 days of signalling / pregnancies in route 2 whose 14-day "
     "window has closed",
     "%", ENG_HIGHER, 90, "signalering"},
     {{K_PROP, ROWS_PREG, 294, C_SIGNAL, 0, M_ROUTE2, ev_jgz_tijdig, NULL, NULL}}},
    {{"overdracht.jgz_dagen", "Dagen tot overdracht naar de JGZ", "Days to handover to youth health care",
     "route 2: dagen van signalering tot verzending van de overdracht jgz_prenataal (Kaplan–Meier)",
     "route 2: days from signalling to sending the jgz_prenataal handover (Kaplan–Meier)", "dagen",
     ENG_LOWER, NAN, "signalering"},
     {{K_KM_QUANTILES, ROWS_PREG, 294, C_SIGNAL, 0, M_ROUTE2, NULL, km_jgz, quantiles}}},
    {{"overdracht.mdo_tijdig", "Tijdig besproken in het MDO", "Timely discussion in the MDO",
     "route 3: bespreekdatum binnen 14 dagen na signalering / zwangerschappen in route 3 waarvan het venster gesloten "
     "is",
     "route 3: the MDO's bespreekdatum within 14 days of signalling / pregnancies in route 3 whose window has "
     "closed",
     "%", ENG_HIGHER, 90, "signalering"},
     {{K_PROP, ROWS_PREG, 294, C_SIGNAL, 0, M_ROUTE3, ev_mdo_tijdig, NULL, NULL}}},
    {{"overdracht.mdo_dagen", "Dagen tot bespreking in het MDO", "Days to discussion in the MDO",
     "route 3: dagen van signalering tot bespreekdatum (Kaplan–Meier)",
     "route 3: days from signalling to the bespreekdatum (Kaplan–Meier)", "dagen", ENG_LOWER, NAN, "signalering"},
     {{K_KM_QUANTILES, ROWS_PREG, 294, C_SIGNAL, 0, M_ROUTE3, NULL, km_mdo, quantiles}}},
    {{"overdracht.regie_belegd", "Casusregie belegd", "Case direction assigned",
     "route 3: de eerste regie_datum binnen 28 dagen na signalering / zwangerschappen in route 3 waarvan het venster "
     "gesloten is; en per regie_type",
     "route 3: the first regie_datum within 28 days of signalling / pregnancies in route 3 whose window has "
     "closed; and per regie_type",
     "%", ENG_HIGHER, 95, "signalering"},
     {{K_PROP, ROWS_PREG, 294, C_SIGNAL, 0, M_ROUTE3, ev_regie, NULL, NULL},
      {K_REGIE, ROWS_PREG, 294, C_NONE, B(G_REGIE), 0, ev_regie_type, NULL, NULL}}},
    {{"overdracht.prenataal_huisbezoek", "Prenataal huisbezoek", "Prenatal home visit",
     "route 2 en 3: een gehouden prenataal huisbezoek voor de geboorte / zwangerschappen in route 2 en 3 geboren op "
     "of voor de peildatum",
     "routes 2 and 3: a prenatal home visit held before birth / pregnancies in routes 2 and 3 born on or before "
     "the peildatum",
     "%", ENG_HIGHER, 80, "signalering"},
     {{K_PROP, ROWS_PREG, 294, C_SIGNAL, B(G_ROUTE), 0, ev_huisbezoek, NULL, NULL}}},
    {{"overdracht.warm", "Warme overdracht", "Warm handover",
     "overdrachten met warm = ja / overdrachten, per soort overdracht",
     "handovers with warm = ja / handovers, per kind of handover", "%", ENG_HIGHER, 90, "verzending"},
     {{K_PROP, ROWS_HAND, 0, C_SENT, B(G_SOORT) | B(G_ROUTE), 0, ev_warm, NULL, NULL}}},
    {{"overdracht.bevestigd", "Overdracht bevestigd", "Handover confirmed",
     "overdrachten bevestigd binnen 7 dagen na verzending / overdrachten waarvan het venster gesloten is, per soort",
     "handovers confirmed within 7 days of sending / handovers whose window has closed, per kind",
     "%", ENG_HIGHER, 95, "verzending"},
     {{K_PROP, ROWS_HAND, 7, C_SENT, B(G_SOORT) | B(G_ROUTE), 0, ev_bevestigd, NULL, NULL}}},
    {{"overdracht.eerste_jgz_contact", "Eerste JGZ-contact", "First youth health care contact",
     "levend geboren kinderen met een gehouden JGZ-huisbezoek op dag 0–21 / levend geboren kinderen waarvan het "
     "venster gesloten is, min wie voor dag 21 overleed",
     "live-born children with a youth health care (JGZ) home visit held on day 0–21 / live-born children whose "
     "window has closed, minus those who died before day 21",
     "%", ENG_HIGHER, 90, "geboorte"},
     {{K_PROP, ROWS_KIDS, 21, C_CHILD, B(G_ROUTE), 0, ev_eerste_jgz, NULL, NULL}}},
    /* F: follow-up to two years */
    {{"nazorg.bereik", "Bereik per contactmoment", "Reach per contact moment",
     "per contactmoment: kinderen met een gehouden contact uiterlijk aan het einde van het venster / levend geboren "
     "kinderen waarvan het venster op de peildatum voorbij is, min uitgeschreven of overleden kinderen",
     "per contact moment: children with a contact held by the end of its window / live-born children whose window "
     "is over at the peildatum, minus children deregistered or deceased",
     "%", ENG_HIGHER, NAN, "geboorte"},
     {{K_PROP, ROWS_KIDS, 0, C_CHILD, B(G_ROUTE), 0, ev_bereik, NULL, moments}}},
    {{"nazorg.in_zorg", "In beeld tot twee jaar", "Followed up to two years",
     "Kaplan–Meier van in beeld blijven bij de JGZ van geboorte tot 730 dagen, per route",
     "Kaplan–Meier of staying in view of youth health care (JGZ) from birth to 730 days, per route", "%", ENG_HIGHER,
     NAN, "geboorte"},
     {{K_KM_RETENTION, ROWS_KIDS, 730, C_CHILD, B(G_ROUTE), 0, NULL, km_in_zorg, ages}}},
    /* O: perinatal outcomes */
    {{"uitkomst.vroeggeboorte", "Vroeggeboorte", "Preterm birth",
     "kinderen geboren bij < 37+0 weken / kinderen geboren bij ≥ 24+0 weken",
     "children born at < 37+0 weeks / children born at ≥ 24+0 weeks", "%", ENG_LOWER, NAN, "geboorte"},
     {{K_PROP, ROWS_KIDS, 0, C_CHILD, OUTCOME, M_OUTCOME, ev_vroeg_geboren, NULL, NULL}}},
    {{"uitkomst.laag_geboortegewicht", "Laag geboortegewicht", "Low birth weight",
     "levend geboren kinderen < 2500 g / levend geboren kinderen met een gewicht, ≥ 24+0 weken",
     "live-born children < 2500 g / live-born children with a weight, ≥ 24+0 weeks", "%", ENG_LOWER, NAN,
     "geboorte"},
     {{K_PROP, ROWS_KIDS, 0, C_CHILD, OUTCOME, M_OUTCOME, ev_laag_gewicht, NULL, NULL}}},
    {{"uitkomst.perinatale_sterfte", "Perinatale sterfte", "Perinatal mortality",
     "doodgeboren plus neonataal overleden op dag 0–6 / geboren kinderen, alle bij ≥ 24+0 weken",
     "stillborn plus neonatal deaths on day 0–6 / children born, all at ≥ 24+0 weeks", "per1000",
     ENG_LOWER, NAN, "geboorte"},
     {{K_PROP, ROWS_KIDS, 0, C_CHILD, OUTCOME, M_OUTCOME, ev_sterfte, NULL, NULL}}},
    /* Q: data quality and anchoring */
    {{"verankering.aanlevering", "Aanlevering", "Deliveries",
     "per organisatie × periode: aangeleverd, gecorrigeerd of ontbrekend; geaccepteerde en afgewezen rijen",
     "per organisation × period: delivered, corrected or missing; accepted and rejected rows", "aantal",
     ENG_NONE, NAN, "periode"},
     {{0}}},
    {{"verankering.deelname", "Deelname", "Participation",
     "organisaties die in de periode aanleverden / organisaties in het register, per regio en soort; gemeenten met "
     "ten minste één zwangerschap / gemeenten van de regio",
     "organisations that delivered in the period / organisations in the register, per region and kind; "
     "municipalities with at least one pregnancy / municipalities of the region",
     "%", ENG_HIGHER, NAN, "periode"},
     {{0}}},
    {{"kwaliteit.koppeling", "Koppeling", "Linkage",
     "zwangerschappen in route 2 en 3 met een JGZ-record; geboortes gekoppeld aan een zwangerschap; ongekoppelde "
     "records per organisatie en type",
     "pregnancies in routes 2 and 3 with a youth health care (JGZ) record; births linked to a pregnancy; unlinked "
     "records per organisation and type",
     "%", ENG_HIGHER, NAN, "periode"},
     {{K_PROP, ROWS_PREG, 294, C_INTAKE, 0, 0, ev_koppeling_jgz, NULL, linkage_jgz},
      {K_PROP, ROWS_PREG, 0, C_BIRTH, 0, 0, ev_koppeling_bevalling, NULL, linkage_bevalling}}},
    {{"kwaliteit.afgewezen", "Afgewezen rijen", "Rejected rows",
     "afgewezen rijen per organisatie, type en reden",
     "rejected rows per organisation, type and reason", "aantal", ENG_LOWER, NAN, "periode"},
     {{0}}},
    {{"kwaliteit.volledigheid", "Volledigheid", "Completeness",
     "per kolom van elk type: het aandeel rijen met een waarde",
     "per column of each type: the share of rows with a value", "%", ENG_HIGHER, NAN, "periode"},
     {{0}}},
};

/*
 * What a reader of the table knows beyond the breakdowns, places, quarters, years and windows of each row, which
 * disclosure control adds for every row: OUTCOMES.md, secondary suppression ("route.verdeling and route.overgang add
 * up to route.gescreend") and "Across indicators". Suppression takes its groups in this order: add, do not reorder.
 */
static const eng_relation relations[] = {
    /* routes 1, 2, 3 add up to the screened, and so do the transitions; with niet_gescreend to its noemer */
    {REL_TELLERS, "route.gescreend", {"route.verdeling.1", "route.verdeling.2", "route.verdeling.3"}},
    {REL_TELLERS, "route.gescreend", {"route.overgang.*"}},
    {REL_SECONDARY, "route.gescreend", {"route.verdeling.niet_gescreend"}},
    /* route.verdeling.b is the sum of the transitions ending in b */
    {REL_TELLERS, "route.verdeling.1", {"route.overgang.1_1"}},
    {REL_TELLERS, "route.verdeling.2", {"route.overgang.1_2", "route.overgang.2_2"}},
    {REL_TELLERS, "route.verdeling.3", {"route.overgang.1_3", "route.overgang.2_3", "route.overgang.3_3"}},
    /* a noemer of every route 2 and 3 pregnancy of the intake cohort */
    {REL_ROUTE23, "route.risicofactoren.*", {"route.verdeling.2", "route.verdeling.3"}},
    {REL_ROUTE23, "lijn.psychosociaal_klinisch", {"route.verdeling.2", "route.verdeling.3"}},
    {REL_ROUTE23, "kwaliteit.koppeling.jgz", {"route.verdeling.2", "route.verdeling.3"}},
    /* the regie_type distribution adds up to the tellers of regie_belegd */
    {REL_DISTRIBUTION, "overdracht.regie_belegd", {"overdracht.regie_belegd"}},
    /* route.gescreend's noemer: routes 1, 2, 3 and niet_gescreend; the early-screened are among the screened */
    {REL_NOEMER, "route.gescreend", {"route.verdeling.*"}},
    {REL_SUBSET, "route.gescreend", {"route.vroeg_gescreend"}},
    /* the MDOs held (the events of the Kaplan-Meier cohort) against those held within 14 days */
    {REL_SUBSET, "overdracht.mdo_dagen.p25", {"overdracht.mdo_tijdig"}},
};

/* ---- the rows, numbered ------------------------------------------------------------------------------------ */

static eng_rows rows_built;
static int rows_ready;

static int add_row(eng_rowdef *r, size_t *n, size_t cap, const eng_ind_def *d, const eng_measure *m,
                   const eng_part *p)
{
    if (*n >= cap)
        return -1;
    eng_rowdef *x = &r[(*n)++];
    memset(x, 0, sizeof *x);
    if (p)
        (void)snprintf(x->id, sizeof x->id, "%s.%s", d->pub.id, p->suffix);
    else
        kr_strlcpy(x->id, d->pub.id, sizeof x->id);
    x->def = d;
    x->m = m;
    x->arg = p ? p->arg : 0;
    x->horizon = p && p->horizon ? p->horizon : m->horizon;
    return 0;
}

/* The codes of the rows an id names ("family.*": every row whose id starts with "family."), in code order. */
static size_t resolve(const eng_rows *R, const char *id, unsigned *codes, int *args, size_t cap)
{
    size_t n = 0, len = strlen(id);
    int wild = len >= 2 && strcmp(id + len - 2, ".*") == 0;
    for (size_t i = 0; i < R->nrows + R->nkm * ENG_KM_PARTS; i++) {
        const eng_rowdef *r = i < R->nrows ? &R->row[i] : &R->km[(i - R->nrows) / ENG_KM_PARTS];
        char kid[80];
        const char *rid = r->id;
        if (i >= R->nrows) {
            (void)snprintf(kid, sizeof kid, "%s.%s", r->id, r->m->parts[(i - R->nrows) % ENG_KM_PARTS].suffix);
            rid = kid;
        }
        if (wild ? strncmp(rid, id, len - 1) != 0 : strcmp(rid, id) != 0)
            continue;
        if (i < R->nrows && r->m->kind == K_REGIE && !wild && n > 0)
            continue;  /* "overdracht.regie_belegd" names its proportion row; the distribution is the next code */
        if (n < cap) {
            codes[n] = (unsigned)(i + 1);
            args[n] = i < R->nrows ? r->arg : 0;
        }
        n++;
    }
    return n;
}

/* A catalogue or relation table the rows cannot be built from: what is wrong, in err; -1. */
static int build_error(char *err, size_t cap, const char *fmt, const char *id)
{
    if (cap)
        (void)snprintf(err, cap, fmt, id);
    return -1;
}

int eng_rows_build(eng_rows *R, const eng_relation *rels, size_t nrels, char *err, size_t errcap)
{
    memset(R, 0, sizeof *R);
    for (size_t i = 0; i < sizeof catalogue / sizeof catalogue[0]; i++)
        for (size_t k = 0; k < 2; k++) {
            const eng_ind_def *d = &catalogue[i];
            const eng_measure *m = &d->m[k];
            int km = m->kind == K_KM_QUANTILES || m->kind == K_KM_RETENTION;
            if (!m->eval && !m->km)
                continue;
            if (km) {
                /* a Kaplan-Meier summary is ENG_KM_PARTS rows; listed once */
                size_t np = 0;
                while (m->parts && np <= ENG_KM_PARTS && m->parts[np].suffix)
                    np++;
                if (np != ENG_KM_PARTS)
                    return build_error(err, errcap, "%s: a Kaplan-Meier summary needs exactly 4 parts", d->pub.id);
                if (add_row(R->km, &R->nkm, ENG_MAX_KM, d, m, NULL) != 0)
                    return build_error(err, errcap, "%s: more Kaplan-Meier summaries than ENG_MAX_KM", d->pub.id);
                continue;
            }
            /* one row, or one per part */
            if (!m->parts && add_row(R->row, &R->nrows, ENG_MAX_ROWS, d, m, NULL) != 0)
                return build_error(err, errcap, "%s: more rows than ENG_MAX_ROWS", d->pub.id);
            for (const eng_part *p = m->parts; p && p->suffix; p++)
                if (add_row(R->row, &R->nrows, ENG_MAX_ROWS, d, m, p) != 0)
                    return build_error(err, errcap, "%s: more rows than ENG_MAX_ROWS", d->pub.id);
        }
    if (R->nrows + 1 + ENG_KM_PARTS * R->nkm >= (1u << 23))  /* the code's bits in a packed key */
        return build_error(err, errcap, "%s: too many rows for a packed key", "catalogue");
    for (size_t i = 0; i < nrels; i++) {
        const eng_relation *x = &rels[i];
        unsigned totals[ENG_MAX_REL_PARTS];
        int ignored[ENG_MAX_REL_PARTS];
        size_t nt = resolve(R, x->total, totals, ignored, ENG_MAX_REL_PARTS);
        /* every id of the table names a row: a relation that resolves to nothing would protect nothing */
        if (nt == 0)
            return build_error(err, errcap, "relation of %s: the total names no row", x->total);
        if (nt > ENG_MAX_REL_PARTS)
            return build_error(err, errcap, "relation of %s: the total names more rows than ENG_MAX_REL_PARTS",
                               x->total);
        for (size_t t = 0; t < nt; t++) {
            if (R->nrel >= ENG_MAX_RELS)
                return build_error(err, errcap, "relation of %s: more relations than ENG_MAX_RELS", x->total);
            eng_rel *r = &R->rel[R->nrel++];
            r->type = x->type;
            r->total = totals[t];
            if (x->type == REL_DISTRIBUTION) {
                /* the distribution measure follows the proportion */
                const eng_rowdef *next = totals[t] < R->nrows ? &R->row[totals[t]] : NULL;
                if (!next || next->m->kind != K_REGIE || next->def != R->row[totals[t] - 1].def)
                    return build_error(err, errcap, "relation of %s: no distribution follows the total", x->total);
                r->parts[0] = totals[t] + 1;
                r->nparts = 1;
                continue;
            }
            for (size_t p = 0; p < 7 && x->parts[p]; p++) {
                size_t got = resolve(R, x->parts[p], r->parts + r->nparts, r->args + r->nparts,
                                     ENG_MAX_REL_PARTS - r->nparts);
                if (got == 0)
                    return build_error(err, errcap, "relation: the part %s names no row", x->parts[p]);
                if (got > ENG_MAX_REL_PARTS - r->nparts)
                    return build_error(err, errcap, "relation of %s: more parts than ENG_MAX_REL_PARTS", x->total);
                r->nparts += got;
            }
        }
    }
    return 0;
}

/* Built on the first call and never changed: not thread-safe until then (call it once before starting threads). */
const eng_rows *eng_rows_get(void)
{
    if (!rows_ready) {
        char err[200];
        if (eng_rows_build(&rows_built, relations, sizeof relations / sizeof relations[0], err, sizeof err) != 0) {
            /* a programmer's error in the catalogue or the relations: no outcome table without every row */
            fprintf(stderr, "kansrijk: engine/indicators.c: %s\n", err);
            abort();
        }
        rows_ready = 1;
    }
    return &rows_built;
}

const eng_rowdef *eng_row_of(unsigned code)
{
    const eng_rows *R = eng_rows_get();
    return code >= 1 && code <= R->nrows ? &R->row[code - 1] : NULL;
}

const eng_rowdef *eng_km_of(unsigned code, unsigned *part)
{
    const eng_rows *R = eng_rows_get();
    if (code <= R->nrows || code > R->nrows + ENG_KM_PARTS * R->nkm)
        return NULL;
    if (part)
        *part = (code - (unsigned)R->nrows - 1) % ENG_KM_PARTS;
    return &R->km[(code - R->nrows - 1) / ENG_KM_PARTS];
}

void eng_code_id(unsigned code, char *out, size_t cap)
{
    unsigned part;
    const eng_rowdef *r = eng_row_of(code), *km = r ? NULL : eng_km_of(code, &part);
    if (r)
        kr_strlcpy(out, r->id, cap);
    else if (km)
        (void)snprintf(out, cap, "%s.%s", km->id, km->m->parts[part].suffix);
    else if (cap)
        out[0] = '\0';
}

const eng_measure *eng_measure_of(unsigned code)
{
    const eng_rowdef *r = eng_row_of(code);
    if (!r)
        r = eng_km_of(code, NULL);
    return r ? r->m : NULL;
}

/*
 * The quality rows that count persons, suppressed like any count of persons (OUTCOMES.md, disclosure): the
 * completeness of every column (whether a column is filled tells something of the person: an MDO held, a child
 * stillborn - no birth weight -, a prenatal visit - an a_terme_datum and no geboortedatum -, twins, a handover
 * signalled in pregnancy), and every row of the mdo extract, whose records are each a pregnancy of route 3: its
 * rejected rows and its unlinked records (the counts over all types leave mdo out, so that no subtraction gives it).
 */
int eng_quality_persons_row(const char *indicator, const char *groep)
{
    if (strncmp(indicator, "kwaliteit.volledigheid.", 23) == 0)
        return strcmp(groep, "kolom") == 0;
    return strcmp(indicator, "kwaliteit.afgewezen." ENG_ROUTE3_TYPE) == 0 ||
           strcmp(indicator, "kwaliteit.koppeling.ongekoppeld." ENG_ROUTE3_TYPE) == 0;
}

unsigned eng_row_protection(const char *id, const char *groep, const char *groepwaarde, const char *eenheid)
{
    const eng_rows *R = eng_rows_get();
    if (strcmp(eenheid, "ratio") == 0 || strcmp(eenheid, "pp") == 0)
        return 0;  /* relative risks, observed/expected and the shift: no counts */
    for (size_t i = 0; i < R->nkm; i++) {  /* Kaplan-Meier and quantile rows: id.s12m, id.p50 */
        size_t n = strlen(R->km[i].id);
        if (strncmp(id, R->km[i].id, n) == 0 && id[n] == '.')
            return ENG_PROTECT_PERSONS;
    }
    for (size_t i = 0; i < R->nrows; i++)
        if (strcmp(R->row[i].id, id) == 0)
            return R->row[i].m->kind == K_DAYS    ? 0  /* care-days */
                   : R->row[i].m->kind == K_COUNT ? ENG_PROTECT_PERSONS
                                                  : ENG_PROTECT_PERSONS | ENG_PROTECT_COMPLEMENT;
    /* the quality rows count records, organisations and municipalities, but for those that count persons */
    (void)groepwaarde;
    return eng_quality_persons_row(id, groep) ? ENG_PROTECT_PERSONS | ENG_PROTECT_COMPLEMENT : 0;
}

const eng_card eng_scorecard[ENG_NCARD] = {
    {"route.gescreend", 1, 0},
    {"overdracht.mdo_tijdig", 1, 0},
    {"overdracht.jgz_tijdig", 1, 0},
    {"overdracht.warm", 1, 0},
    {"lijn.eerste_lijn_baring", 1, 0},
    {"lijn.psychosociaal_klinisch", 1, 0},
    {"overdracht.eerste_jgz_contact", 1, 0},
    {"nazorg.in_zorg.s12m", 0, 12},
    {"nazorg.in_zorg.s24m", 0, 24},
    {"verankering.deelname", 0, 0},
};

void eng_cohort_at(const kr_period *p, int age_months, kr_period *out)
{
    int steps = strlen(p->label) == 4 ? age_months / 12 : age_months / 3;
    *out = *p;
    for (int i = 0; i < steps; i++) {
        kr_period prev;
        kr_period_previous(out, &prev);
        *out = prev;
    }
}

size_t eng_indicator_count(void) { return sizeof catalogue / sizeof catalogue[0]; }

const eng_indicator *eng_indicator_at(size_t i) { return i < eng_indicator_count() ? &catalogue[i].pub : NULL; }

const eng_indicator *eng_indicator_find(const char *id)
{
    for (size_t i = 0; i < eng_indicator_count(); i++) {
        size_t n = strlen(catalogue[i].pub.id);
        /* a multi-part indicator's rows carry a suffix: route.verdeling.3, nazorg.in_zorg.s12m */
        if (strncmp(id, catalogue[i].pub.id, n) == 0 && (id[n] == '\0' || id[n] == '.'))
            return &catalogue[i].pub;
    }
    return NULL;
}

int eng_indicator_known(const char *id) { return eng_indicator_find(id) != NULL; }

static const char *direction_word(eng_direction d)
{
    return d == ENG_HIGHER ? _("higher is better") : d == ENG_LOWER ? _("lower is better") : "-";
}


/*
 * A unit or cohort of the catalogue (stable words that exports and doelen.csv use: aantal, signalering, parts joined
 * by '|') as the screen says it: in English, word by word.
 */
static void in_words(const char *s, int en, char *out, size_t cap)
{
    static const char *const words[][2] = {{"aantal", "count"},         {"dagen", "days"},
                                           {"per1000", "per 1000"},     {"signalering", "signalling"},
                                           {"geboorte", "birth"},       {"periode", "period"},
                                           {"verzending", "sending"},   {"intake", "intake"},
                                           {"episode", "episode"}};
    out[0] = '\0';
    if (!en) {
        kr_strlcpy(out, s, cap);
        return;
    }
    size_t k = 0;
    for (const char *p = s; *p;) {
        size_t n = strcspn(p, "|");
        const char *w = NULL;
        for (size_t i = 0; i < sizeof words / sizeof words[0] && !w; i++)
            if (strlen(words[i][0]) == n && strncmp(p, words[i][0], n) == 0)
                w = words[i][1];
        int r = w ? snprintf(out + k, cap - k, "%s", w) : snprintf(out + k, cap - k, "%.*s", (int)n, p);
        if (r < 0 || (size_t)r >= cap - k)
            return;
        k += (size_t)r;
        p += n;
        if (*p == '|' && k + 1 < cap) {
            out[k++] = '|';
            out[k] = '\0';
            p++;
        }
    }
}

kr_status eng_indicators_print(FILE *out, int json)
{
    if (json) {
        json_object *arr = json_object_new_array();
        for (size_t i = 0; i < eng_indicator_count(); i++) {
            const eng_indicator *x = &catalogue[i].pub;
            json_object *o = json_object_new_object();
            json_object_object_add(o, "id", json_object_new_string(x->id));
            json_object_object_add(o, "titel", json_object_new_string(x->title_nl));
            json_object_object_add(o, "title", json_object_new_string(x->title_en));
            json_object_object_add(o, "definitie", json_object_new_string(x->definition));
            json_object_object_add(o, "definition", json_object_new_string(x->definition_en));
            json_object_object_add(o, "eenheid", json_object_new_string(x->unit));
            json_object_object_add(o, "richting", x->direction == ENG_NONE ? NULL
                                                  : json_object_new_string(x->direction == ENG_HIGHER ? "hoger"
                                                                                                       : "lager"));
            json_object_object_add(o, "doel", isnan(x->target) ? NULL : json_object_new_double(x->target));
            json_object_object_add(o, "cohort", json_object_new_string(x->cohort));
            json_object_array_add(arr, o);
        }
        fputs(json_object_to_json_string_ext(arr, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE), out);
        fputc('\n', out);
        json_object_put(arr);
        return KR_OK;
    }
    int en = kr_lang_get() == KR_EN;
    for (size_t i = 0; i < eng_indicator_count(); i++) {
        const eng_indicator *x = &catalogue[i].pub;
        char unit[64], cohort[128];
        in_words(x->unit, en, unit, sizeof unit);
        in_words(x->cohort, en, cohort, sizeof cohort);
        fprintf(out, _("%s\n  %s / %s\n  %s\n  unit %s; %s"), x->id, x->title_nl, x->title_en,
                en ? x->definition_en : x->definition, unit, direction_word(x->direction));
        if (!isnan(x->target))
            fprintf(out, _("; default target %g"), x->target);
        fprintf(out, _("; cohort %s\n\n"), cohort);
    }
    return KR_OK;
}

/* ---- targets: the doelen rows of the reference data --------------------------------------- */

kr_status eng_doelen_load(sqlite3 *db, eng_doelen *D)
{
    sqlite3_stmt *st = NULL;
    kr_status rc = KR_OK;
    if (sqlite3_prepare_v2(db, "SELECT indicator, coalesce(regio, ''), doel, vanaf FROM doelen", -1, &st,
                           NULL) != SQLITE_OK)
        return KR_EDB;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *v = kr_column_text(st, 3);
        kr_period from;
        if (kr_period_parse(v, strlen(v), &from) != KR_OK)
            continue;
        if ((rc = kr_grow(&D->d, &D->cap, D->n, sizeof *D->d, 16)) != KR_OK)
            break;
        eng_doel *x = &D->d[D->n++];
        kr_strlcpy(x->indicator, kr_column_text(st, 0), sizeof x->indicator);
        kr_strlcpy(x->regio, kr_column_text(st, 1), sizeof x->regio);
        x->doel = sqlite3_column_double(st, 2);
        x->vanaf = from;
    }
    sqlite3_finalize(st);
    return rc;
}

double eng_target(const eng_doelen *D, const eng_indicator *ind, const char *regio, kr_date last)
{
    double t = ind->target;
    int best_specific = -1;
    kr_date best_from = 0;
    for (size_t i = 0; i < D->n; i++) {
        const eng_doel *x = &D->d[i];
        int specific = x->regio[0] != '\0';
        if (strcmp(x->indicator, ind->id) != 0 || (specific && strcmp(x->regio, regio) != 0) || x->vanaf.first > last)
            continue;
        if (specific > best_specific || (specific == best_specific && x->vanaf.first > best_from)) {
            best_specific = specific;
            best_from = x->vanaf.first;
            t = x->doel;
        }
    }
    return t;
}

void eng_doelen_fini(eng_doelen *D)
{
    if (!D)
        return;
    free(D->d);
    memset(D, 0, sizeof *D);
}
