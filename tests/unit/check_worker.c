/* The worker of common/worker.c: jobs run one at a time, in the order given, and what
 * a job wrote is seen once the caller has waited for it. */
#include "worker.h"

#include <check.h>
#include <stdlib.h>

struct tally {
        int runs;
};

static void count(void *arg)
{
        struct tally *t = arg;

        t->runs++;
}

static int seq[1000];

static void record(void *arg)
{
        int *slot = arg;

        *slot = (int)(slot - seq) + 1;
}

START_TEST(jobs_run_in_order_and_are_seen_after_wait)
{
        struct worker *w = worker_start();
        struct tally t = {0};

        for (int i = 0; i < 1000; i++)
                worker_run(w, count, &t);
        worker_wait(w);
        ck_assert_int_eq(t.runs, 1000);
        for (int i = 0; i < 1000; i++)
                worker_run(w, record, &seq[i]);
        worker_stop(w);
        for (int i = 0; i < 1000; i++)
                ck_assert_int_eq(seq[i], i + 1);
}
END_TEST

START_TEST(stop_without_jobs_and_null)
{
        worker_stop(worker_start());
        worker_stop(NULL);
}
END_TEST

int main(void)
{
        Suite *s = suite_create("worker");
        TCase *tc = tcase_create("worker");
        SRunner *sr;
        int failed;

        tcase_add_test(tc, jobs_run_in_order_and_are_seen_after_wait);
        tcase_add_test(tc, stop_without_jobs_and_null);
        suite_add_tcase(s, tc);
        sr = srunner_create(s);
        srunner_run_all(sr, CK_NORMAL);
        failed = srunner_ntests_failed(sr);
        srunner_free(sr);
        return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
