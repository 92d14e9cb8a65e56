/* site: the site model — everything the renderers need, parsed and checked
 * once: configuration, pages, posts, sections, tags, events, assets.
 *
 * site_load() reads every source file through a source, parses front
 * matter, dates and Markdown (Markdown on several threads), and links the
 * result. All memory belongs to the site (its arenas); site_free() releases
 * it. After loading the model is only read, by any number of threads.
 * Errors go to diag; the caller checks diag_errors() before rendering. */
#ifndef SAITTI_SITE_H
#define SAITTI_SITE_H

#include <stddef.h>
#include <stdint.h>

#include "../core/arena.h"
#include "../core/diag.h"
#include "../core/value.h"
#include "../parse/date.h"
#include "../parse/markdown.h"
#include "../source/source.h"

typedef struct tag tag;
typedef struct event event;
typedef struct history history;
typedef struct region region;
typedef struct theme theme;

typedef enum { PAGE_HOME, PAGE_PAGE, PAGE_POST } page_kind;

typedef struct post {
	page_kind kind;
	const char *src;       /* "content/blogi/2017/x.md" */
	const char *dir;       /* its folder under content/: "blogi/2017/" */
	const char *section;   /* "blogi"; NULL for pages and the home page */
	const char *slug;
	const char *file_slug; /* the file name's slug (permalink :title) */
	const char *path;      /* URL path under the site root: "blogi/x/" */
	const char *url;       /* with the base path: "/lape/blogi/x/" */
	const char *title;
	sdate date, updated;
	int has_date, has_updated;
	const char *author;
	int author_person;     /* the author is a person, not an organisation
	                        * (model/byline) */
	tag **tags;
	size_t ntags;
	value *meta;           /* front matter, as written */
	const char *body;      /* Markdown, points into the file's bytes;
	                        * NULL when taken from the parse cache (the
	                        * file is read again if cmark must run) */
	size_t body_len;
	int body_line;
	size_t body_off;       /* where the body starts in the file */
	hash128 body_sum;      /* its digest when known, else zero */
	hash128 meta_sum;      /* meta's digest (core/valhash) when known
	                        * from the load, else zero */
	md_result md;          /* rendered body */
	const char *summary_html, *summary_text;
	size_t summary_html_len, summary_text_len;   /* as md_result's */
	/* A digest standing for the two summaries, made from the Markdown
	 * cache's digests (md_result), so that keys need not read them;
	 * zero when not known (render/picture rewrote the summary). */
	hash128 summary_sum;
	const char *image;
	const char **aliases;  /* old URL paths ("vanha/osoite/") */
	size_t naliases;
	int draft;
	/* Hugo's publishDate and expiryDate: out from publish (when later
	 * than date), gone from expires on. */
	sdate publish, expires;
	int has_publish, has_expires;
	struct post *prev, *next;  /* older and newer in the section */
	event **events;        /* from the post's `events:` list */
	size_t nevents;
	const char *commit;    /* short id of the last commit (git info) */
	const char *guid_path; /* first path in history, for feed ids */
	sdate first_date;      /* date the guid is made from */
	value *view;           /* the template map, built by the renderer */
	int order;             /* position in the site's newest-first list */
	/* Set by render/picture when the site has pictures: the absolute URL
	 * of the 1200×630 crop to share (og:image), and the front matter
	 * image as a <picture> (in a <figure> when credited). */
	const char *share_image, *image_html;
} post;

typedef struct section {
	const char *name;      /* "blogi" */
	const char *title;     /* from site.yaml sections.<name>.title, or name */
	const char *url;
	post **posts;          /* newest first */
	size_t nposts;
	value *strings;        /* the theme's strings with the section's own
	                        * words (section_strings), or NULL: render */
} section;

/* A region named by events' `region:`: its page lists the region's events
 * and it has a calendar of its own. */
struct region {
	const char *name;      /* as the first event wrote it */
	const char *slug;
	const char *path;      /* "tapahtumat/alue/lappi/", NULL without
	                        * p_region */
	const char *url;
	event **events;        /* the series and single events, by start */
	size_t nevents;
};

struct tag {
	const char *name;
	const char *slug;
	const char *url;
	post **posts;          /* newest first */
	size_t nposts, cap;
	event **events;        /* soonest first */
	size_t nevents, capevents;
	struct value *view;    /* made once by view_tag, shared by pages */
};

typedef struct asset {
	const char *src;       /* "content/blogi/2017/kuva.jpg" */
	const char *out;       /* "blogi/2017/kuva.jpg" */
	int image;             /* a picture that model/imageset publishes */
} asset;

typedef struct build_opts {
	const char *now;       /* --now, or NULL for the clock */
	const char *base_url;  /* --base-url, or NULL */
	int drafts;
	int threads;
	int preview;           /* saitti serve: mark drafts and future posts
	                        * with badges (never set by a build) */
	/* saitti serve: what the files gave the last build, read again only
	 * when changed (model/loadmemo.h); NULL for a build. */
	struct loadmemo *memo;
} build_opts;

typedef struct site {
	arena *a;
	arena **worker_arenas;
	int threads;
	source *src;
	value *config;         /* site.yaml */
	const char *title, *description, *language, *timezone, *theme;
	const char *base_url;  /* "https://example.fi/lape/" */
	const char *base_path; /* "/lape/" */
	const char *origin;    /* "https://example.fi" */
	int paginate, feed_items, home_posts, home_events, unsafe_html;
	/* site.yaml `redirects: [netlify, nginx]`: the aliases also as a
	 * _redirects file and an nginx map include (render/redirect.h). */
	int redirects_netlify, redirects_nginx;
	/* Raw HTML in Markdown (model/htmlpolicy.h). */
	int html_policy;
	const char **iframe_hosts;
	/* Copies of the feeds at old paths (model/feedpaths.h). */
	const char **feed_also, **list_feed_also;
	int drafts;
	int preview;           /* build_opts.preview */
	sdate now;             /* "today" */
	int64_t publish_limit; /* posts dated before this are published */
	post *home;
	post **pages;          /* content/<name>.md, by path */
	size_t npages;
	post **posts;          /* every published post, newest first */
	size_t nposts;
	post **future;         /* dated after now: out on their day */
	size_t nfuture;
	section *sections;     /* by name */
	size_t nsections;
	tag **tags;            /* Finnish order */
	size_t ntags;
	struct strmap *tag_index; /* slug → tag, for site_tag */
	struct strmap *tag_names; /* tag as written → tag, for site_tag */
	asset *assets;
	size_t nassets;
	value *data;           /* content/NAME.yaml, by NAME */
	event **events;        /* by start, then path */
	size_t nevents;
	event **occ;           /* what calendars list: every event that does
	                        * not repeat, and each date of one that does,
	                        * by start */
	size_t nocc;
	history *hist;         /* git history, or NULL */
	/* The folder for caches that outlive a build (history, the output
	 * manifest, Markdown): $SAITTI_CACHE when set, else site.yaml's
	 * `cache_dir` (relative to source_home), else .saitti-cache there;
	 * NULL when there is none. Made only when written to. */
	const char *cache_dir;
	struct mdcache *mdcache;  /* Markdown of the last build (mdcache.h) */
	/* Where each document's rendered Markdown is kept from the load to
	 * the render, out of the heap (model/bodystore.h); NULL: in the
	 * arenas. */
	struct bodystore *bodies;
	theme *th;             /* the theme, loaded with the site */
	/* URL folder names: site.yaml `paths:`, else the theme strings'
	 * `paths:` ("avainsanat", "arkisto", …), so no word is in C. */
	const char *p_tags, *p_archive, *p_events, *p_calendar, *p_page,
	    *p_a11y, *p_event_file;
	const char *p_region;  /* optional: NULL, no region pages */
	region *regions;       /* the events' regions, by slug */
	size_t nregions;
	/* What the posts' views share while the render makes them
	 * (render/view.c); NULL outside the render. */
	struct view_maps *vmaps;
} site;

site *site_load(source *src, const build_opts *opts, diag *d);
/* "Today" for --now opt (NULL: the clock's day in the zone set by
 * date_set_zone). 0, or -1 with *err (a msgid) when opt is not a date. */
int site_now(const char *opt, sdate *now, const char **err);
/* The cache folder (see cache_dir above) for site.yaml's map config and
 * the site's home folder, in a; NULL when there is none, or after an
 * error in `cache_dir` (reported). */
const char *site_cache_dir(const value *config, const char *home, arena *a,
    diag *d);
void site_free(site *s);

/* 1 when the site has its accessibility statement: from
 * content/<paths.accessibility>.yaml or a Markdown page at that address. */
int site_statement(const site *s);

/* Finds a tag by name, or makes it (for events that share tag pages). */
tag *site_tag(site *s, const char *name, const char *file, int line,
    int col, diag *d);

#endif
