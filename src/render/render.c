#include "render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/pool.h"
#include "../core/valhash.h"
#include "../core/xalloc.h"
#include "../model/bodystore.h"
#include "../model/imageset.h"
#include "../model/searchdocs.h"
#include "../output/imagework.h"
#include "../core/xmlpart.h"
#include "../core/i18n.h"
#include "eventkey.h"
#include "events.h"
#include "feed.h"
#include "html.h"
#include "ical.h"
#include "picture.h"
#include "redirect.h"
#include "search.h"
#include "sitemap.h"
#include "view.h"
#include "viewkey.h"
#include "../core/i18n.h"

/* A worker's page buffer bigger than this is freed after its job. */
#define RENDER_BUF_KEEP (1024 * 1024)
/* Jobs added after plan_all: the search page, the sitemap, robots.txt. */
#define PLAN_AFTER 3

struct run {
	plan *pl;
	size_t *order;       /* the jobs in the order they are run */
	render_env *envs;
	buf *bufs;
	valhash **hashers;   /* one per worker */
	hash128 common;      /* saitti, the templates and the root map */
	output *o;
	diag *d;
};

/* Everything a template job's bytes are made from: the template set, the
 * root map (with the strings) and the page's map, or what the job says
 * its map is made from (job.inkey); zero when a map is too deep to
 * digest (the page is then always rendered). */
static hash128 job_key(struct run *R, const job *j, int worker)
{
	if (hash_is_zero(R->common))
		return R->common;
	hash128 ctx = j->inkey ? j->inkey(j, &R->envs[worker],
	    R->hashers[worker]) : valhash_of(R->hashers[worker], j->ctx);
	if (hash_is_zero(ctx))
		return ctx;
	hash_state *st = hash_begin();
	hash_add_hash(st, R->common);
	hash_add_str(st, j->tpl);
	hash_add_str(st, j->out);
	hash_add_u64(st, j->inkey != NULL);   /* the two keys never meet */
	hash_add_hash(st, ctx);
	return hash_end(st);
}

static void run_one(void *ctx, size_t i, int worker)
{
	struct run *R = ctx;
	const job *j = &R->pl->jobs[R->order[i]];
	hash128 key = {0, 0};
	job made;
	arena_reset(R->envs[worker].a);   /* the last job's scratch */
	/* Pages and feeds read the bodies: their pages of the map go back
	 * now and then. */
	bodystore_tick(R->envs[worker].s, i);
	valhash_forget_keys(R->hashers[worker]);   /* its keys went too */
	/* A job that knows its key from its inputs (a post's page, a list
	 * page, a feed, a calendar) is skipped before its map or its bytes
	 * are made. */
	if (j->inkey) {
		key = job_key(R, j, worker);
		if (output_keep(R->o, j->out, key, R->d) != 0)
			return;
	}
	if (j->build) {
		made = *j;
		made.ctx = j->build(j, &R->envs[worker]);
		j = &made;
	}
	/* A page whose input is the last build's, with its file untouched,
	 * is not rendered again. Other jobs (the sitemap, robots.txt, the
	 * search files) are rendered, and their bytes compared. */
	if (j->tpl && !j->inkey) {
		key = job_key(R, j, worker);
		if (output_keep(R->o, j->out, key, R->d) != 0)
			return;
	}
	buf *b = &R->bufs[worker];
	buf_reset(b);
	j->run(j, &R->envs[worker], b);
	output_write_keyed(R->o, j->out, key, b->data ? b->data : "", b->len,
	    R->d);
	/* The few big files (the archive, the sitemap: 15 MB each at
	 * 100,000 posts) do not leave their room to every later page. */
	if (b->cap > RENDER_BUF_KEEP)
		buf_free(b);
}

static int ends_with_svg(const char *path)
{
	size_t n = strlen(path);
	return n > 4 && !strcasecmp(path + n - 4, ".svg");
}

/* An SVG of the content is published cleaned (parse/svg), or refused. */
static void write_svg(output *o, const char *src, const char *out,
    const char *data, size_t len, diag *d)
{
	static int inited;
	const xml_ops *x = xmlpart();
	if (!x) {
		/* TRANSLATORS: %s is the loader's own reason (a file name
		 * and a system message). */
		diag_error(d, src, 0, 0, _("SVG pictures cannot be published: "
		    "saitti's HTML part did not load (%s); install saitti "
		    "again, or build it with make"), xmlpart_error());
		return;
	}
	if (!inited) {
		x->svg_init();
		inited = 1;
	}
	buf b = BUF_INIT;
	size_t removed;
	char why[256];
	if (x->svg_clean(data, len, &b, &removed, why, sizeof why) != 0) {
		/* TRANSLATORS: %s is why the SVG file was refused. */
		diag_error(d, src, 0, 0, _("SVG picture refused: %s"), why);
	} else {
		if (removed)
			diag_warn(d, src, 0, 0, P_("%zu unsafe part (a script, "
			    "an event handler or an outside reference) was taken "
			    "out of this SVG picture", "%zu unsafe parts "
			    "(scripts, event handlers or outside references) "
			    "were taken out of this SVG picture", removed),
			    removed);
		output_write(o, out, b.data, b.len, d);
	}
	buf_free(&b);
}

/* Theme static files and content's own files, as they are (content SVG
 * cleaned, pictures by imagework). */
static void copy_files(site *s, const theme *th, output *o, diag *d)
{
	size_t sl = strlen(th->dir) + strlen("static/");
	for (size_t i = 0; i < th->nstatics; i++) {
		const char *data;
		size_t len;
		arena *a = arena_new();
		if (source_read(s->src, th->statics[i], a, &data, &len, d) == 0)
			output_write(o, th->statics[i] + sl, data, len, d);
		arena_free(a);
	}
	for (size_t i = 0; i < s->nassets; i++) {
		if (s->assets[i].image)
			continue;   /* published by output/imagework */
		const char *data;
		size_t len;
		arena *a = arena_new();
		if (source_read(s->src, s->assets[i].src, a, &data, &len,
		    d) == 0) {
			if (ends_with_svg(s->assets[i].out))
				write_svg(o, s->assets[i].src, s->assets[i].out,
				    data, len, d);
			else
				output_write(o, s->assets[i].out, data, len, d);
		}
		arena_free(a);
	}
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && !strcmp(s + n - k, suffix);
}

/* Counts the plan's files by kind; [r0, r1) are the redirects and
 * [f0, f1) the feeds. */
static void count_plan(const plan *pl, size_t r0, size_t r1, size_t f0,
    size_t f1, render_counts *c)
{
	for (size_t i = 0; i < pl->n; i++) {
		const char *out = pl->jobs[i].out;
		if (i >= r0 && i < r1)
			c->redirects++;
		else if (i >= f0 && i < f1)
			c->feeds++;
		else if (ends_with(out, ".ics"))
			c->calendars++;
		else if (ends_with(out, ".html"))
			c->pages++;
		else
			c->other++;
	}
}

/* A post's view is on its page and in many lists, an event's on its
 * page, in lists, calendars and the posts it belongs to: their digests
 * are made once, on all cores, from what they are made of (viewkey.h,
 * eventkey.h), as the views themselves are made only when a page that
 * holds them is rendered. */
struct views_digest {
	site *s;
	valhash **hashers;
	hash128 *digests;
	hash128 site;   /* viewkey_site */
	/* The search index's digests and documents (searchdocs_item), or
	 * NULL when the site has no search: made here, while each post is
	 * at hand, not in a pass of their own after the pages. */
	hash128 *items;
	search_doc *docs;
};

static void digest_post(void *ctx, size_t i, int worker)
{
	struct views_digest *V = ctx;
	if (i < V->s->nposts)
		V->digests[i] = viewkey_post(V->s, V->site, V->hashers[worker],
		    V->s->posts[i], &V->digests[V->s->nposts + i]);
	if (V->items)
		searchdocs_item(V->s, i, V->items, V->docs);
	bodystore_tick(V->s, i);   /* the keys read the body */
}

/* Returns the digests of the posts' views (by s->posts index), then the
 * same without their bodies, for the caller to free; sitekey is
 * viewkey_site's. With search, *items and *docs receive every search
 * document's digest and document (searchdocs_item's; malloc'ed, for
 * search_write_items), else NULL. */
static hash128 *digest_views(site *s, hash128 sitekey, valhash **hashers,
    int search, hash128 **items, search_doc **docs)
{
	struct views_digest V = {s, hashers, NULL, sitekey, NULL, NULL};
	V.digests = xcalloc(2 * s->nposts + 1, sizeof(hash128));
	size_t n = s->nposts;
	if (search) {
		n = searchdocs_items(s) + 1;   /* the home page's last */
		V.items = xcalloc(n, sizeof *V.items);
		V.docs = xcalloc(n, sizeof *V.docs);
	}
	pool_run(s->threads, n, digest_post, &V);
	bodystore_check(s);
	*items = V.items;
	*docs = V.docs;
	return V.digests;
}

/* The renderers plan on all cores, each into its own plan and its own
 * worker arena (a copy of the site whose arena is the worker's), and the
 * plans are joined in a fixed order. What they share is made first:
 * event views (which also go into post views) and tag views. */
enum { P_EVENTS, P_CALENDAR, P_HTML, P_REDIRECT = P_HTML + HTML_PARTS,
	P_FEED, P_ICAL, P_N };

struct planning {
	site *s;
	const theme *th;
	value *root;
	plan plans[P_N];
};

/* The order the renderers are started in: the longest first (the
 * posts' pages, half of the plan's time at 10,000 posts), so that the
 * other workers share out the rest while it runs; in the enum's order
 * the posts' came third, and the other cores sat idle at the end. */
static const int plan_order[P_N] = {P_HTML + HTML_DOCS, P_EVENTS,
	P_CALENDAR, P_HTML + HTML_SECTIONS, P_HTML + HTML_OTHERS, P_REDIRECT,
	P_FEED, P_ICAL};
_Static_assert(P_N == 8 && HTML_PARTS == 3,
    "plan_order lists every renderer once: add a new one there");

static void plan_one(void *ctx, size_t n, int worker)
{
	struct planning *P = ctx;
	size_t i = (size_t)plan_order[n];
	site local = *P->s;
	local.a = P->s->worker_arenas[worker];
	plan *pl = &P->plans[i];
	pl->a = local.a;
	if (i == P_EVENTS)
		events_plan_pages(pl, &local, P->th);
	else if (i == P_CALENDAR)
		events_plan_calendar(pl, &local, P->th);
	else if (i < P_REDIRECT)
		html_plan_part(pl, &local, P->root, (html_part)(i - P_HTML));
	else if (i == P_REDIRECT)
		redirect_plan(pl, &local, P->root);
	else if (i == P_FEED)
		feed_plan(pl, &local);
	else
		ical_plan(pl, &local);
}

/* [*r0, *r1) are the redirects, [*r1, *f1) the feeds. */
static void plan_all(site *s, const theme *th, value *root, plan *pl,
    size_t *r0, size_t *r1, size_t *f1)
{
	for (size_t i = 0; i < s->ntags; i++)
		view_tag(s->a, s->tags[i]);
	events_views(s, th->strings);
	struct planning P = {s, th, root, {{0}}};
	pool_run(s->threads, P_N, plan_one, &P);
	/* One allocation of the right size: doubling would leave up to half
	 * of it unused (a job is 80 bytes, 17,000 of them at 10,000 posts). */
	size_t total = pl->n;
	for (int k = 0; k < P_N; k++)
		total += P.plans[k].n;
	plan_reserve(pl, total + PLAN_AFTER);
	for (int k = 0; k < P_N; k++) {
		if (k == P_REDIRECT)
			*r0 = pl->n;
		if (k == P_FEED)
			*r1 = pl->n;
		if (k == P_ICAL)
			*f1 = pl->n;
		for (size_t i = 0; i < P.plans[k].n; i++)
			plan_add(pl, &P.plans[k].jobs[i]);
		free(P.plans[k].jobs);
	}
}

/* What a document's views take at least (phase_begin). */
#define RENDER_VIEW_BYTES 1024

/* The render's own memory: the views, the plan and whatever the
 * renderers make go into arenas of their own, given to the site in place
 * of its arenas while the pages are made and freed when they are done, so
 * that the search index, written after, does not sit on top of them (at
 * 10,000 posts the views alone are ~35 MB). */
struct phase {
	arena *a, **workers;     /* the site's own, put back at the end */
};

static void phase_begin(struct phase *ph, site *s)
{
	ph->a = s->a;
	ph->workers = s->worker_arenas;
	s->a = arena_new();
	s->worker_arenas = calloc((size_t)s->threads, sizeof(arena *));
	if (!s->worker_arenas)
		abort();
	/* The views of a big site (a kilobyte a document at least) take
	 * huge pages from the start (arena_expect). */
	size_t docs = s->nposts + s->npages + s->nevents + s->nocc;
	for (int w = 0; w < s->threads; w++) {
		s->worker_arenas[w] = arena_new();
		arena_expect(s->worker_arenas[w], docs / (size_t)s->threads *
		    RENDER_VIEW_BYTES);
	}
}

static void forget_docs(post **docs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		docs[i]->view = NULL;
}

/* Frees what the render made and forgets the model's pointers into it,
 * so that nothing reads them after. */
static void phase_end(struct phase *ph, site *s)
{
	view_done(s);
	forget_docs(s->posts, s->nposts);
	forget_docs(s->pages, s->npages);
	forget_docs(s->future, s->nfuture);
	if (s->home)
		forget_docs(&s->home, 1);
	for (size_t i = 0; i < s->ntags; i++)
		s->tags[i]->view = NULL;
	for (size_t i = 0; i < s->nevents; i++)
		s->events[i]->view = NULL;
	for (size_t i = 0; i < s->nocc; i++)
		s->occ[i]->view = NULL;
	for (size_t i = 0; i < s->nsections; i++)
		s->sections[i].strings = NULL;
	for (int w = 0; w < s->threads; w++)
		arena_free(s->worker_arenas[w]);
	free(s->worker_arenas);
	arena_free(s->a);
	s->a = ph->a;
	s->worker_arenas = ph->workers;
}

/* Marks the jobs whose templates never look `content` up (job.lite).
 * The pages that read job.lite (list pages, the archive: html.c) hold
 * posts' views only as items of lists, never as a map's value, so only a
 * name's first part ({{content}} inside {{#page.posts}}) can find a
 * view's `content`: {{page.content}} is a list page's own text. */
static void mark_lite(plan *pl, const theme *th)
{
	const char *tpls[64];
	int lite[64];
	size_t n = 0;
	for (size_t i = 0; i < pl->n; i++) {
		job *j = &pl->jobs[i];
		if (!j->tpl || !j->inkey)
			continue;
		size_t k = 0;
		while (k < n && strcmp(tpls[k], j->tpl))
			k++;
		if (k == n) {
			if (n == sizeof tpls / sizeof *tpls)
				continue;   /* left as it is: not lite */
			tpls[n] = j->tpl;
			lite[n++] = !mustache_names(th->templates, j->tpl,
			    "content", 1);
		}
		j->lite = lite[k];
	}
}

/* The search index written beside the page jobs in a rebuild, when the
 * output has the last build's files (output_has_last) and the cache its
 * index to patch (search_has_last): its steps on one core (the last
 * index read and patched, the cache written) then take no time of their
 * own. A first build, or one into a new folder (whose every page is
 * made), writes it after the pages, so that the index is not made on top
 * of the views (the peak memory: +9 MB at 10,000 posts), and so does a
 * build on one thread. */
struct beside {
	site local;         /* the site with its own arena, which no one
	                     * uses while the pages are made (struct phase) */
	const theme *th;
	output *o;
	diag *d;
	hash128 *items;     /* taken by search_write_items */
	search_doc *docs;
	long n;
	pool_task *task;    /* NULL when not started */
};

static void search_task(void *ctx)
{
	struct beside *B = ctx;
	B->n = search_write_items(&B->local, B->th, B->o, B->d, B->items,
	    B->docs);
}

/* Starts the search beside the pages when it may (struct beside); else
 * leaves *items and *docs to the caller. */
static void search_beside(struct beside *B, const site *s,
    const struct phase *ph, const theme *th, output *o, diag *d,
    hash128 **items, search_doc **docs)
{
	if (!*items || s->threads < 2 || !output_has_last(o) ||
	    !search_has_last(s))
		return;
	*B = (struct beside){.local = *s, .th = th, .o = o, .d = d,
	    .items = *items, .docs = *docs};
	B->local.a = ph->a;
	B->local.worker_arenas = ph->workers;
	*items = NULL;
	*docs = NULL;
	B->task = pool_start(search_task, B);
}

/* The views, the plan and every page, in the phase's arenas. */
static long render_pages(site *s, const theme *th, output *o, diag *d,
    render_counts *c, value *root, const imageset *imgs,
    const imagework_stats *ist, const struct phase *ph, struct beside *B,
    hash128 **items, search_doc **docs)
{
	int errs = diag_errors(d);
	events_views(s, th->strings);   /* posts' views hold them */
	view_posts(s, th);
	valhash **hashers = calloc((size_t)s->threads, sizeof *hashers);
	if (!hashers)
		abort();
	for (int w = 0; w < s->threads; w++)
		hashers[w] = valhash_new();
	/* The events' keys before the plan: the calendars' are made from
	 * them (ical.c). */
	hash128 sitekey = viewkey_site(s, th, hashers[0]);
	eventkey_all(s, eventkey_site(s, sitekey), hashers);
	plan pl = {.a = s->a};
	size_t r0 = 0, r1 = 0, f1 = 0;
	plan_all(s, th, root, &pl, &r0, &r1, &f1);
	search_plan(&pl, s, th);
	sitemap_plan(&pl, s);   /* lists the pages: after the others */
	if (c) {
		*c = (render_counts){0};
		count_plan(&pl, r0, r1, r1, f1, c);
		c->copied = th->nstatics + s->nassets - imgs->n;
		c->images = imgs->n;
		c->images_made = ist->made;
	}
	for (size_t i = 0; i < pl.n; i++)
		if (pl.jobs[i].tpl && !mustache_has(th->templates,
		    pl.jobs[i].tpl)) {
			char file[512];
			snprintf(file, sizeof file, "%stemplates/%s.html",
			    th->dir, pl.jobs[i].tpl);
			diag_error(d, file, 0, 0, _("missing: the theme has no "
			    "template '%s', which pages like %s need: add this "
			    "file"), pl.jobs[i].tpl, pl.jobs[i].out);
			free(pl.jobs);
			for (int w = 0; w < s->threads; w++)
				valhash_free(hashers[w]);
			free(hashers);
			return -1;
		}

	struct run R = {.pl = &pl, .o = o, .d = d};
	R.envs = calloc((size_t)s->threads, sizeof *R.envs);
	R.bufs = calloc((size_t)s->threads, sizeof *R.bufs);
	R.hashers = hashers;
	for (int w = 0; w < s->threads; w++)
		R.envs[w] = (render_env){.s = s, .th = th, .root = root,
		    .a = arena_new(), .d = d, .keep = s->worker_arenas[w]};
	hash128 rootkey = valhash_of(R.hashers[0], root);
	if (!hash_is_zero(rootkey) && !hash_is_zero(hash_program())) {
		hash_state *st = hash_begin();
		hash_add_hash(st, hash_program());
		hash_add_hash(st, th->fingerprint);
		hash_add_hash(st, rootkey);
		R.common = hash_end(st);
	}
	/* The search's digests beside the views' in a rebuild; a first
	 * build makes them after the pages, so as not to hold them (1.5 MB
	 * at 10,000 posts) while every view is made. */
	hash128 *views = digest_views(s, sitekey, R.hashers,
	    search_path(s, th) != NULL && output_has_last(o), items, docs);
	search_beside(B, s, ph, th, o, d, items, docs);
	plan_index index;
	plan_index_make(&index, s);
	for (int w = 0; w < s->threads; w++) {
		R.envs[w].index = &index;
		R.envs[w].views = views;
		R.envs[w].views_lite = views + s->nposts;
	}
	mark_lite(&pl, th);
	R.order = xmalloc((pl.n + 1) * sizeof *R.order);
	plan_run_order(&pl, R.order);
	pool_run(s->threads, pl.n, run_one, &R);
	free(R.order);
	free(views);
	plan_index_free(&index);
	bodystore_check(s);
	for (int w = 0; w < s->threads; w++) {
		buf_free(&R.bufs[w]);
		valhash_free(R.hashers[w]);
		arena_free(R.envs[w].a);
	}
	free(R.hashers);
	free(R.bufs);
	free(R.envs);
	free(pl.jobs);
	return diag_errors(d) > errs ? -1 : (long)pl.n;
}

long render_site_counted(site *s, const theme *th, output *o, diag *d,
    render_counts *c)
{
	int errs = diag_errors(d);
	/* The root map and the pictures before the phase: picture_apply
	 * rewrites the model's HTML (the search index reads it after). */
	value *root = view_root(s, th);
	/* Pictures first: the pages need their sizes. */
	imageset *imgs = imageset_collect(s, d);
	imagework_stats ist;
	if (diag_errors(d) > errs || imagework_run(imgs, s, o, &ist, d) != 0) {
		imageset_free(imgs);
		return -1;
	}
	picture_apply(s, th, imgs, root);
	search_root(s, th, root);
	struct phase ph;
	phase_begin(&ph, s);
	hash128 *items = NULL;
	search_doc *docs = NULL;
	struct beside B = {.task = NULL};
	long n = render_pages(s, th, o, d, c, root, imgs, &ist, &ph, &B,
	    &items, &docs);
	phase_end(&ph, s);
	imageset_free(imgs);
	if (n >= 0)
		copy_files(s, th, o, d);   /* its own arenas: not s->a */
	/* The search's thread uses the site's arena: joined before anything
	 * else does. */
	pool_join(B.task);
	if (n < 0) {
		free(items);
		free(docs);
		return -1;
	}
	long ns = B.task ? B.n : search_write_items(s, th, o, d, items, docs);
	if (ns > 0) {
		n += ns;
		if (c)
			c->other += (size_t)ns;
	}
	return diag_errors(d) > errs ? -1 : n;
}
