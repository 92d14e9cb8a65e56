/* cli/linkrecord: what check scanned, written and taken back by key; a
 * record that is damaged, cut or of another format is not read. */
#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli/linkrecord.h"

static hash128 key(uint64_t n)
{
	return (hash128){n, n * 31 + 7};
}

/* The references of f as "attr url @line;…", and its ids' count. */
static const char *show(arena *a, const scan_file *f)
{
	const char *s = "";
	for (size_t i = 0; i < f->nrefs; i++)
		s = arena_printf(a, "%s%s %s @%d;", s, f->refs[i].attr,
		    f->refs[i].url, f->refs[i].line);
	return arena_printf(a, "%s ids=%zu parsed=%d", s,
	    f->ids ? strmap_len(f->ids) : (size_t)0, f->parsed);
}

int main(void)
{
	arena *a = arena_new();
	char dir[] = "/tmp/test_linkrecord.XXXXXX";
	if (!mkdtemp(dir)) {
		printf("FAIL mkdtemp\n");
		return 1;
	}
	const char *file = arena_printf(a, "%s/links", dir);

	/* Three files: a page with references and ids, a feed with no ids,
	 * a picture; and one with no key, which is not recorded. */
	scan_file files[4] = {{0}};
	const char *texts[] = {
	    "<h2 id=osa>x</h2>\n<a href=\"/b/\">b</a><a href=\"/b/#osa\">",
	    "<rss><channel><link>https://e.fi/</link></channel></rss>",
	};
	/* References scanned without a table have no entries to number:
	 * no record. */
	scan_file bare = {.path = "a/index.html", .key = key(1)};
	linkscan_file(&bare, a, NULL, texts[0], strlen(texts[0]));
	linkrecord_write(file, &bare, 1);
	CHECK("references without entries: no record", access(file, F_OK) != 0);
	linkscan_free(&bare);

	scan_urls U = {0};
	files[0].path = "a/index.html";
	linkscan_file(&files[0], a, &U, texts[0], strlen(texts[0]));
	files[0].key = key(1);
	files[1].path = "rss.xml";
	linkscan_file(&files[1], a, &U, texts[1], strlen(texts[1]));
	files[1].key = key(2);
	files[2] = (scan_file){.path = "kuva.png", .key = key(3)};
	files[3].path = "b/index.html";
	linkscan_file(&files[3], a, &U, texts[0], strlen(texts[0]));
	linkrecord_write(file, files, 4);

	linkrecord *r = linkrecord_read(file);
	CHECK("read back", r != NULL);
	CHECK("the files with a key, each once", linkrecord_files(r) == 3);
	int same = 1;
	for (int i = 0; i < 3 && r; i++) {
		scan_file f = {.path = files[i].path};
		same = same && linkrecord_take(r, files[i].path, files[i].key,
		    &f, a) && !strcmp(show(a, &f), show(a, &files[i])) &&
		    hash_eq(f.key, files[i].key);
		for (size_t k = 0; same && k < f.nrefs; k++)
			same = f.refs[k].u && f.refs[k].url == f.refs[k].u->text;
		if (f.ids && files[i].ids)
			same = same && strmap_get(f.ids, "osa");
		linkscan_free(&f);
	}
	CHECK("each file taken back as it was scanned", same);
	scan_file f = {.path = "a/index.html"};
	CHECK("another key: not taken", r &&
	    !linkrecord_take(r, "a/index.html", key(9), &f, a) &&
	    f.nrefs == 0 && !f.ids);
	CHECK("a file without a key: not recorded", r &&
	    !linkrecord_take(r, "b/index.html", key(0), &f, a));
	CHECK("a path not recorded: not taken", r &&
	    !linkrecord_take(r, "c/index.html", key(1), &f, a));
	size_t nu;
	scan_url **urls = linkrecord_urls(r, &nu);
	int once = nu == 3;   /* /b/, /b/#osa, https://e.fi/ */
	for (size_t i = 0; once && i < nu; i++)
		for (size_t j = i + 1; j < nu; j++)
			once = once && strcmp(urls[i]->text, urls[j]->text);
	CHECK("the addresses, each once", once);
	linkrecord_free(r);

	/* One byte changed, at the same length; cut short; another format;
	 * no file. */
	FILE *fp = fopen(file, "r+b");
	if (!fp) {
		printf("FAIL no record to damage\n");
		return 1;
	}
	fseek(fp, 0, SEEK_END);
	long len = ftell(fp);
	fseek(fp, len / 2, SEEK_SET);
	int c = fgetc(fp);
	fseek(fp, len / 2, SEEK_SET);
	fputc(c ^ 1, fp);
	fclose(fp);
	CHECK("a changed byte: not read", linkrecord_read(file) == NULL);
	linkrecord_write(file, files, 4);
	CHECK("written again: read", (r = linkrecord_read(file)) != NULL);
	linkrecord_free(r);
	if (truncate(file, len - 1) != 0)
		printf("FAIL truncate\n");
	CHECK("cut short: not read", linkrecord_read(file) == NULL);
	fp = fopen(file, "wb");
	fputs("saitti-links 0\n", fp);
	fclose(fp);
	CHECK("another format: not read", linkrecord_read(file) == NULL);
	unlink(file);
	CHECK("no file: nothing", linkrecord_read(file) == NULL &&
	    linkrecord_files(NULL) == 0);
	/* An empty site: a record of no files is still a record. */
	linkrecord_write(file, files, 0);
	r = linkrecord_read(file);
	CHECK("no files: read, empty", r && linkrecord_files(r) == 0);
	linkrecord_free(r);
	unlink(file);
	rmdir(dir);

	for (int i = 0; i < 4; i++)
		linkscan_free(&files[i]);
	scan_urls_free(&U);
	arena_free(a);
	CHECK_DONE();
}
