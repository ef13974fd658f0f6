/*
 * kansrijk - the two languages of what users read: Dutch (the default) and English.
 *
 * Every message is written in the code in English; that text is its GNU gettext message id, and
 * po/nl.po holds the Dutch for it. The build compiles po/nl.po with `msgfmt --check`, so a Dutch
 * text whose placeholders differ from the English ones fails the build. xgettext finds the
 * messages by the markers below and by the ETL's message functions (Makefile, POT_KEYWORDS).
 *
 *   _(s)          s in the language of the screen (kr_lang_get)
 *   P_(s, p, n)   the same with a plural: s for one, p for more ("1 rij", "2 rijen")
 *   N_(s)         marks s for translation where it is defined (a table); translate it where shown
 *   kr_nl(s)      Dutch whatever the screen's language: feedback files for partners stay Dutch
 *
 * Which language: kr_lang_set (the CLI's --lang), else KANSRIJK_TAAL=nl|en, else the locale
 * (LANGUAGE, LC_ALL, LC_MESSAGES, LANG: English when it starts with "en"), else Dutch.
 * The catalogue is looked for in $KANSRIJK_LOCALEDIR, next to the program (../share/locale, as
 * `make install` puts it) and in the build tree (KR_LOCALEDIR); without it every text is English.
 */
#ifndef KR_I18N_H
#define KR_I18N_H

#include <stddef.h>

typedef enum kr_lang { KR_NL = 0, KR_EN = 1 } kr_lang;

#define N_(s) s
#define _(s) kr_tr(s)
#define P_(s, p, n) kr_ntr((s), (p), (unsigned long)(n))

/* The screen's language: set, or else from the environment (kr_lang_env). */
kr_lang kr_lang_get(void);
void kr_lang_set(kr_lang lang);
/* KANSRIJK_TAAL, else the locale, else Dutch; *bad (may be NULL) is set to KANSRIJK_TAAL when it is neither. */
kr_lang kr_lang_env(const char **bad);
/* "nl" or "en" (also "nl_NL.UTF-8", "en_GB" ...): 0 and *out, or -1. */
int kr_lang_parse(const char *s, kr_lang *out);
/* "nl" or "en". */
const char *kr_lang_code(kr_lang lang);

const char *kr_tr(const char *msgid);
const char *kr_ntr(const char *one, const char *more, unsigned long n);
const char *kr_nl(const char *msgid);
const char *kr_nl_n(const char *one, const char *more, unsigned long n);

/*
 * v with dec decimals the way lang writes numbers: the decimal mark ("78,4" or "78.4") and, from five digits before
 * it on, thousands grouped ("12.345" or "12,345"; 1234 stays as it is). A value that rounds to zero is written
 * without a sign. Returns out. The one number format of the screen and the reports (reports/fmt.c adds a true minus).
 */
const char *kr_num(double v, int dec, kr_lang lang, char *out, size_t cap);

/* The folder the Dutch catalogue was found in, or NULL when there is none (then Dutch is English). */
const char *kr_i18n_dir(void);

#endif
