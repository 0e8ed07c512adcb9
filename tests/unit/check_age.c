/* The age format: header write and parse, file key wrapping, STREAM chunk boundaries. */
#include "age.h"
#include "age_stream.h"

#include <check.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

/* Encrypts len bytes to pk into a new buffer (*out, *out_len). */
static void seal(const unsigned char *pt, size_t len, const unsigned char pk[32], char **out,
                 size_t *out_len)
{
        struct age_recipient r = {.scrypt = 0};
        unsigned char key[AGE_FILE_KEY_LEN];
        FILE *fp = open_memstream(out, out_len);
        struct age_stream *w;

        memcpy(r.pk, pk, 32);
        randombytes_buf(key, sizeof(key));
        ck_assert_int_eq(age_header_write(fp, &r, 1, key, NULL), AGE_OK);
        w = age_writer_open(fp, key);
        ck_assert_ptr_nonnull(w);
        /* in uneven pieces, to cross chunk boundaries */
        for (size_t off = 0; off < len;) {
                size_t n = len - off < 1000 ? len - off : 1000 + off % 7000;

                n = n > len - off ? len - off : n;
                ck_assert_int_eq(age_writer_write(w, pt + off, n), AGE_OK);
                off += n;
        }
        ck_assert_int_eq(age_writer_close(w), AGE_OK);
        fclose(fp);
}

/* Decrypts buf with sk; returns the status and the plaintext length in *len. */
static int open_buf(char *buf, size_t n, const unsigned char sk[32], unsigned char *pt, size_t *len)
{
        struct age_identity id = {.scrypt = 0};
        unsigned char key[AGE_FILE_KEY_LEN];
        FILE *fp = fmemopen(buf, n, "rb");
        struct age_stream *r = NULL;
        struct age_header h;
        long got;
        int rc = age_header_read(fp, &h);

        memcpy(id.sk, sk, 32);
        *len = 0;
        if (rc == AGE_OK)
                rc = age_unwrap(&h, &id, 1, key);
        age_header_free(&h);
        if (rc == AGE_OK)
                rc = age_reader_open(fp, key, &r);
        while (rc == AGE_OK && (got = age_reader_next(r, pt + *len)) != 0) {
                if (got < 0)
                        rc = (int)-got;
                else
                        *len += (size_t)got;
        }
        if (r != NULL)
                age_reader_free(r);
        fclose(fp);
        return rc;
}

/* RFC 5869 test case 1, first 32 bytes of the output: the header, payload and X25519
 * keys of every file hang on this function. */
START_TEST(hkdf_matches_rfc5869)
{
        static const char okm_hex[] =
            "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf";
        unsigned char ikm[22], salt[13], out[32], want[32];
        char info[11];

        memset(ikm, 0x0b, sizeof(ikm));
        for (int i = 0; i < 13; i++)
                salt[i] = (unsigned char)i;
        for (int i = 0; i < 10; i++)
                info[i] = (char)(0xf0 + i);
        info[10] = '\0';
        ck_assert_int_eq(sodium_hex2bin(want, sizeof(want), okm_hex, 64, NULL, NULL, NULL), 0);
        age_hkdf(out, salt, sizeof(salt), ikm, sizeof(ikm), info);
        ck_assert_mem_eq(out, want, sizeof(want));
}
END_TEST

START_TEST(round_trips_across_chunk_sizes)
{
        static const size_t sizes[] = {0,      1,      65535,   65536,   65537,
                                       131072, 200000, 1048576, 1048577, 2162688};
        const size_t max = 2162688;
        unsigned char sk[32], pk[32], *pt = malloc(max), *back = malloc(max + 65536);
        char *buf;
        size_t n, len;

        age_keygen(sk);
        age_public_key(sk, pk);
        randombytes_buf(pt, max);
        for (size_t i = 0; i < sizeof(sizes) / sizeof(*sizes); i++) {
                seal(pt, sizes[i], pk, &buf, &n);
                ck_assert_int_eq(open_buf(buf, n, sk, back, &len), AGE_OK);
                ck_assert_uint_eq(len, sizes[i]);
                ck_assert(memcmp(back, pt, len) == 0);
                free(buf);
        }
        free(pt);
        free(back);
}
END_TEST

START_TEST(refuses_wrong_key_flipped_bits_and_truncation)
{
        unsigned char sk[32], pk[32], other[32], pt[70000], back[70000 + 65536];
        char *buf;
        size_t n, len;

        age_keygen(sk);
        age_public_key(sk, pk);
        age_keygen(other);
        randombytes_buf(pt, sizeof(pt));
        seal(pt, sizeof(pt), pk, &buf, &n);
        ck_assert_int_eq(open_buf(buf, n, other, back, &len), AGE_ERR_NO_MATCH);
        ck_assert_int_eq(open_buf(buf, n - 1, sk, back, &len), AGE_ERR_PAYLOAD);
        ck_assert_int_eq(open_buf(buf, n - 4000, sk, back, &len), AGE_ERR_PAYLOAD);
        ck_assert_uint_eq(len, 65536); /* only the first, authenticated chunk came out */
        buf[n - 10] ^= 1;
        ck_assert_int_eq(open_buf(buf, n, sk, back, &len), AGE_ERR_PAYLOAD);
        buf[n - 10] ^= 1;
        buf[30] ^= 1; /* inside the stanza: the share or the body */
        ck_assert_int_ne(open_buf(buf, n, sk, back, &len), AGE_OK);
        free(buf);
}
END_TEST

START_TEST(parses_headers_strictly)
{
        static const char good[] = "age-encryption.org/v1\n-> grease a b\n\n"
                                   "--- AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n";
        static const char *const bad[] = {
            "age-encryption.org/v2\n-> x\n\n--- AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n",
            "age-encryption.org/v1\n-> x\n--- AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n",
            "age-encryption.org/v1\n->  x\n\n--- AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n",
            "age-encryption.org/v1\n-> x\nAA==\n--- AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n",
            "age-encryption.org/v1\n-> x\n\n--- AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB\n",
            "age-encryption.org/v1\n--- AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n",
            "age-encryption.org/v1\r\n-> x\n\n--- AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n"};
        struct age_header h;
        size_t used;

        ck_assert_int_eq(age_header_parse((const unsigned char *)good, strlen(good), &h, &used),
                         AGE_OK);
        ck_assert_int_eq(h.count, 1);
        ck_assert_int_eq(h.stanzas[0].nargs, 3);
        ck_assert_uint_eq(h.stanzas[0].body_len, 0);
        ck_assert_uint_eq(used, strlen(good));
        age_header_free(&h);
        for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
                ck_assert_int_eq(
                    age_header_parse((const unsigned char *)bad[i], strlen(bad[i]), &h, &used),
                    AGE_ERR_HEADER);
                age_header_free(&h);
        }
}
END_TEST

START_TEST(scrypt_work_factor_is_bounded)
{
        struct age_recipient r = {.scrypt = 1, .pass = "pw", .pass_len = 2, .log_n = 10};
        struct age_identity id = {.scrypt = 1, .pass = "pw", .pass_len = 2};
        unsigned char key[AGE_FILE_KEY_LEN], got[AGE_FILE_KEY_LEN];
        char *buf, *p;
        size_t n, used;
        struct age_header h;
        FILE *fp = open_memstream(&buf, &n);

        randombytes_buf(key, sizeof(key));
        ck_assert_int_eq(age_header_write(fp, &r, 1, key, NULL), AGE_OK);
        fclose(fp);
        ck_assert_int_eq(age_header_parse((unsigned char *)buf, n, &h, &used), AGE_OK);
        ck_assert_int_eq(age_unwrap(&h, &id, 1, got), AGE_OK);
        ck_assert(memcmp(key, got, sizeof(key)) == 0);
        age_header_free(&h);
        p = strstr(buf, " 10\n");
        ck_assert_ptr_nonnull(p);
        memcpy(p, " 23\n", 4); /* the MAC no longer matches, but the bound comes first */
        ck_assert_int_eq(age_header_parse((unsigned char *)buf, n, &h, &used), AGE_OK);
        ck_assert_int_eq(age_unwrap(&h, &id, 1, got), AGE_ERR_HEADER);
        age_header_free(&h);
        free(buf);
}
END_TEST

int main(void)
{
        Suite *s = suite_create("age");
        TCase *tc = tcase_create("age");
        SRunner *sr;
        int failed;

        if (sodium_init() < 0)
                return EXIT_FAILURE;
        tcase_set_timeout(tc, 30);
        tcase_add_test(tc, hkdf_matches_rfc5869);
        tcase_add_test(tc, round_trips_across_chunk_sizes);
        tcase_add_test(tc, refuses_wrong_key_flipped_bits_and_truncation);
        tcase_add_test(tc, parses_headers_strictly);
        tcase_add_test(tc, scrypt_work_factor_is_bounded);
        suite_add_tcase(s, tc);
        sr = srunner_create(s);
        srunner_run_all(sr, CK_NORMAL);
        failed = srunner_ntests_failed(sr);
        srunner_free(sr);
        return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
