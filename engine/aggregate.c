/*
 * The counts of the outcome table, from the trajectory facts: every row of engine/indicators.c at
 * the finest level (region, site, breakdown value, quarter), rolled up to '*', years and rolling
 * windows, and the Kaplan-Meier rows with their curves. Cells live in one hash table on packed keys.
 */
#include "outcome_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void eng_table_init(table *T) { kr_hash_init(T, sizeof(cell), ENG_MAX_CELLS); }

void eng_table_fini(table *T) { kr_hash_fini(T); }

/* The cell of key in *out, added (zeroed) when new; KR_ENOMEM, or KR_ETOOBIG past ENG_MAX_CELLS. */
static kr_status table_get(table *T, uint64_t key, cell **out)
{
    void *v;
    int added;
    kr_status st = kr_hash_put(T, key, &v, &added);
    if (st != KR_OK)
        return st;
    *out = v;
    if (added)
        (*out)->key = key;
    return KR_OK;
}

cell *eng_table_find(const table *T, uint64_t key)
{
    cell *c = kr_hash_get(T, key);
    return c && !c->dead ? c : NULL;
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
    cell *c;
    kr_status st = table_get(T, key, &c);
    if (st != KR_OK)
        return st;
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

typedef kr_hash local_table;

static void local_init(local_table *L) { kr_hash_init(L, sizeof(local_cell), ENG_MAX_CELLS); }

static kr_status local_add(local_table *L, uint64_t key, long t, long n, long p)
{
    void *v;
    int added;
    kr_status st = kr_hash_put(L, key, &v, &added);
    if (st != KR_OK)
        return st;
    local_cell *c = v;
    if (added)
        c->key = key;
    c->t += t;
    c->n += n;
    c->p += p;
    return KR_OK;
}

/* Add the counts of L to T and empty L. */
static kr_status local_flush(local_table *L, table *T)
{
    size_t pos = 0;
    void *v;
    while (kr_hash_next(L, &pos, NULL, &v)) {
        const local_cell *c = v;
        kr_status st = add(T, c->key, c->t, c->n, c->p);
        if (st != KR_OK)
            return st;
    }
    kr_hash_clear(L);  /* the next row fills it to about the same size */
    return KR_OK;
}

/* Counts at the finest level: region, site, breakdown value, quarter. */
kr_status eng_aggregate(const facts *F, kr_date peil, table *T)
{
    const eng_dict *regie = &F->d[D_REGIE];
    local_table L;
    kr_status rc = KR_OK;
    local_init(&L);
    const eng_rows *rows = eng_rows_get();
    for (unsigned k = 0; k < rows->nrows && rc == KR_OK; k++) {
        const eng_rowdef *D = &rows->row[k];
        const eng_measure *I = D->m;
        const factrows *R = rows_of(F, I->rows);
        for (size_t i = 0; i < R->n; i++) {
            const fact *f = &R->f[i];
            if (f->regio < 0)
                continue;  /* a trajectory with no region counts nowhere */
            kr_date cohort;
            int num = 0;
            if (!I->eval(f, peil, D->arg, &cohort, &num) || cohort > peil || cohort < kr_date_from_ymd(2000, 1, 1))
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
    kr_hash_fini(&L);
    return rc;
nomem:
    kr_hash_fini(&L);
    return KR_ENOMEM;
}

/* Region '*', site '*', years and rolling windows, summed from the finest cells. */
kr_status eng_roll_up(table *T, kr_date peil, int min_cell)
{
    cell *base = NULL;
    size_t nb = 0;
    kr_status rc = KR_OK;
    size_t pos = 0;
    void *v;
    base = malloc((T->n ? T->n : 1) * sizeof *base);
    if (!base)
        return KR_ENOMEM;
    while (kr_hash_next(T, &pos, NULL, &v))
        base[nb++] = *(const cell *)v;
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
    for (pos = 0; kr_hash_next(T, &pos, NULL, &v);) {
        const cell *c = v;
        if (IS_YEAR(K_PER(c->key)) && (eng_measure_of(K_IND(c->key))->flags & M_OUTCOME))
            base[nb++] = *c;
    }
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
    for (pos = 0; rc == KR_OK && kr_hash_next(T, &pos, NULL, &v);) {
        cell *c = v;
        uint64_t k = c->key;
        if (K_PER(k) < ROLL_BASE)
            continue;
        /* a window is written, for every place or for none (so nothing can be recovered by subtraction), when
         * each of its years has data in all regions together: at least the minimum cell of children (a stray
         * early birth does not make a year) */
        unsigned e = K_PER(k) - ROLL_BASE;
        if (e < 2) {
            c->dead = 1;
            continue;
        }
        for (unsigned y = e - 2; y <= e; y++) {
            const cell *yc = eng_table_find(T, pack(K_IND(k), STAR, STAR, G_TOTAAL, 0, YEAR_BASE + y));
            if (!yc || yc->n < min_cell)
                c->dead = 1;
        }
    }
    return rc;
}


void eng_period_of_code(unsigned per, eper *out)
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


static local_cell *local_find(const local_table *L, uint64_t key) { return kr_hash_get(L, key); }

/*
 * Which fixed-age rows of a retention cohort are shown (OUTCOMES.md publishes teller = at risk, noemer = cohort and
 * S(t)). Between two shown ages, and between birth and the first, the children who left the risk set (lost, moved,
 * died) are a count, and so are those lost: S(t) against S of the age before gives them. Either must be 0 or at least
 * min_cell, as between the curve's points. The ages are taken in the order of the board's scorecard (12 and 24
 * months, then 6 and 18): an age is shown when, with the ages already shown, every step from birth up keeps both
 * counts 0 or at least min_cell. So the 18-month row, after which hardly anyone can still be lost (a loss needs a
 * 200-day gap that completes before 730 days), gives way before the 24-month one. age[qi] NULL: no row at that age.
 */
void eng_retention_ages(cell *const *age, const long *at_risk, const long *lost, long cohort, long min_cell)
{
    static const unsigned order[ENG_KM_PARTS] = {1, 3, 0, 2};
    int shown[ENG_KM_PARTS] = {0};
    for (unsigned o = 0; o < ENG_KM_PARTS; o++) {
        unsigned qi = order[o];
        if (!age[qi] || age[qi]->km_hidden)
            continue;
        shown[qi] = 1;
        long prev_at_risk = cohort, prev_lost = 0;
        int fine = 1;
        for (unsigned a = 0; a < ENG_KM_PARTS && fine; a++) {
            if (!shown[a])
                continue;
            long left = prev_at_risk - at_risk[a], lost_since = lost[a] - prev_lost;
            fine = !(left >= 1 && left < min_cell) && !(lost_since >= 1 && lost_since < min_cell);
            prev_at_risk = at_risk[a];
            prev_lost = lost[a];
        }
        shown[qi] = fine;
    }
    for (unsigned qi = 0; qi < ENG_KM_PARTS; qi++)
        if (age[qi]) {
            age[qi]->km_gap = !age[qi]->km_hidden && !shown[qi];
            age[qi]->km_hidden = !shown[qi];
        }
}

/*
 * The observations of every Kaplan-Meier cohort, in two passes over the facts without sorting:
 * the first counts each cohort's members (in L: n), the second puts each member's time and event
 * in its cohort's stretch of times and events (from offset t; p counts the members placed).
 */
static kr_status km_pass(const facts *F, kr_date peil, local_table *L, double *times, int *events)
{
    const eng_rows *rows = eng_rows_get();
    for (unsigned k = 0; k < rows->nkm; k++) {
        const eng_measure *M = rows->km[k].m;
        const factrows *R = rows_of(F, M->rows);
        for (size_t i = 0; i < R->n; i++) {
            const fact *f = &R->f[i];
            kr_date cohort;
            int days, ev;
            if (f->regio < 0 || !M->km(f, peil, &cohort, &days, &ev) || cohort > peil ||
                cohort < kr_date_from_ymd(2000, 1, 1))
                continue;
            unsigned q = quarter_of(cohort), per[2] = {q, YEAR_BASE + q / 4};
            unsigned places[3][2] = {{(unsigned)f->regio, (unsigned)f->site}, {(unsigned)f->regio, STAR}, {STAR, STAR}};
            for (int g = 0; g < G_N; g++) {
                if (g != G_TOTAAL && !(M->groups & B(g)))
                    continue;
                for (int p = 0; p < 3; p++)
                    for (int t = 0; t < 2; t++) {
                        uint64_t key = pack(KM_CODE(k, 0), places[p][0], places[p][1], (unsigned)g, group_value(f, g),
                                            per[t]);
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

kr_status eng_aggregate_km(const facts *F, kr_date peil, int min_cell, table *T, curves *C)
{
    local_table L;
    double *all_times = NULL;
    int *all_events = NULL;
    kr_status rc;
    size_t pos;
    void *v;
    local_init(&L);
    if ((rc = km_pass(F, peil, &L, NULL, NULL)) != KR_OK)
        goto cleanup;
    size_t total = 0;
    for (pos = 0; kr_hash_next(&L, &pos, NULL, &v);) {
        local_cell *c = v;
        c->t = (long)total;
        total += (size_t)c->n;
    }
    all_times = malloc((total ? total : 1) * sizeof *all_times);
    all_events = malloc((total ? total : 1) * sizeof *all_events);
    if (!all_times || !all_events) {
        rc = KR_ENOMEM;
        goto cleanup;
    }
    if ((rc = km_pass(F, peil, &L, all_times, all_events)) != KR_OK)
        goto cleanup;
    for (pos = 0; kr_hash_next(&L, &pos, NULL, &v);) {
        const local_cell *bc = v;
        double *times = all_times + bc->t;
        int *events = all_events + bc->t;
        size_t nobs = (size_t)bc->n;
        uint64_t okey = bc->key;
        eng_km km = {NULL, 0, 0};
        long nev = 0;
        unsigned kmi = (K_IND(okey) - (unsigned)NINDS - 1) / ENG_KM_PARTS;
        const eng_measure *D = eng_km_of(K_IND(okey), NULL)->m;
        int retention = D->kind == K_KM_RETENTION;
        for (size_t k = 0; k < nobs; k++)
            nev += events[k];
        rc = eng_km_fit(times, events, nobs, ENG_Z95, &km);
        eper per;
        eng_period_of_code(K_PER(okey), &per);
        long cohort = (long)nobs;
        int any_hidden = 0;
        /* the at-risk count of the last shown age (the cohort before the first): a row whose count is 1 to
         * min_cell - 1 below it would tell how many left between the two ages, by subtraction (see below) */
        cell *age_cell[ENG_KM_PARTS] = {NULL};
        long age_at_risk[ENG_KM_PARTS], age_lost[ENG_KM_PARTS];
        for (unsigned qi = 0; qi < ENG_KM_PARTS && rc == KR_OK; qi++) {
            double s, lo, hi;
            long at_risk;
            if (retention && peil - per.first < D->parts[qi].arg)
                continue;  /* nobody in the cohort has reached this age */
            cell *c;
            if ((rc = table_get(T, K_WITH_IND(okey, KM_CODE(kmi, qi)), &c)) != KR_OK)
                break;
            c->km = 1;
            c->n = c->p = cohort;
            if (retention) {
                eng_km_at(&km, D->parts[qi].arg, &s, &lo, &hi, &at_risk);
                c->q = 100.0 * s;
                c->lo = 100.0 * lo;
                c->hi = 100.0 * hi;
                c->t = at_risk;
                c->km_hidden = cohort < min_cell || at_risk < min_cell;
                long lost = 0;  /* the losses up to this age */
                for (size_t j = 0; j < km.n && km.steps[j].t <= D->parts[qi].arg; j++)
                    lost += km.steps[j].events;
                age_cell[qi] = c;
                age_at_risk[qi] = at_risk;
                age_lost[qi] = lost;
            } else {
                c->t = nev;
                eng_km_quantile(&km, D->parts[qi].arg / 100.0, &c->q, &c->lo, &c->hi);
                /* at risk at the time shown; a quantile not reached: at the end of follow-up */
                double shown = isnan(c->q) ? (km.n ? km.steps[km.n - 1].t : 0) : c->q;
                eng_km_at(&km, shown, &s, &lo, &hi, &at_risk);
                c->km_hidden = cohort < min_cell || nev < min_cell || at_risk < min_cell;
            }
        }
        if (rc == KR_OK && retention)
            eng_retention_ages(age_cell, age_at_risk, age_lost, cohort, min_cell);
        for (unsigned qi = 0; qi < ENG_KM_PARTS; qi++) {
            const cell *c = eng_table_find(T, K_WITH_IND(okey, KM_CODE(kmi, qi)));
            if (c)
                any_hidden |= c->km_hidden && !c->km_gap;
        }
        /*
         * The curve of a retention cohort by month of age (OUTCOMES.md), so that no step tells how many were lost or
         * censored: a month-end point only once at least min_cell losses have happened since the point before (a
         * coarser curve where losses are few), its at-risk count rounded down to a multiple of min_cell, and the curve
         * cut where fewer than min_cell are still at risk. The fixed-age rows shown are points too (the months 6, 12,
         * 18 and 24 fall on their ages): the losses since one of them count as since a point, a point is not drawn
         * where the losses up to the next one shown would be 1 to min_cell - 1, and none on the age of a row hidden
         * as too close to the others (eng_retention_ages), whose survival it would give away.
         */
        if (rc == KR_OK && retention && cohort >= min_cell && !any_hidden) {
            long at_risk = cohort, lost = 0, last_lost = 0;
            size_t s = 0;
            for (int m = 1; m <= 24 && rc == KR_OK; m++) {
                double tm = floor(m * 365.25 / 12.0);
                long at_end = 0; /* censored on day 730 itself: followed the whole two years */
                for (; s < km.n && km.steps[s].t <= tm; s++) {
                    lost += km.steps[s].events;
                    at_risk -= km.steps[s].events + km.steps[s].censored;
                    if (m == 24 && km.steps[s].t == tm)
                        at_end = km.steps[s].censored;
                }
                /* at two years every child still followed is censored on the day itself (min(age, 730)): those count
                 * as at risk there, or no curve would ever reach 24 months beside its shown 24-month row */
                if (at_risk + at_end < min_cell)
                    break;
                int fixed = -1, next_shown = -1;
                for (unsigned qi = 0; qi < ENG_KM_PARTS; qi++) {
                    if (!age_cell[qi])
                        continue;
                    if (D->parts[qi].arg == (int)tm)
                        fixed = (int)qi;
                    else if (D->parts[qi].arg > (int)tm && next_shown < 0 && !age_cell[qi]->km_hidden)
                        next_shown = (int)qi;
                }
                if (fixed >= 0 && age_cell[fixed]->km_hidden)
                    continue;  /* its survival is the hidden row's */
                if (fixed < 0) {
                    long to_next = next_shown >= 0 ? age_lost[next_shown] - lost : 0;
                    if (lost - last_lost < min_cell || (to_next >= 1 && to_next < min_cell))
                        continue;
                }
                last_lost = lost;
                double sv, lo, hi;
                long ignored;
                eng_km_at(&km, tm, &sv, &lo, &hi, &ignored);
                if ((rc = kr_grow(&C->s, &C->cap, C->n, sizeof *C->s, 1024)) != KR_OK)
                    break;
                C->s[C->n++] = (curve_step){K_WITH_IND(okey, KM_CODE(kmi, 0)), tm, 100.0 * sv, 100.0 * lo, 100.0 * hi,
                                            (at_risk + at_end) / min_cell * min_cell};
            }
        }
        eng_km_fini(&km);
        if (rc != KR_OK)
            goto cleanup;
    }
cleanup:
    kr_hash_fini(&L);
    free(all_times);
    free(all_events);
    return rc;
}
