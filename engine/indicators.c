/*
 * The indicator catalogue of OUTCOMES.md as data: id, Dutch and English title,
 * definition, unit, direction, default target and cohort. `kansrijk
 * indicators` prints it, reports print the definitions of what they show, and
 * the ETL checks the indicator of every `doelen` row against it.
 */
#include "engine_int.h"

#include <json-c/json.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const eng_indicator catalogue[] = {
    /* R: route distribution, cohort intake_datum */
    {"route.gescreend", "Gescreend op kwetsbaarheid", "Screened for vulnerability",
     "zwangerschappen met een screening voor de geboorte / alle zwangerschappen", "%", ENG_HIGHER, 95, "intake"},
    {"route.vroeg_gescreend", "Vroeg gescreend (16+0 weken)", "Screened early (16+0 weeks)",
     "eerste screening bij een zwangerschapsduur van ten hoogste 16+0 weken / zwangerschappen waarvan de datum van "
     "16+0 weken op of voor de peildatum ligt, of die al gescreend zijn",
     "%", ENG_HIGHER, 80, "intake"},
    {"route.verdeling", "Verdeling over de routes", "Distribution over the routes",
     "aandeel per route 1, 2, 3 en niet gescreend (vier tellers, één noemer)", "%", ENG_NONE, NAN, "intake"},
    {"route.overgang", "Overgang tussen routes", "Transitions between routes",
     "route bij signalering (eerste screening) × route (de hoogste voor de geboorte): hoeveel blijven, hoeveel escaleren", "aantal", ENG_NONE, NAN, "intake"},
    {"route.risicofactoren", "Risicofactoren", "Risk factors",
     "per risicofactor: zwangerschappen in route 2 en 3 met die factor bij een screening / zwangerschappen in route 2 "
     "en 3",
     "%", ENG_NONE, NAN, "intake"},
    /* L: shift from 2nd to 1st line */
    {"lijn.eerste_lijn_baring", "Begin baring in de eerste lijn", "Labour starting in primary care",
     "geboortes met lijn_begin_baring = 1 / geboortes", "%", ENG_HIGHER, NAN, "geboorte"},
    {"lijn.psychosociaal_klinisch", "Klinisch om psychosociale redenen", "Hospital care for psychosocial reasons",
     "zwangerschappen in route 2 en 3 met een episode in lijn 2/3 om reden psychosociaal (niet beide) die voor de "
     "geboorte begint / zwangerschappen in route 2 en 3",
     "%", ENG_LOWER, 5, "intake"},
    {"lijn.eerste_lijn_dagen", "Zorgdagen in de eerste lijn", "Care days in primary care",
     "zorgdagen in lijn 1 / alle verloskundige zorgdagen, zwangerschappen in route 2 en 3", "%", ENG_HIGHER, NAN,
     "intake"},
    {"lijn.terugverwijzing", "Terugverwijzing naar de eerste lijn", "Referral back to primary care",
     "episodes in lijn 2/3 om reden psychosociaal gevolgd door een episode in lijn 1 voor de geboorte / zulke episodes "
     "die voor de geboorte eindigden",
     "%", ENG_HIGHER, NAN, "episode"},
    {"lijn.verschuiving", "Verschuiving naar de eerste lijn", "Shift to primary care",
     "verandering in procentpunten tegen het basisjaar en de trend per kwartaal (gewogen kleinste kwadraten)", "pp",
     ENG_HIGHER, NAN, "-"},
    /* H: timeliness of handover, cohort the signalling date */
    {"overdracht.jgz_tijdig", "Tijdige overdracht naar de JGZ", "Timely handover to youth health care",
     "route 2: een overdracht jgz_prenataal verzonden binnen 14 dagen na signalering / zwangerschappen in route 2 "
     "waarvan het venster van 14 dagen gesloten is",
     "%", ENG_HIGHER, 90, "signalering"},
    {"overdracht.jgz_dagen", "Dagen tot overdracht naar de JGZ", "Days to handover to youth health care",
     "route 2: dagen van signalering tot verzending van de overdracht jgz_prenataal (Kaplan–Meier)", "dagen",
     ENG_LOWER, NAN, "signalering"},
    {"overdracht.prenataal_huisbezoek", "Prenataal huisbezoek", "Prenatal home visit",
     "route 2 en 3: een gehouden prenataal huisbezoek voor de geboorte / zwangerschappen in route 2 en 3 geboren op "
     "of voor de peildatum",
     "%", ENG_HIGHER, 80, "signalering"},
    {"overdracht.mdo_tijdig", "Tijdig besproken in het MDO", "Timely discussion in the MDO",
     "route 3: bespreekdatum binnen 14 dagen na signalering / zwangerschappen in route 3 waarvan het venster gesloten "
     "is",
     "%", ENG_HIGHER, 90, "signalering"},
    {"overdracht.mdo_dagen", "Dagen tot bespreking in het MDO", "Days to discussion in the MDO",
     "route 3: dagen van signalering tot bespreekdatum (Kaplan–Meier)", "dagen", ENG_LOWER, NAN, "signalering"},
    {"overdracht.regie_belegd", "Casusregie belegd", "Case direction assigned",
     "route 3: de eerste regie_datum binnen 28 dagen na signalering / zwangerschappen in route 3 waarvan het venster "
     "gesloten is; en per regie_type",
     "%", ENG_HIGHER, 95, "signalering"},
    {"overdracht.warm", "Warme overdracht", "Warm handover",
     "overdrachten met warm = ja / overdrachten, per soort overdracht", "%", ENG_HIGHER, 90, "verzending"},
    {"overdracht.bevestigd", "Overdracht bevestigd", "Handover confirmed",
     "overdrachten bevestigd binnen 7 dagen na verzending / overdrachten waarvan het venster gesloten is, per soort",
     "%", ENG_HIGHER, 95, "verzending"},
    {"overdracht.eerste_jgz_contact", "Eerste JGZ-contact", "First youth health care contact",
     "levend geboren kinderen met een gehouden JGZ-huisbezoek op leeftijd 0..21 / levend geboren kinderen waarvan het "
     "venster gesloten is, min wie voor dag 21 overleed",
     "%", ENG_HIGHER, 90, "geboorte"},
    /* F: follow-up to two years */
    {"nazorg.bereik", "Bereik per contactmoment", "Reach per contact moment",
     "per contactmoment: kinderen met een gehouden contact uiterlijk aan het einde van het venster / levend geboren "
     "kinderen waarvan het venster op de peildatum voorbij is, min uitgeschreven of overleden kinderen",
     "%", ENG_HIGHER, NAN, "geboorte"},
    {"nazorg.in_zorg", "In beeld tot twee jaar", "Followed up to two years",
     "Kaplan–Meier van in beeld blijven bij de JGZ van geboorte tot 730 dagen, per route", "%", ENG_HIGHER, NAN,
     "geboorte"},
    /* O: perinatal outcomes */
    {"uitkomst.vroeggeboorte", "Vroeggeboorte", "Preterm birth",
     "kinderen geboren bij < 37+0 weken / kinderen geboren bij ≥ 24+0 weken", "%", ENG_LOWER, NAN, "geboorte"},
    {"uitkomst.laag_geboortegewicht", "Laag geboortegewicht", "Low birth weight",
     "levend geboren kinderen < 2500 g / levend geboren kinderen met een gewicht, ≥ 24+0 weken", "%", ENG_LOWER, NAN,
     "geboorte"},
    {"uitkomst.perinatale_sterfte", "Perinatale sterfte", "Perinatal mortality",
     "doodgeboren plus neonataal overleden op dag 0..6 / geboren kinderen, alle bij ≥ 24+0 weken", "per1000",
     ENG_LOWER, NAN, "geboorte"},
    /* Q: data quality and anchoring */
    {"verankering.aanlevering", "Aanlevering", "Deliveries",
     "per organisatie × periode: aangeleverd, gecorrigeerd of ontbrekend; geaccepteerde en afgewezen rijen", "aantal",
     ENG_NONE, NAN, "periode"},
    {"verankering.deelname", "Deelname", "Participation",
     "organisaties die in de periode aanleverden / organisaties in het register, per regio en soort; gemeenten met "
     "ten minste één zwangerschap / gemeenten van de regio",
     "%", ENG_HIGHER, NAN, "periode"},
    {"kwaliteit.koppeling", "Koppeling", "Linkage",
     "zwangerschappen in route 2 en 3 met een JGZ-record; geboortes gekoppeld aan een zwangerschap; ongekoppelde "
     "records per organisatie en type",
     "%", ENG_HIGHER, NAN, "periode"},
    {"kwaliteit.afgewezen", "Afgewezen rijen", "Rejected rows", "afgewezen rijen per organisatie, type en reden",
     "aantal", ENG_LOWER, NAN, "periode"},
    {"kwaliteit.volledigheid", "Volledigheid", "Completeness",
     "per kolom van elk type: het aandeel rijen met een waarde", "%", ENG_HIGHER, NAN, "periode"},
};

size_t eng_indicator_count(void) { return sizeof catalogue / sizeof catalogue[0]; }

const eng_indicator *eng_indicator_at(size_t i) { return i < eng_indicator_count() ? &catalogue[i] : NULL; }

const eng_indicator *eng_indicator_find(const char *id)
{
    for (size_t i = 0; i < eng_indicator_count(); i++) {
        size_t n = strlen(catalogue[i].id);
        /* a multi-part indicator's rows carry a suffix: route.verdeling.3, nazorg.in_zorg.s12m */
        if (strncmp(id, catalogue[i].id, n) == 0 && (id[n] == '\0' || id[n] == '.'))
            return &catalogue[i];
    }
    return NULL;
}

int eng_indicator_known(const char *id) { return eng_indicator_find(id) != NULL; }

static const char *direction_word(eng_direction d)
{
    return d == ENG_HIGHER ? "hoger is beter" : d == ENG_LOWER ? "lager is beter" : "-";
}

kr_status eng_indicators_print(FILE *out, int json)
{
    if (json) {
        json_object *arr = json_object_new_array();
        for (size_t i = 0; i < eng_indicator_count(); i++) {
            const eng_indicator *x = &catalogue[i];
            json_object *o = json_object_new_object();
            json_object_object_add(o, "id", json_object_new_string(x->id));
            json_object_object_add(o, "titel", json_object_new_string(x->title_nl));
            json_object_object_add(o, "title", json_object_new_string(x->title_en));
            json_object_object_add(o, "definitie", json_object_new_string(x->definition));
            json_object_object_add(o, "eenheid", json_object_new_string(x->unit));
            json_object_object_add(o, "richting", x->direction == ENG_NONE ? NULL
                                                  : json_object_new_string(x->direction == ENG_HIGHER ? "hoger"
                                                                                                       : "lager"));
            json_object_object_add(o, "doel", isnan(x->target) ? NULL : json_object_new_double(x->target));
            json_object_object_add(o, "cohort", json_object_new_string(x->cohort));
            json_object_array_add(arr, o);
        }
        fputs(json_object_to_json_string_ext(arr, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE), out);
        fputc('\n', out);
        json_object_put(arr);
        return KR_OK;
    }
    for (size_t i = 0; i < eng_indicator_count(); i++) {
        const eng_indicator *x = &catalogue[i];
        fprintf(out, "%s\n  %s / %s\n  %s\n  eenheid %s; %s", x->id, x->title_nl, x->title_en, x->definition, x->unit,
                direction_word(x->direction));
        if (!isnan(x->target))
            fprintf(out, "; standaarddoel %g", x->target);
        fprintf(out, "; cohort %s\n\n", x->cohort);
    }
    return KR_OK;
}

/* ---- targets: the doelen rows of the reference data --------------------------------------- */

kr_status eng_doelen_load(sqlite3 *db, eng_doelen *D)
{
    sqlite3_stmt *st = NULL;
    kr_status rc = KR_OK;
    if (sqlite3_prepare_v2(db, "SELECT indicator, coalesce(regio, ''), doel, vanaf FROM doelen", -1, &st, NULL) != SQLITE_OK)
        return KR_EDB;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *v = kr_column_text(st, 3);
        kr_period from;
        if (kr_period_parse(v, strlen(v), &from) != KR_OK)
            continue;
        if ((rc = kr_grow(&D->d, &D->cap, D->n, sizeof *D->d, 16)) != KR_OK)
            break;
        eng_doel *x = &D->d[D->n++];
        kr_strlcpy(x->indicator, kr_column_text(st, 0), sizeof x->indicator);
        kr_strlcpy(x->regio, kr_column_text(st, 1), sizeof x->regio);
        x->doel = sqlite3_column_double(st, 2);
        x->vanaf = from;
    }
    sqlite3_finalize(st);
    return rc;
}

double eng_target(const eng_doelen *D, const eng_indicator *ind, const char *regio, kr_date last)
{
    double t = ind->target;
    int best_specific = -1;
    kr_date best_from = 0;
    for (size_t i = 0; i < D->n; i++) {
        const eng_doel *x = &D->d[i];
        int specific = x->regio[0] != '\0';
        if (strcmp(x->indicator, ind->id) != 0 || (specific && strcmp(x->regio, regio) != 0) || x->vanaf.first > last)
            continue;
        if (specific > best_specific || (specific == best_specific && x->vanaf.first > best_from)) {
            best_specific = specific;
            best_from = x->vanaf.first;
            t = x->doel;
        }
    }
    return t;
}

void eng_doelen_fini(eng_doelen *D)
{
    if (!D)
        return;
    free(D->d);
    memset(D, 0, sizeof *D);
}
