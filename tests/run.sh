#!/bin/sh
# Runs every test: the unit test binaries and the shell tests under
# tests/scripts/. Each prints `PASS name` / `FAIL name` lines; a test program
# that crashes or exits non-zero without a FAIL line counts as one failure.
# The last line is `N passed, N failed`.
BUILD=${BUILD:-build}
SAITTI=${SAITTI:-$BUILD/saitti}
export SAITTI BUILD
SAITTI=$(cd "$(dirname "$SAITTI")" && pwd)/$(basename "$SAITTI")
export SAITTI
TOP=$(pwd)
export TOP
log=$(mktemp)
trap 'rm -f "$log"' EXIT
passed=0 failed=0

# Under tests/asan.sh: the sanitizers' reports of one test, and whether
# they are only LeakSanitizer's own tracer crashing at exit (its
# stop-the-world thread dies on a signal, google/sanitizers#1353: no
# finding, and a run again passes); such a test runs once more.
tracer_crash_only() {
	[ -n "$SANITIZER_REPORTS" ] || return 1
	found=1
	for r in "$SANITIZER_REPORTS"/asan.*; do
		[ -f "$r" ] || continue
		[ "$r" -nt "$stamp" ] || continue
		grep -q '^Tracer caught signal' "$r" &&
		    grep -q 'LeakSanitizer has encountered a fatal error' "$r" &&
		    ! grep -q 'ERROR: \(AddressSanitizer\|LeakSanitizer: detected\)' "$r" ||
		    return 1
		found=0
	done
	return $found
}

run() {
	name=$1; shift
	stamp=$(mktemp)
	out=$("$@" 2>&1); rc=$?
	if { [ "$rc" -ne 0 ] || printf '%s\n' "$out" | grep -q '^FAIL '; } &&
	    tracer_crash_only; then
		for r in "$SANITIZER_REPORTS"/asan.*; do
			[ "$r" -nt "$stamp" ] && rm -f "$r"
		done
		echo "note: $name: LeakSanitizer's tracer crashed at exit, not a finding: run again"
		out=$("$@" 2>&1); rc=$?
	fi
	rm -f "$stamp"
	printf '%s\n' "$out" | grep -E '^(FAIL|  )' 
	p=$(printf '%s\n' "$out" | grep -c '^PASS ')
	f=$(printf '%s\n' "$out" | grep -c '^FAIL ')
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "FAIL $name: exited with status $rc"
		printf '%s\n' "$out" | tail -n 20 | sed 's/^/  | /'
		f=1
	fi
	echo "$name: $p passed, $f failed"
	passed=$((passed + p)); failed=$((failed + f))
}

for t in "$BUILD"/tests/test_*; do
	[ -x "$t" ] || continue
	run "$(basename "$t")" "$t"
done
for t in tests/scripts/*.sh; do
	[ -f "$t" ] && [ "$(basename "$t")" != lib.sh ] || continue
	run "$(basename "$t" .sh)" sh "$t"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
