/*
 * Internal declarations of the sample generator: the world (regions, sites,
 * municipalities, organisations) read from the embedded reference data, and
 * what its parts share: the random numbers, a story, the state of a run.
 */
#ifndef SAMPLES_INT_H
#define SAMPLES_INT_H

#include "samples.h"
#include "../core/codes.h"

#include <nettle/hmac.h>
#include <stdio.h>

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

/* The extract types the generator writes, in the order of EXTRACTS.md (rows.c). */
enum { SMP_ZW, SMP_SC, SMP_ZE, SMP_OV, SMP_MD, SMP_BV, SMP_JG, SMP_NTYPES };
extern const char *const smp_type_names[SMP_NTYPES];

typedef struct smp_world {
    smp_region regions[SMP_MAX_REGIONS];
    int nregions;
    smp_site sites[SMP_MAX_SITES];
    int nsites;
    smp_org orgs[SMP_MAX_ORGS];
    int norgs;
    unsigned char agreed[SMP_MAX_ORGS][SMP_NTYPES];  /* afspraken.csv: a file of that type is due every quarter */
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

/* ---- the generator's parts: story.c tells, rows.c writes, generate.c runs ---------------- */

/* Random numbers: xoshiro256** seeded by splitmix64. Inline: a story draws dozens of them. */
typedef struct smp_rng {
    uint64_t s[4];
} smp_rng;

static inline uint64_t smp_splitmix(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static inline void smp_rng_seed(smp_rng *r, uint64_t seed)
{
    for (int i = 0; i < 4; i++)
        r->s[i] = smp_splitmix(&seed);
}

static inline uint64_t smp_rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static inline uint64_t smp_rng_next(smp_rng *r)
{
    uint64_t *s = r->s, out = smp_rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = smp_rotl(s[3], 45);
    return out;
}

static inline double smp_unif(smp_rng *r) { return (double)(smp_rng_next(r) >> 11) * (1.0 / 9007199254740992.0); }
static inline int smp_chance(smp_rng *r, double p) { return smp_unif(r) < p; }
static inline int smp_between(smp_rng *r, int lo, int hi) { return lo + (int)(smp_unif(r) * (double)(hi - lo + 1)); }

/* smp_mix: a seed from two numbers (a story's from the seed, its region and its index). */
static inline uint64_t smp_mix(uint64_t a, uint64_t b)
{
    uint64_t x = a ^ (b * 0xD1B54A32D192ED03ull);
    return smp_splitmix(&x);
}

#define SMP_NMOMENTS KR_NMOMENTS /* the JGZ contact moments to 24 months */

/* One pregnancy's story: everything its records say, told before any is written. */
typedef struct smp_contact {
    const char *moment;      /* also "extra", "uitschrijving", "prenataal_huisbezoek" */
    kr_date date;
    const char *status;
    const char *reden;       /* uitschrijving */
} smp_contact;

typedef struct smp_child {
    int ga, weight;
    const char *vit;
    int died_day;            /* -1 */
    smp_contact c[SMP_NMOMENTS + 3];
    int nc;
} smp_child;

typedef struct smp_screening {
    kr_date date;
    int route;
    const char *instrument;
    unsigned risks;
} smp_screening;

typedef struct smp_episode {
    int lijn, org;
    kr_date start, end;
    const char *reden;
} smp_episode;

typedef struct smp_handover {
    const char *soort;
    int van, naar;
    kr_date signal, sent, recv;
    int has_due, has_birth, warm;
} smp_handover;

typedef struct smp_story {
    int region;
    long idx;
    long client;
    char pseudo[65];
    const char *gm;
    const char *age, *parity;
    int screened, route, route_signal;
    kr_date intake, due, birth;
    int intake_org, intake_lijn, vp, hospital, site;
    smp_screening sc[3];
    int nsc;
    smp_episode ep[4];
    int nep;
    smp_handover ho[5];
    int nho;
    int mdo;
    kr_date aanmeld, bespreek, regie;
    const char *regie_type;
    int regie_org;
    int nchild;
    smp_child ch[2];
    int birth_lijn, birth_org, dup_org;
    const char *plaats;
    smp_contact pv;          /* prenatal home visit; date KR_NO_DATE when none */
    kr_date first_record, last_record;
} smp_story;

/* The generator's state: the partners' export dialects, the files of the quarter, the run. */
typedef struct smp_dialect {
    char delim;
    int cp1252, bom, crlf;
    int datefmt;             /* 0 dd-mm-jjjj, 1 d-m-jjjj, 2 jjjj-mm-dd */
    int capital_header, reversed, remarks;
    const char *name;
} smp_dialect;

typedef struct smp_outfile {
    FILE *f;
    char rel[200];           /* path relative to the output folder */
    long line, rows, spoiled;
    smp_rng r;
    const smp_dialect *d;
    int type;
    int no_dirt;             /* the corrected re-delivery */
    struct smp_outfile *twin;
} smp_outfile;

typedef struct smp_gen {
    const smp_options *o;
    const char *dir;
    smp_world w;
    kr_date day0, dayN;      /* first and last day of the years */
    kr_date start;           /* first intake date */
    long npreg[SMP_MAX_REGIONS];
    double step[SMP_MAX_REGIONS];
    int selected[SMP_MAX_REGIONS];
    /* columns of each type, in specification order */
    const char *cols[SMP_NTYPES][16];
    size_t ncols[SMP_NTYPES];
    /* the current quarter */
    kr_period q;
    smp_outfile files[SMP_MAX_ORGS][SMP_NTYPES];
    smp_outfile twin;
    FILE *manifest;
    struct hmac_sha256_ctx hmac;
    /* the special deliveries */
    int missing_org, late_org, corr_org, resend_org;
    char missing_q[16], late_q[16], corr_q[16], resend_q[16];
    smp_summary sum;
    kr_status err;
    char *msg;
    size_t msgcap;
} smp_gen;

/*
 * Tell the story of pregnancy idx of region into s (story.c): a pure function of the seed, the
 * region and idx, drawn in a fixed order, so the same seed gives the same extracts byte for byte.
 */
void smp_tell(const smp_gen *G, int region, long idx, smp_story *s);
/* The client's pseudonym (64 hex characters): HMAC-SHA256 of region and client under the seed's key. */
void smp_pseudonym(const smp_gen *G, const smp_story *s, char out[65]);
/* The risk factors of mask m as the extract writes them ("schulden|lvb"); "" when none. */
void smp_risks_text(unsigned m, char *out, size_t cap);
/* Write the records story s has in the current quarter G->q to their organisations' files (rows.c). */
void smp_emit_story(smp_gen *G, smp_story *s);
/* The export dialect of organisation org (its delimiter, encoding, date format, ...). */
const smp_dialect *smp_org_dialect(int org);
/* At the end of a quarter: a file (its header alone) for every agreed delivery of a selected region that got no rows,
 * as a partner with nothing to report still delivers (afspraken.csv); the missing quarter stays missing. */
void smp_open_agreed(smp_gen *G);
/* Record the first failure (what, path and errno) in G->err and G->msg (generate.c); later ones are dropped. */
void smp_fail(smp_gen *G, const char *what, const char *path);

#endif
