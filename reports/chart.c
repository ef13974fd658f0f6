/*
 * Charts by gnuplot, run as an external program: each chart's script and data file go
 * into a private temporary folder (0700) that is removed afterwards, also on failure;
 * several gnuplot processes run at once, each within a time limit, with a clean
 * environment (C locale, UTC, no user start-up file). The SVG comes back into memory.
 */
#include "rpt_int.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <librsvg/rsvg.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define CHART_MAX_SVG (16u * 1024u * 1024u)
#define CHART_MAX_SCRIPT (4u * 1024u * 1024u)
#define CHART_MAX_DATA (32u * 1024u * 1024u)

/* The gnuplot on PATH into out, or 0 when there is none. */
static int find_gnuplot(char *out, size_t cap)
{
    const char *path = getenv("PATH");
    if (!path || !*path)
        return 0;
    const char *p = path;
    while (*p) {
        const char *colon = strchr(p, ':');
        size_t n = colon ? (size_t)(colon - p) : strlen(p);
        if (n > 0 && n + 9 < cap) {
            memcpy(out, p, n);
            memcpy(out + n, "/gnuplot", 9);
            if (access(out, X_OK) == 0)
                return 1;
        }
        if (!colon)
            break;
        p = colon + 1;
    }
    return 0;
}

kr_status rpt_charts_open(rpt_charts *c, int en, char *err, size_t cap)
{
    char gp[512];
    memset(c, 0, sizeof *c);
    c->en = en;
    if (!find_gnuplot(gp, sizeof gp)) {
        (void)snprintf(err, cap, "%s",
                       RPT_T(en,
                             "gnuplot is niet gevonden, en kansrijk maakt zijn grafieken daarmee: installeer het "
                             "Debian-pakket gnuplot-nox (apt-get install gnuplot-nox) en probeer het opnieuw",
                             "gnuplot was not found, and kansrijk draws its charts with it: install the Debian "
                             "package gnuplot-nox (apt-get install gnuplot-nox) and try again"));
        return KR_ENOTFOUND;
    }
    const char *tmp = getenv("TMPDIR");
    if (!tmp || !*tmp || strlen(tmp) > 200)
        tmp = "/tmp";
    (void)snprintf(c->dir, sizeof c->dir, "%s/kansrijk-report-XXXXXX", tmp);
    if (!mkdtemp(c->dir)) {
        int e = errno;
        (void)snprintf(err, cap, "%s %s: %s",
                       RPT_T(en, "kan geen tijdelijke map maken in", "cannot make a temporary folder in"),
                       tmp, strerror(e));
        c->dir[0] = '\0';
        return KR_EIO;
    }
    return KR_OK;
}

rpt_chart *rpt_chart_add(rpt_charts *c, const char *name, const char *title, double width, double height)
{
    if (c->n == c->cap) {
        size_t nc = c->cap ? c->cap * 2 : 16;
        rpt_chart **p = realloc(c->items, nc * sizeof *p);
        if (!p)
            return NULL;
        c->items = p;
        c->cap = nc;
    }
    rpt_chart *ch = calloc(1, sizeof *ch);
    if (!ch)
        return NULL;
    kr_strlcpy(ch->name, name, sizeof ch->name);
    kr_strlcpy(ch->title, title ? title : name, sizeof ch->title);
    kr_buf_init(&ch->script, CHART_MAX_SCRIPT);
    kr_buf_init(&ch->data, CHART_MAX_DATA);
    kr_buf_init(&ch->csv, CHART_MAX_DATA);
    ch->width = width;
    ch->height = height;
    c->items[c->n++] = ch;
    return ch;
}

void rpt_gp_string(kr_buf *b, const char *s)
{
    /* a gnuplot string in double quotes: backslash and quote escaped; '@' and '&' are enhanced-text
       control characters, so scripts use noenhanced labels */
    (void)kr_buf_puts(b, "\"");
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            (void)kr_buf_append(b, "\\", 1);
        if (*s == '\n')
            (void)kr_buf_puts(b, "\\n");
        else
            (void)kr_buf_append(b, s, 1);
    }
    (void)kr_buf_puts(b, "\"");
}

void rpt_gp_num(kr_buf *b, double v)
{
    if (isnan(v)) {
        (void)kr_buf_puts(b, "NaN");
        return;
    }
    /* %.10g writes a point whatever the locale: kansrijk never calls setlocale for LC_NUMERIC */
    (void)kr_buf_printf(b, "%.10g", v);
}

static kr_status write_file(const char *path, const char *data, size_t n)
{
    FILE *f = kr_fopen_private(path);
    if (!f)
        return KR_EIO;
    size_t w = n ? fwrite(data, 1, n, f) : 0;
    int bad = w != n;
    if (fclose(f) != 0)
        bad = 1;
    return bad ? KR_EIO : KR_OK;
}

static kr_status read_file(const char *path, char **out, size_t *len, size_t max)
{
    FILE *f = fopen(path, "rb");
    kr_buf b;
    kr_buf_init(&b, max);
    *out = NULL;
    *len = 0;
    if (!f)
        return KR_EIO;
    char chunk[16384];
    size_t n;
    kr_status rc = KR_OK;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        if ((rc = kr_buf_append(&b, chunk, n)) != KR_OK)
            break;
    if (ferror(f))
        rc = KR_EIO;
    fclose(f);
    if (rc != KR_OK || !b.data) {
        kr_buf_fini(&b);
        return rc != KR_OK ? rc : KR_EIO;
    }
    *out = b.data;
    *len = b.len;
    return KR_OK;
}

/* Write a chart's script and data file; the script's path into script_path. */
static kr_status prepare(const rpt_charts *c, const rpt_chart *ch, char *script_path, size_t cap)
{
    char path[512];
    kr_buf s;
    kr_status rc;
    kr_buf_init(&s, CHART_MAX_SCRIPT + 4096);
    (void)snprintf(path, sizeof path, "%s/%s.dat", c->dir, ch->name);
    if ((rc = write_file(path, ch->data.data ? ch->data.data : "", ch->data.len)) != KR_OK)
        goto cleanup;
    /* one pixel of gnuplot's SVG is one point on the page */
    (void)kr_buf_printf(&s,
                        "set encoding utf8\n"
                        "set terminal svg size %.0f,%.0f font \"DejaVu Sans,9\" fontscale 1.0 rounded "
                        "background rgb \"#ffffff\"\n"
                        "set output \"%s/%s.svg\"\n"
                        "DATA = \"%s\"\n"
                        "set datafile separator \"\\t\"\n"

                        "set border lw 0.6 lc rgb \"#555555\"\n"
                        "set tics textcolor rgb \"#333333\" nomirror out scale 0.5\n"
                        "set key noenhanced\n",
                        ch->width, ch->height, c->dir, ch->name, path);
    if ((rc = kr_buf_append(&s, ch->script.data ? ch->script.data : "", ch->script.len)) != KR_OK)
        goto cleanup;
    (void)kr_buf_puts(&s, "\nunset output\n");
    (void)snprintf(script_path, cap, "%s/%s.gp", c->dir, ch->name);
    rc = write_file(script_path, s.data, s.len);
cleanup:
    kr_buf_fini(&s);
    return rc;
}

/* Start gnuplot on script with a clean environment; stdout and stderr to log. -1 on failure. */
static pid_t start(const rpt_charts *c, const char *script, const char *log)
{
    char gp[512], env_path[1100], env_home[300];
    if (!find_gnuplot(gp, sizeof gp))
        return -1;
    (void)snprintf(env_path, sizeof env_path, "PATH=%s", getenv("PATH") ? getenv("PATH") : "/usr/bin:/bin");
    (void)snprintf(env_home, sizeof env_home, "HOME=%s", c->dir);
    pid_t pid = fork();
    if (pid != 0)
        return pid;
    /* the child: only async-signal-safe calls from here; gnuplot gets the signals the report holds back */
    sigset_t none;
    sigemptyset(&none);
    (void)sigprocmask(SIG_SETMASK, &none, NULL);
    int in = open("/dev/null", O_RDONLY);
    int out = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (in < 0 || out < 0)
        _exit(127);
    dup2(in, 0);
    dup2(out, 1);
    dup2(out, 2);
    char *const argv[] = {gp, (char *)script, NULL};
    char *const envp[] = {env_path, env_home, (char *)"LC_ALL=C", (char *)"TZ=UTC", NULL};
    execve(gp, argv, envp);
    _exit(127);
}

static int timeout_seconds(void)
{
    const char *s = getenv("KANSRIJK_GNUPLOT_TIMEOUT");
    if (s && *s) {
        char *end;
        long v = strtol(s, &end, 10);
        if (*end == '\0' && v > 0 && v <= 3600)
            return (int)v;
    }
    return 60;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The first line of a gnuplot log, for the error message. */
static void log_line(const char *log, char *out, size_t cap)
{
    char *text = NULL;
    size_t n = 0;
    out[0] = '\0';
    if (read_file(log, &text, &n, 65536) != KR_OK)
        return;
    /* gnuplot writes the script line, a caret and then the message: take the last non-empty line */
    char *last = NULL;
    for (char *line = text; line && *line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        if (line[strspn(line, " \t^")] != '\0')
            last = line;
        line = nl ? nl + 1 : NULL;
    }
    if (last)
        kr_strlcpy(out, last + strspn(last, " \t"), cap);
    free(text);
}

kr_status rpt_charts_run(rpt_charts *c, char *err, size_t cap)
{
    enum { JOBS = 4 };
    struct job {
        pid_t pid;
        size_t chart;
        double deadline;
    } jobs[JOBS];
    size_t running = 0, next = 0;
    kr_status rc = KR_OK;
    const int limit = timeout_seconds();
    char script[600], log[600];
    while ((next < c->n || running > 0)) {
        /* start while there is room and no failure */
        while (rc == KR_OK && running < JOBS && next < c->n) {
            size_t i = next++;
            rpt_chart *ch = c->items[i];
            if (ch->svg)
                continue;
            if ((rc = prepare(c, ch, script, sizeof script)) != KR_OK) {
                (void)snprintf(err, cap, "%s %s",
                               RPT_T(c->en, "kan het grafiekscript niet schrijven:", "cannot write the chart script:"),
                               ch->name);
                break;
            }
            (void)snprintf(log, sizeof log, "%s/%s.log", c->dir, ch->name);
            pid_t pid = start(c, script, log);
            if (pid < 0) {
                rc = KR_EIO;
                (void)snprintf(err, cap, "%s",
                               RPT_T(c->en, "gnuplot kon niet worden gestart", "gnuplot could not be started"));
                break;
            }
            jobs[running++] = (struct job){pid, i, now_s() + limit};
        }
        if (running == 0)
            break;
        /* reap what finished; kill what ran out of time */
        int reaped = 0;
        for (size_t j = 0; j < running;) {
            int status = 0;
            pid_t w = waitpid(jobs[j].pid, &status, WNOHANG);
            int timed_out = 0;
            if (w == 0 && now_s() > jobs[j].deadline) {
                kill(jobs[j].pid, SIGKILL);
                (void)waitpid(jobs[j].pid, &status, 0);
                timed_out = 1;
                w = jobs[j].pid;
            }
            if (w == 0) {
                j++;
                continue;
            }
            reaped = 1;
            rpt_chart *ch = c->items[jobs[j].chart];
            char svgpath[600];
            (void)snprintf(svgpath, sizeof svgpath, "%s/%s.svg", c->dir, ch->name);
            if (rc == KR_OK) {
                if (timed_out) {
                    rc = KR_EIO;
                    (void)snprintf(err, cap,
                                   RPT_T(c->en, "gnuplot maakte de grafiek %s niet binnen %d seconden "
                                                "(KANSRIJK_GNUPLOT_TIMEOUT)",
                                         "gnuplot did not finish the chart %s within %d seconds "
                                         "(KANSRIJK_GNUPLOT_TIMEOUT)"),
                                   ch->name, limit);
                } else if (w < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0 ||
                           read_file(svgpath, &ch->svg, &ch->svg_len, CHART_MAX_SVG) != KR_OK) {
                    char line[300];
                    (void)snprintf(log, sizeof log, "%s/%s.log", c->dir, ch->name);
                    log_line(log, line, sizeof line);
                    rc = KR_EIO;
                    (void)snprintf(err, cap, "%s %s: %s",
                                   RPT_T(c->en, "gnuplot kon de grafiek niet maken:",
                                         "gnuplot could not make the chart"),
                                   ch->name, line[0] ? line : RPT_T(c->en, "geen melding", "no message"));
                }
            }
            if (rc != KR_OK)
                ch->failed = 1;
            jobs[j] = jobs[--running];
        }
        if (!reaped) {
            struct timespec ts = {0, 5 * 1000 * 1000};
            nanosleep(&ts, NULL);
        }
        if (rc != KR_OK && running == 0)
            break;
    }
    return rc;
}

/* The PNG of an SVG at 2x (144 dpi), for slides. */
static kr_status write_png(const rpt_chart *ch, const char *path)
{
    kr_status rc = KR_EIO;
    GError *gerr = NULL;
    RsvgHandle *h = rsvg_handle_new_from_data((const guint8 *)ch->svg, ch->svg_len, &gerr);
    cairo_surface_t *s = NULL;
    cairo_t *cr = NULL;
    if (!h)
        goto cleanup;
    s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, (int)ceil(ch->width * 2), (int)ceil(ch->height * 2));
    cr = cairo_create(s);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    RsvgRectangle vp = {0, 0, ch->width * 2, ch->height * 2};
    if (!rsvg_handle_render_document(h, cr, &vp, &gerr))
        goto cleanup;
    cairo_surface_flush(s);
    if (cairo_surface_write_to_png(s, path) != CAIRO_STATUS_SUCCESS)
        goto cleanup;
    (void)chmod(path, 0600);
    rc = KR_OK;
cleanup:
    if (gerr)
        g_error_free(gerr);
    if (cr)
        cairo_destroy(cr);
    if (s)
        cairo_surface_destroy(s);
    if (h)
        g_object_unref(h);
    return rc;
}

kr_status rpt_charts_export(const rpt_charts *c, const char *dir, char *err, size_t cap)
{
    if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
        int e = errno;
        (void)snprintf(err, cap, "%s %s: %s", RPT_T(c->en, "kan de map niet maken:", "cannot make the folder"), dir,
                       strerror(e));
        return KR_EIO;
    }
    for (size_t i = 0; i < c->n; i++) {
        const rpt_chart *ch = c->items[i];
        char path[1024];
        if (!ch->svg)
            continue;
        (void)snprintf(path, sizeof path, "%s/%s.svg", dir, ch->name);
        kr_status rc = write_file(path, ch->svg, ch->svg_len);
        if (rc == KR_OK) {
            (void)snprintf(path, sizeof path, "%s/%s.csv", dir, ch->name);
            rc = write_file(path, ch->csv.data ? ch->csv.data : "", ch->csv.len);
        }
        if (rc == KR_OK) {
            (void)snprintf(path, sizeof path, "%s/%s.png", dir, ch->name);
            rc = write_png(ch, path);
        }
        if (rc != KR_OK) {
            int e = errno;
            (void)snprintf(err, cap, "%s %s (%s)", RPT_T(c->en, "kan niet schrijven:", "cannot write"), path,
                           strerror(e));
            return rc;
        }
    }
    return KR_OK;
}

void rpt_charts_close(rpt_charts *c)
{
    if (!c)
        return;
    if (c->dir[0]) {
        DIR *dh = opendir(c->dir);
        if (dh) {
            struct dirent *e;
            char path[600];
            while ((e = readdir(dh)) != NULL) {
                if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                    continue;
                (void)snprintf(path, sizeof path, "%s/%s", c->dir, e->d_name);
                (void)unlink(path);
            }
            closedir(dh);
        }
        (void)rmdir(c->dir);
    }
    for (size_t i = 0; i < c->n; i++) {
        rpt_chart *ch = c->items[i];
        kr_buf_fini(&ch->script);
        kr_buf_fini(&ch->data);
        kr_buf_fini(&ch->csv);
        free(ch->svg);
        free(ch);
    }
    free(c->items);
    memset(c, 0, sizeof *c);
}

static const struct {
    const char *hex;
    double r, g, b;
} palette[] = {
    [RPT_BLACK] = {"#000000", 0, 0, 0},
    [RPT_ORANGE] = {"#E69F00", 0.902, 0.624, 0},
    [RPT_SKY] = {"#56B4E9", 0.337, 0.706, 0.914},
    [RPT_GREEN] = {"#009E73", 0, 0.620, 0.451},
    [RPT_YELLOW] = {"#F0E442", 0.941, 0.894, 0.259},
    [RPT_BLUE] = {"#0072B2", 0, 0.447, 0.698},
    [RPT_VERMILION] = {"#D55E00", 0.835, 0.369, 0},
    [RPT_PURPLE] = {"#CC79A7", 0.8, 0.475, 0.655},
    [RPT_GREY] = {"#999999", 0.6, 0.6, 0.6},
};

const char *rpt_colour_hex(int c)
{
    return palette[c].hex;
}

void rpt_colour_set(cairo_t *cr, int c, double alpha)
{
    cairo_set_source_rgba(cr, palette[c].r, palette[c].g, palette[c].b, alpha);
}
