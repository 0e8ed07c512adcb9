/* The ids an import met, with where (idset.c). */
#ifndef ANNUAIRE_IDSET_H
#define ANNUAIRE_IDSET_H

#include <stdbool.h>
#include <stddef.h>

/* The ids met in this run, with where: duplicates inside the files are rejects. */
struct idset {
        char **ids;
        int *file;
        long *line;
        size_t n, cap;
};

/* Adds id met in file (an index) at line; returns the slot of an earlier occurrence (its
 * file and line are set->file[slot], set->line[slot]), or -1 when it is new. */
long idset_add(struct idset *set, const char *id, int file, long line);
bool idset_has(const struct idset *set, const char *id);
void idset_free(struct idset *set);

#endif
