#include "i18n.h"

#include <libintl.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "datadir.h"

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif

#define DOMAIN "saitti"

static char lang_now[32] = "en";
static int forced;

/* Languages are short codes (fi, sv, en, pt-BR): anything else is ignored
 * rather than passed on to gettext as a path part. */
static int valid_lang(const char *l)
{
	size_t n = l ? strlen(l) : 0;
	if (n == 0 || n >= sizeof lang_now)
		return 0;
	return strspn(l, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "_-") == n;
}

static void apply(const char *lang)
{
	size_t n = strcspn(lang, ":");  /* $LANGUAGE may be a list */
	if (n >= sizeof lang_now)
		return;
	memcpy(lang_now, lang, n);
	lang_now[n] = '\0';
	for (char *p = lang_now; *p; p++)
		if (*p == '-')
			*p = '_';
	setenv("LANGUAGE", lang_now, 1);
	/* Any change of locale makes gettext drop what it looked up before;
	 * C.UTF-8 rather than C, because glibc ignores $LANGUAGE under "C". */
	setlocale(LC_MESSAGES, "C.UTF-8");
	textdomain(DOMAIN);
}

static int is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* build/saitti runs with build/locale; an installed one with LOCALEDIR. */
static void bind_catalogues(const char *argv0)
{
	const char *env = getenv("SAITTI_LOCALEDIR");
	if (env && *env && is_dir(env)) {
		bindtextdomain(DOMAIN, env);
		return;
	}
	char exe[PATH_MAX], dir[PATH_MAX + 24];
	if (datadir_exe_dir(exe, sizeof exe) == 0) {
		/* PREFIX/bin/saitti → PREFIX/share/locale, so a relocated
		 * install finds its own catalogues. */
		static const char *const rel[] = {"locale",
		    "../share/locale"};
		for (size_t i = 0; i < 2; i++) {
			snprintf(dir, sizeof dir, "%s/%s", exe, rel[i]);
			if (is_dir(dir)) {
				bindtextdomain(DOMAIN, dir);
				return;
			}
		}
	}
	(void)argv0;
	bindtextdomain(DOMAIN, LOCALEDIR);
}

void i18n_init(const char *argv0)
{
	bind_catalogues(argv0);
	bind_textdomain_codeset(DOMAIN, "UTF-8");
	textdomain(DOMAIN);
	const char *env = getenv("LANGUAGE");
	if (env && *env) {
		char first[32];
		size_t n = strcspn(env, ":");
		if (n < sizeof first) {
			memcpy(first, env, n);
			first[n] = '\0';
			if (valid_lang(first)) {
				apply(first);
				forced = 1;
				return;
			}
		}
	}
	apply("en");
}

void i18n_force(const char *lang)
{
	if (!valid_lang(lang))
		return;
	apply(lang);
	forced = 1;
}

void i18n_set_site_language(const char *lang)
{
	if (forced || !valid_lang(lang))
		return;
	/* serve loads the site again on every change while its server
	 * threads translate the error page: the environment is touched only
	 * when the language really changes. */
	char now[sizeof lang_now];
	size_t n = strlen(lang);
	memcpy(now, lang, n + 1);
	for (char *p = now; *p; p++)
		if (*p == '-')
			*p = '_';
	if (!strcmp(now, lang_now))
		return;
	apply(lang);
}

const char *i18n_language(void)
{
	return lang_now;
}

const char *i18n_text(const char *msgid)
{
	return dgettext(DOMAIN, msgid);
}

const char *i18n_ntext(const char *one, const char *many, unsigned long n)
{
	return dngettext(DOMAIN, one, many, n);
}
