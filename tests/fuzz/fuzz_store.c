/*
 * libFuzzer target for the storage path of the ingest: every input becomes an
 * extract that is ingested into an in-memory database holding the reference
 * data of samples/referentie, with a feedback folder; then sent again
 * (identical), corrected (a changed second version replaces it), sent again
 * after it was replaced, linked, and withdrawn. The ledger and the stored rows
 * are checked after each step, and the feedback files after each ingest.
 * Build and run: tests/fuzz/README.md.
 */
#include "fuzz_util.h"
#include "../../engine/engine.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *dir;
static char feedback[256];
static sqlite3 *base;  /* the reference data, as every run starts */
static sqlite3 *db;    /* the database of one run */
static const etl_type *extracts[16];
static size_t nextracts;

/* Organisations of samples/referentie/organisaties.csv, one of each kind. */
static const char *const orgs[] = {"VP-ZL-1", "ZH-ZL-1", "JGZ-ZL", "KZ-ZL-1"};
static const char *const periods[] = {"2025Q1", "2025"};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    dir = fz_scratch("fuzz-store");
    (void)snprintf(feedback, sizeof feedback, "%s/terugkoppeling", dir);
    FZ_CHECK(mkdir(feedback, 0700) == 0);
    base = fz_reference_db(dir);
    char err[256];
    FZ_CHECK(kr_db_open_memory(&db, err, sizeof err) == KR_OK);
    for (size_t i = 0; i < etl_ntypes && nextracts < 16; i++)
        if (!etl_types[i].reference)
            extracts[nextracts++] = &etl_types[i];
    return 0;
}

static void ingest(const etl_options *o, const char *path, etl_result *res)
{
    etl_session *s = NULL;
    FZ_CHECK(etl_session_new(db, o, &s) == KR_OK);
    etl_session_check(s, path, res);
    etl_session_free(s);
    fz_render(res);
    fz_check_feedback(feedback);
    FZ_CHECK(res->outcome != NULL);
    if (strcmp(res->outcome, "actief") == 0) {
        FZ_CHECK(res->delivery_id > 0 && res->refusal == KR_OK);
        FZ_CHECK(res->rows_accepted + res->rows_rejected + res->rows_skipped == res->rows_read);
    } else if (strcmp(res->outcome, "geweigerd") == 0) {
        FZ_CHECK(res->refusal != KR_OK && res->exit_code == 2);
        /* the storage itself must not fail on any input */
        FZ_CHECK(res->refusal != KR_F_FAILED && res->refusal != KR_EDB && res->refusal != KR_EIO);
    }
}

static long long count(const char *fmt, const char *table, long long id)
{
    char sql[256];
    (void)snprintf(sql, sizeof sql, fmt, table, id);
    return fz_int(db, sql);
}

static int status_is(long long id, const char *status)
{
    char sql[128];
    (void)snprintf(sql, sizeof sql, "SELECT status = '%s' FROM levering WHERE id = %lld", status, id);
    return fz_int(db, sql) == 1;
}

/* An active delivery: its ledger entry and its rows agree with its result. */
static void check_active(const etl_type *t, const etl_result *r)
{
    FZ_CHECK(status_is(r->delivery_id, "actief"));
    FZ_CHECK(count("SELECT count(*) FROM %s WHERE levering_id = %lld", t->name, r->delivery_id) == r->rows_accepted);
    FZ_CHECK(count("SELECT rows_accepted FROM %s WHERE id = %lld", "levering", r->delivery_id) == r->rows_accepted);
    FZ_CHECK(fz_int(db, "SELECT count(*) FROM levering WHERE status = 'actief' AND organisatie IS NOT NULL") == 1);
}

/* A delivery that is gone: no rows, rejected rows or warnings left. */
static void check_gone(const etl_type *t, long long id, const char *status)
{
    FZ_CHECK(status_is(id, status));
    FZ_CHECK(count("SELECT count(*) FROM %s WHERE levering_id = %lld", t->name, id) == 0);
    FZ_CHECK(count("SELECT count(*) FROM %s WHERE levering_id = %lld", "afgewezen", id) == 0);
    FZ_CHECK(count("SELECT count(*) FROM %s WHERE levering_id = %lld", "waarschuwing", id) == 0);
}

static void relink(void)
{
    etl_link_stats ls;
    kr_links m;
    size_t counted = 0;
    memset(&m, 0, sizeof m);
    FZ_CHECK(etl_link(db, 0, 0, etl_link_collect, &m, &ls, NULL, 0) == KR_OK);
    FZ_CHECK(ls.linked + ls.unlinked <= ls.records);
    for (size_t i = 0; i < KR_NEXTRACT_TYPES; i++)  /* what counts for the facts is linked and current */
        counted += m.t[i].n;
    FZ_CHECK(counted <= (size_t)ls.linked);
    kr_links_fini(&m);
}

/*
 * data[0] picks the extract type (% 7), the organisation (/ 7 % 4), the
 * period (/ 28 % 2: 2025Q1 or 2025) and --accept-partial (/ 56 % 2); the rest
 * is the file. The correction is the file without its last line (or with one
 * more newline when that leaves nothing).
 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[512], path2[512], msg[256];
    etl_options o;
    etl_result r1, r2, r3, r4;

    if (size < 1)
        return 0;
    const etl_type *t = extracts[data[0] % nextracts];
    const char *org = orgs[data[0] / 7 % 4];
    const char *period = periods[data[0] / 28 % 2];
    fz_restore(db, base);
    fz_clear(feedback);

    etl_options_init(&o);
    o.feedback_dir = feedback;
    o.indicator_known = eng_indicator_known;
    o.accept_partial = data[0] / 56 % 2;
    (void)snprintf(path, sizeof path, "%s/%s_%s_%s.csv", dir, t->name, org, period);
    fz_write(path, data + 1, size - 1);

    ingest(&o, path, &r1);
    int active1 = strcmp(r1.outcome, "actief") == 0;
    if (active1)
        check_active(t, &r1);

    /* the same bytes again: recognised, nothing changes; a refusal is simply repeated */
    ingest(&o, path, &r2);
    if (active1) {
        FZ_CHECK(strcmp(r2.outcome, "identiek") == 0 && r2.delivery_id == r1.delivery_id);
        check_active(t, &r1);
        relink();
    } else {
        FZ_CHECK(strcmp(r2.outcome, r1.outcome) == 0 && r2.refusal == r1.refusal);
        FZ_CHECK(r2.rows_read == r1.rows_read && r2.rows_rejected == r1.rows_rejected);
    }

    /* a correction: other bytes for the same delivery */
    size_t n2 = size - 1;
    while (n2 > 0 && data[n2] == '\n')
        n2--;
    while (n2 > 0 && data[n2] != '\n')
        n2--;
    (void)snprintf(path2, sizeof path2, "%s/correctie", dir);
    (void)mkdir(path2, 0700);
    (void)snprintf(path2, sizeof path2, "%s/correctie/%s_%s_%s.csv", dir, t->name, org, period);
    if (n2 > 0) {
        fz_write(path2, data + 1, n2);
    } else {
        uint8_t *more = malloc(size);
        FZ_CHECK(more != NULL);
        memcpy(more, data + 1, size - 1);
        more[size - 1] = '\n';
        fz_write(path2, more, size);
        free(more);
    }
    ingest(&o, path2, &r3);
    int active3 = strcmp(r3.outcome, "actief") == 0;
    if (active3) {
        FZ_CHECK(r3.replaced_id == (active1 ? r1.delivery_id : 0));
        check_active(t, &r3);
        if (active1)
            check_gone(t, r1.delivery_id, "vervangen");
    } else if (active1) {
        check_active(t, &r1);
    }

    /* the first version again after it was replaced: refused */
    long long id = active3 ? r3.delivery_id : active1 ? r1.delivery_id : 0;
    ingest(&o, path, &r4);
    if (active1 && active3)
        FZ_CHECK(r4.refusal == KR_F_REPLACED_RESEND);
    if (strcmp(r4.outcome, "actief") == 0) {  /* the first version was never stored: now it corrects */
        FZ_CHECK(!active1 && r4.replaced_id == id);
        check_active(t, &r4);
        id = r4.delivery_id;
    }
    relink();

    /* withdraw what is active; a second withdrawal is refused */
    if (id) {
        FZ_CHECK(etl_ledger_withdraw(db, id, msg, sizeof msg) == KR_OK);
        check_gone(t, id, "ingetrokken");
        FZ_CHECK(etl_ledger_withdraw(db, id, msg, sizeof msg) != KR_OK);
        FZ_CHECK(fz_int(db, "SELECT count(*) FROM levering WHERE status = 'actief' AND organisatie IS NOT NULL") == 0);
        relink();
    }

    etl_result_fini(&r1);
    etl_result_fini(&r2);
    etl_result_fini(&r3);
    etl_result_fini(&r4);
    (void)unlink(path);
    (void)unlink(path2);
    return 0;
}
