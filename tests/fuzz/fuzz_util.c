/*
 * Helpers shared by the libFuzzer targets (fuzz_util.h): scratch folder,
 * files, and the reference database that each run starts from.
 */
#include "fuzz_util.h"
#include "../../engine/engine.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Embedded from samples/referentie/ by tools/embed.sh (see the Makefile). */
extern const char smp_ref_regios[], smp_ref_sites[], smp_ref_gemeenten[], smp_ref_organisaties[],
    smp_ref_afspraken[], smp_ref_doelen[], smp_ref_referenties[];

static const struct {
    const char *type;
    const char *text;
} ref_files[] = {
    {"regios", smp_ref_regios},       {"sites", smp_ref_sites},
    {"gemeenten", smp_ref_gemeenten}, {"organisaties", smp_ref_organisaties},
    {"afspraken", smp_ref_afspraken}, {"doelen", smp_ref_doelen},
    {"referenties", smp_ref_referenties},
};

static char scratch[64];

void fz_fail(const char *file, int line, const char *what)
{
    fprintf(stderr, "fuzz: %s:%d: check failed: %s\n", file, line, what);
    abort();
}

void fz_clear(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char path[512];
    if (!d)
        return;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        (void)snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        (void)unlink(path);
    }
    closedir(d);
}

static void remove_scratch(void)
{
    char sub[128];
    if (!scratch[0])
        return;
    /* one level of folders (the feedback folder) */
    DIR *d = opendir(scratch);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        (void)snprintf(sub, sizeof sub, "%s/%s", scratch, e->d_name);
        fz_clear(sub);
        (void)rmdir(sub);
    }
    if (d)
        closedir(d);
    fz_clear(scratch);
    (void)rmdir(scratch);
}

const char *fz_scratch(const char *name)
{
    (void)snprintf(scratch, sizeof scratch, "/tmp/kansrijk-%s-XXXXXX", name);
    if (!mkdtemp(scratch))
        fz_fail(__FILE__, __LINE__, "mkdtemp");
    atexit(remove_scratch);
    return scratch;
}

void fz_write(const char *path, const void *data, size_t n)
{
    const char *p = data;
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    FZ_CHECK(fd >= 0);
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        FZ_CHECK(w > 0);
        p += w;
        n -= (size_t)w;
    }
    FZ_CHECK(close(fd) == 0);
}

long long fz_int(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    long long v = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

sqlite3 *fz_reference_db(const char *dir)
{
    sqlite3 *db = NULL;
    char err[256] = "", path[512];
    etl_options o;
    etl_session *s = NULL;
    etl_result res;
    FZ_CHECK(kr_db_open_memory(&db, err, sizeof err) == KR_OK);
    etl_options_init(&o);
    o.indicator_known = eng_indicator_known;
    FZ_CHECK(etl_session_new(db, &o, &s) == KR_OK);
    for (size_t i = 0; i < sizeof ref_files / sizeof ref_files[0]; i++) {
        (void)snprintf(path, sizeof path, "%s/%s.csv", dir, ref_files[i].type);
        fz_write(path, ref_files[i].text, strlen(ref_files[i].text));
        etl_session_check(s, path, &res);
        if (strcmp(res.outcome, "actief") != 0) {
            etl_result_print(stderr, &res);
            fz_fail(__FILE__, __LINE__, "the reference data of samples/referentie is accepted");
        }
        etl_result_fini(&res);
        (void)unlink(path);
    }
    etl_session_free(s);
    return db;
}

void fz_restore(sqlite3 *dst, sqlite3 *src)
{
    sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
    FZ_CHECK(b != NULL);
    FZ_CHECK(sqlite3_backup_step(b, -1) == SQLITE_DONE);
    FZ_CHECK(sqlite3_backup_finish(b) == SQLITE_OK);
}

void fz_render(const etl_result *r)
{
    static FILE *out;
    if (!out) {
        const char *e = getenv("KANSRIJK_FUZZ_VERBOSE");
        out = e && *e == '1' ? stderr : fopen("/dev/null", "w");
    }
    FZ_CHECK(out != NULL);
    etl_result_print(out, r);
    char *json = etl_results_json(r, 1);
    FZ_CHECK(json != NULL);
    free(json);
}

/* One feedback file, as fb_field in etl/ingest.c writes it. */
static void check_feedback_text(const char *s, size_t n)
{
    size_t i = 0;
    if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < n) {
        FZ_CHECK(s[i] == '"');
        i++;
        FZ_CHECK(i >= n || (s[i] != '=' && s[i] != '+' && s[i] != '-' && s[i] != '@'));
        for (;;) {
            FZ_CHECK(i < n);
            if (s[i] == '"' && i + 1 < n && s[i + 1] == '"') {
                i += 2;
                continue;
            }
            if (s[i] == '"')
                break;
            i++;
        }
        i++;
        if (i < n && s[i] == ';') {
            i++;
            continue;
        }
        FZ_CHECK(i + 1 < n && s[i] == '\r' && s[i + 1] == '\n');
        i += 2;
    }
}

void fz_check_feedback(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char path[512];
    FZ_CHECK(d != NULL);
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        (void)snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        FILE *f = fopen(path, "rb");
        FZ_CHECK(f != NULL);
        kr_buf b;
        char chunk[4096];
        size_t got;
        kr_buf_init(&b, 64u << 20);
        while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
            FZ_CHECK(kr_buf_append(&b, chunk, got) == KR_OK);
        fclose(f);
        check_feedback_text(b.data ? b.data : "", b.len);
        kr_buf_fini(&b);
    }
    closedir(d);
}
