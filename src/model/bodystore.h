/* bodystore: each document's rendered Markdown, kept from the load to the
 * render out of the heap.
 *
 * At 100,000 posts the bodies, summaries included, are ~350 MB: held in
 * the arenas they were most of the build's peak memory. A big site's load
 * renders each document into a scratch arena and hands the result here:
 * its HTML, summaries and links' strings go to spills (core/spill.h),
 * files of the cache folder read through maps, or stay where the Markdown
 * cache's map has them; only the links' array is copied into the model's
 * arena. Readers use the strings as before, and call bodystore_tick() or
 * bodystore_check() as they go, so that the pages they read leave the
 * build's memory again once there are more than a window of them. */
#ifndef SAITTI_BODYSTORE_H
#define SAITTI_BODYSTORE_H

#include "../core/arena.h"
#include "../core/spill.h"
#include "../parse/markdown.h"
#include "site.h"

/* Readers check the build's resident file pages every this many jobs
 * (bodystore_tick)... */
#define BODYSTORE_CHECK_EVERY 32
/* ...and give the bodies' pages back once the pages mapped since the last
 * release pass this. A read fault maps the 64 KB around it (the kernel's
 * fault-around): giving pages back after a fixed number of jobs made a
 * build at 10,000 posts fault 30,000 times more, 0.3 s of CPU. With a
 * window, a page read by one job is still there for the next ones. */
#define BODYSTORE_WINDOW_BYTES ((size_t)16 << 20)
/* A site with less Markdown than this keeps its bodies in the arenas, as
 * before the spill: writing the file and faulting its pages in again
 * cost 5 % of the CPU time of a build of 10,000 posts (25 MB of
 * Markdown, 34 MB of bodies), where the bodies are not what bounds the
 * peak memory. */
#define BODYSTORE_SPILL_FROM ((size_t)32 << 20)
/* Summaries up to this size stay mapped once read (at 10,000 posts they
 * are 7 MB): a tag's pages read them in the tag's order, forty tags
 * forty times over, a fault each time they were given back. */
#define BODYSTORE_SUMMARIES_KEEP ((size_t)16 << 20)

typedef struct bodystore bodystore;

/* The bodies' spills in the cache folder dir (which must exist), for a
 * site of text_bytes of Markdown; NULL below BODYSTORE_SPILL_FROM or when
 * they cannot be made: bodystore_keep then copies into the arena. */
bodystore *bodystore_open(const char *dir, size_t text_bytes);
/* NULL is allowed. Every string kept in bs is gone. */
void bodystore_free(bodystore *bs);

/* Moves r, made in a scratch arena, to where it outlives that arena: its
 * HTML into one spill, its summaries into another (a list page reads
 * ten summaries: packed together they are a page or two of the map, not
 * ten), its links into a. The HTML that is in the Markdown cache's map
 * (mc, may be NULL) stays there. When a spill cannot take them, the
 * strings are copied into a. Without bs, r is left as it is: it must
 * have been made in a. Thread-safe. */
void bodystore_keep(bodystore *bs, const struct mdcache *mc, arena *a,
    md_result *r);

/* bodystore_keep, but r's summary as text stays in a: an event's. Its
 * calendars, lists and pages read every event's, in the events' order,
 * several times over; spilled among the posts' summaries, each read
 * after a release was a fault (at 250,000 posts the calendar of all
 * events took 0.7 s, not 0.15 s). 35,000 events keep ~7 MB. */
void bodystore_keep_event(bodystore *bs, const struct mdcache *mc,
    arena *a, md_result *r);

/* Gives back the pages of the bodies read since the last release (the
 * spills' and the Markdown cache's maps). Safe while other threads read
 * them. */
void bodystore_release(const site *s);

/* bodystore_release() when the file pages mapped since the last release
 * are more than BODYSTORE_WINDOW_BYTES: after a pass over the bodies,
 * or after a job that read many. */
void bodystore_check(const site *s);

/* For the job i of a pool that reads bodies: every BODYSTORE_CHECK_EVERY
 * jobs, bodystore_release() when the file pages mapped since the last
 * release are more than BODYSTORE_WINDOW_BYTES. */
void bodystore_tick(const site *s, size_t i);

#endif
