/* svg: SVG cleaned by libxml2, on plain strings. */
#include <stdlib.h>

#include "check.h"
#include "parse/svg.h"

static char out[8192];
static size_t removed;
static char why[256];

/* 0 and the cleaned text in out, or -1 and why. */
static int clean(const char *in)
{
	buf b = BUF_INIT;
	int rc = svg_clean(in, strlen(in), &b, &removed, why, sizeof why);
	snprintf(out, sizeof out, "%.*s", (int)b.len, b.data ? b.data : "");
	buf_free(&b);
	return rc;
}

#define SVG "<svg xmlns=\"http://www.w3.org/2000/svg\""

int main(void)
{
	svg_init();

	const char *ok = SVG " width=\"4\"><title>ä</title><rect/></svg>\n";
	CHECK("clean file", clean(ok) == 0 && removed == 0);
	CHECK_STR("clean file comes out as it went in", out, ok);

	CHECK("script removed", clean(SVG "><script>alert(1)</script>"
	    "<rect/></svg>") == 0 && removed == 1 && !strstr(out, "script"));
	CHECK("script in any case", clean(SVG "><SCRIPT>x</SCRIPT></svg>") ==
	    0 && !strstr(out, "SCRIPT"));
	CHECK("handler on the root", clean(SVG " onload=\"x()\"/>") == 0 &&
	    removed == 1 && !strstr(out, "onload"));
	CHECK("handler deep down", clean(SVG "><g><g><rect ONCLICK=\"x()\"/>"
	    "</g></g></svg>") == 0 && !strstr(out, "ONCLICK"));
	CHECK("outside href", clean(SVG " xmlns:xlink=\"http://www.w3.org/1999/"
	    "xlink\"><image xlink:href=\"https://t.example/p.png\"/></svg>") ==
	    0 && !strstr(out, "t.example"));
	CHECK("javascript link", clean(SVG "><a href=\" javascript:x()\">"
	    "<rect/></a></svg>") == 0 && !strstr(out, "javascript"));
	CHECK("inside href stays", clean(SVG "><use href=\"#r\"/></svg>") == 0 &&
	    strstr(out, "href=\"#r\"") && removed == 0);
	CHECK("animated href", clean(SVG "><set attributeName=\"href\" "
	    "to=\"javascript:x()\"/></svg>") == 0 && !strstr(out, "javascript"));
	CHECK("foreignObject", clean(SVG "><foreignObject><p>x</p>"
	    "</foreignObject></svg>") == 0 && !strstr(out, "foreign"));
	CHECK("style that loads", clean(SVG "><style>@import url(x.css);"
	    "</style><rect style=\"fill:url( 'https://x/y')\"/></svg>") == 0 &&
	    removed == 2 && !strstr(out, "import") && !strstr(out, "https"));
	CHECK("style inside the file stays", clean(SVG "><style>.a{fill:"
	    "url(#g)}</style></svg>") == 0 && strstr(out, "url(#g)"));
	CHECK("stylesheet instruction", clean("<?xml-stylesheet href=\"x.css\"?>"
	    SVG "/>") == 0 && !strstr(out, "stylesheet"));

	CHECK("entities refused", clean("<!DOCTYPE svg [<!ENTITY x SYSTEM "
	    "\"file:///etc/passwd\">]>" SVG "><text>&x;</text></svg>") == -1 &&
	    strstr(why, "entities"));
	CHECK("laughs refused", clean("<!DOCTYPE svg [<!ENTITY a \"aaaa\">"
	    "<!ENTITY b \"&a;&a;&a;&a;\">]>" SVG ">&b;</svg>") == -1);
	CHECK("not XML", clean(SVG "><rect></svg>") == -1 &&
	    strstr(why, "well-formed"));
	CHECK("not SVG", clean("<html/>") == -1 && strstr(why, "<svg>"));
	CHECK("empty", clean("") == -1);
	CHECK_DONE();
}
