/* arena: a worker's scratch arena is reset after each job; what it
 * hands out afterwards is zeroed again and the memory does not grow. */
#include <stdint.h>

#include "check.h"
#include "core/arena.h"
#include "vmflags.h"

static int all_zero(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

int main(void)
{
	arena *a = arena_new();
	CHECK("a new arena holds nothing", arena_bytes(a) == 0);
	arena_reset(a);   /* nothing to reset: no harm */
	CHECK("reset of an empty arena", arena_bytes(a) == 0);

	unsigned char *p = arena_alloc(a, 100);
	memset(p, 0xab, 100);
	size_t one = arena_bytes(a);
	CHECK("one block held", one > 0 && one < 256 * 1024);
	arena_reset(a);
	CHECK("reset keeps the newest block", arena_bytes(a) == one);
	unsigned char *q = arena_alloc(a, 100);
	CHECK("the block is reused from its start", q == p);
	CHECK("and handed out zeroed again", all_zero(q, 100));

	/* Many jobs, each allocating the same: the arena stays the size of
	 * one job, where without resets it would hold all of them. */
	size_t after_first = 0;
	for (int job = 0; job < 200; job++) {
		for (int k = 0; k < 100; k++) {
			unsigned char *r = arena_alloc(a, 1000);
			if (!all_zero(r, 1000)) {
				CHECK("memory from a reset arena is zeroed", 0);
				job = 200;
				break;
			}
			memset(r, 0xcd, 1000);
		}
		if (job == 0)
			after_first = arena_bytes(a);
		arena_reset(a);
	}
	CHECK("a job's worth held at most",
	    arena_bytes(a) <= after_first && after_first < 100 * 1000 * 3);

	/* A request bigger than any block gets one of its own; a reset
	 * frees it too. */
	char *big = arena_alloc(a, 8 * 1024 * 1024);
	big[8 * 1024 * 1024 - 1] = 1;
	CHECK("a big block is counted", arena_bytes(a) > 8 * 1024 * 1024);
	arena_reset(a);
	CHECK("and freed by a reset", arena_bytes(a) < 8 * 1024 * 1024);
	char *s = arena_strdup(a, "sana");
	CHECK_STR("strings still work after resets", s, "sana");
	arena_free(a);

	/* Strings are packed; anything else is aligned as its size allows:
	 * 8, or 16 for a multiple of 16. */
	a = arena_new();
	int aligned = 1;
	for (int k = 0; k < 1000; k++) {
		arena_strndup(a, "abc", (size_t)(k % 5));
		size_t n = (size_t)(k % 70) + 1;
		uintptr_t at = (uintptr_t)arena_alloc(a, n);
		if (at % 8 || (n % 16 == 0 && at % 16))
			aligned = 0;
	}
	CHECK("allocations aligned for their size", aligned);
	char *s1 = arena_strdup(a, "ab"), *s2 = arena_strdup(a, "cd");
	CHECK("strings packed one after another", s2 == s1 + 3);
	arena_free(a);

	/* A big request first: its block is not kept for the next job. */
	a = arena_new();
	big = arena_alloc(a, 8 * 1024 * 1024);
	big[0] = 1;
	arena_reset(a);
	CHECK("a reset after one big request holds nothing",
	    arena_bytes(a) == 0);
	CHECK_STR("the arena works after it", arena_strdup(a, "uusi"), "uusi");
	arena_free(a);
	/* An arena told it will grow big takes huge pages at once; one told
	 * of little keeps its small blocks. */
	arena *wide = arena_new();
	arena_expect(wide, 2 * ARENA_EXPECT_HUGE);
	char *b1 = arena_alloc(wide, 100);
	CHECK("expect: a big arena's first block is in huge pages",
	    vm_huge(b1) && arena_bytes(wide) >= ((size_t)2 << 20));
	char *b2 = arena_alloc(wide, 1000);
	CHECK("expect: ...and the next allocation shares it",
	    b2 > b1 && b2 < b1 + ((size_t)2 << 20) && b2[999] == 0);
	arena *little = arena_new();
	arena_expect(little, ARENA_EXPECT_HUGE - 1);
	arena_alloc(little, 100);
	CHECK("expect: a small expectation keeps the small first block",
	    arena_bytes(little) < 256 * 1024);
	arena_free(wide);
	arena_free(little);
	CHECK_DONE();
}
