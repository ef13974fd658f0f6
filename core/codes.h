/*
 * kansrijk - code lists that the extract specification (etl/spec.c), the engine and the sample
 * generator all read: defined here once, as X-macros, so each user expands them into its own
 * static table at compile time. The order is part of the data: risk factor i is bit i of the
 * engine's facts, and moment i is nazorg.bereik's part i.
 */
#ifndef KR_CODES_H
#define KR_CODES_H

#include <string.h>

/* The risk factors of a screening (column risicofactoren): X(index, code). */
#define KR_RISK_FACTORS(X)                                                                                             \
    X(0, "psychiatrie") X(1, "lvb") X(2, "tienerzwangerschap") X(3, "verslaving") X(4, "schulden")                    \
    X(5, "huisvesting") X(6, "huiselijk_geweld") X(7, "taalbarriere") X(8, "geen_netwerk") X(9, "ongewenst_zwanger") \
    X(10, "eerder_jeugdbescherming") X(11, "anders")
#define KR_NRISK_FACTORS 12

/*
 * The JGZ contact moments of the follow-up to two years (column contactmoment, besides
 * prenataal_huisbezoek, extra and uitschrijving): X(index, code, age, end) with the age in days at
 * which the moment is planned and the end of its window in days of age (OUTCOMES.md, nazorg.bereik).
 */
#define KR_MOMENTS(X)                                                                                                 \
    X(0, "huisbezoek", 9, 28) X(1, "4w", 28, 42) X(2, "8w", 56, 77) X(3, "3m", 91, 112) X(4, "4m", 120, 150)         \
    X(5, "6m", 182, 210) X(6, "7_5m", 228, 255) X(7, "9m", 274, 300) X(8, "11m", 335, 360) X(9, "14m", 426, 460)     \
    X(10, "18m", 548, 590) X(11, "24m", 730, 800)
#define KR_NMOMENTS 12

/* Who takes case direction (column regie_type of mdo; also the breakdown of overdracht.regie_belegd):
 * X(index, code). */
#define KR_REGIE_TYPES(X)                                                                                             \
    X(0, "jgz") X(1, "knooppunt") X(2, "wijkteam") X(3, "verloskundige") X(4, "ziekenhuis") X(5, "ggz") X(6, "anders")
#define KR_NREGIE_TYPES 7

/* The extract types (their tables), in the specification's order (etl/spec.c), which linkage and the quality
 * rows keep: X(index, table). */
#define KR_EXTRACT_TYPES(X)                                                                                           \
    X(0, "zwangerschap") X(1, "screening") X(2, "zorgepisode") X(3, "overdracht") X(4, "mdo") X(5, "bevalling")       \
    X(6, "jgz_contact")
#define KR_NEXTRACT_TYPES 7

/* Expanders for the common uses: the codes alone, as initialisers of a string array. */
#define KR_CODE_OF_RISK(i, code) code,
#define KR_NAME_OF_TYPE(i, table) table,
#define KR_CODE_OF_REGIE(i, code) code,
#define KR_CODE_OF_MOMENT(i, code, age, end) code,
#define KR_AGE_OF_MOMENT(i, code, age, end) age,
#define KR_END_OF_MOMENT(i, code, age, end) end,

/* The index in KR_EXTRACT_TYPES of an extract table's name, or -1 when it is none. */
static inline int kr_extract_type(const char *table)
{
    static const char *const names[] = {KR_EXTRACT_TYPES(KR_NAME_OF_TYPE)};
    for (int i = 0; i < KR_NEXTRACT_TYPES; i++)
        if (strcmp(names[i], table) == 0)
            return i;
    return -1;
}

#endif
