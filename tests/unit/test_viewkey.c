/* viewkey: a post's view digest made from its inputs changes whenever the
 * view it stands for changes (made by view_of and digested here), and the
 * digest without the body changes with everything but the body. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "core/valhash.h"
#include "model/event.h"
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

static post *mkpost(const char *slug, const char *title, const char *when)
{
	post *p = arena_alloc(A, sizeof *p);
	p->kind = PAGE_POST;
	p->src = arena_printf(A, "content/blogi/%s.md", slug);
	p->section = "blogi";
	p->slug = slug;
	p->path = arena_printf(A, "blogi/%s/", slug);
	p->url = arena_printf(A, "/lape/%s", p->path);
	p->title = title;
	p->date = date(when);
	p->has_date = 1;
	p->md.html = "<p>Alku.</p>\n<p>Loppu.</p>\n";
	p->summary_html = "<p>Alku.</p>";
	p->summary_text = "Alku.";
	p->meta = val_map(A);
	val_map_str(A, p->meta, "title", title);
	return p;
}

struct world {
	site s;
	theme th;
	section sec;
	post *posts[3];
	tag *t;
	event *e;
	valhash *h;
};

/* The view of w's middle post, made anew, and its digest. */
static hash128 view_digest(struct world *w)
{
	site *s = &w->s;
	for (size_t i = 0; i < s->nposts; i++)
		s->posts[i]->view = NULL;
	w->t->view = NULL;
	view_posts(s, &w->th);
	hash128 d = valhash_of(w->h, view_of(s, A, s->posts[1]));
	view_done(s);
	valhash_free(w->h);   /* no digest remembered from the last view */
	w->h = valhash_new();
	return d;
}

static hash128 key(struct world *w, hash128 *lite)
{
	if (w->e && w->e->view)
		valhash_share(w->e->view);
	return viewkey_post(&w->s, viewkey_site(&w->s, &w->th, w->h), w->h,
	    w->s.posts[1], lite);
}

static void setup(struct world *w)
{
	memset(w, 0, sizeof *w);
	site *s = &w->s;
	s->a = A;
	s->threads = 1;
	s->worker_arenas = arena_alloc(A, sizeof(arena *));
	s->worker_arenas[0] = A;
	s->config = val_map(A);
	s->title = "Testi";
	s->description = "Sivuston kuvaus";
	s->language = "fi";
	s->base_url = "https://example.fi/lape/";
	s->base_path = "/lape/";
	s->origin = "https://example.fi";
	s->now = date("2018-06-01");
	s->publish_limit = s->now.epoch;
	w->th.strings = val_map(A);
	val_map_str(A, w->th.strings, "read_more", "Lue lisää");
	w->sec = (section){"blogi", "Blogi", "/lape/blogi/", w->posts, 3,
	    NULL};
	s->sections = &w->sec;
	s->nsections = 1;
	w->posts[0] = mkpost("uusi", "Uusi", "2018-03-01");
	w->posts[1] = mkpost("keski", "Keski", "2018-02-01");
	w->posts[2] = mkpost("vanha", "Vanha", "2018-01-01");
	for (int i = 0; i < 3; i++)
		w->posts[i]->order = i;
	w->posts[1]->next = w->posts[0];
	w->posts[1]->prev = w->posts[2];
	s->posts = w->posts;
	s->nposts = 3;
	w->t = arena_alloc(A, sizeof *w->t);
	w->t->name = "Perhe";
	w->t->slug = "perhe";
	w->t->url = "/lape/avainsanat/perhe/";
	w->t->nposts = 1;
	w->posts[1]->tags = arena_alloc(A, sizeof(tag *));
	w->posts[1]->tags[0] = w->t;
	w->posts[1]->ntags = 1;
	w->h = valhash_new();
}

/* Each edit of what a view is made of: the view changes (so the test
 * reads an input view_post uses), and with it the key; body says the
 * edit is of the body alone (the key without it stays). */
struct edit {
	const char *name;
	void (*apply)(struct world *w);
	int body;
};

static void e_title(struct world *w) { w->posts[1]->title = "Toinen"; }
static void e_meta(struct world *w)
{
	val_map_str(A, w->posts[1]->meta, "extra", "arvo");
}
static void e_url(struct world *w) { w->posts[1]->url = "/lape/muu/"; }
static void e_path(struct world *w) { w->posts[1]->path = "blogi/muu/"; }
static void e_src(struct world *w) { w->posts[1]->src = "content/x.md"; }
static void e_slug(struct world *w) { w->posts[1]->slug = "muu"; }
static void e_section(struct world *w) { w->posts[1]->section = "uutiset"; }
static void e_date(struct world *w)
{
	w->posts[1]->date = date("2018-02-02");
}
static void e_time(struct world *w)
{
	w->posts[1]->date = date("2018-02-01T10:00:00+02:00");
}
static void e_updated(struct world *w)
{
	w->posts[1]->updated = date("2018-05-05");
	w->posts[1]->has_updated = 1;
}
static void e_author(struct world *w) { w->posts[1]->author = "Maija"; }
static void e_person(struct world *w)
{
	w->posts[1]->author = "Maija";
	w->posts[1]->author_person = 1;
}
static void e_tagname(struct world *w) { w->t->name = "Perheet"; }
static void e_tagcount(struct world *w) { w->t->nposts = 2; }
static void e_tagevents(struct world *w) { w->t->nevents = 1; }
static void e_notag(struct world *w) { w->posts[1]->ntags = 0; }
static void e_summary(struct world *w)
{
	w->posts[1]->summary_html = "<p>Muu.</p>";
}
static void e_summary_text(struct world *w)
{
	w->posts[1]->summary_text = "Muu.";
}
static void e_no_summary(struct world *w)
{
	w->posts[1]->summary_text = "";
}
static void e_body(struct world *w)
{
	w->posts[1]->md.html = "<p>Alku.</p>\n<p>Toisin.</p>\n";
}
static void e_image(struct world *w) { w->posts[1]->image = "/kuva.jpg"; }
static void e_image_html(struct world *w)
{
	w->posts[1]->image_html = "<picture></picture>";
}
static void e_share(struct world *w)
{
	w->posts[1]->share_image = "https://example.fi/kuva.jpg";
}
static void e_prev(struct world *w) { w->posts[2]->title = "Vanhempi"; }
static void e_next_url(struct world *w) { w->posts[0]->url = "/lape/x/"; }
static void e_no_next(struct world *w) { w->posts[1]->next = NULL; }
static void e_commit(struct world *w) { w->posts[1]->commit = "abc1234"; }
static void e_page(struct world *w) { w->posts[1]->kind = PAGE_PAGE; }
static void e_base(struct world *w)
{
	w->s.base_url = "https://example.org/";
}
static void e_origin(struct world *w)
{
	w->posts[1]->image = "/kuva.jpg";
	w->s.origin = "https://example.org";
}
static void e_description(struct world *w)
{
	w->posts[1]->summary_text = "";
	w->s.description = "Toinen kuvaus";
}
static void e_sectitle(struct world *w) { w->sec.title = "Blogit"; }
static void e_strings(struct world *w)
{
	value *f = val_map(A);
	val_map_str(A, f, "short", "d.M.");
	val_map_set(A, w->th.strings, "date_formats", f);
}
static void e_preview(struct world *w) { w->s.preview = 1; }
static void e_draft(struct world *w)
{
	w->s.preview = 1;
	w->posts[1]->draft = 1;
}
static void e_future(struct world *w)
{
	w->s.preview = 1;
	w->s.publish_limit = w->posts[1]->date.epoch;
}

static const struct edit edits[] = {
	{"the title", e_title, 0},
	{"the front matter", e_meta, 0},
	{"the url", e_url, 0},
	{"the path (permalink)", e_path, 0},
	{"the source", e_src, 0},
	{"the slug", e_slug, 0},
	{"the section", e_section, 0},
	{"the date", e_date, 0},
	{"the time", e_time, 0},
	{"the update date", e_updated, 0},
	{"the author", e_author, 0},
	{"the author a person", e_person, 0},
	{"a tag's name", e_tagname, 0},
	{"a tag's post count", e_tagcount, 0},
	{"a tag's event count", e_tagevents, 0},
	{"the tags removed", e_notag, 0},
	{"the summary", e_summary, 0},
	{"the summary's text", e_summary_text, 0},
	{"no summary (the site's description)", e_no_summary, 0},
	{"the body", e_body, 1},
	{"the image", e_image, 0},
	{"the image's HTML", e_image_html, 0},
	{"the share image", e_share, 0},
	{"the older post's title", e_prev, 0},
	{"the newer post's url", e_next_url, 0},
	{"no newer post", e_no_next, 0},
	{"the commit", e_commit, 0},
	{"a page, not a post", e_page, 0},
	{"the site's address", e_base, 0},
	{"the site's origin (og_image)", e_origin, 0},
	{"the site's description", e_description, 0},
	{"the section's title", e_sectitle, 0},
	{"the theme's strings (dates)", e_strings, 0},
	{"the preview", e_preview, 0},
	{"a draft in the preview", e_draft, 0},
	{"a future post in the preview", e_future, 0},
};

static void test_edits(void)
{
	for (size_t i = 0; i < sizeof edits / sizeof *edits; i++) {
		struct world w;
		setup(&w);
		hash128 lite0, lite1;
		hash128 v0 = view_digest(&w), k0 = key(&w, &lite0);
		edits[i].apply(&w);
		hash128 v1 = view_digest(&w), k1 = key(&w, &lite1);
		char name[160];
		snprintf(name, sizeof name, "view key: %s changes the view",
		    edits[i].name);
		CHECK(name, !hash_eq(v0, v1));
		snprintf(name, sizeof name, "view key: ...and the key (%s)",
		    edits[i].name);
		CHECK(name, !hash_is_zero(k0) && !hash_eq(k0, k1));
		snprintf(name, sizeof name, "view key: ...%s the key without "
		    "the body (%s)", edits[i].body ? "not" : "and",
		    edits[i].name);
		CHECK(name, edits[i].body == hash_eq(lite0, lite1));
		valhash_free(w.h);
	}
}

/* A post's events are in its view: the key takes each event's key
 * (eventkey.h, which test_eventkey checks against the event's view), so
 * another event key is another post key, and an event that cannot be
 * keyed leaves the post unkeyed. */
static void test_events(void)
{
	struct world w;
	setup(&w);
	event *e = arena_alloc(A, sizeof *e);
	e->view = val_map(A);
	val_map_str(A, e->view, "title", "Messut");
	e->viewkey = (hash128){1, 2};
	e->post = w.posts[1];
	w.posts[1]->events = arena_alloc(A, sizeof(event *));
	w.posts[1]->events[0] = e;
	w.posts[1]->nevents = 1;
	w.e = e;
	hash128 lite0, lite1, lite2;
	hash128 k0 = key(&w, &lite0);
	e->viewkey = (hash128){3, 4};
	hash128 k1 = key(&w, &lite1);
	CHECK("view key: an event of the post", !hash_eq(k0, k1) &&
	    !hash_eq(lite0, lite1));
	e->viewkey = (hash128){0, 0};
	CHECK("view key: ...unkeyed, the post unkeyed",
	    hash_is_zero(key(&w, &lite2)) && hash_is_zero(lite2));
	valhash_free(w.h);
}

/* The same inputs, the same key: nothing in it is an address. */
static void test_stable(void)
{
	struct world a, b;
	setup(&a);
	hash128 la, lb;
	hash128 ka = key(&a, &la);
	setup(&b);
	hash128 kb = key(&b, &lb);
	CHECK("view key: the same for the same inputs", hash_eq(ka, kb) &&
	    hash_eq(la, lb) && !hash_eq(ka, la));
	valhash_free(a.h);
	valhash_free(b.h);
}

/* With the body's digest known (model/mdcache sets it), the key takes
 * the digest and never reads the body: another digest, another key; the
 * same digest, the same key. */
static void test_sum(void)
{
	struct world w;
	setup(&w);
	post *p = w.posts[1];
	hash128 lite, k_bytes = key(&w, &lite);
	p->md.html_sum = hash_bytes(p->md.html, strlen(p->md.html));
	hash128 k_sum = key(&w, &lite);
	const char *html = "<p>Alku.</p>\n<p>Toisin.</p>\n";
	p->md.html = html;
	p->md.html_sum = hash_bytes(html, strlen(html));
	hash128 k_new = key(&w, &lite);
	CHECK("view key: the body's digest stands for the body",
	    !hash_is_zero(k_sum) && !hash_eq(k_sum, k_new));
	p->md.html = NULL;   /* not read when the digest is known */
	CHECK("view key: ...and the body is not read again",
	    hash_eq(key(&w, &lite), k_new));
	CHECK("view key: a digest and the bytes are keyed apart",
	    !hash_eq(k_bytes, k_sum));

	/* The summaries: by their digest (post.summary_sum) when known,
	 * which stands for them; without it they are read. */
	p->summary_sum = (hash128){1, 2};
	hash128 k_s1 = key(&w, &lite);
	p->summary_sum = (hash128){3, 4};
	hash128 k_s2 = key(&w, &lite);
	CHECK("view key: the summaries' digest stands for them",
	    !hash_eq(k_s1, k_s2));
	p->summary_text = NULL;   /* not read when the digest is known */
	CHECK("view key: ...and they are not read again",
	    hash_eq(key(&w, &lite), k_s2));
	p->summary_text = "Oma tiivistelmä.";
	p->summary_sum = (hash128){0, 0};
	hash128 k_own = key(&w, &lite);
	p->summary_text = "Toinen tiivistelmä.";
	CHECK("view key: without the digest the summary is read",
	    !hash_eq(k_own, key(&w, &lite)) && !hash_eq(k_own, k_s2));

	/* The front matter: by the digest the load made (post.meta_sum,
	 * from the parse cache), the same as the tree's. */
	hash128 k_tree = key(&w, &lite);
	valhash *vh = valhash_new();
	p->meta_sum = valhash_of(vh, p->meta);
	valhash_free(vh);
	CHECK("view key: the front matter's digest from the load gives the "
	    "key its tree gives", hash_eq(key(&w, &lite), k_tree));
	p->meta_sum = (hash128){5, 6};
	CHECK("view key: ...and stands for the tree",
	    !hash_eq(key(&w, &lite), k_tree));
	p->meta_sum = (hash128){0, 0};
	valhash_free(w.h);
}

int main(void)
{
	A = arena_new();
	test_edits();
	test_events();
	test_stable();
	test_sum();
	arena_free(A);
	CHECK_DONE();
}
