/* shortcode: Jekyll's Liquid tags and Hugo's shortcodes in a post's body,
 * rewritten into Markdown or HTML that saitti renders, for `saitti
 * import`:
 *   {% highlight lang %}…{% endhighlight %}, {{< highlight lang >}}…
 *       → a fenced code block
 *   {% raw %}, {% endraw %}               → removed (the text stays)
 *   {{ site.baseurl }}, {{ "/x" | relative_url }} (absolute_url too) → /x
 *   {% post_url 2016-10-10-name %}, {% link _posts/x.md %},
 *   {{< ref "x" >}}, {{< relref "x" >}} → a relative link to the Markdown
 *       file, which saitti resolves (see shortcode_rewrite_with)
 *   {{< figure src= alt= caption= title= >}} → <figure> with <img>
 *   {{< youtube ID >}}, {{< vimeo ID >}}  → an <iframe> (youtube-nocookie)
 * Everything else between {% %}, {{ }} or {{< >}} / {{% %}} is left as it
 * was and reported, with its line. Pure. */
#ifndef SAITTI_SHORTCODE_H
#define SAITTI_SHORTCODE_H

#include <stddef.h>

#include "../core/arena.h"

typedef struct sc_left {
	int line;          /* 1-based, in the body given */
	const char *text;  /* the tag as written, at most 80 bytes */
} sc_left;

typedef struct sc_result {
	const char *body;  /* rewritten, in the arena */
	sc_left *left;     /* what could not be converted */
	size_t nleft;
	int converted;     /* how many tags were rewritten */
	int youtube, vimeo; /* an iframe from that host was written */
} sc_result;

void shortcode_rewrite(arena *a, const char *text, size_t len,
    sc_result *out);

/* Links to other documents: Hugo's {{< ref "x" >}} and {{< relref "x" >}},
 * Jekyll's {% link x %} and {% post_url x %} are given to resolve, with
 * kind "ref" or "link" or "post_url" and the target as written; it returns
 * the link to write (a relative .md path saitti resolves), or NULL to
 * leave the tag as it was (reported), except post_url, which then becomes
 * "NAME.md". */
typedef const char *(*sc_resolve)(void *ctx, const char *kind,
    const char *target);
void shortcode_rewrite_with(arena *a, const char *text, size_t len,
    sc_resolve resolve, void *ctx, sc_result *out);

/* The first Liquid tag or Hugo shortcode in the NUL-terminated s
 * ("{% include x %}", "{{< ref y >}}"), with *len its length; NULL when
 * there is none. The build uses it to warn about tags left as text. */
const char *shortcode_find(const char *s, size_t *len);

#endif
