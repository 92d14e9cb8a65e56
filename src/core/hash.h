/* hash: 128-bit digests of bytes (XXH3 from Debian's libxxhash), to tell
 * whether an output file or the input of a page changed since the last
 * build. Not cryptographic: nothing here defends against crafted
 * collisions, and nothing needs to (a collision only skips a rewrite).
 * A hash_state folds many pieces into one digest; each piece is
 * length-prefixed, so ("ab","c") and ("a","bc") differ. */
#ifndef SAITTI_HASH_H
#define SAITTI_HASH_H

#include <stddef.h>
#include <stdint.h>

typedef struct hash128 {
	uint64_t lo, hi;
} hash128;

typedef struct hash_state hash_state;

hash128 hash_bytes(const void *data, size_t len);
int hash_eq(hash128 a, hash128 b);
int hash_is_zero(hash128 h);

/* The digest of the running program (its linker's build ID, else its
 * file's bytes) and of the pictures plugin it would load, so that a cache
 * written by another build of saitti is never trusted; zero when it
 * cannot be read (callers then cache nothing). Computed once. */
hash128 hash_program(void);
/* The running program's build ID (the linker's digest of all it linked,
 * from its ELF notes in memory): its length, 0 when it has none. */
size_t hash_build_id(const unsigned char **id);

hash_state *hash_begin(void);
void hash_add(hash_state *st, const void *data, size_t len);
void hash_add_str(hash_state *st, const char *s);   /* NULL allowed */
static inline void hash_add_u64(hash_state *st, uint64_t n);
static inline void hash_add_hash(hash_state *st, hash128 h);
/* Returns the digest and frees the state. */
hash128 hash_end(hash_state *st);

/* Pieces gather in buf and reach XXH3 a buffer at a time (hash.c). The
 * state is here only so that its commonest pieces, numbers and digests
 * (a million of them in a one-edit rebuild of 10,000 posts), are stored
 * without a call; nothing else looks inside it. */
#define HASH_BUF 1024

struct hash_state {
	struct XXH3_state_s *x;   /* NULL until buf first fills */
	size_t n;
	unsigned char buf[HASH_BUF];
};

/* hash_add_u64 when buf has no room for it. */
void hash_add_u64_full(hash_state *st, uint64_t n);

/* n's 8 bytes at b, little-endian on any host (the compiler makes one
 * store of them). */
static inline void hash_le64(unsigned char *b, uint64_t n)
{
	b[0] = (unsigned char)n;
	b[1] = (unsigned char)(n >> 8);
	b[2] = (unsigned char)(n >> 16);
	b[3] = (unsigned char)(n >> 24);
	b[4] = (unsigned char)(n >> 32);
	b[5] = (unsigned char)(n >> 40);
	b[6] = (unsigned char)(n >> 48);
	b[7] = (unsigned char)(n >> 56);
}

static inline void hash_add_u64(hash_state *st, uint64_t n)
{
	if (st->n > HASH_BUF - 8) {
		hash_add_u64_full(st, n);
		return;
	}
	hash_le64(st->buf + st->n, n);
	st->n += 8;
}

static inline void hash_add_hash(hash_state *st, hash128 h)
{
	hash_add_u64(st, h.lo);
	hash_add_u64(st, h.hi);
}

#endif
