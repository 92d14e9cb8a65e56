/* events: the HTML pages of events, through the theme's templates (names
 * and keys in docs/events.md):
 *   <events>/index.html                   `events`: upcoming, then past
 *   <events>/<slug>/index.html            `event`: one event
 *   <events>/<calendar>/YYYY/MM/index.html  `calendar`: a month grid, for
 *                                         every month from the first
 *                                         event's to the last one's
 *   <events>/<calendar>/index.html        `redirect` to the month of
 *                                         --now (the nearest one shown)
 * (<events> and <calendar> are s->p_events and s->p_calendar.)
 *
 * Each event's template map (e->view) is built here, once, in s->a, with
 * the words and date patterns of the theme's strings: date_formats
 * event_day, event_day_short, event_time ("… {start}–{end}"),
 * event_time_single ("… {start}"), hm and month; the lists weekdays and
 * weekdays_short; events_title. A post's view gets `events` (its events'
 * maps) and `has_events`. */
#ifndef SAITTI_EVENTS_H
#define SAITTI_EVENTS_H

#include "../model/event.h"
#include "plan.h"

/* Builds the views (after view_posts) and adds the page jobs. */
void events_plan(plan *pl, site *s, const theme *th, value *root);
/* The same in two parts that may be planned at once (after
 * events_views): the list and event pages, and the calendar. */
void events_plan_pages(plan *pl, site *s, const theme *th);
void events_plan_calendar(plan *pl, site *s, const theme *th);

/* A list of the maps of the next n events that are not over at s->now,
 * soonest first (for the front page). Builds the views if events_plan has
 * not yet; allocated in s->a. */
value *events_upcoming(site *s, int n);

/* The absolute URL of the calendar of every event. */
const char *events_site_ics(site *s);

/* Makes what the events' views share (their tags' views), before the
 * workers start; the views themselves are made when first needed
 * (events_view_of). */
void events_views(site *s, const value *strings);
/* e's view, made in a the first time it is asked for (a must outlive
 * the render's jobs: a worker's own arena or the plan's), with the
 * theme's strings s->th->strings. Any worker may ask at once. Every
 * input it reads must be in eventkey_of (eventkey.h). */
value *events_view_of(const site *s, arena *a, event *e);

/* How many coming dates a repeating event's page lists. */
#define EVENTS_DATES_SHOWN 12

/* The pieces of an event map, for tests. Strings in a. */
/* `when`: "ti 7.11.2017 klo 12–15", "ma 2.10.–ke 4.10.2017". */
const char *events_when(arena *a, const event *e, const value *strings);
/* `time`: "klo 12–15", "klo 12"; "" for an all-day event. */
const char *events_time(arena *a, const event *e, const value *strings);
/* schema.org Event as JSON, safe inside <script>. */
const char *events_jsonld(arena *a, const site *s, const event *e);
/* Plain text about e: its `summary`, else the first paragraph of its
 * description, else the summary of the post it came from; or "". */
const char *events_summary(const event *e);
/* 1 when e is over at now: its end (its start when it has none; the end
 * of its last day when all-day) is not after now. */
int events_is_past(const event *e, const sdate *now);

#endif
