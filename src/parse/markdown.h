/* markdown: CommonMark → HTML with cmark, plus what saitti adds:
 * heading ids, relative links made site-absolute, and the summary.
 * Pure apart from calling cmark; thread-safe (no shared state). */
#ifndef SAITTI_MARKDOWN_H
#define SAITTI_MARKDOWN_H

#include <stddef.h>

#include "../core/arena.h"
#include "../core/diag.h"
#include "../core/hash.h"

typedef struct md_link {
	const char *target;   /* as written in the Markdown */
	const char *url;      /* as the HTML has it: relative links made
	                       * site-absolute, .md links made page URLs */
	int line, col;        /* in the whole file */
	int is_image;
} md_link;

/* What becomes of raw HTML in Markdown (site.yaml `html:`). */
enum {
	MD_HTML_OMIT,     /* left out, with an HTML comment saying so */
	MD_HTML_ALLOW,    /* passed through (html: allow, unsafe_html) */
	MD_HTML_SANITIZE, /* kept when allowed (sanitize.h), the rest reported */
	MD_HTML_ESCAPE    /* shown as text */
};

typedef struct md_options {
	int unsafe;           /* an MD_HTML_… policy for raw HTML */
	/* With MD_HTML_SANITIZE: the hosts whose iframes stay
	 * (NULL-terminated; NULL for none). */
	const char *const *iframe_hosts;
	/* Prefix that turns a relative URL into a site-absolute one: the
	 * source file's folder under the site's base path, e.g.
	 * "/lape/blogi/2017/". "../x" is resolved against it; a result that
	 * climbs above the base path is left as written and reported. */
	const char *link_base;
	/* Called for a relative link to a Markdown file (path resolved against
	 * the file's content folder, e.g. "blogi/2017/foo.md"): returns the
	 * page's URL, or NULL to leave the link as written, or "" for a page
	 * that is not published yet (a future post): the link is then written
	 * as its text alone. May be NULL. */
	const char *(*resolve_md)(void *ctx, const char *content_path);
	void *resolve_ctx;
} md_options;

typedef struct md_result {
	const char *html;          /* the whole body */
	/* strlen(html), so that a view of the body need not read it (a big
	 * site's bodies are read from a file's map: model/bodystore.h);
	 * whoever rewrites html sets it again. 0 for "", or when a
	 * result made by hand does not say. */
	size_t html_len;
	/* hash_bytes of html, so that keys need not read it again; zero
	 * when not known. Set by model/mdcache; whoever rewrites html
	 * (render/picture) sets it again. */
	hash128 html_sum;
	/* The same of summary_html and summary_text together. */
	hash128 summary_sum;
	const char *summary_html;  /* the first paragraph, as HTML ("" if none) */
	const char *summary_text;  /* the first paragraph as plain text */
	size_t summary_html_len, summary_text_len;   /* as html_len */
	md_link *links;            /* every link and image target, in order */
	size_t nlinks;
	size_t words;              /* word count of the text */
	int reported;              /* errors or warnings went to diag */
} md_result;

/* file and line_offset place positions (body_line - 1 of fm_doc).
 * Headings get ids from their text through slug_make ("Mitä tehdään?" →
 * "mita-tehdaan"), made unique in the document with -2, -3…; links with
 * javascript:, vbscript: or data: schemes are reported as errors.
 * Returns 0, or -1 after an error (reported to d). */
/* cmark's version: its output is part of ours. */
const char *md_engine_version(void);

int md_render(arena *a, const char *file, const char *text, size_t len,
    int line_offset, const md_options *opt, md_result *out, diag *d);

#endif
