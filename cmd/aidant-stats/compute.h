/* Counting a period's statistics into cells (cells.h). */
#ifndef STATS_COMPUTE_H
#define STATS_COMPUTE_H

#include "period.h"

#include <jansson.h>

struct db;

/* The cells of the period (a new reference); source NULL takes every source (the
 * structure's own data, "", and the structures merged from the network). */
json_t *compute_period(struct db *db, const struct period *p, const char *source);
/* The structure's own records of the period counted one by one, grouped by the value of
 * a record field (by NULL: one group, ""): a new object group value -> cells. */
json_t *compute_from_records(struct db *db, const struct period *p, const char *by);

#endif
