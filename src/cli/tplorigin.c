#include "tplorigin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/diag.h"

struct tplorigin {
	arena *a;
	source *src;
	const char *dir;
	int read;
	const char **paths;
	const char **text;
	size_t n;
};

tplorigin *tplorigin_new(source *src, const char *theme_dir)
{
	tplorigin *t = calloc(1, sizeof *t);
	if (!t)
		abort();
	t->a = arena_new();
	t->src = src;
	t->dir = theme_dir ? arena_strdup(t->a, theme_dir) : NULL;
	return t;
}

void tplorigin_free(tplorigin *t)
{
	if (!t)
		return;
	arena_free(t->a);
	free(t);
}

/* Reads every template once; problems were the build's to report. */
static void read_all(tplorigin *t)
{
	t->read = 1;
	if (!t->dir)
		return;
	diag *quiet = diag_new_held();
	t->n = source_list(t->src, arena_printf(t->a, "%stemplates/", t->dir),
	    t->a, &t->paths, quiet);
	t->text = arena_alloc(t->a, (t->n + 1) * sizeof *t->text);
	for (size_t i = 0; i < t->n; i++) {
		size_t len;
		if (source_read(t->src, t->paths[i], t->a, &t->text[i], &len,
		    quiet) != 0)
			t->text[i] = NULL;
	}
	diag_free(quiet);
}

/* Whether the fixed text of template line t[0..n) appears, in order, in
 * the output line o; returns how many fixed bytes matched (0 when not). */
static size_t template_match(const char *t, size_t n, const char *o,
    const char *attr)
{
	char want[32];
	snprintf(want, sizeof want, "%s=", attr);
	const char *hit = memmem(t, n, want, strlen(want));
	if (!hit)
		return 0;
	size_t score = 0, i = 0;
	const char *at = o;
	while (i < n) {
		const char *open = memmem(t + i, n - i, "{{", 2);
		size_t lit = (open ? (size_t)(open - t) : n) - i;
		while (lit && (t[i] == ' ' || t[i] == '\t')) {
			i++;
			lit--;
		}
		while (lit && (t[i + lit - 1] == '\n' || t[i + lit - 1] == '\r'))
			lit--;
		if (lit) {
			const char *f = memmem(at, strlen(at), t + i, lit);
			if (!f)
				return 0;
			at = f + lit;
			score += lit;
		}
		if (!open)
			break;
		const char *close = memmem(open, (size_t)(t + n - open), "}}",
		    2);
		if (!close)
			break;
		i = (size_t)(close - t) + 2;
		if (i < n && t[i] == '}')
			i++;
	}
	return score;
}

int tplorigin_find(tplorigin *t, const char *out_line, const char *attr,
    const char **file, int *line)
{
	if (!t->read)
		read_all(t);
	size_t best = 0;
	for (size_t i = 0; i < t->n; i++) {
		const char *s = t->text[i];
		for (int ln = 1; s && *s; ln++) {
			const char *nl = strchr(s, '\n');
			size_t n = nl ? (size_t)(nl - s) : strlen(s);
			size_t sc = template_match(s, n, out_line, attr);
			if (sc > best) {
				best = sc;
				*file = t->paths[i];
				*line = ln;
			}
			s = nl ? nl + 1 : s + n;
		}
	}
	return best > 0;
}
