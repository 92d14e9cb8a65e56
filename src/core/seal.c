#include "seal.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "record.h"

#define MAGIC "saitti-seal 1\n"

static char *seal_path(const char *file)
{
	char *p;
	if (asprintf(&p, "%s.seal", file) < 0)
		abort();
	return p;
}

/* The identity as the seal's body: plain numbers, one line. */
static int body(const struct stat *st, char *out, size_t n)
{
	int k = snprintf(out, n, "%" PRIu64 " %" PRIu64 " %" PRId64 " %"
	    PRId64 ".%09ld\n", (uint64_t)st->st_dev, (uint64_t)st->st_ino,
	    (int64_t)st->st_size, (int64_t)st->st_mtim.tv_sec,
	    (long)st->st_mtim.tv_nsec);
	return k > 0 && (size_t)k < n ? k : -1;
}

int seal_holds(const char *file, const struct stat *st)
{
	char want[128];
	int n = body(st, want, sizeof want);
	char *path = seal_path(file);
	const char *got;
	size_t len, maplen;
	void *map;
	got = n > 0 ? record_file_map(path, MAGIC, &len, &map, &maplen) :
	    NULL;
	free(path);
	int same = got && len == (size_t)n && !memcmp(got, want, len);
	if (got)
		munmap(map, maplen);
	return same;
}

int seal_mark(int fd, struct stat *st)
{
	if (fstat(fd, st) != 0)
		return -1;
	struct timespec t[2] = {{0, UTIME_OMIT}, st->st_mtim};
	if (t[1].tv_nsec > 0) {
		t[1].tv_nsec--;
	} else {
		t[1].tv_sec--;
		t[1].tv_nsec = 999999999;
	}
	return futimens(fd, t) == 0 && fstat(fd, st) == 0 ? 0 : -1;
}

int seal_write(const char *file, const struct stat *st)
{
	char line[128];
	int n = body(st, line, sizeof line);
	char *path = seal_path(file);
	int rc = n > 0 ? record_file_write(path, MAGIC, line, (size_t)n) : -1;
	if (rc != 0)
		unlink(path);
	free(path);
	return rc;
}

void seal_drop(const char *file)
{
	char *path = seal_path(file);
	unlink(path);
	free(path);
}
