#include "relpath.h"

#include <string.h>

int relpath_ok_n(const char *p, size_t len)
{
	if (len == 0 || len > RELPATH_MAX || p[0] == '/')
		return 0;
	size_t part = 0;   /* bytes of the current part so far */
	int dots = 0;      /* of them, '.' */
	for (size_t i = 0; i <= len; i++) {
		unsigned char c = i < len ? (unsigned char)p[i] : '/';
		if (c == '/') {
			/* "", "." and ".." are not names of files. */
			if (part == 0 || (dots == (int)part && part <= 2))
				return 0;
			part = 0;
			dots = 0;
			continue;
		}
		if (c < 0x20 || c == 0x7f)
			return 0;   /* NUL too: it would cut the path short */
		part++;
		if (c == '.')
			dots++;
	}
	return 1;
}

int relpath_ok(const char *p)
{
	return p && relpath_ok_n(p, strlen(p));
}
