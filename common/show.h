/* What a command prints for people or scripts: one record (show commands) as indented
 * JSON, NDJSON, YAML or CSV, or "key  value" lines on a terminal, marked in demo mode like
 * every output; a list through the common record writers; a command's own --format. */
#ifndef AIDANT_SHOW_H
#define AIDANT_SHOW_H

#include <jansson.h>

struct ctx;
struct rec_writer;

/* Prints rec (borrowed) to stdout in ctx->format: json indented, ndjson one line, yaml,
 * csv (a header and one row), table as one line per field, the keys in a column, strings
 * as they are, null as nothing, other values as compact JSON. geojson is a usage error. */
void show_record(const struct ctx *ctx, json_t *rec);
/* A list writer on stdout in ctx->format (rec_writer_open); geojson is a usage error for
 * the lists that have no place. columns: NULL-terminated, the CSV and table columns. */
struct rec_writer *show_list(const struct ctx *ctx, const char *const *columns);
/* Sets ctx->format from the --format a command takes after its name (usage error when
 * unknown; geojson is not available for these commands). */
void show_format_option(struct ctx *ctx, const char *value);

#endif
