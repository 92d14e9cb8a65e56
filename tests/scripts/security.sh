#!/bin/sh
# Security (issue 7): every value escaped for where it lands (HTML text,
# attributes, JSON-LD in <script>, RSS, iCalendar), read back with
# independent parsers; javascript:, vbscript: and data: addresses refused;
# raw HTML in Markdown off; nothing written outside --out.
. tests/scripts/lib.sh
NOW=2018-06-01
# Messages are asserted in English, whatever the site's language.
export LANGUAGE=en
n=0

# site NAME [THEME]: $S, a copy of the basic fixture (with the repository's
# default theme when THEME is default).
site() {
	n=$((n + 1))
	CASE=$1 S="$TMP/site-$n" OUT="$TMP/out-$n"
	cp -r tests/fixtures/basic "$S"
	rm -rf "$S/expected" "$S/args"
	if [ "${2:-}" = default ]; then
		cp -r themes/default "$S/themes/"
		sed -i 's/^theme: mini$/theme: default/' "$S/site.yaml"
	fi
}
post() {
	mkdir -p "$(dirname "$S/$1")"
	cat >"$S/$1"
}
# refused CASE: builds $S, wants exit status 1, the lines on stdin
# (the summary added) and no output.
refused() {
	cat >"$TMP/want"
	errs=$(grep -c ': error: ' "$TMP/want")
	printf 'saitti: %d error%s; %s was not changed\n' "$errs" \
	    "$([ "$errs" = 1 ] || echo s)" "$OUT" >>"$TMP/want"
	"$SAITTI" build --source "$S" --out "$OUT" --now $NOW --quiet \
	    2>"$TMP/err"
	rc=$?
	check "$CASE: exit status 1" [ $rc = 1 ]
	if d=$(diff "$TMP/want" "$TMP/err"); then
		pass "$CASE: the message"
	else
		fail "$CASE: the message" "$d"
	fi
	check "$CASE: no output" [ ! -e "$OUT" ]
}

# ---- escaping --------------------------------------------------------

for theme in mini default; do
	site "escaping ($theme theme)" $theme
	post content/blogi/xss.md <<-'EOF'
	---
	title: "<script>alert(1)</script> \"lainaus\" 'heitto' \" onmouseover=\"alert(4)"
	date: 2018-02-01
	author: "<script>alert(5)</script> O'Brien \"x\""
	summary: "<script>alert(2)</script> \"s\" 'q' </script>"
	tags: ["<script>alert(3)</script>", "a\"b", "c'd"]
	image: "kuva\" onerror=\"alert(6).png"
	---
	Teksti.
	EOF
	post content/tapahtumat/xss.md <<-'EOF'
	---
	title: "<script>alert(7)</script> \"Työpaja\"; osa 1, 'A'"
	start: 13.10.2017 klo 12.00
	end: 13.10.2017 klo 15.00
	location: "<b>Sali</b> \"A\""
	address: "Katu 1 </script>"
	organizer: "O'Brien & <Co>"
	url: "https://example.fi/?a=1&b=\"x\" onclick=\"alert(8)"
	---
	Kuvaus.
	EOF
	if ! "$SAITTI" build --source "$S" --out "$OUT" --now $NOW --quiet \
	    2>"$TMP/err"; then
		fail "$CASE: build" "$(cat "$TMP/err")"
		continue
	fi
	/usr/bin/python3 - "$OUT" "$CASE" <<-'EOF'
	import html.parser, json, os, sys, xml.etree.ElementTree as ET
	out, case = sys.argv[1], sys.argv[2]
	TITLE = '<script>alert(1)</script> "lainaus" \'heitto\' " onmouseover="alert(4)'
	EVENT = '<script>alert(7)</script> "Työpaja"; osa 1, \'A\''
	ATTR = set("""accesskey alt aria-current aria-hidden aria-label
	    aria-labelledby aria-describedby charset class content crossorigin
	    datetime dir height hidden href hreflang id itemprop lang loading
	    media name property rel role scope sizes src srcset tabindex target
	    title type width colspan rowspan headers value method action for
	    placeholder http-equiv decoding fetchpriority integrity referrerpolicy
	    xmlns viewbox fill d aria-live""".split())
	bad = []
	def check(ok, what):
	    print(("PASS " if ok else "FAIL ") + case + ": " + what)

	class Page(html.parser.HTMLParser):
	    def __init__(self):
	        super().__init__(convert_charrefs=True)
	        self.script = None
	        self.scripts, self.attrs, self.text = [], [], []
	        self.tag = []
	    def handle_starttag(self, tag, attrs):
	        self.tag.append(tag)
	        self.attrs += [(tag, k, v) for k, v in attrs]
	        if tag == "script":
	            self.script = [dict(attrs), ""]
	    def handle_endtag(self, tag):
	        if tag in self.tag:
	            while self.tag.pop() != tag:
	                pass
	        if tag == "script" and self.script:
	            self.scripts.append(self.script)
	            self.script = None
	    def handle_data(self, d):
	        if self.script:
	            self.script[1] += d
	        else:
	            self.text.append((self.tag[-1] if self.tag else "", d))

	pages = {}
	for root, _, files in os.walk(out):
	    for f in files:
	        if f.endswith(".html"):
	            path = os.path.join(root, f)
	            p = Page()
	            p.feed(open(path, encoding="utf-8").read())
	            pages[os.path.relpath(path, out)] = p
	scripts_ok = attrs_ok = True
	for name, p in pages.items():
	    for attrs, body in p.scripts:
	        if attrs.get("type") != "application/ld+json" and "src" not in attrs:
	            scripts_ok = False
	            bad.append(f"{name}: a script element: {attrs} {body[:80]}")
	        elif "src" not in attrs:
	            try:
	                json.loads(body)
	            except ValueError as e:
	                scripts_ok = False
	                bad.append(f"{name}: JSON-LD cut short ({e}): {body[:200]}")
	    for tag, k, v in p.attrs:
	        if k not in ATTR and not k.startswith("data-"):
	            attrs_ok = False
	            bad.append(f"{name}: <{tag}> has an attribute '{k}'")
	check(scripts_ok, "no <script> but JSON-LD, and no JSON-LD cut short by </script>")
	check(attrs_ok, "no attribute comes out of a value (onmouseover, onerror, onclick)")
	for b in bad[:10]:
	    print("  " + b)

	post = pages.get("blogi/xss/index.html")
	check(post is not None, "the post page is written")
	if post:
	    h1 = "".join(d for t, d in post.text if t == "h1")
	    check(h1 == TITLE, "the title reads back exactly from <h1>: " + repr(h1))
	    ld = [json.loads(b) for a, b in post.scripts if a.get("type") == "application/ld+json"]
	    check(any(x.get("headline") == TITLE for x in ld),
	          "the JSON-LD headline reads back exactly")
	    titles = [v for t, k, v in post.attrs if k == "content" and v and "alert(1)" in v]
	    check(all(v == TITLE for v in titles), "attribute copies of the title are whole: " + repr(titles[:2]))
	ev = pages.get("tapahtumat/xss/index.html")
	check(ev is not None, "the event page is written")
	if ev:
	    links = [v for t, k, v in ev.attrs if k == "href" and v and "alert(8)" in v]
	    check(all(v == 'https://example.fi/?a=1&b="x" onclick="alert(8)' for v in links),
	          "the event's url stays one attribute: " + repr(links))

	for feed in ("rss.xml", "blogi/rss.xml"):
	    items = ET.parse(os.path.join(out, feed)).getroot().iter("item")
	    item = [i for i in items if i.findtext("title") == TITLE]
	    check(len(item) == 1, feed + ": the title reads back exactly")
	    desc = item[0].findtext("description") if item else ""
	    check("<script" not in (desc or "").lower(),
	          feed + ": no <script> in the description's HTML")
	EOF
	/usr/bin/python3 - "$OUT" "$CASE" <<-'EOF'
	import os, sys, icalendar
	out, case = sys.argv[1], sys.argv[2]
	EVENT = '<script>alert(7)</script> "Työpaja"; osa 1, \'A\''
	cal = icalendar.Calendar.from_ical(open(os.path.join(out, "tapahtumat.ics"), "rb").read())
	ev = [e for e in cal.walk("VEVENT") if str(e.get("SUMMARY")) == EVENT]
	print(("PASS " if len(ev) == 1 else "FAIL ") + case + ": iCalendar SUMMARY reads back exactly")
	loc = str(ev[0].get("LOCATION")) if ev else ""
	print(("PASS " if '<b>Sali</b> "A"' in loc else "FAIL ") + case + ": iCalendar LOCATION reads back: " + repr(loc))
	EOF
done

# ---- addresses with schemes that run code ----------------------------

TAB=$(printf '\t')
for url in 'javascript:alert(1)' ' JavaScript:alert(1)' "java${TAB}script:alert(1)" \
    'vbscript:msgbox(1)' 'data:text/html,<script>alert(1)</script>'; do
	label=$(printf '%s' "$url" | sed "s/$TAB/<TAB>/")
	site "event url: $label"
	post content/tapahtumat/x.md <<-EOF
	---
	title: Työpaja
	start: 13.10.2017
	url: "$url"
	---
	Kuvaus.
	EOF
	refused <<-EOF
	content/tapahtumat/x.md:4:6: error: url '$url' is refused: only http(s) or relative addresses are allowed
	EOF
	site "post image: $label"
	post content/blogi/kolmas.md <<-EOF
	---
	title: Kolmas
	date: 2018-01-02
	image: "$url"
	---
	Teksti.
	EOF
	refused <<-EOF
	content/blogi/kolmas.md:4:8: error: image address '$url' is refused: only http(s) or relative addresses are allowed
	EOF
done
site "an event in a post: url javascript:"
post content/blogi/kolmas.md <<-'EOF'
---
title: Kolmas
date: 2018-01-02
events:
  - title: Työpaja
    start: 13.10.2017
    url: "javascript:alert(1)"
---
Teksti.
EOF
refused <<-'EOF'
content/blogi/kolmas.md:7:10: error: url 'javascript:alert(1)' is refused: only http(s) or relative addresses are allowed
EOF

site "Markdown links and images"
post content/blogi/kolmas.md <<-'EOF'
---
title: Kolmas
date: 2018-01-02
---
[x](javascript:alert(1)) ja [y](VBScript:msgbox(1))

![kuva](data:image/png;base64,iVBORw0KGgo=)
EOF
refused <<-'EOF'
content/blogi/kolmas.md:5:1: error: link with a 'javascript:' URL is not allowed (it could run code in the reader's browser): link to a page or a file instead
content/blogi/kolmas.md:5:29: error: link with a 'vbscript:' URL is not allowed (it could run code in the reader's browser): link to a page or a file instead
content/blogi/kolmas.md:7:1: error: image with a 'data:' URL is not allowed: save the image as a file and give its name instead
EOF

# ---- raw HTML in Markdown --------------------------------------------

site "raw HTML in Markdown"
post content/blogi/kolmas.md <<-'EOF'
---
title: Kolmas
date: 2018-01-02
---
Ensin.

<script>alert(1)</script>

Teksti <img src=x onerror="alert(2)"> ja <a href="javascript:alert(3)">linkki</a>.

<iframe src="https://example.com/"></iframe>
EOF
if "$SAITTI" build --source "$S" --out "$OUT" --now $NOW --quiet 2>"$TMP/err"; then
	pass "$CASE: builds"
	check "$CASE: no script, handler or iframe anywhere" sh -c \
	    "! grep -rEiq '<script>alert|onerror=|javascript:alert|<iframe' '$OUT'"
	check "$CASE: the safe part kept (html: sanitize)" grep -qF \
	    'Teksti <img src="x" /> ja <a>linkki</a>.' "$OUT/blogi/kolmas/index.html"
else
	fail "$CASE: builds" "$(cat "$TMP/err")"
fi

# ---- nothing outside --out -------------------------------------------

site "an alias that climbs out"
post content/blogi/kolmas.md <<-'EOF'
---
title: Kolmas
date: 2018-01-02
aliases: ["../../etc/x", "/blogi/../../../x", "/%2e%2e/x"]
---
Teksti.
EOF
refused <<-'EOF'
content/blogi/kolmas.md:4:11: error: alias '../../etc/x' cannot be used: empty parts (//), '.' and '..' are not allowed in a path: write the address in full
content/blogi/kolmas.md:4:26: error: alias '/blogi/../../../x' cannot be used: empty parts (//), '.' and '..' are not allowed in a path: write the address in full
content/blogi/kolmas.md:4:47: error: alias '/%2e%2e/x' cannot be used: empty parts (//), '.' and '..' are not allowed in a path: write the address in full
EOF
check "$CASE: nothing written above" sh -c "[ ! -e '$TMP/etc' ] && [ ! -e '$TMP/x' ]"

# A whole build, twice (the second replaces the first) and a failed one:
# the only changes anywhere in $TMP are --out and the cache folder
# (site/.saitti-cache: the output manifest and Markdown), which holds
# nothing else.
site "writes only --out"
mkdir -p "$TMP/box" && mv "$S" "$TMP/box/site" && S="$TMP/box/site"
OUT="$TMP/box/julkinen"
post content/blogi/kuva.md <<-'EOF'
---
title: Kuva
date: 2018-01-03
aliases: [/vanha/kuva/]
---
![Salasanat](../../../../../../etc/passwd) [x](../../../../../etc/passwd)
EOF
# snapshot FILE: every path in $TMP/box but the output and the cache, with
# its size and time of change (not the site folder's own: making the cache
# folder changes it, and any other new entry shows as a line).
snapshot() {
	(cd "$TMP/box" && find . -mindepth 1 \( -path ./julkinen -o \
	    -path ./site/.saitti-cache \) -prune -o ! -path ./site \
	    -printf '%p %s %C@\n' | sort) >"$1"
}
snapshot "$TMP/s1"
"$SAITTI" build --source "$S" --out "$OUT" --now $NOW --quiet 2>/dev/null
rc1=$?
"$SAITTI" build --source "$S" --out "$OUT" --now $NOW --quiet 2>/dev/null
rc2=$?
snapshot "$TMP/s2"
printf -- '---\ntitle: [\n---\n' >"$S/content/blogi/rikki.md"
snapshot "$TMP/s3"
"$SAITTI" build --source "$S" --out "$OUT" --now $NOW --quiet 2>/dev/null
rc3=$?
snapshot "$TMP/s4"
check "$CASE: builds, builds again, fails" [ "$rc1$rc2$rc3" = 001 ]
check "$CASE: the cache folder holds only saitti's caches" sh -c \
    "! ls -A '$S/.saitti-cache' | grep -Ev '^(output-[0-9a-f]+|stamp-[0-9a-f]+|markdown|markdown\\.seal|parse|listing|history|\\.gitignore)\$'"
if d=$(diff "$TMP/s1" "$TMP/s2" && diff "$TMP/s3" "$TMP/s4"); then
	pass "$CASE: nothing else written"
else
	fail "$CASE: nothing else written" "$d"
fi
check "$CASE: nothing of /etc/passwd read" sh -c "! grep -rq 'root:' '$OUT'"
