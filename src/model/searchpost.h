/* searchpost: every term's postings (searchindex.h), from each document's
 * words. Made word by word first: each word's documents, in document
 * order, written straight into their place (a word is once in a
 * document's list, so its count is exact). A term's postings are then its
 * words' lists merged (a document met in two of them is one posting, the
 * places OR-ed): mostly one list, copied whole. Both steps run on the
 * build's threads; the result does not depend on how many. */
#ifndef SAITTI_SEARCHPOST_H
#define SAITTI_SEARCHPOST_H

#include <stddef.h>
#include <stdint.h>

#include "searchindex.h"

typedef struct searchpost_in {
	size_t ndocs;
	/* Each document's words: (number << SEARCH_MASK_BITS) | where, the
	 * numbers those of table dw[doc] of gid (number → word). */
	const uint32_t *const *dt;
	const size_t *dn;
	const int *dw;
	uint32_t *const *gid;
	/* Each word's terms: wterms[woff[w]] … wterms[woff[w + 1] - 1],
	 * each once. */
	const size_t *woff;
	const uint32_t *wterms;
	size_t nwords, nterms;
	int threads;
	/* Unless NULL: each word's postings, *wblock[(*wstart)[w]] …
	 * *wblock[(*wstart)[w + 1] - 1] (both malloc'ed, for the caller to
	 * free). */
	uint32_t **wblock;
	size_t **wstart;
} searchpost_in;

/* Sets terms[t].post and .n (t < in->nterms) to point into the block it
 * returns (malloc'ed, for the caller to free). */
uint32_t *searchpost_make(const searchpost_in *in, search_term *terms);

/* a (na) and b (nb), each in document order, into out (room for both):
 * a document in both once, its places OR-ed. The number written. */
size_t searchpost_merge(const uint32_t *a, size_t na, const uint32_t *b,
    size_t nb, uint32_t *out);

/* Each of terms' digest of its postings (search_term.sum), on threads. */
void searchpost_sums(search_term *terms, size_t n, int threads);

#endif
