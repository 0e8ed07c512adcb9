/* Output of aidant-diag: lists through the common record writers, one record as JSON,
 * YAML or "key: value" lines, and a command's own --format option. */
#ifndef DIAG_OUT_H
#define DIAG_OUT_H

#include "doc.h"

#include <jansson.h>
#include <stdbool.h>

struct ctx;
struct rec_writer;

/* A list writer in the chosen format (geojson is a usage error). columns: NULL-terminated. */
struct rec_writer *out_list(const struct ctx *ctx, const char *const *columns);
/* One record: indented JSON, YAML, or for a table "key: value" lines. */
void out_record(const struct ctx *ctx, json_t *rec);
/* In demo mode (--demo), what the record writers do for lists (DESIGN.md, "Demo mode"):
 * one record with "demo": true first (rec is taken, a new reference is returned), the
 * banner above a table of one's own, the band on top of a printable page. */
json_t *out_demo_record(json_t *rec);
void out_demo_banner(const struct ctx *ctx);
void out_demo_page(struct doc *d);
/* Sets ctx->format from a command's --format value (usage error when unknown). */
void out_format(struct ctx *ctx, const char *value);
/* The --format of a printable page (text or html); usage error otherwise. */
enum doc_form out_doc_form(const struct ctx *ctx, const char *value);
/* Writes a printable page to -o FILE (atomically, 0600) or to stdout when path is NULL. */
void out_doc(const struct doc *d, enum doc_form form, const char *path);

#endif
