/* treediff: which files differ between two trees of a git repository,
 * renames included. Reading history makes this comparison for every
 * commit against its parents, so it is made to be cheap: subtrees with
 * equal ids are skipped whole, and the trees read last are kept.
 *
 * Files are blobs and symbolic links; submodules are left out. Renames are
 * looked for only when files were both added and deleted: first those
 * without edits (the same blob id), for any number of files; then those
 * with edits by libgit2's similarity detection (git_diff_find_similar,
 * GIT_DIFF_FIND_RENAMES, its 50 % threshold), skipped, as git's
 * diff.renameLimit does, when more than 400 files are left to pair. A copy
 * (a new file like an old one that stays) is a new file.
 *
 * Not thread-safe: one treecache (and its repository handle) per thread. */
#ifndef SAITTI_TREEDIFF_H
#define SAITTI_TREEDIFF_H

#include <git2.h>
#include <stddef.h>

#include "../core/arena.h"

/* The last 64 trees read, with references of their own; the repository
 * stays the caller's. */
typedef struct treecache treecache;
treecache *treecache_new(git_repository *repo);
void treecache_free(treecache *tc);

enum { TD_ADD, TD_DEL, TD_MOD, TD_REN };

typedef struct td_entry {
	const char *path;   /* in the new tree (TD_DEL: in the old one) */
	const char *from;   /* TD_REN: its path in the old tree, else path */
	git_oid id;         /* its blob (TD_DEL: the old one) */
	git_oid old;        /* TD_MOD, TD_REN: its blob in the old tree */
	int kind;           /* TD_ADD, TD_DEL, TD_MOD or TD_REN */
	int same;           /* TD_REN without edits */
	int paired;         /* TD_DEL: found renamed */
} td_entry;

/* A growable list; td_list_free releases it (its paths are the arena's). */
typedef struct td_list {
	td_entry *v;
	size_t n, cap;
	int adds, dels;
} td_list;

/* Replaces out's entries with the files that differ between trees a and b
 * (either may be NULL: an empty tree), paths relative to the trees and
 * allocated in ar. Returns 0, or -1 after a libgit2 error (git_error_last
 * says which). */
int treediff(treecache *tc, const git_oid *a, const git_oid *b,
    td_list *out, arena *ar);
/* The entry for a file of the new tree, or NULL. */
const td_entry *td_find(const td_list *l, const char *path);
void td_list_free(td_list *l);

#endif
