/* events: the words of an event map (when, time), is_past, the summary
 * fallbacks and the schema.org JSON-LD. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "core/arena.h"
#include "render/events.h"

static value *list_of(arena *a, const char *const *items, int n)
{
	value *l = val_list(a);
	for (int i = 0; i < n; i++)
		val_list_push(a, l, val_str_ref(a, items[i]));
	return l;
}

/* The strings file's parts events use, as i18n/fi.yaml has them. */
static value *finnish(arena *a)
{
	static const char *const wshort[] = {"ma", "ti", "ke", "to", "pe",
	    "la", "su"};
	value *s = val_map(a);
	val_map_set(a, s, "weekdays_short", list_of(a, wshort, 7));
	value *f = val_map(a);
	val_map_str(a, f, "event_day", "{weekday:weekdays_short} {d}.{m}.{Y}");
	val_map_str(a, f, "event_day_short", "{weekday:weekdays_short} "
	    "{d}.{m}.");
	val_map_str(a, f, "event_time", "klo {start}\xE2\x80\x93{end}");
	val_map_str(a, f, "event_time_single", "klo {start}");
	val_map_str(a, f, "hm", "{Hm}");
	val_map_set(a, s, "date_formats", f);
	return s;
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

static event *ev(arena *a, const char *start, const char *end)
{
	event *e = arena_alloc(a, sizeof *e);
	e->title = "Työpaja";
	e->slug = "tyopaja";
	e->path = "tapahtumat/tyopaja/";
	e->meta = val_map(a);
	e->start = parse(start);
	e->all_day = !e->start.has_time;
	e->end = end ? parse(end) : e->start;
	e->has_end = end != NULL;
	return e;
}

int main(void)
{
	arena *a = arena_new();
	if (date_set_zone("Europe/Helsinki") != 0)
		printf("FAIL no Europe/Helsinki in the tz database\n");
	value *fi = finnish(a);
	event *e;

	e = ev(a, "7.11.2017 klo 12", "7.11.2017 klo 15");
	CHECK_STR("when: one day", events_when(a, e, fi),
	    "ti 7.11.2017 klo 12–15");
	CHECK_STR("time: one day", events_time(a, e, fi), "klo 12–15");
	e = ev(a, "7.11.2017 klo 12.30", NULL);
	CHECK_STR("when: no end", events_when(a, e, fi),
	    "ti 7.11.2017 klo 12.30");
	CHECK_STR("time: no end", events_time(a, e, fi), "klo 12.30");
	e = ev(a, "2017-10-02", NULL);
	CHECK_STR("when: all-day", events_when(a, e, fi), "ma 2.10.2017");
	CHECK_STR("time: all-day", events_time(a, e, fi), "");
	e = ev(a, "2017-10-02", "2017-10-04");
	CHECK_STR("when: days", events_when(a, e, fi),
	    "ma 2.10.–ke 4.10.2017");
	e = ev(a, "2017-12-30", "2018-01-02");
	CHECK_STR("when: days over the new year", events_when(a, e, fi),
	    "la 30.12.2017–ti 2.1.2018");
	e = ev(a, "31.12.2017 klo 22", "1.1.2018 klo 2");
	CHECK_STR("when: over midnight", events_when(a, e, fi),
	    "su 31.12.2017 klo 22 – ma 1.1.2018 klo 2");
	e = ev(a, "2.10.2017 klo 20", "3.10.2017 klo 00.00");
	CHECK_STR("when: ending at midnight", events_when(a, e, fi),
	    "ma 2.10.2017 klo 20–0");

	/* Over or not at --now. */
	sdate now = parse("2017-10-02");
	e = ev(a, "2017-10-01", NULL);
	CHECK("past: yesterday's all-day", events_is_past(e, &now));
	e = ev(a, "2017-10-02", NULL);
	CHECK("past: today's all-day is not", !events_is_past(e, &now));
	e = ev(a, "2.10.2017 klo 9", "2.10.2017 klo 10");
	CHECK("past: today's, at a date --now, is not",
	    !events_is_past(e, &now));
	now = parse("2.10.2017 klo 10.00");
	CHECK("past: ended at --now", events_is_past(e, &now));
	e = ev(a, "2017-09-30", "2017-10-02");
	CHECK("past: days still going", !events_is_past(e, &now));

	/* Summary: its own, the description's, the post's. */
	e = ev(a, "2017-10-02", NULL);
	CHECK_STR("summary: none", events_summary(e), "");
	post p;
	memset(&p, 0, sizeof p);
	p.summary_text = "Postin tiivistelmä.";
	e->post = &p;
	CHECK_STR("summary: the post's", events_summary(e),
	    "Postin tiivistelmä.");
	e->md.summary_text = "Kuvauksen alku.";
	CHECK_STR("summary: the description's", events_summary(e),
	    "Kuvauksen alku.");
	val_map_str(a, e->meta, "summary", "Oma.");
	CHECK_STR("summary: its own", events_summary(e), "Oma.");

	/* JSON-LD. */
	site s;
	memset(&s, 0, sizeof s);
	s.base_url = "https://example.fi/lape/";
	s.language = "fi";
	e = ev(a, "7.11.2017 klo 12", "7.11.2017 klo 15");
	e->title = "Paja </script><b>";
	e->location = "Ivalo \"sali\"";
	e->cancelled = 1;
	CHECK_STR("jsonld", events_jsonld(a, &s, e),
	    "{\"@context\":\"https://schema.org\",\"@type\":\"Event\","
	    "\"name\":\"Paja \\u003c/script\\u003e\\u003cb\\u003e\","
	    "\"startDate\":\"2017-11-07T12:00:00+02:00\","
	    "\"endDate\":\"2017-11-07T15:00:00+02:00\","
	    "\"eventStatus\":\"https://schema.org/EventCancelled\","
	    "\"eventAttendanceMode\":"
	    "\"https://schema.org/OfflineEventAttendanceMode\","
	    "\"location\":{\"@type\":\"Place\",\"name\":\"Ivalo \\\"sali\\\"\"},"
	    "\"url\":\"https://example.fi/lape/tapahtumat/tyopaja/\","
	    "\"inLanguage\":\"fi\"}");
	e = ev(a, "2017-10-02", "2017-10-04");
	e->address = "Nallinkatu 2";
	e->organizer = "Raisio";
	const char *j = events_jsonld(a, &s, e);
	CHECK("jsonld: scheduled", strstr(j, "\"eventStatus\":"
	    "\"https://schema.org/EventScheduled\"") != NULL);
	CHECK("jsonld: dates", strstr(j, "\"startDate\":\"2017-10-02\","
	    "\"endDate\":\"2017-10-04\"") != NULL);
	CHECK("jsonld: place from the address", strstr(j, "{\"@type\":\"Place\","
	    "\"name\":\"Nallinkatu 2\",\"address\":\"Nallinkatu 2\"}") != NULL);
	CHECK("jsonld: organizer", strstr(j, "\"organizer\":{\"@type\":"
	    "\"Organization\",\"name\":\"Raisio\"}") != NULL);

	arena_free(a);
	CHECK_DONE();
}
