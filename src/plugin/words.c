/* words: the search's word libraries, libvoikko and libstemmer, for
 * model/morph (see morph.h). Built apart into saitti-words.so, loaded by
 * a build's search: the two libraries and what they link (libstdc++,
 * hfstospell, libarchive and its compressors) cost every run of saitti
 * ~6 ms to load, a rebuild with nothing to do too. Only the libraries'
 * calls are here; what saitti makes of their answers is morph.c's. */
#include "../model/morph.h"

#include <dlfcn.h>
#include <libstemmer.h>
#include <libvoikko/voikko.h>
#include <string.h>

static void *voikko_new(void)
{
	const char *err = NULL;
	return voikkoInit(&err, "fi", NULL);
}

static void voikko_free(void *h)
{
	voikkoTerminate(h);
}

static void voikko_each(void *h, const char *word,
    void (*each)(void *ctx, const char *base, const char *structure),
    void *ctx)
{
	struct voikko_mor_analysis **an = voikkoAnalyzeWordCstr(h, word);
	for (size_t k = 0; an && an[k]; k++) {
		char *base = voikko_mor_analysis_value_cstr(an[k], "BASEFORM");
		char *st = voikko_mor_analysis_value_cstr(an[k], "STRUCTURE");
		if (base)
			each(ctx, base, st);
		voikko_free_mor_analysis_value_cstr(base);
		voikko_free_mor_analysis_value_cstr(st);
	}
	if (an)
		voikko_free_mor_analysis(an);
}

static const char *voikko_version(void)
{
	return voikkoGetVersion();
}

static void *stemmer_new(const char *alg)
{
	return sb_stemmer_new(alg, "UTF_8");
}

static void stemmer_free(void *h)
{
	sb_stemmer_delete(h);
}

static const char *stem(void *h, const char *word, size_t len, size_t *n)
{
	const sb_symbol *st = sb_stemmer_stem(h, (const sb_symbol *)word,
	    (int)len);
	*n = st ? (size_t)sb_stemmer_length(h) : 0;
	return (const char *)st;
}

/* The shared library the function at fn is in (dladdr takes an object
 * pointer: the function pointer's bytes are copied into one). */
static const char *library_of(const void *fn_bytes, size_t n)
{
	void *addr = NULL;
	Dl_info info;
	memcpy(&addr, fn_bytes, n < sizeof addr ? n : sizeof addr);
	return addr && dladdr(addr, &info) ? info.dli_fname : NULL;
}

static const char *voikko_file(void)
{
	struct VoikkoHandle *(*fn)(const char **, const char *,
	    const char *) = voikkoInit;
	return library_of(&fn, sizeof fn);
}

static const char *stemmer_file(void)
{
	struct sb_stemmer *(*fn)(const char *, const char *) = sb_stemmer_new;
	return library_of(&fn, sizeof fn);
}

const morph_ops morph_plugin_ops = {
	voikko_new, voikko_free, voikko_each, voikko_version, voikko_file,
	stemmer_new, stemmer_free, stem, stemmer_file,
};
