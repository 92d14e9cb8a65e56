/* feed: RSS 2.0 from a small site model built by hand. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "render/feed.h"

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

static post *mkpost(const char *src, const char *sec, const char *slug,
    const char *title, const char *when, const char *author,
    const char *html, const char *summary)
{
	post *p = arena_alloc(A, sizeof *p);
	p->kind = PAGE_POST;
	p->src = src;
	p->section = sec;
	p->slug = slug;
	p->path = arena_printf(A, "%s/%s/", sec, slug);
	p->url = arena_printf(A, "/lape/%s", p->path);
	p->title = title;
	p->date = date(when);
	p->has_date = 1;
	p->author = author;
	p->md.html = html;
	p->summary_text = summary;
	p->guid_path = src;
	p->first_date = p->date;
	return p;
}

static tag *mktag(const char *name, const char *slug)
{
	tag *t = arena_alloc(A, sizeof *t);
	t->name = name;
	t->slug = slug;
	t->url = arena_printf(A, "/lape/tags/%s/", slug);
	t->posts = arena_alloc(A, 8 * sizeof *t->posts);
	return t;
}

static void tag_post(tag *t, post *p)
{
	if (!p->tags)
		p->tags = arena_alloc(A, 8 * sizeof *p->tags);
	p->tags[p->ntags++] = t;
	t->posts[t->nposts++] = p;
}

static const job *find(const plan *pl, const char *out)
{
	for (size_t i = 0; i < pl->n; i++)
		if (!strcmp(pl->jobs[i].out, out))
			return &pl->jobs[i];
	return NULL;
}

/* Runs the job for out into b (reset first); "" when there is none. */
static const char *run(const plan *pl, render_env *env, buf *b,
    const char *out)
{
	const job *j = find(pl, out);
	buf_reset(b);
	if (!j)
		return "";
	j->run(j, env, b);
	return b->data ? b->data : "";
}

static int has(const char *hay, const char *needle)
{
	return strstr(hay, needle) != NULL;
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p++)
		n++;
	return n;
}

/* The text of the first <name>…</name> after from, in a static buffer. */
static const char *elem(const char *from, const char *name)
{
	static char out[4096];
	char open[64], close[64];
	snprintf(open, sizeof open, "<%s>", name);
	snprintf(close, sizeof close, "</%s>", name);
	const char *a = strstr(from, open), *b;
	if (!a || !(b = strstr(a, close)))
		return "(none)";
	a += strlen(open);
	snprintf(out, sizeof out, "%.*s", (int)(b - a), a);
	return out;
}

int main(void)
{
	A = arena_new();
	if (date_set_zone("Europe/Helsinki") != 0) {
		printf("FAIL zone: no Europe/Helsinki in the tz database\n");
		return 1;
	}

	site S = {0};
	site *s = &S;
	s->a = A;
	s->title = "Tom & Jerry <3";
	s->description = "Posts & news";
	s->language = "fi";
	s->base_url = "https://Example.FI:8443/lape/";
	s->base_path = "/lape/";
	s->origin = "https://Example.FI:8443";
	s->feed_items = 2;
	s->config = val_map(A);
	val_map_str(A, s->config, "author", "Site Team");

	/* Clocks go forward in Helsinki on 25 March 2018 at 03:00. */
	post *before = mkpost("content/blog/2018/2018-03-24-first.md", "blog",
	    "first", "Before & <after>", "2018-03-24 12:00", "Anna A.",
	    "<p>See <a href=\"/lape/blog/x/\">this</a> and "
	    "<img src=\"/lape/blog/2018/pic.jpg\" alt=\"a\"> "
	    "<a href=\"//cdn.example.org/y\">cdn</a> "
	    "<a href=\"https://other.example/z\">other</a> "
	    "<a HREF='/lape/q/'>q</a></p>\n"
	    "<pre><code>a ]]&gt; b ]]> c</code></pre>\n"
	    "<p>bell\x07here, ]]\x01> joined, \xEF\xBF\xBE gone, "
	    "\xC3\xA4 kept</p>\n",
	    "Summary with & and < and \x0B control");
	post *after = mkpost("content/news/2018-03-26-second.md", "news",
	    "second", "Second", "2018-03-26 12:00", NULL,
	    "<p>Plain.</p>\n", "Plain.");
	post *old = mkpost("content/blog/2017/old.md", "blog", "renamed-slug",
	    "Old", "2017-11-07", NULL, "<p>Old.</p>\n", "");
	/* A later slug, the same first path: the same guid. */
	old->guid_path = "content/blog/2017/old.md";

	tag *health = mktag("Health & care", "health-care");
	tag *kids = mktag("Kids", "kids");
	tag_post(health, after);
	tag_post(health, before);
	tag_post(kids, before);

	post *all[] = {after, before, old};
	s->posts = all;
	s->nposts = 3;
	post *blog[] = {before, old};
	post *news[] = {after};
	section secs[2] = {
		{.name = "blog", .title = "Blog & more", .url = "/lape/blog/",
		    .posts = blog, .nposts = 2},
		{.name = "news", .title = "News", .url = "/lape/news/",
		    .posts = news, .nposts = 1},
	};
	s->sections = secs;
	s->nsections = 2;
	/* A tag with events only still has its (empty) feed. */
	tag *none = mktag("Events only", "events-only");
	tag *tags[] = {health, kids, none};
	s->tags = tags;
	s->ntags = 3;

	arena *pa = arena_new();
	plan pl = {NULL, 0, 0, pa};
	feed_plan(&pl, s);
	render_env env = {.s = s, .a = arena_new()};
	buf b = BUF_INIT;

	CHECK("jobs: site, 2 sections, 3 tags", pl.n == 6);
	CHECK("job rss.xml", find(&pl, "rss.xml") != NULL);
	CHECK("job blog/rss.xml", find(&pl, "blog/rss.xml") != NULL);
	CHECK("job news/rss.xml", find(&pl, "news/rss.xml") != NULL);
	CHECK("job tag feed", find(&pl, "tags/health-care/rss.xml") != NULL);
	CHECK("job tag feed 2", find(&pl, "tags/kids/rss.xml") != NULL);

	/* The site feed: newest first, feed_items of them. */
	const char *x = run(&pl, &env, &b, "rss.xml");
	const char *head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<rss version=\"2.0\"";
	CHECK("xml declaration", !strncmp(x, head, strlen(head)));
	CHECK("namespaces", has(x, "xmlns:atom=\"http://www.w3.org/2005/Atom\"")
	    && has(x, "xmlns:content=\"http://purl.org/rss/1.0/modules/"
	    "content/\"") && has(x, "xmlns:dc=\"http://purl.org/dc/elements/"
	    "1.1/\""));
	CHECK_STR("channel title escaped", elem(x, "title"),
	    "Tom &amp; Jerry &lt;3");
	CHECK_STR("channel link", elem(x, "link"),
	    "https://Example.FI:8443/lape/");
	CHECK_STR("channel description", elem(x, "description"),
	    "Posts &amp; news");
	CHECK_STR("language", elem(x, "language"), "fi");
	CHECK("atom self", has(x, "<atom:link href=\"https://Example.FI:8443/"
	    "lape/rss.xml\" rel=\"self\" type=\"application/rss+xml\"/>"));
	CHECK_STR("lastBuildDate is the newest item", elem(x, "lastBuildDate"),
	    "Mon, 26 Mar 2018 12:00:00 +0300");
	CHECK_STR("generator", elem(x, "generator"), "saitti " SAITTI_VERSION);
	CHECK("feed_items limits", count(x, "<item>") == 2);
	CHECK("newest first", strstr(x, "<title>Second</title>") &&
	    strstr(x, "<title>Second</title>") <
	    strstr(x, "<title>Before &amp; &lt;after&gt;</title>"));
	CHECK("oldest left out", !has(x, "<title>Old</title>"));
	CHECK("pubDate +0300 after the switch",
	    has(x, "<pubDate>Mon, 26 Mar 2018 12:00:00 +0300</pubDate>"));
	CHECK("pubDate +0200 before the switch",
	    has(x, "<pubDate>Sat, 24 Mar 2018 12:00:00 +0200</pubDate>"));
	CHECK("item title escaped",
	    has(x, "<title>Before &amp; &lt;after&gt;</title>"));
	CHECK("item link absolute", has(x, "<link>https://Example.FI:8443/"
	    "lape/blog/first/</link>"));
	CHECK("guid tag uri", has(x, "<guid isPermaLink=\"false\">"
	    "tag:example.fi,2018-03-24:/blog/2018/2018-03-24-first</guid>"));
	CHECK("guid of a top-level post", has(x, "<guid isPermaLink=\"false\">"
	    "tag:example.fi,2018-03-26:/news/2018-03-26-second</guid>"));
	CHECK("creator from post", has(x, "<dc:creator>Anna A.</dc:creator>"));
	CHECK("creator from site.yaml",
	    has(x, "<dc:creator>Site Team</dc:creator>"));
	CHECK("categories", has(x, "<category>Health &amp; care</category>\n"
	    "<category>Kids</category>"));
	CHECK("description escaped, control dropped", has(x,
	    "<description>Summary with &amp; and &lt; and  control"
	    "</description>"));

	/* content:encoded */
	CHECK("cdata opens", has(x, "<content:encoded><![CDATA[<p>See "));
	CHECK("href made absolute", has(x, "<a href=\"https://Example.FI:8443"
	    "/lape/blog/x/\">this</a>"));
	CHECK("src made absolute", has(x, "<img src=\"https://Example.FI:8443"
	    "/lape/blog/2018/pic.jpg\""));
	CHECK("single quotes, upper case", has(x,
	    "<a HREF='https://Example.FI:8443/lape/q/'>q</a>"));
	CHECK("protocol-relative kept", has(x, "href=\"//cdn.example.org/y\""));
	CHECK("absolute kept", has(x, "href=\"https://other.example/z\""));
	CHECK("escaped ]]&gt; kept", has(x, "a ]]&gt; b "));
	CHECK("]]> split", has(x, "b ]]]]><![CDATA[> c"));
	CHECK("]] control > split", has(x, "here, ]]]]><![CDATA[> joined"));
	CHECK("control characters dropped", !strchr(x, '\x07') &&
	    !strchr(x, '\x01') && !strchr(x, '\x0B') && has(x, "bellhere"));
	CHECK("U+FFFE dropped", !has(x, "\xEF\xBF\xBE") && has(x, ",  gone"));
	CHECK("utf-8 kept", has(x, "\xC3\xA4 kept"));
	CHECK("cdata closes", has(x, "kept</p>\n]]></content:encoded>\n"
	    "</item>"));
	CHECK("one cdata end per split", count(x, "]]>") ==
	    count(x, "<![CDATA["));
	CHECK("ends", strlen(x) > 18 &&
	    !strcmp(x + strlen(x) - 18, "</channel>\n</rss>\n"));

	/* Determinism: the same bytes again. */
	char *first = strdup(x);
	x = run(&pl, &env, &b, "rss.xml");
	CHECK("byte for byte", !strcmp(first, x));
	free(first);

	/* A section feed. */
	x = run(&pl, &env, &b, "blog/rss.xml");
	CHECK_STR("section title", elem(x, "title"),
	    "Tom &amp; Jerry &lt;3 \xE2\x80\x93 Blog &amp; more");
	CHECK_STR("section link", elem(x, "link"),
	    "https://Example.FI:8443/lape/blog/");
	CHECK("section self", has(x, "<atom:link href=\"https://Example.FI:8443"
	    "/lape/blog/rss.xml\""));
	CHECK("section items", count(x, "<item>") == 2 &&
	    has(x, "<title>Old</title>") && !has(x, "<title>Second</title>"));
	CHECK_STR("section lastBuildDate", elem(x, "lastBuildDate"),
	    "Sat, 24 Mar 2018 12:00:00 +0200");
	CHECK("date-only post", has(x,
	    "<pubDate>Tue, 07 Nov 2017 00:00:00 +0200</pubDate>"));
	CHECK("guid from the first path, not the slug", has(x,
	    "tag:example.fi,2017-11-07:/blog/2017/old</guid>") &&
	    !has(x, "renamed-slug</guid>"));
	CHECK("empty summary: no description", count(x, "<description>") == 2);

	/* A tag feed. */
	x = run(&pl, &env, &b, "tags/health-care/rss.xml");
	CHECK_STR("tag title", elem(x, "title"),
	    "Tom &amp; Jerry &lt;3 \xE2\x80\x93 Health &amp; care");
	CHECK_STR("tag link", elem(x, "link"),
	    "https://Example.FI:8443/lape/tags/health-care/");
	CHECK("tag items", count(x, "<item>") == 2);

	/* No posts: no lastBuildDate, still a channel. */
	x = run(&pl, &env, &b, "tags/events-only/rss.xml");
	CHECK("empty feed has no lastBuildDate", !has(x, "lastBuildDate") &&
	    !has(x, "<item>") && has(x, "</channel>"));

	/* The guid and pubDate of an item do not depend on its neighbours:
	 * a newer post pushes nothing around. */
	post *newer = mkpost("content/news/2018-04-01-third.md", "news",
	    "third", "Third", "2018-04-01 09:30", NULL, "<p>3</p>", "3");
	post *all2[] = {newer, after, before, old};
	s->posts = all2;
	s->nposts = 4;
	s->feed_items = 20;
	plan pl2 = {NULL, 0, 0, pa};
	feed_plan(&pl2, s);
	x = run(&pl2, &env, &b, "rss.xml");
	CHECK("new post first", strstr(x, "<title>Third</title>") <
	    strstr(x, "<title>Second</title>"));
	CHECK("old guid kept", has(x, "<guid isPermaLink=\"false\">"
	    "tag:example.fi,2018-03-24:/blog/2018/2018-03-24-first</guid>\n"
	    "<pubDate>Sat, 24 Mar 2018 12:00:00 +0200</pubDate>"));
	CHECK_STR("lastBuildDate follows", elem(x, "lastBuildDate"),
	    "Sun, 01 Apr 2018 09:30:00 +0300");

	/* Many posts stay fast and linear. */
	size_t big = 10000;
	post **many = arena_alloc(A, big * sizeof *many);
	for (size_t i = 0; i < big; i++)
		many[i] = before;
	s->posts = many;
	s->nposts = big;
	s->feed_items = (int)big;
	plan pl3 = {NULL, 0, 0, pa};
	feed_plan(&pl3, s);
	x = run(&pl3, &env, &b, "rss.xml");
	CHECK("10000 items", count(x, "<item>") == big);

	buf_free(&b);
	free(pl.jobs);
	free(pl2.jobs);
	free(pl3.jobs);
	arena_free(env.a);
	arena_free(pa);
	arena_free(A);
	CHECK_DONE();
}
