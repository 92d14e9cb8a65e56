/* tmpdir: private temporary folders for commands that build somewhere
 * other than --out (`serve`, `check`). */
#ifndef SAITTI_TMPDIR_H
#define SAITTI_TMPDIR_H

/* Makes $TMPDIR/saitti-TAG-XXXXXX (or under /tmp), mode 0700. Returns the
 * malloc'ed path (the caller frees it), or NULL with errno set. */
char *tmpdir_make(const char *tag);
/* Removes dir and everything in it, without following symbolic links.
 * Returns 0, or -1 when something stayed. */
int tmpdir_remove(const char *dir);

#endif
