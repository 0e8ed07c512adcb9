/* stats.db: schema, records and their versions, and the pending aggregate changes that
 * a transaction writes before it commits (in memory until then, so an import of a
 * million records updates each cell once, not a million times). */
#include "db.h"
#include "cli.h"
#include "clock.h"
#include "i18n.h"
#include "msg.h"
#include "people.h"
#include "record.h"
#include "store.h"
#include "xalloc.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DELTA_MAX 50000 /* pending cells before a flush */

static const char *const migrations[] = {
    "CREATE TABLE activite ("
    " id TEXT PRIMARY KEY,"
    " date TEXT NOT NULL,"
    " version INTEGER NOT NULL DEFAULT 1,"
    " record TEXT NOT NULL," /* canonical JSON */
    " created INTEGER NOT NULL,"
    " updated INTEGER NOT NULL);"
    "CREATE INDEX activite_date ON activite(date);"
    "CREATE TABLE activite_version ("
    " id TEXT NOT NULL, version INTEGER NOT NULL, record TEXT NOT NULL,"
    " replaced INTEGER NOT NULL, PRIMARY KEY (id, version)) WITHOUT ROWID;"
    /* the people, by pseudonym only: their latest details and first accompaniment */
    "CREATE TABLE usager ("
    " pseudo TEXT PRIMARY KEY, genre TEXT, annee_naissance INTEGER, tranche_age TEXT,"
    " statut_social TEXT, commune TEXT, attrs_date TEXT, first_date TEXT,"
    " updated INTEGER NOT NULL) WITHOUT ROWID;"
    "CREATE TABLE participation ("
    " usager TEXT NOT NULL, activite TEXT NOT NULL, date TEXT NOT NULL,"
    " PRIMARY KEY (usager, activite)) WITHOUT ROWID;"
    "CREATE INDEX participation_activite ON participation(activite);"
    /* a person in a month: the details counted in agg for them (counted = 1) */
    "CREATE TABLE usager_mois ("
    " usager TEXT NOT NULL, month TEXT NOT NULL, n INTEGER NOT NULL,"
    " counted INTEGER NOT NULL DEFAULT 0, genre TEXT, tranche_age TEXT, statut_social TEXT,"
    " commune TEXT, nouveau INTEGER, PRIMARY KEY (usager, month)) WITHOUT ROWID;"
    "CREATE INDEX usager_mois_month ON usager_mois(month);"
    "CREATE TABLE agg ("
    " month TEXT NOT NULL, source TEXT NOT NULL, part TEXT NOT NULL, rubrique TEXT NOT NULL,"
    " modalite TEXT NOT NULL, n INTEGER NOT NULL,"
    " PRIMARY KEY (month, source, part, rubrique, modalite)) WITHOUT ROWID;"
    /* what ingest has already counted, so that a stream read twice counts once */
    "CREATE TABLE ingested (stream TEXT NOT NULL, key TEXT NOT NULL,"
    " PRIMARY KEY (stream, key)) WITHOUT ROWID;"
    /* the network files merged: one per structure and month */
    "CREATE TABLE network ("
    " siret TEXT NOT NULL, month TEXT NOT NULL, keyid TEXT NOT NULL, name TEXT,"
    " hash TEXT NOT NULL, received INTEGER NOT NULL,"
    " PRIMARY KEY (siret, month)) WITHOUT ROWID;",
};

static const struct store_schema schema = {migrations, 1};

enum {
        ST_GET = 0,
        ST_INSERT,
        ST_UPDATE,
        ST_VERSION,
        ST_AGG,
        ST_TEXT,
};

/* The store open now, closed at exit when a command dies with it open (its
 * transaction rolls back). */
static struct db *open_db;

static void close_at_exit(void)
{
        struct db *db = open_db;

        if (db == NULL)
                return;
        open_db = NULL;
        for (size_t i = 0; i < sizeof(db->st) / sizeof(*db->st); i++)
                sqlite3_finalize(db->st[i]);
        sqlite3_close_v2(db->sql); /* closes once the caller's statements are gone */
        tally_free(&db->delta);
        tally_free(&db->months);
        strbuf_release(&db->text);
        json_decref(db->dirty);
        free(db);
}

static struct db *db_new(struct ctx *ctx, sqlite3 *sql)
{
        static bool registered;
        struct db *db = xcalloc(1, sizeof(*db));

        if (!registered) {
                msg_at_exit(close_at_exit);
                registered = true;
        }
        open_db = db;

        db->ctx = ctx;
        db->sql = sql;
        /* an import of a million records walks indexes of tens of MiB: keep 16 MiB of them in
         * memory (used only as pages are read, so a report stays small) */
        store_exec(sql, "PRAGMA cache_size = -16384");
        db->now = clock_now();
        db->dirty = json_object();
        return db;
}

struct db *db_open(struct ctx *ctx)
{
        sqlite3 *sql = store_open_existing(ctx->home, "stats.db", &schema);

        if (sql == NULL)
                die(EX_CONFIG, _("no statistics in %s: run 'aidant-stats init' first"), ctx->home);
        return db_new(ctx, sql);
}

struct db *db_create(struct ctx *ctx)
{
        return db_new(ctx, store_open(ctx->home, "stats.db", &schema));
}

void db_close(struct db *db)
{
        open_db = NULL;
        for (size_t i = 0; i < sizeof(db->st) / sizeof(*db->st); i++)
                sqlite3_finalize(db->st[i]);
        store_close(db->sql);
        tally_free(&db->delta);
        tally_free(&db->months);
        strbuf_release(&db->text);
        json_decref(db->dirty);
        free(db);
}

/* A prepared statement kept for the life of db. */
sqlite3_stmt *db_stmt(struct db *db, int which, const char *sql)
{
        if (db->st[which] == NULL)
                db->st[which] = store_prepare(db->sql, sql);
        sqlite3_reset(db->st[which]);
        sqlite3_clear_bindings(db->st[which]);
        return db->st[which];
}

void db_begin(struct db *db)
{
        store_begin(db->sql);
}

void db_commit(struct db *db)
{
        db_flush(db);
        store_commit(db->sql);
}

void db_rollback(struct db *db)
{
        tally_clear(&db->delta);
        tally_clear(&db->months);
        json_object_clear(db->dirty);
        store_rollback(db->sql);
}

/* Appends s and a separator to key at *n; false when it does not fit. */
static bool key_part(char *key, size_t size, size_t *n, const char *s, char sep)
{
        size_t len = strlen(s);

        if (*n + len + 2 > size)
                return false;
        memcpy(key + *n, s, len);
        *n += len;
        key[(*n)++] = sep;
        key[*n] = '\0';
        return true;
}

void db_cell(struct db *db, const char *month, const char *source, const char *part,
             const char *rubrique, const char *modalite, long n)
{
        char key[256];
        size_t len = 0;

        if (n == 0 || !key_part(key, sizeof(key), &len, month, '\037') ||
            !key_part(key, sizeof(key), &len, source, '\037') ||
            !key_part(key, sizeof(key), &len, part, '\037') ||
            !key_part(key, sizeof(key), &len, rubrique, '\037') ||
            !key_part(key, sizeof(key), &len, modalite, '\0'))
                return;
        tally_add(&db->delta, key, len - 1, n);
}

/* Splits a pending cell's key into its five parts (the local source is empty). */
static int split_key(char *key, char *parts[5])
{
        int i = 0;

        parts[i++] = key;
        for (char *p = key; *p != '\0' && i < 5; p++) {
                if (*p == '\037') {
                        *p = '\0';
                        parts[i++] = p + 1;
                }
        }
        return i;
}

static void flush_cells(struct db *db)
{
        for (size_t i = 0; i < db->delta.n; i++) {
                char *parts[5], *copy;
                const char *key = db->delta.v[i].key;
                sqlite3_stmt *st;

                if (db->delta.v[i].n == 0)
                        continue;
                copy = xstrdup(key);
                if (split_key(copy, parts) != 5)
                        die(EX_SOFTWARE, "cell key %s", key);
                st = db_stmt(
                    db, ST_AGG,
                    "INSERT INTO agg (month, source, part, rubrique, modalite, n)"
                    " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET n = n + excluded.n");
                for (int k = 0; k < 5; k++)
                        sqlite3_bind_text(st, k + 1, parts[k], -1, SQLITE_TRANSIENT);
                sqlite3_bind_int64(st, 6, db->delta.v[i].n);
                store_step(db->sql, st);
                free(copy);
        }
        tally_clear(&db->delta);
        store_exec(db->sql, "DELETE FROM agg WHERE n = 0");
}

void db_flush(struct db *db)
{
        people_flush(db);
        flush_cells(db);
}

void db_maybe_flush(struct db *db)
{
        if (db->delta.n > DELTA_MAX || db->months.n > DELTA_MAX ||
            json_object_size(db->dirty) > DELTA_MAX)
                db_flush(db);
}

struct apply {
        struct db *db;
        const char *month;
        long sign;
};

static void add_cell(void *arg, const char *rubrique, const char *modalite, long n)
{
        struct apply *a = arg;

        db_cell(a->db, a->month, "", PART_RECORD, rubrique, modalite, a->sign * n);
}

/* Adds (sign 1) or removes (sign -1) what a record counts. */
static void apply(struct db *db, json_t *rec, long sign)
{
        char month[8];
        struct apply a = {db, month, sign};

        record_month(rec, month);
        record_cells(rec, add_cell, &a);
        people_apply(db, rec, sign);
        db_maybe_flush(db);
}

json_t *db_get(struct db *db, const char *id, int *version)
{
        sqlite3_stmt *st = db_stmt(db, ST_GET, "SELECT record, version FROM activite WHERE id = ?");
        json_t *rec = NULL;

        sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
        if (store_step(db->sql, st) == SQLITE_ROW) {
                rec = json_loads((const char *)sqlite3_column_text(st, 0), 0, NULL);
                if (rec == NULL)
                        die(EX_DATAERR, _("record %s: the store is damaged"), id);
                if (version != NULL)
                        *version = sqlite3_column_int(st, 1);
        }
        sqlite3_reset(st);
        return rec;
}

static void keep_version(struct db *db, const char *id)
{
        sqlite3_stmt *st = db_stmt(db, ST_VERSION,
                                   "INSERT INTO activite_version (id, version, record, replaced)"
                                   " SELECT id, version, record, ? FROM activite WHERE id = ?");

        sqlite3_bind_int64(st, 1, (sqlite3_int64)db->now);
        sqlite3_bind_text(st, 2, id, -1, SQLITE_STATIC);
        store_step(db->sql, st);
}

/* The stored text of a record, or NULL (a new string). */
static char *stored_text(struct db *db, const char *id)
{
        sqlite3_stmt *st = db_stmt(db, ST_TEXT, "SELECT record FROM activite WHERE id = ?");
        char *text = NULL;

        sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
        if (store_step(db->sql, st) == SQLITE_ROW)
                text = xstrdup((const char *)sqlite3_column_text(st, 0));
        sqlite3_reset(st);
        return text;
}

/* A new record goes in at once; one already there is compared by its canonical text. */
enum db_put db_put(struct db *db, json_t *rec)
{
        const char *id = json_string_value(json_object_get(rec, "id"));
        const char *date = json_string_value(json_object_get(rec, "date"));
        const char *text;
        char *was;
        sqlite3_stmt *st = db_stmt(db, ST_INSERT,
                                   "INSERT INTO activite (date, record, created, updated, id)"
                                   " VALUES (?, ?, ?3, ?3, ?4) ON CONFLICT (id) DO NOTHING");
        json_t *old;

        strbuf_reset(&db->text);
        record_write(&db->text, rec);
        text = strbuf_str(&db->text);
        sqlite3_bind_text(st, 1, date, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, text, (int)db->text.len, SQLITE_STATIC);
        sqlite3_bind_int64(st, 3, (sqlite3_int64)db->now);
        sqlite3_bind_text(st, 4, id, -1, SQLITE_STATIC);
        store_step(db->sql, st);
        sqlite3_reset(st);
        if (sqlite3_changes(db->sql) > 0) {
                apply(db, rec, 1);
                return DB_INSERTED;
        }
        was = stored_text(db, id);
        if (was == NULL || strcmp(was, text) == 0) {
                free(was);
                return DB_UNCHANGED;
        }
        old = json_loads(was, 0, NULL);
        free(was);
        if (old == NULL)
                die(EX_DATAERR, _("record %s: the store is damaged"), id);
        apply(db, old, -1);
        json_decref(old);
        keep_version(db, id);
        st = db_stmt(db, ST_UPDATE,
                     "UPDATE activite SET date = ?, record = ?, version = version + 1,"
                     " updated = ? WHERE id = ?");
        sqlite3_bind_text(st, 1, date, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, text, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 3, (sqlite3_int64)db->now);
        sqlite3_bind_text(st, 4, id, -1, SQLITE_STATIC);
        store_step(db->sql, st);
        apply(db, rec, 1);
        return DB_UPDATED;
}

void db_rewrite(struct db *db, json_t *rec)
{
        sqlite3_stmt *st = store_prepare(db->sql, "UPDATE activite SET record = ? WHERE id = ?");

        sqlite3_bind_text(st, 1, record_text(rec), -1, free);
        store_bind_text(st, 2, json_string_value(json_object_get(rec, "id")));
        store_step(db->sql, st);
        sqlite3_finalize(st);
}

bool db_remove(struct db *db, const char *id)
{
        json_t *old = db_get(db, id, NULL);
        sqlite3_stmt *st;

        if (old == NULL)
                return false;
        apply(db, old, -1);
        json_decref(old);
        st = store_prepare(db->sql, "DELETE FROM activite WHERE id = ?1;");
        sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
        store_step(db->sql, st);
        sqlite3_finalize(st);
        st = store_prepare(db->sql, "DELETE FROM activite_version WHERE id = ?1");
        sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
        store_step(db->sql, st);
        sqlite3_finalize(st);
        return true;
}

void db_new_id(char out[19])
{
        unsigned char r[8];

        randombytes_buf(r, sizeof(r));
        memcpy(out, "a-", 2);
        sodium_bin2hex(out + 2, 17, r, sizeof(r));
}
