#include "manifest.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../core/fdio.h"
#include "../core/relpath.h"
#include "../core/xalloc.h"

#define MANIFEST_MAGIC "saitti-manifest 2"
#define ENTRY_FIXED (16 + 16 + 8 * 4)
/* A manifest bigger than this is not read (the build compares bytes):
 * 100 bytes a file, this is ten million files. */
#define MANIFEST_MAX ((uint64_t)1 << 30)

void manifest_free(manifest_list *m)
{
	free(m->entries);
	if (m->buf)
		munmap((void *)m->buf, m->buflen);
	*m = (manifest_list){0};
}

int manifest_stands(const manifest_entry *e, const struct stat *st)
{
	return S_ISREG(st->st_mode) && (uint64_t)st->st_ino == e->ino &&
	    (uint64_t)st->st_size == e->size &&
	    (int64_t)st->st_mtim.tv_sec * 1000000000 + st->st_mtim.tv_nsec ==
	    e->mtime;
}

int manifest_read(const char *file, uint64_t dev, uint64_t ino,
    manifest_list *m)
{
	*m = (manifest_list){0};
	/* Mapped, not read: on a virtual machine a page the build touches
	 * for the first time costs ~10 us, and a copy of the 2 MB at 17,000
	 * files is such pages; the file's own pages are shared with the
	 * page cache. A new manifest is renamed over the old (never written
	 * in place), so the mapping keeps the file this build read. */
	size_t len = 0;
	const char *buf = fd_map_nofollow(file, &len);
	if (!buf)
		return -1;
	if ((uint64_t)len > MANIFEST_MAX)
		goto bad;
	/* The header, copied out to end it for sscanf. */
	const char *nl = memchr(buf, '\n', len < 200 ? len : 200);
	char head[201];
	if (!nl)
		goto bad;
	memcpy(head, buf, (size_t)(nl - buf));
	head[nl - buf] = '\0';
	unsigned long long hdev, hino, n, sum;
	int hl = 0;
	if (sscanf(head, MANIFEST_MAGIC " %llu %llu %llu %llx%n", &hdev,
	    &hino, &n, &sum, &hl) != 4 || hl != nl - buf ||
	    hdev != (unsigned long long)dev ||
	    hino != (unsigned long long)ino || n > len / ENTRY_FIXED ||
	    hash_bytes(nl + 1, len - (size_t)(nl + 1 - buf)).lo != sum)
		goto bad;
	manifest_entry *es = calloc(n ? n : 1, sizeof *es);
	size_t off = (size_t)(nl - buf) + 1;
	if (!es)
		goto bad;
	for (size_t i = 0; i < n; i++) {
		uint64_t f8[4];
		if (len - off < ENTRY_FIXED)
			goto bad_es;
		memcpy(&es[i].key, buf + off, 16);
		memcpy(&es[i].sum, buf + off + 16, 16);
		memcpy(f8, buf + off + 32, 32);
		off += ENTRY_FIXED;
		es[i].size = f8[0];
		es[i].ino = f8[1];
		es[i].mtime = (int64_t)f8[2];
		if (f8[3] >= len - off || buf[off + f8[3]] != '\0' ||
		    !relpath_ok_n(buf + off, (size_t)f8[3]))
			goto bad_es;
		es[i].path = buf + off;
		off += f8[3] + 1;
	}
	if (off != len)
		goto bad_es;
	m->buf = buf;
	m->buflen = len;
	m->entries = es;
	m->n = n;
	return 0;
bad_es:
	free(es);
bad:
	munmap((void *)buf, len);
	return -1;
}

int manifest_write(const char *file, uint64_t dev, uint64_t ino,
    const manifest_entry *const *es, size_t n)
{
	char tmp[PATH_MAX];
	if ((size_t)snprintf(tmp, sizeof tmp, "%s.new", file) >= sizeof tmp)
		return -1;
	/* The entries formatted straight into one buffer of the right size:
	 * 17,000 of them a rebuild, four stdio calls each cost more. */
	size_t blen = 0;
	for (size_t i = 0; i < n; i++)
		blen += ENTRY_FIXED + strlen(es[i]->path) + 1;
	char *body = xmalloc(blen ? blen : 1);
	char *w = body;
	for (size_t i = 0; i < n; i++) {
		const manifest_entry *e = es[i];
		size_t plen = strlen(e->path);
		uint64_t f8[4] = {e->size, e->ino, (uint64_t)e->mtime, plen};
		memcpy(w, &e->key, 16);
		memcpy(w + 16, &e->sum, 16);
		memcpy(w + 32, f8, 32);
		memcpy(w + ENTRY_FIXED, e->path, plen + 1);
		w += ENTRY_FIXED + plen + 1;
	}
	char head[200];
	int hn = snprintf(head, sizeof head, MANIFEST_MAGIC
	    " %llu %llu %zu %016llx\n", (unsigned long long)dev,
	    (unsigned long long)ino, n,
	    (unsigned long long)hash_bytes(body, blen).lo);
	/* A new file, never through a link someone left at the name. */
	unlink(tmp);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0644);
	int bad = fd < 0 || fd_write_all(fd, head, (size_t)hn) != 0 ||
	    fd_write_all(fd, body, blen) != 0;
	free(body);
	if (fd >= 0 && close(fd) != 0)
		bad = 1;
	if (bad || rename(tmp, file) != 0) {
		unlink(tmp);
		return -1;
	}
	return 0;
}
