/* fmkeys: front matter written for Jekyll or Hugo, read as saitti's.
 *
 * Applied to every front matter map after it is parsed, whatever its
 * format:
 *   - keys are read without regard to case, as Hugo does: "Title" is
 *     "title" (two keys that differ only in case are an error);
 *   - synonyms fill saitti's key when it is not given: excerpt (Jekyll)
 *     and description (Hugo) → summary; lastmod → updated; an authors
 *     list → author; publishdate → date when there is no date;
 *     permalink (Jekyll), a page's old address → aliases (Hugo's url
 *     is left to `saitti import`: events use url for their link);
 *   - categories are merged into tags (one taxonomy: saitti has one tag
 *     page per word, and Jekyll and Hugo sites mostly use both for the
 *     same purpose), and a tags or categories string is split at spaces
 *     as Jekyll does ("tags: ruby jekyll").
 * The originals stay in the map, so a template or the unknown-key check
 * still sees them. publishdate and expirydate are read by the site model.
 * Pure: works on the map. */
#ifndef SAITTI_FMKEYS_H
#define SAITTI_FMKEYS_H

#include "../core/arena.h"
#include "../core/diag.h"
#include "../core/value.h"

void fmkeys_normalise(arena *a, const char *file, value *meta, diag *d);

#endif
