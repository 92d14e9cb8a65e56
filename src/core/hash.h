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
void hash_add_u64(hash_state *st, uint64_t n);
void hash_add_hash(hash_state *st, hash128 h);
/* Returns the digest and frees the state. */
hash128 hash_end(hash_state *st);

#endif
