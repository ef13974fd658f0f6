/*
 * `kansrijk overzicht`: the headline indicators in the terminal, for a
 * coordinator who wants the answer before the PDF reports exist: value,
 * interval, the previous period, the target (doelen, else the catalogue's
 * default) and a red/amber/green status with its symbol and word.
 */
#include "engine_int.h"

#include <math.h>
#include <string.h>

static const char *const headline[] = {
    "route.gescreend",       "route.vroeg_gescreend",          "overdracht.jgz_tijdig",
    "overdracht.mdo_tijdig", "overdracht.prenataal_huisbezoek", "overdracht.warm",
    "overdracht.bevestigd",  "lijn.eerste_lijn_baring",         "lijn.psychosociaal_klinisch",
    "overdracht.mdo_dagen.p50", "overdracht.eerste_jgz_contact", "lijn.eerste_lijn_dagen",
    "uitkomst.vroeggeboorte",   "uitkomst.perinatale_sterfte",
};

typedef struct row {
    int found, suppressed;
    double value, lo, hi;
    long teller, noemer;
    int voorlopig;
} row;

static void fetch(sqlite3 *db, const char *id, const char *regio, const char *periode, row *r)
{
    sqlite3_stmt *st = NULL;
    memset(r, 0, sizeof *r);
    r->value = r->lo = r->hi = NAN;
    if (sqlite3_prepare_v2(db,
                           "SELECT waarde, ci_laag, ci_hoog, onderdrukt, teller, noemer, voorlopig FROM uitkomst "
                           "WHERE indicator = ?1 AND regio = ?2 AND site = '*' AND groep = 'totaal' AND periode = ?3",
                           -1, &st, NULL) != SQLITE_OK)
        return;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, regio, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, periode, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW) {
        r->found = 1;
        r->suppressed = sqlite3_column_text(st, 3)[0] != '\0';
        if (sqlite3_column_type(st, 0) != SQLITE_NULL)
            r->value = sqlite3_column_double(st, 0);
        if (sqlite3_column_type(st, 1) != SQLITE_NULL)
            r->lo = sqlite3_column_double(st, 1);
        if (sqlite3_column_type(st, 2) != SQLITE_NULL)
            r->hi = sqlite3_column_double(st, 2);
        r->teller = sqlite3_column_int64(st, 4);
        r->noemer = sqlite3_column_int64(st, 5);
        r->voorlopig = sqlite3_column_int(st, 6);
    }
    sqlite3_finalize(st);
}

/* Status: green meets the target, amber when the interval contains it, red otherwise; grey when suppressed. */
const char *eng_rag(double value, double lo, double hi, double target, eng_direction dir, int suppressed)
{
    if (suppressed)
        return "– grijs";
    if (isnan(target) || isnan(value) || dir == ENG_NONE)
        return "";
    int meets = dir == ENG_HIGHER ? value >= target : value <= target;
    if (meets)
        return "● groen";
    if (!isnan(lo) && !isnan(hi) && lo <= target && target <= hi)
        return "◐ oranje";
    return "○ rood";
}

const char *eng_rag_word(const char *rag)
{
    const char *sp = strchr(rag, ' ');
    return sp && sp[1] ? sp + 1 : NULL;
}

static void fmt_value(const row *r, const char *unit, char *out, size_t cap)
{
    if (!r->found)
        kr_strlcpy(out, "-", cap);
    else if (r->suppressed)
        kr_strlcpy(out, "x", cap);
    else if (isnan(r->value))
        kr_strlcpy(out, "niet bereikt", cap);
    else
        (void)snprintf(out, cap, strcmp(unit, "dagen") == 0 ? "%.0f %s" : "%.1f %s", r->value,
                       strcmp(unit, "dagen") == 0 ? "dagen" : unit);
}

kr_status eng_overzicht(sqlite3 *db, const char *regio, const char *periode, FILE *out)
{
    kr_period p, pp;
    eng_doelen D = {NULL, 0, 0};
    if (kr_period_parse(periode, strlen(periode), &p) != KR_OK)
        return KR_EUSAGE;
    if (eng_doelen_load(db, &D) != KR_OK) {
        eng_doelen_free(&D);
        return KR_EDB;
    }
    kr_period_previous(&p, &pp);
    const char *label = p.label, *prev = pp.label;
    fprintf(out, "Overzicht %s, periode %s (vorige: %s)\n\n", strcmp(regio, "*") == 0 ? "alle regio's" : regio, label,
            prev);
    fprintf(out, "%-34s %-14s %-15s %-14s %-8s %s\n", "indicator", "waarde", "95%-interval", "vorige", "doel",
            "status");
    for (size_t i = 0; i < sizeof headline / sizeof headline[0]; i++) {
        const eng_indicator *ind = eng_indicator_find(headline[i]);
        row now, before;
        char v[32], pv[32], ci[32] = "", doel[16] = "";
        fetch(db, headline[i], regio, label, &now);
        fetch(db, headline[i], regio, prev, &before);
        const char *unit = strstr(headline[i], "_dagen.") ? "dagen" : ind ? ind->unit : "%";
        fmt_value(&now, unit, v, sizeof v);
        fmt_value(&before, unit, pv, sizeof pv);
        if (now.found && !now.suppressed && !isnan(now.lo) && !isnan(now.hi))
            (void)snprintf(ci, sizeof ci, "%.1f–%.1f", now.lo, now.hi);
        double t = strstr(headline[i], "_dagen.") || !ind ? NAN : eng_target(&D, ind, regio, p.last);
        if (!isnan(t))
            (void)snprintf(doel, sizeof doel, "%g", t);
        const char *status = now.found ? eng_rag(now.value, now.lo, now.hi, t, ind ? ind->direction : ENG_NONE,
                                                 now.suppressed)
                                       : "";
        fprintf(out, "%-34s %-14s %-15s %-14s %-8s %s%s\n", headline[i], v, ci, pv, doel, status,
                now.found && now.voorlopig ? " (voorlopig)" : "");
    }
    fputs("\nStatus: ● groen = doel gehaald; ◐ oranje = het interval bevat het doel; ○ rood = doel niet gehaald; "
          "– grijs = niet getoond.\n"
          "x = niet getoond: te weinig personen, of om terugrekenen te voorkomen.\n",
          out);
    eng_doelen_free(&D);
    return KR_OK;
}
