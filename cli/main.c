/*
 * The kansrijk command line: a table of subcommands, each with its options
 * and --help. Diagnostics go to stderr, results to stdout. Exit codes:
 * 0 success (warnings included), 1 done but rows were rejected, 2 refused.
 */
#include "../core/kr.h"
#include "../etl/etl.h"
#include "../samples/samples.h"
#include "../engine/engine.h"
#include "../engine/vergelijk.h"
#include "../reports/reports.h"
#include "screen.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
    const char *usage;
} command;

/* getopt's '?' (an unknown option) or ':' (an option without its value): named in the screen's language. */
static int bad_option(const char *cmd, int c, char **argv)
{
    const char *opt = optind > 0 ? argv[optind - 1] : "";
    fprintf(stderr, "kansrijk %s: ", cmd);
    if (c == ':')
        fprintf(stderr, _("option '%s' needs a value\n"), opt);
    else
        fprintf(stderr, _("unknown option '%s'\n"), opt);
    fprintf(stderr, _("Try 'kansrijk %s --help'.\n"), cmd);
    return 2;
}

static int usage_error(const char *cmd, const char *msg)
{
    fprintf(stderr, "kansrijk %s: %s\n", cmd, _(msg));
    fprintf(stderr, _("Try 'kansrijk %s --help'.\n"), cmd);
    return 2;
}

/* A --peildatum value: 0 when it is a date, else the usage error's exit status. */
static int date_arg(const char *cmd, const char *arg, kr_date *out)
{
    if (kr_date_parse(arg, strlen(arg), out) == KR_OK)
        return 0;
    fprintf(stderr, _("kansrijk %s: --peildatum %s is not a date (dd-mm-yyyy or yyyy-mm-dd)\n"), cmd, arg);
    fprintf(stderr, _("Try 'kansrijk %s --help'.\n"), cmd);
    return 2;
}

/*
 * A --peildatum after today (the system clock's local date): the usage error's exit status, unless
 * --toekomst (future) says it is meant; else 0.
 */
static int future_arg(const char *cmd, kr_date peil, int future)
{
    time_t now = time(NULL);
    struct tm tm;
    if (future || localtime_r(&now, &tm) == NULL)
        return 0;
    kr_date today = kr_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    if (peil <= today)
        return 0;
    char p[11], t[11];
    kr_date_format(peil, p);
    kr_date_format(today, t);
    fprintf(stderr, _("kansrijk %s: --peildatum %s is in the future (today is %s); give a date up to today, or add "
                      "--toekomst if you mean a date in the future\n"),
            cmd, p, t);
    return 2;
}

/* Open the database (mode: KR_DB_CREATE for init, KR_DB_WRITE or KR_DB_READ); 0, or exit status 2 with a message. */
static int open_db(const char *path, int mode, sqlite3 **db)
{
    char err[1024] = "";
    kr_status st = kr_db_open(path, mode, db, err, sizeof err);
    if (st != KR_OK) {
        fprintf(stderr, "kansrijk: %s\n", err[0] ? err : kr_strerror(st));
        return 2;
    }
    return 0;
}

/* ---- init ---------------------------------------------------------------------------- */

static const char init_usage[] = N_(
    "Usage: kansrijk init [--db FILE]\n"
    "\n"
    "Create the database (mode 0600: readable by you alone), or bring an existing one\n"
    "to the current schema version. Safe to run again.\n"
    "\n"
    "  --db FILE   the database (default kansrijk.db)\n");

static int cmd_init(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'}, {"help", no_argument, NULL, 'h'}, {0}};
    const char *db_path = KR_DEFAULT_DB;
    int c;
    while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
        if (c == 'd')
            db_path = optarg;
        else if (c == 'h') {
            fputs(_(init_usage), stdout);
            return 0;
        } else
            return bad_option("init", c, argv);
    }
    if (optind < argc)
        return usage_error("init", "init takes no file arguments");
    sqlite3 *db = NULL;
    if (open_db(db_path, KR_DB_CREATE, &db))
        return 2;
    printf(_("%s: database ready (schema version %d)\n"), db_path, kr_db_version(db));
    kr_db_close(db);
    return 0;
}

/* ---- ingest / validate -------------------------------------------------------------------- */

static const char ingest_usage[] = N_(
    "Usage: kansrijk ingest [options] FILE...\n"
    "\n"
    "Read partner extracts and reference data into the database. Every file is one\n"
    "delivery, stored whole or not at all. Reference data (regios, sites, gemeenten,\n"
    "organisaties, afspraken, doelen, referenties) is read first, whatever the order.\n"
    "\n"
    "  --db FILE            the database (default kansrijk.db)\n"
    "  --type T             extract type (default: from the file name <type>_<org>_<periode>.csv)\n"
    "  --organisatie CODE   delivering organisation (default: from the file name)\n"
    "  --periode P          period, 2025Q2 or 2025 (default: from the file name)\n"
    "  --accept-partial     store the valid rows even when more than 20% were rejected\n"
    "  --max-afgewezen PCT  the rejected share that refuses a delivery (default 20)\n"
    "  --opnieuw            re-activate a file identical to a replaced or withdrawn delivery\n"
    "  --vervang            accept a correction with fewer than half the accepted rows of the\n"
    "                       delivery it replaces (refused without it: usually a partial export)\n"
    "  --terugkoppeling DIR write a feedback CSV per file for the partner into DIR (made when missing)\n"
    "  --json               a Frictionless-shaped JSON report on stdout\n"
    "  --stil, --quiet      no progress line and no totals (shown only on a terminal anyway)\n"
    "\n"
    "On a terminal, several files show one line that follows the work (files done, rows,\n"
    "rows per second) and end with the totals and what the exit status means.\n"
    "\n"
    "The database must exist: create it with 'kansrijk init --db FILE' first.\n"
    "\n"
    "Exit status: 0 all accepted (warnings included), 1 some rows rejected,\n"
    "2 a file refused (nothing of it stored); with several files, the worst.\n");

static const char validate_usage[] = N_(
    "Usage: kansrijk validate [--db FILE] [--periode P] [--type T] [--organisatie CODE] [--json] [--stil] FILE...\n"
    "\n"
    "Check files exactly as ingest would, and store nothing. Without a database the\n"
    "organisation, municipality and reference checks are skipped, with a warning.\n"
    "Exit status as for ingest.\n");

/*
 * The folder for feedback files, made when it is not there (with its parents, 0700: the files name the partners' rows),
 * and writable. 0, or -1 with errno.
 */
static int make_folder(const char *path)
{
    char p[4096];
    if (kr_strlcpy(p, path, sizeof p) >= sizeof p - 1) {
        errno = ENAMETOOLONG;
        return -1;
    }
    for (char *s = p + 1; *s; s++)
        if (*s == '/') {
            *s = '\0';
            if (mkdir(p, 0700) != 0 && errno != EEXIST)
                return -1;
            *s = '/';
        }
    if (mkdir(p, 0700) != 0 && errno != EEXIST)
        return -1;
    return access(p, W_OK | X_OK);
}

static int ingest_or_validate(int argc, char **argv, int dry)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},          {"type", required_argument, NULL, 't'},
        {"organisatie", required_argument, NULL, 'o'}, {"periode", required_argument, NULL, 'p'},
        {"accept-partial", no_argument, NULL, 'a'},    {"opnieuw", no_argument, NULL, 'n'},
        {"terugkoppeling", required_argument, NULL, 'f'}, {"json", no_argument, NULL, 'j'},
        {"max-afgewezen", required_argument, NULL, 'm'}, {"vervang", no_argument, NULL, 'v'},
        {"stil", no_argument, NULL, 'q'},          {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},          {0}};
    const char *cmd = dry ? "validate" : "ingest";
    const char *db_path = NULL;
    etl_options o;
    int json = 0, quiet = 0, c;
    etl_options_init(&o);
    o.dry_run = dry;
    o.indicator_known = eng_indicator_known;
    while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db_path = optarg; break;
        case 't': o.type = optarg; break;
        case 'o': o.organisatie = optarg; break;
        case 'p': o.periode = optarg; break;
        case 'a': o.accept_partial = 1; break;
        case 'n': o.opnieuw = 1; break;
        case 'v': o.vervang = 1; break;
        case 'f': o.feedback_dir = optarg; break;
        case 'j': json = 1; break;
        case 'q': quiet = 1; break;
        case 'm': {
            double pct;
            if (kr_parse_number(optarg, strlen(optarg), &pct) != KR_OK || pct < 0 || pct > 100)
                return usage_error(cmd, "--max-afgewezen takes a percentage from 0 to 100");
            o.max_rejected = pct / 100.0;
            break;
        }
        case 'h': fputs(_(dry ? validate_usage : ingest_usage), stdout); return 0;
        default: return bad_option(cmd, c, argv);
        }
    }
    if (optind >= argc)
        return usage_error(cmd, "name at least one FILE");
    if (dry && (o.accept_partial || o.opnieuw || o.vervang || o.feedback_dir))
        return usage_error(cmd, "--accept-partial, --opnieuw, --vervang and --terugkoppeling belong to ingest");
    if (o.periode) {
        kr_period p;
        if (kr_period_parse(o.periode, strlen(o.periode), &p) != KR_OK)
            return usage_error(cmd, "--periode takes a quarter (2025Q2) or a year (2025)");
    }
    if (o.type && etl_type_kind(o.type) == 0)
    {
        char list[512] = "";
        size_t k = 0;
        for (size_t i = 0; i < etl_type_count() && k < sizeof list; i++)
            k += (size_t)snprintf(list + k, sizeof list - k, "%s%s", i ? ", " : "", etl_type_name(i));
        fprintf(stderr, _("kansrijk %s: --type %s is no extract type; the types are: %s\n"), cmd, o.type, list);
        fprintf(stderr, _("Try 'kansrijk %s --help'.\n"), cmd);
        return 2;
    }
    if (o.feedback_dir && make_folder(o.feedback_dir) != 0) {
        fprintf(stderr, _("kansrijk %s: --terugkoppeling %s: the folder cannot be made or written to: %s\n"), cmd,
                o.feedback_dir, strerror(errno));
        return 2;
    }
    for (int i = optind; i < argc; i++) {
        struct stat sb;
        if (stat(argv[i], &sb) == 0 && S_ISDIR(sb.st_mode)) {
            fprintf(stderr, _("kansrijk %s: %s is a folder, not a file; did you mean %s/*.csv?\n"), cmd, argv[i],
                    argv[i]);
            return 2;
        }
        if (access(argv[i], R_OK) != 0) {
            char to[4096];
            int e = errno;
            if (etl_dangling_link(argv[i], to, sizeof to))
                fprintf(stderr, _("kansrijk %s: %s is a symbolic link to %s, which does not exist\n"), cmd, argv[i],
                        to);
            else
                fprintf(stderr, _("kansrijk %s: %s: cannot read the file: %s\n"), cmd, argv[i], strerror(e));
            return 2;
        }
    }
    scr_ingest screen;
    scr_ingest_begin(&screen, &o, (size_t)(argc - optind), dry, quiet, json);

    sqlite3 *db = NULL;
    if (!dry) {
        /* only init creates a database: a mistyped --db must not become a new, empty one */
        if (open_db(db_path ? db_path : KR_DEFAULT_DB, KR_DB_WRITE, &db))
            return 2;
    } else {
        const char *p = db_path ? db_path : KR_DEFAULT_DB;
        if (access(p, F_OK) == 0) {
            if (open_db(p, KR_DB_READ, &db))
                return 2;
        } else if (db_path) {
            fprintf(stderr, _("kansrijk validate: %s: there is no database here; run 'kansrijk init --db %s' first (or "
                    "leave out --db to validate without the registry checks)\n"), db_path, db_path);
            return 2;
        } else {
            fprintf(stderr, _("kansrijk validate: no database (%s): registry checks are skipped\n"), p);
        }
    }
    etl_session *s = NULL;
    if (etl_session_new(db, &o, &s) != KR_OK) {
        kr_db_close(db);
        fprintf(stderr, _("kansrijk %s: out of memory\n"), cmd);
        return 2;
    }
    int rc = 2;
    char err[256] = "";
    if (etl_session_run(s, (const char *const *)(argv + optind), (size_t)(argc - optind), json, stdout, &rc, err,
                        sizeof err) != KR_OK)
        fprintf(stderr, "kansrijk: %s\n", err);
    else
        scr_ingest_end(&screen, rc);
    etl_session_free(s);
    kr_db_close(db);
    return rc;
}

static int cmd_ingest(int argc, char **argv) { return ingest_or_validate(argc, argv, 0); }
static int cmd_validate(int argc, char **argv) { return ingest_or_validate(argc, argv, 1); }

/* ---- deliveries ------------------------------------------------------------------------------ */

static const char deliveries_usage[] = N_(
    "Usage: kansrijk deliveries [--db FILE] [--json] [--status S] [--intrekken ID]\n"
    "\n"
    "Show the delivery ledger: every file offered, with its SHA-256, row counts and\n"
    "status (actief, vervangen, geweigerd, ingetrokken). With --intrekken, withdraw a\n"
    "wrongly labelled delivery: its rows go, its ledger entry stays. --status shows\n"
    "only the deliveries with that status.\n");

static int cmd_deliveries(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"json", no_argument, NULL, 'j'},
                                         {"intrekken", required_argument, NULL, 'i'},
                                         {"status", required_argument, NULL, 's'},
                                         {"help", no_argument, NULL, 'h'},
                                         {0}};
    const char *db_path = KR_DEFAULT_DB;
    const char *withdraw = NULL, *status = NULL;
    int json = 0, c;
    while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db_path = optarg; break;
        case 'j': json = 1; break;
        case 'i': withdraw = optarg; break;
        case 's':
            if (strcmp(optarg, "actief") && strcmp(optarg, "vervangen") && strcmp(optarg, "geweigerd") &&
                strcmp(optarg, "ingetrokken"))
                return usage_error("deliveries", "--status is actief, vervangen, geweigerd or ingetrokken");
            status = optarg;
            break;
        case 'h': fputs(_(deliveries_usage), stdout); return 0;
        default: return bad_option("deliveries", c, argv);
        }
    }
    if (optind < argc)
        return usage_error("deliveries", "unexpected argument");
    sqlite3 *db = NULL;
    if (open_db(db_path, withdraw ? KR_DB_WRITE : KR_DB_READ, &db))
        return 2;
    int rc = 0;
    char msg[512] = "";
    if (withdraw) {
        long long id;
        if (kr_parse_int(withdraw, strlen(withdraw), &id) != KR_OK || id <= 0) {
            kr_db_close(db);
            return usage_error("deliveries", "--intrekken takes a delivery id (see the ledger)");
        }
        kr_status st = etl_ledger_withdraw(db, id, msg, sizeof msg);
        fprintf(st == KR_OK ? stdout : stderr, "%s%s\n", st == KR_OK ? "" : "kansrijk deliveries: ", msg);
        rc = st == KR_OK ? 0 : 2;
    } else if (etl_ledger_print(db, status, json, stdout, msg, sizeof msg) != KR_OK) {
        fprintf(stderr, "kansrijk deliveries: %s\n", msg);
        rc = 2;
    }
    kr_db_close(db);
    return rc;
}

/* ---- link and status --------------------------------------------------------------------------- */

static const char link_usage[] = N_(
    "Usage: kansrijk link [--db FILE] [--peildatum DATE] [--toekomst]\n"
    "\n"
    "Link the records of all active deliveries into trajectories (one per pregnancy)\n"
    "and count unlinked records per organisation and type. 'kansrijk compute' runs\n"
    "this too; running it alone shows the linkage rates early.\n"
    "\n"
    "  --peildatum DATE   ignore records dated after DATE (dd-mm-yyyy or yyyy-mm-dd); a date\n"
    "                     after today is refused unless --toekomst is given\n"
    "  --toekomst         allow a --peildatum in the future\n");

static int cmd_link(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"peildatum", required_argument, NULL, 'p'},
                                         {"toekomst", no_argument, NULL, 'T'},
                                         {"help", no_argument, NULL, 'h'},
                                         {0}};
    const char *db_path = KR_DEFAULT_DB;
    int has_peil = 0, future = 0, c;
    kr_date peil = 0;
    while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db_path = optarg; break;
        case 'p':
            if (date_arg("link", optarg, &peil))
                return 2;
            has_peil = 1;
            break;
        case 'T': future = 1; break;
        case 'h': fputs(_(link_usage), stdout); return 0;
        default: return bad_option("link", c, argv);
        }
    }
    if (optind < argc)
        return usage_error("link", "unexpected argument");
    if (has_peil && future_arg("link", peil, future))
        return 2;
    sqlite3 *db = NULL;
    if (open_db(db_path, KR_DB_WRITE, &db))
        return 2;
    etl_link_stats ls;
    int bulk = etl_link_bulk_begin(db);  /* large deliveries not linked yet: a rollback journal */
    char why[512] = "", msg[512];
    kr_status st = etl_link(db, has_peil, peil, &ls, msg, sizeof msg);
    if (st == KR_EDB)
        (void)kr_db_problem(db, why, sizeof why);
    if (st != KR_OK && msg[0])
        fprintf(stderr, "kansrijk: %s\n", msg);
    if (bulk && etl_link_bulk_end(db, msg, sizeof msg) != KR_OK)
        fprintf(stderr, "kansrijk: %s\n", msg);
    if (st != KR_OK) {
        fprintf(stderr, _("kansrijk link: %s; nothing changed\n"), why[0] ? why : kr_strerror(st));
        kr_db_close(db);
        return 2;
    }
    printf(P_("%lld record: %lld linked, %lld unlinked (%lld older versions set aside); %lld trajectories, %lld "
              "children\n",
              "%lld records: %lld linked, %lld unlinked (%lld older versions set aside); %lld trajectories, %lld "
              "children\n", ls.records),
           ls.records, ls.linked, ls.unlinked, ls.superseded, ls.trajectories, ls.children);
    kr_db_close(db);
    return 0;
}

static const char status_usage[] = N_(
    "Usage: kansrijk status [--db FILE] [--json]\n"
    "\n"
    "Show the linkage state: when linkage last ran, whether deliveries changed since,\n"
    "and records linked and unlinked per organisation and type.\n");

static int cmd_status(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"json", no_argument, NULL, 'j'},
                                         {"help", no_argument, NULL, 'h'},
                                         {0}};
    const char *db_path = KR_DEFAULT_DB;
    int json = 0, c;
    while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db_path = optarg; break;
        case 'j': json = 1; break;
        case 'h': fputs(_(status_usage), stdout); return 0;
        default: return bad_option("status", c, argv);
        }
    }
    if (optind < argc)
        return usage_error("status", "unexpected argument");
    sqlite3 *db = NULL;
    if (open_db(db_path, KR_DB_READ, &db))
        return 2;
    int rc = etl_status_print(db, json, stdout) == KR_OK ? 0 : 2;
    kr_db_close(db);
    return rc;
}

/* ---- spec ------------------------------------------------------------------------------------- */

static const char spec_usage[] = N_(
    "Usage: kansrijk spec [--type T] [--format md|tableschema]\n"
    "\n"
    "Print the extract specification (aanleverspecificatie) for partners: as Markdown\n"
    "(Dutch, the default) or as Frictionless Table Schema JSON.\n");

static int cmd_spec(int argc, char **argv)
{
    static const struct option opts[] = {{"type", required_argument, NULL, 't'},
                                         {"format", required_argument, NULL, 'f'},
                                         {"help", no_argument, NULL, 'h'},
                                         {0}};
    const char *type = NULL, *format = "md";
    int c;
    while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
        switch (c) {
        case 't': type = optarg; break;
        case 'f': format = optarg; break;
        case 'h': fputs(_(spec_usage), stdout); return 0;
        default: return bad_option("spec", c, argv);
        }
    }
    if (optind < argc)
        return usage_error("spec", "unexpected argument");
    kr_status st = etl_spec_print(stdout, type, format);
    if (st == KR_ENOTFOUND)
        return usage_error("spec", "--type names no extract type");
    if (st != KR_OK)
        return usage_error("spec", "--format is md or tableschema");
    return 0;
}

/* ---- compute ---------------------------------------------------------------------------------------- */

static const char compute_usage[] = N_(
    "Usage: kansrijk compute [--db FILE] [--peildatum DATE] [--toekomst] [--basis YEAR] [--min-cel N] [--stil]\n"
    "\n"
    "Link the records of all active deliveries into trajectories, rebuild the\n"
    "trajectory facts (table feit_traject) and the whole outcome set of the regional\n"
    "outcome set (tables uitkomst and uitkomst_curve) as of the peildatum, suppressed,\n"
    "with targets and status, in one transaction: a reader never sees half of it.\n"
    "\n"
    "  --peildatum DATE   the data cut-off (dd-mm-yyyy or yyyy-mm-dd); default the last\n"
    "                     day of the latest period delivered; a date after today is\n"
    "                     refused unless --toekomst is given\n"
    "  --toekomst         allow a --peildatum in the future\n"
    "  --basis YEAR       the baseline year of lijn.verschuiving; default the first\n"
    "                     year with data in all four quarters\n"
    "  --min-cel N        the smallest cell shown (default 10, at least 5)\n"
    "  --stil, --quiet    no stages on the screen (shown only on a terminal anyway)\n"
    "\n"
    "On a terminal, each stage (linking, facts, counting, suppressing, writing, data quality)\n"
    "shows its time as it ends.\n");

static int cmd_compute(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"peildatum", required_argument, NULL, 'p'},
                                         {"toekomst", no_argument, NULL, 'T'},
                                         {"min-cel", required_argument, NULL, 'm'},
                                         {"basis", required_argument, NULL, 'b'},
                                         {"stil", no_argument, NULL, 'q'},
                                         {"quiet", no_argument, NULL, 'q'},
                                         {"help", no_argument, NULL, 'h'},
                                         {0}};
    const char *db_path = KR_DEFAULT_DB;
    int has_peil = 0, future = 0, c, min_cell = 10, basis = 0, quiet = 0;
    kr_date peil = 0;
    while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db_path = optarg; break;
        case 'p':
            if (date_arg("compute", optarg, &peil))
                return 2;
            has_peil = 1;
            break;
        case 'm': {
            long long v;
            if (kr_parse_int(optarg, strlen(optarg), &v) != KR_OK || v < 5 || v > 1000)
                return usage_error("compute", "--min-cel takes a whole number of at least 5");
            min_cell = (int)v;
            break;
        }
        case 'b': {
            long long v;
            if (kr_parse_int(optarg, strlen(optarg), &v) != KR_OK || v < 2000 || v > 2099)
                return usage_error("compute", "--basis takes a year, e.g. --basis 2023");
            basis = (int)v;
            break;
        }
        case 'q': quiet = 1; break;
        case 'T': future = 1; break;
        case 'h': fputs(_(compute_usage), stdout); return 0;
        default: return bad_option("compute", c, argv);
        }
    }
    if (optind < argc)
        return usage_error("compute", "unexpected argument");
    if (has_peil && future_arg("compute", peil, future))
        return 2;
    sqlite3 *db = NULL;
    if (open_db(db_path, KR_DB_WRITE, &db))
        return 2;
    int rc = 2, bulk = 0;
    char why[512];
    etl_link_stats ls;
    long long facts = 0, outcome_rows = 0, quality_rows = 0;
    char peil_text[11];
    if (!has_peil) {
        kr_status st = eng_default_peildatum(db, &peil);
        if (st != KR_OK) {
            fprintf(stderr, "kansrijk compute: %s\n",
                    st == KR_ENOTFOUND ? _("no extract has been delivered yet: nothing to compute; ingest the "
                                           "partners' files first with 'kansrijk ingest'")
                                        : sqlite3_errmsg(db));
            goto cleanup;
        }
    }
    kr_date_format(peil, peil_text);
    /* one transaction: a reader never sees half an outcome set */
    bulk = etl_link_bulk_begin(db);  /* large deliveries not linked yet: a rollback journal */
    if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
        (void)kr_db_problem(db, why, sizeof why);
        fprintf(stderr, _("kansrijk compute: %s; nothing changed\n"), why);
        goto cleanup;
    }
    eng_options eo = {peil, min_cell, basis};
    kr_status st = KR_OK;
    char limit[400] = "", msg[512] = "";
    scr_compute_begin(quiet);
    double t0 = scr_now();
    st = etl_link(db, 1, peil, &ls, msg, sizeof msg);
    scr_compute_lap("linkage", scr_now() - t0);
    if (st != KR_OK ||
        (st = eng_compute(db, &eo, &facts, &outcome_rows, limit, sizeof limit)) != KR_OK ||
        (st = eng_compute_quality(db, peil, min_cell, &quality_rows, msg, sizeof msg)) != KR_OK ||
        (st = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK ? KR_OK : KR_EDB) != KR_OK) {
        scr_compute_end();
        if (msg[0])  /* what linkage or the quality rows said went wrong */
            fprintf(stderr, "kansrijk: %s\n", msg);
        if (st == KR_EDB)  /* before the ROLLBACK, which clears the cause */
            (void)kr_db_problem(db, why, sizeof why);
        if (st == KR_ETOOBIG && limit[0])  /* the engine words its own limits */
            fprintf(stderr, _("kansrijk compute: %s; nothing changed\n"), limit);
        else
            fprintf(stderr, _("kansrijk compute: %s; nothing changed\n"), st == KR_EDB ? why : kr_strerror(st));
        (void)sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
        goto cleanup;
    }
    scr_compute_end();
    printf(_("peildatum %s: %lld records linked, %lld unlinked; %lld trajectories; %lld outcome rows\n"), peil_text,
           ls.linked, ls.unlinked, facts, outcome_rows + quality_rows);
    rc = 0;
cleanup:
    if (bulk && etl_link_bulk_end(db, why, sizeof why) != KR_OK)
        fprintf(stderr, "kansrijk: %s\n", why);
    kr_db_close(db);
    return rc;
}

/* 1 when 'kansrijk compute' has run on db (table compute_run holds its row). */
static int computed(sqlite3 *db)
{
    sqlite3_stmt *st = NULL;
    int yes = sqlite3_prepare_v2(db, "SELECT 1 FROM compute_run", -1, &st, NULL) == SQLITE_OK &&
              sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    return yes;
}

/* ---- export --------------------------------------------------------------------------------------------- */

static const char export_usage[] = N_(
    "Usage: kansrijk export [--db FILE] [--format json|csv] [--indicator ID] [--curves] -o FILE\n"
    "\n"
    "Write the outcome table made by 'kansrijk compute', already suppressed, for analysts\n"
    "and dashboards: JSON (an array of objects) or CSV that Dutch Excel opens right\n"
    "(';', UTF-8 with BOM, decimal comma). Raw counts never leave the database.\n"
    "\n"
    "  --format F       json (default) or csv\n"
    "  --indicator ID   one indicator and its parts (route.verdeling gives .1, .2, ...)\n"
    "  --curves         the Kaplan-Meier curves of follow-up (nazorg.in_zorg) instead: one\n"
    "                   row per step, cut where fewer than 10 children are at risk\n"
    "  -o FILE          the output file ('-' for standard output)\n");

static int cmd_export(int argc, char **argv)
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
                return usage_error("export", "--indicator names no indicator (see 'kansrijk indicators')");
            indicator = optarg;
            break;
        case 'c': curves = 1; break;
        case 'o': path = optarg; break;
        case 'h': fputs(_(export_usage), stdout); return 0;
        default: return bad_option("export", c, argv);
        }
    }
    if (optind < argc)
        return usage_error("export", "unexpected argument");
    if (!path)
        return usage_error("export", "name the output file with -o FILE (or -o - for standard output)");
    sqlite3 *db = NULL;
    if (open_db(db_path, KR_DB_READ, &db))
        return 2;
    if (!computed(db)) {
        fprintf(stderr, _("kansrijk export: nothing computed yet (no outcome table): run 'kansrijk compute --db %s' "
                        "first; nothing was written\n"), db_path);
        kr_db_close(db);
        return 2;
    }
    /* written beside the file and renamed when whole: an export that fails half-way leaves the last one as it was */
    char tmp[4096], err[512] = "";
    int to_stdout = strcmp(path, "-") == 0;
    if (!to_stdout && snprintf(tmp, sizeof tmp, "%s.deel", path) >= (int)sizeof tmp) {
        kr_db_close(db);
        return usage_error("export", "the output file name is too long");
    }
    FILE *out = to_stdout ? stdout : kr_fopen_private(tmp);  /* owner only, like the database */
    int rc = 2;
    long long rows = 0;
    if (!out) {
        fprintf(stderr, _("kansrijk export: %s: cannot write the file\n"), path);
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
    }
    kr_db_close(db);
    return rc;
}

/* ---- overzicht ------------------------------------------------------------------------------------------ */

static const char overzicht_usage[] = N_(
    "Usage: kansrijk overzicht [--db FILE] [--regio R] [--periode P] [--lang nl|en]\n"
    "\n"
    "The bestuur scorecard in the terminal, from the outcome table made by 'kansrijk compute':\n"
    "each headline indicator by its title, with value, 95 % interval, the previous period, the\n"
    "target (doelen, else the default) and the status as a symbol and a word, and a legend of\n"
    "every mark. Retention at 12 and 24 months shows the children born 12 and 24 months before\n"
    "the period.\n"
    "\n"
    "  --regio R     a region code of regios.csv, or * for all regions together (the default)\n"
    "  --periode P   a quarter (2025Q2) or a year (default: the last whole quarter before\n"
    "                the peildatum of the last compute)\n"
    "  --lang L      nl (default: Dutch titles and numbers, 78,4 %) or en (English, 78.4%)\n");

static int cmd_overzicht(int argc, char **argv)
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
        default: return bad_option("overzicht", c, argv);
        }
    }
    if (optind < argc)
        return usage_error("overzicht", "unexpected argument");
    sqlite3 *db = NULL;
    if (open_db(db_path, KR_DB_READ, &db))
        return 2;
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

static const char report_usage[] = N_(
    "Usage: kansrijk report bestuur|regio|vergelijk|kwaliteit [--db FILE] [--regio R] [--periode P]\n"
    "                       [--bron EXPORT.json ...] [--lang nl|en] [--charts DIR] -o FILE.pdf\n"
    "\n"
    "An A4 PDF report of the outcome table made by 'kansrijk compute' (docs/rapporten.md), with its\n"
    "charts made by gnuplot. It reads only the suppressed outcome table, never the raw counts.\n"
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

static int cmd_report(int argc, char **argv)
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
        default: free(bron); return bad_option("report", c, argv);
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
    char err[1024];
    kr_status st = rpt_render(&o, err, sizeof err);
    if (st != KR_OK)
        fprintf(stderr, "kansrijk report: %s\n", err[0] ? err : kr_strerror(st));
    else
        fprintf(stderr, "%s: %s\n", o.output, _("written"));
    kr_db_close(db);
    free(bron);
    return st == KR_OK ? 0 : 2;
}

/* ---- vergelijk ------------------------------------------------------------------------------------------ */

static const char vergelijk_usage[] = N_(
    "Usage: kansrijk vergelijk [--db FILE] --indicator ID [--periode P] [--json]\n"
    "\n"
    "Compare the sites of the learning track on one proportion indicator of the outcome\n"
    "table made by 'kansrijk compute': each site's value against the pooled value of all\n"
    "shown sites, with exact binomial funnel limits (95 % and 99.8 %) at its noemer,\n"
    "widened by the square root of the overdispersion phi where the spread between sites\n"
    "exceeds chance. Suppressed sites (x) are listed and take no part.\n"
    "\n"
    "  --indicator ID  a proportion (eenheid %), e.g. overdracht.warm or route.verdeling.3\n"
    "  --periode P     a quarter (2025Q2) or a year (default: the latest year that ended\n"
    "                  by the peildatum of the last compute)\n"
    "  --json          the same fields as a JSON object\n");

static int cmd_vergelijk(int argc, char **argv)
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
                return usage_error("vergelijk", "--indicator names no indicator (see 'kansrijk indicators')");
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
        default: return bad_option("vergelijk", c, argv);
        }
    }
    if (optind < argc)
        return usage_error("vergelijk", "unexpected argument");
    if (!indicator)
        return usage_error("vergelijk", "name a proportion indicator with --indicator ID");
    sqlite3 *db = NULL;
    if (open_db(db_path, KR_DB_READ, &db))
        return 2;
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

static const char indicators_usage[] = N_(
    "Usage: kansrijk indicators [--json]\n"
    "\n"
    "The indicator catalogue of the outcome set: id, Dutch and English title,\n"
    "definition, unit, direction, default target and cohort. Targets in doelen.csv\n"
    "must name one of these ids.\n");

static int cmd_indicators(int argc, char **argv)
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
            return bad_option("indicators", c, argv);
    }
    if (optind < argc)
        return usage_error("indicators", "unexpected argument");
    return eng_indicators_print(stdout, json) == KR_OK ? 0 : 2;
}

/* ---- samples -------------------------------------------------------------------------------------- */

static const char samples_usage[] = N_(
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

static int cmd_samples(int argc, char **argv)
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
            if (a < 2001 || b > 2099 || b < a || b - a > 9)
                return usage_error("samples", "--jaren: years from 2001 to 2099, at most 10");
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
        default: return bad_option("samples", c, argv);
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

/* ---- dispatch ---------------------------------------------------------------------------------- */

static const command commands[] = {
    {"init", cmd_init, N_("create or migrate the database"), init_usage},
    {"ingest", cmd_ingest, N_("read partner extracts into the database"), ingest_usage},
    {"validate", cmd_validate, N_("check extracts without storing anything"), validate_usage},
    {"deliveries", cmd_deliveries, N_("the delivery ledger; withdraw a wrong delivery"), deliveries_usage},
    {"link", cmd_link, N_("link records into trajectories"), link_usage},
    {"compute", cmd_compute, N_("link, rebuild the trajectory facts and the outcome table"), compute_usage},
    {"status", cmd_status, N_("linkage counts per organisation and type"), status_usage},
    {"spec", cmd_spec, N_("the extract specification, for partners"), spec_usage},
    {"samples", cmd_samples, N_("write synthetic partner extracts"), samples_usage},
    {"indicators", cmd_indicators, N_("the indicator catalogue of the outcome set"), indicators_usage},
    {"export", cmd_export, N_("the suppressed outcome table as JSON or CSV"), export_usage},
    {"overzicht", cmd_overzicht, N_("the headline indicators with targets and status"), overzicht_usage},
    {"report", cmd_report, N_("a PDF report: bestuur (boards), regio (regiovisie), vergelijk (learning track), "
                              "kwaliteit (data)"), report_usage},
    {"vergelijk", cmd_vergelijk, N_("compare sites on a proportion in a funnel plot's limits"), vergelijk_usage},
    {NULL, NULL, NULL, NULL},
};

static void main_usage(FILE *out)
{
    fputs(_("Usage: kansrijk COMMAND [options]\n"
          "\n"
          "kansrijk turns anonymised extracts of the partners of a Kansrijke Start\n"
          "partnership into a regional outcome set.\n"
          "\n"
          "Commands:\n"),
          out);
    for (const command *c = commands; c->name; c++)
        fprintf(out, "  %-11s %s\n", c->name, _(c->summary));
    fputs(_("\nEvery command also takes --lang nl|en: the language of what kansrijk writes on the screen\n"
            "(default Dutch; KANSRIJK_TAAL=en, or a locale whose language is English, gives English).\n"
            "Feedback files for partners are always Dutch.\n"
            "\n'kansrijk COMMAND --help' tells more; 'kansrijk --version' the version.\n"
            "Exit status: 0 success, 1 some rows rejected, 2 refused or failed.\n"),
          out);
}

/* The edit distance of two short words (a typing error in a command's name), at most 9. */
static int edits(const char *a, const char *b)
{
    size_t n = strlen(a), m = strlen(b);
    if (n > 30 || m > 30)
        return 9;
    int d[31][31];
    for (size_t i = 0; i <= n; i++)
        d[i][0] = (int)i;
    for (size_t j = 0; j <= m; j++)
        d[0][j] = (int)j;
    for (size_t i = 1; i <= n; i++)
        for (size_t j = 1; j <= m; j++) {
            int best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            if (d[i - 1][j] + 1 < best)
                best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            d[i][j] = best;
        }
    return d[n][m] > 9 ? 9 : d[n][m];
}

/*
 * The language of the screen: --lang L anywhere before a "--" (taken out of argv, so every command has it), else
 * KANSRIJK_TAAL or the locale (core/i18n.h). 0, or the exit status of a usage error.
 */
static int take_lang(int *argc, char **argv)
{
    const char *bad = NULL;
    kr_lang lang = kr_lang_env(&bad);
    int n = 0, given = 0;
    for (int i = 0; i < *argc; i++) {
        const char *v = NULL;
        if (strcmp(argv[i], "--") == 0) {
            while (i < *argc)
                argv[n++] = argv[i++];
            break;
        }
        if (strcmp(argv[i], "--lang") == 0 && i + 1 < *argc)
            v = argv[++i];
        else if (strncmp(argv[i], "--lang=", 7) == 0)
            v = argv[i] + 7;
        else if (strcmp(argv[i], "--lang") == 0)
            v = "";
        if (!v) {
            argv[n++] = argv[i];
            continue;
        }
        if (kr_lang_parse(v, &lang) != 0 || strlen(v) != 2) {
            kr_lang_set(lang);
            fprintf(stderr, _("kansrijk: --lang is nl (Dutch) or en (English), not '%s'\n"), v);
            return 2;
        }
        given = 1;
    }
    argv[n] = NULL;
    *argc = n;
    kr_lang_set(lang);
    if (bad && !given)
        fprintf(stderr, _("kansrijk: KANSRIJK_TAAL=%s is neither nl nor en; the screen stays Dutch\n"), bad);
    if (lang == KR_NL && !kr_i18n_dir())
        fputs("kansrijk: the Dutch messages (kansrijk.mo) were not found, so this screen is in English: build them "
              "with 'make' or install with 'make install'\n", stderr);
    return 0;
}

int main(int argc, char **argv)
{
    opterr = 0;  /* bad_option words it */
    int bad_lang = take_lang(&argc, argv);
    if (bad_lang)
        return bad_lang;
    eng_set_timing(scr_compute_lap);  /* compute's stages on a terminal; KANSRIJK_TIMING: every step (bench/) */
    if (argc < 2) {
        main_usage(stderr);
        return 2;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
        for (const command *c = commands; argc > 2 && c->name; c++)
            if (strcmp(argv[2], c->name) == 0) {  /* kansrijk help ingest */
                fputs(_(c->usage), stdout);
                return 0;
            }
        main_usage(stdout);
        return 0;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf(_("kansrijk %s (SQLite %s, schema %d)\n"), KR_VERSION, sqlite3_libversion(), KR_SCHEMA_VERSION);
        return 0;
    }
    for (const command *c = commands; c->name; c++)
        if (strcmp(argv[1], c->name) == 0) {
            optind = 0;
            return c->run(argc - 1, argv + 1);
        }
    fprintf(stderr, _("kansrijk: unknown command '%s'\n"), argv[1]);
    const char *near = NULL;
    int best = 3;  /* at most two typing errors away: the nearest command */
    for (const command *c = commands; c->name; c++) {
        int e = edits(argv[1], c->name);
        if (e < best) {
            best = e;
            near = c->name;
        }
    }
    if (near)
        fprintf(stderr, _("Did you mean 'kansrijk %s'?\n"), near);
    else if (argv[1][0] == '-')
        fputs(_("Put the command first, then its options: kansrijk COMMAND [options].\n"), stderr);
    fputs(_("'kansrijk --help' lists the commands.\n"), stderr);
    return 2;
}
