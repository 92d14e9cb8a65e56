#include "build.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/cachedir.h"
#include "../core/hash.h"
#include "../core/i18n.h"
#include "../model/history.h"
#include "../model/mdcache.h"
#include "../model/schedule.h"
#include "../model/theme.h"
#include "../output/outguard.h"
#include "../output/lastbuild.h"
#include "../output/output.h"
#include "../render/render.h"
#include "../source/source.h"
#include "stamp.h"

double build_clock_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

char *build_cache_file(const char *cache_dir, const char *out,
    const char *kind)
{
	char *real = outguard_resolve(out);
	if (!real)
		return NULL;
	hash128 h = hash_bytes(real, strlen(real));
	free(real);
	char *path;
	if (asprintf(&path, "%s/%s-%016llx", cache_dir, kind,
	    (unsigned long long)h.lo) < 0)
		return NULL;
	return path;
}

/* The output manifest (see output.h) in the cache folder, one per output
 * folder; NULL when there is no cache folder or it cannot be made. */
static const char *manifest_file(site *s, const char *out)
{
	if (!s->cache_dir || cachedir_make(s->cache_dir) != 0)
		return NULL;
	char *path = build_cache_file(s->cache_dir, out, "output");
	const char *kept = path ? arena_strdup(s->a, path) : NULL;
	free(path);
	return kept;
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
	stamp *t = NULL;
	lastbuild *lb = NULL;
	source *src = r->rev ? source_open_rev(r->srcdir, r->rev, d) :
	    source_open_dir(r->srcdir, d);
	if (!src)
		goto done;
	t = stamp_begin(r, src, d);
	if (stamp_reuse(t, st)) {
		rc = 0;
		goto done;
	}
	/* The last build's manifest is read while the site loads
	 * (lastbuild.h); output_begin checks that it still stands. */
	if (stamp_cache(t) && !r->next_only && !r->sink) {
		char *mf = build_cache_file(stamp_cache(t), r->out, "output");
		/* Its files are stat'ed too, unless the stamp's test found
		 * them standing or the folder is the build's own. */
		lb = mf ? lastbuild_start(r->out, mf, !r->own_out &&
		    !stamp_outputs_stood(t, mf), stamp_outputs_known(t, mf)) :
		    NULL;
		free(mf);
	}
	s = site_load(src, &r->opts, d);
	/* Checked once the cache folder is known (site.yaml may name it),
	 * before anything is written; refused even when the content has
	 * errors, so the operator hears of a wrong --out at once. */
	if (!r->next_only && !r->sink) {
		outguard_req g = {.out = r->out, .site = source_home(src),
		    .gitdir = source_git_dir(src),
		    .commondir = source_git_common_dir(src),
		    .cache = s->cache_dir, .manifest = manifest_file(s, r->out),
		    .force = r->force};
		if (outguard_check(&g, d) != 0) {
			rc = 2;
			goto done;
		}
	}
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
	if (r->sink && r->sink->open)
		r->sink->open(r->sink->ctx, s->cache_dir);
	o = r->sink ? output_begin_sink(r->sink) :
	    output_begin_from(r->out, manifest_file(s, r->out), lb, d);
	if (!o)
		goto done;
	if (r->own_out || (!r->sink && stamp_outputs_stood(t,
	    manifest_file(s, r->out))))
		output_trust_target(o);
	if (render_site_counted(s, s->th, o, d, &st->files) < 0 ||
	    diag_errors(d))
		goto done;
	st->render_ms = build_clock_ms() - t1;
	st->written = output_written(o);
	st->kept = output_kept(o);
	st->pages_skipped = output_skipped(o);
	const char *manifest = manifest_file(s, r->out);
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
	st->total_ms = build_clock_ms() - t0;
	stamp_commit(t, s, st, manifest);
done:
	st->warnings = diag_warnings(d);
	st->total_ms = build_clock_ms() - t0;
	stamp_end(t);
	output_abort(o);
	lastbuild_free(lb);
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

/* Writes the counts of a summary line, "3 posts, 1 page", each through
 * ngettext so the word agrees with its number in every language. */
/* Marks a singular and plural pair for xgettext (make pot) where the
 * number comes later. */
#define NP_(one, many) one, many

struct count {
	size_t n;
	const char *one, *many;
};

static void counts(FILE *f, const struct count *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputs(", ", f);
		fprintf(f, i18n_ntext(c[i].one, c[i].many, c[i].n), c[i].n);
	}
}

void build_print_counts(FILE *f, size_t posts, size_t pages, size_t events)
{
	counts(f, (const struct count[]){
	    {posts, NP_("%zu post", "%zu posts")},
	    {pages, NP_("%zu page", "%zu pages")},
	    {events, NP_("%zu event", "%zu events")}}, 3);
}

void build_summary(FILE *f, const char *out, const build_stats *st,
    int verbose)
{
	const render_counts *c = &st->files;
	size_t total = st->written + st->kept;
	/* TRANSLATORS: %s is the output folder; the labels of the lines
	 * below are padded to the same width. */
	fprintf(f, _("saitti: built %s in %.0f ms\n"), out, st->total_ms);
	fputs(_("  content  "), f);
	counts(f, (const struct count[]){
	    {st->posts, NP_("%zu post", "%zu posts")},
	    {st->pages, NP_("%zu page", "%zu pages")},
	    {st->events, NP_("%zu event", "%zu events")},
	    {st->tags, NP_("%zu tag", "%zu tags")}}, 4);
	fputs(_("\n  output   "), f);
	counts(f, (const struct count[]){
	    {c->pages, NP_("%zu HTML page", "%zu HTML pages")},
	    {c->feeds, NP_("%zu feed", "%zu feeds")},
	    {c->calendars, NP_("%zu calendar", "%zu calendars")},
	    {c->copied, NP_("%zu file copied", "%zu files copied")}}, 4);
	if (c->images)
		fprintf(f, P_("\n  images   %zu picture published: %zu made, "
		    "%zu from the cache", "\n  images   %zu pictures published: "
		    "%zu made, %zu from the cache", c->images), c->images,
		    c->images_made, c->images - c->images_made);
	fprintf(f, _("\n  files    %zu in all: %zu changed, %zu unchanged\n"),
	    total, st->written, st->kept);
	if (st->unchanged)
		fputs(_("  same     nothing changed since the last build: no "
		    "file was read or written\n"), f);
	if (st->next_change) {
		fputs(_("  next     rebuild at "), f);
		build_print_next(f, st->next_change);
	}
	if (!verbose)
		return;
	fputs(_("  also     "), f);
	counts(f, (const struct count[]){
	    {c->redirects, NP_("%zu redirect", "%zu redirects")},
	    {c->other, NP_("%zu other (sitemap, robots.txt)",
	     "%zu other (sitemap, robots.txt)")},
	    {st->sections, NP_("%zu section", "%zu sections")}}, 3);
	fputs(_("\n  reused   "), f);
	fprintf(f, P_("%zu Markdown text from the cache",
	    "%zu Markdown texts from the cache", st->md_cached),
	    st->md_cached);
	fprintf(f, _(" (%zu rendered), "), st->md_rendered);
	fprintf(f, P_("%zu page not rendered (input unchanged)\n",
	    "%zu pages not rendered (input unchanged)\n", st->pages_skipped),
	    st->pages_skipped);
	fprintf(f, _("  time     load %.0f ms, render and write %.0f ms, "
	    "commit %.0f ms\n"), st->load_ms, st->render_ms,
	    st->total_ms - st->load_ms - st->render_ms);
	fprintf(f, _("  threads  %d; "), st->threads);
	fprintf(f, P_("%d warning\n", "%d warnings\n",
	    (unsigned long)st->warnings), st->warnings);
	if (*st->history)
		fprintf(f, "  %s\n", st->history);
}
