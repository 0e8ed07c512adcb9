/* Bech32 against BIP 173's vectors and a key pair made by the stock age-keygen. */
#include "age.h"
#include "bech32.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

START_TEST(decodes_bip173_valid_strings)
{
        static const char *const valid[] = {
            "A12UEL5L", "a12uel5l",
            "an83characterlonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1tt"
            "5tgs",
            "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw",
            "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w"};
        unsigned char data[128];
        char hrp[100];

        for (size_t i = 0; i < sizeof(valid) / sizeof(*valid); i++)
                ck_assert_int_ge(bech32_decode(valid[i], hrp, sizeof(hrp), data, sizeof(data)), 0);
}
END_TEST

START_TEST(refuses_bip173_invalid_strings)
{
        static const char *const invalid[] = {"pzry9x0s0muk", "1pzry9x0s0muk", "x1b4n0q5v",
                                              "li1dgmt3",     "A1G7SGD8",      "10a06t8",
                                              "1qzzfhee",     "a12UEL5L",      "A12uEL5L"};
        unsigned char data[128];
        char hrp[100];

        for (size_t i = 0; i < sizeof(invalid) / sizeof(*invalid); i++)
                ck_assert_int_eq(bech32_decode(invalid[i], hrp, sizeof(hrp), data, sizeof(data)),
                                 -1);
}
END_TEST

START_TEST(round_trips_bytes)
{
        unsigned char in[32], out[64];
        char s[128], hrp[16];

        for (int i = 0; i < 32; i++)
                in[i] = (unsigned char)(i * 37 + 1);
        ck_assert_uint_gt(bech32_encode(s, sizeof(s), "age", in, sizeof(in), 0), 0);
        ck_assert_int_eq(bech32_decode(s, hrp, sizeof(hrp), out, sizeof(out)), 32);
        ck_assert_str_eq(hrp, "age");
        ck_assert_mem_eq(in, out, 32);
        ck_assert_uint_eq(bech32_encode(s, 20, "age", in, sizeof(in), 0), 0);
        s[10] = s[10] == 'q' ? 'p' : 'q';
        ck_assert_int_eq(bech32_decode(s, hrp, sizeof(hrp), out, sizeof(out)), -1);
}
END_TEST

/* The capacity is checked before any buffer is sized or written: a length that would
 * overflow, or more data than a string may hold, is refused without a write. */
START_TEST(checks_the_capacity_first)
{
        static unsigned char big[4096];
        unsigned char in[32] = {1, 2, 3};
        char s[128], small[8] = "unused";
        size_t n = bech32_encode(s, sizeof(s), "age", in, sizeof(in), 0);

        ck_assert_uint_eq(n, 62); /* "age" "1" 52 values, 6 of checksum */
        ck_assert_uint_eq(bech32_encode(s, n + 1, "age", in, sizeof(in), 0), n);
        ck_assert_uint_eq(bech32_encode(s, n, "age", in, sizeof(in), 0), 0);
        ck_assert_uint_eq(bech32_encode(small, sizeof(small), "age", in, sizeof(in), 0), 0);
        ck_assert_str_eq(small, "unused");
        ck_assert_uint_eq(bech32_encode(s, sizeof(s), "age", big, sizeof(big), 0), 0);
        ck_assert_uint_eq(bech32_encode(s, sizeof(s), "age", big, (size_t)-1, 0), 0);
        /* no string at all (a JSON field that is not one), found by fuzz_vault_manifest */
        ck_assert_int_eq(bech32_decode(NULL, s, sizeof(s), big, sizeof(big)), -1);
        ck_assert_int_eq(age_parse_recipient(NULL, in), -1);
}
END_TEST

START_TEST(reads_a_stock_age_keygen_pair)
{
        const char *secret =
            "AGE-SECRET-KEY-1WUJA8NMKNY4YTAQP2J7JE7WVGM7R6TKR25MGTX58TU0U4P25CDNSEWRHXL";
        const char *public = "age15wyypstm7x7esf2ry2h7nekunayyt78u6q8pdlg9jm975vu4p3uq40hksd";
        unsigned char sk[32], pk[32], pk2[32];
        char s[AGE_SECRET_MAX], r[AGE_RECIPIENT_MAX];

        ck_assert_int_eq(age_parse_secret(secret, sk), 0);
        ck_assert_int_eq(age_parse_recipient(public, pk), 0);
        age_public_key(sk, pk2);
        ck_assert_mem_eq(pk, pk2, 32);
        age_format_secret(sk, s);
        age_format_recipient(pk, r);
        ck_assert_str_eq(s, secret);
        ck_assert_str_eq(r, public);
        ck_assert_int_eq(age_parse_recipient(secret, pk), -1);
        ck_assert_int_eq(age_parse_secret(public, sk), -1);
}
END_TEST

int main(void)
{
        Suite *s = suite_create("bech32");
        TCase *tc = tcase_create("bech32");
        SRunner *sr;
        int failed;

        tcase_add_test(tc, decodes_bip173_valid_strings);
        tcase_add_test(tc, refuses_bip173_invalid_strings);
        tcase_add_test(tc, round_trips_bytes);
        tcase_add_test(tc, checks_the_capacity_first);
        tcase_add_test(tc, reads_a_stock_age_keygen_pair);
        suite_add_tcase(s, tc);
        sr = srunner_create(s);
        srunner_run_all(sr, CK_NORMAL);
        failed = srunner_ntests_failed(sr);
        srunner_free(sr);
        return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
