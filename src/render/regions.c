#include "regions.h"

#include <stdlib.h>
#include <string.h>

#include "events.h"
#include "view.h"

static const event *series_of(const event *e)
{
	return e->master ? e->master : e;
}

int regions_has_tag(const event *e, const tag *t)
{
	e = series_of(e);
	for (size_t i = 0; i < e->ntags; i++)
		if (e->tags[i] == t)
			return 1;
	return 0;
}

const char *regions_tag_ics(arena *a, const site *s, const tag *t)
{
	return arena_printf(a, "%s/%s/%s.ics", s->p_tags, t->slug,
	    s->p_events);
}

const char *regions_region_ics(arena *a, const site *s, const region *r)
{
	return arena_printf(a, "%s%s.ics", r->path, s->p_events);
}

/* The upcoming dates of the events that pass keep(), soonest first. */
static value *upcoming(site *s, int (*keep)(const event *, const void *),
    const void *what)
{
	value *l = val_list(s->a);
	for (size_t i = 0; i < s->nocc; i++)
		if (keep(s->occ[i], what) && !events_is_past(s->occ[i],
		    &s->now))
			val_list_push(s->a, l, events_view_of(s, s->a,
			    s->occ[i]));
	return l;
}

static int keep_tag(const event *e, const void *t)
{
	return regions_has_tag(e, t);
}

/* Each region's coming dates, soonest first, by s->regions index, from
 * coming (the site's, soonest first): one walk over them for all the
 * regions, not one for each. */
static value **regions_upcoming(site *s, event **coming, size_t n)
{
	value **l = arena_alloc(s->a, (s->nregions + 1) * sizeof *l);
	for (size_t i = 0; i < s->nregions; i++)
		l[i] = val_list(s->a);
	for (size_t i = 0; i < n; i++) {
		const region *r = series_of(coming[i])->reg;
		if (r)
			val_list_push(s->a, l[r - s->regions],
			    events_view_of(s, s->a, coming[i]));
	}
	return l;
}

/* ics_url and webcal_url (webcal:// makes phones offer a subscription). */
static void calendar_links(site *s, value *m, const char *path)
{
	const char *abs = view_abs(s, s->a, path);
	const char *colon = strchr(abs, ':');
	val_map_set(s->a, m, "ics_url", val_str_ref(s->a, view_url(s, s->a,
	    path)));
	val_map_set(s->a, m, "webcal_url", val_str_ref(s->a,
	    arena_printf(s->a, "webcal%s", colon ? colon : abs)));
}

value *regions_tag_subject(site *s, tag *t)
{
	value *v = view_tag(s->a, t);
	if (!t->nevents)
		return v;
	value *m = val_map(s->a);
	for (size_t i = 0; i < v->u.map.len; i++)
		val_map_set(s->a, m, v->u.map.items[i].key,
		    v->u.map.items[i].val);
	value *l = upcoming(s, keep_tag, t);
	val_map_set(s->a, m, "events", l);
	val_map_bool(s->a, m, "has_events", l->u.list.len > 0);
	val_map_num(s->a, m, "event_count", (double)t->nevents);
	calendar_links(s, m, regions_tag_ics(s->a, s, t));
	return m;
}

void regions_plan(plan *pl, site *s, const theme *th)
{
	if (!s->p_region || !mustache_has(th->templates, "region"))
		return;
	/* Whether a date is over, once for all the regions. */
	event **coming = arena_alloc(s->a, (s->nocc + 1) * sizeof *coming);
	size_t ncoming = 0;
	for (size_t i = 0; i < s->nocc; i++)
		if (!events_is_past(s->occ[i], &s->now))
			coming[ncoming++] = s->occ[i];
	value **upcoming_of = regions_upcoming(s, coming, ncoming);
	for (size_t i = 0; i < s->nregions; i++) {
		region *r = &s->regions[i];
		value *page = view_page(s, s->a, "region", r->name, r->path,
		    NULL);
		value *m = val_map(s->a);
		val_map_set(s->a, m, "name", val_str_ref(s->a, r->name));
		val_map_set(s->a, m, "slug", val_str_ref(s->a, r->slug));
		val_map_set(s->a, m, "url", val_str_ref(s->a, r->url));
		value *l = upcoming_of[i];
		val_map_set(s->a, m, "events", l);
		val_map_bool(s->a, m, "has_events", l->u.list.len > 0);
		val_map_num(s->a, m, "event_count", (double)r->nevents);
		calendar_links(s, m, regions_region_ics(s->a, s, r));
		/* site.yaml regions: {Lappi: {genitive: Lapin}} lets the
		 * theme write "Tilaa Lapin tapahtumat…". */
		value *conf = val_map_get(val_map_get(s->config, "regions"),
		    r->name);
		val_map_set(s->a, m, "genitive", val_map_get(conf,
		    "genitive") ? val_map_get(conf, "genitive") :
		    val_null(s->a));
		val_map_set(s->a, page, "region", m);
		plan_page(pl, arena_printf(s->a, "%sindex.html", r->path),
		    "region", page);
	}
}
