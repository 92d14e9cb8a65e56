/* fuzz_mustache: the template engine on arbitrary templates. The input is
 * split at NUL bytes into up to three templates, "main", "p" and "q" (so
 * partials and parents refer to each other), each compiled with
 * mustache_add; "main" is then rendered with a small fixed context of every
 * value kind. */
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/value.h"
#include "fuzz.h"
#include "render/mustache.h"

static value *context(arena *a)
{
	value *root = val_map(a);
	val_map_str(a, root, "title", "Otsikko & <b>\"lainaus\"</b>");
	val_map_str(a, root, "empty", "");
	val_map_bool(a, root, "yes", 1);
	val_map_bool(a, root, "no", 0);
	val_map_num(a, root, "n", 1.21);
	val_map_set(a, root, "none", val_null(a));
	value *site = val_map(a);
	val_map_str(a, site, "title", "LAPE");
	val_map_str(a, site, "url", "https://example.fi/lape/");
	val_map_set(a, root, "site", site);
	value *list = val_list(a);
	for (int i = 0; i < 3; i++) {
		value *item = val_map(a);
		val_map_num(a, item, "i", i);
		val_map_str(a, item, "name", i ? "toinen" : "eka");
		value *tags = val_list(a);
		val_list_push(a, tags, val_str(a, "perhekeskus"));
		val_list_push(a, tags, val_str(a, "lappi"));
		val_map_set(a, item, "tags", tags);
		val_list_push(a, list, item);
	}
	val_map_set(a, root, "posts", list);
	val_map_set(a, root, "nolist", val_list(a));
	return root;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = {"main", "p", "q"};
	static const char *const files[] = {"main.html", "p.html", "q.html"};
	arena *a = arena_new();
	diag *d = fuzz_diag();
	mustache_set *set = mustache_set_new();
	const char *s = (const char *)data, *end = s + size;
	int ok = 0;
	for (int i = 0; i < 3 && s <= end; i++) {
		const char *nul = memchr(s, '\0', (size_t)(end - s));
		const char *e = nul && i < 2 ? nul : end;
		/* A copy of exactly the template's bytes, so that a read past
		 * its end is caught. */
		size_t n = (size_t)(e - s);
		char *src = malloc(n ? n : 1);
		if (!src)
			abort();
		memcpy(src, s, n);
		int before = diag_errors(d);
		int rc = mustache_add(set, names[i], files[i], src, n, d);
		free(src);
		if (rc == 0 && i == 0)
			ok = 1;
		else if (rc != 0 && diag_errors(d) == before)
			abort();      /* a failure is always reported */
		s = e + 1;
	}
	if (ok) {
		const value *ctx[] = {context(a)};
		buf out = BUF_INIT;
		/* -1 only for templates that recurse without end: fine. */
		(void)mustache_render(set, "main", ctx, 1, &out);
		if (!out.data || strlen(out.data) > out.len)
			abort();
		buf_free(&out);
	}
	mustache_set_free(set);
	diag_free(d);
	arena_free(a);
	return 0;
}
