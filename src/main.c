/* saitti: command line. Parses arguments, runs the pipeline
 * source → model → render → output, and maps results to exit codes:
 * 0 success, 1 content errors, 2 usage errors. */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/diag.h"
#include "model/site.h"
#include "model/theme.h"
#include "output/output.h"
#include "render/render.h"
#include "source/source.h"

static const char usage_text[] =
    "usage: saitti build [--source DIR] [--rev REV] [--out DIR] [--drafts]\n"
    "                    [--base-url URL] [--now YYYY-MM-DD] [--jobs N]\n"
    "                    [--quiet | --verbose]\n"
    "       saitti --help | --version\n"
    "\n"
    "  --source DIR    the site repository (site.yaml, content/, themes/);\n"
    "                  default .\n"
    "  --rev REV       read everything from this commit, branch or tag\n"
    "                  through git (works in a bare repository)\n"
    "  --out DIR       where the site goes; default public. Replaced only\n"
    "                  when the build succeeds\n"
    "  --drafts        build drafts and future-dated posts too\n"
    "  --base-url URL  override site.yaml's base_url\n"
    "  --now DATE      what 'today' is (YYYY-MM-DD or a date and time)\n"
    "  --jobs N        threads to render with; default: every core\n"
    "\n"
    "Exit status: 0 built, 1 content errors (FILE:LINE:COL: error: ...),\n"
    "2 wrong usage.\n";

static int usage(FILE *f, int rc)
{
	fputs(usage_text, f);
	return rc;
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* The output must not land inside content/: the next build would read
 * it as content. */
static int out_inside_content(const char *srcdir, const char *out)
{
	char content[PATH_MAX], *real_content, *real_parent;
	snprintf(content, sizeof content, "%s/content", srcdir);
	real_content = realpath(content, NULL);
	if (!real_content)
		return 0;
	char parent[PATH_MAX];
	snprintf(parent, sizeof parent, "%s", out);
	char *slash = strrchr(parent, '/');
	if (slash)
		*slash = '\0';
	else
		snprintf(parent, sizeof parent, ".");
	real_parent = realpath(*parent ? parent : "/", NULL);
	int inside = 0;
	if (real_parent) {
		size_t n = strlen(real_content);
		inside = !strncmp(real_parent, real_content, n) &&
		    (real_parent[n] == '/' || real_parent[n] == '\0');
	}
	free(real_content);
	free(real_parent);
	return inside;
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
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *srcdir = ".", *rev = NULL, *out = "public";
	build_opts bo = {0};
	int quiet = 0, verbose = 0, c;
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
				fputs("saitti: --jobs takes a number from 1 to "
				    "64\n", stderr);
				return 2;
			}
			break;
		case 'q': quiet = 1; break;
		case 'v': verbose = 1; break;
		case 'h': return usage(stdout, 0);
		default: return usage(stderr, 2);
		}
	}
	if (optind < argc) {
		fprintf(stderr, "saitti: unexpected argument '%s'\n",
		    argv[optind]);
		return usage(stderr, 2);
	}
	if (!*out) {
		fputs("saitti: --out must name a folder\n", stderr);
		return 2;
	}
	double t0 = now_ms();
	diag *d = diag_new(stderr);
	diag_set_quiet(d, quiet);
	int rc = 1;
	site *s = NULL;
	output *o = NULL;
	source *src = rev ? source_open_rev(srcdir, rev, d) :
	    source_open_dir(srcdir, d);
	if (!src)
		goto done;
	if (!rev && out_inside_content(srcdir, out)) {
		diag_error(d, out, 0, 0, "the output folder is inside "
		    "content/: choose an --out outside it");
		goto done;
	}
	s = site_load(src, &bo, d);
	if (diag_errors(d))
		goto done;
	o = output_begin(out, d);
	if (!o)
		goto done;
	long files = render_site(s, s->th, o, d);
	if (files < 0 || diag_errors(d)) {
		output_abort(o);
		o = NULL;
		goto done;
	}
	size_t written = output_written(o), kept = output_kept(o);
	if (output_commit(o, d) != 0) {
		o = NULL;
		goto done;
	}
	o = NULL;
	rc = 0;
	if (!quiet) {
		fprintf(stderr, "saitti: built %s: %zu posts, %zu pages, %zu "
		    "events, %zu tags, %zu files (%zu changed, %zu "
		    "unchanged) in %.0f ms\n", out, s->nposts, s->npages + 1,
		    s->nevents, s->ntags, written + kept, written, kept,
		    now_ms() - t0);
		if (verbose)
			fprintf(stderr, "saitti: %d threads, %d warnings\n",
			    s->threads, diag_warnings(d));
	}
done:
	if (rc != 0) {
		int n = diag_errors(d);
		fprintf(stderr, "saitti: %d error%s; %s was not changed\n", n,
		    n == 1 ? "" : "s", out);
	}
	output_abort(o);
	site_free(s);
	source_free(src);
	diag_free(d);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return usage(stderr, 2);
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help"))
		return usage(stdout, 0);
	if (!strcmp(argv[1], "--version")) {
		printf("saitti %s\n", SAITTI_VERSION);
		return 0;
	}
	if (!strcmp(argv[1], "build"))
		return build(argc - 1, argv + 1);
	fprintf(stderr, "saitti: unknown command '%s'\n", argv[1]);
	return usage(stderr, 2);
}
