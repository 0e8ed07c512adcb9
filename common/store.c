/* SQLite stores: opening, pragmas, migrations, transactions, errors as exit codes. */
#include "store.h"
#include "msg.h"
#include "xalloc.h"
#include "fs.h"
#include "i18n.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int store_busy_timeout_ms(void)
{
        const char *env = getenv("AIDANT_BUSY_TIMEOUT");

        return env != NULL && env[0] != '\0' ? atoi(env) : 5000;
}

_Noreturn void store_die(sqlite3 *db, const char *what)
{
        int code = sqlite3_errcode(db);
        const char *msg = sqlite3_errmsg(db);

        switch (code & 0xff) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
                die(EX_TEMPFAIL, _("%s: the store is in use by another command, try again"), what);
        case SQLITE_FULL:
                die(EX_IOERR, _("%s: the disk is full"), what);
        case SQLITE_IOERR:
                die(EX_IOERR, _("%s: input/output error: %s"), what, msg);
        case SQLITE_CANTOPEN:
        case SQLITE_READONLY:
        case SQLITE_PERM:
                die(EX_CANTCREAT, _("%s: cannot open the store: %s"), what, msg);
        case SQLITE_NOTADB:
        case SQLITE_CORRUPT:
                die(EX_DATAERR, _("%s: the store is damaged: %s"), what, msg);
        default:
                die(EX_SOFTWARE, "%s: %s", what, msg);
        }
}

void store_exec(sqlite3 *db, const char *sql)
{
        if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
                store_die(db, _("database"));
}

sqlite3_stmt *store_prepare(sqlite3 *db, const char *sql)
{
        sqlite3_stmt *st;

        if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
                store_die(db, _("database"));
        return st;
}

int store_step(sqlite3 *db, sqlite3_stmt *st)
{
        int rc = sqlite3_step(st);

        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
                store_die(db, _("database"));
        return rc;
}

void store_bind_text(sqlite3_stmt *st, int i, const char *s)
{
        if (s == NULL)
                sqlite3_bind_null(st, i);
        else
                sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
}

void store_begin(sqlite3 *db)
{
        store_exec(db, "BEGIN IMMEDIATE");
}

void store_commit(sqlite3 *db)
{
        store_exec(db, "COMMIT");
}

void store_rollback(sqlite3 *db)
{
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
}

static int user_version(sqlite3 *db)
{
        sqlite3_stmt *st = store_prepare(db, "PRAGMA user_version");
        int v = store_step(db, st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;

        sqlite3_finalize(st);
        return v;
}

static void migrate(sqlite3 *db, const char *path, const struct store_schema *schema)
{
        int v = user_version(db);

        if (v > schema->count)
                die(EX_CONFIG, _("%s: made by a newer version of this program (schema %d)"), path,
                    v);
        if (v == schema->count)
                return;
        store_begin(db);
        v = user_version(db); /* another process may have migrated meanwhile */
        for (; v < schema->count; v++) {
                char *sql = xasprintf("PRAGMA user_version = %d", v + 1);

                store_exec(db, schema->migrations[v]);
                store_exec(db, sql);
                free(sql);
        }
        store_commit(db);
}

static sqlite3 *open_path(const char *path, int flags, const struct store_schema *schema)
{
        sqlite3 *db;

        if (sqlite3_open_v2(path, &db, flags, NULL) != SQLITE_OK)
                store_die(db, path);
        sqlite3_busy_timeout(db, store_busy_timeout_ms());
        sqlite3_extended_result_codes(db, 0);
        if (flags & SQLITE_OPEN_READWRITE) {
                int keep = 1;

                store_exec(db, "PRAGMA journal_mode=WAL; PRAGMA journal_size_limit=0");
                /* the -wal and -shm files are kept between commands (the -wal emptied when
                 * the last one closes, as journal_size_limit says), so that a command does
                 * not create, sync the folder of and delete them at every run */
                sqlite3_file_control(db, "main", SQLITE_FCNTL_PERSIST_WAL, &keep);
                chmod(path, 0600);
        }
        store_exec(db, "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON");
        migrate(db, path, schema);
        return db;
}

void store_init_process(bool single_thread)
{
        sqlite3_config(single_thread ? SQLITE_CONFIG_SINGLETHREAD : SQLITE_CONFIG_MULTITHREAD);
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

sqlite3 *store_open(const char *home, const char *name, const struct store_schema *schema)
{
        char *path = fs_home_path(home, name);
        sqlite3 *db = open_path(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, schema);

        free(path);
        return db;
}

sqlite3 *store_open_existing(const char *home, const char *name, const struct store_schema *schema)
{
        char *path = xasprintf("%s/%s", home, name);
        sqlite3 *db = NULL;

        if (access(path, F_OK) == 0)
                db = open_path(path, SQLITE_OPEN_READWRITE, schema);
        free(path);
        return db;
}

void store_close(sqlite3 *db)
{
        if (sqlite3_close(db) != SQLITE_OK)
                store_die(db, _("database"));
}
