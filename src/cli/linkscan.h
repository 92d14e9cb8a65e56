/* linkscan: every link and resource reference in one output file, and the
 * ids its fragments may name — what `saitti check` reads back from the
 * site it just built.
 *
 * HTML is read by a tag scanner that follows the HTML tokenizer for tags,
 * attributes, comments and raw text, with character references decoded
 * from libxml2's entity table (libxml2's HTML parser was measured at five
 * times the cost of the render: it decodes all the text); feeds and the
 * sitemap go through libxml2's XML parser (SAX: no tree is built), with
 * the HTML inside a feed's content:encoded scanned too; calendars (.ics)
 * and robots.txt are read line by line. Pure: bytes in, references out;
 * nothing is reported here (check decides what is wrong).
 * Built into saitti-xml.so: the rest of saitti calls it through
 * core/xmlpart.h. */
#ifndef SAITTI_LINKSCAN_H
#define SAITTI_LINKSCAN_H

#include <stddef.h>
#include <stdint.h>

#include "../core/arena.h"
#include "../core/hash.h"
#include "../core/strmap.h"

/* An address as the files have it, kept once for every reference to it
 * that one table (scan_urls) met: a site's pages repeat their menu's,
 * tags' and layout's links, so most references share a few thousand.
 * works is the checker's: set when a link to it was found to work from
 * any page; num is cli/linkrecord's, while it writes. */
typedef struct scan_url {
	int works;
	uint32_t num;
	char text[];
} scan_url;

/* The addresses one thread has met, each once. */
typedef struct scan_urls {
	strmap *map;        /* text → scan_url * */
	scan_url **v;       /* in the order met */
	size_t n, cap;
} scan_urls;

typedef struct scan_ref {
	const char *url;    /* as the file has it, entities decoded */
	scan_url *u;        /* url's entry (url is u->text), or NULL when
	                     * scanned without a table */
	const char *attr;   /* "href", "src", "srcset", "refresh", "loc", … */
	int line;           /* in the output file, 1-based */
} scan_ref;

typedef struct scan_file {
	const char *path;   /* under the output folder: "blogi/x/index.html" */
	scan_ref *refs;
	size_t nrefs, cap;
	strmap *ids;        /* id="…" and <a name="…">, for #fragments; NULL
	                     * when the file is not HTML */
	int parsed;         /* 1 when the file was a kind that is scanned */
	hash128 key;        /* what its bytes were made from (zero: not
	                     * known), for cli/linkrecord */
} scan_file;

/* Calls once before any thread scans (libxml2 initialises itself). */
void linkscan_init(void);

/* Scans data[0..len) by f->path's extension (.html, .xml, .ics,
 * robots.txt); everything is allocated in a, which one thread owns, as
 * is urls (may be NULL: each reference then has its own copy). */
void linkscan_file(scan_file *f, arena *a, scan_urls *urls,
    const char *data, size_t len);

/* Frees urls's table and list (the entries are in the scan's arena). */
void scan_urls_free(scan_urls *urls);

/* Frees f's id map (the rest is the arena's). */
void linkscan_free(scan_file *f);

#endif
