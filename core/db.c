/*
 * The database layer: open or create the one-file SQLite database (mode 0600,
 * WAL, foreign keys on), and bring its schema to the current version by
 * running the embedded migrations in order inside one transaction.
 */
#include "kr.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Embedded at build time from sql/schema.sql and sql/migrate_<n>.sql (see the Makefile). */
extern const char kr_sql_schema[], kr_sql_migrate_2[], kr_sql_migrate_3[], kr_sql_migrate_4[];

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
};
_Static_assert(sizeof migrations / sizeof migrations[0] == KR_SCHEMA_VERSION,
               "one migration per schema version");

static void set_err(char *err, size_t cap, const char *fmt, const char *a, const char *b)
{
    if (err && cap)
        (void)snprintf(err, cap, fmt, a, b);
}

kr_status kr_db_exec(sqlite3 *db, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        fprintf(stderr, "kansrijk: database: %s\n", msg ? msg : sqlite3_errmsg(db));
        sqlite3_free(msg);
        return KR_EDB;
    }
    return KR_OK;
}

int kr_db_version(sqlite3 *db)
{
    sqlite3_stmt *st = NULL;
    int v = -1;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

static kr_status migrate(sqlite3 *db, char *err, size_t errcap)
{
    int v = kr_db_version(db);
    if (v < 0) {
        set_err(err, errcap, "%s%s", "cannot read the schema version: ", sqlite3_errmsg(db));
        return KR_EDB;
    }
    if (v > KR_SCHEMA_VERSION) {
        set_err(err, errcap, "%s%s", "the database has a newer schema than this kansrijk understands; ",
                "install the newer kansrijk that made it");
        return KR_ESCHEMA;
    }
    if (v == KR_SCHEMA_VERSION)
        return KR_OK;
    if (kr_db_exec(db, "BEGIN IMMEDIATE") != KR_OK)
        return KR_EDB;
    for (; v < KR_SCHEMA_VERSION; v++) {
        char pragma[48];
        if (kr_db_exec(db, migrations[v]) != KR_OK)
            goto fail;
        (void)snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v + 1);
        if (kr_db_exec(db, pragma) != KR_OK)
            goto fail;
    }
    return kr_db_exec(db, "COMMIT");
fail:
    (void)sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    set_err(err, errcap, "%s%s", "the schema migration failed and was undone", "");
    return KR_EDB;
}

/* The settings of every connection (after the journal mode). */
static const char db_pragmas[] =
    "PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-16000";

kr_status kr_db_open(const char *path, int create, sqlite3 **out, char *err, size_t errcap)
{
    sqlite3 *db = NULL;
    kr_status st = KR_OK;
    *out = NULL;

    struct stat sb;
    int created = 0;
    if (stat(path, &sb) != 0) {
        if (!create) {
            set_err(err, errcap, "%s: no database here; run 'kansrijk init --db %s' first", path, path);
            return KR_ENOTFOUND;
        }
        /* Create the file ourselves so that it is never readable by others. */
        int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
        if (fd < 0) {
            set_err(err, errcap, "%s: cannot create the database: %s", path, strerror(errno));
            return KR_EIO;
        }
        close(fd);
        created = 1;
    }
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
        set_err(err, errcap, "%s: cannot open the database: %s", path, db ? sqlite3_errmsg(db) : "out of memory");
        st = KR_EDB;
        goto cleanup;
    }
    /* One connection, used by one thread: no mutexes (SQLITE_OPEN_NOMUTEX above). */
    sqlite3_busy_timeout(db, 5000);
    /*
     * 16 KiB pages for a new database: extract rows are ~150 bytes and tables
     * grow by millions of rows; larger pages mean fewer B-tree pages to write
     * and walk (measured in bench/README.md). Must precede WAL mode.
     */
    if (created && kr_db_exec(db, "PRAGMA page_size=16384") != KR_OK) {
        st = KR_EDB;
        goto cleanup;
    }
    /* A file that is not SQLite shows here, at the first read. */
    if (sqlite3_exec(db, "PRAGMA journal_mode=WAL", NULL, NULL, NULL) != SQLITE_OK) {
        set_err(err, errcap, "%s: not a kansrijk database (%s)", path, sqlite3_errmsg(db));
        st = KR_EDB;
        goto cleanup;
    }
    if ((st = kr_db_exec(db, db_pragmas)) != KR_OK)
        goto cleanup;
    if ((st = migrate(db, err, errcap)) != KR_OK)
        goto cleanup;
    *out = db;
    db = NULL;
cleanup:
    if (db)
        sqlite3_close(db);
    return st;
}

kr_status kr_db_open_memory(sqlite3 **out, char *err, size_t errcap)
{
    sqlite3 *db = NULL;
    kr_status st = KR_OK;
    *out = NULL;
    if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) !=
        SQLITE_OK) {
        set_err(err, errcap, "cannot open an in-memory database: %s%s", db ? sqlite3_errmsg(db) : "out of memory", "");
        st = KR_EDB;
        goto cleanup;
    }
    if ((st = kr_db_exec(db, db_pragmas)) != KR_OK)
        goto cleanup;
    if ((st = migrate(db, err, errcap)) != KR_OK)
        goto cleanup;
    *out = db;
    db = NULL;
cleanup:
    if (db)
        sqlite3_close(db);
    return st;
}

void kr_db_close(sqlite3 *db)
{
    if (db == NULL)
        return;
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
