#include "mdahead.h"

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
};

void mdahead_post(struct mdahead_doc *doc, const post *p)
{
	*doc = (struct mdahead_doc){p->src, p->dir, p->body, p->body_len,
	    p->body_sum, p->body_line, p->meta, {{0, 0}, NULL},
	    {{0, 0}, NULL}};
}

static void find_one(mdahead *m, struct mdahead_doc *doc, buf *base)
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
	mdcache_find(m->c, doc->src, sum, doc->body_line - 1, &opt,
	    &doc->hint);
	const value *sv = val_map_get(doc->meta, "summary");
	const char *s = val_as_str(sv);
	if (s)
		mdcache_find(m->c, doc->src, hash_bytes(s, strlen(s)),
		    sv->line - 1, &opt, &doc->summary_hint);
}

static void run(void *ctx)
{
	mdahead *m = ctx;
	m->c = mdcache_open(m->file);
	if (!mdcache_entries(m->c))
		return;
	buf base = BUF_INIT;
	for (size_t i = 0; i < m->n; i++)
		if (m->docs[i].src)
			find_one(m, &m->docs[i], &base);
	buf_free(&base);
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
	m->task = pool_start(run, m);
	return m;
}

mdcache *mdahead_join(mdahead *m)
{
	pool_join(m->task);
	mdcache *c = m->c;
	free(m);
	return c;
}
