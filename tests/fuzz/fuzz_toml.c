/* fuzz_toml: TOML front matter from arbitrary bytes (toml_parse), and the
 * rest of a Hugo import's pure steps on the same bytes: Liquid and
 * shortcode rewriting, and the raw HTML sanitiser. */
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/value.h"
#include "fuzz.h"
#include "parse/sanitize.h"
#include "parse/shortcode.h"
#include "parse/toml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	arena *a = arena_new();
	diag *d = fuzz_diag();
	value *v = toml_parse(a, "x.md", text, size, 1, d);
	if (v ? v->kind != VAL_MAP : diag_errors(d) == 0)
		abort();      /* a table, or a reported failure */
	sc_result r;
	shortcode_rewrite(a, text, size, &r);
	if (!r.body)
		abort();
	static const char *const hosts[] = {"youtube-nocookie.com", NULL};
	const char *rep;
	size_t removed;
	const char *safe = sanitize_html(a, text, strlen(text), hosts, &rep,
	    &removed);
	/* Nothing that runs may come out: every '<' in the output starts a
	 * tag the sanitiser wrote (text has &lt;), and no attribute of one
	 * is a handler. */
	if (!safe || strstr(safe, "<script"))
		abort();
	for (const char *t = strchr(safe, '<'); t; t = strchr(t + 1, '<')) {
		const char *q = t;
		while (*q && *q != '>') {
			if (*q == '"') {
				q = strchr(q + 1, '"');
				if (!q)
					abort();
			} else if (q[0] == ' ' && (q[1] | 0x20) == 'o' &&
			    (q[2] | 0x20) == 'n') {
				abort();
			}
			q++;
		}
	}
	diag_free(d);
	arena_free(a);
	free(text);
	return 0;
}
