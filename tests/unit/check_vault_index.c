/* The vault's index reader: what a decrypted index must hold before it is trusted. */
#include "vault.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

static json_t *parse(const char *text, const char *domain, const char **why)
{
        return vault_index_parse(text, strlen(text), domain, why);
}

START_TEST(accepts_documents_and_secrets)
{
        const char *text =
            "{\"domain\":\"social\",\"version\":3,\"entries\":["
            "{\"id\":\"0123456789ab\",\"kind\":\"document\",\"title\":\"CAF\",\"mac\":\"x\"},"
            "{\"id\":\"ba9876543210\",\"kind\":\"secret\",\"name\":\"caf\",\"mac\":\"y\"}]}";
        const char *why;
        json_t *idx = parse(text, "social", &why);

        ck_assert_ptr_nonnull(idx);
        ck_assert_ptr_null(why);
        ck_assert_uint_eq(json_array_size(json_object_get(idx, "entries")), 2);
        json_decref(idx);
}
END_TEST

START_TEST(refuses_another_domain_and_bad_entries)
{
        static const char *const bad[] = {
            "", "[]", "{\"domain\":\"social\"}",
            "{\"domain\":\"social\",\"entries\":[{\"id\":\"../../etc/pa\",\"kind\":\"document\","
            "\"title\":\"t\",\"mac\":\"x\"}]}",
            "{\"domain\":\"social\",\"entries\":[{\"id\":\"0123456789ab\",\"kind\":\"other\","
            "\"title\":\"t\",\"mac\":\"x\"}]}",
            "{\"domain\":\"social\",\"entries\":[{\"id\":\"0123456789ab\",\"kind\":\"document\","
            "\"title\":\"t\"}]}",
            "{\"domain\":\"social\",\"domain\":\"sante\",\"entries\":[]}",
            /* no version: an index of no manifest */
            "{\"domain\":\"social\",\"entries\":[]}",
            "{\"domain\":\"social\",\"version\":0,\"entries\":[]}"};
        const char *why;

        ck_assert_ptr_null(
            parse("{\"domain\":\"sante\",\"version\":1,\"entries\":[]}", "social", &why));
        ck_assert_str_eq(why, "the index belongs to another domain");
        for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
                ck_assert_ptr_null(parse(bad[i], "social", &why));
                ck_assert_ptr_nonnull(why);
        }
}
END_TEST

int main(void)
{
        Suite *s = suite_create("vault_index");
        TCase *tc = tcase_create("vault_index");
        SRunner *sr;
        int failed;

        tcase_add_test(tc, accepts_documents_and_secrets);
        tcase_add_test(tc, refuses_another_domain_and_bad_entries);
        suite_add_tcase(s, tc);
        sr = srunner_create(s);
        srunner_run_all(sr, CK_NORMAL);
        failed = srunner_ntests_failed(sr);
        srunner_free(sr);
        return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
