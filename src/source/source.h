/* source: where the site's files come from — a working tree on disk, or
 * the tree of one commit read through libgit2 (no checkout; works in a
 * bare repository). The only module that reads the site's files.
 *
 * Paths are relative to the site root ("content/blogi/x.md"), '/'
 * separated. Files and folders whose names start with '.' are not listed.
 * Not thread-safe: the build reads its sources on one thread. */
#ifndef SAITTI_SOURCE_H
#define SAITTI_SOURCE_H

#include <stddef.h>

#include "../core/arena.h"
#include "../core/buf.h"
#include "../core/diag.h"
#include "../core/limits.h"

typedef struct source source;

/* Largest file saitti reads; a larger one is an error. Markdown and YAML
 * files, the build's total and the number of files have limits of their
 * own: see core/limits.h. */
#define SOURCE_MAX_FILE LIMIT_FILE_BYTES

/* Opens the working tree at dir. When dir is inside a git repository, the
 * repository is opened too (for history), else source_repo() is NULL. */
source *source_open_dir(const char *dir, diag *d);
/* Opens dir as a git repository (bare or not) and reads everything from
 * the tree of rev (a branch, tag or commit id). NULL after an error. */
source *source_open_rev(const char *dir, const char *rev, diag *d);
void source_free(source *s);

/* Every file under prefix ("content/"), sorted by path; paths live in a.
 * No symbolic link is followed, in a working tree or a revision: each is
 * reported as an error (once; a loop as a loop) and skipped, so both
 * modes read the same files and nothing below .git or outside the site
 * is ever read. Returns the count. */
size_t source_list(source *s, const char *prefix, arena *a,
    const char ***paths, diag *d);

/* Reads path, following no link on the way. Returns 0 and the bytes
 * (NUL-terminated, in a), or -1 after reporting an error (missing,
 * unreadable, too large, a link, not a plain file). */
int source_read(source *s, const char *path, arena *a, const char **data,
    size_t *len, diag *d);
/* source_read, and when id is not NULL, the file's identity as the read
 * found it (the stat of the open file, made before its bytes were read;
 * zero for a revision): for a caller that would otherwise stat it first
 * (source_ident_of), one system call fewer a file. */
struct source_ident;
int source_read_ident(source *s, const char *path, arena *a,
    const char **data, size_t *len, struct source_ident *id, diag *d);
/* 1 when path is a plain file, or a link there (which source_read then
 * refuses, saying why). */
int source_exists(source *s, const char *path);
/* 1 when path is the site's own plain file, reached through no link: a
 * look that reports nothing (a link is reported once, when read). */
int source_is_plain(source *s, const char *path);

/* Appends the record of what the build read (source/journal.h): the
 * folders listed and files opened in a working tree, a revision's commit
 * id, and the installed themes' files. */
void source_inputs(source *s, buf *out);

/* The libgit2 repository (a git_repository *), or NULL; and the commit the
 * tree came from (a const git_oid *), NULL for a working tree. */
void *source_repo(source *s);
const void *source_commit(source *s);
/* The working-tree directory, or NULL when reading a revision. */
const char *source_dir(source *s);
/* Where the site's own files live: the working tree, or for a revision the
 * repository's working folder (its git folder when bare). */
const char *source_home(source *s);
/* The repository's git directory and its common directory (they differ
 * in a linked worktree), or NULL without a repository. */
const char *source_git_dir(source *s);
const char *source_git_common_dir(source *s);
/* 1 when source_repo would not wait: a working tree's repository is
 * looked for on a thread of its own, which the first of the calls above
 * waits for. */
int source_repo_ready(source *s);
/* The commit HEAD named when the repository was opened (a const git_oid
 * *), NULL without one. */
const void *source_head(source *s);

/* What tells a working tree's file from an earlier version of it without
 * reading it: for model/loadmemo, which keeps what a file gave an earlier
 * build of the same process. */
typedef struct source_ident {
	unsigned long long dev, ino, size, mode;
	long long mtime_ns, ctime_ns;
} source_ident;
/* 0 and *id for path, a plain file of the working tree (a link at its
 * last part is not followed: -1); -1 for a revision, and reports
 * nothing. */
int source_ident_of(source *s, const char *path, source_ident *id);
/* A plain file's stat as a walk made before the build read anything
 * found it (the stamp's test, cli/stamp.c): source_ident_of answers with
 * it instead of a stat of its own, which saves one a Markdown file on a
 * rebuild. root is the real path the walk started from (this source's
 * working tree or its installed themes'; another is ignored), rel the
 * file below it. */
struct stat;
void source_remember(source *s, const char *root, const char *rel,
    const struct stat *st);
/* The other way: 1 and *st (type, inode, size, times) when a walk
 * before the build remembered rel (source_remember), so the stamp's walk
 * after the build need not stat it again; else 0. The identities
 * source_ident_of makes with its own stats are not kept (memory); those
 * the parse hands over are (source_keep_read). */
int source_known(source *s, const char *root, const char *rel,
    struct stat *st);
/* The identities this build's parse took of the files it read: n paths
 * in strcmp order (the strings the caller's, alive as long as
 * source_known may be asked; the array copied) and an identity each
 * (ino 0: none; ids malloc'ed, taken and freed by s). Then source_known
 * answers for them too: the stamp's walk after a full build names the
 * files as they were read, without a stat each. Paths out of order are
 * not kept. */
void source_keep_read(source *s, const char *const *paths,
    source_ident *ids, size_t n);

/* For a listing kept between builds (model/listcache.h), working trees
 * only. source_list_folders: source_list, and each folder the walk read
 * (prefix's own, without its '/', first). source_folder_ident: 0 and
 * *id (size 0) for path, a folder reached through no link; -1 else.
 * source_take_listing: n files of prefix listed from such a record, as
 * source_list would have listed them (recorded for the stamp, counted
 * against LIMIT_FILES); -1 when source_list must walk instead (a
 * revision, a theme prefix, or the limit would be passed: the walk says
 * so). */
size_t source_list_folders(source *s, const char *prefix, arena *a,
    const char ***paths, const char ***folders, size_t *nfolders, diag *d);
int source_folder_ident(source *s, const char *path, source_ident *id);
int source_take_listing(source *s, const char *prefix, size_t n);

/* The latest modification or change time (ns since the epoch) of the
 * working-tree files this source and its fallback (the installed
 * theme) have statted or read so far; 0 when none. A stamp cannot be kept for a build whose inputs are this new
 * (cli/stamp.c), so it need not look at the files again to know. */
long long source_newest(source *s);
/* For a file of n bytes taken from memory instead of source_read: counts
 * it against the build's limits and records it as read, as source_read
 * does. 0, or -1 after reporting. Thread-safe like source_read. */
int source_reuse(source *s, const char *path, size_t n, diag *d);
/* source_read of a file this build has counted already (source_reuse),
 * whose bytes it now needs: not counted against the build's limits
 * again. Thread-safe like source_read. */
int source_read_again(source *s, const char *path, arena *a,
    const char **data, size_t *len, diag *d);

#endif
