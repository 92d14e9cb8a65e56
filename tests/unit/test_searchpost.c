/* searchpost: every term's postings (model/searchpost.h), checked against
 * a plain count over random documents: terms of one word and of many, a
 * document with two words of one term (one posting, places OR-ed), on
 * one thread and on two (the same postings). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/model/searchpost.h"
#include "check.h"

/* Enough entries (above searchpost.c's POSTINGS_PARALLEL_MIN, 65536)
 * that two threads cut the documents into two ranges. */
enum { NDOCS = 16000, NWORDS = 200, NTERMS = 120, PER_DOC = 40 };

static uint32_t rnd_state = 12345;
static uint32_t rnd(void)
{
	rnd_state = rnd_state * 1103515245u + 12345u;
	return rnd_state >> 8;
}

int main(void)
{
	/* Each word's terms: one to three, each once. */
	size_t *woff = malloc((NWORDS + 1) * sizeof *woff);
	uint32_t *wterms = malloc(NWORDS * 3 * sizeof *wterms);
	size_t nw = 0;
	for (size_t w = 0; w < NWORDS; w++) {
		woff[w] = nw;
		size_t k = 1 + rnd() % 3;
		for (size_t j = 0; j < k; j++) {
			uint32_t t = rnd() % NTERMS;
			int seen = 0;
			for (size_t i = woff[w]; i < nw; i++)
				seen |= wterms[i] == t;
			if (!seen)
				wterms[nw++] = t;
		}
	}
	woff[NWORDS] = nw;
	/* Each document's distinct words, with where they stood; local
	 * numbers of two tables (as two workers' would be). */
	uint32_t *gid[2];
	for (int g = 0; g < 2; g++) {
		gid[g] = malloc(NWORDS * sizeof *gid[g]);
		for (uint32_t w = 0; w < NWORDS; w++)
			gid[g][w] = g ? NWORDS - 1 - w : w;
	}
	const uint32_t **dt = malloc(NDOCS * sizeof *dt);
	size_t *dn = malloc(NDOCS * sizeof *dn);
	int *dw = malloc(NDOCS * sizeof *dw);
	/* The expected: by term and document, the places (0: none). */
	unsigned char *want = calloc((size_t)NTERMS * NDOCS, 1);
	for (size_t d = 0; d < NDOCS; d++) {
		uint32_t *l = malloc(PER_DOC * sizeof *l);
		unsigned char used[NWORDS] = {0};
		size_t n = d % 7 == 3 ? 0 : rnd() % PER_DOC;
		dw[d] = (int)(d % 2);
		for (size_t j = 0; j < n; j++) {
			uint32_t w = rnd() % NWORDS;
			if (used[w]) {
				n = j;
				break;
			}
			used[w] = 1;
			uint32_t where = 1 + rnd() % 7;
			/* the local number of word w in table dw[d] */
			uint32_t local = dw[d] ? NWORDS - 1 - w : w;
			l[j] = local << SEARCH_MASK_BITS | where;
			for (size_t k = woff[w]; k < woff[w + 1]; k++)
				want[(size_t)wterms[k] * NDOCS + d] |=
				    (unsigned char)where;
		}
		dt[d] = l;
		dn[d] = n;
	}
	size_t entries = 0;
	for (size_t d = 0; d < NDOCS; d++)
		entries += dn[d];
	CHECK("searchpost: enough entries for two ranges", entries > 65536);
	int ok[3] = {1, 1, 1};
	uint32_t *first = NULL;
	size_t firstn = 0;
	for (int threads = 1; threads <= 2; threads++) {
		searchpost_in in = {.ndocs = NDOCS, .dt = dt, .dn = dn,
		    .dw = dw, .gid = gid, .woff = woff, .wterms = wterms,
		    .nwords = NWORDS, .nterms = NTERMS, .threads = threads};
		search_term terms[NTERMS];
		memset(terms, 0, sizeof terms);
		uint32_t *block = searchpost_make(&in, terms);
		size_t all = 0;
		for (size_t t = 0; t < NTERMS; t++) {
			size_t k = 0;
			for (size_t d = 0; d < NDOCS; d++) {
				if (!want[t * NDOCS + d])
					continue;
				uint32_t p = (uint32_t)d << SEARCH_MASK_BITS |
				    want[t * NDOCS + d];
				if (k >= terms[t].n || terms[t].post[k] != p)
					ok[0] = 0;
				k++;
			}
			if (k != terms[t].n)
				ok[0] = 0;
			all += terms[t].n;
		}
		/* The same postings on two threads as on one. */
		if (threads == 1) {
			first = malloc((all + 1) * sizeof *first);
			for (size_t t = 0, at = 0; t < NTERMS; t++) {
				memcpy(first + at, terms[t].post,
				    terms[t].n * sizeof *first);
				at += terms[t].n;
			}
			firstn = all;
		} else {
			size_t at = 0;
			for (size_t t = 0; t < NTERMS; t++) {
				if (at + terms[t].n > firstn || memcmp(first + at,
				    terms[t].post, terms[t].n * sizeof *first))
					ok[1] = 0;
				at += terms[t].n;
			}
			ok[1] &= at == firstn;
		}
		free(block);
	}
	CHECK("searchpost: each term's postings are its words' documents, "
	    "in order, places OR-ed", ok[0]);
	CHECK("searchpost: two threads make the same postings as one",
	    ok[1] && firstn > 0);
	/* No documents: no postings, and no fault. */
	searchpost_in none = {.ndocs = 0, .dt = dt, .dn = dn, .dw = dw,
	    .gid = gid, .woff = woff, .wterms = wterms, .nwords = NWORDS,
	    .nterms = NTERMS, .threads = 2};
	search_term terms[NTERMS];
	memset(terms, 0, sizeof terms);
	uint32_t *block = searchpost_make(&none, terms);
	for (size_t t = 0; t < NTERMS; t++)
		ok[2] &= terms[t].n == 0;
	CHECK("searchpost: no documents, no postings", ok[2]);
	free(block);
	free(first);
	for (size_t d = 0; d < NDOCS; d++)
		free((void *)dt[d]);
	free(dt);
	free(dn);
	free(dw);
	free(want);
	free(gid[0]);
	free(gid[1]);
	free(woff);
	free(wterms);
	CHECK_DONE();
}
