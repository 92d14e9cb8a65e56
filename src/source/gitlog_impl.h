/* gitlog_impl: what gitlog.c shares with histwalk.c, its walk over new
 * commits: the handle's fields and the helpers both use. Internal to
 * gitlog; everything else uses gitlog.h. */
#ifndef SAITTI_GITLOG_IMPL_H
#define SAITTI_GITLOG_IMPL_H

#include <git2.h>

#include "../core/arena.h"
#include "gitlog.h"

struct gitlog {
	git_repository *repo;
	int worktree;
	int has_head;
	git_oid head;
	const char *prefix;      /* the site folder in the work tree: "" */
	const char *content;     /* prefix + "content" */
	const char *home;
	git_index *index;        /* a working tree's index */
	git_oid *shallow;        /* the shallow clone's edge, sorted */
	size_t nshallow;
	unsigned char shallow_digest[20];
	histgraph *g;
	int warned_missing;
	gitlog_same_fn same;     /* NULL: every edit is a change */
	arena *a;
};

/* libgit2's last error message, or a stand-in. */
const char *git_msg(void);
/* Is id a commit whose parents a shallow clone lacks? */
int is_shallow_edge(const gitlog *l, const git_oid *id);
/* The content/ subtree of a commit: 1 and its id, 0 when the commit has
 * none, -1 on error. */
int commit_content(git_commit *c, const char *content, git_oid *out);
/* The same for the commit with id commit. */
int content_tree_id(git_repository *repo, const char *content,
    const git_oid *commit, git_oid *out);

#endif
