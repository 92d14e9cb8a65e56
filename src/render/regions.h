/* regions: the events of one region or one tag, for the families who want
 * only those — a region's page (<events>/<region>/<slug>/, template
 * `region`, planned only when the theme has it and paths.region is set),
 * the upcoming events and calendar links on a tag's page, and the
 * subscribable calendar of each (<region path><events>.ics,
 * <tags>/<slug>/<events>.ics, written by ical.c). */
#ifndef SAITTI_REGIONS_H
#define SAITTI_REGIONS_H

#include "../model/event.h"
#include "plan.h"

/* The region pages (after events_views). */
void regions_plan(plan *pl, site *s, const theme *th);

/* A tag page's `tag` map: the tag's view, and for a tag with events its
 * upcoming ones (`events`, `has_events`), `ics_url` and `webcal_url`. */
value *regions_tag_subject(site *s, tag *t);

/* Where a tag's or a region's calendar is written ("avainsanat/lappi/
 * tapahtumat.ics"); allocated in a. */
const char *regions_tag_ics(arena *a, const site *s, const tag *t);
const char *regions_region_ics(arena *a, const site *s, const region *r);

/* 1 when series (an event, or the series of an occurrence) carries t. */
int regions_has_tag(const event *e, const tag *t);

#endif
