/*
 * The delivery ledger as the coordinator sees it: every file offered, with its
 * hash, counts and fate (actief, vervangen, geweigerd, ingetrokken), and the
 * withdrawal of a wrongly labelled delivery.
 */
#include "ingest_int.h"
#include "../core/stmt.h"

#include <json-c/json.h>
#include <string.h>

static const char ledger_sql[] =
    "SELECT id, type, organisatie, periode, bestand, sha256, rows_read, rows_accepted, rows_rejected, "
    "rows_skipped, status, ingelezen_op, vervangt, vervangen_door, reden, synthetisch, warnings, bytes, "
    "ingetrokken_op, reden_nl FROM levering WHERE ?1 IS NULL OR status = ?1 ORDER BY id";

static json_object *text_or_null(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL ? NULL : json_object_new_string(kr_column_text(st, i));
}

static json_object *int_or_null(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL ? NULL : json_object_new_int64(sqlite3_column_int64(st, i));
}

kr_status etl_ledger_print(sqlite3 *db, const char *status, int json, FILE *out, char *err, size_t errcap)
{
    sqlite3_stmt *st = NULL;
    json_object *arr = NULL;
    int rows = 0;
    if (kr_stmt_prepare(db, ledger_sql, &st, NULL, 0) != KR_OK ||
        kr_stmt_bind(st, KR_ROW(KR_TEXT(status)), NULL, 0) != KR_OK) {
        sqlite3_finalize(st);
        if (err && errcap)
            kr_strlcpy(err, sqlite3_errmsg(db), errcap);
        return KR_EDB;
    }
    if (json)
        arr = json_object_new_array();
    else
        fprintf(out, "%4s  %-12s %-12s %-7s %-11s %8s %12s %9s %12s  %s\n", "id", _("type"), _("organisation"),
                _("period"), _("status"), _("read"), _("accepted"), _("rejected"), _("skipped"), _("file"));
    while (sqlite3_step(st) == SQLITE_ROW) {
        rows++;
        if (json) {
            json_object *o = json_object_new_object();
            json_object_object_add(o, "id", json_object_new_int64(sqlite3_column_int64(st, 0)));
            json_object_object_add(o, "type", json_object_new_string(kr_column_text(st, 1)));
            json_object_object_add(o, "organisatie", text_or_null(st, 2));
            json_object_object_add(o, "periode", text_or_null(st, 3));
            json_object_object_add(o, "bestand", json_object_new_string(kr_column_text(st, 4)));
            json_object_object_add(o, "sha256", json_object_new_string(kr_column_text(st, 5)));
            json_object_object_add(o, "bytes", json_object_new_int64(sqlite3_column_int64(st, 17)));
            json_object_object_add(o, "rows_read", json_object_new_int64(sqlite3_column_int64(st, 6)));
            json_object_object_add(o, "rows_accepted", json_object_new_int64(sqlite3_column_int64(st, 7)));
            json_object_object_add(o, "rows_rejected", json_object_new_int64(sqlite3_column_int64(st, 8)));
            json_object_object_add(o, "rows_skipped", json_object_new_int64(sqlite3_column_int64(st, 9)));
            json_object_object_add(o, "warnings", json_object_new_int64(sqlite3_column_int64(st, 16)));
            json_object_object_add(o, "status", json_object_new_string(kr_column_text(st, 10)));
            json_object_object_add(o, "ingelezen_op", json_object_new_string(kr_column_text(st, 11)));
            json_object_object_add(o, "vervangt", int_or_null(st, 12));
            json_object_object_add(o, "vervangen_door", int_or_null(st, 13));
            json_object_object_add(o, "reden", text_or_null(st, 14));
            json_object_object_add(o, "reden_nl", text_or_null(st, 19));
            json_object_object_add(o, "synthetisch", sqlite3_column_type(st, 15) == SQLITE_NULL
                                                         ? NULL
                                                         : json_object_new_boolean(sqlite3_column_int(st, 15)));
            json_object_object_add(o, "ingetrokken_op", text_or_null(st, 18));
            json_object_array_add(arr, o);
        } else {
            /* a file whose type was not recognised is stored as onbekend; said in the screen's language */
            const char *type = kr_column_text(st, 1);
            if (strcmp(type, "onbekend") == 0)
                type = _("unknown");
            fprintf(out, "%4lld  %-12s %-12s %-7s %-11s %8lld %12lld %9lld %12lld  %s\n",
                    (long long)sqlite3_column_int64(st, 0), type, kr_column_text(st, 2),
                    kr_column_text(st, 3), kr_column_text(st, 10), (long long)sqlite3_column_int64(st, 6),
                    (long long)sqlite3_column_int64(st, 7), (long long)sqlite3_column_int64(st, 8),
                    (long long)sqlite3_column_int64(st, 9), kr_column_text(st, 4));
            if (sqlite3_column_type(st, 12) != SQLITE_NULL)
                fprintf(out, _("      replaces delivery %lld\n"), (long long)sqlite3_column_int64(st, 12));
            /* the reason in the screen's language; a refusal recorded before schema 6 has only the English */
            int nl = kr_lang_get() == KR_NL && sqlite3_column_type(st, 19) != SQLITE_NULL;
            if (sqlite3_column_type(st, 14) != SQLITE_NULL)
                fprintf(out, "      %s\n", kr_column_text(st, nl ? 19 : 14));
        }
    }
    sqlite3_finalize(st);
    if (json) {
        fputs(json_object_to_json_string_ext(arr, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE), out);
        fputc('\n', out);
        json_object_put(arr);
    } else if (rows == 0) {
        fputs(status ? _("(no deliveries with that status)\n")
                     : _("(no deliveries yet: run 'kansrijk ingest FILE...')\n"), out);
    }
    return KR_OK;
}

kr_status etl_delivery_purge(sqlite3 *db, const char *type, long long id, long long *removed)
{
    char sql[256];
    kr_status rc = KR_OK;
    const char *steps[] = {sql, "DELETE FROM afgewezen WHERE levering_id = ?1",
                           "DELETE FROM waarschuwing WHERE levering_id = ?1", NULL};
    (void)snprintf(sql, sizeof sql,
                   "DELETE FROM %s WHERE levering_id = ?1 AND id BETWEEN "
                   "(SELECT coalesce(eerste_rij, 0) FROM levering WHERE id = ?1) AND "
                   "(SELECT coalesce(laatste_rij, -1) FROM levering WHERE id = ?1)",
                   type);
    if (removed)
        *removed = 0;
    for (size_t i = etl_type_kind(type) == 1 ? 0 : 1; steps[i] && rc == KR_OK; i++) {
        rc = kr_stmt_exec(db, steps[i], KR_ROW(KR_INT(id)), NULL, 0);
        if (rc == KR_OK && i == 0 && removed)
            *removed = sqlite3_changes(db);
    }
    return rc;
}

kr_status etl_ledger_withdraw(sqlite3 *db, long long id, char *msg, size_t msgcap)
{
    sqlite3_stmt *st = NULL;
    kr_status rc = KR_OK;
    char type[32] = "", status[16] = "", now[21];
    if (kr_stmt_prepare(db, "SELECT type, status FROM levering WHERE id = ?", &st, NULL, 0) != KR_OK)
        return KR_EDB;
    if (kr_stmt_bind(st, KR_ROW(KR_INT(id)), NULL, 0) == KR_OK && sqlite3_step(st) == SQLITE_ROW) {
        kr_strlcpy(type, kr_column_text(st, 0), sizeof type);
        kr_strlcpy(status, kr_column_text(st, 1), sizeof status);
    }
    sqlite3_finalize(st);
    st = NULL;
    if (!type[0]) {
        (void)snprintf(msg, msgcap, _("there is no delivery %lld (see 'kansrijk deliveries')"), id);
        return KR_ENOTFOUND;
    }
    if (strcmp(status, "actief") != 0) {
        (void)snprintf(msg, msgcap, _("delivery %lld has status %s; only an active delivery can be withdrawn"), id,
                       status);
        return KR_EUSAGE;
    }
    if (etl_type_kind(type) != 1) {
        (void)snprintf(msg, msgcap,
                       _("delivery %lld is reference data (%s); replace it by ingesting a corrected %s.csv instead"),
                       id, type, type);
        return KR_EUSAGE;
    }
    char why[512];
    if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
        kr_status fail = kr_db_problem(db, why, sizeof why);
        (void)snprintf(msg, msgcap, _("withdrawing delivery %lld failed: %s; nothing changed"), id, why);
        return fail;
    }
    long long removed = 0;
    rc = etl_delivery_purge(db, type, id, &removed);
    kr_now_iso(now);
    if (rc == KR_OK)
        rc = kr_stmt_exec(db, "UPDATE levering SET status = 'ingetrokken', ingetrokken_op = ?2 WHERE id = ?1",
                          KR_ROW(KR_INT(id), KR_TEXT(now)), NULL, 0);
    if (rc == KR_OK && sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK) {
        (void)snprintf(msg, msgcap, P_("delivery %lld withdrawn: %lld row removed; its ledger entry stays as "
                                       "'ingetrokken'",
                                       "delivery %lld withdrawn: %lld rows removed; its ledger entry stays as "
                                       "'ingetrokken'",
                                       removed),
                       id, removed);
        /* a withdrawn correction leaves its type, organisation and period without an active delivery: the one it
         * replaced does not come back by itself */
        if (kr_stmt_prepare(db,
                            "SELECT p.bestand FROM levering w JOIN levering p ON p.type = w.type AND "
                            "p.organisatie = w.organisatie AND p.periode = w.periode AND p.status = 'vervangen' "
                            "WHERE w.id = ? ORDER BY p.id DESC LIMIT 1",
                            &st, NULL, 0) == KR_OK &&
            kr_stmt_bind(st, KR_ROW(KR_INT(id)), NULL, 0) == KR_OK && sqlite3_step(st) == SQLITE_ROW) {
            size_t l = strlen(msg);
            (void)snprintf(msg + l, msgcap - l,
                           _("; the delivery it replaced (%s) does not come back by itself: send it again with "
                             "'kansrijk ingest --opnieuw %s' if it should count"),
                           kr_column_text(st, 0), kr_column_text(st, 0));
        }
        sqlite3_finalize(st);
        return KR_OK;
    }
    kr_status fail = kr_db_problem(db, why, sizeof why);  /* before the ROLLBACK, which clears the cause */
    (void)sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    (void)snprintf(msg, msgcap, _("withdrawing delivery %lld failed: %s; nothing changed"), id, why);
    return fail;
}

/* ---- the ledger within a run -------------------------------------------------------------------- */

/*
 * The ledger's entries of this delivery's identity (type, organisation, period) that count: id, sha256, status and
 * rows_accepted, oldest first. *st NULL and KR_EDB when the ledger cannot be read.
 */
static kr_status identity_entries(run *R, sqlite3_stmt **st)
{
    int ref = R->type->reference;  /* reference data has no organisation and no period */
    if (kr_stmt_prepare(R->s->db,
                        "SELECT id, sha256, status, rows_accepted FROM levering WHERE type = ?1 AND organisatie IS ?2 "
                        "AND periode IS ?3 AND status IN ('actief', 'vervangen', 'ingetrokken') ORDER BY id",
                        st, NULL, 0) != KR_OK ||
        kr_stmt_bind(*st, KR_ROW(KR_TEXT(R->type->name), ref ? KR_NULL : KR_TEXT(R->org),
                                 ref ? KR_NULL : KR_TEXT(R->period.label)), NULL, 0) != KR_OK) {
        sqlite3_finalize(*st);
        *st = NULL;
        return KR_EDB;
    }
    return KR_OK;
}

/* 1 when the entry at st's row holds this file's bytes. */
static int same_bytes(const run *R, sqlite3_stmt *st)
{
    const char *sha = (const char *)sqlite3_column_text(st, 1);
    return sha && strcmp(sha, R->res->sha256) == 0;
}

/*
 * The ledger's view of this delivery's identity: the active delivery (*active_id, 0 when none,
 * with its accepted rows in R->prev_accepted), whether it holds the same bytes (*active_same),
 * and which replaced or withdrawn one does (*old_same, its id; 0 when none). Run inside the write transaction,
 * so that no other ingest of the identity can come between the look-up and the store. KR_EDB
 * when the ledger cannot be read (SQLite's error stays on the connection for kr_db_problem).
 */
kr_status etl_find_identity(run *R, long long *active_id, int *active_same, long long *old_same)
{
    sqlite3_stmt *st = NULL;
    int rc;
    *active_id = 0;
    *active_same = *old_same = 0;
    R->prev_accepted = 0;
    if (identity_entries(R, &st) != KR_OK)
        return KR_EDB;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *status = (const char *)sqlite3_column_text(st, 2);
        if (strcmp(status, "actief") == 0) {
            *active_id = sqlite3_column_int64(st, 0);
            *active_same = same_bytes(R, st);
            R->prev_accepted = sqlite3_column_int64(st, 3);
        } else if (same_bytes(R, st)) {
            *old_same = sqlite3_column_int64(st, 0);  /* the latest, as the ledger lists them by id */
        }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? KR_OK : KR_EDB;
}

/*
 * The same answers as etl_find_identity for a hash known only after the look-up (a file is read
 * once, while it is stored): whether delivery prev (the active one then, perhaps retired since)
 * holds the same bytes (*active_same) or which replaced or withdrawn one does (*old_same, its id; 0 when none). This
 * run's own entry does not count.
 */
kr_status etl_find_same_bytes(run *R, long long prev, int *active_same, long long *old_same)
{
    sqlite3_stmt *st = NULL;
    int rc;
    *active_same = *old_same = 0;
    if (identity_entries(R, &st) != KR_OK)
        return KR_EDB;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        long long id = sqlite3_column_int64(st, 0);
        if (id == R->lev_id || !same_bytes(R, st))
            continue;
        if (id == prev)
            *active_same = 1;
        else
            *old_same = id;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? KR_OK : KR_EDB;
}

/*
 * An active delivery of another identity (type, organisation or period) that holds this file's bytes: its id (0 when
 * none) and "type organisation period" in what (cap bytes). The whole file's hash must be known.
 */
kr_status etl_find_other_identity(run *R, long long *id, char *what, size_t cap)
{
    sqlite3_stmt *st = NULL;
    kr_status rc = KR_OK;
    *id = 0;
    if (cap)
        what[0] = '\0';
    if (kr_stmt_prepare(R->s->db,
                        "SELECT id, type, coalesce(organisatie, ''), coalesce(periode, '') FROM levering "
                        "WHERE sha256 = ?1 AND status = 'actief' AND id IS NOT ?2 "
                        "AND NOT (type = ?3 AND organisatie IS ?4 AND periode IS ?5) ORDER BY id LIMIT 1",
                        &st, NULL, 0) != KR_OK ||
        kr_stmt_bind(st, KR_ROW(KR_TEXT(R->res->sha256), R->lev_id ? KR_INT(R->lev_id) : KR_NULL,
                                KR_TEXT(R->type->name), KR_TEXT(R->org), KR_TEXT(R->period.label)), NULL, 0) != KR_OK)
        rc = KR_EDB;
    int s = rc == KR_OK ? sqlite3_step(st) : SQLITE_ERROR;
    if (s == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        (void)snprintf(what, cap, "%s %s %s", kr_column_text(st, 1), kr_column_text(st, 2), kr_column_text(st, 3));
    } else if (s != SQLITE_DONE) {
        rc = KR_EDB;
    }
    sqlite3_finalize(st);
    return rc;
}

/*
 * The organisations with an active delivery that the organisaties table, as this run has filled it, leaves out: how
 * many (*n) and their codes, in order ("A, B", cap bytes). Run inside the transaction that replaces the list.
 */
kr_status etl_dropped_organisations(run *R, long long *n, char *codes, size_t cap)
{
    sqlite3_stmt *st = NULL;
    kr_status rc = kr_stmt_prepare(R->s->db,
                                   "SELECT count(*), coalesce(group_concat(o, ', '), '') FROM (SELECT DISTINCT "
                                   "organisatie AS o FROM levering WHERE status = 'actief' AND organisatie IS NOT NULL "
                                   "AND organisatie NOT IN (SELECT code FROM organisaties) ORDER BY 1)",
                                   &st, NULL, 0);
    *n = 0;
    if (cap)
        codes[0] = '\0';
    if (rc == KR_OK && sqlite3_step(st) == SQLITE_ROW) {
        *n = sqlite3_column_int64(st, 0);
        kr_strlcpy(codes, kr_column_text(st, 1), cap);
    } else {
        rc = KR_EDB;
    }
    sqlite3_finalize(st);
    return rc;
}

/*
 * Insert this delivery's ledger entry with status (and synthetisch unless -1); *id gets its id,
 * or 0 when the insert failed (then kr_stmt_exec's status).
 */
kr_status etl_insert_ledger(run *R, const char *status, int synthetisch, long long *id)
{
    char now[21], first[11] = "", last[11] = "";
    const etl_result *res = R->res;
    kr_status rc;
    int ref = R->type && R->type->reference;  /* reference data has no organisation and no period */
    int refused = res->refusal != KR_OK;
    kr_now_iso(now);
    if (!ref && res->period[0]) {
        kr_date_format(R->period.first, first);
        kr_date_format(R->period.last, last);
    }
    *id = 0;
    rc = kr_stmt_exec(R->s->db,
                      "INSERT INTO levering (type, organisatie, periode, periode_begin, periode_eind, bestand, "
                      "sha256, bytes, dialect, rows_read, rows_accepted, rows_rejected, rows_skipped, warnings, "
                      "status, reden, reden_code, synthetisch, ingelezen_op, reden_nl) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
                      "?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)",
                      KR_ROW(KR_TEXT(res->type[0] ? res->type : "onbekend"), ref ? KR_NULL : kr_text_or_null(res->org),
                             ref ? KR_NULL : kr_text_or_null(res->period), kr_text_or_null(first),
                             kr_text_or_null(last),
                             KR_TEXT(res->file), KR_TEXT(res->sha256), KR_INT(res->bytes), KR_TEXT(res->dialect),
                             KR_INT(res->rows_read), KR_INT(res->rows_accepted), KR_INT(res->rows_rejected),
                             KR_INT(res->rows_skipped), KR_INT(res->warnings), KR_TEXT(status),
                             refused ? KR_TEXT(res->refusal_en) : KR_NULL,
                             refused ? KR_TEXT(kr_status_id(res->refusal)) : KR_NULL,
                             synthetisch >= 0 ? KR_INT(synthetisch) : KR_NULL, KR_TEXT(now),
                             refused ? KR_TEXT(res->refusal_nl) : KR_NULL),
                      NULL, 0);
    if (rc == KR_OK)
        *id = sqlite3_last_insert_rowid(R->s->db);
    return rc;
}

/*
 * Record a refusal in the ledger, in a transaction of its own. Not when the
 * refusal was that the database stayed locked: this would wait the whole
 * busy timeout a second time and most likely fail the same way (the refusal
 * message says that nothing was stored and to run the command again).
 */
void etl_record_refusal(run *R)
{
    if (R->s->o->dry_run || R->s->db == NULL || R->busy)
        return;
    /* counts of a refused delivery describe what was read, not stored */
    if (sqlite3_exec(R->s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return;
    if (etl_insert_ledger(R, "geweigerd", -1, &R->res->delivery_id) != KR_OK ||
        sqlite3_exec(R->s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        (void)sqlite3_exec(R->s->db, "ROLLBACK", NULL, NULL, NULL);
        R->res->delivery_id = 0;  /* not in the ledger after all: the summary must not say it is */
    }
}

kr_status etl_prepare_statements(run *R)
{
    kr_buf sql;
    kr_status st = KR_OK;
    const etl_type *t = R->type;
    kr_buf_init(&sql, 4096);
    kr_buf_printf(&sql, "INSERT INTO %s (levering_id, regel%s", t->name, t->reference ? "" : ", sleutel");
    for (size_t c = 0; c < t->ncols; c++)
        kr_buf_printf(&sql, ", %s", t->cols[c].name);
    kr_buf_puts(&sql, ") VALUES (?, ?");
    for (size_t c = 0; c < t->ncols + (t->reference ? 0 : 1); c++)
        kr_buf_puts(&sql, ", ?");
    if (kr_buf_puts(&sql, ")") != KR_OK)
        st = KR_ENOMEM;
    if (st == KR_OK && kr_stmt_prepare(R->s->db, sql.data, &R->ins, NULL, 0) != KR_OK)
        st = KR_EDB;
    if (st == KR_OK && kr_stmt_prepare(R->s->db,
                                       "INSERT INTO afgewezen (levering_id, regel, kolom, waarde, code, melding, "
                                       "melding_nl) VALUES (?, coalesce(?, 0), ?, ?, ?, ?, ?)",
                                       &R->ins_rej, NULL, 0) != KR_OK)
        st = KR_EDB;
    if (st == KR_OK && kr_stmt_prepare(R->s->db,
                                       "INSERT INTO waarschuwing (levering_id, regel, kolom, waarde, code, melding, "
                                       "melding_nl) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                       &R->ins_warn, NULL, 0) != KR_OK)
        st = KR_EDB;
    if (st == KR_EDB)
        etl_db_failed(R);
    kr_buf_fini(&sql);
    return st;
}

void etl_finalize_statements(run *R)
{
    sqlite3_finalize(R->ins);
    sqlite3_finalize(R->ins_rej);
    sqlite3_finalize(R->ins_warn);
    R->ins = R->ins_rej = R->ins_warn = NULL;
}

/*
 * Take the earlier active delivery of the same identity out of the way, inside the open
 * transaction and before this delivery's ledger entry is inserted as 'actief': the unique
 * index levering_actief allows one active delivery per identity at any moment.
 */
kr_status etl_retire_previous(run *R, long long prev)
{
    return kr_stmt_exec(R->s->db, "UPDATE levering SET status = 'vervangen' WHERE id = ?1", KR_ROW(KR_INT(prev)),
                        NULL, 0);
}

/*
 * The records of extract delivery prev whose record key this delivery's rows do not hold: what a correction leaves
 * out is gone once prev's rows go, and the coordinator is told how many (a partial export looks like a correction).
 */
static kr_status count_left_out(run *R, long long prev, long long *n)
{
    char sql[512];
    sqlite3_stmt *st = NULL;
    *n = 0;
    if (R->type->reference)
        return KR_OK;
    (void)snprintf(sql, sizeof sql,
                   "SELECT count(*) FROM (SELECT sleutel FROM %s WHERE levering_id = ?1 AND id BETWEEN "
                   "(SELECT coalesce(eerste_rij, 0) FROM levering WHERE id = ?1) AND "
                   "(SELECT coalesce(laatste_rij, -1) FROM levering WHERE id = ?1) "
                   "EXCEPT SELECT sleutel FROM %s WHERE id BETWEEN ?2 AND ?3)",
                   R->type->name, R->type->name);
    kr_status rc = kr_stmt_prepare(R->s->db, sql, &st, NULL, 0);
    if (rc == KR_OK)
        rc = kr_stmt_bind(st, KR_ROW(KR_INT(prev), KR_INT(R->first_rowid ? R->first_rowid : 1),
                                     KR_INT(R->first_rowid ? R->last_rowid : 0)), NULL, 0);
    if (rc == KR_OK && sqlite3_step(st) == SQLITE_ROW)
        *n = sqlite3_column_int64(st, 0);
    else if (rc == KR_OK)
        rc = KR_EDB;
    sqlite3_finalize(st);
    return rc;
}

/* Replace the earlier delivery (retired by etl_retire_previous): its rows go, both entries point at each other. */
kr_status etl_replace_previous(run *R, long long prev)
{
    static const char *const marks[] = {
        "UPDATE levering SET vervangen_door = ?2 WHERE id = ?1",
        "UPDATE levering SET vervangt = ?1 WHERE id = ?2",
        NULL,
    };
    kr_status rc = count_left_out(R, prev, &R->res->left_out);
    if (rc == KR_OK)
        rc = etl_delivery_purge(R->s->db, R->type->name, prev, NULL);
    for (size_t i = 0; marks[i] && rc == KR_OK; i++)
        rc = kr_stmt_exec(R->s->db, marks[i], KR_ROW(KR_INT(prev), KR_INT(R->lev_id)), NULL, 0);
    R->res->replaced_id = prev;
    return rc;
}

kr_status etl_finish_ledger(run *R)
{
    const etl_result *res = R->res;
    int rows = R->first_rowid != 0;  /* the range of rows this delivery stored, when it stored any */
    /* the hash and size are known once the file is read to its end */
    return kr_stmt_exec(R->s->db,
                        "UPDATE levering SET rows_read = ?2, rows_accepted = ?3, rows_rejected = ?4, "
                        "rows_skipped = ?5, warnings = ?6, eerste_rij = ?7, laatste_rij = ?8, dialect = ?9, "
                        "sha256 = ?10, bytes = ?11 WHERE id = ?1",
                        KR_ROW(KR_INT(R->lev_id), KR_INT(res->rows_read), KR_INT(res->rows_accepted),
                               KR_INT(res->rows_rejected), KR_INT(res->rows_skipped), KR_INT(res->warnings),
                               rows ? KR_INT(R->first_rowid) : KR_NULL, rows ? KR_INT(R->last_rowid) : KR_NULL,
                               KR_TEXT(res->dialect), KR_TEXT(res->sha256), KR_INT(res->bytes)),
                        NULL, 0);
}
