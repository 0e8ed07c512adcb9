/* The RFC 4180 parser on the shapes real CSV exports take: quotes, embedded newlines,
 * CRLF, BOM, ';' from French spreadsheets, and the quoting of written fields. */
#include "csv.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

/* Reads all of text and returns the rows as "f1|f2\n" lines (fields in brackets). */
static char *rows_of(const char *text, size_t prefix, char *sep_out)
{
        FILE *fp = fmemopen((void *)(text + prefix), strlen(text) - prefix, "r");
        struct csv_reader *r = csv_open(fp, text, prefix, 0);
        char *out = NULL;
        size_t outlen = 0;
        FILE *o = open_memstream(&out, &outlen);
        int n;

        while ((n = csv_next(r)) > 0) {
                fprintf(o, "%ld:", csv_row_line(r));
                for (int i = 0; i < n; i++)
                        fprintf(o, "[%s]", csv_field(r, i, NULL));
                fputc('\n', o);
        }
        if (n < 0 && csv_error_column(r) > 0)
                fprintf(o, "error %ld:%ld: %s\n", csv_error_line(r), csv_error_column(r),
                        csv_error(r));
        else if (n < 0)
                fprintf(o, "error %ld: %s\n", csv_error_line(r), csv_error(r));
        if (sep_out != NULL)
                *sep_out = csv_separator(r);
        csv_close(r);
        fclose(fp);
        fclose(o);
        return out;
}

static void assert_rows(const char *text, const char *want)
{
        char *got = rows_of(text, 0, NULL);

        ck_assert_str_eq(got, want);
        free(got);
}

START_TEST(reads_quotes_escapes_and_embedded_newlines)
{
        assert_rows("a,b,c\n1,\"x, y\",\"say \"\"hi\"\"\"\n\"multi\nline\",,\"\"\n4,5,6\n",
                    "1:[a][b][c]\n2:[1][x, y][say \"hi\"]\n3:[multi\nline][][]\n5:[4][5][6]\n");
}
END_TEST

START_TEST(accepts_crlf_bom_and_blank_lines)
{
        assert_rows("\xEF\xBB\xBFid,nom\r\n1,Caf\xC3\xA9\r\n\r\n2,\"a\r\nb\"\r\n",
                    "1:[id][nom]\n2:[1][Café]\n4:[2][a\r\nb]\n");
        assert_rows("a,b\n1,2", "1:[a][b]\n2:[1][2]\n");   /* no final newline */
        assert_rows("a,b\n1,", "1:[a][b]\n2:[1][]\n");     /* empty last field at the end */
        assert_rows("a,b\n1,\"\"", "1:[a][b]\n2:[1][]\n"); /* quoted empty at the end */
        assert_rows("", "");
        assert_rows("\n\n", "");
}
END_TEST

START_TEST(sniffs_the_separator_from_the_header)
{
        char sep;
        char *got = rows_of("nom;\"ville, pays\";cp\nA;B;C\n", 0, &sep);

        ck_assert_int_eq(sep, ';');
        ck_assert_str_eq(got, "1:[nom][ville, pays][cp]\n2:[A][B][C]\n");
        free(got);
        got = rows_of("a\tb\n1\t2,5\n", 0, &sep);
        ck_assert_int_eq(sep, '\t');
        ck_assert_str_eq(got, "1:[a][b]\n2:[1][2,5]\n");
        free(got);
        got = rows_of("a,b;c\n", 0, &sep);
        ck_assert_int_eq(sep, ','); /* a tie keeps the standard comma */
        free(got);
}
END_TEST

START_TEST(reports_errors_with_their_line)
{
        assert_rows("a,b\n1,2\n3,\"open\nstill open\n",
                    "1:[a][b]\n2:[1][2]\nerror 3:3: unterminated quoted field\n");
        /* the column where the quote opened, in characters, after other quoted fields and
         * after a field that ran over several lines */
        assert_rows("a;b;c\n\"x\ny\";\"é\";\"still\nopen\n",
                    "1:[a][b][c]\nerror 3:8: unterminated quoted field\n");
        assert_rows("\xEF\xBB\xBF\"open,b\n", "error 1:1: unterminated quoted field\n");
        assert_rows("a,b\n\"x\"y,2\n",
                    "1:[a][b]\nerror 2: unexpected character after a closing quote\n");
        assert_rows("a,b\n\"x\ny\"z,2\n",
                    "1:[a][b]\nerror 3: unexpected character after a closing quote\n");
}
END_TEST

START_TEST(keeps_a_stray_quote_inside_a_plain_field)
{
        assert_rows("a,b\n5\" screen,2\n", "1:[a][b]\n2:[5\" screen][2]\n");
}
END_TEST

/* Fields and rows larger than the read buffer, and a prefix handed over by the caller. */
START_TEST(streams_across_buffer_refills)
{
        size_t big = 700 * 1000;
        char *text = malloc(big + 64), *got, *want = malloc(big + 64);
        int n = sprintf(text, "a,b\nx,\"");

        memset(text + n, 'z', big);
        strcpy(text + n + big, "\"\ny,2\n");
        got = rows_of(text, 5, NULL); /* "a,b\nx" already read by the caller */
        n = sprintf(want, "1:[a][b]\n2:[x][");
        memset(want + n, 'z', big);
        strcpy(want + n + big, "]\n3:[y][2]\n");
        ck_assert_str_eq(got, want);
        free(got);
        free(want);
        free(text);
}
END_TEST

START_TEST(quotes_written_fields_only_when_needed)
{
        char *out = NULL;
        size_t len = 0;
        FILE *o = open_memstream(&out, &len);
        const char *fields[] = {"plain", "a,b", "say \"hi\"", "two\nlines", " pad", "a;b", ""};

        for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
                csv_write_field(o, fields[i], strlen(fields[i]), ',');
                fputc('/', o);
        }
        csv_write_field(o, "a;b", 3, ';');
        fclose(o);
        ck_assert_str_eq(
            out, "plain/\"a,b\"/\"say \"\"hi\"\"\"/\"two\nlines\"/\" pad\"/\"a;b\"//\"a;b\"");
        free(out);
}
END_TEST

int main(void)
{
        Suite *s = suite_create("csv");
        TCase *tc = tcase_create("csv");
        SRunner *sr;
        int failed;

        tcase_add_test(tc, reads_quotes_escapes_and_embedded_newlines);
        tcase_add_test(tc, accepts_crlf_bom_and_blank_lines);
        tcase_add_test(tc, sniffs_the_separator_from_the_header);
        tcase_add_test(tc, reports_errors_with_their_line);
        tcase_add_test(tc, keeps_a_stray_quote_inside_a_plain_field);
        tcase_add_test(tc, streams_across_buffer_refills);
        tcase_add_test(tc, quotes_written_fields_only_when_needed);
        suite_add_tcase(s, tc);
        sr = srunner_create(s);
        srunner_run_all(sr, CK_NORMAL);
        failed = srunner_ntests_failed(sr);
        srunner_free(sr);
        return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
