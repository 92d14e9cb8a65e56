#include "mdlint.h"

#include <string.h>

#include "../core/i18n.h"

void mdlint_raw_html(cmark_node *doc, mdlint_html *out)
{
	memset(out, 0, sizeof *out);
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		if (ev != CMARK_EVENT_ENTER || (t != CMARK_NODE_HTML_BLOCK &&
		    t != CMARK_NODE_HTML_INLINE))
			continue;
		const char *s = cmark_node_get_literal(n);
		out->pieces++;
		out->bytes += s ? strlen(s) : 0;
		if (!out->first)
			out->first = n;
	}
	cmark_iter_free(it);
}

/* 1 when an image's alt text (the text of its children) has a letter or
 * digit, or anything but spaces. */
static int has_alt(cmark_node *img)
{
	cmark_iter *it = cmark_iter_new(img);
	cmark_event_type ev;
	int found = 0;
	while (!found && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (n == img)
			continue;
		const char *s = cmark_node_get_literal(n);
		if (s && s[strspn(s, " \t")])
			found = 1;
	}
	cmark_iter_free(it);
	return found;
}

/* Which generator's template tag starts at s, if any. */
static const char *template_tag(const char *s)
{
	if (!strncmp(s, "{%", 2))
		return "{% ... %}";
	if (!strncmp(s, "{{<", 3))
		return "{{< ... >}}";
	if (!strncmp(s, "{{%", 3))
		return "{{% ... %}}";
	return NULL;
}

/* A text node and the start of those after it: cmark splits text at
 * characters such as '<', so "{{<" may span two nodes. */
static const char *template_in(cmark_node *n)
{
	const char *s = cmark_node_get_literal(n);
	if (!s)
		return NULL;
	char look[8];
	for (const char *p = s; (p = strchr(p, '{')) != NULL; p++) {
		size_t k = strnlen(p, 3);
		memcpy(look, p, k);
		for (cmark_node *x = cmark_node_next(n); k < 3 && x &&
		    cmark_node_get_type(x) == CMARK_NODE_TEXT;
		    x = cmark_node_next(x)) {
			const char *t = cmark_node_get_literal(x);
			while (t && *t && k < 3)
				look[k++] = *t++;
		}
		look[k] = '\0';
		const char *tag = template_tag(look);
		if (tag)
			return tag;
	}
	return NULL;
}

int mdlint_check(cmark_node *doc, int unsafe, const char *file,
    mdlint_pos pos, void *ctx, diag *d)
{
	int warned = 0, line, col;
	int level = 1;   /* the title is the page's main heading */
	int templates = 0;
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		cmark_node *n = cmark_iter_get_node(it);
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_IMAGE:
			if (has_alt(n))
				break;
			pos(ctx, n, &line, &col);
			/* TRANSLATORS: %s is the image's address; the
			 * bracket text of the example is translated. */
			diag_warn(d, file, line, col, _("the image %s has no "
			    "text for readers who cannot see it: describe it "
			    "between the brackets, like ![What the picture "
			    "shows](%s)"),
			    cmark_node_get_url(n), cmark_node_get_url(n));
			warned++;
			break;
		case CMARK_NODE_HEADING: {
			int h = cmark_node_get_heading_level(n);
			pos(ctx, n, &line, &col);
			if (h == 1) {
				diag_warn(d, file, line, col, _("a main "
				    "heading (#) in the text: the title is "
				    "already the page's main heading; start "
				    "the text's headings with ##"));
				warned++;
			} else if (h > level + 1) {
				/* TRANSLATORS: the numbers are heading levels:
				 * "### after # or ##, with no ## between". */
				diag_warn(d, file, line, col, _("a level %d "
				    "heading follows a level %d heading, "
				    "skipping a level that screen readers use "
				    "to find their way: use %.*s here"),
				    h, level, level + 1,
				    "######");
				warned++;
			}
			level = h;
			break;
		}
		case CMARK_NODE_TEXT: {
			const char *tag = templates ? NULL : template_in(n);
			if (!tag)
				break;
			pos(ctx, n, &line, &col);
			/* TRANSLATORS: %s is the kind of tag, like
			 * {% ... %}. */
			diag_warn(d, file, line, col, _("template code of "
			    "another site generator (%s) shows on the page as "
			    "it is: remove it, or write in Markdown what it "
			    "made (a link, a picture)"), tag);
			templates = 1;   /* once a text is enough */
			warned++;
			break;
		}
		default:
			break;
		}
	}
	cmark_iter_free(it);
	if (!unsafe) {
		mdlint_html h;
		mdlint_raw_html(doc, &h);
		if (h.pieces) {
			pos(ctx, h.first, &line, &col);
			diag_warn(d, file, line, col, P_("raw HTML is left "
			    "out of the page (%zu piece, %zu characters, the "
			    "first here): write it in Markdown instead",
			    "raw HTML is left out of the page (%zu pieces, %zu "
			    "characters, the first here): write it in Markdown "
			    "instead", h.pieces), h.pieces, h.bytes);
			warned++;
		}
	}
	return warned;
}
