#include "watch.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#define TREE_MASK (IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | \
    IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB | IN_DELETE_SELF | \
    IN_MOVE_SELF | IN_ONLYDIR)
#define ROOT_MASK (IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | \
    IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB | IN_ONLYDIR)

struct dirwatch {
	int wd;
	char *path;     /* as given to inotify */
	int is_root;    /* the repository itself: only some names count */
};

/* A file written to and not closed yet: (folder's watch, name). */
struct writing {
	int wd;
	char *name;
};

struct watch {
	int fd;
	char *root;
	struct dirwatch *dirs;
	size_t n, cap;
	struct writing *open;   /* saves under way */
	size_t nopen, capopen;
};

/* The folders the build reads from, under the repository root. */
static const char *const trees[] = {"content", "themes", NULL};

static int ignored(const char *name)
{
	size_t n = strlen(name);
	return name[0] == '.' || (n && name[n - 1] == '~');
}

static struct dirwatch *find(watch *w, int wd)
{
	for (size_t i = 0; i < w->n; i++)
		if (w->dirs[i].wd == wd)
			return &w->dirs[i];
	return NULL;
}

/* ---- saves under way -------------------------------------------- */

static size_t find_open(const watch *w, int wd, const char *name)
{
	for (size_t i = 0; i < w->nopen; i++)
		if (w->open[i].wd == wd && !strcmp(w->open[i].name, name))
			return i;
	return w->nopen;
}

static void open_add(watch *w, int wd, const char *name)
{
	if (find_open(w, wd, name) < w->nopen)
		return;
	if (w->nopen == w->capopen) {
		w->capopen = w->capopen ? w->capopen * 2 : 16;
		w->open = realloc(w->open, w->capopen * sizeof *w->open);
		if (!w->open)
			abort();
	}
	char *copy = strdup(name);
	if (!copy)
		abort();
	w->open[w->nopen++] = (struct writing){wd, copy};
}

static void open_remove_at(watch *w, size_t i)
{
	free(w->open[i].name);
	w->open[i] = w->open[--w->nopen];
}

static void open_remove(watch *w, int wd, const char *name)
{
	size_t i = find_open(w, wd, name);
	if (i < w->nopen)
		open_remove_at(w, i);
}

/* The folder wd is gone: so are the saves in it. */
static void open_remove_dir(watch *w, int wd)
{
	for (size_t i = w->nopen; i-- > 0;)
		if (w->open[i].wd == wd)
			open_remove_at(w, i);
}

int watch_writing(const watch *w)
{
	return w->nopen > 0;
}

void watch_forget_writes(watch *w)
{
	while (w->nopen)
		open_remove_at(w, w->nopen - 1);
}

/* Keeps track of saves under way from one event on the file name in the
 * folder dw: a write opens one, and the writer's close, or the file
 * going away, ends it. A new regular file is being written until it is
 * closed; a new folder, symbolic link or other file is complete. */
static void track(watch *w, const struct dirwatch *dw,
    const struct inotify_event *ev, const char *name)
{
	if (!*name || (ev->mask & IN_ISDIR))
		return;
	if (ev->mask & IN_MODIFY)
		open_add(w, ev->wd, name);
	if (ev->mask & IN_CREATE) {
		char path[PATH_MAX];
		struct stat st;
		int n = snprintf(path, sizeof path, "%s/%s", dw->path, name);
		if (n > 0 && (size_t)n < sizeof path &&
		    lstat(path, &st) == 0 && S_ISREG(st.st_mode))
			open_add(w, ev->wd, name);
	}
	if (ev->mask & (IN_CLOSE_WRITE | IN_DELETE | IN_MOVED_FROM))
		open_remove(w, ev->wd, name);
}

/* ---- folders -------------------------------------------------------- */

static void forget(watch *w, int wd)
{
	for (size_t i = 0; i < w->n; i++)
		if (w->dirs[i].wd == wd) {
			free(w->dirs[i].path);
			w->dirs[i] = w->dirs[--w->n];
			return;
		}
}

static void add_one(watch *w, const char *path, int is_root)
{
	int wd = inotify_add_watch(w->fd, path, is_root ? ROOT_MASK :
	    TREE_MASK);
	if (wd < 0)
		return;   /* gone already */
	struct dirwatch *known = find(w, wd);
	if (known) {      /* watched: moved here, or seen again */
		free(known->path);
		known->path = strdup(path);
		return;
	}
	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 64;
		w->dirs = realloc(w->dirs, w->cap * sizeof *w->dirs);
		if (!w->dirs)
			abort();
	}
	w->dirs[w->n++] = (struct dirwatch){wd, strdup(path), is_root};
}

/* Watches dir and every folder under it. */
static void add_tree(watch *w, const char *dir)
{
	add_one(w, dir, 0);
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (ignored(e->d_name))
			continue;
		char sub[PATH_MAX];
		int n = snprintf(sub, sizeof sub, "%s/%s", dir, e->d_name);
		if (n < 0 || (size_t)n >= sizeof sub)
			continue;
		struct stat st;
		if (stat(sub, &st) == 0 && S_ISDIR(st.st_mode))
			add_tree(w, sub);
	}
	closedir(d);
}

watch *watch_new(const char *root)
{
	watch *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (w->fd < 0) {
		free(w);
		return NULL;
	}
	w->root = strdup(root);
	add_one(w, root, 1);
	for (const char *const *t = trees; *t; t++) {
		char dir[PATH_MAX];
		snprintf(dir, sizeof dir, "%s/%s", root, *t);
		add_tree(w, dir);
	}
	return w;
}

void watch_free(watch *w)
{
	if (!w)
		return;
	for (size_t i = 0; i < w->n; i++)
		free(w->dirs[i].path);
	free(w->dirs);
	watch_forget_writes(w);
	free(w->open);
	free(w->root);
	close(w->fd);
	free(w);
}

int watch_fd(const watch *w)
{
	return w->fd;
}

static int is_tree(const char *name)
{
	for (const char *const *t = trees; *t; t++)
		if (!strcmp(name, *t))
			return 1;
	return 0;
}

int watch_read(watch *w)
{
	_Alignas(struct inotify_event) char events[16384];
	int changed = 0;
	for (;;) {
		ssize_t len = read(w->fd, events, sizeof events);
		if (len < 0 && errno == EINTR)
			continue;
		if (len < 0 && errno == EAGAIN)
			return changed;
		if (len <= 0)
			return -1;
		for (char *p = events; p < events + len;) {
			struct inotify_event *ev = (struct inotify_event *)p;
			p += sizeof *ev + ev->len;
			if (ev->mask & IN_Q_OVERFLOW) {
				/* Lost events: rebuild, and wait no longer
				 * for closes that may have been lost too. */
				changed = 1;
				watch_forget_writes(w);
				continue;
			}
			if (ev->mask & IN_IGNORED) {
				open_remove_dir(w, ev->wd);
				forget(w, ev->wd);
				continue;
			}
			struct dirwatch *dw = find(w, ev->wd);
			if (!dw)
				continue;
			const char *name = ev->len ? ev->name : "";
			if (dw->is_root) {
				/* site.yaml, or content/ or themes/ made or
				 * replaced. */
				if (!strcmp(name, "site.yaml")) {
					changed = 1;
					track(w, dw, ev, name);
				} else if (is_tree(name)) {
					changed = 1;
					char dir[PATH_MAX];
					snprintf(dir, sizeof dir, "%s/%s",
					    w->root, name);
					if (ev->mask & (IN_CREATE | IN_MOVED_TO))
						add_tree(w, dir);
				}
				continue;
			}
			if (*name && ignored(name))
				continue;
			changed = 1;
			track(w, dw, ev, name);
			if ((ev->mask & IN_ISDIR) &&
			    (ev->mask & (IN_CREATE | IN_MOVED_TO))) {
				char dir[PATH_MAX];
				int n = snprintf(dir, sizeof dir, "%s/%s",
				    dw->path, name);
				if (n > 0 && (size_t)n < sizeof dir)
					add_tree(w, dir);
			}
		}
	}
}
