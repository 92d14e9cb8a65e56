#include "url.h"

#include <string.h>

int url_scheme(const char *url, char *out, size_t outsz)
{
	const unsigned char *p = (const unsigned char *)url;
	size_t n = 0;
	while (*p && *p <= 0x20)
		p++;
	for (; *p; p++) {
		unsigned char c = *p;
		if (c == '\t' || c == '\n' || c == '\r')
			continue;
		if (c == ':')
			break;
		int alpha = (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
		if (!(alpha || (n > 0 && ((c >= '0' && c <= '9') || c == '+' ||
		    c == '-' || c == '.'))))
			return 0;
		if (n + 1 >= outsz)
			return 0;
		out[n++] = (char)(alpha ? (c | 0x20) : c);
	}
	if (!*p || n == 0)
		return 0;
	out[n] = '\0';
	return 1;
}

int url_refused(const char *url)
{
	static const char *const bad[] = {"javascript", "vbscript", "data"};
	char scheme[16];
	if (!url_scheme(url, scheme, sizeof scheme))
		return 0;
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		if (!strcmp(scheme, bad[i]))
			return 1;
	return 0;
}
