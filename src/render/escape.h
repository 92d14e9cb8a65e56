/* escape: one escaper per place a value lands. Each appends to a buf.
 * Input is valid UTF-8 (checked when content is loaded). */
#ifndef SAITTI_ESCAPE_H
#define SAITTI_ESCAPE_H

#include <stddef.h>

#include "../core/buf.h"

/* HTML text and attribute values: & < > " ', and characters HTML
 * forbids (control characters, noncharacters such as U+FFFE: see
 * utf8_html_char) dropped. */
void escape_html(buf *out, const char *s, size_t n);
/* Text that is already HTML ({{{x}}} in a template): only the characters
 * HTML forbids dropped. */
void escape_html_raw(buf *out, const char *s, size_t n);
/* XML 1.0 text and attributes: & < > " ', and characters XML forbids
 * (control characters, U+FFFE, U+FFFF) or discourages and HTML forbids
 * (DEL, C1 controls, noncharacters) dropped. */
void escape_xml(buf *out, const char *s, size_t n);
/* A JSON string's contents (without the quotes), safe inside an HTML
 * <script> element: <, >, & and U+2028/9 as \u escapes, so `</script>`
 * cannot close the element; characters HTML forbids as \u escapes too. */
void escape_json(buf *out, const char *s, size_t n);
/* A URL inside an attribute: spaces and characters outside printable
 * ASCII percent-encoded, then HTML-escaped. */
void escape_url(buf *out, const char *s, size_t n);

#endif
