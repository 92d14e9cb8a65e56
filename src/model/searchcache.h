/* searchcache: the last build's search index, kept in the cache folder as
 * `search-index`, so that a rebuild after a few documents changed patches
 * it (searchpatch.h) instead of making every term's postings again.
 *
 * It holds what the index is made of, not its output: each document's
 * digest (searchindex_key's items) in the index's order; every word met
 * (also words no document has any more: their analyses stay), with its
 * analysis and its postings, (document << SEARCH_MASK_BITS) | where, by
 * document; every term, with the words it is a form of and the count
 * and digest of its postings (a term's postings are its words' merged);
 * the terms' and the surface words' orders by bytes.
 *
 * The file is binary, in host order (it never leaves this machine): a
 * header (format, the program's digest, the caller's digest of what
 * else the index depends on, a checksum of the rest, the counts), then
 * the tables. A file of another program or environment, cut, or damaged
 * even at the same length, is not read: it costs only time. */
#ifndef SAITTI_SEARCHCACHE_H
#define SAITTI_SEARCHCACHE_H

#include <stddef.h>
#include <stdint.h>

#include "../core/hash.h"

typedef struct sc_word {
	const char *word;       /* zero-padded to WORD_PADDED(len) */
	uint32_t len, hash;     /* hash: wordtab_hash */
	const char *bases;      /* morph_analyse's, each form + ' ' */
	const char *parts;
	const uint32_t *post;   /* by document; n == 0: no document has it */
	uint32_t n;
} sc_word;

typedef struct sc_term {
	const char *term;
	const uint32_t *words;  /* the words it is a form of, by number */
	uint32_t nw;
	uint32_t n;             /* postings (its words' documents) */
	hash128 sum;            /* hash_bytes of those postings */
} sc_term;

typedef struct searchcache {
	hash128 env;            /* the caller's: language, analyser… */
	size_t ndocs;
	const hash128 *items;   /* each document's digest, in index order */
	sc_word *words;
	size_t nwords;
	/* The words whose base forms are not just themselves, by bytes. */
	const uint32_t *surface;
	size_t nsurface;
	sc_term *terms;
	size_t nterms;
	const uint32_t *order;  /* every term's number, by bytes */
	/* private */
	void *map;
	size_t maplen;
} searchcache;

/* The cache in file, when it is a whole file of this program made with
 * env; else NULL. Its arrays point into a read-only map of the file;
 * searchcache_free unmaps it. */
searchcache *searchcache_read(const char *file, hash128 env);
void searchcache_free(searchcache *c);

/* Writes c to file (replacing it whole, or leaving it as it was): 0 or
 * -1. The words' postings go from where they are, without a copy. */
int searchcache_write(const searchcache *c, const char *file);

#endif
