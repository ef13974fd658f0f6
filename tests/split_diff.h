/*
 * The differential check of the line splitter, shared by tests/test_etl.c and
 * tests/fuzz/fuzz_split.c: one file validated twice (dry run, no database), with the fast
 * path split_plain of etl/dialect.c on and off (every line to libcsv); the rows as split
 * (fields, their bytes, line numbers, event counts) and the whole result must be the same.
 */
#ifndef TESTS_SPLIT_DIFF_H
#define TESTS_SPLIT_DIFF_H

#include "../etl/ingest_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What one validation split: each row as text, appended as it ends. */
typedef struct sd_trace {
    kr_buf b;
    long rows;
    long plain_rows;  /* rows whose fields split_plain gave */
    int full;         /* the trace outgrew its bound: not comparable */
} sd_trace;

static void sd_put(sd_trace *t, const void *p, size_t n)
{
    if (!t->full && kr_buf_append(&t->b, p, n) != KR_OK)
        t->full = 1;
}

/* etl_session.row_split: the row's place, its counts and every field kept, length first. */
static void sd_row(const struct run *R, void *ctx)
{
    sd_trace *t = ctx;
    const char *text = R->plain ? R->plain : R->row.data;
    char head[160];
    int w = snprintf(head, sizeof head, "row %ld line %ld nf %d extra %d events %lld\n", R->row_start, R->line, R->nf,
                     R->extra_fields, R->csv_events);
    sd_put(t, head, (size_t)w);
    for (int f = 0; f < R->nf; f++) {
        w = snprintf(head, sizeof head, "  %zu [", R->flen[f]);
        sd_put(t, head, (size_t)w);
        if (R->flen[f] > 0)
            sd_put(t, text + R->foff[f], R->flen[f]);
        sd_put(t, "]\n", 2);
    }
    t->rows++;
    t->plain_rows += R->plain != NULL;
}

/* Write n bytes to path; 0 on failure. */
static int sd_write(const char *path, const void *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return 0;
    int ok = fwrite(data, 1, n, f) == n;
    return fclose(f) == 0 && ok;
}

/* Validate path as `kansrijk validate` does, the fast path on (no_split_plain 0) or off; caller finis t->b and res. */
static kr_status sd_validate(const char *path, int no_split_plain, sd_trace *t, etl_result *res)
{
    etl_options o;
    etl_session *s = NULL;
    memset(t, 0, sizeof *t);
    kr_buf_init(&t->b, 256u << 20);
    etl_options_init(&o);
    o.dry_run = 1;
    kr_status st = etl_session_new(NULL, &o, &s);
    if (st != KR_OK) {
        memset(res, 0, sizeof *res);
        return st;
    }
    s->no_split_plain = no_split_plain;
    s->row_split = sd_row;
    s->row_split_ctx = t;
    etl_session_check(s, path, res);
    etl_session_free(s);
    return KR_OK;
}

/* A printable excerpt of s[at - 40, at + 40) (n bytes in all) into out. */
static void sd_excerpt(const char *s, size_t n, size_t at, char *out, size_t cap)
{
    size_t k = 0, i = at > 40 ? at - 40 : 0;
    for (; i < n && i < at + 40 && k + 5 < cap; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x7f) {
            out[k++] = (char)c;
        } else {
            (void)snprintf(out + k, cap - k, "\\x%02x", c);
            k += 4;
        }
    }
    out[k] = '\0';
}

static int sd_issue_same(const etl_issue *a, const etl_issue *b)
{
    return a->code == b->code && a->line == b->line && strcmp(a->column, b->column) == 0 &&
           strcmp(a->value, b->value) == 0 && strcmp(a->msg_en, b->msg_en) == 0 && strcmp(a->msg_nl, b->msg_nl) == 0;
}

static int sd_reason_same(const etl_reason *a, const etl_reason *b)
{
    if (a->code != b->code || a->warning != b->warning || a->count != b->count || a->nlines != b->nlines ||
        strcmp(a->column, b->column) != 0 || strcmp(a->example, b->example) != 0)
        return 0;
    for (int i = 0; i < a->nlines && i < ETL_FIRST_LINES; i++)
        if (a->lines[i] != b->lines[i])
            return 0;
    return 1;
}

/* 0 when the two results say the same; otherwise 1 and what differs first in msg. */
static int sd_results_differ(const etl_result *a, const etl_result *b, char *msg, size_t cap)
{
    const char *what = NULL;
    if (a->refusal != b->refusal || strcmp(a->refusal_en, b->refusal_en) != 0 ||
        strcmp(a->refusal_nl, b->refusal_nl) != 0)
        what = "refusal";
    else if (strcmp(a->outcome, b->outcome) != 0 || a->exit_code != b->exit_code)
        what = "outcome";
    else if (strcmp(a->dialect, b->dialect) != 0 || a->bytes != b->bytes || strcmp(a->sha256, b->sha256) != 0)
        what = "dialect, size or hash";
    else if (a->rows_read != b->rows_read || a->rows_accepted != b->rows_accepted ||
             a->rows_rejected != b->rows_rejected || a->rows_skipped != b->rows_skipped || a->warnings != b->warnings)
        what = "row counts";
    else if (a->nerrors != b->nerrors || a->nwarns != b->nwarns || a->nreasons != b->nreasons)
        what = "number of errors, warnings or reasons";
    for (size_t i = 0; !what && i < a->nerrors; i++)
        if (!sd_issue_same(&a->errors[i], &b->errors[i]))
            what = "an error";
    for (size_t i = 0; !what && i < a->nwarns; i++)
        if (!sd_issue_same(&a->warns[i], &b->warns[i]))
            what = "a warning";
    for (size_t i = 0; !what && i < a->nreasons; i++)
        if (!sd_reason_same(&a->reasons[i], &b->reasons[i]))
            what = "a reason";
    if (!what)
        return 0;
    (void)snprintf(msg, cap,
                   "the results differ in %s (fast path: refusal %d \"%.160s\", %ld read, %ld rejected; libcsv: "
                   "refusal %d \"%.160s\", %ld read, %ld rejected)", what, (int)a->refusal, a->refusal_en, a->rows_read,
                   a->rows_rejected, (int)b->refusal, b->refusal_en, b->rows_read, b->rows_rejected);
    return 1;
}

/* 0 when the two traces are the same; otherwise 1 and where they part in msg. */
static int sd_traces_differ(const sd_trace *a, const sd_trace *b, char *msg, size_t cap)
{
    char ea[400], eb[400];
    if (a->full || b->full) {
        (void)snprintf(msg, cap, "a trace outgrew its bound");
        return 1;
    }
    if (a->b.len == b->b.len && (a->b.len == 0 || memcmp(a->b.data, b->b.data, a->b.len) == 0))
        return 0;
    size_t at = 0;
    while (at < a->b.len && at < b->b.len && a->b.data[at] == b->b.data[at])
        at++;
    sd_excerpt(a->b.data ? a->b.data : "", a->b.len, at, ea, sizeof ea);
    sd_excerpt(b->b.data ? b->b.data : "", b->b.len, at, eb, sizeof eb);
    (void)snprintf(msg, cap,
                   "the rows as split differ at byte %zu (%ld rows with the fast path, %ld with libcsv only):\n"
                   "  fast path: ...%s...\n  libcsv:    ...%s...", at, a->rows, b->rows, ea, eb);
    return 1;
}

/*
 * Write the n bytes of data to path and validate the file with the fast path on and off.
 * 0 when both agree in every row as split and in the whole result; otherwise 1 and the first
 * difference in msg. *plain_rows: the rows split_plain gave in the first run (may be NULL);
 * a second run that got any is a difference too (the switch did not hold).
 */
static int sd_check(const char *path, const void *data, size_t n, long *plain_rows, char *msg, size_t cap)
{
    sd_trace ta, tb;
    etl_result ra, rb;
    int differ = 1;
    if (!sd_write(path, data, n)) {
        (void)snprintf(msg, cap, "cannot write %s", path);
        return 1;
    }
    kr_status sa = sd_validate(path, 0, &ta, &ra), sb = sd_validate(path, 1, &tb, &rb);
    if (sa != KR_OK || sb != KR_OK)
        (void)snprintf(msg, cap, "no session: %s", kr_strerror(sa != KR_OK ? sa : sb));
    else if (tb.plain_rows != 0)
        (void)snprintf(msg, cap, "no_split_plain is set but split_plain gave %ld rows", tb.plain_rows);
    else if (!sd_traces_differ(&ta, &tb, msg, cap) && !sd_results_differ(&ra, &rb, msg, cap))
        differ = 0;
    if (plain_rows)
        *plain_rows = ta.plain_rows;
    kr_buf_fini(&ta.b);
    kr_buf_fini(&tb.b);
    etl_result_fini(&ra);
    etl_result_fini(&rb);
    return differ;
}

#endif
