#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

struct output {
	char *dir;      /* the target, as given */
	char *tmp;      /* the folder being filled */
	int had_old;    /* the target existed: unchanged files link from it */
	pthread_mutex_t lock;
	size_t written, kept;
};

static int safe_path(const char *path)
{
	if (!*path || path[0] == '/')
		return 0;
	for (const char *p = path; *p;) {
		const char *slash = strchr(p, '/');
		size_t n = slash ? (size_t)(slash - p) : strlen(p);
		if (n == 0 || (n == 1 && p[0] == '.') ||
		    (n == 2 && p[0] == '.' && p[1] == '.'))
			return 0;
		p += n;
		if (*p == '/')
			p++;
	}
	return 1;
}

static int is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

output *output_begin(const char *dir, diag *d)
{
	size_t n = strlen(dir);
	while (n > 1 && dir[n - 1] == '/')
		n--;
	char *target = strndup(dir, n);
	struct stat st;
	if (lstat(target, &st) == 0 && !S_ISDIR(st.st_mode)) {
		diag_error(d, target, 0, 0, "output exists and is not a folder; "
		    "choose another --out");
		free(target);
		return NULL;
	}
	/* The new tree is made next to the target so that the swap is a
	 * rename on one file system. */
	char *slash = strrchr(target, '/');
	char tmpl[PATH_MAX];
	int len;
	if (slash)
		len = snprintf(tmpl, sizeof tmpl, "%.*s/.%s.tmp-XXXXXX",
		    (int)(slash - target), target, slash + 1);
	else
		len = snprintf(tmpl, sizeof tmpl, ".%s.tmp-XXXXXX", target);
	if (len < 0 || (size_t)len >= sizeof tmpl) {
		diag_error(d, target, 0, 0, "output path is too long");
		free(target);
		return NULL;
	}
	if (slash) {
		*slash = '\0';
		int ok = is_dir(*target ? target : "/");
		*slash = '/';
		if (!ok) {
			diag_error(d, target, 0, 0, "the folder that should "
			    "hold the output does not exist");
			free(target);
			return NULL;
		}
	}
	if (!mkdtemp(tmpl)) {
		diag_error(d, target, 0, 0, "cannot create a folder beside "
		    "the output: %s", strerror(errno));
		free(target);
		return NULL;
	}
	chmod(tmpl, 0755);
	output *o = calloc(1, sizeof *o);
	o->dir = target;
	o->tmp = strdup(tmpl);
	o->had_old = is_dir(target);
	pthread_mutex_init(&o->lock, NULL);
	return o;
}

/* mkdir -p for the folders of path inside root, deepest first: usually
 * only the last folder is missing. EEXIST from a racing worker is fine. */
static int make_dir(char *full, size_t rootlen)
{
	if (mkdir(full, 0755) == 0 || errno == EEXIST)
		return 0;
	if (errno != ENOENT)
		return -1;
	char *slash = strrchr(full, '/');
	if (!slash || (size_t)(slash - full) <= rootlen)
		return -1;
	*slash = '\0';
	int rc = make_dir(full, rootlen);
	*slash = '/';
	if (rc != 0)
		return -1;
	return mkdir(full, 0755) == 0 || errno == EEXIST ? 0 : -1;
}

static int make_parents(const char *root, const char *path)
{
	char full[PATH_MAX];
	int n = snprintf(full, sizeof full, "%s/%s", root, path);
	if (n < 0 || (size_t)n >= sizeof full)
		return -1;
	char *slash = strrchr(full, '/');
	size_t rootlen = strlen(root);
	if ((size_t)(slash - full) <= rootlen)
		return 0;   /* a file at the root */
	*slash = '\0';
	return make_dir(full, rootlen);
}

/* 1 when root/path holds exactly data. */
static int same_bytes(const char *full, const char *data, size_t len)
{
	int fd = open(full, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	struct stat st;
	int same = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    (size_t)st.st_size == len;
	char chunk[65536];
	size_t off = 0;
	while (same && off < len) {
		ssize_t r = read(fd, chunk, sizeof chunk);
		if (r <= 0 || off + (size_t)r > len ||
		    memcmp(chunk, data + off, (size_t)r) != 0)
			same = 0;
		else
			off += (size_t)r;
	}
	close(fd);
	return same;
}

int output_write(output *o, const char *path, const char *data, size_t len,
    diag *d)
{
	if (!safe_path(path)) {
		diag_error(d, path, 0, 0, "refusing to write outside the "
		    "output folder");
		return -1;
	}
	char full[PATH_MAX], old[PATH_MAX];
	int n = snprintf(full, sizeof full, "%s/%s", o->tmp, path);
	int m = snprintf(old, sizeof old, "%s/%s", o->dir, path);
	if (n < 0 || (size_t)n >= sizeof full || m < 0 ||
	    (size_t)m >= sizeof old) {
		diag_error(d, path, 0, 0, "output path is too long");
		return -1;
	}
	/* Folders are made only when a file cannot be created without
	 * them: one mkdir per folder, not one per file. */
	if (o->had_old && same_bytes(old, data, len)) {
		int rc = link(old, full);
		if (rc != 0 && errno == ENOENT && make_parents(o->tmp, path) == 0)
			rc = link(old, full);
		if (rc == 0) {
			pthread_mutex_lock(&o->lock);
			o->kept++;
			pthread_mutex_unlock(&o->lock);
			return 0;
		}
	}
	int fd = open(full, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0 && errno == ENOENT) {
		if (make_parents(o->tmp, path) != 0) {
			diag_error(d, path, 0, 0, "cannot create folder: %s",
			    strerror(errno));
			return -1;
		}
		fd = open(full, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	}
	if (fd < 0) {
		diag_error(d, path, 0, 0, errno == EEXIST ? "two pages want "
		    "the same output file" : "cannot create: %s",
		    strerror(errno));
		return -1;
	}
	size_t off = 0;
	while (off < len) {
		ssize_t w = write(fd, data + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			diag_error(d, path, 0, 0, "cannot write: %s",
			    strerror(errno));
			close(fd);
			return -1;
		}
		off += (size_t)w;
	}
	if (close(fd) != 0) {
		diag_error(d, path, 0, 0, "cannot write: %s", strerror(errno));
		return -1;
	}
	pthread_mutex_lock(&o->lock);
	o->written++;
	pthread_mutex_unlock(&o->lock);
	return 0;
}

static int rm_one(const char *path, const struct stat *st, int flag,
    struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void rm_tree(const char *dir)
{
	nftw(dir, rm_one, 32, FTW_DEPTH | FTW_PHYS);
}

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

static int exchange(const char *a, const char *b)
{
#ifdef SYS_renameat2
	return (int)syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b,
	    RENAME_EXCHANGE);
#else
	errno = ENOSYS;
	return -1;
#endif
}

int output_commit(output *o, diag *d)
{
	int rc = 0;
	if (!is_dir(o->dir)) {
		if (rename(o->tmp, o->dir) != 0) {
			diag_error(d, o->dir, 0, 0, "cannot put the output in "
			    "place: %s", strerror(errno));
			rm_tree(o->tmp);
			rc = -1;
		}
	} else if (exchange(o->tmp, o->dir) == 0) {
		rm_tree(o->tmp);   /* now holds the previous output */
	} else {
		/* No RENAME_EXCHANGE (old kernel, some file systems): move
		 * the old tree aside, then the new one in. */
		char aside[PATH_MAX];
		snprintf(aside, sizeof aside, "%s.old", o->tmp);
		if (rename(o->dir, aside) != 0 || rename(o->tmp, o->dir) != 0) {
			diag_error(d, o->dir, 0, 0, "cannot put the output in "
			    "place: %s", strerror(errno));
			if (!is_dir(o->dir))
				rename(aside, o->dir);
			rm_tree(o->tmp);
			rc = -1;
		} else {
			rm_tree(aside);
		}
	}
	pthread_mutex_destroy(&o->lock);
	free(o->dir);
	free(o->tmp);
	free(o);
	return rc;
}

void output_abort(output *o)
{
	if (!o)
		return;
	rm_tree(o->tmp);
	pthread_mutex_destroy(&o->lock);
	free(o->dir);
	free(o->tmp);
	free(o);
}

size_t output_written(const output *o) { return o->written; }
size_t output_kept(const output *o) { return o->kept; }
