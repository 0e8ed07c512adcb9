/* French week descriptions of the raw lists read into opening_hours values. */
#include "week_text.h"

#include <check.h>
#include <stdlib.h>

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

int main(void)
{
        Suite *s = suite_create("annuaire_week_text");
        TCase *tc = tcase_create("week_text");
        SRunner *sr;
        int failed;

        tcase_add_test(tc, french_weeks_become_opening_hours);
        suite_add_tcase(s, tc);
        sr = srunner_create(s);
        srunner_run_all(sr, CK_NORMAL);
        failed = srunner_ntests_failed(sr);
        srunner_free(sr);
        return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
