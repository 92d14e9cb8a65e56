/* watch: what `saitti serve` rebuilds on — every change under content/
 * and themes/ (recursively, folders made later included) and to
 * site.yaml, through inotify. Names that start with '.' or end in '~'
 * (editors' swap and backup files) are ignored: the source does not read
 * them either. It also knows which of those files are being written: a
 * save is under way from the first write (or the file's creation) until
 * the writer closes the file (IN_CLOSE_WRITE), so that serve can rebuild
 * the moment a save is complete instead of after a fixed quiet time. Not
 * thread-safe: one thread reads it. */
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

/* 1 while a file the build reads has been written to and not closed
 * since the last watch_forget_writes, else 0. */
int watch_writing(const watch *w);
/* Forgets the saves under way (called when a rebuild starts): a writer
 * that never closes (truncate(2), a file kept open) delays one rebuild,
 * not every one after it. Its close, when it comes, is a change again. */
void watch_forget_writes(watch *w);

#endif
