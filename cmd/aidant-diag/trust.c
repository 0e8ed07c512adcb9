/* trust add|list|rm: the public keys of the structures one works with, whose portable
 * diagnoses verify and import without --pubkey; a key file is read by common/structure,
 * the store keeps its base64 line. */
#include "cli.h"
#include "commands.h"
#include "db.h"
#include "i18n.h"
#include "msg.h"
#include "out.h"
#include "show.h"
#include "portable.h"
#include "rec.h"
#include "sig.h"
#include "store.h"
#include "structure.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool trust_find(struct denv *e, const char *keyid, struct sig_pubkey *pk, char **name)
{
        sqlite3_stmt *st;
        bool found = false;

        if (e->db == NULL)
                return false;
        st = store_prepare(e->db, "SELECT pubkey, name FROM trust WHERE keyid = ?");
        store_bind_text(st, 1, keyid);
        if (store_step(e->db, st) == SQLITE_ROW) {
                const char *b64 = (const char *)sqlite3_column_text(st, 0);

                /* the base64 line sig_pubkey_base64 wrote in trust add */
                found = sig_pubkey_parse(b64, strlen(b64), pk) == SIG_OK;
                if (!found)
                        die(EX_DATAERR, _("the trusted key %s is corrupt in the store"), keyid);
                *name = xstrdup((const char *)sqlite3_column_text(st, 1));
        }
        sqlite3_finalize(st);
        return found;
}

static int trust_add(struct ctx *ctx, int argc, char **argv)
{
        static const struct option longopts[] = {{"name", required_argument, NULL, 'n'},
                                                 {NULL, 0, NULL, 0}};
        const char *name = NULL;
        struct sig_pubkey pk;
        struct denv *e;
        sqlite3_stmt *st;
        char keyid[17], *b64;

        while (cli_getopt(ctx, argc, argv, longopts) != -1)
                name = optarg;
        if (argc - optind != 1 || name == NULL)
                cli_usage_error(ctx, "%s", _("trust add needs a public key file and --name"));
        if (!structure_text_ok(name))
                cli_usage_error(ctx, _("%s: not one line of UTF-8 text"), "--name");
        structure_trusted_key(ctx->home, argv[optind], &pk);
        sig_keyid_hex(pk.keyid, keyid);
        b64 = sig_pubkey_base64(&pk);
        e = denv_open(ctx);
        st = store_prepare(e->db, "INSERT OR REPLACE INTO trust (keyid, name, pubkey, added)"
                                  " VALUES (?, ?, ?, ?)");
        store_bind_text(st, 1, keyid);
        store_bind_text(st, 2, name);
        store_bind_text(st, 3, b64);
        sqlite3_bind_int64(st, 4, (sqlite3_int64)e->now);
        store_begin(e->db);
        store_step(e->db, st);
        store_commit(e->db);
        sqlite3_finalize(st);
        printf("%s\n", keyid);
        free(b64);
        denv_close(e);
        return 0;
}

static int trust_list(struct ctx *ctx)
{
        static const char *const cols[] = {"keyid", "name", "added", NULL};
        struct denv *e = denv_open_existing(ctx);
        struct rec_writer *w = show_list(ctx, cols);

        if (e->db != NULL) {
                sqlite3_stmt *st =
                    store_prepare(e->db, "SELECT keyid, name, date(added, 'unixepoch')"
                                         " FROM trust ORDER BY name");
                while (store_step(e->db, st) == SQLITE_ROW) {
                        json_t *rec = json_pack(
                            "{s:s,s:s,s:s}", "keyid", sqlite3_column_text(st, 0), "name",
                            sqlite3_column_text(st, 1), "added", sqlite3_column_text(st, 2));

                        rec_write(w, rec);
                        json_decref(rec);
                }
                sqlite3_finalize(st);
        }
        rec_writer_close(w);
        denv_close(e);
        return 0;
}

static int trust_rm(struct ctx *ctx, const char *who)
{
        struct denv *e = denv_open_existing(ctx);
        sqlite3_stmt *st;
        int changed;

        if (e->db == NULL)
                die(EX_NOINPUT, _("no trusted key '%s'"), who);
        st = store_prepare(e->db, "DELETE FROM trust WHERE keyid = ?1 OR name = ?1");
        store_bind_text(st, 1, who);
        store_begin(e->db);
        store_step(e->db, st);
        changed = sqlite3_changes(e->db);
        sqlite3_finalize(st);
        if (changed == 0) {
                store_rollback(e->db);
                die(EX_NOINPUT, _("no trusted key '%s'"), who);
        }
        store_commit(e->db);
        msg_notice(_("key %s is no longer trusted"), who);
        denv_close(e);
        return 0;
}

int cmd_trust(int argc, char **argv, struct ctx *ctx)
{
        static const struct option none[] = {{NULL, 0, NULL, 0}};
        const char *sub = argc > 1 ? argv[1] : "";

        if (strcmp(sub, "add") == 0)
                return trust_add(ctx, argc - 1, argv + 1);
        if (strcmp(sub, "list") != 0 && strcmp(sub, "rm") != 0) {
                if (sub[0] == '\0')
                        cli_usage_error(ctx, "%s", _("missing subcommand: add, list or rm"));
                cli_usage_error(ctx, _("unknown subcommand '%s'"), sub);
        }
        while (cli_getopt(ctx, argc - 1, argv + 1, none) != -1)
                ;
        if (strcmp(sub, "list") == 0) {
                cli_no_args(ctx, argc - 1, argv + 1);
                return trust_list(ctx);
        }
        if (argc - 1 - optind != 1)
                cli_usage_error(ctx, "%s", _("trust rm needs a key id or a name"));
        return trust_rm(ctx, argv[1 + optind]);
}
