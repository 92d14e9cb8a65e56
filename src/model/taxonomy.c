#include "taxonomy.h"

#include <string.h>

#include "../core/i18n.h"
#include "../core/limits.h"
#include "../core/strmap.h"
#include "../parse/slug.h"

/* A capital letter: A-Z, or a Latin-1 one in UTF-8 (À-Þ: Ä, Ö, Å). */
static int has_capital(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p >= 'A' && *p <= 'Z') || (p[0] == 0xC3 && p[1] >= 0x80 &&
		    p[1] <= 0x9E && p[1] != 0x97))
			return 1;
	return 0;
}

static tag *find_tag(site *s, const char *name, const char *file, int line,
    int col, diag *d);

/* The same spelling again (each tag is written on thousands of posts):
 * its tag, without making its slug again. A spelling that gave no tag
 * is not remembered: it is reported every time. */
tag *site_tag(site *s, const char *name, const char *file, int line,
    int col, diag *d)
{
	if (!s->tag_names)
		s->tag_names = strmap_new();
	tag *t = strmap_get(s->tag_names, name);
	if (t)
		return t;
	t = find_tag(s, name, file, line, col, d);
	if (t)
		strmap_set(s->tag_names, arena_strdup(s->a, name), t);
	return t;
}

static tag *find_tag(site *s, const char *name, const char *file, int line,
    int col, diag *d)
{
	const char *slug = slug_make_tag(s->a, name, strlen(name));
	if (!*slug) {
		diag_error(d, file, line, col, _("tag '%s' has no letters or "
		    "digits to make an address from: write it with letters"),
		    name);
		return NULL;
	}
	if (strlen(slug) > LIMIT_NAME_BYTES) {
		/* TRANSLATORS: %.40s is the start of the tag, %zu its length
		 * as an address, %d the limit (README.md, "Limits"). */
		diag_error(d, file, line, col, _("tag '%.40s…' is too long to "
		    "be an address (%zu bytes; the limit LIMIT_NAME_BYTES is "
		    "%d): shorten it"), name, strlen(slug), LIMIT_NAME_BYTES);
		return NULL;
	}
	/* By hash: a search per tag made 100,000 tags quadratic. */
	if (!s->tag_index)
		s->tag_index = strmap_new();
	tag *t = strmap_get(s->tag_index, slug);
	if (t) {
		/* A tag is shown as its writer wrote it ("Lappi"); when posts
		 * spell it differently, a spelling with capitals wins over an
		 * all-lower-case one (files are loaded in path order, so the
		 * choice is the same every build). */
		if (has_capital(name) && !has_capital(t->name))
			t->name = arena_strdup(s->a, name);
		return t;
	}
	t = arena_alloc(s->a, sizeof *t);
	t->name = arena_strdup(s->a, name);
	t->slug = slug;
	t->url = arena_printf(s->a, "%s%s/%s/", s->base_path, s->p_tags,
	    slug);
	if ((s->ntags & (s->ntags - 1)) == 0) {
		size_t cap = s->ntags ? s->ntags * 2 : 16;
		tag **p = arena_alloc(s->a, cap * sizeof *p);
		if (s->ntags)
			memcpy(p, s->tags, s->ntags * sizeof *p);
		s->tags = p;
	}
	s->tags[s->ntags++] = t;
	strmap_set(s->tag_index, t->slug, t);
	return t;
}


int cmp_tag(const void *a, const void *b)
{
	const tag *x = *(tag *const *)a, *y = *(tag *const *)b;
	int c = slug_collate_fi(x->name, y->name);
	return c ? c : strcmp(x->slug, y->slug);
}
