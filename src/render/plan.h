/* plan: what every renderer shares. A renderer's `<name>_plan()` adds
 * one job per output file to a plan; the dispatcher (render.h) runs the
 * jobs on all cores, each writing one file's bytes into a buffer. Jobs
 * only read the model and views, so any worker may run any job. The
 * renderers include this header, never the dispatcher's. */
#ifndef SAITTI_PLAN_H
#define SAITTI_PLAN_H

#include <stddef.h>

#include "../core/arena.h"
#include "../core/buf.h"
#include "../core/diag.h"
#include "../core/hash.h"
#include "../core/valhash.h"
#include "../core/value.h"
#include "../model/site.h"
#include "../model/theme.h"

/* Where each post is in s->posts, by its address (plan_index_make): a
 * list page's key asks for ten posts' digests, thousands of list pages
 * in all, and reading p->order from each post meant a miss of memory
 * more often than not, where this table (16 bytes a slot, twice the
 * posts' slots) stays in the cache. */
typedef struct plan_index {
	const post **keys;   /* NULL: a free slot */
	size_t *vals;
	size_t mask;
} plan_index;

typedef struct render_env {
	const site *s;
	const theme *th;
	value *root;      /* the map every template starts from (view.h) */
	arena *a;         /* this worker's scratch arena, reset per job */
	diag *d;
	/* The digest of each post's view by its place in s->posts (made
	 * once, before the jobs run), or NULL. */
	const hash128 *views;
	/* The same without the view's `content` (viewkey.h), or NULL. */
	const hash128 *views_lite;
	/* The posts' places in s->posts (plan_index_make), or NULL. */
	const plan_index *index;
	/* This worker's arena for the whole render, where the views a job
	 * needs are made (view_of). */
	arena *keep;
} render_env;

typedef struct job job;
typedef void (*job_fn)(const job *j, render_env *env, buf *out);
typedef value *(*job_build)(const job *j, render_env *env);
/* A digest of everything the job's bytes are made from besides the root
 * map and the templates (its map's inputs, or a feed's or calendar's),
 * made with hasher h (which knows every post's and event's view digest)
 * without making the map or the bytes; zero when it cannot tell (a
 * template job's map is then made and digested). */
typedef hash128 (*job_inkey)(const job *j, render_env *env, valhash *h);

struct job {
	const char *out;  /* output path under the site root */
	job_fn run;
	const void *p;    /* what to render (a post, a tag…) */
	size_t i, n;      /* e.g. page number, count */
	value *ctx;       /* a ready page map, for templates */
	const char *tpl;  /* template name, for template jobs */
	/* Or the page map made when the job runs, in env->a (reset after
	 * each job): a list page's map lives for its own render only. */
	job_build build;
	/* The job's key from its inputs, so that a file the last build made
	 * from the same inputs is skipped before its map or bytes are made
	 * (a post's page copies its whole view to add its JSON-LD; a feed
	 * or calendar is otherwise made to compare its bytes). Whatever
	 * run and build read must be in it: tests/scripts/incremental_edits.sh
	 * checks a rebuild after each kind of edit against a fresh build. */
	job_inkey inkey;
	/* A job that may take long (the archive, which makes every post's
	 * view): run before the others, so that the other workers share
	 * out the rest while it runs. */
	int first;
	/* The date of the first post a list page shows (epoch seconds; 0 for
	 * other jobs): list pages run newest first by it, the pages of every
	 * tag and section for one stretch of time together, so that the
	 * summaries they read are still mapped (model/bodystore). */
	int64_t near;
	/* Set by the dispatcher: the job's template never names `content`
	 * (mustache_names), so its key may hold the posts' views without
	 * their bodies (plan_list_digest). */
	int lite;
};

typedef struct plan {
	job *jobs;
	size_t n, cap;
	arena *a;
} plan;

/* The order the jobs run in, into order (pl->n places): those marked
 * first, the others as planned, then the list pages newest first by
 * their first post (job.near), ties in the plan's order. */
void plan_run_order(const plan *pl, size_t *order);

/* The digest of p's view: from env->views for a post, else made (or
 * remembered) by h; zero when p has no view or it is too deep. */
hash128 plan_view_digest(const render_env *env, valhash *h, const post *p);
/* The same for a post that job j lists: without its body when j->lite. */
hash128 plan_list_digest(const render_env *env, valhash *h, const job *j,
    const post *p);

/* Makes x for s's posts; plan_index_free frees it. */
void plan_index_make(plan_index *x, const site *s);
void plan_index_free(plan_index *x);

/* Adds a job; the plan copies it. */
void plan_add(plan *pl, const job *j);
/* Room for n jobs in all, when the count is known. */
void plan_reserve(plan *pl, size_t n);
/* A job that renders template tpl with page map ctx (see view.h). */
void plan_page(plan *pl, const char *out, const char *tpl, value *ctx);
/* A template job whose page map build makes when it runs, from p and i
 * (see job.build). */
void plan_page_lazy(plan *pl, const char *out, const char *tpl,
    job_build build, const void *p, size_t i);
/* The map a template job sees: page, title and (when not NULL) a
 * section's strings t. */
value *plan_ctx(arena *a, value *page, value *t);
/* The same, with strings t (a section's words) in place of the theme's
 * `t` for this page; plain plan_page when t is NULL. */
void plan_page_t(plan *pl, const char *out, const char *tpl, value *ctx,
    value *t);

#endif
