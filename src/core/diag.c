#include "diag.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>

struct diag {
	FILE *out;
	int errors, warnings, limit, quiet;
	pthread_mutex_t lock;
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

void diag_free(diag *d)
{
	if (!d)
		return;
	pthread_mutex_destroy(&d->lock);
	free(d);
}

static void emit(diag *d, const char *kind, const char *file, int line,
    int col, const char *fmt, va_list ap)
{
	if (file && *file) {
		if (line > 0 && col > 0)
			fprintf(d->out, "%s:%d:%d: ", file, line, col);
		else if (line > 0)
			fprintf(d->out, "%s:%d:1: ", file, line);
		else
			fprintf(d->out, "%s: ", file);
	} else {
		fputs("saitti: ", d->out);
	}
	fprintf(d->out, "%s: ", kind);
	vfprintf(d->out, fmt, ap);
	fputc('\n', d->out);
	fflush(d->out);
}

void diag_error(diag *d, const char *file, int line, int col,
    const char *fmt, ...)
{
	pthread_mutex_lock(&d->lock);
	d->errors++;
	if (d->errors <= d->limit) {
		va_list ap;
		va_start(ap, fmt);
		emit(d, "error", file, line, col, fmt, ap);
		va_end(ap);
	} else if (d->errors == d->limit + 1) {
		fprintf(d->out, "saitti: error: too many errors, "
		    "the rest are not shown\n");
	}
	pthread_mutex_unlock(&d->lock);
}

void diag_warn(diag *d, const char *file, int line, int col,
    const char *fmt, ...)
{
	pthread_mutex_lock(&d->lock);
	d->warnings++;
	if (!d->quiet) {
		va_list ap;
		va_start(ap, fmt);
		emit(d, "warning", file, line, col, fmt, ap);
		va_end(ap);
	}
	pthread_mutex_unlock(&d->lock);
}

int diag_errors(const diag *d) { return d->errors; }
int diag_warnings(const diag *d) { return d->warnings; }
void diag_set_limit(diag *d, int limit) { d->limit = limit; }
void diag_set_quiet(diag *d, int quiet) { d->quiet = quiet; }
