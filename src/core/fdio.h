/* fdio: writing (and reading) a whole buffer through a file descriptor, and making the
 * folders a new file needs. */
#ifndef SAITTI_FDIO_H
#define SAITTI_FDIO_H

#include <stddef.h>
#include <stdio.h>
#include <sys/stat.h>

/* Writes all of p[0..n), going on after short writes and EINTR; 0, or -1
 * with errno set. */
int fd_write_all(int fd, const void *p, size_t n);

/* Reads exactly n bytes into p, going on after short reads and EINTR; 0,
 * or -1 (errno set; 0 when the file ended first). */
int fd_read_all(int fd, void *p, size_t n);

/* A cache file as a stdio stream, following no symbolic link (a cache
 * folder inside the repository may hold links a commit put there): path
 * for reading ("r"), or a new file at path for writing ("w": whatever was
 * there, a link too, is removed first, never written through). NULL with
 * errno set. */
FILE *fd_fopen_nofollow(const char *path, const char *mode);

/* A cache file mapped read-only, following no symbolic link, populated
 * (a build reads nearly every entry: one fault for the whole file is
 * cheaper than one a page). NULL when it is missing, empty, not a plain
 * file or cannot be mapped; *len its size. munmap it when done. */
void *fd_map_nofollow(const char *path, size_t *len);
/* The same, with the file's fstat in *st (when st is not NULL). */
void *fd_map_nofollow_stat(const char *path, size_t *len, struct stat *st);

/* Makes every folder before the last '/' of path that is not there yet
 * (mkdir -p of its folder; "a/b/" makes a and a/b). 0, or -1 with errno
 * set. */
int fd_make_parents(const char *path);

#endif
