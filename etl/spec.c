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
#define ORGCOL {"organisatie", ETL_ORG, ETL_UPPER, NULL, 0, 0, "organisatie; leeg of afwezig: de aanleverende organisatie"}

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
    [ZW_CLIENT] = {"client_pseudoniem", ETL_PSEUDONYM, ETL_REQ | ETL_KEY | ETL_LOWER, NULL, 0, 0, "pseudoniem van de cliënt (HMAC-SHA256 van de TTP)"},
    [ZW_ATERME] = {"a_terme_datum", ETL_DATE, ETL_REQ | ETL_KEY | ETL_FUTURE, NULL, 0, 0, "verwachte bevallingsdatum"},
    [ZW_ORG] = ORGCOL,
    [ZW_GEMEENTE] = {"gemeentecode", ETL_GEMEENTE, ETL_REQ | ETL_UPPER, NULL, 0, 0, "CBS-gemeentecode (GM + 4 cijfers) van de woonplaats"},
    [ZW_LEEFTIJD] = {"leeftijdsklasse", ETL_CODE, ETL_REQ, c_leeftijd, 0, 0, "leeftijdsklasse van de moeder bij intake"},
    [ZW_PARITEIT] = {"pariteit", ETL_CODE, 0, c_pariteit, 0, 0, "aantal eerdere bevallingen"},
    [ZW_INTAKE] = {"intake_datum", ETL_DATE, ETL_REQ, NULL, 0, 0, "datum van de intake; tussen a_terme_datum − 294 en a_terme_datum"},
    [ZW_LIJN] = {"lijn_intake", ETL_CODE, ETL_REQ, c_lijn123, 0, 0, "lijn van zorg bij intake"},
};

static void rule_zwangerschap(etl_row *r)
{
    if (has(r, ZW_INTAKE) && has(r, ZW_ATERME) &&
        (v(r, ZW_INTAKE) < v(r, ZW_ATERME) - 294 || v(r, ZW_INTAKE) > v(r, ZW_ATERME)))
        etl_row_reject(r, ZW_INTAKE, KR_R_RULE,
                       "intake_datum must lie between a_terme_datum - 294 days and a_terme_datum");
}

/* ---- screening ----------------------------------------------------------------- */

enum { SC_CLIENT, SC_ATERME, SC_ORG, SC_DATUM, SC_INSTRUMENT, SC_ROUTE, SC_RISICO };
static const etl_column screening_cols[] = {
    [SC_CLIENT] = {"client_pseudoniem", ETL_PSEUDONYM, ETL_REQ | ETL_KEY | ETL_LOWER, NULL, 0, 0, "pseudoniem van de cliënt"},
    [SC_ATERME] = {"a_terme_datum", ETL_DATE, ETL_REQ | ETL_KEY | ETL_FUTURE, NULL, 0, 0, "verwachte bevallingsdatum"},
    [SC_ORG] = ORGCOL,
    [SC_DATUM] = {"screening_datum", ETL_DATE, ETL_REQ | ETL_KEY, NULL, 0, 0, "datum van de screening op kwetsbaarheid; niet na a_terme_datum + 42"},
    [SC_INSTRUMENT] = {"instrument", ETL_CODE, ETL_REQ, c_instrument, 0, 0, "gebruikt screeningsinstrument"},
    [SC_ROUTE] = {"route", ETL_CODE, ETL_REQ, c_lijn123, 0, 0, "1 zelfredzaam, 2 potentieel kwetsbaar, 3 (urgent) kwetsbaar"},
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

/* ---- zorgepisode ------------------------------------------------------------------ */

enum { ZE_CLIENT, ZE_ATERME, ZE_ORG, ZE_LIJN, ZE_START, ZE_EIND, ZE_REDEN };
static const etl_column zorgepisode_cols[] = {
    [ZE_CLIENT] = {"client_pseudoniem", ETL_PSEUDONYM, ETL_REQ | ETL_KEY | ETL_LOWER, NULL, 0, 0, "pseudoniem van de cliënt"},
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

/* ---- overdracht ------------------------------------------------------------------- */

enum { OV_CLIENT, OV_ATERME, OV_GEBOORTE, OV_ORG, OV_VAN, OV_NAAR, OV_SOORT, OV_SIGNAAL, OV_VERZONDEN, OV_ONTVANGEN, OV_WARM };
static const etl_column overdracht_cols[] = {
    [OV_CLIENT] = {"client_pseudoniem", ETL_PSEUDONYM, ETL_REQ | ETL_KEY | ETL_LOWER, NULL, 0, 0, "pseudoniem van de cliënt"},
    [OV_ATERME] = {"a_terme_datum", ETL_DATE, ETL_FUTURE, NULL, 0, 0, "verwachte bevallingsdatum; verplicht bij jgz_prenataal en mdo_aanmelding"},
    [OV_GEBOORTE] = {"geboortedatum", ETL_DATE, 0, NULL, 0, 0, "geboortedatum van het kind; verplicht bij kraam_jgz en verloskundige_jgz"},
    [OV_ORG] = ORGCOL,
    [OV_VAN] = {"van_organisatie", ETL_ORG, ETL_REQ | ETL_KEY | ETL_UPPER, NULL, 0, 0, "overdragende organisatie"},
    [OV_NAAR] = {"naar_organisatie", ETL_ORG, ETL_REQ | ETL_KEY | ETL_UPPER, NULL, 0, 0, "ontvangende organisatie"},
    [OV_SOORT] = {"soort", ETL_CODE, ETL_REQ | ETL_KEY, c_soort_overdracht, 0, 0, "soort overdracht"},
    [OV_SIGNAAL] = {"signaleringsdatum", ETL_DATE, 0, NULL, 0, 0, "wanneer de zorgbehoefte werd gesignaleerd"},
    [OV_VERZONDEN] = {"verzonden_datum", ETL_DATE, ETL_REQ | ETL_KEY, NULL, 0, 0, "datum van verzending; niet voor signaleringsdatum"},
    [OV_ONTVANGEN] = {"ontvangen_datum", ETL_DATE, 0, NULL, 0, 0, "bevestigd ontvangen; leeg = (nog) niet bevestigd"},
    [OV_WARM] = {"warm", ETL_CODE, ETL_REQ, c_janee, 0, 0, "warme overdracht: persoonlijk contact, niet alleen een document"},
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

/* ---- mdo ------------------------------------------------------------------------------ */

enum { MD_CLIENT, MD_ATERME, MD_ORG, MD_AANMELD, MD_BESPREEK, MD_REGIE_TYPE, MD_REGIE_ORG, MD_REGIE_DATUM };
static const etl_column mdo_cols[] = {
    [MD_CLIENT] = {"client_pseudoniem", ETL_PSEUDONYM, ETL_REQ | ETL_KEY | ETL_LOWER, NULL, 0, 0, "pseudoniem van de cliënt"},
    [MD_ATERME] = {"a_terme_datum", ETL_DATE, ETL_REQ | ETL_KEY | ETL_FUTURE, NULL, 0, 0, "verwachte bevallingsdatum"},
    [MD_ORG] = ORGCOL,
    [MD_AANMELD] = {"aanmelddatum", ETL_DATE, ETL_REQ | ETL_KEY, NULL, 0, 0, "datum van aanmelding bij het MDO"},
    [MD_BESPREEK] = {"bespreekdatum", ETL_DATE, 0, NULL, 0, 0, "datum van bespreking; leeg = nog niet besproken"},
    [MD_REGIE_TYPE] = {"regie_type", ETL_CODE, 0, c_regie, 0, 0, "wie de casusregie nam"},
    [MD_REGIE_ORG] = {"regie_organisatie", ETL_ORG, ETL_UPPER, NULL, 0, 0, "organisatie met de casusregie"},
    [MD_REGIE_DATUM] = {"regie_datum", ETL_DATE, 0, NULL, 0, 0, "datum waarop de regie belegd werd; niet voor bespreekdatum"},
};

static void rule_mdo(etl_row *r)
{
    if (has(r, MD_BESPREEK) && has(r, MD_AANMELD) && v(r, MD_BESPREEK) < v(r, MD_AANMELD))
        etl_row_reject(r, MD_BESPREEK, KR_R_RULE, "bespreekdatum lies before aanmelddatum");
    if (has(r, MD_REGIE_DATUM) && has(r, MD_BESPREEK) && v(r, MD_REGIE_DATUM) < v(r, MD_BESPREEK))
        etl_row_reject(r, MD_REGIE_DATUM, KR_R_RULE, "regie_datum lies before bespreekdatum");
}

/* ---- bevalling ---------------------------------------------------------------------------- */

enum { BV_CLIENT, BV_ATERME, BV_GEBOORTE, BV_KIND, BV_ORG, BV_AMENORROE, BV_GEWICHT, BV_LIJN, BV_PLAATS, BV_VITALITEIT, BV_DAG };
static const etl_column bevalling_cols[] = {
    [BV_CLIENT] = {"client_pseudoniem", ETL_PSEUDONYM, ETL_REQ | ETL_KEY | ETL_LOWER, NULL, 0, 0, "pseudoniem van de moeder"},
    [BV_ATERME] = {"a_terme_datum", ETL_DATE, ETL_REQ | ETL_KEY | ETL_FUTURE, NULL, 0, 0, "verwachte bevallingsdatum"},
    [BV_GEBOORTE] = {"geboortedatum", ETL_DATE, ETL_REQ, NULL, 0, 0, "geboortedatum; tussen a_terme_datum − 126 en a_terme_datum + 35"},
    [BV_KIND] = {"kind_volgnummer", ETL_INT, ETL_KEY | ETL_DEFAULT1, NULL, 1, 4, "volgnummer van het kind (1..4, standaard 1; tweeling 1 en 2)"},
    [BV_ORG] = {"organisatie", ETL_ORG, ETL_UPPER, NULL, 0, 0, "verantwoordelijke organisatie bij de geboorte; leeg: de aanleverende organisatie"},
    [BV_AMENORROE] = {"amenorroeduur_geboorte", ETL_GESTATION, ETL_REQ, NULL, 154, 315, "zwangerschapsduur bij geboorte: dagen (261) of weken+dagen (37+2); 22+0 .. 45+0"},
    [BV_GEWICHT] = {"geboortegewicht", ETL_INT, 0, NULL, 300, 6500, "geboortegewicht in grammen (300..6500)"},
    [BV_LIJN] = {"lijn_begin_baring", ETL_CODE, ETL_REQ, c_lijn123, 0, 0, "verantwoordelijke lijn bij het begin van de baring (of geplande keizersnede)"},
    [BV_PLAATS] = {"plaats", ETL_CODE, 0, c_plaats, 0, 0, "plaats van de bevalling"},
    [BV_VITALITEIT] = {"vitaliteit", ETL_CODE, ETL_REQ, c_vitaliteit, 0, 0, "levend, doodgeboren of neonataal overleden"},
    [BV_DAG] = {"overleden_dag", ETL_INT, 0, NULL, 0, 27, "leeftijd in dagen bij neonataal overlijden (0..27); verplicht bij neonataal_overleden"},
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

/* ---- jgz_contact -------------------------------------------------------------------------- */

enum { JG_CLIENT, JG_ATERME, JG_GEBOORTE, JG_KIND, JG_ORG, JG_DATUM, JG_MOMENT, JG_STATUS, JG_REDEN };
static const etl_column jgz_contact_cols[] = {
    [JG_CLIENT] = {"client_pseudoniem", ETL_PSEUDONYM, ETL_REQ | ETL_KEY | ETL_LOWER, NULL, 0, 0, "pseudoniem van de moeder"},
    [JG_ATERME] = {"a_terme_datum", ETL_DATE, ETL_FUTURE, NULL, 0, 0, "verwachte bevallingsdatum; verplicht bij prenataal_huisbezoek"},
    [JG_GEBOORTE] = {"geboortedatum", ETL_DATE, 0, NULL, 0, 0, "geboortedatum van het kind; verplicht bij huisbezoek … 24m"},
    [JG_KIND] = {"kind_volgnummer", ETL_INT, ETL_KEY | ETL_DEFAULT1, NULL, 1, 4, "volgnummer van het kind (1..4, standaard 1)"},
    [JG_ORG] = ORGCOL,
    [JG_DATUM] = {"contact_datum", ETL_DATE, ETL_REQ | ETL_KEY, NULL, 0, 0, "datum van het (geplande) contact"},
    [JG_MOMENT] = {"contactmoment", ETL_CODE, ETL_REQ | ETL_KEY, c_moment, 0, 0, "contactmoment"},
    [JG_STATUS] = {"status", ETL_CODE, ETL_REQ, c_status, 0, 0, "verschenen, niet verschenen of afgezegd"},
    [JG_REDEN] = {"reden_uitschrijving", ETL_CODE, 0, c_uitschrijving, 0, 0, "reden van uitschrijving; verplicht bij uitschrijving"},
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

/* ---- reference data ----------------------------------------------------------------------- */

static const etl_column regios_cols[] = {
    {"code", ETL_REGIOCODE, ETL_REQ | ETL_KEY | ETL_LOWER, NULL, 0, 0, "code van de regio (kleine letters, bijvoorbeeld zl)"},
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
    {"opgegaan_in", ETL_GMCODE, ETL_UPPER, NULL, 0, 0, "code van de gemeente waarin deze is opgegaan (bij herindeling)"},
};
enum { OR_CODE, OR_NAAM, OR_SOORT, OR_LIJN, OR_REGIO, OR_SITE, OR_SYNTH };
static const etl_column organisaties_cols[] = {
    [OR_CODE] = {"code", ETL_ORGCODE, ETL_REQ | ETL_KEY | ETL_UPPER, NULL, 0, 0, "code van de organisatie: letters, cijfers en -"},
    [OR_NAAM] = {"naam", ETL_TEXT, ETL_REQ, NULL, 0, 0, "naam van de organisatie"},
    [OR_SOORT] = {"soort", ETL_CODE, ETL_REQ, c_orgsoort, 0, 0, "soort organisatie"},
    [OR_LIJN] = {"lijn", ETL_CODE, ETL_REQ, c_lijn0123, 0, 0, "lijn (0 = sociaal domein / JGZ)"},
    [OR_REGIO] = {"regio", ETL_REGIO, ETL_REQ | ETL_LOWER, NULL, 0, 0, "regio"},
    [OR_SITE] = {"site", ETL_SITE, ETL_UPPER, NULL, 0, 0, "site in het leertraject"},
    [OR_SYNTH] = {"synthetisch", ETL_CODE, 0, c_janee, 0, 0, "ja: synthetische gegevens (kansrijk samples); standaard nee"},
};
enum { AF_ORG, AF_TYPE, AF_VANAF, AF_TOT };
static const etl_column afspraken_cols[] = {
    [AF_ORG] = {"organisatie", ETL_ORG, ETL_REQ | ETL_KEY | ETL_UPPER, NULL, 0, 0, "aanleverende organisatie"},
    [AF_TYPE] = {"type", ETL_XTYPE, ETL_REQ | ETL_KEY, NULL, 0, 0, "soort extract"},
    [AF_VANAF] = {"vanaf", ETL_PERIOD, ETL_REQ | ETL_KEY, NULL, 0, 0, "eerste periode (2025Q1 of 2025)"},
    [AF_TOT] = {"tot", ETL_PERIOD, 0, NULL, 0, 0, "laatste periode; leeg = doorlopend"},
};
static const etl_column doelen_cols[] = {
    {"indicator", ETL_INDICATOR, ETL_REQ | ETL_KEY, NULL, 0, 0, "id van de indicator (bijvoorbeeld overdracht.mdo_tijdig)"},
    {"regio", ETL_REGIO, ETL_KEY | ETL_LOWER, NULL, 0, 0, "regio; leeg = elke regio"},
    {"doel", ETL_NUMBER, ETL_REQ, NULL, 0, 0, "streefwaarde in de eenheid van de indicator"},
    {"vanaf", ETL_PERIOD, ETL_REQ | ETL_KEY, NULL, 0, 0, "periode vanaf wanneer het doel geldt"},
};
static const etl_column referenties_cols[] = {
    {"indicator", ETL_INDICATOR, ETL_REQ | ETL_KEY, NULL, 0, 0, "id van de indicator"},
    {"periode", ETL_PERIOD, ETL_REQ | ETL_KEY, NULL, 0, 0, "periode van de referentiewaarde"},
    {"waarde", ETL_NUMBER, ETL_REQ, NULL, 0, 0, "landelijke referentiewaarde"},
    {"bron", ETL_TEXT, ETL_REQ | ETL_KEY, NULL, 0, 0, "bron (Perined, CBS, RIVM)"},
};

static void rule_afspraken(etl_row *r)
{
    if (has(r, AF_TOT) && has(r, AF_VANAF) && v(r, AF_TOT) < v(r, AF_VANAF))
        etl_row_reject(r, AF_TOT, KR_R_RULE, "tot lies before vanaf");
}

/* ---- the type table --------------------------------------------------------------------- */

const etl_type etl_types[] = {
    {"regios", "de regio's van de samenwerkingsverbanden", 1, 1, regios_cols, N(regios_cols), NULL},
    {"sites", "de sites van het leertraject (ziekenhuisgerichte samenwerkingsverbanden)", 1, 2, sites_cols, N(sites_cols), NULL},
    {"gemeenten", "de gemeenten met hun regio en herindelingen", 1, 3, gemeenten_cols, N(gemeenten_cols), NULL},
    {"organisaties", "het register van partnerorganisaties", 1, 4, organisaties_cols, N(organisaties_cols), NULL},
    {"afspraken", "de aanleverafspraken: wie levert welk extract vanaf wanneer", 1, 5, afspraken_cols, N(afspraken_cols), rule_afspraken},
    {"doelen", "de streefwaarden per indicator en regio", 1, 6, doelen_cols, N(doelen_cols), NULL},
    {"referenties", "landelijke referentiewaarden (Perined, CBS, RIVM)", 1, 7, referenties_cols, N(referenties_cols), NULL},
    {"zwangerschap", "één rij per zwangerschap, van de organisatie die de intake deed", 0, 100, zwangerschap_cols, N(zwangerschap_cols), rule_zwangerschap},
    {"screening", "één rij per screening op kwetsbaarheid; een zwangerschap kan er meer hebben", 0, 100, screening_cols, N(screening_cols), rule_screening},
    {"zorgepisode", "één rij per episode van verloskundige zorg in één lijn", 0, 100, zorgepisode_cols, N(zorgepisode_cols), rule_zorgepisode},
    {"overdracht", "één rij per overdracht tussen organisaties", 0, 100, overdracht_cols, N(overdracht_cols), rule_overdracht},
    {"mdo", "één rij per casus ingebracht in het MDO Zwangeren in een kwetsbare situatie", 0, 100, mdo_cols, N(mdo_cols), rule_mdo},
    {"bevalling", "één rij per geboren kind", 0, 100, bevalling_cols, N(bevalling_cols), rule_bevalling},
    {"jgz_contact", "één rij per JGZ-contact (gehouden of gemist), zwangerschap tot 2 jaar", 0, 100, jgz_contact_cols, N(jgz_contact_cols), rule_jgz_contact},
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
