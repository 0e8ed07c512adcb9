/* The dialects import reads, each mapped to the project's own fields (record.h checks
 * the result): the Coop's activity export (French headers, one row per person helped,
 * multi-values separated by newlines) and the conseillers numériques v1 reports. */
#ifndef STATS_DIALECT_H
#define STATS_DIALECT_H

#include "record.h"

#include <jansson.h>
#include <stdbool.h>

/* A v1 report row as record fields (new reference), or NULL with e set. The v1 age and
 * status buckets stay buckets, all-zero buckets are non_communique, a duration bucket
 * ("0-30", "30-60") stays a bucket, duree_minutes is ignored. */
json_t *v1_map(json_t *row, struct field_error *e);

/* The Coop's export: consecutive rows with one "ID CRA" are one activity. */
struct coop_group {
        json_t *pending; /* the activity being gathered, as record fields */
        char *id;
        long rows;
};

/* Adds a row. Returns 1 when the row starts a new activity and the previous one is
 * ready in *done (new reference), 0 when it joined the current one, -1 with e set. */
int coop_row(struct coop_group *g, json_t *row, struct field_error *e, json_t **done);
/* The last activity (new reference), or NULL when none; g is empty afterwards. */
json_t *coop_finish(struct coop_group *g);
void coop_clear(struct coop_group *g);

/* Text folded for lenient matching of headers and labels (lowercase, no accents,
 * typographic apostrophes as '). New string. */
char *dialect_fold(const char *s);

#endif
