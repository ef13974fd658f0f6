/*
 * Reading a file once: each block is hashed (SHA-256) and scanned as it is read — size, lines,
 * NUL bytes, BOM, UTF-8 or Windows-1252, zip or UTF-16 (refused) — so that the facts describe
 * exactly the bytes parsed; the encoding they point to; and the sniffing of the delimiter.
 */
#include "ingest_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- the file, block by block ------------------------------------------------------------- */

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
    prepass *pp = &rd->pp;
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
    prepass *pp = &rd->pp;
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
etl_encoding etl_encoding_of(const prepass *pp)
{
    /* A BOM, or more valid multi-byte UTF-8 sequences than bytes that break UTF-8: UTF-8 with a few bad bytes (their
     * rows are rejected), not Windows-1252, which would turn every accented letter into two wrong ones without a word. */
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

