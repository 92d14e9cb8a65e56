#include "linkscan.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>

#include "../core/buf.h"

/* Elements of a feed or sitemap whose text is a URL, and those whose text
 * is HTML (a post's content). */
static const char *const xml_url_text[] = {"loc", "link", "url", "guid",
    "icon", "logo", NULL};
static const char *const xml_html_text[] = {"content:encoded",
    "description", "content", "summary", NULL};

/* Attributes whose value is one URL, on any element. */
static const char *const html_url_attrs[] = {"href", "src", "poster",
    "action", "cite", "data", "formaction", NULL};
static const size_t html_url_attr_len[] = {4, 3, 6, 6, 4, 4, 10};

struct scan {
	scan_file *f;
	arena *a;
	scan_urls *urls;    /* or NULL */
	buf key;            /* a reference's address, trimmed, for urls */
	buf val;            /* attr_scratch's */
	void *ctxt;         /* the libxml2 parser, for line numbers */
	int line0;          /* added to the parser's lines (HTML in a feed) */
	int html;
	/* HTML: the tag html_start is given, and the line of a place
	 * before it; the tag's line is counted only when a reference needs
	 * it (most tags have none). */
	const char *tag, *counted;
	int counted_line;
	/* XML: the text of the element being read, when it is wanted. */
	int text_kind;      /* 0 none, 1 a URL, 2 HTML */
	int text_line;
	int guid_not_link;  /* <guid isPermaLink="false"> */
	buf text;
};

void linkscan_init(void)
{
	xmlInitParser();
}

static int in_list(const char *s, const char *const *list)
{
	for (size_t i = 0; list[i]; i++)
		if (s[0] == list[i][0] && !strcasecmp(s, list[i]))
			return 1;
	return 0;
}

static int cur_line(struct scan *S)
{
	xmlParserCtxtPtr c = S->ctxt;
	int line = c && c->input ? c->input->line : 0;
	return S->line0 + line;
}

/* url[0..n)'s entry in S->urls, made when it is new. */
static scan_url *intern(struct scan *S, const char *url, size_t n)
{
	scan_urls *U = S->urls;
	/* A whole value of attr_scratch ends at its '\0'; any other (a
	 * srcset's, a trimmed one, a feed's text) is copied to end so. */
	if (!S->val.data || url + n != S->val.data + S->val.len - 1) {
		buf_reset(&S->key);
		buf_put(&S->key, url, n);
		buf_putc(&S->key, '\0');
		url = S->key.data;
	}
	scan_url *u = strmap_get(U->map, url);
	if (u)
		return u;
	u = arena_alloc(S->a, sizeof *u + n + 1);
	memcpy(u->text, url, n);
	u->text[n] = '\0';
	strmap_set(U->map, u->text, u);
	if (U->n == U->cap) {
		U->cap = U->cap ? U->cap * 2 : 256;
		U->v = realloc(U->v, U->cap * sizeof *U->v);
		if (!U->v)
			abort();
	}
	U->v[U->n++] = u;
	return u;
}

void scan_urls_free(scan_urls *urls)
{
	if (urls->map)
		strmap_free(urls->map);
	free(urls->v);
	*urls = (scan_urls){0};
}

static void add_ref(struct scan *S, const char *url, size_t n,
    const char *attr, int line)
{
	scan_file *f = S->f;
	if (f->nrefs == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 32;
		scan_ref *r = arena_alloc(S->a, f->cap * sizeof *r);
		if (f->nrefs)
			memcpy(r, f->refs, f->nrefs * sizeof *r);
		f->refs = r;
	}
	/* Surrounding spaces are not part of a URL (HTML strips them). */
	while (n && (*url == ' ' || *url == '\t' || *url == '\n' ||
	    *url == '\r'))
		url++, n--;
	while (n && (url[n - 1] == ' ' || url[n - 1] == '\t' ||
	    url[n - 1] == '\n' || url[n - 1] == '\r'))
		n--;
	scan_url *u = S->urls ? intern(S, url, n) : NULL;
	f->refs[f->nrefs++] = (scan_ref){u ? u->text :
	    arena_strndup(S->a, url, n), u, attr, line};
}

/* srcset="a.jpg 1x, b.jpg 2x": each candidate's URL. */
static void add_srcset(struct scan *S, const char *v, int line)
{
	const char *p = v;
	while (*p) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == ',')
			p++;
		if (!*p)
			break;
		size_t n = strcspn(p, " \t\n");
		/* A URL may hold commas; one that ends the candidate is not
		 * part of it. */
		size_t u = n;
		while (u && p[u - 1] == ',')
			u--;
		add_ref(S, p, u, "srcset", line);
		p += n;
		p += strcspn(p, ",");
	}
}

/* <meta http-equiv="refresh" content="0; url=/x/">. */
static void add_refresh(struct scan *S, const char *content, int line)
{
	const char *p = strchr(content, ';');
	if (!p)
		p = strchr(content, ',');
	if (!p)
		return;
	p++;
	while (*p == ' ')
		p++;
	if (strncasecmp(p, "url", 3) != 0)
		return;
	p += 3;
	while (*p == ' ')
		p++;
	if (*p++ != '=')
		return;
	while (*p == ' ')
		p++;
	size_t n = strlen(p);
	if (n && (*p == '\'' || *p == '"')) {
		p++;
		n--;
		if (n && (p[n - 1] == '\'' || p[n - 1] == '"'))
			n--;
	}
	add_ref(S, p, n, "refresh", line);
}

/* One attribute of a tag, as it stands in the file: its name (not yet
 * lowercased) and its raw value (character references not decoded). */
struct attr {
	const char *k, *v;
	size_t kl, vl;
};

/* The newlines in [from, to): eight bytes a step (an output file has a
 * line every ~70 bytes, and a memchr call for each cost more than the
 * rest of the scan). A byte of x is zero exactly where the byte was a
 * newline; the expression sets its high bit there and nowhere else. */
static int count_lines(const char *from, const char *to)
{
	const uint64_t ones = 0x0101010101010101u, high = ones << 7;
	const uint64_t low7 = ~high;
	int n = 0;
	const char *p = from;
	for (; to - p >= 8; p += 8) {
		uint64_t w;
		memcpy(&w, p, 8);
		uint64_t x = w ^ (ones * '\n');
		uint64_t z = ~(((x & low7) + low7) | x | low7);
		/* One per newline in each byte: their sum, in the top byte
		 * (no popcount instruction in baseline x86-64). */
		n += (int)(((z >> 7) * ones) >> 56);
	}
	for (; p < to; p++)
		n += *p == '\n';
	return n;
}

/* The first letters of the attributes html_start reads, as a table. */
static const unsigned char wanted_first[256] = {['a'] = 1, ['c'] = 1,
    ['d'] = 1, ['f'] = 1, ['h'] = 1, ['i'] = 1, ['m'] = 1, ['n'] = 1,
    ['p'] = 1, ['s'] = 1, ['u'] = 1};

/* 1 when the attribute name k[0..kl) is word (n bytes), whatever its
 * case. */
static int key_is_n(const struct attr *at, const char *word, size_t n)
{
	return at->kl == n && !strncasecmp(at->k, word, n);
}

/* With the length of a literal known when compiled: the scan asks this
 * of every attribute. */
#define key_is(at, lit) key_is_n((at), (lit), sizeof(lit) - 1)

/* The attribute's value, decoded, into the arena; into a scratch
 * buffer. */
static const char *attr_value(arena *a, const char *v, size_t n);
static const char *attr_scratch(struct scan *S, const char *v, size_t n);

/* The line the tag being read starts on. */
static int tag_line(struct scan *S)
{
	S->counted_line += count_lines(S->counted, S->tag);
	S->counted = S->tag;
	return S->counted_line;
}

static void html_start(struct scan *S, const char *name,
    const struct attr *atts, size_t na)
{
	const struct attr *equiv = NULL, *content = NULL, *property = NULL;
	for (size_t i = 0; i < na; i++) {
		const struct attr *at = &atts[i];
		/* Most attributes are class, rel, type, aria-*: skip them
		 * by their first letter before comparing; only the values
		 * wanted are decoded and copied. */
		if (!at->kl || !wanted_first[(unsigned char)(at->k[0] | 0x20)])
			continue;
		if (key_is(at, "id") || (key_is(at, "name") &&
		    !strcmp(name, "a"))) {
			if (at->vl && S->f->ids)
				strmap_set(S->f->ids, attr_value(S->a, at->v,
				    at->vl), (void *)1);
			continue;
		}
		const char *k = NULL;
		for (size_t j = 0; html_url_attrs[j] && !k; j++)
			if (key_is_n(at, html_url_attrs[j],
			    html_url_attr_len[j]))
				k = html_url_attrs[j];
		if (k) {
			const char *v = attr_scratch(S, at->v, at->vl);
			add_ref(S, v, S->val.len - 1, k, tag_line(S));
		} else if (key_is(at, "srcset")) {
			add_srcset(S, attr_scratch(S, at->v, at->vl),
			    tag_line(S));
		} else if (key_is(at, "http-equiv")) {
			equiv = at;
		} else if (key_is(at, "content")) {
			content = at;
		} else if (key_is(at, "property")) {
			property = at;
		}
	}
	if (strcmp(name, "meta") != 0 || !content)
		return;
	const char *c = attr_value(S->a, content->v, content->vl);
	const char *e = equiv ? attr_value(S->a, equiv->v, equiv->vl) : NULL;
	const char *p = property ? attr_value(S->a, property->v,
	    property->vl) : NULL;
	if (e && !strcasecmp(e, "refresh"))
		add_refresh(S, c, tag_line(S));
	else if (p && (!strcasecmp(p, "og:url") ||
	    !strcasecmp(p, "og:image")))
		add_ref(S, c, strlen(c), "content", tag_line(S));
}

static void quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

/* libxml2 takes an int length; output files are far smaller. */
enum { LINKSCAN_MAX_FILE = 1 << 30 };

/* Attributes read on one element; the rest of a longer list are skipped
 * (no element saitti or a theme writes comes near). */
enum { LINKSCAN_MAX_ATTRS = 64 };

static int is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static void put_utf8(buf *b, unsigned cp)
{
	if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	if (cp < 0x80) {
		buf_putc(b, (char)cp);
	} else if (cp < 0x800) {
		buf_putc(b, (char)(0xC0 | (cp >> 6)));
		buf_putc(b, (char)(0x80 | (cp & 0x3F)));
	} else if (cp < 0x10000) {
		buf_putc(b, (char)(0xE0 | (cp >> 12)));
		buf_putc(b, (char)(0x80 | ((cp >> 6) & 0x3F)));
		buf_putc(b, (char)(0x80 | (cp & 0x3F)));
	} else {
		buf_putc(b, (char)(0xF0 | (cp >> 18)));
		buf_putc(b, (char)(0x80 | ((cp >> 12) & 0x3F)));
		buf_putc(b, (char)(0x80 | ((cp >> 6) & 0x3F)));
		buf_putc(b, (char)(0x80 | (cp & 0x3F)));
	}
}

/* An attribute value v[0..n) with its character references decoded (the
 * named ones from libxml2's HTML entity table), appended to b. */
static void decode(buf *b, const char *v, size_t n)
{
	if (!memchr(v, '&', n)) {
		buf_put(b, v, n);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		if (v[i] != '&') {
			buf_putc(b, v[i]);
			continue;
		}
		size_t e = i + 1;
		while (e < n && e - i < 40 && v[e] != ';' && v[e] != '&' &&
		    !is_ws(v[e]))
			e++;
		if (e >= n || v[e] != ';' || e == i + 1) {
			buf_putc(b, '&');
			continue;
		}
		char name[48];
		memcpy(name, v + i + 1, e - i - 1);
		name[e - i - 1] = '\0';
		unsigned long cp = 0;
		int ok = 0;
		if (name[0] == '#') {
			char *end;
			int hex = name[1] == 'x' || name[1] == 'X';
			cp = strtoul(name + 1 + hex, &end, hex ? 16 : 10);
			ok = end != name + 1 + hex && !*end;
		} else {
			const htmlEntityDesc *ent = htmlEntityLookup(
			    (const xmlChar *)name);
			if (ent) {
				cp = ent->value;
				ok = 1;
			}
		}
		if (!ok) {
			buf_putc(b, '&');
			continue;
		}
		put_utf8(b, cp > 0x10FFFF ? 0xFFFD : (unsigned)cp);
		i = e;
	}
}

static const char *attr_value(arena *a, const char *v, size_t n)
{
	if (!memchr(v, '&', n))
		return arena_strndup(a, v, n);
	buf b = BUF_INIT;
	decode(&b, v, n);
	const char *r = arena_strndup(a, b.data ? b.data : "", b.len);
	buf_free(&b);
	return r;
}

/* The same, in S's scratch buffer until the next call: a reference's
 * address is kept by add_ref, once for all its references. */
static const char *attr_scratch(struct scan *S, const char *v, size_t n)
{
	buf_reset(&S->val);
	decode(&S->val, v, n);
	buf_putc(&S->val, '\0');
	return S->val.data;
}

/* The start tags of an HTML document, with their attributes, handed to
 * html_start. libxml2's HTML parser was measured at five times the cost
 * of rendering the pages (it decodes every character of the text, which
 * is not needed here), so the scan reads only what links live in: tags
 * and attribute values, as the HTML tokenizer does (comments, <!…>, end
 * tags and the text of raw-text elements skipped), with character
 * references decoded by libxml2's entity table. */
/* The bytes that end an attribute's name (a table: the scan meets
 * every byte of every name). */
static const unsigned char name_end[256] = {[' '] = 1, ['\t'] = 1,
    ['\n'] = 1, ['\r'] = 1, ['\f'] = 1, ['/'] = 1, ['>'] = 1, ['='] = 1};

/* 1 when the lowercased name (n bytes) is an element whose content is
 * text up to its end tag (HTML 13.2.5.1): script,
 * style, textarea, title, xmp, iframe, noembed, noframes. By length first:
 * it is asked for every element. */
static int raw_text_name(const char *name, size_t n)
{
	switch (n) {
	case 3: return !memcmp(name, "xmp", 3);
	case 5: return !memcmp(name, "style", 5) || !memcmp(name, "title", 5);
	case 6: return !memcmp(name, "script", 6) ||
		    !memcmp(name, "iframe", 6);
	case 7: return !memcmp(name, "noembed", 7);
	case 8: return !memcmp(name, "textarea", 8) ||
		    !memcmp(name, "noframes", 8);
	default: return 0;
	}
}

static void scan_html(struct scan *S, const char *data, size_t len)
{
	const char *p = data, *end = data + len;
	S->counted = data;
	S->counted_line = S->line0 + 1;
	struct attr atts[LINKSCAN_MAX_ATTRS];
	char name[32];
	while (p < end && (p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		const char *t = p + 1;
		if (t >= end)
			break;
		if (*t == '!' || *t == '?' || *t == '/') {
			const char *close = ">";
			if (end - t >= 3 && !memcmp(t, "!--", 3)) {
				close = "-->";
				t += 3;
			}
			const char *q = memmem(t, (size_t)(end - t), close,
			    strlen(close));
			p = q ? q + strlen(close) : end;
			continue;
		}
		if (!((*t | 0x20) >= 'a' && (*t | 0x20) <= 'z')) {
			p = t;
			continue;
		}
		S->tag = p;
		size_t nl = 0;
		while (t < end && !is_ws(*t) && *t != '/' && *t != '>') {
			if (nl + 1 < sizeof name)
				name[nl++] = (char)(*t >= 'A' && *t <= 'Z' ?
				    *t + 32 : *t);
			t++;
		}
		name[nl] = '\0';
		size_t na = 0;
		while (t < end && *t != '>') {
			if (is_ws(*t) || *t == '/') {
				t++;
				continue;
			}
			/* A name ends at a space, '/', '>' or '=' (but may
			 * start with '='). */
			const char *k = t;
			if (*t == '=')
				t++;
			while (t < end && !name_end[(unsigned char)*t])
				t++;
			size_t kl = (size_t)(t - k);
			while (t < end && is_ws(*t))
				t++;
			const char *v = "";
			size_t vl = 0;
			if (t < end && *t == '=') {
				t++;
				while (t < end && is_ws(*t))
					t++;
				if (t < end && (*t == '"' || *t == '\'')) {
					char qc = *t++;
					v = t;
					const char *q = memchr(t, qc,
					    (size_t)(end - t));
					t = q ? q : end;
					vl = (size_t)(t - v);
					if (t < end)
						t++;
				} else {
					v = t;
					while (t < end && !is_ws(*t) && *t != '>')
						t++;
					vl = (size_t)(t - v);
				}
			}
			if (na < LINKSCAN_MAX_ATTRS)
				atts[na++] = (struct attr){k, v, kl, vl};
		}
		html_start(S, name, atts, na);
		p = t < end ? t + 1 : end;
		if (raw_text_name(name, nl)) {
			/* Up to "</name", whatever its case. */
			const char *q = p;
			while ((q = memchr(q, '<', (size_t)(end - q))) != NULL &&
			    !(end - q > (ptrdiff_t)nl + 1 && q[1] == '/' &&
			    !strncasecmp(q + 2, name, nl)))
				q++;
			p = q ? q : end;
		}
	}
}

static void xml_start(void *ctx, const xmlChar *xname, const xmlChar **atts)
{
	struct scan *S = ctx;
	const char *name = (const char *)xname;
	int line = cur_line(S);
	S->text_kind = 0;
	S->guid_not_link = 0;
	for (size_t i = 0; atts && atts[i]; i += 2) {
		const char *k = (const char *)atts[i];
		const char *v = atts[i + 1] ? (const char *)atts[i + 1] : "";
		if (!strcasecmp(k, "href") || (!strcasecmp(k, "url") &&
		    strcasecmp(name, "source") != 0))
			add_ref(S, v, strlen(v), k[0] == 'h' ? "href" : "url",
			    line);
		else if (!strcasecmp(k, "isPermaLink") &&
		    !strcasecmp(v, "false"))
			S->guid_not_link = 1;
	}
	if (in_list(name, xml_url_text))
		S->text_kind = 1;
	else if (in_list(name, xml_html_text))
		S->text_kind = 2;
	else
		return;
	/* An Atom <id> is a tag: URI, and a guid that is no permalink is
	 * only a name. */
	if (!strcasecmp(name, "guid") && S->guid_not_link)
		S->text_kind = 0;
	S->text_line = line;
	buf_reset(&S->text);
}

static void xml_text(void *ctx, const xmlChar *ch, int len)
{
	struct scan *S = ctx;
	if (S->text_kind)
		buf_put(&S->text, (const char *)ch, (size_t)len);
}

static void xml_end(void *ctx, const xmlChar *name)
{
	struct scan *S = ctx;
	(void)name;
	int kind = S->text_kind;
	S->text_kind = 0;
	if (!kind || !S->text.len)
		return;
	if (kind == 1) {
		add_ref(S, S->text.data, S->text.len, "text", S->text_line);
		return;
	}
	/* HTML inside the feed: its lines count from the element's. */
	buf html = S->text;
	S->text = (buf)BUF_INIT;
	int line0 = S->line0;
	S->line0 = S->text_line - 1;
	scan_html(S, html.data, html.len);
	S->line0 = line0;
	buf_free(&S->text);
	S->text = html;
}

static void scan_xml(struct scan *S, const char *data, size_t len)
{
	xmlSAXHandler sax;
	memset(&sax, 0, sizeof sax);
	sax.startElement = xml_start;
	sax.endElement = xml_end;
	sax.characters = xml_text;
	sax.cdataBlock = xml_text;
	sax.error = quiet;
	sax.warning = quiet;
	xmlParserCtxtPtr c = xmlCreatePushParserCtxt(&sax, S, NULL, 0, NULL);
	if (!c)
		return;
	xmlCtxtUseOptions(c, XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
	    XML_PARSE_NONET);
	S->ctxt = c;
	if (len > LINKSCAN_MAX_FILE)
		len = LINKSCAN_MAX_FILE;
	xmlParseChunk(c, data, (int)len, 1);
	S->ctxt = NULL;
	xmlFreeParserCtxt(c);
	buf_free(&S->text);
}

/* A calendar's URL properties ("URL:…", "URL;VALUE=URI:…"), after
 * unfolding its lines (RFC 5545 3.1: CRLF and one space continue a
 * line). */
static void scan_ics(struct scan *S, const char *data, size_t len)
{
	buf line = BUF_INIT;
	int lineno = 0, start = 0;
	size_t i = 0;
	while (i < len) {
		size_t e = i;
		while (e < len && data[e] != '\n')
			e++;
		size_t n = e - i;
		if (n && data[i + n - 1] == '\r')
			n--;
		lineno++;
		if (n && (data[i] == ' ' || data[i] == '\t') && line.len) {
			buf_put(&line, data + i + 1, n - 1);
		} else {
			if (line.len > 4 && !strncasecmp(line.data, "URL", 3) &&
			    (line.data[3] == ':' || line.data[3] == ';')) {
				char *colon = memchr(line.data, ':', line.len);
				if (colon)
					add_ref(S, colon + 1, line.len -
					    (size_t)(colon + 1 - line.data),
					    "URL", start);
			}
			buf_reset(&line);
			buf_put(&line, data + i, n);
			start = lineno;
		}
		i = e + 1;
	}
	if (line.len > 4 && !strncasecmp(line.data, "URL", 3) &&
	    (line.data[3] == ':' || line.data[3] == ';')) {
		char *colon = memchr(line.data, ':', line.len);
		if (colon)
			add_ref(S, colon + 1, line.len -
			    (size_t)(colon + 1 - line.data), "URL", start);
	}
	buf_free(&line);
}

/* robots.txt: "Sitemap: URL". */
static void scan_robots(struct scan *S, const char *data, size_t len)
{
	int lineno = 0;
	size_t i = 0;
	while (i < len) {
		size_t e = i;
		while (e < len && data[e] != '\n')
			e++;
		lineno++;
		if (e - i > 8 && !strncasecmp(data + i, "sitemap:", 8))
			add_ref(S, data + i + 8, e - i - 8, "Sitemap", lineno);
		i = e + 1;
	}
}

static int has_ext(const char *path, const char *ext)
{
	size_t n = strlen(path), k = strlen(ext);
	return n >= k && !strcasecmp(path + n - k, ext);
}

void linkscan_file(scan_file *f, arena *a, scan_urls *urls,
    const char *data, size_t len)
{
	struct scan S = {.f = f, .a = a, .urls = urls, .text = BUF_INIT,
	    .key = BUF_INIT, .val = BUF_INIT};
	if (urls && !urls->map)
		urls->map = strmap_new();
	f->parsed = 1;
	if (has_ext(f->path, ".html") || has_ext(f->path, ".htm")) {
		f->ids = strmap_new();
		S.html = 1;
		scan_html(&S, data, len);
	} else if (has_ext(f->path, ".xml")) {
		scan_xml(&S, data, len);
	} else if (has_ext(f->path, ".ics")) {
		scan_ics(&S, data, len);
	} else if (!strcmp(f->path, "robots.txt")) {
		scan_robots(&S, data, len);
	} else {
		f->parsed = 0;
	}
	buf_free(&S.key);
	buf_free(&S.val);
}

void linkscan_free(scan_file *f)
{
	if (f->ids)
		strmap_free(f->ids);
	f->ids = NULL;
}
