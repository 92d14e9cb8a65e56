/* eventkey: an event's view digest made from its inputs changes whenever
 * the view it stands for changes (made by events_view_of and digested
 * here): its title, dates, place, repeats, tags, body, registration, the
 * post it came from, the site and the build's now. The same inputs give
 * the same key. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "core/valhash.h"
#include "model/event.h"
#include "model/theme.h"
#include "render/eventkey.h"
#include "render/events.h"
#include "render/view.h"
#include "render/viewkey.h"

static arena *A;

static sdate date(const char *text)
{
	sdate d;
	const char *err;
	if (date_parse(text, strlen(text), &d, &err) != 0) {
		printf("FAIL date %s: %s\n", text, err);
		exit(1);
	}
	return d;
}

struct world {
	site s;
	theme th;
	event *e, *series, *occ[2];
	event *events[2], *all_occ[3];
	tag *t;
	post *p;
	region reg;
	valhash *h;
};

static event *mkevent(const char *slug, const char *title, const char *start,
    const char *end)
{
	event *e = arena_alloc(A, sizeof *e);
	e->title = title;
	e->slug = slug;
	e->path = arena_printf(A, "tapahtumat/%s/", slug);
	e->url = arena_printf(A, "/lape/%s", e->path);
	e->start = date(start);
	e->end = date(end);
	e->has_end = 1;
	e->location = "Kemi";
	e->meta = val_map(A);
	val_map_str(A, e->meta, "title", title);
	e->md.html = "<p>Kuvaus.</p>\n";
	return e;
}

static void setup(struct world *w)
{
	memset(w, 0, sizeof *w);
	site *s = &w->s;
	s->a = A;
	s->threads = 1;
	s->config = val_map(A);
	s->title = "Testi";
	s->description = "Sivuston kuvaus";
	s->language = "fi";
	s->timezone = "Europe/Helsinki";
	s->base_url = "https://example.fi/lape/";
	s->base_path = "/lape/";
	s->origin = "https://example.fi";
	s->p_events = "tapahtumat";
	s->p_event_file = "tapahtuma";
	s->now = date("2018-06-01");
	s->publish_limit = s->now.epoch;
	w->th.strings = val_map(A);
	value *f = val_map(A);
	val_map_str(A, f, "event_day", "{d}.{m}.{Y}");
	val_map_str(A, f, "hm", "{Hm}");
	val_map_str(A, f, "event_time", "klo {start}–{end}");
	val_map_set(A, w->th.strings, "date_formats", f);
	s->th = &w->th;
	w->t = arena_alloc(A, sizeof *w->t);
	w->t->name = "Perhe";
	w->t->slug = "perhe";
	w->t->url = "/lape/avainsanat/perhe/";
	w->t->nevents = 1;
	w->e = mkevent("messut", "Messut", "2018-07-01 12:00",
	    "2018-07-01 15:00");
	w->e->tags = arena_alloc(A, sizeof(tag *));
	w->e->tags[0] = w->t;
	w->e->ntags = 1;
	/* A weekly series of two dates, the first one past. */
	w->series = mkevent("kerho", "Kerho", "2018-05-29 17:00",
	    "2018-05-29 18:00");
	w->series->recurring = 1;
	w->series->rule = (recur){RECUR_WEEKLY, 1, 0, 0, 2, 0, 0, 0};
	val_map_str(A, w->series->meta, "repeat", "joka tiistai");
	for (int i = 0; i < 2; i++) {
		event *o = arena_alloc(A, sizeof *o);
		*o = *w->series;
		o->master = w->series;
		o->start = date(i ? "2018-06-05 17:00" : "2018-05-29 17:00");
		o->end = date(i ? "2018-06-05 18:00" : "2018-05-29 18:00");
		w->occ[i] = o;
	}
	w->series->occ = w->occ;
	w->series->nocc = 2;
	w->events[0] = w->series;
	w->events[1] = w->e;
	w->all_occ[0] = w->occ[0];
	w->all_occ[1] = w->occ[1];
	w->all_occ[2] = w->e;
	s->events = w->events;
	s->nevents = 2;
	s->occ = w->all_occ;
	s->nocc = 3;
	w->reg = (region){"Lappi", "lappi", "tapahtumat/alue/lappi/",
	    "/lape/tapahtumat/alue/lappi/", w->events + 1, 1};
	s->regions = &w->reg;
	s->nregions = 1;
	w->e->region = "Lappi";
	w->e->reg = &w->reg;   /* as load_regions sets it */
	w->h = valhash_new();
}

/* The digests of the views of w's event and series, made anew. */
static hash128 views_digest(struct world *w)
{
	site *s = &w->s;
	for (size_t i = 0; i < s->nevents; i++)
		s->events[i]->view = NULL;
	for (size_t i = 0; i < s->nocc; i++)
		s->occ[i]->view = NULL;
	w->t->view = NULL;
	events_views(s, w->th.strings);
	valhash *h = valhash_new();
	hash_state *st = hash_begin();
	hash_add_hash(st, valhash_of(h, events_view_of(s, A, w->e)));
	hash_add_hash(st, valhash_of(h, events_view_of(s, A, w->series)));
	valhash_free(h);
	return hash_end(st);
}

/* The keys of w's event and series. */
static hash128 keys(struct world *w)
{
	site *s = &w->s;
	valhash *hs[1] = {w->h};
	eventkey_all(s, eventkey_site(s, viewkey_site(s, &w->th, w->h)), hs);
	if (hash_is_zero(w->e->viewkey) || hash_is_zero(w->series->viewkey))
		return (hash128){0, 0};
	hash_state *st = hash_begin();
	hash_add_hash(st, w->e->viewkey);
	hash_add_hash(st, w->series->viewkey);
	return hash_end(st);
}

static void e_title(struct world *w) { w->e->title = "Isot messut"; }
static void e_meta(struct world *w)
{
	val_map_str(A, w->e->meta, "extra", "arvo");
}
static void e_day(struct world *w)
{
	w->e->start = date("2018-07-02 12:00");
	w->e->end = date("2018-07-02 15:00");
}
static void e_start(struct world *w)
{
	w->e->start = date("2018-07-01 11:00");
}
static void e_end(struct world *w) { w->e->end = date("2018-07-01 16:00"); }
static void e_no_end(struct world *w)
{
	w->e->has_end = 0;
	w->e->end = w->e->start;
}
static void e_all_day(struct world *w)
{
	w->e->start = date("2018-07-01");
	w->e->end = date("2018-07-01");
	w->e->all_day = 1;
}
static void e_location(struct world *w) { w->e->location = "Tornio"; }
static void e_address(struct world *w) { w->e->address = "Katu 1"; }
static void e_region(struct world *w) { w->reg.url = "/lape/alue/"; }
static void e_organizer(struct world *w) { w->e->organizer = "Kunta"; }
static void e_link(struct world *w) { w->e->link = "https://x.fi/"; }
static void e_tag(struct world *w) { w->t->name = "Perheet"; }
static void e_tag_count(struct world *w) { w->t->nposts = 3; }
static void e_no_tag(struct world *w) { w->e->ntags = 0; }
static void e_cancelled(struct world *w) { w->e->cancelled = 1; }
static void e_body(struct world *w) { w->e->md.html = "<p>Muu.</p>\n"; }
static void e_summary(struct world *w)
{
	w->e->md.summary_text = "Tiivistelmä.";
}
static void e_post(struct world *w)
{
	w->p = arena_alloc(A, sizeof *w->p);
	w->p->title = "Kirjoitus";
	w->p->url = "/lape/blogi/k/";
	w->p->summary_text = "Kirjoituksen tiivistelmä.";
	w->e->post = w->p;
}
static void e_online(struct world *w) { w->e->online = "https://v.fi/"; }
static void e_geo(struct world *w)
{
	w->e->address = "Katu 1";
	w->e->has_geo = 1;
	w->e->lat = 65.7;
}
static void e_reg(struct world *w)
{
	w->e->has_reg = 1;
	w->e->reg_url = "https://ilmo.fi/";
}
static void e_deadline(struct world *w)
{
	w->e->has_reg = 1;
	w->e->has_deadline = 1;
	w->e->reg_deadline = date("2018-06-20");
}
static void e_now(struct world *w) { w->s.now = date("2018-07-02"); }
static void e_today(struct world *w) { w->s.now = date("2018-06-30"); }
static void e_base(struct world *w) { w->s.base_url = "https://x.org/"; }
static void e_ics(struct world *w) { w->s.base_path = "/muu/"; }
static void e_language(struct world *w) { w->s.language = "sv"; }
static void e_strings(struct world *w)
{
	value *f = val_map_get(w->th.strings, "date_formats");
	val_map_str(A, f, "event_day", "{d}/{m}/{Y}");
}
static void e_preview(struct world *w) { w->s.preview = 1; }
/* The series: its page lists its coming dates. */
static void e_rule(struct world *w) { w->series->rule.count = 3; }
static void e_repeat_words(struct world *w)
{
	val_map_str(A, w->series->meta, "repeat", "joka toinen tiistai");
}
static void e_date_moved(struct world *w)
{
	w->occ[1]->start = date("2018-06-06 17:00");
	w->occ[1]->end = date("2018-06-06 18:00");
	w->occ[1]->changed = 1;
}
static void e_date_cancelled(struct world *w) { w->occ[1]->cancelled = 1; }
static void e_date_past(struct world *w) { w->s.now = date("2018-06-10"); }

static const struct {
	const char *name;
	void (*apply)(struct world *w);
} edits[] = {
	{"its title", e_title},
	{"its front matter", e_meta},
	{"its day", e_day},
	{"its start time", e_start},
	{"its end", e_end},
	{"no end", e_no_end},
	{"all day", e_all_day},
	{"its place", e_location},
	{"its address", e_address},
	{"its region's address", e_region},
	{"its organizer", e_organizer},
	{"its link", e_link},
	{"a tag's name", e_tag},
	{"a tag's count", e_tag_count},
	{"no tag", e_no_tag},
	{"cancelled", e_cancelled},
	{"its body", e_body},
	{"its summary", e_summary},
	{"the post it came from", e_post},
	{"online", e_online},
	{"a map's place", e_geo},
	{"a registration", e_reg},
	{"a registration's deadline", e_deadline},
	{"the build's now (past)", e_now},
	{"the build's now (tomorrow)", e_today},
	{"the site's address", e_base},
	{"the site's base path", e_ics},
	{"the site's language", e_language},
	{"the theme's strings", e_strings},
	{"the preview", e_preview},
	{"a repeat's rule", e_rule},
	{"a repeat's words", e_repeat_words},
	{"one date moved", e_date_moved},
	{"one date cancelled", e_date_cancelled},
	{"a date gone past", e_date_past},
};

static void test_edits(void)
{
	for (size_t i = 0; i < sizeof edits / sizeof *edits; i++) {
		struct world w;
		setup(&w);
		hash128 v0 = views_digest(&w), k0 = keys(&w);
		edits[i].apply(&w);
		hash128 v1 = views_digest(&w), k1 = keys(&w);
		char name[160];
		snprintf(name, sizeof name, "event key: %s changes the view",
		    edits[i].name);
		CHECK(name, !hash_eq(v0, v1));
		snprintf(name, sizeof name, "event key: ...and the key (%s)",
		    edits[i].name);
		CHECK(name, !hash_is_zero(k0) && !hash_eq(k0, k1));
		valhash_free(w.h);
	}
}

/* The same inputs, the same key: nothing in it is an address. */
static void test_stable(void)
{
	struct world a, b;
	setup(&a);
	hash128 ka = keys(&a);
	setup(&b);
	hash128 kb = keys(&b);
	CHECK("event key: the same for the same inputs", !hash_is_zero(ka) &&
	    hash_eq(ka, kb));
	/* What its view does not show leaves it. */
	a.e->src = "content/tapahtumat/muu.md";
	a.e->line = 7;
	CHECK("event key: not its file and line", hash_eq(keys(&a), ka));
	valhash_free(a.h);
	valhash_free(b.h);
}

/* A view made once is everyone's: asked again, the same map. */
static void test_once(void)
{
	struct world w;
	setup(&w);
	events_views(&w.s, w.th.strings);
	value *v = events_view_of(&w.s, A, w.e);
	CHECK("events_view_of: made once", v && v == events_view_of(&w.s, A,
	    w.e) && v->shared);
	value *dates = val_map_get(events_view_of(&w.s, A, w.series),
	    "dates");
	CHECK("events_view_of: a series lists its coming dates' views",
	    dates && dates->u.list.len == 1 &&
	    dates->u.list.items[0] == w.occ[1]->view);
	valhash_free(w.h);
}

int main(void)
{
	A = arena_new();
	test_edits();
	test_stable();
	test_once();
	arena_free(A);
	CHECK_DONE();
}
