/* search: the search page and its index files (issue 18).
 *
 * The page (template `search`) lives at the folder the theme's strings
 * call `search_path` (site.yaml `paths: {search: …}` overrides it); the
 * index (model/searchindex.h) is written beside it, under i/, as files
 * the page's script (the theme's haku.js) fetches only as a query needs
 * them:
 *   index.json   what there is: the analyser, the document count, and
 *                which file holds each prefix of terms, of typed words
 *                and each run of documents;
 *   t…json       terms → postings: per document, (gap << 3) | where
 *                (title 4, heading or tag 2, body 1), by term prefix;
 *   s…json       typed words → their base forms, by prefix;
 *   d…json       documents: [kind, title, url, ISO date, date as the
 *                theme writes it, section, place, excerpt].
 * A chunk's name is a digest of its bytes, so browsers may keep it
 * forever, and the same input writes the same files.
 *
 * Without a `search` template in the theme, or with no folder name for
 * it, a site has no search. */
#ifndef SAITTI_SEARCH_H
#define SAITTI_SEARCH_H

#include "render.h"

/* Target size of a chunk before compression, in bytes: a prefix whose
 * entries weigh more is split into longer prefixes. */
enum { SEARCH_CHUNK_BYTES = 16384, SEARCH_DOCS_PER_CHUNK = 64 };

/* The search folder ("haku"), or NULL when the site has no search. */
const char *search_path(const site *s, const theme *th);
/* Adds site.search_url to the root map (for the header's search box). */
void search_root(site *s, const theme *th, value *root);
/* Plans the search page. */
void search_plan(plan *pl, site *s, const theme *th);
/* Builds the index and writes its files (or keeps them, when their input
 * is the last build's). Returns the number of files, -1 after errors. */
long search_write(site *s, const theme *th, output *o, diag *d);

#endif
