# Shared by the shell tests: PASS/FAIL lines the runner counts, and a
# temporary folder removed on exit. $SAITTI is the binary, $TOP the repo.
# Messages follow the site's language (the fixtures' is Finnish) unless
# LANGUAGE says otherwise: the tests assert the English msgids, so English
# is the default here; a test of a translation sets LANGUAGE=fi itself.
LANGUAGE=en
export LANGUAGE
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
pass() { echo "PASS $1"; }
fail() { echo "FAIL $1"; [ -n "${2:-}" ] && printf '%s\n' "$2" | sed 's/^/  /' | head -n 30; }
# check NAME COMMAND...: passes when the command succeeds.
check() { name=$1; shift; if "$@" >/dev/null 2>&1; then pass "$name"; else fail "$name"; fi; }
