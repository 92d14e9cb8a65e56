/* utf8: validation of text before anything else reads it. Pure. */
#ifndef SAITTI_UTF8_H
#define SAITTI_UTF8_H

#include <stddef.h>

/* Returns 1 when s[0..len) is well-formed UTF-8 (no overlongs, no
 * surrogates, nothing above U+10FFFF). Otherwise 0, and *bad gets the
 * offset of the first bad byte: the first byte of the ill-formed (or
 * truncated) sequence. bad may be NULL. */
int utf8_valid(const char *s, size_t len, size_t *bad);

#ifdef __SSE2__
#include <emmintrin.h>

/* One bit a byte of v, the 16 bytes at u (u[16] must be readable too):
 * the bytes that lead a two-byte character from U+00C0 (ä, ö: a lead
 * byte from 0xC3 to 0xDF, -61..-33 signed) followed by a continuation
 * byte (-128..-65). The fast paths of utf8_html_span, escape_json and
 * the word count let such pairs through. */
static inline unsigned utf8_sse2_pairs(const unsigned char *u, __m128i v)
{
	__m128i next = _mm_loadu_si128((const __m128i *)(const void *)
	    (u + 1));
	__m128i lead = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(-62)),
	    _mm_cmplt_epi8(v, _mm_set1_epi8(-32)));
	return (unsigned)_mm_movemask_epi8(_mm_and_si128(lead,
	    _mm_cmplt_epi8(next, _mm_set1_epi8(-64))));
}

/* The end of a fast path's block v at u + *i: bad holds the bytes below
 * 0x80 it stops at, high the bytes from 0x80, which it stops at too
 * unless in a pair. 1 with *i at the first byte it stops at; else 0 with
 * *i past the block (and past a pair that crosses its end). */
static inline int utf8_sse2_stop(const unsigned char *u, size_t *i,
    __m128i v, unsigned high, unsigned bad)
{
	unsigned pair = high ? utf8_sse2_pairs(u + *i, v) : 0;
	bad |= high & ~(pair | pair << 1);
	if (bad) {
		*i += (size_t)__builtin_ctz(bad);
		return 1;
	}
	*i += 16 + (pair >> 15);   /* past a pair's second byte */
	return 0;
}
#endif

/* Line and column (1-based, column counted in characters) of a byte
 * offset. */
void utf8_position(const char *s, size_t len, size_t off, int *line,
    int *col);

/* 1 when the code point is allowed in XML 1.0 text (tab, LF, CR, and
 * U+0020 and above except surrogates and U+FFFE/U+FFFF). */
int utf8_xml_char(unsigned cp);

/* 1 when the code point may appear in HTML text: not a control
 * character other than tab, LF, FF and CR (C0, DEL, C1), not a
 * surrogate, not a noncharacter (U+FDD0–U+FDEF, U+xFFFE, U+xFFFF). */
int utf8_html_char(unsigned cp);

/* What utf8_html_span lets through: what HTML allows (well-formed
 * characters utf8_html_char allows); that without & < > " ' (which text
 * must escape); what a feed's CDATA section holds as it is (the first
 * without form feed and >, and with DEL); or what XML text holds as it
 * is (the second without form feed). */
enum { UTF8_SPAN_HTML, UTF8_SPAN_TEXT, UTF8_SPAN_CDATA, UTF8_SPAN_XML };

/* The length of the longest start of s[0..len) that mode lets through;
 * it stops before an ill-formed byte. For the escapers' and checkers'
 * fast path: what follows is taken a character at a time. */
size_t utf8_html_span(const char *s, size_t len, int mode);

/* The length of the run of ASCII from '!' to DEL (no space, no control
 * character, nothing from 0x80) at the start of s[0..len): the inside of
 * a word, for counters that skip it. */
size_t utf8_graph_span(const char *s, size_t len);

/* How many characters s[0..len) holds: the bytes that are not UTF-8
 * continuation bytes. */
size_t utf8_count(const char *s, size_t len);

/* The offset of the first character of s[0..len) that utf8_html_char
 * refuses, or len when there is none. */
size_t utf8_html_bad(const char *s, size_t len);

/* Removes, in place, every character of s[0..len) that utf8_html_char
 * refuses; returns the new length (the text is NUL-terminated there when
 * it was shortened). */
size_t utf8_html_strip(char *s, size_t len);

/* Decodes one character at s (which must be valid UTF-8); returns its
 * length in bytes. Should s not be valid after all, it reads no further
 * than a NUL and gives U+FFFD for one byte. */
size_t utf8_decode(const char *s, unsigned *cp);

/* Decodes one character of s[0..len), which may be ill-formed: returns
 * its length (1 with *cp = U+FFFD for a bad byte, 0 when len is 0). */
size_t utf8_next(const char *s, size_t len, unsigned *cp);

#endif
