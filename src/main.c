/* saitti: command line. Parses arguments, runs the pipeline
 * source → model → render → output, and maps results to exit codes:
 * 0 success, 1 content errors, 2 usage errors. */
#include <cmark.h>
#include <curl/curlver.h>
#include <jansson.h>
#include <libxml/xmlversion.h>
#include <vips/version.h>
#include <getopt.h>
#include <git2.h>
#include <microhttpd.h>
#include <xxhash.h>
#include <yaml.h>
#include <zlib.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/build.h"
#include "cli/check.h"
#include "cli/init.h"
#include "cli/import.h"
#include "cli/scaffold.h"
#include "cli/serve.h"
#include "core/plugin.h"
#include "core/diag.h"
#include "core/i18n.h"
#include "core/xalloc.h"
#include "model/morph.h"
#include "parse/date.h"

/* TRANSLATORS: the command names and --options stay as they are. */
static const char usage_text[] = N_(
    "usage: saitti build [--source DIR] [--rev REV] [--out DIR] [--drafts]\n"
    "                    [--base-url URL] [--now YYYY-MM-DD] [--jobs N]\n"
    "                    [--next-change] [--force] [--cache DIR]\n"
    "                    [--quiet | --verbose]\n"
    "       saitti serve [--source DIR] [--port N] [--bind ADDR] [--now DATE]\n"
    "       saitti new post|news TITLE [--source DIR] [--now DATE]\n"
    "       saitti new event TITLE --start DATE [--source DIR] [--now DATE]\n"
    "       saitti check [--source DIR] [--rev REV] [--drafts] [--now DATE]\n"
    "       saitti init DIR [--title T] [--base-url URL] [--lang fi|sv]\n"
    "                   [--ci github|gitlab|none]\n"
    "       saitti import jekyll|hugo SRC DEST [--section NAME] [--themes DIR]\n"
    "       saitti --help | --version\n"
    "\n"
    "  --source DIR    the site repository (site.yaml, content/, themes/);\n"
    "                  default .\n"
    "  --rev REV       read everything from this commit, branch or tag\n"
    "                  through git (works in a bare repository)\n"
    "  --out DIR       where the site goes; default public. Replaced only\n"
    "                  when the build succeeds\n"
    "  --force         replace --out even when it is a folder saitti did\n"
    "                  not build (never the sources, git or the cache)\n"
    "  --cache DIR     the cache folder (as $SAITTI_CACHE does); default\n"
    "                  site.yaml's cache_dir, else .saitti-cache\n"
    "  --drafts        build drafts and future-dated posts too\n"
    "  --base-url URL  override site.yaml's base_url\n"
    "  --now DATE      what 'today' is (YYYY-MM-DD or a date and time)\n"
    "  --jobs N        threads to render with; default: every core\n"
    "  --next-change   print only the next instant at which the output\n"
    "                  would change by itself (a future post, an event\n"
    "                  ending), and build nothing\n"
    "\n"
    "serve: a preview with drafts at http://127.0.0.1:1313/ that rebuilds\n"
    "and reloads open pages when content/, themes/ or site.yaml change.\n"
    "new: writes a post, news item or event with its front matter filled in.\n"
    "check: everything a build checks, and links that go nowhere; writes\n"
    "nothing.\n"
    "init: writes a new site (site.yaml, an example post and event, an\n"
    "accessibility statement, .gitignore, a CI file) into a new folder.\n"
    "import: writes a saitti site in DEST from a Jekyll or Hugo site in\n"
    "SRC, with an alias for every old address, and reports what it could\n"
    "not convert (docs/migrating.md).\n"
    "\n"
    "Exit status: 0 built, 1 content errors (FILE:LINE:COL: error: ...),\n"
    "2 wrong usage.\n"
    "\n"
    "Every command also takes --lang LANG (fi, sv or en): the language of\n"
    "the messages; default $LANGUAGE, else site.yaml's language.\n");

static int usage(FILE *f, int rc)
{
	fputs(_(usage_text), f);
	return rc;
}

static int build(int argc, char **argv)
{
	static const struct option opts[] = {
		{"source", required_argument, NULL, 's'},
		{"rev", required_argument, NULL, 'r'},
		{"out", required_argument, NULL, 'o'},
		{"drafts", no_argument, NULL, 'd'},
		{"base-url", required_argument, NULL, 'b'},
		{"now", required_argument, NULL, 'n'},
		{"jobs", required_argument, NULL, 'j'},
		{"quiet", no_argument, NULL, 'q'},
		{"verbose", no_argument, NULL, 'v'},
		{"next-change", no_argument, NULL, 'x'},
		{"force", no_argument, NULL, 'f'},
		{"cache", required_argument, NULL, 'c'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *srcdir = ".", *rev = NULL, *out = "public";
	build_opts bo = {0};
	int quiet = 0, verbose = 0, next_only = 0, force = 0, c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 's': srcdir = optarg; break;
		case 'r': rev = optarg; break;
		case 'o': out = optarg; break;
		case 'd': bo.drafts = 1; break;
		case 'b': bo.base_url = optarg; break;
		case 'n': bo.now = optarg; break;
		case 'j':
			bo.threads = atoi(optarg);
			if (bo.threads < 1 || bo.threads > 64) {
				fputs(_("saitti: --jobs takes a number from 1 "
				    "to 64\n"), stderr);
				return 2;
			}
			break;
		case 'q': quiet = 1; break;
		case 'v': verbose = 1; break;
		case 'x': next_only = 1; break;
		case 'f': force = 1; break;
		case 'c':
			/* The operator's cache folder: site.yaml may only name
			 * one inside the repository (site.h). */
			if (!*optarg || setenv("SAITTI_CACHE", optarg, 1) != 0) {
				fputs(_("saitti: --cache must name a folder\n"),
				    stderr);
				return 2;
			}
			break;
		case 'h': return usage(stdout, 0);
		default: return usage(stderr, 2);
		}
	}
	if (optind < argc) {
		/* TRANSLATORS: %s is a word on the command line that no
		 * option takes, e.g. a title without quotes. */
		fprintf(stderr, _("saitti: unexpected argument '%s'\n"),
		    argv[optind]);
		return usage(stderr, 2);
	}
	if (!*out) {
		fputs(_("saitti: --out must name a folder\n"), stderr);
		return 2;
	}
	diag *d = diag_new(stderr);
	/* --next-change prints one line for a timer: warnings belong to
	 * builds. */
	diag_set_quiet(d, quiet || next_only);
	build_req req = {.srcdir = srcdir, .rev = rev, .out = out, .opts = bo,
	    .next_only = next_only, .force = force};
	build_stats st;
	int rc = build_run(&req, d, &st);
	if (next_only) {
		/* Alone on stdout, for timers and CI schedules. */
		if (rc == 0)
			build_print_next(stdout, st.next_change);
		diag_free(d);
		return rc;
	}
	if (rc == 0 && !quiet)
		build_summary(stderr, out, &st, verbose);
	if (rc != 0) {
		int n = diag_errors(d);
		/* TRANSLATORS: %d counts errors; %s is the output folder. */
		fprintf(stderr, P_("saitti: %d error; %s was not changed\n",
		    "saitti: %d errors; %s was not changed\n",
		    (unsigned long)n), n, out);
	}
	diag_free(d);
	return rc;
}

/* The libraries saitti runs with, as they report themselves: what a bug
 * report needs. */
static int version(void)
{
	int maj, min, rev;
	git_libgit2_version(&maj, &min, &rev);
	unsigned xx = XXH_versionNumber();
	printf("saitti %s\n"
	    "cmark %s\nlibyaml %s\nlibgit2 %d.%d.%d\n"
	    "zlib %s\nxxhash %u.%u.%u\n", SAITTI_VERSION,
	    cmark_version_string(), yaml_get_version_string(), maj, min, rev,
	    zlibVersion(), xx / 10000, xx / 100 % 100, xx % 100);
	/* Built against: these say their version at compile time (libvoikko
	 * at run time, from saitti-words.so: "-" without it). */
	printf("libvoikko %s\nlibvips %s\nlibcurl %s\njansson %s\n"
	    "libxml2 %s\nlibmicrohttpd %x.%x.%x\n", *morph_version() ?
	    morph_version() : "-",
	    VIPS_VERSION, LIBCURL_VERSION, JANSSON_VERSION,
	    LIBXML_DOTTED_VERSION, (unsigned)(MHD_VERSION >> 24) & 0xff,
	    (unsigned)(MHD_VERSION >> 16) & 0xff,
	    (unsigned)(MHD_VERSION >> 8) & 0xff);
	return 0;
}

/* `--lang LANG` (or --lang=LANG) anywhere after the command: applied
 * before anything is read, so every message is in that language, and
 * taken out of argv so each command's own options need not know it.
 * Returns the new argc, or -1 when LANG is missing. */
static int take_lang(int argc, char **argv)
{
	int out = 1;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--")) {
			while (i < argc)
				argv[out++] = argv[i++];
			break;
		}
		const char *lang = NULL;
		if (!strncmp(argv[i], "--lang=", 7)) {
			lang = argv[i] + 7;
		} else if (!strcmp(argv[i], "--lang")) {
			if (i + 1 >= argc)
				return -1;
			lang = argv[++i];
		} else {
			argv[out++] = argv[i];
			continue;
		}
		if (!*lang)
			return -1;
		i18n_force(lang);
	}
	argv[out] = NULL;
	return out;
}

/* The preview server lives in a plugin (saitti-serve.so): libmicrohttpd
 * and what it links are loaded only by `serve`. */
static int serve(int argc, char **argv)
{
	/* The cast from dlsym's object pointer is what POSIX promises
	 * works. */
	union {
		void *p;
		int (*run)(int, char **);
	} fn = {plugin_symbol("serve", "serve_main")};
	if (!fn.p) {
		/* TRANSLATORS: %s is the loader's own reason (a file name
		 * and a system message). */
		fprintf(stderr, _("saitti: the preview cannot start: saitti's "
		    "preview part did not load (%s); install saitti again, or "
		    "build it with make\n"), plugin_error());
		return 1;
	}
	return fn.run(argc, argv);
}

int main(int argc, char **argv)
{
	xalloc_setup();
	i18n_init(argv[0]);
	date_zone_prepare();   /* before any thread: parse/date.h */
	argc = take_lang(argc, argv);
	if (argc < 0) {
		fputs(_("saitti: --lang needs a language code, like --lang "
		    "fi\n"), stderr);
		return 2;
	}
	if (argc < 2)
		return usage(stderr, 2);
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help"))
		return usage(stdout, 0);
	if (!strcmp(argv[1], "--version"))
		return version();
	if (!strcmp(argv[1], "init"))
		return init_main(argc - 1, argv + 1);
	if (!strcmp(argv[1], "build"))
		return build(argc - 1, argv + 1);
	if (!strcmp(argv[1], "serve"))
		return serve(argc - 1, argv + 1);
	if (!strcmp(argv[1], "new"))
		return scaffold_main(argc - 1, argv + 1);
	if (!strcmp(argv[1], "check"))
		return check_main(argc - 1, argv + 1);
	if (!strcmp(argv[1], "import"))
		return import_main(argc - 1, argv + 1);
	/* TRANSLATORS: %s is what was typed in place of a command. */
	fprintf(stderr, _("saitti: unknown command '%s': the commands are "
	    "build, serve, new, check and init\n"), argv[1]);
	return usage(stderr, 2);
}
