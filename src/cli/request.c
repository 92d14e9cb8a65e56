#include "request.h"

#include <arpa/inet.h>
#include <limits.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/buf.h"

/* name (len bytes) as an IPv4 or IPv6 address; 0 when it is none. */
static int parse_ip(const char *name, size_t len, int *v6,
    unsigned char addr[16])
{
	char tmp[INET6_ADDRSTRLEN + 1];
	if (len == 0 || len >= sizeof tmp)
		return 0;
	memcpy(tmp, name, len);
	tmp[len] = '\0';
	if (inet_pton(AF_INET, tmp, addr) == 1) {
		*v6 = 0;
		return 1;
	}
	if (inet_pton(AF_INET6, tmp, addr) == 1) {
		*v6 = 1;
		return 1;
	}
	return 0;
}

static int is_loopback(int v6, const unsigned char *a)
{
	static const unsigned char one[16] = {[15] = 1};
	return v6 ? !memcmp(a, one, 16) : a[0] == 127;
}

int request_host_ok(const char *host, const char *bind_addr, int port)
{
	if (!host)
		return 1;
	const char *name = host, *end, *colon;
	if (*host == '[') {
		end = strchr(host, ']');
		if (!end)
			return 0;
		name = host + 1;
		colon = end[1] == ':' ? end + 1 : NULL;
		if (end[1] && !colon)
			return 0;
	} else {
		colon = strchr(host, ':');
		if (colon && strchr(colon + 1, ':'))
			return 0;  /* an IPv6 address must be in brackets */
		end = colon ? colon : host + strlen(host);
	}
	if (colon) {
		const char *p = colon + 1;
		long n = 0;
		if (!*p || strlen(p) > 5)
			return 0;
		for (; *p; p++) {
			if (*p < '0' || *p > '9')
				return 0;
			n = n * 10 + (*p - '0');
		}
		if (n != port)
			return 0;
	}
	size_t len = (size_t)(end - name);
	/* A trailing dot names the same host. */
	if (len && name[len - 1] == '.' && *host != '[')
		len--;
	if (len == 0)
		return 0;
	/* Brackets hold an IPv6 address, nothing else. */
	if (*host != '[' && ((len == 9 && !strncasecmp(name, "localhost", 9)) ||
	    (len > 10 && !strncasecmp(name + len - 10, ".localhost", 10))))
		return 1;
	unsigned char a[16], b[16];
	int v6, bv6;
	int ip = parse_ip(name, len, &v6, a);
	if (*host == '[' && (!ip || !v6))
		return 0;
	if (ip) {
		if (is_loopback(v6, a))
			return 1;
		if (!parse_ip(bind_addr, strlen(bind_addr), &bv6, b))
			return 0;
		static const unsigned char any[16];
		if (!memcmp(b, any, bv6 ? 16 : 4))
			return 1;   /* bound to every address */
		return v6 == bv6 && !memcmp(a, b, v6 ? 16 : 4);
	}
	/* --bind NAME: that name. */
	return strlen(bind_addr) == len && !strncasecmp(name, bind_addr, len);
}

enum request_kind request_map(const char *url, char *out, size_t outsize)
{
	if (outsize == 0)
		return REQUEST_MISSING;
	out[0] = '\0';
	if (url[0] != '/')
		return REQUEST_MISSING;
	size_t o = 0;
	const char *p = url;
	for (;;) {
		while (*p == '/')
			p++;
		size_t n = strcspn(p, "/");
		if (n == 0)
			break;
		if ((n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' &&
		    p[1] == '.'))
			return REQUEST_FORBIDDEN;
		if (p[0] == '.' || n > NAME_MAX || memchr(p, '\0', n))
			return REQUEST_MISSING;
		if (o + n + 2 > outsize)
			return REQUEST_MISSING;
		if (o)
			out[o++] = '/';
		memcpy(out + o, p, n);
		o += n;
		p += n;
		if (*p == '\0') {
			out[o] = '\0';
			return REQUEST_FILE;
		}
	}
	/* Ends in '/', or is only slashes: the folder's index.html. */
	static const char index[] = "index.html";
	if (o + sizeof index + 1 > outsize)
		return REQUEST_MISSING;
	if (o)
		out[o++] = '/';
	memcpy(out + o, index, sizeof index);
	return REQUEST_FILE;
}

char *request_location(const char *url)
{
	static const char hex[] = "0123456789ABCDEF";
	buf b = BUF_INIT;
	const unsigned char *p = (const unsigned char *)url;
	for (;;) {
		while (*p == '/')
			p++;
		if (!*p)
			break;
		buf_putc(&b, '/');
		for (; *p && *p != '/'; p++) {
			if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')
			    || (*p >= '0' && *p <= '9') || strchr("-._~", *p)) {
				buf_putc(&b, (char)*p);
			} else {
				buf_putc(&b, '%');
				buf_putc(&b, hex[*p >> 4]);
				buf_putc(&b, hex[*p & 15]);
			}
		}
	}
	buf_putc(&b, '/');
	return buf_detach(&b);
}
