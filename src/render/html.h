/* html: the HTML pages rendered through the theme's templates — front
 * page, pages, posts, section lists, tags, archive, 404. */
#ifndef SAITTI_HTML_H
#define SAITTI_HTML_H

#include "render.h"

void html_plan(plan *pl, site *s, value *root);

/* Copies every key of src into dst (a shallow merge). */
void html_merge(arena *a, value *dst, const value *src);

#endif
