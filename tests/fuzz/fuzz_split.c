/*
 * libFuzzer target for the line splitter of etl/dialect.c: its fast path split_plain (lines
 * without a quote, split without libcsv) must give exactly what libcsv gives. Each input is
 * one file, validated twice through the reader (dry run, no database): with the fast path and
 * with every line to libcsv; the rows as split and the whole result must be the same
 * (tests/split_diff.h). Build and run: tests/fuzz/README.md.
 */
#include "fuzz_util.h"
#include "../split_diff.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum {
    S_HEADER = 3u,      /* 0: the body is the whole file; 1 ';', 2 ',', 3 TAB: a header of the type's columns first */
    S_CRLF = 1u << 2,   /* the lines added end in CRLF */
    S_SEP = 1u << 3,    /* an Excel "sep=" line first (the header's delimiter, or ';') */
    S_BLANK = 1u << 4,  /* blank lines before the header */
    S_LONG = 1u << 5,   /* a line of about 64 KiB (split_plain takes lines up to MAX_FIELD / 16) before the body */
    S_BLOCK = 1u << 6   /* the body starts just before the end of the first 1 MiB block (CHUNK) */
};

static const char *dir;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    dir = fz_scratch("fuzz-split");
    return 0;
}

static void put(kr_buf *b, const void *p, size_t n) { FZ_CHECK(kr_buf_append(b, p, n) == KR_OK); }

static void put_eol(kr_buf *b, unsigned flags) { put(b, flags & S_CRLF ? "\r\n" : "\n", flags & S_CRLF ? 2u : 1u); }

/*
 * data[0]: the S_* flags; data[1]: the type (% etl_ntypes), its high nibble also the length
 * of the long line and the place of the block end; the rest is the body, as it is.
 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char delims[] = {';', ',', '\t'};
    char path[512], msg[1200];
    kr_buf file;

    if (size < 2)
        return 0;
    unsigned flags = data[0], k = data[1] >> 4;
    const etl_type *t = &etl_types[data[1] % etl_ntypes];
    char delim = (flags & S_HEADER) ? delims[(flags & S_HEADER) - 1] : ';';
    if (t->reference)
        (void)snprintf(path, sizeof path, "%s/%s.csv", dir, t->name);
    else
        (void)snprintf(path, sizeof path, "%s/%s_VP-A_2025Q1.csv", dir, t->name);
    kr_buf_init(&file, 4u << 20);

    if (flags & S_SEP) {
        char sep[5] = {'s', 'e', 'p', '=', delim};
        put(&file, sep, sizeof sep);
        put_eol(&file, flags);
    }
    if (flags & S_BLANK) {
        put(&file, " \t", 2);
        put_eol(&file, flags);
        put_eol(&file, flags);
    }
    if (flags & S_HEADER) {
        for (size_t c = 0; c < t->ncols; c++) {
            if (c)
                put(&file, &delim, 1);
            put(&file, t->cols[c].name, strlen(t->cols[c].name));
        }
        put_eol(&file, flags);
    }
    if (flags & S_LONG) {  /* 65528 to 65543 bytes with its line end: on both sides of the fast path's bound */
        static const char pat[] = "ab c;de\t;f ;  g;";
        size_t len = (size_t)(MAX_FIELD / 16) - 8 + k - (flags & S_CRLF ? 2u : 1u);
        for (size_t i = 0; i < len; i++) {
            char c = pat[i % (sizeof pat - 1)];
            put(&file, c == ';' ? &delim : &c, 1);
        }
        put_eol(&file, flags);
    }
    if (flags & S_BLOCK) {  /* a blank line of spaces: the body starts 1 to 241 bytes before the first block ends */
        size_t want = CHUNK - 1 - 16 * k;
        if (file.len + 1 < want) {
            size_t pad = want - file.len - 1;
            char *sp = malloc(pad);
            FZ_CHECK(sp != NULL);
            memset(sp, ' ', pad);
            put(&file, sp, pad);
            free(sp);
            put(&file, "\n", 1);
        }
    }
    put(&file, data + 2, size - 2);

    long plain_rows = 0;
    if (sd_check(path, file.data, file.len, &plain_rows, msg, sizeof msg)) {
        fprintf(stderr, "fuzz_split: %s\n", msg);
        fz_fail(__FILE__, __LINE__, "split_plain and libcsv agree");
    }
    (void)unlink(path);
    kr_buf_fini(&file);
    return 0;
}
