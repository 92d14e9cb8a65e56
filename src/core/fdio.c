#include "fdio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

int fd_write_all(int fd, const void *p, size_t n)
{
	const char *c = p;
	while (n) {
		ssize_t w = write(fd, c, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		c += w;
		n -= (size_t)w;
	}
	return 0;
}

int fd_make_parents(const char *path)
{
	char *p = strdup(path);
	if (!p)
		return -1;
	for (char *q = p + 1; *q; q++) {
		if (*q != '/')
			continue;
		*q = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST) {
			int e = errno;
			free(p);
			errno = e;
			return -1;
		}
		*q = '/';
	}
	free(p);
	return 0;
}

int fd_read_all(int fd, void *p, size_t n)
{
	char *c = p;
	while (n) {
		ssize_t r = read(fd, c, n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			if (r == 0)
				errno = 0;
			return -1;
		}
		c += r;
		n -= (size_t)r;
	}
	return 0;
}

FILE *fd_fopen_nofollow(const char *path, const char *mode)
{
	int write = mode[0] == 'w';
	if (write && unlink(path) != 0 && errno != ENOENT)
		return NULL;
	int fd = open(path, (write ? O_WRONLY | O_CREAT | O_EXCL : O_RDONLY) |
	    O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0)
		return NULL;
	FILE *f = fdopen(fd, write ? "w" : "r");
	if (!f)
		close(fd);
	return f;
}

void *fd_map_nofollow(const char *path, size_t *len)
{
	return fd_map_nofollow_stat(path, len, NULL);
}

void *fd_map_nofollow_stat(const char *path, size_t *len, struct stat *out)
{
	*len = 0;
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	struct stat st;
	void *m = MAP_FAILED;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
		m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE |
		    MAP_POPULATE, fd, 0);
	close(fd);
	if (m == MAP_FAILED)
		return NULL;
	*len = (size_t)st.st_size;
	if (out)
		*out = st;
	return m;
}
