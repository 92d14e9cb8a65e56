#!/bin/sh
# Every message a writer can see is in the site's language: each msgid in
# the sources (as `make pot` collects them) has its Finnish translation in
# po/fi.po, so a new message cannot reach a Finnish writer in English.
. tests/scripts/lib.sh
cd "$TOP" || exit 1
if xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ \
    --keyword=P_:1,2 --keyword=NP_:1,2 --sort-by-file -o "$TMP/saitti.pot" \
    $(grep -v '^#' po/POTFILES) 2>"$TMP/xgettext.err"; then
	pass "po: the msgids are collected"
else
	fail "po: the msgids are collected" "$(cat "$TMP/xgettext.err")"
fi
if msgcmp po/fi.po "$TMP/saitti.pot" 2>"$TMP/msgcmp.err"; then
	pass "po: every msgid has a Finnish translation"
else
	fail "po: every msgid has a Finnish translation" \
	    "$(grep -v 'is not used' "$TMP/msgcmp.err")"
fi
