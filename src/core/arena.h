/* arena: a bump allocator that owns every allocation of one build (or one
 * worker thread). Nothing allocated from an arena is freed on its own;
 * arena_free() releases it all at once. Not thread-safe: one arena per
 * thread. */
#ifndef SAITTI_ARENA_H
#define SAITTI_ARENA_H

#include <stddef.h>

typedef struct arena arena;

arena *arena_new(void);
void arena_free(arena *a);

/* Frees every block but the newest and clears it: a worker's scratch
 * arena is reset after each job, so memory follows one job, not all of
 * them. Whatever was allocated from a is gone. */
void arena_reset(arena *a);
/* Bytes the arena holds now (its blocks), for measuring phases. */
size_t arena_bytes(const arena *a);
/* The caller expects a to grow to about bytes more: from
 * ARENA_EXPECT_HUGE up, its next blocks are huge pages at once, rather
 * than after the 6 MB of smaller blocks a growing arena starts with
 * (1,500 first touches of 4 KB pages, ~15 ms of CPU on a virtual machine).
 * Less is ignored: a small arena keeps its small blocks. */
#define ARENA_EXPECT_HUGE ((size_t)4 << 20)
void arena_expect(arena *a, size_t bytes);

/* Zeroed, aligned for any type. Aborts on out-of-memory. */
void *arena_alloc(arena *a, size_t n);
/* Copy of s[0..n) with a terminating NUL. */
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_strdup(arena *a, const char *s);
char *arena_printf(arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* x followed by y: arena_printf(a, "%s%s", x, y) without a format to
 * parse, for addresses made many times a build. */
char *arena_concat(arena *a, const char *x, const char *y);

#endif
