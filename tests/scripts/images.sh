#!/bin/sh
# Pictures from a phone, published right (issue 19). A small site with the
# default theme and a phone photo made here (vips) that carries GPS, XMP,
# IPTC and a 90° EXIF orientation (exiftool): no published picture keeps any
# of it (exiftool reads them back), the sizes and markup are right (srcset,
# width, height, lazy, a credited <figure>, the Nu checker), og:image is a
# 1200×630 file, rebuilds come from the cache and are byte-identical, and
# a decompression bomb, a cut-short JPEG and a bad image_focus are refused
# at the reference.
. tests/scripts/lib.sh
for tool in vips vipsheader exiftool; do
	command -v $tool >/dev/null 2>&1 || { fail "images: $tool missing"; exit 1; }
done
S=$TMP/site
mkdir -p "$S/content/blogi" "$S/themes"
cp -R "$TOP/themes/default" "$S/themes/"
cat >"$S/site.yaml" <<'EOF'
title: Kuvasaitti
base_url: "https://example.fi/lape/"
language: fi
timezone: Europe/Helsinki
theme: default
EOF
printf -- '---\ntitle: Etusivu\n---\nTervetuloa.\n' >"$S/content/index.md"

# The phone photo: 3000×2000 pixels stored, shown 2000×3000 (orientation 6).
vips gaussnoise "$TMP/n.v" 300 200 --mean 128 --sigma 40 &&
vips resize "$TMP/n.v" "$TMP/big.v" 10 &&
vips bandjoin "$TMP/big.v $TMP/big.v $TMP/big.v" "$TMP/rgb.v" &&
vips copy "$TMP/rgb.v" "$TMP/phone.jpg[Q=90]" &&
exiftool -q -overwrite_original -GPSLatitude=60.1699 -GPSLatitudeRef=N \
    -GPSLongitude=24.9384 -GPSLongitudeRef=E -Orientation#=6 \
    -Artist=Kuvaaja -XMP:Creator=Kuvaaja -IPTC:By-line=Kuvaaja "$TMP/phone.jpg" ||
	{ fail "images: making the fixture photo"; exit 1; }
check "fixture photo carries GPS" sh -c "exiftool -s -GPSLatitude '$TMP/phone.jpg' | grep -q GPSLatitude"
cp "$TMP/phone.jpg" "$S/content/blogi/kuva.jpg"
cp "$TMP/phone.jpg" "$S/content/blogi/toinen.jpg"
vips copy "$TMP/n.v" "$S/content/blogi/pieni.png"
vips bandjoin "$TMP/n.v $TMP/n.v $TMP/n.v" "$TMP/small.v" &&
vips icc_export "$TMP/small.v" "$S/content/blogi/cmyk.jpg" --output-profile cmyk

cat >"$S/content/blogi/2018-05-01-kuvia.md" <<'EOF'
---
title: Kuvia
date: 2018-05-01
image: kuva.jpg
image_alt: Perhekeskuksen piha
image_credit: "Kuva: Ville Miettinen"
image_focus: "0.3,0.6"
---
Ensimmäinen kappale.

![Leikkipaikka talvella](toinen.jpg "Kuva: Ville Miettinen")

Tekstissä pieni ![kaavio](pieni.png) kuva.
EOF
export SAITTI_CACHE="$TMP/cache"
OUT=$TMP/out
if "$SAITTI" build --source "$S" --out "$OUT" --now 2018-06-01 --quiet 2>"$TMP/err"; then
	pass "images: site builds"
else
	fail "images: site builds" "$(cat "$TMP/err")"
	exit 1
fi

# --- metadata: nothing of the phone's EXIF, GPS, XMP or IPTC is published.
find "$OUT" -name '*.jpg' -o -name '*.webp' -o -name '*.png' | sort >"$TMP/pics"
n=$(wc -l <"$TMP/pics")
[ "$n" -ge 15 ] && pass "images: $n files published" || fail "images: files published" "$(cat "$TMP/pics")"
# shellcheck disable=SC2046
exiftool -a -G1 -s $(cat "$TMP/pics") >"$TMP/exif" 2>&1
if grep -E '^\[(GPS|IFD0|ExifIFD|XMP|IPTC|XMP-[a-z]+)\]' "$TMP/exif" >"$TMP/meta"; then
	fail "images: no EXIF, GPS, XMP or IPTC in any published picture" "$(head "$TMP/meta")"
else
	pass "images: no EXIF, GPS, XMP or IPTC in any published picture"
fi
check "images: exiftool read the files" grep -q 'ImageSize' "$TMP/exif"
if cmp -s "$TMP/phone.jpg" "$OUT/blogi/kuva.jpg"; then
	fail "images: the original is not published as is"
else
	pass "images: the original is not published as is"
fi
# Upright (orientation applied), resized, never upscaled.
size() { vipsheader -f width "$1" 2>/dev/null | tr -d '\n'; printf x; vipsheader -f height "$1" 2>/dev/null; }
[ "$(size "$OUT/blogi/kuva-480.jpg")" = 480x720 ] && pass "images: 480 wide, upright" ||
	fail "images: 480 wide, upright" "$(size "$OUT/blogi/kuva-480.jpg")"
[ "$(size "$OUT/blogi/kuva.jpg")" = 1600x2400 ] && pass "images: own address holds the widest copy" ||
	fail "images: own address holds the widest copy" "$(size "$OUT/blogi/kuva.jpg")"
[ "$(size "$OUT/blogi/kuva-1600.webp")" = 1600x2400 ] && pass "images: WebP copy" ||
	fail "images: WebP copy"
if [ -f "$OUT/blogi/pieni-300.png" ] && [ ! -e "$OUT/blogi/pieni-480.png" ]; then
	pass "images: a small picture is never upscaled"
else
	fail "images: a small picture is never upscaled" "$(ls "$OUT/blogi")"
fi
# A CMYK JPEG with its profile (unreferenced: published all the same).
case $(vipsheader "$OUT/blogi/cmyk.jpg") in
*"3 bands, srgb"*) pass "images: a CMYK picture is published in sRGB" ;;
*) fail "images: a CMYK picture is published in sRGB" "$(vipsheader "$OUT/blogi/cmyk.jpg")" ;;
esac

# --- markup.
P=$OUT/blogi/kuvia/index.html
imgs=$(grep -o '<img [^>]*>' "$P")
echo "$imgs" >"$TMP/imgs"
nimg=$(grep -c . "$TMP/imgs")
[ "$nimg" -eq 3 ] && pass "images: three <img> on the post" || fail "images: three <img>" "$imgs"
if ! grep -v 'width="[0-9]*" height="[0-9]*"' "$TMP/imgs" | grep -q . &&
    ! grep -v 'srcset="[^"]*480w' "$TMP/imgs" | grep -v pieni | grep -q .; then
	pass "images: width, height and srcset on every <img>"
else
	fail "images: width, height and srcset on every <img>" "$imgs"
fi
grep -q 'src="/lape/blogi/kuva-1600.jpg"[^>]*width="1600" height="2400"' "$TMP/imgs" &&
	pass "images: the front image's size" || fail "images: the front image's size" "$imgs"
first=$(head -n 1 "$TMP/imgs")
case $first in *loading=\"lazy\"*) fail "images: the first picture is not lazy" "$first" ;; *) pass "images: the first picture is not lazy" ;; esac
[ "$(grep -c 'loading="lazy"' "$TMP/imgs")" -eq 2 ] && pass "images: the others are lazy" || fail "images: the others are lazy" "$imgs"
[ "$(grep -c 'decoding="async"' "$TMP/imgs")" -eq 3 ] && pass "images: decoding async" || fail "images: decoding async"
grep -q '<source type="image/webp" srcset="/lape/blogi/toinen-480.webp 480w' "$P" &&
	pass "images: <picture> with a WebP source" || fail "images: <picture> with a WebP source"
[ "$(grep -c '<figcaption>Kuva: Ville Miettinen</figcaption></figure>' "$P")" -eq 2 ] &&
	pass "images: credits as figcaptions (front matter and title)" || fail "images: credits as figcaptions" "$(grep -o '<figure.\{0,80\}' "$P")"
grep -q '<p>Tekstissä pieni <picture>' "$P" && pass "images: an inline picture stays in its paragraph" ||
	fail "images: an inline picture stays in its paragraph"

# --- sharing.
og=$(grep -o '<meta property="og:image" content="[^"]*"' "$P" | sed 's/.*content="//; s/"$//')
case $og in
https://example.fi/lape/*)
	f=$OUT/${og#https://example.fi/lape/}
	[ "$(size "$f")" = 1200x630 ] && pass "images: og:image is a 1200x630 file" ||
		fail "images: og:image is a 1200x630 file" "$og $(size "$f")" ;;
*) fail "images: og:image is a 1200x630 file" "og:image: '$og'" ;;
esac
case $og in *-30-60.jpg) pass "images: og:image follows image_focus" ;; *) fail "images: og:image follows image_focus" "$og" ;; esac
grep -q "\"image\":\"$og\"" "$P" && pass "images: JSON-LD image" || fail "images: JSON-LD image"
grep -q '<meta name="twitter:card" content="summary_large_image">' "$P" &&
	pass "images: twitter:card" || fail "images: twitter:card"
grep -q '<meta name="twitter:card" content="summary">' "$OUT/index.html" &&
	pass "images: no picture, small card" || fail "images: no picture, small card"

# A site-wide default for pages without a picture.
printf 'images: {default: blogi/toinen.jpg}\n' >>"$S/site.yaml"
"$SAITTI" build --source "$S" --out "$TMP/out-def" --now 2018-06-01 --quiet 2>"$TMP/err" &&
grep -q '<meta property="og:image" content="https://example.fi/lape/blogi/toinen-1200x630.jpg">' "$TMP/out-def/index.html" &&
[ "$(size "$TMP/out-def/blogi/toinen-1200x630.jpg")" = 1200x630 ] &&
	pass "images: site.yaml images.default" || fail "images: site.yaml images.default" "$(cat "$TMP/err")"
sed '$d' "$S/site.yaml" >"$S/site.new" && mv "$S/site.new" "$S/site.yaml"

# --- the Nu checker, when tests/a11y has it.
VNU=$TOP/tests/a11y/node_modules/vnu-jar/build/dist/vnu.jar
if [ -f "$VNU" ] && command -v java >/dev/null 2>&1; then
	if java -jar "$VNU" --errors-only --format gnu "$P" >"$TMP/nu" 2>&1; then
		pass "images: Nu checker clean"
	else
		fail "images: Nu checker clean" "$(cat "$TMP/nu")"
	fi
else
	fail "images: Nu checker clean" "no vnu.jar (make a11y-deps)"
fi

# --- cache and determinism.
"$SAITTI" build --source "$S" --out "$OUT" --now 2018-06-01 --verbose 2>"$TMP/err2"
grep -q 'images   4 pictures published: 0 made, 4 from the cache' "$TMP/err2" &&
	pass "images: a rebuild decodes nothing" || fail "images: a rebuild decodes nothing" "$(cat "$TMP/err2")"
SAITTI_CACHE=$TMP/cache-b "$SAITTI" build --source "$S" --out "$TMP/out-b" --now 2018-06-01 --quiet 2>"$TMP/err" &&
if diff -r "$OUT" "$TMP/out-b" >"$TMP/diff"; then
	pass "images: two builds are byte-identical"
else
	fail "images: two builds are byte-identical" "$(cat "$TMP/diff" "$TMP/err")"
fi
ls "$TMP/cache/images" | grep -q . && pass "images: variants kept in the cache folder" ||
	fail "images: variants kept in the cache folder"

# A site without pictures never starts libvips (nor makes its cache).
N=$TMP/noimg
mkdir -p "$N/content" && cp -R "$S/themes" "$S/site.yaml" "$N/" && cp "$S/content/index.md" "$N/content/"
SAITTI_CACHE=$TMP/cache-n "$SAITTI" build --source "$N" --out "$TMP/out-n" --now 2018-06-01 --quiet &&
[ ! -e "$TMP/cache-n/images" ] && pass "images: none, no image work" || fail "images: none, no image work"

# publish_original: the file as it is, on request.
printf 'images: {publish_original: true}\n' >>"$S/site.yaml"
SAITTI_CACHE=$TMP/cache "$SAITTI" build --source "$S" --out "$TMP/out-o" --now 2018-06-01 --quiet &&
cmp -s "$TMP/phone.jpg" "$TMP/out-o/blogi/kuva.jpg" && pass "images: publish_original" || fail "images: publish_original"
sed '$d' "$S/site.yaml" >"$S/site.new" && mv "$S/site.new" "$S/site.yaml"

# --- bad pictures: FILE:LINE:COL at the reference.
# A 274-byte PNG that claims 50,000 × 50,000 pixels.
python3 - "$S/content/blogi/pommi.png" <<'EOF'
import struct, sys, zlib
def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
ihdr = struct.pack('>IIBBBBB', 50000, 50000, 8, 0, 0, 0, 0)
open(sys.argv[1], 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', ihdr) +
    chunk(b'IDAT', zlib.compress(b'\0' * 200004, 9)) + chunk(b'IEND', b''))
EOF
printf '\nPommi:\n\n![pommi](pommi.png)\n' >>"$S/content/blogi/2018-05-01-kuvia.md"
LANGUAGE=en "$SAITTI" build --source "$S" --out "$TMP/out-bad" --now 2018-06-01 --quiet 2>"$TMP/err"
rc=$?
want="content/blogi/2018-05-01-kuvia.md:17:1: error: picture 'content/blogi/pommi.png' cannot be published: it claims 50000 × 50000 pixels, more than the limit of 20000 pixels a side and 250 million in all: make it smaller before adding it"
if [ $rc -eq 1 ] && grep -qxF "$want" "$TMP/err"; then
	pass "images: a decompression bomb is refused at its reference"
else
	fail "images: a decompression bomb is refused at its reference" "rc=$rc $(cat "$TMP/err")"
fi
[ ! -e "$TMP/out-bad" ] && pass "images: nothing written after an error" || fail "images: nothing written after an error"
LANGUAGE=fi "$SAITTI" build --source "$S" --out "$TMP/out-bad" --now 2018-06-01 --quiet 2>"$TMP/err"
grep -q "kuvaa 'content/blogi/pommi.png' ei voi julkaista" "$TMP/err" &&
	pass "images: the refusal in Finnish" || fail "images: the refusal in Finnish" "$(cat "$TMP/err")"
# The same picture named only by the front matter: the error is at image:.
cp "$S/content/blogi/2018-05-01-kuvia.md" "$TMP/kuvia.md"
sed -e 's/^image: kuva.jpg/image: pommi.png/' -e '/(pommi.png)/d' "$TMP/kuvia.md" >"$S/content/blogi/2018-05-01-kuvia.md"
LANGUAGE=en "$SAITTI" build --source "$S" --out "$TMP/out-bad" --now 2018-06-01 --quiet 2>"$TMP/err"
grep -q "^content/blogi/2018-05-01-kuvia.md:4:8: error: picture 'content/blogi/pommi.png' cannot be published: it claims 50000 × 50000" "$TMP/err" &&
	pass "images: the bomb named by image: is refused at that line" || fail "images: the bomb named by image:" "$(cat "$TMP/err")"
cp "$TMP/kuvia.md" "$S/content/blogi/2018-05-01-kuvia.md"
rm "$S/content/blogi/pommi.png"

# A phone photo cut short in the copying.
head -c 20000 "$TMP/phone.jpg" >"$S/content/blogi/pommi.png.jpg"
sed 's/(pommi.png)/(pommi.png.jpg)/' "$S/content/blogi/2018-05-01-kuvia.md" >"$S/x" && mv "$S/x" "$S/content/blogi/2018-05-01-kuvia.md"
LANGUAGE=en "$SAITTI" build --source "$S" --out "$TMP/out-bad" --now 2018-06-01 --quiet 2>"$TMP/err"
grep -q "^content/blogi/2018-05-01-kuvia.md:17:1: error: picture 'content/blogi/pommi.png.jpg' cannot be published: it cannot be read (.*): it is damaged or cut short" "$TMP/err" &&
	pass "images: a truncated JPEG is refused at its reference" || fail "images: a truncated JPEG is refused" "$(cat "$TMP/err")"
printf 'not a picture\n' >"$S/content/blogi/pommi.png.jpg"
LANGUAGE=en "$SAITTI" build --source "$S" --out "$TMP/out-bad" --now 2018-06-01 --quiet 2>"$TMP/err"
grep -q "^content/blogi/2018-05-01-kuvia.md:17:1: error: picture 'content/blogi/pommi.png.jpg' cannot be published: it is not a JPEG, PNG or WebP picture" "$TMP/err" &&
	pass "images: a file that is no picture is refused" || fail "images: a file that is no picture is refused" "$(cat "$TMP/err")"
rm "$S/content/blogi/pommi.png.jpg"
head -n 14 "$S/content/blogi/2018-05-01-kuvia.md" >"$S/x" && mv "$S/x" "$S/content/blogi/2018-05-01-kuvia.md"

# A focus outside the picture.
sed 's/^image_focus: .*/image_focus: "1.5,0.6"/' "$S/content/blogi/2018-05-01-kuvia.md" >"$S/x" && mv "$S/x" "$S/content/blogi/2018-05-01-kuvia.md"
LANGUAGE=en "$SAITTI" build --source "$S" --out "$TMP/out-bad" --now 2018-06-01 --quiet 2>"$TMP/err"
grep -qxF "content/blogi/2018-05-01-kuvia.md:7:14: error: 'image_focus' must be two numbers from 0 to 1, across and down, like image_focus: \"0.3,0.6\" (0,0 is the top left corner)" "$TMP/err" &&
	pass "images: a bad image_focus is refused at its line" || fail "images: a bad image_focus is refused" "$(cat "$TMP/err")"
sed 's/^image_focus: .*/image_focus: "0.3,0.6"/' "$S/content/blogi/2018-05-01-kuvia.md" >"$S/x" && mv "$S/x" "$S/content/blogi/2018-05-01-kuvia.md"

# --- SVG: published cleaned by libxml2's parser, or refused.
cat >"$S/content/blogi/paha.svg" <<'EOF2'
<?xml version="1.0"?>
<?xml-stylesheet href="https://evil.example/x.css"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10" onload="alert(1)">
<script>alert(2)</script>
<style>@import url(https://evil.example/a.css);</style>
<style>.a{fill:url(#g)}</style>
<image xlink:href="https://tracker.example/p.png" width="1" height="1"/>
<use href="#r"/>
<a href="javascript:alert(3)"><rect id="r" width="5" height="5" style="fill:url(https://x.example/y)" onclick="x()"/></a>
<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">hi</div></foreignObject>
<set attributeName="href" to="javascript:alert(4)"/>
</svg>
EOF2
printf '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><title>hyvä</title><rect width="5" height="5"/></svg>\n' >"$S/content/blogi/hyva.svg"
LANGUAGE=en "$SAITTI" build --source "$S" --out "$TMP/out-svg" --now 2018-06-01 2>"$TMP/err"
grep -qxF "content/blogi/paha.svg: warning: 9 unsafe parts (scripts, event handlers or outside references) were taken out of this SVG picture" "$TMP/err" &&
	pass "svg: what was taken out is reported" || fail "svg: what was taken out is reported" "$(cat "$TMP/err")"
X=$TMP/out-svg/blogi/paha.svg
if command -v xmllint >/dev/null 2>&1 && xmllint --noout "$X" 2>/dev/null; then
	bad=$(xmllint --xpath 'count(//*[local-name()="script" or local-name()="foreignObject"]) + count(//@*[starts-with(local-name(),"on")]) + count(//@*[local-name()="href" and not(starts-with(.,"#"))]) + count(//processing-instruction())' "$X")
	[ "$bad" = 0 ] && pass "svg: no script, handler or outside reference (xmllint)" ||
		fail "svg: no script, handler or outside reference (xmllint)" "$(cat "$X")"
else
	fail "svg: the cleaned file is XML (xmllint)" "$(cat "$X")"
fi
if grep -qi 'javascript\|https://\|@import' "$X"; then
	fail "svg: no javascript: or outside URL left" "$(cat "$X")"
else
	pass "svg: no javascript: or outside URL left"
fi
grep -q 'fill:url(#g)' "$X" && grep -q '<use href="#r"/>' "$X" && pass "svg: references inside the file stay" ||
	fail "svg: references inside the file stay" "$(cat "$X")"
cmp -s "$S/content/blogi/hyva.svg" "$TMP/out-svg/blogi/hyva.svg" && pass "svg: a clean file is published as it is" ||
	fail "svg: a clean file is published as it is" "$(cat "$TMP/out-svg/blogi/hyva.svg")"
printf '<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>\n' >"$S/content/blogi/xxe.svg"
LANGUAGE=en "$SAITTI" build --source "$S" --out "$TMP/out-svg2" --now 2018-06-01 --quiet 2>"$TMP/err"
rc=$?
[ $rc -eq 1 ] && grep -qxF "content/blogi/xxe.svg: error: SVG picture refused: it declares XML entities, which could read other files: save it again as plain SVG" "$TMP/err" &&
	pass "svg: entities refused" || fail "svg: entities refused" "rc=$rc $(cat "$TMP/err")"
printf '<svg xmlns="http://www.w3.org/2000/svg"><rect></svg>\n' >"$S/content/blogi/xxe.svg"
LANGUAGE=fi "$SAITTI" build --source "$S" --out "$TMP/out-svg2" --now 2018-06-01 --quiet 2>"$TMP/err"
grep -qxF "content/blogi/xxe.svg: error: SVG-kuvaa ei julkaista: se ei ole kelvollista XML:ää: tallenna se piirto-ohjelmasta uudelleen tavallisena SVG-tiedostona" "$TMP/err" &&
	pass "svg: broken XML refused, in Finnish" || fail "svg: broken XML refused, in Finnish" "$(cat "$TMP/err")"
rm -f "$S/content/blogi/xxe.svg"

# pieni.jpg beside pieni.png: their copies keep apart.
vips copy "$TMP/n.v" "$S/content/blogi/pieni.jpg"
if "$SAITTI" build --source "$S" --out "$TMP/out-two" --now 2018-06-01 --quiet 2>"$TMP/err" &&
    [ -f "$TMP/out-two/blogi/pieni-300.jpg" ] && [ -f "$TMP/out-two/blogi/pieni-png-300.png" ] &&
    grep -q 'srcset="/lape/blogi/pieni-png-300.png 300w"' "$TMP/out-two/blogi/kuvia/index.html"; then
	pass "images: same name, two formats"
else
	fail "images: same name, two formats" "$(cat "$TMP/err"; ls "$TMP/out-two/blogi")"
fi

# AVIF on request (slow to encode: a small picture here), without metadata.
A=$TMP/avif
mkdir -p "$A/content/blogi" && cp -R "$S/themes" "$A/"
sed 's/^theme: .*/theme: default\nimages: {avif: true}/' "$S/site.yaml" >"$A/site.yaml"
printf -- '---\ntitle: Etusivu\n---\n![kuva](blogi/k.jpg)\n' >"$A/content/index.md"
vips copy "$TMP/small.v" "$A/content/blogi/k.jpg" &&
exiftool -q -overwrite_original -GPSLatitude=60.1 -GPSLatitudeRef=N -XMP:Creator=X "$A/content/blogi/k.jpg"
if "$SAITTI" build --source "$A" --out "$TMP/out-avif" --now 2018-06-01 --quiet 2>"$TMP/err" &&
    [ -f "$TMP/out-avif/blogi/k-300.avif" ] &&
    grep -q '<source type="image/avif" srcset="/lape/blogi/k-300.avif 300w"' "$TMP/out-avif/index.html"; then
	pass "images: AVIF with images: {avif: true}"
else
	fail "images: AVIF with images: {avif: true}" "$(cat "$TMP/err"; ls "$TMP/out-avif/blogi")"
fi
if exiftool -a -G1 -s "$TMP/out-avif/blogi/k-300.avif" | grep -qE '^\[(GPS|IFD0|ExifIFD|XMP-[a-z]+)\]'; then
	fail "images: no metadata in AVIF"
else
	pass "images: no metadata in AVIF"
fi

# A picture in a post's first paragraph: the summary on the list page is
# the rewritten one, whole (its length is known from the rewrite).
L=$TMP/lead
mkdir -p "$L/content/blogi" && cp -R "$S/themes" "$S/site.yaml" "$L/" &&
cp "$S/content/index.md" "$L/content/" && vips copy "$TMP/n.v" "$L/content/blogi/pieni.png"
printf -- '---\ntitle: Alussa kuva\ndate: 2018-05-02\n---\nKaavio ![kaavio](pieni.png) heti alussa.\n\nToinen kappale.\n' >"$L/content/blogi/2018-05-02-alussa.md"
if "$SAITTI" build --source "$L" --out "$TMP/out-lead" --now 2018-06-01 --quiet 2>"$TMP/err" &&
    tr -d '\n' <"$TMP/out-lead/blogi/index.html" | grep -q 'Kaavio <picture>.*pieni-300.png 300w.*</picture> heti alussa\.</p>'; then
	pass "images: a picture in the summary, whole on the list page"
else
	fail "images: a picture in the summary, whole on the list page" "$(cat "$TMP/err"; grep -n 'Kaavio' "$TMP/out-lead/blogi/index.html")"
fi
