/* rm and forget: a diagnosis removed; a person's diagnoses erased, their counts kept
 * (date, form, autonomy) for the statistics, without id, pseudonym or answers. */
#include "cli.h"
#include "commands.h"
#include "db.h"
#include "diagnose.h"
#include "i18n.h"
#include "msg.h"
#include "store.h"

#include <stdio.h>

int cmd_rm(int argc, char **argv, struct ctx *ctx)
{
        static const struct option none[] = {{NULL, 0, NULL, 0}};
        struct denv *e;
        sqlite3_stmt *st;
        long long n;

        while (cli_getopt(ctx, argc, argv, none) != -1)
                ;
        if (argc - optind != 1)
                cli_usage_error(ctx, "%s", _("expected one diagnosis (its number or id)"));
        e = denv_open_existing(ctx);
        n = db_resolve(e, argv[optind]);
        store_exec(e->db, "PRAGMA secure_delete = ON");
        store_begin(e->db);
        st = store_prepare(e->db, "DELETE FROM diagnosis WHERE n = ?");
        sqlite3_bind_int64(st, 1, n);
        store_step(e->db, st);
        sqlite3_finalize(st);
        store_commit(e->db);
        msg_notice(_("diagnosis %lld removed"), n);
        denv_close(e);
        return 0;
}

int cmd_forget(int argc, char **argv, struct ctx *ctx)
{
        static const struct option longopts[] = {{"usager", required_argument, NULL, 'u'},
                                                 {NULL, 0, NULL, 0}};
        const char *usager = NULL;
        struct denv *e;
        sqlite3_stmt *st;
        int changed;

        while (cli_getopt(ctx, argc, argv, longopts) != -1)
                usager = optarg;
        cli_no_args(ctx, argc, argv);
        if (usager == NULL)
                cli_usage_error(ctx, "%s", _("--usager is required"));
        e = denv_open_existing(ctx);
        if (e->db == NULL)
                die(EX_NOINPUT, _("no diagnosis of %s"), usager);
        store_exec(e->db, "PRAGMA secure_delete = ON");
        store_begin(e->db);
        st = store_prepare(e->db, "UPDATE diagnosis SET id = NULL, usager = NULL, doc = NULL,"
                                  " signer = NULL, forgotten = ? WHERE usager = ?");
        sqlite3_bind_int64(st, 1, (sqlite3_int64)e->now);
        store_bind_text(st, 2, usager);
        store_step(e->db, st);
        sqlite3_finalize(st);
        changed = sqlite3_changes(e->db);
        st = store_prepare(e->db, "DELETE FROM run WHERE usager = ?");
        store_bind_text(st, 1, usager);
        store_step(e->db, st);
        changed += sqlite3_changes(e->db);
        sqlite3_finalize(st);
        if (changed == 0) {
                store_rollback(e->db);
                die(EX_NOINPUT, _("no diagnosis of %s"), usager);
        }
        store_commit(e->db);
        store_exec(e->db, "PRAGMA wal_checkpoint(TRUNCATE)");
        printf(_("the diagnoses of %s were erased; only their dates, forms and autonomy are "
                 "kept for the statistics\n"),
               usager);
        denv_close(e);
        return 0;
}
