#include "check.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../core/arena.h"
#include "../core/buf.h"
#include "../core/i18n.h"
#include "../core/strmap.h"
#include "../model/event.h"
#include "build.h"
#include "tmpdir.h"

static const char usage_text[] = N_(
    "usage: saitti check [--source DIR] [--rev REV] [--drafts]\n"
    "                    [--base-url URL] [--now DATE] [--quiet]\n"
    "                    [--strict] [--lang LANG]\n"
    "\n"
    "Loads and renders the whole site as `saitti build` does, then checks\n"
    "that every link and image in the Markdown that points into the site\n"
    "reaches a post, page or file. Writes no output.\n"
    "--strict counts warnings as errors.\n"
    "Exit status: 0 no errors, 1 errors (FILE:LINE:COL: error: ...),\n"
    "2 wrong usage.\n");

struct links {
	arena *a;
	strmap *files;   /* every output path ("blogi/x/index.html") */
	size_t links;    /* links and images into the site, checked */
};

/* Adds every file under the folder path->data, by its path under the
 * output folder (whose path with its '/' is root bytes long). */
static void list_files(struct links *L, buf *path, size_t root)
{
	DIR *dir = opendir(path->data);
	if (!dir)
		return;
	struct dirent *e;
	size_t len = path->len;
	while ((e = readdir(dir)) != NULL) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		path->len = len;
		path->data[len] = '\0';
		buf_putc(path, '/');
		buf_puts(path, e->d_name);
		struct stat st;
		if (lstat(path->data, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode))
			list_files(L, path, root);
		else
			strmap_set(L->files, arena_strdup(L->a,
			    path->data + root), (void *)1);
	}
	path->len = len;
	path->data[len] = '\0';
	closedir(dir);
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* s[0..n) with %XX decoded, into the arena. */
static char *url_decode(arena *a, const char *s, size_t n)
{
	char *out = arena_alloc(a, n + 1), *o = out;
	for (size_t i = 0; i < n; i++) {
		int h, l;
		if (s[i] == '%' && i + 2 < n &&
		    (h = hexval((unsigned char)s[i + 1])) >= 0 &&
		    (l = hexval((unsigned char)s[i + 2])) >= 0) {
			*o++ = (char)(h * 16 + l);
			i += 2;
		} else {
			*o++ = s[i];
		}
	}
	*o = '\0';
	return out;
}

/* 1 when the URL names a scheme ("https:", "mailto:"): not ours. */
static int has_scheme(const char *url)
{
	size_t n = strcspn(url, ":/?#");
	return n > 0 && url[n] == ':';
}

/* 1 when rel (under the site root, decoded) is a file of the output, or a
 * folder with an index.html. */
static int reaches(struct links *L, const char *rel)
{
	size_t n = strlen(rel);
	if (n == 0 || rel[n - 1] == '/')
		return strmap_get(L->files, arena_printf(L->a, "%sindex.html",
		    rel)) != NULL;
	return strmap_get(L->files, rel) != NULL ||
	    strmap_get(L->files, arena_printf(L->a, "%s/index.html", rel));
}

static int ends_with_md(const char *s, size_t n)
{
	return n > 3 && s[n - 3] == '.' && (s[n - 2] | 0x20) == 'm' &&
	    (s[n - 1] | 0x20) == 'd';
}

static void check_doc(struct links *L, const site *s, const char *file,
    const md_result *md, diag *d)
{
	for (size_t i = 0; i < md->nlinks; i++) {
		const md_link *l = &md->links[i];
		const char *url = l->url ? l->url : l->target;
		if (!*url || url[0] == '#' || url[0] == '?' ||
		    !strncmp(url, "//", 2) || has_scheme(url))
			continue;
		L->links++;
		size_t n = strcspn(url, "?#");
		if (url[0] != '/') {
			/* Left relative: a .md file that is not published. */
			if (ends_with_md(url, n))
				diag_error(d, file, l->line, l->col,
				    l->is_image ? _("image '%s' goes nowhere: "
				    "no published post or page is written in "
				    "that file (check the name and folder; "
				    "drafts and future posts are not "
				    "published)") : _("link to '%s' goes "
				    "nowhere: no published post or page is "
				    "written in that file (check the name and "
				    "folder; drafts and future posts are not "
				    "published)"), l->target);
			continue;
		}
		size_t bl = strlen(s->base_path);
		/* Outside the site's base path ("/other/" when the site is at
		 * "/lape/"): another site on the same host, unless the base
		 * path was forgotten. */
		if (n < bl || strncmp(url, s->base_path, bl) != 0) {
			if (bl > 1 && reaches(L, url_decode(L->a, url + 1,
			    n - 1)))
				diag_error(d, file, l->line, l->col,
				    l->is_image ? _("image '%s' goes nowhere: "
				    "the site's addresses start with %s; write "
				    "%s%.*s") : _("link to '%s' goes nowhere: "
				    "the site's addresses start with %s; write "
				    "%s%.*s"), l->target, s->base_path,
				    s->base_path, (int)(n - 1), url + 1);
			continue;
		}
		const char *rel = url_decode(L->a, url + bl, n - bl);
		if (reaches(L, rel))
			continue;
		diag_error(d, file, l->line, l->col, l->is_image ?
		    _("image '%s' goes nowhere: no post, page or file of the "
		    "site is at %.*s (check the spelling; drafts and future "
		    "posts are not published)") : _("link to '%s' goes "
		    "nowhere: no post, page or file of the site is at %.*s "
		    "(check the spelling; drafts and future posts are not "
		    "published)"), l->target, (int)n, url);
	}
}

static void check_links(const site *s, const char *out, void *ctx, diag *d)
{
	struct links *L = ctx;
	buf path = BUF_INIT;
	buf_puts(&path, out);
	list_files(L, &path, path.len + 1);
	buf_free(&path);
	if (s->home)
		check_doc(L, s, s->home->src, &s->home->md, d);
	for (size_t i = 0; i < s->npages; i++)
		check_doc(L, s, s->pages[i]->src, &s->pages[i]->md, d);
	for (size_t i = 0; i < s->nposts; i++)
		check_doc(L, s, s->posts[i]->src, &s->posts[i]->md, d);
	for (size_t i = 0; i < s->nevents; i++)
		check_doc(L, s, s->events[i]->src, &s->events[i]->md, d);
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
		{"strict", no_argument, NULL, 'S'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	build_req req = {.srcdir = "."};
	int quiet = 0, strict = 0, c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 's': req.srcdir = optarg; break;
		case 'r': req.rev = optarg; break;
		case 'd': req.opts.drafts = 1; break;
		case 'b': req.opts.base_url = optarg; break;
		case 'n': req.opts.now = optarg; break;
		case 'q': quiet = 1; break;
		case 'S': strict = 1; break;
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
	char *tmp = tmpdir_make("check");
	if (!tmp) {
		fprintf(stderr, _("saitti: cannot make a temporary folder: "
		    "%s\n"), strerror(errno));
		return 1;
	}
	struct links L = {arena_new(), strmap_new(), 0};
	diag *d = diag_new(stderr);
	diag_set_quiet(d, quiet);
	req.out = arena_printf(L.a, "%s/site", tmp);
	req.hook = check_links;
	req.hook_ctx = &L;
	build_stats st;
	int rc = build_run(&req, d, &st);
	tmpdir_remove(tmp);
	free(tmp);
	int n = diag_errors(d), w = diag_warnings(d);
	if (rc == 0 && strict && w > 0) {
		/* The warnings were shown as they came: --strict only makes
		 * them fail the check (for CI). */
		fprintf(stderr, P_("saitti: %d warning, and --strict counts "
		    "warnings as errors\n", "saitti: %d warnings, and "
		    "--strict counts warnings as errors\n", (unsigned long)w),
		    w);
		rc = 1;
	} else if (rc != 0) {
		fprintf(stderr, P_("saitti: %d error\n", "saitti: %d errors\n",
		    (unsigned long)n), n);
	} else if (!quiet) {
		/* TRANSLATORS: followed by "5 posts, 2 pages, 3 events"
		 * and the links checked. */
		fputs(_("saitti: checked "), stderr);
		build_print_counts(stderr, st.posts, st.pages, st.events);
		fprintf(stderr, P_(" and %zu link in %.0f ms: no errors\n",
		    " and %zu links in %.0f ms: no errors\n", L.links), L.links,
		    st.total_ms);
	}
	diag_free(d);
	strmap_free(L.files);
	arena_free(L.a);
	return rc;
}
