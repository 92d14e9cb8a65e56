/* linkrecord: what `saitti check` scanned last time, kept in the cache
 * folder as `links`, so that a check after a few pages changed scans only
 * those: a page whose key (everything its bytes are made from, as the
 * build keeps files by) is the record's is not made at all, and its
 * references and ids are taken from the record.
 *
 * Only the scans are kept, never a verdict: every link is judged again
 * against the site as it is now (a page that went away, an id that
 * changed). The file is binary, in host order (it never leaves this
 * machine): MAGIC, the body's length and checksum, then the body: the
 * program's digest, the addresses, the other strings (paths,
 * attributes, ids), and each file's path, key, kind, references
 * (address, attribute, line) and ids. A file of another program, cut
 * or damaged is not read: it costs only the scan. */
#ifndef SAITTI_LINKRECORD_H
#define SAITTI_LINKRECORD_H

#include <stddef.h>

#include "../core/arena.h"
#include "../core/hash.h"
#include "linkscan.h"

typedef struct linkrecord linkrecord;

/* The record in file, or NULL (none, another program's, damaged). */
linkrecord *linkrecord_read(const char *file);
void linkrecord_free(linkrecord *r);

/* 1 when the record has path's scan for key: f (whose path is set) gets
 * its key, kind, references (in a) and ids; else 0 and f is as it was.
 * Reads only r: any thread, with its own a. */
int linkrecord_take(const linkrecord *r, const char *path, hash128 key,
    scan_file *f, arena *a);

/* The files the record holds. */
size_t linkrecord_files(const linkrecord *r);
/* The addresses the taken references share: *n of them. */
scan_url **linkrecord_urls(const linkrecord *r, size_t *n);

/* Records every file of files[0..n) that has a key (written beside file,
 * renamed over it); a failure only leaves no record. */
void linkrecord_write(const char *file, const scan_file *files, size_t n);

#endif
