/* source_impl: what source.c and listing.c share, internal to
 * src/source: the source itself and the link rules both apply. */
#ifndef SAITTI_SOURCE_IMPL_H
#define SAITTI_SOURCE_IMPL_H

#include <git2.h>
#include <pthread.h>
#include <stdatomic.h>

#include "../core/arena.h"
#include "../core/diag.h"
#include "../core/pool.h"
#include "../core/strmap.h"
#include "journal.h"
#include "source.h"

struct entry {
	const char *path;
	git_oid oid;
	int is_link;
};

struct source {
	char *dir;          /* working tree, or NULL */
	int root;           /* dir, open (-1 when it could not be) */
	strmap *links;      /* symbolic links reported, each once */
	git_repository *repo;   /* read through repo_of (source.c) */
	/* A working tree's repository is found on a thread of its own
	 * (open_repo); repo_done: it has run. */
	pool_task *repo_task;
	atomic_int repo_done;
	pthread_mutex_t repo_lock;
	git_oid head;       /* HEAD as the repository was opened */
	int has_head;
	git_oid commit;
	int has_commit;
	/* For a revision: every blob of the tree, sorted by path. */
	struct entry *entries;
	size_t nentries, capentries;
	arena *a;
	/* The installed themes (a folder holding themes/): a file under
	 * themes/ that the site does not have is read from here. */
	source *fallback;
	/* Against LIMIT_BUILD_BYTES (working-tree files are read by the
	 * parse workers, so atomic) and LIMIT_FILES. */
	atomic_ullong bytes_read;
	size_t files_listed;
	/* The latest modification or change time of a file the build
	 * statted or read, ns (see source_newest). */
	atomic_llong newest;
	journal *journal;   /* what a working tree gave the build */
	/* Plain files' identities as a walk before this build found them
	 * (source_remember): path -> source_ident, in idents_a, under
	 * idents_lock. */
	strmap *idents;
	arena *idents_a;
	pthread_rwlock_t idents_lock;   /* read by every parse worker */
	/* The identities the build's parse took (source_keep_read): paths
	 * sorted (the caller's strings), an identity each. */
	const char *const *read_paths;
	source_ident *read_ids;
	size_t nread;
};

/* The order of a listing's paths (qsort, bsearch on const char *). */
int source_cmp_path(const void *a, const void *b);
/* 1 for a path under themes/ (the installed themes may have it). */
int source_theme_path(const char *path);
/* rel under the working tree, following no link on the way (safeopen):
 * the descriptor, or -1 with *link the length of rel's part that is a
 * link (0: none). */
int source_open_in(source *s, const char *rel, int flags, size_t *link);
/* Each link is an error, told once, naming it; loop: it leads back to
 * itself. */
void source_link_error(source *s, const char *path, int loop, diag *d);
/* source_link_error for the link at the first len bytes of rel. */
void source_report_link(source *s, const char *rel, size_t len, arena *a,
    diag *d);

#endif
