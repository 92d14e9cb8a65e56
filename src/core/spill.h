/* spill: bytes a build makes once and reads a few times later (each
 * document's rendered Markdown), kept in a file of the cache folder
 * instead of the heap, and read through a shared read-only map of it.
 *
 * The file has no name (O_TMPFILE): nothing is left behind, whatever way
 * the build ends. Written bytes live in the kernel's page cache; they are
 * in the process's resident memory only while pages of the map are
 * touched, and spill_release() gives those pages back (the bytes stay in
 * the file, a later read faults them in again). So the build's peak
 * memory holds the pages read since the last release, not every
 * document's text. On a tmpfs cache folder the file is still memory, the
 * kernel's and not the process's; on a disk the kernel may write it out.
 *
 * Strings put in the spill stay valid, at the same address, until
 * spill_free(). Every call is thread-safe. */
#ifndef SAITTI_SPILL_H
#define SAITTI_SPILL_H

#include <stddef.h>

typedef struct spill spill;

/* The largest spill: the map is reserved at this size when the spill is
 * opened (address space only), so that strings never move. 250,000 posts
 * make about 1 GB; a put that would pass the end fails (the caller keeps
 * its bytes in memory). */
#define SPILL_MAX_BYTES ((size_t)16 << 30)

/* A spill in folder dir (which must exist), or NULL when none can be made
 * (no folder, a file system without unnamed files, no address space):
 * callers then keep their bytes in memory, as a build without a spill
 * did. */
spill *spill_open(const char *dir);
/* Like spill_open with a smaller end, for tests. */
spill *spill_open_max(const char *dir, size_t max);
/* Closes the file and its map; every string from it is gone. NULL is
 * allowed. */
void spill_free(spill *sp);

/* Writes the n strings in[0..n) into the spill, one after another, each
 * with its NUL, in one write; out[k] is then in[k]'s copy. 0, or -1 when
 * the write failed or the spill is full (out is not touched: the caller
 * keeps in[] itself). A NULL in[k] gives a NULL out[k]. sp may be NULL
 * (always -1). */
int spill_strs(spill *sp, const char *const *in, size_t n,
    const char **out);

/* Writes the n bytes at p into the spill; their copy, or NULL when the
 * write failed or the spill is full (nothing is kept then). n 0 gives
 * NULL. */
const char *spill_put(spill *sp, const void *p, size_t n);

/* Gives back the resident pages of the map: the strings stay valid and
 * are read from the file again when next touched. Safe while other
 * threads read strings. */
void spill_release(spill *sp);

/* Bytes written so far (the file's size), for measuring. */
size_t spill_bytes(const spill *sp);

#endif
