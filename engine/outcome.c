/*
 * The outcome table from the trajectory facts: the pregnancy-based indicators
 * of OUTCOMES.md (routes, psychosocial hospital care, timely handovers, the
 * prenatal home visit, labour in the 1st line) per region and site (and all
 * together), per breakdown, per quarter and year, with Wilson intervals and
 * disclosure control before anything is written to `uitkomst`.
 */
#include "engine.h"
#include "stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define STAR 0   /* index 0 of every dictionary is '*' (all) or '' (totaal) */

/* ---- the facts in memory ---------------------------------------------------------------------- */

typedef struct dict {
    char (*s)[48];
    size_t n, cap;
} dict;

static int dict_id(dict *d, const char *s)
{
    if (!s)
        s = "onbekend";
    for (size_t i = 0; i < d->n; i++)
        if (strcmp(d->s[i], s) == 0)
            return (int)i;
    if (kr_grow(&d->s, &d->cap, d->n, sizeof *d->s, 32) != KR_OK)
        return -1;
    kr_strlcpy(d->s[d->n], s, sizeof d->s[d->n]);
    return (int)d->n++;
}

typedef struct fact {
    int regio, site, gemeente, leeftijd, pariteit;  /* dictionary ids; regio -1: counts nowhere */
    kr_date intake, due, birth, first_sc, sig2, sig3, jgz, bespreek, regie;
    int route;                                      /* 0: not screened */
    int huisbezoek, lijn_baring, psy;
    /* a child's row (the chosen bevalling record); birth is then the child's own */
    int ga, weight;                                 /* days; grams, 0 when unknown */
    int vit;                                        /* 0 levend, 1 doodgeboren, 2 neonataal_overleden */
    int died_day;                                   /* -1 when not given */
    /* a handover's row */
    int soort, warm;
    kr_date sent, recv;
} fact;

enum { D_REGIO, D_SITE, D_GEMEENTE, D_LEEFTIJD, D_PARITEIT, D_SOORT, D_N };

typedef struct factrows {
    fact *f;
    size_t n, cap;
} factrows;

typedef struct facts {
    factrows preg;   /* one per trajectory */
    factrows kids;   /* one per child born by the peildatum */
    factrows hand;   /* one per handover (reports of several organisations counted once) */
    dict d[D_N];
} facts;

static const char preg_sql[] =
    "SELECT f.regio, f.site, f.gemeentecode, f.leeftijdsklasse, f.pariteit, f.intake_datum, f.a_terme_datum, "
    "f.geboortedatum, f.eerste_screening, f.signalering_2, f.signalering_3, f.jgz_verzonden, f.bespreekdatum, "
    "f.regie_datum, coalesce(f.route, 0), f.huisbezoek_prenataal, f.lijn_begin_baring, f.psychosociaal_klinisch, "
    "NULL, NULL, NULL, NULL, NULL FROM feit_traject f ORDER BY f.traject_id";

/* Children: the chosen bevalling record of each, with its pregnancy's facts. */
static const char kids_sql[] =
    "SELECT f.regio, f.site, f.gemeentecode, f.leeftijdsklasse, f.pariteit, f.intake_datum, f.a_terme_datum, "
    "b.geboortedatum, f.eerste_screening, f.signalering_2, f.signalering_3, f.jgz_verzonden, f.bespreekdatum, "
    "f.regie_datum, coalesce(f.route, 0), f.huisbezoek_prenataal, f.lijn_begin_baring, f.psychosociaal_klinisch, "
    "b.amenorroeduur_geboorte, b.geboortegewicht, b.vitaliteit, b.overleden_dag, NULL "
    "FROM bevalling b JOIN feit_traject f ON f.traject_id = b.traject_id "
    "WHERE b.gekozen = 1 AND b.actueel = 1 ORDER BY b.traject_id, b.kind_volgnummer";

/*
 * Handovers: one per (client, van, naar, soort, verzonden_datum) whoever reports it; its
 * ontvangen_datum is the earliest given (on or before the peildatum), warm when any report says so.
 */
static const char hand_sql[] =
    "SELECT f.regio, f.site, f.gemeentecode, f.leeftijdsklasse, f.pariteit, f.intake_datum, f.a_terme_datum, "
    "f.geboortedatum, f.eerste_screening, f.signalering_2, f.signalering_3, f.jgz_verzonden, f.bespreekdatum, "
    "f.regie_datum, coalesce(f.route, 0), f.huisbezoek_prenataal, f.lijn_begin_baring, f.psychosociaal_klinisch, "
    "NULL, NULL, NULL, NULL, o.soort, max(o.warm = 'ja'), o.verzonden_datum, "
    "min(CASE WHEN o.ontvangen_datum <= ?1 THEN o.ontvangen_datum END) "
    "FROM overdracht o JOIN feit_traject f ON f.traject_id = o.traject_id WHERE o.actueel = 1 "
    "GROUP BY o.client_pseudoniem, o.van_organisatie, o.naar_organisatie, o.soort, o.verzonden_datum "
    "ORDER BY o.client_pseudoniem, o.van_organisatie, o.naar_organisatie, o.soort, o.verzonden_datum";

static kr_status load_rows(sqlite3 *db, facts *F, factrows *R, const char *sql, kr_date peil)
{
    sqlite3_stmt *st = NULL;
    kr_status rc = KR_OK;
    char peil_text[11];
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return KR_EDB;
    kr_date_format(peil, peil_text);
    if (sqlite3_bind_parameter_count(st) >= 1)
        sqlite3_bind_text(st, 1, peil_text, -1, SQLITE_TRANSIENT);
    while (sqlite3_step(st) == SQLITE_ROW) {
        if ((rc = kr_grow(&R->f, &R->cap, R->n, sizeof *R->f, 4096)) != KR_OK)
            break;
        fact *x = &R->f[R->n++];
        memset(x, 0, sizeof *x);
        x->regio = sqlite3_column_type(st, 0) == SQLITE_NULL ? -1
                                                              : dict_id(&F->d[D_REGIO], (const char *)sqlite3_column_text(st, 0));
        x->site = dict_id(&F->d[D_SITE], (const char *)sqlite3_column_text(st, 1));
        x->gemeente = dict_id(&F->d[D_GEMEENTE], (const char *)sqlite3_column_text(st, 2));
        x->leeftijd = dict_id(&F->d[D_LEEFTIJD], (const char *)sqlite3_column_text(st, 3));
        x->pariteit = dict_id(&F->d[D_PARITEIT], (const char *)sqlite3_column_text(st, 4));
        if (x->site < 0 || x->gemeente < 0 || x->leeftijd < 0 || x->pariteit < 0) {
            rc = KR_ENOMEM;
            break;
        }
        x->intake = kr_column_date(st, 5);
        x->due = kr_column_date(st, 6);
        x->birth = kr_column_date(st, 7);
        x->first_sc = kr_column_date(st, 8);
        x->sig2 = kr_column_date(st, 9);
        x->sig3 = kr_column_date(st, 10);
        x->jgz = kr_column_date(st, 11);
        x->bespreek = kr_column_date(st, 12);
        x->regie = kr_column_date(st, 13);
        x->route = sqlite3_column_int(st, 14);
        x->huisbezoek = sqlite3_column_int(st, 15);
        x->lijn_baring = sqlite3_column_type(st, 16) == SQLITE_NULL ? 0 : sqlite3_column_int(st, 16);
        x->psy = sqlite3_column_int(st, 17);
        x->ga = sqlite3_column_int(st, 18);
        x->weight = sqlite3_column_int(st, 19);
        const char *vit = (const char *)sqlite3_column_text(st, 20);
        x->vit = !vit ? 0 : strcmp(vit, "doodgeboren") == 0 ? 1 : strcmp(vit, "neonataal_overleden") == 0 ? 2 : 0;
        x->died_day = sqlite3_column_type(st, 21) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 21);
        x->soort = dict_id(&F->d[D_SOORT], sqlite3_column_count(st) > 22 ? (const char *)sqlite3_column_text(st, 22) : NULL);
        if (x->soort < 0) {
            rc = KR_ENOMEM;
            break;
        }
        if (sqlite3_column_count(st) > 25) {
            x->warm = sqlite3_column_int(st, 23);
            x->sent = kr_column_date(st, 24);
            x->recv = kr_column_date(st, 25);
        }
    }
    sqlite3_finalize(st);
    return rc;
}

static kr_status load_facts(sqlite3 *db, facts *F, kr_date peil)
{
    kr_status rc;
    for (int k = 0; k < D_N; k++)
        if (dict_id(&F->d[k], k == D_REGIO || k == D_SITE ? "*" : "") < 0)
            return KR_ENOMEM;
    if ((rc = load_rows(db, F, &F->preg, preg_sql, peil)) != KR_OK ||
        (rc = load_rows(db, F, &F->kids, kids_sql, peil)) != KR_OK ||
        (rc = load_rows(db, F, &F->hand, hand_sql, peil)) != KR_OK)
        return rc;
    /* the packed keys of the aggregation have room for this many */
    if (F->d[D_REGIO].n > 16 || F->d[D_SITE].n > 64 || F->d[D_GEMEENTE].n > 1024 || F->d[D_LEEFTIJD].n > 1024 ||
        F->d[D_PARITEIT].n > 1024 || F->d[D_SOORT].n > 1024)
        return KR_ETOOBIG;
    return KR_OK;
}

/* ---- the indicators computed from the facts ---------------------------------------------------------- */

/* Breakdowns a row may carry. */
enum { G_TOTAAL, G_ROUTE, G_GEMEENTE, G_LEEFTIJD, G_PARITEIT, G_SOORT, G_N };
static const char *const group_names[G_N] = {"totaal", "route", "gemeente", "leeftijdsklasse", "pariteit",
                                             "overdracht_soort"};
/* The dictionary of each breakdown's values (-1: none; route values are coded 1..4). */
static const int group_dict[G_N] = {-1, -1, D_GEMEENTE, D_LEEFTIJD, D_PARITEIT, D_SOORT};
#define B(g) (1u << (g))

typedef struct ind_def {
    const char *id;
    const char *unit;  /* % or per1000 */
    int rows;          /* counted over 0 pregnancies, 1 children, 2 handovers */
    int horizon;       /* voorlopig: days after the period's end the cohort can still change */
    unsigned groups;   /* breakdowns besides totaal */
    /* 1 when f is in the denominator; sets the cohort date and whether it counts in the numerator */
    int (*eval)(const fact *f, kr_date peil, kr_date *cohort, int *num);
} ind_def;

static int screened_before(const fact *f) { return f->route > 0; }

static int ev_gescreend(const fact *f, kr_date peil, kr_date *c, int *num)
{
    (void)peil;
    if (f->intake == KR_NO_DATE)
        return 0;
    *c = f->intake;
    *num = screened_before(f);
    return 1;
}

static int ev_vroeg(const fact *f, kr_date peil, kr_date *c, int *num)
{
    if (f->intake == KR_NO_DATE)
        return 0;
    kr_date d16 = f->due - 168;  /* the date of 16+0 weeks */
    if (d16 > peil && f->first_sc == KR_NO_DATE)
        return 0;  /* the window has not closed and nothing happened yet */
    *c = f->intake;
    *num = f->first_sc != KR_NO_DATE && f->first_sc <= d16;
    return 1;
}

#define VERDELING(name, r)                                                                                            \
    static int name(const fact *f, kr_date peil, kr_date *c, int *num)                                              \
    {                                                                                                                 \
        (void)peil;                                                                                                   \
        if (f->intake == KR_NO_DATE)                                                                                     \
            return 0;                                                                                                 \
        *c = f->intake;                                                                                               \
        *num = f->route == (r);                                                                                       \
        return 1;                                                                                                     \
    }
VERDELING(ev_route1, 1)
VERDELING(ev_route2, 2)
VERDELING(ev_route3, 3)
VERDELING(ev_niet, 0)

static int ev_psy(const fact *f, kr_date peil, kr_date *c, int *num)
{
    (void)peil;
    if (f->intake == KR_NO_DATE || f->route < 2)
        return 0;
    *c = f->intake;
    *num = f->psy;
    return 1;
}

/* "Within N days": event - start <= N; counted once the window closed or the event happened. */
static int within(kr_date start, kr_date event, int days, kr_date peil, int *num)
{
    int happened = event != KR_NO_DATE && event - start <= days;
    if (!happened && start + days > peil)
        return 0;
    *num = happened;
    return 1;
}

static int ev_jgz_tijdig(const fact *f, kr_date peil, kr_date *c, int *num)
{
    if (f->intake == KR_NO_DATE || f->route != 2 || f->sig2 == KR_NO_DATE)
        return 0;
    *c = f->sig2;
    return within(f->sig2, f->jgz, 14, peil, num);
}

static int ev_mdo_tijdig(const fact *f, kr_date peil, kr_date *c, int *num)
{
    if (f->intake == KR_NO_DATE || f->route != 3 || f->sig3 == KR_NO_DATE)
        return 0;
    *c = f->sig3;
    /* a discussion after birth counts as not held */
    kr_date ev = f->bespreek != KR_NO_DATE && (f->birth == KR_NO_DATE || f->bespreek < f->birth) ? f->bespreek : KR_NO_DATE;
    return within(f->sig3, ev, 14, peil, num);
}

static int ev_regie(const fact *f, kr_date peil, kr_date *c, int *num)
{
    if (f->intake == KR_NO_DATE || f->route != 3 || f->sig3 == KR_NO_DATE)
        return 0;
    *c = f->sig3;
    return within(f->sig3, f->regie, 28, peil, num);
}

static int ev_huisbezoek(const fact *f, kr_date peil, kr_date *c, int *num)
{
    (void)peil;
    /* the signalling date: of route 2 the first screening with route 2 or higher, of route 3 with route 3 */
    kr_date sig = f->route == 3 ? f->sig3 : f->sig2;
    if (f->intake == KR_NO_DATE || f->route < 2 || sig == KR_NO_DATE || f->birth == KR_NO_DATE)
        return 0;
    *c = sig;
    *num = f->huisbezoek;
    return 1;
}

static int ev_eerste_lijn(const fact *f, kr_date peil, kr_date *c, int *num)
{
    (void)peil;
    if (f->birth == KR_NO_DATE || f->lijn_baring == 0)
        return 0;
    *c = f->birth;
    *num = f->lijn_baring == 1;
    return 1;
}

/* Perinatal outcomes: children born at 24+0 weeks or later (168 days), cohort the birth date. */
static int ev_vroeg_geboren(const fact *f, kr_date peil, kr_date *c, int *num)
{
    (void)peil;
    if (f->ga < 168)
        return 0;
    *c = f->birth;
    *num = f->ga < 259;
    return 1;
}

static int ev_laag_gewicht(const fact *f, kr_date peil, kr_date *c, int *num)
{
    (void)peil;
    if (f->ga < 168 || f->vit == 1 || f->weight <= 0)
        return 0;  /* live-born children with a weight */
    *c = f->birth;
    *num = f->weight < 2500;
    return 1;
}

static int ev_sterfte(const fact *f, kr_date peil, kr_date *c, int *num)
{
    if (f->ga < 168)
        return 0;
    *c = f->birth;
    /* stillborn, or died at day 0..6 on or before the peildatum */
    *num = f->vit == 1 || (f->vit == 2 && f->died_day >= 0 && f->died_day <= 6 && f->birth + f->died_day <= peil);
    return 1;
}

/* Handovers, cohort the sending date. */
static int ev_warm(const fact *f, kr_date peil, kr_date *c, int *num)
{
    (void)peil;
    if (f->sent == KR_NO_DATE)
        return 0;
    *c = f->sent;
    *num = f->warm;
    return 1;
}

static int ev_bevestigd(const fact *f, kr_date peil, kr_date *c, int *num)
{
    if (f->sent == KR_NO_DATE)
        return 0;
    *c = f->sent;
    return within(f->sent, f->recv, 7, peil, num);
}

#define DEMO (B(G_GEMEENTE) | B(G_LEEFTIJD) | B(G_PARITEIT))
static const ind_def inds[] = {
    {"route.gescreend", "%", 0, 294, DEMO, ev_gescreend},
    {"route.vroeg_gescreend", "%", 0, 294, DEMO, ev_vroeg},
    {"route.verdeling.1", "%", 0, 294, DEMO, ev_route1},
    {"route.verdeling.2", "%", 0, 294, DEMO, ev_route2},
    {"route.verdeling.3", "%", 0, 294, DEMO, ev_route3},
    {"route.verdeling.niet_gescreend", "%", 0, 294, DEMO, ev_niet},
    {"lijn.psychosociaal_klinisch", "%", 0, 294, B(G_ROUTE), ev_psy},
    {"overdracht.jgz_tijdig", "%", 0, 14, 0, ev_jgz_tijdig},
    {"overdracht.mdo_tijdig", "%", 0, 14, 0, ev_mdo_tijdig},
    {"overdracht.regie_belegd", "%", 0, 28, 0, ev_regie},
    {"overdracht.prenataal_huisbezoek", "%", 0, 294, B(G_ROUTE), ev_huisbezoek},
    {"lijn.eerste_lijn_baring", "%", 0, 0, B(G_ROUTE), ev_eerste_lijn},
    {"uitkomst.vroeggeboorte", "%", 1, 0, B(G_ROUTE) | B(G_LEEFTIJD), ev_vroeg_geboren},
    {"uitkomst.laag_geboortegewicht", "%", 1, 0, B(G_ROUTE) | B(G_LEEFTIJD), ev_laag_gewicht},
    {"uitkomst.perinatale_sterfte", "per1000", 1, 0, B(G_ROUTE) | B(G_LEEFTIJD), ev_sterfte},
    {"overdracht.warm", "%", 2, 0, B(G_SOORT) | B(G_ROUTE), ev_warm},
    {"overdracht.bevestigd", "%", 2, 7, B(G_SOORT) | B(G_ROUTE), ev_bevestigd},
};
#define NINDS (sizeof inds / sizeof inds[0])

/* ---- days to an event, summarised by Kaplan-Meier quantiles ---------------------------------------------- */

typedef struct km_def {
    const char *id;
    int horizon;
    /* 1 when f is in the cohort: its cohort date, days from it to the event or the censoring, and whether the event happened */
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
    /* a discussion after birth counts as not held: censored at birth */
    kr_date ev_date = f->bespreek != KR_NO_DATE && (f->birth == KR_NO_DATE || f->bespreek < f->birth) ? f->bespreek : KR_NO_DATE;
    time_to(f->sig3, ev_date, f->birth, peil, days, ev);
    return 1;
}

static const km_def kms[] = {
    {"overdracht.jgz_dagen", 14, km_jgz},
    {"overdracht.mdo_dagen", 14, km_mdo},
};
#define NKMS (sizeof kms / sizeof kms[0])
static const double km_p[4] = {0.25, 0.5, 0.75, 0.9};
static const char *const km_suffix[4] = {"p25", "p50", "p75", "p90"};
/* Indicator codes in the packed keys: 1..NINDS proportions, then 4 a Kaplan-Meier indicator (one per quantile). */
#define KM_CODE(kmi, qi) ((unsigned)(NINDS + 1 + 4 * (kmi) + (qi)))
enum { I_GESCREEND = 0, I_V1 = 2, I_V2, I_V3, I_VNIET };

/* ---- aggregation on packed keys --------------------------------------------------------------------------- */

/* key: indicator 6 bits | regio 4 | site 6 | groep 3 | groepwaarde 10 | periode 12 */
static uint64_t pack(unsigned ind, unsigned regio, unsigned site, unsigned groep, unsigned val, unsigned per)
{
    return ((uint64_t)ind << 35) | ((uint64_t)regio << 31) | ((uint64_t)site << 25) | ((uint64_t)groep << 22) |
           ((uint64_t)val << 12) | per;
}
#define K_IND(k) ((unsigned)((k) >> 35))
#define K_REGIO(k) ((unsigned)((k) >> 31) & 15u)
#define K_SITE(k) ((unsigned)((k) >> 25) & 63u)
#define K_GROEP(k) ((unsigned)((k) >> 22) & 7u)
#define K_VAL(k) ((unsigned)((k) >> 12) & 1023u)
#define K_PER(k) ((unsigned)(k) & 4095u)
#define YEAR_BASE 2048u  /* periods: quarters (year - 2000) * 4 + q - 1; years YEAR_BASE + year - 2000 */

typedef struct cell {
    uint64_t key;
    long t, n;
    size_t idx;  /* its place in the list of cells, once listed */
    /* a Kaplan-Meier quantile row: the quantile and its interval (NAN: not reached), and whether
     * it is suppressed for fewer than the minimum at risk, in the cohort or with an event */
    int km;
    double q, lo, hi;
    int km_hidden;
} cell;

typedef struct table {
    cell *c;
    size_t cap, n;
} table;

static cell *table_get(table *T, uint64_t key)
{
    if ((T->n + 1) * 2 > T->cap) {
        size_t nc = T->cap ? T->cap * 2 : 1 << 14;
        cell *nw = calloc(nc, sizeof *nw);
        if (!nw)
            return NULL;
        for (size_t i = 0; i < T->cap; i++)
            if (T->c[i].key) {
                size_t j = (size_t)(T->c[i].key * 0x9E3779B97F4A7C15ull >> 20) & (nc - 1);
                while (nw[j].key)
                    j = (j + 1) & (nc - 1);
                nw[j] = T->c[i];
            }
        free(T->c);
        T->c = nw;
        T->cap = nc;
    }
    size_t j = (size_t)(key * 0x9E3779B97F4A7C15ull >> 20) & (T->cap - 1);
    while (T->c[j].key && T->c[j].key != key)
        j = (j + 1) & (T->cap - 1);
    if (!T->c[j].key) {
        T->c[j].key = key;
        T->n++;
    }
    return &T->c[j];
}

static cell *table_find(const table *T, uint64_t key)
{
    if (!T->cap)
        return NULL;
    size_t j = (size_t)(key * 0x9E3779B97F4A7C15ull >> 20) & (T->cap - 1);
    while (T->c[j].key) {
        if (T->c[j].key == key)
            return &T->c[j];
        j = (j + 1) & (T->cap - 1);
    }
    return NULL;
}

/* The place of the cell of key in the list, or (size_t)-1 when there is none. */
static size_t cell_index(const table *T, uint64_t key)
{
    const cell *c = table_find(T, key);
    return c ? c->idx : (size_t)-1;
}

static unsigned quarter_of(kr_date d)
{
    int y, m, day;
    kr_date_to_ymd(d, &y, &m, &day);
    return (unsigned)((y - 2000) * 4 + (m - 1) / 3);
}

static kr_status aggregate(const facts *F, kr_date peil, table *T)
{
    for (unsigned k = 0; k < NINDS; k++) {
        const factrows *R = inds[k].rows == 1 ? &F->kids : inds[k].rows == 2 ? &F->hand : &F->preg;
        for (size_t i = 0; i < R->n; i++) {
            const fact *f = &R->f[i];
            if (f->regio < 0)
                continue;  /* a trajectory with no region counts nowhere */
            kr_date cohort;
            int num = 0;
            if (!inds[k].eval(f, peil, &cohort, &num) || cohort > peil || cohort < kr_date_from_ymd(2000, 1, 1))
                continue;
            unsigned q = quarter_of(cohort), per[2] = {q, YEAR_BASE + q / 4};
            unsigned places[3][2] = {{(unsigned)f->regio, (unsigned)f->site}, {(unsigned)f->regio, STAR}, {STAR, STAR}};
            unsigned vals[G_N] = {0, (unsigned)f->route + 1, (unsigned)f->gemeente, (unsigned)f->leeftijd,
                                  (unsigned)f->pariteit, (unsigned)f->soort};
            for (int g = 0; g < G_N; g++) {
                if (g != G_TOTAAL && !(inds[k].groups & B(g)))
                    continue;  /* (keys carry the indicator + 1: 0 marks an empty slot) */
                for (int p = 0; p < 3; p++)
                    for (int t = 0; t < 2; t++) {
                        cell *c = table_get(T, pack(k + 1, places[p][0], places[p][1], (unsigned)g, vals[g], per[t]));
                        if (!c)
                            return KR_ENOMEM;
                        c->n++;
                        c->t += num;
                    }
            }
        }
    }
    return KR_OK;
}

typedef struct km_obs {
    uint64_t key;  /* of the p25 row */
    int days, event;
} km_obs;

static int cmp_obs(const void *a, const void *b)
{
    const km_obs *x = a, *y = b;
    return (x->key > y->key) - (x->key < y->key);
}

static kr_status aggregate_km(const facts *F, kr_date peil, int min_cell, table *T)
{
    km_obs *o = NULL;
    size_t n = 0, cap = 0;
    kr_status rc = KR_OK;
    for (unsigned k = 0; k < NKMS; k++)
        for (size_t i = 0; i < F->preg.n; i++) {
            const fact *f = &F->preg.f[i];
            kr_date cohort;
            int days, ev;
            if (f->regio < 0 || !kms[k].eval(f, peil, &cohort, &days, &ev) || cohort > peil)
                continue;
            unsigned q = quarter_of(cohort), per[2] = {q, YEAR_BASE + q / 4};
            unsigned places[3][2] = {{(unsigned)f->regio, (unsigned)f->site}, {(unsigned)f->regio, STAR}, {STAR, STAR}};
            for (int p = 0; p < 3; p++)
                for (int t = 0; t < 2; t++) {
                    if ((rc = kr_grow(&o, &cap, n, sizeof *o, 4096)) != KR_OK)
                        goto done;
                    o[n++] = (km_obs){pack(KM_CODE(k, 0), places[p][0], places[p][1], G_TOTAAL, 0, per[t]), days, ev};
                }
        }
    if (n)
        qsort(o, n, sizeof *o, cmp_obs);
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && o[j].key == o[i].key)
            j++;
        double *times = malloc((j - i) * sizeof *times);
        int *events = malloc((j - i) * sizeof *events);
        eng_km km = {NULL, 0, 0};
        long nev = 0;
        if (!times || !events) {
            free(times);
            free(events);
            rc = KR_ENOMEM;
            goto done;
        }
        for (size_t k = i; k < j; k++) {
            times[k - i] = o[k].days;
            events[k - i] = o[k].event;
            nev += o[k].event;
        }
        rc = eng_km_fit(times, events, j - i, ENG_Z95, &km);
        for (unsigned qi = 0; qi < 4 && rc == KR_OK; qi++) {
            cell *c = table_get(T, o[i].key + ((uint64_t)qi << 35));
            if (!c) {
                rc = KR_ENOMEM;
                break;
            }
            double s, lo, hi;
            long at_risk;
            c->km = 1;
            c->t = nev;
            c->n = (long)(j - i);
            eng_km_quantile(&km, km_p[qi], &c->q, &c->lo, &c->hi);
            /* at risk at the time shown; a quantile not reached: at the end of follow-up */
            double shown = isnan(c->q) ? (km.n ? km.steps[km.n - 1].t : 0) : c->q;
            eng_km_at(&km, shown, &s, &lo, &hi, &at_risk);
            c->km_hidden = c->n < min_cell || nev < min_cell || at_risk < min_cell;
        }
        eng_km_free(&km);
        free(times);
        free(events);
        if (rc != KR_OK)
            goto done;
        i = j;
    }
done:
    free(o);
    return rc;
}

/* ---- suppression groups ------------------------------------------------------------------------------------- */

typedef struct groups {
    eng_group *g;
    size_t n, cap;
    size_t *parts;  /* all parts, back to back */
    size_t np, pcap;
} groups;

static int groups_add(groups *G, size_t total, const size_t *parts, size_t n)
{
    if (n == 0)
        return 0;
    if (kr_grow(&G->g, &G->cap, G->n, sizeof *G->g, 1024) != KR_OK)
        return -1;
    for (size_t k = 0; k < n; k++)
        if (kr_grow(&G->parts, &G->pcap, G->np + k, sizeof *G->parts, 4096) != KR_OK)
            return -1;
    memcpy(G->parts + G->np, parts, n * sizeof *parts);
    /* parts are stored as offsets until the array stops moving */
    G->g[G->n++] = (eng_group){total, (const size_t *)(uintptr_t)G->np, n};
    G->np += n;
    return 0;
}

/* ---- the whole outcome table ------------------------------------------------------------------------------------- */

/* The period of a packed period code. */
static void period_of_code(unsigned per, kr_period *out)
{
    unsigned q = per >= YEAR_BASE ? (per - YEAR_BASE) * 4 : per;
    kr_period_of(kr_date_from_ymd(2000 + (int)(q / 4), (int)(q % 4) * 3 + 1, 1), per >= YEAR_BASE, out);
}

kr_status eng_compute_outcomes(sqlite3 *db, kr_date peildatum, int min_cell, long long *rows)
{
    facts F;
    table T = {NULL, 0, 0};
    groups G = {NULL, 0, 0, NULL, 0, 0};
    cell **list = NULL;
    eng_cell *cells = NULL;
    sqlite3_stmt *st = NULL;
    kr_status rc;
    memset(&F, 0, sizeof F);
    if ((rc = load_facts(db, &F, peildatum)) != KR_OK || (rc = aggregate(&F, peildatum, &T)) != KR_OK ||
        (rc = aggregate_km(&F, peildatum, min_cell, &T)) != KR_OK)
        goto cleanup;
    /* a stable order of the cells, and their index */
    list = malloc((T.n ? T.n : 1) * sizeof *list);
    cells = calloc(T.n ? T.n : 1, sizeof *cells);
    if (!list || !cells) {
        rc = KR_ENOMEM;
        goto cleanup;
    }
    size_t n = 0;
    for (size_t i = 0; i < T.cap; i++)
        if (T.c[i].key)
            list[n++] = &T.c[i];
    for (size_t i = 0; i < n; i++)
        cells[i] = list[i]->km ? (eng_cell){ENG_CELL_DECIDED, list[i]->t, list[i]->n, list[i]->km_hidden, ENG_SHOWN}
                               : (eng_cell){ENG_CELL_PROPORTION, list[i]->t, list[i]->n, 0, ENG_SHOWN};
    for (size_t i = 0; i < n; i++)
        list[i]->idx = i;
#define IDX(key) cell_index(&T, (key))
    {
        size_t buf[1024];
        for (size_t i = 0; i < n; i++) {
            uint64_t k = list[i]->key;
            unsigned ind = K_IND(k), re = K_REGIO(k), si = K_SITE(k), gr = K_GROEP(k), va = K_VAL(k), pe = K_PER(k);
            size_t np;
            /* each group is collected once, from its total */
            if (gr == G_TOTAAL) {
                /* the categories of each breakdown add up to totaal */
                for (unsigned g = 1; g < G_N; g++) {
                    np = 0;
                    unsigned nv = g == G_ROUTE ? 5 : (unsigned)F.d[group_dict[g]].n;
                    for (unsigned v = 0; v < nv && np < 1024; v++) {
                        size_t j = IDX(pack(ind, re, si, g, v, pe));
                        if (j != (size_t)-1)
                            buf[np++] = j;
                    }
                    if (groups_add(&G, i, buf, np) != 0)
                        goto nomem;
                }
            }
            if (si == STAR && re != STAR) {  /* the sites of a region add up to its site '*' */
                np = 0;
                for (unsigned s = 1; s < F.d[D_SITE].n; s++) {
                    size_t j = IDX(pack(ind, re, s, gr, va, pe));
                    if (j != (size_t)-1)
                        buf[np++] = j;
                }
                if (groups_add(&G, i, buf, np) != 0)
                    goto nomem;
            }
            if (re == STAR) {  /* the regions add up to '*' */
                np = 0;
                for (unsigned r = 1; r < F.d[D_REGIO].n; r++) {
                    size_t j = IDX(pack(ind, r, STAR, gr, va, pe));
                    if (j != (size_t)-1)
                        buf[np++] = j;
                }
                if (groups_add(&G, i, buf, np) != 0)
                    goto nomem;
            }
            if (pe >= YEAR_BASE) {  /* the quarters of a year add up to the year */
                np = 0;
                for (unsigned q = 0; q < 4; q++) {
                    size_t j = IDX(pack(ind, re, si, gr, va, (pe - YEAR_BASE) * 4 + q));
                    if (j != (size_t)-1)
                        buf[np++] = j;
                }
                if (groups_add(&G, i, buf, np) != 0)
                    goto nomem;
            }
            if (ind == I_GESCREEND + 1) {  /* routes 1, 2, 3 add up to route.gescreend; with niet_gescreend to its noemer */
                np = 0;
                for (unsigned v = I_V1 + 1; v <= I_V3 + 1; v++) {
                    size_t j = IDX(pack(v, re, si, gr, va, pe));
                    if (j != (size_t)-1)
                        buf[np++] = j;
                }
                if (groups_add(&G, i, buf, np) != 0)
                    goto nomem;
                size_t j = IDX(pack(I_VNIET + 1, re, si, gr, va, pe));
                if (j != (size_t)-1) {
                    buf[np++] = j;
                    if (groups_add(&G, i, buf + np - 1, 1) != 0)
                        goto nomem;
                }
            }
        }
    }
    for (size_t g = 0; g < G.n; g++)
        G.g[g].parts = G.parts + (size_t)(uintptr_t)G.g[g].parts;
    if ((rc = eng_suppress(cells, n, G.g, G.n, min_cell)) != KR_OK)
        goto cleanup_i;

    /* write */
    if ((rc = kr_db_exec(db, "SAVEPOINT uitkomst; DELETE FROM uitkomst")) != KR_OK)
        goto cleanup_i;
    if (sqlite3_prepare_v2(db,
                           "INSERT INTO uitkomst (indicator, regio, site, groep, groepwaarde, periode, teller, noemer, "
                           "waarde, ci_laag, ci_hoog, onderdrukt, eenheid, voorlopig, teller_ruw, noemer_ruw) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           -1, &st, NULL) != SQLITE_OK) {
        rc = KR_EDB;
        goto rollback;
    }
    for (size_t i = 0; i < n && rc == KR_OK; i++) {
        uint64_t k = list[i]->key;
        unsigned code = K_IND(k);
        const ind_def *x = code <= NINDS ? &inds[code - 1] : NULL;
        unsigned kmi = x ? 0 : (code - NINDS - 1) / 4, qi = x ? 0 : (code - NINDS - 1) % 4;
        char id[64];
        if (x)
            kr_strlcpy(id, x->id, sizeof id);
        else
            (void)snprintf(id, sizeof id, "%s.%s", kms[kmi].id, km_suffix[qi]);
        const char *unit = x ? x->unit : "dagen";
        int horizon = x ? x->horizon : kms[kmi].horizon;
        unsigned gr = K_GROEP(k), va = K_VAL(k);
        char val[48] = "";
        kr_period per;
        period_of_code(K_PER(k), &per);
        if (gr == G_ROUTE)
            kr_strlcpy(val, va == 1 ? "niet_gescreend" : va == 2 ? "1" : va == 3 ? "2" : "3", sizeof val);
        else if (gr != G_TOTAAL)
            kr_strlcpy(val, F.d[group_dict[gr]].s[va], sizeof val);
        sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 2, F.d[D_REGIO].s[K_REGIO(k)], -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 3, F.d[D_SITE].s[K_SITE(k)], -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 4, group_names[gr], -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 5, val, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 6, per.label, -1, SQLITE_TRANSIENT);
        if (cells[i].out == ENG_SHOWN && list[i]->km) {
            sqlite3_bind_int64(st, 7, cells[i].teller);
            sqlite3_bind_int64(st, 8, cells[i].noemer);
            if (isnan(list[i]->q))
                sqlite3_bind_null(st, 9);
            else
                sqlite3_bind_double(st, 9, list[i]->q);
            if (isnan(list[i]->lo))
                sqlite3_bind_null(st, 10);
            else
                sqlite3_bind_double(st, 10, list[i]->lo);
            if (isnan(list[i]->hi))
                sqlite3_bind_null(st, 11);
            else
                sqlite3_bind_double(st, 11, list[i]->hi);
            sqlite3_bind_text(st, 12, "", -1, SQLITE_STATIC);
        } else if (cells[i].out == ENG_SHOWN) {
            double lo, hi;
            sqlite3_bind_int64(st, 7, cells[i].teller);
            sqlite3_bind_int64(st, 8, cells[i].noemer);
            double scale = strcmp(unit, "per1000") == 0 ? 1000.0 : 100.0;
            sqlite3_bind_double(st, 9, scale * (double)cells[i].teller / (double)cells[i].noemer);
            if (eng_wilson(cells[i].teller, cells[i].noemer, ENG_Z95, &lo, &hi) == KR_OK) {
                sqlite3_bind_double(st, 10, scale * lo);
                sqlite3_bind_double(st, 11, scale * hi);
            } else {
                sqlite3_bind_null(st, 10);
                sqlite3_bind_null(st, 11);
            }
            sqlite3_bind_text(st, 12, "", -1, SQLITE_STATIC);
        } else {
            for (int c = 7; c <= 11; c++)
                sqlite3_bind_null(st, c);
            sqlite3_bind_text(st, 12, "n<10", -1, SQLITE_STATIC);
        }
        sqlite3_bind_text(st, 13, unit, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 14, peildatum - per.last < horizon || per.last > peildatum);
        sqlite3_bind_int64(st, 15, list[i]->t);
        sqlite3_bind_int64(st, 16, list[i]->n);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = KR_EDB;
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    st = NULL;
    if (rc == KR_OK) {
        rc = kr_db_exec(db, "RELEASE uitkomst");
        if (rows)
            *rows = (long long)n;
        goto cleanup_i;
    }
rollback:
    (void)sqlite3_exec(db, "ROLLBACK TO uitkomst; RELEASE uitkomst", NULL, NULL, NULL);
    goto cleanup_i;
nomem:
    rc = KR_ENOMEM;
cleanup_i:
#undef IDX
cleanup:
    sqlite3_finalize(st);
    free(G.g);
    free(G.parts);
    free(list);
    free(cells);
    free(T.c);
    free(F.preg.f);
    free(F.kids.f);
    free(F.hand.f);
    for (int k = 0; k < D_N; k++)
        free(F.d[k].s);
    return rc;
}
