#include "scaffold.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../core/arena.h"
#include "../core/buf.h"
#include "../core/diag.h"
#include "../core/i18n.h"
#include "../core/value.h"
#include "../parse/date.h"
#include "../parse/datetext.h"
#include "../parse/slug.h"
#include "../parse/utf8.h"
#include "../parse/yaml.h"
#include "../source/source.h"
#include "yamlout.h"

static const char usage_text[] = N_(
    "usage: saitti new post TITLE [--source DIR] [--now DATE]\n"
    "       saitti new news TITLE [--source DIR] [--now DATE]\n"
    "       saitti new event TITLE --start DATE [--source DIR] [--now DATE]\n"
    "\n"
    "Writes content/FOLDER/YYYY-MM-DD-title.md with its front matter filled\n"
    "in and prints its path. Posts and news go to the folders site.yaml names\n"
    "under new: (new: {post: ..., news: ...}), events to paths.events. The\n"
    "date is today in the site's time zone (or --now); an event's file is\n"
    "named by its --start. An existing file is never overwritten.\n"
    "Exit status: 0 written, 1 refused, 2 wrong usage.\n");

enum kind { NEW_POST, NEW_NEWS, NEW_EVENT };

/* A folder name from site.yaml or the theme's strings: one segment of
 * a-z, 0-9 and '-'. NULL after reporting what to add where. */
static const char *folder_name(arena *a, value *v, const char *file,
    const char *key, const char *fix, diag *d)
{
	const char *name = val_as_str(v);
	if (!v) {
		/* TRANSLATORS: %s is what to add, like new: {post: folder}
		 * to site.yaml. */
		diag_error(d, file, 0, 0, _("no folder for new files: add %s"),
		    fix);
		return NULL;
	}
	if (!name || !*name || strcmp(slug_make(a, name, strlen(name)),
	    name) != 0) {
		diag_error(d, file, v->line, v->col, _("%s must be a folder "
		    "name of a-z, 0-9 and '-', like %s"), key, fix);
		return NULL;
	}
	return name;
}

/* The folder under content/ for kind: site.yaml `new.post`, `new.news`;
 * for events `paths.events` from site.yaml, else the theme's strings. No
 * folder name is written in C. */
static const char *kind_folder(source *src, arena *a, value *cfg,
    enum kind k, diag *d)
{
	if (k != NEW_EVENT) {
		const char *key = k == NEW_POST ? "post" : "news";
		value *v = val_map_get(val_map_get(cfg, "new"), key);
		return folder_name(a, v, "site.yaml", arena_printf(a,
		    "new.%s", key), arena_printf(a, _("new: {%s: folder} to "
		    "site.yaml"), key), d);
	}
	value *v = val_map_get(val_map_get(cfg, "paths"), "events");
	if (v)
		return folder_name(a, v, "site.yaml", "paths.events",
		    "paths: {events: folder}", d);
	const char *theme = val_as_str(val_map_get(cfg, "theme"));
	const char *lang = val_as_str(val_map_get(cfg, "language"));
	const char *path = arena_printf(a, "themes/%s/i18n/%s.yaml",
	    theme ? theme : "default", lang ? lang : "fi");
	const char *text;
	size_t len;
	if (source_read(src, path, a, &text, &len, d) != 0)
		return NULL;
	value *strings = yaml_parse(a, path, text, len, 0, d);
	if (!strings)
		return NULL;
	return folder_name(a, val_map_get(val_map_get(strings, "paths"),
	    "events"), path, "paths.events", "paths: {events: folder} to "
	    "site.yaml or the theme's strings", d);
}

/* Creates path with data unless it exists: written to a temporary name
 * and linked into place, so an existing file is never touched and a
 * half-written one never appears. 0, 1 when the file exists, -1 on
 * errors (errno set). */
static int write_new(const char *dir, const char *path, const char *data,
    size_t len)
{
	char tmp[4096];
	int n = snprintf(tmp, sizeof tmp, "%s/.saitti-new-XXXXXX", dir);
	if (n < 0 || (size_t)n >= sizeof tmp) {
		errno = ENAMETOOLONG;
		return -1;
	}
	int fd = mkstemp(tmp);
	if (fd < 0)
		return -1;
	fchmod(fd, 0644);
	FILE *f = fdopen(fd, "w");
	if (!f) {
		close(fd);
		unlink(tmp);
		return -1;
	}
	fwrite(data, 1, len, f);
	int bad = fflush(f) != 0 || ferror(f);
	if (fclose(f) != 0 || bad) {
		unlink(tmp);
		return -1;
	}
	if (link(tmp, path) != 0) {
		int e = errno;
		unlink(tmp);
		errno = e;
		return e == EEXIST ? 1 : -1;
	}
	unlink(tmp);
	return 0;
}

static int make_dir(const char *path)
{
	return mkdir(path, 0755) == 0 || errno == EEXIST ? 0 : -1;
}

int scaffold_main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"source", required_argument, NULL, 's'},
		{"now", required_argument, NULL, 'n'},
		{"start", required_argument, NULL, 't'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *srcdir = ".", *now = NULL, *start = NULL;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 's': srcdir = optarg; break;
		case 'n': now = optarg; break;
		case 't': start = optarg; break;
		case 'h': fputs(_(usage_text), stdout); return 0;
		default: fputs(_(usage_text), stderr); return 2;
		}
	}
	if (argc - optind != 2) {
		fputs(argc - optind < 2 ? _("saitti: new needs a kind (post, "
		    "news or event) and a title in quotes\n") : _("saitti: new "
		    "takes one title: put it in quotes\n"), stderr);
		fputs(_(usage_text), stderr);
		return 2;
	}
	const char *what = argv[optind], *title = argv[optind + 1];
	enum kind k;
	if (!strcmp(what, "post"))
		k = NEW_POST;
	else if (!strcmp(what, "news"))
		k = NEW_NEWS;
	else if (!strcmp(what, "event"))
		k = NEW_EVENT;
	else {
		fprintf(stderr, _("saitti: new %s: the kinds are post, news "
		    "and event\n"), what);
		return 2;
	}
	if ((k == NEW_EVENT) != (start != NULL)) {
		fputs(k == NEW_EVENT ? _("saitti: new event needs --start, "
		    "like --start \"7.11.2017 klo 12\"\n") : _("saitti: "
		    "--start is for events only\n"), stderr);
		return 2;
	}

	arena *a = arena_new();
	diag *d = diag_new(stderr);
	buf fm = BUF_INIT;
	int rc = 1;
	source *src = source_open_dir(srcdir, d);
	const char *text;
	size_t len, bad;
	if (!src)
		goto done;
	if (!source_exists(src, "site.yaml")) {
		diag_error(d, "site.yaml", 0, 0, _("missing: give --source "
		    "the folder that holds site.yaml"));
		goto done;
	}
	if (source_read(src, "site.yaml", a, &text, &len, d) != 0)
		goto done;
	value *cfg = yaml_parse(a, "site.yaml", text, len, 0, d);
	if (!cfg)
		goto done;
	i18n_set_site_language(val_as_str(val_map_get(cfg, "language")));
	const char *zone = val_as_str(val_map_get(cfg, "timezone"));
	if (!zone)
		zone = "Europe/Helsinki";
	if (date_set_zone(zone) != 0) {
		diag_error(d, "site.yaml", 0, 0, _("unknown time zone '%s': "
		    "use a tz database name such as Europe/Helsinki"), zone);
		goto done;
	}
	const char *folder = kind_folder(src, a, cfg, k, d);
	if (!folder)
		goto done;

	if (!*title || !utf8_valid(title, strlen(title), &bad)) {
		diag_error(d, NULL, 0, 0, _("the title must be UTF-8 text, "
		    "like \"Perhekeskus avattiin\""));
		goto done;
	}
	const char *slug = slug_make(a, title, strlen(title));
	if (!*slug) {
		diag_error(d, NULL, 0, 0, _("title '%s' has no letters or "
		    "digits to make a file name from: write it with letters"),
		    title);
		goto done;
	}
	const char *err;
	sdate today, when;
	if (now) {
		if (date_parse(now, strlen(now), &today, &err) != 0) {
			diag_error(d, NULL, 0, 0, "--now %s: %s", now, _(err));
			goto done;
		}
	} else {
		today = date_from_epoch((int64_t)time(NULL), 0);
	}
	when = today;
	/* The forms a build reads (a weekday, kello, klo 12-16), since the
	 * start is written as given. */
	datetext span;
	if (start && datetext_parse(start, strlen(start), &span, &err) != 0) {
		diag_error(d, NULL, 0, 0, "--start '%s': %s", start, _(err));
		goto done;
	}
	if (start)
		when = span.start;

	char day[40];
	date_iso(&(sdate){.year = when.year, .month = when.month,
	    .day = when.day}, day);
	const char *rel = arena_printf(a, "content/%s/%s-%s.md", folder, day,
	    slug);
	const char *dir = arena_printf(a, "%s/content/%s", srcdir, folder);
	const char *path = arena_printf(a, "%s/%s", srcdir, rel);

	buf_puts(&fm, "---\ntitle: ");
	yamlout_quoted(&fm, title);
	buf_putc(&fm, '\n');
	if (k == NEW_EVENT) {
		buf_puts(&fm, "start: ");
		yamlout_quoted(&fm, start);
		/* The optional keys, ready to fill in. */
		buf_puts(&fm, "\n# end: \"\"\n# location: \"\"\n"
		    "# address: \"\"\n# region: \"\"\n# organizer: \"\"\n"
		    "# url: \"\"\n");
	} else {
		char iso[40];
		date_iso(&(sdate){.year = today.year, .month = today.month,
		    .day = today.day}, iso);
		/* No author: the post is credited to its section or the site
		 * (model/byline), never to the name in someone's git config,
		 * which would publish a person's name by accident. */
		buf_printf(&fm, "date: %s\n", iso);
	}
	buf_puts(&fm, "tags: []\n---\n\n");

	if (make_dir(arena_printf(a, "%s/content", srcdir)) != 0 ||
	    make_dir(dir) != 0) {
		diag_error(d, dir, 0, 0, _("cannot create the folder: %s"),
		    strerror(errno));
		goto done;
	}
	int w = write_new(dir, path, fm.data, fm.len);
	if (w > 0) {
		diag_error(d, rel, 0, 0, _("exists already: edit it, or give "
		    "the new one another title"));
		goto done;
	}
	if (w < 0) {
		diag_error(d, rel, 0, 0, _("cannot write: %s"),
		    strerror(errno));
		goto done;
	}
	printf("%s\n", strcmp(srcdir, ".") ? path : rel);
	if (fflush(stdout) != 0 || ferror(stdout))
		goto done;
	rc = 0;
done:
	buf_free(&fm);
	source_free(src);
	diag_free(d);
	arena_free(a);
	return rc;
}
