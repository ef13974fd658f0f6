/*
 * `kansrijk samples`: synthetic pregnancies, births and follow-up to two years,
 * written as the partners' quarterly extracts with the patterns and the dirt of
 * SAMPLES.md. Each pregnancy's story is a pure function of (seed, region,
 * index), so the generator streams: it walks the quarters and, for each,
 * re-tells only the stories that have records in it. Output is the same bytes
 * for the same arguments.
 */
#include "samples_int.h"
#include "../core/codes.h"
#include "../etl/etl.h"

#include <errno.h>
#include <math.h>
#include <nettle/hmac.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- random numbers: xoshiro256** seeded by splitmix64 ------------------------------ */

typedef struct rng {
    uint64_t s[4];
} rng;

static uint64_t splitmix(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static void rng_seed(rng *r, uint64_t seed)
{
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix(&seed);
}

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static uint64_t rng_next(rng *r)
{
    uint64_t *s = r->s, out = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return out;
}

static double unif(rng *r) { return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0); }
static int chance(rng *r, double p) { return unif(r) < p; }
static int between(rng *r, int lo, int hi) { return lo + (int)(unif(r) * (double)(hi - lo + 1)); }

static double normal(rng *r)
{
    double u1 = unif(r), u2 = unif(r);
    if (u1 < 1e-300)
        u1 = 1e-300;
    return sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * u2);
}

static int pick(rng *r, const double *w, int n)
{
    double u = unif(r), acc = 0;
    for (int i = 0; i < n; i++) {
        acc += w[i];
        if (u < acc)
            return i;
    }
    return n - 1;
}

/* ---- the codes the stories use ---------------------------------------------------------- */

enum { T_ZW, T_SC, T_ZE, T_OV, T_MD, T_BV, T_JG, T_N };
static const char *const type_names[T_N] = {"zwangerschap", "screening", "zorgepisode", "overdracht",
                                            "mdo",          "bevalling", "jgz_contact"};

static const char *const ages[] = {"<20", "20-24", "25-29", "30-34", "35-39", "40+"};
static const double age_w[] = {0.025, 0.10, 0.30, 0.37, 0.17, 0.035};
static const char *const parities[] = {"0", "1", "2+"};
static const double parity_w[] = {0.45, 0.35, 0.20};
static const char *const instruments[] = {"mind2care", "r4u", "anna", "gesprek", "anders"};
static const double instrument_w[] = {0.40, 0.20, 0.15, 0.20, 0.05};
static const char *const risks[] = {KR_RISK_FACTORS(KR_CODE_OF_RISK)};
static const double risk_w[] = {0.16, 0.08, 0.0, 0.07, 0.17, 0.12, 0.08, 0.10, 0.12, 0.05, 0.03, 0.02};
static const char *const regie_types[] = {"jgz", "knooppunt", "wijkteam", "verloskundige", "ziekenhuis", "ggz", "anders"};
static const double regie_w[] = {0.35, 0.20, 0.15, 0.15, 0.05, 0.07, 0.03};
static const char *const moments[] = {KR_MOMENTS(KR_CODE_OF_MOMENT)};
static const int moment_age[] = {KR_MOMENTS(KR_AGE_OF_MOMENT)};
#define NMOMENTS KR_NMOMENTS

/* ---- one pregnancy's story ----------------------------------------------------------------- */

typedef struct contact {
    const char *moment;      /* also "extra", "uitschrijving", "prenataal_huisbezoek" */
    kr_date date;
    const char *status;
    const char *reden;       /* uitschrijving */
} contact;

typedef struct child {
    int ga, weight;
    const char *vit;
    int died_day;            /* -1 */
    contact c[NMOMENTS + 3];
    int nc;
} child;

typedef struct screening {
    kr_date date;
    int route;
    const char *instrument;
    unsigned risks;
} screening;

typedef struct episode {
    int lijn, org;
    kr_date start, end;
    const char *reden;
} episode;

typedef struct handover {
    const char *soort;
    int van, naar;
    kr_date signal, sent, recv;
    int has_due, has_birth, warm;
} handover;

typedef struct story {
    int region;
    long idx;
    long client;
    char pseudo[65];
    const char *gm;
    const char *age, *parity;
    int screened, route, route_signal;
    kr_date intake, due, birth;
    int intake_org, intake_lijn, vp, hospital, site;
    screening sc[3];
    int nsc;
    episode ep[4];
    int nep;
    handover ho[5];
    int nho;
    int mdo;
    kr_date aanmeld, bespreek, regie;
    const char *regie_type;
    int regie_org;
    int nchild;
    child ch[2];
    int birth_lijn, birth_org, dup_org;
    const char *plaats;
    contact pv;              /* prenatal home visit; date KR_NO_DATE when none */
    kr_date first_record, last_record;
} story;

/* ---- the generator's state ------------------------------------------------------------------ */

typedef struct dialect {
    char delim;
    int cp1252, bom, crlf;
    int datefmt;             /* 0 dd-mm-jjjj, 1 d-m-jjjj, 2 jjjj-mm-dd */
    int capital_header, reversed, remarks;
    const char *name;
} dialect;

static const dialect dialects[] = {
    {';', 1, 0, 1, 0, 0, 0, 1, "; Windows-1252, dd-mm-jjjj, CRLF, extra column opmerking"},
    {',', 0, 1, 0, 2, 1, 0, 0, ", UTF-8 with BOM, jjjj-mm-dd, LF, capitalised header"},
    {'\t', 0, 0, 0, 1, 0, 1, 0, "TAB, UTF-8, d-m-jjjj, LF, columns in reverse order"},
    {';', 0, 0, 1, 0, 0, 0, 0, "; UTF-8, dd-mm-jjjj, CRLF"},
};
#define NDIALECTS 4

typedef struct outfile {
    FILE *f;
    char rel[200];           /* path relative to the output folder */
    long line, rows, spoiled;
    rng r;
    const dialect *d;
    int type;
    int no_dirt;             /* the corrected re-delivery */
    struct outfile *twin;
} outfile;

typedef struct gen {
    const smp_options *o;
    const char *dir;
    smp_world w;
    kr_date day0, dayN;      /* first and last day of the years */
    kr_date start;           /* first intake date */
    long npreg[SMP_MAX_REGIONS];
    double step[SMP_MAX_REGIONS];
    int selected[SMP_MAX_REGIONS];
    /* columns of each type, in specification order */
    const char *cols[T_N][16];
    size_t ncols[T_N];
    /* the current quarter */
    kr_period q;
    outfile files[SMP_MAX_ORGS][T_N];
    outfile twin;
    FILE *manifest;
    struct hmac_sha256_ctx hmac;
    /* the special deliveries */
    int missing_org, late_org, corr_org, resend_org;
    char missing_q[16], late_q[16], corr_q[16], resend_q[16];
    smp_summary sum;
    kr_status err;
    char *msg;
    size_t msgcap;
} gen;

/* ---- telling a story --------------------------------------------------------------------------- */

static uint64_t mix(uint64_t a, uint64_t b)
{
    uint64_t x = a ^ (b * 0xD1B54A32D192ED03ull);
    return splitmix(&x);
}

static long client_of(const gen *G, int region, long idx)
{
    /* about 8 % of pregnancies are a client's second within the years, ~18 months after her first */
    long k = (long)(1.5 * 365.25 / G->step[region]);
    while (k > 0 && idx >= k && mix(G->o->seed ^ 0xC11E17ull, (uint64_t)(region * 100000000L + idx)) % 100 < 8)
        idx -= k;
    return idx;
}

static void pseudonym(gen *G, const story *s, char out[65])
{
    char msg[48];
    uint8_t dig[SHA256_DIGEST_SIZE];
    int n = snprintf(msg, sizeof msg, "%s:%ld", G->w.regions[s->region].code, s->client);
    struct hmac_sha256_ctx c = G->hmac;  /* the key is set once */
    hmac_sha256_update(&c, (size_t)n, (const uint8_t *)msg);
    hmac_sha256_digest(&c, SHA256_DIGEST_SIZE, dig);
    static const char hx[] = "0123456789abcdef";
    for (int i = 0; i < SHA256_DIGEST_SIZE; i++) {
        out[2 * i] = hx[dig[i] >> 4];
        out[2 * i + 1] = hx[dig[i] & 15];
    }
    out[64] = '\0';
}

static unsigned draw_risks(rng *r, int route, int teen)
{
    unsigned m = teen ? 1u << 2 : 0;
    int want = route == 3 ? between(r, 2, 4) : route == 2 ? between(r, 1, 2) : 0;
    for (int tries = 0; tries < 20 && __builtin_popcount(m) < want; tries++)
        m |= 1u << pick(r, risk_w, 12);
    return m;
}

/* Who, where, when: the intake date, the municipality, age and parity. Returns the share of the years passed (0..1). */
static double tell_who(const gen *G, const smp_region *reg, int region, long idx, rng *r, story *s)
{
    s->intake = G->start + (kr_date)(((double)idx + unif(r)) * G->step[region]);
    double t = (double)(s->intake - G->day0) / (double)(G->dayN - G->day0);
    if (t < 0)
        t = 0;
    if (t > 1)
        t = 1;
    double u = unif(r);
    int g = 0;
    while (g + 1 < reg->ngms && u >= reg->gms[g].cum)
        g++;
    s->gm = reg->gms[g].code;
    if (reg->gms[g].nold && chance(r, 0.15))
        s->gm = reg->gms[g].old[between(r, 0, reg->gms[g].nold - 1)];
    int a = pick(r, age_w, 6);
    s->age = ages[a];
    s->parity = parities[a == 0 ? 0 : pick(r, parity_w, 3)];

    return t;
}

/* Screening and route: coverage rises from ~80 % to ~95 % over the years. */
static void tell_route(const smp_region *reg, rng *r, double t, int teen, story *s)
{
    s->screened = chance(r, 0.80 + 0.15 * t);
    double share[3] = {reg->share[0], reg->share[1], reg->share[2]};
    if (teen) {
        share[0] = 0.35;
        share[1] = 0.35;
        share[2] = 0.30;
    }
    s->route = 1 + pick(r, share, 3);
    double p_esc = 0.15 * share[0] / (0.85 * (share[1] + share[2]));
    s->route_signal = (s->route >= 2 && chance(r, p_esc)) ? 1 : s->route;
    if (!s->screened)
        s->route = s->route_signal = 0;

}

/* Organisations: a midwifery practice and its site's hospital. */
static void tell_orgs(const smp_world *w, const smp_region *reg, rng *r, story *s)
{
    int nvp = 0, vps[SMP_MAX_SITES * SMP_MAX_VPS] = {0};
    for (int k = 0; k < reg->nsites; k++)
        for (int v = 0; v < w->sites[reg->sites[k]].nvps; v++)
            vps[nvp++] = w->sites[reg->sites[k]].vps[v];
    s->vp = vps[between(r, 0, nvp - 1)];
    s->site = w->orgs[s->vp].site;
    s->hospital = w->sites[s->site].hospital;
    s->intake_lijn = chance(r, s->route == 3 ? 0.30 : 0.13) ? 2 : 1;
    s->intake_org = s->intake_lijn == 2 ? s->hospital : s->vp;
    int ga_intake = s->route == 3 ? between(r, 70, 100) : between(r, 52, 70);
    s->due = s->intake + 280 - ga_intake;

}

/* The birth: gestational age, twins, weights and vital status. Returns the gestational age in days. */
static int tell_birth(rng *r, story *s)
{
    int twins = chance(r, 0.0075);
    double p_pre = 0.07 * (s->route == 3 ? 1.7 : 1.0) * (twins ? 5.0 : 1.0);
    int preterm = chance(r, p_pre > 0.6 ? 0.6 : p_pre);
    int ga;
    if (preterm) {
        double v = unif(r);
        ga = 258 - (int)(90.0 * v * v * v);
    } else {
        ga = 280 + (int)lround(8.0 * normal(r));
        if (ga < 259)
            ga = 259;
        if (ga > 294)
            ga = 294;
    }
    s->birth = s->due - 280 + ga;
    s->nchild = twins ? 2 : 1;
    for (int k = 0; k < s->nchild; k++) {
        child *c = &s->ch[k];
        c->ga = ga;
        double mean = 3450.0 - (ga < 280 ? (280 - ga) * 28.0 : 0) - (twins ? 400.0 : 0);
        int wgt = (int)lround(mean + (preterm ? 260.0 : 430.0) * normal(r));
        c->weight = wgt < 400 ? 400 : wgt > 5500 ? 5500 : wgt;
        c->died_day = -1;
        if (chance(r, 0.0025 + (preterm ? 0.02 : 0)))
            c->vit = "doodgeboren";
        else if (chance(r, 0.002 + (preterm ? 0.015 : 0))) {
            c->vit = "neonataal_overleden";
            c->died_day = chance(r, 0.8) ? between(r, 0, 6) : between(r, 7, 27);
        } else
            c->vit = "levend";
    }

    return ga;
}

/* Screenings, all before birth: the first at intake, a later one where the route escalates. */
static void tell_screenings(rng *r, int teen, story *s)
{
    if (s->screened) {
        screening *f = &s->sc[s->nsc++];
        f->date = s->intake + between(r, 0, 10);
        f->route = s->route_signal;
        f->instrument = instruments[pick(r, instrument_w, 5)];
        f->risks = draw_risks(r, f->route, teen);
        int later = s->route != s->route_signal || chance(r, 0.25);
        kr_date d2 = s->due - 280 + between(r, 140, 230);
        if (later && d2 > f->date + 14 && d2 < s->birth) {
            screening *z = &s->sc[s->nsc++];
            z->date = d2;
            z->route = s->route;
            z->instrument = instruments[pick(r, instrument_w, 5)];
            z->risks = draw_risks(r, z->route, teen);
        } else if (s->route != s->route_signal) {
            f->route = s->route_signal = s->route;  /* no room to escalate: signalled at once */
            f->risks = draw_risks(r, f->route, teen);
        }
    }

}

/* Lines of care: the shift to the 1st line for routes 2 and 3 over the years. */
static void tell_lines(rng *r, double t, int ga, story *s)
{
    double p_ref = s->route == 3 ? 0.92 - 0.12 * t : s->route == 2 ? 0.80 - 0.10 * t : 0.70;
    const char *reden = "medisch";
    if (s->route >= 2) {
        double ps = 0.30 - 0.20 * t, u2 = unif(r);
        reden = u2 < ps ? "psychosociaal" : u2 < ps + 0.15 ? "beide" : "medisch";
    } else if (chance(r, 0.05)) {
        reden = "anders";
    }
    int back = strcmp(reden, "psychosociaal") == 0 && chance(r, 0.35);
    if (s->intake_lijn == 2) {
        s->ep[s->nep++] = (episode){2, s->hospital, s->intake, s->birth + between(r, 1, 5), reden};
        s->birth_lijn = 2;
    } else if (chance(r, p_ref) && s->birth - s->intake > 20) {
        kr_date ref = s->intake + between(r, 14, s->birth - s->intake - 1);
        s->ep[s->nep++] = (episode){1, s->vp, s->intake, ref, "medisch"};
        if (back && s->birth - ref > 40) {
            kr_date ret = ref + between(r, 14, 28);
            s->ep[s->nep++] = (episode){2, s->hospital, ref, ret, reden};
            s->ep[s->nep++] = (episode){1, s->vp, ret, s->birth + between(r, 7, 10), "medisch"};
            s->birth_lijn = 1;
        } else {
            s->ep[s->nep++] = (episode){2, s->hospital, ref, s->birth + between(r, 1, 5), reden};
            s->birth_lijn = 2;
        }
    } else {
        s->ep[s->nep++] = (episode){1, s->vp, s->intake, s->birth + between(r, 7, 10), "medisch"};
        s->birth_lijn = 1;
    }
    if (s->birth_lijn == 2 && ga < 224)
        s->birth_lijn = 3;
    s->birth_org = s->birth_lijn == 1 ? s->vp : s->hospital;
    if (s->birth_lijn == 1) {
        double u3 = unif(r);
        s->plaats = u3 < 0.45 ? "thuis" : u3 < 0.97 ? "poliklinisch" : "onderweg";
    } else {
        s->plaats = "klinisch";
        if (s->intake_lijn == 1 && chance(r, 0.10))
            s->dup_org = s->vp;  /* the midwife reports the referred birth too */
    }

}

/* Handovers before birth: to JGZ after signalling, to the MDO for route 3, the prenatal home visit. */
static void tell_handovers(const gen *G, const smp_world *w, const smp_region *reg, int region, rng *r, double t,
                           story *s)
{
    const smp_region *rg = reg;
    int outlier = strcmp(w->sites[s->site].code, "SITE-UT-OOST") == 0;
    int slow = strcmp(w->sites[s->site].code, "SITE-ZHZ-WAARD") == 0;
    kr_date signal = KR_NO_DATE;
    for (int k = 0; k < s->nsc && s->route >= 2; k++)
        if (s->sc[k].route >= 2) {
            signal = s->sc[k].date;
            break;
        }
    if (signal != KR_NO_DATE && (s->route == 2 || chance(r, 0.7))) {
        double median = 12.0 - 5.0 * t;
        int delay = (int)(-log(1.0 - unif(r)) * median / 0.693147);
        kr_date sent = signal + (delay > 120 ? 120 : delay);
        if (sent < s->birth) {
            handover *h = &s->ho[s->nho++];
            *h = (handover){"jgz_prenataal", s->intake_org, rg->jgz, signal, sent, KR_NO_DATE, 1, 0, 0};
            h->warm = chance(r, outlier ? 0.50 : 0.87);
            h->recv = chance(r, 0.95) ? sent + between(r, 0, 4) : KR_NO_DATE;
        }
    }
    if (s->route == 3) {
        kr_date signal3 = KR_NO_DATE;
        for (int k = 0; k < s->nsc; k++)
            if (s->sc[k].route == 3) {
                signal3 = s->sc[k].date;
                break;
            }
        kr_date sent = signal3 + between(r, 0, 2);
        if (signal3 != KR_NO_DATE && sent < s->birth) {
            handover *h = &s->ho[s->nho++];
            *h = (handover){"mdo_aanmelding", s->intake_org, rg->mdo, signal3, sent, KR_NO_DATE, 1, 0, 0};
            h->warm = chance(r, 0.90);
            h->recv = chance(r, 0.96) ? sent + between(r, 0, 3) : KR_NO_DATE;
            /* the MDO meets every two weeks; one site is clearly slower */
            s->mdo = 1;
            s->aanmeld = sent + between(r, 0, 1);
            /* the first session on the region's two-weekly grid on or after the registration */
            kr_date grid = G->start + region, first_session = grid + ((s->aanmeld - grid + 13) / 14) * 14;
            s->bespreek = first_session + (slow ? 14 * between(r, 1, 2) : (chance(r, 0.1) ? 14 : 0));
            if (s->bespreek > s->birth + 30)
                s->bespreek = KR_NO_DATE;
            if (s->bespreek != KR_NO_DATE && chance(r, 0.92)) {
                int rt = pick(r, regie_w, 7);
                s->regie_type = regie_types[rt];
                s->regie_org = rt == 0 ? rg->jgz : rt == 1 || rt == 2 ? rg->mdo : rt == 3 ? s->vp
                               : rt == 4 ? s->hospital : rt == 5 && rg->ggz >= 0 ? rg->ggz : -1;
                s->regie = s->bespreek + between(r, 0, 10);
            }
        }
    }
    /* the prenatal home visit of JGZ, at 16-30 weeks */
    if (signal != KR_NO_DATE) {
        kr_date d = s->due - 280 + between(r, 112, 210);
        if (d < signal + 7)
            d = signal + between(r, 7, 21);
        if (d < s->birth) {
            s->pv.moment = "prenataal_huisbezoek";
            s->pv.date = d;
            s->pv.status = chance(r, s->route == 3 ? 0.80 : 0.88) ? "verschenen" : "afgezegd";
        }
    }

}

/* After birth: handovers to JGZ and follow-up to two years. */
static void tell_followup(const smp_region *rg, rng *r, story *s)
{
    int alive = 0;
    for (int k = 0; k < s->nchild; k++)
        alive |= strcmp(s->ch[k].vit, "doodgeboren") != 0;
    if (alive) {
        handover *h = &s->ho[s->nho++];
        kr_date sent = s->birth + between(r, 6, 10);
        *h = (handover){"kraam_jgz", rg->kz[between(r, 0, rg->nkz - 1)], rg->jgz, KR_NO_DATE, sent, KR_NO_DATE, 0, 1, 0};
        h->warm = chance(r, 0.80);
        h->recv = chance(r, 0.97) ? sent + between(r, 0, 3) : KR_NO_DATE;
        if (s->birth_lijn == 1) {
            h = &s->ho[s->nho++];
            sent = s->birth + between(r, 8, 12);
            *h = (handover){"verloskundige_jgz", s->vp, rg->jgz, KR_NO_DATE, sent, KR_NO_DATE, 0, 1, 0};
            h->warm = chance(r, 0.70);
            h->recv = chance(r, 0.95) ? sent + between(r, 0, 3) : KR_NO_DATE;
        }
    }
    double base = s->route == 3 ? 0.86 : s->route == 2 ? 0.92 : 0.97;
    double decline = s->route == 3 ? 0.12 : s->route == 2 ? 0.10 : 0.08;
    double p_lost = s->route == 3 ? 0.10 : s->route == 2 ? 0.06 : 0.02;
    double p_refuse = s->route == 3 ? 0.04 : 0.01;
    int move_age = (int)(-log(1.0 - unif(r)) / 0.05 * 365.25);
    int refuse_age = chance(r, p_refuse) ? between(r, 30, 600) : 100000;
    int lost_age = chance(r, p_lost) ? between(r, 30, 700) : 100000;
    int extra_age = s->route >= 2 && chance(r, 0.6) ? between(r, 40, 400) : -1;
    int extra_first = extra_age;
    for (int k = 0; k < s->nchild; k++) {
        child *c = &s->ch[k];
        extra_age = extra_first;
        if (strcmp(c->vit, "doodgeboren") == 0)
            continue;
        int stop = c->died_day >= 0 ? c->died_day : 100000;
        for (int m = 0; m < NMOMENTS; m++) {
            int age = moment_age[m] + (m == 0 ? between(r, -4, 5) : between(r, -3, 7));
            double p = base - decline * (double)moment_age[m] / 730.0;
            const char *status = chance(r, p) ? "verschenen" : chance(r, 0.6) ? "niet_verschenen" : "afgezegd";
            if (age >= stop || age >= move_age || age >= refuse_age || age >= lost_age)
                continue;
            c->c[c->nc++] = (contact){moments[m], s->birth + age, status, NULL};
            if (extra_age > age && (m + 1 == NMOMENTS || extra_age < moment_age[m + 1]) && extra_age < stop &&
                extra_age < move_age && extra_age < lost_age && extra_age < refuse_age) {
                c->c[c->nc++] = (contact){"extra", s->birth + extra_age, chance(r, 0.9) ? "verschenen" : "afgezegd", NULL};
                extra_age = -1;  /* once */
            }
        }
        if (stop < 100000)
            c->c[c->nc++] = (contact){"uitschrijving", s->birth + stop, "verschenen", "overleden"};
        else if (move_age < 730 && move_age < refuse_age && move_age < lost_age)
            c->c[c->nc++] = (contact){"uitschrijving", s->birth + move_age, "verschenen", "verhuisd"};
        else if (refuse_age < 730 && refuse_age < lost_age)
            c->c[c->nc++] = (contact){"uitschrijving", s->birth + refuse_age, "afgezegd", "geweigerd"};
    }
}

/*
 * One pregnancy's story, told in phases that each draw from the same random stream in a fixed
 * order (so the same seed gives the same extracts, byte for byte).
 */
static void tell(gen *G, int region, long idx, story *s)
{
    const smp_world *w = &G->w;
    const smp_region *reg = &w->regions[region];
    rng R, *r = &R;
    rng_seed(r, mix(mix(G->o->seed, (uint64_t)region + 1), (uint64_t)idx));
    memset(s, 0, sizeof *s);
    s->region = region;
    s->idx = idx;
    s->client = client_of(G, region, idx);
    s->pv.date = KR_NO_DATE;
    s->bespreek = s->regie = s->aanmeld = KR_NO_DATE;
    s->dup_org = -1;

    double t = tell_who(G, reg, region, idx, r, s);
    int teen = strcmp(s->age, ages[0]) == 0;
    tell_route(reg, r, t, teen, s);
    tell_orgs(w, reg, r, s);
    int ga = tell_birth(r, s);
    tell_screenings(r, teen, s);
    tell_lines(r, t, ga, s);
    tell_handovers(G, w, reg, region, r, t, s);
    tell_followup(reg, r, s);
    s->first_record = s->intake;
    s->last_record = s->birth + 760;
}

/* ---- writing rows -------------------------------------------------------------------------------------- */

typedef struct row {
    const char *v[16];       /* by column name position; NULL = empty */
    char buf[16][24];        /* storage for formatted dates and numbers */
} row;

static int col(const gen *G, int type, const char *name)
{
    /* names are string literals: remember where each one was found */
    static const char *seen[T_N][24];
    static int where[T_N][24];
    for (int i = 0; i < 24 && seen[type][i]; i++)
        if (seen[type][i] == name)
            return where[type][i];
    int found = -1;
    for (size_t i = 0; i < G->ncols[type]; i++)
        if (strcmp(G->cols[type][i], name) == 0)
            found = (int)i;
    for (int i = 0; i < 24; i++)
        if (!seen[type][i]) {
            seen[type][i] = name;
            where[type][i] = found;
            break;
        }
    return found;
}

static void set(const gen *G, row *rw, int type, const char *name, const char *value)
{
    int c = col(G, type, name);
    if (c >= 0)
        rw->v[c] = value;
}

/* Dates are stored as jjjj-mm-dd in the row and written in the file's dialect. */
static void set_date(const gen *G, row *rw, int type, const char *name, kr_date d)
{
    int c = col(G, type, name);
    if (c < 0 || d == KR_NO_DATE)
        return;
    kr_date_format(d, rw->buf[c]);
    rw->v[c] = rw->buf[c];
}

static void set_int(const gen *G, row *rw, int type, const char *name, long v)
{
    int c = col(G, type, name);
    if (c < 0)
        return;
    (void)snprintf(rw->buf[c], sizeof rw->buf[c], "%ld", v);
    rw->v[c] = rw->buf[c];
}

static void fail(gen *G, const char *what, const char *path)
{
    if (G->err == KR_OK) {
        G->err = KR_EIO;
        (void)snprintf(G->msg, G->msgcap, "%s %s: %s", what, path, strerror(errno));
    }
}

static void put_date(FILE *f, const char *iso, int fmt)
{
    /* iso is jjjj-mm-dd */
    if (fmt == 2) {
        fwrite(iso, 1, 10, f);
        return;
    }
    char out[10];
    int k = 0;
    if (fmt == 1 && iso[8] == '0')
        out[k++] = iso[9];
    else {
        out[k++] = iso[8];
        out[k++] = iso[9];
    }
    out[k++] = '-';
    if (fmt == 1 && iso[5] == '0')
        out[k++] = iso[6];
    else {
        out[k++] = iso[5];
        out[k++] = iso[6];
    }
    out[k++] = '-';
    fwrite(out, 1, (size_t)k, f);
    fwrite(iso, 1, 4, f);
}

static int is_iso_date(const char *s)
{
    return s && strlen(s) == 10 && s[4] == '-' && s[7] == '-';
}

/* A free-text remark some partners' exports carry (ignored by the ETL), in both encodings. */
static const char *const remarks_utf8[] = {"cli\xc3\xabnt ge\xc3\xafnformeerd", "overleg met huisarts; akkoord",
                                           "belafspraak\nvolgt", "caf\xc3\xa9-overleg gepland", "zie dossier"};
static const char *const remarks_1252[] = {"cli\xebnt ge\xefnformeerd", "overleg met huisarts; akkoord",
                                           "belafspraak\nvolgt", "caf\xe9-overleg gepland", "zie dossier"};

static void write_field(outfile *o, const char *s, int is_date)
{
    FILE *f = o->f;
    if (!s)
        return;
    if (is_date && is_iso_date(s)) {
        put_date(f, s, o->d->datefmt);
        return;
    }
    int quote = strchr(s, o->d->delim) || strchr(s, '"') || strchr(s, '\n');
    if (!quote) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            fputc('"', f);
        if (*p == '\n')
            o->line++;
        fputc(*p, f);
    }
    fputc('"', f);
}

static void write_row(const gen *G, outfile *o, const row *rw, const char *remark)
{
    size_t n = G->ncols[o->type];
    for (size_t k = 0; k < n; k++) {
        size_t c = o->d->reversed ? n - 1 - k : k;
        if (k)
            fputc(o->d->delim, o->f);
        const char *name = G->cols[o->type][c];
        write_field(o, rw->v[c], strstr(name, "datum") != NULL);
    }
    if (o->d->remarks) {
        fputc(o->d->delim, o->f);
        write_field(o, remark, 0);
    }
    fputs(o->d->crlf ? "\r\n" : "\n", o->f);
    o->line++;
}

static void write_header(const gen *G, outfile *o)
{
    size_t n = G->ncols[o->type];
    if (o->d->bom)
        fputs("\xEF\xBB\xBF", o->f);
    for (size_t k = 0; k < n; k++) {
        size_t c = o->d->reversed ? n - 1 - k : k;
        if (k)
            fputc(o->d->delim, o->f);
        const char *name = G->cols[o->type][c];
        if (o->d->capital_header) {
            fputc(name[0] >= 'a' && name[0] <= 'z' ? name[0] - 'a' + 'A' : name[0], o->f);
            fputs(name + 1, o->f);
        } else {
            fputs(name, o->f);
        }
    }
    if (o->d->remarks) {
        fputc(o->d->delim, o->f);
        fputs("opmerking", o->f);
    }
    fputs(o->d->crlf ? "\r\n" : "\n", o->f);
    o->line = 2;  /* the next row's line */
}

static int open_outfile(gen *G, outfile *o, const char *sub, int type, int org, const dialect *d)
{
    char path[1200];
    memset(o, 0, sizeof *o);
    o->type = type;
    o->d = d;
    (void)snprintf(o->rel, sizeof o->rel, "%s%s%s_%s_%s.csv", sub, *sub ? "/" : "", type_names[type],
                   G->w.orgs[org].code, G->q.label);
    (void)snprintf(path, sizeof path, "%s/%s", G->dir, o->rel);
    o->f = fopen(path, "wb");
    if (!o->f) {
        fail(G, "cannot write", path);
        return -1;
    }
    setvbuf(o->f, NULL, _IOFBF, 1 << 16);
    rng_seed(&o->r, mix(mix(G->o->seed ^ 0xF11E5ull, (uint64_t)org * 16 + (uint64_t)type),
                        (uint64_t)G->q.last));
    write_header(G, o);
    G->sum.files++;
    return 0;
}

static const dialect *org_dialect(int org) { return &dialects[org % NDIALECTS]; }

static outfile *file_for(gen *G, int org, int type)
{
    outfile *o = &G->files[org][type];
    if (o->f)
        return o;
    const char *code = G->w.orgs[org].code;
    if (org == G->missing_org && strcmp(G->q.label, G->missing_q) == 0)
        return NULL;  /* this quarter was never delivered */
    const char *sub = org == G->late_org && strcmp(G->q.label, G->late_q) == 0 && type == T_JG ? "laat" : "";
    if (open_outfile(G, o, sub, type, org, org_dialect(org)) != 0)
        return NULL;
    if (org == G->corr_org && type == T_SC && strcmp(G->q.label, G->corr_q) == 0) {
        /* the corrected re-delivery: the same records, without the errors, from another export */
        const dialect *d2 = org_dialect(org) == &dialects[3] ? &dialects[1] : &dialects[3];
        if (open_outfile(G, &G->twin, "correcties", type, org, d2) == 0) {
            G->twin.no_dirt = 1;
            o->twin = &G->twin;
        }
    }
    (void)code;
    return o;
}

/* Spoil kinds and the reason the ETL must give (kr_status_id). */
enum { SP_NONE, SP_DATE, SP_CODE, SP_PSEUDO, SP_REQUIRED, SP_RULE, SP_DUP };

typedef struct spoil_target {
    const char *date, *code, *bad_code, *required;
} spoil_target;

static const spoil_target targets[T_N] = {
    [T_ZW] = {"intake_datum", "leeftijdsklasse", "26-30", "lijn_intake"},
    [T_SC] = {"screening_datum", "route", "4", "instrument"},
    [T_ZE] = {"start_datum", "reden", "sociaal", "reden"},
    [T_OV] = {"verzonden_datum", "soort", "brief", "warm"},
    [T_MD] = {"aanmelddatum", NULL, NULL, "aanmelddatum"},
    [T_BV] = {"geboortedatum", "vitaliteit", "leeft", "vitaliteit"},
    [T_JG] = {"contact_datum", "status", "ja", "status"},
};

static void manifest(gen *G, const outfile *o, long line, const char *column, const char *reason)
{
    fprintf(G->manifest, "%s;%ld;%s;%s\n", o->rel, line, column ? column : "", reason);
    G->sum.spoiled++;
}

static void upper_in(char *dst, const char *src, size_t cap)
{
    size_t i = 0;
    for (; src[i] && i + 1 < cap; i++)
        dst[i] = (src[i] >= 'a' && src[i] <= 'z') ? (char)(src[i] - 'a' + 'A') : src[i];
    dst[i] = '\0';
}

/* Write one record to its organisation's file for this quarter, with dirt now and then. */
static void emit(gen *G, int org, int type, row *rw)
{
    outfile *o = file_for(G, org, type);
    if (!o)
        return;
    const spoil_target *tg = &targets[type];
    char pseudo[80], code[40], date[16];
    const char *remark = NULL;
    int kind = SP_NONE;
    /* about 1 % of rows spoiled, never more than 1 in 10 of a file so far */
    if (!o->no_dirt && chance(&o->r, 0.012) && (o->spoiled + 1) * 10 <= o->rows + 1) {
        static const int kinds[] = {SP_DATE, SP_CODE, SP_PSEUDO, SP_REQUIRED, SP_RULE, SP_DUP};
        kind = kinds[between(&o->r, 0, 5)];
        if ((kind == SP_CODE && !tg->code) || (kind == SP_RULE && type != T_ZW))
            kind = SP_PSEUDO;
        if (kind == SP_CODE && !rw->v[col(G, type, tg->code)])
            kind = SP_REQUIRED;
    }
    if (o->d->remarks && chance(&o->r, 0.03))
        remark = (o->d->cp1252 ? remarks_1252 : remarks_utf8)[between(&o->r, 0, 4)];
    row clean = *rw;
    for (int c = 0; c < 16; c++)  /* pointers into buf must point into the copy */
        if (rw->v[c] == rw->buf[c])
            clean.v[c] = clean.buf[c];
    long line = o->line;
    int cp = col(G, type, "client_pseudoniem");
    switch (kind) {
    case SP_DATE: {
        int c = col(G, type, tg->date);
        (void)snprintf(date, sizeof date, "%.4s-02-31", rw->v[c]);
        rw->v[c] = date;  /* written as 31-02-jjjj: no such day */
        manifest(G, o, line, tg->date, "date");
        break;
    }
    case SP_CODE:
        rw->v[col(G, type, tg->code)] = tg->bad_code;
        manifest(G, o, line, tg->code, "code");
        break;
    case SP_PSEUDO:
        kr_strlcpy(pseudo, rw->v[cp], 64);  /* 63 characters */
        rw->v[cp] = pseudo;
        manifest(G, o, line, "client_pseudoniem", "pseudonym");
        break;
    case SP_REQUIRED:
        rw->v[col(G, type, tg->required)] = NULL;
        manifest(G, o, line, tg->required, "required");
        break;
    case SP_RULE: {
        /* a due date before the intake */
        int ci = col(G, type, "intake_datum"), cd = col(G, type, "a_terme_datum");
        kr_date d;
        if (kr_date_parse(rw->v[ci], 10, &d) == KR_OK) {
            kr_date_format(d - 10, rw->buf[cd]);
            rw->v[cd] = rw->buf[cd];
        }
        manifest(G, o, line, "intake_datum", "rule");
        break;
    }
    default:
        break;
    }
    if (kind == SP_NONE && !o->no_dirt && chance(&o->r, 0.01)) {
        /* harmless dirt: upper case, trailing spaces */
        if (chance(&o->r, 0.5)) {
            upper_in(pseudo, rw->v[cp], sizeof pseudo);
            rw->v[cp] = pseudo;
        } else if (tg->code && rw->v[col(G, type, tg->code)]) {
            upper_in(code, rw->v[col(G, type, tg->code)], sizeof code - 2);
            kr_strlcpy(code + strlen(code), " ", 2);
            rw->v[col(G, type, tg->code)] = code;
        }
    }
    write_row(G, o, rw, remark);
    o->rows++;
    G->sum.rows++;
    if (kind == SP_DUP) {  /* the same record again: the second is rejected */
        manifest(G, o, o->line, "", "duplicate");
        write_row(G, o, rw, NULL);
        o->rows++;
        G->sum.rows++;
    }
    if (kind != SP_NONE)
        o->spoiled++;
    if (o->twin) {
        write_row(G, o->twin, &clean, NULL);
        o->twin->rows++;
        G->sum.rows++;
    }
}

/* ---- the records of one story in one quarter ---------------------------------------------------------------- */

static int in_q(const gen *G, kr_date d) { return d != KR_NO_DATE && d >= G->q.first && d <= G->q.last; }
static kr_date known(const gen *G, kr_date d) { return d != KR_NO_DATE && d <= G->q.last ? d : KR_NO_DATE; }

static void risks_text(unsigned m, char *out, size_t cap)
{
    size_t k = 0;
    out[0] = '\0';
    for (int i = 0; i < 12; i++)
        if (m & (1u << i)) {
            int w = snprintf(out + k, cap - k, "%s%s", k ? "|" : "", risks[i]);
            if (w > 0 && (size_t)w < cap - k)
                k += (size_t)w;
        }
}

static void emit_story(gen *G, story *s)
{
    const smp_world *w = &G->w;
    row rw;
    char rl[256];
    int have_pseudo = 0;
#define START(type)                                                                                                   \
    do {                                                                                                              \
        memset(&rw, 0, sizeof rw);                                                                                    \
        if (!have_pseudo) {                                                                                           \
            pseudonym(G, s, s->pseudo);                                                                               \
            have_pseudo = 1;                                                                                          \
        }                                                                                                             \
        set(G, &rw, type, "client_pseudoniem", s->pseudo);                                                            \
    } while (0)

    if (in_q(G, s->intake)) {
        START(T_ZW);
        set_date(G, &rw, T_ZW, "a_terme_datum", s->due);
        set(G, &rw, T_ZW, "gemeentecode", s->gm);
        set(G, &rw, T_ZW, "leeftijdsklasse", s->age);
        set(G, &rw, T_ZW, "pariteit", s->parity);
        set_date(G, &rw, T_ZW, "intake_datum", s->intake);
        set(G, &rw, T_ZW, "lijn_intake", s->intake_lijn == 1 ? "1" : "2");
        emit(G, s->intake_org, T_ZW, &rw);
    }
    for (int k = 0; k < s->nsc; k++) {
        if (!in_q(G, s->sc[k].date))
            continue;
        START(T_SC);
        set_date(G, &rw, T_SC, "a_terme_datum", s->due);
        set_date(G, &rw, T_SC, "screening_datum", s->sc[k].date);
        set(G, &rw, T_SC, "instrument", s->sc[k].instrument);
        static const char *const routes[] = {"0", "1", "2", "3"};
        set(G, &rw, T_SC, "route", routes[s->sc[k].route]);
        risks_text(s->sc[k].risks, rl, sizeof rl);
        set(G, &rw, T_SC, "risicofactoren", rl[0] ? rl : NULL);
        emit(G, s->intake_org, T_SC, &rw);
    }
    for (int k = 0; k < s->nep; k++) {
        const episode *e = &s->ep[k];
        /* delivered when it starts, and again when it ends in a later quarter */
        if (!in_q(G, e->start) && !(in_q(G, e->end) && e->start < G->q.first))
            continue;
        START(T_ZE);
        set_date(G, &rw, T_ZE, "a_terme_datum", s->due);
        set(G, &rw, T_ZE, "lijn", e->lijn == 1 ? "1" : "2");
        set_date(G, &rw, T_ZE, "start_datum", e->start);
        set_date(G, &rw, T_ZE, "eind_datum", known(G, e->end));
        set(G, &rw, T_ZE, "reden", e->reden);
        emit(G, e->org, T_ZE, &rw);
    }
    for (int k = 0; k < s->nho; k++) {
        const handover *h = &s->ho[k];
        if (!in_q(G, h->sent) && !(in_q(G, h->recv) && h->sent < G->q.first))
            continue;
        START(T_OV);
        if (h->has_due)
            set_date(G, &rw, T_OV, "a_terme_datum", s->due);
        if (h->has_birth)
            set_date(G, &rw, T_OV, "geboortedatum", s->birth);
        set(G, &rw, T_OV, "van_organisatie", w->orgs[h->van].code);
        set(G, &rw, T_OV, "naar_organisatie", w->orgs[h->naar].code);
        set(G, &rw, T_OV, "soort", h->soort);
        set_date(G, &rw, T_OV, "signaleringsdatum", h->signal);
        set_date(G, &rw, T_OV, "verzonden_datum", h->sent);
        set_date(G, &rw, T_OV, "ontvangen_datum", known(G, h->recv));
        set(G, &rw, T_OV, "warm", h->warm ? "ja" : "nee");
        emit(G, h->van, T_OV, &rw);
    }
    if (s->mdo && (in_q(G, s->aanmeld) || (s->aanmeld < G->q.first && (in_q(G, s->bespreek) || in_q(G, s->regie))))) {
        START(T_MD);
        set_date(G, &rw, T_MD, "a_terme_datum", s->due);
        set_date(G, &rw, T_MD, "aanmelddatum", s->aanmeld);
        set_date(G, &rw, T_MD, "bespreekdatum", known(G, s->bespreek));
        if (known(G, s->regie) != KR_NO_DATE) {
            set(G, &rw, T_MD, "regie_type", s->regie_type);
            if (s->regie_org >= 0)
                set(G, &rw, T_MD, "regie_organisatie", w->orgs[s->regie_org].code);
            set_date(G, &rw, T_MD, "regie_datum", s->regie);
        }
        emit(G, w->regions[s->region].mdo, T_MD, &rw);
    }
    int death_now = 0;  /* a neonatal death in a later quarter: the birth is delivered again */
    for (int k = 0; k < s->nchild; k++)
        death_now |= s->ch[k].died_day >= 0 && s->birth < G->q.first && in_q(G, s->birth + s->ch[k].died_day);
    if (in_q(G, s->birth) || death_now) {
        for (int pass = 0; pass < 2; pass++) {
            int org = pass == 0 ? s->birth_org : s->dup_org;
            if (org < 0)
                continue;
            for (int k = 0; k < s->nchild; k++) {
                const child *c = &s->ch[k];
                START(T_BV);
                set_date(G, &rw, T_BV, "a_terme_datum", s->due);
                set_date(G, &rw, T_BV, "geboortedatum", s->birth);
                if (s->nchild > 1)
                    set_int(G, &rw, T_BV, "kind_volgnummer", k + 1);
                if (pass == 1)
                    set(G, &rw, T_BV, "organisatie", w->orgs[s->birth_org].code);
                int ci = col(G, T_BV, "amenorroeduur_geboorte");
                if (k == 0 && s->idx % 2)
                    set_int(G, &rw, T_BV, "amenorroeduur_geboorte", c->ga);
                else if (ci >= 0) {
                    (void)snprintf(rw.buf[ci], sizeof rw.buf[ci], "%d+%d", c->ga / 7, c->ga % 7);
                    rw.v[ci] = rw.buf[ci];
                }
                if (strcmp(c->vit, "doodgeboren") != 0 || s->idx % 3)
                    set_int(G, &rw, T_BV, "geboortegewicht", c->weight);
                set(G, &rw, T_BV, "lijn_begin_baring", s->birth_lijn == 1 ? "1" : s->birth_lijn == 2 ? "2" : "3");
                set(G, &rw, T_BV, "plaats", s->plaats);
                int died_known = c->died_day >= 0 && s->birth + c->died_day <= G->q.last;
                set(G, &rw, T_BV, "vitaliteit", died_known ? c->vit : strcmp(c->vit, "doodgeboren") == 0 ? c->vit : "levend");
                if (died_known)
                    set_int(G, &rw, T_BV, "overleden_dag", c->died_day);
                emit(G, org, T_BV, &rw);
            }
        }
    }
    int jgz = w->regions[s->region].jgz;
    if (in_q(G, s->pv.date)) {
        START(T_JG);
        set_date(G, &rw, T_JG, "a_terme_datum", s->due);
        set_date(G, &rw, T_JG, "contact_datum", s->pv.date);
        set(G, &rw, T_JG, "contactmoment", s->pv.moment);
        set(G, &rw, T_JG, "status", s->pv.status);
        emit(G, jgz, T_JG, &rw);
    }
    for (int k = 0; k < s->nchild; k++) {
        const child *c = &s->ch[k];
        for (int m = 0; m < c->nc; m++) {
            if (!in_q(G, c->c[m].date))
                continue;
            START(T_JG);
            set_date(G, &rw, T_JG, "geboortedatum", s->birth);
            if (s->nchild > 1)
                set_int(G, &rw, T_JG, "kind_volgnummer", k + 1);
            set_date(G, &rw, T_JG, "contact_datum", c->c[m].date);
            set(G, &rw, T_JG, "contactmoment", c->c[m].moment);
            set(G, &rw, T_JG, "status", c->c[m].status);
            set(G, &rw, T_JG, "reden_uitschrijving", c->c[m].reden);
            emit(G, jgz, T_JG, &rw);
        }
    }
#undef START
}

/* ---- files, folders, quarters ------------------------------------------------------------------------------------ */

static int copy_file(const char *from, const char *to)
{
    FILE *a = fopen(from, "rb"), *b = a ? fopen(to, "wb") : NULL;
    char buf[1 << 15];
    size_t n;
    int rc = 0;
    if (!a || !b)
        rc = -1;
    while (rc == 0 && (n = fread(buf, 1, sizeof buf, a)) > 0)
        if (fwrite(buf, 1, n, b) != n)
            rc = -1;
    if (a)
        fclose(a);
    if (b && fclose(b) != 0)
        rc = -1;
    return rc;
}

static void close_quarter(gen *G)
{
    char path[1200], copy[1200];
    for (int org = 0; org < G->w.norgs; org++)
        for (int t = 0; t < T_N; t++) {
            outfile *o = &G->files[org][t];
            if (!o->f)
                continue;
            if (o->d->remarks && chance(&o->r, 0.3)) {  /* Excel's trailer of empty rows */
                for (int k = 0; k < 2; k++) {
                    for (size_t c = 0; c < G->ncols[t]; c++)
                        fputc(o->d->delim, o->f);
                    fputs("\r\n", o->f);
                }
            }
            if (ferror(o->f) | fclose(o->f))
                fail(G, "cannot write", o->rel);
            o->f = NULL;
            if (org == G->resend_org && t == T_ZW && strcmp(G->q.label, G->resend_q) == 0) {
                /* the same file sent twice */
                (void)snprintf(path, sizeof path, "%s/%s", G->dir, o->rel);
                (void)snprintf(copy, sizeof copy, "%s/herzonden/%s", G->dir, o->rel);
                if (copy_file(path, copy) != 0)
                    fail(G, "cannot copy to", copy);
                fprintf(G->manifest, "herzonden/%s;;;identical\n", o->rel);
                G->sum.files++;
            }
        }
    if (G->twin.f) {
        if (ferror(G->twin.f) | fclose(G->twin.f))
            fail(G, "cannot write", G->twin.rel);
        G->twin.f = NULL;
    }
}

static int make_dir(gen *G, const char *sub)
{
    char path[1200];
    (void)snprintf(path, sizeof path, "%s%s%s", G->dir, *sub ? "/" : "", sub);
    if (mkdir(path, 0755) != 0 && errno != EEXIST) {
        fail(G, "cannot create the folder", path);
        return -1;
    }
    return 0;
}

static void write_text(gen *G, const char *rel, const char *text, size_t n)
{
    char path[1200];
    (void)snprintf(path, sizeof path, "%s/%s", G->dir, rel);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(text, 1, n, f) != n || fclose(f) != 0)
        fail(G, "cannot write", path);
}

/* Files that must be refused whole. */
static void write_bad(gen *G)
{
    const smp_world *w = &G->w;
    int region = 0;  /* the first selected region (smp_generate checked there is one) */
    while (region + 1 < w->nregions && !G->selected[region])
        region++;
    const smp_region *reg = &w->regions[region];
    const smp_site *site = &w->sites[reg->sites[0]];
    const char *vp = w->orgs[site->vps[0]].code, *vp2 = w->orgs[site->vps[site->nvps - 1]].code;
    const char *zh = w->orgs[site->hospital].code, *jgz = w->orgs[reg->jgz].code;
    char name[160], text[2048], p[65];
    rng r;
    rng_seed(&r, G->o->seed ^ 0xBAD0ull);
    story s;
    memset(&s, 0, sizeof s);
    s.region = region;
    size_t k = 0;
    /* 1. a BSN column: 9-digit numbers that pass the elfproef */
    (void)snprintf(name, sizeof name, "bad/zwangerschap_%s_%s.csv", vp, G->q.label);
    k = (size_t)snprintf(text, sizeof text,
                         "client_pseudoniem;bsn;a_terme_datum;gemeentecode;leeftijdsklasse;intake_datum;lijn_intake\n");
    for (int i = 0; i < 4; i++) {
        int d[9], sum = 0;
        do {
            sum = 0;
            for (int j = 0; j < 8; j++) {
                d[j] = between(&r, j == 0 ? 1 : 0, 9);
                sum += (9 - j) * d[j];
            }
            d[8] = sum % 11;
        } while (d[8] == 10);
        s.client = 900000 + i;
        pseudonym(G, &s, p);
        k += (size_t)snprintf(text + k, sizeof text - k, "%s;%d%d%d%d%d%d%d%d%d;15-09-%d;%s;25-29;10-03-%d;1\n", p,
                              d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], G->o->year_to,
                              reg->gms[0].code, G->o->year_to);
    }
    write_text(G, name, text, k);
    fprintf(G->manifest, "%s;;;identifier-column\n", name);
    /* 2. names and postcodes */
    (void)snprintf(name, sizeof name, "bad/screening_%s_%s.csv", vp2, G->q.label);
    k = (size_t)snprintf(text, sizeof text,
                         "client_pseudoniem;naam;postcode;a_terme_datum;screening_datum;instrument;route\n");
    static const char *const names[] = {"J. Jansen", "M. de Vries", "A. Bakker"};
    static const char *const pcs[] = {"6211 AB", "6411CD", "6131 EF"};
    for (int i = 0; i < 3; i++) {
        s.client = 900100 + i;
        pseudonym(G, &s, p);
        k += (size_t)snprintf(text + k, sizeof text - k, "%s;%s;%s;15-09-%d;10-03-%d;anna;1\n", p, names[i], pcs[i],
                              G->o->year_to, G->o->year_to);
    }
    write_text(G, name, text, k);
    fprintf(G->manifest, "%s;;;identifier-column\n", name);
    /* 3. not a CSV at all: an Excel workbook saved by mistake */
    (void)snprintf(name, sizeof name, "bad/jgz_contact_%s_%s.csv", jgz, G->q.label);
    static const char xlsx[] = "PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml\x00\x00\xff\xfe";
    write_text(G, name, xlsx, sizeof xlsx - 1);
    fprintf(G->manifest, "%s;;;not-csv\n", name);
    /* 4. a required column missing */
    (void)snprintf(name, sizeof name, "bad/bevalling_%s_%s.csv", zh, G->q.label);
    s.client = 900200;
    pseudonym(G, &s, p);
    k = (size_t)snprintf(text, sizeof text,
                         "client_pseudoniem;a_terme_datum;geboortedatum;amenorroeduur_geboorte;lijn_begin_baring\n"
                         "%s;15-03-%d;12-03-%d;39+4;2\n",
                         p, G->o->year_to, G->o->year_to);
    write_text(G, name, text, k);
    fprintf(G->manifest, "%s;;;missing-column\n", name);
    G->sum.files += 4;
}

static void write_readme(gen *G)
{
    char path[1200];
    const smp_world *w = &G->w;
    (void)snprintf(path, sizeof path, "%s/README", G->dir);
    FILE *f = fopen(path, "w");
    if (!f) {
        fail(G, "cannot write", path);
        return;
    }
    fprintf(f, "Synthetische gegevens van kansrijk samples: geen echte cliënten.\n"
               "Synthetic data made by `kansrijk samples`: no real clients.\n\n");
    fprintf(f, "Arguments: --regio %s --jaren %d-%d --schaal %g --seed %llu\n", G->o->regions, G->o->year_from,
            G->o->year_to, G->o->scale, (unsigned long long)G->o->seed);
    fprintf(f, "The same arguments give the same bytes.\n\n");
    fprintf(f, "Pregnancies: %lld; extract files: %lld; data rows: %lld; rows spoiled on purpose: %lld\n\n",
            G->sum.pregnancies, G->sum.files, G->sum.rows, G->sum.spoiled);
    fputs("What is here\n"
          "- <type>.csv: the reference data (regios, sites, gemeenten, organisaties, afspraken, doelen,\n"
          "  referenties); every organisation is fictional and registered as synthetisch = ja.\n"
          "- <type>_<organisatie>_<periode>.csv: one file per organisation, extract type and quarter.\n"
          "- herzonden/: a file sent twice, unchanged (recognised, nothing changes).\n"
          "- correcties/: a corrected re-delivery of one file (replaces the earlier delivery).\n"
          "- laat/: a delivery that arrives late, after later quarters.\n"
          "- bad/: files that must be refused whole (a BSN column, names and postcodes, not a CSV,\n"
          "  a required column missing).\n"
          "- manifest.txt: every row spoiled on purpose (file, line, column, the reason the ETL must\n"
          "  give) and every file with an expected outcome other than 'accepted'.\n\n"
          "Ingest in this order:\n"
          "  kansrijk ingest *.csv; kansrijk ingest herzonden/*.csv correcties/*.csv laat/*.csv;\n"
          "  kansrijk ingest bad/*.csv\n\n",
          f);
    fputs("Dialects per organisation\n", f);
    for (int i = 0; i < w->norgs; i++)
        if (G->selected[w->orgs[i].region])
            fprintf(f, "- %-10s %s\n", w->orgs[i].code, org_dialect(i)->name);
    fprintf(f, "\nPatterns\n"
               "- Routes per region as SAMPLES.md: zl 70/22/8, zhz 80/12/8, utrecht 78/16/6 %%; about 15 %% of\n"
               "  the women in route 1 at signalling escalate at a later screening; screening coverage rises\n"
               "  from about 80 %% to 95 %% over the years.\n"
               "- The 1st-line share at the start of labour for routes 2 and 3 rises over the years, and\n"
               "  psychosocial-only hospital episodes fall; handovers to JGZ get faster (median ~12 -> ~7 days).\n"
               "- Outlier site: SITE-UT-OOST hands over to JGZ warmly only about half the time (others ~87 %%).\n"
               "- Slow site: SITE-ZHZ-WAARD discusses route-3 cases in the MDO 2-4 weeks later.\n"
               "- Perinatal outcomes at Dutch rates: preterm ~7 %% (x1.7 in route 3), twins ~1.5 %% of births,\n"
               "  stillbirth ~4 per 1000, neonatal death ~3 per 1000.\n"
               "- JGZ follow-up to 24 months: attendance ~95 %% in route 1 and 80-85 %% in route 3, falling with\n"
               "  age; ~5 %% a year move away; some families lost without notice.\n");
    fprintf(f, "\nDeliveries out of the ordinary\n- missing: %s %s (no files at all)\n- late: jgz_contact %s %s (in laat/)\n"
               "- corrected: screening %s %s (correcties/)\n- sent twice: zwangerschap %s %s (herzonden/)\n",
            w->orgs[G->missing_org].code, G->missing_q, w->orgs[G->late_org].code, G->late_q,
            w->orgs[G->corr_org].code, G->corr_q, w->orgs[G->resend_org].code, G->resend_q);
    if (fclose(f) != 0)
        fail(G, "cannot write", path);
}

/* ---- the whole run --------------------------------------------------------------------------------------------------- */

void smp_options_init(smp_options *o)
{
    memset(o, 0, sizeof *o);
    o->regions = "zl,zhz,utrecht";
    o->year_from = 2023;
    o->year_to = 2025;
    o->scale = 0.1;
    o->seed = 1;
}

static void progress(const gen *G, long done, long total)
{
    if (!G->o->progress || total == 0)
        return;
    int pct = (int)(100 * done / total), fill = pct * 40 / 100;
    char bar[41];
    for (int i = 0; i < 40; i++)
        bar[i] = i < fill ? '#' : '.';
    bar[40] = '\0';
    fprintf(stderr, "\rsamples %-7s [%s] %3d%%%s", G->q.label, bar, pct, done == total ? "\n" : "");
    fflush(stderr);
}

kr_status smp_generate(const smp_options *o, const char *dir, smp_summary *out, char *msg, size_t msgcap)
{
    gen *G = calloc(1, sizeof *G);
    char path[1200];
    if (!G)
        return KR_ENOMEM;
    G->o = o;
    G->dir = dir;
    G->msg = msg;
    G->msgcap = msgcap;
    kr_status st = smp_world_load(&G->w, msg, msgcap);
    if (st != KR_OK)
        goto done;
    /* which regions */
    {
        char list[128];
        kr_strlcpy(list, o->regions, sizeof list);
        char *save = NULL;
        for (char *tok = strtok_r(list, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
            size_t n = strlen(tok);
            const char *t = kr_trim(tok, &n);
            char code[32];
            kr_strlcpy(code, t, n + 1 < sizeof code ? n + 1 : sizeof code);
            int r = smp_region_index(&G->w, code);
            if (r < 0) {
                (void)snprintf(msg, msgcap, "--regio: unknown region '%s' (known: zl, zhz, utrecht)", code);
                st = KR_EUSAGE;
                goto done;
            }
            G->selected[r] = 1;
        }
    }
    {
        int any = 0;
        for (int r = 0; r < G->w.nregions; r++)
            any |= G->selected[r];
        if (!any) {
            (void)snprintf(msg, msgcap, "--regio names no region (known: zl, zhz, utrecht)");
            st = KR_EUSAGE;
            goto done;
        }
    }
    for (size_t t = 0; t < T_N; t++) {
        G->ncols[t] = etl_type_columns(type_names[t], G->cols[t], 16);
        if (G->ncols[t] == 0) {
            (void)snprintf(msg, msgcap, "extract type %s is not in the specification", type_names[t]);
            st = KR_EINVAL;
            goto done;
        }
    }
    G->day0 = kr_date_from_ymd(o->year_from, 1, 1);
    G->dayN = kr_date_from_ymd(o->year_to, 12, 31);
    G->start = G->day0 - 200;
    for (int r = 0; r < G->w.nregions; r++) {
        double years = (double)(G->dayN - G->start + 1) / 365.25;
        G->npreg[r] = G->selected[r] ? (long)lround(G->w.regions[r].births * o->scale * years) : 0;
        G->step[r] = G->npreg[r] ? (double)(G->dayN - G->start + 1) / (double)G->npreg[r] : 1;
        G->sum.pregnancies += G->npreg[r];
    }
    /* the deliveries out of the ordinary, in the selected regions */
    {
        int first = G->w.nregions - 1, last = 0;
        for (int r = 0; r < G->w.nregions; r++)
            if (G->selected[r]) {
                if (r < first)
                    first = r;
                last = r;
            }
        const smp_site *s0 = &G->w.sites[G->w.regions[first].sites[0]];
        const smp_site *sl = &G->w.sites[G->w.regions[last].sites[0]];
        int mid = (o->year_from + o->year_to) / 2;
        G->corr_org = s0->vps[0];
        G->missing_org = s0->vps[s0->nvps > 1 ? 1 : 0];
        G->late_org = G->w.regions[last].jgz;
        G->resend_org = sl->vps[0];
        (void)snprintf(G->missing_q, sizeof G->missing_q, "%04dQ2", mid);
        (void)snprintf(G->corr_q, sizeof G->corr_q, "%04dQ1", mid);
        (void)snprintf(G->late_q, sizeof G->late_q, "%04dQ3", o->year_from);
        (void)snprintf(G->resend_q, sizeof G->resend_q, "%04dQ2", o->year_from);
    }
    {
        char key[48];
        int n = snprintf(key, sizeof key, "kansrijk-samples-%llu", (unsigned long long)o->seed);
        hmac_sha256_set_key(&G->hmac, (size_t)n, (const uint8_t *)key);
    }
    if (make_dir(G, "") || make_dir(G, "herzonden") || make_dir(G, "correcties") || make_dir(G, "laat") ||
        make_dir(G, "bad"))
        goto done;
    for (const smp_reffile *rf = smp_reffiles; rf->type; rf++) {
        (void)snprintf(path, sizeof path, "%s.csv", rf->type);
        write_text(G, path, rf->text, strlen(rf->text));
    }
    (void)snprintf(path, sizeof path, "%s/manifest.txt", dir);
    G->manifest = fopen(path, "w");
    if (!G->manifest) {
        fail(G, "cannot write", path);
        goto done;
    }
    fputs("bestand;regel;kolom;reden\n", G->manifest);

    long nq = (o->year_to - o->year_from + 1) * 4, qdone = 0;
    story *s = malloc(sizeof *s);
    if (!s) {
        st = KR_ENOMEM;
        goto done;
    }
    for (int y = o->year_from; y <= o->year_to && G->err == KR_OK; y++)
        for (int qq = 1; qq <= 4 && G->err == KR_OK; qq++) {
            kr_period_of(kr_date_from_ymd(y, 3 * qq - 2, 1), 0, &G->q);
            for (int r = 0; r < G->w.nregions; r++) {
                if (!G->npreg[r])
                    continue;
                /* the stories with records in this quarter: intake from ~3 years before to its end */
                long lo = (long)floor((double)(G->q.first - 1100 - G->start) / G->step[r]) - 1;
                long hi = (long)ceil((double)(G->q.last - G->start) / G->step[r]) + 1;
                if (lo < 0)
                    lo = 0;
                if (hi > G->npreg[r])
                    hi = G->npreg[r];
                for (long i = lo; i < hi; i++) {
                    tell(G, r, i, s);
                    if (s->intake > G->q.last || s->last_record < G->q.first)
                        continue;
                    emit_story(G, s);
                }
            }
            close_quarter(G);
            progress(G, ++qdone, nq);
        }
    free(s);
    kr_period_of(kr_date_from_ymd(o->year_to, 12, 31), 0, &G->q);  /* the bad files carry the last quarter */
    write_bad(G);
    if (fclose(G->manifest) != 0)
        fail(G, "cannot write", "manifest.txt");
    G->manifest = NULL;
    write_readme(G);
done:
    if (G->manifest)
        fclose(G->manifest);
    for (int org = 0; org < SMP_MAX_ORGS; org++)
        for (int t = 0; t < T_N; t++)
            if (G->files[org][t].f)
                fclose(G->files[org][t].f);
    if (G->twin.f)
        fclose(G->twin.f);
    if (st == KR_OK)
        st = G->err;
    if (out)
        *out = G->sum;
    free(G);
    return st;
}
