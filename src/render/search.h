/* search: the search page and its index files (issue 18).
 *
 * The page (template `search`) lives at the folder the theme's strings
 * call `search_path` (site.yaml `paths: {search: …}` overrides it); the
 * index (model/searchindex.h) is written beside it, under i/, as files
 * the page's script (the theme's haku.js) fetches only as a query needs
 * them:
 *   index.json   what there is: a version, the analyser, the document
 *                count, and the prefixes there are chunks of terms (t)
 *                and of typed words (s) for;
 *   t-HEX.json   terms → postings: per document, (gap << 3) | where
 *                (title 4, heading or tag 2, body 1), for the prefix
 *                whose UTF-8 bytes are HEX;
 *   s-HEX.json   typed words → their base forms, the same way;
 *   d-N.json     documents N × SEARCH_DOCS_PER_CHUNK…: [kind, title,
 *                url, ISO date, date as the theme writes it, section,
 *                place, excerpt].
 * The page asks for chunks with ?v=VERSION (a digest of them all), so a
 * browser never mixes two builds; a chunk whose bytes did not change
 * keeps its file. The same input writes the same bytes.
 *
 * Without a `search` template in the theme, or with no folder name for
 * it, a site has no search. */
#ifndef SAITTI_SEARCH_H
#define SAITTI_SEARCH_H

#include "../model/searchindex.h"
#include "../output/output.h"
#include "plan.h"

/* Target size of a chunk before compression, in bytes: a prefix whose
 * entries weigh more is split into longer prefixes. */
enum { SEARCH_CHUNK_BYTES = 16384 };
/* Documents a chunk of the document table holds: a result page of ten
 * needs at most ten such chunks. */
enum { SEARCH_DOCS_PER_CHUNK = 16 };

/* The search folder ("haku"), or NULL when the site has no search. */
const char *search_path(const site *s, const theme *th);
/* Adds site.search_url to the root map (for the header's search box). */
void search_root(site *s, const theme *th, value *root);
/* Plans the search page. */
void search_plan(plan *pl, site *s, const theme *th);
/* Builds the index and writes its files (or keeps them, when their input
 * is the last build's). Returns the number of files, -1 after errors. */
long search_write(site *s, const theme *th, output *o, diag *d);
/* search_write with the documents' digests and documents made already
 * (searchdocs_item's, every item's; malloc'ed, taken and freed), or
 * NULL. */
/* Whether the last build's search files are listed in the cache folder
 * (search_write then patches its index rather than making it whole). */
int search_has_last(const site *s);
long search_write_items(site *s, const theme *th, output *o, diag *d,
    hash128 *items, search_doc *by_item);

#endif
