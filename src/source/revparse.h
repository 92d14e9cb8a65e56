/* revparse: what --rev names (a branch, a tag, a commit id) as its
 * commit, with each way that fails told in the writer's words: a name
 * that is not there, a shallow clone's missing history, a reference to a
 * commit that is missing (damage, not a typo), a name no git name can be.
 * Used by source_open_rev; libgit2 only, no source of its own. */
#ifndef SAITTI_REVPARSE_H
#define SAITTI_REVPARSE_H

#include <git2.h>

#include "../core/diag.h"

/* 0 and *commit (the caller frees it with git_object_free), or -1 after
 * reporting against dir. */
int revparse_commit(git_repository *repo, const char *dir, const char *rev,
    git_object **commit, diag *d);

/* libgit2's last error message, or a fixed text when it has none. */
const char *revparse_git_error(void);

#endif
