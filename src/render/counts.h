/* counts: what one render wrote, by kind, for the build summary; its
 * own header so the build's summary needs neither the plan nor the
 * dispatcher. */
#ifndef SAITTI_COUNTS_H
#define SAITTI_COUNTS_H

#include <stddef.h>

typedef struct render_counts {
	size_t pages;      /* HTML pages from templates */
	size_t redirects;  /* alias pages that send readers on */
	size_t feeds;      /* RSS */
	size_t calendars;  /* iCalendar (.ics) */
	size_t other;      /* sitemap and the like */
	size_t copied;     /* theme static files and content's own files */
	size_t images;     /* pictures published (render/picture) */
	size_t images_made;    /* of those, decoded by this build */
} render_counts;

#endif
