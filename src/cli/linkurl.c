#include "linkurl.h"

#include <string.h>
#include <strings.h>

#include "../core/buf.h"

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* s[0..n) with %XX decoded, into the arena. */
char *linkurl_decode(arena *a, const char *s, size_t n)
{
	char *out = arena_alloc(a, n + 1), *o = out;
	for (size_t i = 0; i < n; i++) {
		int h, l;
		if (s[i] == '%' && i + 2 < n + 0 &&
		    (h = hexval((unsigned char)s[i + 1])) >= 0 &&
		    (l = hexval((unsigned char)s[i + 2])) >= 0) {
			*o++ = (char)(h * 16 + l);
			i += 2;
		} else {
			*o++ = s[i];
		}
	}
	*o = '\0';
	return out;
}

/* The length of url's scheme ("https" is 5), or 0 when it has none. */
size_t linkurl_scheme_len(const char *url)
{
	size_t n = strcspn(url, ":/?#");
	return n > 0 && url[n] == ':' ? n : 0;
}

/* "//host…" or "scheme://host…": 1 when host is the site's own, and then
 * *path is where its path starts ("" when there is none). */
static int own_host(const char *host, size_t hostlen, const char *url,
    const char **path)
{
	const char *p = url;
	size_t sl = linkurl_scheme_len(url);
	if (sl) {
		if (!((sl == 4 && !strncasecmp(url, "http", 4)) ||
		    (sl == 5 && !strncasecmp(url, "https", 5))))
			return 0;
		p += sl + 1;
	}
	if (strncmp(p, "//", 2) != 0)
		return 0;
	p += 2;
	size_t hl = strcspn(p, "/?#");
	if (!host || hl != hostlen || strncasecmp(p, host, hl))
		return 0;
	*path = p + hl;
	return 1;
}

/* Resolves url, found in the page at the site path dir ("/lape/blogi/x/"),
 * to a site-absolute address ("/lape/blogi/y/#osa"), with "." and ".."
 * taken out; NULL when it points outside the site's host. */
const char *linkurl_normalise(arena *a, const char *host, size_t hostlen,
    const char *url, const char *dir)
{
	const char *path;
	if (own_host(host, hostlen, url, &path)) {
		url = *path ? path : "/";
	} else if (linkurl_scheme_len(url) || !strncmp(url, "//", 2)) {
		return NULL;
	}
	buf b = BUF_INIT;
	if (url[0] == '/')
		;
	else if (url[0] == '?' || url[0] == '#' || !url[0])
		buf_puts(&b, dir);   /* the page itself; dir is its address */
	else
		buf_puts(&b, dir);
	size_t pn = strcspn(url, "?#");
	buf_put(&b, url, pn);
	/* Take out "." and ".." segments. */
	char *p = b.data ? b.data : (char *)"";
	size_t n = b.len, w = 0;
	char *outp = arena_alloc(a, n + strlen(url + pn) + 2);
	for (size_t i = 0; i < n;) {
		size_t e = i + 1;
		while (e < n && p[e] != '/')
			e++;
		/* segment p[i..e), starting with '/' */
		size_t sl = e - i;
		if (sl == 2 && p[i + 1] == '.') {
			if (e == n)
				outp[w++] = '/';
		} else if (sl == 3 && p[i + 1] == '.' && p[i + 2] == '.') {
			while (w > 0 && outp[w - 1] != '/')
				w--;
			if (w > 0)
				w--;
			while (w > 0 && outp[w - 1] != '/')
				w--;
			if (e == n || w == 0)
				outp[w++] = '/';
		} else {
			memcpy(outp + w, p + i, sl);
			w += sl;
		}
		i = e;
	}
	if (w == 0)
		outp[w++] = '/';
	strcpy(outp + w, url + pn);
	buf_free(&b);
	return outp;
}
