/* packpages: the pages of a read-only mapping of a pack file are given
 * back (its bytes still read the same after), and nothing else is
 * touched: not a pack mapped for writing, not another file. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "source/packpages.h"

#define SIZE (64 * 1024)

/* A file of SIZE bytes c, mapped as prot asks (privately). */
static char *map_file(const char *path, char c, int prot)
{
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return NULL;
	char *buf = malloc(SIZE);
	memset(buf, c, SIZE);
	int ok = write(fd, buf, SIZE) == SIZE;
	free(buf);
	char *m = ok ? mmap(NULL, SIZE, prot, MAP_PRIVATE, fd, 0) : MAP_FAILED;
	close(fd);
	return m == MAP_FAILED ? NULL : m;
}

/* This process's resident KB of the mapping that starts at m, or -1. */
static long rss_of(const void *m)
{
	FILE *f = fopen("/proc/self/smaps", "r");
	if (!f)
		return -1;
	char line[512], want[32];
	snprintf(want, sizeof want, "%lx-", (unsigned long)m);
	long kb = -1;
	int in = 0;
	while (fgets(line, sizeof line, f)) {
		if (strchr(line, '-') && strchr(line, ' ') &&
		    strchr(line, '-') < strchr(line, ' '))
			in = !strncmp(line, want, strlen(want));
		else if (in && !strncmp(line, "Rss:", 4)) {
			kb = atol(line + 4);
			break;
		}
	}
	fclose(f);
	return kb;
}

static long sum(const char *m)
{
	long s = 0;
	for (size_t i = 0; i < SIZE; i += 512)
		s += m[i];
	return s;
}

int main(void)
{
	char dir[] = "/tmp/saitti-packpages-XXXXXX";
	if (!mkdtemp(dir))
		return 1;
	char objects[128], pack[128], path[192];
	snprintf(objects, sizeof objects, "%s/objects", dir);
	snprintf(pack, sizeof pack, "%s/objects/pack", dir);
	mkdir(objects, 0755);
	mkdir(pack, 0755);

	snprintf(path, sizeof path, "%s/pack-1.pack", pack);
	char *ro = map_file(path, 'x', PROT_READ);
	snprintf(path, sizeof path, "%s/pack-2.pack", pack);
	char *rw = map_file(path, 'x', PROT_READ | PROT_WRITE);
	snprintf(path, sizeof path, "%s/other.idx", dir);
	char *other = map_file(path, 'x', PROT_READ);
	CHECK("packpages: (mapped)", ro && rw && other);
	if (!ro || !rw || !other)
		CHECK_DONE();
	memset(rw, 'y', SIZE);   /* this process's own copy */
	long want = 'x' * (long)(SIZE / 512);
	CHECK("packpages: (read)", sum(ro) == want && sum(other) == want);
	CHECK("packpages: (resident)", rss_of(ro) > 0 && rss_of(other) > 0);

	CHECK("packpages: the read-only pack, and only it, is advised",
	    packpages_release() == SIZE);
	CHECK("packpages: its pages are given back", rss_of(ro) == 0);
	CHECK("packpages: a file that is not a pack keeps its pages",
	    rss_of(other) > 0);
	CHECK("packpages: a pack mapped for writing keeps what was written",
	    sum(rw) == 'y' * (long)(SIZE / 512));
	CHECK("packpages: the pack still reads the same", sum(ro) == want);

	munmap(ro, SIZE);
	munmap(rw, SIZE);
	munmap(other, SIZE);
	snprintf(path, sizeof path, "%s/pack-1.pack", pack);
	unlink(path);
	snprintf(path, sizeof path, "%s/pack-2.pack", pack);
	unlink(path);
	snprintf(path, sizeof path, "%s/other.idx", dir);
	unlink(path);
	rmdir(pack);
	rmdir(objects);
	rmdir(dir);
	CHECK_DONE();
}
