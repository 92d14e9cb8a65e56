#include "valhash.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

#define MAX_DEPTH 200

struct slot {
	const value *v;
	hash128 h;
};

/* Map keys by address: most are the same few strings from the code. A
 * small direct-mapped cache, so that per-document keys (from YAML) do not
 * grow it. An entry holds for one generation (valhash_forget_keys). */
#define KEYCACHE 1024
struct keyslot {
	const char *k;
	unsigned gen;
	hash128 h;
};

struct valhash {
	struct slot *slots;
	size_t cap, len;
	unsigned gen;
	struct keyslot keys[KEYCACHE];
};

valhash *valhash_new(void)
{
	valhash *h = xcalloc(1, sizeof *h);
	h->gen = 1;   /* the zeroed slots are of no generation */
	h->cap = 1024;
	h->slots = xcalloc(h->cap, sizeof *h->slots);
	return h;
}

void valhash_free(valhash *h)
{
	if (!h)
		return;
	free(h->slots);
	free(h);
}

static size_t mix(const void *p)
{
	uint64_t x = (uint64_t)(uintptr_t)p;
	x ^= x >> 33;   /* murmur3's finaliser: arena addresses differ in few bits */
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	return (size_t)x;
}

static struct slot *find(const valhash *h, const value *v)
{
	size_t i = mix(v) & (h->cap - 1);
	while (h->slots[i].v && h->slots[i].v != v)
		i = (i + 1) & (h->cap - 1);
	return &h->slots[i];
}

static void remember(valhash *h, const value *v, hash128 d)
{
	if ((h->len + 1) * 2 > h->cap) {
		struct slot *old = h->slots;
		size_t oldcap = h->cap;
		h->cap *= 2;
		h->slots = xcalloc_written(h->cap, sizeof *h->slots);
		for (size_t i = 0; i < oldcap; i++)
			if (old[i].v)
				*find(h, old[i].v) = old[i];
		free(old);
	}
	*find(h, v) = (struct slot){v, d};
	h->len++;
}

static hash128 key_of(valhash *h, const char *k)
{
	struct keyslot *ks = &h->keys[mix(k) & (KEYCACHE - 1)];
	if (ks->k != k || ks->gen != h->gen) {
		ks->k = k;
		ks->gen = h->gen;
		ks->h = hash_bytes(k, strlen(k));
	}
	return ks->h;
}

/* A container's digest is the digest of its kind, size and its items'
 * digests (with each key's bytes for a map), laid out in one buffer. */
static hash128 of(valhash *h, const value *v, int depth)
{
	uint64_t head[3] = {(uint64_t)v->kind, 0, 0};
	switch (v->kind) {
	case VAL_NULL:
		return hash_bytes(head, 8);
	case VAL_BOOL:
		head[1] = (uint64_t)(v->u.b != 0);
		return hash_bytes(head, 16);
	case VAL_NUM:
		memcpy(&head[1], &v->u.num, sizeof v->u.num);
		return hash_bytes(head, 16);
	case VAL_STR: {
		/* One pass over the bytes; the kind is mixed in by flipping a
		 * constant, as other kinds hash a head that no string equals
		 * after the flip (up to a collision). */
		hash128 s = hash_bytes(v->u.str.s, v->u.str.len);
		s.lo ^= 0x5354525354525354ULL;
		return s;
	}
	case VAL_LIST:
	case VAL_MAP:
		break;
	}
	if (depth > MAX_DEPTH)
		return (hash128){0, 0};
	/* Only shared containers are looked up: a lookup in a big table is a
	 * cache miss, dearer than hashing a small map again. */
	if (v->shared) {
		struct slot *memo = find(h, v);
		if (memo->v)
			return memo->h;
	}
	int map = v->kind == VAL_MAP;
	size_t n = map ? v->u.map.len : v->u.list.len;
	size_t per = map ? 4 : 2;   /* 64-bit words per item */
	uint64_t local[2 + 32 * 4];
	uint64_t *w = n <= 32 ? local : xcalloc(2 + n * per, 8);
	w[0] = (uint64_t)v->kind;
	w[1] = n;
	hash128 d = {0, 0};
	for (size_t i = 0; i < n; i++) {
		const value *item = map ? v->u.map.items[i].val :
		    v->u.list.items[i];
		hash128 c = of(h, item, depth + 1);
		if (hash_is_zero(c))
			goto out;
		uint64_t *p = w + 2 + i * per;
		p[0] = c.lo;
		p[1] = c.hi;
		if (map) {
			hash128 kh = key_of(h, v->u.map.items[i].key);
			p[2] = kh.lo;
			p[3] = kh.hi;
		}
	}
	d = hash_bytes(w, (2 + n * per) * 8);
	if (v->shared)
		remember(h, v, d);
out:
	if (w != local)
		free(w);
	return d;
}

void valhash_forget_keys(valhash *h)
{
	if (++h->gen == 0) {   /* wrapped: no slot may look current */
		memset(h->keys, 0, sizeof h->keys);
		h->gen = 1;
	}
}

void valhash_share(value *v)
{
	if (v->kind == VAL_LIST || v->kind == VAL_MAP)
		v->shared = 1;
}

void valhash_remember(valhash *h, const value *v, hash128 d)
{
	if (v->shared && !hash_is_zero(d) && !find(h, v)->v)
		remember(h, v, d);
}

hash128 valhash_of(valhash *h, const value *v)
{
	return of(h, v, 0);
}
