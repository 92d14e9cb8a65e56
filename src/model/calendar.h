/* calendar: month grids for the event calendar. Pure: computed from the
 * events' civil dates (already in the site's zone) and a "today".
 *
 * A month is shown as whole weeks, Monday first, with ISO 8601 week
 * numbers; the days before the 1st and after the last day belong to the
 * adjacent months and are marked not in_month. Each day lists the events
 * that touch it: a multi-day event is on every day it spans (an all-day
 * event's end date is inclusive; a timed event ending after midnight is on
 * the next day too, one ending at midnight exactly is not). */
#ifndef SAITTI_CALENDAR_H
#define SAITTI_CALENDAR_H

#include <stddef.h>

#include "../core/arena.h"
#include "../parse/date.h"
#include "event.h"

typedef struct cal_day {
	int year, month, day;
	int wday;              /* 0 = Monday … 6 = Sunday */
	int in_month;          /* 0: a day of the month before or after */
	int is_today;
	event **events;        /* in the order given (by start) */
	size_t nevents;
} cal_day;

typedef struct cal_week {
	int number;            /* ISO 8601 week number */
	int iso_year;          /* the year that week belongs to */
	cal_day days[7];       /* Monday first */
} cal_week;

typedef struct cal_month {
	int year, month;
	int nweeks;            /* 4 to 6 */
	cal_week weeks[6];
} cal_month;

/* The first and last civil day e touches, as dates without time (local
 * midnights, from date_from_ymd). */
void calendar_span(const event *e, sdate *first, sdate *last);

/* The months to show: from the month of the earliest start to the month of
 * the latest last day. Returns 0 (and leaves the outputs alone) when n is
 * 0, else 1. */
int calendar_range(event *const *events, size_t n, int *first_year,
    int *first_month, int *last_year, int *last_month);

/* Fills out with the grid of year/month; today may be NULL. The days'
 * event arrays are allocated in a (they point at the events given). */
void calendar_month(arena *a, int year, int month, const sdate *today,
    event *const *events, size_t n, cal_month *out);

#endif
