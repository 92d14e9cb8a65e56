/* cli/linkscan: the references and ids read from each kind of output
 * file, with their lines. */
#include "check.h"

#include <stdlib.h>

#include "cli/linkscan.h"
#include "core/buf.h"

static scan_file scan(arena *a, const char *path, const char *text)
{
	scan_file f = {.path = path};
	linkscan_file(&f, a, NULL, text, strlen(text));
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
	scan_file y = scan(a, "y.html", "<a href=/y/>");
	CHECK("without a table, a reference has no shared entry",
	    y.nrefs == 1 && y.refs[0].u == NULL);
	linkscan_free(&y);

	/* Lines are counted eight bytes at a time: newlines at every
	 * place in a word, lines of 0 to 18 bytes. */
	buf doc = BUF_INIT;
	int want[64], nwant = 0;
	for (int line = 1; line <= 300; line++) {
		for (int k = 0; k < line % 19; k++)
			buf_putc(&doc, k % 3 ? 'x' : ' ');
		if (line % 7 == 0 && nwant < 64) {
			buf_printf(&doc, "<a href=\"/l/%d/\">", line);
			want[nwant++] = line;
		}
		buf_putc(&doc, '\n');
	}
	buf_putc(&doc, '\0');
	f = scan(a, "rivit.html", doc.data);
	int lines_ok = (int)f.nrefs == nwant;
	for (int i = 0; lines_ok && i < nwant; i++)
		lines_ok = f.refs[i].line == want[i] && atoi(f.refs[i].url +
		    3) == want[i];
	CHECK("html: each reference's line, over 300 lines", lines_ok);
	linkscan_free(&f);
	buf_free(&doc);

	/* One table for many files: the references to one address share
	 * its entry, whose text they have. */
	scan_urls U = {0};
	scan_file g = {.path = "a/index.html"}, h = {.path = "b/index.html"};
	const char *pa = "<a href=\"/yhteinen/\">x</a>\n"
	    "<a href=' /yhteinen/ '>y</a><img src=\"/k&#228;.png\">";
	const char *pb = "<link href=\"/yhteinen/\">"
	    "<a href=\"/k&auml;.png\">z</a><a href=\"/oma/\">";
	linkscan_file(&g, a, &U, pa, strlen(pa));
	linkscan_file(&h, a, &U, pb, strlen(pb));
	int texts = g.nrefs == 3 && h.nrefs == 3;
	for (size_t i = 0; texts && i < 3; i++)
		texts = g.refs[i].u && g.refs[i].url == g.refs[i].u->text &&
		    h.refs[i].u && h.refs[i].url == h.refs[i].u->text;
	CHECK("table: each reference has its entry, and its text", texts);
	CHECK("table: one address on two pages, one entry",
	    texts && g.refs[0].u == h.refs[0].u);
	CHECK("table: spaces trimmed before it is shared",
	    texts && g.refs[1].u == g.refs[0].u);
	CHECK("table: character references decoded before it is shared",
	    texts && g.refs[2].u == h.refs[1].u &&
	    !strcmp(h.refs[1].url, "/kä.png"));
	CHECK("table: another address, another entry",
	    texts && h.refs[2].u != h.refs[0].u &&
	    !strcmp(h.refs[2].url, "/oma/"));
	CHECK("table: three addresses, each listed once", U.n == 3 &&
	    U.v[0] == g.refs[0].u && U.v[2] == h.refs[2].u);
	CHECK("table: a new entry does not work yet", texts &&
	    !g.refs[0].u->works);
	linkscan_free(&g);
	linkscan_free(&h);
	scan_urls_free(&U);

	arena_free(a);
	CHECK_DONE();
}
