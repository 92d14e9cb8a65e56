/* searchdocs: the documents of the search index (searchindex.h), every
 * published post, page and event, in the index's order (newest first,
 * undated pages last, by URL), and their digests: a document's stands
 * for every text and field the index takes from it, so that a rebuild
 * knows which documents changed (searchpatch.h, docwords.h). */
#ifndef SAITTI_SEARCHDOCS_H
#define SAITTI_SEARCHDOCS_H

#include "../core/hash.h"
#include "searchindex.h"

/* A document's digest. */
hash128 searchdocs_post_key(const post *p);
hash128 searchdocs_event_key(const event *e);

/* The index's key from the documents' digests (searchindex_key). */
hash128 searchdocs_key_of(const site *s, const hash128 *items);

/* The number of items, n (the home page's is item n, after them). */
size_t searchdocs_items(const site *s);
/* Item i's digest into h[i] and, when d is not NULL, its document into
 * d[i] (none for the home page's), as searchdocs_key makes them: for a
 * caller that reads each post anyway (render.c's digests of the views, on
 * their threads), so that the post is read once. i is in [0, n]; h and d
 * have n + 1 places. */
void searchdocs_item(const site *s, size_t i, hash128 *h, search_doc *d);
/* searchindex_key; with by_item, also *by_item (malloc'ed, for the caller
 * to free): each item's document, made beside its digest while the
 * post is at hand (an event's place is left to searchdocs_collect). */
hash128 searchdocs_key(const site *s, hash128 **items, search_doc **by_item);

/* ix->docs (in ix->a) and ndocs, in the index's order; from by_item when
 * not NULL (searchdocs_key's: its events' places are set here). */
void searchdocs_collect(search_index *ix, const site *s, search_doc *by_item);

#endif
