/* fuzz_frontmatter: a post file from arbitrary bytes, as site_load sees
 * it: fm_parse, then date_parse of the `date` field when it is a string. */
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/value.h"
#include "fuzz.h"
#include "parse/date.h"
#include "parse/frontmatter.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int zoned;
	if (!zoned) {
		if (date_set_zone("Europe/Helsinki") != 0)
			abort();
		zoned = 1;
	}
	/* The source layer hands parsers NUL-terminated bytes; so do we. */
	char *text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	arena *a = arena_new();
	diag *d = fuzz_diag();
	fm_doc doc;
	if (fm_parse(a, "content/blogi/x.md", text, size, &doc, d) == 0) {
		if (!doc.meta || doc.meta->kind != VAL_MAP || !doc.body ||
		    doc.body < text || doc.body + doc.body_len > text + size ||
		    doc.body_line < 1)
			abort();
		const value *v = val_map_get(doc.meta, "date");
		if (v && v->kind == VAL_STR) {
			sdate t;
			const char *err;
			(void)date_parse(v->u.str.s, v->u.str.len, &t, &err);
		}
	} else if (diag_errors(d) == 0) {
		abort();      /* a failure is always reported */
	}
	diag_free(d);
	arena_free(a);
	free(text);
	return 0;
}
