/* Command dispatch as a user meets it: global options, the command table, help,
 * usage errors (exit 64), option parsing, the share folder and a full stdout (74).
 * Each run is a child process, since cli_run closes stdout and exits on errors. */
#include "cli.h"
#include "msg.h"
#include "secret.h"

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

        while ((c = cli_getopt(ctx, argc, argv, opts)) != -1)
                if (c == 'c')
                        count = cli_number(ctx, "--count", optarg, 1, 5);
        printf("argc=%d argv0=%s home=%s format=%s quiet=%d%s\n", argc, argv[0], ctx->home,
               fmt_name(ctx->format), ctx->quiet, ctx->demo ? " demo" : "");
        for (long i = 0; i < count; i++)
                printf("echo %s\n", optind < argc ? argv[optind] : "-");
        return 0;
}

static int cmd_fail(int argc, char **argv, struct ctx *ctx)
{
        return 65;
}

/* Reads the passphrase, then the password, each from its own source. */
static int cmd_secrets(int argc, char **argv, struct ctx *ctx)
{
        struct secret *pass, *pw;

        cli_no_args(ctx, argc, argv);
        pass = secret_read(&ctx->secrets, SECRET_PASSPHRASE, "", 0);
        pw = secret_read(&ctx->secrets, SECRET_PASSWORD, "", 0);
        printf("passphrase=%s password=%s\n", pass->buf, pw->buf);
        secret_free(pass);
        secret_free(pw);
        return 0;
}

static const struct command commands[] = {
    {"echo", cmd_echo, "[--count <n>] [<word>]", "repeat a word", "  --count <n>  times\n", 0},
    {"fail", cmd_fail, "", "always fails with 65", NULL, 0},
    {"secrets", cmd_secrets, "", "print two secrets", NULL, CLI_PASSPHRASE | CLI_PASSWORD},
    {NULL, NULL, NULL, NULL, NULL, 0},
};

static const struct tool tool = {
    .name = "aidant-test", .summary = "A tool for the tests.", .commands = commands};

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

START_TEST(global_options_after_the_command)
{
        ck_assert_int_eq(run("echo", "w", "--format", "csv", "--home", "/z", "-q"), 0);
        ck_assert_str_eq(out_buf, "argc=7 argv0=echo home=/z format=csv quiet=1\necho w\n");
        ck_assert_int_eq(run("echo", "--quiet", "--count", "2", "--format=ndjson"), 0);
        ck_assert_str_eq(out_buf,
                         "argc=5 argv0=echo home=/tmp/aidant-home-test format=ndjson quiet=1\n"
                         "echo -\necho -\n");
}
END_TEST

START_TEST(long_options_are_never_abbreviated)
{
        ck_assert_int_eq(run("echo", "--cou", "2"), 64);
        ck_assert_str_eq(err_buf,
                         "aidant-test: error: unknown option '--cou' (did you mean '--count'?)\n"
                         "try 'aidant-test echo --help'\n");
        ck_assert_int_eq(run("--hom", "/x", "echo"), 64);
        ck_assert_ptr_nonnull(strstr(err_buf, "unknown option '--hom' (did you mean '--home'?)"));
        ck_assert_int_eq(run("echo", "--homework", "/x"), 64);
        ck_assert_ptr_nonnull(strstr(err_buf, "unknown option '--homework'"));
        ck_assert_int_eq(run("echo", "--form=csv"), 64);
        ck_assert_ptr_nonnull(strstr(err_buf, "unknown option '--form'"));
}
END_TEST

START_TEST(each_secret_has_its_own_source)
{
        char pass[128], pw[128];
        FILE *fp;

        snprintf(pass, sizeof(pass), "%s/pass", tmpdir);
        snprintf(pw, sizeof(pw), "%s/pw", tmpdir);
        fp = fopen(pass, "w");
        fputs("phrase de passe\nsecond line\n", fp);
        fclose(fp);
        fp = fopen(pw, "w");
        fputs("mot de passe CAF\n", fp);
        fclose(fp);
        ck_assert_int_eq(run("secrets", "--password-file", pw, "--passphrase-file", pass), 0);
        ck_assert_str_eq(out_buf, "passphrase=phrase de passe password=mot de passe CAF\n");
        ck_assert_int_eq(run("secrets", "--passphrase-fd", "3", "--password-fd", "3"), 64);
        ck_assert_ptr_nonnull(strstr(err_buf, "already gives another secret"));
        ck_assert_int_eq(run("echo", "--password-file", pw), 64); /* not a group of echo */
        unlink(pass);
        unlink(pw);
}
END_TEST

START_TEST(demo_mode_uses_the_sandbox)
{
        char xdg[128], want[256];

        snprintf(xdg, sizeof(xdg), "%s/xdg", tmpdir);
        setenv("XDG_DATA_HOME", xdg, 1);
        ck_assert_int_eq(run("echo", "--demo"), 0);
        snprintf(want, sizeof(want), "home=%s/aidant-demo format=json quiet=0 demo\n", xdg);
        ck_assert_ptr_nonnull(strstr(out_buf, want));
        setenv("AIDANT_DEMO", "1", 1);
        ck_assert_int_eq(run("echo"), 0);
        ck_assert_ptr_nonnull(strstr(out_buf, want));
        ck_assert_int_eq(run("echo", "--home", "/x"), 64);
        ck_assert_ptr_nonnull(strstr(err_buf, "--demo and --home cannot be used together"));
        unsetenv("AIDANT_DEMO");
        ck_assert_int_eq(run("echo", "--reset"), 64);
        ck_assert_ptr_nonnull(strstr(err_buf, "--reset goes with --demo"));
        snprintf(want, sizeof(want), "rm -rf '%s'", xdg);
        ck_assert_int_eq(system(want), 0);
        unsetenv("XDG_DATA_HOME");
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
                                  "word\n\n  --count <n>  times\n\nglobal options (before or "
                                  "after the command): --home <dir>, --demo, --format <format>, "
                                  "--quiet\n");
        ck_assert_int_eq(run("help", "secrets"), 0);
        ck_assert_ptr_nonnull(strstr(out_buf, "  --passphrase-fd <n>, --passphrase-file <file>\n"));
        ck_assert_ptr_nonnull(strstr(out_buf, "  --password-fd <n>, --password-file <file>\n"));
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
                                  "try 'aidant-test --help'\n");
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
                                  "try 'aidant-test echo --help'\n");
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
        tcase_add_test(tc, global_options_after_the_command);
        tcase_add_test(tc, long_options_are_never_abbreviated);
        tcase_add_test(tc, each_secret_has_its_own_source);
        tcase_add_test(tc, demo_mode_uses_the_sandbox);
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
