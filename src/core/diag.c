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

static diag_format format = DIAG_TEXT;

void diag_set_format(diag_format f) { format = f; }

/* s for a GitHub annotation: '%', CR and LF escaped, and in a property
 * (prop) ',' and ':' too. */
static void put_github(FILE *out, const char *s, int prop)
{
	for (; *s; s++) {
		if (*s == '%')
			fputs("%25", out);
		else if (*s == '\r')
			fputs("%0D", out);
		else if (*s == '\n')
			fputs("%0A", out);
		else if (prop && *s == ',')
			fputs("%2C", out);
		else if (prop && *s == ':')
			fputs("%3A", out);
		else
			fputc(*s, out);
	}
}

static void put_json(FILE *out, const char *s)
{
	fputc('"', out);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", out);
		else if (c < 0x20)
			fprintf(out, "\\u%04x", c);
		else
			fputc(c, out);
	}
	fputc('"', out);
}

/* A message in the GitHub or JSON format. */
static void emit_structured(FILE *out, const char *kind, const char *file,
    int line, int col, const char *fmt, va_list ap)
{
	char *msg = NULL;
	if (vasprintf(&msg, fmt, ap) < 0)
		return;
	if (format == DIAG_GITHUB) {
		fprintf(out, "::%s", kind);
		const char *sep = " ";
		if (file && *file) {
			fputs(" file=", out);
			put_github(out, file, 1);
			sep = ",";
		}
		if (line > 0)
			fprintf(out, "%sline=%d", sep, line);
		if (line > 0 && col > 0)
			fprintf(out, ",col=%d", col);
		fputs("::", out);
		put_github(out, msg, 0);
	} else {
		fputs("{\"file\":", out);
		put_json(out, file && *file ? file : "");
		fprintf(out, ",\"line\":%d,\"col\":%d,\"severity\":",
		    line > 0 ? line : 0, line > 0 && col > 0 ? col : 0);
		put_json(out, kind);
		fputs(",\"message\":", out);
		put_json(out, msg);
		fputc('}', out);
	}
	fputc('\n', out);
	fflush(out);
	free(msg);
}

/* Writes s with control characters but tab escaped (\n, \r, \xNN): a
 * file name or value holding a newline must not split a message over two
 * lines, which tools read one per line, nor an escape sequence rewrite
 * the terminal. */
static void put_escaped(FILE *out, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '\n')
			fputs("\\n", out);
		else if (c == '\r')
			fputs("\\r", out);
		else if ((c < 0x20 && c != '\t') || c == 0x7f)
			fprintf(out, "\\x%02x", c);
		else
			fputc(c, out);
	}
}

static void emit(FILE *out, const char *kind, const char *file, int line,
    int col, const char *fmt, va_list ap)
{
	if (format != DIAG_TEXT) {
		emit_structured(out, kind, file, line, col, fmt, ap);
		return;
	}
	if (file && *file) {
		put_escaped(out, file);
		if (line > 0 && col > 0)
			fprintf(out, ":%d:%d: ", line, col);
		else if (line > 0)
			fprintf(out, ":%d:1: ", line);
		else
			fputs(": ", out);
	} else {
		fputs("saitti: ", out);
	}
	fprintf(out, "%s: ", kind);
	char *msg = NULL;
	if (vasprintf(&msg, fmt, ap) >= 0) {
		put_escaped(out, msg);
		free(msg);
	}
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
		if (error && d->errors == d->limit + 1 &&
		    format == DIAG_TEXT)
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
