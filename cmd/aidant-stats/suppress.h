/* Statistical disclosure control: primary suppression of every people count from 1 to
 * k-1, then secondary suppression so that no suppressed cell can be recomputed from the
 * published cells of the equations they are in (totals and margins: sum of signed cells
 * = 0). One engine for the public export and for `mask`. */
#ifndef STATS_SUPPRESS_H
#define STATS_SUPPRESS_H

#include <stdbool.h>
#include <stddef.h>

#define K_DEFAULT 11 /* the INSEE rule for natural persons */
#define K_MIN     5

struct sup;

struct sup *sup_new(int k);
void sup_free(struct sup *s);

/* A cell: people counts are suppressed when small; margin cells (totals) are the last
 * chosen for secondary suppression. Returns its index. */
int sup_cell(struct sup *s, long value, bool people, bool margin);
/* Forces a cell secret (the mask of another month of the same series). */
void sup_force(struct sup *s, int cell);
/* An equation: sum of sign[i] * cell[i] = 0 (a total: +1, its parts: -1). */
void sup_equation(struct sup *s, const int *cells, const int *signs, size_t n);
/* Applies primary then secondary suppression. Returns the number of cells suppressed. */
size_t sup_run(struct sup *s);
bool sup_secret(const struct sup *s, int cell);
/* How many were suppressed as small counts (the rest is secondary). */
size_t sup_primary(const struct sup *s);
/* How many suppressed cells were in systems of equations too large to solve together
 * (protected equation by equation only). */
size_t sup_unchecked(const struct sup *s);

#endif
