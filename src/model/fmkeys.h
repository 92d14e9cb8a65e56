/* fmkeys: the front-matter keys saitti knows, and warnings for what a
 * writer typed that would be dropped without a word.
 *
 * One table lists every key: those saitti reads, those the default theme
 * shows, and the common Jekyll and Hugo fields it accepts silently (an
 * imported post keeps them; some are mapped on import). Keys are matched
 * without regard to case (Hugo writes Title and Date). Anything else gets
 * a warning, with "did you mean" from a small table of Finnish and
 * Swedish words (paikka → location, otsikko → title) or a near spelling
 * (loaction → location).
 *
 * Also warned about, since each silently loses what the writer wrote:
 * `image:` without `image_alt:`, and a plain value cut short by a YAML
 * comment (`title: Kevään tapahtumat #LAPE` is "Kevään tapahtumat").
 * Warnings only: the build goes on (check --strict fails on them). */
#ifndef SAITTI_FMKEYS_H
#define SAITTI_FMKEYS_H

#include <stddef.h>

#include "../core/diag.h"
#include "../core/value.h"

/* 1 when key is one of the table's, in any case. */
int fmkeys_known(const char *key);

/* The key a writer most likely meant by an unknown one, or NULL. */
const char *fmkeys_suggest(const char *key);

/* Warns about meta (a parsed front matter map, with the items of an
 * `events:` list too). text is the whole file the positions count in
 * (NULL to skip the checks that need it). Returns the warnings given. */
int fmkeys_check(const char *file, const value *meta, const char *text,
    size_t len, diag *d);

#endif
