/* eventkey: the digest of an event's view made from what the view is
 * made of (events.c's event_view), without making the view. Pages that
 * hold an event's view (its own page, the events list, a post's view
 * that shows it) are keyed from it, so that after an edit of a post the
 * views of events whose pages are kept are never made (events_view_of
 * makes one when a job that renders needs it). Whatever event_view reads
 * must be in the digest here: an input left out would keep a page that
 * should change. */
#ifndef SAITTI_EVENTKEY_H
#define SAITTI_EVENTKEY_H

#include "../core/hash.h"
#include "../core/valhash.h"
#include "../model/event.h"
#include "../model/site.h"

/* What every event's view reads from the site besides viewsite
 * (viewkey_site: the strings, addresses, description, preview): the
 * base path, the calendar file's name, the zone, the language, the
 * build's now, and the regions with their events (`region_url`). */
hash128 eventkey_site(const site *s, hash128 viewsite);
/* e's view's digest given sitekey (eventkey_site); zero when it cannot
 * tell (front matter too deep). A series' digest holds the digests of
 * the dates its page lists (e->occ[k]->viewkey, made first). */
hash128 eventkey_of(const site *s, hash128 sitekey, valhash *h,
    const event *e);
/* Sets e->viewkey for every occurrence and event of s, on all cores
 * (hashers: one per worker). */
void eventkey_all(site *s, hash128 sitekey, valhash **hashers);

#endif
