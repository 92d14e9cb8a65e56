#!/bin/sh
# Search in a real browser (tests/a11y/search.js): Debian's headless
# Chromium types queries on the project's own site; axe on /haku/. Needs
# `make a11y-deps`. Also: without JavaScript the page says what to do.
. "$(dirname "$0")/lib.sh"
cd "$TOP" || exit 1
export SAITTI_CACHE="$TMP/cache"
NM=tests/a11y/node_modules
if ! command -v node >/dev/null || [ ! -f "$NM/playwright-core/package.json" ] || [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
	fail "search browser tools" "missing node, playwright-core or chromium (run make a11y-deps)"
	exit 1
fi
"$SAITTI" build --source . --out "$TMP/site" --now 2019-06-01 --quiet
if grep -q '<noscript>' "$TMP/site/haku/index.html" && grep -q 'JavaScript' "$TMP/site/haku/index.html" &&
    grep -q '<form id="haku-lomake"[^>]*method="get"' "$TMP/site/haku/index.html"; then
	pass "search: without JavaScript, a GET form and a message"
else
	fail "search: without JavaScript, a GET form and a message"
fi
node tests/a11y/search.js "$TMP/site"
