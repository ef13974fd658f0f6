/*
 * Reading a file once: each block is hashed (SHA-256) and scanned as it is read — size, lines,
 * NUL bytes, BOM, UTF-8 or Windows-1252, zip or UTF-16 (refused) — so that the facts describe
 * exactly the bytes parsed; the encoding they point to; the delimiter; and the splitting of the
 * decoded lines into fields and rows (libcsv for the lines with a quote).
 */
#include "ingest_int.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- the file, block by block ------------------------------------------------------------- */

int etl_dangling_link(const char *path, char *target, size_t n)
{
    struct stat sb;
    char cur[4096], next[4096], link[4096];
    if (n == 0 || lstat(path, &sb) != 0 || !S_ISLNK(sb.st_mode) || stat(path, &sb) == 0 || errno != ENOENT)
        return 0;
    if (kr_strlcpy(cur, path, sizeof cur) >= sizeof cur)
        return 0;
    for (int hop = 0; hop < 40; hop++) {
        ssize_t len = readlink(cur, link, sizeof link - 1);
        if (len < 0)
            return 0;
        link[len] = '\0';
        const char *slash = strrchr(cur, '/');
        int w = link[0] == '/' || !slash ? snprintf(next, sizeof next, "%s", link)
                                         : snprintf(next, sizeof next, "%.*s/%s", (int)(slash - cur), cur, link);
        if (w < 0 || (size_t)w >= sizeof next)
            return 0;
        if (lstat(next, &sb) != 0) {
            if (errno != ENOENT)
                return 0;
            kr_strlcpy(target, next, n);
            return 1;
        }
        if (!S_ISLNK(sb.st_mode))
            return 0;  /* it exists: something else on the way is missing (a folder of a relative link) */
        memcpy(cur, next, sizeof cur);
    }
    return 0;
}

kr_status etl_reader_open(reader *rd, const char *path)
{
    struct stat sb;
    memset(rd, 0, sizeof *rd);
    rd->fd = -1;
    rd->path = path;
    rd->pp.utf8_ok = rd->pp.cp1252_ok = 1;
    sha256_init(&rd->sha);
    if ((rd->fd = open(path, O_RDONLY)) < 0) {
        (void)snprintf(rd->err, sizeof rd->err, "%s: %s", path, strerror(errno));
        rd->failed = 1;
        return KR_EIO;
    }
    if (fstat(rd->fd, &sb) == 0 && S_ISREG(sb.st_mode))
        rd->size = (long long)sb.st_size;
    if ((rd->buf = malloc(CHUNK)) == NULL) {
        rd->failed = 1;
        return KR_ENOMEM;
    }
    return KR_OK;
}

void etl_reader_close(reader *rd)
{
    free(rd->buf);
    rd->buf = NULL;
    if (rd->fd >= 0)
        close(rd->fd);
    rd->fd = -1;
}

/* The bytes of a block that break UTF-8 or that Windows-1252 does not define, and the lines, from byte i on. */
static size_t scan_bytes(reader *rd, const unsigned char *b, size_t i, size_t n, size_t stop)
{
    file_facts *pp = &rd->pp;
    for (; i < n && (i < stop || rd->need); i++) {
        unsigned char c = b[i];
        rd->high |= c >= 0x80;
        pp->lines += c == '\n';
        pp->nul |= c == 0;
        if (c == 0x81 || c == 0x8D || c == 0x8F || c == 0x90 || c == 0x9D)
            pp->cp1252_ok = 0;
        if (rd->need) {
            if ((c & 0xC0) == 0x80) {
                if (--rd->need == 0)
                    pp->utf8_seqs++;
                continue;
            }
            pp->utf8_bad++;  /* a sequence cut short: this byte starts afresh */
            rd->need = 0;
        }
        if (c >= 0x80) {
            if (c >= 0xC2 && c <= 0xDF)
                rd->need = 1;
            else if (c >= 0xE0 && c <= 0xEF)
                rd->need = 2;
            else if (c >= 0xF0 && c <= 0xF4)
                rd->need = 3;
            else
                pp->utf8_bad++;
        }
    }
    return i;
}

static void scan_block(reader *rd, const unsigned char *b, size_t n)
{
    const uint64_t hi = 0x8080808080808080ull, m = 0x7f7f7f7f7f7f7f7full, nlw = 0x0a0a0a0a0a0a0a0aull;
    file_facts *pp = &rd->pp;
    size_t i = 0;
    rd->high = 0;
    while (i < n) {
        /* words of 8 ASCII bytes: in bytes below 0x80, x + 0x7f sets the top bit of every byte but a zero one */
        while (!rd->need && i + 8 <= n) {
            uint64_t w, z, nl;
            memcpy(&w, b + i, 8);
            if (w & hi)
                break;
            z = ~(w + m) & hi;
            nl = ~((w ^ nlw) + m) & hi;
            pp->nul |= z != 0;
            pp->lines += (long long)(((nl >> 7) * 0x0101010101010101ull) >> 56);
            i += 8;
        }
        if (i < n)
            i = scan_bytes(rd, b, i, n, i + 8);
    }
}

/* The end of the file: a sequence cut short counts as a byte that breaks UTF-8; the hash is complete. */
static void reader_end(reader *rd)
{
    unsigned char dig[SHA256_DIGEST_SIZE];
    rd->at_end = 1;
    if (rd->need)
        rd->pp.utf8_bad++;
    rd->need = 0;
    rd->pp.utf8_ok = rd->pp.utf8_bad == 0;
    sha256_digest(&rd->sha, SHA256_DIGEST_SIZE, dig);
    for (int i = 0; i < SHA256_DIGEST_SIZE; i++)
        (void)snprintf(rd->pp.sha256 + 2 * i, 3, "%02x", dig[i]);
}

kr_status etl_reader_next(reader *rd)
{
    size_t got = 0;
    int first = rd->pp.bytes == 0, end = 0;
    rd->len = 0;
    if (rd->failed)
        return KR_EIO;
    if (rd->at_end)
        return KR_OK;
    while (got < CHUNK) {  /* a full block, or the end of the file */
        ssize_t r = read(rd->fd, rd->buf + got, CHUNK - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            (void)snprintf(rd->err, sizeof rd->err, "%s: %s", rd->path, strerror(errno));
            rd->failed = 1;
            return KR_EIO;
        }
        if (r == 0) {
            end = 1;
            break;
        }
        got += (size_t)r;
    }
    const unsigned char *b = rd->buf;
    if (first && got > 0) {
        rd->pp.bom = got >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF;
        rd->pp.utf16 = got >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF));
        rd->pp.zip = got >= 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4;
        /* an Excel 97-2003 workbook (.xls): a compound document */
        rd->pp.zip |= got >= 8 && memcmp(b, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0;
    }
    sha256_update(&rd->sha, got, b);
    scan_block(rd, b, got);
    rd->pp.bytes += (long long)got;
    rd->pp.utf8_ok = rd->pp.utf8_bad == 0;
    rd->len = got;
    if (end)
        reader_end(rd);
    return KR_OK;
}

/* What the facts say the file is: the rule of issue 4, unchanged. */
etl_encoding etl_encoding_of(const file_facts *pp)
{
    /* A BOM, or more valid multi-byte UTF-8 sequences than bytes that break UTF-8: UTF-8 with a few bad bytes (their
     * rows are rejected), not Windows-1252, which would turn every accented letter into two wrong ones
     * without a word. */
    int utf8_like = pp->bom || (pp->utf8_seqs > 0 && pp->utf8_bad <= pp->utf8_seqs);
    if (pp->utf8_bad == 0)
        return ETL_ENC_UTF8;
    if (utf8_like)
        return ETL_ENC_UTF8_DIRTY;
    return pp->cp1252_ok ? ETL_ENC_CP1252 : ETL_ENC_NONE;
}

/* ---- the dialect ------------------------------------------------------------------------------ */

/*
 * Pick the delimiter from the header line (the first non-blank line): the
 * most frequent of ; , TAB outside quotes. Ambiguous when two tie at the top.
 */
int etl_sniff_delimiter(const char *s, size_t n, unsigned char *delim)
{
    size_t i = 0;
    while (i < n) {  /* skip blank lines */
        size_t j = i;
        while (j < n && s[j] != '\n')
            j++;
        if (!etl_blank_segment(s + i, j - i))
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

/* ---- splitting lines into fields and rows ------------------------------------------------------------------------ */

/* Count a field of the row being read; 0 when it is not kept (the file refused, or past MAX_FIELDS). */
static int field_room(run *R)
{
    R->csv_events++;
    if (R->stop)
        return 0;
    if (R->nf >= MAX_FIELDS) {
        R->extra_fields++;
        return 0;
    }
    return 1;
}

static void add_field(run *R, const char *s, size_t n)
{
    if (!field_room(R))
        return;
    size_t off = R->row.len;
    if (kr_buf_append(&R->row, s ? s : "", s ? n : 0) != KR_OK) {
        /* A row runs over lines only inside a quoted field: then a closing quote may be missing. */
        if (R->row_start < R->line)
            etl_refuse(R, KR_F_FIELD_TOO_BIG,
                       "the row starting at line %ld runs past 4 MiB (to line %ld), the most a row may hold; is a "
                       "closing quote (\") missing?",
                       R->row_start, R->line);
        else
            etl_refuse(R, KR_F_FIELD_TOO_BIG,
                       "line %ld is longer than 4 MiB, the most a row may hold; check that the file is a CSV export "
                       "with one record per line",
                       R->line);
        return;
    }
    R->foff[R->nf] = off;
    R->flen[R->nf] = n;
    R->nf++;
}

/* A field of a line that split_plain takes: no copy, the line stays in place until its rows are done. */
static void add_plain_field(run *R, const char *line, const char *s, size_t n)
{
    if (!field_room(R))
        return;
    R->plain = line;
    R->foff[R->nf] = (size_t)(s - line);
    R->flen[R->nf] = n;
    R->nf++;
}

/* The end of a row, from libcsv or split_plain: shown to a test first (etl_session.row_split), then checked. */
static void end_row(run *R)
{
    if (R->s->row_split)
        R->s->row_split(R, R->s->row_split_ctx);
    etl_end_row(R);
}

static void cb_field(void *s, size_t n, void *data) { add_field(data, s, n); }

static void cb_row(int c, void *data)
{
    (void)c;
    end_row(data);
}

/* libcsv grows its field buffer with this: etl_refuse fields past MAX_FIELD. */
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
    R->csv_clean = 1;
}

/*
 * A line that libcsv would take between rows, without a quote, ending in a newline and far
 * shorter than a field may be (MAX_FIELD): split as libcsv does — spaces and tabs around a
 * field dropped, the delimiter ending a field, CR or LF a row (a blank line is no row) —
 * without its byte-at-a-time state machine. The same callbacks, in the same order.
 */
static void split_plain(run *R, const char *s, size_t n)
{
    const char *p = s, *end = s + n;
    const char d = (char)R->delim;
    int in_row = 0;  /* a field was given: a line end gives the empty last field and the row */
    while (p < end) {
        while (p < end && (*p == ' ' || *p == '\t') && *p != d)
            p++;
        if (p == end)
            break;
        if (*p == '\r' || *p == '\n') {
            if (in_row) {
                add_plain_field(R, s, p, 0);
                end_row(R);
                in_row = 0;
            }
            p++;
            continue;
        }
        const char *f = p, *e;
        while (p < end && *p != d && *p != '\r' && *p != '\n')
            p++;
        for (e = p; e > f && (e[-1] == ' ' || e[-1] == '\t');)
            e--;
        add_plain_field(R, s, f, (size_t)(e - f));
        in_row = 1;
        if (p < end && *p == d) {
            p++;
            continue;
        }
        if (p < end) {
            end_row(R);
            in_row = 0;
            p++;
        }
    }
}

int etl_blank_segment(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
            return 0;
    return 1;
}

/* Feed decoded text to the parser one physical line at a time, counting lines. */
static void feed(run *R, const char *data, size_t len)
{
    size_t pos = 0;
    while (pos < len && !fail_fast(R)) {
        const char *nl = memchr(data + pos, '\n', len - pos);
        size_t seg = nl ? (size_t)(nl - (data + pos)) + 1 : len - pos;
        const char *s = data + pos;
        if (R->between_rows && !etl_blank_segment(s, seg)) {
            R->row_start = R->line;
            R->between_rows = 0;
        }
        int quote = memchr(s, '"', seg) != NULL;
        if (R->csv_clean && nl && !quote && seg < MAX_FIELD / 16 && !R->s->no_split_plain) {
            split_plain(R, s, seg);
            R->line++;
            pos += seg;
            continue;
        }
        /* libcsv: after a line with a quote its state is not known here; a later line without one that gives a
         * field or row ends between rows again (inside a quoted field it would give neither) */
        long long events = R->csv_events;
        size_t done = csv_parse(&R->p, s, seg, cb_field, cb_row, R);
        R->csv_clean = nl && !quote && (R->csv_clean || R->csv_events != events);
        if (done < seg && !R->stop) {
            int e = csv_error(&R->p);
            if (e == CSV_ENOMEM || e == CSV_ETOOBIG) {
                /* Only a quoted field can hold a line break: an unquoted one lies within this line, and holds
                 * no quote (strict libcsv stops at one), no delimiter and no line end for more than 1 MiB. */
                if (R->p.quoted && R->row_start == R->line)
                    etl_refuse(R, KR_F_FIELD_TOO_BIG,
                               "a quoted field on line %ld is larger than 1 MiB, the most a field may hold; shorten "
                               "it, or add its closing quote (\") if that is missing",
                               R->line);
                else if (R->p.quoted)
                    etl_refuse(R, KR_F_FIELD_TOO_BIG,
                               "a quoted field in the row starting at line %ld runs past 1 MiB (to line %ld), the most "
                               "a field may hold; is its closing quote (\") missing?",
                               R->row_start, R->line);
                else
                    etl_refuse(R, KR_F_FIELD_TOO_BIG,
                               "line %ld is longer than 1 MiB, and more than 1 MiB of it has no delimiter: a field "
                               "may hold at most 1 MiB; check that the file is a CSV export with one record per line",
                               R->line);
                return;
            }
            /* A syntax error: reject the row, resume at the next line. */
            if (R->header_done) {
                R->res->rows_read++;
                R->res->rows_rejected++;
                R->r.line = R->row_start;
                R->r.rejected = 0;
                /* the field being read when it failed: the fields before it are whole */
                int f = R->nf;
                if (f < R->nhdr && R->hdr_names[f][0])
                    etl_row_reject(&R->r, R->file_to_spec[f], KR_R_SYNTAX,
                                   "the row is not valid CSV in column %s on line %ld: a quote (\") inside a field "
                                   "that does not start with one, or text after a closing quote. Put the whole field "
                                   "in quotes and double each quote in it (\"\"), or leave the quote out",
                                   R->hdr_names[f], R->line);
                else
                    etl_row_reject(&R->r, -1, KR_R_SYNTAX,
                                   "the row is not valid CSV near line %ld (a quote inside an unquoted field, or text "
                                   "after a closing quote)",
                                   R->line);
            } else {
                etl_refuse(R, KR_F_SYNTAX, "the header line is not valid CSV");
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

/* ---- reading the rows ---------------------------------------------------------------------------- */

/* How the rows are decoded from here on. */
void etl_set_encoding(run *R, etl_encoding e)
{
    R->enc = e;
    R->cp1252 = e == ETL_ENC_CP1252;
    R->utf8_dirty = e == ETL_ENC_UTF8_DIRTY;
}

/*
 * Until the whole file is read, the encoding is what the bytes so far show. It follows what
 * later blocks show as long as no row already parsed can come out differently: any way while
 * only ASCII was parsed, and from UTF-8 to UTF-8 with bytes that break it (the rows parsed had
 * none). Otherwise it stays, and process_file reads the file again if the end disagrees.
 */
static void follow_encoding(run *R)
{
    if (R->known)
        return;  /* decided from the whole file */
    etl_encoding e = etl_encoding_of(&R->rd.pp);
    if (e != ETL_ENC_NONE && e != R->enc && (!R->high_fed || (R->enc == ETL_ENC_UTF8 && e == ETL_ENC_UTF8_DIRTY)))
        etl_set_encoding(R, e);
}

static void set_dialect(run *R)
{
    (void)snprintf(R->res->dialect, sizeof R->res->dialect, "%s %s%s",
                   R->delim == ';' ? ";" : R->delim == ',' ? "," : "TAB", R->cp1252 ? "windows-1252" : "utf-8",
                   R->bom ? " bom" : "");
}

/* The delimiter an Excel "sep=;" line at d names (n bytes there), or 0 when d holds none: "sep=" (any case), one of
 * ; , TAB, then the end of the bytes or of the line. */
static unsigned char sep_line(const char *d, size_t n)
{
    if (n < 5 || !kr_eq_ci(d, 4, "sep=") || (d[4] != ';' && d[4] != ',' && d[4] != '\t'))
        return 0;
    return n == 5 || d[5] == '\r' || d[5] == '\n' ? (unsigned char)d[4] : 0;
}

/*
 * Whether the lines of a block end in CR alone: more CRs without an LF after them than LFs (a line break typed inside
 * a cell may still be an LF). A CR that ends the block may be half of a CRLF, and is not counted. Blank lines and an
 * Excel "sep=" line before the header, ended by an LF, are not counted: they say nothing of the rows' line ends, and
 * the same rows must get the same verdict with or without them (tests/fuzz/fuzz_dialect.c).
 */
static int cr_alone_lines(const char *d, size_t len)
{
    for (;;) {
        const char *nl = memchr(d, '\n', len);
        if (!nl)
            break;
        size_t n = (size_t)(nl - d);
        if (!(sep_line(d, n) && n <= 6) && !etl_blank_segment(d, n))
            break;
        d = nl + 1;
        len -= n + 1;
    }
    size_t bare = 0, lf = 0;
    for (const char *p = d, *end = d + len; (p = memchr(p, '\r', (size_t)(end - p))) != NULL; p++)
        if (p + 1 < end && p[1] != '\n')
            bare++;
    if (bare == 0)
        return 0;
    for (const char *p = d, *end = d + len; (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
        lf++;
    return bare > lf;
}

/* The first block: Excel's "sep=;" line names the delimiter (the header follows it), or it is sniffed. */
static int first_block(run *R, char **data, size_t *len)
{
    const char *d = *data;
    /* lines that end in CR alone (Excel for Mac's "CSV (Macintosh)"): the file would read as one line */
    if (cr_alone_lines(d, *len)) {
        etl_refuse(R, KR_F_SYNTAX,
                   "the lines of the file end in CR alone (an old Mac format), so its rows cannot be told apart; save "
                   "it again as CSV UTF-8 (in Excel: CSV UTF-8 (door komma's gescheiden)), with LF or CRLF line ends");
        return 0;
    }
    if (sep_line(d, *len)) {
        R->delim = (unsigned char)d[4];
        const char *nl = memchr(d, '\n', *len);
        size_t skip = nl ? (size_t)(nl - d) + 1 : *len;
        *data += skip;
        *len -= skip;
        R->line += nl != NULL;
    } else if (!etl_sniff_delimiter(d, *len, &R->delim)) {
        etl_refuse(R, KR_F_DELIMITER,
                   "the header line holds as many of two candidate delimiters (; , TAB); use ; between columns");
        return 0;
    }
    set_dialect(R);
    parser_init(R);
    return 1;
}

/* Decode the block the reader holds and feed it to the parser. */
static kr_status parse_block(run *R, int first, iconv_t *cd, char **out)
{
    char *data = (char *)R->rd.buf;
    size_t len = R->rd.len;
    R->done_bytes += (long long)len;
    if (first && R->bom && len >= 3) {  /* the BOM goes before any conversion */
        data += 3;
        len -= 3;
    }
    if (R->cp1252) {
        if (*cd == (iconv_t)-1) {
            if ((*out = malloc(3 * (size_t)CHUNK)) == NULL)
                return KR_ENOMEM;
            if ((*cd = iconv_open("UTF-8", "WINDOWS-1252")) == (iconv_t)-1)
                return KR_EIO;
        }
        char *ip = data, *op = *out;
        size_t il = len, ol = 3 * (size_t)CHUNK;
        if (iconv(*cd, &ip, &il, &op, &ol) == (size_t)-1) {
            etl_refuse(R, KR_F_ENCODING, "the file cannot be read as Windows-1252; save it as UTF-8 CSV");
            return KR_OK;
        }
        data = *out;
        len = (size_t)(op - *out);
    }
    R->high_fed |= R->rd.high;
    if (first && !first_block(R, &data, &len))
        return KR_OK;
    feed(R, data, len);
    etl_progress(R, 0);
    return KR_OK;
}

/*
 * Parse the file from the block the reader holds to its end. After a refusal the rest is still
 * read (hashed and scanned, not parsed): the ledger's hash and size describe the whole file.
 */
kr_status etl_parse_file(run *R)
{
    reader *rd = &R->rd;
    char *out = NULL;
    iconv_t cd = (iconv_t)-1;
    kr_status st = KR_OK;

    R->line = 1;
    R->row_start = 1;
    R->between_rows = 1;
    for (int first = 1; rd->len > 0; first = 0) {
        if (!first)
            follow_encoding(R);
        if (!fail_fast(R) && st == KR_OK)
            st = parse_block(R, first, &cd, &out);
        if (etl_reader_next(rd) != KR_OK)
            break;  /* rd->failed: process_file refuses the file as unreadable */
    }
    follow_encoding(R);  /* the end of the file may cut a UTF-8 sequence short */
    if (!fail_fast(R) && st == KR_OK && !rd->failed) {
        if (csv_fini(&R->p, cb_field, cb_row, R) != 0 && !R->stop) {
            etl_refuse(R, KR_F_SYNTAX,
                       "a quoted field starting at line %ld is never closed; add the closing quote (\")",
                       R->row_start);
        }
    }
    if (R->res->dialect[0])
        set_dialect(R);  /* the encoding as the whole file shows it */
    etl_progress(R, 1);
    if (cd != (iconv_t)-1)
        iconv_close(cd);
    free(out);
    return st;
}
