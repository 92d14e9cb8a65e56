/* bodystore: each document's rendered Markdown, kept from the load to the
 * render out of the heap.
 *
 * At 100,000 posts the bodies, summaries included, are ~350 MB: held in
 * the arenas they were most of the build's peak memory. The load renders
 * each document into a scratch arena and hands the result here: its HTML
 * and summaries go to the site's spill (core/spill.h), a file of the cache
 * folder read through a map, or stay where the Markdown cache's map has
 * them; only the links are copied into the model's arena. Readers use the
 * strings as before, and call bodystore_release() now and then so that
 * the pages they read leave the build's memory again. */
#ifndef SAITTI_BODYSTORE_H
#define SAITTI_BODYSTORE_H

#include "../core/arena.h"
#include "../core/spill.h"
#include "../parse/markdown.h"
#include "site.h"

/* Jobs (pages, documents) a pool runs between two releases. A read
 * fault maps the 64 KB around it (the kernel's fault-around), and a
 * list page reads ten summaries: 32 such pages may hold 20 MB. A
 * release with few pages mapped costs a microsecond or two. */
#define BODYSTORE_RELEASE_EVERY 32

/* Moves r, made in a scratch arena, to where it outlives that arena: its
 * HTML and summaries into sp, its links into a; strings that are in the
 * Markdown cache's map (mc, may be NULL) stay there. Without sp, or when
 * sp cannot take them, the strings are copied into a. */
void bodystore_keep(spill *sp, const struct mdcache *mc, arena *a,
    md_result *r);

/* Gives back the pages of the bodies read since the last release (the
 * spill's and the Markdown cache's maps). Safe while other threads read
 * them. */
void bodystore_release(const site *s);

/* For the job i of a pool that reads bodies: bodystore_release() every
 * BODYSTORE_RELEASE_EVERY jobs, so that the pages read stay a few
 * megabytes whatever the number of documents. */
void bodystore_tick(const site *s, size_t i);

#endif
