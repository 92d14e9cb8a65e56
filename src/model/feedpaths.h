/* feedpaths: where else the feeds are written, so that subscribers of a
 * moved blog keep their feed (many feed readers do not follow redirects):
 *
 *   feed_also: [/feed.xml, /index.xml, /atom.xml]   # the site's feed
 *   list_feed_also: [index.xml]   # each section's and tag's feed (Hugo)
 *
 * Each copy is the same RSS as rss.xml, its self link its own address. */
#ifndef SAITTI_FEEDPATHS_H
#define SAITTI_FEEDPATHS_H

#include "../core/diag.h"
#include "site.h"

/* Reads both keys of site.yaml into s->feed_also and s->list_feed_also
 * (paths under the site root, NULL-terminated), reporting bad ones. */
void feedpaths_load(site *s, diag *d);

#endif
