#include "eventkey.h"

#include <string.h>

#include "../core/pool.h"
#include "../model/mdcache.h"
#include "../model/post.h"
#include "events.h"
#include "viewkey.h"

/* Changed whenever event_view's map changes shape (hash_program holds
 * it too). */
#define EVENTKEY_FORM "eventkey 1"

static void add_double(hash_state *st, double x)
{
	uint64_t u;
	memcpy(&u, &x, sizeof u);
	hash_add_u64(st, u);
}

hash128 eventkey_site(const site *s, hash128 viewsite)
{
	if (hash_is_zero(viewsite))
		return viewsite;
	hash_state *st = hash_begin();
	hash_add_str(st, EVENTKEY_FORM);
	hash_add_hash(st, viewsite);
	hash_add_str(st, s->base_path);
	hash_add_str(st, s->base_url);
	hash_add_str(st, s->p_event_file);
	hash_add_str(st, s->timezone);
	hash_add_str(st, s->language);
	viewkey_date(st, &s->now);
	hash_add_u64(st, (uint64_t)s->preview);
	/* region_url: the url of a region that lists the event's series. */
	hash_add_u64(st, s->nregions);
	for (size_t i = 0; i < s->nregions; i++) {
		const region *r = &s->regions[i];
		hash_add_str(st, r->url);
		hash_add_u64(st, r->nevents);
		for (size_t k = 0; k < r->nevents; k++)
			hash_add_str(st, r->events[k]->path);
	}
	return hash_end(st);
}

/* Registration, repeats, the map and online facts (extra_view), and what
 * the JSON-LD adds to them. */
static void add_extra(hash_state *st, const site *s, const event *e)
{
	hash_add_u64(st, (uint64_t)e->changed);
	hash_add_u64(st, (uint64_t)e->recurring);
	const recur *r = &e->rule;
	hash_add_u64(st, (uint64_t)r->freq);
	hash_add_u64(st, (uint64_t)r->interval);
	hash_add_u64(st, (uint64_t)r->byday);
	hash_add_u64(st, (uint64_t)(int64_t)r->setpos);
	hash_add_u64(st, (uint64_t)r->count);
	hash_add_u64(st, (uint64_t)((r->until_y * 13 + r->until_m) * 32 +
	    r->until_d));
	hash_add_str(st, e->online);
	hash_add_u64(st, (uint64_t)e->has_geo);
	add_double(st, e->lat);
	add_double(st, e->lon);
	hash_add_u64(st, (uint64_t)e->has_reg);
	hash_add_str(st, e->reg_url);
	hash_add_str(st, e->reg_info);
	hash_add_u64(st, (uint64_t)e->has_deadline);
	viewkey_date(st, &e->reg_deadline);
	(void)s;
}

hash128 eventkey_of(const site *s, hash128 sitekey, valhash *h,
    const event *e)
{
	const event *series = e->master ? e->master : e;
	hash128 meta = valhash_of(h, e->meta);
	hash128 smeta = series == e ? meta : valhash_of(h, series->meta);
	if (hash_is_zero(sitekey) || hash_is_zero(meta) ||
	    hash_is_zero(smeta))
		return (hash128){0, 0};
	hash_state *st = hash_begin();
	hash_add_hash(st, sitekey);
	hash_add_hash(st, meta);
	hash_add_str(st, e->title);
	hash_add_str(st, e->url);
	hash_add_str(st, e->path);
	hash_add_str(st, e->slug);
	viewkey_date(st, &e->start);
	viewkey_date(st, &e->end);
	hash_add_u64(st, (uint64_t)(e->has_end * 4 + e->all_day * 2 +
	    e->cancelled));
	hash_add_str(st, e->location);
	hash_add_str(st, e->address);
	hash_add_str(st, e->region);
	hash_add_str(st, e->organizer);
	hash_add_str(st, e->link);
	viewkey_tags(st, e->tags, e->ntags);
	/* content, and summary (events_summary: the front matter's, the
	 * body's, or the post's). */
	mdcache_key_html(st, &e->md);
	mdcache_key_summary(st, &e->md);
	hash_add_u64(st, e->post != NULL);
	if (e->post) {
		hash_add_str(st, e->post->title);
		hash_add_str(st, e->post->url);
		post_key_summary(st, e->post);
	}
	/* Its series: region_url, the repeat's words, the JSON-LD (none on
	 * an occurrence's own view). */
	hash_add_u64(st, e->master != NULL);
	hash_add_str(st, series->path);
	hash_add_hash(st, smeta);
	hash_add_u64(st, (uint64_t)series->recurring);
	add_extra(st, s, e);
	/* What the view tells from the build's now. */
	sdate tomorrow = date_from_ymd(s->now.year, s->now.month,
	    s->now.day + 1);
	hash_add_u64(st, (uint64_t)events_is_past(e, &s->now));
	hash_add_u64(st, (uint64_t)date_same_day(&e->start, &s->now));
	hash_add_u64(st, (uint64_t)date_same_day(&e->start, &tomorrow));
	/* A series' page lists its coming dates (series_dates). */
	if (!e->master && e->recurring) {
		size_t shown = 0;
		for (size_t k = 0; k < e->nocc && shown < EVENTS_DATES_SHOWN;
		    k++) {
			if (events_is_past(e->occ[k], &s->now))
				continue;
			if (hash_is_zero(e->occ[k]->viewkey)) {
				hash_end(st);
				return (hash128){0, 0};
			}
			hash_add_hash(st, e->occ[k]->viewkey);
			shown++;
		}
		hash_add_u64(st, shown);
	}
	return hash_end(st);
}

struct all {
	site *s;
	hash128 sitekey;
	valhash **hashers;
};

static void key_occ(void *ctx, size_t i, int worker)
{
	struct all *A = ctx;
	event *o = A->s->occ[i];
	if (o->master)
		o->viewkey = eventkey_of(A->s, A->sitekey, A->hashers[worker], o);
}

static void key_event(void *ctx, size_t i, int worker)
{
	struct all *A = ctx;
	event *e = A->s->events[i];
	e->viewkey = eventkey_of(A->s, A->sitekey, A->hashers[worker], e);
}

void eventkey_all(site *s, hash128 sitekey, valhash **hashers)
{
	struct all A = {s, sitekey, hashers};
	/* The dates first: a series' key holds its shown dates'. */
	pool_run(s->threads, s->nocc, key_occ, &A);
	pool_run(s->threads, s->nevents, key_event, &A);
}
