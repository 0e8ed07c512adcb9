/* SQLite stores: creation with WAL and a private file, migrations kept in order,
 * transactions all or nothing, and the exit codes a user sees (75 busy, 78 too new). */
#include "cli.h"
#include "msg.h"
#include "xalloc.h"
#include "store.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *const v2[] = {
    "CREATE TABLE person (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)",
    "ALTER TABLE person ADD COLUMN town TEXT",
};
static const struct store_schema schema1 = {v2, 1};
static const struct store_schema schema2 = {v2, 2};

static char base[64];
static char home[96];
static const char *home_dir;

static void setup_run(void)
{
        strcpy(base, "/tmp/check_store.XXXXXX");
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
        snprintf(home, sizeof(home), "%s/h.XXXXXX", base);
        ck_assert_ptr_nonnull(mkdtemp(home));
        home_dir = home;
        setenv("AIDANT_BUSY_TIMEOUT", "50", 1);
}

static long one_number(sqlite3 *db, const char *sql)
{
        sqlite3_stmt *st = store_prepare(db, sql);
        long v = store_step(db, st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;

        sqlite3_finalize(st);
        return v;
}

static const char *one_text(sqlite3 *db, const char *sql)
{
        static char buf[64];
        sqlite3_stmt *st = store_prepare(db, sql);

        buf[0] = '\0';
        if (store_step(db, st) == SQLITE_ROW)
                snprintf(buf, sizeof(buf), "%s", (const char *)sqlite3_column_text(st, 0));
        sqlite3_finalize(st);
        return buf;
}

static void add_person(sqlite3 *db, const char *name)
{
        sqlite3_stmt *st = store_prepare(db, "INSERT INTO person (name) VALUES (?)");

        store_bind_text(st, 1, name);
        store_step(db, st);
        sqlite3_finalize(st);
}

/* Runs fn in a child with stderr in a file; returns the exit status and the message. */
static int in_child(void (*fn)(void), char *msg, size_t cap)
{
        char *errf = xasprintf("%s/stderr", home);
        FILE *fp;
        pid_t pid;
        int st;

        fflush(NULL);
        pid = fork();
        if (pid == 0) {
                if (freopen(errf, "w", stderr) == NULL)
                        _exit(99);
                fn();
                exit(0);
        }
        ck_assert_int_eq(waitpid(pid, &st, 0), pid);
        fp = fopen(errf, "r");
        ck_assert_ptr_nonnull(fp);
        msg[fread(msg, 1, cap - 1, fp)] = '\0';
        fclose(fp);
        unlink(errf);
        free(errf);
        return WEXITSTATUS(st);
}

START_TEST(creates_a_private_wal_store)
{
        sqlite3 *db = store_open(home_dir, "test.db", &schema1);
        char *path = xasprintf("%s/test.db", home);
        struct stat st;

        ck_assert_str_eq(one_text(db, "PRAGMA journal_mode"), "wal");
        ck_assert_int_eq(one_number(db, "PRAGMA synchronous"), 2); /* FULL */
        ck_assert_int_eq(one_number(db, "PRAGMA user_version"), 1);
        ck_assert_int_eq(stat(path, &st), 0);
        ck_assert_int_eq(st.st_mode & 0777, 0600);
        store_close(db);
        free(path);
}
END_TEST

START_TEST(migrates_and_keeps_the_data)
{
        sqlite3 *db = store_open(home_dir, "test.db", &schema1);

        add_person(db, "Mme Martin");
        store_close(db);
        db = store_open(home_dir, "test.db", &schema2);
        ck_assert_int_eq(one_number(db, "PRAGMA user_version"), 2);
        ck_assert_int_eq(one_number(db, "SELECT count(*) FROM person WHERE town IS NULL"), 1);
        store_close(db);
        db = store_open(home_dir, "test.db", &schema2); /* up to date: nothing to run */
        ck_assert_int_eq(one_number(db, "SELECT count(*) FROM person"), 1);
        store_close(db);
}
END_TEST

static void open_with_old_program(void)
{
        store_open(home_dir, "test.db", &schema1);
}

START_TEST(a_newer_store_is_a_config_error)
{
        char msg[512];

        store_close(store_open(home_dir, "test.db", &schema2));
        ck_assert_int_eq(in_child(open_with_old_program, msg, sizeof(msg)), EX_CONFIG);
        ck_assert_ptr_nonnull(strstr(msg, "error: "));
        ck_assert_ptr_nonnull(strstr(msg, "test.db: made by a newer version of this program "
                                          "(schema 2)\n"));
}
END_TEST

START_TEST(open_existing_does_not_create)
{
        char *path = xasprintf("%s/test.db", home);
        sqlite3 *db;

        ck_assert_ptr_null(store_open_existing(home_dir, "test.db", &schema1));
        ck_assert_int_eq(access(path, F_OK), -1);
        store_close(store_open(home_dir, "test.db", &schema1));
        db = store_open_existing(home_dir, "test.db", &schema1);
        ck_assert_ptr_nonnull(db);
        store_close(db);
        free(path);
}
END_TEST

START_TEST(rollback_leaves_the_store_as_before)
{
        sqlite3 *db = store_open(home_dir, "test.db", &schema1);

        store_begin(db);
        add_person(db, "A");
        store_commit(db);
        store_begin(db);
        add_person(db, "B");
        add_person(db, "C");
        store_rollback(db);
        ck_assert_int_eq(one_number(db, "SELECT count(*) FROM person"), 1);
        ck_assert_str_eq(one_text(db, "SELECT name FROM person"), "A");
        store_close(db);
}
END_TEST

static void begin_while_locked(void)
{
        sqlite3 *db = store_open(home_dir, "test.db", &schema1);

        store_begin(db);
}

START_TEST(a_locked_store_exits_75)
{
        sqlite3 *db = store_open(home_dir, "test.db", &schema1);
        char msg[512];

        store_begin(db);
        add_person(db, "holder");
        ck_assert_int_eq(in_child(begin_while_locked, msg, sizeof(msg)), EX_TEMPFAIL);
        ck_assert_ptr_nonnull(strstr(msg, "the store is in use by another command, try again\n"));
        store_commit(db);
        store_close(db);
}
END_TEST

static void open_garbage(void)
{
        store_open(home_dir, "test.db", &schema1);
}

START_TEST(a_damaged_store_exits_65)
{
        char *path = xasprintf("%s/test.db", home);
        FILE *fp = fopen(path, "w");
        char msg[512];

        for (int i = 0; i < 512; i++)
                fputs("not a database ", fp);
        fclose(fp);
        ck_assert_int_eq(in_child(open_garbage, msg, sizeof(msg)), EX_DATAERR);
        ck_assert_ptr_nonnull(strstr(msg, "the store is damaged"));
        free(path);
}
END_TEST

static void open_in_a_file(void)
{
        char *file = xasprintf("%s/plain", home);

        fclose(fopen(file, "w"));
        home_dir = file;
        store_open(home_dir, "test.db", &schema1);
}

START_TEST(an_impossible_home_exits_73)
{
        char msg[512];

        ck_assert_int_eq(in_child(open_in_a_file, msg, sizeof(msg)), EX_CANTCREAT);
        ck_assert_ptr_nonnull(strstr(msg, "plain"));
}
END_TEST

static void duplicate_name(void)
{
        sqlite3 *db = store_open(home_dir, "test.db", &schema1);

        add_person(db, "twice");
        add_person(db, "twice");
}

START_TEST(a_constraint_error_is_internal)
{
        char msg[512];

        ck_assert_int_eq(in_child(duplicate_name, msg, sizeof(msg)), EX_SOFTWARE);
        ck_assert_ptr_nonnull(strstr(msg, "UNIQUE constraint failed"));
}
END_TEST

START_TEST(binds_null_for_missing_text)
{
        sqlite3 *db = store_open(home_dir, "test.db", &schema2);
        sqlite3_stmt *st = store_prepare(db, "INSERT INTO person (name, town) VALUES (?, ?)");

        store_bind_text(st, 1, "Léa");
        store_bind_text(st, 2, NULL);
        ck_assert_int_eq(store_step(db, st), SQLITE_DONE);
        sqlite3_finalize(st);
        ck_assert_int_eq(one_number(db, "SELECT count(*) FROM person WHERE town IS NULL"), 1);
        ck_assert_str_eq(one_text(db, "SELECT name FROM person"), "Léa");
        store_close(db);
}
END_TEST

int main(void)
{
        Suite *s = suite_create("store");
        TCase *tc = tcase_create("store");
        SRunner *sr;
        int failed;

        tcase_set_timeout(tc, 30);
        tcase_add_unchecked_fixture(tc, setup_run, teardown_run);
        tcase_add_checked_fixture(tc, setup, NULL);
        tcase_add_test(tc, creates_a_private_wal_store);
        tcase_add_test(tc, migrates_and_keeps_the_data);
        tcase_add_test(tc, a_newer_store_is_a_config_error);
        tcase_add_test(tc, open_existing_does_not_create);
        tcase_add_test(tc, rollback_leaves_the_store_as_before);
        tcase_add_test(tc, a_locked_store_exits_75);
        tcase_add_test(tc, a_damaged_store_exits_65);
        tcase_add_test(tc, an_impossible_home_exits_73);
        tcase_add_test(tc, a_constraint_error_is_internal);
        tcase_add_test(tc, binds_null_for_missing_text);
        suite_add_tcase(s, tc);
        sr = srunner_create(s);
        srunner_run_all(sr, CK_NORMAL);
        failed = srunner_ntests_failed(sr);
        srunner_free(sr);
        return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
