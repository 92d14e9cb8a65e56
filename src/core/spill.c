#include "spill.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <unistd.h>

#include "xalloc.h"

/* Strings put in one call: a document's body, its summary as HTML and
 * as text. */
#define SPILL_MAX_STRS 8

struct spill {
	int fd;
	char *map;           /* PROT_READ, MAP_SHARED over the whole reserve */
	size_t max;
	atomic_size_t end;   /* bytes reserved by puts so far */
};

/* An unnamed file in dir; where O_TMPFILE is not supported, a named one
 * unlinked at once. */
static int open_unnamed(const char *dir)
{
	int fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (fd >= 0 || (errno != EOPNOTSUPP && errno != EISDIR))
		return fd;
	char path[PATH_MAX];
	if ((size_t)snprintf(path, sizeof path, "%s/spill-XXXXXX", dir) >=
	    sizeof path)
		return -1;
	fd = mkostemp(path, O_CLOEXEC);
	if (fd >= 0)
		unlink(path);
	return fd;
}

spill *spill_open_max(const char *dir, size_t max)
{
	if (!dir || max == 0)
		return NULL;
	int fd = open_unnamed(dir);
	if (fd < 0)
		return NULL;
	/* Address space only: pages come from the file as they are read. */
	void *m = mmap(NULL, max, PROT_READ, MAP_SHARED | MAP_NORESERVE, fd, 0);
	if (m == MAP_FAILED) {
		close(fd);
		return NULL;
	}
	spill *sp = xmalloc(sizeof *sp);
	sp->fd = fd;
	sp->map = m;
	sp->max = max;
	atomic_init(&sp->end, 0);
	return sp;
}

spill *spill_open(const char *dir)
{
	return spill_open_max(dir, SPILL_MAX_BYTES);
}

void spill_free(spill *sp)
{
	if (!sp)
		return;
	munmap(sp->map, sp->max);
	close(sp->fd);
	free(sp);
}

/* pwritev until all of iov is written; 0, or -1. */
static int write_all_at(int fd, struct iovec *iov, int n, off_t at)
{
	while (n > 0) {
		ssize_t w = pwritev(fd, iov, n, at);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		at += w;
		while (n > 0 && (size_t)w >= iov->iov_len) {
			w -= (ssize_t)iov->iov_len;
			iov++;
			n--;
		}
		if (n > 0) {
			iov->iov_base = (char *)iov->iov_base + w;
			iov->iov_len -= (size_t)w;
		}
	}
	return 0;
}

int spill_strs(spill *sp, const char *const *in, size_t n,
    const char **out)
{
	if (!sp || n > SPILL_MAX_STRS)
		return -1;
	static const char nul[1];
	struct iovec iov[2 * SPILL_MAX_STRS];
	size_t lens[SPILL_MAX_STRS], total = 0;
	int niov = 0;
	for (size_t k = 0; k < n; k++) {
		lens[k] = in[k] ? strlen(in[k]) : 0;
		if (!in[k])
			continue;
		if (lens[k])
			iov[niov++] = (struct iovec){(void *)in[k], lens[k]};
		iov[niov++] = (struct iovec){(void *)nul, 1};
		total += lens[k] + 1;
	}
	if (total == 0) {
		for (size_t k = 0; k < n; k++)
			out[k] = NULL;
		return 0;
	}
	/* A place of its own for this put; two threads write side by side
	 * in the file without a lock. */
	size_t at = atomic_fetch_add(&sp->end, total);
	if (at > sp->max || sp->max - at < total ||
	    write_all_at(sp->fd, iov, niov, (off_t)at) != 0)
		return -1;   /* the place is a hole no string points into */
	for (size_t k = 0; k < n; k++) {
		out[k] = in[k] ? sp->map + at : NULL;
		if (in[k])
			at += lens[k] + 1;
	}
	return 0;
}

const char *spill_put(spill *sp, const void *p, size_t n)
{
	if (!sp || n == 0)
		return NULL;
	struct iovec iov = {(void *)p, n};
	size_t at = atomic_fetch_add(&sp->end, n);
	if (at > sp->max || sp->max - at < n ||
	    write_all_at(sp->fd, &iov, 1, (off_t)at) != 0)
		return NULL;
	return sp->map + at;
}

void spill_release(spill *sp)
{
	if (!sp)
		return;
	size_t end = atomic_load(&sp->end);
	if (end > sp->max)
		end = sp->max;
	long page = sysconf(_SC_PAGESIZE);
	size_t len = (end + (size_t)page - 1) & ~((size_t)page - 1);
	/* On a shared file map this only drops this process's page table
	 * entries: the bytes are in the file, and a thread reading one of
	 * them now faults the page in again. */
	if (len)
		madvise(sp->map, len, MADV_DONTNEED);
}

size_t spill_bytes(const spill *sp)
{
	if (!sp)
		return 0;
	size_t end = atomic_load(&((spill *)sp)->end);
	return end < sp->max ? end : sp->max;
}
