/* strbuf: appends, formats and joins what it is given, whatever the length. */
#include "strbuf.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

START_TEST(appends_formats_and_joins)
{
        struct strbuf sb = STRBUF_INIT;
        const char *items[] = {"a", "b", "c"};
        size_t len;
        char *s;

        ck_assert_str_eq(strbuf_str(&sb), "");
        strbuf_addstr(&sb, "lieu ");
        strbuf_addf(&sb, "%d/%s", 42, "x");
        strbuf_addch(&sb, ' ');
        strbuf_join(&sb, items, 3, "|");
        ck_assert_str_eq(strbuf_str(&sb), "lieu 42/x a|b|c");
        strbuf_reset(&sb);
        ck_assert_str_eq(strbuf_str(&sb), "");
        strbuf_add(&sb, "ab\0cd", 5);
        s = strbuf_detach(&sb, &len);
        ck_assert_uint_eq(len, 5);
        ck_assert_int_eq(memcmp(s, "ab\0cd", 6), 0);
        ck_assert_ptr_null(sb.buf);
        free(s);
}
END_TEST

START_TEST(grows_past_many_doublings)
{
        struct strbuf sb = STRBUF_INIT;

        for (int i = 0; i < 100000; i++)
                strbuf_addf(&sb, "%05d", i);
        ck_assert_uint_eq(sb.len, 500000);
        ck_assert_int_eq(strncmp(sb.buf + 499995, "99999", 5), 0);
        ck_assert_int_eq(sb.buf[sb.len], '\0');
        strbuf_release(&sb);
}
END_TEST

int main(void)
{
        Suite *s = suite_create("strbuf");
        TCase *tc = tcase_create("strbuf");
        SRunner *sr;
        int failed;

        tcase_add_test(tc, appends_formats_and_joins);
        tcase_add_test(tc, grows_past_many_doublings);
        suite_add_tcase(s, tc);
        sr = srunner_create(s);
        srunner_run_all(sr, CK_NORMAL);
        failed = srunner_ntests_failed(sr);
        srunner_free(sr);
        return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
