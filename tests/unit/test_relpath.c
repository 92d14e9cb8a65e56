/* relpath: paths read from caches are checked before any file call. */
#include "check.h"
#include "core/relpath.h"

int main(void)
{
	CHECK("a file", relpath_ok("index.html"));
	CHECK("a nested file", relpath_ok("blogi/eka/index.html"));
	CHECK("dots inside a name", relpath_ok("a..b/.x/..y/x.tar.gz"));
	CHECK("three dots is a name", relpath_ok("..."));
	CHECK("a hidden name", relpath_ok(".saitti-output"));
	CHECK("UTF-8 bytes", relpath_ok("hyv\xc3\xa4/\xc3\xa4\xc3\xb6.html"));

	CHECK("empty", !relpath_ok(""));
	CHECK("NULL", !relpath_ok(NULL));
	CHECK("climbs out", !relpath_ok("../uhri.txt"));
	CHECK("climbs out later", !relpath_ok("a/../../uhri.txt"));
	CHECK("ends in ..", !relpath_ok("a/.."));
	CHECK("only ..", !relpath_ok(".."));
	CHECK("a . part", !relpath_ok("a/./b"));
	CHECK("only .", !relpath_ok("."));
	CHECK("absolute", !relpath_ok("/etc/passwd"));
	CHECK("an empty part", !relpath_ok("a//b"));
	CHECK("a trailing slash", !relpath_ok("a/"));
	CHECK("a newline", !relpath_ok("a\nb"));
	CHECK("a tab", !relpath_ok("a\tb"));
	CHECK("DEL", !relpath_ok("a\x7f"));
	CHECK("a NUL inside the length", !relpath_ok_n("a\0b", 3));
	CHECK("the length counts", relpath_ok_n("ab/../c", 2));
	static char lng[RELPATH_MAX + 2];
	memset(lng, 'a', RELPATH_MAX);
	CHECK("at the limit", relpath_ok(lng));
	lng[RELPATH_MAX] = 'a';
	CHECK("past the limit", !relpath_ok(lng));
	CHECK_DONE();
}
