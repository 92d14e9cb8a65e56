#include "wordcount.h"

#include "utf8.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* 1: a space, 0: neither, -1: part of a word. Only UTF-8 lead bytes and
 * ASCII decide; continuation bytes are neither. */
static int char_class(const unsigned char *s, size_t i, size_t n)
{
	unsigned char c = s[i];
	unsigned char c1 = i + 1 < n ? s[i + 1] : 0;
	unsigned char c2 = i + 2 < n ? s[i + 2] : 0;
	if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == '\v')
		return 1;
	if (c < 0x80)
		return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ||
		    (c >= '0' && c <= '9') ? -1 : 0;
	if (c < 0xC0)
		return 0;
	if (c == 0xC2 && c1 == 0xA0) /* no-break space */
		return 1;
	if (c == 0xC2 && c1 >= 0xA1 && c1 <= 0xBF) /* Latin-1 punctuation */
		return 0;
	if (c == 0xE2 && c1 == 0x80 && (c2 <= 0x8B || c2 == 0xAF))
		return 1; /* U+2000–U+200B, U+202F */
	if (c == 0xE2 && c1 == 0x81 && c2 == 0x9F) /* U+205F */
		return 1;
	if (c == 0xE3 && c1 == 0x80 && c2 == 0x80) /* U+3000 */
		return 1;
	if (c == 0xE2 && (c1 == 0x80 || c1 == 0x81)) /* general punctuation */
		return 0;
	return -1;
}

/* char_class of ASCII, by table: most text is ASCII. */
#define ASCII_CLASS(c) ((c) == ' ' || (c) == '\t' || (c) == '\n' || \
	(c) == '\r' || (c) == '\f' || (c) == '\v' ? 1 : \
	(((c) | 0x20) >= 'a' && ((c) | 0x20) <= 'z') || \
	((c) >= '0' && (c) <= '9') ? -1 : 0)
#define AC4(c) ASCII_CLASS(c), ASCII_CLASS((c) + 1), ASCII_CLASS((c) + 2), \
	ASCII_CLASS((c) + 3)
#define AC16(c) AC4(c), AC4((c) + 4), AC4((c) + 8), AC4((c) + 12)
static const signed char ascii_class[128] = {
	AC16(0), AC16(16), AC16(32), AC16(48), AC16(64), AC16(80), AC16(96),
	AC16(112)
};

/* A character at a time from s[i], until at least s[end]: the words
 * that start there are added to *words. Returns where it stopped. */
static size_t by_char(const unsigned char *u, size_t n, size_t i,
    size_t end, int *inp, size_t *words)
{
	int in = *inp;
	size_t w = *words;
	for (; i < end; i++) {
		/* Inside a word, what does not end it changes nothing: ASCII
		 * other than spaces and controls, skipped a run at a time,
		 * and letters from U+00C0 to U+07FF (ä, ö), two bytes. */
		while (in) {
			i += utf8_graph_span((const char *)u + i, n - i);
			if (i + 1 < n && u[i] >= 0xC3 && u[i] <= 0xDF &&
			    (u[i + 1] & 0xC0) == 0x80)
				i += 2;
			else
				break;
		}
		if (i >= n)
			break;
		int k = u[i] < 0x80 ? ascii_class[u[i]] : char_class(u, i, n);
		if (k > 0) {
			in = 0;
		} else if (k < 0 && !in) {
			in = 1;
			w++;
		}
	}
	*inp = in;
	*words = w;
	return i < n ? i : n;
}

#ifdef __SSE2__
static unsigned bits16(unsigned v)
{
	v = v - ((v >> 1) & 0x5555);
	v = (v & 0x3333) + ((v >> 2) & 0x3333);
	v = (v + (v >> 4)) & 0x0F0F;
	return (v + (v >> 8)) & 0x1F;
}
#endif

size_t wordcount(const char *s, size_t n, int *in)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t words = 0, i = 0;
#ifdef __SSE2__
	/* Sixteen bytes at a time while they are ASCII letters, digits and
	 * spaces, two-byte letters (ä, ö: a lead byte from 0xC3 to 0xDF and
	 * a continuation byte), and punctuation inside a word: then a word
	 * starts at each letter after a space, and the block is counted
	 * with a few masks. A block with anything else (other characters
	 * from 0x80, punctuation that begins a run, which may be a run
	 * without a letter) is counted a character at a time. */
	const __m128i space = _mm_set1_epi8(' '), ctl_lo = _mm_set1_epi8(8),
	    ctl_hi = _mm_set1_epi8(14), case_bit = _mm_set1_epi8(0x20),
	    a_lo = _mm_set1_epi8('a' - 1), z_hi = _mm_set1_epi8('z' + 1),
	    d_lo = _mm_set1_epi8('0' - 1), d_hi = _mm_set1_epi8('9' + 1);
	while (n - i >= 17) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)
		    (u + i));
		unsigned high = (unsigned)_mm_movemask_epi8(v), pair = 0;
		if (high) {
			pair = utf8_sse2_pairs(u + i, v);
			if (high & ~(pair | pair << 1)) {
				i = by_char(u, n, i, i + 16, in, &words);
				continue;
			}
		}
		unsigned sp = (unsigned)_mm_movemask_epi8(_mm_or_si128(
		    _mm_cmpeq_epi8(v, space), _mm_and_si128(
		    _mm_cmpgt_epi8(v, ctl_lo), _mm_cmplt_epi8(v, ctl_hi))));
		__m128i low = _mm_or_si128(v, case_bit);
		unsigned letter = (unsigned)_mm_movemask_epi8(_mm_or_si128(
		    _mm_and_si128(_mm_cmpgt_epi8(low, a_lo),
		    _mm_cmplt_epi8(low, z_hi)), _mm_and_si128(
		    _mm_cmpgt_epi8(v, d_lo), _mm_cmplt_epi8(v, d_hi)))) |
		    ((pair | pair << 1) & 0xFFFF);
		/* Where a run may start: after a space, or at the block's
		 * start when the text before is not inside a word. */
		unsigned start = ((sp << 1) | (*in ? 0u : 1u)) & 0xFFFF;
		unsigned neither = ~(sp | letter) & 0xFFFF;
		if (neither & start) {
			i = by_char(u, n, i, i + 16, in, &words);
			continue;
		}
		words += bits16(letter & start);
		/* The last byte: a space, or inside a run with a letter. */
		*in = !(sp >> 15);
		i += 16 + (pair >> 15);   /* past a pair's second byte */
	}
#endif
	by_char(u, n, i, n, in, &words);
	return words;
}
