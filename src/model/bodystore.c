#include "bodystore.h"

#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../core/buf.h"
#include "../core/xalloc.h"
#include "mdcache.h"

struct bodystore {
	spill *html, *summaries;
	int statm;              /* /proc/self/statm, or -1 */
	atomic_long floor;      /* its file pages after the last release */
};

/* The process's resident pages that are a file's (statm's third field:
 * the spills' map, the Markdown cache's, the program's own code); -1 when
 * it cannot be read. */
static long file_pages(int fd)
{
	char b[128];
	ssize_t n = fd >= 0 ? pread(fd, b, sizeof b - 1, 0) : -1;
	if (n <= 0)
		return -1;
	b[n] = '\0';
	long size, rss, shared;
	return sscanf(b, "%ld %ld %ld", &size, &rss, &shared) == 3 ? shared :
	    -1;
}

bodystore *bodystore_open(const char *dir, size_t text_bytes)
{
	if (text_bytes < BODYSTORE_SPILL_FROM)
		return NULL;
	spill *html = spill_open(dir), *sum = html ? spill_open(dir) : NULL;
	if (!sum) {
		spill_free(html);
		return NULL;
	}
	bodystore *bs = xmalloc(sizeof *bs);
	bs->html = html;
	bs->summaries = sum;
	bs->statm = open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
	atomic_init(&bs->floor, file_pages(bs->statm));
	return bs;
}

void bodystore_free(bodystore *bs)
{
	if (!bs)
		return;
	spill_free(bs->html);
	spill_free(bs->summaries);
	if (bs->statm >= 0)
		close(bs->statm);
	free(bs);
}

/* The links' array into a, their strings into the HTML's spill, packed
 * (read only by pictures and check: ~25 MB at 100,000 posts). */
static void keep_links(bodystore *bs, const struct mdcache *mc, arena *a,
    md_result *r)
{
	md_link *links = arena_alloc(a, r->nlinks * sizeof *links);
	buf b = BUF_INIT;
	for (size_t k = 0; k < r->nlinks; k++) {
		links[k] = r->links[k];
		const char *s[] = {r->links[k].target, r->links[k].url};
		for (size_t m = 0; m < 2; m++)
			if (s[m] && !mdcache_owns(mc, s[m]))
				buf_put(&b, s[m], strlen(s[m]) + 1);
	}
	const char *packed = spill_put(bs->html, b.data, b.len);
	size_t at = 0;
	for (size_t k = 0; k < r->nlinks; k++) {
		const char **s[] = {&links[k].target, &links[k].url};
		for (size_t m = 0; m < 2; m++) {
			if (!*s[m] || mdcache_owns(mc, *s[m]))
				continue;
			size_t n = strlen(*s[m]) + 1;
			*s[m] = packed ? packed + at : arena_strdup(a, *s[m]);
			at += n;
		}
	}
	buf_free(&b);
	r->links = links;
}

/* The n strings *strs[k] into sp, or copied into a. */
static void put(spill *sp, arena *a, const char **strs[], size_t n)
{
	const char *in[2] = {NULL, NULL}, *out[2] = {NULL, NULL};
	for (size_t k = 0; k < n; k++)
		in[k] = *strs[k];
	if (spill_strs(sp, in, n, out) != 0)
		for (size_t k = 0; k < n; k++)
			out[k] = in[k] ? arena_strdup(a, in[k]) : NULL;
	for (size_t k = 0; k < n; k++)
		*strs[k] = out[k];
}

void bodystore_keep(bodystore *bs, const struct mdcache *mc, arena *a,
    md_result *r)
{
	if (!bs)
		return;
	if (r->nlinks)
		keep_links(bs, mc, a, r);
	/* Summaries are packed together even when the cache's map has them:
	 * in the map each is beside its body. */
	put(bs->summaries, a, (const char **[]){&r->summary_html,
	    &r->summary_text}, 2);
	if (!mdcache_owns(mc, r->html))
		put(bs->html, a, (const char **[]){&r->html}, 1);
}

void bodystore_keep_event(bodystore *bs, const struct mdcache *mc,
    arena *a, md_result *r)
{
	if (!bs)
		return;
	const char *text = r->summary_text;
	r->summary_text = NULL;
	bodystore_keep(bs, mc, a, r);
	r->summary_text = text ? arena_strdup(a, text) : NULL;
}

void bodystore_release(const site *s)
{
	if (s->bodies) {
		spill_release(s->bodies->html);
		/* The summaries of a small site stay: tag pages read them
		 * in every tag's order, and each read after a release is a
		 * fault. */
		if (spill_bytes(s->bodies->summaries) > BODYSTORE_SUMMARIES_KEEP)
			spill_release(s->bodies->summaries);
	}
	mdcache_release(s->mdcache);
	if (s->bodies)
		atomic_store(&s->bodies->floor, file_pages(s->bodies->statm));
}

void bodystore_check(const site *s)
{
	/* A small site has nothing to give back: the Markdown cache's map
	 * of a warm build stays as it was read. */
	if (!s->bodies)
		return;
	long now = file_pages(s->bodies->statm);
	/* Without a count, every check gives the pages back. */
	if (now < 0 || now - atomic_load(&s->bodies->floor) >
	    (long)(BODYSTORE_WINDOW_BYTES / (size_t)sysconf(_SC_PAGESIZE)))
		bodystore_release(s);
}

void bodystore_tick(const site *s, size_t i)
{
	if (i % BODYSTORE_CHECK_EVERY == BODYSTORE_CHECK_EVERY - 1)
		bodystore_check(s);
}
