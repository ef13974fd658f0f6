/*
 * libFuzzer target for the value parsers of core/: dates, gestational age,
 * periods and numbers. Every input is given to each parser as is (not
 * NUL-terminated), and the result is checked against a plain reference
 * reading of the specification and by formatting it back. Build and run:
 * tests/fuzz/README.md.
 */
#include "../../core/kr.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                                                   \
    do {                                                                                              \
        if (!(cond)) {                                                                                \
            fprintf(stderr, "fuzz_date: %s:%d: %s fails for \"%.*s\"\n", __FILE__, __LINE__, #cond,   \
                    (int)(size < 64 ? size : 64), (const char *)data);                                \
            abort();                                                                                  \
        }                                                                                             \
    } while (0)

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* Digits from s[*i], at least lo and at most hi of them (stops at hi + 1); the value, or -1. */
static long digits(const char *s, size_t n, size_t *i, int lo, int hi)
{
    long v = 0;
    int k = 0;
    while (*i < n && is_digit(s[*i]) && k <= hi) {
        v = v * 10 + (s[*i] - '0');
        (*i)++;
        k++;
    }
    return k >= lo && k <= hi ? v : -1;
}

static int leap(long y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int month_days(long y, long m)
{
    static const int dim[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : dim[m - 1];
}

/* The specification's date: d-m-jjjj with one or two digits each, or zero-padded jjjj-mm-dd; year >= 1800. */
static int ref_date(const char *s, size_t n, int *y, int *m, int *d)
{
    size_t i = 0;
    long a, b, c;
    if (n == 10 && s[4] == '-' && s[7] == '-') {
        a = digits(s, n, &i, 4, 4);
        i++;
        b = digits(s, n, &i, 2, 2);
        i++;
        c = digits(s, n, &i, 2, 2);
        long t = a;
        a = c;
        c = t;
    } else {
        a = digits(s, n, &i, 1, 2);
        if (a < 0 || i >= n || s[i++] != '-')
            return 0;
        b = digits(s, n, &i, 1, 2);
        if (b < 0 || i >= n || s[i++] != '-')
            return 0;
        c = digits(s, n, &i, 4, 4);
    }
    if (a < 0 || b < 0 || c < 0 || i != n)
        return 0;
    if (c < 1800 || b < 1 || b > 12 || a < 1 || a > month_days(c, b))
        return 0;
    *y = (int)c;
    *m = (int)b;
    *d = (int)a;
    return 1;
}

/* Whole days (1 to 3 digits) or weeks+days (weeks 1 to 2 digits up to 60, days 0..6). */
static int ref_gestation(const char *s, size_t n, int *days)
{
    size_t i = 0;
    long w = digits(s, n, &i, 1, 3);
    if (w < 0)
        return 0;
    if (i == n) {
        *days = (int)w;
        return 1;
    }
    if (s[i++] != '+' || w > 60)
        return 0;
    long d = digits(s, n, &i, 1, 1);
    if (d < 0 || d > 6 || i != n)
        return 0;
    *days = (int)(w * 7 + d);
    return 1;
}

/* 2000..2999, optionally followed by Q1..Q4 (q too), optionally after a '-'. */
static int ref_period(const char *s, size_t n, char label[8])
{
    size_t i = 0;
    long y = digits(s, n, &i, 4, 4);
    if (y < 2000 || y > 2999)
        return 0;
    if (i == n) {
        (void)snprintf(label, 8, "%ld", y);
        return 1;
    }
    if (s[i] == '-')
        i++;
    if (i + 2 != n || (s[i] != 'Q' && s[i] != 'q') || s[i + 1] < '1' || s[i + 1] > '4')
        return 0;
    (void)snprintf(label, 8, "%ldQ%c", y, s[i + 1]);
    return 1;
}

static void check_day(const uint8_t *data, size_t size, kr_date z)
{
    int y, m, d, y2, m2, d2;
    char buf[11], dmy[16];
    kr_date z2;
    kr_date_to_ymd(z, &y, &m, &d);
    CHECK(kr_date_from_ymd(y, m, d) == z);
    kr_date_format(z, buf);
    CHECK(strlen(buf) == 10);
    CHECK(kr_date_parse(buf, 10, &z2) == KR_OK && z2 == z);
    CHECK(kr_date_parse_ymd(buf, 10, &y2, &m2, &d2) == KR_OK && y2 == y && m2 == m && d2 == d);
    int w = snprintf(dmy, sizeof dmy, "%d-%d-%d", d, m, y);
    CHECK(w > 0 && (size_t)w < sizeof dmy);
    CHECK(kr_date_parse(dmy, (size_t)w, &z2) == KR_OK && z2 == z);
}

static void check_dates(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    int y, m, d, ry, rm, rd;
    kr_date z;
    kr_status st = kr_date_parse_ymd(s, size, &y, &m, &d);
    int ok = ref_date(s, size, &ry, &rm, &rd);
    CHECK((st == KR_OK) == ok);
    CHECK(st == KR_OK || st == KR_R_DATE);
    CHECK(kr_date_parse(s, size, &z) == st);
    if (st != KR_OK)
        return;
    CHECK(y == ry && m == rm && d == rd);
    CHECK(z == kr_date_from_ymd(y, m, d));
    check_day(data, size, z);
}

/* The first four bytes as a day between 1800-01-01 and 9999-12-31. */
static void check_day_count(const uint8_t *data, size_t size)
{
    if (size < 4)
        return;
    uint32_t u;
    memcpy(&u, data, 4);
    const kr_date lo = kr_date_from_ymd(1800, 1, 1), hi = kr_date_from_ymd(9999, 12, 31);
    kr_date z = (kr_date)(lo + (long)(u % (uint32_t)(hi - lo + 1)));
    check_day(data, size, z);
    kr_period p, q;
    kr_period_of(z, data[0] & 1, &p);
    CHECK(p.first <= z && z <= p.last);
    kr_period_previous(&p, &q);
    CHECK(q.last + 1 == p.first);
    CHECK(kr_period_cmp(&p, &q) > 0 && kr_period_cmp(&q, &p) < 0);
}

static void check_gestation(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    int days = -1, ref = -1;
    kr_status st = kr_gestation_parse(s, size, &days);
    CHECK(st == KR_OK || st == KR_R_GESTATION);
    CHECK((st == KR_OK) == ref_gestation(s, size, &ref));
    if (st != KR_OK)
        return;
    CHECK(days == ref && days >= 0 && days <= 999);
    char buf[16];
    int w = snprintf(buf, sizeof buf, "%d", days), back = -1;
    CHECK(kr_gestation_parse(buf, (size_t)w, &back) == KR_OK && back == days);
    if (days / 7 <= 60) {
        w = snprintf(buf, sizeof buf, "%d+%d", days / 7, days % 7);
        CHECK(kr_gestation_parse(buf, (size_t)w, &back) == KR_OK && back == days);
    }
}

static void check_period(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    char ref[8];
    kr_period p, p2, q;
    memset(&p, 0, sizeof p);
    kr_status st = kr_period_parse(s, size, &p);
    CHECK(st == KR_OK || st == KR_EINVAL);
    CHECK((st == KR_OK) == ref_period(s, size, ref));
    if (st != KR_OK)
        return;
    CHECK(strcmp(p.label, ref) == 0);
    CHECK(p.first <= p.last);
    CHECK(kr_period_parse(p.label, strlen(p.label), &p2) == KR_OK);
    CHECK(strcmp(p2.label, p.label) == 0 && p2.first == p.first && p2.last == p.last);
    kr_period_of(p.first, strlen(p.label) == 4, &q);
    CHECK(strcmp(q.label, p.label) == 0 && q.first == p.first && q.last == p.last);
    kr_period_of(p.last, strlen(p.label) == 4, &q);
    CHECK(strcmp(q.label, p.label) == 0);
    kr_period_previous(&p, &q);
    CHECK(q.last + 1 == p.first && kr_period_cmp(&p, &q) > 0);
    CHECK(kr_period_cmp(&p, &p2) == 0);
}

/* Whole numbers: an optional sign, then digits, in range of long long. */
static void check_numbers(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    long long v = 0;
    kr_status st = kr_parse_int(s, size, &v);
    int ok = size > 0 && size < 32, ndig = 0;
    for (size_t i = 0; ok && i < size; i++) {
        if (is_digit(s[i]))
            ndig++;
        else if (i != 0 || (s[i] != '-' && s[i] != '+'))
            ok = 0;
    }
    ok = ok && ndig > 0;
    if (ok) {
        char tmp[32];
        memcpy(tmp, s, size);
        tmp[size] = '\0';
        errno = 0;
        long long r = strtoll(tmp, NULL, 10);
        ok = errno == 0;
        CHECK(!ok || st != KR_OK || v == r);
    }
    CHECK((st == KR_OK) == ok);

    double x = 0;
    st = kr_parse_number(s, size, &x);
    ok = size > 0 && size < 64;
    int seps = 0;
    ndig = 0;
    for (size_t i = 0; ok && i < size; i++) {
        if (is_digit(s[i]))
            ndig++;
        else if (s[i] == '.' || s[i] == ',')
            ok = ++seps == 1;
        else if (i != 0 || (s[i] != '-' && s[i] != '+'))
            ok = 0;
    }
    CHECK((st == KR_OK) == (ok && ndig > 0));
    CHECK(st != KR_OK || x == x);  /* never NaN */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 64)
        return 0;
    check_dates(data, size);
    check_day_count(data, size);
    check_gestation(data, size);
    check_period(data, size);
    check_numbers(data, size);
    return 0;
}
