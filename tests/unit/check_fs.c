/* The home folder and files written whole or not at all: what is on disk after a
 * commit, an abort, or a process that dies half-way. */
#include "cli.h"
#include "msg.h"
#include "xalloc.h"
#include "fs.h"

#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* One folder for the run (removed at the end, even after the tests that exit), and
 * one inside it per test. */
static char base[64];
static char dir[96];

static void setup_run(void)
{
        strcpy(base, "/tmp/check_fs.XXXXXX");
        ck_assert_ptr_nonnull(mkdtemp(base));
}

static void teardown_run(void)
{
        char *cmd = xasprintf("rm -rf '%s'", base);

        ck_assert_int_eq(system(cmd), 0);
        free(cmd);
}

static void setup(void)
{
        snprintf(dir, sizeof(dir), "%s/t.XXXXXX", base);
        ck_assert_ptr_nonnull(mkdtemp(dir));
}

static int entries(const char *path)
{
        DIR *d = opendir(path);
        struct dirent *e;
        int n = 0;

        ck_assert_ptr_nonnull(d);
        while ((e = readdir(d)) != NULL)
                if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
                        n++;
        closedir(d);
        return n;
}

static mode_t mode_of(const char *path)
{
        struct stat st;

        ck_assert_int_eq(stat(path, &st), 0);
        return st.st_mode & 07777;
}

START_TEST(mkdirs_creates_parents_private)
{
        char *deep = xasprintf("%s/a/b/c", dir), *mid = xasprintf("%s/a/b", dir);

        fs_mkdirs(deep);
        ck_assert_int_eq(mode_of(deep), 0700);
        ck_assert_int_eq(mode_of(mid), 0700);
        fs_mkdirs(deep); /* already there: fine */
        free(deep);
        free(mid);
}
END_TEST

START_TEST(mkdirs_under_a_file_exits_73)
{
        char *file = xasprintf("%s/plain", dir), *under = xasprintf("%s/plain/sub", dir);

        fclose(fopen(file, "w"));
        fs_mkdirs(under);
}
END_TEST

START_TEST(home_path_creates_the_home)
{
        char *home = xasprintf("%s/home/aidant", dir);
        char *p = fs_home_path(home, "annuaire.db");
        char *want = xasprintf("%s/annuaire.db", home);

        ck_assert_str_eq(p, want);
        ck_assert_int_eq(mode_of(home), 0700);
        free(p);
        free(want);
        free(home);
}
END_TEST

START_TEST(commit_writes_the_whole_file)
{
        char *path = xasprintf("%s/secret.txt", dir);
        struct afile *af = afile_open(path, 0600);
        size_t len;
        char *got;

        fputs("first", af->fp);
        ck_assert_int_eq(access(path, F_OK), -1); /* not visible before the commit */
        ck_assert_int_eq(entries(dir), 1);
        afile_commit(af);
        got = fs_read_file(path, 1024, &len);
        ck_assert_str_eq(got, "first");
        ck_assert_uint_eq(len, 5);
        ck_assert_int_eq(mode_of(path), 0600);
        ck_assert_int_eq(entries(dir), 1); /* no temporary file left */
        free(got);
        af = afile_open(path, 0644);
        fputs("second", af->fp);
        afile_commit(af);
        got = fs_read_file(path, 1024, NULL);
        ck_assert_str_eq(got, "second");
        ck_assert_int_eq(mode_of(path), 0644);
        free(got);
        free(path);
}
END_TEST

START_TEST(abort_leaves_the_old_file)
{
        char *path = xasprintf("%s/list.csv", dir);
        struct afile *af;
        char *got;

        af = afile_open(path, 0644);
        fputs("old", af->fp);
        afile_commit(af);
        af = afile_open(path, 0644);
        fputs("half", af->fp);
        afile_abort(af);
        got = fs_read_file(path, 1024, NULL);
        ck_assert_str_eq(got, "old");
        ck_assert_int_eq(entries(dir), 1);
        free(got);
        free(path);
}
END_TEST

START_TEST(death_removes_the_temporary_file)
{
        char *path = xasprintf("%s/out.json", dir);
        pid_t pid;
        int st;

        fflush(NULL);
        pid = fork();
        if (pid == 0) {
                struct afile *af = afile_open(path, 0600);

                fputs("partial", af->fp);
                fflush(af->fp);
                if (freopen("/dev/null", "w", stderr) == NULL)
                        _exit(99);
                die(EX_DATAERR, "bad record");
        }
        ck_assert_int_eq(waitpid(pid, &st, 0), pid);
        ck_assert_int_eq(WEXITSTATUS(st), EX_DATAERR);
        ck_assert_int_eq(entries(dir), 0);
        free(path);
}
END_TEST

START_TEST(open_in_a_missing_folder_exits_73)
{
        char *path = xasprintf("%s/missing/out.json", dir);

        afile_open(path, 0600);
}
END_TEST

START_TEST(read_file_limits_and_errors)
{
        char *path = xasprintf("%s/big", dir), *missing = xasprintf("%s/none", dir);
        FILE *fp = fopen(path, "w");
        size_t len = 0;
        char *got;

        for (int i = 0; i < 10000; i++)
                fputc('a' + i % 26, fp);
        fclose(fp);
        got = fs_read_file(path, 1 << 20, &len);
        ck_assert_ptr_nonnull(got);
        ck_assert_uint_eq(len, 10000);
        ck_assert_uint_eq(strlen(got), 10000);
        ck_assert_int_eq(got[9999], 'a' + 9999 % 26);
        free(got);
        errno = 0;
        ck_assert_ptr_null(fs_read_file(path, 4096, &len));
        ck_assert_int_eq(errno, EFBIG);
        errno = 0;
        ck_assert_ptr_null(fs_read_file(missing, 4096, &len));
        ck_assert_int_eq(errno, ENOENT);
        free(path);
        free(missing);
}
END_TEST

START_TEST(read_empty_file)
{
        char *path = xasprintf("%s/empty", dir);
        size_t len = 99;
        char *got;

        fclose(fopen(path, "w"));
        got = fs_read_file(path, 4096, &len);
        ck_assert_ptr_nonnull(got);
        ck_assert_uint_eq(len, 0);
        ck_assert_str_eq(got, "");
        free(got);
        free(path);
}
END_TEST

START_TEST(a_device_is_written_in_place)
{
        struct afile *af = afile_open("/dev/null", 0600);
        struct stat st;

        fputs("discarded", af->fp);
        afile_commit(af);
        ck_assert_int_eq(stat("/dev/null", &st), 0);
        ck_assert(S_ISCHR(st.st_mode));
        ck_assert_int_eq(st.st_mode & 0777, 0666);
}
END_TEST

int main(void)
{
        Suite *s = suite_create("fs");
        TCase *tc = tcase_create("fs");
        SRunner *sr;
        int failed;

        tcase_add_unchecked_fixture(tc, setup_run, teardown_run);
        tcase_add_checked_fixture(tc, setup, NULL);
        tcase_add_test(tc, mkdirs_creates_parents_private);
        tcase_add_exit_test(tc, mkdirs_under_a_file_exits_73, EX_CANTCREAT);
        tcase_add_test(tc, home_path_creates_the_home);
        tcase_add_test(tc, commit_writes_the_whole_file);
        tcase_add_test(tc, abort_leaves_the_old_file);
        tcase_add_test(tc, death_removes_the_temporary_file);
        tcase_add_exit_test(tc, open_in_a_missing_folder_exits_73, EX_CANTCREAT);
        tcase_add_test(tc, read_file_limits_and_errors);
        tcase_add_test(tc, read_empty_file);
        tcase_add_test(tc, a_device_is_written_in_place);
        suite_add_tcase(s, tc);
        sr = srunner_create(s);
        srunner_run_all(sr, CK_NORMAL);
        failed = srunner_ntests_failed(sr);
        srunner_free(sr);
        return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
