#!/bin/sh
# Pictures live in a plugin (saitti-images.so, src/core/plugin.h): the
# binary itself links no libvips, a site without pictures builds with no
# plugin at hand, and a site with pictures whose plugin is missing or
# broken gets an error at the picture, in the writer's language, not a
# crash or a silent page without it. The preview server (saitti-serve.so,
# libmicrohttpd) and the web link check (saitti-fetch.so, libcurl) the
# same: a build loads neither.
. tests/scripts/lib.sh
B=$(dirname "$SAITTI")
check "plugin: the binary does not link libvips" \
    sh -c "! ldd '$SAITTI' | grep -q libvips"
check "plugin: saitti-images.so is built beside the binary" \
    test -f "$B/saitti-images.so"
check "plugin: the plugin links libvips" \
    sh -c "ldd '$B/saitti-images.so' | grep -q libvips"
for lib in libmicrohttpd libcurl libvoikko libstemmer libxml2; do
	check "plugin: the binary does not link $lib" \
	    sh -c "! ldd '$SAITTI' | grep -q $lib"
done
check "plugin: saitti-serve.so links libmicrohttpd" \
    sh -c "ldd '$B/saitti-serve.so' | grep -q libmicrohttpd"
check "plugin: saitti-fetch.so links libcurl" \
    sh -c "ldd '$B/saitti-fetch.so' | grep -q libcurl"
check "plugin: saitti-xml.so links libxml2" \
    sh -c "ldd '$B/saitti-xml.so' | grep -q libxml2"
check "plugin: saitti-words.so links libvoikko and libstemmer" \
    sh -c "ldd '$B/saitti-words.so' | grep -q libvoikko &&
    ldd '$B/saitti-words.so' | grep -q libstemmer"

S=$TMP/site
mkdir -p "$S/content/blogi" "$S/themes"
cp -R "$TOP/themes/default" "$S/themes/"
cat >"$S/site.yaml" <<'YAML'
title: Kuvaton
base_url: "https://example.fi/"
language: fi
timezone: Europe/Helsinki
theme: default
YAML
printf -- '---\ntitle: Etusivu\n---\nTervetuloa.\n' >"$S/content/index.md"
printf -- '---\ntitle: Teksti\ndate: 2018-05-01\n---\nSanoja.\n' \
    >"$S/content/blogi/2018-05-01-teksti.md"

# The binary alone, in a folder of its own: no plugin beside it (and none
# installed in PLUGINDIR on a test machine; skipped where one is), but
# the search's words, which the default theme's search needs, and the
# HTML part, which check needs (each tried without at the end).
mkdir -p "$TMP/alone"
cp "$SAITTI" "$TMP/alone/saitti"
cp "$B/saitti-words.so" "$B/saitti-xml.so" "$TMP/alone/"
cp -R "$B/locale" "$TMP/alone/" 2>/dev/null
if "$TMP/alone/saitti" build --source "$S" --out "$TMP/o1" --now 2019-01-01 \
    --quiet 2>"$TMP/err1"; then
	pass "plugin: a site without pictures builds without the plugin"
else
	fail "plugin: a site without pictures builds without the plugin" \
	    "$(cat "$TMP/err1")"
fi
check "plugin: ...and its page is there" test -f "$TMP/o1/blogi/teksti/index.html"

# The same site with a picture.
vips black "$S/content/blogi/kuva.png" 40 30 2>/dev/null ||
	printf '\211PNG\r\n\032\n' >"$S/content/blogi/kuva.png"
cat >>"$S/content/blogi/2018-05-01-teksti.md" <<'MD'

![Musta kuva](kuva.png)
MD
if [ -e /usr/local/lib/saitti/saitti-images.so ]; then
	pass "plugin: (skipped: a plugin is installed in /usr/local/lib/saitti)"
else
	"$TMP/alone/saitti" build --source "$S" --out "$TMP/o2" --now 2019-01-01 \
	    --quiet 2>"$TMP/err2"
	rc=$?
	check "plugin: missing: the build fails" test "$rc" = 1
	check "plugin: missing: the error is at the picture, and says what to do" \
	    grep -q "^content/blogi/2018-05-01-teksti.md:[0-9]*:[0-9]*: error: pictures cannot be published: saitti's picture part did not load (saitti-images.so: not found beside the program or in .*); install saitti again, or build it with make$" "$TMP/err2"
	check "plugin: missing: the old output is not touched" test ! -e "$TMP/o2"
	LANGUAGE=fi "$TMP/alone/saitti" build --source "$S" --out "$TMP/o2" \
	    --now 2019-01-01 --quiet 2>"$TMP/err2fi"
	check "plugin: missing: in Finnish for a Finnish writer" \
	    grep -q "error: kuvia ei voi julkaista" "$TMP/err2fi"
fi

# A broken plugin (not an ELF file) beside the binary.
printf 'not a library\n' >"$TMP/alone/saitti-images.so"
"$TMP/alone/saitti" build --source "$S" --out "$TMP/o3" --now 2019-01-01 \
    --quiet 2>"$TMP/err3"
rc=$?
check "plugin: broken: the build fails" test "$rc" = 1
check "plugin: broken: the loader's reason is named" \
    grep -q "error: pictures cannot be published: saitti's picture part did not load (.*saitti-images.so" "$TMP/err3"

# With the real plugin the picture is made.
"$SAITTI" build --source "$S" --out "$TMP/o4" --now 2019-01-01 --quiet \
    2>"$TMP/err4"
check "plugin: beside the binary: the picture is published" \
    test -f "$TMP/o4/blogi/kuva-40.webp"
check "plugin: ...and the page shows it" \
    grep -q 'kuva-40.webp' "$TMP/o4/blogi/teksti/index.html"

# serve and check --external without their plugins: they say which part
# is missing and what to do, in the writer's language.
rm -f "$TMP/alone/saitti-images.so"
if [ -e /usr/local/lib/saitti/saitti-serve.so ]; then
	pass "plugin: (skipped: plugins are installed in /usr/local/lib/saitti)"
else
	(cd "$S" && LANGUAGE=en "$TMP/alone/saitti" serve --port 1 \
	    >/dev/null 2>"$TMP/err5")
	rc=$?
	check "plugin: serve without its part fails" test "$rc" = 1
	check "plugin: ...and says so and what to do" \
	    grep -q "^saitti: the preview cannot start: saitti's preview part did not load (saitti-serve.so: not found beside the program or in .*); install saitti again, or build it with make$" "$TMP/err5"
	(cd "$S" && LANGUAGE=fi "$TMP/alone/saitti" serve --port 1 \
	    >/dev/null 2>"$TMP/err5fi")
	check "plugin: ...in Finnish for a Finnish writer" \
	    grep -q "^saitti: esikatselu ei käynnisty" "$TMP/err5fi"
	printf '\n[Linkki](https://example.invalid/)\n' \
	    >>"$S/content/blogi/2018-05-01-teksti.md"
	rm -f "$S/content/blogi/kuva.png"
	sed -i '/Musta kuva/d' "$S/content/blogi/2018-05-01-teksti.md"
	LANGUAGE=en "$TMP/alone/saitti" check --source "$S" --external \
	    --now 2019-01-01 >"$TMP/out6" 2>"$TMP/err6"
	rc=$?
	check "plugin: check --external without its part fails" test "$rc" = 1
	check "plugin: ...and says so and what to do" \
	    grep -q "error: web links cannot be checked: saitti's web part did not load (saitti-fetch.so: not found beside the program or in .*); install saitti again, or build it with make" "$TMP/err6"
fi

# The search's words: loaded by a build that makes the search, not by a
# rebuild with nothing changed (LD_DEBUG=files shows what the loader
# opens). The files settle first: one changed within the stamp's margin
# of a build's start leaves no stamp.
sleep 0.2
"$SAITTI" build --source "$S" --out "$TMP/o7" --cache "$TMP/c7" \
    --now 2019-01-01 --quiet 2>/dev/null
LANGUAGE=en LD_DEBUG=files "$SAITTI" build --source "$S" --out "$TMP/o7" \
    --cache "$TMP/c7" --now 2019-01-01 >"$TMP/ld7" 2>&1
check "plugin: words: a rebuild with nothing changed..." \
    grep -q "nothing changed since the last build" "$TMP/ld7"
check "plugin: words: ...loads no word library" \
    sh -c "! grep -q 'saitti-words.so\\|libvoikko' '$TMP/ld7'"
check "plugin: xml: ...nor libxml2" \
    sh -c "! grep -q 'saitti-xml.so\\|libxml2' '$TMP/ld7'"
printf '\nUusi kappale.\n' >>"$S/content/blogi/2018-05-01-teksti.md"
LD_DEBUG=files "$SAITTI" build --source "$S" --out "$TMP/o7" \
    --cache "$TMP/c7" --now 2019-01-01 --quiet >"$TMP/ld7" 2>&1
check "plugin: words: a build of the search loads them" \
    grep -q "file=.*libvoikko" "$TMP/ld7"

# Without their part a site with search fails, in the writer's language,
# and keeps its old output; one without search builds.
rm -f "$TMP/alone/saitti-words.so"
if [ -e /usr/local/lib/saitti/saitti-words.so ]; then
	pass "plugin: (skipped: saitti-words.so is installed in /usr/local/lib/saitti)"
else
	printf '\nToinen kappale.\n' >>"$S/content/blogi/2018-05-01-teksti.md"
	cp "$TMP/o7/blogi/teksti/index.html" "$TMP/page7"
	LANGUAGE=en "$TMP/alone/saitti" build --source "$S" --out "$TMP/o7" \
	    --cache "$TMP/c7" --now 2019-01-01 --quiet 2>"$TMP/err7"
	rc=$?
	check "plugin: words: without the part a site with search fails" \
	    test "$rc" = 1
	check "plugin: words: ...and says so and what to do" \
	    grep -q "^site.yaml: error: search cannot be built: saitti's word part did not load (saitti-words.so: not found beside the program or in .*); install saitti again, or build it with make$" "$TMP/err7"
	check "plugin: words: ...and keeps the old output" \
	    cmp -s "$TMP/o7/blogi/teksti/index.html" "$TMP/page7"
	LANGUAGE=fi "$TMP/alone/saitti" build --source "$S" --out "$TMP/o7" \
	    --cache "$TMP/c7" --now 2019-01-01 --quiet 2>"$TMP/err7fi"
	check "plugin: words: ...in Finnish for a Finnish writer" \
	    grep -q "error: hakua ei voi koota, koska saitin sanaosa ei latautunut" "$TMP/err7fi"
	printf 'paths:\n  search: ""\n' >>"$S/site.yaml"
	if "$TMP/alone/saitti" build --source "$S" --out "$TMP/o8" \
	    --now 2019-01-01 --quiet 2>"$TMP/err8"; then
		pass "plugin: words: a site without search builds without the part"
	else
		fail "plugin: words: a site without search builds without the part" \
		    "$(cat "$TMP/err8")"
	fi
fi

# The HTML part (libxml2) without its file: check cannot run, and a post
# with raw HTML or an SVG picture fails the build, each saying so in the
# writer's language; a site with neither builds.
rm -f "$TMP/alone/saitti-xml.so"
if [ -e /usr/local/lib/saitti/saitti-xml.so ]; then
	pass "plugin: (skipped: saitti-xml.so is installed in /usr/local/lib/saitti)"
else
	cp "$B/saitti-words.so" "$TMP/alone/"
	if "$TMP/alone/saitti" build --source "$S" --out "$TMP/o9" \
	    --now 2019-01-01 --quiet 2>"$TMP/err9"; then
		pass "plugin: xml: a site without raw HTML or SVG builds without the part"
	else
		fail "plugin: xml: a site without raw HTML or SVG builds without the part" \
		    "$(cat "$TMP/err9")"
	fi
	LANGUAGE=en "$TMP/alone/saitti" check --source "$S" --now 2019-01-01 \
	    >/dev/null 2>"$TMP/err10"
	rc=$?
	check "plugin: xml: check without the part fails" test "$rc" = 1
	check "plugin: xml: ...and says so and what to do" \
	    grep -q "^saitti: the check cannot run: saitti's HTML part did not load (saitti-xml.so: not found beside the program or in .*); install saitti again, or build it with make$" "$TMP/err10"
	printf '\n<div>Raaka <b>HTML</b></div>\n' \
	    >>"$S/content/blogi/2018-05-01-teksti.md"
	LANGUAGE=en "$TMP/alone/saitti" build --source "$S" --out "$TMP/o9" \
	    --now 2019-01-01 --quiet 2>"$TMP/err11"
	rc=$?
	check "plugin: xml: raw HTML without the part fails the build" \
	    test "$rc" = 1
	check "plugin: xml: ...at the HTML, saying what to do" \
	    grep -q "^content/blogi/2018-05-01-teksti.md:[0-9]*:1: error: raw HTML cannot be checked: saitti's HTML part did not load (saitti-xml.so: .*); install saitti again, or build it with make$" "$TMP/err11"
	check "plugin: xml: ...once" \
	    test "$(grep -c "raw HTML cannot be checked" "$TMP/err11")" = 1
	LANGUAGE=fi "$TMP/alone/saitti" build --source "$S" --out "$TMP/o9" \
	    --now 2019-01-01 --quiet 2>"$TMP/err11fi"
	check "plugin: xml: ...in Finnish for a Finnish writer" \
	    grep -q "error: raakaa HTML:ää ei voi tarkistaa" "$TMP/err11fi"
	sed -i '/Raaka/d' "$S/content/blogi/2018-05-01-teksti.md"
	printf '<svg xmlns="http://www.w3.org/2000/svg"/>\n' >"$S/content/blogi/kuvio.svg"
	LANGUAGE=en "$TMP/alone/saitti" build --source "$S" --out "$TMP/o9" \
	    --now 2019-01-01 --quiet 2>"$TMP/err12"
	rc=$?
	check "plugin: xml: an SVG picture without the part fails the build" \
	    test "$rc" = 1
	check "plugin: xml: ...at the picture, saying what to do" \
	    grep -q "^content/blogi/kuvio.svg: error: SVG pictures cannot be published: saitti's HTML part did not load" "$TMP/err12"
	check "plugin: xml: ...and the old output stands" \
	    test -f "$TMP/o9/blogi/teksti/index.html"
fi
