/*
 * The synthetic world of `kansrijk samples`: the regions, sites, municipalities
 * and organisations of the committed reference data (the files in samples/referentie,
 * embedded at build time, so the generator writes exactly those files), plus
 * what the reference files do not hold: births a year, route shares and
 * municipality sizes.
 */
#include "samples_int.h"

#include <stdlib.h>
#include <string.h>

/* Embedded from samples/referentie/ by tools/embed.sh (see the Makefile). */
extern const char smp_ref_regios[], smp_ref_sites[], smp_ref_gemeenten[], smp_ref_organisaties[],
    smp_ref_afspraken[], smp_ref_doelen[], smp_ref_referenties[];

const smp_reffile smp_reffiles[] = {
    {"regios", smp_ref_regios},           {"sites", smp_ref_sites},
    {"gemeenten", smp_ref_gemeenten},     {"organisaties", smp_ref_organisaties},
    {"afspraken", smp_ref_afspraken},     {"doelen", smp_ref_doelen},
    {"referenties", smp_ref_referenties}, {NULL, NULL},
};

/* Births a year and route shares (SAMPLES.md). */
static const struct {
    const char *code;
    double births, r1, r2, r3;
} region_params[] = {
    {"zl", 4400, 0.70, 0.22, 0.08},
    {"zhz", 4300, 0.80, 0.12, 0.08},
    {"utrecht", 7000, 0.78, 0.16, 0.06},
};

/* Inhabitants (thousands, CBS, rounded): births are spread over municipalities by these. */
static const struct {
    const char *code;
    double size;
} gm_sizes[] = {
    {"GM0888", 15.7}, {"GM1954", 35.6}, {"GM0899", 27.7}, {"GM1903", 25.6},  {"GM1729", 14.3},
    {"GM0917", 87.0}, {"GM0928", 45.0}, {"GM0882", 37.0}, {"GM0935", 121.0}, {"GM0938", 18.8},
    {"GM0965", 10.5}, {"GM1883", 91.0}, {"GM0971", 24.7}, {"GM0981", 9.8},   {"GM0994", 16.3},
    {"GM0986", 12.4}, {"GM0482", 20.3}, {"GM0505", 120.0}, {"GM0512", 38.0}, {"GM0523", 18.5},
    {"GM0531", 31.8}, {"GM1963", 88.8}, {"GM1978", 45.5}, {"GM0590", 32.6},  {"GM0610", 25.7},
    {"GM0642", 45.0}, {"GM0344", 367.0}, {"GM0356", 64.0}, {"GM1904", 65.0}, {"GM0310", 43.5},
    {"GM0355", 65.5}, {"GM0321", 50.5}, {"GM0353", 34.7}, {"GM0312", 15.5},
};

/* Split line into ';'-separated fields in place; returns the count. */
static int split(char *line, char **f, int max)
{
    int n = 0;
    f[n++] = line;
    for (char *p = line; *p && n < max; p++)
        if (*p == ';') {
            *p = '\0';
            f[n++] = p + 1;
        }
    return n;
}

/* Call fn for every data line of an embedded reference file. */
static int each_row(const char *text, int (*fn)(smp_world *, char **, int), smp_world *w)
{
    char *copy = strdup(text), *save = NULL;
    if (!copy)
        return -1;
    int first = 1, rc = 0;
    for (char *line = strtok_r(copy, "\n", &save); line && rc == 0; line = strtok_r(NULL, "\n", &save)) {
        char *f[16];
        if (first) {
            first = 0;
            continue;
        }
        rc = fn(w, f, split(line, f, 16));
    }
    free(copy);
    return rc;
}

int smp_region_index(const smp_world *w, const char *code)
{
    for (int i = 0; i < w->nregions; i++)
        if (kr_eq_ci(code, strlen(code), w->regions[i].code))  /* ZL is zl */
            return i;
    return -1;
}

static int site_index(const smp_world *w, const char *code)
{
    for (int i = 0; i < w->nsites; i++)
        if (strcmp(w->sites[i].code, code) == 0)
            return i;
    return -1;
}

int smp_org_index(const smp_world *w, const char *code)
{
    for (int i = 0; i < w->norgs; i++)
        if (strcmp(w->orgs[i].code, code) == 0)
            return i;
    return -1;
}

static int add_region(smp_world *w, char **f, int n)
{
    if (n < 2 || w->nregions >= SMP_MAX_REGIONS)
        return -1;
    smp_region *r = &w->regions[w->nregions++];
    memset(r, 0, sizeof *r);
    kr_strlcpy(r->code, f[0], sizeof r->code);
    r->jgz = r->mdo = r->ggz = -1;
    for (size_t i = 0; i < sizeof region_params / sizeof region_params[0]; i++)
        if (strcmp(region_params[i].code, r->code) == 0) {
            r->births = region_params[i].births;
            r->share[0] = region_params[i].r1;
            r->share[1] = region_params[i].r2;
            r->share[2] = region_params[i].r3;
        }
    return r->births > 0 ? 0 : -1;
}

static int add_site(smp_world *w, char **f, int n)
{
    if (n < 3 || w->nsites >= SMP_MAX_SITES)
        return -1;
    smp_site *s = &w->sites[w->nsites];
    memset(s, 0, sizeof *s);
    kr_strlcpy(s->code, f[0], sizeof s->code);
    s->region = smp_region_index(w, f[2]);
    s->hospital = -1;
    if (s->region < 0)
        return -1;
    smp_region *r = &w->regions[s->region];
    r->sites[r->nsites++] = w->nsites++;
    return 0;
}

static int add_gemeente(smp_world *w, char **f, int n)
{
    if (n < 3)
        return -1;
    int r = smp_region_index(w, f[2]);
    if (r < 0)
        return -1;
    smp_region *reg = &w->regions[r];
    if (n >= 4 && f[3][0]) {  /* merged into f[3]: its old code is sometimes still used */
        for (int i = 0; i < reg->ngms; i++)
            if (strcmp(reg->gms[i].code, f[3]) == 0 && reg->gms[i].nold < 3)
                kr_strlcpy(reg->gms[i].old[reg->gms[i].nold++], f[0], 8);
        return 0;
    }
    if (reg->ngms >= SMP_MAX_GMS)
        return -1;
    smp_gm *g = &reg->gms[reg->ngms++];
    memset(g, 0, sizeof *g);
    kr_strlcpy(g->code, f[0], sizeof g->code);
    g->size = 10;
    for (size_t i = 0; i < sizeof gm_sizes / sizeof gm_sizes[0]; i++)
        if (strcmp(gm_sizes[i].code, g->code) == 0)
            g->size = gm_sizes[i].size;
    return 0;
}

static int add_org(smp_world *w, char **f, int n)
{
    if (n < 6 || w->norgs >= SMP_MAX_ORGS)
        return -1;
    smp_org *o = &w->orgs[w->norgs];
    memset(o, 0, sizeof *o);
    kr_strlcpy(o->code, f[0], sizeof o->code);
    kr_strlcpy(o->soort, f[2], sizeof o->soort);
    o->lijn = smp_int(f[3]);
    o->region = smp_region_index(w, f[4]);
    o->site = f[5][0] ? site_index(w, f[5]) : -1;
    if (o->region < 0)
        return -1;
    smp_region *r = &w->regions[o->region];
    int id = w->norgs++;
    if (strcmp(o->soort, "verloskundigenpraktijk") == 0 && o->site >= 0) {
        smp_site *s = &w->sites[o->site];
        if (s->nvps < SMP_MAX_VPS)
            s->vps[s->nvps++] = id;
    } else if (strcmp(o->soort, "ziekenhuis") == 0 && o->site >= 0) {
        if (w->sites[o->site].hospital < 0)
            w->sites[o->site].hospital = id;
    } else if (strcmp(o->soort, "jgz") == 0) {
        r->jgz = id;
    } else if (strcmp(o->soort, "kraamzorg") == 0 && r->nkz < 4) {
        r->kz[r->nkz++] = id;
    } else if (strcmp(o->soort, "ggz") == 0) {
        r->ggz = id;
    }
    return 0;
}

static int add_afspraak(smp_world *w, char **f, int n)
{
    if (n < 2)
        return -1;
    int o = smp_org_index(w, f[0]);
    if (o >= 0 && strcmp(f[1], "mdo") == 0)
        w->regions[w->orgs[o].region].mdo = o;
    for (int t = 0; o >= 0 && t < SMP_NTYPES; t++)
        if (strcmp(f[1], smp_type_names[t]) == 0)
            w->agreed[o][t] = 1;
    return 0;
}

int smp_int(const char *s)
{
    long long v = 0;
    return kr_parse_int(s, strlen(s), &v) == KR_OK ? (int)v : 0;
}

kr_status smp_world_load(smp_world *w, char *msg, size_t msgcap)
{
    memset(w, 0, sizeof *w);
    if (each_row(smp_ref_regios, add_region, w) || each_row(smp_ref_sites, add_site, w) ||
        each_row(smp_ref_gemeenten, add_gemeente, w) || each_row(smp_ref_organisaties, add_org, w) ||
        each_row(smp_ref_afspraken, add_afspraak, w)) {
        (void)snprintf(msg, msgcap, _("the embedded reference data does not match the generator"));
        return KR_EINVAL;
    }
    for (int r = 0; r < w->nregions; r++) {
        smp_region *reg = &w->regions[r];
        double total = 0;
        for (int i = 0; i < reg->ngms; i++)
            total += reg->gms[i].size;
        double acc = 0;
        for (int i = 0; i < reg->ngms; i++) {
            acc += reg->gms[i].size / total;
            reg->gms[i].cum = acc;
        }
        if (reg->jgz < 0 || reg->mdo < 0 || reg->nkz == 0 || reg->nsites == 0) {
            (void)snprintf(msg, msgcap, _("region %s lacks a JGZ, MDO, kraamzorg or site organisation"), reg->code);
            return KR_EINVAL;
        }
        for (int s = 0; s < reg->nsites; s++) {
            const smp_site *site = &w->sites[reg->sites[s]];
            if (site->hospital < 0 || site->nvps == 0) {
                (void)snprintf(msg, msgcap, _("site %s lacks a hospital or midwifery practice"), site->code);
                return KR_EINVAL;
            }
        }
    }
    return KR_OK;
}
