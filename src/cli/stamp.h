/* stamp: the proof, kept in the cache folder, that a build's output still
 * stands, so that a rebuild with nothing changed reads no file at all.
 *
 * After a good build the stamp records the build's key (the program, the
 * options but --jobs, the language and zone settings, the source and
 * output folders, the commit and HEAD), what the build read (the folders
 * it listed and files it opened, source/journal.h) with a digest of their
 * stat data, when the site has search the analyser's files (libvoikko,
 * its dictionary, libstemmer: morph_files, stat'ed again on reuse by
 * morph_files_stand, which loads no library), "today" and the next instant at which the output changes by
 * itself, the output manifest's identity, and every warning. A later
 * build reuses the output when all of it is the same, today is still
 * before that next change, and every output file is as the manifest says
 * it was written; it then tells the same warnings again and writes
 * nothing. Anything else, or any doubt, is a full build.
 *
 * A file changed while the stamped build ran (its change time is not
 * before the build began, with a margin for coarse file system clocks)
 * leaves no stamp: that build may have read it before the change. */
#ifndef SAITTI_STAMP_H
#define SAITTI_STAMP_H

#include "build.h"
#include "../output/lastbuild.h"
#include "../source/source.h"

typedef struct stamp stamp;

/* Starts watching a build of r from src: tees d to keep its warnings.
 * NULL when no stamp applies (--next-change, a build with a hook or a
 * sink such as check's, no cache folder). */
stamp *stamp_begin(const build_req *r, source *src, diag *d);
/* 1 when the last build's output stands: its warnings went to d again
 * and st holds its counts; 0 when the site must be built (the stamp is
 * then removed first, so a build that fails leaves none). */
int stamp_reuse(stamp *t, build_stats *st);
/* 1 when stamp_reuse, though the inputs changed, found every file the
 * output manifest at manifest lists in the output folder as the last
 * build wrote it: the build may trust that folder (output_trust_target)
 * instead of a second stat of each file. */
int stamp_outputs_stood(const stamp *t, const char *manifest);
/* Else, when the inputs' walk found a change while the test was checking
 * the files, how far it got (for lastbuild_start), or NULL. */
const lastbuild_known *stamp_outputs_known(const stamp *t,
    const char *manifest);
/* After a good build of s whose manifest is manifest (may be NULL: then
 * no stamp), records the stamp (written beside, renamed over). */
void stamp_commit(stamp *t, const site *s, const build_stats *st,
    const char *manifest);
/* The cache folder as the build will find it (NULL when t is NULL). */
const char *stamp_cache(const stamp *t);
/* Stops the tee and frees t (NULL allowed). */
void stamp_end(stamp *t);

#endif
