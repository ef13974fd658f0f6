/*
 * kansrijk core: linkage's answer for the records that count, handed from the linkage (etl/) to
 * the trajectory facts (engine/) in memory. Per extract type (the index in KR_EXTRACT_TYPES,
 * core/codes.h), the rowids of its current, linked records (of bevalling only the record that
 * counts for each child) with their trajectory ids, in rowid order. Nothing of it is stored: the
 * extract rows stay as ingested. When linkage holds its trajectories back to write them later
 * (compute), the rows table `traject` will hold come with it, so the facts need not read them.
 */
#ifndef KR_LINKS_H
#define KR_LINKS_H

#include "codes.h"
#include "kr.h"

#include <stdint.h>

/* One record that counts: its rowid and its trajectory's id. */
typedef struct kr_link {
    int64_t rowid;
    int64_t traject;
} kr_link;

/* The records of one extract type, rowids ascending. */
typedef struct kr_link_table {
    kr_link *r;
    size_t n, cap;
} kr_link_table;

/* A trajectory as table `traject` holds it, for the facts. */
typedef struct kr_link_traject {
    int64_t id;
    int64_t zw_rowid;     /* the zwangerschap row that leads it, 0: none */
    kr_date intake, due;  /* KR_NO_DATE: none */
    /* NULL: none; borrowed from the hand-over's owner (etl_later), which outlives the reader */
    const char *regio, *site, *gemeente;
} kr_link_traject;

/* The owner frees with kr_links_fini; a zeroed struct is an empty map (without trajectories). */
typedef struct kr_links {
    kr_link_table t[KR_NEXTRACT_TYPES];
    kr_link_traject *traj;  /* ids ascending */
    size_t ntraj, captraj;
    int has_traj;           /* the trajectories came with it (even none) */
} kr_links;

/*
 * Add a record of extract type `type`; rowids of one type must come in ascending order. KR_EINVAL
 * when they do not or when type is no index of KR_EXTRACT_TYPES, KR_ENOMEM when out of memory.
 */
kr_status kr_links_add(kr_links *m, int type, int64_t rowid, int64_t traject);
/* The records of extract type `type`, or NULL when it has none. */
const kr_link_table *kr_links_table(const kr_links *m, int type);
/* Free one type's records (a reader done with them), leaving it empty. */
void kr_links_drop(kr_links *m, int type);
/* Add a trajectory (and say that they come with the map); ids must ascend. KR_EINVAL, KR_ENOMEM. */
kr_status kr_links_traject_add(kr_links *m, const kr_link_traject *t);
/* Free the trajectories (a reader done with them); has_traj stays as it was. */
void kr_links_traject_drop(kr_links *m);
/* Free everything and leave an empty map; accepts NULL. */
void kr_links_fini(kr_links *m);

/* A cursor for rows that come in rowid order: walks the table once, whatever is skipped. */
typedef struct kr_link_cursor {
    const kr_link_table *t;
    size_t at;
} kr_link_cursor;

/* The trajectory of the record at rowid, or 0 when it does not count; rowids asked must not decrease. */
static inline int64_t kr_link_next(kr_link_cursor *c, int64_t rowid)
{
    const kr_link_table *t = c->t;
    if (!t)
        return 0;
    while (c->at < t->n && t->r[c->at].rowid < rowid)
        c->at++;
    return c->at < t->n && t->r[c->at].rowid == rowid ? t->r[c->at].traject : 0;
}

#endif
