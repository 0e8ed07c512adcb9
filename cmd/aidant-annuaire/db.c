/* annuaire.db: schema, migrations and the writes that keep the place table, its
 * full-text index in step (the coordinates are indexed in the table itself). */
#include "db.h"
#include "cli.h"
#include "msg.h"
#include "xalloc.h"
#include "i18n.h"
#include "store.h"
#include "strbuf.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const migrations[] = {
    "CREATE TABLE place ("
    " rid INTEGER PRIMARY KEY,"
    " id TEXT NOT NULL UNIQUE,"
    " source TEXT NOT NULL," /* the list it was imported from */
    " nom TEXT NOT NULL,"
    " commune TEXT NOT NULL,"
    " code_postal TEXT NOT NULL,"
    " code_insee TEXT,"
    " latitude REAL,"
    " longitude REAL,"
    " date_maj TEXT NOT NULL,"
    " record TEXT NOT NULL," /* the normalised record, canonical JSON */
    " digest TEXT NOT NULL," /* BLAKE2b of record and source: unchanged check */
    " merged_into TEXT"      /* set while hidden by a dedupe merge */
    ");"
    "CREATE INDEX place_source ON place(source);"
    "CREATE INDEX place_insee ON place(code_insee);"
    "CREATE INDEX place_cp ON place(code_postal, commune);"
    /* --near reads, cell by cell of a tenth of a degree of latitude, the longitudes of the
     * box around its circle, and orders by name without reading the rows: at national
     * scale this costs a seventh of an R*Tree to fill, and a search reads a few pages */
    "CREATE INDEX place_near ON place(CAST(latitude * 10 AS INTEGER), longitude, latitude,"
    " merged_into, nom, id);"
    /* the places --near can find */
    "CREATE VIEW place_geo AS SELECT * FROM place"
    " WHERE latitude IS NOT NULL AND longitude IS NOT NULL;"
    /* contentless: the words are in the records already; db.c gives the old text back
     * to the 'delete' command when a record changes or goes */
    "CREATE VIRTUAL TABLE place_fts USING fts5(text, content='',"
    " tokenize='unicode61 remove_diacritics 2');"
    "CREATE TABLE merge ("
    " mid INTEGER PRIMARY KEY,"
    " at TEXT NOT NULL,"
    " kept TEXT NOT NULL,"   /* id of the place that stays */
    " merged TEXT NOT NULL," /* JSON array of the ids hidden */
    " before TEXT NOT NULL," /* JSON of the kept record before the merge */
    " undone_at TEXT"
    ");",
    /* merges that survive re-imports: a kept place keeps the record its list gave in own
     * while it shows the merge of it and of the places merged into it; the pairs an
     * unmerge set apart are not proposed again */
    "ALTER TABLE place ADD COLUMN own TEXT;"
    "UPDATE place SET own = (SELECT before FROM merge WHERE kept = place.id AND undone_at IS NULL"
    " ORDER BY mid LIMIT 1) WHERE id IN (SELECT kept FROM merge WHERE undone_at IS NULL);"
    "CREATE TABLE apart ("
    " a TEXT NOT NULL,"
    " b TEXT NOT NULL," /* a < b */
    " mid INTEGER NOT NULL,"
    " at TEXT NOT NULL,"
    " PRIMARY KEY (a, b)"
    ");",
    /* the digest of the raw row a place was imported from, when its normalisation said
     * nothing (no warning): a row read again with the same digest is unchanged without
     * being normalised again (the cron case) */
    ("ALTER TABLE place ADD COLUMN raw BLOB;"
     "CREATE INDEX place_raw ON place(raw) WHERE raw IS NOT NULL;"),
};

static const struct store_schema schema = {migrations, sizeof(migrations) / sizeof(*migrations)};

/* Prepared on first use: a search or a show needs one or two of them, an import most. */
static const char *const statements[DB_NSTMTS] = {
    [DB_GET] = "SELECT record FROM place WHERE id = ?",
    [DB_STORED] =
        "SELECT rid, digest, source, record, own, merged_into, raw FROM place WHERE id = ?",
    [DB_INSERT] = "INSERT INTO place (id, source, nom, commune, code_postal, code_insee,"
                  " latitude, longitude, date_maj, record, digest, raw)"
                  " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
    [DB_UPDATE] = "UPDATE place SET id=?, source=?, nom=?, commune=?, code_postal=?,"
                  " code_insee=?, latitude=?, longitude=?, date_maj=?, record=?, digest=?,"
                  " raw=? WHERE rid=?",
    [DB_DELETE] = "DELETE FROM place WHERE rid = ?",
    [DB_FTS_DELETE] = "INSERT INTO place_fts (place_fts, rowid, text) VALUES ('delete', ?, ?)",
    [DB_FTS_INSERT] = "INSERT INTO place_fts (rowid, text) VALUES (?, ?)",
    [DB_OF_SOURCE] = "SELECT id FROM place WHERE source = ? ORDER BY rid",
    [DB_ANY] = "SELECT EXISTS (SELECT 1 FROM place)",
    [DB_SET_OWN] = "UPDATE place SET own = ?, raw = ? WHERE rid = ?",
    [DB_BY_RAW] = "SELECT id, source FROM place WHERE raw = ?",
    [DB_SET_RAW] = "UPDATE place SET raw = ? WHERE rid = ?",
};

static sqlite3_stmt *stmt(struct db *db, enum db_stmt which)
{
        if (db->st[which] == NULL)
                db->st[which] = store_prepare(db->sql, statements[which]);
        return db->st[which];
}

struct db *db_open(const struct ctx *ctx)
{
        struct db *db = xcalloc(1, sizeof(*db));

        db->sql = store_open(ctx->home, "annuaire.db", &schema);
        /* 16 MiB: an import appends to the table and keeps its indexes, a bigger cache
         * saved no time but cost memory */
        store_exec(db->sql, "PRAGMA cache_size = -16384");
        return db;
}

static const char *str(json_t *rec, const char *key)
{
        return json_string_value(json_object_get(rec, key));
}

static void digest_of(const char *text, const char *source, char hex[65])
{
        static bool ready;
        unsigned char h[32];
        crypto_generichash_state st;

        /* without it libsodium keeps its portable BLAKE2b, three times slower on imports */
        if (!ready && sodium_init() < 0)
                die(EX_SOFTWARE, "sodium_init");
        ready = true;
        crypto_generichash_init(&st, NULL, 0, sizeof(h));
        crypto_generichash_update(&st, (const unsigned char *)text, strlen(text));
        crypto_generichash_update(&st, (const unsigned char *)"\n", 1);
        crypto_generichash_update(&st, (const unsigned char *)source, strlen(source));
        crypto_generichash_final(&st, h, sizeof(h));
        sodium_bin2hex(hex, 65, h, sizeof(h));
}

/* --- what a put writes: made from the record before the write, by the reading thread
 * when a writer thread writes, so that the record is released where it was made -------- */

enum { COL_ID, COL_SOURCE, COL_NOM, COL_COMMUNE, COL_CP, COL_INSEE, COL_DATE, NCOLS };

/* The columns of place, in the order of the statements' parameters (latitude and
 * longitude, 7 and 8, apart). */
static const char *const row_keys[NCOLS] = {"id",          NULL,         "nom",     "commune",
                                            "code_postal", "code_insee", "date_maj"};

struct db_row {
        struct strbuf b; /* the record's text, its indexed words, the columns, NUL-ended */
        size_t words;    /* offsets in b */
        size_t col[NCOLS];
        bool has[NCOLS];
        char hex[65];                     /* the digest of the text and source */
        unsigned char raw[DB_RAW_DIGEST]; /* of the raw row (db_put_own), when has_raw */
        bool has_raw;
        double lat, lon;
        bool geo;
};

static void row_make(struct db_row *r, json_t *rec, const char *source, const unsigned char *raw)
{
        json_t *lat = json_object_get(rec, "latitude"), *lon = json_object_get(rec, "longitude");

        strbuf_reset(&r->b);
        db_record_text(rec, &r->b);
        strbuf_add(&r->b, "", 1); /* the text ends at a NUL, the words follow */
        r->words = r->b.len;
        db_fts_words(rec, &r->b);
        for (int c = 0; c < NCOLS; c++) {
                const char *v = c == COL_SOURCE ? source : str(rec, row_keys[c]);

                strbuf_add(&r->b, "", 1);
                r->col[c] = r->b.len;
                r->has[c] = v != NULL;
                if (v != NULL)
                        strbuf_addstr(&r->b, v);
        }
        digest_of(r->b.buf, source, r->hex);
        r->geo = json_is_number(lat) && json_is_number(lon);
        r->lat = r->geo ? json_number_value(lat) : 0;
        r->lon = r->geo ? json_number_value(lon) : 0;
        r->has_raw = raw != NULL;
        if (raw != NULL)
                memcpy(r->raw, raw, DB_RAW_DIGEST);
}

static void bind_raw(sqlite3_stmt *st, int param, const struct db_row *r)
{
        if (r->has_raw)
                sqlite3_bind_blob(st, param, r->raw, DB_RAW_DIGEST, SQLITE_STATIC);
        else
                sqlite3_bind_null(st, param);
}

static const char *row_col(const struct db_row *r, int c)
{
        return r->has[c] ? r->b.buf + r->col[c] : NULL;
}

static void bind_place(sqlite3_stmt *st, const struct db_row *r)
{
        static const int param[NCOLS] = {1, 2, 3, 4, 5, 6, 9};

        /* all outlive the statement's run in put(): no copy */
        for (int c = 0; c < NCOLS; c++) {
                if (r->has[c])
                        sqlite3_bind_text(st, param[c], row_col(r, c), -1, SQLITE_STATIC);
                else
                        sqlite3_bind_null(st, param[c]);
        }
        if (r->geo) {
                sqlite3_bind_double(st, 7, r->lat);
                sqlite3_bind_double(st, 8, r->lon);
        } else {
                sqlite3_bind_null(st, 7);
                sqlite3_bind_null(st, 8);
        }
        sqlite3_bind_text(st, 10, r->b.buf, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 11, r->hex, -1, SQLITE_STATIC);
        bind_raw(st, 12, r);
}

/* Runs a write. Only the writer thread sees it fail: it stops there and its owner
 * reports the error, which the connection keeps (see writer_stop). */
static bool run(struct db *db, sqlite3_stmt *st)
{
        int rc = sqlite3_step(st);

        if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
                if (db->writer == NULL)
                        store_die(db->sql, _("database"));
                return false;
        }
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
        return true;
}

/* The words of a record go in the full-text index under its rid; text is released
 * by done (free, or SQLITE_STATIC when the caller keeps it). */
static bool fts_write(struct db *db, enum db_stmt which, sqlite3_int64 rid, const char *text,
                      void (*done)(void *))
{
        sqlite3_stmt *st = stmt(db, which);

        sqlite3_bind_int64(st, 1, rid);
        sqlite3_bind_text(st, 2, text, -1, done);
        return run(db, st);
}

/* A contentless index forgets a document only when given back the words it indexed:
 * those of the stored record (its text, as read from the place table). */
static char *stored_words(const char *id, const char *record)
{
        json_t *old = db_record_parse(record);
        char *words;

        if (old == NULL)
                die(EX_DATAERR, _("the stored record of %s is damaged"), id);
        words = db_fts_text(old);
        json_decref(old);
        return words;
}

/* A merge that the import of a place changes: the kept place it is merged into, or the
 * place itself when it is kept, is shown anew by merge_refresh (the caller's). */
static void note_refresh(struct db *db, const char *id)
{
        if (db->refresh == NULL)
                db->refresh = json_object();
        json_object_set_new(db->refresh, id, json_true());
}

/* What the store holds under the row's id: DB_INSERTED when nothing, DB_UNCHANGED when the
 * same digest, else DB_UPDATED with *rid and *words (the indexed words, a new string) of
 * the stored place; -1 with *owner set when it belongs to another source and owner is
 * not NULL. An import (owner not NULL) of a place kept by a merge compares with the
 * record its list gave (own) and sets *kept when that changed: the place shows the merge.
 * *raw_same tells whether the stored raw digest is the row's. */
static int compare_stored(struct db *db, const struct db_row *row, char **owner, sqlite3_int64 *rid,
                          char **words, bool *kept, bool *raw_same)
{
        sqlite3_stmt *st = stmt(db, DB_STORED);
        const char *id = row_col(row, COL_ID), *source = row_col(row, COL_SOURCE), *hex = row->hex;
        int res = DB_INSERTED;

        store_bind_text(st, 1, id);
        if (store_step(db->sql, st) == SQLITE_ROW) {
                const char *was = (const char *)sqlite3_column_text(st, 2);
                const char *own = (const char *)sqlite3_column_text(st, 4);
                const char *into = (const char *)sqlite3_column_text(st, 5);
                char own_hex[65];

                if (owner != NULL && own != NULL)
                        digest_of(own, was, own_hex);
                res =
                    strcmp(owner != NULL && own != NULL ? own_hex
                                                        : (const char *)sqlite3_column_text(st, 1),
                           hex) == 0
                        ? DB_UNCHANGED
                        : DB_UPDATED;
                *rid = sqlite3_column_int64(st, 0);
                *raw_same = row->has_raw && sqlite3_column_bytes(st, 6) == DB_RAW_DIGEST &&
                            memcmp(sqlite3_column_blob(st, 6), row->raw, DB_RAW_DIGEST) == 0;
                if (owner != NULL && strcmp(was, source) != 0) {
                        *owner = xstrdup(was);
                        res = -1;
                } else if (res == DB_UPDATED && owner != NULL && own != NULL) {
                        *kept = true;
                        note_refresh(db, id);
                } else if (res == DB_UPDATED) {
                        *words = stored_words(id, (const char *)sqlite3_column_text(st, 3));
                        if (owner != NULL && into != NULL)
                                note_refresh(db, into);
                }
        }
        sqlite3_reset(st);
        return res;
}

#define PUT_FAILED (-2) /* in the writer thread only: a write failed */

/* The shared body of db_put and db_put_own: owner NULL replaces whatever the id holds.
 * Into a store that was empty when the transaction began, every id is new (the import
 * refuses the ids it meets twice): no lookup. */
static int put(struct db *db, const struct db_row *row, char **owner)
{
        char *old_words = NULL;
        sqlite3_int64 rid = 0;
        sqlite3_stmt *st;
        int res = DB_INSERTED;
        bool kept = false, raw_same = false;

        if (!db->empty)
                res = compare_stored(db, row, owner, &rid, &old_words, &kept, &raw_same);
        if (res == DB_UNCHANGED && row->has_raw && !raw_same) { /* found the next time */
                st = stmt(db, DB_SET_RAW);
                bind_raw(st, 1, row);
                sqlite3_bind_int64(st, 2, rid);
                return run(db, st) ? res : PUT_FAILED;
        }
        if (res == DB_UNCHANGED || res < 0)
                return res;
        if (kept) { /* the list's record, under the merge it shows */
                st = stmt(db, DB_SET_OWN);
                sqlite3_bind_text(st, 1, row->b.buf, -1, SQLITE_STATIC);
                bind_raw(st, 2, row);
                sqlite3_bind_int64(st, 3, rid);
                return run(db, st) ? res : PUT_FAILED;
        }
        st = stmt(db, res == DB_INSERTED ? DB_INSERT : DB_UPDATE);
        bind_place(st, row);
        if (res == DB_UPDATED) {
                sqlite3_bind_int64(st, 13, rid);
                if (!run(db, st) || !fts_write(db, DB_FTS_DELETE, rid, old_words, free))
                        return PUT_FAILED;
        } else {
                if (!run(db, st))
                        return PUT_FAILED;
                rid = sqlite3_last_insert_rowid(db->sql);
        }
        return fts_write(db, DB_FTS_INSERT, rid, row->b.buf + row->words, SQLITE_STATIC)
                   ? res
                   : PUT_FAILED;
}

/* A put made here, when no writer thread writes. */
static int put_here(struct db *db, json_t *rec, const char *source, const unsigned char *raw,
                    char **owner)
{
        if (db->row == NULL)
                db->row = xcalloc(1, sizeof(*db->row));
        row_make(db->row, rec, source, raw);
        return put(db, db->row, owner);
}

/* --- the writer thread: an import into an empty store knows every put inserts, so the
 * records, made into rows here, go through a queue to a second thread that writes them
 * while this one reads and checks the next ones -------------------------------------- */

#define QUEUE 512
#define BATCH 128 /* the writer wakes up for this many records: fewer thread switches */

/* A ring of rows: made by the reader, written by the writer; a slot is made again once
 * written (its buffer kept). The counters only grow; their difference is what is between
 * them. */
struct db_writer {
        pthread_t thread;
        pthread_mutex_t lock;
        pthread_cond_t more, room;
        struct db_row q[QUEUE];
        size_t pushed, written;
        bool done, failed;
};

/* Waits for BATCH rows or the end; returns the first and sets *end past the last. */
static size_t writer_wait(struct db_writer *w, size_t *end)
{
        size_t from;

        pthread_mutex_lock(&w->lock);
        while (w->pushed - w->written < BATCH && !w->done)
                pthread_cond_wait(&w->more, &w->lock);
        from = w->written;
        *end = w->pushed;
        pthread_mutex_unlock(&w->lock);
        return from;
}

static void *writer_main(void *arg)
{
        struct db *db = arg;
        struct db_writer *w = db->writer;
        size_t from, end;
        bool ok = true;

        while (ok && (from = writer_wait(w, &end)) != end) {
                for (size_t i = from; i < end && ok; i++)
                        ok = put(db, &w->q[i % QUEUE], NULL) != PUT_FAILED;
                pthread_mutex_lock(&w->lock);
                w->written = end;
                w->failed = !ok;
                pthread_cond_signal(&w->room);
                pthread_mutex_unlock(&w->lock);
        }
        return NULL;
}

static void writer_start(struct db *db)
{
        struct db_writer *w = xcalloc(1, sizeof(*w));

        pthread_mutex_init(&w->lock, NULL);
        pthread_cond_init(&w->more, NULL);
        pthread_cond_init(&w->room, NULL);
        db->writer = w;
        if (pthread_create(&w->thread, NULL, writer_main, db) != 0) {
                db->writer = NULL; /* the puts write here then */
                free(w);
        }
}

/* Waits for the writer to finish the queue; dies with the store's error if a write
 * failed. Every use of the connection but a put comes after it. */
static void writer_stop(struct db *db)
{
        struct db_writer *w = db->writer;
        bool failed;

        if (w == NULL)
                return;
        pthread_mutex_lock(&w->lock);
        w->done = true;
        pthread_cond_signal(&w->more);
        pthread_mutex_unlock(&w->lock);
        pthread_join(w->thread, NULL);
        failed = w->failed;
        for (size_t i = 0; i < QUEUE; i++)
                strbuf_release(&w->q[i].b);
        pthread_mutex_destroy(&w->lock);
        pthread_cond_destroy(&w->more);
        pthread_cond_destroy(&w->room);
        free(w);
        db->writer = NULL;
        if (failed) /* the writer left the connection on its failing step */
                store_die(db->sql, _("database"));
}

static void writer_push(struct db *db, json_t *rec, const char *source, const unsigned char *raw)
{
        struct db_writer *w = db->writer;
        bool failed;

        pthread_mutex_lock(&w->lock);
        while (w->pushed - w->written == QUEUE && !w->failed)
                pthread_cond_wait(&w->room, &w->lock);
        failed = w->failed;
        pthread_mutex_unlock(&w->lock);
        if (failed)
                writer_stop(db); /* dies with the writer's error */
        /* a slot the writer is done with: pushed - written < QUEUE */
        row_make(&w->q[w->pushed % QUEUE], rec, source, raw);
        pthread_mutex_lock(&w->lock);
        if (++w->pushed - w->written == BATCH)
                pthread_cond_signal(&w->more);
        pthread_mutex_unlock(&w->lock);
}

enum db_put_result db_put(struct db *db, json_t *rec, const char *source)
{
        writer_stop(db);
        return (enum db_put_result)put_here(db, rec, source, NULL, NULL);
}

int db_put_own(struct db *db, json_t *rec, const char *source, const unsigned char *raw,
               char **owner)
{
        if (db->writer != NULL) {
                writer_push(db, rec, source, raw);
                return DB_INSERTED;
        }
        return put_here(db, rec, source, raw, owner);
}

bool db_find_raw(struct db *db, const unsigned char *raw, char **id, char **source)
{
        sqlite3_stmt *st;
        bool found;

        if (db->empty) /* nothing to find, and the writer thread has the connection */
                return false;
        st = stmt(db, DB_BY_RAW);
        sqlite3_bind_blob(st, 1, raw, DB_RAW_DIGEST, SQLITE_STATIC);
        found = store_step(db->sql, st) == SQLITE_ROW;
        if (found) {
                *id = xstrdup((const char *)sqlite3_column_text(st, 0));
                *source = xstrdup((const char *)sqlite3_column_text(st, 1));
        }
        sqlite3_reset(st);
        return found;
}

/* --- transactions ------------------------------------------------------------------- */

void db_close(struct db *db)
{
        writer_stop(db);
        for (int i = 0; i < DB_NSTMTS; i++)
                sqlite3_finalize(db->st[i]);
        store_close(db->sql);
        if (db->row != NULL)
                strbuf_release(&db->row->b);
        free(db->row);
        json_decref(db->refresh);
        free(db);
}

json_t *db_take_refresh(struct db *db)
{
        json_t *ids = db->refresh;

        db->refresh = NULL;
        return ids;
}

void db_begin(struct db *db)
{
        sqlite3_stmt *st;

        store_begin(db->sql);
        st = stmt(db, DB_ANY);
        store_step(db->sql, st);
        db->empty = sqlite3_column_int(st, 0) == 0;
        sqlite3_reset(st);
        /* the writer thread keeps the indexes of place as it inserts: it has the time the
         * reading and checking take, where building them at the end came after it */
        if (db->empty)
                writer_start(db);
}

void db_finish_writes(struct db *db)
{
        writer_stop(db);
}

void db_commit(struct db *db)
{
        db_finish_writes(db);
        store_commit(db->sql);
}

void db_rollback(struct db *db)
{
        writer_stop(db);
        store_rollback(db->sql);
}

json_t *db_source_ids(struct db *db, const char *source)
{
        sqlite3_stmt *st;
        json_t *ids = json_array();

        writer_stop(db);
        st = stmt(db, DB_OF_SOURCE);
        store_bind_text(st, 1, source);
        while (store_step(db->sql, st) == SQLITE_ROW)
                json_array_append_new(ids, json_string((const char *)sqlite3_column_text(st, 0)));
        sqlite3_reset(st);
        return ids;
}

bool db_remove(struct db *db, const char *id)
{
        sqlite3_stmt *st;
        sqlite3_int64 rid;
        char *words;

        writer_stop(db);
        st = stmt(db, DB_STORED);
        store_bind_text(st, 1, id);
        if (store_step(db->sql, st) != SQLITE_ROW) {
                sqlite3_reset(st);
                return false;
        }
        rid = sqlite3_column_int64(st, 0);
        words = stored_words(id, (const char *)sqlite3_column_text(st, 3));
        sqlite3_reset(st);
        fts_write(db, DB_FTS_DELETE, rid, words, free);
        st = stmt(db, DB_DELETE);
        sqlite3_bind_int64(st, 1, rid);
        run(db, st);
        return true;
}

json_t *db_get(struct db *db, const char *id)
{
        sqlite3_stmt *st;
        json_t *rec = NULL;

        writer_stop(db);
        st = stmt(db, DB_GET);
        store_bind_text(st, 1, id);
        if (store_step(db->sql, st) == SQLITE_ROW) {
                const char *text = (const char *)sqlite3_column_text(st, 0);

                rec = db_record_parse(text);
                if (rec == NULL)
                        die(EX_DATAERR, _("the stored record of %s is damaged"), id);
        }
        sqlite3_reset(st);
        return rec;
}
