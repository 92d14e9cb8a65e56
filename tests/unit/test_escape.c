/* escape: each escaper's fast runs and its character-by-character cases
 * meet in the same string. */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "parse/utf8.h"
#include "render/escape.h"

static const char *run(void (*esc)(buf *, const char *, size_t),
    const char *s, size_t n, buf *b)
{
	buf_reset(b);
	esc(b, s, n);
	return b->data ? b->data : "";
}

/* A literal's bytes, NULs too. */
#define RUN(esc, lit) run(esc, lit, sizeof lit - 1, &b)

/* escape_json as it was before its SSE2 path: the slow definition the
 * fast one must agree with. */
static unsigned slow_cp_at(const char *s, size_t i, size_t n, size_t *len)
{
	unsigned cp;
	*len = utf8_next(s + i, n - i, &cp);
	return cp;
}

#define JSON_PLAIN(c) ((c) >= 0x20 && (c) < 0x7F && (c) != '"' && \
	(c) != '\\' && (c) != '<' && (c) != '>' && (c) != '&')
#define JP4(c) JSON_PLAIN(c), JSON_PLAIN((c) + 1), JSON_PLAIN((c) + 2), \
	JSON_PLAIN((c) + 3)
#define JP16(c) JP4(c), JP4((c) + 4), JP4((c) + 8), JP4((c) + 12)
static const unsigned char slow_plain[128] = {
	JP16(0), JP16(16), JP16(32), JP16(48), JP16(64), JP16(80), JP16(96),
	JP16(112)
};

static void json_slow(buf *out, const char *s, size_t n)
{
	size_t start = 0;
	buf_grow(out, n);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		/* Most characters stay: printable ASCII by table, and two-byte
		 * ones from U+00A0 (ä, ö), which are neither C1 controls nor
		 * noncharacters. */
		if (c < 0x80 ? slow_plain[c] : c >= 0xC2 && c <= 0xDF &&
		    i + 1 < n && ((unsigned char)s[i + 1] & 0xC0) == 0x80 &&
		    (c > 0xC2 || (unsigned char)s[i + 1] >= 0xA0)) {
			i += c >= 0x80;
			continue;
		}
		char tmp[8];
		const char *rep = NULL;
		size_t skip = 1;
		unsigned cp;
		if (c == '"')
			rep = "\\\"";
		else if (c == '\\')
			rep = "\\\\";
		else if (c == '\n')
			rep = "\\n";
		else if (c == '\r')
			rep = "\\r";
		else if (c == '\t')
			rep = "\\t";
		else if (c < 0x20 || c == 0x7F || c == '<' || c == '>' ||
		    c == '&') {
			snprintf(tmp, sizeof tmp, "\\u%04x", c);
			rep = tmp;
		} else if (c >= 0x80 && !utf8_html_char(cp = slow_cp_at(s, i, n,
		    &skip))) {
			/* A C1 control or a noncharacter must not reach the
			 * page raw; one above U+FFFF is dropped. */
			if (cp <= 0xFFFF)
				snprintf(tmp, sizeof tmp, "\\u%04x", cp);
			else
				tmp[0] = '\0';
			rep = tmp;
		} else if (c == 0xE2 && i + 2 < n &&
		    (unsigned char)s[i + 1] == 0x80 &&
		    ((unsigned char)s[i + 2] == 0xA8 ||
		    (unsigned char)s[i + 2] == 0xA9)) {
			/* U+2028/U+2029 end a line in old JavaScript. */
			rep = (unsigned char)s[i + 2] == 0xA8 ? "\\u2028" :
			    "\\u2029";
			skip = 3;
		}
		if (!rep)
			continue;
		buf_put(out, s + start, i - start);
		buf_puts(out, rep);
		i += skip - 1;
		start = i + 1;
	}
	buf_put(out, s + start, n - start);
}

int main(void)
{
	buf b = BUF_INIT;
	CHECK_STR("json: plain, ä and » as they are",
	    RUN(escape_json, "Hyvää päivää » 2024"),
	    "Hyvää päivää » 2024");
	CHECK_STR("json: quote, backslash, < > &, controls",
	    RUN(escape_json, "a\"b\\c<d>e&f\ng\th\x01i\x7fj"),
	    "a\\\"b\\\\c\\u003cd\\u003ee\\u0026f\\ng\\th\\u0001i\\u007fj");
	CHECK_STR("json: C1 control and U+2028 escaped, U+00A0 kept",
	    RUN(escape_json, "x\xc2\x85y\xe2\x80\xa8z\xc2\xa0"),
	    "x\\u0085y\\u2028z\xc2\xa0");
	{
		/* Long text, as a summary, with every kind of byte between,
		 * from every start: the 16-byte blocks pass whole and stop at
		 * each place in a block. */
		static const char *const pick[] = {"\"", "\\", "<", ">", "&",
		    "\n", "\t", "\x01", "\x7f", "'", "\xc2\x85", "\xc2\xa0",
		    "\xe2\x80\xa8", "\xe2\x80\xa9", "\xe2\x82\xac",
		    "\xef\xbf\xbe", "\xf0\x9f\x98\x80", "\xc3", "\x80",
		    "\xdf\xbf", "\xc0\x80"};
		unsigned long long x = 2018;
		int same = 1;
		buf slow = BUF_INIT;
		for (int round = 0; round < 5000 && same; round++) {
			char t[400];   /* up to 83 characters of 4 bytes */
			size_t len = 0;
			x = x * 6364136223846793005ULL + 1442695040888963407ULL;
			size_t chars = (size_t)(x >> 58) + 20;
			for (size_t c = 0; c < chars; c++) {
				x = x * 6364136223846793005ULL + 1;
				unsigned r = (unsigned)(x >> 56);
				const char *p = r < 170 ? "k" : r < 200 ? " " :
				    r < 240 ? "\xc3\xa4" :
				    pick[(x >> 33) % (sizeof pick / sizeof *pick)];
				size_t k = strlen(p);
				memcpy(t + len, p, k);
				len += k;
			}
			for (size_t from = 0; from < len && same; from++) {
				buf_reset(&slow);
				json_slow(&slow, t + from, len - from);
				run(escape_json, t + from, len - from, &b);
				same = slow.len == b.len && (!b.len ||
				    !memcmp(slow.data, b.data, b.len));
			}
		}
		buf_free(&slow);
		CHECK("json: long text as the slow definition", same);
	}
	CHECK_STR("json: a lead byte at the very end",
	    RUN(escape_json, "ab\xc3"), "ab\xc3");
	CHECK_STR("html: text escaped, forbidden dropped",
	    RUN(escape_html, "a<b>&\"'\x01" "ä\xef\xbf\xbe."),
	    "a&lt;b&gt;&amp;&quot;&#39;ä.");
	CHECK_STR("html raw: markup kept, forbidden dropped",
	    RUN(escape_html_raw, "<p>a\x7f\xc2\x85" "b</p>\n"),
	    "<p>ab</p>\n");
	CHECK_STR("xml: &apos;, form feed dropped",
	    RUN(escape_xml, "a'b\fc<d>ö"), "a&apos;bc&lt;d&gt;ö");
	buf_free(&b);
	CHECK_DONE();
}
