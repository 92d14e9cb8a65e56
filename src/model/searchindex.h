/* searchindex: the site's words for search (issue 18), made at build time
 * from the model: every published post, every page and every event.
 *
 * A document's words are weighed by where they stand: the title (and an
 * event's title), then headings and tags, then the body, the summary, an
 * event's place and date. Each distinct word of the site is analysed once
 * (morph.h) into its base forms and compound parts, the terms; the
 * analyses are kept in the cache folder (`search-words`), so a rebuild
 * analyses only new words, and so are each document's words
 * (`search-docs`, docwords.h), so a rebuild reads only the documents
 * whose text changed. The result is sorted and holds no pointers
 * into hash order, so the index files (render/search.c) are the same
 * bytes for the same input. */
#ifndef SAITTI_SEARCHINDEX_H
#define SAITTI_SEARCHINDEX_H

#include <stddef.h>
#include <stdint.h>

#include "../core/arena.h"
#include "../core/diag.h"
#include "../core/hash.h"
#include "site.h"

/* Where a word stood in a document: a posting's low bits. */
enum { SEARCH_BODY = 1, SEARCH_HEADING = 2, SEARCH_TITLE = 4,
	SEARCH_MASK_BITS = 3 };

typedef enum { SEARCH_POST, SEARCH_PAGE, SEARCH_EVENT } search_kind;

typedef struct search_doc {
	search_kind kind;
	const post *p;         /* a post or page, or NULL */
	const event *e;        /* an event, or NULL */
	const char *title, *url;
	const char *section;   /* the section's name, or NULL */
	sdate date;            /* a post's date, an event's start */
	int has_date;
	const char *place;     /* an event's place and region, or "" */
	const char *summary;   /* plain text, or NULL: searchindex_excerpt */
	size_t item;           /* its digest among searchindex_key's */
} search_doc;

typedef struct search_term {
	const char *term;
	/* (document << SEARCH_MASK_BITS) | where; NULL when the term came
	 * unchanged from the cache: searchindex_postings makes them. */
	const uint32_t *post;
	size_t n;
	hash128 sum;           /* hash_bytes of the n postings */
	size_t src;            /* its number where it was made */
} search_term;

typedef struct search_word {
	const char *word;      /* as written, lowercased */
	const char *bases;     /* its base forms, each followed by a space */
	size_t src;            /* its number where it was made */
} search_word;

typedef struct searchpatch searchpatch;

typedef struct search_index {
	arena *a;
	search_doc *docs;      /* newest first; undated pages last, by URL */
	size_t ndocs;
	search_term *terms;    /* by bytes */
	size_t nterms;
	uint32_t *block;       /* every term's postings */
	/* The words whose base forms are not just themselves, by bytes: the
	 * table the browser turns a typed word into base forms with. */
	search_word *words;
	size_t nwords;
	const char *analyser;  /* morph_name */
	size_t distinct;       /* distinct words */
	size_t analysed;       /* of those, analysed now (not in the cache) */
	size_t docs_read;      /* documents read now (not in the cache) */
	searchpatch *patch;    /* the cache it was patched from, or NULL */
} search_index;

/* The longest excerpt kept, in bytes. */
enum { SEARCH_EXCERPT_MAX = 240 };

/* A document's excerpt: its summary's first SEARCH_EXCERPT_MAX bytes, cut
 * at a space (in a when cut). Made as the documents' table is written, on
 * its threads, and only for the files written. */
const char *searchindex_excerpt(arena *a, const char *summary);

/* A digest of everything searchindex_build reads (the program, the
 * language, the analyser's version and every document's text): when it
 * is the last build's, the index is too. With items, *items receives
 * (malloc'ed, for the caller to free) a digest per document: the posts,
 * the pages and the events in the site's order, then the home page. */
hash128 searchindex_key(const site *s, hash128 **items);
/* searchindex_key, and *by_item (malloc'ed, for the caller to free): each
 * item's document, for searchindex_build (made beside the digests while
 * each document is at hand, on their threads). */
hash128 searchindex_key_docs(const site *s, hash128 **items,
    search_doc **by_item);

/* The files of the cache folder a build reads and writes, each NULL for
 * none: words, the analyses of the last builds (read, and written back
 * when words were added); docs, each document's words (the same; needs
 * items); index, the last build's index (searchcache.h: patched when few
 * documents changed, and written again). */
typedef struct search_files {
	const char *words, *docs, *index;
} search_files;

/* items: searchindex_key's, or NULL; by_item: searchindex_key_docs's,
 * or NULL. */
search_index *searchindex_build(const site *s, const hash128 *items,
    search_doc *by_item, const search_files *files, diag *d);
/* searchindex_build, making searchindex_key's *items (malloc'ed) and
 * *key as it reads each document: one pass over the bodies, not two, for
 * a build that has no last index to compare the key with. */
search_index *searchindex_build_key(const site *s, hash128 **items,
    hash128 *key, const search_files *files, diag *d);
/* Term i's postings (ix->terms[i].n of them): .post, or made now. Safe on
 * several threads for different terms. */
const uint32_t *searchindex_postings(const search_index *ix, size_t i);
void searchindex_free(search_index *ix);

typedef struct wordsplit wordsplit;
/* Splits the words of document d (d's texts, as a build reads them) into
 * ws as document number no (wordsplit.h). */
void searchindex_split(wordsplit *ws, const search_doc *d, uint32_t no);

#endif
