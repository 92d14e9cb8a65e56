#include "linksink.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/arena.h"
#include "../core/strmap.h"

/* One worker's arena for what it scans; a worker takes a free one for
 * each file and gives it back, so no two threads share one. */
struct slot {
	arena *a;
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

static void scan_file_cb(void *ctx, const char *path, const char *data,
    size_t len)
{
	linksink *k = ctx;
	if (!scanned(path)) {
		pthread_mutex_lock(&k->lock);
		add(k, &(scan_file){.path = arena_strdup(k->a, path)});
		pthread_mutex_unlock(&k->lock);
		return;
	}
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
	scan_file f = {.path = arena_strdup(s->a, path)};
	linkscan_file(&f, s->a, data, len);
	pthread_mutex_lock(&k->lock);
	add(k, &f);
	s->next = k->free_slots;
	k->free_slots = s;
	pthread_mutex_unlock(&k->lock);
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

static void lines_file_cb(void *ctx, const char *path, const char *data,
    size_t len)
{
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
		/* libxml2 initialises itself once, before any worker. */
		linkscan_init();
		k->out.file = scan_file_cb;
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
		linkscan_free(&k->files[i]);
	free(k->files);
	while (k->free_slots) {
		struct slot *s = k->free_slots;
		k->free_slots = s->next;
		arena_free(s->a);
		free(s);
	}
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
