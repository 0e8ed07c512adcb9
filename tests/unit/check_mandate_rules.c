/* The rules of a mandate: démarche ids, durations of exactly 1, 31, 182 or 365 days. */
#include "cli.h"
#include "clock.h"
#include "db.h"
#include "mandat.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

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

/* The end date of a mandate of `duration` starting at `from` (local dates). */
static void ends(const char *from, const char *duration, const char *want)
{
        time_t t;
        char d[11];

        ck_assert_int_eq(clock_parse(from, &t), 0);
        clock_format_date(mandate_expiry(t, mandate_days(&ctx, duration)), d);
        ck_assert_msg(strcmp(d, want) == 0, "%s + %s = %s, not %s", from, duration, d, want);
}

START_TEST(durations_are_exactly_1_31_182_or_365_days)
{
        time_t t;

        setenv("TZ", "Europe/Paris", 1);
        ck_assert_int_eq(clock_parse("2026-11-23T10:00", &t), 0);
        ck_assert_int_eq((long)(mandate_expiry(t, mandate_days(&ctx, "1d")) - t), 86400L);
        ends("2026-11-23T10:00", "31d", "2026-12-24");
        ends("2026-11-23T10:00", "182d", "2027-05-24");
        ends("2026-11-23T10:00", "365d", "2027-11-23");
        /* the names are those numbers of days, not calendar months */
        ck_assert_int_eq(mandate_days(&ctx, "1m"), 31);
        ck_assert_int_eq(mandate_days(&ctx, "6m"), 182);
        ck_assert_int_eq(mandate_days(&ctx, "12m"), 365);
        ck_assert_int_eq(mandate_days(&ctx, "1y"), 365);
        ends("2026-11-23T10:00", "6m", "2027-05-24");
        /* across a leap day: 365 days, not a calendar year of 366 */
        ends("2027-03-01T10:00", "12m", "2028-02-29");
        ends("2027-03-01T10:00", "1y", "2028-02-29");
        ends("2028-02-29T10:00", "365d", "2029-02-28");
        ends("2028-01-31T10:00", "1m", "2028-03-02");
        /* across the change to summer time: same hour, days later */
        ck_assert_int_eq(clock_parse("2027-03-27T10:00", &t), 0);
        ck_assert_int_eq((long)(mandate_expiry(t, 1) - t), 23L * 3600);
}
END_TEST

START_TEST(other_durations_are_usage_errors)
{
        mandate_days(&ctx, "366d");
}
END_TEST

START_TEST(a_calendar_month_is_not_a_duration)
{
        mandate_days(&ctx, "2m");
}
END_TEST

START_TEST(hours_are_a_usage_error)
{
        mandate_days(&ctx, "24h");
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
        tcase_add_test(tc, durations_are_exactly_1_31_182_or_365_days);
        tcase_add_exit_test(tc, other_durations_are_usage_errors, 64);
        tcase_add_exit_test(tc, a_calendar_month_is_not_a_duration, 64);
        tcase_add_exit_test(tc, hours_are_a_usage_error, 64);
        tcase_add_exit_test(tc, unknown_demarche_is_a_usage_error, 64);
        suite_add_tcase(s, tc);
        sr = srunner_create(s);
        srunner_run_all(sr, CK_NORMAL);
        failed = srunner_ntests_failed(sr);
        srunner_free(sr);
        return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
