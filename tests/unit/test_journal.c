/* journal and source: the stamp's walk and the build share their stats
 * (journal_hooks, source_remember, source_known) and the digest is the
 * one a walk of its own makes. */
#include <fcntl.h>
#include <limits.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "core/buf.h"
#include "core/diag.h"
#include "source/journal.h"
#include "source/source.h"

static char T[] = "/tmp/saitti-journal-XXXXXX";

static void put(const char *rel, const char *text)
{
	char p[PATH_MAX];
	snprintf(p, sizeof p, "%s/%s", T, rel);
	FILE *f = fopen(p, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

/* What the hooks were told and asked. */
struct seen {
	int told, asked, lie;
	char last[PATH_MAX], root[PATH_MAX];
};

static void saw(void *ctx, const char *root, const char *rel,
    const struct stat *st)
{
	struct seen *s = ctx;
	s->told += S_ISREG(st->st_mode) != 0;
	snprintf(s->last, sizeof s->last, "%s", rel);
	snprintf(s->root, sizeof s->root, "%s", root);
}

/* Answers with a real stat, or (lie) one of another size. */
static int known(void *ctx, const char *root, const char *rel,
    struct stat *st)
{
	struct seen *s = ctx;
	char p[PATH_MAX];
	snprintf(p, sizeof p, "%s/%s", root, rel);
	s->asked++;
	if (lstat(p, st) != 0)
		return 0;
	if (s->lie)
		st->st_size += 1;
	return 1;
}

static void remember(void *ctx, const char *root, const char *rel,
    const struct stat *st)
{
	source_remember(ctx, root, rel, st);
}

static int ask_source(void *ctx, const char *root, const char *rel,
    struct stat *st)
{
	return source_known(ctx, root, rel, st);
}

/* Counts the plain files told, from any thread. */
static void count_told(void *ctx, const char *root, const char *rel,
    const struct stat *st)
{
	(void)root;
	(void)rel;
	if (S_ISREG(st->st_mode))
		atomic_fetch_add((atomic_int *)ctx, 1);
}

/* A tree deep and wide enough that a walk on threads splits it: sections,
 * years, months, a post in each, and one folder nested past the levels
 * the walk splits at. */
static int wide_tree(void)
{
	char p[PATH_MAX];
	int n = 0;
	static const char *const sec[] = {"blogi", "uutiset", "tapahtumat"};
	for (int a = 0; a < 3; a++)
		for (int y = 2015; y < 2019; y++)
			for (int m = 1; m <= 12; m += 4) {
				snprintf(p, sizeof p, "%s/content/%s/%d/%02d",
				    T, sec[a], y, m);
				char mk[PATH_MAX + 16];
				snprintf(mk, sizeof mk, "mkdir -p '%s'", p);
				if (system(mk) != 0)
					return -1;
				char rel[64];
				snprintf(rel, sizeof rel,
				    "content/%s/%d/%02d/p.md", sec[a], y, m);
				put(rel, "---\ntitle: P\n---\nteksti\n");
				n++;
			}
	snprintf(p, sizeof p, "mkdir -p '%s/content/blogi/2015/01/a/b/c/d'",
	    T);
	if (system(p) != 0)
		return -1;
	put("content/blogi/2015/01/a/b/c/d/syva.md", "syvä\n");
	return n + 1;
}

/* The record a build of T reading content/ writes. */
static void record(buf *rec)
{
	journal *j = journal_new(T);
	journal_list(j, "content");
	journal_write(j, rec);
	journal_free(j);
}

int main(void)
{
	if (!mkdtemp(T))
		return 1;
	char p[PATH_MAX];
	snprintf(p, sizeof p, "%s/content", T);
	mkdir(p, 0755);
	snprintf(p, sizeof p, "%s/content/blogi", T);
	mkdir(p, 0755);
	put("content/blogi/a.md", "---\ntitle: A\n---\nyksi\n");
	put("content/blogi/b.md", "---\ntitle: B\n---\nkaksi\n");
	put("content/sivu.md", "---\ntitle: C\n---\nkolme\n");

	buf rec = BUF_INIT;
	record(&rec);
	hash128 plain, hooked;
	int64_t n1, n2;
	CHECK("journal: a walk without hooks",
	    journal_digest(rec.data, rec.len, &plain, &n1, NULL, 1) == 0);

	struct seen s = {0};
	journal_hooks told = {saw, NULL, &s};
	CHECK("journal: the walk tells each plain file's stat",
	    journal_digest(rec.data, rec.len, &hooked, &n2, &told, 1) == 0 &&
	    s.told == 3 && !strncmp(s.last, "content/", 8));
	CHECK("journal: ...under the record's root, a real path",
	    s.root[0] == '/' && !access(s.root, F_OK));
	CHECK("journal: ...and the digest is the same",
	    hash_eq(plain, hooked) && n1 == n2);

	struct seen k = {0};
	journal_hooks asked = {NULL, known, &k};
	CHECK("journal: a known stat answers for the file's own",
	    journal_digest(rec.data, rec.len, &hooked, &n2, &asked, 1) == 0 &&
	    k.asked == 3 && hash_eq(plain, hooked));
	k.lie = 1;
	CHECK("journal: ...and is what the digest is made of",
	    journal_digest(rec.data, rec.len, &hooked, &n2, &asked, 1) == 0 &&
	    !hash_eq(plain, hooked));

	/* The source takes the walk's stats for its identities. */
	diag *d = diag_new(stderr);
	source *src = source_open_dir(T, d);
	struct stat st;
	snprintf(p, sizeof p, "%s/content/blogi/a.md", T);
	lstat(p, &st);
	struct stat fake = st;
	fake.st_size = 12345;
	source_remember(src, s.root, "content/blogi/a.md", &fake);
	source_ident id;
	CHECK("source: a remembered stat is the identity, no stat made",
	    source_ident_of(src, "content/blogi/a.md", &id) == 0 &&
	    id.size == 12345 && id.ino == (unsigned long long)st.st_ino);
	source_remember(src, "/ei/tama", "content/blogi/b.md", &fake);
	CHECK("source: one under another root is not taken",
	    source_ident_of(src, "content/blogi/b.md", &id) == 0 &&
	    id.size != 12345);
	struct stat back;
	CHECK("source: a remembered identity is known to the walk after",
	    source_known(src, s.root, "content/blogi/a.md", &back) == 1 &&
	    back.st_ino == st.st_ino && back.st_size == 12345 &&
	    back.st_mtim.tv_nsec == st.st_mtim.tv_nsec &&
	    back.st_ctim.tv_sec == st.st_ctim.tv_sec && S_ISREG(back.st_mode));
	CHECK("source: one it statted itself is not kept (memory)",
	    source_known(src, s.root, "content/blogi/b.md", &back) == 0);
	CHECK("source: nor one under another root",
	    source_known(src, "/ei/tama", "content/blogi/a.md", &back) == 0);

	/* The parse's identities, handed over, answer for the walk. */
	source_ident *got = calloc(3, sizeof *got);
	const char *read_paths[] = {"content/blogi/a.md", "content/blogi/b.md",
	    "content/sivu.md"};
	got[0] = (source_ident){(unsigned long long)st.st_dev,
	    (unsigned long long)st.st_ino, 777, (unsigned long long)st.st_mode,
	    1, 2};
	source_keep_read(src, read_paths, got, 3);
	CHECK("source: a walk's remembered identity comes before the parse's",
	    source_known(src, s.root, "content/blogi/b.md", &back) == 0 &&
	    source_known(src, s.root, "content/blogi/a.md", &back) == 1 &&
	    back.st_size == 12345);   /* the walk's remembered one first */
	CHECK("source: ...one without an inode is not",
	    source_known(src, s.root, "content/sivu.md", &back) == 0);
	source_free(src);
	src = source_open_dir(T, d);
	got = calloc(3, sizeof *got);
	got[2] = (source_ident){1, 2, 3, (unsigned long long)S_IFREG, 4, 5};
	source_keep_read(src, read_paths, got, 3);
	CHECK("source: ...answered from the parse's identity alone",
	    source_known(src, s.root, "content/sivu.md", &back) == 1 &&
	    back.st_ino == 2 && back.st_size == 3 &&
	    back.st_mtim.tv_nsec == 4 && back.st_ctim.tv_nsec == 5);
	CHECK("source: ...and not under another root",
	    source_known(src, "/ei/tama", "content/sivu.md", &back) == 0);
	const char *unsorted[] = {"content/sivu.md", "content/blogi/a.md"};
	got = calloc(2, sizeof *got);
	got[0] = got[1] = (source_ident){1, 2, 3, (unsigned long long)S_IFREG,
	    4, 5};
	source_free(src);
	src = source_open_dir(T, d);
	source_keep_read(src, unsorted, got, 2);
	CHECK("source: paths out of order are not kept",
	    source_known(src, s.root, "content/sivu.md", &back) == 0);

	/* The stamp's digest after a rebuild, from the identities the
	 * reuse test's walk left, equals a walk's. */
	source_free(src);
	src = source_open_dir(T, d);
	journal_hooks keep = {remember, NULL, src};
	CHECK("journal: (the reuse test's walk)",
	    journal_digest(rec.data, rec.len, &hooked, &n2, &keep, 1) == 0);
	journal_hooks from_source = {NULL, ask_source, src};
	CHECK("journal: a digest from the walk's identities equals a walk's",
	    journal_digest(rec.data, rec.len, &hooked, &n2, &from_source, 1) ==
	    0 && hash_eq(plain, hooked));
	/* A file changed after the walk: the digest from its identities
	 * names the files as the walk found them, and the next build's own
	 * walk sees the change (its stamp is not reused). */
	put("content/sivu.md", "---\ntitle: C\n---\nneljä, pidempi\n");
	hash128 now;
	CHECK("journal: a change after the walk: the kept digest is the "
	    "walk's", journal_digest(rec.data, rec.len, &hooked, &n2,
	    &from_source, 1) == 0 && hash_eq(plain, hooked));
	CHECK("journal: ...and the next walk sees the change",
	    journal_digest(rec.data, rec.len, &now, &n2, NULL, 1) == 0 &&
	    !hash_eq(plain, now));
	source_free(src);

	/* On threads: the same digest, newest time and files told. */
	int made = wide_tree();
	buf wide = BUF_INIT;
	record(&wide);
	hash128 one, two, four;
	int64_t t1, t2, t4;
	atomic_int c1 = 0, c2 = 0, c4 = 0;
	journal_hooks h1 = {count_told, NULL, &c1}, h2 = {count_told, NULL,
	    &c2}, h4 = {count_told, NULL, &c4};
	CHECK("journal: a wide tree on one thread",
	    made > 0 && journal_digest(wide.data, wide.len, &one, &t1, &h1,
	    1) == 0 && atomic_load(&c1) == made + 3);
	CHECK("journal: ...on two threads, the same digest and time",
	    journal_digest(wide.data, wide.len, &two, &t2, &h2, 2) == 0 &&
	    hash_eq(one, two) && t1 == t2);
	CHECK("journal: ...on four, too",
	    journal_digest(wide.data, wide.len, &four, &t4, &h4, 4) == 0 &&
	    hash_eq(one, four) && t1 == t4);
	CHECK("journal: ...and every file told once, on any number",
	    atomic_load(&c2) == made + 3 && atomic_load(&c4) == made + 3);
	/* Changes deep in the tree, below the levels split into tasks. */
	put("content/blogi/2015/01/a/b/c/d/syva.md", "syvempi\n");
	CHECK("journal: on threads, an edit deep down changes the digest",
	    journal_digest(wide.data, wide.len, &two, &t2, NULL, 2) == 0 &&
	    !hash_eq(one, two));
	hash128 edited = two;
	snprintf(p, sizeof p, "%s/content/tapahtumat/2017/05/p.md", T);
	unlink(p);
	CHECK("journal: ...and so does a file removed",
	    journal_digest(wide.data, wide.len, &two, &t2, NULL, 2) == 0 &&
	    !hash_eq(edited, two));
	CHECK("journal: ...the same as one thread sees it",
	    journal_digest(wide.data, wide.len, &one, &t1, NULL, 1) == 0 &&
	    hash_eq(one, two) && t1 == t2);
	buf_free(&wide);

	/* A folder of more folders than the process may hold open (Hugo's
	 * page bundles: a folder a post): on threads the same digest. */
	char many[PATH_MAX + 64];
	snprintf(many, sizeof many, "mkdir -p '%s/content/paketit' && cd "
	    "'%s/content/paketit' && for i in $(seq 1 300); do mkdir -p "
	    "p$i && echo t > p$i/index.md; done", T, T);
	struct rlimit was, low;
	getrlimit(RLIMIT_NOFILE, &was);
	low = was;
	low.rlim_cur = 64;
	buf bundles = BUF_INIT;
	record(&bundles);
	int made_many = system(many) == 0;
	CHECK("journal: (300 folders in one, 64 descriptors)", made_many &&
	    setrlimit(RLIMIT_NOFILE, &low) == 0);
	hash128 b1, b2;
	int64_t bt1, bt2;
	CHECK("journal: a folder of many folders, on two threads as on one",
	    journal_digest(bundles.data, bundles.len, &b1, &bt1, NULL, 1) ==
	    0 && journal_digest(bundles.data, bundles.len, &b2, &bt2, NULL,
	    2) == 0 && hash_eq(b1, b2) && bt1 == bt2);
	setrlimit(RLIMIT_NOFILE, &was);
	snprintf(many, sizeof many, "%s/content/paketit/p150/index.md", T);
	unlink(many);
	CHECK("journal: ...and a file gone from one of them is seen",
	    journal_digest(bundles.data, bundles.len, &b2, &bt2, NULL, 2) ==
	    0 && !hash_eq(b1, b2));
	buf_free(&bundles);
	diag_free(d);
	buf_free(&rec);

	snprintf(p, sizeof p, "rm -rf '%s'", T);
	if (system(p) != 0)
		return 1;
	CHECK_DONE();
}
