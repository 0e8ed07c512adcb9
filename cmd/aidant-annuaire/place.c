/* show and rm: one place as stored, and the removal of places by id (all or nothing). */
#include "cli.h"
#include "commands.h"
#include "db.h"
#include "msg.h"
#include "xalloc.h"
#include "i18n.h"
#include "rec.h"
#include "schema.h"
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const struct option no_options[] = {{NULL, 0, NULL, 0}};

/* On a terminal: one "field  value" line per field, lists '|'-joined. */
static void print_fields(json_t *rec)
{
        const char *key;
        json_t *v;

        json_object_foreach(rec, key, v)
        {
                char *text = json_is_string(v) ? xstrdup(json_string_value(v))
                                               : json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);

                if (json_is_array(v)) {
                        size_t i, len = 0;
                        json_t *e;

                        text[0] = '\0';
                        json_array_foreach(v, i, e) len += (size_t)sprintf(
                            text + len, "%s%s", i > 0 ? " | " : "", json_string_value(e));
                }
                printf("%-32s %s\n", key, text);
                free(text);
        }
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
                return msg_error(EX_DATAERR, _("%s: no such place"), id);
        db = db_open(ctx);
        rec = db_get(db, id);
        db_close(db);
        if (rec == NULL)
                return msg_error(EX_DATAERR, _("%s: no such place"), id);
        if (ctx->format == FMT_TABLE) {
                print_fields(rec);
        } else if (ctx->format == FMT_JSON || ctx->format == FMT_NDJSON) {
                json_dumpf(rec, stdout,
                           JSON_REAL_PRECISION(9) |
                               (ctx->format == FMT_NDJSON ? JSON_COMPACT : JSON_INDENT(2)));
                putchar('\n');
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
                            msg_error(EX_DATAERR, _("%s: no such place, nothing removed"), argv[i]);
        if (code == 0)
                store_commit(db->sql);
        else
                store_rollback(db->sql);
        db_close(db);
        if (code == 0)
                msg_notice(_("places removed: %d"), argc - optind);
        return code;
}
