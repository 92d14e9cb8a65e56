#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "xalloc.h"

/* Blocks grow from 64 KB to 2 MB as an arena fills, so that the many
 * small arenas stay small and the few big ones (a build's) take memory in
 * huge pages: at 10,000 posts, first touches of 4 KB pages were a tenth
 * of a rebuild. Every block starts zeroed (calloc, or fresh pages from
 * mmap) and is never reused, so arena_alloc need not clear memory. */
#define BLOCK_MIN (64 * 1024)
#define BLOCK_HUGE (2 * 1024 * 1024)
/* A huge page is resident whole from its first touch, so the newest
 * block of every arena, partly filled, costs its full 2 MB: with a dozen
 * arenas alive at once, ~10 MB at 10,000 posts. Only an arena that has
 * filled this many 2 MB blocks already (one of the few big ones) gets
 * huge pages for the next; the others take 4 KB pages as they touch
 * them. */
#define HUGE_AFTER 2

struct block {
	struct block *next;
	size_t used, size;
	size_t mapped;   /* bytes mapped with mmap, or 0 (calloc) */
	max_align_t data[];
};

struct arena {
	struct block *head;
	size_t next;     /* the size of the next ordinary block */
	size_t mapped;   /* blocks of BLOCK_HUGE or more made so far */
};

/* A zeroed block with room for size bytes. */
static struct block *new_block(size_t size, int huge)
{
	size_t need = sizeof(struct block) + size;
	struct block *b;
	if (need < BLOCK_HUGE) {
		b = calloc(1, need);
		if (!b)
			xalloc_fail();
		b->size = size;
		return b;
	}
	/* Whole huge pages, aligned to them: map one more and trim. */
	size_t len = (need + BLOCK_HUGE - 1) & ~(size_t)(BLOCK_HUGE - 1);
	char *m = mmap(NULL, len + BLOCK_HUGE, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		xalloc_fail();
	uintptr_t at = ((uintptr_t)m + BLOCK_HUGE - 1) &
	    ~(uintptr_t)(BLOCK_HUGE - 1);
	size_t head = at - (uintptr_t)m;
	if (head)
		munmap(m, head);
	if (BLOCK_HUGE - head)
		munmap((char *)at + len, BLOCK_HUGE - head);
#ifdef MADV_HUGEPAGE
	if (huge)
		madvise((void *)at, len, MADV_HUGEPAGE);
#endif
	b = (struct block *)at;
	b->size = len - sizeof *b;
	b->mapped = len;
	return b;
}

arena *arena_new(void)
{
	arena *a = xmalloc(sizeof *a);
	a->head = NULL;
	a->next = BLOCK_MIN;
	a->mapped = 0;
	return a;
}

static void free_blocks(struct block *b)
{
	while (b) {
		struct block *next = b->next;
		if (b->mapped)
			munmap(b, b->mapped);
		else
			free(b);
		b = next;
	}
}

void arena_free(arena *a)
{
	if (!a)
		return;
	free_blocks(a->head);
	free(a);
}

void arena_reset(arena *a)
{
	struct block *b = a->head;
	if (!b)
		return;
	/* A big request's own block, made when the arena was empty, is
	 * not kept: the next job may not need it. */
	if (b->size > BLOCK_HUGE) {
		free_blocks(b);
		a->head = NULL;
		return;
	}
	free_blocks(b->next);
	b->next = NULL;
	/* Blocks are handed out zeroed (arena_alloc relies on it). */
	memset(b->data, 0, b->used);
	b->used = 0;
}

size_t arena_bytes(const arena *a)
{
	size_t n = 0;
	for (const struct block *b = a->head; b; b = b->next)
		n += sizeof *b + b->size;
	return n;
}

void arena_expect(arena *a, size_t bytes)
{
	if (bytes < ARENA_EXPECT_HUGE)
		return;
	a->next = BLOCK_HUGE;
	if (a->mapped < HUGE_AFTER)
		a->mapped = HUGE_AFTER;
}

static void *alloc_raw(arena *a, size_t n, size_t align);

/* Aligned as the size allows: a type's alignment divides its size, so
 * 16 only when n is a multiple of 16, else 8 (n rounded up to 8). A
 * value (40 bytes) then takes 40, not 48: views and front matter are
 * mostly values. */
void *arena_alloc(arena *a, size_t n)
{
	n = n ? (n + 7) & ~(size_t)7 : 8;
	/* blocks are zeroed and never reused */
	return alloc_raw(a, n, n % 16 == 0 ? 16 : 8);
}

static void *alloc_raw(arena *a, size_t n, size_t align)
{
	struct block *b = a->head;
	size_t at = b ? (b->used + align - 1) & ~(align - 1) : 0;
	if (!b || at > b->size || b->size - at < n) {
		/* Large requests get a block of their own, placed behind the
		 * current head so the head's free space is not wasted. */
		int own = n > a->next / 4;
		size_t size = own ? n : a->next - sizeof(struct block);
		struct block *nb = new_block(size, a->mapped >= HUGE_AFTER);
		if (size + sizeof(struct block) >= BLOCK_HUGE)
			a->mapped++;
		if (!own && a->next < BLOCK_HUGE)
			a->next *= 2;
		if (b && own) {
			nb->next = b->next;
			b->next = nb;
		} else {
			nb->next = b;
			a->head = nb;
		}
		b = nb;
		at = 0;   /* a block's data is aligned for any type */
		if (own) {
			nb->used = n;
			return nb->data;
		}
	}
	void *p = (char *)b->data + at;
	b->used = at + n;
	return p;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
	char *p = alloc_raw(a, n + 1, 1);   /* bytes: packed */
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *arena_printf(arena *a, const char *fmt, ...)
{
	/* Most strings (URLs, paths) fit the stack buffer: format once. */
	char tmp[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n < 0)
		return arena_strdup(a, "");
	if ((size_t)n < sizeof tmp)
		return arena_strndup(a, tmp, (size_t)n);
	char *p = alloc_raw(a, (size_t)n + 1, 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

char *arena_concat(arena *a, const char *x, const char *y)
{
	size_t nx = strlen(x), ny = strlen(y);
	char *p = alloc_raw(a, nx + ny + 1, 1);
	memcpy(p, x, nx);
	memcpy(p + nx, y, ny + 1);
	return p;
}
