/* viewkey: the digest of a post's view made from what the view is made
 * of (view.c's view_post), without making the view. Page keys that hold
 * a post's view (its own page, list pages, feeds) are made from it, so
 * that after one edit the views of the posts whose pages are kept are
 * never made (view_of makes a view when a job that renders needs it).
 * Whatever view_post reads must be in one of the two digests here: an
 * input left out would keep a page that should change. */
#ifndef SAITTI_VIEWKEY_H
#define SAITTI_VIEWKEY_H

#include "../core/hash.h"
#include "../core/valhash.h"
#include "../model/site.h"
#include "../model/theme.h"

/* What every post's view reads from the site and theme: the addresses,
 * the sections, the strings dates are written with, the site's
 * description, whether it is a preview. Zero when a tree is too deep. */
hash128 viewkey_site(const site *s, const theme *th, valhash *h);
/* p's view's digest, given sitekey (viewkey_site) and h, which knows the
 * events' views (their digests are remembered by render.c); zero when it
 * cannot tell. *lite is the digest of all but the view's `content` (the
 * body), for pages whose templates never name it (a list page, the
 * archive: mustache_names), which an edit of a post's body below its
 * summary then leaves as they were. */
hash128 viewkey_post(const site *s, hash128 sitekey, valhash *h,
    const post *p, hash128 *lite);
/* What a post's or an event's view shows of its tags (render/view.c's
 * view_tag), for their keys: one definition for both. */
void viewkey_tags(hash_state *st, tag *const *tags, size_t n);
/* Every field of a date that view_date's forms, times and spans are made
 * from, for the keys of posts and events. */
void viewkey_date(hash_state *st, const sdate *d);

#endif
