/* init: the structure identity made when absent, reused when another tool (aidant-mandate,
 * aidant-stats) made it, and the store; the key id recorded in every diagnosis. */
#include "ident.h"
#include "cli.h"
#include "commands.h"
#include "db.h"
#include "i18n.h"
#include "msg.h"
#include "structure.h"

#include <stdio.h>
#include <string.h>

bool ident_keyid(const char *home, char out[17])
{
        struct structure *s;

        if (!structure_exists(home))
                return false;
        s = structure_open(home, DIAG_INIT_CMD);
        snprintf(out, 17, "%s", structure_key_id(s));
        structure_close(s);
        return true;
}

static void parse_init(struct ctx *ctx, int argc, char **argv, struct structure_new *n)
{
        static const struct option longopts[] = {{"name", required_argument, NULL, 'n'},
                                                 {"siret", required_argument, NULL, 's'},
                                                 {NULL, 0, NULL, 0}};
        int c;

        while ((c = cli_getopt(ctx, argc, argv, longopts)) != -1) {
                if (c == 'n')
                        n->name = optarg;
                else
                        n->siret = optarg;
        }
        cli_no_args(ctx, argc, argv);
        if ((n->name == NULL || n->siret == NULL) && !structure_exists(ctx->home))
                cli_usage_error(ctx, "%s", _("--name and --siret are required"));
        if (n->name != NULL && !structure_text_ok(n->name))
                cli_usage_error(ctx, _("%s: not one line of UTF-8 text"), "--name");
        if (n->siret != NULL && !structure_siret_ok(n->siret))
                cli_usage_error(ctx, _("--siret: '%s' is not 14 digits"), n->siret);
}

int cmd_init(int argc, char **argv, struct ctx *ctx)
{
        struct structure_new n = {0};
        struct structure *s;
        bool created;

        parse_init(ctx, argc, argv, &n);
        s = structure_create(ctx->home, &n, &ctx->secrets, &created);
        denv_close(denv_open(ctx));
        if (!created)
                msg_notice(_("the structure %s (key %s) is used"), structure_name(s),
                           structure_key_id(s));
        printf(_("structure: %s (SIRET %s)\nkey id: %s\npublic key: %s\n"), structure_name(s),
               structure_siret(s), structure_key_id(s), structure_pubkey_path(s));
        structure_close(s);
        return 0;
}
