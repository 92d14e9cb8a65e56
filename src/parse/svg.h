/* svg: an SVG file made safe to publish, with libxml2's parser (never
 * with string matching). Pure: bytes in, bytes out.
 *
 * Taken out: <script>, <foreignObject> (HTML inside a picture), <handler>
 * and <listener>; every on… attribute (event handlers); every href or
 * xlink:href that is not a reference inside the file ("#id"), which also
 * drops links out of the picture; style attributes and <style> elements
 * that load anything (url() outside the file, @import); processing
 * instructions (xml-stylesheet) and the DOCTYPE.
 * Refused: a file that is not well-formed XML, whose root is not <svg>, or
 * that declares entities (entity tricks, external files); the network is
 * never used (XML_PARSE_NONET). Built into saitti-xml.so: the rest of
 * saitti calls it through core/xmlpart.h. */
#ifndef SAITTI_SVG_H
#define SAITTI_SVG_H

#include <stddef.h>

#include "../core/buf.h"

/* Appends the cleaned file to out and returns 0, or returns -1 with a
 * translated sentence saying why in why (out unchanged). Thread-safe once
 * svg_init() has run. *removed counts what was taken out. */
int svg_clean(const char *data, size_t len, buf *out, size_t *removed,
    char *why, size_t whysz);

/* libxml2's one-time set-up; call on one thread before any svg_clean. */
void svg_init(void);

#endif
