/*
 * The extract specification (aanleverspecificatie) as data: every extract and
 * reference type of EXTRACTS.md with its columns, types, code lists and row
 * rules. Validation, `kansrijk spec`, the Table Schema export and the sample
 * generator all read these tables; this file is the one definition.
 */
#include "etl_int.h"
#include "../core/codes.h"

#include <string.h>

/* ---- code lists ---------------------------------------------------------- */

static const char *const c_leeftijd[] = {"<20", "20-24", "25-29", "30-34", "35-39", "40+", NULL};
static const char *const c_pariteit[] = {"0", "1", "2+", NULL};
static const char *const c_lijn123[] = {"1", "2", "3", NULL};
static const char *const c_lijn0123[] = {"0", "1", "2", "3", NULL};
static const char *const c_instrument[] = {"mind2care", "r4u", "anna", "gesprek", "anders", NULL};
static const char *const c_risico[] = {KR_RISK_FACTORS(KR_CODE_OF_RISK) NULL};
static const char *const c_reden[] = {"medisch", "psychosociaal", "beide", "anders", NULL};
static const char *const c_soort_overdracht[] = {"jgz_prenataal", "mdo_aanmelding", "kraam_jgz",
                                                 "verloskundige_jgz", "ziekenhuis_wijk", "anders", NULL};
static const char *const c_janee[] = {"ja", "nee", NULL};
static const char *const c_regie[] = {KR_REGIE_TYPES(KR_CODE_OF_REGIE) NULL};
static const char *const c_plaats[] = {"thuis", "poliklinisch", "klinisch", "onderweg", NULL};
static const char *const c_vitaliteit[] = {"levend", "doodgeboren", "neonataal_overleden", NULL};
static const char *const c_moment[] = {"prenataal_huisbezoek", KR_MOMENTS(KR_CODE_OF_MOMENT) "extra", "uitschrijving",
                                       NULL};
static const char *const c_status[] = {"verschenen", "niet_verschenen", "afgezegd", NULL};
static const char *const c_uitschrijving[] = {"verhuisd", "overleden", "geweigerd", "overgedragen",
                                              "anders", NULL};
static const char *const c_orgsoort[] = {"verloskundigenpraktijk", "vsv", "ziekenhuis", "jgz",
                                         "kraamzorg", "gemeente", "knooppunt", "wijkteam", "ggz",
                                         "verslavingszorg", "huisarts", "welzijn", "anders", NULL};

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define ORGCOL                                                                                                         \
    {"organisatie", ETL_ORG, ETL_UPPER, NULL, 0, 0, "organisatie; leeg of afwezig: de aanleverende organisatie"}

/* ---- helpers for the rules -------------------------------------------------- */

static int has(const etl_row *r, int c) { return r->vals[c].set; }
static long long v(const etl_row *r, int c) { return r->vals[c].i; }
static int code_is(const etl_row *r, int c, const char *code)
{
    return r->vals[c].set && strcmp(r->vals[c].s, code) == 0;
}

/* ---- zwangerschap ------------------------------------------------------------ */

enum { ZW_CLIENT, ZW_ATERME, ZW_ORG, ZW_GEMEENTE, ZW_LEEFTIJD, ZW_PARITEIT, ZW_INTAKE, ZW_LIJN };
static const etl_column zwangerschap_cols[] = {
    [ZW_CLIENT] = {"client_pseudoniem", ETL_PSEUDONYM, ETL_REQ | ETL_KEY | ETL_LOWER, NULL, 0, 0,
                   "pseudoniem van de cliënt (HMAC-SHA256 van de TTP)"},
    [ZW_ATERME] = {"a_terme_datum", ETL_DATE, ETL_REQ | ETL_KEY | ETL_FUTURE, NULL, 0, 0, "verwachte bevallingsdatum"},
    [ZW_ORG] = ORGCOL,
    [ZW_GEMEENTE] = {"gemeentecode", ETL_GEMEENTE, ETL_REQ | ETL_UPPER, NULL, 0, 0,
                     "CBS-gemeentecode (GM + 4 cijfers) van de woonplaats"},
    [ZW_LEEFTIJD] = {"leeftijdsklasse", ETL_CODE, ETL_REQ, c_leeftijd, 0, 0,
                     "leeftijdsklasse van de moeder bij intake"},
    [ZW_PARITEIT] = {"pariteit", ETL_CODE, 0, c_pariteit, 0, 0, "aantal eerdere bevallingen"},
    [ZW_INTAKE] = {"intake_datum", ETL_DATE, ETL_REQ, NULL, 0, 0,
                   "datum van de intake; tussen a_terme_datum − 294 en a_terme_datum"},
    [ZW_LIJN] = {"lijn_intake", ETL_CODE, ETL_REQ, c_lijn123, 0, 0, "lijn van zorg bij intake"},
};

static void rule_zwangerschap(etl_row *r)
{
    if (has(r, ZW_INTAKE) && has(r, ZW_ATERME) &&
        (v(r, ZW_INTAKE) < v(r, ZW_ATERME) - 294 || v(r, ZW_INTAKE) > v(r, ZW_ATERME)))
        etl_row_reject(r, ZW_INTAKE, KR_R_RULE,
                       "intake_datum must lie between a_terme_datum - 294 days and a_terme_datum");
}

static const char *const rules_zwangerschap[] = {
    "`intake_datum` ligt tussen `a_terme_datum` − 294 dagen en `a_terme_datum` (beide inbegrepen).", NULL};

/* ---- screening ----------------------------------------------------------------- */

enum { SC_CLIENT, SC_ATERME, SC_ORG, SC_DATUM, SC_INSTRUMENT, SC_ROUTE, SC_RISICO };
static const etl_column screening_cols[] = {
    [SC_CLIENT] = {"client_pseudoniem", ETL_PSEUDONYM, ETL_REQ | ETL_KEY | ETL_LOWER, NULL, 0, 0,
                   "pseudoniem van de cliënt"},
    [SC_ATERME] = {"a_terme_datum", ETL_DATE, ETL_REQ | ETL_KEY | ETL_FUTURE, NULL, 0, 0, "verwachte bevallingsdatum"},
    [SC_ORG] = ORGCOL,
    [SC_DATUM] = {"screening_datum", ETL_DATE, ETL_REQ | ETL_KEY, NULL, 0, 0,
                  "datum van de screening op kwetsbaarheid; niet na a_terme_datum + 42"},
    [SC_INSTRUMENT] = {"instrument", ETL_CODE, ETL_REQ, c_instrument, 0, 0, "gebruikt screeningsinstrument"},
    [SC_ROUTE] = {"route", ETL_CODE, ETL_REQ, c_lijn123, 0, 0,
                  "1 zelfredzaam, 2 potentieel kwetsbaar, 3 (urgent) kwetsbaar"},
    [SC_RISICO] = {"risicofactoren", ETL_CODELIST, 0, c_risico, 0, 0, "risicofactoren, gescheiden door |"},
};

static void rule_screening(etl_row *r)
{
    if (has(r, SC_DATUM) && has(r, SC_ATERME) && v(r, SC_DATUM) > v(r, SC_ATERME) + 42)
        etl_row_reject(r, SC_DATUM, KR_R_RULE,
                       "screening_datum lies more than 42 days after a_terme_datum");
    if (code_is(r, SC_ROUTE, "3") && !has(r, SC_RISICO))
        etl_row_warn(r, SC_RISICO, KR_W_NO_RISK_FACTORS, "route 3 without risicofactoren");
}

static const char *const rules_screening[] = {
    "`screening_datum` ligt niet meer dan 42 dagen na `a_terme_datum`.",
    "*Waarschuwing* (de rij wordt wel opgeslagen): `route` 3 zonder `risicofactoren`.", NULL};

/* ---- zorgepisode ------------------------------------------------------------------ */

enum { ZE_CLIENT, ZE_ATERME, ZE_ORG, ZE_LIJN, ZE_START, ZE_EIND, ZE_REDEN };
static const etl_column zorgepisode_cols[] = {
    [ZE_CLIENT] = {"client_pseudoniem", ETL_PSEUDONYM, ETL_REQ | ETL_KEY | ETL_LOWER, NULL, 0, 0,
                   "pseudoniem van de cliënt"},
    [ZE_ATERME] = {"a_terme_datum", ETL_DATE, ETL_REQ | ETL_KEY | ETL_FUTURE, NULL, 0, 0, "verwachte bevallingsdatum"},
    [ZE_ORG] = ORGCOL,
    [ZE_LIJN] = {"lijn", ETL_CODE, ETL_REQ | ETL_KEY, c_lijn123, 0, 0, "lijn van verloskundige zorg"},
    [ZE_START] = {"start_datum", ETL_DATE, ETL_REQ | ETL_KEY, NULL, 0, 0, "begin van de episode"},
    [ZE_EIND] = {"eind_datum", ETL_DATE, 0, NULL, 0, 0, "einde van de episode; leeg = loopt nog"},
    [ZE_REDEN] = {"reden", ETL_CODE, ETL_REQ, c_reden, 0, 0, "waarom de zorg in deze lijn is"},
};

static void rule_zorgepisode(etl_row *r)
{
    if (has(r, ZE_EIND) && has(r, ZE_START) && v(r, ZE_EIND) < v(r, ZE_START))
        etl_row_reject(r, ZE_EIND, KR_R_RULE, "eind_datum lies before start_datum");
}

static const char *const rules_zorgepisode[] = {"`eind_datum` ligt niet voor `start_datum`.", NULL};

/* ---- overdracht ------------------------------------------------------------------- */

enum { OV_CLIENT, OV_ATERME, OV_GEBOORTE, OV_ORG, OV_VAN, OV_NAAR, OV_SOORT, OV_SIGNAAL, OV_VERZONDEN, OV_ONTVANGEN,
       OV_WARM };
static const etl_column overdracht_cols[] = {
    [OV_CLIENT] = {"client_pseudoniem", ETL_PSEUDONYM, ETL_REQ | ETL_KEY | ETL_LOWER, NULL, 0, 0,
                   "pseudoniem van de cliënt"},
    [OV_ATERME] = {"a_terme_datum", ETL_DATE, ETL_FUTURE, NULL, 0, 0,
                   "verwachte bevallingsdatum; verplicht bij jgz_prenataal en mdo_aanmelding"},
    [OV_GEBOORTE] = {"geboortedatum", ETL_DATE, 0, NULL, 0, 0,
                     "geboortedatum van het kind; verplicht bij kraam_jgz en verloskundige_jgz"},
    [OV_ORG] = ORGCOL,
    [OV_VAN] = {"van_organisatie", ETL_ORG, ETL_REQ | ETL_KEY | ETL_UPPER, NULL, 0, 0, "overdragende organisatie"},
    [OV_NAAR] = {"naar_organisatie", ETL_ORG, ETL_REQ | ETL_KEY | ETL_UPPER, NULL, 0, 0, "ontvangende organisatie"},
    [OV_SOORT] = {"soort", ETL_CODE, ETL_REQ | ETL_KEY, c_soort_overdracht, 0, 0, "soort overdracht"},
    [OV_SIGNAAL] = {"signaleringsdatum", ETL_DATE, 0, NULL, 0, 0, "wanneer de zorgbehoefte werd gesignaleerd"},
    [OV_VERZONDEN] = {"verzonden_datum", ETL_DATE, ETL_REQ | ETL_KEY, NULL, 0, 0,
                      "datum van verzending; niet voor signaleringsdatum"},
    [OV_ONTVANGEN] = {"ontvangen_datum", ETL_DATE, 0, NULL, 0, 0, "bevestigd ontvangen; leeg = (nog) niet bevestigd"},
    [OV_WARM] = {"warm", ETL_CODE, ETL_REQ, c_janee, 0, 0,
                 "warme overdracht: persoonlijk contact, niet alleen een document"},
};

static void rule_overdracht(etl_row *r)
{
    if (!has(r, OV_SOORT))
        return;
    const char *s = r->vals[OV_SOORT].s;
    int prenataal = strcmp(s, "jgz_prenataal") == 0 || strcmp(s, "mdo_aanmelding") == 0;
    int postnataal = strcmp(s, "kraam_jgz") == 0 || strcmp(s, "verloskundige_jgz") == 0;
    if (prenataal && !has(r, OV_ATERME))
        etl_row_reject(r, OV_ATERME, KR_R_REQUIRED, "a_terme_datum is required for soort %s", s);
    else if (postnataal && !has(r, OV_GEBOORTE))
        etl_row_reject(r, OV_GEBOORTE, KR_R_REQUIRED, "geboortedatum is required for soort %s", s);
    else if (!has(r, OV_ATERME) && !has(r, OV_GEBOORTE))
        etl_row_reject(r, OV_ATERME, KR_R_REQUIRED, "a_terme_datum or geboortedatum is required");
    if (has(r, OV_SIGNAAL) && has(r, OV_VERZONDEN) && v(r, OV_VERZONDEN) < v(r, OV_SIGNAAL))
        etl_row_reject(r, OV_VERZONDEN, KR_R_RULE, "verzonden_datum lies before signaleringsdatum");
    if (has(r, OV_ONTVANGEN) && has(r, OV_VERZONDEN) && v(r, OV_ONTVANGEN) < v(r, OV_VERZONDEN))
        etl_row_reject(r, OV_ONTVANGEN, KR_R_RULE, "ontvangen_datum lies before verzonden_datum");
}

static const char *const rules_overdracht[] = {
    "Bij `soort` `jgz_prenataal` of `mdo_aanmelding` is `a_terme_datum` verplicht.",
    "Bij `soort` `kraam_jgz` of `verloskundige_jgz` is `geboortedatum` verplicht.",
    "Bij de andere soorten is `a_terme_datum` of `geboortedatum` verplicht (een van beide is genoeg).",
    "`verzonden_datum` ligt niet voor `signaleringsdatum`.",
    "`ontvangen_datum` ligt niet voor `verzonden_datum`.",
    "Een postnatale overdracht is één rij per gezin: een tweeling deelt die rij.", NULL};

/* ---- mdo ------------------------------------------------------------------------------ */

enum { MD_CLIENT, MD_ATERME, MD_ORG, MD_AANMELD, MD_BESPREEK, MD_REGIE_TYPE, MD_REGIE_ORG, MD_REGIE_DATUM };
static const etl_column mdo_cols[] = {
    [MD_CLIENT] = {"client_pseudoniem", ETL_PSEUDONYM, ETL_REQ | ETL_KEY | ETL_LOWER, NULL, 0, 0,
                   "pseudoniem van de cliënt"},
    [MD_ATERME] = {"a_terme_datum", ETL_DATE, ETL_REQ | ETL_KEY | ETL_FUTURE, NULL, 0, 0, "verwachte bevallingsdatum"},
    [MD_ORG] = ORGCOL,
    [MD_AANMELD] = {"aanmelddatum", ETL_DATE, ETL_REQ | ETL_KEY, NULL, 0, 0, "datum van aanmelding bij het MDO"},
    [MD_BESPREEK] = {"bespreekdatum", ETL_DATE, 0, NULL, 0, 0, "datum van bespreking; leeg = nog niet besproken"},
    [MD_REGIE_TYPE] = {"regie_type", ETL_CODE, 0, c_regie, 0, 0, "wie de casusregie nam"},
    [MD_REGIE_ORG] = {"regie_organisatie", ETL_ORG, ETL_UPPER, NULL, 0, 0, "organisatie met de casusregie"},
    [MD_REGIE_DATUM] = {"regie_datum", ETL_DATE, 0, NULL, 0, 0,
                        "datum waarop de regie belegd werd; niet voor bespreekdatum"},
};

static void rule_mdo(etl_row *r)
{
    if (has(r, MD_BESPREEK) && has(r, MD_AANMELD) && v(r, MD_BESPREEK) < v(r, MD_AANMELD))
        etl_row_reject(r, MD_BESPREEK, KR_R_RULE, "bespreekdatum lies before aanmelddatum");
    if (has(r, MD_REGIE_DATUM) && has(r, MD_BESPREEK) && v(r, MD_REGIE_DATUM) < v(r, MD_BESPREEK))
        etl_row_reject(r, MD_REGIE_DATUM, KR_R_RULE, "regie_datum lies before bespreekdatum");
}

static const char *const rules_mdo[] = {"`bespreekdatum` ligt niet voor `aanmelddatum`.",
                                        "`regie_datum` ligt niet voor `bespreekdatum`.", NULL};

/* ---- bevalling ---------------------------------------------------------------------------- */

enum { BV_CLIENT, BV_ATERME, BV_GEBOORTE, BV_KIND, BV_ORG, BV_AMENORROE, BV_GEWICHT, BV_LIJN, BV_PLAATS, BV_VITALITEIT,
       BV_DAG };
static const etl_column bevalling_cols[] = {
    [BV_CLIENT] = {"client_pseudoniem", ETL_PSEUDONYM, ETL_REQ | ETL_KEY | ETL_LOWER, NULL, 0, 0,
                   "pseudoniem van de moeder"},
    [BV_ATERME] = {"a_terme_datum", ETL_DATE, ETL_REQ | ETL_KEY | ETL_FUTURE, NULL, 0, 0, "verwachte bevallingsdatum"},
    [BV_GEBOORTE] = {"geboortedatum", ETL_DATE, ETL_REQ, NULL, 0, 0,
                     "geboortedatum; tussen a_terme_datum − 126 en a_terme_datum + 35"},
    [BV_KIND] = {"kind_volgnummer", ETL_INT, ETL_KEY | ETL_DEFAULT1, NULL, 1, 4,
                 "volgnummer van het kind (1..4, standaard 1; tweeling 1 en 2)"},
    [BV_ORG] = {"organisatie", ETL_ORG, ETL_UPPER, NULL, 0, 0,
                "verantwoordelijke organisatie bij de geboorte; leeg: de aanleverende organisatie"},
    [BV_AMENORROE] = {"amenorroeduur_geboorte", ETL_GESTATION, ETL_REQ, NULL, 154, 315,
                      "zwangerschapsduur bij geboorte: dagen (261) of weken+dagen (37+2); 22+0 .. 45+0"},
    [BV_GEWICHT] = {"geboortegewicht", ETL_INT, 0, NULL, 300, 6500, "geboortegewicht in grammen (300..6500)"},
    [BV_LIJN] = {"lijn_begin_baring", ETL_CODE, ETL_REQ, c_lijn123, 0, 0,
                 "verantwoordelijke lijn bij het begin van de baring (of geplande keizersnede)"},
    [BV_PLAATS] = {"plaats", ETL_CODE, 0, c_plaats, 0, 0, "plaats van de bevalling"},
    [BV_VITALITEIT] = {"vitaliteit", ETL_CODE, ETL_REQ, c_vitaliteit, 0, 0,
                       "levend, doodgeboren of neonataal overleden"},
    [BV_DAG] = {"overleden_dag", ETL_INT, 0, NULL, 0, 27,
                "leeftijd in dagen bij neonataal overlijden (0..27); verplicht bij neonataal_overleden"},
};

static void rule_bevalling(etl_row *r)
{
    if (has(r, BV_GEBOORTE) && has(r, BV_ATERME) &&
        (v(r, BV_GEBOORTE) < v(r, BV_ATERME) - 126 || v(r, BV_GEBOORTE) > v(r, BV_ATERME) + 35))
        etl_row_reject(r, BV_GEBOORTE, KR_R_RULE,
                       "geboortedatum must lie between a_terme_datum - 126 and a_terme_datum + 35 days");
    if (code_is(r, BV_VITALITEIT, "neonataal_overleden") && !has(r, BV_DAG))
        etl_row_reject(r, BV_DAG, KR_R_REQUIRED, "overleden_dag is required for neonataal_overleden");
    if (has(r, BV_DAG) && has(r, BV_VITALITEIT) && !code_is(r, BV_VITALITEIT, "neonataal_overleden"))
        etl_row_reject(r, BV_DAG, KR_R_RULE, "overleden_dag is given but vitaliteit is %s", r->vals[BV_VITALITEIT].s);
}

static const char *const rules_bevalling[] = {
    "`geboortedatum` ligt tussen `a_terme_datum` − 126 dagen en `a_terme_datum` + 35 dagen.",
    "Bij `vitaliteit` `neonataal_overleden` is `overleden_dag` verplicht.",
    "`overleden_dag` is leeg tenzij `vitaliteit` `neonataal_overleden` is.",
    "Eén rij per kind: een tweeling geeft twee rijen, met `kind_volgnummer` 1 en 2.", NULL};

/* ---- jgz_contact -------------------------------------------------------------------------- */

enum { JG_CLIENT, JG_ATERME, JG_GEBOORTE, JG_KIND, JG_ORG, JG_DATUM, JG_MOMENT, JG_STATUS, JG_REDEN };
static const etl_column jgz_contact_cols[] = {
    [JG_CLIENT] = {"client_pseudoniem", ETL_PSEUDONYM, ETL_REQ | ETL_KEY | ETL_LOWER, NULL, 0, 0,
                   "pseudoniem van de moeder"},
    [JG_ATERME] = {"a_terme_datum", ETL_DATE, ETL_FUTURE, NULL, 0, 0,
                   "verwachte bevallingsdatum; verplicht bij prenataal_huisbezoek"},
    [JG_GEBOORTE] = {"geboortedatum", ETL_DATE, 0, NULL, 0, 0,
                     "geboortedatum van het kind; verplicht bij huisbezoek … 24m"},
    [JG_KIND] = {"kind_volgnummer", ETL_INT, ETL_KEY | ETL_DEFAULT1, NULL, 1, 4,
                 "volgnummer van het kind (1..4, standaard 1)"},
    [JG_ORG] = ORGCOL,
    [JG_DATUM] = {"contact_datum", ETL_DATE, ETL_REQ | ETL_KEY, NULL, 0, 0, "datum van het (geplande) contact"},
    [JG_MOMENT] = {"contactmoment", ETL_CODE, ETL_REQ | ETL_KEY, c_moment, 0, 0, "contactmoment"},
    [JG_STATUS] = {"status", ETL_CODE, ETL_REQ, c_status, 0, 0, "verschenen, niet verschenen of afgezegd"},
    [JG_REDEN] = {"reden_uitschrijving", ETL_CODE, 0, c_uitschrijving, 0, 0,
                  "reden van uitschrijving; verplicht bij uitschrijving"},
};

static void rule_jgz_contact(etl_row *r)
{
    if (!has(r, JG_MOMENT))
        return;
    const char *m = r->vals[JG_MOMENT].s;
    int prenataal = strcmp(m, "prenataal_huisbezoek") == 0;
    int either = strcmp(m, "extra") == 0 || strcmp(m, "uitschrijving") == 0;
    if (prenataal && !has(r, JG_ATERME))
        etl_row_reject(r, JG_ATERME, KR_R_REQUIRED, "a_terme_datum is required for prenataal_huisbezoek");
    else if (!prenataal && !either && !has(r, JG_GEBOORTE))
        etl_row_reject(r, JG_GEBOORTE, KR_R_REQUIRED, "geboortedatum is required for contactmoment %s", m);
    else if (either && !has(r, JG_ATERME) && !has(r, JG_GEBOORTE))
        etl_row_reject(r, JG_GEBOORTE, KR_R_REQUIRED, "a_terme_datum or geboortedatum is required for %s", m);
    if (strcmp(m, "uitschrijving") == 0 && !has(r, JG_REDEN))
        etl_row_reject(r, JG_REDEN, KR_R_REQUIRED, "reden_uitschrijving is required for uitschrijving");
}

static const char *const rules_jgz_contact[] = {
    "Bij `contactmoment` `prenataal_huisbezoek` is `a_terme_datum` verplicht.",
    "Bij `extra` en `uitschrijving` is `a_terme_datum` of `geboortedatum` verplicht (een van beide is genoeg).",
    "Bij de andere contactmomenten (huisbezoek tot en met 24m) is `geboortedatum` verplicht.",
    "Bij `uitschrijving` is `reden_uitschrijving` verplicht.", NULL};

/* ---- reference data ----------------------------------------------------------------------- */

static const etl_column regios_cols[] = {
    {"code", ETL_REGIOCODE, ETL_REQ | ETL_KEY | ETL_LOWER, NULL, 0, 0,
     "code van de regio (kleine letters, bijvoorbeeld zl)"},
    {"naam", ETL_TEXT, ETL_REQ, NULL, 0, 0, "naam van de regio"},
};
static const etl_column sites_cols[] = {
    {"code", ETL_REGIOCODE, ETL_REQ | ETL_KEY | ETL_UPPER, NULL, 0, 0, "code van de site in het leertraject"},
    {"naam", ETL_TEXT, ETL_REQ, NULL, 0, 0, "naam van de site"},
    {"regio", ETL_REGIO, ETL_REQ | ETL_LOWER, NULL, 0, 0, "regio van de site"},
};
static const etl_column gemeenten_cols[] = {
    {"gemeentecode", ETL_GMCODE, ETL_REQ | ETL_KEY | ETL_UPPER, NULL, 0, 0, "CBS-gemeentecode"},
    {"naam", ETL_TEXT, ETL_REQ, NULL, 0, 0, "naam van de gemeente"},
    {"regio", ETL_REGIO, ETL_REQ | ETL_LOWER, NULL, 0, 0, "regio waartoe de gemeente hoort"},
    {"opgegaan_in", ETL_GMCODE, ETL_UPPER, NULL, 0, 0,
     "code van de gemeente waarin deze is opgegaan (bij herindeling)"},
};
enum { OR_CODE, OR_NAAM, OR_SOORT, OR_LIJN, OR_REGIO, OR_SITE, OR_SYNTH };
static const etl_column organisaties_cols[] = {
    [OR_CODE] = {"code", ETL_ORGCODE, ETL_REQ | ETL_KEY | ETL_UPPER, NULL, 0, 0,
                 "code van de organisatie: letters, cijfers en -"},
    [OR_NAAM] = {"naam", ETL_TEXT, ETL_REQ, NULL, 0, 0, "naam van de organisatie"},
    [OR_SOORT] = {"soort", ETL_CODE, ETL_REQ, c_orgsoort, 0, 0, "soort organisatie"},
    [OR_LIJN] = {"lijn", ETL_CODE, ETL_REQ, c_lijn0123, 0, 0, "lijn (0 = sociaal domein / JGZ)"},
    [OR_REGIO] = {"regio", ETL_REGIO, ETL_REQ | ETL_LOWER, NULL, 0, 0, "regio"},
    [OR_SITE] = {"site", ETL_SITE, ETL_UPPER, NULL, 0, 0, "site in het leertraject"},
    [OR_SYNTH] = {"synthetisch", ETL_CODE, 0, c_janee, 0, 0,
                  "ja: synthetische gegevens (kansrijk samples); standaard nee"},
};
enum { AF_ORG, AF_TYPE, AF_VANAF, AF_TOT };
static const etl_column afspraken_cols[] = {
    [AF_ORG] = {"organisatie", ETL_ORG, ETL_REQ | ETL_KEY | ETL_UPPER, NULL, 0, 0, "aanleverende organisatie"},
    [AF_TYPE] = {"type", ETL_XTYPE, ETL_REQ | ETL_KEY, NULL, 0, 0, "soort extract"},
    [AF_VANAF] = {"vanaf", ETL_PERIOD, ETL_REQ | ETL_KEY, NULL, 0, 0, "eerste periode (2025Q1 of 2025)"},
    [AF_TOT] = {"tot", ETL_PERIOD, 0, NULL, 0, 0, "laatste periode; leeg = doorlopend"},
};
enum { DO_IND, DO_REGIO, DO_DOEL, DO_VANAF };
static const etl_column doelen_cols[] = {
    [DO_IND] = {"indicator", ETL_INDICATOR, ETL_REQ | ETL_KEY, NULL, 0, 0,
                "id van de indicator (bijvoorbeeld overdracht.mdo_tijdig)"},
    [DO_REGIO] = {"regio", ETL_REGIO, ETL_KEY | ETL_LOWER, NULL, 0, 0, "regio; leeg = elke regio"},
    [DO_DOEL] = {"doel", ETL_NUMBER, ETL_REQ, NULL, 0, 0, "streefwaarde in de eenheid van de indicator"},
    [DO_VANAF] = {"vanaf", ETL_PERIOD, ETL_REQ | ETL_KEY, NULL, 0, 0, "periode vanaf wanneer het doel geldt"},
};
enum { RF_IND, RF_PERIODE, RF_WAARDE, RF_BRON };
static const etl_column referenties_cols[] = {
    [RF_IND] = {"indicator", ETL_INDICATOR, ETL_REQ | ETL_KEY, NULL, 0, 0, "id van de indicator"},
    [RF_PERIODE] = {"periode", ETL_PERIOD, ETL_REQ | ETL_KEY, NULL, 0, 0, "periode van de referentiewaarde"},
    [RF_WAARDE] = {"waarde", ETL_NUMBER, ETL_REQ, NULL, 0, 0, "landelijke referentiewaarde"},
    [RF_BRON] = {"bron", ETL_TEXT, ETL_REQ | ETL_KEY, NULL, 0, 0, "bron (Perined, CBS, RIVM)"},
};

/*
 * Value column c of a row about indicator column ic must lie in the range of the indicator's unit: a share typed as a
 * fraction (0,8 for 80 %), a number with a thousands point read as a decimal one (1.090) or a sign typed by mistake
 * would otherwise set a target no value can meet, or every value meets, without a word.
 */
static void in_unit(etl_row *r, int ic, int c)
{
    if (!has(r, ic) || !has(r, c))
        return;
    const char *unit = etl_row_unit(r, r->vals[ic].s);
    double x = r->vals[c].d;
    if (!unit)
        return;
    const char *id = r->vals[ic].s;
    if (strcmp(unit, "%") == 0 && (x < 0 || x > 100))
        etl_row_reject(r, c, KR_R_NUMBER, "%g lies outside 0..100, and %s is a percentage", x, id);
    else if (strcmp(unit, "%") == 0 && x > 0 && x < 1)  /* a target of 0,5 % can be meant: said, not refused */
        etl_row_warn(r, c, KR_W_FRACTION, "%g for %s, a percentage: is %g %% meant? Then write %g", x, id, x * 100,
                     x * 100);
    else if (strcmp(unit, "per1000") == 0 && (x < 0 || x > 1000))
        etl_row_reject(r, c, KR_R_NUMBER, "%g lies outside 0..1000, and %s is a rate per 1000", x, id);
    else if (strcmp(unit, "dagen") == 0 && x < 0)
        etl_row_reject(r, c, KR_R_NUMBER, "%g is negative, and %s counts days", x, id);
    else if (strcmp(unit, "aantal") == 0 && x < 0)
        etl_row_reject(r, c, KR_R_NUMBER, "%g is negative, and %s is a number of persons", x, id);
    else if (strcmp(unit, "pp") == 0 && (x < -100 || x > 100))
        etl_row_reject(r, c, KR_R_NUMBER, "%g lies outside -100..100, and %s is in percentage points", x, id);
}

static void rule_doelen(etl_row *r) { in_unit(r, DO_IND, DO_DOEL); }
static void rule_referenties(etl_row *r) { in_unit(r, RF_IND, RF_WAARDE); }

static const char *const rules_doelen[] = {
    "`doel` ligt binnen het bereik van de eenheid van de indicator: een percentage tussen 0 en 100, per 1000 tussen "
    "0 en 1000, dagen en aantallen niet negatief, procentpunten tussen −100 en 100. Een percentage tussen 0 en 1 "
    "(0,8: een breuk voor 80?) geeft een waarschuwing.",
    NULL};
static const char *const rules_referenties[] = {
    "`waarde` ligt binnen het bereik van de eenheid van de indicator, zoals `doel` in `doelen`.", NULL};

static void rule_afspraken(etl_row *r)
{
    if (has(r, AF_TOT) && has(r, AF_VANAF) && v(r, AF_TOT) < v(r, AF_VANAF))
        etl_row_reject(r, AF_TOT, KR_R_RULE, "tot lies before vanaf");
}

static const char *const rules_afspraken[] = {"`tot` ligt niet voor `vanaf`.", NULL};

/* ---- examples (BEGIN, written by tools/spec_examples.py) ---- */
/* kansrijk samples --regio zl --jaren 2025 --schaal 0.1 --seed 2025: 2025Q2 of each type (tools/spec_examples.py) */
static const char *const example_regios[] = {
    "regios.csv",
    "code;naam",
    "zl;Zuid-Limburg",
    "zhz;Zuid-Holland Zuid",
    "utrecht;Utrecht",
    NULL};

static const char *const example_sites[] = {
    "sites.csv",
    "code;naam;regio",
    "SITE-ZL-NOORD;Geboortezorgnetwerk Zuid-Limburg Noord;zl",
    "SITE-ZL-ZUID;Geboortezorgnetwerk Zuid-Limburg Zuid;zl",
    "SITE-ZHZ-DRECHT;Geboortezorgnetwerk Drechtsteden;zhz",
    NULL};

static const char *const example_gemeenten[] = {
    "gemeenten.csv",
    "gemeentecode;naam;regio;opgegaan_in",
    "GM0888;Beek;zl;",
    "GM1954;Beekdaelen;zl;",
    "GM0881;Onderbanken;zl;GM1954",
    NULL};

static const char *const example_organisaties[] = {
    "organisaties.csv",
    "code;naam;soort;lijn;regio;site;synthetisch",
    "ZH-ZL-1;Ziekenhuis Mergeldal;ziekenhuis;2;zl;SITE-ZL-ZUID;ja",
    "VSV-ZL;VSV Kalkheuvel;vsv;1;zl;;ja",
    "JGZ-ZL;Jeugdgezondheidszorg Zuiderzon;jgz;0;zl;;ja",
    NULL};

static const char *const example_afspraken[] = {
    "afspraken.csv",
    "organisatie;type;vanaf;tot",
    "ZH-ZL-1;zorgepisode;2023Q1;",
    "ZH-ZL-2;bevalling;2023Q1;",
    "VP-ZL-1;zwangerschap;2023Q1;",
    NULL};

static const char *const example_doelen[] = {
    "doelen.csv",
    "indicator;regio;doel;vanaf",
    "route.gescreend;;95;2023Q1",
    "route.vroeg_gescreend;;80;2023Q1",
    "lijn.psychosociaal_klinisch;;5;2023Q1",
    NULL};

static const char *const example_referenties[] = {
    "referenties.csv",
    "indicator;periode;waarde;bron",
    "uitkomst.vroeggeboorte;2023;6.7;Perined",
    "uitkomst.vroeggeboorte;2024;6.6;Perined",
    "uitkomst.laag_geboortegewicht;2023;5.8;Perined",
    NULL};

static const char *const example_zwangerschap[] = {
    "zwangerschap_VP-ZL-1_2025Q2.csv",
    "client_pseudoniem;a_terme_datum;organisatie;gemeentecode;leeftijdsklasse;pariteit;intake_datum;lijn_"
        "intake",
    "c5f6e61a8c1effad6dd09fe2f510eb3d486f673149705e1d50b2c7106ec1be71;07-11-2025;;GM0928;<20;0;08-04-2025"
        ";1",
    "392848bdf42b226df27be263d66c2f0b47c994a18612a27ead19b06349b31528;25-11-2025;;GM0971;20-24;1;12-04-20"
        "25;1",
    "df1b99d905b82914b2ca661432bb6e98e3c2f263c2eb7a178bcb0ab3b8af4d73;04-12-2025;;GM0888;35-39;2+;01-05-2"
        "025;1",
    NULL};

static const char *const example_screening[] = {
    "screening_VP-ZL-1_2025Q2.csv",
    "client_pseudoniem;a_terme_datum;organisatie;screening_datum;instrument;route;risicofactoren",
    "4679def35ce2d1f1db5161c50d49b742774ac36b4eb10182ca1ec6825805183a;05-07-2025;;30-04-2025;mind2care;2;"
        "schulden|huiselijk_geweld",
    "de91f707eed569a6d8aec3d25d6dd17647a31a838e42739420650624649f3393;10-07-2025;;20-05-2025;r4u;2;huisve"
        "sting",
    "09e076ba400a53d40a4003c460a25ac59ba6f6b9648eb6bbc06b18dc0882bdee;10-11-2025;;08-04-2025;anna;1;",
    NULL};

static const char *const example_zorgepisode[] = {
    "zorgepisode_ZH-ZL-1_2025Q2.csv",
    "client_pseudoniem;a_terme_datum;organisatie;lijn;start_datum;eind_datum;reden",
    "b6ab2ae7e7875f81a8f4745dc4ec02c948c589f546670ad8070066df4218e943;19-04-2025;;2;22-04-2025;26-04-2025"
        ";medisch",
    "45c1f2bc8de752a6c39835157c6bba45b9bcfe794bede0148f0e7538b6d081c3;17-04-2025;;2;23-09-2024;17-04-2025"
        ";beide",
    "16e6fea2b5b7310cfdb3353e1664c695537944953edd2e79e48e483b9538c686;24-07-2025;;2;22-05-2025;;psychosoc"
        "iaal",
    NULL};

static const char *const example_overdracht[] = {
    "overdracht_KZ-ZL-1_2025Q2.csv",
    "client_pseudoniem;a_terme_datum;geboortedatum;organisatie;van_organisatie;naar_organisatie;soort;sig"
        "naleringsdatum;verzonden_datum;ontvangen_datum;warm",
    "2417896643865682478e695c00d0fea9c7dd13108198282c10c52c3278750e2e;;30-03-2025;;KZ-ZL-1;JGZ-ZL;kraam_j"
        "gz;;06-04-2025;08-04-2025;ja",
    "dcf89f4985c8945900a3a7b3a93f73a27fa69df7e94df11341dd3840bd0dd13c;;24-03-2025;;KZ-ZL-1;JGZ-ZL;kraam_j"
        "gz;;03-04-2025;04-04-2025;ja",
    "f64ccf0a287a205b8e2d2713ac928df87f7da2b40376e2224fd58af03b2ca426;;07-06-2025;;KZ-ZL-1;JGZ-ZL;kraam_j"
        "gz;;17-06-2025;;nee",
    NULL};

static const char *const example_mdo[] = {
    "mdo_KNP-ZL_2025Q2.csv",
    "client_pseudoniem;a_terme_datum;organisatie;aanmelddatum;bespreekdatum;regie_type;regie_organisatie;"
        "regie_datum",
    "ec798dda282d8255a7c919cbedcf51ea81c88f4440f77d609178d3d87faeac83;24-07-2025;;16-03-2025;22-03-2025;v"
        "erloskundige;VP-ZL-4;01-04-2025",
    "58b1cf277cc9f5937abed6822d5f8c5708ac30c19ed2cd09f323830e0b4bd794;18-09-2025;;31-05-2025;31-05-2025;w"
        "ijkteam;KNP-ZL;05-06-2025",
    "e487147a2fe22b84024333baaabedaeddf1ca7dfa4c34885ccbd06a031095fc8;08-10-2025;;26-06-2025;28-06-2025;;"
        ";",
    NULL};

static const char *const example_bevalling[] = {
    "bevalling_ZH-ZL-1_2025Q2.csv",
    "client_pseudoniem;a_terme_datum;geboortedatum;kind_volgnummer;organisatie;amenorroeduur_geboorte;geb"
        "oortegewicht;lijn_begin_baring;plaats;vitaliteit;overleden_dag",
    "b6ab2ae7e7875f81a8f4745dc4ec02c948c589f546670ad8070066df4218e943;19-04-2025;24-04-2025;;;40+5;3141;2"
        ";klinisch;levend;",
    "6bc856df39f6ad50bd3502c971d430820d830128945bdb194b05200d7032dc9c;11-04-2025;08-04-2025;;;39+4;2775;2"
        ";klinisch;levend;",
    "5d797a652b31c17f4e913f3e8addcb01c2df4d12be486f9ff6169798518285e1;12-04-2025;15-04-2025;;;283;4105;2;"
        "klinisch;levend;",
    NULL};

static const char *const example_jgz_contact[] = {
    "jgz_contact_JGZ-ZL_2025Q2.csv",
    "client_pseudoniem;a_terme_datum;geboortedatum;kind_volgnummer;organisatie;contact_datum;contactmomen"
        "t;status;reden_uitschrijving",
    "feeb686cdf134403872afd8944904e59f79b46e0be8b543fa4b160eaa53fc56b;;12-02-2025;;;13-04-2025;8w;versche"
        "nen;",
    "8a6ce8a1d3b0b5b9d5741df7613533c47862c5b5409ee0f72aa3fd0d1921e484;;14-02-2025;;;17-06-2025;4m;niet_ve"
        "rschenen;",
    "20ecd45a9ef63ab9aceb9fee7763ca9652e4a0704f3b14ff113414589862f630;18-07-2025;;;;22-04-2025;prenataal_"
        "huisbezoek;afgezegd;",
    NULL};
/* ---- examples (END) ---- */

/* ---- the type table --------------------------------------------------------------------- */

const etl_type etl_types[] = {
    {"regios", "de regio's van de samenwerkingsverbanden", 1, 1, regios_cols, N(regios_cols), NULL, NULL,
     example_regios},
    {"sites", "de sites van het leertraject (ziekenhuisgerichte samenwerkingsverbanden)", 1, 2, sites_cols,
     N(sites_cols), NULL, NULL, example_sites},
    {"gemeenten", "de gemeenten met hun regio en herindelingen", 1, 3, gemeenten_cols, N(gemeenten_cols), NULL, NULL,
     example_gemeenten},
    {"organisaties", "het register van partnerorganisaties", 1, 4, organisaties_cols, N(organisaties_cols), NULL, NULL,
     example_organisaties},
    {"afspraken", "de aanleverafspraken: wie levert welk extract vanaf wanneer", 1, 5, afspraken_cols,
     N(afspraken_cols), rule_afspraken, rules_afspraken, example_afspraken},
    {"doelen", "de streefwaarden per indicator en regio", 1, 6, doelen_cols, N(doelen_cols), rule_doelen,
     rules_doelen, example_doelen},
    {"referenties", "landelijke referentiewaarden (Perined, CBS, RIVM)", 1, 7, referenties_cols, N(referenties_cols),
     rule_referenties, rules_referenties, example_referenties},
    {"zwangerschap", "Eén rij per zwangerschap, van de organisatie die de intake deed", 0, 100, zwangerschap_cols,
     N(zwangerschap_cols), rule_zwangerschap, rules_zwangerschap, example_zwangerschap},
    {"screening", "Eén rij per screening op kwetsbaarheid; een zwangerschap kan er meer hebben", 0, 100, screening_cols,
     N(screening_cols), rule_screening, rules_screening, example_screening},
    {"zorgepisode", "Eén rij per episode van verloskundige zorg in één lijn", 0, 100, zorgepisode_cols,
     N(zorgepisode_cols), rule_zorgepisode, rules_zorgepisode, example_zorgepisode},
    {"overdracht", "Eén rij per overdracht tussen organisaties", 0, 100, overdracht_cols, N(overdracht_cols),
     rule_overdracht, rules_overdracht, example_overdracht},
    {"mdo", "Eén rij per casus ingebracht in het MDO Zwangeren in een kwetsbare situatie", 0, 100, mdo_cols,
     N(mdo_cols), rule_mdo, rules_mdo, example_mdo},
    {"bevalling", "Eén rij per geboren kind", 0, 100, bevalling_cols, N(bevalling_cols), rule_bevalling,
     rules_bevalling, example_bevalling},
    {"jgz_contact", "Eén rij per JGZ-contact (gehouden of gemist), zwangerschap tot 2 jaar", 0, 100, jgz_contact_cols,
     N(jgz_contact_cols), rule_jgz_contact, rules_jgz_contact, example_jgz_contact},
};
const size_t etl_ntypes = N(etl_types);

const etl_type *etl_type_find(const char *name, size_t n)
{
    for (size_t i = 0; i < etl_ntypes; i++)
        if (kr_eq_ci(name, n, etl_types[i].name))
            return &etl_types[i];
    return NULL;
}

int etl_col_index(const etl_type *t, const char *name)
{
    for (size_t i = 0; i < t->ncols; i++)
        if (strcmp(t->cols[i].name, name) == 0)
            return (int)i;
    return -1;
}

size_t etl_type_count(void) { return etl_ntypes; }
const char *etl_type_name(size_t i) { return i < etl_ntypes ? etl_types[i].name : NULL; }

int etl_type_kind(const char *name)
{
    const etl_type *t = etl_type_find(name, strlen(name));
    return t == NULL ? 0 : t->reference ? 2 : 1;
}

size_t etl_type_columns(const char *type, const char **names, size_t max)
{
    const etl_type *t = etl_type_find(type, strlen(type));
    if (!t)
        return 0;
    for (size_t c = 0; c < t->ncols && c < max; c++)
        names[c] = t->cols[c].name;
    return t->ncols;
}
