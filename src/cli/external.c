#include "external.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "../core/arena.h"
#include "../core/cachedir.h"
#include "../core/fdio.h"
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
	CURL *h;          /* NULL when the slot is free */
	const char *host;
};

static const char *cache_file(arena *a, const external_opts *o)
{
	return o->cache_dir ? arena_printf(a, "%s/external-links",
	    o->cache_dir) : NULL;
}

/* The cache file's entries, in its order. */
struct cached {
	const char *url;
	struct answer ans;
};

/* "WHEN STATUS URL" lines, into m (URL → struct answer *) and *list. */
static size_t load_cache(arena *a, const char *file, strmap *m,
    struct cached **list)
{
	FILE *f = file ? fd_fopen_nofollow(file, "r") : NULL;
	size_t n = 0, cap = 0;
	*list = NULL;
	if (!f)
		return 0;
	char *line = NULL;
	size_t lcap = 0;
	ssize_t len;
	while ((len = getline(&line, &lcap, f)) > 0) {
		if (len > EXTERNAL_LINE_MAX)
			continue;
		if (line[len - 1] == '\n')
			line[--len] = '\0';
		long long when;
		long status;
		int off = 0;
		if (sscanf(line, "%lld %ld %n", &when, &status, &off) != 2 ||
		    !off || !line[off])
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			struct cached *nl = arena_alloc(a, cap * sizeof *nl);
			if (n)
				memcpy(nl, *list, n * sizeof *nl);
			*list = nl;
		}
		(*list)[n] = (struct cached){arena_strdup(a, line + off),
		    {status, when}};
		strmap_set(m, (*list)[n].url, &(*list)[n].ans);
		n++;
	}
	free(line);
	fclose(f);
	return n;
}

static int fresh(const struct answer *c, long long now, long max_age)
{
	return c->when <= now && now - c->when < max_age;
}

/* Writes this run's answers, then older ones still fresh for addresses
 * not checked this time (a link taken out for now may come back), into a
 * new file renamed over the old. */
static void save_cache(arena *a, const char *file, const char *dir,
    const linkcheck_ext *urls, size_t n, const struct answer *got,
    const struct cached *old, size_t nold, long long now, long max_age)
{
	if (!file || cachedir_make(dir) != 0)
		return;
	char *tmp = arena_printf(a, "%s.%ld.tmp", file, (long)getpid());
	FILE *f = fd_fopen_nofollow(tmp, "w");
	if (!f)
		return;
	strmap *done = strmap_new();
	for (size_t i = 0; i < n; i++) {
		strmap_set(done, urls[i].url, (void *)1);
		if (got[i].status != ANS_NONE)
			fprintf(f, "%lld %ld %s\n", got[i].when, got[i].status,
			    urls[i].url);
	}
	for (size_t i = 0; i < nold; i++)
		if (!strmap_get(done, old[i].url) &&
		    fresh(&old[i].ans, now, max_age)) {
			strmap_set(done, old[i].url, (void *)1);
			fprintf(f, "%lld %ld %s\n", old[i].ans.when,
			    old[i].ans.status, old[i].url);
		}
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

/* The host (and port) of an http(s) URL, into a. */
static const char *host_of(arena *a, const char *url)
{
	const char *p = strstr(url, "//");
	p = p ? p + 2 : url;
	return arena_strndup(a, p, strcspn(p, "/?#"));
}

/* Starts the transfer of todo[k] in slot x. */
static void start(CURLM *m, struct xfer *x, const linkcheck_ext *urls,
    size_t i, const external_opts *o)
{
	*x = (struct xfer){i, 0, make_handle(urls[i].url, 0, o->timeout_s),
	    NULL};
	if (!x->h)
		return;
	curl_easy_setopt(x->h, CURLOPT_PRIVATE, x);
	curl_multi_add_handle(m, x->h);
}

/* Fetches urls[todo[0..ntodo)] into got: at most EXTERNAL_PARALLEL at
 * once and EXTERNAL_PER_HOST to one host. The per-host limit is kept here
 * rather than by libcurl, whose waiting transfers would spend their
 * timeout in its queue. */
static void run_all(arena *a, const linkcheck_ext *urls, size_t *todo,
    size_t ntodo, struct answer *got, const external_opts *o)
{
	CURLM *m = curl_multi_init();
	if (!m)
		return;
	struct xfer *x = calloc(EXTERNAL_PARALLEL, sizeof *x);
	const char **hosts = arena_alloc(a, ntodo * sizeof *hosts);
	char *started = arena_alloc(a, ntodo);
	if (!x)
		abort();
	strmap *busy = strmap_new();   /* host → transfers (as a count) */
	for (size_t k = 0; k < ntodo; k++)
		hosts[k] = host_of(a, urls[todo[k]].url);
	size_t first = 0, done = 0;
	int active = 0, running;
	while (done < ntodo) {
		/* Fill free slots with the first addresses whose host has
		 * room. */
		for (size_t k = first; k < ntodo && active < EXTERNAL_PARALLEL;
		    k++) {
			if (started[k])
				continue;
			size_t n = (size_t)(uintptr_t)strmap_get(busy, hosts[k]);
			if (n >= EXTERNAL_PER_HOST)
				continue;
			int slot = 0;
			while (x[slot].h)
				slot++;
			started[k] = 1;
			start(m, &x[slot], urls, todo[k], o);
			if (!x[slot].h) {
				done++;
				continue;
			}
			x[slot].host = hosts[k];
			strmap_set(busy, hosts[k], (void *)(uintptr_t)(n + 1));
			active++;
		}
		while (first < ntodo && started[first])
			first++;
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
				/* HEAD refused: the same address with GET, in
				 * the same slot. */
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
			size_t n = (size_t)(uintptr_t)strmap_get(busy, t->host);
			strmap_set(busy, t->host, (void *)(uintptr_t)(n - 1));
			active--;
			done++;
			got[t->i] = (struct answer){ans, (long long)time(NULL)};
		}
		if (active)
			curl_multi_poll(m, NULL, 0, 200, NULL);
	}
	strmap_free(busy);
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
	struct cached *old;
	size_t nold = load_cache(a, file, cache, &old);
	long long now = (long long)time(NULL);
	struct answer *got = arena_alloc(a, n * sizeof *got);
	size_t *todo = arena_alloc(a, n * sizeof *todo), ntodo = 0;
	for (size_t i = 0; i < n; i++) {
		struct answer *c = strmap_get(cache, urls[i].url);
		if (c && fresh(c, now, o->max_age_s))
			got[i] = *c;
		else {
			got[i] = (struct answer){ANS_NONE, 0};
			todo[ntodo++] = i;
		}
	}
	if (ntodo) {
		curl_global_init(CURL_GLOBAL_DEFAULT);
		run_all(a, urls, todo, ntodo, got, o);
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
	save_cache(a, file, o->cache_dir, urls, n, got, old, nold, now,
	    o->max_age_s);
	strmap_free(cache);
	arena_free(a);
	return checked;
}
