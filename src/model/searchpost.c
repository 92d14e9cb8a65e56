#include "searchpost.h"

#include <stdlib.h>
#include <string.h>

#include "../core/pool.h"
#include "../core/xalloc.h"

/* Below this many entries, cutting the documents into ranges costs more
 * than it saves. Terms are merged this many a task. */
enum { POSTINGS_PARALLEL_MIN = 65536, TERMS_A_TASK = 64 };

/* The documents [lo, hi): their words' counts, then their postings. */
typedef struct range {
	size_t lo, hi;
	uint32_t *at;           /* by word: its next place in the word block */
} range;

typedef struct work {
	const searchpost_in *in;
	range *r;
	size_t nr;
	uint32_t *wblock;       /* every word's postings */
	size_t *wstart;         /* by word: where they start; wstart[nwords] */
	size_t *toff;           /* by term: its words in twords */
	uint32_t *twords;
	size_t *tstart;         /* by term: its room in block */
	uint32_t *block;
	search_term *terms;
} work;

static void count_range(void *ctx, size_t ri, int worker_no)
{
	(void)worker_no;
	work *W = ctx;
	const searchpost_in *in = W->in;
	range *r = &W->r[ri];
	uint32_t *cnt = xcalloc(in->nwords + 1, sizeof *cnt);
	for (size_t doc = r->lo; doc < r->hi; doc++) {
		const uint32_t *g = in->gid[in->dw[doc]];
		const uint32_t *dt = in->dt[doc];
		for (size_t j = 0, n = in->dn[doc]; j < n; j++)
			cnt[g[dt[j] >> SEARCH_MASK_BITS]]++;
	}
	r->at = cnt;
}

static void fill_range(void *ctx, size_t ri, int worker_no)
{
	(void)worker_no;
	work *W = ctx;
	const searchpost_in *in = W->in;
	range *r = &W->r[ri];
	const uint32_t low = (1u << SEARCH_MASK_BITS) - 1;
	uint32_t *at = r->at, *wb = W->wblock;
	for (size_t doc = r->lo; doc < r->hi; doc++) {
		const uint32_t *g = in->gid[in->dw[doc]];
		const uint32_t *dt = in->dt[doc];
		uint32_t d = (uint32_t)doc << SEARCH_MASK_BITS;
		for (size_t j = 0, n = in->dn[doc]; j < n; j++)
			wb[at[g[dt[j] >> SEARCH_MASK_BITS]]++] = d | (dt[j] & low);
	}
}

size_t searchpost_merge(const uint32_t *a, size_t na, const uint32_t *b,
    size_t nb, uint32_t *out)
{
	const uint32_t low = (1u << SEARCH_MASK_BITS) - 1;
	size_t i = 0, j = 0, n = 0;
	while (i < na && j < nb) {
		uint32_t x = a[i] & ~low, y = b[j] & ~low;
		if (x < y)
			out[n++] = a[i++];
		else if (y < x)
			out[n++] = b[j++];
		else
			out[n++] = a[i++] | b[j++];
	}
	while (i < na)
		out[n++] = a[i++];
	while (j < nb)
		out[n++] = b[j++];
	return n;
}

static void merge_terms(void *ctx, size_t task, int worker_no)
{
	(void)worker_no;
	work *W = ctx;
	size_t nterms = W->in->nterms;
	uint32_t *tmp = NULL;
	size_t cap = 0;
	for (size_t t = task * TERMS_A_TASK; t < nterms &&
	    t < (task + 1) * TERMS_A_TASK; t++) {
		uint32_t *out = W->block + W->tstart[t];
		size_t room = W->tstart[t + 1] - W->tstart[t], n = 0;
		if (room > cap) {
			cap = room;
			free(tmp);
			tmp = xmalloc(cap * sizeof *tmp);
		}
		/* The words one by one into what is merged so far, which
		 * ends in out: tmp and out change places each time. */
		size_t nw = W->toff[t + 1] - W->toff[t];
		uint32_t *cur = (nw % 2) ? out : tmp, *other = (nw % 2) ?
		    tmp : out;
		for (size_t k = W->toff[t]; k < W->toff[t + 1]; k++) {
			uint32_t w = W->twords[k];
			const uint32_t *list = W->wblock + W->wstart[w];
			size_t len = W->wstart[w + 1] - W->wstart[w];
			if (k == W->toff[t]) {
				if (len)   /* cur may be NULL when there is no room */
					memcpy(cur, list, len * sizeof *list);
				n = len;
				continue;
			}
			n = searchpost_merge(cur, n, list, len, other);
			uint32_t *sw = cur;
			cur = other;
			other = sw;
		}
		W->terms[t].post = out;
		W->terms[t].n = n;
	}
	free(tmp);
}

uint32_t *searchpost_make(const searchpost_in *in, search_term *terms)
{
	size_t total = 0;
	for (size_t doc = 0; doc < in->ndocs; doc++)
		total += in->dn[doc];
	size_t nr = in->threads > 1 && total >= POSTINGS_PARALLEL_MIN ?
	    (size_t)in->threads : 1;
	work W = {.in = in, .nr = nr, .terms = terms,
	    .r = xcalloc(nr, sizeof *W.r)};
	size_t doc = 0, sum = 0;
	for (size_t r = 0; r < nr; r++) {
		W.r[r].lo = doc;
		while (doc < in->ndocs && (r == nr - 1 ||
		    sum < total / nr * (r + 1)))
			sum += in->dn[doc++];
		W.r[r].hi = doc;
	}
	/* Each word's documents: the ranges' counts, one after another. */
	pool_run(in->threads, nr, count_range, &W);
	W.wstart = xmalloc((in->nwords + 1) * sizeof *W.wstart);
	size_t at = 0;
	for (size_t w = 0; w < in->nwords; w++) {
		W.wstart[w] = at;
		for (size_t r = 0; r < nr; r++) {
			uint32_t c = W.r[r].at[w];
			W.r[r].at[w] = (uint32_t)at;
			at += c;
		}
	}
	W.wstart[in->nwords] = at;
	if (at > UINT32_MAX)
		abort();   /* more postings than a 32-bit place numbers */
	W.wblock = xmalloc((at ? at : 1) * sizeof *W.wblock);
	pool_run(in->threads, nr, fill_range, &W);

	/* Each term's words, and room for the sum of their lists. */
	W.toff = xcalloc(in->nterms + 2, sizeof *W.toff);
	for (size_t k = 0; k < in->woff[in->nwords]; k++)
		W.toff[in->wterms[k] + 2]++;
	for (size_t t = 0; t < in->nterms; t++)
		W.toff[t + 2] += W.toff[t + 1];
	W.twords = xmalloc((in->woff[in->nwords] + 1) * sizeof *W.twords);
	for (size_t w = 0; w < in->nwords; w++)
		for (size_t k = in->woff[w]; k < in->woff[w + 1]; k++)
			W.twords[W.toff[in->wterms[k] + 1]++] = (uint32_t)w;
	W.tstart = xmalloc((in->nterms + 1) * sizeof *W.tstart);
	size_t room = 0;
	for (size_t t = 0; t < in->nterms; t++) {
		W.tstart[t] = room;
		for (size_t k = W.toff[t]; k < W.toff[t + 1]; k++)
			room += W.wstart[W.twords[k] + 1] - W.wstart[W.twords[k]];
	}
	W.tstart[in->nterms] = room;
	W.block = xmalloc((room ? room : 1) * sizeof *W.block);
	pool_run(in->threads, (in->nterms + TERMS_A_TASK - 1) / TERMS_A_TASK,
	    merge_terms, &W);
	for (size_t r = 0; r < nr; r++)
		free(W.r[r].at);
	free(W.r);
	if (in->wblock && in->wstart) {
		*in->wblock = W.wblock;
		*in->wstart = W.wstart;
	} else {
		free(W.wstart);
		free(W.wblock);
	}
	free(W.toff);
	free(W.twords);
	free(W.tstart);
	return W.block;
}

static void sum_task(void *ctx, size_t task, int worker_no)
{
	(void)worker_no;
	search_term **tv = ctx;
	size_t n = (size_t)(tv[1] - tv[0]);
	for (size_t i = task * TERMS_A_TASK; i < n &&
	    i < (task + 1) * TERMS_A_TASK; i++) {
		search_term *t = &tv[0][i];
		t->sum = hash_bytes(t->post ? (const void *)t->post : "",
		    t->n * sizeof *t->post);
	}
}

void searchpost_sums(search_term *terms, size_t n, int threads)
{
	search_term *tv[2] = {terms, terms + n};
	pool_run(threads, (n + TERMS_A_TASK - 1) / TERMS_A_TASK, sum_task, tv);
}
