/* schedule: when the site changes by itself. Future-dated posts appear
 * and upcoming events become past ones with time, not with a push; this
 * module says when, so that a CI schedule or a systemd timer can rebuild
 * exactly then. */
#ifndef SAITTI_SCHEDULE_H
#define SAITTI_SCHEDULE_H

#include <stdint.h>

#include "event.h"
#include "site.h"

/* The instant an event stops being upcoming: its end, or its start when
 * it has no end; for an all-day event, the midnight after its last day. */
int64_t schedule_event_over(const event *e);

/* The first instant after s->now at which a build would give other
 * output: a future post's day, an event becoming past, the month grid's
 * "today" moving to the next day (when a month grid is built for the
 * current month) or the next month, a new year (the footer's year).
 * When "now" is a date without a time, builds see whole days, so every
 * instant is rounded up to the next local midnight. Returns 0 when
 * nothing will change. */
int64_t schedule_next_change(const site *s);

#endif
