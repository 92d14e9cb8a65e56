#include "reload.h"

#include <errno.h>
#include <microhttpd.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "../core/xalloc.h"

/* How often an idle event stream says it is alive, so that a closed tab
 * is noticed (and the connection's idle timeout never hits a stream). */
#define KEEPALIVE_S 15

struct reload {
	pthread_mutex_t lock;   /* guards what follows */
	pthread_cond_t changed; /* gen moved, or stopping */
	unsigned long gen;
	char *errors;           /* the failed build's messages, or NULL */
	int stopping;
};

reload *reload_new(void)
{
	reload *r = xcalloc(1, sizeof *r);
	pthread_condattr_t ca;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_mutex_init(&r->lock, NULL);
	pthread_cond_init(&r->changed, &ca);
	pthread_condattr_destroy(&ca);
	return r;
}

void reload_free(reload *r)
{
	if (!r)
		return;
	free(r->errors);
	pthread_cond_destroy(&r->changed);
	pthread_mutex_destroy(&r->lock);
	free(r);
}

void reload_publish(reload *r, char *errors)
{
	pthread_mutex_lock(&r->lock);
	free(r->errors);
	r->errors = errors;
	r->gen++;
	pthread_cond_broadcast(&r->changed);
	pthread_mutex_unlock(&r->lock);
}

unsigned long reload_state(reload *r, char **errors)
{
	pthread_mutex_lock(&r->lock);
	unsigned long gen = r->gen;
	*errors = r->errors ? strdup(r->errors) : NULL;
	pthread_mutex_unlock(&r->lock);
	return gen;
}

void reload_stop(reload *r)
{
	pthread_mutex_lock(&r->lock);
	r->stopping = 1;
	pthread_cond_broadcast(&r->changed);
	pthread_mutex_unlock(&r->lock);
}

/* ---- the event stream ---------------------------------------------- */

struct stream {
	reload *r;
	unsigned long seen;
	int started;
};

/* Sends the current build's number at once and whenever it changes, and a
 * comment now and then so a closed tab is noticed. */
static ssize_t stream_read(void *cls, uint64_t pos, char *out, size_t max)
{
	(void)pos;
	struct stream *e = cls;
	reload *r = e->r;
	pthread_mutex_lock(&r->lock);
	if (e->started) {
		struct timespec until;
		clock_gettime(CLOCK_MONOTONIC, &until);
		until.tv_sec += KEEPALIVE_S;
		while (!r->stopping && r->gen == e->seen)
			if (pthread_cond_timedwait(&r->changed, &r->lock,
			    &until) == ETIMEDOUT)
				break;
	}
	if (r->stopping) {
		pthread_mutex_unlock(&r->lock);
		return MHD_CONTENT_READER_END_OF_STREAM;
	}
	int n;
	if (!e->started || r->gen != e->seen) {
		n = snprintf(out, max, "%sdata: %lu\n\n", e->started ? "" :
		    "retry: 1000\n", r->gen);
		e->seen = r->gen;
		e->started = 1;
	} else {
		n = snprintf(out, max, ": alive\n\n");
	}
	pthread_mutex_unlock(&r->lock);
	return n < 0 || (size_t)n >= max ? MHD_CONTENT_READER_END_WITH_ERROR :
	    n;
}

struct MHD_Response *reload_stream(reload *r)
{
	struct stream *e = calloc(1, sizeof *e);
	if (!e)
		return NULL;
	e->r = r;
	struct MHD_Response *res = MHD_create_response_from_callback(
	    MHD_SIZE_UNKNOWN, 1024, stream_read, e, free);
	if (!res)
		free(e);
	return res;
}

/* ---- the script ---------------------------------------------------- */

void reload_script(buf *b, unsigned long gen)
{
	buf_printf(b, "<script>(function(){var g=\"%lu\",s=new EventSource("
	    "\"" RELOAD_PATH "\");s.onmessage=function(e){if(e.data!==g){"
	    "s.close();location.reload();}};})();</script>\n", gen);
}

char *reload_inject(const char *html, size_t len, unsigned long gen,
    size_t *outlen)
{
	size_t at = len;
	for (size_t i = len; i >= 7; i--)
		if (!strncasecmp(html + i - 7, "</body>", 7)) {
			at = i - 7;
			break;
		}
	buf b = BUF_INIT;
	buf_put(&b, html, at);
	reload_script(&b, gen);
	buf_put(&b, html + at, len - at);
	*outlen = b.len;
	return buf_detach(&b);
}
