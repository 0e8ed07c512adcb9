/* People named by pseudonym: participations, latest details (a record dated on or after
 * the details known replaces the details it gives), the first accompaniment (for
 * "nouveaux" and "suivis"), and each person's monthly snapshot counted in agg. */
#include "people.h"
#include "db.h"
#include "fields.h"
#include "msg.h"
#include "record.h"
#include "store.h"
#include "xalloc.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

enum {
        ST_PART_ADD = 8,
        ST_PART_DEL,
        ST_USAGER,
        ST_MONTH_ADD,
        ST_SNAPSHOT,
        ST_MONTHS,
        ST_MONTHS_DEL,
        ST_FIRST,
        ST_PERSON,
        ST_PERSON_DEL,
};

static void upsert_usager(struct db *db, json_t *p, const char *date)
{
        sqlite3_stmt *st = db_stmt(
            db, ST_USAGER,
            "INSERT INTO usager (pseudo, genre, annee_naissance, tranche_age, statut_social,"
            " commune, attrs_date, first_date, updated) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8)"
            " ON CONFLICT DO UPDATE SET"
            " genre = CASE WHEN ?7 >= attrs_date THEN ifnull(?2, genre) ELSE genre END,"
            " annee_naissance = CASE WHEN ?7 >= attrs_date THEN ifnull(?3, annee_naissance)"
            "  ELSE annee_naissance END,"
            " tranche_age = CASE WHEN ?7 >= attrs_date THEN ifnull(?4, tranche_age)"
            "  ELSE tranche_age END,"
            " statut_social = CASE WHEN ?7 >= attrs_date THEN ifnull(?5, statut_social)"
            "  ELSE statut_social END,"
            " commune = CASE WHEN ?7 >= attrs_date THEN ifnull(?6, commune) ELSE commune END,"
            " attrs_date = max(attrs_date, ?7), first_date = min(first_date, ?7), updated = ?8");
        json_t *year = json_object_get(p, "annee_naissance");
        const char *const keys[] = {"usager",      "genre",         NULL,
                                    "tranche_age", "statut_social", "commune"};

        for (int i = 0; i < 6; i++)
                if (keys[i] != NULL)
                        store_bind_text(st, i + 1, json_string_value(json_object_get(p, keys[i])));
        if (year != NULL)
                sqlite3_bind_int64(st, 3, json_integer_value(year));
        sqlite3_bind_text(st, 7, date, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 8, (sqlite3_int64)db->now);
        store_step(db->sql, st);
}

/* A person's participations in a month change in memory, written once per person and
 * month when the batch is flushed (an import names the same people again and again). */
static void count_month(struct db *db, const char *pseudo, const char *month, long sign)
{
        char key[128];
        size_t n = strlen(pseudo), m = strlen(month);

        if (n + 1 + m > sizeof(key)) /* a pseudonym is 64 characters at most */
                die(EX_SOFTWARE, "pseudonym %s", pseudo);
        memcpy(key, pseudo, n);
        key[n] = '\037';
        memcpy(key + n + 1, month, m);
        tally_add(&db->months, key, n + 1 + m, sign);
}

/* Before the snapshots are brought up to date: a row a removal leaves at zero or below
 * goes with them (refresh_months). */
static void write_months(struct db *db)
{
        for (size_t i = 0; i < db->months.n; i++) {
                const struct tally_entry *t = &db->months.v[i];
                const char *sep = memchr(t->key, '\037', t->len);
                sqlite3_stmt *st;

                if (t->n == 0 || sep == NULL)
                        continue;
                st = db_stmt(db, ST_MONTH_ADD,
                             "INSERT INTO usager_mois (usager, month, n) VALUES (?, ?, ?)"
                             " ON CONFLICT DO UPDATE SET n = n + excluded.n");
                sqlite3_bind_text(st, 1, t->key, (int)(sep - t->key), SQLITE_STATIC);
                sqlite3_bind_text(st, 2, sep + 1, (int)(t->len - (size_t)(sep + 1 - t->key)),
                                  SQLITE_STATIC);
                sqlite3_bind_int64(st, 3, t->n);
                store_step(db->sql, st);
        }
        tally_clear(&db->months);
}

static void participate(struct db *db, const char *pseudo, const char *id, const char *date,
                        const char *month, long sign)
{
        sqlite3_stmt *st;

        if (sign > 0) {
                st = db_stmt(db, ST_PART_ADD,
                             "INSERT INTO participation (usager, activite, date) VALUES (?, ?, ?)");
                sqlite3_bind_text(st, 3, date, -1, SQLITE_STATIC);
        } else {
                st = db_stmt(db, ST_PART_DEL,
                             "DELETE FROM participation WHERE usager = ? AND activite = ?");
        }
        sqlite3_bind_text(st, 1, pseudo, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, id, -1, SQLITE_STATIC);
        store_step(db->sql, st);
        count_month(db, pseudo, month, sign);
}

void people_apply(struct db *db, json_t *rec, long sign)
{
        const char *id = json_string_value(json_object_get(rec, "id"));
        const char *date = json_string_value(json_object_get(rec, "date"));
        json_t *people = json_object_get(rec, "beneficiaires"), *p;
        char month[8];
        size_t i;

        record_month(rec, month);
        json_array_foreach(people, i, p)
        {
                const char *pseudo = json_string_value(json_object_get(p, "usager"));
                json_t *was;

                if (pseudo == NULL) /* anonymised by purge: counted as it was */
                        continue;
                if (sign > 0)
                        upsert_usager(db, p, date);
                participate(db, pseudo, id, date, month, sign);
                was = json_object_get(db->dirty, pseudo);
                json_object_set_new(db->dirty, pseudo,
                                    json_boolean(sign < 0 || (was != NULL && json_is_true(was))));
        }
}

/* --- the monthly snapshots ------------------------------------------------------- */

struct snapshot {
        const char *genre, *tranche, *statut, *commune;
        int nouveau;
};

static const char *or_unknown(const unsigned char *s)
{
        return s != NULL ? (const char *)s : "non_communique";
}

static void count_snapshot(struct db *db, const char *month, const struct snapshot *s, long sign)
{
        db_cell(db, month, "", PART_PEOPLE, "total", "beneficiaires", sign);
        db_cell(db, month, "", PART_PEOPLE, "total",
                s->nouveau ? "beneficiaires_nouveaux" : "beneficiaires_suivis", sign);
        db_cell(db, month, "", PART_PEOPLE, "genre", s->genre, sign);
        db_cell(db, month, "", PART_PEOPLE, "tranche_age", s->tranche, sign);
        db_cell(db, month, "", PART_PEOPLE, "statut_social", s->statut, sign);
        db_cell(db, month, "", PART_PEOPLE, "commune", s->commune, sign);
}

static bool same(const struct snapshot *a, const struct snapshot *b)
{
        return strcmp(a->genre, b->genre) == 0 && strcmp(a->tranche, b->tranche) == 0 &&
               strcmp(a->statut, b->statut) == 0 && strcmp(a->commune, b->commune) == 0 &&
               a->nouveau == b->nouveau;
}

/* The person's details as counted in a month: the age bucket from the birth year in
 * that month's year when it is known. */
static void desired(sqlite3_stmt *u, const char *month, struct snapshot *s)
{
        s->genre = or_unknown(sqlite3_column_text(u, 0));
        s->tranche = or_unknown(sqlite3_column_text(u, 2));
        if (sqlite3_column_type(u, 1) != SQLITE_NULL)
                s->tranche = tranche_from_year(sqlite3_column_int(u, 1), atoi(month));
        s->statut = or_unknown(sqlite3_column_text(u, 3));
        s->commune = or_unknown(sqlite3_column_text(u, 4));
        s->nouveau = strncmp((const char *)sqlite3_column_text(u, 5), month, 7) == 0;
}

static void save_snapshot(struct db *db, const char *pseudo, const char *month,
                          const struct snapshot *s)
{
        sqlite3_stmt *st =
            db_stmt(db, ST_SNAPSHOT,
                    "UPDATE usager_mois SET counted = 1, genre = ?, tranche_age = ?,"
                    " statut_social = ?, commune = ?, nouveau = ? WHERE usager = ? AND month = ?");

        store_bind_text(st, 1, s->genre);
        store_bind_text(st, 2, s->tranche);
        store_bind_text(st, 3, s->statut);
        store_bind_text(st, 4, s->commune);
        sqlite3_bind_int(st, 5, s->nouveau);
        store_bind_text(st, 6, pseudo);
        store_bind_text(st, 7, month);
        store_step(db->sql, st);
}

/* Each month of one person: removed when no activity is left, recounted when the
 * details or the first month changed. u is the person's usager row. */
static void refresh_months(struct db *db, const char *pseudo, sqlite3_stmt *u)
{
        sqlite3_stmt *m = db_stmt(db, ST_MONTHS,
                                  "SELECT month, n, counted, genre, tranche_age, statut_social,"
                                  " commune, nouveau FROM usager_mois WHERE usager = ?"
                                  " ORDER BY month");

        store_bind_text(m, 1, pseudo);
        while (store_step(db->sql, m) == SQLITE_ROW) {
                char month[8];
                struct snapshot old = {0}, now;
                bool counted = sqlite3_column_int(m, 2) != 0;

                snprintf(month, sizeof(month), "%s", (const char *)sqlite3_column_text(m, 0));
                if (counted) {
                        old.genre = (const char *)sqlite3_column_text(m, 3);
                        old.tranche = (const char *)sqlite3_column_text(m, 4);
                        old.statut = (const char *)sqlite3_column_text(m, 5);
                        old.commune = (const char *)sqlite3_column_text(m, 6);
                        old.nouveau = sqlite3_column_int(m, 7);
                }
                if (sqlite3_column_int(m, 1) <= 0 || u == NULL) {
                        if (counted)
                                count_snapshot(db, month, &old, -1);
                        continue;
                }
                desired(u, month, &now);
                if (counted && same(&old, &now))
                        continue;
                if (counted)
                        count_snapshot(db, month, &old, -1);
                count_snapshot(db, month, &now, 1);
                save_snapshot(db, pseudo, month, &now);
        }
        sqlite3_reset(m);
        m = db_stmt(db, ST_MONTHS_DEL, "DELETE FROM usager_mois WHERE usager = ? AND n <= 0");
        store_bind_text(m, 1, pseudo);
        store_step(db->sql, m);
}

static void refresh_person(struct db *db, const char *pseudo, bool first_changed)
{
        sqlite3_stmt *u;

        if (first_changed) {
                u = db_stmt(db, ST_FIRST,
                            "UPDATE usager SET first_date = (SELECT min(date) FROM"
                            " participation WHERE usager = ?1) WHERE pseudo = ?1");
                store_bind_text(u, 1, pseudo);
                store_step(db->sql, u);
        }
        u = db_stmt(db, ST_PERSON,
                    "SELECT genre, annee_naissance, tranche_age, statut_social, commune,"
                    " first_date FROM usager WHERE pseudo = ? AND first_date IS NOT NULL");
        store_bind_text(u, 1, pseudo);
        refresh_months(db, pseudo, store_step(db->sql, u) == SQLITE_ROW ? u : NULL);
        sqlite3_reset(u);
        if (first_changed) { /* a person with no activity left goes */
                u = db_stmt(db, ST_PERSON_DEL,
                            "DELETE FROM usager WHERE pseudo = ? AND first_date IS NULL");
                store_bind_text(u, 1, pseudo);
                store_step(db->sql, u);
        }
}

void people_flush(struct db *db)
{
        const char *pseudo;
        json_t *v;

        write_months(db);
        json_object_foreach(db->dirty, pseudo, v)
        {
                refresh_person(db, pseudo, json_is_true(v));
        }
        json_object_clear(db->dirty);
}

void people_detach(struct db *db, const char *pseudo)
{
        static const char *const sql[] = {
            ("UPDATE usager_mois SET usager = 'purge-' || lower(hex(randomblob(8)))"
             " WHERE usager = ?"),
            "DELETE FROM participation WHERE usager = ?",
            "DELETE FROM usager WHERE pseudo = ?",
        };

        write_months(db);
        for (size_t i = 0; i < sizeof(sql) / sizeof(*sql); i++) {
                sqlite3_stmt *st = store_prepare(db->sql, sql[i]);

                store_bind_text(st, 1, pseudo);
                store_step(db->sql, st);
                sqlite3_finalize(st);
        }
}
