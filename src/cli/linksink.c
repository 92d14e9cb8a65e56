#include "linksink.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/arena.h"
#include "../core/cachedir.h"
#include "../core/strmap.h"
#include "../core/xmlpart.h"
#include "linkrecord.h"

/* One worker's arena for what it scans; a worker takes a free one for
 * each file and gives it back, so no two threads share one. */
struct slot {
	arena *a;
	scan_urls urls;          /* the addresses met with this arena */
	struct slot *next;
};

/* The lines wanted of one file, and what they hold once it is made. */
struct want {
	int *lines;
	const char **text;
	size_t n, cap;
};

struct linksink {
	output_sink out;
	int lines_only;          /* a lines sink */
	pthread_mutex_t lock;    /* guards what follows */
	arena *a;                /* paths, kept lines */
	struct slot *free_slots;   /* every slot, once the build is done */
	scan_file *files;
	size_t nfiles, cap;
	int sorted;
	size_t fresh, taken;     /* files with a key scanned; taken from the
	                          * record */
	const char *cache_dir, *record_file;   /* or NULL */
	linkrecord *record;      /* the last check's, or NULL */
	scan_url **urls;         /* every slot's, for linksink_urls */
	size_t nurls;
	strmap *wanted;          /* path → struct want * (lines sink) */
};

static int by_path(const void *x, const void *y)
{
	return strcmp(((const scan_file *)x)->path,
	    ((const scan_file *)y)->path);
}

/* linkscan reads only these kinds; the others are only a path. */
static int scanned(const char *path)
{
	static const char *const exts[] = {".html", ".htm", ".xml", ".ics",
	    NULL};
	size_t n = strlen(path);
	if (!strcmp(path, "robots.txt"))
		return 1;
	for (size_t k = 0; exts[k]; k++) {
		size_t e = strlen(exts[k]);
		if (n >= e && !strcasecmp(path + n - e, exts[k]))
			return 1;
	}
	return 0;
}

static void add(linksink *k, const scan_file *f)
{
	if (k->nfiles == k->cap) {
		k->cap = k->cap ? k->cap * 2 : 1024;
		k->files = realloc(k->files, k->cap * sizeof *k->files);
		if (!k->files)
			abort();
	}
	k->files[k->nfiles++] = *f;
}

/* A free slot for this thread (a new one when none is free). */
static struct slot *take_slot(linksink *k)
{
	pthread_mutex_lock(&k->lock);
	struct slot *s = k->free_slots;
	if (s) {
		k->free_slots = s->next;
	} else {
		s = calloc(1, sizeof *s);
		if (!s)
			abort();
		s->a = arena_new();
	}
	pthread_mutex_unlock(&k->lock);
	return s;
}

/* Adds f (may be NULL), made with slot s (or none), scanned or taken
 * from the record, and gives s back. */
static void done_with(linksink *k, struct slot *s, const scan_file *f,
    int taken)
{
	pthread_mutex_lock(&k->lock);
	if (f) {
		add(k, f);
		if (taken)
			k->taken++;
		else if (!hash_is_zero(f->key))
			k->fresh++;
	}
	if (s) {
		s->next = k->free_slots;
		k->free_slots = s;
	}
	pthread_mutex_unlock(&k->lock);
}

static void scan_file_cb(void *ctx, const char *path, hash128 key,
    const char *data, size_t len)
{
	linksink *k = ctx;
	if (!scanned(path)) {
		pthread_mutex_lock(&k->lock);
		char *p = arena_strdup(k->a, path);
		pthread_mutex_unlock(&k->lock);
		done_with(k, NULL, &(scan_file){.path = p, .key = key}, 0);
		return;
	}
	struct slot *s = take_slot(k);
	scan_file f = {.path = arena_strdup(s->a, path), .key = key};
	xmlpart()->linkscan_file(&f, s->a, &s->urls, data, len);
	done_with(k, s, &f, 0);
}

/* A page the record holds for key: taken, not made. */
static int scan_keep_cb(void *ctx, const char *path, hash128 key)
{
	linksink *k = ctx;
	if (!k->record)
		return 0;
	struct slot *s = take_slot(k);
	scan_file f = {.path = arena_strdup(s->a, path)};
	int took = linkrecord_take(k->record, path, key, &f, s->a);
	done_with(k, s, took ? &f : NULL, 1);
	return took;
}

static void scan_open_cb(void *ctx, const char *cache_dir)
{
	linksink *k = ctx;
	if (!cache_dir)
		return;
	k->cache_dir = arena_strdup(k->a, cache_dir);
	k->record_file = arena_printf(k->a, "%s/links", cache_dir);
	k->record = linkrecord_read(k->record_file);
}

/* The line-th line of data[0..len), with its newline, or NULL. */
static const char *nth_line(arena *a, const char *data, size_t len,
    int line)
{
	const char *p = data, *end = data + len;
	for (int n = 1; n < line; n++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			return NULL;
		p = nl + 1;
	}
	if (p >= end)
		return NULL;
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	return arena_strndup(a, p, nl ? (size_t)(nl - p) + 1 :
	    (size_t)(end - p));
}

static void lines_file_cb(void *ctx, const char *path, hash128 key,
    const char *data, size_t len)
{
	(void)key;
	linksink *k = ctx;
	/* The map is only read while the build runs. */
	struct want *w = strmap_get(k->wanted, path);
	if (!w)
		return;
	pthread_mutex_lock(&k->lock);
	for (size_t i = 0; i < w->n; i++)
		w->text[i] = nth_line(k->a, data, len, w->lines[i]);
	pthread_mutex_unlock(&k->lock);
}

/* Pages with no wanted line are not made at all. */
static int lines_skip_cb(void *ctx, const char *path)
{
	linksink *k = ctx;
	return strmap_get(k->wanted, path) == NULL;
}

static linksink *make(int lines_only)
{
	linksink *k = calloc(1, sizeof *k);
	if (!k)
		abort();
	k->lines_only = lines_only;
	k->a = arena_new();
	pthread_mutex_init(&k->lock, NULL);
	k->out.ctx = k;
	if (lines_only) {
		k->wanted = strmap_new();
		k->out.file = lines_file_cb;
		k->out.skip = lines_skip_cb;
	} else {
		/* libxml2 initialises itself once, before any worker;
		 * check_main made sure the part loads. */
		xmlpart()->linkscan_init();
		k->out.file = scan_file_cb;
		k->out.keep = scan_keep_cb;
		k->out.open = scan_open_cb;
	}
	return k;
}

linksink *linksink_new(void) { return make(0); }
linksink *linksink_new_lines(void) { return make(1); }

void linksink_free(linksink *k)
{
	if (!k)
		return;
	for (size_t i = 0; i < k->nfiles; i++)
		xmlpart()->linkscan_free(&k->files[i]);
	free(k->files);
	while (k->free_slots) {
		struct slot *s = k->free_slots;
		k->free_slots = s->next;
		xmlpart()->scan_urls_free(&s->urls);
		arena_free(s->a);
		free(s);
	}
	free(k->urls);
	linkrecord_free(k->record);
	if (k->wanted) {
		/* The wants are in the arena. */
		strmap_free(k->wanted);
	}
	pthread_mutex_destroy(&k->lock);
	arena_free(k->a);
	free(k);
}

const output_sink *linksink_output(linksink *k) { return &k->out; }

scan_file *linksink_files(linksink *k, size_t *n)
{
	/* Sorted, so the errors come in the same order on every run,
	 * whichever worker made which file. */
	if (!k->sorted && k->nfiles)
		qsort(k->files, k->nfiles, sizeof *k->files, by_path);
	k->sorted = 1;
	*n = k->nfiles;
	return k->files;
}

scan_url **linksink_urls(linksink *k, size_t *n)
{
	if (!k->urls) {
		size_t total, kept;
		scan_url **rec = linkrecord_urls(k->record, &kept);
		total = kept;
		for (const struct slot *s = k->free_slots; s; s = s->next)
			total += s->urls.n;
		k->urls = malloc((total + 1) * sizeof *k->urls);
		if (!k->urls)
			abort();
		if (kept)
			memcpy(k->urls, rec, kept * sizeof *k->urls);
		k->nurls = kept;
		for (const struct slot *s = k->free_slots; s; s = s->next) {
			if (s->urls.n)
				memcpy(k->urls + k->nurls, s->urls.v,
				    s->urls.n * sizeof *k->urls);
			k->nurls += s->urls.n;
		}
	}
	*n = k->nurls;
	return k->urls;
}

void linksink_save(linksink *k)
{
	if (!k->record_file)
		return;
	/* $SAITTI_DEBUG_LINKS: for the tests and the curious. */
	if (getenv("SAITTI_DEBUG_LINKS"))
		fprintf(stderr, "saitti: links: %zu files from the record, "
		    "%zu scanned\n", k->taken, k->fresh);
	/* Nothing scanned anew, nothing gone: the record stands. */
	if (!k->fresh && k->record && k->taken ==
	    linkrecord_files(k->record))
		return;
	if (cachedir_make(k->cache_dir) == 0)
		linkrecord_write(k->record_file, k->files, k->nfiles);
}

void linksink_want(linksink *k, const char *path, int line)
{
	struct want *w = strmap_get(k->wanted, path);
	if (!w) {
		w = arena_alloc(k->a, sizeof *w);
		strmap_set(k->wanted, arena_strdup(k->a, path), w);
	}
	for (size_t i = 0; i < w->n; i++)
		if (w->lines[i] == line)
			return;
	if (w->n == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 4;
		int *l = arena_alloc(k->a, cap * sizeof *l);
		const char **t = arena_alloc(k->a, cap * sizeof *t);
		if (w->n) {
			memcpy(l, w->lines, w->n * sizeof *l);
			memcpy(t, w->text, w->n * sizeof *t);
		}
		w->lines = l;
		w->text = t;
		w->cap = cap;
	}
	w->lines[w->n++] = line;
}

const char *linksink_line(const linksink *k, const char *path, int line)
{
	const struct want *w = k->wanted ? strmap_get(k->wanted, path) : NULL;
	for (size_t i = 0; w && i < w->n; i++)
		if (w->lines[i] == line)
			return w->text[i];
	return NULL;
}
