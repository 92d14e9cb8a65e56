#include "view.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "../core/buf.h"
#include "../core/strmap.h"
#include "../core/valhash.h"
#include "../model/event.h"
#include "datefmt.h"
#include "escape.h"
#include "events.h"

const char *view_url(const site *s, arena *a, const char *path)
{
	return arena_concat(a, s->base_path, path);
}

const char *view_abs(const site *s, arena *a, const char *path)
{
	return arena_concat(a, s->base_url, path);
}

value *view_date(arena *a, const sdate *d, const value *strings)
{
	value *m = val_map_sized(a, 8);
	char tmp[40];
	date_iso(d, tmp);
	val_map_str(a, m, "iso", tmp);
	val_map_set(a, m, "short", val_str_ref(a,
	    datefmt_key(a, "short", d, strings)));
	val_map_set(a, m, "long", val_str_ref(a,
	    datefmt_key(a, "long", d, strings)));
	val_map_set(a, m, "month", val_str_ref(a,
	    datefmt_key(a, "month", d, strings)));
	if (d->has_time)
		val_map_set(a, m, "time", val_str_ref(a,
		    datefmt_key(a, "time", d, strings)));
	val_map_num(a, m, "year", d->year);
	date_rfc822(d, tmp);
	val_map_str(a, m, "rfc822", tmp);
	return m;
}

value *view_tag(arena *a, tag *t)
{
	if (t->view)
		return t->view;
	value *m = val_map_sized(a, 7);
	t->view = m;
	val_map_set(a, m, "name", val_str_ref(a, t->name));
	val_map_set(a, m, "slug", val_str_ref(a, t->slug));
	val_map_set(a, m, "url", val_str_ref(a, t->url));
	val_map_num(a, m, "count", (double)t->nposts);
	/* The theme's plural forms: post_count_one for 1, else _other. */
	val_map_bool(a, m, "count_one", t->nposts == 1);
	/* Events carry tags too (issue 20): the index counts them. */
	val_map_num(a, m, "event_count", (double)t->nevents);
	val_map_bool(a, m, "event_count_one", t->nevents == 1);
	return m;
}

value *view_root(site *s, const theme *th)
{
	arena *a = s->a;
	value *root = val_map(a);
	value *sm = val_map(a);
	/* site.yaml as written, then what saitti knows. */
	for (size_t i = 0; i < s->config->u.map.len; i++)
		val_map_set(a, sm, s->config->u.map.items[i].key,
		    s->config->u.map.items[i].val);
	val_map_set(a, sm, "title", val_str_ref(a, s->title));
	val_map_set(a, sm, "description", val_str_ref(a, s->description));
	val_map_set(a, sm, "language", val_str_ref(a, s->language));
	val_map_set(a, sm, "base_url", val_str_ref(a, s->base_url));
	val_map_set(a, sm, "base_path", val_str_ref(a, s->base_path));
	val_map_str(a, sm, "generator", "saitti " SAITTI_VERSION);
	val_map_set(a, sm, "feed_url", val_str_ref(a,
	    view_url(s, a, "rss.xml")));
	val_map_set(a, sm, "feed_abs", val_str_ref(a,
	    view_abs(s, a, "rss.xml")));
	val_map_set(a, sm, "tags_url", val_str_ref(a,
	    arena_printf(a, "%s%s/", s->base_path, s->p_tags)));
	val_map_set(a, sm, "archive_url", val_str_ref(a,
	    arena_printf(a, "%s%s/", s->base_path, s->p_archive)));
	/* A site without events has no events pages or calendar. */
	if (s->nevents)
		val_map_set(a, sm, "events_url", val_str_ref(a,
		    arena_printf(a, "%s%s/", s->base_path, s->p_events)));
	/* No link to a statement that is not there (the build warns). */
	if (site_statement(s))
		val_map_set(a, sm, "accessibility_url", val_str_ref(a,
		    arena_printf(a, "%s%s/", s->base_path, s->p_a11y)));
	value *secs = val_list(a);
	for (size_t i = 0; i < s->nsections; i++) {
		value *m = val_map(a);
		val_map_set(a, m, "name", val_str_ref(a, s->sections[i].name));
		val_map_set(a, m, "title", val_str_ref(a,
		    s->sections[i].title));
		val_map_set(a, m, "url", val_str_ref(a, s->sections[i].url));
		val_list_push(a, secs, m);
	}
	val_map_set(a, sm, "sections", secs);
	/* Menu links are written from the site root; give them the base
	 * path. */
	value *menu = val_map_get(s->config, "menu");
	if (menu && menu->kind == VAL_LIST) {
		value *nm = val_list(a);
		for (size_t i = 0; i < menu->u.list.len; i++) {
			value *item = menu->u.list.items[i], *copy = val_map(a);
			if (item->kind != VAL_MAP)
				continue;
			for (size_t k = 0; k < item->u.map.len; k++)
				val_map_set(a, copy, item->u.map.items[k].key,
				    item->u.map.items[k].val);
			const char *u = val_as_str(val_map_get(item, "url"));
			if (u && u[0] == '/')
				val_map_set(a, copy, "href", val_str_ref(a,
				    view_url(s, a, u + 1)));
			else if (u)
				val_map_set(a, copy, "href", val_str_ref(a, u));
			val_list_push(a, nm, copy);
		}
		val_map_set(a, sm, "menu", nm);
	}
	val_map_set(a, sm, "now", view_date(a, &s->now, th->strings));
	val_map_num(a, sm, "year", s->now.year);
	val_map_set(a, sm, "data", s->data);
	val_map_set(a, root, "site", sm);
	val_map_set(a, root, "t", th->strings);
	return root;
}

value *view_page(site *s, arena *a, const char *kind, const char *title,
    const char *path, const char *description)
{
	value *m = val_map(a);
	val_map_set(a, m, "kind", val_str_ref(a, kind));
	val_map_set(a, m, "title", title ? val_str_ref(a, title) :
	    val_null(a));
	val_map_set(a, m, "url", val_str_ref(a, view_url(s, a, path)));
	val_map_set(a, m, "permalink", val_str_ref(a, view_abs(s, a, path)));
	val_map_set(a, m, "description", val_str_ref(a,
	    description && *description ? description : s->description));
	val_map_bool(a, m, arena_printf(a, "is_%s", kind), 1);
	return m;
}

/* schema.org JSON-LD for a post, safe inside <script>. */
static const char *post_jsonld(const site *s, arena *a, const post *p)
{
	buf b = BUF_INIT;
	const char *type = "BlogPosting";
	value *secs = val_map_get(s->config, "sections");
	const char *t = val_as_str(val_map_get(val_map_get(secs,
	    p->section ? p->section : ""), "schema_type"));
	if (t)
		type = t;
	char iso[40];
	buf_puts(&b, "{\"@context\":\"https://schema.org\",\"@type\":\"");
	escape_json(&b, type, strlen(type));
	buf_puts(&b, "\",\"headline\":\"");
	escape_json(&b, p->title, strlen(p->title));
	buf_puts(&b, "\",\"url\":\"");
	const char *abs = view_abs(s, a, p->path);
	escape_json(&b, abs, strlen(abs));
	buf_puts(&b, "\",\"mainEntityOfPage\":\"");
	escape_json(&b, abs, strlen(abs));
	buf_puts(&b, "\"");
	if (p->has_date) {
		date_iso(&p->date, iso);
		buf_puts(&b, ",\"datePublished\":\"");
		buf_puts(&b, iso);
		buf_putc(&b, '"');
		if (p->has_updated)
			date_iso(&p->updated, iso);
		buf_puts(&b, ",\"dateModified\":\"");
		buf_puts(&b, iso);
		buf_putc(&b, '"');
	}
	if (p->author) {
		buf_puts(&b, p->author_person ? ",\"author\":{\"@type\":"
		    "\"Person\",\"name\":\"" : ",\"author\":{\"@type\":"
		    "\"Organization\",\"name\":\"");
		escape_json(&b, p->author, strlen(p->author));
		buf_puts(&b, "\"}");
	}
	if (p->summary_text && *p->summary_text) {
		buf_puts(&b, ",\"description\":\"");
		escape_json(&b, p->summary_text, strlen(p->summary_text));
		buf_puts(&b, "\"");
	}
	if (p->share_image) {
		buf_puts(&b, ",\"image\":\"");
		escape_json(&b, p->share_image, strlen(p->share_image));
		buf_puts(&b, "\"");
	} else if (p->image) {
		const char *img = p->image[0] == '/' ?
		    arena_concat(a, s->origin, p->image) : p->image;
		buf_puts(&b, ",\"image\":\"");
		escape_json(&b, img, strlen(img));
		buf_puts(&b, "\"");
	}
	buf_puts(&b, ",\"inLanguage\":\"");
	escape_json(&b, s->language, strlen(s->language));
	buf_puts(&b, "\",\"publisher\":{\"@type\":\"Organization\","
	    "\"name\":\"");
	escape_json(&b, s->title, strlen(s->title));
	buf_puts(&b, "\"}}");
	const char *out = arena_strndup(a, b.data, b.len);
	buf_free(&b);
	return out;
}

static value *link_view(arena *a, const post *p)
{
	if (!p)
		return val_null(a);
	value *m = val_map_sized(a, 2);   /* in every post's view, twice */
	val_map_set(a, m, "title", val_str_ref(a, p->title));
	val_map_set(a, m, "url", val_str_ref(a, p->url));
	return m;
}

/* Maps many posts share, made once before the workers start: the date
 * map of each day (at 10,000 posts three posts share a day, at 100,000
 * thirty) and each post's {title, url}, which is its older post's `next`
 * and its newer post's `prev`. They live as long as the render's phase
 * (s->vmaps), as views are made when a job first needs them. */
struct view_maps {
	/* Both made when a view first needs them, as most views are never
	 * made: the dates under the lock, in their own arena. */
	pthread_mutex_t lock;
	arena *da;
	strmap *dates;       /* date_key → date map */
	value **links;       /* by s->posts index; NULL: not made yet */
	value *null, *none;  /* null and the empty list of `events` */
	value *kinds[2];     /* "post", "page" */
	value **sec;         /* each section's name, title and url */
	const value *strings;
};

/* What p->view holds for a document whose view is not made yet: one
 * that will show its events (events_views' rule), and one that will not.
 * Only view_of reads them. */
static value pending, pending_events;

/* The front matter's own value when str is its string, which saves a
 * value (40 bytes) a key a post; else a new one. */
static value *str_of(arena *a, const value *meta, const char *key,
    const char *str)
{
	value *v = val_map_get(meta, key);
	if (v && v->kind == VAL_STR && !v->sub && v->u.str.s == str &&
	    v->u.str.len == strlen(str))
		return v;
	return val_str_ref(a, str);
}

/* What tells two date maps apart: the ISO form (day, time, offset) and
 * the RFC 822 one (made from the same fields). */
#define DATE_KEY_MAX 84

static void date_key(const sdate *d, char key[DATE_KEY_MAX])
{
	char iso[40], rfc[40];
	date_iso(d, iso);
	date_rfc822(d, rfc);
	snprintf(key, DATE_KEY_MAX, "%s|%s", iso, rfc);
}

/* The shared date map of d: on three posts' views each at 10,000 posts,
 * digested once. */
static value *date_of(struct view_maps *S, const sdate *d)
{
	char key[DATE_KEY_MAX];
	date_key(d, key);
	pthread_mutex_lock(&S->lock);
	value *v = strmap_get(S->dates, key);
	if (!v) {
		v = view_date(S->da, d, S->strings);
		valhash_share(v);
		strmap_set(S->dates, arena_strdup(S->da, key), v);
	}
	pthread_mutex_unlock(&S->lock);
	return v;
}

/* A post's {title, url}, made once in a and shared (two workers may make
 * it at once: the first one kept is everyone's). */
static value *link_of(const site *s, struct view_maps *S, arena *a,
    const post *p)
{
	if (!p)
		return S->null;
	if (p->order < 0 || (size_t)p->order >= s->nposts ||
	    s->posts[p->order] != p)
		return link_view(a, p);
	value **slot = &S->links[p->order];
	value *v = __atomic_load_n(slot, __ATOMIC_ACQUIRE);
	if (v)
		return v;
	value *m = link_view(a, p);
	valhash_share(m);
	if (__atomic_compare_exchange_n(slot, &v, m, 0, __ATOMIC_ACQ_REL,
	    __ATOMIC_ACQUIRE))
		return m;
	return v;
}

/* The keys view_post sets on every post or page, and at most four more
 * (preview_draft, preview_future, image_html, og_image). */
static const char *const post_keys[] = {
	"title", "url", "permalink", "source", "slug", "section",
	"section_title", "section_url", "date", "updated", "show_updated",
	"author", "author_person", "tags", "summary", "description",
	"content", "image", "prev", "next", "events", "has_events", "commit",
	"kind", "is_post", "is_page", NULL
};

/* Room for a post's view: its front matter and saitti's keys, those the
 * front matter already has counted once. */
static size_t view_keys(const post *p)
{
	size_t n = p->meta->u.map.len + 4;
	for (const char *const *k = post_keys; *k; k++)
		if (!val_map_get(p->meta, *k))
			n++;
	return n;
}

/* s (NULL for "") as a value, not read when its length len is known
 * (0 may also be a length not known: a post made by hand). */
static value *known_len(arena *a, const char *s, size_t len)
{
	if (!s)
		return val_str_ref(a, "");
	return val_strn_ref(a, s, len ? len : strlen(s));
}

value *view_body(arena *a, const md_result *md)
{
	return known_len(a, md->html, md->html_len);
}

static value *view_post(const site *s, arena *a, const post *p,
    int with_events, struct view_maps *S)
{
	const value *strings = S->strings;
	/* Front matter plus the keys set below, in one allocation, no
	 * larger than they need (at 100,000 posts each spare key is 2 MB). */
	value *m = val_map_sized(a, view_keys(p));
	for (size_t i = 0; i < p->meta->u.map.len; i++)
		val_map_set(a, m, p->meta->u.map.items[i].key,
		    p->meta->u.map.items[i].val);
	val_map_set(a, m, "title", p->title ? str_of(a, p->meta, "title",
	    p->title) : val_str_ref(a, ""));
	val_map_set(a, m, "url", val_str_ref(a, p->url));
	val_map_set(a, m, "permalink", val_str_ref(a,
	    view_abs(s, a, p->path)));
	val_map_set(a, m, "source", val_str_ref(a, p->src));
	val_map_set(a, m, "slug", val_str_ref(a, p->slug));
	if (p->section) {
		size_t i = 0;
		while (i < s->nsections && strcmp(s->sections[i].name,
		    p->section))
			i++;
		val_map_set(a, m, "section", i < s->nsections ? S->sec[3 * i] :
		    val_str_ref(a, p->section));
		for (; i < s->nsections; i++)
			if (!strcmp(s->sections[i].name, p->section)) {
				val_map_set(a, m, "section_title",
				    S->sec[3 * i + 1]);
				val_map_set(a, m, "section_url", S->sec[3 * i + 2]);
			}
	}
	val_map_set(a, m, "date", p->has_date ? date_of(S, &p->date) :
	    S->null);
	val_map_set(a, m, "updated", p->has_updated ? date_of(S,
	    &p->updated) : S->null);
	val_map_bool(a, m, "show_updated", p->has_updated && (!p->has_date ||
	    !date_same_day(&p->date, &p->updated)));
	val_map_set(a, m, "author", p->author ? str_of(a, p->meta, "author",
	    p->author) : S->null);
	val_map_bool(a, m, "author_person", p->author_person);
	value *tags = val_list(a);
	for (size_t i = 0; i < p->ntags; i++)
		val_list_push(a, tags, view_tag(a, p->tags[i]));
	val_map_set(a, m, "tags", tags);
	val_map_set(a, m, "summary", known_len(a, p->summary_html,
	    p->summary_html_len));
	val_map_set(a, m, "description", known_len(a, p->summary_text,
	    p->summary_text_len));
	val_map_set(a, m, "content", view_body(a, &p->md));
	val_map_set(a, m, "image", p->image ? str_of(a, p->meta, "image",
	    p->image) : S->null);
	val_map_set(a, m, "prev", link_of(s, S, a, p->prev));
	val_map_set(a, m, "next", link_of(s, S, a, p->next));
	if (with_events) {
		/* Each post's own events, in the order of p->events (by
		 * start); their views are made before any post's. */
		value *l = val_list(a);
		for (size_t k = 0; k < p->nevents; k++)
			val_list_push(a, l, events_view_of(s, a,
			    p->events[k]));
		val_map_set(a, m, "events", l);
	} else {
		val_map_set(a, m, "events", S->none);
	}
	val_map_bool(a, m, "has_events", with_events);
	val_map_set(a, m, "commit", p->commit ? val_str_ref(a, p->commit) :
	    S->null);
	/* The preview (saitti serve) marks what is not public yet; a build
	 * never has these keys. */
	if (s->preview && p->kind == PAGE_POST) {
		val_map_bool(a, m, "preview_draft", p->draft);
		if (p->has_date && p->date.epoch >= s->publish_limit)
			val_map_set(a, m, "preview_future", view_date(a,
			    &p->date, strings));
	}
	/* The keys of a page map (view_page), so that the view itself is
	 * the page of the post's own page. */
	val_map_set(a, m, "kind", S->kinds[p->kind != PAGE_POST]);
	val_map_bool(a, m, p->kind == PAGE_POST ? "is_post" : "is_page", 1);
	if (p->image_html)
		val_map_set(a, m, "image_html", val_str_ref(a, p->image_html));
	if (p->share_image)
		val_map_set(a, m, "og_image", val_str_ref(a, p->share_image));
	else if (p->image)
		val_map_set(a, m, "og_image", val_str_ref(a,
		    p->image[0] == '/' ? arena_concat(a, s->origin,
		    p->image) : p->image));
	if (!p->summary_text || (!p->summary_text_len && !*p->summary_text))
		val_map_set(a, m, "description", val_str_ref(a,
		    s->description));
	return m;
}

value *view_of(const site *s, arena *a, post *p)
{
	value *v = __atomic_load_n(&p->view, __ATOMIC_ACQUIRE);
	if (v != &pending && v != &pending_events)
		return v;
	value *m = view_post(s, a, p, v == &pending_events, s->vmaps);
	/* Two workers may make the same view at once: the first one kept
	 * is everyone's (the other's stays unused in its arena). */
	if (__atomic_compare_exchange_n(&p->view, &v, m, 0, __ATOMIC_ACQ_REL,
	    __ATOMIC_ACQUIRE))
		return m;
	return v;
}

value *view_post_page(const site *s, arena *keep, arena *a, post *p)
{
	value *v = view_of(s, keep, p);
	if (p->kind != PAGE_POST)
		return v;
	value *m = val_map_copy(a, v, 1);
	val_map_set(a, m, "jsonld", val_str_ref(a, post_jsonld(s, a, p)));
	return m;
}

/* Each section's strings: the theme's, with its section_strings.<name>
 * on top, so "Kaikki uutiset" under uutiset/ and "Kaikki kirjoitukset"
 * elsewhere come from the same {{t.all_posts}}. Made once, before any
 * worker reads them, and shared by every page of the section. */
static void section_strings(site *s, const theme *th)
{
	value *all = val_map_get(th->strings, "section_strings");
	const value *base = th->strings;
	for (size_t i = 0; i < s->nsections; i++) {
		section *sec = &s->sections[i];
		value *own = val_map_get(all, sec->name);
		sec->strings = NULL;
		if (!own || own->kind != VAL_MAP || base->kind != VAL_MAP)
			continue;
		value *m = val_map_sized(s->a, base->u.map.len + own->u.map.len);
		for (size_t k = 0; k < base->u.map.len; k++)
			val_map_set(s->a, m, base->u.map.items[k].key,
			    base->u.map.items[k].val);
		for (size_t k = 0; k < own->u.map.len; k++)
			val_map_set(s->a, m, own->u.map.items[k].key,
			    own->u.map.items[k].val);
		valhash_share(m);
		sec->strings = m;
	}
}

void view_posts(site *s, const theme *th)
{
	struct view_maps *S = arena_alloc(s->a, sizeof *S);
	pthread_mutex_init(&S->lock, NULL);
	S->da = arena_new();
	S->dates = strmap_new();
	S->links = arena_alloc(s->a, (s->nposts + 1) * sizeof(value *));
	S->null = val_null(s->a);
	S->none = val_list(s->a);
	S->kinds[0] = val_str_ref(s->a, "post");
	S->kinds[1] = val_str_ref(s->a, "page");
	S->sec = arena_alloc(s->a, (3 * s->nsections + 1) * sizeof(value *));
	S->strings = th->strings;
	for (size_t i = 0; i < s->nsections; i++) {
		S->sec[3 * i] = val_str_ref(s->a, s->sections[i].name);
		S->sec[3 * i + 1] = val_str_ref(s->a, s->sections[i].title);
		S->sec[3 * i + 2] = val_str_ref(s->a, s->sections[i].url);
	}
	section_strings(s, th);
	size_t n = s->nposts + s->npages + (s->home != NULL);
	/* One pass over the posts (at 10,000 of them, reading each from
	 * memory is most of its time). Tag views are shared: made here,
	 * before the workers read them. The views themselves are made when
	 * first asked for (view_of): after one edit, most pages are kept by
	 * their keys (viewkey.h) without them. */
	for (size_t i = 0; i < n; i++) {
		post *p = i < s->nposts ? s->posts[i] : i < s->nposts +
		    s->npages ? s->pages[i - s->nposts] : s->home;
		for (size_t k = 0; k < p->ntags; k++)
			valhash_share(view_tag(s->a, p->tags[k]));
		p->view = &pending;
	}
	s->vmaps = S;
	/* A post shows its events when the first of them names it (their
	 * views are made before: render.c). */
	for (size_t i = 0; i < s->nevents; i++) {
		post *p = s->events[i]->post;
		if (p && p->view == &pending && p->events[0] == s->events[i])
			p->view = &pending_events;
	}
}

void view_done(site *s)
{
	if (s->vmaps) {
		strmap_free(s->vmaps->dates);
		arena_free(s->vmaps->da);
		pthread_mutex_destroy(&s->vmaps->lock);
	}
	s->vmaps = NULL;
}
