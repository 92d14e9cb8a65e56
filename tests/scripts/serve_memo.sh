#!/bin/sh
# `saitti serve` reads again only the files that changed (model/loadmemo,
# issue 17): after each kind of change a writer makes — a post's text and
# title, a post added, renamed and removed, an event added and edited, a
# template, site.yaml, an error and its fix — the running server's output
# is byte for byte the first build of a new server on the same sources
# (the port in the addresses aside), and an error is told the same way.
. tests/scripts/lib.sh
SITE="$TMP/site"
cp -R "$TOP/tests/fixtures/basic" "$SITE"
rm -rf "$SITE/expected" "$SITE/args"
mkdir -p "$SITE/content/tapahtumat"
cp "$TOP/tests/fixtures/events/content/tapahtumat/messut.md" \
    "$SITE/content/tapahtumat/"
# A file changed less than 3 s before it is read is read again next time
# too: wait, so that the running server takes the others from its memo.
sleep 4

# start NAME: a server on a free port; sets port and root.
start() {
	mkdir -p "$TMP/$1-tmp"
	rm -f "$TMP/$1.log"   # not to read the last server's lines
	TMPDIR="$TMP/$1-tmp" "$SAITTI" serve --source "$SITE" --port 0 \
	    --now 2018-06-01 >"$TMP/$1.log" 2>&1 &
	eval "pid_$1=\$!"
	i=0
	while [ $i -lt 200 ] && ! grep -q '^saitti: serving' "$TMP/$1.log" 2>/dev/null; do
		sleep 0.1
		i=$((i + 1))
	done
	line=$(grep '^saitti: serving' "$TMP/$1.log")
	port=$(printf '%s\n' "$line" | sed -n 's|.*http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p')
	root=$(printf '%s\n' "$line" | sed -n 's|.*(from \([^;]*\);.*|\1|p')
	eval "port_$1=\$port root_$1=\$root"
}
stop() {
	eval "p=\$pid_$1"
	kill -INT "$p" 2>/dev/null
	wait "$p" 2>/dev/null
}
trap 'kill -KILL $pid_a $pid_b 2>/dev/null; rm -rf "$TMP"' EXIT

# builds NAME: how many builds the server has finished, good or not.
builds() {
	grep -c -e '^saitti: built in' -e '^saitti: [0-9]* errors\{0,1\};' \
	    "$TMP/$1.log" 2>/dev/null
}
# settle N: waits until server a has finished N builds.
settle() {
	i=0
	while [ $i -lt 300 ] && [ "$(builds a)" -lt "$1" ]; do
		sleep 0.1
		i=$((i + 1))
	done
}
# snap NAME ROOT PORT: a copy of the output with the port written PORT.
snap() {
	rm -rf "$TMP/$1"
	cp -R "$2" "$TMP/$1"
	grep -rl "127.0.0.1:$3" "$TMP/$1" | while read -r f; do
		sed -i "s|127\.0\.0\.1:$3|127.0.0.1:PORT|g" "$f"
	done
}
# errors NAME: the error lines of the server's last build (they come
# before its summary line).
errors() {
	awk '/ error: / { n = n $0 "\n" }
	    /^saitti: (built in|[0-9]+ errors?;)/ { last = n; n = "" }
	    END { printf "%s", last }' "$TMP/$1.log"
}

start a
settle 1
n=1
# step NAME: server a's last build against a new server's first.
step() {
	n=$((n + 1))
	settle $n
	if [ "$(builds a)" != $n ]; then
		fail "serve_memo: $1: one rebuild" "$(tail -n 5 "$TMP/a.log")"
		n=$(builds a)
	fi
	start b
	i=0
	while [ $i -lt 200 ] && [ "$(builds b)" -lt 1 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	if grep -q '^saitti: [0-9]* errors\{0,1\};' "$TMP/b.log"; then
		if [ "$(errors a)" = "$(errors b)" ] && [ -n "$(errors a)" ]; then
			pass "serve_memo: $1: the same errors"
		else
			fail "serve_memo: $1: the same errors" \
			    "running: $(errors a)
new: $(errors b)"
		fi
	else
		snap snap-a "$root_a" "$port_a"
		snap snap-b "$root_b" "$port_b"
		if diff -r "$TMP/snap-a" "$TMP/snap-b" >"$TMP/diff" 2>&1; then
			pass "serve_memo: $1: the same files as a new server"
		else
			fail "serve_memo: $1: the same files as a new server" \
			    "$(head -n 20 "$TMP/diff")"
		fi
	fi
	stop b
}

printf '\nLisätty kappale.\n' >>"$SITE/content/blogi/2017/toinen.md"
step "a post's text edited"

sed -i 's/^title:.*/title: "Uusi otsikko"/' "$SITE/content/blogi/kolmas.md"
step "a post's title changed"

printf -- '---\ntitle: Uusi\ntags: [uusi, perhe]\n---\nUusi, [linkki](2017/toinen.md).\n' \
    >"$SITE/content/blogi/2018-05-01-uusi.md"
step "a post added"

mv "$SITE/content/blogi/2018-05-01-uusi.md" \
    "$SITE/content/uutiset/2018-05-02-siirretty.md"
step "a post renamed"

rm "$SITE/content/uutiset/2018-05-02-siirretty.md"
step "a post removed"

printf -- '---\ntitle: Päivä\nstart: 2018-06-10\nlocation: Oulu\n---\nTervetuloa.\n' \
    >"$SITE/content/tapahtumat/paiva.md"
step "an event added"

printf '\nLisää tietoa.\n' >>"$SITE/content/tapahtumat/messut.md"
step "an event edited"

printf '\n<!-- muutettu -->\n' >>"$SITE/themes/mini/templates/post.html"
step "a template edited"

sed -i 's/^paginate: 2/paginate: 1/' "$SITE/site.yaml"
step "site.yaml changed"

printf -- '---\ntitle: [rikki\n---\nTeksti.\n' >"$SITE/content/blogi/2018-04-01-rikki.md"
step "a file with an error"

printf -- '---\ntitle: Korjattu\n---\nTeksti.\n' >"$SITE/content/blogi/2018-04-01-rikki.md"
step "the error fixed"

stop a
