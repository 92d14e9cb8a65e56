/* listcache: a working tree's list of files under a folder as the last
 * build walked it, kept in the cache folder, so that a rebuild after an
 * edit reads no folder of ten thousand files (issue 17).
 *
 * A folder's modification and change times move whenever a name in it is
 * added, removed or renamed, a file or folder replaced by another or by a
 * link included. So when every folder the walk read is there again, a
 * plain folder reached through no link with the same device, inode and
 * times, the walk would list the same files: the record's list is used.
 * A record is kept only when the walk reported nothing (a link, an
 * unreadable folder: the walk says it again every build) and no folder
 * changed within RACY_NS of it (a coarse clock could give a later change
 * the same times). Anything else, a damaged or foreign record included,
 * is a walk. The record carries the program's digest, the source
 * folder, the prefix and a checksum, and is opened without following
 * links. */
#ifndef SAITTI_LISTCACHE_H
#define SAITTI_LISTCACHE_H

#include <stddef.h>

#include "../core/arena.h"
#include "../core/diag.h"
#include "../source/source.h"

/* source_list(src, prefix, ...) through the record in file (NULL: just
 * source_list). The paths are sorted, in a. */
size_t listcache_list(source *src, const char *prefix, const char *file,
    arena *a, const char ***paths, diag *d);

#endif
