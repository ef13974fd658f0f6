/*
 * kansrijk reports: the A4 PDF reports of REPORTS.md (bestuur, regio, vergelijk,
 * kwaliteit) made from the suppressed outcome table that `kansrijk compute` wrote,
 * or from several regions' `kansrijk export --format json` files. Charts are made by
 * gnuplot (an external program); pages by cairo and pango.
 */
#ifndef REPORTS_H
#define REPORTS_H

#include "../core/kr.h"

/* What `kansrijk report` makes. */
typedef struct rpt_options {
    const char *kind;          /* bestuur, regio, vergelijk or kwaliteit */
    sqlite3 *db;               /* the database (borrowed), or NULL with bron */
    const char *const *bron;   /* nbron export files (JSON) instead of a database */
    size_t nbron;
    const char *regio;         /* NULL: the only region, or all regions ('*') for vergelijk */
    const char *periode;       /* NULL: the latest quarter that ended by the peildatum */
    int english;               /* 0: Dutch, 1: English */
    const char *charts_dir;    /* NULL, or a folder for every chart as SVG, PNG and CSV */
    const char *output;        /* the PDF */
} rpt_options;

/* 1 when kind names a report. */
int rpt_kind_known(const char *kind);

/*
 * Make the report o->kind into o->output. On failure a sentence in the chosen language
 * that says what went wrong and what to do is written to err: KR_EUSAGE for an unknown
 * region or period, KR_ENOTFOUND when nothing has been computed yet, KR_EINVAL for a
 * refused --bron file, KR_EIO when a file cannot be written or gnuplot fails. No
 * temporary file is left behind, also on failure; a failed report leaves no output file.
 */
kr_status rpt_render(const rpt_options *o, char *err, size_t errcap);

#endif
