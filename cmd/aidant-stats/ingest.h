/* ingest: one entry of the mandate journal or of the diagnoses, counted into its month
 * once (its key kept in the store). */
#ifndef STATS_INGEST_H
#define STATS_INGEST_H

#include "db.h"
#include "value.h"

#include <jansson.h>
#include <stdbool.h>

struct ingest {
        struct db *db;
        char month[8];
        long read, counted, unchanged, ignored;
};

/* Counts entry (an object of 'aidant-mandate journal' when mandate, else of
 * 'aidant-diag list') in in->db, inside the caller's transaction. Returns 0 counted, 1
 * an entry that counts nothing, 2 one already counted, -1 with e set. */
int ingest_entry(struct ingest *in, json_t *entry, bool mandate, struct field_error *e);

#endif
