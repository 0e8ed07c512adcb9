/* The journal's chain, signatures and checkpoints: entries chain by BLAKE2b-256 and are
 * signed by the journal key, checkpoints are minisign signatures of the head by the
 * structure key, and verification names the first entry that fails. */
#include "cli.h"
#include "db.h"
#include "msg.h"
#include "xalloc.h"
#include "head.h"
#include "jkey.h"
#include "journal.h"
#include "store.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const struct tool tool = {.name = "aidant-mandate", .summary = "", .commands = NULL};
static struct ctx ctx;
static char home[64];

static void remove_home(void)
{
        char *cmd = xasprintf("rm -rf '%s'", home);

        if (system(cmd) != 0)
                fprintf(stderr, "cannot remove %s\n", home);
        free(cmd);
}

/* A structure with a fresh (unencrypted) key, its journal key and n journal entries,
 * committed with their signed head; its folder goes at exit, also when a test ends
 * through die(). */
static struct env *world(int n)
{
        struct structure_new sn = {.name = "Test", .siret = "21010053100017", .unencrypted = true};
        struct env *e;
        bool created;

        snprintf(home, sizeof(home), "/tmp/check_mandate_journal.XXXXXX");
        ck_assert_ptr_nonnull(mkdtemp(home));
        atexit(remove_home);
        ctx.tool = &tool;
        ctx.home = home;
        secret_srcs_init(&ctx.secrets);
        setenv("AIDANT_NOW", "2026-11-23T10:00:00Z", 1);
        e = env_open_uninit(&ctx);
        env_attach(e, structure_create(home, &sn, &ctx.secrets, &created));
        store_begin(e->db);
        jkey_create(e, 1);
        for (int i = 0; i < n; i++) {
                json_t *f = journal_fields("use_autorisation");

                json_object_set_new(f, "aidant", json_integer(i % 3 + 1));
                ck_assert_int_eq(journal_append(e, f), i + 1);
                json_decref(f);
        }
        journal_commit(e);
        return e;
}

static void done(struct env *e)
{
        env_close(e);
}

START_TEST(entries_are_canonical_and_chained)
{
        struct env *e = world(2);
        sqlite3_stmt *st = store_prepare(e->db, "SELECT entry FROM journal ORDER BY seq");
        char first[65];

        ck_assert_int_eq(store_step(e->db, st), SQLITE_ROW);
        ck_assert_str_eq((const char *)sqlite3_column_text(st, 0),
                         "{\"seq\":1,\"prev\":\"" JOURNAL_ZERO_HASH "\",\"time\":"
                         "\"2026-11-23T10:00:00Z\",\"action\":\"use_autorisation\",\"aidant\":1}");
        hash_hex(sqlite3_column_text(st, 0), (size_t)sqlite3_column_bytes(st, 0), first);
        ck_assert_int_eq(store_step(e->db, st), SQLITE_ROW);
        ck_assert(strstr((const char *)sqlite3_column_text(st, 0), first) != NULL);
        sqlite3_finalize(st);
        done(e);
}
END_TEST

START_TEST(untouched_journal_verifies)
{
        struct env *e = world(50);
        struct journal_report r;

        ck_assert_int_eq(journal_verify(e->db, e->dir, &e->pk, &r), 0);
        ck_assert_int_eq(r.entries, 50);
        ck_assert_int_eq(r.checkpoints, 1);
        done(e);
}
END_TEST

START_TEST(tampering_names_the_first_bad_entry)
{
        struct env *e = world(20);
        struct journal_report r;

        store_exec(e->db, "UPDATE journal SET entry = replace(entry, '\"aidant\":2', "
                          "'\"aidant\":9') WHERE seq = 11");
        ck_assert_int_eq(journal_verify(e->db, e->dir, &e->pk, &r), 1);
        ck_assert_int_eq(r.bad_seq, 11);
        ck_assert(strstr(r.msg, "entry 11") != NULL);
        store_exec(e->db, "DELETE FROM journal WHERE seq = 5");
        ck_assert_int_eq(journal_verify(e->db, e->dir, &e->pk, &r), 1);
        ck_assert_int_eq(r.bad_seq, 5);
        done(e);
}
END_TEST

START_TEST(checkpoints_catch_truncation_and_foreign_keys)
{
        struct env *e = world(10);
        struct sig_pubkey other;
        struct sig_seckey *osk = sig_seckey_new();
        struct journal_report r;

        store_exec(e->db, "DELETE FROM journal WHERE seq > 8");
        ck_assert_int_eq(journal_verify(e->db, e->dir, &e->pk, &r), 1);
        ck_assert(strstr(r.msg, "truncated") != NULL);
        sig_keygen(osk, &other);
        ck_assert_int_eq(journal_verify(e->db, e->dir, &other, &r), 1);
        ck_assert(strstr(r.msg, "another key") != NULL);
        sig_seckey_free(osk);
        done(e);
}
END_TEST

START_TEST(entry_signatures_are_checked_after_the_last_checkpoint)
{
        struct env *e = world(5);
        struct journal_report r;
        char sig[JKEY_SIG_B64];

        /* an entry appended by someone without the journal key, head re-signed by us */
        store_begin(e->db);
        store_exec(e->db, "UPDATE journal SET sig = 'AAAA' WHERE seq = 5");
        store_exec(e->db, "DELETE FROM checkpoint");
        head_write(e);
        store_commit(e->db);
        ck_assert_int_eq(journal_verify(e->db, e->dir, &e->pk, &r), 1);
        ck_assert(strstr(r.msg, "checkpoint") != NULL);
        /* the signature of an entry is not valid as the signature of a head */
        jkey_sign(e, ENTRY_DOMAIN, "x", 1, sig);
        ck_assert(jkey_verify(&(struct sig_pubkey){{0}, {0}}, ENTRY_DOMAIN, "x", 1, sig) == false);
        done(e);
}
END_TEST

START_TEST(the_state_digest_follows_the_deciding_rows)
{
        struct env *e = world(1);
        char a[65], b[65], c[65];

        head_state(e->db, a);
        store_exec(e->db, "INSERT INTO aidant (id, name, created) VALUES (1, 'Camille', 0)");
        head_state(e->db, b);
        ck_assert_str_ne(a, b);
        /* a name decides nothing: not in the digest */
        store_exec(e->db, "UPDATE aidant SET name = 'Camille R.'");
        head_state(e->db, c);
        ck_assert_str_eq(b, c);
        store_exec(e->db, "UPDATE aidant SET disabled_at = 5");
        head_state(e->db, c);
        ck_assert_str_ne(b, c);
        done(e);
}
END_TEST

START_TEST(a_changed_table_stops_every_command)
{
        struct env *e = world(3);

        head_trust(e);
        store_exec(e->db, "INSERT INTO usager (pseudo, created) VALUES ('u-1', 0)");
        head_trust(e); /* exits 65 */
}
END_TEST

int main(void)
{
        Suite *s = suite_create("mandate_journal");
        TCase *tc = tcase_create("journal");
        SRunner *sr;
        int failed;

        tcase_add_test(tc, entries_are_canonical_and_chained);
        tcase_add_test(tc, untouched_journal_verifies);
        tcase_add_test(tc, tampering_names_the_first_bad_entry);
        tcase_add_test(tc, checkpoints_catch_truncation_and_foreign_keys);
        tcase_add_test(tc, entry_signatures_are_checked_after_the_last_checkpoint);
        tcase_add_test(tc, the_state_digest_follows_the_deciding_rows);
        tcase_add_exit_test(tc, a_changed_table_stops_every_command, 65);
        suite_add_tcase(s, tc);
        sr = srunner_create(s);
        srunner_run_all(sr, CK_NORMAL);
        failed = srunner_ntests_failed(sr);
        srunner_free(sr);
        return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
