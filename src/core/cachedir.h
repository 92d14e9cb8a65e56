/* cachedir: the folder where saitti keeps what outlives a build (history,
 * Markdown, the output manifest). */
#ifndef SAITTI_CACHEDIR_H
#define SAITTI_CACHEDIR_H

/* Makes dir and its parents as needed. A folder made here gets a
 * .gitignore of "*", so a cache inside a repository never shows in
 * `git status`. 0, or -1 with errno set. */
int cachedir_make(const char *dir);

/* For a cache folder named in the repository (site.yaml's cache_dir):
 * 0 when rel, joined to home, stays inside home — relative, no ".."
 * part, and no symbolic link on the way that leads out (the part that
 * exists is resolved). -1 otherwise. A folder outside the repository
 * comes only from the operator ($SAITTI_CACHE, --cache): a pushed commit
 * must not decide where the server writes. */
int cachedir_inside(const char *home, const char *rel);

#endif
