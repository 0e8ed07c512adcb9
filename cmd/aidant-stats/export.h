/* The public export: the cells of each month of a series with one suppression mask, and
 * the writers of its forms (long CSV, JSON, xlsx, HTML). */
#ifndef STATS_EXPORT_H
#define STATS_EXPORT_H

#include "cells.h"

#include <stdio.h>

/* One month of the series: its rows in layout order, secret flags set. */
struct export_month {
        char month[8];
        json_t *cells;
        struct cell_row *rows;
        size_t nrows;
};

struct export_series {
        struct export_month *months;
        size_t n;
        int k;
        bool demo;
};

/* Sets the secret flags of every month with one mask: a cell suppressed in one month is
 * suppressed in all, and the secondary suppression is done again until it holds. */
void export_mask(struct export_series *s);

/* The writers; each returns 0, or -1 on a write error. xlsx writes the file at path. */
int export_csv(const struct export_series *s, FILE *out);
int export_json(const struct export_series *s, FILE *out);
int export_html(const struct export_series *s, FILE *out);
int export_xlsx(const struct export_series *s, const char *path);

#endif
