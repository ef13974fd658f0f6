/*
 * The project's status codes and their messages in English and Dutch.
 * The table is indexed by kr_status with designated initialisers: a new code
 * needs one line here, with a stable id, a Frictionless error type and the
 * English message (its Dutch goes into po/nl.po). A code left out is caught by the static assert below (when it is
 * the last) or by test_status_table in tests/test_core.c (anywhere else).
 */
#include "kr.h"

typedef struct kr_status_info {
    const char *id;            /* stable identifier for JSON and the database */
    const char *frictionless;  /* Frictionless error type */
    const char *en;            /* English, and the message id of the Dutch (po/nl.po) */
} kr_status_info;

static const kr_status_info status_info[] = {
    [KR_OK] = {"ok", "", N_("success")},
    [KR_ENOMEM] = {"no-memory", "general-error", N_("out of memory")},
    [KR_EIO] = {"io", "source-error", N_("cannot read or write the file")},
    [KR_EDB] = {"database", "general-error", N_("database error")},
    [KR_EUSAGE] = {"usage", "general-error", N_("wrong use of the command")},
    [KR_ENOTFOUND] = {"not-found", "general-error", N_("not found")},
    [KR_ESCHEMA] = {"schema", "general-error", N_("the database was made by a newer kansrijk")},
    [KR_ETOOBIG] = {"too-big", "general-error", N_("value too large")},
    [KR_EINVAL] = {"invalid", "general-error", N_("invalid value")},
    [KR_EBUSY] = {"busy", "general-error", N_("the database is busy: another kansrijk command is writing to it")},
    [KR_EFULL] = {"disk-full", "general-error", N_("the disk is full")},
    [KR_EREADONLY] = {"read-only", "general-error", N_("the database is read-only")},

    [KR_F_EMPTY] = {"empty-file", "source-error", N_("the file is empty")},
    [KR_F_NOT_TEXT] = {"not-csv", "format-error", N_("the file is not a CSV text file")},
    [KR_F_ENCODING] = {"encoding", "encoding-error", N_("the file is neither UTF-8 nor Windows-1252")},
    [KR_F_DELIMITER] = {"delimiter", "dialect-error", N_("the delimiter cannot be determined from the header line")},
    [KR_F_NO_HEADER] = {"no-header", "blank-header", N_("the file has no header line")},
    [KR_F_MISSING_COLUMN] = {"missing-column", "missing-label", N_("a required column is missing")},
    [KR_F_DUPLICATE_COLUMN] = {"duplicate-column", "duplicate-label", N_("a column name occurs twice")},
    [KR_F_IDENTIFIER_COLUMN] = {"identifier-column", "forbidden-label",
                                N_("the file has a column with direct identifiers")},
    [KR_F_IDENTIFIER_VALUES] = {"identifier-values", "forbidden-value", N_("a column holds direct identifiers")},
    [KR_F_SYNTAX] = {"syntax", "source-error", N_("the file cannot be read as CSV past this point")},
    [KR_F_FIELD_TOO_BIG] = {"field-too-big", "source-error", N_("a field is larger than 1 MiB, or a row than 4 MiB")},
    [KR_F_NO_REGISTERS] = {"no-registers", "general-error",
                           N_("the registers (gemeenten, organisaties) are not loaded yet")},
    [KR_F_IDENTITY] = {"identity", "general-error",
                       N_("type, organisation or period of the delivery is unknown or contradictory")},
    [KR_F_UNKNOWN_TYPE] = {"unknown-type", "general-error", N_("unknown extract type")},
    [KR_F_UNKNOWN_ORG] = {"unknown-organisation", "general-error", N_("the delivering organisation is not registered")},
    [KR_F_PERIOD] = {"period", "general-error", N_("invalid period")},
    [KR_F_REPLACED_RESEND] = {"replaced-resend", "general-error",
                              N_("these are the same bytes as a delivery that was since replaced or withdrawn")},
    [KR_F_TOO_MANY_REJECTED] = {"too-many-rejected", "general-error", N_("too large a share of the rows was rejected")},
    [KR_F_SHORT_CORRECTION] = {"short-correction", "general-error",
                               N_("a correction with fewer than half the rows of the delivery it replaces")},
    [KR_F_ORGS_DROPPED] = {"organisations-dropped", "general-error",
                           N_("a new organisation list leaves out organisations that have active deliveries")},
    [KR_F_DATE_ORDER] = {"date-order", "general-error", N_("the dates put the month first (mm-dd-yyyy)")},
    [KR_F_FAILED] = {"failed", "general-error", N_("the delivery could not be stored")},

    [KR_R_FIELDS] = {"field-count", "extra-cell", N_("the row has a different number of fields than the header")},
    [KR_R_SYNTAX] = {"syntax", "source-error", N_("the row is not valid CSV")},
    [KR_R_REQUIRED] = {"required", "constraint-error", N_("a required value is empty")},
    [KR_R_DATE] = {"date", "type-error", N_("not a date")},
    [KR_R_DATE_RANGE] = {"date-range", "constraint-error", N_("date out of range")},
    [KR_R_CODE] = {"code", "constraint-error", N_("unknown code")},
    [KR_R_PSEUDONYM] = {"pseudonym", "type-error", N_("not a pseudonym of 64 hexadecimal characters")},
    [KR_R_NUMBER] = {"number", "type-error", N_("not a number in range")},
    [KR_R_GESTATION] = {"gestation", "type-error", N_("not a gestational age in range")},
    [KR_R_ORG] = {"organisation", "constraint-error", N_("organisation not in the registry")},
    [KR_R_GEMEENTE] = {"municipality", "constraint-error", N_("municipality not in the registry")},
    [KR_R_REFERENCE] = {"reference", "constraint-error", N_("code not in the reference data")},
    [KR_R_RULE] = {"rule", "row-constraint", N_("the values of the row contradict each other")},
    [KR_R_DUPLICATE] = {"duplicate", "primary-key", N_("the same record occurs earlier in the file")},
    [KR_R_ENCODING] = {"encoding", "encoding-error", N_("the row holds bytes that are not UTF-8")},
    [KR_R_IDENTIFIER] = {"identifier", "forbidden-value", N_("the value looks like a direct identifier")},

    [KR_W_UNKNOWN_COLUMN] = {"unknown-column", "extra-label", N_("unknown column ignored")},
    [KR_W_EMPTY_DELIVERY] = {"empty-delivery", "blank-table", N_("the file has a header but no rows")},
    [KR_W_MERGED_GEMEENTE] = {"merged-municipality", "value-mapped",
                              N_("code of a merged municipality mapped to its successor")},
    [KR_W_NO_RISK_FACTORS] = {"no-risk-factors", "row-warning", N_("route 3 without risk factors")},
    [KR_W_NO_REGISTRY] = {"no-registry", "general-warning", N_("no database: registry checks skipped")},
    [KR_W_SKIPPED_ROWS] = {"blank-rows", "blank-row", N_("rows of empty fields skipped")},
    [KR_W_IDENTICAL] = {"identical", "general-warning", N_("identical to the active delivery: nothing changed")},
    [KR_W_IGNORED_IDENTIFIER] = {"ignored-identifier", "general-warning",
                                 N_("an ignored column holds what looks like a direct identifier")},
    [KR_W_FRACTION] = {"fraction", "row-warning", N_("a percentage that looks like a fraction")},
    [KR_W_COLUMN_NAME] = {"column-name", "general-warning", N_("a column name written another way, read as the "
                                                                "specification's")},
    [KR_W_OUT_OF_PERIOD] = {"out-of-period", "general-warning", N_("no row dated in the period of the delivery")},
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
    static const kr_status_info unknown = {"unknown", "general-error", N_("unknown status")};
    if ((unsigned)s >= KR_STATUS_COUNT)
        return &unknown;
    const kr_status_info *x = &status_info[s];
    if (x->id == NULL || x->frictionless == NULL || x->en == NULL)
        return &unknown;
    return x;
}

const char *kr_strerror(kr_status s) { return kr_tr(info(s)->en); }
const char *kr_strerror_en(kr_status s) { return info(s)->en; }
const char *kr_strerror_nl(kr_status s) { return kr_nl(info(s)->en); }
const char *kr_status_id(kr_status s) { return info(s)->id; }
const char *kr_status_frictionless(kr_status s) { return info(s)->frictionless; }
