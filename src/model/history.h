/* history: dates and authors from git history (libgit2), for documents
 * whose front matter does not give them. Walked once per build for the
 * whole site (source/gitlog reads it, with a cache; this module decides
 * what it means for each page).
 *
 * When it applies: the source is a git repository (a working tree whose
 * top is the site folder, or any --rev build, bare or not) and site.yaml
 * does not say `git_info: false`. A site in a subfolder of another
 * project's work tree uses history only with `git_info: true`.
 *
 * The rules, front matter always winning:
 *   date     the author date of the commit that added the file, following
 *            renames back (a post moved to another folder keeps it);
 *   updated  the author date of the last commit that revised what a
 *            reader is told (parse/visible: not spacing, reformatting, or
 *            front-matter keys such as tags and author), when that is
 *            another commit and later than the date (a pure rename is not
 *            a change); --now for a file with such uncommitted changes in
 *            a working-tree build;
 *   author   the adding commit's author name, only when site.yaml says
 *            `git_authors: true`: a committer's name is personal data,
 *            so by default no name from git reaches the output (the
 *            post gets its section's or the site's `author`, model/byline);
 *   commit   the short id (7 hex digits) of the last commit that changed
 *            the file (or added it);
 *   feed id  guid_path is the path the file was first committed under,
 *            first_date the document's date (its front matter or file
 *            name date, else the adding commit's). Neither changes when
 *            the file is renamed, moved or its slug changes; a shallow
 *            clone, which cannot see the first commit, still gives the
 *            same id to every post that states its date.
 * A post without a date that is not committed yet is dated --now, with a
 * warning. In a shallow clone history stops at the clone's edge: the
 * build says so once, and files older than the edge get the edge's
 * commit.
 *
 * The cache file is $SAITTI_CACHE/history when that is set, else
 * <cache_dir>/history with site.yaml's `cache_dir` (relative to the site
 * folder, or to the repository for --rev), else .saitti-cache/history in
 * the site folder (in a bare repository: inside the repository). */
#ifndef SAITTI_HISTORY_H
#define SAITTI_HISTORY_H

#include "site.h"

/* NULL when history does not apply (see above), or after an error
 * reported to d. The history belongs to the caller: history_free. */
history *history_load(site *s, diag *d);
/* Fills in date, updated, author, commit and guid facts of docs[0..n)
 * from h (which may be NULL: then only the guid facts, from the document
 * itself). */
void history_apply(site *s, history *h, post **docs, size_t n, diag *d);
/* One line for --verbose on what reading history did ("history: 3 new
 * commits read on top of the cache at 1a2b3c4", or why the cache was not
 * used), or NULL. */
const char *history_note(const history *h);
void history_free(history *h);

#endif
