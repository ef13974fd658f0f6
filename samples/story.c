/*
 * The sample generator's stories (SAMPLES.md): one pregnancy's intake, route, care, birth and
 * follow-up to two years, told in phases that each draw from the story's own random stream, with
 * the patterns of the three regions. rows.c writes the records; generate.c runs the quarters.
 */
#include "samples_int.h"

#include <math.h>
#include <string.h>

/* A standard normal draw (Box-Muller), and an index drawn by the weights w[0..n-1]. */
static double normal(smp_rng *r)
{
    double u1 = smp_unif(r), u2 = smp_unif(r);
    if (u1 < 1e-300)
        u1 = 1e-300;
    return sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * u2);
}

static int pick(smp_rng *r, const double *w, int n)
{
    double u = smp_unif(r), acc = 0;
    for (int i = 0; i < n; i++) {
        acc += w[i];
        if (u < acc)
            return i;
    }
    return n - 1;
}

/* ---- the codes the stories use ---------------------------------------------------------- */

static const char *const ages[] = {"<20", "20-24", "25-29", "30-34", "35-39", "40+"};
static const double age_w[] = {0.025, 0.10, 0.30, 0.37, 0.17, 0.035};
static const char *const parities[] = {"0", "1", "2+"};
static const double parity_w[] = {0.45, 0.35, 0.20};
static const char *const instruments[] = {"mind2care", "r4u", "anna", "gesprek", "anders"};
static const double instrument_w[] = {0.40, 0.20, 0.15, 0.20, 0.05};
static const char *const risks[] = {KR_RISK_FACTORS(KR_CODE_OF_RISK)};
static const double risk_w[] = {0.16, 0.08, 0.0, 0.07, 0.17, 0.12, 0.08, 0.10, 0.12, 0.05, 0.03, 0.02};
static const char *const regie_types[] = {KR_REGIE_TYPES(KR_CODE_OF_REGIE)};
static const double regie_w[] = {0.35, 0.20, 0.15, 0.15, 0.05, 0.07, 0.03};
static const char *const moments[] = {KR_MOMENTS(KR_CODE_OF_MOMENT)};
static const int moment_age[] = {KR_MOMENTS(KR_AGE_OF_MOMENT)};

/* ---- telling a story --------------------------------------------------------------------------- */

static long client_of(const smp_gen *G, int region, long idx)
{
    /* about 8 % of pregnancies are a client's second within the years, ~18 months after her first */
    long k = (long)(1.5 * 365.25 / G->step[region]);
    while (k > 0 && idx >= k && smp_mix(G->o->seed ^ 0xC11E17ull, (uint64_t)(region * 100000000L + idx)) % 100 < 8)
        idx -= k;
    return idx;
}

void smp_pseudonym(const smp_gen *G, const smp_story *s, char out[65])
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

static unsigned draw_risks(smp_rng *r, int route, int teen)
{
    unsigned m = teen ? 1u << 2 : 0;
    int want = route == 3 ? smp_between(r, 2, 4) : route == 2 ? smp_between(r, 1, 2) : 0;
    for (int tries = 0; tries < 20 && __builtin_popcount(m) < want; tries++)
        m |= 1u << pick(r, risk_w, 12);
    return m;
}

/* Who, where, when: the intake date, the municipality, age and parity. Returns the share of the years passed (0..1). */
static double tell_who(const smp_gen *G, const smp_region *reg, int region, long idx, smp_rng *r, smp_story *s)
{
    s->intake = G->start + (kr_date)(((double)idx + smp_unif(r)) * G->step[region]);
    double t = (double)(s->intake - G->day0) / (double)(G->dayN - G->day0);
    if (t < 0)
        t = 0;
    if (t > 1)
        t = 1;
    double u = smp_unif(r);
    int g = 0;
    while (g + 1 < reg->ngms && u >= reg->gms[g].cum)
        g++;
    s->gm = reg->gms[g].code;
    if (reg->gms[g].nold && smp_chance(r, 0.15))
        s->gm = reg->gms[g].old[smp_between(r, 0, reg->gms[g].nold - 1)];
    int a = pick(r, age_w, 6);
    s->age = ages[a];
    s->parity = parities[a == 0 ? 0 : pick(r, parity_w, 3)];

    return t;
}

/* Screening and route: coverage rises from ~80 % to ~95 % over the years. */
static void tell_route(const smp_region *reg, smp_rng *r, double t, int teen, smp_story *s)
{
    s->screened = smp_chance(r, 0.80 + 0.15 * t);
    double share[3] = {reg->share[0], reg->share[1], reg->share[2]};
    if (teen) {
        share[0] = 0.35;
        share[1] = 0.35;
        share[2] = 0.30;
    }
    s->route = 1 + pick(r, share, 3);
    double p_esc = 0.15 * share[0] / (0.85 * (share[1] + share[2]));
    s->route_signal = (s->route >= 2 && smp_chance(r, p_esc)) ? 1 : s->route;
    if (!s->screened)
        s->route = s->route_signal = 0;

}

/* Organisations: a midwifery practice and its site's hospital. */
static void tell_orgs(const smp_world *w, const smp_region *reg, smp_rng *r, smp_story *s)
{
    int nvp = 0, vps[SMP_MAX_SITES * SMP_MAX_VPS] = {0};
    for (int k = 0; k < reg->nsites; k++)
        for (int v = 0; v < w->sites[reg->sites[k]].nvps; v++)
            vps[nvp++] = w->sites[reg->sites[k]].vps[v];
    s->vp = vps[smp_between(r, 0, nvp - 1)];
    s->site = w->orgs[s->vp].site;
    s->hospital = w->sites[s->site].hospital;
    s->intake_lijn = smp_chance(r, s->route == 3 ? 0.30 : 0.13) ? 2 : 1;
    s->intake_org = s->intake_lijn == 2 ? s->hospital : s->vp;
    int ga_intake = s->route == 3 ? smp_between(r, 70, 100) : smp_between(r, 52, 70);
    s->due = s->intake + 280 - ga_intake;

}

/* The birth: gestational age, twins, weights and vital status. Returns the gestational age in days. */
static int tell_birth(smp_rng *r, smp_story *s)
{
    int twins = smp_chance(r, 0.0075);
    double p_pre = 0.07 * (s->route == 3 ? 1.7 : 1.0) * (twins ? 5.0 : 1.0);
    int preterm = smp_chance(r, p_pre > 0.6 ? 0.6 : p_pre);
    int ga;
    if (preterm) {
        double v = smp_unif(r);
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
        smp_child *c = &s->ch[k];
        c->ga = ga;
        double mean = 3450.0 - (ga < 280 ? (280 - ga) * 28.0 : 0) - (twins ? 400.0 : 0);
        int wgt = (int)lround(mean + (preterm ? 260.0 : 430.0) * normal(r));
        c->weight = wgt < 400 ? 400 : wgt > 5500 ? 5500 : wgt;
        c->died_day = -1;
        if (smp_chance(r, 0.0025 + (preterm ? 0.02 : 0)))
            c->vit = "doodgeboren";
        else if (smp_chance(r, 0.002 + (preterm ? 0.015 : 0))) {
            c->vit = "neonataal_overleden";
            c->died_day = smp_chance(r, 0.8) ? smp_between(r, 0, 6) : smp_between(r, 7, 27);
        } else
            c->vit = "levend";
    }

    return ga;
}

/* Screenings, all before birth: the first at intake, a later one where the route escalates. */
static void tell_screenings(smp_rng *r, int teen, smp_story *s)
{
    if (s->screened) {
        smp_screening *f = &s->sc[s->nsc++];
        f->date = s->intake + smp_between(r, 0, 10);
        f->route = s->route_signal;
        f->instrument = instruments[pick(r, instrument_w, 5)];
        f->risks = draw_risks(r, f->route, teen);
        int later = s->route != s->route_signal || smp_chance(r, 0.25);
        kr_date d2 = s->due - 280 + smp_between(r, 140, 230);
        if (later && d2 > f->date + 14 && d2 < s->birth) {
            smp_screening *z = &s->sc[s->nsc++];
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
static void tell_lines(smp_rng *r, double t, int ga, smp_story *s)
{
    double p_ref = s->route == 3 ? 0.92 - 0.12 * t : s->route == 2 ? 0.80 - 0.10 * t : 0.70;
    const char *reden = "medisch";
    if (s->route >= 2) {
        double ps = 0.30 - 0.20 * t, u2 = smp_unif(r);
        reden = u2 < ps ? "psychosociaal" : u2 < ps + 0.15 ? "beide" : "medisch";
    } else if (smp_chance(r, 0.05)) {
        reden = "anders";
    }
    int back = strcmp(reden, "psychosociaal") == 0 && smp_chance(r, 0.35);
    if (s->intake_lijn == 2) {
        s->ep[s->nep++] = (smp_episode){2, s->hospital, s->intake, s->birth + smp_between(r, 1, 5), reden};
        s->birth_lijn = 2;
    } else if (smp_chance(r, p_ref) && s->birth - s->intake > 20) {
        kr_date ref = s->intake + smp_between(r, 14, s->birth - s->intake - 1);
        s->ep[s->nep++] = (smp_episode){1, s->vp, s->intake, ref, "medisch"};
        if (back && s->birth - ref > 40) {
            kr_date ret = ref + smp_between(r, 14, 28);
            s->ep[s->nep++] = (smp_episode){2, s->hospital, ref, ret, reden};
            s->ep[s->nep++] = (smp_episode){1, s->vp, ret, s->birth + smp_between(r, 7, 10), "medisch"};
            s->birth_lijn = 1;
        } else {
            s->ep[s->nep++] = (smp_episode){2, s->hospital, ref, s->birth + smp_between(r, 1, 5), reden};
            s->birth_lijn = 2;
        }
    } else {
        s->ep[s->nep++] = (smp_episode){1, s->vp, s->intake, s->birth + smp_between(r, 7, 10), "medisch"};
        s->birth_lijn = 1;
    }
    if (s->birth_lijn == 2 && ga < 224)
        s->birth_lijn = 3;
    s->birth_org = s->birth_lijn == 1 ? s->vp : s->hospital;
    if (s->birth_lijn == 1) {
        double u3 = smp_unif(r);
        s->plaats = u3 < 0.45 ? "thuis" : u3 < 0.97 ? "poliklinisch" : "onderweg";
    } else {
        s->plaats = "klinisch";
        if (s->intake_lijn == 1 && smp_chance(r, 0.10))
            s->dup_org = s->vp;  /* the midwife reports the referred birth too */
    }

}

/* Handovers before birth: to JGZ after signalling, to the MDO for route 3, the prenatal home visit. */
static void tell_handovers(const smp_gen *G, const smp_world *w, const smp_region *reg, int region, smp_rng *r,
                           double t, smp_story *s)
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
    if (signal != KR_NO_DATE && (s->route == 2 || smp_chance(r, 0.7))) {
        double median = 12.0 - 5.0 * t;
        int delay = (int)(-log(1.0 - smp_unif(r)) * median / 0.693147);
        kr_date sent = signal + (delay > 120 ? 120 : delay);
        if (sent < s->birth) {
            smp_handover *h = &s->ho[s->nho++];
            *h = (smp_handover){"jgz_prenataal", s->intake_org, rg->jgz, signal, sent, KR_NO_DATE, 1, 0, 0};
            h->warm = smp_chance(r, outlier ? 0.50 : 0.87);
            h->recv = smp_chance(r, 0.95) ? sent + smp_between(r, 0, 4) : KR_NO_DATE;
        }
    }
    if (s->route == 3) {
        kr_date signal3 = KR_NO_DATE;
        for (int k = 0; k < s->nsc; k++)
            if (s->sc[k].route == 3) {
                signal3 = s->sc[k].date;
                break;
            }
        kr_date sent = signal3 + smp_between(r, 0, 2);
        if (signal3 != KR_NO_DATE && sent < s->birth) {
            smp_handover *h = &s->ho[s->nho++];
            *h = (smp_handover){"mdo_aanmelding", s->intake_org, rg->mdo, signal3, sent, KR_NO_DATE, 1, 0, 0};
            h->warm = smp_chance(r, 0.90);
            h->recv = smp_chance(r, 0.96) ? sent + smp_between(r, 0, 3) : KR_NO_DATE;
            /* the MDO meets every two weeks; one site is clearly slower */
            s->mdo = 1;
            s->aanmeld = sent + smp_between(r, 0, 1);
            /* the first session on the region's two-weekly grid on or after the registration */
            kr_date grid = G->start + region, first_session = grid + ((s->aanmeld - grid + 13) / 14) * 14;
            s->bespreek = first_session + (slow ? 14 * smp_between(r, 1, 2) : (smp_chance(r, 0.1) ? 14 : 0));
            if (s->bespreek > s->birth + 30)
                s->bespreek = KR_NO_DATE;
            if (s->bespreek != KR_NO_DATE && smp_chance(r, 0.92)) {
                int rt = pick(r, regie_w, 7);
                s->regie_type = regie_types[rt];
                s->regie_org = rt == 0 ? rg->jgz : rt == 1 || rt == 2 ? rg->mdo : rt == 3 ? s->vp
                               : rt == 4 ? s->hospital : rt == 5 && rg->ggz >= 0 ? rg->ggz : -1;
                s->regie = s->bespreek + smp_between(r, 0, 10);
            }
        }
    }
    /* the prenatal home visit of JGZ, at 16-30 weeks */
    if (signal != KR_NO_DATE) {
        kr_date d = s->due - 280 + smp_between(r, 112, 210);
        if (d < signal + 7)
            d = signal + smp_between(r, 7, 21);
        if (d < s->birth) {
            s->pv.moment = "prenataal_huisbezoek";
            s->pv.date = d;
            s->pv.status = smp_chance(r, s->route == 3 ? 0.80 : 0.88) ? "verschenen" : "afgezegd";
        }
    }

}

/* After birth: handovers to JGZ and follow-up to two years. */
static void tell_followup(const smp_region *rg, smp_rng *r, smp_story *s)
{
    int alive = 0;
    for (int k = 0; k < s->nchild; k++)
        alive |= strcmp(s->ch[k].vit, "doodgeboren") != 0;
    if (alive) {
        smp_handover *h = &s->ho[s->nho++];
        kr_date sent = s->birth + smp_between(r, 6, 10);
        *h = (smp_handover){"kraam_jgz", rg->kz[smp_between(r, 0, rg->nkz - 1)], rg->jgz, KR_NO_DATE, sent, KR_NO_DATE,
                            0, 1, 0};
        h->warm = smp_chance(r, 0.80);
        h->recv = smp_chance(r, 0.97) ? sent + smp_between(r, 0, 3) : KR_NO_DATE;
        if (s->birth_lijn == 1) {
            h = &s->ho[s->nho++];
            sent = s->birth + smp_between(r, 8, 12);
            *h = (smp_handover){"verloskundige_jgz", s->vp, rg->jgz, KR_NO_DATE, sent, KR_NO_DATE, 0, 1, 0};
            h->warm = smp_chance(r, 0.70);
            h->recv = smp_chance(r, 0.95) ? sent + smp_between(r, 0, 3) : KR_NO_DATE;
        }
    }
    double base = s->route == 3 ? 0.86 : s->route == 2 ? 0.92 : 0.97;
    double decline = s->route == 3 ? 0.12 : s->route == 2 ? 0.10 : 0.08;
    double p_lost = s->route == 3 ? 0.10 : s->route == 2 ? 0.06 : 0.02;
    double p_refuse = s->route == 3 ? 0.04 : 0.01;
    int move_age = (int)(-log(1.0 - smp_unif(r)) / 0.05 * 365.25);
    int refuse_age = smp_chance(r, p_refuse) ? smp_between(r, 30, 600) : 100000;
    int lost_age = smp_chance(r, p_lost) ? smp_between(r, 30, 700) : 100000;
    int extra_age = s->route >= 2 && smp_chance(r, 0.6) ? smp_between(r, 40, 400) : -1;
    int extra_first = extra_age;
    for (int k = 0; k < s->nchild; k++) {
        smp_child *c = &s->ch[k];
        extra_age = extra_first;
        if (strcmp(c->vit, "doodgeboren") == 0)
            continue;
        int stop = c->died_day >= 0 ? c->died_day : 100000;
        for (int m = 0; m < SMP_NMOMENTS; m++) {
            int age = moment_age[m] + (m == 0 ? smp_between(r, -4, 5) : smp_between(r, -3, 7));
            double p = base - decline * (double)moment_age[m] / 730.0;
            const char *status = smp_chance(r, p) ? "verschenen" : smp_chance(r, 0.6) ? "niet_verschenen" : "afgezegd";
            if (age >= stop || age >= move_age || age >= refuse_age || age >= lost_age)
                continue;
            c->c[c->nc++] = (smp_contact){moments[m], s->birth + age, status, NULL};
            if (extra_age > age && (m + 1 == SMP_NMOMENTS || extra_age < moment_age[m + 1]) && extra_age < stop &&
                extra_age < move_age && extra_age < lost_age && extra_age < refuse_age) {
                c->c[c->nc++] = (smp_contact){"extra", s->birth + extra_age,
                                              smp_chance(r, 0.9) ? "verschenen" : "afgezegd", NULL};
                extra_age = -1;  /* once */
            }
        }
        if (stop < 100000)
            c->c[c->nc++] = (smp_contact){"uitschrijving", s->birth + stop, "verschenen", "overleden"};
        else if (move_age < 730 && move_age < refuse_age && move_age < lost_age)
            c->c[c->nc++] = (smp_contact){"uitschrijving", s->birth + move_age, "verschenen", "verhuisd"};
        else if (refuse_age < 730 && refuse_age < lost_age)
            c->c[c->nc++] = (smp_contact){"uitschrijving", s->birth + refuse_age, "afgezegd", "geweigerd"};
    }
}

/*
 * One pregnancy's story, told in phases that each draw from the same random stream in a fixed
 * order (so the same seed gives the same extracts, byte for byte).
 */
void smp_tell(const smp_gen *G, int region, long idx, smp_story *s)
{
    const smp_world *w = &G->w;
    const smp_region *reg = &w->regions[region];
    smp_rng R, *r = &R;
    smp_rng_seed(r, smp_mix(smp_mix(G->o->seed, (uint64_t)region + 1), (uint64_t)idx));
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

void smp_risks_text(unsigned m, char *out, size_t cap)
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
