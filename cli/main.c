/*
 * The kansrijk command line: a table of subcommands, each with its options
 * and --help. Diagnostics go to stderr, results to stdout. Exit codes:
 * 0 success (warnings included), 1 done but rows were rejected, 2 refused.
 */
#include "../core/kr.h"
#include "../etl/etl.h"
#include "../engine/engine.h"
#include "cli_int.h"
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

/* The edit distance of two short words (a typing error in a command's or an option's name), at most 9. */
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
 * getopt's '?' (an unknown option) or ':' (an option without its value): named in the screen's language, and for an
 * unknown long option the nearest of opts when it is at most two typing errors away.
 */
int bad_option(const char *cmd, int c, char **argv, const struct option *opts)
{
    const char *opt = optind > 0 ? argv[optind - 1] : "";
    fprintf(stderr, "kansrijk %s: ", cmd);
    if (c == ':')
        fprintf(stderr, _("option '%s' needs a value\n"), opt);
    else
        fprintf(stderr, _("unknown option '%s'\n"), opt);
    if (c != ':' && strncmp(opt, "--", 2) == 0 && opts) {
        char name[40];
        size_t n = strcspn(opt + 2, "=");
        const char *near = NULL;
        int best = 3;
        if (n < sizeof name) {
            memcpy(name, opt + 2, n);
            name[n] = '\0';
            for (const struct option *o = opts; o->name; o++) {
                int e = edits(name, o->name);
                if (e < best && e < (int)n) {
                    best = e;
                    near = o->name;
                }
            }
        }
        if (near)
            fprintf(stderr, _("Did you mean '--%s'?\n"), near);
    }
    fprintf(stderr, _("Try 'kansrijk %s --help'.\n"), cmd);
    return 2;
}

int usage_error(const char *cmd, const char *msg)
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
    kr_date today = kr_date_today();
    if (future || today == KR_NO_DATE || peil <= today)
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
int open_db(const char *path, int mode, sqlite3 **db)
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
            return bad_option("init", c, argv, opts);
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
    "  --opnieuw            re-activate a file identical to a replaced or withdrawn delivery,\n"
    "                       or store one identical to a delivery of another period or organisation\n"
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
    "Usage: kansrijk validate [options] FILE...\n"
    "\n"
    "Check files exactly as ingest would, and store nothing. With a database (--db, or\n"
    "kansrijk.db in this folder when there is one) the checks of the registers and the\n"
    "ledger are made too (a short correction, an old or a misnamed file is refused as\n"
    "ingest would); without one the organisation, municipality and reference checks are\n"
    "skipped, with a warning. Exit status as for ingest.\n"
    "\n"
    "The options are ingest's ('kansrijk ingest --help'): --db, --type, --organisatie,\n"
    "--periode, --max-afgewezen, --json and --stil. --accept-partial, --opnieuw, --vervang\n"
    "and --terugkoppeling belong to ingest: they decide what is stored.\n");

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

/* The unit of an indicator of the catalogue, for the ETL's checks of doelen and referenties. */
static const char *indicator_unit(const char *id)
{
    const eng_indicator *d = eng_indicator_find(id);
    return d ? d->unit : NULL;
}

/* After a file named that cannot be read: the others were not read either (all or none, so that a second run with
 * the command put right reads each file once). Returns the exit status, 2. */
static int nothing_done(int dry)
{
    fputs(dry ? _("kansrijk validate: nothing was checked; name only files that can be read, and run it again\n")
              : _("kansrijk ingest: nothing was read in; name only files that can be read, and run it again\n"),
          stderr);
    return 2;
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
    o.indicator_unit = indicator_unit;
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
            size_t n = strlen(optarg);
            while (n && (optarg[n - 1] == '%' || optarg[n - 1] == ' '))  /* 20% or "20 %", as people write it */
                n--;
            if (kr_parse_number(optarg, n, &pct) != KR_OK || pct < 0 || pct > 100)
                return usage_error(cmd, "--max-afgewezen takes a percentage from 0 to 100");
            o.max_rejected = pct / 100.0;
            break;
        }
        case 'h': fputs(_(dry ? validate_usage : ingest_usage), stdout); return 0;
        default: return bad_option(cmd, c, argv, opts);
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
            size_t n = strlen(argv[i]);
            while (n > 1 && argv[i][n - 1] == '/')  /* a folder named with its slash: one slash before the star */
                n--;
            fprintf(stderr, _("kansrijk %s: %s is a folder, not a file; did you mean %.*s/*.csv?\n"), cmd, argv[i],
                    (int)n, argv[i]);
            return nothing_done(dry);
        }
        if (access(argv[i], R_OK) != 0) {
            char to[4096];
            int e = errno;
            if (etl_dangling_link(argv[i], to, sizeof to))
                fprintf(stderr, _("kansrijk %s: %s is a symbolic link to %s, which does not exist\n"), cmd, argv[i],
                        to);
            else if (e == ENOENT && strpbrk(argv[i], "*?[") != NULL)  /* the shell passed a pattern on */
                fprintf(stderr, _("kansrijk %s: no file matches %s\n"), cmd, argv[i]);
            else
                fprintf(stderr, _("kansrijk %s: %s: cannot read the file: %s\n"), cmd, argv[i], strerror(e));
            return nothing_done(dry);
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
            char word[4096];
            fprintf(stderr, _("kansrijk validate: %s: there is no database here; run 'kansrijk init --db %s' first (or "
                    "leave out --db to validate without the registry checks)\n"), db_path,
                    kr_shell_word(db_path, word, sizeof word));
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
        default: return bad_option("deliveries", c, argv, opts);
        }
    }
    if (optind < argc)
        return usage_error("deliveries", "unexpected argument");
    if (withdraw && json)
        return usage_error("deliveries", "--json lists the ledger; it does not go with --intrekken");
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
        if (st == KR_OK) {
            char dbarg[4200];
            printf(_("run 'kansrijk compute%s' to take it out of the figures\n"), kr_db_arg(db, dbarg, sizeof dbarg));
        }
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
        default: return bad_option("link", c, argv, opts);
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
    kr_status st = etl_link(db, has_peil, peil, NULL, NULL, &ls, msg, sizeof msg);
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
        default: return bad_option("status", c, argv, opts);
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
        default: return bad_option("spec", c, argv, opts);
        }
    }
    if (optind < argc)
        return usage_error("spec", "unexpected argument");
    kr_status st = etl_spec_print(stdout, type, format);
    if (st == KR_ENOTFOUND)
        return usage_error("spec", "--type names no extract type: choose zwangerschap, screening, zorgepisode, "
                                   "overdracht, mdo, bevalling or jgz_contact, or a reference list (regios, sites, "
                                   "gemeenten, organisaties, afspraken, doelen, referenties)");
    if (st != KR_OK)
        return usage_error("spec", "--format is md or tableschema");
    return 0;
}

/* ---- compute ---------------------------------------------------------------------------------------- */

static const char compute_usage[] = N_(
    "Usage: kansrijk compute [--db FILE] [--peildatum DATE] [--toekomst] [--basis YEAR] [--min-cel N] [--stil]\n"
    "\n"
    "Link the records of all active deliveries into trajectories, rebuild the\n"
    "trajectory facts (table feit_traject) and the whole regional outcome set (tables\n"
    "uitkomst and uitkomst_curve) as of the peildatum, suppressed,\n"
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
    "On a terminal, each stage (linking, facts, data quality, counting, suppressing, writing)\n"
    "shows its time as it ends.\n");

/* What compute's linkage visitor needs: where the records that count go, and the read to wait for. */
typedef struct compute_link {
    kr_links *links;
    eng_prefetch *prefetch;
} compute_link;

/* Keep the records that count; when every record is told, wait for the read beside linkage before linkage
 * writes (in a rollback journal a writer waits for every reader). */
static kr_status collect_and_wait(void *ctx, const etl_link_rec *rec)
{
    compute_link *c = ctx;
    if (!rec) {
        eng_prefetch_wait(c->prefetch);
        return KR_OK;
    }
    return etl_link_collect(c->links, rec);
}

/* The trajectories linkage held back, written while the outcome table is counted (eng_options.beside). */
static kr_status write_later(void *ctx, sqlite3 *db, char *err, size_t errcap)
{
    return etl_later_write(db, ctx, err, errcap);
}

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
                return usage_error("compute", "--basis takes a year from 2000 to 2099, e.g. --basis 2023");
            basis = (int)v;
            break;
        }
        case 'q': quiet = 1; break;
        case 'T': future = 1; break;
        case 'h': fputs(_(compute_usage), stdout); return 0;
        default: return bad_option("compute", c, argv, opts);
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
    compute_link cl = {NULL, NULL};  /* linkage's answer, handed to the facts in memory, and the read beside it */
    kr_links links;
    etl_later *later = NULL;  /* the trajectories linkage holds back */
    memset(&links, 0, sizeof links);
    cl.links = &links;
    long long facts = 0, outcome_rows = 0;
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
    } else {
        /* a peildatum after the last period delivered: what happened since is not in the extracts, so the latest
         * figures come out too low and no longer provisional; allowed (a date may be meant), but said */
        kr_date last = KR_NO_DATE;
        kr_period q;
        kr_period_of(peil, 0, &q);
        if (peil != q.last) {
            /* every table published is held against the later ones (docs/privacy.md, 5.8): close ones hide more */
            char a[11];
            kr_date_format(peil, a);
            fprintf(stderr,
                    _("kansrijk compute: note: --peildatum %s is not the end of a quarter; a table exported or "
                      "reported for it is held against every later one (docs/privacy.md, 5.8), so tables a few days "
                      "apart hide more: publish one table per quarter\n"),
                    a);
        }
        if (eng_default_peildatum(db, &last) == KR_OK && peil > last) {
            char a[11], b[11];
            kr_date_format(peil, a);
            kr_date_format(last, b);
            fprintf(stderr, _("kansrijk compute: note: --peildatum %s lies after the end of the last period "
                              "delivered (%s): what happened since is not in the extracts yet, so the latest figures "
                              "come out too low and are no longer marked provisional; leave out --peildatum (or give "
                              "%s) unless you mean it\n"),
                    a, b, b);
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
    /* the rows the facts need are read on a thread of their own while linkage reads them too */
    if (eng_prefetch_start(db, &cl.prefetch) != KR_OK) {
        fprintf(stderr, _("kansrijk compute: %s; nothing changed\n"), kr_strerror(KR_ENOMEM));
        (void)sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
        goto cleanup;
    }
    eng_options eo = {peil, min_cell, basis, &links, cl.prefetch, write_later, NULL};
    kr_status st = KR_OK;
    char msg[512] = "";
    scr_compute_begin(quiet);
    double t0 = scr_now();
    /* the trajectories go to the facts in memory, and to table traject while the outcome table is counted */
    st = etl_link_later(db, peil, collect_and_wait, &cl, &ls, &later, msg, sizeof msg);
    if (st == KR_OK)
        st = etl_later_hand(later, &links);
    eo.beside_ctx = later;
    scr_compute_lap("linkage", scr_now() - t0);
    if (st != KR_OK || (st = eng_compute(db, &eo, &facts, &outcome_rows, msg, sizeof msg)) != KR_OK ||
        (st = etl_later_written(later) ? KR_OK : KR_EINVAL) != KR_OK ||  /* never a commit without them */
        (st = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK ? KR_OK : KR_EDB) != KR_OK) {
        scr_compute_end();
        if (st == KR_EDB && !msg[0])  /* before the ROLLBACK, which clears the cause */
            (void)kr_db_problem(db, why, sizeof why);
        eng_prefetch_wait(cl.prefetch);  /* its read ends before the ROLLBACK */
        /* what linkage or the engine said went wrong (the engine words its own limits), else the status */
        fprintf(stderr, _("kansrijk compute: %s; nothing changed\n"),
                msg[0] ? msg : st == KR_EDB ? why : kr_strerror(st));
        (void)sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
        goto cleanup;
    }
    scr_compute_end();
    printf(_("peildatum %s: %lld records linked, %lld unlinked; %lld trajectories; %lld outcome rows\n"), peil_text,
           ls.linked, ls.unlinked, facts, outcome_rows);
    rc = 0;
cleanup:
    eng_prefetch_free(cl.prefetch);
    kr_links_fini(&links);
    etl_later_free(later);
    if (bulk && etl_link_bulk_end(db, why, sizeof why) != KR_OK)
        fprintf(stderr, "kansrijk: %s\n", why);
    kr_db_close(db);
    return rc;
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
