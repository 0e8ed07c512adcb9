/* Public holidays of the French territories (Easter dates, the national list,
 * Alsace-Moselle, overseas) and their time zones. */
#include "holidays.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

static void assert_easter(int year, int month, int day)
{
        int m, d;

        holiday_easter(year, &m, &d);
        ck_assert_msg(m == month && d == day, "Easter %d: got %02d-%02d, want %02d-%02d", year, m,
                      d, month, day);
}

START_TEST(easter_follows_the_gregorian_computus)
{
        assert_easter(2024, 3, 31);
        assert_easter(2025, 4, 20);
        assert_easter(2026, 4, 5);
        assert_easter(2019, 4, 21);
        assert_easter(2038, 4, 25); /* latest possible */
        assert_easter(2285, 3, 22); /* earliest possible */
        assert_easter(2000, 4, 23);
}
END_TEST

START_TEST(national_list_has_eleven_days_in_order)
{
        struct holiday h[HOLIDAYS_MAX];
        int n = holiday_list(2026, "75056", h);

        ck_assert_int_eq(n, 11);
        ck_assert_str_eq(h[0].name, "jour de l'An");
        ck_assert_int_eq(h[0].month, 1);
        ck_assert_str_eq(h[1].name, "lundi de Pâques");
        ck_assert_int_eq(h[1].month * 100 + h[1].day, 406);
        ck_assert_str_eq(h[2].name, "1er mai");
        ck_assert_str_eq(h[3].name, "8 mai");
        ck_assert_str_eq(h[4].name, "Ascension");
        ck_assert_int_eq(h[4].month * 100 + h[4].day, 514);
        ck_assert_str_eq(h[5].name, "lundi de Pentecôte");
        ck_assert_int_eq(h[5].month * 100 + h[5].day, 525);
        ck_assert_str_eq(h[6].name, "14 juillet");
        ck_assert_str_eq(h[7].name, "15 août");
        ck_assert_str_eq(h[8].name, "Toussaint");
        ck_assert_str_eq(h[9].name, "11 novembre");
        ck_assert_str_eq(h[10].name, "Noël");
        ck_assert_int_eq(h[10].month * 100 + h[10].day, 1225);
}
END_TEST

START_TEST(easter_based_days_cross_months)
{
        /* 2038: Easter 25 April, so Ascension 3 June and Pentecost Monday 14 June */
        ck_assert(holiday_is(2038, 4, 26, NULL));
        ck_assert(holiday_is(2038, 6, 3, NULL));
        ck_assert(holiday_is(2038, 6, 14, NULL));
        /* 2025: 21 April, 29 May, 9 June */
        ck_assert(holiday_is(2025, 4, 21, NULL));
        ck_assert(holiday_is(2025, 5, 29, NULL));
        ck_assert(holiday_is(2025, 6, 9, NULL));
        ck_assert(!holiday_is(2025, 4, 20, NULL)); /* Easter Sunday itself is a Sunday */
        ck_assert(!holiday_is(2025, 6, 10, NULL));
}
END_TEST

START_TEST(alsace_moselle_adds_good_friday_and_26_december)
{
        struct holiday h[HOLIDAYS_MAX];
        int n = holiday_list(2026, "67482", h); /* Strasbourg */

        ck_assert_int_eq(n, 13);
        ck_assert_str_eq(h[1].name, "Vendredi saint");
        ck_assert_int_eq(h[1].month * 100 + h[1].day, 403);
        ck_assert_str_eq(h[12].name, "26 décembre");
        ck_assert(holiday_is(2026, 4, 3, "57463"));   /* Metz */
        ck_assert(holiday_is(2026, 12, 26, "68224")); /* Mulhouse */
        ck_assert(!holiday_is(2026, 4, 3, "75056"));
        ck_assert(!holiday_is(2026, 12, 26, NULL));
        ck_assert(!holiday_is(2026, 12, 26, "6"));
        ck_assert(holiday_alsace_moselle("67"));
        ck_assert(!holiday_alsace_moselle("2A004"));
        ck_assert(!holiday_alsace_moselle(""));
}
END_TEST

START_TEST(overseas_departements_add_the_abolition_of_slavery)
{
        struct holiday h[HOLIDAYS_MAX];
        int n = holiday_list(2026, "97411", h); /* Saint-Denis, La Réunion */

        ck_assert_int_eq(n, 12);
        ck_assert_str_eq(h[10].name, "abolition de l'esclavage");
        ck_assert_int_eq(h[10].month * 100 + h[10].day, 1220);
        ck_assert(holiday_is(2026, 5, 27, "97105")); /* Basse-Terre */
        ck_assert(holiday_is(2026, 5, 22, "97209")); /* Fort-de-France */
        ck_assert(holiday_is(2026, 6, 10, "97302")); /* Cayenne */
        ck_assert(holiday_is(2026, 4, 27, "97611")); /* Mamoudzou */
        ck_assert(holiday_is(2026, 10, 9, "97701")); /* Saint-Barthélemy */
        ck_assert(holiday_is(2026, 5, 28, "97801")); /* Saint-Martin, since 2018 */
        ck_assert(!holiday_is(2026, 5, 27, "97801"));
        ck_assert(!holiday_is(2026, 5, 27, "97209"));
        ck_assert(!holiday_is(2026, 12, 20, "75056"));
        ck_assert(!holiday_is(2026, 5, 27, "97502")); /* Saint-Pierre: the national days */
}
END_TEST

START_TEST(antilles_stop_on_good_friday_and_victor_schoelcher_day)
{
        struct holiday h[HOLIDAYS_MAX];

        ck_assert_int_eq(holiday_list(2026, "97105", h), 14);
        ck_assert(holiday_is(2026, 4, 3, "97105")); /* Vendredi saint */
        ck_assert(holiday_is(2026, 4, 3, "97209"));
        ck_assert(holiday_is(2026, 7, 21, "97105"));
        ck_assert(holiday_is(2026, 7, 21, "97209"));
        ck_assert(!holiday_is(2026, 4, 3, "97302"));
        ck_assert(!holiday_is(2026, 7, 21, "97302"));
        ck_assert(!holiday_is(2026, 4, 3, "97701"));
}
END_TEST

START_TEST(pacific_collectivities_have_their_own_lists)
{
        struct holiday h[HOLIDAYS_MAX];

        ck_assert(holiday_is(2026, 9, 24, "98818")); /* Nouméa: fête de la Citoyenneté */
        ck_assert(!holiday_is(2026, 9, 24, "75056"));
        ck_assert_int_eq(holiday_list(2026, "98818", h), 12);
        ck_assert(holiday_is(2026, 3, 5, "98735"));   /* Papeete: arrivée de l'Évangile */
        ck_assert(holiday_is(2026, 4, 3, "98735"));   /* Vendredi saint */
        ck_assert(holiday_is(2026, 11, 20, "98735")); /* Matāri'i, since 2025 */
        ck_assert(!holiday_is(2026, 6, 29, "98735"));
        ck_assert(holiday_is(2024, 6, 29, "98735")); /* the fête de l'autonomie before */
        ck_assert(!holiday_is(2024, 11, 20, "98735"));
        ck_assert(holiday_is(2026, 4, 28, "98613")); /* Wallis: saint Pierre Chanel */
        ck_assert(holiday_is(2026, 7, 29, "98613")); /* fête du Territoire */
        ck_assert(!holiday_is(2026, 7, 29, "98818"));
}
END_TEST

START_TEST(time_zones_follow_the_territory)
{
        ck_assert_str_eq(holiday_zone("75056"), "Europe/Paris");
        ck_assert_str_eq(holiday_zone("2A004"), "Europe/Paris");
        ck_assert_str_eq(holiday_zone("67482"), "Europe/Paris");
        ck_assert_str_eq(holiday_zone("97105"), "America/Guadeloupe");
        ck_assert_str_eq(holiday_zone("97209"), "America/Martinique");
        ck_assert_str_eq(holiday_zone("97302"), "America/Cayenne");
        ck_assert_str_eq(holiday_zone("97411"), "Indian/Reunion");
        ck_assert_str_eq(holiday_zone("97502"), "America/Miquelon");
        ck_assert_str_eq(holiday_zone("97611"), "Indian/Mayotte");
        ck_assert_str_eq(holiday_zone("97701"), "America/St_Barthelemy");
        ck_assert_str_eq(holiday_zone("97801"), "America/Marigot");
        ck_assert_str_eq(holiday_zone("98613"), "Pacific/Wallis");
        ck_assert_str_eq(holiday_zone("98735"), "Pacific/Tahiti");
        ck_assert_str_eq(holiday_zone("98731"), "Pacific/Marquesas"); /* Nuku-Hiva */
        ck_assert_str_eq(holiday_zone("98719"), "Pacific/Gambier");
        ck_assert_str_eq(holiday_zone("98818"), "Pacific/Noumea");
        ck_assert_str_eq(holiday_zone("98800"), "Pacific/Noumea"); /* a postcode */
        ck_assert_ptr_null(holiday_zone("98412"));                 /* TAAF: not known */
        ck_assert_ptr_null(holiday_zone(NULL));
        ck_assert_ptr_null(holiday_zone("x"));
}
END_TEST

int main(void)
{
        Suite *s = suite_create("holidays");
        TCase *tc = tcase_create("holidays");
        SRunner *sr;
        int failed;

        tcase_add_test(tc, easter_follows_the_gregorian_computus);
        tcase_add_test(tc, national_list_has_eleven_days_in_order);
        tcase_add_test(tc, easter_based_days_cross_months);
        tcase_add_test(tc, alsace_moselle_adds_good_friday_and_26_december);
        tcase_add_test(tc, overseas_departements_add_the_abolition_of_slavery);
        tcase_add_test(tc, antilles_stop_on_good_friday_and_victor_schoelcher_day);
        tcase_add_test(tc, pacific_collectivities_have_their_own_lists);
        tcase_add_test(tc, time_zones_follow_the_territory);
        suite_add_tcase(s, tc);
        sr = srunner_create(s);
        srunner_run_all(sr, CK_NORMAL);
        failed = srunner_ntests_failed(sr);
        srunner_free(sr);
        return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
