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

/* The digest of the running program's own file, so that a cache written
 * by another build of saitti is never trusted; zero when it cannot be
 * read (callers then cache nothing). Computed once. */
hash128 hash_program(void);

hash_state *hash_begin(void);
void hash_add(hash_state *st, const void *data, size_t len);
void hash_add_str(hash_state *st, const char *s);   /* NULL allowed */
void hash_add_u64(hash_state *st, uint64_t n);
void hash_add_hash(hash_state *st, hash128 h);
/* Returns the digest and frees the state. */
hash128 hash_end(hash_state *st);

#endif
