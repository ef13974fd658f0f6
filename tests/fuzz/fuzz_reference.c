/*
 * libFuzzer target for the reference types (regios, sites, gemeenten,
 * organisaties, afspraken, doelen, referenties): every input becomes one
 * reference list, ingested into an in-memory database that holds the
 * reference data of samples/referentie, and sent again. Then two fixed
 * extracts are ingested and linked against the registers as the input left
 * them. Build and run: tests/fuzz/README.md.
 */
#include "fuzz_util.h"
#include "../../engine/engine.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Extracts that use every register: municipalities (and mergers), organisations, periods. */
static const char zwangerschap[] =
    "client_pseudoniem,a_terme_datum,gemeentecode,leeftijdsklasse,pariteit,intake_datum,lijn_intake\n"
    "4d1f59693077d09ac4e8d5709ea4252cca5fb1d3299e10698392a17e7a90f955,2025-01-09,GM1883,30-34,1,2024-06-04,1\n"
    "da06140f5cbdad26e97f0cd791d5762de846c8ad921464068113c41c2b6507f9,2025-02-01,GM0917,25-29,0,2024-06-25,1\n"
    "a47a3409353aee72ee0cc5f2523cd3f20d484e81fa39bd0845e069f6b29c9d93,2025-02-21,GM0917,<20,0,2024-08-07,1\n"
    "";
static const char overdracht[] =
    "client_pseudoniem;a_terme_datum;geboortedatum;van_organisatie;naar_organisatie;soort;signaleringsdatum;"
    "verzonden_datum;ontvangen_datum;warm\x0d\n"
    "a3e88e45e43fce0c0be0229d1fdfc21e67964abc575b2b69eb932a9c17259665;08-02-2025;;VP-ZL-1;JGZ-ZL;jgz_prenataal;"
    "05-07-2024;14-07-2024;15-07-2024;ja\x0d\n"
    "75f1bc5103179703fa59c589a52fd174081a519603fdfe9516c11cce5cc54c07;5-3-2025;;VP-ZL-1;JGZ-ZL;jgz_prenataal;"
    "17-8-2024;21-8-2024;23-8-2024;ja\x0d\n"
    "75f1bc5103179703fa59c589a52fd174081a519603fdfe9516c11cce5cc54c07;05-03-2025;;VP-ZL-1;KNP-ZL;mdo_aanmelding;"
    "17-08-2024;21-08-2024;22-08-2024;ja\x0d\n"
    "";

static const char *dir;
static sqlite3 *base, *db;
static const etl_type *refs[8];
static long long base_rows[8];
static size_t nrefs;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    char err[256], sql[128];
    (void)argc;
    (void)argv;
    dir = fz_scratch("fuzz-reference");
    base = fz_reference_db(dir);
    FZ_CHECK(kr_db_open_memory(&db, err, sizeof err) == KR_OK);
    for (size_t i = 0; i < etl_ntypes && nrefs < 8; i++)
        if (etl_types[i].reference) {
            (void)snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", etl_types[i].name);
            base_rows[nrefs] = fz_int(base, sql);
            FZ_CHECK(base_rows[nrefs] > 0);
            refs[nrefs++] = &etl_types[i];
        }
    return 0;
}

static void ingest(const char *path, etl_result *res)
{
    etl_options o;
    etl_session *s = NULL;
    etl_options_init(&o);
    o.indicator_known = eng_indicator_known;
    o.accept_partial = 1;
    FZ_CHECK(etl_session_new(db, &o, &s) == KR_OK);
    etl_session_check(s, path, res);
    etl_session_free(s);
    fz_render(res);
    if (strcmp(res->outcome, "actief") == 0)
        FZ_CHECK(res->rows_accepted + res->rows_rejected + res->rows_skipped == res->rows_read);
    else if (strcmp(res->outcome, "geweigerd") == 0)
        FZ_CHECK(res->refusal != KR_F_FAILED && res->refusal != KR_EDB && res->refusal != KR_EIO);
}

static void ingest_text(const char *name, const char *text)
{
    char path[512];
    etl_result r;
    (void)snprintf(path, sizeof path, "%s/%s", dir, name);
    fz_write(path, text, strlen(text));
    ingest(path, &r);
    etl_result_fini(&r);
    (void)unlink(path);
}

/* data[0] % 7 picks the reference type, in the order of etl/spec.c; the rest is the file. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[512], sql[256];
    etl_result r1, r2;
    etl_link_stats ls;

    if (size < 1)
        return 0;
    size_t k = data[0] % nrefs;
    const etl_type *t = refs[k];
    fz_restore(db, base);
    (void)snprintf(path, sizeof path, "%s/%s.csv", dir, t->name);
    fz_write(path, data + 1, size - 1);

    ingest(path, &r1);
    (void)snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", t->name);
    long long rows = fz_int(db, sql);
    (void)snprintf(sql, sizeof sql, "SELECT count(*) FROM levering WHERE type = '%s' AND status = 'actief'", t->name);
    FZ_CHECK(fz_int(db, sql) == 1);
    if (strcmp(r1.outcome, "actief") == 0) {
        /* the list is replaced whole */
        FZ_CHECK(rows == r1.rows_accepted);
        (void)snprintf(sql, sizeof sql, "SELECT count(*) FROM %s WHERE levering_id <> %lld", t->name, r1.delivery_id);
        FZ_CHECK(fz_int(db, sql) == 0);
        ingest(path, &r2);
        FZ_CHECK(strcmp(r2.outcome, "identiek") == 0 && r2.delivery_id == r1.delivery_id);
        etl_result_fini(&r2);
    } else {
        FZ_CHECK(rows == base_rows[k]);
    }
    etl_result_fini(&r1);
    (void)unlink(path);

    /* extracts against the registers as they are now */
    ingest_text("zwangerschap_VP-ZL-1_2025Q1.csv", zwangerschap);
    ingest_text("overdracht_VP-ZL-1_2025Q1.csv", overdracht);
    FZ_CHECK(etl_link(db, 0, 0, NULL, NULL, &ls, NULL, 0) == KR_OK);
    return 0;
}
