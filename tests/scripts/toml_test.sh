# The official toml-test suite (TOML 1.1 file list) against src/parse/toml.c,
# through the decoder mode of the toml unit test. The suite lives outside
# the repository: $TOML_TEST, or ../shared/toml-test beside the worktree.
. "$TOP/tests/scripts/lib.sh"
suite=${TOML_TEST:-$TOP/../shared/toml-test}
if [ ! -f "$suite/tests/files-toml-1.1.0" ]; then
	echo "SKIP toml-test: no suite at $suite (set TOML_TEST)"
	exit 0
fi
python3 "$TOP/tests/scripts/toml_test.py" "$BUILD/tests/test_toml" \
    "$suite/tests" "$suite/tests/files-toml-1.1.0"
