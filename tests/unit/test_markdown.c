#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "core/arena.h"
#include "core/diag.h"
#include "parse/markdown.h"

struct seen {
	char path[256];
	int calls;
};

static const char *resolve(void *ctx, const char *content_path)
{
	struct seen *s = ctx;
	s->calls++;
	snprintf(s->path, sizeof s->path, "%s", content_path);
	if (!strcmp(content_path, "blogi/2017/toinen.md"))
		return "/lape/blogi/2017/toinen/";
	return NULL;
}

static struct seen seen;

/* Renders whose lengths (html_len, summary_*_len) were not their
 * strings'. */
static int wrong_len;

/* Renders text as "blogi/2017/eka.md" whose body starts on file line
 * line_offset + 1; messages land in *msgs (malloc'ed). */
static int render(arena *a, const char *text, int line_offset, int unsafe,
    md_result *r, char **msgs)
{
	md_options o = {0};
	o.unsafe = unsafe;
	o.link_base = "/lape/blogi/2017/";
	o.resolve_md = resolve;
	o.resolve_ctx = &seen;
	size_t n = 0;
	FILE *f = open_memstream(msgs, &n);
	diag *d = diag_new(f);
	int rc = md_render(a, "blogi/2017/eka.md", text, strlen(text),
	    line_offset, &o, r, d);
	if (rc == 0 && (r->html_len != strlen(r->html) ||
	    r->summary_html_len != strlen(r->summary_html) ||
	    r->summary_text_len != strlen(r->summary_text)))
		wrong_len++;
	diag_free(d);
	fclose(f);
	return rc;
}

static int contains(const char *hay, const char *needle)
{
	return hay && strstr(hay, needle) != NULL;
}

int main(void)
{
	arena *a = arena_new();
	md_result r;
	char *msgs = NULL;
	int rc;

	/* Headings */
	rc = render(a, "# Mitä tehdään?\n\n## Mitä tehdään?\n\n"
	    "## Mitä *tehdään*?\n\n### !!!\n\n## Mitä tehdään 2\n", 0, 0, &r,
	    &msgs);
	CHECK("headings: ok", rc == 0);
	/* Only the main heading (the page's title is one) and the skipped
	 * level (### after #) are warned about (parse/mdlint). */
	CHECK_STR("headings: warnings", msgs, "blogi/2017/eka.md:1:1: warning: "
	    "a main heading (#) in the text: the title is already the page's "
	    "main heading; start the text's headings with ##\n");
	CHECK_STR("headings: html", r.html,
	    "<h1 id=\"mita-tehdaan\">Mitä tehdään?</h1>\n"
	    "<h2 id=\"mita-tehdaan-2\">Mitä tehdään?</h2>\n"
	    "<h2 id=\"mita-tehdaan-3\">Mitä <em>tehdään</em>?</h2>\n"
	    "<h3 id=\"section-4\">!!!</h3>\n"
	    "<h2 id=\"mita-tehdaan-2-2\">Mitä tehdään 2</h2>\n");
	CHECK_STR("headings: no paragraph, no summary", r.summary_html, "");
	CHECK_STR("headings: no summary text", r.summary_text, "");
	free(msgs);
	/* Every level's tags, as "<h%d id=\"%s\">" and "</h%d>" print them
	 * (give_id writes them without printf). */
	rc = render(a, "## a\n\n### b\n\n#### c\n\n##### d\n\n###### e\n",
	    0, 0, &r, &msgs);
	CHECK_STR("headings: levels 2 to 6", r.html,
	    "<h2 id=\"a\">a</h2>\n<h3 id=\"b\">b</h3>\n<h4 id=\"c\">c</h4>\n"
	    "<h5 id=\"d\">d</h5>\n<h6 id=\"e\">e</h6>\n");
	free(msgs);

	rc = render(a, "Otsikko `koodi`\n===\n\n> ## Lainaus [linkki](x)\n", 0,
	    0, &r, &msgs);
	CHECK_STR("headings: setext, code and quoted", r.html,
	    "<h1 id=\"otsikko-koodi\">Otsikko <code>koodi</code></h1>\n"
	    "<blockquote>\n<h2 id=\"lainaus-linkki\">Lainaus "
	    "<a href=\"/lape/blogi/2017/x\">linkki</a></h2>\n</blockquote>\n");
	free(msgs);

	/* Links */
	rc = render(a, "![Kuva](kuva.jpg) [pdf](../x.pdf) [abs](https://e.fi/a) "
	    "[root](/a/b) [frag](#osa) [proto](//cdn.fi/x) [mail](mailto:a@b.fi) "
	    "[tel](tel:+358) [q](./a/../b/c.png?x=1#y) [dir](alla/)\n", 0, 0,
	    &r, &msgs);
	CHECK("links: ok", rc == 0);
	CHECK_STR("links: html", r.html,
	    "<p><img src=\"/lape/blogi/2017/kuva.jpg\" alt=\"Kuva\" /> "
	    "<a href=\"/lape/blogi/x.pdf\">pdf</a> "
	    "<a href=\"https://e.fi/a\">abs</a> "
	    "<a href=\"/a/b\">root</a> "
	    "<a href=\"#osa\">frag</a> "
	    "<a href=\"//cdn.fi/x\">proto</a> "
	    "<a href=\"mailto:a@b.fi\">mail</a> "
	    "<a href=\"tel:+358\">tel</a> "
	    "<a href=\"/lape/blogi/2017/b/c.png?x=1#y\">q</a> "
	    "<a href=\"/lape/blogi/2017/alla/\">dir</a></p>\n");
	CHECK("links: all listed", r.nlinks == 10);
	CHECK("links: image first", r.nlinks > 0 && r.links[0].is_image &&
	    r.links[0].line == 1 && r.links[0].col == 1);
	CHECK_STR("links: target as written", r.nlinks > 1 ?
	    r.links[1].target : NULL, "../x.pdf");
	CHECK("links: second position", r.nlinks > 1 && !r.links[1].is_image &&
	    r.links[1].line == 1 && r.links[1].col == 19);
	CHECK_STR("links: url as in the HTML", r.nlinks > 1 ?
	    r.links[1].url : NULL, "/lape/blogi/x.pdf");
	CHECK_STR("links: absolute url unchanged", r.nlinks > 2 ?
	    r.links[2].url : NULL, "https://e.fi/a");
	CHECK_STR("links: url keeps query and fragment", r.nlinks > 8 ?
	    r.links[8].url : NULL, "/lape/blogi/2017/b/c.png?x=1#y");
	free(msgs);

	rc = render(a, "[ylös](../../../../x.pdf)\n", 0, 0, &r, &msgs);
	CHECK("climbing: not an error", rc == 0);
	CHECK("climbing: left as written",
	    contains(r.html, "href=\"../../../../x.pdf\""));
	CHECK_STR("climbing: warned", msgs, "blogi/2017/eka.md:1:1: warning: "
	    "'../../../../x.pdf' climbs above the site's root: check the "
	    "number of '../' (left as written)\n");
	free(msgs);

	/* Markdown links through resolve_md */
	memset(&seen, 0, sizeof seen);
	rc = render(a, "Katso [toinen](toinen.md#alku) ja ![md](toinen.md).\n",
	    0, 0, &r, &msgs);
	CHECK("resolve_md: called once (links only)", seen.calls == 1);
	CHECK_STR("resolve_md: content path", seen.path,
	    "blogi/2017/toinen.md");
	CHECK("resolve_md: url used, fragment kept",
	    contains(r.html, "<a href=\"/lape/blogi/2017/toinen/#alku\">"));
	CHECK_STR("resolve_md: the link's url is the page's",
	    r.nlinks > 0 ? r.links[0].url : NULL,
	    "/lape/blogi/2017/toinen/#alku");
	free(msgs);

	rc = render(a, "[puuttuu](../muu/ei.md)\n", 0, 0, &r, &msgs);
	CHECK_STR("resolve_md: path with ..", seen.path, "blogi/muu/ei.md");
	CHECK("resolve_md: NULL leaves the link as written",
	    contains(r.html, "href=\"../muu/ei.md\""));
	free(msgs);

	/* Refused schemes */
	rc = render(a, "Eka rivi.\n\n- [js](javascript:alert(1)) ja\n"
	    "  [iso]( JaVaScRiPt:x) [vb](vbscript:msgbox)\n"
	    "- ![d](data:image/png;base64,AAAA) [tab](java&#9;script:x)\n",
	    9, 0, &r, &msgs);
	CHECK("javascript: fails", rc == -1);
	CHECK_STR("javascript: messages", msgs,
	    "blogi/2017/eka.md:12:3: error: link with a 'javascript:' URL is "
	    "not allowed (it could run code in the reader's browser): link to "
	    "a page or a file instead\n"
	    "blogi/2017/eka.md:13:3: error: link with a 'javascript:' URL is "
	    "not allowed (it could run code in the reader's browser): link to "
	    "a page or a file instead\n"
	    "blogi/2017/eka.md:13:24: error: link with a 'vbscript:' URL is "
	    "not allowed (it could run code in the reader's browser): link to "
	    "a page or a file instead\n"
	    "blogi/2017/eka.md:14:3: error: image with a 'data:' URL is not "
	    "allowed: save the image as a file and give its name instead\n"
	    "blogi/2017/eka.md:14:36: error: link with a 'javascript:' URL is "
	    "not allowed (it could run code in the reader's browser): link to "
	    "a page or a file instead\n");
	CHECK("javascript: not in the html", r.html && !contains(r.html,
	    "script:") && !contains(r.html, "data:"));
	CHECK("javascript: still listed", r.nlinks == 5);
	free(msgs);

	rc = render(a, "[js](javascript:x)\n", 0, 1, &r, &msgs);
	CHECK("javascript: refused when unsafe too",
	    rc == -1 && !contains(r.html, "javascript"));
	free(msgs);

	/* Raw HTML */
	rc = render(a, "<div onclick=\"x()\">lohko</div>\n\nTeksti "
	    "<script>alert(1)</script>.\n", 0, 0, &r, &msgs);
	CHECK("raw html: ok", rc == 0);
	CHECK("raw html: dropped", !contains(r.html, "<div") &&
	    !contains(r.html, "<script"));
	CHECK_STR("raw html: summary dropped too", r.summary_html,
	    "<p>Teksti <!-- raw HTML omitted -->alert(1)<!-- raw HTML omitted -->"
	    ".</p>");
	free(msgs);

	rc = render(a, "<div class=\"x\">lohko</div>\n\n## Otsikko\n\nTeksti "
	    "<b>lihava</b>.\n", 0, 1, &r, &msgs);
	CHECK_STR("raw html: kept when unsafe", r.html,
	    "<div class=\"x\">lohko</div>\n"
	    "<h2 id=\"otsikko\">Otsikko</h2>\n"
	    "<p>Teksti <b>lihava</b>.</p>\n");
	free(msgs);

	/* Summary and words */
	rc = render(a, "# Otsikko\n\nEnsimmäinen *kappale*, `koodi` ja\n"
	    "[linkki](toinen.md) — loppu.\n\nToinen kappale.\n", 0, 0, &r,
	    &msgs);
	CHECK_STR("summary: html", r.summary_html,
	    "<p>Ensimmäinen <em>kappale</em>, <code>koodi</code> ja\n"
	    "<a href=\"/lape/blogi/2017/toinen/\">linkki</a> — loppu.</p>");
	CHECK_STR("summary: text", r.summary_text,
	    "Ensimmäinen kappale, koodi ja linkki — loppu.");
	CHECK("words: text nodes only, headings too", r.words == 8);
	free(msgs);

	/* Words are skipped a run at a time: long ones, ä inside, and the
	 * spaces beyond ASCII that still end one. */
	rc = render(a, "Pitkäjänteisyyttä\xc2\xa0vaativa työ – e-mail, "
	    "2024!!! ääkköset\xe2\x80\x83tässä\xc2\xbbx\n", 0, 0, &r, &msgs);
	CHECK("words: no-break and em space end a word, » does not",
	    r.words == 7);
	free(msgs);

	rc = render(a, "> Lainaus ei ole tiivistelmä.\n\n- eikä lista\n\n"
	    "Vaan tämä.\n", 0, 0, &r, &msgs);
	CHECK_STR("summary: first top-level paragraph", r.summary_text,
	    "Vaan tämä.");
	free(msgs);

	rc = render(a, "", 0, 0, &r, &msgs);
	CHECK("empty: ok", rc == 0 && r.html && !*r.html && r.nlinks == 0 &&
	    r.words == 0 && r.summary_html && r.summary_text);
	free(msgs);

	/* line_offset, columns in characters */
	rc = render(a, "Rivi.\n\nÄäkköset ennen [linkkiä](a.png).\n", 4, 0, &r,
	    &msgs);
	CHECK("line_offset: link line", r.nlinks == 1 && r.links[0].line == 7);
	CHECK("line_offset: column in characters", r.nlinks == 1 &&
	    r.links[0].col == 16);
	free(msgs);

	/* Several links on one line are counted on from the last one
	 * (linear); columns stay in characters. */
	rc = render(a, "Ää [a](x.png) öö [b](y.png)\nÅ [c](z.png) [![d](i.png)](w.png)\n",
	    0, 0, &r, &msgs);
	CHECK("links on one line: columns", r.nlinks == 5 &&
	    r.links[0].col == 4 && r.links[1].col == 18 &&
	    r.links[2].line == 2 && r.links[2].col == 3 &&
	    r.links[3].col == 14 && r.links[4].col == 15);
	free(msgs);

	/* Long headings alike in their first 128 bytes: ids cut before the
	 * suffix, so each stays unique and within LIMIT_ID_BYTES. */
	{
		char head[400] = "# ";
		for (int i = 0; i < 300; i++)
			strcat(head, "a");
		char text[1300];
		snprintf(text, sizeof text, "%sb\n\n%sc\n\n%sd\n", head, head,
		    head);
		rc = render(a, text, 0, 0, &r, &msgs);
		char want[300] = "<h1 id=\"";
		for (int i = 0; i < 117; i++)
			strcat(want, "a");
		CHECK("long headings: first id cut to 117 bytes",
		    contains(r.html, strcat(want, "\">")));
		want[strlen(want) - 2] = '\0';
		CHECK("long headings: second and third get -2 and -3",
		    contains(r.html, strcat(want, "-2\">")) &&
		    contains(r.html, "aaa-3\">"));
		free(msgs);
	}

	/* Many equal headings stay unique. */
	{
		size_t n = 3000, len = 0;
		char *big = malloc(n * 8 + 1);
		for (size_t i = 0; i < n; i++) {
			memcpy(big + len, "## Sama\n", 8);
			len += 8;
		}
		big[len] = '\0';
		rc = render(a, big, 0, 0, &r, &msgs);
		CHECK("many headings: last id",
		    contains(r.html, "<h2 id=\"sama-3000\">Sama</h2>\n"));
		free(big);
		free(msgs);
	}

	arena_free(a);
	CHECK("markdown: every render's lengths are its strings'",
	    wrong_len == 0);
	CHECK_DONE();
}
