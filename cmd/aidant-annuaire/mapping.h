/* Column mappings in the format of the national pipeline's <source>.config.json (JSON or
 * the same structure in YAML): which raw column feeds which schema field, keyword rules
 * for the enumerations, and hours given as OSM text or as French week descriptions. */
#ifndef ANNUAIRE_MAPPING_H
#define ANNUAIRE_MAPPING_H

#include "schema.h"

#include <jansson.h>
#include <stdbool.h>

struct mapping;

/* Reads a mapping file. Returns NULL with *error set (a new string, "file:line: what"
 * or "file: field: what") when it cannot be read or is not a mapping. */
struct mapping *mapping_load(const char *path, char **error);
/* Builds a mapping from a parsed configuration (borrowed). NULL with *error on failure. */
struct mapping *mapping_from_json(json_t *config, char **error);
void mapping_free(struct mapping *m);

/* True when the mapping gives a column (or rules) for the schema field. */
bool mapping_has(const struct mapping *m, const char *field);

/* Turns a raw row (borrowed) into a record for schema_normalise (new reference): values
 * taken from the mapped columns, rule targets as lists, hours converted. Ids go through
 * mapping_local_id, rows without an id get mapping_content_id. source
 * also fills the source field; pivot defaults to 00000000000000 and date_maj to
 * default_date when the mapping has no column for them. */
json_t *mapping_apply(const struct mapping *m, json_t *row, const char *source,
                      const char *default_date, struct schema_issues *is);

/* The id a list's own id stands for in the directory (new string): ids made only of
 * digits are row numbers that every list reuses, so they become "<list slug>-<n>"
 * ("Bus France Services" and 1 give "bus-france-services-1"); other ids are kept. */
char *mapping_local_id(const char *list, const char *id);
/* "<list slug>-<16 hex digits of the BLAKE2b of the row>" for rows without an id. */
char *mapping_content_id(const char *list, json_t *row);

/* Adds a warning for each column the mapping names that row (borrowed) does not have:
 * call it on the first row of a file. */
void mapping_check_columns(const struct mapping *m, json_t *row, struct schema_issues *is);

#endif
