/* Counts kept by key in memory (the aggregate cells a transaction changes), so that an
 * import of a million records writes each cell once: an open-addressing hash table of
 * text keys, in the order they came. */
#ifndef STATS_TALLY_H
#define STATS_TALLY_H

#include <stddef.h>

struct tally_entry {
        char *key;
        size_t len, hash; /* of key, kept to compare and rehash cheaply */
        long n;
};

struct tally {
        struct tally_entry *v; /* in the order the keys came */
        size_t n, cap;
        size_t *slots; /* index + 1 into v, 0 when empty */
        size_t nslots;
};

/* Adds n to the count of key[0..len) (a new key starts at 0). */
void tally_add(struct tally *t, const char *key, size_t len, long n);
/* Empties t (its memory is kept for the next keys); tally_free releases it. */
void tally_clear(struct tally *t);
void tally_free(struct tally *t);

#endif
