/* reload: how the open pages of `saitti serve` learn of a new build.
 * It holds the number of the last build (one more after every build, good
 * or bad) and, while the site does not build, that build's messages, both
 * behind one lock. Served HTML gets a small script (reload_inject) that
 * opens server-sent events on RELOAD_PATH; the stream sends the number at
 * once and again whenever it moves, and the script reloads the page when
 * it is not the build the page came from. Thread-safe: the server's
 * threads read it while the rebuilding thread publishes. */
#ifndef SAITTI_RELOAD_H
#define SAITTI_RELOAD_H

#include <stddef.h>

#include "../core/buf.h"

/* Where the script listens. */
#define RELOAD_PATH "/__saitti/events"

typedef struct reload reload;

reload *reload_new(void);
/* After the web server has stopped (reload_stop first). */
void reload_free(reload *r);

/* A build ended: errors is its messages when it failed (taken: freed by
 * the next publish or reload_free), NULL when it succeeded. Every stream
 * hears of it at once. */
void reload_publish(reload *r, char *errors);
/* The number of the last build; *errors gets a copy of its messages
 * (malloc'ed; the caller frees it) or NULL when it built. */
unsigned long reload_state(reload *r, char **errors);
/* Ends every stream, for the server to stop. */
void reload_stop(reload *r);

/* The event stream for one connection (a libmicrohttpd response the
 * caller queues as text/event-stream and destroys), or NULL. */
struct MHD_Response *reload_stream(reload *r);

/* Appends the script, for a page of build gen. */
void reload_script(buf *b, unsigned long gen);
/* html with the script before its last </body> (or at its end);
 * malloc'ed, *outlen its length. */
char *reload_inject(const char *html, size_t len, unsigned long gen,
    size_t *outlen);

#endif
