/* record: what a cache writes reads back the same; a cut-short or damaged
 * record reads as bad, never past its end. */
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "core/record.h"

int main(void)
{
	buf b = BUF_INIT;
	record_put_u64(&b, 42);
	record_put_str(&b, "Perhekeskus");
	record_put_str(&b, NULL);
	record_put_strn(&b, "ab\0cd", 5);
	record_cursor c = {b.data, b.data + b.len, 0};
	CHECK("a number reads back", record_u64(&c) == 42);
	CHECK_STR("a string reads back", record_str(&c), "Perhekeskus");
	CHECK_STR("NULL reads back as \"\"", record_str(&c), "");
	size_t n = 0;
	const char *s = record_strn(&c, &n);
	CHECK("a string with a NUL inside keeps its length",
	    n == 5 && !memcmp(s, "ab\0cd", 5));
	CHECK("the end reached, nothing bad", c.p == c.end && !c.bad);
	CHECK("past the end: 0, and bad", record_u64(&c) == 0 && c.bad);

	/* Every cut of the record reads as bad, not past its end. */
	int all_bad = 1;
	for (size_t cut = 0; cut < b.len; cut++) {
		record_cursor k = {b.data, b.data + cut, 0};
		record_u64(&k);
		record_str(&k);
		record_str(&k);
		record_strn(&k, &n);
		if (!k.bad || k.p > k.end)
			all_bad = 0;
	}
	CHECK("every cut-short record reads as bad", all_bad);

	/* A length past the end, and a string without its NUL. */
	buf d = BUF_INIT;
	record_put_u64(&d, UINT64_MAX);
	buf_puts(&d, "xyz");
	record_cursor k = {d.data, d.data + d.len, 0};
	CHECK_STR("a huge length: \"\"", record_str(&k), "");
	CHECK("...and bad", k.bad);
	buf e = BUF_INIT;
	record_put_u64(&e, 2);
	buf_puts(&e, "xyz");
	record_cursor m = {e.data, e.data + e.len, 0};
	record_str(&m);
	CHECK("a string whose NUL is not there is bad", m.bad);
	buf_free(&b);
	buf_free(&d);
	buf_free(&e);
	CHECK_DONE();
}
