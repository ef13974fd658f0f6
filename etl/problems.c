/*
 * Recording what is wrong with a file or a row: rejected rows and warnings (counted, stored masked, written to the
 * partner's feedback file), and refusals of a whole file.
 */
#include "ingest_int.h"
#include "../core/stmt.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <nettle/sha2.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- recording problems ------------------------------------------------------------ */

void etl_reason_add(etl_result *res, kr_status code, int warning, const char *column, long line, const char *msg_en,
                    const char *msg_nl)
{
    etl_reason *z = NULL;
    for (size_t i = 0; i < res->nreasons; i++)
        if (res->reasons[i].code == code && strcmp(res->reasons[i].column, column) == 0) {
            z = &res->reasons[i];
            break;
        }
    if (z == NULL) {
        if (res->nreasons == ETL_MAX_REASONS)
            z = &res->reasons[ETL_MAX_REASONS - 1];  /* the last slot collects the rest */
        else {
            z = &res->reasons[res->nreasons++];
            memset(z, 0, sizeof *z);
            z->code = code;
            z->warning = warning;
            kr_strlcpy(z->column, column, sizeof z->column);
            kr_strlcpy(z->example, msg_en, sizeof z->example);
            kr_strlcpy(z->example_nl, msg_nl, sizeof z->example_nl);
        }
    }
    z->count++;
    if (z->nlines < ETL_FIRST_LINES && line > 0)
        z->lines[z->nlines++] = line;
}

void etl_issue_list_add(etl_issue **list, size_t *n, const etl_issue *is)
{
    if (*n >= ETL_MAX_LISTED)
        return;
    if (*n % 64 == 0) {
        etl_issue *p = realloc(*list, (*n + 64) * sizeof *p);
        if (!p)
            return;
        *list = p;
    }
    (*list)[(*n)++] = *is;
}

/* One field of the feedback CSV, quoted (a value that looks like a formula gets a leading '). */
static void fb_field(FILE *f, const char *s, int last)
{
    kr_csv_text(f, s, ';', 1);
    fputs(last ? "\r\n" : ";", f);
}

void etl_fb_write(run *R, const char *kind, const etl_issue *is)
{
    if (!R->fb)
        return;
    char line[24] = "";
    if (is->line > 0)
        (void)snprintf(line, sizeof line, "%ld", is->line);
    fb_field(R->fb, R->res->file, 0);
    fb_field(R->fb, line, 0);
    fb_field(R->fb, is->column, 0);
    fb_field(R->fb, is->value, 0);
    fb_field(R->fb, kind, 0);
    fb_field(R->fb, is->msg_nl, 1);
}

static void store_issue(run *R, sqlite3_stmt *st, const etl_issue *is)
{
    if (st == NULL || R->db_fail != KR_OK)
        return;
    if (kr_stmt_run(st,
                    KR_ROW(KR_INT(R->lev_id), is->line > 0 ? KR_INT(is->line) : KR_NULL, kr_text_or_null(is->column),
                           KR_TEXT(is->value), KR_TEXT(kr_status_id(is->code)), KR_TEXT(is->msg_en),
                           KR_TEXT(is->msg_nl)),
                    NULL, 0) != KR_OK)
        etl_db_failed(R);
}

static void vissue(run *R, etl_issue *is, long line, const char *column, kr_status code, const char *fmt,
                   va_list ap)
{
    (void)R;
    va_list ap2;
    va_copy(ap2, ap);
    is->code = code;
    is->line = line;
    kr_strlcpy(is->column, column ? column : "", sizeof is->column);
    (void)vsnprintf(is->msg_en, sizeof is->msg_en, fmt, ap);
    (void)vsnprintf(is->msg_nl, sizeof is->msg_nl, kr_nl(fmt), ap2);
    va_end(ap2);
    kr_hidden_in_english(is->msg_en);  /* [verborgen] in Dutch and stored, [hidden] in English */
}

/* The length of the invisible space at s (at most n bytes; no-break, narrow, figure, zero-width, BOM), or 0. */
static size_t wide_blank(const unsigned char *s, size_t n)
{
    if (n >= 2 && s[0] == 0xC2 && s[1] == 0xA0)
        return 2;
    if (n >= 3 && s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0x87 || s[2] == 0x8B || s[2] == 0xAF))
        return 3;
    if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
        return 3;
    return 0;
}

/* The last invisible space of (s, n), as wide_blank, or 0. */
static size_t wide_blank_end(const unsigned char *s, size_t n)
{
    for (size_t k = 2; k <= 3 && k <= n; k++)
        if (wide_blank(s + n - k, k) == k)
            return k;
    return 0;
}

const char *etl_trim(const char *s, size_t *n)
{
    size_t len = *n, k;
    s = kr_trim(s, &len);
    for (int more = 1; more;) {
        more = 0;
        if ((k = wide_blank((const unsigned char *)s, len)) != 0) {
            s += k;
            len -= k;
            more = 1;
        }
        if ((k = wide_blank_end((const unsigned char *)s, len)) != 0) {
            len -= k;
            more = 1;
        }
        if (more)
            s = kr_trim(s, &len);
    }
    *n = len;
    return s;
}

/* The length of the UTF-8 character at s (at most n bytes), or 0 when the bytes there break UTF-8. */
static size_t utf8_char_len(const char *s, size_t n)
{
    unsigned char c = (unsigned char)s[0];
    size_t k = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (k == 0 || k > n)
        return 0;
    for (size_t i = 1; i < k; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            return 0;
    return k;
}

int etl_utf8_valid(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        size_t k = utf8_char_len(s + i, n - i);
        if (k == 0)
            return 0;
        i += k;
    }
    return 1;
}

/* The raw value of spec column col of the current row, masked. */
void etl_masked_value(run *R, int col, char *out, size_t cap)
{
    out[0] = '\0';
    if (col < 0 || R->spec_to_file[col] < 0 || R->spec_to_file[col] >= R->nf)
        return;
    int f = R->spec_to_file[col];
    etl_ctype t = R->type->cols[col].type;
    etl_mask_column(R->tval[f], R->tlen[f], t, R->type->cols[col].codes, out, cap);
    /* bytes that break UTF-8 would break the JSON report and the feedback file: show them as '?' */
    for (size_t i = 0, n = strlen(out); i < n;) {
        size_t k = utf8_char_len(out + i, n - i);
        if (k == 0)
            out[i++] = '?';
        else
            i += k;
    }
}

static void row_issue(etl_row *r, int col, kr_status code, int warning, const char *fmt, va_list ap)
{
    run *R = r->ctx;
    etl_issue is;
    vissue(R, &is, r->line, col >= 0 ? R->type->cols[col].name : "", code, fmt, ap);
    etl_masked_value(R, col, is.value, sizeof is.value);
    etl_reason_add(R->res, code, warning, is.column, is.line, is.msg_en, is.msg_nl);
    if (warning) {
        R->res->warnings++;
        etl_issue_list_add(&R->res->warns, &R->res->nwarns, &is);
        store_issue(R, R->ins_warn, &is);
        etl_fb_write(R, "waarschuwing", &is);
    } else {
        r->rejected = 1;
        etl_issue_list_add(&R->res->errors, &R->res->nerrors, &is);
        store_issue(R, R->ins_rej, &is);
        etl_fb_write(R, "afgewezen", &is);
    }
}

void etl_row_reject(etl_row *r, int col, kr_status code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    row_issue(r, col, code, 0, fmt, ap);
    va_end(ap);
}

void etl_row_warn(etl_row *r, int col, kr_status code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    row_issue(r, col, code, 1, fmt, ap);
    va_end(ap);
}

/* A warning about the file as a whole (line 0 = no line). */
void etl_file_warn(run *R, kr_status code, long line, const char *column, const char *fmt, ...)
{
    etl_issue is;
    va_list ap;
    va_start(ap, fmt);
    vissue(R, &is, line, column, code, fmt, ap);
    va_end(ap);
    is.value[0] = '\0';
    R->res->warnings++;
    etl_reason_add(R->res, code, 1, is.column, line, is.msg_en, is.msg_nl);
    etl_issue_list_add(&R->res->warns, &R->res->nwarns, &is);
    store_issue(R, R->ins_warn, &is);
    etl_fb_write(R, "waarschuwing", &is);
}

/* Refuse the whole file; the first refusal counts. */
void etl_refuse(run *R, kr_status code, const char *fmt, ...)
{
    if (R->res->refusal != KR_OK)
        return;
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    R->res->refusal = code;
    (void)vsnprintf(R->res->refusal_en, sizeof R->res->refusal_en, fmt, ap);
    (void)vsnprintf(R->res->refusal_nl, sizeof R->res->refusal_nl, kr_nl(fmt), ap2);
    va_end(ap2);
    va_end(ap);
    kr_hidden_in_english(R->res->refusal_en);
    R->stop = 1;
}

