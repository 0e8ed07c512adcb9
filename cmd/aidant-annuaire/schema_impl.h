/* Internals shared by the schema's modules: the kind and rules of each field
 * (schema_enum.c) and the normalisers of single values (schema_norm.c). */
#ifndef ANNUAIRE_SCHEMA_IMPL_H
#define ANNUAIRE_SCHEMA_IMPL_H

#include "schema.h"

enum kind {
        K_ID,
        K_PIVOT,
        K_LINE,   /* one line of text */
        K_TEXT,   /* free text, line breaks kept */
        K_RESUME, /* free text of at most 280 characters */
        K_POSTCODE,
        K_INSEE,
        K_COORD,
        K_PHONE,
        K_HOURS,
        K_DATE,
        K_URL,
        K_ENUM,      /* one value of an enumeration ('|' joined when several) */
        K_LIST,      /* free values */
        K_ENUM_LIST, /* values of an enumeration */
        K_EMAILS,
        K_URLS,
};

struct field_def {
        enum kind kind;
        bool required;
        const char *const *values;
};

/* Indexed like schema_fields. */
extern const struct field_def schema_defs[SCHEMA_NFIELDS];

/* True when field index f is multi-valued. */
bool schema_field_is_list(int f);
/* The canonical value value stands for in field index f, or NULL; *legacy tells a v0
 * name or a usual spelling rather than a value of the schema. */
const char *schema_enum_match(int f, const char *value, bool *legacy);

/* Normalisers of the text *s of one value (a new string, replaced in place); v is the
 * JSON value it came from, for numbers that lost their leading zeros. False when the
 * value is not valid. */
bool schema_norm_pivot(json_t *v, char **s);
bool schema_norm_postcode(json_t *v, char **s);
bool schema_norm_insee(json_t *v, char **s);
/* postcode gives the territory of a local overseas number. */
bool schema_norm_phone(char **s, const char *postcode);
bool schema_norm_date(char **s);
/* Degrees in *out, at most max in absolute value. */
bool schema_norm_coord(json_t *v, char **s, double max, double *out);
bool schema_norm_url(char **s);
bool schema_norm_email(char **s);
/* The first 280 characters of s, cut at a space, with an ellipsis (new string). */
char *schema_shortened(const char *s);

#endif
