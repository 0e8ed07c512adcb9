/* The SQLite store of a program: WAL, synchronous=FULL, a busy timeout then exit 75,
 * schema versions through PRAGMA user_version, one transaction per user-visible change. */
#ifndef AIDANT_STORE_H
#define AIDANT_STORE_H

#include <sqlite3.h>
#include <stdbool.h>

/* Migration i (0-based) brings the schema from version i to i + 1; it is SQL run
 * in one transaction with the user_version update. */
struct store_schema {
        const char *const *migrations;
        int count;
};

/* How long a command waits for a store or a vault in use: AIDANT_BUSY_TIMEOUT in ms,
 * default 5000 (DESIGN.md, "Exit codes"); then it exits 75. */
int store_busy_timeout_ms(void);

/* Opens (creating if needed) <home>/<name> and migrates it. Dies on failure:
 * 75 when locked, 73 when it cannot be created, 78 when it is newer than this program. */
/* Once per process, before any store is opened: SQLite without the connection mutexes and
 * without memory statistics (nothing reads them), a mutex at every call otherwise.
 * single_thread: the program has one thread; else each connection is used by one thread
 * at a time (an import's writer thread has its connection to itself). */
void store_init_process(bool single_thread);
sqlite3 *store_open(const char *home, const char *name, const struct store_schema *schema);
/* Opens a store read-only if it exists; returns NULL when the file does not exist. */
sqlite3 *store_open_existing(const char *home, const char *name, const struct store_schema *schema);
void store_close(sqlite3 *db);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK; die with 75 when the store is locked. */
void store_begin(sqlite3 *db);
void store_commit(sqlite3 *db);
void store_rollback(sqlite3 *db);

/* Runs SQL without results; dies on error. */
void store_exec(sqlite3 *db, const char *sql);
/* Prepares a statement; dies on error. */
sqlite3_stmt *store_prepare(sqlite3 *db, const char *sql);
/* sqlite3_step that dies on errors other than SQLITE_ROW/SQLITE_DONE. */
int store_step(sqlite3 *db, sqlite3_stmt *st);
/* Binds a text, or NULL when s is NULL. */
void store_bind_text(sqlite3_stmt *st, int i, const char *s);

/* Dies with the exit code for the store's last error: 75 busy, 74 disk full or I/O,
 * 73 cannot open, 70 otherwise. what says what was being done. */
_Noreturn void store_die(sqlite3 *db, const char *what);

#endif
