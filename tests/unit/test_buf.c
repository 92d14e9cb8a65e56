/* buf: printf straight into the buffer, and again after growing; and
 * arena_concat. */
#include "check.h"
#include "core/arena.h"
#include "core/buf.h"

int main(void)
{
	buf b = BUF_INIT;
	buf_printf(&b, "%d-%02d", 2018, 7);
	CHECK_STR("printf into an empty buf", b.data, "2018-07");
	CHECK("its length", b.len == 7);

	/* More than the room left: formatted again after growing. */
	char big[301];
	memset(big, 'x', 300);
	big[300] = '\0';
	buf_printf(&b, "<%s>", big);
	CHECK("a long one appended whole", b.len == 7 + 302 &&
	    b.data[7] == '<' && b.data[8 + 300] == '>' &&
	    b.data[b.len] == '\0' && memcmp(b.data, "2018-07", 7) == 0);
	size_t before = b.len;
	buf_printf(&b, "%s", "");
	CHECK("nothing printed leaves it as it was", b.len == before &&
	    b.data[b.len] == '\0');
	buf_reset(&b);
	for (int i = 0; i < 1000; i++)
		buf_printf(&b, "%03d,", i);
	CHECK("many small ones", b.len == 4000 &&
	    memcmp(b.data + 3996, "999,", 4) == 0 &&
	    memcmp(b.data + 400, "100,", 4) == 0);
	buf_free(&b);

	arena *a = arena_new();
	CHECK_STR("concat", arena_concat(a, "/blogi/", "a/b/"), "/blogi/a/b/");
	CHECK_STR("concat of empties", arena_concat(a, "", ""), "");
	arena_free(a);
	CHECK_DONE();
}
