#include "diag.h"

#include "i18n.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* A held message: formatted, waiting for diag_replay. */
struct held {
	int error;
	char *text;
};

struct diag {
	FILE *out;
	int errors, warnings, limit, quiet;
	pthread_mutex_t lock;
	int holding;
	struct held *held;
	size_t nheld, capheld;
};

diag *diag_new(FILE *out)
{
	diag *d = calloc(1, sizeof *d);
	if (!d)
		abort();
	d->out = out;
	d->limit = 50;
	pthread_mutex_init(&d->lock, NULL);
	return d;
}

diag *diag_new_held(void)
{
	diag *d = diag_new(NULL);
	d->holding = 1;
	return d;
}

void diag_free(diag *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->nheld; i++)
		free(d->held[i].text);
	free(d->held);
	pthread_mutex_destroy(&d->lock);
	free(d);
}

static void emit(FILE *out, const char *kind, const char *file, int line,
    int col, const char *fmt, va_list ap)
{
	if (file && *file) {
		if (line > 0 && col > 0)
			fprintf(out, "%s:%d:%d: ", file, line, col);
		else if (line > 0)
			fprintf(out, "%s:%d:1: ", file, line);
		else
			fprintf(out, "%s: ", file);
	} else {
		fputs("saitti: ", out);
	}
	fprintf(out, "%s: ", kind);
	vfprintf(out, fmt, ap);
	fputc('\n', out);
	fflush(out);
}

/* Counts a message and prints it if the limit and quiet allow; text is
 * the whole line when it was formatted before (a replay). */
static void report(diag *d, int error, const char *text, const char *file,
    int line, int col, const char *fmt, va_list ap)
{
	if (error)
		d->errors++;
	else
		d->warnings++;
	if (d->holding) {
		char *s = NULL;
		size_t n = 0;
		FILE *m = text ? NULL : open_memstream(&s, &n);
		if (m) {
			emit(m, error ? "error" : "warning", file, line, col, fmt,
			    ap);
			fclose(m);
		} else if (text) {
			s = strdup(text);
		}
		if (!s)
			return;
		if (d->nheld == d->capheld) {
			d->capheld = d->capheld ? d->capheld * 2 : 4;
			d->held = realloc(d->held, d->capheld * sizeof *d->held);
			if (!d->held)
				abort();
		}
		d->held[d->nheld++] = (struct held){error, s};
		return;
	}
	if (error ? d->errors > d->limit : d->quiet) {
		if (error && d->errors == d->limit + 1)
			fprintf(d->out, "saitti: error: %s\n", _("too many "
			    "errors, the rest are not shown"));
		return;
	}
	if (text) {
		fputs(text, d->out);
		fflush(d->out);
	} else {
		emit(d->out, error ? "error" : "warning", file, line, col, fmt,
		    ap);
	}
}

void diag_error(diag *d, const char *file, int line, int col,
    const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	pthread_mutex_lock(&d->lock);
	report(d, 1, NULL, file, line, col, fmt, ap);
	pthread_mutex_unlock(&d->lock);
	va_end(ap);
}

void diag_warn(diag *d, const char *file, int line, int col,
    const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	pthread_mutex_lock(&d->lock);
	report(d, 0, NULL, file, line, col, fmt, ap);
	pthread_mutex_unlock(&d->lock);
	va_end(ap);
}

static void replay_one(diag *to, const struct held *h, ...)
{
	va_list ap;
	va_start(ap, h);
	report(to, h->error, h->text, NULL, 0, 0, NULL, ap);
	va_end(ap);
}

void diag_replay(diag *held, diag *to)
{
	pthread_mutex_lock(&to->lock);
	for (size_t i = 0; i < held->nheld; i++)
		replay_one(to, &held->held[i]);
	pthread_mutex_unlock(&to->lock);
	for (size_t i = 0; i < held->nheld; i++)
		free(held->held[i].text);
	held->nheld = 0;
}

int diag_errors(const diag *d) { return d->errors; }
int diag_warnings(const diag *d) { return d->warnings; }
void diag_set_limit(diag *d, int limit) { d->limit = limit; }
void diag_set_quiet(diag *d, int quiet) { d->quiet = quiet; }
