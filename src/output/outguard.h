/* outguard: may a build write to this output folder?
 *
 * A build replaces the whole output folder (output.h), so a wrong --out
 * would destroy what is there. Before anything is written, the output is
 * refused (with a message saying what to do) when
 * - it is, is inside, or holds the git directory of the site (.git, or a
 *   bare repository with --rev, its objects/ included), or any other git
 *   directory (a folder holding HEAD, objects/ and refs/, or a .git);
 * - it is, is inside or holds one of the site's inputs (content/, themes/,
 *   site.yaml), or holds the site's folder itself;
 * - it is, is inside or holds the cache folder;
 * - it is `/` or the home folder, or holds one of them;
 * - it is an existing folder that is not empty and not known to be
 *   saitti's own output, unless the operator says --force.
 * Paths are compared after resolving symbolic links in the part of each
 * path that exists (outguard_resolve), so a link or a `..` cannot hide an
 * overlap.
 *
 * "saitti's own output" is a folder holding the marker file
 * OUTGUARD_MARKER, which every build writes at the output's root, or one
 * that the output manifest in the cache names (builds made before the
 * marker existed: their web roots keep building). The marker is published
 * with the site, so it holds one fixed sentence and nothing else: no path,
 * no user, no time, no version. */
#ifndef SAITTI_OUTGUARD_H
#define SAITTI_OUTGUARD_H

#include <stddef.h>

#include "../core/diag.h"

#define OUTGUARD_MARKER ".saitti-output"
#define OUTGUARD_MARKER_TEXT "This folder is built by saitti. " \
    "Each build replaces everything in it.\n"

typedef struct outguard_req {
	const char *out;         /* --out as given */
	const char *site;        /* the site's folder (source_home) */
	const char *gitdir;      /* the repository's git directory, or NULL */
	const char *commondir;   /* its common directory (worktrees), or NULL */
	const char *cache;       /* the cache folder, or NULL */
	const char *manifest;    /* the cache's output manifest for out, or
	                          * NULL */
	int force;               /* --force: replace a folder not known */
} outguard_req;

/* 0 when the build may write to r->out; -1 after reporting why not
 * (to d, as errors on r->out). */
int outguard_check(const outguard_req *r, diag *d);

/* path as an absolute path with symbolic links resolved in its longest
 * existing part and `.`/`..` resolved in the rest; malloc'd, NULL when
 * it cannot be resolved (no such parent, too long). */
char *outguard_resolve(const char *path);

/* For two resolved paths: 1 when path is dir or inside it. */
int outguard_within(const char *path, const char *dir);
/* 1 when a and b are one folder or one holds the other. */
int outguard_overlap(const char *a, const char *b);

/* 1 when dir is the root of a mounted file system (a Docker volume, its
 * own partition, a bind mount), where it cannot be renamed or swapped. */
int outguard_is_mount(const char *dir);

#endif
