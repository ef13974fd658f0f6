/*
 * The database layer: open or create the one-file SQLite database (mode 0600,
 * WAL, foreign keys on), and bring its schema to the current version by
 * running the embedded migrations in order inside one transaction. Failures
 * are told as what they are (a full disk, a read-only file, a busy database),
 * with what to do.
 */
#include "kr.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

/* Embedded at build time from sql/schema.sql and sql/migrate_<n>.sql (see the Makefile). */
extern const char kr_sql_schema[], kr_sql_migrate_2[], kr_sql_migrate_3[], kr_sql_migrate_4[],
    kr_sql_migrate_5[], kr_sql_migrate_6[], kr_sql_migrate_7[], kr_sql_migrate_8[],
    kr_sql_migrate_9[];

/*
 * Migration i brings a database from user_version i to i + 1. Version 0 is an
 * empty file, so migration 0 is the whole first schema; later versions append
 * a script here (sql/migrate_<n>.sql), never edit an earlier one.
 */
static const char *const migrations[] = {
    kr_sql_schema,
    kr_sql_migrate_2,
    kr_sql_migrate_3,
    kr_sql_migrate_4,
    kr_sql_migrate_5,
    kr_sql_migrate_6,
    kr_sql_migrate_7,
    kr_sql_migrate_8,
    kr_sql_migrate_9,
};
_Static_assert(sizeof migrations / sizeof migrations[0] == KR_SCHEMA_VERSION,
               "one migration per schema version");

static void set_err(char *err, size_t cap, const char *fmt, const char *a, const char *b)
{
    if (err && cap)
        (void)snprintf(err, cap, fmt, a, b);
}

kr_status kr_db_exec(sqlite3 *db, const char *sql, char *err, size_t errcap)
{
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        set_err(err, errcap, "database: %s%s", msg ? msg : sqlite3_errmsg(db), "");
        sqlite3_free(msg);
        return KR_EDB;
    }
    return KR_OK;
}

/* The first column of sql's first row as a number; -1 when it cannot be read. */
static long long db_number(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    long long v = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

int kr_db_version(sqlite3 *db)
{
    return (int)db_number(db, "PRAGMA user_version");
}

int kr_db_busy_seconds(void)
{
    const char *e = getenv("KANSRIJK_BUSY_TIMEOUT");
    long long v;
    if (e && *e && kr_parse_int(e, strlen(e), &v) == KR_OK && v >= 0 && v <= 3600)
        return (int)v;
    return KR_BUSY_TIMEOUT_S;
}

/* The folder that holds path, in dir (cap bytes): "." for a bare name, "/" for a file in the root. 0 when it does not
 * fit. */
static int folder_of(const char *path, char *dir, size_t cap)
{
    size_t n = strlen(path);
    if (n >= cap)
        return 0;
    memcpy(dir, path, n + 1);
    char *slash = strrchr(dir, '/');
    if (!slash)
        kr_strlcpy(dir, ".", cap);
    else if (slash == dir)
        slash[1] = '\0';
    else
        *slash = '\0';
    return 1;
}

/* 1 when the file system that holds path has no free blocks left (for this user). */
static int disk_full(const char *path)
{
    char dir[1024];
    struct statvfs vs;
    if (!path || !*path || !folder_of(path, dir, sizeof dir))
        return 0;
    return statvfs(dir, &vs) == 0 && (vs.f_bavail == 0 || vs.f_bfree == 0);
}

/* msgid in lang: English as written, or its Dutch. */
static const char *in_lang(kr_lang lang, const char *msgid)
{
    return lang == KR_EN ? msgid : kr_nl(msgid);
}

kr_status kr_db_problem(sqlite3 *db, char *msg, size_t cap)
{
    return kr_db_problem_in(db, kr_lang_get(), msg, cap);
}

kr_status kr_db_problem_in(sqlite3 *db, kr_lang lang, char *msg, size_t cap)
{
    int ext = db ? sqlite3_extended_errcode(db) : SQLITE_NOMEM;
    int prim = ext & 0xff;
    int sys = db ? sqlite3_system_errno(db) : 0;
    const char *what = db ? sqlite3_errmsg(db) : "out of memory";
    const char *path = db ? sqlite3_db_filename(db, "main") : NULL;
    kr_status st;
    const char *text;
    char busy[200];

    if (prim == SQLITE_FULL || sys == ENOSPC || sys == EDQUOT ||
        ((prim == SQLITE_OK || prim == SQLITE_IOERR) && disk_full(path))) {
        st = KR_EFULL;
        text = N_("the disk is full: free space on the disk that holds the database and run the command again");
    } else if (prim == SQLITE_BUSY || prim == SQLITE_LOCKED) {
        st = KR_EBUSY;
        text = N_("the database stayed busy for %d s: another kansrijk command is writing to it; run the command "
                  "again when that one is done");
    } else if (prim == SQLITE_READONLY || sys == EROFS || sys == EACCES || sys == EPERM ||
               ((prim == SQLITE_CANTOPEN || prim == SQLITE_IOERR) && sqlite3_db_readonly(db, "main") == 1)) {
        /* a file SQLite could open only for reading, whose folder then refused the -wal or -shm file */
        st = KR_EREADONLY;
        text = N_("the database or its folder is read-only (file permissions, an immutable file or a read-only disk): "
                  "make the file and its folder writable for this user and run the command again");
    } else if (prim == SQLITE_IOERR || prim == SQLITE_CANTOPEN) {
        st = KR_EIO;
        text = N_("the disk could not be read or written: check the disk (removed, failing, or a network folder that "
                  "went away) and run the command again");
    } else if (prim == SQLITE_NOTADB || prim == SQLITE_CORRUPT) {
        st = KR_EDB;
        text = N_("this is not a kansrijk database, or it is damaged: check the --db path, or restore the database "
                  "from a backup");
    } else if (prim == SQLITE_NOMEM) {
        st = KR_ENOMEM;
        text = N_("out of memory: close other programs and run the command again");
    } else {
        st = KR_EDB;
        text = NULL;
    }
    if (text)
        text = in_lang(lang, text);
    if (st == KR_EBUSY) {
        (void)snprintf(busy, sizeof busy, text, kr_db_busy_seconds());  /* a format of ours, with %d */
        text = busy;
    }
    if (msg && cap) {
        if (text && prim != SQLITE_OK)
            (void)snprintf(msg, cap, "%s (%s)", text, what);
        else if (text)
            (void)snprintf(msg, cap, "%s", text);
        else
            (void)snprintf(msg, cap, in_lang(lang, N_("database error: %s")),
                           prim == SQLITE_OK ? in_lang(lang, N_("the cause was not kept")) : what);
    }
    return st;
}

/* The problem of the last failure on db, as "path: sentence" into err. */
static kr_status fail_open(sqlite3 *db, const char *path, char *err, size_t errcap)
{
    char why[512];
    kr_status st = kr_db_problem(db, why, sizeof why);
    if (err && errcap)
        (void)snprintf(err, errcap, "%s: %s", path, why);
    return st;
}

static kr_status migrate(sqlite3 *db, const char *path, char *err, size_t errcap)
{
    char word[4096];
    int v = kr_db_version(db);
    kr_status st = KR_OK;
    if (v < 0)
        return fail_open(db, path, err, errcap);
    if (v > KR_SCHEMA_VERSION) {
        set_err(err, errcap, _("%s: the database has a newer schema than this kansrijk understands; %s"), path,
                _("install the newer kansrijk that made it"));
        return KR_ESCHEMA;
    }
    if (v == KR_SCHEMA_VERSION)
        return KR_OK;
    if (v < 7 && sqlite3_libversion_number() < 3035000) {  /* migration 7 drops columns */
        if (err && errcap)
            (void)snprintf(err, errcap,
                           _("%s: bringing the database to schema %d needs SQLite 3.35 or later, and this kansrijk "
                             "uses SQLite %s; install a newer SQLite library"),
                           path, KR_SCHEMA_VERSION, sqlite3_libversion());
        return KR_ESCHEMA;
    }
    if (sqlite3_db_readonly(db, "main") == 1) {
        set_err(err, errcap,
                _("%s: the database is read-only and must first be brought to the current schema: make it writable "
                  "and run 'kansrijk init --db %s'"),
                path, kr_shell_word(path, word, sizeof word));
        return KR_EREADONLY;
    }
    if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return fail_open(db, path, err, errcap);
    for (; v < KR_SCHEMA_VERSION; v++) {
        char pragma[48];
        (void)snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v + 1);
        if (sqlite3_exec(db, migrations[v], NULL, NULL, NULL) != SQLITE_OK ||
            sqlite3_exec(db, pragma, NULL, NULL, NULL) != SQLITE_OK)
            goto cleanup;
    }
    if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK)
        return KR_OK;
cleanup:
    /* the cause first: the ROLLBACK clears it */
    {
        char why[512];
        st = kr_db_problem(db, why, sizeof why);
        if (err && errcap)
            (void)snprintf(err, errcap, _("%s: the schema migration to version %d failed and was undone: %s"), path,
                           KR_SCHEMA_VERSION, why);
    }
    (void)sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    return st;
}

/* The settings of every connection (after the journal mode). */
static const char db_pragmas[] =
    "PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-16000";

/*
 * Whether the database at path cannot change while a command reads it: its folder has no write bit for anyone (or
 * is on a read-only file system), so no writer can make the -wal, -shm or -journal file it needs first, and no -wal
 * or -journal file stands beside it. A read-only share or a copy in a 0555 folder: SQLite wants to make the -shm
 * file of WAL mode there and fails, so such a database is read as immutable (kr_db_open). Root, which ignores the
 * mode bits, could still write there; a database being written is not to be read from such a folder.
 */
static int unchangeable(const char *path)
{
    char dir[4096], wal[4096 + 8], journal[4096 + 12];
    if (!folder_of(path, dir, sizeof dir))
        return 0;
    (void)snprintf(wal, sizeof wal, "%s-wal", path);
    (void)snprintf(journal, sizeof journal, "%s-journal", path);  /* a bulk ingest's, or a hot one after a crash */
    struct stat d;
    if (stat(dir, &d) != 0 || access(wal, F_OK) == 0 || access(journal, F_OK) == 0)
        return 0;
    /* no write bit for anyone, or a read-only file system */
    return (d.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0 || (access(dir, W_OK) != 0 && errno == EROFS);
}

/* file:PATH?immutable=1, PATH percent-encoded where a URI needs it; 0 when it does not fit. */
static int immutable_uri(const char *path, char *out, size_t cap)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t k = (size_t)snprintf(out, cap, "file:");
    while (path[0] == '/' && path[1] == '/')  /* file://x would name a host x */
        path++;
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if (k + 4 >= cap)
            return 0;
        if (*p == '?' || *p == '#' || *p == '%' || *p < 0x21) {
            out[k++] = '%';
            out[k++] = hex[*p >> 4];
            out[k++] = hex[*p & 15];
        } else {
            out[k++] = (char)*p;
        }
    }
    int w = snprintf(out + k, cap - k, "?immutable=1");
    return w > 0 && (size_t)w < cap - k;
}

/* kr_db_open, the database read as immutable when asked (a retry of kr_db_open, see there). */
static kr_status db_open(const char *path, int mode, int immutable, sqlite3 **out, char *err, size_t errcap)
{
    char word[4096];
    sqlite3 *db = NULL;
    kr_status st = KR_OK;
    *out = NULL;

    struct stat sb;
    int created = 0, exists = stat(path, &sb) == 0;
    if (exists && S_ISDIR(sb.st_mode)) {
        set_err(err, errcap, _("%s is a folder; give the path of a database file, for example %s/kansrijk.db"), path,
                path);
        return KR_EINVAL;
    }
    if (!exists) {
        if (mode != KR_DB_CREATE) {
            set_err(err, errcap, _("%s: there is no database here; run 'kansrijk init --db %s' first "
                                   "(or check the path)"),
                    path, kr_shell_word(path, word, sizeof word));
            return KR_ENOTFOUND;
        }
        /* Create the file ourselves so that it is never readable by others. */
        int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
        if (fd < 0) {
            int e = errno;
            if (err && errcap)
                (void)snprintf(err, errcap, _("%s: cannot create the database: %s%s"), path, strerror(e),
                               e == ENOSPC || e == EDQUOT ? _("; free space on the disk and run again")
                               : e == EROFS || e == EACCES ? _("; choose a folder you can write to") : "");
            return e == ENOSPC || e == EDQUOT ? KR_EFULL : e == EROFS || e == EACCES ? KR_EREADONLY : KR_EIO;
        }
        close(fd);
        created = 1;
    }
    char uri[3 * 4096 + 32];
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
    const char *target = path;
    if (immutable && immutable_uri(path, uri, sizeof uri)) {
        target = uri;
        flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX;
    }
    if (sqlite3_open_v2(target, &db, flags, NULL) != SQLITE_OK) {
        st = fail_open(db, path, err, errcap);
        goto cleanup;
    }
    /* One connection, used by one thread: no mutexes (SQLITE_OPEN_NOMUTEX above). */
    sqlite3_busy_timeout(db, 1000 * kr_db_busy_seconds());
    /*
     * SQLite opens a file it may not write read-only without saying so; a
     * command that changes the database would then fail at its first write
     * with a message that hides the cause. Tell it here.
     */
    if (mode != KR_DB_READ && sqlite3_db_readonly(db, "main") == 1) {
        set_err(err, errcap,
                _("%s: the database is read-only (file permissions, an immutable file or a read-only disk); nothing "
                  "was changed: make it writable for this user and run the command again%s"),
                path, "");
        st = KR_EREADONLY;
        goto cleanup;
    }
    /*
     * A file without kansrijk's schema (user_version 0): an empty one becomes the database only by init; one with
     * other tables is somebody else's and is never changed. A file that is not SQLite shows here, at the first read.
     */
    int v = kr_db_version(db);
    if (v < 0) {
        st = fail_open(db, path, err, errcap);
        goto cleanup;
    }
    if (v == 0) {
        long long ntables = db_number(db, "SELECT count(*) FROM sqlite_schema");
        if (ntables < 0) {
            st = fail_open(db, path, err, errcap);
            goto cleanup;
        }
        if (ntables > 0) {
            set_err(err, errcap, _("%s: this SQLite database is not a kansrijk database (it holds other tables); "
                                   "nothing was changed: give another file, or make a new database with 'kansrijk "
                                   "init --db NEW.db'%s"),
                    path, "");
            st = KR_ESCHEMA;
            goto cleanup;
        }
        if (mode != KR_DB_CREATE) {
            set_err(err, errcap, _("%s: this file holds no kansrijk database yet (it is empty); run 'kansrijk init "
                                   "--db %s' first"),
                    path, kr_shell_word(path, word, sizeof word));
            st = KR_ENOTFOUND;
            goto cleanup;
        }
        if (!created && chmod(path, 0600) != 0) {  /* an empty file made the database: readable by its owner alone */
            st = KR_EIO;
            set_err(err, errcap, _("%s: cannot make the database readable by you alone: %s"), path, strerror(errno));
            goto cleanup;
        }
        created = 1;
    }
    /*
     * 16 KiB pages for a new database: extract rows are ~150 bytes and tables
     * grow by millions of rows; larger pages mean fewer B-tree pages to write
     * and walk (measured in bench/README.md). Must precede WAL mode.
     */
    if (created && sqlite3_exec(db, "PRAGMA page_size=16384", NULL, NULL, NULL) != SQLITE_OK) {
        st = fail_open(db, path, err, errcap);
        goto cleanup;
    }
    /*
     * A file that is not SQLite shows here, at the first read; so do a full disk and a read-only folder. A command
     * that only reads leaves the journal mode as it is: while a large ingest runs with a rollback journal, switching
     * back to WAL would need the lock that ingest holds, and fail at once instead of waiting.
     */
    if (sqlite3_exec(db, mode == KR_DB_READ ? "PRAGMA journal_mode" : "PRAGMA journal_mode=WAL", NULL, NULL, NULL) !=
        SQLITE_OK) {
        st = fail_open(db, path, err, errcap);
        goto cleanup;
    }
    if (sqlite3_exec(db, db_pragmas, NULL, NULL, NULL) != SQLITE_OK) {
        st = fail_open(db, path, err, errcap);
        goto cleanup;
    }
    if ((st = migrate(db, path, err, errcap)) != KR_OK)
        goto cleanup;
    *out = db;
    db = NULL;
cleanup:
    if (db)
        sqlite3_close(db);
    return st;
}

kr_status kr_db_open(const char *path, int mode, sqlite3 **out, char *err, size_t errcap)
{
    kr_status st = db_open(path, mode, 0, out, err, errcap);
    /* a command that only reads, stopped because SQLite cannot make its -shm file beside a database that no one can
     * change there: read it as it is (the normal open comes first, so a database anyone may write is never read so) */
    if (st == KR_EREADONLY && mode == KR_DB_READ && unchangeable(path)) {
        char again[1024];
        if (db_open(path, mode, 1, out, again, sizeof again) == KR_OK) {
            if (err && errcap)
                err[0] = '\0';
            return KR_OK;
        }
    }
    return st;
}

kr_status kr_db_open_memory(sqlite3 **out, char *err, size_t errcap)
{
    sqlite3 *db = NULL;
    kr_status st = KR_OK;
    *out = NULL;
    if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) !=
        SQLITE_OK) {
        set_err(err, errcap, _("cannot open an in-memory database: %s%s"), db ? sqlite3_errmsg(db) : _("out of memory"),
                "");
        st = KR_EDB;
        goto cleanup;
    }
    if ((st = kr_db_exec(db, db_pragmas, err, errcap)) != KR_OK)
        goto cleanup;
    if ((st = migrate(db, ":memory:", err, errcap)) != KR_OK)
        goto cleanup;
    *out = db;
    db = NULL;
cleanup:
    if (db)
        sqlite3_close(db);
    return st;
}

const char *kr_db_arg(sqlite3 *db, char *out, size_t cap)
{
    char cwd[4096];
    const char *path = db ? sqlite3_db_filename(db, "main") : NULL;
    if (!cap)
        return out;
    out[0] = '\0';
    if (!path || !path[0])
        return out;
    size_t n = getcwd(cwd, sizeof cwd) ? strlen(cwd) : 0;
    if (n && strncmp(path, cwd, n) == 0 && path[n] == '/')
        path += n + 1;
    if (strcmp(path, KR_DEFAULT_DB) != 0) {
        char word[4096];
        (void)snprintf(out, cap, " --db %s", kr_shell_word(path, word, sizeof word));
    }
    return out;
}

void kr_db_close(sqlite3 *db)
{
    if (db == NULL)
        return;
    /*
     * Without a busy handler the checkpoint does what it can without waiting:
     * while another command writes, closing must not wait for it (the last
     * connection to close checkpoints the rest).
     */
    sqlite3_busy_timeout(db, 0);
    (void)sqlite3_wal_checkpoint_v2(db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
    sqlite3_close(db);
}

const char *kr_column_text(sqlite3_stmt *st, int i)
{
    const char *s = (const char *)sqlite3_column_text(st, i);
    return s ? s : "";
}

kr_date kr_column_date(sqlite3_stmt *st, int i)
{
    const char *s = (const char *)sqlite3_column_text(st, i);
    kr_date d;
    return s && kr_date_parse(s, strlen(s), &d) == KR_OK ? d : KR_NO_DATE;
}

void kr_bind_date(sqlite3_stmt *st, int i, kr_date d)
{
    char buf[11];
    if (d == KR_NO_DATE) {
        sqlite3_bind_null(st, i);
        return;
    }
    kr_date_format(d, buf);
    sqlite3_bind_text(st, i, buf, 10, SQLITE_TRANSIENT);
}

void kr_now_iso(char out[21])
{
    time_t t = time(NULL);
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde) {
        long long v;
        if (kr_parse_int(sde, strlen(sde), &v) == KR_OK)
            t = (time_t)v;
    }
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int kr_db_stale(sqlite3 *db)
{
    sqlite3_stmt *st = NULL;
    int stale = sqlite3_prepare_v2(db, KR_LINK_STALE_SQL, -1, &st, NULL) == SQLITE_OK &&
                sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) != 0;
    sqlite3_finalize(st);
    return stale;
}
