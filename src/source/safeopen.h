/* safeopen: a file or folder below a root folder, opened without
 * following any symbolic link on the way. */
#ifndef SAITTI_SAFEOPEN_H
#define SAITTI_SAFEOPEN_H

#include <stddef.h>

/* rel below the folder root (an open folder, or -1 to open root_path;
 * NULL root_path with no root fails with EBADF),
 * opened with flags, no part of it a link. -1 with errno set; *link,
 * when not NULL, gets the length of the first part of rel that is a
 * link (0 when none). */
int safeopen(int root, const char *root_path, const char *rel, int flags,
    size_t *link);

#endif
