#include "calendar.h"

#include <string.h>

/* Orders civil days; only comparisons are made with it. */
static long day_key(int year, int month, int day)
{
	return ((long)year * 13 + month) * 32 + day;
}

/* The day before y-m-d. */
static void prev_day(int *y, int *m, int *d)
{
	if (--*d >= 1)
		return;
	if (--*m < 1) {
		*m = 12;
		--*y;
	}
	*d = date_days_in_month(*y, *m);
}

/* The first and last civil day e touches, from its civil fields alone. */
static void span_days(const event *e, int first[3], int last[3])
{
	first[0] = e->start.year;
	first[1] = e->start.month;
	first[2] = e->start.day;
	last[0] = first[0];
	last[1] = first[1];
	last[2] = first[2];
	if (!e->all_day && (!e->has_end || e->end.epoch <= e->start.epoch))
		return;
	last[0] = e->end.year;
	last[1] = e->end.month;
	last[2] = e->end.day;
	/* A timed event ending at 00:00 does not touch the new day. */
	if (!e->all_day && !e->end.hour && !e->end.min && !e->end.sec)
		prev_day(&last[0], &last[1], &last[2]);
}

void calendar_span(const event *e, sdate *first, sdate *last)
{
	int f[3], l[3];
	span_days(e, f, l);
	*first = date_from_ymd(f[0], f[1], f[2]);
	*last = date_from_ymd(l[0], l[1], l[2]);
}

int calendar_range(event *const *events, size_t n, int *first_year,
    int *first_month, int *last_year, int *last_month)
{
	if (n == 0)
		return 0;
	long lo = 0, hi = 0;
	for (size_t i = 0; i < n; i++) {
		int f[3], l[3];
		span_days(events[i], f, l);
		long kf = day_key(f[0], f[1], 1);
		long kl = day_key(l[0], l[1], 1);
		if (i == 0 || kf < lo) {
			lo = kf;
			*first_year = f[0];
			*first_month = f[1];
		}
		if (i == 0 || kl > hi) {
			hi = kl;
			*last_year = l[0];
			*last_month = l[1];
		}
	}
	return 1;
}

/* One civil day later. */
static void next_day(int *y, int *m, int *d)
{
	if (++*d <= date_days_in_month(*y, *m))
		return;
	*d = 1;
	if (++*m > 12) {
		*m = 1;
		++*y;
	}
}

void calendar_month(arena *a, int year, int month, const sdate *today,
    event *const *events, size_t n, cal_month *out)
{
	memset(out, 0, sizeof *out);
	out->year = year;
	out->month = month;
	int lead = date_weekday(year, month, 1);
	int dim = date_days_in_month(year, month);
	out->nweeks = (lead + dim + 6) / 7;

	/* The grid starts on the Monday on or before the 1st. */
	int y = year, m = month, d = 1;
	if (lead > 0) {
		m = month == 1 ? 12 : month - 1;
		y = month == 1 ? year - 1 : year;
		d = date_days_in_month(y, m) - lead + 1;
	}
	for (int w = 0; w < out->nweeks; w++) {
		cal_week *wk = &out->weeks[w];
		wk->number = date_iso_week(y, m, d, &wk->iso_year);
		for (int i = 0; i < 7; i++) {
			cal_day *day = &wk->days[i];
			day->year = y;
			day->month = m;
			day->day = d;
			day->wday = i;
			day->in_month = m == month;
			day->is_today = today && today->year == y &&
			    today->month == m && today->day == d;
			next_day(&y, &m, &d);
		}
	}

	/* Each event on every day of the grid it touches. */
	cal_day *days[42];
	int ndays = out->nweeks * 7;
	for (int i = 0; i < ndays; i++)
		days[i] = &out->weeks[i / 7].days[i % 7];
	long grid_lo = day_key(days[0]->year, days[0]->month, days[0]->day);
	long grid_hi = day_key(days[ndays - 1]->year, days[ndays - 1]->month,
	    days[ndays - 1]->day);
	long *first = arena_alloc(a, (n + 1) * sizeof *first);
	long *last = arena_alloc(a, (n + 1) * sizeof *last);
	size_t *count = arena_alloc(a, 42 * sizeof *count);
	for (size_t e = 0; e < n; e++) {
		int f[3], l[3];
		span_days(events[e], f, l);
		first[e] = day_key(f[0], f[1], f[2]);
		last[e] = day_key(l[0], l[1], l[2]);
		if (last[e] < grid_lo || first[e] > grid_hi)
			continue;
		for (int i = 0; i < ndays; i++) {
			long k = day_key(days[i]->year, days[i]->month,
			    days[i]->day);
			if (k >= first[e] && k <= last[e])
				count[i]++;
		}
	}
	for (int i = 0; i < ndays; i++) {
		if (!count[i])
			continue;
		days[i]->events = arena_alloc(a, count[i] *
		    sizeof *days[i]->events);
		long k = day_key(days[i]->year, days[i]->month, days[i]->day);
		for (size_t e = 0; e < n; e++)
			if (k >= first[e] && k <= last[e])
				days[i]->events[days[i]->nevents++] = events[e];
	}
}
