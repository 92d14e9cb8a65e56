#include "sitemap.h"

#include <stdlib.h>
#include <string.h>

#include "../core/xalloc.h"
#include "escape.h"

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* 1 when the plan's job o is a page the sitemap lists. */
static int listed(const job *o)
{
	size_t len = strlen(o->out);
	return o->tpl && strcmp(o->tpl, "redirect") && strcmp(o->tpl, "404") &&
	    len >= 5 && !strcmp(o->out + len - 5, ".html");
}

/* The sitemap is made from the address and the pages' paths alone: its
 * key is their digest (in the plan's order, which is fixed), so that a
 * rebuild whose pages are the same does not sort and write 15,000 lines
 * (7 ms at 10,000 posts, on one core at the end of the run) to compare
 * them. */
static hash128 sitemap_inkey(const job *j, render_env *env, valhash *h)
{
	(void)h;
	const plan *pl = j->p;
	hash_state *st = hash_begin();
	hash_add_str(st, "sitemap 1");
	hash_add_str(st, env->s->base_url);
	for (size_t i = 0; i < pl->n; i++)
		if (listed(&pl->jobs[i]))
			hash_add_str(st, pl->jobs[i].out);
	return hash_end(st);
}

static void run_sitemap(const job *j, render_env *env, buf *out)
{
	const plan *pl = j->p;
	const site *s = env->s;
	const char **paths = xmalloc((pl->n + 1) * sizeof *paths);
	size_t n = 0;
	for (size_t i = 0; i < pl->n; i++)
		if (listed(&pl->jobs[i]))
			paths[n++] = pl->jobs[i].out;
	/* Sorted, so the file does not depend on the order of planning. */
	qsort(paths, n, sizeof *paths, cmp_str);
	buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
	for (size_t i = 0; i < n; i++) {
		buf_puts(out, "<url><loc>");
		escape_xml(out, s->base_url, strlen(s->base_url));
		/* "x/index.html" is "x/"; a permalink's "x.html" itself. */
		size_t len = strlen(paths[i]);
		int index = len >= 10 && !strcmp(paths[i] + len - 10,
		    "index.html") && (len == 10 || paths[i][len - 11] == '/');
		escape_xml(out, paths[i], index ? len - 10 : len);
		buf_puts(out, "</loc></url>\n");
	}
	buf_puts(out, "</urlset>\n");
	free(paths);
}

static void run_robots(const job *j, render_env *env, buf *out)
{
	(void)j;
	buf_printf(out, "User-agent: *\nAllow: /\nSitemap: %ssitemap.xml\n",
	    env->s->base_url);
}

void sitemap_plan(plan *pl, const site *s)
{
	(void)s;
	plan_add(pl, &(job){.out = "sitemap.xml", .run = run_sitemap,
	    .p = pl, .inkey = sitemap_inkey});
	plan_add(pl, &(job){.out = "robots.txt", .run = run_robots});
}
