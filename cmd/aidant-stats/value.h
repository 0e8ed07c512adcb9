/* The values of an activity record's fields, from JSON values or CSV strings (numbers
 * may be text, lists may be '|'-joined), and the error that names a refused field. */
#ifndef STATS_VALUE_H
#define STATS_VALUE_H

#include "fields.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

/* Why a record was refused: the field and a translated sentence (both owned). */
struct field_error {
        char *field;
        char *message;
};

void field_error_clear(struct field_error *e);
/* Sets e and returns -1. */
int field_fail(struct field_error *e, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The value of key in an object, NULL when it says nothing (absent, null, empty text). */
json_t *value_get(json_t *in, const char *key);
/* A text value (an integer written in buf); NULL when absent or of another kind. */
const char *value_text(json_t *v, char buf[32]);

/* Each reader returns 0 with the canonical value in *out, or -1 with e naming field. */
/* One value of an enumeration, matched after trimming and lowercasing; the closest
 * valid value is suggested. */
int value_enum(const struct field_enum *en, json_t *v, const char *field, struct field_error *e,
               const char **out);
/* A whole number from min to max. */
int value_number(json_t *v, const char *field, long min, long max, struct field_error *e,
                 long *out);
/* Enumeration values (a JSON array or '|'-joined text) without repeats, in the
 * enumeration's order; *out NULL when there is none. */
int value_enum_list(const struct field_enum *en, json_t *v, const char *field,
                    struct field_error *e, json_t **out);
/* yes/no, oui/non, true/false, 1/0. */
int value_bool(json_t *v, const char *field, struct field_error *e, bool *out);
/* The text of in's field, spaces squeezed, at most max characters; *out NULL when absent. */
int value_free_text(json_t *in, const char *field, size_t max, struct field_error *e, json_t **out);
/* "YYYY-MM-DD" or "DD/MM/YYYY", a time after it ignored, into out. */
int value_date(json_t *v, struct field_error *e, char out[11]);
/* s has pattern's shape: 'd' a digit, 'x' a digit or A/B (Corsica), else that character. */
bool value_shape(const char *s, const char *pattern);

/* Splits a CSV cell "a|b" (or takes a JSON array) into a new array of strings; NULL when
 * v is absent or empty. */
json_t *record_list(json_t *v);

#endif
