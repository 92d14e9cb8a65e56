#include "searchpatch.h"

#include <stdlib.h>
#include <string.h>

#include "../core/arena.h"
#include "../core/buf.h"
#include "../core/pool.h"
#include "../core/strmap.h"
#include "../core/xalloc.h"
#include "bodystore.h"
#include "searchpost.h"
#include "wordcache.h"
#include "wordsplit.h"

static const uint32_t NONE = UINT32_MAX;
static const uint32_t LOW = (1u << SEARCH_MASK_BITS) - 1;

/* Terms a task when their postings are made or digested on threads. */
enum { TERMS_A_TASK = 64 };

struct searchpatch {
	searchcache *old;       /* the map the unchanged lists are in */
	arena *a;               /* the changed lists, new words and terms */
	searchcache st;         /* the index now, as the next build reads it */
	uint32_t **made;        /* by term: postings made here (malloc'ed) */
	char *file;
	pool_task *write;       /* writing st to file */
};

hash128 searchpatch_env(const site *s, const char *analyser)
{
	hash_state *st = hash_begin();
	hash_add_str(st, s->language);
	hash_add_str(st, analyser);
	hash_add_u64(st, SEARCH_MASK_BITS);
	return hash_end(st);
}

/* ------------------------------------------------------------- postings */

/* The postings of term t: its words' lists merged (malloc'ed), *n of them. */
static uint32_t *term_postings(const searchcache *st, const sc_term *t,
    size_t *n)
{
	size_t room = 0;
	for (uint32_t k = 0; k < t->nw; k++)
		room += st->words[t->words[k]].n;
	uint32_t *out = xmalloc((room + 1) * sizeof *out);
	uint32_t *tmp = t->nw > 1 ? xmalloc((room + 1) * sizeof *tmp) : NULL;
	uint32_t *cur = out, *other = tmp;
	size_t cnt = 0;
	for (uint32_t k = 0; k < t->nw; k++) {
		const sc_word *w = &st->words[t->words[k]];
		if (!w->n)
			continue;
		if (!cnt) {
			memcpy(cur, w->post, (size_t)w->n * sizeof *cur);
			cnt = w->n;
			continue;
		}
		cnt = searchpost_merge(cur, cnt, w->post, w->n, other);
		uint32_t *sw = cur;
		cur = other;
		other = sw;
	}
	if (cur != out)
		memcpy(out, cur, cnt * sizeof *out);
	free(tmp);
	*n = cnt;
	return out;
}

const uint32_t *searchpatch_postings(searchpatch *p, size_t src)
{
	if (src >= p->st.nterms)
		return NULL;
	if (!p->made[src]) {
		size_t n;
		p->made[src] = term_postings(&p->st, &p->st.terms[src], &n);
	}
	return p->made[src];
}

/* -------------------------------------------------------------- writing */

static void write_task(void *ctx)
{
	searchpatch *p = ctx;
	searchcache_write(&p->st, p->file);
}

/* Writes p's state beside the writing of the index's files: it lives
 * until searchpatch_free, which waits. */
static void start_write(searchpatch *p, const char *file)
{
	size_t n = strlen(file) + 1;
	p->file = memcpy(xmalloc(n), file, n);
	p->write = pool_start(write_task, p);
}

void searchpatch_free(searchpatch *p)
{
	if (!p)
		return;
	if (p->write)
		pool_join(p->write);
	if (p->made) {
		for (size_t i = 0; i < p->st.nterms; i++)
			free(p->made[i]);
		free(p->made);
	}
	if (p->old) {
		/* The state's arrays are ours when patched. */
		free((void *)p->st.items);
		free(p->st.words);
		free((void *)p->st.surface);
		free(p->st.terms);
		free((void *)p->st.order);
	}
	searchcache_free(p->old);
	if (p->a)
		arena_free(p->a);
	free(p->file);
	free(p);
}

/* ------------------------------------------------------------- patching */

typedef struct patcher {
	search_index *ix;
	const site *s;
	const searchcache *c;   /* the last build's */
	searchpatch *p;         /* the result */
	morph *m;
	const char *words_file;
	wordcache *wc;          /* read when a word is new */
	uint32_t *map;          /* by old document: its new number, or NONE */
	int same;               /* every document kept its number */
	uint32_t *gone;         /* old numbers no document has now */
	size_t ngone;
	uint32_t *added;        /* new numbers no old document has */
	size_t nadded;
	wordtab wt;             /* the words: the cache's, then new ones */
	uint64_t *adds;         /* word << 32 | posting, of the new documents */
	size_t nadds, capadds;
	unsigned char *wchanged, *tchanged;
	uint64_t *pairs;        /* term << 32 | word: new words' terms */
	size_t npairs, cappairs;
	strmap *newterms;       /* term → number + 1, for new terms */
	size_t analysed;
} patcher;

static void push64(uint64_t **v, size_t *n, size_t *cap, uint64_t x)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 256;
		*v = xrealloc(*v, *cap * sizeof **v);
	}
	(*v)[(*n)++] = x;
}

static int cmp64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* Which old document each new one is, by digest; -1 when too many
 * changed to patch, or the numbers would not keep their order. */
static int match_docs(patcher *P, const hash128 *items)
{
	const searchcache *c = P->c;
	size_t od = c->ndocs, nd = P->ix->ndocs;
	if (nd >= ((size_t)1 << (32 - SEARCH_MASK_BITS)) || od >= NONE)
		return -1;
	size_t nslot = 64;
	while (nslot < od * 2)
		nslot *= 2;
	uint32_t *slot = xcalloc(nslot, sizeof *slot);
	int rc = 0;
	for (size_t o = 0; o < od && !rc; o++) {
		size_t k = (size_t)c->items[o].lo & (nslot - 1);
		while (slot[k] && !rc) {
			rc = hash_eq(c->items[slot[k] - 1], c->items[o]) ? -1 : 0;
			k = (k + 1) & (nslot - 1);
		}
		slot[k] = (uint32_t)o + 1;
	}
	P->map = xmalloc((od + 1) * sizeof *P->map);
	memset(P->map, 0xff, (od + 1) * sizeof *P->map);
	P->added = xmalloc((nd + 1) * sizeof *P->added);
	for (size_t i = 0; i < nd && !rc; i++) {
		hash128 h = items[P->ix->docs[i].item];
		size_t k = (size_t)h.lo & (nslot - 1);
		uint32_t o = NONE;
		while (slot[k]) {
			if (hash_eq(c->items[slot[k] - 1], h)) {
				o = slot[k] - 1;
				break;
			}
			k = (k + 1) & (nslot - 1);
		}
		if (o != NONE && P->map[o] == NONE)
			P->map[o] = (uint32_t)i;
		else
			P->added[P->nadded++] = (uint32_t)i;
	}
	free(slot);
	P->gone = xmalloc((od + 1) * sizeof *P->gone);
	P->same = 1;
	size_t next = 0;   /* the least number the next kept one may have */
	for (size_t o = 0; o < od && !rc; o++) {
		if (P->map[o] == NONE) {
			P->gone[P->ngone++] = (uint32_t)o;
			continue;
		}
		if (P->map[o] < next)
			rc = -1;
		next = (size_t)P->map[o] + 1;
		if (P->map[o] != o)
			P->same = 0;
	}
	size_t most = nd / SEARCH_PATCH_SHARE;
	if (most < SEARCH_PATCH_MIN)
		most = SEARCH_PATCH_MIN;
	if (P->nadded + P->ngone > most)
		rc = -1;
	return rc;
}

/* The new documents' words, each a word of the table (new words added). */
static void split_added(patcher *P)
{
	wordsplit ws;
	wordsplit_init(&ws);
	for (size_t k = 0; k < P->nadded; k++) {
		uint32_t i = P->added[k];
		searchindex_split(&ws, &P->ix->docs[i], i);
		for (size_t j = 0; j < ws.n; j++) {
			uint32_t lid = ws.cur[j] >> SEARCH_MASK_BITS;
			uint32_t g = wordtab_id(&P->wt, ws.dict.w[lid],
			    ws.dict.len[lid], ws.dict.h[lid], P->p->a);
			push64(&P->adds, &P->nadds, &P->capadds, (uint64_t)g <<
			    32 | i << SEARCH_MASK_BITS | (ws.cur[j] & LOW));
		}
	}
	bodystore_check(P->s);
	wordsplit_free(&ws);
	if (P->nadds)
		qsort(P->adds, P->nadds, sizeof *P->adds, cmp64);
}

/* Where the list (by document) has document doc, or -1. */
static long find_doc(const uint32_t *list, size_t n, uint32_t doc)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		uint32_t d = list[mid] >> SEARCH_MASK_BITS;
		if (d == doc)
			return (long)mid;
		if (d < doc)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* 1 when, every document keeping its number, the gone documents'
 * postings in word x's list are just the new ones' adds[a0, a): an
 * edited document with this word where it was. */
static int same_list(const patcher *P, const sc_word *x, size_t a0,
    size_t a)
{
	size_t k = a0;
	for (size_t g = 0; g < P->ngone; g++) {
		long at = find_doc(x->post, x->n, P->gone[g]);
		if (at < 0)
			continue;
		if (k == a || (uint32_t)P->adds[k] != x->post[at])
			return 0;
		k++;
	}
	return k == a;
}

/* Each word's postings now: renumbered, without the gone documents, with
 * the new ones'. A list that comes out the same stays where it is. */
static int patch_words(patcher *P)
{
	searchcache *st = &P->p->st;
	size_t nw = P->wt.n, od = P->c->ndocs;
	st->nwords = nw;
	st->words = xcalloc(nw + 1, sizeof *st->words);
	memcpy(st->words, P->c->words, P->c->nwords * sizeof *st->words);
	for (size_t w = P->c->nwords; w < nw; w++)
		st->words[w] = (sc_word){.word = P->wt.w[w],
		    .len = P->wt.len[w], .hash = P->wt.h[w], .bases = "",
		    .parts = ""};
	P->wchanged = xcalloc(nw + 1, 1);
	size_t a = 0;
	for (size_t w = 0; w < nw; w++) {
		size_t a0 = a;
		while (a < P->nadds && (P->adds[a] >> 32) == w)
			a++;
		sc_word *x = &st->words[w];
		if (P->same && same_list(P, x, a0, a))
			continue;
		uint32_t *out = arena_alloc(P->p->a, ((size_t)x->n + (a - a0) +
		    1) * sizeof *out);
		size_t n = 0, k = a0;
		for (size_t j = 0; j < x->n; j++) {
			uint32_t e = x->post[j], d = e >> SEARCH_MASK_BITS;
			if (d >= od)
				return -1;
			if (P->map[d] == NONE)
				continue;
			uint32_t e2 = P->map[d] << SEARCH_MASK_BITS | (e & LOW);
			while (k < a && (uint32_t)P->adds[k] < e2)
				out[n++] = (uint32_t)P->adds[k++];
			out[n++] = e2;
		}
		while (k < a)
			out[n++] = (uint32_t)P->adds[k++];
		if (n == x->n && (!n || !memcmp(out, x->post, n * sizeof *out)))
			continue;
		x->post = out;
		x->n = (uint32_t)n;
		P->wchanged[w] = 1;
	}
	return 0;
}

/* The number of the term spelled by the len bytes at form, or NONE. */
static uint32_t find_term(const patcher *P, const char *form, size_t len)
{
	const searchcache *c = P->c;
	size_t lo = 0, hi = c->nterms;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *t = c->terms[c->order[mid]].term;
		int r = strncmp(t, form, len);
		if (!r && t[len])
			r = 1;
		if (!r)
			return c->order[mid];
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	char *key = arena_strndup(P->p->a, form, len);
	void *v = strmap_get(P->newterms, key);
	return v ? (uint32_t)((uintptr_t)v - 1) : NONE;
}

/* Calls fn for each distinct form of word w's base forms and parts. */
static int each_form(patcher *P, size_t w,
    int (*fn)(patcher *P, size_t w, uint32_t t, const char *f, size_t n))
{
	const sc_word *x = &P->p->st.words[w];
	const char *lists[2] = {x->bases, x->parts};
	uint32_t seen[2 * (MORPH_MAX_PARTS + 8)];
	size_t nseen = 0;
	for (int l = 0; l < 2; l++) {
		for (const char *q = lists[l]; *q;) {
			const char *sp = strchr(q, ' ');
			size_t len = sp ? (size_t)(sp - q) : strlen(q);
			if (len) {
				uint32_t t = find_term(P, q, len);
				int dup = 0;
				for (size_t k = 0; k < nseen && !dup; k++)
					dup = t != NONE && seen[k] == t;
				if (!dup && fn(P, w, t, q, len) != 0)
					return -1;
				if (t == NONE)
					t = find_term(P, q, len);
				if (nseen < sizeof seen / sizeof *seen)
					seen[nseen++] = t;
			}
			q = sp ? sp + 1 : q + len;
		}
	}
	return 0;
}

/* A changed word of the cache: its terms are made again. */
static int mark_term(patcher *P, size_t w, uint32_t t, const char *f,
    size_t n)
{
	(void)w;
	(void)f;
	(void)n;
	if (t == NONE)
		return -1;   /* the cache's word without its term */
	P->tchanged[t] = 1;
	return 0;
}

/* A new word: its terms gain it, and are made again; a new term is
 * added. */
static int add_term(patcher *P, size_t w, uint32_t t, const char *f,
    size_t n)
{
	searchcache *st = &P->p->st;
	if (t == NONE) {
		t = (uint32_t)st->nterms++;
		st->terms = xrealloc(st->terms, (st->nterms + 1) *
		    sizeof *st->terms);
		P->tchanged = xrealloc(P->tchanged, st->nterms + 1);
		P->tchanged[t] = 0;
		char *term = arena_strndup(P->p->a, f, n);
		st->terms[t] = (sc_term){.term = term};
		strmap_set(P->newterms, term, (void *)(uintptr_t)(t + 1));
	}
	push64(&P->pairs, &P->npairs, &P->cappairs, (uint64_t)t << 32 | w);
	P->tchanged[t] = 1;
	return 0;
}

/* The new words' analyses: the analyses cache's, or made now. */
static void analyse_new(patcher *P)
{
	searchcache *st = &P->p->st;
	for (size_t w = P->c->nwords; w < st->nwords; w++) {
		sc_word *x = &st->words[w];
		const char *b, *p;
		if (!P->wc)
			P->wc = wordcache_read(P->words_file,
			    morph_stamp(P->m));
		if (wordcache_get(P->wc, x->word, &b, &p)) {
			x->bases = arena_strdup(P->p->a, b);
			x->parts = arena_strdup(P->p->a, p);
			continue;
		}
		buf bases = {0}, parts = {0};
		morph_analyse(P->m, x->word, x->len, &bases, &parts);
		x->bases = arena_strndup(P->p->a, bases.data ? bases.data : "",
		    bases.len);
		x->parts = arena_strndup(P->p->a, parts.data ? parts.data : "",
		    parts.len);
		buf_free(&bases);
		buf_free(&parts);
		P->analysed++;
	}
}

/* The terms now: new words joined to theirs (new terms made), and the
 * postings of each term one of whose words changed made again. */
static int patch_terms(patcher *P)
{
	searchcache *st = &P->p->st;
	const searchcache *c = P->c;
	st->nterms = c->nterms;
	st->terms = xcalloc(c->nterms + 1, sizeof *st->terms);
	memcpy(st->terms, c->terms, c->nterms * sizeof *st->terms);
	P->tchanged = xcalloc(c->nterms + 1, 1);
	P->newterms = strmap_new();
	for (size_t w = c->nwords; w < st->nwords; w++)
		if (each_form(P, w, add_term) != 0)
			return -1;
	if (P->same) {
		for (size_t w = 0; w < c->nwords; w++)
			if (P->wchanged[w] && each_form(P, w, mark_term) != 0)
				return -1;
	} else {
		memset(P->tchanged, 1, st->nterms);
	}
	/* The new words, at the end of their terms' lists. */
	if (P->npairs)
		qsort(P->pairs, P->npairs, sizeof *P->pairs, cmp64);
	for (size_t i = 0; i < P->npairs;) {
		uint32_t t = (uint32_t)(P->pairs[i] >> 32);
		size_t j = i;
		while (j < P->npairs && (uint32_t)(P->pairs[j] >> 32) == t)
			j++;
		sc_term *x = &st->terms[t];
		uint32_t *ws = arena_alloc(P->p->a, ((size_t)x->nw + (j - i) +
		    1) * sizeof *ws);
		if (x->nw)
			memcpy(ws, x->words, (size_t)x->nw * sizeof *ws);
		for (size_t k = i; k < j; k++)
			ws[x->nw++] = (uint32_t)P->pairs[k];
		x->words = ws;
		i = j;
	}
	P->p->made = xcalloc(st->nterms + 1, sizeof *P->p->made);
	return 0;
}

/* Makes the changed terms' postings and digests, on threads. */
static void make_task(void *ctx, size_t task, int worker_no)
{
	(void)worker_no;
	patcher *P = ctx;
	searchcache *st = &P->p->st;
	for (size_t t = task * TERMS_A_TASK; t < st->nterms &&
	    t < (task + 1) * TERMS_A_TASK; t++) {
		if (!P->tchanged[t])
			continue;
		size_t n;
		uint32_t *list = term_postings(st, &st->terms[t], &n);
		st->terms[t].n = (uint32_t)n;
		st->terms[t].sum = hash_bytes(list, n * sizeof *list);
		P->p->made[t] = list;
	}
}

typedef struct byname {
	const char *name;
	uint32_t id;
} byname;

static int byname_cmp(const void *a, const void *b)
{
	return strcmp(((const byname *)a)->name, ((const byname *)b)->name);
}

/* old (n, by bytes) and the numbers from..to-1 (names from name()) merged
 * into one order by bytes (malloc'ed). */
static uint32_t *merge_order(const uint32_t *old, size_t n, size_t from,
    size_t to, const char *(*name)(const searchcache *, uint32_t),
    const searchcache *st)
{
	size_t k = to - from;
	byname *nv = xmalloc((k + 1) * sizeof *nv);
	for (size_t i = 0; i < k; i++)
		nv[i] = (byname){name(st, (uint32_t)(from + i)),
		    (uint32_t)(from + i)};
	qsort(nv, k, sizeof *nv, byname_cmp);
	uint32_t *out = xmalloc((n + k + 1) * sizeof *out);
	size_t i = 0, j = 0, o = 0;
	while (i < n || j < k) {
		if (j == k || (i < n && strcmp(name(st, old[i]),
		    nv[j].name) < 0))
			out[o++] = old[i++];
		else
			out[o++] = nv[j++].id;
	}
	free(nv);
	return out;
}

static const char *term_name(const searchcache *st, uint32_t i)
{
	return st->terms[i].term;
}

static const char *word_name(const searchcache *st, uint32_t i)
{
	return st->words[i].word;
}

/* 1 when word w's base forms are just itself. */
static int plain(const sc_word *w)
{
	size_t wl = w->len;
	return !strncmp(w->bases, w->word, wl) && w->bases[wl] == ' ' &&
	    !w->bases[wl + 1];
}

/* ix's terms and words, from the patched state. */
static void fill_index(patcher *P)
{
	search_index *ix = P->ix;
	searchcache *st = &P->p->st;
	const searchcache *c = P->c;
	st->order = merge_order(c->order, c->nterms, c->nterms, st->nterms,
	    term_name, st);
	/* The new words that are more than themselves join the surface. */
	size_t from = c->nwords, k = 0;
	uint32_t *tail = xmalloc((st->nwords - from + 1) * sizeof *tail);
	for (size_t w = from; w < st->nwords; w++)
		if (!plain(&st->words[w]))
			tail[k++] = (uint32_t)w;
	byname *nv = xmalloc((k + 1) * sizeof *nv);
	for (size_t i = 0; i < k; i++)
		nv[i] = (byname){st->words[tail[i]].word, tail[i]};
	qsort(nv, k, sizeof *nv, byname_cmp);
	uint32_t *surface = xmalloc((c->nsurface + k + 1) * sizeof *surface);
	size_t i = 0, j = 0, o = 0;
	while (i < c->nsurface || j < k) {
		if (j == k || (i < c->nsurface && strcmp(word_name(st,
		    c->surface[i]), nv[j].name) < 0))
			surface[o++] = c->surface[i++];
		else
			surface[o++] = nv[j++].id;
	}
	free(nv);
	free(tail);
	st->surface = surface;
	st->nsurface = o;

	ix->terms = xcalloc(st->nterms + 1, sizeof *ix->terms);
	for (size_t q = 0; q < st->nterms; q++) {
		const sc_term *t = &st->terms[st->order[q]];
		if (t->n)
			ix->terms[ix->nterms++] = (search_term){.term = t->term,
			    .post = P->p->made[st->order[q]], .n = t->n,
			    .sum = t->sum, .src = st->order[q]};
	}
	ix->words = arena_alloc(ix->a, (st->nsurface + 1) * sizeof *ix->words);
	for (size_t q = 0; q < st->nsurface; q++) {
		const sc_word *w = &st->words[st->surface[q]];
		if (w->n)
			ix->words[ix->nwords++] = (search_word){w->word,
			    w->bases, st->surface[q]};
	}
	for (size_t w = 0; w < st->nwords; w++)
		ix->distinct += st->words[w].n > 0;
	ix->analysed = P->analysed;
	ix->docs_read = P->nadded;
}

static void patcher_free(patcher *P)
{
	free(P->map);
	free(P->gone);
	free(P->added);
	free(P->adds);
	free(P->pairs);
	free(P->wchanged);
	free(P->tchanged);
	wordtab_free(&P->wt);
	if (P->newterms)
		strmap_free(P->newterms);
	wordcache_free(P->wc);
}

int searchpatch_apply(search_index *ix, const site *s, const hash128 *items,
    morph *m, const char *file, const char *words_file)
{
	searchcache *c = searchcache_read(file, searchpatch_env(s,
	    morph_stamp(m)));
	if (!c)
		return -1;
	searchpatch *p = xcalloc(1, sizeof *p);
	p->a = arena_new();
	p->old = c;
	patcher P = {.ix = ix, .s = s, .c = c, .p = p, .m = m,
	    .words_file = words_file};
	int rc = match_docs(&P, items);
	/* The cache's words, by the numbers they have there. */
	for (size_t w = 0; w < c->nwords && !rc; w++)
		if (wordtab_id(&P.wt, c->words[w].word, c->words[w].len,
		    c->words[w].hash, NULL) != w)
			rc = -1;   /* a word twice */
	if (!rc) {
		split_added(&P);
		rc = patch_words(&P);
	}
	if (!rc) {
		analyse_new(&P);
		rc = patch_terms(&P);
	}
	if (rc) {
		patcher_free(&P);
		searchpatch_free(p);
		return -1;
	}
	int threads = s->threads > 0 ? s->threads : 1;
	size_t tasks = (p->st.nterms + TERMS_A_TASK - 1) / TERMS_A_TASK;
	pool_run(P.same ? 1 : threads, tasks, make_task, &P);
	fill_index(&P);
	searchcache *st = &p->st;
	st->env = c->env;
	st->ndocs = ix->ndocs;
	hash128 *now = xmalloc((ix->ndocs + 1) * sizeof *now);
	for (size_t i = 0; i < ix->ndocs; i++)
		now[i] = items[ix->docs[i].item];
	st->items = now;
	ix->analyser = arena_strdup(ix->a, morph_name(m));
	ix->patch = p;
	patcher_free(&P);
	/* The bytes are made on the writer's thread: the state lives until
	 * searchindex_free. */
	start_write(p, file);
	return 0;
}
