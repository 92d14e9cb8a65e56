/* The official Mustache spec (../shared/mustache-spec, relative to the repo
 * root, where tests run): every test of every file but ~lambdas, which
 * saitti does not support. Each test compiles its template and partials
 * into a fresh set and renders its data as the only context. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/diag.h"
#include "core/value.h"
#include "parse/yaml.h"
#include "render/mustache.h"

#define SPEC_DIR "../shared/mustache-spec/"

/* Where the template under test goes: a name no spec partial uses. */
#define MAIN "(template)"

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	buf b = BUF_INIT;
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_put(&b, chunk, n);
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		buf_free(&b);
		return NULL;
	}
	*len = b.len;
	return buf_detach(&b);
}

/* Renders one spec test; returns the output (malloc'ed) or NULL when the
 * template or a partial does not compile. */
static char *run_one(const value *test, const char *label, diag *d)
{
	mustache_set *set = mustache_set_new();
	char *got = NULL;
	const value *tmpl = val_map_get(test, "template");
	const value *partials = val_map_get(test, "partials");
	const value *data = val_map_get(test, "data");
	if (!val_as_str(tmpl))
		goto out;
	if (mustache_add(set, MAIN, label, tmpl->u.str.s, tmpl->u.str.len,
	    d) < 0)
		goto out;
	if (partials && partials->kind == VAL_MAP)
		for (size_t i = 0; i < partials->u.map.len; i++) {
			const value *p = partials->u.map.items[i].val;
			if (!val_as_str(p) || mustache_add(set,
			    partials->u.map.items[i].key, label, p->u.str.s,
			    p->u.str.len, d) < 0)
				goto out;
		}
	buf out = BUF_INIT;
	const value *ctx[1] = {data};
	if (mustache_render(set, MAIN, ctx, 1, &out) < 0) {
		buf_free(&out);
		goto out;
	}
	got = buf_detach(&out);
out:
	mustache_set_free(set);
	return got;
}

/* Runs every test of one file; counts into *pass and *total. */
static void run_file(const char *file, diag *d, int *pass, int *total)
{
	char path[256];
	snprintf(path, sizeof path, SPEC_DIR "%s.yml", file);
	size_t len;
	char *text = slurp(path, &len);
	char what[300];
	snprintf(what, sizeof what, "%s: file reads", file);
	CHECK(what, text != NULL);
	if (!text)
		return;
	arena *a = arena_new();
	value *root = yaml_parse(a, path, text, len, 0, d);
	const value *tests = val_map_get(root, "tests");
	snprintf(what, sizeof what, "%s: has a list of tests", file);
	CHECK(what, tests && tests->kind == VAL_LIST);
	for (size_t i = 0; tests && tests->kind == VAL_LIST &&
	    i < tests->u.list.len; i++) {
		const value *test = tests->u.list.items[i];
		const char *name = val_as_str(val_map_get(test, "name"));
		const char *want = val_as_str(val_map_get(test, "expected"));
		char label[300];
		snprintf(label, sizeof label, "%s: %s", file,
		    name ? name : "?");
		char *got = run_one(test, label, d);
		CHECK_STR(label, got, want);
		(*total)++;
		if (got && want && strcmp(got, want) == 0)
			(*pass)++;
		free(got);
	}
	arena_free(a);
	free(text);
}

int main(void)
{
	static const char *const files[] = {
		"comments", "delimiters", "interpolation", "inverted",
		"partials", "sections", "~dynamic-names", "~inheritance",
	};
	enum { NFILES = sizeof files / sizeof files[0] };
	int pass[NFILES] = {0}, total[NFILES] = {0};
	diag *d = diag_new(stderr);
	for (size_t i = 0; i < NFILES; i++)
		run_file(files[i], d, &pass[i], &total[i]);
	for (size_t i = 0; i < NFILES; i++)
		printf("# %s: %d/%d\n", files[i], pass[i], total[i]);
	diag_free(d);
	CHECK_DONE();
}
