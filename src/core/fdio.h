/* fdio: writing a whole buffer to a file descriptor. */
#ifndef SAITTI_FDIO_H
#define SAITTI_FDIO_H

#include <stddef.h>

/* Writes all of p[0..n), going on after short writes and EINTR; 0, or -1
 * with errno set. */
int fd_write_all(int fd, const void *p, size_t n);

#endif
