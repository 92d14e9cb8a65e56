#!/bin/sh
# bench/floor.c, the floor program `make bench` divides the full build by
# (issue 17): it builds with the project's warnings, reads every input and
# writes files of exactly the listed paths and sizes, and never writes
# outside its output folder. No timing here: speed lives in `make bench`.
. "$(dirname "$0")/lib.sh"

FLOOR=$TMP/floor
if ${CC:-cc} -std=c11 -Wall -Wextra -Wpedantic -Werror -O2 \
    -o "$FLOOR" "$TOP/bench/floor.c" -lpthread 2>"$TMP/cc.err"; then
	pass "floor builds with -std=c11 -Wall -Wextra -Wpedantic -Werror"
else
	fail "floor builds with -std=c11 -Wall -Wextra -Wpedantic -Werror" "$(cat "$TMP/cc.err")"
	exit 0
fi

S=$TMP/site
mkdir -p "$S/content/blogi/2018" "$S/themes/default/templates" "$S/other"
printf 'title: x\n' >"$S/site.yaml"
printf -- '---\ntitle: a\n---\nTeksti.\n' >"$S/content/blogi/2018/a.md"
printf '<p>{{title}}</p>\n' >"$S/themes/default/templates/page.html"
printf 'not an input\n' >"$S/other/skip.txt"

# Nested folders, an empty file, one larger than the floor's buffer, a
# name with a space.
cat >"$TMP/list" <<'EOF'
index.html 1234
blogi/2018/a/index.html 0
blogi/index.html 200001
tags/two words/index.html 17
feed.xml 5
EOF
O=$TMP/out
"$FLOOR" "$S" "$TMP/list" "$O" >"$TMP/floor.out" 2>&1
rc=$?
if [ "$rc" = 0 ] && (cd "$O" && find . -type f -printf '%P %s\n' | sort) >"$TMP/got" &&
    sort "$TMP/list" | cmp -s - "$TMP/got"; then
	pass "floor writes the listed paths with the listed sizes"
else
	fail "floor writes the listed paths with the listed sizes" "rc=$rc $(cat "$TMP/floor.out" "$TMP/got" 2>/dev/null)"
fi
if grep -q '^floor: read 3 files (.*), wrote 5 files (201257 bytes), 2 threads$' "$TMP/floor.out"; then
	pass "floor reads site.yaml, content/ and themes/ only, on two threads"
else
	fail "floor reads site.yaml, content/ and themes/ only, on two threads" "$(cat "$TMP/floor.out")"
fi

# Again into the same folder: files are overwritten to the listed size.
printf 'index.html 3\n' >"$TMP/list2"
if "$FLOOR" "$S" "$TMP/list2" "$O" >/dev/null 2>&1 && [ "$(wc -c <"$O/index.html")" = 3 ]; then
	pass "floor overwrites an existing file to the listed size"
else
	fail "floor overwrites an existing file to the listed size"
fi

for bad in '../escape.html 3' '/tmp/abs.html 3' 'a//b.html 3' 'index.html' 'index.html x'; do
	printf '%s\n' "$bad" >"$TMP/bad"
	rm -rf "$TMP/o2"
	"$FLOOR" "$S" "$TMP/bad" "$TMP/o2" 2>"$TMP/bad.err"
	rc=$?
	if [ "$rc" = 1 ] && [ ! -e "$TMP/o2" ] && [ ! -e "$TMP/escape.html" ] &&
	    grep -q 'not "RELATIVE-PATH SIZE" inside the output folder' "$TMP/bad.err"; then
		pass "floor refuses the list line '$bad' and writes nothing"
	else
		fail "floor refuses the list line '$bad' and writes nothing" "rc=$rc $(cat "$TMP/bad.err")"
	fi
done

"$FLOOR" "$S" "$TMP/list" >/dev/null 2>&1
rc=$?
if [ "$rc" = 2 ]; then pass "floor: wrong usage exits 2"; else fail "floor: wrong usage exits 2" "rc=$rc"; fi
"$FLOOR" "$TMP/none" "$TMP/list" "$TMP/o3" >/dev/null 2>&1
rc=$?
if [ "$rc" = 1 ] && [ ! -e "$TMP/o3" ]; then
	pass "floor: a missing source folder exits 1"
else
	fail "floor: a missing source folder exits 1" "rc=$rc"
fi
