#include "hash.h"

#include <limits.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <xxhash.h>

#include "plugin.h"
#include "xalloc.h"

hash128 hash_bytes(const void *data, size_t len)
{
	XXH128_hash_t h = XXH3_128bits(data, len);
	return (hash128){h.low64, h.high64};
}

int hash_eq(hash128 a, hash128 b)
{
	return a.lo == b.lo && a.hi == b.hi;
}

int hash_is_zero(hash128 h)
{
	return !h.lo && !h.hi;
}

/* Pieces gather in buf (struct hash_state, hash.h) and reach XXH3 a
 * buffer at a time: most keys are dozens of 8-byte pieces, and each
 * update call costs more than its bytes (about a hundred thousand keys a
 * rebuild). The digest is the same however the stream is cut, and a key
 * that fits in buf is hashed at once at the end, without setting up a
 * stream. */

hash_state *hash_begin(void)
{
	hash_state *st = xmalloc(sizeof *st);
	st->x = NULL;
	st->n = 0;
	return st;
}

static void spill(hash_state *st)
{
	if (!st->x) {
		if (!(st->x = XXH3_createState()))
			xalloc_fail();
		XXH3_128bits_reset(st->x);
	}
	XXH3_128bits_update(st->x, st->buf, st->n);
	st->n = 0;
}

static void put(hash_state *st, const void *data, size_t len)
{
	if (!len)
		return;
	if (HASH_BUF - st->n < len) {
		spill(st);
		if (len > HASH_BUF) {
			XXH3_128bits_update(st->x, data, len);
			return;
		}
	}
	memcpy(st->buf + st->n, data, len);
	st->n += len;
}

void hash_add_u64_full(hash_state *st, uint64_t n)
{
	unsigned char b[8];
	hash_le64(b, n);
	put(st, b, sizeof b);
}

void hash_add(hash_state *st, const void *data, size_t len)
{
	hash_add_u64(st, len);
	put(st, data, len);
}

void hash_add_str(hash_state *st, const char *s)
{
	if (!s)
		hash_add_u64(st, UINT64_MAX);
	else
		hash_add(st, s, strlen(s));
}

hash128 hash_end(hash_state *st)
{
	XXH128_hash_t h;
	if (!st->x) {
		h = XXH3_128bits(st->buf, st->n);
	} else {
		spill(st);
		h = XXH3_128bits_digest(st->x);
		XXH3_freeState(st->x);
	}
	free(st);
	return (hash128){h.low64, h.high64};
}

static hash128 program;
static pthread_once_t program_once = PTHREAD_ONCE_INIT;

static int add_file(XXH3_state_t *x, const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	char chunk[1 << 16];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		XXH3_128bits_update(x, chunk, n);
	int rc = ferror(f) ? -1 : 0;
	fclose(f);
	return rc;
}

/* The first object dl_iterate_phdr reports is the program itself: its
 * notes, loaded with it, hold the linker's build ID. */
struct build_id {
	const unsigned char *p;
	size_t n;
};

static int find_build_id(struct dl_phdr_info *info, size_t size, void *data)
{
	(void)size;
	struct build_id *b = data;
	for (int i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		if (ph->p_type != PT_NOTE)
			continue;
		size_t al = ph->p_align == 8 ? 8 : 4;
		const unsigned char *p = (const unsigned char *)
		    (info->dlpi_addr + ph->p_vaddr);
		const unsigned char *end = p + ph->p_memsz;
		while ((size_t)(end - p) >= sizeof(ElfW(Nhdr))) {
			ElfW(Nhdr) nh;
			memcpy(&nh, p, sizeof nh);
			size_t name = (nh.n_namesz + al - 1) & ~(al - 1);
			size_t desc = (nh.n_descsz + al - 1) & ~(al - 1);
			const unsigned char *np = p + sizeof nh;
			if (name > (size_t)(end - np) ||
			    desc > (size_t)(end - np) - name)
				break;
			if (nh.n_type == NT_GNU_BUILD_ID && nh.n_namesz == 4 &&
			    !memcmp(np, "GNU", 4) && nh.n_descsz >= 16) {
				b->p = np + name;
				b->n = nh.n_descsz;
				return 1;
			}
			p = np + name + desc;
		}
	}
	return 1;   /* the program only */
}

size_t hash_build_id(const unsigned char **id)
{
	struct build_id b = {NULL, 0};
	dl_iterate_phdr(find_build_id, &b);
	*id = b.p;
	return b.n;
}

/* The binary and the plugin it would load: either one changed makes
 * whatever they made before stale. The binary is known by the build ID
 * the linker made of everything it linked (no read of its 2.7 MB: ~1 ms
 * of every build's start), else by its file's bytes. */
static void read_program(void)
{
	XXH3_state_t *x = XXH3_createState();
	XXH3_128bits_reset(x);
	char plug[PATH_MAX];
	const unsigned char *id;
	size_t idn = hash_build_id(&id);
	if (idn)
		XXH3_128bits_update(x, "build-id ", 9);
	if ((idn ? XXH3_128bits_update(x, id, idn) == XXH_OK :
	    add_file(x, "/proc/self/exe") == 0) &&
	    (plugin_path("images", plug, sizeof plug) != 0 ||
	    add_file(x, plug) == 0)) {
		XXH128_hash_t h = XXH3_128bits_digest(x);
		program = (hash128){h.low64, h.high64};
	}
	XXH3_freeState(x);
}

hash128 hash_program(void)
{
	pthread_once(&program_once, read_program);
	return program;
}
