/* xmlpart: the parts of saitti that read HTML and XML with libxml2 —
 * parse/sanitize (raw HTML in Markdown), parse/svg (an SVG the site
 * publishes) and cli/linkscan (what `saitti check` reads back) — as the
 * rest of saitti calls them. They are built apart into saitti-xml.so
 * (src/plugin/xml.c), loaded at their first use: libxml2 and what it
 * links (ICU, liblzma) cost every run of saitti ~5 ms to load, a rebuild
 * with nothing to do too, though most builds call none of them. A test
 * binary that links the plugin's code (libsaitti-xml.a) uses it without
 * loading anything. */
#ifndef SAITTI_XMLPART_H
#define SAITTI_XMLPART_H

#include <stddef.h>

#include "arena.h"
#include "buf.h"

struct scan_file;   /* cli/linkscan.h */
struct scan_urls;

typedef struct xml_ops {
	const char *(*sanitize_html)(arena *a, const char *html, size_t len,
	    const char *const *iframe_hosts, const char **report,
	    size_t *removed);
	void (*svg_init)(void);
	int (*svg_clean)(const char *data, size_t len, buf *out,
	    size_t *removed, char *why, size_t whysz);
	void (*linkscan_init)(void);
	void (*linkscan_file)(struct scan_file *f, arena *a,
	    struct scan_urls *urls, const char *data, size_t len);
	void (*linkscan_free)(struct scan_file *f);
	void (*scan_urls_free)(struct scan_urls *urls);
} xml_ops;

/* The plugin's one symbol: its table (src/plugin/xml.c). */
extern const xml_ops xml_plugin_ops;

/* The functions, loading the plugin the first time (thread-safe); NULL
 * when it does not load, and xmlpart_error says why. */
const xml_ops *xmlpart(void);
/* The loader's words (plugin_error) when xmlpart returned NULL. */
const char *xmlpart_error(void);

#endif
