/* event: loading events from files and from a post's `events:` list, the
 * exact error messages, slugs, drafts and the order after event_finish. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "core/strmap.h"
#include "core/arena.h"
#include "core/diag.h"
#include "model/event.h"
#include "model/site.h"
#include "parse/frontmatter.h"

static site *new_site(void)
{
	site *s = calloc(1, sizeof *s);
	s->a = arena_new();
	s->base_path = "/lape/";
	s->base_url = "https://lape.example.fi/lape/";
	s->origin = "https://lape.example.fi";
	s->p_events = "tapahtumat";
	s->p_calendar = "kalenteri";
	s->publish_limit = INT64_MAX;
	s->now = date_from_ymd(2018, 6, 1);   /* site_load sets it first */
	return s;
}

static void free_site(site *s)
{
	strmap_free(s->tag_index);
	strmap_free(s->tag_names);
	arena_free(s->a);
	free(s);
}

/* Loads text as the event file `path`; messages land in msgs (malloc'ed,
 * the caller frees). Returns event_load_file's result. */
static int load_file(site *s, const char *path, const char *text,
    char **msgs)
{
	size_t n = 0;
	FILE *f = open_memstream(msgs, &n);
	diag *d = diag_new(f);
	fm_doc doc;
	int rc = fm_parse(s->a, path, text, strlen(text), &doc, d);
	if (rc == 0)
		rc = event_load_file(s, path, &doc, d);
	diag_free(d);
	fclose(f);
	return rc;
}

/* The message loading text gives, or "(none)". */
static const char *msg_of(const char *text)
{
	static char out[1000];
	site *s = new_site();
	char *msgs = NULL;
	load_file(s, "content/tapahtumat/x.md", text, &msgs);
	snprintf(out, sizeof out, "%s", msgs && *msgs ? msgs : "(none)");
	free(msgs);
	free_site(s);
	return out;
}

/* A post with an events: list, loaded into s. */
static post *load_post(site *s, const char *text, char **msgs)
{
	size_t n = 0;
	FILE *f = open_memstream(msgs, &n);
	diag *d = diag_new(f);
	fm_doc doc;
	post *p = arena_alloc(s->a, sizeof *p);
	p->kind = PAGE_POST;
	p->src = "content/uutiset/2017-09-12-kaynnit.md";
	p->title = "Käynnit";
	p->url = "/lape/uutiset/kaynnit/";
	if (fm_parse(s->a, p->src, text, strlen(text), &doc, d) == 0) {
		p->meta = doc.meta;
		event_load_list(s, p, val_map_get(doc.meta, "events"), d);
	}
	diag_free(d);
	fclose(f);
	return p;
}

static void finish(site *s)
{
	diag *d = diag_new(stderr);
	event_finish(s, d);
	diag_free(d);
}

int main(void)
{
	if (date_set_zone("Europe/Helsinki") != 0)
		printf("FAIL no Europe/Helsinki in the tz database\n");

	/* ---- errors, exactly ---- */
	CHECK_STR("missing start", msg_of("---\ntitle: Työpaja\n---\n"),
	    "content/tapahtumat/x.md:1:1: error: missing start: add "
	    "'start: 7.11.2017 klo 12.00', or a date alone for an all-day "
	    "event\n");
	CHECK_STR("end before start", msg_of("---\ntitle: Työpaja\n"
	    "start: 7.11.2017 klo 12\nend: 7.11.2017 klo 11.30\n---\n"),
	    "content/tapahtumat/x.md:4:6: error: end '7.11.2017 klo 11.30' "
	    "is before start '7.11.2017 klo 12': write a later end, or "
	    "leave it out\n");
	/* A year far from --now is a typo, not a thousand calendar months
	 * (found by tests/fuzz/fuzz_site.c). */
	CHECK_STR("start a thousand years ago", msg_of("---\ntitle: T\n"
	    "start: 13.10.1017 klo 12.00\n---\n"),
	    "content/tapahtumat/x.md:3:8: error: start '13.10.1017 klo "
	    "12.00' is more than 100 years from today: check the year\n");
	CHECK_STR("end far ahead", msg_of("---\ntitle: T\n"
	    "start: 2017-10-13\nend: 9017-10-13\n---\n"),
	    "content/tapahtumat/x.md:4:6: error: end '9017-10-13' is more "
	    "than 100 years from today: check the year\n");
	CHECK_STR("end day before start day", msg_of("---\ntitle: T\n"
	    "start: 2017-11-07\nend: 2017-11-06\n---\n"),
	    "content/tapahtumat/x.md:4:6: error: end '2017-11-06' is before "
	    "start '2017-11-07': write a later end, or leave it out\n");
	CHECK_STR("31.2.2018", msg_of("---\ntitle: T\nstart: \"31.2.2018\"\n"
	    "---\n"),
	    "content/tapahtumat/x.md:3:8: error: start: 31.2.2018 is not a "
	    "date: February has 28 or 29 days\n");
	CHECK_STR("klo 25.00", msg_of("---\ntitle: T\nstart: 7.11.2017\n"
	    "end: 7.11.2017 klo 25.00\n---\n"),
	    "content/tapahtumat/x.md:4:6: error: end: 7.11.2017 klo 25.00 is "
	    "not a time: hours go from 0 to 23\n");
	CHECK_STR("time on one side only", msg_of("---\ntitle: T\n"
	    "start: 7.11.2017\nend: 7.11.2017 klo 15\n---\n"),
	    "content/tapahtumat/x.md:4:6: error: end '7.11.2017 klo 15' and "
	    "start '7.11.2017' must both have a time of day, or neither (an "
	    "all-day event)\n");
	CHECK_STR("missing title", msg_of("---\nstart: 7.11.2017\n---\n"),
	    "content/tapahtumat/x.md:1:1: error: missing title: add 'title: "
	    "\"...\"' to the event\n");
	CHECK_STR("javascript url", msg_of("---\ntitle: T\nstart: 7.11.2017\n"
	    "url: \"javascript:alert(1)\"\n---\n"),
	    "content/tapahtumat/x.md:4:6: error: url 'javascript:alert(1)' is "
	    "refused: only http(s) or relative addresses are allowed\n");
	CHECK_STR("cancelled: kyllä is true", msg_of("---\ntitle: T\n"
	    "start: 7.11.2017\ncancelled: kyllä\n---\n"), "(none)");
	CHECK_STR("cancelled not bool", msg_of("---\ntitle: T\n"
	    "start: 7.11.2017\ncancelled: joo\n---\n"),
	    "content/tapahtumat/x.md:4:12: error: 'cancelled' must be true "
	    "or false\n");
	/* A string is a list of words (Jekyll's tags: a b); a map is not. */
	CHECK_STR("tags not a list", msg_of("---\ntitle: T\n"
	    "start: 7.11.2017\ntags: {lappi: 1}\n---\n"),
	    "content/tapahtumat/x.md:4:7: error: 'tags' must be a list, like "
	    "tags: [one, two]\n");
	CHECK_STR("valid: no message", msg_of("---\ntitle: T\n"
	    "start: 7.11.2017 klo 12\nend: 7.11.2017 klo 12\n---\n"), "(none)");

	/* ---- one file ---- */
	site *s = new_site();
	char *msgs = NULL;
	int rc = load_file(s, "content/tapahtumat/2017-10-13-info-raisio.md",
	    "---\ntitle: Info\nstart: 13.10.2017 klo 12.00\n"
	    "end: 13.10.2017 klo 15.00\nlocation: Raisio\n"
	    "url: https://example.fi/\ntags: [lappi, Lappi, perhe]\n"
	    "cancelled: true\n---\nKuvaus.\n", &msgs);
	CHECK("file: loads", rc == 0 && s->nevents == 1);
	CHECK_STR("file: no messages", msgs, "");
	free(msgs);
	event *e = s->events[0];
	CHECK_STR("file: slug without the date", e->slug, "info-raisio");
	CHECK("file: timed", !e->all_day && e->has_end);
	CHECK("file: start hour", e->start.hour == 12 && e->end.hour == 15);
	CHECK("file: cancelled", e->cancelled);
	CHECK_STR("file: link", e->link, "https://example.fi/");
	CHECK_STR("file: location", e->location, "Raisio");
	CHECK("file: address absent", e->address == NULL);
	CHECK("file: tags deduplicated", e->ntags == 2);
	CHECK_STR("file: body", e->body, "Kuvaus.\n");
	CHECK("file: position", e->line == 1 && e->col == 1);

	rc = load_file(s, "content/tapahtumat/kesa.md", "---\ntitle: Kesä\n"
	    "start: 2017-06-30\nend: 2017-07-02\n---\n", &msgs);
	free(msgs);
	CHECK("all-day: loads", rc == 0 && s->nevents == 2);
	e = s->events[1];
	CHECK("all-day: flags", e->all_day && e->has_end);
	CHECK("all-day: end day", e->end.day == 2 && e->end.month == 7);

	rc = load_file(s, "content/tapahtumat/luonnos.md", "---\ntitle: L\n"
	    "start: 2017-06-30\ndraft: true\n---\n", &msgs);
	free(msgs);
	CHECK("draft: not added", rc == 0 && s->nevents == 2);

	rc = load_file(s, "content/tapahtumat/kalenteri.md", "---\ntitle: K\n"
	    "start: 2017-01-01\n---\n", &msgs);
	free(msgs);
	CHECK("no end: end is start", rc == 0 && !s->events[2]->has_end &&
	    s->events[2]->end.epoch == s->events[2]->start.epoch);

	/* ---- a post's list ---- */
	post *p = load_post(s, "---\ntitle: Käynnit\nevents:\n"
	    "  - title: Työpaja Ivalo\n    start: 7.11.2017 klo 12.00\n"
	    "    end: 7.11.2017 klo 15.00\n"
	    "  - title: Työpaja Ivalo\n    start: 7.11.2017 klo 16.00\n"
	    "  - title: Työpaja Muonio\n    start: 2.10.2017 klo 12\n"
	    "    draft: true\n"
	    "  - title: Info\n    start: 2017-10-13\n"
	    "  - title: Rikki\n"
	    "  - kolme\n---\n", &msgs);
	CHECK_STR("list: errors", msgs,
	    "content/uutiset/2017-09-12-kaynnit.md:14:5: error: missing "
	    "start: add 'start: 7.11.2017 klo 12.00', or a date alone for an "
	    "all-day event\n"
	    "content/uutiset/2017-09-12-kaynnit.md:15:5: error: an item of "
	    "'events' must be a map with title: and start:, not a string\n");
	free(msgs);
	CHECK("list: three kept", p->nevents == 3 && s->nevents == 6);
	CHECK("list: item position", p->events[0]->line == 4 &&
	    p->events[0]->col == 5);
	CHECK("list: post link", p->events[0]->post == p);

	finish(s);
	CHECK("finish: count", s->nevents == 6);
	static const char *const order[] = {"kalenteri-2", "kesa",
	    "info-2017-10-13", "info-raisio", "tyopaja-ivalo-2017-11-07",
	    "tyopaja-ivalo-2017-11-07-2"};
	for (size_t i = 0; i < 6 && i < s->nevents; i++) {
		char name[64];
		snprintf(name, sizeof name, "finish: order %zu", i);
		CHECK_STR(name, s->events[i]->slug, order[i]);
	}
	CHECK_STR("finish: path", s->events[4]->path,
	    "tapahtumat/tyopaja-ivalo-2017-11-07/");
	CHECK_STR("finish: url", s->events[4]->url,
	    "/lape/tapahtumat/tyopaja-ivalo-2017-11-07/");
	CHECK("finish: post's events by start", p->nevents == 3 &&
	    p->events[0] == s->events[2] && p->events[2] == s->events[5]);
	int tagged = 0;
	const char *shown = NULL;
	for (size_t i = 0; i < s->ntags; i++)
		if (!strcmp(s->tags[i]->slug, "lappi")) {
			tagged = s->tags[i]->nevents == 1 &&
			    s->tags[i]->events[0]->cancelled;
			shown = s->tags[i]->name;
		}
	CHECK("finish: tag's events", tagged);
	/* tags: lappi, then [lappi, Lappi]: the capitalised spelling wins. */
	CHECK_STR("finish: a tag is shown with its capitals", shown, "Lappi");
	free_site(s);

	/* ---- events of a post that is not built ---- */
	s = new_site();
	p = load_post(s, "---\nevents:\n  - title: A\n    start: 2017-01-01\n"
	    "---\n", &msgs);
	free(msgs);
	p->draft = 1;
	rc = load_file(s, "content/tapahtumat/b.md", "---\ntitle: B\n"
	    "start: 2017-01-02\n---\n", &msgs);
	free(msgs);
	finish(s);
	CHECK("draft post: its events dropped", s->nevents == 1 &&
	    !strcmp(s->events[0]->slug, "b") && p->nevents == 0);
	free_site(s);

	s = new_site();
	s->drafts = 1;
	p = load_post(s, "---\nevents:\n  - title: A\n    start: 2017-01-01\n"
	    "    draft: true\n---\n", &msgs);
	free(msgs);
	p->draft = 1;
	finish(s);
	CHECK("--drafts: draft events built", s->nevents == 1 &&
	    p->nevents == 1);
	free_site(s);

	s = new_site();
	p = load_post(s, "---\nevents:\n  - title: A\n    start: 2017-01-01\n"
	    "---\n", &msgs);
	free(msgs);
	p->date = date_from_ymd(2017, 12, 1);
	p->has_date = 1;
	s->publish_limit = date_from_ymd(2017, 10, 1).epoch;
	finish(s);
	CHECK("future post: its events wait", s->nevents == 0);
	free_site(s);

	/* ---- regions ---- */
	s = new_site();
	s->p_region = "alue";
	const char *regs[] = {"Lappi", "Pirkanmaa", "lappi", NULL, "Lappi"};
	for (int i = 0; i < 5; i++) {
		char path[64], text[200];
		snprintf(path, sizeof path, "content/tapahtumat/e%d.md", i);
		snprintf(text, sizeof text, "---\ntitle: E%d\nstart: "
		    "2017-0%d-01\n%s%s%s---\n", i, 5 - i, regs[i] ?
		    "region: \"" : "", regs[i] ? regs[i] : "", regs[i] ? "\"\n" :
		    "");
		load_file(s, arena_strdup(s->a, path), text, &msgs);
		free(msgs);
	}
	finish(s);
	CHECK("regions: two spellings of one slug are one region",
	    s->nregions == 2 && !strcmp(s->regions[0].slug, "lappi") &&
	    !strcmp(s->regions[1].slug, "pirkanmaa"));
	CHECK("regions: a region's events, by start", s->regions[0].nevents ==
	    3 && s->regions[0].events[0]->start.month == 1 &&
	    s->regions[0].events[1]->start.month == 3 &&
	    s->regions[0].events[2]->start.month == 5 &&
	    s->regions[1].nevents == 1);
	int placed = 1;
	for (size_t i = 0; i < s->nevents; i++) {
		const event *ev = s->events[i];
		placed &= ev->region ? ev->reg && !strcmp(ev->reg->slug,
		    ev->region[0] == 'P' ? "pirkanmaa" : "lappi") : !ev->reg;
	}
	CHECK("regions: each event knows its region, none without one",
	    placed);
	CHECK("regions: addresses under the region folder",
	    s->regions[1].url && !strcmp(s->regions[1].url,
	    "/lape/tapahtumat/alue/pirkanmaa/"));
	free_site(s);

	/* Each region's list is as long as its events: 2,000 events in
	 * 2,000 regions took 32 MB for their lists, regions times events. */
	s = new_site();
	enum { MANY = 2000 };
	for (int i = 0; i < MANY; i++) {
		char path[64], text[200];
		snprintf(path, sizeof path, "content/tapahtumat/m%d.md", i);
		snprintf(text, sizeof text, "---\ntitle: M%d\nstart: "
		    "2017-05-01\nregion: \"Alue %d\"\n---\n", i, i);
		load_file(s, arena_strdup(s->a, path), text, &msgs);
		free(msgs);
	}
	size_t before = arena_bytes(s->a);
	finish(s);
	CHECK("regions: many regions, one event each", s->nregions == MANY &&
	    s->regions[0].nevents == 1 && s->events[0]->reg);
	CHECK("regions: their lists grow with the events, not their square",
	    arena_bytes(s->a) - before < (size_t)4 << 20);
	free_site(s);

	CHECK_DONE();
}
