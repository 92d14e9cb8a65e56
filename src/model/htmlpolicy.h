/* htmlpolicy: what raw HTML in Markdown becomes, from site.yaml:
 *
 *   html: sanitize      # the default: safe HTML kept, the rest reported
 *   html: escape        # shown as text
 *   html: allow         # passed through (only for trusted writers)
 *   iframe_hosts: [youtube-nocookie.com, player.vimeo.com]
 *
 * `unsafe_html: true`, the old undocumented switch, still means allow. */
#ifndef SAITTI_HTMLPOLICY_H
#define SAITTI_HTMLPOLICY_H

#include "../core/diag.h"
#include "site.h"

/* Sets s->html_policy (an MD_HTML_… of parse/markdown.h) and
 * s->iframe_hosts (NULL-terminated), reporting bad values. Call after
 * s->unsafe_html is read. */
void htmlpolicy_load(site *s, diag *d);

#endif
