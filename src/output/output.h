/* output: writes the built site so that it appears all at once or not at
 * all. Files go to a fresh folder beside the target (same file system);
 * output_commit() swaps it in with renameat2(RENAME_EXCHANGE) where the
 * kernel has it (two renames otherwise) and removes the old tree;
 * output_abort() removes the new one and leaves the target as it was.
 *
 * A file whose bytes equal the previous build's is hard-linked from it
 * instead of written, so unchanged files keep their inode and modification
 * time and a deploy (rsync, object store) moves only real changes; files
 * the new build does not write are gone after the swap.
 *
 * output_write() is thread-safe (workers write different paths). Paths are
 * relative to the site root and must not climb out of it. */
#ifndef SAITTI_OUTPUT_H
#define SAITTI_OUTPUT_H

#include <stddef.h>

#include "../core/diag.h"

typedef struct output output;

output *output_begin(const char *dir, diag *d);
/* 0, or -1 after an error (reported). */
int output_write(output *o, const char *path, const char *data, size_t len,
    diag *d);
int output_commit(output *o, diag *d);
void output_abort(output *o);

/* Counts for the build summary. */
size_t output_written(const output *o);   /* files with new bytes */
size_t output_kept(const output *o);      /* unchanged, linked */

#endif
