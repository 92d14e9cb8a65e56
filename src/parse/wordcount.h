/* wordcount: the words a reader counts in a text (for the reading time):
 * runs of non-space characters with a letter or digit in them, so "–"
 * between spaces is none and "e-mail" is one. Spaces are ASCII white
 * space, U+00A0, U+2000–U+200B, U+202F, U+205F and U+3000; Latin-1 and
 * general punctuation (U+00A1–U+00BF, U+2000–U+207F) are neither space
 * nor letter; every other character from U+0080 counts as a letter. */
#ifndef SAITTI_WORDCOUNT_H
#define SAITTI_WORDCOUNT_H

#include <stddef.h>

/* The words that start in s[0..n) (valid UTF-8). *in says whether the
 * text before ended inside a counted word, and is set for the text
 * after, so a text given in pieces counts as a whole. */
size_t wordcount(const char *s, size_t n, int *in);

#endif
