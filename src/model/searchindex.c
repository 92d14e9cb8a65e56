#include "searchindex.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/buf.h"
#include "../core/i18n.h"
#include "../core/pool.h"
#include "../core/strmap.h"
#include "../core/xalloc.h"
#include "../parse/utf8.h"
#include "bodystore.h"
#include "docwords.h"
#include "event.h"
#include "morph.h"
#include "mdcache.h"
#include "post.h"
#include "searchdocs.h"
#include "searchpatch.h"
#include "searchpost.h"
#include "wordcache.h"
#include "wordsplit.h"


/* ------------------------------------------------------------ documents */

const char *searchindex_excerpt(arena *a, const char *text)
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

hash128 searchindex_key(const site *s, hash128 **items)
{
	return searchdocs_key(s, items, NULL);
}

hash128 searchindex_key_docs(const site *s, hash128 **items,
    search_doc **by_item)
{
	return searchdocs_key(s, items, by_item);
}

/* --------------------------------------------------------------- build */

/* One text of a document and where its words count. */
typedef struct field {
	const char *s;
	size_t len;   /* strlen(s), or 0 when not known */
	uint32_t mask;
	int html;
} field;

/* A worker: its splitter, and room for a document's texts. */
typedef struct worker {
	wordsplit ws;
	field *f;
	size_t nf, capf;
	char date[32];
} worker;

typedef struct build {
	const site *s;
	search_index *ix;
	worker *workers;
	int threads;
	/* Each document's words: (number << SEARCH_MASK_BITS) | where, the
	 * numbers those of the worker that read it (dw), or of the cache's
	 * table when dw is `threads`. */
	const uint32_t **dt;
	size_t *dn;
	int *dw;
	docwords *cache;        /* or NULL */
	hash128 *items;         /* searchindex_key's digests */
	int fill;               /* items are made here, as documents are read */
	size_t read;            /* documents read now */
	/* analyses */
	const char **wordv;     /* distinct words, by id */
	const char **bases, **parts;
	size_t *miss;
	morph **morphs;
	const char *lang;
} build;

/* s, of len bytes when len is not 0 (a body's length is known: it is
 * not read twice). */
static void add_text(worker *w, const char *s, size_t len, int html,
    uint32_t mask)
{
	if (!s)
		return;
	if (w->nf == w->capf) {
		w->capf = w->capf ? w->capf * 2 : 16;
		w->f = xrealloc(w->f, w->capf * sizeof *w->f);
	}
	w->f[w->nf++] = (field){s, len, mask, html};
}

static void add_field(worker *w, const char *s, int html, uint32_t mask)
{
	add_text(w, s, 0, html, mask);
}

/* The texts of document d, in w->f. */
static void doc_fields(worker *w, const search_doc *d)
{
	w->nf = 0;
	add_field(w, d->title, 0, SEARCH_TITLE);
	if (d->p) {
		for (size_t t = 0; t < d->p->ntags; t++)
			add_field(w, d->p->tags[t]->name, 0, SEARCH_HEADING);
		add_text(w, d->p->md.html, d->p->md.html_len, 1, SEARCH_BODY);
		if (d->p->summary_text != d->p->md.summary_text)
			add_text(w, d->p->summary_text,
			    d->p->summary_text_len, 0, SEARCH_BODY);
	}
	if (d->e) {
		for (size_t t = 0; t < d->e->ntags; t++)
			add_field(w, d->e->tags[t]->name, 0, SEARCH_HEADING);
		add_text(w, d->e->md.html, d->e->md.html_len, 1, SEARCH_BODY);
		add_field(w, d->e->location, 0, SEARCH_BODY);
		add_field(w, d->e->address, 0, SEARCH_BODY);
		add_field(w, d->e->region, 0, SEARCH_BODY);
		snprintf(w->date, sizeof w->date, "%d.%d.%d", d->date.day,
		    d->date.month, d->date.year);
		add_field(w, w->date, 0, SEARCH_BODY);
	}
}

/* The texts in w->f into ws, as document no. */
static void split_fields(wordsplit *ws, const worker *w, uint32_t no)
{
	wordsplit_doc(ws, no);
	for (size_t f = 0; f < w->nf; f++)
		wordsplit_text(ws, w->f[f].s, w->f[f].len ? w->f[f].len :
		    strlen(w->f[f].s), w->f[f].html, w->f[f].mask);
}

void searchindex_split(wordsplit *ws, const search_doc *d, uint32_t no)
{
	worker w = {0};
	doc_fields(&w, d);
	split_fields(ws, &w, no);
	free(w.f);
}

static void doc_words(void *ctx, size_t i, int worker_no)
{
	build *B = ctx;
	worker *w = &B->workers[worker_no];
	const search_doc *sd = &B->ix->docs[i];
	doc_fields(w, sd);
	bodystore_tick(B->s, i);
	if (B->fill)
		B->items[sd->item] = sd->p ? searchdocs_post_key(sd->p) :
		    searchdocs_event_key(sd->e);
	if (B->cache) {
		size_t n;
		const uint32_t *list = docwords_get(B->cache,
		    B->items[B->ix->docs[i].item], &n);
		if (list) {
			B->dt[i] = list;
			B->dn[i] = n;
			B->dw[i] = B->threads;
			return;
		}
	}
	split_fields(&w->ws, w, (uint32_t)i);
	size_t n = w->ws.n;
	uint32_t *copy = arena_alloc(w->ws.a, (n ? n : 1) * sizeof *copy);
	if (n)
		memcpy(copy, w->ws.cur, n * sizeof *copy);
	B->dt[i] = copy;
	B->dn[i] = n;
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
	arena *a = B->workers[worker_no].ws.a;
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

/* Below this many new words, starting Voikko on more threads costs more
 * than it saves. */
enum { ANALYSE_PARALLEL_MIN = 256 };
/* The share of the documents (1/N) that may be missing from the cache,
 * or gone from the site, before it is written again. */
enum { DOCS_STALE_SHARE = 32 };

/* The words of the documents from the cache (dw == threads) get numbers
 * in wt too, those that some document uses: gid[threads]. */
static uint32_t *cache_ids(const build *B, wordtab *wt, arena *a)
{
	size_t n = docwords_nwords(B->cache);
	uint32_t *g = xcalloc(n + 1, sizeof *g);
	unsigned char *used = xcalloc(n + 1, 1);
	for (size_t doc = 0; doc < B->ix->ndocs; doc++)
		if (B->dw[doc] == B->threads)
			for (size_t j = 0; j < B->dn[doc]; j++)
				used[B->dt[doc][j] >> SEARCH_MASK_BITS] = 1;
	for (size_t i = 0; i < n; i++) {
		if (!used[i])
			continue;
		size_t len;
		const char *w = docwords_word(B->cache, i, &len);
		char *c = arena_alloc(a, WORD_PADDED(len));   /* zeroed */
		memcpy(c, w, len);
		g[i] = wordtab_id(wt, c, (uint32_t)len, wordtab_hash(c, len),
		    NULL);
	}
	free(used);
	return g;
}

/* Writes every document's words for the next build. */
static void save_docs(const build *B, const wordtab *wt,
    uint32_t *const *gid, const char *file)
{
	size_t total = 0;
	for (size_t doc = 0; doc < B->ix->ndocs; doc++)
		total += B->dn[doc];
	docwords_out *o = docwords_begin(wt->w, wt->len, wt->n, B->ix->ndocs,
	    total);
	for (size_t doc = 0; doc < B->ix->ndocs; doc++) {
		size_t n = B->dn[doc];
		uint32_t *to = docwords_add(o, B->items[B->ix->docs[doc].item],
		    n);
		if (!to)
			break;
		const uint32_t *g = gid[B->dw[doc]];
		for (size_t j = 0; j < n; j++) {
			uint32_t x = B->dt[doc][j];
			to[j] = g[x >> SEARCH_MASK_BITS] << SEARCH_MASK_BITS |
			    (x & ((1u << SEARCH_MASK_BITS) - 1));
		}
	}
	docwords_commit(o, file);
}

/* save_docs on a thread of its own, beside the postings: it only reads
 * what they read. */
typedef struct saver {
	const build *B;
	const wordtab *wt;
	uint32_t *const *gid;
	const char *file;
	pthread_t tid;
	int started;
} saver;

static void *save_main(void *arg)
{
	saver *sv = arg;
	save_docs(sv->B, sv->wt, sv->gid, sv->file);
	return NULL;
}

static void save_start(saver *sv)
{
	if (sv->B->threads > 1 &&
	    pthread_create(&sv->tid, NULL, save_main, sv) == 0)
		sv->started = 1;
	else
		save_main(sv);
}

/* The index just made, for the next build to patch: its words with their
 * postings (wblock, wstart), its terms with the words they are forms of
 * (wterms, woff inverted). */
static void save_index(const build *B, const search_index *ix,
    const wordtab *wt, const uint32_t *wblock, const size_t *wstart,
    const idvec *wterms, const size_t *woff, const char *file)
{
	searchcache st = {.env = searchpatch_env(B->s,
	    morph_stamp(B->morphs[0])),
	    .ndocs = ix->ndocs, .nwords = wt->n, .nsurface = ix->nwords,
	    .nterms = ix->nterms};
	hash128 *items = xmalloc((ix->ndocs + 1) * sizeof *items);
	for (size_t i = 0; i < ix->ndocs; i++)
		items[i] = B->items[ix->docs[i].item];
	st.items = items;
	st.words = xcalloc(wt->n + 1, sizeof *st.words);
	for (size_t i = 0; i < wt->n; i++)
		st.words[i] = (sc_word){.word = wt->w[i], .len = wt->len[i],
		    .hash = wt->h[i], .bases = B->bases[i],
		    .parts = B->parts[i], .post = wblock + wstart[i],
		    .n = (uint32_t)(wstart[i + 1] - wstart[i])};
	uint32_t *surface = xmalloc((ix->nwords + 1) * sizeof *surface);
	for (size_t i = 0; i < ix->nwords; i++)
		surface[i] = (uint32_t)ix->words[i].src;
	st.surface = surface;
	/* Each term's words, by the term's number where it was made. */
	size_t *toff = xcalloc(ix->nterms + 2, sizeof *toff);
	uint32_t *tw = xmalloc((wterms->n + 1) * sizeof *tw);
	for (size_t k = 0; k < wterms->n; k++)
		toff[wterms->v[k] + 2]++;
	for (size_t t = 0; t < ix->nterms; t++)
		toff[t + 2] += toff[t + 1];
	for (size_t w = 0; w < wt->n; w++)
		for (size_t k = woff[w]; k < woff[w + 1]; k++)
			tw[toff[wterms->v[k] + 1]++] = (uint32_t)w;
	st.terms = xcalloc(ix->nterms + 1, sizeof *st.terms);
	uint32_t *order = xmalloc((ix->nterms + 1) * sizeof *order);
	for (size_t i = 0; i < ix->nterms; i++) {
		const search_term *t = &ix->terms[i];
		st.terms[i] = (sc_term){.term = t->term, .words = tw +
		    toff[t->src], .nw = (uint32_t)(toff[t->src + 1] -
		    toff[t->src]), .n = (uint32_t)t->n, .sum = t->sum};
		order[i] = (uint32_t)i;
	}
	st.order = order;
	/* Here, not on a thread: st lives only as long as this call. */
	searchcache_write(&st, file);
	free(items);
	free(st.words);
	free(surface);
	free(toff);
	free(tw);
	free(st.terms);
	free(order);
}

static search_index *build_index(const site *s, hash128 *items,
    search_doc *by_item, int fill, const search_files *files, diag *d)
{
	search_index *ix = xcalloc(1, sizeof *ix);
	ix->a = arena_new();
	searchdocs_collect(ix, s, by_item);
	int threads = s->threads > 0 ? s->threads : 1;
	build B = {.s = s, .ix = ix, .threads = threads,
	    .lang = s->language ? s->language : ""};
	const char *words_file = files ? files->words : NULL;
	const char *docs_file = files ? files->docs : NULL;
	const char *index_file = files ? files->index : NULL;
	morph *m0 = morph_new(B.lang);
	if (!m0) {
		/* TRANSLATORS: %s is the loader's own reason (a file name
		 * and a system message). */
		diag_error(d, "site.yaml", 0, 0, _("search cannot be built: "
		    "saitti's word part did not load (%s); install saitti "
		    "again, or build it with make"), morph_error());
		ix->analyser = arena_strdup(ix->a, "none");
		return ix;   /* without words; the build fails */
	}
	ix->analyser = arena_strdup(ix->a, morph_name(m0));
	if (morph_degraded(m0))
		diag_warn(d, "site.yaml", 0, 0, "%s", _("search: Voikko's "
		    "Finnish dictionary is missing, so Finnish words are only "
		    "stemmed and compounds are not split: install the package "
		    "voikko-fi"));
	/* Few documents changed since the last build: its index, patched. */
	if (!fill && items && index_file && searchpatch_apply(ix, s, items,
	    m0, index_file, words_file) == 0) {
		morph_free(m0);
		return ix;
	}
	B.workers = xcalloc((size_t)threads, sizeof *B.workers);
	for (int w = 0; w < threads; w++)
		wordsplit_init(&B.workers[w].ws);
	B.dt = xcalloc(ix->ndocs + 1, sizeof *B.dt);
	B.dn = xcalloc(ix->ndocs + 1, sizeof *B.dn);
	B.dw = xcalloc(ix->ndocs + 1, sizeof *B.dw);
	B.items = items;
	B.fill = fill;
	if (docs_file && items)
		B.cache = docwords_read(docs_file, SEARCH_MASK_BITS);
	pool_run(threads, ix->ndocs, doc_words, &B);
	bodystore_check(s);
	for (size_t i = 0; i < ix->ndocs; i++)
		B.read += B.dw[i] != threads;

	/* The site's distinct words: each worker's, in the shared table.
	 * Their numbers depend on the threads; nothing written does. */
	wordtab wt = {0};
	arena *cw = arena_new();
	uint32_t **gid = xcalloc((size_t)threads + 1, sizeof *gid);
	for (int w = 0; w < threads; w++) {
		wordtab *dict = &B.workers[w].ws.dict;
		gid[w] = xmalloc((dict->n + 1) * sizeof **gid);
		for (size_t i = 0; i < dict->n; i++)
			gid[w][i] = wordtab_id(&wt, dict->w[i], dict->len[i],
			    dict->h[i], NULL);
	}
	if (B.cache)
		gid[threads] = cache_ids(&B, &wt, cw);
	ix->distinct = wt.n;
	ix->docs_read = B.read;

	/* Their analyses: from the cache, else now. */
	B.morphs = xcalloc((size_t)threads, sizeof *B.morphs);
	B.morphs[0] = m0;
	wordcache *cache = wordcache_read(words_file, morph_stamp(m0));
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
		wordcache_write(words_file, morph_stamp(m0), wt.w, B.bases,
		    B.parts, wt.n);
	/* The cache is written again when it is stale enough: a few
	 * documents read again each build cost less than the rewrite. */
	size_t hits = ix->ndocs - B.read, had = B.cache ?
	    docwords_ndocs(B.cache) : 0;
	size_t stale = B.read + (had > hits ? had - hits : 0);
	saver sv = {.B = &B, .wt = &wt, .gid = gid, .file = docs_file};
	if (B.cache && stale > ix->ndocs / DOCS_STALE_SHARE)
		save_start(&sv);

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

	uint32_t *wblock = NULL;
	size_t *wstart = NULL;
	searchpost_in pin = {.ndocs = ix->ndocs, .dt = B.dt, .dn = B.dn,
	    .dw = B.dw, .gid = gid, .woff = woff, .wterms = wterms.v,
	    .nwords = wt.n, .nterms = ix->nterms, .threads = threads,
	    .wblock = index_file ? &wblock : NULL,
	    .wstart = index_file ? &wstart : NULL};
	ix->block = searchpost_make(&pin, ix->terms);
	for (size_t t = 0; t < ix->nterms; t++)
		ix->terms[t].src = t;
	searchpost_sums(ix->terms, ix->nterms, threads);
	qsort(ix->terms, ix->nterms, sizeof *ix->terms, term_cmp);

	/* Words whose base forms are more than themselves. */
	ix->words = arena_alloc(ix->a, (wt.n + 1) * sizeof *ix->words);
	for (size_t i = 0; i < wt.n; i++) {
		size_t wl = wt.len[i];
		const char *b = B.bases[i];
		if (!strncmp(b, wt.w[i], wl) && b[wl] == ' ' && !b[wl + 1])
			continue;
		ix->words[ix->nwords++] = (search_word){
		    arena_strdup(ix->a, wt.w[i]), arena_strdup(ix->a, b), i};
	}
	qsort(ix->words, ix->nwords, sizeof *ix->words, word_cmp);
	if (wblock)
		save_index(&B, ix, &wt, wblock, wstart, &wterms, woff,
		    index_file);
	free(wblock);
	free(wstart);

	if (sv.started)
		pthread_join(sv.tid, NULL);
	strmap_free(terms);
	wordcache_free(cache);
	free(wterms.v);
	free(woff);
	for (int w = 0; w < threads; w++) {
		morph_free(B.morphs[w]);
		wordsplit_free(&B.workers[w].ws);
		free(B.workers[w].f);
		free(gid[w]);
	}
	free(gid[threads]);
	free(gid);
	docwords_free(B.cache);
	free(B.dw);
	free(B.morphs);
	free(B.workers);
	free(B.dt);
	free(B.dn);
	free(B.bases);
	free(B.parts);
	free(B.miss);
	wordtab_free(&wt);
	arena_free(cw);
	return ix;
}

search_index *searchindex_build(const site *s, const hash128 *items,
    search_doc *by_item, const search_files *files, diag *d)
{
	return build_index(s, (hash128 *)items, by_item, 0, files, d);
}

search_index *searchindex_build_key(const site *s, hash128 **items,
    hash128 *key, const search_files *files, diag *d)
{
	size_t n = s->nposts + s->npages + s->nevents;
	hash128 *h = xcalloc(n + 1, sizeof *h);
	search_index *ix = build_index(s, h, NULL, 1, files, d);
	/* The home page is a document once, by the last digest: the same
	 * digest stands at its place among the pages too. */
	for (size_t i = 0; s->home && i < s->npages; i++)
		if (s->pages[i] == s->home)
			h[s->nposts + i] = h[n];
	*key = searchdocs_key_of(s, h);
	*items = h;
	return ix;
}

const uint32_t *searchindex_postings(const search_index *ix, size_t i)
{
	const search_term *t = &ix->terms[i];
	if (t->post || !t->n || !ix->patch)
		return t->post;
	return searchpatch_postings(ix->patch, t->src);
}

void searchindex_free(search_index *ix)
{
	if (!ix)
		return;
	searchpatch_free(ix->patch);
	free(ix->block);
	free(ix->terms);
	arena_free(ix->a);
	free(ix);
}
