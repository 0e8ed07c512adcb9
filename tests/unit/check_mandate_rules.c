/* The rules of a mandate: démarche ids, durations up to 365 days on the calendar. */
#include "cli.h"
#include "clock.h"
#include "db.h"
#include "mandat.h"

#include <check.h>
#include <stdlib.h>

static const struct tool tool = {.name = "aidant-mandate", .summary = "", .commands = NULL};
static const struct ctx ctx = {.tool = &tool};

START_TEST(demarches_are_the_ten_ids)
{
        int idx[DEMARCHE_COUNT];

        ck_assert_int_eq(demarche_find("papiers"), 0);
        ck_assert_int_eq(demarche_find("loisirs"), 9);
        ck_assert_int_eq(demarche_find("impots"), -1);
        ck_assert_int_eq(demarche_find("Social"), -1);
        /* repeated ids count once, in the order given */
        ck_assert_int_eq(demarches_parse(&ctx, "argent,social,argent", idx), 2);
        ck_assert_int_eq(idx[0], demarche_find("argent"));
        ck_assert_int_eq(idx[1], demarche_find("social"));
}
END_TEST

START_TEST(durations_end_on_the_calendar)
{
        time_t t, end;
        char d[11];

        setenv("TZ", "Europe/Paris", 1);
        ck_assert_int_eq(clock_parse("2026-11-23T10:00", &t), 0);
        end = mandate_expiry(&ctx, "1d", t);
        ck_assert_int_eq((long)(end - t), 86400L);
        clock_format_date(mandate_expiry(&ctx, "31d", t), d);
        ck_assert_str_eq(d, "2026-12-24");
        clock_format_date(mandate_expiry(&ctx, "182d", t), d);
        ck_assert_str_eq(d, "2027-05-24");
        clock_format_date(mandate_expiry(&ctx, "365d", t), d);
        ck_assert_str_eq(d, "2027-11-23");
        clock_format_date(mandate_expiry(&ctx, "6m", t), d);
        ck_assert_str_eq(d, "2027-05-23");
}
END_TEST

START_TEST(over_365_days_is_a_usage_error)
{
        mandate_expiry(&ctx, "366d", 0);
}
END_TEST

START_TEST(hours_are_a_usage_error)
{
        mandate_expiry(&ctx, "12h", 0);
}
END_TEST

START_TEST(unknown_demarche_is_a_usage_error)
{
        int idx[DEMARCHE_COUNT];

        demarches_parse(&ctx, "social,impots", idx);
}
END_TEST

int main(void)
{
        Suite *s = suite_create("mandate_rules");
        TCase *tc = tcase_create("rules");
        SRunner *sr;
        int failed;

        tcase_add_test(tc, demarches_are_the_ten_ids);
        tcase_add_test(tc, durations_end_on_the_calendar);
        tcase_add_exit_test(tc, over_365_days_is_a_usage_error, 64);
        tcase_add_exit_test(tc, hours_are_a_usage_error, 64);
        tcase_add_exit_test(tc, unknown_demarche_is_a_usage_error, 64);
        suite_add_tcase(s, tc);
        sr = srunner_create(s);
        srunner_run_all(sr, CK_NORMAL);
        failed = srunner_ntests_failed(sr);
        srunner_free(sr);
        return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
