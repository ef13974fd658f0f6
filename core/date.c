/*
 * Dates (days since 1970-01-01), gestational age and delivery periods, as the
 * partners write them: dd-mm-jjjj, d-m-jjjj and jjjj-mm-dd; 261 or 37+2;
 * 2025Q2 or 2025. Impossible dates are refused, never normalised.
 */
#include "kr.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* Days from civil date, proleptic Gregorian (H. Hinnant's algorithm). */
kr_date kr_date_from_ymd(int y, int m, int d)
{
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = (unsigned)(y - era * 400);
    const unsigned doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (kr_date)(era * 146097 + (int)doe - 719468);
}

kr_date kr_date_today(void)
{
    time_t now = time(NULL);
    struct tm tm;
    if (now == (time_t)-1 || localtime_r(&now, &tm) == NULL)
        return KR_NO_DATE;
    return kr_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

void kr_date_to_ymd(kr_date z0, int *y, int *m, int *d)
{
    long z = (long)z0 + 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = (unsigned)(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned dd = doy - (153 * mp + 2) / 5 + 1;
    const unsigned mm = mp < 10 ? mp + 3 : mp - 9;
    *y = (int)(yoe + era * 400) + (mm <= 2);
    *m = (int)mm;
    *d = (int)dd;
}

static int days_in_month(int y, int m)
{
    static const int dim[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return dim[m - 1];
}

/* Read 1..maxd digits at s[*i]; returns -1 if none or too many. */
static int read_digits(const char *s, size_t n, size_t *i, int mind, int maxd)
{
    int v = 0, k = 0;
    while (*i < n && s[*i] >= '0' && s[*i] <= '9') {
        if (k == maxd)
            return -1;
        v = v * 10 + (s[*i] - '0');
        (*i)++;
        k++;
    }
    return k >= mind ? v : -1;
}

kr_status kr_date_parse(const char *s, size_t n, kr_date *out)
{
    int y, m, d;
    kr_status st = kr_date_parse_ymd(s, n, &y, &m, &d);
    if (st == KR_OK)
        *out = kr_date_from_ymd(y, m, d);
    return st;
}

int kr_date_fields(const char *s, size_t n, int *yo, int *mo, int *dout)
{
    size_t i = 0;
    int y, m, d;
    if (n >= 10 && s[4] == '-') {
        /* jjjj-mm-dd, zero-padded */
        y = read_digits(s, n, &i, 4, 4);
        if (y < 0 || i >= n || s[i++] != '-')
            return 0;
        m = read_digits(s, n, &i, 2, 2);
        if (m < 0 || i >= n || s[i++] != '-')
            return 0;
        d = read_digits(s, n, &i, 2, 2);
    } else {
        d = read_digits(s, n, &i, 1, 2);
        if (d < 0 || i >= n || s[i++] != '-')
            return 0;
        m = read_digits(s, n, &i, 1, 2);
        if (m < 0 || i >= n || s[i++] != '-')
            return 0;
        y = read_digits(s, n, &i, 4, 4);
    }
    if (y < 0 || m < 0 || d < 0 || i != n)
        return 0;
    *yo = y;
    *mo = m;
    *dout = d;
    return 1;
}

int kr_date_valid(int y, int m, int d) { return m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m); }

kr_status kr_date_parse_ymd(const char *s, size_t n, int *yo, int *mo, int *dout)
{
    int y, m, d;
    if (!kr_date_fields(s, n, &y, &m, &d) || y < 1800 || !kr_date_valid(y, m, d))
        return KR_R_DATE;
    *yo = y;
    *mo = m;
    *dout = d;
    return KR_OK;
}

void kr_date_format(kr_date d, char out[11])
{
    int y, m, day;
    kr_date_to_ymd(d, &y, &m, &day);
    kr_date_format_ymd(y, m, day, out);
}

static const char *const month_nl[] = {"januari", "februari", "maart",     "april",   "mei",      "juni",
                                       "juli",    "augustus", "september", "oktober", "november", "december"};
static const char *const month_en[] = {"January", "February", "March",     "April",   "May",      "June",
                                       "July",    "August",   "September", "October", "November", "December"};

void kr_date_words(kr_date d, int en, char *out, size_t cap)
{
    if (d == KR_NO_DATE) {
        kr_strlcpy(out, "\u2013", cap);
        return;
    }
    int y, m, day;
    kr_date_to_ymd(d, &y, &m, &day);
    (void)snprintf(out, cap, "%d %s %d", day, en ? month_en[m - 1] : month_nl[m - 1], y);
}

void kr_moment_words(const char *utc, int en, char *out, size_t cap)
{
    int h, mi, sec;
    char z;
    kr_date day;
    if (strlen(utc) != 20 || kr_date_parse(utc, 10, &day) != KR_OK ||
        sscanf(utc + 10, "T%2d:%2d:%2d%c", &h, &mi, &sec, &z) != 4 || z != 'Z' || h > 23 || mi > 59 || sec > 60) {
        kr_strlcpy(out, utc, cap);
        return;
    }
    /* a day number counts from 1970-01-01, as time_t does: no time zone is involved until localtime_r */
    time_t t = (time_t)day * 86400 + h * 3600 + mi * 60 + sec;
    struct tm lt;
    if (!localtime_r(&t, &lt)) {
        kr_strlcpy(out, utc, cap);
        return;
    }
    char date[40];
    kr_date_words(kr_date_from_ymd(lt.tm_year + 1900, lt.tm_mon + 1, lt.tm_mday), en, date, sizeof date);
    (void)snprintf(out, cap, "%s %s %02d:%02d", date, en ? "at" : "om", lt.tm_hour, lt.tm_min);
}

void kr_date_format_ymd(int y, int m, int day, char out[11])
{
    if (y < 0 || y > 9999) {
        kr_strlcpy(out, "0000-00-00", 11);
        return;
    }
    out[0] = (char)('0' + y / 1000);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = '-';
    out[5] = (char)('0' + m / 10);
    out[6] = (char)('0' + m % 10);
    out[7] = '-';
    out[8] = (char)('0' + day / 10);
    out[9] = (char)('0' + day % 10);
    out[10] = '\0';
}

kr_status kr_gestation_parse(const char *s, size_t n, int *days)
{
    size_t i = 0;
    int a = read_digits(s, n, &i, 1, 3);
    if (a < 0)
        return KR_R_GESTATION;
    if (i == n) {
        *days = a;
        return KR_OK;
    }
    if (s[i++] != '+')
        return KR_R_GESTATION;
    int b = read_digits(s, n, &i, 1, 1);
    if (b < 0 || b > 6 || i != n || a > 60)
        return KR_R_GESTATION;
    *days = a * 7 + b;
    return KR_OK;
}

kr_status kr_period_parse(const char *s, size_t n, kr_period *out)
{
    size_t i = 0;
    int y = read_digits(s, n, &i, 4, 4);
    if (y < 2000 || y > 2999)
        return KR_EINVAL;
    if (i == n) {
        out->first = kr_date_from_ymd(y, 1, 1);
        out->last = kr_date_from_ymd(y, 12, 31);
        (void)snprintf(out->label, sizeof out->label, "%04d", y);
        return KR_OK;
    }
    if (s[i] == '-')
        i++;
    if (i + 2 != n || (s[i] != 'Q' && s[i] != 'q') || s[i + 1] < '1' || s[i + 1] > '4')
        return KR_EINVAL;
    int q = s[i + 1] - '0';
    out->first = kr_date_from_ymd(y, 3 * q - 2, 1);
    out->last = kr_date_from_ymd(y, 3 * q, days_in_month(y, 3 * q));
    (void)snprintf(out->label, sizeof out->label, "%04dQ%d", y, q);
    return KR_OK;
}

void kr_period_of(kr_date d, int year_only, kr_period *out)
{
    int y, m, day;
    kr_date_to_ymd(d, &y, &m, &day);
    unsigned yy = (unsigned)y % 10000u, q = (unsigned)(m - 1) / 3u + 1u;
    if (year_only) {
        out->first = kr_date_from_ymd(y, 1, 1);
        out->last = kr_date_from_ymd(y, 12, 31);
        (void)snprintf(out->label, sizeof out->label, "%04u", yy);
    } else {
        out->first = kr_date_from_ymd(y, (int)(3 * q - 2), 1);
        out->last = kr_date_from_ymd(y, (int)(3 * q), days_in_month(y, (int)(3 * q)));
        (void)snprintf(out->label, sizeof out->label, "%04uQ%u", yy, q % 10u);
    }
}

void kr_period_previous(const kr_period *p, kr_period *out)
{
    kr_period_of(p->first - 1, strlen(p->label) == 4, out);
}

int kr_period_cmp(const kr_period *a, const kr_period *b)
{
    if (a->last != b->last)
        return a->last > b->last ? 1 : -1;
    const kr_date la = a->last - a->first, lb = b->last - b->first;
    if (la != lb)
        return la < lb ? 1 : -1;
    return 0;
}
