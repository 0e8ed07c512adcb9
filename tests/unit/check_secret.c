/* Secrets: each kind from its own source, the first line only, newline dropped, empty
 * refused; one descriptor never gives two secrets; no source and no terminal is 64. */
#include "secret.h"
#include "demo.h"

#include <check.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

static int pipe_with(const char *text)
{
        int fds[2];

        ck_assert_int_eq(pipe(fds), 0);
        ck_assert_int_eq(write(fds[1], text, strlen(text)), (ssize_t)strlen(text));
        close(fds[1]);
        return fds[0];
}

START_TEST(each_kind_reads_the_first_line_of_its_own_source)
{
        struct secret_srcs src;
        struct secret *a, *b;
        const char *why;
        char fd_text[16];

        secret_srcs_init(&src);
        snprintf(fd_text, sizeof(fd_text), "%d", pipe_with("correct horse\r\nbattery staple\n"));
        ck_assert_int_eq(secret_option(&src, SECRET_OPT(SECRET_PASSPHRASE), fd_text, &why), 0);
        snprintf(fd_text, sizeof(fd_text), "%d", pipe_with("mot de passe CAF\n"));
        ck_assert_int_eq(secret_option(&src, SECRET_OPT(SECRET_PASSWORD), fd_text, &why), 0);
        b = secret_read(&src, SECRET_PASSWORD, "", 0);
        a = secret_read(&src, SECRET_PASSPHRASE, "", 0);
        ck_assert_str_eq(a->buf, "correct horse");
        ck_assert_int_eq(a->len, 13);
        ck_assert_str_eq(b->buf, "mot de passe CAF");
        secret_free(a);
        secret_free(b);
}
END_TEST

START_TEST(a_file_gives_its_first_line_to_every_read)
{
        struct secret_srcs src;
        char path[] = "/tmp/check_secret_XXXXXX";
        int fd = mkstemp(path);
        struct secret *s;
        const char *why;

        ck_assert_int_eq(write(fd, "mot de passe\nsecond", 19), 19);
        close(fd);
        secret_srcs_init(&src);
        ck_assert_int_eq(secret_option(&src, SECRET_OPT(SECRET_NEW_PASSPHRASE) + 1, path, &why), 0);
        s = secret_read(&src, SECRET_NEW_PASSPHRASE, "", 0);
        ck_assert_str_eq(s->buf, "mot de passe");
        secret_free(s);
        unlink(path);
}
END_TEST

START_TEST(one_descriptor_never_gives_two_secrets)
{
        struct secret_srcs src;
        const char *why = NULL;

        secret_srcs_init(&src);
        ck_assert_int_eq(secret_option(&src, SECRET_OPT(SECRET_PASSPHRASE), "3", &why), 0);
        ck_assert_int_eq(secret_option(&src, SECRET_OPT(SECRET_PASSWORD), "3", &why), -1);
        ck_assert_ptr_nonnull(why);
        ck_assert_int_eq(src.fd[SECRET_PASSWORD], -1);
        ck_assert_int_eq(secret_option(&src, SECRET_OPT(SECRET_PASSWORD), "three", &why), -1);
        ck_assert_str_eq(secret_option_name(SECRET_RECOVERY_CODE), "recovery-code");
}
END_TEST

START_TEST(empty_secret_exits_65)
{
        struct secret_srcs src;

        secret_srcs_init(&src);
        src.fd[SECRET_PASSPHRASE] = pipe_with("\n");
        secret_read(&src, SECRET_PASSPHRASE, "", 0);
}
END_TEST

START_TEST(no_source_and_no_terminal_exits_64)
{
        struct secret_srcs src;

        secret_srcs_init(&src);
        setsid(); /* no controlling terminal: /dev/tty cannot be opened */
        secret_read(&src, SECRET_RECOVERY_CODE, "", 0);
}
END_TEST

START_TEST(the_demo_passphrase_needs_no_source)
{
        struct secret_srcs src;
        struct secret *s;

        secret_srcs_init(&src);
        demo_set(true);
        s = secret_read(&src, SECRET_PASSPHRASE, "", 0);
        ck_assert_str_eq(s->buf, DEMO_PASSPHRASE);
        secret_free(s);
}
END_TEST

START_TEST(a_hardened_process_is_not_dumpable_and_wipes_jansson)
{
        json_t *v;

        secret_harden_process();
        ck_assert_int_eq(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 0);
        v = json_string("mot de passe");
        ck_assert_str_eq(json_string_value(v), "mot de passe");
        json_decref(v);
}
END_TEST

int main(void)
{
        Suite *s = suite_create("secret");
        TCase *tc = tcase_create("secret");
        SRunner *sr;
        int failed;

        tcase_add_test(tc, each_kind_reads_the_first_line_of_its_own_source);
        tcase_add_test(tc, a_file_gives_its_first_line_to_every_read);
        tcase_add_test(tc, one_descriptor_never_gives_two_secrets);
        tcase_add_exit_test(tc, empty_secret_exits_65, 65);
        tcase_add_exit_test(tc, no_source_and_no_terminal_exits_64, 64);
        tcase_add_test(tc, the_demo_passphrase_needs_no_source);
        tcase_add_test(tc, a_hardened_process_is_not_dumpable_and_wipes_jansson);
        suite_add_tcase(s, tc);
        sr = srunner_create(s);
        srunner_run_all(sr, CK_NORMAL);
        failed = srunner_ntests_failed(sr);
        srunner_free(sr);
        return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
