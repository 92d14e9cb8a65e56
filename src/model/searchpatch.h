/* searchpatch: the search index (searchindex.h) of a rebuild after a few
 * documents changed, made from the last build's (searchcache.h) instead
 * of from every document's words again.
 *
 * A document is the same as last build's when its digest (searchindex_key's
 * item) is; the others are gone, or new (an edited document is both).
 * Documents keep their numbers when the same ones stand before them, and
 * are numbered again otherwise (in the index's order, as a build from
 * nothing numbers them). Each word's postings lose the gone documents and
 * gain the new ones' (split again: a few); a term's postings are made
 * again, from its words', only when one of those changed, and the
 * postings of the other terms only when their chunk is written again
 * (searchindex_postings). The cache is then written again, beside the
 * writing of the index's files. The result is the index a build from
 * nothing makes, byte for byte. */
#ifndef SAITTI_SEARCHPATCH_H
#define SAITTI_SEARCHPATCH_H

#include <stddef.h>
#include <stdint.h>

#include "../core/hash.h"
#include "morph.h"
#include "searchcache.h"
#include "searchindex.h"

/* At most this many documents gone and new, or one in
 * SEARCH_PATCH_SHARE of them, are patched; more are indexed again from
 * nothing (searchindex_build), which then costs less. */
enum { SEARCH_PATCH_MIN = 16, SEARCH_PATCH_SHARE = 8 };

/* What a cached index is made with besides the program and the
 * documents: the site's language and the analyser's morph_stamp. */
hash128 searchpatch_env(const site *s, const char *analyser);

/* Makes ix's terms and words from the cache in file when it is there and
 * whole, and few documents changed: ix->docs are collected already and
 * items are searchindex_key's. m analyses the words no build had. 0, with
 * ix->patch set; or -1, with ix as it was. */
int searchpatch_apply(search_index *ix, const site *s, const hash128 *items,
    morph *m, const char *file, const char *words_file);

/* The postings of ix's term that came from the cache unchanged (whose
 * .post is NULL), made from its words'. Safe on several threads for
 * different terms. */
const uint32_t *searchpatch_postings(searchpatch *p, size_t src);
void searchpatch_free(searchpatch *p);

#endif
