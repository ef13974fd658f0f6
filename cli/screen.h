/*
 * kansrijk - what the command line shows on a terminal while it works: the ingest's one updating
 * line and its totals, and the stages of compute with their times. Nothing of it when the output
 * is not a terminal, or with --stil / --quiet.
 */
#ifndef KR_CLI_SCREEN_H
#define KR_CLI_SCREEN_H

#include "../etl/etl.h"

#include <stddef.h>
#include <stdio.h>

typedef struct scr_ingest {
    int live;              /* the updating line on stderr */
    int totals;            /* the totals block on stdout at the end */
    int dry;               /* validate: nothing is stored */
    size_t n, k;           /* files in the run, the one being read (0-based) */
    long long rows_before; /* data rows of the files done */
    long rows_now;         /* of the file being read */
    int pct;
    char file[256];
    double t0, drawn_at;
    int drawn;             /* the line is on the screen */
    long stored, refused, identical, validated;
    long long accepted, rejected;
} scr_ingest;

/* live: stderr is a terminal; totals: stdout is one; quiet: --stil. Sets the callbacks in o. */
void scr_ingest_begin(scr_ingest *s, etl_options *o, size_t nfiles, int dry, int quiet, int json);
/* The totals block (when s->totals and more than one file) after the run; exit_code: the command's. */
void scr_ingest_end(scr_ingest *s, int exit_code);


/* compute: one line per stage with its time, on stderr when it is a terminal and not quiet. */
void scr_compute_begin(int quiet);
/* The engine's step timing (eng_set_timing); also KANSRIJK_TIMING's own lines. */
void scr_compute_lap(const char *step, double secs);
void scr_compute_end(void);
double scr_now(void);

#endif
