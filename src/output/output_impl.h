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

/* A file's state in this build (entry.state). The last build's entries
 * (o->old) use state too: OLD_MADE when this build claimed the path,
 * OLD_KEPT when it claimed it to keep the file as it is (output_keep), so
 * that the commit finds the files to remove without a look-up per file.
 * A path of the last build is claimed by setting its old entry's state,
 * atomically: two claims of it still meet, with no lock or map (17,000
 * kept files in a one-edit rebuild). Other paths are claimed in the
 * shards. */
enum { KEPT, WRITTEN, LINKED };
enum { OLD_GONE = 0, OLD_MADE = 1, OLD_KEPT = 2 };

typedef manifest_entry entry;

/* Every job claims its file: the claims are spread over shards by the
 * path's digest, each with its own lock, so that the workers do not queue
 * on one lock (at 17,000 files a one-edit rebuild claimed for 7 ms and
 * waited as long). A path is always in the same shard, so two claims of
 * it still meet. */
#define OUTPUT_SHARDS 16

struct output_shard {
	pthread_mutex_t lock;
	arena *a;
	strmap *map;        /* path → entry */
	entry **news;
	size_t n, cap;
};

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
	manifest_list old_list;   /* the last manifest; old is its entries */
	entry *old;
	size_t nold;
	strmap *old_map;
	struct output_shard shards[OUTPUT_SHARDS];
	/* This build's files, gathered from the shards and the old entries
	 * kept when the workers are done (output_settle), in no order that
	 * matters. */
	entry **news;
	size_t nnew;
	pthread_mutex_t lock;   /* guards what follows */
	arena *a;
	strmap *dirs;           /* folders made in the new folder */
	size_t written, kept, skipped;
	size_t nmade_old;       /* old entries whose path this build made */
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
/* This build's entry for path, or NULL. */
const entry *output_new_entry(const output *o, const char *path);
/* Gathers the claims into o->news (once every claim is made). */
void output_settle(output *o);
/* The last build's entry for path, or NULL. */
const entry *output_old_entry(const output *o, const char *path);
/* Closes and frees everything o holds (the new folder is left). */
void output_free(output *o);

#endif
