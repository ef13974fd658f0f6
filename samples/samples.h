/*
 * kansrijk samples: the deterministic generator of synthetic partner extracts.
 * It writes the reference data of the three regions and one file per
 * organisation x extract type x quarter, with the patterns and the dirt of
 * SAMPLES.md, streaming: memory does not grow with the scale.
 */
#ifndef SAMPLES_H
#define SAMPLES_H

#include "../core/kr.h"

typedef struct smp_options {
    const char *regions;   /* "zl,zhz,utrecht" (the default) or a subset */
    int year_from;         /* --jaren 2023-2025 */
    int year_to;
    double scale;          /* --schaal: 1 = the regions at their real size */
    uint64_t seed;         /* --seed */
    /* Called after each quarter is written, when not NULL: done of total quarters, the quarter's
       label ("2025Q2"); arg is progress_arg. The library prints nothing itself. */
    void (*progress)(void *arg, const char *quarter, long done, long total);
    void *progress_arg;
} smp_options;

/* Defaults: all three regions, 2023-2025, scale 0.1, seed 1. */
void smp_options_init(smp_options *o);

typedef struct smp_summary {
    long long files;       /* extract files written (all folders) */
    long long rows;        /* data rows written */
    long long spoiled;     /* rows spoiled on purpose (see manifest.txt) */
    long long pregnancies;
} smp_summary;

/*
 * Generate into dir (created if missing; must be empty of earlier output).
 * Writes dir/<type>.csv reference data, dir/<type>_<org>_<period>.csv
 * extracts, dir/herzonden, dir/correcties, dir/laat, dir/bad, dir/manifest.txt
 * (every spoiled row and refused file with the reason the ETL must give) and
 * dir/README. On failure msg says why.
 */
kr_status smp_generate(const smp_options *o, const char *dir, smp_summary *out, char *msg, size_t msgcap);

#endif
