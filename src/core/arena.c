#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_BLOCK (64 * 1024)

struct block {
	struct block *next;
	size_t used, size;
	max_align_t data[];
};

struct arena {
	struct block *head;
};

static void *xmalloc(size_t n)
{
	void *p = malloc(n);
	if (!p) {
		fputs("saitti: out of memory\n", stderr);
		abort();
	}
	return p;
}

arena *arena_new(void)
{
	arena *a = xmalloc(sizeof *a);
	a->head = NULL;
	return a;
}

void arena_free(arena *a)
{
	if (!a)
		return;
	struct block *b = a->head;
	while (b) {
		struct block *next = b->next;
		free(b);
		b = next;
	}
	free(a);
}

static void *alloc_raw(arena *a, size_t n);

void *arena_alloc(arena *a, size_t n)
{
	void *p = alloc_raw(a, n);
	memset(p, 0, n);
	return p;
}

/* Strings are written whole right away: no need to zero them first. */
static void *alloc_raw(arena *a, size_t n)
{
	const size_t align = sizeof(max_align_t);
	n = (n + align - 1) & ~(align - 1);
	if (n == 0)
		n = align;
	struct block *b = a->head;
	if (!b || b->size - b->used < n) {
		/* Large requests get a block of their own, placed behind the
		 * current head so the head's free space is not wasted. */
		size_t size = n > ARENA_BLOCK / 4 ? n : ARENA_BLOCK;
		struct block *nb = xmalloc(sizeof *nb + size);
		nb->used = 0;
		nb->size = size;
		if (b && size != ARENA_BLOCK) {
			nb->next = b->next;
			b->next = nb;
		} else {
			nb->next = b;
			a->head = nb;
		}
		b = nb;
	}
	void *p = (char *)b->data + b->used;
	b->used += n;
	return p;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
	char *p = alloc_raw(a, n + 1);
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
	char *p = alloc_raw(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}
