/* view: the site model seen through the value type, for templates (see
 * docs/templates.md for every name). What the views share is built once
 * per build, on one thread, before rendering; a post's or page's own view
 * when a job first needs it (view_of), by any worker; once made, a view
 * is only read. */
#ifndef SAITTI_VIEW_H
#define SAITTI_VIEW_H

#include "../core/value.h"
#include "../model/site.h"
#include "../model/theme.h"

/* {iso, short, long, month, year, rfc822} for d. */
value *view_date(arena *a, const sdate *d, const value *strings);
/* The root map: site, t. */
value *view_root(site *s, const theme *th);
/* Makes what every post's view shares (s->vmaps, in s->a) and marks
 * each post and page as having a view to make: view_of makes it when a
 * job first needs it. After events_views (events.h): a post's view
 * holds its events'. */
void view_posts(site *s, const theme *th);
/* p's view (the template map of a post or page), made in a the first
 * time it is asked for (a must outlive the render's jobs: a worker's own
 * arena, not a job's scratch); NULL for a document without one (a future
 * post). Any worker may ask at once. Every input it reads must be in
 * viewkey_post (viewkey.h). */
value *view_of(const site *s, arena *a, post *p);
/* Frees what view_posts made outside the arenas. */
void view_done(site *s);
/* A post's own page: its view with what only that page shows (`jsonld`,
 * schema.org JSON-LD), made in a when the page is rendered, so that the
 * views every list shares stay small. A page's view as it is. The view
 * itself is made in keep (view_of). */
value *view_post_page(const site *s, arena *keep, arena *a, post *p);
/* A page map (the template's `page`): {kind, title, url, permalink,
 * description, is_<kind>: true}, ready for more keys. path is under the
 * site root ("blogi/x/"). */
value *view_page(site *s, arena *a, const char *kind, const char *title,
    const char *path, const char *description);
/* {name, slug, url, count}, made once per tag (not thread-safe: views are
 * made before the render's workers start). */
value *view_tag(arena *a, tag *t);
/* Root-relative URL for a path under the site ("blogi/x/"). */
const char *view_url(const site *s, arena *a, const char *path);
/* Absolute URL for a path under the site. */
const char *view_abs(const site *s, arena *a, const char *path);
/* A body's HTML as a value, without reading it when its length is known
 * (md_result.html_len): a list's views do not touch the bodies. */
value *view_body(arena *a, const md_result *md);

#endif
