/* journal: what a build read from a working tree — the folders it listed
 * and the files it opened — so that a later build can tell, by a stat
 * pass alone, that none of it changed (cli/stamp.h).
 *
 * The record is text: a root line, then one line per folder listed
 * (everything below it counts) and per file opened outside those, each
 * as `KIND LEN:PATH`. The digest covers each file's and folder's type,
 * inode, size, modification and change times: an edit, a touch, a new or
 * removed file (its folder's times change) or a file turned into a link
 * all change it. Hidden names (starting with '.') are not listed, as the
 * source lists none. */
#ifndef SAITTI_JOURNAL_H
#define SAITTI_JOURNAL_H

#include <stddef.h>
#include <stdint.h>

#include "../core/buf.h"
#include "../core/hash.h"

typedef struct journal journal;

/* root: the working tree the paths are relative to. */
journal *journal_new(const char *root);
void journal_free(journal *j);

/* Thread-safe: parse workers read files. */
void journal_list(journal *j, const char *prefix);
void journal_file(journal *j, const char *path);

/* Appends the record to out: files under a listed folder are left out
 * (the folder's walk covers them). */
void journal_write(journal *j, buf *out);

struct stat;
/* What a caller may do with the walk's files: root is the real path the
 * record names, rel a file's path below it. */
typedef struct journal_hooks {
	/* Told each plain file's stat as the walk finds it. */
	void (*saw)(void *ctx, const char *root, const char *rel,
	    const struct stat *st);
	/* Asked for a plain file's stat before the walk makes one: 1 with
	 * *st filled (mode, inode, size, times) from one the caller took
	 * earlier in this build, else 0. */
	int (*known)(void *ctx, const char *root, const char *rel,
	    struct stat *st);
	void *ctx;
} journal_hooks;

/* The digest of what rec (one or more records, as journal_write wrote
 * them, and `C` lines that callers add for a revision) names, as it is
 * on disk now (a file hooks->known answers for: as its stat says);
 * *newest gets the latest change time seen (nanoseconds
 * since the epoch), for the caller's check that nothing changed while it
 * built. 0, or -1 when rec is not a record. hooks may be NULL. A listed
 * folder is walked on up to threads threads (the digest is the same on
 * any number). */
int journal_digest(const char *rec, size_t len, hash128 *out,
    int64_t *newest, const journal_hooks *hooks, int threads);

/* The real path of the folder j's paths are relative to. */
const char *journal_root(const journal *j);

#endif
