/* Duplicates in the directory: normalised names, the score of a pair, the merge of
 * records, and a merge undone in a real store that gives back both places exactly. */
#include "cli.h"
#include "commands.h"
#include "db.h"
#include "dedupe.h"
#include "query.h"
#include "store.h"

#include <check.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

START_TEST(normalises_names_and_addresses)
{
        char *s = dedupe_normalise("  Asso. St-Jean  d'Angély ");

        ck_assert_str_eq(s, "association saint jean d angely");
        free(s);
        s = dedupe_normalise("12, Av. de la Gare");
        ck_assert_str_eq(s, "12 avenue de la gare");
        free(s);
        s = dedupe_normalise("BD Victor-Hugo / Ste Anne");
        ck_assert_str_eq(s, "boulevard victor hugo sainte anne");
        free(s);
        s = dedupe_normalise(NULL);
        ck_assert_str_eq(s, "");
        free(s);
}
END_TEST

static const struct dedupe_place chambery_a = {
    "a", "dora", "Asso St Jean", "12 av de la Gare", "2024-01-10", 45.5712, 5.9195, true, false};

START_TEST(scores_name_address_and_distance)
{
        struct dedupe_place b = {
            "b",          "cnfs",  "Association Saint-Jean", "12 Avenue de la Gare",
            "2023-05-01", 45.5712, 5.9195 + 0.0013,          true,
            false}; /* ~101 m east */
        struct dedupe_score s;

        dedupe_score(&chambery_a, &b, &s);
        ck_assert_double_eq_tol(s.name, 100.0, 1e-9);
        ck_assert_double_eq_tol(s.address, 100.0, 1e-9);
        ck_assert_double_eq_tol(s.metres, 101.2, 1.0);
        ck_assert_double_eq_tol(s.distance, 100.0 * 50.0 / s.metres, 1e-9);
        ck_assert_double_eq_tol(s.total, (200.0 + s.distance) / 3.0, 1e-9);
        /* within 50 m the distance counts fully */
        b.lon = 5.9195 + 0.0005;
        dedupe_score(&chambery_a, &b, &s);
        ck_assert_double_eq_tol(s.distance, 100.0, 1e-9);
        /* without coordinates, name and address alone */
        b.has_geo = false;
        b.nom = "Mairie";
        dedupe_score(&chambery_a, &b, &s);
        ck_assert_double_eq(s.metres, -1);
        ck_assert_double_eq(s.distance, -1);
        ck_assert_double_eq_tol(s.total, (s.name + 100.0) / 2.0, 1e-9);
        ck_assert(s.name < 50.0);
}
END_TEST

START_TEST(thresholds_depend_on_the_lists)
{
        struct dedupe_place same = chambery_a, other = chambery_a;

        other.source = "cnfs";
        ck_assert_double_eq(dedupe_threshold(&chambery_a, &same, -1), 90.0);
        ck_assert_double_eq(dedupe_threshold(&chambery_a, &other, -1), 83.0);
        ck_assert_double_eq(dedupe_threshold(&chambery_a, &other, 70), 70.0);
        ck_assert(dedupe_newer("2024-01-10", "2023-05-01"));
        ck_assert(!dedupe_newer("2023-05-01", "2024-01-10"));
        ck_assert(!dedupe_newer(NULL, "2024-01-10"));
}
END_TEST

START_TEST(merge_keeps_newest_values_and_all_list_items)
{
        json_t *recs[3];
        json_t *m;

        recs[0] = json_pack("{s:s, s:s, s:s, s:[s], s:s}", "id", "kept", "nom", "Espace CAF",
                            "date_maj", "2024-03-01", "services",
                            "Aide aux démarches administratives", "telephone", "+33479000000");
        recs[1] = json_pack("{s:s, s:s, s:s, s:[s,s], s:s, s:s}", "id", "old", "nom", "Espace Caf",
                            "date_maj", "2022-01-01", "services",
                            "Accès internet et matériel informatique",
                            "Aide aux démarches administratives", "horaires", "Mo 09:00-12:00",
                            "site_web", "https://old.example");
        recs[2] = json_pack("{s:s, s:s, s:s, s:[s], s:s}", "id", "mid", "nom", "Espace C.A.F.",
                            "date_maj", "2023-01-01", "services", "Loisirs et créations numériques",
                            "horaires", "Mo-Fr 09:00-17:00");
        m = dedupe_merge_records(recs, 3);
        ck_assert_str_eq(json_string_value(json_object_get(m, "id")), "kept");
        ck_assert_str_eq(json_string_value(json_object_get(m, "nom")), "Espace CAF");
        ck_assert_str_eq(json_string_value(json_object_get(m, "date_maj")), "2024-03-01");
        ck_assert_str_eq(json_string_value(json_object_get(m, "telephone")), "+33479000000");
        /* 2023 is newer than 2022: its hours win where the kept place has none */
        ck_assert_str_eq(json_string_value(json_object_get(m, "horaires")), "Mo-Fr 09:00-17:00");
        ck_assert_int_eq(json_array_size(json_object_get(m, "services")), 3);
        ck_assert_str_eq(json_string_value(json_array_get(json_object_get(m, "services"), 1)),
                         "Loisirs et créations numériques");
        ck_assert_str_eq(json_string_value(json_array_get(json_object_get(m, "site_web"), 0)),
                         "https://old.example");
        json_decref(m);
        for (int i = 0; i < 3; i++)
                json_decref(recs[i]);
}
END_TEST

/* --- through the store ------------------------------------------------------------------ */

static const struct command dedupe_cmds[] = {
    {"dedupe", cmd_dedupe, "", "", NULL, 0},
    {"unmerge", cmd_unmerge, "", "", NULL, 0},
    {NULL, NULL, NULL, NULL, NULL, 0},
};
static const struct tool test_tool = {
    .name = "aidant-annuaire", .summary = "", .commands = dedupe_cmds};

static int run(struct ctx *ctx, int argc, char **argv)
{
        ctx->cmd = &dedupe_cmds[argv[0][0] == 'd' ? 0 : 1];
        optind = 0;
        return ctx->cmd->fn(argc, argv, ctx);
}

static json_t *place(const char *id, const char *nom, const char *date, double lon)
{
        return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:f, s:f, s:s, s:[s]}", "id", id,
                         "pivot", "00000000000000", "nom", nom, "commune", "Chambéry",
                         "code_postal", "73000", "code_insee", "73065", "adresse",
                         "1 place de la Gare", "latitude", 45.5712, "longitude", lon, "date_maj",
                         date, "services", "Aide aux démarches administratives");
}

static char *dump_places(struct db *db)
{
        sqlite3_stmt *st = store_prepare(
            db->sql, "SELECT group_concat(id || ' ' || ifnull(merged_into, '-') || ' ' || digest"
                     " || ' ' || record, char(10)) FROM (SELECT * FROM place ORDER BY rid)");
        char *out;

        store_step(db->sql, st);
        out = strdup((const char *)sqlite3_column_text(st, 0));
        sqlite3_finalize(st);
        return out;
}

static void remove_home(const char *home)
{
        static const char *const files[] = {"annuaire.db", "annuaire.db-wal", "annuaire.db-shm"};
        char path[256];

        for (size_t i = 0; i < sizeof(files) / sizeof(*files); i++) {
                snprintf(path, sizeof(path), "%s/%s", home, files[i]);
                unlink(path);
        }
        rmdir(home);
}

START_TEST(unmerge_restores_both_places_exactly)
{
        char home[] = "/tmp/check_dedupe_XXXXXX";
        struct ctx ctx = {.tool = &test_tool, .format = FMT_NDJSON, .quiet = true};
        char *a1[] = {"dedupe", "--apply", NULL}, *a2[] = {"unmerge", "1", NULL};
        struct db *db;
        char *before, *after;
        json_t *r1 = place("p1", "Point CAF Chambéry", "2023-01-01", 5.9195),
               *r2 = place("p2", "Point C.A.F. Chambery", "2024-01-01", 5.9196),
               *r3 = place("p3", "Médiathèque Jean-Jacques Rousseau", "2024-01-01", 5.93);

        ck_assert_ptr_nonnull(mkdtemp(home));
        ctx.home = home;
        db = db_open(&ctx);
        db_put(db, r1, "dora");
        db_put(db, r2, "cnfs");
        db_put(db, r3, "cnfs");
        before = dump_places(db);
        db_close(db);
        ck_assert_int_eq(run(&ctx, 2, a1), 0);
        db = db_open(&ctx);
        after = dump_places(db);
        ck_assert_ptr_nonnull(strstr(after, "p1 p2 ")); /* p2 is newer: p1 is hidden in it */
        ck_assert_ptr_nonnull(strstr(after, "p3 - "));
        db_close(db);
        free(after);
        ck_assert_int_eq(run(&ctx, 2, a2), 0);
        db = db_open(&ctx);
        after = dump_places(db);
        ck_assert_str_eq(after, before);
        db_close(db);
        free(before);
        free(after);
        json_decref(r1);
        json_decref(r2);
        json_decref(r3);
        remove_home(home);
}
END_TEST

/* The search on a grid finds exactly the pairs a comparison of every two places finds, in
 * the same order: a commune of 240 places a few metres to a kilometre apart, names and
 * addresses spelled several ways, some without coordinates, two lists. */
static void pairs_match_every_two(struct db *db, struct dedupe_place *p, size_t n, double forced)
{
        struct dedupe_found f = {0};
        size_t k = 0;

        query_register_functions(db->sql);
        dedupe_find(db->sql, forced, &f);
        for (size_t i = 0; i < n; i++) {
                for (size_t j = i + 1; j < n; j++) {
                        struct dedupe_score s;

                        dedupe_score(&p[i], &p[j], &s);
                        if (s.total < dedupe_threshold(&p[i], &p[j], forced))
                                continue;
                        ck_assert_uint_lt(k, f.npairs);
                        ck_assert_str_eq(f.pairs[k].strs[0], p[i].id);
                        ck_assert_str_eq(f.pairs[k].strs[3], p[j].id);
                        k++;
                }
        }
        ck_assert_uint_eq(k, f.npairs);
        ck_assert_uint_gt(k, 20); /* the test compares pairs, not nothing */
        dedupe_found_free(&f);
}

START_TEST(grid_finds_the_pairs_of_a_full_scan)
{
        static const char *const noms[] = {"Point CAF Chambéry", "Point C.A.F. Chambery",
                                           "Médiathèque Jean-Jacques Rousseau",
                                           "Mediatheque J.-J. Rousseau", "Espace France Services"};
        static const char *const adresses[] = {"1 place de la Gare", "1 pl. de la Gare",
                                               "12 av de la Gare", "12 avenue de la Gare"};
        enum { N = 240 };
        char home[] = "/tmp/check_dedupe_XXXXXX", ids[N][16], *norms[N][2];
        struct ctx ctx = {.tool = &test_tool, .quiet = true};
        struct dedupe_place p[N];
        struct db *db;
        unsigned seed = 7;

        ck_assert_ptr_nonnull(mkdtemp(home));
        ctx.home = home;
        db = db_open(&ctx);
        for (size_t i = 0; i < N; i++) {
                json_t *r;

                seed = seed * 1103515245u + 12345u;
                snprintf(ids[i], sizeof(ids[i]), "p%03zu", i);
                p[i] = (struct dedupe_place){ids[i],
                                             i % 3 == 0 ? "dora" : "cnfs",
                                             noms[(seed >> 8) % 5],
                                             adresses[(seed >> 12) % 4],
                                             "2024-01-01",
                                             45.5712 + (double)((seed >> 16) % 900) * 1e-5,
                                             5.9195 + (double)((seed >> 4) % 1300) * 1e-5,
                                             i % 17 != 0,
                                             false};
                r = place(ids[i], p[i].nom, p[i].date_maj, p[i].lon);
                json_object_set_new(r, "adresse", json_string(p[i].adresse));
                json_object_set_new(r, "latitude", json_real(p[i].lat));
                if (!p[i].has_geo) {
                        json_object_del(r, "latitude");
                        json_object_del(r, "longitude");
                }
                db_put(db, r, p[i].source);
                json_decref(r);
        }
        for (size_t i = 0; i < N; i++) { /* as dedupe_find compares them */
                p[i].nom = norms[i][0] = dedupe_normalise(p[i].nom);
                p[i].adresse = norms[i][1] = dedupe_normalise(p[i].adresse);
                p[i].normalised = true;
        }
        pairs_match_every_two(db, p, N, -1);
        pairs_match_every_two(db, p, N, 95);
        pairs_match_every_two(db, p, N, 75);
        for (size_t i = 0; i < N; i++) {
                free(norms[i][0]);
                free(norms[i][1]);
        }
        db_close(db);
        remove_home(home);
}
END_TEST

int main(void)
{
        Suite *s = suite_create("annuaire_dedupe");
        TCase *tc = tcase_create("dedupe");
        SRunner *sr;
        int failed;

        setenv("TZ", "Europe/Paris", 1);
        setenv("AIDANT_NOW", "2026-11-23T10:00", 1);
        tcase_add_test(tc, normalises_names_and_addresses);
        tcase_add_test(tc, scores_name_address_and_distance);
        tcase_add_test(tc, thresholds_depend_on_the_lists);
        tcase_add_test(tc, merge_keeps_newest_values_and_all_list_items);
        tcase_add_test(tc, unmerge_restores_both_places_exactly);
        tcase_add_test(tc, grid_finds_the_pairs_of_a_full_scan);
        tcase_set_timeout(tc, 60); /* 240 places compared every two, three times */
        suite_add_tcase(s, tc);
        sr = srunner_create(s);
        srunner_run_all(sr, CK_NORMAL);
        failed = srunner_ntests_failed(sr);
        srunner_free(sr);
        return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
