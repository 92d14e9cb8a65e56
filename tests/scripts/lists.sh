#!/bin/sh
# Long lists stay linear (issue 17): a list's pager names the first, the
# last and two pages either side of the current one, with a gap between;
# a tag's upcoming events are on its first page only (on every page of a
# 250-page tag they made the tag pages grow with the square of the posts).
. "$TOP/tests/scripts/lib.sh"
S=$TMP/site
mkdir -p "$S/content/blogi" "$S/content/tapahtumat"
cp -r "$TOP/themes" "$S/"
cat >"$S/site.yaml" <<'YAML'
title: "Listat"
base_url: "https://example.fi/"
language: fi
timezone: Europe/Helsinki
paginate: 1
YAML
printf -- '---\ntitle: Etusivu\n---\nHei\n' >"$S/content/index.md"
i=1
while [ $i -le 12 ]; do
	d=$(printf '2018-01-%02d' $i)
	printf -- '---\ntitle: "Kirjoitus %d"\ndate: %s\ntags: [perhekeskus]\n---\nTekstiä %d.\n' \
	    $i $d $i >"$S/content/blogi/$d-kirjoitus-$i.md"
	i=$((i + 1))
done
cat >"$S/content/tapahtumat/2018-03-01-perhepaiva.md" <<'MD'
---
title: "Perhepäivä"
start: "1.3.2018 klo 10.00"
end: "1.3.2018 klo 14.00"
location: "Perhekeskus Aalto"
tags: [perhekeskus]
---
Tervetuloa.
MD
"$SAITTI" build --source "$S" --out "$TMP/out" --now 2018-02-01 --quiet 2>"$TMP/err" ||
	fail "lists: the site builds" "$(cat "$TMP/err")"
T=$TMP/out/avainsanat/perhekeskus
check "lists: the tag has 12 pages" test -f "$T/sivu/12/index.html"
check "lists: its first page lists its upcoming event" \
    grep -q 'Perhepäivä' "$T/index.html"
check "lists: ...and offers its calendar" \
    grep -q 'webcal://example.fi/avainsanat/perhekeskus/tapahtumat.ics' "$T/index.html"
n=0
for p in 2 7 12; do
	grep -q 'Perhepäivä' "$T/sivu/$p/index.html" && n=$((n + 1))
done
check "lists: later pages do not repeat the events" test $n = 0

# The pager of page 7 of 12: 1 … 5 6 7 8 9 … 12.
pager() {
	sed -n '/<nav class="pagination"/,/<\/nav>/p' "$1" |
	    sed -n 's/.*<span class="visually-hidden">[^<]*<\/span>\([0-9]*\)<\/a>.*/\1/p;
	        s/.*pagination-gap.*/…/p' | tr '\n' ' '
}
got=$(pager "$T/sivu/7/index.html")
[ "$got" = "1 … 5 6 7 8 9 … 12 " ] && pass "lists: the pager of page 7 of 12" ||
	fail "lists: the pager of page 7 of 12" "$got"
got=$(pager "$T/index.html")
[ "$got" = "1 2 3 … 12 " ] && pass "lists: the pager of page 1 of 12" ||
	fail "lists: the pager of page 1 of 12" "$got"
got=$(pager "$T/sivu/4/index.html")
[ "$got" = "1 2 3 4 5 6 … 12 " ] && pass "lists: the pager of page 4 of 12" ||
	fail "lists: the pager of page 4 of 12" "$got"
got=$(pager "$T/sivu/10/index.html")
[ "$got" = "1 … 8 9 10 11 12 " ] && pass "lists: the pager of page 10 of 12" ||
	fail "lists: the pager of page 10 of 12" "$got"
got=$(pager "$T/sivu/12/index.html")
[ "$got" = "1 … 10 11 12 " ] && pass "lists: the pager of page 12 of 12" ||
	fail "lists: the pager of page 12 of 12" "$got"
check "lists: the current page is marked" \
    grep -q 'href="/avainsanat/perhekeskus/sivu/7/" aria-current="page"' "$T/sivu/7/index.html"
