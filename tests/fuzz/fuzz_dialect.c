/*
 * libFuzzer target for dialect and encoding detection (the pre-pass, the
 * delimiter sniffing, the BOM, "sep=" and the UTF-8 / Windows-1252 decision
 * of etl/ingest.c), through the public validate path. Each input is one
 * file body written twice: plain (a generated header, LF, UTF-8) and dressed
 * (another delimiter in the header, a BOM, CRLF, a "sep=" line, blank lines
 * before the header, or Windows-1252 bytes). Both must give the same verdict.
 * Build and run: tests/fuzz/README.md.
 */
#include "fuzz_util.h"

#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum {
    D_DELIM = 3u,       /* 0 ';', 1 ',', 2 TAB in the header; 3: the body is the whole file */
    D_BOM = 1u << 2,    /* a UTF-8 BOM */
    D_CRLF = 1u << 3,   /* every LF written as CRLF */
    D_SEP = 1u << 4,    /* an Excel "sep=" line first */
    D_BLANK = 1u << 5,  /* blank lines before the header */
    D_CP1252 = 1u << 6  /* the body in Windows-1252 (no BOM then) */
};

static const char *dir;
static iconv_t to_utf8;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    dir = fz_scratch("fuzz-dialect");
    to_utf8 = iconv_open("UTF-8", "WINDOWS-1252");
    FZ_CHECK(to_utf8 != (iconv_t)-1);
    return 0;
}

/* 1 when s holds a well-formed multi-byte UTF-8 sequence (then Windows-1252 bytes may read as UTF-8). */
static int has_utf8_sequence(const uint8_t *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int need = s[i] >= 0xC2 && s[i] <= 0xDF ? 1 : s[i] >= 0xE0 && s[i] <= 0xEF ? 2
                 : s[i] >= 0xF0 && s[i] <= 0xF4 ? 3 : 0;
        if (!need)
            continue;
        int ok = 1;
        for (int k = 1; k <= need && ok; k++)
            ok = i + (size_t)k < n && (s[i + k] & 0xC0) == 0x80;
        if (ok)
            return 1;
    }
    return 0;
}

static void put(kr_buf *b, const void *p, size_t n) { FZ_CHECK(kr_buf_append(b, p, n) == KR_OK); }

/* Append s, writing each LF as CRLF when crlf is set. */
/* s, with every LF written as CRLF when crlf, as a CSV saved with CRLF line ends has them: an LF after a CR is one
 * already (doubling its CR would make a bare CR, which the dialect reads as another line end). */
static void put_text(kr_buf *b, const char *s, size_t n, int crlf)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\n' && crlf && (i == 0 || s[i - 1] != '\r'))
            put(b, "\r", 1);
        put(b, s + i, 1);
    }
}

static void validate(const char *path, const kr_buf *file, etl_result *res)
{
    etl_options o;
    etl_session *s = NULL;
    etl_options_init(&o);
    o.dry_run = 1;
    fz_write(path, file->data ? file->data : "", file->len);
    FZ_CHECK(etl_session_new(NULL, &o, &s) == KR_OK);
    etl_session_check(s, path, res);
    etl_session_free(s);
    fz_render(res);
}

/*
 * data[0]: the D_* flags; data[1]: the extract type (% 7); the rest is the
 * body, read as Windows-1252 (its undefined bytes become '?').
 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char delims[] = {';', ',', '\t'};
    char path[512];
    kr_buf plain, dressed;
    etl_result a, b;
    uint8_t *body = NULL;
    char *utf8 = NULL;

    if (size < 2)
        return 0;
    unsigned flags = data[0];
    const etl_type *t = NULL;
    for (size_t i = 0, k = 0; i < etl_ntypes; i++)
        if (!etl_types[i].reference && k++ == data[1] % 7u)
            t = &etl_types[i];
    FZ_CHECK(t != NULL);
    (void)snprintf(path, sizeof path, "%s/%s_VP-A_2025Q1.csv", dir, t->name);
    kr_buf_init(&plain, 1u << 20);
    kr_buf_init(&dressed, 1u << 20);

    size_t n = size - 2;
    body = malloc(n + 1);
    FZ_CHECK(body != NULL);
    memcpy(body, data + 2, n);
    for (size_t i = 0; i < n; i++)
        if (body[i] == 0x81 || body[i] == 0x8D || body[i] == 0x8F || body[i] == 0x90 || body[i] == 0x9D)
            body[i] = '?';
    if ((flags & D_DELIM) == 3) {  /* raw: the body is the file; only no crash and a sound report */
        put(&plain, body, n);
        validate(path, &plain, &a);
        etl_result_fini(&a);
        goto cleanup;
    }

    /* the body in UTF-8 */
    size_t cap = 3 * n + 1, il = n, ol = cap;
    utf8 = malloc(cap);
    FZ_CHECK(utf8 != NULL);
    char *ip = (char *)body, *op = utf8;
    (void)iconv(to_utf8, NULL, NULL, NULL, NULL);
    FZ_CHECK(iconv(to_utf8, &ip, &il, &op, &ol) != (size_t)-1);
    size_t un = (size_t)(op - utf8);

    /* the header: the type's columns, joined by the delimiter */
    char delim = delims[(flags & D_DELIM) % 3];
    for (size_t c = 0; c < t->ncols; c++) {
        if (c)
            put(&plain, &delim, 1);
        put(&plain, t->cols[c].name, strlen(t->cols[c].name));
    }
    size_t hdr = plain.len;
    put(&plain, "\n", 1);
    put(&plain, utf8, un);

    int cp1252 = (flags & D_CP1252) && !has_utf8_sequence(body, n);
    int bom = (flags & D_BOM) && !(flags & D_CP1252);
    int crlf = (flags & D_CRLF) != 0;
    long shift = 0;  /* lines added before the header */
    if (bom)
        put(&dressed, "\xEF\xBB\xBF", 3);
    if (flags & D_SEP) {
        char sep[8] = {'s', 'e', 'p', '=', delim, '\n'};
        put_text(&dressed, sep, 6, crlf);
        shift++;
    }
    if (flags & D_BLANK) {
        put_text(&dressed, "\n \n", 3, crlf);
        shift += 2;
    }
    put_text(&dressed, plain.data, hdr + 1, crlf);
    if (cp1252)
        put_text(&dressed, (const char *)body, n, crlf);
    else
        put_text(&dressed, utf8, un, crlf);

    validate(path, &plain, &a);
    validate(path, &dressed, &b);

    /* an unreadable body is refused however it is dressed; otherwise the verdicts agree */
    FZ_CHECK(a.refusal == b.refusal);
    FZ_CHECK(a.rows_read == b.rows_read && a.rows_accepted == b.rows_accepted);
    FZ_CHECK(a.rows_rejected == b.rows_rejected && a.rows_skipped == b.rows_skipped);
    FZ_CHECK(a.nerrors == b.nerrors);
    for (size_t i = 0; i < a.nerrors; i++) {
        FZ_CHECK(a.errors[i].code == b.errors[i].code);
        FZ_CHECK(strcmp(a.errors[i].column, b.errors[i].column) == 0);
        FZ_CHECK(a.errors[i].line == 0 || a.errors[i].line + shift == b.errors[i].line);
    }
    if (a.refusal != KR_F_NOT_TEXT) {
        /* the dialect as written: delimiter, encoding, BOM */
        char want[48];
        int hi = 0;
        for (size_t i = 0; i < n && !hi; i++)
            hi = body[i] >= 0x80;
        (void)snprintf(want, sizeof want, "%s %s%s", delim == ';' ? ";" : delim == ',' ? "," : "TAB",
                       cp1252 && hi ? "windows-1252" : "utf-8", bom ? " bom" : "");
        FZ_CHECK(b.dialect[0] == '\0' || strcmp(b.dialect, want) == 0);
        FZ_CHECK(b.dialect[0] != '\0' || b.refusal != KR_OK);
    }
    etl_result_fini(&a);
    etl_result_fini(&b);
cleanup:
    (void)unlink(path);
    kr_buf_fini(&plain);
    kr_buf_fini(&dressed);
    free(body);
    free(utf8);
    return 0;
}
