#include "visible.h"

#include <string.h>

#include "../core/buf.h"
#include "frontmatter.h"
#include "markdown.h"

/* The front-matter keys that are the article's own text; the others
 * (tags, author, date, draft, slug, aliases…) describe it. */
static const char *const text_keys[] = {
	"title", "summary", "description", "image", "image_alt", "events",
	NULL,
};

static int unseen(const char *key)
{
	for (const char *const *k = text_keys; *k; k++)
		if (!strcmp(*k, key))
			return 0;
	return 1;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == '\v';
}

/* s[0..n) with runs of white space made one space and none at either
 * end; inside <pre>…</pre> when html, kept as it is. */
static void squeeze(buf *out, const char *s, size_t n, int html)
{
	int pre = 0, gap = 0;
	for (size_t i = 0; i < n; i++) {
		if (html && s[i] == '<') {
			if (n - i >= 4 && !memcmp(s + i, "<pre", 4))
				pre = 1;
			else if (n - i >= 6 && !memcmp(s + i, "</pre>", 6))
				pre = 0;
		}
		if (!pre && is_space(s[i])) {
			gap = 1;
			continue;
		}
		if (gap && out->len)
			buf_putc(out, ' ');
		gap = 0;
		buf_putc(out, s[i]);
	}
}

static int str_same(const char *a, size_t na, const char *b, size_t nb)
{
	buf x = BUF_INIT, y = BUF_INIT;
	squeeze(&x, a, na, 0);
	squeeze(&y, b, nb, 0);
	int same = x.len == y.len && (!x.len || !memcmp(x.data, y.data, x.len));
	buf_free(&x);
	buf_free(&y);
	return same;
}

/* Which keys of a map count: all, the front matter's text keys, or an
 * event's (all but its tags, which describe it). */
enum { KEYS_ALL, KEYS_TOP, KEYS_EVENT };

static int counts(int keys, const char *key)
{
	return keys == KEYS_TOP ? !unseen(key) :
	    keys == KEYS_EVENT ? strcmp(key, "tags") != 0 : 1;
}

/* Equal as values: maps by key whatever the order (only the keys that
 * count), lists in order, text with spaces squeezed. A list of events
 * holds event maps. */
static int val_same(const value *a, const value *b, int keys, int depth)
{
	if (depth > 64)
		return 0;
	if (!a || !b)
		return a == b;
	if (a->kind != b->kind)
		return 0;
	switch (a->kind) {
	case VAL_NULL:
		return 1;
	case VAL_BOOL:
		return a->u.b == b->u.b;
	case VAL_NUM:
		return a->u.num == b->u.num;
	case VAL_STR:
		return str_same(a->u.str.s, a->u.str.len, b->u.str.s,
		    b->u.str.len);
	case VAL_LIST:
		if (a->u.list.len != b->u.list.len)
			return 0;
		for (size_t i = 0; i < a->u.list.len; i++)
			if (!val_same(a->u.list.items[i], b->u.list.items[i],
			    keys, depth + 1))
				return 0;
		return 1;
	case VAL_MAP:
		for (int side = 0; side < 2; side++) {
			const value *x = side ? b : a, *y = side ? a : b;
			for (size_t i = 0; i < x->u.map.len; i++) {
				const char *k = x->u.map.items[i].key;
				if (!counts(keys, k))
					continue;
				int inner = keys == KEYS_TOP &&
				    !strcmp(k, "events") ? KEYS_EVENT : KEYS_ALL;
				if (!val_same(x->u.map.items[i].val,
				    val_map_get(y, k), inner, depth + 1))
					return 0;
			}
		}
		return 1;
	}
	return 0;
}

/* The front matter and the body as HTML, squeezed; 0, or -1 when the file
 * does not parse. */
static int seen(arena *ar, const char *text, size_t len, value **meta,
    buf *html)
{
	diag *d = diag_new_held();
	fm_doc doc;
	md_result md;
	md_options o = {.unsafe = 1, .link_base = "/"};
	int rc = -1;
	if (fm_parse(ar, "a.md", text, len, &doc, d) == 0 && !diag_errors(d) &&
	    md_render(ar, "a.md", doc.body, doc.body_len, 0, &o, &md, d) == 0) {
		*meta = doc.meta;
		squeeze(html, md.html, strlen(md.html), 1);
		rc = 0;
	}
	diag_free(d);
	return rc;
}

int visible_same(const char *path, const char *a, size_t na, const char *b,
    size_t nb)
{
	if (na == nb && !memcmp(a, b, na))
		return 1;
	size_t pl = strlen(path);
	if (pl < 3 || strcmp(path + pl - 3, ".md"))
		return 0;
	arena *ar = arena_new();
	buf ha = BUF_INIT, hb = BUF_INIT;
	value *ma = NULL, *mb = NULL;
	int same = seen(ar, a, na, &ma, &ha) == 0 &&
	    seen(ar, b, nb, &mb, &hb) == 0 && ha.len == hb.len &&
	    (!ha.len || !memcmp(ha.data, hb.data, ha.len)) &&
	    val_same(ma, mb, KEYS_TOP, 0);
	buf_free(&ha);
	buf_free(&hb);
	arena_free(ar);
	return same;
}
