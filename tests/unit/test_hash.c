/* hash: a hash_state's digest is XXH3-128 of the byte stream its pieces
 * make (each hash_add a little-endian length, then the bytes), however
 * the stream is cut and wherever its buffer fills: the caches' keys
 * depend on it staying so. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "core/hash.h"

struct stream {
	unsigned char *p;
	size_t n;
};

static void put(struct stream *s, const void *data, size_t len)
{
	s->p = realloc(s->p, s->n + len + 1);
	if (!s->p)
		abort();
	if (len)
		memcpy(s->p + s->n, data, len);
	s->n += len;
}

static void put_u64(struct stream *s, uint64_t n)
{
	unsigned char b[8];
	for (int i = 0; i < 8; i++)
		b[i] = (unsigned char)(n >> (8 * i));
	put(s, b, 8);
}

/* Pieces of sizes sizes[0..k) cut from text, both ways. */
static int agrees(const char *text, const size_t *sizes, size_t k)
{
	struct stream s = {NULL, 0};
	hash_state *st = hash_begin();
	size_t off = 0;
	for (size_t i = 0; i < k; i++) {
		hash_add(st, text + off, sizes[i]);
		put_u64(&s, sizes[i]);
		put(&s, text + off, sizes[i]);
		off += sizes[i];
		hash_add_u64(st, i);
		put_u64(&s, i);
	}
	hash128 got = hash_end(st), want = hash_bytes(s.p ? s.p : (void *)"",
	    s.n);
	free(s.p);
	return hash_eq(got, want);
}

int main(void)
{
	size_t big = 5000;
	char *text = malloc(big * 4);
	if (!text)
		abort();
	for (size_t i = 0; i < big * 4; i++)
		text[i] = (char)('a' + (i * 7 + i / 13) % 26);

	CHECK("hash: no piece at all", agrees(text, NULL, 0));
	size_t one[] = {3};
	CHECK("hash: one short piece", agrees(text, one, 1));
	size_t empties[] = {0, 0, 5, 0};
	CHECK("hash: empty pieces count by their length",
	    agrees(text, empties, 4));
	/* Whatever the buffer's size (up to 4 KB), a stream that fills it
	 * at any byte. */
	int all = 1;
	for (size_t cut = 0; cut < 4200; cut++) {
		size_t two[] = {cut, 40};
		all &= agrees(text, two, 2);
	}
	CHECK("hash: a stream that fills the buffer at any byte", all);
	size_t large[] = {10, big, 7, 2 * big, 1};
	CHECK("hash: pieces larger than the buffer", agrees(text, large, 5));
	size_t many[300];
	for (size_t i = 0; i < 300; i++)
		many[i] = i % 17;
	CHECK("hash: hundreds of small pieces", agrees(text, many, 300));

	/* The length before each piece keeps cuts apart. */
	hash_state *a = hash_begin(), *b = hash_begin();
	hash_add(a, "ab", 2);
	hash_add(a, "c", 1);
	hash_add(b, "a", 1);
	hash_add(b, "bc", 2);
	CHECK("hash: (ab, c) is not (a, bc)", !hash_eq(hash_end(a),
	    hash_end(b)));
	hash_state *c = hash_begin(), *d = hash_begin();
	hash_add_str(c, NULL);
	hash_add_str(d, "");
	CHECK("hash: a missing string is not an empty one",
	    !hash_eq(hash_end(c), hash_end(d)));
	free(text);

	/* The program's build ID, read from memory, is the one readelf
	 * finds in its file; the program's digest is made of it, once. */
	const unsigned char *id;
	size_t idn = hash_build_id(&id);
	char hex[130] = "", want[130] = "";
	for (size_t i = 0; i < idn && i < 64; i++)
		snprintf(hex + 2 * i, 3, "%02x", id[i]);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "readelf -n /proc/%ld/exe 2>/dev/null | "
	    "sed -n 's/^ *Build ID: *//p'", (long)getpid());
	FILE *f = popen(cmd, "r");
	if (f) {
		if (!fgets(want, sizeof want, f))
			want[0] = '\0';
		want[strcspn(want, "\n")] = '\0';
		pclose(f);
	}
	CHECK("hash: the build ID read from memory is readelf's",
	    idn >= 16 && *want && !strcmp(hex, want));
	hash128 p1 = hash_program(), p2 = hash_program();
	CHECK("hash: the program's digest is made and stays",
	    !hash_is_zero(p1) && hash_eq(p1, p2));
	CHECK_DONE();
}
