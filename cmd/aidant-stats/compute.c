/* The cells of a period. A month is read from its aggregates (what its cells cost);
 * several whole months add their record and ingested cells and count each person once
 * over the span; other spans, and breakdowns by a record field, are counted from the
 * records themselves. */
#include "compute.h"
#include "cells.h"
#include "db.h"
#include "fields.h"
#include "record.h"
#include "store.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void read_agg(struct db *db, const struct period *p, const char *source, bool all_parts,
                     json_t *cells)
{
        sqlite3_stmt *st = store_prepare(
            db->sql,
            "SELECT rubrique, modalite, sum(n) FROM agg WHERE month BETWEEN ?1 AND ?2"
            " AND (?3 IS NULL OR source = ?3)"
            " AND (?4 OR source != '' OR part NOT IN ('p', 'q')) GROUP BY rubrique, modalite");

        store_bind_text(st, 1, p->first);
        store_bind_text(st, 2, p->last);
        store_bind_text(st, 3, source);
        sqlite3_bind_int(st, 4, all_parts);
        while (store_step(db->sql, st) == SQLITE_ROW)
                cells_add(cells, (const char *)sqlite3_column_text(st, 0),
                          (const char *)sqlite3_column_text(st, 1),
                          (long)sqlite3_column_int64(st, 2));
        sqlite3_finalize(st);
}

/* The structure's own people over several months: each once, with the details of the
 * last month they came in, new when their first month is in the span. */
static void people_over_months(struct db *db, const struct period *p, json_t *cells)
{
        sqlite3_stmt *st = store_prepare(
            db->sql, "SELECT genre, tranche_age, statut_social, commune, max(nouveau), max(month)"
                     " FROM usager_mois WHERE month BETWEEN ? AND ? AND counted = 1"
                     " GROUP BY usager");

        store_bind_text(st, 1, p->first);
        store_bind_text(st, 2, p->last);
        while (store_step(db->sql, st) == SQLITE_ROW) {
                static const char *const rub[] = {"genre", "tranche_age", "statut_social",
                                                  "commune"};

                cells_add(cells, "total", "beneficiaires", 1);
                cells_add(cells, "total",
                          sqlite3_column_int(st, 4) ? "beneficiaires_nouveaux"
                                                    : "beneficiaires_suivis",
                          1);
                for (int i = 0; i < 4; i++)
                        cells_add(cells, rub[i], (const char *)sqlite3_column_text(st, i), 1);
        }
        sqlite3_finalize(st);
}

/* The people ingest counts (helped and helpers under mandate) over several months: each
 * once, from the hashes of their months. */
static void ingested_over_months(struct db *db, const struct period *p, json_t *cells)
{
        sqlite3_stmt *st =
            store_prepare(db->sql, "SELECT stream, count(DISTINCT substr(key, 9)) FROM ingested"
                                   " WHERE stream IN ('mandate-usager', 'mandate-aidant')"
                                   " AND substr(key, 1, 7) BETWEEN ? AND ? GROUP BY stream");

        store_bind_text(st, 1, p->first);
        store_bind_text(st, 2, p->last);
        while (store_step(db->sql, st) == SQLITE_ROW)
                cells_add(cells, "mandat_personnes",
                          strcmp((const char *)sqlite3_column_text(st, 0), "mandate-usager") == 0
                              ? "usagers"
                              : "aidants",
                          (long)sqlite3_column_int64(st, 1));
        sqlite3_finalize(st);
}

struct group_acc {
        json_t *cells;  /* one cells object per group value */
        json_t *people; /* group value -> {pseudonym: true} */
        const char *current;
};

static void add_group_cell(void *arg, const char *rubrique, const char *modalite, long n)
{
        struct group_acc *g = arg;

        cells_add(json_object_get(g->cells, g->current), rubrique, modalite, n);
}

/* A person counted once per group, with their current details. */
static void add_person(struct db *db, json_t *cells, const char *pseudo, const char *since,
                       int year)
{
        sqlite3_stmt *st = store_prepare(db->sql, "SELECT genre, annee_naissance, tranche_age,"
                                                  " statut_social, commune, first_date FROM usager"
                                                  " WHERE pseudo = ?");
        const char *v[4] = {"non_communique", "non_communique", "non_communique", "non_communique"};
        static const char *const rub[] = {"genre", "tranche_age", "statut_social", "commune"};
        bool nouveau = true;

        store_bind_text(st, 1, pseudo);
        if (store_step(db->sql, st) == SQLITE_ROW) {
                for (int i = 0; i < 4; i++) {
                        int col = i == 0 ? 0 : i + 1;
                        if (sqlite3_column_type(st, col) != SQLITE_NULL)
                                v[i] = (const char *)sqlite3_column_text(st, col);
                }
                if (sqlite3_column_type(st, 1) != SQLITE_NULL)
                        v[1] = tranche_from_year(sqlite3_column_int(st, 1), year);
                nouveau = strcmp((const char *)sqlite3_column_text(st, 5), since) >= 0;
        }
        cells_add(cells, "total", "beneficiaires", 1);
        cells_add(cells, "total", nouveau ? "beneficiaires_nouveaux" : "beneficiaires_suivis", 1);
        for (int i = 0; i < 4; i++)
                cells_add(cells, rub[i], v[i], 1);
        sqlite3_finalize(st);
}

/* The value of the --by field for a record ("month" is its month). */
static void group_value(json_t *rec, const char *by, char *out, size_t size)
{
        json_t *v;

        if (by == NULL) {
                snprintf(out, size, "%s", "");
        } else if (strcmp(by, "month") == 0) {
                char m[8];
                record_month(rec, m);
                snprintf(out, size, "%s", m);
        } else if ((v = json_object_get(rec, by)) != NULL && json_is_string(v)) {
                snprintf(out, size, "%s", json_string_value(v));
        } else {
                snprintf(out, size, "%s", "non_communique");
        }
}

static void count_record(struct group_acc *g, json_t *rec, const char *by)
{
        char value[128];
        json_t *people = json_object_get(rec, "beneficiaires"), *p, *seen;
        size_t i;

        group_value(rec, by, value, sizeof(value));
        if (json_object_get(g->cells, value) == NULL) {
                json_object_set_new(g->cells, value, cells_new());
                json_object_set_new(g->people, value, json_object());
        }
        g->current = value;
        record_cells(rec, add_group_cell, g);
        seen = json_object_get(g->people, value);
        json_array_foreach(people, i, p)
        {
                const char *u = json_string_value(json_object_get(p, "usager"));
                if (u != NULL)
                        json_object_set_new(seen, u, json_true());
        }
}

json_t *compute_from_records(struct db *db, const struct period *p, const char *by)
{
        struct group_acc g = {json_object(), json_object(), NULL};
        sqlite3_stmt *st = store_prepare(db->sql, "SELECT record FROM activite WHERE"
                                                  " date BETWEEN ? AND ? ORDER BY date, id");
        const char *key;
        json_t *seen;

        store_bind_text(st, 1, p->since);
        store_bind_text(st, 2, p->until);
        while (store_step(db->sql, st) == SQLITE_ROW) {
                json_t *rec = json_loads((const char *)sqlite3_column_text(st, 0), 0, NULL);

                if (rec != NULL)
                        count_record(&g, rec, by);
                json_decref(rec);
        }
        sqlite3_finalize(st);
        json_object_foreach(g.people, key, seen)
        {
                const char *pseudo;
                json_t *x;
                json_t *cells = json_object_get(g.cells, key);

                json_object_foreach(seen, pseudo, x)
                {
                        add_person(db, cells, pseudo, p->since, atoi(p->until));
                }
        }
        json_decref(g.people);
        return g.cells;
}

json_t *compute_period(struct db *db, const struct period *p, const char *source)
{
        json_t *cells, *groups;

        if (p->whole_months) {
                bool one = strcmp(p->first, p->last) == 0;

                cells = cells_new();
                read_agg(db, p, source, one, cells);
                if (!one && (source == NULL || source[0] == '\0')) {
                        people_over_months(db, p, cells);
                        ingested_over_months(db, p, cells);
                }
                return cells;
        }
        groups = compute_from_records(db, p, NULL);
        cells = json_incref(json_object_get(groups, ""));
        json_decref(groups);
        return cells != NULL ? cells : cells_new();
}
