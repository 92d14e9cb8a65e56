#include "escape.h"

#include <stdio.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "../parse/utf8.h"

/* Appends s[0..n), each character in rep's way: rep returns its
 * replacement or NULL to keep it; characters HTML forbids are dropped.
 * Most text is runs that stay as they are (utf8_html_span), skipped a run
 * at a time. */
static void html_filter(buf *out, const char *s, size_t n, int escape)
{
	size_t i = 0, start = 0;
	buf_grow(out, n);
	while (i < n) {
		i += utf8_html_span(s + i, n - i, escape ? UTF8_SPAN_TEXT :
		    UTF8_SPAN_HTML);
		if (i == n)
			break;
		unsigned char c = (unsigned char)s[i];
		const char *rep = NULL;
		size_t len = 1;
		int drop = 0;
		if (c < 0x80) {
			switch (escape ? c : 0x20) {
			case '&': rep = "&amp;"; break;
			case '<': rep = "&lt;"; break;
			case '>': rep = "&gt;"; break;
			case '"': rep = "&quot;"; break;
			case '\'': rep = "&#39;"; break;
			default: drop = !utf8_html_char(c); break;
			}
		} else {
			unsigned cp;
			len = utf8_next(s + i, n - i, &cp);
			drop = !utf8_html_char(cp);
		}
		if (rep || drop) {
			buf_put(out, s + start, i - start);
			if (rep)
				buf_puts(out, rep);
			start = i + len;
		}
		i += len;
	}
	buf_put(out, s + start, n - start);
}

void escape_html(buf *out, const char *s, size_t n)
{
	html_filter(out, s, n, 1);
}

void escape_html_raw(buf *out, const char *s, size_t n)
{
	html_filter(out, s, n, 0);
}

void escape_xml(buf *out, const char *s, size_t n)
{
	size_t i = 0, start = 0;
	buf_grow(out, n);
	while (i < n) {
		i += utf8_html_span(s + i, n - i, UTF8_SPAN_XML);
		if (i == n)
			break;
		unsigned char c = (unsigned char)s[i];
		const char *rep = NULL;
		size_t len = 1;
		int drop = 0;
		if (c < 0x80) {
			switch (c) {
			case '&': rep = "&amp;"; break;
			case '<': rep = "&lt;"; break;
			case '>': rep = "&gt;"; break;
			case '"': rep = "&quot;"; break;
			case '\'': rep = "&apos;"; break;
			default: drop = !utf8_xml_char(c) ||
			    !utf8_html_char(c); break;
			}
		} else {
			/* Also what HTML forbids (DEL, C1 controls,
			 * noncharacters), which XML only discourages: a
			 * feed's text is often HTML too. */
			unsigned cp;
			len = utf8_decode(s + i, &cp);
			drop = !utf8_xml_char(cp) || !utf8_html_char(cp);
		}
		if (rep || drop) {
			buf_put(out, s + start, i - start);
			if (rep)
				buf_puts(out, rep);
			start = i + len;
		}
		i += len;
	}
	buf_put(out, s + start, n - start);
}

/* The code point at s[i], its length in *len. */
static unsigned cp_at(const char *s, size_t i, size_t n, size_t *len)
{
	unsigned cp;
	*len = utf8_next(s + i, n - i, &cp);
	return cp;
}

/* ASCII that JSON inside <script> keeps as it is: printable, but not
 * " \ < > &. */
#define JSON_PLAIN(c) ((c) >= 0x20 && (c) < 0x7F && (c) != '"' && \
	(c) != '\\' && (c) != '<' && (c) != '>' && (c) != '&')
#define JP4(c) JSON_PLAIN(c), JSON_PLAIN((c) + 1), JSON_PLAIN((c) + 2), \
	JSON_PLAIN((c) + 3)
#define JP16(c) JP4(c), JP4((c) + 4), JP4((c) + 8), JP4((c) + 12)
static const unsigned char json_plain[128] = {
	JP16(0), JP16(16), JP16(32), JP16(48), JP16(64), JP16(80), JP16(96),
	JP16(112)
};

#ifdef __SSE2__
/* How many bytes from s[0..len) JSON keeps as they are, sixteen at a
 * time (SSE2, on every x86-64): printable ASCII but " \\ < > &, and the
 * two-byte characters from U+00C0 (a lead byte from 0xC3 to 0xDF and a
 * continuation byte). Stops before anything else, for the loop below. */
static size_t json_plain_sse2(const unsigned char *u, size_t len)
{
	const __m128i sp = _mm_set1_epi8(0x20), del = _mm_set1_epi8(0x7F),
	    quot = _mm_set1_epi8('"'), bsl = _mm_set1_epi8('\\'),
	    lt = _mm_set1_epi8('<'), gt = _mm_set1_epi8('>'),
	    amp = _mm_set1_epi8('&');
	size_t i = 0;
	while (len - i >= 17) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)
		    (u + i));
		/* Below 0x20 as signed bytes: controls and bytes from 0x80. */
		__m128i odd = _mm_or_si128(_mm_or_si128(_mm_cmplt_epi8(v, sp),
		    _mm_cmpeq_epi8(v, del)), _mm_or_si128(_mm_or_si128(
		    _mm_cmpeq_epi8(v, quot), _mm_cmpeq_epi8(v, bsl)),
		    _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, lt),
		    _mm_cmpeq_epi8(v, gt)), _mm_cmpeq_epi8(v, amp))));
		unsigned bad = (unsigned)_mm_movemask_epi8(odd);
		if (!bad) {
			i += 16;
			continue;
		}
		unsigned high = (unsigned)_mm_movemask_epi8(v);
		if (utf8_sse2_stop(u, &i, v, high, bad & ~high))
			return i;
	}
	return i;
}
#endif

void escape_json(buf *out, const char *s, size_t n)
{
	size_t start = 0;
	buf_grow(out, n);
	for (size_t i = 0; i < n; i++) {
#ifdef __SSE2__
		if (n - i >= 17) {
			i += json_plain_sse2((const unsigned char *)s + i, n - i);
			if (i == n)
				break;
		}
#endif
		unsigned char c = (unsigned char)s[i];
		/* Most characters stay: printable ASCII by table, and two-byte
		 * ones from U+00A0 (ä, ö), which are neither C1 controls nor
		 * noncharacters. */
		if (c < 0x80 ? json_plain[c] : c >= 0xC2 && c <= 0xDF &&
		    i + 1 < n && ((unsigned char)s[i + 1] & 0xC0) == 0x80 &&
		    (c > 0xC2 || (unsigned char)s[i + 1] >= 0xA0)) {
			i += c >= 0x80;
			continue;
		}
		char tmp[8];
		const char *rep = NULL;
		size_t skip = 1;
		unsigned cp;
		if (c == '"')
			rep = "\\\"";
		else if (c == '\\')
			rep = "\\\\";
		else if (c == '\n')
			rep = "\\n";
		else if (c == '\r')
			rep = "\\r";
		else if (c == '\t')
			rep = "\\t";
		else if (c < 0x20 || c == 0x7F || c == '<' || c == '>' ||
		    c == '&') {
			snprintf(tmp, sizeof tmp, "\\u%04x", c);
			rep = tmp;
		} else if (c >= 0x80 && !utf8_html_char(cp = cp_at(s, i, n,
		    &skip))) {
			/* A C1 control or a noncharacter must not reach the
			 * page raw; one above U+FFFF is dropped. */
			if (cp <= 0xFFFF)
				snprintf(tmp, sizeof tmp, "\\u%04x", cp);
			else
				tmp[0] = '\0';
			rep = tmp;
		} else if (c == 0xE2 && i + 2 < n &&
		    (unsigned char)s[i + 1] == 0x80 &&
		    ((unsigned char)s[i + 2] == 0xA8 ||
		    (unsigned char)s[i + 2] == 0xA9)) {
			/* U+2028/U+2029 end a line in old JavaScript. */
			rep = (unsigned char)s[i + 2] == 0xA8 ? "\\u2028" :
			    "\\u2029";
			skip = 3;
		}
		if (!rep)
			continue;
		buf_put(out, s + start, i - start);
		buf_puts(out, rep);
		i += skip - 1;
		start = i + 1;
	}
	buf_put(out, s + start, n - start);
}

void escape_url(buf *out, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c <= ' ' || c >= 0x7f) {
			buf_putc(out, '%');
			buf_putc(out, hex[c >> 4]);
			buf_putc(out, hex[c & 15]);
		} else {
			escape_html(out, (const char *)&s[i], 1);
		}
	}
}
