/*
 * The pre-pass over a file before it is parsed: size, lines, SHA-256, NUL bytes, BOM, UTF-8 or
 * Windows-1252, zip or UTF-16 (refused), and the sniffing of the delimiter.
 */
#include "ingest_int.h"

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

/* ---- the file: pre-pass, dialect ------------------------------------------------------------- */


kr_status etl_read_prepass(const char *path, prepass *pp, char *err, size_t errcap)
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
            if (need) {
                if ((c & 0xC0) == 0x80) {
                    if (--need == 0)
                        pp->utf8_seqs++;
                    continue;
                }
                pp->utf8_bad++;  /* a sequence cut short: this byte starts afresh */
                need = 0;
            }
            if (c >= 0x80) {
                if (c >= 0xC2 && c <= 0xDF)
                    need = 1;
                else if (c >= 0xE0 && c <= 0xEF)
                    need = 2;
                else if (c >= 0xF0 && c <= 0xF4)
                    need = 3;
                else
                    pp->utf8_bad++;
            }
        }
        pp->bytes += got;
    }
    if (need)
        pp->utf8_bad++;
    pp->utf8_ok = pp->utf8_bad == 0;
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

