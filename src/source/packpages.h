/* packpages: the pages of a repository's pack files that libgit2 keeps
 * mapped after the history walk. libgit2 maps each pack (and its index)
 * whole and unmaps it only when the repository is freed, which for a
 * source is at the end of the build: at 10,000 commits ~20 MB of resident
 * pages that no one reads again. */
#ifndef SAITTI_PACKPAGES_H
#define SAITTI_PACKPAGES_H

#include <stddef.h>

/* Drops this process's resident pages of every mapped pack and pack
 * index (madvise MADV_DONTNEED on their read-only mappings: the mappings
 * stay, and a later read by libgit2 faults the bytes in again from the
 * file). Returns the bytes of mappings so advised; 0 where /proc is not
 * there. */
size_t packpages_release(void);

#endif
