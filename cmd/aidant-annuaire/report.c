/* stats and stale: what the directory holds (per service, label and commune, with the
 * services no place of a commune offers) and which places have not been updated. */
#include "cli.h"
#include "clock.h"
#include "commands.h"
#include "db.h"
#include "xalloc.h"
#include "i18n.h"
#include "query.h"
#include "rec.h"
#include "schema.h"
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const stats_columns[] = {"kind", "value", "code", "places", "missing_services",
                                            NULL};

static void write_count(struct rec_writer *w, const char *kind, const char *value, long n)
{
        json_t *rec =
            json_pack("{s:s, s:s?, s:I}", "kind", kind, "value", value, "places", (json_int_t)n);

        rec_write(w, rec);
        json_decref(rec);
}

static long count_all(sqlite3 *db)
{
        sqlite3_stmt *st =
            store_prepare(db, "SELECT count(*) FROM place WHERE merged_into IS NULL");
        long n = 0;

        if (store_step(db, st) == SQLITE_ROW)
                n = (long)sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
        return n;
}

/* Counts of the values of list fields. SQL names only fixed JSON paths, never input. */
static sqlite3_stmt *prepare_counts(sqlite3 *db, bool labels)
{
        if (!labels)
                return store_prepare(
                    db, "SELECT j.value, count(DISTINCT p.rid) FROM place AS p,"
                        " json_each(p.record, '$.services') AS j WHERE p.merged_into IS NULL"
                        " GROUP BY j.value");
        return store_prepare(
            db, "SELECT j.value, count(DISTINCT p.rid) AS n FROM place AS p,"
                " json_each(p.record, '$.dispositif_programmes_nationaux') AS j"
                " WHERE p.merged_into IS NULL GROUP BY j.value"
                " UNION ALL SELECT j.value, count(DISTINCT p.rid) AS n FROM place AS p,"
                " json_each(p.record, '$.formations_labels') AS j WHERE p.merged_into IS NULL"
                " GROUP BY j.value ORDER BY n DESC, 1");
}

/* Every service of the schema, even those no place offers: a zero is an answer. */
static void write_services(sqlite3 *db, struct rec_writer *w)
{
        const char *const *services = schema_enum_values("services");
        sqlite3_stmt *st = prepare_counts(db, false);
        long counts[QUERY_MAX_SERVICES] = {0};

        while (store_step(db, st) == SQLITE_ROW) {
                const char *v = (const char *)sqlite3_column_text(st, 0);

                for (int i = 0; i < QUERY_MAX_SERVICES && services[i] != NULL; i++)
                        if (v != NULL && strcmp(v, services[i]) == 0)
                                counts[i] = (long)sqlite3_column_int64(st, 1);
        }
        sqlite3_finalize(st);
        for (int i = 0; i < QUERY_MAX_SERVICES && services[i] != NULL; i++)
                write_count(w, "service", services[i], counts[i]);
}

static void write_labels(sqlite3 *db, struct rec_writer *w)
{
        sqlite3_stmt *st = prepare_counts(db, true);

        while (store_step(db, st) == SQLITE_ROW)
                write_count(w, "label", (const char *)sqlite3_column_text(st, 0),
                            (long)sqlite3_column_int64(st, 1));
        sqlite3_finalize(st);
}

struct commune {
        char *key, *name, *code;
        long places;
        unsigned offered; /* bit i: services[i] is offered by a place there */
};

static void commune_flush(struct commune *c, struct rec_writer *w)
{
        const char *const *services = schema_enum_values("services");
        json_t *missing, *rec;

        if (c->key == NULL)
                return;
        missing = json_array();
        for (int i = 0; i < QUERY_MAX_SERVICES && services[i] != NULL; i++)
                if ((c->offered & (1u << i)) == 0)
                        json_array_append_new(missing, json_string(services[i]));
        rec = json_pack("{s:s, s:s, s:s, s:I, s:o}", "kind", "commune", "value", c->name, "code",
                        c->code, "places", (json_int_t)c->places, "missing_services", missing);
        rec_write(w, rec);
        json_decref(rec);
        free(c->key);
        free(c->name);
        free(c->code);
        memset(c, 0, sizeof(*c));
}

static void commune_add_services(struct commune *c, const char *list)
{
        const char *const *services = schema_enum_values("services");
        json_t *arr = list != NULL ? json_loads(list, 0, NULL) : NULL;
        size_t i;
        json_t *v;

        json_array_foreach(arr, i, v)
        {
                for (int k = 0; k < QUERY_MAX_SERVICES && services[k] != NULL; k++)
                        if (json_is_string(v) && strcmp(json_string_value(v), services[k]) == 0)
                                c->offered |= 1u << k;
        }
        json_decref(arr);
}

/* One row per commune (INSEE code, else postcode and folded name), in code order. */
static void write_communes(sqlite3 *db, struct rec_writer *w)
{
        sqlite3_stmt *st = store_prepare(
            db, "SELECT coalesce(code_insee, code_postal || ' ' || aidant_key(commune)) AS k,"
                " commune, coalesce(code_insee, code_postal), json_extract(record, '$.services')"
                " FROM place WHERE merged_into IS NULL ORDER BY k, rid");
        struct commune c = {0};

        while (store_step(db, st) == SQLITE_ROW) {
                const char *k = (const char *)sqlite3_column_text(st, 0);

                if (c.key == NULL || strcmp(c.key, k) != 0) {
                        commune_flush(&c, w);
                        c.key = xstrdup(k);
                        c.name = xstrdup((const char *)sqlite3_column_text(st, 1));
                        c.code = xstrdup((const char *)sqlite3_column_text(st, 2));
                }
                c.places++;
                commune_add_services(&c, (const char *)sqlite3_column_text(st, 3));
        }
        commune_flush(&c, w);
        sqlite3_finalize(st);
}

int cmd_stats(int argc, char **argv, struct ctx *ctx)
{
        struct db *db;
        struct rec_writer *w;

        cli_no_args(ctx, argc, argv);
        db = db_open(ctx);
        query_register_functions(db->sql);
        w = rec_writer_open(stdout, ctx->format, stats_columns);
        write_count(w, "total", NULL, count_all(db->sql));
        write_services(db->sql, w);
        write_labels(db->sql, w);
        write_communes(db->sql, w);
        rec_writer_close(w);
        db_close(db);
        return 0;
}

/* --- stale -------------------------------------------------------------------------------- */

static const char *const stale_columns[] = {"date_maj", "age_days",    "id",     "nom",
                                            "commune",  "code_postal", "source", NULL};

static json_t *stale_row(sqlite3_stmt *st, time_t now)
{
        const char *date = (const char *)sqlite3_column_text(st, 5);
        time_t t;
        json_t *age = json_null();

        if (clock_parse(date, &t) == 0)
                age = json_integer((json_int_t)((now - t) / 86400));
        return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:o}", "id", sqlite3_column_text(st, 0),
                         "nom", sqlite3_column_text(st, 1), "commune", sqlite3_column_text(st, 2),
                         "code_postal", sqlite3_column_text(st, 3), "source",
                         sqlite3_column_text(st, 4), "date_maj", date, "age_days", age);
}

int cmd_stale(int argc, char **argv, struct ctx *ctx)
{
        static const struct option opts[] = {{"older-than", required_argument, NULL, 'o'},
                                             {NULL, 0, NULL, 0}};
        struct duration d = {6, 'm'};
        char cutoff[11];
        time_t now;
        struct db *db;
        sqlite3_stmt *st;
        struct rec_writer *w;
        int c;

        while ((c = cli_getopt(ctx, argc, argv, opts)) != -1)
                if (c == 'o' && duration_parse(optarg, &d) != 0)
                        cli_usage_error(
                            ctx, _("--older-than: '%s' is not a duration (31d, 6m, 1y)"), optarg);
        cli_no_args(ctx, argc, argv);
        now = clock_now();
        clock_format_date(duration_apply(now, &d, -1), cutoff);
        db = db_open(ctx);
        st = store_prepare(db->sql, "SELECT id, nom, commune, code_postal, source, date_maj"
                                    " FROM place WHERE merged_into IS NULL AND date_maj < ?"
                                    " ORDER BY date_maj, id");
        store_bind_text(st, 1, cutoff);
        w = rec_writer_open(stdout, ctx->format, stale_columns);
        while (store_step(db->sql, st) == SQLITE_ROW) {
                json_t *rec = stale_row(st, now);

                rec_write(w, rec);
                json_decref(rec);
        }
        rec_writer_close(w);
        sqlite3_finalize(st);
        db_close(db);
        return 0;
}
