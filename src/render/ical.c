#include "ical.h"

#include <stdlib.h>
#include <string.h>

#include "../model/bodystore.h"
#include "../model/repeat.h"
#include "events.h"
#include "regions.h"
#include "vtimezone.h"

#define ICAL_LINE_OCTETS 75

void ical_fold(buf *out, const char *line, size_t n)
{
	size_t pos = 0, room = ICAL_LINE_OCTETS;
	while (n - pos > room) {
		size_t cut = pos + room;
		/* Back up to the first byte of a UTF-8 character. */
		while (cut > pos && ((unsigned char)line[cut] & 0xC0) == 0x80)
			cut--;
		buf_put(out, line + pos, cut - pos);
		buf_puts(out, "\r\n ");
		pos = cut;
		room = ICAL_LINE_OCTETS - 1;   /* after the leading space */
	}
	buf_put(out, line + pos, n - pos);
	buf_puts(out, "\r\n");
}

void ical_escape_text(buf *out, const char *s, size_t n)
{
	buf_grow(out, n);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		switch (c) {
		case '\\': buf_puts(out, "\\\\"); break;
		case ';': buf_puts(out, "\\;"); break;
		case ',': buf_puts(out, "\\,"); break;
		case '\r':
			if (i + 1 < n && s[i + 1] == '\n')
				i++;
			buf_puts(out, "\\n");
			break;
		case '\n': buf_puts(out, "\\n"); break;
		default:
			if ((c < 0x20 && c != '\t') || c == 0x7F)
				break;
			buf_putc(out, (char)c);
		}
	}
}

/* NAME:VALUE with a TEXT value. */
static void text_prop(buf *out, buf *line, const char *name,
    const char *text)
{
	buf_reset(line);
	buf_puts(line, name);
	buf_putc(line, ':');
	ical_escape_text(line, text, strlen(text));
	ical_fold(out, line->data, line->len);
}

/* NAME:VALUE with a value that needs no escaping (dates, URIs, ids). */
static void raw_prop(buf *out, buf *line, const char *name,
    const char *val)
{
	buf_reset(line);
	buf_puts(line, name);
	buf_putc(line, ':');
	buf_puts(line, val);
	ical_fold(out, line->data, line->len);
}

void ical_begin(buf *out, const site *s, const char *name)
{
	buf line = BUF_INIT;
	buf_puts(out, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n");
	buf_reset(&line);
	buf_puts(&line, "PRODID:-//saitti//saitti " SAITTI_VERSION "//");
	for (const char *l = s->language; l && *l; l++)
		buf_putc(&line, *l >= 'a' && *l <= 'z' ? (char)(*l - 32) : *l);
	ical_fold(out, line.data, line.len);
	buf_puts(out, "CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n");
	if (name && *name)
		text_prop(out, &line, "X-WR-CALNAME", name);
	if (s->description && *s->description)
		text_prop(out, &line, "X-WR-CALDESC", s->description);
	buf_free(&line);
}

void ical_end(buf *out)
{
	buf_puts(out, "END:VCALENDAR\r\n");
}

/* NAME;TZID=zone:YYYYMMDDTHHMMSS, or NAME;VALUE=DATE:YYYYMMDD. */
static void local_prop(buf *out, buf *line, const site *s, const char *name,
    const sdate *d)
{
	buf_reset(line);
	if (d->has_time)
		buf_printf(line, "%s;TZID=%s:%04d%02d%02dT%02d%02d%02d", name,
		    s->timezone, d->year, d->month, d->day, d->hour, d->min,
		    d->sec);
	else
		buf_printf(line, "%s;VALUE=DATE:%04d%02d%02d", name, d->year,
		    d->month, d->day);
	ical_fold(out, line->data, line->len);
}

static void location_prop(buf *out, buf *line, const char *location,
    const char *address, const char *online)
{
	if (!location && !address && !online)
		return;
	buf_reset(line);
	buf_puts(line, "LOCATION:");
	const char *parts[] = {location, address, online};
	int first = 1;
	for (int i = 0; i < 3; i++) {
		if (!parts[i])
			continue;
		if (!first)
			ical_escape_text(line, ", ", 2);
		ical_escape_text(line, parts[i], strlen(parts[i]));
		first = 0;
	}
	ical_fold(out, line->data, line->len);
}

/* RRULE with its UNTIL (UTC for a timed series, as RFC 5545 wants with a
 * TZID start), and an EXDATE for each date left out. */
static void rule_props(buf *out, buf *line, const site *s, const event *e)
{
	char rule[160], t[40];
	recur_rrule(&e->rule, rule, sizeof rule);
	buf_reset(line);
	buf_printf(line, "RRULE:%s", rule);
	if (e->rule.until_y) {
		long n = recur_daynum(e->rule.until_y, e->rule.until_m,
		    e->rule.until_d);
		if (e->all_day) {
			date_ical_date(e->rule.until_y, e->rule.until_m,
			    e->rule.until_d, t);
		} else {
			sdate last = repeat_at(e, n);
			date_ical_utc(last.epoch, t);
		}
		buf_printf(line, ";UNTIL=%s", t);
	}
	ical_fold(out, line->data, line->len);
	for (size_t i = 0; i < e->nexcept; i++) {
		sdate x = repeat_at(e, e->except[i]);
		local_prop(out, line, s, "EXDATE", &x);
	}
}

/* One date of a series written differently: the same UID, and the date it
 * replaces as RECURRENCE-ID. */
static void changed_event(buf *out, buf *line, const site *s,
    const event *e, const event_change *c)
{
	char t[40];
	sdate orig = repeat_at(e, c->day);
	int64_t len = e->has_end ? e->end.epoch - e->start.epoch : 0;
	sdate start = c->has_start ? c->start : orig;
	buf_puts(out, "BEGIN:VEVENT\r\n");
	const char *host = s->origin ? strstr(s->origin, "://") : NULL;
	host = host ? host + 3 : "localhost";
	buf_reset(line);
	buf_printf(line, "UID:%s@%s", e->slug, host);
	ical_fold(out, line->data, line->len);
	const sdate *stamp = e->post && e->post->has_date ? &e->post->date :
	    &e->start;
	date_ical_utc(stamp->epoch, t);
	raw_prop(out, line, "DTSTAMP", t);
	local_prop(out, line, s, "RECURRENCE-ID", &orig);
	if (e->all_day) {
		local_prop(out, line, s, "DTSTART", &start);
	} else {
		date_ical_utc(start.epoch, t);
		raw_prop(out, line, "DTSTART", t);
		if (c->has_end || e->has_end) {
			date_ical_utc(c->has_end ? c->end.epoch :
			    start.epoch + len, t);
			raw_prop(out, line, "DTEND", t);
		}
	}
	text_prop(out, line, "SUMMARY", e->title);
	location_prop(out, line, c->location ? c->location : e->location,
	    c->address ? c->address : e->address, e->online);
	buf_reset(line);
	buf_printf(line, "URL:%s%s", s->base_url, e->path);
	ical_fold(out, line->data, line->len);
	buf_puts(out, c->cancelled || e->cancelled ? "STATUS:CANCELLED\r\n" :
	    "STATUS:CONFIRMED\r\n");
	buf_puts(out, "END:VEVENT\r\n");
}

/* The year of the earliest timed series among events[0..n), or 0. */
static int zone_year(const event *const *events, size_t n)
{
	int year = 0;
	for (size_t i = 0; i < n; i++)
		if (events[i]->recurring && !events[i]->all_day &&
		    (!year || events[i]->start.year < year))
			year = events[i]->start.year;
	return year;
}

/* The zone's VTIMEZONE when a timed series is among events[0..n). */
static void zone_if_needed(buf *out, const site *s,
    const event *const *events, size_t n)
{
	int year = zone_year(events, n);
	if (year)
		vtimezone_write(out, s->timezone, year);
}

void ical_event(buf *out, const site *s, const event *e)
{
	buf line = BUF_INIT;
	char t[40];
	buf_puts(out, "BEGIN:VEVENT\r\n");

	const char *host = s->origin ? strstr(s->origin, "://") : NULL;
	host = host ? host + 3 : "localhost";
	buf_reset(&line);
	buf_printf(&line, "UID:%s@%s", e->slug, host);
	ical_fold(out, line.data, line.len);

	/* Never the clock: the post's date, else the start. */
	const sdate *stamp = e->post && e->post->has_date ? &e->post->date :
	    &e->start;
	date_ical_utc(stamp->epoch, t);
	raw_prop(out, &line, "DTSTAMP", t);

	if (e->all_day) {
		date_ical_date(e->start.year, e->start.month, e->start.day, t);
		raw_prop(out, &line, "DTSTART;VALUE=DATE", t);
		/* The day after the last one: DTEND is exclusive. */
		sdate after = date_from_ymd(e->end.year, e->end.month,
		    e->end.day + 1);
		date_ical_date(after.year, after.month, after.day, t);
		raw_prop(out, &line, "DTEND;VALUE=DATE", t);
	} else if (e->recurring) {
		/* Local time with its zone: the series keeps 9.00 on both
		 * sides of a daylight saving change. */
		local_prop(out, &line, s, "DTSTART", &e->start);
		if (e->has_end)
			local_prop(out, &line, s, "DTEND", &e->end);
	} else {
		date_ical_utc(e->start.epoch, t);
		raw_prop(out, &line, "DTSTART", t);
		if (e->has_end) {
			date_ical_utc(e->end.epoch, t);
			raw_prop(out, &line, "DTEND", t);
		}
	}
	if (e->recurring)
		rule_props(out, &line, s, e);
	text_prop(out, &line, "SUMMARY", e->title);

	const char *desc = events_summary(e);
	if (*desc)
		text_prop(out, &line, "DESCRIPTION", desc);

	location_prop(out, &line, e->location, e->address, e->online);
	if (e->has_geo) {
		buf_reset(&line);
		buf_printf(&line, "GEO:%.6f;%.6f", e->lat, e->lon);
		ical_fold(out, line.data, line.len);
	}

	buf_reset(&line);
	buf_printf(&line, "URL:%s%s", s->base_url, e->path);
	ical_fold(out, line.data, line.len);

	if (e->ntags) {
		buf_reset(&line);
		buf_puts(&line, "CATEGORIES:");
		for (size_t i = 0; i < e->ntags; i++) {
			if (i)
				buf_putc(&line, ',');
			ical_escape_text(&line, e->tags[i]->name,
			    strlen(e->tags[i]->name));
		}
		ical_fold(out, line.data, line.len);
	}
	buf_puts(out, e->cancelled ? "STATUS:CANCELLED\r\n" :
	    "STATUS:CONFIRMED\r\n");
	buf_puts(out, "END:VEVENT\r\n");
	for (size_t i = 0; i < e->nchanges; i++)
		changed_event(out, &line, s, e, &e->changes[i]);
	buf_free(&line);
}

/* A calendar's bytes are ical_begin's, the zone's, its events' VEVENTs
 * and ical_end's: its key is made of those inputs, with each event's
 * VEVENT as its digest (made once per build in ical_plan), so that a
 * calendar whose events did not change is not written again, and a key
 * holds all an event's calendar says without listing its fields. */
struct calendar {
	const char *name;
	const tag *t;          /* a tag's events, or */
	const region *r;       /* a region's, or */
	const event *e;        /* one event (index i), or else all */
	size_t i;
	const hash128 *vevent;   /* by s->events index */
};

/* The events of c, in s->events order, and how many (evs and idx have
 * room for all the site's, or for one in one event's calendar). */
static size_t calendar_events(const site *s, const struct calendar *c,
    const event **evs, size_t *idx)
{
	size_t n = 0;
	if (c->e) {   /* not a walk over all events for each of them */
		evs[0] = c->e;
		if (idx)
			idx[0] = c->i;
		return 1;
	}
	for (size_t i = 0; i < s->nevents; i++) {
		const event *e = s->events[i];
		int in = c->t ? regions_has_tag(e, c->t) : c->r ? e->reg == c->r :
		    1;
		if (in) {
			evs[n] = e;
			if (idx)
				idx[n] = i;
			n++;
		}
	}
	return n;
}

static void run_calendar(const job *j, render_env *env, buf *out)
{
	const struct calendar *c = j->p;
	const site *s = env->s;
	size_t room = c->e ? 1 : s->nevents + 1;
	const event **evs = calloc(room, sizeof *evs);
	if (!evs)
		abort();
	size_t n = calendar_events(s, c, evs, NULL);
	ical_begin(out, s, c->name);
	zone_if_needed(out, s, evs, n);
	for (size_t i = 0; i < n; i++) {
		ical_event(out, s, evs[i]);
		bodystore_tick(s, i);
	}
	free(evs);
	ical_end(out);
}

static hash128 calendar_inkey(const job *j, render_env *env, valhash *h)
{
	(void)h;
	const struct calendar *c = j->p;
	const site *s = env->s;
	size_t room = c->e ? 1 : s->nevents + 1;
	const event **evs = calloc(room, sizeof *evs);
	size_t *idx = calloc(room, sizeof *idx);
	if (!evs || !idx)
		abort();
	size_t n = calendar_events(s, c, evs, idx);
	hash_state *st = hash_begin();
	hash_add_str(st, "ical");
	hash_add_str(st, c->name);
	hash_add_str(st, s->language);
	hash_add_str(st, s->description);
	/* The zone's part as it is written: it comes from the system's
	 * time zone data, which no other input holds. */
	int year = zone_year(evs, n);
	if (year) {
		buf z = BUF_INIT;
		vtimezone_write(&z, s->timezone, year);
		hash_add(st, z.data, z.len);
		buf_free(&z);
	}
	hash_add_u64(st, n);
	for (size_t i = 0; i < n; i++)
		hash_add_hash(st, c->vevent[idx[i]]);
	free(evs);
	free(idx);
	return hash_end(st);
}

static void add_calendar(plan *pl, const char *out, const struct calendar *c)
{
	struct calendar *own = arena_alloc(pl->a, sizeof *own);
	*own = *c;
	plan_add(pl, &(job){.out = out, .run = run_calendar, .p = own,
	    .inkey = calendar_inkey});
}

static void add_date(hash_state *st, const sdate *d)
{
	hash_add_u64(st, (uint64_t)d->epoch);
	hash_add_u64(st, (uint64_t)(((int64_t)d->year * 13 + d->month) * 32 +
	    d->day));
	hash_add_u64(st, (uint64_t)((d->hour * 60 + d->min) * 60 + d->sec));
	hash_add_u64(st, (uint64_t)d->has_time);
}

/* An event's VEVENT digest without writing it: its view's key (eventkey.h
 * holds its slug, dates, repeat rule, title, summary, places, the map's
 * place, tags, whether it is cancelled, the site's address and zone) and
 * what else ical_event reads: the host of the UID, the post's date of
 * DTSTAMP, the dates left out and the dates written differently. Zero
 * when it has no key. */
static hash128 vevent_key(const site *s, const event *e)
{
	if (hash_is_zero(e->viewkey))
		return e->viewkey;
	hash_state *st = hash_begin();
	hash_add_str(st, "vevent");
	hash_add_hash(st, e->viewkey);
	hash_add_str(st, s->origin);
	hash_add_u64(st, e->post && e->post->has_date);
	if (e->post && e->post->has_date)
		hash_add_u64(st, (uint64_t)e->post->date.epoch);
	hash_add_u64(st, e->nexcept);
	for (size_t i = 0; i < e->nexcept; i++)
		hash_add_u64(st, (uint64_t)e->except[i]);
	hash_add_u64(st, e->nchanges);
	for (size_t i = 0; i < e->nchanges; i++) {
		const event_change *c = &e->changes[i];
		hash_add_u64(st, (uint64_t)c->day);
		hash_add_u64(st, (uint64_t)(c->has_start * 4 + c->has_end * 2 +
		    c->cancelled));
		add_date(st, &c->start);
		add_date(st, &c->end);
		hash_add_str(st, c->location);
		hash_add_str(st, c->address);
	}
	return hash_end(st);
}

/* Each event's VEVENT, digested: from its key, or else its bytes. */
static const hash128 *vevents(plan *pl, const site *s)
{
	hash128 *d = arena_alloc(pl->a, (s->nevents + 1) * sizeof *d);
	buf b = BUF_INIT;
	for (size_t i = 0; i < s->nevents; i++) {
		d[i] = vevent_key(s, s->events[i]);
		if (!hash_is_zero(d[i]))
			continue;
		buf_reset(&b);
		ical_event(&b, s, s->events[i]);
		d[i] = hash_bytes(b.data ? b.data : "", b.len);
		bodystore_tick(s, i);   /* the description is a summary */
	}
	buf_free(&b);
	return d;
}

void ical_plan(plan *pl, const site *s)
{
	if (!s->nevents)   /* see events_plan_pages */
		return;
	const hash128 *vevent = vevents(pl, s);
	for (size_t i = 0; i < s->ntags; i++) {
		const tag *t = s->tags[i];
		if (!t->nevents)
			continue;
		add_calendar(pl, regions_tag_ics(pl->a, s, t),
		    &(struct calendar){.name = arena_printf(pl->a,
		    "%s \xE2\x80\x93 %s", s->title, t->name), .t = t,
		    .vevent = vevent});
	}
	for (size_t i = 0; i < s->nregions; i++) {
		const region *r = &s->regions[i];
		if (!r->path)
			continue;
		add_calendar(pl, regions_region_ics(pl->a, s, r),
		    &(struct calendar){.name = arena_printf(pl->a,
		    "%s \xE2\x80\x93 %s", s->title, r->name), .r = r,
		    .vevent = vevent});
	}
	add_calendar(pl, arena_printf(pl->a, "%s.ics", s->p_events),
	    &(struct calendar){.name = s->title, .vevent = vevent});
	for (size_t i = 0; i < s->nevents; i++) {
		const event *e = s->events[i];
		add_calendar(pl, arena_printf(pl->a, "%s%s.ics", e->path,
		    s->p_event_file), &(struct calendar){.name = s->title,
		    .e = e, .i = i, .vevent = vevent});
	}
}
