/* search: the places that match words, services, publics, place and opening time,
 * nearest first when --near is given. */
#include "cli.h"
#include "commands.h"
#include "db.h"
#include "msg.h"
#include "i18n.h"
#include "query.h"
#include "rec.h"
#include "schema.h"

#include <stdio.h>
#include <string.h>

#define DEFAULT_LIMIT 20

/* What a helper reads on a terminal; scripts get every field in the other formats. */
static const char *const table_columns[] = {"nom",       "adresse",  "code_postal", "commune",
                                            "telephone", "horaires", NULL};
static const char *const table_near_columns[] = {
    "distance_km", "nom", "adresse", "code_postal", "commune", "telephone", "horaires", NULL};

/* CSV: the schema's 32 columns, then the distance when there is one. */
static const char *const *csv_columns(bool near, const char *buf[SCHEMA_NFIELDS + 2])
{
        int i;

        for (i = 0; i < SCHEMA_NFIELDS; i++)
                buf[i] = schema_fields[i];
        buf[i++] = near ? "distance_km" : NULL;
        buf[i] = NULL;
        return buf;
}

static const char *const *columns_for(enum fmt f, bool near, const char *buf[SCHEMA_NFIELDS + 2])
{
        if (f == FMT_TABLE)
                return near ? table_near_columns : table_columns;
        if (f == FMT_CSV)
                return csv_columns(near, buf);
        return NULL;
}

int cmd_search(int argc, char **argv, struct ctx *ctx)
{
        static const struct option opts[] = {QUERY_LONGOPTS, {NULL, 0, NULL, 0}};
        const char *buf[SCHEMA_NFIELDS + 2];
        struct query q;
        struct query_run *run;
        struct rec_writer *w;
        struct db *db;
        json_t *rec;
        long n = 0;
        int c;

        query_init(&q, DEFAULT_LIMIT, QUERY_BY_NAME);
        while ((c = cli_getopt(ctx, argc, argv, opts)) != -1)
                query_option(&q, ctx, c, optarg);
        query_finish(&q, ctx, argc, argv);
        db = db_open(ctx);
        run = query_start(&q, db->sql);
        if (run == NULL) {
                db_close(db);
                query_free(&q);
                return EX_NOINPUT;
        }
        w = rec_writer_open(stdout, ctx->format, columns_for(ctx->format, q.near != NULL, buf));
        while (query_next(run, &rec)) {
                rec_write(w, rec);
                json_decref(rec);
                n++;
        }
        rec_writer_close(w);
        query_end(run);
        db_close(db);
        query_free(&q);
        if (n == 0)
                msg_notice("%s", _("no place matches the search"));
        return 0;
}
