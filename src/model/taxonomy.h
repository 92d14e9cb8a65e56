/* taxonomy: the site's tags, one per address (site_tag in site.h makes
 * or finds one), and their order. */
#ifndef SAITTI_TAXONOMY_H
#define SAITTI_TAXONOMY_H

#include "site.h"

/* qsort order of tag pointers: Finnish alphabetical order of the names,
 * then the slugs. */
int cmp_tag(const void *a, const void *b);

#endif
