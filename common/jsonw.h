/* The one JSON text writer and the one number formatter of every tool: strings escaped
 * as Jansson escapes them (UTF-8 written as it is), Jansson's layouts, and numbers as
 * they were given: the shortest text that reads back as the same double, with a '.'
 * whatever LC_NUMERIC says (a French locale must not write 45,5618). */
#ifndef AIDANT_JSONW_H
#define AIDANT_JSONW_H

#include "strbuf.h"

#include <jansson.h>
#include <stdbool.h>

#define JSONW_REAL_MAX 32

/* d as the shortest decimal that strtod reads back as d ("45.5618", "1e-07", "3"), with
 * a '.' in any locale; "null" for NaN and the infinities. Returns its length. */
size_t jsonw_real(double d, char out[JSONW_REAL_MAX]);
/* s as a number in any locale (the reader of what jsonw_real writes, and of numbers
 * typed with a '.'): as strtod, *end after the number. */
double jsonw_strtod(const char *s, char **end);

/* Jansson's layouts: indent > 0 is JSON_INDENT(indent), else one line with ", " and ": "
 * when spaced, or "," and ":" (JSON_COMPACT). */
struct jsonw_style {
        int indent;
        bool spaced;
};

extern const struct jsonw_style jsonw_compact, jsonw_spaced, jsonw_pretty;

/* Appends s[0..n) as a JSON string: quotes, backslashes and controls escaped as Jansson
 * escapes them (\n, \t, \u001F, a NUL as \u0000), everything else as it is. */
void jsonw_string(struct strbuf *b, const char *s, size_t n);
/* Appends v (keys in their order), nested lines indented for the given level; a real
 * always has a '.' or an exponent so that it reads back as a real. */
void jsonw_value(struct strbuf *b, json_t *v, const struct jsonw_style *st, int level);
/* Appends "key": with the style's space. */
void jsonw_key(struct strbuf *b, const char *key, const struct jsonw_style *st);
/* Writes v to out, then a newline; false on a write error. In demo mode (demo_active)
 * an object is written with "demo": true first, so that no demo output passes for real. */
bool jsonw_print(FILE *out, json_t *v, const struct jsonw_style *st);
/* obj with "demo": true first (new reference); anything else as it is (new reference). */
json_t *jsonw_demo_marked(json_t *obj);

#endif
