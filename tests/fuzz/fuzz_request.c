/* fuzz_request: the preview server's decisions about a request, from
 * arbitrary bytes (cli/request): the first byte picks the address the
 * server is bound to, the rest is "PATH\0HOST".
 *
 * Findings (abort): a path mapped to a file with an empty, "." or ".."
 * part, a part starting with '.', or an absolute path; a Location that
 * is protocol-relative ("//x", "/\x"), holds a raw byte outside
 * printable ASCII, or does not start with '/'; a Host accepted that is
 * neither localhost (or a name under .localhost), an IP address, nor
 * the name the server was bound to. */
#include <arpa/inet.h>
#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/request.h"
#include "fuzz.h"

static const char *const binds[] = {"127.0.0.1", "0.0.0.0", "::", "::1",
    "192.168.1.5", "esikatselu.lan"};

static void check_map(const char *url)
{
	char out[PATH_MAX];
	if (request_map(url, out, sizeof out) != REQUEST_FILE)
		return;
	if (!*out || out[0] == '/')
		abort();
	for (const char *p = out;;) {
		size_t n = strcspn(p, "/");
		if (n == 0 || p[0] == '.')
			abort();
		if (!p[n])
			break;
		p += n + 1;
	}
}

static void check_location(const char *url)
{
	char *loc = request_location(url);
	size_t n = strlen(loc);
	if (loc[0] != '/' || loc[n - 1] != '/')
		abort();
	if (n > 1 && (loc[1] == '/' || loc[1] == '\\'))
		abort();
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)loc[i] <= ' ' || (unsigned char)loc[i] >= 0x7F
		    || loc[i] == '\\')
			abort();
	free(loc);
}

static int is_ip(const char *name, size_t n)
{
	char tmp[64];
	unsigned char buf[16];
	if (n == 0 || n >= sizeof tmp)
		return 0;
	memcpy(tmp, name, n);
	tmp[n] = '\0';
	return inet_pton(AF_INET, tmp, buf) == 1 ||
	    inet_pton(AF_INET6, tmp, buf) == 1;
}

static void check_host(const char *host, const char *bind)
{
	if (!request_host_ok(host, bind, 1313) || !host)
		return;
	const char *name = host, *end;
	if (*host == '[') {
		name = host + 1;
		end = strchr(name, ']');
		if (!end || !is_ip(name, (size_t)(end - name)))
			abort();
		return;
	}
	end = strchr(host, ':');
	if (!end)
		end = host + strlen(host);
	else if (strspn(end + 1, "0123456789") != strlen(end + 1) ||
	    !end[1] || strtol(end + 1, NULL, 10) != 1313)
		abort();   /* another port ("01313" is the same one) */
	size_t n = (size_t)(end - name);
	if (n && name[n - 1] == '.')
		n--;
	if (is_ip(name, n))
		return;
	if ((n == 9 && !strncasecmp(name, "localhost", 9)) ||
	    (n > 10 && !strncasecmp(name + n - 10, ".localhost", 10)))
		return;
	if (n == strlen(bind) && !strncasecmp(name, bind, n))
		return;
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	const char *bind = binds[data[0] % (sizeof binds / sizeof *binds)];
	char *text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data + 1, size - 1);
	text[size - 1] = '\0';
	const char *url = text;
	size_t ulen = strlen(url);
	const char *host = ulen + 1 < size ? text + ulen + 1 : NULL;
	check_map(url);
	check_location(url);
	check_host(host, bind);
	free(text);
	return 0;
}
