/* The rules of an activity record and the dialect mappings: what is refused (with the
 * field), what a record counts, the v1 buckets kept, the Coop's rows gathered by activity. */
#include "cells.h"
#include "dialect.h"
#include "fields.h"
#include "rec.h"
#include "record.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

static json_t *check_text(const char *json, struct field_error *e)
{
        json_t *in = json_loads(json, 0, NULL), *out;

        ck_assert_ptr_nonnull(in);
        out = record_check(in, e);
        json_decref(in);
        return out;
}

/* The field a record is refused on, or NULL when it is accepted. */
static const char *refused(const char *json)
{
        static char field[64];
        struct field_error e = {0};
        json_t *r = check_text(json, &e);

        json_decref(r);
        if (r != NULL)
                return NULL;
        snprintf(field, sizeof(field), "%s", e.field);
        field_error_clear(&e);
        return field;
}

#define BASE "\"type\":\"individuel\",\"date\":\"2026-11-02\",\"type_lieu\":\"autre\""

START_TEST(records_are_checked_field_by_field)
{
        ck_assert_ptr_null(refused("{" BASE ",\"duree\":30,\"thematiques\":[\"email\"]}"));
        ck_assert_str_eq(refused("{" BASE ",\"duree\":30}"), "thematiques");
        ck_assert_str_eq(refused("{" BASE ",\"thematiques\":\"email\"}"), "duree");
        ck_assert_str_eq(refused("{" BASE ",\"duree\":0,\"thematiques\":\"email\"}"), "duree");
        ck_assert_str_eq(refused("{" BASE ",\"duree\":\"1h\",\"thematiques\":\"email\"}"), "duree");
        ck_assert_str_eq(refused("{" BASE ",\"duree\":30,\"thematiques\":\"email\",\"niveau\":"
                                 "\"avance\"}"),
                         "niveau");
        ck_assert_str_eq(refused("{" BASE ",\"duree\":30,\"thematiques\":\"email\",\"colour\":1}"),
                         "colour");
        ck_assert_str_eq(refused("{" BASE ",\"duree\":30,\"thematiques\":\"email\",\"code_postal\":"
                                 "\"7300\"}"),
                         "code_postal");
        /* a duration given twice must agree with its bucket */
        ck_assert_str_eq(refused("{" BASE ",\"duree\":30,\"duree_tranche\":\"moins_de_30_min\","
                                 "\"thematiques\":\"email\"}"),
                         "duree_tranche");
        ck_assert_str_eq(refused("{\"type\":\"collectif\",\"date\":\"2026-11-02\",\"type_lieu\":"
                                 "\"autre\",\"duree\":30,\"thematiques\":\"email\"}"),
                         "participants");
        ck_assert_str_eq(
            refused("{\"type\":\"collectif\",\"participants\":1,\"date\":\"2026-11-02\","
                    "\"type_lieu\":\"autre\",\"duree\":30,\"thematiques\":\"email\","
                    "\"beneficiaires\":[\"u-1\",\"u-2\"]}"),
            "beneficiaires");
        ck_assert_str_eq(
            refused("{" BASE ",\"duree\":30,\"thematiques\":\"email\",\"usager\":\"u 1\"}"),
            "usager");
        ck_assert_str_eq(refused("{" BASE
                                 ",\"duree\":30,\"thematiques\":\"email\",\"usager\":\"u-1\","
                                 "\"annee_naissance\":1950,\"tranche_age\":\"moins_de_douze\"}"),
                         "tranche_age");
}
END_TEST

START_TEST(values_are_canonical_and_suggested)
{
        struct field_error e = {0};
        json_t *r =
            check_text("{\"type\":\"Ponctuel\",\"date\":\"02/11/2026\",\"type_lieu\":"
                       "\" Domicile \",\"duree\":\"45\",\"thematiques\":\"sante|email|sante\","
                       "\"materiel\":[\"tablette\",\"ordinateur\"],\"oriente_vers_structure\":"
                       "\"oui\"}",
                       &e);
        char *text;

        ck_assert_ptr_nonnull(r);
        text = record_text(r);
        ck_assert_str_eq(text, "{\"type\":\"individuel\",\"date\":\"2026-11-02\",\"duree\":45,"
                               "\"type_lieu\":\"domicile\",\"materiel\":[\"ordinateur\","
                               "\"tablette\"],\"thematiques\":[\"email\",\"sante\"],"
                               "\"oriente_vers_structure\":true,\"participants\":1}");
        free(text);
        json_decref(r);
        ck_assert_str_eq(field_closest(&enum_thematique, "securité"), "securite_numerique");
        ck_assert_str_eq(field_closest(&enum_autonomie, "autonom"), "autonome");
        ck_assert_str_eq(field_closest(&enum_type_lieu, "À distance"), "a_distance");
}
END_TEST

START_TEST(buckets_follow_the_coop)
{
        ck_assert_str_eq(duree_bucket(29), "moins_de_30_min");
        ck_assert_str_eq(duree_bucket(30), "30_min_a_1_h");
        ck_assert_str_eq(duree_bucket(119), "1_h_a_2_h");
        ck_assert_str_eq(duree_bucket(120), "2_h_et_plus");
        ck_assert_str_eq(tranche_from_year(2015, 2026), "moins_de_douze");
        ck_assert_str_eq(tranche_from_year(2008, 2026), "dix_huit_vingt_quatre");
        ck_assert_str_eq(tranche_from_year(2009, 2026), "douze_dix_huit");
        ck_assert_str_eq(tranche_from_year(1956, 2026), "soixante_dix_plus");
        ck_assert_str_eq(tranche_from_year(1957, 2026), "soixante_soixante_neuf");
}
END_TEST

static void count(void *arg, const char *rubrique, const char *modalite, long n)
{
        cells_add(arg, rubrique, modalite, n);
}

START_TEST(a_workshop_counts_its_people)
{
        struct field_error e = {0};
        json_t *r =
            check_text("{\"type\":\"collectif\",\"participants\":5,\"date\":\"2026-11-02\","
                       "\"type_lieu\":\"autre\",\"duree\":90,\"thematiques\":[\"email\","
                       "\"logement\"],\"beneficiaires\":[{\"usager\":\"u-1\"}],\"anonymes\":"
                       "{\"genre\":{\"feminin\":3},\"commune\":{\"73065\":1}}}",
                       &e);
        json_t *cells = cells_new();

        ck_assert_ptr_nonnull(r);
        record_cells(r, count, cells);
        ck_assert_int_eq(cells_get(cells, "total", "activites"), 1);
        ck_assert_int_eq(cells_get(cells, "total", "accompagnements_collectifs"), 5);
        ck_assert_int_eq(cells_get(cells, "duree", "1_h_a_2_h"), 5);
        ck_assert_int_eq(cells_get(cells, "thematique", "email"), 5);
        ck_assert_int_eq(cells_get(cells, "thematique_demarche", "logement"), 5);
        /* four anonymous people here; the identified one is counted once a month apart */
        ck_assert_int_eq(cells_get(cells, "total", "beneficiaires_anonymes"), 4);
        ck_assert_int_eq(cells_get(cells, "genre", "feminin"), 3);
        ck_assert_int_eq(cells_get(cells, "genre", "non_communique"), 1);
        ck_assert_int_eq(cells_get(cells, "commune", "73065"), 1);
        ck_assert_int_eq(cells_get(cells, "commune", "non_communique"), 3);
        json_decref(cells);
        json_decref(r);
}
END_TEST

static json_t *v1_row(const char *ages, const char *duree)
{
        char buf[1024];
        int a[5] = {0};

        sscanf(ages, "%d,%d,%d,%d,%d", &a[0], &a[1], &a[2], &a[3], &a[4]);
        snprintf(
            buf, sizeof(buf),
            "{\"id\":\"x1\",\"canal\":\"distance\",\"activite\":\"collectif\","
            "\"nb_participants\":\"4\",\"nb_participants_recurrents\":\"1\","
            "\"age_moins_12_ans\":\"%d\",\"age_de_12_a_18_ans\":\"%d\","
            "\"age_de_18_a_35_ans\":\"%d\",\"age_de_35_a_60_ans\":\"%d\","
            "\"age_plus_60_ans\":\"%d\",\"statut_etudiant\":\"0\",\"statut_sans_emploi\":\"0\","
            "\"statut_en_emploi\":\"0\",\"statut_retraite\":\"0\",\"statut_heterogene\":\"0\","
            "\"themes\":\"{equipement informatique,smartphone,autre}\",\"duree\":\"%s\","
            "\"duree_minutes\":\"45\",\"date_accompagnement\":\"2022-03-16 11:43:48.281\","
            "\"code_postal\":\"01500\",\"organismes\":\"null\"}",
            a[0], a[1], a[2], a[3], a[4], duree);
        return json_loads(buf, 0, NULL);
}

START_TEST(v1_reports_keep_their_buckets)
{
        struct field_error e = {0};
        json_t *row = v1_row("1,0,2,0,1", "30-60"), *m = v1_map(row, &e), *r;

        ck_assert_ptr_nonnull(m);
        r = record_check(m, &e);
        ck_assert_ptr_nonnull(r);
        ck_assert_str_eq(json_string_value(json_object_get(r, "id")), "v1-x1");
        ck_assert_str_eq(json_string_value(json_object_get(r, "duree_tranche")), "30_min_a_1_h");
        ck_assert_ptr_null(json_object_get(r, "duree")); /* duree_minutes is ignored */
        ck_assert_int_eq(json_array_size(json_object_get(r, "thematiques")), 2);
        ck_assert_int_eq(json_integer_value(json_object_get(
                             json_object_get(json_object_get(r, "anonymes"), "tranche_age"),
                             "v1_dix_huit_trente_cinq")),
                         2);
        ck_assert_ptr_null(json_object_get(json_object_get(r, "anonymes"), "statut_social"));
        json_decref(r);
        json_decref(m);
        json_decref(row);
        row = v1_row("1,0,2,0,0", "60");
        ck_assert_ptr_null(v1_map(row, &e));
        ck_assert_str_eq(e.field, "age_moins_12_ans");
        field_error_clear(&e);
        json_decref(row);
}
END_TEST

START_TEST(coop_rows_gather_by_activity)
{
        struct coop_group g = {0};
        struct field_error e = {0};
        json_t *done = NULL, *row;
        const char *rows[] = {
            "{\"ID CRA\":\"a\",\"Type\":\"Atelier collectif\",\"Date\":\"2026-10-07\","
            "\"Canaux d’accompagnement\":\"Autre lieu\",\"Durée (min)\":\"60\","
            "\"Thématique(s) d’accompagnement\":\"E-mail\\nSanté\",\"Genre du bénéficiaire\":"
            "\"Féminin\"}",
            "{\"ID CRA\":\"a\",\"Genre du bénéficiaire\":\"Masculin\"}",
            "{\"ID CRA\":\"b\",\"Type\":\"Accompagnement individuel\",\"Date\":\"2026-10-08\","
            "\"Canaux d’accompagnement\":\"À distance\",\"Durée (min)\":\"30\","
            "\"Thématique(s) d’accompagnement\":\"Logement\"}",
        };

        for (int i = 0; i < 3; i++) {
                row = json_loads(rows[i], 0, NULL);
                ck_assert_int_eq(coop_row(&g, row, &e, &done), i == 2 ? 1 : 0);
                json_decref(row);
        }
        ck_assert_int_eq(json_integer_value(json_object_get(done, "participants")), 2);
        ck_assert_int_eq(json_array_size(json_object_get(done, "thematiques")), 2);
        json_decref(done);
        done = coop_finish(&g);
        ck_assert_str_eq(json_string_value(json_object_get(done, "type_lieu")), "a_distance");
        json_decref(done);
        row = json_loads("{\"ID CRA\":\"c\",\"Type\":\"Atelier\"}", 0, NULL);
        ck_assert_int_eq(coop_row(&g, row, &e, &done), -1);
        ck_assert_str_eq(e.field, "Type");
        field_error_clear(&e);
        json_decref(row);
        coop_clear(&g);
}
END_TEST

START_TEST(padded_csv_rows_are_read)
{
        const char *csv = "a,b\n1,2,null,,null\n3,4\n5,6,x\n";
        struct rec_reader *r = rec_open_mem(csv, strlen(csv), FMT_CSV, "t.csv");
        json_t *rec;

        rec_csv_trailing_fields(r, "null");
        ck_assert_int_eq(rec_next(r, &rec, NULL), 1);
        ck_assert_int_eq(json_object_size(rec), 2);
        json_decref(rec);
        ck_assert_int_eq(rec_next(r, &rec, NULL), 1);
        json_decref(rec);
        ck_assert_int_eq(rec_next(r, &rec, NULL), -1);
        ck_assert_str_eq(rec_error(r), "t.csv:4: row has 3 fields, the header has 2");
        rec_close(r);
}
END_TEST

int main(void)
{
        Suite *s = suite_create("stats_record");
        TCase *tc = tcase_create("record");
        SRunner *sr;
        int failed;

        tcase_add_test(tc, records_are_checked_field_by_field);
        tcase_add_test(tc, values_are_canonical_and_suggested);
        tcase_add_test(tc, buckets_follow_the_coop);
        tcase_add_test(tc, a_workshop_counts_its_people);
        tcase_add_test(tc, v1_reports_keep_their_buckets);
        tcase_add_test(tc, coop_rows_gather_by_activity);
        tcase_add_test(tc, padded_csv_rows_are_read);
        suite_add_tcase(s, tc);
        sr = srunner_create(s);
        srunner_run_all(sr, CK_NORMAL);
        failed = srunner_ntests_failed(sr);
        srunner_free(sr);
        return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
