/* What aidant-stats prints: lists through the common record writers, one record, and
 * the --format option a command may also take after its name. */
#ifndef STATS_OUTPUT_H
#define STATS_OUTPUT_H

#include <jansson.h>

struct ctx;

/* Sets ctx->format from a command's --format option (usage error when unknown). */
void output_format_option(struct ctx *ctx, const char *value);
/* Prints one record: indented JSON, YAML, CSV, or "key  value" lines on a terminal. */
void output_one(const struct ctx *ctx, json_t *rec);

#endif
