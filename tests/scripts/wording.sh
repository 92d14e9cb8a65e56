#!/bin/sh
# The default theme's Finnish wording, as a Finnish reviewer corrected it
# (issue 14): month names capitalised at the start of headings, tags as
# the writer wrote them (slug in lower case), "7 kirjoitusta", section
# words for news, minutes on both sides of a time range, "vko",
# "Julkaisija:" and "Tilaa tapahtumat omaan kalenteriisi".
. tests/scripts/lib.sh
SITE="$TMP/site"
mkdir -p "$SITE/themes" "$SITE/content/blogi" "$SITE/content/uutiset" "$SITE/content/tapahtumat"
cp -r "$TOP/themes/default" "$SITE/themes/default"
cat >"$SITE/site.yaml" <<'EOF'
title: "Sanat"
base_url: "https://example.fi/"
author: "LAPE-toimitus"
git_info: false
sections:
  blogi: {title: "Blogi"}
  uutiset: {title: "Uutiset"}
EOF
printf -- '---\ntitle: Etusivu\n---\n' >"$SITE/content/index.md"
printf -- '---\ntitle: Eka\ndate: 2017-10-02\ntags: [lappi, perhekeskus]\n---\nEka.\n' >"$SITE/content/blogi/2017-10-02-eka.md"
printf -- '---\ntitle: Toka\ndate: 2017-10-05\ntags: [Lappi, Varsinais-Suomi]\n---\nToka.\n' >"$SITE/content/blogi/2017-10-05-toka.md"
printf -- '---\ntitle: Uutinen A\ndate: 2017-10-03\n---\nA.\n' >"$SITE/content/uutiset/2017-10-03-a.md"
printf -- '---\ntitle: Uutinen B\ndate: 2017-10-04\n---\nB.\n' >"$SITE/content/uutiset/2017-10-04-b.md"
printf -- '---\ntitle: Ilta\nstart: 2017-10-20 17:30\nend: 2017-10-20 19:00\n---\n' >"$SITE/content/tapahtumat/ilta.md"
printf -- '---\ntitle: Päivä\nstart: 2017-10-21 12:00\nend: 2017-10-21 16:00\n---\n' >"$SITE/content/tapahtumat/paiva.md"
OUT="$TMP/out"
"$SAITTI" build --source "$SITE" --out "$OUT" --now 2017-10-12 2>"$TMP/err" ||
    fail "wording: build" "$(cat "$TMP/err")"
has() {
	if grep -qF -- "$3" "$OUT/$2" 2>/dev/null; then pass "$1"
	else fail "$1" "want: $3 in $2"; fi
}
hasnt() {
	if grep -qF -- "$3" "$OUT/$2" 2>/dev/null; then fail "$1" "unwanted: $3 in $2"
	else pass "$1"; fi
}
has "wording: a month heading starts with a capital" arkisto/index.html '<h3>Lokakuu 2017</h3>'
has "wording: tags as written, capitals winning" avainsanat/lappi/index.html '<h1>Avainsana: Lappi</h1>'
has "wording: Varsinais-Suomi keeps its capitals" blogi/toka/index.html '>Varsinais-Suomi</a>'
if [ -d "$OUT/avainsanat/varsinais-suomi" ]; then pass "wording: the tag's address stays lower case"
else fail "wording: the tag's address stays lower case" "$(ls "$OUT/avainsanat")"; fi
has "wording: 2 kirjoitusta" avainsanat/lappi/index.html '<p class="tag-count">2 kirjoitusta</p>'
has "wording: 1 kirjoitus" avainsanat/perhekeskus/index.html '<p class="tag-count">1 kirjoitus</p>'
hasnt "wording: not Kirjoituksia: 7" avainsanat/index.html 'Kirjoituksia:'
has "wording: news: Kaikki uutiset" uutiset/b/index.html 'Kaikki uutiset'
has "wording: news: Edellinen uutinen" uutiset/b/index.html 'Edellinen uutinen:'
has "wording: news: Seuraava uutinen" uutiset/a/index.html 'Seuraava uutinen:'
has "wording: front page: Kaikki uutiset" index.html 'Kaikki uutiset'
has "wording: blog keeps kirjoitus" blogi/toka/index.html 'Edellinen kirjoitus:'
hasnt "wording: no kirjoitus on a news page" uutiset/b/index.html 'kirjoitus'
has "wording: minutes on both sides" tapahtumat/index.html 'klo 17.30–19.00'
has "wording: whole hours stay short" tapahtumat/index.html 'klo 12–16'
has "wording: vko" tapahtumat/kalenteri/2017/10/index.html '>vko</abbr>'
has "wording: Julkaisija for the site's author" blogi/eka/index.html 'Julkaisija: LAPE-toimitus'
has "wording: Tilaa tapahtumat omaan kalenteriisi" tapahtumat/index.html 'Tilaa tapahtumat omaan kalenteriisi'
hasnt "wording: no iCalendar jargon" tapahtumat/index.html 'iCalendar'

# Phones first (issue 14, part 6): the upcoming events come before the
# post lists in the page; without upcoming events there is no events block
# (and no column kept for it).
ev=$(grep -n 'class="home-events"' "$OUT/index.html" | cut -d: -f1)
po=$(grep -n 'class="home-posts"' "$OUT/index.html" | cut -d: -f1)
if [ -n "$ev" ] && [ -n "$po" ] && [ "$ev" -lt "$po" ] &&
    grep -q 'class="home-grid has-events"' "$OUT/index.html"; then
	pass "phones: upcoming events come first on the front page"
else fail "phones: upcoming events come first on the front page" "events at $ev, posts at $po"; fi
"$SAITTI" build --source "$SITE" --out "$TMP/later" --now 2018-06-01 2>"$TMP/err" ||
    fail "phones: build later" "$(cat "$TMP/err")"
if ! grep -q 'home-events\|has-events' "$TMP/later/index.html" &&
    grep -q 'class="home-posts"' "$TMP/later/index.html"; then
	pass "phones: no empty events block"
else fail "phones: no empty events block"; fi
