/* Guarded memory: usable to its last byte, distinct per call, and the page after it
 * is a guard that stops an overflow. */
#include "guarded.h"

#include <check.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

START_TEST(gives_distinct_usable_blocks)
{
        unsigned char *a = guarded_alloc(100), *b = guarded_alloc(100);

        ck_assert_ptr_nonnull(a);
        ck_assert_ptr_ne(a, b);
        memset(a, 0xa5, 100);
        memset(b, 0x5a, 100);
        ck_assert_int_eq(a[0], 0xa5);
        ck_assert_int_eq(a[99], 0xa5);
        ck_assert_int_eq(b[99], 0x5a);
        guarded_free(a);
        guarded_free(b);
        guarded_free(NULL);
}
END_TEST

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#endif

#ifndef UNDER_ASAN
/* An overflow past the end lands on the guard page. AddressSanitizer turns the fault
 * into its own report and exit, so this one runs without it. */
START_TEST(overflow_hits_the_guard_page)
{
        volatile unsigned char *p = guarded_alloc(4096);

        for (size_t i = 0; i < 8192; i++)
                p[i] = 1;
}
END_TEST
#endif

int main(void)
{
        Suite *s = suite_create("guarded");
        TCase *tc = tcase_create("guarded");
        SRunner *sr;
        int failed;

        tcase_add_test(tc, gives_distinct_usable_blocks);
#ifndef UNDER_ASAN
        tcase_add_test_raise_signal(tc, overflow_hits_the_guard_page, SIGSEGV);
#endif
        suite_add_tcase(s, tc);
        sr = srunner_create(s);
        srunner_run_all(sr, CK_NORMAL);
        failed = srunner_ntests_failed(sr);
        srunner_free(sr);
        return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
