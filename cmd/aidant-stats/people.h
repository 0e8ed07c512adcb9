/* The people records name by pseudonym: their participations, their latest details, and
 * the once-per-month count of each person in the aggregates (beneficiaries, new or
 * followed, genre, age, status, commune), brought up to date when a batch is flushed. */
#ifndef STATS_PEOPLE_H
#define STATS_PEOPLE_H

#include <jansson.h>
#include <time.h>

struct db;

/* Adds (sign 1) or removes (sign -1) the participations of a canonical record. */
void people_apply(struct db *db, json_t *rec, long sign);
/* Brings the monthly cells of the people changed since the last flush up to date. */
void people_flush(struct db *db);
/* Cuts a person off their data: their monthly cells stay counted under a random name per
 * month (so months cannot be linked), their details, participations and pseudonym go.
 * The records are rewritten by the caller. */
void people_detach(struct db *db, const char *pseudo);

#endif
