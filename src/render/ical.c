#include "ical.h"

#include <string.h>

#include "events.h"

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
	} else {
		date_ical_utc(e->start.epoch, t);
		raw_prop(out, &line, "DTSTART", t);
		if (e->has_end) {
			date_ical_utc(e->end.epoch, t);
			raw_prop(out, &line, "DTEND", t);
		}
	}
	text_prop(out, &line, "SUMMARY", e->title);

	const char *desc = events_summary(e);
	if (*desc)
		text_prop(out, &line, "DESCRIPTION", desc);

	if (e->location || e->address) {
		buf_reset(&line);
		buf_puts(&line, "LOCATION:");
		if (e->location)
			ical_escape_text(&line, e->location,
			    strlen(e->location));
		if (e->location && e->address)
			ical_escape_text(&line, ", ", 2);
		if (e->address)
			ical_escape_text(&line, e->address, strlen(e->address));
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
	buf_free(&line);
}

static void run_all(const job *j, render_env *env, buf *out)
{
	(void)j;
	const site *s = env->s;
	ical_begin(out, s, s->title);
	for (size_t i = 0; i < s->nevents; i++)
		ical_event(out, s, s->events[i]);
	ical_end(out);
}

static void run_one(const job *j, render_env *env, buf *out)
{
	const event *e = j->p;
	ical_begin(out, env->s, env->s->title);
	ical_event(out, env->s, e);
	ical_end(out);
}

void ical_plan(plan *pl, const site *s)
{
	if (!s->nevents)   /* see events_plan_pages */
		return;
	plan_add(pl, &(job){.out = arena_printf(pl->a, "%s.ics",
	    s->p_events), .run = run_all});
	for (size_t i = 0; i < s->nevents; i++) {
		const event *e = s->events[i];
		plan_add(pl, &(job){.out = arena_printf(pl->a, "%s%s.ics",
		    e->path, s->p_event_file), .run = run_one, .p = e});
	}
}
