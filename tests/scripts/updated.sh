#!/bin/sh
# "Päivitetty" (updated) from git only for edits a reader can see (issue
# 14, part 3; the rule is parse/visible.h): whitespace, Markdown
# reformatting and front-matter-only edits of unseen keys or quoting make
# no updated date; a changed sentence does.
. tests/scripts/lib.sh
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null HOME="$TMP"
unset SAITTI_CACHE GIT_DIR GIT_WORK_TREE
NOW=2018-06-01
repo="$TMP/repo"
commit() {   # commit DATE git-commit-arguments...
	when=$1
	shift
	GIT_AUTHOR_DATE="$when" GIT_COMMITTER_DATE="$when" \
	    git -C "$repo" -c user.name=Toimitus -c user.email=t@example.invalid \
	    -c commit.gpgsign=false commit -q "$@"
}
build() {   # build OUT
	"$SAITTI" build --source "$repo" --out "$1" --now "$NOW" 2>"$TMP/err"
}
has() {
	if grep -qF -- "$3" "$2" 2>/dev/null; then pass "$1"
	else fail "$1" "want: $3
got: $(grep -o '"dateModified":"[^"]*"' "$2")"; fi
}
hasnt() {
	if grep -qF -- "$3" "$2" 2>/dev/null; then fail "$1" "unwanted: $3"
	else pass "$1"; fi
}

mkdir -p "$repo/themes" "$repo/content/blogi"
cp -r "$TOP/themes/default" "$repo/themes/default"
printf 'title: "Päivitystesti"\nbase_url: "https://example.fi/"\nauthor: "Toimitus"\n' >"$repo/site.yaml"
printf -- '---\ntitle: Etusivu\n---\n' >"$repo/content/index.md"
f="$repo/content/blogi/kirjoitus.md"
cat >"$f" <<'EOF'
---
title: Kirjoitus
tags: [perhekeskus]
---
Ensimmäinen kappale, jossa on *korostus*.

Toinen kappale.
EOF
git -C "$repo" init -q -b main || { fail "updated: git init"; exit 0; }
git -C "$repo" add -A
commit "2018-03-01T10:00:00+02:00" -m "Kirjoitus"

# 1. Whitespace only: trailing spaces, an extra blank line, re-wrapping.
cat >"$f" <<'EOF'
---
title: Kirjoitus
tags: [perhekeskus]
---
Ensimmäinen kappale, 
jossa on *korostus*.


Toinen kappale.   
EOF
commit "2018-03-10T10:00:00+02:00" -am "Välilyöntejä"
p="$TMP/o1/blogi/kirjoitus/index.html"
build "$TMP/o1" || fail "updated: build" "$(cat "$TMP/err")"
hasnt "updated: a whitespace-only commit makes no updated date" "$p" 'class="updated"'
has "updated: dateModified stays the date" "$p" '"dateModified":"2018-03-01T10:00:00+02:00"'

# 2. Front matter only: quoting, a block list, draft: false, a comment,
# a new tag and an author (they describe the post; they do not revise it).
cat >"$f" <<'EOF'
---
# Tarkistettu
title: "Kirjoitus"
tags:
  - perhekeskus
  - Lappi
author: "LAPE-toimitus"
draft: false
---
Ensimmäinen kappale, jossa on _korostus_.

Toinen kappale.
EOF
commit "2018-03-20T10:00:00+02:00" -am "Muotoilua"
build "$TMP/o2" || fail "updated: build 2" "$(cat "$TMP/err")"
hasnt "updated: quoting, key layout, tags, author and _x_ for *x* are no update" \
    "$TMP/o2/blogi/kirjoitus/index.html" 'class="updated"'

# 3. A real change of the text.
sed -i 's/Toinen kappale./Toinen kappale, nyt korjattu./' "$f"
commit "2018-04-02T12:00:00+03:00" -am "Korjaus"
build "$TMP/o3" || fail "updated: build 3" "$(cat "$TMP/err")"
p="$TMP/o3/blogi/kirjoitus/index.html"
has "updated: a changed sentence makes the updated date" "$p" \
    '"dateModified":"2018-04-02T12:00:00+03:00"'
has "updated: shown as Päivitetty" "$p" 'Päivitetty <time datetime="2018-04-02T12:00:00+03:00">'

# 4. Bulk reformatting after it keeps the date of the real change.
sed -i 's/$/  /; s/^title: "Kirjoitus"/title: Kirjoitus/' "$f"
sed -i 's/  $//' "$f"
printf '\n\n' >>"$f"
commit "2018-05-05T12:00:00+03:00" -am "Massamuotoilu"
build "$TMP/o4" || fail "updated: build 4" "$(cat "$TMP/err")"
has "updated: a later reformatting keeps the real change's date" \
    "$TMP/o4/blogi/kirjoitus/index.html" '"dateModified":"2018-04-02T12:00:00+03:00"'

# 5. A new title is a change; the cache gives the same answers.
sed -i 's/^title: Kirjoitus/title: Kirjoitus, uusi otsikko/' "$f"
commit "2018-05-10T12:00:00+03:00" -am "Uusi otsikko"
build "$TMP/o5" || fail "updated: build 5" "$(cat "$TMP/err")"
has "updated: a new title is a change" "$TMP/o5/blogi/kirjoitus/index.html" \
    '"dateModified":"2018-05-10T12:00:00+03:00"'
rm -rf "$repo/.saitti-cache"
build "$TMP/o6" || fail "updated: build 6" "$(cat "$TMP/err")"
if diff -r "$TMP/o5" "$TMP/o6" >/dev/null; then pass "updated: same output without the cache"
else fail "updated: same output without the cache"; fi

# 6. Uncommitted edits in a working-tree build: the same rule.
printf '\n\n' >>"$f"
build "$TMP/o7" || fail "updated: build 7" "$(cat "$TMP/err")"
has "updated: an uncommitted whitespace edit keeps the committed date" \
    "$TMP/o7/blogi/kirjoitus/index.html" '"dateModified":"2018-05-10T12:00:00+03:00"'
echo "Uusi kappale." >>"$f"
build "$TMP/o8" || fail "updated: build 8" "$(cat "$TMP/err")"
has "updated: an uncommitted new sentence is updated --now" \
    "$TMP/o8/blogi/kirjoitus/index.html" '"dateModified":"2018-06-01"'
