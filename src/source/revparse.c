#include "revparse.h"

#include <stdio.h>
#include <string.h>

#include "../core/i18n.h"
#include "../core/limits.h"

const char *revparse_git_error(void)
{
	const git_error *e = git_error_last();
	return e && e->message ? e->message : "unknown libgit2 error";
}

static const char *git_msg(void)
{
	return revparse_git_error();
}

int revparse_commit(git_repository *repo, const char *dir, const char *rev,
    git_object **commit, diag *d)
{
	git_object *obj = NULL;
	*commit = NULL;
	/* A branch or tag that is there, naming a commit that is not, is
	 * damage, not a typo. Looked at first: git_revparse_single leaks
	 * the reference then (libgit2 1.5, revparse_lookup_object). */
	char why[256] = "";
	git_reference *ref = NULL;
	int err = 0, damaged = 0;
	if (!*rev) {
		/* libgit2 takes "" for a reference name and fails oddly. */
		diag_error(d, dir, 0, 0, "%s", _("--rev is empty: give a "
		    "branch, tag or commit id"));
		return -1;
	}
	/* No git name holds a control character (a line end would split
	 * the message), and one longer than a path is no name either: the
	 * file system's error would read as damage. */
	int odd = strlen(rev) > LIMIT_PATH_BYTES;
	for (const char *c = rev; *c && !odd; c++)
		odd = (unsigned char)*c < 0x20 || *c == 0x7F;
	if (odd) {
		/* TRANSLATORS: %d is the limit (LIMIT_PATH_BYTES). */
		diag_error(d, dir, 0, 0, _("--rev holds a control character "
		    "or is longer than %d bytes: give a branch, tag or commit "
		    "id"), LIMIT_PATH_BYTES);
		return -1;
	}
	if (git_reference_dwim(&ref, repo, rev) == 0 &&
	    git_reference_target(ref) && git_object_lookup(&obj, repo,
	    git_reference_target(ref), GIT_OBJECT_ANY) != 0) {
		snprintf(why, sizeof why, "%s", git_msg());
		err = GIT_ERROR;
		damaged = 1;
	}
	/* Freed once: a failed lookup below may leave ref as it was. */
	git_reference_free(ref);
	ref = NULL;
	git_object_free(obj);
	obj = NULL;
	int invalid = 0;
	if (err == 0 && (err = git_revparse_single(&obj, repo, rev)) != 0) {
		const git_error *ge = git_error_last();
		invalid = ge && ge->klass == GIT_ERROR_INVALID;
		snprintf(why, sizeof why, "%s", git_msg());
		if (err == GIT_ENOTFOUND && git_reference_dwim(&ref, repo,
		    rev) == 0) {
			err = GIT_ERROR;
			damaged = 1;
		}
		git_reference_free(ref);
		ref = NULL;
	}
	/* A syntax libgit2 does not know (":", "@{-1}") is not damage. */
	if (err != 0 && !damaged && invalid)
		err = GIT_EINVALIDSPEC;
	if (err != 0) {
		if ((err == GIT_ENOTFOUND || err == GIT_EINVALIDSPEC) &&
		    git_repository_is_shallow(repo) == 1)
			diag_error(d, dir, 0, 0, _("no revision '%s' in this "
			    "repository; it is a shallow clone, so older "
			    "commits are missing: build a branch, tag or "
			    "commit it has, or fetch more history with git "
			    "fetch --unshallow"), rev);
		else if (err == GIT_ENOTFOUND || err == GIT_EINVALIDSPEC ||
		    err == GIT_EAMBIGUOUS)
			diag_error(d, dir, 0, 0, _("no revision '%s' in this "
			    "repository: give a branch, tag or commit id"), rev);
		else
			diag_error(d, dir, 0, 0, _("cannot read revision '%s' "
			    "(%s): the repository may be damaged; 'git fsck' "
			    "tells more, a fresh clone repairs it"), rev, why);
		return -1;
	}
	int bad = git_object_peel(commit, obj, GIT_OBJECT_COMMIT) != 0;
	if (bad)
		diag_error(d, dir, 0, 0, _("revision '%s' is not a commit (%s)"),
		    rev, git_msg());
	git_object_free(obj);
	return bad ? -1 : 0;
}
