/* The table of people counts that mask protects (mask_table.c). */
#ifndef STATS_MASK_TABLE_H
#define STATS_MASK_TABLE_H

#include "rec.h"
#include "suppress.h"

#include <stdio.h>

#define MASK_MAX_GROUPS 16

struct mask_table {
        char **header;
        size_t ncols, labels; /* columns; the first `labels` are labels */
        size_t nrows;
        char **text;    /* label cells, nrows * ncols (NULL for count columns) */
        long *value;    /* count cells, nrows * ncols; -1 when empty */
        int *cell;      /* the engine's cell, -1 when empty */
        long total_row; /* -1 when none */
        long total_col; /* column index, -1 when none */
        size_t groups[MASK_MAX_GROUPS][2];
        size_t ngroups;
        char sep;
};

/* Reads the CSV table of rd into t, whose labels, total_row (-1) and total_col (-1) the
 * caller set: 0, or EX_DATAERR with one line in *why (name:line, column; to free). */
int mask_table_read(struct mask_table *t, struct rec_reader *rd, const char *name, char **why);
/* The suppression problem of t for threshold k: its cells, and an equation per margin
 * (the total column or groups, the total row), for sup_run. */
struct sup *mask_table_suppress(struct mask_table *t, int k);
/* t written back in its separator, "s" for each cell s suppressed. */
void mask_table_write(const struct mask_table *t, const struct sup *s, FILE *out);
void mask_table_free(struct mask_table *t);

#endif
