/* aidant add|list|show|disable|accept-charter: the helpers of the structure, and their
 * acceptance of the helpers' charter (its hash goes to the journal). */
#include "cli.h"
#include "clock.h"
#include "commands.h"
#include "db.h"
#include "msg.h"
#include "i18n.h"
#include "journal.h"
#include "out.h"
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void no_more_args(struct ctx *ctx, int argc, char **argv, int want)
{
        if (argc - optind < want)
                cli_usage_error(ctx, "%s", _("missing argument"));
        if (argc - optind > want)
                cli_usage_error(ctx, _("unexpected argument '%s'"), argv[optind + want]);
}

static void only_positional(struct ctx *ctx, int argc, char **argv, int want)
{
        static const struct option none[] = {{NULL, 0, NULL, 0}};

        while (cli_getopt(ctx, argc, argv, none) != -1)
                ;
        no_more_args(ctx, argc, argv, want);
}

static void journal_aidant(struct env *e, const char *action, long long id, const char *charter)
{
        json_t *f = journal_fields(action);

        jset(f, "aidant", json_integer(id));
        if (charter != NULL)
                jset(f, "charter", json_string(charter));
        journal_append(e, f);
        json_decref(f);
}

static int aidant_add(struct ctx *ctx, int argc, char **argv)
{
        static const struct option longopts[] = {
            {"name", required_argument, NULL, 'n'},
            {"email", required_argument, NULL, 'e'},
            {NULL, 0, NULL, 0},
        };
        const char *name = NULL, *email = NULL;
        struct env *e;
        sqlite3_stmt *st;
        long long id;
        int c;

        while ((c = cli_getopt(ctx, argc, argv, longopts)) != -1)
                if (c == 'n')
                        name = optarg;
                else
                        email = optarg;
        no_more_args(ctx, argc, argv, 0);
        arg_text(ctx, "--name", name);
        arg_text(ctx, "--email", email);
        if (name == NULL || name[0] == '\0')
                cli_usage_error(ctx, "%s", _("--name is required"));
        e = env_open_writer(ctx);
        journal_begin(e);
        st = store_prepare(e->db, "INSERT INTO aidant (name, email, created) VALUES (?, ?, ?)");
        store_bind_text(st, 1, name);
        store_bind_text(st, 2, email);
        sqlite3_bind_int64(st, 3, (sqlite3_int64)e->now);
        store_step(e->db, st);
        sqlite3_finalize(st);
        id = sqlite3_last_insert_rowid(e->db);
        journal_aidant(e, "add_aidant", id, NULL);
        journal_commit(e);
        printf("%lld\n", id);
        env_close(e);
        return 0;
}

/* A row of aidant as a record; arg is the hash of the current charter. */
static json_t *aidant_record(sqlite3_stmt *st, const void *arg)
{
        const char *charter = arg;
        const char *accepted = (const char *)sqlite3_column_text(st, 4);
        char at[11] = "";

        if (sqlite3_column_type(st, 5) != SQLITE_NULL)
                clock_format_date((time_t)sqlite3_column_int64(st, 5), at);
        return jpack("{s:I,s:s,s:s?,s:b,s:s,s:s?}", "id", (json_int_t)sqlite3_column_int64(st, 0),
                     "name", (const char *)sqlite3_column_text(st, 1), "email",
                     (const char *)sqlite3_column_text(st, 2), "active",
                     sqlite3_column_type(st, 3) == SQLITE_NULL, "charter",
                     accepted == NULL                 ? "not accepted"
                     : strcmp(accepted, charter) == 0 ? "accepted"
                                                      : "outdated",
                     "charter_accepted_on", at[0] != '\0' ? at : NULL);
}

static int aidant_list(struct ctx *ctx, int argc, char **argv, const char *one)
{
        static const char *const cols[] = {"id", "name", "email", "active", "charter", NULL};
        struct env *e = env_open(ctx);
        sqlite3_stmt *st = store_prepare(
            e->db, "SELECT id, name, email, disabled_at, charter_hash, charter_at FROM aidant"
                   " WHERE ?1 IS NULL OR id = ?1 ORDER BY id");
        char charter[65];

        charter_hash(charter);
        if (one != NULL) {
                struct aidant_row a;

                aidant_get(e, one, &a);
                sqlite3_bind_int64(st, 1, a.id);
                aidant_row_clear(&a);
        }
        out_rows(ctx, e->db, st, cols, one != NULL, aidant_record, charter);
        env_close(e);
        return 0;
}

/* disable and accept-charter: one change of a helper, journaled. */
static int aidant_change(struct ctx *ctx, const char *id, bool disable)
{
        struct env *e = env_open_writer(ctx);
        struct aidant_row a;
        sqlite3_stmt *st;
        char charter[65];

        aidant_get(e, id, &a);
        if (a.disabled)
                die(EX_NOPERM, _("helper %s (%s) is disabled"), id, a.name);
        charter_hash(charter);
        journal_begin(e);
        st = store_prepare(e->db, disable ? "UPDATE aidant SET disabled_at = ?1 WHERE id = ?2"
                                          : "UPDATE aidant SET charter_hash = ?3, charter_at = ?1"
                                            " WHERE id = ?2");
        sqlite3_bind_int64(st, 1, (sqlite3_int64)e->now);
        sqlite3_bind_int64(st, 2, a.id);
        if (!disable)
                store_bind_text(st, 3, charter);
        store_step(e->db, st);
        sqlite3_finalize(st);
        journal_aidant(e, disable ? "disable_aidant" : "accept_charter", a.id,
                       disable ? NULL : charter);
        journal_commit(e);
        if (disable)
                printf(_("helper %lld (%s) disabled\n"), a.id, a.name);
        else
                printf(_("helper %lld (%s) accepted the charter %.16s\n"), a.id, a.name, charter);
        aidant_row_clear(&a);
        env_close(e);
        return 0;
}

int cmd_aidant(int argc, char **argv, struct ctx *ctx)
{
        const char *sub = argc > 1 ? argv[1] : "";

        if (strcmp(sub, "add") == 0)
                return aidant_add(ctx, argc - 1, argv + 1);
        if (strcmp(sub, "list") == 0) {
                only_positional(ctx, argc - 1, argv + 1, 0);
                return aidant_list(ctx, argc - 1, argv + 1, NULL);
        }
        if (strcmp(sub, "show") == 0 || strcmp(sub, "disable") == 0 ||
            strcmp(sub, "accept-charter") == 0) {
                only_positional(ctx, argc - 1, argv + 1, 1);
                if (sub[0] == 's')
                        return aidant_list(ctx, argc - 1, argv + 1, argv[1 + optind]);
                return aidant_change(ctx, argv[1 + optind], sub[0] == 'd');
        }
        if (sub[0] == '\0')
                cli_usage_error(ctx, "%s", _("missing subcommand"));
        cli_usage_error(ctx, _("unknown subcommand '%s'"), sub);
}
