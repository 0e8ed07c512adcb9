/* Secrets read from a descriptor: one per line, newline dropped, empty refused. */
#include "secret.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int pipe_with(const char *text)
{
        int fds[2];

        ck_assert_int_eq(pipe(fds), 0);
        ck_assert_int_eq(write(fds[1], text, strlen(text)), (ssize_t)strlen(text));
        close(fds[1]);
        return fds[0];
}

START_TEST(reads_successive_lines_from_one_fd)
{
        struct secret_src src = SECRET_SRC_INIT;
        struct secret *a, *b;

        src.fd = pipe_with("correct horse\r\nbattery staple\n");
        a = secret_read(&src, "", 0);
        b = secret_read(&src, "", 0);
        ck_assert_str_eq(a->buf, "correct horse");
        ck_assert_int_eq(a->len, 13);
        ck_assert_str_eq(b->buf, "battery staple");
        secret_free(a);
        secret_free(b);
        close(src.fd);
}
END_TEST

START_TEST(reads_a_file_without_newline)
{
        struct secret_src src = SECRET_SRC_INIT;
        char path[] = "/tmp/check_secret_XXXXXX";
        int fd = mkstemp(path);
        struct secret *s;

        ck_assert_int_eq(write(fd, "mot de passe", 12), 12);
        close(fd);
        src.file = path;
        s = secret_read(&src, "", 0);
        ck_assert_str_eq(s->buf, "mot de passe");
        secret_free(s);
        unlink(path);
}
END_TEST

START_TEST(options_name_the_source)
{
        struct secret_src src = SECRET_SRC_INIT;

        ck_assert_int_eq(secret_option(&src, SECRET_OPT_FD, "3"), 1);
        ck_assert_int_eq(src.fd, 3);
        ck_assert_int_eq(secret_option(&src, SECRET_OPT_FILE, "/tmp/pass"), 1);
        ck_assert_str_eq(src.file, "/tmp/pass");
        ck_assert_int_eq(secret_option(&src, 'o', "x"), 0);
}
END_TEST

START_TEST(empty_secret_exits_65)
{
        struct secret_src src = SECRET_SRC_INIT;

        src.fd = pipe_with("\n");
        secret_read(&src, "", 0);
}
END_TEST

START_TEST(bad_fd_argument_exits_64)
{
        secret_fd_arg("three");
}
END_TEST

int main(void)
{
        Suite *s = suite_create("secret");
        TCase *tc = tcase_create("secret");
        SRunner *sr;
        int failed;

        tcase_add_test(tc, reads_successive_lines_from_one_fd);
        tcase_add_test(tc, reads_a_file_without_newline);
        tcase_add_test(tc, options_name_the_source);
        tcase_add_exit_test(tc, empty_secret_exits_65, 65);
        tcase_add_exit_test(tc, bad_fd_argument_exits_64, 64);
        suite_add_tcase(s, tc);
        sr = srunner_create(s);
        srunner_run_all(sr, CK_NORMAL);
        failed = srunner_ntests_failed(sr);
        srunner_free(sr);
        return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
