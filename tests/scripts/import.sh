# saitti import jekyll|hugo (issue 16): the small Jekyll and Hugo sites in
# tests/fixtures/import are imported; the result passes `saitti check`,
# builds, and every address the old site had answers in the new one, as a
# page, a file or a redirect. What cannot be converted is reported; the
# refusals have their messages. Messages are asserted in English.
. "$TOP/tests/scripts/lib.sh"
export LANGUAGE=en
FIX=$TOP/tests/fixtures/import

has() { # NAME FILE TEXT
	if grep -qF -- "$3" "$2" 2>/dev/null; then pass "$1"; else
		fail "$1" "no '$3' in $2"; fi
}
# answers NAME OUT PATH: the old address has a file, or a folder's index.
answers() {
	p=$3
	case $p in */) f="$2$p/index.html" ;; *) f="$2$p" ;; esac
	if [ -f "$f" ]; then pass "$1: $p answers"; else
		fail "$1: $p answers" "no $f"; fi
}

for kind in jekyll hugo; do
	cd "$TOP" || exit 1
	if "$SAITTI" import "$kind" "$FIX/$kind" "$TMP/$kind" \
	    >"$TMP/$kind.log" 2>&1; then pass "$kind: imports"; else
		fail "$kind: imports" "$(cat "$TMP/$kind.log")"; fi
	check "$kind: saitti check passes" "$SAITTI" check --source "$TMP/$kind" \
	    --now 2019-07-10
	check "$kind: builds" "$SAITTI" build --source "$TMP/$kind" \
	    --out "$TMP/$kind-out" --now 2019-07-10
	"$SAITTI" import "$kind" "$FIX/$kind" "$TMP/$kind-again" >/dev/null 2>&1
	check "$kind: the same import twice is the same" \
	    diff -r -x .saitti-cache "$TMP/$kind" "$TMP/$kind-again"
done

o=$TMP/jekyll-out
for p in / /jekyll/update/2016/10/10/welcome-to-jekyll.html \
    /2019/01/05/hyvää-uutta-vuotta.html /vanha/uusi-vuosi/ /about.html \
    /tiimi/ /assets/img/kuva.png /feed.xml \
    /uutiset/tiedote/2018/05/05/kokous.html; do
	answers jekyll "$o" "$p"
done
l=$TMP/jekyll.log
has "jekyll: include reported with its line" "$l" \
    "_posts/2016-10-10-welcome-to-jekyll.md:18:1: warning: not converted: {% include note.html text=\"ei muunneta\" %} (write it as Markdown or HTML)"
has "jekyll: Liquid HTML page reported" "$l" \
    "index.html: warning: not converted: an HTML page with Liquid"
has "jekyll: layouts reported" "$l" "_layouts: warning: not converted"
has "jekyll: summary" "$l" "saitti: imported 4 posts, 2 pages and 1 files"
has "jekyll: dropped keys counted" "$l" \
    "left out: layout (2), comments (1)"
p=$TMP/jekyll/content/blog/2016-10-10-welcome-to-jekyll.md
has "jekyll: date as written" "$p" 'date: "2016-10-10 15:45:00 +0200"'
has "jekyll: site author written out" "$p" 'author: "Aino Kirjoittaja"'
has "jekyll: categories as tags" "$p" 'tags: ["jekyll", "update"]'
has "jekyll: highlight fenced" "$p" '```ruby'
has "jekyll: post_url a relative link" "$p" \
    '[myös](2019-01-05-hyvää-uutta-vuotta.md)'
has "jekyll: raw kept as text" "$p" '{{ tämä }}'
has "jekyll: own author kept" \
    "$TMP/jekyll/content/blog/2019-01-05-hyvää-uutta-vuotta.md" 'author: "Eino"'
has "jekyll: draft stays a draft" "$TMP/jekyll/content/blog/kesken.md" \
    'draft: true'
check "jekyll: the draft is not published" test ! -e "$o/blog/kesken/index.html"

o=$TMP/hugo-out
for p in / /blogi/ /2019/03/hyvää-päivää/ /2019/06/kesaleiri-2019/ \
    /uutiset/öljyä/ /tietoa-meista/ /vanhat/paiva.html /images/logo.png \
    /index.xml /blogi/index.xml /uutiset/index.xml \
    /2019/06/kesaleiri-2019/kuva.jpg; do
	answers hugo "$o" "$p"
done
l=$TMP/hugo.log
has "hugo: a ref that leads nowhere reported" "$l" \
    "content/blogi/hyvää-päivää.md:19:1: warning: not converted: {{< ref \"ei-ole\" >}}"
has "hugo: ref to a bundle made a relative link" \
    "$TMP/hugo/content/blogi/hyvää-päivää.md" "[kesäleiri](kesaleiri/kesaleiri.md)"
has "hugo: and the page links to its new address" \
    "$o/blogi/hyvaa-paivaa/index.html" 'href="/blogi/kesaleiri-2019/"'
p=$o/blogi/hyvaa-paivaa/index.html
# The picture is published through the image pipeline (issue 19).
has "hugo: figure" "$p" 'alt="Logomme" loading="lazy" decoding="async"></picture><figcaption>Logomme</figcaption></figure>'
has "hugo: youtube iframe kept" "$p" \
    '<iframe src="https://www.youtube-nocookie.com/embed/w7Ft2ymGmfc"'
has "hugo: iframe host listed" "$TMP/hugo/site.yaml" \
    'iframe_hosts: ["youtube-nocookie.com"]'
check "hugo: bundle image beside its post" \
    test -f "$o/blogi/kesaleiri/kuva.jpg"
has "hugo: authors joined" "$TMP/hugo/content/uutiset/öljyä.md" \
    'author: "Aino, Eino"'

# Refusals.
mkdir -p "$TMP/full" && : >"$TMP/full/x"
"$SAITTI" import jekyll "$FIX/jekyll" "$TMP/full" >"$TMP/full.log" 2>&1
rc=$?
check "refuses a folder that is not empty" test "$rc" = 1
has "says so" "$TMP/full.log" "is not empty: import into a new folder"
check "x left alone" test -f "$TMP/full/x"
"$SAITTI" import wordpress "$FIX/jekyll" "$TMP/wp" >"$TMP/wp.log" 2>&1
check "unknown kind: usage, status 2" test "$?" = 2
has "usage names the kinds" "$TMP/wp.log" "usage: saitti import jekyll|hugo"
"$SAITTI" import hugo "$FIX/jekyll" "$TMP/nohugo" >"$TMP/nohugo.log" 2>&1
check "not a Hugo site: status 1" test "$?" = 1
has "missing config named" "$TMP/nohugo.log" \
    "config.json: error: missing: is SRC a Hugo site?"

# The build warns about Liquid or shortcodes left in the text.
"$SAITTI" build --source "$TMP/jekyll" --out "$TMP/jekyll-out2" \
    --now 2019-07-10 >"$TMP/left.log" 2>&1
has "build warns about a Liquid tag left" "$TMP/left.log" \
    "content/blog/2016-10-10-welcome-to-jekyll.md:18:1: warning: template code of another site generator ({% ... %}) shows on the page as it is"
