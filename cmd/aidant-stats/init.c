/* init: the statistics store of a structure (stats.db in the home). */
#include "cli.h"
#include "commands.h"
#include "db.h"
#include "i18n.h"
#include "msg.h"

#include <stdlib.h>
#include <unistd.h>

int cmd_init(int argc, char **argv, struct ctx *ctx)
{
        static const struct option opts[] = {{NULL, 0, NULL, 0}};
        struct db *db;

        while (cli_getopt(ctx, argc, argv, opts) != -1)
                ;
        cli_no_args(ctx, argc, argv);
        db = db_create(ctx);
        msg_notice(_("statistics store ready in %s"), ctx->home);
        db_close(db);
        return 0;
}
