/* list, show, rm, forget and purge: the stored records, and the erasure of a person
 * (forget: their details leave every record and version; the participation stays as an
 * anonymous one) or of everyone past the retention period (purge: the aggregates stay). */
#include "cli.h"
#include "clock.h"
#include "commands.h"
#include "db.h"
#include "i18n.h"
#include "msg.h"
#include "people.h"
#include "period.h"
#include "rec.h"
#include "record.h"
#include "show.h"
#include "store.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cmd_list(int argc, char **argv, struct ctx *ctx)
{
        static const struct option opts[] = {
            PERIOD_LONGOPTS,
            {"type", required_argument, NULL, 't'},
            {"usager", required_argument, NULL, 'u'},
            {"format", required_argument, NULL, 'f'},
            {NULL, 0, NULL, 0},
        };
        static const char *const cols[] = {"id",        "type",         "date",        "duree",
                                           "type_lieu", "participants", "thematiques", NULL};
        struct period p = {0};
        const char *type = NULL, *usager = NULL;
        struct db *db;
        struct rec_writer *w;
        sqlite3_stmt *st;
        int c;

        while ((c = cli_getopt(ctx, argc, argv, opts)) != -1) {
                if (period_option(ctx, &p, c, optarg))
                        continue;
                if (c == 't')
                        type = optarg;
                else if (c == 'u')
                        usager = optarg;
                else
                        show_format_option(ctx, optarg);
        }
        cli_no_args(ctx, argc, argv);
        period_finish(ctx, &p);
        db = db_open(ctx);
        st = store_prepare(db->sql, "SELECT record FROM activite a WHERE (?1 IS NULL OR date >= ?1)"
                                    " AND (?2 IS NULL OR date <= ?2)"
                                    " AND (?3 IS NULL OR json_extract(record, '$.type') = ?3)"
                                    " AND (?4 IS NULL OR EXISTS (SELECT 1 FROM participation"
                                    "  WHERE usager = ?4 AND activite = a.id)) ORDER BY date, id");
        store_bind_text(st, 1, p.set ? p.since : NULL);
        store_bind_text(st, 2, p.set ? p.until : NULL);
        store_bind_text(st, 3, type);
        store_bind_text(st, 4, usager);
        w = rec_writer_open(stdout, ctx->format, cols);
        while (store_step(db->sql, st) == SQLITE_ROW) {
                json_t *rec = json_loads((const char *)sqlite3_column_text(st, 0), 0, NULL);

                if (rec != NULL)
                        rec_write(w, rec);
                json_decref(rec);
        }
        rec_writer_close(w);
        sqlite3_finalize(st);
        db_close(db);
        return 0;
}

/* The previous versions of a record, oldest first. */
static json_t *versions(struct db *db, const char *id)
{
        sqlite3_stmt *st =
            store_prepare(db->sql, "SELECT version, record, replaced FROM"
                                   " activite_version WHERE id = ? ORDER BY version");
        json_t *a = json_array();

        store_bind_text(st, 1, id);
        while (store_step(db->sql, st) == SQLITE_ROW) {
                char when[32];

                clock_format_iso((time_t)sqlite3_column_int64(st, 2), when);
                json_array_append_new(
                    a, json_pack("{s:i,s:s,s:o*}", "version", sqlite3_column_int(st, 0), "replaced",
                                 when, "record",
                                 json_loads((const char *)sqlite3_column_text(st, 1), 0, NULL)));
        }
        sqlite3_finalize(st);
        return a;
}

int cmd_show(int argc, char **argv, struct ctx *ctx)
{
        static const struct option opts[] = {
            {"versions", no_argument, NULL, 'v'},
            {"format", required_argument, NULL, 'f'},
            {NULL, 0, NULL, 0},
        };
        bool with_versions = false;
        struct db *db;
        json_t *rec;
        int c, version;

        while ((c = cli_getopt(ctx, argc, argv, opts)) != -1) {
                if (c == 'v')
                        with_versions = true;
                else
                        show_format_option(ctx, optarg);
        }
        if (optind + 1 != argc)
                cli_usage_error(ctx, "%s", _("show takes one record id"));
        db = db_open(ctx);
        rec = db_get(db, argv[optind], &version);
        if (rec == NULL)
                die(EX_NOINPUT, _("no record '%s'"), argv[optind]);
        json_object_set_new(rec, "version", json_integer(version));
        if (with_versions)
                json_object_set_new(rec, "previous_versions", versions(db, argv[optind]));
        show_record(ctx, rec);
        json_decref(rec);
        db_close(db);
        return 0;
}

int cmd_rm(int argc, char **argv, struct ctx *ctx)
{
        static const struct option opts[] = {{NULL, 0, NULL, 0}};
        struct db *db;

        while (cli_getopt(ctx, argc, argv, opts) != -1)
                ;
        if (optind >= argc)
                cli_usage_error(ctx, "%s", _("which records? (rm <id>...)"));
        db = db_open(ctx);
        db_begin(db);
        for (int i = optind; i < argc; i++) {
                if (!db_remove(db, argv[i])) {
                        db_rollback(db);
                        die(EX_NOINPUT, _("no record '%s': nothing removed"), argv[i]);
                }
        }
        db_commit(db);
        msg_notice(_("%d record(s) removed"), argc - optind);
        db_close(db);
        return 0;
}

/* rec without the person (an anonymous participant of the same activity), or with the
 * person replaced by an anonymised entry (purge). Returns a new reference. */
static json_t *without(json_t *rec, const char *pseudo, bool keep_entry)
{
        json_t *out = json_deep_copy(rec), *people = json_object_get(out, "beneficiaires"), *p;
        size_t i;

        json_array_foreach(people, i, p)
        {
                const char *u = json_string_value(json_object_get(p, "usager"));

                if (u != NULL && strcmp(u, pseudo) == 0)
                        break;
        }
        if (i < json_array_size(people)) {
                if (keep_entry)
                        json_array_set_new(people, i, json_pack("{s:b}", "anonymise", 1));
                else
                        json_array_remove(people, i);
        }
        if (people != NULL && json_array_size(people) == 0)
                json_object_del(out, "beneficiaires");
        return out;
}

/* The activities of a person (ids, new array). */
static json_t *activities_of(struct db *db, const char *pseudo)
{
        sqlite3_stmt *st =
            store_prepare(db->sql, "SELECT activite FROM participation WHERE usager = ?");
        json_t *ids = json_array();

        store_bind_text(st, 1, pseudo);
        while (store_step(db->sql, st) == SQLITE_ROW)
                json_array_append_new(ids, json_string((const char *)sqlite3_column_text(st, 0)));
        sqlite3_finalize(st);
        return ids;
}

/* The person leaves the previous versions of a record too. */
static void scrub_versions(struct db *db, const char *id, const char *pseudo, bool keep_entry)
{
        sqlite3_stmt *st =
            store_prepare(db->sql, "SELECT version, record FROM activite_version WHERE id = ?");
        sqlite3_stmt *up = store_prepare(
            db->sql, "UPDATE activite_version SET record = ? WHERE id = ? AND version = ?");

        store_bind_text(st, 1, id);
        while (store_step(db->sql, st) == SQLITE_ROW) {
                json_t *old = json_loads((const char *)sqlite3_column_text(st, 1), 0, NULL);
                json_t *clean = old != NULL ? without(old, pseudo, keep_entry) : NULL;

                if (clean == NULL)
                        continue;
                sqlite3_reset(up);
                sqlite3_bind_text(up, 1, record_text(clean), -1, free);
                store_bind_text(up, 2, id);
                sqlite3_bind_int(up, 3, sqlite3_column_int(st, 0));
                store_step(db->sql, up);
                json_decref(old);
                json_decref(clean);
        }
        sqlite3_finalize(st);
        sqlite3_finalize(up);
}

int cmd_forget(int argc, char **argv, struct ctx *ctx)
{
        static const struct option opts[] = {
            {"usager", required_argument, NULL, 'u'},
            {NULL, 0, NULL, 0},
        };
        const char *pseudo = NULL;
        struct db *db;
        json_t *ids, *id;
        size_t i;
        int c;

        while ((c = cli_getopt(ctx, argc, argv, opts)) != -1)
                pseudo = optarg;
        cli_no_args(ctx, argc, argv);
        if (pseudo == NULL)
                cli_usage_error(ctx, "%s", _("whom? (forget --usager <pseudonym>)"));
        db = db_open(ctx);
        db_begin(db);
        ids = activities_of(db, pseudo);
        if (json_array_size(ids) == 0) {
                db_rollback(db);
                die(EX_NOINPUT, _("no record names '%s'"), pseudo);
        }
        json_array_foreach(ids, i, id)
        {
                const char *s = json_string_value(id);
                json_t *rec = db_get(db, s, NULL), *clean = without(rec, pseudo, false);

                db_put(db, clean);
                scrub_versions(db, s, pseudo, false);
                json_decref(rec);
                json_decref(clean);
        }
        db_commit(db);
        msg_notice(_("'%s' erased from %zu record(s); they count as anonymous participants"),
                   pseudo, json_array_size(ids));
        json_decref(ids);
        db_close(db);
        return 0;
}

int cmd_purge(int argc, char **argv, struct ctx *ctx)
{
        static const struct option opts[] = {
            {"older-than", required_argument, NULL, 'o'},
            {NULL, 0, NULL, 0},
        };
        struct duration d = {12, 'm'};
        struct db *db;
        sqlite3_stmt *st;
        json_t *people = json_array(), *p;
        size_t i;
        int c;

        while ((c = cli_getopt(ctx, argc, argv, opts)) != -1)
                if (duration_parse(optarg, &d) != 0 || d.unit == 'h')
                        cli_usage_error(ctx, _("--older-than: '%s' is not a duration (as 12m)"),
                                        optarg);
        cli_no_args(ctx, argc, argv);
        db = db_open(ctx);
        db_begin(db);
        st = store_prepare(db->sql, "SELECT pseudo FROM usager WHERE updated < ? ORDER BY pseudo");
        sqlite3_bind_int64(st, 1, (sqlite3_int64)duration_apply(db->now, &d, -1));
        while (store_step(db->sql, st) == SQLITE_ROW)
                json_array_append_new(people,
                                      json_string((const char *)sqlite3_column_text(st, 0)));
        sqlite3_finalize(st);
        json_array_foreach(people, i, p)
        {
                const char *pseudo = json_string_value(p);
                json_t *ids = activities_of(db, pseudo), *id;
                size_t k;

                json_array_foreach(ids, k, id)
                {
                        json_t *rec = db_get(db, json_string_value(id), NULL);
                        json_t *clean = without(rec, pseudo, true);

                        db_rewrite(db, clean);
                        scrub_versions(db, json_string_value(id), pseudo, true);
                        json_decref(rec);
                        json_decref(clean);
                }
                people_detach(db, pseudo);
                json_decref(ids);
        }
        db_commit(db);
        msg_notice(_("%zu people anonymised; the statistics stay as they were"),
                   json_array_size(people));
        json_decref(people);
        db_close(db);
        return 0;
}
