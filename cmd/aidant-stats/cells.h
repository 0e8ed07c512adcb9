/* The statistics of a period as cells (rubrique, modalite -> count), and their layout:
 * which rubriques, in which order, with which modalities, unit and base for shares. The
 * report, the public export, the network file and the mask all go through these. */
#ifndef STATS_CELLS_H
#define STATS_CELLS_H

#include <jansson.h>
#include <stdbool.h>

/* Cells: a JSON object "rubrique\037modalite" -> integer (a new reference). */
json_t *cells_new(void);
void cells_add(json_t *cells, const char *rubrique, const char *modalite, long n);
long cells_get(json_t *cells, const char *rubrique, const char *modalite);
/* The modalite of a cell as stored in cells (lives as long as cells), or NULL. */
const char *cells_key(json_t *cells, const char *rubrique, const char *modalite);

/* One row of the layout. */
struct cell_row {
        const char *rubrique, *modalite, *label;
        bool personnes; /* unite: personnes (suppressed when small) or activites */
        long nombre;
        long base; /* for part; 0 when none */
        bool secret;
        const char *base_rub, *base_mod; /* the cell base is (NULL: none) */
        bool base_secret;                /* it is suppressed: no share either */
};

/* The rows of cells in layout order: every modality of the enumerations (zeros too),
 * communes sorted, the rubriques of ingested data only when they hold something.
 * *n gets the count; the caller frees the array. */
struct cell_row *cells_rows(json_t *cells, size_t *n);

/* The share in tenths of a percent, rounded half up, as text "12.5" (empty without a
 * base or for a secret cell). */
void cells_part(const struct cell_row *r, char out[32]);

/* The French title of a rubrique (data of the observatory documents). */
const char *cells_title(const char *rubrique);

#endif
