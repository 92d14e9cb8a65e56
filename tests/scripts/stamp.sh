#!/bin/sh
# The build stamp (cli/stamp.h): a rebuild with nothing changed reads and
# writes nothing, tells the same warnings and leaves the same output; any
# change to what the build read, to its options, its output or the day
# makes a full build, whose output equals a build from scratch.
. tests/scripts/lib.sh
site="$TMP/site"
cp -r tests/fixtures/basic "$site"
rm -rf "$site/expected" "$site/args"
# Warnings from the front matter and from the Markdown.
cat >"$site/content/varoitus.md" <<'EOF'
---
title: Varoitus
tagz: [yksi]
---
### Liian syvä otsikko

Teksti.
EOF
out="$TMP/out"
cache="$TMP/cache"
NOW=2018-06-01
build() { "$SAITTI" build --source "$site" --out "$out" --cache "$cache" "$@"; }
same() { grep -q "nothing changed since the last build" "$1"; }
# fresh NAME [ARGS]: the output equals a build from scratch.
fresh() {
	name=$1; shift
	rm -rf "$TMP/scratch" "$TMP/scratch-cache"
	"$SAITTI" build --source "$site" --out "$TMP/scratch" \
	    --cache "$TMP/scratch-cache" --quiet "$@" 2>/dev/null
	if diff -r "$out" "$TMP/scratch" >"$TMP/diff" 2>&1; then
		pass "$name"
	else
		fail "$name" "$(head "$TMP/diff")"
	fi
}
# Files changed within the stamp's margin of a build's start leave no
# stamp (the build may have read them half-written): wait it out.
settle() { sleep 0.2; }

settle
build --now $NOW 2>"$TMP/first"
settle
build --now $NOW 2>"$TMP/second"
check "stamp: a build is stamped in the cache folder" \
    sh -c "ls '$cache' | grep -q '^stamp-'"
check "stamp: nothing changed: the summary says so" same "$TMP/second"
check "stamp: the first build did not say so" \
    sh -c "! grep -q 'nothing changed since' '$TMP/first'"
grep 'warning:' "$TMP/first" >"$TMP/w1"
grep 'warning:' "$TMP/second" >"$TMP/w2"
check "stamp: the fixture has warnings to tell" [ -s "$TMP/w1" ]
check "stamp: nothing changed: the same warnings, in the same order" \
    cmp "$TMP/w1" "$TMP/w2"
check "stamp: nothing changed: 0 changed" grep -q " 0 changed" "$TMP/second"
fresh "stamp: nothing changed: the output is a build from scratch's" --now $NOW
build --now $NOW --quiet 2>"$TMP/quiet"
check "stamp: --quiet reuses and prints nothing" [ ! -s "$TMP/quiet" ]
LANGUAGE=fi "$SAITTI" build --source "$site" --out "$out" --cache "$cache" \
    --now $NOW 2>"$TMP/fi"
check "stamp: another language of messages is a full build, in that language" \
    sh -c "grep -q 'sivusto koottu' '$TMP/fi' && ! grep -q 'ennallaan  mikään' '$TMP/fi'"
settle
LANGUAGE=fi "$SAITTI" build --source "$site" --out "$out" --cache "$cache" \
    --now $NOW 2>"$TMP/fi2"
grep 'warning:' "$TMP/fi" >"$TMP/fw1"
grep 'warning:' "$TMP/fi2" >"$TMP/fw2"
check "stamp: in Finnish: reused, with the same Finnish warnings" \
    sh -c "grep -q 'ennallaan  mikään' '$TMP/fi2' && [ -s '$TMP/fw1' ] && cmp '$TMP/fw1' '$TMP/fw2' && ! cmp -s '$TMP/fw1' '$TMP/w1'"

# Each change to an input: a full build, equal to one from scratch.
settle; build --now $NOW --quiet; settle
sed -i 's/Kolmas kirjoitus./Muokattu kirjoitus./' "$site/content/blogi/kolmas.md"
build --now $NOW 2>"$TMP/log"
check "stamp: an edited post: a full build" sh -c "! grep -q 'nothing changed' '$TMP/log'"
check "stamp: an edited post: the page shows the edit" \
    grep -q Muokattu "$out/blogi/kolmas-oma/index.html"
fresh "stamp: an edited post: equals a build from scratch" --now $NOW

# A build after an edit that finds the old stamp stale stamps the edited
# state with the digest its reuse test took (no second stat pass): the
# next build reuses it, and an edit after that is still seen.
settle; build --now $NOW --quiet; settle
sed -i 's/Muokattu kirjoitus./Muokattu kerran./' "$site/content/blogi/kolmas.md"
settle
build --now $NOW --quiet
settle
build --now $NOW 2>"$TMP/log"
check "stamp: after an edit, the rebuild's stamp is reused" same "$TMP/log"
check "stamp: that reuse keeps the edit" \
    grep -q "Muokattu kerran" "$out/blogi/kolmas-oma/index.html"
sed -i 's/Muokattu kerran./Muokattu kirjoitus./' "$site/content/blogi/kolmas.md"
settle
build --now $NOW 2>"$TMP/log"
check "stamp: and the edit after it is a full build" \
    sh -c "! grep -q 'nothing changed' '$TMP/log'"
fresh "stamp: which equals a build from scratch" --now $NOW

# A build right after an edit keeps no stamp (stamp_commit knows from
# what the build read, without a second stat pass); the next build is a
# full one and stamps again.
settle; build --now $NOW --quiet; settle
rm -f "$cache"/stamp-*
sed -i 's/Muokattu kirjoitus./Muokattu taas./' "$site/content/blogi/kolmas.md"
# Dated 2 s ahead, so that the build counts as "just after" however slow
# its start (a sanitizer build's is).
touch -d "@$(($(date +%s) + 2))" "$site/content/blogi/kolmas.md"
build --now $NOW --quiet
check "stamp: a build just after an edit keeps no stamp" \
    sh -c "! ls '$cache' | grep -q '^stamp-'"
sleep 2.5
build --now $NOW 2>"$TMP/log"
check "stamp: after a build just after an edit: a full build" \
    sh -c "! grep -q 'nothing changed' '$TMP/log'"
check "stamp: that build is stamped" sh -c "ls '$cache' | grep -q '^stamp-'"
fresh "stamp: after an unstamped build: equals a build from scratch" --now $NOW

settle; build --now $NOW --quiet; settle
touch "$site/content/tietoa.md"
build --now $NOW 2>"$TMP/log"
check "stamp: a touched file: a full build" sh -c "! grep -q 'nothing changed' '$TMP/log'"

settle; build --now $NOW --quiet; settle
cat >"$site/content/uusi.md" <<'EOF'
---
title: Uusi sivu
---
Uusi sivu tuli.
EOF
build --now $NOW 2>"$TMP/log"
check "stamp: a new file: its page is made" test -f "$out/uusi/index.html"
fresh "stamp: a new file: equals a build from scratch" --now $NOW

settle; build --now $NOW --quiet; settle
rm "$site/content/uusi.md"
build --now $NOW --quiet
check "stamp: a removed file: its page is gone" test ! -e "$out/uusi/index.html"
fresh "stamp: a removed file: equals a build from scratch" --now $NOW

settle; build --now $NOW --quiet; settle
printf '\n/* muutos */\n' >>"$site/themes/mini/static/style.css"
build --now $NOW --quiet
fresh "stamp: a changed theme file: equals a build from scratch" --now $NOW
settle; build --now $NOW --quiet; settle
printf '{{! muutos }}\n' >>"$site/themes/mini/templates/home.html"
build --now $NOW 2>"$TMP/log"
check "stamp: a template changed only in a comment: a full build" \
    sh -c "! grep -q 'nothing changed' '$TMP/log'"

settle; build --now $NOW --quiet; settle
sed -i 's/^title: .*/title: "Toinen nimi"/' "$site/site.yaml"
build --now $NOW 2>"$TMP/log"
check "stamp: a changed site.yaml: a full build" sh -c "! grep -q 'nothing changed' '$TMP/log'"
fresh "stamp: a changed site.yaml: equals a build from scratch" --now $NOW

# The output: a file removed or changed by hand is made again.
settle; build --now $NOW --quiet; settle
rm "$out/tietoa/index.html"
build --now $NOW --quiet
check "stamp: an output file removed by hand is made again" test -f "$out/tietoa/index.html"
echo rikki >"$out/blogi/kolmas-oma/index.html"
build --now $NOW --quiet
fresh "stamp: an output file changed by hand is made again" --now $NOW
# A build that finds its stamp stale trusts the output folder only when
# the stamp's test found every file there as written: with one changed by
# hand (same size, so only its time tells) and an input edited, both are
# made again.
settle; build --now $NOW --quiet; settle
f="$out/tietoa/index.html"
sed -i 's/</>/' "$f"
sed -i 's/Kolmas kirjoitus./Kolmas kirjoitus!/' "$site/content/blogi/kolmas.md"
settle
build --now $NOW --quiet
fresh "stamp: a stale stamp, an output changed by hand: made again" --now $NOW
# And with every output as written, the trusted folder still gets the
# edit (and only it).
settle; build --now $NOW --quiet; settle
sed -i 's/Kolmas kirjoitus!/Kolmas kirjoitus./' "$site/content/blogi/kolmas.md"
settle
build --now $NOW 2>"$TMP/log"
check "stamp: a stale stamp, outputs as written: a full build" \
    sh -c "! grep -q 'nothing changed' '$TMP/log'"
fresh "stamp: ...which equals a build from scratch" --now $NOW
# A bigger site, an input edited and the manifest's last file changed by
# hand (same size): the walk that finds the edit stops the stamp's check
# of the outputs (here after its first chunk), and the build checks the
# rest itself (lastbuild_known).
big="$TMP/big"
python3 "$TOP/bench/corpus.py" --posts 1500 --events 30 "$big" >/dev/null 2>&1
bout="$TMP/big-out"; bcache="$TMP/big-cache"
bbuild() { "$SAITTI" build --source "$big" --out "$bout" --cache "$bcache" \
    --now $NOW --quiet "$@" 2>/dev/null; }
settle; bbuild; settle; bbuild; settle
last=$(python3 - "$bcache" <<'PY'
import glob, struct, sys
m = open(glob.glob(sys.argv[1] + '/output-*')[0], 'rb').read()
nl = m.index(b'\n'); off = nl + 1; path = None
for _ in range(int(m[:nl].split()[4])):
    plen = struct.unpack_from('=Q', m, off + 56)[0]
    path = m[off + 64:off + 64 + plen].decode(); off += 64 + plen + 1
print(path)
PY
)
check "stamp: the big site's manifest names its last file" test -f "$bout/$last"
sed -i '1s/./#/' "$bout/$last"
post=$(ls "$big"/content/blogi/*/*.md | head -n 1)
printf '\nLisätty kappale.\n' >>"$post"
settle
SAITTI_DEBUG_STAMP=halt "$SAITTI" build --source "$big" --out "$bout" \
    --cache "$bcache" --now $NOW --quiet 2>"$TMP/blog"
check "stamp: the walk that found the edit stopped the outputs' check" \
    grep -q "^saitti: stamp: outputs checked: 256 of" "$TMP/blog"
rm -rf "$TMP/big-scratch"
"$SAITTI" build --source "$big" --out "$TMP/big-scratch" --cache "$TMP/big-sc" \
    --now $NOW --quiet 2>/dev/null
if diff -r "$bout" "$TMP/big-scratch" >"$TMP/diff" 2>&1; then
	pass "stamp: a big site, an edit and a file changed by hand: equals a build from scratch"
else
	fail "stamp: a big site, an edit and a file changed by hand: equals a build from scratch" "$(head "$TMP/diff")"
fi

# Options.
settle; build --now $NOW --quiet; settle
build --now $NOW --drafts 2>"$TMP/log"
check "stamp: --drafts: a full build" sh -c "! grep -q 'nothing changed' '$TMP/log'"
fresh "stamp: --drafts: equals a build from scratch" --now $NOW --drafts
settle
build --now $NOW --base-url https://toinen.example/ 2>"$TMP/log"
check "stamp: --base-url: a full build" sh -c "! grep -q 'nothing changed' '$TMP/log'"
fresh "stamp: --base-url: equals a build from scratch" --now $NOW --base-url https://toinen.example/
# Another key and an edited post at once: the reuse test walks the inputs
# before it compares the key, and the build's stamp takes that walk's
# digest; the next build with the same options is reused, as it should.
settle
printf '\nLisätty kappale.\n' >>"$site/content/varoitus.md"
settle
build --now $NOW --drafts 2>"$TMP/log"
check "stamp: another key and an edit: a full build" \
    sh -c "! grep -q 'nothing changed' '$TMP/log'"
settle
build --now $NOW --drafts 2>"$TMP/log"
check "stamp: another key and an edit: the next build is reused" same "$TMP/log"
fresh "stamp: another key and an edit: equals a build from scratch" --now $NOW --drafts

# The day: a later --now before the next change keeps the output; one at
# or after it builds (the site's next change comes from --next-change).
settle; build --now $NOW --quiet; settle
next=$("$SAITTI" build --source "$site" --out "$out" --now $NOW --next-change)
build --now 2018-06-01T12:00:00+03:00 2>"$TMP/log"
check "stamp: a --now with a time is another build" sh -c "! grep -q 'nothing changed' '$TMP/log'"
settle; build --now $NOW --quiet; settle
if [ -n "$next" ]; then
	build --now "$next" 2>"$TMP/log"
	check "stamp: --now at the next change: a full build" \
	    sh -c "! grep -q 'nothing changed' '$TMP/log'"
	fresh "stamp: --now at the next change: equals a build from scratch" --now "$next"
else
	fail "stamp: the fixture has a next change" "--next-change printed nothing"
fi
settle; build --now 2018-05-01 --quiet; settle
build --now 2018-04-01 2>"$TMP/log"
check "stamp: an earlier --now: a full build" sh -c "! grep -q 'nothing changed' '$TMP/log'"

# A damaged or foreign stamp is ignored, and replaced.
settle; build --now $NOW --quiet; settle
for f in "$cache"/stamp-*; do printf 'x' | dd of="$f" bs=1 seek=20 conv=notrunc 2>/dev/null; done
build --now $NOW 2>"$TMP/log"
check "stamp: a damaged stamp: a full build" sh -c "! grep -q 'nothing changed' '$TMP/log'"
fresh "stamp: a damaged stamp: equals a build from scratch" --now $NOW
settle
for f in "$cache"/stamp-*; do head -c 100 "$f" >"$f.cut" && mv "$f.cut" "$f"; done
build --now $NOW --quiet
check "stamp: a cut stamp: the build still succeeds" test -f "$out/index.html"

# A failed build leaves no stamp: the output stays the last good one, and
# the next good build checks everything again.
settle; build --now $NOW --quiet; settle
cp "$site/content/tietoa.md" "$TMP/tietoa.md"
printf -- '---\ntitle: [rikki\n---\n' >"$site/content/tietoa.md"
build --now $NOW --quiet 2>/dev/null
check "stamp: a failed build: no stamp is left" \
    sh -c "! ls '$cache' | grep -q '^stamp-'"
cp "$TMP/tietoa.md" "$site/content/tietoa.md"
build --now $NOW --quiet
fresh "stamp: after a failed build: equals a build from scratch" --now $NOW

# A link put where a file was is refused, not taken for the file.
settle; build --now $NOW --quiet; settle
mv "$site/content/tietoa.md" "$TMP/tietoa-real.md"
ln -s "$TMP/tietoa-real.md" "$site/content/tietoa.md"
build --now $NOW 2>"$TMP/log"
check "stamp: a file turned into a link: the build refuses it" \
    grep -q "symbolic link" "$TMP/log"
rm "$site/content/tietoa.md"; mv "$TMP/tietoa-real.md" "$site/content/tietoa.md"

# Another output folder has a stamp of its own.
settle; build --now $NOW --quiet; settle
"$SAITTI" build --source "$site" --out "$TMP/out2" --cache "$cache" --now $NOW 2>"$TMP/log"
check "stamp: another output folder: a full build" \
    sh -c "! grep -q 'nothing changed' '$TMP/log' && test -f '$TMP/out2/index.html'"

# A git repository: a new commit is another build (history follows HEAD).
g="$TMP/git"
cp -r "$site" "$g"
git -C "$g" init -q && git -C "$g" add -A &&
    git -C "$g" -c user.name=T -c user.email=t@example.invalid commit -qm 1
settle
"$SAITTI" build --source "$g" --out "$TMP/gout" --cache "$TMP/gcache" --now $NOW --quiet
settle
"$SAITTI" build --source "$g" --out "$TMP/gout" --cache "$TMP/gcache" --now $NOW 2>"$TMP/log"
check "stamp: git: nothing changed: reused" same "$TMP/log"
git -C "$g" -c user.name=T -c user.email=t@example.invalid commit -q --allow-empty -m 2
"$SAITTI" build --source "$g" --out "$TMP/gout" --cache "$TMP/gcache" --now $NOW 2>"$TMP/log"
check "stamp: git: a new commit: a full build" sh -c "! grep -q 'nothing changed' '$TMP/log'"

# The day moves on: the output at any day before the next change is the
# output of a build made that day. For each pair of days (a, b) with b
# before a's next change, a build at a then one at b reuses the output,
# and it equals a build from scratch at b. On the events fixture (event
# days, registration deadlines, "today" and "tomorrow" labels) and the
# basic one.
# The zone's rules (TZDIR, where the C library reads them): the stamp,
# and the parse cache's dates (model/postrecord), hold the rules they were
# made in, not only the zone's name.
zi="$TMP/zoneinfo"
mkdir -p "$zi/Europe"
cp /usr/share/zoneinfo/Europe/Helsinki "$zi/Europe/Helsinki"
export TZDIR="$zi"
settle
build --now $NOW --quiet
settle
build --now $NOW 2>"$TMP/z1"
check "stamp: the same zone's rules: reused" same "$TMP/z1"
# Europe/Helsinki moved to Tokyo's offsets.
cp /usr/share/zoneinfo/Asia/Tokyo "$zi/Europe/Helsinki"
settle
build --now $NOW 2>"$TMP/z2"
check "stamp: the zone's rules changed: not reused" sh -c "! grep -q 'nothing changed since the last build' '$TMP/z2'"
check "stamp: ...and a page shows a time in the new rules" \
    grep -rq '+09:00' "$out"
fresh "stamp: ...as a build from scratch does" --now $NOW
unset TZDIR

for fx in events basic; do
	site="$TMP/day-$fx"
	cp -r "tests/fixtures/$fx" "$site"
	rm -rf "$site/expected" "$site/args"
	settle
	out="$TMP/day-out-$fx"
	cache="$TMP/day-cache-$fx"
	reused=0 tried=0
	for a in 2018-01-15 2018-03-01 2018-05-30 2018-06-01 2018-06-14 2018-09-01; do
		for step in 1 2 7 30; do
			b=$(date -d "$a + $step days" +%Y-%m-%d)
			next=$("$SAITTI" build --source "$site" --out "$out" --now "$a" --next-change)
			# ISO dates compare as strings (b's midnight must come
			# before the next change); no next change: any day.
			[ -z "$next" ] || [ "$b" \< "${next%%T*}" ] || continue
			tried=$((tried + 1))
			build --now "$a" --quiet; settle
			build --now "$b" 2>"$TMP/log"
			same "$TMP/log" && reused=$((reused + 1))
			fresh "stamp: $fx: built at $a, reused at $b: a build from scratch at $b's" --now "$b"
		done
	done
	check "stamp: $fx: some later days are before the next change" [ "$tried" -gt 0 ]
	check "stamp: $fx: every day before the next change reused the output ($reused of $tried)" [ "$reused" = "$tried" ]
done
