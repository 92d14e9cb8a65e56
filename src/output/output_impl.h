/* output_impl: what output.c (begin, writing) shares with commit.c
 * (putting a finished build in place): the handle's fields and the
 * helpers both use. Internal to output; everything else uses output.h. */
#ifndef SAITTI_OUTPUT_IMPL_H
#define SAITTI_OUTPUT_IMPL_H

#include <pthread.h>
#include <stddef.h>

#include "../core/arena.h"
#include "../core/strmap.h"
#include "manifest.h"
#include "output.h"

/* A file's state in this build (entry.state). */
enum { KEPT, WRITTEN, LINKED };

typedef manifest_entry entry;

struct output {
	char *dir;        /* the target, as given */
	char *tmp;        /* the folder being filled */
	char *manifest;   /* the manifest's file in the cache folder */
	int lockfd;       /* the parent folder, flocked */
	int tmpfd;        /* the new folder, for the *at calls */
	int dirfd;        /* the target, when it exists */
	int had_old;      /* the target existed */
	int mount;        /* the target is a mount point: the new folder is
	                   * made inside it and the commit is always in
	                   * place (a mount point cannot be swapped) */
	/* The last build's files, from a manifest that matches the target:
	 * 0 when there was none (every file is then compared byte by byte). */
	int have_old;
	char *old_buf;
	entry *old;
	size_t nold;
	strmap *old_map;
	pthread_mutex_t lock;   /* guards what follows */
	arena *a;
	strmap *new_map;
	strmap *dirs;           /* folders made in the new folder */
	entry **news;
	size_t nnew, capnew;
	size_t written, kept, skipped;
	const output_sink *sink;   /* write nothing: hand over (check) */
	int trusted;               /* output_trust_target */
};

int output_is_dir(const char *p);
/* Removes dir and everything below it, following no link. */
void output_rm_tree(const char *dir);
/* The manifest of this build's files, for the target as it is now. */
int output_write_manifest(output *o);
/* Makes path's folders under the folder fd; 0, or -1. */
int output_make_parents(int fd, const char *path);
/* The last build's entry for path, or NULL. */
const entry *output_old_entry(const output *o, const char *path);
/* Closes and frees everything o holds (the new folder is left). */
void output_free(output *o);

#endif
