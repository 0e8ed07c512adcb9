/* The encodings of record inputs (rec_open_encoded): a Windows-1252 spreadsheet read as
 * UTF-8 whatever its size, Latin-1, the detection and where it stops (a damaged UTF-8
 * file, a BOM), and the names --encoding takes. */
#include "rec.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char path[64];

/* Writes n bytes of data to a new temporary file named *.ext; returns its path. */
static const char *file_of(const char *data, size_t n, const char *ext)
{
        FILE *fp;
        int fd;

        snprintf(path, sizeof(path), "/tmp/check_rec_enc_XXXXXX.%s", ext);
        fd = mkstemps(path, (int)strlen(ext) + 1);
        ck_assert_int_ge(fd, 0);
        fp = fdopen(fd, "wb");
        fwrite(data, 1, n, fp);
        fclose(fp);
        return path;
}

/* The "nom" of every record, '|'-joined, or "error: ..." after them. */
static char *noms(const char *file, enum rec_encoding enc, enum rec_encoding *got)
{
        struct rec_reader *r = rec_open_encoded(file, FMT_AUTO, enc);
        char *out = NULL;
        size_t len = 0;
        FILE *o = open_memstream(&out, &len);
        json_t *rec;
        int rc, n = 0;

        ck_assert_ptr_nonnull(r);
        while ((rc = rec_next(r, &rec, NULL)) == 1) {
                fprintf(o, "%s%s", n++ > 0 ? "|" : "",
                        json_string_value(json_object_get(rec, "nom")));
                json_decref(rec);
        }
        if (rc < 0)
                fprintf(o, "%serror: %s", n > 0 ? "|" : "", strrchr(rec_error(r), ':') + 2);
        if (got != NULL)
                *got = rec_encoding(r);
        rec_close(r);
        fclose(o);
        unlink(file);
        return out;
}

static void assert_noms(const char *data, const char *ext, enum rec_encoding enc, const char *want,
                        enum rec_encoding want_enc)
{
        enum rec_encoding got;
        char *s = noms(file_of(data, strlen(data), ext), enc, &got);

        ck_assert_str_eq(s, want);
        ck_assert_int_eq(got, want_enc);
        free(s);
}

START_TEST(reads_windows_1252_as_utf8)
{
        /* é, ’ (0x92), Œ (0x8C), – (0x96), € (0x80) */
        static const char csv[] = "nom;x\n\xC9glise de l\x92\x8Cuvre \x96 2 \x80;1\n";

        assert_noms(csv, "csv", REC_ENC_AUTO, "Église de l’Œuvre – 2 €", REC_ENC_CP1252);
        assert_noms(csv, "csv", REC_ENC_CP1252, "Église de l’Œuvre – 2 €", REC_ENC_CP1252);
        /* Latin-1 has the C1 controls where Windows-1252 has its punctuation */
        assert_noms("nom\nCaf\xE9\n", "csv", REC_ENC_LATIN1, "Café", REC_ENC_LATIN1);
        assert_noms("nom\n\x92\n", "csv", REC_ENC_LATIN1, "\xC2\x92", REC_ENC_LATIN1);
        /* the other formats too */
        assert_noms("[{\"nom\": \"S\xE8te\"}]", "json", REC_ENC_AUTO, "Sète", REC_ENC_CP1252);
        assert_noms("- nom: S\xE8te\n", "yaml", REC_ENC_AUTO, "Sète", REC_ENC_CP1252);
}
END_TEST

/* The raw fields of rec_next_fields are decoded too. */
START_TEST(fields_of_windows_1252_as_utf8)
{
        static const char csv[] = "nom;x\n\xC9glise de l\x92\x8Cuvre;\x80\n";
        struct rec_reader *r =
            rec_open_encoded(file_of(csv, strlen(csv), "csv"), FMT_AUTO, REC_ENC_AUTO);
        const char *const *f;
        const size_t *n;
        struct rec_loc loc;

        ck_assert_int_eq(rec_next_fields(r, &f, &n, &loc), 2);
        ck_assert_str_eq(f[0], "Église de l’Œuvre");
        ck_assert_uint_eq(n[0], strlen("Église de l’Œuvre"));
        ck_assert_str_eq(f[1], "€");
        ck_assert_int_eq(loc.line, 2);
        ck_assert_int_eq(rec_next_fields(r, &f, &n, &loc), 0);
        ck_assert_int_eq(rec_encoding(r), REC_ENC_CP1252);
        rec_close(r);
        unlink(path);
}
END_TEST

START_TEST(utf8_stays_utf8)
{
        assert_noms("nom\nSète\n", "csv", REC_ENC_AUTO, "Sète", REC_ENC_UTF8);
        assert_noms("\xEF\xBB\xBFnom\nSète\n", "csv", REC_ENC_AUTO, "Sète", REC_ENC_UTF8);
        /* one damaged byte among well-formed accents: UTF-8, and the error says where */
        assert_noms("nom\nSète\nS\xE8te\nPézenas\n", "csv", REC_ENC_AUTO,
                    "Sète|error: invalid UTF-8 in field \"nom\" (another encoding? --encoding "
                    "cp1252 or latin1)",
                    REC_ENC_UTF8);
        /* bytes that Windows-1252 has no character for are not Windows-1252 */
        assert_noms("nom\n\x81\x8D\n", "csv", REC_ENC_AUTO,
                    "error: invalid UTF-8 in field \"nom\" (another encoding? --encoding "
                    "cp1252 or latin1)",
                    REC_ENC_UTF8);
        /* asked for UTF-8, a Windows-1252 file is refused */
        assert_noms("nom\nS\xE8te\n", "csv", REC_ENC_UTF8,
                    "error: invalid UTF-8 in field \"nom\" (another encoding? --encoding "
                    "cp1252 or latin1)",
                    REC_ENC_UTF8);
}
END_TEST

/* A Windows-1252 file larger than the read-ahead: the decoding stream feeds the CSV
 * reader across its refills, and a UTF-8 character of the file that the read-ahead cuts
 * does not make the start look broken. */
START_TEST(decodes_large_files_across_refills)
{
        size_t rows = 40000, cap = rows * 16 + 16, n = 0;
        char *data = malloc(cap), *s;
        long count = 0;

        n += (size_t)sprintf(data, "nom,n\n");
        for (size_t i = 0; i < rows; i++)
                n += (size_t)sprintf(data + n, "Cr\xE9teil \x80,%zu\n", i);
        s = noms(file_of(data, n, "csv"), REC_ENC_AUTO, NULL);
        for (char *p = s; (p = strstr(p, "Créteil €")) != NULL; p++)
                count++;
        ck_assert_int_eq(count, (long)rows);
        free(s);
        n = (size_t)sprintf(data, "nom,n\n");
        while (n < 300000)
                n += (size_t)sprintf(data + n, "Sète,%zu\n", n);
        s = noms(file_of(data, n, "csv"), REC_ENC_AUTO, NULL);
        ck_assert_ptr_null(strstr(s, "error"));
        ck_assert_ptr_null(strstr(s, "\xC3\x83")); /* not decoded twice */
        free(s);
        free(data);
}
END_TEST

START_TEST(names_of_encodings)
{
        ck_assert_int_eq(rec_encoding_parse("utf-8"), REC_ENC_UTF8);
        ck_assert_int_eq(rec_encoding_parse("UTF8"), REC_ENC_UTF8);
        ck_assert_int_eq(rec_encoding_parse("cp1252"), REC_ENC_CP1252);
        ck_assert_int_eq(rec_encoding_parse("windows-1252"), REC_ENC_CP1252);
        ck_assert_int_eq(rec_encoding_parse("latin1"), REC_ENC_LATIN1);
        ck_assert_int_eq(rec_encoding_parse("ISO-8859-1"), REC_ENC_LATIN1);
        ck_assert_int_eq(rec_encoding_parse("ebcdic"), -1);
}
END_TEST

int main(void)
{
        Suite *s = suite_create("rec_enc");
        TCase *tc = tcase_create("rec_enc");
        SRunner *sr;
        int failed;

        tcase_set_timeout(tc, 30);
        tcase_add_test(tc, reads_windows_1252_as_utf8);
        tcase_add_test(tc, fields_of_windows_1252_as_utf8);
        tcase_add_test(tc, utf8_stays_utf8);
        tcase_add_test(tc, decodes_large_files_across_refills);
        tcase_add_test(tc, names_of_encodings);
        suite_add_tcase(s, tc);
        sr = srunner_create(s);
        srunner_run_all(sr, CK_NORMAL);
        failed = srunner_ntests_failed(sr);
        srunner_free(sr);
        return failed == 0 ? 0 : 1;
}
