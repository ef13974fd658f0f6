/*
 * `kansrijk compute` after the linkage: the trajectory facts (engine/facts.c),
 * then the outcome table (engine/outcome.c) from them — one read of the
 * records, cheap aggregates after.
 */
#include "engine_int.h"

#include <string.h>

kr_status eng_default_peildatum(sqlite3 *db, kr_date *out)
{
    sqlite3_stmt *st = NULL;
    kr_status rc = KR_ENOTFOUND;
    if (sqlite3_prepare_v2(db,
                           "SELECT max(periode_eind) FROM levering WHERE status = 'actief' AND organisatie IS NOT NULL",
                           -1, &st, NULL) != SQLITE_OK)
        return KR_EDB;
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
        const char *s = (const char *)sqlite3_column_text(st, 0);
        rc = kr_date_parse(s, strlen(s), out) == KR_OK ? KR_OK : KR_EDB;
    }
    sqlite3_finalize(st);
    return rc;
}

kr_status eng_compute(sqlite3 *db, const eng_options *opt, long long *trajectories, long long *rows, char *err,
                      size_t errcap)
{
    facts F;
    eng_stage own;
    kr_status rc = KR_OK;
    memset(&F, 0, sizeof F);
    eng_stage_init(&own);
    if (!opt->links) {  /* without linkage's answer no record would count */
        eng_stage_fini(&own);
        return KR_EINVAL;
    }
    eng_lap(NULL);
    /* the extract rows, read beside linkage; else (it could not start, or failed) here, on this connection */
    eng_stage *S = eng_prefetch_stage(opt->prefetch);
    if (!S) {
        rc = eng_stage_read(db, &own);
        S = &own;
        eng_lap("extract rows");
    }
    if (rc == KR_OK)
        rc = eng_facts_build(db, opt->peildatum, opt->links, S, &F);
    eng_stage_fini(S);  /* folded: its memory goes back before the outcomes are counted */
    if (S != &own)
        eng_stage_fini(&own);
    if (rc == KR_OK) {
        eng_lap("facts");
        if ((rc = eng_facts_write(db, &F, opt->peildatum)) == KR_OK) {
            eng_lap("feit_traject");
            rc = eng_outcomes_write(db, &F, opt, rows, err, errcap);
            eng_lap("outcomes");
        }
    }
    if (rc == KR_OK && trajectories)
        *trajectories = (long long)F.preg.n;
    eng_facts_fini(&F);
    return rc;
}
