/*
 * What a person reads after an ingest or validate: a short summary per file
 * (accepted, rejected by reason with the first line numbers, warnings), and
 * with --json one Frictionless-shaped report for all files. Values shown here
 * are already masked.
 */
#include "etl_int.h"

#include <json-c/json.h>
#include <string.h>

/* The message of the issue at line of reason z, in the screen's language; NULL when it is not listed. */
static const char *line_message(const etl_result *r, const etl_reason *z, long line)
{
    const etl_issue *list = z->warning ? r->warns : r->errors;
    size_t n = z->warning ? r->nwarns : r->nerrors;
    for (size_t i = 0; i < n; i++)
        if (list[i].line == line && list[i].code == z->code && strcmp(list[i].column, z->column) == 0)
            return kr_lang_get() == KR_EN ? list[i].msg_en : list[i].msg_nl;
    return NULL;
}

/*
 * Rows rejected (or warned about) by reason and column: one line with the column and the message when every line
 * listed has the same one, else the column and the reason in words, then each listed line with its own message (a
 * value, a count found), so no line shows another's detail. The stable reason codes are in --json.
 */
static void print_reasons(FILE *out, const etl_result *r, int warnings)
{
    int any = 0, en = kr_lang_get() == KR_EN;
    for (size_t i = 0; i < r->nreasons; i++) {
        const etl_reason *z = &r->reasons[i];
        if (z->warning != warnings)
            continue;
        if (!any)
            fprintf(out, "  %s:\n", warnings ? _("warnings") : _("rejected"));
        any = 1;
        const char *example = en ? z->example : z->example_nl;
        int same = 1;
        for (int k = 0; k < z->nlines && same; k++) {
            const char *m = line_message(r, z, z->lines[k]);
            same = m && strcmp(m, example) == 0;
        }
        fprintf(out, "    %5ld × ", z->count);
        if (z->column[0])
            fprintf(out, "%s: ", z->column);
        if (same) {
            fputs(example, out);
            if (z->nlines) {
                fprintf(out, " — %s", P_("line", "lines", z->count));
                for (int k = 0; k < z->nlines; k++)
                    fprintf(out, "%s %ld", k ? "," : "", z->lines[k]);
                if (z->count > z->nlines)
                    fputs(", ...", out);
            }
            fputc('\n', out);
            continue;
        }
        fprintf(out, "%s:\n", kr_strerror(z->code));
        for (int k = 0; k < z->nlines; k++) {
            const char *m = line_message(r, z, z->lines[k]);
            fputs("          ", out);
            fprintf(out, _("line %ld: %s\n"), z->lines[k], m ? m : example);
        }
        if (z->count > z->nlines) {
            long more = z->count - z->nlines;
            fprintf(out, "          ");
            fprintf(out, P_("... and %ld more line\n", "... and %ld more lines\n", more), more);
        }
    }
}

/* s as the screen shows it, in out: a masked value reads [hidden] beside English messages. */
static const char *on_screen(const char *s, char *out, size_t cap)
{
    kr_strlcpy(out, s, cap);
    if (kr_lang_get() == KR_EN)
        kr_hidden_in_english(out);
    return out;
}

void etl_result_print(FILE *out, const etl_result *r)
{
    char file[sizeof r->file], org[sizeof r->org];
    fputs(on_screen(r->file, file, sizeof file), out);
    if (r->type[0]) {
        on_screen(r->org, org, sizeof org);
        fprintf(out, "  [%s%s%s%s%s]", r->type, org[0] ? " " : "", org, r->period[0] ? " " : "", r->period);
    }
    if (r->dialect[0])
        fprintf(out, "  (%s)", r->dialect);
    fputc('\n', out);
    if (r->refusal != KR_OK) {
        fprintf(out, "  %s: %s\n", _("REFUSED"), kr_lang_get() == KR_EN ? r->refusal_en : r->refusal_nl);
        fprintf(out, "  %s", _("Nothing of this file was stored."));
        if (r->delivery_id) {
            fputc(' ', out);
            fprintf(out, _("The refusal is in the ledger as delivery %lld."), r->delivery_id);
        }
        fputc('\n', out);
        if (r->rows_read) {
            fputs("  ", out);
            fprintf(out, P_("read %ld row before refusing: %ld valid, %ld rejected\n",
                            "read %ld rows before refusing: %ld valid, %ld rejected\n", r->rows_read),
                    r->rows_read, r->rows_accepted, r->rows_rejected);
        }
        print_reasons(out, r, 0);
        return;
    }
    if (strcmp(r->outcome, "identiek") == 0) {
        fputs("  ", out);
        fprintf(out, _("identical to active delivery %lld: recognised, nothing changed\n"), r->delivery_id);
        return;
    }
    fputs("  ", out);
    fprintf(out, P_("%ld row read: ", "%ld rows read: ", r->rows_read), r->rows_read);
    fprintf(out, _("%ld accepted, %ld rejected, %ld skipped; "), r->rows_accepted, r->rows_rejected, r->rows_skipped);
    fprintf(out, P_("%ld warning\n", "%ld warnings\n", r->warnings), r->warnings);
    if (r->delivery_id) {
        fputs("  ", out);
        fprintf(out, _("stored as delivery %lld"), r->delivery_id);
        if (r->replaced_id)
            fprintf(out, _(", replacing delivery %lld (a correction)"), r->replaced_id);
        fputc('\n', out);
        if (r->left_out) {
            fputs("  ", out);
            fprintf(out,
                    P_("%lld record of delivery %lld is not in this file, and no longer counts; if that is not meant, "
                       "send the whole file again\n",
                       "%lld records of delivery %lld are not in this file, and no longer count; if that is not "
                       "meant, send the whole file again\n",
                       r->left_out),
                    r->left_out, r->replaced_id);
        }
    } else {
        fprintf(out, "  %s\n", _("validated only: nothing stored"));
    }
    print_reasons(out, r, 0);
    print_reasons(out, r, 1);
}

static json_object *issue_json(const etl_issue *is)
{
    json_object *o = json_object_new_object();
    json_object_object_add(o, "type", json_object_new_string(kr_status_frictionless(is->code)));
    json_object_object_add(o, "code", json_object_new_string(kr_status_id(is->code)));
    json_object_object_add(o, "rowNumber", is->line > 0 ? json_object_new_int64(is->line) : NULL);
    json_object_object_add(o, "fieldName", is->column[0] ? json_object_new_string(is->column) : NULL);
    json_object_object_add(o, "cell", is->line > 0 && is->column[0] ? json_object_new_string(is->value) : NULL);
    json_object_object_add(o, "message", json_object_new_string(is->msg_en));
    json_object_object_add(o, "bericht", json_object_new_string(is->msg_nl));
    return o;
}

static long count_errors(const etl_result *r)
{
    long n = r->refusal != KR_OK;
    for (size_t i = 0; i < r->nreasons; i++)
        if (!r->reasons[i].warning)
            n += r->reasons[i].count;
    return n;
}

char *etl_results_json(const etl_result *rs, size_t n)
{
    json_object *root = json_object_new_object(), *tasks = json_object_new_array();
    long long rows = 0, errors = 0, warnings = 0;
    int valid = 1;
    for (size_t i = 0; i < n; i++) {
        const etl_result *r = &rs[i];
        json_object *t = json_object_new_object(), *st = json_object_new_object(), *errs = json_object_new_array(),
                    *warns = json_object_new_array(), *dl = json_object_new_object();
        long ne = count_errors(r);
        int tvalid = ne == 0;
        rows += r->rows_read;
        errors += ne;
        warnings += r->warnings;
        valid &= tvalid;
        json_object_object_add(t, "name", json_object_new_string(r->file));
        json_object_object_add(t, "place", json_object_new_string(r->path));
        json_object_object_add(t, "valid", json_object_new_boolean(tvalid));
        json_object_object_add(t, "exitCode", json_object_new_int(r->exit_code));
        json_object_object_add(dl, "id", r->delivery_id ? json_object_new_int64(r->delivery_id) : NULL);
        json_object_object_add(dl, "type", r->type[0] ? json_object_new_string(r->type) : NULL);
        json_object_object_add(dl, "organisatie", r->org[0] ? json_object_new_string(r->org) : NULL);
        json_object_object_add(dl, "periode", r->period[0] ? json_object_new_string(r->period) : NULL);
        json_object_object_add(dl, "sha256", r->sha256[0] ? json_object_new_string(r->sha256) : NULL);
        json_object_object_add(dl, "bytes", json_object_new_int64(r->bytes));
        json_object_object_add(dl, "dialect", r->dialect[0] ? json_object_new_string(r->dialect) : NULL);
        json_object_object_add(dl, "status", json_object_new_string(r->outcome ? r->outcome : "geweigerd"));
        json_object_object_add(dl, "vervangt", r->replaced_id ? json_object_new_int64(r->replaced_id) : NULL);
        if (r->replaced_id)
            json_object_object_add(dl, "weggelaten_records", json_object_new_int64(r->left_out));
        json_object_object_add(t, "delivery", dl);
        json_object_object_add(st, "rows", json_object_new_int64(r->rows_read));
        json_object_object_add(st, "accepted", json_object_new_int64(r->rows_accepted));
        json_object_object_add(st, "rejected", json_object_new_int64(r->rows_rejected));
        json_object_object_add(st, "skipped", json_object_new_int64(r->rows_skipped));
        json_object_object_add(st, "errors", json_object_new_int64(ne));
        json_object_object_add(st, "warnings", json_object_new_int64(r->warnings));
        json_object_object_add(st, "errorsListed", json_object_new_int64((int64_t)r->nerrors + (r->refusal != KR_OK)));
        json_object_object_add(t, "stats", st);
        if (r->refusal != KR_OK) {
            etl_issue is;
            memset(&is, 0, sizeof is);
            is.code = r->refusal;
            kr_strlcpy(is.msg_en, r->refusal_en, sizeof is.msg_en);
            kr_strlcpy(is.msg_nl, r->refusal_nl, sizeof is.msg_nl);
            json_object_array_add(errs, issue_json(&is));
        }
        for (size_t k = 0; k < r->nerrors; k++)
            json_object_array_add(errs, issue_json(&r->errors[k]));
        for (size_t k = 0; k < r->nwarns; k++)
            json_object_array_add(warns, issue_json(&r->warns[k]));
        json_object_object_add(t, "errors", errs);
        json_object_object_add(t, "warnings", warns);
        json_object_array_add(tasks, t);
    }
    json_object *st = json_object_new_object();
    json_object_object_add(st, "rows", json_object_new_int64(rows));
    json_object_object_add(st, "errors", json_object_new_int64(errors));
    json_object_object_add(st, "warnings", json_object_new_int64(warnings));
    json_object_object_add(st, "tasks", json_object_new_int64((int64_t)n));
    json_object_object_add(root, "valid", json_object_new_boolean(valid));
    json_object_object_add(root, "stats", st);
    json_object_object_add(root, "tasks", tasks);
    char *s = strdup(json_object_to_json_string_ext(root, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE));
    json_object_put(root);
    return s;
}
