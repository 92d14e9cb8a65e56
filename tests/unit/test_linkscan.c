/* cli/linkscan: the references and ids read from each kind of output
 * file, with their lines. */
#include "check.h"

#include "cli/linkscan.h"

static scan_file scan(arena *a, const char *path, const char *text)
{
	scan_file f = {.path = path};
	linkscan_file(&f, a, text, strlen(text));
	return f;
}

/* The i-th reference as "attr url @line". */
static const char *ref(arena *a, const scan_file *f, size_t i)
{
	if (i >= f->nrefs)
		return "(none)";
	return arena_printf(a, "%s %s @%d", f->refs[i].attr, f->refs[i].url,
	    f->refs[i].line);
}

int main(void)
{
	arena *a = arena_new();
	linkscan_init();

	scan_file f = scan(a, "x/index.html",
	    "<!doctype html>\n<html><head>\n"
	    "<link rel=\"stylesheet\" href=\"/style.css\">\n"
	    "<meta http-equiv=\"refresh\" content=\"0; url='/uusi/'\">\n"
	    "<meta property=\"og:image\" content=\"https://e.fi/k.jpg\">\n"
	    "<script>var s = '<a href=\"/ei/\">';</script>\n"
	    "<!-- <a href=\"/kommentti/\"> -->\n"
	    "</head><body>\n"
	    "<H2 ID=\"mita-tehdaan\">Mitä?</H2>\n"
	    "<a href=\"/a/?x=1&amp;y=2#osa\" class=x>a</a>"
	    "<a name=vanha href=/b/>b</a>\n"
	    "<img src=\"/k&#228;&#x00e4;.png\" srcset=\"/p.jpg 1x, /i.jpg 2x\" alt=\"\">\n"
	    "<a href=\"\">tyhjä</a><a\n  href=\"/monta/\"\n>rivi</a>\n"
	    "<textarea><a href=\"/teksti/\"></textarea>"
	    "<p title=\"&lt;&copy;&nosuch;\" id='x'>\n");
	CHECK("html: parsed", f.parsed == 1 && f.ids);
	CHECK_STR("html: link href", ref(a, &f, 0), "href /style.css @3");
	CHECK_STR("html: meta refresh url", ref(a, &f, 1), "refresh /uusi/ @4");
	CHECK_STR("html: og:image", ref(a, &f, 2),
	    "content https://e.fi/k.jpg @5");
	CHECK_STR("html: entities decoded, after script and comment",
	    ref(a, &f, 3), "href /a/?x=1&y=2#osa @10");
	CHECK_STR("html: unquoted value", ref(a, &f, 4), "href /b/ @10");
	CHECK_STR("html: numeric references", ref(a, &f, 5),
	    "src /kää.png @11");
	CHECK_STR("html: srcset first", ref(a, &f, 6), "srcset /p.jpg @11");
	CHECK_STR("html: srcset second", ref(a, &f, 7), "srcset /i.jpg @11");
	CHECK_STR("html: empty href kept", ref(a, &f, 8), "href  @12");
	CHECK_STR("html: a tag over lines has its first line", ref(a, &f, 9),
	    "href /monta/ @12");
	CHECK("html: nothing from script, comment or textarea",
	    f.nrefs == 10);
	CHECK("html: ids, names lowercased", strmap_get(f.ids,
	    "mita-tehdaan") != NULL);
	CHECK("html: <a name> is an anchor", strmap_get(f.ids, "vanha"));
	CHECK("html: single-quoted id", strmap_get(f.ids, "x"));
	CHECK("html: no id from a title", strmap_get(f.ids, "&lt;") == NULL);
	linkscan_free(&f);

	f = scan(a, "x/index.html", "<a href=\"/auki/");
	CHECK_STR("html: unterminated tag still read", ref(a, &f, 0),
	    "href /auki/ @1");
	linkscan_free(&f);
	f = scan(a, "x/index.html", "teksti < 3 ja <");
	CHECK("html: a lone < is text", f.nrefs == 0);
	linkscan_free(&f);

	f = scan(a, "rss.xml",
	    "<?xml version=\"1.0\"?>\n<rss><channel>\n"
	    "<link>https://e.fi/</link>\n"
	    "<atom:link href=\"https://e.fi/rss.xml\" rel=\"self\"/>\n"
	    "<item><guid isPermaLink=\"false\">tag:e.fi,2018:/x</guid>\n"
	    "<content:encoded><![CDATA[<p>x</p>\n<a href=\"https://e.fi/y/\">y</a>]]>"
	    "</content:encoded></item>\n</channel></rss>\n");
	CHECK_STR("feed: <link>", ref(a, &f, 0), "text https://e.fi/ @3");
	CHECK_STR("feed: atom:link href", ref(a, &f, 1),
	    "href https://e.fi/rss.xml @4");
	CHECK_STR("feed: HTML in content:encoded, its own line", ref(a, &f, 2),
	    "href https://e.fi/y/ @7");
	CHECK("feed: a guid that is no permalink is not a link", f.nrefs == 3);
	CHECK("feed: no ids", f.ids == NULL);
	linkscan_free(&f);

	f = scan(a, "sitemap.xml", "<urlset>\n<url><loc>https://e.fi/a/</loc>"
	    "</url>\n</urlset>");
	CHECK_STR("sitemap: <loc>", ref(a, &f, 0), "text https://e.fi/a/ @2");
	linkscan_free(&f);

	f = scan(a, "tapahtumat.ics", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n"
	    "URL;VALUE=URI:https://e.fi/tapahtumat/pitka-nimi-joka-\r\n"
	    " jatkuu/\r\nEND:VEVENT\r\n");
	CHECK_STR("ics: URL unfolded", ref(a, &f, 0),
	    "URL https://e.fi/tapahtumat/pitka-nimi-joka-jatkuu/ @3");
	linkscan_free(&f);

	f = scan(a, "robots.txt", "User-agent: *\nSitemap: https://e.fi/s.xml\n");
	CHECK_STR("robots.txt: Sitemap", ref(a, &f, 0),
	    "Sitemap https://e.fi/s.xml @2");
	linkscan_free(&f);

	f = scan(a, "kuva.png", "<a href=\"/x/\">");
	CHECK("other files are not scanned", !f.parsed && f.nrefs == 0);

	arena_free(a);
	CHECK_DONE();
}
