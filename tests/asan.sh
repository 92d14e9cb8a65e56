#!/bin/sh
# Runs tests/run.sh under the sanitizers (make test-asan): $BUILD and
# $SAITTI name a build made with -fsanitize=address,undefined and
# -fno-sanitize-recover=all, so any finding ends the process with a
# non-zero status and a report.
#
# ASan and LeakSanitizer reports go to files (log_path) rather than to the
# program's stderr: a test that compares stderr is not thrown by one, and
# each counts as one more failure here, even from a run whose exit status a
# shell test ignores. UBSan reports stay on stderr (with GCC, log_path does
# not reach UBSan when ASan is linked too); they end the run with status 1.
# The last line is `N passed, N failed`, like run.sh's.
reports=$(mktemp -d)
log=$(mktemp)
trap 'rm -rf "$reports" "$log"' EXIT
ASAN_OPTIONS="detect_leaks=1:detect_stack_use_after_return=1:fast_unwind_on_malloc=0:log_exe_name=1:log_path=$reports/asan"
UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export ASAN_OPTIONS UBSAN_OPTIONS
SANITIZER_REPORTS=$reports   # tests/run.sh: a tracer's crash runs again
export SANITIZER_REPORTS
sh tests/run.sh | tee "$log" | sed '$d'

status=$(tail -n 1 "$log")
passed=$(printf '%s\n' "$status" |
    sed -n 's/^\([0-9]*\) passed, [0-9]* failed$/\1/p')
failed=$(printf '%s\n' "$status" |
    sed -n 's/^[0-9]* passed, \([0-9]*\) failed$/\1/p')
if [ -z "$passed" ]; then
	echo "FAIL tests/run.sh: no summary line"
	passed=0 failed=1
fi
for r in "$reports"/asan.*; do
	[ -f "$r" ] || continue
	echo "FAIL sanitizer report ($(basename "$r")):"
	head -n 40 "$r" | sed 's/^/  | /'
	failed=$((failed + 1))
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
