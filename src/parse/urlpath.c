#include "urlpath.h"

#include <string.h>

#include "../core/i18n.h"
#include "utf8.h"

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

const char *urlpath_alias(arena *a, const char *s, const char **err,
    int *bad)
{
	*bad = 0;
	while (*s == '/')
		s++;
	size_t n = strlen(s);
	char *out = arena_alloc(a, n + 2);
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '%') {
			int h = hexval((unsigned char)s[i + 1]);
			int l = h < 0 ? -1 : hexval((unsigned char)s[i + 2]);
			if (l < 0) {
				*bad = '%';
				*err = N_("'%' must be followed by two hexadecimal "
				    "digits, like %C3%A4 for ä");
				return NULL;
			}
			c = (unsigned char)(h * 16 + l);
			i += 2;
			if (c == '/') {
				/* A file name cannot hold a slash. */
				*bad = '/';
				*err = N_("%2F, a slash inside a name, cannot be a "
				    "file's name: write / instead");
				return NULL;
			}
		}
		if (c == '?' || c == '#') {
			*bad = c;
			*err = N_("a query (?) or a fragment (#) is not part of "
			    "the file a server finds: leave it out");
			return NULL;
		}
		if (c < 0x20 || c == 0x7F || c == '\\') {
			*bad = c;
			*err = N_("control characters and backslashes cannot be "
			    "in a path: leave them out");
			return NULL;
		}
		out[o++] = (char)c;
	}
	out[o] = '\0';
	size_t badpos;
	if (!utf8_valid(out, o, &badpos)) {
		*err = N_("the path is not UTF-8 once its %-escapes are "
		    "decoded: escape ä as %C3%A4");
		return NULL;
	}
	if (o == 0) {
		*err = N_("the site's front page cannot be an alias: write an "
		    "old address like /blog/old-address/");
		return NULL;
	}
	/* No empty, "." or ".." parts: each would name another place. */
	const char *seg = out;
	for (;;) {
		const char *e = strchr(seg, '/');
		size_t len = e ? (size_t)(e - seg) : strlen(seg);
		if ((len == 0 && e) || (len == 1 && seg[0] == '.') ||
		    (len == 2 && seg[0] == '.' && seg[1] == '.')) {
			*err = N_("empty parts (//), '.' and '..' are not allowed "
			    "in a path: write the address in full");
			return NULL;
		}
		if (!e) {
			/* The last part: a file when it has an extension. */
			if (len && !memchr(seg, '.', len)) {
				out[o++] = '/';
				out[o] = '\0';
			}
			break;
		}
		seg = e + 1;
		if (!*seg)
			break;
	}
	return out;
}
