/*
 * The kansrijk command line, the commands that read what compute wrote (export, overzicht, report,
 * vergelijk), the catalogue (indicators), and the synthetic extracts (samples); cli/main.c has the
 * dispatch and the commands that store, link and compute.
 */
#include "../core/kr.h"
#include "../samples/samples.h"
#include "../engine/engine.h"
#include "../engine/vergelijk.h"
#include "../reports/reports.h"
#include "cli_int.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* 1 when 'kansrijk compute' has run on db (table compute_run holds its row). */
static int computed(sqlite3 *db)
{
    sqlite3_stmt *st = NULL;
    int yes = sqlite3_prepare_v2(db, "SELECT 1 FROM compute_run", -1, &st, NULL) == SQLITE_OK &&
              sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    return yes;
}

/*
 * Deliveries stored, replaced or withdrawn after the last compute (the rule of `status` and the reports' covers): say
 * so on stderr before the figures, which do not include them, and what to run.
 */
void warn_if_stale(sqlite3 *db, const char *cmd)
{
    if (!kr_db_stale(db))
        return;
    char dbarg[4200];
    fprintf(stderr, _("kansrijk %s: note: deliveries were stored, replaced or withdrawn after the last compute; these "
                      "figures do not include them: run 'kansrijk compute%s' again\n"),
            cmd, kr_db_arg(db, dbarg, sizeof dbarg));
}

/*
 * What export and report let out of the database is recorded first (eng_publish), so that every later compute holds
 * its table against it (docs/privacy.md, "Eerder gepubliceerd"); recorded and then not written is only careful. The
 * record and the reads of the command are one transaction, so the rows recorded are the rows written even while a
 * compute commits a new table beside it (and a report reads one table, not parts of two); other writers wait for the
 * command meanwhile (up to their busy timeout). Where the database is read-only (a copy on a read-only share), the
 * figures still go out, and the command says what that means; where it cannot record for another reason (another
 * command held the database past the busy timeout, a full disk), nothing goes out. publish_begin returns whether a
 * transaction was begun, for publish_end, or -1 after it said why nothing goes out.
 */
static void cannot_record(const char *cmd, const char *why)
{
    fprintf(stderr,
            _("kansrijk %s: note: the database could not record that these figures leave it (%s); a later "
              "compute cannot hold its figures against them, so tables of two peildatums side by side may give "
              "small numbers away: export and report from a database that can be written\n"),
            cmd, why[0] ? why : _("unknown cause"));
}

static int publish_begin(sqlite3 *db, const char *cmd)
{
    char err[512] = "";
    int began = sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
    kr_status st = eng_publish(db, NULL, err, sizeof err);
    if (st == KR_OK)
        return began;
    if (st == KR_EREADONLY || sqlite3_db_readonly(db, "main") == 1) {
        cannot_record(cmd, err);
        return began;
    }
    if (began)
        (void)sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    fprintf(stderr, _("kansrijk %s: %s; the database must record what leaves it first, so nothing was written: "
                      "run the command again\n"),
            cmd, err[0] ? err : kr_strerror(st));
    return -1;
}

static void publish_end(sqlite3 *db, int began, const char *cmd)
{
    if (began && sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        char why[512];
        (void)kr_db_problem(db, why, sizeof why);
        (void)sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
        cannot_record(cmd, why);
    }
}

/* ---- export --------------------------------------------------------------------------------------------- */

const char export_usage[] = N_(
    "Usage: kansrijk export [--db FILE] [--format json|csv] [--indicator ID] [--curves] -o FILE\n"
    "\n"
    "Write the outcome table made by 'kansrijk compute', already suppressed, for analysts\n"
    "and dashboards: JSON (an array of objects) or CSV that Dutch Excel opens right\n"
    "(';', UTF-8 with BOM, decimal comma). Only suppressed counts leave the database, and\n"
    "every row shown is recorded in it first: each later compute hides a row that lies 1-9\n"
    "persons from a count published before (docs/privacy.md, 5.8).\n"
    "\n"
    "  --format F       json (default) or csv\n"
    "  --indicator ID   one indicator and its parts (route.verdeling gives .1, .2, ...)\n"
    "  --curves         the Kaplan-Meier curves of follow-up (nazorg.in_zorg) instead: one\n"
    "                   row per step, cut where fewer than 10 children are at risk\n"
    "  -o FILE          the output file ('-' for standard output)\n");

/* --indicator ID that is no indicator of the catalogue: the usage error, naming it. */
static int unknown_indicator(const char *cmd, const char *id)
{
    fprintf(stderr, _("kansrijk %s: --indicator %s names no indicator (see 'kansrijk indicators')\n"), cmd, id);
    fprintf(stderr, _("Try 'kansrijk %s --help'.\n"), cmd);
    return 2;
}

int cmd_export(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"format", required_argument, NULL, 'f'},
                                         {"indicator", required_argument, NULL, 'i'},
                                         {"curves", no_argument, NULL, 'c'},
                                         {"output", required_argument, NULL, 'o'},
                                         {"help", no_argument, NULL, 'h'},
                                         {0}};
    const char *db_path = KR_DEFAULT_DB, *indicator = NULL, *path = NULL;
    int json = 1, c, curves = 0;
    while ((c = getopt_long(argc, argv, ":ho:", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db_path = optarg; break;
        case 'f':
            if (strcmp(optarg, "json") != 0 && strcmp(optarg, "csv") != 0)
                return usage_error("export", "--format is json or csv");
            json = strcmp(optarg, "json") == 0;
            break;
        case 'i':
            if (!eng_indicator_known(optarg))
                return unknown_indicator("export", optarg);
            indicator = optarg;
            break;
        case 'c': curves = 1; break;
        case 'o': path = optarg; break;
        case 'h': fputs(_(export_usage), stdout); return 0;
        default: return bad_option("export", c, argv, opts);
        }
    }
    if (optind < argc)
        return usage_error("export", "unexpected argument");
    if (!path)
        return usage_error("export", "name the output file with -o FILE (or -o - for standard output)");
    /* the retention curves alone; the indicator is matched as the export does, whole or as a prefix ("nazorg") */
    if (curves && indicator && strcmp(indicator, "nazorg.in_zorg") != 0 && strcmp(indicator, "nazorg") != 0)
        return usage_error("export", "--curves: only nazorg.in_zorg has curves; leave out --indicator, or name that "
                                     "one");
    sqlite3 *db = NULL;
    if (open_db(db_path, KR_DB_READ, &db))
        return 2;
    if (!computed(db)) {
        char dbarg[4200];
        fprintf(stderr, _("kansrijk export: nothing computed yet (no outcome table): run 'kansrijk compute%s' "
                        "first; nothing was written\n"), kr_db_arg(db, dbarg, sizeof dbarg));
        kr_db_close(db);
        return 2;
    }
    warn_if_stale(db, "export");
    /* written beside the file and renamed when whole: an export that fails half-way leaves the last one as it was */
    char tmp[4096], err[512] = "";
    int to_stdout = strcmp(path, "-") == 0;
    if (!to_stdout && snprintf(tmp, sizeof tmp, "%s.deel", path) >= (int)sizeof tmp) {
        kr_db_close(db);
        return usage_error("export", "the output file name is too long");
    }
    /* the curves' at-risk counts are rounded to tens (docs/privacy.md): not recorded */
    int began = curves ? 0 : publish_begin(db, "export");
    if (began < 0) {
        kr_db_close(db);
        return 2;
    }
    FILE *out = to_stdout ? stdout : kr_fopen_private(tmp);  /* owner only, like the database */
    int rc = 2;
    long long rows = 0;
    if (!out) {
        fprintf(stderr, _("kansrijk export: %s: cannot write the file: %s\n"), path, strerror(errno));
    } else if (eng_export(db, indicator, json, curves, out, &rows, err, sizeof err) != KR_OK) {
        fprintf(stderr, _("kansrijk export: %s; nothing was written\n"), err);
    } else {
        rc = 0;
    }
    if (out && !to_stdout) {
        if (fclose(out) != 0 && rc == 0) {
            fprintf(stderr, _("kansrijk export: %s: the file could not be written (disk full?); nothing was written\n"),
                    path);
            rc = 2;
        }
        if (rc == 0 && rename(tmp, path) != 0) {
            fprintf(stderr, _("kansrijk export: %s: %s; nothing was written\n"), path, strerror(errno));
            rc = 2;
        }
        if (rc != 0)
            remove(tmp);
        else
            fprintf(stderr, P_("%s: %lld row\n", "%s: %lld rows\n", rows), path, rows);
        if (rc == 0 && rows == 0 && curves)
            fprintf(stderr, "%s\n", _("no curve to show: every cohort has too few children (a point needs 10 at "
                                      "risk and 10 losses since the one before)"));
    }
    publish_end(db, began, "export");
    kr_db_close(db);
    return rc;
}

/* ---- overzicht ------------------------------------------------------------------------------------------ */

const char overzicht_usage[] = N_(
    "Usage: kansrijk overzicht [--db FILE] [--regio R] [--periode P] [--lang nl|en]\n"
    "\n"
    "The board report's scorecard in the terminal, from the outcome table made by 'kansrijk compute':\n"
    "each headline indicator by its title, with value, 95 % interval, the previous period, the\n"
    "target (doelen, else the default) and the status as a symbol and a word, and a legend of\n"
    "every mark. Retention at 12 and 24 months shows the children born 12 and 24 months before\n"
    "the period.\n"
    "\n"
    "  --regio R     a region code of regios.csv, or * for all regions together (the default)\n"
    "  --periode P   a quarter (2025Q2) or a year (default: the last whole quarter before\n"
    "                the peildatum of the last compute)\n"
    "  --lang L      nl (default: Dutch titles and numbers, 78,4 %) or en (English, 78.4%)\n");

int cmd_overzicht(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"regio", required_argument, NULL, 'r'},
                                         {"periode", required_argument, NULL, 'p'},
                                         {"help", no_argument, NULL, 'h'},
                                         {0}};
    const char *db_path = KR_DEFAULT_DB, *regio = "*", *periode = NULL;
    eng_lang lang = kr_lang_get() == KR_EN ? ENG_EN : ENG_NL;  /* --lang: taken by main */
    int c;
    while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db_path = optarg; break;
        case 'r': regio = optarg; break;
        case 'p': periode = optarg; break;
        case 'h': fputs(_(overzicht_usage), stdout); return 0;
        default: return bad_option("overzicht", c, argv, opts);
        }
    }
    if (optind < argc)
        return usage_error("overzicht", "unexpected argument");
    sqlite3 *db = NULL;
    if (open_db(db_path, KR_DB_READ, &db))
        return 2;
    warn_if_stale(db, "overzicht");
    char err[1024];
    kr_status st = eng_overzicht(db, regio, periode, lang, stdout, err, sizeof err);
    if (st == KR_EUSAGE) {
        fprintf(stderr, "kansrijk overzicht: %s\n", err);
        fprintf(stderr, _("Try 'kansrijk %s --help'.\n"), "overzicht");
    } else if (st != KR_OK)
        fprintf(stderr, "kansrijk overzicht: %s\n", err[0] ? err : kr_strerror(st));
    kr_db_close(db);
    return st == KR_OK ? 0 : 2;
}

/* ---- report ------------------------------------------------------------------------------------------- */

const char report_usage[] = N_(
    "Usage: kansrijk report bestuur|regio|vergelijk|kwaliteit [--db FILE] [--regio R] [--periode P]\n"
    "                       [--bron EXPORT.json ...] [--lang nl|en] [--charts DIR] -o FILE.pdf\n"
    "\n"
    "An A4 PDF report of the outcome table made by 'kansrijk compute' (docs/rapporten.md), with its\n"
    "charts made by gnuplot. It reads the suppressed outcome table, never its raw counts (kwaliteit\n"
    "also reads the delivery ledger and the masked rejected rows, with the mdo extract's row counts\n"
    "suppressed). As export does, it records the rows shown in the database first, so that each\n"
    "later compute holds its figures against them (docs/privacy.md, 5.8).\n"
    "\n"
    "  bestuur        for boards: the scorecard with SPC signals, routes and the shift to the\n"
    "                 first line, timely handover, follow-up to two years, deliveries\n"
    "  regio          regiovisie outcome tracking: every indicator per quarter and year, trends\n"
    "                 with intervals, breakdowns by route, gemeente, age and parity, perinatal\n"
    "                 outcomes by route with relative risks and observed/expected ratios, the\n"
    "                 shift to the first line, retention curves, route transitions, risk factors\n"
    "  vergelijk      for the learning track: the sites side by side, a funnel plot and a\n"
    "                 caterpillar chart per key proportion, routes per site, observed/expected\n"
    "                 ratios of the perinatal outcomes (default period: the latest whole year)\n"
    "  --bron F       (vergelijk, repeatable) a region's 'kansrijk export --format json' instead\n"
    "                 of the database: regions compare without sharing row-level data. A file\n"
    "                 that is no such export, shows a count of 1-9 persons, or comes from\n"
    "                 another catalogue is refused\n"
    "  kwaliteit      for the data coordinator: the delivery ledger, rejected rows by\n"
    "                 organisation, type and reason (with masked example lines), column\n"
    "                 completeness, linkage rates, and missing periods against the agreements\n"
    "  --regio R      a region code, or * for all regions together (default: the only region,\n"
    "                 or all together when the database holds several)\n"
    "  --periode P    the quarter (2025Q2) or year reported (default: the last whole quarter\n"
    "                 before the peildatum of the last compute)\n"
    "  --lang L       nl (default) or en\n"
    "  --charts DIR   also write every chart as SVG, PNG and the CSV of its numbers into DIR\n"
    "  -o FILE.pdf    the report (written whole or not at all; mode 0600)\n"
    "\n"
    "With SOURCE_DATE_EPOCH set, the same database and arguments give the same bytes.\n"
    "Needs gnuplot (Debian: gnuplot-nox) and the font DejaVu Sans (fonts-dejavu-core).\n"
    "Exit status: 0 written; 2 refused (unknown region or period, nothing computed, gnuplot\n"
    "missing or failing, the file cannot be written).\n");

int cmd_report(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"regio", required_argument, NULL, 'r'},
                                         {"periode", required_argument, NULL, 'p'},
                                         {"charts", required_argument, NULL, 'c'},
                                         {"bron", required_argument, NULL, 'b'},
                                         {"output", required_argument, NULL, 'o'},
                                         {"help", no_argument, NULL, 'h'},
                                         {0}};
    const char *db_path = KR_DEFAULT_DB;
    rpt_options o = {0};
    int c, db_given = 0;
    const char **bron = calloc((size_t)argc + 1, sizeof *bron);
    if (!bron)
        return 2;
    o.bron = bron;
    o.english = kr_lang_get() == KR_EN;  /* --lang: taken by main */
    while ((c = getopt_long(argc, argv, ":ho:", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db_path = optarg; db_given = 1; break;
        case 'b': bron[o.nbron++] = optarg; break;
        case 'r': o.regio = optarg; break;
        case 'p': o.periode = optarg; break;
        case 'c': o.charts_dir = optarg; break;
        case 'o': o.output = optarg; break;
        case 'h': fputs(_(report_usage), stdout); free(bron); return 0;
        default: free(bron); return bad_option("report", c, argv, opts);
        }
    }
    const char *problem = NULL;
    if (optind >= argc)
        problem = N_("name the report: bestuur, regio, vergelijk or kwaliteit");
    else if (!rpt_kind_known(argv[optind]))
        problem = N_("unknown report: choose bestuur, regio, vergelijk or kwaliteit");
    else if (optind + 1 < argc)
        problem = N_("unexpected argument");
    else if (!o.output)
        problem = N_("name the PDF with -o FILE.pdf");
    else if (strcmp(o.output, "-") == 0)  /* export's '-', but a PDF goes to a file whole, or not at all */
        problem = N_("a report is written to a file, not to standard output: name it with -o FILE.pdf");
    else if (o.nbron && db_given)
        problem = N_("give --db or --bron, not both");
    if (problem) {
        free(bron);
        return usage_error("report", problem);
    }
    o.kind = argv[optind];
    sqlite3 *db = NULL;
    if (!o.nbron && open_db(db_path, KR_DB_READ, &db)) {
        free(bron);
        return 2;
    }
    o.db = db;
    int began = 0;
    if (db) {
        warn_if_stale(db, "report");
        if ((began = publish_begin(db, "report")) < 0) {
            kr_db_close(db);
            free(bron);
            return 2;
        }
    }
    char err[1024];
    kr_status st = rpt_render(&o, err, sizeof err);
    if (db)
        publish_end(db, began, "report");
    if (st != KR_OK)
        fprintf(stderr, "kansrijk report: %s\n", err[0] ? err : kr_strerror(st));
    else
        fprintf(stderr, "%s: %s\n", o.output, _("written"));
    kr_db_close(db);
    free(bron);
    return st == KR_OK ? 0 : 2;
}

/* ---- vergelijk ------------------------------------------------------------------------------------------ */

const char vergelijk_usage[] = N_(
    "Usage: kansrijk vergelijk [--db FILE] --indicator ID [--periode P] [--json]\n"
    "\n"
    "Compare the sites of the learning track on one proportion indicator of the outcome\n"
    "table made by 'kansrijk compute': each site's value against the pooled value of all\n"
    "shown sites, with exact binomial funnel limits (95 % and 99.8 %) at its denominator,\n"
    "widened by the square root of the overdispersion phi where the spread between sites\n"
    "exceeds chance. Suppressed sites (x) are listed and take no part.\n"
    "\n"
    "  --indicator ID  a proportion (unit %), e.g. overdracht.warm or route.verdeling.3\n"
    "  --periode P     a quarter (2025Q2) or a year (default: the latest year that ended\n"
    "                  by the peildatum of the last compute)\n"
    "  --json          the same fields as a JSON object\n");

int cmd_vergelijk(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"indicator", required_argument, NULL, 'i'},
                                         {"periode", required_argument, NULL, 'p'},
                                         {"json", no_argument, NULL, 'j'},
                                         {"help", no_argument, NULL, 'h'},
                                         {0}};
    const char *db_path = KR_DEFAULT_DB, *indicator = NULL;
    char periode[16] = "";
    int json = 0, c;
    while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db_path = optarg; break;
        case 'i':
            if (!eng_indicator_known(optarg))
                return unknown_indicator("vergelijk", optarg);
            indicator = optarg;
            break;
        case 'p': {
            kr_period p;
            if (kr_period_parse(optarg, strlen(optarg), &p) != KR_OK)
                return usage_error("vergelijk", "--periode takes a quarter (2025Q2) or a year (2025)");
            kr_strlcpy(periode, p.label, sizeof periode);
            break;
        }
        case 'j': json = 1; break;
        case 'h': fputs(_(vergelijk_usage), stdout); return 0;
        default: return bad_option("vergelijk", c, argv, opts);
        }
    }
    if (optind < argc)
        return usage_error("vergelijk", "unexpected argument");
    if (!indicator)
        return usage_error("vergelijk", "name a proportion indicator with --indicator ID");
    sqlite3 *db = NULL;
    if (open_db(db_path, KR_DB_READ, &db))
        return 2;
    warn_if_stale(db, "vergelijk");
    eng_vergelijk v;
    char err[1024] = "";
    int rc = 2;
    kr_status st = eng_vergelijk_load(db, indicator, periode[0] ? periode : NULL, &v, err, sizeof err);
    if (st != KR_OK)
        fprintf(stderr, "kansrijk vergelijk: %s\n", err[0] ? err : kr_strerror(st));
    else if (eng_vergelijk_print(&v, json, stdout) == KR_OK)
        rc = 0;
    eng_vergelijk_fini(&v);
    kr_db_close(db);
    return rc;
}

/* ---- indicators ------------------------------------------------------------------------------------- */

const char indicators_usage[] = N_(
    "Usage: kansrijk indicators [--json]\n"
    "\n"
    "The indicator catalogue of the outcome set: id, Dutch and English title,\n"
    "definition, unit, direction, default target and cohort. Targets in doelen.csv\n"
    "must name one of these ids.\n");

int cmd_indicators(int argc, char **argv)
{
    static const struct option opts[] = {{"json", no_argument, NULL, 'j'}, {"help", no_argument, NULL, 'h'}, {0}};
    int json = 0, c;
    while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
        if (c == 'j')
            json = 1;
        else if (c == 'h') {
            fputs(_(indicators_usage), stdout);
            return 0;
        } else
            return bad_option("indicators", c, argv, opts);
    }
    if (optind < argc)
        return usage_error("indicators", "unexpected argument");
    return eng_indicators_print(stdout, json) == KR_OK ? 0 : 2;
}

/* ---- samples -------------------------------------------------------------------------------------- */

const char samples_usage[] = N_(
    "Usage: kansrijk samples [--regio zl,zhz,utrecht] [--jaren 2023-2025] [--schaal 0.1] [--seed N] -o DIR\n"
    "\n"
    "Write synthetic partner extracts for the demo, the tests and the benchmarks: the\n"
    "reference data, one file per organisation, extract type and quarter, with the\n"
    "patterns of real data and the dirt of real exports, and a README and manifest.txt\n"
    "in DIR. Every organisation is fictional and registered as synthetic, so every\n"
    "report built on these files says so. The same arguments give the same bytes.\n"
    "\n"
    "  --regio LIST    regions: zl (Zuid-Limburg), zhz (Zuid-Holland Zuid), utrecht\n"
    "  --jaren A-B     calendar years (default 2023-2025)\n"
    "  --schaal X      1 = the three regions at their real size (~16 000 births a year);\n"
    "                  0.1 the quick demo (default); 10 about national size\n"
    "  --seed N        the random seed (default 1)\n"
    "  -o DIR          the output folder (created; must not hold earlier output)\n");

/* The progress bar of samples on stderr, redrawn after each quarter. */
static void samples_progress(void *arg, const char *quarter, long done, long total)
{
    (void)arg;
    if (total == 0)
        return;
    int pct = (int)(100 * done / total), fill = pct * 40 / 100;
    char bar[41];
    for (int i = 0; i < 40; i++)
        bar[i] = i < fill ? '#' : '.';
    bar[40] = '\0';
    fprintf(stderr, "\rsamples %-7s [%s] %3d%%%s", quarter, bar, pct, done == total ? "\n" : "");
    fflush(stderr);
}

int cmd_samples(int argc, char **argv)
{
    static const struct option opts[] = {{"regio", required_argument, NULL, 'r'},
                                         {"jaren", required_argument, NULL, 'j'},
                                         {"schaal", required_argument, NULL, 's'},
                                         {"seed", required_argument, NULL, 'z'},
                                         {"output", required_argument, NULL, 'o'},
                                         {"help", no_argument, NULL, 'h'},
                                         {0}};
    smp_options o;
    const char *dir = NULL;
    int c;
    smp_options_init(&o);
    while ((c = getopt_long(argc, argv, ":ho:", opts, NULL)) != -1) {
        switch (c) {
        case 'r': o.regions = optarg; break;
        case 'j': {
            long long a, b;
            const char *dash = strchr(optarg, '-');
            if (dash ? (kr_parse_int(optarg, (size_t)(dash - optarg), &a) != KR_OK ||
                        kr_parse_int(dash + 1, strlen(dash + 1), &b) != KR_OK)
                     : kr_parse_int(optarg, strlen(optarg), &a) != KR_OK)
                return usage_error("samples", "--jaren takes years like 2023-2025 or 2024");
            if (!dash)
                b = a;
            if (b < a)
                return usage_error("samples", "--jaren: the first year first, as 2023-2025");
            if (a < 2001 || b > 2099 || b - a > 9)
                return usage_error("samples", "--jaren: years from 2001 to 2099, at most 10");
            kr_date today = kr_date_today();
            int y, m, d;
            if (today != KR_NO_DATE && (kr_date_to_ymd(today, &y, &m, &d), b > y)) {
                /* ingest would refuse every file of a period that has not begun */
                fprintf(stderr, _("kansrijk samples: --jaren: %lld has not begun yet (this is %d); kansrijk ingest "
                                  "refuses deliveries of a period that has not begun, so end at %d at the latest\n"),
                        b, y, y);
                fprintf(stderr, _("Try 'kansrijk %s --help'.\n"), "samples");
                return 2;
            }
            o.year_from = (int)a;
            o.year_to = (int)b;
            break;
        }
        case 's':
            if (kr_parse_number(optarg, strlen(optarg), &o.scale) != KR_OK || o.scale <= 0 || o.scale > 100)
                return usage_error("samples", "--schaal takes a number above 0 and at most 100");
            break;
        case 'z': {
            long long v;
            if (kr_parse_int(optarg, strlen(optarg), &v) != KR_OK || v < 0)
                return usage_error("samples", "--seed takes a whole number");
            o.seed = (uint64_t)v;
            break;
        }
        case 'o': dir = optarg; break;
        case 'h': fputs(_(samples_usage), stdout); return 0;
        default: return bad_option("samples", c, argv, opts);
        }
    }
    if (optind < argc)
        return usage_error("samples", "unexpected argument");
    if (!dir)
        return usage_error("samples", "name the output folder with -o DIR");
    char manifest[1200];
    (void)snprintf(manifest, sizeof manifest, "%s/manifest.txt", dir);
    if (access(manifest, F_OK) == 0) {
        fprintf(stderr, _("kansrijk samples: %s already holds generated samples; choose an empty folder\n"), dir);
        return 2;
    }
    if (isatty(STDERR_FILENO) && o.scale >= 1)
        o.progress = samples_progress;
    smp_summary sum;
    char msg[512] = "";
    kr_status st = smp_generate(&o, dir, &sum, msg, sizeof msg);
    if (st != KR_OK) {
        fprintf(stderr, "kansrijk samples: %s\n", msg[0] ? msg : kr_strerror(st));
        return 2;
    }
    printf(_("%s: %lld pregnancies, %lld files, %lld rows (%lld spoiled on purpose; see %s/manifest.txt)\n"), dir,
           sum.pregnancies, sum.files, sum.rows, sum.spoiled, dir);
    return 0;
}

