/* The schema as data, lenient enumeration matching, and the normalisation of records. */
#include "schema.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

/* Normalises the JSON text; returns the record (or NULL) and leaves the issues in is. */
static json_t *norm(const char *text, struct schema_issues *is)
{
        json_error_t e;
        json_t *raw = json_loads(text, 0, &e), *rec;

        ck_assert_ptr_nonnull(raw);
        schema_issues_clear(is);
        rec = schema_normalise(raw, is);
        json_decref(raw);
        return rec;
}

#define BASE                                                                                       \
        "\"id\": \"x-1\", \"pivot\": \"00000000000000\", \"nom\": \"  Espace   Un \", "            \
        "\"commune\": \"Chambéry\", \"adresse\": \"1 rue A\", \"date_maj\": \"2026-10-01\""

static const char *field_of_first_error(const struct schema_issues *is)
{
        for (size_t i = 0; i < is->n; i++)
                if (is->v[i].error)
                        return is->v[i].field;
        return NULL;
}

static bool has_warning(const struct schema_issues *is, const char *field, const char *part)
{
        for (size_t i = 0; i < is->n; i++)
                if (!is->v[i].error && strcmp(is->v[i].field, field) == 0 &&
                    strstr(is->v[i].message, part) != NULL)
                        return true;
        return false;
}

START_TEST(fields_are_the_schema_s_32_in_order)
{
        size_t n = 0;

        while (schema_fields[n] != NULL)
                n++;
        ck_assert_int_eq(n, SCHEMA_NFIELDS);
        ck_assert_str_eq(schema_fields[0], "id");
        ck_assert_str_eq(schema_fields[20], "date_maj");
        ck_assert_str_eq(schema_fields[31], "prise_rdv");
        ck_assert_int_eq(schema_field_index("services"), 21);
        ck_assert_int_eq(schema_field_index("labels_nationaux"), -1);
        ck_assert(schema_is_list("services"));
        ck_assert(schema_is_list("courriels"));
        ck_assert(!schema_is_list("itinerance"));
        ck_assert(!schema_is_list("telephone"));
        ck_assert(schema_is_required("date_maj"));
        ck_assert(!schema_is_required("telephone"));
        ck_assert_str_eq(schema_enum_values("frais_a_charge")[2], "Payant");
        ck_assert_ptr_null(schema_enum_values("nom"));
}
END_TEST

START_TEST(enumerations_match_leniently)
{
        ck_assert_str_eq(schema_enum_canonical("services", "aide aux DEMARCHES  administratives"),
                         "Aide aux démarches administratives");
        ck_assert_str_eq(schema_enum_canonical("formations_labels", "Etapes numériques(La Poste)"),
                         "Étapes numériques(La Poste)");
        ck_assert_str_eq(schema_enum_canonical("formations_labels", "Formé à \"Mon Espace Santé\""),
                         "Formé à « Mon Espace Santé »");
        ck_assert_str_eq(schema_enum_canonical("dispositif_programmes_nationaux", "CNFS"),
                         "Conseillers numériques");
        ck_assert_str_eq(schema_enum_canonical("services", "Accéder à du matériel"),
                         "Accès internet et matériel informatique");
        ck_assert_ptr_null(schema_enum_canonical("services", "Cours de cuisine"));
        ck_assert_ptr_null(schema_enum_canonical("nom", "Aide"));
        ck_assert_ptr_null(schema_enum_canonical("nope", "Aide"));
}
END_TEST

START_TEST(a_record_comes_out_in_the_schema_s_order)
{
        struct schema_issues is = {0};
        json_t *rec = norm("{\"services\": \"Payant|x\", \"code_postal\": 1000, " BASE "}", &is);

        ck_assert_ptr_null(rec); /* "Payant" is not a service */
        ck_assert_str_eq(field_of_first_error(&is), "services");
        rec = norm(
            "{\"services\": \"loisirs et creations numeriques|Loisirs et créations "
            "numériques\", \"code_postal\": 1000, \"latitude\": \"45,5\", \"longitude\": 5.9, " BASE
            "}",
            &is);
        ck_assert_ptr_nonnull(rec);
        ck_assert_int_eq(is.n, 0);
        ck_assert_str_eq(json_object_iter_key(json_object_iter(rec)), "id");
        ck_assert_str_eq(json_string_value(json_object_get(rec, "nom")), "Espace Un");
        ck_assert_str_eq(json_string_value(json_object_get(rec, "code_postal")), "01000");
        ck_assert(json_is_real(json_object_get(rec, "latitude")));
        ck_assert_double_eq(json_real_value(json_object_get(rec, "latitude")), 45.5);
        ck_assert_int_eq(json_array_size(json_object_get(rec, "services")), 1);
        json_decref(rec);
        schema_issues_free(&is);
}
END_TEST

START_TEST(phones_dates_and_addresses_are_normalised)
{
        struct schema_issues is = {0};
        json_t *rec;

        rec = norm("{\"id\": \"a\", \"pivot\": \"130 012 345 00018\", \"nom\": \"A\", \"adresse\": "
                   "\"8 rue de la Boétie - 33000 Bordeaux\", \"telephone\": \"05.57.65.75.39 / 06 "
                   "00 00 00 00\", \"date_maj\": \"07/12/2021\", \"site_web\": \"abracodabra.fr\"}",
                   &is);
        ck_assert_ptr_nonnull(rec);
        ck_assert_str_eq(json_string_value(json_object_get(rec, "pivot")), "13001234500018");
        ck_assert_str_eq(json_string_value(json_object_get(rec, "code_postal")), "33000");
        ck_assert_str_eq(json_string_value(json_object_get(rec, "commune")), "Bordeaux");
        ck_assert_str_eq(json_string_value(json_object_get(rec, "adresse")), "8 rue de la Boétie");
        ck_assert_str_eq(json_string_value(json_object_get(rec, "telephone")), "+33557657539");
        ck_assert_str_eq(json_string_value(json_object_get(rec, "date_maj")), "2021-12-07");
        ck_assert_str_eq(json_string_value(json_array_get(json_object_get(rec, "site_web"), 0)),
                         "https://abracodabra.fr");
        ck_assert(has_warning(&is, "telephone", "only the first one kept"));
        json_decref(rec);
        rec = norm("{\"telephone\": \"44 57 28\", \"code_postal\": \"98800\", " BASE "}", &is);
        ck_assert_str_eq(json_string_value(json_object_get(rec, "telephone")), "+687445728");
        json_decref(rec);
        rec =
            norm("{\"date_maj\": \"2020/06/30 14:16:50.898\", \"code_postal\": \"18000\", \"id\": "
                 "\"b\", \"pivot\": 434806402, \"nom\": \"B\", \"commune\": \"Bourges\", "
                 "\"adresse\": \"1 rue\"}",
                 &is);
        ck_assert_str_eq(json_string_value(json_object_get(rec, "date_maj")), "2020-06-30");
        ck_assert_str_eq(json_string_value(json_object_get(rec, "pivot")), "434806402");
        json_decref(rec);
        /* the no-break spaces a spreadsheet leaves at the ends of values go, as in
         * "Coworking by ADEZIO\u00a0" of the PACA export; those inside stay */
        rec = norm("{\"typologie\": \"TIERS_LIEUX\u00a0| ASSO \u202f\", \"formations_labels\": "
                   "\"Étapes numériques (La Poste)\u00a0\", \"id\": \"c\", \"pivot\": "
                   "\"00000000000000\", \"nom\": \"Coworking by ADEZIO\u00a0\", \"commune\": "
                   "\"\u00a0Nice\", \"code_postal\": \"06000\", \"adresse\": \"1 rue\u00a0A\", "
                   "\"date_maj\": \"2026-10-01\"}",
                   &is);
        ck_assert_str_eq(json_string_value(json_object_get(rec, "nom")), "Coworking by ADEZIO");
        ck_assert_str_eq(json_string_value(json_object_get(rec, "commune")), "Nice");
        ck_assert_str_eq(json_string_value(json_object_get(rec, "adresse")), "1 rue\u00a0A");
        ck_assert_str_eq(json_string_value(json_array_get(json_object_get(rec, "typologie"), 0)),
                         "TIERS_LIEUX");
        ck_assert_str_eq(json_string_value(json_array_get(json_object_get(rec, "typologie"), 1)),
                         "ASSO");
        /* written as the schema's pattern spells it, so that its validator accepts it */
        ck_assert_str_eq(
            json_string_value(json_array_get(json_object_get(rec, "formations_labels"), 0)),
            "Étapes numériques(La Poste)");
        json_decref(rec);
        schema_issues_free(&is);
}
END_TEST

START_TEST(invalid_values_are_errors_naming_the_field)
{
        static const char *const bad[][2] = {
            {"\"code_postal\": \"7300\"", "code_postal"},
            {"\"code_postal\": \"73000\", \"telephone\": \"3949\"", "telephone"},
            {"\"code_postal\": \"73000\", \"courriels\": \"contact@@x.fr\"", "courriels"},
            {"\"code_postal\": \"73000\", \"latitude\": 95, \"longitude\": 5", "latitude"},
            {"\"code_postal\": \"73000\", \"code_insee\": \"20001\"", "code_insee"},
            {"\"code_postal\": \"73000\", \"itinerance\": \"Volant\"", "itinerance"},
            {"\"code_postal\": \"73000\", \"nom\": [\"a\"]", "nom"},
            {"\"code_postal\": \"73000\", \"date_maj\": \"31/02/2026\"", "date_maj"},
        };
        struct schema_issues is = {0};

        for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
                char *text;
                json_t *rec;

                /* the later duplicate key wins in Jansson: the bad value replaces BASE's */
                ck_assert_int_ge(asprintf(&text, "{" BASE ", %s}", bad[i][0]), 0);
                rec = norm(text, &is);
                ck_assert_msg(rec == NULL, "accepted %s", bad[i][0]);
                ck_assert_str_eq(field_of_first_error(&is), bad[i][1]);
                free(text);
        }
        ck_assert_ptr_null(norm("[1, 2]", &is));
        ck_assert_ptr_null(norm("{\"id\": \"x\"}", &is));
        ck_assert_str_eq(field_of_first_error(&is), "pivot");
        schema_issues_free(&is);
}
END_TEST

START_TEST(lenient_lists_leave_bad_optional_values_out)
{
        struct schema_issues is = {.lenient = true};
        json_t *rec = norm("{\"code_postal\": \"73000\", \"telephone\": \"3949\", \"site_web\": "
                           "\"page facebook : X|www.x.fr\", " BASE "}",
                           &is);

        ck_assert_ptr_nonnull(rec);
        ck_assert_ptr_null(json_object_get(rec, "telephone"));
        ck_assert_int_eq(json_array_size(json_object_get(rec, "site_web")), 1);
        ck_assert(has_warning(&is, "telephone", "left out"));
        json_decref(rec);
        ck_assert_ptr_null(norm("{\"code_postal\": \"7300\", " BASE "}", &is));
        schema_issues_free(&is);
}
END_TEST

START_TEST(legacy_fields_are_mapped_with_warnings)
{
        struct schema_issues is = {0};
        json_t *rec = norm("{\"code_postal\": \"73000\", \"labels_nationaux\": \"CNFS;APTIC\", "
                           "\"publics_accueillis\": \"Adultes;Seniors (+ 65 ans)\", \"courriel\": "
                           "\"a@b.fr\", \"couleur\": \"bleu\", " BASE "}",
                           &is);
        json_t *a;

        ck_assert_ptr_nonnull(rec);
        a = json_object_get(rec, "dispositif_programmes_nationaux");
        ck_assert_str_eq(json_string_value(json_array_get(a, 0)), "Conseillers numériques");
        a = json_object_get(rec, "autres_formations_labels");
        ck_assert_str_eq(json_string_value(json_array_get(a, 0)), "APTIC");
        a = json_object_get(rec, "publics_specifiquement_adresses");
        ck_assert_int_eq(json_array_size(a), 1);
        ck_assert_str_eq(json_string_value(json_array_get(a, 0)), "Seniors");
        ck_assert_str_eq(json_string_value(json_array_get(json_object_get(rec, "courriels"), 0)),
                         "a@b.fr");
        ck_assert(has_warning(&is, "publics_accueillis", "Adultes"));
        ck_assert(has_warning(&is, "labels_nationaux", "legacy field"));
        ck_assert(has_warning(&is, "couleur", "unknown field"));
        ck_assert_ptr_null(json_object_get(rec, "couleur"));
        json_decref(rec);
        schema_issues_free(&is);
}
END_TEST

START_TEST(long_summaries_are_shortened_not_lost)
{
        struct schema_issues is = {0};
        char text[2048], *p;
        json_t *rec, *resume;

        p = text + sprintf(text, "{\"code_postal\": \"73000\", \"presentation_resume\": \"");
        for (int i = 0; i < 100; i++)
                p += sprintf(p, "été %d ", i);
        sprintf(p, "\", " BASE "}");
        rec = norm(text, &is);
        ck_assert_ptr_nonnull(rec);
        resume = json_object_get(rec, "presentation_resume");
        ck_assert_int_le(json_string_length(resume), 280 * 2);
        ck_assert_ptr_nonnull(strstr(json_string_value(resume), "…"));
        ck_assert_ptr_nonnull(
            strstr(json_string_value(json_object_get(rec, "presentation_detail")), "été 99"));
        json_decref(rec);
        schema_issues_free(&is);
}
END_TEST

int main(void)
{
        Suite *s = suite_create("annuaire_schema");
        TCase *tc = tcase_create("schema");
        SRunner *sr;
        int failed;

        tcase_add_test(tc, fields_are_the_schema_s_32_in_order);
        tcase_add_test(tc, enumerations_match_leniently);
        tcase_add_test(tc, a_record_comes_out_in_the_schema_s_order);
        tcase_add_test(tc, phones_dates_and_addresses_are_normalised);
        tcase_add_test(tc, invalid_values_are_errors_naming_the_field);
        tcase_add_test(tc, lenient_lists_leave_bad_optional_values_out);
        tcase_add_test(tc, legacy_fields_are_mapped_with_warnings);
        tcase_add_test(tc, long_summaries_are_shortened_not_lost);
        suite_add_tcase(s, tc);
        sr = srunner_create(s);
        srunner_run_all(sr, CK_NORMAL);
        failed = srunner_ntests_failed(sr);
        srunner_free(sr);
        return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
