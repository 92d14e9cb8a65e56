/* repeat: a recurring event's rule, the dates left out and the dates
 * written differently, read from its front matter; and its occurrences,
 * made once every event is loaded. Calendars, lists and month grids show
 * the occurrences (s->occ); the iCalendar files write the series once,
 * with RRULE, EXDATE and RECURRENCE-ID. */
#ifndef SAITTI_REPEAT_H
#define SAITTI_REPEAT_H

#include "event.h"

/* Reads `repeat:`, `until:`, `except:` and `changes:` of e (its start
 * already read). Returns 0, or -1 after reporting errors. */
int repeat_load(site *s, event *e, diag *d);

/* Makes s->occ: every event that does not repeat, and the dates of every
 * one that does from EVENT_REPEAT_WINDOW_DAYS before today (or its start)
 * to as far after today, each an event of its own with master set; sorted
 * by start. Also sets each series' occ list. Memory in s->a. */
void repeat_expand(site *s);

/* The start of the occurrence of e on the day n, at e's time of day. */
sdate repeat_at(const event *e, long n);

#endif
