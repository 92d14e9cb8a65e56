/* cachedir: a cache folder named by the repository stays inside it. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "core/cachedir.h"

int main(void)
{
	char T[64], p[128], q[128];
	snprintf(T, sizeof T, "/tmp/saitti-cachedir-XXXXXX");
	if (!mkdtemp(T))
		return 1;
	snprintf(p, sizeof p, "%s/site", T);
	mkdir(p, 0755);
	snprintf(q, sizeof q, "%s/site/ulos", T);
	if (symlink(T, q) != 0)
		return 1;
	snprintf(q, sizeof q, "%s/site/sisaan", T);
	if (symlink(".", q) != 0)
		return 1;
	CHECK("the default", cachedir_inside(p, ".saitti-cache") == 0);
	CHECK("a deeper folder that does not exist yet",
	    cachedir_inside(p, "a/b/c") == 0);
	CHECK("./ in front", cachedir_inside(p, "./valimuisti") == 0);
	CHECK("through a link that stays inside",
	    cachedir_inside(p, "sisaan/x") == 0);
	CHECK("absolute", cachedir_inside(p, "/tmp/x") == -1);
	CHECK("..", cachedir_inside(p, "../x") == -1);
	CHECK(".. later", cachedir_inside(p, "a/../../x") == -1);
	CHECK(".. even when it stays inside", cachedir_inside(p, "a/../b") == -1);
	CHECK("through a link that leads out",
	    cachedir_inside(p, "ulos/x") == -1);
	CHECK("the link itself", cachedir_inside(p, "ulos") == -1);
	CHECK("empty", cachedir_inside(p, "") == -1);
	CHECK("a newline", cachedir_inside(p, "a\nb") == -1);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", T);
	if (system(cmd) != 0)
		return 1;
	CHECK_DONE();
}
