#include "viewkey.h"

#include "../model/event.h"
#include "../model/mdcache.h"
#include "../model/post.h"

/* Changed whenever view_post's map changes shape, so that no key of an
 * older saitti is taken for one of this (hash_program holds it too). */
#define VIEWKEY_FORM "viewkey 2"

hash128 viewkey_site(const site *s, const theme *th, valhash *h)
{
	hash128 strings = th->strings ? valhash_of(h, th->strings) :
	    (hash128){0, 0};
	if (th->strings && hash_is_zero(strings))
		return strings;
	hash_state *st = hash_begin();
	hash_add_str(st, VIEWKEY_FORM);
	hash_add_hash(st, strings);
	hash_add_str(st, s->base_url);
	hash_add_str(st, s->origin);
	hash_add_str(st, s->description);
	hash_add_u64(st, (uint64_t)s->preview);
	hash_add_u64(st, s->nsections);
	for (size_t i = 0; i < s->nsections; i++) {
		hash_add_str(st, s->sections[i].name);
		hash_add_str(st, s->sections[i].title);
		hash_add_str(st, s->sections[i].url);
	}
	return hash_end(st);
}

void viewkey_date(hash_state *st, const sdate *d)
{
	hash_add_u64(st, (uint64_t)d->epoch);
	hash_add_u64(st, (uint64_t)(((int64_t)d->year * 13 + d->month) * 32 +
	    d->day));
	hash_add_u64(st, (uint64_t)((d->hour * 60 + d->min) * 60 + d->sec));
	hash_add_u64(st, (uint64_t)d->wday);
	hash_add_u64(st, (uint64_t)(int64_t)d->utcoff);
	hash_add_u64(st, (uint64_t)d->has_time);
}

/* A date by every field view_date and the shared date maps are made
 * from (formatting it here took more than the rest of the key). */
static void add_date(hash_state *st, int has, const sdate *d)
{
	hash_add_u64(st, (uint64_t)has);
	if (has)
		viewkey_date(st, d);
}

/* A neighbour's {title, url}, or null. */
static void add_link(hash_state *st, const post *p)
{
	hash_add_u64(st, p != NULL);
	if (p) {
		hash_add_str(st, p->title);
		hash_add_str(st, p->url);
	}
}

void viewkey_tags(hash_state *st, tag *const *tags, size_t n)
{
	hash_add_u64(st, n);
	for (size_t i = 0; i < n; i++) {
		const tag *t = tags[i];
		hash_add_str(st, t->name);
		hash_add_str(st, t->slug);
		hash_add_str(st, t->url);
		hash_add_u64(st, t->nposts);
		hash_add_u64(st, t->nevents);
	}
}

hash128 viewkey_post(const site *s, hash128 sitekey, valhash *h,
    const post *p, hash128 *lite)
{
	*lite = (hash128){0, 0};
	/* The front matter's digest from the load when it has one (the
	 * parse cache's), else made here: the same digest. */
	hash128 meta = hash_is_zero(p->meta_sum) ? valhash_of(h, p->meta) :
	    p->meta_sum;
	if (hash_is_zero(sitekey) || hash_is_zero(meta))
		return (hash128){0, 0};
	hash_state *st = hash_begin();
	hash_add_hash(st, sitekey);
	hash_add_hash(st, meta);
	hash_add_u64(st, (uint64_t)p->kind);
	hash_add_str(st, p->title);
	hash_add_str(st, p->url);
	hash_add_str(st, p->path);
	hash_add_str(st, p->src);
	hash_add_str(st, p->slug);
	hash_add_str(st, p->section);
	add_date(st, p->has_date, &p->date);
	add_date(st, p->has_updated, &p->updated);
	hash_add_str(st, p->author);
	hash_add_u64(st, (uint64_t)p->author_person);
	viewkey_tags(st, p->tags, p->ntags);
	post_key_summary(st, p);
	hash_add_str(st, p->image);
	hash_add_str(st, p->image_html);
	hash_add_str(st, p->share_image);
	add_link(st, p->prev);
	add_link(st, p->next);
	/* Its events, whether or not its view shows them (a post shows
	 * them when the first names it: view.c): more than the view holds
	 * only makes a page made again when it need not be. */
	hash_add_u64(st, p->nevents);
	for (size_t i = 0; i < p->nevents; i++) {
		hash128 e = p->events[i]->viewkey;   /* eventkey.h */
		if (hash_is_zero(e)) {
			hash_end(st);
			return e;   /* *lite stays zero */
		}
		hash_add_hash(st, e);
	}
	hash_add_str(st, p->commit);
	/* What saitti serve's preview marks. */
	hash_add_u64(st, (uint64_t)p->draft);
	hash_add_u64(st, p->has_date && p->date.epoch >= s->publish_limit);
	*lite = hash_end(st);
	/* The body last, apart: the view's `content`. */
	st = hash_begin();
	hash_add_hash(st, *lite);
	mdcache_key_html(st, &p->md);
	return hash_end(st);
}
