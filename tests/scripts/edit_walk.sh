#!/bin/sh
# A random walk of edits (tests/scripts/edit_walk.py): after each, a build
# with the caches equals a build from scratch.
. "$TOP/tests/scripts/lib.sh"
python3 "$TOP/tests/scripts/edit_walk.py" "$SAITTI" "$TOP/bench/corpus.py" \
    "$TMP"
