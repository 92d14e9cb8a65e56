/* relpath: is a path read from anywhere but the command line (a cache, a
 * manifest) safe to join to a folder and open, rename or unlink there?
 *
 * Caches and manifests live on disk between builds; anyone who can write
 * them (or a torn write, or a disk error) could turn an entry into
 * "../x", "/etc/x" or "a//b". A path is accepted only when it is relative,
 * made of non-empty parts none of which is "." or "..", and free of
 * control characters (bytes 0x01-0x1f and 0x7f; NUL ends it). Callers
 * that find one bad path drop the whole cache: a cache with one forged
 * entry cannot be trusted for the others. Pure; no I/O. */
#ifndef SAITTI_RELPATH_H
#define SAITTI_RELPATH_H

#include <stddef.h>

/* Longest path accepted, in bytes: longer than any file saitti writes. */
#define RELPATH_MAX 4000

/* 1 when p (NUL-terminated) is such a path, else 0. */
int relpath_ok(const char *p);
/* The same for len bytes that must hold no NUL. */
int relpath_ok_n(const char *p, size_t len);

#endif
