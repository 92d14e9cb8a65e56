#include "markdown.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>

#include "../core/buf.h"
#include "../core/i18n.h"
#include "../core/limits.h"
#include "../core/xmlpart.h"
#include "shortcode.h"
#include "slug.h"
#include "url.h"
#include "../core/i18n.h"
#include "mdlint.h"
#include "mdmem.h"
#include "utf8.h"
#include "wordcount.h"

/* Heading ids. cmark's HTML renderer writes headings without attributes,
 * so each heading is replaced, after the walk, by a custom block (which
 * only keeps block layout: a line end around it) holding a custom inline
 * whose on_enter/on_exit are `<hN id="…">` and `</hN>`; the heading's
 * inline children move into it. The output is what cmark writes for a
 * heading, plus the id, and cmark renders custom nodes in safe mode too. */

/* The ids used so far: an open-addressing hash set. Each entry also keeps
 * the next suffix to try for that id as a base, so a document with many
 * equal headings stays linear. */
struct id_entry {
	char *id; /* malloc'ed */
	unsigned next;
};

struct id_set {
	struct id_entry *e;
	size_t cap, len;
};

struct heading {
	cmark_node *node;
	const char *id; /* in the arena */
};

struct md {
	arena *a;
	cmark_mem *mem;   /* mdmem's: every node of the tree is made in it */
	const char *file;
	const char *text;
	size_t len;
	int line_offset;
	const md_options *opt;
	diag *d;
	int failed;
	int reported;   /* something went to diag (a warning, too) */

	size_t *lines; /* byte offset where each line starts; built lazily */
	size_t nlines;
	/* The last position counted: nodes come in document order, so the
	 * next one on the same line counts on from here (linear, not
	 * quadratic, for a line of 80,000 links). */
	int pos_line;
	size_t pos_byte;  /* offset in the file */
	int pos_chars;    /* its column in characters */

	md_link *links; /* malloc'ed while walking, copied to the arena */
	size_t nlinks, caplinks;

	struct heading *heads;
	size_t nheads, capheads;
	struct id_set ids;

	buf tmp;      /* scratch */
	buf headtext; /* text of the heading being walked */
	size_t words;
	int in_word;  /* the word count is inside a counted word */

	cmark_node **unwrap;  /* links to pages not out yet: text only */
	size_t nunwrap, capunwrap;
};

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (!p)
		abort();
	return p;
}

/* Positions */

/* cmark counts lines the way CommonMark ends them: LF, CR or CRLF. */
static void index_lines(struct md *m)
{
	size_t cap = 64;
	m->lines = xrealloc(NULL, cap * sizeof *m->lines);
	m->lines[m->nlines++] = 0;
	/* Without a CR (most files), memchr finds each line end. */
	int cr = memchr(m->text, '\r', m->len) != NULL;
	for (size_t i = 0; i < m->len; i++) {
		if (!cr) {
			const char *nl = memchr(m->text + i, '\n', m->len - i);
			if (!nl)
				break;
			i = (size_t)(nl - m->text);
		}
		char c = m->text[i];
		if (c != '\n' && c != '\r')
			continue;
		if (c == '\r' && i + 1 < m->len && m->text[i + 1] == '\n')
			i++;
		if (m->nlines == cap) {
			cap *= 2;
			m->lines = xrealloc(m->lines, cap * sizeof *m->lines);
		}
		m->lines[m->nlines++] = i + 1;
	}
}

/* A node's position in the whole file, its column counted in characters
 * (cmark counts bytes). */
static void node_pos(struct md *m, cmark_node *n, int *line, int *col)
{
	int l = cmark_node_get_start_line(n);
	int c = cmark_node_get_start_column(n);
	if (l <= 0) {
		*line = *col = 0;
		return;
	}
	if (!m->lines)
		index_lines(m);
	int chars = c;
	if ((size_t)l <= m->nlines && c > 0) {
		size_t start = m->lines[l - 1];
		size_t end = start + (size_t)c - 1;
		if (end > m->len)
			end = m->len;
		chars = 1;
		if (m->pos_line == l && m->pos_byte <= end) {
			start = m->pos_byte;
			chars = m->pos_chars;
		}
		chars += utf8_count(m->text + start, end - start);
		m->pos_line = l;
		m->pos_byte = end;
		m->pos_chars = chars;
	}
	*line = l + m->line_offset;
	*col = chars;
}

static void lint_pos(void *ctx, cmark_node *n, int *line, int *col)
{
	node_pos(ctx, n, line, col);
}

/* Words */

/* A word is a run of non-space characters with a letter or digit in it
 * (parse/wordcount). */
static void count_words(struct md *m, const char *s, size_t n)
{
	m->words += wordcount(s, n, &m->in_word);
}

/* Links */

static void add_link(struct md *m, const char *url, int line, int col,
    int is_image)
{
	if (m->nlinks == m->caplinks) {
		m->caplinks = m->caplinks ? m->caplinks * 2 : 16;
		m->links = xrealloc(m->links, m->caplinks * sizeof *m->links);
	}
	md_link *l = &m->links[m->nlinks++];
	l->target = arena_strdup(m->a, url);
	l->line = line;
	l->col = col;
	l->is_image = is_image;
}

/* The scheme as a browser reads it: leading spaces and control characters
 * skipped, tabs and line ends inside ignored. Lowercased into out; returns
 * 0 when the URL has no scheme. */
static int ends_with_md(const char *s, size_t n)
{
	return n > 3 && s[n - 3] == '.' && (s[n - 2] | 0x20) == 'm' &&
	    (s[n - 1] | 0x20) == 'd';
}

/* Resolves rel[0..rlen) against the folder base into m->tmp. Returns -1
 * when "../" climbs above the start of base. */
static int join_path(struct md *m, const char *base, size_t blen,
    const char *rel, size_t rlen)
{
	buf *b = &m->tmp;
	buf_reset(b);
	buf_put(b, base, blen);
	if (b->len && b->data[b->len - 1] != '/')
		buf_putc(b, '/');
	size_t root = b->len && b->data[0] == '/';
	size_t i = 0;
	while (i < rlen) {
		size_t j = i;
		while (j < rlen && rel[j] != '/')
			j++;
		size_t n = j - i;
		if (n == 2 && rel[i] == '.' && rel[i + 1] == '.') {
			if (b->len <= root)
				return -1;
			size_t k = b->len - 1;
			while (k > root && b->data[k - 1] != '/')
				k--;
			b->len = k;
			b->data[k] = '\0';
		} else if (n > 0 && !(n == 1 && rel[i] == '.')) {
			buf_put(b, rel + i, n);
			if (j < rlen)
				buf_putc(b, '/');
		}
		i = j + 1;
	}
	return 0;
}

static void climbs(struct md *m, const char *url, int line, int col,
    const char *what)
{
	m->reported = 1;
	diag_warn(m->d, m->file, line, col, _("'%s' climbs above %s: check the "
	    "number of '../' (left as written)"), url, what);
}

static void rewrite_link(struct md *m, cmark_node *n, const char *url,
    int line, int col, int is_image);

static void do_link(struct md *m, cmark_node *n, int is_image)
{
	const char *url = cmark_node_get_url(n);
	if (!url)
		url = "";
	int line, col;
	node_pos(m, n, &line, &col);
	add_link(m, url, line, col, is_image);
	size_t i = m->nlinks - 1;
	rewrite_link(m, n, url, line, col, is_image);
	const char *final = cmark_node_get_url(n);
	m->links[i].url = arena_strdup(m->a, final ? final : "");
}

static void rewrite_link(struct md *m, cmark_node *n, const char *url,
    int line, int col, int is_image)
{
	char scheme[16];
	if (url_scheme(url, scheme, sizeof scheme)) {
		if (url_refused(url)) {
			if (is_image)
				diag_error(m->d, m->file, line, col, _("image with a "
				    "'%s:' URL is not allowed: save the image as a "
				    "file and give its name instead"), scheme);
			else
				diag_error(m->d, m->file, line, col, _("link "
				    "with a '%s:' URL is not allowed (it could "
				    "run code in the reader's browser): link "
				    "to a page or a file instead"), scheme);
			m->failed = 1;
			cmark_node_set_url(n, "");
		}
		return;
	}
	/* Site-absolute, protocol-relative, same page, or empty. */
	if (url[0] == '\0' || url[0] == '/' || url[0] == '#' || url[0] == '?')
		return;

	const md_options *o = m->opt;
	size_t plen = strcspn(url, "?#");
	const char *suffix = url + plen;

	if (!is_image && o->resolve_md && ends_with_md(url, plen)) {
		const char *slash = strrchr(m->file ? m->file : "", '/');
		size_t dlen = slash ? (size_t)(slash - m->file) : 0;
		if (join_path(m, m->file ? m->file : "", dlen, url, plen) < 0) {
			climbs(m, url, line, col, _("the content folder"));
			return;
		}
		const char *page = o->resolve_md(o->resolve_ctx, m->tmp.data);
		if (page && !*page) {
			/* Not out yet: its text, unlinked until then. */
			if (m->nunwrap == m->capunwrap) {
				m->capunwrap = m->capunwrap ? m->capunwrap * 2 : 4;
				m->unwrap = xrealloc(m->unwrap, m->capunwrap *
				    sizeof *m->unwrap);
			}
			m->unwrap[m->nunwrap++] = n;
		} else if (page) {
			buf_reset(&m->tmp);
			buf_puts(&m->tmp, page);
			buf_puts(&m->tmp, suffix);
			cmark_node_set_url(n, m->tmp.data);
		}
		return;
	}
	if (!o->link_base)
		return;
	if (join_path(m, o->link_base, strlen(o->link_base), url, plen) < 0) {
		climbs(m, url, line, col, _("the site's root"));
		return;
	}
	buf_puts(&m->tmp, suffix);
	cmark_node_set_url(n, m->tmp.data);
}

/* Headings */

static size_t hash_str(const char *s)
{
	size_t h = 5381;
	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

static struct id_entry *id_find(struct id_set *set, const char *id)
{
	if (!set->cap)
		return NULL;
	size_t i = hash_str(id) & (set->cap - 1);
	while (set->e[i].id) {
		if (!strcmp(set->e[i].id, id))
			return &set->e[i];
		i = (i + 1) & (set->cap - 1);
	}
	return NULL;
}

static void id_add(struct id_set *set, const char *id)
{
	if ((set->len + 1) * 2 > set->cap) {
		size_t cap = set->cap ? set->cap * 2 : 16;
		struct id_entry *e = calloc(cap, sizeof *e);
		if (!e)
			abort();
		for (size_t k = 0; k < set->cap; k++) {
			if (!set->e[k].id)
				continue;
			size_t i = hash_str(set->e[k].id) & (cap - 1);
			while (e[i].id)
				i = (i + 1) & (cap - 1);
			e[i] = set->e[k];
		}
		free(set->e);
		set->e = e;
		set->cap = cap;
	}
	size_t i = hash_str(id) & (set->cap - 1);
	while (set->e[i].id)
		i = (i + 1) & (set->cap - 1);
	set->e[i].id = strdup(id);
	if (!set->e[i].id)
		abort();
	set->e[i].next = 2;
	set->len++;
}

static void id_free(struct id_set *set)
{
	for (size_t k = 0; k < set->cap; k++)
		free(set->e[k].id);
	free(set->e);
}

/* The heading's id: its text as a slug, "section-N" (N counting headings)
 * when that is empty, then "-2", "-3"… until unused. */
static const char *heading_id(struct md *m)
{
	char *base = slug_make(m->a, m->headtext.data ? m->headtext.data :
	    "", m->headtext.len);
	if (!base || !*base)
		base = arena_printf(m->a, "section-%zu", m->nheads + 1);
	/* Cut before any suffix, leaving room for one ("-4294967295"), so
	 * that two long headings alike in their first bytes still get two
	 * ids. A slug is ASCII: any byte is a boundary. */
	size_t room = LIMIT_ID_BYTES - 11;
	if (strlen(base) > room) {
		base[room] = '\0';
		while (room > 1 && base[room - 1] == '-')
			base[--room] = '\0';
	}
	struct id_entry *e = id_find(&m->ids, base);
	if (!e) {
		id_add(&m->ids, base);
		return base;
	}
	const char *id;
	unsigned k = e->next;
	for (;;) {
		buf_reset(&m->tmp);
		buf_printf(&m->tmp, "%s-%u", base, k++);
		if (!id_find(&m->ids, m->tmp.data))
			break;
	}
	e->next = k;
	id = arena_strndup(m->a, m->tmp.data, m->tmp.len);
	id_add(&m->ids, id);
	return id;
}

static void add_heading(struct md *m, cmark_node *n)
{
	const char *id = heading_id(m);
	if (m->nheads == m->capheads) {
		m->capheads = m->capheads ? m->capheads * 2 : 16;
		m->heads = xrealloc(m->heads, m->capheads * sizeof *m->heads);
	}
	m->heads[m->nheads].node = n;
	m->heads[m->nheads++].id = id;
}

static void give_id(cmark_mem *mem, cmark_node *h, const char *id)
{
	char open[LIMIT_ID_BYTES + 32], close[8];
	int level = cmark_node_get_heading_level(h);
	/* heading_id keeps an id within LIMIT_ID_BYTES: never cut here.
	 * Put together by hand (cmark's levels are 1 to 6): a printf for
	 * each of 14,000 headings at 10,000 posts showed. */
	size_t il = strlen(id);
	if (il > LIMIT_ID_BYTES)
		il = LIMIT_ID_BYTES;
	char digit = (char)('0' + (level >= 1 && level <= 6 ? level : 6));
	memcpy(open, "<h", 2);
	open[2] = digit;
	memcpy(open + 3, " id=\"", 5);
	memcpy(open + 8, id, il);
	memcpy(open + 8 + il, "\">", 3);
	memcpy(close, "</h", 3);
	close[3] = digit;
	memcpy(close + 4, ">", 2);
	cmark_node *block = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_BLOCK,
	    mem);
	cmark_node *in = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_INLINE,
	    mem);
	cmark_node_set_on_enter(in, open);
	cmark_node_set_on_exit(in, close);
	cmark_node *c;
	while ((c = cmark_node_first_child(h)) != NULL) {
		cmark_node_unlink(c);
		cmark_node_append_child(in, c);
	}
	cmark_node_append_child(block, in);
	cmark_node_replace(h, block);
	cmark_node_free(h);
}

/* The walk */

static int is_block(cmark_node_type t)
{
	return t >= CMARK_NODE_FIRST_BLOCK && t <= CMARK_NODE_LAST_BLOCK;
}

static void walk(struct md *m, cmark_node *doc)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	int in_heading = 0, in_image = 0; /* images nest in alt text */
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		int enter = ev == CMARK_EVENT_ENTER;
		if (is_block(t))
			m->in_word = 0;
		switch (t) {
		case CMARK_NODE_HEADING:
			if (enter) {
				in_heading = 1;
				buf_reset(&m->headtext);
			} else {
				in_heading = 0;
				add_heading(m, n);
			}
			break;
		case CMARK_NODE_LINK:
		case CMARK_NODE_IMAGE:
			if (enter)
				do_link(m, n, t == CMARK_NODE_IMAGE);
			if (t == CMARK_NODE_IMAGE)
				in_image += enter ? 1 : -1;
			break;
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE: {
			const char *s = cmark_node_get_literal(n);
			size_t len = s ? strlen(s) : 0;
			if (in_heading)
				buf_put(&m->headtext, s ? s : "", len);
			if (t == CMARK_NODE_TEXT && !in_image)
				count_words(m, s ? s : "", len);
			break;
		}
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			if (in_heading)
				buf_putc(&m->headtext, ' ');
			m->in_word = 0;
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
}

/* Plain text of a paragraph: text and code, line breaks as spaces. */
static const char *plain_text(struct md *m, cmark_node *para)
{
	buf_reset(&m->tmp);
	buf_grow(&m->tmp, 0);
	cmark_iter *it = cmark_iter_new(para);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE: {
			const char *s = cmark_node_get_literal(n);
			if (s)
				buf_puts(&m->tmp, s);
			break;
		}
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			buf_putc(&m->tmp, ' ');
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	return arena_strndup(m->a, m->tmp.data, m->tmp.len);
}

/* Copies cmark's rendering into the arena and frees it; trailing line
 * ends are dropped when trim is set. */
static const char *render(struct md *m, cmark_node *n, int options, int trim)
{
	char *html = cmark_render_html(n, options);   /* in the node's mem */
	size_t len = strlen(html);
	while (trim && len && html[len - 1] == '\n')
		len--;
	/* What HTML forbids is left out: from the text, and from
	 * character references (&#1;, &#xFFFE;), which cmark decodes. */
	len = utf8_html_strip(html, len);
	const char *copy = arena_strndup(m->a, html, len);
	m->mem->free(html);
	return copy;
}

const char *md_engine_version(void)
{
	return cmark_version_string();
}

/* Raw HTML nodes: counts them and notes the first one's line; with
 * `escape`, turns each into text (a paragraph for a block), shown as
 * written. */
/* Liquid or shortcodes left in the text: the first, and how many. */
struct leftover {
	size_t n;
	int line;
	const char *text;
	size_t len;
};

static size_t raw_html(cmark_mem *mem, cmark_node *doc, int escape,
    int *first_line, struct leftover *lo)
{
	size_t n = 0, cap = 0;
	cmark_node **nodes = NULL;
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *nd = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(nd);
		size_t tl;
		const char *tag = ev == CMARK_EVENT_ENTER &&
		    t == CMARK_NODE_TEXT ? shortcode_find(
		    cmark_node_get_literal(nd), &tl) : NULL;
		if (tag && !lo->n++) {
			lo->line = cmark_node_get_start_line(nd);
			lo->text = tag;
			lo->len = tl;
		}
		if (ev != CMARK_EVENT_ENTER || (t != CMARK_NODE_HTML_BLOCK &&
		    t != CMARK_NODE_HTML_INLINE))
			continue;
		if (!n)
			*first_line = cmark_node_get_start_line(nd);
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			nodes = realloc(nodes, cap * sizeof *nodes);
			if (!nodes)
				abort();
		}
		nodes[n++] = nd;
	}
	cmark_iter_free(it);
	for (size_t i = 0; escape && i < n; i++) {
		cmark_node *text = cmark_node_new_with_mem(CMARK_NODE_TEXT, mem);
		cmark_node_set_literal(text, cmark_node_get_literal(nodes[i]));
		cmark_node *repl = text;
		if (cmark_node_get_type(nodes[i]) == CMARK_NODE_HTML_BLOCK) {
			repl = cmark_node_new_with_mem(CMARK_NODE_PARAGRAPH,
			    mem);
			cmark_node_append_child(repl, text);
		}
		cmark_node_replace(nodes[i], repl);
		cmark_node_free(nodes[i]);
	}
	free(nodes);
	return n;
}

/* html: sanitize: what the allow-list removed, reported once per file. */
static const char *sanitized(struct md *m, const char *html, int line,
    int report)
{
	const char *what;
	size_t removed;
	const xml_ops *x = xmlpart();
	if (!x) {
		/* Once a file, as what was removed (the summary's is a
		 * second pass over the same HTML). */
		if (report)
			/* TRANSLATORS: %s is the loader's own reason (a file
			 * name and a system message). */
			diag_error(m->d, m->file, line + m->line_offset, 1,
			    _("raw HTML cannot be checked: saitti's HTML part "
			    "did not load (%s); install saitti again, or build "
			    "it with make"), xmlpart_error());
		m->reported = 1;
		return "";
	}
	const char *safe = x->sanitize_html(m->a, html, strlen(html),
	    m->opt->iframe_hosts, &what, &removed);
	if (removed && report) {
		/* TRANSLATORS: %s lists what was removed, like "2 × <script>,
		 * 1 × onclick=". */
		diag_warn(m->d, m->file, line + m->line_offset, 1,
		    P_("raw HTML: %zu piece that is not safe was removed "
		    "(%s); html: sanitize in site.yaml keeps text, tables, "
		    "details and iframes from iframe_hosts",
		    "raw HTML: %zu pieces that are not safe were removed "
		    "(%s); html: sanitize in site.yaml keeps text, tables, "
		    "details and iframes from iframe_hosts", removed),
		    removed, what);
		m->reported = 1;
	}
	return safe;
}

int md_render(arena *a, const char *file, const char *text, size_t len,
    int line_offset, const md_options *opt, md_result *out, diag *d)
{
	static const md_options none = {0};
	struct md m = {0};
	m.a = a;
	m.file = file;
	m.text = text;
	m.len = len;
	m.line_offset = line_offset;
	m.opt = opt ? opt : &none;
	m.d = d;

	/* Control characters and noncharacters may not appear in HTML;
	 * cmark passes them through, and render() leaves them out. Said
	 * once, at the first, so nothing is dropped silently. */
	size_t bad = utf8_html_bad(text, len);
	if (bad < len) {
		int line, col;
		utf8_position(text, len, bad, &line, &col);
		m.reported = 1;
		diag_warn(d, file, line + line_offset, col, "%s",
		    _("a control character or a noncharacter (such as U+FFFE) "
		    "in the text: web pages may not hold it, so it was left "
		    "out; delete it"));
	}

	/* cmark_parse_document, in mdmem's memory. */
	m.mem = mdmem_begin();
	cmark_parser *parser = cmark_parser_new_with_mem(CMARK_OPT_SOURCEPOS |
	    CMARK_OPT_VALIDATE_UTF8, m.mem);
	cmark_parser_feed(parser, text, len);
	cmark_node *doc = cmark_parser_finish(parser);
	cmark_parser_free(parser);
	/* Before walk, which rewrites link addresses. */
	if (mdlint_check(doc, m.opt->unsafe, file, lint_pos, &m, d))
		m.reported = 1;
	walk(&m, doc);
	for (size_t i = 0; i < m.nunwrap; i++) {
		cmark_node *n = m.unwrap[i], *c;
		while ((c = cmark_node_first_child(n)) != NULL)
			cmark_node_insert_before(n, c);
		cmark_node_free(n);
	}
	free(m.unwrap);
	for (size_t i = 0; i < m.nheads; i++)
		give_id(m.mem, m.heads[i].node, m.heads[i].id);

	int raw_line = 1;
	struct leftover lo = {0};
	size_t nraw = raw_html(m.mem, doc, m.opt->unsafe == MD_HTML_ESCAPE,
	    &raw_line, &lo);
	/* Liquid or shortcodes left in the text are reported by mdlint
	 * (one message for both, issue 14 and 16). */
	(void)lo;
	/* Without raw HTML, every policy gives cmark's safe output. */
	int sanitize = m.opt->unsafe == MD_HTML_SANITIZE && nraw;
	int options = m.opt->unsafe == MD_HTML_ALLOW || sanitize ?
	    CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT;
	memset(out, 0, sizeof *out);
	out->html = render(&m, doc, options, 0);
	if (sanitize)
		out->html = sanitized(&m, out->html, raw_line, 1);
	out->html_len = strlen(out->html);
	out->summary_html = "";
	out->summary_text = "";
	for (cmark_node *c = cmark_node_first_child(doc); c;
	    c = cmark_node_next(c)) {
		if (cmark_node_get_type(c) == CMARK_NODE_PARAGRAPH) {
			out->summary_html = render(&m, c, options, 1);
			if (sanitize)
				out->summary_html = sanitized(&m,
				    out->summary_html, raw_line, 0);
			out->summary_text = plain_text(&m, c);
			break;
		}
	}
	out->summary_html_len = strlen(out->summary_html);
	out->summary_text_len = strlen(out->summary_text);
	if (m.nlinks) {
		out->links = arena_alloc(a, m.nlinks * sizeof *out->links);
		memcpy(out->links, m.links, m.nlinks * sizeof *out->links);
	}
	out->nlinks = m.nlinks;
	out->words = m.words;
	out->reported = m.reported || m.failed;

	/* The tree goes with mdmem's memory: no walk to free each node. */
	mdmem_end(doc);
	free(m.lines);
	free(m.links);
	free(m.heads);
	id_free(&m.ids);
	buf_free(&m.tmp);
	buf_free(&m.headtext);
	return m.failed ? -1 : 0;
}
