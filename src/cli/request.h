/* request: what a request to the preview server (saitti serve) may ask
 * for, decided without touching a file, so that it is tested and fuzzed
 * on plain strings.
 *
 * A preview holds drafts. A web page the writer visits can reach
 * 127.0.0.1 through DNS rebinding (its own name made to resolve to the
 * loopback address), so a request is answered only when its Host names
 * the server; a path is turned into folder names that cannot climb out of
 * the site (no "..", no dot-files), and a redirect always stays on the
 * same host. */
#ifndef SAITTI_REQUEST_H
#define SAITTI_REQUEST_H

#include <stddef.h>

/* 1 when host (the Host header; NULL when absent, as in HTTP/1.0) names
 * the server bound to bind_addr:port: localhost or a name under
 * .localhost, a loopback address, the bound address, or — when bound to
 * every address (0.0.0.0, ::) — any IP address; a port, when given, must
 * be port. Names that only resolve to the server (rebinding) are 0. */
int request_host_ok(const char *host, const char *bind_addr, int port);

enum request_kind {
	REQUEST_FILE,     /* out holds the file's path under the site */
	REQUEST_FOLDER,   /* a folder asked without its '/': redirect */
	REQUEST_FORBIDDEN,/* "..", "." as a part: 403 */
	REQUEST_MISSING   /* a dot-file, a part too long, not a path: 404 */
};

/* Maps a decoded request path ("/blogi/x/") to the relative path of the
 * file to serve ("blogi/x/index.html"): empty parts ("//") are dropped,
 * a path ending in '/' (or empty) means its index.html. The result lives
 * in out (size outsize; a longer one is REQUEST_MISSING). Which parts are
 * folders is not known here: the caller opens them one at a time with
 * O_NOFOLLOW, and when the last is a folder, answers with
 * request_location. */
enum request_kind request_map(const char *url, char *out, size_t outsize);

/* The Location for a folder asked without its '/': the path with empty
 * parts dropped, percent-encoded, and a '/' added, so that it always
 * starts with exactly one '/' ("//blogi" gives "/blogi/", never the
 * protocol-relative "//blogi/", which a browser reads as another host).
 * malloc'ed. */
char *request_location(const char *url);

#endif
