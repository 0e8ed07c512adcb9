/* Lists written in the format the user chose (json, ndjson, yaml, csv or table). */
#ifndef MANDATE_OUT_H
#define MANDATE_OUT_H

#include <jansson.h>
#include <sqlite3.h>
#include <stdbool.h>

struct ctx;
struct out;

/* columns (NULL-terminated) are the CSV and table columns; JSON keeps every field.
 * Dies with a usage error for geojson (mandates have no place). */
struct out *out_open(const struct ctx *ctx, const char *const *columns);
/* Writes one record (borrowed). */
void out_write(struct out *o, json_t *rec);
/* Ends the list and frees o. */
void out_close(struct out *o);

/* Writes each row of st as the record make returns (a new reference): as a list with
 * columns, or each one alone (show_record) when single. Finalizes st. */
void out_rows(const struct ctx *ctx, sqlite3 *db, sqlite3_stmt *st, const char *const *columns,
              bool single, json_t *(*make)(sqlite3_stmt *st, const void *arg), const void *arg);

#endif
