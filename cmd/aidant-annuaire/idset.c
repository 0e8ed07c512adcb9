/* The ids an import met, with the file and line of each: a hash set with open addressing,
 * so that an id given twice in the files is rejected with where it was first. */
#include "idset.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

static size_t hash(const char *s)
{
        size_t h = 14695981039346656037ULL;

        for (; *s != '\0'; s++)
                h = (h ^ (unsigned char)*s) * 1099511628211ULL;
        return h;
}

static void idset_grow(struct idset *set)
{
        struct idset bigger = {.cap = set->cap == 0 ? 1024 : set->cap * 2};

        bigger.ids = xcalloc(bigger.cap, sizeof(char *));
        bigger.file = xcalloc(bigger.cap, sizeof(int));
        bigger.line = xcalloc(bigger.cap, sizeof(long));
        for (size_t i = 0; i < set->cap; i++) {
                size_t j;

                if (set->ids[i] == NULL)
                        continue;
                for (j = hash(set->ids[i]) & (bigger.cap - 1); bigger.ids[j] != NULL;
                     j = (j + 1) & (bigger.cap - 1))
                        ;
                bigger.ids[j] = set->ids[i];
                bigger.file[j] = set->file[i];
                bigger.line[j] = set->line[i];
        }
        bigger.n = set->n;
        free(set->ids);
        free(set->file);
        free(set->line);
        *set = bigger;
}

/* Adds id; returns the slot of an earlier occurrence, or -1 when it is new. */
long idset_add(struct idset *set, const char *id, int file, long line)
{
        size_t j;

        if (2 * (set->n + 1) > set->cap)
                idset_grow(set);
        for (j = hash(id) & (set->cap - 1); set->ids[j] != NULL; j = (j + 1) & (set->cap - 1))
                if (strcmp(set->ids[j], id) == 0)
                        return (long)j;
        set->ids[j] = xstrdup(id);
        set->file[j] = file;
        set->line[j] = line;
        set->n++;
        return -1;
}

bool idset_has(const struct idset *set, const char *id)
{
        if (set->cap == 0)
                return false;
        for (size_t j = hash(id) & (set->cap - 1); set->ids[j] != NULL;
             j = (j + 1) & (set->cap - 1))
                if (strcmp(set->ids[j], id) == 0)
                        return true;
        return false;
}

void idset_free(struct idset *set)
{
        for (size_t i = 0; i < set->cap; i++)
                free(set->ids[i]);
        free(set->ids);
        free(set->file);
        free(set->line);
}
