/*
 * kansrijk core: one open-addressing hash table keyed by a non-zero 64-bit number (a record key,
 * a packed key, a string's hash), with a fixed-size value per key. Power-of-two capacity, linear
 * probing, Fibonacci hashing on the key's high bits; lookups and inserts are inline, growth and
 * allocation live in core/hash.c.
 */
#ifndef KR_HASH_H
#define KR_HASH_H

#include "kr.h"

#include <stdint.h>
#include <string.h>

/*
 * A slot is the key (0 = empty) followed by the value, padded to a multiple of 8 bytes; the
 * table owns the slots. Fields are read-only for callers. The table holds at most max keys and
 * stays at most 3/4 full: an insert that would go past that doubles the capacity first.
 */
typedef struct kr_hash {
    unsigned char *slots;
    size_t cap;      /* number of slots, 0 or a power of two */
    size_t n;        /* keys held */
    size_t stride;   /* bytes per slot: 8 + the value rounded up to 8 */
    size_t elem;     /* bytes of value per key (0: a set of keys) */
    size_t max;      /* most keys the table may hold */
    unsigned shift;  /* 64 - log2(cap): the key's home slot is its hash's top bits */
} kr_hash;

/* An empty table of values of elem bytes (0 for a set), holding at most max keys; allocates nothing. */
void kr_hash_init(kr_hash *h, size_t elem, size_t max);
/* Free the slots and leave an empty table with the same elem and max; accepts NULL and a table never grown. */
void kr_hash_fini(kr_hash *h);
/* Empty the table and keep its slots, for a table filled again and again to about the same size. */
void kr_hash_clear(kr_hash *h);
/*
 * Room for n keys in all without growing: allocates (or grows) now, so that inserting up to n
 * keys never moves the table. KR_ETOOBIG when n exceeds the table's max or the size overflows,
 * KR_ENOMEM when out of memory; either way the table is as it was.
 */
kr_status kr_hash_reserve(kr_hash *h, size_t n);
/*
 * Grow so that one more key fits under the load limit (what kr_hash_put calls when the table is
 * full); KR_ETOOBIG when the table holds max keys already, KR_ENOMEM when out of memory, the
 * table then as it was.
 */
kr_status kr_hash_grow(kr_hash *h);
/*
 * Step through the keys: start with *pos = 0; each call returns 1 with the next key and its
 * value (either may be NULL), 0 at the end. The order is the slots' order, not the insertion
 * order; the table must not change during the walk.
 */
int kr_hash_next(const kr_hash *h, size_t *pos, uint64_t *key, void **val);

/* The home slot of key: where its probe starts. For tests and kr_hash_prefetch. */
static inline size_t kr_hash_home(const kr_hash *h, uint64_t key)
{
    return (size_t)((key * UINT64_C(0x9E3779B97F4A7C15)) >> h->shift);
}

static inline uint64_t kr_hash_key_at_(const kr_hash *h, size_t i)
{
    uint64_t k;
    memcpy(&k, h->slots + i * h->stride, sizeof k);
    return k;
}

/* Ask the CPU to fetch key's home slot now (e.g. while the row is bound), so that the lookup after it does not wait. */
static inline void kr_hash_prefetch(const kr_hash *h, uint64_t key)
{
    if (h->cap)
        __builtin_prefetch(h->slots + kr_hash_home(h, key) * h->stride);
}

/*
 * The value of key (borrowed: valid until the next insert or kr_hash_fini), or NULL when the
 * key is not there. For a set (elem 0) the pointer is not NULL but has no bytes. Key 0 is never
 * there.
 */
static inline void *kr_hash_get(const kr_hash *h, uint64_t key)
{
    if (h->cap == 0 || key == 0)
        return NULL;
    for (size_t i = kr_hash_home(h, key);; i = (i + 1) & (h->cap - 1)) {
        uint64_t k = kr_hash_key_at_(h, i);
        if (k == key)
            return h->slots + i * h->stride + 8;
        if (k == 0)
            return NULL;
    }
}

/*
 * Find key, or insert it with a zeroed value: *val (may be NULL) gets its value (borrowed as for
 * kr_hash_get) and *added (may be NULL) 1 when the key is new, 0 when it was there. KR_EINVAL
 * for key 0; KR_ETOOBIG or KR_ENOMEM when the table cannot grow (nothing inserted).
 */
static inline kr_status kr_hash_put(kr_hash *h, uint64_t key, void **val, int *added)
{
    if (key == 0)
        return KR_EINVAL;
    if ((h->n + 1) * 4 > h->cap * 3 || h->n >= h->max) {
        /* full: grow unless the key is there already (finding a key must not fail on a full table) */
        void *v = kr_hash_get(h, key);
        if (v) {
            if (val)
                *val = v;
            if (added)
                *added = 0;
            return KR_OK;
        }
        kr_status st = kr_hash_grow(h);
        if (st != KR_OK)
            return st;
    }
    size_t i = kr_hash_home(h, key);
    for (;; i = (i + 1) & (h->cap - 1)) {
        uint64_t k = kr_hash_key_at_(h, i);
        if (k == key) {
            if (val)
                *val = h->slots + i * h->stride + 8;
            if (added)
                *added = 0;
            return KR_OK;
        }
        if (k == 0)
            break;
    }
    memcpy(h->slots + i * h->stride, &key, sizeof key);
    h->n++;
    if (val)
        *val = h->slots + i * h->stride + 8;
    if (added)
        *added = 1;
    return KR_OK;
}

/* ---- strings as keys ---- */

/*
 * A table of strings kept by the caller, each with an id (the value: a uint32_t) that str(ctx, id)
 * turns back into its NUL-terminated string. A string's key is its 64-bit hash (0 taken as 1);
 * when that key holds another string, the next key of a fixed sequence (kr_hash_str_next) does,
 * and so on: two strings with one hash both get a key. Nothing is removed from such a table, so a
 * look-up that follows the sequence from the string's hash meets the string before it meets a
 * key that is not there.
 */
typedef const char *(*kr_hash_str_fn)(const void *ctx, uint32_t id);

static inline uint64_t kr_hash_str_next(uint64_t key)
{
    key = key * UINT64_C(0xD6E8FEB86659FD93) + UINT64_C(0x632BE59BD9B4E019);
    return key ? key : 1;
}

/*
 * The id of s (its first len bytes; hash: its 64-bit hash), or -1 when it is not there; then *key
 * (may be NULL) gets the key to put it under.
 */
static inline long kr_hash_str_find(const kr_hash *h, const char *s, size_t len, uint64_t hash, kr_hash_str_fn str,
                                    const void *ctx, uint64_t *key)
{
    for (uint64_t k = hash ? hash : 1;; k = kr_hash_str_next(k)) {
        const void *v = kr_hash_get(h, k);
        if (!v) {
            if (key)
                *key = k;
            return -1;
        }
        uint32_t id;
        memcpy(&id, v, sizeof id);
        const char *c = str(ctx, id);
        if (strncmp(c, s, len) == 0 && c[len] == '\0')
            return (long)id;
    }
}

/*
 * The id of s as kr_hash_str_find finds it; when it is not there, id (the caller's next) is put
 * under its key and *added set to 1 (the caller then keeps the string under that id). KR_ETOOBIG
 * or KR_ENOMEM when the table cannot grow (nothing put).
 */
static inline kr_status kr_hash_str_put(kr_hash *h, const char *s, size_t len, uint64_t hash, kr_hash_str_fn str,
                                        const void *ctx, uint32_t id, uint32_t *out, int *added)
{
    uint64_t key = 0;
    long found = kr_hash_str_find(h, s, len, hash, str, ctx, &key);
    *added = found < 0;
    if (found >= 0) {
        *out = (uint32_t)found;
        return KR_OK;
    }
    void *v = NULL;
    kr_status st = kr_hash_put(h, key, &v, NULL);
    if (st != KR_OK)
        return st;
    memcpy(v, &id, sizeof id);
    *out = id;
    return KR_OK;
}

#endif
