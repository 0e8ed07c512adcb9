/* The stats part of the demo sandbox (--demo): a fictitious month (November 2026) of a
 * France Services desk, its accompaniments and workshops, some of them with the people
 * of the diag demo. */
#include "commands.h"
#include "cli.h"
#include "db.h"
#include "import.h"

#include <stdlib.h>

void stats_demo_fill(struct ctx *ctx)
{
        char *path = cli_share_path("demo/data/stats-france-services-2026-11.csv");
        struct db *db = db_create(ctx);

        db_begin(db);
        import_shipped(ctx, db, path);
        db_commit(db);
        db_close(db);
        free(path);
}
