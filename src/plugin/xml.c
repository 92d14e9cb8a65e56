/* xml: the parts of saitti that use libxml2, built apart into
 * saitti-xml.so with parse/sanitize, parse/svg and cli/linkscan
 * (core/xmlpart.h says why). */
#include "../core/xmlpart.h"

#include "../cli/linkscan.h"
#include "../parse/sanitize.h"
#include "../parse/svg.h"

const xml_ops xml_plugin_ops = {
	sanitize_html, svg_init, svg_clean, linkscan_init, linkscan_file,
	linkscan_free, scan_urls_free,
};
