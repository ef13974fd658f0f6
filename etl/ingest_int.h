/*
 * etl internal to ingest: the state of one ingest session and one file's run, shared by the
 * files that make up an ingest (ingest.c, dialect.c, values.c, problems.c, registry.c and the
 * ledger part of ledger.c). Never included from another folder.
 */
#ifndef ETL_INGEST_INT_H
#define ETL_INGEST_INT_H

#include "etl_int.h"
#include "../core/hash.h"

#include <csv.h>
#include <nettle/sha2.h>
#include <stdint.h>
#include <string.h>

#define CHUNK (1u << 20)            /* read size */
#define MAX_FIELD (1u << 20)        /* a field may hold at most 1 MiB */
#define MAX_FIELDS 256              /* fields kept per row */
#define MAX_ROW (4u << 20)          /* bytes kept per row */
#define MAX_MERGED 32               /* distinct merged municipality codes reported */
#define MAX_TEXT 200                /* characters of a free-text value (reference names; Table Schema's maxLength) */

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

struct run;

struct etl_session {
    sqlite3 *db;
    const etl_options *o;
    registry reg;
    char **fb_paths;   /* the files of this session that wrote feedback, in order (two may share a name) */
    size_t nfb, capfb;
    /* For tests only (the differential test of split_plain in tests/test_etl.c and tests/fuzz/fuzz_split.c);
     * zero in use. Set them on a session before its first file. */
    int no_split_plain;                                /* every line to libcsv: the fast path off */
    void (*row_split)(const struct run *R, void *ctx); /* each row as split (nf, foff, flen), before it is checked */
    void *row_split_ctx;
};

typedef struct merged_use {
    char from[8], to[8];
    long count, first_line;
} merged_use;

typedef struct colstat {
    long nonempty;
    long ident;
    long inside;      /* an ignored column: values that hold an identifier somewhere (etl_contains_identifier) */
} colstat;

/* What the bytes of a file show; once the whole file is read, its facts. */
typedef struct file_facts {
    long long bytes;
    long long lines;  /* newline count: an upper bound of the rows */
    int nul, utf8_ok, cp1252_ok, bom, utf16, zip;  /* zip: a ZIP archive (.xlsx) or an Excel 97-2003 workbook */
    long long utf8_seqs, utf8_bad;  /* valid multi-byte UTF-8 sequences, and bytes that break UTF-8 */
    char sha256[65];  /* "" until the end of the file */
} file_facts;

/* A file read once, block by block (dialect.c): every block is hashed and scanned as it is read. */
typedef struct reader {
    const char *path;
    int fd;
    unsigned char *buf;         /* the block just read (CHUNK bytes) */
    size_t len;                 /* its length; 0 once the file is done */
    int at_end;                 /* the end of the file was read: pp is complete */
    int failed;                 /* opening or reading failed: err says why */
    int high;                   /* the block holds a byte >= 0x80 */
    int need;                   /* UTF-8 continuation bytes still expected */
    long long size;             /* the size fstat gave (a regular file), for estimates */
    struct sha256_ctx sha;
    file_facts pp;                 /* what the bytes read so far show */
    char err[512];
} reader;

/* How the rows of a file are decoded, from what its bytes show (etl_encoding_of). */
typedef enum etl_encoding {
    ETL_ENC_UTF8,               /* UTF-8 throughout */
    ETL_ENC_UTF8_DIRTY,         /* UTF-8 with some bytes that break it: rows are checked */
    ETL_ENC_CP1252,             /* Windows-1252, converted */
    ETL_ENC_NONE                /* neither: refused */
} etl_encoding;

typedef struct run {
    etl_session *s;
    etl_result *res;
    const etl_type *type;
    char org[48];
    kr_period period;
    int has_period;
    int cp1252;
    int utf8_dirty;             /* UTF-8 with some bytes that break it: rows are checked */
    int bom;

    /* parsing */
    struct csv_parser p;
    int p_inited;
    int csv_clean;              /* libcsv is between rows (split_plain may take the next line) */
    long long csv_events;       /* fields and rows given so far */
    unsigned char delim;
    kr_buf row;                 /* the current row's fields, back to back (from libcsv) */
    const char *plain;          /* or the line they lie in (split_plain), until the row ends */
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
    char hdr_names[MAX_FIELDS][48];  /* as messages show them: masked as a coded value (a name typed as a header) */
    char hdr_raw[MAX_FIELDS][48];    /* as written, but for identifiers: to compare rows with */

    /* the row under validation */
    etl_row r;
    int org_col;                /* the organisatie column of an extract, or -1 */
    int date_col;               /* an extract's own date (what linkage dates a record by), or -1 */
    long dated, in_period;      /* accepted rows with that date, and of them those within the period */
    long day_first, month_first; /* dates d-m-yyyy only a day first makes (13-04-2025), and only a month (04-13-2025) */
    char keycols[200];          /* the key columns, for messages */
    int synth_col;              /* organisaties.synthetisch, or -1 */
    int64_t key;
    char canon[24][80];
    char listbuf[ETL_LISTBUF];
    kr_hash keys;               /* the record keys of this file so far (a set: no values) */
    merged_use merged[MAX_MERGED];
    size_t nmerged;

    /* storage */
    sqlite3_stmt *ins;
    sqlite3_stmt *ins_rej;
    sqlite3_stmt *ins_warn;
    long long lev_id;
    long long first_rowid, last_rowid;
    long long prev_accepted;    /* rows_accepted of the delivery this one replaces */
    kr_status db_fail;          /* why the database failed: KR_EFULL, KR_EBUSY, ... */
    char db_msg[512];           /* what happened and what to do, in English (kr_db_problem_in) */
    int busy;                   /* the database stayed locked: the ledger cannot take the refusal either */
    FILE *fb;                   /* feedback file being written */
    int fb_discard;             /* nothing new to tell: keep the earlier file */
    char fb_tmp[1200];
    char fb_final[1200];

    /* reading the file once (process_file in ingest.c) */
    reader rd;
    const file_facts *known;       /* the whole file's facts from an earlier reading, or NULL */
    etl_encoding enc;           /* how the rows are decoded now */
    int high_fed;               /* a byte >= 0x80 has been given to the parser */
    int chk_nul, chk_enc;       /* the NUL and encoding checks passed on the first block only */
    int chk_keys;               /* the key set could not be sized from an estimate */
    int chk_identity;           /* the ledger identity was looked up before the hash was known */
    long long prev;             /* the active delivery this one would replace */
    int parsed;                 /* the rows were parsed (the file read to its end) */
    int ended;                  /* 1 + how the reading ended, once known (ingest.c) */

    /* progress */
    long long done_bytes;
    long long next_progress;
} run;

static inline int fail_fast(run *R) { return R->stop || R->db_fail != KR_OK; }


/* ---- small helpers ------------------------------------------------------------- */

static inline const char *base_name(const char *path)
{
    const char *b = strrchr(path, '/');
    return b ? b + 1 : path;
}

static inline void upper(char *s)
{
    for (; *s; s++)
        if (*s >= 'a' && *s <= 'z')
            *s = (char)(*s - 'a' + 'A');
}

static inline void lower(char *s)
{
    for (; *s; s++)
        if (*s >= 'A' && *s <= 'Z')
            *s = (char)(*s - 'A' + 'a');
}

/* Copy (s, n) into dst (cap), NUL-terminated; 0 when it does not fit. */
static inline int copy_n(char *dst, size_t cap, const char *s, size_t n)
{
    if (n >= cap)
        return 0;
    memcpy(dst, s, n);
    dst[n] = '\0';
    return 1;
}

static inline int code_chars_ok(const char *s, size_t n, int allow_underscore)
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

static inline int cmp_code(const void *a, const void *b) { return strcmp((const char *)a, (const char *)b); }

/* ---- shared between the files of an ingest ---- */

/* Note that the database failed, with its cause; call it before any ROLLBACK (that clears the cause). */
void etl_db_failed(run *R);

/* ingest.c */
void etl_end_row(run *R);
void etl_progress(run *R, int final);

/* registry.c */
void etl_registry_fini(registry *g);
kr_status etl_registry_load(sqlite3 *db, registry *g);
const reg_org *etl_find_org(const registry *g, const char *code);
const reg_gm *etl_find_gm(const registry *g, const char *code);
int etl_find_code(const reg_code *list, size_t n, const char *code);

/* problems.c */
void etl_reason_add(etl_result *res, kr_status code, int warning, const char *column, long line, const char *msg_en,
                    const char *msg_nl);
void etl_issue_list_add(etl_issue **list, size_t *n, const etl_issue *is);
void etl_fb_write(run *R, const char *kind, const etl_issue *is);
int etl_utf8_valid(const char *s, size_t n);
void etl_masked_value(run *R, int col, char *out, size_t cap);
/* A warning about the file as a whole (line 0 = no line). */
void etl_file_warn(run *R, kr_status code, long line, const char *column, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* Refuse the whole file; the first refusal counts. */
void etl_refuse(run *R, kr_status code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* values.c */
void etl_parse_value(run *R, int c, const char *s, size_t n);

/* dialect.c */
/* Open path for reading once (rd->err says why not). etl_reader_close frees it, also after a failure. */
kr_status etl_reader_open(reader *rd, const char *path);
/* Read, hash and scan the next block into rd->buf (rd->len bytes; 0 once the file is done). */
kr_status etl_reader_next(reader *rd);
void etl_reader_close(reader *rd);
etl_encoding etl_encoding_of(const file_facts *pp);
int etl_blank_segment(const char *s, size_t n);
/* How the rows are decoded from here on. */
void etl_set_encoding(run *R, etl_encoding e);
/* Parse the file from the block R->rd holds to its end (the rest read, not parsed, after a refusal). */
kr_status etl_parse_file(run *R);
int etl_sniff_delimiter(const char *s, size_t n, unsigned char *delim);

/* ledger.c */
kr_status etl_find_identity(run *R, long long *active_id, int *active_same, long long *old_same);
kr_status etl_find_same_bytes(run *R, long long prev, int *active_same, long long *old_same);
kr_status etl_dropped_organisations(run *R, long long *n, char *codes, size_t cap);
kr_status etl_find_other_identity(run *R, long long *id, char *what, size_t cap);
kr_status etl_insert_ledger(run *R, const char *status, int synthetisch, long long *id);
void etl_record_refusal(run *R);
kr_status etl_prepare_statements(run *R);
void etl_finalize_statements(run *R);
kr_status etl_retire_previous(run *R, long long prev);
kr_status etl_replace_previous(run *R, long long prev);
kr_status etl_finish_ledger(run *R);

#endif
