#include "sanitize.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "../core/buf.h"
#include "url.h"

/* Elements kept, with the attributes each may have besides the global
 * ones. */
static const struct {
	const char *name;
	const char *attrs; /* space-separated, with spaces at both ends */
} allowed[] = {
	{"a", " href rel hreflang "}, {"abbr", " "}, {"address", " "},
	{"article", " "}, {"aside", " "}, {"b", " "}, {"bdi", " "},
	{"bdo", " "}, {"blockquote", " cite "}, {"br", " "},
	{"caption", " "}, {"cite", " "}, {"code", " "}, {"col", " span "},
	{"colgroup", " span "}, {"dd", " "}, {"del", " cite datetime "},
	{"details", " open "}, {"dfn", " "}, {"div", " "}, {"dl", " "},
	{"dt", " "}, {"em", " "}, {"figcaption", " "}, {"figure", " "},
	{"footer", " "}, {"h1", " "}, {"h2", " "}, {"h3", " "}, {"h4", " "},
	{"h5", " "}, {"h6", " "}, {"header", " "}, {"hr", " "}, {"i", " "},
	{"iframe", " src width height allowfullscreen allow loading "
	    "referrerpolicy "},
	{"img", " src alt width height loading "},
	{"ins", " cite datetime "}, {"kbd", " "}, {"li", " value "},
	{"mark", " "}, {"ol", " start reversed type "}, {"p", " "},
	{"pre", " "}, {"q", " cite "}, {"rp", " "}, {"rt", " "},
	{"ruby", " "}, {"s", " "}, {"samp", " "}, {"section", " "},
	{"small", " "}, {"span", " "}, {"strong", " "}, {"sub", " "},
	{"summary", " "}, {"sup", " "}, {"table", " "}, {"tbody", " "},
	{"td", " colspan rowspan headers "}, {"tfoot", " "},
	{"th", " colspan rowspan headers scope abbr "}, {"thead", " "},
	{"time", " datetime "}, {"tr", " "}, {"u", " "}, {"ul", " "},
	{"var", " "}, {"wbr", " "},
};

static const char GLOBAL_ATTRS[] = " id class title lang dir ";

/* Removed with everything inside: what runs, styles, asks for input or
 * embeds another document. */
static const char DROP_WITH_CONTENT[] = " script style template iframe "
    "object embed applet frame frameset noembed noframes noscript "
    "textarea select button input form svg math head title meta link "
    "base audio video canvas ";

static const char VOID_ELEMENTS[] = " br col hr img wbr ";

static int in_list(const char *list, const char *w)
{
	size_t n = strlen(w);
	for (const char *p = strstr(list, w); p; p = strstr(p + 1, w))
		if (p[-1] == ' ' && p[n] == ' ')
			return 1;
	return 0;
}

static int find_allowed(const char *name)
{
	for (size_t i = 0; i < sizeof allowed / sizeof *allowed; i++)
		if (!strcmp(allowed[i].name, name))
			return (int)i;
	return -1;
}

#define MAX_LABELS 24

struct san {
	arena *a;
	buf out;
	const char *const *hosts;
	struct {
		char label[96];
		size_t n;
	} labels[MAX_LABELS + 1];
	size_t nlabels, removed;
};

static void count(struct san *s, const char *fmt, const char *arg)
{
	char label[96];
	snprintf(label, sizeof label, fmt, arg);
	s->removed++;
	size_t i;
	for (i = 0; i < s->nlabels; i++)
		if (!strcmp(s->labels[i].label, label))
			break;
	if (i == s->nlabels) {
		if (s->nlabels == MAX_LABELS) {
			/* The rest are counted together. */
			i = MAX_LABELS;
			snprintf(s->labels[i].label, sizeof s->labels[i].label,
			    "%s", "other");
		} else {
			snprintf(s->labels[i].label, sizeof s->labels[i].label,
			    "%s", label);
			s->nlabels++;
		}
	}
	s->labels[i].n++;
}

static void escape(buf *b, const char *s, int attr)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': buf_puts(b, "&amp;"); break;
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '"':
			if (attr) {
				buf_puts(b, "&quot;");
				break;
			}
			/* fall through */
		default: buf_putc(b, *s);
		}
	}
}

/* A URL that may stay: relative, or one of the safe schemes. */
static int url_ok(const char *u)
{
	char scheme[32];
	if (!url_scheme(u, scheme, sizeof scheme))
		return 1;
	return !strcmp(scheme, "http") || !strcmp(scheme, "https") ||
	    !strcmp(scheme, "mailto") || !strcmp(scheme, "tel");
}

/* The host of an https:// or //-relative URL, into out; 0 otherwise. */
static int https_host(const char *u, char *out, size_t outsz)
{
	const char *h;
	if (!strncmp(u, "https://", 8))
		h = u + 8;
	else if (!strncmp(u, "//", 2))
		h = u + 2;
	else
		return 0;
	size_t n = strcspn(h, "/?#:@\\");
	if (h[n] == '@' || h[n] == '\\' || n == 0 || n >= outsz)
		return 0;
	for (size_t i = 0; i < n; i++)
		out[i] = (char)(h[i] >= 'A' && h[i] <= 'Z' ? h[i] + 32 : h[i]);
	out[n] = '\0';
	return 1;
}

static int host_listed(const struct san *s, const char *host)
{
	for (const char *const *h = s->hosts; h && *h; h++) {
		size_t hl = strlen(host), ll = strlen(*h);
		if (!strcmp(host, *h) || (hl > ll && host[hl - ll - 1] == '.' &&
		    !strcmp(host + hl - ll, *h)))
			return 1;
	}
	return 0;
}

static void children(struct san *s, xmlNode *n);

static void element(struct san *s, xmlNode *n)
{
	const char *name = (const char *)n->name;
	int k = find_allowed(name);
	if (!strcmp(name, "iframe")) {
		xmlChar *src = xmlGetProp(n, (const xmlChar *)"src");
		char host[256];
		int ok = src && https_host((const char *)src, host, sizeof host)
		    && host_listed(s, host);
		if (!ok) {
			if (src && https_host((const char *)src, host,
			    sizeof host))
				count(s, "<iframe> from %s", host);
			else
				count(s, "<iframe>%s", "");
			xmlFree(src);
			return;
		}
		xmlFree(src);
	} else if (in_list(DROP_WITH_CONTENT, name)) {
		count(s, "<%s>", name);
		return;
	}
	if (k < 0) {
		/* Unknown or presentational (font, center…): its text stays. */
		count(s, "<%s>", name);
		children(s, n);
		return;
	}
	buf_putc(&s->out, '<');
	buf_puts(&s->out, name);
	for (xmlAttr *at = n->properties; at; at = at->next) {
		const char *an = (const char *)at->name;
		if (!in_list(GLOBAL_ATTRS, an) && !in_list(allowed[k].attrs, an)) {
			count(s, "%s=", an);
			continue;
		}
		xmlChar *v = xmlNodeListGetString(n->doc, at->children, 1);
		const char *val = v ? (const char *)v : "";
		if ((!strcmp(an, "href") || !strcmp(an, "src") ||
		    !strcmp(an, "cite")) && !url_ok(val)) {
			char scheme[32];
			url_scheme(val, scheme, sizeof scheme);
			count(s, "%s: address", scheme);
			xmlFree(v);
			continue;
		}
		buf_putc(&s->out, ' ');
		buf_puts(&s->out, an);
		buf_puts(&s->out, "=\"");
		escape(&s->out, val, 1);
		buf_putc(&s->out, '"');
		xmlFree(v);
	}
	/* Void elements close as cmark writes them: <br />. */
	if (in_list(VOID_ELEMENTS, name)) {
		buf_puts(&s->out, " />");
		return;
	}
	buf_putc(&s->out, '>');
	children(s, n);
	buf_puts(&s->out, "</");
	buf_puts(&s->out, name);
	buf_putc(&s->out, '>');
}

static void children(struct san *s, xmlNode *n)
{
	for (xmlNode *c = n->children; c; c = c->next) {
		switch (c->type) {
		case XML_ELEMENT_NODE:
			element(s, c);
			break;
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
			if (c->content)
				escape(&s->out, (const char *)c->content, 0);
			break;
		case XML_COMMENT_NODE:
			count(s, "%s", "<!-- comment -->");
			break;
		default:
			break;
		}
	}
}

static xmlNode *body_of(xmlDoc *doc)
{
	xmlNode *root = xmlDocGetRootElement(doc);
	for (xmlNode *c = root ? root->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    !strcmp((const char *)c->name, "body"))
			return c;
	return NULL;
}

/* libxml2 sets up its global tables on first use, which is not safe to
 * do from two threads at once: Markdown is rendered on all cores. */
static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

static void xml_init(void)
{
	xmlInitParser();
}

const char *sanitize_html(arena *a, const char *html, size_t len,
    const char *const *iframe_hosts, const char **report, size_t *removed)
{
	pthread_once(&xml_once, xml_init);
	struct san s;
	memset(&s, 0, sizeof s);
	s.a = a;
	s.hosts = iframe_hosts;
	/* A whole document around the fragment, so that the parser puts
	 * every node of it in <body>. */
	buf in = BUF_INIT;
	buf_puts(&in, "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
	    "</head><body>");
	buf_put(&in, html, len);
	buf_puts(&in, "</body></html>");
	htmlDocPtr doc = htmlReadMemory(in.data, (int)in.len, NULL, "UTF-8",
	    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
	buf_free(&in);
	xmlNode *body = doc ? body_of(doc) : NULL;
	if (body)
		children(&s, body);
	if (doc)
		xmlFreeDoc(doc);
	buf r = BUF_INIT;
	for (size_t i = 0; i <= MAX_LABELS; i++) {
		if (i == s.nlabels && i < MAX_LABELS)
			i = MAX_LABELS;
		if (!s.labels[i].n)
			continue;
		buf_printf(&r, "%s%zu \xC3\x97 %s", r.len ? ", " : "",
		    s.labels[i].n, s.labels[i].label);
	}
	*report = arena_strndup(a, r.data ? r.data : "", r.len);
	*removed = s.removed;
	buf_free(&r);
	const char *out = arena_strndup(a, s.out.data ? s.out.data : "",
	    s.out.len);
	buf_free(&s.out);
	return out;
}
