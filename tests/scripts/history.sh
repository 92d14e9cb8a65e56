#!/bin/sh
# Dates, authors and feed ids from git history, and the history cache.
# Makes repositories with known histories (fixed names and dates; no
# global git configuration) and checks every date, author and cache
# decision in the built pages.
. tests/scripts/lib.sh
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null HOME="$TMP"
unset SAITTI_CACHE GIT_DIR GIT_WORK_TREE
NOW=2018-06-01
repo="$TMP/repo"

# commit WHO DATE git-commit-arguments...
commit() {
	who=$1 when=$2
	shift 2
	GIT_AUTHOR_DATE="$when" GIT_COMMITTER_DATE="$when" \
	    git -C "$repo" -c user.name="$who" -c user.email=x@example.invalid \
	    -c commit.gpgsign=false commit -q "$@"
}
post() {   # post FILE TITLE [front matter lines...]
	f="$repo/content/$1" t=$2
	shift 2
	mkdir -p "$(dirname "$f")"
	{ echo "---"; echo "title: \"$t\""; for l in "$@"; do echo "$l"; done
	  echo "---"; echo; echo "Teksti: $t."; } >"$f"
}
build() {   # build OUT [saitti arguments...]: stderr in $TMP/err
	out=$1
	shift
	"$SAITTI" build --out "$out" --now "$NOW" --jobs 2 "$@" 2>"$TMP/err"
}
page() { cat "$1/$2/index.html" 2>/dev/null; }
# has NAME FILE TEXT: the built file contains TEXT.
has() {
	if grep -qF -- "$3" "$2" 2>/dev/null; then pass "$1"
	else fail "$1" "want: $3
in $2: $(grep -o '"datePublished[^}]*' "$2" 2>/dev/null | head -n 3)"; fi
}
hasnt() {
	if grep -qF -- "$3" "$2" 2>/dev/null; then fail "$1" "unwanted: $3"
	else pass "$1"; fi
}

mkdir -p "$repo/themes" "$repo/content/blogi"
cp -r "$TOP/themes/default" "$repo/themes/default"
# git_authors: names from git are shown only when asked (privacy.sh
# tests the default, which shows none).
cat >"$repo/site.yaml" <<'EOF'
title: "Historiatesti"
base_url: "https://example.fi/"
git_authors: true
EOF
post index.md Etusivu
post saavutettavuusseloste.md Saavutettavuusseloste
git -C "$repo" init -q -b main || { fail "history: git init"; exit 0; }
git -C "$repo" add -A
commit "Perustaja" "2018-01-02T09:00:00+02:00" -m "Sivusto"

# A post without a date or author, edited later.
post blogi/eka.md Eka
git -C "$repo" add -A
commit "Äijö Åkerlund" "2018-03-01T10:00:00+02:00" -m "Eka"
echo "Lisäys." >>"$repo/content/blogi/eka.md"
commit "Bertta" "2018-04-02T12:00:00+03:00" -am "Eka muuttui"

# Front matter wins over history.
post blogi/toka.md Toka "date: 2017-12-24" "author: Oma Nimi"
post blogi/kolmas.md Kolmas "updated: 2018-05-20"
git -C "$repo" add -A
commit "Carl" "2018-03-03T08:00:00+02:00" -m "Toka ja kolmas"
echo "Korjaus." >>"$repo/content/blogi/toka.md"
echo "Korjaus." >>"$repo/content/blogi/kolmas.md"
commit "Carl" "2018-04-05T08:00:00+03:00" -am "Korjauksia"

# Finnish letters and spaces in the file name.
post "blogi/äiti ja öljy å.md" Ääkköset
git -C "$repo" add -A
commit "Åsa" "2018-03-05T14:30:00+02:00" -m "Ääkköset"

# A post that will move to another section and slug.
post blogi/siirrettava.md Siirrettävä
git -C "$repo" add -A
commit "Carl" "2018-03-10T10:00:00+02:00" -m "Siirrettävä"

# A merge: the post was written on a branch by someone else.
git -C "$repo" checkout -q -b haara
post blogi/haarasta.md Haarasta
git -C "$repo" add -A
commit "Haara Henkilö" "2018-04-10T10:00:00+03:00" -m "Haarasta"
git -C "$repo" checkout -q main
post sivu.md Sivu
git -C "$repo" add -A
commit "Carl" "2018-04-11T10:00:00+03:00" -m "Sivu"
GIT_AUTHOR_DATE="2018-04-12T10:00:00+03:00" \
    GIT_COMMITTER_DATE="2018-04-12T10:00:00+03:00" \
    git -C "$repo" -c user.name=Yhdistäjä -c user.email=y@example.invalid \
    merge -q --no-ff -m "Yhdistä haara" haara || fail "history: merge"

if build "$TMP/o1" --source "$repo"; then pass "history: build"
else fail "history: build" "$(cat "$TMP/err")"; fi
p="$TMP/o1/blogi/eka/index.html"
has "history: date from the adding commit" "$p" \
    '"datePublished":"2018-03-01T10:00:00+02:00"'
has "history: updated from the last change" "$p" \
    '"dateModified":"2018-04-02T12:00:00+03:00"'
has "history: updated is shown" "$p" 'class="updated"'
has "history: author from the adding commit" "$p" '"name":"Äijö Åkerlund"'
p="$TMP/o1/blogi/toka/index.html"
has "history: front matter date wins" "$p" '"datePublished":"2017-12-24"'
has "history: front matter author wins" "$p" '"name":"Oma Nimi"'
has "history: updated after a front matter date" "$p" \
    '"dateModified":"2018-04-05T08:00:00+03:00"'
has "history: front matter updated wins" "$TMP/o1/blogi/kolmas/index.html" \
    '"dateModified":"2018-05-20"'
has "history: ä, ö, å and spaces in a file name" \
    "$TMP/o1/blogi/aiti-ja-oljy-a/index.html" \
    '"datePublished":"2018-03-05T14:30:00+02:00"'
p="$TMP/o1/blogi/haarasta/index.html"
has "history: a merged branch's post keeps its own date" "$p" \
    '"datePublished":"2018-04-10T10:00:00+03:00"'
has "history: and its author, not the merger's" "$p" '"name":"Haara Henkilö"'
hasnt "history: a post edited once has no updated" \
    "$TMP/o1/blogi/siirrettava/index.html" 'class="updated"'
check "history: no warnings in a clean working tree" \
    sh -c "! grep -q warning '$TMP/err'"
guid_before=$(grep -o '<guid[^>]*>[^<]*siirrettava</guid>' "$TMP/o1/rss.xml")
check "history: the feed names the post" [ -n "$guid_before" ]

# A move to another folder and slug keeps the first date and feed id.
mkdir -p "$repo/content/uutiset"
git -C "$repo" mv content/blogi/siirrettava.md content/uutiset/siirretty.md
commit "Carl" "2018-05-01T10:00:00+03:00" -m "Siirto"
build "$TMP/o2" --source "$repo"
p="$TMP/o2/uutiset/siirretty/index.html"
has "history: a moved post keeps its first date" "$p" \
    '"datePublished":"2018-03-10T10:00:00+02:00"'
hasnt "history: a pure move is not an update" "$p" 'class="updated"'
if [ -n "$guid_before" ] && grep -qF "$guid_before" "$TMP/o2/rss.xml"; then
	pass "history: a moved post keeps its feed id"
else
	fail "history: a moved post keeps its feed id" \
	    "before: $guid_before
after: $(grep -o '<guid[^>]*>[^<]*siirr[^<]*</guid>' "$TMP/o2/rss.xml")"
fi
cp "$repo/.saitti-cache/history" "$TMP/cache-after-move"

# --rev in a bare clone: the same bytes as the working tree.
git clone -q --bare "$repo" "$TMP/bare.git"
build "$TMP/rev" --source "$TMP/bare.git" --rev main
if d=$(diff -r "$TMP/o2" "$TMP/rev" 2>&1); then
	pass "history: --rev in a bare clone = the working tree"
else
	fail "history: --rev in a bare clone = the working tree" "$d"
fi
check "history: a bare repository keeps its cache inside" \
    [ -f "$TMP/bare.git/.saitti-cache/history" ]

# Uncommitted changes: an edit is updated --now; a new post is dated
# --now with a warning.
echo "Keskeneräinen lisäys." >>"$repo/content/blogi/eka.md"
post blogi/uusi.md Uusi
build "$TMP/o3" --source "$repo"
has "history: an uncommitted edit is updated --now" \
    "$TMP/o3/blogi/eka/index.html" '"dateModified":"2018-06-01"'
has "history: an uncommitted post is dated --now" \
    "$TMP/o3/blogi/uusi/index.html" '"datePublished":"2018-06-01"'
has "history: and the build warns about it" "$TMP/err" \
    "content/blogi/uusi.md: warning: post has no date and is not committed yet; dated --now"
git -C "$repo" checkout -q -- content/blogi/eka.md
rm -f "$repo/content/blogi/uusi.md"

# A shallow clone: history is cut, the build says so once.
git clone -q --depth 1 "file://$repo" "$TMP/shallow"
build "$TMP/sh" --source "$TMP/shallow"
n=$(grep -c "shallow clone" "$TMP/err")
check "history: a shallow clone warns once" [ "$n" -eq 1 ]
has "history: a shallow clone uses what it has" \
    "$TMP/sh/blogi/eka/index.html" '"datePublished":"2018-05-01T10:00:00+03:00"'
has "history: front matter dates survive a shallow clone" \
    "$TMP/sh/blogi/toka/index.html" '"datePublished":"2017-12-24"'

# The cache: an unchanged head reads it and leaves it alone.
cache="$repo/.saitti-cache/history"
check "history: the cache ignores itself in git" \
    grep -qx '\*' "$repo/.saitti-cache/.gitignore"
check "history: git status stays clean" \
    sh -c "[ -z \"\$(git -C '$repo' status --porcelain)\" ]"
stamp=$(stat -c '%i %y' "$cache")
build "$TMP/o4" --source "$repo"
check "history: an unchanged head does not rewrite the cache" \
    [ "$(stat -c '%i %y' "$cache")" = "$stamp" ]
check "history: same output from the cache" diff -r "$TMP/o2" "$TMP/o4"

# A new commit is read on top of the cache.
head1=$(git -C "$repo" rev-parse HEAD)
post blogi/viides.md Viides
git -C "$repo" add -A
commit "Carl" "2018-05-10T10:00:00+03:00" -m "Viides"
build "$TMP/o5" --source "$repo"
check "history: the cache grows by the new commit only" \
    grep -qx "from $head1" "$cache"
check "history: one commit read" grep -qx "walked 1" "$cache"
SAITTI_CACHE="$TMP/fresh1" build "$TMP/o5-fresh" --source "$repo"
check "history: a fresh cache gives the same output" \
    diff -r "$TMP/o5" "$TMP/o5-fresh"
check "history: SAITTI_CACHE is where the cache goes" \
    [ -f "$TMP/fresh1/history" ]

# A force-push: the cached head is no longer an ancestor.
git -C "$repo" reset -q --hard "$head1"
post blogi/viides.md "Viides, uusi versio"
git -C "$repo" add -A
commit "Daavid" "2018-05-11T10:00:00+03:00" -m "Viides uudestaan"
build "$TMP/o6" --source "$repo"
check "history: after a force-push the cache is made again" \
    grep -qx "from -" "$cache"
has "history: with the rewritten commit's author" \
    "$TMP/o6/blogi/viides/index.html" '"name":"Daavid"'
check "history: no warning for a force-push" \
    sh -c "! grep -q warning '$TMP/err'"
SAITTI_CACHE="$TMP/fresh2" build "$TMP/o6-fresh" --source "$repo"
check "history: same output as without the cache" \
    diff -r "$TMP/o6" "$TMP/o6-fresh"

# A damaged cache: a warning, then correct output and a good cache.
size=$(stat -c %s "$cache")
printf 'XXXX' | dd of="$cache" bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
build "$TMP/o7" --source "$repo"
has "history: a damaged cache is reported" "$TMP/err" \
    "history: warning: the history cache is damaged"
check "history: and its output is right" diff -r "$TMP/o6" "$TMP/o7"
check "history: and the cache is made again" grep -qx "from -" "$cache"
truncate -s $((size / 3)) "$cache"
build "$TMP/o8" --source "$repo"
has "history: a truncated cache is reported" "$TMP/err" "warning: the history cache is"
check "history: and its output is right too" diff -r "$TMP/o6" "$TMP/o8"

# site.yaml's cache_dir, and git_info: false turning history off.
echo "cache_dir: .oma-valimuisti" >>"$repo/site.yaml"
build "$TMP/o9" --source "$repo"
check "history: cache_dir is where the cache goes" \
    [ -f "$repo/.oma-valimuisti/history" ]
echo "git_info: false" >>"$repo/site.yaml"
build "$TMP/o10" --source "$repo"
has "history: git_info: false turns history off" "$TMP/err" \
    "content/blogi/eka.md:1:1: error: post has no date"
exit 0
