/* utf8: validation of text before anything else reads it. Pure. */
#ifndef SAITTI_UTF8_H
#define SAITTI_UTF8_H

#include <stddef.h>

/* Returns 1 when s[0..len) is well-formed UTF-8 (no overlongs, no
 * surrogates, nothing above U+10FFFF). Otherwise 0, and *bad gets the
 * offset of the first bad byte: the first byte of the ill-formed (or
 * truncated) sequence. bad may be NULL. */
int utf8_valid(const char *s, size_t len, size_t *bad);

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
