#include "check.h"

#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/arena.h"
#include "../core/i18n.h"
#include "../core/plugin.h"
#include "../core/xmlpart.h"
#include "build.h"
#include "external.h"
#include "linkcheck.h"

static const char usage_text[] = N_(
    "usage: saitti check [--source DIR] [--rev REV] [--drafts]\n"
    "                    [--base-url URL] [--now DATE] [--quiet]\n"
    "                    [--max-errors N] [--format text|github|json]\n"
    "                    [--external] [--external-timeout SECONDS]\n"
    "                    [--external-max-age HOURS] [--strict]\n"
    "\n"
    "Builds the whole site as `saitti build` does, without writing it: it\n"
    "reads each output file as it is made and checks every link and resource\n"
    "(href, src, srcset, meta refresh, feeds, sitemap, calendars), including\n"
    "#fragments against the ids of the target page. Each problem is reported\n"
    "where it was written: the Markdown, site.yaml's menu, or the template.\n"
    "Writes no output.\n"
    "\n"
    "  --max-errors N   show at most N errors (all by default)\n"
    "  --format F       text (FILE:LINE:COL: error: ...), github (workflow\n"
    "                   annotations) or json (one object a line); github\n"
    "                   and json go to standard output\n"
    "  --external       also fetch each address outside the site once;\n"
    "                   404, 410 and unknown hosts are warnings\n"
    "  --external-timeout SECONDS    per address (default 10)\n"
    "  --external-max-age HOURS      reuse results this old (default 24)\n"
    "\n"
    "  --strict         count warnings as errors (exit 1)\n"
    "  --lang LANG      messages in LANG (fi, sv, en)\n"
    "\n"
    "Exit status: 0 no errors, 1 errors, 2 wrong usage.\n");

struct hook {
	linkcheck *L;
	const char *cache_dir;   /* copied: the site is freed after the build */
	arena *a;
};

static void check_hook(const site *s, const char *out, void *ctx, diag *d)
{
	struct hook *H = ctx;
	if (s->cache_dir)
		H->cache_dir = arena_strdup(H->a, s->cache_dir);
	linkcheck_run(s, out, H->L, d);
}

/* A whole number in [lo, hi] from s, or -1. */
static long number(const char *s, long lo, long hi)
{
	char *end;
	long v = strtol(s, &end, 10);
	return *s && !*end && v >= lo && v <= hi ? v : -1;
}

/* Outside addresses are asked by a plugin (saitti-fetch.so): libcurl and
 * what it links are loaded only by `check --external`. */
static size_t fetch_external(const linkcheck_ext *ext, size_t n,
    const external_opts *eo, diag *d)
{
	/* The cast from dlsym's object pointer is what POSIX promises
	 * works. */
	union {
		void *p;
		size_t (*run)(const linkcheck_ext *, size_t,
		    const external_opts *, diag *);
	} fn = {plugin_symbol("fetch", "external_check")};
	if (!fn.p) {
		/* TRANSLATORS: %s is the loader's own reason (a file name
		 * and a system message). */
		diag_error(d, NULL, 0, 0, _("web links cannot be checked: "
		    "saitti's web part did not load (%s); install saitti "
		    "again, or build it with make"), plugin_error());
		return 0;
	}
	return fn.run(ext, n, eo, d);
}

int check_main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"source", required_argument, NULL, 's'},
		{"rev", required_argument, NULL, 'r'},
		{"drafts", no_argument, NULL, 'd'},
		{"base-url", required_argument, NULL, 'b'},
		{"now", required_argument, NULL, 'n'},
		{"quiet", no_argument, NULL, 'q'},
		{"max-errors", required_argument, NULL, 'm'},
		{"format", required_argument, NULL, 'f'},
		{"external", no_argument, NULL, 'x'},
		{"external-timeout", required_argument, NULL, 't'},
		{"external-max-age", required_argument, NULL, 'A'},
		{"strict", no_argument, NULL, 'S'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	build_req req = {.srcdir = "."};
	int quiet = 0, c, external = 0, strict = 0;
	long max_errors = INT_MAX, timeout = 10, max_age = 24;
	diag_format format = DIAG_TEXT;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 's': req.srcdir = optarg; break;
		case 'r': req.rev = optarg; break;
		case 'd': req.opts.drafts = 1; break;
		case 'b': req.opts.base_url = optarg; break;
		case 'n': req.opts.now = optarg; break;
		case 'q': quiet = 1; break;
		case 'x': external = 1; break;
		case 'S': strict = 1; break;
		case 'm':
			if ((max_errors = number(optarg, 0, INT_MAX)) < 0)
				goto bad;
			break;
		case 't':
			if ((timeout = number(optarg, 1, 3600)) < 0)
				goto bad;
			break;
		case 'A':
			if ((max_age = number(optarg, 0, 24 * 365)) < 0)
				goto bad;
			break;
		case 'f':
			if (!strcmp(optarg, "text"))
				format = DIAG_TEXT;
			else if (!strcmp(optarg, "github"))
				format = DIAG_GITHUB;
			else if (!strcmp(optarg, "json"))
				format = DIAG_JSON;
			else
				goto bad;
			break;
		case 'h': fputs(_(usage_text), stdout); return 0;
		default: fputs(_(usage_text), stderr); return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, _("saitti: unexpected argument '%s'\n"),
		    argv[optind]);
		fputs(_(usage_text), stderr);
		return 2;
	}
	diag_set_format(format);
	/* The check reads the pages back with saitti-xml.so. */
	if (!xmlpart()) {
		/* TRANSLATORS: %s is the loader's own reason (a file name
		 * and a system message). */
		fprintf(stderr, _("saitti: the check cannot run: saitti's HTML "
		    "part did not load (%s); install saitti again, or build it "
		    "with make\n"), xmlpart_error());
		return 1;
	}
	struct hook H = {linkcheck_new(external), NULL, arena_new()};
	diag *d = diag_new(format == DIAG_TEXT ? stderr : stdout);
	diag_set_quiet(d, quiet);
	diag_set_limit(d, (int)max_errors);
	/* Nothing is written: each file is scanned as it is made. */
	req.sink = linkcheck_sink(H.L);
	req.hook = check_hook;
	req.hook_ctx = &H;
	build_stats st;
	int rc = build_run(&req, d, &st);
	const output_sink *lines = rc == 0 ? linkcheck_lines(H.L) : NULL;
	if (lines) {
		/* The theme's dead links: their output lines, from the
		 * pages that have them (the messages were the first
		 * build's). */
		build_req again = req;
		again.sink = lines;
		again.hook = linkcheck_place;
		again.hook_ctx = H.L;
		diag *held = diag_new_held();
		build_run(&again, held, NULL);
		diag_free(held);
	}
	linkcheck_report(H.L, d);
	/* Outside addresses are asked only when the site's own links work. */
	if (rc == 0 && diag_errors(d) > 0)
		rc = 1;
	size_t next = 0;
	const linkcheck_ext *ext = linkcheck_external(H.L, &next);
	size_t fetched = 0;
	if (rc == 0 && external) {
		external_opts eo = {.cache_dir = H.cache_dir,
		    .timeout_s = (int)timeout, .max_age_s = max_age * 3600};
		fetched = fetch_external(ext, next, &eo, d);
	}
	int n = diag_errors(d), w = diag_warnings(d);
	if (rc == 0 && n > 0)
		rc = 1;
	if (rc == 0 && strict && w > 0) {
		/* The warnings were shown as they came: --strict only makes
		 * them fail the check (for CI). */
		fprintf(stderr, P_("saitti: %d warning, and --strict counts "
		    "warnings as errors\n", "saitti: %d warnings, and "
		    "--strict counts warnings as errors\n", (unsigned long)w),
		    w);
		rc = 1;
	} else if (rc != 0)
		fprintf(stderr, P_("saitti: %d error\n", "saitti: %d errors\n",
		    (unsigned long)n), n);
	else if (!quiet)
		fprintf(stderr, _("saitti: checked %zu posts, %zu pages, %zu "
		    "events, %zu links into the site and %zu outside it in "
		    "%.0f ms: no errors\n"), st.posts, st.pages, st.events,
		    linkcheck_count(H.L), external ? fetched : next,
		    st.total_ms);
	diag_free(d);
	linkcheck_free(H.L);
	arena_free(H.a);
	return rc;
bad:
	fprintf(stderr, _("saitti: check: wrong value '%s' (see the usage "
	    "below)\n"), optarg);
	fputs(_(usage_text), stderr);
	return 2;
}
