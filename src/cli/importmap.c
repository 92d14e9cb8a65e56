#include "importmap.h"

#include <string.h>
#include <unistd.h>

#include "../core/buf.h"
#include "../parse/slug.h"

static const char *stem_of(arena *a, const char *rel)
{
	const char *b = strrchr(rel, '/');
	b = b ? b + 1 : rel;
	const char *dot = strrchr(b, '.');
	return arena_strndup(a, b, dot ? (size_t)(dot - b) : strlen(b));
}

const char *importmap_jekyll_page(arena *a, const char *rel)
{
	const char *name = stem_of(a, rel);
	const char *slash = strrchr(rel, '/');
	buf flat = BUF_INIT;
	if (slash)
		buf_put(&flat, rel, (size_t)(slash - rel + 1));
	if (strcmp(name, "index") || !slash)
		buf_puts(&flat, name);
	while (flat.len && flat.data[flat.len - 1] == '/')
		flat.data[--flat.len] = '\0';
	for (size_t i = 0; i < flat.len; i++)
		if (flat.data[i] == '/')
			flat.data[i] = '-';
	const char *f = arena_strndup(a, flat.data ? flat.data : "", flat.len);
	buf_free(&flat);
	if (!strcmp(f, "index"))
		return "content/index.md";
	return arena_printf(a, "content/%s.md", slug_make(a, f, strlen(f)));
}

const char *importmap_jekyll_post(arena *a, const char *section,
    const char *rel)
{
	return arena_printf(a, "content/%s/%s.md", section, stem_of(a, rel));
}

const char *importmap_hugo(arena *a, const char *in)
{
	const char *slash = strchr(in, '/');
	const char *last = strrchr(in, '/');
	const char *name = stem_of(a, in);
	if (!strcmp(name, "_index"))
		return slash ? arena_printf(a, "content/%.*s/index.md",
		    (int)(slash - in), in) : "content/index.md";
	if (!strcmp(name, "index") && last) {
		/* A bundle: named by its folder, kept in it below a
		 * section, at the top for a page. */
		const char *b = in;
		for (const char *q = in; q < last; q++)
			if (*q == '/')
				b = q + 1;
		const char *bn = arena_strndup(a, b, (size_t)(last - b));
		if (b == in)
			return arena_printf(a, "content/%s.md", bn);
		return arena_printf(a, "content/%.*s%s.md", (int)(last - in + 1),
		    in, bn);
	}
	return arena_printf(a, "content/%.*s%s.md", last ? (int)(last - in +
	    1) : 0, in, name);
}

/* The relative path from the folder of `from` to `to`, both under the
 * new site's root. */
static const char *relative(arena *a, const char *from, const char *to)
{
	size_t common = 0;
	for (size_t i = 0; from[i] && from[i] == to[i]; i++)
		if (from[i] == '/')
			common = i + 1;
	buf b = BUF_INIT;
	for (const char *q = from + common; *q; q++)
		if (*q == '/')
			buf_puts(&b, "../");
	buf_puts(&b, to + common);
	const char *r = arena_strndup(a, b.data, b.len);
	buf_free(&b);
	return r;
}

static int exists(const importmap *m, const char *rel)
{
	return access(arena_printf(m->a, "%s/%s", m->src, rel), R_OK) == 0;
}

/* Hugo: a path from content/ with its ways to name a document. */
static const char *hugo_find(const importmap *m, const char *base)
{
	static const char *const tail[] = {"", ".md", "/index.md",
	    "/_index.md", NULL};
	for (int i = 0; tail[i]; i++) {
		const char *p = arena_printf(m->a, "content/%s%s", base,
		    tail[i]);
		size_t n = strlen(p);
		if (n > 3 && !strcmp(p + n - 3, ".md") && exists(m, p))
			return p + 8;
	}
	return NULL;
}

const char *importmap_resolve(void *ctx, const char *kind,
    const char *target)
{
	importmap *m = ctx;
	/* "#anchor" stays after the link. */
	const char *hash = strchr(target, '#');
	const char *t = hash ? arena_strndup(m->a, target, (size_t)(hash -
	    target)) : target;
	const char *to = NULL;
	if (m->hugo && !strcmp(kind, "ref")) {
		const char *in = NULL;
		if (t[0] != '/' && !strncmp(m->rel, "content/", 8)) {
			const char *dir = m->rel + 8;
			const char *ls = strrchr(dir, '/');
			in = hugo_find(m, arena_printf(m->a, "%.*s%s", ls ?
			    (int)(ls - dir + 1) : 0, dir, t));
		}
		while (!in && *t == '/')
			t++;
		if (!in)
			in = hugo_find(m, t);
		to = in ? importmap_hugo(m->a, in) : NULL;
	} else if (!m->hugo && !strcmp(kind, "post_url")) {
		const char *b = strrchr(t, '/');
		if (exists(m, arena_printf(m->a, "_posts/%s.md", t)) ||
		    exists(m, arena_printf(m->a, "_posts/%s.markdown", t)))
			to = importmap_jekyll_post(m->a, m->section,
			    arena_printf(m->a, "%s.md", b ? b + 1 : t));
	} else if (!m->hugo && !strcmp(kind, "link")) {
		while (*t == '/')
			t++;
		const char *pp = strstr(t, "_posts/");
		if (exists(m, t))
			to = pp && (pp == t || pp[-1] == '/') ?
			    importmap_jekyll_post(m->a, m->section, t) :
			    importmap_jekyll_page(m->a, t);
	}
	if (!to)
		return NULL;
	const char *r = relative(m->a, m->dest, to);
	return hash ? arena_printf(m->a, "%s%s", r, hash) : r;
}
