/* stats.db: the activity records (each version kept), the people they name by pseudonym,
 * and the monthly aggregates kept up to date as records are written, so that a report
 * over a month reads its cells and not its records. */
#ifndef STATS_DB_H
#define STATS_DB_H

#include "strbuf.h"
#include "tally.h"

#include <jansson.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <time.h>

struct ctx;

/* The parts of a month's cells: what records add, what people add (once per month),
 * and what is ingested from the other tools. */
#define PART_RECORD "a"
#define PART_PEOPLE "p"
#define PART_INGEST "i"
/* ... the people ingest counts once a month: recounted over a span of months */
#define PART_INGEST_PEOPLE "q"

struct db {
        struct ctx *ctx;
        sqlite3 *sql;
        time_t now;
        struct tally delta;  /* "month\037source\037part\037rubrique\037modalite" -> to add */
        struct tally months; /* "pseudonym\037month" -> participations to add (people.c) */
        struct strbuf text;  /* db_put's canonical text, its memory kept from record to record */
        json_t *dirty;       /* pseudonym -> true when the first date must be looked up again */
        sqlite3_stmt *st[24];
};

/* Opens stats.db; dies with 78 naming 'aidant-stats init' when it does not exist. */
struct db *db_open(struct ctx *ctx);
/* Creates stats.db when absent (init). */
struct db *db_create(struct ctx *ctx);
/* Flushes nothing: call db_flush before commit. Frees db. */
void db_close(struct db *db);

void db_begin(struct db *db);
/* Writes the pending aggregates, then commits. */
void db_commit(struct db *db);
void db_rollback(struct db *db);

enum db_put { DB_INSERTED, DB_UPDATED, DB_UNCHANGED };

/* Stores a canonical record with an id: new, a new version of it (the old one kept), or
 * unchanged when identical. */
enum db_put db_put(struct db *db, json_t *rec);
/* The stored record of id (new reference) and its version, or NULL. */
json_t *db_get(struct db *db, const char *id, int *version);
/* Replaces the stored text of a record without counting it again (purge). */
void db_rewrite(struct db *db, json_t *rec);
/* Removes a record (and its versions); false when unknown. */
bool db_remove(struct db *db, const char *id);

/* Adds n to a cell of a month (source "" for the structure's own data). */
void db_cell(struct db *db, const char *month, const char *source, const char *part,
             const char *rubrique, const char *modalite, long n);
/* Writes pending cells and people now (large imports call it to stay in bounded memory). */
void db_flush(struct db *db);
/* Flushes when the pending changes grew past their bound. */
void db_maybe_flush(struct db *db);

/* A statement prepared once for the life of db (which: a slot from 0 to 23, statements
 * of db.c below 8, of people.c from 8), reset and unbound. */
sqlite3_stmt *db_stmt(struct db *db, int which, const char *sql);

/* A new record id: "a-" and 16 hex digits, random. */
void db_new_id(char out[19]);

#endif
