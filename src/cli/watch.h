/* watch: what `saitti serve` rebuilds on — every change under content/
 * and themes/ (recursively, folders made later included) and to
 * site.yaml, through inotify. Names that start with '.' or end in '~'
 * (editors' swap and backup files) are ignored: the source does not read
 * them either. Not thread-safe: one thread reads it. */
#ifndef SAITTI_WATCH_H
#define SAITTI_WATCH_H

typedef struct watch watch;

/* Watches the site repository at root. NULL with errno set. */
watch *watch_new(const char *root);
void watch_free(watch *w);

/* A file descriptor that polls readable when events are waiting. */
int watch_fd(const watch *w);
/* Reads every waiting event and watches new folders. Returns 1 when
 * something the build reads changed, 0 when not, -1 on errors. */
int watch_read(watch *w);

#endif
