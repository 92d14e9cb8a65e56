#include "utf8.h"

#include <stdint.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* The length of a well-formed sequence starting at s[0..len), or 0 when
 * the bytes there are not one (overlong, surrogate, above U+10FFFF,
 * truncated, a stray continuation byte). Ranges from Unicode's table of
 * well-formed byte sequences (The Unicode Standard, ch. 3, table 3-7). */
static size_t seq_len(const unsigned char *s, size_t len, unsigned *cp)
{
	unsigned c = s[0];
	size_t n;
	unsigned lo = 0x80, hi = 0xBF;
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
		*cp = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		*cp = c & 0x0F;
		if (c == 0xE0)
			lo = 0xA0;      /* overlong below U+0800 */
		else if (c == 0xED)
			hi = 0x9F;      /* surrogates U+D800..U+DFFF */
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		*cp = c & 0x07;
		if (c == 0xF0)
			lo = 0x90;      /* overlong below U+10000 */
		else if (c == 0xF4)
			hi = 0x8F;      /* above U+10FFFF */
	} else {
		return 0;               /* C0, C1, F5..FF, continuation */
	}
	if (len < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		unsigned b = s[i];
		if (b < lo || b > hi)
			return 0;
		lo = 0x80;
		hi = 0xBF;
		*cp = (*cp << 6) | (b & 0x3F);
	}
	return n;
}

#ifdef __SSE2__
/* How far s[0..len) is well-formed, sixteen bytes at a time (SSE2, on
 * every x86-64): a block passes whole when it is ASCII, or when each of
 * its bytes from 0x80 is in a pair of a lead byte from 0xC2 to 0xDF (a
 * well-formed two-byte character: ä, ö, «) and a continuation byte.
 * Stops before the first byte that is neither (left to seq_len). */
static size_t valid_sse2(const unsigned char *u, size_t len)
{
	const __m128i lead_lo = _mm_set1_epi8(-63), lead_hi = _mm_set1_epi8(-32),
	    cont_hi = _mm_set1_epi8(-64);
	size_t i = 0;
	while (len - i >= 17) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)
		    (u + i));
		unsigned high = (unsigned)_mm_movemask_epi8(v);
		if (!high) {
			i += 16;
			continue;
		}
		__m128i next = _mm_loadu_si128((const __m128i *)(const void *)
		    (u + i + 1));
		/* 0xC2..0xDF as signed bytes: -62..-33. */
		__m128i lead = _mm_and_si128(_mm_cmpgt_epi8(v, lead_lo),
		    _mm_cmplt_epi8(v, lead_hi));
		unsigned pair = (unsigned)_mm_movemask_epi8(_mm_and_si128(lead,
		    _mm_cmplt_epi8(next, cont_hi)));
		unsigned bad = high & ~(pair | pair << 1);
		if (bad)
			return i + (size_t)__builtin_ctz(bad);
		i += 16 + (pair >> 15);   /* past a pair's second byte */
	}
	return i;
}
#endif

int utf8_valid(const char *s, size_t len, size_t *bad)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	while (i < len) {
		unsigned cp;
#ifdef __SSE2__
		i += valid_sse2(u + i, len - i);
		if (i == len)
			break;
#endif
		/* Finnish text is mostly ASCII: eight bytes at a time. */
		uint64_t w;
		if (len - i >= 8 && (memcpy(&w, u + i, 8),
		    !(w & 0x8080808080808080ULL))) {
			i += 8;
			continue;
		}
		if (u[i] < 0x80) {
			i++;
			continue;
		}
		/* ä, ö: a lead byte from 0xC2 and one continuation byte */
		if (u[i] >= 0xC2 && u[i] <= 0xDF && len - i >= 2 &&
		    (u[i + 1] & 0xC0) == 0x80) {
			i += 2;
			continue;
		}
		size_t n = seq_len(u + i, len - i, &cp);
		if (n == 0) {
			if (bad)
				*bad = i;
			return 0;
		}
		i += n;
	}
	return 1;
}

void utf8_position(const char *s, size_t len, size_t off, int *line,
    int *col)
{
	int l = 1, c = 1;
	if (off > len)
		off = len;
	for (size_t i = 0; i < off; i++) {
		unsigned char b = (unsigned char)s[i];
		if (b == '\n') {
			l++;
			c = 1;
		} else if ((b & 0xC0) != 0x80) {
			c++;    /* continuation bytes add no column */
		}
	}
	*line = l;
	*col = c;
}

int utf8_xml_char(unsigned cp)
{
	if (cp == 0x9 || cp == 0xA || cp == 0xD)
		return 1;
	if (cp < 0x20)
		return 0;
	if (cp >= 0xD800 && cp <= 0xDFFF)
		return 0;
	if (cp == 0xFFFE || cp == 0xFFFF)
		return 0;
	return cp <= 0x10FFFF;
}

int utf8_html_char(unsigned cp)
{
	if (cp == 0x9 || cp == 0xA || cp == 0xC || cp == 0xD)
		return 1;
	if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
		return 0;
	if (cp >= 0xD800 && cp <= 0xDFFF)
		return 0;
	if ((cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE)
		return 0;
	return cp <= 0x10FFFF;
}

/* What each byte is to utf8_html_span: HTML_OK for an ASCII character
 * HTML allows as it is (printable, tab, LF, FF, CR), HTML_TEXT when it
 * needs no escaping either (not & < > " '), CDATA_OK for one that a
 * feed's CDATA section holds as it is (XML's: no FF, and not the > that
 * may end "]]>"; DEL, which HTML does not allow, is kept there), and
 * XML_TEXT for one XML text holds as it is (HTML_TEXT without FF). Bytes
 * from 0x80 are 0: a sequence is decoded. */
enum { HTML_OK = 1, HTML_TEXT = 2, CDATA_OK = 4, XML_TEXT = 8 };
#define HTML_CLASS(c) (((c) >= 0x80 || (c) == 0x7F || ((c) < 0x20 && \
	(c) != '\t' && (c) != '\n' && (c) != '\f' && (c) != '\r') ? 0 : \
	(c) == '&' || (c) == '<' || (c) == '>' || (c) == '"' || \
	(c) == '\'' ? HTML_OK : HTML_OK | HTML_TEXT) | \
	(((c) >= 0x20 && (c) < 0x80 && (c) != '>') || (c) == '\t' || \
	(c) == '\n' || (c) == '\r' ? CDATA_OK : 0) | \
	((((c) >= 0x20 && (c) < 0x7F) || (c) == '\t' || (c) == '\n' || \
	(c) == '\r') && (c) != '&' && (c) != '<' && (c) != '>' && \
	(c) != '"' && (c) != '\'' ? XML_TEXT : 0))
#define HC4(c) HTML_CLASS(c), HTML_CLASS((c) + 1), HTML_CLASS((c) + 2), \
	HTML_CLASS((c) + 3)
#define HC16(c) HC4(c), HC4((c) + 4), HC4((c) + 8), HC4((c) + 12)
#define HC64(c) HC16(c), HC16((c) + 16), HC16((c) + 32), HC16((c) + 48)
static const unsigned char html_class[256] = {
	HC64(0), HC64(64), HC64(128), HC64(192)
};

/* Word-at-a-time tests (the bit tricks from "Bit Twiddling Hacks"):
 * whether any byte of w is below n (n <= 128), or equal to c. */
#define ONES 0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL
static inline uint64_t any_below(uint64_t w, unsigned n)
{
	return (w - ONES * n) & ~w & HIGHS;
}

static inline uint64_t any_equal(uint64_t w, unsigned c)
{
	return any_below(w ^ (ONES * c), 1);
}

/* The byte order in which the first byte of a word read with memcpy is
 * its lowest: where the first flagged byte is found by counting zeros. */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define FIRST_FLAGGED(m) ((size_t)__builtin_ctzll(m) / 8)
#else
#define FIRST_FLAGGED(m) ((size_t)0)
#endif

#ifdef __SSE2__
/* Sixteen bytes at a time with SSE2 (every x86-64 has it): a page's
 * text is ASCII with an ä or ö every few words, so a block is passed
 * whole when each of its bytes from 0x80 is in a pair of a lead byte
 * from 0xC3 to 0xDF (U+00C0 to U+07FF, all allowed everywhere) and a
 * continuation byte. What stops a block (anything else from 0x80, a
 * control, what the mode escapes) is left to the byte-wise code below,
 * from the first such byte. Reads s[0..len) only; returns how far all
 * is allowed. */
static size_t span_sse2(const unsigned char *u, size_t len, int mode)
{
	int text = mode == UTF8_SPAN_TEXT || mode == UTF8_SPAN_XML;
	int cdata = mode == UTF8_SPAN_CDATA;
	/* Compared as signed bytes: every byte from 0x80 is below 0x20. */
	const __m128i sp = _mm_set1_epi8(0x20);
	const __m128i tab = _mm_set1_epi8('\t'), lf = _mm_set1_epi8('\n'),
	    cr = _mm_set1_epi8('\r');
	const __m128i ff = _mm_set1_epi8(mode == UTF8_SPAN_HTML ||
	    mode == UTF8_SPAN_TEXT ? '\f' : '\n');
	/* DEL, which CDATA keeps: there it is a control stopped anyway. */
	const __m128i del = _mm_set1_epi8(cdata ? 0x01 : 0x7F);
	const __m128i amp = _mm_set1_epi8('&'), lt = _mm_set1_epi8('<'),
	    gt = _mm_set1_epi8('>'), quot = _mm_set1_epi8('"'),
	    apos = _mm_set1_epi8('\'');
	size_t i = 0;
	/* 17 bytes: the 17th tells whether the 16th starts a pair. */
	while (len - i >= 17) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)
		    (u + i));
		/* First what most blocks are: printable ASCII the mode keeps,
		 * told in a few instructions. */
		__m128i odd = _mm_or_si128(_mm_cmplt_epi8(v, sp),
		    _mm_cmpeq_epi8(v, del));
		if (text)
			odd = _mm_or_si128(odd, _mm_or_si128(
			    _mm_or_si128(_mm_cmpeq_epi8(v, amp),
			    _mm_cmpeq_epi8(v, lt)), _mm_or_si128(
			    _mm_or_si128(_mm_cmpeq_epi8(v, gt),
			    _mm_cmpeq_epi8(v, quot)), _mm_cmpeq_epi8(v, apos))));
		else if (cdata)
			odd = _mm_or_si128(odd, _mm_cmpeq_epi8(v, gt));
		unsigned bad = (unsigned)_mm_movemask_epi8(odd);
		if (!bad) {
			i += 16;
			continue;
		}
		unsigned high = (unsigned)_mm_movemask_epi8(v);
		/* Below 0x20 (not from 0x80), or what the mode stops at: bad
		 * unless a tab or a line end the mode keeps. */
		bad &= ~high;
		if (bad) {
			__m128i ok = _mm_or_si128(_mm_or_si128(
			    _mm_cmpeq_epi8(v, tab), _mm_cmpeq_epi8(v, lf)),
			    _mm_or_si128(_mm_cmpeq_epi8(v, cr),
			    _mm_cmpeq_epi8(v, ff)));
			bad &= ~(unsigned)_mm_movemask_epi8(ok);
		}
		if (utf8_sse2_stop(u, &i, v, high, bad))
			return i;
	}
	return i;
}
#endif

size_t utf8_html_span(const char *s, size_t len, int mode)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned want = mode == UTF8_SPAN_TEXT ? HTML_TEXT :
	    mode == UTF8_SPAN_CDATA ? CDATA_OK : mode == UTF8_SPAN_XML ?
	    XML_TEXT : HTML_OK;
	size_t i = 0;
	for (;;) {
#ifdef __SSE2__
		i += span_sse2(u + i, len - i, mode);
#endif
		if (mode == UTF8_SPAN_TEXT || mode == UTF8_SPAN_XML) {
			while (i < len && (html_class[u[i]] & want))
				i++;
		} else {
			/* Most of a page is ASCII without control
			 * characters: eight bytes at a time while no byte
			 * is from 0x80, below 0x20 or DEL (or > in CDATA),
			 * then straight to the first that is (the lowest
			 * flag is exact: a borrow only runs upwards). */
			while (len - i >= 8) {
				uint64_t w;
				memcpy(&w, u + i, 8);
				uint64_t m = (w & HIGHS) | any_below(w, 0x20) |
				    any_equal(w, 0x7F);
				if (mode == UTF8_SPAN_CDATA)
					m |= any_equal(w, '>');
				if (m) {
					i += FIRST_FLAGGED(m);
					break;
				}
				i += 8;
			}
		}
		if (i == len)
			return i;
		unsigned c = u[i];
		if (html_class[c] & want) {
			i++;    /* tab, a line end, or near the end */
			continue;
		}
		if (c < 0x80)
			return i;
		unsigned cp;
		size_t k;
		/* ä, ö and the rest of Latin-1 from U+00C0; U+1000 to
		 * U+CFFF (dashes, quotes, the euro), where HTML allows
		 * every character. */
		if (c >= 0xC3 && c <= 0xDF && len - i >= 2 &&
		    (u[i + 1] & 0xC0) == 0x80)
			k = 2;
		else if (c >= 0xE1 && c <= 0xEC && len - i >= 3 &&
		    (u[i + 1] & 0xC0) == 0x80 && (u[i + 2] & 0xC0) == 0x80)
			k = 3;
		else if (!(k = seq_len(u + i, len - i, &cp)) ||
		    !utf8_html_char(cp))
			return i;
		i += k;
	}
}

size_t utf8_graph_span(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	while (len - i >= 8) {
		uint64_t w;
		memcpy(&w, u + i, 8);
		uint64_t m = (w & HIGHS) | any_below(w, 0x21);
		if (m) {
			i += FIRST_FLAGGED(m);
			break;
		}
		i += 8;
	}
	while (i < len && u[i] > 0x20 && u[i] < 0x80)
		i++;
	return i;
}

size_t utf8_count(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, n = 0;
	/* Eight bytes at a time: a continuation byte is 10xxxxxx, its top
	 * bit set and the next one (shifted up into its place) clear. */
	for (; len - i >= 8; i += 8) {
		uint64_t w;
		memcpy(&w, u + i, 8);
		n += 8 - (size_t)__builtin_popcountll(w & ~(w << 1) & HIGHS);
	}
	for (; i < len; i++)
		n += (u[i] & 0xC0) != 0x80;
	return n;
}

size_t utf8_html_bad(const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		/* What HTML allows, a run at a time. */
		i += utf8_html_span(s + i, len - i, UTF8_SPAN_HTML);
		if (i == len)
			break;
		unsigned cp;
		size_t k = utf8_next(s + i, len - i, &cp);
		if (!utf8_html_char(cp))
			return i;
		i += k;
	}
	return len;
}

size_t utf8_html_strip(char *s, size_t len)
{
	size_t i = utf8_html_bad(s, len), o = i;
	while (i < len) {
		unsigned cp;
		size_t k = utf8_next(s + i, len - i, &cp);
		if (utf8_html_char(cp)) {
			memmove(s + o, s + i, k);
			o += k;
		}
		i += k;
	}
	if (o < len)
		s[o] = '\0';
	return o;
}

size_t utf8_decode(const char *s, unsigned *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n;
	if (u[0] < 0x80)
		n = 1;
	else if (u[0] >= 0xC2 && u[0] <= 0xDF)
		n = 2;
	else if (u[0] >= 0xE0 && u[0] <= 0xEF)
		n = 3;
	else if (u[0] >= 0xF0 && u[0] <= 0xF4)
		n = 4;
	else
		n = 1;  /* not a lead byte: only one byte is safe to read */
	/* Reads at most up to the first NUL, so a caller's mistake costs a
	 * U+FFFD, not a read past the string. */
	for (size_t i = 1; i < n; i++)
		if (u[i] == '\0') {
			n = i;
			break;
		}
	return utf8_next(s, n, cp);
}

size_t utf8_next(const char *s, size_t len, unsigned *cp)
{
	if (len == 0) {
		*cp = 0;
		return 0;
	}
	size_t n = seq_len((const unsigned char *)s, len, cp);
	if (n == 0) {
		*cp = 0xFFFD;
		return 1;
	}
	return n;
}
