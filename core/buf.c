/*
 * Bounded growable buffers and small string helpers. Every buffer filled from
 * input has an upper bound; passing it is KR_ETOOBIG, never a silent cut.
 */
#include "kr.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void kr_buf_init(kr_buf *b, size_t max)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    b->max = max;
}

void kr_buf_fini(kr_buf *b)
{
    if (b == NULL)
        return;
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

void kr_buf_reset(kr_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

static kr_status reserve(kr_buf *b, size_t extra)
{
    if (extra > b->max || b->len > b->max - extra)
        return KR_ETOOBIG;
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return KR_OK;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap *= 2;
    if (cap > b->max + 1)
        cap = b->max + 1;
    char *p = realloc(b->data, cap);
    if (p == NULL)
        return KR_ENOMEM;
    b->data = p;
    b->cap = cap;
    return KR_OK;
}

kr_status kr_buf_append(kr_buf *b, const void *p, size_t n)
{
    if (b->len + n < b->cap && b->len + n <= b->max) {  /* the common case: it fits */
        memcpy(b->data + b->len, p, n);
        b->len += n;
        b->data[b->len] = '\0';
        return KR_OK;
    }
    kr_status st = reserve(b, n);
    if (st != KR_OK)
        return st;
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return KR_OK;
}

kr_status kr_buf_puts(kr_buf *b, const char *s) { return kr_buf_append(b, s, strlen(s)); }

kr_status kr_buf_printf(kr_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return KR_EINVAL;
    kr_status st = reserve(b, (size_t)n);
    if (st != KR_OK)
        return st;
    va_start(ap, fmt);
    (void)vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return KR_OK;
}

static int is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

const char *kr_trim(const char *s, size_t *n)
{
    size_t len = *n;
    while (len && is_blank(*s)) {
        s++;
        len--;
    }
    while (len && is_blank(s[len - 1]))
        len--;
    *n = len;
    return s;
}

int kr_eq_ci(const char *a, size_t an, const char *b)
{
    size_t i = 0;
    for (; i < an; i++) {
        char x = a[i], y = b[i];
        if (y == '\0')
            return 0;
        if (x >= 'A' && x <= 'Z')
            x = (char)(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = (char)(y - 'A' + 'a');
        if (x != y)
            return 0;
    }
    return b[i] == '\0';
}

size_t kr_strlcpy(char *dst, const char *src, size_t cap)
{
    size_t n = strlen(src);
    if (cap == 0)
        return 0;
    if (n >= cap)
        n = cap - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
    return n;
}

void kr_hidden_in_english(char *s)
{
    for (char *m; (m = strstr(s, KR_HIDDEN)) != NULL;) {
        memcpy(m, "[hidden]", 8);
        memmove(m + 8, m + sizeof KR_HIDDEN - 1, strlen(m + sizeof KR_HIDDEN - 1) + 1);
    }
}

const char *kr_shell_word(const char *s, char *out, size_t cap)
{
    int bare = s[0] != '\0', dq = 1;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        int alnum = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9');
        if (!(*p >= 0x80 || alnum || strchr("_./:@%+,=-", *p)))
            bare = 0;
        if (strchr("$`\\\"!", *p))
            dq = 0;
    }
    if (cap == 0)
        return out;
    if (bare) {
        kr_strlcpy(out, s, cap);
        return out;
    }
    if (cap < 3) {
        out[0] = '\0';
        return out;
    }
    char q = dq ? '"' : '\'';
    size_t n = 0;
    out[n++] = q;
    for (; *s; s++) {
        /* in single quotes a ' is written as '\'' (close, an escaped quote, open again) */
        size_t need = (*s == '\'' && !dq) ? 4 : 1;
        if (n + need + 2 > cap)
            break;
        if (need == 4) {
            memcpy(out + n, "'\\''", 4);
            n += 4;
        } else {
            out[n++] = *s;
        }
    }
    out[n++] = q;
    out[n] = '\0';
    return out;
}

kr_status kr_parse_int(const char *s, size_t n, long long *out)
{
    if (n > 0 && n <= 9 && s[0] >= '0' && s[0] <= '9') {  /* the common case: a few digits */
        long long v = 0;
        size_t i = 0;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            v = v * 10 + (s[i++] - '0');
        if (i == n) {
            *out = v;
            return KR_OK;
        }
        return KR_EINVAL;
    }
    char tmp[32];
    if (n == 0 || n >= sizeof tmp)
        return KR_EINVAL;
    memcpy(tmp, s, n);
    tmp[n] = '\0';
    for (size_t i = 0; i < n; i++)
        if (!((tmp[i] >= '0' && tmp[i] <= '9') || (i == 0 && (tmp[i] == '-' || tmp[i] == '+'))))
            return KR_EINVAL;
    char *end = NULL;
    errno = 0;
    long long v = strtoll(tmp, &end, 10);
    if (errno != 0 || end != tmp + n || end == tmp)
        return KR_EINVAL;
    *out = v;
    return KR_OK;
}

kr_status kr_parse_number(const char *s, size_t n, double *out)
{
    char tmp[64];
    int seen_sep = 0, digits = 0;
    if (n == 0 || n >= sizeof tmp)
        return KR_EINVAL;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            digits++;
        } else if ((c == '.' || c == ',') && !seen_sep) {
            seen_sep = 1;
            c = '.';
        } else if (!(i == 0 && (c == '-' || c == '+'))) {
            return KR_EINVAL;
        }
        tmp[i] = c;
    }
    tmp[n] = '\0';
    if (!digits)
        return KR_EINVAL;
    char *end = NULL;
    double v = strtod(tmp, &end);
    if (end != tmp + n)
        return KR_EINVAL;
    *out = v;
    return KR_OK;
}

kr_status kr_reserve(void *items, size_t *cap, size_t need, size_t elem, size_t first)
{
    void *old;
    if (need <= *cap)
        return KR_OK;
    size_t nc = *cap ? *cap : (first ? first : 16);
    while (nc < need) {
        if (nc > SIZE_MAX / 2)
            return KR_ENOMEM;
        nc *= 2;
    }
    if (nc > SIZE_MAX / elem)
        return KR_ENOMEM;
    /* items points at a T *; copy the pointer rather than alias it as void * */
    memcpy(&old, items, sizeof old);
    void *p = realloc(old, nc * elem);
    if (!p)
        return KR_ENOMEM;
    memcpy(items, &p, sizeof p);
    *cap = nc;
    /* the caller owns p through *items (cppcheck does not follow the memcpy) */
    /* cppcheck-suppress memleak */
    return KR_OK;
}

kr_status kr_grow(void *items, size_t *cap, size_t n, size_t elem, size_t first)
{
    return kr_reserve(items, cap, n + 1, elem, first);
}

/* ---- display width of UTF-8 text ------------------------------------------------------------- */

typedef struct cp_range {
    uint32_t lo, hi;
} cp_range;

/* Code points that take no column: combining marks, zero-width characters, variation selectors. */
static const cp_range zero_width[] = {
    {0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x0610, 0x061A}, {0x064B, 0x065F},
    {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF}, {0x200B, 0x200F}, {0x202A, 0x202E}, {0x2060, 0x2064},
    {0x20D0, 0x20FF}, {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF},
};

/* Code points that take two columns: East Asian wide and fullwidth, and the common emoji blocks. */
static const cp_range double_width[] = {
    {0x1100, 0x115F},   {0x231A, 0x231B},   {0x2329, 0x232A},   {0x2E80, 0x303E},
    {0x3041, 0x33FF},   {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},
    {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},   {0xFE30, 0xFE4F},   {0xFF00, 0xFF60},
    {0xFFE0, 0xFFE6},   {0x1F300, 0x1F64F}, {0x1F900, 0x1F9FF}, {0x20000, 0x2FFFD},
    {0x30000, 0x3FFFD},
};

static int in_ranges(uint32_t c, const cp_range *r, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (c >= r[i].lo && c <= r[i].hi)
            return 1;
    return 0;
}

/* The code point at s (len bytes in *len), or -1 with *len 1 when s does not start valid UTF-8. */
static long utf8_next(const unsigned char *s, size_t *len)
{
    static const uint32_t min[5] = {0, 0, 0x80, 0x800, 0x10000};  /* below it: an overlong form */
    size_t n = s[0] < 0x80 ? 1 : (s[0] & 0xE0) == 0xC0 ? 2 : (s[0] & 0xF0) == 0xE0 ? 3 : (s[0] & 0xF8) == 0xF0 ? 4 : 0;
    *len = 1;
    if (n == 0)
        return -1;
    uint32_t c = n == 1 ? s[0] : (uint32_t)(s[0] & (0x7F >> n));
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)  /* also the terminating NUL */
            return -1;
        c = (c << 6) | (s[i] & 0x3F);
    }
    if (c < min[n] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return -1;
    *len = n;
    return (long)c;
}

size_t kr_utf8_width(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t w = 0, len;
    while (*p) {
        long c = utf8_next(p, &len);
        p += len;
        if (c < 0)
            w += 1;
        else if (c < 0x20 || (c >= 0x7F && c < 0xA0) ||
                 in_ranges((uint32_t)c, zero_width, sizeof zero_width / sizeof zero_width[0]))
            continue;
        else
            w += in_ranges((uint32_t)c, double_width, sizeof double_width / sizeof double_width[0]) ? 2 : 1;
    }
    return w;
}
