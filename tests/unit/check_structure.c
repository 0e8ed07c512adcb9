/* The structure identity: one folder, one key pair, made once and reused by every tool;
 * what it signs verifies with its public key (and only with it), demo signatures are
 * marked, an older aidant-mandate's key moves in. */
#include "demo.h"
#include "structure.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char base[64];
static char home[128];
static char passfile[160];
static struct secret_srcs secrets;

static void fresh_home(void)
{
        snprintf(home, sizeof(home), "%s/h.XXXXXX", base);
        ck_assert_ptr_nonnull(mkdtemp(home));
        snprintf(passfile, sizeof(passfile), "%s.pass", home);
        FILE *fp = fopen(passfile, "w");
        fputs("correct horse\n", fp);
        fclose(fp);
        secret_srcs_init(&secrets);
        secrets.file[SECRET_PASSPHRASE] = passfile;
        demo_set(false);
}

static void cleanup(void)
{
        char *cmd;

        if (asprintf(&cmd, "rm -rf '%s' '%s'", home, passfile) > 0 && system(cmd) != -1)
                free(cmd);
}

static int mode_of(const char *rel)
{
        char path[256];
        struct stat st;

        snprintf(path, sizeof(path), "%s/%s", home, rel);
        return stat(path, &st) == 0 ? (int)(st.st_mode & 0777) : -1;
}

static struct structure *make(const char *siret)
{
        struct structure_new n = {.name = "Médiathèque Jean-Jaurès",
                                  .siret = siret,
                                  .address = "3 rue de la Paix, 73000 Chambéry",
                                  .phone = "04 79 00 00 00"};
        bool created;

        return structure_create(home, &n, &secrets, &created);
}

START_TEST(create_writes_the_folder_and_reuses_it)
{
        struct structure_new again = {.name = NULL, .siret = NULL};
        struct structure *s, *t;
        bool created;
        char key[17];

        fresh_home();
        s = make("21010053100017");
        ck_assert(structure_unlocked(s));
        ck_assert_int_eq(mode_of("structure"), 0700);
        ck_assert_int_eq(mode_of("structure/structure.key"), 0600);
        ck_assert_int_eq(mode_of("structure/structure.pub"), 0644);
        ck_assert_int_eq(mode_of("structure/structure.json"), 0600);
        ck_assert_str_eq(structure_siret(s), "21010053100017");
        ck_assert_uint_eq(strlen(structure_key_id(s)), 16);
        snprintf(key, sizeof(key), "%s", structure_key_id(s));
        structure_close(s);
        t = structure_create(home, &again, &secrets, &created);
        ck_assert(!created);
        ck_assert(!structure_unlocked(t));
        ck_assert_str_eq(structure_key_id(t), key);
        ck_assert_str_eq(structure_name(t), "Médiathèque Jean-Jaurès");
        ck_assert_str_eq(structure_address(t), "3 rue de la Paix, 73000 Chambéry");
        structure_close(t);
        t = structure_open(home, "aidant-diag init");
        ck_assert_str_eq(structure_key_id(t), key);
        ck_assert(structure_exists(home));
        structure_close(t);
        cleanup();
}
END_TEST

START_TEST(another_siret_is_refused)
{
        fresh_home();
        structure_close(make("21010053100017"));
        make("21730065600018"); /* exits 73 */
}
END_TEST

START_TEST(open_before_init_names_the_command)
{
        fresh_home();
        ck_assert(!structure_exists(home));
        structure_open(home, "aidant-stats init"); /* exits 78 */
}
END_TEST

START_TEST(wrong_passphrase_is_refused)
{
        struct structure *s;
        FILE *fp;

        fresh_home();
        structure_close(make("21010053100017"));
        s = structure_open(home, "aidant-mandate init");
        fp = fopen(passfile, "w");
        fputs("wrong\n", fp);
        fclose(fp);
        structure_unlock(s, &secrets); /* exits 77 */
}
END_TEST

START_TEST(signatures_verify_with_the_structure_key_only)
{
        struct structure *s, *other;
        struct structure_check c;
        struct sig_pubkey pk;
        char *sig, *id, other_home[160];

        fresh_home();
        structure_close(make("21010053100017"));
        s = structure_open(home, "aidant-diag init");
        ck_assert(!structure_unlock_if_open(s));
        structure_unlock(s, &secrets);
        sig = structure_sign(s, "hello\n", 6, "aidant-diag diagnosis id:42");
        ck_assert_ptr_nonnull(
            strstr(sig, "trusted comment: aidant-diag diagnosis id:42 structure:"));
        structure_trusted_key(home, NULL, &pk);
        ck_assert_int_eq(structure_verify(&pk, "hello\n", 6, sig, strlen(sig), &c), 0);
        ck_assert_str_eq(c.key_id, structure_key_id(s));
        id = structure_field(c.trusted, "structure");
        ck_assert_str_eq(id, structure_key_id(s));
        free(id);
        id = structure_field(c.trusted, "id");
        ck_assert_str_eq(id, "42");
        free(id);
        ck_assert_ptr_null(structure_field(c.trusted, "seq"));
        ck_assert(!c.demo);
        structure_check_clear(&c);
        ck_assert_int_eq(structure_verify(&pk, "hellO\n", 6, sig, strlen(sig), &c), 65);
        structure_check_clear(&c);
        ck_assert_int_eq(structure_verify(&pk, "hello\n", 6, "junk", 4, &c), 65);
        structure_check_clear(&c);
        /* another structure's key: a valid signature, but not by the trusted key */
        snprintf(other_home, sizeof(other_home), "%s/other", home);
        struct structure_new n = {.name = "CCAS", .siret = "21730065600018", .unencrypted = true};
        bool created;
        other = structure_create(other_home, &n, &secrets, &created);
        ck_assert(created);
        structure_trusted_key(other_home, NULL, &pk);
        ck_assert_int_eq(structure_verify(&pk, "hello\n", 6, sig, strlen(sig), &c), 77);
        ck_assert_ptr_nonnull(strstr(c.why, structure_key_id(s)));
        structure_check_clear(&c);
        structure_close(other);
        other = structure_open(other_home, "init");
        ck_assert(structure_unlock_if_open(other));
        structure_close(other);
        free(sig);
        structure_close(s);
        cleanup();
}
END_TEST

START_TEST(demo_signatures_are_marked_and_worth_nothing_outside)
{
        struct structure *s;
        struct structure_check c;
        struct sig_pubkey pk;
        struct structure_new n = {.name = "Démo", .siret = "21010053100017"};
        bool created;
        char *sig;

        fresh_home();
        demo_set(true);
        secret_srcs_init(&secrets); /* no source: the demo passphrase */
        s = structure_create(home, &n, &secrets, &created);
        sig = structure_sign(s, "x", 1, "aidant-stats export");
        ck_assert_ptr_nonnull(strstr(sig, " " DEMO_MARK "\n"));
        structure_trusted_key(home, NULL, &pk);
        ck_assert_int_eq(structure_verify(&pk, "x", 1, sig, strlen(sig), &c), 0);
        ck_assert(c.demo);
        structure_check_clear(&c);
        demo_set(false);
        ck_assert_int_eq(structure_verify(&pk, "x", 1, sig, strlen(sig), &c), 77);
        structure_check_clear(&c);
        structure_close(s);
        /* the demo passphrase opens the key */
        demo_set(true);
        s = structure_open(home, "init");
        structure_unlock(s, &secrets);
        ck_assert(structure_unlocked(s));
        structure_close(s);
        demo_set(false);
        free(sig);
        cleanup();
}
END_TEST

START_TEST(an_older_mandate_key_moves_in)
{
        struct structure *s;
        char path[768], *key, *pub;
        FILE *fp;

        fresh_home();
        structure_close(make("21010053100017"));
        s = structure_open(home, "init");
        key = structure_pubkey_text(s);
        structure_close(s);
        /* put the files where an older aidant-mandate kept them */
        snprintf(path, sizeof(path),
                 "mkdir %s/mandate && mv %s/structure/structure.key "
                 "%s/structure/structure.pub %s/mandate/ && rm -r %s/structure",
                 home, home, home, home, home);
        ck_assert_int_eq(system(path), 0);
        ck_assert(structure_exists(home));
        ck_assert_int_eq(mode_of("mandate/structure.key"), -1);
        ck_assert_int_eq(mode_of("structure/structure.key"), 0600);
        ck_assert_int_eq(mode_of("structure/structure.json"), 0600);
        s = structure_open(home, "init");
        pub = structure_pubkey_text(s);
        ck_assert_str_eq(pub, key);
        structure_unlock(s, &secrets);
        structure_close(s);
        snprintf(path, sizeof(path), "%s/structure/structure.pub", home);
        fp = fopen(path, "r");
        ck_assert_ptr_nonnull(fp);
        fclose(fp);
        free(key);
        free(pub);
        cleanup();
}
END_TEST

START_TEST(address_and_phone_change)
{
        struct structure *s;

        fresh_home();
        structure_close(make("21010053100017"));
        s = structure_open(home, "init");
        structure_set(s, "1 place de l'Hôtel de Ville", "");
        structure_close(s);
        s = structure_open(home, "init");
        ck_assert_str_eq(structure_address(s), "1 place de l'Hôtel de Ville");
        ck_assert_ptr_null(structure_phone(s));
        ck_assert(structure_text_ok("Hôtel"));
        ck_assert(!structure_text_ok("H\xf4tel"));
        ck_assert(!structure_text_ok("a\nb"));
        ck_assert(!structure_text_ok(""));
        ck_assert(structure_siret_ok("21010053100017"));
        ck_assert(!structure_siret_ok("2101005310001"));
        structure_close(s);
        cleanup();
}
END_TEST

START_TEST(a_replaced_public_key_is_refused)
{
        char cmd[768];

        fresh_home();
        structure_close(make("21010053100017"));
        snprintf(cmd, sizeof(cmd),
                 "printf 'untrusted comment: "
                 "x\\nRWTtNsrrznXVN78WST/qhZ35czLpKYvQ4w6+IMgsZ3cET2mV5mMe1Pt9\\n'"
                 " > %s/structure/structure.pub",
                 home);
        ck_assert_int_eq(system(cmd), 0);
        structure_open(home, "init"); /* exits 78: structure.json names another key */
}
END_TEST

int main(void)
{
        Suite *s = suite_create("structure");
        TCase *tc = tcase_create("identity");
        SRunner *sr;
        int failed;

        char *rm;

        snprintf(base, sizeof(base), "/tmp/check_structure.XXXXXX");
        if (mkdtemp(base) == NULL)
                return EXIT_FAILURE;
        setenv("AIDANT_KDF_LIGHT", "1", 1);
        setenv("AIDANT_NOW", "2026-11-23T10:00:00+01:00", 1);
        tcase_add_test(tc, create_writes_the_folder_and_reuses_it);
        tcase_add_exit_test(tc, another_siret_is_refused, 73);
        tcase_add_exit_test(tc, open_before_init_names_the_command, 78);
        tcase_add_exit_test(tc, wrong_passphrase_is_refused, 77);
        tcase_add_test(tc, signatures_verify_with_the_structure_key_only);
        tcase_add_test(tc, demo_signatures_are_marked_and_worth_nothing_outside);
        tcase_add_test(tc, an_older_mandate_key_moves_in);
        tcase_add_test(tc, address_and_phone_change);
        tcase_add_exit_test(tc, a_replaced_public_key_is_refused, 78);
        tcase_set_timeout(tc, 60);
        suite_add_tcase(s, tc);
        sr = srunner_create(s);
        srunner_run_all(sr, CK_NORMAL);
        failed = srunner_ntests_failed(sr);
        srunner_free(sr);
        if (asprintf(&rm, "rm -rf '%s'", base) > 0 && system(rm) != -1)
                free(rm);
        return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
