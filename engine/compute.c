/*
 * `kansrijk compute` after the linkage: the trajectory facts (engine/facts.c), then the outcome
 * table (engine/outcome.c) from them and the data-quality rows (engine/kwaliteit.c). The outcome
 * table is counted and suppressed in memory on a thread of its own while the caller's connection
 * writes the facts and counts the quality rows in SQL; both are written after.
 */
#include "outcome_int.h"

#include <pthread.h>
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

/* The outcome table counted beside the connection's work. */
typedef struct count_job {
    const facts *F;
    const eng_options *opt;
    const eng_earlier_set *S;
    eng_counted *R;
    kr_status rc;
} count_job;

static void *count_job_run(void *arg)
{
    count_job *j = arg;
    j->rc = eng_outcomes_count(j->F, j->opt, j->S, &j->R);
    return NULL;
}

/*
 * From the facts to every row: the outcome table counted on a thread while this connection does the caller's work
 * (opt->beside), writes feit_traject and counts the quality rows (or, on one thread, after them); then both written,
 * the outcome table first (it empties `uitkomst`). The first failure counts; the counting thread is always joined.
 */
static kr_status count_and_write(sqlite3 *db, const facts *F, const eng_options *opt, long long *rows, char *err,
                                 size_t errcap)
{
    long long outcome_rows = 0, quality_rows = 0;
    kr_status rc = eng_outcomes_fit(F, err, errcap);
    if (rc != KR_OK)
        return rc;
    (void)eng_rows_get();  /* the catalogue's rows, built before two threads read them */
    (void)kr_i18n_dir();   /* and the messages set up (it sets LANGUAGE) before a thread reads the environment */
    eng_earlier_set *S = NULL;
    if ((rc = eng_earlier_load(db, &S)) != KR_OK) {
        eng_earlier_free(S);
        return rc;
    }
    count_job job = {F, opt, S, NULL, KR_OK};
    pthread_t t;
    int threaded = !eng_one_thread() && pthread_create(&t, NULL, count_job_run, &job) == 0;
    int prepared = 0;
    if (opt->beside) {
        rc = opt->beside(opt->beside_ctx, db, err, errcap);
        eng_lap("traject write");
    }
    if (rc == KR_OK && (rc = eng_facts_write(db, F, opt->peildatum)) == KR_OK) {
        eng_lap("feit_traject");
        prepared = (rc = eng_quality_prepare(db, opt->peildatum, err, errcap)) == KR_OK;
    }
    if (threaded)
        (void)pthread_join(t, NULL);
    else if (rc == KR_OK)
        (void)count_job_run(&job);
    eng_counted_laps(job.R);
    if (rc == KR_OK)
        rc = job.rc;
    if (rc == KR_OK) {
        rc = eng_outcomes_store(db, F, opt, job.R, &outcome_rows);
        eng_lap("outcomes");
    }
    eng_counted_free(job.R);
    if (rc == KR_OK)
        rc = eng_quality_write(db, opt->peildatum, opt->min_cell, S, &quality_rows, err, errcap);
    else if (prepared)
        eng_quality_discard(db);
    eng_earlier_free(S);
    if (rc == KR_ETOOBIG && err && errcap && !err[0])
        (void)snprintf(err, errcap, _("the outcome table would hold more than %zu cells"), (size_t)ENG_MAX_CELLS);
    if (rc == KR_OK && rows)
        *rows = outcome_rows + quality_rows;
    return rc;
}

kr_status eng_compute(sqlite3 *db, const eng_options *opt, long long *trajectories, long long *rows, char *err,
                      size_t errcap)
{
    facts F;
    eng_stage own;
    kr_status rc = KR_OK;
    memset(&F, 0, sizeof F);
    if (errcap)
        err[0] = '\0';
    if (!opt->links || !opt->links->has_traj)  /* without linkage's answer no record would count */
        return KR_EINVAL;
    eng_stage_init(&own);
    eng_lap(NULL);
    /* the extract rows, read beside linkage; else (it could not start, or failed) here, on this connection */
    eng_stage *S = eng_prefetch_stage(opt->prefetch);
    if (!S) {
        rc = eng_stage_read(db, &own);
        S = &own;
        eng_lap("extract rows");
    }
    if (rc == KR_OK)
        rc = eng_facts_build(opt->peildatum, opt->links, S, &F);
    eng_stage_fini(S);  /* folded: its memory goes back before the outcomes are counted */
    if (S != &own)
        eng_stage_fini(&own);
    if (rc == KR_OK) {
        eng_lap("facts");
        rc = count_and_write(db, &F, opt, rows, err, errcap);
    }
    if (rc == KR_OK && trajectories)
        *trajectories = (long long)F.preg.n;
    eng_facts_fini(&F);
    return rc;
}
