#include "objcheck.h"

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "../core/i18n.h"

/* 1 when path holds one whole zlib stream, as every loose object does. */
static int inflates(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	z_stream z;
	memset(&z, 0, sizeof z);
	if (inflateInit(&z) != Z_OK) {
		close(fd);
		return 0;
	}
	unsigned char in[16384], out[65536];
	int zr = Z_OK;
	ssize_t r;
	while (zr == Z_OK && (r = read(fd, in, sizeof in)) > 0) {
		z.next_in = in;
		z.avail_in = (uInt)r;
		do {
			z.next_out = out;
			z.avail_out = sizeof out;
			zr = inflate(&z, Z_NO_FLUSH);
		} while (zr == Z_OK && (z.avail_in > 0 || z.avail_out == 0));
	}
	inflateEnd(&z);
	close(fd);
	return zr == Z_STREAM_END;
}

/* Reports every loose object under objdir that is cut short or damaged;
 * the count of them. */
static int check_loose(const char *objdir, const char *dir, diag *d)
{
	DIR *top = opendir(objdir);
	if (!top)
		return 0;
	int bad = 0;
	struct dirent *de;
	while ((de = readdir(top))) {
		if (strlen(de->d_name) != 2 ||
		    strspn(de->d_name, "0123456789abcdef") != 2)
			continue;
		char sub[PATH_MAX];
		if ((size_t)snprintf(sub, sizeof sub, "%s/%s", objdir,
		    de->d_name) >= sizeof sub)
			continue;
		DIR *dd = opendir(sub);
		if (!dd)
			continue;
		struct dirent *oe;
		while ((oe = readdir(dd))) {
			size_t n = strlen(oe->d_name);
			char full[PATH_MAX];
			if ((n != 38 && n != 62) ||
			    strspn(oe->d_name, "0123456789abcdef") != n ||
			    (size_t)snprintf(full, sizeof full, "%s/%s", sub,
			    oe->d_name) >= sizeof full || inflates(full))
				continue;
			diag_error(d, dir, 0, 0, _("the repository is damaged: "
			    "object %s%s is cut short or corrupt; 'git fsck' "
			    "tells more, a fresh clone repairs it"),
			    de->d_name, oe->d_name);
			bad++;
		}
		closedir(dd);
	}
	closedir(top);
	return bad;
}

/* libgit2 1.5 (Debian 12) loops forever reading a truncated loose object
 * (libgit2 issue #7342, fixed upstream by #7346), so a --rev build checks
 * the repository's loose objects, and those of its alternates, before
 * libgit2 reads any. Packed objects are not affected. */
int check_objects(git_repository *repo, const char *dir, diag *d)
{
	char objdir[PATH_MAX];
	if ((size_t)snprintf(objdir, sizeof objdir, "%sobjects",
	    git_repository_commondir(repo)) >= sizeof objdir)
		return 0;
	int bad = check_loose(objdir, dir, d);
	char alt[PATH_MAX], line[PATH_MAX], other[PATH_MAX];
	if ((size_t)snprintf(alt, sizeof alt, "%s/info/alternates", objdir) >=
	    sizeof alt)
		return bad;
	FILE *f = fopen(alt, "re");
	if (!f)
		return bad;
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\r\n")] = '\0';
		if (!*line || *line == '#')
			continue;
		int n = *line == '/' ?
		    snprintf(other, sizeof other, "%s", line) :
		    snprintf(other, sizeof other, "%s/%s", objdir, line);
		if (n > 0 && (size_t)n < sizeof other)
			bad += check_loose(other, dir, d);
	}
	fclose(f);
	return bad;
}
