/* vmflags.h: for unit tests, whether the mapping that holds an address
 * carries a flag in /proc/self/smaps ("hg": advised into huge pages). */
#ifndef SAITTI_TEST_VMFLAGS_H
#define SAITTI_TEST_VMFLAGS_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* The VmFlags of the mapping that holds p (from /proc/self/smaps), or ""
 * when none is found. */
static inline const char *flags_of(const void *p, char *out, size_t n)
{
	FILE *f = fopen("/proc/self/smaps", "r");
	char line[512];
	int in = 0;
	out[0] = '\0';
	if (!f)
		return out;
	while (fgets(line, sizeof line, f)) {
		unsigned long lo, hi;
		if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2 &&
		    strchr(line, '-') < strchr(line, ' ')) {
			in = (uintptr_t)p >= lo && (uintptr_t)p < hi;
			continue;
		}
		if (in && !strncmp(line, "VmFlags:", 8)) {
			snprintf(out, n, "%s", line + 8);
			break;
		}
	}
	fclose(f);
	return out;
}

static inline int has_flag(const char *flags, const char *flag)
{
	char pad[1024];
	snprintf(pad, sizeof pad, " %s ", flags);
	for (char *c = pad; *c; c++)
		if (*c == '\n')
			*c = ' ';
	char want[8];
	snprintf(want, sizeof want, " %s ", flag);
	return strstr(pad, want) != NULL;
}

/* 1 when the mapping that holds p has flag, or when the kernel has no
 * transparent huge pages to advise (then nothing can be checked). */
static inline int vm_huge(const void *p)
{
	char fl[600];
	if (access("/sys/kernel/mm/transparent_hugepage/enabled", F_OK) != 0)
		return 1;
	return has_flag(flags_of(p, fl, sizeof fl), "hg");
}

#endif
