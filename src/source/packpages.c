#include "packpages.h"

#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

/* A line of /proc/self/maps: "start-end perms offset dev inode   path". */
#define MAPS_LINE_MAX 4096

static int ends_with(const char *s, size_t n, const char *suffix)
{
	size_t k = strlen(suffix);
	return n >= k && !memcmp(s + n - k, suffix, k);
}

/* A pack or its index as libgit2 names them: objects/pack/pack-<id>. */
static int is_pack(const char *path)
{
	size_t n = strlen(path);
	while (n && (path[n - 1] == '\n' || path[n - 1] == ' '))
		n--;
	if (!ends_with(path, n, ".pack") && !ends_with(path, n, ".idx"))
		return 0;
	return strstr(path, "/objects/pack/pack-") != NULL;
}

size_t packpages_release(void)
{
	FILE *f = fopen("/proc/self/maps", "r");
	if (!f)
		return 0;
	char line[MAPS_LINE_MAX];
	size_t total = 0;
	while (fgets(line, sizeof line, f)) {
		unsigned long lo, hi;
		char perms[8];
		int at = 0;
		if (sscanf(line, "%lx-%lx %7s %*s %*s %*s %n", &lo, &hi, perms,
		    &at) != 3 || !at)
			continue;
		/* Only read-only mappings: nothing written is dropped. */
		if (perms[0] != 'r' || perms[1] != '-' || !is_pack(line + at))
			continue;
		if (madvise((void *)lo, hi - lo, MADV_DONTNEED) == 0)
			total += hi - lo;
	}
	fclose(f);
	return total;
}
