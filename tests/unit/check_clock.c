/* Dates, times and durations as users write them, and AIDANT_NOW. */
#include "clock.h"

#include <check.h>
#include <stdlib.h>

START_TEST(parses_iso_and_french_dates)
{
        char d[11];

        ck_assert_int_eq(clock_parse_date("2024-04-02", d), 0);
        ck_assert_str_eq(d, "2024-04-02");
        ck_assert_int_eq(clock_parse_date("07/12/2021", d), 0);
        ck_assert_str_eq(d, "2021-12-07");
        ck_assert_int_eq(clock_parse_date("31/02/2021", d), -1);
        ck_assert_int_eq(clock_parse_date("2021-13-01", d), -1);
        ck_assert_int_eq(clock_parse_date("2021-12-01x", d), -1);
}
END_TEST

START_TEST(parses_times_with_and_without_zone)
{
        time_t t;
        char out[32];

        ck_assert_int_eq(clock_parse("2026-11-23T10:00:00Z", &t), 0);
        ck_assert_int_eq((long)t, 1795428000L);
        ck_assert_int_eq(clock_parse("2026-11-23T11:00+01:00", &t), 0);
        ck_assert_int_eq((long)t, 1795428000L);
        ck_assert_int_eq(clock_parse("2026-11-23 11:00", &t), 0); /* Paris, winter */
        clock_format_iso(t, out);
        ck_assert_str_eq(out, "2026-11-23T11:00:00+01:00");
        ck_assert_int_eq(clock_parse("2026-11-23T25:00", &t), -1);
}
END_TEST

START_TEST(durations_follow_the_calendar)
{
        struct duration d;
        time_t t, r;
        char out[11];

        ck_assert_int_eq(duration_parse("6m", &d), 0);
        ck_assert_int_eq(d.amount, 6);
        ck_assert_int_eq(d.unit, 'm');
        ck_assert_int_eq(duration_parse("31x", &d), -1);
        ck_assert_int_eq(duration_parse("0d", &d), -1);
        ck_assert_int_eq(duration_parse("d", &d), -1);
        clock_parse("2026-08-31T12:00", &t);
        duration_parse("6m", &d);
        r = duration_apply(t, &d, -1);
        clock_format_date(r, out);
        ck_assert_str_eq(out, "2026-02-28"); /* clamped to the month's last day */
        clock_parse("2028-08-31T12:00", &t);
        clock_format_date(duration_apply(t, &d, -1), out);
        ck_assert_str_eq(out, "2028-02-29");
        clock_parse("2026-01-31T12:00", &t);
        duration_parse("1m", &d);
        clock_format_date(duration_apply(t, &d, 1), out);
        ck_assert_str_eq(out, "2026-02-28");
        clock_parse("2028-02-29T12:00", &t);
        duration_parse("1y", &d);
        clock_format_date(duration_apply(t, &d, 1), out);
        ck_assert_str_eq(out, "2029-02-28");
        duration_parse("1y", &d);
        ck_assert_int_eq(duration_days(&d), 365);
}
END_TEST

START_TEST(calendar_arithmetic_on_day_numbers)
{
        int y, m, d;

        ck_assert_int_eq(cal_days(1970, 1, 1), 0);
        ck_assert_int_eq(cal_days(2026, 11, 23), 20780);
        ck_assert_int_eq(cal_days(1969, 12, 31), -1);
        cal_date(20780, &y, &m, &d);
        ck_assert_int_eq(y * 10000 + m * 100 + d, 20261123);
        cal_date(cal_days(2024, 2, 29) + 1, &y, &m, &d);
        ck_assert_int_eq(y * 10000 + m * 100 + d, 20240301);
        cal_date(cal_days(2000, 2, 28) + 1, &y, &m, &d);
        ck_assert_int_eq(y * 10000 + m * 100 + d, 20000229);
        cal_date(cal_days(2100, 2, 28) + 1, &y, &m, &d);
        ck_assert_int_eq(y * 10000 + m * 100 + d, 21000301);
        ck_assert_int_eq(cal_weekday(cal_days(2026, 11, 23)), 0); /* a Monday */
        ck_assert_int_eq(cal_weekday(cal_days(2026, 11, 29)), 6);
        ck_assert_int_eq(cal_weekday(cal_days(1969, 12, 31)), 2); /* a Wednesday */
        ck_assert_int_eq(cal_month_days(2024, 2), 29);
        ck_assert_int_eq(cal_month_days(2100, 2), 28);
        ck_assert_int_eq(cal_month_days(2000, 2), 29);
        ck_assert_int_eq(cal_month_days(2026, 4), 30);
        ck_assert_int_eq(cal_month_days(2026, 12), 31);
}
END_TEST

START_TEST(iso_weeks_belong_to_the_year_of_their_thursday)
{
        ck_assert_int_eq(cal_iso_week(cal_days(2026, 1, 1)), 1);
        ck_assert_int_eq(cal_iso_year(cal_days(2026, 1, 1)), 2026);
        ck_assert_int_eq(cal_iso_week(cal_days(2021, 1, 1)), 53);
        ck_assert_int_eq(cal_iso_year(cal_days(2021, 1, 1)), 2020);
        ck_assert_int_eq(cal_iso_week(cal_days(2026, 11, 23)), 48);
        ck_assert_int_eq(cal_iso_week(cal_days(2024, 12, 30)), 1);
        ck_assert_int_eq(cal_iso_year(cal_days(2024, 12, 30)), 2025);
        ck_assert_int_eq(cal_iso_week(cal_days(2020, 12, 31)), 53);
        ck_assert_int_eq(cal_iso_week(cal_days(2027, 1, 3)), 53); /* a Sunday of 2026's W53 */
        ck_assert_int_eq(cal_iso_year(cal_days(2027, 1, 3)), 2026);
        ck_assert_int_eq(cal_iso_week(cal_days(2027, 1, 4)), 1);
}
END_TEST

START_TEST(day_and_month_names)
{
        ck_assert_int_eq(cal_weekday_named("mo"), 0);
        ck_assert_int_eq(cal_weekday_named("sunday"), 6);
        ck_assert_int_eq(cal_weekday_named("mercredi"), 2);
        ck_assert_int_eq(cal_weekday_named("ve"), 4);
        ck_assert_int_eq(cal_weekday_named("mar"), -1); /* March, not mardi */
        ck_assert_int_eq(cal_month_named("mar"), 3);
        ck_assert_int_eq(cal_month_named("december"), 12);
        ck_assert_int_eq(cal_month_named("jan"), 1);
        ck_assert_int_eq(cal_month_named("mo"), -1);
        ck_assert_int_eq(cal_weekday_named(""), -1);
}
END_TEST

START_TEST(local_time_in_another_zone)
{
        struct clock_zone z;
        char out[32];
        time_t t;

        clock_parse("2026-11-23T10:00:00+01:00", &t);
        clock_zone_enter(&z, "Pacific/Noumea");
        ck_assert(z.changed);
        clock_format_iso(t, out);
        ck_assert_str_eq(out, "2026-11-23T20:00:00+11:00");
        clock_zone_leave(&z);
        clock_format_iso(t, out);
        ck_assert_str_eq(out, "2026-11-23T10:00:00+01:00");
        ck_assert_str_eq(getenv("TZ"), "Europe/Paris");
        clock_zone_enter(&z, "Europe/Paris"); /* the zone in use: nothing to do */
        ck_assert(!z.changed);
        clock_zone_leave(&z);
        clock_zone_enter(&z, "Nowhere/Atlantis");
        ck_assert(!z.changed);
        clock_zone_leave(&z);
        clock_zone_enter(&z, NULL);
        ck_assert(!z.changed);
        ck_assert_str_eq(clock_zone_current(), "Europe/Paris");
}
END_TEST

START_TEST(aidant_now_fixes_the_clock)
{
        setenv("AIDANT_NOW", "2025-01-01T00:00:00Z", 1);
        ck_assert_int_eq((long)clock_now(), 1735689600L);
        unsetenv("AIDANT_NOW");
}
END_TEST

int main(void)
{
        Suite *s = suite_create("clock");
        TCase *tc = tcase_create("clock");
        SRunner *sr;
        int failed;

        setenv("TZ", "Europe/Paris", 1);
        tcase_add_test(tc, parses_iso_and_french_dates);
        tcase_add_test(tc, parses_times_with_and_without_zone);
        tcase_add_test(tc, durations_follow_the_calendar);
        tcase_add_test(tc, calendar_arithmetic_on_day_numbers);
        tcase_add_test(tc, iso_weeks_belong_to_the_year_of_their_thursday);
        tcase_add_test(tc, day_and_month_names);
        tcase_add_test(tc, local_time_in_another_zone);
        tcase_add_test(tc, aidant_now_fixes_the_clock);
        suite_add_tcase(s, tc);
        sr = srunner_create(s);
        srunner_run_all(sr, CK_NORMAL);
        failed = srunner_ntests_failed(sr);
        srunner_free(sr);
        return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
