/* ical: folding, TEXT escaping, all-day and timed events (UTC on both
 * sides of each daylight-saving change), cancelled events, the calendar's
 * header. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "core/arena.h"
#include "render/ical.h"

static const char *fold(const char *line)
{
	static char out[2000];
	buf b = BUF_INIT;
	ical_fold(&b, line, strlen(line));
	snprintf(out, sizeof out, "%s", b.data);
	buf_free(&b);
	return out;
}

static const char *esc(const char *s)
{
	static char out[2000];
	buf b = BUF_INIT;
	ical_escape_text(&b, s, strlen(s));
	snprintf(out, sizeof out, "%s", b.data ? b.data : "");
	buf_free(&b);
	return out;
}

/* 1 when every physical line of text is at most 75 octets, ends in CRLF,
 * and no line starts inside a UTF-8 character. */
static int well_folded(const char *text)
{
	const char *p = text;
	while (*p) {
		const char *crlf = strstr(p, "\r\n");
		if (!crlf || crlf - p > 75)
			return 0;
		if (((unsigned char)*p & 0xC0) == 0x80)
			return 0;
		for (const char *c = p; c < crlf; c++)
			if (*c == '\n' || *c == '\r')
				return 0;
		p = crlf + 2;
	}
	return 1;
}

/* Undoes folding: CRLF followed by a space goes. */
static const char *unfold(const char *text)
{
	static char out[4000];
	size_t n = 0;
	for (const char *p = text; *p && n + 1 < sizeof out; p++) {
		if (p[0] == '\r' && p[1] == '\n' && p[2] == ' ') {
			p += 2;
			continue;
		}
		out[n++] = *p;
	}
	out[n] = '\0';
	return out;
}

static sdate parse(const char *s)
{
	sdate d;
	const char *err = NULL;
	memset(&d, 0, sizeof d);
	if (date_parse(s, strlen(s), &d, &err) != 0)
		printf("  cannot parse %s: %s\n", s, err);
	return d;
}

static event *ev(arena *a, const char *slug, const char *start,
    const char *end)
{
	event *e = arena_alloc(a, sizeof *e);
	e->src = "content/tapahtumat/x.md";
	e->title = "Työpaja";
	e->slug = slug;
	e->path = arena_printf(a, "tapahtumat/%s/", slug);
	e->url = arena_printf(a, "/%s", e->path);
	e->meta = val_map(a);
	e->start = parse(start);
	e->all_day = !e->start.has_time;
	e->end = end ? parse(end) : e->start;
	e->has_end = end != NULL;
	return e;
}

/* The VEVENT of e, unfolded. */
static const char *vevent(const site *s, const event *e)
{
	static char out[4000];
	buf b = BUF_INIT;
	ical_event(&b, s, e);
	snprintf(out, sizeof out, "%s", unfold(b.data));
	buf_free(&b);
	return out;
}

/* The value of property name (with its parameters) in text, or "". */
static const char *prop(const char *text, const char *name)
{
	static char out[1000];
	char key[80];
	snprintf(key, sizeof key, "\r\n%s:", name);
	const char *p = strstr(text, key);
	if (!p && !strncmp(text, key + 2, strlen(key) - 2))
		p = text - 2;
	out[0] = '\0';
	if (!p)
		return out;
	p += strlen(key);
	const char *end = strstr(p, "\r\n");
	snprintf(out, sizeof out, "%.*s", (int)(end - p), p);
	return out;
}

int main(void)
{
	arena *a = arena_new();
	if (date_set_zone("Europe/Helsinki") != 0)
		printf("FAIL no Europe/Helsinki in the tz database\n");

	/* ---- folding ---- */
	char line[400];
	memset(line, 'a', 75);
	line[75] = '\0';
	CHECK("fold: 75 octets stay", !strcmp(fold(line),
	    arena_printf(a, "%s\r\n", line)));
	memset(line, 'a', 76);
	line[76] = '\0';
	CHECK("fold: 76 octets fold", !strcmp(fold(line), arena_printf(a,
	    "%.75s\r\n a\r\n", line)));
	memset(line, 'b', 75 + 74 + 1);
	line[150] = '\0';
	CHECK("fold: continuation holds 74 octets after the space",
	    !strcmp(fold(line), arena_printf(a, "%.75s\r\n %.74s\r\n b\r\n",
	    line, line)));
	/* "SUMMARY:" is 8 octets, each ä 2: octet 75 would split one. */
	strcpy(line, "SUMMARY:");
	for (int i = 0; i < 40; i++)
		strcat(line, "ä");
	const char *f = fold(line);
	CHECK("fold: ä not split", well_folded(f));
	CHECK("fold: first line 74 octets", strstr(f, "\r\n") - f == 74);
	CHECK_STR("fold: unfolds to the line", unfold(f),
	    arena_printf(a, "%s\r\n", line));
	for (int shift = 0; shift < 4; shift++) {
		strcpy(line, "DESCRIPTION:");
		for (int i = 0; i < shift; i++)
			strcat(line, "x");
		for (int i = 0; i < 30; i++)
			strcat(line, "€😀ö");
		f = fold(line);
		char name[64];
		snprintf(name, sizeof name, "fold: 2-4 octet characters, shift "
		    "%d", shift);
		CHECK(name, well_folded(f) && !strcmp(unfold(f),
		    arena_printf(a, "%s\r\n", line)));
	}
	CHECK_STR("fold: empty", fold(""), "\r\n");

	/* ---- TEXT escaping ---- */
	CHECK_STR("escape: specials", esc("a\\b;c,d"), "a\\\\b\\;c\\,d");
	CHECK_STR("escape: newlines", esc("1\n2\r\n3\r4"), "1\\n2\\n3\\n4");
	CHECK_STR("escape: colon and quotes stay", esc("klo 12: \"x\""),
	    "klo 12: \"x\"");
	CHECK_STR("escape: controls dropped, tab kept", esc("a\x01\tb\x7f"),
	    "a\tb");
	CHECK_STR("escape: UTF-8 kept", esc("Työpaja ”Ivalo”"),
	    "Työpaja ”Ivalo”");

	/* ---- events ---- */
	site s;
	memset(&s, 0, sizeof s);
	s.title = "LAPE, muutosohjelma";
	s.description = "";
	s.language = "fi";
	s.origin = "https://lape.example.fi";
	s.base_url = "https://lape.example.fi/lape/";
	s.base_path = "/lape/";

	event *e = ev(a, "tyopaja-ivalo", "7.11.2017 klo 12.00",
	    "7.11.2017 klo 15.00");
	const char *v = vevent(&s, e);
	CHECK("event: begins", !strncmp(v, "BEGIN:VEVENT\r\n", 14));
	CHECK("event: ends", strlen(v) > 12 &&
	    !strcmp(v + strlen(v) - 12, "END:VEVENT\r\n"));
	CHECK_STR("timed: winter start in UTC", prop(v, "DTSTART"),
	    "20171107T100000Z");
	CHECK_STR("timed: winter end in UTC", prop(v, "DTEND"),
	    "20171107T130000Z");
	CHECK_STR("uid: slug at host", prop(v, "UID"),
	    "tyopaja-ivalo@lape.example.fi");
	CHECK_STR("dtstamp: the start, not the clock", prop(v, "DTSTAMP"),
	    "20171107T100000Z");
	CHECK_STR("summary", prop(v, "SUMMARY"), "Työpaja");
	CHECK_STR("url: absolute", prop(v, "URL"),
	    "https://lape.example.fi/lape/tapahtumat/tyopaja-ivalo/");
	CHECK_STR("not cancelled", prop(v, "STATUS"), "CONFIRMED");
	CHECK_STR("no location", prop(v, "LOCATION"), "");
	CHECK_STR("no description", prop(v, "DESCRIPTION"), "");

	e = ev(a, "x", "2.10.2017 klo 12", "2.10.2017 klo 16");
	v = vevent(&s, e);
	CHECK_STR("timed: summer start in UTC", prop(v, "DTSTART"),
	    "20171002T090000Z");
	CHECK_STR("timed: summer end in UTC", prop(v, "DTEND"),
	    "20171002T130000Z");
	/* 29.10.2017: clocks go back at 04:00 EEST to 03:00 EET. */
	e = ev(a, "x", "29.10.2017 klo 02.00", "29.10.2017 klo 05.00");
	v = vevent(&s, e);
	CHECK_STR("autumn change: before", prop(v, "DTSTART"),
	    "20171028T230000Z");
	CHECK_STR("autumn change: after", prop(v, "DTEND"),
	    "20171029T030000Z");
	/* 26.3.2017: clocks go forward at 03:00 EET to 04:00 EEST. */
	e = ev(a, "x", "26.3.2017 klo 02.00", "26.3.2017 klo 05.00");
	v = vevent(&s, e);
	CHECK_STR("spring change: before", prop(v, "DTSTART"),
	    "20170326T000000Z");
	CHECK_STR("spring change: after", prop(v, "DTEND"),
	    "20170326T020000Z");
	e = ev(a, "x", "2017-11-07T12:00:00Z", NULL);
	v = vevent(&s, e);
	CHECK_STR("explicit offset kept", prop(v, "DTSTART"),
	    "20171107T120000Z");
	CHECK_STR("timed, no end: no DTEND", prop(v, "DTEND"), "");

	e = ev(a, "x", "2017-10-02", "2017-10-04");
	v = vevent(&s, e);
	CHECK_STR("all-day: DTSTART date", prop(v, "DTSTART;VALUE=DATE"),
	    "20171002");
	CHECK_STR("all-day: exclusive DTEND", prop(v, "DTEND;VALUE=DATE"),
	    "20171005");
	CHECK_STR("all-day: no UTC DTSTART", prop(v, "DTSTART"), "");
	e = ev(a, "x", "31.12.2017", NULL);
	v = vevent(&s, e);
	CHECK_STR("all-day, one day: DTEND next year",
	    prop(v, "DTEND;VALUE=DATE"), "20180101");
	e = ev(a, "x", "2016-02-28", "2016-02-29");
	v = vevent(&s, e);
	CHECK_STR("all-day: leap day", prop(v, "DTEND;VALUE=DATE"),
	    "20160301");

	e = ev(a, "peruttu", "13.10.2017 klo 12", "13.10.2017 klo 15");
	e->cancelled = 1;
	e->location = "Raision kaupungintalo, valtuustosali";
	e->address = "Nallinkatu 2; Raisio";
	val_map_str(a, e->meta, "summary", "Avoin tilaisuus,\njossa "
	    "vaikuttaa.");
	tag t1 = {.name = "Varsinais-Suomi"}, t2 = {.name = "haku, avoin"};
	tag *tags[] = {&t1, &t2};
	e->tags = tags;
	e->ntags = 2;
	post p;
	memset(&p, 0, sizeof p);
	p.date = parse("2017-09-12");
	p.has_date = 1;
	e->post = &p;
	v = vevent(&s, e);
	CHECK_STR("cancelled", prop(v, "STATUS"), "CANCELLED");
	CHECK_STR("location: place and address, escaped", prop(v,
	    "LOCATION"), "Raision kaupungintalo\\, valtuustosali\\, "
	    "Nallinkatu 2\\; Raisio");
	CHECK_STR("description: escaped", prop(v, "DESCRIPTION"),
	    "Avoin tilaisuus\\,\\njossa vaikuttaa.");
	CHECK_STR("categories", prop(v, "CATEGORIES"),
	    "Varsinais-Suomi,haku\\, avoin");
	CHECK_STR("dtstamp: the post's date", prop(v, "DTSTAMP"),
	    "20170911T210000Z");

	/* ---- a whole calendar ---- */
	buf b = BUF_INIT;
	ical_begin(&b, &s, s.title);
	e->title = "Hyvin pitkä otsikko, jossa on paljon sanoja ja ääkkösiä: "
	    "työpaja, ryhmätyö, yhteenveto";
	ical_event(&b, &s, e);
	ical_end(&b);
	CHECK("calendar: well folded", well_folded(b.data));
	CHECK("calendar: begins", !strncmp(b.data, "BEGIN:VCALENDAR\r\n"
	    "VERSION:2.0\r\n", 30));
	CHECK_STR("calendar: PRODID", prop(b.data, "PRODID"),
	    "-//saitti//saitti " SAITTI_VERSION "//FI");
	CHECK_STR("calendar: METHOD", prop(b.data, "METHOD"), "PUBLISH");
	CHECK_STR("calendar: name escaped", prop(b.data, "X-WR-CALNAME"),
	    "LAPE\\, muutosohjelma");
	CHECK_STR("calendar: no empty description",
	    prop(b.data, "X-WR-CALDESC"), "");
	CHECK_STR("calendar: long summary unfolds", prop(unfold(b.data),
	    "SUMMARY"), "Hyvin pitkä otsikko\\, jossa on paljon sanoja ja "
	    "ääkkösiä: työpaja\\, ryhmätyö\\, yhteenveto");
	CHECK("calendar: ends", !strcmp(b.data + b.len - 15,
	    "END:VCALENDAR\r\n"));
	int bare = 0;
	for (size_t i = 0; i < b.len; i++)
		bare |= b.data[i] == '\n' && (i == 0 || b.data[i - 1] != '\r');
	CHECK("calendar: no bare LF", !bare);
	buf_free(&b);

	arena_free(a);
	CHECK_DONE();
}
