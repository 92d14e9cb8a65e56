#!/bin/sh
# Fuzz regressions: every seed (tests/fuzz/corpus/NAME/) and every input
# that once crashed a harness (tests/fuzz/regressions/NAME/) goes through
# the harness tests/fuzz/fuzz_NAME.c again, built without libFuzzer by
# `make test` as $BUILD/fuzz/fuzz_NAME (tests/fuzz/replay.c is its main).
# One process per input, so a crash names its file; under `make test-asan`
# the sanitizers check each run. Run from the repository root.
. tests/scripts/lib.sh
BUILD=${BUILD:-build}
TOP=${TOP:-$(pwd)}
export TOP
to=
command -v timeout >/dev/null 2>&1 && to="timeout 120"
for src in tests/fuzz/fuzz_*.c; do
	name=$(basename "$src" .c)
	name=${name#fuzz_}
	bin=$BUILD/fuzz/fuzz_$name
	if [ ! -x "$bin" ]; then
		fail "fuzz $name: $bin is missing (make test builds it)"
		continue
	fi
	for f in tests/fuzz/corpus/"$name"/* tests/fuzz/regressions/"$name"/*; do
		[ -f "$f" ] || continue
		if out=$($to "$bin" "$f" 2>&1); then
			pass "fuzz $name: $f"
		else
			fail "fuzz $name: $f: exit status $?" "$(printf '%s\n' "$out" | tail -n 20)"
		fi
	done
done
