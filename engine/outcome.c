/*
 * The outcome table from the trajectory facts: every person-based indicator of
 * OUTCOMES.md (engine/indicators.c) per region and site (and all together), per
 * breakdown, per quarter and year (and rolling three-year windows for the
 * perinatal outcomes), with Wilson intervals, Kaplan-Meier quantiles and
 * retention, relative risks, observed/expected ratios, the shift to the 1st line,
 * targets and status. Counting is in engine/aggregate.c, disclosure control in
 * engine/disclose.c; this file lists the cells and writes `uitkomst`.
 */
#include "outcome_int.h"
#include "stats_int.h"
#include "../core/stmt.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *const eng_group_names[G_N] = {"totaal", "route", "gemeente", "leeftijdsklasse", "pariteit",
                                          "overdracht_soort", "regie_type", "stratum"};

/* ---- writing ------------------------------------------------------------------------------------------------- */

typedef struct row_out {
    char id[80];
    const char *unit;
    const char *regio, *site, *groep;
    char val[48];
    eper per;
    int shown;           /* 0: suppressed */
    int has_counts;      /* teller and noemer are written (not for ratios and shifts) */
    int no_teller;       /* a quantile row: its noemer (the cohort) is written, its teller (the events) is not */
    const char *mark;    /* '', or 'x' when suppressed */
    long teller, noemer, teller_ruw, noemer_ruw;
    double waarde, lo, hi;  /* NAN where none */
    int voorlopig;
} row_out;

/* A real, or SQL NULL for none (NAN) or an infinite one. */
static kr_value real_or_null(double v) { return isnan(v) || isinf(v) ? KR_NULL : KR_REAL(v); }

static kr_status write_row(sqlite3_stmt *st, const row_out *r, const eng_doelen *D)
{
    /* counts only where shown; a count's noemer is another row's teller, suppressed or not */
    int counts = r->shown && r->has_counts;
    kr_value teller = counts && !r->no_teller ? KR_INT(r->teller) : KR_NULL;
    kr_value noemer = counts && strcmp(r->unit, "aantal") != 0 ? KR_INT(r->noemer) : KR_NULL;
    /* the target and the status, where the row is in the indicator's own unit */
    const eng_indicator *ind = eng_indicator_find(r->id);
    double t = ind && strcmp(ind->unit, r->unit) == 0 && strcmp(r->groep, "regie_type") != 0
                   ? eng_target(D, ind, r->regio, r->per.last)
                   : NAN;
    const char *status =
        isnan(t) ? NULL
                 : eng_rag_word(eng_rag(r->waarde, r->lo, r->hi, t, ind->direction, !r->shown || isnan(r->waarde)));
    return kr_stmt_run(st,
                       KR_ROW(KR_TEXT(r->id), KR_TEXT(r->regio), KR_TEXT(r->site), KR_TEXT(r->groep), KR_TEXT(r->val),
                              KR_TEXT(r->per.label), teller, noemer, real_or_null(r->shown ? r->waarde : NAN),
                              real_or_null(r->shown ? r->lo : NAN), real_or_null(r->shown ? r->hi : NAN),
                              KR_TEXT(r->mark), KR_TEXT(r->unit), KR_INT(r->voorlopig), KR_INT(r->teller_ruw),
                              KR_INT(r->noemer_ruw), real_or_null(t), KR_TEXT(status)),
                       NULL, 0);
}

static const char *route_name(unsigned v)
{
    return v == 1 ? "niet_gescreend" : v == 2 ? "1" : v == 3 ? "2" : v == 4 ? "3" : "";
}

/*
 * voorlopig (OUTCOMES.md): the cohort of a period can still change until horizon days after its last day, and a
 * period not yet over always can.
 */
static int provisional(kr_date peil, const eper *per, int horizon)
{
    return peil - per->last < horizon || per->last > peil;
}

/* The key of cell c as its row writes it: indicator, regio, site, groep, groepwaarde and period. */
static void cell_names(const facts *F, const cell *c, row_out *r)
{
    uint64_t k = c->key;
    unsigned gr = K_GROEP(k), va = K_VAL(k);
    memset(r, 0, sizeof *r);
    eng_code_id(K_IND(k), r->id, sizeof r->id);
    r->regio = F->d[D_REGIO].s[K_REGIO(k)];
    r->site = F->d[D_SITE].s[K_SITE(k)];
    r->groep = eng_group_names[gr];
    if (gr == G_ROUTE)
        kr_strlcpy(r->val, route_name(va), sizeof r->val);
    else if (gr == G_REGIE)
        kr_strlcpy(r->val, F->d[D_REGIE].s[va], sizeof r->val);
    else if (gr != G_TOTAAL)
        kr_strlcpy(r->val, F->d[gr == G_GEMEENTE ? D_GEMEENTE : gr == G_LEEFTIJD ? D_LEEFTIJD
                                : gr == G_PARITEIT ? D_PARITEIT : D_SOORT].s[va],
                   sizeof r->val);
    eng_period_of_code(K_PER(k), &r->per);
}

/* The row of listed cell i. */
static void cell_row(const facts *F, const cell *c, const eng_cell *e, kr_date peil, row_out *r)
{
    unsigned qi = 0;
    const eng_rowdef *x = eng_row_of(K_IND(c->key)), *km = x ? NULL : eng_km_of(K_IND(c->key), &qi);
    cell_names(F, c, r);
    r->unit = (x ? x : km)->def->pub.unit;
    int horizon = x ? x->horizon : km->m->parts[qi].horizon ? km->m->parts[qi].horizon : km->horizon;
    r->voorlopig = provisional(peil, &r->per, horizon);
    r->teller_ruw = c->t;
    r->noemer_ruw = c->n;
    r->teller = e->teller;
    r->noemer = e->noemer;
    r->has_counts = 1;
    r->shown = e->out == ENG_SHOWN;
    r->mark = r->shown ? "" : "x";
    r->waarde = r->lo = r->hi = NAN;
    if (c->km) {  /* a Kaplan-Meier row: its code is km's (x is NULL) */
        r->waarde = c->q;
        r->lo = c->lo;
        r->hi = c->hi;
        /* a retention row to one decimal, as the curve (curve_percent): in full precision its survival and log-log
         * band give Greenwood's sum, and with the row of the age before, the children at risk and lost at a step */
        if (km->m->kind == K_KM_RETENTION) {
            r->waarde = isnan(c->q) ? NAN : round(c->q * 10.0) / 10.0;
            r->lo = isnan(c->lo) ? NAN : round(c->lo * 10.0) / 10.0;
            r->hi = isnan(c->hi) ? NAN : round(c->hi * 10.0) / 10.0;
        }
        /* a quantile row's events beside its cohort would tell how many have none (yet): the handovers or MDOs
         * still missing, a count of persons the proportion rows (overdracht.*_tijdig) protect; not published */
        r->no_teller = km->m->kind != K_KM_RETENTION;
    } else if (x && x->m->kind == K_COUNT) {
        r->waarde = (double)c->t;
    } else if (x && x->m->kind == K_DAYS) {
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
    const cell *c = eng_table_find(X->T, key);
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
    r->groep = eng_group_names[G_TOTAAL];
    eng_period_of_code(K_PER(key), &r->per);
    r->voorlopig = provisional(X->peil, &r->per, 0);
    r->waarde = r->lo = r->hi = NAN;
    r->mark = "";
    r->shown = 1;
}

/* A ratio or difference one of whose rows is suppressed: x, as those rows (not "–", which says there are no data). */
static void not_shown(row_out *r)
{
    r->shown = 0;
    r->mark = "x";
    r->waarde = r->lo = r->hi = NAN;
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
        (void)snprintf(id, sizeof id, "%s.rr_route3", eng_row_of(ind)->id);
        ratio_row(X, &r, id, k);
        r.teller_ruw = a->t;
        r.noemer_ruw = a->n;
        double rr, lo, hi;
        if (s1 && s3 && eng_relative_risk(a->t, a->n, b->t, b->n, ENG_Z95, &rr, &lo, &hi) == KR_OK) {
            r.waarde = rr;
            r.lo = lo;
            r.hi = hi;
        }
        if (!s1 || !s3)
            not_shown(&r);
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
            const cell *own = eng_table_find(X->T, pack(ind, re, si, G_STRATUM, l * 32 + p, pe));
            const cell *all = eng_table_find(X->T, pack(ind, STAR, STAR, G_STRATUM, l * 32 + p, pe));
            if (own && all && all->n > 0)
                expected += (double)own->n * (double)all->t / (double)all->n;
        }
    (void)snprintf(id, sizeof id, "%s.oe", eng_row_of(ind)->id);
    ratio_row(X, &r, id, k);
    r.teller_ruw = c->t;
    r.noemer_ruw = c->n;
    double oe, lo, hi;
    if (st && c->t > 0 && eng_oe_ratio(c->t, expected, &oe, &lo, &hi) == KR_OK) {
        r.waarde = oe;
        r.lo = lo;
        r.hi = hi;
    }
    if (!st)
        not_shown(&r);
    if (write_row(X->st, &r, X->D) != KR_OK)
        return KR_EDB;
    X->rows++;
    return KR_OK;
}

/* The baseline year: --basis, else the first calendar year with data in all four quarters (of
 * lijn.eerste_lijn_baring). */
static int basis_year(const derived_ctx *X, unsigned ind)
{
    if (X->basis)
        return X->basis;
    for (int y = 2000; y < 2100; y++) {
        int all = 1;
        for (unsigned q = 0; q < 4 && all; q++)
            all = eng_table_find(X->T, pack(ind, STAR, STAR, G_TOTAAL, 0, (unsigned)(y - 2000) * 4 + q)) != NULL;
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
    const eng_rowdef *I = eng_row_of(ind);
    const char *name = strchr(I->id, '.') + 1;  /* lijn.verschuiving.<name without its section> */
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
    r.groep = eng_group_names[gr];
    if (gr == G_ROUTE)
        kr_strlcpy(r.val, route_name(va), sizeof r.val);
    r.mark = "";
    r.shown = 1;
    r.waarde = r.lo = r.hi = NAN;
    eng_period_of_code(pe, &r.per);
    /* a difference resting on a year whose cohort can still change can change too: provisional as that year is */
    r.voorlopig = provisional(X->peil, &r.per, I->horizon);
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
                if (I->m->kind == K_PROP && eng_wilson(c->t, c->n, ENG_Z95, &l1, &u1) == KR_OK &&
                    eng_wilson(b->t, b->n, ENG_Z95, &l0, &u0) == KR_OK) {
                    r.lo = 100.0 * (p1 - p0 - sqrt((p1 - l1) * (p1 - l1) + (u0 - p0) * (u0 - p0)));
                    r.hi = 100.0 * (p1 - p0 + sqrt((u1 - p1) * (u1 - p1) + (p0 - l0) * (p0 - l0)));
                }
            }
            if (!shown || !bshown)
                not_shown(&r);
            if (write_row(X->st, &r, X->D) != KR_OK)
                return KR_EDB;
            X->rows++;
        }
    }
    /* the trend: written with the last year, over every quarter from the baseline year on that has ended by the
     * peildatum and is shown (not suppressed) */
    int py, pm, pd;
    kr_date_to_ymd(X->peil, &py, &pm, &pd);
    if (year != py && !(year == py - 1 &&
                        !eng_table_find(X->T, pack(ind, re, si, gr, va, YEAR_BASE + (unsigned)(py - 2000)))))
        return KR_OK;
    double xs[400], ys[400], ws[400];
    size_t nq = 0;
    long sum_n = 0;
    int any_provisional = 0; /* a quarter of the slope whose cohort can still change */
    for (unsigned q = (unsigned)(basis - 2000) * 4; q <= (unsigned)(year - 2000) * 4 + 3 && nq < 400; q++) {
        eper qp;
        eng_period_of_code(q, &qp);
        int q_shown;
        const cell *x = find_shown(X, pack(ind, re, si, gr, va, q), &q_shown);
        if (!x || !q_shown || qp.last > X->peil || x->n <= 0)
            continue;  /* a suppressed quarter takes no part: the slope would give it away */
        any_provisional |= provisional(X->peil, &qp, I->horizon);
        xs[nq] = (double)q;
        ys[nq] = 100.0 * (double)x->t / (double)x->n;
        ws[nq] = (double)x->n;
        sum_n += x->n;
        nq++;
    }
    (void)snprintf(r.id, sizeof r.id, "lijn.verschuiving.%s.trend", name);
    (void)snprintf(r.per.label, sizeof r.per.label, "%04d-%04d", basis, year);
    r.voorlopig = any_provisional;
    r.shown = 1;  /* over the shown quarters only, whatever the last year's difference above */
    r.mark = "";
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
    unsigned kmi = (K_IND(key) - (unsigned)NINDS - 1) / ENG_KM_PARTS;
    int any = 0;
    for (unsigned q = 0; q < ENG_KM_PARTS; q++) {
        const cell *c = eng_table_find(T, K_WITH_IND(key, KM_CODE(kmi, q)));
        /* a row hidden only as too close to the ages shown: the curve has no point on its age (aggregate.c) */
        if (c && (c->idx == (size_t)-1 || (cells[c->idx].out != ENG_SHOWN && !c->km_gap)))
            return 0;
        any |= c != NULL;
    }
    return any;  /* a cohort too young for any fixed-age row has passed no group: no curve */
}

/*
 * A curve's survival and its band, in percent, to one decimal as every chart and table shows them: printed in full, the
 * log-log band gives Greenwood's running sum exactly, and with the survival's steps that would give the number at risk
 * (published rounded down to a multiple of 10) and the children lost between two points.
 */
static kr_value curve_percent(double v) { return isnan(v) || isinf(v) ? KR_NULL : KR_REAL(round(v * 10.0) / 10.0); }

static kr_status write_curves(sqlite3 *db, const facts *F, const curves *C, const table *T, const eng_cell *cells)
{
    sqlite3_stmt *st = NULL;
    kr_status rc = KR_OK;
    if (kr_db_exec(db, "DELETE FROM uitkomst_curve", NULL, 0) != KR_OK)
        return KR_EDB;
    if (sqlite3_prepare_v2(db,
                           "INSERT INTO uitkomst_curve (indicator, regio, site, groep, groepwaarde, periode, t, "
                           "at_risk, s, ci_laag, ci_hoog) VALUES ('nazorg.in_zorg', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           -1, &st, NULL) != SQLITE_OK)
        return KR_EDB;
    for (size_t i = 0; i < C->n && rc == KR_OK; i++) {
        const curve_step *x = &C->s[i];
        if (!cohort_shown(T, cells, x->key))
            continue;
        eper per;
        eng_period_of_code(K_PER(x->key), &per);
        rc = kr_stmt_run(st,
                         KR_ROW(KR_TEXT(F->d[D_REGIO].s[K_REGIO(x->key)]), KR_TEXT(F->d[D_SITE].s[K_SITE(x->key)]),
                                KR_TEXT(eng_group_names[K_GROEP(x->key)]),
                                KR_TEXT(K_GROEP(x->key) == G_ROUTE ? route_name(K_VAL(x->key)) : ""),
                                KR_TEXT(per.label),
                                KR_INT((int)x->t), KR_INT(x->at_risk), curve_percent(x->s), curve_percent(x->lo),
                                curve_percent(x->hi)),
                         NULL, 0);
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

struct eng_counted {
    table T;
    curves C;
    cell **list;      /* the cells written, in key order */
    eng_cell *cells;  /* their counts and whether each is shown */
    size_t n;
    size_t *ef;       /* the counts published before of cell i: pairs ef[i] .. ef[i + 1] - 1 of etn */
    long *etn;        /* teller, noemer (-1: none), shown (ENG_EARLIER_W each) */
    size_t *tf;       /* cell i's counts in the tables published whole: entries tf[i] .. tf[i + 1] - 1 of ttn */
    long *ttn;        /* table, teller, noemer (-1: none or not known), raw teller and noemer (ENG_TABLE_W each) */
    unsigned char *exact;  /* per hidden cell: its teller (1) and noemer (2) worked out by a reader (the audit) */
    long *ranges;          /* per cell: what the reader knows of its teller and noemer (eng_audit_ranges) */
    eng_laps laps;
};

kr_status eng_outcomes_fit(const facts *F, char *err, size_t errcap)
{
    /* the packed keys have room for this many (index 0 of each dictionary is '*' or '') */
    static const struct {
        int d;
        size_t max;
        const char *what;
    } room[] = {
        {D_REGIO, 31, N_("%zu regions (at most %zu)")},
        {D_SITE, 127, N_("%zu sites (at most %zu)")},
        {D_GEMEENTE, 4095, N_("%zu municipalities (at most %zu)")},
        {D_LEEFTIJD, 126, N_("%zu age classes (at most %zu)")},
        {D_PARITEIT, 31, N_("%zu parities (at most %zu)")},
        {D_SOORT, 4095, N_("%zu kinds of handover (at most %zu)")},
        {D_REGIE, 4095, N_("%zu regie types (at most %zu)")},
    };
    kr_status rc = KR_OK;
    size_t len = 0;
    for (size_t i = 0; i < sizeof room / sizeof room[0]; i++) {
        size_t n = F->d[room[i].d].n - 1;
        if (n <= room[i].max)
            continue;
        if (rc == KR_OK && err && errcap)
            len = (size_t)snprintf(err, errcap, "%s", _("the data hold more than the outcome table has room for: "));
        else if (err && len < errcap)
            len += (size_t)snprintf(err + len, errcap - len, ", ");
        if (err && len < errcap)
            len += (size_t)snprintf(err + len, errcap - len, _(room[i].what), n, room[i].max);
        rc = KR_ETOOBIG;
    }
    if (rc != KR_OK && err && len < errcap)
        (void)snprintf(err + len, errcap - len, "%s",
                       _("; compute the regions in more than one database, each with its own partners' deliveries"));
    return rc;
}

/* The cells written (not the internal strata, not windows without data) in R->list, and their counts in R->cells. */
static kr_status list_cells(eng_counted *R, int min_cell)
{
    R->list = malloc((R->T.n ? R->T.n : 1) * sizeof *R->list);
    R->cells = calloc(R->T.n ? R->T.n : 1, sizeof *R->cells);
    if (!R->list || !R->cells)
        return KR_ENOMEM;
    size_t n = 0, pos = 0;
    void *v;
    while (kr_hash_next(&R->T, &pos, NULL, &v)) {
        cell *c = v;
        c->idx = (size_t)-1;
        if (!c->dead && K_GROEP(c->key) != G_STRATUM)
            R->list[n++] = c;
    }
    /* in key order (the dictionaries are in text order), so that suppression, which takes groups and breaks ties in
     * list order, gives the same table whatever the order in which the records arrived */
    qsort(R->list, n, sizeof *R->list, cmp_cell_key);
    for (size_t i = 0; i < n; i++) {
        cell *c = R->list[i];
        const eng_rowdef *x = eng_row_of(K_IND(c->key));
        c->idx = i;
        if (c->km)
            R->cells[i] = (eng_cell){ENG_CELL_DECIDED, c->t, c->n, c->km_hidden, ENG_SHOWN, 0};
        else if (x && x->m->kind == K_DAYS)  /* care-days: suppressed where fewer than the minimum of pregnancies */
            R->cells[i] = (eng_cell){ENG_CELL_DECIDED, c->t, c->n, c->p < min_cell, ENG_SHOWN, 0};
        else if (x && x->m->kind == K_COUNT)
            R->cells[i] = (eng_cell){ENG_CELL_COUNT, c->t, c->n, 0, ENG_SHOWN, 0};
        else
            R->cells[i] = (eng_cell){ENG_CELL_PROPORTION, c->t, c->n, 0, ENG_SHOWN, 0};
    }
    R->n = n;
    return KR_OK;
}

/*
 * Each row of persons held against the counts published before (engine/earlier.c): its pairs kept for the audit, and
 * the row hidden by the primary rule where its teller, noemer or rest lies 1 .. min_cell - 1 persons from one of them
 * (a year that grew from 25 to 27 deaths since it was published says 2 deaths in the quarter added); a row published
 * with the counts it has now is known to the reader (ENG_KEEP_KNOWN): no rule hides it to protect another. Care-days
 * rows count days, not persons: they are not held against them. A published teller or noemer of -1 is none.
 */
static kr_status hold_earlier(eng_counted *R, const facts *F, const eng_earlier_set *S, int min_cell)
{
    size_t cap = 0, m = 0, tcap = 0, mt = 0;
    R->ef = malloc((R->n + 1) * sizeof *R->ef);
    R->tf = malloc((R->n + 1) * sizeof *R->tf);
    if (!R->ef || !R->tf)
        return KR_ENOMEM;
    R->ef[0] = R->tf[0] = 0;
    for (size_t i = 0; i < R->n; i++) {
        eng_cell *e = &R->cells[i];
        size_t np = 0, nt = 0;
        long id = -1;
        const long *p = NULL;
        const cell *c = R->list[i];
        int prop = e->kind == ENG_CELL_PROPORTION, rest = prop;
        if (c->km) {  /* a Kaplan-Meier row: its cohort, and of a retention row those at risk and those who left */
            prop = 1;
            rest = eng_km_of(K_IND(c->key), NULL)->m->kind == K_KM_RETENTION;
        }
        if ((eng_earlier_count(S) || eng_earlier_tables(S)) && (prop || e->kind == ENG_CELL_COUNT)) {
            row_out r;
            cell_names(F, c, &r);
            const char *part[6] = {r.id, r.regio, r.site, r.groep, r.val, r.per.label};
            p = eng_earlier_hold(S, part, e, prop, rest, min_cell, &np, &id);
        }
        if (id >= 0 && (nt = eng_earlier_in_tables(S, id, NULL, 0)) > 0) {  /* and its counts per table */
            if (kr_reserve(&R->ttn, &tcap, ENG_TABLE_W * (mt + nt), sizeof *R->ttn, 4096) != KR_OK)
                return KR_ENOMEM;
            (void)eng_earlier_in_tables(S, id, R->ttn + ENG_TABLE_W * mt, nt);
            mt += nt;
        }
        R->tf[i + 1] = mt;
        if (np) {  /* the audit's copy: the set is freed before the table is written */
            if (kr_reserve(&R->etn, &cap, ENG_EARLIER_W * (m + np), sizeof *R->etn, 4096) != KR_OK)
                return KR_ENOMEM;
            memcpy(R->etn + ENG_EARLIER_W * m, p, ENG_EARLIER_W * np * sizeof *p);
            m += np;
        }
        R->ef[i + 1] = m;
    }
    return KR_OK;
}

kr_status eng_outcomes_count(const facts *F, const eng_options *opt, const eng_earlier_set *S, eng_counted **out)
{
    kr_date peil = opt->peildatum;
    eng_counted *R = calloc(1, sizeof *R);
    kr_status rc;
    *out = R;  /* the caller frees it, whatever this returns */
    if (!R)
        return KR_ENOMEM;
    eng_table_init(&R->T);
    eng_laps_start(&R->laps);
    if ((rc = eng_aggregate(F, peil, &R->T)) != KR_OK)
        return rc;
    eng_laps_add(&R->laps, "aggregate");
    if ((rc = eng_roll_up(&R->T, peil, opt->min_cell)) != KR_OK)
        return rc;
    eng_laps_add(&R->laps, "roll-up");
    if ((rc = eng_aggregate_km(F, peil, opt->min_cell, &R->T, &R->C)) != KR_OK)
        return rc;
    eng_laps_add(&R->laps, "kaplan-meier");
    if ((rc = list_cells(R, opt->min_cell)) != KR_OK || (rc = hold_earlier(R, F, S, opt->min_cell)) != KR_OK)
        return rc;
    eng_earlier E = {R->ef, R->etn, R->tf, R->ttn, eng_earlier_tables(S)};
    if (!(R->exact = calloc(R->n ? R->n : 1, 1)) || !(R->ranges = calloc(R->n ? 4 * R->n : 1, sizeof *R->ranges)))
        return KR_ENOMEM;
    if ((rc = eng_disclose(&R->T, R->list, R->cells, R->n, F, opt->min_cell, &E, R->exact, R->ranges)) != KR_OK)
        return rc;
    eng_laps_add(&R->laps, "suppression");
    return KR_OK;
}

void eng_counted_laps(const eng_counted *R)
{
    if (R)
        eng_laps_tell(&R->laps);
}

void eng_counted_free(eng_counted *R)
{
    if (!R)
        return;
    free(R->C.s);
    free(R->ef);
    free(R->etn);
    free(R->tf);
    free(R->ttn);
    free(R->exact);
    free(R->ranges);
    free(R->list);
    free(R->cells);
    eng_table_fini(&R->T);
    free(R);
}

/* What a reader of the table knows of its hidden rows (uitkomst_afgeleid): the counts worked out exactly, which export
 * and report publish with the shown rows, and the bounds, which they record with each table published whole
 * (engine/earlier.c). */
static kr_status write_worked_out(sqlite3 *db, const facts *F, const eng_counted *R)
{
    sqlite3_stmt *st = NULL;
    kr_status rc = kr_db_exec(db, "DELETE FROM uitkomst_afgeleid", NULL, 0);
    if (rc != KR_OK || !R->exact || !R->ranges)
        return rc;
    if ((rc = kr_stmt_prepare(db,
                              "INSERT INTO uitkomst_afgeleid (indicator, regio, site, groep, groepwaarde, periode, "
                              "teller, noemer, teller_laag, teller_hoog, noemer_laag, noemer_hoog) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                              &st, NULL, 0)) != KR_OK)
        return rc;
    for (size_t i = 0; i < R->n && rc == KR_OK; i++) {
        unsigned char x = R->exact[i];
        const cell *c = R->list[i];
        long b[4];
        memcpy(b, R->ranges + 4 * i, sizeof b);
        /* a quantile row publishes no teller (cell_row), so none is worked out from it: the audit, which takes it as
         * known to be careful, would otherwise record a count no reader has */
        if (c->km && eng_km_of(K_IND(c->key), NULL)->m->kind != K_KM_RETENTION) {
            x &= (unsigned char)~1u;
            b[0] = 0;
            b[1] = -1;
        }
        if (R->cells[i].out == ENG_SHOWN || (!x && b[0] <= 0 && b[1] < 0 && b[2] <= 0 && b[3] < 0))
            continue;  /* nothing known but what every reader knows (a count is at least 0) */
        row_out r;
        cell_names(F, c, &r);
        rc = kr_stmt_run(st,
                         KR_ROW(KR_TEXT(r.id), KR_TEXT(r.regio), KR_TEXT(r.site), KR_TEXT(r.groep), KR_TEXT(r.val),
                                KR_TEXT(r.per.label), KR_INT(x & 1 ? R->cells[i].teller : -1),
                                KR_INT(x & 2 ? R->cells[i].noemer : -1), KR_INT(b[0]), KR_INT(b[1]), KR_INT(b[2]),
                                KR_INT(b[3])),
                         NULL, 0);
    }
    sqlite3_finalize(st);
    return rc;
}

kr_status eng_outcomes_store(sqlite3 *db, const facts *F, const eng_options *opt, const eng_counted *R,
                             long long *rows)
{
    eng_doelen D = {NULL, 0, 0};
    sqlite3_stmt *st = NULL;
    kr_status rc;
    int in_sp = 0;
    if ((rc = eng_doelen_load(db, &D)) != KR_OK ||
        (rc = kr_db_exec(db, "SAVEPOINT uitkomst; DELETE FROM uitkomst", NULL, 0)) != KR_OK)
        goto cleanup;
    in_sp = 1;
    if (sqlite3_prepare_v2(db,
                           "INSERT INTO uitkomst (indicator, regio, site, groep, groepwaarde, periode, teller, noemer, "
                           "waarde, ci_laag, ci_hoog, onderdrukt, eenheid, voorlopig, teller_ruw, noemer_ruw, doel, "
                           "status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           -1, &st, NULL) != SQLITE_OK) {
        rc = KR_EDB;
        goto cleanup;
    }
    derived_ctx X = {F, &R->T, R->cells, opt->peildatum, opt->min_cell, opt->basis, st, &D, 0};
    int basis[ENG_MAX_ROWS] = {0};
    for (unsigned k = 0; k < NINDS; k++)
        if (eng_row_of(k + 1)->m->flags & M_SHIFT)
            basis[k] = basis_year(&X, k + 1);
    for (size_t i = 0; i < R->n && rc == KR_OK; i++) {
        row_out r;
        const cell *c = R->list[i];
        unsigned ind = K_IND(c->key);
        cell_row(F, c, &R->cells[i], opt->peildatum, &r);
        rc = write_row(st, &r, &D);
        if (rc != KR_OK || ind > NINDS)
            continue;
        if ((eng_row_of(ind)->m->flags & M_OUTCOME) && K_GROEP(c->key) == G_TOTAAL && !IS_QUARTER(K_PER(c->key)))
            rc = write_ratios(&X, c);
        else if (basis[ind - 1] && (K_GROEP(c->key) == G_TOTAAL || K_GROEP(c->key) == G_ROUTE))
            rc = write_shift(&X, ind, c, basis[ind - 1]);
    }
    if (rc == KR_OK)
        rc = write_curves(db, F, &R->C, &R->T, R->cells);
    if (rc == KR_OK)
        rc = write_worked_out(db, F, R);
    if (rc == KR_OK) {
        rc = kr_db_exec(db, "RELEASE uitkomst", NULL, 0);
        if (rc == KR_OK) {
            in_sp = 0;
            if (rows)
                *rows = (long long)R->n + X.rows;
        }
    }
cleanup:
    sqlite3_finalize(st);
    if (in_sp)
        (void)sqlite3_exec(db, "ROLLBACK TO uitkomst; RELEASE uitkomst", NULL, NULL, NULL);
    eng_doelen_fini(&D);
    return rc;
}
