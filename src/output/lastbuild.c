#include "lastbuild.h"

#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

/* The stat pass goes in chunks (~25 us) that the thread and, with
 * lastbuild_check_all, the caller share; the take stops it after the
 * stat under way. */
#define CHECK_CHUNK 16
/* The thread stats as SCHED_IDLE: it then runs only on a core the load
 * leaves idle (its serial parts), and a load worker that wakes takes the
 * core back at once. (Nice 19 was not enough: a worker woke to wait out
 * the niced thread's slice, and the load's parallel parts ran ~25 %
 * slower.) Where SCHED_IDLE is refused, nice 19. What the thread has not
 * done when the output is taken is left to the render's workers, so a
 * busy machine that starves it costs no more than the render's stat of
 * each file did. */
#define CHECK_NICE 19
/* lastbuild.next once the pass is stopped: past any entry. */
#define CHECK_STOP ((size_t)-1 / 2)

struct lastbuild {
	pthread_t thread;
	char *out, *manifest;
	int check;               /* stat the files (lastbuild_start) */
	lastbuild_known known;   /* upto 0: nothing known */
	int ok;                  /* files holds the read */
	/* The stat pass: phase 1 once the read is done (dfd is the folder
	 * when the pass can run, else -1); next is the next entry to stat. */
	pthread_mutex_t lock;
	pthread_cond_t read_done;
	int phase;
	int joined;              /* by lastbuild_check_all */
	int dfd;
	atomic_size_t next;
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

/* Opens the folder that was read for the stat pass, by its own handle
 * (the same device and inode as the read's); -1 when it is not that. */
static int open_checked(const lastbuild *lb)
{
	struct stat dir;
	int fd = open(lb->out, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0 && (fstat(fd, &dir) != 0 ||
	    (uint64_t)dir.st_dev != lb->dev ||
	    (uint64_t)dir.st_ino != lb->ino)) {
		close(fd);
		fd = -1;
	}
	return fd;
}

/* Marks the entries whose files stand as written, a chunk at a time,
 * until none is left. */
static void check_files(lastbuild *lb)
{
	manifest_list *m = &lb->files.m;
	size_t i;
	struct stat st;
	while ((i = atomic_fetch_add(&lb->next, CHECK_CHUNK)) < m->n) {
		size_t end = i + CHECK_CHUNK < m->n ? i + CHECK_CHUNK : m->n;
		/* Stopped (join) between two stats: the rest stay unmarked. */
		for (; i < end && atomic_load_explicit(&lb->next,
		    memory_order_relaxed) < CHECK_STOP; i++) {
			manifest_entry *e = &m->entries[i];
			e->stood = fstatat(lb->dfd, e->path, &st,
			    AT_SYMLINK_NOFOLLOW) == 0 &&
			    manifest_stands(e, &st);
		}
	}
}

/* Marks what the caller found standing, when the manifest read is the
 * one it checked; the pass goes on from there. */
static void trust_known(lastbuild *lb)
{
	const lastbuild_known *k = &lb->known;
	manifest_list *m = &lb->files.m;
	if (lb->dfd < 0 || !k->upto || k->upto > m->n ||
	    (int64_t)lb->seen.st_dev != k->dev ||
	    (int64_t)lb->seen.st_ino != k->ino ||
	    (int64_t)lb->seen.st_size != k->size ||
	    (int64_t)lb->seen.st_mtim.tv_sec * 1000000000 +
	    lb->seen.st_mtim.tv_nsec != k->mtime)
		return;
	for (size_t i = 0; i < k->upto; i++)
		m->entries[i].stood = 1;
	atomic_store(&lb->next, k->upto);
}

static void read_done(lastbuild *lb)
{
	pthread_mutex_lock(&lb->lock);
	lb->phase = 1;
	pthread_cond_signal(&lb->read_done);
	pthread_mutex_unlock(&lb->lock);
}

static void *read_main(void *arg)
{
	lastbuild *lb = arg;
	struct stat dir;
	/* The manifest's identity first: a manifest that changes after
	 * this is seen changed at the take. */
	if (stat(lb->out, &dir) != 0 || !S_ISDIR(dir.st_mode) ||
	    lstat(lb->manifest, &lb->seen) != 0) {
		read_done(lb);
		return NULL;
	}
	lb->dev = (uint64_t)dir.st_dev;
	lb->ino = (uint64_t)dir.st_ino;
	lb->ok = lastbuild_read(lb->manifest, lb->dev, lb->ino,
	    &lb->files) == 0;
	if (lb->ok && lb->check) {
		lb->dfd = open_checked(lb);
		trust_known(lb);
	}
	read_done(lb);
	if (lb->dfd >= 0) {
		/* This thread's own policy (Linux: per thread); if neither
		 * can be set, the pass runs as it is. */
		struct sched_param sp = {0};
		if (pthread_setschedparam(pthread_self(), SCHED_IDLE, &sp) != 0)
			setpriority(PRIO_PROCESS, (id_t)gettid(), CHECK_NICE);
		check_files(lb);
	}
	return NULL;
}

lastbuild *lastbuild_start(const char *out, const char *manifest,
    int check, const lastbuild_known *known)
{
	lastbuild *lb = calloc(1, sizeof *lb);
	if (!lb)
		abort();
	lb->out = strdup(out);
	lb->manifest = strdup(manifest);
	lb->check = check;
	if (known)
		lb->known = *known;
	lb->dfd = -1;
	pthread_mutex_init(&lb->lock, NULL);
	pthread_cond_init(&lb->read_done, NULL);
	atomic_init(&lb->next, 0);
	if (!lb->out || !lb->manifest ||
	    pthread_create(&lb->thread, NULL, read_main, lb) != 0) {
		pthread_cond_destroy(&lb->read_done);
		pthread_mutex_destroy(&lb->lock);
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

static void wait_read(lastbuild *lb)
{
	pthread_mutex_lock(&lb->lock);
	while (!lb->phase)
		pthread_cond_wait(&lb->read_done, &lb->lock);
	pthread_mutex_unlock(&lb->lock);
}

void lastbuild_check_all(lastbuild *lb)
{
	if (!lb || !lb->out || lb->joined)
		return;
	wait_read(lb);
	if (lb->dfd >= 0)
		check_files(lb);
	/* The thread's last chunk done too. */
	pthread_join(lb->thread, NULL);
	lb->joined = 1;
}

/* Joins the thread (once), stopping its stat pass: the entries it has
 * not reached stay unmarked, and the render stats their files (on all
 * its workers) as it did before this pass. */
static void join(lastbuild *lb)
{
	if (!lb->out)
		return;
	if (!lb->joined) {
		wait_read(lb);
		if (lb->dfd >= 0)
			atomic_store(&lb->next, CHECK_STOP);
		pthread_join(lb->thread, NULL);
	}
	if (lb->dfd >= 0)
		close(lb->dfd);
	lb->dfd = -1;
	pthread_cond_destroy(&lb->read_done);
	pthread_mutex_destroy(&lb->lock);
	free(lb->out);
	lb->out = NULL;
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
