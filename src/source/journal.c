#include "journal.h"

#include <dirent.h>
#include <stdio.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../core/pool.h"
#include "../core/strmap.h"
#include "../core/xalloc.h"
#include "safeopen.h"

struct journal {
	char *root;
	pthread_mutex_t lock;
	strmap *seen;          /* every entry once: "L path" or "F path" */
	char **lists, **files; /* in the order first seen */
	size_t nlists, nfiles, caplists, capfiles;
};

journal *journal_new(const char *root)
{
	journal *j = calloc(1, sizeof *j);
	if (!j)
		abort();
	/* The record must name the same folder from any working folder. */
	j->root = realpath(root, NULL);
	if (!j->root && !(j->root = strdup(root)))
		abort();
	pthread_mutex_init(&j->lock, NULL);
	j->seen = strmap_new();
	return j;
}

void journal_free(journal *j)
{
	if (!j)
		return;
	for (size_t i = 0; i < j->nlists; i++)
		free(j->lists[i]);
	for (size_t i = 0; i < j->nfiles; i++)
		free(j->files[i]);
	free(j->lists);
	free(j->files);
	strmap_free(j->seen);
	pthread_mutex_destroy(&j->lock);
	free(j->root);
	free(j);
}

static void add(journal *j, char kind, const char *path, char ***v,
    size_t *n, size_t *cap)
{
	size_t len = strlen(path);
	char *key = malloc(len + 3);
	if (!key)
		abort();
	key[0] = kind;
	key[1] = ' ';
	memcpy(key + 2, path, len + 1);
	pthread_mutex_lock(&j->lock);
	if (strmap_get(j->seen, key)) {
		pthread_mutex_unlock(&j->lock);
		free(key);
		return;
	}
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		*v = realloc(*v, *cap * sizeof **v);
		if (!*v)
			abort();
	}
	(*v)[(*n)++] = key;
	strmap_put_new(j->seen, key, key);
	pthread_mutex_unlock(&j->lock);
}

const char *journal_root(const journal *j)
{
	return j->root;
}

void journal_list(journal *j, const char *prefix)
{
	if (j)
		add(j, 'L', prefix, &j->lists, &j->nlists, &j->caplists);
}

static int below(const char *path, const char *prefix);

void journal_file(journal *j, const char *path)
{
	if (!j)
		return;
	/* A file in a listed folder is in the record already: every
	 * Markdown file of a build comes here, from all its workers. */
	pthread_mutex_lock(&j->lock);
	size_t k = 0;
	while (k < j->nlists && !below(path, j->lists[k] + 2))
		k++;
	pthread_mutex_unlock(&j->lock);
	if (k == j->nlists)
		add(j, 'F', path, &j->files, &j->nfiles, &j->capfiles);
}

/* 1 when path lies in the folder prefix ("content/" or "content"). */
static int below(const char *path, const char *prefix)
{
	size_t n = strlen(prefix);
	while (n && prefix[n - 1] == '/')
		n--;
	return n && !strncmp(path, prefix, n) && path[n] == '/';
}

static void put_line(buf *out, char kind, const char *s)
{
	buf_printf(out, "%c %zu:", kind, strlen(s));
	buf_puts(out, s);
	buf_putc(out, '\n');
}

void journal_write(journal *j, buf *out)
{
	pthread_mutex_lock(&j->lock);
	put_line(out, 'R', j->root);
	for (size_t i = 0; i < j->nlists; i++)
		put_line(out, 'L', j->lists[i] + 2);
	for (size_t i = 0; i < j->nfiles; i++) {
		const char *f = j->files[i] + 2;
		size_t k = 0;
		while (k < j->nlists && !below(f, j->lists[k] + 2))
			k++;
		if (k == j->nlists)
			put_line(out, 'F', f);
	}
	pthread_mutex_unlock(&j->lock);
}

/* ---- the digest ---- */

struct walk {
	hash128 sum;      /* of every entry, added: readdir's order is free */
	int64_t newest;
	const journal_hooks *hooks;
	const char *root;
};

static int64_t ns(struct timespec t)
{
	return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

/* One file's or folder's state under name. */
static void note(struct walk *w, const char *name, const struct stat *st)
{
	hash_state *h = hash_begin();
	hash_add_str(h, name);
	hash_add_u64(h, (uint64_t)st->st_mode);
	hash_add_u64(h, (uint64_t)st->st_ino);
	hash_add_u64(h, (uint64_t)st->st_size);
	hash_add_u64(h, (uint64_t)ns(st->st_mtim));
	hash_add_u64(h, (uint64_t)ns(st->st_ctim));
	hash128 e = hash_end(h);
	w->sum.lo += e.lo;
	w->sum.hi += e.hi;
	if (ns(st->st_ctim) > w->newest)
		w->newest = ns(st->st_ctim);
	if (ns(st->st_mtim) > w->newest)
		w->newest = ns(st->st_mtim);
	if (w->hooks && w->hooks->saw && S_ISREG(st->st_mode))
		w->hooks->saw(w->hooks->ctx, w->root, name, st);
}

static void absent(struct walk *w, const char *name)
{
	hash128 e = hash_bytes(name, strlen(name));
	w->sum.lo += ~e.lo;
	w->sum.hi += ~e.hi;
}

/* rel under the folder rootfd, following no link on the way (as the
 * source reads): -1 when a part is missing or a link. */
static int open_rel(int rootfd, const char *rel, int flags)
{
	return safeopen(rootfd, NULL, rel, flags, NULL);
}

/* Folders left for later (walk_dir's defer), by path: opened only when
 * walked, so that a folder of thousands of folders holds no thousands of
 * descriptors. */
struct later {
	char **rel;
	size_t n, cap;
};

static void later_add(struct later *l, const char *rel)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->rel = xrealloc(l->rel, l->cap * sizeof *l->rel);
	}
	if (!(l->rel[l->n++] = strdup(rel)))
		xalloc_fail();
}

static void later_free(struct later *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->rel[i]);
	free(l->rel);
	memset(l, 0, sizeof *l);
}

/* The folder open at fd (taken) and everything below it; with defer, the
 * folders in it are only added there, for a later walk. */
static void walk_dir(struct walk *w, int fd, const char *rel,
    struct later *defer)
{
	struct stat st;
	DIR *dir = fdopendir(fd);
	if (!dir) {
		close(fd);
		absent(w, rel);
		return;
	}
	if (fstat(dirfd(dir), &st) == 0)
		note(w, rel, &st);
	struct dirent *de;
	char path[PATH_MAX];
	while ((de = readdir(dir))) {
		if (de->d_name[0] == '.')
			continue;
		if ((size_t)snprintf(path, sizeof path, "%s/%s", rel,
		    de->d_name) >= sizeof path)
			continue;
		/* A file this build statted already (the reuse test's walk,
		 * source_remember) is not statted again. */
		int known = de->d_type == DT_REG && w->hooks &&
		    w->hooks->known && w->hooks->known(w->hooks->ctx,
		    w->root, path, &st);
		if (!known && fstatat(dirfd(dir), de->d_name, &st,
		    AT_SYMLINK_NOFOLLOW))
			continue;
		if (S_ISDIR(st.st_mode) && defer) {
			later_add(defer, path);
		} else if (S_ISDIR(st.st_mode)) {
			int sub = openat(dirfd(dir), de->d_name, O_RDONLY |
			    O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			if (sub < 0)
				absent(w, path);
			else
				walk_dir(w, sub, path, NULL);
		} else {
			note(w, path, &st);
		}
	}
	closedir(dir);
}

/* The walk of a listed folder on threads: the folders a few levels down
 * are walked as tasks, each into a sum of its own. The sums add up as
 * one walk's (readdir's order is free already), so the digest is the
 * same on any number of threads. */
enum { WALK_LEVELS = 3, WALK_TASKS_A_THREAD = 8 };

struct par {
	const struct later *l;
	int rootfd;
	struct walk *w;         /* one a worker */
	int defer;              /* walk_task only lists, into next */
	struct later *next;
};

/* Folder i of P->l, opened from the root following no link (as the
 * record's own folders are), walked whole, or only listed into P->next
 * when P->defer (on this thread: the list is not shared). */
static void walk_one(struct par *P, size_t i, struct walk *w)
{
	const char *rel = P->l->rel[i];
	int fd = open_rel(P->rootfd, rel, O_RDONLY | O_DIRECTORY);
	if (fd < 0)
		absent(w, rel);
	else
		walk_dir(w, fd, rel, P->defer ? P->next : NULL);
}

static void walk_task(void *ctx, size_t i, int worker)
{
	struct par *P = ctx;
	walk_one(P, i, &P->w[worker]);
}

static void walk(struct walk *w, int rootfd, int fd, const char *rel,
    int threads)
{
	if (threads <= 1) {
		walk_dir(w, fd, rel, NULL);
		return;
	}
	struct later now = {0}, next = {0};
	walk_dir(w, fd, rel, &now);
	struct par P = {&now, rootfd, NULL, 1, &next};
	for (int level = 1; level < WALK_LEVELS && now.n &&
	    now.n < (size_t)threads * WALK_TASKS_A_THREAD; level++) {
		for (size_t i = 0; i < now.n; i++)
			walk_one(&P, i, w);
		later_free(&now);
		now = next;
		memset(&next, 0, sizeof next);
	}
	struct walk *ws = xcalloc((size_t)threads, sizeof *ws);
	for (int t = 0; t < threads; t++)
		ws[t] = (struct walk){{0, 0}, 0, w->hooks, w->root};
	P = (struct par){&now, rootfd, ws, 0, NULL};
	pool_run(threads, now.n, walk_task, &P);
	for (int t = 0; t < threads; t++) {
		w->sum.lo += ws[t].sum.lo;
		w->sum.hi += ws[t].sum.hi;
		if (ws[t].newest > w->newest)
			w->newest = ws[t].newest;
	}
	free(ws);
	later_free(&now);
}

/* Reads `KIND LEN:BYTES\n` at *p; 0, or -1 at a malformed line. */
static int get_line(const char **p, const char *end, char *kind,
    char *val, size_t cap)
{
	const char *s = *p;
	if (end - s < 4 || s[1] != ' ')
		return -1;
	*kind = s[0];
	char *colon;
	unsigned long n = strtoul(s + 2, &colon, 10);
	if (colon >= end || *colon != ':' || n >= cap ||
	    (size_t)(end - colon - 1) < n + 1 || colon[1 + n] != '\n')
		return -1;
	memcpy(val, colon + 1, n);
	val[n] = '\0';
	*p = colon + 2 + n;
	return 0;
}

int journal_digest(const char *rec, size_t len, hash128 *out,
    int64_t *newest, const journal_hooks *hooks, int threads)
{
	const char *p = rec, *end = rec + len;
	struct walk w = {{0, 0}, 0, hooks, NULL};
	char root[PATH_MAX];
	hash_state *h = hash_begin();
	int rootfd = -1, bad = 0;
	char kind, val[PATH_MAX];
	while (p < end && !bad) {
		if (get_line(&p, end, &kind, val, sizeof val) != 0) {
			bad = 1;
			break;
		}
		hash_add(h, &kind, 1);
		hash_add_str(h, val);
		struct stat st;
		int fd;
		switch (kind) {
		case 'R':
			if (rootfd >= 0)
				close(rootfd);
			rootfd = open(val, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
			if (rootfd < 0)
				absent(&w, val);
			memcpy(root, val, strlen(val) + 1);
			w.root = root;
			break;
		case 'L':
			if (rootfd < 0)
				break;
			fd = open_rel(rootfd, val, O_RDONLY | O_DIRECTORY);
			if (fd >= 0)
				walk(&w, rootfd, fd, val, threads);
			else
				absent(&w, val);
			break;
		case 'F':
			if (rootfd < 0)
				break;
			fd = open_rel(rootfd, val, O_RDONLY | O_NONBLOCK);
			if (fd >= 0 && fstat(fd, &st) == 0)
				note(&w, val, &st);
			else
				absent(&w, val);
			if (fd >= 0)
				close(fd);
			break;
		case 'C':     /* a revision: its id says it all */
			break;
		default:
			bad = 1;
		}
		/* Each record's walk counts where it stands. */
		hash_add_hash(h, w.sum);
	}
	if (rootfd >= 0)
		close(rootfd);
	*out = hash_end(h);
	*newest = w.newest;
	return bad ? -1 : 0;
}
