/* export: the whole directory, or the places a search finds, as the schema's CSV, JSON,
 * NDJSON, YAML or GeoJSON for uMap, streamed one place at a time. */
#include "cli.h"
#include "commands.h"
#include "db.h"
#include "msg.h"
#include "i18n.h"
#include "query.h"
#include "rec.h"
#include "schema.h"

#include <stdio.h>

#define PROGRESS_EVERY 10000

static enum fmt export_format(const struct ctx *ctx, const char *arg)
{
        int f = fmt_parse(arg);

        if (f != FMT_CSV && f != FMT_JSON && f != FMT_NDJSON && f != FMT_YAML && f != FMT_GEOJSON)
                cli_usage_error(ctx, _("--format: '%s' is not csv, json, ndjson, yaml or geojson"),
                                arg);
        return (enum fmt)f;
}

static void progress(const struct ctx *ctx, long n, bool last)
{
        if (!ctx->tty_err || ctx->quiet || (!last && n % PROGRESS_EVERY != 0))
                return;
        fputc('\r', stderr);
        fprintf(stderr, _("places exported: %ld"), n);
        if (last)
                fputc('\n', stderr);
}

int cmd_export(int argc, char **argv, struct ctx *ctx)
{
        static const struct option opts[] = {
            QUERY_LONGOPTS, {"format", required_argument, NULL, 'f'}, {NULL, 0, NULL, 0}};
        enum fmt f = ctx->format_set ? ctx->format : FMT_JSON;
        struct query q;
        struct query_run *run;
        struct rec_writer *w;
        struct db *db;
        json_t *rec;
        long n = 0;
        int c;

        query_init(&q, -1, QUERY_BY_IMPORT);
        while ((c = cli_getopt(ctx, argc, argv, opts)) != -1) {
                if (c == 'f')
                        f = export_format(ctx, optarg);
                else
                        query_option(&q, ctx, c, optarg);
        }
        query_finish(&q, ctx, argc, argv);
        db = db_open(ctx);
        run = query_start(&q, db->sql);
        if (run == NULL) {
                db_close(db);
                query_free(&q);
                return EX_NOINPUT;
        }
        w = rec_writer_open(stdout, f, f == FMT_CSV ? schema_fields : NULL);
        while (query_next(run, &rec)) {
                if (f == FMT_CSV) /* exactly the schema's columns */
                        json_object_del(rec, "distance_km");
                rec_write(w, rec);
                json_decref(rec);
                progress(ctx, ++n, false);
        }
        if (rec_writer_skipped(w) > 0) /* uMap would not say they are missing */
                msg_notice(_("places without coordinates left out of the GeoJSON: %ld of %ld"),
                           rec_writer_skipped(w), n);
        rec_writer_close(w);
        progress(ctx, n, true);
        query_end(run);
        db_close(db);
        query_free(&q);
        return 0;
}
