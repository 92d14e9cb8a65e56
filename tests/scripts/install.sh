#!/bin/sh
# Issue 21: saitti installed somewhere else than its repository. `make
# install` into a temporary prefix; a site made there by `saitti init`,
# with no themes/ folder, builds and passes check; one template of its own
# overrides the installed one; the man pages render without warnings; the
# bash completion completes; `make deb` builds a package that lintian
# passes and that installs and works with dpkg.
. "$TOP/tests/scripts/lib.sh"
P=$TMP/prefix
if make -s -C "$TOP" install BUILD="$BUILD" PREFIX="$P" >"$TMP/install.log" 2>&1; then
	pass "make install into a temporary prefix"
else
	fail "make install into a temporary prefix" "$(tail -n 20 "$TMP/install.log")"
	exit 0
fi
for f in bin/saitti share/saitti/themes/default/templates/base.html \
    share/saitti/themes/default/i18n/fi.yaml share/saitti/skel/fi/site.yaml \
    share/locale/fi/LC_MESSAGES/saitti.mo share/man/man1/saitti.1 \
    share/man/man5/saitti-site.yaml.5 \
    share/bash-completion/completions/saitti lib/saitti/saitti-images.so \
    lib/saitti/saitti-serve.so lib/saitti/saitti-fetch.so \
    lib/saitti/saitti-words.so lib/saitti/saitti-xml.so; do
	check "installed: $f" test -s "$P/$f"
done

# The installed binary finds its theme and catalogues beside itself, not
# in the repository: SAITTI_DATADIR and SAITTI_LOCALEDIR unset, and run
# from a copy outside the repository's build folder.
S=$TMP/uusi
unset SAITTI_DATADIR SAITTI_LOCALEDIR LANGUAGE
out=$(cd "$TMP" && "$P/bin/saitti" init uusi --title "Perhekeskus: testi" \
    --base-url https://perhe.example.fi/ --now 2026-12-06 2>&1)
check "init writes a new site" test -f "$S/site.yaml"
case $out in
*"Uusi sivusto on kansiossa"*) pass "init speaks Finnish for a Finnish site" ;;
*) fail "init speaks Finnish for a Finnish site" "$out" ;;
esac
for f in content/index.md content/blogi/2026-12-06-tervetuloa.md \
    content/tapahtumat/2027-01-05-esimerkkitapahtuma.md \
    content/saavutettavuusseloste.yaml .gitignore \
    .github/workflows/saitti.yml; do
	check "init wrote $f" test -s "$S/$f"
done
check "init wrote no themes/ folder" test ! -e "$S/themes"
check "the title with a colon is quoted in site.yaml" \
    grep -qx 'title: "Perhekeskus: testi"' "$S/site.yaml"
if (cd "$S" && "$P/bin/saitti" build --now 2026-12-06 --quiet) >"$TMP/b.log" 2>&1; then
	pass "the new site builds with the installed theme"
else
	fail "the new site builds with the installed theme" "$(cat "$TMP/b.log")"
fi
check "the front page is written" grep -q 'Perhekeskus: testi' "$S/public/index.html"
check "the example event has a page" test -f "$S/public/tapahtumat/esimerkkitapahtuma/index.html"
check "the theme's style sheet is copied" test -s "$S/public/style.css"
# A picture: made by the installed plugin (lib/saitti/saitti-images.so).
vips black "$S/content/blogi/piha.png" 40 30 >/dev/null 2>&1 &&
printf '\n![Piha](piha.png)\n' >>"$S/content/blogi/2026-12-06-tervetuloa.md"
(cd "$S" && "$P/bin/saitti" build --now 2026-12-06 --quiet) >"$TMP/b2.log" 2>&1
check "the installed saitti makes pictures with its installed plugin" \
    test -f "$S/public/blogi/piha-40.webp"
if (cd "$S" && "$P/bin/saitti" check --now 2026-12-06) >"$TMP/c.log" 2>&1; then
	pass "the new site passes check"
else
	fail "the new site passes check" "$(cat "$TMP/c.log")"
fi
check "init refuses a folder that is not empty" sh -c \
    "cd '$TMP' && ! '$P/bin/saitti' init uusi 2>/dev/null"
out=$(cd "$TMP" && "$P/bin/saitti" init uusi 2>&1)
case $out in
*"uusi: error: kansiossa on jo tiedostoja"*) pass "the refusal says why, in Finnish" ;;
*) fail "the refusal says why, in Finnish" "$out" ;;
esac
(cd "$TMP" && "$P/bin/saitti" init ruotsi --lang sv --ci gitlab --now 2026-12-06) >/dev/null 2>&1
check "a Swedish site with a GitLab CI file" test -f "$TMP/ruotsi/.gitlab-ci.yml"
check "a Swedish site builds" sh -c "cd '$TMP/ruotsi' && '$P/bin/saitti' build --now 2026-12-06 --quiet"
check "its pages are Swedish" grep -q 'lang="sv"' "$TMP/ruotsi/public/index.html"

# One template of the site's own overrides the installed one; the rest
# still come from the installed theme.
mkdir -p "$S/themes/default/templates"
sed 's|</body>|<!-- oma pohja --></body>|' \
    "$P/share/saitti/themes/default/templates/base.html" \
    >"$S/themes/default/templates/base.html"
(cd "$S" && "$P/bin/saitti" build --now 2026-12-06 --quiet) >/dev/null 2>&1
check "the site's own base.html is used" grep -q 'oma pohja' "$S/public/index.html"
check "the installed post template still renders posts" \
    test -f "$S/public/blogi/tervetuloa/index.html"
check "the installed base.html is unchanged" sh -c \
    "! grep -q 'oma pohja' '$P/share/saitti/themes/default/templates/base.html'"
# SAITTI_DATADIR set but empty: no installed theme, a clear error.
out=$(cd "$TMP/ruotsi" && SAITTI_DATADIR= LANGUAGE=en "$P/bin/saitti" build --quiet 2>&1)
case $out in
*"unknown theme 'default'"*) pass "without an installed theme the error names the theme" ;;
*) fail "without an installed theme the error names the theme" "$out" ;;
esac

# Man pages: groff's warnings all on, nothing printed.
for m in man1/saitti.1 man5/saitti-site.yaml.5; do
	w=$(groff -ww -man -Tutf8 -z "$P/share/man/$m" 2>&1)
	if [ -z "$w" ] && LC_ALL=C.UTF-8 man -l "$P/share/man/$m" 2>/dev/null | grep -q saitti; then
		pass "man -l $m renders without warnings"
	else
		fail "man -l $m renders without warnings" "$w"
	fi
done

# Bash completion, with Debian's bash-completion helpers.
if [ -f /usr/share/bash-completion/bash_completion ]; then
	got=$(bash -c '. /usr/share/bash-completion/bash_completion
	    . "$1"; COMP_WORDS=(saitti bu); COMP_CWORD=1; COMP_LINE="saitti bu"
	    COMP_POINT=9; _saitti; echo "${COMPREPLY[*]}"
	    COMP_WORDS=(saitti init x --ci g); COMP_CWORD=4
	    COMP_LINE="saitti init x --ci g"; COMP_POINT=20; _saitti
	    echo "${COMPREPLY[*]}"' _ "$P/share/bash-completion/completions/saitti")
	[ "$got" = "build
github gitlab" ] && pass "bash completion completes commands and --ci" ||
	    fail "bash completion completes commands and --ci" "$got"
fi

# --version names the libraries it runs with.
v=$("$P/bin/saitti" --version)
for lib in cmark libyaml libgit2 libmicrohttpd; do
	printf '%s\n' "$v" | grep -q "^$lib [0-9]" && pass "--version: $lib" ||
	    fail "--version: $lib" "$v"
done

# The Debian package: once, in the normal run (the sanitizer run builds
# the same sources again for nothing).
case $BUILD in *asan*) exit 0 ;; esac
command -v dpkg-buildpackage >/dev/null && command -v lintian >/dev/null || {
	fail "make deb: dpkg-buildpackage and lintian are installed by make test-deps"
	exit 0
}
if make -s -C "$TOP" deb BUILD="$TMP/debbuild" >"$TMP/deb.log" 2>&1; then
	pass "make deb builds a package and lintian finds no error"
else
	fail "make deb builds a package and lintian finds no error" "$(tail -n 30 "$TMP/deb.log")"
	exit 0
fi
deb=$(ls "$TMP"/debbuild/deb/saitti_*.deb)
check "the package holds the theme and the man page" sh -c \
    "dpkg-deb -c '$deb' | grep -q './usr/share/saitti/themes/default/templates/base.html' &&
     dpkg-deb -c '$deb' | grep -q './usr/share/man/man1/saitti.1.gz' &&
     dpkg-deb -c '$deb' | grep -q './usr/lib/saitti/saitti-images.so' &&
     dpkg-deb -c '$deb' | grep -q './usr/lib/saitti/saitti-serve.so' &&
     dpkg-deb -c '$deb' | grep -q './usr/lib/saitti/saitti-fetch.so' &&
     dpkg-deb -c '$deb' | grep -q './usr/lib/saitti/saitti-words.so' &&
     dpkg-deb -c '$deb' | grep -q './usr/lib/saitti/saitti-xml.so'"
# Installing it changes the machine, so only where that is ours to change
# (CI and developer machines, as root) and when no other saitti is there.
if [ "$(id -u)" = 0 ] && ! dpkg -s saitti >/dev/null 2>&1; then
	if dpkg -i "$deb" >"$TMP/dpkg.log" 2>&1; then
		pass "dpkg installs the package"
		D=$TMP/deb-site
		(cd "$TMP" && /usr/bin/saitti init deb-site --now 2026-12-06 >/dev/null &&
		    cd deb-site && /usr/bin/saitti build --now 2026-12-06 --quiet) \
		    >"$TMP/debsite.log" 2>&1
		check "the packaged saitti: init, then build" test -f "$D/public/index.html"
		dpkg -r saitti >/dev/null 2>&1
		check "dpkg removes it again" test ! -e /usr/bin/saitti
	else
		fail "dpkg installs the package" "$(cat "$TMP/dpkg.log")"
	fi
fi
