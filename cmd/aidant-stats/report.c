/* report: the Coop's statistics for a period — totals, then each distribution with its
 * counts and shares — as a table on a terminal, else as rows in json, ndjson, yaml or csv
 * (one row per cell, like the public export, without suppression: this is the
 * structure's own view). */
#include "cells.h"
#include "cli.h"
#include "commands.h"
#include "compute.h"
#include "db.h"
#include "i18n.h"
#include "msg.h"
#include "show.h"
#include "period.h"
#include "rec.h"
#include "store.h"
#include "text.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The record fields a report can be broken down by, besides month and source. */
static const char *const by_fields[] = {"month",       "source",     "type", "type_lieu",
                                        "code_postal", "code_insee", "lieu", "autonomie",
                                        "niveau",      NULL};

static void print_table(const char *group, const struct cell_row *rows, size_t n)
{
        const char *rubrique = NULL;

        if (group != NULL)
                printf("\n== %s ==\n", group);
        for (size_t i = 0; i < n; i++) {
                char part[32];
                int pad;

                if (rubrique == NULL || strcmp(rubrique, rows[i].rubrique) != 0) {
                        rubrique = rows[i].rubrique;
                        printf("\n%s\n", cells_title(rubrique));
                }
                cells_part(&rows[i], part);
                pad = 52 - (int)text_utf8_len(rows[i].label);
                printf("  %s%*s %9ld %7s%s\n", rows[i].label, pad > 0 ? pad : 0, "", rows[i].nombre,
                       part, part[0] != '\0' ? " %" : "");
        }
}

static void write_rows(struct rec_writer *w, const struct period *p, const char *by,
                       const char *group, const struct cell_row *rows, size_t n)
{
        for (size_t i = 0; i < n; i++) {
                char part[32];
                json_t *o = json_object();

                cells_part(&rows[i], part);
                json_object_set_new(o, "debut", json_string(p->since));
                json_object_set_new(o, "fin", json_string(p->until));
                if (by != NULL)
                        json_object_set_new(o, by, json_string(group));
                json_object_set_new(o, "rubrique", json_string(rows[i].rubrique));
                json_object_set_new(o, "modalite", json_string(rows[i].modalite));
                json_object_set_new(o, "libelle", json_string(rows[i].label));
                json_object_set_new(o, "unite",
                                    json_string(rows[i].personnes ? "personnes" : "activites"));
                json_object_set_new(o, "nombre", json_integer(rows[i].nombre));
                json_object_set_new(o, "part",
                                    part[0] != '\0' ? json_real(atof(part)) : json_null());
                rec_write(w, o);
                json_decref(o);
        }
}

/* The groups to report: one, each month, each source, or each value of a record field. */
static json_t *groups_of(struct db *db, const struct period *p, const char *by)
{
        json_t *groups = json_object();

        if (by == NULL || (p->whole_months && strcmp(by, "month") == 0)) {
                char m[8];
                struct period one = *p;

                if (by == NULL) {
                        json_object_set_new(groups, "", compute_period(db, p, NULL));
                        return groups;
                }
                for (memcpy(m, p->first, 8); strcmp(m, p->last) <= 0; month_next(m, m)) {
                        memcpy(one.first, m, 8);
                        memcpy(one.last, m, 8);
                        json_object_set_new(groups, m, compute_period(db, &one, NULL));
                }
                return groups;
        }
        if (strcmp(by, "source") == 0 && p->whole_months) {
                sqlite3_stmt *st = store_prepare(db->sql, "SELECT DISTINCT source FROM agg"
                                                          " WHERE month BETWEEN ? AND ?"
                                                          " ORDER BY source");
                store_bind_text(st, 1, p->first);
                store_bind_text(st, 2, p->last);
                while (store_step(db->sql, st) == SQLITE_ROW) {
                        const char *s = (const char *)sqlite3_column_text(st, 0);
                        json_object_set_new(groups, s[0] != '\0' ? s : "local",
                                            compute_period(db, p, s));
                }
                sqlite3_finalize(st);
                return groups;
        }
        json_decref(groups);
        return compute_from_records(db, p, by);
}

static void parse(struct ctx *ctx, int argc, char **argv, struct period *p, const char **by)
{
        static const struct option opts[] = {
            PERIOD_LONGOPTS,
            {"by", required_argument, NULL, 'b'},
            {"format", required_argument, NULL, 'f'},
            {NULL, 0, NULL, 0},
        };
        int c;

        while ((c = cli_getopt(ctx, argc, argv, opts)) != -1) {
                if (period_option(ctx, p, c, optarg))
                        continue;
                if (c == 'f') {
                        show_format_option(ctx, optarg);
                        continue;
                }
                if (*by != NULL)
                        cli_usage_error(ctx, "%s", _("--by is given once"));
                for (int i = 0; by_fields[i] != NULL && *by == NULL; i++)
                        if (strcmp(by_fields[i], optarg) == 0)
                                *by = by_fields[i];
                if (*by == NULL)
                        cli_usage_error(ctx, _("--by: '%s' is not a field to break down by"),
                                        optarg);
        }
        cli_no_args(ctx, argc, argv);
        if (!p->set && !p->by_month && p->since[0] == '\0' && p->until[0] == '\0')
                period_option(ctx, p, 'M', "this");
        period_finish(ctx, p);
        if (*by != NULL && strcmp(*by, "source") == 0 && !p->whole_months)
                cli_usage_error(ctx, "%s", _("--by source works on whole months"));
}

int cmd_report(int argc, char **argv, struct ctx *ctx)
{
        struct period p = {0};
        const char *by = NULL, *key;
        struct db *db;
        struct rec_writer *w = NULL;
        json_t *groups, *cells;

        parse(ctx, argc, argv, &p, &by);
        db = db_open(ctx);
        groups = groups_of(db, &p, by);
        if (ctx->format == FMT_TABLE) {
                rec_demo_banner(stdout);
                printf(_("Statistics from %s to %s\n"), p.since, p.until);
        } else
                w = rec_writer_open(stdout, ctx->format, NULL);
        json_object_foreach(groups, key, cells)
        {
                size_t n;
                struct cell_row *rows = cells_rows(cells, &n);

                if (w == NULL)
                        print_table(by != NULL ? key : NULL, rows, n);
                else
                        write_rows(w, &p, by, key, rows, n);
                free(rows);
        }
        if (w != NULL)
                rec_writer_close(w);
        json_decref(groups);
        db_close(db);
        return 0;
}
