/*
 * Unit tests of core/: date parsing (every accepted form, impossible dates
 * refused), gestational age, periods and their order, bounded buffers, display widths, the
 * status table, the database layer (mode 0600, migrations), the hash table (collisions,
 * growth, reserve, the zero key, many keys against a plain array) and the statement helper.
 */
#include "test_util.h"

#include <sys/stat.h>
#include <time.h>

#include "../core/hash.h"
#include "../core/kr.h"
#include "../core/links.h"
#include "../core/stmt.h"

typedef struct date_case {
    const char *text;
    kr_status want;
    int y, m, d;
} date_case;

static const date_case date_cases[] = {
    {.text = "01-02-2025", .want = KR_OK, .y = 2025, .m = 2, .d = 1},
    {.text = "1-2-2025", .want = KR_OK, .y = 2025, .m = 2, .d = 1},
    {.text = "31-12-2024", .want = KR_OK, .y = 2024, .m = 12, .d = 31},
    {.text = "2025-02-01", .want = KR_OK, .y = 2025, .m = 2, .d = 1},
    {.text = "29-02-2024", .want = KR_OK, .y = 2024, .m = 2, .d = 29},
    {.text = "2000-02-29", .want = KR_OK, .y = 2000, .m = 2, .d = 29},
    {.text = "29-02-2025", .want = KR_R_DATE},  /* not a leap year */
    {.text = "1900-02-29", .want = KR_R_DATE},  /* century, not a leap year */
    {.text = "31-02-2025", .want = KR_R_DATE},
    {.text = "31-04-2025", .want = KR_R_DATE},
    {.text = "00-01-2025", .want = KR_R_DATE},
    {.text = "01-13-2025", .want = KR_R_DATE},
    {.text = "2025-2-1", .want = KR_R_DATE},    /* ISO must be zero-padded */
    {.text = "01/02/2025", .want = KR_R_DATE},
    {.text = "01-02-25", .want = KR_R_DATE},
    {.text = "001-02-2025", .want = KR_R_DATE},
    {.text = "2025-02-01T00:00", .want = KR_R_DATE},
    {.text = "", .want = KR_R_DATE},
    {.text = "gisteren", .want = KR_R_DATE},
};

static void test_dates(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(date_cases); i++) {
        const date_case *c = &date_cases[i];
        kr_date d = 0;
        kr_status st = kr_date_parse(c->text, strlen(c->text), &d);
        if (st != c->want)
            fail_msg("date '%s': status %d, want %d", c->text, st, c->want);
        if (st == KR_OK) {
            int y, m, dd;
            kr_date_to_ymd(d, &y, &m, &dd);
            assert_int_equal(y, c->y);
            assert_int_equal(m, c->m);
            assert_int_equal(dd, c->d);
        }
    }
}

/* Whether a day exists: what the month-first check of a date uses. */
static void test_date_valid(void **state)
{
    (void)state;
    assert_true(kr_date_valid(2024, 2, 29));
    assert_false(kr_date_valid(2025, 2, 29));
    assert_false(kr_date_valid(2025, 13, 1));
    assert_false(kr_date_valid(2025, 4, 31));
    assert_true(kr_date_valid(2025, 12, 31));
}

/* Dates and moments in words: what status and overzicht print. */
static void test_date_words(void **state)
{
    (void)state;
    char out[64];
    kr_date_words(kr_date_from_ymd(2025, 12, 31), 0, out, sizeof out);
    assert_string_equal(out, "31 december 2025");
    kr_date_words(kr_date_from_ymd(2024, 2, 29), 1, out, sizeof out);
    assert_string_equal(out, "29 February 2024");
    kr_date_words(KR_NO_DATE, 0, out, sizeof out);
    assert_string_equal(out, "\u2013");
    /* stored in UTC, read in the machine's local time: Amsterdam is UTC+1 in winter, UTC+2 in summer */
    char *tz = getenv("TZ") ? strdup(getenv("TZ")) : NULL;
    setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3", 1);  /* as Europe/Amsterdam, without needing tzdata */
    tzset();
    kr_moment_words("2026-12-07T13:07:41Z", 0, out, sizeof out);
    assert_string_equal(out, "7 december 2026 om 14:07");
    kr_moment_words("2026-07-01T23:30:00Z", 1, out, sizeof out);
    assert_string_equal(out, "2 July 2026 at 01:30");
    kr_moment_words("2026-12-31T23:59:59Z", 0, out, sizeof out);
    assert_string_equal(out, "1 januari 2027 om 00:59");
    kr_moment_words("gisteren", 0, out, sizeof out);  /* not a stored moment: shown as it is */
    assert_string_equal(out, "gisteren");
    kr_moment_words("2026-02-30T10:00:00Z", 0, out, sizeof out);
    assert_string_equal(out, "2026-02-30T10:00:00Z");
    if (tz) {
        setenv("TZ", tz, 1);
        free(tz);
    } else {
        unsetenv("TZ");
    }
    tzset();
}

static void test_date_arithmetic(void **state)
{
    (void)state;
    char buf[11];
    /* day numbers checked against `date -d 2025-02-01 +%s` / 86400 = 20120 */
    assert_int_equal(kr_date_from_ymd(1970, 1, 1), 0);
    assert_int_equal(kr_date_from_ymd(2025, 2, 1), 20120);
    assert_int_equal(kr_date_from_ymd(2000, 1, 1), 10957);
    assert_int_equal(kr_date_from_ymd(2024, 3, 1) - kr_date_from_ymd(2024, 2, 28), 2);
    kr_date_format(kr_date_from_ymd(2025, 6, 30), buf);
    assert_string_equal(buf, "2025-06-30");
    /* every day of 1999..2031 round-trips */
    for (kr_date d = kr_date_from_ymd(1999, 1, 1); d < kr_date_from_ymd(2032, 1, 1); d++) {
        int y, m, dd;
        kr_date back;
        kr_date_to_ymd(d, &y, &m, &dd);
        assert_int_equal(kr_date_from_ymd(y, m, dd), d);
        kr_date_format(d, buf);
        assert_int_equal(kr_date_parse(buf, 10, &back), KR_OK);
        assert_int_equal(back, d);
    }
}

typedef struct ga_case {
    const char *text;
    kr_status want;
    int days;
} ga_case;

static const ga_case ga_cases[] = {
    {"261", KR_OK, 261}, {"37+2", KR_OK, 261}, {"40+0", KR_OK, 280}, {"22+0", KR_OK, 154},
    {"45+0", KR_OK, 315}, {"0", KR_OK, 0},      {"37+7", KR_R_GESTATION, 0}, {"37+", KR_R_GESTATION, 0},
    {"+2", KR_R_GESTATION, 0}, {"37,2", KR_R_GESTATION, 0}, {"37 + 2", KR_R_GESTATION, 0},
    {"1234", KR_R_GESTATION, 0}, {"", KR_R_GESTATION, 0}, {"37+2+1", KR_R_GESTATION, 0},
};

static void test_gestation(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(ga_cases); i++) {
        int d = -1;
        kr_status st = kr_gestation_parse(ga_cases[i].text, strlen(ga_cases[i].text), &d);
        if (st != ga_cases[i].want)
            fail_msg("gestation '%s': status %d, want %d", ga_cases[i].text, st, ga_cases[i].want);
        if (st == KR_OK)
            assert_int_equal(d, ga_cases[i].days);
    }
}

static void test_periods(void **state)
{
    (void)state;
    kr_period q2, y, q4, q2b;
    char buf[11];
    assert_int_equal(kr_period_parse("2025Q2", 6, &q2), KR_OK);
    assert_string_equal(q2.label, "2025Q2");
    kr_date_format(q2.first, buf);
    assert_string_equal(buf, "2025-04-01");
    kr_date_format(q2.last, buf);
    assert_string_equal(buf, "2025-06-30");
    assert_int_equal(kr_period_parse("2025-q2", 7, &q2b), KR_OK);
    assert_string_equal(q2b.label, "2025Q2");
    assert_int_equal(kr_period_parse("2025", 4, &y), KR_OK);
    kr_date_format(y.last, buf);
    assert_string_equal(buf, "2025-12-31");
    assert_int_equal(kr_period_parse("2025Q4", 6, &q4), KR_OK);
    /* equal last days: the shorter period wins; else the later last day */
    assert_true(kr_period_cmp(&q4, &y) > 0);
    assert_true(kr_period_cmp(&y, &q4) < 0);
    assert_true(kr_period_cmp(&y, &q2) > 0);
    assert_int_equal(kr_period_cmp(&q2, &q2b), 0);
    /* the period containing a day, and the one before */
    kr_period of, prev;
    kr_period_of(kr_date_from_ymd(2025, 5, 17), 0, &of);
    assert_string_equal(of.label, "2025Q2");
    assert_int_equal(of.first, q2.first);
    assert_int_equal(of.last, q2.last);
    kr_period_of(kr_date_from_ymd(2024, 2, 29), 1, &of);
    assert_string_equal(of.label, "2024");
    kr_period_previous(&q2, &prev);
    assert_string_equal(prev.label, "2025Q1");
    kr_period_parse("2025Q1", 6, &of);
    kr_period_previous(&of, &prev);
    assert_string_equal(prev.label, "2024Q4");
    kr_date_format(prev.last, buf);
    assert_string_equal(buf, "2024-12-31");
    kr_period_previous(&y, &prev);
    assert_string_equal(prev.label, "2024");
    assert_int_equal(kr_period_parse("2025Q5", 6, &y), KR_EINVAL);
    assert_int_equal(kr_period_parse("25Q1", 4, &y), KR_EINVAL);
    assert_int_equal(kr_period_parse("2025Q", 5, &y), KR_EINVAL);
    assert_int_equal(kr_period_parse("1999", 4, &y), KR_EINVAL);
}

static void test_buffers(void **state)
{
    (void)state;
    kr_buf b;
    kr_buf_init(&b, 10);
    assert_int_equal(kr_buf_puts(&b, "12345"), KR_OK);
    assert_int_equal(kr_buf_printf(&b, "%d", 6789), KR_OK);
    assert_string_equal(b.data, "123456789");
    assert_int_equal(kr_buf_puts(&b, "ab"), KR_ETOOBIG);  /* 11 > 10 */
    assert_string_equal(b.data, "123456789");             /* unchanged */
    assert_int_equal(kr_buf_puts(&b, "a"), KR_OK);
    kr_buf_reset(&b);
    assert_int_equal(b.len, 0);
    kr_buf_fini(&b);
    kr_buf_fini(&b);  /* twice is harmless */
    kr_buf_fini(NULL);
}

static void test_grow(void **state)
{
    (void)state;
    long *a = NULL;
    size_t cap = 0, n = 0;
    for (long i = 0; i < 1000; i++) {
        assert_int_equal(kr_grow(&a, &cap, n, sizeof *a, 4), KR_OK);
        a[n++] = i * i;
    }
    assert_int_equal(cap, 1024);  /* 4, 8, ..., 1024 */
    for (long i = 0; i < 1000; i++)
        assert_int_equal(a[i], i * i);
    assert_int_equal(kr_grow(&a, &cap, 10, sizeof *a, 4), KR_OK);  /* room: nothing changes */
    assert_int_equal(cap, 1024);
    free(a);
}

static void test_strings(void **state)
{
    (void)state;
    size_t n = 9;
    const char *t = kr_trim("  ab c \r\n", &n);
    assert_int_equal(n, 4);
    assert_memory_equal(t, "ab c", 4);
    assert_true(kr_eq_ci("ROUTE", 5, "route"));
    assert_false(kr_eq_ci("rout", 4, "route"));
    assert_false(kr_eq_ci("routes", 6, "route"));
    long long v;
    assert_int_equal(kr_parse_int("-12", 3, &v), KR_OK);
    assert_int_equal(v, -12);
    assert_int_equal(kr_parse_int("1 2", 3, &v), KR_EINVAL);
    assert_int_equal(kr_parse_int("", 0, &v), KR_EINVAL);
    double d;
    assert_int_equal(kr_parse_number("92,5", 4, &d), KR_OK);
    assert_true(d > 92.49 && d < 92.51);
    assert_int_equal(kr_parse_number("1.2.3", 5, &d), KR_EINVAL);
    char small[4];
    assert_int_equal(kr_strlcpy(small, "abcdef", sizeof small), 3);
    assert_string_equal(small, "abc");
    /* a masked value as English says it */
    char hid[64];
    kr_strlcpy(hid, "[verborgen] is no code; [verborgen]", sizeof hid);
    kr_hidden_in_english(hid);
    assert_string_equal(hid, "[hidden] is no code; [hidden]");
    /* the paths that messages put into a suggested command */
    char w[32];
    assert_string_equal(kr_shell_word("demo-uitvoer/kansrijk.db", w, sizeof w), "demo-uitvoer/kansrijk.db");
    assert_string_equal(kr_shell_word("Mijn bestanden/k.db", w, sizeof w), "\"Mijn bestanden/k.db\"");
    assert_string_equal(kr_shell_word("regio's.db", w, sizeof w), "\"regio's.db\"");
    assert_string_equal(kr_shell_word("a $b's.db", w, sizeof w), "'a $b'\\''s.db'");
    assert_string_equal(kr_shell_word("", w, sizeof w), "\"\"");
    assert_string_equal(kr_shell_word("zuid-holland/regiovisie (2025).db", w, 12), "\"zuid-holl\"");
}

/* Display widths: what `kansrijk overzicht` aligns its columns by. */
typedef struct width_case {
    const char *text;
    size_t want;
} width_case;

static const width_case width_cases[] = {
    {.text = "", .want = 0},
    {.text = "route", .want = 5},
    {.text = "\u2013", .want = 1},                  /* – en dash: 3 bytes, 1 column */
    {.text = "\u25CF groen", .want = 7},            /* ● */
    {.text = "\u25D0 oranje", .want = 8},           /* ◐ */
    {.text = "78,4 %\u2013", .want = 7},
    {.text = "3,2 \u2030", .want = 5},              /* ‰ */
    {.text = "cli\u00ebnt", .want = 6},             /* ë precomposed */
    {.text = "clie\u0308nt", .want = 6},            /* e + combining diaeresis */
    {.text = "a\u200Bb", .want = 2},                /* zero-width space */
    {.text = "\u65E5\u672C", .want = 4},           /* two wide CJK characters */
    {.text = "\U0001F600", .want = 2},              /* an emoji */
    {.text = "a\tb", .want = 2},                    /* a control takes no column */
    {.text = "\xff\xfe", .want = 2},                /* not UTF-8: one column a byte */
    {.text = "\xe2\x80", .want = 2},                /* a cut-off sequence */
    {.text = "\xc0\xaf", .want = 2},                /* an overlong form */
    {.text = "\xed\xa0\x80", .want = 3},           /* a surrogate */
};

static void test_utf8_width(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof width_cases / sizeof width_cases[0]; i++) {
        const width_case *c = &width_cases[i];
        if (kr_utf8_width(c->text) != c->want)
            fail_msg("case %zu: width %zu, want %zu", i, kr_utf8_width(c->text), c->want);
    }
}

/* The level of a status: 0 a general error (and KR_OK), 1 a file refused, 2 a row rejected, 3 a warning. */
static int status_level(int s)
{
    return s >= KR_W_UNKNOWN_COLUMN ? 3 : s >= KR_R_FIELDS ? 2 : s >= KR_F_EMPTY ? 1 : 0;
}

/* 1 when s is one or more words of lower-case ASCII letters joined by '-'. */
static int is_slug(const char *s)
{
    if (!s || !*s || *s == '-')
        return 0;
    for (const char *p = s; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p == '-' && p[1] != '\0' && p[1] != '-')))
            return 0;
    return 1;
}

/*
 * Every code from 0 to KR_STATUS_COUNT - 1 has its own entry in core/status.c: an id, a Frictionless error type
 * and an English and a Dutch message. A code left out of the table (designated initialisers leave a hole that the
 * compiler does not see) answers with the fallback of an unknown status, and fails here. Ids are unique within a
 * level; a file refusal and a row rejection of the same kind may share one ("syntax", "encoding"): the ledger
 * stores the id, and readers tell the two apart by where it stands (reports/kwaliteit.c, reason_words).
 */
static void test_status_table(void **state)
{
    (void)state;
    const char *unknown_id = kr_status_id(KR_STATUS_COUNT), *unknown_en = kr_strerror_en(KR_STATUS_COUNT);
    assert_string_equal(unknown_en, "unknown status");  /* the fallback, also for a code out of range */
    assert_string_equal(unknown_id, "unknown");
    for (int s = 0; s < KR_STATUS_COUNT; s++) {
        const char *id = kr_status_id((kr_status)s), *type = kr_status_frictionless((kr_status)s);
        const char *en = kr_strerror_en((kr_status)s), *nl = kr_strerror_nl((kr_status)s);
        if (!id || !type || !en || !nl)
            fail_msg("status %d: a NULL field", s);
        if (strcmp(id, unknown_id) == 0 || strcmp(en, unknown_en) == 0)
            fail_msg("status %d (after '%s'): no entry in status_info (core/status.c)", s,
                     s > 0 ? kr_status_id((kr_status)(s - 1)) : "-");
        if (!is_slug(id))
            fail_msg("status %d: id '%s' is not lower-case words joined by '-'", s, id);
        if (strlen(en) == 0 || strlen(nl) == 0)
            fail_msg("status %d (%s): an empty English or Dutch message", s, id);
        if (strcmp(en, nl) == 0 && s != KR_OK)
            fail_msg("status %d (%s): the Dutch message is the English one: '%s'", s, id, nl);
        /* KR_OK is no error and has no Frictionless type; every other code has one */
        if (s == KR_OK ? type[0] != '\0' : !is_slug(type))
            fail_msg("status %d (%s): Frictionless type '%s'", s, id, type);
        for (int t = 0; t < s; t++) {
            if (strcmp(id, kr_status_id((kr_status)t)) != 0)
                continue;
            int a = status_level(t), b = status_level(s);
            if (!(a == 1 && b == 2))
                fail_msg("statuses %d and %d share the id '%s'", t, s, id);
        }
    }
}

static void test_database(void **state)
{
    (void)state;
    char *dir = tu_tmpdir(), path[1100], err[512];
    sqlite3 *db = NULL;
    struct stat sb;
    (void)snprintf(path, sizeof path, "%s/k.db", dir);
    assert_int_equal(kr_db_open(path, 0, &db, err, sizeof err), KR_ENOTFOUND);
    assert_null(db);
    assert_int_equal(kr_db_open(path, 1, &db, err, sizeof err), KR_OK);
    assert_int_equal(kr_db_version(db), KR_SCHEMA_VERSION);
    kr_db_close(db);
    assert_int_equal(stat(path, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);
    /* a database from a newer kansrijk is refused, not damaged */
    assert_int_equal(kr_db_open(path, 0, &db, err, sizeof err), KR_OK);
    assert_int_equal(kr_db_exec(db, "PRAGMA user_version = 99", NULL, 0), KR_OK);
    kr_db_close(db);
    assert_int_equal(kr_db_open(path, 0, &db, err, sizeof err), KR_ESCHEMA);
    /* a file that is not a database */
    (void)snprintf(path, sizeof path, "%s/not.db", dir);
    tu_write(dir, "not.db", "this is not sqlite, just text that is long enough to look like a header........");
    assert_int_not_equal(kr_db_open(path, 0, &db, err, sizeof err), KR_OK);
    assert_non_null(strstr(err, "not a kansrijk database"));
    /* a missing database names the path and says to run init (only init creates one) */
    (void)snprintf(path, sizeof path, "%s/typo.db", dir);
    assert_int_equal(kr_db_open(path, KR_DB_READ, &db, err, sizeof err), KR_ENOTFOUND);
    assert_non_null(strstr(err, "kansrijk init --db"));
    assert_int_not_equal(stat(path, &sb), 0);
    tu_rmdir(dir);
}

/* A full disk is told as a full disk (SQLite's max_page_count stands in for the disk). */
static void test_database_full(void **state)
{
    (void)state;
    char *dir = tu_tmpdir(), path[1100], err[512], msg[512];
    sqlite3 *db = NULL;
    (void)snprintf(path, sizeof path, "%s/k.db", dir);
    assert_int_equal(kr_db_open(path, KR_DB_CREATE, &db, err, sizeof err), KR_OK);
    assert_int_equal(kr_db_exec(db, "CREATE TABLE t (x TEXT); PRAGMA max_page_count = 1", NULL, 0), KR_OK);
    int rc = sqlite3_exec(db, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000) "
                              "INSERT INTO t SELECT hex(randomblob(100)) FROM n", NULL, NULL, NULL);
    assert_int_equal(rc & 0xff, SQLITE_FULL);
    assert_int_equal(kr_db_problem(db, msg, sizeof msg), KR_EFULL);
    assert_non_null(strstr(msg, "the disk is full: free space"));
    /* in a language asked for, whatever the screen's (the ledger keeps an English and a Dutch record) */
    assert_int_equal(kr_db_problem_in(db, KR_NL, msg, sizeof msg), KR_EFULL);
    assert_non_null(strstr(msg, "de schijf is vol: maak ruimte vrij"));
    assert_int_equal(kr_db_problem_in(db, KR_EN, msg, sizeof msg), KR_EFULL);
    assert_non_null(strstr(msg, "the disk is full: free space"));
    /* a lock held by another connection is busy, not a database error */
    sqlite3 *other = NULL;
    assert_int_equal(sqlite3_open(path, &other), SQLITE_OK);
    assert_int_equal(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_busy_timeout(db, 0);
    assert_int_not_equal(sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(kr_db_problem(db, msg, sizeof msg), KR_EBUSY);
    assert_non_null(strstr(msg, "run the command again"));
    assert_int_equal(kr_db_problem_in(db, KR_NL, msg, sizeof msg), KR_EBUSY);
    char want[64];
    (void)snprintf(want, sizeof want, "de database bleef %d s bezet", kr_db_busy_seconds());
    assert_non_null(strstr(msg, want));
    sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(other);
    kr_db_close(db);
    tu_rmdir(dir);
}

/* An in-memory database has the schema and settings of a file database, and no file. */
static void test_database_memory(void **state)
{
    (void)state;
    sqlite3 *db = NULL, *other = NULL;
    char err[512];
    assert_int_equal(kr_db_open_memory(&db, err, sizeof err), KR_OK);
    assert_non_null(db);
    assert_int_equal(kr_db_version(db), KR_SCHEMA_VERSION);
    assert_int_equal(access(":memory:", F_OK), -1);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA foreign_keys", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 1);
    sqlite3_finalize(st);
    /* each is private */
    assert_int_equal(kr_db_exec(db, "INSERT INTO regios (code, naam, levering_id, regel) VALUES ('zl', 'x', 1, 2)",
                                NULL, 0),
                     KR_OK);
    /* a failing statement: the status, and SQLite's message in the caller's buffer (nothing on stderr) */
    char why[200] = "";
    assert_int_equal(kr_db_exec(db, "DELETE FROM geen_tabel", why, sizeof why), KR_EDB);
    assert_string_equal(why, "database: no such table: geen_tabel");
    assert_int_equal(kr_db_open_memory(&other, err, sizeof err), KR_OK);
    st = NULL;
    assert_int_equal(sqlite3_prepare_v2(other, "SELECT count(*) FROM regios", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 0);
    sqlite3_finalize(st);
    kr_db_close(other);
    kr_db_close(db);
}

/* ---- the hash table ---------------------------------------------------------------------- */

typedef struct hval {
    long long a;
    int b;
} hval;

static void test_hash_basic(void **state)
{
    (void)state;
    kr_hash h;
    void *v = NULL;
    int added = -1;
    kr_hash_init(&h, sizeof(hval), 100);
    assert_null(kr_hash_get(&h, 5));
    assert_int_equal(kr_hash_put(&h, 0, &v, &added), KR_EINVAL);  /* 0 marks an empty slot */
    assert_int_equal(h.n, 0);
    assert_null(kr_hash_get(&h, 0));
    assert_int_equal(kr_hash_put(&h, 5, &v, &added), KR_OK);
    assert_int_equal(added, 1);
    hval *x = v;
    assert_true(x->a == 0 && x->b == 0);  /* a new value is zeroed */
    x->a = 42;
    x->b = 7;
    assert_int_equal(kr_hash_put(&h, 5, &v, &added), KR_OK);
    assert_int_equal(added, 0);
    assert_ptr_equal(v, x);
    assert_ptr_equal(kr_hash_get(&h, 5), x);
    assert_null(kr_hash_get(&h, 6));
    assert_int_equal(h.n, 1);
    assert_int_equal(h.stride, 24);
    /* clear: empty, the slots kept, and a key put again starts from a zeroed value */
    size_t cap = h.cap;
    unsigned char *slots = h.slots;
    kr_hash_clear(&h);
    assert_int_equal(h.n, 0);
    assert_int_equal(h.cap, cap);
    assert_ptr_equal(h.slots, slots);
    assert_null(kr_hash_get(&h, 5));
    assert_int_equal(kr_hash_put(&h, 5, &v, &added), KR_OK);
    assert_int_equal(added, 1);
    assert_true(((hval *)v)->a == 0 && ((hval *)v)->b == 0);
    kr_hash_fini(&h);
    assert_null(h.slots);
    assert_int_equal(h.n, 0);
    assert_null(kr_hash_get(&h, 5));
    kr_hash_fini(&h);  /* twice is harmless */
    kr_hash_fini(NULL);
}

/* Keys that share one home slot (the last one, so that their probe wraps around) are all found, and a key with that
 * home that was never put is not. */
static void test_hash_collisions(void **state)
{
    (void)state;
    kr_hash h;
    uint64_t same[6];
    size_t ns = 0;
    kr_hash_init(&h, sizeof(long long), 1000);
    assert_int_equal(kr_hash_reserve(&h, 10), KR_OK);
    assert_int_equal(h.cap, 16);
    for (uint64_t k = 1; ns < 6; k++)
        if (kr_hash_home(&h, k) == h.cap - 1)
            same[ns++] = k;
    for (size_t i = 0; i < 5; i++) {
        void *v = NULL;
        int added = -1;
        assert_int_equal(kr_hash_put(&h, same[i], &v, &added), KR_OK);
        assert_int_equal(added, 1);
        *(long long *)v = (long long)same[i] * 3;
    }
    assert_int_equal(h.cap, 16);  /* no growth: the collisions are in one table */
    for (size_t i = 0; i < 5; i++) {
        long long *v = kr_hash_get(&h, same[i]);
        assert_non_null(v);
        assert_true(*v == (long long)same[i] * 3);
    }
    assert_null(kr_hash_get(&h, same[5]));
    /* the probe wrapped: slots 0..3 hold keys whose home is the last slot */
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(kr_hash_home(&h, kr_hash_key_at_(&h, i)), h.cap - 1);
    kr_hash_fini(&h);
}

/* Strings as keys: strings whose hashes are equal (forced here) get keys of their own. */
static const char *str_of_list(const void *ctx, uint32_t id)
{
    return ((const char *const *)ctx)[id];
}

/* Linkage's answer in memory: rowids per extract type in order, a cursor that skips what does not count. */
static void test_links(void **state)
{
    (void)state;
    kr_links m;
    memset(&m, 0, sizeof m);
    const int screening = kr_extract_type("screening"), mdo = kr_extract_type("mdo");
    assert_true(screening >= 0 && mdo >= 0 && screening != mdo);
    assert_int_equal(kr_extract_type("traject"), -1);  /* no extract table */
    for (int64_t r = 1; r <= 10000; r++)  /* every third row counts, in trajectory r * 7 */
        if (r % 3 == 0)
            assert_int_equal(kr_links_add(&m, screening, r, r * 7), KR_OK);
    assert_int_equal(kr_links_add(&m, mdo, 5, 99), KR_OK);
    assert_int_equal(kr_links_add(&m, mdo, 5, 98), KR_EINVAL);  /* rowids must rise */
    assert_int_equal(kr_links_add(&m, mdo, 4, 98), KR_EINVAL);
    assert_int_equal(kr_links_table(&m, mdo)->n, 1);
    const kr_link_table *t = kr_links_table(&m, screening);
    assert_non_null(t);
    assert_int_equal(t->n, 3333);
    assert_null(kr_links_table(&m, kr_extract_type("bevalling")));
    /* rows come in rowid order with gaps (rows of other deliveries): each found once, the rest 0 */
    kr_link_cursor c = {t, 0};
    long found = 0;
    for (int64_t r = 1; r <= 10001; r += (r % 5 == 0) ? 2 : 1) {
        int64_t tr = kr_link_next(&c, r);
        assert_int_equal(tr, r % 3 == 0 ? r * 7 : 0);
        found += tr != 0;
    }
    assert_true(found > 2000 && found < 3333);  /* some rows were skipped by the reader */
    kr_link_cursor none = {kr_links_table(&m, kr_extract_type("jgz_contact")), 0};
    assert_int_equal(kr_link_next(&none, 3), 0);  /* a table without records: nothing counts */
    kr_links_drop(&m, screening);
    assert_null(kr_links_table(&m, screening));  /* dropped: no records left */
    assert_int_equal(kr_links_add(&m, KR_NEXTRACT_TYPES, 1, 1), KR_EINVAL);  /* no such extract type */
    assert_int_equal(kr_links_add(&m, -1, 1, 1), KR_EINVAL);
    assert_null(kr_links_table(&m, KR_NEXTRACT_TYPES));
    /* trajectories: none handed over until one is added; ids must rise */
    assert_int_equal(m.has_traj, 0);
    kr_link_traject a = {10, 3, 100, 300, "zl", "onbekend", NULL}, b = a;
    assert_int_equal(kr_links_traject_add(&m, &a), KR_OK);
    assert_int_equal(m.has_traj, 1);
    assert_int_equal(kr_links_traject_add(&m, &b), KR_EINVAL);  /* the same id again */
    b.id = 9;
    assert_int_equal(kr_links_traject_add(&m, &b), KR_EINVAL);
    b.id = 11;
    b.regio = NULL;
    assert_int_equal(kr_links_traject_add(&m, &b), KR_OK);
    assert_int_equal(m.ntraj, 2);
    assert_true(m.traj[0].id == 10 && m.traj[0].zw_rowid == 3 && m.traj[0].due == 300);
    assert_string_equal(m.traj[0].regio, "zl");
    assert_null(m.traj[1].regio);
    kr_links_fini(&m);
    assert_null(kr_links_table(&m, mdo));
    assert_true(m.ntraj == 0 && m.traj == NULL && m.has_traj == 0);
    kr_links_fini(NULL);
}

static void test_hash_strings(void **state)
{
    (void)state;
    const char *kept[8];
    const char *words[] = {"GM0935", "GM1954", "vp-a", "", "GM0935x"};
    kr_hash h;
    uint32_t n = 0, id = 99;
    int added = -1;
    kr_hash_init(&h, sizeof(uint32_t), 100);
    /* all under hash 42 (and one under 0, which counts as 1) */
    for (size_t i = 0; i < 5; i++) {
        uint64_t hash = i == 3 ? 0 : 42;
        assert_int_equal(kr_hash_str_put(&h, words[i], strlen(words[i]), hash, str_of_list, kept, n, &id, &added),
                         KR_OK);
        assert_int_equal(added, 1);
        assert_int_equal(id, n);
        kept[n++] = words[i];
    }
    /* a string whose own hash is the key the second of those took */
    kept[n] = "ander";
    assert_int_equal(kr_hash_str_put(&h, "ander", 5, kr_hash_str_next(42), str_of_list, kept, n, &id, &added),
                     KR_OK);
    assert_int_equal(added, 1);
    n++;
    for (size_t i = 0; i < 5; i++) {  /* each found again, once */
        uint64_t hash = i == 3 ? 0 : 42;
        assert_int_equal(kr_hash_str_find(&h, words[i], strlen(words[i]), hash, str_of_list, kept, NULL), (long)i);
        assert_int_equal(kr_hash_str_put(&h, words[i], strlen(words[i]), hash, str_of_list, kept, n, &id, &added),
                         KR_OK);
        assert_int_equal(added, 0);
        assert_int_equal(id, i);
    }
    assert_int_equal(kr_hash_str_find(&h, "ander", 5, kr_hash_str_next(42), str_of_list, kept, NULL), 5);
    assert_int_equal(kr_hash_str_find(&h, "GM0935", 4, 42, str_of_list, kept, NULL), -1);  /* a prefix is not it */
    assert_int_equal(kr_hash_str_find(&h, "nieuw", 5, 42, str_of_list, kept, NULL), -1);
    assert_int_equal(h.n, 6);
    kr_hash_fini(&h);
}

static void test_hash_growth(void **state)
{
    (void)state;
    kr_hash h;
    void *v = NULL;
    int added = -1;
    kr_hash_init(&h, sizeof(int), 1000);
    size_t caps = 0, last = 0;
    for (uint64_t k = 1; k <= 1000; k++) {
        assert_int_equal(kr_hash_put(&h, k * 7919, &v, &added), KR_OK);
        assert_int_equal(added, 1);
        *(int *)v = (int)k;
        if (h.cap != last) {
            caps++;
            last = h.cap;
        }
        assert_true(h.n * 4 <= h.cap * 3);       /* under the load limit */
        assert_int_equal(h.cap & (h.cap - 1), 0); /* a power of two */
    }
    assert_true(caps >= 7);  /* 16 .. 2048 */
    assert_int_equal(h.n, 1000);
    for (uint64_t k = 1; k <= 1000; k++) {
        int *x = kr_hash_get(&h, k * 7919);
        assert_non_null(x);
        assert_int_equal(*x, (int)k);
    }
    /* the bound: no 1001st key, the table stays as it was; a key already there is still found */
    assert_int_equal(kr_hash_put(&h, 3, &v, &added), KR_ETOOBIG);
    assert_int_equal(h.n, 1000);
    assert_null(kr_hash_get(&h, 3));
    assert_int_equal(kr_hash_put(&h, 7919, &v, &added), KR_OK);
    assert_int_equal(added, 0);
    assert_int_equal(*(int *)v, 1);
    kr_hash_fini(&h);
}

static void test_hash_reserve(void **state)
{
    (void)state;
    kr_hash h;
    kr_hash_init(&h, 0, 5000);
    assert_int_equal(kr_hash_reserve(&h, 1000), KR_OK);
    assert_int_equal(h.cap, 2048);
    const unsigned char *slots = h.slots;
    for (uint64_t k = 1; k <= 1000; k++) {
        kr_hash_prefetch(&h, k);
        assert_int_equal(kr_hash_put(&h, k, NULL, NULL), KR_OK);
    }
    assert_ptr_equal(h.slots, slots);  /* reserved: never moved */
    assert_int_equal(kr_hash_reserve(&h, 10), KR_OK);  /* never shrinks */
    assert_int_equal(h.cap, 2048);
    assert_int_equal(kr_hash_reserve(&h, 5001), KR_ETOOBIG);
    assert_int_equal(h.cap, 2048);
    assert_int_equal(kr_hash_reserve(&h, 5000), KR_OK);  /* grows, keeping the keys */
    assert_int_equal(h.cap, 8192);
    for (uint64_t k = 1; k <= 1000; k++)
        assert_non_null(kr_hash_get(&h, k));
    assert_null(kr_hash_get(&h, 1001));
    kr_hash_fini(&h);
    /* a size that cannot be counted is refused, not wrapped around */
    kr_hash_init(&h, 64, SIZE_MAX);
    assert_int_equal(kr_hash_reserve(&h, SIZE_MAX), KR_ETOOBIG);
    assert_int_equal(kr_hash_reserve(&h, SIZE_MAX / 8), KR_ETOOBIG);
    assert_null(h.slots);
    kr_hash_fini(&h);
}

static uint64_t mix64(uint64_t x)
{
    x ^= x >> 31;
    x *= UINT64_C(0xBF58476D1CE4E5B9);
    x ^= x >> 29;
    return x;
}

/* Many puts and gets of keys that repeat, against a plain array of what each key should hold. */
static void test_hash_many(void **state)
{
    (void)state;
    enum { IDS = 40000, OPS = 300000 };
    static long long ref[IDS + 1];
    kr_hash h;
    uint64_t r = 12345;
    size_t held = 0;
    kr_hash_init(&h, sizeof(long long), IDS);
    for (size_t i = 0; i <= IDS; i++)
        ref[i] = -1;
    for (long long op = 0; op < OPS; op++) {
        r = r * UINT64_C(6364136223846793005) + UINT64_C(1442695040888963407);
        size_t id = (size_t)(r >> 33) % IDS + 1;
        uint64_t key = mix64(id);  /* a bijection: never 0 for id > 0, never equal for two ids */
        if ((r >> 20) & 1) {
            void *v = NULL;
            int added = -1;
            assert_int_equal(kr_hash_put(&h, key, &v, &added), KR_OK);
            assert_int_equal(added, ref[id] < 0);
            if (added) {
                held++;
                assert_true(*(long long *)v == 0);
            } else {
                assert_true(*(long long *)v == ref[id]);
            }
            *(long long *)v = op;
            ref[id] = op;
        } else {
            long long *v = kr_hash_get(&h, key);
            if (ref[id] < 0)
                assert_null(v);
            else
                assert_true(v && *v == ref[id]);
        }
    }
    assert_int_equal(h.n, held);
    size_t pos = 0, walked = 0;
    uint64_t key = 0;
    void *v = NULL;
    while (kr_hash_next(&h, &pos, &key, &v)) {
        walked++;
        assert_int_not_equal(key, 0);
        assert_ptr_equal(kr_hash_get(&h, key), v);
    }
    assert_int_equal(walked, held);
    for (size_t id = 1; id <= IDS; id++)
        if (ref[id] >= 0)
            assert_true(*(long long *)kr_hash_get(&h, mix64(id)) == ref[id]);
    kr_hash_fini(&h);
}

/* ---- the prepared-statement helper ------------------------------------------------------------ */

static void test_stmt(void **state)
{
    (void)state;
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    char err[512] = "";
    assert_int_equal(kr_db_open_memory(&db, err, sizeof err), KR_OK);
    assert_int_equal(kr_db_exec(db, "CREATE TABLE t (i INTEGER NOT NULL, d REAL, s TEXT, n TEXT)", err, sizeof err),
                     KR_OK);
    /* a statement that does not prepare: no statement, and SQLite's words */
    assert_int_equal(kr_stmt_prepare(db, "INSERT INTO geen_tabel VALUES (1)", &st, err, sizeof err), KR_EDB);
    assert_null(st);
    assert_string_equal(err, "database error: no such table: geen_tabel");
    /* one statement, several rows; text is copied, so the buffer may change between rows */
    char text[8] = "een";
    assert_int_equal(kr_stmt_prepare(db, "INSERT INTO t VALUES (?, ?, ?, ?)", &st, err, sizeof err), KR_OK);
    assert_int_equal(kr_stmt_run(st, KR_ROW(KR_INT(1), KR_REAL(0.5), KR_TEXT(text), KR_TEXT("x")), err, sizeof err),
                     KR_OK);
    kr_strlcpy(text, "twee", sizeof text);
    assert_int_equal(kr_stmt_run(st, KR_ROW(KR_INT(2), KR_NULL, KR_TEXT(text), kr_text_or_null("")), err, sizeof err),
                     KR_OK);
    /* the bindings are cleared after each row: a shorter row leaves the rest NULL */
    assert_int_equal(kr_stmt_run(st, KR_ROW(KR_INT(3), KR_REAL(1.0), KR_TEXT(NULL)), err, sizeof err), KR_OK);
    /* a row that breaks a constraint: the status, the words, and the statement still usable */
    err[0] = '\0';
    assert_int_equal(kr_stmt_run(st, KR_ROW(KR_NULL), err, sizeof err), KR_EDB);
    assert_non_null(strstr(err, "NOT NULL constraint failed: t.i"));
    assert_int_equal(kr_stmt_run(st, KR_ROW(KR_INT(4)), err, sizeof err), KR_OK);
    sqlite3_finalize(st);
    assert_int_equal(kr_stmt_exec(db, "DELETE FROM t WHERE i = ?1", KR_ROW(KR_INT(4)), err, sizeof err), KR_OK);
    assert_int_equal(sqlite3_changes(db), 1);
    /* what was stored */
    assert_int_equal(kr_stmt_prepare(db, "SELECT i, coalesce(d, -1), coalesce(s, '-'), coalesce(n, '-') FROM t "
                                         "WHERE i >= ?1 "
                                     "ORDER BY i", &st, err, sizeof err), KR_OK);
    assert_int_equal(kr_stmt_bind(st, KR_ROW(KR_INT(1)), err, sizeof err), KR_OK);
    static const char *const want[] = {"1 0.5 een x", "2 -1.0 twee -", "3 1.0 - -"};
    for (size_t i = 0; i < 3; i++) {
        char row[64];
        assert_int_equal(sqlite3_step(st), SQLITE_ROW);
        (void)snprintf(row, sizeof row, "%d %.1f %s %s", sqlite3_column_int(st, 0), sqlite3_column_double(st, 1),
                       kr_column_text(st, 2), kr_column_text(st, 3));
        assert_string_equal(row, want[i]);
    }
    assert_int_equal(sqlite3_step(st), SQLITE_DONE);
    /* a parameter that does not exist */
    sqlite3_reset(st);
    assert_int_equal(kr_stmt_bind(st, KR_ROW(KR_INT(1), KR_INT(2)), err, sizeof err), KR_EDB);
    assert_non_null(strstr(err, "parameter 2"));
    sqlite3_finalize(st);
    kr_db_close(db);
}

/*
 * The two languages (core/i18n.h): which one the environment chooses, the Dutch of a message from the compiled
 * po/nl.po (found in the build tree), plural forms, and English as the message id itself.
 */
static void test_languages(void **state)
{
    (void)state;
    kr_lang l = KR_NL;
    assert_int_equal(kr_lang_parse("en", &l), 0);
    assert_int_equal(l, KR_EN);
    assert_int_equal(kr_lang_parse("nl_NL.UTF-8", &l), 0);
    assert_int_equal(l, KR_NL);
    assert_int_equal(kr_lang_parse("en_GB", &l), 0);
    assert_int_equal(l, KR_EN);
    assert_int_equal(kr_lang_parse("NL", &l), 0);  /* in any capitals */
    assert_int_equal(l, KR_NL);
    assert_int_equal(kr_lang_parse("En", &l), 0);
    assert_int_equal(l, KR_EN);
    assert_int_equal(kr_lang_parse("de", &l), -1);
    assert_int_equal(kr_lang_parse("e", &l), -1);
    assert_int_equal(kr_lang_parse("english", &l), -1);
    assert_int_equal(kr_lang_parse(NULL, &l), -1);

    /* the catalogue is looked up first: from then on LANGUAGE is kansrijk's own, and the user's (the Makefile runs the
       tests with it empty) is what was there before */
    assert_non_null(kr_i18n_dir());
    const char *bad = NULL;
    unsetenv("LC_ALL");
    unsetenv("LC_MESSAGES");
    setenv("KANSRIJK_TAAL", "en", 1);
    setenv("LANG", "nl_NL.UTF-8", 1);
    assert_int_equal(kr_lang_env(&bad), KR_EN);  /* KANSRIJK_TAAL before the locale */
    assert_null(bad);
    unsetenv("KANSRIJK_TAAL");
    assert_int_equal(kr_lang_env(&bad), KR_NL);
    setenv("LANG", "en_US.UTF-8", 1);
    assert_int_equal(kr_lang_env(&bad), KR_EN);  /* an English locale */
    setenv("LC_ALL", "C.UTF-8", 1);
    assert_int_equal(kr_lang_env(&bad), KR_NL);  /* LC_ALL first; C is not English: the default */
    setenv("KANSRIJK_TAAL", "fr", 1);
    assert_int_equal(kr_lang_env(&bad), KR_NL);
    assert_non_null(bad);
    assert_string_equal(bad, "fr");
    unsetenv("KANSRIJK_TAAL");
    unsetenv("LC_ALL");
    unsetenv("LANG");

    /* Dutch from the catalogue; English is the id itself, the same pointer */
    assert_non_null(kr_i18n_dir());
    assert_string_equal(kr_nl("the file is empty"), "het bestand is leeg");
    const char *id = "a required value is empty";
    kr_lang_set(KR_EN);
    assert_ptr_equal(kr_tr(id), id);
    kr_lang_set(KR_NL);
    assert_string_equal(kr_tr(id), "een verplichte waarde ontbreekt");
    assert_string_equal(kr_strerror(KR_F_EMPTY), "het bestand is leeg");
    kr_lang_set(KR_EN);
    assert_string_equal(kr_strerror(KR_F_EMPTY), "the file is empty");
    /* plurals: English by n, Dutch by the catalogue's Plural-Forms (one for 1, the other for 0 and 2) */
    const char *one = "%ld warning\n", *more = "%ld warnings\n";
    assert_ptr_equal(kr_ntr(one, more, 1), one);
    assert_ptr_equal(kr_ntr(one, more, 0), more);
    const char *nl1 = kr_nl_n(one, more, 1), *nl2 = kr_nl_n(one, more, 2), *nl0 = kr_nl_n(one, more, 0);
    assert_string_not_equal(nl1, one);
    assert_string_not_equal(nl1, nl2);
    assert_string_equal(nl0, nl2);
    assert_non_null(strstr(nl1, "%ld"));
    assert_string_equal(kr_nl(""), "");  /* not the catalogue's header */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dates), cmocka_unit_test(test_date_valid), cmocka_unit_test(test_date_words),
        cmocka_unit_test(test_date_arithmetic),
        cmocka_unit_test(test_gestation), cmocka_unit_test(test_periods),
        cmocka_unit_test(test_buffers),   cmocka_unit_test(test_strings),    cmocka_unit_test(test_grow),
        cmocka_unit_test(test_utf8_width),
        cmocka_unit_test(test_status_table), cmocka_unit_test(test_database), cmocka_unit_test(test_languages),
        cmocka_unit_test(test_database_full),
        cmocka_unit_test(test_database_memory),
        cmocka_unit_test(test_hash_basic), cmocka_unit_test(test_hash_collisions), cmocka_unit_test(test_hash_strings),
        cmocka_unit_test(test_links),
        cmocka_unit_test(test_hash_growth),
        cmocka_unit_test(test_hash_reserve), cmocka_unit_test(test_hash_many), cmocka_unit_test(test_stmt),
    };
    return cmocka_run_group_tests_name("core", tests, NULL, NULL);
}
