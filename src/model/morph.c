#include "morph.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../core/plugin.h"
#include "../core/xalloc.h"
#include "../parse/utf8.h"

struct morph {
	const morph_ops *ops;
	void *voikko;
	void *stemmer;
	int degraded;
	char name[64];
	char *stamp;           /* morph_stamp's, made when asked */
	char lang[16];
};

/* The plugin, loaded once, at the first analyser a language needs. A
 * test binary that links its code (test_morph) has it here already; a
 * weak reference pulls nothing in, so the binary, which links none of
 * it, has NULL and loads the plugin. */
extern const morph_ops morph_plugin_ops __attribute__((weak));
static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static const morph_ops *loaded;
static char load_error[512];

static void load(void)
{
	loaded = plugin_table("words", "morph_plugin_ops", &morph_plugin_ops,
	    load_error, sizeof load_error);
}

static const morph_ops *ops(void)
{
	pthread_once(&load_once, load);
	return loaded;
}

const char *morph_error(void)
{
	return load_error;
}

const char *morph_version(void)
{
	const morph_ops *o = ops();
	return o ? o->voikko_version() : "";
}

static int is_finnish(const char *lang)
{
	return !strncmp(lang, "fi", 2) && (!lang[2] || lang[2] == '-');
}

/* Snowball's algorithms by the language codes a site may use. */
static const char *snowball_name(const char *lang)
{
	static const char *const map[][2] = {
		{"sv", "swedish"}, {"en", "english"}, {"no", "norwegian"},
		{"nb", "norwegian"}, {"nn", "norwegian"}, {"da", "danish"},
		{"de", "german"}, {"fr", "french"}, {"es", "spanish"},
		{"it", "italian"}, {"nl", "dutch"}, {"pt", "portuguese"},
		{"et", "estonian"}, {"ru", "russian"}, {"hu", "hungarian"},
	};
	for (size_t i = 0; i < sizeof map / sizeof *map; i++)
		if (!strncmp(lang, map[i][0], 2) && (!lang[2] ||
		    lang[2] == '-'))
			return map[i][1];
	return NULL;
}

morph *morph_new(const char *lang)
{
	if (!lang)
		lang = "";
	const morph_ops *o = NULL;
	if ((is_finnish(lang) || snowball_name(lang)) && !(o = ops()))
		return NULL;
	morph *m = xcalloc(1, sizeof *m);
	m->ops = o;
	strcpy(m->name, "none");
	snprintf(m->lang, sizeof m->lang, "%s", lang);
	if (is_finnish(lang)) {
		m->voikko = o->voikko_new();
		if (m->voikko) {
			snprintf(m->name, sizeof m->name, "voikko %s",
			    o->voikko_version());
			return m;
		}
		/* Without the dictionary, Snowball's Finnish stemmer is
		 * better than nothing. */
		m->degraded = 1;
	}
	const char *alg = m->degraded ? "finnish" : snowball_name(lang);
	if (alg && (m->stemmer = o->stemmer_new(alg)))
		snprintf(m->name, sizeof m->name, "snowball %s", alg);
	return m;
}

void morph_free(morph *m)
{
	if (!m)
		return;
	if (m->voikko)
		m->ops->voikko_free(m->voikko);
	if (m->stemmer)
		m->ops->stemmer_free(m->stemmer);
	free(m->stamp);
	free(m);
}

/* " path size mtime" of the file at path, when there is one. */
static void stamp_file(buf *b, const char *path)
{
	struct stat st;
	if (path && stat(path, &st) == 0)
		buf_printf(b, " %s %lld %lld.%09ld", path, (long long)st.st_size,
		    (long long)st.st_mtim.tv_sec, (long)st.st_mtim.tv_nsec);
}

/* The dictionary, where libvoikko looks for it (a package update
 * replaces its files): stat'ed, not loaded. */
static void dictionary_files(buf *b, const char *lang)
{
	if (!is_finnish(lang))
		return;
	const char *env = getenv("VOIKKO_DICTIONARY_PATH");
	const char *home = getenv("HOME");
	char path[4096];
	const char *bases[] = {env, home, "/etc/voikko", "/usr/lib/voikko",
	    "/usr/share/voikko"};
	for (size_t i = 0; i < sizeof bases / sizeof *bases; i++) {
		if (!bases[i] || !*bases[i])
			continue;
		for (int f = 0; f < 2; f++) {
			snprintf(path, sizeof path, "%s%s/5/mor-standard/%s",
			    bases[i], i == 1 ? "/.voikko" : "",
			    f ? "index.txt" : "mor.vfst");
			stamp_file(b, path);
		}
	}
}

/* After the dictionary's files, this word, then the libraries': the
 * plugin's own file, libvoikko's (Finnish) and libstemmer's. */
#define LIBRARIES " libraries"

void morph_files(buf *b, const char *lang)
{
	if (!lang)
		lang = "";
	dictionary_files(b, lang);
	buf_puts(b, LIBRARIES);
	char plugin[4096];
	if (plugin_path("words", plugin, sizeof plugin) == 0)
		stamp_file(b, plugin);
	const morph_ops *o = is_finnish(lang) || snowball_name(lang) ? ops() :
	    NULL;
	if (o && is_finnish(lang))
		stamp_file(b, o->voikko_file());
	/* Snowball: another language's, or Finnish without the dictionary. */
	if (o)
		stamp_file(b, o->stemmer_file());
}

int morph_files_stand(const char *files, const char *lang)
{
	if (!lang)
		lang = "";
	buf now = BUF_INIT;
	dictionary_files(&now, lang);
	buf_puts(&now, LIBRARIES);
	int same = !strncmp(files, now.data, now.len);
	/* " path size mtime" each: the same file at each path. */
	const char *p = files + now.len;
	while (same && *p) {
		const char *sp[3] = {NULL, NULL, NULL};
		const char *q = p;
		for (int k = 0; k < 3 && q; k++)
			q = sp[k] = *q == ' ' ? strchr(q + 1, ' ') : NULL;
		const char *end = sp[2] ? sp[2] : p + strlen(p);
		if (*p != ' ' || !sp[0] || !sp[1] || sp[0] == p + 1) {
			same = 0;
			break;
		}
		char path[4096];
		size_t n = (size_t)(sp[0] - p - 1);
		if (n >= sizeof path) {
			same = 0;
			break;
		}
		memcpy(path, p + 1, n);
		path[n] = 0;
		buf_reset(&now);
		stamp_file(&now, path);
		same = now.len == (size_t)(end - p) &&
		    !memcmp(now.data, p, now.len);
		p = end;
	}
	buf_free(&now);
	return same;
}

const char *morph_stamp(morph *m)
{
	if (m->stamp)
		return m->stamp;
	buf b = {0};
	buf_puts(&b, m->name);
	morph_files(&b, m->lang);
	m->stamp = b.data ? b.data : calloc(1, 1);
	return m->stamp ? m->stamp : m->name;
}

const char *morph_name(const morph *m)
{
	return m->name;
}

int morph_degraded(const morph *m)
{
	return m->degraded;
}

/* Is the space-separated list's tail [from, end) holding w already? */
static int listed(const buf *b, size_t from, const char *w, size_t n)
{
	const char *p = b->data ? b->data + from : NULL;
	const char *end = b->data ? b->data + b->len : NULL;
	while (p && p < end) {
		const char *sp = memchr(p, ' ', (size_t)(end - p));
		if (!sp)
			sp = end;
		if ((size_t)(sp - p) == n && !memcmp(p, w, n))
			return 1;
		p = sp + 1;
	}
	return 0;
}

static void add_form(buf *b, size_t from, const buf *also, const char *w,
    size_t n)
{
	if (!n || n > MORPH_MAX_WORD || memchr(w, ' ', n))
		return;
	if (listed(b, from, w, n) || (also && listed(also, 0, w, n)))
		return;
	buf_put(b, w, n);
	buf_putc(b, ' ');
}

static size_t cp_count(const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xC0) != 0x80;
	return k;
}

/* Voikko's STRUCTURE marks where each part of a compound starts ('=')
 * over the word's letters; the parts before the last are as written, and
 * the last one's base form is the rest of the base form. Adds every run
 * of adjacent parts but the whole. */
static void add_parts(const char *word, size_t len, const char *structure,
    const char *base, size_t blen, buf *parts, const buf *bases,
    size_t pfrom)
{
	size_t cut[MORPH_MAX_PARTS + 1], n = 0, off = 0;
	for (const char *p = structure; *p && off <= len; p++) {
		if (*p == '=') {
			if (n == MORPH_MAX_PARTS)
				return;
			if (!n || cut[n - 1] != off)
				cut[n++] = off;
			continue;
		}
		if (off < len) {
			unsigned cp;
			off += utf8_next(word + off, len - off, &cp);
		}
	}
	if (n < 2 || cut[0] != 0 || cut[n - 1] > blen ||
	    memcmp(word, base, cut[n - 1]))
		return;
	cut[n] = blen;   /* the last part ends where the base form does */
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j <= n; j++) {
			if (i == 0 && j == n)
				continue;
			size_t k = cut[j] - cut[i];
			if (cp_count(base + cut[i], k) >= 2)
				add_form(parts, pfrom, bases, base + cut[i], k);
		}
}

struct forms {
	const char *word;
	size_t len;
	buf *bases, *parts, low;
	size_t bfrom, pfrom;
};

/* One of Voikko's analyses: its base form, lowercased, and the compound
 * parts its structure marks. */
static void one_analysis(void *ctx, const char *base, const char *st)
{
	struct forms *F = ctx;
	buf_reset(&F->low);
	morph_lower(&F->low, base, strlen(base));
	add_form(F->bases, F->bfrom, NULL, F->low.data, F->low.len);
	if (st)
		add_parts(F->word, F->len, st, F->low.data, F->low.len,
		    F->parts, F->bases, F->pfrom);
}

void morph_analyse(morph *m, const char *word, size_t len, buf *bases,
    buf *parts)
{
	size_t bfrom = bases->len, pfrom = parts->len;
	if (m->voikko) {
		char w[MORPH_MAX_WORD + 1];
		if (len > MORPH_MAX_WORD)
			len = MORPH_MAX_WORD;
		memcpy(w, word, len);
		w[len] = 0;
		struct forms F = {w, len, bases, parts, BUF_INIT, bfrom, pfrom};
		m->ops->voikko_each(m->voikko, w, one_analysis, &F);
		buf_free(&F.low);
	} else if (m->stemmer) {
		size_t n;
		const char *st = m->ops->stem(m->stemmer, word, len, &n);
		if (st)
			add_form(bases, bfrom, NULL, st, n);
	}
	if (bases->len == bfrom)
		add_form(bases, bfrom, NULL, word, len);
}

/* The lowercase of a letter in ASCII, Latin-1 and Latin Extended-A, as
 * String.prototype.toLowerCase gives it. */
static unsigned lower_cp(unsigned c)
{
	if (c >= 'A' && c <= 'Z')
		return c + 32;
	if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
		return c + 32;
	if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177))
		return c | 1;
	if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
		return (c & 1) ? c + 1 : c;
	if (c == 0x178)
		return 0xFF;
	return c;
}

unsigned morph_lower_cp(unsigned cp)
{
	return lower_cp(cp);
}

static void put_cp(buf *out, unsigned c)
{
	char b[4];
	size_t n;
	if (c < 0x80) {
		b[0] = (char)c;
		n = 1;
	} else if (c < 0x800) {
		b[0] = (char)(0xC0 | (c >> 6));
		b[1] = (char)(0x80 | (c & 0x3F));
		n = 2;
	} else if (c < 0x10000) {
		b[0] = (char)(0xE0 | (c >> 12));
		b[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		b[2] = (char)(0x80 | (c & 0x3F));
		n = 3;
	} else {
		b[0] = (char)(0xF0 | (c >> 18));
		b[1] = (char)(0x80 | ((c >> 12) & 0x3F));
		b[2] = (char)(0x80 | ((c >> 6) & 0x3F));
		b[3] = (char)(0x80 | (c & 0x3F));
		n = 4;
	}
	buf_put(out, b, n);
}

void morph_lower(buf *out, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			buf_putc(out, (char)lower_cp(c));
			i++;
			continue;
		}
		unsigned cp;
		size_t k = utf8_next(s + i, n - i, &cp);
		if (!k)
			k = 1;
		if (lower_cp(cp) == cp)
			buf_put(out, s + i, k);
		else
			put_cp(out, lower_cp(cp));
		i += k;
	}
}
