/* build: one run of the whole pipeline — source → model → render →
 * output — shared by the commands `build`, `serve` and `check`, and the
 * summary a build ends with. */
#ifndef SAITTI_BUILD_H
#define SAITTI_BUILD_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "../core/diag.h"
#include "../model/site.h"
#include "../output/output.h"
#include "../render/counts.h"

/* Called once the output is in place, while the model is still loaded
 * (`check` looks at links here). Reports problems to d; the build fails
 * when the error count grows. */
typedef void (*build_hook)(const site *s, const char *out, void *ctx,
    diag *d);

typedef struct build_req {
	const char *srcdir;    /* the site repository */
	const char *rev;       /* read this commit through git, or NULL */
	const char *out;       /* replaced only when the build succeeds */
	build_opts opts;
	build_hook hook;       /* may be NULL */
	void *hook_ctx;
	int next_only;         /* load the model, write nothing: --next-change */
	int force;             /* --force: replace an output folder that saitti
	                        * did not build (outguard.h) */
	const output_sink *sink;  /* write nothing, hand each file to it
	                        * (check; out is then unused, hook gets NULL) */
	int own_out;           /* out is this process's own folder, which
	                        * nothing else writes (serve): its files are
	                        * not stat'ed (output_trust_target) */
} build_req;

typedef struct build_stats {
	size_t pages, posts, events, tags, sections;  /* the model */
	render_counts files;   /* what the render wrote, by kind */
	size_t written, kept;  /* files with new bytes; unchanged, left */
	size_t md_cached, md_rendered;  /* Markdown from the cache, by cmark */
	size_t pages_skipped;  /* pages not rendered: their input was the
	                        * last build's */
	double load_ms, render_ms, total_ms;
	int64_t next_change;   /* epoch of the next change by itself, or 0 */
	int threads, warnings;
	int unchanged;         /* nothing changed since the last build: the
	                        * output stood, nothing was read (stamp.h) */
	char history[160];     /* what reading git history did, or "" */
} build_stats;

/* Runs the pipeline. Returns 0 when the site was built, 1 after errors
 * (each reported to d; out is then exactly as it was), or 2 when the
 * output folder is refused (outguard.h). st may be NULL. */
int build_run(const build_req *r, diag *d, build_stats *st);

/* The summary after a good build, like other generators print it; verbose
 * adds the file counts by kind, the stages' times and threads. */
/* "3 posts, 1 page, 0 events", each word agreeing with its number in
 * the language of the messages. */
void build_print_counts(FILE *f, size_t posts, size_t pages, size_t events);
void build_summary(FILE *f, const char *out, const build_stats *st,
    int verbose);

/* Writes the next-change instant as ISO 8601 in the site's zone, or
 * nothing when there is none. */
void build_print_next(FILE *f, int64_t next);

/* The file in cache_dir that holds what kind says of the output folder
 * out, one per folder: "output" its manifest (output.h), "stamp" its
 * stamp (stamp.h); malloc'ed, or NULL. A command that builds into a
 * temporary folder removes both with the folder. */
char *build_cache_file(const char *cache_dir, const char *out,
    const char *kind);

/* Monotonic milliseconds, for timings. */
double build_clock_ms(void);

#endif
