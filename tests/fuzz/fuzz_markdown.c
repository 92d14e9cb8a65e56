/* fuzz_markdown: Markdown from arbitrary bytes through md_render (cmark,
 * heading ids, link positions and rewriting), as a post's body.
 *
 * Work that grows faster than the text shows only on long texts, which
 * mutation rarely reaches: fuzz_mdlong (this file with MD_LONG) renders
 * every input of up to 512 bytes repeated to 128 KB instead, once as it is
 * and once with its line ends made spaces (one long line). Both run with
 * -timeout and -rss_limit_mb (make fuzz sets them; mdlong.options gives
 * 30 s, as a loaded machine needs a few seconds for the two long renders
 * under the sanitizers, and the quadratic link walk of issue 13 took
 * minutes), so a quadratic walk or a memory blow-up is a finding. This
 * one stays fast, to explore. Checks: the result is
 * NUL-free HTML without the characters HTML forbids, every link has a
 * position inside the text, and heading ids fit LIMIT_ID_BYTES. */
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/limits.h"
#include "fuzz.h"
#include "parse/markdown.h"
#include "parse/utf8.h"

#define REPEAT_TO (128u * 1024)

static const char *resolve(void *ctx, const char *path)
{
	(void)ctx;
	return strcmp(path, "blogi/toinen.md") ? NULL : "/lape/blogi/toinen/";
}

static void check_html(const char *html)
{
	size_t n = strlen(html);
	for (size_t i = 0; i < n;) {
		unsigned cp;
		size_t k = utf8_next(html + i, n - i, &cp);
		if (!utf8_html_char(cp))
			abort();
		i += k;
	}
	/* One pass, no strstr: libFuzzer's hook for it measures the whole
	 * rest of the text each time, which made this check quadratic. */
	for (size_t i = 0; i + 5 <= n; i++) {
		if (memcmp(html + i, " id=\"", 5) != 0)
			continue;
		size_t k = i + 5;
		while (k < n && html[k] != '"')
			k++;
		if (k == n || k - i - 5 > LIMIT_ID_BYTES)
			abort();
		i = k;
	}
}

static void render(const char *text, size_t len)
{
	/* cmark and the source layer see valid UTF-8 without NUL only. */
	if (memchr(text, '\0', len) || !utf8_valid(text, len, NULL))
		return;
	md_options o = {0};
	o.link_base = "/lape/blogi/";
	o.resolve_md = resolve;
	arena *a = arena_new();
	diag *d = fuzz_diag();
	md_result r;
	(void)md_render(a, "blogi/x.md", text, len, 4, &o, &r, d);
	if (r.html) {
		check_html(r.html);
		for (size_t i = 0; i < r.nlinks; i++)
			if (r.links[i].line < 5 || r.links[i].col < 1 ||
			    (size_t)r.links[i].col > len + 1)
				abort();
	}
	diag_free(d);
	arena_free(a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
#ifndef MD_LONG
	render(text, size);
#else
	if (size > 0 && size <= 512) {
		size_t times = REPEAT_TO / size, n = times * size;
		char *big = malloc(n + 1);
		if (big) {
			for (size_t i = 0; i < times; i++)
				memcpy(big + i * size, text, size);
			big[n] = '\0';
			render(big, n);
			for (size_t i = 0; i < n; i++)
				if (big[i] == '\n' || big[i] == '\r')
					big[i] = ' ';
			render(big, n);
			free(big);
		}
	}
#endif
	free(text);
	return 0;
}
