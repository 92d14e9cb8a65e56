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

/* Decodes one character at s (which must be valid UTF-8); returns its
 * length in bytes. Should s not be valid after all, it reads no further
 * than a NUL and gives U+FFFD for one byte. */
size_t utf8_decode(const char *s, unsigned *cp);

/* Decodes one character of s[0..len), which may be ill-formed: returns
 * its length (1 with *cp = U+FFFD for a bad byte, 0 when len is 0). */
size_t utf8_next(const char *s, size_t len, unsigned *cp);

#endif
