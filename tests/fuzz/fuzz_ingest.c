/*
 * libFuzzer target for the CSV ingest: every input becomes one extract or
 * reference file, validated as `kansrijk validate` would (dry run, no
 * database), and its report is rendered. Build and run: tests/fuzz/README.md.
 */
#include "../../etl/etl_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64];
static FILE *devnull;   /* the human summary goes here; stderr with KANSRIJK_FUZZ_VERBOSE=1 */
static int check_utf8;  /* KANSRIJK_FUZZ_UTF8=1: the JSON report must be UTF-8 */

/* 1 when s is well-formed UTF-8 by lead and continuation bytes (as the pre-pass checks). */
static int utf8_ok(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        int need = *p < 0x80 ? 0 : *p >= 0xC2 && *p <= 0xDF ? 1 : *p >= 0xE0 && *p <= 0xEF ? 2
                 : *p >= 0xF0 && *p <= 0xF4 ? 3 : -1;
        if (need < 0)
            return 0;
        p++;
        for (; need > 0; need--, p++)
            if ((*p & 0xC0) != 0x80)
                return 0;
    }
    return 1;
}

static void remove_dir(void) { (void)rmdir(dir); }

static int write_all(const char *path, const uint8_t *p, size_t n)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0)
        return -1;
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            close(fd);
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return close(fd);
}

/*
 * The first byte picks the file: type = byte % etl_ntypes, and for extracts
 * variant = byte / etl_ntypes % 3: 0 names the file <type>_VP-A_2025Q1.csv,
 * 1 <type>_VP-A_2025.csv (a year), 2 fuzz.csv with --type and --organisatie
 * but no period (validate skips the period checks). The rest is the file.
 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[256];
    etl_options o;
    etl_session *s = NULL;
    etl_result res;

    if (size < 1)
        return 0;
    if (!dir[0]) {
        (void)snprintf(dir, sizeof dir, "/tmp/kansrijk-fuzz-%ld", (long)getpid());
        if (mkdir(dir, 0700) != 0 && errno != EEXIST)
            abort();
        atexit(remove_dir);
        const char *e = getenv("KANSRIJK_FUZZ_VERBOSE");
        devnull = e && *e == '1' ? stderr : fopen("/dev/null", "w");
        if (!devnull)
            abort();
        e = getenv("KANSRIJK_FUZZ_UTF8");
        check_utf8 = e && *e == '1';
    }
    const etl_type *t = &etl_types[data[0] % etl_ntypes];
    unsigned variant = t->reference ? 0 : (unsigned)(data[0] / etl_ntypes) % 3;

    etl_options_init(&o);
    o.dry_run = 1;
    if (t->reference)
        (void)snprintf(path, sizeof path, "%s/%s.csv", dir, t->name);
    else if (variant == 0)
        (void)snprintf(path, sizeof path, "%s/%s_VP-A_2025Q1.csv", dir, t->name);
    else if (variant == 1)
        (void)snprintf(path, sizeof path, "%s/%s_VP-A_2025.csv", dir, t->name);
    else {
        (void)snprintf(path, sizeof path, "%s/fuzz.csv", dir);
        o.type = t->name;
        o.organisatie = "vp-a";
    }
    if (write_all(path, data + 1, size - 1) != 0)
        abort();

    if (etl_session_new(NULL, &o, &s) != KR_OK)
        abort();
    etl_session_check(s, path, &res);
    etl_result_print(devnull, &res);
    char *json = etl_results_json(&res, 1);
    if (json == NULL)
        abort();
    if (check_utf8 && !utf8_ok(json)) {
        fprintf(stderr, "fuzz_ingest: the JSON report is not valid UTF-8:\n%s\n", json);
        abort();
    }
    free(json);
    etl_result_fini(&res);
    etl_session_free(s);
    (void)unlink(path);
    return 0;
}
