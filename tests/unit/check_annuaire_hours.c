/* opening_hours: every supported construct, the typos of real lists, what is refused,
 * public holidays (Alsace-Moselle included) and the DST changes of Europe/Paris. */
#include "clock.h"
#include "ohours.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "open until <ISO>", "closed until <ISO>", "unknown until <ISO>", "open", "closed",
 * "unknown" (no change within the horizon) or "not evaluable": one string per assertion
 * keeps tests readable. */
static const char *state_name(enum ohours_state st)
{
        return st == OH_OPEN ? "open" : st == OH_CLOSED ? "closed" : "unknown";
}

static const char *eval(const char *spec, const char *when, const char *insee)
{
        static char out[128];
        struct ohours *oh = ohours_parse(spec, NULL);
        time_t t, next;
        enum ohours_state st;
        char iso[32];

        ck_assert_int_eq(clock_parse(when, &t), 0);
        if (oh == NULL)
                return "not evaluable";
        st = ohours_state_at(oh, t, insee, &next);
        ohours_free(oh);
        ck_assert_int_eq(st, ohours_open_at(spec, t, insee));
        if (next == 0)
                return state_name(st);
        clock_format_iso(next, iso);
        snprintf(out, sizeof(out), "%s until %s", state_name(st), iso);
        return out;
}

static void refused(const char *spec)
{
        const char *why = NULL;
        struct ohours *oh = ohours_parse(spec, &why);

        ck_assert_msg(oh == NULL, "'%s' should not be evaluable", spec);
        ck_assert_msg(why != NULL, "'%s' refused without a reason", spec);
        ck_assert_int_eq(ohours_open_at(spec, 0, NULL), OH_UNKNOWN);
}

/* 2026-11-23 is a Monday. */
START_TEST(weekday_ranges_and_several_time_ranges)
{
        const char *s = "Mo-Fr 09:00-12:00,14:00-17:30";

        ck_assert_str_eq(eval(s, "2026-11-23T10:30", NULL), "open until 2026-11-23T12:00:00+01:00");
        ck_assert_str_eq(eval(s, "2026-11-23T12:00", NULL),
                         "closed until 2026-11-23T14:00:00+01:00");
        ck_assert_str_eq(eval(s, "2026-11-23T08:59:59", NULL),
                         "closed until 2026-11-23T09:00:00+01:00");
        ck_assert_str_eq(eval(s, "2026-11-27T17:30", NULL),
                         "closed until 2026-11-30T09:00:00+01:00");
        ck_assert_str_eq(eval(s, "2026-11-28T11:00", NULL),
                         "closed until 2026-11-30T09:00:00+01:00");
}
END_TEST

START_TEST(weekday_lists_and_wrapping_ranges)
{
        ck_assert_str_eq(eval("Mo,We 10:00-11:00", "2026-11-24T10:30", NULL),
                         "closed until 2026-11-25T10:00:00+01:00");
        ck_assert_str_eq(eval("Sa-Mo 10:00-11:00", "2026-11-29T10:30", NULL),
                         "open until 2026-11-29T11:00:00+01:00");
        ck_assert_str_eq(eval("Sa-Mo 10:00-11:00", "2026-11-25T10:30", NULL),
                         "closed until 2026-11-28T10:00:00+01:00");
        ck_assert_str_eq(eval("Mo", "2026-11-23T23:00", NULL),
                         "open until 2026-11-24T00:00:00+01:00");
}
END_TEST

START_TEST(always_open_and_always_closed)
{
        ck_assert_str_eq(eval("24/7", "2026-11-23T03:00", NULL), "open");
        ck_assert_str_eq(eval("Mo-Su 00:00-24:00", "2026-11-23T03:00", NULL), "open");
        ck_assert_str_eq(eval("off", "2026-11-23T03:00", NULL), "closed");
        ck_assert_str_eq(eval("closed", "2026-11-23T03:00", NULL), "closed");
        ck_assert_str_eq(eval("24/7; Su off", "2026-11-28T12:00", NULL),
                         "open until 2026-11-29T00:00:00+01:00");
}
END_TEST

START_TEST(times_past_midnight)
{
        const char *s = "Fr 22:00-02:00";

        ck_assert_str_eq(eval(s, "2026-11-27T21:00", NULL),
                         "closed until 2026-11-27T22:00:00+01:00");
        ck_assert_str_eq(eval(s, "2026-11-28T01:00", NULL), "open until 2026-11-28T02:00:00+01:00");
        ck_assert_str_eq(eval(s, "2026-11-28T02:00", NULL),
                         "closed until 2026-12-04T22:00:00+01:00");
        ck_assert_str_eq(eval("Mo-Su 18:00-26:00", "2026-11-24T01:30", NULL),
                         "open until 2026-11-24T02:00:00+01:00");
}
END_TEST

START_TEST(later_rules_override_earlier_ones_for_their_days)
{
        const char *s = "Mo-Fr 09:00-17:00; We off; Fr 09:00-12:00";

        ck_assert_str_eq(eval(s, "2026-11-25T10:00", NULL),
                         "closed until 2026-11-26T09:00:00+01:00");
        ck_assert_str_eq(eval(s, "2026-11-27T14:00", NULL),
                         "closed until 2026-11-30T09:00:00+01:00");
        ck_assert_str_eq(eval(s, "2026-11-26T14:00", NULL), "open until 2026-11-26T17:00:00+01:00");
        /* off with times closes those times only */
        ck_assert_str_eq(eval("Mo-Fr 08:00-18:00; We 12:00-14:00 off", "2026-11-25T13:00", NULL),
                         "closed until 2026-11-25T14:00:00+01:00");
}
END_TEST

START_TEST(comma_adds_a_rule_instead_of_replacing)
{
        ck_assert_str_eq(eval("Mo-Fr 09:00-12:00, We 14:00-16:00", "2026-11-25T10:00", NULL),
                         "open until 2026-11-25T12:00:00+01:00");
        ck_assert_str_eq(eval("Mo-Fr 09:00-12:00, We 14:00-16:00", "2026-11-25T15:00", NULL),
                         "open until 2026-11-25T16:00:00+01:00");
        ck_assert_str_eq(eval("Mo-Fr 09:00-12:00; We 14:00-16:00", "2026-11-25T10:00", NULL),
                         "closed until 2026-11-25T14:00:00+01:00");
}
END_TEST

START_TEST(months_and_dates)
{
        const char *s = "Jan-Mar Mo-Fr 09:00-12:00";

        ck_assert_str_eq(eval(s, "2026-02-02T10:00", NULL), "open until 2026-02-02T12:00:00+01:00");
        ck_assert_str_eq(eval(s, "2026-04-01T10:00", NULL), "closed");
        ck_assert_str_eq(
            eval("Jul-Aug Mo-Fr 10:00-12:00; Sep-Jun Mo-Fr 09:00-17:00", "2026-07-15T09:30", NULL),
            "closed until 2026-07-15T10:00:00+02:00");
        ck_assert_str_eq(eval("Mo-Su 09:00-17:00; Dec 24 off", "2026-12-24T10:00", NULL),
                         "closed until 2026-12-25T09:00:00+01:00");
        ck_assert_str_eq(eval("Mo-Su 09:00-17:00; Dec 24-Jan 02 off", "2027-01-01T10:00", NULL),
                         "closed until 2027-01-03T09:00:00+01:00");
        ck_assert_str_eq(eval("Dec 24-26 10:00-11:00", "2026-12-26T10:30", NULL),
                         "open until 2026-12-26T11:00:00+01:00");
        ck_assert_str_eq(eval("Jan,Nov Mo 10:00-11:00", "2026-11-23T10:30", NULL),
                         "open until 2026-11-23T11:00:00+01:00");
        ck_assert_str_eq(eval("2026 Nov 23 10:00-11:00", "2026-11-23T10:30", NULL),
                         "open until 2026-11-23T11:00:00+01:00");
        ck_assert_str_eq(eval("2025-2026 Mo 10:00-11:00", "2027-11-22T10:30", NULL), "closed");
}
END_TEST

START_TEST(weeks_and_nth_weekdays)
{
        /* ISO week 48 of 2026 is even */
        ck_assert_str_eq(eval("week 2-52/2 Mo 09:00-12:00", "2026-11-23T10:00", NULL),
                         "open until 2026-11-23T12:00:00+01:00");
        ck_assert_str_eq(eval("week 1-53/2 Mo 09:00-12:00", "2026-11-23T10:00", NULL),
                         "closed until 2026-11-30T09:00:00+01:00");
        ck_assert_str_eq(eval("Mo[4] 10:00-11:00", "2026-11-23T10:30", NULL),
                         "open until 2026-11-23T11:00:00+01:00");
        ck_assert_str_eq(eval("Mo[-1] 10:00-11:00", "2026-11-23T10:30", NULL),
                         "closed until 2026-11-30T10:00:00+01:00");
        ck_assert_str_eq(eval("Su[1,3] 10:00-11:00", "2026-11-15T10:30", NULL),
                         "open until 2026-11-15T11:00:00+01:00");
}
END_TEST

START_TEST(public_holidays)
{
        const char *s = "Mo-Fr 09:00-12:00; PH off";

        /* 14 May 2026: Ascension, a Thursday */
        ck_assert_str_eq(eval(s, "2026-05-14T10:00", NULL),
                         "closed until 2026-05-15T09:00:00+02:00");
        ck_assert_str_eq(eval(s, "2026-05-13T10:00", NULL), "open until 2026-05-13T12:00:00+02:00");
        /* 25 May 2026: lundi de Pentecôte */
        ck_assert_str_eq(eval(s, "2026-05-22T12:00", NULL),
                         "closed until 2026-05-26T09:00:00+02:00");
        ck_assert_str_eq(eval("Mo-Sa 09:00-18:00; PH 10:00-12:00", "2026-11-11T15:00", NULL),
                         "closed until 2026-11-12T09:00:00+01:00");
        ck_assert_str_eq(eval("Mo-Sa 09:00-18:00; PH 10:00-12:00", "2026-11-11T11:00", NULL),
                         "open until 2026-11-11T12:00:00+01:00");
        ck_assert_str_eq(eval("Sa,PH 10:00-12:00", "2026-12-25T11:00", NULL),
                         "open until 2026-12-25T12:00:00+01:00");
}
END_TEST

START_TEST(alsace_moselle_holidays_follow_the_insee_code)
{
        const char *s = "Mo-Sa 09:00-12:00; PH off";

        /* Vendredi saint 2026: 3 April */
        ck_assert_str_eq(eval(s, "2026-04-03T10:00", "67482"),
                         "closed until 2026-04-04T09:00:00+02:00");
        ck_assert_str_eq(eval(s, "2026-04-03T10:00", "75056"),
                         "open until 2026-04-03T12:00:00+02:00");
        ck_assert_str_eq(eval(s, "2026-04-03T10:00", NULL), "open until 2026-04-03T12:00:00+02:00");
        /* 26 December 2026 is a Saturday */
        ck_assert_str_eq(eval(s, "2026-12-26T10:00", "57463"),
                         "closed until 2026-12-28T09:00:00+01:00");
        ck_assert_str_eq(eval(s, "2026-12-26T10:00", "13055"),
                         "open until 2026-12-26T12:00:00+01:00");
}
END_TEST

START_TEST(dst_changes_in_europe_paris)
{
        const char *s = "Mo-Su 08:00-12:00";

        /* 29 March 2026: 02:00 CET becomes 03:00 CEST */
        ck_assert_str_eq(eval(s, "2026-03-28T13:00", NULL),
                         "closed until 2026-03-29T08:00:00+02:00");
        ck_assert_str_eq(eval("Sa 22:00-04:00", "2026-03-29T01:30", NULL),
                         "open until 2026-03-29T04:00:00+02:00");
        /* 25 October 2026: 03:00 CEST becomes 02:00 CET */
        ck_assert_str_eq(eval(s, "2026-10-24T13:00", NULL),
                         "closed until 2026-10-25T08:00:00+01:00");
        ck_assert_str_eq(eval(s, "2026-10-25T11:59", NULL), "open until 2026-10-25T12:00:00+01:00");
        ck_assert_str_eq(eval("Mo-Su 00:00-24:00", "2026-03-29T02:30Z", NULL), "open");
}
END_TEST

START_TEST(no_change_within_the_horizon)
{
        ck_assert_str_eq(eval("Dec 25 10:00-12:00", "2026-11-23T10:00", NULL), "closed");
        ck_assert_str_eq(eval("Dec 25 10:00-12:00", "2026-12-20T10:00", NULL),
                         "closed until 2026-12-25T10:00:00+01:00");
}
END_TEST

START_TEST(tolerates_what_real_lists_contain)
{
        const char *want = "open until 2026-11-23T12:00:00+01:00";

        ck_assert_str_eq(eval("mo-fr 9h-12h", "2026-11-23T10:00", NULL), want);
        ck_assert_str_eq(eval("MO-FR 09H00-12H00", "2026-11-23T10:00", NULL), want);
        ck_assert_str_eq(eval("Mo-Fr: 09:00 - 12:00", "2026-11-23T10:00", NULL), want);
        ck_assert_str_eq(eval("Mo-Fr 9.00\xe2\x80\x93"
                              "12.00",
                              "2026-11-23T10:00", NULL),
                         want);
        ck_assert_str_eq(eval("Lu-Ve 09:00-12:00", "2026-11-23T10:00", NULL), want);
        ck_assert_str_eq(
            eval("  Mo-Fr\xc2\xa0 09:00-12:00 ;Sa 10:00-12:00;; ", "2026-11-23T10:00", NULL), want);
        ck_assert_str_eq(eval("Mo 09:00-12:00;Tu 09:00-12:00", "2026-11-23T10:00", NULL), want);
        ck_assert_str_eq(eval("Mo-Fr 09:00-12:00 14:00-17:00", "2026-11-23T12:30", NULL),
                         "closed until 2026-11-23T14:00:00+01:00");
        ck_assert_str_eq(eval("Tu-Fr 09:00-12:00; Mo 14-17", "2026-11-23T15:00", NULL),
                         "open until 2026-11-23T17:00:00+01:00");
        ck_assert_str_eq(eval("Mo-Fr 09:00-21:00,09:00-18:00", "2026-11-23T20:00", NULL),
                         "open until 2026-11-23T21:00:00+01:00");
        ck_assert_str_eq(eval("Mo 09:00-12:00 open \"sur rendez-vous\"", "2026-11-23T10:00", NULL),
                         want);
        ck_assert_str_eq(eval("08:00-12:00", "2026-11-29T10:00", NULL),
                         "open until 2026-11-29T12:00:00+01:00");
}
END_TEST

/* Each expectation is what opening_hours.js 3.15 answers (TZ=Europe/Paris). */
START_TEST(evaluates_as_opening_hours_js)
{
        /* a later rule replaces its days, and the part past midnight that ran into them */
        ck_assert_str_eq(eval("Mo-Su 22:00-02:00; Tu off", "2026-11-24T01:00", NULL),
                         "closed until 2026-11-25T00:00:00+01:00");
        ck_assert_str_eq(eval("Mo-Su 22:00-02:00; Tu off", "2026-11-25T01:00", NULL),
                         "open until 2026-11-25T02:00:00+01:00");
        ck_assert_str_eq(eval("Mo-Su 22:00-02:00; Tu off", "2026-11-24T23:00", NULL),
                         "closed until 2026-11-25T00:00:00+01:00");
        /* a rule for every day after one for some days adds to it; after another one for
         * every day, it replaces it */
        ck_assert_str_eq(eval("Fr-Su off; 08:30-12:00", "2026-11-28T10:00", NULL),
                         "open until 2026-11-28T12:00:00+01:00");
        ck_assert_str_eq(eval("Fr-Su off; 08:30-12:00", "2026-11-28T13:00", NULL),
                         "closed until 2026-11-29T08:30:00+01:00");
        ck_assert_str_eq(eval("Mo-Fr 09:00-12:00; 14:00-16:00", "2026-11-23T10:00", NULL),
                         "open until 2026-11-23T12:00:00+01:00");
        ck_assert_str_eq(eval("9h-12h ; 14h-16h", "2026-11-25T10:00", NULL),
                         "closed until 2026-11-25T14:00:00+01:00");
        ck_assert_str_eq(eval("Mo-Fr 09:00-12:00; off", "2026-11-23T10:00", NULL), "closed");
        ck_assert_str_eq(eval("Su off; 24/7", "2026-11-29T10:00", NULL), "open");
        /* a comment without a state, and "unknown", make the state unknown */
        ck_assert_str_eq(eval("Mo-Fr 09:00-12:00 \"sur rendez-vous\"", "2026-11-23T10:00", NULL),
                         "unknown until 2026-11-23T12:00:00+01:00");
        ck_assert_str_eq(eval("Mo-Fr 09:00-12:00 \"sur rendez-vous\"", "2026-11-23T13:00", NULL),
                         "closed until 2026-11-24T09:00:00+01:00");
        ck_assert_str_eq(eval("\"sur rendez-vous\"", "2026-11-23T10:00", NULL), "unknown");
        ck_assert_str_eq(eval("Mo unknown", "2026-11-23T10:00", NULL),
                         "unknown until 2026-11-24T00:00:00+01:00");
        ck_assert_str_eq(
            eval("Mo 10:00-12:00 open \"x\"; Mo 11:00-12:00 off", "2026-11-23T11:30", NULL),
            "closed until 2026-11-30T10:00:00+01:00");
}
END_TEST

START_TEST(comments_are_told)
{
        struct ohours *oh =
            ohours_parse("Mo-Fr 09:00-12:00 \"sur rendez-vous\"; We off \"fermé\"", NULL);
        time_t t;

        ck_assert_ptr_nonnull(oh);
        clock_parse("2026-11-23T10:00", &t);
        ck_assert_str_eq(ohours_comment_at(oh, t, NULL), "sur rendez-vous");
        clock_parse("2026-11-23T13:00", &t);
        ck_assert_ptr_null(ohours_comment_at(oh, t, NULL));
        clock_parse("2026-11-25T10:00", &t);
        ck_assert_str_eq(ohours_comment_at(oh, t, NULL), "fermé");
        ck_assert_int_eq(ohours_state_at(oh, t, NULL, NULL), OH_CLOSED);
        ohours_free(oh);
        refused("Mo \"a\" \"b\"");
}
END_TEST

START_TEST(refuses_what_is_outside_the_subset)
{
        char big[5000];

        refused("");
        refused("   ;  ; ");
        refused("Sa 17:00");
        refused("Mo 08:45-12:00-13:45");
        refused("Mo 10:00+");
        refused("Mo-Fr 08:00-12:00 || SH off");
        refused("SH off");
        refused("sunrise-sunset");
        refused("Mo 10:00-12:00/01:00");
        refused("Lundi au vendredi de 9h à 12h");
        refused("Mo 10:00-12:00 \"unclosed");
        refused("Mo 25:00-26:00");
        refused("Mo 10:60-11:00");
        refused("Feb 30");
        refused("Jan 0");
        refused("week 54");
        refused("week 0-10");
        refused("Mo[6]");
        refused("Mo-");
        refused("Mo Tu");
        refused("Mo 10:00-11:00 12:00");
        refused("Mo off off");
        refused("1850 Mo");
        refused("@");
        memset(big, 'M', sizeof(big) - 1);
        big[sizeof(big) - 1] = '\0';
        refused(big);
}
END_TEST

START_TEST(bounded_size_is_refused_not_crashed)
{
        char *s = malloc(4000);
        size_t n = 0;

        /* 300 rules: more than the parser keeps */
        for (int i = 0; i < 300; i++)
                n += (size_t)sprintf(s + n, "Mo;");
        refused(s);
        /* 33 time ranges in one rule */
        n = (size_t)sprintf(s, "Mo ");
        for (int i = 0; i < 33; i++)
                n += (size_t)sprintf(s + n, "%s00:%02d-00:%02d", i > 0 ? "," : "", i, i + 1);
        refused(s);
        free(s);
}
END_TEST

int main(void)
{
        Suite *s = suite_create("ohours");
        TCase *tc = tcase_create("ohours");
        SRunner *sr;
        int failed;

        setenv("TZ", "Europe/Paris", 1);
        tcase_add_test(tc, weekday_ranges_and_several_time_ranges);
        tcase_add_test(tc, weekday_lists_and_wrapping_ranges);
        tcase_add_test(tc, always_open_and_always_closed);
        tcase_add_test(tc, times_past_midnight);
        tcase_add_test(tc, later_rules_override_earlier_ones_for_their_days);
        tcase_add_test(tc, comma_adds_a_rule_instead_of_replacing);
        tcase_add_test(tc, months_and_dates);
        tcase_add_test(tc, weeks_and_nth_weekdays);
        tcase_add_test(tc, public_holidays);
        tcase_add_test(tc, alsace_moselle_holidays_follow_the_insee_code);
        tcase_add_test(tc, dst_changes_in_europe_paris);
        tcase_add_test(tc, no_change_within_the_horizon);
        tcase_add_test(tc, tolerates_what_real_lists_contain);
        tcase_add_test(tc, evaluates_as_opening_hours_js);
        tcase_add_test(tc, comments_are_told);
        tcase_add_test(tc, refuses_what_is_outside_the_subset);
        tcase_add_test(tc, bounded_size_is_refused_not_crashed);
        suite_add_tcase(s, tc);
        sr = srunner_create(s);
        srunner_run_all(sr, CK_NORMAL);
        failed = srunner_ntests_failed(sr);
        srunner_free(sr);
        return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
