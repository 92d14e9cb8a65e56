#!/bin/sh
# The default theme, checked the way issue 9 asks, on the programme's own site
# (content/, built with --now 2018-10-01) and on a variant of it with what
# that content lacks (a second list page, an alias redirect, an upcoming and
# a cancelled event):
#  - Nu HTML checker (npm vnu-jar, the machine's Java): no errors on one page
#    of every kind, and on every other page of the builds;
#  - axe-core (WCAG 2.1 A and AA rules) in Debian's headless Chromium, the
#    pages served over HTTP on a random loopback port, 1280 and 320 px wide,
#    light and dark; any request leaving the machine fails too;
#  - CSS under 20 KB, no external URL in CSS, <link> or <script src>;
#  - a build with `language: sv` leaves no Finnish theme word in the chrome.
# Tools: `make a11y-deps` (tests/a11y/package.json). Run from the repository
# root with $SAITTI set.
SAITTI=${SAITTI:-build/saitti}
. tests/scripts/lib.sh
# Builds straight from tests/fixtures keep their caches out of the repository.
export SAITTI_CACHE="$TMP/cache"
A11Y=tests/a11y
NM=$A11Y/node_modules
VNU=$NM/vnu-jar/build/dist/vnu.jar
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
export CHROMIUM
THEME=themes/default
NOW=2018-10-01

missing=
command -v java >/dev/null 2>&1 || missing="$missing java"
command -v node >/dev/null 2>&1 || missing="$missing node"
[ -x "$CHROMIUM" ] || missing="$missing $CHROMIUM"
for f in "$VNU" "$NM/axe-core/axe.min.js" "$NM/playwright-core/package.json" "$NM/yaml/package.json"; do
	[ -f "$f" ] || missing="$missing $f"
done
if [ -n "$missing" ]; then
	fail "a11y tools" "missing:$missing (run make a11y-deps)"
	exit 1
fi

# build NAME SRC: builds SRC into $TMP/NAME.
build() {
	if "$SAITTI" build --source "$2" --out "$TMP/$1" --now "$NOW" --quiet >"$TMP/$1.log" 2>&1; then
		pass "build $1"
	else
		fail "build $1" "$(cat "$TMP/$1.log")"
		exit 1
	fi
}

# edit FILE SED-SCRIPT: sed in place, POSIX.
edit() { sed "$2" "$1" >"$1.new" && mv "$1.new" "$1"; }

# The programme's site as it is.
build site .

# The variant: two posts a page, an old address for a post, an upcoming
# timed event with a link, an upcoming cancelled all-day event.
V=$TMP/var-src
mkdir -p "$V"
cp -R site.yaml content themes "$V"/
edit "$V/site.yaml" 's/^paginate:.*/paginate: 2/'
first=$(find "$V/content/blogi" -name '*.md' | sort | head -n 1)
edit "$first" '1a\
aliases: [/vanha/osoite/]'
cat >"$V/content/tapahtumat/2018-11-20-tuleva-tyopaja.md" <<'EOF'
---
title: "Tuleva työpaja"
start: "20.11.2018 klo 9.00"
end: "20.11.2018 klo 16.00"
location: "Kaupungintalo"
address: "Katu 1, Kaupunki"
region: "Lappi"
organizer: "LAPE-muutosohjelma"
url: "https://example.org/tyopaja"
tags: [lappi]
---
Työpajan kuvaus.
EOF
cat >"$V/content/tapahtumat/2018-12-03-syysseminaari.md" <<'EOF'
---
title: "Syysseminaari"
start: "3.12.2018"
end: "4.12.2018"
location: "Seminaaritalo"
cancelled: true
---
Seminaarin kuvaus.
EOF
cat >"$V/content/tapahtumat/2018-10-02-kohtaamispaikka.md" <<'EOF'
---
title: "Avoin kohtaamispaikka"
start: "2.10.2018 klo 9.00"
end: "2.10.2018 klo 11.00"
repeat: "FREQ=WEEKLY;BYDAY=TU;UNTIL=20181218"
except: [6.11.2018]
changes:
  - {date: 13.11.2018, location: "Kirjasto"}
location: "Perhekeskus"
address: "Katu 2, Kaupunki"
region: "Lappi"
online: "https://example.org/verkko"
registration: {url: "https://example.org/ilmo", deadline: 1.12.2018, info: "Paikkoja on rajoitetusti."}
tags: [lappi]
---
Avoin aamu perheille.
EOF
build var "$V"

# pick DIR KIND [PATTERN]: the first page of DIR (path order) whose <body>
# is of KIND and that holds PATTERN.
pick() {
	(cd "$1" && grep -rl "<body class=\"kind-$2\"" . | sort) | while read -r f; do
		if [ -z "${3:-}" ] || grep -q -- "$3" "$1/$f"; then
			echo "${f#./}"
			break
		fi
	done
}

# The pages, one a line: NAME DIR FILE.
pages=$TMP/pages
: >"$pages"
add() { # NAME DIR KIND [PATTERN]
	f=$(pick "$TMP/$2" "$3" "${4:-}")
	if [ -z "$f" ]; then
		fail "page $1" "no page of kind $3${4:+ holding $4} in the $2 build"
	else
		echo "$1 $2 $f" >>"$pages"
	fi
}
add front site home
add list site list
add list-page-2 var list '<a href="[^"]*/sivu/[0-9]*/" aria-current="page"'
add post site post '<img '
add post-with-events site post 'class="post-events'
add page site page
add tags site tags
add tag site tag
add archive site archive
add events-past site events
add events-upcoming var events 'id="upcoming"'
add event site event 'class="content"'
add event-cancelled var event 'notice-cancelled'
add month site calendar
add month-today var calendar 'aria-current="date"'
add 404 site notfound
add redirect-calendar site redirect 'rel="canonical" href="[^"]*/kalenteri/'
add redirect-alias var redirect 'rel="canonical" href="[^"]*/blogi/'
add statement site accessibility
add event-recurring var event 'class="event-dates"'
add region var region
add year var calendar-year
add tag-events var tag 'id="tag-events"'


# url FILE: the address a reader types for a built file.
url() {
	case $1 in
	index.html) echo / ;;
	*/index.html) echo "/${1%index.html}" ;;
	*) echo "/$1" ;;
	esac
}

# --- Nu HTML checker: every page of both builds in one run. ---
find "$TMP/site" "$TMP/var" -name '*.html' | sort >"$TMP/all"
# A page with a known error proves the checker reports.
printf '<!doctype html><html lang="fi"><head><title>x</title></head><body><p><div>x</div></p><img src="a.png"></body></html>\n' >"$TMP/canary.html"
# shellcheck disable=SC2046
java -jar "$VNU" --errors-only --format gnu --exit-zero-always \
    "$TMP/canary.html" $(cat "$TMP/all") >"$TMP/nu.out" 2>&1
if grep -q 'canary.html.*error' "$TMP/nu.out"; then
	pass "nu reports a known error"
else
	fail "nu reports a known error" "$(head -n 20 "$TMP/nu.out")"
fi
grep -v 'canary.html' "$TMP/nu.out" >"$TMP/nu.real"
while read -r name dir file; do
	abs=$TMP/$dir/$file
	if grep -F "$abs\"" "$TMP/nu.real" >"$TMP/nu.page"; then
		fail "nu $name ($dir: $(url "$file"))" "$(sed "s|^\"file:$TMP/||" "$TMP/nu.page")"
	else
		pass "nu $name ($dir: $(url "$file"))"
	fi
done <"$pages"
n=$(wc -l <"$TMP/all")
if [ -s "$TMP/nu.real" ]; then
	fail "nu all $n pages" "$(sed "s|^\"file:$TMP/||" "$TMP/nu.real")"
else
	pass "nu all $n pages"
fi
if java -jar "$VNU" --css --errors-only --format gnu "$TMP/site/style.css" >"$TMP/nu.css" 2>&1; then
	pass "nu style.css"
else
	fail "nu style.css" "$(cat "$TMP/nu.css")"
fi

# --- axe-core in headless Chromium. ---
set --
for dir in site var; do
	set -- "$@" --root "$TMP/$dir"
	while read -r name d file; do
		[ "$d" = "$dir" ] && set -- "$@" "$name=$(url "$file")"
	done <"$pages"
done
node "$A11Y/axe.js" "$@" 2>&1
# A page with known violations proves axe reports them.
mkdir -p "$TMP/canary"
printf '<!doctype html><html><head><title>x</title></head><body><main><img src="a.png"><p style="color:#777;background:#888">Heikosti erottuva teksti</p></main></body></html>\n' >"$TMP/canary/index.html"
out=$(node "$A11Y/axe.js" --root "$TMP/canary" canary=/ 2>&1)
case $out in
*image-alt*color-contrast* | *color-contrast*image-alt*) pass "axe reports known violations" ;;
*) fail "axe reports known violations" "$out" ;;
esac

# --- Weight and third parties. ---
for css in $(find "$TMP/site" -name '*.css' | sort); do
	size=$(wc -c <"$css")
	if [ "$size" -lt 20480 ]; then
		pass "css ${css#"$TMP"/site/} $size bytes < 20 KB"
	else
		fail "css ${css#"$TMP"/site/} $size bytes < 20 KB"
	fi
	if grep -Eni 'https?:|url\([[:space:]]*["'\'']?//|@import' "$css" >"$TMP/ext"; then
		fail "css ${css#"$TMP"/site/} has no external URL" "$(cat "$TMP/ext")"
	else
		pass "css ${css#"$TMP"/site/} has no external URL"
	fi
done
# Links that load something (not canonical, alternate: those only point).
# shellcheck disable=SC2046
grep -Eo '<(link|script)[^>]*>' $(cat "$TMP/all") |
    grep -Ei '<script[^>]* src=|rel="[^"]*(stylesheet|icon|preload|prefetch|preconnect|manifest)' |
    grep -Ei '(src|href)="(https?:)?//' >"$TMP/ext"
if [ -s "$TMP/ext" ]; then
	fail "pages load nothing from elsewhere" "$(sed "s|^$TMP/||" "$TMP/ext")"
else
	pass "pages load nothing from elsewhere"
fi

# --- Swedish: no Finnish word of the theme left in the chrome. ---
# Templates hold no words of their own: none between tags, none in an
# attribute a reader meets.
words=
for f in $(find "$THEME/templates" -name '*.html' | sort); do
	w=$(sed -e 's/{{[^}]*}}//g' -e 's/<[^>]*>//g' "$f" | grep -n '[[:alpha:]]')
	a=$(grep -Eno '(aria-label|title|alt|placeholder)="[^"{]*[[:alpha:]][^"{]*"' "$f")
	[ -n "$w$a" ] && words="$words$f: $w $a
"
done
if [ -z "$words" ]; then pass "templates hold no words"; else fail "templates hold no words" "$words"; fi

# The variant in Swedish. Content folders and the statement's file are
# named by the language's paths (docs/events.md), so they move along; the
# statement's title is left to the theme.
S=$TMP/sv-src
cp -R "$V" "$S"
edit "$S/site.yaml" 's/^language:.*/language: sv/'
names=$(NODE_PATH=$NM node -e '
const Y = require("yaml"), fs = require("fs");
const p = (f) => Y.parse(fs.readFileSync(f, "utf8")).paths;
const fi = p(process.argv[1]), sv = p(process.argv[2]);
console.log(fi.events, sv.events, fi.accessibility, sv.accessibility);
' "$THEME/i18n/fi.yaml" "$THEME/i18n/sv.yaml")
# shellcheck disable=SC2086
set -- $names
if [ $# -ne 4 ]; then
	fail "sv paths" "fi.yaml/sv.yaml paths: $names"
	exit 1
fi
[ "$1" = "$2" ] || mv "$S/content/$1" "$S/content/$2"
sed '/^title:/d' "$S/content/$3.yaml" >"$TMP/statement.yaml" && rm "$S/content/$3.yaml" &&
    mv "$TMP/statement.yaml" "$S/content/$4.yaml"
build sv "$S"
check "sv html lang" grep -q '<html lang="sv"' "$TMP/sv/index.html"
check "sv statement built" test -f "$TMP/sv/$4/index.html"
check "sv events built" test -f "$TMP/sv/$2/index.html"
node "$A11Y/chrome-words.js" "$TMP/sv" "$THEME/i18n/fi.yaml" "$THEME/i18n/sv.yaml"
