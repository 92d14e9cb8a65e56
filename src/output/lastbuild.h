/* lastbuild: the last build's files, from its manifest (manifest.h),
 * indexed by path; read on a thread of its own while the site loads.
 *
 * Reading and checking the manifest of 17,000 files and indexing it takes
 * ~5 ms, which output_begin did alone while the other core waited. The
 * manifest's name is known before the site loads (the stamp finds the
 * cache folder), so the build starts the read then; output_begin takes
 * the result once it holds the output's lock, and only when the manifest
 * has not changed since and is the target's, else it reads it again. The
 * read only reads: the thread writes nothing anywhere.
 *
 * A file stat'ed here and changed by hand before the output's lock is
 * taken goes unnoticed, as one changed between the render's stat and the
 * commit always did; a build that commits into the folder meanwhile
 * rewrites the manifest, and the take then refuses the whole read. */
#ifndef SAITTI_LASTBUILD_H
#define SAITTI_LASTBUILD_H

#include <stddef.h>
#include <stdint.h>

#include "../core/strmap.h"
#include "manifest.h"

typedef struct lastbuild_files {
	manifest_list m;
	strmap *map;   /* path → manifest_entry in m */
} lastbuild_files;

/* Reads manifest for the folder with device dev and inode ino and
 * indexes it: 0 and f filled (free with lastbuild_files_free), or -1
 * when it is missing, damaged, another folder's or names a path twice. */
int lastbuild_read(const char *manifest, uint64_t dev, uint64_t ino,
    lastbuild_files *f);
void lastbuild_files_free(lastbuild_files *f);

typedef struct lastbuild lastbuild;

/* Starts reading manifest, the manifest of the output folder out, on a
 * thread; NULL when none can start. With check, the thread then lstats
 * each file the manifest lists in that folder and marks the entries it
 * finds as written (manifest_entry.stood), so that the render need not
 * stat them (one stat a kept page, ~25 ms of CPU at 17,000 files, on the
 * load's idle core instead); the take stops the pass where it is, and
 * the entries it did not reach are stat'ed by the render. Without check
 * (the stamp's test already found every file standing) no file is
 * stat'ed. */
typedef struct lastbuild_known lastbuild_known;
lastbuild *lastbuild_start(const char *out, const char *manifest,
    int check, const lastbuild_known *known);
/* What the caller found already (the stamp's test, cli/stamp.h): the
 * first upto entries of the manifest with this identity (lstat's device,
 * inode, size and change time in ns) stand. The pass marks them, and
 * stats from there, when the manifest it reads is still that one. */
struct lastbuild_known {
	size_t upto;
	int64_t dev, ino, size, mtime;
};
/* Waits for the read and stats, on the caller's thread, what the
 * thread's stat pass has not reached (else the take stops the pass where
 * it is): for a caller with nothing else to do, and the tests. */
void lastbuild_check_all(lastbuild *lb);
/* Waits for the read; 0 and f filled (the caller owns it) when it read
 * manifest for the folder dev/ino and the file is still the one read,
 * else -1. lb may be NULL (-1). Once only. */
int lastbuild_take(lastbuild *lb, const char *manifest, uint64_t dev,
    uint64_t ino, lastbuild_files *f);
/* Waits for the read and frees what was not taken (NULL allowed). */
void lastbuild_free(lastbuild *lb);

#endif
