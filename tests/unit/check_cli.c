/* Command dispatch as a user meets it: global options, the command table, help,
 * usage errors (exit 64), option parsing, the share folder and a full stdout (74).
 * Each run is a child process, since cli_run closes stdout and exits on errors. */
#include "cli.h"
#include "msg.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static int cmd_echo(int argc, char **argv, struct ctx *ctx)
{
        static const struct option opts[] = {
            {"count", required_argument, NULL, 'c'},
            {"loud", no_argument, NULL, 'l'},
            {NULL, 0, NULL, 0},
        };
        long count = 1;
        int c;

        printf("argc=%d argv0=%s home=%s format=%s quiet=%d\n", argc, argv[0], ctx->home,
               fmt_name(ctx->format), ctx->quiet);
        while ((c = cli_getopt(ctx, argc, argv, opts)) != -1)
                if (c == 'c')
                        count = cli_number(ctx, "--count", optarg, 1, 5);
        for (long i = 0; i < count; i++)
                printf("echo %s\n", optind < argc ? argv[optind] : "-");
        return 0;
}

static int cmd_fail(int argc, char **argv, struct ctx *ctx)
{
        return 65;
}

static const struct command commands[] = {
    {"echo", cmd_echo, "[--count <n>] [<word>]", "repeat a word", "  --count <n>  times\n"},
    {"fail", cmd_fail, "", "always fails with 65", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static const struct tool tool = {"aidant-test", "A tool for the tests.", commands};

static char tmpdir[64];
static char out_path[96], err_path[96];
static char out_buf[4096], err_buf[4096];

static void slurp(const char *path, char *buf, size_t cap)
{
        FILE *fp = fopen(path, "r");
        size_t n;

        ck_assert_ptr_nonnull(fp);
        n = fread(buf, 1, cap - 1, fp);
        buf[n] = '\0';
        fclose(fp);
}

/* Runs cli_run in a child with the NULL-terminated arguments, stdout to out (NULL: a
 * file read back into out_buf), stderr into err_buf. Returns the exit status. */
static int run_argv(const char *out, char **args)
{
        char *argv[16];
        int argc = 0, st;
        pid_t pid;

        argv[argc++] = "aidant-test";
        while (argc < 15 && args[argc - 1] != NULL) {
                argv[argc] = args[argc - 1];
                argc++;
        }
        argv[argc] = NULL;
        fflush(NULL);
        pid = fork();
        ck_assert_int_ge(pid, 0);
        if (pid == 0) {
                if (freopen(out != NULL ? out : out_path, "w", stdout) == NULL ||
                    freopen(err_path, "w", stderr) == NULL)
                        _exit(99);
                exit(cli_run(&tool, argc, argv));
        }
        ck_assert_int_eq(waitpid(pid, &st, 0), pid);
        ck_assert(WIFEXITED(st));
        slurp(out_path, out_buf, sizeof(out_buf));
        slurp(err_path, err_buf, sizeof(err_buf));
        return WEXITSTATUS(st);
}

#define run_to(out, ...) run_argv(out, (char *[]){__VA_ARGS__, NULL})
#define run(...)         run_to(NULL, __VA_ARGS__)

static void setup(void)
{
        strcpy(tmpdir, "/tmp/check_cli.XXXXXX");
        ck_assert_ptr_nonnull(mkdtemp(tmpdir));
        snprintf(out_path, sizeof(out_path), "%s/out", tmpdir);
        snprintf(err_path, sizeof(err_path), "%s/err", tmpdir);
        fclose(fopen(out_path, "w"));
        setenv("AIDANT_HOME", "/tmp/aidant-home-test", 1);
        setenv("LANG", "C", 1);
        unsetenv("LC_ALL");
        unsetenv("LANGUAGE");
}

static void teardown(void)
{
        unlink(out_path);
        unlink(err_path);
        rmdir(tmpdir);
}

START_TEST(dispatches_with_the_command_as_argv0)
{
        ck_assert_int_eq(run("echo", "bonjour"), 0);
        /* stdout is not a terminal: json by default */
        ck_assert_str_eq(out_buf, "argc=2 argv0=echo home=/tmp/aidant-home-test format=json "
                                  "quiet=0\necho bonjour\n");
        ck_assert_str_eq(err_buf, "");
}
END_TEST

START_TEST(returns_the_command_exit_code)
{
        ck_assert_int_eq(run("fail"), 65);
}
END_TEST

START_TEST(global_options_before_the_command)
{
        ck_assert_int_eq(run("--home", "/x/h", "--format=csv", "-q", "echo"), 0);
        ck_assert_str_eq(out_buf, "argc=1 argv0=echo home=/x/h format=csv quiet=1\necho -\n");
        ck_assert_int_eq(run("--home=/y", "--format", "yaml", "echo"), 0);
        ck_assert_str_eq(out_buf, "argc=1 argv0=echo home=/y format=yaml quiet=0\necho -\n");
}
END_TEST

START_TEST(home_defaults_to_xdg_data_home)
{
        unsetenv("AIDANT_HOME");
        setenv("XDG_DATA_HOME", "/data/xdg", 1);
        ck_assert_int_eq(run("echo"), 0);
        ck_assert_ptr_nonnull(strstr(out_buf, "home=/data/xdg/aidant "));
        unsetenv("XDG_DATA_HOME");
        setenv("HOME", "/home/marie", 1);
        ck_assert_int_eq(run("echo"), 0);
        ck_assert_ptr_nonnull(strstr(out_buf, "home=/home/marie/.local/share/aidant "));
}
END_TEST

START_TEST(no_home_at_all_is_a_config_error)
{
        unsetenv("AIDANT_HOME");
        unsetenv("XDG_DATA_HOME");
        unsetenv("HOME");
        ck_assert_int_eq(run("echo"), 78);
        ck_assert_str_eq(err_buf,
                         "aidant-test: error: no home folder: set HOME, AIDANT_HOME or --home\n");
}
END_TEST

START_TEST(help_for_a_command)
{
        ck_assert_int_eq(run("help", "echo"), 0);
        ck_assert_str_eq(out_buf, "usage: aidant-test echo [--count <n>] [<word>]\n\nrepeat a "
                                  "word\n\n  --count <n>  times\n");
        ck_assert_int_eq(run("echo", "--count", "2", "--help"), 0);
        ck_assert_ptr_nonnull(strstr(out_buf, "usage: aidant-test echo "));
        ck_assert_ptr_null(strstr(out_buf, "echo -")); /* the command did not run */
        ck_assert_int_eq(run("help"), 0);
        ck_assert_ptr_nonnull(strstr(out_buf, "  fail             always fails with 65\n"));
        ck_assert_int_eq(run("--help"), 0);
        ck_assert_ptr_nonnull(strstr(out_buf, "A tool for the tests."));
        ck_assert_int_eq(run("--version"), 0);
        ck_assert_int_eq(strncmp(out_buf, "aidant-test ", 12), 0);
}
END_TEST

START_TEST(help_of_an_unknown_command_exits_64)
{
        ck_assert_int_eq(run("help", "nope"), 64);
        ck_assert_ptr_nonnull(strstr(err_buf, "error: unknown command 'nope'\n"));
}
END_TEST

START_TEST(no_command_is_a_usage_error)
{
        ck_assert_int_eq(run_argv(NULL, (char *[]){NULL}), 64);
        ck_assert_ptr_nonnull(strstr(err_buf, "commands:"));
        ck_assert_str_eq(out_buf, "");
}
END_TEST

START_TEST(unknown_command_exits_64)
{
        ck_assert_int_eq(run("frobnicate"), 64);
        ck_assert_str_eq(err_buf, "aidant-test: error: unknown command 'frobnicate'\n"
                                  "usage: aidant-test [--home <dir>] [--format <format>] "
                                  "[--quiet] <command> [<args>]\n");
}
END_TEST

START_TEST(bad_global_options_exit_64)
{
        ck_assert_int_eq(run("--format", "xml", "echo"), 64);
        ck_assert_ptr_nonnull(strstr(err_buf, "error: unknown format 'xml'\n"));
        ck_assert_int_eq(run("--format"), 64);
        ck_assert_ptr_nonnull(strstr(err_buf, "error: option '--format' needs a value\n"));
        ck_assert_int_eq(run("--frob", "echo"), 64);
        ck_assert_ptr_nonnull(strstr(err_buf, "error: unknown option '--frob'\n"));
}
END_TEST

START_TEST(bad_command_options_exit_64)
{
        ck_assert_int_eq(run("echo", "--loudest"), 64);
        ck_assert_str_eq(err_buf, "aidant-test: error: unknown option '--loudest'\n"
                                  "usage: aidant-test echo [--count <n>] [<word>]\n");
        ck_assert_int_eq(run("echo", "--count"), 64);
        ck_assert_ptr_nonnull(strstr(err_buf, "error: option '--count' needs a value\n"));
        ck_assert_int_eq(run("echo", "--count", "9"), 64);
        ck_assert_ptr_nonnull(strstr(err_buf, "error: --count: '9' is not a number from 1 to 5\n"));
        ck_assert_int_eq(run("echo", "--count", "2x"), 64);
        ck_assert_int_eq(run("echo", "--count", ""), 64);
}
END_TEST

START_TEST(numbers_within_range)
{
        ck_assert_int_eq(run("echo", "--count", "3", "a"), 0);
        ck_assert_ptr_nonnull(strstr(out_buf, "\necho a\necho a\necho a\n"));
        ck_assert_int_eq(run("echo", "-c", "2", "--loud", "b"), 0);
        ck_assert_ptr_nonnull(strstr(out_buf, "\necho b\necho b\n"));
        ck_assert_int_eq(run("echo", "--count=5"), 0);
        ck_assert_ptr_nonnull(strstr(out_buf, "echo -\necho -\necho -\necho -\necho -\n"));
}
END_TEST

START_TEST(full_stdout_is_an_io_error)
{
        ck_assert_int_eq(run_to("/dev/full", "echo", "x"), 74);
        ck_assert_ptr_nonnull(strstr(err_buf, "aidant-test: error: cannot write the output: "));
        ck_assert_int_eq(run_to("/dev/full", "--version"), 74);
        ck_assert_int_eq(run_to("/dev/full", "--help"), 74);
        ck_assert_int_eq(run_to("/dev/full", "help", "echo"), 74);
}
END_TEST

START_TEST(share_path_honours_aidant_share)
{
        char *p;

        setenv("AIDANT_SHARE", "/opt/share/aidant", 1);
        p = cli_share_path("demo/run.sh");
        ck_assert_str_eq(p, "/opt/share/aidant/demo/run.sh");
        free(p);
        unsetenv("AIDANT_SHARE");
        p = cli_share_path("x");
        ck_assert_int_eq(p[0], '/'); /* the compiled-in prefix */
        ck_assert_ptr_nonnull(strstr(p, "/share/aidant/x"));
        free(p);
}
END_TEST

int main(void)
{
        Suite *s = suite_create("cli");
        TCase *tc = tcase_create("cli");
        SRunner *sr;
        int failed;

        tcase_add_checked_fixture(tc, setup, teardown);
        tcase_add_test(tc, dispatches_with_the_command_as_argv0);
        tcase_add_test(tc, returns_the_command_exit_code);
        tcase_add_test(tc, global_options_before_the_command);
        tcase_add_test(tc, home_defaults_to_xdg_data_home);
        tcase_add_test(tc, no_home_at_all_is_a_config_error);
        tcase_add_test(tc, help_for_a_command);
        tcase_add_test(tc, help_of_an_unknown_command_exits_64);
        tcase_add_test(tc, no_command_is_a_usage_error);
        tcase_add_test(tc, unknown_command_exits_64);
        tcase_add_test(tc, bad_global_options_exit_64);
        tcase_add_test(tc, bad_command_options_exit_64);
        tcase_add_test(tc, numbers_within_range);
        tcase_add_test(tc, full_stdout_is_an_io_error);
        tcase_add_test(tc, share_path_honours_aidant_share);
        suite_add_tcase(s, tc);
        sr = srunner_create(s);
        srunner_run_all(sr, CK_NORMAL);
        failed = srunner_ntests_failed(sr);
        srunner_free(sr);
        return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
