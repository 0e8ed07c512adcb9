/* Column mappings of the national pipeline: loading, rules, ids. */
#include "mapping.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct mapping *from_text(const char *text, char **error)
{
        json_t *config = json_loads(text, 0, NULL);
        struct mapping *m;

        ck_assert_ptr_nonnull(config);
        *error = NULL;
        m = mapping_from_json(config, error);
        json_decref(config);
        return m;
}

static json_t *apply(const struct mapping *m, const char *row_text, struct schema_issues *is)
{
        json_t *row = json_loads(row_text, 0, NULL), *rec;

        ck_assert_ptr_nonnull(row);
        rec = mapping_apply(m, row, "Hub LO", "2026-11-01", is);
        json_decref(row);
        return rec;
}

static const char *text_of(json_t *rec, const char *key)
{
        return json_string_value(json_object_get(rec, key));
}

START_TEST(bad_mappings_are_refused_with_the_field)
{
        static const char *const bad[][2] = {
            {"[1]", "a mapping is an object"},
            {"{\"couleur\": {\"colonne\": \"C\"}}", "couleur: not a field"},
            {"{\"nom\": {\"colonne\": 3}}", "nom: \"colonne\" must name a column"},
            {"{\"nom\": {\"autre\": \"x\"}}", "nom: expected"},
            {"{\"services\": [{\"colonnes\": [\"a\"]}]}", "services: a rule is an object"},
            {"{\"services\": [{\"colonnes\": \"a\", \"cible\": \"x\"}]}", "must be a list"},
            {"{\"services\": [{\"termes\": [1], \"cible\": \"x\"}]}", "\"termes\" and \"sauf\""},
        };

        for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
                char *error;
                struct mapping *m = from_text(bad[i][0], &error);

                ck_assert_msg(m == NULL, "accepted %s", bad[i][0]);
                ck_assert_msg(strstr(error, bad[i][1]) != NULL, "%s: %s", bad[i][0], error);
                free(error);
        }
}
END_TEST

START_TEST(rules_match_terms_except_and_presence)
{
        struct schema_issues is = {0};
        char *error;
        struct mapping *m = from_text(
            "{\"id\": {\"colonne\": \"id\"}, \"nom\": {\"colonne\": \"Lieu\"}, \"frais_a_charge\": "
            "["
            "{\"colonnes\": [\"Desc\"], \"termes\": [\"gratuit\"], \"sauf\": [\"gratuit sous "
            "condition\"], \"cible\": \"Gratuit\"},"
            "{\"colonnes\": [\"Desc\"], \"termes\": [\"Gratuit sous condition\"], \"cible\": "
            "\"Gratuit sous condition\"}],"
            "\"services\": [{\"colonnes\": [\"Wifi\"], \"cible\": \"Accès internet et matériel "
            "informatique\"}, {\"cible\": \"Aide aux démarches administratives\"}],"
            "\"itinerance\": [{\"colonnes\": [\"Desc\"], \"termes\": [\"itinérance\"], \"cible\": "
            "\"Itinérant\"}]}",
            &error);
        json_t *rec;

        ck_assert_ptr_nonnull(m);
        ck_assert(mapping_has(m, "frais_a_charge"));
        ck_assert(!mapping_has(m, "telephone"));
        rec = apply(m,
                    "{\"id\": 1, \"Lieu\": \"A\", \"Desc\": \"Accès GRATUIT, en itinerance\", "
                    "\"Wifi\": \"\"}",
                    &is);
        ck_assert_str_eq(
            json_string_value(json_array_get(json_object_get(rec, "frais_a_charge"), 0)),
            "Gratuit");
        ck_assert_int_eq(json_array_size(json_object_get(rec, "services")), 1);
        ck_assert_str_eq(text_of(rec, "itinerance"), "Itinérant");
        ck_assert_str_eq(text_of(rec, "id"), "hub-lo-1");
        ck_assert_str_eq(text_of(rec, "source"), "Hub LO");
        ck_assert_str_eq(text_of(rec, "pivot"), "00000000000000");
        ck_assert_str_eq(text_of(rec, "date_maj"), "2026-11-01");
        json_decref(rec);
        rec = apply(m, "{\"Lieu\": \"B\", \"Desc\": \"gratuit sous condition\", \"Wifi\": \"oui\"}",
                    &is);
        ck_assert_str_eq(
            json_string_value(json_array_get(json_object_get(rec, "frais_a_charge"), 0)),
            "Gratuit sous condition");
        ck_assert_int_eq(json_array_size(json_object_get(rec, "frais_a_charge")), 1);
        ck_assert_int_eq(json_array_size(json_object_get(rec, "services")), 2);
        ck_assert_int_eq(strncmp(text_of(rec, "id"), "hub-lo-", 7), 0);
        ck_assert_int_eq(strlen(text_of(rec, "id")), 7 + 16);
        json_decref(rec);
        mapping_free(m);
        schema_issues_free(&is);
}
END_TEST

START_TEST(ids_are_stable_and_local)
{
        json_t *row = json_pack("{s:s, s:i}", "nom", "A", "n", 3);
        json_t *same = json_pack("{s:i, s:s}", "n", 3, "nom", "A");
        char *a = mapping_content_id("Gironde", row), *b = mapping_content_id("Gironde", same);
        char *l = mapping_local_id("Bus France Services", "12");
        char *k = mapping_local_id("Bus France Services", "dora-12");

        ck_assert_str_eq(a, b); /* key order does not change the id */
        ck_assert_str_eq(l, "bus-france-services-12");
        ck_assert_str_eq(k, "dora-12");
        free(a);
        free(b);
        free(l);
        free(k);
        json_decref(row);
        json_decref(same);
}
END_TEST

START_TEST(mappings_load_from_yaml_and_name_missing_columns)
{
        char path[] = "/tmp/check_mapping_XXXXXX.yaml", *error = NULL;
        int fd = mkstemps(path, 5);
        FILE *f = fdopen(fd, "w");
        struct mapping *m;
        struct schema_issues is = {0};
        json_t *row = json_pack("{s:s}", "Nom", "A");

        fputs("nom: {colonne: Nom}\nhoraires: {osm: Horaires}\ndate_maj: {colonne: ''}\n", f);
        fclose(f);
        m = mapping_load(path, &error);
        ck_assert_msg(m != NULL, "%s", error);
        ck_assert(!mapping_has(m, "date_maj"));
        mapping_check_columns(m, row, &is);
        ck_assert_int_eq(is.n, 1);
        ck_assert_str_eq(is.v[0].field, "Horaires");
        mapping_free(m);
        unlink(path);
        ck_assert_ptr_null(mapping_load(path, &error));
        free(error);
        json_decref(row);
        schema_issues_free(&is);
}
END_TEST

int main(void)
{
        Suite *s = suite_create("annuaire_mapping");
        TCase *tc = tcase_create("mapping");
        SRunner *sr;
        int failed;

        tcase_add_test(tc, bad_mappings_are_refused_with_the_field);
        tcase_add_test(tc, rules_match_terms_except_and_presence);
        tcase_add_test(tc, ids_are_stable_and_local);
        tcase_add_test(tc, mappings_load_from_yaml_and_name_missing_columns);
        suite_add_tcase(s, tc);
        sr = srunner_create(s);
        srunner_run_all(sr, CK_NORMAL);
        failed = srunner_ntests_failed(sr);
        srunner_free(sr);
        return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
