#include "calpages.h"

#include <stdlib.h>

#include "../model/calendar.h"
#include "datefmt.h"
#include "events.h"
#include "view.h"

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* 1 when an event is on some day of the month key m. */
static int touches(site *s, int m)
{
	for (size_t i = 0; i < s->nocc; i++) {
		sdate f, l;
		calendar_span(s->occ[i], &f, &l);
		if (f.year * 12 + f.month - 1 <= m &&
		    l.year * 12 + l.month - 1 >= m)
			return 1;
	}
	return 0;
}

/* ---- the calendar -------------------------------------------------- */

static const char *year_path(site *s, int y)
{
	return arena_printf(s->a, "%s/%s/%04d/", s->p_events, s->p_calendar,
	    y);
}

static const char *month_path(site *s, int y, int m)
{
	return arena_printf(s->a, "%s/%s/%04d/%02d/", s->p_events,
	    s->p_calendar, y, m);
}

static const char *month_title(site *s, const value *strings, int y, int m)
{
	sdate d = date_from_ymd(y, m, 1);
	return datefmt_key(s->a, "month", &d, strings);
}

static value *month_link(site *s, const value *strings, int y, int m)
{
	value *l = val_map(s->a);
	val_map_set(s->a, l, "title", val_str_ref(s->a,
	    month_title(s, strings, y, m)));
	val_map_set(s->a, l, "url", val_str_ref(s->a, view_url(s, s->a,
	    month_path(s, y, m))));
	return l;
}

static const char *list_item(const value *strings, const char *list, int i)
{
	value *l = val_map_get(strings, list);
	const char *r = l && l->kind == VAL_LIST && (size_t)i < l->u.list.len ?
	    val_as_str(l->u.list.items[i]) : NULL;
	return r ? r : "";
}

static value *day_view(site *s, const value *strings, const cal_day *day)
{
	arena *a = s->a;
	value *m = val_map_sized(a, 9);
	sdate d = date_from_ymd(day->year, day->month, day->day);
	char iso[40];
	date_iso(&d, iso);
	val_map_num(a, m, "day", day->day);
	val_map_str(a, m, "iso", iso);
	val_map_set(a, m, "weekday", val_str_ref(a, list_item(strings,
	    "weekdays_short", day->wday)));
	val_map_set(a, m, "weekday_long", val_str_ref(a, list_item(strings,
	    "weekdays", day->wday)));
	val_map_set(a, m, "long", val_str_ref(a, datefmt_key(a, "long", &d,
	    strings)));
	val_map_bool(a, m, "in_month", day->in_month);
	val_map_bool(a, m, "is_today", day->is_today);
	val_map_bool(a, m, "has_events", day->nevents > 0);
	value *evs = val_list(a);
	for (size_t i = 0; i < day->nevents; i++) {
		const event *e = day->events[i];
		int first = date_same_day(&e->start, &d);
		value *em = val_map_sized(a, 6);
		val_map_set(a, em, "title", val_str_ref(a, e->title));
		val_map_set(a, em, "url", val_str_ref(a, e->url));
		/* The time belongs to the first day; later days continue. */
		val_map_set(a, em, "time", val_str_ref(a, first ?
		    events_time(a, e, strings) : ""));
		val_map_bool(a, em, "cancelled", e->cancelled);
		val_map_bool(a, em, "all_day", e->all_day);
		val_map_bool(a, em, "continues", !first);
		val_list_push(a, evs, em);
	}
	val_map_set(a, m, "events", evs);
	return m;
}

/* One month grid; prev and next are the months with events before and
 * after it (-1: none), so the navigation skips empty stretches. Its map
 * (a grid of days, tens of KB) is made when the page is rendered. */
struct month_spec {
	const value *strings;
	int y, m, prev, next, year_page;
	const hash128 *events;   /* occurrences_key's, shared by all months */
};

static void add_date(hash_state *st, const sdate *d)
{
	hash_add_u64(st, (uint64_t)d->epoch);
	hash_add_u64(st, (uint64_t)((d->year * 13 + d->month) * 32 + d->day));
	hash_add_u64(st, (uint64_t)((d->hour * 60 + d->min) * 60 + d->sec));
	hash_add_u64(st, (uint64_t)d->has_time);
}

/* What a month's grid reads of the occurrences, in their order: the days
 * each touches (from its start, end and whether it is all day), and what
 * a day shows of it (title, address, cancelled, and the time, which
 * events_time makes from the dates, the flags and the strings of the
 * root map). One digest for
 * every month: an event's change remakes them all (a hundred pages at
 * 1,000 events), and a post's change none. */
static hash128 occurrences_key(const site *s)
{
	hash_state *st = hash_begin();
	hash_add_u64(st, s->nocc);
	for (size_t i = 0; i < s->nocc; i++) {
		const event *e = s->occ[i];
		hash_add_str(st, e->title);
		hash_add_str(st, e->url);
		hash_add_u64(st, (uint64_t)(e->cancelled * 4 + e->all_day * 2 +
		    e->has_end));
		add_date(st, &e->start);
		add_date(st, &e->end);
	}
	return hash_end(st);
}

/* A month page's key without its grid (build_month walks every
 * occurrence for each month). */
static hash128 inkey_month(const job *j, render_env *env, valhash *h)
{
	(void)h;
	const struct month_spec *M = j->p;
	const site *s = env->s;
	hash_state *st = hash_begin();
	hash_add_str(st, "month");
	hash_add_u64(st, (uint64_t)M->y);
	hash_add_u64(st, (uint64_t)M->m);
	hash_add_u64(st, (uint64_t)(M->prev + 1));
	hash_add_u64(st, (uint64_t)(M->next + 1));
	hash_add_u64(st, (uint64_t)M->year_page);
	add_date(st, &s->now);   /* is_today */
	hash_add_str(st, s->p_events);
	hash_add_str(st, s->p_calendar);
	hash_add_str(st, s->base_path);
	hash_add_str(st, s->base_url);
	hash_add_str(st, s->description);
	hash_add_hash(st, *M->events);
	return hash_end(st);
}

static value *build_month(const job *j, render_env *env)
{
	const struct month_spec *M = j->p;
	site local = *env->s;   /* allocating in the job's scratch arena */
	local.a = env->a;
	site *s = &local;
	const value *strings = M->strings;
	int y = M->y, m = M->m, prev = M->prev, next = M->next;
	arena *a = s->a;
	cal_month cm;
	calendar_month(a, y, m, &s->now, s->occ, s->nocc, &cm);
	const char *path = month_path(s, y, m);
	const char *title = month_title(s, strings, y, m);
	value *page = view_page(s, a, "calendar", title, path, NULL);
	val_map_set(a, page, "month_title", val_str_ref(a, title));
	val_map_num(a, page, "year", y);
	val_map_num(a, page, "month", m);
	val_map_set(a, page, "prev", prev >= 0 ? month_link(s, strings,
	    prev / 12, prev % 12 + 1) : val_null(a));
	val_map_set(a, page, "next", next >= 0 ? month_link(s, strings,
	    next / 12, next % 12 + 1) : val_null(a));
	val_map_set(a, page, "year_url", M->year_page ? val_str_ref(a,
	    view_url(s, a, year_path(s, y))) : val_null(a));
	val_map_num(a, page, "year", y);
	val_map_set(a, page, "events_url", val_str_ref(a, view_url(s, a,
	    arena_printf(a, "%s/", s->p_events))));
	val_map_set(a, page, "ics_url", val_str_ref(a, events_site_ics(s)));
	value *wd = val_list(a);
	for (int i = 0; i < 7; i++) {
		value *w = val_map(a);
		val_map_set(a, w, "short", val_str_ref(a, list_item(strings,
		    "weekdays_short", i)));
		val_map_set(a, w, "long", val_str_ref(a, list_item(strings,
		    "weekdays", i)));
		val_list_push(a, wd, w);
	}
	val_map_set(a, page, "weekdays", wd);
	value *weeks = val_list(a);
	for (int w = 0; w < cm.nweeks; w++) {
		value *wm = val_map(a), *days = val_list(a);
		val_map_num(a, wm, "number", cm.weeks[w].number);
		val_map_num(a, wm, "iso_year", cm.weeks[w].iso_year);
		for (int i = 0; i < 7; i++)
			val_list_push(a, days, day_view(s, strings,
			    &cm.weeks[w].days[i]));
		val_map_set(a, wm, "days", days);
		val_list_push(a, weeks, wm);
	}
	val_map_set(a, page, "weeks", weeks);
	return plan_ctx(a, page, NULL);
}

static void plan_month(plan *pl, site *s, const value *strings, int y,
    int m, int prev, int next, int year_page, const hash128 *events)
{
	struct month_spec *M = arena_alloc(s->a, sizeof *M);
	*M = (struct month_spec){strings, y, m, prev, next, year_page,
	    events};
	plan_page_lazy(pl, arena_printf(s->a, "%sindex.html",
	    month_path(s, y, m)), "calendar", build_month, M, 0);
	pl->jobs[pl->n - 1].inkey = inkey_month;
}

/* Month keys (year * 12 + month - 1) that a grid is written for: every
 * month an event touches, and the month of --now when it lies between
 * them; with no events, the month of --now alone. Sorted, unique. */
static size_t shown_months(site *s, int **out)
{
	size_t cap = 16, n = 0;
	int *k = malloc(cap * sizeof *k);
	if (!k)
		abort();
	for (size_t i = 0; i < s->nocc; i++) {
		sdate f, l;
		calendar_span(s->occ[i], &f, &l);
		int from = f.year * 12 + f.month - 1;
		int to = l.year * 12 + l.month - 1;
		for (int m = from; m <= to; m++) {
			if (n && k[n - 1] == m)
				continue;
			if (n == cap) {
				cap *= 2;
				k = realloc(k, cap * sizeof *k);
				if (!k)
					abort();
			}
			k[n++] = m;
		}
	}
	int now = s->now.year * 12 + s->now.month - 1;
	if (n == cap) {
		k = realloc(k, (cap + 1) * sizeof *k);
		if (!k)
			abort();
	}
	k[n++] = now;
	qsort(k, n, sizeof *k, cmp_int);
	size_t u = 0;
	for (size_t i = 0; i < n; i++)
		if (!u || k[u - 1] != k[i])
			k[u++] = k[i];
	/* --now outside the events' months: not shown (the index leads to
	 * the nearest month instead), unless there is nothing else. */
	if (u > 1 && (now < k[0] || now > k[u - 1] || (k[0] == now &&
	    !touches(s, now)) || (k[u - 1] == now && !touches(s, now)))) {
		size_t w = 0;
		for (size_t i = 0; i < u; i++)
			if (k[i] != now || touches(s, now))
				k[w++] = k[i];
		u = w;
	}
	*out = k;
	return u;
}

/* The year page: its twelve months, each linked when it has a grid, with
 * the events that start in it. Its map holds those events' views: made
 * when the page is rendered, so that a rebuild that keeps it makes none. */
struct year_spec {
	const value *strings;
	int y, prev_year, next_year;
	unsigned shown;   /* bit m - 1: month m has a grid */
};

static value *build_year(const job *j, render_env *env)
{
	const struct year_spec *Y = j->p;
	site local = *env->s;   /* allocating in the job's scratch arena */
	local.a = env->a;
	site *s = &local;
	arena *a = s->a;
	const value *strings = Y->strings;
	int y = Y->y;
	const char *path = year_path(s, y);
	value *page = view_page(s, a, "calendar-year", arena_printf(a, "%d",
	    y), path, NULL);
	val_map_num(a, page, "year", y);
	value *months = val_list(a);
	for (int m = 1; m <= 12; m++) {
		value *mv = val_map(a);
		val_map_set(a, mv, "title", val_str_ref(a, month_title(s,
		    strings, y, m)));
		int shown = Y->shown >> (m - 1) & 1;
		val_map_set(a, mv, "url", shown ? val_str_ref(a, view_url(s,
		    a, month_path(s, y, m))) : val_null(a));
		value *evs = val_list(a);
		for (size_t i = 0; i < s->nocc; i++)
			if (s->occ[i]->start.year == y &&
			    s->occ[i]->start.month == m)
				val_list_push(a, evs, events_view_of(s,
				    env->keep, s->occ[i]));
		val_map_set(a, mv, "events", evs);
		val_map_bool(a, mv, "has_events", evs->u.list.len > 0);
		val_map_num(a, mv, "count", (double)evs->u.list.len);
		val_list_push(a, months, mv);
	}
	val_map_set(a, page, "months", months);
	int prev_year = Y->prev_year, next_year = Y->next_year;
	val_map_set(a, page, "prev_year", prev_year ? val_str_ref(a,
	    view_url(s, a, year_path(s, prev_year))) : val_null(a));
	val_map_num(a, page, "prev_year_number", prev_year);
	val_map_set(a, page, "next_year", next_year ? val_str_ref(a,
	    view_url(s, a, year_path(s, next_year))) : val_null(a));
	val_map_num(a, page, "next_year_number", next_year);
	val_map_set(a, page, "events_url", val_str_ref(a, view_url(s, a,
	    arena_printf(a, "%s/", s->p_events))));
	return plan_ctx(a, page, NULL);
}

/* What build_year reads: the year, its neighbours, which months have a
 * grid, the folders and addresses, and the keys of the views of the
 * events that start in the year (eventkey.h); the month names are the
 * root map's strings. */
static hash128 inkey_year(const job *j, render_env *env, valhash *h)
{
	(void)h;
	const struct year_spec *Y = j->p;
	const site *s = env->s;
	hash_state *st = hash_begin();
	hash_add_str(st, "year");
	hash_add_u64(st, (uint64_t)Y->y);
	hash_add_u64(st, (uint64_t)Y->prev_year);
	hash_add_u64(st, (uint64_t)Y->next_year);
	hash_add_u64(st, Y->shown);
	hash_add_str(st, s->p_events);
	hash_add_str(st, s->p_calendar);
	hash_add_str(st, s->base_path);
	hash_add_str(st, s->base_url);
	hash_add_str(st, s->description);
	for (size_t i = 0; i < s->nocc; i++) {
		const event *e = s->occ[i];
		if (e->start.year != Y->y)
			continue;
		if (hash_is_zero(e->viewkey)) {
			hash_end(st);
			return (hash128){0, 0};
		}
		hash_add_u64(st, (uint64_t)e->start.month);
		hash_add_hash(st, e->viewkey);
	}
	return hash_end(st);
}

static void plan_year(plan *pl, site *s, const value *strings, int y,
    const int *keys, size_t n, int prev_year, int next_year)
{
	struct year_spec *Y = arena_alloc(s->a, sizeof *Y);
	*Y = (struct year_spec){strings, y, prev_year, next_year, 0};
	for (size_t i = 0; i < n; i++)
		if (keys[i] / 12 == y)
			Y->shown |= 1u << (keys[i] % 12);
	plan_page_lazy(pl, arena_printf(s->a, "%sindex.html", year_path(s,
	    y)), "calendar-year", build_year, Y, 0);
	pl->jobs[pl->n - 1].inkey = inkey_year;
}

void calpages_plan(plan *pl, site *s, const theme *th)
{
	const value *strings = th->strings;
	arena *a = s->a;
	int *keys;
	size_t n = shown_months(s, &keys);
	int years = mustache_has(th->templates, "calendar-year");
	hash128 *events = arena_alloc(a, sizeof *events);
	*events = occurrences_key(s);
	for (size_t i = 0; i < n; i++)
		plan_month(pl, s, strings, keys[i] / 12, keys[i] % 12 + 1,
		    i ? keys[i - 1] : -1, i + 1 < n ? keys[i + 1] : -1, years,
		    events);
	for (size_t i = 0; years && i < n; i++) {
		int y = keys[i] / 12;
		if (i && keys[i - 1] / 12 == y)
			continue;
		int prev = i ? keys[i - 1] / 12 : 0, next = 0;
		for (size_t k = i + 1; k < n && !next; k++)
			if (keys[k] / 12 != y)
				next = keys[k] / 12;
		plan_year(pl, s, strings, y, keys, n, prev, next);
	}
	/* The index leads to the month of --now, or the nearest shown. */
	int now = s->now.year * 12 + s->now.month - 1, target = keys[0];
	for (size_t i = 0; i < n; i++)
		if (keys[i] <= now)
			target = keys[i];
	if (now < keys[0])
		target = keys[0];
	free(keys);
	const char *dir = arena_printf(a, "%s/%s/", s->p_events,
	    s->p_calendar);
	value *page = view_page(s, a, "redirect", val_as_str(val_map_get(
	    strings, "calendar_title")), dir, NULL);
	val_map_set(a, page, "target", val_str_ref(a, view_abs(s, a,
	    month_path(s, target / 12, target % 12 + 1))));
	plan_page(pl, arena_printf(a, "%sindex.html", dir), "redirect", page);
}
