/*
 * kansrijk core: the in-memory hand-over of linkage's answer (core/links.h).
 */
#include "links.h"

#include <stdlib.h>
#include <string.h>

static kr_link_table *find(kr_links *m, const char *name)
{
    for (size_t i = 0; i < m->nt; i++)
        if (!strcmp(m->t[i].name, name))
            return &m->t[i];
    return NULL;
}

kr_status kr_links_add(kr_links *m, const char *name, int64_t rowid, int64_t traject)
{
    kr_link_table *t = find(m, name);
    if (!t) {
        if (m->nt == KR_LINK_TABLES || strlen(name) >= sizeof t->name)
            return KR_EINVAL;
        t = &m->t[m->nt++];
        memset(t, 0, sizeof *t);
        kr_strlcpy(t->name, name, sizeof t->name);
    }
    if (t->n && t->r[t->n - 1].rowid >= rowid)
        return KR_EINVAL;
    if (kr_grow(&t->r, &t->cap, t->n, sizeof *t->r, 4096) != KR_OK)
        return KR_ENOMEM;
    t->r[t->n++] = (kr_link){rowid, traject};
    return KR_OK;
}

const kr_link_table *kr_links_table(const kr_links *m, const char *name)
{
    return m ? find((kr_links *)m, name) : NULL;
}

void kr_links_drop(kr_links *m, const char *name)
{
    kr_link_table *t = m ? find(m, name) : NULL;
    if (!t)
        return;
    free(t->r);
    t->r = NULL;
    t->n = t->cap = 0;
}

void kr_links_fini(kr_links *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->nt; i++)
        free(m->t[i].r);
    memset(m, 0, sizeof *m);
}
