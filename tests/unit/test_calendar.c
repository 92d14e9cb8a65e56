/* calendar: the shape of month grids (Monday first, ISO weeks, adjacent
 * days), the range of months, and which days an event is on. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "core/arena.h"
#include "model/calendar.h"

static sdate parse(const char *s)
{
	sdate d;
	const char *err = NULL;
	memset(&d, 0, sizeof d);
	if (date_parse(s, strlen(s), &d, &err) != 0)
		printf("  cannot parse %s: %s\n", s, err);
	return d;
}

/* An event from start to end (end NULL: none). */
static event *ev(arena *a, const char *title, const char *start,
    const char *end)
{
	event *e = arena_alloc(a, sizeof *e);
	e->title = title;
	e->start = parse(start);
	e->all_day = !e->start.has_time;
	e->end = end ? parse(end) : e->start;
	e->has_end = end != NULL;
	return e;
}

/* "25.9." for a grid day. */
static const char *dm(const cal_day *d)
{
	static char out[16];
	snprintf(out, sizeof out, "%d.%d.", d->day, d->month);
	return out;
}

/* The week numbers of the grid: "39 40 41". */
static const char *weeks(const cal_month *m)
{
	static char out[64];
	out[0] = '\0';
	for (int w = 0; w < m->nweeks; w++)
		snprintf(out + strlen(out), sizeof out - strlen(out), "%s%d",
		    w ? " " : "", m->weeks[w].number);
	return out;
}

/* The days of the grid that list e: "30.10. 31.10. 1.11.". */
static const char *days_of(const cal_month *m, const event *e)
{
	static char out[256];
	out[0] = '\0';
	for (int w = 0; w < m->nweeks; w++)
		for (int i = 0; i < 7; i++) {
			const cal_day *d = &m->weeks[w].days[i];
			for (size_t k = 0; k < d->nevents; k++)
				if (d->events[k] == e)
					snprintf(out + strlen(out), sizeof out -
					    strlen(out), "%s%s", *out ? " " : "",
					    dm(d));
		}
	return out;
}

static int count_in_month(const cal_month *m)
{
	int n = 0;
	for (int w = 0; w < m->nweeks; w++)
		for (int i = 0; i < 7; i++)
			n += m->weeks[w].days[i].in_month;
	return n;
}

int main(void)
{
	arena *a = arena_new();
	cal_month m;
	if (date_set_zone("Europe/Helsinki") != 0)
		printf("FAIL no Europe/Helsinki in the tz database\n");

	/* October 2017 starts on a Sunday: six weeks, from Monday 25.9. */
	sdate today = parse("2017-10-01");
	calendar_month(a, 2017, 10, &today, NULL, 0, &m);
	CHECK("oct 2017: six weeks", m.nweeks == 6);
	CHECK_STR("oct 2017: starts on Monday 25.9.", dm(&m.weeks[0].days[0]),
	    "25.9.");
	CHECK("oct 2017: 25.9. not in month", !m.weeks[0].days[0].in_month);
	CHECK("oct 2017: 1.10. is Sunday", m.weeks[0].days[6].day == 1 &&
	    m.weeks[0].days[6].in_month && m.weeks[0].days[6].wday == 6);
	CHECK("oct 2017: 1.10. is today", m.weeks[0].days[6].is_today &&
	    !m.weeks[0].days[5].is_today && !m.weeks[1].days[0].is_today);
	CHECK_STR("oct 2017: week numbers", weeks(&m), "39 40 41 42 43 44");
	CHECK_STR("oct 2017: ends on Sunday 5.11.", dm(&m.weeks[5].days[6]),
	    "5.11.");
	CHECK("oct 2017: 31 days in month", count_in_month(&m) == 31);
	CHECK("oct 2017: 1.11. not in month", !m.weeks[5].days[2].in_month);
	CHECK("no today", (calendar_month(a, 2017, 10, NULL, NULL, 0, &m),
	    !m.weeks[0].days[6].is_today));

	/* February 2016: a leap year, starting on a Monday. */
	calendar_month(a, 2016, 2, NULL, NULL, 0, &m);
	CHECK("feb 2016: five weeks", m.nweeks == 5);
	CHECK_STR("feb 2016: starts on 1.2.", dm(&m.weeks[0].days[0]), "1.2.");
	CHECK("feb 2016: 1.2. in month", m.weeks[0].days[0].in_month);
	CHECK_STR("feb 2016: 29.2. on Monday", dm(&m.weeks[4].days[0]),
	    "29.2.");
	CHECK("feb 2016: 29.2. in month", m.weeks[4].days[0].in_month);
	CHECK_STR("feb 2016: then 1.3.", dm(&m.weeks[4].days[1]), "1.3.");
	CHECK("feb 2016: 1.3. not in month", !m.weeks[4].days[1].in_month);
	CHECK("feb 2016: 29 days in month", count_in_month(&m) == 29);
	CHECK_STR("feb 2016: week numbers", weeks(&m), "5 6 7 8 9");

	/* February 2021: 28 days from a Monday, four weeks exactly. */
	calendar_month(a, 2021, 2, NULL, NULL, 0, &m);
	CHECK("feb 2021: four weeks", m.nweeks == 4 && count_in_month(&m) ==
	    28);

	/* December 2020 has an ISO week 53, running into 2021. */
	calendar_month(a, 2020, 12, NULL, NULL, 0, &m);
	CHECK_STR("dec 2020: week numbers", weeks(&m), "49 50 51 52 53");
	CHECK("dec 2020: week 53 of 2020", m.weeks[4].iso_year == 2020);
	CHECK_STR("dec 2020: starts 30.11.", dm(&m.weeks[0].days[0]),
	    "30.11.");
	CHECK_STR("dec 2020: ends 3.1.", dm(&m.weeks[4].days[6]), "3.1.");
	CHECK("dec 2020: 3.1.2021 not in month", m.weeks[4].days[6].year ==
	    2021 && !m.weeks[4].days[6].in_month);
	calendar_month(a, 2021, 1, NULL, NULL, 0, &m);
	CHECK_STR("jan 2021: begins in week 53", weeks(&m), "53 1 2 3 4");
	CHECK("jan 2021: that week is 2020's", m.weeks[0].iso_year == 2020 &&
	    m.weeks[1].iso_year == 2021);

	/* The year boundary: December 2017 → January 2018. */
	calendar_month(a, 2017, 12, NULL, NULL, 0, &m);
	CHECK_STR("dec 2017: week numbers", weeks(&m), "48 49 50 51 52");
	CHECK_STR("dec 2017: ends on Sunday 31.12.", dm(&m.weeks[4].days[6]),
	    "31.12.");
	calendar_month(a, 2018, 1, NULL, NULL, 0, &m);
	CHECK_STR("jan 2018: week numbers", weeks(&m), "1 2 3 4 5");
	CHECK("jan 2018: week 1 is 2018's", m.weeks[0].iso_year == 2018);
	CHECK_STR("jan 2018: starts on Monday 1.1.", dm(&m.weeks[0].days[0]),
	    "1.1.");
	/* …and week 1 of 2019 starting on 31.12.2018. */
	calendar_month(a, 2018, 12, NULL, NULL, 0, &m);
	CHECK_STR("dec 2018: week numbers", weeks(&m), "48 49 50 51 52 1");
	CHECK("dec 2018: last week is 2019's", m.weeks[5].iso_year == 2019);

	/* Events on the days they touch. */
	event *span = ev(a, "span", "2017-10-30", "2017-11-02");
	event *night = ev(a, "night", "31.10.2017 klo 22", "1.11.2017 klo 2");
	event *midnight = ev(a, "midnight", "2.10.2017 klo 20",
	    "3.10.2017 klo 00.00");
	event *one = ev(a, "one", "2.10.2017 klo 12", NULL);
	event *day = ev(a, "day", "2017-10-02", NULL);
	event *dst = ev(a, "dst", "29.10.2017 klo 02", "29.10.2017 klo 23.30");
	event *list[] = {day, one, midnight, dst, span, night};
	size_t n = sizeof list / sizeof *list;
	calendar_month(a, 2017, 10, NULL, list, n, &m);
	CHECK_STR("multi-day: into the next month",
	    days_of(&m, span), "30.10. 31.10. 1.11. 2.11.");
	CHECK_STR("after midnight: two days", days_of(&m, night),
	    "31.10. 1.11.");
	CHECK_STR("ending at midnight: one day", days_of(&m, midnight),
	    "2.10.");
	CHECK_STR("no end: one day", days_of(&m, one), "2.10.");
	CHECK_STR("all-day, no end: one day", days_of(&m, day), "2.10.");
	CHECK_STR("on the 25-hour day: one day", days_of(&m, dst), "29.10.");
	const cal_day *d2 = &m.weeks[1].days[0];
	CHECK("2.10.: three, in the order given", d2->nevents == 3 &&
	    d2->events[0] == day && d2->events[1] == one &&
	    d2->events[2] == midnight);
	CHECK("3.10.: none", m.weeks[1].days[1].nevents == 0 &&
	    m.weeks[1].days[1].events == NULL);
	calendar_month(a, 2017, 11, NULL, list, n, &m);
	CHECK_STR("nov 2017: starts 30.10.", dm(&m.weeks[0].days[0]),
	    "30.10.");
	CHECK_STR("multi-day: from the previous month", days_of(&m, span),
	    "30.10. 31.10. 1.11. 2.11.");
	CHECK("nov 2017: 30.10. not in month", !m.weeks[0].days[0].in_month);
	calendar_month(a, 2017, 9, NULL, list, n, &m);
	CHECK_STR("sep 2017: ends on 1.10.", dm(&m.weeks[m.nweeks - 1].days[6]),
	    "1.10.");
	CHECK_STR("sep 2017: 2.10. not shown", days_of(&m, day), "");
	CHECK_STR("sep 2017: span not shown", days_of(&m, span), "");

	/* The range of months. */
	int y0 = 0, m0 = 0, y1 = 0, m1 = 0;
	CHECK("range: none", !calendar_range(list, 0, &y0, &m0, &y1, &m1) &&
	    y0 == 0);
	CHECK("range: oct–nov 2017", calendar_range(list, n, &y0, &m0, &y1,
	    &m1) && y0 == 2017 && m0 == 10 && y1 == 2017 && m1 == 11);
	event *nye = ev(a, "nye", "31.12.2017 klo 22", "1.1.2018 klo 1");
	event *nye2[] = {nye, one};
	CHECK("range: into next year", calendar_range(nye2, 2, &y0, &m0, &y1,
	    &m1) && y0 == 2017 && m0 == 10 && y1 == 2018 && m1 == 1);
	event *nye3[] = {midnight};
	CHECK("range: one month", calendar_range(nye3, 1, &y0, &m0, &y1, &m1)
	    && y0 == 2017 && m0 == 10 && y1 == 2017 && m1 == 10);

	sdate f, l;
	calendar_span(span, &f, &l);
	CHECK("span: all-day end inclusive", f.day == 30 && f.month == 10 &&
	    l.day == 2 && l.month == 11 && !f.has_time && !l.has_time);
	calendar_span(night, &f, &l);
	CHECK("span: timed over midnight", f.day == 31 && l.day == 1 &&
	    l.month == 11);

	arena_free(a);
	CHECK_DONE();
}
