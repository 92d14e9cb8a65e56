#include "event.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../core/i18n.h"
#include "../core/limits.h"
#include "../core/strmap.h"
#include "../core/xalloc.h"
#include "../parse/slug.h"
#include "../parse/url.h"
#include "meta.h"
#include "repeat.h"

/* ---- loading ------------------------------------------------------- */

/* An empty field is no field: templates test for presence. */
static const char *nonempty(const char *s)
{
	return s && *s ? s : NULL;
}

/* The calendar has a page for every month from the first event to the
 * last, so a year far from today (1017 for 2017) would make thousands of
 * empty months: such a year is surely a typo. */
#define EVENT_MAX_YEARS 100

static void far_year(const site *s, const event *e, const char *key,
    const sdate *t, diag *d)
{
	if (abs(t->year - s->now.year) <= EVENT_MAX_YEARS)
		return;
	value *v = val_map_get(e->meta, key);
	diag_error(d, e->src, v ? v->line : e->line, v ? v->col : e->col,
	    _("%s '%s' is more than %d years from today: check the year"),
	    key, v && v->kind == VAL_STR ? v->u.str.s : "", EVENT_MAX_YEARS);
}

/* start and end: both dates (an all-day event, end inclusive) or both
 * times; the end not before the start; neither far from today. */
static void load_dates(site *s, event *e, diag *d)
{
	sdate range_end;
	int r = meta_date_span(e->src, e->meta, "start", &e->start,
	    &range_end, d);
	if (r == 0)
		diag_error(d, e->src, e->line, e->col, _("missing start: add "
		    "'start: 7.11.2017 klo 12.00', or a date alone for an "
		    "all-day event"));
	int re = meta_date(e->src, e->meta, "end", &e->end, d);
	if (r <= 0)
		return;
	e->all_day = !e->start.has_time;
	if (r == 2 && re > 0) {
		/* Two ends: which one the writer meant is not for saitti to
		 * guess. */
		value *ev = val_map_get(e->meta, "end");
		diag_error(d, e->src, ev->line, ev->col, _("the event has two "
		    "ends: the time range in start, and end: keep one of them "
		    "(start: 2.10.2017 klo 12-16, or start: 2.10.2017 klo 12 "
		    "with end: 2.10.2017 klo 16)"));
		return;
	}
	if (r == 2) {
		e->end = range_end;
		e->has_end = 1;
	} else if (re > 0) {
		value *sv = val_map_get(e->meta, "start");
		value *ev = val_map_get(e->meta, "end");
		if (e->end.has_time != e->start.has_time)
			diag_error(d, e->src, ev->line, ev->col, _("end '%s' "
			    "and start '%s' must both have a time of day, or "
			    "neither (an all-day event)"), ev->u.str.s,
			    sv->u.str.s);
		else if (date_cmp(&e->end, &e->start) < 0)
			diag_error(d, e->src, ev->line, ev->col, _("end '%s' "
			    "is before start '%s': write a later end, or leave "
			    "it out"), ev->u.str.s, sv->u.str.s);
		else
			e->has_end = 1;
	}
	if (!e->has_end)
		e->end = e->start;
	far_year(s, e, "start", &e->start, d);
	if (e->has_end)
		far_year(s, e, "end", &e->end, d);
}

/* "2017-11-07-rest": the part after a leading date, else the name. */
static const char *strip_date(const char *name, size_t *n)
{
	if (*n < 12 || name[4] != '-' || name[7] != '-' || name[10] != '-')
		return name;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (name[i] < '0' || name[i] > '9'))
			return name;
	*n -= 11;
	return name + 11;
}

/* The slug before it is made unique: `slug:` when given; a file's name
 * (a folder's for index.md); a list item's title and start date. */
static const char *base_slug(site *s, event *e, diag *d)
{
	const char *given = meta_str(s, e->src, e->meta, "slug", d);
	if (given) {
		value *v = val_map_get(e->meta, "slug");
		const char *ok = slug_make(s->a, given, strlen(given));
		if (strcmp(ok, given) != 0 || !*ok) {
			diag_error(d, e->src, v->line, v->col, _("slug '%s' is not "
			    "allowed: use only a-z, 0-9 and '-', like '%s'"),
			    given, ok);
			return NULL;
		}
		if (strlen(given) > LIMIT_NAME_BYTES) {
			diag_error(d, e->src, v->line, v->col, _("slug '%.40s…' "
			    "is too long for an address (%zu bytes; the limit "
			    "LIMIT_NAME_BYTES is %d): shorten it"), given,
			    strlen(given), LIMIT_NAME_BYTES);
			return NULL;
		}
		return given;
	}
	if (e->post) {
		char iso[40];
		date_iso(&(sdate){.year = e->start.year, .month =
		    e->start.month, .day = e->start.day}, iso);
		char *t = slug_make(s->a, e->title, strlen(e->title));
		/* A long title makes a shorter address, with room for the
		 * date and a "-2". */
		slug_cut(t, LIMIT_NAME_BYTES - 16);
		return *t ? arena_printf(s->a, "%s-%s", t, iso) :
		    arena_strdup(s->a, iso);
	}
	const char *name = strrchr(e->src, '/');
	name = name ? name + 1 : e->src;
	size_t n = strlen(name);
	if (n > 3 && !strcmp(name + n - 3, ".md"))
		n -= 3;
	if (n == 5 && !strncmp(name, "index", 5) && name > e->src + 1) {
		const char *end = name - 1, *dir = end;
		while (dir > e->src && dir[-1] != '/')
			dir--;
		name = dir;
		n = (size_t)(end - dir);
	}
	const char *from = strip_date(name, &n);
	const char *slug = slug_make(s->a, from, n);
	if (!*slug) {
		diag_error(d, e->src, 0, 0, _("no address can be made from the "
		    "file name: name it with letters, like "
		    "2017-11-07-name.md"));
		return NULL;
	}
	return slug;
}

/* An http(s) address from key, or NULL after reporting what to write. */
static const char *web_url(site *s, event *e, const value *map,
    const char *key, diag *d)
{
	const char *u = nonempty(meta_str(s, e->src, map, key, d));
	if (u && strncmp(u, "https://", 8) && strncmp(u, "http://", 7)) {
		value *v = val_map_get(map, key);
		diag_error(d, e->src, v->line, v->col, _("%s: write a whole web "
		    "address starting with https://"), key);
		return NULL;
	}
	return u;
}

/* registration: {url, deadline, info}; online: URL; geo: "lat, lon". */
static void load_extras(site *s, event *e, diag *d)
{
	value *r = val_map_get(e->meta, "registration");
	if (r && r->kind == VAL_MAP) {
		e->reg_url = web_url(s, e, r, "url", d);
		e->reg_info = nonempty(meta_str(s, e->src, r, "info", d));
		e->has_deadline = meta_date(e->src, r, "deadline",
		    &e->reg_deadline, d) > 0;
		e->has_reg = e->reg_url || e->reg_info || e->has_deadline;
	} else if (r && r->kind == VAL_STR) {
		e->reg_url = web_url(s, e, e->meta, "registration", d);
		e->has_reg = e->reg_url != NULL;
	} else if (r && r->kind != VAL_NULL) {
		diag_error(d, e->src, r->line, r->col, _("registration: write "
		    "a map like registration: {url: https://…, deadline: "
		    "2.10.2017, info: \"…\"}"));
	}
	e->online = web_url(s, e, e->meta, "online", d);
	value *g = val_map_get(e->meta, "geo");
	if (g && g->kind != VAL_NULL) {
		double lat = 0, lon = 0;
		int ok = 0;
		if (g->kind == VAL_STR) {
			char extra;
			ok = sscanf(g->u.str.s, "%lf ,%lf %c", &lat, &lon,
			    &extra) == 2 || sscanf(g->u.str.s, "%lf %lf %c",
			    &lat, &lon, &extra) == 2;
		} else if (g->kind == VAL_LIST && g->u.list.len == 2 &&
		    g->u.list.items[0]->kind == VAL_NUM &&
		    g->u.list.items[1]->kind == VAL_NUM) {
			lat = g->u.list.items[0]->u.num;
			lon = g->u.list.items[1]->u.num;
			ok = 1;
		} else if (g->kind == VAL_MAP) {
			value *la = val_map_get(g, "lat"), *lo = val_map_get(g,
			    "lon");
			ok = la && lo && la->kind == VAL_NUM &&
			    lo->kind == VAL_NUM;
			if (ok) {
				lat = la->u.num;
				lon = lo->u.num;
			}
		}
		if (!ok || lat < -90 || lat > 90 || lon < -180 || lon > 180)
			diag_error(d, e->src, g->line, g->col, _("geo: write the "
			    "latitude and longitude in degrees, like geo: "
			    "\"60.4518, 22.2666\""));
		else {
			e->lat = lat;
			e->lon = lon;
			e->has_geo = 1;
		}
	}
}

static void add_event(site *s, event *e)
{
	if ((s->nevents & (s->nevents - 1)) == 0) {
		size_t cap = s->nevents ? s->nevents * 2 : 16;
		event **p = arena_alloc(s->a, cap * sizeof *p);
		if (s->nevents)
			memcpy(p, s->events, s->nevents * sizeof *p);
		s->events = p;
	}
	s->events[s->nevents++] = e;
}

/* One event from its map, as far as it needs nothing from other files
 * (all but its tags): NULL after reporting errors; else the event, with
 * *bad when its slug was refused (the tags are still checked), and
 * *draft. */
static event *load_local(site *s, const char *file, int line, int col,
    value *meta, post *p, int *draft, int *bad, diag *d)
{
	int errs = diag_errors(d);
	event *e = arena_alloc(s->a, sizeof *e);
	e->src = file;
	e->line = line;
	e->col = col;
	e->meta = meta;
	e->post = p;
	e->title = meta_str(s, file, meta, "title", d);
	if ((!e->title || !*e->title) && diag_errors(d) == errs)
		diag_error(d, file, line, col, _("missing title: add 'title: "
		    "\"...\"' to the event"));
	load_dates(s, e, d);
	e->location = nonempty(meta_str(s, file, meta, "location", d));
	e->address = nonempty(meta_str(s, file, meta, "address", d));
	e->region = nonempty(meta_str(s, file, meta, "region", d));
	e->organizer = nonempty(meta_str(s, file, meta, "organizer", d));
	e->link = nonempty(meta_str(s, file, meta, "url", d));
	if (e->link && url_refused(e->link)) {
		value *v = val_map_get(meta, "url");
		diag_error(d, file, v->line, v->col, _("url '%s' is refused: "
		    "only http(s) or relative addresses are allowed"), e->link);
	}
	e->cancelled = meta_bool(file, meta, "cancelled", 0, d);
	if (diag_errors(d) == errs)
		repeat_load(s, e, d);
	load_extras(s, e, d);
	*draft = meta_bool(file, meta, "draft", 0, d);
	if (diag_errors(d) > errs)
		return NULL;
	e->slug = base_slug(s, e, d);
	*bad = diag_errors(d) > errs;
	return e;
}

/* The rest: its tags (the site's). NULL after reporting errors, or for a
 * draft that is not built (which is still checked). */
static event *load_tags(site *s, event *e, int draft, int bad, diag *d)
{
	int errs = diag_errors(d);
	e->ntags = meta_tags(s, e->src, e->meta, &e->tags, d);
	if (bad || diag_errors(d) > errs || (draft && !s->drafts))
		return NULL;
	return e;
}

static event *load_one(site *s, const char *file, int line, int col,
    value *meta, post *p, diag *d)
{
	int draft, bad;
	event *e = load_local(s, file, line, col, meta, p, &draft, &bad, d);
	return e ? load_tags(s, e, draft, bad, d) : NULL;
}

void event_file_local(site *s, const char *src, const fm_doc *doc,
    struct event_made *m, diag *d)
{
	m->e = load_local(s, src, 1, 1, doc->meta, NULL, &m->draft, &m->bad,
	    d);
	if (m->e) {
		m->e->body = doc->body;
		m->e->body_len = doc->body_len;
		m->e->body_line = doc->body_line;
		m->e->body_off = doc->body_off;
		m->e->body_sum = doc->body_sum;
	}
}

void event_file_add(site *s, const struct event_made *m, diag *d)
{
	if (m->e && load_tags(s, m->e, m->draft, m->bad, d))
		add_event(s, m->e);
}

int event_load_file(site *s, const char *src, const fm_doc *doc, diag *d)
{
	int errs = diag_errors(d);
	struct event_made m;
	event_file_local(s, src, doc, &m, d);
	event_file_add(s, &m, d);
	return diag_errors(d) > errs ? -1 : 0;
}

int event_load_list(site *s, post *p, const value *list, diag *d)
{
	int errs = diag_errors(d);
	if (list->kind != VAL_LIST) {
		diag_error(d, p->src, list->line, list->col, _("'events' must "
		    "be a list of events, each with title: and start:"));
		return -1;
	}
	p->events = arena_alloc(s->a, (list->u.list.len + 1) *
	    sizeof *p->events);
	p->nevents = 0;
	for (size_t i = 0; i < list->u.list.len; i++) {
		value *item = list->u.list.items[i];
		if (item->kind != VAL_MAP) {
			diag_error(d, p->src, item->line, item->col, _("an "
			    "item of 'events' must be a map with title: and "
			    "start:, not a %s"), _(val_kind_name(item->kind)));
			continue;
		}
		event *e = load_one(s, p->src, item->line, item->col, item, p,
		    d);
		if (!e)
			continue;
		/* A list item's description is its Markdown body. */
		value *desc = val_map_get(item, "description");
		if (desc && desc->kind == VAL_STR) {
			e->body = desc->u.str.s;
			e->body_len = desc->u.str.len;
			e->body_line = desc->line;
		} else {
			e->body = "";
			e->body_line = item->line;
		}
		add_event(s, e);
		p->events[p->nevents++] = e;
	}
	return diag_errors(d) > errs ? -1 : 0;
}

/* ---- after loading ------------------------------------------------- */

/* Whether the post an event came from is built (the rules of site.c). */
static int post_built(const site *s, const post *p)
{
	if (s->drafts)
		return 1;
	return !p->draft && !(p->kind == PAGE_POST &&
	    p->date.epoch >= s->publish_limit);
}

int event_cmp_start(const void *a, const void *b)
{
	const event *x = *(event *const *)a, *y = *(event *const *)b;
	int c = date_cmp(&x->start, &y->start);
	if (c)
		return c;
	c = strcmp(x->src, y->src);
	if (c)
		return c;
	return (x->line > y->line) - (x->line < y->line);
}

static int cmp_src(const void *a, const void *b)
{
	const event *x = *(event *const *)a, *y = *(event *const *)b;
	int c = strcmp(x->src, y->src);
	return c ? c : (x->line > y->line) - (x->line < y->line);
}

/* A chosen slug (a file's name or `slug:`) is kept in preference to one
 * made from a list item's title. */
static int chosen_slug(const event *e)
{
	return !e->post || val_map_get(e->meta, "slug");
}

/* Takes e's slug, or the first of slug-2, slug-3… still free. next
 * remembers, per slug, the number to try first (those below are taken
 * for good), so that 10,000 events of one title stay linear. */
static void take_slug(site *s, strmap *taken, strmap *next, event *e)
{
	const char *slug = e->slug;
	uintptr_t n = (uintptr_t)strmap_get(next, e->slug);
	if (n < 2)
		n = 2;
	while (strmap_get(taken, slug))
		slug = arena_printf(s->a, "%s-%lu", e->slug,
		    (unsigned long)n++);
	strmap_set(next, e->slug, (void *)n);
	strmap_set(taken, slug, e);
	e->slug = slug;
	e->path = arena_printf(s->a, "%s/%s/", s->p_events, slug);
	e->url = arena_printf(s->a, "%s%s", s->base_path, e->path);
}

static int cmp_region(const void *a, const void *b)
{
	return strcmp(((const region *)a)->slug, ((const region *)b)->slug);
}

/* The regions the events name, each with its events by start; two
 * spellings with one slug ("Lappi", "lappi") are one region. Each
 * region's list is as long as its events (counted first): a site of
 * many small regions is not regions times events. */
static void load_regions(site *s)
{
	s->regions = arena_alloc(s->a, (s->nevents + 1) * sizeof *s->regions);
	s->nregions = 0;
	region **of = xcalloc(s->nevents + 1, sizeof *of);
	strmap *by = strmap_new();
	for (size_t i = 0; i < s->nevents; i++) {
		event *e = s->events[i];
		e->reg = NULL;
		if (!e->region)
			continue;
		const char *slug = slug_make(s->a, e->region,
		    strlen(e->region));
		if (!*slug)
			continue;
		region *r = strmap_get(by, slug);
		if (!r) {
			r = &s->regions[s->nregions++];
			memset(r, 0, sizeof *r);
			r->name = e->region;
			r->slug = slug;
			strmap_set(by, slug, r);
		}
		r->nevents++;
		of[i] = r;
	}
	strmap_free(by);
	for (size_t i = 0; i < s->nregions; i++) {
		region *r = &s->regions[i];
		r->events = arena_alloc(s->a, (r->nevents + 1) *
		    sizeof *r->events);
		r->nevents = 0;
	}
	for (size_t i = 0; i < s->nevents; i++)
		if (of[i])
			of[i]->events[of[i]->nevents++] = s->events[i];
	free(of);
	if (s->nregions > 1)
		qsort(s->regions, s->nregions, sizeof *s->regions,
		    cmp_region);
	for (size_t i = 0; i < s->nregions; i++) {
		region *r = &s->regions[i];
		for (size_t k = 0; k < r->nevents; k++)
			r->events[k]->reg = r;
		if (!s->p_region)
			continue;
		r->path = arena_printf(s->a, "%s/%s/%s/", s->p_events,
		    s->p_region, r->slug);
		r->url = arena_printf(s->a, "%s%s", s->base_path, r->path);
	}
}

void event_finish(site *s, diag *d)
{
	(void)d;
	/* Events of posts that are not built are not built either. */
	size_t kept = 0;
	for (size_t i = 0; i < s->nevents; i++) {
		event *e = s->events[i];
		if (e->post)
			e->post->nevents = 0;
		if (!e->post || post_built(s, e->post))
			s->events[kept++] = e;
	}
	s->nevents = kept;
	if (!kept) {
		load_regions(s);
		repeat_expand(s);
		return;
	}

	/* Slugs: chosen ones first, in file order, then the made ones in
	 * calendar order, so that the result does not depend on how the
	 * source was listed. The calendar folder is not a slug. */
	event **order = malloc(kept * sizeof *order);
	if (!order)
		abort();
	memcpy(order, s->events, kept * sizeof *order);
	qsort(order, kept, sizeof *order, cmp_src);
	qsort(s->events, kept, sizeof *s->events, event_cmp_start);
	strmap *taken = strmap_new(), *next = strmap_new();
	if (s->p_calendar)
		strmap_set(taken, s->p_calendar, (void *)s->p_calendar);
	if (s->p_region)
		strmap_set(taken, s->p_region, (void *)s->p_region);
	for (size_t i = 0; i < kept; i++)
		if (chosen_slug(order[i]))
			take_slug(s, taken, next, order[i]);
	for (size_t i = 0; i < kept; i++)
		if (!chosen_slug(s->events[i]))
			take_slug(s, taken, next, s->events[i]);
	strmap_free(next);
	strmap_free(taken);
	free(order);

	/* A post's events and a tag's, soonest first. */
	for (size_t i = 0; i < kept; i++) {
		event *e = s->events[i];
		if (e->post)
			e->post->events[e->post->nevents++] = e;
		for (size_t t = 0; t < e->ntags; t++) {
			tag *tg = e->tags[t];
			if (tg->nevents == tg->capevents) {
				tg->capevents = tg->capevents ?
				    tg->capevents * 2 : 8;
				event **ne = arena_alloc(s->a,
				    tg->capevents * sizeof *ne);
				if (tg->nevents)
					memcpy(ne, tg->events,
					    tg->nevents * sizeof *ne);
				tg->events = ne;
			}
			tg->events[tg->nevents++] = e;
		}
	}
	load_regions(s);
	repeat_expand(s);
}
