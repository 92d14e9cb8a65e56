#include "json.h"

#include <jansson.h>
#include <string.h>

#include "../core/i18n.h"

static value *convert(arena *a, json_t *j, int depth, int *too_deep)
{
	value *v = NULL;
	if (depth > JSON_MAX_DEPTH) {
		*too_deep = 1;
		return val_null(a);
	}
	switch (json_typeof(j)) {
	case JSON_OBJECT: {
		const char *k;
		json_t *item;
		v = val_map_sized(a, json_object_size(j));
		json_object_foreach(j, k, item)
			val_map_set(a, v, arena_strdup(a, k),
			    convert(a, item, depth + 1, too_deep));
		break;
	}
	case JSON_ARRAY: {
		size_t i;
		json_t *item;
		v = val_list(a);
		json_array_foreach(j, i, item)
			val_list_push(a, v, convert(a, item, depth + 1,
			    too_deep));
		break;
	}
	case JSON_STRING:
		v = val_strn(a, json_string_value(j), json_string_length(j));
		break;
	case JSON_INTEGER:
		v = val_int(a, (long long)json_integer_value(j));
		break;
	case JSON_REAL:
		v = val_num(a, json_real_value(j));
		break;
	case JSON_TRUE:
	case JSON_FALSE:
		v = val_bool(a, json_is_true(j));
		break;
	case JSON_NULL:
		v = val_null(a);
		break;
	}
	return v;
}

static void place(value *v, int line)
{
	v->line = line;
	v->col = 1;
	if (v->kind == VAL_MAP)
		for (size_t i = 0; i < v->u.map.len; i++)
			place(v->u.map.items[i].val, line);
	else if (v->kind == VAL_LIST)
		for (size_t i = 0; i < v->u.list.len; i++)
			place(v->u.list.items[i], line);
}

value *json_parse(arena *a, const char *file, const char *text, size_t len,
    size_t *used, diag *d)
{
	json_error_t err;
	json_t *j = json_loadb(text, len, JSON_DISABLE_EOF_CHECK |
	    JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &err);
	if (!j) {
		/* TRANSLATORS: %s is jansson's own English description. */
		diag_error(d, file, err.line > 0 ? err.line : 1,
		    err.column > 0 ? err.column : 1, _("the JSON front matter "
		    "is not valid JSON (%s): check the commas, quotes and "
		    "braces"), err.text);
		return NULL;
	}
	if (!json_is_object(j)) {
		json_decref(j);
		diag_error(d, file, 1, 1, _("JSON front matter must be an "
		    "object: { \"title\": \"…\" }"));
		return NULL;
	}
	int too_deep = 0;
	value *v = convert(a, j, 0, &too_deep);
	*used = (size_t)err.position;
	json_decref(j);
	if (too_deep) {
		diag_error(d, file, 1, 1, _("the JSON front matter is nested "
		    "more than %d deep"), JSON_MAX_DEPTH);
		return NULL;
	}
	place(v, 1);
	return v;
}
