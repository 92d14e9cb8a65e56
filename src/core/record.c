#include "record.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "diag.h"
#include "fdio.h"
#include "hash.h"

const char *record_str(record_cursor *c)
{
	size_t n;
	return record_strn(c, &n);
}

void record_put_u64(buf *b, uint64_t v)
{
	buf_put(b, (const char *)&v, 8);
}

void record_put_strn(buf *b, const char *s, size_t n)
{
	record_put_u64(b, n);
	buf_put(b, s ? s : "", n);
	buf_putc(b, '\0');
}

void record_put_str(buf *b, const char *s)
{
	record_put_strn(b, s, s ? strlen(s) : 0);
}

int record_file_write(const char *file, const char *magic,
    const char *body, size_t len)
{
	uint64_t blen = len, sum = hash_bytes(body, len).lo;
	size_t fl = strlen(file);
	char *tmp = malloc(fl + 5);
	if (!tmp)
		abort();
	memcpy(tmp, file, fl);
	memcpy(tmp + fl, ".new", 5);
	unlink(tmp);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    0644);
	int bad = fd < 0 || fd_write_all(fd, magic, strlen(magic)) ||
	    fd_write_all(fd, &blen, 8) || fd_write_all(fd, &sum, 8) ||
	    fd_write_all(fd, body, len);
	if (fd >= 0 && close(fd) != 0)
		bad = 1;
	if (fd >= 0 && (bad || rename(tmp, file) != 0)) {
		unlink(tmp);
		bad = 1;
	}
	free(tmp);
	return bad ? -1 : 0;
}

const char *record_file_map(const char *file, const char *magic,
    size_t *len, void **map, size_t *maplen)
{
	size_t n;
	char *m = fd_map_nofollow(file, &n);
	if (!m)
		return NULL;
	size_t ml = strlen(magic);
	uint64_t blen = 0, sum = 0;
	if (n >= ml + 16 && memcmp(m, magic, ml) == 0) {
		memcpy(&blen, m + ml, 8);
		memcpy(&sum, m + ml + 8, 8);
		if (blen == n - ml - 16 &&
		    hash_bytes(m + ml + 16, blen).lo == sum) {
			*len = (size_t)blen;
			*map = m;
			*maplen = n;
			return m + ml + 16;
		}
	}
	munmap(m, n);
	return NULL;
}

static void put_msg(void *ctx, int error, const char *file, int line,
    int col, const char *msg)
{
	buf *b = ctx;
	record_put_u64(b, (uint64_t)error);
	record_put_u64(b, (uint64_t)line);
	record_put_u64(b, (uint64_t)col);
	record_put_str(b, file);
	record_put_str(b, msg);
}

static void count_msg(void *ctx, int error, const char *file, int line,
    int col, const char *msg)
{
	(void)error, (void)file, (void)line, (void)col, (void)msg;
	++*(uint64_t *)ctx;
}

void record_put_held(buf *b, const diag *held)
{
	uint64_t n = 0;
	diag_each(held, count_msg, &n);
	record_put_u64(b, n);
	diag_each(held, put_msg, b);
}

void record_tell_held(record_cursor *c, uint64_t n, diag *held)
{
	size_t len;
	for (uint64_t i = 0; i < n; i++) {
		int error = (int)record_u64(c), line = (int)record_u64(c),
		    col = (int)record_u64(c);
		const char *file = record_strn(c, &len);
		const char *msg = record_strn(c, &len);
		if (error)
			diag_error(held, file, line, col, "%s", msg);
		else
			diag_warn(held, file, line, col, "%s", msg);
	}
}
