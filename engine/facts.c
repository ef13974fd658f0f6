/*
 * The trajectory facts: the trajectories linkage handed over and the extract rows it
 * says count (read by engine/facts_read.c, sql/feiten.sql), folded
 * into one row of facts per trajectory, per child, per handover and per
 * psychosocial episode — everything the indicators of OUTCOMES.md need, so the
 * outcome table is cheap aggregates over these rows. Written to feit_traject too,
 * for the coordinator's audit.
 */
#include "engine_int.h"
#include "../core/hash.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xxhash.h>


const char *const eng_risk_names[ENG_RISKS] = {KR_RISK_FACTORS(KR_CODE_OF_RISK)};
const char *const eng_moment_names[ENG_MOMENTS] = {KR_MOMENTS(KR_CODE_OF_MOMENT)};
const int eng_moment_end[ENG_MOMENTS] = {KR_MOMENTS(KR_END_OF_MOMENT)};

static void (*lap_fn)(const char *step, double secs);

void eng_set_timing(void (*lap)(const char *step, double secs))
{
    lap_fn = lap;
}

static double now_secs(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + 1e-9 * (double)now.tv_nsec;
}

static double lap_last;

/* The time of each step to the callback of eng_set_timing (for bench/). */
void eng_lap(const char *step)
{
    if (!lap_fn)
        return;
    double now = now_secs();
    if (step)
        lap_fn(step, now - lap_last);
    lap_last = now;
}

void eng_laps_start(eng_laps *L)
{
    L->n = 0;
    L->last = now_secs();
}

void eng_laps_add(eng_laps *L, const char *step)
{
    double now = now_secs();
    if (L->n < ENG_MAX_LAPS) {
        L->step[L->n] = step;
        L->secs[L->n++] = now - L->last;
    }
    L->last = now;
}

void eng_laps_tell(const eng_laps *L)
{
    if (!lap_fn)
        return;
    for (int i = 0; i < L->n; i++)
        lap_fn(L->step[i], L->secs[i]);
    lap_last = now_secs();
}

/* ---- dictionaries --------------------------------------------------------------------------- */

static const char *dict_str(const void *ctx, uint32_t id)
{
    return ((const eng_dict *)ctx)->s[id];
}

void eng_dict_init(eng_dict *d)
{
    memset(d, 0, sizeof *d);
    kr_hash_init(&d->ids, sizeof(uint32_t), INT32_MAX);
}

int eng_dict_id(eng_dict *d, const char *s)
{
    if (!s)
        s = "onbekend";
    size_t len = strlen(s);
    if (len >= sizeof d->s[0])
        len = sizeof d->s[0] - 1;
    uint64_t h = XXH3_64bits(s, len);
    long found = kr_hash_str_find(&d->ids, s, len, h, dict_str, d, NULL);
    uint32_t id;
    int added;
    if (found >= 0)
        return (int)found;
    if (kr_grow(&d->s, &d->cap, d->n, sizeof *d->s, 32) != KR_OK ||
        kr_hash_str_put(&d->ids, s, len, h, dict_str, d, (uint32_t)d->n, &id, &added) != KR_OK)
        return -1;
    memcpy(d->s[d->n], s, len);
    d->s[d->n++][len] = '\0';
    return (int)id;
}

void eng_dict_fini(eng_dict *d)
{
    if (!d)
        return;
    free(d->s);
    kr_hash_fini(&d->ids);
    memset(d, 0, sizeof *d);
}

/*
 * Put a dictionary's codes (after index 0) in the order of their text, so that ids, and with them
 * the order of every table built on them, depend on the data alone, not on the order in which the
 * rows arrived. map (d->n entries) receives old id -> new id.
 */
static int cmp_code_text(const void *a, const void *b) { return strcmp((const char *)a, (const char *)b); }

static kr_status dict_canonical(eng_dict *d, int32_t *map)
{
    char(*old)[48] = malloc((d->n ? d->n : 1) * sizeof *old);
    if (!old)
        return KR_ENOMEM;
    memcpy(old, d->s, d->n * sizeof *old);
    if (d->n > 2)
        qsort(d->s + 1, d->n - 1, sizeof *d->s, cmp_code_text);
    kr_hash_clear(&d->ids);  /* the same codes under their new ids */
    for (size_t i = 0; i < d->n; i++) {
        uint32_t id;
        int added;
        size_t len = strlen(d->s[i]);
        if (kr_hash_str_put(&d->ids, d->s[i], len, XXH3_64bits(d->s[i], len), dict_str, d, (uint32_t)i, &id,
                            &added) != KR_OK) {
            free(old);
            return KR_ENOMEM;
        }
    }
    for (size_t i = 0; i < d->n; i++)
        map[i] = eng_dict_id(d, old[i]);
    free(old);
    return KR_OK;
}

#define REMAP(field, k)                                                                                               \
    do {                                                                                                              \
        if (x->field >= 0)                                                                                            \
            x->field = map[k][x->field];                                                                              \
    } while (0)

/* Every dictionary in text order, and every row of facts renumbered to match. */
static kr_status facts_canonical(facts *F)
{
    int32_t *map[D_N] = {NULL};
    kr_status rc = KR_OK;
    for (int k = 0; k < D_N && rc == KR_OK; k++) {
        map[k] = malloc((F->d[k].n ? F->d[k].n : 1) * sizeof *map[k]);
        rc = map[k] ? dict_canonical(&F->d[k], map[k]) : KR_ENOMEM;
    }
    factrows *all[] = {&F->preg, &F->kids, &F->hand, &F->eps};
    for (size_t r = 0; r < 4 && rc == KR_OK; r++)
        for (size_t i = 0; i < all[r]->n; i++) {
            fact *x = &all[r]->f[i];
            REMAP(regio, D_REGIO);
            REMAP(site, D_SITE);
            REMAP(gemeente, D_GEMEENTE);
            REMAP(leeftijd, D_LEEFTIJD);
            REMAP(pariteit, D_PARITEIT);
            REMAP(soort, D_SOORT);
            REMAP(regie_type, D_REGIE);
        }
    for (int k = 0; k < D_N; k++)
        free(map[k]);
    return rc;
}
#undef REMAP

/* ---- trajectory ids to rows ------------------------------------------------------------------- */

/* Trajectory ids (never 0) or leading zwangerschap rowids to pregnancy rows: a core/hash.h table of uint32_t. */
typedef kr_hash idmap;

static void id_init(idmap *m) { kr_hash_init(m, sizeof(uint32_t), (size_t)UINT32_MAX); }

/* The pregnancy row of id, or -1. */
static long id_find(const idmap *m, int64_t id)
{
    const uint32_t *v = kr_hash_get(m, (uint64_t)id);
    return v ? (long)*v : -1;
}

static kr_status id_put(idmap *m, int64_t id, uint32_t row)
{
    void *v;
    kr_status st = kr_hash_put(m, (uint64_t)id, &v, NULL);
    if (st == KR_OK)
        memcpy(v, &row, sizeof row);
    return st;
}

/* ---- reading --------------------------------------------------------------------------------- */

enum { Q_TRAJECT, Q_ZWANGERSCHAP, Q_BEVALLING, Q_SCREENING, Q_EPISODE, Q_OVERDRACHT, Q_MDO, Q_JGZ, Q_N };
static const char *const q_names[Q_N] = {"traject", "zwangerschap", "bevalling", "screening", "zorgepisode",
                                         "overdracht", "mdo", "jgz_contact"};

typedef struct episode {
    uint32_t preg;
    int8_t lijn;
    int8_t psy;       /* reden psychosociaal */
    kr_date start, end;  /* end KR_NO_DATE: open as of the peildatum */
} episode;

typedef struct handover {
    uint32_t preg;
    int16_t soort;
    int8_t warm;
    uint64_t route;   /* hash of van and naar organisation */
    kr_date sent, recv;
} handover;

/* A JGZ record of a child as read: sorted by key = pregnancy row, kind_volgnummer, date. */
typedef struct jrow {
    uint64_t key;
    int8_t moment;    /* index in eng_moment_names; -1 extra; -2 uitschrijving */
    int8_t held;
    int8_t reden;
} jrow;
#define JROW_KEY(p, kind, d) (((uint64_t)(p) << 32) | ((uint64_t)((kind) & 7) << 28) | (uint64_t)((d) - JROW_BASE))
#define JROW_BASE (-80000)  /* kr_date of a day long before any birth (about 1750) */

/* One child's contact, in age order. */
typedef struct contact {
    int16_t age;
    int8_t moment, held, reden;
} contact;

typedef struct builder {
    facts *F;
    kr_date peil;
    int64_t tr;           /* the trajectory of the extract row at hand (linkage's answer) */
    idmap ids;
    idmap zw;             /* leading zwangerschap rowid -> pregnancy row */
    uint32_t *first_kid;  /* per pregnancy: its first child row (children are sorted) */
    episode *ep;
    size_t nep, epcap;
    handover *ho;
    size_t nho, hocap;
    jrow *co;
    size_t nco, cocap;
    /* per pregnancy during the MDO pass: two regie types on the first date */
    uint8_t *regie_conflict;
    /* compact copies for the JGZ pass (the rows of facts are too big to stay in the cache) */
    uint8_t *jgz_any, *huisbezoek, *nkids;
    kr_date *birth;       /* per pregnancy */
    int8_t *kid_kind;     /* per child */
    kr_date *kid_birth;
} builder;

static int cmp_kid(const void *a, const void *b)
{
    const fact *x = a, *y = b;
    if (x->traject != y->traject)
        return x->traject < y->traject ? -1 : 1;
    return (x->kind > y->kind) - (x->kind < y->kind);
}

static int cmp_episode(const void *a, const void *b)
{
    const episode *x = a, *y = b;
    if (x->preg != y->preg)
        return x->preg < y->preg ? -1 : 1;
    if (x->lijn != y->lijn)
        return x->lijn < y->lijn ? -1 : 1;
    return (x->start > y->start) - (x->start < y->start);
}

static int cmp_handover(const void *a, const void *b)
{
    const handover *x = a, *y = b;
    if (x->preg != y->preg)
        return x->preg < y->preg ? -1 : 1;
    if (x->route != y->route)
        return x->route < y->route ? -1 : 1;
    if (x->soort != y->soort)
        return x->soort < y->soort ? -1 : 1;
    return (x->sent > y->sent) - (x->sent < y->sent);
}

/*
 * LSD radix sort of n rows by their 64-bit key, 16 bits at a time, skipping the digits in which
 * all keys agree (for 4 million JGZ records far faster than qsort). tmp holds n rows.
 */
static void radix_sort(jrow *a, jrow *tmp, size_t n)
{
    static size_t count[65536];
    for (int shift = 0; shift < 64; shift += 16) {
        memset(count, 0, sizeof count);
        for (size_t i = 0; i < n; i++)
            count[(a[i].key >> shift) & 0xFFFF]++;
        if (n == 0 || count[(a[0].key >> shift) & 0xFFFF] == n)
            continue;  /* one value: nothing to do in this digit */
        size_t sum = 0;
        for (size_t d = 0; d < 65536; d++) {
            size_t c = count[d];
            count[d] = sum;
            sum += c;
        }
        for (size_t i = 0; i < n; i++)
            tmp[count[(a[i].key >> shift) & 0xFFFF]++] = a[i];
        memcpy(a, tmp, n * sizeof *a);
    }
}

/* The text of a staged code (eng_stage's own dictionary), NULL for NULL. */
static const char *sx_text(const eng_stage *S, int d, int ix)
{
    return ix < 0 ? NULL : S->dict[d].s[ix];
}

/* A trajectory, as linkage handed it over: a pregnancy row. */
static kr_status row_trajectory(builder *B, const kr_link_traject *t)
{
    facts *F = B->F;
    if (kr_grow(&F->preg.f, &F->preg.cap, F->preg.n, sizeof *F->preg.f, 4096) != KR_OK)
        return KR_ENOMEM;
    fact *x = &F->preg.f[F->preg.n];
    memset(x, 0, sizeof *x);
    x->traject = t->id;
    x->regio = t->regio ? eng_dict_id(&F->d[D_REGIO], t->regio) : -1;
    x->site = eng_dict_id(&F->d[D_SITE], t->site);
    x->gemeente = eng_dict_id(&F->d[D_GEMEENTE], t->gemeente);
    x->leeftijd = eng_dict_id(&F->d[D_LEEFTIJD], NULL);  /* until its zwangerschap row says */
    x->pariteit = eng_dict_id(&F->d[D_PARITEIT], NULL);
    x->zw_row = t->zw_rowid;
    if (x->site < 0 || x->gemeente < 0 || x->leeftijd < 0 || x->pariteit < 0 || (t->regio && x->regio < 0))
        return KR_ENOMEM;
    x->intake = t->intake;
    x->due = t->due;
    x->birth = x->first_sc = x->sig2 = x->sig3 = x->jgz = x->bespreek = x->regie = KR_NO_DATE;
    x->sent = x->recv = x->ep_start = KR_NO_DATE;
    x->died_day = -1;
    x->uit_age = -1;
    for (int m = 0; m < ENG_MOMENTS; m++)
        x->moment_age[m] = -1;
    F->preg.n++;
    return KR_OK;
}

static kr_status row_zwangerschap(builder *B, const eng_stage *S, const sx_zw *z)
{
    facts *F = B->F;
    long p = id_find(&B->zw, z->rowid);
    if (p < 0)
        return KR_OK;  /* not the row that leads its trajectory */
    fact *x = &F->preg.f[p];
    x->leeftijd = eng_dict_id(&F->d[D_LEEFTIJD], sx_text(S, SXD_LEEFTIJD, z->leeftijd));
    x->pariteit = eng_dict_id(&F->d[D_PARITEIT], sx_text(S, SXD_PARITEIT, z->pariteit));
    return x->leeftijd < 0 || x->pariteit < 0 ? KR_ENOMEM : KR_OK;
}

static kr_status row_child(builder *B, const sx_bv *b)
{
    facts *F = B->F;
    long p = id_find(&B->ids, B->tr);
    if (p < 0)
        return KR_OK;
    if (kr_grow(&F->kids.f, &F->kids.cap, F->kids.n, sizeof *F->kids.f, 4096) != KR_OK)
        return KR_ENOMEM;
    fact *k = &F->kids.f[F->kids.n++];
    memset(k, 0, sizeof *k);
    k->traject = B->tr;
    k->kind = (int8_t)b->kind;
    k->birth = b->birth;
    k->ga = (int16_t)b->ga;
    k->weight = (int16_t)b->weight;
    k->lijn_baring = (int8_t)b->lijn;
    k->vit = b->vit;
    k->died_day = (int8_t)(b->died == INT32_MIN ? -1 : b->died);
    return KR_OK;
}

static kr_status row_screening(builder *B, const sx_sc *c)
{
    long p = id_find(&B->ids, B->tr);
    if (p < 0)
        return KR_OK;
    fact *x = &B->F->preg.f[p];
    kr_date d = c->d;
    int route = c->route;
    if (d == KR_NO_DATE || (x->birth != KR_NO_DATE && d >= x->birth))
        return KR_OK;  /* only screenings before birth count */
    if (route > x->route)
        x->route = (int8_t)route;
    if (x->first_sc == KR_NO_DATE || d < x->first_sc) {
        x->first_sc = d;
        x->route_sig = (int8_t)route;
    } else if (d == x->first_sc && route > x->route_sig) {
        x->route_sig = (int8_t)route;  /* several on the first day: the highest */
    }
    if (route >= 2 && (x->sig2 == KR_NO_DATE || d < x->sig2))
        x->sig2 = d;
    if (route == 3 && (x->sig3 == KR_NO_DATE || d < x->sig3))
        x->sig3 = d;
    x->risks |= c->risks;
    return KR_OK;
}

static kr_status row_episode(builder *B, const sx_ze *z)
{
    long p = id_find(&B->ids, B->tr);
    if (p < 0)
        return KR_OK;
    if (kr_grow(&B->ep, &B->epcap, B->nep, sizeof *B->ep, 4096) != KR_OK)
        return KR_ENOMEM;
    episode *e = &B->ep[B->nep++];
    e->preg = (uint32_t)p;
    e->lijn = (int8_t)z->lijn;
    e->start = z->start;
    e->end = z->end;
    if (e->end != KR_NO_DATE && e->end > B->peil)
        e->end = KR_NO_DATE;  /* an end after the peildatum has not happened yet */
    e->psy = z->psy;
    return KR_OK;
}

static kr_status row_handover(builder *B, const eng_stage *S, const sx_ov *o)
{
    long p = id_find(&B->ids, B->tr);
    if (p < 0)
        return KR_OK;
    if (kr_grow(&B->ho, &B->hocap, B->nho, sizeof *B->ho, 4096) != KR_OK)
        return KR_ENOMEM;
    handover *h = &B->ho[B->nho];
    h->preg = (uint32_t)p;
    h->route = o->route;
    int soort = eng_dict_id(&B->F->d[D_SOORT], sx_text(S, SXD_SOORT, o->soort));
    if (soort < 0)
        return KR_ENOMEM;
    h->soort = (int16_t)soort;
    h->sent = o->sent;
    h->recv = o->recv;
    if (h->recv != KR_NO_DATE && h->recv > B->peil)
        h->recv = KR_NO_DATE;
    h->warm = o->warm;
    B->nho++;
    /* the earliest jgz_prenataal handover of the pregnancy */
    fact *x = &B->F->preg.f[p];
    if (o->jgz_prenataal && h->sent != KR_NO_DATE && (x->jgz == KR_NO_DATE || h->sent < x->jgz))
        x->jgz = h->sent;
    return KR_OK;
}

static kr_status row_mdo(builder *B, const eng_stage *S, const sx_md *m)
{
    long p = id_find(&B->ids, B->tr);
    if (p < 0)
        return KR_OK;
    fact *x = &B->F->preg.f[p];
    kr_date bespreek = m->bespreek, regie = m->regie;
    if (bespreek != KR_NO_DATE && bespreek <= B->peil && (x->bespreek == KR_NO_DATE || bespreek < x->bespreek))
        x->bespreek = bespreek;
    if (regie == KR_NO_DATE || regie > B->peil)
        return KR_OK;
    /* the earliest regie_datum of all organisations' rows; two types on that date: onbekend */
    int type = m->type < 0 ? -1 : eng_dict_id(&B->F->d[D_REGIE], sx_text(S, SXD_REGIE, m->type));
    if (m->type >= 0 && type < 0)
        return KR_ENOMEM;
    if (x->regie == KR_NO_DATE || regie < x->regie) {
        x->regie = regie;
        x->regie_type = (int16_t)(type < 0 ? 0 : type);
        B->regie_conflict[p] = type < 0;
    } else if (regie == x->regie && (type < 0 || type != x->regie_type)) {
        B->regie_conflict[p] = 1;
    }
    return KR_OK;
}

static kr_status row_jgz(builder *B, const sx_jg *j)
{
    long p = id_find(&B->ids, B->tr);
    if (p < 0)
        return KR_OK;
    kr_date d = j->d;
    B->jgz_any[p] = 1;
    if (j->moment == -3) {
        /* prenataal_huisbezoek, a contact of the pregnancy: held before birth */
        if (j->held && d != KR_NO_DATE && (B->birth[p] == KR_NO_DATE || d < B->birth[p]))
            B->huisbezoek[p] = 1;
        return KR_OK;
    }
    /* a contact of a child: matched to the child's own bevalling row when folding (sorted, so in order) */
    int kind = j->kind;
    if (B->nkids[p] == 0 || d == KR_NO_DATE || d <= JROW_BASE || kind < 0 || kind > 7)
        return KR_OK;  /* no child born by the peildatum: it counts in no child indicator */
    if (kr_grow(&B->co, &B->cocap, B->nco, sizeof *B->co, 4096) != KR_OK)
        return KR_ENOMEM;
    jrow *c = &B->co[B->nco++];
    c->key = JROW_KEY(p, kind, d);
    c->moment = j->moment;
    c->held = j->moment == -2 ? 0 : j->held;  /* an uitschrijving is never a contact, whatever its status */
    c->reden = j->reden;
    return KR_OK;
}

/* ---- folding the lists ---------------------------------------------------------------------------- */

/* Care-days of one pregnancy: per line the union of its episodes' days (episodes sorted by line, start). */
static void care_days(fact *x, const episode *e, size_t n, kr_date peil)
{
    int32_t total = 0, line1 = 0;
    int cur_line = -1;
    kr_date lo = 0, hi = -1;  /* the open run of the current line */
    for (size_t i = 0; i <= n; i++) {
        kr_date s = 0, t = -1;
        int line = -1;
        if (i < n) {
            line = e[i].lijn;
            s = e[i].start;
            if (x->intake != KR_NO_DATE && x->intake > s)
                s = x->intake;
            if (e[i].end != KR_NO_DATE) {
                t = e[i].end;
                if (x->birth != KR_NO_DATE && x->birth < t)
                    t = x->birth;
                if (peil < t)
                    t = peil;
            } else {
                /* open: to the birth, the peildatum, and without a birth a_terme_datum + 42 at the latest */
                t = x->birth != KR_NO_DATE ? x->birth : x->due + 42;
                if (peil < t)
                    t = peil;
            }
        }
        if (i == n || line != cur_line || s > hi + 1) {
            if (hi >= lo) {
                total += hi - lo + 1;
                if (cur_line == 1)
                    line1 += hi - lo + 1;
            }
            cur_line = line;
            lo = s;
            hi = t;
        } else if (t > hi) {
            hi = t;
        }
    }
    x->days = total;
    x->days1 = line1;
}

static kr_status fold_episodes(builder *B)
{
    facts *F = B->F;
    if (B->nep)
        qsort(B->ep, B->nep, sizeof *B->ep, cmp_episode);
    for (size_t i = 0; i < B->nep;) {
        size_t j = i;
        while (j < B->nep && B->ep[j].preg == B->ep[i].preg)
            j++;
        fact *x = &F->preg.f[B->ep[i].preg];
        care_days(x, B->ep + i, j - i, B->peil);
        for (size_t k = i; k < j; k++) {
            const episode *e = &B->ep[k];
            int before_birth = x->birth == KR_NO_DATE || e->start < x->birth;
            if (e->lijn < 2 || !e->psy || !before_birth)
                continue;
            x->psy = 1;
            /* lijn.terugverwijzing: ended before birth; followed by a line-1 episode starting on or after its
             * end, before birth */
            if (kr_grow(&F->eps.f, &F->eps.cap, F->eps.n, sizeof *F->eps.f, 1024) != KR_OK)
                return KR_ENOMEM;
            fact *r = &F->eps.f[F->eps.n++];
            *r = *x;
            r->ep_start = e->start;
            r->ep_den = e->end != KR_NO_DATE && (x->birth == KR_NO_DATE || e->end < x->birth);
            r->ep_num = 0;
            for (size_t m = i; m < j && r->ep_den; m++)
                if (B->ep[m].lijn == 1 && B->ep[m].start >= e->end &&
                    (x->birth == KR_NO_DATE || B->ep[m].start < x->birth))
                    r->ep_num = 1;
        }
        i = j;
    }
    return KR_OK;
}

static kr_status fold_handovers(builder *B)
{
    facts *F = B->F;
    if (B->nho)
        qsort(B->ho, B->nho, sizeof *B->ho, cmp_handover);
    for (size_t i = 0; i < B->nho;) {
        size_t j = i;
        handover h = B->ho[i];
        /* reports of one handover: the same client, van, naar, soort and verzonden_datum */
        while (j < B->nho && B->ho[j].preg == h.preg && B->ho[j].route == h.route && B->ho[j].soort == h.soort &&
               B->ho[j].sent == h.sent) {
            if (B->ho[j].warm)
                h.warm = 1;
            if (B->ho[j].recv != KR_NO_DATE && (h.recv == KR_NO_DATE || B->ho[j].recv < h.recv))
                h.recv = B->ho[j].recv;
            j++;
        }
        if (kr_grow(&F->hand.f, &F->hand.cap, F->hand.n, sizeof *F->hand.f, 4096) != KR_OK)
            return KR_ENOMEM;
        fact *r = &F->hand.f[F->hand.n++];
        *r = F->preg.f[h.preg];
        r->soort = h.soort;
        r->warm = h.warm;
        r->sent = h.sent;
        r->recv = h.recv;
        i = j;
    }
    return KR_OK;
}

/*
 * Follow-up of one child from its contacts in age order: the first held contact of each
 * moment, the first uitschrijving, and retention (OUTCOMES.md, nazorg.in_zorg): lost when
 * the next held contact comes more than 200 days after the previous one (or after birth),
 * where that gap completes before age 730, by the peildatum and before any uitschrijving or
 * death — dated back to the last held contact; or uitgeschreven as geweigerd; else censored.
 */
static void follow_child(fact *k, const contact *c, size_t n, kr_date peil)
{
    int peil_age = peil - k->birth;
    for (size_t i = 0; i < n; i++) {
        if (c[i].moment == -2) {
            if (k->uit_reden == UIT_NONE) {
                k->uit_reden = c[i].reden;
                k->uit_age = c[i].age;
            }
        } else if (c[i].held && c[i].moment >= 0 && k->moment_age[c[i].moment] < 0) {
            k->moment_age[c[i].moment] = c[i].age;
        }
    }
    /* the end of observation: an uitschrijving, a neonatal death, the peildatum or age 730 */
    int end = peil_age < 730 ? peil_age : 730;
    int ended_by_uit = 0;
    if (k->vit == 2 && k->died_day >= 0 && k->died_day < end)
        end = k->died_day;
    if (k->uit_reden != UIT_NONE && k->uit_age <= end) {
        end = k->uit_age;
        ended_by_uit = 1;
    }
    int prev = 0;
    size_t i = 0;
    for (;;) {
        while (i < n && !(c[i].held && c[i].moment != -2 && c[i].age > prev))
            i++;
        int next = i < n && c[i].age <= end ? c[i].age : -1;
        /* the gap after prev completes at age prev + 200 */
        int completes = prev + 200;
        if (completes < (next < 0 ? end + 1 : next) && completes < 730 && completes <= peil_age &&
            completes < end + (ended_by_uit ? 0 : 1)) {
            k->km_time = (int16_t)prev;
            k->km_event = 1;
            return;
        }
        if (next < 0)
            break;
        prev = next;
        i++;
    }
    k->km_time = (int16_t)end;
    k->km_event = ended_by_uit && k->uit_reden == UIT_GEWEIGERD;
}

static kr_status fold_contacts(builder *B)
{
    facts *F = B->F;
    jrow *tmp = malloc((B->nco ? B->nco : 1) * sizeof *tmp);
    contact *c = NULL;
    size_t ccap = 0;
    if (!tmp)
        return KR_ENOMEM;
    radix_sort(B->co, tmp, B->nco);
    free(tmp);
    /* every child, then again those with records, from the records of its pregnancy and number */
    static const contact none = {0, 0, 0, 0};
    for (size_t k = 0; k < F->kids.n; k++)
        follow_child(&F->kids.f[k], &none, 0, B->peil);
    for (size_t i = 0; i < B->nco;) {
        uint64_t group = B->co[i].key >> 28;
        size_t j = i;
        while (j < B->nco && B->co[j].key >> 28 == group)
            j++;
        uint32_t p = (uint32_t)(group >> 4);
        int kind = (int)(group & 7);
        long kid = -1;
        for (uint32_t k = B->first_kid[p], e = k + B->nkids[p]; k < e; k++)
            if (B->kid_kind[k] == kind)
                kid = (long)k;
        if (kid >= 0) {
            fact *x = &F->kids.f[kid];
            size_t m = 0;
            if (kr_grow(&c, &ccap, j - i, sizeof *c, 64) != KR_OK) {
                free(c);
                return KR_ENOMEM;
            }
            for (size_t r = i; r < j; r++) {
                int age = (kr_date)(int64_t)(B->co[r].key & 0x0FFFFFFFu) + JROW_BASE - x->birth;
                if (age < 0 || age > 30000)
                    continue;  /* before birth, or not a date of this child */
                c[m++] = (contact){(int16_t)age, B->co[r].moment, B->co[r].held, B->co[r].reden};
            }
            follow_child(x, c, m, B->peil);
        }
        i = j;
    }
    free(c);
    return KR_OK;
}

/* After the trajectories: their ids (and leading zwangerschap rows) to pregnancy rows, and the per-pregnancy arrays. */
static kr_status index_pregnancies(builder *B)
{
    facts *F = B->F;
    B->regie_conflict = calloc(F->preg.n + 1, 1);
    B->first_kid = calloc(F->preg.n + 1, sizeof *B->first_kid);
    if (!B->regie_conflict || !B->first_kid || kr_hash_reserve(&B->ids, F->preg.n) != KR_OK ||
        kr_hash_reserve(&B->zw, F->preg.n) != KR_OK)
        return KR_ENOMEM;
    for (size_t i = 0; i < F->preg.n; i++)
        if (id_put(&B->ids, F->preg.f[i].traject, (uint32_t)i) != KR_OK ||
            (F->preg.f[i].zw_row && id_put(&B->zw, F->preg.f[i].zw_row, (uint32_t)i) != KR_OK))
            return KR_ENOMEM;
    return KR_OK;
}

/* After the births: children in trajectory order; each pregnancy finds its first child, its birth and labour. */
static kr_status place_children(builder *B)
{
    facts *F = B->F;
    if (F->kids.n)
        qsort(F->kids.f, F->kids.n, sizeof *F->kids.f, cmp_kid);
    for (size_t i = 0; i < F->preg.n; i++)
        B->first_kid[i] = (uint32_t)F->kids.n;
    B->nkids = calloc(F->preg.n + 1, 1);
    B->jgz_any = calloc(F->preg.n + 1, 1);
    B->huisbezoek = calloc(F->preg.n + 1, 1);
    B->birth = malloc((F->preg.n + 1) * sizeof *B->birth);
    B->kid_kind = malloc((F->kids.n + 1) * sizeof *B->kid_kind);
    B->kid_birth = malloc((F->kids.n + 1) * sizeof *B->kid_birth);
    if (!B->nkids || !B->jgz_any || !B->huisbezoek || !B->birth || !B->kid_kind || !B->kid_birth)
        return KR_ENOMEM;
    for (size_t k = F->kids.n; k-- > 0;) {
        long p = id_find(&B->ids, F->kids.f[k].traject);
        fact *x = &F->preg.f[p];
        const fact *c = &F->kids.f[k];
        B->first_kid[p] = (uint32_t)k;
        B->nkids[p]++;
        B->kid_kind[k] = c->kind;
        B->kid_birth[k] = c->birth;
        /* its birth is the earliest child's; labour that of the lowest kind_volgnummer (met last here) */
        if (x->birth == KR_NO_DATE || (c->birth != KR_NO_DATE && c->birth < x->birth))
            x->birth = c->birth;
        x->lijn_baring = c->lijn_baring;
        x->children++;
    }
    for (size_t i = 0; i < F->preg.n; i++)
        B->birth[i] = F->preg.f[i].birth;
    return KR_OK;
}

/* Children carry their pregnancy's facts, with their own birth and outcome. */
static void children_inherit(builder *B)
{
    facts *F = B->F;
    for (size_t k = 0; k < F->kids.n; k++) {
        fact own = F->kids.f[k];
        fact *c = &F->kids.f[k];
        *c = F->preg.f[id_find(&B->ids, own.traject)];
        c->birth = own.birth;
        c->kind = own.kind;
        c->ga = own.ga;
        c->weight = own.weight;
        c->vit = own.vit;
        c->died_day = own.died_day;
        c->lijn_baring = own.lijn_baring;
    }
}

/* ---- the whole build --------------------------------------------------------------------------- */

kr_status eng_facts_build(kr_date peildatum, kr_links *links, eng_stage *S, facts *F)
{
    builder B;
    kr_status rc = KR_OK;
    memset(&B, 0, sizeof B);
    B.F = F;
    B.peil = peildatum;
    id_init(&B.ids);
    id_init(&B.zw);
    for (int k = 0; k < D_N; k++)
        eng_dict_init(&F->d[k]);
    for (int k = 0; k < D_N; k++)
        if (eng_dict_id(&F->d[k], k == D_REGIO || k == D_SITE ? "*" : "") < 0)
            return KR_ENOMEM;
    /* every regie type has its row, zeros included */
    static const char *const regie[] = {KR_REGIE_TYPES(KR_CODE_OF_REGIE) "onbekend"};
    for (size_t i = 0; i < sizeof regie / sizeof regie[0]; i++)
        if (eng_dict_id(&F->d[D_REGIE], regie[i]) < 0)
            return KR_ENOMEM;
    /* 1. the trajectories, as linkage handed them over (the rows table traject holds, or is about to) */
    for (size_t i = 0; i < links->ntraj && rc == KR_OK; i++)
        rc = row_trajectory(&B, &links->traj[i]);
    kr_links_traject_drop(links);  /* read: its memory goes back */
    eng_lap(q_names[Q_TRAJECT]);
    if (rc == KR_OK)
        rc = index_pregnancies(&B);
    /* 2. the staged extract rows, each table in rowid order; a row counts when linkage says so */
    for (int q = Q_ZWANGERSCHAP; q < Q_N && rc == KR_OK; q++) {
        int type = kr_extract_type(q_names[q]);
        kr_link_cursor cur = {kr_links_table(links, type), 0};
#define FOLD(arr, call)                                                                                               \
    for (size_t i = 0; i < S->arr.n && rc == KR_OK; i++)                                                              \
        if ((B.tr = kr_link_next(&cur, S->arr.r[i].rowid)) != 0)                                                      \
            rc = call;
        switch (q) {
        case Q_ZWANGERSCHAP: FOLD(zw, row_zwangerschap(&B, S, &S->zw.r[i])) break;
        case Q_BEVALLING: FOLD(bv, row_child(&B, &S->bv.r[i])) break;
        case Q_SCREENING: FOLD(sc, row_screening(&B, &S->sc.r[i])) break;
        case Q_EPISODE: FOLD(ze, row_episode(&B, &S->ze.r[i])) break;
        case Q_OVERDRACHT: FOLD(ov, row_handover(&B, S, &S->ov.r[i])) break;
        case Q_MDO: FOLD(md, row_mdo(&B, S, &S->md.r[i])) break;
        default: FOLD(jg, row_jgz(&B, &S->jg.r[i])) break;
        }
#undef FOLD
        eng_lap(q_names[q]);
        kr_links_drop(links, type);  /* folded: its memory goes back */
        eng_stage_drop(S, q - Q_ZWANGERSCHAP);
        if (rc == KR_OK && q == Q_BEVALLING)
            rc = place_children(&B);
    }
    if (rc != KR_OK)
        goto cleanup;
    for (size_t i = 0; i < F->preg.n; i++) {
        F->preg.f[i].jgz_any = (int8_t)B.jgz_any[i];
        F->preg.f[i].huisbezoek = (int8_t)B.huisbezoek[i];
    }
    for (size_t i = 0; i < F->preg.n; i++)
        if (B.regie_conflict[i] && F->preg.f[i].regie != KR_NO_DATE)
            F->preg.f[i].regie_type = (int16_t)eng_dict_id(&F->d[D_REGIE], "onbekend");
    if ((rc = fold_episodes(&B)) != KR_OK || (rc = fold_handovers(&B)) != KR_OK)
        goto cleanup;
    eng_lap("episodes+handovers");
    children_inherit(&B);
    rc = fold_contacts(&B);
    eng_lap("follow-up");
    if (rc == KR_OK)
        rc = facts_canonical(F);
cleanup:
    kr_hash_fini(&B.ids);
    kr_hash_fini(&B.zw);
    free(B.first_kid);
    free(B.nkids);
    free(B.jgz_any);
    free(B.huisbezoek);
    free(B.birth);
    free(B.kid_kind);
    free(B.kid_birth);
    free(B.regie_conflict);
    free(B.ep);
    free(B.ho);
    free(B.co);
    return rc;
}

void eng_facts_fini(facts *F)
{
    if (!F)
        return;
    free(F->preg.f);
    free(F->kids.f);
    free(F->hand.f);
    free(F->eps.f);
    for (int k = 0; k < D_N; k++)
        eng_dict_fini(&F->d[k]);
    memset(F, 0, sizeof *F);
}

/* ---- feit_traject, for the audit ----------------------------------------------------------------- */

static void bind_dict(sqlite3_stmt *st, int i, const eng_dict *d, int id)
{
    if (id <= 0 || strcmp(d->s[id], "onbekend") == 0)
        sqlite3_bind_null(st, i);
    else
        sqlite3_bind_text(st, i, d->s[id], -1, SQLITE_STATIC);
}

kr_status eng_facts_write(sqlite3 *db, const facts *F, kr_date peildatum)
{
    sqlite3_stmt *st = NULL;
    kr_status rc = KR_OK;
    char peil[11], now[21];
    if (kr_db_exec(db, "SAVEPOINT feiten; DELETE FROM feit_traject", NULL, 0) != KR_OK)
        return KR_EDB;
    if (sqlite3_prepare_v2(db,
                           "INSERT INTO feit_traject (traject_id, regio, site, gemeentecode, leeftijdsklasse, "
                           "pariteit, intake_datum, a_terme_datum, geboortedatum, kinderen, eerste_screening, "
                           "route_signalering, route, signalering_2, signalering_3, jgz_verzonden, bespreekdatum, "
                           "regie_datum, regie_type, huisbezoek_prenataal, lijn_begin_baring, psychosociaal_klinisch, "
                           "zorgdagen_1, zorgdagen, risicofactoren, jgz_gekoppeld) "
                           "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                           -1, &st, NULL) != SQLITE_OK) {
        rc = KR_EDB;
        goto cleanup;
    }
    for (size_t i = 0; i < F->preg.n && rc == KR_OK; i++) {
        const fact *x = &F->preg.f[i];
        sqlite3_bind_int64(st, 1, x->traject);
        if (x->regio < 0)
            sqlite3_bind_null(st, 2);
        else
            sqlite3_bind_text(st, 2, F->d[D_REGIO].s[x->regio], -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, F->d[D_SITE].s[x->site], -1, SQLITE_STATIC);
        bind_dict(st, 4, &F->d[D_GEMEENTE], x->gemeente);
        bind_dict(st, 5, &F->d[D_LEEFTIJD], x->leeftijd);
        bind_dict(st, 6, &F->d[D_PARITEIT], x->pariteit);
        kr_bind_date(st, 7, x->intake);
        kr_bind_date(st, 8, x->due);
        kr_bind_date(st, 9, x->birth);
        sqlite3_bind_int(st, 10, x->children);
        kr_bind_date(st, 11, x->first_sc);
        if (x->first_sc == KR_NO_DATE) {
            sqlite3_bind_null(st, 12);
            sqlite3_bind_null(st, 13);
        } else {
            sqlite3_bind_int(st, 12, x->route_sig);
            sqlite3_bind_int(st, 13, x->route);
        }
        kr_bind_date(st, 14, x->sig2);
        kr_bind_date(st, 15, x->sig3);
        kr_bind_date(st, 16, x->jgz);
        kr_bind_date(st, 17, x->bespreek);
        kr_bind_date(st, 18, x->regie);
        if (x->regie == KR_NO_DATE)
            sqlite3_bind_null(st, 19);
        else
            sqlite3_bind_text(st, 19, F->d[D_REGIE].s[x->regie_type], -1, SQLITE_STATIC);  /* 'onbekend' when unclear */
        sqlite3_bind_int(st, 20, x->huisbezoek);
        if (x->children)
            sqlite3_bind_int(st, 21, x->lijn_baring);
        else
            sqlite3_bind_null(st, 21);
        sqlite3_bind_int(st, 22, x->psy);
        sqlite3_bind_int(st, 23, x->days1);
        sqlite3_bind_int(st, 24, x->days);
        char risks[256] = "";
        size_t len = 0;
        for (int r = 0; r < ENG_RISKS; r++)
            if (x->risks & (1u << r)) {
                int w = snprintf(risks + len, sizeof risks - len, "%s%s", len ? "|" : "", eng_risk_names[r]);
                if (w > 0 && (size_t)w < sizeof risks - len)
                    len += (size_t)w;
            }
        if (len)
            sqlite3_bind_text(st, 25, risks, (int)len, SQLITE_TRANSIENT);
        else
            sqlite3_bind_null(st, 25);
        sqlite3_bind_int(st, 26, x->jgz_any);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = KR_EDB;
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    st = NULL;
    if (rc != KR_OK)
        goto cleanup;
    kr_date_format(peildatum, peil);
    kr_now_iso(now);
    if (sqlite3_prepare_v2(db,
                           "INSERT OR REPLACE INTO compute_run (id, uitgevoerd_op, peildatum, trajecten, berekening) "
                           "VALUES (1, ?1, ?2, ?3, coalesce((SELECT berekening FROM compute_run), 0) + 1)",
                           -1, &st, NULL) != SQLITE_OK) {
        rc = KR_EDB;
        goto cleanup;
    }
    sqlite3_bind_text(st, 1, now, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, peil, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, (long long)F->preg.n);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = KR_EDB;
cleanup:
    sqlite3_finalize(st);
    if (rc == KR_OK)
        rc = kr_db_exec(db, "RELEASE feiten", NULL, 0);
    else
        (void)sqlite3_exec(db, "ROLLBACK TO feiten; RELEASE feiten", NULL, NULL, NULL);
    return rc;
}
