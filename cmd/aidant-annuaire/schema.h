/* The national "lieux de médiation numérique" schema v1.0.x as data: the 32 fields in
 * order, the enumerations, lenient matching, and the validation and normalisation of a
 * record (legacy v0 fields mapped to v1 with warnings). */
#ifndef ANNUAIRE_SCHEMA_H
#define ANNUAIRE_SCHEMA_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#define SCHEMA_NFIELDS 32

extern const char *const schema_fields[]; /* 32 names, NULL-terminated */

/* Index of a field in schema_fields, or -1. */
int schema_field_index(const char *field);
/* True for the multi-valued fields (arrays in a normalised record, '|' in CSV). */
bool schema_is_list(const char *field);
/* True for id, pivot, nom, commune, code_postal, adresse, date_maj. */
bool schema_is_required(const char *field);
/* The canonical values of an enumerated field, NULL-terminated, or NULL when the field
 * is not an enumeration. */
const char *const *schema_enum_values(const char *field);
/* The canonical value of an enumerated field that value matches leniently (case,
 * accents, spacing, punctuation, the schema's own typos, legacy v0 names), or NULL. */
const char *schema_enum_canonical(const char *field, const char *value);

/* What validation found about one field: an error rejects the record, a warning
 * does not. message is translated and owned by the list. */
struct schema_issue {
        char *field; /* a schema field or an input key */
        char *message;
        bool error;
};

struct schema_issues {
        struct schema_issue *v;
        size_t n, cap;
        size_t errors;
        bool lenient; /* set by the caller: invalid optional values are left out with a
                       * warning instead of rejecting the record (raw partner lists) */
};

void schema_issues_clear(struct schema_issues *is);
void schema_issues_free(struct schema_issues *is);
/* Adds an issue: field is copied, message is a new string taken over by the list. */
void schema_issue_add(struct schema_issues *is, const char *field, bool error, char *message);

/* Validates and normalises raw (borrowed): keys in the schema's order, lists as arrays
 * of canonical strings, latitude/longitude reals, phones +33..., dates YYYY-MM-DD, the
 * postcode taken from the address when missing. Unknown keys and legacy fields become
 * warnings. Returns a new reference, or NULL when an error rejects the record (the
 * first error in is). */
json_t *schema_normalise(json_t *raw, struct schema_issues *is);
/* As schema_normalise, for the record of the count members keys[i]: values[i] (borrowed,
 * the keys distinct), in that order: a CSV row without an object made of it. */
json_t *schema_normalise_fields(const char *const *keys, json_t *const *values, size_t count,
                                struct schema_issues *is);

#endif
