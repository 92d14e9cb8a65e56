#include "import.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../core/arena.h"
#include "../core/buf.h"
#include "../core/diag.h"
#include "../core/fdio.h"
#include "../core/i18n.h"
#include "../core/strmap.h"
#include "../parse/date.h"
#include "../parse/frontmatter.h"
#include "../parse/shortcode.h"
#include "../parse/slug.h"
#include "importmap.h"
#include "importsite.h"
#include "oldurl.h"
#include "yamlout.h"

/* Files bigger than this are not read as documents or config. */
#define IMPORT_MAX_FILE (16u << 20)
/* Page bundles whose files are also kept at their old address; more are
 * reported. */
#define IMPORT_MAX_BUNDLES 4096

static const char usage_text[] =
    "usage: saitti import jekyll|hugo SRC DEST [--section NAME] "
    "[--themes DIR]\n";

/* Front matter keys written out; the rest are counted as dropped. */
static const char *const kept_keys[] = {"title", "date", "updated",
    "author", "summary", "tags", "draft", "slug", "image", "aliases",
    "publishdate", "expirydate", NULL};

struct imp {
	arena *a;
	diag *d;
	int hugo;
	const char *src, *dest, *section, *themes;
	importsite site;         /* the old site's settings */
	strmap *dest_used;       /* destination paths written */
	strmap *dropped;         /* key → count (as a pointer-sized int) */
	const char **dropped_keys;
	size_t ndropped, capdropped;
	int youtube, vimeo;
	size_t posts, pages, files, aliases, converted, left;
	int failed;
	/* Hugo page bundles whose page moved: their files are copied to the
	 * old address too. */
	struct {
		const char *dir, *old;
	} bundles[IMPORT_MAX_BUNDLES];
	size_t nbundles;
	const char *bundle_to;
};

/* ---- files ------------------------------------------------------- */

static int read_file(struct imp *I, const char *path, const char **text,
    size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	buf b = BUF_INIT;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 &&
	    b.len <= IMPORT_MAX_FILE)
		buf_put(&b, chunk, n);
	int bad = ferror(f) || b.len > IMPORT_MAX_FILE;
	fclose(f);
	*text = arena_strndup(I->a, b.data ? b.data : "", b.len);
	*len = b.len;
	buf_free(&b);
	return bad ? -1 : 0;
}

/* Writes a new file under DEST; never replaces one. */
static int write_new(struct imp *I, const char *rel, const char *data,
    size_t len)
{
	const char *path = arena_printf(I->a, "%s/%s", I->dest, rel);
	if (fd_make_parents(path) != 0)
		goto fail;
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0666);
	if (fd < 0)
		goto fail;
	int rc = fd_write_all(fd, data, len);
	if (close(fd) != 0 || rc != 0)
		goto fail;
	return 0;
fail:
	diag_error(I->d, path, 0, 0, _("cannot write: %s"), strerror(errno));
	I->failed = 1;
	return -1;
}

static int copy_file(struct imp *I, const char *from, const char *rel)
{
	const char *text;
	size_t len;
	if (read_file(I, from, &text, &len) != 0) {
		diag_warn(I->d, from, 0, 0, _("not copied: cannot read it, or "
		    "it is larger than 16 MB"));
		return -1;
	}
	I->files++;
	return write_new(I, rel, text, len);
}

/* A destination path not used yet: "x.md", else "x-2.md", "x-3.md"… */
static const char *unique_dest(struct imp *I, const char *rel)
{
	const char *r = rel;
	const char *dot = strrchr(rel, '.');
	size_t stem = dot ? (size_t)(dot - rel) : strlen(rel);
	for (int k = 2; strmap_get(I->dest_used, r); k++)
		r = arena_printf(I->a, "%.*s-%d%s", (int)stem, rel, k,
		    dot ? dot : "");
	strmap_set(I->dest_used, r, (void *)r);
	return r;
}

/* ---- documents ------------------------------------------------------ */

static void count_dropped(struct imp *I, const char *key)
{
	uintptr_t n = (uintptr_t)strmap_get(I->dropped, key);
	if (!n) {
		if (I->ndropped == I->capdropped) {
			I->capdropped = I->capdropped ? 2 * I->capdropped : 16;
			const char **k = arena_alloc(I->a, I->capdropped *
			    sizeof *k);
			if (I->ndropped)
				memcpy(k, I->dropped_keys, I->ndropped *
				    sizeof *k);
			I->dropped_keys = k;
		}
		I->dropped_keys[I->ndropped++] = arena_strdup(I->a, key);
	}
	strmap_set(I->dropped, key, (void *)(n + 1));
}

/* Old addresses: the computed one, then the page's own aliases, with the
 * new address and repeats left out. */
static value *aliases_for(struct imp *I, const value *meta, const char *old,
    const char *now)
{
	value *out = val_list(I->a);
	const value *lists[2] = {val_map_get(meta, "aliases"),
	    val_map_get(meta, "redirect_from")};
	const char *cand[64];
	size_t n = 0;
	cand[n++] = old;
	for (int k = 0; k < 2; k++) {
		const value *l = lists[k];
		if (l && l->kind == VAL_STR && n < 64)
			cand[n++] = l->u.str.s;
		for (size_t i = 0; l && l->kind == VAL_LIST &&
		    i < l->u.list.len && n < 64; i++) {
			const char *s = val_as_str(l->u.list.items[i]);
			if (s)
				cand[n++] = s;
		}
	}
	for (size_t i = 0; i < n; i++) {
		if (!cand[i] || !strcmp(cand[i], now))
			continue;
		int dup = 0;
		for (size_t j = 0; j < i; j++)
			dup |= cand[j] && !strcmp(cand[j], cand[i]);
		if (!dup) {
			val_list_push(I->a, out, val_str(I->a, cand[i]));
			I->aliases++;
		}
	}
	return out;
}

/* One Markdown document: src (absolute), rel (from SRC), dest (under
 * DEST), and what oldurl needs. */
static const char *import_doc(struct imp *I, const char *src,
    const char *rel, const char *dest, oldurl_doc *od, const char *new_url,
    int draft)
{
	const char *text;
	size_t len;
	if (read_file(I, src, &text, &len) != 0) {
		diag_warn(I->d, rel, 0, 0, _("not imported: cannot read it, "
		    "or it is larger than 16 MB"));
		return NULL;
	}
	fm_doc doc;
	if (fm_parse(I->a, rel, text, len, &doc, I->d) != 0) {
		diag_warn(I->d, rel, 0, 0, _("not imported: its front matter "
		    "has errors (above)"));
		return NULL;
	}
	od->meta = doc.meta;
	const char *date_s = val_as_str(val_map_get(doc.meta, "date"));
	const char *err;
	if (date_s && date_parse(date_s, strlen(date_s), &od->date, &err) == 0)
		od->has_date = 1;
	if (od->is_post && !od->has_date && !strstr(dest, "/index.md"))
		diag_warn(I->d, rel, 0, 0, _("the post has no date: add "
		    "date: to it before building"));
	const char *given = val_as_str(val_map_get(doc.meta, "slug"));
	if (od->is_post && given && *given)
		new_url = arena_printf(I->a, "/%s/%s/", od->section, given);
	const char *old = I->hugo ? oldurl_hugo(I->a, val_as_str(val_map_get(
	    I->site.permalinks, od->section ? od->section : "")), od) :
	    oldurl_jekyll(I->a, I->site.style, od);

	value *out = val_map(I->a);
	for (size_t i = 0; i < doc.meta->u.map.len; i++) {
		const char *k = doc.meta->u.map.items[i].key;
		int keep = 0;
		for (int j = 0; kept_keys[j]; j++)
			keep |= !strcmp(k, kept_keys[j]);
		if (!keep && strcmp(k, "excerpt") && strcmp(k, "description") &&
		    strcmp(k, "lastmod") && strcmp(k, "categories") &&
		    strcmp(k, "category") && strcmp(k, "authors") &&
		    strcmp(k, "permalink") && strcmp(k, "url") &&
		    strcmp(k, "redirect_from"))
			count_dropped(I, k);
	}
	for (int j = 0; kept_keys[j]; j++) {
		value *v = val_map_get(doc.meta, kept_keys[j]);
		/* A draft had no address to keep. */
		if (!strcmp(kept_keys[j], "aliases"))
			v = aliases_for(I, doc.meta, draft ? NULL : old,
			    new_url);
		if (!strcmp(kept_keys[j], "author") && !v && I->site.author &&
		    od->is_post)
			v = val_str(I->a, I->site.author);
		if (!strcmp(kept_keys[j], "draft") && draft)
			v = val_bool(I->a, 1);
		if (v && !(v->kind == VAL_LIST && v->u.list.len == 0))
			val_map_set(I->a, out, kept_keys[j], v);
	}
	/* A Jekyll draft's date is its file's (as jekyll --drafts does). */
	if (draft && od->has_date && !val_map_get(out, "date")) {
		char iso[40];
		date_iso(&od->date, iso);
		val_map_set(I->a, out, "date", val_str(I->a, iso));
	}
	sc_result sc;
	importmap map = {I->a, I->src, I->section, I->hugo, dest, rel};
	shortcode_rewrite_with(I->a, doc.body, doc.body_len,
	    importmap_resolve, &map, &sc);
	I->converted += (size_t)sc.converted;
	I->youtube |= sc.youtube;
	I->vimeo |= sc.vimeo;
	for (size_t i = 0; i < sc.nleft; i++) {
		/* TRANSLATORS: %s is a Liquid tag or shortcode as written. */
		diag_warn(I->d, rel, doc.body_line + sc.left[i].line - 1, 1,
		    _("not converted: %s (write it as Markdown or HTML)"),
		    sc.left[i].text);
		I->left++;
	}
	buf b = BUF_INIT;
	buf_puts(&b, "---\n");
	yamlout_map(&b, out);
	buf_puts(&b, "---\n");
	buf_puts(&b, sc.body);
	write_new(I, dest, b.data, b.len);
	buf_free(&b);
	if (od->is_post)
		I->posts++;
	else
		I->pages++;
	return old;
}


/* ---- walking the source ------------------------------------------ */

typedef void (*file_fn)(struct imp *I, const char *abs, const char *rel);

static void walk(struct imp *I, const char *abs, const char *rel, file_fn fn)
{
	struct dirent **ents;
	int n = scandir(abs, &ents, NULL, alphasort);
	if (n < 0)
		return;
	for (int i = 0; i < n; i++) {
		const char *name = ents[i]->d_name;
		if (name[0] == '.') {
			free(ents[i]);
			continue;
		}
		const char *a = arena_printf(I->a, "%s/%s", abs, name);
		const char *r = *rel ? arena_printf(I->a, "%s/%s", rel, name) :
		    arena_strdup(I->a, name);
		free(ents[i]);
		struct stat st;
		if (lstat(a, &st) != 0 || S_ISLNK(st.st_mode))
			continue;
		if (S_ISDIR(st.st_mode))
			walk(I, a, r, fn);
		else if (S_ISREG(st.st_mode))
			fn(I, a, r);
	}
	free(ents);
}

static int has_ext(const char *s, const char *ext)
{
	size_t n = strlen(s), e = strlen(ext);
	return n > e && !strcmp(s + n - e, ext);
}

static int is_markdown(const char *s)
{
	return has_ext(s, ".md") || has_ext(s, ".markdown");
}

/* "x/y.markdown" → "y" */
static const char *stem(struct imp *I, const char *rel)
{
	const char *b = strrchr(rel, '/');
	b = b ? b + 1 : rel;
	const char *dot = strrchr(b, '.');
	return arena_strndup(I->a, b, dot ? (size_t)(dot - b) : strlen(b));
}

static int starts_with_fm(struct imp *I, const char *abs)
{
	char head[4] = {0};
	FILE *f = fopen(abs, "rb");
	if (!f)
		return 0;
	size_t n = fread(head, 1, 3, f);
	fclose(f);
	return n == 3 && (!memcmp(head, "---", 3) || !memcmp(head, "+++", 3));
}

static void not_converted_dir(struct imp *I, const char *rel, const char *why)
{
	const char *slash = strchr(rel, '/');
	const char *top = slash ? arena_strndup(I->a, rel, (size_t)(slash -
	    rel)) : rel;
	if (strmap_get(I->dest_used, arena_printf(I->a, "//%s", top)))
		return;
	strmap_set(I->dest_used, arena_printf(I->a, "//%s", top), I);
	/* TRANSLATORS: %s is a folder of the old site; the second says why. */
	diag_warn(I->d, top, 0, 0, _("not converted: %s"), why);
}

static void jekyll_file(struct imp *I, const char *abs, const char *rel)
{
	const char *name = strrchr(rel, '/') ? strrchr(rel, '/') + 1 : rel;
	if (!strncmp(rel, "_site/", 6) || !strncmp(rel, "node_modules/", 13) ||
	    !strncmp(rel, "vendor/", 7) || !strncmp(name, "Gemfile", 7) ||
	    !strncmp(rel, "_config", 7))
		return;
	/* _posts/ and _drafts/, also below category folders
	 * ("news/_posts/"). */
	const char *pp = strstr(rel, "_posts/"), *dp = strstr(rel, "_drafts/");
	int post = pp && (pp == rel || pp[-1] == '/');
	int draft = !post && dp && (dp == rel || dp[-1] == '/');
	if ((post || draft) && is_markdown(rel)) {
		oldurl_doc od = {0};
		od.rel = rel;
		const char *at = post ? pp : dp;
		od.dircats = at > rel ? arena_strndup(I->a, rel, (size_t)(at -
		    rel - 1)) : NULL;
		od.is_post = 1;
		od.section = I->section;
		const char *st = stem(I, rel);
		const char *err;
		struct stat fst;
		if (draft && stat(abs, &fst) == 0) {
			od.date = date_from_epoch((int64_t)fst.st_mtime, 1);
			od.has_date = 1;
		}
		if (strlen(st) > 11 && st[10] == '-' &&
		    date_parse(st, 10, &od.date, &err) == 0) {
			od.has_date = 1;
			od.name = st + 11;
		} else {
			od.name = st;
		}
		const char *dest = unique_dest(I, arena_printf(I->a,
		    "content/%s/%s.md", I->section, st));
		import_doc(I, abs, rel, dest, &od, arena_printf(I->a,
		    "/%s/%s/", I->section, slug_make(I->a, od.name,
		    strlen(od.name))), draft);
		return;
	}
	if (rel[0] == '_') {
		not_converted_dir(I, rel, _("Jekyll's layouts, includes, data "
		    "and styles: saitti uses its theme (themes/default)"));
		return;
	}
	if ((is_markdown(rel) || has_ext(rel, ".html")) &&
	    starts_with_fm(I, abs)) {
		if (!is_markdown(rel)) {
			diag_warn(I->d, rel, 0, 0, _("not converted: an HTML "
			    "page with Liquid; write it as a Markdown page"));
			return;
		}
		oldurl_doc od = {0};
		od.rel = rel;
		od.name = stem(I, rel);
		const char *slash = strrchr(rel, '/');
		od.dir = slash ? arena_strndup(I->a, rel, (size_t)(slash -
		    rel + 1)) : "";
		/* Pages live at the top of content/: "a/b.md" → "a-b.md". */
		const char *page = importmap_jekyll_page(I->a, rel);
		int home = !strcmp(page, "content/index.md");
		const char *dest = unique_dest(I, page);
		import_doc(I, abs, rel, dest, &od, home ? "/" :
		    arena_printf(I->a, "/%.*s/", (int)(strlen(page) - 11),
		    page + 8), 0);
		return;
	}
	if (is_markdown(rel)) {
		diag_warn(I->d, rel, 0, 0, _("not imported: Markdown without "
		    "front matter, which Jekyll copies as it is"));
		return;
	}
	copy_file(I, abs, arena_printf(I->a, "content/%s", rel));
}

static void hugo_file(struct imp *I, const char *abs, const char *rel)
{
	static const char *const skip[] = {"public/", "resources/",
	    "node_modules/", NULL};
	static const char *const unconverted[] = {"layouts/", "themes/",
	    "assets/", "data/", "archetypes/", "i18n/", NULL};
	for (int i = 0; skip[i]; i++)
		if (!strncmp(rel, skip[i], strlen(skip[i])))
			return;
	for (int i = 0; unconverted[i]; i++)
		if (!strncmp(rel, unconverted[i], strlen(unconverted[i]))) {
			not_converted_dir(I, rel, _("Hugo's layouts, themes, "
			    "assets and data: saitti uses its theme "
			    "(themes/default)"));
			return;
		}
	if (!strncmp(rel, "static/", 7)) {
		copy_file(I, abs, arena_printf(I->a, "content/%s", rel + 7));
		return;
	}
	if (strncmp(rel, "content/", 8))
		return;
	const char *in = rel + 8;
	if (!is_markdown(in)) {
		copy_file(I, abs, rel);
		return;
	}
	oldurl_doc od = {0};
	od.rel = rel;
	const char *slash = strchr(in, '/');
	od.section = slash ? arena_strndup(I->a, in, (size_t)(slash - in)) :
	    NULL;
	const char *last = strrchr(in, '/');
	od.dir = last ? arena_strndup(I->a, in, (size_t)(last - in + 1)) : "";
	od.name = stem(I, in);
	od.is_post = od.section != NULL;
	const char *dest, *now;
	if (!strcmp(od.name, "_index")) {
		if (od.section && strchr(slash + 1, '/')) {
			diag_warn(I->d, rel, 0, 0, _("not imported: a list "
			    "page below a section; saitti lists each section "
			    "once"));
			return;
		}
		od.is_post = 0;
		dest = od.section ? arena_printf(I->a, "content/%s/index.md",
		    od.section) : "content/index.md";
		now = od.section ? arena_printf(I->a, "/%s/", od.section) : "/";
	} else if (!strcmp(od.name, "index") && last) {
		/* A page bundle: the folder names it; its files stay beside. */
		const char *d = od.dir;
		size_t dl = strlen(d) - 1;
		const char *b = d;
		for (size_t i = 0; i < dl; i++)
			if (d[i] == '/')
				b = d + i + 1;
		od.name = arena_strndup(I->a, b, (size_t)(d + dl - b));
		od.dir = arena_strndup(I->a, d, (size_t)(b - d));
		dest = od.is_post && strchr(slash + 1, '/') ?
		    arena_printf(I->a, "content/%s%s/%s.md", od.dir, od.name,
		    od.name) : arena_printf(I->a, "content/%s.md", od.name);
		od.is_post = od.is_post && strchr(slash + 1, '/');
		now = od.is_post ? arena_printf(I->a, "/%s/%s/", od.section,
		    slug_make(I->a, od.name, strlen(od.name))) :
		    arena_printf(I->a, "/%s/", slug_make(I->a, od.name,
		    strlen(od.name)));
	} else {
		dest = arena_printf(I->a, "content/%s%s.md", od.dir, od.name);
		const char *sl = slug_make(I->a, od.name, strlen(od.name));
		now = od.is_post ? arena_printf(I->a, "/%s/%s/", od.section,
		    sl) : arena_printf(I->a, "/%s/", sl);
	}
	const char *old = import_doc(I, abs, rel, unique_dest(I, dest), &od,
	    now, 0);
	/* A bundle's files were at the page's old address too. */
	if (old && !strcmp(od.name, stem(I, dest)) && strcmp(old, now) &&
	    strchr(in, '/') && !strcmp(stem(I, in), "index") &&
	    I->nbundles < IMPORT_MAX_BUNDLES) {
		I->bundles[I->nbundles].dir = arena_strndup(I->a, abs,
		    (size_t)(strrchr(abs, '/') - abs));
		I->bundles[I->nbundles++].old = old;
	}
}

/* A bundle's file (not its Markdown) again at the old address. */
static void bundle_file(struct imp *I, const char *abs, const char *rel)
{
	if (is_markdown(rel) || strchr(rel, '/'))
		return;
	copy_file(I, abs, arena_printf(I->a, "content%s%s", I->bundle_to,
	    rel));
}

static void copy_tree(struct imp *I, const char *abs, const char *rel)
{
	copy_file(I, abs, arena_printf(I->a, "themes/default/%s", rel));
	I->files--;
}

int import_main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"section", required_argument, NULL, 's'},
		{"themes", required_argument, NULL, 't'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct imp I = {0};
	I.section = "blog";
	I.themes = "themes";
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 's': I.section = optarg; break;
		case 't': I.themes = optarg; break;
		case 'h': fputs(usage_text, stdout); return 0;
		default: fputs(usage_text, stderr); return 2;
		}
	}
	if (argc - optind != 3 || (strcmp(argv[optind], "jekyll") &&
	    strcmp(argv[optind], "hugo"))) {
		fputs(usage_text, stderr);
		return 2;
	}
	I.hugo = !strcmp(argv[optind], "hugo");
	I.src = argv[optind + 1];
	I.dest = argv[optind + 2];
	arena *sa = arena_new();
	int bad_section = !*I.section || strcmp(slug_make(sa, I.section,
	    strlen(I.section)), I.section);
	arena_free(sa);
	if (bad_section) {
		fprintf(stderr, _("saitti: --section must be a folder name of "
		    "a-z, 0-9 and '-', like blogi\n"));
		return 2;
	}
	DIR *dd = opendir(I.dest);
	if (dd) {
		struct dirent *e;
		int empty = 1;
		while ((e = readdir(dd)))
			empty &= !strcmp(e->d_name, ".") ||
			    !strcmp(e->d_name, "..");
		closedir(dd);
		if (!empty) {
			fprintf(stderr, _("saitti: %s is not empty: import into "
			    "a new folder\n"), I.dest);
			return 1;
		}
	}
	I.a = arena_new();
	I.d = diag_new(stderr);
	I.dest_used = strmap_new();
	I.dropped = strmap_new();
	int rc = 1;
	I.site.a = I.a;
	I.site.hugo = I.hugo;
	if (importsite_read(&I.site, I.src, I.d) != 0 || (mkdir(I.dest, 0777) != 0 &&
	    errno != EEXIST))
		goto done;
	walk(&I, I.src, "", I.hugo ? hugo_file : jekyll_file);
	for (size_t i = 0; i < I.nbundles; i++) {
		I.bundle_to = I.bundles[i].old;
		walk(&I, I.bundles[i].dir, "", bundle_file);
	}
	if (!strmap_get(I.dest_used, "content/index.md")) {
		/* The front page saitti needs; Jekyll's is often Liquid. */
		value *fm = val_map(I.a);
		const char *t = importsite_str(&I.site, "title");
		val_map_str(I.a, fm, "title", t ? t : "");
		buf b = BUF_INIT;
		buf_puts(&b, "---\n");
		yamlout_map(&b, fm);
		buf_puts(&b, "---\n");
		write_new(&I, "content/index.md", b.data, b.len);
		buf_free(&b);
	}
	if (access(arena_printf(I.a, "%s/default/templates", I.themes),
	    R_OK) == 0)
		walk(&I, arena_printf(I.a, "%s/default", I.themes), "",
		    copy_tree);
	else
		diag_warn(I.d, I.themes, 0, 0, _("no theme copied: give the "
		    "folder that holds default/ with --themes"));
	buf sy = BUF_INIT;
	yamlout_map(&sy, importsite_yaml(&I.site, I.themes, I.youtube,
	    I.vimeo, I.d));
	write_new(&I, "site.yaml", sy.data, sy.len);
	buf_free(&sy);
	/* TRANSLATORS: the import's summary; counts, then the folder. */
	fprintf(stderr, _("saitti: imported %zu posts, %zu pages and %zu "
	    "files into %s, with %zu aliases for old addresses; %zu tags and "
	    "shortcodes converted, %zu left (warnings above)\n"), I.posts,
	    I.pages, I.files, I.dest, I.aliases, I.converted, I.left);
	if (I.ndropped) {
		buf b = BUF_INIT;
		for (size_t i = 0; i < I.ndropped; i++)
			buf_printf(&b, "%s%s (%zu)", i ? ", " : "",
			    I.dropped_keys[i], (size_t)(uintptr_t)strmap_get(
			    I.dropped, I.dropped_keys[i]));
		fprintf(stderr, _("saitti: front matter saitti does not use, "
		    "left out: %s\n"), b.data);
		buf_free(&b);
	}
	rc = I.failed || diag_errors(I.d) ? 1 : 0;
done:
	strmap_free(I.dest_used);
	strmap_free(I.dropped);
	diag_free(I.d);
	arena_free(I.a);
	return rc;
}
