/* diag.db: the diagnoses (local and imported), the interrupted runs and the trusted
 * structure keys; the lookups of a diagnosis by local number or global id. */
#ifndef DIAG_DB_H
#define DIAG_DB_H

#include <jansson.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <time.h>

struct ctx;

struct denv {
        struct ctx *ctx;
        sqlite3 *db; /* NULL when opened read-only and the store does not exist */
        time_t now;
        char today[11];
        sqlite3_stmt *insert, *find; /* kept prepared for batches */
};

/* Opens (creating) the store. */
struct denv *denv_open(struct ctx *ctx);
/* Opens the store if it exists (db NULL otherwise): for the commands that only read. */
struct denv *denv_open_existing(struct ctx *ctx);
void denv_close(struct denv *e);

/* Stores a diagnosis document; returns its local number. source is "local" or "import",
 * signer the key id of an imported one (else NULL). Within the caller's transaction. */
long long db_insert(struct denv *e, json_t *doc, const char *canonical, const char *id,
                    const char *usager, const char *source, const char *signer);
/* The local number of a diagnosis named by arg (its number, or its id or an id prefix of
 * at least 8 hex digits); dies with 66 when there is none, 64 when arg is ambiguous. */
long long db_resolve(struct denv *e, const char *arg);
/* Stores a diagnosis document made here under its pseudonym (within the caller's
 * transaction); returns its local number, or minus the number of the very same
 * diagnosis already stored. */
long long db_store_local(struct denv *e, json_t *doc);
/* The local number of the diagnosis with global id id, or 0. */
long long db_find_id(struct denv *e, const char *id);

/* A stored diagnosis. */
struct drow {
        long long n;
        char *id, *usager, *date, *form, *framework, *source, *signer, *autonomie;
        json_t *doc; /* NULL once forgotten */
        bool forgotten;
};
/* Loads diagnosis n (which exists). */
void db_get(struct denv *e, long long n, struct drow *out);
void drow_clear(struct drow *r);
/* The row record of `list`: {n, id, date, usager, form, framework, autonomie, source,
 * signer, structure, levels, strengths, barriers, needs, services, forgotten} (new). */
json_t *db_list_record(const struct drow *r);

#define DIAG_LIST_COLUMNS "n, id, usager, date, form, source, signer, autonomie, doc, framework"

#endif
