/* French week descriptions of the raw lists read into opening_hours values: cases
 * written here, and every real value of ../shared/data against a person's reading of it
 * (tests/unit/annuaire_week_text_real.json). */
#include "mapping.h"
#include "skip.h"
#include "week_text.h"
#include "xalloc.h"

#include <check.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

START_TEST(french_weeks_become_opening_hours)
{
        static const char *const cases[][2] = {
            {"9h-12h et 14h-17h du lundi au vendredi", "Mo-Fr 09:00-12:00,14:00-17:00"},
            {"Du lundi au vendredi, de 9h30 à 17h", "Mo-Fr 09:30-17:00"},
            {"Lundi et Jeudi : 9h à 12h30 et 13h30 à 17h Mardi 9h à 12h30 et 13h30 à 18h30 "
             "Mercredi 13h30 à 17h Vendredi 9h à 12h30",
             "Mo,Th 09:00-12:30,13:30-17:00; Tu 09:00-12:30,13:30-18:30; We 13:30-17:00; Fr "
             "09:00-12:30"},
            {"Les lundi, mardi, jeudi et vendredi de 09h00 à 17h00", "Mo,Tu,Th,Fr 09:00-17:00"},
            {"mercredi de 14 à 18h", "We 14:00-18:00"},
            {"Samedi et dimanche de 10h à midi", "Sa,Su 10:00-12:00"},
        };
        static const char *const kept[] = {
            "Le lundi de 9h00 à 12h00 et sur rendez-vous.",
            "Tous les jours sauf le mercredi après-midi.",
            "9h - 18h",
            "Atelier ouvert",
            "",
        };

        for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
                char *osm = week_text_hours(cases[i][0]);

                ck_assert_msg(osm != NULL, "not read: %s", cases[i][0]);
                ck_assert_str_eq(osm, cases[i][1]);
                free(osm);
        }
        for (size_t i = 0; i < sizeof(kept) / sizeof(*kept); i++)
                ck_assert_ptr_null(week_text_hours(kept[i]));
}
END_TEST

START_TEST(what_is_not_certain_is_not_converted)
{
        static const char *const cases[][2] = {
            /* the minutes of "12h 14h" are not 14 */
            {"Du lundi au jeudi : 9h-12h 14h-17h Le vendredi : 9h-12h 14h-16h",
             "Mo-Th 09:00-12:00,14:00-17:00; Fr 09:00-12:00,14:00-16:00"},
            {"mardi de 10h à 12h, le mardi de 14h à 16h", "Tu 10:00-12:00,14:00-16:00"},
            {"Lundi\n13h30 – 17h30\nSamedi\nFermé", "Mo 13:30-17:30"},
            {"Le deuxième et le dernier mardi du mois de 9h à 12h", NULL},
            {"Les deuxième et quatrième jeudis du mois de 15h30 à 17h00", "Th[2,4] 15:30-17:00"},
            {"Le dernier vendredi du mois de 14h00 à 16h00", "Fr[-1] 14:00-16:00"},
            {"mar-mer-jeu-ven 10h-12h 13h30-18h30 et le sam 10h-12h30 14h-17h30",
             "Tu-Fr 10:00-12:00,13:30-18:30; Sa 10:00-12:30,14:00-17:30"},
            {"Jeudi : 10h30-12h-14h-17h", "Th 10:30-12:00,14:00-17:00"},
            {"Horaires d'ouverture : du lundi au vendredi de 9h à 12h.", "Mo-Fr 09:00-12:00"},
            {"Tous les jours de 8h à 20h", "Mo-Su 08:00-20:00"},
            {"Mardi 14 h 30 - 18 h", "Tu 14:30-18:00"},
        };
        static const char *const kept[] = {
            "9h à 12h / 13h à 17h (17h30 le mercredi)", /* a remark in brackets */
            "samedi après-midi tous les 15 jours de 14h à 16h",
            "Un mercredi sur deux de 9h00 à 12h00",
            "lundi matin 9h-12h",
            "lundi-jeudi 9h-12h",                      /* Monday and Thursday, or four days? */
            "Lundi au vendredi 9h-12h, lundi 10h-11h", /* two hours for one moment */
            "Lundi 9h-12h Lundi fermé",
            "Vendredi : 9h à 12h30 13h", /* a time without its end */
            "Mardi 16 h 18 h",           /* two times without a dash */
            "Lundi 12h-9h",              /* backwards */
            "Lundi 9h-12h et 11h-14h",   /* overlapping */
            "Lundi 9h-25h",              /* no such hour */
            "Lundi 9h75-12h",            /* no such minute */
            "Du lundi au vendredi",      /* days without hours */
            "Du lundi au vendredi du 8h30 à 12h00",
            "Les lundi, mardi et eudi de 9h00 à 12h00", /* a typo is not read */
            "La semaine de 9h00 à 12h00",
            "Sur RDV : 02.47.74.56.08",
            "Du lundi au samedi de 8h à 20h de septembre à juin",
        };

        for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
                char *osm = week_text_hours(cases[i][0]);

                if (cases[i][1] == NULL) {
                        ck_assert_msg(osm == NULL, "converted: %s -> %s", cases[i][0], osm);
                        continue;
                }
                ck_assert_msg(osm != NULL, "not read: %s", cases[i][0]);
                ck_assert_str_eq(osm, cases[i][1]);
                free(osm);
        }
        for (size_t i = 0; i < sizeof(kept) / sizeof(*kept); i++) {
                char *osm = week_text_hours(kept[i]);

                ck_assert_msg(osm == NULL, "converted: %s -> %s", kept[i], osm);
        }
}
END_TEST

/* The 16 hex digits of the 8-byte BLAKE2b of text, as the fixture names values. */
static void text_id(const char *text, char hex[17])
{
        unsigned char h[8];

        crypto_generichash(h, sizeof(h), (const unsigned char *)text, strlen(text), NULL, 0);
        sodium_bin2hex(hex, 17, h, sizeof(h));
}

struct tally {
        int converted, kept, rows_converted, rows_kept;
};

/* Runs the mapping of one raw list on each row and checks its hours against the reading. */
static void check_list(const char *data, const char *list, json_t *expect, json_t *seen,
                       struct tally *t)
{
        char *cfg = xasprintf("%s/annuaire/raw/%s.config.json", data, list), *error = NULL;
        char *raw = xasprintf("%s/annuaire/raw/%s.json", data, list);
        json_t *config = json_load_file(cfg, 0, NULL), *rows = json_load_file(raw, 0, NULL), *row;
        const char *col =
            json_string_value(json_object_get(json_object_get(config, "horaires"), "semaine"));
        struct mapping *m = mapping_from_json(config, &error);
        size_t i;

        ck_assert_msg(m != NULL && col != NULL && json_is_array(rows), "%s: %s", list, error);
        json_array_foreach(rows, i, row)
        {
                const char *text = json_string_value(json_object_get(row, col));
                struct schema_issues is = {.lenient = true};
                json_t *rec, *want;
                const char *got;
                char id[17];

                if (text == NULL || text[strspn(text, " \t\r\n")] == '\0')
                        continue;
                text_id(text, id);
                want = json_object_get(expect, id);
                ck_assert_msg(want != NULL, "%s row %zu: no reading of %s", list, i, text);
                rec = mapping_apply(m, row, list, "2024-01-01", &is);
                got = json_string_value(json_object_get(rec, "horaires"));
                if (json_is_null(want)) {
                        ck_assert_msg(got != NULL && strcmp(got, text) == 0 && is.n > 0,
                                      "%s row %zu: %s\n  should be kept, got %s", list, i, text,
                                      got);
                        t->rows_kept++;
                } else {
                        ck_assert_msg(got != NULL && strcmp(got, json_string_value(want)) == 0,
                                      "%s row %zu: %s\n  want %s\n  got  %s", list, i, text,
                                      json_string_value(want), got);
                        t->rows_converted++;
                }
                if (json_object_get(seen, id) == NULL)
                        *(json_is_null(want) ? &t->kept : &t->converted) += 1;
                json_object_set_new(seen, id, json_true());
                json_decref(rec);
                schema_issues_free(&is);
        }
        mapping_free(m);
        json_decref(config);
        json_decref(rows);
        free(cfg);
        free(raw);
        free(error);
}

/* {id: opening_hours or null} from the fixture, or NULL. */
static json_t *load_reading(void)
{
        const char *root = getenv("AIDANT_ROOT");
        char *path =
            xasprintf("%s/tests/unit/annuaire_week_text_real.json", root != NULL ? root : ".");
        json_t *doc = json_load_file(path, 0, NULL), *v, *out = json_object();
        size_t i;

        ck_assert_msg(doc != NULL, "cannot read %s", path);
        json_array_foreach(json_object_get(doc, "values"), i, v)
        {
                json_object_set(out, json_string_value(json_object_get(v, "blake2b")),
                                json_object_get(v, "opening_hours"));
        }
        json_decref(doc);
        free(path);
        return out;
}

START_TEST(every_real_week_text_is_converted_as_a_person_reads_it)
{
        static const char *const lists[] = {"angers", "corse", "hub-lo", "la-creuse"};
        const char *data =
            shared_data_or_skip("every_real_week_text_is_converted_as_a_person_reads_it");
        struct tally t = {0};
        json_t *expect, *seen = json_object(), *v;
        const char *id;

        if (data == NULL)
                return;
        expect = load_reading();
        for (size_t i = 0; i < sizeof(lists) / sizeof(*lists); i++)
                check_list(data, lists[i], expect, seen, &t);
        json_object_foreach(expect, id, v)
        {
                ck_assert_msg(json_object_get(seen, id) != NULL,
                              "the reading names %s, which no list holds", id);
        }
        json_decref(seen);
        printf("week texts of the raw lists: %d distinct values, %d converted, %d kept as "
               "written (rows: %d converted, %d kept)\n",
               t.converted + t.kept, t.converted, t.kept, t.rows_converted, t.rows_kept);
        ck_assert_int_eq(t.converted + t.kept, 326);
        json_decref(expect);
}
END_TEST

int main(void)
{
        Suite *s = suite_create("annuaire_week_text");
        TCase *tc = tcase_create("week_text");
        SRunner *sr;
        int failed;

        tcase_add_test(tc, french_weeks_become_opening_hours);
        tcase_add_test(tc, what_is_not_certain_is_not_converted);
        tcase_add_test(tc, every_real_week_text_is_converted_as_a_person_reads_it);
        suite_add_tcase(s, tc);
        sr = srunner_create(s);
        srunner_run_all(sr, CK_NORMAL);
        failed = srunner_ntests_failed(sr);
        srunner_free(sr);
        return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
