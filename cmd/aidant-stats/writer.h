/* The store's side of an import, on a thread of its own: the reading and checking of the
 * next records go on while the checked ones are written (two cores, half the time). */
#ifndef STATS_WRITER_H
#define STATS_WRITER_H

#include <jansson.h>

struct db;
struct writer;

/* What the writer did with the records it was given. */
struct writer_counts {
        long inserted, updated, unchanged;
};

/* Starts writing into db, which the caller leaves alone until writer_finish. */
struct writer *writer_start(struct db *db);
/* Hands over a checked canonical record with an id (taken), written in the order given. */
void writer_put(struct writer *w, json_t *rec);
/* Waits until every record given is written, then frees w: db is the caller's again. */
struct writer_counts writer_finish(struct writer *w);

#endif
