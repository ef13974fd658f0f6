/*
 * `kansrijk spec`: the extract specification for partners, printed from the
 * same tables that validation reads — as Markdown (Dutch) or as Frictionless
 * Table Schema JSON, so partners can check files with tools of their own. The
 * limits it states are the ones ingest uses (ingest_int.h, etl_options_init).
 */
#include "ingest_int.h"

#include <json-c/json.h>
#include <string.h>

#define STR_(x) #x
#define STR(x) STR_(x)  /* a limit's number inside a string literal */
/* what the specification says of a due date (ETL_FUTURE, ETL_DUE_AHEAD days) */
#define FUTURE_NOTE "; mag na het einde van de periode liggen, hoogstens 42 weken"

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

/* ---- Markdown ---------------------------------------------------------------------------------- */

/* Text inside a table cell: a '|' would end the cell, so it is written \| (also inside `code`). */
static void md_cell(FILE *out, const char *s)
{
    for (; *s; s++) {
        if (*s == '|')
            fputc('\\', out);
        fputc(*s, out);
    }
}

/*
 * The general rules: file, encoding, header, values, identifiers, deliveries. Long (about 180 lines) because it is
 * the specification's text, a paragraph per call, read top to bottom as partners read it; the limits come from the
 * constants the checks use.
 */
static void print_md_intro(FILE *out)
{
    etl_options o;
    etl_options_init(&o);
    const int pct = (int)(100.0 * o.max_rejected + 0.5);

    fputs("# Aanleverspecificatie kansrijk, versie 1\n\n"
          "Deze specificatie is het contract tussen de partners en de datacoördinator: hoe een extract eruitziet, "
          "welke kolommen elke soort extract heeft, en elke regel waardoor een rij wordt afgewezen of een heel "
          "bestand wordt geweigerd. Ze wordt gemaakt uit dezelfde tabellen waarmee kansrijk de bestanden "
          "controleert (`kansrijk spec`); als Frictionless Table Schema (JSON): "
          "`kansrijk spec --format tableschema`. Met `kansrijk validate BESTAND` doet u dezelfde controles "
          "zonder iets op te slaan.\n\n"
          "- **Rij afgewezen**: die rij wordt niet opgeslagen, de andere rijen van het bestand wel.\n"
          "- **Bestand geweigerd**: er wordt niets van het bestand opgeslagen; de melding zegt waarom.\n\n"
          "Bij elke levering kan de datacoördinator u een terugkoppeling sturen (CSV met `;`, UTF-8 met BOM, "
          "opent in Excel) met per afgewezen rij de regel, de kolom, de waarde (verborgen als die op een "
          "identificerend gegeven lijkt) en wat er verbeterd moet worden.\n\n",
          out);

    fputs("## Bestandsnaam\n\n"
          "Eén bestand is één levering: één soort extract, van één organisatie, over één periode. Noem het "
          "`<soort>_<organisatie>_<periode>.csv`, bijvoorbeeld `jgz_contact_JGZ-ZL_2025Q2.csv` "
          "(hoofdletters maken niet uit; `.txt` en `.tsv` mogen ook).\n\n"
          "- `<soort>`: een van de extracten hieronder (`zwangerschap`, `screening`, `zorgepisode`, `overdracht`, "
          "`mdo`, `bevalling`, `jgz_contact`).\n"
          "- `<organisatie>`: de code van uw organisatie in het organisatieregister: letters, cijfers en `-`, "
          "hoogstens 32 tekens.\n"
          "- `<periode>`: een kwartaal (`2025Q2`; ook `2025-Q2` of `2025q2`) of een jaar (`2025`).\n\n"
          "Is de soort, organisatie of periode niet uit de naam te halen, of staat de organisatie niet in het "
          "register, dan wordt het bestand geweigerd. Referentiegegevens (door de datacoördinator beheerd) heten "
          "`<soort>.csv`, zonder organisatie en periode.\n\n",
          out);

    fputs("## Welke records in een levering\n\n"
          "Een levering over een periode bevat de records die in die periode zijn ontstaan of gewijzigd. "
          "Elk record heeft een sleutel: de aanleverende organisatie en de kolommen met *(sleutel)* in de tabel "
          "van zijn soort. Komt een record in een levering over een latere periode opnieuw (een overdracht die nu "
          "bevestigd is, een episode die nu is afgesloten), dan geldt de versie van de laatste periode. Periodes "
          "worden vergeleken op hun laatste dag; bij dezelfde laatste dag (`2025Q4` en `2025`) geldt de kortste.\n\n"
          "- Geen datum mag na de laatste dag van de periode liggen (voor `2025Q2`: na 30-06-2025), behalve "
          "`a_terme_datum`: een verwachte bevallingsdatum ligt vooruit, hoogstens 42 weken na de periode. Een "
          "latere datum wijst de rij af.\n"
          "- Een datum voor 01-01-2000 wijst de rij af.\n"
          "- Dezelfde sleutel twee keer in één bestand: de tweede rij wordt afgewezen.\n"
          "- Zetten drie of meer datums de maand voorop (`04-16-2025`) en geen enkele de dag (`16-04-2025`), dan "
          "wordt het bestand geweigerd: de datums met een dag tot en met 12 zouden verwisseld gelezen worden.\n"
          "- Valt geen enkele rij met haar eigen datum (`intake_datum`, `screening_datum`, `start_datum`, "
          "`verzonden_datum`, `aanmelddatum`, `geboortedatum`, `contact_datum`) in de periode, dan geeft de "
          "levering een waarschuwing: dan is het vaak het bestand van een andere periode.\n\n",
          out);

    fputs("## Correctie, opnieuw sturen, intrekken\n\n"
          "| situatie | wat er gebeurt |\n"
          "|---|---|\n"
          "| een nieuw bestand voor dezelfde soort, organisatie en periode | een **correctie**: het vervangt de "
          "eerdere levering helemaal. Stuur dus altijd het volledige bestand over de periode, niet alleen de "
          "gewijzigde rijen. Het leveringenregister bewaart beide. |\n"
          "| een correctie met minder dan de helft van de geaccepteerde rijen van de levering die zij vervangt | "
          "geweigerd: een kort bestand is vaker een onvolledige export dan een verbetering. Is de levering echt "
          "zoveel kleiner, meld dat dan aan de datacoördinator (die kan het met `--vervang` toch inlezen). Dit "
          "geldt ook voor referentiegegevens. |\n"
          "| referentiegegevens waarvan een rij wordt afgewezen | geweigerd: een nieuw bestand vervangt de hele "
          "lijst, en een weggevallen organisatie of gemeente zou haar leveringen uit hun regio halen. Verbeter de "
          "rij en lever het bestand opnieuw (de datacoördinator kan de lijst met `--accept-partial` zonder die rij "
          "opslaan). |\n"
          "| een nieuwe `organisaties.csv` zonder een organisatie die actieve leveringen heeft | geweigerd: haar "
          "records zouden onder site `onbekend` tellen. Zet de organisatie terug in de lijst (is zij echt weg, "
          "dan leest de datacoördinator de lijst met `--vervang` toch in). |\n"
          "| precies hetzelfde bestand nog eens (dezelfde bytes, herkend aan de SHA-256) | herkend; er verandert "
          "niets |\n"
          "| een ouder bestand dat inmiddels vervangen of ingetrokken is, opnieuw | geweigerd: een oude export "
          "opnieuw activeren is bijna altijd een vergissing (de datacoördinator kan het met `--opnieuw` toch "
          "inlezen) |\n"
          "| hetzelfde bestand onder een andere naam (een andere periode of organisatie) | geweigerd: de records "
          "zouden dubbel tellen. Controleer de bestandsnaam (de datacoördinator kan het met `--opnieuw` toch "
          "inlezen) |\n"
          "| een levering met een verkeerde soort, organisatie of periode | de datacoördinator trekt haar in "
          "(`kansrijk deliveries --intrekken ID`): haar rijen verdwijnen, de vermelding in het register blijft "
          "(status `ingetrokken`). Stuur daarna het bestand met de goede naam. |\n"
          "| een record komt in een latere periode opnieuw | de versie van de laatste periode geldt |\n\n",
          out);

    fputs("## Tekenset, scheidingsteken, regeleinden\n\n"
          "- **Tekenset**: UTF-8 (met of zonder BOM) of Windows-1252 (Excel \"CSV (puntkomma)\"). Een bestand met "
          "een BOM, of met meer geldige UTF-8-tekens dan bytes die geen UTF-8 zijn, geldt als UTF-8: een rij met "
          "bytes die geen UTF-8 zijn wordt dan afgewezen. Geweigerd: UTF-16, een Excel-werkmap of ZIP-bestand, "
          "een bestand met NUL-bytes, een bestand dat UTF-8 noch Windows-1252 is, en een Windows-1252-bestand "
          "met letters in UTF-8 ertussen (regels uit een ander bestand geplakt).\n"
          "- **Scheidingsteken**: `;` (aanbevolen), `,` of TAB. Het teken dat in de kopregel het vaakst voorkomt "
          "(buiten aanhalingstekens) geldt; komen twee even vaak voor, dan wordt het bestand geweigerd. Een "
          "eerste regel `sep=;` (of `sep=,`), zoals Excel die schrijft, noemt het scheidingsteken; de kopregel "
          "volgt dan.\n"
          "- **Regeleinden**: LF of CRLF.\n"
          "- **Aanhalingstekens**: een veld mag tussen dubbele aanhalingstekens (`\"`) staan; dan mag het het "
          "scheidingsteken, regeleinden en aanhalingstekens (verdubbeld: `\"\"`) bevatten. Een aanhalingsteken "
          "midden in een veld zonder aanhalingstekens, of tekst na het afsluitende aanhalingsteken, wijst de rij "
          "af. Een aanhalingsteken dat nooit wordt afgesloten, of een kopregel die geen geldige CSV is, weigert "
          "het bestand.\n"
          "- **Spaties** en tabs aan het begin en eind van een waarde tellen niet. Lege regels worden "
          "overgeslagen; rijen met alleen lege velden (zoals Excel ze onderaan toevoegt) ook, en die worden "
          "geteld (waarschuwing).\n"
          "- **Regelnummers** in meldingen zijn fysieke regels, geteld vanaf de eerste regel van het bestand "
          "(regel 1); een rij wordt genoemd bij de regel waarop zij begint.\n\n",
          out);

    fprintf(out,
            "## Kopregel en kolommen\n\n"
            "- De eerste niet-lege regel is de kopregel, met de kolomnamen van de soort. Hoofdletters maken niet "
            "uit; de volgorde is vrij. Een naam met spaties, streepjes of punten voor de `_`, of met een eenheid "
            "tussen haakjes erachter (`A-terme datum`, `Geboortegewicht (g)`), wordt als die kolom gelezen, met "
            "een waarschuwing.\n"
            "- Ontbreekt een verplichte kolom, staat een kolom twee keer in de kopregel, of heeft de kopregel meer "
            "dan %d kolommen: bestand geweigerd. Een bestand zonder kopregel (leeg, of alleen lege regels): "
            "geweigerd. Een kopregel zonder rijen is een lege levering (waarschuwing).\n"
            "- Een niet-verplichte kolom mag ontbreken; een onbekende kolom wordt genegeerd (waarschuwing), behalve "
            "als de naam op een identificerend gegeven lijkt (zie hieronder).\n"
            "- Een kolom `organisatie` mag ontbreken of leeg zijn: dan geldt de aanleverende organisatie.\n"
            "- Elke rij heeft evenveel velden als de kopregel; anders wordt de rij afgewezen.\n\n",
            MAX_FIELDS);

    fprintf(out,
            "## Grenzen\n\n"
            "| wat | grens | daarboven |\n"
            "|---|---|---|\n"
            "| kolommen in de kopregel | %d | bestand geweigerd |\n"
            "| één veld | %u MiB | bestand geweigerd (meestal een ontbrekend afsluitend aanhalingsteken) |\n"
            "| de velden van één rij samen | %u MiB | bestand geweigerd |\n"
            "| tekst in referentiegegevens (`naam`, `bron`) | %d tekens | rij afgewezen |\n"
            "| organisatie-, regio- en sitecodes | 32 tekens | rij afgewezen (in de bestandsnaam: bestand "
            "geweigerd) |\n"
            "| afgewezen rijen | %d %% van de rijen (overgeslagen lege rijen niet meegeteld) | bestand geweigerd |\n\n"
            "Aan de grootte van een bestand en het aantal rijen zit geen vaste grens.\n\n"
            "**De %d %%-regel**: worden meer dan %d %% van de rijen afgewezen, dan wordt het hele bestand "
            "geweigerd, omdat dat meestal op een verkeerde export wijst (precies %d %% mag nog). De datacoördinator "
            "kan het bestand toch inlezen met `kansrijk ingest --accept-partial` (de goede rijen worden opgeslagen) "
            "of de grens voor één keer veranderen met `--max-afgewezen PCT`.\n\n",
            MAX_FIELDS, MAX_FIELD >> 20, MAX_ROW >> 20, MAX_TEXT, pct, pct, pct, pct);

    fputs("## Waarden\n\n"
          "Spaties rond een waarde tellen niet mee, ook de onzichtbare die een spreadsheet laat staan (harde "
          "spatie, spatie zonder breedte). Een leeg veld (of alleen spaties) is leeg; is de kolom verplicht, dan "
          "wordt de rij afgewezen. Een waarde die niet past bij de soort van haar kolom wijst de rij af:\n\n"
          "| soort | geldig |\n"
          "|---|---|\n"
          "| pseudoniem (64 hex) | precies 64 hexadecimale tekens (`0`–`9`, `a`–`f`, hoofdletters mogen): het "
          "pseudoniem (HMAC-SHA256) van de vertrouwde derde partij |\n"
          "| datum | `dd-mm-jjjj`, `d-m-jjjj` (dag en maand met één of twee cijfers) of `jjjj-mm-dd` (met "
          "voorloopnullen); alleen `-` als scheiding, zonder tijd; een bestaande datum (niet 31-02-2025), niet "
          "voor 01-01-2000 en niet na het einde van de periode (`a_terme_datum` hoogstens 42 weken erna) |\n"
          "| code | een van de toegestane waarden in de tabel; hoofdletters maken niet uit |\n"
          "| lijst van codes (\\|) | codes uit de tabel, gescheiden door `\\|` (bijvoorbeeld "
          "`schulden\\|huisvesting`); één onbekende code wijst de rij af; een code die twee keer staat telt één "
          "keer |\n"
          "| organisatiecode (register) | letters, cijfers en `-`, hoogstens 32 tekens, en in het "
          "organisatieregister |\n"
          "| gemeentecode (register) | `GM` en 4 cijfers (CBS), en in het gemeenteregister; de code van een "
          "opgeheven gemeente wordt omgezet naar die van haar opvolger (waarschuwing) |\n"
          "| zwangerschapsduur | hele dagen (`261`) of weken+dagen (`37+2`, dagen 0..6), van 22+0 (154 dagen) tot "
          "en met 45+0 (315 dagen) |\n"
          "| geheel getal | cijfers, binnen het bereik in de tabel |\n"
          "| getal | cijfers met `.` of `,` als decimaalteken |\n"
          "| periode | `2025Q1` (ook `2025-Q1`, `2025q1`) of `2025` |\n"
          "| tekst | hoogstens " STR(MAX_TEXT) " tekens, zonder iets dat op een BSN, postcode, e-mailadres of "
          "telefoonnummer lijkt |\n"
          "| indicator-id | woorden van kleine letters, cijfers en `_`, gescheiden door `.` (3 tot 64 tekens), "
          "uit de catalogus (`kansrijk indicators`) |\n"
          "| regiocode, sitecode, code | letters, cijfers, `-` en `_`, hoogstens 32 tekens; een regio of site "
          "moet in de referentiegegevens staan |\n"
          "| soort extract | de naam van een extract hieronder |\n\n",
          out);

    fputs("## Direct identificerende gegevens\n\n"
          "Een bestand met direct identificerende gegevens wordt **in zijn geheel geweigerd**; er wordt niets "
          "van opgeslagen. Dat gebeurt als:\n\n"
          "- een kolom die niet in deze specificatie staat een naam heeft waarin (hoofdletters maken niet uit) "
          "`bsn`, `naam`, `adres`, `straat`, `postcode`, `geboortedatum_moeder`, `telefoon`, `email` of "
          "`e-mail` voorkomt, ook als deel van de naam (`achternaam`, `adres_moeder`), of die als geheel (zonder "
          "hoofdletters, spaties, `_`, `-` en `.`, met e voor ë) `client`, `clientnummer`, `clientnr`, `clientid`, "
          "`patient`, `patientnummer`, `patientnr`, `patientid`, `dossiernummer`, `voorletters`, `initialen`, "
          "`dob`, `dateofbirth`, `birthdate`, `woonplaats`, `huisnummer`, `huisnr` of `burgerservicenummer` is, "
          "of waarin `name` voorkomt (`last_name`);\n"
          "- in een kolom, welke ook, meer dan de helft van de niet-lege waarden (en minstens 3) lijkt op een "
          "BSN (9 cijfers die de elfproef halen, of 8: Excel laat de voorloopnul weg), een postcode (`1234 AB`, "
          "`1234AB`), een e-mailadres of een Nederlands telefoonnummer (`06-12345678`, `+31 6 12345678`, "
          "`0031…`). Een BSN of postcode telt ook met spaties, `-`, `.` of `/` ertussen (`123-456-782`).\n\n"
          "De melding noemt de kolom. Verwijder de kolom uit de export en stuur het bestand opnieuw. Een waarde "
          "die op zo'n gegeven lijkt, wordt in meldingen en terugkoppeling getoond als `[verborgen]`.\n\n",
          out);

    fputs("## Overzicht: wanneer een bestand wordt geweigerd\n\n"
          "- leeg (0 bytes), geen tekst (Excel-werkmap, ZIP, NUL-bytes), UTF-16, of UTF-8 noch Windows-1252;\n"
          "- soort, organisatie of periode onbekend, of organisatie niet in het register;\n"
          "- scheidingsteken niet te bepalen; kopregel ontbreekt, is geen geldige CSV, mist een verplichte kolom, "
          "heeft een kolom dubbel of te veel kolommen;\n"
          "- een veld of rij boven de grens, of een aanhalingsteken dat nooit wordt afgesloten;\n"
          "- direct identificerende gegevens (kolomnaam of waarden);\n",
          out);
    fprintf(out,
            "- meer dan %d %% van de rijen afgewezen;\n"
            "- een correctie met minder dan de helft van de rijen van de levering die zij vervangt, of een oud "
            "bestand dat vervangen of ingetrokken is;\n"
            "- referentiegegevens waarvan een rij wordt afgewezen, of een organisatielijst zonder een organisatie "
            "die actieve leveringen heeft.\n\n",
            pct);
}

/* The example file of type t: its name (with an organisation of the kind that delivers t) and rows. */
static void print_md_example(FILE *out, const etl_type *t)
{
    if (!t->example || !t->example[0])
        return;
    fprintf(out, "Voorbeeld `%s` (synthetische gegevens uit `kansrijk samples`):\n\n```csv\n", t->example[0]);
    for (size_t i = 1; t->example[i]; i++)
        fprintf(out, "%s\n", t->example[i]);
    fputs("```\n\n", out);
}

static void print_md(FILE *out, const etl_type *t)
{
    fprintf(out, "## %s\n\n%s.\n\n", t->name, t->doc);
    if (t->reference)
        fprintf(out, "Bestandsnaam: `%s.csv`. Een nieuw bestand vervangt de hele lijst.\n\n", t->name);
    else
        fprintf(out, "Bestandsnaam: `%s_<organisatie>_<periode>.csv`, bijvoorbeeld `%s`.\n\n", t->name,
                t->example && t->example[0] ? t->example[0] : t->name);
    fputs("| kolom | verplicht | soort | toegestane waarden | toelichting |\n|---|---|---|---|---|\n", out);
    for (size_t c = 0; c < t->ncols; c++) {
        const etl_column *col = &t->cols[c];
        fprintf(out, "| `%s` | %s | ", col->name, (col->flags & ETL_REQ) ? "ja" : "nee");
        md_cell(out, type_word(col));
        fputs(" | ", out);
        if (col->codes) {
            for (size_t i = 0; col->codes[i]; i++) {
                fputs(i ? " `" : "`", out);
                md_cell(out, col->codes[i]);
                fputc('`', out);
            }
        } else if (col->type == ETL_INT || col->type == ETL_GESTATION) {
            fprintf(out, "%ld..%ld%s", col->min, col->max, col->type == ETL_GESTATION ? " dagen" : "");
        }
        fputs(" | ", out);
        md_cell(out, col->doc);
        if (col->type == ETL_DATE && (col->flags & ETL_FUTURE))
            fputs(FUTURE_NOTE, out);
        fprintf(out, "%s |\n", (col->flags & ETL_KEY) ? " *(sleutel)*" : "");
    }
    fputs("\nSleutel: ", out);
    if (!t->reference)
        fputs("de aanleverende organisatie, ", out);
    for (size_t c = 0, k = 0; c < t->ncols; c++)
        if (t->cols[c].flags & ETL_KEY)
            fprintf(out, "%s`%s`", k++ ? ", " : "", t->cols[c].name);
    fputs(". Een tweede rij met dezelfde sleutel in één bestand wordt afgewezen.", out);
    if (!t->reference)
        fputs(" Komt een record in een latere periode opnieuw, dan geldt de versie van de laatste periode.", out);
    fputs("\n\n", out);
    if (t->rules && t->rules[0]) {
        fputs("Regels per rij (een rij die er een breekt wordt afgewezen, tenzij er *waarschuwing* staat):\n\n", out);
        for (size_t i = 0; t->rules[i]; i++)
            fprintf(out, "- %s\n", t->rules[i]);
        fputc('\n', out);
    }
    print_md_example(out, t);
}

/* ---- Table Schema ------------------------------------------------------------------------------ */

/*
 * Patterns are XML Schema regular expressions that match the whole value (Table Schema); each
 * is also a JavaScript RegExp, and every alternation is grouped, so that an implementation that
 * anchors it as ^...$ (frictionless-py) reads it the same. They check the form; the registers,
 * ranges of days and row rules only kansrijk can check.
 */
#define RE_DAY "(0?[1-9]|[12][0-9]|3[01])"
#define RE_MONTH "(0?[1-9]|1[0-2])"
#define RE_DATE "(" RE_DAY "-" RE_MONTH "-[0-9]{4}|[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01]))"

/* A code as a regular expression: the characters special in XML Schema or JavaScript escaped. */
static size_t re_escape(char *out, size_t cap, const char *s)
{
    size_t k = 0;
    for (; *s && k + 2 < cap; s++) {
        if (strchr("\\.^$|?*+()[]{}", *s))
            out[k++] = '\\';
        out[k++] = *s;
    }
    out[k] = '\0';
    return k;
}

static json_object *field_json(const etl_column *col)
{
    json_object *f = json_object_new_object(), *cons = json_object_new_object();
    const char *type = "string", *pattern = NULL;
    char desc[512];
    switch (col->type) {
    case ETL_DATE: pattern = RE_DATE; break;
    case ETL_INT: type = "integer"; break;
    case ETL_NUMBER: type = "number"; break;
    case ETL_PSEUDONYM: pattern = "[0-9A-Fa-f]{64}"; break;
    case ETL_GEMEENTE:
    case ETL_GMCODE: pattern = "[Gg][Mm][0-9]{4}"; break;
    case ETL_ORG:
    case ETL_ORGCODE: pattern = "[A-Za-z0-9\\-]{1,32}"; break;
    case ETL_REGIO:
    case ETL_SITE:
    case ETL_REGIOCODE: pattern = "[A-Za-z0-9_\\-]{1,32}"; break;
    case ETL_GESTATION: pattern = "([0-9]{1,3}|[0-9]{1,2}\\+[0-6])"; break;
    case ETL_PERIOD: pattern = "[0-9]{4}(-?[Qq][1-4])?"; break;
    case ETL_INDICATOR: pattern = "[a-z][a-z0-9_]*(\\.[a-z0-9_]+)+"; break;
    default: break;
    }
    json_object_object_add(f, "name", json_object_new_string(col->name));
    json_object_object_add(f, "type", json_object_new_string(type));
    (void)snprintf(desc, sizeof desc, "%s%s%s", col->doc,
                   col->type == ETL_DATE ? " (datum: dd-mm-jjjj, d-m-jjjj of jjjj-mm-dd)" :
                   col->type == ETL_GESTATION ? " (dagen of weken+dagen, 22+0 tot en met 45+0)" :
                   col->type == ETL_NUMBER ? " (kansrijk accepteert ook , als decimaalteken)" :
                   col->type == ETL_TEXT ? " (hoogstens " STR(MAX_TEXT) " tekens)" : "",
                   col->type == ETL_DATE && (col->flags & ETL_FUTURE) ? FUTURE_NOTE : "");
    json_object_object_add(f, "description", json_object_new_string(desc));
    if (col->flags & ETL_REQ)
        json_object_object_add(cons, "required", json_object_new_boolean(1));
    if (col->codes && col->type == ETL_CODE) {
        json_object *e = json_object_new_array();
        for (size_t i = 0; col->codes[i]; i++)
            json_object_array_add(e, json_object_new_string(col->codes[i]));
        json_object_object_add(cons, "enum", e);
    }
    if (col->type == ETL_XTYPE) {
        json_object *e = json_object_new_array();
        for (size_t i = 0; i < etl_ntypes; i++)
            if (!etl_types[i].reference)
                json_object_array_add(e, json_object_new_string(etl_types[i].name));
        json_object_object_add(cons, "enum", e);
    }
    if (col->codes && col->type == ETL_CODELIST) {
        /* (a|b|c)(\|(a|b|c))*: one code, then more after a '|'; every code, however many (no fixed buffer) */
        kr_buf alt, full;
        kr_buf_init(&alt, 1 << 16);
        kr_buf_init(&full, 1 << 17);
        kr_status st = kr_buf_puts(&alt, "(");
        for (size_t i = 0; col->codes[i] && st == KR_OK; i++) {
            char esc[2 * ETL_LISTBUF];  /* escaped: at most twice a code, and a list fits ETL_LISTBUF */
            (void)re_escape(esc, sizeof esc, col->codes[i]);
            st = kr_buf_printf(&alt, "%s%s", i ? "|" : "", esc);
        }
        if (st == KR_OK && kr_buf_puts(&alt, ")") == KR_OK &&
            kr_buf_printf(&full, "%s(\\|%s)*", alt.data, alt.data) == KR_OK)
            json_object_object_add(cons, "pattern", json_object_new_string(full.data));
        kr_buf_fini(&alt);
        kr_buf_fini(&full);
    }
    if (pattern)
        json_object_object_add(cons, "pattern", json_object_new_string(pattern));
    if (col->type == ETL_INT) {
        json_object_object_add(cons, "minimum", json_object_new_int64(col->min));
        json_object_object_add(cons, "maximum", json_object_new_int64(col->max));
    }
    if (col->type == ETL_TEXT)
        json_object_object_add(cons, "maxLength", json_object_new_int(MAX_TEXT));
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

/* How to write the file (CSV Dialect): what kansrijk recommends; it reads , and TAB and CRLF too. */
static json_object *dialect_json(void)
{
    json_object *d = json_object_new_object();
    json_object_object_add(d, "delimiter", json_object_new_string(";"));
    json_object_object_add(d, "lineTerminator", json_object_new_string("\r\n"));
    json_object_object_add(d, "quoteChar", json_object_new_string("\""));
    json_object_object_add(d, "doubleQuote", json_object_new_boolean(1));
    json_object_object_add(d, "skipInitialSpace", json_object_new_boolean(1));
    json_object_object_add(d, "header", json_object_new_boolean(1));
    json_object_object_add(d, "caseSensitiveHeader", json_object_new_boolean(0));
    return d;
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
        if (!only)
            print_md_intro(out);
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
        json_object_object_add(root, "description",
                               json_object_new_string("Aanleverspecificatie kansrijk: per soort een Table Schema "
                                                      "(resources[].schema) en de CSV-dialect waarin u het bestand "
                                                      "schrijft. kansrijk leest ook , en TAB als scheidingsteken, "
                                                      "LF als regeleinde, Windows-1252, kolommen in een andere "
                                                      "volgorde en codes in hoofdletters; het schema noemt de vorm "
                                                      "die altijd goed is. Registers, datumgrenzen en regels per "
                                                      "rij controleert alleen kansrijk: zie kansrijk spec."));
        json_object *res = json_object_new_array();
        for (size_t i = 0; i < etl_ntypes; i++) {
            const etl_type *t = &etl_types[i];
            char path[64];
            json_object *r = json_object_new_object();
            if (t->reference)
                (void)snprintf(path, sizeof path, "%s.csv", t->name);
            else
                (void)snprintf(path, sizeof path, "%s_<organisatie>_<periode>.csv", t->name);
            json_object_object_add(r, "name", json_object_new_string(t->name));
            json_object_object_add(r, "title", json_object_new_string(path));
            json_object_object_add(r, "format", json_object_new_string("csv"));
            json_object_object_add(r, "mediatype", json_object_new_string("text/csv"));
            json_object_object_add(r, "encoding", json_object_new_string("utf-8"));
            json_object_object_add(r, "dialect", dialect_json());
            json_object_object_add(r, "schema", schema_json(t));
            json_object_array_add(res, r);
        }
        json_object_object_add(root, "resources", res);
    }
    fputs(json_object_to_json_string_ext(root, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE), out);
    fputc('\n', out);
    json_object_put(root);
    return KR_OK;
}
