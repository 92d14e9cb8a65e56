#!/bin/sh
# make deb: builds the Debian package from a copy of the source tree in
# OUT/src (dpkg-buildpackage writes its results beside the tree it builds,
# so never beside the repository), then runs lintian on it. The .deb ends
# up as OUT/saitti_VERSION_ARCH.deb.
set -eu
out=${1:-build/deb}
top=$(cd "$(dirname "$0")/.." && pwd)
rm -rf "$out"
mkdir -p "$out/src/saitti"
out=$(cd "$out" && pwd)
# The sources, without build folders, caches or node_modules.
(cd "$top" && tar -cf - --exclude='./build*' --exclude='./.git' \
    --exclude='./public' --exclude='./.saitti-cache' \
    --exclude='./tests/a11y/node_modules' .) | (cd "$out/src/saitti" && tar -xf -)
(cd "$out/src/saitti" && dpkg-buildpackage -us -uc -b >"$out/build.log" 2>&1) || {
	tail -n 40 "$out/build.log"
	exit 1
}
mv "$out"/src/saitti_*.deb "$out/"
deb=$(ls "$out"/saitti_*.deb)
echo "saitti: built $deb"
# lintian: errors fail the build; warnings are shown.
lintian --fail-on error --suppress-tags bad-distribution-in-changes-file \
    "$deb" | tee "$out/lintian.txt"
