#include "mdahead.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "../core/buf.h"
#include "../core/pool.h"

struct mdahead {
	const char *file;
	const char *base_path;
	md_options opt;
	struct mdahead_doc *docs;
	size_t n;
	mdcache *c;
	pool_task *task;
	/* The docs are taken a few at a time by the thread and, once its
	 * ordered steps are done and the cache is open, by the one that
	 * joins it. */
	atomic_size_t next;
	pthread_mutex_t lock;
	pthread_cond_t opened;
	int state;             /* OPENING, FINDING or DONE; under lock */
};

enum { OPENING, FINDING, DONE };

/* Docs a finder takes at once: fewer trips to the shared counter. */
#define TAKE 32

void mdahead_post(struct mdahead_doc *doc, const post *p)
{
	*doc = (struct mdahead_doc){p->src, p->dir, p->body, p->body_len,
	    p->body_sum, p->body_line, p->meta, {{0, 0}, NULL},
	    {{0, 0}, NULL}};
}

static void find_one(mdahead *m, struct mdahead_doc *doc, buf *base,
    int finder)
{
	/* The link base as md_one makes it: the site's base path and the
	 * post's folder. */
	buf_reset(base);
	buf_puts(base, m->base_path);
	buf_puts(base, doc->dir);
	md_options opt = m->opt;
	opt.link_base = base->data;
	/* As site.c's render_body: a body not read is known by its digest,
	 * an empty one is "". */
	hash128 sum = doc->body_sum;
	const char *text = doc->body ? doc->body : doc->body_len ? NULL : "";
	if (hash_is_zero(sum) && text)
		sum = hash_bytes(text, doc->body_len);
	mdcache_find(m->c, finder, doc->src, sum, doc->body_line - 1, &opt,
	    &doc->hint);
	const value *sv = val_map_get(doc->meta, "summary");
	const char *s = val_as_str(sv);
	if (s)
		mdcache_find(m->c, finder, doc->src, hash_bytes(s, strlen(s)),
		    sv->line - 1, &opt, &doc->summary_hint);
}

static void find_some(mdahead *m, int finder)
{
	buf base = BUF_INIT;
	size_t i;
	while ((i = atomic_fetch_add(&m->next, TAKE)) < m->n) {
		size_t end = i + TAKE < m->n ? i + TAKE : m->n;
		for (; i < end; i++)
			if (m->docs[i].src)
				find_one(m, &m->docs[i], &base, finder);
	}
	buf_free(&base);
}

static void run(void *ctx)
{
	mdahead *m = ctx;
	m->c = mdcache_open(m->file);
	pthread_mutex_lock(&m->lock);
	m->state = mdcache_entries(m->c) ? FINDING : DONE;
	pthread_cond_signal(&m->opened);
	pthread_mutex_unlock(&m->lock);
	if (m->state == FINDING)
		find_some(m, 0);
}

mdahead *mdahead_start(const char *file, const site *s,
    struct mdahead_doc *docs, size_t n)
{
	mdahead *m = calloc(1, sizeof *m);
	if (!m)
		abort();
	m->file = file;
	m->base_path = s->base_path;
	/* As md_one's; the links are asked by mdcache_take, later. */
	m->opt.unsafe = s->html_policy;
	m->opt.iframe_hosts = s->iframe_hosts;
	m->docs = docs;
	/* On one thread the build wants no other: only the opening. */
	m->n = s->threads > 1 ? n : 0;
	for (size_t i = 0; i < n; i++)
		docs[i].hint = docs[i].summary_hint = (mdcache_hint){{0, 0},
		    NULL};
	atomic_init(&m->next, 0);
	pthread_mutex_init(&m->lock, NULL);
	pthread_cond_init(&m->opened, NULL);
	m->state = OPENING;
	m->task = pool_start(run, m);
	return m;
}

mdcache *mdahead_join(mdahead *m)
{
	/* The opening takes longer than the ordered steps: this thread
	 * waits for it, then takes its share of the docs. */
	pthread_mutex_lock(&m->lock);
	while (m->state == OPENING)
		pthread_cond_wait(&m->opened, &m->lock);
	int finding = m->state == FINDING;
	pthread_mutex_unlock(&m->lock);
	if (finding)
		find_some(m, 1);
	pool_join(m->task);
	pthread_mutex_destroy(&m->lock);
	pthread_cond_destroy(&m->opened);
	mdcache *c = m->c;
	free(m);
	return c;
}
