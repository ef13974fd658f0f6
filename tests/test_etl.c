/*
 * Unit tests of etl/: every row rule of every extract and reference type,
 * accepted and rejected cases, table-driven; the identifier guard and masking;
 * the specification against the schema; record keys; what a run tells through its callbacks; the
 * line splitter's fast path against libcsv on generated files.
 */
#include "test_util.h"

#include "../etl/etl_int.h"
#include "../etl/link_int.h"
#include "split_diff.h"

#include <errno.h>
#include <sys/stat.h>

#define P64 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"

/* ---- a database with small registers ------------------------------------------------- */

typedef struct fixture {
    char *dir;
    sqlite3 *db;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    char path[1200], err[256];
    f->dir = tu_tmpdir();
    (void)snprintf(path, sizeof path, "%s/t.db", f->dir);
    assert_int_equal(kr_db_open(path, 1, &f->db, err, sizeof err), KR_OK);
    assert_int_equal(kr_db_exec(f->db,
                                "INSERT INTO regios VALUES ('zl', 'Zuid-Limburg', 0, 0);"
                                "INSERT INTO sites VALUES ('S-NOORD', 'Noord', 'zl', 0, 0);"
                                "INSERT INTO gemeenten VALUES ('GM0935', 'Maastricht', 'zl', NULL, 0, 0),"
                                " ('GM1954', 'Beekdaelen', 'zl', NULL, 0, 0),"
                                " ('GM0881', 'Onderbanken', 'zl', 'GM1954', 0, 0);"
                                "INSERT INTO organisaties VALUES"
                                " ('VP-A', 'A', 'verloskundigenpraktijk', 1, 'zl', 'S-NOORD', 'ja', 0, 0),"
                                " ('JGZ-C', 'C', 'jgz', 0, 'zl', NULL, 'ja', 0, 0);",
                                NULL, 0),
                     KR_OK);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    kr_db_close(f->db);
    tu_rmdir(f->dir);
    free(f);
    return 0;
}

/* ---- row rules, table-driven ------------------------------------------------------------ */

typedef struct row_case {
    const char *type;
    const char *header;
    const char *row;
    kr_status want;      /* KR_OK: accepted */
    const char *column;  /* the column named in the rejection ("" = the row) */
} row_case;

/* texts of 200 characters: 400 bytes of é, and 200 bytes of a */
#define E10 "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
#define E200 E10 E10 E10 E10 E10 E10 E10 E10 E10 E10 E10 E10 E10 E10 E10 E10 E10 E10 E10 E10
#define A10 "aaaaaaaaaa"
#define A200 A10 A10 A10 A10 A10 A10 A10 A10 A10 A10 A10 A10 A10 A10 A10 A10 A10 A10 A10 A10
#define ZW_H                                                                                                           \
    "client_pseudoniem;a_terme_datum;organisatie;gemeentecode;leeftijdsklasse;pariteit;intake_datum;lijn_intake"
#define SC_H "client_pseudoniem;a_terme_datum;screening_datum;instrument;route;risicofactoren"
#define ZE_H "client_pseudoniem;a_terme_datum;lijn;start_datum;eind_datum;reden"
#define OV_H                                                                                                           \
    "client_pseudoniem;a_terme_datum;geboortedatum;van_organisatie;naar_organisatie;soort;signaleringsdatum;"          \
    "verzonden_datum;ontvangen_datum;warm"
#define MD_H "client_pseudoniem;a_terme_datum;aanmelddatum;bespreekdatum;regie_type;regie_organisatie;regie_datum"
#define BV_H                                                                                                           \
    "client_pseudoniem;a_terme_datum;geboortedatum;kind_volgnummer;amenorroeduur_geboorte;geboortegewicht;"            \
    "lijn_begin_baring;plaats;vitaliteit;overleden_dag"
#define JG_H                                                                                                           \
    "client_pseudoniem;a_terme_datum;geboortedatum;kind_volgnummer;contact_datum;contactmoment;status;"                \
    "reden_uitschrijving"

static const row_case row_cases[] = {
    /* zwangerschap */
    {"zwangerschap", ZW_H, P64 ";15-09-2025;;GM0935;25-29;0;10-03-2025;1", KR_OK, NULL},
    /* written like a date, in a year no delivery has: the range, not "that day does not exist" */
    {"zwangerschap", ZW_H, P64 ";15-09-2025;;GM0935;25-29;0;22-04-0025;1", KR_R_DATE_RANGE, "intake_datum"},
    {"zwangerschap", ZW_H, P64 ";15-09-2025;;GM0935;25-29;0;31-02-2025;1", KR_R_DATE, "intake_datum"},
    {"zwangerschap", ZW_H, P64 ";15-09-2025;vp-a;gm0935;25-29 ; 2+ ;2025-03-10;1", KR_OK, NULL},
    /* the invisible spaces a spreadsheet leaves around a value: no-break (U+00A0), zero-width (U+200B), BOM */
    {"zwangerschap", ZW_H, P64 ";15-09-2025;;GM0935\xc2\xa0;\xc2\xa0" "25-29;0;10-03-2025\xe2\x80\x8b;1", KR_OK, NULL},
    {"zwangerschap", ZW_H, P64 ";15-09-2025;;GM09\xc2\xa0" "35;25-29;0;10-03-2025;1", KR_R_GEMEENTE, "gemeentecode"},
    {"screening", SC_H, P64 ";15-09-2025;10-03-2025;R4U;3;schulden\xef\xbb\xbf | LVB", KR_OK, NULL},
    {"zwangerschap", ZW_H, P64 ";15-09-2025;;GM0881;<20;;10-03-2025;2", KR_OK, NULL},
    {"zwangerschap", ZW_H, P64 ";15-09-2025;;GM0935;25-29;0;10-03-2025;4", KR_R_CODE, "lijn_intake"},
    {"zwangerschap", ZW_H, P64 ";15-09-2025;;GM0935;26-30;0;10-03-2025;1", KR_R_CODE, "leeftijdsklasse"},
    {"zwangerschap", ZW_H, P64 ";15-09-2025;;GM0935;25-29;3;10-03-2025;1", KR_R_CODE, "pariteit"},
    {"zwangerschap", ZW_H, P64 ";15-09-2025;;GM9999;25-29;0;10-03-2025;1", KR_R_GEMEENTE, "gemeentecode"},
    {"zwangerschap", ZW_H, P64 ";15-09-2025;;0935;25-29;0;10-03-2025;1", KR_R_GEMEENTE, "gemeentecode"},
    {"zwangerschap", ZW_H, P64 ";15-09-2025;XX;GM0935;25-29;0;10-03-2025;1", KR_R_ORG, "organisatie"},
    {"zwangerschap", ZW_H, P64 ";15-09-2025;;GM0935;;0;10-03-2025;1", KR_R_REQUIRED, "leeftijdsklasse"},
    {"zwangerschap", ZW_H, P64 ";15-09-2025;;GM0935;25-29;0;16-09-2025;1", KR_R_DATE_RANGE, "intake_datum"},
    {"zwangerschap", ZW_H, P64 ";15-03-2025;;GM0935;25-29;0;20-03-2025;1", KR_R_RULE, "intake_datum"},
    {"zwangerschap", ZW_H, P64 ";15-12-2025;;GM0935;25-29;0;10-02-2025;1", KR_R_RULE, "intake_datum"},  /* 308 days */
    {"zwangerschap", ZW_H, P64 ";15-12-2025;;GM0935;25-29;0;24-02-2025;1", KR_OK, NULL},              /* 294 days */
    {"zwangerschap", ZW_H, P64 ";31-02-2025;;GM0935;25-29;0;10-02-2025;1", KR_R_DATE, "a_terme_datum"},
    {"zwangerschap", ZW_H, P64 ";15-09-2025 00:00;;GM0935;25-29;0;10-03-2025;1", KR_R_DATE, "a_terme_datum"},
    {"zwangerschap", ZW_H, P64 ";15-09-1999;;GM0935;25-29;0;10-03-1999;1", KR_R_DATE_RANGE, "a_terme_datum"},
    {"zwangerschap", ZW_H, "xyz;15-09-2025;;GM0935;25-29;0;10-03-2025;1", KR_R_PSEUDONYM, "client_pseudoniem"},
    {"zwangerschap", ZW_H, P64 "a;15-09-2025;;GM0935;25-29;0;10-03-2025;1", KR_R_PSEUDONYM, "client_pseudoniem"},
    {"zwangerschap", ZW_H, P64 ";15-09-2025;;GM0935;25-29;0;10-03-2025", KR_R_FIELDS, ""},
    {"zwangerschap", ZW_H, P64 ";15-09-2025;;GM0935;25-29;0;10-03-2025;1;extra", KR_R_FIELDS, ""},
    /* screening */
    {"screening", SC_H, P64 ";15-09-2025;10-03-2025;mind2care;1;", KR_OK, NULL},
    /* a due date lies ahead, at most 42 weeks after the period (2025Q1 ends 31-03-2025): 2099 is a typo */
    {"screening", SC_H, P64 ";15-09-2099;10-03-2025;mind2care;1;", KR_R_DATE_RANGE, "a_terme_datum"},
    {"screening", SC_H, P64 ";20-01-2026;10-03-2025;mind2care;1;", KR_R_DATE_RANGE, "a_terme_datum"},  /* 295 days */
    {"zwangerschap", ZW_H, P64 ";19-01-2026;;GM0935;25-29;0;31-03-2025;1", KR_OK, NULL},              /* 294 days */
    {"screening", SC_H, P64 ";15-09-2025;10-03-2025;R4U;3;schulden | LVB|schulden", KR_OK, NULL},
    {"screening", SC_H, P64 ";15-09-2025;10-03-2025;anna;3;", KR_OK, NULL},  /* a warning only */
    {"screening", SC_H, P64 ";15-09-2025;10-03-2025;vragenlijst;1;", KR_R_CODE, "instrument"},
    {"screening", SC_H, P64 ";15-09-2025;10-03-2025;anna;0;", KR_R_CODE, "route"},
    {"screening", SC_H, P64 ";15-09-2025;10-03-2025;anna;2;schulden|armoede", KR_R_CODE, "risicofactoren"},
    {"screening", SC_H, P64 ";15-01-2025;01-03-2025;anna;2;", KR_R_RULE, "screening_datum"},  /* 45 days after */
    {"screening", SC_H, P64 ";15-01-2025;26-02-2025;anna;2;", KR_OK, NULL},                   /* 42 days after */
    {"screening", SC_H, P64 ";15-09-2025;;anna;2;", KR_R_REQUIRED, "screening_datum"},
    /* zorgepisode */
    {"zorgepisode", ZE_H, P64 ";15-09-2025;2;01-03-2025;;medisch", KR_OK, NULL},
    {"zorgepisode", ZE_H, P64 ";15-09-2025;1;01-03-2025;01-03-2025;psychosociaal", KR_OK, NULL},
    {"zorgepisode", ZE_H, P64 ";15-09-2025;2;01-03-2025;28-02-2025;beide", KR_R_RULE, "eind_datum"},
    {"zorgepisode", ZE_H, P64 ";15-09-2025;4;01-03-2025;;medisch", KR_R_CODE, "lijn"},
    {"zorgepisode", ZE_H, P64 ";15-09-2025;2;01-03-2025;;sociaal", KR_R_CODE, "reden"},
    {"zorgepisode", ZE_H, P64 ";15-09-2025;2;01-03-2025;01-04-2025;medisch", KR_R_DATE_RANGE, "eind_datum"},
    /* overdracht */
    {"overdracht", OV_H, P64 ";15-09-2025;;VP-A;JGZ-C;jgz_prenataal;01-03-2025;05-03-2025;;ja", KR_OK, NULL},
    {"overdracht", OV_H, P64 ";;10-03-2025;VP-A;JGZ-C;kraam_jgz;;12-03-2025;13-03-2025;nee", KR_OK, NULL},
    {"overdracht", OV_H, P64 ";;10-03-2025;VP-A;JGZ-C;anders;;12-03-2025;;nee", KR_OK, NULL},
    {"overdracht", OV_H, P64 ";;10-03-2025;VP-A;JGZ-C;jgz_prenataal;;12-03-2025;;ja", KR_R_REQUIRED, "a_terme_datum"},
    {"overdracht", OV_H, P64 ";15-09-2025;;VP-A;JGZ-C;verloskundige_jgz;;12-03-2025;;ja", KR_R_REQUIRED,
     "geboortedatum"},
    {"overdracht", OV_H, P64 ";;;VP-A;JGZ-C;ziekenhuis_wijk;;12-03-2025;;ja", KR_R_REQUIRED, "a_terme_datum"},
    {"overdracht", OV_H, P64 ";15-09-2025;;VP-A;JGZ-C;jgz_prenataal;06-03-2025;05-03-2025;;ja", KR_R_RULE,
     "verzonden_datum"},
    {"overdracht", OV_H, P64 ";15-09-2025;;VP-A;JGZ-C;jgz_prenataal;01-03-2025;05-03-2025;04-03-2025;ja", KR_R_RULE,
     "ontvangen_datum"},
    {"overdracht", OV_H, P64 ";15-09-2025;;VP-A;JGZ-X;jgz_prenataal;01-03-2025;05-03-2025;;ja", KR_R_ORG,
     "naar_organisatie"},
    {"overdracht", OV_H, P64 ";15-09-2025;;VP-A;JGZ-C;jgz_prenataal;01-03-2025;05-03-2025;;misschien", KR_R_CODE,
     "warm"},
    {"overdracht", OV_H, P64 ";15-09-2025;;VP-A;JGZ-C;brief;01-03-2025;05-03-2025;;ja", KR_R_CODE, "soort"},
    /* mdo */
    {"mdo", MD_H, P64 ";15-09-2025;01-03-2025;10-03-2025;jgz;JGZ-C;12-03-2025", KR_OK, NULL},
    {"mdo", MD_H, P64 ";15-09-2025;01-03-2025;;;;", KR_OK, NULL},
    {"mdo", MD_H, P64 ";15-09-2025;01-03-2025;28-02-2025;;;", KR_R_RULE, "bespreekdatum"},
    {"mdo", MD_H, P64 ";15-09-2025;01-03-2025;10-03-2025;jgz;JGZ-C;09-03-2025", KR_R_RULE, "regie_datum"},
    {"mdo", MD_H, P64 ";15-09-2025;01-03-2025;10-03-2025;buurman;JGZ-C;12-03-2025", KR_R_CODE, "regie_type"},
    {"mdo", MD_H, P64 ";15-09-2025;01-03-2025;10-03-2025;jgz;NIEMAND;12-03-2025", KR_R_ORG, "regie_organisatie"},
    {"mdo", MD_H, P64 ";15-09-2025;;;;;", KR_R_REQUIRED, "aanmelddatum"},
    /* bevalling */
    {"bevalling", BV_H, P64 ";15-03-2025;12-03-2025;;39+4;3400;1;thuis;levend;", KR_OK, NULL},
    {"bevalling", BV_H, P64 ";15-03-2025;12-03-2025;2;277;;2;klinisch;levend;", KR_OK, NULL},
    {"bevalling", BV_H, P64 ";15-03-2025;12-03-2025;1;39+4;3400;2;klinisch;neonataal_overleden;3", KR_OK, NULL},
    {"bevalling", BV_H, P64 ";15-03-2025;12-03-2025;1;39+4;3400;2;klinisch;neonataal_overleden;", KR_R_REQUIRED,
     "overleden_dag"},
    {"bevalling", BV_H, P64 ";15-03-2025;12-03-2025;1;39+4;3400;2;klinisch;levend;3", KR_R_RULE, "overleden_dag"},
    {"bevalling", BV_H, P64 ";15-03-2025;12-03-2025;1;39+4;3400;2;klinisch;neonataal_overleden;28", KR_R_NUMBER,
     "overleden_dag"},
    {"bevalling", BV_H, P64 ";15-03-2025;12-03-2025;5;39+4;3400;1;thuis;levend;", KR_R_NUMBER, "kind_volgnummer"},
    {"bevalling", BV_H, P64 ";15-03-2025;12-03-2025;1;21+6;3400;1;thuis;levend;", KR_R_GESTATION,
     "amenorroeduur_geboorte"},
    {"bevalling", BV_H, P64 ";15-03-2025;12-03-2025;1;45+1;3400;1;thuis;levend;", KR_R_GESTATION,
     "amenorroeduur_geboorte"},
    {"bevalling", BV_H, P64 ";15-03-2025;12-03-2025;1;39+4;299;1;thuis;levend;", KR_R_NUMBER, "geboortegewicht"},
    {"bevalling", BV_H, P64 ";15-03-2025;12-03-2025;1;39+4;6501;1;thuis;levend;", KR_R_NUMBER, "geboortegewicht"},
    {"bevalling", BV_H, P64 ";15-03-2025;12-03-2025;1;39+4;3,4;1;thuis;levend;", KR_R_NUMBER, "geboortegewicht"},
    {"bevalling", BV_H, P64 ";15-08-2025;10-03-2025;1;30+0;1500;2;klinisch;levend;", KR_R_RULE,
     "geboortedatum"},  /* 158 days early */
    {"bevalling", BV_H, P64 ";01-01-2025;06-02-2025;1;45+0;3500;2;klinisch;levend;", KR_R_RULE,
     "geboortedatum"},  /* 36 days late */
    {"bevalling", BV_H, P64 ";15-03-2025;12-03-2025;1;39+4;3400;1;ziekenhuis;levend;", KR_R_CODE, "plaats"},
    {"bevalling", BV_H, P64 ";15-03-2025;12-03-2025;1;39+4;3400;1;thuis;dood;", KR_R_CODE, "vitaliteit"},
    {"bevalling", BV_H, P64 ";15-03-2025;;1;39+4;3400;1;thuis;levend;", KR_R_REQUIRED, "geboortedatum"},
    /* jgz_contact */
    {"jgz_contact", JG_H, P64 ";15-09-2025;;;01-03-2025;prenataal_huisbezoek;verschenen;", KR_OK, NULL},
    {"jgz_contact", JG_H, P64 ";;01-01-2025;;29-01-2025;4w;niet_verschenen;", KR_OK, NULL},
    {"jgz_contact", JG_H, P64 ";;01-01-2025;2;29-01-2025;7_5M;afgezegd;", KR_OK, NULL},
    {"jgz_contact", JG_H, P64 ";;01-01-2025;;29-01-2025;uitschrijving;verschenen;verhuisd", KR_OK, NULL},
    {"jgz_contact", JG_H, P64 ";15-09-2025;;;01-03-2025;extra;verschenen;", KR_OK, NULL},
    {"jgz_contact", JG_H, P64 ";;;;01-03-2025;prenataal_huisbezoek;verschenen;", KR_R_REQUIRED, "a_terme_datum"},
    {"jgz_contact", JG_H, P64 ";15-09-2025;;;01-03-2025;4w;verschenen;", KR_R_REQUIRED, "geboortedatum"},
    {"jgz_contact", JG_H, P64 ";;;;01-03-2025;extra;verschenen;", KR_R_REQUIRED, "geboortedatum"},
    {"jgz_contact", JG_H, P64 ";;01-01-2025;;29-01-2025;uitschrijving;verschenen;", KR_R_REQUIRED,
     "reden_uitschrijving"},
    {"jgz_contact", JG_H, P64 ";;01-01-2025;;29-01-2025;uitschrijving;verschenen;emigratie", KR_R_CODE,
     "reden_uitschrijving"},
    {"jgz_contact", JG_H, P64 ";;01-01-2025;;29-01-2025;5w;verschenen;", KR_R_CODE, "contactmoment"},
    {"jgz_contact", JG_H, P64 ";;01-01-2025;;29-01-2025;4w;ja;", KR_R_CODE, "status"},
    {"jgz_contact", JG_H, P64 ";;01-01-2025;0;29-01-2025;4w;verschenen;", KR_R_NUMBER, "kind_volgnummer"},
    {"jgz_contact", JG_H, P64 ";;01-01-2025;;01-04-2025;4w;verschenen;", KR_R_DATE_RANGE, "contact_datum"},
    /* reference data */
    {"regios", "code;naam", "ZHZ;Zuid-Holland Zuid", KR_OK, NULL},
    {"regios", "code;naam", "z l;Zuid-Limburg", KR_R_CODE, "code"},
    {"regios", "code;naam", "ZHN;" E200, KR_OK, NULL},          /* 200 characters (400 bytes) */
    {"regios", "code;naam", "ZHN;" A200 "b", KR_R_CODE, "naam"}, /* 201 characters */
    {"sites", "code;naam;regio", "S-ZUID;Zuid;zl", KR_OK, NULL},
    {"sites", "code;naam;regio", "S-ZUID;Zuid;utrecht", KR_R_REFERENCE, "regio"},
    {"gemeenten", "gemeentecode;naam;regio;opgegaan_in", "GM0951;Nuth;zl;GM1954", KR_OK, NULL},
    {"gemeenten", "gemeentecode;naam;regio;opgegaan_in", "GM951;Nuth;zl;", KR_R_CODE, "gemeentecode"},
    {"organisaties", "code;naam;soort;lijn;regio;site;synthetisch", "ZH-B;B;ziekenhuis;2;zl;S-NOORD;nee", KR_OK, NULL},
    {"organisaties", "code;naam;soort;lijn;regio;site;synthetisch", "ZH B;B;ziekenhuis;2;zl;;", KR_R_CODE, "code"},
    {"organisaties", "code;naam;soort;lijn;regio;site;synthetisch", "ZH-B;B;apotheek;2;zl;;", KR_R_CODE, "soort"},
    {"organisaties", "code;naam;soort;lijn;regio;site;synthetisch", "ZH-B;B;ziekenhuis;2;zl;S-WEST;", KR_R_REFERENCE,
     "site"},
    {"afspraken", "organisatie;type;vanaf;tot", "VP-A;zwangerschap;2024Q1;", KR_OK, NULL},
    {"afspraken", "organisatie;type;vanaf;tot", "VP-A;zwangerschap;2024Q1;2023Q4", KR_R_RULE, "tot"},
    {"afspraken", "organisatie;type;vanaf;tot", "VP-A;regios;2024Q1;", KR_R_CODE, "type"},
    {"afspraken", "organisatie;type;vanaf;tot", "VP-A;bevalling;Q1-2024;", KR_R_CODE, "vanaf"},
    {"doelen", "indicator;regio;doel;vanaf", "overdracht.mdo_tijdig;;80;2024Q1", KR_OK, NULL},
    {"doelen", "indicator;regio;doel;vanaf", "overdracht.warm;zl;85,5;2024", KR_OK, NULL},
    {"doelen", "indicator;regio;doel;vanaf", "Overdracht Warm;zl;85;2024", KR_R_CODE, "indicator"},
    {"doelen", "indicator;regio;doel;vanaf", "overdracht.warm;zl;veel;2024", KR_R_NUMBER, "doel"},
    /* a target in the range of the indicator's unit (test_unit below stands in for the catalogue) */
    {"doelen", "indicator;regio;doel;vanaf", "overdracht.mdo_tijdig;;900;2024Q1", KR_R_NUMBER, "doel"},
    {"doelen", "indicator;regio;doel;vanaf", "overdracht.mdo_tijdig;;-5;2024Q1", KR_R_NUMBER, "doel"},
    {"doelen", "indicator;regio;doel;vanaf", "overdracht.mdo_tijdig;;100;2024Q1", KR_OK, NULL},
    {"doelen", "indicator;regio;doel;vanaf", "uitkomst.perinatale_sterfte;;1001;2024", KR_R_NUMBER, "doel"},
    {"doelen", "indicator;regio;doel;vanaf", "uitkomst.perinatale_sterfte;;8,5;2024", KR_OK, NULL},
    {"doelen", "indicator;regio;doel;vanaf", "overdracht.jgz_dagen;;-1;2024", KR_R_NUMBER, "doel"},
    {"doelen", "indicator;regio;doel;vanaf", "lijn.verschuiving;;-150;2024", KR_R_NUMBER, "doel"},
    {"doelen", "indicator;regio;doel;vanaf", "lijn.verschuiving;;-5;2024", KR_OK, NULL},
    {"doelen", "indicator;regio;doel;vanaf", "nergens.bekend;;-5;2024", KR_OK, NULL},  /* no unit: form only */
    {"referenties", "indicator;periode;waarde;bron", "uitkomst.vroeggeboorte;2024;660;Perined", KR_R_NUMBER, "waarde"},
    {"referenties", "indicator;periode;waarde;bron", "uitkomst.vroeggeboorte;2024;6.6;Perined", KR_OK, NULL},
    {"referenties", "indicator;periode;waarde;bron", "uitkomst.vroeggeboorte;2024;;Perined", KR_R_REQUIRED, "waarde"},
};

static void run_row_case(fixture *f, const row_case *c, etl_options *o)
{
    char name[128], text[2048];
    etl_session *s = NULL;
    etl_result res;
    const etl_type *t = etl_type_find(c->type, strlen(c->type));
    assert_non_null(t);
    if (t->reference)
        (void)snprintf(name, sizeof name, "%s.csv", c->type);
    else
        (void)snprintf(name, sizeof name, "%s_VP-A_2025Q1.csv", c->type);
    (void)snprintf(text, sizeof text, "%s\n%s\n", c->header, c->row);
    const char *path = tu_write(f->dir, name, text);
    assert_int_equal(etl_session_new(f->db, o, &s), KR_OK);
    etl_session_check(s, path, &res);
    if (res.refusal != KR_OK)
        fail_msg("%s '%s': refused: %s", c->type, c->row, res.refusal_en);
    assert_int_equal(res.rows_read, 1);
    if (c->want == KR_OK) {
        if (res.rows_rejected)
            fail_msg("%s '%s': rejected: %s: %s", c->type, c->row, res.errors[0].column, res.errors[0].msg_en);
        assert_int_equal(res.rows_accepted, 1);
    } else {
        if (res.rows_rejected != 1)
            fail_msg("%s '%s': accepted, want %s in %s", c->type, c->row, kr_status_id(c->want), c->column);
        assert_true(res.nerrors >= 1);
        if (res.errors[0].code != c->want || strcmp(res.errors[0].column, c->column) != 0)
            fail_msg("%s '%s': got %s in '%s' (%s), want %s in '%s'", c->type, c->row,
                     kr_status_id(res.errors[0].code), res.errors[0].column, res.errors[0].msg_en,
                     kr_status_id(c->want), c->column);
        /* every message names something a person can fix */
        assert_true(strlen(res.errors[0].msg_en) > 10);
        assert_true(strlen(res.errors[0].msg_nl) > 10);
    }
    etl_result_fini(&res);
    etl_session_free(s);
}

/* A dangling symbolic link is refused as one, naming the missing target (the CLI checks it too, before the run). */
static void test_dangling_link(void **state)
{
    fixture *f = *state;
    char link[1200], gone[1200], to[1200];
    etl_options o;
    etl_session *s = NULL;
    etl_result res;
    (void)snprintf(link, sizeof link, "%s/zwangerschap_VP-A_2025Q1.csv", f->dir);
    (void)snprintf(gone, sizeof gone, "%s/weg.csv", f->dir);
    assert_int_equal(symlink(gone, link), 0);
    assert_int_equal(etl_dangling_link(link, to, sizeof to), 1);
    assert_string_equal(to, gone);
    assert_int_equal(etl_dangling_link(gone, to, sizeof to), 0);
    etl_options_init(&o);
    assert_int_equal(etl_session_new(f->db, &o, &s), KR_OK);
    etl_session_check(s, link, &res);
    assert_int_equal(res.exit_code, 2);
    if (strstr(res.refusal_en, "is a symbolic link to") == NULL ||
        strstr(res.refusal_en, "weg.csv, which does not exist") == NULL)
        fail_msg("refusal: %s", res.refusal_en);
    etl_result_fini(&res);
    etl_session_free(s);
}

/* The units of a few indicators, as the engine's catalogue gives them (this test links no engine). */
static const char *test_unit(const char *id)
{
    static const char *const units[][2] = {
        {"overdracht.mdo_tijdig", "%"},  {"uitkomst.vroeggeboorte", "%"}, {"uitkomst.perinatale_sterfte", "per1000"},
        {"overdracht.jgz_dagen", "dagen"}, {"lijn.verschuiving", "pp"}, {"overdracht.warm", "%"}};
    for (size_t i = 0; i < N_ELEMS(units); i++)
        if (strcmp(id, units[i][0]) == 0)
            return units[i][1];
    return NULL;
}

static void test_row_rules(void **state)
{
    fixture *f = *state;
    etl_options o;
    etl_options_init(&o);
    o.indicator_unit = test_unit;
    o.dry_run = 1;
    o.accept_partial = 1;  /* one-row files: every rejection is 100 % */
    for (size_t i = 0; i < N_ELEMS(row_cases); i++)
        run_row_case(f, &row_cases[i], &o);
    /* every type has at least one accepted and one rejected case */
    for (size_t t = 0; t < etl_ntypes; t++) {
        int acc = 0, rej = 0;
        for (size_t i = 0; i < N_ELEMS(row_cases); i++)
            if (strcmp(row_cases[i].type, etl_types[t].name) == 0)
                *(row_cases[i].want == KR_OK ? &acc : &rej) += 1;
        if (!acc || !rej)
            fail_msg("type %s lacks accepted or rejected cases", etl_types[t].name);
    }
}

/*
 * The warning of route 3 without risk factors, merged municipalities mapped, and a percentage between 0 and 1 stored
 * with a warning that names the percentage meant.
 */
static void test_warnings(void **state)
{
    fixture *f = *state;
    etl_options o;
    etl_session *s = NULL;
    etl_result res;
    etl_options_init(&o);
    o.dry_run = 1;
    o.indicator_unit = test_unit;
    const char *path = tu_write(f->dir, "screening_VP-A_2025Q1.csv", SC_H "\n" P64 ";15-09-2025;10-03-2025;anna;3;\n");
    assert_int_equal(etl_session_new(f->db, &o, &s), KR_OK);
    etl_session_check(s, path, &res);
    assert_int_equal(res.rows_accepted, 1);
    assert_int_equal(res.nwarns, 1);
    assert_int_equal(res.warns[0].code, KR_W_NO_RISK_FACTORS);
    etl_result_fini(&res);
    path = tu_write(f->dir, "zwangerschap_VP-A_2025Q1.csv",
                    ZW_H "\n" P64 ";15-09-2025;;GM0881;25-29;0;10-03-2025;1\n"
                    P64 ";15-10-2025;;GM0881;25-29;0;10-03-2025;1\n");
    etl_session_check(s, path, &res);
    assert_int_equal(res.rows_accepted, 2);
    assert_int_equal(res.nwarns, 1);
    assert_int_equal(res.warns[0].code, KR_W_MERGED_GEMEENTE);
    assert_non_null(strstr(res.warns[0].msg_en, "GM0881"));
    assert_non_null(strstr(res.warns[0].msg_en, "GM1954; rows: 2"));
    etl_result_fini(&res);
    path = tu_write(f->dir, "doelen.csv", "indicator;regio;doel;vanaf\noverdracht.warm;;0,8;2024\n");
    etl_session_check(s, path, &res);
    assert_int_equal(res.rows_accepted, 1);
    assert_int_equal(res.nwarns, 1);
    assert_int_equal(res.warns[0].code, KR_W_FRACTION);
    if (strstr(res.warns[0].msg_en, "is 80 % meant? Then write 80") == NULL)
        fail_msg("warning: %s", res.warns[0].msg_en);
    etl_result_fini(&res);
    etl_session_free(s);
}

/* ---- identifiers and masking ----------------------------------------------------------------------- */

typedef struct ident_case {
    const char *text;
    int bsn, postcode, email, phone;
} ident_case;

static const ident_case ident_cases[] = {
    {"111222333", 1, 0, 0, 0},     /* 9+8+7·2... a known-valid test number */
    {"123456782", 1, 0, 0, 0},
    {"123456783", 0, 0, 0, 0},
    {"12345678", 0, 0, 0, 0},      /* as 012345678: 0·9+1·8+2·7+3·6+4·5+5·4+6·3+7·2−8 = 104, not ≡ 0 */
    {"11222333", 0, 0, 0, 0},
    {"000000000", 0, 0, 0, 0},
    {" 123456782 ", 1, 0, 0, 0},
    {"6211 AB", 0, 1, 0, 0},
    {"6211ab", 0, 1, 0, 0},
    {"0211 AB", 0, 0, 0, 0},
    {"moeder@example.nl", 0, 0, 1, 0},
    {"@example.nl", 0, 0, 0, 0},
    {"a@b", 0, 0, 0, 0},
    {"06-12345678", 0, 0, 0, 1},
    {"+31 6 1234 5678", 0, 0, 0, 1},
    {"0031 (43) 123 4567", 0, 0, 0, 1},
    {"043-1234567", 0, 0, 0, 1},
    {"00-12345678", 0, 0, 0, 0},
    {"0612345", 0, 0, 0, 0},
    {"01-02-2025", 0, 0, 0, 0},
    {"2025-02-01", 0, 0, 0, 0},
    {"GM0935", 0, 0, 0, 0},
    {"3400", 0, 0, 0, 0},
};

static void test_identifiers(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(ident_cases); i++) {
        const ident_case *c = &ident_cases[i];
        size_t n = strlen(c->text);
        if (etl_is_bsn(c->text, n) != c->bsn || etl_is_postcode(c->text, n) != c->postcode ||
            etl_is_email(c->text, n) != c->email || etl_is_phone(c->text, n) != c->phone)
            fail_msg("identifier check of '%s'", c->text);
        assert_int_equal(etl_is_identifier(c->text, n), c->bsn | c->postcode | c->email | c->phone);
    }
    /* 8 digits are a BSN with its leading zero dropped: 012345672 passes the elfproef */
    assert_true(etl_is_bsn("12345672", 8));
    assert_true(etl_is_identifier_name("BSN_moeder", 10));
    assert_true(etl_is_identifier_name("Achternaam", 10));
    assert_true(etl_is_identifier_name("E-mail", 6));
    assert_true(etl_is_identifier_name("geboortedatum_moeder", 20));
    assert_false(etl_is_identifier_name("geboortedatum", 13));
    assert_false(etl_is_identifier_name("opmerking", 9));
    /* what a tired coordinator's export holds besides: whole names, any spelling */
    static const char *const ident[] = {"client", "Cliënt", "Cliëntnummer", "patient_nummer", "Patiëntnr", "Name",
                                        "last_name", "Voorletters", "initialen", "DOB", "Woonplaats", "huis-nummer",
                                        "Burgerservicenummer", "Date of birth", NULL};
    for (size_t i = 0; ident[i]; i++)
        if (!etl_is_identifier_name(ident[i], strlen(ident[i])))
            fail_msg("'%s' not taken for an identifier column", ident[i]);
    /* columns of the contract written another way stay columns */
    static const char *const fine[] = {"Client pseudoniem", "client-pseudoniem", "Contactmoment", "Intake datum",
                                       "Organisatie", "Geboortedatum", "kind_volgnummer", NULL};
    for (size_t i = 0; fine[i]; i++)
        if (etl_is_identifier_name(fine[i], strlen(fine[i])))
            fail_msg("'%s' taken for an identifier column", fine[i]);
}

/*
 * The feedback file for the partner: a value (and so the message that starts
 * with it) beginning with = + or - gets a leading ', so Excel shows it rather
 * than running it as a formula (EXTRACTS.md). Found reading the feedback writer
 * against EXTRACTS.md while adding the feedback check of fuzz_store.
 */
static void test_feedback_formula(void **state)
{
    fixture *f = *state;
    char fbdir[1200], fbpath[1400], text[8192];
    etl_options o;
    etl_session *s = NULL;
    etl_result res;
    etl_options_init(&o);
    o.accept_partial = 1;
    (void)snprintf(fbdir, sizeof fbdir, "%s/fb", f->dir);
    assert_int_equal(mkdir(fbdir, 0700), 0);
    o.feedback_dir = fbdir;
    const char *path = tu_write(f->dir, "zwangerschap_VP-A_2025Q1.csv",
                                ZW_H "\n" P64 ";=1+2;;GM0935;+5;1;2024-06-04;-3\n");
    assert_int_equal(etl_session_new(f->db, &o, &s), KR_OK);
    etl_session_check(s, path, &res);
    assert_int_equal(res.refusal, KR_OK);
    assert_int_equal(res.rows_rejected, 1);
    etl_result_fini(&res);
    etl_session_free(s);
    (void)snprintf(fbpath, sizeof fbpath, "%s/terugkoppeling_zwangerschap_VP-A_2025Q1.csv", fbdir);
    FILE *fp = fopen(fbpath, "rb");
    assert_non_null(fp);
    size_t n = fread(text, 1, sizeof text - 1, fp);
    fclose(fp);
    text[n] = '\0';
    assert_non_null(strstr(text, "\"'=1+2\";"));
    assert_non_null(strstr(text, "\"'+5\";"));
    assert_non_null(strstr(text, "\"'-3\";"));
    assert_non_null(strstr(text, "\"'=1+2 is geen"));
    assert_null(strstr(text, "\"="));
    assert_null(strstr(text, "\"+"));
    assert_null(strstr(text, "\"-"));
}

/* What the callbacks of etl_options heard during a run (nothing goes to stderr). */
typedef struct heard {
    int notices, progress_calls, last_pct, finals, backwards;
    long last_rows;
    char notice[1600];
} heard;

static void heard_notice(void *ctx, const char *msg)
{
    heard *h = ctx;
    h->notices++;
    kr_strlcpy(h->notice, msg, sizeof h->notice);
}

static void heard_progress(void *ctx, const char *file, int pct, long rows, int final)
{
    heard *h = ctx;
    if (rows < h->last_rows)
        h->backwards++;
    h->last_rows = rows;
    assert_string_equal(file, "zwangerschap_VP-A_2025Q2.csv");
    if (pct < h->last_pct || h->finals)
        h->backwards++;  /* no step back, and nothing after the final call */
    h->progress_calls++;
    h->last_pct = pct;
    h->finals += final;
}

/* A feedback folder that is gone is told through notice; a large file's progress through progress. */
static void test_callbacks(void **state)
{
    fixture *f = *state;
    char fbdir[1200], want[1600];
    etl_options o;
    etl_session *s = NULL;
    etl_result res;
    heard h;
    memset(&h, 0, sizeof h);
    etl_options_init(&o);
    o.notice = heard_notice;
    o.progress = heard_progress;
    o.ctx = &h;
    (void)snprintf(fbdir, sizeof fbdir, "%s/weg", f->dir);
    o.feedback_dir = fbdir;
    const char *path = tu_write(f->dir, "zwangerschap_VP-A_2025Q1.csv",
                                ZW_H "\n" P64 ";15-09-2025;;GM0935;25-29;0;10-03-2025;1\n");
    assert_int_equal(etl_session_new(f->db, &o, &s), KR_OK);
    etl_session_check(s, path, &res);
    assert_int_equal(res.refusal, KR_OK);
    assert_int_equal(res.rows_accepted, 1);
    etl_result_fini(&res);
    etl_session_free(s);
    assert_int_equal(h.notices, 1);
    (void)snprintf(want, sizeof want,
                   "%s/.terugkoppeling_zwangerschap_VP-A_2025Q1.csv.tmp: cannot write the feedback file: %s",
                   fbdir, strerror(ENOENT));
    assert_string_equal(h.notice, want);
    assert_int_equal(h.progress_calls, 0);  /* a small file: no progress */

    /* 9 MiB of empty rows (skipped): progress from 0 to 100, then one final call */
    size_t line = strlen(";;;;;;;\n"), nl = (9u << 20) / line + 1, hl = strlen(ZW_H "\n");
    char *big = malloc(hl + nl * line + 1);
    assert_non_null(big);
    memcpy(big, ZW_H "\n", hl);
    for (size_t i = 0; i < nl; i++)
        memcpy(big + hl + i * line, ";;;;;;;\n", line);
    big[hl + nl * line] = '\0';
    path = tu_write(f->dir, "zwangerschap_VP-A_2025Q2.csv", big);
    free(big);
    o.feedback_dir = NULL;
    o.dry_run = 1;
    assert_int_equal(etl_session_new(f->db, &o, &s), KR_OK);
    etl_session_check(s, path, &res);
    etl_result_fini(&res);
    etl_session_free(s);
    assert_true(h.progress_calls >= 5);  /* read in 1 MiB chunks: one call per chunk */
    assert_int_equal(h.finals, 1);
    assert_int_equal(h.last_pct, 100);
    assert_int_equal(h.backwards, 0);
    assert_int_equal(h.notices, 1);
}

/* The one text value sql gives (NULL as "-"), into out. */
static void one_text(sqlite3 *db, const char *sql, char *out, size_t cap)
{
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    const char *v = (const char *)sqlite3_column_text(st, 0);
    (void)snprintf(out, cap, "%s", v ? v : "-");
    sqlite3_finalize(st);
}

/*
 * Linkage that holds its trajectories back (compute): nothing written until etl_later_write; the trajectories handed
 * over in memory are the rows the table then holds, and they are what linkage on its own writes.
 */
static void test_link_later(void **state)
{
    fixture *f = *state;
    char err[256] = "";
    etl_options o;
    etl_session *s = NULL;
    etl_result res;
    etl_link_stats ls;
    etl_later *T = NULL;
    kr_links m;
    memset(&m, 0, sizeof m);
    etl_options_init(&o);
    /* two pregnancies with an intake, and a client known only from a screening: no intake, no municipality */
    const char *files[][2] = {
        {"zwangerschap_VP-A_2025Q1.csv", ZW_H "\n" P64 ";15-09-2025;;GM0935;25-29;0;10-03-2025;1\n"
                                         "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef;"
                                         "01-11-2025;;GM1954;30-34;1;20-03-2025;1\n"},
        {"screening_VP-A_2025Q1.csv", SC_H "\nbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb;"
                                      "15-09-2025;10-03-2025;anna;1;\n"},
    };
    for (size_t k = 0; k < N_ELEMS(files); k++) {
        const char *path = tu_write(f->dir, files[k][0], files[k][1]);
        assert_int_equal(etl_session_new(f->db, &o, &s), KR_OK);
        etl_session_check(s, path, &res);
        assert_int_equal(res.rows_accepted, k == 0 ? 2 : 1);
        etl_result_fini(&res);
        etl_session_free(s);
    }
    kr_date peil;
    assert_int_equal(kr_date_parse("2025-12-31", 10, &peil), KR_OK);
    assert_int_equal(etl_link_later(f->db, peil, NULL, NULL, &ls, &T, err, sizeof err), KR_OK);
    assert_non_null(T);
    assert_int_equal(ls.linked, 3);
    char before[2048], after[2048];
    one_text(f->db, "SELECT count(*) FROM traject", before, sizeof before);
    assert_string_equal(before, "0");  /* held back */
    assert_int_equal(etl_later_hand(T, &m), KR_OK);
    assert_int_equal(m.has_traj, 1);
    assert_int_equal(m.ntraj, 3);
    assert_int_equal(etl_later_write(f->db, T, err, sizeof err), KR_OK);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(f->db,
                                        "SELECT id, coalesce(zwangerschap_id, 0), intake_datum, a_terme_datum, regio, "
                                        "site, gemeentecode FROM traject ORDER BY id",
                                        -1, &st, NULL),
                     SQLITE_OK);
    size_t i = 0;
    for (; sqlite3_step(st) == SQLITE_ROW; i++) {
        const kr_link_traject *t = &m.traj[i];
        assert_true(i < m.ntraj);
        assert_true(sqlite3_column_int64(st, 0) == t->id);
        assert_true(sqlite3_column_int64(st, 1) == t->zw_rowid);
        assert_int_equal(kr_column_date(st, 2), t->intake);
        assert_int_equal(kr_column_date(st, 3), t->due);
        for (int c = 4; c <= 6; c++) {
            const char *want = c == 4 ? t->regio : c == 5 ? t->site : t->gemeente;
            const char *got = (const char *)sqlite3_column_text(st, c);
            if (!want)
                assert_null(got);
            else
                assert_string_equal(got, want);
        }
    }
    sqlite3_finalize(st);
    assert_int_equal(i, 3);
    /* the screened client's trajectory has no intake, municipality or leading row: its NULLs came across as NULL */
    int without = 0;
    for (size_t k = 0; k < m.ntraj; k++)
        if (m.traj[k].gemeente == NULL && m.traj[k].intake == KR_NO_DATE && m.traj[k].zw_rowid == 0)
            without++;
        else
            assert_true(m.traj[k].gemeente && m.traj[k].intake != KR_NO_DATE && m.traj[k].zw_rowid > 0);
    assert_int_equal(without, 1);
    /* linkage on its own finds nothing to change */
    const char *dump = "SELECT group_concat(id || '|' || client_pseudoniem || '|' || a_terme_datum || '|' || "
                       "coalesce(intake_datum, '-') || '|' || coalesce(gemeentecode, '-') || '|' || "
                       "coalesce(regio, '-') || '|' || site || '|' || kinderen || '|' || records, ';') FROM traject";
    one_text(f->db, dump, before, sizeof before);
    assert_true(strlen(before) > 100);
    assert_int_equal(etl_link(f->db, 1, peil, NULL, NULL, &ls, err, sizeof err), KR_OK);
    one_text(f->db, dump, after, sizeof after);
    assert_string_equal(before, after);
    etl_later_free(T);
    etl_later_free(NULL);
    kr_links_fini(&m);
}

static void test_masking(void **state)
{
    (void)state;
    char out[80];
    static const struct {
        const char *value;
        size_t n;
        etl_mask_kind kind;
        const char *shown;
    } cases[] = {
        {"123456782", 9, ETL_MASK_CODED, "[verborgen]"},
        {"123456782", 9, ETL_MASK_PSEUDONYM, "[verborgen]"},
        {"6211 AB", 7, ETL_MASK_CODED, "[verborgen]"},
        {P64, 64, ETL_MASK_PSEUDONYM, "aaaaaa\xe2\x80\xa6"},
        {"abcde\xc3\xa9", 7, ETL_MASK_PSEUDONYM, "[verborgen]"},  /* not hexadecimal: something else */
        {"An+Bos0000000", 13, ETL_MASK_PSEUDONYM, "[verborgen]"},
        /* a broken pseudonym */
        {"0a23456789012345678901234567890123456789", 40, ETL_MASK_PSEUDONYM, "0a2345\xe2\x80\xa6"},
        /* ... unless its first six would show six digits (of a BSN) or a postcode */
        {"1234567820000000000000000000000000000000", 40, ETL_MASK_PSEUDONYM, "[verborgen]"},
        {"6211ab0000000000000000000000000000000000", 40, ETL_MASK_PSEUDONYM, "[verborgen]"},
        {"BSN 123456782", 13, ETL_MASK_PSEUDONYM, "[verborgen]"},  /* not a pseudonym at all */
        {"abc", 3, ETL_MASK_PSEUDONYM, "abc\xe2\x80\xa6"},
        {"31-02-2025", 10, ETL_MASK_CODED, "31-02-2025"},
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        etl_mask(cases[i].value, cases[i].n, cases[i].kind, out, sizeof out);
        if (strcmp(out, cases[i].shown) != 0)
            fail_msg("'%s' (case %zu) was shown as '%s', not '%s'", cases[i].value, i, out, cases[i].shown);
    }
    /* identifiers inside a longer value are masked too */
    static const char *const inside[] = {"lvb|111222333", "BSN 111222333", "lvb | 6211AB", "lvb|06 1234 5678",
                                         "tel. (043) 123 4567", "Straatweg 1, 6211 AB Maastricht",
                                         "moeder@example.nl;x"};
    for (size_t i = 0; i < N_ELEMS(inside); i++) {
        etl_mask(inside[i], strlen(inside[i]), ETL_MASK_CODED, out, sizeof out);
        if (strcmp(out, "[verborgen]") != 0)
            fail_msg("'%s' was not masked: '%s'", inside[i], out);
    }
    /* a name or an address in a coded column, or in place of a pseudonym (whose first six characters would show) */
    static const char *const names[] = {"Jansen, Marieke", "Marieke Jansen", "Dorpsstraat 12", "J.P. de Vries-Janssen",
                                        "12 Dorpsstraat", "de Vries"};
    for (size_t i = 0; i < N_ELEMS(names); i++) {
        etl_mask(names[i], strlen(names[i]), ETL_MASK_CODED, out, sizeof out);
        if (strcmp(out, "[verborgen]") != 0)
            fail_msg("'%s' was not masked: '%s'", names[i], out);
        etl_mask(names[i], strlen(names[i]), ETL_MASK_PSEUDONYM, out, sizeof out);
        if (strcmp(out, "[verborgen]") != 0)
            fail_msg("'%s' in the pseudonym column was not masked: '%s'", names[i], out);
    }
    static const char *const harmless[] = {"31-02-2025", "2025-02-31", "lvb|schulden", "37+2",        "GM0935",
                                           "3400",       "route3",     "lvb|schuld", "17 april 2025"};
    for (size_t i = 0; i < N_ELEMS(harmless); i++) {
        etl_mask(harmless[i], strlen(harmless[i]), ETL_MASK_CODED, out, sizeof out);
        assert_string_equal(out, harmless[i]);
    }
    /* the patterns hold with spaces, '-', '.' and '/' removed */
    static const char *const written[] = {"123-456-782", "123.456.782", "123 456 782", "12-345-6782", "6211-AB",
                                          "6211  AB", "1234/56/782"};
    for (size_t i = 0; i < N_ELEMS(written); i++) {
        assert_true(etl_is_identifier(written[i], strlen(written[i])));
        etl_mask(written[i], strlen(written[i]), ETL_MASK_CODED, out, sizeof out);
        assert_string_equal(out, "[verborgen]");
        etl_mask(written[i], strlen(written[i]), ETL_MASK_PSEUDONYM, out, sizeof out);
        assert_string_equal(out, "[verborgen]");
    }
    static const char *const dates[] = {"12-03-2025", "31/12/2025", "1.2.2025", "2025-03-12", "01-11-2024"};
    for (size_t i = 0; i < N_ELEMS(dates); i++) {
        assert_false(etl_is_identifier(dates[i], strlen(dates[i])));
        etl_mask(dates[i], strlen(dates[i]), ETL_MASK_CODED, out, sizeof out);
        assert_string_equal(out, dates[i]);
    }
    /* a name with an address typed into a coded column, or anything long there, is not shown */
    static const char *const person[] = {"mw. A. de Vries-Janssen, Dorpstraat 12 Heerlen", "Dorpstraat 12 Heerlen",
                                         "de Vries 12", "aaaaaaaaaaaaaaaaaaaaaaaaa"};
    for (size_t i = 0; i < N_ELEMS(person); i++) {
        etl_mask(person[i], strlen(person[i]), ETL_MASK_CODED, out, sizeof out);
        assert_string_equal(out, "[verborgen]");
    }
    /* a mistyped code the partner must see to fix it: words of the column's codes, the words codes are written with,
     * a date in another order or with its time; a name among them is still a name */
    static const char *const risk[] = {"huiselijk_geweld", "schulden", "huisvesting", NULL};
    static const char *const typed[] = {"huiselijk geweld", "Huiselijk Geweld", "2 of meer", "2025/04/04",
                                        "04-04-2025 00:00", "2025-04-04T10:00:00", "4-4-2025 13:30:00"};
    for (size_t i = 0; i < N_ELEMS(typed); i++) {
        etl_mask_codes(typed[i], strlen(typed[i]), ETL_MASK_CODED, risk, out, sizeof out);
        assert_string_equal(out, typed[i]);
    }
    /* and what an attacker (a review) tried through those openings: a number after a date that is no time, a BSN
     * written as a date that does not exist, names of code words or written as names are, glued postcodes */
    static const char *const instr[] = {"anna", "anders", "mind2care", NULL};
    static const char *const still[] = {
        "Marieke Jansen",           "de Vries",          "Jansen 2 of meer",       "huiselijk Jansen",
        "04-04-2025 123456782",     "20250404 0612345678", "04-04-2025 06:12345678", "04-04-2025 0612345678:00",
        "04-04-2025 123456782:00",  "2025-04-04T123456782:00", "04-04-2025 1:23456782", "4-4-2025 06:12:34:56:78",
        "1234/00/05",               "1234.00.05",        "2025/00/71",             "1234-00-05",
        "06:12:34:56:78",           "Anna Anders",       "Anders Meer",            "Anders Dag",
        "marieke_jansen",           "Marieke.Jansen",    "M. Jansen",              "lvb1234AB",
        "12-34-5678",
        /* a second review: a number split by a time, code words as a name in any capitals, separators of all kinds,
         * a postcode with '-', names and streets of other shapes, an e-mail address in disguise */
        "04-04-2025 06:12 345678", "04-04-2025 12:34:56 782", "04-04-2025 06:12-345678", "2025-04-04T06:12 345678",
        "ANNA ANDERS", "anna anders", "anna_anders", "anders meer", "schulden, huisvesting", "123,456,782",
        "123_456_782", "06_12_34_56_78", "123\xe2\x80\x93" "456\xe2\x80\x93" "782", "123\xc2\xa0" "456\xc2\xa0" "782",
        "Marieke\xc2\xa0" "Jansen", "6211\xc2\xa0" "AB", "lvb|6211-AB", "pc6211-AB", "M Jansen", "Marieke-Jansen",
        "Jansen/Marieke", "Dorpsstraat12", "Kerkstr. 12", "Dorpsstr 12", "Wilhelminapark 12", "Markt 5",
        "mjansen(at)kpn.nl", "moeder[at]ziggo.nl", "m\xef\xbc\xa0kpn.nl",
        /* a third review: postcodes and numbers broken by any separator, more disguises of an at sign */
        "6211_AB", "6211,AB", "6211:AB", "x 6211.AB", "x 6211/AB", "0612|345678", "123|456|782", "0612+345678",
        "12345*6782", "mjansen%40ziggo.nl", "mjansen(a)ziggo.nl", "mjansen{at}ziggo.nl", "mjansen<at>ziggo.nl",
        "mjansen&#64;ziggo.nl", "mjansen\xef\xb9\xabziggo.nl",
        /* a fifth review: a phone number or BSN whose first eight digits make a date */
        "06.12.2045 67", "06/12/2045 67", "06-12-2045T67", "01-02-2012T34", "01/01/2024T5"};
    for (size_t i = 0; i < N_ELEMS(still); i++) {
        etl_mask_codes(still[i], strlen(still[i]), ETL_MASK_CODED, risk, out, sizeof out);
        if (strcmp(out, "[verborgen]") != 0)
            fail_msg("'%s' was not masked: '%s'", still[i], out);
        etl_mask_codes(still[i], strlen(still[i]), ETL_MASK_CODED, instr, out, sizeof out);
        if (strcmp(out, "[verborgen]") != 0)
            fail_msg("'%s' was not masked among instrument codes: '%s'", still[i], out);
    }
    /* the whitelist after the patterns: a coded column shows only what looks like what it holds */
    static const struct {
        const char *text;
        etl_ctype type;
        int shown;
    } like[] = {
        {"leeft", ETL_CODE, 1},           {"huiselijk geweld", ETL_CODELIST, 1}, {"2 of meer", ETL_CODE, 1},
        {"=1+2", ETL_CODE, 1},            {"31-02-2025", ETL_DATE, 1},           {"17 april 2025", ETL_DATE, 1},
        {"3.141 g", ETL_INT, 1},          {"37+2", ETL_GESTATION, 1},            {"VP-ZL-9", ETL_ORG, 1},
        {"Marieke|Jansen", ETL_CODELIST, 0}, {"lvb|Marieke|Jansen", ETL_CODELIST, 0},
        {"MARIEKE-JANSEN", ETL_CODE, 0},
        {"Jansen(Marieke)", ETL_CODE, 0}, {"Marieke+Jansen", ETL_CODE, 0},      {"Marieke&Jansen", ETL_CODE, 0},
        {"Jansen'Marieke", ETL_CODE, 0},  {"Marieke~Jansen", ETL_CODE, 0},
        {"Marieke\xe2\x80\xafJansen", ETL_CODE, 0},
        {"Brink 3", ETL_CODE, 0},         {"Damrak 12", ETL_CODE, 0},           {"Zonnekamp 12", ETL_DATE, 0},
        {"Molenberg 4", ETL_INT, 0},      {"Marieke Jansen", ETL_ORG, 0},       {"mjansen%40ziggo.nl", ETL_CODE, 0},
    };
    for (size_t i = 0; i < N_ELEMS(like); i++)
        if (etl_code_like(like[i].text, strlen(like[i].text), like[i].type, risk) != like[i].shown)
            fail_msg("'%s' (type %d): code-like %d, want %d", like[i].text, like[i].type, !like[i].shown,
                     like[i].shown);
    /* a reference name with a number after a date is no name to store; nor one split by a quote or a line break, or
     * written in full-width digits (a fourth review) */
    assert_true(etl_contains_identifier("Verloskunde M. Jansen 04-04-2025 06:12345678", 44));
    static const char *const names_with[] = {"Praktijk 123'456'782", "BSN 123456\n782",
                                             "\xef\xbc\x90\xef\xbc\x96\xef\xbc\x91\xef\xbc\x92\xef\xbc\x93"
                                             "\xef\xbc\x94\xef\xbc\x95\xef\xbc\x96\xef\xbc\x97\xef\xbc\x98"};
    for (size_t i = 0; i < N_ELEMS(names_with); i++)
        if (!etl_contains_identifier(names_with[i], strlen(names_with[i])))
            fail_msg("'%s' holds no identifier, it says", names_with[i]);
    /* register codes that are names, and two codes or months side by side (a fourth review) */
    static const struct {
        const char *text;
        etl_ctype type;
    } names_as_codes[] = {
        {"marieke.jansen", ETL_ORG},  {"Jansen(Marieke)", ETL_ORG},    {"Jansen+Marieke", ETL_ORG},
        {"MARIEKE-JANSEN", ETL_ORG},  {"Damrak12", ETL_GEMEENTE},      {"marieke.jansen", ETL_INDICATOR},
        {"Anna|Anders", ETL_CODE},    {"Anna(Anders)", ETL_CODE},      {"Jan+Augustus", ETL_DATE},
        {"jan.augustus", ETL_DATE},   {"Jan(Mei)", ETL_DATE},          {"Brink3", ETL_CODE},
        {"Zonnekamp12", ETL_CODELIST},
        /* a fifth review */
        {"MARIEKE-JANSEN", ETL_SITE}, {"DE-VRIES-JANSEN", ETL_SITE}, {"jan-jansen", ETL_REGIO},
        /* a sixth review: a name of short words as an organisation, a name as a column name (judged as a code) */
        {"jan-de-bos", ETL_ORG},      {"JAN-DE-BOS", ETL_ORG},         {"ali.de.bos", ETL_ORG},
        {"MARIEKE-JANSEN", ETL_CODE}, {"Brink 3", ETL_CODE},           {"marieke.jansen", ETL_CODE},
        /* a seventh review: a short two-word name as an organisation, an extract type, an indicator */
        {"JAN-BOS", ETL_ORG},         {"jan-bos", ETL_ORG},            {"jan-jansen", ETL_XTYPE},
        {"route.marieke.jansen", ETL_INDICATOR}, {"jan-jansen", ETL_SITE}};
    static const char *const instr2[] = {"anna", "anders", "mind2care", NULL};
    for (size_t i = 0; i < N_ELEMS(names_as_codes); i++)
        if (etl_code_like(names_as_codes[i].text, strlen(names_as_codes[i].text), names_as_codes[i].type, instr2))
            fail_msg("'%s' (type %d) would be shown", names_as_codes[i].text, names_as_codes[i].type);
    assert_true(etl_code_like("VP-ZL-9", 7, ETL_ORG, NULL));
    assert_true(etl_code_like("JGZ-UT", 6, ETL_ORG, NULL));
    assert_true(etl_code_like("SITE-ZL-NOORD", 13, ETL_SITE, NULL));
    assert_true(etl_code_like("overdracht.lauw", 15, ETL_INDICATOR, NULL));
    assert_true(etl_code_like("schulden|huisvestingg", 21, ETL_CODELIST, risk));  /* one typo in a list */
    static const char *const coded_ok[] = {"route 4", "zelfredzaam", "GM 0935", "37 + 2 weken", "ja/nee"};
    for (size_t i = 0; i < N_ELEMS(coded_ok); i++) {
        etl_mask(coded_ok[i], strlen(coded_ok[i]), ETL_MASK_CODED, out, sizeof out);
        assert_string_equal(out, coded_ok[i]);
    }
    etl_mask("Verloskundigenpraktijk De Bron 2", 32, ETL_MASK_TEXT, out, sizeof out);  /* a name is free text */
    assert_string_equal(out, "Verloskundigenpraktijk De Bron 2");
    char small[6];
    etl_mask("caf\xc3\xa9!", 6, ETL_MASK_TEXT, small, sizeof small);  /* never cut é in half */
    assert_string_equal(small, "caf\xc3\xa9");
    etl_mask("caf\xc3\xa9", 5, ETL_MASK_TEXT, small, 5);
    assert_string_equal(small, "caf");
}

/* ---- the specification against the schema --------------------------------------------------------------- */

static void test_spec_matches_schema(void **state)
{
    fixture *f = *state;
    for (size_t t = 0; t < etl_ntypes; t++) {
        const etl_type *ty = &etl_types[t];
        int keys = 0;
        for (size_t c = 0; c < ty->ncols; c++) {
            char sql[256];
            sqlite3_stmt *st = NULL;
            (void)snprintf(sql, sizeof sql, "SELECT count(*) FROM pragma_table_info('%s') WHERE name = '%s'", ty->name,
                           ty->cols[c].name);
            assert_int_equal(sqlite3_prepare_v2(f->db, sql, -1, &st, NULL), SQLITE_OK);
            assert_int_equal(sqlite3_step(st), SQLITE_ROW);
            if (sqlite3_column_int(st, 0) != 1)
                fail_msg("column %s.%s of the specification is not in sql/schema.sql", ty->name, ty->cols[c].name);
            sqlite3_finalize(st);
            keys += (ty->cols[c].flags & ETL_KEY) != 0;
            if (ty->cols[c].type == ETL_CODE || ty->cols[c].type == ETL_CODELIST)
                assert_non_null(ty->cols[c].codes);
            if (ty->cols[c].type == ETL_CODELIST) {  /* the stored list holds each of its codes once */
                size_t all = 0;
                for (const char *const *code = ty->cols[c].codes; *code; code++)
                    all += strlen(*code) + 1;
                if (all + 1 >= ETL_LISTBUF)
                    fail_msg("the codes of %s.%s need %zu bytes; ETL_LISTBUF holds %d", ty->name, ty->cols[c].name,
                             all + 1, ETL_LISTBUF);
            }
        }
        assert_true(keys > 0);
        assert_true(ty->ncols <= N_ELEMS(((etl_row *)0)->vals));
        if (!ty->reference)
            assert_true(etl_col_index(ty, "organisatie") >= 0);  /* every extract may name it */
        /* what `kansrijk spec` prints: a row rule has its sentences, every type an example file (tests/spec.sh
         * validates them) */
        if (ty->rule && (!ty->rules || !ty->rules[0]))
            fail_msg("type %s has a row rule but no sentence for the specification (rules)", ty->name);
        if (!ty->example || !ty->example[0] || !ty->example[1])
            fail_msg("type %s has no example file (tools/spec_examples.py)", ty->name);
    }
    /* linkage counts the values of every nullable column of its tables in a bit mask of FILL_COLS bits (the
     * quality rows come only from those counts): no table may have more */
    static const char *const extract[] = {KR_EXTRACT_TYPES(KR_NAME_OF_TYPE)};
    size_t next = 0;
    for (size_t t = 0; t < etl_ntypes; t++)  /* the specification's extract types, in core/codes.h's order */
        if (!etl_types[t].reference) {
            assert_true(next < KR_NEXTRACT_TYPES);
            assert_string_equal(etl_types[t].name, extract[next++]);
        }
    assert_int_equal(next, KR_NEXTRACT_TYPES);
    for (int t = 0; t < T_COUNT; t++) {
        char sql[200];
        sqlite3_stmt *st = NULL;
        assert_string_equal(tables[t].name, extract[t]);  /* linkage's tables, in the same order */
        (void)snprintf(sql, sizeof sql, "SELECT count(*), sum(\"notnull\" = 0 AND pk = 0) FROM pragma_table_info('%s')",
                       tables[t].name);
        assert_int_equal(sqlite3_prepare_v2(f->db, sql, -1, &st, NULL), SQLITE_OK);
        assert_int_equal(sqlite3_step(st), SQLITE_ROW);
        assert_true(sqlite3_column_int(st, 0) > 0);  /* linkage's table exists */
        if (sqlite3_column_int(st, 1) > FILL_COLS)
            fail_msg("%s has %d nullable columns; linkage counts at most %d", tables[t].name,
                     sqlite3_column_int(st, 1), FILL_COLS);
        sqlite3_finalize(st);
    }
    assert_int_equal(etl_type_kind("jgz_contact"), 1);
    assert_int_equal(etl_type_kind("gemeenten"), 2);
    assert_int_equal(etl_type_kind("onzin"), 0);
}

/* Record keys: the delivering organisation is part of it; non-key columns are not. */
static void test_keys(void **state)
{
    (void)state;
    const etl_type *t = etl_type_find("zorgepisode", 11);
    etl_val a[24], b[24];
    memset(a, 0, sizeof a);
    a[0] = (etl_val){.set = 1, .s = P64, .n = 64};
    a[1] = (etl_val){.set = 1, .i = 20000};
    a[3] = (etl_val){.set = 1, .s = "2", .n = 1};
    a[4] = (etl_val){.set = 1, .i = 19900};
    memcpy(b, a, sizeof a);
    b[5] = (etl_val){.set = 1, .i = 19950};  /* eind_datum is not in the key */
    assert_true(etl_row_key(t, a, "VP-A") == etl_row_key(t, b, "VP-A"));
    assert_true(etl_row_key(t, a, "VP-A") != etl_row_key(t, a, "ZH-B"));
    b[4].i = 19901;
    assert_true(etl_row_key(t, a, "VP-A") != etl_row_key(t, b, "VP-A"));
}

/* ---- the line splitter: split_plain against libcsv, on generated files -------------------------------------- */

static uint64_t split_rng;

/* A number below n (xorshift64, from a fixed seed: the same files every run). */
static size_t split_pick(size_t n)
{
    split_rng ^= split_rng << 13;
    split_rng ^= split_rng >> 7;
    split_rng ^= split_rng << 17;
    return (size_t)(split_rng % n);
}

static void split_put(kr_buf *b, const char *s, size_t n) { assert_int_equal(kr_buf_append(b, s, n), KR_OK); }

static void split_puts(kr_buf *b, const char *s) { split_put(b, s, strlen(s)); }

/* One field of a line that may (quotes 1) or may not hold a quote. */
static void split_field(kr_buf *b, int quotes)
{
    static const char *const plain[] = {"zl", "Zuid-Limburg", " a b ", "", "  ", "\t", " x\ty\t", "\xC3\xA9t\xC3\xA9",
                                        "12", "GM0935", "  spaces  ", "\t\ttabs", "=1+2", "z\x01z", "caf\xE9"};
    static const char *const quoted[] = {"\"q;1\"", "\"multi\nline\"", "\"a\"\"b\"", "\"cr\r\nlf\"", " \"sp\" ", "a\"b",
                                         "\"x\"y", "\"\"", "\"open"};
    if (quotes && split_pick(4) == 0)
        split_puts(b, quoted[split_pick(N_ELEMS(quoted))]);
    else
        split_puts(b, plain[split_pick(N_ELEMS(plain))]);
}

/*
 * A file of a few lines: maybe a sep= line and blank lines first, a header (regios or sites, or
 * any first line), rows of 0 to 6 fields with the file's delimiter (now and then another one),
 * LF, CRLF, CR alone, blank lines, trailing delimiters, spaces around fields, UTF-8 and
 * Windows-1252 letters, a line of about 64 KiB now and then (split_plain takes lines shorter
 * than MAX_FIELD / 16), quotes from some row on in half of the files, and maybe no newline at
 * the end.
 */
static void split_file(kr_buf *b, const char **name)
{
    static const char delims[] = {';', ',', '\t'};
    static const char *const eols[] = {"\n", "\n", "\n", "\r\n", "\r\n", "\r", "\n\n", " \n", "\t\r\n", "\r\n\r\n"};
    char d = delims[split_pick(3)], other[2] = {delims[split_pick(3)], '\0'};
    const char *eol = split_pick(2) ? "\n" : "\r\n";
    size_t rows = split_pick(30), quotes_from = split_pick(2) ? split_pick(rows + 1) : rows + 1;

    *name = split_pick(2) ? "regios.csv" : "sites.csv";
    if (split_pick(5) == 0) {
        char sep[8] = {'s', 'e', 'p', '=', d, '\0'};
        split_puts(b, sep);
        split_puts(b, eol);
    }
    if (split_pick(5) == 0) {
        split_puts(b, " \t");
        split_puts(b, eol);
    }
    if (split_pick(8) != 0) {
        const char *cols = (*name)[0] == 'r' ? "code naam" : "code naam regio";
        for (const char *c = cols; *c; c++)
            split_put(b, *c == ' ' ? &d : c, 1);
        split_puts(b, eol);
    }
    for (size_t r = 0; r < rows; r++) {
        size_t nf = split_pick(7);
        if (split_pick(25) == 0) {  /* 65529 to 65544 bytes up to and with the newline */
            size_t len = (size_t)(MAX_FIELD / 16) - 8 + split_pick(16);
            for (size_t i = 0; i < len; i++)
                split_put(b, i % 97 == 96 ? &d : i % 13 == 12 ? " " : "v", 1);
            split_puts(b, "\n");
            continue;
        }
        for (size_t f = 0; f < nf; f++) {
            if (f)
                split_puts(b, split_pick(20) == 0 ? other : (char[]){d, '\0'});
            split_field(b, r >= quotes_from);
        }
        if (split_pick(6) == 0)
            split_put(b, &d, 1);  /* a trailing delimiter */
        if (r + 1 < rows || split_pick(4) != 0)
            split_puts(b, split_pick(3) == 0 ? eols[split_pick(N_ELEMS(eols))] : eol);
    }
}

/* Every generated file splits the same with the fast path as with libcsv alone, and so ends the same. */
static void test_split_plain_matches_libcsv(void **state)
{
    (void)state;
    char *dir = tu_tmpdir(), path[1200], msg[1200];
    long plain = 0, quoted = 0;
    kr_buf b;
    split_rng = 0x6b616e7372696a6bull;
    for (int i = 0; i < 400; i++) {
        const char *name;
        long rows = 0;
        kr_buf_init(&b, 16u << 20);
        split_file(&b, &name);
        (void)snprintf(path, sizeof path, "%s/%s", dir, name);
        if (sd_check(path, b.data ? b.data : "", b.len, &rows, msg, sizeof msg))
            fail_msg("generated file %d (%zu bytes, kept in %s): %s", i, b.len, path, msg);
        plain += rows;
        quoted += b.len > 0 && memchr(b.data, '"', b.len) != NULL;
        kr_buf_fini(&b);
    }
    assert_true(plain > 2000);  /* the fast path was taken, and libcsv had quotes to read */
    assert_true(quoted > 100);
    tu_rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_row_rules, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dangling_link, setup, teardown),
        cmocka_unit_test_setup_teardown(test_warnings, setup, teardown),
        cmocka_unit_test_setup_teardown(test_feedback_formula, setup, teardown),
        cmocka_unit_test_setup_teardown(test_callbacks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_link_later, setup, teardown),
        cmocka_unit_test(test_identifiers),
        cmocka_unit_test(test_masking),
        cmocka_unit_test_setup_teardown(test_spec_matches_schema, setup, teardown),
        cmocka_unit_test(test_keys),
        cmocka_unit_test(test_split_plain_matches_libcsv),
    };
    return cmocka_run_group_tests_name("etl", tests, NULL, NULL);
}
