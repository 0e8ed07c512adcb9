/* journal and checkpoint: the journal for audits (and aidant-stats), its checkpoints
 * signed by the structure key, and the rotation of the journal key. */
#include "cli.h"
#include "clock.h"
#include "commands.h"
#include "db.h"
#include "msg.h"
#include "xalloc.h"
#include "i18n.h"
#include "journal.h"
#include "rec.h"
#include "show.h"
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void print_entries(struct ctx *ctx, sqlite3 *db, sqlite3_stmt *st)
{
        static const char *const cols[] = {"seq",    "time",   "action",    "aidant",
                                           "usager", "mandat", "demarches", NULL};
        bool raw = ctx->format == FMT_JSON || ctx->format == FMT_NDJSON;
        struct rec_writer *o = raw ? NULL : show_list(ctx, cols);
        long n = 0;

        if (ctx->format == FMT_JSON)
                fputs("[", stdout);
        while (store_step(db, st) == SQLITE_ROW) {
                const char *entry = (const char *)sqlite3_column_text(st, 0);
                json_t *rec;

                if (raw) {
                        /* the stored canonical bytes, so exports hash as the chain does */
                        if (ctx->format == FMT_JSON)
                                fputs(n > 0 ? ",\n" : "\n", stdout);
                        fputs(entry, stdout);
                        if (ctx->format == FMT_NDJSON)
                                putchar('\n');
                } else if ((rec = json_loads(entry, 0, NULL)) != NULL) {
                        rec_write(o, rec);
                        json_decref(rec);
                }
                n++;
        }
        if (ctx->format == FMT_JSON)
                fputs(n > 0 ? "\n]\n" : "]\n", stdout);
        if (o != NULL)
                rec_writer_close(o);
}

int cmd_journal(int argc, char **argv, struct ctx *ctx)
{
        static const struct option longopts[] = {
            {"since", required_argument, NULL, 's'},
            {"usager", required_argument, NULL, 'u'},
            {NULL, 0, NULL, 0},
        };
        const char *pseudo = NULL;
        char since[21] = "", *needle = NULL;
        struct env *e;
        sqlite3_stmt *st;
        time_t t;
        int c;

        while ((c = cli_getopt(ctx, argc, argv, longopts)) != -1) {
                if (c == 'u') {
                        pseudo = optarg;
                } else {
                        if (clock_parse(optarg, &t) != 0)
                                cli_usage_error(ctx, _("--since: '%s' is not a date"), optarg);
                        clock_format_utc(t, since);
                }
        }
        cli_no_args(ctx, argc, argv);
        e = env_open_writer(ctx);
        if (pseudo != NULL) {
                usager_get(e, pseudo, NULL);
                needle = xasprintf("\"usager\":\"%s\"", pseudo);
        }
        st = store_prepare(e->db, "SELECT entry FROM journal WHERE (?1 IS NULL OR"
                                  " substr(entry, instr(entry, '\"time\":\"') + 8, 20) >= ?1)"
                                  " AND (?2 IS NULL OR instr(entry, ?2) > 0) ORDER BY seq");
        store_bind_text(st, 1, since[0] != '\0' ? since : NULL);
        store_bind_text(st, 2, needle);
        print_entries(ctx, e->db, st);
        sqlite3_finalize(st);
        free(needle);
        env_close(e);
        return 0;
}

static void write_checkpoint(const char *path, const char *body, const char *sig)
{
        char *sig_path = xasprintf("%s.minisig", path);

        env_write(path, body, strlen(body), 0600);
        env_write(sig_path, sig, strlen(sig), 0600);
        free(sig_path);
}

/* Signs a checkpoint of the head (and first certifies a new journal key with rotate). */
static void sign_checkpoint(struct env *e, bool rotate)
{
        env_secret_key(e);
        journal_begin(e);
        if (rotate)
                journal_rotate(e);
        journal_commit(e);
        if (rotate)
                msg_notice(_("new journal key %s, certified by the structure key"), e->jkeyid);
}

int cmd_checkpoint(int argc, char **argv, struct ctx *ctx)
{
        static const struct option longopts[] = {
            {"new", no_argument, NULL, 'n'},
            {"rotate", no_argument, NULL, 'r'},
            {"output", required_argument, NULL, 'o'},
            {NULL, 0, NULL, 0},
        };
        const char *output = NULL;
        bool fresh = false, rotate = false;
        struct env *e;
        sqlite3_stmt *st;
        int c;

        while ((c = cli_getopt(ctx, argc, argv, longopts)) != -1) {
                if (c == 'n')
                        fresh = true;
                else if (c == 'r')
                        rotate = true;
                else if (c == 'o')
                        output = optarg;
        }
        cli_no_args(ctx, argc, argv);
        e = env_open_writer(ctx);
        if (fresh || rotate)
                sign_checkpoint(e, rotate);
        st = store_prepare(e->db, "SELECT body, minisig FROM checkpoint ORDER BY seq DESC LIMIT 1");
        if (store_step(e->db, st) != SQLITE_ROW)
                die(EX_NOINPUT, "%s",
                    _("no checkpoint yet: run 'aidant-mandate checkpoint --new'"));
        if (output != NULL)
                write_checkpoint(output, (const char *)sqlite3_column_text(st, 0),
                                 (const char *)sqlite3_column_text(st, 1));
        else
                printf("%s\n%s", (const char *)sqlite3_column_text(st, 0),
                       (const char *)sqlite3_column_text(st, 1));
        sqlite3_finalize(st);
        env_close(e);
        return 0;
}
