/* diag.db: schema, the environment of a command, storing and finding diagnoses. */
#include "db.h"
#include "cli.h"
#include "clock.h"
#include "diagnose.h"
#include "i18n.h"
#include "msg.h"
#include "store.h"
#include "xalloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const char *const migrations[] = {
    "CREATE TABLE diagnosis ("
    " n INTEGER PRIMARY KEY,"
    " id TEXT UNIQUE,"     /* global id; NULL once forgotten */
    " usager TEXT,"        /* the local pseudonym; NULL once forgotten */
    " date TEXT NOT NULL," /* YYYY-MM-DD */
    " form TEXT NOT NULL,"
    " framework TEXT NOT NULL,"
    " autonomie TEXT NOT NULL,"
    " source TEXT NOT NULL," /* local | import */
    " signer TEXT,"          /* key id of the structure an imported one came from */
    " doc TEXT,"             /* canonical JSON; NULL once forgotten */
    " created INTEGER NOT NULL,"
    " forgotten INTEGER);"
    "CREATE INDEX diagnosis_usager ON diagnosis (usager, date);"
    "CREATE TABLE run ("
    " n INTEGER PRIMARY KEY,"
    " form TEXT NOT NULL, form_hash TEXT NOT NULL, usager TEXT NOT NULL,"
    " answers TEXT NOT NULL, pos INTEGER NOT NULL, started INTEGER NOT NULL);"
    "CREATE TABLE trust ("
    " keyid TEXT PRIMARY KEY, name TEXT NOT NULL, pubkey TEXT NOT NULL,"
    " added INTEGER NOT NULL);",
};

static const struct store_schema schema = {migrations, 1};

static struct denv *denv_new(struct ctx *ctx)
{
        struct denv *e = xcalloc(1, sizeof(*e));

        e->ctx = ctx;
        e->now = clock_now();
        clock_format_date(e->now, e->today);
        return e;
}

struct denv *denv_open(struct ctx *ctx)
{
        struct denv *e = denv_new(ctx);

        e->db = store_open(ctx->home, "diag.db", &schema);
        return e;
}

struct denv *denv_open_existing(struct ctx *ctx)
{
        struct denv *e = denv_new(ctx);

        e->db = store_open_existing(ctx->home, "diag.db", &schema);
        return e;
}

void denv_close(struct denv *e)
{
        sqlite3_finalize(e->insert);
        sqlite3_finalize(e->find);
        if (e->db != NULL)
                store_close(e->db);
        free(e);
}

long long db_insert(struct denv *e, json_t *doc, const char *canonical, const char *id,
                    const char *usager, const char *source, const char *signer)
{
        json_t *res = json_object_get(doc, "result");
        sqlite3_stmt *st;

        if (e->insert == NULL)
                e->insert =
                    store_prepare(e->db, "INSERT INTO diagnosis (id, usager, date, form,"
                                         " framework, autonomie, source, signer, doc, created)"
                                         " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        st = e->insert;
        sqlite3_reset(st);
        store_bind_text(st, 1, id);
        store_bind_text(st, 2, usager);
        store_bind_text(st, 3, json_string_value(json_object_get(doc, "date")));
        store_bind_text(st, 4, json_string_value(json_object_get(doc, "form")));
        store_bind_text(st, 5, json_string_value(json_object_get(doc, "framework")));
        store_bind_text(st, 6, json_string_value(json_object_get(res, "autonomie")));
        store_bind_text(st, 7, source);
        store_bind_text(st, 8, signer);
        store_bind_text(st, 9, canonical);
        sqlite3_bind_int64(st, 10, (sqlite3_int64)e->now);
        store_step(e->db, st);
        return (long long)sqlite3_last_insert_rowid(e->db);
}

long long db_store_local(struct denv *e, json_t *doc)
{
        char *canon = diag_canonical(doc), id[DIAG_ID_HEX + 1];
        long long n;

        diag_id(canon, id);
        n = db_find_id(e, id);
        if (n != 0)
                n = -n;
        else
                n = db_insert(e, doc, canon, id, json_string_value(json_object_get(doc, "usager")),
                              "local", NULL);
        free(canon);
        return n;
}

long long db_find_id(struct denv *e, const char *id)
{
        long long n = 0;

        if (e->db == NULL)
                return 0;
        if (e->find == NULL)
                e->find = store_prepare(e->db, "SELECT n FROM diagnosis WHERE id = ?");
        sqlite3_reset(e->find);
        store_bind_text(e->find, 1, id);
        if (store_step(e->db, e->find) == SQLITE_ROW)
                n = sqlite3_column_int64(e->find, 0);
        sqlite3_reset(e->find);
        return n;
}

static bool all(const char *s, int (*is)(int))
{
        if (*s == '\0')
                return false;
        for (; *s != '\0'; s++)
                if (!is((unsigned char)*s))
                        return false;
        return true;
}

long long db_resolve(struct denv *e, const char *arg)
{
        sqlite3_stmt *st;
        long long n = 0;
        int found = 0;
        size_t len = strlen(arg);

        if (e->db != NULL && all(arg, isdigit) && len < 19) {
                st = store_prepare(e->db, "SELECT n FROM diagnosis WHERE n = ?");
                sqlite3_bind_int64(st, 1, strtoll(arg, NULL, 10));
                found = store_step(e->db, st) == SQLITE_ROW;
                n = found ? sqlite3_column_int64(st, 0) : 0;
                sqlite3_finalize(st);
        } else if (e->db != NULL && all(arg, isxdigit) && len >= 8 && len <= 16) {
                char *lo = xstrdup(arg);

                for (char *p = lo; *p != '\0'; p++)
                        *p = (char)tolower((unsigned char)*p);
                st = store_prepare(e->db, "SELECT n FROM diagnosis WHERE substr(id, 1, ?) = ?");
                sqlite3_bind_int(st, 1, (int)len);
                store_bind_text(st, 2, lo);
                while (store_step(e->db, st) == SQLITE_ROW) {
                        n = sqlite3_column_int64(st, 0);
                        found++;
                }
                sqlite3_finalize(st);
                free(lo);
                if (found > 1)
                        cli_usage_error(e->ctx, _("'%s' names several diagnoses: give more digits"),
                                        arg);
        }
        if (found == 0)
                die(EX_NOINPUT, _("no diagnosis '%s'"), arg);
        return n;
}

static char *col_dup(sqlite3_stmt *st, int i)
{
        const unsigned char *s = sqlite3_column_text(st, i);

        return s != NULL ? xstrdup((const char *)s) : NULL;
}

void db_get(struct denv *e, long long n, struct drow *out)
{
        sqlite3_stmt *st =
            store_prepare(e->db, "SELECT " DIAG_LIST_COLUMNS " FROM diagnosis WHERE n = ?");

        memset(out, 0, sizeof(*out));
        sqlite3_bind_int64(st, 1, n);
        if (store_step(e->db, st) != SQLITE_ROW)
                die(EX_NOINPUT, _("no diagnosis '%lld'"), n);
        out->n = sqlite3_column_int64(st, 0);
        out->id = col_dup(st, 1);
        out->usager = col_dup(st, 2);
        out->date = col_dup(st, 3);
        out->form = col_dup(st, 4);
        out->source = col_dup(st, 5);
        out->signer = col_dup(st, 6);
        out->autonomie = col_dup(st, 7);
        out->framework = col_dup(st, 9);
        out->forgotten = sqlite3_column_type(st, 8) == SQLITE_NULL;
        if (!out->forgotten)
                out->doc = json_loads((const char *)sqlite3_column_text(st, 8), 0, NULL);
        if (!out->forgotten && out->doc == NULL)
                die(EX_DATAERR, _("diagnosis %lld is corrupt in the store"), n);
        sqlite3_finalize(st);
}

void drow_clear(struct drow *r)
{
        free(r->id);
        free(r->usager);
        free(r->date);
        free(r->form);
        free(r->framework);
        free(r->source);
        free(r->signer);
        free(r->autonomie);
        json_decref(r->doc);
        memset(r, 0, sizeof(*r));
}

json_t *db_list_record(const struct drow *r)
{
        json_t *res = json_object_get(r->doc, "result");
        json_t *rec = json_pack("{s:I,s:s?,s:s,s:s?,s:s,s:s?,s:s,s:s,s:s?,s:s?}", "n",
                                (json_int_t)r->n, "id", r->id, "date", r->date, "usager", r->usager,
                                "form", r->form, "framework", r->framework, "autonomie",
                                r->autonomie, "source", r->source, "signer", r->signer, "structure",
                                json_string_value(json_object_get(r->doc, "structure")));
        static const char *const copied[] = {"levels", "strengths", "barriers", "needs", NULL};

        for (int i = 0; copied[i] != NULL; i++) {
                json_t *v = json_object_get(res, copied[i]);

                json_object_set(rec, copied[i], v != NULL ? v : json_null());
        }
        res = json_object_get(json_object_get(res, "orientation"), "services");
        json_object_set(rec, "services", res != NULL ? res : json_null());
        json_object_set_new(rec, "forgotten", json_boolean(r->forgotten));
        return rec;
}
