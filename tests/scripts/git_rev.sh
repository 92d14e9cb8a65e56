#!/bin/sh
# --rev reads site.yaml, content and theme from a commit through libgit2,
# also in a bare repository, and gives the same bytes as building a
# checkout of that commit.
. tests/scripts/lib.sh
export GIT_AUTHOR_NAME=Testi GIT_AUTHOR_EMAIL=t@example.invalid
export GIT_COMMITTER_NAME=Testi GIT_COMMITTER_EMAIL=t@example.invalid
export GIT_AUTHOR_DATE="2018-01-01T12:00:00+02:00" GIT_COMMITTER_DATE="2018-01-01T12:00:00+02:00"
export GIT_CONFIG_NOSYSTEM=1 HOME="$TMP"
repo="$TMP/repo"
cp -r tests/fixtures/basic "$repo"
rm -rf "$repo/expected" "$repo/args"
(cd "$repo" && git init -q -b main && git add -A && git commit -qm first) || { fail "git_rev: make repository"; exit 0; }
first=$(git -C "$repo" rev-parse HEAD)
# A second commit changes a post, so --rev of the first must not see it.
sed -i 's/Kolmas kirjoitus./Muutettu kirjoitus./' "$repo/content/blogi/kolmas.md"
(cd "$repo" && git commit -qam second)
git clone -q --bare "$repo" "$TMP/bare.git"
git clone -q "$repo" "$TMP/checkout" && git -C "$TMP/checkout" checkout -q "$first"

"$SAITTI" build --source "$TMP/checkout" --out "$TMP/wt" --now 2018-06-01 --quiet
if "$SAITTI" build --source "$TMP/bare.git" --rev "$first" --out "$TMP/rev" --now 2018-06-01 --quiet; then
	pass "git_rev: build from a bare repository"
else
	fail "git_rev: build from a bare repository"
fi
if d=$(diff -r "$TMP/wt" "$TMP/rev" 2>&1); then
	pass "git_rev: --rev output equals the checkout's"
else
	fail "git_rev: --rev output equals the checkout's" "$d"
fi
"$SAITTI" build --source "$TMP/bare.git" --rev main --out "$TMP/main" --now 2018-06-01 --quiet
check "git_rev: --rev main sees the second commit" grep -q "Muutettu" "$TMP/main/blogi/kolmas-oma/index.html"
check "git_rev: --rev first does not" sh -c "! grep -q Muutettu '$TMP/rev/blogi/kolmas-oma/index.html'"

# A revision that does not exist: exit 1, a clear message, output kept.
"$SAITTI" build --source "$TMP/bare.git" --rev nosuch --out "$TMP/rev" --now 2018-06-01 2>"$TMP/err"
rc=$?
check "git_rev: unknown revision exits 1" [ "$rc" -eq 1 ]
check "git_rev: unknown revision is named" grep -q "no revision 'nosuch'" "$TMP/err"
check "git_rev: previous output survives" [ -f "$TMP/rev/index.html" ]
"$SAITTI" build --source "$TMP/nowhere" --rev main --out "$TMP/x" 2>"$TMP/err"
check "git_rev: not a repository exits 1" [ $? -eq 1 ]
