#include "linkcheck.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/arena.h"
#include "../core/buf.h"
#include "../core/i18n.h"
#include "../core/pool.h"
#include "../core/strmap.h"
#include "../model/event.h"
#include "../model/theme.h"
#include "linkscan.h"
#include "linkurl.h"
#include "linksink.h"
#include "tplorigin.h"

/* Where a link was written. */
struct origin {
	const char *file;
	int line, col;
	const char *target;  /* as written there */
	int is_image;
	int markdown;        /* 1 Markdown, 0 site.yaml, the theme or output */
};

/* A page's own Markdown: its output file's links. */
struct doc {
	const char *src;
	const md_result *md;
	const char *image;   /* front matter `image:`, or NULL */
};

/* A problem found, reported once all are found, in file order. */
struct problem {
	const char *file;
	int line, col;
	const char *msg;
};

/* A problem (or an outside address) written by the theme, whose template
 * line is found from its output line, which a second render keeps
 * (linkcheck_lines): msg is ready, the origin is not. */
struct pending {
	const char *path;    /* the output file */
	int line;            /* in it */
	const char *attr;
	const char *once;    /* "KIND ADDRESS": with the origin, reported once */
	const char *msg;     /* NULL for an outside address */
	size_t ext;          /* then its index in ext */
};

struct linkcheck {
	arena *a;
	struct problem *probs;
	size_t nprobs, capprobs;
	const site *s;
	diag *d;
	linksink *sink;      /* the files, scanned as the build makes them */
	linksink *lines;     /* the output lines of the pending, or NULL */
	scan_file *files;
	size_t nfiles;
	struct pending *pend;
	size_t npend, cappend;
	int ext_origins;     /* outside addresses need their origin */
	strmap *by_path;     /* output path → scan_file * */
	strmap *md;          /* normalised address → struct origin * */
	strmap *docs;        /* output path → struct doc * */
	strmap *menu;        /* normalised address → struct origin * */
	strmap *md_frag;     /* "#id" as written in Markdown → origin */
	int md_empty;        /* some Markdown has an empty link */
	strmap *reported;    /* origin and address, reported once */
	strmap *ext_seen;
	linkcheck_ext *ext;
	size_t next, capext;
	size_t links;
	const char *host;    /* the site's host (and port), from base_url */
	size_t hostlen;
};

linkcheck *linkcheck_new(int external)
{
	linkcheck *L = calloc(1, sizeof *L);
	if (!L)
		abort();
	L->a = arena_new();
	L->sink = linksink_new();
	L->ext_origins = external;
	return L;
}

const output_sink *linkcheck_sink(linkcheck *L)
{
	return linksink_output(L->sink);
}

void linkcheck_free(linkcheck *L)
{
	if (!L)
		return;
	linksink_free(L->sink);
	linksink_free(L->lines);
	free(L->ext);
	free(L->probs);
	free(L->pend);
	strmap *maps[] = {L->by_path, L->md, L->docs, L->menu, L->reported,
	    L->ext_seen, L->md_frag};
	for (size_t i = 0; i < sizeof maps / sizeof *maps; i++)
		if (maps[i])
			strmap_free(maps[i]);
	arena_free(L->a);
	free(L);
}

size_t linkcheck_count(const linkcheck *L) { return L->links; }

const linkcheck_ext *linkcheck_external(const linkcheck *L, size_t *n)
{
	*n = L->next;
	return L->ext;
}

/* The output file a site-absolute path (no query or fragment, decoded,
 * without the base path) names: itself, or its index.html. */
static scan_file *reaches(linkcheck *L, arena *a, const char *rel)
{
	size_t n = strlen(rel);
	scan_file *f;
	if (n == 0 || rel[n - 1] == '/')
		return strmap_get(L->by_path, arena_printf(a, "%sindex.html",
		    rel));
	if ((f = strmap_get(L->by_path, rel)) != NULL)
		return f;
	return strmap_get(L->by_path, arena_printf(a, "%s/index.html", rel));
}

/* -------------------------------------------------------- origins */

static void add_origin(linkcheck *L, strmap *m, const char *url,
    struct origin *o)
{
	/* Addresses outside the site are keyed as written. */
	const char *key = linkurl_normalise(L->a, L->host, L->hostlen, url,
	    "/");
	if (!key)
		key = url;
	if (!strmap_get(m, key))
		strmap_set(m, key, o);
}

static void add_doc(linkcheck *L, const char *path, const char *src,
    const md_result *md, const char *image)
{
	struct doc *dc = arena_alloc(L->a, sizeof *dc);
	*dc = (struct doc){src, md, image};
	strmap_set(L->docs, arena_printf(L->a, "%sindex.html", path), dc);
	for (size_t i = 0; i < md->nlinks; i++) {
		const md_link *l = &md->links[i];
		struct origin *o = arena_alloc(L->a, sizeof *o);
		*o = (struct origin){src, l->line, l->col, l->target,
		    l->is_image, 1};
		if (l->url && *l->url && l->url[0] != '#')
			add_origin(L, L->md, l->url, o);
		else if (l->url && l->url[0] == '#' &&
		    !strmap_get(L->md_frag, l->url))
			strmap_set(L->md_frag, l->url, o);
		else if (l->url && !*l->url)
			L->md_empty = 1;
	}
}

static void collect_origins(linkcheck *L, const site *s)
{
	L->md = strmap_new();
	L->docs = strmap_new();
	L->menu = strmap_new();
	L->md_frag = strmap_new();
	if (s->home)
		add_doc(L, s->home->path, s->home->src, &s->home->md,
		    s->home->image);
	for (size_t i = 0; i < s->npages; i++)
		add_doc(L, s->pages[i]->path, s->pages[i]->src,
		    &s->pages[i]->md, s->pages[i]->image);
	for (size_t i = 0; i < s->nposts; i++)
		add_doc(L, s->posts[i]->path, s->posts[i]->src,
		    &s->posts[i]->md, s->posts[i]->image);
	for (size_t i = 0; i < s->nevents; i++)
		add_doc(L, s->events[i]->path, s->events[i]->src,
		    &s->events[i]->md, NULL);
	const value *menu = val_map_get(s->config, "menu");
	for (size_t i = 0; menu && menu->kind == VAL_LIST &&
	    i < menu->u.list.len; i++) {
		const value *u = val_map_get(menu->u.list.items[i], "url");
		const char *url = val_as_str(u);
		if (!url)
			continue;
		struct origin *o = arena_alloc(L->a, sizeof *o);
		*o = (struct origin){"site.yaml", u->line, u->col, url, 0, 0};
		add_origin(L, L->menu, url[0] == '/' ? arena_printf(L->a,
		    "%s%s", s->base_path, url + 1) : url, o);
	}
}

/* Where the link r of file f was written. */
static struct origin find_origin(linkcheck *L, const scan_file *f,
    const scan_ref *r, const char *key, int *by_theme)
{
	*by_theme = 0;
	struct doc *dc = strmap_get(L->docs, f->path);
	if (dc)
		for (size_t i = 0; i < dc->md->nlinks; i++) {
			const md_link *l = &dc->md->links[i];
			const char *u = l->url ? l->url : l->target;
			if (!strcmp(u, r->url))
				return (struct origin){dc->src, l->line, l->col,
				    l->target, l->is_image, 1};
		}
	struct origin *o;
	if (key && (o = strmap_get(L->md, key)) != NULL)
		return *o;
	/* "#id" of a summary, shown in a list. */
	if (r->url[0] == '#' && (o = strmap_get(L->md_frag, r->url)) != NULL)
		return *o;
	if (key && (o = strmap_get(L->menu, key)) != NULL)
		return *o;
	if (dc && dc->image && !strcmp(dc->image, r->url))
		return (struct origin){dc->src, 1, 1, r->url, 1, 1};
	/* A template's line (linkcheck_place), or, when none matches, saitti
	 * itself wrote it (a feed, the sitemap, a calendar): the file as it
	 * is in the output. */
	*by_theme = 1;
	return (struct origin){f->path, r->line, 0, r->url, 0, 0};
}

/* ------------------------------------------------------- checking */

static void problem(linkcheck *L, const struct origin *o, const char *msg)
{
	if (L->nprobs == L->capprobs) {
		L->capprobs = L->capprobs ? L->capprobs * 2 : 32;
		L->probs = realloc(L->probs, L->capprobs * sizeof *L->probs);
		if (!L->probs)
			abort();
	}
	/* The file's name may be the site's, which is freed first. */
	L->probs[L->nprobs++] = (struct problem){arena_strdup(L->a, o->file),
	    o->line, o->col, msg};
}

static int by_place(const void *x, const void *y)
{
	const struct problem *a = x, *b = y;
	int c = strcmp(a->file, b->file);
	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return strcmp(a->msg, b->msg);
}

/* key is the link's whole normalised address (NULL when empty), page the
 * target page's address (for a missing id). */
/* Once per place: "#osa" of a summary is dead on every list that shows
 * it, but it is one mistake. once is the problem's kind and address. */
static int first_time(linkcheck *L, const struct origin *o,
    const char *once)
{
	const char *k = arena_printf(L->a, "%s:%d:%d %s", o->file, o->line,
	    o->col, once);
	if (strmap_get(L->reported, k))
		return 0;
	strmap_set(L->reported, k, (void *)1);
	return 1;
}

static void add_pending(linkcheck *L, const scan_file *f, const scan_ref *r,
    const char *once, const char *msg, size_t ext)
{
	if (L->npend == L->cappend) {
		L->cappend = L->cappend ? L->cappend * 2 : 16;
		L->pend = realloc(L->pend, L->cappend * sizeof *L->pend);
		if (!L->pend)
			abort();
	}
	/* The site (and the scanned files) may be gone when it is placed. */
	L->pend[L->npend++] = (struct pending){arena_strdup(L->a, f->path),
	    r->line, arena_strdup(L->a, r->attr), once, msg, ext};
}

static void report(linkcheck *L, const scan_file *f, const scan_ref *r,
    const char *key, int kind, const char *page, const char *detail)
{
	int by_theme;
	struct origin o = find_origin(L, f, r, key, &by_theme);
	const char *once = arena_printf(L->a, "%d %s", kind,
	    key && r->url[0] != '#' ? key : r->url);
	/* The theme's line is found later; the message is the same
	 * whichever line it is. */
	if (!by_theme && !first_time(L, &o, once))
		return;
	const char *msg;
	const char *target = o.target ? o.target : r->url;
	/* TRANSLATORS: the start of "link to 'X' goes nowhere: …". */
	const char *what = o.is_image ? _("image") : _("link to");
	/* A theme's link may be on some pages only: name the first; a
	 * menu's is on every page. */
	const char *where = o.markdown || !strcmp(o.file, "site.yaml") ? "" :
	    arena_printf(L->a, _(" (in %s)"), f->path);
	switch (kind) {
	case 0:
		msg = arena_printf(L->a, _("empty link: write "
		    "the address between the parentheses, like [text](/blogi/),"
		    " or remove the link%s"), where);
		break;
	case 1:
		msg = arena_printf(L->a, _("%s '%s' goes "
		    "nowhere: no post, page or file of the site is at %s (check "
		    "the spelling; drafts and future posts are not "
		    "published)%s"), what, target, detail, where);
		break;
	case 2:
		msg = arena_printf(L->a, _("%s '%s' goes "
		    "nowhere: the page %s has no heading or anchor with the id "
		    "'%s' (a heading's id is made from its text: check the "
		    "spelling)%s"), what, target, page, detail, where);
		break;
	case 3:
		msg = arena_printf(L->a, _("%s '%s' goes "
		    "nowhere: no published post or page is written in that "
		    "file (check the name and folder; drafts and future posts "
		    "are not published)%s"), what, target, where);
		break;
	default:
		msg = arena_printf(L->a, _("%s '%s' goes "
		    "nowhere: the site's addresses start with %s; write %s%s"),
		    what, target, L->s->base_path, detail, where);
		break;
	}
	if (by_theme)
		add_pending(L, f, r, once, msg, 0);
	else
		problem(L, &o, msg);
}

static int ends_with_md(const char *s, size_t n)
{
	return n > 3 && s[n - 3] == '.' && (s[n - 2] | 0x20) == 'm' &&
	    (s[n - 1] | 0x20) == 'd';
}

/* The outside address bare (r's, without its #fragment), where it is
 * first written: the workers' firsts come in file order. */
static void add_external(linkcheck *L, const scan_file *f,
    const scan_ref *r, const char *bare)
{
	if (strmap_get(L->ext_seen, bare))
		return;
	const char *url = arena_strdup(L->a, bare);
	strmap_set(L->ext_seen, url, (void *)1);
	int by_theme;
	struct origin o = find_origin(L, f, r, url, &by_theme);
	if (by_theme && L->ext_origins)
		add_pending(L, f, r, NULL, NULL, L->next);
	if (L->next == L->capext) {
		L->capext = L->capext ? L->capext * 2 : 64;
		L->ext = realloc(L->ext, L->capext * sizeof *L->ext);
		if (!L->ext)
			abort();
	}
	/* The site is freed before external links are fetched. */
	L->ext[L->next++] = (linkcheck_ext){url, arena_strdup(L->a, o.file),
	    o.line, o.col};
}

/* What the check of one link found that needs acting on: worked out on
 * all cores, acted on afterwards in file order, so the messages are the
 * same whatever thread saw the link first. */
/* An outside address (key: without its #fragment), an empty link (whether
 * it is reported needs the Markdown, read meanwhile), else a report's
 * kind, 0 to 4. */
enum { V_EMPTY = -2, V_EXTERNAL = -1 };
struct verdict {
	size_t file, ref;
	int kind;
	const char *key, *page, *detail;
};

/* One worker's findings, the outside addresses it has met (only the
 * first in file order is wanted: a worker takes its files in that
 * order), and its count of links checked. */
struct judge {
	arena *a;
	strmap *outside;
	struct verdict *v;
	size_t n, cap;
	size_t links;
};

static void found(struct judge *J, size_t file, size_t ref, int kind,
    const char *key, const char *page, const char *detail)
{
	if (J->n == J->cap) {
		J->cap = J->cap ? J->cap * 2 : 64;
		J->v = realloc(J->v, J->cap * sizeof *J->v);
		if (!J->v)
			abort();
	}
	J->v[J->n++] = (struct verdict){file, ref, kind, key, page, detail};
}

/* What the link url, normalised to key (the site's), finds: 0 when it
 * works, else a report's kind (1 to 4), with the target page and the
 * detail to tell. Reads only what linkcheck_run set up. */
static int judge_key(linkcheck *L, arena *a, const char *url,
    const char *key, const char **page, const char **detail)
{
	size_t bl = strlen(L->s->base_path);
	size_t n = strcspn(key, "?#");
	*page = *detail = NULL;
	if (n < bl || strncmp(key, L->s->base_path, bl) != 0) {
		/* Another site on the same host, unless the base path was
		 * forgotten. */
		if (bl > 1 && reaches(L, a, linkurl_decode(a, key + 1,
		    n - 1))) {
			*detail = arena_printf(a, "%s%.*s", L->s->base_path,
			    (int)(n - 1), key + 1);
			return 4;
		}
		return 0;
	}
	scan_file *t = reaches(L, a, linkurl_decode(a, key + bl, n - bl));
	if (!t) {
		int md = url[0] != '/' && !linkurl_scheme_len(url) &&
		    ends_with_md(url, strcspn(url, "?#"));
		*detail = arena_printf(a, "%.*s", (int)n, key);
		return md ? 3 : 1;
	}
	const char *hash = strchr(key + n, '#');
	const char *id = !hash || !hash[1] || !t->ids ||
	    !strcasecmp(hash + 1, "top") ? NULL :
	    linkurl_decode(a, hash + 1, strlen(hash + 1));
	if (id && !strmap_get(t->ids, id)) {
		*page = arena_printf(a, "%.*s", (int)n, key);
		*detail = id;
		return 2;
	}
	return 0;
}

/* 1 when url is the same address on every page: it starts with '/' or a
 * scheme. */
static int fixed(const char *url)
{
	return url[0] == '/' || linkurl_scheme_len(url);
}

/* Reads only what linkcheck_run set up (the files, their ids, the shared
 * addresses' marks); writes only to J. */
static void check_ref(linkcheck *L, struct judge *J, size_t fi, size_t ri,
    const char *dir)
{
	const scan_file *f = &L->files[fi];
	const scan_ref *r = &f->refs[ri];
	const char *url = r->url;
	/* The same address on many pages (the menu, the layout, the lists)
	 * is judged once when it does not depend on the page
	 * (judge_shared). */
	if (r->u && r->u->works) {
		J->links++;
		return;
	}
	if (!*url) {
		if (!strcmp(r->attr, "href") || !strcmp(r->attr, "src"))
			found(J, fi, ri, V_EMPTY, NULL, NULL, NULL);
		return;
	}
	/* "#" and "#top" are the top of the page (HTML). */
	if (!strcmp(url, "#") || !strcasecmp(url, "#top"))
		return;
	const char *key = linkurl_normalise(J->a, L->host, L->hostlen, url,
	    dir);
	if (!key) {
		/* Only web addresses are asked, each once. */
		size_t sl = linkurl_scheme_len(url);
		if (!((sl == 4 && !strncasecmp(url, "http", 4)) ||
		    (sl == 5 && !strncasecmp(url, "https", 5))))
			return;
		size_t n = strcspn(url, "#");
		const char *bare = url[n] ? arena_strndup(J->a, url, n) : url;
		if (strmap_put_new(J->outside, bare, (void *)1))
			return;
		found(J, fi, ri, V_EXTERNAL, bare, NULL, NULL);
		return;
	}
	J->links++;
	const char *page, *detail;
	int kind = judge_key(L, J->a, url, key, &page, &detail);
	if (kind)
		found(J, fi, ri, kind, key, page, detail);
}

struct check_job {
	linkcheck *L;
	struct judge *judges;   /* one per worker */
	scan_url **urls;        /* the references' shared addresses */
};

/* An address written the same on every page: marked when it works, so
 * that its links are not judged again, one by one (most of a site's). */
static void judge_shared(void *ctx, size_t i, int worker)
{
	struct check_job *C = ctx;
	linkcheck *L = C->L;
	scan_url *u = C->urls[i];
	const char *url = u->text;
	if (!*url || url[0] == '#' || !fixed(url))
		return;
	arena *a = C->judges[worker].a;
	const char *key = linkurl_normalise(a, L->host, L->hostlen, url, "/");
	const char *page, *detail;
	u->works = key && judge_key(L, a, url, key, &page, &detail) == 0;
}

static void check_file(void *ctx, size_t fi, int worker)
{
	struct check_job *C = ctx;
	linkcheck *L = C->L;
	struct judge *J = &C->judges[worker];
	const scan_file *f = &L->files[fi];
	/* The page's own address, for its relative links. */
	const char *slash = strrchr(f->path, '/');
	const char *dir = arena_printf(J->a, "%s%.*s", L->s->base_path,
	    slash ? (int)(slash - f->path + 1) : 0, f->path);
	for (size_t k = 0; k < f->nrefs; k++)
		check_ref(L, J, fi, k, dir);
}

static int by_link(const void *x, const void *y)
{
	const struct verdict *a = x, *b = y;
	if (a->file != b->file)
		return a->file < b->file ? -1 : 1;
	return a->ref < b->ref ? -1 : a->ref > b->ref;
}

/* An empty link: a Markdown one is reported on its own page; in a list
 * that shows its summary it could be anyone's. */
static void report_empty(linkcheck *L, const scan_file *f,
    const scan_ref *r)
{
	const struct doc *dc = strmap_get(L->docs, f->path);
	int own = 0;
	for (size_t i = 0; dc && i < dc->md->nlinks; i++)
		if (dc->md->links[i].url && !*dc->md->links[i].url)
			own = 1;
	if (own || !L->md_empty)
		report(L, f, r, NULL, 0, NULL, NULL);
}

static void save_task(void *ctx)
{
	linksink_save(ctx);
}

static void collect_origins_task(void *ctx)
{
	linkcheck *L = ctx;
	collect_origins(L, L->s);
}

/* Every link of every file: judged on all cores (a 10,000-post site has
 * 1.7 million), then what was found acted on in file order. */
static void check_all(linkcheck *L)
{
	int threads = L->s->threads > 0 ? L->s->threads : 1;
	struct check_job C = {L, calloc((size_t)threads, sizeof *C.judges),
	    NULL};
	if (!C.judges)
		abort();
	for (int w = 0; w < threads; w++) {
		C.judges[w].a = arena_new();
		C.judges[w].outside = strmap_new();
	}
	/* Where each address was written is needed only for what is found:
	 * gathered beside the workers, which do not read it. */
	pool_task *origins = pool_start(collect_origins_task, L);
	size_t nurls;
	C.urls = linksink_urls(L->sink, &nurls);
	pool_run(threads, nurls, judge_shared, &C);
	pool_run(threads, L->nfiles, check_file, &C);
	pool_join(origins);
	size_t n = 0;
	for (int w = 0; w < threads; w++)
		n += C.judges[w].n;
	struct verdict *all = malloc((n + 1) * sizeof *all);
	if (!all)
		abort();
	n = 0;
	for (int w = 0; w < threads; w++) {
		struct judge *J = &C.judges[w];
		if (J->n)
			memcpy(all + n, J->v, J->n * sizeof *all);
		n += J->n;
		L->links += J->links;
	}
	qsort(all, n, sizeof *all, by_link);
	for (size_t i = 0; i < n; i++) {
		const struct verdict *v = &all[i];
		const scan_file *f = &L->files[v->file];
		const scan_ref *r = &f->refs[v->ref];
		if (v->kind == V_EXTERNAL)
			add_external(L, f, r, v->key);
		else if (v->kind == V_EMPTY)
			report_empty(L, f, r);
		else
			report(L, f, r, v->key, v->kind, v->page, v->detail);
	}
	free(all);
	for (int w = 0; w < threads; w++) {
		free(C.judges[w].v);
		strmap_free(C.judges[w].outside);
		arena_free(C.judges[w].a);
	}
	free(C.judges);
}

void linkcheck_run(const site *s, const char *out, void *ctx, diag *d)
{
	linkcheck *L = ctx;
	(void)out;   /* nothing was written: the sink has the files */
	L->s = s;
	L->d = d;
	L->by_path = strmap_new();
	L->reported = strmap_new();
	L->ext_seen = strmap_new();
	const char *host = strstr(s->origin ? s->origin : "", "//");
	if (host) {
		L->host = host + 2;
		L->hostlen = strcspn(L->host, "/?#");
	}
	L->files = linksink_files(L->sink, &L->nfiles);
	for (size_t i = 0; i < L->nfiles; i++)
		strmap_set(L->by_path, L->files[i].path, &L->files[i]);
	/* The scans are kept for the next check beside the judging, which
	 * writes none of what the record reads. */
	pool_task *save = pool_start(save_task, L->sink);
	check_all(L);
	pool_join(save);
	/* The site is freed before the problems are shown. */
	L->s = NULL;
	L->host = NULL;
}

const output_sink *linkcheck_lines(linkcheck *L)
{
	if (!L->npend)
		return NULL;
	L->lines = linksink_new_lines();
	for (size_t i = 0; i < L->npend; i++)
		linksink_want(L->lines, L->pend[i].path, L->pend[i].line);
	return linksink_output(L->lines);
}

/* The pending problem or address p is at o. */
static void place(linkcheck *L, const struct pending *p,
    const struct origin *o)
{
	if (!p->msg) {
		L->ext[p->ext].file = o->file;
		L->ext[p->ext].line = o->line;
		L->ext[p->ext].col = o->col;
	} else if (first_time(L, o, p->once)) {
		problem(L, o, p->msg);
	}
}

void linkcheck_place(const site *s, const char *out, void *ctx, diag *d)
{
	linkcheck *L = ctx;
	(void)out;
	(void)d;
	tplorigin *tpl = tplorigin_new(s->src, s->th ? s->th->dir : NULL);
	for (size_t i = 0; i < L->npend; i++) {
		const struct pending *p = &L->pend[i];
		const char *line = linksink_line(L->lines, p->path, p->line);
		const char *file;
		int ln;
		if (!line || !tplorigin_find(tpl, line, p->attr, &file, &ln))
			continue;
		place(L, p, &(struct origin){arena_strdup(L->a, file), ln, 0,
		    NULL, 0, 0});
		L->pend[i].path = NULL;   /* placed */
	}
	tplorigin_free(tpl);
}

void linkcheck_report(linkcheck *L, diag *d)
{
	/* What no template line wrote, saitti itself did. */
	for (size_t i = 0; i < L->npend; i++)
		if (L->pend[i].path)
			place(L, &L->pend[i], &(struct origin){L->pend[i].path,
			    L->pend[i].line, 0, NULL, 0, 0});
	L->npend = 0;
	if (L->nprobs)
		qsort(L->probs, L->nprobs, sizeof *L->probs, by_place);
	for (size_t i = 0; i < L->nprobs; i++)
		diag_error(d, L->probs[i].file, L->probs[i].line,
		    L->probs[i].col, "%s", L->probs[i].msg);
}
