/* Rows of a query written in the format the user chose (common/show.h). */
#ifndef MANDATE_OUT_H
#define MANDATE_OUT_H

#include <jansson.h>
#include <sqlite3.h>
#include <stdbool.h>

struct ctx;

/* Writes each row of st as the record make returns (a new reference): as a list with
 * columns, or each one alone (show_record) when single. Finalizes st. */
void out_rows(const struct ctx *ctx, sqlite3 *db, sqlite3_stmt *st, const char *const *columns,
              bool single, json_t *(*make)(sqlite3_stmt *st, const void *arg), const void *arg);

#endif
