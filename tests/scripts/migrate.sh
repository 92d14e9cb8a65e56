# Sites moved from Jekyll and Hugo (issue 16): the fixtures
# tests/fixtures/hugo and tests/fixtures/jekyll hold posts copied in as they
# were (TOML, JSON and YAML front matter, Hugo's capitalised keys, Jekyll's
# and YAML 1.1's dates, ä and ö in file names). They build; dates, summaries,
# tags from categories, publishDate, expiryDate and --next-change, and the
# old addresses, are checked in the output. Messages are asserted in English.
. "$TOP/tests/scripts/lib.sh"
export LANGUAGE=en

mksite() { # NAME: the fixture with the repository's themes, in $TMP/NAME
	rm -rf "$TMP/$1"
	mkdir -p "$TMP/$1"
	cp -R "$TOP/tests/fixtures/$1"/. "$TMP/$1"/
	cp -R "$TOP/themes" "$TMP/$1"/themes
}
build() { # SITE NOW: builds into $TMP/out-SITE-NOW, log beside it
	"$SAITTI" build --source "$TMP/$1" --out "$TMP/out-$1-$2" --now "$2" \
	    --jobs 2 >"$TMP/log-$1-$2" 2>&1
}
has() { # NAME FILE TEXT
	if grep -qF -- "$3" "$2" 2>/dev/null; then pass "$1"; else
		fail "$1" "no '$3' in $2"; fi
}
hasnt() { # NAME FILE TEXT
	if grep -qF -- "$3" "$2" 2>/dev/null; then fail "$1" "'$3' in $2"
	else pass "$1"; fi
}

mksite hugo
check "hugo: builds" build hugo 2019-03-10
o=$TMP/out-hugo-2019-03-10
has "hugo: TOML post with ä in its file name" \
    "$o/blogi/hyvaa-paivaa/index.html" "Hyvää päivää"
has "hugo: Date read in any case" "$o/blogi/hyvaa-paivaa/index.html" \
    'datetime="2019-03-05T10:00:00+02:00"'
has "hugo: description is the summary" "$o/blogi/index.html" \
    "Tervehdys TOML-etusivulta."
check "hugo: categories become tags" test -f "$o/avainsanat/yleinen/index.html"
check "hugo: expired post is gone" test ! -e "$o/blogi/vanhenee/index.html"
check "hugo: post before its publishDate is not out" \
    test ! -e "$o/blogi/tuleva/index.html"
check "hugo: JSON post not out before its date" \
    test ! -e "$o/blogi/oljy/index.html"
has "hugo: next change is the JSON post's day" "$TMP/log-hugo-2019-03-10" \
    "rebuild at 2019-04-01T00:00:00+03:00"
check "hugo: builds before the expiry" build hugo 2019-01-20
o=$TMP/out-hugo-2019-01-20
check "hugo: post shown before its expiryDate" \
    test -f "$o/blogi/vanhenee/index.html"
has "hugo: next change is the expiry" "$TMP/log-hugo-2019-01-20" \
    "rebuild at 2019-02-01T00:00:00+02:00"
check "hugo: builds in summer" build hugo 2019-06-02
o=$TMP/out-hugo-2019-06-02
check "hugo: post out after its publishDate" \
    test -f "$o/blogi/tuleva/index.html"
has "hugo: JSON post with ö, fractional seconds" "$o/blogi/oljy/index.html" \
    'datetime="2019-04-01T12:30:00+03:00"'

# A TOML mistake is reported in the Markdown file's lines.
mksite hugo
printf '+++\ntitle = "x"\ndate = 2019-02-30\n+++\nx\n' \
    >"$TMP/hugo/content/blogi/rikki.md"
build hugo 2019-03-10
has "hugo: TOML error with its position" "$TMP/log-hugo-2019-03-10" \
    "content/blogi/rikki.md:3:8: error: not a date or time: write 1979-05-27"

mksite jekyll
check "jekyll: builds" build jekyll 2019-03-10
o=$TMP/out-jekyll-2019-03-10
has "jekyll: date with a space before the offset" \
    "$o/blog/welcome/index.html" 'datetime="2016-10-10T16:45:00+03:00"'
has "jekyll: fractional seconds" "$o/blog/fractions/index.html" \
    'datetime="2009-11-07T00:00:00+02:00"'
has "jekyll: YAML 1.1 spaced timestamp" "$o/blog/yaml/index.html" \
    'datetime="2001-12-15T04:59:43+02:00"'
check "jekyll: categories string becomes tags" \
    test -f "$o/avainsanat/update/index.html"
has "jekyll: excerpt is the summary" "$o/blog/index.html" "The first post."

# Old addresses: Jekyll's .html file, capitals, ä as %-escape, ':' and a
# space; the permalink; _redirects and the nginx map.
for old in jekyll/update/2016/10/10/welcome.html \
    "Blog/Tervetuloa-ä x:y/index.html" 2009/11/06/fractions.html; do
	has "jekyll: old address $old redirects" "$o/$old" \
	    'https://example.org/blog/'
done
has "jekyll: _redirects line" "$o/_redirects" \
    "/Blog/Tervetuloa-%C3%A4%20x:y/ /blog/welcome/ 301"
has "jekyll: _redirects .html line" "$o/_redirects" \
    "/jekyll/update/2016/10/10/welcome.html /blog/welcome/ 301"
has "jekyll: nginx map line" "$o/redirects.map" \
    '"/Blog/Tervetuloa-ä x:y/" "/blog/welcome/";'
hasnt "jekyll: redirect files not in the sitemap" "$o/sitemap.xml" \
    "welcome.html"
check "hugo: no redirect files unless asked" \
    test ! -e "$TMP/out-hugo-2019-03-10/_redirects"

mksite jekyll
printf -- '---\ntitle: Q\ndate: 2017-01-01\naliases: ["/vanha?id=3"]\n---\nx\n' \
    >"$TMP/jekyll/content/blog/q.md"
build jekyll 2019-03-10
has "alias with a query: says which character" "$TMP/log-jekyll-2019-03-10" \
    "content/blog/q.md:4:11: error: alias '/vanha?id=3' cannot hold '?': a query (?) or a fragment (#) is not part of the file a server finds: leave it out"
printf -- '---\ntitle: Q\ndate: 2017-01-01\naliases: ["/a/../b/"]\n---\nx\n' \
    >"$TMP/jekyll/content/blog/q.md"
build jekyll 2019-03-10
has "alias with ..: refused" "$TMP/log-jekyll-2019-03-10" \
    "cannot be used: empty parts (//), '.' and '..' are not allowed"
printf -- '---\ntitle: Q\ndate: 2017-01-01\naliases: ["/a%%2"]\n---\nx\n' \
    >"$TMP/jekyll/content/blog/q.md"
build jekyll 2019-03-10
has "alias with a broken escape" "$TMP/log-jekyll-2019-03-10" \
    "cannot hold '%': '%' must be followed by two hexadecimal digits"
sed -i 's/^redirects:.*/redirects: [apache]/' "$TMP/jekyll/site.yaml"
rm "$TMP/jekyll/content/blog/q.md"
build jekyll 2019-03-10
has "unknown redirects kind" "$TMP/log-jekyll-2019-03-10" \
    "unknown redirects 'apache': write netlify"

# permalinks: Jekyll's "date" style, with categories; an alias equal to the
# new address is the page itself.
mksite jekyll
cat >>"$TMP/jekyll/site.yaml" <<'YAML'
permalinks:
  blog: /:categories/:year/:month/:day/:title.html
YAML
check "permalinks: builds" build jekyll 2019-03-10
o=$TMP/out-jekyll-2019-03-10
has "permalinks: the post at Jekyll's address" \
    "$o/jekyll/update/2016/10/10/welcome.html" "Welcome to Jekyll!"
check "permalinks: that address is no redirect" \
    sh -c "! grep -q '^/jekyll/update/' '$o/_redirects'"
has "permalinks: other aliases lead there" "$o/_redirects" \
    "/Blog/Tervetuloa-%C3%A4%20x:y/ /jekyll/update/2016/10/10/welcome.html 301"
check "permalinks: no categories, no empty part" \
    test -f "$o/2001/12/15/yaml.html"
has "permalinks: in the sitemap as files" "$o/sitemap.xml" \
    "<loc>https://example.org/2001/12/15/yaml.html</loc>"
has "permalinks: the blog list links there" "$o/blog/index.html" \
    'href="/jekyll/update/2016/10/10/welcome.html"'
mksite hugo
cat >>"$TMP/hugo/site.yaml" <<'YAML'
permalinks:
  blogi: /blogi/:year/:slug/
YAML
check "permalinks: hugo style builds" build hugo 2019-03-10
check "permalinks: folder pattern" \
    test -f "$TMP/out-hugo-2019-03-10/blogi/2019/hyvaa-paivaa/index.html"
mksite hugo
cat >>"$TMP/hugo/site.yaml" <<'YAML'
permalinks:
  blogi: /blogi/:year/:name/
YAML
build hugo 2019-03-10
has "permalinks: unknown token named" "$TMP/log-hugo-2019-03-10" \
    "site.yaml:11:10: error: unknown ':name' in the permalink '/blogi/:year/:name/': write :year"
sed -i 's|:year/:name/|:year/|' "$TMP/hugo/site.yaml"
build hugo 2019-03-10
has "permalinks: slug required" "$TMP/log-hugo-2019-03-10" \
    "the permalink '/blogi/:year/' must hold :slug or :title"

# Collisions: two posts named alike in different years; C, C++ and C#.
mksite jekyll
check "collisions: builds" build jekyll 2019-03-10
o=$TMP/out-jekyll-2019-03-10
has "collisions: the older post keeps the address" \
    "$o/blog/hello/index.html" "Old hello."
has "collisions: the newer one gets -2" "$o/blog/hello-2/index.html" \
    "New hello."
has "collisions: and a warning says so" "$TMP/log-jekyll-2019-03-10" \
    "content/blog/2018/hello.md:1:1: warning: the address /blog/hello/ is already content/blog/2015/hello.md's (an older post with the same name), so this post is at /blog/hello-2/: add a slug: line to choose another"
for t in c c-plus-plus c-sharp; do
	check "collisions: tag page $t" test -f "$o/avainsanat/$t/index.html"
done
has "collisions: C# page lists only its post" "$o/avainsanat/c-sharp/index.html" \
    "/blog/hello-2/"
hasnt "collisions: C page not the C++ post's" "$o/avainsanat/c/index.html" \
    "/blog/hello-2/"

# Feeds at the old paths: Hugo's /index.xml and /blogi/index.xml, Jekyll's
# /feed.xml and /atom.xml; each parses (feedparser, no bozo) and names
# itself as self.
mksite hugo
build hugo 2019-03-10
mksite jekyll
build jekyll 2019-03-10
for f in out-hugo-2019-03-10/index.xml out-hugo-2019-03-10/blogi/index.xml \
    out-hugo-2019-03-10/avainsanat/c-plus-plus/index.xml \
    out-jekyll-2019-03-10/feed.xml out-jekyll-2019-03-10/atom.xml; do
	if /usr/bin/python3 - "$TMP/$f" <<'PY' >/dev/null 2>&1
import sys, feedparser
d = feedparser.parse(sys.argv[1])
assert not d.bozo and d.entries, d.bozo_exception if d.bozo else 'empty'
PY
	then pass "feeds: $f parses"; else fail "feeds: $f parses"; fi
done
has "feeds: the copy's self link" "$TMP/out-jekyll-2019-03-10/atom.xml" \
    'href="https://example.org/atom.xml" rel="self"'
check "feeds: same items as rss.xml" sh -c "diff \
    '$TMP/out-jekyll-2019-03-10/rss.xml' '$TMP/out-jekyll-2019-03-10/feed.xml' \
    | grep -c '^<' | grep -qx 1"
sed -i 's|^feed_also:.*|feed_also: [/rss.xml, /blog/]|' "$TMP/jekyll/site.yaml"
build jekyll 2019-03-10
has "feeds: rss.xml itself refused" "$TMP/log-jekyll-2019-03-10" \
    "'/rss.xml' in feed_also must be a file's path other than /rss.xml"
has "feeds: a folder refused" "$TMP/log-jekyll-2019-03-10" \
    "'/blog/' in feed_also must be a file's path"

# Raw HTML: sanitize by default; iframes from iframe_hosts only; a warning
# with counts; escape and allow; unsafe_html kept as an alias.
mksite hugo
build hugo 2019-03-10
o=$TMP/out-hugo-2019-03-10/blogi/upotus/index.html
has "html: listed iframe kept" "$o" \
    '<iframe src="https://www.youtube-nocookie.com/embed/abc" width="560" height="315" allowfullscreen=""></iframe>'
has "html: table kept, handler gone" "$o" \
    '<table><tr><th>Kunta</th><td>Oulu</td></tr></table>'
has "html: details and abbr kept" "$o" \
    '<details><summary>Lisää</summary>Piilotettu <abbr title="Lapsi- ja perhepalvelut">LAPE</abbr>.</details>'
hasnt "html: no script" "$o" "alert(1)"
hasnt "html: unlisted iframe gone" "$o" "tracker.example"
has "html: warning with counts" "$TMP/log-hugo-2019-03-10" \
    "content/blogi/upotus.md:7:1: warning: raw HTML: 3 pieces that are not safe were removed (1 × onclick=, 1 × <script>, 1 × <iframe> from tracker.example)"
LANGUAGE=fi "$SAITTI" build --source "$TMP/hugo" --out "$TMP/out-fi" \
    --now 2019-03-10 >"$TMP/log-fi" 2>&1
has "html: the warning in Finnish" "$TMP/log-fi" \
    "upotus.md:7:1: warning: raakaa HTML:ää: 3 turvatonta osaa poistettiin"
printf 'html: escape\n' >>"$TMP/hugo/site.yaml"
build hugo 2019-03-10
has "html: escape shows it as text" "$o" "&lt;script&gt;alert(1)&lt;/script&gt;"
hasnt "html: escape removes nothing" "$TMP/log-hugo-2019-03-10" "raw HTML"
sed -i 's/^html: escape/html: allow/' "$TMP/hugo/site.yaml"
build hugo 2019-03-10
has "html: allow passes it" "$o" "tracker.example"
sed -i 's/^html: allow/unsafe_html: true/' "$TMP/hugo/site.yaml"
build hugo 2019-03-10
has "html: unsafe_html still means allow" "$o" "tracker.example"
printf 'html: sanitise\n' >>"$TMP/hugo/site.yaml"
sed -i '/^unsafe_html/d' "$TMP/hugo/site.yaml"
build hugo 2019-03-10
has "html: unknown policy" "$TMP/log-hugo-2019-03-10" \
    "error: 'html' must be sanitize (keep safe HTML), escape (show it as text) or allow"
