#include "xmlpart.h"

#include <pthread.h>

#include "plugin.h"

/* Linked into a test binary with the plugin's code (the Makefile's
 * -u xml_plugin_ops); a weak reference pulls nothing in, so the binary,
 * which links none of it, has NULL here and loads the plugin. */
extern const xml_ops xml_plugin_ops __attribute__((weak));

static pthread_once_t once = PTHREAD_ONCE_INIT;
static const xml_ops *ops;
static char error[512];

static void load(void)
{
	ops = plugin_table("xml", "xml_plugin_ops", &xml_plugin_ops, error,
	    sizeof error);
}

const xml_ops *xmlpart(void)
{
	pthread_once(&once, load);
	return ops;
}

const char *xmlpart_error(void)
{
	return error;
}
