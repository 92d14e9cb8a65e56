#include "safeopen.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

/* Part by part: O_NOFOLLOW on each, and on a failure the part that is a
 * link is named. Works everywhere, at two system calls a part. */
static int walk(int root, const char *root_path, const char *rel, int flags,
    size_t *link)
{
	if (root < 0 && !root_path) {
		errno = EBADF;
		return -1;
	}
	int fd = root >= 0 ? dup(root) :
	    open(root_path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	const char *p = rel;
	while (fd >= 0 && *p) {
		size_t n = strcspn(p, "/");
		char name[NAME_MAX + 1];
		if (n > NAME_MAX) {
			close(fd);
			errno = ENAMETOOLONG;
			return -1;
		}
		memcpy(name, p, n);
		name[n] = '\0';
		int last = p[n + strspn(p + n, "/")] == '\0';
		int next = openat(fd, name, (last ? flags : O_RDONLY |
		    O_DIRECTORY) | O_NOFOLLOW | O_CLOEXEC);
		int e = errno;
		struct stat st;
		if (next < 0 && link && fstatat(fd, name, &st,
		    AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode))
			*link = (size_t)(p - rel) + n;
		close(fd);
		errno = e;
		fd = next;
		p += n;
		p += strspn(p, "/");
	}
	return fd;
}

/* 0 once openat2 turned out missing (before Linux 5.6) or forbidden (a
 * container's seccomp filter): the walk then does it all. */
static atomic_int have_openat2 = 1;

int safeopen(int root, const char *root_path, const char *rel, int flags,
    size_t *link)
{
	if (link)
		*link = 0;
	/* One system call for the whole path: the kernel refuses a link on
	 * any part (ELOOP) and a way out of root (EXDEV). A file a build
	 * reads took five calls or more before (open and close per
	 * folder). */
	if (root >= 0 && *rel && atomic_load(&have_openat2)) {
		struct open_how how = {
			.flags = (unsigned long long)(flags | O_NOFOLLOW |
			    O_CLOEXEC),
			.resolve = RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS |
			    RESOLVE_BENEATH,
		};
		long fd = syscall(SYS_openat2, root, rel, &how, sizeof how);
		if (fd >= 0)
			return (int)fd;
		/* A missing part, a file where a folder should be, no
		 * permission: the walk would say the same, and name no
		 * link, as the kernel met none before it. */
		if (errno == ENOENT || errno == ENOTDIR || errno == EACCES ||
		    errno == ENAMETOOLONG)
			return -1;
		if (errno == ENOSYS || errno == EPERM || errno == E2BIG)
			atomic_store(&have_openat2, 0);
		/* ELOOP, EXDEV and the rest: the walk finds the link and
		 * sets errno as it always has. */
	}
	return walk(root, root_path, rel, flags, link);
}
