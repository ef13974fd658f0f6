/*
 * The learning track's --bron: regions do not share row-level data, so the vergelijk report
 * can be built from several regions' `kansrijk export --format json` files alone. Each file
 * is checked before anything of it is used: that it is such an export, that it shows no
 * count of persons from 1 to 9, and that its catalogue is this kansrijk's.
 */
#include "rpt_int.h"

#include <json-c/json.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define BRON_MAX_BYTES (512L * 1024L * 1024L)

/* The base name of a path, for messages. */
static const char *base_name(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

/* A string field of o, or NULL when missing or not a string. */
static const char *str_field(json_object *o, const char *key)
{
    json_object *v = NULL;
    if (!json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, json_type_string))
        return NULL;
    return json_object_get_string(v);
}

/* A number field: 1 with *out set (NAN for null), 0 when missing or not a number or null. */
static int num_field(json_object *o, const char *key, double *out)
{
    json_object *v = NULL;
    if (!json_object_object_get_ex(o, key, &v))
        return 0;
    if (v == NULL) {
        *out = NAN;
        return 1;
    }
    if (!json_object_is_type(v, json_type_int) && !json_object_is_type(v, json_type_double))
        return 0;
    *out = json_object_get_double(v);
    return 1;
}

static int small(double v)
{
    return !isnan(v) && v >= 1 && v <= 9;
}

/*
 * Whether row i of file name (its text fields f: indicator .. eenheid, and its counts) can be kansrijk's own: an id of
 * this catalogue in its unit, and no shown count of 1 to 9 persons (the engine's own rule: eng_row_protection). If
 * not, why, in err.
 */
static int row_fits(const char *name, size_t i, const char *const f[8], double teller, double noemer, int en,
                    char *err, size_t cap)
{
    const char *id = f[0], *eenheid = f[7];
    int suppressed = f[6][0] != '\0';
    const eng_indicator *ind = eng_indicator_find(id);
    if (!ind || (strcmp(id, ind->id) == 0 && strcmp(ind->unit, eenheid) != 0 &&
                 !(strcmp(ind->unit, "aantal") == 0 || strcmp(eenheid, "aantal") == 0))) {
        (void)snprintf(err, cap,
                       RPT_T(en, "%s: een andere indicatorcatalogus (%s%s%s); maak de export opnieuw met deze "
                                 "versie van kansrijk (%s)",
                             "%s: another indicator catalogue (%s%s%s); make the export again with this version of "
                             "kansrijk (%s)"),
                       name, id,
                       ind ? RPT_T(en, " in eenheid ", " in unit ") : RPT_T(en, " is onbekend", " is unknown"),
                       ind ? eenheid : "", KR_VERSION);
        return 0;
    }
    unsigned protect = eng_row_protection(id, f[3], f[4], eenheid);
    if (suppressed || !(protect & ENG_PROTECT_PERSONS))
        return 1;
    double comp = !isnan(teller) && !isnan(noemer) ? noemer - teller : NAN;
    double bad = small(teller) ? teller : small(noemer) ? noemer
                 : (protect & ENG_PROTECT_COMPLEMENT) && small(comp) ? comp : NAN;
    if (isnan(bad))
        return 1;
    (void)snprintf(err, cap,
                   RPT_T(en, "%s: rij %zu (%s, regio %s, site %s, %s %s, %s) toont een aantal van %.0f personen, dat "
                             "onderdrukt had moeten zijn; gebruik alleen exports van kansrijk zelf",
                         "%s: row %zu (%s, region %s, site %s, %s %s, %s) shows a count of %.0f persons that should "
                         "have been suppressed; use only exports made by kansrijk itself"),
                   name, i + 1, id, f[1], f[2], f[3], f[4], f[5], bad);
    return 0;
}

/* Check and add one file's rows; a refusal's reason into err. */
static kr_status load_file(const char *path, rpt_data *d, int en, char *err, size_t cap, kr_date *peil, int *synth)
{
    struct stat sb;
    const char *name = base_name(path);
    json_object *root = NULL;
    kr_status rc = KR_EINVAL;
    if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        (void)snprintf(err, cap, RPT_T(en, "%s: het bestand bestaat niet of is geen bestand",
                                       "%s: the file does not exist or is not a file"), path);
        return KR_EIO;
    }
    if (sb.st_size > BRON_MAX_BYTES) {
        (void)snprintf(err, cap, RPT_T(en, "%s: groter dan 512 MiB; dat is geen export van één regio",
                                       "%s: larger than 512 MiB; that is no export of one region"), name);
        return KR_EINVAL;
    }
    root = json_object_from_file(path);
    const char *not_export = RPT_T(en, "%s: geen export van kansrijk (%s); maak haar met "
                                       "'kansrijk export --format json'",
                                   "%s: not a kansrijk export (%s); make it with 'kansrijk export --format json'");
    if (!root || !json_object_is_type(root, json_type_array)) {
        (void)snprintf(err, cap, not_export, name,
                       root ? RPT_T(en, "geen JSON-lijst", "not a JSON array")
                            : RPT_T(en, "geen geldige JSON", "not valid JSON"));
        goto cleanup;
    }
    size_t n = json_object_array_length(root);
    if (n == 0) {
        (void)snprintf(err, cap, not_export, name, RPT_T(en, "leeg", "empty"));
        goto cleanup;
    }
    for (size_t i = 0; i < n; i++) {
        json_object *o = json_object_array_get_idx(root, i);
        const char *f[8];
        static const char *const keys[8] = {"indicator", "regio", "site", "groep", "groepwaarde", "periode",
                                            "onderdrukt", "eenheid"};
        int okay = o && json_object_is_type(o, json_type_object);
        for (size_t k = 0; okay && k < 8; k++)
            okay = (f[k] = str_field(o, keys[k])) != NULL;
        double teller, noemer, waarde, lo, hi, doel;
        okay = okay && num_field(o, "teller", &teller) && num_field(o, "noemer", &noemer) &&
               num_field(o, "waarde", &waarde) && num_field(o, "ci_laag", &lo) && num_field(o, "ci_hoog", &hi);
        json_object *vo = NULL;
        okay = okay && json_object_object_get_ex(o, "voorlopig", &vo) && json_object_is_type(vo, json_type_boolean);
        if (!okay) {
            char why[80];
            (void)snprintf(why, sizeof why,
                           RPT_T(en, "rij %zu mist de velden van de uitkomstentabel",
                                 "row %zu lacks the fields of the outcome table"), i + 1);
            (void)snprintf(err, cap, not_export, name, why);
            goto cleanup;
        }
        if (!num_field(o, "doel", &doel))
            doel = NAN;
        int suppressed = f[6][0] != '\0';
        if (!row_fits(name, i, f, teller, noemer, en, err, cap))
            goto cleanup;
        /* '*' of one region's export is that region alone, not all regions: left out */
        if (strcmp(f[1], "*") == 0)
            continue;
        rpt_row *r = rpt_data_new_row(d);
        if (!r) {
            rc = KR_ENOMEM;
            goto cleanup;
        }
        const char **dst[8] = {&r->indicator, &r->regio, &r->site, &r->groep, &r->groepwaarde, &r->periode, NULL,
                               &r->eenheid};
        for (size_t k = 0; k < 8; k++)
            if (dst[k] && !(*dst[k] = rpt_intern(d, f[k]))) {
                rc = KR_ENOMEM;
                goto cleanup;
            }
        const char *status = str_field(o, "status");
        r->status = rpt_intern(d, status ? status : "");
        if (!r->status) {
            rc = KR_ENOMEM;
            goto cleanup;
        }
        r->teller = isnan(teller) ? -1 : (long long)teller;
        r->noemer = isnan(noemer) ? -1 : (long long)noemer;
        r->waarde = waarde;
        r->lo = lo;
        r->hi = hi;
        r->doel = doel;
        r->suppressed = suppressed;
        r->voorlopig = json_object_get_boolean(vo);
        /* the export's own peildatum and synthetic mark (kansrijk 0.1 and later) */
        const char *p = str_field(o, "peildatum");
        kr_date pd;
        if (p && kr_date_parse(p, strlen(p), &pd) == KR_OK && (*peil == KR_NO_DATE || pd > *peil))
            *peil = pd;
        json_object *sy = NULL;
        if (json_object_object_get_ex(o, "synthetisch", &sy) && json_object_get_boolean(sy))
            *synth = 1;
    }
    rc = KR_OK;
cleanup:
    json_object_put(root);
    return rc;
}

kr_status rpt_data_load_bron(const char *const *paths, size_t n, rpt_data *d, int en, char *err, size_t cap)
{
    memset(d, 0, sizeof *d);
    d->peildatum = KR_NO_DATE;
    for (size_t i = 0; i < n; i++) {
        size_t before = d->nrows;
        kr_status rc = load_file(paths[i], d, en, err, cap, &d->peildatum, &d->synthetic);
        if (rc != KR_OK)
            return rc;
        /* the regions of this file: those with pregnancies (route.gescreend rows); the rows of regions
           that are only registered in its reference data (no deliveries) are left out, so that two
           regions' exports made with the same reference lists do not collide */
        const char *mine[64];
        size_t nmine = 0;
        for (size_t j = before; j < d->nrows; j++) {
            if (strcmp(d->rows[j].indicator, "route.gescreend") != 0)
                continue;
            size_t k = 0;
            while (k < nmine && strcmp(mine[k], d->rows[j].regio) != 0)
                k++;
            if (k == nmine && nmine < 64)
                mine[nmine++] = d->rows[j].regio;
        }
        size_t keep = before;
        for (size_t j = before; j < d->nrows; j++)
            for (size_t k = 0; k < nmine; k++)
                if (strcmp(mine[k], d->rows[j].regio) == 0) {
                    d->rows[keep++] = d->rows[j];
                    break;
                }
        d->nrows = keep;
        for (size_t k = 0; k < nmine; k++) {
            for (size_t m = 0; m < d->nregions; m++)
                if (strcmp(d->regions[m].code, mine[k]) == 0) {
                    (void)snprintf(err, cap,
                                   RPT_T(en, "regio %s komt in meer dan één --bron voor (ook in %s): "
                                             "geef elke regio één keer",
                                         "region %s is in more than one --bron (also in %s): give each region once"),
                                   mine[k], base_name(paths[i]));
                    return KR_EINVAL;
                }
            rpt_place *pl = realloc(d->regions, (d->nregions + 1) * sizeof *pl);
            if (!pl)
                return KR_ENOMEM;
            d->regions = pl;
            d->regions[d->nregions++] = (rpt_place){mine[k], mine[k], mine[k]};
        }
    }
    const rpt_row *dup = NULL;
    rpt_data_sort(d, &dup);
    if (dup) {
        (void)snprintf(err, cap,
                       RPT_T(en, "regio %s komt in meer dan één --bron voor (%s, %s): geef elke regio één keer",
                             "region %s is in more than one --bron (%s, %s): give each region once"),
                       dup->regio, dup->indicator, dup->periode);
        return KR_EINVAL;
    }
    d->sources = paths;
    d->nsources = n;
    return KR_OK;
}
