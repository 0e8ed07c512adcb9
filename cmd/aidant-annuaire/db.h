/* The directory's store (annuaire.db): places as normalised records, with a full-text
 * index (accents and case folded by FTS5) and an R*Tree of coordinates. */
#ifndef ANNUAIRE_DB_H
#define ANNUAIRE_DB_H

#include <jansson.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <time.h>

struct ctx;

struct db {
        sqlite3 *sql;
        sqlite3_stmt *get, *digest, *insert, *update, *del, *fts_del, *fts_ins, *geo_del, *geo_ins;
};

enum db_put_result { DB_INSERTED, DB_UPDATED, DB_UNCHANGED };

/* Opens (creating) <home>/annuaire.db. Dies with the store's exit codes. */
struct db *db_open(const struct ctx *ctx);
void db_close(struct db *db);

/* Inserts or replaces the place whose "id" is rec's, unless the stored record is the
 * same. rec is a normalised record (see schema.h); source names the list it came from. */
enum db_put_result db_put(struct db *db, json_t *rec, const char *source);
/* Removes a place; returns false when there is no such id. */
bool db_remove(struct db *db, const char *id);
/* Returns the stored record (new reference) or NULL. */
json_t *db_get(struct db *db, const char *id);

/* The text the full-text index holds for a record (new string). */
char *db_fts_text(json_t *rec);

#endif
