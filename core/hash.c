/*
 * The hash table's allocation and growth (core/hash.h): slots are zeroed memory, large tables
 * on 2 MiB boundaries with transparent huge pages (lookups land anywhere in the table, and huge
 * pages spare the TLB), rehashed into a table twice the size when 3/4 full.
 */
#include "hash.h"

#include <stdlib.h>
#include <sys/mman.h>

#define HUGE_PAGE ((size_t)2 << 20)
#define MIN_CAP 16

void kr_hash_init(kr_hash *h, size_t elem, size_t max)
{
    memset(h, 0, sizeof *h);
    h->elem = elem;
    h->stride = 8 + (elem + 7) / 8 * 8;
    h->max = max;
    h->shift = 64;
}

void kr_hash_fini(kr_hash *h)
{
    if (!h)
        return;
    free(h->slots);
    kr_hash_init(h, h->elem, h->max);
}

void kr_hash_clear(kr_hash *h)
{
    if (h->slots)
        memset(h->slots, 0, h->cap * h->stride);
    h->n = 0;
}

/* cap zeroed slots of stride bytes, or NULL. */
static unsigned char *alloc_slots(size_t cap, size_t stride)
{
    size_t bytes = cap * stride;
    void *p = NULL;
    if (bytes < HUGE_PAGE)
        return calloc(cap, stride);
    if (posix_memalign(&p, HUGE_PAGE, bytes) != 0)
        return NULL;
    memset(p, 0, bytes);
    (void)madvise(p, bytes, MADV_HUGEPAGE);
    return p;
}

/* Move every key of h into a new table of ncap slots (a power of two that holds them). */
static kr_status rehash(kr_hash *h, size_t ncap)
{
    unsigned shift = 64;
    for (size_t c = ncap; c > 1; c >>= 1)
        shift--;
    if (ncap > SIZE_MAX / h->stride)
        return KR_ETOOBIG;
    unsigned char *ns = alloc_slots(ncap, h->stride);
    if (!ns)
        return KR_ENOMEM;
    kr_hash nh = *h;
    nh.slots = ns;
    nh.cap = ncap;
    nh.shift = shift;
    for (size_t i = 0; i < h->cap; i++) {
        uint64_t k = kr_hash_key_at_(h, i);
        if (k == 0)
            continue;
        size_t j = kr_hash_home(&nh, k);
        while (kr_hash_key_at_(&nh, j) != 0)
            j = (j + 1) & (ncap - 1);
        memcpy(ns + j * h->stride, h->slots + i * h->stride, h->stride);
    }
    free(h->slots);
    *h = nh;
    return KR_OK;
}

/* The smallest power-of-two capacity (at least MIN_CAP) that holds n keys at most 3/4 full; 0 on overflow. */
static size_t cap_for(size_t n)
{
    size_t cap = MIN_CAP;
    while (cap / 4 * 3 < n) {
        if (cap > SIZE_MAX / 2)
            return 0;
        cap *= 2;
    }
    return cap;
}

kr_status kr_hash_reserve(kr_hash *h, size_t n)
{
    if (n > h->max)
        return KR_ETOOBIG;
    size_t cap = cap_for(n);
    if (cap == 0)
        return KR_ETOOBIG;
    return cap > h->cap ? rehash(h, cap) : KR_OK;
}

kr_status kr_hash_grow(kr_hash *h)
{
    if (h->n >= h->max)
        return KR_ETOOBIG;
    return kr_hash_reserve(h, h->n + 1);
}

int kr_hash_next(const kr_hash *h, size_t *pos, uint64_t *key, void **val)
{
    for (size_t i = *pos; i < h->cap; i++) {
        uint64_t k = kr_hash_key_at_(h, i);
        if (k == 0)
            continue;
        *pos = i + 1;
        if (key)
            *key = k;
        if (val)
            *val = h->slots + i * h->stride + 8;
        return 1;
    }
    *pos = h->cap;
    return 0;
}
