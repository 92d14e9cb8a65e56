/* searchfiles: the list, kept in the cache folder (search-files), of
 * the search index's files the last build wrote (render/search.h): a
 * line with the key of everything the index was made of, then a line a
 * file: its path, the key of what it is made of (output_keep's) and the
 * digest of its bytes, tab-separated, as 32 lowercase hex digits each.
 * A rebuild whose key is the same keeps every file without making any;
 * otherwise a chunk whose key is the same keeps its file. */
#ifndef SAITTI_SEARCHFILES_H
#define SAITTI_SEARCHFILES_H

#include <stddef.h>

#include "../core/arena.h"
#include "../core/buf.h"
#include "../core/hash.h"
#include "../core/strmap.h"

/* A file of the last build. */
typedef struct searchfiles_entry {
	hash128 key, sum;
} searchfiles_entry;

/* Reads the list at file (NULL allowed): the key into *was, each path
 * (in a) into *paths (malloc'ed, *n of them) and old (path → entry in
 * a). A line cut or not as written ends the list there. 0, or -1
 * without a list. */
int searchfiles_read(const char *file, hash128 *was, arena *a,
    strmap *old, const char ***paths, size_t *n);

/* A new list made in b: the key, then a line a file; committed to file
 * (written beside, renamed over; left as it was on any failure), which
 * frees b. */
void searchfiles_begin(buf *b, hash128 key);
void searchfiles_add(buf *b, const char *path, hash128 key, hash128 sum);
void searchfiles_commit(buf *b, const char *file);

#endif
