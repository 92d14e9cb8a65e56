#!/bin/sh
# The README's post-receive hook, for real: push to a bare repository,
# the web root appears; push a broken post, the web root stays as it was.
. tests/scripts/lib.sh
export GIT_AUTHOR_NAME=Testi GIT_AUTHOR_EMAIL=t@example.invalid
export GIT_COMMITTER_NAME=Testi GIT_COMMITTER_EMAIL=t@example.invalid
export GIT_CONFIG_NOSYSTEM=1 HOME="$TMP"
git init -q --bare -b main "$TMP/server.git"
cp docs/hooks/post-receive "$TMP/server.git/hooks/post-receive"
chmod +x "$TMP/server.git/hooks/post-receive"
cp -r tests/fixtures/basic "$TMP/work"
rm -rf "$TMP/work/expected" "$TMP/work/args"
cd "$TMP/work" || exit 1
git init -q -b main && git add -A && git commit -qm first
git remote add origin "$TMP/server.git"
export SAITTI SAITTI_WEBROOT="$TMP/www"
git push -q origin main 2>"$TMP/push.log"
check "hook: push builds the web root" [ -f "$TMP/www/index.html" ]
check "hook: the post is there" [ -f "$TMP/www/blogi/eka/index.html" ]
cp -r "$TMP/www" "$TMP/www.before"
printf -- '---\ntitle: Rikki\ndate: 31.2.2018\n---\nx\n' > content/blogi/rikki.md
git add -A && git commit -qm broken
git push -q origin main 2>"$TMP/push.log"
check "hook: a broken push reports the error" grep -q "content/blogi/rikki.md:3:7: error" "$TMP/push.log"
if diff -r "$TMP/www.before" "$TMP/www" >/dev/null; then
	pass "hook: a broken push leaves the web root as it was"
else
	fail "hook: a broken push leaves the web root as it was"
fi
git rm -q content/blogi/rikki.md && git commit -qm fixed
sed -i 's/Kolmas kirjoitus./Korjattu kirjoitus./' content/blogi/kolmas.md
git commit -qam edit
git push -q origin main 2>"$TMP/push.log"
check "hook: the next good push is built" grep -q Korjattu "$TMP/www/blogi/kolmas-oma/index.html"

# Issue 13: a web root built before saitti wrote its marker keeps
# building (the cache in the bare repository names it); a web root saitti
# did not build is refused, its files kept; a pushed cache_dir outside the
# repository is refused, nothing made there.
export LANGUAGE=en
rm "$TMP/www/.saitti-output"
sed -i 's/Korjattu kirjoitus./Taas korjattu./' content/blogi/kolmas.md
git commit -qam again
git push -q origin main 2>"$TMP/push.log"
check "hook: a web root built before the marker is built" grep -q "Taas korjattu" "$TMP/www/blogi/kolmas-oma/index.html"
check "hook: ...and gets the marker" [ -f "$TMP/www/.saitti-output" ]
mkdir "$TMP/other-www" && echo tärkeä >"$TMP/other-www/index.php"
echo x >>content/blogi/kolmas.md && git commit -qam x
SAITTI_WEBROOT="$TMP/other-www" git push -q origin main 2>"$TMP/push.log"
check "hook: a web root saitti did not build is refused" grep -q "$TMP/other-www: error: the output folder is not empty and saitti did not build it" "$TMP/push.log"
check "hook: ...its files kept" sh -c "[ \"\$(ls -A '$TMP/other-www')\" = index.php ]"
printf 'cache_dir: %s\n' "$TMP/pusher-cache" >>site.yaml
git commit -qam cache
git push -q origin main 2>"$TMP/push.log"
check "hook: a pushed cache_dir outside the repository is refused" grep -q "site.yaml:[0-9]*:12: error: 'cache_dir' must name a folder inside the repository" "$TMP/push.log"
check "hook: ...nothing made there" [ ! -e "$TMP/pusher-cache" ]
# The outside cache_dir is refused above; the site goes on without it.
sed -i "/^cache_dir:/d" site.yaml
git commit -qam "no cache_dir"
# An alias bomb in site.yaml (issue 13) is refused at once: the push does
# not stall (60 s is far above the fraction of a second it takes) and the
# web root stays.
cp -r "$TMP/www" "$TMP/www.bomb"
{
	echo "a0: &a0 [x, x, x, x, x, x, x, x, x]"
	for i in 1 2 3 4 5 6 7 8 9 10; do
		printf 'a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n' \
		    $i $i $((i - 1)) $((i - 1)) $((i - 1)) $((i - 1)) $((i - 1)) \
		    $((i - 1)) $((i - 1)) $((i - 1)) $((i - 1))
	done
} >>site.yaml
git commit -qam bomb
timeout 60 git push -q origin main 2>"$TMP/push.log"
check "hook: an alias bomb does not stall the push" [ $? != 124 ]
check "hook: an alias bomb is reported" grep -q "LIMIT_YAML_ALIAS_NODES" "$TMP/push.log"
if diff -r "$TMP/www.bomb" "$TMP/www" >/dev/null; then
	pass "hook: an alias bomb leaves the web root as it was"
else
	fail "hook: an alias bomb leaves the web root as it was"
fi
