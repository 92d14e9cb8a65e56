#include "mdmem.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A block holds allocations one after the other, each behind a header
 * with its size (realloc must know how much to copy). A request bigger
 * than a quarter block gets a block of its own. Blocks are smaller than
 * what malloc maps on its own, so the next document gets the same memory
 * back from malloc without new page faults. */
#define BLOCK_SIZE (64 * 1024)
#define HEADER 16       /* keeps every allocation 16-byte aligned */

struct block {
	struct block *next;
	size_t size;
	_Alignas(16) unsigned char data[];
};

struct mdmem {
	struct block *head;     /* the block being filled, then older ones */
	struct block *big;      /* blocks of their own */
	size_t used;            /* bytes of head taken */
	unsigned char *last;    /* the newest allocation in head */
	int depth;
};

static _Thread_local struct mdmem M;

static size_t round16(size_t n)
{
	return n ? (n + 15) & ~(size_t)15 : 16;
}

static size_t *header_of(void *p)
{
	return (size_t *)(void *)((unsigned char *)p - HEADER);
}

static struct block *new_block(size_t size)
{
	struct block *b = malloc(sizeof *b + size);
	if (!b)
		abort();   /* as cmark's own allocator does */
	b->next = NULL;
	b->size = size;
	return b;
}

static void *take(size_t n)
{
	if (n > SIZE_MAX / 2)
		abort();
	size_t need = HEADER + round16(n);
	unsigned char *p;
	if (need > BLOCK_SIZE / 4) {
		struct block *b = new_block(need);
		b->next = M.big;
		M.big = b;
		p = b->data + HEADER;
	} else {
		if (!M.head || M.head->size - M.used < need) {
			struct block *b = new_block(BLOCK_SIZE);
			b->next = M.head;
			M.head = b;
			M.used = 0;
		}
		p = M.head->data + M.used + HEADER;
		M.used += need;
		M.last = p;
	}
	*header_of(p) = n;
	return p;
}

static void *mem_calloc(size_t count, size_t size)
{
	if (size && count > SIZE_MAX / size)
		abort();
	void *p = take(count * size);
	memset(p, 0, count * size);
	return p;
}

static void *mem_realloc(void *old, size_t n)
{
	if (!old)
		return take(n);
	unsigned char *o = old;
	size_t had = *header_of(o);
	/* The newest allocation grows where it is while the block has room:
	 * cmark's buffers grow so as they are written. */
	if (o == M.last && n <= SIZE_MAX / 2 &&
	    (size_t)(o - M.head->data) + round16(n) <= M.head->size) {
		M.used = (size_t)(o - M.head->data) + round16(n);
		*header_of(o) = n;
		return o;
	}
	void *p = take(n);
	memcpy(p, o, had < n ? had : n);
	return p;
}

static void mem_free(void *p)
{
	/* Only the newest bytes come back now; the rest go with the
	 * document. */
	if (p && p == M.last) {
		M.used = (size_t)((unsigned char *)p - M.head->data) - HEADER;
		M.last = NULL;
	}
}

static cmark_mem mem = {mem_calloc, mem_realloc, mem_free};

#if defined(__SANITIZE_ADDRESS__)
#define MDMEM_MALLOC 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MDMEM_MALLOC 1
#endif
#endif

cmark_mem *mdmem_begin(void)
{
#ifdef MDMEM_MALLOC
	return cmark_get_default_mem_allocator();
#else
	M.depth++;
	return &mem;
#endif
}

void mdmem_end(cmark_node *doc)
{
#ifdef MDMEM_MALLOC
	if (doc)
		cmark_node_free(doc);
	(void)mem;
	return;
#endif
	(void)doc;   /* goes with the blocks */
	if (--M.depth > 0)
		return;
	while (M.big) {
		struct block *next = M.big->next;
		free(M.big);
		M.big = next;
	}
	while (M.head) {
		struct block *next = M.head->next;
		free(M.head);
		M.head = next;
	}
	M.used = 0;
	M.last = NULL;
}
