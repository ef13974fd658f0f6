/*
 * `kansrijk overzicht`: the bestuur scorecard's terminal twin (REPORTS.md, "In the terminal"). The
 * headline indicators of one region and period by their titles: value, 95 % interval, the previous
 * period, the target (doelen, else the catalogue's default) and the status as a symbol and a word;
 * numbers the Dutch way (or English), columns aligned by display width, a legend of every mark.
 */
#include "engine_int.h"

#include "../core/stmt.h"

#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* One line of the table: the outcome row of the region, site '*', groep totaal. */
typedef struct ovz_line {
    const char *id;                  /* the row's indicator id in uitkomst */
    const char *title_nl, *title_en; /* NULL: the catalogue's title */
    const char *part_nl, *part_en;   /* NULL, or words after the catalogue's title */
    int age_months;                  /* a birth cohort at an age: the cohort lies that many months before the period */
} ovz_line;

/* The words some rows of the bestuur report's scorecard (eng_scorecard) need here. */
static const ovz_line card_words[] = {
    {.id = "nazorg.in_zorg.s12m", .title_nl = "In beeld na 12 maanden", .title_en = "Followed up at 12 months"},
    {.id = "nazorg.in_zorg.s24m", .title_nl = "In beeld na 24 maanden", .title_en = "Followed up at 24 months"},
    {.id = "verankering.deelname", .part_nl = "organisaties", .part_en = "of organisations"},
    {.id = NULL},
};

/* The other headline rows, by theme: route, handover, line, outcomes, anchoring. */
static const ovz_line others[] = {
    {.id = "route.vroeg_gescreend"},
    {.id = "overdracht.prenataal_huisbezoek"},
    {.id = "overdracht.bevestigd"},
    {.id = "overdracht.mdo_dagen.p50", .part_nl = "(mediaan)", .part_en = "(median)"},
    {.id = "overdracht.jgz_dagen.p50", .part_nl = "(mediaan)", .part_en = "(median)"},
    {.id = "lijn.eerste_lijn_dagen"},
    {.id = "uitkomst.vroeggeboorte"},
    {.id = "uitkomst.perinatale_sterfte"},
    {.id = "verankering.deelname.gemeenten", .part_nl = "gemeenten", .part_en = "of municipalities"},
    {.id = NULL},
};

typedef struct ovz_block {
    const char *title[2];  /* by eng_lang */
    const ovz_line *lines; /* NULL: the scorecard (eng_scorecard with card_words) */
} ovz_block;

static const ovz_block blocks[] = {
    {{"Kernindicatoren (de scorekaart van het bestuursrapport)", "Headline indicators (the board report's scorecard)"},
     NULL},
    {{"Overige indicatoren", "Other indicators"}, others},
    {{NULL, NULL}, NULL},
};

/* Line i of block b into *out; 0 past its last. */
static int block_line(const ovz_block *b, size_t i, ovz_line *out)
{
    if (b->lines) {
        *out = b->lines[i];
        return out->id != NULL;
    }
    if (i >= ENG_NCARD)
        return 0;
    *out = (ovz_line){.id = eng_scorecard[i].row};
    for (const ovz_line *w = card_words; w->id; w++)
        if (strcmp(w->id, eng_scorecard[i].row) == 0)
            *out = *w;
    out->age_months = eng_scorecard[i].age_months;  /* the bestuur report's rule, from the one list */
    return 1;
}

/* Everything the command prints for people, in both languages. */
typedef struct ovz_words {
    const char *all_regions, *title, *period, *previous, *peildatum;
    const char *col[6];
    const char *no_target, *not_reached, *born, *day, *days, *pct, *per1000, *whole_year, *year_note, *missing;
    const char *legend_head;
    const char *legend[8][2];  /* mark, meaning; the status words are filled in by status_text */
    const char *notes[5];  /* lines */
    const char *status_words[4];  /* groen, oranje, rood, grijs */
    /* errors */
    const char *bad_period, *no_region, *known_regions, *all_hint, *no_regions, *not_computed, *no_period,
        *quarters, *years, *quarter, *year, *joiner, *no_rows;
} ovz_words;

static const ovz_words words[2] = {
    [ENG_NL] = {
        .all_regions = "alle regio's samen",
        .title = "Overzicht",
        .period = "periode",
        .previous = "vorige",
        .peildatum = "peildatum",
        .col = {"Indicator", "Waarde", "95 %-interval", "Vorige", "Doel", "Status"},
        .no_target = "geen doel",
        .not_reached = "niet bereikt",
        .born = "geboren",
        .day = "dag",
        .days = "dagen",
        .pct = " %",
        .per1000 = " ‰",
        .whole_year = "heel",
        .year_note = "Heel %s onder een x: het kwartaal is niet getoond, het hele jaar wel (zo toont de "
                     "scorekaart van het\nbestuursrapport het ook).",
        .missing = "Let op: %lld van de %lld leveringen die de afspraken voor %s verwachten, ontbreken. "
                   "Cijfers die op\ndie extracten steunen, kunnen te laag zijn (welke: kansrijk report kwaliteit).\n\n",
        .legend_head = "Tekens:",
        .legend = {{"*", "voorlopig: het cohort kan nog veranderen"},
                   {"x", "niet getoond: te weinig personen, of om terugrekenen te voorkomen"},
                   {"–", "geen gegevens voor deze periode"},
                   {"niet bereikt", "de helft had het nog niet bij de peildatum (mediaan niet bereikt)"},
                   {"● groen", "doel gehaald"},
                   {"◐ oranje", "doel niet gehaald, maar het 95 %-interval bevat het doel (kan toeval zijn)"},
                   {"○ rood", "doel niet gehaald"},
                   {"– grijs", "geen status: de waarde is niet getoond (x)"}},
        .notes = {"Doel: uit doelen.csv, anders de standaardwaarde van de indicatorcatalogus; zonder doel geen status.",
                  "In beeld na 12 en 24 maanden: de kinderen die in deze periode 12 of 24 maanden oud werden",
                  "(geboren in de genoemde periode); vorige: de kinderen geboren een periode eerder. Een kind telt",
                  "pas als uit beeld wanneer 200 dagen zonder JGZ-contact voorbij zijn: recente cohorten kunnen",
                  "nog dalen."},
        .status_words = {"groen", "oranje", "rood", "grijs"},
        .bad_period = "periode '%s' is geen kwartaal (2025Q2) of jaar (2025)",
        .no_region = "regio '%s' bestaat niet; ",
        .known_regions = "bekende regio's: ",
        .all_hint = " (of * voor alle regio's samen)",
        .no_regions = "er zijn nog geen regio's: lever eerst regios.csv aan",
        .not_computed = "er is nog niets berekend: voer eerst 'kansrijk compute%s' uit",
        .no_period = "periode %s bestaat niet voor %s; er zijn uitkomsten voor ",
        .quarters = "de kwartalen %s t/m %s",
        .years = "de jaren %s t/m %s",
        .quarter = "het kwartaal %s",
        .year = "het jaar %s",
        .joiner = " en ",
        .no_rows = "er zijn nog geen uitkomsten voor %s: lever gegevens aan en voer 'kansrijk compute%s' uit",
    },
    [ENG_EN] = {
        .all_regions = "all regions together",
        .title = "Overview",
        .period = "period",
        .previous = "previous",
        .peildatum = "data cut-off",
        .col = {"Indicator", "Value", "95% interval", "Previous", "Target", "Status"},
        .no_target = "no target",
        .not_reached = "not reached",
        .born = "born",
        .day = "day",
        .days = "days",
        .pct = "%",
        .per1000 = "‰",
        .whole_year = "all of",
        .year_note = "All of %s under an x: the quarter is not shown, the whole year is (as the board report's "
                     "scorecard\nshows it too).",
        .missing = "Note: %lld of the %lld deliveries that the agreements expect for %s are missing. "
                   "Figures that rest\non those extracts can come out too low (which: kansrijk report kwaliteit).\n\n",
        .legend_head = "Marks:",
        .legend = {{"*", "provisional: the cohort can still change"},
                   {"x", "not shown: too few persons, or to prevent recalculation"},
                   {"–", "no data for this period"},
                   {"not reached", "half had not had it by the data cut-off (median not reached)"},
                   {"● green", "target met"},
                   {"◐ amber", "target not met, but the 95% interval contains it (may be chance)"},
                   {"○ red", "target not met"},
                   {"– grey", "no status: the value is not shown (x)"}},
        .notes = {"Target: from doelen.csv, else the default of the indicator catalogue; no target, no status.",
                  "Followed up at 12 and 24 months: the children who turned 12 or 24 months in this period (born",
                  "in the period named); previous: the children born one period earlier. A child counts as lost",
                  "only once 200 days without a youth health care contact have passed: recent cohorts can still",
                  "go down."},
        .status_words = {"green", "amber", "red", "grey"},
        .bad_period = "period '%s' is not a quarter (2025Q2) or a year (2025)",
        .no_region = "region '%s' does not exist; ",
        .known_regions = "known regions: ",
        .all_hint = " (or * for all regions together)",
        .no_regions = "there are no regions yet: deliver regios.csv first",
        .not_computed = "nothing computed yet: run 'kansrijk compute%s' first",
        .no_period = "period %s does not exist for %s; there are outcomes for ",
        .quarters = "the quarters %s to %s",
        .years = "the years %s to %s",
        .quarter = "the quarter %s",
        .year = "the year %s",
        .joiner = " and ",
        .no_rows = "there are no outcomes for %s yet: deliver data and run 'kansrijk compute%s'",
    },
};

/* The line that says how many expected deliveries of the period are missing (verankering.aanlevering.ontbreekt), when
 * any are. */
static kr_status missing_note(sqlite3 *db, const char *regio, const kr_period *p, const ovz_words *w, FILE *out)
{
    sqlite3_stmt *st = NULL;
    kr_status rc = kr_stmt_prepare(db,
                                   "SELECT teller, noemer FROM uitkomst WHERE indicator = "
                                   "'verankering.aanlevering.ontbreekt' AND regio = ?1 AND site = '*' AND groep = "
                                   "'totaal' AND periode = ?2 AND onderdrukt = '' AND teller > 0",
                                   &st, NULL, 0);
    if (rc == KR_OK)
        rc = kr_stmt_bind(st, KR_ROW(KR_TEXT(regio), KR_TEXT(p->label)), NULL, 0);
    int s = rc == KR_OK ? sqlite3_step(st) : SQLITE_ERROR;
    if (s == SQLITE_ROW)
        fprintf(out, w->missing, (long long)sqlite3_column_int64(st, 0), (long long)sqlite3_column_int64(st, 1),
                p->label);
    else if (s != SQLITE_DONE)
        rc = KR_EDB;
    sqlite3_finalize(st);
    return rc;
}

static void note(char *err, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void note(char *err, size_t cap, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    (void)vsnprintf(err, cap, fmt, ap);
    va_end(ap);
}

/* Append to a fixed buffer, cutting at its end (every text here is far shorter). */
static void append(char *dst, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void append(char *dst, size_t cap, const char *fmt, ...)
{
    size_t n = strlen(dst);
    if (n + 1 >= cap)
        return;
    va_list ap;
    va_start(ap, fmt);
    (void)vsnprintf(dst + n, cap - n, fmt, ap);
    va_end(ap);
}

/* ---- reading the outcome table ----------------------------------------------------------------------- */

typedef struct row {
    int found, suppressed, voorlopig;
    double value, lo, hi;
    char unit[16];
} row;

/* The row of st's indicator (?1), region (?2) and period (?3); KR_EDB when the query fails. */
static kr_status fetch(sqlite3_stmt *st, const char *id, const char *regio, const char *periode, row *r)
{
    memset(r, 0, sizeof *r);
    r->value = r->lo = r->hi = NAN;
    sqlite3_reset(st);
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, regio, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, periode, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        r->found = 1;
        r->suppressed = kr_column_text(st, 3)[0] != '\0';
        if (sqlite3_column_type(st, 0) != SQLITE_NULL)
            r->value = sqlite3_column_double(st, 0);
        if (sqlite3_column_type(st, 1) != SQLITE_NULL)
            r->lo = sqlite3_column_double(st, 1);
        if (sqlite3_column_type(st, 2) != SQLITE_NULL)
            r->hi = sqlite3_column_double(st, 2);
        r->voorlopig = sqlite3_column_int(st, 4);
        kr_strlcpy(r->unit, kr_column_text(st, 5), sizeof r->unit);
        rc = sqlite3_step(st);  /* the key is unique: SQLITE_DONE */
    }
    return rc == SQLITE_DONE ? KR_OK : KR_EDB;
}

/* ---- numbers the Dutch (or English) way -------------------------------------------------------------- */

/* v with dec decimals and the language's decimal separator. */
static void fmt_num(double v, int dec, const ovz_words *w, char *out, size_t cap)
{
    (void)kr_num(v, dec, w == &words[ENG_EN] ? KR_EN : KR_NL, out, cap);
}

/* Days are whole unless a median fell between two days (the midpoint rule). */
static int day_decimals(double v) { return v == floor(v) ? 0 : 1; }

static int is_days(const char *unit) { return strcmp(unit, "dagen") == 0; }

/* A value with its unit: "78,4 %", "3,2 ‰", "12 dagen". */
static void fmt_quantity(double v, const char *unit, const ovz_words *w, char *out, size_t cap)
{
    char num[48];
    if (is_days(unit)) {
        fmt_num(v, day_decimals(v), w, num, sizeof num);
        (void)snprintf(out, cap, "%s %s", num, v == 1 ? w->day : w->days);
    } else {
        fmt_num(v, 1, w, num, sizeof num);
        const char *u = strcmp(unit, "%") == 0 ? w->pct : strcmp(unit, "per1000") == 0 ? w->per1000 : NULL;
        if (u)
            (void)snprintf(out, cap, "%s%s", num, u);
        else
            (void)snprintf(out, cap, "%s %s", num, unit);
    }
}

/* The value cell: the value and * when voorlopig, x when suppressed, – when there is no row. */
static void fmt_value(const row *r, const char *unit, const ovz_words *w, char *out, size_t cap)
{
    if (!r->found)
        kr_strlcpy(out, "–", cap);
    else if (r->suppressed)
        kr_strlcpy(out, "x", cap);
    else if (isnan(r->value))
        kr_strlcpy(out, is_days(unit) ? w->not_reached : "–", cap);
    else
        fmt_quantity(r->value, unit, w, out, cap);
    if (r->found && !r->suppressed && r->voorlopig)
        append(out, cap, "*");
}

static void fmt_interval(const row *r, const char *unit, const ovz_words *w, char *out, size_t cap)
{
    out[0] = '\0';
    if (!r->found || r->suppressed || isnan(r->lo) || isnan(r->hi))
        return;
    char lo[48], hi[48];
    fmt_num(r->lo, is_days(unit) ? day_decimals(r->lo) : 1, w, lo, sizeof lo);
    fmt_num(r->hi, is_days(unit) ? day_decimals(r->hi) : 1, w, hi, sizeof hi);
    (void)snprintf(out, cap, "%s–%s", lo, hi);
}

/* A target: as few decimals as it has (at most two). */
static void fmt_target(double t, const char *unit, const ovz_words *w, char *out, size_t cap)
{
    if (isnan(t)) {
        kr_strlcpy(out, w->no_target, cap);
        return;
    }
    int dec = 0;
    for (double scale = 1; dec < 2 && fabs(t * scale - round(t * scale)) > 1e-9; scale *= 10)
        dec++;
    char num[48];
    fmt_num(t, dec, w, num, sizeof num);
    if (is_days(unit))
        (void)snprintf(out, cap, "%s %s", num, t == 1 ? w->day : w->days);
    else
        (void)snprintf(out, cap, "%s%s", num,
                       strcmp(unit, "%") == 0 ? w->pct : strcmp(unit, "per1000") == 0 ? w->per1000 : "");
}

/* eng_rag's status ("● groen") in the language: the same symbol, the word translated. */
static void status_text(const char *rag, const ovz_words *w, char *out, size_t cap)
{
    const char *word = eng_rag_word(rag);
    out[0] = '\0';
    if (!word)
        return;
    for (size_t i = 0; i < 4; i++)
        if (strcmp(word, words[ENG_NL].status_words[i]) == 0) {
            (void)snprintf(out, cap, "%.*s%s", (int)(word - rag), rag, w->status_words[i]);
            return;
        }
    kr_strlcpy(out, rag, cap);
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

void eng_rag_say(const char *rag, int en, char *out, size_t cap)
{
    status_text(rag, &words[en ? ENG_EN : ENG_NL], out, cap);
}

const char *eng_rag_word(const char *rag)
{
    const char *sp = strchr(rag, ' ');
    return sp && sp[1] ? sp + 1 : NULL;
}

/* ---- the region and the period must exist ----------------------------------------------------------- */

/*
 * The name of regio from regios into name, and its code as stored into code (a code typed in
 * other capitals, ZHZ for zhz, is that region; the exact spelling wins); KR_ENOTFOUND with the
 * known codes in err.
 */
static kr_status check_region(sqlite3 *db, const char *regio, const ovz_words *w, char *name, size_t namecap,
                              char *code, size_t codecap, char *err, size_t errcap)
{
    sqlite3_stmt *st = NULL;
    char known[512] = "";
    int found = 0, n = 0;
    name[0] = '\0';
    kr_strlcpy(code, regio, codecap);
    if (sqlite3_prepare_v2(db, "SELECT code, naam FROM regios ORDER BY code", -1, &st, NULL) != SQLITE_OK)
        return KR_EDB;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *c = kr_column_text(st, 0);
        int exact = strcmp(c, regio) == 0;
        if (exact || (found != 2 && kr_eq_ci(c, strlen(c), regio))) {
            found = exact ? 2 : 1;
            kr_strlcpy(name, kr_column_text(st, 1), namecap);
            kr_strlcpy(code, c, codecap);
        }
        append(known, sizeof known, "%s%s", n++ ? ", " : "", c);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return KR_EDB;
    if (strcmp(regio, "*") == 0 || found)
        return KR_OK;
    note(err, errcap, w->no_region, regio);
    if (n)
        append(err, errcap, "%s%s%s", w->known_regions, known, w->all_hint);
    else
        append(err, errcap, "%s", w->no_regions);
    return KR_ENOTFOUND;
}

/* The periods of one row id for regio (totaal, all sites): found when p is among them, the first and last quarter and
 * year. SQLITE_DONE, or the error. */
typedef struct ovz_span {
    int found;
    char qmin[8], qmax[8], ymin[8], ymax[8];
} ovz_span;

static int scan_periods(sqlite3_stmt *st, const char *id, const char *regio, const kr_period *p, ovz_span *sp)
{
    int rc;
    sqlite3_reset(st);
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, regio, -1, SQLITE_STATIC);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *s = kr_column_text(st, 0);
        kr_period q;
        if (kr_period_parse(s, strlen(s), &q) != KR_OK)
            continue;  /* a rolling window (2023-2025) */
        sp->found |= strcmp(q.label, p->label) == 0;
        int year = strlen(q.label) == 4;
        char *lo = year ? sp->ymin : sp->qmin, *hi = year ? sp->ymax : sp->qmax;
        if (!lo[0] || strcmp(q.label, lo) < 0)
            kr_strlcpy(lo, q.label, sizeof sp->qmin);
        if (!hi[0] || strcmp(q.label, hi) > 0)
            kr_strlcpy(hi, q.label, sizeof sp->qmax);
    }
    return rc;
}

/*
 * KR_ENOTFOUND, with the periods there are in err, when the outcome table holds no route.gescreend row for regio in p:
 * the rule of `kansrijk report` (reports/report.c, period_known), so that both know the same periods (a period before
 * the first intake, with only a handover row or two, is no period of the table). A region with no intake at all (its
 * organisations delivered nothing) has the periods of any row of the table (its participation, 0 %). where names the
 * region for people.
 */
static kr_status check_period(sqlite3 *db, const char *regio, const char *where, const kr_period *p,
                              const ovz_words *w, char *err, size_t errcap)
{
    sqlite3_stmt *st = NULL;
    ovz_span sp;
    memset(&sp, 0, sizeof sp);
    if (sqlite3_prepare_v2(db,
                           "SELECT DISTINCT periode FROM uitkomst WHERE indicator = ?1 AND regio = ?2 AND site = '*' "
                           "AND groep = 'totaal'",
                           -1, &st, NULL) != SQLITE_OK)
        return KR_EDB;
    int rc = scan_periods(st, "route.gescreend", regio, p, &sp);
    ovz_line line;
    int none = !sp.qmin[0] && !sp.ymin[0];
    for (const ovz_block *b = blocks; rc == SQLITE_DONE && none && b->title[0]; b++)
        for (size_t i = 0; rc == SQLITE_DONE && block_line(b, i, &line); i++)
            if (!line.age_months)
                rc = scan_periods(st, line.id, regio, p, &sp);
    int found = sp.found;
    char *qmin = sp.qmin, *qmax = sp.qmax, *ymin = sp.ymin, *ymax = sp.ymax;
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return KR_EDB;
    if (found)
        return KR_OK;
    if (!qmin[0] && !ymin[0]) {
        char dbarg[600];
        note(err, errcap, w->no_rows, where, kr_db_arg(db, dbarg, sizeof dbarg));
        return KR_ENOTFOUND;
    }
    note(err, errcap, w->no_period, p->label, where);
    if (qmin[0] && strcmp(qmin, qmax) == 0)
        append(err, errcap, w->quarter, qmin);
    else if (qmin[0])
        append(err, errcap, w->quarters, qmin, qmax);
    if (qmin[0] && ymin[0])
        append(err, errcap, "%s", w->joiner);
    if (ymin[0] && strcmp(ymin, ymax) == 0)
        append(err, errcap, w->year, ymin);
    else if (ymin[0])
        append(err, errcap, w->years, ymin, ymax);
    return KR_ENOTFOUND;
}

/* ---- the table ------------------------------------------------------------------------------------------ */

enum { COLS = 6, CELL = 160, MAX_LINES = 48 };

typedef struct ovz_table {
    char cell[MAX_LINES][COLS][CELL];
    const char *heading[MAX_LINES];  /* a block's title before line i, or NULL */
    size_t n;
    size_t width[COLS];
    int year_lines;  /* a suppressed quarter got its year's line */
} ovz_table;

/* Write s and pad it with spaces to width columns of the terminal. */
static void put_padded(FILE *out, const char *s, size_t width)
{
    fputs(s, out);
    for (size_t w = kr_utf8_width(s); w < width; w++)
        fputc(' ', out);
}

/* One line of cells, two spaces between columns, no trailing spaces. */
static void put_cells(FILE *out, char (*cell)[CELL], const size_t *width)
{
    int last = COLS - 1;
    while (last > 0 && !cell[last][0])
        last--;
    for (int c = 0; c <= last; c++) {
        if (c < last)
            put_padded(out, cell[c], width[c] + 2);
        else
            fputs(cell[c], out);
    }
    fputc('\n', out);
}

static kr_status fill(sqlite3 *db, const char *regio, const kr_period *p, const kr_period *pp, const ovz_words *w,
                      eng_lang lang, ovz_table *T)
{
    sqlite3_stmt *st = NULL;
    eng_doelen D = {NULL, 0, 0};
    kr_status rc = KR_OK;
    if (sqlite3_prepare_v2(db,
                           "SELECT waarde, ci_laag, ci_hoog, onderdrukt, voorlopig, eenheid FROM uitkomst "
                           "WHERE indicator = ?1 AND regio = ?2 AND site = '*' AND groep = 'totaal' AND periode = ?3",
                           -1, &st, NULL) != SQLITE_OK)
        return KR_EDB;
    if ((rc = eng_doelen_load(db, &D)) != KR_OK)
        goto cleanup;
    ovz_line line;
    for (const ovz_block *b = blocks; b->title[0]; b++) {
        const char *heading = b->title[lang];
        for (size_t i = 0; block_line(b, i, &line); i++) {
            const ovz_line *l = &line;
            assert(T->n < MAX_LINES);
            const eng_indicator *ind = eng_indicator_find(l->id);
            assert(ind);  /* every id of the table is in the catalogue */
            char (*cell)[CELL] = T->cell[T->n];
            T->heading[T->n++] = heading;
            heading = NULL;
            kr_period now = *p, before = *pp;
            if (l->age_months) {
                eng_cohort_at(p, l->age_months, &now);
                kr_period_previous(&now, &before);
            }
            row r, prev;
            if ((rc = fetch(st, l->id, regio, now.label, &r)) != KR_OK ||
                (rc = fetch(st, l->id, regio, before.label, &prev)) != KR_OK)
                goto cleanup;
            const char *unit = r.found     ? r.unit
                               : prev.found ? prev.unit
                               : strstr(l->id, "_dagen.") ? "dagen"
                                                          : ind->unit;

            const char *title = lang == ENG_EN ? (l->title_en ? l->title_en : ind->title_en)
                                               : (l->title_nl ? l->title_nl : ind->title_nl);
            const char *part = lang == ENG_EN ? l->part_en : l->part_nl;
            (void)snprintf(cell[0], CELL, "  %s%s%s", title, part ? " " : "", part ? part : "");
            if (l->age_months)
                append(cell[0], CELL, " (%s %s)", w->born, now.label);

            fmt_value(&r, unit, w, cell[1], CELL);
            fmt_interval(&r, unit, w, cell[2], CELL);
            fmt_value(&prev, unit, w, cell[3], CELL);
            double t = strstr(l->id, "_dagen.") ? NAN : eng_target(&D, ind, regio, p->last);
            fmt_target(t, unit, w, cell[4], CELL);
            const char *rag = r.found ? eng_rag(r.value, r.lo, r.hi, t, ind->direction, r.suppressed) : "";
            status_text(rag, w, cell[5], CELL);
            /* a suppressed quarter: the year it is part of on a line of its own, when that is shown, as the bestuur
             * report's scorecard shows it ("heel 2025 (kwartaal: x)") */
            row y;
            char year[8];
            (void)snprintf(year, sizeof year, "%.4s", now.label);
            if (!r.found || !r.suppressed || !strchr(now.label, 'Q') || l->age_months)
                continue;
            if ((rc = fetch(st, l->id, regio, year, &y)) != KR_OK)
                goto cleanup;
            if (!y.found || y.suppressed)
                continue;
            assert(T->n < MAX_LINES);
            cell = T->cell[T->n];
            T->heading[T->n++] = NULL;
            (void)snprintf(cell[0], CELL, "    %s %s", w->whole_year, year);
            fmt_value(&y, unit, w, cell[1], CELL);
            fmt_interval(&y, unit, w, cell[2], CELL);
            fmt_target(t, unit, w, cell[4], CELL);
            status_text(eng_rag(y.value, y.lo, y.hi, t, ind->direction, 0), w, cell[5], CELL);
            T->year_lines = 1;
        }
    }
cleanup:
    eng_doelen_fini(&D);
    sqlite3_finalize(st);
    return rc;
}

kr_status eng_overzicht(sqlite3 *db, const char *regio, const char *periode, eng_lang lang, FILE *out, char *err,
                        size_t errcap)
{
    lang = lang == ENG_EN ? ENG_EN : ENG_NL;
    const ovz_words *w = &words[lang];
    sqlite3_stmt *st = NULL;
    ovz_table *T = NULL;
    kr_period p, pp;
    kr_date peil = KR_NO_DATE;
    char name[128], code[64], where[208], date[48];
    kr_status rc;
    err[0] = '\0';
    if (periode && kr_period_parse(periode, strlen(periode), &p) != KR_OK) {
        note(err, errcap, w->bad_period, periode);
        return KR_EUSAGE;
    }
    if ((rc = check_region(db, regio, w, name, sizeof name, code, sizeof code, err, errcap)) != KR_OK)
        goto cleanup;
    regio = code;
    if (sqlite3_prepare_v2(db, "SELECT peildatum FROM compute_run", -1, &st, NULL) != SQLITE_OK) {
        rc = KR_EDB;
        goto cleanup;
    }
    if (sqlite3_step(st) == SQLITE_ROW)
        peil = kr_column_date(st, 0);
    if (peil == KR_NO_DATE) {
        char dbarg[600];
        note(err, errcap, w->not_computed, kr_db_arg(db, dbarg, sizeof dbarg));
        rc = KR_ENOTFOUND;
        goto cleanup;
    }
    if (!periode) {  /* the last quarter that ended on or before the peildatum */
        kr_period cur;
        kr_period_of(peil + 1, 0, &cur);
        kr_period_previous(&cur, &p);
    }
    if (strcmp(regio, "*") == 0)
        kr_strlcpy(where, w->all_regions, sizeof where);
    else if (name[0])
        (void)snprintf(where, sizeof where, "%s (%s)", name, regio);
    else
        kr_strlcpy(where, regio, sizeof where);
    if ((rc = check_period(db, regio, where, &p, w, err, errcap)) != KR_OK)
        goto cleanup;
    kr_period_previous(&p, &pp);

    if (!(T = calloc(1, sizeof *T))) {
        rc = KR_ENOMEM;
        goto cleanup;
    }
    if ((rc = fill(db, regio, &p, &pp, w, lang, T)) != KR_OK)
        goto cleanup;
    for (int c = 0; c < COLS; c++) {
        T->width[c] = kr_utf8_width(w->col[c]);
        for (size_t i = 0; i < T->n; i++) {
            size_t cw = kr_utf8_width(T->cell[i][c]);
            if (cw > T->width[c])
                T->width[c] = cw;
        }
    }

    kr_date_words(peil, lang == ENG_EN, date, sizeof date);
    fprintf(out, "%s %s, %s %s (%s: %s), %s %s\n\n", w->title, where, w->period, p.label, w->previous, pp.label,
            w->peildatum, date);
    /* deliveries the agreements expect that never came: a screening file missing reads as "0 % screened" */
    if ((rc = missing_note(db, regio, &p, w, out)) != KR_OK)
        goto cleanup;
    char head[COLS][CELL];
    for (int c = 0; c < COLS; c++)
        kr_strlcpy(head[c], w->col[c], CELL);
    put_cells(out, head, T->width);
    for (size_t i = 0; i < T->n; i++) {
        if (T->heading[i])
            fprintf(out, "%s\n", T->heading[i]);
        put_cells(out, T->cell[i], T->width);
    }

    /* the legend: every mark that can appear, aligned like the table */
    size_t mw = 0;
    for (size_t i = 0; i < 8; i++)
        if (kr_utf8_width(w->legend[i][0]) > mw)
            mw = kr_utf8_width(w->legend[i][0]);
    fprintf(out, "\n%s\n", w->legend_head);
    for (size_t i = 0; i < 8; i++) {
        fputs("  ", out);
        put_padded(out, w->legend[i][0], mw + 2);
        fprintf(out, "%s\n", w->legend[i][1]);
    }
    fputc('\n', out);
    for (size_t i = 0; i < sizeof w->notes / sizeof w->notes[0]; i++)
        fprintf(out, "%s\n", w->notes[i]);
    if (T->year_lines) {
        char year[8];
        (void)snprintf(year, sizeof year, "%.4s", p.label);
        fprintf(out, w->year_note, year);
        fputc('\n', out);
    }
    rc = ferror(out) ? KR_EIO : KR_OK;
cleanup:
    if (rc == KR_EDB && !err[0])
        note(err, errcap, "%s", sqlite3_errmsg(db));
    sqlite3_finalize(st);
    free(T);
    return rc;
}
