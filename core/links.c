/*
 * kansrijk core: the in-memory hand-over of linkage's answer (core/links.h).
 */
#include "links.h"

#include <stdlib.h>
#include <string.h>

kr_status kr_links_add(kr_links *m, int type, int64_t rowid, int64_t traject)
{
    if (type < 0 || type >= KR_NEXTRACT_TYPES)
        return KR_EINVAL;
    kr_link_table *t = &m->t[type];
    if (t->n && t->r[t->n - 1].rowid >= rowid)
        return KR_EINVAL;
    if (kr_grow(&t->r, &t->cap, t->n, sizeof *t->r, 4096) != KR_OK)
        return KR_ENOMEM;
    t->r[t->n++] = (kr_link){rowid, traject};
    return KR_OK;
}

kr_status kr_links_traject_add(kr_links *m, const kr_link_traject *t)
{
    if (m->ntraj && m->traj[m->ntraj - 1].id >= t->id)
        return KR_EINVAL;
    if (kr_grow(&m->traj, &m->captraj, m->ntraj, sizeof *m->traj, 4096) != KR_OK)
        return KR_ENOMEM;
    m->traj[m->ntraj++] = *t;
    m->has_traj = 1;
    return KR_OK;
}

void kr_links_traject_drop(kr_links *m)
{
    free(m->traj);
    m->traj = NULL;
    m->ntraj = m->captraj = 0;
}

const kr_link_table *kr_links_table(const kr_links *m, int type)
{
    return m && type >= 0 && type < KR_NEXTRACT_TYPES && m->t[type].n ? &m->t[type] : NULL;
}

void kr_links_drop(kr_links *m, int type)
{
    if (!m || type < 0 || type >= KR_NEXTRACT_TYPES)
        return;
    free(m->t[type].r);
    memset(&m->t[type], 0, sizeof m->t[type]);
}

void kr_links_fini(kr_links *m)
{
    if (!m)
        return;
    for (int k = 0; k < KR_NEXTRACT_TYPES; k++)
        free(m->t[k].r);
    free(m->traj);
    memset(m, 0, sizeof *m);
}
