/*
 * `kansrijk export`: the suppressed outcome table as JSON (an array of the
 * objects of OUTCOMES.md) or as CSV that Dutch Excel opens right (';', UTF-8
 * with BOM, decimal comma). Only suppressed columns are read: the raw counts
 * never leave the database.
 */
#include "engine.h"

#include <json-c/json.h>
#include <math.h>
#include <string.h>

/* What is exported: the outcome table, or the Kaplan-Meier curves (--curves). */
typedef struct export_kind {
    const char *sql;
    const char *const *fields;
    size_t nfields;
    unsigned booleans; /* bit i: field i is true/false (ja/nee in CSV) */
    int decimals;      /* of every number that is not whole: 4 in CSV, as stored in JSON; or this many in both */
} export_kind;

static const char *const outcome_fields[] = {"indicator", "regio",  "site",    "groep",   "groepwaarde",
                                             "periode",   "teller", "noemer",  "waarde",  "ci_laag",
                                             "ci_hoog",   "onderdrukt", "eenheid", "voorlopig", "doel", "status",
                                             "peildatum", "synthetisch"};
static const char *const curve_fields[] = {"indicator", "regio", "site", "groep",  "groepwaarde", "periode",
                                           "t",         "at_risk", "s",  "ci_laag", "ci_hoog"};

static const export_kind kinds[2] = {
    {"SELECT indicator, regio, site, groep, groepwaarde, periode, teller, noemer, waarde, ci_laag, ci_hoog, "
     "onderdrukt, eenheid, voorlopig, doel, status, (SELECT peildatum FROM compute_run), "
     "(SELECT coalesce(max(synthetisch), 0) FROM levering WHERE status = 'actief' AND organisatie IS NOT NULL) "
     "FROM uitkomst "
     "WHERE ?1 IS NULL OR indicator = ?1 OR indicator LIKE ?1 || '.%' "
     "ORDER BY indicator, regio, site, groep, groepwaarde, periode",
     outcome_fields, sizeof outcome_fields / sizeof outcome_fields[0], (1u << 13) | (1u << 17), -1},
    {"SELECT indicator, regio, site, groep, groepwaarde, periode, t, at_risk, s, ci_laag, ci_hoog FROM uitkomst_curve "
     "WHERE ?1 IS NULL OR indicator = ?1 OR indicator LIKE ?1 || '.%' "
     "ORDER BY indicator, regio, site, groep, groepwaarde, periode, t",
     curve_fields, sizeof curve_fields / sizeof curve_fields[0], 0, 1},  /* stored to one decimal (outcome.c) */
};

/* A CSV field for Dutch Excel: quoted when needed, numbers with a decimal comma. */
static void csv_value(FILE *out, sqlite3_stmt *st, int i, int decimals)
{
    switch (sqlite3_column_type(st, i)) {
    case SQLITE_NULL:
        return;
    case SQLITE_INTEGER:
        fprintf(out, "%lld", (long long)sqlite3_column_int64(st, i));
        return;
    case SQLITE_FLOAT: {
        char buf[64];
        (void)snprintf(buf, sizeof buf, "%.*f", decimals < 0 ? 4 : decimals, sqlite3_column_double(st, i));
        for (char *p = buf; *p; p++)
            if (*p == '.')
                *p = ',';
        fputs(buf, out);
        return;
    }
    default: {
        kr_csv_text(out, (const char *)sqlite3_column_text(st, i), ';', 0);
    }
    }
}

kr_status eng_export(sqlite3 *db, const char *indicator, int json, int curves, FILE *out, long long *rows, char *err,
                     size_t errcap)
{
    const export_kind *K = &kinds[curves ? 1 : 0];
    const size_t nfields = K->nfields;
    const char *const *fields = K->fields;
    sqlite3_stmt *st = NULL;
    json_object *arr = NULL;
    long long n = 0;
    int step = SQLITE_DONE;
    kr_status rc = KR_OK;
    if (sqlite3_prepare_v2(db, K->sql, -1, &st, NULL) != SQLITE_OK) {
        (void)snprintf(err, errcap, _("the outcome table cannot be read: %s"), sqlite3_errmsg(db));
        return KR_EDB;
    }
    if (indicator)
        sqlite3_bind_text(st, 1, indicator, -1, SQLITE_STATIC);
    if (json) {
        if (!(arr = json_object_new_array())) {
            sqlite3_finalize(st);
            (void)snprintf(err, errcap, _("out of memory"));
            return KR_ENOMEM;
        }
    } else {
        fputs("\xEF\xBB\xBF", out);
        for (size_t f = 0; f < nfields; f++)
            fprintf(out, "%s%s", f ? ";" : "", fields[f]);
        fputs("\r\n", out);
    }
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        n++;
        if (json) {
            json_object *o = json_object_new_object();
            for (size_t f = 0; f < nfields; f++) {
                int i = (int)f;
                json_object *v = NULL;
                switch (sqlite3_column_type(st, i)) {
                case SQLITE_INTEGER:
                    v = (K->booleans >> f) & 1u ? json_object_new_boolean(sqlite3_column_int(st, i))
                                         : json_object_new_int64(sqlite3_column_int64(st, i));
                    break;
                case SQLITE_FLOAT:
                    if (K->decimals < 0) {
                        v = json_object_new_double(sqlite3_column_double(st, i));
                    } else {
                        char num[64];
                        (void)snprintf(num, sizeof num, "%.*f", K->decimals, sqlite3_column_double(st, i));
                        v = json_object_new_double_s(sqlite3_column_double(st, i), num);
                    }
                    break;
                case SQLITE_TEXT:
                    v = json_object_new_string((const char *)sqlite3_column_text(st, i));
                    break;
                default:
                    break;
                }
                json_object_object_add(o, fields[f], v);
            }
            json_object_array_add(arr, o);
        } else {
            for (size_t f = 0; f < nfields; f++) {
                if (f)
                    fputc(';', out);
                if ((K->booleans >> f) & 1u)
                    fputs(sqlite3_column_int(st, (int)f) ? "ja" : "nee", out);
                else
                    csv_value(out, st, (int)f, K->decimals);
            }
            fputs("\r\n", out);
        }
    }
    if (step != SQLITE_DONE) {
        /* a read that stopped half-way (the database busy or damaged): the caller must not keep the file */
        (void)snprintf(err, errcap, _("reading the outcome table stopped after %lld rows: %s"), n, sqlite3_errmsg(db));
        rc = KR_EDB;
    }
    sqlite3_finalize(st);
    if (json && rc == KR_OK) {
        fputs(json_object_to_json_string_ext(arr, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE), out);
        fputc('\n', out);
    }
    json_object_put(arr);
    if (rc == KR_OK && ferror(out)) {
        (void)snprintf(err, errcap, _("the output could not be written (disk full?)"));
        rc = KR_EIO;
    }
    if (rows)
        *rows = n;
    return rc;
}
