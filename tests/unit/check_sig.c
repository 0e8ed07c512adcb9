/* minisign formats: keys and signatures made by the stock minisign 0.11 load and verify,
 * and what sig.c writes is byte for byte what minisign writes. */
#include "kdf.h"
#include "sig.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

/* `minisign -G -W` (unencrypted key) and `minisign -S -t "trusted one"` over "hi\n" */
static const char *const mini_pub = "untrusted comment: minisign public key 37D575CEEBCA36ED\n"
                                    "RWTtNsrrznXVN78WST/qhZ35czLpKYvQ4w6+IMgsZ3cET2mV5mMe1Pt9\n";
static const char *const mini_key =
    "untrusted comment: minisign encrypted secret key\n"
    "RWQAAEIyAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA7TbK68511Te1zpQOw/"
    "lFs4yvpNxbVa3CF5E1FbUoxopnmep2VLlb2L8WST/qhZ35czLpKYvQ4w6+IMgsZ3cET2mV5mMe1Pt9AAAAAAAAAAAA"
    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n";
static const char *const mini_sig =
    "untrusted comment: signature from minisign secret key\n"
    "RUTtNsrrznXVN7GfPTrd3ZCwxqk4LItA99NzE1N260s4WCd7IDQngb9xaYErgm8He3CbqzK2+52NW6hrWie83Ji4IAvs+"
    "vxwDwk=\n"
    "trusted comment: trusted one\n"
    "aEcAsa0xLsifrUWM74+sFor8UC5XHsg9j74owRS3XzBCZwPGtLQJXZ8CKRtb0drNEEOqEioRHrACGKp5sUwEBg==\n";

static enum sig_status verify_text(const struct sig_pubkey *pk, const char *sig, const char *msg)
{
        struct sig_signature s;
        enum sig_status st = sig_signature_parse(sig, strlen(sig), &s);

        if (st != SIG_OK)
                return st;
        st = sig_verify(pk, &s, (const unsigned char *)msg, strlen(msg));
        sig_signature_clear(&s);
        return st;
}

START_TEST(stock_minisign_signature_verifies)
{
        struct sig_pubkey pk;
        char id[17];

        ck_assert_int_eq(sig_pubkey_parse(mini_pub, strlen(mini_pub), &pk), SIG_OK);
        sig_keyid_hex(pk.keyid, id);
        ck_assert_str_eq(id, "37D575CEEBCA36ED");
        ck_assert_int_eq(verify_text(&pk, mini_sig, "hi\n"), SIG_OK);
        ck_assert_int_eq(verify_text(&pk, mini_sig, "hi!\n"), SIG_EBAD);
}
END_TEST

START_TEST(stock_unencrypted_key_signs_the_same_bytes)
{
        struct sig_keyfile kf;
        struct sig_seckey *sk = sig_seckey_new();
        struct sig_pubkey pk;
        char *sig, *pub;

        ck_assert_int_eq(sig_keyfile_parse(mini_key, strlen(mini_key), &kf), SIG_OK);
        ck_assert(!kf.encrypted);
        ck_assert_int_eq(sig_keyfile_open(&kf, NULL, 0, sk), SIG_OK);
        sig = sig_sign(sk, (const unsigned char *)"hi\n", 3, "signature from minisign secret key",
                       "trusted one");
        ck_assert_str_eq(sig, mini_sig);
        sig_seckey_public(sk, &pk);
        pub = sig_pubkey_file(&pk);
        ck_assert_str_eq(pub, mini_pub);
        free(sig);
        free(pub);
        sig_seckey_free(sk);
}
END_TEST

START_TEST(trusted_comment_and_key_id_are_bound)
{
        struct sig_pubkey pk, other;
        struct sig_seckey *sk = sig_seckey_new(), *sk2 = sig_seckey_new();
        char *sig = NULL, *p;

        sig_keygen(sk, &pk);
        sig_keygen(sk2, &other);
        sig = sig_sign(sk, (const unsigned char *)"data", 4, "u", "seq:1 head:ab");
        ck_assert_int_eq(verify_text(&pk, sig, "data"), SIG_OK);
        ck_assert_int_eq(verify_text(&other, sig, "data"), SIG_EKEYID);
        p = strstr(sig, "seq:1");
        p[4] = '2';
        ck_assert_int_eq(verify_text(&pk, sig, "data"), SIG_ECOMMENT);
        free(sig);
        sig_seckey_free(sk);
        sig_seckey_free(sk2);
}
END_TEST

START_TEST(encrypted_key_needs_the_passphrase)
{
        struct sig_pubkey pk;
        struct sig_seckey *sk = sig_seckey_new(), *back = sig_seckey_new();
        struct sig_keyfile kf;
        uint64_t ops, mem;
        char *text;

        setenv("AIDANT_KDF_LIGHT", "1", 1);
        kdf_sig_limits(&ops, &mem);
        ck_assert_uint_lt(mem, 1u << 30);
        sig_keygen(sk, &pk);
        text = sig_keyfile_format(sk, "s3cret", 6, ops, mem);
        ck_assert_int_eq(sig_keyfile_parse(text, strlen(text), &kf), SIG_OK);
        ck_assert(kf.encrypted);
        ck_assert_int_eq(kf.opslimit, ops);
        ck_assert_int_eq(sig_keyfile_open(&kf, "wrong", 5, back), SIG_EPASS);
        ck_assert_int_eq(sig_keyfile_open(&kf, "s3cret", 6, back), SIG_OK);
        ck_assert_mem_eq(back->sk, sk->sk, sizeof(sk->sk));
        free(text);
        sig_seckey_free(sk);
        sig_seckey_free(back);
}
END_TEST

START_TEST(default_kdf_limits_are_minisigns)
{
        uint64_t ops, mem;

        unsetenv("AIDANT_KDF_LIGHT");
        kdf_sig_limits(&ops, &mem);
        ck_assert_uint_eq(ops, 33554432u); /* what minisign -G records */
        ck_assert_uint_eq(mem, 1073741824u);
}
END_TEST

START_TEST(malformed_inputs_are_refused)
{
        struct sig_pubkey pk;
        struct sig_keyfile kf;
        struct sig_signature s;
        static const char *const bad[] = {"", "\n", "untrusted comment: x\n",
                                          "untrusted comment: x\n!!!\n",
                                          "untrusted comment: x\nRWQ=\n"};

        for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
                ck_assert_int_eq(sig_pubkey_parse(bad[i], strlen(bad[i]), &pk), SIG_EFORMAT);
                ck_assert_int_eq(sig_keyfile_parse(bad[i], strlen(bad[i]), &kf), SIG_EFORMAT);
                ck_assert_int_eq(sig_signature_parse(bad[i], strlen(bad[i]), &s), SIG_EFORMAT);
        }
        /* a signature without its trusted comment */
        ck_assert_int_eq(sig_signature_parse(mini_sig, 150, &s), SIG_EFORMAT);
        /* a secret key given as public key: wrong length */
        ck_assert_int_eq(sig_pubkey_parse(mini_key, strlen(mini_key), &pk), SIG_EFORMAT);
}
END_TEST

START_TEST(key_id_is_printed_as_minisign_does)
{
        struct sig_pubkey pk = {{0}, {0}};
        char *text;

        pk.keyid[7] = 0x0A; /* little-endian: the id 0A00000000000001 */
        pk.keyid[0] = 0x01;
        text = sig_pubkey_file(&pk);
        ck_assert(strstr(text, "minisign public key A00000000000001\n") != NULL);
        free(text);
}
END_TEST

int main(void)
{
        Suite *s = suite_create("sig");
        TCase *tc = tcase_create("minisign");
        SRunner *sr;
        int failed;

        tcase_add_test(tc, stock_minisign_signature_verifies);
        tcase_add_test(tc, stock_unencrypted_key_signs_the_same_bytes);
        tcase_add_test(tc, trusted_comment_and_key_id_are_bound);
        tcase_add_test(tc, encrypted_key_needs_the_passphrase);
        tcase_add_test(tc, default_kdf_limits_are_minisigns);
        tcase_add_test(tc, malformed_inputs_are_refused);
        tcase_add_test(tc, key_id_is_printed_as_minisign_does);
        tcase_set_timeout(tc, 60);
        suite_add_tcase(s, tc);
        sr = srunner_create(s);
        srunner_run_all(sr, CK_NORMAL);
        failed = srunner_ntests_failed(sr);
        srunner_free(sr);
        return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
