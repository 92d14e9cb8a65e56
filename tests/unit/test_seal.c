/* core/seal: a file's identity kept beside it, and what breaks it. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "core/seal.h"

static int holds_now(const char *file)
{
	struct stat st;
	return lstat(file, &st) == 0 && seal_holds(file, &st);
}

int main(void)
{
	char dir[] = "/tmp/saitti-seal-XXXXXX";
	if (!mkdtemp(dir))
		return 1;
	char file[96], seal[112], link[96];
	snprintf(file, sizeof file, "%s/cache", dir);
	snprintf(seal, sizeof seal, "%s.seal", file);
	snprintf(link, sizeof link, "%s/link", dir);

	int fd = open(file, O_RDWR | O_CREAT | O_TRUNC, 0644);
	struct stat st;
	int ok = fd >= 0 && write(fd, "abcdef", 6) == 6;
	CHECK("seal: none yet", ok && !holds_now(file));
	struct stat was, now;
	ok = ok && fstat(fd, &was) == 0 && seal_mark(fd, &st) == 0;
	long long back = ((long long)was.st_mtim.tv_sec - st.st_mtim.tv_sec) *
	    1000000000LL + was.st_mtim.tv_nsec - st.st_mtim.tv_nsec;
	CHECK("seal: mark sets the time a nanosecond back and says so",
	    ok && back == 1 && fstat(fd, &now) == 0 &&
	    now.st_mtim.tv_nsec == st.st_mtim.tv_nsec && now.st_size == 6);
	CHECK("seal: written", ok && seal_write(file, &st) == 0 &&
	    access(seal, F_OK) == 0);
	CHECK("seal: holds for the file as it is", holds_now(file));

	/* In place, the same size, at once. */
	ok = pwrite(fd, "X", 1, 2) == 1;
	CHECK("seal: a byte changed in place breaks it", ok && !holds_now(file));
	seal_mark(fd, &st);
	seal_write(file, &st);
	CHECK("seal: (sealed again)", holds_now(file));
	ok = write(fd, "g", 1) == 1;
	CHECK("seal: an append breaks it", ok && !holds_now(file));
	close(fd);

	/* Another file by the same name (a rename over it). */
	fd = open(file, O_RDONLY);
	seal_mark(fd, &st);   /* read-only: the mark fails, st stays read */
	close(fd);
	ok = lstat(file, &st) == 0 && seal_write(file, &st) == 0;
	char other[112];
	snprintf(other, sizeof other, "%s/other", dir);
	FILE *f = fopen(other, "wb");
	if (f) {
		fputs("abXdefg", f);
		fclose(f);
	}
	ok = ok && rename(other, file) == 0;
	CHECK("seal: another file renamed over it breaks it",
	    ok && !holds_now(file));

	/* A damaged seal holds for nothing. */
	ok = lstat(file, &st) == 0 && seal_write(file, &st) == 0 &&
	    holds_now(file);
	CHECK("seal: (sealed once more)", ok);
	f = fopen(seal, "r+b");
	if (f) {
		fseek(f, -4, SEEK_END);
		int c = fgetc(f);
		fseek(f, -4, SEEK_END);
		fputc(c == '1' ? '2' : '1', f);
		fclose(f);
	}
	CHECK("seal: a damaged seal holds for nothing", ok && !holds_now(file));

	/* Never through a link: a link where the seal goes is replaced. */
	unlink(seal);
	ok = symlink(link, seal) == 0 && lstat(file, &st) == 0 &&
	    seal_write(file, &st) == 0;
	struct stat ls;
	CHECK("seal: a link in its place is replaced, not written through",
	    ok && lstat(seal, &ls) == 0 && S_ISREG(ls.st_mode) &&
	    access(link, F_OK) != 0 && holds_now(file));

	seal_drop(file);
	CHECK("seal: dropped", access(seal, F_OK) != 0 && !holds_now(file));
	unlink(file);
	CHECK("seal: nothing else left", rmdir(dir) == 0);
	CHECK_DONE();
}
