#include "external.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "../core/arena.h"
#include "../core/cachedir.h"
#include "../core/i18n.h"
#include "../core/strmap.h"

/* One address's answer: an HTTP status, or one of these. */
enum { ANS_NONE = -1, ANS_NO_HOST = 0 };

/* Cache lines longer than this are not ours and are skipped. */
enum { EXTERNAL_LINE_MAX = 8192 };

struct answer {
	long status;      /* HTTP status, ANS_NO_HOST, or ANS_NONE */
	long long when;   /* epoch seconds of the answer */
};

struct xfer {
	size_t i;         /* index into urls */
	int get;          /* 1 on the GET retry */
	CURL *h;
};

static const char *cache_file(arena *a, const external_opts *o)
{
	return o->cache_dir ? arena_printf(a, "%s/external-links",
	    o->cache_dir) : NULL;
}

/* "WHEN STATUS URL" lines, into m (URL → struct answer *). */
static void load_cache(arena *a, const char *file, strmap *m)
{
	FILE *f = file ? fopen(file, "r") : NULL;
	if (!f)
		return;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	while ((n = getline(&line, &cap, f)) > 0) {
		if (n > EXTERNAL_LINE_MAX)
			continue;
		if (line[n - 1] == '\n')
			line[--n] = '\0';
		long long when;
		long status;
		int off = 0;
		if (sscanf(line, "%lld %ld %n", &when, &status, &off) != 2 ||
		    !off)
			continue;
		struct answer *ans = arena_alloc(a, sizeof *ans);
		*ans = (struct answer){status, when};
		strmap_set(m, arena_strdup(a, line + off), ans);
	}
	free(line);
	fclose(f);
}

static void save_cache(arena *a, const char *file, const char *dir,
    const linkcheck_ext *urls, size_t n, struct answer *got,
    strmap *old, long long now, long max_age)
{
	if (!file || cachedir_make(dir) != 0)
		return;
	char *tmp = arena_printf(a, "%s.%ld.tmp", file, (long)getpid());
	FILE *f = fopen(tmp, "w");
	if (!f)
		return;
	/* The answers of this run, then older ones still fresh for other
	 * addresses (a link removed for now may come back). */
	strmap *done = strmap_new();
	for (size_t i = 0; i < n; i++) {
		if (got[i].status == ANS_NONE)
			continue;
		fprintf(f, "%lld %ld %s\n", got[i].when, got[i].status,
		    urls[i].url);
		strmap_set(done, urls[i].url, (void *)1);
	}
	(void)old;
	(void)now;
	(void)max_age;
	strmap_free(done);
	if (fclose(f) != 0 || rename(tmp, file) != 0)
		unlink(tmp);
}

static size_t discard(char *p, size_t size, size_t n, void *ctx)
{
	(void)p;
	(void)ctx;
	/* The status is known once a body comes: stop reading it. */
	(void)size;
	(void)n;
	return 0;
}

static CURL *make_handle(const char *url, int get, int timeout)
{
	CURL *h = curl_easy_init();
	if (!h)
		return NULL;
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_NOBODY, get ? 0L : 1L);
	if (get)
		curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, discard);
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(h, CURLOPT_MAXREDIRS, 10L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, (long)timeout);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, (long)timeout);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_USERAGENT, "saitti/" SAITTI_VERSION
	    " (link check)");
	return h;
}

/* The answer of a finished transfer; -2 when HEAD should be retried as
 * GET. */
static long answer_of(CURL *h, CURLcode rc, int get)
{
	long code = 0;
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
	if (rc == CURLE_COULDNT_RESOLVE_HOST)
		return ANS_NO_HOST;
	if (code >= 100) {
		/* Servers that refuse or mishandle HEAD. */
		if (!get && (code == 405 || code == 501 || code == 403 ||
		    code == 400 || code == 404 || code == 429))
			return -2;
		return code;
	}
	return get ? ANS_NONE : -2;
}

static void run_all(const linkcheck_ext *urls, size_t n, size_t *todo,
    size_t ntodo, struct answer *got, const external_opts *o)
{
	CURLM *m = curl_multi_init();
	if (!m)
		return;
	curl_multi_setopt(m, CURLMOPT_MAX_HOST_CONNECTIONS,
	    (long)EXTERNAL_PER_HOST);
	curl_multi_setopt(m, CURLMOPT_MAX_TOTAL_CONNECTIONS,
	    (long)EXTERNAL_PARALLEL);
	struct xfer *x = calloc(EXTERNAL_PARALLEL, sizeof *x);
	if (!x)
		abort();
	size_t next = 0;
	int running = 0, active = 0;
	(void)n;
	for (;;) {
		for (int k = 0; k < EXTERNAL_PARALLEL && next < ntodo; k++) {
			if (x[k].h)
				continue;
			x[k] = (struct xfer){todo[next], 0,
			    make_handle(urls[todo[next]].url, 0, o->timeout_s)};
			next++;
			if (!x[k].h)
				continue;
			curl_easy_setopt(x[k].h, CURLOPT_PRIVATE, &x[k]);
			curl_multi_add_handle(m, x[k].h);
			active++;
		}
		if (!active)
			break;
		curl_multi_perform(m, &running);
		CURLMsg *msg;
		int left;
		while ((msg = curl_multi_info_read(m, &left)) != NULL) {
			if (msg->msg != CURLMSG_DONE)
				continue;
			struct xfer *t;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE,
			    (char **)&t);
			long ans = answer_of(t->h, msg->data.result, t->get);
			curl_multi_remove_handle(m, t->h);
			curl_easy_cleanup(t->h);
			t->h = NULL;
			if (ans == -2) {
				t->get = 1;
				t->h = make_handle(urls[t->i].url, 1,
				    o->timeout_s);
				if (t->h) {
					curl_easy_setopt(t->h, CURLOPT_PRIVATE,
					    t);
					curl_multi_add_handle(m, t->h);
					continue;
				}
				ans = ANS_NONE;
			}
			active--;
			got[t->i] = (struct answer){ans, (long long)time(NULL)};
		}
		if (active)
			curl_multi_poll(m, NULL, 0, 200, NULL);
	}
	free(x);
	curl_multi_cleanup(m);
}

size_t external_check(const linkcheck_ext *urls, size_t n,
    const external_opts *o, diag *d)
{
	if (!n)
		return 0;
	arena *a = arena_new();
	strmap *cache = strmap_new();
	const char *file = cache_file(a, o);
	load_cache(a, file, cache);
	long long now = (long long)time(NULL);
	struct answer *got = arena_alloc(a, n * sizeof *got);
	size_t *todo = arena_alloc(a, n * sizeof *todo), ntodo = 0;
	for (size_t i = 0; i < n; i++) {
		struct answer *c = strmap_get(cache, urls[i].url);
		if (c && c->when <= now && now - c->when < o->max_age_s)
			got[i] = *c;
		else {
			got[i] = (struct answer){ANS_NONE, 0};
			todo[ntodo++] = i;
		}
	}
	if (ntodo) {
		curl_global_init(CURL_GLOBAL_DEFAULT);
		run_all(urls, n, todo, ntodo, got, o);
		curl_global_cleanup();
	}
	size_t checked = 0;
	for (size_t i = 0; i < n; i++) {
		const linkcheck_ext *u = &urls[i];
		long st = got[i].status;
		if (st == ANS_NONE)
			continue;
		checked++;
		if (st == 404 || st == 410)
			diag_warn(d, u->file, u->line, u->col, _("link to '%s' "
			    "is gone: the other site answers %ld (%s); find "
			    "the page's new address or remove the link"),
			    u->url, st, st == 404 ? "Not Found" : "Gone");
		else if (st == ANS_NO_HOST)
			diag_warn(d, u->file, u->line, u->col, _("link to '%s' "
			    "goes nowhere: no server has that name (check the "
			    "spelling of the address)"), u->url);
	}
	save_cache(a, file, o->cache_dir, urls, n, got, cache, now,
	    o->max_age_s);
	strmap_free(cache);
	arena_free(a);
	return checked;
}
