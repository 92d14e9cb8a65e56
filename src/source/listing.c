/* listing: the lists of a source's files (source.h's source_list and
 * what model/listcache needs of a walk), split from source.c. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../core/i18n.h"
#include "../core/limits.h"
#include "source_impl.h"

static int hidden(const char *name)
{
	return name[0] == '.';
}

static int hidden_path(const char *path)
{
	for (const char *p = path; *p; p++)
		if ((p == path || p[-1] == '/') && *p == '.')
			return 1;
	return 0;
}

struct list {
	const char **paths;
	size_t n, cap;
	struct list *dirs;   /* when not NULL: each folder walked */
};

static void list_push(struct list *l, arena *a, const char *path)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 256;
		const char **p = arena_alloc(a, cap * sizeof *p);
		if (l->n)
			memcpy(p, l->paths, l->n * sizeof *p);
		l->paths = p;
		l->cap = cap;
	}
	l->paths[l->n++] = path;
}
static void walk_dir(source *s, const char *rel, arena *a, struct list *l,
    diag *d)
{
	size_t link;
	int fd = source_open_in(s, rel, O_RDONLY | O_DIRECTORY, &link);
	DIR *dir = fd >= 0 ? fdopendir(fd) : NULL;
	if (!dir) {
		if (link)
			source_report_link(s, rel, link, a, d);
		else
			diag_error(d, rel, 0, 0, _("cannot read folder: %s"),
			    strerror(errno));
		if (fd >= 0)
			close(fd);
		return;
	}
	if (l->dirs)
		list_push(l->dirs, a, rel);
	struct dirent *de;
	size_t rl = strlen(rel), sep = rel[rl - 1] != '/';
	while ((de = readdir(dir))) {
		if (hidden(de->d_name))
			continue;
		/* rel/name, joined by hand: a printf per file was most of a
		 * listing's time. */
		size_t nl = strlen(de->d_name);
		char *path = arena_alloc(a, rl + sep + nl + 1);
		memcpy(path, rel, rl);
		path[rl] = '/';
		memcpy(path + rl + sep, de->d_name, nl + 1);
		/* The folder entry's type saves an lstat per file where the
		 * file system gives it (most do). */
		if (de->d_type == DT_REG) {
			list_push(l, a, path);
			continue;
		}
		if (de->d_type == DT_DIR) {
			walk_dir(s, path, a, l, d);
			continue;
		}
		struct stat st;
		if (fstatat(dirfd(dir), de->d_name, &st, AT_SYMLINK_NOFOLLOW) !=
		    0)
			continue;
		if (S_ISLNK(st.st_mode))
			source_report_link(s, path, strlen(path), a, d);
		else if (S_ISDIR(st.st_mode))
			walk_dir(s, path, a, l, d);
		else if (S_ISREG(st.st_mode))
			list_push(l, a, path);
	}
	closedir(dir);
}

int source_cmp_path(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Adds the installed theme files the site does not have itself, keeping
 * the list sorted: the site's own file always wins. */
static void merge_fallback(source *s, const char *prefix, arena *a,
    struct list *l, diag *d)
{
	const char **fb;
	size_t nfb = source_list(s->fallback, prefix, a, &fb, d);
	if (nfb == 0)
		return;
	size_t own = l->n;
	for (size_t i = 0; i < nfb; i++) {
		if (own && bsearch(&fb[i], l->paths, own, sizeof *l->paths,
		    source_cmp_path))
			continue;
		list_push(l, a, fb[i]);
	}
	if (l->n > own)
		qsort(l->paths, l->n, sizeof *l->paths, source_cmp_path);
}

static size_t list_prefix(source *s, const char *prefix, arena *a,
    const char ***paths, struct list *dirs, diag *d)
{
	struct list l = {0};
	l.dirs = dirs;
	size_t plen = strlen(prefix);
	if (s->dir) {
		char *p = arena_strdup(a, prefix);
		if (plen && p[plen - 1] == '/')
			p[plen - 1] = '\0';
		size_t link;
		journal_list(s->journal, p);
		int fd = source_open_in(s, p, O_RDONLY | O_DIRECTORY, &link);
		if (fd >= 0) {
			close(fd);
			walk_dir(s, p, a, &l, d);
		} else if (link) {
			source_report_link(s, p, link, a, d);
		}
		if (l.n)
			qsort(l.paths, l.n, sizeof *l.paths, source_cmp_path);
	} else {
		for (size_t i = 0; i < s->nentries; i++) {
			struct entry *e = &s->entries[i];
			if (strncmp(e->path, prefix, plen) != 0 ||
			    hidden_path(e->path))
				continue;
			if (e->is_link) {
				source_link_error(s, e->path, 0, d);
				continue;
			}
			list_push(&l, a, arena_strdup(a, e->path));
		}
	}
	/* Each file costs a model entry, a job and an output file. */
	if (s->files_listed + l.n > LIMIT_FILES) {
		size_t keep = s->files_listed < LIMIT_FILES ?
		    LIMIT_FILES - s->files_listed : 0;
		/* TRANSLATORS: %d is the limit (LIMIT_FILES in README.md,
		 * "Limits"). */
		diag_error(d, l.paths[keep], 1, 1, _("the site has more than "
		    "%d files, this one included (the limit LIMIT_FILES): "
		    "move files out of content/ and themes/"), LIMIT_FILES);
		l.n = keep;
	}
	s->files_listed += l.n;
	if (s->fallback && (source_theme_path(prefix) || !strcmp(prefix, "themes")))
		merge_fallback(s, prefix, a, &l, d);
	*paths = l.paths;
	return l.n;
}

size_t source_list(source *s, const char *prefix, arena *a,
    const char ***paths, diag *d)
{
	return list_prefix(s, prefix, a, paths, NULL, d);
}

size_t source_list_folders(source *s, const char *prefix, arena *a,
    const char ***paths, const char ***folders, size_t *nfolders, diag *d)
{
	struct list dirs = {0};
	size_t n = list_prefix(s, prefix, a, paths, &dirs, d);
	*folders = dirs.paths;
	*nfolders = dirs.n;
	return n;
}

int source_folder_ident(source *s, const char *path, source_ident *id)
{
	struct stat st;
	size_t link;
	int fd = s->dir ? source_open_in(s, path, O_RDONLY | O_DIRECTORY, &link) : -1;
	if (fd < 0)
		return -1;
	int rc = fstat(fd, &st) == 0 && S_ISDIR(st.st_mode) ? 0 : -1;
	close(fd);
	if (rc == 0)
		*id = (source_ident){(unsigned long long)st.st_dev,
		    (unsigned long long)st.st_ino, 0,
		    (unsigned long long)st.st_mode,
		    st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec,
		    st.st_ctim.tv_sec * 1000000000LL + st.st_ctim.tv_nsec};
	return rc;
}

int source_take_listing(source *s, const char *prefix, size_t n)
{
	if (!s->dir || (s->fallback && (source_theme_path(prefix) ||
	    !strcmp(prefix, "themes"))) || s->files_listed + n >
	    LIMIT_FILES)
		return -1;
	char *p = strdup(prefix);
	if (!p)
		abort();
	size_t plen = strlen(p);
	if (plen && p[plen - 1] == '/')
		p[plen - 1] = '\0';
	journal_list(s->journal, p);
	free(p);
	s->files_listed += n;
	return 0;
}
