/* The directory's store (annuaire.db): places as normalised records, with a full-text
 * index (accents and case folded by FTS5) and an index of coordinates. */
#ifndef ANNUAIRE_DB_H
#define ANNUAIRE_DB_H

#include <jansson.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <time.h>

struct ctx;

enum db_stmt {
        DB_GET,
        DB_STORED,
        DB_INSERT,
        DB_UPDATE,
        DB_DELETE,
        DB_FTS_DELETE,
        DB_FTS_INSERT,
        DB_OF_SOURCE,
        DB_ANY,
        DB_SET_OWN,
        DB_BY_RAW,
        DB_SET_RAW,
        DB_NSTMTS
};

struct db_writer;
struct db_row;
struct strbuf;

struct db {
        sqlite3 *sql;
        sqlite3_stmt *st[DB_NSTMTS]; /* prepared on first use */
        bool empty;                  /* no place when db_begin began the transaction */
        struct db_row *row;          /* what a put writes, made here when no writer does */
        struct db_writer *writer;    /* the thread that writes the puts, or NULL */
        json_t *refresh; /* ids of the kept places whose merge an import changed, or NULL */
};

enum db_put_result { DB_INSERTED, DB_UPDATED, DB_UNCHANGED };

#define DB_RAW_DIGEST 16 /* bytes of the digest of a raw row (db_put_own, db_find_raw) */

/* Opens (creating) <home>/annuaire.db. Dies with the store's exit codes. */
struct db *db_open(const struct ctx *ctx);
void db_close(struct db *db);
/* Begins the transaction of a change (75 when the store is locked) and notes whether
 * the store holds no place: then db_put_own takes every id as new (the caller must not
 * give the same id twice) and hands the records to a thread that writes them; the other
 * functions wait for it, and die with its error if a write failed. */
void db_begin(struct db *db);
/* Waits for the writes of the transaction db_begin began: a write that failed for want of
 * room fails here, before the caller reports. */
void db_finish_writes(struct db *db);
/* Commits the transaction db_begin began, after db_finish_writes. */
void db_commit(struct db *db);
void db_rollback(struct db *db);

/* Inserts or replaces the place whose "id" is rec's, unless the stored record is the
 * same. rec is a normalised record (see schema.h); source names the list it came from. */
enum db_put_result db_put(struct db *db, json_t *rec, const char *source);
/* As db_put, but leaves a place of another source alone: returns -1 and sets *owner (a new
 * string) to that source. Imports use it so that one list cannot take over another's ids.
 * raw (DB_RAW_DIGEST bytes, or NULL) is the digest of the raw row rec was normalised from
 * when that said nothing: db_find_raw finds the place by it (db_put forgets it). */
int db_put_own(struct db *db, json_t *rec, const char *source, const unsigned char *raw,
               char **owner);
/* The place imported from a raw row of digest raw, unchanged since: true with its id and
 * source (new strings). Always false into a store that was empty at db_begin. */
bool db_find_raw(struct db *db, const unsigned char *raw, char **id, char **source);
/* The ids (keys of a new object, or NULL when none) of the places kept by a merge whose
 * record or a merged place's the db_put_own calls since the last call changed: the
 * caller shows their merge anew (merge_refresh). */
json_t *db_take_refresh(struct db *db);
/* The ids of the places of source, as a new JSON array. */
json_t *db_source_ids(struct db *db, const char *source);
/* Removes a place; returns false when there is no such id. */
bool db_remove(struct db *db, const char *id);
/* Returns the stored record (new reference) or NULL. */
json_t *db_get(struct db *db, const char *id);

/* The text the full-text index holds for a record (new string), or appended to b. */
char *db_fts_text(json_t *rec);
void db_fts_words(json_t *rec, struct strbuf *b);
/* Appends the record as compact JSON in its key order (jsonw: strings escaped as Jansson
 * does, numbers as given) to b. */
void db_record_text(json_t *rec, struct strbuf *b);
/* The string of key in a stored record (a new string, the escapes decoded), NULL when the
 * record has none; only that member is decoded. */
char *db_record_string(const char *text, const char *key);
/* A stored record read back (new reference), as json_loads reads it, or NULL when the
 * text is not JSON. */
json_t *db_record_parse(const char *text);

#endif
