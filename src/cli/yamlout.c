#include "yamlout.h"

#include <stdio.h>
#include <string.h>
#include <yaml.h>

static int buf_writer(void *ctx, unsigned char *s, size_t n)
{
	buf_put(ctx, (const char *)s, n);
	return 1;
}

static void emit_scalar(yaml_emitter_t *em, const char *s, int plain)
{
	yaml_event_t ev;
	yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s,
	    (int)strlen(s), plain, !plain, plain ? YAML_PLAIN_SCALAR_STYLE :
	    YAML_DOUBLE_QUOTED_SCALAR_STYLE);
	yaml_emitter_emit(em, &ev);
}

static void emit_value(yaml_emitter_t *em, const value *v)
{
	yaml_event_t ev;
	char num[64];
	switch (v->kind) {
	case VAL_NULL: emit_scalar(em, "null", 1); break;
	case VAL_BOOL: emit_scalar(em, v->u.b ? "true" : "false", 1); break;
	case VAL_NUM:
		if (v->sub == VSUB_INT)
			snprintf(num, sizeof num, "%lld", v->u.inum);
		else
			snprintf(num, sizeof num, "%.17g", v->u.num);
		emit_scalar(em, num, 1);
		break;
	case VAL_STR: emit_scalar(em, v->u.str.s, 0); break;
	case VAL_LIST:
		yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
		    YAML_FLOW_SEQUENCE_STYLE);
		yaml_emitter_emit(em, &ev);
		for (size_t i = 0; i < v->u.list.len; i++)
			emit_value(em, v->u.list.items[i]);
		yaml_sequence_end_event_initialize(&ev);
		yaml_emitter_emit(em, &ev);
		break;
	case VAL_MAP:
		yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
		    YAML_BLOCK_MAPPING_STYLE);
		yaml_emitter_emit(em, &ev);
		for (size_t i = 0; i < v->u.map.len; i++) {
			emit_scalar(em, v->u.map.items[i].key, 1);
			emit_value(em, v->u.map.items[i].val);
		}
		yaml_mapping_end_event_initialize(&ev);
		yaml_emitter_emit(em, &ev);
		break;
	}
}

void yamlout_map(buf *out, const value *map)
{
	yaml_emitter_t em;
	yaml_event_t ev;
	yaml_emitter_initialize(&em);
	yaml_emitter_set_output(&em, buf_writer, out);
	yaml_emitter_set_unicode(&em, 1);
	yaml_emitter_set_width(&em, -1);
	yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
	yaml_emitter_emit(&em, &ev);
	yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
	yaml_emitter_emit(&em, &ev);
	emit_value(&em, map);
	yaml_document_end_event_initialize(&ev, 1);
	yaml_emitter_emit(&em, &ev);
	yaml_stream_end_event_initialize(&ev);
	yaml_emitter_emit(&em, &ev);
	yaml_emitter_flush(&em);
	yaml_emitter_delete(&em);
}

void yamlout_quoted(buf *b, const char *s)
{
	buf_putc(b, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\') {
			buf_putc(b, '\\');
			buf_putc(b, (char)c);
		} else if (c < 0x20 || c == 0x7f) {
			buf_printf(b, "\\x%02x", c);
		} else {
			buf_putc(b, (char)c);
		}
	}
	buf_putc(b, '"');
}
