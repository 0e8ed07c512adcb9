/* init, pubkey and structure: the structure identity of common/structure.h (made here
 * when absent, reused when another tool made it), the first journal entry and its
 * signed checkpoint, and the address and phone printed on attestations. */
#include "cli.h"
#include "commands.h"
#include "db.h"
#include "clock.h"
#include "i18n.h"
#include "jkey.h"
#include "journal.h"
#include "msg.h"
#include "show.h"
#include "store.h"
#include "structure.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void parse_init(struct ctx *ctx, int argc, char **argv, struct structure_new *n)
{
        static const struct option longopts[] = {
            {"name", required_argument, NULL, 'n'},
            {"siret", required_argument, NULL, 's'},
            {"address", required_argument, NULL, 'A'},
            {"phone", required_argument, NULL, 'P'},
            {"unencrypted", no_argument, NULL, 'U'},
            {"import-key", required_argument, NULL, 'k'},
            {NULL, 0, NULL, 0},
        };
        int c;

        while ((c = cli_getopt(ctx, argc, argv, longopts)) != -1) {
                if (c == 'n')
                        n->name = optarg;
                else if (c == 's')
                        n->siret = optarg;
                else if (c == 'A')
                        n->address = optarg;
                else if (c == 'P')
                        n->phone = optarg;
                else if (c == 'U')
                        n->unencrypted = true;
                else if (c == 'k')
                        n->import_key = optarg;
        }
        cli_no_args(ctx, argc, argv);
        if ((n->name == NULL || n->siret == NULL) && !structure_exists(ctx->home))
                cli_usage_error(ctx, "%s", _("--name and --siret are required"));
        arg_text(ctx, "--name", n->name);
        arg_text(ctx, "--address", n->address);
        arg_text(ctx, "--phone", n->phone);
        if (n->siret != NULL && !structure_siret_ok(n->siret))
                cli_usage_error(ctx, _("--siret: '%s' is not 14 digits"), n->siret);
        if (n->unencrypted && n->import_key != NULL)
                cli_usage_error(ctx, "%s",
                                _("--unencrypted and --import-key cannot be used together"));
}

/* The first journal key, the first entry naming the structure and its key, and the first
 * checkpoint. */
static void record_structure(struct env *e)
{
        json_t *f = journal_fields("create_structure");

        store_begin(e->db);
        e->now = clock_now();
        jkey_create(e, 1);
        jset(f, "structure",
             jpack("{s:s,s:s,s:s}", "name", structure_name(e->st), "siret", structure_siret(e->st),
                   "keyid", e->keyid));
        journal_append(e, f);
        json_decref(f);
        journal_commit(e);
}

int cmd_init(int argc, char **argv, struct ctx *ctx)
{
        struct structure_new n = {0};
        struct structure *st;
        struct env *e;
        bool created;

        parse_init(ctx, argc, argv, &n);
        e = env_open_uninit(ctx);
        st = structure_create(ctx->home, &n, &ctx->secrets, &created);
        env_attach(e, st);
        if (env_has_journal(e))
                die(EX_CANTCREAT, _("aidant-mandate is already set up in %s"), ctx->home);
        if (!created)
                msg_notice(_("the structure %s (key %s) is used"), structure_name(st), e->keyid);
        env_secret_key(e);
        record_structure(e);
        printf(_("structure: %s (SIRET %s)\nkey id: %s\npublic key: %s\n"), structure_name(st),
               structure_siret(st), e->keyid, structure_pubkey_path(st));
        env_close(e);
        return 0;
}

int cmd_pubkey(int argc, char **argv, struct ctx *ctx)
{
        struct structure *st;
        char *pub;

        cli_no_args(ctx, argc, argv);
        st = structure_open(ctx->home, "aidant-mandate init");
        pub = structure_pubkey_text(st);
        fputs(pub, stdout);
        free(pub);
        structure_close(st);
        return 0;
}

static json_t *structure_record(const struct structure *st)
{
        json_t *rec = json_object();

        jset(rec, "name", json_string(structure_name(st)));
        jset(rec, "siret", json_string(structure_siret(st)));
        jset(rec, "key_id", json_string(structure_key_id(st)));
        jset(rec, "address",
             structure_address(st) != NULL ? json_string(structure_address(st)) : json_null());
        jset(rec, "phone",
             structure_phone(st) != NULL ? json_string(structure_phone(st)) : json_null());
        jset(rec, "public_key", json_string(structure_pubkey_path(st)));
        return rec;
}

static int structure_set_cmd(struct ctx *ctx, int argc, char **argv, struct structure *st)
{
        static const struct option longopts[] = {
            {"address", required_argument, NULL, 'A'},
            {"phone", required_argument, NULL, 'P'},
            {NULL, 0, NULL, 0},
        };
        const char *address = NULL, *phone = NULL;
        int c;

        while ((c = cli_getopt(ctx, argc, argv, longopts)) != -1) {
                if (c == 'A')
                        address = optarg;
                else
                        phone = optarg;
        }
        cli_no_args(ctx, argc, argv);
        if (address == NULL && phone == NULL)
                cli_usage_error(ctx, "%s", _("set needs --address or --phone"));
        if (address != NULL && address[0] != '\0')
                arg_text(ctx, "--address", address);
        if (phone != NULL && phone[0] != '\0')
                arg_text(ctx, "--phone", phone);
        structure_set(st, address, phone);
        return 0;
}

int cmd_structure(int argc, char **argv, struct ctx *ctx)
{
        const char *sub = argc > 1 ? argv[1] : "";
        struct structure *st;
        int rc = 0;

        if (strcmp(sub, "show") != 0 && strcmp(sub, "set") != 0) {
                if (sub[0] == '\0')
                        cli_usage_error(ctx, "%s", _("missing subcommand"));
                cli_usage_error(ctx, _("unknown subcommand '%s'"), sub);
        }
        if (strcmp(sub, "show") == 0)
                cli_no_args(ctx, argc - 1, argv + 1);
        st = structure_open(ctx->home, "aidant-mandate init");
        if (strcmp(sub, "set") == 0) {
                rc = structure_set_cmd(ctx, argc - 1, argv + 1, st);
        } else {
                json_t *rec = structure_record(st);

                show_record(ctx, rec);
                json_decref(rec);
        }
        structure_close(st);
        return rc;
}
