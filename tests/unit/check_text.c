/* UTF-8 validation, folding, whitespace squeezing and similarity as names in the
 * directory need them. */
#include "text.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

static void assert_fold(const char *in, const char *want)
{
        char *got = text_fold(in);

        ck_assert_str_eq(got, want);
        free(got);
}

static void assert_squeeze(const char *in, const char *want)
{
        char *got = text_squeeze(in);

        ck_assert_str_eq(got, want);
        free(got);
}

static bool valid(const char *s)
{
        return text_valid_utf8(s, strlen(s));
}

START_TEST(validates_utf8_strictly)
{
        ck_assert(valid(""));
        ck_assert(valid("Médiathèque « Émile Zola » — Saint-Étienne"));
        ck_assert(valid("plain ascii text that is longer than eight bytes"));
        ck_assert(valid("\xF0\x9F\x98\x80 emoji"));
        ck_assert(!valid("caf\xE9"));                        /* Latin-1 é */
        ck_assert(!valid("\xC0\xAF"));                       /* overlong '/' */
        ck_assert(!valid("\xE0\x80\xAF"));                   /* overlong, 3 bytes */
        ck_assert(!valid("\xED\xA0\x80"));                   /* surrogate */
        ck_assert(!valid("\xF4\x90\x80\x80"));               /* above U+10FFFF */
        ck_assert(!valid("abcdefgh\xC3"));                   /* truncated at the end */
        ck_assert(!valid("abcdefghijklmnop\x80qrstuvwxyz")); /* stray continuation */
        ck_assert(text_valid_utf8("a\0b", 3));               /* NUL is a code point */
        ck_assert(!text_valid_utf8("\xC3\xA9", 1));          /* length is honoured */
}
END_TEST

START_TEST(counts_code_points)
{
        ck_assert_uint_eq(text_utf8_len(""), 0);
        ck_assert_uint_eq(text_utf8_len("abc"), 3);
        ck_assert_uint_eq(text_utf8_len("Élodie"), 6);
        ck_assert_uint_eq(text_utf8_len("«\xC2\xA0oui\xC2\xA0»"), 7);
        ck_assert_uint_eq(text_utf8_len("\xF0\x9F\x98\x80"), 1);
}
END_TEST

START_TEST(folds_case_accents_and_punctuation)
{
        assert_fold("Médiathèque Émile-Zola", "mediatheque emile-zola");
        assert_fold("  ÇA   VA\t\nÀ  L’ŒUVRE  ", "ca va a l'oeuvre");
        assert_fold("Cœur Æther Straße", "coeur aether strasse");
        assert_fold("Łódź Ŧest ĳssel ũ ţ ſ", "lodz test ijssel u t s");
        assert_fold("Saint–Denis — Nord", "saint-denis - nord");
        assert_fold("a\xC2\xA0:\xE2\x80\xAF"
                    "b",
                    "a : b"); /* no-break spaces */
        assert_fold("e\xCC\x81"
                    "cole",
                    "ecole"); /* decomposed accent */
        assert_fold("2 × 3 ÷ 1", "2 × 3 ÷ 1");
        assert_fold("日本 Ωmega", "日本 Ωmega");
        assert_fold("", "");
        assert_fold("   ", "");
}
END_TEST

START_TEST(squeezes_whitespace_only)
{
        assert_squeeze("  Espace   public\tnumérique \r\n", "Espace public numérique");
        assert_squeeze("Mon Espace Santé", "Mon Espace Santé");
        /* no-break spaces at the ends go, those inside stay */
        assert_squeeze("\xC2\xA0"
                       "Coworking  by ADEZIO\xC2\xA0 \xE2\x80\xAF",
                       "Coworking by ADEZIO");
        assert_squeeze("«\xC2\xA0oui\xC2\xA0»\xC2\xA0", "«\xC2\xA0oui\xC2\xA0»");
        assert_squeeze("\xC2\xA0 \xC2\xA0", "");
        {
                char *t = text_trim(" \xC2\xA0"
                                    "a  b\n\xE2\x80\x87");

                ck_assert_str_eq(t, "a  b");
                free(t);
        }
        assert_squeeze("\t\n", "");
        assert_squeeze("«\xC2\xA0oui\xC2\xA0»", "«\xC2\xA0oui\xC2\xA0»"); /* typography kept */
}
END_TEST

START_TEST(similarity_is_normalised_levenshtein)
{
        ck_assert_double_eq(text_similarity("", ""), 100.0);
        ck_assert_double_eq(text_similarity("abc", ""), 0.0);
        ck_assert_double_eq(text_similarity("Médiathèque", "MEDIATHEQUE"), 100.0);
        ck_assert_double_eq(text_similarity("kitten", "sitting"), 100.0 * (1.0 - 3.0 / 7.0));
        /* one substitution among 4 code points, é counted once */
        ck_assert_double_eq(text_similarity("café", "cafe "), 100.0);
        ck_assert_double_eq(text_similarity("caf€", "cafe"), 75.0);
        ck_assert_double_eq_tol(
            text_similarity("France Services Martigues", "France services de Martigues"), 89.29,
            0.01);
        ck_assert(text_similarity("Bibliothèque", "Piscine") < 40.0);
}
END_TEST

int main(void)
{
        Suite *s = suite_create("text");
        TCase *tc = tcase_create("text");
        SRunner *sr;
        int failed;

        tcase_add_test(tc, validates_utf8_strictly);
        tcase_add_test(tc, counts_code_points);
        tcase_add_test(tc, folds_case_accents_and_punctuation);
        tcase_add_test(tc, squeezes_whitespace_only);
        tcase_add_test(tc, similarity_is_normalised_levenshtein);
        suite_add_tcase(s, tc);
        sr = srunner_create(s);
        srunner_run_all(sr, CK_NORMAL);
        failed = srunner_ntests_failed(sr);
        srunner_free(sr);
        return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
