#include "plan.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "../core/i18n.h"
#include "../core/xalloc.h"
#include "view.h"

static size_t slot_of(const plan_index *x, const post *p)
{
	uint64_t k = (uint64_t)(uintptr_t)p * UINT64_C(0x9E3779B97F4A7C15);
	return (size_t)(k >> 32) & x->mask;
}

void plan_index_make(plan_index *x, const site *s)
{
	size_t cap = 16;
	while (cap < 2 * s->nposts)
		cap *= 2;
	x->mask = cap - 1;
	/* Probed before it is written: cleared by writing (xalloc.h). */
	x->keys = xcalloc_written(cap, sizeof *x->keys);
	x->vals = xmalloc(cap * sizeof *x->vals);
	for (size_t i = 0; i < s->nposts; i++) {
		size_t k = slot_of(x, s->posts[i]);
		while (x->keys[k] && x->keys[k] != s->posts[i])
			k = (k + 1) & x->mask;
		x->keys[k] = s->posts[i];
		x->vals[k] = i;
	}
}

void plan_index_free(plan_index *x)
{
	free(x->keys);
	free(x->vals);
}

/* p's place in s->posts, or -1 when it is not a post there. */
static long place_of(const render_env *env, const post *p)
{
	const plan_index *x = env->index;
	if (x) {
		for (size_t k = slot_of(x, p); x->keys[k];
		    k = (k + 1) & x->mask)
			if (x->keys[k] == p)
				return (long)x->vals[k];
		return -1;
	}
	const site *s = env->s;
	if (p->order >= 0 && (size_t)p->order < s->nposts &&
	    s->posts[p->order] == p)
		return (long)p->order;
	return -1;
}

hash128 plan_view_digest(const render_env *env, valhash *h, const post *p)
{
	/* An array read, not a probe of the hasher's big table: a list page
	 * asks for ten of them, and there are thousands of list pages. */
	long i = env->views ? place_of(env, p) : -1;
	if (i >= 0)
		return env->views[i];
	const value *v = view_of(env->s, env->keep, (post *)p);
	return v ? valhash_of(h, v) : (hash128){0, 0};
}

hash128 plan_list_digest(const render_env *env, valhash *h, const job *j,
    const post *p)
{
	long i = j->lite && env->views_lite ? place_of(env, p) : -1;
	if (i >= 0)
		return env->views_lite[i];
	return plan_view_digest(env, h, p);
}

/* A list page's place in the run: newest first by the first post it
 * shows, then in the plan's order (plan.h, job.near). */
struct near_job {
	int64_t near;
	size_t i;
};

static int by_near(const void *x, const void *y)
{
	const struct near_job *a = x, *b = y;
	if (a->near != b->near)
		return a->near > b->near ? -1 : 1;
	return a->i < b->i ? -1 : a->i > b->i;
}

void plan_run_order(const plan *pl, size_t *order)
{
	size_t k = 0, nl = 0;
	for (size_t i = 0; i < pl->n; i++)
		if (pl->jobs[i].first)
			order[k++] = i;
	for (size_t i = 0; i < pl->n; i++) {
		if (!pl->jobs[i].first && !pl->jobs[i].near)
			order[k++] = i;
		nl += !pl->jobs[i].first && pl->jobs[i].near;
	}
	struct near_job *l = xmalloc((nl + 1) * sizeof *l);
	nl = 0;
	for (size_t i = 0; i < pl->n; i++)
		if (!pl->jobs[i].first && pl->jobs[i].near)
			l[nl++] = (struct near_job){pl->jobs[i].near, i};
	qsort(l, nl, sizeof *l, by_near);
	for (size_t i = 0; i < nl; i++)
		order[k++] = l[i].i;
	free(l);
}

void plan_add(plan *pl, const job *j)
{
	if (pl->n == pl->cap) {
		pl->cap = pl->cap ? pl->cap * 2 : 1024;
		pl->jobs = xrealloc(pl->jobs, pl->cap * sizeof *pl->jobs);
	}
	pl->jobs[pl->n++] = *j;
}

void plan_reserve(plan *pl, size_t n)
{
	if (n <= pl->cap)
		return;
	pl->cap = n;
	pl->jobs = xrealloc(pl->jobs, pl->cap * sizeof *pl->jobs);
}

static void run_template(const job *j, render_env *env, buf *out)
{
	const value *stack[2] = {env->root, j->ctx};
	/* Every template was found before the render (render_site_counted): a
	 * failure here is a runaway, which the engine stops. */
	if (mustache_render(env->th->templates, j->tpl, stack, 2, out) != 0) {
		char file[512];
		snprintf(file, sizeof file, "%stemplates/%s.html", env->th->dir,
		    j->tpl);
		diag_error(env->d, file, 0, 0, _("rendering %s stopped: the "
		    "template expands without end (a partial that includes "
		    "itself, or sections nested too deep)"), j->out);
	}
}

void plan_page(plan *pl, const char *out, const char *tpl, value *page)
{
	plan_page_t(pl, out, tpl, page, NULL);
}

void plan_page_t(plan *pl, const char *out, const char *tpl, value *page,
    value *t)
{
	plan_add(pl, &(job){.out = out, .run = run_template,
	    .ctx = plan_ctx(pl->a, page, t), .tpl = tpl});
}

void plan_page_lazy(plan *pl, const char *out, const char *tpl,
    job_build build, const void *p, size_t i)
{
	plan_add(pl, &(job){.out = out, .run = run_template, .p = p, .i = i,
	    .tpl = tpl, .build = build});
}

value *plan_ctx(arena *a, value *page, value *t)
{
	/* The template sees `page` and, for the layout's <title>, `title`;
	 * a section's `t` is found before the root's. */
	value *ctx = val_map(a);
	val_map_set(a, ctx, "page", page);
	if (t)
		val_map_set(a, ctx, "t", t);
	value *title = val_map_get(page, "title");
	val_map_set(a, ctx, "title", title ? title : val_null(a));
	return ctx;
}
