#include "loadmemo.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/i18n.h"
#include "../core/strmap.h"
#include "../core/valhash.h"

/* File systems stamp times from a coarse clock (a jiffy, or 2 s on FAT):
 * a file whose modification or change time is this close to the moment
 * before it was read may be written again without its times changing, so
 * it is read again next time instead of trusted. */
#define RACY_NS 3000000000LL

struct msg {
	int error, line, col;
	const char *file, *text;
};

struct memo_file {
	const char *path;
	source_ident id;
	int racy;                /* not to be trusted by its identity */
	const char *text;
	size_t len;
	int ok;
	fm_doc doc;
	const post *post;        /* as load_local made it; never changed */
	enum doc_kind kind;
	struct msg *msgs;
	size_t nmsgs;
};

struct loadmemo {
	hash128 key;
	int threads;
	arena **arenas;          /* one per worker: entries and their parts */
	strmap *files;           /* path → memo_file */
	size_t live, dead;       /* entries kept; dropped since the reset */
	long long began;         /* the clock before this build's reads, ns */
	atomic_size_t hits;
	size_t last_hits;
};

loadmemo *loadmemo_new(void)
{
	loadmemo *m = calloc(1, sizeof *m);
	if (!m)
		abort();
	return m;
}

hash128 loadmemo_key(const site *s)
{
	/* The whole site.yaml rather than the few settings load_local
	 * reads today (base path, the events' folder, the time zone of
	 * dates): a change there is rare while writing, and then every file
	 * is read again. */
	valhash *vh = valhash_new();
	hash128 config = valhash_of(vh, s->config);
	valhash_free(vh);
	hash_state *h = hash_begin();
	hash_add_str(h, "saitti loadmemo 1");
	hash_add_hash(h, config);
	hash_add_str(h, i18n_language());
	hash_add_str(h, s->base_path);
	hash_add_str(h, s->p_events);
	hash_add_str(h, s->timezone);
	hash_add_u64(h, s->hist != NULL);
	hash_add_u64(h, (uint64_t)s->drafts);
	hash_add_u64(h, (uint64_t)s->preview);
	hash_add_u64(h, (uint64_t)s->now.epoch);
	hash_add_u64(h, (uint64_t)s->publish_limit);
	return hash_end(h);
}

static void reset(loadmemo *m)
{
	for (int w = 0; w < m->threads; w++)
		arena_free(m->arenas[w]);
	free(m->arenas);
	m->arenas = NULL;
	strmap_free(m->files);
	m->files = NULL;
	m->threads = 0;
	m->live = m->dead = 0;
}

void loadmemo_free(loadmemo *m)
{
	if (!m)
		return;
	reset(m);
	free(m);
}

static long long clock_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

void loadmemo_begin(loadmemo *m, hash128 key, int threads)
{
	/* Dropped entries still hold their memory: past as many as are
	 * live, start again rather than grow with every save. */
	if (!m->files || !hash_eq(key, m->key) || threads != m->threads ||
	    m->dead > m->live + 64)
		reset(m);
	if (!m->files) {
		m->key = key;
		m->threads = threads;
		m->arenas = calloc((size_t)threads, sizeof *m->arenas);
		if (!m->arenas)
			abort();
		for (int w = 0; w < threads; w++)
			m->arenas[w] = arena_new();
		m->files = strmap_new();
	}
	m->began = clock_ns();
	atomic_store(&m->hits, 0);
}

static int same_ident(const source_ident *a, const source_ident *b)
{
	return a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
	    a->mode == b->mode && a->mtime_ns == b->mtime_ns &&
	    a->ctime_ns == b->ctime_ns;
}

const memo_file *loadmemo_find(loadmemo *m, source *src, const char *path,
    source_ident *id)
{
	if (source_ident_of(src, path, id) != 0) {
		memset(id, 0, sizeof *id);
		return NULL;
	}
	const memo_file *f = strmap_get(m->files, path);
	if (!f || f->racy || !same_ident(&f->id, id))
		return NULL;
	atomic_fetch_add(&m->hits, 1);
	return f;
}

arena *loadmemo_arena(loadmemo *m, int worker)
{
	return m->arenas[worker];
}

struct copy {
	arena *a;
	struct msg *msgs;
	size_t n;
};

static void copy_msg(void *ctx, int error, const char *file, int line,
    int col, const char *text)
{
	struct copy *c = ctx;
	c->msgs[c->n++] = (struct msg){error, line, col,
	    file ? arena_strdup(c->a, file) : NULL, arena_strdup(c->a, text)};
}

static void count_msg(void *ctx, int error, const char *file, int line,
    int col, const char *text)
{
	(void)error, (void)file, (void)line, (void)col, (void)text;
	++*(size_t *)ctx;
}

const memo_file *loadmemo_keep(loadmemo *m, int worker, const char *path,
    const source_ident *id, const char *text, size_t len, int ok,
    const fm_doc *doc, const post *p, enum doc_kind kind, const diag *held)
{
	if (!id->ino)
		return NULL;
	arena *a = m->arenas[worker];
	memo_file *f = arena_alloc(a, sizeof *f);
	memset(f, 0, sizeof *f);
	f->path = arena_strdup(a, path);
	f->id = *id;
	long long newest = id->mtime_ns > id->ctime_ns ? id->mtime_ns :
	    id->ctime_ns;
	f->racy = newest >= m->began - RACY_NS;
	f->text = text;
	f->len = len;
	f->ok = ok;
	if (doc)
		f->doc = *doc;
	f->post = p;
	f->kind = kind;
	size_t n = 0;
	diag_each(held, count_msg, &n);
	struct copy c = {a, arena_alloc(a, (n + 1) * sizeof *c.msgs), 0};
	diag_each(held, copy_msg, &c);
	f->msgs = c.msgs;
	f->nmsgs = c.n;
	return f;
}

void loadmemo_use(const memo_file *f, source *src, const char *path,
    arena *a, diag *held, const char **text, size_t *len, int *ok,
    fm_doc *doc, post **p, enum doc_kind *kind)
{
	*text = NULL;
	*ok = 0;
	*p = NULL;
	if (source_reuse(src, path, f->len, held) != 0)
		return;
	for (size_t i = 0; i < f->nmsgs; i++) {
		const struct msg *g = &f->msgs[i];
		if (g->error)
			diag_error(held, g->file, g->line, g->col, "%s", g->text);
		else
			diag_warn(held, g->file, g->line, g->col, "%s", g->text);
	}
	*text = f->text;
	*len = f->len;
	*ok = f->ok;
	*doc = f->doc;
	*kind = f->kind;
	*p = loadmemo_post(f, path, a);
}

post *loadmemo_post(const memo_file *f, const char *path, arena *a)
{
	if (!f->post)
		return NULL;
	/* Later steps of the load set a post's links, tags and address, and
	 * permalink_settle rewrites its aliases in place: they get a copy. */
	post *c = arena_alloc(a, sizeof *c);
	*c = *f->post;
	c->src = path;
	if (c->aliases) {
		const char **al = arena_alloc(a, (c->naliases + 1) *
		    sizeof *al);
		memcpy(al, c->aliases, c->naliases * sizeof *al);
		c->aliases = al;
	}
	return c;
}

void loadmemo_end(loadmemo *m, const memo_file *const *files, size_t n)
{
	strmap *next = strmap_new();
	size_t live = 0;
	for (size_t i = 0; i < n; i++)
		if (files[i] && !strmap_put_new(next, files[i]->path,
		    (void *)files[i]))
			live++;
	/* Every old entry not carried over is dead (a file removed, or
	 * read again). */
	size_t carried = 0;
	for (size_t i = 0; i < n; i++)
		if (files[i] && strmap_get(m->files, files[i]->path) ==
		    files[i])
			carried++;
	m->dead += m->live - carried;
	strmap_free(m->files);
	m->files = next;
	m->live = live;
	m->last_hits = atomic_load(&m->hits);
}

size_t loadmemo_hits(const loadmemo *m)
{
	return m->last_hits;
}

size_t loadmemo_size(const loadmemo *m)
{
	return m->live;
}
