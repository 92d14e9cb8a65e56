/* vtimezone: the site's time zone as an iCalendar VTIMEZONE, made from the
 * C library's tz database, so that a repeating event written with
 * DTSTART;TZID= keeps its local time across daylight saving changes in
 * every calendar program. */
#ifndef SAITTI_VTIMEZONE_H
#define SAITTI_VTIMEZONE_H

#include "../core/buf.h"

/* Writes BEGIN:VTIMEZONE … END:VTIMEZONE for tzid (the zone date_set_zone
 * set), with the daylight saving rules in force in year as yearly RRULEs;
 * one STANDARD part for a zone without daylight saving. */
void vtimezone_write(buf *out, const char *tzid, int year);

#endif
