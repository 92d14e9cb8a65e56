/* oldurl: the address a Jekyll or Hugo site gave a post or page, so that
 * `saitti import` can keep it as an alias. Pure (dates in the zone
 * date_set_zone set). */
#ifndef SAITTI_OLDURL_H
#define SAITTI_OLDURL_H

#include "../core/arena.h"
#include "../core/value.h"
#include "../parse/date.h"

typedef struct oldurl_doc {
	const char *rel;      /* source path: "_posts/2016-10-10-x.md",
	                       * "content/blogi/x.md", "about.md" */
	const char *name;     /* file name without extension and, for a
	                       * Jekyll post, without its date: "x"; a Hugo
	                       * bundle's folder name */
	const char *section;  /* Hugo's first folder under content/ */
	const char *dir;      /* Hugo: the folders below content/ ("blogi/"
	                       * or "blogi/2019/"); Jekyll pages: the folder */
	const value *meta;    /* normalised front matter */
	const char *dircats;  /* Jekyll: the folders above _posts/ ("news/"),
	                       * which are categories too */
	sdate date;
	int has_date;
	int is_post;
} oldurl_doc;

/* Jekyll: style is _config.yml's permalink (date, pretty, ordinal, none
 * or a pattern; NULL for date). */
const char *oldurl_jekyll(arena *a, const char *style, const oldurl_doc *d);

/* Hugo: pattern is the section's entry in permalinks (NULL for none). */
const char *oldurl_hugo(arena *a, const char *pattern, const oldurl_doc *d);

#endif
