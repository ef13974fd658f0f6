/*
 * Ingest and validate partner extracts: dialect sniffing, header mapping, the
 * direct-identifier guard, every row rule, and storing a delivery in one
 * transaction with its ledger entry, rejected rows and warnings. Each file is
 * read once; rows stream from the line splitter (libcsv for lines with a
 * quote) to prepared statements; memory does not grow with the file (the
 * in-file duplicate set excepted: 16 bytes a row).
 */
#include "ingest_int.h"
#include "link_int.h"

#include <csv.h>
#include <ctype.h>
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

/* Note that the database failed, with its cause; call it before any ROLLBACK (that clears the cause). */
void etl_db_failed(run *R)
{
    if (R->db_fail != KR_OK)
        return;
    R->db_fail = kr_db_problem_in(R->s->db, KR_EN, R->db_msg, sizeof R->db_msg);  /* for the English record */
    if (R->db_fail == KR_EBUSY)
        R->busy = 1;
}

/* The text the current row's field offsets point into: the line itself (split_plain), or the copies libcsv gave. */
static const char *row_text(const run *R) { return R->plain ? R->plain : R->row.data; }

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
        etl_db_failed(R);
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

    int bad_utf8 = -1;  /* the first field with bytes that break UTF-8 */

    res->rows_read++;
    r->line = R->row_start;
    r->rejected = 0;
    for (int f = 0; f < R->nf; f++) {
        size_t n = R->flen[f];
        const char *s = etl_trim(row_text(R) + R->foff[f], &n);
        R->tval[f] = s;
        R->tlen[f] = n;
        if (n == 0)
            continue;
        all_empty = 0;
        if (R->utf8_dirty && bad_utf8 < 0 && !etl_utf8_valid(s, n))
            bad_utf8 = f;
        if (f < R->nhdr) {
            R->cstat[f].nonempty++;
            if (etl_is_identifier(s, n))
                R->cstat[f].ident++;
            else if (R->file_to_spec[f] < 0 && etl_contains_identifier(s, n))
                R->cstat[f].inside++;
        }
    }
    if (all_empty) {
        res->rows_skipped++;
        return;
    }
    int nf = R->nf + R->extra_fields, again = nf == R->nhdr;  /* the header line again, field for field */
    for (int f = 0; f < R->nf && again; f++)
        again = R->tlen[f] == strlen(R->hdr_raw[f]) && kr_eq_ci(R->tval[f], R->tlen[f], R->hdr_raw[f]);
    const char *lead = R->nf ? R->tval[0] : "";
    size_t lead_len = R->nf ? R->tlen[0] : 0;
    if (again) {
        etl_row_reject(r, -1, KR_R_FIELDS,
                       "the header line again: two exports pasted one below the other? Keep one header, at the top");
    } else if (nf != R->nhdr && lead_len >= 4 &&
               (kr_eq_ci(lead, 4, "tota") || kr_eq_ci(lead, 4, "som:") ||
                (lead_len >= 6 && kr_eq_ci(lead, 6, "aantal")))) {  /* Totaal, Total, Som:, Aantal rijen */
        etl_row_reject(r, -1, KR_R_FIELDS,
                       "a line of totals or a count, not a record: leave it out of the export");  /* its text unshown */
    } else if (nf != R->nhdr) {
        if (nf == R->nhdr + 1 && R->nf > R->nhdr && R->flen[R->nhdr] == 0)
            etl_row_reject(r, -1, KR_R_FIELDS,
                           "the row has %d fields, the header %d: the last one is empty; is there one delimiter too "
                           "many at the end of the line?", nf, R->nhdr);
        else
            etl_row_reject(r, -1, KR_R_FIELDS, "the row has %d field(s), the header %d", nf, R->nhdr);
    } else if (bad_utf8 >= 0) {
        etl_row_reject(r, R->file_to_spec[bad_utf8], KR_R_ENCODING,
                       "column %s holds bytes that are not UTF-8, in a file that is UTF-8; correct the characters "
                       "of this row, or save the file as CSV (UTF-8) again",
                       R->hdr_names[bad_utf8]);
    } else {
        for (size_t c = 0; c < R->type->ncols; c++) {
            int f = R->spec_to_file[c];
            if (f >= 0)
                etl_parse_value(R, (int)c, R->tval[f], R->tlen[f]);
            else
                etl_parse_value(R, (int)c, "", 0);
        }
        if (!r->rejected && R->type->rule)
            R->type->rule(r);
        if (!r->rejected) {
            R->key = etl_row_key(R->type, r->vals, R->type->reference ? NULL : R->org);
            uint64_t k = R->key ? (uint64_t)R->key : 1;  /* the set takes no key 0 */
            /* the key's slot is far away in memory: fetch it while the row is bound */
            kr_hash_prefetch(&R->keys, k);
            if (R->ins)
                bind_row(R);
            int added = 0;
            if (kr_hash_put(&R->keys, k, NULL, &added) != KR_OK) {
                R->db_fail = KR_ENOMEM;
                kr_strlcpy(R->db_msg, "out of memory", sizeof R->db_msg);
                return;
            }
            /* the key set keeps no line numbers: they would double its memory (bench/README.md) */
            if (added == 0)
                etl_row_reject(r, -1, KR_R_DUPLICATE,
                               "the same record (equal %s) occurs earlier in the file; remove one of the two",
                               R->keycols);
        }
    }
    if (r->rejected) {
        res->rows_rejected++;
        return;
    }
    res->rows_accepted++;
    if (R->date_col >= 0 && r->vals[R->date_col].set) {
        kr_date d = (kr_date)r->vals[R->date_col].i;
        R->dated++;
        R->in_period += R->has_period && d >= R->period.first && d <= R->period.last;
    }
    if (R->ins)
        insert_row(R);
}

/* ---- the header --------------------------------------------------------------------------- */

/*
 * The column of type t that header name (s, n) means when written another way: ASCII letters in any case, spaces,
 * hyphens and dots as underscores, a unit in brackets at the end left out ("Client Pseudoniem", "A-terme datum",
 * "Geboortegewicht (g)"); -1 when none.
 */
static int loose_column(const etl_type *t, const char *s, size_t n)
{
    char key[64] = "";
    size_t k = 0;
    const char *open = memchr(s, '(', n);
    if (open && n && s[n - 1] == ')')
        n = (size_t)(open - s);
    for (size_t i = 0; i < n && k + 1 < sizeof key; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        else if (c == ' ' || c == '-' || c == '.' || c == '_')
            c = '_';
        else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
            return -1;
        if (c == '_' && (k == 0 || key[k - 1] == '_'))
            continue;
        key[k++] = c;
    }
    while (k && key[k - 1] == '_')
        k--;
    key[k] = '\0';
    for (size_t c = 0; k && c < t->ncols; c++)
        if (strcmp(key, t->cols[c].name) == 0)
            return (int)c;
    return -1;
}

static void process_header(run *R)
{
    const etl_type *t = R->type;
    char missing[512] = "";
    size_t mk = 0;

    R->header_done = 1;
    R->nhdr = R->nf + R->extra_fields;
    if (R->extra_fields) {
        etl_refuse(R, KR_F_NO_HEADER, "the header line has more than %d columns",
               MAX_FIELDS);
        return;
    }
    for (size_t c = 0; c < t->ncols; c++)
        R->spec_to_file[c] = -1;
    for (int f = 0; f < R->nf; f++) {
        size_t n = R->flen[f];
        const char *s = etl_trim(row_text(R) + R->foff[f], &n);
        char name[48];
        R->file_to_spec[f] = -1;
        etl_mask(s, n, ETL_MASK_TEXT, name, sizeof name);
        kr_strlcpy(R->hdr_raw[f], name, sizeof R->hdr_raw[f]);
        /* a column name as a message shows it: one word (opmerking), as a code is; else it may be a name */
        etl_mask_column(s, n, ETL_CODE, NULL, R->hdr_names[f], sizeof R->hdr_names[f]);
        if (n == 0)
            continue;
        int found = -1;
        for (size_t c = 0; c < t->ncols; c++)
            if (kr_eq_ci(s, n, t->cols[c].name))
                found = (int)c;
        if (found >= 0) {
            if (R->spec_to_file[found] >= 0) {
                etl_refuse(R, KR_F_DUPLICATE_COLUMN, "column %s occurs twice in the header; remove one",
                           t->cols[found].name);
                return;
            }
            R->spec_to_file[found] = f;
            R->file_to_spec[f] = found;
            continue;
        }
        if (etl_is_identifier_name(s, n)) {
            etl_refuse(R, KR_F_IDENTIFIER_COLUMN,
                   "column %s (column %d) looks like a direct identifier; remove the column from the export and "
                   "send the file again",
                   R->hdr_names[f], f + 1);
            return;
        }
    }
    /* a name written another way: in capitals with spaces or hyphens, with its unit (Geboortegewicht (g)) */
    for (int f = 0; f < R->nf; f++) {
        if (R->file_to_spec[f] >= 0 || !R->hdr_raw[f][0])
            continue;
        size_t n = R->flen[f];
        const char *s = etl_trim(row_text(R) + R->foff[f], &n);
        int c = loose_column(t, s, n);
        if (c < 0 || R->spec_to_file[c] >= 0)
            continue;
        R->spec_to_file[c] = f;
        R->file_to_spec[f] = c;
        /* the name as written, where it is the column's name in other letters and spaces alone (Intake datum); with
         * something in brackets after it, as the message shows any name */
        char as_written[48];
        if (!memchr(s, '(', n) && n < sizeof as_written)
            kr_strlcpy(as_written, s, n + 1);
        else
            kr_strlcpy(as_written, R->hdr_names[f], sizeof as_written);
        etl_file_warn(R, KR_W_COLUMN_NAME, R->row_start, t->cols[c].name,
                      "column %s read as %s; name it %s in the export", as_written, t->cols[c].name,
                      t->cols[c].name);
    }
    for (size_t c = 0; c < t->ncols; c++)
        if ((t->cols[c].flags & ETL_REQ) && R->spec_to_file[c] < 0) {
            int w = snprintf(missing + mk, sizeof missing - mk, "%s%s", mk ? ", " : "", t->cols[c].name);
            if (w > 0 && (size_t)w < sizeof missing - mk)
                mk += (size_t)w;
        }
    int matched = 0;
    for (int f = 0; f < R->nf; f++)
        matched += R->file_to_spec[f] >= 0;
    if (mk && matched == 0) {
        /* not a header at all: a title line above it, an HTML page, a line of delimiters, or a record (the header is
         * missing), which is why nothing of the line is quoted */
        etl_refuse(R, KR_F_MISSING_COLUMN,
                   "line %ld names none of the columns of %s. The first line of the file must hold the column names "
                   "(%s, ...): remove any title above them, or add the header line if it is missing",
                   R->row_start, t->name, t->cols[0].name);
        return;
    }
    if (mk) {
        etl_refuse(R, KR_F_MISSING_COLUMN,
               "required column(s) missing for type %s: %s; add them to the header (names are case-insensitive)",
               t->name, missing);
        return;
    }
    for (int f = 0; f < R->nf; f++)
        if (R->file_to_spec[f] < 0 && R->hdr_raw[f][0])  /* a name typed as a column name: masked (hdr_names) */
            etl_file_warn(R, KR_W_UNKNOWN_COLUMN, R->row_start, R->hdr_names[f], "unknown column %s ignored",
                          R->hdr_names[f]);
}

/* ---- the end of a row -------------------------------------------------------------------------- */

/*
 * A quoted field that runs over lines and holds a whole row's worth of delimiters: a quote opened without its closing
 * one, closed only by a quote some lines further down, took the rows in between into one field. Those rows would be
 * lost without a word (in a column kansrijk ignores, not even the row is rejected), so the file is refused. 0 then.
 */
static int rows_swallowed(run *R)
{
    if (!R->header_done || R->row_start >= R->line || R->plain || R->nhdr < 3)
        return 1;
    for (int f = 0; f < R->nf; f++) {
        const char *s = R->row.data + R->foff[f], *end = s + R->flen[f];
        const char *nl = memchr(s, '\n', R->flen[f]);
        if (!nl)
            continue;
        long delims = 0;
        for (const char *p = nl; p < end; p++)
            delims += (unsigned char)*p == R->delim;
        if (delims < R->nhdr - 1)
            continue;
        long lines = 1;
        for (const char *p = s; p < end; p++)
            lines += *p == '\n';
        etl_refuse(R, KR_F_SYNTAX,
                   "the field in column %s on line %ld opens a quote (\") that closes only %ld lines further down, "
                   "and the lines between look like rows (%ld delimiters): they would be lost. Add the missing "
                   "closing quote, or remove the one that opens the field, and send the file again",
                   f < R->nhdr ? R->hdr_names[f] : "?", R->row_start, lines - 1, delims);
        return 0;
    }
    return 1;
}

/* The end of a row from the line splitter (dialect.c): the header or a data row, then the next row. */
void etl_end_row(run *R)
{
    R->csv_events++;
    if (!R->stop && R->db_fail == KR_OK && rows_swallowed(R)) {
        if (!R->header_done)
            process_header(R);
        else
            process_row(R);
    }
    R->nf = 0;
    R->extra_fields = 0;
    R->plain = NULL;
    kr_buf_reset(&R->row);
    R->between_rows = 1;
}

/* ---- identity from options and file name ----------------------------------------------------- */

/*
 * What the file name b says: the type of a reference file (<type>.csv), or of an extract with its organisation and
 * period (<type>_<organisatie>_<periode>.csv) in forg and fper; *ft NULL when it names no type. 0 when the file is
 * refused here (a spreadsheet).
 */
static int name_says(run *R, const char *b, const etl_type **ft, char *forg, size_t orgcap, char *fper, size_t percap)
{
    char stem[256];
    *ft = NULL;
    kr_strlcpy(stem, b, sizeof stem);
    size_t sl = strlen(stem);
    if (sl > 4 && kr_eq_ci(stem + sl - 4, 4, ".csv"))
        stem[sl - 4] = '\0';
    else if (sl > 4 && (kr_eq_ci(stem + sl - 4, 4, ".txt") || kr_eq_ci(stem + sl - 4, 4, ".tsv")))
        stem[sl - 4] = '\0';
    else {
        /* a spreadsheet sent as it is: say so before its name is read as a period */
        static const char *const sheets[] = {".xlsx", ".xlsm", ".xls", ".ods", NULL};
        for (size_t i = 0; sheets[i]; i++) {
            size_t el = strlen(sheets[i]);
            if (sl > el && kr_eq_ci(stem + sl - el, el, sheets[i])) {
                etl_refuse(R, KR_F_NOT_TEXT,
                           "%s is a spreadsheet file (%s), not CSV; save it from Excel as CSV (semicolon-separated) "
                           "and send that", b, sheets[i]);
                return 0;
            }
        }
    }
    /* <type>.csv for reference data, <type>_<organisatie>_<periode>.csv for extracts */
    *ft = etl_type_find(stem, strlen(stem));
    if (*ft && (*ft)->reference)
        return 1;
    *ft = NULL;
    /* 2025_Q2 for 2025Q2: the period written with an underscore of its own */
    size_t sl2 = strlen(stem);
    if (sl2 >= 8 && stem[sl2 - 3] == '_' && (stem[sl2 - 2] == 'Q' || stem[sl2 - 2] == 'q') && stem[sl2 - 1] >= '1' &&
        stem[sl2 - 1] <= '4' && stem[sl2 - 8] == '_' && isdigit((unsigned char)stem[sl2 - 4]))
        memmove(stem + sl2 - 3, stem + sl2 - 2, 3);
    char *u2 = strrchr(stem, '_');
    if (!u2)
        return 1;
    *u2 = '\0';
    char *u1 = strrchr(stem, '_');
    if (!u1)
        return 1;
    *u1 = '\0';
    const etl_type *t = etl_type_find(stem, strlen(stem));
    if (t && !t->reference && code_chars_ok(u1 + 1, strlen(u1 + 1), 0)) {
        *ft = t;
        kr_strlcpy(forg, u1 + 1, orgcap);
        upper(forg);
        kr_strlcpy(fper, u2 + 1, percap);
    }
    return 1;
}

/* The first place code stands in name (any case) masked; where it does not stand there, the whole name. */
static void mask_in_name(char *name, size_t cap, const char *code)
{
    size_t n = strlen(name), k = strlen(code);
    for (size_t i = 0; k && i + k <= n; i++)
        if (kr_eq_ci(name + i, k, code)) {
            char out[256];
            (void)snprintf(out, sizeof out, "%.*s%s%s", (int)i, name, ETL_HIDDEN, name + i + k);
            kr_strlcpy(name, out, cap);
            return;
        }
    kr_strlcpy(name, ETL_HIDDEN ".csv", cap);
}

static void resolve_identity(run *R, const char *path)
{
    const etl_options *o = R->s->o;
    etl_result *res = R->res;
    const char *b = base_name(path);
    const etl_type *ft = NULL;
    char forg[48] = "", fper[64] = "";
    /* a BSN, phone number, postcode or e-mail address in the file's name: the ledger and every message would keep it */
    if (etl_contains_identifier(b, strlen(b))) {
        kr_strlcpy(res->file, ETL_HIDDEN ".csv", sizeof res->file);
        etl_refuse(R, KR_F_IDENTIFIER_VALUES,
                   "the file name holds what looks like a BSN, phone number, postcode or e-mail address; rename the "
                   "file to <type>_<organisatie>_<periode>.csv and send it again");
        return;
    }
    if (!name_says(R, b, &ft, forg, sizeof forg, fper, sizeof fper))
        return;
    const etl_type *t = ft;
    if (o->type) {
        const etl_type *ot = etl_type_find(o->type, strlen(o->type));
        if (!ot) {
            etl_refuse(R, KR_F_UNKNOWN_TYPE, "--type %s is not an extract type (see 'kansrijk spec')", o->type);
            return;
        }
        if (ft && ft != ot) {
            etl_refuse(R, KR_F_IDENTITY, "--type says %s but the file name says %s; rename the file or fix --type",
                       ot->name, ft->name);
            return;
        }
        t = ot;
    }
    for (size_t i = 0; !t && i < etl_ntypes; i++) {
        size_t tn = strlen(etl_types[i].name);
        if (etl_types[i].reference && strlen(b) > tn && kr_eq_ci(b, tn, etl_types[i].name)) {
            etl_refuse(R, KR_F_IDENTITY,
                   "this looks like reference data (%s): name the file %s.csv or give --type %s", etl_types[i].name,
                   etl_types[i].name, etl_types[i].name);
            return;
        }
    }
    if (!t) {
        etl_refuse(R, KR_F_IDENTITY,
               "cannot tell the extract type: name the file <type>_<organisatie>_<periode>.csv "
               "(e.g. jgz_contact_JGZ-ZL_2025Q2.csv) or give --type, --organisatie and --periode");
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
            etl_refuse(R, KR_F_IDENTITY,
                   "--organisatie says %s but the file name says %s; rename the file or fix --organisatie", oo, forg);
            return;
        }
        kr_strlcpy(forg, oo, sizeof forg);
    }
    if (o->periode) {
        kr_period a, b2;
        if (fper[0] && kr_period_parse(fper, strlen(fper), &a) == KR_OK &&
            kr_period_parse(o->periode, strlen(o->periode), &b2) == KR_OK && strcmp(a.label, b2.label) != 0) {
            etl_refuse(R, KR_F_IDENTITY,
                       "--periode says %s but the file name says %s; rename the file or fix --periode", b2.label,
                       a.label);
            return;
        }
        kr_strlcpy(fper, o->periode, sizeof fper);
    }
    if (!forg[0] || !code_chars_ok(forg, strlen(forg), 0)) {
        etl_refuse(R, KR_F_IDENTITY, "the delivering organisation is unknown: give --organisatie or name the file "
               "%s_<organisatie>_<periode>.csv", t->name);
        return;
    }
    kr_strlcpy(R->org, forg, sizeof R->org);
    kr_strlcpy(res->org, forg, sizeof res->org);
    if (!fper[0]) {
        if (o->dry_run)
            return;  /* validate: the period check is skipped */
        etl_refuse(R, KR_F_PERIOD, "the period is unknown: give --periode (e.g. 2025Q2) or name the file "
               "%s_%s_<periode>.csv", t->name, forg);
        return;
    }
    if (kr_period_parse(fper, strlen(fper), &R->period) != KR_OK) {
        kr_period p;
        size_t pl = strcspn(fper, " (");  /* 2025Q2 - definitief, 2025Q2 (1): a period with words after it */
        if (pl >= 4 && pl < strlen(fper) && kr_period_parse(fper, pl, &p) == KR_OK)
            etl_refuse(R, KR_F_PERIOD,
                       "the file name has words after its period: name the file %s_%s_%.*s.csv, with nothing after "
                       "the period",
                       t->name, forg, (int)pl, fper);
        else {
            char shown[80];
            etl_mask(fper, strlen(fper), ETL_MASK_CODED, shown, sizeof shown);
            etl_refuse(R, KR_F_PERIOD, "%s is not a period: write a quarter (2025Q2) or a year (2025)", shown);
        }
        return;
    }
    /* a typo in the year (2052Q2) would move the default peildatum, and every report, into the future */
    kr_date today = kr_date_today();
    if (today != KR_NO_DATE && R->period.first > today) {
        char begins[11], now[11];
        kr_date_format(R->period.first, begins);
        kr_date_format(today, now);
        etl_refuse(R, KR_F_PERIOD, "period %s has not begun yet (it begins on %s; today is %s): check the period "
                   "in the file name or in --periode", R->period.label, begins, now);
        return;
    }
    R->has_period = 1;
    kr_strlcpy(res->period, R->period.label, sizeof res->period);
}

/* ---- progress --------------------------------------------------------------------------------- */

void etl_progress(run *R, int final)
{
    const etl_options *o = R->s->o;
    if (!o->progress || R->res->bytes < (8 << 20))
        return;
    if (!final && R->done_bytes < R->next_progress)
        return;
    R->next_progress = R->done_bytes + R->res->bytes / 100;
    o->progress(o->ctx, R->res->file, (int)(100 * R->done_bytes / (R->res->bytes ? R->res->bytes : 1)),
                R->res->rows_read, final);
}

/* A sentence for the coordinator through the caller's notice callback (printf-style). */
static void notice(run *R, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void notice(run *R, const char *fmt, ...)
{
    const etl_options *o = R->s->o;
    char msg[1536];
    va_list ap;
    if (!o->notice)
        return;
    va_start(ap, fmt);
    (void)vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    o->notice(o->ctx, msg);
}

/* ---- one file -------------------------------------------------------------------------------------- */

/*
 * How many files of this session before R's share its name (0 for the first): two files of one name in one run (an
 * original and its correction, from two folders) each keep their feedback. A file read again counts once.
 */
static size_t fb_earlier_namesakes(run *R)
{
    etl_session *s = R->s;
    const char *path = R->rd.path ? R->rd.path : R->res->file;
    size_t i = 0, same = 0;
    for (; i < s->nfb && strcmp(s->fb_paths[i], path) != 0; i++)
        same += strcmp(base_name(s->fb_paths[i]), base_name(path)) == 0;
    if (i == s->nfb && kr_grow(&s->fb_paths, &s->capfb, s->nfb, sizeof *s->fb_paths, 8) == KR_OK) {
        s->fb_paths[s->nfb] = strdup(path);
        s->nfb += s->fb_paths[s->nfb] != NULL;
    }
    return same;
}

static void fb_open(run *R)
{
    const char *dir = R->s->o->feedback_dir;
    if (!dir)
        return;
    char name[300];
    size_t same = fb_earlier_namesakes(R), nl = strlen(R->res->file);
    if (nl >= 4 && kr_eq_ci(R->res->file + nl - 4, 4, ".csv"))
        nl -= 4;
    if (same)  /* terugkoppeling_X_2.csv for the second file named X.csv */
        (void)snprintf(name, sizeof name, "%.*s_%zu.csv", (int)nl, R->res->file, same + 1);
    else
        (void)snprintf(name, sizeof name, "%.*s.csv", (int)nl, R->res->file);
    (void)snprintf(R->fb_final, sizeof R->fb_final, "%s/terugkoppeling_%s", dir, name);
    (void)snprintf(R->fb_tmp, sizeof R->fb_tmp, "%s/.terugkoppeling_%s.tmp", dir, name);
    R->fb = kr_fopen_private(R->fb_tmp);  /* feedback names rows of persons: owner only, like the database */
    if (!R->fb) {
        notice(R, _("%s: cannot write the feedback file: %s"), R->fb_tmp, strerror(errno));
        return;
    }
    fputs("\xEF\xBB\xBF", R->fb);
    fputs("\"bestand\";\"regel\";\"kolom\";\"waarde\";\"soort\";\"melding\"\r\n", R->fb);
}

/*
 * A refusal as the partner reads it in the feedback file: the coordinator's own advice (an option of kansrijk, a
 * command) means nothing to whoever made the export, so such a refusal says what the partner can do instead.
 */
static const char *for_partner(const run *R, char *buf, size_t cap)
{
    const char *nl = R->res->refusal_nl;
    if (!strstr(nl, " --") && !strstr(nl, "'kansrijk "))
        return nl;
    switch (R->res->refusal) {
    case KR_F_TOO_MANY_REJECTED:
        return kr_nl("too many rows were rejected; fix the rows listed here and send the whole file again");
    case KR_F_SHORT_CORRECTION:
        (void)snprintf(buf, cap,
                       kr_nl("this correction holds %ld rows, fewer than half the %lld of the delivery it would "
                             "replace; send the whole file of the period again"),
                       R->res->rows_accepted, R->prev_accepted);
        return buf;
    case KR_F_REPLACED_RESEND:
        return kr_nl("this file was delivered before and has since been replaced; send the latest file of the period");
    case KR_F_ORGS_DROPPED:
        return kr_nl("the list leaves out organisations that have active deliveries; put them in again, or tell the "
                     "coordinator that they are gone");
    default:
        return kr_nl("the file name does not fit its content or an earlier delivery; check the name "
                     "(<type>_<organisatie>_<periode>.csv) and send the file again");
    }
}

static void fb_close(run *R)
{
    if (!R->fb)
        return;
    if (R->res->refusal != KR_OK) {
        etl_issue is;
        memset(&is, 0, sizeof is);
        is.code = R->res->refusal;
        char buf[300];
        (void)snprintf(is.msg_nl, sizeof is.msg_nl, kr_nl("file refused, nothing stored: %.270s"),
                       for_partner(R, buf, sizeof buf));
        etl_fb_write(R, "geweigerd", &is);
    }
    int bad = ferror(R->fb);
    bad |= fclose(R->fb) != 0;
    R->fb = NULL;
    if (R->fb_discard) {
        (void)unlink(R->fb_tmp);
        return;
    }
    if (bad || rename(R->fb_tmp, R->fb_final) != 0) {
        notice(R, _("%s: cannot write the feedback file"), R->fb_final);
        (void)unlink(R->fb_tmp);
    }
}

long long etl_bulk_bytes(void)
{
    const char *e = getenv("KANSRIJK_BULK_BYTES");
    long long v;
    if (e && *e && kr_parse_int(e, strlen(e), &v) == KR_OK && v >= 0)
        return v;
    return ETL_BULK_BYTES;
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
    if (sqlite3_prepare_v2(db, "SELECT (SELECT count(*) FROM gemeenten) > 0 AND "
                               "(SELECT count(*) FROM organisaties) > 0",
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
            etl_refuse(R, KR_F_IDENTIFIER_VALUES,
                   "column %s (column %d): %ld of its %ld values look like BSNs, postcodes, e-mail addresses or "
                   "phone numbers; remove these direct identifiers from the export and send the file again",
                   R->hdr_names[f], f + 1, c->ident, c->nonempty);
            return;
        }
    }
    /* an ignored column is not stored, but the partner should stop sending what it holds */
    for (int f = 0; f < R->nhdr && f < MAX_FIELDS; f++) {
        const colstat *c = &R->cstat[f];
        if (R->file_to_spec[f] < 0 && c->ident + c->inside > 0)
            etl_file_warn(R, KR_W_IGNORED_IDENTIFIER, 0, R->hdr_names[f],
                          "the ignored column %s holds %ld values with what looks like a BSN, postcode, e-mail "
                          "address or phone number; they were not stored, but remove the column from the export",
                          R->hdr_names[f], c->ident + c->inside);
    }
}

/* Refuse the whole file with a message made already (the first refusal counts). */
static void refuse_text(run *R, kr_status code, const char *en, const char *nl)
{
    if (R->res->refusal != KR_OK)
        return;
    R->res->refusal = code;
    kr_strlcpy(R->res->refusal_en, en, sizeof R->res->refusal_en);
    kr_strlcpy(R->res->refusal_nl, nl, sizeof R->res->refusal_nl);
    R->stop = 1;
}

/*
 * Refuse because the database failed at a step (what: English, the message id of its Dutch); call it before any
 * ROLLBACK, which clears the cause. A database that stayed locked gets its own sentence: nothing is
 * stored, the refusal cannot be recorded either, and the command should simply run again.
 */
static void refuse_db(run *R, const char *what)
{
    static const char busy[] =
        N_("%s: the database stayed busy for %d s (another kansrijk command is writing to it); nothing of this file "
           "was stored and the ledger could not record the refusal: run the command again when the other one is done");
    static const char failed[] = N_("%s: %s; nothing of this file was stored");
    char en[640], nl[640];
    etl_db_failed(R);
    if (R->busy) {
        (void)snprintf(en, sizeof en, busy, what, kr_db_busy_seconds());
        (void)snprintf(nl, sizeof nl, kr_nl(busy), kr_nl(what), kr_db_busy_seconds());
    } else {
        (void)snprintf(en, sizeof en, failed, what, R->db_msg);
        (void)snprintf(nl, sizeof nl, kr_nl(failed), kr_nl(what), kr_strerror_nl(R->db_fail));
    }
    refuse_text(R, KR_F_FAILED, en, nl);
}

static void refuse_stored(run *R)
{
    refuse_db(R, "the delivery could not be stored");
}

/* Read the rest of the file (hashed and scanned): the facts of the whole file, for the ledger and for checking. */
static void finish_reading(run *R)
{
    reader *rd = &R->rd;
    if (R->known && !R->parsed)
        return;  /* nothing parsed: the facts of the earlier reading stand */
    while (!rd->at_end && !rd->failed && etl_reader_next(rd) == KR_OK)
        ;
    if (rd->at_end) {
        R->res->bytes = rd->pp.bytes;
        kr_strlcpy(R->res->sha256, rd->pp.sha256, sizeof R->res->sha256);
    }
}

/*
 * Whether the whole file overturns a decision taken on its first block: a NUL byte or an
 * encoding that only later bytes show, a key set sized from an estimate that did not fit, the
 * same bytes as a delivery in the ledger (the hash is known only at the end), or, read again
 * with the facts of an earlier reading, bytes that changed since.
 */
static int overturned(run *R)
{
    const file_facts *f = &R->rd.pp;
    int active_same = 0;
    long long old_same = 0;
    if (!R->rd.at_end)
        return 0;
    if (R->known)
        return strcmp(f->sha256, R->known->sha256) != 0;
    if ((R->chk_nul && f->nul) || (R->chk_enc && etl_encoding_of(f) != R->enc) || R->chk_keys)
        return 1;
    if (!R->chk_identity)
        return 0;
    if (etl_find_same_bytes(R, R->prev, &active_same, &old_same) != KR_OK) {
        etl_db_failed(R);  /* the check did not run: the file is refused after the reading, not stored unchecked */
        return 0;
    }
    return active_same || (old_same && !R->s->o->opnieuw);
}

/* How one reading of a file ended (see process_file). */
typedef enum reading {
    READ_DONE,        /* the result stands */
    READ_AGAIN,       /* the whole file overturned a decision: nothing kept, read it again knowing its facts */
    READ_UNREADABLE   /* reading failed: nothing kept */
} reading;

/* Read to the end and say whether the result can stand (once per reading). */
static reading end_of_reading(run *R, int may_redo)
{
    if (!R->ended) {
        finish_reading(R);
        R->ended = R->rd.failed ? READ_UNREADABLE + 1 : may_redo && overturned(R) ? READ_AGAIN + 1 : READ_DONE + 1;
    }
    return (reading)(R->ended - 1);
}

/*
 * Inside the write transaction, before the rows: the active delivery of the identity (prev, 0 when none) retired, this
 * delivery's ledger entry and statements made, and a reference list emptied (a new list replaces it whole). 1, or 0
 * with the delivery refused.
 */
static int begin_delivery(run *R, long long prev, int synth)
{
    if (prev && etl_retire_previous(R, prev) != KR_OK) {
        refuse_db(R, "the earlier delivery could not be replaced");
        return 0;
    }
    if (etl_insert_ledger(R, "actief", synth, &R->lev_id) != KR_OK || etl_prepare_statements(R) != KR_OK) {
        refuse_db(R, "the database refused the delivery");
        return 0;
    }
    if (R->type->reference) {
        char sql[96];
        (void)snprintf(sql, sizeof sql, "DELETE FROM %s", R->type->name);
        if (sqlite3_exec(R->s->db, sql, NULL, NULL, NULL) != SQLITE_OK) {
            refuse_db(R, "the list could not be replaced");
            return 0;
        }
    }
    return 1;
}

/*
 * One reading of a file. Without known facts the decisions that need the whole file (NUL bytes,
 * encoding, the size of the key set, an identical delivery) are taken on the first block and
 * checked at the end (end_of_reading); with them, exactly as the whole file says. On
 * READ_AGAIN *facts holds the whole file's facts, on READ_UNREADABLE res->refusal_en why.
 * Long on purpose: it is the order in which a file is refused, checked and stored, one
 * sequence to read from top to bottom (the first refusal counts, so the order is behaviour).
 */
static reading read_file(etl_session *s, const char *path, etl_result *res, const file_facts *known, int may_redo,
                         file_facts *facts)
{
    run *R = calloc(1, sizeof *R);
    const etl_options *o = s->o;
    file_facts pp;
    long long prev = 0;
    int in_tx = 0, synth = -1, bulk = 0, complete;
    reading how = READ_DONE;

    memset(res, 0, sizeof *res);
    kr_strlcpy(res->path, path, sizeof res->path);
    kr_strlcpy(res->file, base_name(path), sizeof res->file);
    res->outcome = "geweigerd";
    if (!R) {
        res->refusal = KR_ENOMEM;
        kr_strlcpy(res->refusal_en, "out of memory", sizeof res->refusal_en);
        res->exit_code = 2;
        return READ_DONE;
    }
    R->s = s;
    R->res = res;
    R->r.ctx = R;
    R->known = known;
    kr_buf_init(&R->row, MAX_ROW);

    if (etl_reader_open(&R->rd, path) != KR_OK || etl_reader_next(&R->rd) != KR_OK) {
        how = READ_UNREADABLE;
        goto cleanup;  /* nothing to record: there is no file */
    }
    /* the facts: known, complete (a file of one block), or what the first block shows */
    complete = known || R->rd.at_end;
    pp = known ? *known : R->rd.pp;
    if (!complete && R->rd.size > pp.bytes) {
        pp.lines = (long long)((double)pp.lines * (double)R->rd.size / (double)pp.bytes);
        pp.bytes = R->rd.size;
    }
    res->bytes = pp.bytes;
    kr_strlcpy(res->sha256, pp.sha256, sizeof res->sha256);
    resolve_identity(R, path);
    if (R->stop)
        goto refused;
    R->r.type = R->type;
    R->org_col = R->type->reference ? -1 : etl_col_index(R->type, "organisatie");
    R->date_col = -1;
    for (int t = 0; t < T_COUNT && !R->type->reference; t++)
        if (strcmp(tables[t].name, R->type->name) == 0)
            R->date_col = etl_col_index(R->type, tables[t].rdate);
    R->synth_col = etl_col_index(R->type, "synthetisch");
    for (size_t c = 0, k = 0; c < R->type->ncols; c++)
        if (R->type->cols[c].flags & ETL_KEY) {
            int w = snprintf(R->keycols + k, sizeof R->keycols - k, "%s%s", k ? ", " : "", R->type->cols[c].name);
            if (w > 0 && (size_t)w < sizeof R->keycols - k)
                k += (size_t)w;
        }
    fb_open(R);

    if (pp.bytes == 0) {
        etl_refuse(R, KR_F_EMPTY, "the file is empty (0 bytes); export it again with a header line");
        goto refused;
    }
    if (pp.zip) {
        etl_refuse(R, KR_F_NOT_TEXT, "this is an Excel workbook (.xlsx or .xls) or ZIP archive, not CSV; save it from "
                                     "Excel as CSV (semicolon-separated)");
        goto refused;
    }
    if (pp.utf16) {
        etl_refuse(R, KR_F_ENCODING, "the file is UTF-16 text; save it as CSV in UTF-8");
        goto refused;
    }
    if (pp.nul) {
        etl_refuse(R, KR_F_NOT_TEXT, "the file holds binary data (NUL bytes), so it is not a CSV text file");
        goto refused;
    }
    R->chk_nul = R->chk_enc = !complete;
    etl_set_encoding(R, etl_encoding_of(&pp));
    if (R->enc == ETL_ENC_NONE) {
        etl_refuse(R, KR_F_ENCODING, "the file is neither UTF-8 nor Windows-1252; save it as CSV in UTF-8");
        goto refused;
    }
    /* Windows-1252 with letters written as UTF-8 among them (lines pasted in from another file): read as 1252 they
     * would be stored as two wrong letters each (JozÃ©f) without a word */
    if (complete && R->enc == ETL_ENC_CP1252 && pp.utf8_seqs > 0) {
        etl_refuse(R, KR_F_ENCODING,
                   "the file mixes two encodings: %lld letters are written as UTF-8 and %lld bytes as Windows-1252, "
                   "so one of the two would be stored wrong. Save the whole file again as CSV UTF-8 (in Excel: CSV "
                   "UTF-8 (door komma's gescheiden))",
                   (long long)pp.utf8_seqs, (long long)pp.utf8_bad);
        goto refused;
    }
    R->bom = pp.bom;
    /* the in-file record keys (a set): sized for every line at once (the line count, or the first block's lines per
     * byte; it grows if that was short), bounded by the file's size. An estimate from a first block of blank or very
     * short lines can be a hundred times too high, and the table is zeroed at once: beyond the first block's own
     * lines, no more than one key per 64 bytes is reserved (a row with a key holds a 64-character pseudonym) */
    kr_hash_init(&R->keys, 0, (size_t)pp.bytes + 1);
    size_t want = (size_t)pp.lines + 1;
    if (!complete && want > (size_t)(pp.bytes / 64) + (size_t)R->rd.pp.lines + 1)
        want = (size_t)(pp.bytes / 64) + (size_t)R->rd.pp.lines + 1;
    if (kr_hash_reserve(&R->keys, want) != KR_OK) {
        R->chk_keys = !complete;
        etl_refuse(R, KR_F_FAILED, "out of memory for the record keys of %lld lines",
               pp.lines);
        goto refused;
    }

    /*
     * One write transaction from here to the end: the registers, the ledger's view of the
     * identity and the rows are read and written as one, whatever else runs at once. Another
     * writer is waited for (kr_db_busy_seconds), not failed on.
     */
    if (s->db && !o->dry_run) {
        if (res->bytes > etl_bulk_bytes())
            bulk = etl_journal_mode(s->db, "DELETE");
        if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
            refuse_db(R, "the delivery could not be started");
            goto refused;
        }
        in_tx = 1;
    }
    if (s->db) {
        if (!R->type->reference) {
            if (!registers_loaded(s->db)) {
                etl_refuse(R, KR_F_NO_REGISTERS,
                       "extracts are refused until the reference data gemeenten and organisaties are loaded; "
                       "ingest gemeenten.csv and organisaties.csv first");
                goto refused;
            }
        }
        if (etl_registry_load(s->db, &s->reg) != KR_OK) {
            refuse_db(R, "cannot read the registers");
            goto refused;
        }
        if (!R->type->reference) {
            const reg_org *og = etl_find_org(&s->reg, R->org);
            if (!og) {
                /* an unknown code as the ledger and the message keep it: masked when it may be a name (JAN-BOS) */
                if (!etl_code_like(R->org, strlen(R->org), ETL_ORG, NULL)) {
                    /* the file's name too, which the ledger keeps and every message shows: the code in it masked */
                    mask_in_name(res->file, sizeof res->file, R->org);
                    kr_strlcpy(R->org, ETL_HIDDEN, sizeof R->org);
                    kr_strlcpy(res->org, ETL_HIDDEN, sizeof res->org);
                }
                etl_refuse(R, KR_F_UNKNOWN_ORG,
                       "organisation %s is not in the organisation registry; check the organisation code in the file "
                       "name (a new organisation is added to organisaties.csv by the coordinator)", R->org);
                goto refused;
            }
            synth = og->synthetisch;
        }
    } else {
        etl_registry_fini(&s->reg);
        etl_file_warn(R, KR_W_NO_REGISTRY, 0, "",
                  "no database: organisation, municipality and reference codes were not checked");
    }

    if (s->db) {
        int active_same = 0;
        long long old_same = 0;
        /*
         * The identity is looked up inside the write transaction: another ingest of the same
         * identity started at the same time has either committed already (then its delivery is
         * this one's predecessor, or an identical re-send) or waits for this one to commit. The
         * unique index levering_actief (schema 5) holds the database to it whatever happens.
         * validate --db looks it up too (without a transaction: it writes nothing), so that it
         * refuses a short correction or an old file as ingest would.
         */
        if (etl_find_identity(R, &prev, &active_same, &old_same) != KR_OK) {
            refuse_db(R, "cannot read the ledger");
            goto refused;
        }
        R->prev = prev;
        R->chk_identity = !complete;  /* without the hash: the same bytes are looked for at the end */
        if (active_same) {
            res->outcome = "identiek";
            res->delivery_id = prev;
            res->exit_code = 0;
            etl_file_warn(R, KR_W_IDENTICAL, 0, "", "identical to the active delivery: recognised, nothing changed");
            R->fb_discard = 1;  /* the feedback of the first sending still stands (this line in it goes too) */
            goto cleanup;          /* which ends the transaction: nothing was written */
        }
        if (old_same && !o->opnieuw) {
            etl_refuse(R, KR_F_REPLACED_RESEND,
                   "these are the same bytes as delivery %lld of %s, since replaced or withdrawn; re-activating an "
                   "old export is almost always a mistake (use --opnieuw if it is not)", old_same, res->file);
            goto refused;
        }
        if (!o->dry_run && !begin_delivery(R, prev, synth))  /* validate writes nothing */
            goto refused;
    }

    R->parsed = 1;
    if (etl_parse_file(R) != KR_OK && !R->stop)
        etl_refuse(R, KR_F_FAILED, "reading the file failed halfway: %s",
               strerror(errno));
    if ((how = end_of_reading(R, may_redo)) != READ_DONE)
        goto discard;
    if (R->db_fail != KR_OK)
        refuse_stored(R);
    if (R->stop)
        goto refused;
    if (!R->header_done) {
        etl_refuse(R, KR_F_NO_HEADER, "the file has no header line (only blank lines)");
        goto refused;
    }
    check_identifier_columns(R);
    if (R->stop)
        goto refused;
    long data_rows = res->rows_read - res->rows_skipped;
    /* dates written month first (04-16-2025): those with a day above 12 are rejected, but the others would be stored
     * with day and month swapped, --accept-partial or not; only a date that puts a day first says otherwise */
    if (R->month_first >= 3 && R->day_first == 0) {  /* three: not one date mistyped in a short file */
        etl_refuse(R, KR_F_DATE_ORDER,
                   "%ld dates put the month first (mm-dd-yyyy, as 04-16-2025) and none the day: every date with a day "
                   "up to 12 would be read with day and month swapped. Export the dates as dd-mm-yyyy (or "
                   "yyyy-mm-dd) and send the file again",
                   R->month_first);
        goto refused;
    }
    if (data_rows > 0 && !o->accept_partial && (double)res->rows_rejected > o->max_rejected * (double)data_rows) {
        if (res->rows_rejected == data_rows)  /* --accept-partial would store nothing */
            etl_refuse(R, KR_F_TOO_MANY_REJECTED,
                       "every row was rejected (%ld); this usually means a wrong export: "
                       "fix the file and send it again",
                       data_rows);
        else
            etl_refuse(R, KR_F_TOO_MANY_REJECTED,
                       "rows rejected: %ld of %ld (%.0f%%), more than the %.0f%% allowed; this usually means a wrong "
                       "export. Fix the file, or use --accept-partial to store the valid rows",
                       res->rows_rejected, data_rows, 100.0 * (double)res->rows_rejected / (double)data_rows,
                       100.0 * o->max_rejected);
        goto refused;
    }
    /* reference data replaces the whole list: a row left out would drop an organisation or a municipality that
     * deliveries use (their trajectories to site 'onbekend', their next files refused) */
    if (R->type->reference && res->rows_rejected > 0 && !o->accept_partial) {
        etl_refuse(R, KR_F_TOO_MANY_REJECTED,
                   "reference data replaces the whole list of %s, so it is stored only whole: %ld of %ld rows were "
                   "rejected. Fix them and send the file again (or use --accept-partial to store the list without "
                   "them)",
                   R->type->name, res->rows_rejected, data_rows);
        goto refused;
    }
    if (res->rows_skipped)
        etl_file_warn(R, KR_W_SKIPPED_ROWS, 0, "", "%ld rows of empty fields only were skipped", res->rows_skipped);
    for (size_t i = 0; i < R->nmerged; i++)
        etl_file_warn(R, KR_W_MERGED_GEMEENTE, R->merged[i].first_line, "gemeentecode",
                  "%s (merged municipality) mapped to %s; rows: %ld",
                  R->merged[i].from, R->merged[i].to, R->merged[i].count);
    if (data_rows == 0)
        etl_file_warn(R, KR_W_EMPTY_DELIVERY, 0, "", "the file has a header but no rows: an empty delivery");
    /* a delivery holds later versions of older records too, but none of its own period: a file sent under the
     * wrong period, or last quarter's file saved again under this quarter's name */
    if (R->has_period && R->date_col >= 0 && R->dated > 0 && R->in_period == 0) {
        char first[11], last[11];
        kr_date_format(R->period.first, first);
        kr_date_format(R->period.last, last);
        etl_file_warn(R, KR_W_OUT_OF_PERIOD, 0, R->type->cols[R->date_col].name,
                      "by column %s none of the %ld rows lies in period %s (%s to %s): is the period in the file "
                      "name right, and is this the export of that period?",
                      R->type->cols[R->date_col].name, R->dated, R->period.label, first, last);
    }
    if (R->db_fail != KR_OK) {
        refuse_stored(R);
        goto refused;
    }
    /*
     * A correction much shorter than what it replaces is more often a partial export than a
     * fix: refused unless --vervang. Known only now that the file is parsed, so the whole
     * transaction is rolled back (and the refusal recorded as any other). Reference lists
     * too: a gemeenten list of 3 rows replacing 400 is just as suspect.
     */
    if (prev && !o->vervang && 2 * (long long)res->rows_accepted < R->prev_accepted) {
        etl_refuse(R, KR_F_SHORT_CORRECTION,
               "this correction has %ld accepted rows, fewer than half the %lld of delivery %lld that it would "
               "replace; a short file is more often a partial export than a fix. Check the export, or use "
               "--vervang if the delivery really is this much smaller",
               res->rows_accepted, R->prev_accepted, prev);
        goto refused;
    }
    /* a new organisation list that leaves out an organisation with active deliveries: their records would count
     * under site 'onbekend', and their next files be refused (validate fills no list: ingest alone sees it) */
    if (in_tx && strcmp(R->type->name, "organisaties") == 0 && !o->vervang) {
        long long ndrop = 0;
        char codes[256];
        if (etl_dropped_organisations(R, &ndrop, codes, sizeof codes) != KR_OK) {
            refuse_db(R, "cannot read the ledger");
            goto refused;
        }
        if (ndrop > 0) {
            etl_refuse(R, KR_F_ORGS_DROPPED,
                       "the new list leaves out organisations that have active deliveries: %s. Their records would "
                       "count under site 'onbekend'. Put them in the list again, or use --vervang if they really are "
                       "gone",
                       codes);
            goto refused;
        }
    }
    /* the same bytes under another name: its records would count twice (a file saved under the wrong name); an empty
     * delivery (a header alone, the same every quarter) has no records to count */
    if (s->db && !R->type->reference && !o->opnieuw && res->rows_accepted > 0) {
        long long other = 0;
        char what[200];
        if (etl_find_other_identity(R, &other, what, sizeof what) != KR_OK) {
            refuse_db(R, "cannot read the ledger");
            goto refused;
        }
        if (other) {
            etl_refuse(R, KR_F_IDENTITY,
                       "these are the same bytes as active delivery %lld (%s): its records would count twice. Check "
                       "the file name; withdraw the wrong delivery with 'kansrijk deliveries --intrekken ID', or use "
                       "--opnieuw if both are meant",
                       other, what);
            goto refused;
        }
    }
    if (in_tx) {
        if ((prev && etl_replace_previous(R, prev) != KR_OK) || etl_finish_ledger(R) != KR_OK) {
            etl_db_failed(R);
            refuse_stored(R);
            goto refused;
        }
        etl_finalize_statements(R);
        if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
            etl_db_failed(R);
            refuse_stored(R);
            goto refused;
        }
        in_tx = 0;
        res->delivery_id = R->lev_id;
        res->outcome = "actief";
    } else {
        res->outcome = "gevalideerd";
    }
    res->exit_code = res->rows_rejected ? 1 : 0;
    goto cleanup;

refused:
    if ((how = end_of_reading(R, may_redo)) != READ_DONE)
        goto discard;
    etl_finalize_statements(R);
    if (in_tx) {
        (void)sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        in_tx = 0;
    }
    res->replaced_id = 0;
    res->left_out = 0;
    res->outcome = "geweigerd";
    res->exit_code = 2;
    etl_record_refusal(R);
    goto cleanup;

discard:
    R->fb_discard = 1;  /* nothing of this reading is kept: the transaction is rolled back below */
    if (how == READ_AGAIN)
        *facts = R->rd.pp;
cleanup:
    etl_finalize_statements(R);
    if (in_tx)
        (void)sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    if (bulk && !etl_journal_mode(s->db, "WAL"))
        notice(R, "%s", _("could not return the database to WAL mode; run 'kansrijk init' to restore it"));
    fb_close(R);
    if (how == READ_UNREADABLE)
        kr_strlcpy(res->refusal_en, R->rd.err, sizeof res->refusal_en);
    etl_reader_close(&R->rd);
    if (R->p_inited)
        csv_free(&R->p);
    kr_buf_fini(&R->row);
    kr_hash_fini(&R->keys);
    free(R);
    return how;
}

/*
 * Check and store one file, reading it once: its SHA-256, size and encoding are taken while it
 * is parsed, so the ledger's hash describes exactly the bytes parsed. When the end of the file
 * overturns a decision taken on its first block (rare: a late NUL byte or encoding, an
 * identical earlier delivery) nothing of that reading is kept and the file is handled again
 * with its facts known, exactly as a pre-pass would have; the file is read a second time only
 * when its rows must be parsed again (a late encoding). A file changing under a third reading
 * is taken as it was read then.
 */
static void process_file(etl_session *s, const char *path, etl_result *res)
{
    file_facts facts[2];
    reading how = READ_AGAIN;
    for (int i = 0; i < 3 && how == READ_AGAIN; i++) {
        if (i > 0)
            etl_result_fini(res);
        how = read_file(s, path, res, i ? &facts[(i - 1) & 1] : NULL, i < 2, &facts[i & 1]);
    }
    if (how == READ_UNREADABLE) {
        char err[512];
        kr_strlcpy(err, res->refusal_en, sizeof err);
        etl_result_fini(res);
        memset(res, 0, sizeof *res);
        kr_strlcpy(res->path, path, sizeof res->path);
        kr_strlcpy(res->file, base_name(path), sizeof res->file);
        res->outcome = "geweigerd";
        res->refusal = KR_EIO;
        res->exit_code = 2;  /* refused, like every file of which nothing was stored */
        static const char unreadable[] = N_("cannot read the file: %s");
        static const char dangling[] = N_("the file is a symbolic link to %s, which does not exist");
        char to[400];
        if (etl_dangling_link(path, to, sizeof to)) {
            (void)snprintf(res->refusal_en, sizeof res->refusal_en, dangling, to);
            (void)snprintf(res->refusal_nl, sizeof res->refusal_nl, kr_nl(dangling), to);
        } else {
            (void)snprintf(res->refusal_en, sizeof res->refusal_en, unreadable, err);
            (void)snprintf(res->refusal_nl, sizeof res->refusal_nl, kr_nl(unreadable), err);
        }
    }
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
    etl_registry_fini(&s->reg);
    for (size_t i = 0; i < s->nfb; i++)
        free(s->fb_paths[i]);
    free(s->fb_paths);
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

kr_status etl_session_run(etl_session *s, const char *const *files, size_t nfiles, int json, FILE *out, int *exit_code,
                          char *err, size_t errcap)
{
    int worst = 0;
    order_item *ord = calloc(nfiles ? nfiles : 1, sizeof *ord);
    etl_result *rs = calloc(nfiles ? nfiles : 1, sizeof *rs);
    *exit_code = 2;
    if (!ord || !rs) {
        free(ord);
        free(rs);
        if (err && errcap)
            kr_strlcpy(err, "out of memory", errcap);
        return KR_ENOMEM;
    }
    for (size_t i = 0; i < nfiles; i++) {
        ord[i].index = i;
        ord[i].order = file_order(s->o, files[i]);
    }
    qsort(ord, nfiles, sizeof *ord, cmp_order);
    for (size_t k = 0; k < nfiles; k++) {
        etl_result *r = &rs[k];
        const char *path = files[ord[k].index];
        if (s->o->file)
            s->o->file(s->o->ctx, k, nfiles, path, NULL);
        process_file(s, path, r);
        if (s->o->file) {
            etl_file_done d = {r->outcome ? r->outcome : "geweigerd", r->rows_read, r->rows_accepted, r->rows_rejected,
                               r->exit_code};
            s->o->file(s->o->ctx, k, nfiles, path, &d);
        }
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
    *exit_code = worst;
    return KR_OK;
}
