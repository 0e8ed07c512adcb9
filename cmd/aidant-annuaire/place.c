/* show and rm: one place as stored, and the removal of places by id (all or nothing). */
#include "cli.h"
#include "commands.h"
#include "db.h"
#include "msg.h"
#include "xalloc.h"
#include "i18n.h"
#include "jsonw.h"
#include "rec.h"
#include "schema.h"
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const struct option no_options[] = {{NULL, 0, NULL, 0}};

/* On a terminal: one "field  value" line per field, lists '|'-joined, numbers as given. */
static void print_fields(json_t *rec)
{
        struct strbuf line = STRBUF_INIT;
        const char *key;
        json_t *v;

        json_object_foreach(rec, key, v)
        {
                size_t i, n = json_is_array(v) ? json_array_size(v) : 1;

                strbuf_reset(&line);
                strbuf_addf(&line, "%-32s ", key);
                for (i = 0; i < n; i++) {
                        char *text = rec_scalar_text(json_is_array(v) ? json_array_get(v, i) : v);

                        strbuf_addstr(&line, i > 0 ? " | " : "");
                        strbuf_addstr(&line, text != NULL ? text : "");
                        free(text);
                }
                puts(strbuf_str(&line));
        }
        strbuf_release(&line);
}

int cmd_show(int argc, char **argv, struct ctx *ctx)
{
        struct db *db;
        json_t *rec;
        const char *id;
        char *path;
        bool exists;

        while (cli_getopt(ctx, argc, argv, no_options) != -1)
                ;
        if (optind + 1 != argc)
                cli_usage_error(ctx, _("show takes one id"));
        id = argv[optind];
        path = xasprintf("%s/annuaire.db", ctx->home);
        exists = access(path, F_OK) == 0; /* looking must not create a store */
        free(path);
        if (!exists)
                return msg_error(EX_NOINPUT, _("%s: no such place"), id);
        db = db_open(ctx);
        rec = db_get(db, id);
        db_close(db);
        if (rec == NULL)
                return msg_error(EX_NOINPUT, _("%s: no such place"), id);
        if (ctx->format == FMT_TABLE) {
                rec_demo_banner(stdout);
                print_fields(rec);
        } else if (ctx->format == FMT_JSON || ctx->format == FMT_NDJSON) {
                jsonw_print(stdout, rec,
                            ctx->format == FMT_NDJSON ? &jsonw_compact : &jsonw_pretty);
        } else {
                struct rec_writer *w = rec_writer_open(stdout, ctx->format, schema_fields);

                rec_write(w, rec);
                rec_writer_close(w);
        }
        json_decref(rec);
        return 0;
}

int cmd_rm(int argc, char **argv, struct ctx *ctx)
{
        struct db *db;
        int code = 0;

        while (cli_getopt(ctx, argc, argv, no_options) != -1)
                ;
        if (optind >= argc)
                cli_usage_error(ctx, _("rm needs at least one id"));
        db = db_open(ctx);
        store_begin(db->sql);
        for (int i = optind; i < argc && code == 0; i++)
                if (!db_remove(db, argv[i]))
                        code =
                            msg_error(EX_NOINPUT, _("%s: no such place, nothing removed"), argv[i]);
        if (code == 0)
                store_commit(db->sql);
        else
                store_rollback(db->sql);
        db_close(db);
        if (code == 0)
                msg_notice(_("places removed: %d"), argc - optind);
        return code;
}
