/* redirect: the old addresses of moved posts and pages. For every alias
 * in a published post's or page's front matter (`aliases:`, stored as
 * paths under the site root like "vanha/osoite/"), one job writes
 * "<alias>index.html" from the theme's `redirect` template: page.target
 * is the document's absolute URL (the template adds the meta refresh,
 * the canonical link and robots noindex). */
#ifndef SAITTI_REDIRECT_H
#define SAITTI_REDIRECT_H

#include "../core/value.h"
#include "render.h"

/* Adds one template job per alias of s->posts and s->pages to pl. The
 * page maps are built with view_page and live in s->a; output paths live
 * in pl->a. root (the view root) is not needed: plan_page's jobs get it
 * from their render_env. */
void redirect_plan(plan *pl, site *s, value *root);

#endif
