/*
 * `kansrijk spec`: the extract specification for partners, printed from the
 * same tables that validation reads — as Markdown (Dutch) or as Frictionless
 * Table Schema JSON, so partners can check files with tools of their own.
 */
#include "etl_int.h"

#include <json-c/json.h>
#include <string.h>

static const char *type_word(const etl_column *c)
{
    switch (c->type) {
    case ETL_PSEUDONYM: return "pseudoniem (64 hex)";
    case ETL_DATE: return "datum";
    case ETL_CODE: return "code";
    case ETL_CODELIST: return "lijst van codes (|)";
    case ETL_ORG: return "organisatiecode (register)";
    case ETL_GEMEENTE: return "gemeentecode (register)";
    case ETL_GESTATION: return "zwangerschapsduur";
    case ETL_INT: return "geheel getal";
    case ETL_NUMBER: return "getal";
    case ETL_TEXT: return "tekst";
    case ETL_PERIOD: return "periode";
    case ETL_INDICATOR: return "indicator-id";
    case ETL_REGIO: return "regiocode";
    case ETL_SITE: return "sitecode";
    case ETL_XTYPE: return "soort extract";
    case ETL_ORGCODE: return "organisatiecode";
    case ETL_GMCODE: return "gemeentecode";
    case ETL_REGIOCODE: return "code";
    }
    return "tekst";
}

static void print_md(FILE *out, const etl_type *t)
{
    fprintf(out, "## %s\n\n%s.\n\n", t->name, t->doc);
    if (t->reference)
        fprintf(out, "Bestandsnaam: `%s.csv`. Een nieuw bestand vervangt de hele lijst.\n\n", t->name);
    else
        fprintf(out, "Bestandsnaam: `%s_<organisatie>_<periode>.csv`, bijvoorbeeld `%s_JGZ-ZL_2025Q2.csv`.\n\n",
                t->name, t->name);
    fputs("| kolom | verplicht | soort | toegestane waarden | toelichting |\n|---|---|---|---|---|\n", out);
    for (size_t c = 0; c < t->ncols; c++) {
        const etl_column *col = &t->cols[c];
        fprintf(out, "| `%s` | %s | %s | ", col->name, (col->flags & ETL_REQ) ? "ja" : "nee", type_word(col));
        if (col->codes) {
            for (size_t i = 0; col->codes[i]; i++)
                fprintf(out, "%s`%s`", i ? " " : "", col->codes[i]);
        } else if (col->type == ETL_INT || col->type == ETL_GESTATION) {
            fprintf(out, "%ld..%ld%s", col->min, col->max, col->type == ETL_GESTATION ? " dagen" : "");
        }
        fprintf(out, " | %s%s |\n", col->doc, (col->flags & ETL_KEY) && !t->reference ? " (sleutel)" : "");
    }
    if (!t->reference) {
        fputs("\nSleutel: de aanleverende organisatie en de kolommen gemarkeerd met (sleutel). ", out);
        fputs("Komt een record in een latere periode opnieuw, dan geldt de versie van de laatste periode.\n", out);
    }
    fputc('\n', out);
}

static json_object *field_json(const etl_column *col)
{
    json_object *f = json_object_new_object(), *cons = json_object_new_object();
    const char *type = "string", *format = NULL, *pattern = NULL;
    switch (col->type) {
    case ETL_DATE: type = "date"; format = "any"; break;
    case ETL_INT: type = "integer"; break;
    case ETL_NUMBER: type = "number"; break;
    case ETL_PSEUDONYM: pattern = "[0-9A-Fa-f]{64}"; break;
    case ETL_GEMEENTE:
    case ETL_GMCODE: pattern = "[Gg][Mm][0-9]{4}"; break;
    case ETL_ORG:
    case ETL_ORGCODE: pattern = "[A-Za-z0-9-]{1,32}"; break;
    case ETL_GESTATION: pattern = "[0-9]{1,3}|[0-9]{1,2}\\+[0-6]"; break;
    case ETL_PERIOD: pattern = "[0-9]{4}(-?[Qq][1-4])?"; break;
    case ETL_INDICATOR: pattern = "[a-z][a-z0-9_]*(\\.[a-z0-9_]+)+"; break;
    default: break;
    }
    json_object_object_add(f, "name", json_object_new_string(col->name));
    json_object_object_add(f, "type", json_object_new_string(type));
    if (format)
        json_object_object_add(f, "format", json_object_new_string(format));
    json_object_object_add(f, "description", json_object_new_string(col->doc));
    if (col->flags & ETL_REQ)
        json_object_object_add(cons, "required", json_object_new_boolean(1));
    if (col->codes && col->type == ETL_CODE) {
        json_object *e = json_object_new_array();
        for (size_t i = 0; col->codes[i]; i++)
            json_object_array_add(e, json_object_new_string(col->codes[i]));
        json_object_object_add(cons, "enum", e);
    }
    if (col->codes && col->type == ETL_CODELIST) {
        char pat[1024];
        size_t k = 0;
        k += (size_t)snprintf(pat + k, sizeof pat - k, "(");
        for (size_t i = 0; col->codes[i] && k < sizeof pat; i++)
            k += (size_t)snprintf(pat + k, sizeof pat - k, "%s%s", i ? "|" : "", col->codes[i]);
        if (k < sizeof pat) {
            char full[2200];
            (void)snprintf(full, sizeof full, "%s)(\\|%s)*", pat, pat);
            json_object_object_add(cons, "pattern", json_object_new_string(full));
        }
    }
    if (pattern)
        json_object_object_add(cons, "pattern", json_object_new_string(pattern));
    if (col->type == ETL_INT) {
        json_object_object_add(cons, "minimum", json_object_new_int64(col->min));
        json_object_object_add(cons, "maximum", json_object_new_int64(col->max));
    }
    if (json_object_object_length(cons))
        json_object_object_add(f, "constraints", cons);
    else
        json_object_put(cons);
    return f;
}

static json_object *schema_json(const etl_type *t)
{
    json_object *s = json_object_new_object(), *fields = json_object_new_array(), *pk = json_object_new_array();
    json_object_object_add(s, "name", json_object_new_string(t->name));
    json_object_object_add(s, "description", json_object_new_string(t->doc));
    for (size_t c = 0; c < t->ncols; c++) {
        json_object_array_add(fields, field_json(&t->cols[c]));
        if (t->cols[c].flags & ETL_KEY)
            json_object_array_add(pk, json_object_new_string(t->cols[c].name));
    }
    json_object_object_add(s, "fields", fields);
    json_object_object_add(s, "primaryKey", pk);
    json_object *miss = json_object_new_array();
    json_object_array_add(miss, json_object_new_string(""));
    json_object_object_add(s, "missingValues", miss);
    return s;
}

kr_status etl_spec_print(FILE *out, const char *type, const char *format)
{
    const etl_type *only = NULL;
    int md;
    if (format == NULL || strcmp(format, "md") == 0)
        md = 1;
    else if (strcmp(format, "tableschema") == 0)
        md = 0;
    else
        return KR_EUSAGE;
    if (type) {
        only = etl_type_find(type, strlen(type));
        if (!only)
            return KR_ENOTFOUND;
    }
    if (md) {
        if (!only) {
            fputs("# Aanleverspecificatie kansrijk, versie 1\n\n"
                  "CSV-bestanden, één soort extract per bestand. Scheidingsteken `;` (of `,` of TAB), "
                  "UTF-8 (met of zonder BOM) of Windows-1252. Kolomnamen zijn niet hoofdlettergevoelig; "
                  "de volgorde is vrij. Datums als `dd-mm-jjjj`, `d-m-jjjj` of `jjjj-mm-dd`. "
                  "Codes zijn niet hoofdlettergevoelig. Een kolom `organisatie` mag ontbreken of leeg zijn: "
                  "dan geldt de aanleverende organisatie.\n\n"
                  "Bestanden met direct identificerende gegevens (BSN, naam, adres, postcode, "
                  "geboortedatum van de moeder, telefoon, e-mail) worden in hun geheel geweigerd.\n\n"
                  "Een nieuw bestand voor dezelfde soort, organisatie en periode is een correctie: het vervangt "
                  "de eerdere levering helemaal, dus stuur altijd het volledige bestand. Een correctie met minder "
                  "dan de helft van de rijen van de levering die zij vervangt wordt geweigerd, omdat dat meestal "
                  "een onvolledige export is; is de levering echt zoveel kleiner, meld dat dan aan de "
                  "datacoördinator.\n\n",
                  out);
        }
        for (size_t i = 0; i < etl_ntypes; i++)
            if (!only || only == &etl_types[i])
                print_md(out, &etl_types[i]);
        return KR_OK;
    }
    json_object *root;
    if (only) {
        root = schema_json(only);
    } else {
        root = json_object_new_object();
        json_object_object_add(root, "profile", json_object_new_string("kansrijk-aanleverspecificatie"));
        json_object_object_add(root, "version", json_object_new_string("1"));
        json_object *res = json_object_new_array();
        for (size_t i = 0; i < etl_ntypes; i++) {
            json_object *r = json_object_new_object();
            json_object_object_add(r, "name", json_object_new_string(etl_types[i].name));
            json_object_object_add(r, "schema", schema_json(&etl_types[i]));
            json_object_array_add(res, r);
        }
        json_object_object_add(root, "resources", res);
    }
    fputs(json_object_to_json_string_ext(root, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE), out);
    fputc('\n', out);
    json_object_put(root);
    return KR_OK;
}
