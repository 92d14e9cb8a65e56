/* sanitize: the allow-list for raw HTML (html: sanitize), on strings. */
#include "check.h"
#include "parse/sanitize.h"

static arena *A;
static const char *rep;
static size_t removed;

static const char *san(const char *html, const char *const *hosts)
{
	return sanitize_html(A, html, strlen(html), hosts, &rep, &removed);
}

int main(void)
{
	A = arena_new();
	static const char *const yt[] = {"youtube-nocookie.com", NULL};

	CHECK_STR("cmark output unchanged",
	    san("<h2 id=\"x\">Otsikko</h2>\n<p>Teksti <em>a</em> "
	    "<a href=\"/b/\" title=\"t\">b</a> &amp; &lt;c&gt;.</p>\n"
	    "<pre><code class=\"language-c\">int x;\n</code></pre>\n", NULL),
	    "<h2 id=\"x\">Otsikko</h2>\n<p>Teksti <em>a</em> "
	    "<a href=\"/b/\" title=\"t\">b</a> &amp; &lt;c&gt;.</p>\n"
	    "<pre><code class=\"language-c\">int x;\n</code></pre>\n");
	CHECK("nothing removed", removed == 0 && !strcmp(rep, ""));

	CHECK_STR("tables, details, abbr kept",
	    san("<table><tr><td colspan=\"2\">a</td></tr></table>"
	    "<details open><summary>S</summary>D</details>"
	    "<abbr title=\"Lapsi- ja perhepalvelut\">LAPE</abbr>", NULL),
	    "<table><tr><td colspan=\"2\">a</td></tr></table>"
	    "<details open=\"\"><summary>S</summary>D</details>"
	    "<abbr title=\"Lapsi- ja perhepalvelut\">LAPE</abbr>");

	CHECK_STR("script and handlers go",
	    san("<p onclick=\"x()\">a<script>alert(1)</script></p>"
	    "<img src=\"x.png\" onerror=\"alert(2)\" alt=\"k\">", NULL),
	    "<p>a</p><img src=\"x.png\" alt=\"k\" />");
	CHECK_STR("counted", rep, "1 \xC3\x97 onclick=, 1 \xC3\x97 <script>, "
	    "1 \xC3\x97 onerror=");
	CHECK("total", removed == 3);

	CHECK_STR("javascript: link loses its href",
	    san("<a href=\" JaVaScRiPt:alert(3)\">l</a>", NULL), "<a>l</a>");
	CHECK_STR("reported by scheme", rep, "1 \xC3\x97 javascript: address");

	CHECK_STR("unknown element unwrapped, text kept",
	    san("<center><font color=\"red\">punainen</font></center>", NULL),
	    "punainen");
	CHECK_STR("style attribute goes", san("<span style=\"x\">a</span>",
	    NULL), "<span>a</span>");

	CHECK_STR("iframe from a listed host kept",
	    san("<iframe src=\"https://www.youtube-nocookie.com/embed/x\" "
	    "width=\"560\" allowfullscreen onload=\"x()\"></iframe>", yt),
	    "<iframe src=\"https://www.youtube-nocookie.com/embed/x\" "
	    "width=\"560\" allowfullscreen=\"\"></iframe>");
	CHECK_STR("iframe from another host removed",
	    san("<iframe src=\"https://evil.example/\"></iframe>", yt), "");
	CHECK_STR("with its host named", rep,
	    "1 \xC3\x97 <iframe> from evil.example");
	CHECK_STR("look-alike host removed",
	    san("<iframe src=\"https://notyoutube-nocookie.com/\"></iframe>",
	    yt), "");
	CHECK_STR("plain http iframe removed",
	    san("<iframe src=\"http://www.youtube-nocookie.com/\"></iframe>",
	    yt), "");
	CHECK_STR("userinfo trick removed",
	    san("<iframe src=\"https://youtube-nocookie.com@evil.example/\">"
	    "</iframe>", yt), "");
	CHECK_STR("comments go", san("a<!-- [if IE]>x<![endif] -->b", NULL),
	    "ab");
	CHECK_STR("attribute quotes escaped",
	    san("<abbr title='a\"b'>x</abbr>", NULL),
	    "<abbr title=\"a&quot;b\">x</abbr>");
	CHECK_STR("ä and entities survive", san("<b>ä &nbsp;&copy;</b>", NULL),
	    "<b>ä \xC2\xA0\xC2\xA9</b>");
	arena_free(A);
	CHECK_DONE();
}
