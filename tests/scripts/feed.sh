#!/bin/sh
# RSS feeds: every rss.xml of the fixture site tests/fixtures/feeds parses
# with an independent parser (Debian's python3-feedparser, no bozo); dates
# carry the right offset across daylight saving; guid and pubDate stay the
# same over rebuilds, after a new post and after a slug change; an alias
# writes a redirect page. Run from the repository root with $SAITTI set.
SAITTI=${SAITTI:-build/saitti}
PY=/usr/bin/python3
FIX=tests/fixtures/feeds
BASE=https://example.fi/lape/

pass() { echo "PASS $1"; }
fail() { echo "FAIL $1${2:+: $2}"; }
check() { # name, then a command that must succeed
	name=$1; shift
	if "$@" >/dev/null 2>&1; then pass "$name"; else fail "$name"; fi
}

if ! "$PY" -c 'import feedparser' 2>/dev/null; then
	fail "feedparser" "install python3-feedparser (make test-deps)"
	exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# A site in $1 from the fixture, with the repository's themes (the fixture
# holds only content).
mksite() {
	mkdir -p "$1"
	cp -R "$FIX"/. "$1"/
	cp -R themes "$1"/themes
}

# build NAME SITE: builds into $tmp/NAME; 0 on success.
build() {
	"$SAITTI" build --source "$2" --out "$tmp/$1" --now 2018-12-31 \
	    --jobs 2 >"$tmp/$1.log" 2>&1
}

cat >"$tmp/check.py" <<'EOF'
# check.py OUT BASE DUMP LABEL: parses every rss.xml under OUT, prints PASS/FAIL
# lines, and writes "feed<TAB>guid<TAB>pubDate<TAB>link<TAB>title" lines.
import os, re, sys
import feedparser

out, base, dump, label = sys.argv[1:5]
rfc822 = re.compile(r'^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d '
                    r'(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) '
                    r'\d{4} \d\d:\d\d:\d\d [+-]\d{4}$')
feeds = []
for root, dirs, files in os.walk(out):
    dirs.sort()
    if 'rss.xml' in files:
        feeds.append(os.path.relpath(os.path.join(root, 'rss.xml'), out))
feeds.sort()
print(('PASS' if feeds else 'FAIL') + ' %s: feeds found: %d' %
      (label, len(feeds)))
lines = []
for rel in feeds:
    path = os.path.join(out, rel)
    raw = open(path, 'rb').read()
    d = feedparser.parse(raw)
    bad = []
    if d.bozo:
        bad.append('bozo: %r' % d.get('bozo_exception'))
    if d.get('version') != 'rss20':
        bad.append('version %r' % d.get('version'))
    text = raw.decode('utf-8')
    if 'href="/' in text or 'src="/' in text or "href='/" in text:
        bad.append('a site-absolute link is left in the content')
    if re.search('[\x00-\x08\x0b\x0c\x0e-\x1f]', text):
        bad.append('a control character')
    selfs = [l.get('href') for l in d.feed.get('links', [])
             if l.get('rel') == 'self']
    if selfs != [base + rel]:
        bad.append('atom self %r' % selfs)
    if not d.feed.get('link', '').startswith(base):
        bad.append('channel link %r' % d.feed.get('link'))
    if d.entries and d.feed.get('updated') != d.entries[0].get('published'):
        bad.append('lastBuildDate %r is not the newest item\'s date'
                   % d.feed.get('updated'))
    prev = None
    for e in d.entries:
        guid, pub, link = e.get('id', ''), e.get('published', ''), \
            e.get('link', '')
        if not re.match(r'^tag:example\.fi,\d{4}-\d\d-\d\d:/[a-z0-9/._-]+$',
                        guid) or e.get('guidislink'):
            bad.append('guid %r' % guid)
        if not rfc822.match(pub) or not pub.endswith(('+0200', '+0300')):
            bad.append('pubDate %r' % pub)
        if not link.startswith(base):
            bad.append('link %r' % link)
        t = e.get('published_parsed')
        if prev and t and t > prev:
            bad.append('not newest first at %r' % guid)
        prev = t
        lines.append('\t'.join([rel, guid, pub, link, e.get('title', '')]))
    print('%s %s: parse %s%s' % ('FAIL' if bad else 'PASS', label, rel,
                             (': ' + '; '.join(bad)) if bad else ''))
with open(dump, 'w', encoding='utf-8') as f:
    f.write(''.join(l + '\n' for l in lines))
EOF

# parse NAME: checks $tmp/NAME's feeds into $tmp/NAME.items.
parse() {
	"$PY" "$tmp/check.py" "$tmp/$1" "$BASE" "$tmp/$1.items" "$1"
}
# pairs NAME: the sorted guid+pubDate pairs of the site feed.
pairs() {
	awk -F '\t' '$1 == "rss.xml" { print $2 "\t" $3 }' "$tmp/$1.items" |
	    sort
}
# item NAME TITLE FIELD: a field of the site feed's item with that title.
item() {
	awk -F '\t' -v t="$2" -v f="$3" '$1 == "rss.xml" && $5 == t \
	    { print $f; exit }' "$tmp/$1.items"
}

# ---- the fixture as it is ------------------------------------------------
mksite "$tmp/site"
if ! build first "$tmp/site"; then
	fail "build" "$(head -n 5 "$tmp/first.log")"
	exit 1
fi
pass "build"
parse first

for f in rss.xml blogi/rss.xml uutiset/rss.xml avainsanat/lappi/rss.xml \
    avainsanat/perhekeskus/rss.xml; do
	check "feed exists: $f" test -s "$tmp/first/$f"
done
if command -v xmllint >/dev/null 2>&1; then
	ok=1
	for f in $(cd "$tmp/first" && find . -name rss.xml | sort); do
		xmllint --noout "$tmp/first/$f" 2>>"$tmp/xmllint.log" || ok=0
	done
	check "xmllint: well-formed" test "$ok" = 1
fi

title1="Ennen kesäaikaa: A & B <c>"
check "title with & and < survives" \
    test "$(item first "$title1" 5)" = "$title1"
check "guid: tag URI from first date and path" \
    test "$(item first "$title1" 2)" = \
    "tag:example.fi,2018-03-24:/blogi/2018/2018-03-24-ennen-kesaaikaa"
check "pubDate +0200 before spring switch" \
    test "$(item first "$title1" 3)" = "Sat, 24 Mar 2018 12:00:00 +0200"
check "pubDate +0300 after spring switch" \
    test "$(item first "Kesäajan jälkeen" 3)" = \
    "Mon, 26 Mar 2018 12:00:00 +0300"
check "pubDate +0300 before autumn switch" \
    test "$(item first "Ennen talviaikaa" 3)" = \
    "Sat, 27 Oct 2018 12:00:00 +0300"
check "pubDate +0200 after autumn switch" \
    test "$(item first "Talviajassa" 3)" = "Mon, 29 Oct 2018 00:00:00 +0200"
check "item link absolute" test "$(item first "Talviajassa" 4)" = \
    "${BASE}uutiset/talviajassa/"
check "relative image made absolute" grep -q \
    "src=\"${BASE}blogi/2018/kaavio.svg\"" "$tmp/first/blogi/rss.xml"
check "link to a post made absolute" grep -q \
    "href=\"${BASE}blogi/kesaajan-jalkeen/\"" "$tmp/first/rss.xml"
check "no raw <script> in content" sh -c \
    "! grep -q '<script>alert' '$tmp/first/rss.xml'"
check "section feed has only its posts" test "$(awk -F '\t' \
    '$1 == "uutiset/rss.xml"' "$tmp/first.items" | wc -l)" -eq 2
check "tag feed has its posts" test "$(awk -F '\t' \
    '$1 == "avainsanat/perhekeskus/rss.xml"' "$tmp/first.items" | wc -l)" -eq 3
check "lastBuildDate is the newest post's date" grep -q \
    '<lastBuildDate>Mon, 29 Oct 2018 00:00:00 +0200</lastBuildDate>' \
    "$tmp/first/rss.xml"

# ---- the alias -----------------------------------------------------------
r="$tmp/first/vanha/uutinen/index.html"
check "alias page exists" test -s "$r"
target=${BASE}uutiset/ennen-talviaikaa/
check "alias page has meta refresh" grep -q \
    "http-equiv=\"refresh\" content=\"0; url=$target\"" "$r"
check "alias page has canonical link" grep -q \
    "rel=\"canonical\" href=\"$target\"" "$r"

# ---- a second build: the same bytes --------------------------------------
if build again "$tmp/site"; then
	parse again
	pairs first >"$tmp/first.pairs"
	pairs again >"$tmp/again.pairs"
	check "rebuild keeps guid+pubDate" \
	    cmp "$tmp/first.pairs" "$tmp/again.pairs"
	same=1
	for f in $(cd "$tmp/first" && find . -name rss.xml | sort); do
		cmp -s "$tmp/first/$f" "$tmp/again/$f" || same=0
	done
	check "rebuild: feeds byte for byte" test "$same" = 1
else
	fail "second build" "$(head -n 5 "$tmp/again.log")"
fi

# ---- a new post ----------------------------------------------------------
mksite "$tmp/site2"
cat >"$tmp/site2/content/uutiset/2018-11-15-uusi.md" <<'EOF'
---
title: "Uusi uutinen"
date: 2018-11-15 09:30
tags: [lappi]
---
Uusi.
EOF
if build newpost "$tmp/site2"; then
	parse newpost
	pairs newpost >"$tmp/newpost.pairs"
	check "new post is in the feed" grep -q \
	    "tag:example.fi,2018-11-15:/uutiset/2018-11-15-uusi" "$tmp/newpost.pairs"
	check "new post: old items keep guid and pubDate" \
	    sh -c "test -z \"\$(comm -23 '$tmp/first.pairs' \
	    '$tmp/newpost.pairs')\""
else
	fail "build with a new post" "$(head -n 5 "$tmp/newpost.log")"
fi

# ---- a new slug ----------------------------------------------------------
mksite "$tmp/site3"
f="$tmp/site3/content/blogi/2018/2018-03-24-ennen-kesaaikaa.md"
sed '2a\
slug: uusi-osoite' "$f" >"$f.new" && mv "$f.new" "$f"
if build newslug "$tmp/site3"; then
	parse newslug
	check "slug change moves the link" test "$(item newslug "$title1" 4)" = \
	    "${BASE}blogi/uusi-osoite/"
	check "slug change keeps the guid" \
	    test "$(item newslug "$title1" 2)" = "$(item first "$title1" 2)"
	check "slug change keeps the pubDate" \
	    test "$(item newslug "$title1" 3)" = "$(item first "$title1" 3)"
else
	fail "build with a new slug" "$(head -n 5 "$tmp/newslug.log")"
fi

# ---- raw HTML with ]]> and a control character ---------------------------
mksite "$tmp/site4"
printf 'unsafe_html: true\n' >>"$tmp/site4/site.yaml"
printf '\n<p class="raw">raw ]]> here, bell\007 and ]]\001> too</p>\n' \
    >>"$tmp/site4/content/uutiset/2018-10-29-talviajassa.md"
if build rawhtml "$tmp/site4"; then
	parse rawhtml
	check "]]> split in CDATA" grep -q 'raw ]]]]><!\[CDATA\[> here' \
	    "$tmp/rawhtml/uutiset/rss.xml"
	check "control characters dropped" "$PY" -c "
import re, sys
t = open('$tmp/rawhtml/uutiset/rss.xml', 'rb').read()
sys.exit(1 if re.search(b'[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f]', t) else 0)"
	check "parsed content keeps ]]>" "$PY" -c "
import feedparser, sys
d = feedparser.parse('$tmp/rawhtml/uutiset/rss.xml')
c = [e.content[0].value for e in d.entries if e.title == 'Talviajassa'][0]
sys.exit(0 if 'raw ]]&gt; here, bell and ]]&gt; too' in c
         or 'raw ]]> here, bell and ]]> too' in c else 1)"
else
	fail "build with raw HTML" "$(head -n 5 "$tmp/rawhtml.log")"
fi
