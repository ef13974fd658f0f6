/*
 * The project's status codes and their messages in English and Dutch.
 * The table is indexed by kr_status with designated initialisers: a new code
 * needs one line here, with a stable id, a Frictionless error type and both
 * messages. A code left out is caught by the static assert below (when it is
 * the last) or by test_status_table in tests/test_core.c (anywhere else).
 */
#include "kr.h"

typedef struct kr_status_info {
    const char *id;            /* stable identifier for JSON and the database */
    const char *frictionless;  /* Frictionless error type */
    const char *en;
    const char *nl;
} kr_status_info;

static const kr_status_info status_info[] = {
    [KR_OK] = {"ok", "", "success", "gelukt"},
    [KR_ENOMEM] = {"no-memory", "general-error", "out of memory", "onvoldoende geheugen"},
    [KR_EIO] = {"io", "source-error", "cannot read or write the file", "het bestand kan niet gelezen of geschreven worden"},
    [KR_EDB] = {"database", "general-error", "database error", "databasefout"},
    [KR_EUSAGE] = {"usage", "general-error", "wrong use of the command", "verkeerd gebruik van het commando"},
    [KR_ENOTFOUND] = {"not-found", "general-error", "not found", "niet gevonden"},
    [KR_ESCHEMA] = {"schema", "general-error", "the database was made by a newer kansrijk", "de database is gemaakt met een nieuwere versie van kansrijk"},
    [KR_ETOOBIG] = {"too-big", "general-error", "value too large", "waarde te groot"},
    [KR_EINVAL] = {"invalid", "general-error", "invalid value", "ongeldige waarde"},
    [KR_EBUSY] = {"busy", "general-error", "the database is busy: another kansrijk command is writing to it", "de database is bezet: een andere kansrijk-opdracht schrijft erin"},
    [KR_EFULL] = {"disk-full", "general-error", "the disk is full", "de schijf is vol"},
    [KR_EREADONLY] = {"read-only", "general-error", "the database is read-only", "de database is alleen-lezen"},

    [KR_F_EMPTY] = {"empty-file", "source-error", "the file is empty", "het bestand is leeg"},
    [KR_F_NOT_TEXT] = {"not-csv", "format-error", "the file is not a CSV text file", "het bestand is geen CSV-tekstbestand"},
    [KR_F_ENCODING] = {"encoding", "encoding-error", "the file is neither UTF-8 nor Windows-1252", "het bestand is geen UTF-8 en geen Windows-1252"},
    [KR_F_DELIMITER] = {"delimiter", "dialect-error", "the delimiter cannot be determined from the header line", "het scheidingsteken is niet uit de kopregel af te leiden"},
    [KR_F_NO_HEADER] = {"no-header", "blank-header", "the file has no header line", "het bestand heeft geen kopregel"},
    [KR_F_MISSING_COLUMN] = {"missing-column", "missing-label", "a required column is missing", "een verplichte kolom ontbreekt"},
    [KR_F_DUPLICATE_COLUMN] = {"duplicate-column", "duplicate-label", "a column name occurs twice", "een kolomnaam komt twee keer voor"},
    [KR_F_IDENTIFIER_COLUMN] = {"identifier-column", "forbidden-label", "the file has a column with direct identifiers", "het bestand bevat een kolom met direct identificerende gegevens"},
    [KR_F_IDENTIFIER_VALUES] = {"identifier-values", "forbidden-value", "a column holds direct identifiers", "een kolom bevat direct identificerende gegevens"},
    [KR_F_SYNTAX] = {"syntax", "source-error", "the file cannot be read as CSV past this point", "het bestand is vanaf hier niet als CSV te lezen"},
    [KR_F_FIELD_TOO_BIG] = {"field-too-big", "source-error", "a field is larger than 1 MiB", "een veld is groter dan 1 MiB"},
    [KR_F_NO_REGISTERS] = {"no-registers", "general-error", "the registers (gemeenten, organisaties) are not loaded yet", "de registers (gemeenten, organisaties) zijn nog niet ingelezen"},
    [KR_F_IDENTITY] = {"identity", "general-error", "type, organisation or period of the delivery is unknown or contradictory", "soort, organisatie of periode van de levering is onbekend of tegenstrijdig"},
    [KR_F_UNKNOWN_TYPE] = {"unknown-type", "general-error", "unknown extract type", "onbekende soort extract"},
    [KR_F_UNKNOWN_ORG] = {"unknown-organisation", "general-error", "the delivering organisation is not registered", "de aanleverende organisatie staat niet in het register"},
    [KR_F_PERIOD] = {"period", "general-error", "invalid period", "ongeldige periode"},
    [KR_F_REPLACED_RESEND] = {"replaced-resend", "general-error", "these are the same bytes as a delivery that was since replaced or withdrawn", "dit bestand is gelijk aan een levering die inmiddels vervangen of ingetrokken is"},
    [KR_F_TOO_MANY_REJECTED] = {"too-many-rejected", "general-error", "too large a share of the rows was rejected", "te veel rijen afgewezen"},
    [KR_F_SHORT_CORRECTION] = {"short-correction", "general-error", "a correction with fewer than half the rows of the delivery it replaces", "een correctie met minder dan de helft van de rijen van de levering die zij vervangt"},
    [KR_F_FAILED] = {"failed", "general-error", "the delivery could not be stored", "de levering kon niet worden opgeslagen"},

    [KR_R_FIELDS] = {"field-count", "extra-cell", "the row has a different number of fields than the header", "de rij heeft een ander aantal velden dan de kopregel"},
    [KR_R_SYNTAX] = {"syntax", "source-error", "the row is not valid CSV", "de rij is geen geldige CSV"},
    [KR_R_REQUIRED] = {"required", "constraint-error", "a required value is empty", "een verplichte waarde ontbreekt"},
    [KR_R_DATE] = {"date", "type-error", "not a date", "geen geldige datum"},
    [KR_R_DATE_RANGE] = {"date-range", "constraint-error", "date out of range", "datum buiten het toegestane bereik"},
    [KR_R_CODE] = {"code", "constraint-error", "unknown code", "onbekende code"},
    [KR_R_PSEUDONYM] = {"pseudonym", "type-error", "not a pseudonym of 64 hexadecimal characters", "geen pseudoniem van 64 hexadecimale tekens"},
    [KR_R_NUMBER] = {"number", "type-error", "not a number in range", "geen getal binnen het bereik"},
    [KR_R_GESTATION] = {"gestation", "type-error", "not a gestational age in range", "geen zwangerschapsduur binnen het bereik"},
    [KR_R_ORG] = {"organisation", "constraint-error", "organisation not in the registry", "organisatie staat niet in het register"},
    [KR_R_GEMEENTE] = {"municipality", "constraint-error", "municipality not in the registry", "gemeente staat niet in het register"},
    [KR_R_REFERENCE] = {"reference", "constraint-error", "code not in the reference data", "code staat niet in de referentiegegevens"},
    [KR_R_RULE] = {"rule", "row-constraint", "the values of the row contradict each other", "de waarden in de rij zijn met elkaar in strijd"},
    [KR_R_DUPLICATE] = {"duplicate", "primary-key", "the same record occurs earlier in the file", "hetzelfde record staat eerder in het bestand"},
    [KR_R_ENCODING] = {"encoding", "encoding-error", "the row holds bytes that are not UTF-8", "de rij bevat tekens die geen UTF-8 zijn"},
    [KR_R_IDENTIFIER] = {"identifier", "forbidden-value", "the value looks like a direct identifier", "de waarde lijkt een direct identificerend gegeven"},

    [KR_W_UNKNOWN_COLUMN] = {"unknown-column", "extra-label", "unknown column ignored", "onbekende kolom genegeerd"},
    [KR_W_EMPTY_DELIVERY] = {"empty-delivery", "blank-table", "the file has a header but no rows", "het bestand heeft een kopregel maar geen rijen"},
    [KR_W_MERGED_GEMEENTE] = {"merged-municipality", "value-mapped", "code of a merged municipality mapped to its successor", "code van een opgeheven gemeente omgezet naar de opvolger"},
    [KR_W_NO_RISK_FACTORS] = {"no-risk-factors", "row-warning", "route 3 without risk factors", "route 3 zonder risicofactoren"},
    [KR_W_NO_REGISTRY] = {"no-registry", "general-warning", "no database: registry checks skipped", "geen database: registercontroles overgeslagen"},
    [KR_W_SKIPPED_ROWS] = {"blank-rows", "blank-row", "rows of empty fields skipped", "rijen met alleen lege velden overgeslagen"},
    [KR_W_IDENTICAL] = {"identical", "general-warning", "identical to the active delivery: nothing changed", "gelijk aan de actieve levering: niets gewijzigd"},
};

/*
 * This checks the length only: it fails when the last code (just before KR_STATUS_COUNT) has no
 * entry. A code left out in the middle leaves a hole of NULLs that C cannot see at compile time;
 * info() below then answers "unknown", and test_status_table (tests/test_core.c, `make unit`)
 * fails on it, as it does on a missing message or type and on an id used twice.
 */
_Static_assert(sizeof status_info / sizeof status_info[0] == KR_STATUS_COUNT,
               "every kr_status needs an entry in status_info");

/* The entry of s; a code out of range or without a whole entry gets "unknown", so no field is ever NULL. */
static const kr_status_info *info(kr_status s)
{
    static const kr_status_info unknown = {"unknown", "general-error", "unknown status", "onbekende status"};
    if ((unsigned)s >= KR_STATUS_COUNT)
        return &unknown;
    const kr_status_info *x = &status_info[s];
    if (x->id == NULL || x->frictionless == NULL || x->en == NULL || x->nl == NULL)
        return &unknown;
    return x;
}

const char *kr_strerror(kr_status s) { return info(s)->en; }
const char *kr_strerror_nl(kr_status s) { return info(s)->nl; }
const char *kr_status_id(kr_status s) { return info(s)->id; }
const char *kr_status_frictionless(kr_status s) { return info(s)->frictionless; }
