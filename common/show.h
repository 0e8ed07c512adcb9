/* One record printed for people or scripts (show commands): indented JSON, NDJSON, YAML
 * or CSV, or "key  value" lines on a terminal, marked in demo mode like every output. */
#ifndef AIDANT_SHOW_H
#define AIDANT_SHOW_H

#include <jansson.h>

struct ctx;

/* Prints rec (borrowed) to stdout in ctx->format: json indented, ndjson one line, yaml,
 * csv (a header and one row), table as one line per field, the keys in a column, strings
 * as they are, null as nothing, other values as compact JSON. geojson is a usage error. */
void show_record(const struct ctx *ctx, json_t *rec);

#endif
