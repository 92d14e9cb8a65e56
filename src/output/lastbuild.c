#include "lastbuild.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct lastbuild {
	pthread_t thread;
	char *out, *manifest;
	int check;               /* stat the files (lastbuild_start) */
	int ok;                  /* files holds the read */
	uint64_t dev, ino;       /* the output folder's, when read */
	struct stat seen;        /* the manifest's, before it was read */
	lastbuild_files files;
};

int lastbuild_read(const char *manifest, uint64_t dev, uint64_t ino,
    lastbuild_files *f)
{
	*f = (lastbuild_files){0};
	if (manifest_read(manifest, dev, ino, &f->m) != 0)
		return -1;
	f->map = strmap_new();
	for (size_t i = 0; i < f->m.n; i++)
		if (strmap_put_new(f->map, f->m.entries[i].path,
		    &f->m.entries[i])) {
			/* One path twice: not a manifest saitti wrote. */
			lastbuild_files_free(f);
			return -1;
		}
	return 0;
}

void lastbuild_files_free(lastbuild_files *f)
{
	strmap_free(f->map);
	manifest_free(&f->m);
	*f = (lastbuild_files){0};
}

/* Marks the entries whose files stand in the folder that was read, by
 * the folder's own handle (the same device and inode as the read's). */
static void check_files(lastbuild *lb)
{
	struct stat dir, st;
	int fd = open(lb->out, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return;
	if (fstat(fd, &dir) == 0 && (uint64_t)dir.st_dev == lb->dev &&
	    (uint64_t)dir.st_ino == lb->ino) {
		manifest_list *m = &lb->files.m;
		for (size_t i = 0; i < m->n; i++) {
			manifest_entry *e = &m->entries[i];
			e->stood = fstatat(fd, e->path, &st,
			    AT_SYMLINK_NOFOLLOW) == 0 &&
			    manifest_stands(e, &st);
		}
	}
	close(fd);
}

static void *read_main(void *arg)
{
	lastbuild *lb = arg;
	struct stat dir;
	/* The manifest's identity first: a manifest that changes after
	 * this is seen changed at the take. */
	if (stat(lb->out, &dir) != 0 || !S_ISDIR(dir.st_mode) ||
	    lstat(lb->manifest, &lb->seen) != 0)
		return NULL;
	lb->dev = (uint64_t)dir.st_dev;
	lb->ino = (uint64_t)dir.st_ino;
	lb->ok = lastbuild_read(lb->manifest, lb->dev, lb->ino,
	    &lb->files) == 0;
	if (lb->ok && lb->check)
		check_files(lb);
	return NULL;
}

lastbuild *lastbuild_start(const char *out, const char *manifest,
    int check)
{
	lastbuild *lb = calloc(1, sizeof *lb);
	if (!lb)
		abort();
	lb->out = strdup(out);
	lb->manifest = strdup(manifest);
	lb->check = check;
	if (!lb->out || !lb->manifest ||
	    pthread_create(&lb->thread, NULL, read_main, lb) != 0) {
		free(lb->out);
		free(lb->manifest);
		free(lb);
		return NULL;
	}
	return lb;
}

static int same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino &&
	    a->st_size == b->st_size &&
	    a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
	    a->st_mtim.tv_nsec == b->st_mtim.tv_nsec &&
	    a->st_ctim.tv_sec == b->st_ctim.tv_sec &&
	    a->st_ctim.tv_nsec == b->st_ctim.tv_nsec;
}

/* Joins the thread (once). */
static void join(lastbuild *lb)
{
	if (lb->out) {
		pthread_join(lb->thread, NULL);
		free(lb->out);
		lb->out = NULL;
	}
}

int lastbuild_take(lastbuild *lb, const char *manifest, uint64_t dev,
    uint64_t ino, lastbuild_files *f)
{
	if (!lb)
		return -1;
	join(lb);
	struct stat now;
	if (!lb->ok || strcmp(manifest, lb->manifest) != 0 ||
	    dev != lb->dev || ino != lb->ino ||
	    lstat(manifest, &now) != 0 || !same_file(&now, &lb->seen))
		return -1;
	*f = lb->files;
	lb->files = (lastbuild_files){0};
	lb->ok = 0;
	return 0;
}

void lastbuild_free(lastbuild *lb)
{
	if (!lb)
		return;
	join(lb);
	lastbuild_files_free(&lb->files);
	free(lb->manifest);
	free(lb);
}
