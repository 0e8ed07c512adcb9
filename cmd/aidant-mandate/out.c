/* Lists of aidant-mandate written through the common record writers (rec.h), and the
 * printing of one record. */
#include "out.h"
#include "cli.h"
#include "xalloc.h"
#include "i18n.h"
#include "rec.h"
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct out {
        struct rec_writer *w;
};

struct out *out_open(const struct ctx *ctx, const char *const *columns)
{
        struct out *o;

        if (ctx->format == FMT_GEOJSON)
                cli_usage_error(ctx, _("format '%s' is not available for this command"),
                                fmt_name(ctx->format));
        o = xcalloc(1, sizeof(*o));
        o->w = rec_writer_open(stdout, ctx->format, columns);
        return o;
}

void out_write(struct out *o, json_t *rec)
{
        rec_write(o->w, rec);
}

void out_close(struct out *o)
{
        rec_writer_close(o->w);
        free(o);
}

/* JSON for scripts (or YAML, CSV); "key: value" lines for people, nested values as
 * compact JSON. */
void out_one(const struct ctx *ctx, json_t *rec)
{
        const char *key;
        json_t *v;

        if (ctx->format == FMT_YAML || ctx->format == FMT_CSV) {
                struct out *o = out_open(ctx, NULL);

                out_write(o, rec);
                out_close(o);
                return;
        }
        if (ctx->format != FMT_TABLE) {
                json_dumpf(rec, stdout,
                           JSON_PRESERVE_ORDER |
                               (ctx->format == FMT_NDJSON ? JSON_COMPACT : JSON_INDENT(2)));
                putchar('\n');
                return;
        }
        json_object_foreach(rec, key, v)
        {
                char *c = json_is_string(v) ? xstrdup(json_string_value(v))
                          : json_is_null(v)
                              ? xstrdup("")
                              : json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY);

                printf("%-14s %s\n", key, c != NULL ? c : "");
                free(c);
        }
}

void out_rows(const struct ctx *ctx, sqlite3 *db, sqlite3_stmt *st, const char *const *columns,
              bool single, json_t *(*make)(sqlite3_stmt *st, const void *arg), const void *arg)
{
        struct out *o = single ? NULL : out_open(ctx, columns);

        while (store_step(db, st) == SQLITE_ROW) {
                json_t *rec = make(st, arg);

                if (o != NULL)
                        out_write(o, rec);
                else
                        out_one(ctx, rec);
                json_decref(rec);
        }
        sqlite3_finalize(st);
        if (o != NULL)
                out_close(o);
}
