/* cachedir: the folder where saitti keeps what outlives a build (history,
 * Markdown, the output manifest). */
#ifndef SAITTI_CACHEDIR_H
#define SAITTI_CACHEDIR_H

/* Makes dir and its parents as needed. A folder made here gets a
 * .gitignore of "*", so a cache inside a repository never shows in
 * `git status`. 0, or -1 with errno set. */
int cachedir_make(const char *dir);

#endif
