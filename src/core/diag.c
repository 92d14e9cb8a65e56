#include "diag.h"

#include "i18n.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* A held message, as it was reported: diag_replay formats it for the diag
 * it goes to. */
struct held {
	int error, line, col;
	char *file, *msg;
};

struct diag {
	FILE *out;
	int errors, warnings, limit, quiet;
	pthread_mutex_t lock;
	int holding;
	struct held *held;
	size_t nheld, capheld;
	diag_fn tee;
	void *tee_ctx;
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
	for (size_t i = 0; i < d->nheld; i++) {
		free(d->held[i].file);
		free(d->held[i].msg);
	}
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
    int line, int col, const char *msg)
{
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

static void emit_to(FILE *out, const char *kind, const char *file, int line,
    int col, const char *msg)
{
	if (format != DIAG_TEXT) {
		emit_structured(out, kind, file, line, col, msg);
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
	put_escaped(out, msg);
	fputc('\n', out);
	fflush(out);
}

/* One message, made in memory and written at once: stderr has no buffer,
 * and a character at a time was a write() each (40 ms for the 758
 * warnings of a 10,000-post site). */
static void emit(FILE *out, const char *kind, const char *file, int line,
    int col, const char *msg)
{
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	if (!mem) {
		emit_to(out, kind, file, line, col, msg);
		return;
	}
	emit_to(mem, kind, file, line, col, msg);
	fclose(mem);
	fwrite(text, 1, len, out);
	fflush(out);
	free(text);
}

static char *xstrdup_or_null(const char *s)
{
	if (!s)
		return NULL;
	char *c = strdup(s);
	if (!c)
		abort();
	return c;
}

/* Counts a message, hands it to the tee, and prints it (or holds it) if
 * the limit and quiet allow. Called with d->lock held. */
static void report(diag *d, int error, const char *file, int line, int col,
    const char *msg)
{
	if (error)
		d->errors++;
	else
		d->warnings++;
	if (d->tee)
		d->tee(d->tee_ctx, error, file, line, col, msg);
	if (d->holding) {
		if (d->nheld == d->capheld) {
			d->capheld = d->capheld ? d->capheld * 2 : 4;
			d->held = realloc(d->held, d->capheld * sizeof *d->held);
			if (!d->held)
				abort();
		}
		d->held[d->nheld++] = (struct held){error, line, col,
		    xstrdup_or_null(file), xstrdup_or_null(msg)};
		return;
	}
	if (error ? d->errors > d->limit : d->quiet) {
		if (error && d->errors == d->limit + 1 &&
		    format == DIAG_TEXT)
			fprintf(d->out, "saitti: error: %s\n", _("too many "
			    "errors, the rest are not shown"));
		return;
	}
	emit(d->out, error ? "error" : "warning", file, line, col, msg);
}

static void vreport(diag *d, int error, const char *file, int line, int col,
    const char *fmt, va_list ap)
{
	char *msg = NULL;
	if (vasprintf(&msg, fmt, ap) < 0)
		abort();
	pthread_mutex_lock(&d->lock);
	report(d, error, file, line, col, msg);
	pthread_mutex_unlock(&d->lock);
	free(msg);
}

void diag_error(diag *d, const char *file, int line, int col,
    const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(d, 1, file, line, col, fmt, ap);
	va_end(ap);
}

void diag_warn(diag *d, const char *file, int line, int col,
    const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(d, 0, file, line, col, fmt, ap);
	va_end(ap);
}

void diag_replay(diag *held, diag *to)
{
	pthread_mutex_lock(&to->lock);
	for (size_t i = 0; i < held->nheld; i++) {
		const struct held *h = &held->held[i];
		report(to, h->error, h->file, h->line, h->col, h->msg);
	}
	pthread_mutex_unlock(&to->lock);
	for (size_t i = 0; i < held->nheld; i++) {
		free(held->held[i].file);
		free(held->held[i].msg);
	}
	held->nheld = 0;
}

void diag_each(const diag *held, diag_fn fn, void *ctx)
{
	for (size_t i = 0; i < held->nheld; i++) {
		const struct held *h = &held->held[i];
		fn(ctx, h->error, h->file, h->line, h->col, h->msg);
	}
}

void diag_set_tee(diag *d, diag_fn fn, void *ctx)
{
	pthread_mutex_lock(&d->lock);
	d->tee = fn;
	d->tee_ctx = ctx;
	pthread_mutex_unlock(&d->lock);
}

int diag_errors(const diag *d) { return d->errors; }
int diag_warnings(const diag *d) { return d->warnings; }
void diag_set_limit(diag *d, int limit) { d->limit = limit; }
void diag_set_quiet(diag *d, int quiet) { d->quiet = quiet; }
