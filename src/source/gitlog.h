/* gitlog: what git history says about the site's content files, read
 * through libgit2 (never by running git). The source layer's half of the
 * history feature: it reads commits, trees, the working tree's status and
 * the cache file, and hands over plain data (a histgraph and a list of
 * uncommitted changes); model/history decides what the facts mean for
 * each page.
 *
 * History is read once per build for the whole site, from the build
 * commit (HEAD for a working tree, the --rev commit otherwise) down to the
 * roots, all parents included (merges follow git's history
 * simplification, see histgraph.h). For each commit only its content/
 * subtree is compared with its parents', and only where the two trees'
 * ids differ, so a commit that does not touch content/ costs one lookup.
 * Renames follow treediff's rules (exact renames always; renames with
 * edits by libgit2's similarity detection; copies are new files).
 *
 * A cache file keeps the graph between builds, keyed by the build
 * commit's id. When the cached head is an ancestor of the build commit,
 * only the commits between are read; otherwise (a force-push, a rebase,
 * another branch) the graph is made again from scratch. A damaged cache is
 * made again with a warning. Results are the same with and without it. */
#ifndef SAITTI_GITLOG_H
#define SAITTI_GITLOG_H

#include <stddef.h>

#include "../core/arena.h"
#include "../core/diag.h"
#include "histgraph.h"

typedef struct gitlog gitlog;

/* repo is source_repo()'s git_repository; commit is source_commit()'s
 * git_oid, or NULL to build the working tree dir (then HEAD's history).
 * Returns NULL, and says nothing, when history does not apply: the
 * working tree dir is not the top of repo's work tree and `subfolder` is
 * 0 (a site kept in a subfolder of another project uses git history only
 * when its site.yaml asks for it). */
gitlog *gitlog_open(void *repo, const void *commit, const char *dir,
    int subfolder, diag *d);
void gitlog_free(gitlog *l);

/* Tells gitlog how to find edits a reader cannot see: same(path, old
 * bytes, new bytes) returns 1 when the two versions of content/<path>
 * look the same on the site. Such edits are HG_TOUCHED in the graph (they
 * do not make a post "updated"). Called on several threads at once: it
 * must be pure. Set it before gitlog_history; without it every edit is a
 * change. */
typedef int (*gitlog_same_fn)(const char *path, const char *a, size_t na,
    const char *b, size_t nb);
void gitlog_set_same(gitlog *l, gitlog_same_fn same);

/* The folder a cache goes in by default: the site folder for a working
 * tree, the work tree for --rev in a normal clone, the repository itself
 * (".../site.git") for a bare one. */
const char *gitlog_home(const gitlog *l);

/* Reads the history graph (from cache_file when it is usable; cache_file
 * NULL: no cache) and writes the cache back when it changed. The graph
 * belongs to l. *note gets one line for --verbose saying what was done
 * ("history: 12 new commits read on top of the cache at 1a2b3c4"). NULL
 * only after a libgit2 error, reported to d. */
histgraph *gitlog_history(gitlog *l, const char *cache_file,
    const char **note, diag *d);

/* 1 when git has content/<path>, a file the source listed: always for a
 * --rev build (the source read it from that tree); for a working tree,
 * when the index has it — with gitlog_changes, which names the files the
 * index added, this tells HEAD's files from those git ignores. */
int gitlog_has(gitlog *l, const char *path);

/* Uncommitted changes of a working-tree build, under content/; paths are
 * relative to content/. */
typedef struct gitlog_change {
	const char *path;       /* in the working tree */
	const char *head_path;  /* the same file in HEAD (a rename: another
	                         * path), or NULL when HEAD does not have it */
	int modified;           /* its bytes differ from HEAD's */
} gitlog_change;

/* Returns the count and the changes (in a), sorted by path; 0 for a --rev
 * build. -1 after a libgit2 error, reported to d. */
long gitlog_changes(gitlog *l, arena *a, gitlog_change **out, diag *d);

/* The bytes of content/<path> in the head commit, in a: 0, or -1 when
 * the head has no such file (or it cannot be read). */
int gitlog_head_file(gitlog *l, const char *path, arena *a,
    const char **data, size_t *len);

/* The 7-character short id of a commit id, in a. */
const char *gitlog_short_id(arena *a, const unsigned char id[20]);

#endif
