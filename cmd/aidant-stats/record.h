/* An activity record: checking one record read in the project's own field names (any
 * format: JSON values, or CSV strings with '|'-joined lists) and writing it in canonical
 * form, and the cells it adds to the monthly aggregates. */
#ifndef STATS_RECORD_H
#define STATS_RECORD_H

#include <jansson.h>
#include <stdbool.h>

/* Why a record was refused: the field and a translated sentence (both owned). */
struct field_error {
        char *field;
        char *message;
};

void field_error_clear(struct field_error *e);
/* Sets e and returns -1. */
int field_fail(struct field_error *e, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Checks in and returns the canonical record (a new reference: fixed key order, lists
 * sorted as in the enumerations, numbers as numbers), or NULL with e set. The id is kept
 * when in has one, else left out (the caller names the record). */
json_t *record_check(json_t *in, struct field_error *e);

/* Splits a CSV cell "a|b" (or takes a JSON array) into a new array of strings; NULL when
 * v is absent or empty. */
json_t *record_list(json_t *v);

/* The cells a canonical record adds to its month, as calls add(arg, rubrique, modalite,
 * n): totals, activity distributions weighted by participants, and the anonymous
 * participants' beneficiary distributions. Identified people are counted apart (once
 * per month, in db.c). */
typedef void (*cell_fn)(void *arg, const char *rubrique, const char *modalite, long n);
void record_cells(json_t *rec, cell_fn add, void *arg);

/* "YYYY-MM" of a canonical record's date. */
void record_month(json_t *rec, char month[8]);

/* The canonical JSON text of a record (new string). */
char *record_text(json_t *rec);

#endif
