/* sanitize: raw HTML in Markdown made safe by an allow-list, for
 * site.yaml `html: sanitize` (the default).
 *
 * The HTML is parsed by libxml2's HTML parser (a well-kept tokenizer and
 * tree builder, not one of our own) and written out again with only:
 *   - elements for text, tables, figures, <details>/<summary>, <abbr>,
 *     <time>… (script, style, forms, objects and embeds are removed with
 *     their content; any other unknown element is unwrapped: its text
 *     stays);
 *   - attributes from a list per element (id, class, title, lang, dir on
 *     all; href, src, alt, colspan…); every on* handler and style go;
 *   - URLs (href, src, cite) that are relative or http, https, mailto or
 *     tel;
 *   - iframes only from the hosts given (youtube-nocookie.com also allows
 *     www.youtube-nocookie.com), and only over https.
 * Text and attribute values are escaped again on output. Pure.
 * Built into saitti-xml.so: the rest of saitti calls it through
 * core/xmlpart.h. */
#ifndef SAITTI_SANITIZE_H
#define SAITTI_SANITIZE_H

#include <stddef.h>

#include "../core/arena.h"

/* Returns the safe HTML in a. *report gets what was removed, counted,
 * in the order first met ("2 × <script>, 1 × onclick=, 1 × <iframe> from
 * example.com"), or "" when nothing was; *removed the total. iframe_hosts
 * is NULL-terminated, or NULL for none. */
const char *sanitize_html(arena *a, const char *html, size_t len,
    const char *const *iframe_hosts, const char **report, size_t *removed);

#endif
