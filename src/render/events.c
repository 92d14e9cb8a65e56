#include "events.h"

#include <string.h>

#include "../core/pool.h"
#include "../model/calendar.h"
#include "../model/schedule.h"
#include "datefmt.h"
#include "escape.h"
#include "view.h"

/* ---- words and times ---------------------------------------------- */

/* pattern with "{start}" and "{end}" replaced. */
static const char *fill(arena *a, const char *pattern, const char *start,
    const char *end)
{
	buf b = BUF_INIT;
	for (const char *p = pattern; *p;) {
		if (!strncmp(p, "{start}", 7)) {
			buf_puts(&b, start);
			p += 7;
		} else if (!strncmp(p, "{end}", 5)) {
			buf_puts(&b, end);
			p += 5;
		} else {
			buf_putc(&b, *p++);
		}
	}
	const char *r = arena_strndup(a, b.data ? b.data : "", b.len);
	buf_free(&b);
	return r;
}

static const char *pattern(const value *strings, const char *key)
{
	const char *p = val_as_str(val_map_get(val_map_get(strings,
	    "date_formats"), key));
	return p ? p : "";
}

/* "klo 12" for d. */
static const char *time_single(arena *a, const sdate *d,
    const value *strings)
{
	return fill(a, pattern(strings, "event_time_single"),
	    datefmt_key(a, "hm", d, strings), "");
}

static int has_span(const event *e)
{
	return e->has_end && date_cmp(&e->end, &e->start) != 0;
}

const char *events_time(arena *a, const event *e, const value *strings)
{
	if (e->all_day)
		return arena_strdup(a, "");
	if (!has_span(e))
		return time_single(a, &e->start, strings);
	/* Minutes on both sides or neither: "17.30–19.00", "12–16". */
	const char *key = (e->start.min || e->end.min) && *pattern(strings,
	    "hm_full") ? "hm_full" : "hm";
	return fill(a, pattern(strings, "event_time"),
	    datefmt_key(a, key, &e->start, strings),
	    datefmt_key(a, key, &e->end, strings));
}

const char *events_when(arena *a, const event *e, const value *strings)
{
	const char *day = datefmt_key(a, "event_day", &e->start, strings);
	if (e->all_day) {
		if (!has_span(e))
			return day;
		const char *from = e->start.year == e->end.year ?
		    datefmt_key(a, "event_day_short", &e->start, strings) : day;
		return arena_printf(a, "%s\xE2\x80\x93%s", from,
		    datefmt_key(a, "event_day", &e->end, strings));
	}
	sdate first, last;
	calendar_span(e, &first, &last);
	if (date_same_day(&first, &last))
		return arena_printf(a, "%s %s", day,
		    events_time(a, e, strings));
	/* Over days: each end with its own day and time. */
	return arena_printf(a, "%s %s \xE2\x80\x93 %s %s", day,
	    time_single(a, &e->start, strings),
	    datefmt_key(a, "event_day", &e->end, strings),
	    time_single(a, &e->end, strings));
}

const char *events_summary(const event *e)
{
	const char *s = val_as_str(val_map_get(e->meta, "summary"));
	if (s && *s)
		return s;
	if (e->md.summary_text && *e->md.summary_text)
		return e->md.summary_text;
	if (e->post && e->post->summary_text)
		return e->post->summary_text;
	return "";
}

int events_is_past(const event *e, const sdate *now)
{
	return schedule_event_over(e) <= now->epoch;
}

static void json_str(buf *b, const char *key, const char *val, int comma)
{
	if (comma)
		buf_putc(b, ',');
	buf_printf(b, "\"%s\":\"", key);
	escape_json(b, val, strlen(val));
	buf_putc(b, '"');
}

const char *events_jsonld(arena *a, const site *s, const event *e)
{
	buf b = BUF_INIT;
	char iso[40];
	buf_puts(&b, "{\"@context\":\"https://schema.org\","
	    "\"@type\":\"Event\"");
	json_str(&b, "name", e->title, 1);
	date_iso(&e->start, iso);
	json_str(&b, "startDate", iso, 1);
	if (e->has_end) {
		date_iso(&e->end, iso);
		json_str(&b, "endDate", iso, 1);
	}
	json_str(&b, "eventStatus", e->cancelled ?
	    "https://schema.org/EventCancelled" :
	    "https://schema.org/EventScheduled", 1);
	json_str(&b, "eventAttendanceMode",
	    "https://schema.org/OfflineEventAttendanceMode", 1);
	if (e->location || e->address) {
		buf_puts(&b, ",\"location\":{\"@type\":\"Place\"");
		json_str(&b, "name", e->location ? e->location : e->address,
		    1);
		if (e->address)
			json_str(&b, "address", e->address, 1);
		buf_putc(&b, '}');
	}
	const char *desc = events_summary(e);
	if (*desc)
		json_str(&b, "description", desc, 1);
	json_str(&b, "url", arena_printf(a, "%s%s", s->base_url, e->path), 1);
	if (e->organizer) {
		buf_puts(&b, ",\"organizer\":{\"@type\":\"Organization\"");
		json_str(&b, "name", e->organizer, 1);
		buf_putc(&b, '}');
	}
	if (s->language)
		json_str(&b, "inLanguage", s->language, 1);
	buf_putc(&b, '}');
	const char *r = arena_strndup(a, b.data, b.len);
	buf_free(&b);
	return r;
}

/* ---- views --------------------------------------------------------- */

static value *str_or_null(arena *a, const char *s)
{
	return s ? val_str_ref(a, s) : val_null(a);
}

static const char *ics_path(arena *a, const site *s, const event *e)
{
	return arena_printf(a, "%s%s.ics", e->path, s->p_event_file);
}

static value *event_view(site *s, const value *strings, event *e)
{
	arena *a = s->a;
	value *m = val_map(a);
	/* Front matter first, as with posts; saitti's keys override. */
	for (size_t i = 0; i < e->meta->u.map.len; i++)
		val_map_set(a, m, e->meta->u.map.items[i].key,
		    e->meta->u.map.items[i].val);
	val_map_set(a, m, "title", val_str_ref(a, e->title));
	val_map_set(a, m, "url", val_str_ref(a, e->url));
	val_map_set(a, m, "permalink", val_str_ref(a,
	    view_abs(s, a, e->path)));
	val_map_set(a, m, "slug", val_str_ref(a, e->slug));
	val_map_set(a, m, "start", view_date(a, &e->start, strings));
	val_map_set(a, m, "end", e->has_end ? view_date(a, &e->end,
	    strings) : val_null(a));
	sdate first, last;
	calendar_span(e, &first, &last);
	val_map_bool(a, m, "all_day", e->all_day);
	val_map_bool(a, m, "multi_day", !date_same_day(&first, &last));
	val_map_set(a, m, "when", val_str_ref(a, events_when(a, e,
	    strings)));
	val_map_set(a, m, "time", val_str_ref(a, events_time(a, e,
	    strings)));
	val_map_set(a, m, "location", str_or_null(a, e->location));
	val_map_set(a, m, "address", str_or_null(a, e->address));
	val_map_set(a, m, "region", str_or_null(a, e->region));
	val_map_set(a, m, "organizer", str_or_null(a, e->organizer));
	val_map_set(a, m, "link", str_or_null(a, e->link));
	value *tags = val_list(a);
	for (size_t i = 0; i < e->ntags; i++)
		val_list_push(a, tags, view_tag(a, e->tags[i]));
	val_map_set(a, m, "tags", tags);
	val_map_bool(a, m, "cancelled", e->cancelled);
	if (s->preview)   /* saitti serve only: see view_post */
		val_map_bool(a, m, "preview_draft", val_truthy(val_map_get(
		    e->meta, "draft")));
	val_map_set(a, m, "content", val_str_ref(a, e->md.html ?
	    e->md.html : ""));
	val_map_set(a, m, "summary", val_str_ref(a, events_summary(e)));
	val_map_set(a, m, "ics_url", val_str_ref(a, view_url(s, a,
	    ics_path(a, s, e))));
	if (e->post) {
		value *pm = val_map(a);
		val_map_set(a, pm, "title", str_or_null(a, e->post->title));
		val_map_set(a, pm, "url", val_str_ref(a, e->post->url));
		val_map_set(a, m, "post", pm);
	} else {
		val_map_set(a, m, "post", val_null(a));
	}
	val_map_set(a, m, "jsonld", val_str_ref(a, events_jsonld(a, s, e)));
	val_map_bool(a, m, "is_past", events_is_past(e, &s->now));
	return m;
}

struct eviews {
	site *s;
	const value *strings;
};

static void eview_one(void *ctx, size_t i, int worker)
{
	struct eviews *V = ctx;
	site local = *V->s;   /* its arena is the worker's */
	local.a = V->s->worker_arenas[worker];
	V->s->events[i]->view = event_view(&local, V->strings,
	    V->s->events[i]);
}

void events_views(site *s, const value *strings)
{
	if (s->nevents == 0 || s->events[0]->view)
		return;
	/* On all cores; the tags' views must exist (view_tag). */
	for (size_t i = 0; i < s->nevents; i++)
		for (size_t k = 0; k < s->events[i]->ntags; k++)
			view_tag(s->a, s->events[i]->tags[k]);
	struct eviews V = {s, strings};
	pool_run(s->threads, s->nevents, eview_one, &V);
	/* Each post's own events, in the order of p->events (by start). */
	for (size_t i = 0; i < s->nevents; i++) {
		post *p = s->events[i]->post;
		if (!p || !p->view || p->events[0] != s->events[i])
			continue;
		value *l = val_list(s->a);
		for (size_t k = 0; k < p->nevents; k++)
			val_list_push(s->a, l, p->events[k]->view);
		val_map_set(s->a, p->view, "events", l);
		val_map_bool(s->a, p->view, "has_events", 1);
	}
}

value *events_upcoming(site *s, int n)
{
	value *l = val_list(s->a);
	events_views(s, s->th ? s->th->strings : NULL);
	for (size_t i = 0; i < s->nevents && (int)l->u.list.len < n; i++)
		if (!events_is_past(s->events[i], &s->now))
			val_list_push(s->a, l, s->events[i]->view);
	return l;
}

/* ---- the list page ------------------------------------------------- */

/* The past (newest first) or the other events (soonest first), grouped
 * in months: [{title, events}]. */
static value *months(site *s, int past)
{
	arena *a = s->a;
	value *list = val_list(a), *cur = NULL;
	int cy = 0, cm = 0;
	for (size_t k = 0; k < s->nevents; k++) {
		event *e = s->events[past ? s->nevents - 1 - k : k];
		if (events_is_past(e, &s->now) != past)
			continue;
		if (!cur || e->start.year != cy || e->start.month != cm) {
			cy = e->start.year;
			cm = e->start.month;
			value *g = val_map(a);
			val_map_set(a, g, "title", val_map_get(val_map_get(
			    e->view, "start"), "month"));
			cur = val_list(a);
			val_map_set(a, g, "events", cur);
			val_list_push(a, list, g);
		}
		val_list_push(a, cur, e->view);
	}
	return list;
}

/* The absolute URL of the calendar of every event. */
static const char *site_ics(site *s)
{
	return view_abs(s, s->a, arena_printf(s->a, "%s.ics", s->p_events));
}

static void plan_list(plan *pl, site *s, const value *strings)
{
	arena *a = s->a;
	const char *dir = arena_printf(a, "%s/", s->p_events);
	value *page = view_page(s, a, "events", val_as_str(val_map_get(
	    strings, "events_title")), dir, NULL);
	val_map_set(a, page, "upcoming", months(s, 0));
	val_map_set(a, page, "past", months(s, 1));
	const char *ics = site_ics(s);
	val_map_set(a, page, "ics_url", val_str_ref(a, ics));
	const char *colon = strchr(ics, ':');
	val_map_set(a, page, "webcal_url", val_str_ref(a,
	    arena_printf(a, "webcal%s", colon ? colon : ics)));
	val_map_set(a, page, "calendar_url", val_str_ref(a, view_url(s, a,
	    arena_printf(a, "%s%s/", dir, s->p_calendar))));
	val_map_num(a, page, "count", (double)s->nevents);
	plan_page(pl, arena_printf(a, "%sindex.html", dir), "events", page);
}

/* ---- the calendar -------------------------------------------------- */

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
		val_map_set(a, em, "time", first ? val_map_get(e->view,
		    "time") : val_str_ref(a, ""));
		val_map_bool(a, em, "cancelled", e->cancelled);
		val_map_bool(a, em, "all_day", e->all_day);
		val_map_bool(a, em, "continues", !first);
		val_list_push(a, evs, em);
	}
	val_map_set(a, m, "events", evs);
	return m;
}

static void plan_month(plan *pl, site *s, const value *strings, int y,
    int m, int has_prev, int has_next)
{
	arena *a = s->a;
	cal_month cm;
	calendar_month(a, y, m, &s->now, s->events, s->nevents, &cm);
	const char *path = month_path(s, y, m);
	const char *title = month_title(s, strings, y, m);
	value *page = view_page(s, a, "calendar", title, path, NULL);
	val_map_set(a, page, "month_title", val_str_ref(a, title));
	val_map_num(a, page, "year", y);
	val_map_num(a, page, "month", m);
	int py = m == 1 ? y - 1 : y, pm = m == 1 ? 12 : m - 1;
	int ny = m == 12 ? y + 1 : y, nm = m == 12 ? 1 : m + 1;
	val_map_set(a, page, "prev", has_prev ? month_link(s, strings, py,
	    pm) : val_null(a));
	val_map_set(a, page, "next", has_next ? month_link(s, strings, ny,
	    nm) : val_null(a));
	val_map_set(a, page, "events_url", val_str_ref(a, view_url(s, a,
	    arena_printf(a, "%s/", s->p_events))));
	val_map_set(a, page, "ics_url", val_str_ref(a, site_ics(s)));
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
	plan_page(pl, arena_printf(a, "%sindex.html", path), "calendar", page);
}

static void plan_calendar(plan *pl, site *s, const value *strings)
{
	arena *a = s->a;
	int y0 = s->now.year, m0 = s->now.month, y1 = y0, m1 = m0;
	/* Without events, the month of --now alone. */
	calendar_range(s->events, s->nevents, &y0, &m0, &y1, &m1);
	int y = y0, m = m0;
	for (;;) {
		int last = y == y1 && m == m1;
		plan_month(pl, s, strings, y, m, y != y0 || m != m0, !last);
		if (last)
			break;
		if (++m > 12) {
			m = 1;
			y++;
		}
	}
	/* The index leads to the month of --now, or the nearest shown. */
	int ty = s->now.year, tm = s->now.month;
	if (ty * 12 + tm < y0 * 12 + m0) {
		ty = y0;
		tm = m0;
	} else if (ty * 12 + tm > y1 * 12 + m1) {
		ty = y1;
		tm = m1;
	}
	const char *dir = arena_printf(a, "%s/%s/", s->p_events,
	    s->p_calendar);
	value *page = view_page(s, a, "redirect", val_as_str(val_map_get(
	    strings, "calendar_title")), dir, NULL);
	val_map_set(a, page, "target", val_str_ref(a, view_abs(s, a,
	    month_path(s, ty, tm))));
	plan_page(pl, arena_printf(a, "%sindex.html", dir), "redirect", page);
}

void events_plan_pages(plan *pl, site *s, const theme *th)
{
	const value *strings = th->strings;
	events_views(s, strings);
	plan_list(pl, s, strings);
	for (size_t i = 0; i < s->nevents; i++) {
		event *e = s->events[i];
		value *page = view_page(s, s->a, "event", e->title, e->path,
		    val_as_str(val_map_get(e->view, "summary")));
		val_map_set(s->a, page, "event", e->view);
		plan_page(pl, arena_printf(s->a, "%sindex.html", e->path),
		    "event", page);
	}
}

void events_plan_calendar(plan *pl, site *s, const theme *th)
{
	events_views(s, th->strings);
	plan_calendar(pl, s, th->strings);
}

void events_plan(plan *pl, site *s, const theme *th, value *root)
{
	(void)root;
	events_plan_pages(pl, s, th);
	events_plan_calendar(pl, s, th);
}
