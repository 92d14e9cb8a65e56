/* ical: iCalendar (RFC 5545) files of the site's events, one job each:
 *   <events>.ics                 every event, by start
 *   <events>/<slug>/<slug>.ics   one event (its page's "add to calendar")
 *
 * Lines end in CRLF and are folded at 75 octets, never inside a UTF-8
 * character; TEXT values are escaped (\\ \; \, \n). Output depends only on
 * the model: an event's UID is "<slug>@<host of base_url>" and its DTSTAMP
 * the date of the post it came from, else its start. All-day events are
 * VALUE=DATE with an exclusive DTEND; timed ones are in UTC, so no
 * VTIMEZONE is needed. DESCRIPTION is plain text (events_summary). */
#ifndef SAITTI_ICAL_H
#define SAITTI_ICAL_H

#include <stddef.h>

#include "../core/buf.h"
#include "../model/event.h"
#include "plan.h"

/* Adds the jobs; paths are allocated in pl->a. s must outlive the plan. */
void ical_plan(plan *pl, const site *s);

/* Appends one content line (line[0..n), without its line end) folded at
 * 75 octets, with CRLF. */
void ical_fold(buf *out, const char *line, size_t n);
/* Appends s[0..n) escaped as a TEXT value: backslash, ';', ',' and
 * newlines (CRLF, LF or CR) become \\ \; \, \n; other control characters
 * but tab are dropped. */
void ical_escape_text(buf *out, const char *s, size_t n);

/* BEGIN:VCALENDAR and the calendar's properties (name: X-WR-CALNAME). */
void ical_begin(buf *out, const site *s, const char *name);
/* One VEVENT. */
void ical_event(buf *out, const site *s, const event *e);
/* END:VCALENDAR */
void ical_end(buf *out);

#endif
