/* objcheck: a repository's loose objects checked before libgit2 reads
 * them, since libgit2 1.5 (Debian 12) loops forever on a truncated one
 * (libgit2 issue #7342). */
#ifndef SAITTI_OBJCHECK_H
#define SAITTI_OBJCHECK_H

#include <git2.h>

#include "../core/diag.h"

/* Reports to d (at dir) every loose object of repo and of its alternates
 * that is cut short or damaged; returns how many. */
int check_objects(git_repository *repo, const char *dir, diag *d);

#endif
