/* docwords: the search-docs cache file (model/docwords.h): written in one
 * buffer of the size told to docwords_begin, read back whole, and a
 * torn, foreign or damaged file read as an empty cache. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../src/model/docwords.h"
#include "check.h"

static const char *const words[] = {"kissa", "koira", "talo"};
static const uint32_t lens[] = {5, 5, 4};

static hash128 key(uint64_t n)
{
	return (hash128){n, n * 7 + 1};
}

/* Writes two documents: 0 → words 2, 0; 1 → word 1 (with where bits). */
static int write_two(const char *file, size_t tell_docs, size_t tell_ids)
{
	docwords_out *o = docwords_begin(words, lens, 3, tell_docs, tell_ids);
	uint32_t *a = docwords_add(o, key(1), 2);
	if (a) {
		a[0] = 2 << 3 | 1;
		a[1] = 0 << 3 | 4;
	}
	uint32_t *b = docwords_add(o, key(2), 1);
	if (b)
		b[0] = 1 << 3 | 2;
	return docwords_commit(o, file);
}

static size_t file_size(const char *file)
{
	FILE *f = fopen(file, "rb");
	if (!f)
		return 0;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fclose(f);
	return n > 0 ? (size_t)n : 0;
}

int main(void)
{
	char dir[] = "/tmp/saitti-docwords-XXXXXX";
	if (!mkdtemp(dir))
		return 1;
	char file[256];
	snprintf(file, sizeof file, "%s/search-docs", dir);

	CHECK("docwords: a file of what was told is written",
	    write_two(file, 2, 3) == 0);
	docwords *c = docwords_read(file, 3);
	CHECK("docwords: its words are read back", docwords_nwords(c) == 3);
	size_t len = 0;
	const char *w = docwords_word(c, 2, &len);
	CHECK("docwords: a word and its length", len == 4 &&
	    !memcmp(w, "talo", 4));
	CHECK("docwords: its documents are read back",
	    docwords_ndocs(c) == 2);
	size_t n = 0;
	const uint32_t *l = docwords_get(c, key(1), &n);
	CHECK("docwords: a document's list", l && n == 2 &&
	    l[0] == (2 << 3 | 1) && l[1] == 4);
	l = docwords_get(c, key(2), &n);
	CHECK("docwords: the next document's list", l && n == 1 &&
	    l[0] == (1 << 3 | 2));
	CHECK("docwords: an unknown document is not found",
	    docwords_get(c, key(3), &n) == NULL);
	docwords_free(c);
	size_t whole = file_size(file);

	/* Told more than was added: the file stays as it was. */
	CHECK("docwords: fewer documents than told are not written",
	    write_two(file, 3, 3) == -1 && file_size(file) == whole);
	CHECK("docwords: fewer entries than told are not written",
	    write_two(file, 2, 4) == -1 && file_size(file) == whole);
	docwords_out *o = docwords_begin(words, lens, 3, 1, 1);
	CHECK("docwords: no room past the documents told",
	    docwords_add(o, key(1), 1) != NULL &&
	    docwords_add(o, key(2), 1) == NULL);
	CHECK("docwords: a writing that ran out of room is not written",
	    docwords_commit(o, file) == -1 && file_size(file) == whole);
	o = docwords_begin(words, lens, 3, 2, 1);
	CHECK("docwords: no room past the entries told",
	    docwords_add(o, key(1), 2) == NULL);
	CHECK("docwords: nor is that writing written",
	    docwords_commit(o, file) == -1 && file_size(file) == whole);

	/* More entries than a file's 32-bit places number: refused at
	 * once, nothing allocated. */
	o = docwords_begin(words, lens, 3, 1, (size_t)UINT32_MAX + 1);
	CHECK("docwords: more entries than a file numbers have no room",
	    docwords_add(o, key(1), 1) == NULL);
	CHECK("docwords: and are not written",
	    docwords_commit(o, file) == -1 && file_size(file) == whole);

	/* An entry naming a word the file does not have: refused. */
	char bad[256];
	snprintf(bad, sizeof bad, "%s/bad", dir);
	o = docwords_begin(words, lens, 3, 1, 1);
	uint32_t *e = docwords_add(o, key(1), 1);
	if (e)
		e[0] = 3 << 3;
	CHECK("docwords: a file is written whatever its numbers",
	    docwords_commit(o, bad) == 0);
	c = docwords_read(bad, 3);
	CHECK("docwords: a word number past the words is not read",
	    docwords_ndocs(c) == 0 && docwords_get(c, key(1), &n) == NULL);
	docwords_free(c);

	/* Torn: the file cut short. */
	FILE *f = fopen(file, "rb");
	char *data = malloc(whole);
	if (!f || !data || fread(data, 1, whole, f) != whole)
		return 1;
	fclose(f);
	f = fopen(bad, "wb");
	fwrite(data, 1, whole - 5, f);
	fclose(f);
	c = docwords_read(bad, 3);
	CHECK("docwords: a torn file is an empty cache",
	    docwords_ndocs(c) == 0 && docwords_nwords(c) == 0);
	docwords_free(c);
	/* Damaged at the same length: the checksum. */
	data[whole - 2] ^= 0x40;
	f = fopen(bad, "wb");
	fwrite(data, 1, whole, f);
	fclose(f);
	c = docwords_read(bad, 3);
	CHECK("docwords: a damaged file is an empty cache",
	    docwords_ndocs(c) == 0);
	docwords_free(c);
	/* Foreign: another format's first line. */
	data[whole - 2] ^= 0x40;
	memcpy(data, "saitti-search-docs 9\n", 21);
	f = fopen(bad, "wb");
	fwrite(data, 1, whole, f);
	fclose(f);
	c = docwords_read(bad, 3);
	CHECK("docwords: a file of another format is an empty cache",
	    docwords_ndocs(c) == 0);
	docwords_free(c);
	c = docwords_read(NULL, 3);
	CHECK("docwords: no file is an empty cache", docwords_ndocs(c) == 0 &&
	    docwords_get(c, key(1), &n) == NULL);
	docwords_free(c);
	free(data);
	unlink(bad);
	unlink(file);
	rmdir(dir);
	CHECK_DONE();
}
