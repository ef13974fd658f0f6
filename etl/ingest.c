/*
 * Ingest and validate partner extracts: dialect sniffing, header mapping, the
 * direct-identifier guard, every row rule, and storing a delivery in one
 * transaction with its ledger entry, rejected rows and warnings. Rows stream
 * from libcsv callbacks to prepared statements; memory does not grow with
 * the file (the in-file duplicate set excepted: 16 bytes a row).
 */
#include "etl_int.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <nettle/sha2.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHUNK (1u << 20)            /* read size */
#define MAX_FIELD (1u << 20)        /* a field may hold at most 1 MiB */
#define MAX_FIELDS 256              /* fields kept per row */
#define MAX_ROW (4u << 20)          /* bytes kept per row */
#define MAX_MERGED 32               /* distinct merged municipality codes reported */

/* ---- registry: what the database knows about codes ------------------------ */

typedef struct reg_org {
    char code[40];
    int lijn;
    int synthetisch;
} reg_org;

typedef struct reg_gm {
    char code[8];
    char successor[8];  /* the final successor, or the code itself */
} reg_gm;

typedef struct reg_code {
    char code[40];
} reg_code;

typedef struct registry {
    int loaded;
    reg_org *orgs;
    size_t norgs;
    reg_gm *gms;
    size_t ngms;
    reg_code *regios;
    size_t nregios;
    reg_code *sites;
    size_t nsites;
} registry;

/* ---- the session and one file's run ------------------------------------------ */

struct etl_session {
    sqlite3 *db;
    const etl_options *o;
    registry reg;
};

typedef struct keyset {
    uint64_t *slots;
    size_t cap;
    size_t n;
} keyset;

typedef struct merged_use {
    char from[8], to[8];
    long count, first_line;
} merged_use;

typedef struct colstat {
    long nonempty;
    long ident;
} colstat;

typedef struct run {
    etl_session *s;
    etl_result *res;
    const etl_type *type;
    char org[48];
    kr_period period;
    int has_period;
    int cp1252;
    int bom;

    /* parsing */
    struct csv_parser p;
    int p_inited;
    unsigned char delim;
    kr_buf row;                 /* the current row's fields, back to back */
    size_t foff[MAX_FIELDS];
    size_t flen[MAX_FIELDS];
    const char *tval[MAX_FIELDS];  /* the fields trimmed, for this row */
    size_t tlen[MAX_FIELDS];
    int nf;
    int extra_fields;           /* fields beyond MAX_FIELDS */
    long line;                  /* physical line being fed (1-based) */
    long row_start;             /* line on which the current row starts */
    int between_rows;
    int stop;                   /* a refusal: stop parsing */
    kr_status csv_fail;         /* why libcsv stopped */

    /* header */
    int header_done;
    int nhdr;
    int spec_to_file[24];       /* spec column -> file column, or -1 */
    int file_to_spec[MAX_FIELDS];
    colstat cstat[MAX_FIELDS];
    char hdr_names[MAX_FIELDS][48];

    /* the row under validation */
    etl_row r;
    int org_col;                /* the organisatie column of an extract, or -1 */
    char keycols[200];          /* the key columns, for messages */
    int synth_col;              /* organisaties.synthetisch, or -1 */
    int64_t key;
    char canon[24][80];
    char listbuf[512];
    keyset keys;
    merged_use merged[MAX_MERGED];
    size_t nmerged;

    /* storage */
    sqlite3_stmt *ins;
    sqlite3_stmt *ins_rej;
    sqlite3_stmt *ins_warn;
    long long lev_id;
    long long first_rowid, last_rowid;
    kr_status db_fail;
    char db_msg[256];
    FILE *fb;                   /* feedback file being written */
    int fb_discard;             /* nothing new to tell: keep the earlier file */
    char fb_tmp[1200];
    char fb_final[1200];

    /* progress */
    long long done_bytes;
    long long next_progress;
} run;

static int fail_fast(run *R) { return R->stop || R->db_fail != KR_OK; }

/* ---- small helpers ------------------------------------------------------------- */

static const char *base_name(const char *path)
{
    const char *b = strrchr(path, '/');
    return b ? b + 1 : path;
}

static void upper(char *s)
{
    for (; *s; s++)
        if (*s >= 'a' && *s <= 'z')
            *s = (char)(*s - 'a' + 'A');
}

static void lower(char *s)
{
    for (; *s; s++)
        if (*s >= 'A' && *s <= 'Z')
            *s = (char)(*s - 'A' + 'a');
}

/* Copy (s, n) into dst (cap), NUL-terminated; 0 when it does not fit. */
static int copy_n(char *dst, size_t cap, const char *s, size_t n)
{
    if (n >= cap)
        return 0;
    memcpy(dst, s, n);
    dst[n] = '\0';
    return 1;
}

static int code_chars_ok(const char *s, size_t n, int allow_underscore)
{
    if (n == 0 || n > 32)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
              (allow_underscore && c == '_')))
            return 0;
    }
    return 1;
}

static int cmp_code(const void *a, const void *b) { return strcmp((const char *)a, (const char *)b); }

/* ---- the registry ------------------------------------------------------------------ */

static void registry_fini(registry *g)
{
    free(g->orgs);
    free(g->gms);
    free(g->regios);
    free(g->sites);
    memset(g, 0, sizeof *g);
}

static kr_status load_codes(sqlite3 *db, const char *sql, reg_code **out, size_t *n, int up)
{
    sqlite3_stmt *st = NULL;
    kr_status rc = KR_OK;
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return KR_EDB;
    while (sqlite3_step(st) == SQLITE_ROW) {
        if ((rc = kr_grow(out, &cap, *n, sizeof **out, 64)) != KR_OK)
            break;
        const char *c = (const char *)sqlite3_column_text(st, 0);
        kr_strlcpy((*out)[*n].code, c ? c : "", sizeof(*out)[*n].code);
        if (up)
            upper((*out)[*n].code);
        else
            lower((*out)[*n].code);
        (*n)++;
    }
    sqlite3_finalize(st);
    if (*n)
        qsort(*out, *n, sizeof **out, cmp_code);
    return rc;
}

static kr_status registry_load(sqlite3 *db, registry *g)
{
    sqlite3_stmt *st = NULL;
    kr_status rc = KR_OK;
    size_t cap = 0;
    registry_fini(g);
    if (db == NULL)
        return KR_OK;
    if (sqlite3_prepare_v2(db, "SELECT code, lijn, synthetisch = 'ja' FROM organisaties", -1, &st, NULL) != SQLITE_OK)
        return KR_EDB;
    while (sqlite3_step(st) == SQLITE_ROW) {
        if ((rc = kr_grow(&g->orgs, &cap, g->norgs, sizeof *g->orgs, 64)) != KR_OK)
            goto cleanup;
        reg_org *o = &g->orgs[g->norgs++];
        const char *c = (const char *)sqlite3_column_text(st, 0);
        kr_strlcpy(o->code, c ? c : "", sizeof o->code);
        upper(o->code);
        o->lijn = sqlite3_column_int(st, 1);
        o->synthetisch = sqlite3_column_int(st, 2);
    }
    sqlite3_finalize(st);
    st = NULL;
    if (g->norgs)
        qsort(g->orgs, g->norgs, sizeof *g->orgs, cmp_code);

    /* municipalities, with chains of mergers followed to the end */
    if (sqlite3_prepare_v2(db,
                           "WITH RECURSIVE ketting(code, opvolger, stap) AS ("
                           "  SELECT gemeentecode, gemeentecode, 0 FROM gemeenten"
                           "  UNION ALL SELECT k.code, g.opgegaan_in, k.stap + 1 FROM ketting k"
                           "  JOIN gemeenten g ON g.gemeentecode = k.opvolger"
                           "  WHERE g.opgegaan_in IS NOT NULL AND k.stap < 20)"
                           "SELECT code, opvolger FROM ketting k WHERE stap = "
                           "  (SELECT max(stap) FROM ketting k2 WHERE k2.code = k.code)",
                           -1, &st, NULL) != SQLITE_OK) {
        rc = KR_EDB;
        goto cleanup;
    }
    cap = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        if ((rc = kr_grow(&g->gms, &cap, g->ngms, sizeof *g->gms, 64)) != KR_OK)
            goto cleanup;
        reg_gm *m = &g->gms[g->ngms++];
        const char *c = (const char *)sqlite3_column_text(st, 0);
        const char *s2 = (const char *)sqlite3_column_text(st, 1);
        kr_strlcpy(m->code, c ? c : "", sizeof m->code);
        kr_strlcpy(m->successor, s2 ? s2 : m->code, sizeof m->successor);
        upper(m->code);
        upper(m->successor);
    }
    sqlite3_finalize(st);
    st = NULL;
    if (g->ngms)
        qsort(g->gms, g->ngms, sizeof *g->gms, cmp_code);
    if ((rc = load_codes(db, "SELECT code FROM regios", &g->regios, &g->nregios, 0)) != KR_OK)
        goto cleanup;
    if ((rc = load_codes(db, "SELECT code FROM sites", &g->sites, &g->nsites, 1)) != KR_OK)
        goto cleanup;
    g->loaded = 1;
cleanup:
    sqlite3_finalize(st);
    return rc;
}

static const reg_org *find_org(const registry *g, const char *code)
{
    if (!g->norgs)
        return NULL;
    return bsearch(code, g->orgs, g->norgs, sizeof *g->orgs, cmp_code);
}

static const reg_gm *find_gm(const registry *g, const char *code)
{
    if (!g->ngms)
        return NULL;
    return bsearch(code, g->gms, g->ngms, sizeof *g->gms, cmp_code);
}

static int find_code(const reg_code *list, size_t n, const char *code)
{
    return n && bsearch(code, list, n, sizeof *list, cmp_code) != NULL;
}

/* ---- the in-file duplicate set ----------------------------------------------------- */

/* Size the set for up to rows keys at once, so that it never grows twice its size mid-file. */
static int keyset_reserve(keyset *k, long long rows)
{
    size_t cap = 1024;
    void *p = NULL;
    while ((double)cap * 0.75 < (double)rows + 1)
        cap *= 2;
    /* Lookups land anywhere in the table: large pages spare the TLB. */
    if (posix_memalign(&p, 2u << 20, cap * sizeof *k->slots) != 0)
        return -1;
    memset(p, 0, cap * sizeof *k->slots);
    (void)madvise(p, cap * sizeof *k->slots, MADV_HUGEPAGE);
    k->slots = p;
    k->cap = cap;
    k->n = 0;
    return 0;
}

static void keyset_fini(keyset *k)
{
    free(k->slots);
    memset(k, 0, sizeof *k);
}

static void keyset_prefetch(const keyset *k, uint64_t h)
{
    if (k->cap)
        __builtin_prefetch(&k->slots[(size_t)((h ? h : 1) * 0x9E3779B97F4A7C15ull) & (k->cap - 1)]);
}

/* Insert h; returns 1 if it was new, 0 if present, -1 when out of memory. */
static int keyset_add(keyset *k, uint64_t h)
{
    if (h == 0)
        h = 1;  /* 0 marks an empty slot */
    if ((k->n + 1) * 4 > k->cap * 3) {
        size_t ncap = k->cap ? k->cap * 2 : 1024;
        uint64_t *ns = calloc(ncap, sizeof *ns);
        if (!ns)
            return -1;
        for (size_t i = 0; i < k->cap; i++) {
            uint64_t x = k->slots[i];
            if (!x)
                continue;
            size_t j = (size_t)(x * 0x9E3779B97F4A7C15ull) & (ncap - 1);
            while (ns[j])
                j = (j + 1) & (ncap - 1);
            ns[j] = x;
        }
        free(k->slots);
        k->slots = ns;
        k->cap = ncap;
    }
    size_t j = (size_t)(h * 0x9E3779B97F4A7C15ull) & (k->cap - 1);
    while (k->slots[j]) {
        if (k->slots[j] == h)
            return 0;
        j = (j + 1) & (k->cap - 1);
    }
    k->slots[j] = h;
    k->n++;
    return 1;
}

/* ---- recording problems ------------------------------------------------------------ */

static void reason_add(etl_result *res, kr_status code, int warning, const char *column, long line, const char *msg)
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
            kr_strlcpy(z->example, msg, sizeof z->example);
        }
    }
    z->count++;
    if (z->nlines < ETL_FIRST_LINES && line > 0)
        z->lines[z->nlines++] = line;
}

static void issue_list_add(etl_issue **list, size_t *n, const etl_issue *is)
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

/* One field of the feedback CSV, quoted; a leading ' keeps Excel from running = + - @ as a formula. */
static void fb_field(FILE *f, const char *s, int last)
{
    fputc('"', f);
    if (*s == '=' || *s == '+' || *s == '-' || *s == '@')
        fputc('\'', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
    fputs(last ? "\r\n" : ";", f);
}

static void fb_write(run *R, const char *kind, const etl_issue *is)
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
    sqlite3_bind_int64(st, 1, R->lev_id);
    if (is->line > 0)
        sqlite3_bind_int64(st, 2, is->line);
    else
        sqlite3_bind_null(st, 2);
    if (is->column[0])
        sqlite3_bind_text(st, 3, is->column, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, 3);
    sqlite3_bind_text(st, 4, is->value, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, kr_status_id(is->code), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, is->msg_en, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, is->msg_nl, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE) {
        R->db_fail = KR_EDB;
        kr_strlcpy(R->db_msg, sqlite3_errmsg(sqlite3_db_handle(st)), sizeof R->db_msg);
    }
    sqlite3_reset(st);
}

static void vissue(run *R, etl_issue *is, long line, const char *column, kr_status code,
                   const char *fmt_en, const char *fmt_nl, va_list ap)
{
    (void)R;
    va_list ap2;
    va_copy(ap2, ap);
    is->code = code;
    is->line = line;
    kr_strlcpy(is->column, column ? column : "", sizeof is->column);
    (void)vsnprintf(is->msg_en, sizeof is->msg_en, fmt_en, ap);
    (void)vsnprintf(is->msg_nl, sizeof is->msg_nl, fmt_nl, ap2);
    va_end(ap2);
}

/* The raw value of spec column col of the current row, masked. */
static void masked_value(run *R, int col, char *out, size_t cap)
{
    out[0] = '\0';
    if (col < 0 || R->spec_to_file[col] < 0 || R->spec_to_file[col] >= R->nf)
        return;
    int f = R->spec_to_file[col];
    etl_mask(R->tval[f], R->tlen[f], R->type->cols[col].type == ETL_PSEUDONYM, out, cap);
}

static void row_issue(etl_row *r, int col, kr_status code, int warning, const char *fmt_en, const char *fmt_nl,
                      va_list ap)
{
    run *R = r->ctx;
    etl_issue is;
    vissue(R, &is, r->line, col >= 0 ? R->type->cols[col].name : "", code, fmt_en, fmt_nl, ap);
    masked_value(R, col, is.value, sizeof is.value);
    reason_add(R->res, code, warning, is.column, is.line, is.msg_en);
    if (warning) {
        R->res->warnings++;
        issue_list_add(&R->res->warns, &R->res->nwarns, &is);
        store_issue(R, R->ins_warn, &is);
        fb_write(R, "waarschuwing", &is);
    } else {
        r->rejected = 1;
        issue_list_add(&R->res->errors, &R->res->nerrors, &is);
        store_issue(R, R->ins_rej, &is);
        fb_write(R, "afgewezen", &is);
    }
}

void etl_row_reject(etl_row *r, int col, kr_status code, const char *fmt_en, const char *fmt_nl, ...)
{
    va_list ap;
    va_start(ap, fmt_nl);
    row_issue(r, col, code, 0, fmt_en, fmt_nl, ap);
    va_end(ap);
}

void etl_row_warn(etl_row *r, int col, kr_status code, const char *fmt_en, const char *fmt_nl, ...)
{
    va_list ap;
    va_start(ap, fmt_nl);
    row_issue(r, col, code, 1, fmt_en, fmt_nl, ap);
    va_end(ap);
}

/* A warning about the file as a whole (line 0 = no line). */
static void file_warn(run *R, kr_status code, long line, const char *column, const char *fmt_en,
                      const char *fmt_nl, ...) __attribute__((format(printf, 5, 7)));
static void file_warn(run *R, kr_status code, long line, const char *column, const char *fmt_en,
                      const char *fmt_nl, ...)
{
    etl_issue is;
    va_list ap;
    va_start(ap, fmt_nl);
    vissue(R, &is, line, column, code, fmt_en, fmt_nl, ap);
    va_end(ap);
    is.value[0] = '\0';
    R->res->warnings++;
    reason_add(R->res, code, 1, is.column, line, is.msg_en);
    issue_list_add(&R->res->warns, &R->res->nwarns, &is);
    store_issue(R, R->ins_warn, &is);
    fb_write(R, "waarschuwing", &is);
}

/* Refuse the whole file; the first refusal counts. */
static void refuse(run *R, kr_status code, const char *fmt_en, const char *fmt_nl, ...)
    __attribute__((format(printf, 3, 5)));
static void refuse(run *R, kr_status code, const char *fmt_en, const char *fmt_nl, ...)
{
    if (R->res->refusal != KR_OK)
        return;
    va_list ap, ap2;
    va_start(ap, fmt_nl);
    va_copy(ap2, ap);
    R->res->refusal = code;
    (void)vsnprintf(R->res->refusal_en, sizeof R->res->refusal_en, fmt_en, ap);
    (void)vsnprintf(R->res->refusal_nl, sizeof R->res->refusal_nl, fmt_nl, ap2);
    va_end(ap2);
    va_end(ap);
    R->stop = 1;
}

/* ---- parsing one value ------------------------------------------------------------------ */

static const char *code_list_text(const char *const *codes, char *buf, size_t cap)
{
    size_t k = 0;
    buf[0] = '\0';
    for (size_t i = 0; codes[i]; i++) {
        int w = snprintf(buf + k, cap - k, "%s%s", i ? ", " : "", codes[i]);
        if (w < 0 || (size_t)w >= cap - k) {
            if (cap > 4)
                kr_strlcpy(buf + (cap - 4 > k ? k : cap - 4), "...", 4);
            break;
        }
        k += (size_t)w;
    }
    return buf;
}

static const char *find_in_list(const char *const *codes, const char *s, size_t n)
{
    char c0 = (s[0] >= 'A' && s[0] <= 'Z') ? (char)(s[0] - 'A' + 'a') : s[0];
    for (size_t i = 0; codes[i]; i++)
        if (codes[i][0] == c0 && kr_eq_ci(s, n, codes[i]))  /* the first letter rules out most */
            return codes[i];
    return NULL;
}

static void parse_value(run *R, int c, const char *s, size_t n)
{
    etl_row *r = &R->r;
    const etl_column *col = &R->type->cols[c];
    etl_val *v = &r->vals[c];
    char *canon = R->canon[c];
    const registry *g = &R->s->reg;
    char mv[80], list[400];
    /* the masked value, made only when a message needs it */
#define MV (masked_value(R, c, mv, sizeof mv), mv)

    v->set = 0;
    v->s = NULL;
    v->n = 0;
    v->i = 0;
    if (n == 0) {
        if (col->flags & ETL_DEFAULT1) {
            v->set = 1;
            v->i = 1;
        } else if (col->flags & ETL_REQ) {
            etl_row_reject(r, c, KR_R_REQUIRED, "%s is required but empty", "%s is verplicht maar leeg", col->name);
        }
        return;
    }
    switch (col->type) {
    case ETL_PSEUDONYM: {
        /* validate and lower-case in one pass, through a table */
        static const char hex[256] = {
            ['0'] = '0', ['1'] = '1', ['2'] = '2', ['3'] = '3', ['4'] = '4', ['5'] = '5', ['6'] = '6',
            ['7'] = '7', ['8'] = '8', ['9'] = '9', ['a'] = 'a', ['b'] = 'b', ['c'] = 'c', ['d'] = 'd',
            ['e'] = 'e', ['f'] = 'f', ['A'] = 'a', ['B'] = 'b', ['C'] = 'c', ['D'] = 'd', ['E'] = 'e',
            ['F'] = 'f'};
        char bad = n != 64;
        for (size_t i = 0; i < n && i < 64; i++) {
            char ch = hex[(unsigned char)s[i]];
            bad |= ch == 0;
            canon[i] = ch;
        }
        if (bad) {
            etl_row_reject(r, c, KR_R_PSEUDONYM,
                           "%s is not a pseudonym: 64 hexadecimal characters expected (found %zu characters)",
                           "%s is geen pseudoniem: 64 hexadecimale tekens verwacht (gevonden: %zu tekens)", MV, n);
            return;
        }
        canon[n] = '\0';
        v->s = canon;
        v->n = n;
        break;
    }
    case ETL_DATE: {
        int y, m, dd;
        if (kr_date_parse_ymd(s, n, &y, &m, &dd) != KR_OK) {
            const char *sp = memchr(s, ' ', n);
            if (!sp)
                sp = memchr(s, 'T', n);
            if (sp && kr_date_parse_ymd(s, (size_t)(sp - s), &y, &m, &dd) == KR_OK)
                etl_row_reject(r, c, KR_R_DATE, "%s holds a time as well; export the date alone (dd-mm-jjjj)",
                               "%s bevat ook een tijd; exporteer alleen de datum (dd-mm-jjjj)", MV);
            else
                etl_row_reject(r, c, KR_R_DATE, "%s is not a date (write dd-mm-jjjj or jjjj-mm-dd)",
                               "%s is geen geldige datum (schrijf dd-mm-jjjj of jjjj-mm-dd)", MV);
            return;
        }
        kr_date d = kr_date_from_ymd(y, m, dd);
        if (y < 2000) {
            etl_row_reject(r, c, KR_R_DATE_RANGE, "%s lies before 01-01-2000", "%s ligt voor 01-01-2000", MV);
            return;
        }
        if (R->has_period && !(col->flags & ETL_FUTURE) && d > R->period.last) {
            char last[11];
            kr_date_format(R->period.last, last);
            etl_row_reject(r, c, KR_R_DATE_RANGE, "%s lies after the end of period %s (%s)",
                           "%s ligt na het einde van periode %s (%s)", MV, R->period.label, last);
            return;
        }
        v->i = d;
        kr_date_format_ymd(y, m, dd, canon);
        v->s = NULL;  /* keys and rules use the day number */
        break;
    }
    case ETL_CODE: {
        const char *code = find_in_list(col->codes, s, n);
        if (!code) {
            etl_row_reject(r, c, KR_R_CODE, "%s is not a code of %s (allowed: %s)",
                           "%s is geen code van %s (toegestaan: %s)", MV, col->name,
                           code_list_text(col->codes, list, sizeof list));
            return;
        }
        v->s = code;
        v->n = strlen(code);
        break;
    }
    case ETL_CODELIST: {
        size_t k = 0;
        const char *p = s, *end = s + n;
        R->listbuf[0] = '\0';
        while (p <= end) {
            const char *bar = memchr(p, '|', (size_t)(end - p));
            size_t len = bar ? (size_t)(bar - p) : (size_t)(end - p);
            const char *e = kr_trim(p, &len);
            if (len) {
                const char *code = find_in_list(col->codes, e, len);
                if (!code) {
                    char one[80];
                    etl_mask(e, len, 0, one, sizeof one);
                    etl_row_reject(r, c, KR_R_CODE, "%s is not a code of %s (allowed: %s)",
                                   "%s is geen code van %s (toegestaan: %s)", one, col->name,
                                   code_list_text(col->codes, list, sizeof list));
                    return;
                }
                size_t cl = strlen(code);
                /* skip a code named twice */
                int dup = 0;
                for (const char *q = R->listbuf; *q;) {
                    const char *qe = strchr(q, '|');
                    size_t ql = qe ? (size_t)(qe - q) : strlen(q);
                    if (ql == cl && memcmp(q, code, cl) == 0)
                        dup = 1;
                    q += ql + (qe ? 1 : 0);
                }
                if (!dup && k + cl + 2 < sizeof R->listbuf) {
                    if (k)
                        R->listbuf[k++] = '|';
                    memcpy(R->listbuf + k, code, cl + 1);
                    k += cl;
                }
            }
            if (!bar)
                break;
            p = bar + 1;
        }
        if (k == 0)
            return;  /* only separators: empty */
        v->s = R->listbuf;
        v->n = k;
        break;
    }
    case ETL_ORG:
    case ETL_ORGCODE:
        if (!code_chars_ok(s, n, 0)) {
            etl_row_reject(r, c, col->type == ETL_ORG ? KR_R_ORG : KR_R_CODE,
                           "%s is not an organisation code (letters, digits and -)",
                           "%s is geen organisatiecode (letters, cijfers en -)", MV);
            return;
        }
        copy_n(canon, sizeof R->canon[c], s, n);
        upper(canon);
        if (col->type == ETL_ORG && g->loaded && !find_org(g, canon)) {
            etl_row_reject(r, c, KR_R_ORG, "%s is not in the organisation registry (organisaties)",
                           "%s staat niet in het organisatieregister (organisaties)", MV);
            return;
        }
        v->s = canon;
        v->n = n;
        break;
    case ETL_GEMEENTE:
    case ETL_GMCODE: {
        int ok = n == 6 && (s[0] == 'G' || s[0] == 'g') && (s[1] == 'M' || s[1] == 'm');
        for (size_t i = 2; ok && i < 6; i++)
            ok = s[i] >= '0' && s[i] <= '9';
        if (!ok) {
            etl_row_reject(r, c, col->type == ETL_GEMEENTE ? KR_R_GEMEENTE : KR_R_CODE,
                           "%s is not a CBS municipality code (GM and 4 digits, e.g. GM0935)",
                           "%s is geen CBS-gemeentecode (GM en 4 cijfers, bijvoorbeeld GM0935)", MV);
            return;
        }
        copy_n(canon, sizeof R->canon[c], s, n);
        upper(canon);
        if (col->type == ETL_GEMEENTE && g->loaded) {
            const reg_gm *m = find_gm(g, canon);
            if (!m) {
                etl_row_reject(r, c, KR_R_GEMEENTE, "%s is not in the municipality registry (gemeenten)",
                               "%s staat niet in het gemeenteregister (gemeenten)", MV);
                return;
            }
            if (strcmp(m->successor, m->code) != 0) {
                size_t i = 0;
                for (; i < R->nmerged; i++)
                    if (strcmp(R->merged[i].from, m->code) == 0)
                        break;
                if (i == R->nmerged && R->nmerged < MAX_MERGED) {
                    kr_strlcpy(R->merged[i].from, m->code, sizeof R->merged[i].from);
                    kr_strlcpy(R->merged[i].to, m->successor, sizeof R->merged[i].to);
                    R->merged[i].first_line = r->line;
                    R->nmerged++;
                }
                if (i < R->nmerged)
                    R->merged[i].count++;
                kr_strlcpy(canon, m->successor, sizeof R->canon[c]);
            }
        }
        v->s = canon;
        v->n = strlen(canon);
        break;
    }
    case ETL_GESTATION: {
        int days;
        if (kr_gestation_parse(s, n, &days) != KR_OK || days < col->min || days > col->max) {
            etl_row_reject(r, c, KR_R_GESTATION,
                           "%s is not a gestational age from 22+0 to 45+0 (days, e.g. 261, or weeks+days, e.g. 37+2)",
                           "%s is geen zwangerschapsduur van 22+0 tot 45+0 (dagen, bv. 261, of weken+dagen, bv. 37+2)",
                           MV);
            return;
        }
        v->i = days;
        break;
    }
    case ETL_INT: {
        long long x;
        if (kr_parse_int(s, n, &x) != KR_OK || x < col->min || x > col->max) {
            etl_row_reject(r, c, KR_R_NUMBER, "%s is not a whole number from %ld to %ld",
                           "%s is geen geheel getal van %ld tot en met %ld", MV, col->min, col->max);
            return;
        }
        v->i = x;
        break;
    }
    case ETL_NUMBER:
        if (kr_parse_number(s, n, &v->d) != KR_OK) {
            etl_row_reject(r, c, KR_R_NUMBER, "%s is not a number", "%s is geen getal", MV);
            return;
        }
        break;
    case ETL_TEXT:
        if (n > 200) {
            etl_row_reject(r, c, KR_R_CODE, "the text is longer than 200 characters",
                           "de tekst is langer dan 200 tekens");
            return;
        }
        v->s = s;
        v->n = n;
        break;
    case ETL_PERIOD: {
        kr_period p;
        if (kr_period_parse(s, n, &p) != KR_OK) {
            etl_row_reject(r, c, KR_R_CODE, "%s is not a period (write 2025Q1 or 2025)",
                           "%s is geen periode (schrijf 2025Q1 of 2025)", MV);
            return;
        }
        kr_strlcpy(canon, p.label, sizeof R->canon[c]);
        v->s = canon;
        v->n = strlen(canon);
        v->i = p.last;
        break;
    }
    case ETL_INDICATOR: {
        int ok = n <= 64 && n >= 3 && s[0] >= 'a' && s[0] <= 'z', dots = 0;
        for (size_t i = 0; ok && i < n; i++) {
            char ch = s[i];
            if (ch == '.') {
                ok = i > 0 && s[i - 1] != '.' && i + 1 < n;
                dots++;
            } else {
                ok = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
            }
        }
        if (!ok || dots == 0) {
            etl_row_reject(r, c, KR_R_CODE,
                           "%s is not an indicator id (lower-case words joined by '.', e.g. overdracht.warm)",
                           "%s is geen indicator-id (woorden in kleine letters met '.', bv. overdracht.warm)", MV);
            return;
        }
        copy_n(canon, sizeof R->canon[c], s, n);
        if (R->s->o->indicator_known && !R->s->o->indicator_known(canon)) {
            etl_row_reject(r, c, KR_R_REFERENCE, "%s is not an indicator of the catalogue (see 'kansrijk indicators')",
                           "%s is geen indicator uit de catalogus (zie 'kansrijk indicators')", MV);
            return;
        }
        v->s = canon;
        v->n = n;
        break;
    }
    case ETL_REGIO:
    case ETL_SITE:
    case ETL_REGIOCODE:
        if (!code_chars_ok(s, n, 1)) {
            etl_row_reject(r, c, KR_R_CODE, "%s is not a code (letters, digits, - and _)",
                           "%s is geen code (letters, cijfers, - en _)", MV);
            return;
        }
        copy_n(canon, sizeof R->canon[c], s, n);
        if (col->flags & ETL_UPPER)
            upper(canon);
        else
            lower(canon);
        if (col->type == ETL_REGIO && g->loaded && !find_code(g->regios, g->nregios, canon)) {
            etl_row_reject(r, c, KR_R_REFERENCE, "%s is not a region of the reference data (regios)",
                           "%s is geen regio uit de referentiegegevens (regios)", MV);
            return;
        }
        if (col->type == ETL_SITE && g->loaded && !find_code(g->sites, g->nsites, canon)) {
            etl_row_reject(r, c, KR_R_REFERENCE, "%s is not a site of the reference data (sites)",
                           "%s is geen site uit de referentiegegevens (sites)", MV);
            return;
        }
        v->s = canon;
        v->n = n;
        break;
    case ETL_XTYPE: {
        const etl_type *t = etl_type_find(s, n);
        if (!t || t->reference) {
            etl_row_reject(r, c, KR_R_CODE, "%s is not an extract type", "%s is geen soort extract", MV);
            return;
        }
        v->s = t->name;
        v->n = strlen(t->name);
        break;
    }
    }
    v->set = 1;
}
#undef MV

/* ---- one data row ------------------------------------------------------------------------ */

static void bind_row(run *R)
{
    sqlite3_stmt *st = R->ins;
    const etl_type *t = R->type;
    int k = 1;
    sqlite3_bind_int64(st, k++, R->lev_id);
    sqlite3_bind_int64(st, k++, R->r.line);
    if (!t->reference)
        sqlite3_bind_int64(st, k++, R->key);
    for (size_t c = 0; c < t->ncols; c++, k++) {
        const etl_val *v = &R->r.vals[c];
        if (!v->set) {
            if ((int)c == R->org_col)
                sqlite3_bind_text(st, k, R->org, -1, SQLITE_STATIC);
            else if ((int)c == R->synth_col)
                sqlite3_bind_text(st, k, "nee", -1, SQLITE_STATIC);
            else
                sqlite3_bind_null(st, k);
            continue;
        }
        switch (t->cols[c].type) {
        case ETL_DATE:
            sqlite3_bind_text(st, k, R->canon[c], 10, SQLITE_STATIC);
            break;
        case ETL_GESTATION:
        case ETL_INT:
            sqlite3_bind_int64(st, k, v->i);
            break;
        case ETL_NUMBER:
            sqlite3_bind_double(st, k, v->d);
            break;
        default:
            sqlite3_bind_text(st, k, v->s, (int)v->n, SQLITE_STATIC);
            break;
        }
    }
}

/* Store the row bound by bind_row. */
static void insert_row(run *R)
{
    if (sqlite3_step(R->ins) != SQLITE_DONE) {
        R->db_fail = KR_EDB;
        kr_strlcpy(R->db_msg, sqlite3_errmsg(R->s->db), sizeof R->db_msg);
    } else {
        long long id = sqlite3_last_insert_rowid(R->s->db);
        if (!R->first_rowid)
            R->first_rowid = id;
        R->last_rowid = id;
    }
    sqlite3_reset(R->ins);
}

static void process_row(run *R)
{
    etl_result *res = R->res;
    etl_row *r = &R->r;
    int all_empty = 1;

    res->rows_read++;
    r->line = R->row_start;
    r->rejected = 0;
    for (int f = 0; f < R->nf; f++) {
        size_t n = R->flen[f];
        const char *s = kr_trim(R->row.data + R->foff[f], &n);
        R->tval[f] = s;
        R->tlen[f] = n;
        if (n == 0)
            continue;
        all_empty = 0;
        if (f < R->nhdr) {
            R->cstat[f].nonempty++;
            if (etl_is_identifier(s, n))
                R->cstat[f].ident++;
        }
    }
    if (all_empty) {
        res->rows_skipped++;
        return;
    }
    int nf = R->nf + R->extra_fields;
    if (nf != R->nhdr) {
        etl_row_reject(r, -1, KR_R_FIELDS, "the row has %d fields, the header %d",
                       "de rij heeft %d velden, de kopregel %d", nf, R->nhdr);
    } else {
        for (size_t c = 0; c < R->type->ncols; c++) {
            int f = R->spec_to_file[c];
            if (f >= 0)
                parse_value(R, (int)c, R->tval[f], R->tlen[f]);
            else
                parse_value(R, (int)c, "", 0);
        }
        if (!r->rejected && R->type->rule)
            R->type->rule(r);
        if (!r->rejected) {
            R->key = etl_row_key(R->type, r->vals, R->type->reference ? NULL : R->org);
            /* the key's slot is far away in memory: fetch it while the row is bound */
            keyset_prefetch(&R->keys, (uint64_t)R->key);
            if (R->ins)
                bind_row(R);
            int added = keyset_add(&R->keys, (uint64_t)R->key);
            if (added < 0) {
                R->db_fail = KR_ENOMEM;
                kr_strlcpy(R->db_msg, "out of memory", sizeof R->db_msg);
                return;
            }
            if (added == 0)
                etl_row_reject(r, -1, KR_R_DUPLICATE,
                               "the same record (equal %s) occurs earlier in the file; remove one of the two",
                               "hetzelfde record (gelijke %s) staat eerder in het bestand; verwijder een van beide",
                               R->keycols);
        }
    }
    if (r->rejected) {
        res->rows_rejected++;
        return;
    }
    res->rows_accepted++;
    if (R->ins)
        insert_row(R);
}

/* ---- the header --------------------------------------------------------------------------- */

static void process_header(run *R)
{
    const etl_type *t = R->type;
    char missing[512] = "";
    size_t mk = 0;

    R->header_done = 1;
    R->nhdr = R->nf + R->extra_fields;
    if (R->extra_fields) {
        refuse(R, KR_F_NO_HEADER, "the header line has more than %d columns", "de kopregel heeft meer dan %d kolommen",
               MAX_FIELDS);
        return;
    }
    for (size_t c = 0; c < t->ncols; c++)
        R->spec_to_file[c] = -1;
    for (int f = 0; f < R->nf; f++) {
        size_t n = R->flen[f];
        const char *s = kr_trim(R->row.data + R->foff[f], &n);
        char name[48];
        R->file_to_spec[f] = -1;
        etl_mask(s, n, 0, name, sizeof name);
        kr_strlcpy(R->hdr_names[f], name, sizeof R->hdr_names[f]);
        if (n == 0)
            continue;
        int found = -1;
        for (size_t c = 0; c < t->ncols; c++)
            if (kr_eq_ci(s, n, t->cols[c].name))
                found = (int)c;
        if (found >= 0) {
            if (R->spec_to_file[found] >= 0) {
                refuse(R, KR_F_DUPLICATE_COLUMN, "column %s occurs twice in the header; remove one",
                       "kolom %s staat twee keer in de kopregel; verwijder er een", t->cols[found].name);
                return;
            }
            R->spec_to_file[found] = f;
            R->file_to_spec[f] = found;
            continue;
        }
        if (etl_is_identifier_name(s, n)) {
            refuse(R, KR_F_IDENTIFIER_COLUMN,
                   "column %s (column %d) looks like a direct identifier; remove the column from the export and "
                   "send the file again",
                   "kolom %s (kolom %d) lijkt een direct identificerend gegeven; verwijder de kolom uit de export "
                   "en stuur het bestand opnieuw",
                   name, f + 1);
            return;
        }
    }
    for (size_t c = 0; c < t->ncols; c++)
        if ((t->cols[c].flags & ETL_REQ) && R->spec_to_file[c] < 0) {
            int w = snprintf(missing + mk, sizeof missing - mk, "%s%s", mk ? ", " : "", t->cols[c].name);
            if (w > 0 && (size_t)w < sizeof missing - mk)
                mk += (size_t)w;
        }
    if (mk) {
        refuse(R, KR_F_MISSING_COLUMN,
               "required column(s) missing for type %s: %s; add them to the header (names are case-insensitive)",
               "verplichte kolom(men) ontbreken voor soort %s: %s; voeg ze toe aan de kopregel", t->name, missing);
        return;
    }
    for (int f = 0; f < R->nf; f++)
        if (R->file_to_spec[f] < 0 && R->hdr_names[f][0])
            file_warn(R, KR_W_UNKNOWN_COLUMN, R->row_start, R->hdr_names[f],
                      "unknown column %s ignored", "onbekende kolom %s genegeerd", R->hdr_names[f]);
}

/* ---- libcsv callbacks --------------------------------------------------------------------------- */

static void cb_field(void *s, size_t n, void *data)
{
    run *R = data;
    if (R->stop)
        return;
    if (R->nf >= MAX_FIELDS) {
        R->extra_fields++;
        return;
    }
    size_t off = R->row.len;
    if (kr_buf_append(&R->row, s ? s : "", s ? n : 0) != KR_OK) {
        refuse(R, KR_F_FIELD_TOO_BIG, "the row starting at line %ld is larger than 4 MiB; is a closing quote missing?",
               "de rij vanaf regel %ld is groter dan 4 MiB; ontbreekt er een afsluitend aanhalingsteken?",
               R->row_start);
        return;
    }
    R->foff[R->nf] = off;
    R->flen[R->nf] = n;
    R->nf++;
}

static void cb_row(int c, void *data)
{
    run *R = data;
    (void)c;
    if (!R->stop && R->db_fail == KR_OK) {
        if (!R->header_done)
            process_header(R);
        else
            process_row(R);
    }
    R->nf = 0;
    R->extra_fields = 0;
    kr_buf_reset(&R->row);
    R->between_rows = 1;
}

/* libcsv grows its field buffer with this: refuse fields past MAX_FIELD. */
static void *bounded_realloc(void *p, size_t n)
{
    if (n > MAX_FIELD + 256)
        return NULL;
    return realloc(p, n);
}


static void parser_init(run *R)
{
    if (R->p_inited)
        csv_free(&R->p);
    csv_init(&R->p, CSV_STRICT | CSV_STRICT_FINI);
    csv_set_delim(&R->p, R->delim);
    csv_set_realloc_func(&R->p, bounded_realloc);
    R->p_inited = 1;
}

static int blank_segment(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
            return 0;
    return 1;
}

/* Feed decoded text to libcsv one physical line at a time, counting lines. */
static void feed(run *R, const char *data, size_t len)
{
    size_t pos = 0;
    while (pos < len && !fail_fast(R)) {
        const char *nl = memchr(data + pos, '\n', len - pos);
        size_t seg = nl ? (size_t)(nl - (data + pos)) + 1 : len - pos;
        const char *s = data + pos;
        if (R->between_rows && !blank_segment(s, seg)) {
            R->row_start = R->line;
            R->between_rows = 0;
        }
        size_t done = csv_parse(&R->p, s, seg, cb_field, cb_row, R);
        if (done < seg && !R->stop) {
            int e = csv_error(&R->p);
            if (e == CSV_ENOMEM || e == CSV_ETOOBIG) {
                refuse(R, KR_F_FIELD_TOO_BIG,
                       "a field starting at line %ld is larger than 1 MiB; is a closing quote missing?",
                       "een veld vanaf regel %ld is groter dan 1 MiB; ontbreekt er een afsluitend aanhalingsteken?",
                       R->row_start);
                return;
            }
            /* A syntax error: reject the row, resume at the next line. */
            if (R->header_done) {
                R->res->rows_read++;
                R->res->rows_rejected++;
                R->r.line = R->row_start;
                R->r.rejected = 0;
                etl_row_reject(&R->r, -1, KR_R_SYNTAX,
                               "the row is not valid CSV near line %ld (a quote inside an unquoted field, or text "
                               "after a closing quote)",
                               "de rij is geen geldige CSV rond regel %ld (een aanhalingsteken midden in een veld, of "
                               "tekst na een afsluitend aanhalingsteken)",
                               R->line);
            } else {
                refuse(R, KR_F_SYNTAX, "the header line is not valid CSV", "de kopregel is geen geldige CSV");
                return;
            }
            parser_init(R);
            R->nf = 0;
            R->extra_fields = 0;
            kr_buf_reset(&R->row);
            R->between_rows = 1;
        }
        if (nl)
            R->line++;
        pos += seg;
    }
}

/* ---- the file: pre-pass, dialect ------------------------------------------------------------- */

typedef struct prepass {
    long long bytes;
    long long lines;  /* newline count: an upper bound of the rows */
    int nul, utf8_ok, cp1252_ok, bom, utf16, zip;
    char sha256[65];
} prepass;

static kr_status read_prepass(const char *path, prepass *pp, char *err, size_t errcap)
{
    struct sha256_ctx sha;
    unsigned char *buf = NULL, dig[SHA256_DIGEST_SIZE];
    int fd = -1, need = 0;  /* UTF-8 continuation bytes still expected */
    kr_status st = KR_OK;
    memset(pp, 0, sizeof *pp);
    pp->utf8_ok = pp->cp1252_ok = 1;
    sha256_init(&sha);
    if ((fd = open(path, O_RDONLY)) < 0) {
        (void)snprintf(err, errcap, "%s: %s", path, strerror(errno));
        return KR_EIO;
    }
    if ((buf = malloc(CHUNK)) == NULL) {
        st = KR_ENOMEM;
        goto cleanup;
    }
    for (;;) {
        ssize_t got = read(fd, buf, CHUNK);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            (void)snprintf(err, errcap, "%s: %s", path, strerror(errno));
            st = KR_EIO;
            goto cleanup;
        }
        if (got == 0)
            break;
        if (pp->bytes == 0) {
            pp->bom = got >= 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF;
            pp->utf16 = got >= 2 && ((buf[0] == 0xFF && buf[1] == 0xFE) || (buf[0] == 0xFE && buf[1] == 0xFF));
            pp->zip = got >= 4 && buf[0] == 'P' && buf[1] == 'K' && buf[2] == 3 && buf[3] == 4;
        }
        sha256_update(&sha, (size_t)got, buf);
        for (ssize_t i = 0; i < got; i++) {
            /* fast path: 8 ASCII bytes without NUL at a time */
            if (!need && i + 8 <= got) {
                uint64_t w;
                memcpy(&w, buf + i, 8);
                const uint64_t lo = 0x0101010101010101ull, hi = 0x8080808080808080ull;
                if (!(w & hi) && !((w - lo) & ~w & hi)) {
                    uint64_t nl = w ^ (lo * '\n');
                    if ((nl - lo) & ~nl & hi) {  /* a newline among them: count exactly */
                        for (int k = 0; k < 8; k++)
                            pp->lines += buf[i + k] == '\n';
                    }
                    i += 7;
                    continue;
                }
            }
            unsigned char c = buf[i];
            if (c == '\n')
                pp->lines++;
            if (c == 0)
                pp->nul = 1;
            if (c == 0x81 || c == 0x8D || c == 0x8F || c == 0x90 || c == 0x9D)
                pp->cp1252_ok = 0;
            if (!pp->utf8_ok)
                continue;
            if (need) {
                if ((c & 0xC0) != 0x80)
                    pp->utf8_ok = 0;
                need--;
            } else if (c >= 0x80) {
                if (c >= 0xC2 && c <= 0xDF)
                    need = 1;
                else if (c >= 0xE0 && c <= 0xEF)
                    need = 2;
                else if (c >= 0xF0 && c <= 0xF4)
                    need = 3;
                else
                    pp->utf8_ok = 0;
            }
        }
        pp->bytes += got;
    }
    if (need)
        pp->utf8_ok = 0;
    sha256_digest(&sha, SHA256_DIGEST_SIZE, dig);
    for (int i = 0; i < SHA256_DIGEST_SIZE; i++)
        (void)snprintf(pp->sha256 + 2 * i, 3, "%02x", dig[i]);
cleanup:
    free(buf);
    if (fd >= 0)
        close(fd);
    return st;
}

/*
 * Pick the delimiter from the header line (the first non-blank line): the
 * most frequent of ; , TAB outside quotes. Ambiguous when two tie at the top.
 */
static int sniff_delimiter(const char *s, size_t n, unsigned char *delim)
{
    size_t i = 0;
    while (i < n) {  /* skip blank lines */
        size_t j = i;
        while (j < n && s[j] != '\n')
            j++;
        if (!blank_segment(s + i, j - i))
            break;
        i = j + 1;
    }
    int counts[3] = {0, 0, 0}, quoted = 0;
    for (; i < n; i++) {
        char c = s[i];
        if (c == '"')
            quoted = !quoted;
        else if (!quoted && c == '\n')
            break;
        else if (!quoted && c == ';')
            counts[0]++;
        else if (!quoted && c == ',')
            counts[1]++;
        else if (!quoted && c == '\t')
            counts[2]++;
    }
    static const unsigned char cand[3] = {';', ',', '\t'};
    int best = 0;
    for (int k = 1; k < 3; k++)
        if (counts[k] > counts[best])
            best = k;
    for (int k = 0; k < 3; k++)
        if (k != best && counts[k] == counts[best] && counts[best] > 0)
            return 0;
    *delim = cand[best];
    return 1;
}

/* ---- the ledger within a run -------------------------------------------------------------------- */

static int find_identity(run *R, long long *active_id, int *active_same, int *old_same)
{
    sqlite3_stmt *st = NULL;
    *active_id = 0;
    *active_same = *old_same = 0;
    if (sqlite3_prepare_v2(R->s->db,
                           "SELECT id, sha256, status FROM levering WHERE type = ?1 AND organisatie IS ?2 "
                           "AND periode IS ?3 AND status IN ('actief', 'vervangen', 'ingetrokken') ORDER BY id",
                           -1, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_text(st, 1, R->type->name, -1, SQLITE_STATIC);
    if (R->type->reference) {
        sqlite3_bind_null(st, 2);
        sqlite3_bind_null(st, 3);
    } else {
        sqlite3_bind_text(st, 2, R->org, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, R->period.label, -1, SQLITE_STATIC);
    }
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *sha = (const char *)sqlite3_column_text(st, 1);
        const char *status = (const char *)sqlite3_column_text(st, 2);
        int same = sha && strcmp(sha, R->res->sha256) == 0;
        if (strcmp(status, "actief") == 0) {
            *active_id = sqlite3_column_int64(st, 0);
            *active_same = same;
        } else if (same) {
            *old_same = 1;
        }
    }
    sqlite3_finalize(st);
    return 0;
}

static long long insert_ledger(run *R, const char *status, int synthetisch)
{
    sqlite3_stmt *st = NULL;
    long long id = 0;
    char now[21], first[11], last[11];
    const etl_result *res = R->res;
    kr_now_iso(now);
    if (sqlite3_prepare_v2(R->s->db,
                           "INSERT INTO levering (type, organisatie, periode, periode_begin, periode_eind, bestand, "
                           "sha256, bytes, dialect, rows_read, rows_accepted, rows_rejected, rows_skipped, warnings, "
                           "status, reden, reden_code, synthetisch, ingelezen_op) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
                           -1, &st, NULL) != SQLITE_OK)
        return 0;
    sqlite3_bind_text(st, 1, res->type[0] ? res->type : "onbekend", -1, SQLITE_STATIC);
    if (R->type && R->type->reference) {
        sqlite3_bind_null(st, 2);
        sqlite3_bind_null(st, 3);
    } else {
        if (res->org[0])
            sqlite3_bind_text(st, 2, res->org, -1, SQLITE_STATIC);
        if (res->period[0]) {
            sqlite3_bind_text(st, 3, res->period, -1, SQLITE_STATIC);
            kr_date_format(R->period.first, first);
            kr_date_format(R->period.last, last);
            sqlite3_bind_text(st, 4, first, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 5, last, -1, SQLITE_STATIC);
        }
    }
    sqlite3_bind_text(st, 6, res->file, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, res->sha256, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 8, res->bytes);
    sqlite3_bind_text(st, 9, res->dialect, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 10, res->rows_read);
    sqlite3_bind_int64(st, 11, res->rows_accepted);
    sqlite3_bind_int64(st, 12, res->rows_rejected);
    sqlite3_bind_int64(st, 13, res->rows_skipped);
    sqlite3_bind_int64(st, 14, res->warnings);
    sqlite3_bind_text(st, 15, status, -1, SQLITE_STATIC);
    if (res->refusal != KR_OK) {
        sqlite3_bind_text(st, 16, res->refusal_en, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 17, kr_status_id(res->refusal), -1, SQLITE_STATIC);
    }
    if (synthetisch >= 0)
        sqlite3_bind_int(st, 18, synthetisch);
    sqlite3_bind_text(st, 19, now, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_DONE)
        id = sqlite3_last_insert_rowid(R->s->db);
    sqlite3_finalize(st);
    return id;
}

/* Record a refusal in the ledger, in a transaction of its own. */
static void record_refusal(run *R)
{
    if (R->s->o->dry_run || R->s->db == NULL)
        return;
    /* counts of a refused delivery describe what was read, not stored */
    if (kr_db_exec(R->s->db, "BEGIN IMMEDIATE") != KR_OK)
        return;
    R->res->delivery_id = insert_ledger(R, "geweigerd", -1);
    if (R->res->delivery_id == 0 || kr_db_exec(R->s->db, "COMMIT") != KR_OK)
        (void)sqlite3_exec(R->s->db, "ROLLBACK", NULL, NULL, NULL);
}

static kr_status prepare_statements(run *R)
{
    kr_buf sql;
    kr_status st = KR_OK;
    const etl_type *t = R->type;
    kr_buf_init(&sql, 4096);
    kr_buf_printf(&sql, "INSERT INTO %s (levering_id, regel%s", t->name, t->reference ? "" : ", sleutel");
    for (size_t c = 0; c < t->ncols; c++)
        kr_buf_printf(&sql, ", %s", t->cols[c].name);
    kr_buf_puts(&sql, ") VALUES (?, ?");
    for (size_t c = 0; c < t->ncols + (t->reference ? 0 : 1); c++)
        kr_buf_puts(&sql, ", ?");
    if (kr_buf_puts(&sql, ")") != KR_OK)
        st = KR_ENOMEM;
    if (st == KR_OK && sqlite3_prepare_v2(R->s->db, sql.data, -1, &R->ins, NULL) != SQLITE_OK)
        st = KR_EDB;
    if (st == KR_OK &&
        sqlite3_prepare_v2(R->s->db,
                           "INSERT INTO afgewezen (levering_id, regel, kolom, waarde, code, melding, melding_nl) "
                           "VALUES (?, coalesce(?, 0), ?, ?, ?, ?, ?)",
                           -1, &R->ins_rej, NULL) != SQLITE_OK)
        st = KR_EDB;
    if (st == KR_OK &&
        sqlite3_prepare_v2(R->s->db,
                           "INSERT INTO waarschuwing (levering_id, regel, kolom, waarde, code, melding, "
                           "melding_nl) VALUES (?, ?, ?, ?, ?, ?, ?)",
                           -1, &R->ins_warn, NULL) != SQLITE_OK)
        st = KR_EDB;
    if (st == KR_EDB)
        kr_strlcpy(R->db_msg, sqlite3_errmsg(R->s->db), sizeof R->db_msg);
    kr_buf_fini(&sql);
    return st;
}

static void finalize_statements(run *R)
{
    sqlite3_finalize(R->ins);
    sqlite3_finalize(R->ins_rej);
    sqlite3_finalize(R->ins_warn);
    R->ins = R->ins_rej = R->ins_warn = NULL;
}

/* Replace the earlier active delivery of the same identity, inside the open transaction. */
static kr_status replace_previous(run *R, long long prev)
{
    static const char *const marks[] = {
        "UPDATE levering SET status = 'vervangen', vervangen_door = ?2 WHERE id = ?1",
        "UPDATE levering SET vervangt = ?1 WHERE id = ?2",
        NULL,
    };
    sqlite3_stmt *st = NULL;
    kr_status rc = etl_delivery_purge(R->s->db, R->type->name, prev, NULL);
    for (size_t i = 0; marks[i] && rc == KR_OK; i++) {
        if (sqlite3_prepare_v2(R->s->db, marks[i], -1, &st, NULL) != SQLITE_OK)
            return KR_EDB;
        sqlite3_bind_int64(st, 1, prev);
        sqlite3_bind_int64(st, 2, R->lev_id);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = KR_EDB;
        sqlite3_finalize(st);
    }
    R->res->replaced_id = prev;
    return rc;
}

static kr_status finish_ledger(run *R)
{
    sqlite3_stmt *st = NULL;
    kr_status rc = KR_OK;
    const etl_result *res = R->res;
    if (sqlite3_prepare_v2(R->s->db,
                           "UPDATE levering SET rows_read = ?2, rows_accepted = ?3, rows_rejected = ?4, "
                           "rows_skipped = ?5, warnings = ?6, eerste_rij = ?7, laatste_rij = ?8, dialect = ?9 "
                           "WHERE id = ?1",
                           -1, &st, NULL) != SQLITE_OK)
        return KR_EDB;
    sqlite3_bind_int64(st, 1, R->lev_id);
    sqlite3_bind_int64(st, 2, res->rows_read);
    sqlite3_bind_int64(st, 3, res->rows_accepted);
    sqlite3_bind_int64(st, 4, res->rows_rejected);
    sqlite3_bind_int64(st, 5, res->rows_skipped);
    sqlite3_bind_int64(st, 6, res->warnings);
    if (R->first_rowid) {
        sqlite3_bind_int64(st, 7, R->first_rowid);
        sqlite3_bind_int64(st, 8, R->last_rowid);
    }
    sqlite3_bind_text(st, 9, res->dialect, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = KR_EDB;
    sqlite3_finalize(st);
    return rc;
}

/* ---- identity from options and file name ----------------------------------------------------- */

static void resolve_identity(run *R, const char *path)
{
    const etl_options *o = R->s->o;
    etl_result *res = R->res;
    const char *b = base_name(path);
    char stem[256];
    const etl_type *ft = NULL;
    char forg[48] = "", fper[16] = "";

    kr_strlcpy(stem, b, sizeof stem);
    size_t sl = strlen(stem);
    if (sl > 4 && kr_eq_ci(stem + sl - 4, 4, ".csv"))
        stem[sl - 4] = '\0';
    else if (sl > 4 && (kr_eq_ci(stem + sl - 4, 4, ".txt") || kr_eq_ci(stem + sl - 4, 4, ".tsv")))
        stem[sl - 4] = '\0';
    /* <type>.csv for reference data, <type>_<organisatie>_<periode>.csv for extracts */
    ft = etl_type_find(stem, strlen(stem));
    if (ft && !ft->reference)
        ft = NULL;
    if (!ft) {
        char *u2 = strrchr(stem, '_');
        if (u2) {
            *u2 = '\0';
            char *u1 = strrchr(stem, '_');
            if (u1) {
                *u1 = '\0';
                const etl_type *t = etl_type_find(stem, strlen(stem));
                if (t && !t->reference && code_chars_ok(u1 + 1, strlen(u1 + 1), 0)) {
                    ft = t;
                    kr_strlcpy(forg, u1 + 1, sizeof forg);
                    upper(forg);
                    kr_strlcpy(fper, u2 + 1, sizeof fper);
                }
            }
        }
    }
    const etl_type *t = ft;
    if (o->type) {
        const etl_type *ot = etl_type_find(o->type, strlen(o->type));
        if (!ot) {
            refuse(R, KR_F_UNKNOWN_TYPE, "--type %s is not an extract type (see 'kansrijk spec')",
                   "--type %s is geen soort extract (zie 'kansrijk spec')", o->type);
            return;
        }
        if (ft && ft != ot) {
            refuse(R, KR_F_IDENTITY, "--type says %s but the file name says %s; rename the file or fix --type",
                   "--type zegt %s maar de bestandsnaam zegt %s", ot->name, ft->name);
            return;
        }
        t = ot;
    }
    for (size_t i = 0; !t && i < etl_ntypes; i++) {
        size_t tn = strlen(etl_types[i].name);
        if (etl_types[i].reference && strlen(b) > tn && kr_eq_ci(b, tn, etl_types[i].name)) {
            refuse(R, KR_F_IDENTITY,
                   "this looks like reference data (%s): name the file %s.csv or give --type %s",
                   "dit lijken referentiegegevens (%s): noem het bestand %s.csv", etl_types[i].name,
                   etl_types[i].name, etl_types[i].name);
            return;
        }
    }
    if (!t) {
        refuse(R, KR_F_IDENTITY,
               "cannot tell the extract type: name the file <type>_<organisatie>_<periode>.csv "
               "(e.g. jgz_contact_JGZ-ZL_2025Q2.csv) or give --type, --organisatie and --periode",
               "de soort extract is onbekend: noem het bestand <soort>_<organisatie>_<periode>.csv "
               "(bv. jgz_contact_JGZ-ZL_2025Q2.csv)");
        return;
    }
    R->type = t;
    kr_strlcpy(res->type, t->name, sizeof res->type);
    if (t->reference)
        return;
    if (o->organisatie) {
        char oo[48];
        kr_strlcpy(oo, o->organisatie, sizeof oo);
        upper(oo);
        if (forg[0] && ft == t && strcmp(forg, oo) != 0) {
            refuse(R, KR_F_IDENTITY,
                   "--organisatie says %s but the file name says %s; rename the file or fix --organisatie",
                   "--organisatie zegt %s maar de bestandsnaam zegt %s", oo, forg);
            return;
        }
        kr_strlcpy(forg, oo, sizeof forg);
    }
    if (o->periode) {
        kr_period a, b2;
        if (fper[0] && kr_period_parse(fper, strlen(fper), &a) == KR_OK &&
            kr_period_parse(o->periode, strlen(o->periode), &b2) == KR_OK && strcmp(a.label, b2.label) != 0) {
            refuse(R, KR_F_IDENTITY, "--periode says %s but the file name says %s; rename the file or fix --periode",
                   "--periode zegt %s maar de bestandsnaam zegt %s", b2.label, a.label);
            return;
        }
        kr_strlcpy(fper, o->periode, sizeof fper);
    }
    if (!forg[0] || !code_chars_ok(forg, strlen(forg), 0)) {
        refuse(R, KR_F_IDENTITY, "the delivering organisation is unknown: give --organisatie or name the file "
               "%s_<organisatie>_<periode>.csv", "de aanleverende organisatie is onbekend: noem het bestand "
               "%s_<organisatie>_<periode>.csv", t->name);
        return;
    }
    kr_strlcpy(R->org, forg, sizeof R->org);
    kr_strlcpy(res->org, forg, sizeof res->org);
    if (!fper[0]) {
        if (o->dry_run)
            return;  /* validate: the period check is skipped */
        refuse(R, KR_F_PERIOD, "the period is unknown: give --periode (e.g. 2025Q2) or name the file "
               "%s_%s_<periode>.csv", "de periode is onbekend: noem het bestand %s_%s_<periode>.csv", t->name, forg);
        return;
    }
    if (kr_period_parse(fper, strlen(fper), &R->period) != KR_OK) {
        refuse(R, KR_F_PERIOD, "%s is not a period: write a quarter (2025Q2) or a year (2025)",
               "%s is geen periode: schrijf een kwartaal (2025Q2) of een jaar (2025)", fper);
        return;
    }
    R->has_period = 1;
    kr_strlcpy(res->period, R->period.label, sizeof res->period);
}

/* ---- progress --------------------------------------------------------------------------------- */

static void progress(run *R, int final)
{
    if (!R->s->o->progress || R->res->bytes < (8 << 20))
        return;
    if (!final && R->done_bytes < R->next_progress)
        return;
    R->next_progress = R->done_bytes + R->res->bytes / 100;
    int pct = (int)(100 * R->done_bytes / (R->res->bytes ? R->res->bytes : 1));
    char bar[41];
    int fill = pct * 40 / 100;
    for (int i = 0; i < 40; i++)
        bar[i] = i < fill ? '#' : '.';
    bar[40] = '\0';
    fprintf(stderr, "\r%-40.40s [%s] %3d%%%s", R->res->file, bar, pct, final ? "\n" : "");
    fflush(stderr);
}

/* ---- reading the rows ---------------------------------------------------------------------------- */

static kr_status parse_file(run *R, const char *path)
{
    int fd = -1;
    char *in = NULL, *out = NULL;
    iconv_t cd = (iconv_t)-1;
    kr_status st = KR_OK;
    int first = 1;

    if ((fd = open(path, O_RDONLY)) < 0) {
        st = KR_EIO;
        goto cleanup;
    }
    in = malloc(CHUNK);
    if (R->cp1252) {
        out = malloc(3 * (size_t)CHUNK);
        cd = iconv_open("UTF-8", "WINDOWS-1252");
        if (cd == (iconv_t)-1) {
            st = KR_EIO;
            goto cleanup;
        }
    }
    if (!in || (R->cp1252 && !out)) {
        st = KR_ENOMEM;
        goto cleanup;
    }
    R->line = 1;
    R->row_start = 1;
    R->between_rows = 1;
    while (!fail_fast(R)) {
        ssize_t got = read(fd, in, CHUNK);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            st = KR_EIO;
            goto cleanup;
        }
        if (got == 0)
            break;
        R->done_bytes += got;
        char *data = in;
        size_t len = (size_t)got;
        if (first && R->bom && len >= 3) {  /* the BOM goes before any conversion */
            data += 3;
            len -= 3;
        }
        if (R->cp1252) {
            char *ip = data, *op = out;
            size_t il = len, ol = 3 * (size_t)CHUNK;
            if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1) {
                refuse(R, KR_F_ENCODING, "the file cannot be read as Windows-1252; save it as UTF-8 CSV",
                       "het bestand is niet als Windows-1252 te lezen; sla het op als CSV (UTF-8)");
                break;
            }
            data = out;
            len = (size_t)(op - out);
        }
        if (first) {
            first = 0;
            /* Excel's "sep=;" line names the delimiter; the header follows it. */
            if (len >= 5 && kr_eq_ci(data, 4, "sep=") && (data[4] == ';' || data[4] == ',' || data[4] == '\t') &&
                (len == 5 || data[5] == '\r' || data[5] == '\n')) {
                R->delim = (unsigned char)data[4];
                const char *nl = memchr(data, '\n', len);
                size_t skip = nl ? (size_t)(nl - data) + 1 : len;
                data += skip;
                len -= skip;
                R->line += nl != NULL;
            } else if (!sniff_delimiter(data, len, &R->delim)) {
                refuse(R, KR_F_DELIMITER,
                       "the header line holds as many of two candidate delimiters (; , TAB); use ; between columns",
                       "de kopregel bevat evenveel van twee mogelijke scheidingstekens (; , TAB); gebruik ; tussen de "
                       "kolommen");
                break;
            }
            (void)snprintf(R->res->dialect, sizeof R->res->dialect, "%s %s%s",
                           R->delim == ';' ? ";" : R->delim == ',' ? "," : "TAB",
                           R->cp1252 ? "windows-1252" : "utf-8", R->bom ? " bom" : "");
            parser_init(R);
        }
        feed(R, data, len);
        progress(R, 0);
    }
    if (!fail_fast(R) && st == KR_OK) {
        if (csv_fini(&R->p, cb_field, cb_row, R) != 0 && !R->stop) {
            refuse(R, KR_F_SYNTAX,
                   "a quoted field starting at line %ld is never closed; add the closing quote (\")",
                   "een veld tussen aanhalingstekens vanaf regel %ld wordt nooit afgesloten; voeg het afsluitende "
                   "aanhalingsteken (\") toe",
                   R->row_start);
        }
    }
    progress(R, 1);
cleanup:
    if (cd != (iconv_t)-1)
        iconv_close(cd);
    free(in);
    free(out);
    if (fd >= 0)
        close(fd);
    return st;
}

/* ---- one file -------------------------------------------------------------------------------------- */

static void fb_open(run *R)
{
    const char *dir = R->s->o->feedback_dir;
    if (!dir)
        return;
    (void)snprintf(R->fb_final, sizeof R->fb_final, "%s/terugkoppeling_%s", dir, R->res->file);
    (void)snprintf(R->fb_tmp, sizeof R->fb_tmp, "%s/.terugkoppeling_%s.tmp", dir, R->res->file);
    size_t fl = strlen(R->fb_final);
    if (fl < 4 || !kr_eq_ci(R->fb_final + fl - 4, 4, ".csv"))
        kr_strlcpy(R->fb_final + fl, ".csv", sizeof R->fb_final - fl);
    R->fb = fopen(R->fb_tmp, "w");
    if (!R->fb) {
        fprintf(stderr, "kansrijk: %s: cannot write the feedback file: %s\n", R->fb_tmp, strerror(errno));
        return;
    }
    fputs("\xEF\xBB\xBF", R->fb);
    fputs("\"bestand\";\"regel\";\"kolom\";\"waarde\";\"soort\";\"melding\"\r\n", R->fb);
}

static void fb_close(run *R)
{
    if (!R->fb)
        return;
    if (R->res->refusal != KR_OK) {
        etl_issue is;
        memset(&is, 0, sizeof is);
        is.code = R->res->refusal;
        (void)snprintf(is.msg_nl, sizeof is.msg_nl, "bestand geweigerd, niets opgeslagen: %.270s", R->res->refusal_nl);
        fb_write(R, "geweigerd", &is);
    }
    int bad = ferror(R->fb);
    bad |= fclose(R->fb) != 0;
    R->fb = NULL;
    if (R->fb_discard) {
        (void)unlink(R->fb_tmp);
        return;
    }
    if (bad || rename(R->fb_tmp, R->fb_final) != 0) {
        fprintf(stderr, "kansrijk: %s: cannot write the feedback file\n", R->fb_final);
        (void)unlink(R->fb_tmp);
    }
}

/*
 * SQLite's WAL writes every page twice (to the log, then to the database), which
 * for a delivery of more than ~100 MB is slower than a rollback journal (see
 * SQLite's "WAL" documentation). Large deliveries (ETL_BULK_BYTES) therefore run
 * with a rollback journal and the database returns to WAL afterwards. When
 * another connection holds the database the switch is refused and the delivery
 * simply runs in WAL.
 */
int etl_journal_mode(sqlite3 *db, const char *mode)
{
    char sql[48];
    sqlite3_stmt *st = NULL;
    int ok = 0;
    (void)snprintf(sql, sizeof sql, "PRAGMA journal_mode=%s", mode);
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
        const char *now = (const char *)sqlite3_column_text(st, 0);
        ok = now && kr_eq_ci(now, strlen(now), mode);
    }
    sqlite3_finalize(st);
    return ok;
}

static int registers_loaded(sqlite3 *db)
{
    sqlite3_stmt *st = NULL;
    int ok = 0;
    if (sqlite3_prepare_v2(db, "SELECT (SELECT count(*) FROM gemeenten) > 0 AND (SELECT count(*) FROM organisaties) > 0",
                           -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        ok = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return ok;
}

static void check_identifier_columns(run *R)
{
    for (int f = 0; f < R->nhdr && f < MAX_FIELDS; f++) {
        const colstat *c = &R->cstat[f];
        if (c->nonempty >= 3 && c->ident * 2 > c->nonempty) {
            refuse(R, KR_F_IDENTIFIER_VALUES,
                   "column %s (column %d): %ld of its %ld values look like BSNs, postcodes, e-mail addresses or "
                   "phone numbers; remove these direct identifiers from the export and send the file again",
                   "kolom %s (kolom %d): %ld van de %ld waarden lijken BSN's, postcodes, e-mailadressen of "
                   "telefoonnummers; verwijder deze direct identificerende gegevens uit de export en stuur het "
                   "bestand opnieuw",
                   R->hdr_names[f], f + 1, c->ident, c->nonempty);
            return;
        }
    }
}

static void process_file(etl_session *s, const char *path, etl_result *res)
{
    run *R = calloc(1, sizeof *R);
    const etl_options *o = s->o;
    prepass pp;
    char err[512] = "";
    long long prev = 0;
    int in_tx = 0, synth = -1, bulk = 0;

    memset(res, 0, sizeof *res);
    kr_strlcpy(res->path, path, sizeof res->path);
    kr_strlcpy(res->file, base_name(path), sizeof res->file);
    res->outcome = "geweigerd";
    if (!R) {
        res->refusal = KR_ENOMEM;
        kr_strlcpy(res->refusal_en, "out of memory", sizeof res->refusal_en);
        res->exit_code = 2;
        return;
    }
    R->s = s;
    R->res = res;
    R->r.ctx = R;
    kr_buf_init(&R->row, MAX_ROW);

    if (read_prepass(path, &pp, err, sizeof err) != KR_OK) {
        res->refusal = KR_EIO;
        (void)snprintf(res->refusal_en, sizeof res->refusal_en, "cannot read the file: %s", err);
        (void)snprintf(res->refusal_nl, sizeof res->refusal_nl, "het bestand is niet te lezen: %s", err);
        goto done;  /* nothing to record: there is no file */
    }
    res->bytes = pp.bytes;
    kr_strlcpy(res->sha256, pp.sha256, sizeof res->sha256);
    resolve_identity(R, path);
    if (R->stop)
        goto refused;
    R->r.type = R->type;
    R->org_col = R->type->reference ? -1 : etl_col_index(R->type, "organisatie");
    R->synth_col = etl_col_index(R->type, "synthetisch");
    for (size_t c = 0, k = 0; c < R->type->ncols; c++)
        if (R->type->cols[c].flags & ETL_KEY) {
            int w = snprintf(R->keycols + k, sizeof R->keycols - k, "%s%s", k ? ", " : "", R->type->cols[c].name);
            if (w > 0 && (size_t)w < sizeof R->keycols - k)
                k += (size_t)w;
        }
    fb_open(R);

    if (pp.bytes == 0) {
        refuse(R, KR_F_EMPTY, "the file is empty (0 bytes); export it again with a header line",
               "het bestand is leeg (0 bytes); exporteer het opnieuw met een kopregel");
        goto refused;
    }
    if (pp.zip) {
        refuse(R, KR_F_NOT_TEXT, "this is an Excel workbook or ZIP archive, not CSV; save it as CSV (puntkomma)",
               "dit is een Excel-werkmap of ZIP-bestand, geen CSV; sla het op als CSV (puntkomma)");
        goto refused;
    }
    if (pp.utf16) {
        refuse(R, KR_F_ENCODING, "the file is UTF-16 text; save it as CSV in UTF-8",
               "het bestand is UTF-16-tekst; sla het op als CSV in UTF-8");
        goto refused;
    }
    if (pp.nul) {
        refuse(R, KR_F_NOT_TEXT, "the file holds binary data (NUL bytes), so it is not a CSV text file",
               "het bestand bevat binaire gegevens (NUL-bytes) en is dus geen CSV-tekstbestand");
        goto refused;
    }
    if (!pp.utf8_ok && !pp.cp1252_ok) {
        refuse(R, KR_F_ENCODING, "the file is neither UTF-8 nor Windows-1252; save it as CSV in UTF-8",
               "het bestand is geen UTF-8 en geen Windows-1252; sla het op als CSV in UTF-8");
        goto refused;
    }
    R->cp1252 = !pp.utf8_ok;
    R->bom = pp.bom;
    if (keyset_reserve(&R->keys, pp.lines + 1) != 0) {
        refuse(R, KR_F_FAILED, "out of memory for the record keys of %lld lines", "onvoldoende geheugen voor %lld regels",
               pp.lines);
        goto refused;
    }

    if (s->db) {
        if (!R->type->reference) {
            if (!registers_loaded(s->db)) {
                refuse(R, KR_F_NO_REGISTERS,
                       "extracts are refused until the reference data gemeenten and organisaties are loaded; "
                       "ingest gemeenten.csv and organisaties.csv first",
                       "extracten worden geweigerd tot gemeenten en organisaties zijn ingelezen");
                goto refused;
            }
        }
        if (registry_load(s->db, &s->reg) != KR_OK) {
            refuse(R, KR_F_FAILED, "cannot read the registers: %s", "de registers zijn niet te lezen: %s",
                   sqlite3_errmsg(s->db));
            goto refused;
        }
        if (!R->type->reference) {
            const reg_org *og = find_org(&s->reg, R->org);
            if (!og) {
                refuse(R, KR_F_UNKNOWN_ORG,
                       "organisation %s is not in the organisation registry; add it to organisaties.csv or fix the "
                       "file name", "organisatie %s staat niet in het organisatieregister", R->org);
                goto refused;
            }
            synth = og->synthetisch;
        }
        if (!o->dry_run) {
            int active_same = 0, old_same = 0;
            if (find_identity(R, &prev, &active_same, &old_same) != 0) {
                refuse(R, KR_F_FAILED, "cannot read the ledger: %s", "het leveringenregister is niet te lezen: %s",
                       sqlite3_errmsg(s->db));
                goto refused;
            }
            if (active_same) {
                res->outcome = "identiek";
                res->delivery_id = prev;
                res->exit_code = 0;
                etl_issue is;
                memset(&is, 0, sizeof is);
                is.code = KR_W_IDENTICAL;
                kr_strlcpy(is.msg_en, "identical to the active delivery: recognised, nothing changed", sizeof is.msg_en);
                kr_strlcpy(is.msg_nl, "gelijk aan de actieve levering: herkend, niets gewijzigd", sizeof is.msg_nl);
                issue_list_add(&res->warns, &res->nwarns, &is);
                reason_add(res, KR_W_IDENTICAL, 1, "", 0, is.msg_en);
                res->warnings++;
                R->fb_discard = 1;  /* the feedback of the first sending still stands */
                goto done;
            }
            if (old_same && !o->opnieuw) {
                refuse(R, KR_F_REPLACED_RESEND,
                       "these are the same bytes as an earlier delivery of %s that was since replaced or withdrawn; "
                       "re-activating an old export is almost always a mistake (use --opnieuw if it is not)",
                       "dit bestand is gelijk aan een eerdere levering die inmiddels vervangen of ingetrokken is; "
                       "een oude export opnieuw activeren is bijna altijd een vergissing", res->file);
                goto refused;
            }
        }
    } else {
        registry_fini(&s->reg);
        file_warn(R, KR_W_NO_REGISTRY, 0, "",
                  "no database: organisation, municipality and reference codes were not checked",
                  "geen database: organisatie-, gemeente- en referentiecodes zijn niet gecontroleerd");
    }

    if (s->db && !o->dry_run) {
        if (res->bytes > ETL_BULK_BYTES)
            bulk = etl_journal_mode(s->db, "DELETE");
        if (kr_db_exec(s->db, "BEGIN IMMEDIATE") != KR_OK) {
            refuse(R, KR_F_FAILED, "the database is busy or read-only", "de database is bezet of alleen-lezen");
            goto refused;
        }
        in_tx = 1;
        R->lev_id = insert_ledger(R, "actief", synth);
        if (R->lev_id == 0 || prepare_statements(R) != KR_OK) {
            refuse(R, KR_F_FAILED, "the database refused the delivery: %s", "de database weigerde de levering: %s",
                   sqlite3_errmsg(s->db));
            goto refused;
        }
        if (R->type->reference) {
            char sql[96];
            (void)snprintf(sql, sizeof sql, "DELETE FROM %s", R->type->name);
            if (kr_db_exec(s->db, sql) != KR_OK) {
                refuse(R, KR_F_FAILED, "cannot replace the list %s", "de lijst %s kan niet vervangen worden",
                       R->type->name);
                goto refused;
            }
        }
    }

    if (parse_file(R, path) != KR_OK && !R->stop)
        refuse(R, KR_F_FAILED, "reading the file failed halfway: %s", "het lezen van het bestand mislukte: %s",
               strerror(errno));
    if (R->db_fail != KR_OK)
        refuse(R, KR_F_FAILED, "the delivery could not be stored (%s); nothing of it was kept",
               "de levering kon niet worden opgeslagen (%s); er is niets van bewaard", R->db_msg);
    if (R->stop)
        goto refused;
    if (!R->header_done) {
        refuse(R, KR_F_NO_HEADER, "the file has no header line (only blank lines)",
               "het bestand heeft geen kopregel (alleen lege regels)");
        goto refused;
    }
    check_identifier_columns(R);
    if (R->stop)
        goto refused;
    long data_rows = res->rows_read - res->rows_skipped;
    if (data_rows > 0 && !o->accept_partial && (double)res->rows_rejected > o->max_rejected * (double)data_rows) {
        refuse(R, KR_F_TOO_MANY_REJECTED,
               "%ld of %ld rows (%.0f%%) were rejected, more than the %.0f%% allowed; this usually means a wrong "
               "export. Fix the file, or use --accept-partial to store the valid rows",
               "%ld van %ld rijen (%.0f%%) afgewezen, meer dan de toegestane %.0f%%; dit wijst meestal op een "
               "verkeerde export",
               res->rows_rejected, data_rows, 100.0 * (double)res->rows_rejected / (double)data_rows,
               100.0 * o->max_rejected);
        goto refused;
    }
    if (res->rows_skipped)
        file_warn(R, KR_W_SKIPPED_ROWS, 0, "", "%ld rows of empty fields only were skipped",
                  "%ld rijen met alleen lege velden overgeslagen", res->rows_skipped);
    for (size_t i = 0; i < R->nmerged; i++)
        file_warn(R, KR_W_MERGED_GEMEENTE, R->merged[i].first_line, "gemeentecode",
                  "%s (merged municipality) mapped to %s in %ld rows", "%s (opgeheven gemeente) omgezet naar %s in %ld rijen",
                  R->merged[i].from, R->merged[i].to, R->merged[i].count);
    if (data_rows == 0)
        file_warn(R, KR_W_EMPTY_DELIVERY, 0, "", "the file has a header but no rows: an empty delivery",
                  "het bestand heeft een kopregel maar geen rijen: een lege levering");
    if (R->db_fail != KR_OK) {
        refuse(R, KR_F_FAILED, "the delivery could not be stored (%s); nothing of it was kept",
               "de levering kon niet worden opgeslagen (%s); er is niets van bewaard", R->db_msg);
        goto refused;
    }
    if (in_tx) {
        if ((prev && replace_previous(R, prev) != KR_OK) || finish_ledger(R) != KR_OK) {
            refuse(R, KR_F_FAILED, "the delivery could not be stored (%s); nothing of it was kept",
                   "de levering kon niet worden opgeslagen (%s); er is niets van bewaard", sqlite3_errmsg(s->db));
            goto refused;
        }
        finalize_statements(R);
        if (kr_db_exec(s->db, "COMMIT") != KR_OK) {
            refuse(R, KR_F_FAILED, "the delivery could not be committed", "de levering kon niet worden vastgelegd");
            goto refused;
        }
        in_tx = 0;
        res->delivery_id = R->lev_id;
        res->outcome = "actief";
    } else {
        res->outcome = "gevalideerd";
    }
    res->exit_code = res->rows_rejected ? 1 : 0;
    goto done;

refused:
    finalize_statements(R);
    if (in_tx) {
        (void)sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        in_tx = 0;
    }
    res->replaced_id = 0;
    res->outcome = "geweigerd";
    res->exit_code = 2;
    record_refusal(R);
done:
    finalize_statements(R);
    if (in_tx)
        (void)sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    if (bulk && !etl_journal_mode(s->db, "WAL"))
        fprintf(stderr, "kansrijk: could not return the database to WAL mode; run 'kansrijk init' to restore it\n");
    fb_close(R);
    if (R->p_inited)
        csv_free(&R->p);
    kr_buf_fini(&R->row);
    keyset_fini(&R->keys);
    free(R);
}

/* ---- the session ------------------------------------------------------------------------------------ */

void etl_options_init(etl_options *o)
{
    memset(o, 0, sizeof *o);
    o->max_rejected = 0.20;
}

kr_status etl_session_new(sqlite3 *db, const etl_options *o, etl_session **out)
{
    *out = NULL;
    if (db == NULL && !o->dry_run)
        return KR_EUSAGE;
    etl_session *s = calloc(1, sizeof *s);
    if (!s)
        return KR_ENOMEM;
    s->db = db;
    s->o = o;
    *out = s;
    return KR_OK;
}

void etl_session_free(etl_session *s)
{
    if (!s)
        return;
    registry_fini(&s->reg);
    free(s);
}

void etl_result_fini(etl_result *r)
{
    if (!r)
        return;
    free(r->errors);
    free(r->warns);
    r->errors = r->warns = NULL;
    r->nerrors = r->nwarns = 0;
}

void etl_session_check(etl_session *s, const char *path, etl_result *out) { process_file(s, path, out); }

typedef struct order_item {
    size_t index;
    int order;
} order_item;

static int cmp_order(const void *a, const void *b)
{
    const order_item *x = a, *y = b;
    if (x->order != y->order)
        return x->order < y->order ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

/* Reference data first, in dependency order, so that `ingest samples/...` just works. */
static int file_order(const etl_options *o, const char *path)
{
    const char *b = base_name(path);
    if (o->type) {
        const etl_type *t = etl_type_find(o->type, strlen(o->type));
        return t ? t->load_order : 100;
    }
    for (size_t i = 0; i < etl_ntypes; i++) {
        size_t n = strlen(etl_types[i].name);
        if (etl_types[i].reference && strlen(b) > n && kr_eq_ci(b, n, etl_types[i].name) && b[n] == '.')
            return etl_types[i].load_order;
    }
    return 100;
}

int etl_session_run(etl_session *s, const char *const *files, size_t nfiles, int json, FILE *out)
{
    int worst = 0;
    order_item *ord = calloc(nfiles ? nfiles : 1, sizeof *ord);
    etl_result *rs = calloc(nfiles ? nfiles : 1, sizeof *rs);
    if (!ord || !rs) {
        free(ord);
        free(rs);
        fprintf(stderr, "kansrijk: out of memory\n");
        return 2;
    }
    for (size_t i = 0; i < nfiles; i++) {
        ord[i].index = i;
        ord[i].order = file_order(s->o, files[i]);
    }
    qsort(ord, nfiles, sizeof *ord, cmp_order);
    for (size_t k = 0; k < nfiles; k++) {
        etl_result *r = &rs[k];
        process_file(s, files[ord[k].index], r);
        if (!json) {
            etl_result_print(out, r);
            etl_result_fini(r);  /* only the JSON report needs them all at the end */
        }
        if (r->exit_code > worst)
            worst = r->exit_code;
    }
    if (json) {
        char *j = etl_results_json(rs, nfiles);
        if (j) {
            fputs(j, out);
            fputc('\n', out);
            free(j);
        }
    }
    for (size_t k = 0; k < nfiles; k++)
        etl_result_fini(&rs[k]);
    free(rs);
    free(ord);
    return worst;
}
