/* An activity record: checking one record read in the project's own field names (any
 * format: JSON values, or CSV strings with '|'-joined lists) and writing it in canonical
 * form, and the cells it adds to the monthly aggregates. */
#ifndef STATS_RECORD_H
#define STATS_RECORD_H

#include "strbuf.h"
#include "value.h"

#include <jansson.h>
#include <stdbool.h>

/* Checks in and returns the canonical record (a new reference: fixed key order, lists
 * sorted as in the enumerations, numbers as numbers), or NULL with e set. The id is kept
 * when in has one, else left out (the caller names the record). */
json_t *record_check(json_t *in, struct field_error *e);

/* The cells a canonical record adds to its month, as calls add(arg, rubrique, modalite,
 * n): totals, activity distributions weighted by participants, and the anonymous
 * participants' beneficiary distributions. Identified people are counted apart (once
 * per month, in db.c). */
typedef void (*cell_fn)(void *arg, const char *rubrique, const char *modalite, long n);
void record_cells(json_t *rec, cell_fn add, void *arg);

/* "YYYY-MM" of a canonical record's date. */
void record_month(json_t *rec, char month[8]);

/* The canonical JSON text of a record (new string); record_write appends it to b. */
char *record_text(json_t *rec);
void record_write(struct strbuf *b, json_t *rec);

#endif
