#!/bin/sh
# Whole-site golden tests: every tests/fixtures/NAME with an expected/
# folder is built (with the arguments in its `args` file) and compared
# with expected/ byte for byte. `make golden` regenerates expected/.
. tests/scripts/lib.sh
# Builds straight from tests/fixtures keep their caches out of the repository.
export SAITTI_CACHE="$TMP/cache"
for dir in tests/fixtures/*/; do
	name=$(basename "$dir")
	[ -d "$dir/expected" ] || continue
	args=$(cat "$dir/args" 2>/dev/null)
	out="$TMP/$name"
	if ! err=$("$SAITTI" build --source "$dir" --out "$out" --quiet $args 2>&1); then
		fail "golden $name: build" "$err"
		continue
	fi
	if d=$(diff -r -u "$dir/expected" "$out" 2>&1); then
		pass "golden $name"
	else
		fail "golden $name: output differs from expected/ (make golden regenerates it)" "$d"
	fi
	# Two builds and a one-thread build give the same bytes.
	"$SAITTI" build --source "$dir" --out "$TMP/$name-2" --quiet --jobs 1 $args >/dev/null 2>&1
	if diff -r "$out" "$TMP/$name-2" >/dev/null; then
		pass "golden $name: one thread = all threads"
	else
		fail "golden $name: one thread differs"
	fi
done
