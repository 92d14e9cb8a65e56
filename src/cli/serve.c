#include "serve.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <microhttpd.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../core/buf.h"
#include "../core/i18n.h"
#include "../core/limits.h"
#include "../model/loadmemo.h"
#include "../render/escape.h"
#include "build.h"
#include "reload.h"
#include "request.h"
#include "tmpdir.h"
#include "watch.h"

static const char usage_text[] = N_(
    "usage: saitti serve [--source DIR] [--port N] [--bind ADDR] [--now DATE]\n"
    "\n"
    "Builds the site with drafts into a temporary folder and serves it at\n"
    "http://ADDR:N/ (default 127.0.0.1:1313; --port 0 takes a free port).\n"
    "Rebuilds when content/, themes/ or site.yaml change; open pages reload\n"
    "by themselves. Ctrl-C stops it.\n");

/* A rebuild starts once every file written to is closed again
 * (watch.h) and SETTLE_MS have passed without another change: an editor
 * that saves by writing a temporary file and renaming it, or saves
 * several files, does so within a few milliseconds of the first close.
 * A file written to and kept open rebuilds after WRITING_QUIET_MS without
 * a change. */
#define SETTLE_MS 10
#define WRITING_QUIET_MS 2000
/* Largest HTML file read into memory to add the script. */
#define MAX_HTML (64u * 1024 * 1024)

struct server {
	const char *srcdir;
	const char *now;
	char *tmp;              /* the private temporary folder */
	char *root;             /* tmp/site: the last good build */
	char *base_url;         /* http://ADDR:PORT/ */
	const char *bind;       /* --bind, and the port bound, for Host */
	int port;
	int quiet;
	reload *R;              /* the build number the pages listen to */
	char *cache_dir;        /* the last good build's, for the manifest */
	loadmemo *memo;         /* what unchanged files gave the last build */
	int published;          /* this build's reload went out */
};

/* ---- building ------------------------------------------------------ */

/* Notes the cache folder (site.yaml may name it): the output manifest
 * of this server's temporary folder is removed with the folder. The
 * build's files are in place: the pages hear of it now, not after the
 * build has freed its site (milliseconds at 10,000 posts). */
static void note_cache(const site *s, const char *out, void *ctx, diag *d)
{
	(void)out;
	struct server *S = ctx;
	free(S->cache_dir);
	S->cache_dir = s->cache_dir ? strdup(s->cache_dir) : NULL;
	if (!diag_errors(d)) {
		reload_publish(S->R, NULL);
		S->published = 1;
	}
}

/* Removes the manifest (and any stamp) the builds kept for the temporary
 * folder, which
 * no later build will use. */
static void forget_manifest(struct server *S)
{
	if (!S->cache_dir)
		return;
	static const char *const kinds[] = {"output", "stamp"};
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
		char *path = build_cache_file(S->cache_dir, S->root, kinds[i]);
		if (path)
			unlink(path);
		free(path);
	}
}

static void rebuild(struct server *S)
{
	char *msgs = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&msgs, &len);
	if (!mem)
		abort();
	diag *d = diag_new(mem);
	build_req req = {.srcdir = S->srcdir, .out = S->root,
	    .opts = {.now = S->now, .base_url = S->base_url, .drafts = 1,
	    .preview = 1, .memo = S->memo}, .hook = note_cache,
	    .hook_ctx = S, .own_out = 1};
	build_stats st;
	S->published = 0;
	int rc = build_run(&req, d, &st);
	int nerr = diag_errors(d);
	diag_free(d);
	fclose(mem);
	/* The pages hear of the build first (a good one from note_cache): a
	 * slow terminal (or a pipe read slowly) must not hold the reload
	 * back. msgs stays valid after: only this thread publishes. */
	if (!S->published)
		reload_publish(S->R, rc == 0 ? NULL : msgs);
	fputs(msgs, stderr);
	if (rc == 0) {
		if (!S->quiet) {
			fprintf(stderr, _("saitti: built in %.0f ms: "),
			    st.total_ms);
			build_print_counts(stderr, st.posts, st.pages,
			    st.events);
			fputs(_(" (drafts included)\n"), stderr);
		}
		free(msgs);
	} else {
		fprintf(stderr, P_("saitti: %d error; pages show it until it "
		    "is fixed\n", "saitti: %d errors; pages show them until "
		    "they are fixed\n", (unsigned long)nerr), nerr);
	}
}

/* ---- responses ----------------------------------------------------- */

static const struct {
	const char *ext, *type;
} types[] = {
	{"html", "text/html; charset=utf-8"},
	{"htm", "text/html; charset=utf-8"},
	{"css", "text/css; charset=utf-8"},
	{"js", "text/javascript; charset=utf-8"},
	{"mjs", "text/javascript; charset=utf-8"},
	{"json", "application/json"},
	{"xml", "application/xml; charset=utf-8"},
	{"svg", "image/svg+xml"},
	{"ics", "text/calendar; charset=utf-8"},
	{"txt", "text/plain; charset=utf-8"},
	{"png", "image/png"},
	{"jpg", "image/jpeg"},
	{"jpeg", "image/jpeg"},
	{"gif", "image/gif"},
	{"webp", "image/webp"},
	{"avif", "image/avif"},
	{"ico", "image/vnd.microsoft.icon"},
	{"pdf", "application/pdf"},
	{"woff", "font/woff"},
	{"woff2", "font/woff2"},
	{"mp4", "video/mp4"},
	{"webm", "video/webm"},
	{"mp3", "audio/mpeg"},
};

static const char *content_type(const char *name)
{
	const char *dot = strrchr(name, '.');
	if (dot && !strchr(dot, '/'))
		for (size_t i = 0; i < sizeof types / sizeof *types; i++)
			if (!strcasecmp(dot + 1, types[i].ext))
				return types[i].type;
	return "application/octet-stream";
}

static int is_html_type(const char *type)
{
	return !strncmp(type, "text/html", 9);
}

/* A request for a page, as opposed to a style sheet or a picture: the
 * path ends in '/', ".html", or its last part has no extension. */
static int wants_html(const char *url)
{
	const char *last = strrchr(url, '/');
	last = last ? last + 1 : url;
	if (!*last)
		return 1;
	const char *dot = strrchr(last, '.');
	return !dot || !strcasecmp(dot, ".html") || !strcasecmp(dot, ".htm");
}

static enum MHD_Result queue(struct MHD_Connection *c, unsigned status,
    struct MHD_Response *r, const char *type)
{
	if (!r)
		return MHD_NO;
	if (type)
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	enum MHD_Result ret = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result send_text(struct MHD_Connection *c, unsigned status,
    const char *text)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(strlen(text),
	    (void *)text, MHD_RESPMEM_PERSISTENT);
	return queue(c, status, r, "text/plain; charset=utf-8");
}

/* The page a broken build shows instead of every page of the site. The
 * theme may be what is broken, so this one page is written here and not
 * in a template. */
static enum MHD_Result send_errors(struct MHD_Connection *c,
    const char *errors, unsigned long gen)
{
	buf b = BUF_INIT;
	/* In the language of the messages: the writer reads both. */
	const char *head = _("The site does not build");
	buf_puts(&b, "<!DOCTYPE html>\n<html lang=\"");
	escape_html(&b, i18n_language(), strlen(i18n_language()));
	buf_puts(&b, "\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n<title>");
	escape_html(&b, head, strlen(head));
	buf_puts(&b, " - saitti</title>\n"
	    "<style>body{font:1rem/1.5 system-ui,sans-serif;color:#1a1a1a;"
	    "max-width:60rem;margin:2rem auto;padding:0 1rem}"
	    "pre{background:#fdf2f2;border-left:.3rem solid #a40000;"
	    "padding:1rem;white-space:pre-wrap;overflow-wrap:anywhere;"
	    "font-size:.95rem}</style>\n</head>\n<body>\n<main>\n<h1>");
	escape_html(&b, head, strlen(head));
	const char *intro = _("Each line names the file, line and column, "
	    "what is wrong and what would be right. Fix it and save: this "
	    "page reloads by itself.");
	buf_puts(&b, "</h1>\n<p>");
	escape_html(&b, intro, strlen(intro));
	buf_puts(&b, "</p>\n<pre>");
	escape_html(&b, errors, strlen(errors));
	const char *note = _("Note: while the build is broken every page "
	    "shows this message; style sheets, pictures and other files "
	    "still come from the last good build.");
	buf_puts(&b, "</pre>\n<p>");
	escape_html(&b, note, strlen(note));
	buf_puts(&b, "</p>\n</main>\n");
	reload_script(&b, gen);
	buf_puts(&b, "</body>\n</html>\n");
	size_t len = b.len;
	char *data = buf_detach(&b);
	struct MHD_Response *r = MHD_create_response_from_buffer(len, data,
	    MHD_RESPMEM_MUST_FREE);
	return queue(c, MHD_HTTP_INTERNAL_SERVER_ERROR, r,
	    "text/html; charset=utf-8");
}

/* Reads all of fd (a regular file of size n) and closes it. */
static char *read_all(int fd, size_t n)
{
	char *data = malloc(n + 1);
	size_t off = 0;
	while (data && off < n) {
		ssize_t r = read(fd, data + off, n - off);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		off += (size_t)r;
	}
	close(fd);
	if (data && off != n) {
		free(data);
		return NULL;
	}
	return data;
}

/* Sends the open regular file fd (name: for its type). */
static enum MHD_Result send_file(struct MHD_Connection *c, unsigned status,
    int fd, const struct stat *st, const char *name, unsigned long gen)
{
	const char *type = content_type(name);
	if (!is_html_type(type)) {
		struct MHD_Response *r = MHD_create_response_from_fd(
		    (uint64_t)st->st_size, fd);
		if (!r)
			close(fd);
		return queue(c, status, r, type);
	}
	if ((uint64_t)st->st_size > MAX_HTML) {
		close(fd);
		return send_text(c, MHD_HTTP_INTERNAL_SERVER_ERROR,
		    _("saitti: page too large to preview\n"));
	}
	size_t n = (size_t)st->st_size, outlen;
	char *html = read_all(fd, n);
	if (!html)
		return send_text(c, MHD_HTTP_INTERNAL_SERVER_ERROR,
		    _("saitti: cannot read the page\n"));
	char *out = reload_inject(html, n, gen, &outlen);
	free(html);
	struct MHD_Response *r = MHD_create_response_from_buffer(outlen, out,
	    MHD_RESPMEM_MUST_FREE);
	return queue(c, status, r, type);
}

/* Opens url's file under root (request_map says which), one path part
 * at a time with O_NOFOLLOW, so that neither "..", nor a symbolic link,
 * nor a dot-file is served. Returns an fd of a regular file, or -1 with
 * *status set (403, 404) or, for a folder asked without its '/', 301. */
static int open_beneath(const char *root, const char *url, struct stat *st,
    unsigned *status)
{
	char rel[PATH_MAX];
	switch (request_map(url, rel, sizeof rel)) {
	case REQUEST_FORBIDDEN:
		*status = MHD_HTTP_FORBIDDEN;
		return -1;
	case REQUEST_FILE:
		break;
	default:
		*status = MHD_HTTP_NOT_FOUND;
		return -1;
	}
	*status = MHD_HTTP_NOT_FOUND;
	int dir = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dir < 0)
		return -1;
	const char *p = rel;
	for (;;) {
		size_t n = strcspn(p, "/");
		int last = p[n] == '\0';
		char part[NAME_MAX + 1];
		memcpy(part, p, n);   /* request_map keeps n <= NAME_MAX */
		part[n] = '\0';
		int fd = openat(dir, part, O_RDONLY | O_NOFOLLOW | O_CLOEXEC |
		    O_NONBLOCK);
		if (fd < 0) {
			if (errno == ELOOP)
				*status = MHD_HTTP_FORBIDDEN;
			break;
		}
		if (fstat(fd, st) != 0) {
			close(fd);
			break;
		}
		if (S_ISDIR(st->st_mode)) {
			close(dir);
			dir = fd;
			if (last) {
				*status = MHD_HTTP_MOVED_PERMANENTLY;
				close(dir);
				return -1;
			}
			p += n + 1;
			continue;
		}
		if (!last || !S_ISREG(st->st_mode)) {
			close(fd);
			break;
		}
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
		close(dir);
		*status = MHD_HTTP_OK;
		return fd;
	}
	close(dir);
	return -1;
}

static enum MHD_Result send_not_found(struct MHD_Connection *c,
    const char *root, unsigned status, unsigned long gen)
{
	struct stat st;
	unsigned s404;
	if (status == MHD_HTTP_NOT_FOUND) {
		int fd = open_beneath(root, "/404.html", &st, &s404);
		if (fd >= 0)
			return send_file(c, MHD_HTTP_NOT_FOUND, fd, &st,
			    "404.html", gen);
	}
	return send_text(c, status, status == MHD_HTTP_FORBIDDEN ?
	    "403 Forbidden\n" : "404 Not Found\n");
}

/* ---- requests ------------------------------------------------------ */

static enum MHD_Result handle(void *cls, struct MHD_Connection *c,
    const char *url, const char *method, const char *version,
    const char *upload, size_t *upload_size, void **con_cls)
{
	(void)version;
	(void)upload;
	(void)upload_size;
	(void)con_cls;
	struct server *S = cls;
	/* DNS rebinding: a page on another site, its name now resolving
	 * to this machine, must not read the drafts. */
	if (!request_host_ok(MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_HOST), S->bind, S->port))
		return send_text(c, MHD_HTTP_FORBIDDEN, "403 Forbidden: this "
		    "preview answers only to its own address (localhost)\n");
	if (strcmp(method, MHD_HTTP_METHOD_GET) &&
	    strcmp(method, MHD_HTTP_METHOD_HEAD)) {
		struct MHD_Response *r = MHD_create_response_from_buffer(
		    strlen("405 Method Not Allowed\n"),
		    (void *)"405 Method Not Allowed\n", MHD_RESPMEM_PERSISTENT);
		if (r)
			MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW,
			    "GET, HEAD");
		return queue(c, MHD_HTTP_METHOD_NOT_ALLOWED, r,
		    "text/plain; charset=utf-8");
	}
	if (!strcmp(url, RELOAD_PATH))
		return queue(c, MHD_HTTP_OK, reload_stream(S->R),
		    "text/event-stream");

	char *errors;
	unsigned long gen = reload_state(S->R, &errors);
	enum MHD_Result ret;
	if (errors && wants_html(url)) {
		ret = send_errors(c, errors, gen);
		free(errors);
		return ret;
	}
	free(errors);

	struct stat st;
	unsigned status;
	int fd = open_beneath(S->root, url, &st, &status);
	if (fd >= 0) {
		const char *name = strrchr(url, '/');
		return send_file(c, MHD_HTTP_OK, fd, &st,
		    name && name[1] ? name + 1 : "index.html", gen);
	}
	if (status == MHD_HTTP_MOVED_PERMANENTLY) {
		char *loc = request_location(url);
		struct MHD_Response *r = MHD_create_response_from_buffer(0,
		    (void *)"", MHD_RESPMEM_PERSISTENT);
		if (r)
			MHD_add_response_header(r, MHD_HTTP_HEADER_LOCATION, loc);
		free(loc);
		return queue(c, MHD_HTTP_MOVED_PERMANENTLY, r, NULL);
	}
	return send_not_found(c, S->root, status, gen);
}

/* ---- start and stop ------------------------------------------------ */

/* A listening socket on addr:port; *bound gets the port (for port 0). */
static int listen_on(const char *addr, int port, int *bound, int *v6)
{
	char ps[16];
	snprintf(ps, sizeof ps, "%d", port);
	struct addrinfo hints = {0}, *res = NULL;
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
	int e = getaddrinfo(addr, ps, &hints, &res);
	if (e != 0) {
		fprintf(stderr, "saitti: --bind %s: %s\n", addr,
		    gai_strerror(e));
		return -1;
	}
	int fd = socket(res->ai_family, res->ai_socktype | SOCK_CLOEXEC,
	    res->ai_protocol);
	int on = 1;
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on,
	    sizeof on) != 0 || bind(fd, res->ai_addr, res->ai_addrlen) != 0 ||
	    listen(fd, 64) != 0) {
		fprintf(stderr, _("saitti: cannot listen on %s port %d: %s\n"),
		    addr, port, strerror(errno));
		if (fd >= 0)
			close(fd);
		freeaddrinfo(res);
		return -1;
	}
	*v6 = res->ai_family == AF_INET6;
	freeaddrinfo(res);
	struct sockaddr_storage ss;
	socklen_t sl = sizeof ss;
	*bound = port;
	if (getsockname(fd, (struct sockaddr *)&ss, &sl) == 0)
		*bound = ntohs(ss.ss_family == AF_INET6 ?
		    ((struct sockaddr_in6 *)&ss)->sin6_port :
		    ((struct sockaddr_in *)&ss)->sin_port);
	return fd;
}

/* The address pages link to: the bound one, or localhost for "any". */
static char *base_url_for(const char *addr, int v6, int port)
{
	buf b = BUF_INIT;
	if (!strcmp(addr, "0.0.0.0") || !strcmp(addr, "::"))
		buf_printf(&b, "http://localhost:%d/", port);
	else if (v6 && strchr(addr, ':'))
		buf_printf(&b, "http://[%s]:%d/", addr, port);
	else
		buf_printf(&b, "http://%s:%d/", addr, port);
	return buf_detach(&b);
}

/* Waits for changes and signals; rebuilds when the saves are complete
 * (see SETTLE_MS). */
static void run_loop(struct server *S, watch *w, int sigfd)
{
	struct pollfd p[2] = {{sigfd, POLLIN, 0}, {watch_fd(w), POLLIN, 0}};
	int pending = 0;
	for (;;) {
		int wait = !pending ? -1 : watch_writing(w) ? WRITING_QUIET_MS :
		    SETTLE_MS;
		int n = poll(p, 2, wait);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			perror("saitti: poll");
			return;
		}
		if (p[0].revents & POLLIN) {
			struct signalfd_siginfo si;
			if (read(sigfd, &si, sizeof si) > 0 && !S->quiet)
				fputs(_("\nsaitti: stopping\n"), stderr);
			return;
		}
		if (p[1].revents & POLLIN) {
			if (watch_read(w) > 0)
				pending = 1;
			continue;
		}
		if (n == 0 && pending) {
			pending = 0;
			watch_forget_writes(w);
			rebuild(S);
		}
	}
}

int serve_main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"source", required_argument, NULL, 's'},
		{"port", required_argument, NULL, 'p'},
		{"bind", required_argument, NULL, 'b'},
		{"now", required_argument, NULL, 'n'},
		{"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct server S = {.srcdir = ".", .memo = loadmemo_new()};
	const char *addr = "127.0.0.1";
	int port = 1313, c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 's': S.srcdir = optarg; break;
		case 'b': addr = optarg; break;
		case 'n': S.now = optarg; break;
		case 'q': S.quiet = 1; break;
		case 'p': {
			char *end;
			long v = strtol(optarg, &end, 10);
			if (*end || end == optarg || v < 0 || v > 65535) {
				fputs(_("saitti: --port takes a number from 0 "
				    "to 65535\n"), stderr);
				return 2;
			}
			port = (int)v;
			break;
		}
		case 'h': fputs(_(usage_text), stdout); return 0;
		default: fputs(_(usage_text), stderr); return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, _("saitti: unexpected argument '%s'\n"),
		    argv[optind]);
		fputs(_(usage_text), stderr);
		return 2;
	}
	struct stat st;
	if (stat(S.srcdir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "%s: error: %s\n", S.srcdir, _("not a folder: "
		    "give --source the folder that holds site.yaml"));
		return 1;
	}

	/* SIGINT, SIGTERM and SIGHUP (the terminal closed) arrive through a
	 * signalfd; every thread made from here on inherits the mask. A
	 * blocked signal stays pending even when ignored, so SIGHUP is taken
	 * only when not ignored (nohup); SIGINT always, also in a shell's
	 * background job, which starts with it ignored. */
	sigset_t sigs;
	struct sigaction hup;
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	if (sigaction(SIGHUP, NULL, &hup) == 0 && hup.sa_handler != SIG_IGN)
		sigaddset(&sigs, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);
	int sigfd = signalfd(-1, &sigs, SFD_CLOEXEC);

	int rc = 1, bound = port, v6 = 0;
	watch *w = NULL;
	struct MHD_Daemon *daemon = NULL;
	S.R = reload_new();
	int lfd = listen_on(addr, port, &bound, &v6);
	if (sigfd < 0 || lfd < 0)
		goto done;
	S.tmp = tmpdir_make("serve");
	if (!S.tmp) {
		fprintf(stderr, _("saitti: cannot make a temporary folder: "
		    "%s\n"), strerror(errno));
		goto done;
	}
	S.root = malloc(strlen(S.tmp) + sizeof "/site");
	if (!S.root)
		abort();
	sprintf(S.root, "%s/site", S.tmp);
	S.base_url = base_url_for(addr, v6, bound);
	S.bind = addr;
	S.port = bound;
	w = watch_new(S.srcdir);
	if (!w) {
		fprintf(stderr, _("saitti: cannot watch the site's files "
		    "(inotify): %s\n"), strerror(errno));
		goto done;
	}
	rebuild(&S);
	/* The first build may fail: the error page shows then. Make the
	 * folder so that other paths answer 404. */
	mkdir(S.root, 0755);

	/* A thread per connection, so that an event stream may wait; no
	 * error log: a closed tab is not an error. */
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD |
	    MHD_USE_THREAD_PER_CONNECTION | (v6 ? MHD_USE_IPv6 : 0);
	/* An idle connection is closed after LIMIT_SERVE_TIMEOUT seconds
	 * (an event stream says something more often: reload.c), and there
	 * are never more than LIMIT_SERVE_CONNECTIONS threads, so idle
	 * connections cannot lock everyone out for good. */
	daemon = MHD_start_daemon(flags, (uint16_t)bound, NULL, NULL, handle,
	    &S, MHD_OPTION_LISTEN_SOCKET, lfd,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)LIMIT_SERVE_TIMEOUT,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned)LIMIT_SERVE_CONNECTIONS,
	    MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)LIMIT_SERVE_PER_IP,
	    MHD_OPTION_END);
	if (!daemon) {
		fputs(_("saitti: cannot start the web server\n"), stderr);
		goto done;
	}
	lfd = -1;   /* the daemon's now */
	fprintf(stderr, _("saitti: serving %s (from %s; drafts included)\n"
	    "saitti: watching content/, themes/ and site.yaml; Ctrl-C "
	    "stops\n"), S.base_url, S.root);
	run_loop(&S, w, sigfd);
	rc = 0;
done:
	reload_stop(S.R);
	if (daemon)
		MHD_stop_daemon(daemon);
	if (lfd >= 0)
		close(lfd);
	watch_free(w);
	if (S.root)
		forget_manifest(&S);
	if (S.tmp && tmpdir_remove(S.tmp) != 0) {
		fprintf(stderr, _("saitti: could not remove %s\n"), S.tmp);
		rc = 1;
	}
	free(S.tmp);
	free(S.root);
	free(S.base_url);
	free(S.cache_dir);
	reload_free(S.R);
	loadmemo_free(S.memo);
	if (sigfd >= 0)
		close(sigfd);
	return rc;
}
