/* The floor of a build (issue 17): the least any generator must do to
 * turn this site into that output. It reads every input file (site.yaml
 * and every file under content/ and themes/) and writes the files a real
 * build wrote, with the same relative paths and sizes, using two threads
 * as saitti does. `saitti build` divided by this is the cost of what the
 * build does beyond reading and writing bytes: parsing, the model,
 * templates. bench/run.sh times both in the same run.
 *
 *     floor SOURCE LIST OUT [--jobs N]
 *
 * LIST has one output file a line, "RELATIVE-PATH SIZE" (the size after
 * the last space), as `find OUT -type f -printf '%P %s\n'` prints it for
 * a reference build. OUT is created; files in it are overwritten.
 * Prints one line: what was read and written. Exit 1 on an error, 2 on
 * wrong usage.
 *
 * Standard C and POSIX only, no saitti code: it measures the system, not
 * the program. */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Items a thread takes from the shared queue at once: large enough that
 * the atomic counter costs nothing, small enough to share the tail. */
#define CHUNK 64
#define BUF_BYTES (64 * 1024)
#define MAX_JOBS 64

struct file {
	char *path;             /* full path */
	unsigned long long size;        /* output files: bytes to write */
};

struct list {
	struct file *v;
	size_t n, cap;
};

static struct list inputs, outputs;
static atomic_size_t next_in, next_out;
static atomic_ullong bytes_in, bytes_out;
static atomic_int failed;

static void *xmalloc(size_t n)
{
	void *p = malloc(n);
	if (!p) {
		fprintf(stderr, "floor: out of memory\n");
		exit(1);
	}
	return p;
}

static char *join(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	char *s = xmalloc(la + 1 + lb + 1);
	memcpy(s, a, la);
	s[la] = '/';
	memcpy(s + la + 1, b, lb + 1);
	return s;
}

static void push(struct list *l, char *path, unsigned long long size)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 1024;
		struct file *v = realloc(l->v, l->cap * sizeof *v);
		if (!v) {
			fprintf(stderr, "floor: out of memory\n");
			exit(1);
		}
		l->v = v;
	}
	l->v[l->n].path = path;
	l->v[l->n].size = size;
	l->n++;
}

static int walk_one(const char *path, const struct stat *st, int type,
    struct FTW *ftw)
{
	(void)ftw;
	if (type == FTW_F && S_ISREG(st->st_mode)) {
		size_t n = strlen(path) + 1;
		char *p = xmalloc(n);
		memcpy(p, path, n);
		push(&inputs, p, 0);
	}
	return 0;
}

/* Every input: site.yaml and the files under content/ and themes/ (not
 * following symbolic links, as saitti does not). */
static int list_inputs(const char *source)
{
	static const char *const roots[] = { "site.yaml", "content", "themes" };
	for (size_t i = 0; i < sizeof roots / sizeof *roots; i++) {
		char *p = join(source, roots[i]);
		struct stat st;
		if (lstat(p, &st) != 0) {
			free(p);
			continue;
		}
		if (nftw(p, walk_one, 32, FTW_PHYS) != 0) {
			fprintf(stderr, "floor: %s: %s\n", p, strerror(errno));
			free(p);
			return -1;
		}
		free(p);
	}
	return 0;
}

/* A path from LIST stays inside OUT: relative, no ".." part. */
static int safe_rel(const char *p)
{
	if (*p == '\0' || *p == '/')
		return 0;
	for (const char *s = p; *s;) {
		const char *e = strchr(s, '/');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		if (n == 0 || (n == 2 && s[0] == '.' && s[1] == '.'))
			return 0;
		s += n + (e != NULL);
	}
	return 1;
}

static int read_list(const char *listfile, const char *out)
{
	FILE *f = fopen(listfile, "r");
	if (!f) {
		fprintf(stderr, "floor: %s: %s\n", listfile, strerror(errno));
		return -1;
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	unsigned long lineno = 0;
	int rc = 0;
	while ((len = getline(&line, &cap, f)) > 0) {
		lineno++;
		if (line[len - 1] == '\n')
			line[--len] = '\0';
		if (len == 0)
			continue;
		char *sp = strrchr(line, ' ');
		char *end = NULL;
		unsigned long long size = 0;
		if (sp) {
			*sp = '\0';
			errno = 0;
			size = strtoull(sp + 1, &end, 10);
		}
		if (!sp || end == sp + 1 || *end != '\0' || errno != 0 ||
		    !safe_rel(line)) {
			fprintf(stderr, "floor: %s:%lu: not \"RELATIVE-PATH "
			    "SIZE\" inside the output folder\n", listfile,
			    lineno);
			rc = -1;
			break;
		}
		push(&outputs, join(out, line), size);
	}
	free(line);
	fclose(f);
	return rc;
}

static void read_file(const char *path, char *buf)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "floor: %s: %s\n", path, strerror(errno));
		atomic_store(&failed, 1);
		return;
	}
	unsigned long long total = 0;
	ssize_t n;
	while ((n = read(fd, buf, BUF_BYTES)) > 0)
		total += (unsigned long long)n;
	if (n < 0) {
		fprintf(stderr, "floor: %s: %s\n", path, strerror(errno));
		atomic_store(&failed, 1);
	}
	close(fd);
	atomic_fetch_add(&bytes_in, total);
}

/* mkdir -p of PATH's folder; another thread may make the same ones. */
static int make_parents(char *path)
{
	for (char *s = strchr(path + 1, '/'); s; s = strchr(s + 1, '/')) {
		*s = '\0';
		int rc = mkdir(path, 0755);
		int err = errno;
		*s = '/';
		if (rc != 0 && err != EEXIST) {
			errno = err;
			return -1;
		}
	}
	return 0;
}

static void write_file(struct file *f, const char *buf)
{
	int flags = O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC;
	int fd = open(f->path, flags, 0644);
	if (fd < 0 && errno == ENOENT && make_parents(f->path) == 0)
		fd = open(f->path, flags, 0644);
	if (fd < 0) {
		fprintf(stderr, "floor: %s: %s\n", f->path, strerror(errno));
		atomic_store(&failed, 1);
		return;
	}
	unsigned long long left = f->size;
	while (left > 0) {
		size_t n = left < BUF_BYTES ? (size_t)left : BUF_BYTES;
		ssize_t w = write(fd, buf, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "floor: %s: %s\n", f->path,
			    strerror(errno));
			atomic_store(&failed, 1);
			break;
		}
		left -= (unsigned long long)w;
	}
	if (close(fd) != 0) {
		fprintf(stderr, "floor: %s: %s\n", f->path, strerror(errno));
		atomic_store(&failed, 1);
	}
	atomic_fetch_add(&bytes_out, f->size - left);
}

/* Each thread takes CHUNK inputs at a time until all are read, then
 * CHUNK outputs at a time until all are written. */
static void *work(void *arg)
{
	(void)arg;
	char *buf = xmalloc(BUF_BYTES);
	memset(buf, 'x', BUF_BYTES);
	size_t i;
	while ((i = atomic_fetch_add(&next_in, CHUNK)) < inputs.n) {
		size_t end = i + CHUNK < inputs.n ? i + CHUNK : inputs.n;
		for (; i < end; i++)
			read_file(inputs.v[i].path, buf);
	}
	/* What is written is whatever the buffer holds: tmpfs and ext4 do
	 * not compress, so only the sizes matter. */
	while ((i = atomic_fetch_add(&next_out, CHUNK)) < outputs.n) {
		size_t end = i + CHUNK < outputs.n ? i + CHUNK : outputs.n;
		for (; i < end; i++)
			write_file(&outputs.v[i], buf);
	}
	free(buf);
	return NULL;
}

static int usage(void)
{
	fprintf(stderr, "usage: floor SOURCE LIST OUT [--jobs N]\n");
	return 2;
}

int main(int argc, char **argv)
{
	long jobs = 2;
	if (argc == 6 && strcmp(argv[4], "--jobs") == 0) {
		char *end;
		jobs = strtol(argv[5], &end, 10);
		if (*end != '\0' || jobs < 1 || jobs > MAX_JOBS)
			return usage();
	} else if (argc != 4) {
		return usage();
	}
	const char *source = argv[1], *listfile = argv[2], *out = argv[3];
	struct stat st;
	if (stat(source, &st) != 0 || !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "floor: %s: not a folder\n", source);
		return 1;
	}
	if (read_list(listfile, out) != 0 || list_inputs(source) != 0)
		return 1;
	if (mkdir(out, 0755) != 0 && errno != EEXIST) {
		fprintf(stderr, "floor: %s: %s\n", out, strerror(errno));
		return 1;
	}

	pthread_t t[MAX_JOBS];
	long started = 0;
	for (; started < jobs - 1; started++)
		if (pthread_create(&t[started], NULL, work, NULL) != 0)
			break;
	work(NULL);
	for (long j = 0; j < started; j++)
		pthread_join(t[j], NULL);

	printf("floor: read %zu files (%llu bytes), wrote %zu files "
	    "(%llu bytes), %ld threads\n", inputs.n,
	    (unsigned long long)atomic_load(&bytes_in), outputs.n,
	    (unsigned long long)atomic_load(&bytes_out), started + 1);
	for (size_t i = 0; i < inputs.n; i++)
		free(inputs.v[i].path);
	for (size_t i = 0; i < outputs.n; i++)
		free(outputs.v[i].path);
	free(inputs.v);
	free(outputs.v);
	return atomic_load(&failed) ? 1 : 0;
}
