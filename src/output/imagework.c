#include "imagework.h"

#include "../core/i18n.h"
#include "../core/plugin.h"

int imagework_run(imageset *set, site *s, output *o, imagework_stats *st,
    diag *d)
{
	if (st)
		*st = (imagework_stats){0};
	if (!set->n)
		return 0;
	/* Looked up by name; the cast from dlsym's object pointer is what
	 * POSIX promises works. */
	union {
		void *p;
		int (*run)(imageset *, site *, output *, imagework_stats *,
		    diag *);
	} fn = {plugin_symbol("images", "imagework_plugin_run")};
	if (!fn.p) {
		/* TRANSLATORS: %s is the loader's own reason (a file name
		 * and a system message). */
		diag_error(d, set->imgs[0].file, set->imgs[0].line,
		    set->imgs[0].col, _("pictures cannot be published: "
		    "saitti's picture part did not load (%s); install saitti "
		    "again, or build it with make"), plugin_error());
		return -1;
	}
	return fn.run(set, s, o, st, d);
}
