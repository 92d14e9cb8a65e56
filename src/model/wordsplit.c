#include "wordsplit.h"

#include <stdlib.h>
#include <string.h>

#include "../core/xalloc.h"
#include "../parse/utf8.h"
#include "searchindex.h"

/* ---------------------------------------------------------- the table */

static void rehash(wordtab *t)
{
	size_t n = t->nslot ? t->nslot * 2 : 1 << 12;
	free(t->slot);
	t->slot = xcalloc(n, sizeof *t->slot);
	t->nslot = n;
	for (size_t i = 0; i < t->n; i++) {
		size_t k = t->h[i] & (n - 1);
		while (t->slot[k])
			k = (k + 1) & (n - 1);
		t->slot[k] = (uint64_t)t->h[i] << 32 | ((uint32_t)i + 1);
	}
}

static uint64_t load8(const char *s)
{
	uint64_t x;
	memcpy(&x, s, sizeof x);
	return x;
}

/* Two zero-padded words of len bytes. */
static int same_word(const char *a, const char *b, uint32_t len)
{
	for (uint32_t i = 0; i < len; i += 8)
		if (load8(a + i) != load8(b + i))
			return 0;
	return 1;
}

/* A word is hashed as it is read, 8 bytes at a time: word_step for each
 * whole 8, then word_end over the last, zero-padded 8 (all zeros when
 * the length is a multiple of 8). */
#define WORD_SEED 0x9E3779B97F4A7C15u

static uint64_t word_step(uint64_t h, uint64_t x)
{
	return (h ^ x) * 0xFF51AFD7ED558CCDu;
}

static uint32_t word_end(uint64_t h, uint64_t x, size_t n)
{
	h = word_step(h, x) ^ n;
	h ^= h >> 32;
	return (uint32_t)(h ^ (h >> 15));
}

uint32_t wordtab_hash(const char *w, size_t len)
{
	uint64_t h = WORD_SEED;
	size_t i = 0;
	for (; i + 8 <= len; i += 8)
		h = word_step(h, load8(w + i));
	return word_end(h, load8(w + i), len);
}

uint32_t wordtab_id(wordtab *t, const char *w, uint32_t len, uint32_t h,
    arena *a)
{
	if ((t->n + 1) * 2 > t->nslot)
		rehash(t);
	/* The hash beside the number: most probes of another word end
	 * without reading its entry. */
	size_t k = h & (t->nslot - 1);
	uint64_t sl;
	while ((sl = t->slot[k]) != 0) {
		uint32_t id = (uint32_t)sl - 1;
		if ((uint32_t)(sl >> 32) == h && t->len[id] == len &&
		    same_word(t->w[id], w, len))
			return id;
		k = (k + 1) & (t->nslot - 1);
	}
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 4096;
		t->w = xrealloc(t->w, t->cap * sizeof *t->w);
		t->h = xrealloc(t->h, t->cap * sizeof *t->h);
		t->len = xrealloc(t->len, t->cap * sizeof *t->len);
	}
	if (a) {
		char *c = arena_alloc(a, WORD_PADDED(len));
		memcpy(c, w, WORD_PADDED(len));
		w = c;
	}
	t->w[t->n] = w;
	t->h[t->n] = h;
	t->len[t->n] = len;
	t->slot[k] = (uint64_t)h << 32 | ((uint32_t)t->n + 1);
	return (uint32_t)t->n++;
}

void wordtab_free(wordtab *t)
{
	free(t->slot);
	free(t->w);
	free(t->h);
	free(t->len);
	memset(t, 0, sizeof *t);
}

/* ------------------------------------------------------- the splitter */

/* Letters and digits, as /[\p{L}\p{N}]/u is in the page's JavaScript for
 * the scripts a Nordic site writes in. */
static int word_cp(unsigned c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9');
	if (c == 0xAA || c == 0xB5 || c == 0xBA)
		return 1;
	return c >= 0xC0 && c != 0xD7 && c != 0xF7 && c < 0x2B0;
}

void wordsplit_init(wordsplit *w)
{
	memset(w, 0, sizeof *w);
	w->a = arena_new();
	for (unsigned c = 0x80; c < 0x800; c++)
		w->lower2[c] = word_cp(c) ? (uint16_t)morph_lower_cp(c) : 0;
}

void wordsplit_free(wordsplit *w)
{
	arena_free(w->a);
	wordtab_free(&w->dict);
	free(w->last);
	free(w->cur);
}

void wordsplit_doc(wordsplit *w, uint32_t doc)
{
	w->doc = doc;
	w->n = 0;
}

/* ASCII letters and digits, by byte, lowercased; 0 for anything else. */
static const unsigned char ascii_low[256] = {
	['0'] = '0', ['1'] = '1', ['2'] = '2', ['3'] = '3', ['4'] = '4',
	['5'] = '5', ['6'] = '6', ['7'] = '7', ['8'] = '8', ['9'] = '9',
	['A'] = 'a', ['B'] = 'b', ['C'] = 'c', ['D'] = 'd', ['E'] = 'e',
	['F'] = 'f', ['G'] = 'g', ['H'] = 'h', ['I'] = 'i', ['J'] = 'j',
	['K'] = 'k', ['L'] = 'l', ['M'] = 'm', ['N'] = 'n', ['O'] = 'o',
	['P'] = 'p', ['Q'] = 'q', ['R'] = 'r', ['S'] = 's', ['T'] = 't',
	['U'] = 'u', ['V'] = 'v', ['W'] = 'w', ['X'] = 'x', ['Y'] = 'y',
	['Z'] = 'z',
	['a'] = 'a', ['b'] = 'b', ['c'] = 'c', ['d'] = 'd', ['e'] = 'e',
	['f'] = 'f', ['g'] = 'g', ['h'] = 'h', ['i'] = 'i', ['j'] = 'j',
	['k'] = 'k', ['l'] = 'l', ['m'] = 'm', ['n'] = 'n', ['o'] = 'o',
	['p'] = 'p', ['q'] = 'q', ['r'] = 'r', ['s'] = 's', ['t'] = 't',
	['u'] = 'u', ['v'] = 'v', ['w'] = 'w', ['x'] = 'x', ['y'] = 'y',
	['z'] = 'z',
};

/* Of the 8 bytes at s, how many at the start are ASCII letters and
 * digits; *x: the 8 bytes lowercased. The bytes are read as one number
 * with the first byte lowest: only on a little-endian machine. */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define EIGHT_AT_A_TIME 1
#else
#define EIGHT_AT_A_TIME 0
#endif
static size_t ascii_run(const unsigned char *s, uint64_t *x, uint64_t *m)
{
	const uint64_t ones = UINT64_C(0x0101010101010101),
	    high = UINT64_C(0x8080808080808080);
	uint64_t v;
	memcpy(&v, s, 8);
	/* Each byte below 0x80 here: no carry crosses into the next. */
	uint64_t y = v & ~high;
#define AT_LEAST(c) (y + ones * (0x80 - (c)))
#define IN(lo, hi) (AT_LEAST(lo) & ~AT_LEAST((hi) + 1))
	uint64_t upper = IN('A', 'Z');
	*m = (IN('0', '9') | upper | IN('a', 'z')) & ~v & high;
#undef IN
#undef AT_LEAST
	*x = v | (upper & high) >> 2;   /* 'A' + 0x20 = 'a' */
	uint64_t stop = ~*m & high;
	return stop ? (size_t)__builtin_ctzll(stop) / 8 : 8;
}

/* The character at s[i] (i < n) when it is a letter or digit beyond
 * ASCII: its lowercase, its length in *k; else 0, and *k says how far to
 * step. Only two-byte characters (below U+0800) can be letters here. */
static unsigned wide_letter(const wordsplit *w, const unsigned char *s,
    size_t i, size_t n, size_t *k)
{
	unsigned c = s[i];
	if (c >= 0xC2 && c <= 0xDF && i + 1 < n && (s[i + 1] & 0xC0) == 0x80) {
		*k = 2;
		return w->lower2[((c & 0x1F) << 6) | (s[i + 1] & 0x3F)];
	}
	unsigned cp;
	*k = utf8_next((const char *)s + i, n - i, &cp);
	return 0;
}

/* The word of ln bytes: its bytes up to the last 8 are in w->low, the
 * last 8 (zero-padded) are tail, and h is the hash of those before. */
static void add_word(wordsplit *w, size_t ln, uint64_t tail, uint64_t h,
    uint32_t mask)
{
	char *lw = w->low;
	if (ln > MORPH_MAX_WORD || ln < 2 || (ln == 2 &&
	    ((unsigned char)tail & 0xE0) == 0xC0))
		return;   /* one letter, or no word a reader types */
	memcpy(lw + (ln & ~(size_t)7), &tail, sizeof tail);
	uint32_t lid = wordtab_id(&w->dict, lw, (uint32_t)ln,
	    word_end(h, tail, ln), w->a);
	if (lid >= w->nlast) {
		size_t n = w->nlast ? w->nlast * 2 : 4096;
		/* The two side by side: one cache line for both. */
		w->last = xrealloc(w->last, 2 * n * sizeof *w->last);
		memset(w->last + 2 * w->nlast, 0, 2 * (n - w->nlast) *
		    sizeof *w->last);
		w->nlast = n;
	}
	uint32_t *lp = w->last + 2 * (size_t)lid;
	if (lp[0] == w->doc + 1) {
		w->cur[lp[1]] |= mask;
		return;
	}
	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 256;
		w->cur = xrealloc(w->cur, w->cap * sizeof *w->cur);
	}
	lp[0] = w->doc + 1;
	lp[1] = (uint32_t)w->n;
	w->cur[w->n++] = (lid << SEARCH_MASK_BITS) | mask;
}

/* Appends byte b to the word of *nl bytes: gathered 8 at a time in *acc,
 * which is then hashed and stored whole (a whole store is read back the
 * fastest). */
#define PUT_BYTE(b) do { \
		acc |= (uint64_t)(b) << (8 * (nl & 7)); \
		if ((++nl & 7) == 0) { \
			memcpy(low + nl - 8, &acc, 8); \
			h = word_step(h, acc); \
			acc = 0; \
		} \
	} while (0)

void wordsplit_text(wordsplit *w, const char *str, size_t n, int html,
    uint32_t mask)
{
	const unsigned char *s = (const unsigned char *)str;
	char *low = w->low;
	uint32_t cur = mask;
	size_t i = 0;
	while (i < n) {
		unsigned c = s[i];
		size_t k = 1;
		unsigned lc = 0;
		if (c >= 0x80) {
			lc = wide_letter(w, s, i, n, &k);
			if (!lc) {
				i += k;
				continue;
			}
		} else if (!ascii_low[c]) {
			if (html && c == '<') {
				const char *gt = memchr(s + i, '>', n - i);
				size_t end = gt ? (size_t)(gt - str) + 1 : n;
				int close = i + 1 < n && s[i + 1] == '/';
				size_t t = i + 1 + (size_t)close;
				if (t + 1 < n && (s[t] == 'h' || s[t] == 'H') &&
				    s[t + 1] >= '1' && s[t + 1] <= '6')
					cur = close ? mask : SEARCH_HEADING;
				i = end;
			} else if (html && c == '&') {
				/* cmark writes &amp; &lt; &gt; &quot; */
				const char *semi = memchr(s + i, ';',
				    n - i < 12 ? n - i : 12);
				i = semi ? (size_t)(semi - str) + 1 : i + 1;
			} else {
				i++;
			}
			continue;
		}
		/* A word: ASCII without a call, two-byte letters by table. A
		 * word past MORPH_MAX_WORD stops growing, and is dropped. */
		size_t nl = 0;
		uint64_t acc = 0, h = WORD_SEED;
		for (;;) {
			if (lc) {
				if (nl <= MORPH_MAX_WORD) {
					PUT_BYTE(0xC0 | (lc >> 6));
					PUT_BYTE(0x80 | (lc & 0x3F));
				}
				i += k;
			}
			for (;;) {
				if (EIGHT_AT_A_TIME && (nl & 7) == 0 &&
				    nl + 8 <= MORPH_MAX_WORD && i + 8 <= n) {
					/* Eight bytes at a time. */
					uint64_t x, m;
					size_t k8 = ascii_run(s + i, &x, &m);
					if (k8 == 8) {
						memcpy(low + nl, &x, 8);
						h = word_step(h, x);
						nl += 8;
						i += 8;
						continue;
					}
					acc = x & ((UINT64_C(1) << (8 * k8)) - 1);
					nl += k8;
					i += k8;
					break;
				}
				unsigned char a;
				if (i == n || !(a = ascii_low[s[i]]))
					break;
				if (nl <= MORPH_MAX_WORD)
					PUT_BYTE(a);
				i++;
			}
			if (i == n || s[i] < 0x80)
				break;
			lc = wide_letter(w, s, i, n, &k);
			if (!lc)
				break;
		}
		add_word(w, nl, acc, h, cur);
	}
}
