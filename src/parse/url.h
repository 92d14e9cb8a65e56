/* url: what saitti needs to know about an address written by a person.
 * Pure. */
#ifndef SAITTI_URL_H
#define SAITTI_URL_H

#include <stddef.h>

/* The scheme of url, lowercased, read as a browser reads it (leading
 * spaces and control characters skipped, tabs and line breaks inside
 * ignored). Returns 1 and fills out, or 0 when url has no scheme (a
 * relative or site-absolute address). */
int url_scheme(const char *url, char *out, size_t outsz);

/* 1 for an address that would run code in the reader's browser:
 * javascript:, vbscript: or data:. */
int url_refused(const char *url);

#endif
