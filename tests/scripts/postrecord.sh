#!/bin/sh
# The parse cache keeps what load_local made of each file (model/postrecord:
# dates, slug, address, its messages) under the key of the settings it
# read. A rebuild with the cache warm after each of those settings changes
# equals a build from scratch, files and messages: the time zone of dates,
# the base path, the events' folder, whether there is a git history (a
# post without a date is then no error), and the language of messages.
# The files are made some seconds before the builds, so that the cache
# keeps them (parsecache.c, RACY_NS).
. tests/scripts/lib.sh
site="$TMP/site"
cp -r tests/fixtures/basic "$site"
rm -rf "$site/expected" "$site/args"
mkdir -p "$site/content/tapahtumat"
cp tests/fixtures/events/content/tapahtumat/messut.md \
    "$site/content/tapahtumat/"
sed -n '/^paths:/p' tests/fixtures/events/site.yaml >>"$site/site.yaml"
# A time late in the evening: another zone makes it another day.
cat >"$site/content/blogi/2018-03-01-myohaan.md" <<'EOF'
---
title: Myöhään illalla
date: 2018-03-01 23:30
aliases: [/vanha/myohaan/]
tags: [ilta]
---
Kirjoitettu myöhään.
EOF
sleep 4

b() {
	"$SAITTI" build --source "$site" --out "$TMP/$1" \
	    --cache "$TMP/$1-cache" --now 2018-06-01 --quiet >"$TMP/$1.msg" 2>&1
	echo "exit $?" >>"$TMP/$1.msg"
	sed -i "s|$TMP/$1|OUT|g" "$TMP/$1.msg"
}
# same NAME: a build with the warm cache (its stamps gone: the load runs)
# equals one from scratch.
same() {
	rm -f "$TMP"/inc-cache/stamp-*
	b inc
	rm -rf "$TMP/clean" "$TMP/clean-cache"
	b clean
	if cmp -s "$TMP/inc.msg" "$TMP/clean.msg"; then
		pass "postrecord: $1: the same messages"
	else
		fail "postrecord: $1: the same messages" \
		    "$(diff "$TMP/inc.msg" "$TMP/clean.msg")"
	fi
	# A build that fails writes nothing: its messages are compared.
	if ! grep -qx "exit 0" "$TMP/clean.msg"; then
		:
	elif diff -r "$TMP/inc" "$TMP/clean" >/dev/null; then
		pass "postrecord: $1: the same files"
	else
		fail "postrecord: $1: the same files" \
		    "$(diff -r "$TMP/inc" "$TMP/clean" | head -20)"
	fi
}

same "the first build"
check "postrecord: the first build succeeds" grep -qx "exit 0" "$TMP/inc.msg"
same "the cache warm"

sed -i 's|^timezone: .*|timezone: America/New_York|' "$site/site.yaml"
same "another time zone"
check "postrecord: another time zone: the post's day changed" \
    grep -rq '2018-03-01T23:30:00-05:00' "$TMP/inc"

sed -i 's|^base_url: .*|base_url: "https://example.fi/toinen/"|' \
    "$site/site.yaml"
same "another base path"
check "postrecord: another base path: the posts' addresses changed" \
    grep -rq '/toinen/blogi/myohaan/' "$TMP/inc"

sed -i 's|events: tapahtumat|events: menot|' "$site/site.yaml"
same "another events folder"
check "postrecord: another events folder: the event file is a post" \
    grep -q "messut.md:.*post has no date" "$TMP/inc.msg"
sed -i 's|events: menot|events: tapahtumat|' "$site/site.yaml"
same "the events folder back"

# A file load_local refuses: its message comes from the cache too.
cat >"$site/content/blogi/huono.md" <<'EOF'
---
title: Huono
date: 2018-02-01
slug: Huono Osoite
---
Teksti.
EOF
sleep 4
same "a refused slug"
check "postrecord: a refused slug: the build fails" \
    grep -q "huono.md:4:.*slug" "$TMP/inc.msg"
same "a refused slug, the cache warm"
LANGUAGE=fi same "a refused slug, in Finnish"
check "postrecord: in Finnish: the message is Finnish" \
    grep -q "huono.md:4:.*ei kelpaa" "$TMP/inc.msg"
rm "$site/content/blogi/huono.md"

# An event file is made on the parse's workers but for its tags (the
# site's): its messages come in the order they did when all was made in
# path order, the file's own first, then its tags'.
cat >"$site/content/tapahtumat/rikki.md" <<'EOF'
---
title: Rikki
start: 2018-06-20
slug: Huono Osoite
tags: [hyvä, {a: 1}]
---
Teksti.
EOF
sleep 4
same "an event with errors"
same "an event with errors, the cache warm"
grep "rikki.md" "$TMP/inc.msg" | sed 's/: error: .*//' >"$TMP/order"
printf '%s\n' content/tapahtumat/rikki.md:4:7 \
    content/tapahtumat/rikki.md:5:14 >"$TMP/want"
if cmp -s "$TMP/order" "$TMP/want"; then
	pass "postrecord: an event's messages in order"
else
	fail "postrecord: an event's messages in order" "$(cat "$TMP/inc.msg")"
fi
rm "$site/content/tapahtumat/rikki.md"

# A post without a date: an error without history, dated by it with.
cat >"$site/content/blogi/ilman-paivaa.md" <<'EOF'
---
title: Ilman päivää
---
Teksti.
EOF
(cd "$site" && git init -q -b main && git add -A &&
    git -c user.name=Testi -c user.email=testi@example.fi commit -qm eka) ||
    fail "postrecord: make the repository"
sleep 4
same "no history"
check "postrecord: no history: a post without a date is refused" \
    grep -q "ilman-paivaa.md.*no date" "$TMP/inc.msg"
sed -i 's|^git_info: false|git_info: true|' "$site/site.yaml"
same "with history"
check "postrecord: with history: the post is dated" \
    grep -qx "exit 0" "$TMP/inc.msg"
sed -i 's|^git_info: true|git_info: false|' "$site/site.yaml"
same "without history again"
