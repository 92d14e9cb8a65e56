/* fuzz_yaml: YAML from arbitrary bytes, walked the way a build walks a
 * value: yaml_parse (front matter, site.yaml, data files), then the digest
 * of incremental builds (valhash_of) and a full walk that sees every
 * alias as a copy, as views and templates do.
 *
 * The walk counts what it visits: an alias bomb that got past the loader
 * would make that count exponential, so it must stay within the input's
 * own values (at most one per byte) plus LIMIT_YAML_ALIAS_NODES; more is
 * a finding (abort), and so is a hang (libFuzzer's -timeout). */
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/limits.h"
#include "core/valhash.h"
#include "core/value.h"
#include "fuzz.h"
#include "parse/yaml.h"

static size_t visited, budget;

static void walk(const value *v, int depth)
{
	if (++visited > budget)
		abort();      /* expansion past the limit */
	if (depth > LIMIT_YAML_DEPTH + 1)
		abort();      /* nesting past the limit */
	if (v->kind == VAL_LIST)
		for (size_t i = 0; i < v->u.list.len; i++)
			walk(v->u.list.items[i], depth + 1);
	else if (v->kind == VAL_MAP)
		for (size_t i = 0; i < v->u.map.len; i++) {
			if (!v->u.map.items[i].key)
				abort();
			walk(v->u.map.items[i].val, depth + 1);
		}
	else if (v->kind == VAL_STR &&
	    (!v->u.str.s || strlen(v->u.str.s) != v->u.str.len))
		abort();      /* a NUL inside a string got through */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	arena *a = arena_new();
	diag *d = fuzz_diag();
	value *v = yaml_parse(a, "site.yaml", text, size, 0, d);
	if (v) {
		visited = 0;
		budget = size + LIMIT_YAML_ALIAS_NODES + 2;
		walk(v, 1);
		valhash *h = valhash_new();
		(void)valhash_of(h, v);
		valhash_free(h);
	} else if (diag_errors(d) == 0) {
		abort();      /* a failure is always reported */
	}
	diag_free(d);
	arena_free(a);
	free(text);
	return 0;
}
