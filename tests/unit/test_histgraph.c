/* histgraph: the replay over hand-made histories (renames, merges, a
 * shallow edge) and the cache format's round trip and damage checks. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "source/histgraph.h"

static void id_of(unsigned char id[20], int n)
{
	memset(id, 0, 20);
	id[0] = (unsigned char)(n + 1);
	id[19] = 0xab;
}

static size_t commit(histgraph *g, int n, int64_t t, const char *who,
    int flags)
{
	unsigned char id[20];
	id_of(id, n);
	return histgraph_add_commit(g, id, t, who, flags);
}

/* c0 renames a.md to x/a2.md with an edit; c1 moves b.md to blogi/
 * unchanged; c2 edits a.md and adds c.md; c3 is the root. */
static histgraph *linear(int cut)
{
	histgraph *g = histgraph_new();
	commit(g, 0, 4000, "Daavid", 0);
	histgraph_add_parent(g, 1);
	histgraph_add_move(g, HG_CHANGED, "x/a2.md", "a.md", 0);
	commit(g, 1, 3000, "Carola", 0);
	histgraph_add_parent(g, 2);
	histgraph_add_move(g, HG_SAME, "blogi/b.md", "b.md", 0);
	commit(g, 2, 2000, "Bertta", 0);
	histgraph_add_parent(g, 3);
	histgraph_add_move(g, HG_CHANGED, "a.md", "a.md", 0);
	histgraph_add_move(g, HG_ADDED, "c.md", NULL, 0);
	commit(g, 3, 1000, "Äijä Öhman", HG_ROOT | (cut ? HG_CUT : 0));
	return g;
}

static void test_linear(void)
{
	histgraph *g = linear(0);
	const char *paths[] = {"x/a2.md", "blogi/b.md", "c.md"};
	hg_fact f[3];
	histgraph_resolve(g, paths, 3, f);
	CHECK("rename with edit: added at the root", f[0].first == 3);
	CHECK_STR("rename with edit: first path", f[0].orig, "a.md");
	CHECK("rename with edit: the rename is the last change", f[0].last == 0);
	CHECK("pure move: added at the root", f[1].first == 3);
	CHECK_STR("pure move: first path", f[1].orig, "b.md");
	CHECK("pure move: not a change", f[1].last == 3);
	CHECK("added file: its commit", f[2].first == 2 && f[2].last == 2);
	CHECK_STR("added file: its path", f[2].orig, "c.md");
	CHECK("no shallow edge", !f[0].cut && !f[1].cut);
	CHECK_STR("author kept with Finnish letters",
	    g->strings[g->commits[f[0].first].author], "Äijä Öhman");
	unsigned char id[20];
	id_of(id, 2);
	CHECK("lookup by id", histgraph_lookup(g, id) == 2);
	id_of(id, 9);
	CHECK("lookup of a stranger", histgraph_lookup(g, id) == -1);
	histgraph_free(g);

	g = linear(1);
	histgraph_resolve(g, paths, 3, f);
	CHECK("shallow edge: cut", f[0].cut && f[1].cut && !f[2].cut);
	histgraph_free(g);
}

/* m0 merges a1 (main: edits x.md) and b1 (a branch: adds y.md, edits
 * z.md); the merge itself edits w.md. r is the root. */
static void test_merge(void)
{
	histgraph *g = histgraph_new();
	commit(g, 0, 5000, "Merkki", 0);
	histgraph_add_parent(g, 1);
	histgraph_add_parent(g, 2);
	histgraph_add_move(g, HG_SAME, "y.md", "y.md", 1);
	histgraph_add_move(g, HG_SAME, "z.md", "z.md", 1);
	histgraph_add_move(g, HG_CHANGED, "w.md", "w.md", 0);
	commit(g, 1, 4000, "Pää", 0);
	histgraph_add_parent(g, 3);
	histgraph_add_move(g, HG_CHANGED, "x.md", "x.md", 0);
	commit(g, 2, 4500, "Eeva", 0);
	histgraph_add_parent(g, 3);
	histgraph_add_move(g, HG_ADDED, "y.md", NULL, 0);
	histgraph_add_move(g, HG_CHANGED, "z.md", "z.md", 0);
	commit(g, 3, 1000, "Juuri", HG_ROOT);
	const char *paths[] = {"x.md", "y.md", "z.md", "w.md"};
	hg_fact f[4];
	histgraph_resolve(g, paths, 4, f);
	CHECK("merge: main's edit", f[0].first == 3 && f[0].last == 1);
	CHECK("merge: a branch's new file is the branch's",
	    f[1].first == 2 && f[1].last == 2);
	CHECK("merge: a branch's edit", f[2].first == 3 && f[2].last == 2);
	CHECK("merge: an edit in the merge", f[3].first == 3 && f[3].last == 0);
	histgraph_free(g);
}

/* One commit swaps a.md and b.md: each must travel once. */
static void test_swap(void)
{
	histgraph *g = histgraph_new();
	commit(g, 0, 2000, "S", 0);
	histgraph_add_parent(g, 1);
	histgraph_add_move(g, HG_SAME, "a.md", "b.md", 0);
	histgraph_add_move(g, HG_SAME, "b.md", "a.md", 0);
	commit(g, 1, 1000, "R", HG_ROOT);
	const char *paths[] = {"a.md", "b.md", "new.md"};
	hg_fact f[3];
	histgraph_resolve(g, paths, 2, f);
	CHECK_STR("swap: a.md was b.md", f[0].orig, "b.md");
	CHECK_STR("swap: b.md was a.md", f[1].orig, "a.md");
	histgraph_free(g);
}

static void test_cache(void)
{
	histgraph *g = linear(0);
	g->prefix = "sivusto/";
	g->walked = 4;
	size_t len;
	char *bytes = histgraph_encode(g, &len);
	CHECK("cache: text header", !strncmp(bytes, "saitti-history 2\nhead "
	    "01000000000000000000000000000000000000ab\nfrom -\nwalked 4\n",
	    strlen("saitti-history 2\nhead 0100000000000000000000000000000000"
	    "0000ab\nfrom -\nwalked 4\n")));
	const char *err = NULL;
	histgraph *h = histgraph_decode(bytes, len, &err);
	CHECK("cache: decodes", h && !err);
	if (h) {
		const char *paths[] = {"x/a2.md", "blogi/b.md", "c.md"};
		hg_fact f[3];
		histgraph_resolve(h, paths, 3, f);
		CHECK("cache: same answers", f[0].first == 3 && f[0].last == 0 &&
		    !strcmp(f[0].orig, "a.md") && f[1].last == 3 &&
		    f[2].first == 2);
		CHECK_STR("cache: prefix kept", h->prefix, "sivusto/");
		CHECK("cache: commits kept", h->ncommits == 4 &&
		    h->commits[3].time == 1000 && h->commits[3].flags == HG_ROOT);
		size_t len2;
		char *again = histgraph_encode(h, &len2);
		CHECK("cache: encoding is stable", len2 == len &&
		    !memcmp(again, bytes, len));
		free(again);
		histgraph_free(h);
	}
	char *bad = malloc(len);
	memcpy(bad, bytes, len);
	bad[len / 2] ^= 0x20;
	h = histgraph_decode(bad, len, &err);
	CHECK("cache: a changed byte is found", !h && err &&
	    strstr(err, "checksum"));
	h = histgraph_decode(bytes, len - 5, &err);
	CHECK("cache: truncated is found", !h && err);
	h = histgraph_decode(bytes, 10, &err);
	CHECK("cache: very short is found", !h && err);
	memcpy(bad, bytes, len);
	bad[0] = 'X';
	h = histgraph_decode(bad, len, &err);
	CHECK("cache: other magic", !h && err && strstr(err, "not a saitti"));
	h = histgraph_decode("", 0, &err);
	CHECK("cache: empty file", !h && err);
	memcpy(bad, bytes, len);
	bad[15] = '1';   /* the version before HG_TOUCHED */
	h = histgraph_decode(bad, len, &err);
	CHECK("cache: another version is not damage", !h &&
	    err && !strcmp(err, HISTGRAPH_OTHER_VERSION));
	free(bad);
	free(bytes);
	histgraph_free(g);
}

/* An edit nobody sees (HG_TOUCHED) moves `last` but not `shown`; it is
 * kept through the cache. c0 touches a.md, c1 changes it, c2 adds it and
 * b.md, which c0 and c1 only touch. */
static void test_touched(void)
{
	histgraph *g = histgraph_new();
	commit(g, 0, 3000, "C", 0);
	histgraph_add_parent(g, 1);
	histgraph_add_move(g, HG_TOUCHED, "a.md", "a.md", 0);
	histgraph_add_move(g, HG_TOUCHED, "b2.md", "b.md", 0);
	commit(g, 1, 2000, "B", 0);
	histgraph_add_parent(g, 2);
	histgraph_add_move(g, HG_CHANGED, "a.md", "a.md", 0);
	histgraph_add_move(g, HG_TOUCHED, "b.md", "b.md", 0);
	commit(g, 2, 1000, "A", HG_ROOT);
	size_t len;
	char *bytes = histgraph_encode(g, &len);
	const char *err = NULL;
	histgraph *h = histgraph_decode(bytes, len, &err);
	CHECK("touched: the cache keeps it", h != NULL);
	const char *paths[] = {"a.md", "b2.md"};
	hg_fact f[2];
	for (int round = 0; round < 2; round++) {
		histgraph_resolve(round ? h : g, paths, 2, f);
		CHECK("touched: last is the newest edit", f[0].last == 0 &&
		    f[1].last == 0);
		CHECK("touched: shown is the newest visible change",
		    f[0].shown == 1 && f[0].first == 2);
		CHECK("touched: only touched since added: shown == first",
		    f[1].shown == 2 && f[1].first == 2 &&
		    !strcmp(f[1].orig, "b.md"));
	}
	free(bytes);
	histgraph_free(h);
	histgraph_free(g);
}

int main(void)
{
	test_touched();
	test_linear();
	test_merge();
	test_swap();
	test_cache();
	CHECK_DONE();
}
