/* init: the statistics store of a structure (stats.db in the home) and, when asked or
 * already there, the structure identity its network files are signed with (the one key
 * of every aidant tool, common/structure.h). */
#include "cli.h"
#include "commands.h"
#include "db.h"
#include "i18n.h"
#include "msg.h"
#include "structure.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void parse(struct ctx *ctx, int argc, char **argv, struct structure_new *n)
{
        static const struct option opts[] = {
            {"name", required_argument, NULL, 'n'},
            {"siret", required_argument, NULL, 's'},
            {"unencrypted", no_argument, NULL, 'u'},
            {NULL, 0, NULL, 0},
        };
        int c;

        while ((c = cli_getopt(ctx, argc, argv, opts)) != -1) {
                if (c == 'n' && !structure_text_ok(optarg))
                        cli_usage_error(ctx, "%s", _("--name: one line of text"));
                else if (c == 's' && !structure_siret_ok(optarg))
                        cli_usage_error(ctx, _("--siret: '%s' is not 14 digits"), optarg);
                if (c == 'n')
                        n->name = optarg;
                else if (c == 's')
                        n->siret = optarg;
                else
                        n->unencrypted = true;
        }
        cli_no_args(ctx, argc, argv);
        if ((n->name == NULL) != (n->siret == NULL))
                cli_usage_error(ctx, "%s", _("--name and --siret go together"));
}

int cmd_init(int argc, char **argv, struct ctx *ctx)
{
        struct structure_new n = {0};
        struct structure *s = NULL;
        struct db *db;
        bool created = false;

        parse(ctx, argc, argv, &n);
        if (n.name != NULL || structure_exists(ctx->home))
                s = structure_create(ctx->home, &n, &ctx->secrets, &created);
        db = db_create(ctx);
        msg_notice(_("statistics store ready in %s"), ctx->home);
        if (s == NULL)
                msg_notice("%s", _("no structure identity yet: network files need one "
                                   "(aidant-stats init --name <name> --siret <siret>)"));
        else
                msg_notice(created ? _("structure %s (SIRET %s) created, key %s")
                                   : _("structure %s (SIRET %s) reused, key %s"),
                           structure_name(s), structure_siret(s), structure_key_id(s));
        structure_close(s);
        db_close(db);
        return 0;
}
