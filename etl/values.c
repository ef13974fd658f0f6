/*
 * Parsing and checking one value of a row against its column in the extract specification:
 * dates, numbers, codes, pseudonyms, organisations and municipalities, with the messages a
 * partner needs to fix the file.
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

void etl_parse_value(run *R, int c, const char *s, size_t n)
{
    etl_row *r = &R->r;
    const etl_column *col = &R->type->cols[c];
    etl_val *v = &r->vals[c];
    char *canon = R->canon[c];
    const registry *g = &R->s->reg;
    char mv[80], list[400];
    /* the masked value, made only when a message needs it */
#define MV (etl_masked_value(R, c, mv, sizeof mv), mv)

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
                    etl_mask(e, len, ETL_MASK_CODED, one, sizeof one);
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
        if (col->type == ETL_ORG && g->loaded && !etl_find_org(g, canon)) {
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
            const reg_gm *m = etl_find_gm(g, canon);
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
        if (etl_contains_identifier(s, n)) {
            /* a name of the reference data is stored as it is: one that holds an identifier must not be */
            etl_row_reject(r, c, KR_R_IDENTIFIER,
                           "%s holds something that looks like a BSN, postcode, e-mail address or phone number; "
                           "remove it",
                           "%s bevat iets dat lijkt op een BSN, postcode, e-mailadres of telefoonnummer; verwijder het",
                           col->name);
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
        if (col->type == ETL_REGIO && g->loaded && !etl_find_code(g->regios, g->nregios, canon)) {
            etl_row_reject(r, c, KR_R_REFERENCE, "%s is not a region of the reference data (regios)",
                           "%s is geen regio uit de referentiegegevens (regios)", MV);
            return;
        }
        if (col->type == ETL_SITE && g->loaded && !etl_find_code(g->sites, g->nsites, canon)) {
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

