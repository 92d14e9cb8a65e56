/* escape: each escaper's fast runs and its character-by-character cases
 * meet in the same string. */
#include "check.h"
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
