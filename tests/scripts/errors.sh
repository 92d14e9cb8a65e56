#!/bin/sh
# Bad input never breaks the site (issue 7). Each case copies the basic
# fixture, builds it once into its own --out, breaks one thing and builds
# again: the exit status, every line on stderr (exactly) and the previous
# output (byte for byte, nothing left beside it) are checked.
. tests/scripts/lib.sh
# The messages asserted here are the English msgids.
export LANGUAGE=en
# Builds straight from tests/fixtures keep their caches out of the repository.
export SAITTI_CACHE="$TMP/cache"
NOW=2018-06-01
export GIT_AUTHOR_NAME=Testi GIT_AUTHOR_EMAIL=t@example.invalid
export GIT_COMMITTER_NAME=Testi GIT_COMMITTER_EMAIL=t@example.invalid
export GIT_AUTHOR_DATE="2018-01-01T12:00:00+02:00"
export GIT_COMMITTER_DATE="2018-01-01T12:00:00+02:00"
export GIT_CONFIG_NOSYSTEM=1 HOME="$TMP"
# The messages asserted are the English msgids; the Finnish section at the
# end sets MSGLANG=fi for its cases.
export LANGUAGE=en
n=0

# The fixture's output, built once; every case starts from a copy.
"$SAITTI" build --source tests/fixtures/basic --out "$TMP/good" --now $NOW \
    --quiet 2>"$TMP/err" || fail "the basic fixture builds" "$(cat "$TMP/err")"

# fresh NAME: a new case. $S is a copy of the basic fixture, $OUT holds
# its output, $SAVED a copy of that.
fresh() {
	n=$((n + 1))
	CASE=$1 S="$TMP/site-$n" OUT="$TMP/out-$n" SAVED="$TMP/saved-$n"
	cp -r tests/fixtures/basic "$S"
	rm -rf "$S/expected" "$S/args"
	[ -d "$TMP/good" ] && cp -a "$TMP/good" "$OUT" && cp -a "$OUT" "$SAVED"
}

# post FILE TEXT: writes TEXT (printf format) to $S/FILE.
post() {
	mkdir -p "$(dirname "$S/$1")"
	printf -- "$2" >"$S/$1"
}

# expect RC [ARGS...]: builds $S again (ARGS replace --source $S) and
# compares stderr with the lines on stdin, then checks that $OUT is as it
# was. The last line, the summary, is added here.
expect() {
	want_rc=$1
	shift
	cat >"$TMP/want"
	errs=$(grep -c ': error: ' "$TMP/want")
	if [ "$want_rc" = 1 ] && [ "${MSGLANG:-en}" = fi ]; then
		printf 'saitti: %d virhe%s; julkaistava sivusto kansiossa %s pysyi ennallaan\n' \
		    "$errs" "$([ "$errs" = 1 ] || echo ttä)" "$OUT" >>"$TMP/want"
	elif [ "$want_rc" = 1 ]; then
		printf 'saitti: %d error%s; %s was not changed\n' "$errs" \
		    "$([ "$errs" = 1 ] || echo s)" "$OUT" >>"$TMP/want"
	fi
	[ $# -gt 0 ] || set -- --source "$S"
	LANGUAGE=${MSGLANG:-en} "$SAITTI" build "$@" --out "$OUT" --now $NOW \
	    --quiet >"$TMP/stdout" 2>"$TMP/err"
	rc=$?
	if [ "$rc" = "$want_rc" ]; then
		pass "$CASE: exit status $want_rc"
	else
		fail "$CASE: exit status $want_rc, not $rc" "$(cat "$TMP/err")"
	fi
	if d=$(diff "$TMP/want" "$TMP/err"); then
		pass "$CASE: the message"
	else
		fail "$CASE: the message" "$d"
	fi
	kept
}

# kept: the previous output is there, byte for byte, and no temporary
# folder is left beside it.
kept() {
	if d=$(diff -r "$SAVED" "$OUT" 2>&1); then
		pass "$CASE: the previous output is unchanged"
	else
		fail "$CASE: the previous output is unchanged" "$d"
	fi
	left=$(ls -a "$TMP" | grep "^\.out-$n\.tmp" )
	if [ -z "$left" ]; then
		pass "$CASE: nothing left beside the output"
	else
		fail "$CASE: nothing left beside the output" "$left"
	fi
}

# ---- front matter and YAML -------------------------------------------

fresh "malformed YAML" && {
	post content/blogi/kolmas.md '---\ntitle: Otsikko: alaotsikko\ndate: 2018-01-02\n---\nTeksti.\n'
	expect 1 <<-'EOF'
	content/blogi/kolmas.md:2:15: error: the title has a colon (:) in it, and YAML reads what comes before it as a key: put the whole title in quotes, like title: "Otsikko: alaotsikko"
	EOF
}
fresh "a quote never closed" && {
	post content/blogi/kolmas.md '---\ntitle: "Kolmas\ndate: 2018-01-02\n---\nTeksti.\n'
	expect 1 <<-'EOF'
	content/blogi/kolmas.md:2:8: error: the quote that starts here is never closed: end the text with the same quote mark
	EOF
}
fresh "a list never closed" && {
	post content/blogi/kolmas.md '---\ntitle: Kolmas\ntags: [lappi, raisio\ndate: 2018-01-02\n---\nTeksti.\n'
	expect 1 <<-'EOF'
	content/blogi/kolmas.md:3:7: error: the list that starts here with '[' is not closed: separate its items with commas and end it with ']'
	EOF
}
fresh "front matter never closed" && {
	post content/blogi/kolmas.md '---\ntitle: Kolmas\ndate: 2018-01-02\n\nTeksti.\n'
	expect 1 <<-'EOF'
	content/blogi/kolmas.md:1:1: error: front matter starts with '---' on line 1 but is never closed: add a line '---' after it
	EOF
}
fresh "tabs in YAML" && {
	post content/blogi/kolmas.md '---\ntitle: Kolmas\ntags:\n\t- lappi\ndate: 2018-01-02\n---\nTeksti.\n'
	expect 1 <<-'EOF'
	content/blogi/kolmas.md:4:1: error: tab character in YAML: indent with spaces, not tabs
	EOF
}
fresh "missing title" && {
	post content/blogi/kolmas.md '---\ndate: 2018-01-02\n---\nTeksti.\n'
	expect 1 <<-'EOF'
	content/blogi/kolmas.md:1:1: error: missing title: add a line 'title: …' to the front matter at the top of the file
	EOF
}
fresh "a list where a string belongs" && {
	post content/blogi/kolmas.md '---\ntitle: [a, b]\ndate: 2018-01-02\n---\nTeksti.\n'
	expect 1 <<-'EOF'
	content/blogi/kolmas.md:2:8: error: 'title' must be text, not a list (write title: "...")
	EOF
}

# ---- dates -----------------------------------------------------------

fresh "date 31.2.2018" && {
	post content/blogi/kolmas.md '---\ntitle: Kolmas\ndate: 31.2.2018\n---\nTeksti.\n'
	expect 1 <<-'EOF'
	content/blogi/kolmas.md:3:7: error: date: 31.2.2018 is not a date: February has 28 or 29 days
	EOF
}
fresh "date klo 25.00" && {
	post content/blogi/kolmas.md '---\ntitle: Kolmas\ndate: 2.1.2018 klo 25.00\n---\nTeksti.\n'
	expect 1 <<-'EOF'
	content/blogi/kolmas.md:3:7: error: date: 2.1.2018 klo 25.00 is not a time: hours go from 0 to 23
	EOF
}
fresh "date 2017-13-01" && {
	post content/blogi/kolmas.md '---\ntitle: Kolmas\ndate: 2017-13-01\n---\nTeksti.\n'
	expect 1 <<-'EOF'
	content/blogi/kolmas.md:3:7: error: date: 2017-13-01 is not a date: months go from 1 to 12
	EOF
}
fresh "an event ending before it starts" && {
	post content/tapahtumat/x.md '---\ntitle: Työpaja\nstart: 13.10.2017 klo 15.00\nend: 13.10.2017 klo 12.00\n---\nKuvaus.\n'
	expect 1 <<-'EOF'
	content/tapahtumat/x.md:4:6: error: end '13.10.2017 klo 12.00' is before start '13.10.2017 klo 15.00': write a later end, or leave it out
	EOF
}

# ---- bytes -----------------------------------------------------------

fresh "invalid UTF-8" && {
	post content/blogi/kolmas.md '---\ntitle: Kolmas\ndate: 2018-01-02\n---\nTeksti \377 tässä.\n'
	expect 1 <<-'EOF'
	content/blogi/kolmas.md:5:8: error: not valid UTF-8: save the file as UTF-8
	EOF
}
fresh "a NUL byte" && {
	post content/blogi/kolmas.md '---\ntitle: Kolmas\ndate: 2018-01-02\n---\nTeksti\000 tässä.\n'
	expect 1 <<-'EOF'
	content/blogi/kolmas.md:5:7: error: NUL byte in the text: the file may be binary or damaged
	EOF
}
fresh "a 50 MB file" && {
	head -c 52428800 /dev/zero | tr '\0' a >"$S/content/blogi/iso.md"
	expect 1 <<-'EOF'
	content/blogi/iso.md:1:1: error: file is too large (52428800 bytes; the limit LIMIT_FILE_BYTES is 16 MB): put it on a file server and link to it, or leave it out of the site
	EOF
	rm -f "$S/content/blogi/iso.md"
}

# ---- addresses -------------------------------------------------------

fresh "slug with ../" && {
	post content/blogi/kolmas.md '---\ntitle: Kolmas\ndate: 2018-01-02\nslug: ../../etc\n---\nTeksti.\n'
	expect 1 <<-'EOF'
	content/blogi/kolmas.md:4:7: error: slug '../../etc' is not allowed: use only a-z, 0-9 and '-', like 'etc'
	EOF
}
fresh "slug with /" && {
	post content/blogi/kolmas.md '---\ntitle: Kolmas\ndate: 2018-01-02\nslug: a/b\n---\nTeksti.\n'
	expect 1 <<-'EOF'
	content/blogi/kolmas.md:4:7: error: slug 'a/b' is not allowed: use only a-z, 0-9 and '-', like 'a-b'
	EOF
}
fresh "slug with a leading dot" && {
	post content/blogi/kolmas.md '---\ntitle: Kolmas\ndate: 2018-01-02\nslug: .htaccess\n---\nTeksti.\n'
	expect 1 <<-'EOF'
	content/blogi/kolmas.md:4:7: error: slug '.htaccess' is not allowed: use only a-z, 0-9 and '-', like 'htaccess'
	EOF
}
fresh "two pages with one address" && {
	post content/blogi/toka.md '---\ntitle: Toka\ndate: 2018-01-03\nslug: kolmas-oma\n---\nTeksti.\n'
	expect 1 <<-'EOF'
	content/blogi/toka.md:1:1: error: its address /blogi/kolmas-oma/ is also the address of content/blogi/kolmas.md: give one of them another slug
	EOF
}
fresh "a tag that slugs to nothing" && {
	post content/blogi/kolmas.md '---\ntitle: Kolmas\ndate: 2018-01-02\ntags: ["!!!"]\n---\nTeksti.\n'
	expect 1 <<-'EOF'
	content/blogi/kolmas.md:4:8: error: tag '!!!' has no letters or digits to make an address from: write it with letters
	EOF
}

# ---- files that are not plain files ------------------------------------

printf -- '---\ntitle: Salainen\ndate: 2018-01-02\n---\nSALAISUUS-7\n' >"$TMP/secret.md"
mkdir -p "$TMP/secretdir" && cp "$TMP/secret.md" "$TMP/secretdir/a.md"
fresh "a symlink to a file outside" && {
	ln -s "$TMP/secret.md" "$S/content/blogi/salainen.md"
	expect 1 <<-'EOF'
	content/blogi/salainen.md:1:1: error: symbolic link; saitti follows no links, so that nothing outside the site (like .git) is published: put the file itself there instead
	EOF
}
fresh "a symlink to a folder outside" && {
	ln -s "$TMP/secretdir" "$S/content/blogi/ulko"
	expect 1 <<-'EOF'
	content/blogi/ulko:1:1: error: symbolic link; saitti follows no links, so that nothing outside the site (like .git) is published: put the file itself there instead
	EOF
	check "$CASE: never followed" sh -c "! grep -rq SALAISUUS '$OUT'"
}
fresh "a relative symlink that climbs out" && {
	ln -s ../../secret.md "$S/content/suhteellinen.md"
	check "$CASE: (the link works)" grep -q SALAISUUS "$S/content/suhteellinen.md"
	expect 1 <<-'EOF'
	content/suhteellinen.md:1:1: error: symbolic link; saitti follows no links, so that nothing outside the site (like .git) is published: put the file itself there instead
	EOF
	check "$CASE: never followed" sh -c "! grep -rq SALAISUUS '$OUT'"
}
fresh "an unreadable file" && {
	chmod 000 "$S/content/blogi/kolmas.md"
	# As root (or with CAP_DAC_OVERRIDE) chmod 000 does not stop reading:
	# the case cannot be made, and says nothing.
	if ! cat "$S/content/blogi/kolmas.md" >/dev/null 2>&1; then
		expect 1 <<-'EOF'
		content/blogi/kolmas.md:1:1: error: cannot open the file (Permission denied): make it readable for the user who builds the site
		EOF
	fi
	chmod 644 "$S/content/blogi/kolmas.md"
}

# ---- theme -----------------------------------------------------------

fresh "a template with an unclosed section" && {
	printf '<ul>\n{{#page.posts}}\n  <li>{{title}}</li>\n</ul>\n' \
	    >"$S/themes/mini/templates/partials/summary.html"
	expect 1 <<-'EOF'
	themes/mini/templates/partials/summary.html:2:1: error: section 'page.posts' opened here is never closed: add {{/page.posts}}
	EOF
}
fresh "a template closing sections in the wrong order" && {
	printf '{{<base}}{{$main}}\n<ul>\n{{#page.posts}}{{>partials/summary}}\n</ul>{{/main}}{{/base}}\n' \
	    >"$S/themes/mini/templates/tag.html"
	expect 1 <<-'EOF'
	themes/mini/templates/tag.html:4:6: error: {{/main}} closes 'main' but 'page.posts' is open (opened on line 3): close that first
	EOF
}
fresh "a missing template" && {
	rm "$S/themes/mini/templates/tag.html"
	expect 1 <<-'EOF'
	themes/mini/templates/tag.html: error: missing: the theme has no template 'tag', which pages like avainsanat/lappi/index.html need: add this file
	EOF
}
fresh "a template that includes itself" && {
	printf '{{>tags}}\n' >"$S/themes/mini/templates/tags.html"
	expect 1 --source "$S" --jobs 1 <<-'EOF'
	themes/mini/templates/tags.html: error: rendering avainsanat/index.html stopped: the template expands without end (a partial that includes itself, or sections nested too deep)
	EOF
}
fresh "an unknown theme" && {
	sed -i 's/^theme: mini$/theme: nosuch/' "$S/site.yaml"
	expect 1 <<-'EOF'
	site.yaml:6:8: error: unknown theme 'nosuch': there is no themes/nosuch/templates/ folder; the themes here are: default, mini
	EOF
}
fresh "a theme name that climbs" && {
	sed -i 's|^theme: mini$|theme: ../../mini|' "$S/site.yaml"
	expect 1 <<-'EOF'
	site.yaml:6:8: error: theme '../../mini' is not a theme name: write the name of a folder under themes/, like theme: default
	EOF
}

# ---- several errors --------------------------------------------------

fresh "several errors are all reported" && {
	post content/blogi/kolmas.md '---\ntitle: Kolmas\ndate: 31.2.2018\n---\nTeksti.\n'
	post content/uutiset/2018-03-25-kesaaika.md '---\ntitle: [Kesä, aika]\n---\nUutinen.\n'
	post content/tietoa.md '---\ntitle: Tietoa\n---\n[Linkki](javascript:alert(1))\n'
	expect 1 <<-'EOF'
	content/blogi/kolmas.md:3:7: error: date: 31.2.2018 is not a date: February has 28 or 29 days
	content/uutiset/2018-03-25-kesaaika.md:2:8: error: 'title' must be text, not a list (write title: "...")
	content/tietoa.md:4:1: error: link with a 'javascript:' URL is not allowed (it could run code in the reader's browser): link to a page or a file instead
	EOF
}

# ---- in Finnish ------------------------------------------------------
# The LAPE site's writers read these (issue 14): the same mistakes, the
# Finnish messages, the FILE:LINE:COL and error: keyword as they are.

MSGLANG=fi
fresh "fi: a colon in the title" && {
	post content/blogi/kolmas.md '---\ntitle: Otsikko: alaotsikko\ndate: 2018-01-02\n---\nTeksti.\n'
	expect 1 <<-'EOF'
	content/blogi/kolmas.md:2:15: error: Otsikossa on kaksoispiste. Kirjoita otsikko lainausmerkkeihin: title: "Otsikko: alaotsikko"
	EOF
}
fresh "fi: front matter never closed" && {
	post content/blogi/kolmas.md '---\ntitle: Kolmas\ndate: 2018-01-02\n\nTeksti.\n'
	expect 1 <<-'EOF'
	content/blogi/kolmas.md:1:1: error: alkutiedot alkavat rivillä 1 merkeillä '---', mutta niitä ei suljeta: lisää niiden jälkeen rivi '---'
	EOF
}
fresh "fi: tabs in YAML" && {
	post content/blogi/kolmas.md '---\ntitle: Kolmas\ntags:\n\t- lappi\ndate: 2018-01-02\n---\nTeksti.\n'
	expect 1 <<-'EOF'
	content/blogi/kolmas.md:4:1: error: rivillä on sarkainmerkki (Tab): sisennä välilyönneillä, älä sarkaimella
	EOF
}
fresh "fi: missing title" && {
	post content/blogi/kolmas.md '---\ndate: 2018-01-02\n---\nTeksti.\n'
	expect 1 <<-'EOF'
	content/blogi/kolmas.md:1:1: error: otsikko puuttuu: lisää tiedoston alun tietoihin (kolmen viivan väliin) rivi 'title: …'
	EOF
}
fresh "fi: a list where a string belongs" && {
	post content/blogi/kolmas.md '---\ntitle: [a, b]\ndate: 2018-01-02\n---\nTeksti.\n'
	expect 1 <<-'EOF'
	content/blogi/kolmas.md:2:8: error: kohdan 'title' pitää olla tekstiä, nyt se on luettelo (kirjoita title: "...")
	EOF
}
fresh "fi: an event ending before it starts" && {
	post content/tapahtumat/x.md '---\ntitle: Työpaja\nstart: 13.10.2017 klo 15.00\nend: 13.10.2017 klo 12.00\n---\nKuvaus.\n'
	expect 1 <<-'EOF'
	content/tapahtumat/x.md:4:6: error: loppuaika '13.10.2017 klo 12.00' on ennen alkuaikaa '13.10.2017 klo 15.00': kirjoita myöhäisempi loppuaika, tai jätä se pois
	EOF
}
fresh "fi: several errors are all reported" && {
	post content/blogi/kolmas.md '---\ntitle: Kolmas\ndate: 2.1.2018 klo 25.00\n---\nTeksti.\n'
	post content/tietoa.md '---\ntitle: Tietoa\n---\n[Linkki](javascript:alert(1))\n'
	expect 1 <<-'EOF'
	content/blogi/kolmas.md:3:7: error: date: 2.1.2018 klo 25.00 ei ole kellonaika: tunnit ovat 0–23
	content/tietoa.md:4:1: error: linkki, jonka osoite alkaa 'javascript:', ei ole sallittu (se voisi ajaa ohjelmakoodia lukijan selaimessa): linkitä sivuun tai tiedostoon
	EOF
}
fresh "fi: an unknown theme" && {
	sed -i 's/^theme: mini/theme: olematon/' "$S/site.yaml"
	expect 1 <<-'EOF'
	site.yaml:6:8: error: tuntematon teema 'olematon': kansiota themes/olematon/templates/ ei ole; tässä olevat teemat: default, mini
	EOF
}
MSGLANG=en

# ---- output folder ---------------------------------------------------

fresh "an output folder inside content/" && {
	"$SAITTI" build --source "$S" --out "$S/content/julkinen" --now $NOW \
	    --quiet 2>"$TMP/err"
	rc=$?
	check "$CASE: exit status 2" [ $rc = 2 ]
	check "$CASE: the message" grep -Fxq "$S/content/julkinen: error: the output folder overlaps the site's content/ (it is inside it, or is it, or holds it), which the build reads: choose an --out outside it, like --out public" "$TMP/err"
	check "$CASE: nothing written" [ ! -e "$S/content/julkinen" ]
}
fresh "content/ itself as the output" && {
	cp -a "$S/content" "$TMP/content-$n"
	"$SAITTI" build --source "$S" --out "$S/content" --now $NOW --quiet \
	    2>"$TMP/err"
	rc=$?
	check "$CASE: exit status 2" [ $rc = 2 ]
	check "$CASE: the message" grep -Fxq "$S/content: error: the output folder overlaps the site's content/ (it is inside it, or is it, or holds it), which the build reads: choose an --out outside it, like --out public" "$TMP/err"
	check "$CASE: content/ is untouched" diff -r "$TMP/content-$n" "$S/content"
}
fresh "the source itself as the output" && {
	cp -a "$S" "$TMP/src-$n"
	"$SAITTI" build --source "$S" --out "$S" --now $NOW --quiet 2>"$TMP/err"
	rc=$?
	check "$CASE: exit status 2" [ $rc = 2 ]
	check "$CASE: the message" grep -Fxq "$S: error: the output folder holds the site's source, which the build would replace: choose an --out beside or below the source, like --out public" "$TMP/err"
	check "$CASE: the source is untouched" diff -r "$TMP/src-$n" "$S"
	(cd "$S" && "$SAITTI" build --out .. --now $NOW --quiet 2>/dev/null)
	check "$CASE: nor a folder above it" [ $? = 2 ]
	check "$CASE: a folder in the source is fine" \
	    "$SAITTI" build --source "$S" --out "$S/public" --now $NOW --quiet
}

# ---- git -------------------------------------------------------------

fresh "a --rev that does not exist" && {
	(cd "$S" && git init -q -b main && git add -A && git commit -qm eka) ||
	    fail "$CASE: make the repository"
	expect 1 --source "$S" --rev nosuch <<-EOF
	$S: error: no revision 'nosuch' in this repository: give a branch, tag or commit id
	EOF
}

# A repository of three commits, and a bare copy of it whose objects are
# loose files (no hard links to the original's).
REPO="$TMP/repo"
cp -r tests/fixtures/basic "$REPO" && rm -rf "$REPO/expected" "$REPO/args"
(cd "$REPO" && git init -q -b main && git add -A && git commit -qm eka &&
    echo Lisää. >>content/blogi/kolmas.md && git commit -qam toka &&
    echo Vielä. >>content/blogi/kolmas.md && git commit -qam kolmas) ||
    fail "git: make the repository"
# bare NAME: a bare clone with loose objects, and a good build of it.
bare() {
	n=$((n + 1))
	CASE=$1 B="$TMP/bare-$n.git" OUT="$TMP/out-$n" SAVED="$TMP/saved-$n"
	git clone -q --bare --no-hardlinks "$REPO" "$B"
	if ! "$SAITTI" build --source "$B" --rev main --out "$OUT" --now $NOW \
	    --quiet 2>"$TMP/err"; then
		fail "$CASE: the undamaged repository builds" "$(cat "$TMP/err")"
		return 1
	fi
	cp -a "$OUT" "$SAVED"
}
# object ID: the loose object file of ID in $B.
object() { printf '%s/objects/%.2s/%s' "$B" "$1" "${1#??}"; }
# The build must end in time: libgit2 1.5 loops forever on a cut-short
# loose object unless saitti checks first.
build_bounded() {
	timeout 60 "$SAITTI" build "$@" --out "$OUT" --now $NOW --quiet \
	    2>"$TMP/err"
}

bare "a truncated blob" && {
	id=$(git -C "$REPO" rev-parse main:content/blogi/kolmas.md)
	f=$(object "$id")
	chmod u+w "$f" && head -c 20 "$f" >"$TMP/part" && cat "$TMP/part" >"$f"
	build_bounded --source "$B" --rev main
	rc=$?
	check "$CASE: exit status 1 (no hang, no crash)" [ $rc = 1 ]
	check "$CASE: the message" grep -Fxq "$B: error: the repository is damaged: object $id is cut short or corrupt; 'git fsck' tells more, a fresh clone repairs it" "$TMP/err"
	kept
}
bare "an empty commit object" && {
	id=$(git -C "$REPO" rev-parse main)
	f=$(object "$id")
	chmod u+w "$f" && : >"$f"
	build_bounded --source "$B" --rev main
	rc=$?
	check "$CASE: exit status 1" [ $rc = 1 ]
	check "$CASE: the message" grep -Fxq "$B: error: the repository is damaged: object $id is cut short or corrupt; 'git fsck' tells more, a fresh clone repairs it" "$TMP/err"
	kept
}
bare "deleted objects" && {
	rm -rf "$B"/objects/??
	build_bounded --source "$B" --rev main
	rc=$?
	check "$CASE: exit status 1" [ $rc = 1 ]
	# The words in parentheses are libgit2's.
	check "$CASE: the message" sh -c "grep -q \"^$B: error: cannot read revision 'main' (.*$(git -C "$REPO" rev-parse main).*): the repository may be damaged; 'git fsck' tells more, a fresh clone repairs it\$\" '$TMP/err'"
	kept
}
bare "a truncated pack" && {
	git -C "$B" repack -adq
	p=$(ls "$B"/objects/pack/*.pack)
	chmod u+w "$p" && truncate -s $(($(wc -c <"$p") / 2)) "$p"
	build_bounded --source "$B" --rev main
	rc=$?
	check "$CASE: exit status 1" [ $rc = 1 ]
	check "$CASE: names the damage" grep -Fq "$B: error: cannot read " "$TMP/err"
	kept
}
n=$((n + 1))
CASE="a shallow clone" SH="$TMP/shallow-$n" OUT="$TMP/out-$n"
git clone -q --depth 1 "file://$REPO" "$SH"
build_bounded --source "$SH" --rev HEAD
check "$CASE: --rev of a commit whose parent is missing builds" [ $? = 0 ]
"$SAITTI" build --source "$REPO" --rev main --out "$TMP/full-$n" --now $NOW --quiet
check "$CASE: the same bytes as the full repository" diff -r "$TMP/full-$n" "$OUT"
cp -a "$OUT" "$TMP/saved-$n" && SAVED="$TMP/saved-$n"
build_bounded --source "$SH" --rev HEAD~1
check "$CASE: a commit it lacks: exit status 1" [ $? = 1 ]
check "$CASE: the message" grep -Fxq "$SH: error: no revision 'HEAD~1' in this repository; it is a shallow clone, so older commits are missing: build a branch, tag or commit it has, or fetch more history with git fetch --unshallow" "$TMP/err"
kept
sed -i 's/^git_info: false$/git_info: true/' "$SH/site.yaml"
(cd "$SH" && git commit -qam historia)
build_bounded --source "$SH" --rev HEAD
rc=$?
check "$CASE: with git history on, no crash" [ $rc -le 1 ]
n=$((n + 1))
CASE="a committed symlink" OUT="$TMP/out-$n"
(cd "$REPO" && ln -s "$TMP/secret.md" content/blogi/salainen.md &&
    git add content/blogi/salainen.md && git commit -qm linkki)
build_bounded --source "$REPO" --rev main
check "$CASE: exit status 1" [ $? = 1 ]
check "$CASE: the message" grep -Fxq "content/blogi/salainen.md:1:1: error: symbolic link; saitti follows no links, so that nothing outside the site (like .git) is published: put the file itself there instead" "$TMP/err"
check "$CASE: never followed" [ ! -e "$OUT" ]

# ---- usage -----------------------------------------------------------

# usage NAME RC FIRST-LINE ARGS...: exit status, nothing on stdout and
# FIRST-LINE first on stderr, the usage text after it.
usage() {
	CASE=$1 want_rc=$2 first=$3
	shift 3
	"$SAITTI" "$@" >"$TMP/stdout" 2>"$TMP/err"
	rc=$?
	check "$CASE: exit status $want_rc" [ $rc = "$want_rc" ]
	check "$CASE: nothing on stdout" [ ! -s "$TMP/stdout" ]
	if [ "$(head -n 1 "$TMP/err")" = "$first" ]; then
		pass "$CASE: the message"
	else
		fail "$CASE: the message" "$(head -n 3 "$TMP/err")"
	fi
	# The usage in the language of the messages.
	case $LANGUAGE in
	fi) want_usage='^käyttö: saitti build' ;;
	*) want_usage='^usage: saitti build' ;;
	esac
	check "$CASE: the usage follows" grep -q "$want_usage" "$TMP/err"
}
usage "no command" 2 "usage: saitti build [--source DIR] [--rev REV] [--out DIR] [--drafts]"
usage "unknown command" 2 "saitti: unknown command 'frob': the commands are build, serve, new, check and init" frob
LANGUAGE=fi; usage "unknown command, in Finnish" 2 "saitti: tuntematon komento 'frob': komennot ovat build, serve, new, check ja init" frob
LANGUAGE=en
usage "unknown option" 2 "build: unrecognized option '--frob'" build --frob
usage "option without its value" 2 "build: option '--out' requires an argument" build --out
usage "stray argument" 2 "saitti: unexpected argument 'julkinen'" build julkinen
"$SAITTI" build --jobs 0 >"$TMP/stdout" 2>"$TMP/err"
check "--jobs 0: exit status 2" [ $? = 2 ]
check "--jobs 0: the message" grep -Fxq "saitti: --jobs takes a number from 1 to 64" "$TMP/err"

"$SAITTI" --help >"$TMP/stdout" 2>"$TMP/err"
check "--help: exit status 0" [ $? = 0 ]
check "--help: the usage on stdout" grep -q '^usage: saitti build' "$TMP/stdout"
check "--help: nothing on stderr" [ ! -s "$TMP/err" ]
"$SAITTI" build --help >"$TMP/stdout" 2>"$TMP/err"
check "build --help: exit status 0" [ $? = 0 ]
check "build --help: the usage on stdout" grep -q '^usage: saitti build' "$TMP/stdout"
"$SAITTI" --version >"$TMP/stdout" 2>"$TMP/err"
check "--version: exit status 0" [ $? = 0 ]
check "--version: 'saitti X.Y.Z' on stdout" grep -Eqx 'saitti [0-9]+\.[0-9]+\.[0-9]+' "$TMP/stdout"
check "--version: nothing on stderr" [ ! -s "$TMP/err" ]

# Messages come in file order, however many threads read the files: 30
# posts with a front-matter error and 30 with a refused link, built with
# one thread and with four, five times each.
fresh
for i in $(seq 10 39); do
	printf -- '---\ntitle: [\n---\nx\n' >"$S/content/blogi/rikki-$i.md"
	printf -- '---\ntitle: L%s\ndate: 2018-01-01\n---\n[x](javascript:alert(1))\n' \
	    "$i" >"$S/content/blogi/linkki-$i.md"
done
"$SAITTI" build --source "$S" --out "$TMP/order" --now $NOW --jobs 1 \
    2>"$TMP/order-1" >/dev/null
check "message order: front matter first, by file" sh -c \
    "grep rikki '$TMP/order-1' | sort -c && [ \$(grep -c rikki '$TMP/order-1') = 30 ]"
check "message order: then links, by file" sh -c \
    "grep linkki '$TMP/order-1' | sort -c && grep -q 'linkki-10.md:5:1: error: link' '$TMP/order-1'"
same=1
for run in 1 2 3 4 5; do
	"$SAITTI" build --source "$S" --out "$TMP/order" --now $NOW --jobs 4 \
	    2>"$TMP/order-4" >/dev/null
	cmp -s "$TMP/order-1" "$TMP/order-4" || same=0
done
check "message order: four threads report the same, five times" [ $same = 1 ]
check "message order: the limit of 50 errors holds" \
    grep -qx "saitti: error: too many errors, the rest are not shown" "$TMP/order-1"
