/*
 * The sample generator's rows: the records of one story in one quarter, written to their
 * organisation's file for the quarter in its export dialect, with dirt now and then and every
 * spoiled row in the manifest (SAMPLES.md).
 */
#include "samples_int.h"

#include <string.h>

const char *const smp_type_names[SMP_NTYPES] = {"zwangerschap", "screening", "zorgepisode", "overdracht",
                                                "mdo",          "bevalling", "jgz_contact"};

/* The export dialects of the partners, one per organisation in turn. */
static const smp_dialect dialects[] = {
    {';', 1, 0, 1, 0, 0, 0, 1, N_("; Windows-1252, dd-mm-jjjj, CRLF, extra column opmerking")},
    {',', 0, 1, 0, 2, 1, 0, 0, N_(", UTF-8 with BOM, jjjj-mm-dd, LF, capitalised header")},
    {'\t', 0, 0, 0, 1, 0, 1, 0, N_("TAB, UTF-8, d-m-jjjj, LF, columns in reverse order")},
    {';', 0, 0, 1, 0, 0, 0, 0, N_("; UTF-8, dd-mm-jjjj, CRLF")},
};
#define NDIALECTS 4

/* ---- writing rows -------------------------------------------------------------------------------------- */

typedef struct row {
    const char *v[16];       /* by column name position; NULL = empty */
    char buf[16][24];        /* storage for formatted dates and numbers */
} row;

static int col(const smp_gen *G, int type, const char *name)
{
    /* names are string literals: remember where each one was found */
    static const char *seen[SMP_NTYPES][24];
    static int where[SMP_NTYPES][24];
    for (int i = 0; i < 24 && seen[type][i]; i++)
        if (seen[type][i] == name)
            return where[type][i];
    int found = -1;
    for (size_t i = 0; i < G->ncols[type]; i++)
        if (strcmp(G->cols[type][i], name) == 0)
            found = (int)i;
    for (int i = 0; i < 24; i++)
        if (!seen[type][i]) {
            seen[type][i] = name;
            where[type][i] = found;
            break;
        }
    return found;
}

static void set(const smp_gen *G, row *rw, int type, const char *name, const char *value)
{
    int c = col(G, type, name);
    if (c >= 0)
        rw->v[c] = value;
}

/* Dates are stored as jjjj-mm-dd in the row and written in the file's dialect. */
static void set_date(const smp_gen *G, row *rw, int type, const char *name, kr_date d)
{
    int c = col(G, type, name);
    if (c < 0 || d == KR_NO_DATE)
        return;
    kr_date_format(d, rw->buf[c]);
    rw->v[c] = rw->buf[c];
}

static void set_int(const smp_gen *G, row *rw, int type, const char *name, long v)
{
    int c = col(G, type, name);
    if (c < 0)
        return;
    (void)snprintf(rw->buf[c], sizeof rw->buf[c], "%ld", v);
    rw->v[c] = rw->buf[c];
}

static void put_date(FILE *f, const char *iso, int fmt)
{
    /* iso is jjjj-mm-dd */
    if (fmt == 2) {
        fwrite(iso, 1, 10, f);
        return;
    }
    char out[10];
    int k = 0;
    if (fmt == 1 && iso[8] == '0')
        out[k++] = iso[9];
    else {
        out[k++] = iso[8];
        out[k++] = iso[9];
    }
    out[k++] = '-';
    if (fmt == 1 && iso[5] == '0')
        out[k++] = iso[6];
    else {
        out[k++] = iso[5];
        out[k++] = iso[6];
    }
    out[k++] = '-';
    fwrite(out, 1, (size_t)k, f);
    fwrite(iso, 1, 4, f);
}

static int is_iso_date(const char *s)
{
    return s && strlen(s) == 10 && s[4] == '-' && s[7] == '-';
}

/* A free-text remark some partners' exports carry (ignored by the ETL), in both encodings. */
static const char *const remarks_utf8[] = {"cli\xc3\xabnt ge\xc3\xafnformeerd", "overleg met huisarts; akkoord",
                                           "belafspraak\nvolgt", "caf\xc3\xa9-overleg gepland", "zie dossier"};
static const char *const remarks_1252[] = {"cli\xebnt ge\xefnformeerd", "overleg met huisarts; akkoord",
                                           "belafspraak\nvolgt", "caf\xe9-overleg gepland", "zie dossier"};

static void write_field(smp_outfile *o, const char *s, int is_date)
{
    FILE *f = o->f;
    if (!s)
        return;
    if (is_date && is_iso_date(s)) {
        put_date(f, s, o->d->datefmt);
        return;
    }
    int quote = strchr(s, o->d->delim) || strchr(s, '"') || strchr(s, '\n');
    if (!quote) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            fputc('"', f);
        if (*p == '\n')
            o->line++;
        fputc(*p, f);
    }
    fputc('"', f);
}

static void write_row(const smp_gen *G, smp_outfile *o, const row *rw, const char *remark)
{
    size_t n = G->ncols[o->type];
    for (size_t k = 0; k < n; k++) {
        size_t c = o->d->reversed ? n - 1 - k : k;
        if (k)
            fputc(o->d->delim, o->f);
        const char *name = G->cols[o->type][c];
        write_field(o, rw->v[c], strstr(name, "datum") != NULL);
    }
    if (o->d->remarks) {
        fputc(o->d->delim, o->f);
        write_field(o, remark, 0);
    }
    fputs(o->d->crlf ? "\r\n" : "\n", o->f);
    o->line++;
}

static void write_header(const smp_gen *G, smp_outfile *o)
{
    size_t n = G->ncols[o->type];
    if (o->d->bom)
        fputs("\xEF\xBB\xBF", o->f);
    for (size_t k = 0; k < n; k++) {
        size_t c = o->d->reversed ? n - 1 - k : k;
        if (k)
            fputc(o->d->delim, o->f);
        const char *name = G->cols[o->type][c];
        if (o->d->capital_header) {
            fputc(name[0] >= 'a' && name[0] <= 'z' ? name[0] - 'a' + 'A' : name[0], o->f);
            fputs(name + 1, o->f);
        } else {
            fputs(name, o->f);
        }
    }
    if (o->d->remarks) {
        fputc(o->d->delim, o->f);
        fputs("opmerking", o->f);
    }
    fputs(o->d->crlf ? "\r\n" : "\n", o->f);
    o->line = 2;  /* the next row's line */
}

static int open_outfile(smp_gen *G, smp_outfile *o, const char *sub, int type, int org, const smp_dialect *d)
{
    char path[1200];
    memset(o, 0, sizeof *o);
    o->type = type;
    o->d = d;
    (void)snprintf(o->rel, sizeof o->rel, "%s%s%s_%s_%s.csv", sub, *sub ? "/" : "", smp_type_names[type],
                   G->w.orgs[org].code, G->q.label);
    (void)snprintf(path, sizeof path, "%s/%s", G->dir, o->rel);
    o->f = fopen(path, "wb");
    if (!o->f) {
        smp_fail(G, "cannot write", path);
        return -1;
    }
    setvbuf(o->f, NULL, _IOFBF, 1 << 16);
    smp_rng_seed(&o->r, smp_mix(smp_mix(G->o->seed ^ 0xF11E5ull, (uint64_t)org * 16 + (uint64_t)type),
                                (uint64_t)G->q.last));
    write_header(G, o);
    G->sum.files++;
    return 0;
}

const smp_dialect *smp_org_dialect(int org) { return &dialects[org % NDIALECTS]; }

static smp_outfile *file_for(smp_gen *G, int org, int type)
{
    smp_outfile *o = &G->files[org][type];
    if (o->f)
        return o;
    const char *code = G->w.orgs[org].code;
    if (org == G->missing_org && strcmp(G->q.label, G->missing_q) == 0)
        return NULL;  /* this quarter was never delivered */
    const char *sub = org == G->late_org && strcmp(G->q.label, G->late_q) == 0 && type == SMP_JG ? "laat" : "";
    if (open_outfile(G, o, sub, type, org, smp_org_dialect(org)) != 0)
        return NULL;
    if (org == G->corr_org && type == SMP_SC && strcmp(G->q.label, G->corr_q) == 0) {
        /* the corrected re-delivery: the same records, without the errors, from another export */
        const smp_dialect *d2 = smp_org_dialect(org) == &dialects[3] ? &dialects[1] : &dialects[3];
        if (open_outfile(G, &G->twin, "correcties", type, org, d2) == 0) {
            G->twin.no_dirt = 1;
            o->twin = &G->twin;
        }
    }
    (void)code;
    return o;
}

void smp_open_agreed(smp_gen *G)
{
    for (int org = 0; org < G->w.norgs; org++)
        for (int t = 0; t < SMP_NTYPES; t++)
            if (G->w.agreed[org][t] && G->selected[G->w.orgs[org].region] && !G->files[org][t].f)
                (void)file_for(G, org, t);  /* the missing quarter's stays unwritten */
}

/* Spoil kinds and the reason the ETL must give (kr_status_id). */
enum { SP_NONE, SP_DATE, SP_CODE, SP_PSEUDO, SP_REQUIRED, SP_RULE, SP_DUP };

typedef struct spoil_target {
    const char *date, *code, *bad_code, *required;
} spoil_target;

static const spoil_target targets[SMP_NTYPES] = {
    [SMP_ZW] = {"intake_datum", "leeftijdsklasse", "26-30", "lijn_intake"},
    [SMP_SC] = {"screening_datum", "route", "4", "instrument"},
    [SMP_ZE] = {"start_datum", "reden", "sociaal", "reden"},
    [SMP_OV] = {"verzonden_datum", "soort", "brief", "warm"},
    [SMP_MD] = {"aanmelddatum", NULL, NULL, "aanmelddatum"},
    [SMP_BV] = {"geboortedatum", "vitaliteit", "leeft", "vitaliteit"},
    [SMP_JG] = {"contact_datum", "status", "ja", "status"},
};

static void manifest(smp_gen *G, const smp_outfile *o, long line, const char *column, const char *reason)
{
    fprintf(G->manifest, "%s;%ld;%s;%s\n", o->rel, line, column ? column : "", reason);
    G->sum.spoiled++;
}

static void upper_in(char *dst, const char *src, size_t cap)
{
    size_t i = 0;
    for (; src[i] && i + 1 < cap; i++)
        dst[i] = (src[i] >= 'a' && src[i] <= 'z') ? (char)(src[i] - 'a' + 'A') : src[i];
    dst[i] = '\0';
}

/* Write one record to its organisation's file for this quarter, with dirt now and then. */
static void emit(smp_gen *G, int org, int type, row *rw)
{
    smp_outfile *o = file_for(G, org, type);
    if (!o)
        return;
    const spoil_target *tg = &targets[type];
    char pseudo[80], code[40], date[16];
    const char *remark = NULL;
    int kind = SP_NONE;
    /* about 1 % of rows spoiled, never more than 1 in 10 of a file so far */
    if (!o->no_dirt && smp_chance(&o->r, 0.012) && (o->spoiled + 1) * 10 <= o->rows + 1) {
        static const int kinds[] = {SP_DATE, SP_CODE, SP_PSEUDO, SP_REQUIRED, SP_RULE, SP_DUP};
        kind = kinds[smp_between(&o->r, 0, 5)];
        if ((kind == SP_CODE && !tg->code) || (kind == SP_RULE && type != SMP_ZW))
            kind = SP_PSEUDO;
        if (kind == SP_CODE && !rw->v[col(G, type, tg->code)])
            kind = SP_REQUIRED;
    }
    if (o->d->remarks && smp_chance(&o->r, 0.03))
        remark = (o->d->cp1252 ? remarks_1252 : remarks_utf8)[smp_between(&o->r, 0, 4)];
    row clean = *rw;
    for (int c = 0; c < 16; c++)  /* pointers into buf must point into the copy */
        if (rw->v[c] == rw->buf[c])
            clean.v[c] = clean.buf[c];
    long line = o->line;
    int cp = col(G, type, "client_pseudoniem");
    switch (kind) {
    case SP_DATE: {
        int c = col(G, type, tg->date);
        (void)snprintf(date, sizeof date, "%.4s-02-31", rw->v[c]);
        rw->v[c] = date;  /* written as 31-02-jjjj: no such day */
        manifest(G, o, line, tg->date, "date");
        break;
    }
    case SP_CODE:
        rw->v[col(G, type, tg->code)] = tg->bad_code;
        manifest(G, o, line, tg->code, "code");
        break;
    case SP_PSEUDO:
        kr_strlcpy(pseudo, rw->v[cp], 64);  /* 63 characters */
        rw->v[cp] = pseudo;
        manifest(G, o, line, "client_pseudoniem", "pseudonym");
        break;
    case SP_REQUIRED:
        rw->v[col(G, type, tg->required)] = NULL;
        manifest(G, o, line, tg->required, "required");
        break;
    case SP_RULE: {
        /* a due date before the intake */
        int ci = col(G, type, "intake_datum"), cd = col(G, type, "a_terme_datum");
        kr_date d;
        if (kr_date_parse(rw->v[ci], 10, &d) == KR_OK) {
            kr_date_format(d - 10, rw->buf[cd]);
            rw->v[cd] = rw->buf[cd];
        }
        manifest(G, o, line, "intake_datum", "rule");
        break;
    }
    default:
        break;
    }
    if (kind == SP_NONE && !o->no_dirt && smp_chance(&o->r, 0.01)) {
        /* harmless dirt: upper case, trailing spaces */
        if (smp_chance(&o->r, 0.5)) {
            upper_in(pseudo, rw->v[cp], sizeof pseudo);
            rw->v[cp] = pseudo;
        } else if (tg->code && rw->v[col(G, type, tg->code)]) {
            upper_in(code, rw->v[col(G, type, tg->code)], sizeof code - 2);
            kr_strlcpy(code + strlen(code), " ", 2);
            rw->v[col(G, type, tg->code)] = code;
        }
    }
    write_row(G, o, rw, remark);
    o->rows++;
    G->sum.rows++;
    if (kind == SP_DUP) {  /* the same record again: the second is rejected */
        manifest(G, o, o->line, "", "duplicate");
        write_row(G, o, rw, NULL);
        o->rows++;
        G->sum.rows++;
    }
    if (kind != SP_NONE)
        o->spoiled++;
    if (o->twin) {
        write_row(G, o->twin, &clean, NULL);
        o->twin->rows++;
        G->sum.rows++;
    }
}

/* ---- the records of one story in one quarter ---------------------------------------------------------------- */

static int in_q(const smp_gen *G, kr_date d) { return d != KR_NO_DATE && d >= G->q.first && d <= G->q.last; }
static kr_date known(const smp_gen *G, kr_date d) { return d != KR_NO_DATE && d <= G->q.last ? d : KR_NO_DATE; }

/* A new row of type for story s, its pseudonym made the first time the story has a record in the quarter. */
static void start(const smp_gen *G, smp_story *s, row *rw, int type)
{
    memset(rw, 0, sizeof *rw);
    if (!s->pseudo[0])
        smp_pseudonym(G, s, s->pseudo);
    set(G, rw, type, "client_pseudoniem", s->pseudo);
}

/* The pregnancy, delivered by the organisation of the intake in the quarter of the intake. */
static void emit_pregnancy(smp_gen *G, smp_story *s)
{
    row rw;
    if (!in_q(G, s->intake))
        return;
    start(G, s, &rw, SMP_ZW);
    set_date(G, &rw, SMP_ZW, "a_terme_datum", s->due);
    set(G, &rw, SMP_ZW, "gemeentecode", s->gm);
    set(G, &rw, SMP_ZW, "leeftijdsklasse", s->age);
    set(G, &rw, SMP_ZW, "pariteit", s->parity);
    set_date(G, &rw, SMP_ZW, "intake_datum", s->intake);
    set(G, &rw, SMP_ZW, "lijn_intake", s->intake_lijn == 1 ? "1" : "2");
    emit(G, s->intake_org, SMP_ZW, &rw);
}

static void emit_screenings(smp_gen *G, smp_story *s)
{
    row rw;
    char rl[256];
    for (int k = 0; k < s->nsc; k++) {
        if (!in_q(G, s->sc[k].date))
            continue;
        start(G, s, &rw, SMP_SC);
        set_date(G, &rw, SMP_SC, "a_terme_datum", s->due);
        set_date(G, &rw, SMP_SC, "screening_datum", s->sc[k].date);
        set(G, &rw, SMP_SC, "instrument", s->sc[k].instrument);
        static const char *const routes[] = {"0", "1", "2", "3"};
        set(G, &rw, SMP_SC, "route", routes[s->sc[k].route]);
        smp_risks_text(s->sc[k].risks, rl, sizeof rl);
        set(G, &rw, SMP_SC, "risicofactoren", rl[0] ? rl : NULL);
        emit(G, s->intake_org, SMP_SC, &rw);
    }
}

static void emit_episodes(smp_gen *G, smp_story *s)
{
    row rw;
    for (int k = 0; k < s->nep; k++) {
        const smp_episode *e = &s->ep[k];
        /* delivered when it starts, and again when it ends in a later quarter */
        if (!in_q(G, e->start) && !(in_q(G, e->end) && e->start < G->q.first))
            continue;
        start(G, s, &rw, SMP_ZE);
        set_date(G, &rw, SMP_ZE, "a_terme_datum", s->due);
        set(G, &rw, SMP_ZE, "lijn", e->lijn == 1 ? "1" : "2");
        set_date(G, &rw, SMP_ZE, "start_datum", e->start);
        set_date(G, &rw, SMP_ZE, "eind_datum", known(G, e->end));
        set(G, &rw, SMP_ZE, "reden", e->reden);
        emit(G, e->org, SMP_ZE, &rw);
    }
}

static void emit_handovers(smp_gen *G, smp_story *s)
{
    const smp_world *w = &G->w;
    row rw;
    for (int k = 0; k < s->nho; k++) {
        const smp_handover *h = &s->ho[k];
        if (!in_q(G, h->sent) && !(in_q(G, h->recv) && h->sent < G->q.first))
            continue;
        start(G, s, &rw, SMP_OV);
        if (h->has_due)
            set_date(G, &rw, SMP_OV, "a_terme_datum", s->due);
        if (h->has_birth)
            set_date(G, &rw, SMP_OV, "geboortedatum", s->birth);
        set(G, &rw, SMP_OV, "van_organisatie", w->orgs[h->van].code);
        set(G, &rw, SMP_OV, "naar_organisatie", w->orgs[h->naar].code);
        set(G, &rw, SMP_OV, "soort", h->soort);
        set_date(G, &rw, SMP_OV, "signaleringsdatum", h->signal);
        set_date(G, &rw, SMP_OV, "verzonden_datum", h->sent);
        set_date(G, &rw, SMP_OV, "ontvangen_datum", known(G, h->recv));
        set(G, &rw, SMP_OV, "warm", h->warm ? "ja" : "nee");
        emit(G, h->van, SMP_OV, &rw);
    }
}

/* The MDO's record: delivered when registered, and again when discussed or the regie is set in a later quarter. */
static void emit_mdo(smp_gen *G, smp_story *s)
{
    const smp_world *w = &G->w;
    row rw;
    if (!(s->mdo && (in_q(G, s->aanmeld) || (s->aanmeld < G->q.first && (in_q(G, s->bespreek) || in_q(G, s->regie))))))
        return;
    start(G, s, &rw, SMP_MD);
    set_date(G, &rw, SMP_MD, "a_terme_datum", s->due);
    set_date(G, &rw, SMP_MD, "aanmelddatum", s->aanmeld);
    set_date(G, &rw, SMP_MD, "bespreekdatum", known(G, s->bespreek));
    if (known(G, s->regie) != KR_NO_DATE) {
        set(G, &rw, SMP_MD, "regie_type", s->regie_type);
        if (s->regie_org >= 0)
            set(G, &rw, SMP_MD, "regie_organisatie", w->orgs[s->regie_org].code);
        set_date(G, &rw, SMP_MD, "regie_datum", s->regie);
    }
    emit(G, w->regions[s->region].mdo, SMP_MD, &rw);
}

/* One record per child, from the organisation of the birth (and from the referring midwife when she reports it too). */
static void emit_births(smp_gen *G, smp_story *s)
{
    const smp_world *w = &G->w;
    row rw;
    int death_now = 0;  /* a neonatal death in a later quarter: the birth is delivered again */
    for (int k = 0; k < s->nchild; k++)
        death_now |= s->ch[k].died_day >= 0 && s->birth < G->q.first && in_q(G, s->birth + s->ch[k].died_day);
    if (!in_q(G, s->birth) && !death_now)
        return;
    for (int pass = 0; pass < 2; pass++) {
        int org = pass == 0 ? s->birth_org : s->dup_org;
        if (org < 0)
            continue;
        for (int k = 0; k < s->nchild; k++) {
            const smp_child *c = &s->ch[k];
            start(G, s, &rw, SMP_BV);
            set_date(G, &rw, SMP_BV, "a_terme_datum", s->due);
            set_date(G, &rw, SMP_BV, "geboortedatum", s->birth);
            if (s->nchild > 1)
                set_int(G, &rw, SMP_BV, "kind_volgnummer", k + 1);
            if (pass == 1)
                set(G, &rw, SMP_BV, "organisatie", w->orgs[s->birth_org].code);
            int ci = col(G, SMP_BV, "amenorroeduur_geboorte");
            if (k == 0 && s->idx % 2)
                set_int(G, &rw, SMP_BV, "amenorroeduur_geboorte", c->ga);
            else if (ci >= 0) {
                (void)snprintf(rw.buf[ci], sizeof rw.buf[ci], "%d+%d", c->ga / 7, c->ga % 7);
                rw.v[ci] = rw.buf[ci];
            }
            if (strcmp(c->vit, "doodgeboren") != 0 || s->idx % 3)
                set_int(G, &rw, SMP_BV, "geboortegewicht", c->weight);
            set(G, &rw, SMP_BV, "lijn_begin_baring", s->birth_lijn == 1 ? "1" : s->birth_lijn == 2 ? "2" : "3");
            set(G, &rw, SMP_BV, "plaats", s->plaats);
            int died_known = c->died_day >= 0 && s->birth + c->died_day <= G->q.last;
            set(G, &rw, SMP_BV, "vitaliteit",
                died_known ? c->vit : strcmp(c->vit, "doodgeboren") == 0 ? c->vit : "levend");
            if (died_known)
                set_int(G, &rw, SMP_BV, "overleden_dag", c->died_day);
            emit(G, org, SMP_BV, &rw);
        }
    }
}

/* The contacts of JGZ: the prenatal home visit, then every child's contacts to two years. */
static void emit_jgz(smp_gen *G, smp_story *s)
{
    row rw;
    int jgz = G->w.regions[s->region].jgz;
    if (in_q(G, s->pv.date)) {
        start(G, s, &rw, SMP_JG);
        set_date(G, &rw, SMP_JG, "a_terme_datum", s->due);
        set_date(G, &rw, SMP_JG, "contact_datum", s->pv.date);
        set(G, &rw, SMP_JG, "contactmoment", s->pv.moment);
        set(G, &rw, SMP_JG, "status", s->pv.status);
        emit(G, jgz, SMP_JG, &rw);
    }
    for (int k = 0; k < s->nchild; k++) {
        const smp_child *c = &s->ch[k];
        for (int m = 0; m < c->nc; m++) {
            if (!in_q(G, c->c[m].date))
                continue;
            start(G, s, &rw, SMP_JG);
            set_date(G, &rw, SMP_JG, "geboortedatum", s->birth);
            if (s->nchild > 1)
                set_int(G, &rw, SMP_JG, "kind_volgnummer", k + 1);
            set_date(G, &rw, SMP_JG, "contact_datum", c->c[m].date);
            set(G, &rw, SMP_JG, "contactmoment", c->c[m].moment);
            set(G, &rw, SMP_JG, "status", c->c[m].status);
            set(G, &rw, SMP_JG, "reden_uitschrijving", c->c[m].reden);
            emit(G, jgz, SMP_JG, &rw);
        }
    }
}

void smp_emit_story(smp_gen *G, smp_story *s)
{
    /* in this order: each file's rows, and the random stream of its dirt, follow it */
    emit_pregnancy(G, s);
    emit_screenings(G, s);
    emit_episodes(G, s);
    emit_handovers(G, s);
    emit_mdo(G, s);
    emit_births(G, s);
    emit_jgz(G, s);
}
