#include "html.h"

#include <string.h>

#include "../core/valhash.h"
#include "../model/bodystore.h"

#include "events.h"
#include "regions.h"
#include "view.h"

void html_merge(arena *a, value *dst, const value *src)
{
	if (!src || src->kind != VAL_MAP)
		return;
	for (size_t i = 0; i < src->u.map.len; i++)
		val_map_set(a, dst, src->u.map.items[i].key, src->u.map.items[i].val);
}

/* A section's own strings (view.c), or NULL. */
static value *strings_of(const site *s, const char *name)
{
	for (size_t i = 0; name && i < s->nsections; i++)
		if (!strcmp(s->sections[i].name, name))
			return s->sections[i].strings;
	return NULL;
}

/* A post or page is its own page map: view_post gave it the page keys
 * (kind, is_<kind>, permalink, description). A post is rendered with its
 * section's strings. */
static value *build_doc(const job *j, render_env *env)
{
	post *p = (post *)j->p;
	return plan_ctx(env->a, view_post_page(env->s, env->keep, env->a, p),
	    p->kind == PAGE_POST ?
	    strings_of(env->s, p->section) : NULL);
}

/* What build_doc's map is made from: the post's view (its digest made
 * once, in render.c, from what the view is made of: viewkey.h), its
 * section's strings, and what its JSON-LD reads. That is in the view's
 * digest (title, permalink, dates, author, og_image, and the summary's
 * text, which the view's `description` replaces with the site's when it
 * is empty) or in the root map (the site's title, language and
 * sections' schema_type), which every key holds. A page's view has no
 * JSON-LD. */
static hash128 inkey_doc(const job *j, render_env *env, valhash *h)
{
	const post *p = j->p;
	hash128 view = plan_view_digest(env, h, p), t = {0, 0};
	value *strings = p->kind == PAGE_POST ?
	    strings_of(env->s, p->section) : NULL;
	if (strings)
		t = valhash_of(h, strings);
	if (hash_is_zero(view) || (strings && hash_is_zero(t)))
		return (hash128){0, 0};
	hash_state *st = hash_begin();
	hash_add_str(st, "doc");
	hash_add_u64(st, p->kind == PAGE_POST);
	hash_add_hash(st, view);
	hash_add_u64(st, strings != NULL);
	hash_add_hash(st, t);
	return hash_end(st);
}

static void plan_doc(plan *pl, site *s, post *p, const char *kind)
{
	/* A permalink may name a file ("2016/10/10/x.html"). */
	size_t n = strlen(p->path);
	plan_page_lazy(pl, n && p->path[n - 1] != '/' ? p->path :
	    arena_concat(s->a, p->path, "index.html"), kind, build_doc, p, 0);
	pl->jobs[pl->n - 1].inkey = inkey_doc;
}

/* dir, or dir's page n: DIR/PAGE/N/ (what "%s%s/%zu/" prints, without
 * printf: every list page makes a few, for its links to the others). */
static const char *list_path(site *s, const char *dir, size_t n)
{
	if (n <= 1)
		return dir;
	char num[24], *p = num + sizeof num;
	*--p = '\0';
	*--p = '/';
	do {
		*--p = (char)('0' + n % 10);
		n /= 10;
	} while (n);
	size_t dl = strlen(dir), pl = strlen(s->p_page),
	    nl = (size_t)(num + sizeof num - p);
	char *out = arena_alloc(s->a, dl + pl + 1 + nl);
	memcpy(out, dir, dl);
	memcpy(out + dl, s->p_page, pl);
	out[dl + pl] = '/';
	memcpy(out + dl + pl + 1, p, nl);
	return out;
}

static void page_link(site *s, arena *a, value *pages, const char *dir,
    size_t i, size_t cur)
{
	value *pg = val_map(a);
	val_map_num(a, pg, "number", (double)i);
	val_map_set(a, pg, "url", val_str_ref(a,
	    view_url(s, a, list_path(s, dir, i))));
	val_map_bool(a, pg, "current", i == cur);
	val_list_push(a, pages, pg);
}

static void gap_mark(arena *a, value *pages)
{
	value *gap = val_map(a);
	val_map_bool(a, gap, "gap", 1);
	val_list_push(a, pages, gap);
}

static value *pagination(site *s, const char *dir, size_t cur, size_t total)
{
	arena *a = s->a;
	if (total <= 1)
		return val_null(a);
	value *m = val_map(a);
	val_map_num(a, m, "current", (double)cur);
	val_map_num(a, m, "total", (double)total);
	val_map_set(a, m, "prev_url", cur > 1 ? val_str_ref(a,
	    view_url(s, a, list_path(s, dir, cur - 1))) : val_null(a));
	val_map_set(a, m, "next_url", cur < total ? val_str_ref(a,
	    view_url(s, a, list_path(s, dir, cur + 1))) : val_null(a));
	/* The first, the last and two either side of the current page, with
	 * a gap marker between: a list of 500 pages stays a few links, and
	 * making it walks only those (each page walking all of them made a
	 * list's pages cost the square of their number). */
	value *pages = val_list(a);
	page_link(s, a, pages, dir, 1, cur);
	if (cur > 4)
		gap_mark(a, pages);
	size_t hi = cur + 2 < total - 1 ? cur + 2 : total - 1;
	for (size_t i = cur > 4 ? cur - 2 : 2; i <= hi; i++)
		page_link(s, a, pages, dir, i, cur);
	if (cur + 3 < total)
		gap_mark(a, pages);
	page_link(s, a, pages, dir, total, cur);
	val_map_set(a, m, "pages", pages);
	return m;
}

/* The posts' views in a list in a; views not made yet are made in keep
 * (view_of). */
static value *post_list(const site *s, arena *keep, arena *a, post **posts,
    size_t n)
{
	value *l = val_list(a);
	for (size_t i = 0; i < n; i++) {
		val_list_push(a, l, view_of(s, keep, posts[i]));
		/* A view made here reads its body (a big site's, from the
		 * spill): its pages go back now and then, as the jobs'. */
		bodystore_tick(s, i);
	}
	return l;
}

/* A paginated list of posts, a section's or a tag's: what its pages'
 * maps are made from when each is rendered (build_list_page), so that
 * the maps of thousands of list pages are never all in memory. */
struct list_spec {
	const char *kind, *key, *title, *dir;
	value *subject, *t;
	post **posts;
	size_t n, total;
};

static value *build_list_page(const job *j, render_env *env)
{
	const struct list_spec *L = j->p;
	site local = *env->s;   /* allocating in the job's scratch arena */
	local.a = env->a;
	site *s = &local;
	arena *a = env->a;
	size_t per = (size_t)s->paginate, pg = j->i;
	const char *path = list_path(s, L->dir, pg);
	value *page = view_page(s, a, L->kind, L->title, path, NULL);
	size_t from = (pg - 1) * per;
	size_t cnt = L->n - from < per ? L->n - from : per;
	val_map_set(a, page, "posts", post_list(s, env->keep, a,
	    L->posts + from, cnt));
	val_map_set(a, page, "pagination", pagination(s, L->dir, pg,
	    L->total));
	val_map_set(a, page, L->key, L->subject);
	val_map_set(a, page, "feed_url", val_str_ref(a,
	    view_url(s, a, arena_concat(a, L->dir, "rss.xml"))));
	val_map_set(a, page, "feed_abs", val_str_ref(a,
	    view_abs(s, a, arena_concat(a, L->dir, "rss.xml"))));
	val_map_num(a, page, "page_number", (double)pg);
	return plan_ctx(a, page, L->t);
}

/* What build_list_page makes a page's map from, without making it: the
 * list (its kind, title, folder, subject and strings), the page's number
 * among how many, the site's addresses and words the map holds, and the
 * digests of the views of the posts on the page (made once in render.c). */
static hash128 inkey_list_page(const job *j, render_env *env, valhash *h)
{
	const struct list_spec *L = j->p;
	const site *s = env->s;
	size_t per = (size_t)s->paginate, pg = j->i;
	size_t from = (pg - 1) * per;
	size_t cnt = L->n - from < per ? L->n - from : per;
	hash128 subject = {0, 0}, t = {0, 0};
	if (L->subject && hash_is_zero(subject = valhash_of(h, L->subject)))
		return subject;
	if (L->t && hash_is_zero(t = valhash_of(h, L->t)))
		return t;
	hash_state *st = hash_begin();
	hash_add_str(st, "list");
	hash_add_str(st, L->kind);
	hash_add_str(st, L->key);
	hash_add_str(st, L->title);
	hash_add_str(st, L->dir);
	hash_add_u64(st, L->subject != NULL);
	hash_add_hash(st, subject);
	hash_add_u64(st, L->t != NULL);
	hash_add_hash(st, t);
	hash_add_u64(st, pg);
	hash_add_u64(st, L->total);
	hash_add_u64(st, per);
	hash_add_str(st, s->base_path);
	hash_add_str(st, s->base_url);
	hash_add_str(st, s->description);
	hash_add_str(st, s->p_page);
	hash_add_u64(st, cnt);
	for (size_t i = 0; i < cnt; i++) {
		hash128 v = plan_list_digest(env, h, j, L->posts[from + i]);
		if (hash_is_zero(v)) {
			hash_end(st);
			return v;
		}
		hash_add_hash(st, v);
	}
	return hash_end(st);
}

static void plan_list(plan *pl, site *s, const char *kind, const char *key,
    value *subject, const char *title, const char *dir, post **posts,
    size_t n, value *t)
{
	arena *a = s->a;
	size_t per = (size_t)s->paginate;
	struct list_spec *L = arena_alloc(a, sizeof *L);
	*L = (struct list_spec){kind, key, title, dir, subject, t, posts, n,
	    n ? (n + per - 1) / per : 1};
	/* Every page of the list holds the subject (a tag's upcoming events
	 * among it): its digest is made once per worker, not once per page,
	 * which grew with the square of the posts (a tag of 2,500 posts at
	 * 100,000: 250 pages, each hashing the same 50 events). */
	if (subject)
		valhash_share(subject);
	for (size_t pg = 1; pg <= L->total; pg++) {
		plan_page_lazy(pl, arena_concat(a, list_path(s, dir, pg),
		    "index.html"), kind, build_list_page, L, pg);
		pl->jobs[pl->n - 1].inkey = inkey_list_page;
		if ((pg - 1) * per < n)   /* run by date: plan_run_order */
			pl->jobs[pl->n - 1].near =
			    posts[(pg - 1) * per]->date.epoch;
	}
}

/* {name, title, url} of a section. */
static value *section_view(arena *a, const section *sec)
{
	value *m = val_map(a);
	val_map_set(a, m, "name", val_str_ref(a, sec->name));
	val_map_set(a, m, "title", val_str_ref(a, sec->title));
	val_map_set(a, m, "url", val_str_ref(a, sec->url));
	/* Inside {{#page.sections}} on the front page, {{t.all_posts}} is the
	 * section's own ("Kaikki uutiset"). */
	if (sec->strings)
		val_map_set(a, m, "t", sec->strings);
	return m;
}

static void plan_home(plan *pl, site *s)
{
	arena *a = s->a;
	post *h = s->home;
	value *page = view_page(s, a, "home", h->title ? h->title : s->title,
	    "", s->description);
	html_merge(a, page, view_of(s, a, h));
	val_map_set(a, page, "kind", val_str_ref(a, "home"));
	val_map_set(a, page, "title", val_str_ref(a, h->title ? h->title :
	    s->title));
	value *secs = val_list(a);
	for (size_t i = 0; i < s->nsections; i++) {
		section *sec = &s->sections[i];
		value *m = section_view(a, sec);
		size_t n = sec->nposts < (size_t)s->home_posts ? sec->nposts :
		    (size_t)s->home_posts;
		val_map_set(a, m, "posts", post_list(s, a, a, sec->posts, n));
		val_list_push(a, secs, m);
	}
	val_map_set(a, page, "sections", secs);
	size_t n = s->nposts < (size_t)s->home_posts ? s->nposts :
	    (size_t)s->home_posts;
	val_map_set(a, page, "latest", post_list(s, a, a, s->posts, n));
	value *up = events_upcoming(s, s->home_events);
	val_map_set(a, page, "upcoming", up);
	val_map_bool(a, page, "has_upcoming", up && up->kind == VAL_LIST &&
	    up->u.list.len > 0);
	plan_page(pl, "index.html", "home", page);
}

static void plan_tags(plan *pl, site *s)
{
	arena *a = s->a;
	const char *dir = arena_printf(a, "%s/", s->p_tags);
	value *page = view_page(s, a, "tags", val_as_str(val_map_get(
	    s->th->strings, "tags_title")), dir, NULL);
	value *tags = val_list(a);
	for (size_t i = 0; i < s->ntags; i++)
		val_list_push(a, tags, view_tag(a, s->tags[i]));
	val_map_set(a, page, "tags", tags);
	plan_page(pl, arena_printf(a, "%sindex.html", dir), "tags", page);
	for (size_t i = 0; i < s->ntags; i++) {
		tag *t = s->tags[i];
		plan_list(pl, s, "tag", "tag", regions_tag_subject(s, t), t->name,
		    arena_printf(a, "%s/%s/", s->p_tags, t->slug), t->posts,
		    t->nposts, NULL);
	}
}

/* The archive lists every post: its map is made when it is rendered,
 * from views made then, and its key from the posts' view digests. */
static value *build_archive(const job *j, render_env *env)
{
	site local = *env->s;   /* allocating in the job's scratch arena */
	local.a = env->a;
	site *s = &local;
	arena *a = env->a;
	const char *dir = j->p;
	value *page = view_page(s, a, "archive", val_as_str(val_map_get(
	    s->th->strings, "archive_title")), dir, NULL);
	value *years = val_list(a), *year = NULL, *months = NULL,
	    *month = NULL, *posts = NULL;
	int cy = 0, cm = 0;
	for (size_t i = 0; i < s->nposts; i++) {
		post *p = s->posts[i];
		value *v = view_of(env->s, env->keep, p);
		bodystore_tick(s, i);   /* as post_list's */
		if (!year || p->date.year != cy) {
			cy = p->date.year;
			cm = 0;
			year = val_map(a);
			months = val_list(a);
			val_map_num(a, year, "year", cy);
			val_map_set(a, year, "months", months);
			val_list_push(a, years, year);
		}
		if (p->date.month != cm) {
			cm = p->date.month;
			month = val_map(a);
			posts = val_list(a);
			val_map_set(a, month, "title", val_map_get(
			    val_map_get(v, "date"), "month"));
			val_map_set(a, month, "posts", posts);
			val_list_push(a, months, month);
		}
		val_list_push(a, posts, v);
	}
	val_map_set(a, page, "years", years);
	return plan_ctx(a, page, NULL);
}

/* What build_archive's map is made from: its folder, the site's
 * addresses and words its page keys hold, and every post's view. */
static hash128 inkey_archive(const job *j, render_env *env, valhash *h)
{
	const site *s = env->s;
	hash_state *st = hash_begin();
	hash_add_str(st, "archive");
	hash_add_str(st, j->p);
	hash_add_str(st, s->base_path);
	hash_add_str(st, s->base_url);
	hash_add_str(st, s->description);
	hash_add_u64(st, s->nposts);
	for (size_t i = 0; i < s->nposts; i++) {
		hash128 v = plan_list_digest(env, h, j, s->posts[i]);
		if (hash_is_zero(v)) {
			hash_end(st);
			return v;
		}
		hash_add_hash(st, v);
	}
	return hash_end(st);
}

static void plan_archive(plan *pl, site *s)
{
	const char *dir = arena_printf(s->a, "%s/", s->p_archive);
	plan_page_lazy(pl, arena_printf(s->a, "%sindex.html", dir), "archive",
	    build_archive, dir, 0);
	pl->jobs[pl->n - 1].inkey = inkey_archive;
	pl->jobs[pl->n - 1].first = 1;
}

/* A date written in a data file, for readers; the text as written when
 * it is not a date. */
static value *data_date(site *s, value *v)
{
	const char *text = val_as_str(v);
	sdate d;
	const char *err;
	if (!text || date_parse(text, strlen(text), &d, &err) != 0)
		return v ? v : val_null(s->a);
	return view_date(s->a, &d, s->th->strings);
}

/* The accessibility statement the law asks for, from
 * content/<paths.accessibility>.yaml, with the template `accessibility`. */
static void plan_statement(plan *pl, site *s)
{
	arena *a = s->a;
	value *data = val_map_get(s->data, s->p_a11y);
	if (!data || data->kind != VAL_MAP)
		return;
	const char *dir = arena_printf(a, "%s/", s->p_a11y);
	const char *title = val_as_str(val_map_get(data, "title"));
	if (!title)
		title = val_as_str(val_map_get(s->th->strings,
		    "accessibility_statement"));
	value *page = view_page(s, a, "accessibility", title, dir, NULL);
	html_merge(a, page, data);
	val_map_set(a, page, "kind", val_str_ref(a, "accessibility"));
	val_map_set(a, page, "updated", data_date(s,
	    val_map_get(data, "updated")));
	value *assessed = val_map_get(data, "assessed");
	if (assessed && assessed->kind == VAL_MAP) {
		value *copy = val_map(a);
		html_merge(a, copy, assessed);
		val_map_set(a, copy, "date", data_date(s,
		    val_map_get(assessed, "date")));
		val_map_set(a, page, "assessed", copy);
	}
	const char *fb = val_as_str(val_map_get(data, "feedback"));
	if (fb && fb[0] == '/')
		val_map_set(a, page, "feedback_url", val_str_ref(a,
		    view_url(s, a, fb + 1)));
	else if (fb)
		val_map_set(a, page, "feedback_url", val_str_ref(a, fb));
	plan_page(pl, arena_printf(a, "%sindex.html", dir), "accessibility",
	    page);
}

void html_plan_part(plan *pl, site *s, value *root, html_part part)
{
	(void)root;
	arena *a = s->a;
	switch (part) {
	case HTML_DOCS:
		/* A job per document: room for all at once, not doubled
		 * (and copied) four times on the way to 10,000. */
		plan_reserve(pl, pl->n + s->npages + s->nposts + 1);
		if (s->home)
			plan_home(pl, s);
		for (size_t i = 0; i < s->npages; i++)
			plan_doc(pl, s, s->pages[i], "page");
		for (size_t i = 0; i < s->nposts; i++)
			plan_doc(pl, s, s->posts[i], "post");
		break;
	case HTML_SECTIONS:
		for (size_t i = 0; i < s->nsections; i++) {
			section *sec = &s->sections[i];
			value *m = section_view(a, sec);
			val_map_num(a, m, "count", (double)sec->nposts);
			plan_list(pl, s, "list", "section", m, sec->title,
			    arena_printf(a, "%s/", sec->name), sec->posts,
			    sec->nposts, sec->strings);
		}
		break;
	case HTML_OTHERS: {
		plan_tags(pl, s);
		plan_archive(pl, s);
		plan_statement(pl, s);
		value *nf = view_page(s, a, "notfound", val_as_str(val_map_get(
		    s->th->strings, "notfound_title")), "404.html", NULL);
		plan_page(pl, "404.html", "404", nf);
		break;
	}
	case HTML_PARTS:
		break;
	}
}

void html_plan(plan *pl, site *s, value *root)
{
	for (int part = 0; part < HTML_PARTS; part++)
		html_plan_part(pl, s, root, (html_part)part);
}
