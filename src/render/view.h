/* view: the site model seen through the value type, for templates (see
 * docs/templates.md for every name). Built once per build, on one thread,
 * before rendering; afterwards only read. */
#ifndef SAITTI_VIEW_H
#define SAITTI_VIEW_H

#include "../core/value.h"
#include "../model/site.h"
#include "../model/theme.h"

/* {iso, short, long, month, year, rfc822} for d. */
value *view_date(arena *a, const sdate *d, const value *strings);
/* The root map: site, t. */
value *view_root(site *s, const theme *th);
/* Fills p->view for every post and page, on all cores (in the workers'
 * arenas). */
void view_posts(site *s, const theme *th);
/* A post's own page: its view with what only that page shows (`jsonld`,
 * schema.org JSON-LD), made in a when the page is rendered, so that the
 * views every list shares stay small. A page's view as it is. */
value *view_post_page(const site *s, arena *a, const post *p);
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

#endif
