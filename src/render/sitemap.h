/* sitemap: /sitemap.xml (every HTML page the plan holds, except
 * redirects and 404) and /robots.txt naming it. Plan it last. */
#ifndef SAITTI_SITEMAP_H
#define SAITTI_SITEMAP_H

#include "plan.h"

void sitemap_plan(plan *pl, const site *s);

#endif
