#include "wordcache.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/buf.h"
#include "../core/fdio.h"
#include "../core/strmap.h"
#include "../core/xalloc.h"

#define MAGIC "saitti-search-words 1\t"

struct wordcache {
	strmap *m;      /* word → "bases\0parts", into data */
	char *data;
};

wordcache *wordcache_read(const char *file, const char *analyser)
{
	wordcache *c = xcalloc(1, sizeof *c);
	c->m = strmap_new();
	FILE *f = file ? fd_fopen_nofollow(file, "r") : NULL;
	if (!f)
		return c;
	buf b = {0};
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_put(&b, chunk, n);
	fclose(f);
	buf_putc(&b, 0);
	char *p = b.data;
	size_t ml = strlen(MAGIC), al = strlen(analyser);
	if (strncmp(p, MAGIC, ml) || strncmp(p + ml, analyser, al) ||
	    p[ml + al] != '\n') {
		buf_free(&b);
		return c;
	}
	p += ml + al + 1;
	while (*p) {
		char *nl = strchr(p, '\n');
		if (!nl)
			break;   /* a cut line: the rest is analysed again */
		*nl = 0;
		char *tab = strchr(p, '\t');
		char *tab2 = tab ? strchr(tab + 1, '\t') : NULL;
		if (tab2) {
			*tab = 0;
			*tab2 = 0;
			strmap_set(c->m, p, tab + 1);
		}
		p = nl + 1;
	}
	c->data = b.data;
	return c;
}

int wordcache_get(const wordcache *c, const char *word, const char **bases,
    const char **parts)
{
	const char *v = strmap_get(c->m, word);
	if (!v)
		return 0;
	*bases = v;
	*parts = v + strlen(v) + 1;
	return 1;
}

void wordcache_free(wordcache *c)
{
	if (!c)
		return;
	strmap_free(c->m);
	free(c->data);
	free(c);
}

void wordcache_write(const char *file, const char *analyser,
    const char *const *words, const char *const *bases,
    const char *const *parts, size_t n)
{
	char *tmp = NULL;
	if (!file || asprintf(&tmp, "%s.tmp", file) < 0)
		return;
	FILE *f = fd_fopen_nofollow(tmp, "w");
	if (f) {
		fprintf(f, "%s%s\n", MAGIC, analyser);
		for (size_t i = 0; i < n; i++)
			fprintf(f, "%s\t%s\t%s\n", words[i], bases[i],
			    parts[i]);
		if (fclose(f) == 0 && rename(tmp, file) == 0) {
			free(tmp);
			return;
		}
	}
	remove(tmp);   /* a cache that cannot be kept costs only time */
	free(tmp);
}
