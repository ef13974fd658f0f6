/*
 * The direct-identifier guard: recognising BSNs (elfproef), postcodes, e-mail
 * addresses and Dutch phone numbers in values and identifier words in column
 * names, and masking the values of rejected rows so that nothing that looks
 * like an identifier is ever stored or shown; and the record key of a row
 * (etl_row_key: a hash of its key columns, which stands in for them).
 */
#include "etl_int.h"

#include <string.h>
#include <xxhash.h>

static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

int etl_is_bsn(const char *s, size_t n)
{
    s = kr_trim(s, &n);
    if (n != 9 && n != 8)
        return 0;
    int d[9], k = 0, nonzero = 0;
    if (n == 8)
        d[k++] = 0;  /* Excel drops the leading zero */
    for (size_t i = 0; i < n; i++) {
        if (!is_digit(s[i]))
            return 0;
        d[k++] = s[i] - '0';
        nonzero |= d[k - 1];
    }
    if (!nonzero)
        return 0;
    int sum = 0;
    for (int i = 0; i < 8; i++)
        sum += (9 - i) * d[i];
    sum -= d[8];
    return sum % 11 == 0;
}

int etl_is_postcode(const char *s, size_t n)
{
    s = kr_trim(s, &n);
    if (n != 6 && n != 7)
        return 0;
    if (s[0] < '1' || s[0] > '9' || !is_digit(s[1]) || !is_digit(s[2]) || !is_digit(s[3]))
        return 0;
    size_t i = 4;
    if (n == 7 && s[i++] != ' ')
        return 0;
    return is_alpha(s[i]) && is_alpha(s[i + 1]);
}

int etl_is_email(const char *s, size_t n)
{
    s = kr_trim(s, &n);
    const char *at = memchr(s, '@', n);
    if (at == NULL || at == s)
        return 0;
    size_t dn = n - (size_t)(at - s) - 1;
    const char *dom = at + 1;
    if (dn < 3 || memchr(dom, '@', dn) != NULL)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] == ' ')
            return 0;
    const char *dot = memchr(dom, '.', dn);
    return dot != NULL && dot != dom && dot != dom + dn - 1;
}

int etl_is_phone(const char *s, size_t n)
{
    char d[32];
    size_t k = 0;
    s = kr_trim(s, &n);
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == ' ' || c == '-' || c == '(' || c == ')')
            continue;
        if (k + 1 >= sizeof d)
            return 0;
        d[k++] = c;
    }
    d[k] = '\0';
    size_t p;
    if (k >= 3 && d[0] == '+' && d[1] == '3' && d[2] == '1')
        p = 3;
    else if (k >= 4 && memcmp(d, "0031", 4) == 0)
        p = 4;
    else if (k >= 1 && d[0] == '0')
        p = 1;
    else
        return 0;
    if (k - p != 9 || d[p] == '0')
        return 0;
    for (size_t i = p; i < k; i++)
        if (!is_digit(d[i]))
            return 0;
    return 1;
}

/*
 * A date that exists in form: d-m-jjjj, dd/mm/jjjj or d.m.jjjj, or jjjj-mm-dd, jjjj/mm/dd or jjjj.mm.dd with two-digit
 * month and day; one separator throughout, month 1-12, day 1-31, year 1900-2099. Never read as a BSN with its
 * separators removed (and a BSN written 1234/00/05 is no date).
 */
static int date_shaped(const char *s, size_t n)
{
    int v[3] = {0, 0, 0};
    size_t g[3] = {0, 0, 0}, k = 0;
    char sep = 0;
    for (size_t i = 0; i < n; i++) {
        if (is_digit(s[i])) {
            if (++g[k] > 4)
                return 0;
            v[k] = v[k] * 10 + (s[i] - '0');
        } else if ((s[i] == '-' || s[i] == '/' || s[i] == '.') && k < 2 && g[k] > 0 && (!sep || s[i] == sep)) {
            sep = s[i];
            k++;
        } else {
            return 0;
        }
    }
    if (k != 2 || g[2] == 0)
        return 0;
    int y, m, d;
    if (g[0] <= 2 && g[1] <= 2 && g[2] == 4)
        d = v[0], m = v[1], y = v[2];
    else if (g[0] == 4 && g[1] == 2 && g[2] == 2)
        y = v[0], m = v[1], d = v[2];
    else
        return 0;
    return y >= 1900 && y <= 2099 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/* Whether s starts with a full-width digit (U+FF10..U+FF19), as some keyboards and copies give them. */
static int wide_digit(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    return n >= 3 && u[0] == 0xEF && u[1] == 0xBC && u[2] >= 0x90 && u[2] <= 0x99;
}

/*
 * A separator that may break the digits of a BSN, a phone number or a postcode as people write them: a space, a tab,
 * a line break, brackets, - . / : , _ | + * ; # ~ ' = and any multi-byte character (a no-break space, an en dash). Its
 * length, or 0.
 */
static size_t digit_gap(const char *s, size_t n)
{
    unsigned char c = (unsigned char)s[0];
    if (c >= 0x80) {
        size_t k = 1;
        while (k < n && ((unsigned char)s[k] & 0xC0) == 0x80)
            k++;
        return k;
    }
    return strchr(" \t\r\n()-./:,_|+*;#~'=", c) && c ? 1 : 0;
}

/* The length of a time of day hh:mm or hh:mm:ss at s (two digits each, a real hour, minute and second), or 0. */
static size_t time_len(const char *s, size_t n)
{
    size_t t = 0;
    for (int part = 0; part < 3; part++) {
        if (part && (t >= n || s[t] != ':'))
            return part >= 2 ? t : 0;
        t += part > 0;
        if (t + 2 > n || !is_digit(s[t]) || !is_digit(s[t + 1]))
            return 0;
        int x = (s[t] - '0') * 10 + (s[t + 1] - '0');
        if (x > (part == 0 ? 23 : 59))
            return 0;
        t += 2;
    }
    return t;
}

/*
 * The length of a date at s (date_shaped) that ends at a space, a 'T' or the end of the value (04-04-2025, the date of
 * "04-04-2025 13:30" or "2025-04-04T13:30:00"), or 0. Only the date is passed over: what follows it, a time of day
 * too, is judged as any other run of digits (a time alone has 6 at most, and a phone number split by a time does not
 * hide behind it).
 */
static size_t date_len(const char *s, size_t n)
{
    size_t d = 0, g;
    while (d < n && s[d] != ' ' && s[d] != 'T')
        d++;
    if (!date_shaped(s, d))
        return 0;
    if (d + 1 >= n || !is_digit(s[d + 1]))
        return d;
    /* digits after it: a time of day (hh:mm, hh:mm:ss) with no digit after that, or else the date is the start of
     * a number (06.12.2045 67 is a phone number, 01/01/2024T5 a BSN) and the whole run is judged */
    size_t t = time_len(s + d + 1, n - d - 1), e = d + 1 + t;
    if (t == 0)
        return 0;
    while (e < n && (g = digit_gap(s + e, n - e)) != 0)
        e += g;
    return e < n && (is_digit(s[e]) || wide_digit(s + e, n - e)) ? 0 : d + 1 + t;
}


/* Whether the first n characters hold none of the separators etl_is_identifier removes. */
static int no_separator(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] == ' ' || s[i] == '-' || s[i] == '.' || s[i] == '/')
            return 0;
    return 1;
}

/* The whole value against the patterns, as written. */
static int identifier_as_written(const char *s, size_t n)
{
    if (memchr(s, '@', n) != NULL)
        return etl_is_email(s, n);
    if (n <= 7 && etl_is_postcode(s, n))
        return 1;
    if ((n == 8 || n == 9) && etl_is_bsn(s, n))
        return 1;
    if (n >= 10 && n <= 24 && (s[0] == '0' || s[0] == '+' || s[0] == '('))
        return etl_is_phone(s, n);
    return 0;
}

int etl_is_identifier(const char *s, size_t n)
{
    /* Called for every value of every file: decide cheaply which test can apply. */
    s = kr_trim(s, &n);
    if (n < 5 || n > 254)
        return 0;
    /* the commonest value, a date dd-mm-jjjj: no pattern has 8 digits with these separators */
    if (n == 10 && s[2] == '-' && s[5] == '-' && is_digit(s[0]) && is_digit(s[1]) && is_digit(s[3]) && is_digit(s[4]) &&
        is_digit(s[6]) && is_digit(s[7]) && is_digit(s[8]) && is_digit(s[9]))
        return 0;
    /* a long value (a pseudonym) without '@' that starts with ten characters other than separators: no pattern is
     * that long as written, nor has at most 9 characters left once its separators are removed */
    if (n >= 25 && memchr(s, '@', n) == NULL && no_separator(s, 10))
        return 0;
    if (identifier_as_written(s, n))
        return 1;
    /* the patterns again with spaces, '-', '.' and '/' removed: 123-456-782, 123.456.782, 6211-AB */
    char d[32];
    size_t k = 0;
    int removed = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == ' ' || c == '-' || c == '.' || c == '/') {
            removed = 1;
            continue;
        }
        if (c == '@' || k + 1 >= sizeof d)
            return 0;  /* e-mail addresses are judged as written; a long value is no pattern */
        d[k++] = c;
    }
    if (!removed || k < 5 || date_shaped(s, n))
        return 0;
    if (k == 6 && is_digit(d[0]) && etl_is_postcode(d, k))
        return 1;
    return (k == 8 || k == 9) && etl_is_bsn(d, k);
}

int etl_is_identifier_name(const char *s, size_t n)
{
    /* anywhere in the name (no column of the contract holds one, however it is written) */
    static const char *const words[] = {"bsn", "naam", "name", "adres", "straat", "postcode",
                                        "geboortedatum_moeder", "telefoon", "email", "e-mail", NULL};
    /* the whole name, written in lower case without spaces, '_', '-' or '.' and with e for ë: a word that is also
     * part of a column of the contract (client_pseudoniem) is an identifier only on its own */
    static const char *const whole[] = {"client", "clientnummer", "clientnr", "clientid", "patient", "patientnummer",
                                        "patientnr", "patientid", "dossiernummer", "voorletters", "initialen",
                                        "dob", "dateofbirth", "birthdate", "woonplaats", "huisnummer", "huisnr",
                                        "burgerservicenummer", NULL};
    char low[256], bare[256];
    size_t m = 0;
    if (n >= sizeof low)
        n = sizeof low - 1;
    for (size_t i = 0; i < n; i++) {
        char c = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] - 'A' + 'a') : s[i];
        low[i] = c;
        if (c == ' ' || c == '_' || c == '-' || c == '.')
            continue;
        unsigned char next = i + 1 < n ? (unsigned char)s[i + 1] : 0;
        if ((unsigned char)c == 0xC3 && (next == 0xAB || next == 0x8B)) {
            bare[m++] = 'e';  /* ë or Ë */
            i++;
            low[i] = s[i];
            continue;
        }
        bare[m++] = c;
    }
    low[n] = '\0';
    bare[m] = '\0';
    for (size_t i = 0; words[i]; i++)
        if (strstr(low, words[i]) != NULL)
            return 1;
    for (size_t i = 0; whole[i]; i++)
        if (strcmp(bare, whole[i]) == 0)
            return 1;
    return 0;
}

int etl_contains_identifier(const char *s, size_t n)
{
    if (etl_is_identifier(s, n) || memchr(s, '@', n) != NULL)
        return 1;
    /* an e-mail address in disguise: (at) [at] {at} <at> (a) %40 &#64, a full-width or small at sign */
    for (size_t i = 0; i + 3 <= n; i++) {
        char open = s[i], close = open == '(' ? ')' : open == '[' ? ']' : open == '{' ? '}' : open == '<' ? '>' : 0;
        if (close && i + 4 <= n && s[i + 3] == close && kr_eq_ci(s + i + 1, 2, "at"))
            return 1;
        if (close && s[i + 2] == close && (s[i + 1] | 0x20) == 'a')
            return 1;
        if (kr_eq_ci(s + i, 3, "%40") || (i + 4 <= n && kr_eq_ci(s + i, 4, "&#64")))
            return 1;
        if (memcmp(s + i, "\xEF\xBC\xA0", 3) == 0 || memcmp(s + i, "\xEF\xB9\xAB", 3) == 0)
            return 1;
    }
    /* a run of 8 or more digits, broken by separators or not (digit_gap), that is not a date: a BSN or phone number
     * inside; a date at the start of a run is passed over, what follows it is a run of its own */
    for (size_t i = 0; i < n;) {
        if (!is_digit(s[i]) && !wide_digit(s + i, n - i)) {
            i++;
            continue;
        }
        size_t dl = date_len(s + i, n - i);
        if (dl) {
            i += dl;
            continue;
        }
        size_t j = i, digits = 0, last = i, g;
        while (j < n) {
            if (is_digit(s[j])) {
                digits++;
                last = j++;
            } else if (wide_digit(s + j, n - j)) {  /* a full-width digit counts as one */
                digits++;
                last = j;
                j += 3;
            } else if ((g = digit_gap(s + j, n - j)) != 0) {
                j += g;
            } else if (s[j] == 'T' && j + 1 < n && is_digit(s[j + 1])) {
                j++;  /* 06-12-2045T67: the T of a date and time, between digits */
            } else {
                break;
            }
        }
        if (digits >= 8 && !date_shaped(s + i, last - i + 1))
            return 1;
        i = j > i ? j : i + 1;
    }
    /* a postcode inside: 4 digits (not starting with 0, no digit before them), up to three separators (digit_gap) or
     * none, 2 letters that end a word; letters may come before it (lvb1234AB) */
    for (size_t i = 0; i + 6 <= n; i++) {
        if (i > 0 && is_digit(s[i - 1]))
            continue;
        if (s[i] < '1' || s[i] > '9' || !is_digit(s[i + 1]) || !is_digit(s[i + 2]) || !is_digit(s[i + 3]))
            continue;
        size_t j = i + 4, g;
        for (int k = 0; k < 3 && j < n && (g = digit_gap(s + j, n - j)) != 0; k++)
            j += g;  /* a space, '-', '_', a no-break space ... or a few of them */
        if (j + 2 <= n && is_alpha(s[j]) && is_alpha(s[j + 1]) && (j + 2 == n || !is_alpha(s[j + 2])))
            return 1;
    }
    return 0;
}

/* A word that is or ends like a Dutch street name (Dorpsstraat, Kerkweg, Markt, Kerkstr ...). */
static int street_word(const char *s, size_t n)
{
    static const char *const ends[] = {"straat", "str", "weg", "laan", "plein", "dijk", "singel", "gracht", "kade",
                                       "hof", "pad", "steeg", "dreef", "markt", "ring", "baan", "wal", "hoven", "erf",
                                       "park", "horst", "plantsoen", "burcht", "veld"};
    char low[64];
    if (n < 3 || n >= sizeof low)
        return 0;
    for (size_t i = 0; i < n; i++)
        low[i] = (char)(s[i] | 0x20);
    for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++) {
        size_t k = strlen(ends[i]);
        if (n >= k && memcmp(low + n - k, ends[i], k) == 0)
            return 1;
    }
    return 0;
}

/*
 * Whether the words of (s, n), in order and joined by '_', are one code of the column that has more than one word
 * (huiselijk geweld for huiselijk_geweld, niet gescreend): a code typed with spaces, no name. codes NULL: none.
 */
static int one_code_spelt_out(const char *s, size_t n, const char *const *codes)
{
    char joined[64];
    size_t k = 0;
    for (size_t i = 0; i < n && k + 1 < sizeof joined; i++) {
        char c = s[i];
        if (c == ' ' || c == '-' || c == '_') {
            if (k && joined[k - 1] != '_')
                joined[k++] = '_';
        } else if (is_alpha(c)) {
            joined[k++] = (char)(c | 0x20);
        } else {
            return 0;
        }
    }
    while (k && joined[k - 1] == '_')
        k--;
    joined[k] = '\0';
    if (!memchr(joined, '_', k))
        return 0;
    for (size_t i = 0; codes && codes[i]; i++)
        if (strcmp(joined, codes[i]) == 0)
            return 1;
    return 0;
}

/* The few words a number is written with in a code ("2 of meer", "1 tot 3"). */
static const char *const number_words[] = {"of", "en", "meer", "tot", NULL};

/* Whether word (n letters) is one of the words of set (NULL-ended), in any capitals. */
static int word_in(const char *w, size_t n, const char *const *set)
{
    for (size_t i = 0; set[i]; i++)
        if (kr_eq_ci(w, n, set[i]))
            return 1;
    return 0;
}

/* The length of a gap between the words of a name at s: a space (also a no-break one), a comma, an underscore, a '/'
 * or '-' from a word with small letters to a capital, a '.' before a capital; or 0. */
static size_t name_gap(const char *s, size_t n, size_t i, int after_lower)
{
    unsigned char c = (unsigned char)s[i];
    if (c == ' ' || c == ',' || c == '_' || c == '\t')
        return 1;
    if ((c == '-' || c == '/') && after_lower && i + 1 < n && s[i + 1] >= 'A' && s[i + 1] <= 'Z')
        return 1;  /* Marieke-Jansen, Jansen/Marieke; not ja/nee, nor a code VP-ZL */
    if (c == '.' && i + 1 < n && s[i + 1] >= 'A' && s[i + 1] <= 'Z')
        return 1;
    if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0)
        return 2;
    return 0;
}

/*
 * The shape of a name or an address typed into a coded column or in place of a pseudonym: two or more words (two
 * letters or more, or an initial: M. or a capital alone before a space) with a gap among them (name_gap: "Jansen,
 * Marieke", "J.P. de Vries", "M Jansen", "marieke_jansen", "Marieke.Jansen", "Marieke-Jansen"), unless they spell out
 * one code of the column ("huiselijk geweld") or are a number in words ("2 of meer"); or a street and a number
 * ("Dorpsstraat 12", "Dorpsstraat12", "Kerkstr. 3"; not "route 4").
 */
static int name_address_shaped(const char *s, size_t n, const char *const *codes)
{
    int words = 0, spaced = 0, street = 0, digit = 0, numeric_words = 1;
    int prev = 0;  /* the token before: 0 none, 1 a street, 2 a number, 3 another word */
    int lower = 0; /* the word before had a small letter */
    for (size_t i = 0; i < n;) {
        size_t j = i, g;
        if ((g = name_gap(s, n, i, lower)) != 0) {
            spaced = 1;
            j += g;
        } else if (is_alpha(s[i]) || ((unsigned char)s[i] & 0x80)) {
            lower = 0;
            while (j < n && name_gap(s, n, j, 0) == 0 && (is_alpha(s[j]) || ((unsigned char)s[j] & 0x80))) {
                lower |= s[j] >= 'a' && s[j] <= 'z';
                j++;
            }
            int capital = s[i] >= 'A' && s[i] <= 'Z';
            int initial = j - i == 1 && j < n &&
                          (s[j] == '.' || (capital && s[j] == ' ' && j + 1 < n && is_alpha(s[j + 1])));
            int word = j - i >= 2 || initial;
            words += word;
            numeric_words &= !word || word_in(s + i, j - i, number_words);
            int is_street = street_word(s + i, j - i);
            street |= is_street && prev == 2;
            prev = is_street ? 1 : 3;
        } else if (is_digit(s[i])) {
            while (j < n && is_digit(s[j]))
                j++;
            digit = 1;
            street |= prev == 1;
            prev = 2;
        } else {
            j++;  /* a dot after an initial or an abbreviation (Kerkstr.), a bracket: nothing */
        }
        i = j;
    }
    if (street)
        return 1;
    if (words < 2 || !spaced)
        return 0;
    return !(digit && numeric_words) && !one_code_spelt_out(s, n, codes);
}

/* Whether word (n letters) is a code of the list, or a part of one between '_', '-' and '+', in any capitals. */
static int code_part(const char *w, size_t n, const char *const *codes)
{
    for (size_t i = 0; codes && codes[i]; i++)
        for (const char *c = codes[i]; *c;) {
            size_t k = strcspn(c, "_-+"), j = 0;
            while (k == n && j < n && (w[j] | 0x20) == (c[j] | 0x20))
                j++;
            if (k == n && j == n)
                return 1;
            c += k + (c[k] != '\0');
        }
    return 0;
}

int etl_code_like(const char *s, size_t n, etl_ctype type, const char *const *codes)
{
    static const char *const months[] = {"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
                                         "september", "oktober", "november", "december", "jan", "feb", "mrt", "apr",
                                         "jun", "jul", "aug", "sep", "okt", "nov", "dec", "t", NULL};
    static const char *const units[] = {"g", "gr", "gram", "kg", "w", "wk", "wkn", "week", "weken", "d", "dg",
                                        "dag", "dagen", "e", NULL};
    static const char *const families[] = {"route", "lijn", "overdracht", "nazorg", "uitkomst", "verankering",
                                           "kwaliteit", NULL};
    int coded = type == ETL_CODE || type == ETL_CODELIST;
    int register_code = !coded && type != ETL_DATE && type != ETL_INT && type != ETL_NUMBER && type != ETL_GESTATION;
    if (type == ETL_INDICATOR) {  /* overdracht.lauw: a family and one word; route.marieke.jansen may be a name */
        size_t k = 0;
        int dots = 0;
        while (k < n && s[k] != '.')
            k++;
        for (size_t i = 0; i < n; i++) {
            if (!(is_alpha(s[i]) || is_digit(s[i]) || s[i] == '.' || s[i] == '_'))
                return 0;
            dots += s[i] == '.';
        }
        return n <= 48 && k < n && dots == 1 && word_in(s, k, families);
    }
    if (n > (register_code ? 16 : 24))
        return 0;
    int spaces = 0, words = 0, digits = 0, long_words = 0, longest = 0, shortest = 99;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *allowed = register_code ? "-_." : " -_+<>.,/:|()%=";
        if (c >= 0x80 || !(is_alpha((char)c) || is_digit((char)c) || strchr(allowed, c)) || c == 0)
            return 0;  /* an accent, a quote, an at sign, a bracket in a register's code ...: not what it holds */
        spaces += c == ' ';
        digits += is_digit((char)c);
        if (is_alpha((char)c) && (i == 0 || !is_alpha(s[i - 1]))) {
            size_t k = i;
            while (k < n && is_alpha(s[k]))
                k++;
            words++;
            long_words += k - i >= 4;
            if ((int)(k - i) > longest)
                longest = (int)(k - i);
            if ((int)(k - i) < shortest)
                shortest = (int)(k - i);
        }
    }
    if (register_code) {
        /* VP-ZL-1, GM0935, zl, SITE-ZL-NOORD, 2025Q2, jgz_contact: at most one long word (MARIEKE-JANSEN is a name) */
        switch (type) {
        case ETL_ORG:
        case ETL_ORGCODE:  /* VP-ZL-1, JGZ-UT: two words of three letters at most, and a number or a word of two */
            return long_words == 0 && words <= 2 && !memchr(s, '.', n) && !memchr(s, '_', n) &&
                   (digits > 0 || shortest <= 2);  /* JAN-BOS may be a name */
        case ETL_GEMEENTE:
        case ETL_GMCODE: return longest <= 2;      /* GM0935 */
        case ETL_PERIOD: return longest <= 1;      /* 2025Q2 */
        case ETL_SITE:
        case ETL_REGIOCODE:                         /* SITE-ZL-NOORD; else one word */
            return n > 5 && kr_eq_ci(s, 5, "SITE-") ? long_words <= 2 : words <= 1;
        default: return words <= 1;                 /* zl, utrecht: one word; an extract type spelt wrong too */
        }
    }
    if (coded && words >= 2) {
        /* two words or more: one code spelt out (huiselijk geweld), or a number in words (2 of meer); two codes side
         * by side (anna anders, Anna(Anders)) can be a name. A list is judged element by element. */
        if (type == ETL_CODELIST && memchr(s, '|', n)) {
            int strange = 0;  /* elements that are no code: one is a typo, two can be a name (Marieke|Jansen) */
            for (const char *p = s, *end = s + n; p < end;) {
                const char *bar = memchr(p, '|', (size_t)(end - p));
                size_t len = bar ? (size_t)(bar - p) : (size_t)(end - p), k = 0;
                while (k < len && p[k] == ' ')
                    k++;
                size_t e = len;
                while (e > k && p[e - 1] == ' ')
                    e--;
                if (!etl_code_like(p, len, ETL_CODE, codes))
                    return 0;
                int code = 0;
                for (size_t c = 0; codes && codes[c] && !code; c++)
                    code = strlen(codes[c]) == e - k && kr_eq_ci(p + k, e - k, codes[c]);
                strange += !code && e > k;
                p += len + 1;
            }
            return strange <= 1;
        }
        if (one_code_spelt_out(s, n, codes))
            return 1;
        for (size_t i = 0; i < n;) {
            size_t j = i;
            while (j < n && is_alpha(s[j]))
                j++;
            if (j > i && !word_in(s + i, j - i, number_words))
                return 0;
            i = j > i ? j : i + 1;
        }
        return digits > 0;
    }
    int month_words = 0;
    for (size_t i = 0; i < n;) {
        if (!is_alpha(s[i])) {
            i++;
            continue;
        }
        size_t j = i;
        while (j < n && is_alpha(s[j]))
            j++;
        const char *w = s + i;
        size_t wl = j - i;
        int ok;
        if (type == ETL_DATE) {
            ok = word_in(w, wl, months) && (wl == 1 || ++month_words == 1);  /* one month: Jan+Augustus is a name */
        } else if (!coded) {
            ok = word_in(w, wl, units);
        } else {
            /* one word: alone it is a mistyped code the partner must see (leeft for levend); with a number, a code
             * of the column (route 4 is no code of route, so hidden; Brink3 too) */
            ok = (spaces == 0 && digits == 0) || code_part(w, wl, codes) || word_in(w, wl, number_words);
        }
        if (!ok)
            return 0;
        i = j;
    }
    return 1;
}

/* A broken pseudonym (hexadecimal, but not 64 characters) rather than something typed in its place. */
static int hexish(const char *s, size_t n)
{
    if (n < 32)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!is_digit(s[i]) && !((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'f'))
            return 0;
    return 1;
}

void etl_mask(const char *s, size_t n, etl_mask_kind kind, char *out, size_t cap)
{
    etl_mask_codes(s, n, kind, NULL, out, cap);
}

void etl_mask_column(const char *s, size_t n, etl_ctype type, const char *const *codes, char *out, size_t cap)
{
    if (type == ETL_TEXT) {  /* free text (a name of the reference data): its words could be a person's */
        kr_strlcpy(out, ETL_HIDDEN, cap);
        return;
    }
    etl_mask_codes(s, n, type == ETL_PSEUDONYM ? ETL_MASK_PSEUDONYM : ETL_MASK_CODED, codes, out, cap);
    /* then the whitelist: a coded column shows only what looks like what it holds */
    if (type != ETL_PSEUDONYM && !etl_code_like(s, n, type, codes))
        kr_strlcpy(out, ETL_HIDDEN, cap);
}

void etl_mask_codes(const char *s, size_t n, etl_mask_kind kind, const char *const *codes, char *out, size_t cap)
{
    if (cap == 0)
        return;
    int hide = kind == ETL_MASK_PSEUDONYM ? !hexish(s, n) && etl_contains_identifier(s, n)
                                          : etl_contains_identifier(s, n);
    /* a code, number or date column holds short values: something long or shaped like a name or an address is not
     * shown at all; nor is a name in place of a pseudonym (its first six characters would show it) */
    if (kind == ETL_MASK_CODED && (n > 24 || name_address_shaped(s, n, codes)))
        hide = 1;
    if (kind == ETL_MASK_PSEUDONYM && !hexish(s, n) && name_address_shaped(s, n, NULL))
        hide = 1;
    if (hide) {
        kr_strlcpy(out, ETL_HIDDEN, cap);
        return;
    }
    if (kind == ETL_MASK_PSEUDONYM && n > 0) {
        /* its first six characters, when they are hexadecimal as a pseudonym's are and not six digits (of a BSN) or
         * a postcode (6211AB, then hex digits); An+Bos or Mariek is something else typed in its place */
        size_t digits = 0, hex = 0;
        while (digits < n && digits < 6 && is_digit(s[digits]))
            digits++;
        while (hex < n && hex < 6 && (is_digit(s[hex]) || ((s[hex] | 0x20) >= 'a' && (s[hex] | 0x20) <= 'f')))
            hex++;
        if (hex < (n < 6 ? n : 6) || (n >= 6 && (digits == 6 || (digits == 4 && is_alpha(s[4]) && is_alpha(s[5]))))) {
            kr_strlcpy(out, ETL_HIDDEN, cap);
            return;
        }
        size_t k = n < 6 ? n : 6;
        if (k + 4 > cap)
            k = cap > 4 ? cap - 4 : 0;
        while (k > 0 && k < n && ((unsigned char)s[k] & 0xC0) == 0x80)  /* whole characters only */
            k--;
        memcpy(out, s, k);
        memcpy(out + k, "\xe2\x80\xa6", 3);  /* … */
        out[k + 3] = '\0';
        return;
    }
    size_t k = n < cap - 1 ? n : cap - 1;
    /* never cut a UTF-8 sequence in half */
    while (k > 0 && k < n && ((unsigned char)s[k] & 0xC0) == 0x80)
        k--;
    memcpy(out, s, k);
    out[k] = '\0';
}

int64_t etl_row_key(const etl_type *t, const etl_val *vals, const char *org)
{
    /* The key columns, each tagged and terminated, hashed in one call. */
    unsigned char buf[1024];
    size_t k = 0;
    size_t tn = strlen(t->name) + 1, on = org ? strlen(org) + 1 : 0;
    memcpy(buf, t->name, tn);
    k += tn;
    if (org && k + on < sizeof buf) {
        memcpy(buf + k, org, on);
        k += on;
    }
    for (size_t c = 0; c < t->ncols; c++) {
        if (!(t->cols[c].flags & ETL_KEY))
            continue;
        const etl_val *v = &vals[c];
        size_t need = 1 + (v->s ? v->n + 1 : sizeof v->i);
        if (k + need > sizeof buf)
            break;  /* keys are short; a bound, not a case */
        buf[k++] = (unsigned char)(v->set ? (v->s ? 2 : 1) : 0);
        if (!v->set)
            continue;
        if (v->s) {
            memcpy(buf + k, v->s, v->n);
            buf[k + v->n] = 0;
            k += v->n + 1;
        } else {
            memcpy(buf + k, &v->i, sizeof v->i);
            k += sizeof v->i;
        }
    }
    return (int64_t)XXH3_64bits(buf, k);
}
