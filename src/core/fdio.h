/* fdio: writing a whole buffer to a file descriptor, and making the
 * folders a new file needs. */
#ifndef SAITTI_FDIO_H
#define SAITTI_FDIO_H

#include <stddef.h>

/* Writes all of p[0..n), going on after short writes and EINTR; 0, or -1
 * with errno set. */
int fd_write_all(int fd, const void *p, size_t n);

/* Makes every folder before the last '/' of path that is not there yet
 * (mkdir -p of its folder; "a/b/" makes a and a/b). 0, or -1 with errno
 * set. */
int fd_make_parents(const char *path);

#endif
