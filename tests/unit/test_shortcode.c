/* shortcode: Liquid tags and Hugo shortcodes rewritten for saitti import. */
#include "check.h"
#include "parse/shortcode.h"

static arena *A;
static sc_result r;

static const char *rw(const char *s)
{
	shortcode_rewrite(A, s, strlen(s), &r);
	return r.body;
}

static const char *resolve(void *ctx, const char *kind, const char *t)
{
	(void)ctx;
	if (!strcmp(t, "nowhere"))
		return NULL;
	return !strcmp(kind, "ref") ? "../x.md" : "../about.md";
}

int main(void)
{
	A = arena_new();
	CHECK_STR("highlight", rw("a\n{% highlight ruby linenos %}\nx = 1\n"
	    "{% endhighlight %}\n"), "a\n```ruby\nx = 1\n```\n");
	CHECK("counted", r.converted == 2 && r.nleft == 0);
	CHECK_STR("raw", rw("{% raw %}{{ x }} {% if %}{% endraw %}"),
	    "{{ x }} {% if %}");
	CHECK("raw: nothing reported inside", r.nleft == 0);
	CHECK_STR("whitespace control", rw("{%- highlight c -%}"), "```c");
	CHECK_STR("baseurl", rw("![k]({{ site.baseurl }}/assets/k.png)"),
	    "![k](/assets/k.png)");
	CHECK_STR("relative_url", rw("[a]({{ \"/about/\" | relative_url }})"),
	    "[a](/about/)");
	CHECK_STR("post_url", rw("[p]({% post_url 2016-10-10-welcome %})"),
	    "[p](2016-10-10-welcome.md)");
	CHECK_STR("include left", rw("x\n\n{% include note.html text=\"a\" %}\n"),
	    "x\n\n{% include note.html text=\"a\" %}\n");
	CHECK("include reported", r.nleft == 1 && r.left[0].line == 3 &&
	    !strcmp(r.left[0].text, "{% include note.html text=\"a\" %}"));
	CHECK_STR("figure",
	    rw("{{< figure src=\"/img/a.jpg\" caption=\"Järvi & <ranta>\" >}}"),
	    "<figure><img src=\"/img/a.jpg\" alt=\"Järvi &amp; &lt;ranta>\" />"
	    "<figcaption>Järvi &amp; &lt;ranta></figcaption></figure>");
	CHECK_STR("youtube",
	    rw("{{< youtube w7Ft2ymGmfc >}}"),
	    "<iframe src=\"https://www.youtube-nocookie.com/embed/w7Ft2ymGmfc\" "
	    "width=\"560\" height=\"315\" title=\"YouTube\" allowfullscreen>"
	    "</iframe>");
	CHECK("youtube noted", r.youtube == 1);
	CHECK_STR("youtube id=", rw("{{< youtube id=\"abc\" >}}"),
	    "<iframe src=\"https://www.youtube-nocookie.com/embed/abc\" "
	    "width=\"560\" height=\"315\" title=\"YouTube\" allowfullscreen>"
	    "</iframe>");
	CHECK_STR("youtube bad id left", rw("{{< youtube \"a\\\" onload=x\" >}}"),
	    "{{< youtube \"a\\\" onload=x\" >}}");
	CHECK_STR("hugo highlight with %",
	    rw("{{% highlight go %}}\nx\n{{% /highlight %}}"),
	    "```go\nx\n```");
	CHECK_STR("ref left without a resolver", rw("[a]({{< ref \"b.md\" >}})"),
	    "[a]({{< ref \"b.md\" >}})");
	CHECK("ref reported", r.nleft == 1 && r.left[0].line == 1);
	CHECK_STR("unclosed left as text", rw("a {% b"), "a {% b");
	CHECK_STR("plain braces", rw("{a} {{b"), "{a} {{b");
	/* Links through the resolver. */
	const char *links = "[a]({{< relref \"x.md\" >}}) "
	    "[b]({% link about.md %}) [c]({{< ref \"nowhere\" >}})";
	shortcode_rewrite_with(A, links, strlen(links), resolve, NULL, &r);
	CHECK_STR("resolved links", r.body, "[a](../x.md) [b](../about.md) "
	    "[c]({{< ref \"nowhere\" >}})");
	CHECK("unresolved reported", r.nleft == 1);
	arena_free(A);
	CHECK_DONE();
}
