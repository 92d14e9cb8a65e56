/* spill: strings put in come back the same, at addresses that stay, from
 * any thread; giving the pages back loses nothing; and where the file
 * cannot be made or written, or is full, the put fails and says so. */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "check.h"
#include "core/spill.h"

#define PUTS 2000

struct putter {
	spill *sp;
	int id, bad;
	const char *got[PUTS];
};

static void *put_many(void *arg)
{
	struct putter *p = arg;
	char s[64];
	for (int i = 0; i < PUTS; i++) {
		snprintf(s, sizeof s, "säie %d, merkkijono %d", p->id, i);
		const char *in[] = {s}, *out[1];
		if (spill_strs(p->sp, in, 1, out) != 0)
			p->bad++;
		else
			p->got[i] = out[0];
	}
	return NULL;
}

/* Every string of p is still what was put. */
static int all_there(const struct putter *p)
{
	char s[64];
	for (int i = 0; i < PUTS; i++) {
		snprintf(s, sizeof s, "säie %d, merkkijono %d", p->id, i);
		if (!p->got[i] || strcmp(p->got[i], s) != 0)
			return 0;
	}
	return 1;
}

int main(void)
{
	char dir[] = "/tmp/saitti-spill-XXXXXX";
	if (!mkdtemp(dir))
		return 1;
	spill *sp = spill_open(dir);
	CHECK("spill: opens in a folder", sp != NULL);
	const char *in[] = {"<p>runko</p>\n", NULL, ""}, *out[3] = {0};
	CHECK("spill: three strings in one put",
	    spill_strs(sp, in, 3, out) == 0);
	CHECK_STR("spill: the first comes back", out[0], "<p>runko</p>\n");
	CHECK("spill: NULL stays NULL", out[1] == NULL);
	CHECK_STR("spill: an empty string stays empty", out[2], "");
	CHECK("spill: a copy, not the caller's bytes", out[0] != in[0]);
	CHECK("spill: the bytes counted with their NULs",
	    spill_bytes(sp) == strlen(in[0]) + 1 + 1);
	const char *raw = spill_put(sp, "a\0b", 3);
	CHECK("spill: bytes with a NUL inside",
	    raw && !memcmp(raw, "a\0b", 3));
	CHECK("spill: no bytes, no copy", spill_put(sp, "", 0) == NULL);

	/* Two threads at once, then the pages given back: every string is
	 * still there, at the same address. */
	struct putter p[2] = {{.sp = sp, .id = 0}, {.sp = sp, .id = 1}};
	pthread_t t[2];
	for (int k = 0; k < 2; k++)
		pthread_create(&t[k], NULL, put_many, &p[k]);
	for (int k = 0; k < 2; k++)
		pthread_join(t[k], NULL);
	CHECK("spill: two threads put without a failure",
	    p[0].bad == 0 && p[1].bad == 0);
	CHECK("spill: ...and each string is its own",
	    all_there(&p[0]) && all_there(&p[1]));
	spill_release(sp);
	CHECK("spill: after the pages are given back, all still read",
	    all_there(&p[0]) && all_there(&p[1]) &&
	    !strcmp(out[0], "<p>runko</p>\n"));
	CHECK("spill: too many strings in one put are refused",
	    spill_strs(sp, (const char *[9]){"a"}, 9, out) == -1);
	spill_free(sp);

	/* Where none can be made: no folder, a file for a folder, NULL. */
	char missing[64], file[64];
	snprintf(missing, sizeof missing, "%s/ei-ole", dir);
	snprintf(file, sizeof file, "%s/tiedosto", dir);
	FILE *f = fopen(file, "w");
	fclose(f);
	CHECK("spill: none in a folder that is not there",
	    spill_open(missing) == NULL);
	CHECK("spill: none in a file", spill_open(file) == NULL);
	CHECK("spill: none without a folder", spill_open(NULL) == NULL);
	CHECK("spill: a put to no spill fails",
	    spill_strs(NULL, in, 1, out) == -1 && spill_put(NULL, "a", 1) ==
	    NULL);
	spill_release(NULL);
	spill_free(NULL);
	CHECK("spill: no bytes in no spill", spill_bytes(NULL) == 0);

	/* Full: a put past the end fails and leaves out as it was. */
	spill *small = spill_open_max(dir, 16);
	const char *was = out[0];
	CHECK("spill: (a small one)", small != NULL &&
	    spill_strs(small, (const char *[]){"0123456789"}, 1, out) == 0);
	out[0] = was;
	CHECK("spill: a put past its end fails",
	    spill_strs(small, (const char *[]){"0123456789"}, 1, out) == -1 &&
	    out[0] == was);
	CHECK("spill: ...and so do raw bytes", spill_put(small, "xy", 2) ==
	    NULL);
	spill_free(small);

	/* A write the system refuses (a file size limit, as a full disk
	 * would) fails the put. */
	spill *lim = spill_open(dir);
	struct rlimit old, tiny = {4096, 4096};
	getrlimit(RLIMIT_FSIZE, &old);
	tiny.rlim_max = old.rlim_max;
	signal(SIGXFSZ, SIG_IGN);
	setrlimit(RLIMIT_FSIZE, &tiny);
	static char big[8192];
	memset(big, 'x', sizeof big - 1);
	CHECK("spill: (a put under the limit)", lim &&
	    spill_strs(lim, (const char *[]){"pieni"}, 1, out) == 0 &&
	    !strcmp(out[0], "pieni"));
	was = out[0];
	CHECK("spill: a write the system refuses fails the put",
	    spill_strs(lim, (const char *[]){big}, 1, out) == -1 &&
	    out[0] == was);
	setrlimit(RLIMIT_FSIZE, &old);
	CHECK("spill: ...and what was put before still reads",
	    !strcmp(was, "pieni"));
	spill_free(lim);

	unlink(file);
	CHECK("spill: nothing left in the folder", rmdir(dir) == 0);
	CHECK_DONE();
}
