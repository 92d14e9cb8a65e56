/* redirect: the old addresses of moved posts and pages. For every alias
 * in a published post's or page's front matter (`aliases:`, stored as
 * paths under the site root like "vanha/osoite/" or "2016/10/x.html"),
 * one job writes "<alias>index.html" (or the file itself) from the
 * theme's `redirect` template: page.target is the document's absolute
 * URL (the template adds the meta refresh, the canonical link and robots
 * noindex). With site.yaml `redirects: [netlify, nginx]` the same moves
 * are also written as _redirects (Netlify, Cloudflare Pages: "from to
 * 301") and redirects.map (an nginx map include), sorted by old address,
 * for servers that answer with a real 301. */
#ifndef SAITTI_REDIRECT_H
#define SAITTI_REDIRECT_H

#include "../core/value.h"
#include "plan.h"

/* Adds one template job per alias of s->posts and s->pages to pl. The
 * page maps are built with view_page and live in s->a; output paths live
 * in pl->a. root (the view root) is not needed: plan_page's jobs get it
 * from their render_env. */
void redirect_plan(plan *pl, site *s, value *root);

#endif
