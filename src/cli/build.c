#include "build.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/cachedir.h"
#include "../core/hash.h"
#include "../model/history.h"
#include "../model/mdcache.h"
#include "../model/schedule.h"
#include "../model/theme.h"
#include "../output/output.h"
#include "../source/source.h"

double build_clock_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* out as an absolute path without symbolic links, whether or not it
 * exists yet (its parent must); NULL when it cannot be resolved. */
static char *resolve_out(const char *out)
{
	char *real = realpath(out, NULL);
	if (real)
		return real;
	char parent[PATH_MAX];
	size_t n = strlen(out);
	while (n > 1 && out[n - 1] == '/')
		n--;
	if (n >= sizeof parent)
		return NULL;
	memcpy(parent, out, n);
	parent[n] = '\0';
	char *slash = strrchr(parent, '/');
	const char *base = slash ? slash + 1 : parent;
	if (slash)
		*slash = '\0';
	char *rp = realpath(!slash ? "." : *parent ? parent : "/", NULL);
	if (!rp)
		return NULL;
	char *full = malloc(strlen(rp) + strlen(base) + 2);
	if (full)
		sprintf(full, "%s%s%s", rp, strcmp(rp, "/") ? "/" : "", base);
	free(rp);
	return full;
}

/* 1 when path is dir or inside it. */
static int within(const char *path, const char *dir)
{
	size_t n = strlen(dir);
	if (n == 1 && dir[0] == '/')
		return 1;
	return !strncmp(path, dir, n) && (path[n] == '/' || path[n] == '\0');
}

/* The output is swapped in for --out and the old folder deleted, so --out
 * must not be the source or hold it (the site would be deleted), nor lie
 * in content/ or themes/ (the next build would read it). */
static int out_conflicts(const char *srcdir, const char *out, int rev,
    diag *d)
{
	char *real_out = resolve_out(out), *real_src = realpath(srcdir, NULL);
	int bad = 0;
	if (real_out && real_src && within(real_src, real_out)) {
		diag_error(d, out, 0, 0, "the output folder holds the site's "
		    "source, which the build would replace: choose an --out "
		    "beside or below the source, like --out public");
		bad = 1;
	}
	static const char *const inputs[] = {"content", "themes"};
	for (size_t i = 0; !bad && !rev && real_out && i < 2; i++) {
		char sub[PATH_MAX];
		if ((size_t)snprintf(sub, sizeof sub, "%s/%s", srcdir,
		    inputs[i]) >= sizeof sub)
			continue;
		char *real_sub = realpath(sub, NULL);
		if (real_sub && within(real_out, real_sub)) {
			diag_error(d, out, 0, 0, "the output folder is inside "
			    "%s/: choose an --out outside it, like --out "
			    "public", inputs[i]);
			bad = 1;
		}
		free(real_sub);
	}
	free(real_out);
	free(real_src);
	return bad;
}

/* The output manifest (see output.h) in the cache folder, one per output
 * folder; NULL when there is no cache folder or it cannot be made. */
static const char *manifest_file(site *s, const char *out)
{
	if (!s->cache_dir || cachedir_make(s->cache_dir) != 0)
		return NULL;
	char *real = resolve_out(out);
	if (!real)
		return NULL;
	hash128 h = hash_bytes(real, strlen(real));
	free(real);
	return arena_printf(s->a, "%s/output-%016llx", s->cache_dir,
	    (unsigned long long)h.lo);
}

int build_run(const build_req *r, diag *d, build_stats *st)
{
	build_stats local;
	if (!st)
		st = &local;
	*st = (build_stats){0};
	double t0 = build_clock_ms();
	int rc = 1;
	site *s = NULL;
	output *o = NULL;
	source *src = r->rev ? source_open_rev(r->srcdir, r->rev, d) :
	    source_open_dir(r->srcdir, d);
	if (!src)
		goto done;
	if (out_conflicts(r->srcdir, r->out, r->rev != NULL, d))
		goto done;
	s = site_load(src, &r->opts, d);
	if (diag_errors(d))
		goto done;
	st->md_cached = mdcache_hits(s->mdcache);
	st->md_rendered = mdcache_misses(s->mdcache);
	st->next_change = schedule_next_change(s);
	const char *note = history_note(s->hist);
	snprintf(st->history, sizeof st->history, "%s", note ? note : "");
	if (r->next_only) {
		rc = 0;
		goto done;
	}
	double t1 = build_clock_ms();
	st->load_ms = t1 - t0;
	o = output_begin(r->out, manifest_file(s, r->out), d);
	if (!o)
		goto done;
	if (render_site_counted(s, s->th, o, d, &st->files) < 0 ||
	    diag_errors(d))
		goto done;
	st->render_ms = build_clock_ms() - t1;
	st->written = output_written(o);
	st->kept = output_kept(o);
	st->pages_skipped = output_skipped(o);
	int failed = output_commit(o, d);
	o = NULL;
	if (failed)
		goto done;
	if (r->hook) {
		int errs = diag_errors(d);
		r->hook(s, r->out, r->hook_ctx, d);
		if (diag_errors(d) > errs)
			goto done;
	}
	rc = 0;
	st->pages = s->npages + 1;   /* and the home page */
	st->posts = s->nposts;
	st->events = s->nevents;
	st->tags = s->ntags;
	st->sections = s->nsections;
	st->threads = s->threads;
done:
	st->warnings = diag_warnings(d);
	st->total_ms = build_clock_ms() - t0;
	output_abort(o);
	site_free(s);
	source_free(src);
	return rc;
}

void build_print_next(FILE *f, int64_t next)
{
	if (!next)
		return;
	char iso[40];
	sdate d = date_from_epoch(next, 1);
	date_iso(&d, iso);
	fprintf(f, "%s\n", iso);
}

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

void build_summary(FILE *f, const char *out, const build_stats *st,
    int verbose)
{
	const render_counts *c = &st->files;
	size_t total = st->written + st->kept;
	fprintf(f, "saitti: built %s in %.0f ms\n", out, st->total_ms);
	fprintf(f, "  content  %zu %s, %zu %s, %zu %s, %zu %s\n",
	    st->posts, plural(st->posts, "post", "posts"),
	    st->pages, plural(st->pages, "page", "pages"),
	    st->events, plural(st->events, "event", "events"),
	    st->tags, plural(st->tags, "tag", "tags"));
	fprintf(f, "  output   %zu HTML %s, %zu %s, %zu %s, %zu %s copied\n",
	    c->pages, plural(c->pages, "page", "pages"),
	    c->feeds, plural(c->feeds, "feed", "feeds"),
	    c->calendars, plural(c->calendars, "calendar", "calendars"),
	    c->copied, plural(c->copied, "file", "files"));
	if (c->images)
		fprintf(f, "  images   %zu %s published: %zu made, %zu from the "
		    "cache\n", c->images, plural(c->images, "picture",
		    "pictures"), c->images_made, c->images - c->images_made);
	fprintf(f, "  files    %zu in all: %zu changed, %zu unchanged\n",
	    total, st->written, st->kept);
	if (st->next_change) {
		fputs("  next     rebuild at ", f);
		build_print_next(f, st->next_change);
	}
	if (!verbose)
		return;
	fprintf(f, "  also     %zu %s, %zu other (sitemap, robots.txt), "
	    "%zu %s\n", c->redirects,
	    plural(c->redirects, "redirect", "redirects"), c->other,
	    st->sections, plural(st->sections, "section", "sections"));
	fprintf(f, "  reused   %zu Markdown %s from the cache (%zu rendered), "
	    "%zu %s not rendered (input unchanged)\n", st->md_cached,
	    plural(st->md_cached, "text", "texts"), st->md_rendered,
	    st->pages_skipped, plural(st->pages_skipped, "page", "pages"));
	fprintf(f, "  time     load %.0f ms, render and write %.0f ms, "
	    "commit %.0f ms\n", st->load_ms, st->render_ms,
	    st->total_ms - st->load_ms - st->render_ms);
	fprintf(f, "  threads  %d; %d %s\n", st->threads, st->warnings,
	    plural((size_t)st->warnings, "warning", "warnings"));
	if (*st->history)
		fprintf(f, "  %s\n", st->history);
}
