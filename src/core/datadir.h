/* datadir: where saitti's installed data lives — the default theme
 * (themes/), the skeleton of a new site (skel/) — found at run time so a
 * relocated install, a build tree and a package all work. */
#ifndef SAITTI_DATADIR_H
#define SAITTI_DATADIR_H

#include <stddef.h>

/* The folder holding themes/: $SAITTI_DATADIR (set but empty: none),
 * else PREFIX/share/saitti beside PREFIX/bin/saitti, else the repository
 * a build-tree binary (build/saitti) was built in, else the configured
 * DATADIR. A malloc'ed real path, or NULL when there is none. */
char *datadir_find(void);

/* The folder the running binary is in (from /proc/self/exe), into out
 * (n bytes): 0, or -1 when it cannot be told. The catalogues, the theme
 * and the plugins are looked for beside it first. */
int datadir_exe_dir(char *out, size_t n);

#endif
