/*
 * Numbers the Dutch way: a decimal comma, thousands grouped with a point, "78,4 %",
 * intervals as "78,4 % (75,1–81,8)", dates as "31 december 2025"; English with the
 * decimal point on request. Formatting is done here, never by the C locale or gnuplot.
 */
#include "rpt_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void rpt_num(char *out, size_t cap, double v, int decimals, int en)
{
    if (cap == 0)
        return;
    if (isnan(v)) {
        kr_strlcpy(out, "–", cap);
        return;
    }
    char num[96];
    kr_num(v, decimals, en ? KR_EN : KR_NL, num, sizeof num);
    if (num[0] == '-')  /* a true minus sign */
        (void)snprintf(out, cap, "\xE2\x88\x92%s", num + 1);
    else
        kr_strlcpy(out, num, cap);
}

int rpt_unit_decimals(const char *eenheid)
{
    if (strcmp(eenheid, "dagen") == 0 || strcmp(eenheid, "aantal") == 0)
        return 0;
    if (strcmp(eenheid, "ratio") == 0)
        return 2;
    return 1;
}

const char *rpt_unit_symbol(const char *eenheid, int en)
{
    if (strcmp(eenheid, "%") == 0)
        return "%";
    if (strcmp(eenheid, "per1000") == 0)
        return "‰";
    if (strcmp(eenheid, "dagen") == 0)
        return en ? "days" : "dagen";
    if (strcmp(eenheid, "pp") == 0)
        return en ? "pp" : "procentpunt";
    return "";
}

static void with_unit(char *out, size_t cap, const char *num, const char *eenheid, int en);

void rpt_num_unit(char *out, size_t cap, double v, int decimals, const char *eenheid, int en)
{
    char num[112];
    rpt_num(num, sizeof num, v, decimals, en);
    with_unit(out, cap, num, eenheid, en);
}

static void with_unit(char *out, size_t cap, const char *num, const char *eenheid, int en)
{
    const char *u = rpt_unit_symbol(eenheid, en);
    /* 78,4 % in Dutch, 78.4% in English (as the terminal writes them); 12 dagen, 12 days */
    if (u[0] && en && (strcmp(u, "%") == 0 || strcmp(u, "‰") == 0))
        (void)snprintf(out, cap, "%s%s", num, u);
    else if (u[0])
        (void)snprintf(out, cap, "%s %s", num, u);
    else
        kr_strlcpy(out, num, cap);
}

void rpt_value(char *out, size_t cap, const rpt_row *r, int en)
{
    if (!r) {
        kr_strlcpy(out, "–", cap);
        return;
    }
    if (r->suppressed) {
        kr_strlcpy(out, "x", cap);
        return;
    }
    if (isnan(r->waarde)) {
        kr_strlcpy(out, "–", cap);
        return;
    }
    char num[64];
    rpt_num(num, sizeof num, r->waarde, rpt_unit_decimals(r->eenheid), en);
    with_unit(out, cap, num, r->eenheid, en);
}

void rpt_value_ci(char *out, size_t cap, const rpt_row *r, int en)
{
    char v[96];
    rpt_value(v, sizeof v, r, en);
    if (!r || r->suppressed || isnan(r->waarde) || isnan(r->lo) || isnan(r->hi)) {
        kr_strlcpy(out, v, cap);
        return;
    }
    char lo[48], hi[48];
    int dec = rpt_unit_decimals(r->eenheid);
    rpt_num(lo, sizeof lo, r->lo, dec, en);
    rpt_num(hi, sizeof hi, r->hi, dec, en);
    (void)snprintf(out, cap, "%s (%s–%s)", v, lo, hi);
}

void rpt_count(char *out, size_t cap, long long n, int suppressed, int en)
{
    if (suppressed)
        kr_strlcpy(out, "x", cap);
    else if (n < 0)
        kr_strlcpy(out, "–", cap);
    else if (n >= 1000 && n <= 9999) /* grouped as the larger counts in the same column are ("1.196" over "13.241") */
        (void)snprintf(out, cap, "%lld%c%03lld", n / 1000, en ? ',' : '.', n % 1000);
    else
        rpt_num(out, cap, (double)n, 0, en);
}

void rpt_date_long(char *out, size_t cap, kr_date d, int en)
{
    kr_date_words(d, en, out, cap);
}

void rpt_markup_escape(char *out, size_t cap, const char *s)
{
    size_t o = 0;
    if (cap == 0)
        return;
    for (; *s; s++) {
        const char *rep = NULL;
        switch (*s) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&apos;"; break;
        default: break;
        }
        size_t n = rep ? strlen(rep) : 1;
        if (o + n + 1 > cap)
            break;
        if (rep)
            memcpy(out + o, rep, n);
        else
            out[o] = *s;
        o += n;
    }
    out[o] = '\0';
}

int rpt_year(const char *label)
{
    char *end = NULL;
    long y = strtol(label, &end, 10);
    return end == label + 4 && y >= 1900 && y <= 9999 ? (int)y : 0;
}
