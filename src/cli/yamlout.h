/* yamlout: a value written as YAML through libyaml's emitter, for the
 * files `saitti import` writes (front matter, site.yaml). Strings are
 * always double-quoted, so that no word becomes a boolean or a number
 * (YAML 1.1's "no", "on", "2019-02-01"); lists are written [a, b]. */
#ifndef SAITTI_YAMLOUT_H
#define SAITTI_YAMLOUT_H

#include "../core/buf.h"
#include "../core/value.h"

/* Appends map as YAML lines, without document markers. */
void yamlout_map(buf *out, const value *map);

/* Appends s as one YAML double-quoted scalar: '"' and '\\' escaped,
 * control characters as \xNN, the rest as it is. */
void yamlout_quoted(buf *out, const char *s);

#endif
