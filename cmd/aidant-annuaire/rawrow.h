/* The digest of a raw CSV row as an import reads it: a row whose digest the store knows
 * is unchanged, without being normalised again (db_find_raw). */
#ifndef ANNUAIRE_RAWROW_H
#define ANNUAIRE_RAWROW_H

#include "db.h"

#include <sodium.h>
#include <stddef.h>

/* What every row of one file shares: the program's version, the list and the header. */
struct rawrow {
        crypto_generichash_state head;
};

/* Starts the digests of the rows of a file read for list, with the header columns
 * (NULL-terminated). */
void rawrow_start(struct rawrow *d, const char *list, const char *const *columns);
/* The digest of a row of n fields (those of rec_next_fields). */
void rawrow_digest(const struct rawrow *d, const char *const *fields, const size_t *lens, int n,
                   unsigned char out[DB_RAW_DIGEST]);

#endif
