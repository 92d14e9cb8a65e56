/* manifest: the list of files the last build wrote into an output folder,
 * kept in the cache folder (one per output folder; see output.h).
 *
 * A header line (the output folder's device and inode, the count of files
 * and a checksum of the rest), then per file: key, sum (16 bytes each),
 * size, inode, mtime and path length (8 bytes each, host order: the
 * manifest never leaves this machine), and the path with its NUL. The
 * checksum and a check of every path (core/relpath) guard what a commit
 * will unlink and rename: a damaged or forged manifest is refused whole,
 * and the build compares bytes instead. (Version 1 had no checksum; it is
 * refused too, but still names its folder as saitti's, see outguard.h.) */
#ifndef SAITTI_MANIFEST_H
#define SAITTI_MANIFEST_H

#include <stddef.h>
#include <stdint.h>

#include "../core/hash.h"

/* One file of a build, in the manifest and in memory. */
typedef struct manifest_entry {
	const char *path;
	hash128 key;      /* input key; zero when the writer gave none */
	hash128 sum;      /* the bytes */
	uint64_t size, ino;
	int64_t mtime;    /* nanoseconds */
	int state;        /* output.c's: this build's state of the file */
	int stood;        /* lastbuild's stat pass found the file as it was
	                   * written (manifest_stands), before this build
	                   * took the output's lock */
} manifest_entry;

typedef struct manifest_list {
	const char *buf;            /* the file, mapped; the paths point
	                             * into it */
	size_t buflen;
	manifest_entry *entries;    /* in the file's order */
	size_t n;
} manifest_list;

/* Reads file when it is a whole manifest of this version for the folder
 * with device dev and inode ino, its checksum right and every path safe:
 * 0 and m filled (free with manifest_free), else -1. */
int manifest_read(const char *file, uint64_t dev, uint64_t ino,
    manifest_list *m);
void manifest_free(manifest_list *m);

struct stat;
/* 1 when st (an lstat of e's path in its folder) is still the file e
 * describes: a regular file of the same inode, size and mtime. */
int manifest_stands(const manifest_entry *e, const struct stat *st);

/* Writes es as file's new contents for the folder dev/ino: to a new file
 * beside, renamed over, so a crash leaves the old manifest or the new
 * one. 0, or -1. */
int manifest_write(const char *file, uint64_t dev, uint64_t ino,
    const manifest_entry *const *es, size_t n);

#endif
