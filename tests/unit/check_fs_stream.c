/* Large outputs through fs_stream: every byte where it belongs whatever the sizes given
 * and what the file held before (direct writes are block-aligned), to a regular file, a
 * file opened for appending, a pipe and a memory stream; a failed write is reported. */
#include "fs.h"
#include "fs_stream.h"
#include "xalloc.h"

#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[64];

static void setup(void)
{
        strcpy(dir, "/tmp/check_fs_stream.XXXXXX");
        ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void teardown(void)
{
        char *cmd = xasprintf("rm -rf '%s'", dir);

        ck_assert_int_eq(system(cmd), 0);
        free(cmd);
}

/* The byte at offset i of the test data. */
static unsigned char at(size_t i)
{
        return (unsigned char)((i * 2654435761u) >> 13);
}

/* Puts total bytes of test data into s, in pieces of the sizes of steps in turn, half
 * through fs_stream_room/put and half through fs_stream_write. */
static void put_data(struct fs_stream *s, size_t total)
{
        static const size_t steps[] = {1, 4095, 65536, 7, FS_STREAM_ROOM_MAX, 4096, 100000};
        size_t done = 0;

        for (int k = 0; done < total; k++) {
                size_t n = steps[k % 7] < total - done ? steps[k % 7] : total - done;
                unsigned char *p = k % 2 == 0 ? fs_stream_room(s, n) : xmalloc(n);

                for (size_t i = 0; i < n; i++)
                        p[i] = at(done + i);
                if (k % 2 == 0) {
                        ck_assert_int_eq(fs_stream_put(s, n), 0);
                } else {
                        ck_assert_int_eq(fs_stream_write(s, p, n), 0);
                        free(p);
                }
                done += n;
        }
}

/* Whether the file path holds head, the test data of size total, then tail. */
static void check_file(const char *path, const char *head, size_t total, const char *tail)
{
        size_t len, hl = strlen(head), tl = strlen(tail);
        char *got = fs_read_file(path, 64 << 20, &len);

        ck_assert_ptr_nonnull(got);
        ck_assert_uint_eq(len, hl + total + tl);
        ck_assert_int_eq(memcmp(got, head, hl), 0);
        for (size_t i = 0; i < total; i++)
                if ((unsigned char)got[hl + i] != at(i))
                        ck_abort_msg("byte %zu differs", i);
        ck_assert_int_eq(memcmp(got + hl + total, tail, tl), 0);
        free(got);
}

/* A header of odd length written through stdio first, the data, a trailer written
 * through stdio after the stream: as an afile is written by the vault. */
START_TEST(an_afile_gets_every_byte_in_order)
{
        static const size_t heads[] = {0, 1, 4095, 4096, 4097};
        static const size_t totals[] = {0, 1, 4096, (5 << 20) + 3, 9 << 20};
        char *path = xasprintf("%s/out.age", dir);
        char head[4098];
        size_t total = totals[_i % 5];

        memset(head, 'h', sizeof(head));
        head[heads[_i / 5]] = '\0';
        struct afile *af = afile_open(path, 0600);
        fputs(head, af->fp);
        struct fs_stream *s = fs_stream_open(af->fp);
        ck_assert_ptr_nonnull(s);
        put_data(s, total);
        ck_assert_int_eq(fs_stream_close(s), 0);
        fputs("tail", af->fp);
        afile_commit(af);
        check_file(path, head, total, "tail");
        free(path);
}
END_TEST

START_TEST(a_file_opened_to_append_is_appended_to)
{
        char *path = xasprintf("%s/log", dir);
        FILE *fp = fopen(path, "w");

        fputs("before", fp);
        fclose(fp);
        fp = fopen(path, "a");
        struct fs_stream *s = fs_stream_open(fp);
        put_data(s, (3 << 20) + 5);
        ck_assert_int_eq(fs_stream_close(s), 0);
        ck_assert_int_eq(fclose(fp), 0);
        check_file(path, "before", (3 << 20) + 5, "");
        free(path);
}
END_TEST

START_TEST(a_pipe_gets_every_byte_in_order)
{
        char *path = xasprintf("%s/piped", dir), *cmd = xasprintf("cat > '%s'", path);
        FILE *fp = popen(cmd, "w");

        ck_assert_ptr_nonnull(fp);
        fputs("head", fp);
        struct fs_stream *s = fs_stream_open(fp);
        put_data(s, (4 << 20) + 1);
        ck_assert_int_eq(fs_stream_close(s), 0);
        ck_assert_int_eq(pclose(fp), 0);
        check_file(path, "head", (4 << 20) + 1, "");
        free(cmd);
        free(path);
}
END_TEST

START_TEST(a_memory_stream_gets_every_byte)
{
        char *buf = NULL;
        size_t len = 0;
        FILE *fp = open_memstream(&buf, &len);

        fputs("mem", fp);
        struct fs_stream *s = fs_stream_open(fp);
        put_data(s, 70000);
        ck_assert_int_eq(fs_stream_close(s), 0);
        ck_assert_int_eq(fclose(fp), 0);
        ck_assert_uint_eq(len, 3 + 70000);
        ck_assert_int_eq(memcmp(buf, "mem", 3), 0);
        for (size_t i = 0; i < 70000; i++)
                ck_assert_uint_eq((unsigned char)buf[3 + i], at(i));
        free(buf);
}
END_TEST

START_TEST(a_failed_write_is_reported)
{
        FILE *fp = fopen("/dev/full", "w");
        int failed = 0;

        if (fp == NULL)
                return; /* no /dev/full: nothing to fill */
        struct fs_stream *s = fs_stream_open(fp);
        for (int i = 0; i < 8 && !failed; i++) {
                memset(fs_stream_room(s, FS_STREAM_ROOM_MAX), 'x', FS_STREAM_ROOM_MAX);
                failed = fs_stream_put(s, FS_STREAM_ROOM_MAX) != 0;
        }
        ck_assert_int_eq(failed, 1); /* seen before the end */
        errno = 0;
        ck_assert_int_eq(fs_stream_close(s), -1);
        ck_assert_int_eq(errno, ENOSPC);
        fclose(fp);
}
END_TEST

int main(void)
{
        Suite *s = suite_create("fs_stream");
        TCase *tc = tcase_create("fs_stream");
        SRunner *sr;
        int failed;

        tcase_add_checked_fixture(tc, setup, teardown);
        tcase_set_timeout(tc, 60);
        tcase_add_loop_test(tc, an_afile_gets_every_byte_in_order, 0, 25);
        tcase_add_test(tc, a_file_opened_to_append_is_appended_to);
        tcase_add_test(tc, a_pipe_gets_every_byte_in_order);
        tcase_add_test(tc, a_memory_stream_gets_every_byte);
        tcase_add_test(tc, a_failed_write_is_reported);
        suite_add_tcase(s, tc);
        sr = srunner_create(s);
        srunner_run_all(sr, CK_NORMAL);
        failed = srunner_ntests_failed(sr);
        srunner_free(sr);
        return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
