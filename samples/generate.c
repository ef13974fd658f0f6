/*
 * `kansrijk samples`: synthetic pregnancies, births and follow-up to two years,
 * written as the partners' quarterly extracts with the patterns and the dirt of
 * SAMPLES.md. Each pregnancy's story is a pure function of (seed, region,
 * index), so the generator streams: it walks the quarters and, for each,
 * re-tells only the stories that have records in it. Output is the same bytes
 * for the same arguments. This file runs the quarters and writes the folders, the
 * reference data, the refused files and the README; story.c tells, rows.c writes.
 */
#include "samples_int.h"
#include "../etl/etl.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void smp_fail(smp_gen *G, const char *what, const char *path)
{
    if (G->err == KR_OK) {
        G->err = KR_EIO;
        (void)snprintf(G->msg, G->msgcap, "%s %s: %s", _(what), path, strerror(errno));
    }
}

/* ---- files, folders, quarters ------------------------------------------------------------------------------------ */

static int copy_file(const char *from, const char *to)
{
    FILE *a = fopen(from, "rb"), *b = a ? fopen(to, "wb") : NULL;
    char buf[1 << 15];
    size_t n;
    int rc = 0;
    if (!a || !b)
        rc = -1;
    while (rc == 0 && (n = fread(buf, 1, sizeof buf, a)) > 0)
        if (fwrite(buf, 1, n, b) != n)
            rc = -1;
    if (a)
        fclose(a);
    if (b && fclose(b) != 0)
        rc = -1;
    return rc;
}

static void close_quarter(smp_gen *G)
{
    char path[1200], copy[1200];
    smp_open_agreed(G);
    for (int org = 0; org < G->w.norgs; org++)
        for (int t = 0; t < SMP_NTYPES; t++) {
            smp_outfile *o = &G->files[org][t];
            if (!o->f)
                continue;
            if (o->d->remarks && smp_chance(&o->r, 0.3)) {  /* Excel's trailer of empty rows */
                for (int k = 0; k < 2; k++) {
                    for (size_t c = 0; c < G->ncols[t]; c++)
                        fputc(o->d->delim, o->f);
                    fputs("\r\n", o->f);
                }
            }
            if (ferror(o->f) | fclose(o->f))
                smp_fail(G, "cannot write", o->rel);
            o->f = NULL;
            if (org == G->resend_org && t == SMP_ZW && strcmp(G->q.label, G->resend_q) == 0) {
                /* the same file sent twice */
                (void)snprintf(path, sizeof path, "%s/%s", G->dir, o->rel);
                (void)snprintf(copy, sizeof copy, "%s/herzonden/%s", G->dir, o->rel);
                if (copy_file(path, copy) != 0)
                    smp_fail(G, "cannot copy to", copy);
                fprintf(G->manifest, "herzonden/%s;;;identical\n", o->rel);
                G->sum.files++;
            }
        }
    if (G->twin.f) {
        if (ferror(G->twin.f) | fclose(G->twin.f))
            smp_fail(G, "cannot write", G->twin.rel);
        G->twin.f = NULL;
    }
}

static int make_dir(smp_gen *G, const char *sub)
{
    char path[1200];
    (void)snprintf(path, sizeof path, "%s%s%s", G->dir, *sub ? "/" : "", sub);
    if (mkdir(path, 0755) != 0 && errno != EEXIST) {
        smp_fail(G, "cannot create the folder", path);
        return -1;
    }
    return 0;
}

static void write_text(smp_gen *G, const char *rel, const char *text, size_t n)
{
    char path[1200];
    (void)snprintf(path, sizeof path, "%s/%s", G->dir, rel);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(text, 1, n, f) != n || fclose(f) != 0)
        smp_fail(G, "cannot write", path);
}

/* Files that must be refused whole. */
static void write_bad(smp_gen *G)
{
    const smp_world *w = &G->w;
    int region = 0;  /* the first selected region (smp_generate checked there is one) */
    while (region + 1 < w->nregions && !G->selected[region])
        region++;
    const smp_region *reg = &w->regions[region];
    const smp_site *site = &w->sites[reg->sites[0]];
    const char *vp = w->orgs[site->vps[0]].code, *vp2 = w->orgs[site->vps[site->nvps - 1]].code;
    const char *zh = w->orgs[site->hospital].code, *jgz = w->orgs[reg->jgz].code;
    char name[160], text[2048], p[65];
    smp_rng r;
    smp_rng_seed(&r, G->o->seed ^ 0xBAD0ull);
    smp_story s;
    memset(&s, 0, sizeof s);
    s.region = region;
    size_t k = 0;
    /* 1. a BSN column: 9-digit numbers that pass the elfproef */
    (void)snprintf(name, sizeof name, "bad/zwangerschap_%s_%s.csv", vp, G->q.label);
    k = (size_t)snprintf(text, sizeof text,
                         "client_pseudoniem;bsn;a_terme_datum;gemeentecode;leeftijdsklasse;intake_datum;lijn_intake\n");
    for (int i = 0; i < 4; i++) {
        int d[9], sum = 0;
        do {
            sum = 0;
            for (int j = 0; j < 8; j++) {
                d[j] = smp_between(&r, j == 0 ? 1 : 0, 9);
                sum += (9 - j) * d[j];
            }
            d[8] = sum % 11;
        } while (d[8] == 10);
        s.client = 900000 + i;
        smp_pseudonym(G, &s, p);
        k += (size_t)snprintf(text + k, sizeof text - k, "%s;%d%d%d%d%d%d%d%d%d;15-09-%d;%s;25-29;10-03-%d;1\n", p,
                              d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], G->o->year_to,
                              reg->gms[0].code, G->o->year_to);
    }
    write_text(G, name, text, k);
    fprintf(G->manifest, "%s;;;identifier-column\n", name);
    /* 2. names and postcodes */
    (void)snprintf(name, sizeof name, "bad/screening_%s_%s.csv", vp2, G->q.label);
    k = (size_t)snprintf(text, sizeof text,
                         "client_pseudoniem;naam;postcode;a_terme_datum;screening_datum;instrument;route\n");
    static const char *const names[] = {"J. Jansen", "M. de Vries", "A. Bakker"};
    static const char *const pcs[] = {"6211 AB", "6411CD", "6131 EF"};
    for (int i = 0; i < 3; i++) {
        s.client = 900100 + i;
        smp_pseudonym(G, &s, p);
        k += (size_t)snprintf(text + k, sizeof text - k, "%s;%s;%s;15-09-%d;10-03-%d;anna;1\n", p, names[i], pcs[i],
                              G->o->year_to, G->o->year_to);
    }
    write_text(G, name, text, k);
    fprintf(G->manifest, "%s;;;identifier-column\n", name);
    /* 3. not a CSV at all: an Excel workbook saved by mistake */
    (void)snprintf(name, sizeof name, "bad/jgz_contact_%s_%s.csv", jgz, G->q.label);
    static const char xlsx[] = "PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml\x00\x00\xff\xfe";
    write_text(G, name, xlsx, sizeof xlsx - 1);
    fprintf(G->manifest, "%s;;;not-csv\n", name);
    /* 4. a required column missing */
    (void)snprintf(name, sizeof name, "bad/bevalling_%s_%s.csv", zh, G->q.label);
    s.client = 900200;
    smp_pseudonym(G, &s, p);
    k = (size_t)snprintf(text, sizeof text,
                         "client_pseudoniem;a_terme_datum;geboortedatum;amenorroeduur_geboorte;lijn_begin_baring\n"
                         "%s;15-03-%d;12-03-%d;39+4;2\n",
                         p, G->o->year_to, G->o->year_to);
    write_text(G, name, text, k);
    fprintf(G->manifest, "%s;;;missing-column\n", name);
    G->sum.files += 4;
}

static void write_readme(smp_gen *G)
{
    char path[1200];
    const smp_world *w = &G->w;
    (void)snprintf(path, sizeof path, "%s/README", G->dir);
    FILE *f = fopen(path, "w");
    if (!f) {
        smp_fail(G, "cannot write", path);
        return;
    }
    /* in the screen's language (Dutch unless English is asked for), like every text kansrijk writes for people */
    fputs(_("Synthetic data made by `kansrijk samples`: no real clients.\n\n"), f);
    fprintf(f, _("Arguments: --regio %s --jaren %d-%d --schaal %g --seed %llu\n"), G->o->regions, G->o->year_from,
            G->o->year_to, G->o->scale, (unsigned long long)G->o->seed);
    fputs(_("The same arguments (and the same language) give the same bytes.\n\n"), f);
    fprintf(f, _("Pregnancies: %lld; extract files: %lld; data rows: %lld; rows spoiled on purpose: %lld\n\n"),
            G->sum.pregnancies, G->sum.files, G->sum.rows, G->sum.spoiled);
    fputs(_("What is here\n"
            "- <type>.csv: the reference data (regios, sites, gemeenten, organisaties, afspraken, doelen,\n"
            "  referenties); every organisation is fictional and registered as synthetisch = ja.\n"
            "- <type>_<organisatie>_<periode>.csv: one file per organisation, extract type and quarter.\n"
            "- herzonden/: a file sent twice, unchanged (recognised, nothing changes).\n"
            "- correcties/: a corrected re-delivery of one file (replaces the earlier delivery).\n"
            "- laat/: a delivery that arrives late, after later quarters.\n"
            "- bad/: files that must be refused whole (a BSN column, names and postcodes, not a CSV,\n"
            "  a required column missing).\n"
            "- manifest.txt: every row spoiled on purpose (file, line, column, the reason the ETL must\n"
            "  give) and every file with an expected outcome other than 'accepted'.\n\n"),
          f);
    fputs(_("Ingest in this order:\n"
            "  kansrijk ingest *.csv; kansrijk ingest herzonden/*.csv correcties/*.csv laat/*.csv;\n"
            "  kansrijk ingest bad/*.csv\n\n"),
          f);
    fputs(_("Dialects per organisation\n"), f);
    for (int i = 0; i < w->norgs; i++)
        if (G->selected[w->orgs[i].region])
            fprintf(f, "- %-10s %s\n", w->orgs[i].code, _(smp_org_dialect(i)->name));
    /* xgettext:no-c-format */
    fputs(_("\nPatterns\n"
            "- Routes per region (samples/README.md in kansrijk): zl 70/22/8, zhz 80/12/8, utrecht 78/16/6 %;\n"
            "  about 15 % of the women in route 1 at signalling escalate at a later screening; screening\n"
            "  coverage rises from about 80 % to 95 % over the years.\n"
            "- The 1st-line share at the start of labour for routes 2 and 3 rises over the years, and\n"
            "  psychosocial-only hospital episodes fall; handovers to JGZ get faster (median ~12 -> ~7 days).\n"
            "- Outlier site: SITE-UT-OOST hands over to JGZ warmly only about half the time (others ~87 %).\n"
            "- Slow site: SITE-ZHZ-WAARD discusses route-3 cases in the MDO 2-4 weeks later.\n"
            "- Perinatal outcomes at Dutch rates: preterm ~7 % (x1.7 in route 3), twins ~1.5 % of births,\n"
            "  stillbirth ~4 per 1000, neonatal death ~3 per 1000.\n"
            "- JGZ follow-up to 24 months: attendance ~95 % in route 1 and 80-85 % in route 3, falling with\n"
            "  age; ~5 % a year move away; some families lost without notice.\n"),
          f);
    fprintf(f,
            _("\nDeliveries out of the ordinary\n- missing: %s %s (no files at all)\n"
              "- late: jgz_contact %s %s (in laat/)\n"
              "- corrected: screening %s %s (correcties/)\n- sent twice: zwangerschap %s %s (herzonden/)\n"),
            w->orgs[G->missing_org].code, G->missing_q, w->orgs[G->late_org].code, G->late_q,
            w->orgs[G->corr_org].code, G->corr_q, w->orgs[G->resend_org].code, G->resend_q);
    if (fclose(f) != 0)
        smp_fail(G, "cannot write", path);
}

/* ---- the whole run ----------------------------------------------------------------------------------------------- */

void smp_options_init(smp_options *o)
{
    memset(o, 0, sizeof *o);
    o->regions = "zl,zhz,utrecht";
    o->year_from = 2023;
    o->year_to = 2025;
    o->scale = 0.1;
    o->seed = 1;
}

/* The regions of --regio into G->selected; KR_EUSAGE with msg when one is unknown or none is named. */
static kr_status select_regions(smp_gen *G, char *msg, size_t msgcap)
{
    char list[128];
    kr_strlcpy(list, G->o->regions, sizeof list);
    char *save = NULL;
    for (char *tok = strtok_r(list, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        size_t n = strlen(tok);
        const char *t = kr_trim(tok, &n);
        char code[32];
        kr_strlcpy(code, t, n + 1 < sizeof code ? n + 1 : sizeof code);
        int r = smp_region_index(&G->w, code);
        if (r < 0) {
            (void)snprintf(msg, msgcap, _("--regio: unknown region '%s' (known: zl, zhz, utrecht)"), code);
            return KR_EUSAGE;
        }
        G->selected[r] = 1;
    }
    int any = 0;
    for (int r = 0; r < G->w.nregions; r++)
        any |= G->selected[r];
    if (!any) {
        (void)snprintf(msg, msgcap, _("--regio names no region (known: zl, zhz, utrecht)"));
        return KR_EUSAGE;
    }
    return KR_OK;
}

/* The columns of every type, the days, how many pregnancies each region tells, and the pseudonyms' key. */
static kr_status plan_run(smp_gen *G, char *msg, size_t msgcap)
{
    const smp_options *o = G->o;
    for (size_t t = 0; t < SMP_NTYPES; t++) {
        G->ncols[t] = etl_type_columns(smp_type_names[t], G->cols[t], 16);
        if (G->ncols[t] == 0) {
            (void)snprintf(msg, msgcap, _("extract type %s is not in the specification"), smp_type_names[t]);
            return KR_EINVAL;
        }
    }
    G->day0 = kr_date_from_ymd(o->year_from, 1, 1);
    G->dayN = kr_date_from_ymd(o->year_to, 12, 31);
    G->start = G->day0 - 200;
    for (int r = 0; r < G->w.nregions; r++) {
        double years = (double)(G->dayN - G->start + 1) / 365.25;
        G->npreg[r] = G->selected[r] ? (long)lround(G->w.regions[r].births * o->scale * years) : 0;
        G->step[r] = G->npreg[r] ? (double)(G->dayN - G->start + 1) / (double)G->npreg[r] : 1;
        G->sum.pregnancies += G->npreg[r];
    }
    char key[48];
    int n = snprintf(key, sizeof key, "kansrijk-samples-%llu", (unsigned long long)o->seed);
    hmac_sha256_set_key(&G->hmac, (size_t)n, (const uint8_t *)key);
    return KR_OK;
}

/* The deliveries out of the ordinary, in the selected regions: missing, late, corrected and sent twice. */
static void choose_specials(smp_gen *G)
{
    const smp_options *o = G->o;
    int first = G->w.nregions - 1, last = 0;
    for (int r = 0; r < G->w.nregions; r++)
        if (G->selected[r]) {
            if (r < first)
                first = r;
            last = r;
        }
    const smp_site *s0 = &G->w.sites[G->w.regions[first].sites[0]];
    const smp_site *sl = &G->w.sites[G->w.regions[last].sites[0]];
    int mid = (o->year_from + o->year_to) / 2;
    G->corr_org = s0->vps[0];
    G->missing_org = s0->vps[s0->nvps > 1 ? 1 : 0];
    G->late_org = G->w.regions[last].jgz;
    G->resend_org = sl->vps[0];
    (void)snprintf(G->missing_q, sizeof G->missing_q, "%04dQ2", mid);
    (void)snprintf(G->corr_q, sizeof G->corr_q, "%04dQ1", mid);
    (void)snprintf(G->late_q, sizeof G->late_q, "%04dQ3", o->year_from);
    (void)snprintf(G->resend_q, sizeof G->resend_q, "%04dQ2", o->year_from);
}

/*
 * The delivery agreements, in force from the first year generated: the embedded list has them from 2023Q1, and a set
 * that starts later would show every organisation missing every quarter before it.
 */
static void write_afspraken(smp_gen *G, const char *path, const char *text)
{
    kr_buf b;
    char from[16];
    (void)snprintf(from, sizeof from, ";%04dQ1;", G->o->year_from);
    kr_buf_init(&b, strlen(text) + 64);
    for (const char *p = text; *p;) {
        const char *hit = strstr(p, ";2023Q1;");
        size_t n = hit ? (size_t)(hit - p) : strlen(p);
        if (kr_buf_append(&b, p, n) != KR_OK || (hit && kr_buf_puts(&b, from) != KR_OK)) {
            smp_fail(G, "out of memory writing", path);
            break;
        }
        p += n + (hit ? strlen(";2023Q1;") : 0);
    }
    write_text(G, path, b.data ? b.data : "", b.len);
    kr_buf_fini(&b);
}

/* The folders, the reference data and the manifest's header; -1 (G->err set) on failure. */
static int open_output(smp_gen *G)
{
    char path[1200];
    if (make_dir(G, "") || make_dir(G, "herzonden") || make_dir(G, "correcties") || make_dir(G, "laat") ||
        make_dir(G, "bad"))
        return -1;
    for (const smp_reffile *rf = smp_reffiles; rf->type; rf++) {
        (void)snprintf(path, sizeof path, "%s.csv", rf->type);
        if (strcmp(rf->type, "afspraken") == 0 && G->o->year_from > 2023)
            write_afspraken(G, path, rf->text);
        else
            write_text(G, path, rf->text, strlen(rf->text));
    }
    (void)snprintf(path, sizeof path, "%s/manifest.txt", G->dir);
    G->manifest = fopen(path, "w");
    if (!G->manifest) {
        smp_fail(G, "cannot write", path);
        return -1;
    }
    fputs("bestand;regel;kolom;reden\n", G->manifest);
    return 0;
}

/* Every quarter of the years in turn: re-tell the stories with records in it, write them, close its files. */
static kr_status write_quarters(smp_gen *G)
{
    const smp_options *o = G->o;
    long nq = (o->year_to - o->year_from + 1) * 4, qdone = 0;
    smp_story *s = malloc(sizeof *s);
    if (!s)
        return KR_ENOMEM;
    for (int y = o->year_from; y <= o->year_to && G->err == KR_OK; y++)
        for (int qq = 1; qq <= 4 && G->err == KR_OK; qq++) {
            kr_period_of(kr_date_from_ymd(y, 3 * qq - 2, 1), 0, &G->q);
            for (int r = 0; r < G->w.nregions; r++) {
                if (!G->npreg[r])
                    continue;
                /* the stories with records in this quarter: intake from ~3 years before to its end */
                long lo = (long)floor((double)(G->q.first - 1100 - G->start) / G->step[r]) - 1;
                long hi = (long)ceil((double)(G->q.last - G->start) / G->step[r]) + 1;
                if (lo < 0)
                    lo = 0;
                if (hi > G->npreg[r])
                    hi = G->npreg[r];
                for (long i = lo; i < hi; i++) {
                    smp_tell(G, r, i, s);
                    if (s->intake > G->q.last || s->last_record < G->q.first)
                        continue;
                    smp_emit_story(G, s);
                }
            }
            close_quarter(G);
            qdone++;
            if (o->progress)
                o->progress(o->progress_arg, G->q.label, qdone, nq);
        }
    free(s);
    return KR_OK;
}

kr_status smp_generate(const smp_options *o, const char *dir, smp_summary *out, char *msg, size_t msgcap)
{
    smp_gen *G = calloc(1, sizeof *G);
    if (!G)
        return KR_ENOMEM;
    G->o = o;
    G->dir = dir;
    G->msg = msg;
    G->msgcap = msgcap;
    kr_status st = smp_world_load(&G->w, msg, msgcap);
    if (st != KR_OK || (st = select_regions(G, msg, msgcap)) != KR_OK || (st = plan_run(G, msg, msgcap)) != KR_OK)
        goto cleanup;
    choose_specials(G);
    if (open_output(G) != 0 || (st = write_quarters(G)) != KR_OK)
        goto cleanup;
    kr_period_of(kr_date_from_ymd(o->year_to, 12, 31), 0, &G->q);  /* the bad files carry the last quarter */
    write_bad(G);
    if (fclose(G->manifest) != 0)
        smp_fail(G, "cannot write", "manifest.txt");
    G->manifest = NULL;
    write_readme(G);
cleanup:
    if (G->manifest)
        fclose(G->manifest);
    for (int org = 0; org < SMP_MAX_ORGS; org++)
        for (int t = 0; t < SMP_NTYPES; t++)
            if (G->files[org][t].f)
                fclose(G->files[org][t].f);
    if (G->twin.f)
        fclose(G->twin.f);
    if (st == KR_OK)
        st = G->err;
    if (out)
        *out = G->sum;
    free(G);
    return st;
}
