/* mdmem: the memory cmark works in while this thread parses and renders
 * one Markdown document. cmark allocates a node, a string or a buffer
 * with calloc or realloc and frees each one again: some 150 calls to
 * malloc's functions for every kilobyte of text. Here they take the next
 * bytes of a block, a free gives nothing back (but the newest bytes), and
 * everything goes at once when the document is done.
 *
 * Every node of a tree must come from the same allocator (cmark.h):
 * between mdmem_begin and mdmem_end, make nodes with
 * cmark_node_new_with_mem(type, the mdmem_begin's mem). Calls nest: only
 * the outermost mdmem_end forgets the memory. */
#ifndef SAITTI_MDMEM_H
#define SAITTI_MDMEM_H

#include <cmark.h>

cmark_mem *mdmem_begin(void);
/* Everything allocated since the outermost mdmem_begin is gone, the tree
 * at doc (may be NULL) with it. Under AddressSanitizer cmark keeps
 * malloc's allocator, so that ASan still sees each allocation: doc is
 * then freed node by node. */
void mdmem_end(cmark_node *doc);

#endif
