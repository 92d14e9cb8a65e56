#include "searchindex.h"

#include <libvoikko/voikko.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/buf.h"
#include "../core/i18n.h"
#include "../core/pool.h"
#include "../core/strmap.h"
#include "../core/xalloc.h"
#include "../parse/utf8.h"
#include "event.h"
#include "morph.h"
#include "wordcache.h"


/* ------------------------------------------------------------ documents */

static int doc_cmp(const void *pa, const void *pb)
{
	const search_doc *a = pa, *b = pb;
	if (a->has_date != b->has_date)
		return b->has_date - a->has_date;
	if (a->has_date && a->date.epoch != b->date.epoch)
		return a->date.epoch > b->date.epoch ? -1 : 1;
	return strcmp(a->url, b->url);
}

/* The excerpt: the summary's first SEARCH_EXCERPT_MAX bytes, cut at a
 * space. */
static const char *excerpt(arena *a, const char *text)
{
	if (!text)
		return "";
	size_t n = strlen(text);
	if (n <= SEARCH_EXCERPT_MAX)
		return text;
	size_t cut = SEARCH_EXCERPT_MAX;
	while (cut > SEARCH_EXCERPT_MAX / 2 && text[cut] != ' ')
		cut--;
	while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80)
		cut--;
	char *e = arena_alloc(a, cut + sizeof "…");
	memcpy(e, text, cut);
	memcpy(e + cut, "…", sizeof "…");
	return e;
}

static void add_post_doc(search_index *ix, size_t *n, const post *p)
{
	search_doc *d = &ix->docs[(*n)++];
	*d = (search_doc){.kind = p->kind == PAGE_POST ? SEARCH_POST :
	    SEARCH_PAGE, .p = p, .title = p->title ? p->title : "",
	    .url = p->url, .section = p->section, .place = ""};
	if (p->kind == PAGE_POST && p->has_date) {
		d->date = p->date;
		d->has_date = 1;
	}
	d->excerpt = excerpt(ix->a, p->summary_text);
}

static void collect(search_index *ix, const site *s)
{
	size_t cap = s->nposts + s->npages + s->nevents + 1, n = 0;
	ix->docs = arena_alloc(ix->a, cap * sizeof *ix->docs);
	for (size_t i = 0; i < s->nposts; i++)
		add_post_doc(ix, &n, s->posts[i]);
	if (s->home)
		add_post_doc(ix, &n, s->home);
	for (size_t i = 0; i < s->npages; i++)
		if (s->pages[i] != s->home)
			add_post_doc(ix, &n, s->pages[i]);
	for (size_t i = 0; i < s->nevents; i++) {
		const event *e = s->events[i];
		search_doc *d = &ix->docs[n++];
		const char *place = e->location ? e->location : "";
		if (e->region && *e->region)
			place = *place ? arena_printf(ix->a, "%s, %s", place,
			    e->region) : e->region;
		*d = (search_doc){.kind = SEARCH_EVENT, .e = e,
		    .title = e->title ? e->title : "", .url = e->url,
		    .date = e->start, .has_date = 1, .place = place,
		    .excerpt = excerpt(ix->a, e->md.summary_text)};
	}
	ix->ndocs = n;
	qsort(ix->docs, n, sizeof *ix->docs, doc_cmp);
}

hash128 searchindex_key(const site *s)
{
	hash_state *st = hash_begin();
	hash_add_hash(st, hash_program());
	hash_add_str(st, s->language);
	hash_add_str(st, voikkoGetVersion());
	const post *const *lists[] = {(const post *const *)s->posts,
	    (const post *const *)s->pages};
	size_t lens[] = {s->nposts, s->npages};
	for (int l = 0; l < 2; l++)
		for (size_t i = 0; i < lens[l]; i++) {
			const post *p = lists[l][i];
			hash_add_str(st, p->url);
			hash_add_str(st, p->title);
			hash_add_str(st, p->section);
			hash_add_u64(st, (uint64_t)p->has_date);
			hash_add_u64(st, (uint64_t)p->date.epoch);
			hash_add_str(st, p->md.html);
			hash_add_str(st, p->summary_text);
			for (size_t t = 0; t < p->ntags; t++)
				hash_add_str(st, p->tags[t]->name);
		}
	if (s->home) {
		hash_add_str(st, s->home->md.html);
		hash_add_str(st, s->home->title);
	}
	for (size_t i = 0; i < s->nevents; i++) {
		const event *e = s->events[i];
		hash_add_str(st, e->url);
		hash_add_str(st, e->title);
		hash_add_str(st, e->location);
		hash_add_str(st, e->region);
		hash_add_u64(st, (uint64_t)e->start.epoch);
		hash_add_str(st, e->md.html);
		for (size_t t = 0; t < e->ntags; t++)
			hash_add_str(st, e->tags[t]->name);
	}
	return hash_end(st);
}

/* ---------------------------------------------------------- tokenising */

/* A table of distinct words: open addressing over ids. */
typedef struct wtable {
	uint32_t *slot;         /* id + 1 */
	size_t nslot;
	const char **w;
	uint32_t *h, *len;
	size_t n, cap;
} wtable;

static void wt_rehash(wtable *t)
{
	size_t n = t->nslot ? t->nslot * 2 : 1 << 12;
	free(t->slot);
	t->slot = xcalloc(n, sizeof *t->slot);
	t->nslot = n;
	for (size_t i = 0; i < t->n; i++) {
		size_t k = t->h[i] & (n - 1);
		while (t->slot[k])
			k = (k + 1) & (n - 1);
		t->slot[k] = (uint32_t)i + 1;
	}
}

/* The id of word s (len bytes, hash h); a new word is copied into a, or
 * kept as it is when a is NULL. */
static uint32_t wt_id(wtable *t, const char *s, uint32_t len, uint32_t h,
    arena *a)
{
	if ((t->n + 1) * 2 > t->nslot)
		wt_rehash(t);
	size_t k = h & (t->nslot - 1);
	while (t->slot[k]) {
		uint32_t id = t->slot[k] - 1;
		if (t->h[id] == h && t->len[id] == len &&
		    !memcmp(t->w[id], s, len))
			return id;
		k = (k + 1) & (t->nslot - 1);
	}
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 4096;
		t->w = xrealloc(t->w, t->cap * sizeof *t->w);
		t->h = xrealloc(t->h, t->cap * sizeof *t->h);
		t->len = xrealloc(t->len, t->cap * sizeof *t->len);
	}
	t->w[t->n] = a ? arena_strndup(a, s, len) : s;
	t->h[t->n] = h;
	t->len[t->n] = len;
	t->slot[k] = (uint32_t)t->n + 1;
	return (uint32_t)t->n++;
}

static void wt_free(wtable *t)
{
	free(t->slot);
	free(t->w);
	free(t->h);
	free(t->len);
}

/* A worker's own dictionary numbers the words it meets (local ids); a
 * document's words are (local id << SEARCH_MASK_BITS) | where, once each.
 * Only distinct words ever meet the shared table. */
typedef struct worker {
	arena *a;
	char low[MORPH_MAX_WORD + 4];   /* the word being read, lowercased */
	size_t nlow;            /* its length; > MORPH_MAX_WORD: too long */
	wtable dict;
	uint32_t *last, *pos;   /* per local id: document + 1, index in cur */
	size_t nlast;
	uint32_t *cur;          /* this document's words */
	size_t n, cap;
	uint32_t doc;
} worker;

static uint32_t fnv(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/* Letters and digits, as /[\p{L}\p{N}]/u is in the page's JavaScript for
 * the scripts a Nordic site writes in. */
static int word_cp(unsigned c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9');
	if (c == 0xAA || c == 0xB5 || c == 0xBA)
		return 1;
	return c >= 0xC0 && c != 0xD7 && c != 0xF7 && c < 0x2B0;
}

/* ASCII letters and digits, by byte. */
static const unsigned char ascii_word[256] = {
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1,
	['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
	['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1,
	['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1,
	['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1,
	['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
	['Y'] = 1, ['Z'] = 1,
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1,
	['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1,
	['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1,
	['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
	['y'] = 1, ['z'] = 1,
};

/* Appends c lowercased to the word being read. */
static void put_lower(worker *w, unsigned c)
{
	if (w->nlow > MORPH_MAX_WORD)
		return;
	char *o = w->low + w->nlow;
	if (c < 0x80) {
		*o = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
		w->nlow++;
		return;
	}
	c = morph_lower_cp(c);
	if (c < 0x800) {
		o[0] = (char)(0xC0 | (c >> 6));
		o[1] = (char)(0x80 | (c & 0x3F));
		w->nlow += 2;
	} else {
		/* Below U+2B0 (word_cp): never more than two bytes. */
		w->nlow = MORPH_MAX_WORD + 1;
	}
}

/* The lowercased word in w->low, where mask says. */
static void add_word(worker *w, uint32_t mask)
{
	const char *lw = w->low;
	size_t ln = w->nlow;
	if (ln > MORPH_MAX_WORD || ln < 2 || (ln == 2 &&
	    ((unsigned char)lw[0] & 0xE0) == 0xC0))
		return;   /* one letter, or no word a reader types */
	uint32_t lid = wt_id(&w->dict, lw, (uint32_t)ln, fnv(lw, ln), w->a);
	if (lid >= w->nlast) {
		size_t n = w->nlast ? w->nlast * 2 : 4096;
		w->last = xrealloc(w->last, n * sizeof *w->last);
		w->pos = xrealloc(w->pos, n * sizeof *w->pos);
		memset(w->last + w->nlast, 0, (n - w->nlast) * sizeof *w->last);
		w->nlast = n;
	}
	if (w->last[lid] == w->doc + 1) {
		w->cur[w->pos[lid]] |= mask;
		return;
	}
	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 256;
		w->cur = xrealloc(w->cur, w->cap * sizeof *w->cur);
	}
	w->last[lid] = w->doc + 1;
	w->pos[lid] = (uint32_t)w->n;
	w->cur[w->n++] = (lid << SEARCH_MASK_BITS) | mask;
}

/* The words of text; with html, tags are skipped and words inside
 * <h1>…<h6> count as headings. Entities (cmark writes &amp; &lt; &gt;
 * &quot;) separate words. */
static void tokenise(worker *w, const char *s, size_t n, int html,
    uint32_t mask)
{
	uint32_t cur = mask;
	size_t i = 0;
	int in = 0;
	while (i <= n) {
		unsigned c = 0;
		size_t k = 1;
		/* Most text is ASCII: letters and digits without a call. */
		while (in && i < n && ascii_word[(unsigned char)s[i]]) {
			unsigned char a = (unsigned char)s[i++];
			if (w->nlow <= MORPH_MAX_WORD)
				w->low[w->nlow++] = (char)(a >= 'A' && a <= 'Z' ?
				    a + 32 : a);
		}
		if (i < n) {
			c = (unsigned char)s[i];
			if (c >= 0x80)
				k = utf8_next(s + i, n - i, &c);
		}
		if (i < n && word_cp(c)) {
			if (!in) {
				in = 1;
				w->nlow = 0;
			}
			put_lower(w, c);
			i += k;
			continue;
		}
		if (in) {
			add_word(w, cur);
			in = 0;
		}
		if (i == n)
			break;
		if (html && c == '<') {
			const char *gt = memchr(s + i, '>', n - i);
			size_t end = gt ? (size_t)(gt - s) + 1 : n;
			int close = i + 1 < n && s[i + 1] == '/';
			size_t t = i + 1 + (size_t)close;
			if (t + 1 < n && (s[t] == 'h' || s[t] == 'H') &&
			    s[t + 1] >= '1' && s[t + 1] <= '6')
				cur = close ? mask : SEARCH_HEADING;
			i = end;
			continue;
		}
		if (html && c == '&') {
			const char *semi = memchr(s + i, ';', n - i < 12 ?
			    n - i : 12);
			i = semi ? (size_t)(semi - s) + 1 : i + 1;
			continue;
		}
		i += k;
	}
}

static void tokenise_str(worker *w, const char *s, int html, uint32_t mask)
{
	if (s)
		tokenise(w, s, strlen(s), html, mask);
}

/* --------------------------------------------------------------- build */

typedef struct build {
	const site *s;
	search_index *ix;
	worker *workers;
	uint32_t **dt;          /* each document's words (local ids) */
	size_t *dn;
	int *dw;                /* and the worker that read it */
	/* analyses */
	const char **wordv;     /* distinct words, by id */
	const char **bases, **parts;
	size_t *miss;
	morph **morphs;
	const char *lang;
} build;

static void date_words(worker *w, const sdate *d)
{
	char b[32];
	snprintf(b, sizeof b, "%d.%d.%d", d->day, d->month, d->year);
	tokenise(w, b, strlen(b), 0, SEARCH_BODY);
}

static void doc_words(void *ctx, size_t i, int worker_no)
{
	build *B = ctx;
	worker *w = &B->workers[worker_no];
	const search_doc *d = &B->ix->docs[i];
	w->n = 0;
	w->doc = (uint32_t)i;
	tokenise_str(w, d->title, 0, SEARCH_TITLE);
	if (d->p) {
		for (size_t t = 0; t < d->p->ntags; t++)
			tokenise_str(w, d->p->tags[t]->name, 0, SEARCH_HEADING);
		tokenise_str(w, d->p->md.html, 1, SEARCH_BODY);
		if (d->p->summary_text != d->p->md.summary_text)
			tokenise_str(w, d->p->summary_text, 0, SEARCH_BODY);
	}
	if (d->e) {
		for (size_t t = 0; t < d->e->ntags; t++)
			tokenise_str(w, d->e->tags[t]->name, 0, SEARCH_HEADING);
		tokenise_str(w, d->e->md.html, 1, SEARCH_BODY);
		tokenise_str(w, d->e->location, 0, SEARCH_BODY);
		tokenise_str(w, d->e->address, 0, SEARCH_BODY);
		tokenise_str(w, d->e->region, 0, SEARCH_BODY);
		date_words(w, &d->date);
	}
	uint32_t *copy = arena_alloc(w->a, (w->n ? w->n : 1) * sizeof *copy);
	if (w->n)
		memcpy(copy, w->cur, w->n * sizeof *copy);
	B->dt[i] = copy;
	B->dn[i] = w->n;
	B->dw[i] = worker_no;
}

static void analyse_one(void *ctx, size_t i, int worker_no)
{
	build *B = ctx;
	if (!B->morphs[worker_no])
		B->morphs[worker_no] = morph_new(B->lang);
	size_t id = B->miss[i];
	buf bases = {0}, parts = {0};
	const char *word = B->wordv[id];
	morph_analyse(B->morphs[worker_no], word, strlen(word), &bases,
	    &parts);
	arena *a = B->workers[worker_no].a;
	B->bases[id] = arena_strndup(a, bases.data ? bases.data : "",
	    bases.len);
	B->parts[id] = arena_strndup(a, parts.data ? parts.data : "",
	    parts.len);
	buf_free(&bases);
	buf_free(&parts);
}

static int term_cmp(const void *a, const void *b)
{
	return strcmp(((const search_term *)a)->term,
	    ((const search_term *)b)->term);
}

static int word_cmp(const void *a, const void *b)
{
	return strcmp(((const search_word *)a)->word,
	    ((const search_word *)b)->word);
}

typedef struct idvec {
	uint32_t *v;
	size_t n, cap;
} idvec;

static void idvec_push(idvec *v, uint32_t x)
{
	if (v->n == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 4096;
		v->v = xrealloc(v->v, v->cap * sizeof *v->v);
	}
	v->v[v->n++] = x;
}

/* Interns each space-separated form of list as a term; appends the ids
 * (once each) to out. */
static void intern(search_index *ix, strmap *terms, size_t *cap,
    const char *list, idvec *out, size_t from)
{
	const char *p = list;
	while (p && *p) {
		const char *sp = strchr(p, ' ');
		size_t len = sp ? (size_t)(sp - p) : strlen(p);
		if (len) {
			char *t = arena_strndup(ix->a, p, len);
			void *v = strmap_get(terms, t);
			size_t id;
			if (v) {
				id = (size_t)(uintptr_t)v - 1;
			} else {
				if (ix->nterms == *cap) {
					*cap = *cap ? *cap * 2 : 4096;
					ix->terms = xrealloc(ix->terms,
					    *cap * sizeof *ix->terms);
				}
				id = ix->nterms++;
				ix->terms[id] = (search_term){.term = t};
				strmap_set(terms, t, (void *)(uintptr_t)(id + 1));
			}
			int seen = 0;
			for (size_t k = from; k < out->n && !seen; k++)
				seen = out->v[k] == id;
			if (!seen)
				idvec_push(out, (uint32_t)id);
		}
		p = sp ? sp + 1 : NULL;
	}
}

static void post_add(search_term *t, uint32_t doc, uint32_t mask)
{
	if (t->n && (t->post[t->n - 1] >> SEARCH_MASK_BITS) == doc) {
		t->post[t->n - 1] |= mask;
		return;
	}
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 8;
		t->post = xrealloc(t->post, t->cap * sizeof *t->post);
	}
	t->post[t->n++] = (doc << SEARCH_MASK_BITS) | mask;
}

/* Below this many new words, starting Voikko on more threads costs more
 * than it saves. */
enum { ANALYSE_PARALLEL_MIN = 256 };

search_index *searchindex_build(const site *s, const char *cache_file,
    diag *d)
{
	search_index *ix = xcalloc(1, sizeof *ix);
	ix->a = arena_new();
	collect(ix, s);
	int threads = s->threads > 0 ? s->threads : 1;
	build B = {.s = s, .ix = ix, .lang = s->language ? s->language : ""};
	B.workers = xcalloc((size_t)threads, sizeof *B.workers);
	for (int w = 0; w < threads; w++)
		B.workers[w].a = arena_new();
	B.dt = xcalloc(ix->ndocs + 1, sizeof *B.dt);
	B.dn = xcalloc(ix->ndocs + 1, sizeof *B.dn);
	B.dw = xcalloc(ix->ndocs + 1, sizeof *B.dw);
	pool_run(threads, ix->ndocs, doc_words, &B);

	/* The site's distinct words: each worker's, in the shared table.
	 * Their numbers depend on the threads; nothing written does. */
	wtable wt = {0};
	uint32_t **gid = xcalloc((size_t)threads, sizeof *gid);
	for (int w = 0; w < threads; w++) {
		wtable *dict = &B.workers[w].dict;
		gid[w] = xmalloc((dict->n + 1) * sizeof **gid);
		for (size_t i = 0; i < dict->n; i++)
			gid[w][i] = wt_id(&wt, dict->w[i], dict->len[i],
			    dict->h[i], NULL);
	}
	ix->distinct = wt.n;

	/* Their analyses: from the cache, else now. */
	B.morphs = xcalloc((size_t)threads, sizeof *B.morphs);
	B.morphs[0] = morph_new(B.lang);
	ix->analyser = arena_strdup(ix->a, morph_name(B.morphs[0]));
	if (morph_degraded(B.morphs[0]))
		diag_warn(d, "site.yaml", 0, 0, "%s", _("search: Voikko's "
		    "Finnish dictionary is missing, so Finnish words are only "
		    "stemmed and compounds are not split: install the package "
		    "voikko-fi"));
	wordcache *cache = wordcache_read(cache_file, ix->analyser);
	B.wordv = wt.w;
	B.bases = xcalloc(wt.n + 1, sizeof *B.bases);
	B.parts = xcalloc(wt.n + 1, sizeof *B.parts);
	B.miss = xmalloc((wt.n + 1) * sizeof *B.miss);
	size_t nmiss = 0;
	for (size_t i = 0; i < wt.n; i++)
		if (!wordcache_get(cache, wt.w[i], &B.bases[i], &B.parts[i]))
			B.miss[nmiss++] = i;
	pool_run(nmiss >= ANALYSE_PARALLEL_MIN ? threads : 1, nmiss,
	    analyse_one, &B);
	ix->analysed = nmiss;
	if (nmiss)
		wordcache_write(cache_file, ix->analyser, wt.w, B.bases,
		    B.parts, wt.n);

	/* Terms, and each word's. */
	strmap *terms = strmap_new();
	size_t tcap = 0;
	idvec wterms = {0};
	size_t *woff = xmalloc((wt.n + 1) * sizeof *woff);
	for (size_t i = 0; i < wt.n; i++) {
		woff[i] = wterms.n;
		intern(ix, terms, &tcap, B.bases[i], &wterms, woff[i]);
		intern(ix, terms, &tcap, B.parts[i], &wterms, woff[i]);
	}
	woff[wt.n] = wterms.n;

	/* Postings, in document order. */
	for (size_t doc = 0; doc < ix->ndocs; doc++)
		for (size_t j = 0; j < B.dn[doc]; j++) {
			uint32_t x = B.dt[doc][j];
			uint32_t id = gid[B.dw[doc]][x >> SEARCH_MASK_BITS];
			uint32_t mask = x & ((1u << SEARCH_MASK_BITS) - 1);
			for (size_t t = woff[id]; t < woff[id + 1]; t++)
				post_add(&ix->terms[wterms.v[t]], (uint32_t)doc,
				    mask);
		}
	qsort(ix->terms, ix->nterms, sizeof *ix->terms, term_cmp);

	/* Words whose base forms are more than themselves. */
	ix->words = arena_alloc(ix->a, (wt.n + 1) * sizeof *ix->words);
	for (size_t i = 0; i < wt.n; i++) {
		size_t wl = wt.len[i];
		const char *b = B.bases[i];
		if (!strncmp(b, wt.w[i], wl) && b[wl] == ' ' && !b[wl + 1])
			continue;
		ix->words[ix->nwords++] = (search_word){
		    arena_strdup(ix->a, wt.w[i]), arena_strdup(ix->a, b)};
	}
	qsort(ix->words, ix->nwords, sizeof *ix->words, word_cmp);

	strmap_free(terms);
	wordcache_free(cache);
	free(wterms.v);
	free(woff);
	for (int w = 0; w < threads; w++) {
		morph_free(B.morphs[w]);
		arena_free(B.workers[w].a);
		wt_free(&B.workers[w].dict);
		free(B.workers[w].last);
		free(B.workers[w].pos);
		free(B.workers[w].cur);
		free(gid[w]);
	}
	free(gid);
	free(B.dw);
	free(B.morphs);
	free(B.workers);
	free(B.dt);
	free(B.dn);
	free(B.bases);
	free(B.parts);
	free(B.miss);
	wt_free(&wt);
	return ix;
}

void searchindex_free(search_index *ix)
{
	if (!ix)
		return;
	for (size_t i = 0; i < ix->nterms; i++)
		free(ix->terms[i].post);
	free(ix->terms);
	arena_free(ix->a);
	free(ix);
}
