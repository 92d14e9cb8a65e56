#include "init.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "../core/buf.h"
#include "../core/datadir.h"
#include "../core/fdio.h"
#include "../core/i18n.h"
#include "yamlout.h"

static const char usage_text[] =
    "usage: saitti init DIR [--title TITLE] [--base-url URL]\n"
    "                   [--lang fi|sv] [--ci github|gitlab|none]\n"
    "                   [--now YYYY-MM-DD]\n";

/* What the skeleton's @NAME@ placeholders become. */
struct fill {
	const char *title, *base_url;   /* YAML double-quoted already */
	char date[40], event_date[40], event_day[40];
};

static void substitute(buf *out, const char *s, size_t n, const struct fill *f)
{
	static const char *const keys[] = {"@TITLE@", "@BASE_URL@",
	    "@DATE@", "@EVENT_DATE@", "@EVENT_DAY@"};
	const char *vals[] = {f->title, f->base_url, f->date, f->event_date,
	    f->event_day};
	for (size_t i = 0; i < n;) {
		size_t k = 0;
		if (s[i] == '@')
			for (; k < sizeof keys / sizeof *keys; k++) {
				size_t kl = strlen(keys[k]);
				if (i + kl <= n && !memcmp(s + i, keys[k], kl))
					break;
			}
		if (s[i] == '@' && k < sizeof keys / sizeof *keys) {
			buf_puts(out, vals[k]);
			i += strlen(keys[k]);
		} else {
			buf_putc(out, s[i++]);
		}
	}
}

/* Copies one skeleton file to dest, placeholders filled, never over an
 * existing file. */
static int copy_file(const char *from, const char *dest,
    const struct fill *f)
{
	FILE *in = fopen(from, "rb");
	if (!in)
		return -1;
	buf text = BUF_INIT, out = BUF_INIT;
	char chunk[8192];
	size_t r;
	while ((r = fread(chunk, 1, sizeof chunk, in)) > 0)
		buf_put(&text, chunk, r);
	int bad = ferror(in);
	fclose(in);
	substitute(&out, text.data ? text.data : "", text.len, f);
	buf_free(&text);
	if (fd_make_parents(dest) != 0)
		bad = 1;
	FILE *o = bad ? NULL : fopen(dest, "wx");
	if (o) {
		fwrite(out.data ? out.data : "", 1, out.len, o);
		bad = fflush(o) != 0 || ferror(o);
		bad |= fclose(o) != 0;
	} else {
		bad = 1;
	}
	buf_free(&out);
	return bad ? -1 : 0;
}

/* Copies the skeleton folder from (relative part rel) into dest. */
static int copy_tree(const char *from, const char *rel, const char *dest,
    const struct fill *f)
{
	buf p = BUF_INIT;
	buf_printf(&p, "%s/%s", from, rel);
	DIR *dir = opendir(p.data);
	buf_free(&p);
	if (!dir)
		return -1;
	int rc = 0;
	struct dirent *de;
	while (rc == 0 && (de = readdir(dir))) {
		if (de->d_name[0] == '.')
			continue;
		buf sub = BUF_INIT, src = BUF_INIT, dst = BUF_INIT;
		buf_printf(&sub, "%s%s%s", rel, *rel ? "/" : "", de->d_name);
		buf_printf(&src, "%s/%s", from, sub.data);
		buf_printf(&dst, "%s/", dest);
		substitute(&dst, sub.data, sub.len, f);
		struct stat st;
		if (stat(src.data, &st) != 0)
			rc = -1;
		else if (S_ISDIR(st.st_mode))
			rc = copy_tree(from, sub.data, dest, f);
		else
			rc = copy_file(src.data, dst.data, f);
		buf_free(&sub);
		buf_free(&src);
		buf_free(&dst);
	}
	closedir(dir);
	return rc;
}

/* 1 when path is missing or an empty folder. */
static int empty_or_missing(const char *path)
{
	DIR *d = opendir(path);
	if (!d)
		return errno == ENOENT;
	struct dirent *de;
	int empty = 1;
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			empty = 0;
	closedir(d);
	return empty;
}

static int set_dates(struct fill *f, const char *now)
{
	struct tm tm = {0};
	time_t t;
	if (now) {
		int y, m, d;
		char rest;
		if (sscanf(now, "%4d-%2d-%2d%c", &y, &m, &d, &rest) != 3 ||
		    m < 1 || m > 12 || d < 1 || d > 31)
			return -1;
		tm.tm_year = y - 1900;
		tm.tm_mon = m - 1;
		tm.tm_mday = d;
		tm.tm_hour = 12;
		t = timegm(&tm);
	} else {
		t = time(NULL);
	}
	gmtime_r(&t, &tm);
	strftime(f->date, sizeof f->date, "%Y-%m-%d", &tm);
	/* The example event is a month ahead, so the new site has an
	 * upcoming event to show. */
	t += 30 * 86400;
	gmtime_r(&t, &tm);
	strftime(f->event_date, sizeof f->event_date, "%Y-%m-%d", &tm);
	snprintf(f->event_day, sizeof f->event_day, "%d.%d.%d", tm.tm_mday,
	    tm.tm_mon + 1, tm.tm_year + 1900);
	return 0;
}

int init_main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"title", required_argument, NULL, 't'},
		{"base-url", required_argument, NULL, 'b'},
		{"lang", required_argument, NULL, 'l'},
		{"ci", required_argument, NULL, 'c'},
		{"now", required_argument, NULL, 'n'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *title = NULL, *base = "https://example.fi/";
	/* main takes --lang out of argv for every command (i18n_force): the
	 * new site is in the language the messages are in, when saitti has
	 * a skeleton for it. */
	const char *lang = !strcmp(i18n_language(), "sv") ? "sv" : "fi";
	const char *ci = "github", *now = NULL;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 't': title = optarg; break;
		case 'b': base = optarg; break;
		case 'l': lang = optarg; break;
		case 'c': ci = optarg; break;
		case 'n': now = optarg; break;
		case 'h': fputs(usage_text, stdout); return 0;
		default: fputs(usage_text, stderr); return 2;
		}
	}
	if (argc - optind != 1) {
		fputs(_("saitti: init needs one folder, the new site's: "
		    "saitti init my-site\n"), stderr);
		fputs(usage_text, stderr);
		return 2;
	}
	if (strcmp(lang, "fi") && strcmp(lang, "sv")) {
		fprintf(stderr, _("saitti: --lang %s: a new site can be in "
		    "Finnish (fi) or Swedish (sv)\n"), lang);
		return 2;
	}
	if (strcmp(ci, "github") && strcmp(ci, "gitlab") &&
	    strcmp(ci, "none")) {
		fprintf(stderr, _("saitti: --ci %s: write github, gitlab or "
		    "none\n"), ci);
		return 2;
	}
	i18n_set_site_language(lang);
	const char *dir = argv[optind];
	struct fill f;
	if (set_dates(&f, now) != 0) {
		fprintf(stderr, _("saitti: --now %s: write a date like "
		    "2027-03-01\n"), now);
		return 2;
	}
	if (!empty_or_missing(dir)) {
		fprintf(stderr, _("saitti: %s: error: the folder is not empty; "
		    "saitti init writes a new site only into a new or empty "
		    "folder\n"), dir);
		return 1;
	}
	char *data = datadir_find();
	buf skel = BUF_INIT, t = BUF_INIT, u = BUF_INIT;
	int rc = 1;
	if (data)
		buf_printf(&skel, "%s/skel/%s", data, lang);
	struct stat st;
	if (!data || stat(skel.data, &st) != 0) {
		fputs(_("saitti: error: the skeleton of a new site is not "
		    "installed (skel/ in saitti's data folder): reinstall "
		    "saitti, or set SAITTI_DATADIR\n"), stderr);
		goto done;
	}
	/* TRANSLATORS: the title of a new site until its writer changes it. */
	yamlout_quoted(&t, title ? title : _("New site"));
	yamlout_quoted(&u, base);
	f.title = t.data;
	f.base_url = u.data;
	buf rootdir = BUF_INIT;
	buf_printf(&rootdir, "%s/", dir);
	int made = fd_make_parents(rootdir.data);
	buf_free(&rootdir);
	if (made != 0 || copy_tree(skel.data, "", dir, &f) != 0)
		goto failed;
	buf from = BUF_INIT, to = BUF_INIT;
	buf_printf(&from, "%s/skel/gitignore", data);
	buf_printf(&to, "%s/.gitignore", dir);
	int bad = copy_file(from.data, to.data, &f);
	if (!bad && strcmp(ci, "none")) {
		buf_reset(&from);
		buf_reset(&to);
		buf_printf(&from, "%s/skel/ci/%s.yml", data, ci);
		buf_printf(&to, "%s/%s", dir, !strcmp(ci, "github") ?
		    ".github/workflows/saitti.yml" : ".gitlab-ci.yml");
		bad = copy_file(from.data, to.data, &f);
	}
	buf_free(&from);
	buf_free(&to);
	if (bad)
		goto failed;
	printf(_("A new site is in %s. Next:\n"
	    "  cd %s\n"
	    "  saitti serve      # a preview at http://127.0.0.1:1313/\n"
	    "  saitti build      # the site into public/\n"), dir, dir);
	rc = 0;
	goto done;
failed:
	fprintf(stderr, _("saitti: %s: error: could not write the new site "
	    "(%s): check that the folder is writable\n"), dir,
	    strerror(errno));
done:
	buf_free(&skel);
	buf_free(&t);
	buf_free(&u);
	free(data);
	return rc;
}
