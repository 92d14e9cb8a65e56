/* mdmem: cmark's memory for one document; the same HTML as cmark's own
 * allocator gives. */
#include <stdint.h>
#include <stdlib.h>

#include "check.h"
#include "parse/mdmem.h"

static char *html_with(cmark_mem *mem, const char *md)
{
	cmark_parser *p = cmark_parser_new_with_mem(CMARK_OPT_SOURCEPOS, mem);
	cmark_parser_feed(p, md, strlen(md));
	cmark_node *doc = cmark_parser_finish(p);
	cmark_parser_free(p);
	char *html = cmark_render_html(doc, CMARK_OPT_DEFAULT);
	char *copy = strdup(html);
	mem->free(html);
	if (mem == cmark_get_default_mem_allocator())
		cmark_node_free(doc);
	else
		mdmem_end(doc);
	return copy;
}

int main(void)
{
	cmark_mem *mem = mdmem_begin();
	if (mem == cmark_get_default_mem_allocator()) {
		/* AddressSanitizer's build: malloc's own, nothing to test
		 * but the HTML. */
		mdmem_end(NULL);
		goto html;
	}
	char *a = mem->calloc(3, 10);
	int zero = 1;
	for (int i = 0; i < 30; i++)
		zero &= a[i] == 0;
	CHECK("calloc: zeroed", zero);
	CHECK("aligned", ((uintptr_t)a & 15) == 0);
	memcpy(a, "abcdefghij", 10);
	char *b = mem->realloc(a, 5000);
	CHECK("the newest grows in place", b == a &&
	    memcmp(b, "abcdefghij", 10) == 0);
	char *c = mem->calloc(1, 8);
	char *d = mem->realloc(b, 9000);
	CHECK("an older one moves, its bytes with it", d != b &&
	    memcmp(d, "abcdefghij", 10) == 0 && c[0] == 0);
	mem->free(d);
	char *e = mem->calloc(1, 16);
	CHECK("the newest freed is taken again", e == d);
	char *big = mem->realloc(NULL, 1 << 20);
	memset(big, 'x', 1 << 20);
	char *big2 = mem->realloc(big, 3 << 20);
	CHECK("big ones: a block of their own, copied when they grow",
	    big2[0] == 'x' && big2[(1 << 20) - 1] == 'x');
	/* Many small ones over several blocks. */
	char *p[5000];
	int kept = 1;
	for (int i = 0; i < 5000; i++) {
		p[i] = mem->calloc(1, 40);
		p[i][0] = (char)i;
	}
	for (int i = 0; i < 5000; i++)
		kept &= p[i][0] == (char)i;
	CHECK("blocks fill and chain", kept);

	/* Nested: the inner end keeps the outer document's memory. */
	mdmem_begin();
	mdmem_end(NULL);
	CHECK("nested end keeps memory", p[4999][0] == (char)4999);
	mdmem_end(NULL);

html:;
	const char *md = "# Otsikko\n\nTeksti *korostettu* ja [linkki](/a).\n\n"
	    "- yksi\n- kaksi\n\n```\nkoodi\n```\n\nLopuksi ilman rivinvaihtoa";
	char *want = html_with(cmark_get_default_mem_allocator(), md);
	char *got = html_with(mdmem_begin(), md);
	CHECK_STR("the same HTML as with cmark's allocator", got, want);
	free(want);
	free(got);
	CHECK_DONE();
}
