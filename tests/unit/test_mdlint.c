/* mdlint: the warnings for a body that renders but loses something (no
 * alt text, a second main heading, a skipped level, another generator's
 * template code, raw HTML left out), exact, at FILE:LINE:COL; and that a
 * text without them gets none. */
#include <stdlib.h>

#include "check.h"
#include "parse/markdown.h"
#include "parse/mdlint.h"

/* The messages md_render gives for text, as x.md with the body on line 4
 * (front matter above it); unsafe as site.yaml's unsafe_html. */
static const char *msgs(const char *text, int unsafe)
{
	static char copy[4096];
	char *out = NULL;
	size_t n = 0;
	arena *a = arena_new();
	md_options o = {0};
	o.unsafe = unsafe;
	o.link_base = "/lape/blogi/";
	md_result r;
	FILE *f = open_memstream(&out, &n);
	diag *d = diag_new(f);
	md_render(a, "x.md", text, strlen(text), 3, &o, &r, d);
	diag_free(d);
	fclose(f);
	snprintf(copy, sizeof copy, "%s", out);
	free(out);
	arena_free(a);
	return copy;
}

int main(void)
{
	CHECK_STR("a clean text", msgs("Teksti.\n\n## Väliotsikko\n\n"
	    "### Alaotsikko\n\n![Kartta Raisiosta](kartta.png)\n", 0), "");
	CHECK_STR("an image without alt text",
	    msgs("Kuva: ![](kuva.png)\n", 0),
	    "x.md:4:7: warning: the image kuva.png has no text for readers "
	    "who cannot see it: describe it between the brackets, like "
	    "![What the picture shows](kuva.png)\n");
	CHECK_STR("alt text of spaces is none", msgs("![  ](kuva.png)\n", 0),
	    "x.md:4:1: warning: the image kuva.png has no text for readers "
	    "who cannot see it: describe it between the brackets, like "
	    "![What the picture shows](kuva.png)\n");
	CHECK_STR("a main heading in the text",
	    msgs("Alku.\n\n# Toinen pääotsikko\n", 0),
	    "x.md:6:1: warning: a main heading (#) in the text: the title is "
	    "already the page's main heading; start the text's headings with "
	    "##\n");
	CHECK_STR("a skipped level", msgs("## Kaksi\n\n#### Neljä\n", 0),
	    "x.md:6:1: warning: a level 4 heading follows a level 2 heading, "
	    "skipping a level that screen readers use to find their way: use "
	    "### here\n");
	CHECK_STR("### first skips ##", msgs("### Kolme\n", 0),
	    "x.md:4:1: warning: a level 3 heading follows a level 1 heading, "
	    "skipping a level that screen readers use to find their way: use "
	    "## here\n");
	CHECK_STR("Jekyll's template code",
	    msgs("Katso {% include kartta.html %} tästä.\n", 0),
	    "x.md:4:1: warning: template code of another site generator "
	    "({% ... %}) shows on the page as it is: remove it, or write in "
	    "Markdown what it made (a link, a picture)\n");
	CHECK_STR("Hugo's shortcode, split by cmark at '<'",
	    msgs("Video:\n\n{{< youtube abc >}}\n", 0),
	    "x.md:6:1: warning: template code of another site generator "
	    "({{< ... >}}) shows on the page as it is: remove it, or write in "
	    "Markdown what it made (a link, a picture)\n");
	CHECK_STR("Hugo's {{% %}}, once per text",
	    msgs("{{% note %}}\n\n{{% note %}}\n", 0),
	    "x.md:4:1: warning: template code of another site generator "
	    "({{% ... %}}) shows on the page as it is: remove it, or write in "
	    "Markdown what it made (a link, a picture)\n");
	CHECK_STR("template code in a code block is meant",
	    msgs("```\n{% include x %}\n```\n\n`{{< y >}}`\n", 0), "");
	CHECK_STR("raw HTML left out: where and how much",
	    msgs("Teksti.\n\n<div class=\"x\">\nhei\n</div>\n\nja <b>tämä</b>\n",
	    0),
	    "x.md:6:1: warning: raw HTML is left out of the page (3 pieces, "
	    "34 characters, the first here): write it in Markdown instead\n");
	CHECK_STR("raw HTML, one piece", msgs("Rivi<br>\n", 0),
	    "x.md:4:5: warning: raw HTML is left out of the page (1 piece, 4 "
	    "characters, the first here): write it in Markdown instead\n");
	CHECK_STR("raw HTML kept (unsafe_html): no warning",
	    msgs("Rivi<br>\n", 1), "");

	/* The count a sanitiser can use. */
	cmark_node *doc = cmark_parse_document("a <i>b</i>\n\n<p>c</p>\n", 21,
	    CMARK_OPT_DEFAULT);
	mdlint_html h;
	mdlint_raw_html(doc, &h);
	CHECK("raw HTML: three pieces", h.pieces == 3);
	CHECK("raw HTML: their bytes", h.bytes == 3 + 4 + 9);
	CHECK("raw HTML: the first is inline", h.first &&
	    cmark_node_get_type(h.first) == CMARK_NODE_HTML_INLINE);
	cmark_node_free(doc);
	CHECK_DONE();
}
