/* seal: a cache file's identity (device, inode, size, modification time
 * to the nanosecond) as the build that wrote and checked it left it, kept
 * beside it in FILE.seal.
 *
 * A cache checks each entry against its checksum before using it: at
 * 10,000 posts the Markdown cache is 40 MB, hashed again on every
 * rebuild (~7 ms of CPU). A file that still has the identity its seal
 * names is the one the last build left, whose entries were checked or
 * written by it; its entries are used without the hashing. Any write to
 * the file, in place too, changes its time, and then every entry is
 * checked as before. This is the trust a rebuild already puts in the stat
 * of a source file or of an output file: a change that keeps a file's
 * size, inode and time to the nanosecond is not looked for. */
#ifndef SAITTI_SEAL_H
#define SAITTI_SEAL_H

#include <sys/stat.h>

/* 1 when file's seal names the identity st (an fstat of the file as
 * opened), else 0 (no seal, a damaged one, another identity). */
int seal_holds(const char *file, const struct stat *st);

/* Before a seal of a file this build just wrote: sets fd's modification
 * time one nanosecond back and fstat's it into st; 0, or -1. A file's
 * time comes from a clock that moves a tick (milliseconds) at a time, so
 * a write in the same tick as this build's last would leave the time
 * the seal names; a time no write can give makes any later write show. */
int seal_mark(int fd, struct stat *st);

/* Records st (an fstat of file as this build left it) in file's seal;
 * 0, or -1 (no seal is left then). Never through a link. */
int seal_write(const char *file, const struct stat *st);

/* Removes file's seal (the file changed in a way not checked). */
void seal_drop(const char *file);

#endif
