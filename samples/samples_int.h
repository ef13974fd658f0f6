/*
 * Internal declarations of the sample generator: the world (regions, sites,
 * municipalities, organisations) read from the embedded reference data.
 */
#ifndef SAMPLES_INT_H
#define SAMPLES_INT_H

#include "samples.h"

#define SMP_MAX_REGIONS 3
#define SMP_MAX_SITES 8
#define SMP_MAX_ORGS 64
#define SMP_MAX_GMS 20
#define SMP_MAX_VPS 6

typedef struct smp_org {
    char code[24];
    char soort[24];
    int lijn;
    int region;
    int site;          /* -1: none */
} smp_org;

typedef struct smp_site {
    char code[32];
    int region;
    int hospital;      /* org index */
    int vps[SMP_MAX_VPS];
    int nvps;
} smp_site;

typedef struct smp_gm {
    char code[8];
    char old[3][8];    /* codes of municipalities merged into this one */
    int nold;
    double size;
    double cum;        /* cumulative share within the region */
} smp_gm;

typedef struct smp_region {
    char code[16];
    double births;     /* a year, at scale 1 */
    double share[3];   /* routes 1, 2, 3 */
    int sites[SMP_MAX_SITES];
    int nsites;
    smp_gm gms[SMP_MAX_GMS];
    int ngms;
    int jgz, mdo, ggz;
    int kz[4];
    int nkz;
} smp_region;

typedef struct smp_world {
    smp_region regions[SMP_MAX_REGIONS];
    int nregions;
    smp_site sites[SMP_MAX_SITES];
    int nsites;
    smp_org orgs[SMP_MAX_ORGS];
    int norgs;
} smp_world;

typedef struct smp_reffile {
    const char *type;
    const char *text;
} smp_reffile;

extern const smp_reffile smp_reffiles[];

kr_status smp_world_load(smp_world *w, char *msg, size_t msgcap);
int smp_region_index(const smp_world *w, const char *code);
int smp_org_index(const smp_world *w, const char *code);
int smp_int(const char *s);

#endif
