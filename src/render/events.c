#include "events.h"

#include <string.h>

#include "../model/calendar.h"
#include "calpages.h"
#include "../model/schedule.h"
#include "datefmt.h"
#include "escape.h"
#include "regions.h"
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
	/* Each of these is in memory for a big site too: the front matter,
	 * and the summaries bodystore_keep_event keeps. */
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

/* schema.org's Schedule for a repeating event. */
static void json_schedule(buf *b, const site *s, const event *e)
{
	static const char *const days[] = {"Monday", "Tuesday", "Wednesday",
	    "Thursday", "Friday", "Saturday", "Sunday"};
	static const char unit[] = {0, 'D', 'W', 'M', 'Y'};
	const recur *r = &e->rule;
	char iso[40];
	buf_printf(b, ",\"eventSchedule\":{\"@type\":\"Schedule\","
	    "\"repeatFrequency\":\"P%d%c\"", r->interval, unit[r->freq]);
	if (r->byday) {
		buf_puts(b, ",\"byDay\":[");
		int first = 1;
		for (int i = 0; i < 7; i++)
			if (r->byday >> i & 1) {
				buf_printf(b, "%s\"https://schema.org/%s\"",
				    first ? "" : ",", days[i]);
				first = 0;
			}
		buf_putc(b, ']');
	}
	if (r->setpos)
		buf_printf(b, ",\"byMonthWeek\":%d", r->setpos);
	if (r->count)
		buf_printf(b, ",\"repeatCount\":%d", r->count);
	sdate d0 = date_from_ymd(e->start.year, e->start.month, e->start.day);
	date_iso(&d0, iso);
	json_str(b, "startDate", iso, 1);
	if (r->until_y) {
		sdate d1 = date_from_ymd(r->until_y, r->until_m, r->until_d);
		date_iso(&d1, iso);
		json_str(b, "endDate", iso, 1);
	}
	if (e->start.has_time) {
		buf_printf(b, ",\"startTime\":\"%02d:%02d\"", e->start.hour,
		    e->start.min);
		if (e->has_end)
			buf_printf(b, ",\"endTime\":\"%02d:%02d\"",
			    e->end.hour, e->end.min);
	}
	if (s->timezone)
		json_str(b, "scheduleTimezone", s->timezone, 1);
	buf_putc(b, '}');
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
	json_str(&b, "eventAttendanceMode", !e->online ?
	    "https://schema.org/OfflineEventAttendanceMode" :
	    e->location || e->address ?
	    "https://schema.org/MixedEventAttendanceMode" :
	    "https://schema.org/OnlineEventAttendanceMode", 1);
	int places = (e->location || e->address) + (e->online != NULL);
	if (places)
		buf_puts(&b, places > 1 ? ",\"location\":[" : ",\"location\":");
	if (e->location || e->address) {
		buf_puts(&b, "{\"@type\":\"Place\"");
		json_str(&b, "name", e->location ? e->location : e->address,
		    1);
		if (e->address)
			json_str(&b, "address", e->address, 1);
		if (e->has_geo)
			buf_printf(&b, ",\"geo\":{\"@type\":\"GeoCoordinates\","
			    "\"latitude\":%.6f,\"longitude\":%.6f}", e->lat,
			    e->lon);
		buf_putc(&b, '}');
	}
	if (e->online) {
		if (e->location || e->address)
			buf_putc(&b, ',');
		buf_puts(&b, "{\"@type\":\"VirtualLocation\"");
		json_str(&b, "url", e->online, 1);
		buf_putc(&b, '}');
	}
	if (places > 1)
		buf_putc(&b, ']');
	if (e->reg_url) {
		buf_puts(&b, ",\"offers\":{\"@type\":\"Offer\"");
		json_str(&b, "url", e->reg_url, 1);
		if (e->has_deadline) {
			date_iso(&e->reg_deadline, iso);
			json_str(&b, "validThrough", iso, 1);
		}
		buf_putc(&b, '}');
	}
	if (e->recurring)
		json_schedule(&b, s, e);
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

/* "https://www.openstreetmap.org/search?query=…": a map link, with no
 * script and no embedded third-party map. */
static const char *map_url(arena *a, const char *address)
{
	buf b = BUF_INIT;
	buf_puts(&b, "https://www.openstreetmap.org/search?query=");
	for (const unsigned char *p = (const unsigned char *)address; *p;
	    p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' ||
		    *p == '_' || *p == '~')
			buf_putc(&b, (char)*p);
		else
			buf_printf(&b, "%%%02X", *p);
	}
	const char *r = arena_strndup(a, b.data, b.len);
	buf_free(&b);
	return r;
}

/* Repeats, registration, map, online: what events.h's template keys
 * promise beyond the plain facts. */
static void extra_view(site *s, const value *strings, event *e, value *m)
{
	arena *a = s->a;
	const event *series = e->master ? e->master : e;
	val_map_bool(a, m, "recurring", series->recurring);
	val_map_bool(a, m, "changed", e->changed);
	/* The writer's own words (joka tiistai); an RRULE is for machines,
	 * and the page's list of dates says it better. */
	value *rv = series->recurring ? val_map_get(series->meta, "repeat") :
	    NULL;
	const char *rt = val_as_str(rv);
	int machine = rt && (strstr(rt, "FREQ=") || strstr(rt, "freq="));
	val_map_set(a, m, "repeat", rv && !machine ? rv : val_null(a));
	val_map_set(a, m, "dates", val_list(a));
	val_map_bool(a, m, "has_dates", 0);
	val_map_set(a, m, "map_url", e->address ? val_str_ref(a, map_url(a,
	    e->address)) : val_null(a));
	val_map_set(a, m, "online", str_or_null(a, e->online));
	val_map_bool(a, m, "online_only", e->online && !e->location &&
	    !e->address);
	if (!e->has_reg) {
		val_map_set(a, m, "registration", val_null(a));
		return;
	}
	value *r = val_map(a);
	val_map_set(a, r, "url", str_or_null(a, e->reg_url));
	val_map_set(a, r, "info", str_or_null(a, e->reg_info));
	int closed = e->has_deadline && (e->reg_deadline.has_time ?
	    e->reg_deadline.epoch <= s->now.epoch :
	    date_from_ymd(e->reg_deadline.year, e->reg_deadline.month,
	    e->reg_deadline.day + 1).epoch <= s->now.epoch);
	val_map_bool(a, r, "closed", closed);
	val_map_set(a, r, "deadline", e->has_deadline ? view_date(a,
	    &e->reg_deadline, strings) : val_null(a));
	val_map_set(a, r, "deadline_text", e->has_deadline ? val_str_ref(a,
	    fill(a, pattern(strings, "registration_by"), datefmt_key(a,
	    e->reg_deadline.has_time ? "registration_deadline_time" :
	    "event_day", &e->reg_deadline, strings), "")) : val_null(a));
	val_map_set(a, m, "registration", r);
}

/* The keys event_view and extra_view set, at most. */
#define EVENT_VIEW_KEYS 35

static value *event_view(site *s, const value *strings, event *e)
{
	arena *a = s->a;
	/* Front matter plus the 35 keys set here and in extra_view, in one
	 * allocation: a map grown by doubling leaves its old arrays in the
	 * arena, half of an event's view. */
	value *m = val_map_sized(a, e->meta->u.map.len + EVENT_VIEW_KEYS);
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
	const region *r = (e->master ? e->master : e)->reg;
	val_map_set(a, m, "region_url", r && r->url ? val_str_ref(a, r->url) :
	    val_null(a));
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
	val_map_set(a, m, "content", view_body(a, &e->md));
	/* Not a copy: an event's summary is in memory, not in the bodies'
	 * map, which gives pages back between jobs (bodystore_keep_event). */
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
	val_map_set(a, m, "jsonld", val_str_ref(a, e->master ? "" :
	    events_jsonld(a, s, e)));
	val_map_bool(a, m, "is_past", events_is_past(e, &s->now));
	/* "Tänään", "Huomenna" on lists: by the start's day. */
	sdate tomorrow = date_from_ymd(s->now.year, s->now.month,
	    s->now.day + 1);
	val_map_bool(a, m, "is_today", date_same_day(&e->start, &s->now));
	val_map_bool(a, m, "is_tomorrow", date_same_day(&e->start,
	    &tomorrow));
	extra_view(s, strings, e, m);
	return m;
}

/* A series' page lists its coming dates (occurrences are copies of
 * it), made in a. */
static void series_dates(const site *s, arena *a, event *e, value *m)
{
	value *l = val_list(a);
	size_t shown = 0;
	for (size_t k = 0; k < e->nocc && shown < EVENTS_DATES_SHOWN; k++) {
		if (events_is_past(e->occ[k], &s->now))
			continue;
		val_list_push(a, l, events_view_of(s, a, e->occ[k]));
		shown++;
	}
	val_map_set(a, m, "dates", l);
	val_map_bool(a, m, "has_dates", shown > 0);
}

value *events_view_of(const site *s, arena *a, event *e)
{
	value *v = __atomic_load_n(&e->view, __ATOMIC_ACQUIRE);
	if (v)
		return v;
	site local = *s;   /* allocating in a */
	local.a = a;
	value *m = event_view(&local, s->th ? s->th->strings : NULL, e);
	if (!e->master && e->recurring)
		series_dates(s, a, e, m);
	/* Shared before any hasher meets it: it is on many pages. */
	valhash_share(m);
	/* Two workers may make the same view at once: the first one kept
	 * is everyone's (the other's stays unused in its arena). */
	if (__atomic_compare_exchange_n(&e->view, &v, m, 0, __ATOMIC_ACQ_REL,
	    __ATOMIC_ACQUIRE))
		return m;
	return v;
}

void events_views(site *s, const value *strings)
{
	(void)strings;
	/* The tags' views must exist before any worker reads them
	 * (view_tag). */
	for (size_t i = 0; i < s->nevents; i++)
		for (size_t k = 0; k < s->events[i]->ntags; k++)
			view_tag(s->a, s->events[i]->tags[k]);
}

value *events_upcoming(site *s, int n)
{
	value *l = val_list(s->a);
	events_views(s, s->th ? s->th->strings : NULL);
	for (size_t i = 0; i < s->nocc && (int)l->u.list.len < n; i++)
		if (!events_is_past(s->occ[i], &s->now))
			val_list_push(s->a, l, events_view_of(s, s->a,
			    s->occ[i]));
	return l;
}

/* ---- the list page ------------------------------------------------- */

/* The past (newest first) or the other events (soonest first), grouped
 * in months: [{title, events}]. */
static value *months(site *s, arena *keep, int past)
{
	arena *a = s->a;
	value *list = val_list(a), *cur = NULL;
	int cy = 0, cm = 0;
	for (size_t k = 0; k < s->nocc; k++) {
		event *e = s->occ[past ? s->nocc - 1 - k : k];
		if (events_is_past(e, &s->now) != past)
			continue;
		if (!cur || e->start.year != cy || e->start.month != cm) {
			cy = e->start.year;
			cm = e->start.month;
			value *g = val_map(a);
			val_map_set(a, g, "title", val_map_get(val_map_get(
			    events_view_of(s, keep, e), "start"), "month"));
			cur = val_list(a);
			val_map_set(a, g, "events", cur);
			val_list_push(a, list, g);
		}
		val_list_push(a, cur, events_view_of(s, keep, e));
	}
	return list;
}

const char *events_site_ics(site *s)
{
	return view_abs(s, s->a, arena_printf(s->a, "%s.ics", s->p_events));
}

/* The list page's map, made when it is rendered: it holds every
 * occurrence's view, which after an edit of a post is not made. */
static value *build_list(const job *j, render_env *env)
{
	site local = *env->s;   /* allocating in the job's scratch arena */
	local.a = env->a;
	site *s = &local;
	arena *a = env->a;
	const char *dir = j->p;
	value *page = view_page(s, a, "events", val_as_str(val_map_get(
	    env->th->strings, "events_title")), dir, NULL);
	val_map_set(a, page, "upcoming", months(s, env->keep, 0));
	val_map_set(a, page, "past", months(s, env->keep, 1));
	const char *ics = events_site_ics(s);
	val_map_set(a, page, "ics_url", val_str_ref(a, ics));
	const char *colon = strchr(ics, ':');
	val_map_set(a, page, "webcal_url", val_str_ref(a,
	    arena_printf(a, "webcal%s", colon ? colon : ics)));
	val_map_set(a, page, "calendar_url", val_str_ref(a, view_url(s, a,
	    arena_printf(a, "%s%s/", dir, s->p_calendar))));
	val_map_num(a, page, "count", (double)s->nocc);
	value *regs = val_list(a);
	for (size_t i = 0; i < s->nregions; i++) {
		if (!s->regions[i].url)
			continue;
		value *r = val_map(a);
		val_map_set(a, r, "name", val_str_ref(a, s->regions[i].name));
		val_map_set(a, r, "url", val_str_ref(a, s->regions[i].url));
		val_list_push(a, regs, r);
	}
	val_map_set(a, page, "regions", regs);
	val_map_bool(a, page, "has_regions", regs->u.list.len > 0);
	return plan_ctx(a, page, NULL);
}

/* What build_list reads: every occurrence's view (by its key, which
 * holds whether it is past), the folders, the regions' names and
 * addresses; the words and the site's addresses are in the root map. */
static hash128 inkey_list(const job *j, render_env *env, valhash *h)
{
	(void)h;
	const site *s = env->s;
	hash_state *st = hash_begin();
	hash_add_str(st, "events");
	hash_add_str(st, j->p);
	hash_add_str(st, s->p_events);
	hash_add_str(st, s->p_calendar);
	hash_add_str(st, s->base_path);
	hash_add_str(st, s->base_url);
	hash_add_str(st, s->description);
	hash_add_u64(st, s->nregions);
	for (size_t i = 0; i < s->nregions; i++) {
		hash_add_str(st, s->regions[i].name);
		hash_add_str(st, s->regions[i].url);
	}
	hash_add_u64(st, s->nocc);
	for (size_t i = 0; i < s->nocc; i++) {
		if (hash_is_zero(s->occ[i]->viewkey)) {
			hash_end(st);
			return (hash128){0, 0};
		}
		hash_add_hash(st, s->occ[i]->viewkey);
	}
	return hash_end(st);
}

static void plan_list(plan *pl, site *s)
{
	const char *dir = arena_printf(s->a, "%s/", s->p_events);
	plan_page_lazy(pl, arena_printf(s->a, "%sindex.html", dir), "events",
	    build_list, dir, 0);
	pl->jobs[pl->n - 1].inkey = inkey_list;
}

/* An event's page map, made when the page is rendered. */
static value *build_event_page(const job *j, render_env *env)
{
	event *e = (event *)j->p;
	site local = *env->s;   /* allocating in the job's scratch arena */
	local.a = env->a;
	value *v = events_view_of(env->s, env->keep, e);
	value *page = view_page(&local, env->a, "event", e->title, e->path,
	    val_as_str(val_map_get(v, "summary")));
	val_map_set(env->a, page, "event", v);
	return plan_ctx(env->a, page, NULL);
}

/* The event's view (by its key: title, path and summary among it) and
 * the site's addresses and description (view_page). */
static hash128 inkey_event_page(const job *j, render_env *env, valhash *h)
{
	(void)h;
	const event *e = j->p;
	const site *s = env->s;
	if (hash_is_zero(e->viewkey))
		return e->viewkey;
	hash_state *st = hash_begin();
	hash_add_str(st, "event");
	hash_add_hash(st, e->viewkey);
	hash_add_str(st, s->base_path);
	hash_add_str(st, s->base_url);
	hash_add_str(st, s->description);
	return hash_end(st);
}

void events_plan_pages(plan *pl, site *s, const theme *th)
{
	/* No events: no list, calendar or .ics (an iCalendar file needs at
	 * least one component, RFC 5545 3.6), and no links to them. */
	if (!s->nevents)
		return;
	events_views(s, th->strings);
	plan_list(pl, s);
	for (size_t i = 0; i < s->nevents; i++) {
		event *e = s->events[i];
		plan_page_lazy(pl, arena_printf(s->a, "%sindex.html", e->path),
		    "event", build_event_page, e, 0);
		pl->jobs[pl->n - 1].inkey = inkey_event_page;
	}
	regions_plan(pl, s, th);
}

void events_plan_calendar(plan *pl, site *s, const theme *th)
{
	if (!s->nevents)
		return;
	events_views(s, th->strings);
	calpages_plan(pl, s, th);
}

void events_plan(plan *pl, site *s, const theme *th, value *root)
{
	(void)root;
	events_plan_pages(pl, s, th);
	events_plan_calendar(pl, s, th);
}
