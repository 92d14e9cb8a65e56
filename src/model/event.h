/* event: events and their calendar facts — from the files under
 * content/tapahtumat/ (one per file) and from a post's `events:` list. Parsed and checked when
 * loaded; start and end are instants in the site's zone. */
#ifndef SAITTI_EVENT_H
#define SAITTI_EVENT_H

#include "../parse/frontmatter.h"
#include "../parse/recur.h"
#include "site.h"

/* One date of a recurring event written differently (`changes:`). */
typedef struct event_change {
	long day;               /* the date it replaces (recur_daynum) */
	sdate start, end;
	int has_start, has_end;
	const char *location, *address;
	int cancelled;
} event_change;

struct event {
	const char *src;        /* file it was written in */
	int line, col;          /* where (the list item, or 1:1) */
	const char *title;
	const char *slug;
	const char *path;       /* "tapahtumat/<slug>/" */
	const char *url;        /* with the base path */
	sdate start, end;       /* end == start when not given */
	int has_end, all_day;
	const char *location, *address, *region, *organizer, *link;
	const region *reg;      /* the region it is listed in, or NULL */
	tag **tags;
	size_t ntags;
	int cancelled;
	value *meta;            /* the front matter or list item map */
	const char *body;       /* Markdown description (may be empty);
	                         * NULL as a post's body may be */
	size_t body_len;
	int body_line;
	size_t body_off;        /* as a post's (an event file's only) */
	hash128 body_sum;
	md_result md;
	post *post;             /* the post it came from, or NULL */
	value *view;            /* template map, built by the renderer */
	hash128 viewkey;        /* its digest from its inputs, during the
	                         * render (render/eventkey.h) */

	/* Repeats (`repeat:`, `except:`, `changes:`). An occurrence is a copy
	 * of its series with master set and its own start and end; the
	 * series itself stays in s->events, each occurrence in s->occ. */
	int recurring;
	recur rule;
	long *except;           /* day numbers left out */
	size_t nexcept;
	event_change *changes;
	size_t nchanges;
	event *master;          /* the series of an occurrence, else NULL */
	int changed;            /* an occurrence written differently */
	event **occ;            /* a series' occurrences, by start */
	size_t nocc;
	int occ_more;           /* the series goes on past the window */

	/* Registration, map and online facts. */
	const char *reg_url, *reg_info;
	sdate reg_deadline;
	int has_reg, has_deadline;
	const char *online;
	double lat, lon;
	int has_geo;
};

/* qsort order of events: by start, then file and line. */
int event_cmp_start(const void *a, const void *b);

/* How far ahead of today a repeating event's dates are listed. */
#define EVENT_REPEAT_WINDOW_DAYS 366

/* A file under content/tapahtumat/. Adds the event to s (unless a draft
 * that is not built). Returns 0, or -1 after reporting errors. */
int event_load_file(site *s, const char *src, const fm_doc *doc, diag *d);
/* event_load_file in two steps: the file's own part, which a parse
 * worker may run (s a copy of the site whose arena is the worker's, d the
 * file's held messages), into *m; then, in path order, its tags and the
 * event added to s. */
struct event_made {
	event *e;        /* NULL: refused (reported) */
	int draft, bad;  /* bad: refused once its tags are checked */
};
void event_file_local(site *s, const char *src, const fm_doc *doc,
    struct event_made *m, diag *d);
void event_file_add(site *s, const struct event_made *m, diag *d);
/* A post's `events:` list (a list of maps with the same keys). */
int event_load_list(site *s, post *p, const value *list, diag *d);
/* After every event is loaded: unique slugs and URLs, sorting, tag links.
 * Markdown descriptions are rendered by site_load with the posts. */
void event_finish(site *s, diag *d);

#endif
