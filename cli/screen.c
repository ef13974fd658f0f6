/*
 * kansrijk - what the command line shows on a terminal while it works (see screen.h).
 */
#include "screen.h"

#include "../core/kr.h"

#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

double scr_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* A count as the screen's language writes it (kr_num: 12.345, 1234). */
static const char *scr_count(long long v, char *buf, size_t cap)
{
    return kr_num((double)v, 0, kr_lang_get(), buf, cap);
}

/* secs with one decimal, the way the screen's language writes it (5,3 or 5.3). */
static const char *decimal(double secs, char *buf, size_t cap) { return kr_num(secs, 1, kr_lang_get(), buf, cap); }

/* The terminal's width in columns (80 when it does not say). */
static size_t columns(void)
{
    struct winsize w;
    if (ioctl(STDERR_FILENO, TIOCGWINSZ, &w) == 0 && w.ws_col >= 20)
        return w.ws_col;
    return 80;
}

/* ---- ingest -------------------------------------------------------------------------------------------------- */

static void clear_line(scr_ingest *s)
{
    if (s->drawn) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
        s->drawn = 0;
    }
}

/* [3/17] file  45 %  ·  123.456 rijen  ·  52.000 rijen/s, cut to the terminal's width */
static void draw(scr_ingest *s, int force)
{
    double now = scr_now();
    if (!force && now - s->drawn_at < 0.1)
        return;
    s->drawn_at = now;
    long long rows = s->rows_before + s->rows_now;
    double secs = now - s->t0;
    char a[32], b[32], line[512], tail[200];
    (void)snprintf(tail, sizeof tail, P_("%s row", "%s rows", rows), scr_count(rows, a, sizeof a));
    int n = snprintf(line, sizeof line, "[%zu/%zu] %s", s->k + 1, s->n, s->file);
    if (s->pct > 0 && n > 0 && (size_t)n < sizeof line)
        n += snprintf(line + n, sizeof line - (size_t)n, kr_lang_get() == KR_EN ? "  %d%%" : "  %d %%", s->pct);
    if (n > 0 && (size_t)n < sizeof line)
        n += snprintf(line + n, sizeof line - (size_t)n, "  ·  %s", tail);
    if (secs >= 1 && n > 0 && (size_t)n < sizeof line) {
        (void)snprintf(tail, sizeof tail, _("%s rows/s"), scr_count((long long)((double)rows / secs), b, sizeof b));
        n += snprintf(line + n, sizeof line - (size_t)n, "  ·  %s", tail);
    }
    /* cut at a character boundary so the line never wraps */
    size_t width = columns() - 1, cols = 0, i = 0;
    while (line[i] && cols < width) {
        i++;
        while (((unsigned char)line[i] & 0xC0) == 0x80)
            i++;
        cols++;
    }
    line[i] = '\0';
    fprintf(stderr, "\r\033[K%s", line);
    fflush(stderr);
    s->drawn = 1;
}

static void on_progress(void *ctx, const char *file, int pct, long rows, int final)
{
    scr_ingest *s = ctx;
    (void)file;
    s->pct = final ? 100 : pct;
    s->rows_now = rows;
    draw(s, final);  /* the end of a file always shows */
}

static void on_file(void *ctx, size_t k, size_t n, const char *path, const etl_file_done *r)
{
    scr_ingest *s = ctx;
    fflush(stdout);  /* the summaries of the files stored so far reach a redirected stdout, even if ingest is stopped */
    if (!r) {
        const char *slash = strrchr(path, '/');
        kr_strlcpy(s->file, slash ? slash + 1 : path, sizeof s->file);
        s->k = k;
        s->n = n;
        s->pct = 0;
        s->rows_now = 0;
        if (s->live)
            draw(s, 1);
        return;
    }
    s->rows_before += r->rows_read;
    s->rows_now = 0;
    if (strcmp(r->outcome, "geweigerd") == 0)
        s->refused++;
    else if (strcmp(r->outcome, "identiek") == 0)
        s->identical++;
    else if (strcmp(r->outcome, "gevalideerd") == 0)
        s->validated++;
    else
        s->stored++;
    if (strcmp(r->outcome, "geweigerd") != 0) {
        s->accepted += r->rows_accepted;
        s->rejected += r->rows_rejected;
    }
    if (s->live) {
        clear_line(s);  /* the file's summary comes where the line was; the next file draws it again */
        fflush(stdout);
    }
}

static void on_notice(void *ctx, const char *msg)
{
    scr_ingest *s = ctx;
    clear_line(s);
    fprintf(stderr, "kansrijk: %s\n", msg);
}

void scr_ingest_begin(scr_ingest *s, etl_options *o, size_t nfiles, int dry, int quiet, int json)
{
    memset(s, 0, sizeof *s);
    s->n = nfiles;
    s->dry = dry;
    s->live = !quiet && !json && isatty(STDERR_FILENO);
    s->totals = !quiet && !json && nfiles > 1 && isatty(STDOUT_FILENO);
    s->t0 = scr_now();
    o->ctx = s;
    o->notice = on_notice;
    o->file = on_file;
    if (s->live)
        o->progress = on_progress;
}

void scr_ingest_end(scr_ingest *s, int exit_code)
{
    char a[32], b[32], t[32];
    clear_line(s);
    if (!s->totals)
        return;
    printf("\n");
    /* labels padded to one column in both languages, the numbers right-aligned under each other */
    printf(P_("Total: %zu file in %s s\n", "Total: %zu files in %s s\n", s->n), s->n,
           decimal(scr_now() - s->t0, t, sizeof t));
    if (s->dry)
        printf(_("  checked             %9ld  (nothing stored)\n"), s->validated);
    else
        printf(_("  stored              %9ld\n"), s->stored);
    printf(_("  refused             %9ld  (nothing of them stored)\n"), s->refused);
    if (!s->dry)
        printf(_("  identical           %9ld  (already there: nothing changed)\n"), s->identical);
    printf(_("  rows accepted       %9s\n"), scr_count(s->accepted, a, sizeof a));
    printf(_("  rows rejected       %9s\n"), scr_count(s->rejected, b, sizeof b));
    if (exit_code == 0)
        fputs(_("Exit status 0: every row accepted (warnings aside).\n"), stdout);
    else if (exit_code == 1)
        fputs(_("Exit status 1: some rows were rejected; the feedback above (and in --terugkoppeling) says which.\n"),
              stdout);
    else
        fputs(_("Exit status 2: at least one file was refused, and nothing of it was stored; the reason is above.\n"),
              stdout);
}

/* ---- compute ------------------------------------------------------------------------------------------------- */

/* The user's stages of compute, each closed by the engine step named last. */
static const struct {
    const char *name, *last;
} stages[] = {
    {N_("linking records"), "linkage"},
    {N_("trajectory facts"), "feit_traject"},
    {N_("data quality"), "quality: table"},  /* the outcome table is counted meanwhile; its laps are told after */
    {N_("counting outcomes"), "kaplan-meier"},
    {N_("suppressing small cells"), "suppression"},
    {N_("writing outcomes"), "quality: rows"},
};
#define NSTAGES (sizeof stages / sizeof stages[0])

static struct {
    int live, timing;
    size_t stage;
    double secs, t0;
} cs;

static void show_running(void)
{
    if (cs.stage < NSTAGES) {
        fprintf(stderr, "\r\033[K  … %s", _(stages[cs.stage].name));
        fflush(stderr);
    }
}

void scr_compute_begin(int quiet)
{
    memset(&cs, 0, sizeof cs);
    cs.timing = getenv("KANSRIJK_TIMING") != NULL;
    cs.live = !quiet && !cs.timing && isatty(STDERR_FILENO);
    cs.t0 = scr_now();
    if (cs.live)
        show_running();
}

void scr_compute_lap(const char *step, double secs)
{
    if (cs.timing)
        fprintf(stderr, "  %-14s %6.2f s\n", step, secs);  /* bench/compute.sh reads these */
    if (!cs.live || cs.stage >= NSTAGES)
        return;
    cs.secs += secs;
    if (strcmp(step, stages[cs.stage].last) != 0)
        return;
    char t[32];
    fprintf(stderr, "\r\033[K  %-28s %6s s\n", _(stages[cs.stage].name), decimal(cs.secs, t, sizeof t));
    cs.stage++;
    cs.secs = 0;
    show_running();
}

void scr_compute_end(void)
{
    if (cs.live && cs.stage < NSTAGES) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
    }
    cs.live = 0;
}
