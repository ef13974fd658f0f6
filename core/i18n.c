/*
 * kansrijk - the languages of what users read (see i18n.h).
 *
 * Dutch comes from GNU gettext (glibc's libintl). gettext picks the language from LANGUAGE when the
 * messages locale is not "C", so the first lookup sets LANGUAGE=nl and, when the messages locale
 * is C or POSIX (a server without locales), C.UTF-8 - built into glibc - for LC_MESSAGES only:
 * numbers, character classes and collation stay as they were. English is the message id itself,
 * so it needs no lookup, and one process can write Dutch feedback files under an English screen.
 */
#include "i18n.h"
#include "kr.h"

#include <libintl.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DOMAIN "kansrijk"
#define CATALOGUE "/nl/LC_MESSAGES/" DOMAIN ".mo"

static int lang_set = -1;  /* -1: not set, from the environment */
static int ready;          /* 0: not looked for yet, 1: found, -1: none */
static char dir[PATH_MAX];
static char user_language[128];  /* LANGUAGE as the user set it, before the lookup set it to nl */

static int has_catalogue(const char *d)
{
    char p[PATH_MAX + 64];
    size_t n = strlen(d);
    if (n == 0 || n >= PATH_MAX)
        return 0;
    memcpy(p, d, n);
    memcpy(p + n, CATALOGUE, sizeof CATALOGUE);
    return access(p, R_OK) == 0;
}

/* ../share/locale beside the running program (installed as PREFIX/bin/kansrijk). */
static int beside_program(char *out, size_t cap)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return 0;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return 0;
    *slash = '\0';
    static const char rel[] = "/../share/locale";
    if (strlen(exe) + sizeof rel > cap)
        return 0;
    memcpy(out, exe, strlen(exe));
    memcpy(out + strlen(exe), rel, sizeof rel);
    return has_catalogue(out);
}

/*
 * glibc's own messages (strerror, getopt) come from its domain "libc", in the language gettext is set to: Dutch. Under
 * an English screen that domain is pointed at a folder without catalogues, so they stay English: one language per
 * screen.
 */
static void libc_language(void)
{
    (void)bindtextdomain("libc", kr_lang_get() == KR_EN ? "/nonexistent/kansrijk" : "/usr/share/locale");
}

static void setup(void)
{
    const char *env = getenv("KANSRIJK_LOCALEDIR"), *ul = getenv("LANGUAGE");
    if (ul)
        (void)snprintf(user_language, sizeof user_language, "%s", ul);
    ready = -1;
    if (env && has_catalogue(env) && strlen(env) < sizeof dir)
        memcpy(dir, env, strlen(env) + 1);
    else if (!beside_program(dir, sizeof dir)) {
#ifdef KR_LOCALEDIR
        if (!has_catalogue(KR_LOCALEDIR) || strlen(KR_LOCALEDIR) >= sizeof dir)
            return;
        memcpy(dir, KR_LOCALEDIR, strlen(KR_LOCALEDIR) + 1);
#else
        return;
#endif
    }
    const char *loc = setlocale(LC_MESSAGES, "");
    if (!loc || strcmp(loc, "C") == 0 || strcmp(loc, "POSIX") == 0)
        loc = setlocale(LC_MESSAGES, "C.UTF-8");
    if (!loc || setenv("LANGUAGE", "nl", 1) != 0 || !bindtextdomain(DOMAIN, dir) ||
        !bind_textdomain_codeset(DOMAIN, "UTF-8"))
        return;
    ready = 1;
    libc_language();
}

const char *kr_i18n_dir(void)
{
    if (!ready)
        setup();
    return ready > 0 ? dir : NULL;
}

int kr_lang_parse(const char *s, kr_lang *out)
{
    if (!s)
        return -1;
    /* in any capitals: EN, Nl, and locales written as en_GB.UTF-8 */
    int end = s[0] && s[1] && (s[2] == '\0' || s[2] == '_' || s[2] == '.' || s[2] == '@' || s[2] == ':');
    if (end && kr_eq_ci(s, 2, "nl"))
        *out = KR_NL;
    else if (end && kr_eq_ci(s, 2, "en"))
        *out = KR_EN;
    else
        return -1;
    return 0;
}

const char *kr_lang_code(kr_lang lang) { return lang == KR_EN ? "en" : "nl"; }

static const char *nonempty(const char *name)
{
    const char *v = getenv(name);
    return v && *v ? v : NULL;
}

kr_lang kr_lang_env(const char **bad)
{
    kr_lang l = KR_NL;
    const char *t = nonempty("KANSRIJK_TAAL");
    if (bad)
        *bad = NULL;
    if (t) {
        if (kr_lang_parse(t, &l) == 0)
            return l;
        if (bad)
            *bad = t;
    }
    /* the locale as gettext reads it: LANGUAGE first (before our own lookup sets it), then POSIX order */
    const char *v = ready ? (*user_language ? user_language : NULL) : nonempty("LANGUAGE");
    if (!v)
        v = nonempty("LC_ALL");
    if (!v)
        v = nonempty("LC_MESSAGES");
    if (!v)
        v = nonempty("LANG");
    return v && strncmp(v, "en", 2) == 0 ? KR_EN : KR_NL;
}

kr_lang kr_lang_get(void)
{
    if (lang_set < 0)
        lang_set = (int)kr_lang_env(NULL);
    return (kr_lang)lang_set;
}

void kr_lang_set(kr_lang lang)
{
    lang_set = (int)lang;
    if (ready > 0)
        libc_language();
}

const char *kr_nl(const char *msgid)
{
    if (!msgid || !*msgid)
        return msgid;  /* "" would give the catalogue's header */
    if (!ready)
        setup();
    return ready > 0 ? dgettext(DOMAIN, msgid) : msgid;
}

const char *kr_nl_n(const char *one, const char *more, unsigned long n)
{
    if (!ready)
        setup();
    return ready > 0 ? dngettext(DOMAIN, one, more, n) : (n == 1 ? one : more);
}

const char *kr_num(double v, int dec, kr_lang lang, char *out, size_t cap)
{
    if (cap == 0)
        return out;
    char raw[64], tmp[96];
    if (fabs(v) < 0.5 * pow(10.0, -dec))
        v = 0.0;  /* -0.04 with one decimal is 0,0, not -0,0 */
    (void)snprintf(raw, sizeof raw, "%.*f", dec, v);
    const char *p = raw;
    size_t o = 0;
    if (*p == '-')
        tmp[o++] = *p++;
    const char *dot = strchr(p, '.');
    size_t intlen = dot ? (size_t)(dot - p) : strlen(p);
    for (size_t i = 0; i < intlen; i++) {
        if (i > 0 && intlen >= 5 && (intlen - i) % 3 == 0)
            tmp[o++] = lang == KR_EN ? ',' : '.';
        tmp[o++] = p[i];
    }
    if (dot) {
        tmp[o++] = lang == KR_EN ? '.' : ',';
        size_t fl = strlen(dot + 1);
        memcpy(tmp + o, dot + 1, fl);
        o += fl;
    }
    tmp[o] = '\0';
    size_t n = o < cap - 1 ? o : cap - 1;
    memcpy(out, tmp, n);
    out[n] = '\0';
    return out;
}

const char *kr_tr(const char *msgid) { return kr_lang_get() == KR_EN ? msgid : kr_nl(msgid); }

const char *kr_ntr(const char *one, const char *more, unsigned long n)
{
    return kr_lang_get() == KR_EN ? (n == 1 ? one : more) : kr_nl_n(one, more, n);
}
