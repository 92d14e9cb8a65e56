/* html: the HTML pages rendered through the theme's templates — front
 * page, pages, posts, section lists, tags, archive, 404. */
#ifndef SAITTI_HTML_H
#define SAITTI_HTML_H

#include "plan.h"

void html_plan(plan *pl, site *s, value *root);

/* The same in parts that may be planned at once, on their own arenas:
 * html_plan is every part in this order. */
typedef enum {
	HTML_DOCS,       /* the front page, pages and posts */
	HTML_SECTIONS,   /* the sections' lists */
	HTML_OTHERS,     /* tags, archive, accessibility statement, 404 */
	HTML_PARTS
} html_part;
void html_plan_part(plan *pl, site *s, value *root, html_part part);

/* Copies every key of src into dst (a shallow merge). */
void html_merge(arena *a, value *dst, const value *src);

#endif
