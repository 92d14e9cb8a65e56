/* i18n: the language of every sentence a person reads (GNU gettext).
 *
 * Sentences are written in English in the C source, wrapped in _() (or
 * N_() where a string is only marked, to be translated where it is used),
 * and translated through po/LANG.po, compiled by msgfmt into
 * LOCALEDIR/LANG/LC_MESSAGES/saitti.mo. The `FILE:LINE:COL:` prefix and
 * the `error:` / `warning:` keywords stay outside the translated text so
 * CI annotations still parse them (core/diag).
 *
 * Which language: `--lang` (i18n_force) first, then $LANGUAGE when it is
 * set, then the site's `language:` once site.yaml is read
 * (i18n_set_site_language), else English. Only LC_MESSAGES is ever
 * switched: numbers and dates in the output never depend on the locale. */
#ifndef SAITTI_I18N_H
#define SAITTI_I18N_H

/* Finds the catalogues (beside the binary in LOCALEDIR's shape, then
 * $SAITTI_LOCALEDIR, then the installed LOCALEDIR) and applies $LANGUAGE if
 * set. Call once, first thing in main. */
void i18n_init(const char *argv0);
/* A language chosen by the person running saitti (--lang): later calls to
 * i18n_set_site_language change nothing. */
void i18n_force(const char *lang);
/* The site's `language:`; ignored when the person chose one. */
void i18n_set_site_language(const char *lang);
/* The language messages are in now ("fi", "sv", "en"). */
const char *i18n_language(void);

const char *i18n_text(const char *msgid) __attribute__((format_arg(1)));
const char *i18n_ntext(const char *one, const char *many, unsigned long n)
    __attribute__((format_arg(1))) __attribute__((format_arg(2)));

#define _(s) i18n_text(s)
#define N_(s) s   /* no parentheses: it may initialise an array */
#define P_(one, many, n) i18n_ntext(one, many, n)

#endif
