/* output: writes the built site so that a failed build changes nothing and
 * a good one changes only what it must.
 *
 * Files go first to a fresh folder beside the target (same file system);
 * nothing in the target is touched before output_commit(), so a failed
 * build leaves the previous site as it was (output_abort() removes the new
 * folder).
 *
 * A manifest (a file in the cache folder, never in the output) lists every
 * file of the last build: a digest of its bytes, the key of its input, and its
 * inode, size and modification time, which tell whether the file is still
 * the one saitti wrote. With it, a file whose bytes (or whose input key)
 * are unchanged is left where it is: it keeps its inode and modification
 * time, so a deploy (rsync, object store) moves only real changes.
 *
 * output_commit() then puts the new files in place in one of two ways:
 * - in place, when fewer than half the files changed: each new or changed
 *   file is renamed over its old version (so every file is always whole);
 *   files that did not exist before go first and stale files are removed
 *   last, so no page links, even for a moment, to a page that is not
 *   there;
 * - by a swap, when there is no usable manifest or most files changed: the
 *   unchanged files are hard-linked into the new folder, which is swapped
 *   in with renameat2(RENAME_EXCHANGE) (two renames on kernels without it)
 *   and the old tree removed.
 * A target that is a mount point cannot be swapped: the new folder is then
 * made inside it and every build commits in place, removing afterwards
 * whatever the build did not make.
 * Every build writes the marker outguard.h describes at the root.
 * Builds into the same target wait for each other (flock on the parent
 * folder).
 *
 * output_write() and output_keep() are thread-safe (workers write
 * different paths). Paths are relative to the site root and must not climb
 * out of it. */
#ifndef SAITTI_OUTPUT_H
#define SAITTI_OUTPUT_H

#include <stddef.h>

#include "../core/diag.h"
#include "../core/hash.h"

typedef struct output output;
struct lastbuild;

/* manifest: the manifest's file, or NULL to keep none (then every file is
 * compared byte by byte with the target's). */
output *output_begin(const char *dir, const char *manifest, diag *d);
/* The same, taking the manifest from lb (lastbuild.h; may be NULL) when
 * lb read it and it still stands. */
output *output_begin_from(const char *dir, const char *manifest,
    struct lastbuild *lb, diag *d);
/* An output that writes nothing: each file's bytes go to file() as they
 * are made (on the render's workers: it must be thread-safe), with the
 * key they were made from (zero when none), and a page for which skip()
 * (may be NULL) says 1 is not made at all, nor one for which keep() (may
 * be NULL) says it holds what the page's key gives (from its own record
 * of a run before). open() (may be NULL) is told the site's cache folder
 * (NULL: none) once, before any file. Two pages with one path are still
 * an error; commit and abort only free it. `saitti check` scans the
 * pages this way instead of reading them back. */
typedef struct output_sink {
	void (*file)(void *ctx, const char *path, hash128 key,
	    const char *data, size_t len);
	int (*skip)(void *ctx, const char *path);
	int (*keep)(void *ctx, const char *path, hash128 key);
	void (*open)(void *ctx, const char *cache_dir);
	void *ctx;
} output_sink;
output *output_begin_sink(const output_sink *sink);
/* The target is this process's own folder, which nothing else writes
 * (saitti serve's temporary site), or one whose files a stat of each has
 * just found as the manifest lists them (the stamp's reuse test): a file
 * the manifest lists is taken to be as the last build left it, without
 * a stat of each (17,000 at 10,000 posts). A commit that stops half-way still leaves no manifest. Call
 * before the first write. */
void output_trust_target(output *o);
/* 0, or -1 after an error (reported). */
int output_write(output *o, const char *path, const char *data, size_t len,
    diag *d);
/* The same, remembering key: the digest of everything the bytes were made
 * from, so that the next build can skip making them (output_keep). */
int output_write_keyed(output *o, const char *path, hash128 key,
    const char *data, size_t len, diag *d);
/* 1 when the last build wrote path from the same (non-zero) key and the
 * file is still as it was written: then it counts as written by this build
 * and the caller need not make it. 0 when it must be made, -1 after an
 * error (two pages with one path). */
int output_keep(output *o, const char *path, hash128 key, diag *d);
int output_commit(output *o, diag *d);
void output_abort(output *o);

/* Counts for the build summary. */
/* Whether the last build's manifest of this folder was read (files can
 * be kept by their keys: a rebuild, not a first build). */
int output_has_last(const output *o);
size_t output_written(const output *o);   /* files with new bytes */
size_t output_kept(const output *o);      /* unchanged, left as they were */
size_t output_skipped(const output *o);   /* of those, by output_keep */

#endif
