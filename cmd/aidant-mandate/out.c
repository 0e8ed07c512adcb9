/* Lists of aidant-mandate written through the common record writers (rec.h), and the
 * printing of one record. */
#include "out.h"
#include "cli.h"
#include "xalloc.h"
#include "i18n.h"
#include "rec.h"
#include "show.h"
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

void out_rows(const struct ctx *ctx, sqlite3 *db, sqlite3_stmt *st, const char *const *columns,
              bool single, json_t *(*make)(sqlite3_stmt *st, const void *arg), const void *arg)
{
        struct out *o = single ? NULL : out_open(ctx, columns);

        while (store_step(db, st) == SQLITE_ROW) {
                json_t *rec = make(st, arg);

                if (o != NULL)
                        out_write(o, rec);
                else
                        show_record(ctx, rec);
                json_decref(rec);
        }
        sqlite3_finalize(st);
        if (o != NULL)
                out_close(o);
}
