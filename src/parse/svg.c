#include "svg.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlsave.h>

#include "../core/i18n.h"

void svg_init(void)
{
	xmlInitParser();
}

static int is_bad_element(const xmlChar *name)
{
	static const char *const bad[] = {"script", "foreignObject",
	    "handler", "listener"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		if (!strcasecmp((const char *)name, bad[i]))
			return 1;
	return 0;
}

/* CSS that fetches something: url() not starting with #, or @import. */
static int css_loads(const char *css)
{
	if (strstr(css, "@import") || strstr(css, "expression("))
		return 1;
	for (const char *p = css; (p = strstr(p, "url(")); p += 4) {
		const char *q = p + 4;
		while (*q == ' ' || *q == '\'' || *q == '"')
			q++;
		if (*q != '#')
			return 1;
	}
	return 0;
}

static int bad_attr(const xmlAttr *a)
{
	const char *name = (const char *)a->name;
	if (!strncasecmp(name, "on", 2))
		return 1;
	xmlChar *v = xmlNodeListGetString(a->doc, a->children, 1);
	const char *val = v ? (const char *)v : "";
	while (isspace((unsigned char)*val))
		val++;
	int bad = 0;
	if (!strcasecmp(name, "href"))
		bad = *val != '#';
	else if (!strcasecmp(name, "style"))
		bad = css_loads(val);
	else
		bad = strstr(val, "javascript:") != NULL ||
		    (strstr(val, "url(") && css_loads(val));
	xmlFree(v);
	return bad;
}

static void clean(xmlNode *n, size_t *removed)
{
	for (xmlAttr *a = n->properties, *an; a; a = an) {
		an = a->next;
		if (bad_attr(a)) {
			xmlRemoveProp(a);
			(*removed)++;
		}
	}
	for (xmlNode *c = n->children, *next; c; c = next) {
		next = c->next;
		int drop = c->type == XML_PI_NODE ||
		    c->type == XML_ENTITY_REF_NODE;
		if (c->type == XML_ELEMENT_NODE && is_bad_element(c->name))
			drop = 1;
		if (c->type == XML_ELEMENT_NODE &&
		    !strcasecmp((const char *)c->name, "style")) {
			xmlChar *css = xmlNodeGetContent(c);
			drop = css && css_loads((const char *)css);
			xmlFree(css);
		}
		if (drop) {
			xmlUnlinkNode(c);
			xmlFreeNode(c);
			(*removed)++;
			continue;
		}
		if (c->type == XML_ELEMENT_NODE)
			clean(c, removed);
	}
}

int svg_clean(const char *data, size_t len, buf *out, size_t *removed,
    char *why, size_t whysz)
{
	*removed = 0;
	if (len > (size_t)0x7fffffff) {
		snprintf(why, whysz, "%s", _("it is too large"));
		return -1;
	}
	/* No network, no entity substitution, no DTD loading; libxml2's own
	 * depth and size limits stay on (no XML_PARSE_HUGE). */
	xmlDoc *doc = xmlReadMemory(data, (int)len, NULL, NULL, XML_PARSE_NONET |
	    XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc) {
		snprintf(why, whysz, "%s", _("it is not well-formed XML: "
		    "save it again from the drawing program as plain SVG"));
		return -1;
	}
	xmlNode *root = xmlDocGetRootElement(doc);
	int rc = -1;
	if (!root || strcmp((const char *)root->name, "svg")) {
		snprintf(why, whysz, "%s", _("its root element is not <svg>"));
		goto done;
	}
	if (doc->intSubset && doc->intSubset->entities) {
		snprintf(why, whysz, "%s", _("it declares XML entities, which "
		    "could read other files: save it again as plain SVG"));
		goto done;
	}
	if (doc->intSubset) {
		xmlNode *dtd = (xmlNode *)doc->intSubset;
		xmlUnlinkNode(dtd);
		xmlFreeDtd((xmlDtd *)dtd);
	}
	for (xmlNode *c = doc->children, *next; c; c = next) {
		next = c->next;
		if (c->type == XML_PI_NODE || c->type == XML_COMMENT_NODE) {
			xmlUnlinkNode(c);
			xmlFreeNode(c);
		}
	}
	clean(root, removed);
	/* Without an XML declaration: a clean file comes out as it went in. */
	xmlBuffer *xb = xmlBufferCreate();
	xmlSaveCtxt *ctx = xb ? xmlSaveToBuffer(xb, "UTF-8",
	    XML_SAVE_NO_DECL) : NULL;
	if (ctx && xmlSaveDoc(ctx, doc) >= 0 && xmlSaveClose(ctx) >= 0) {
		buf_put(out, (const char *)xmlBufferContent(xb),
		    (size_t)xmlBufferLength(xb));
		rc = 0;
	} else {
		if (ctx)
			xmlSaveClose(ctx);
		snprintf(why, whysz, "%s", _("it could not be written out"));
	}
	if (xb)
		xmlBufferFree(xb);
done:
	xmlFreeDoc(doc);
	return rc;
}
